//! `kanbao check`: every problem in the issue files, then a one-line summary.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use kanbao::config::Config;
use kanbao::load;

use super::CommandError;

pub fn run(paths: &[PathBuf], _config: &Config) -> Result<ExitCode, CommandError> {
    let library = load::load_paths(paths).map_err(|error| error.to_string())?;
    let mut out = String::new();
    for problem in &library.problems {
        let _ = writeln!(out, "{problem}");
    }
    let errors = library.error_count();
    let warnings = library.warning_count();
    let _ = writeln!(
        out,
        "{} checked: {} loaded, {} with errors; {}, {}",
        super::plural(library.files, "file"),
        library.issues.len(),
        library.failed_files(),
        super::plural(errors, "error"),
        super::plural(warnings, "warning"),
    );
    super::print(&out)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
