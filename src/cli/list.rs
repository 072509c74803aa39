//! `kanbao list`: each issue (date, number, title, file) and its articles (index, section,
//! title), in columns aligned by display width so CJK titles line up.

use std::fmt::Write as _;
use std::process::ExitCode;

use kanbao::load::Library;
use kanbao::text::{AmbiguousWidth, pad_to_width, str_width};

use super::CommandError;

pub fn run(library: &Library) -> Result<ExitCode, CommandError> {
    let mut out = render(library, AmbiguousWidth::Narrow);
    if library.error_count() > 0 {
        let _ = writeln!(
            out,
            "\n{} could not be loaded; `kanbao check` shows why.",
            super::plural(library.failed_files(), "file")
        );
    }
    super::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The listing as text, one line per issue and per article.
#[must_use]
fn render(library: &Library, ambiguous: AmbiguousWidth) -> String {
    let width = |s: &str| str_width(s, ambiguous);
    let numbers: Vec<String> = library
        .issues
        .iter()
        .map(|issue| {
            issue
                .number
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect();
    let number_width = numbers.iter().map(|n| width(n)).max().unwrap_or(0);
    let title_width = library
        .issues
        .iter()
        .map(|i| width(&i.title))
        .max()
        .unwrap_or(0);
    let section_width = library
        .issues
        .iter()
        .flat_map(|issue| &issue.articles)
        .filter_map(|article| article.section.as_deref())
        .map(width)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (issue, number) in library.issues.iter().zip(&numbers) {
        let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
        let file = issue
            .path
            .file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default();
        let line = format!(
            "{date:<10}  {}  {}  {file}",
            pad_to_width(number, number_width, ambiguous),
            pad_to_width(&issue.title, title_width, ambiguous),
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for (index, article) in issue.articles.iter().enumerate() {
            let section = article.section.as_deref().unwrap_or("");
            let line = if section_width == 0 {
                format!("  {:>3}  {}", index + 1, article.title)
            } else {
                format!(
                    "  {:>3}  {}  {}",
                    index + 1,
                    pad_to_width(section, section_width, ambiguous),
                    article.title
                )
            };
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}
