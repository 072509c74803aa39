//! `kanbao import FILE.txt [-o OUT.toml]`: a bulletin's extracted text to an issue file,
//! checked by the same loader that reads issues, so what it writes is what kanbao reads.

use std::path::PathBuf;
use std::process::ExitCode;

use kanbao::import::{self, ImportOptions};
use kanbao::load;

use super::CommandError;

pub struct Request {
    pub file: PathBuf,
    pub output: Option<PathBuf>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub force: bool,
    pub issues_dir: PathBuf,
}

pub fn run(request: &Request) -> Result<ExitCode, CommandError> {
    let from_stdin = request.file.as_os_str() == "-";
    let shown = request.file.display();
    let bytes = if from_stdin {
        import::read_limited(std::io::stdin().lock(), "standard input")
    } else {
        import::read_text_file(&request.file)
    }
    .map_err(|error| error.to_string())?;
    let (text, encoding) = import::decode(&bytes).map_err(|error| format!("{shown}: {error}"))?;
    let date = request
        .date
        .as_deref()
        .map(import::parse_date)
        .transpose()
        .map_err(|error| error.to_string())?;
    let options = ImportOptions {
        title: request.title.clone(),
        date,
    };
    let imported = import::import_text(&text, &options);
    let toml = imported.to_toml();
    // GB18030 text grows by half as UTF-8 and escaping adds more: the issue file can be
    // larger than the text, past what kanbao loads.
    let source = if from_stdin {
        "standard input".to_owned()
    } else {
        shown.to_string()
    };
    import::check_issue_size(&source, &toml).map_err(|error| error.to_string())?;

    let output = match &request.output {
        Some(path) => path.clone(),
        None if from_stdin => PathBuf::from("-"),
        None => {
            let stem = request.file.file_stem().unwrap_or_default();
            request.issues_dir.join(stem).with_extension("toml")
        }
    };
    // What we write must load: check it with the issue loader before it reaches the disk,
    // and write nothing that would not (text with no paragraphs at all, say).
    let outcome = load::parse_issue(&output, &toml);
    for problem in &outcome.problems {
        super::eprint(&problem.to_string());
    }
    if outcome.issue.is_none() {
        super::eprint(&format!(
            "{shown}: nothing written: the imported issue would not load (see above)"
        ));
        return Ok(ExitCode::FAILURE);
    }
    if output.as_os_str() == "-" {
        super::print(&toml)?;
    } else {
        import::write_new_file(&output, &toml, request.force).map_err(|e| e.to_string())?;
        super::eprint(&format!(
            "wrote {}: {}, language {}, read as {encoding}",
            output.display(),
            super::plural(imported.articles.len(), "article"),
            imported.language,
        ));
        if imported.title.is_none() {
            super::eprint(
                "the text names no title: edit `title` in the file, or import again with --title",
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
