//! The status line: the issue, article n/m, how far through it the reader is, the find's
//! match counter, failed files, and how to get help. As the window narrows it gives up what
//! matters least first (the issue's title, then `? help`, then long forms and the percentage),
//! so the article number and the match counter stay while they fit; an open prompt keeps its
//! label whole and scrolls the query so that its end and the cursor stay in view.

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::reader::{Area, Find, Focus, Overlay, Prompt, RESULT_LIMIT, Reader};

use crate::text::{AmbiguousWidth, keep_end, separator, str_width, truncate, truncate_start};

/// The prompt's cursor, after the query.
const CURSOR: &str = "_";

/// The narrowest a truncated issue title is still worth showing, in columns.
const SHORTEST_TITLE: usize = 6;

pub fn render(reader: &Reader, library: &Library, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    fill(buf, area.x, area.y, area.width, theme.status);
    let (left, right) = status_text(reader, library, usize::from(area.width));
    put_str(
        buf,
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        &left,
        theme.status,
        ambiguous,
    );
    let right_width = str_width(&right, ambiguous);
    if !right.is_empty() && right_width + 2 <= usize::from(area.width) {
        let x = area.x + area.width - u16::try_from(right_width + 1).unwrap_or(0);
        put_str(buf, x, area.y, area.width, &right, theme.status, ambiguous);
    }
}

/// The status line's left and right text for `width` columns: the most detailed forms that
/// fit, with a column of margin at each end and at least one between them.
#[must_use]
pub fn status_text(reader: &Reader, library: &Library, width: usize) -> (String, String) {
    let ambiguous = reader.settings.ambiguous;
    let sep = separator(ambiguous);
    let mut extras = Vec::new();
    // Nothing is counted before the first batch, but a first look at a large file may be
    // shown: its article is cut short until its file is read whole.
    if let Some((loaded, total)) = reader.loading
        && total > 0
    {
        extras.push(format!("loading {loaded}/{total}"));
    }
    let failed = library.failed_files();
    if failed > 0 {
        let files = if failed == 1 { "file" } else { "files" };
        extras.push(format!("{failed} {files} failed: !"));
    }
    if reader.not_saved.is_some() {
        extras.push("state not saved: !".to_owned());
    }
    let help = match reader.overlay {
        Overlay::None => "? help",
        Overlay::Help | Overlay::Problems | Overlay::Bookmarks | Overlay::Links => "Esc back",
    };
    let without_help = extras.join(sep);
    extras.push(help.to_owned());
    let full_right = extras.join(sep);
    let fit = Fit { width, ambiguous };
    // Each side's forms, most detailed first; the first pair that fits wins.
    let rights = [full_right.as_str(), without_help.as_str(), ""];
    if let Some(prompt) = &reader.prompt {
        return prompt_line(prompt, &fit, &rights);
    }
    let label = match (&reader.notice, reader.overlay, &reader.results) {
        (Some(notice), _, _) => {
            // A notice's end says what to do ("q again to quit"): cut its start instead.
            let mut forms = with_each(notice, &rights);
            let room = width.saturating_sub(2);
            forms.push((truncate_start(notice, room, ambiguous).into_owned(), ""));
            return fit.choose(&forms);
        }
        (None, Overlay::Help, _) => "Keys".to_owned(),
        (None, Overlay::Problems, _) => "Problems".to_owned(),
        (None, Overlay::Bookmarks, _) => "Bookmarks: Enter opens".to_owned(),
        (None, Overlay::Links, _) => "Links: Enter copies".to_owned(),
        (None, Overlay::None, Some(results)) if reader.focus == Focus::List => {
            let count = results.matches.len();
            let more = if count >= RESULT_LIMIT { "+" } else { "" };
            let query = &results.text;
            let long = format!("search: {query}{sep}{count}{more} matches");
            let count = format!("{sep}{count}{more}");
            let room = width.saturating_sub(2 + fit.of("s: ") + fit.of(&count));
            let short = format!("s: {}{count}", truncate(query, room, ambiguous));
            let mut forms = with_each(&long, &rights);
            forms.push((short, ""));
            return fit.choose(&forms);
        }
        (None, Overlay::None, _) => {
            return fit.choose(&article_forms(reader, library, &fit, &rights));
        }
    };
    fit.choose(&with_each(&label, &rights))
}

/// `left` with each of the right side's forms.
fn with_each<'r>(left: &str, rights: &[&'r str]) -> Vec<(String, &'r str)> {
    rights
        .iter()
        .map(|right| (left.to_owned(), *right))
        .collect()
}

/// Measuring against the line's width.
struct Fit {
    width: usize,
    ambiguous: AmbiguousWidth,
}

impl Fit {
    fn of(&self, text: &str) -> usize {
        str_width(text, self.ambiguous)
    }

    /// Whether `left` and `right` fit side by side with their margins.
    fn fits(&self, left: &str, right: &str) -> bool {
        let needed = match right {
            "" => self.of(left) + 2,
            _ => self.of(left) + self.of(right) + 3,
        };
        needed <= self.width
    }

    /// The first pair of forms that fits; when none does, the last left form cut to the
    /// width.
    fn choose(&self, forms: &[(String, &str)]) -> (String, String) {
        if let Some((left, right)) = forms.iter().find(|(left, right)| self.fits(left, right)) {
            return (left.clone(), (*right).to_owned());
        }
        let last = forms.last().map_or("", |(left, _)| left.as_str());
        let room = self.width.saturating_sub(2);
        (
            truncate(last, room, self.ambiguous).into_owned(),
            String::new(),
        )
    }
}

/// The prompt with its whole label and the query up to the cursor: the full label while the
/// whole query fits after it, else the short label and as much of the query's end as fits.
fn prompt_line(prompt: &Prompt, fit: &Fit, rights: &[&str]) -> (String, String) {
    let typed = format!("{}{CURSOR}", prompt.text);
    let whole = format!("{}{typed}", prompt.label());
    for right in rights {
        if fit.fits(&whole, right) {
            return (whole, (*right).to_owned());
        }
    }
    let label = prompt.short_label();
    let room = fit.width.saturating_sub(2 + fit.of(label));
    let shown = keep_end(&typed, room, fit.ambiguous);
    (format!("{label}{shown}"), String::new())
}

/// The forms of the article's status with the right side's, most detailed first:
/// `title · 3/9 · 100% · match 2/5` and `? help`, then the title cut short, without the title,
/// without `? help`, with short forms (`2/5` for the match), without the percentage, without
/// anything on the right, and single spaces between the fields.
fn article_forms<'r>(
    reader: &Reader,
    library: &Library,
    fit: &Fit,
    rights: &[&'r str; 3],
) -> Vec<(String, &'r str)> {
    let Some(at) = reader.rows.articles.get(reader.selected) else {
        let text = if reader.loading.is_some() {
            "loading issues..."
        } else {
            "no issues"
        };
        return with_each(text, rights);
    };
    let [full_right, without_help, nothing] = *rights;
    let sep = separator(fit.ambiguous);
    let issue = library.issues.get(at.issue);
    let count = issue.map_or(0, |i| i.articles.len());
    let title = issue.map(|i| i.title.as_str()).unwrap_or_default();
    let number = format!("{}/{count}", at.article + 1);
    let percent = format!("{}%", reader.percent());
    let matches = reader.find.as_ref().map(match_counter);
    let long_match = matches.as_ref().map(|(long, _)| long.as_str());
    let short_match = matches.as_ref().map(|(_, short)| short.as_str());
    let join = |fields: &[Option<&str>], sep: &str| {
        fields
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(sep)
    };
    let rest = join(&[Some(&number), Some(&percent), long_match], sep);
    let mut forms = vec![(format!("{title}{sep}{rest}"), full_right)];
    // The title cut to what the other fields and the right side leave of the width.
    let taken = 3 + fit.of(full_right) + fit.of(sep) + fit.of(&rest);
    let room = fit.width.saturating_sub(taken);
    if room >= SHORTEST_TITLE {
        let title = truncate(title, room, fit.ambiguous);
        forms.push((format!("{title}{sep}{rest}"), full_right));
    }
    let short = join(&[Some(&number), Some(&percent), short_match], sep);
    let no_percent = join(&[Some(&number), short_match], sep);
    let tight = join(&[Some(&number), short_match], " ");
    forms.extend([
        (rest.clone(), full_right),
        (rest, without_help),
        (short, without_help),
        (no_percent.clone(), without_help),
        (no_percent, nothing),
        (tight, nothing),
    ]);
    forms
}

/// The find's counter, long (`match 2/5`, `no match`, `5 matches`) and short (`2/5`, `0/0`,
/// `-/5`).
fn match_counter(find: &Find) -> (String, String) {
    let count = find.hits.len();
    match find.current {
        _ if count == 0 => ("no match".to_owned(), "0/0".to_owned()),
        Some(i) => (
            format!("match {}/{count}", i + 1),
            format!("{}/{count}", i + 1),
        ),
        None => (format!("{count} matches"), format!("-/{count}")),
    }
}
