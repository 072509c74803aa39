//! Loading issue files: one file at a time (`parse_issue`, `load_file`) or a whole folder
//! (`load_folder`), where one bad file never stops the others.

mod batches;
mod changes;
mod first_look;
pub use first_look::{FIRST_LOOK_ABOVE, first_look};
pub(crate) mod fields;
mod folder;
mod one_line;
mod plain_toml;
pub use plain_toml::parse_plain;
mod parse;
pub(crate) use parse::syntax_message;
mod position;
mod problem;
mod read;
mod update;

pub use batches::{load_folder_in_batches, load_folder_in_batches_stamped};
pub use changes::{FolderChanges, FolderStamps, Stamp};
pub use folder::{
    Bodies, FolderError, Library, issue_files, load_each, load_folder, load_folder_keeping,
    load_paths, newest_first,
};
pub use parse::{FileOutcome, parse_issue, parse_issue_file};
pub use problem::{Problem, Severity};
use read::read_issue_text;
pub(crate) use read::{MAX_ISSUE_BYTES, decode_utf8_file, human_size, read_regular_file};
pub use update::{Applied, Reloaded};

use std::path::Path;

/// Reads and parses one issue file; its bodies are left in it (see [`parse_issue_file`]).
#[must_use]
pub fn load_file(path: &Path) -> FileOutcome {
    read_issue_text(path, |text, file| parse_issue_file(path, text, file)).unwrap_or_else(refused)
}

/// [`load_file`] with every body kept in memory, for a caller that reads them all at once.
#[must_use]
pub fn load_file_in_memory(path: &Path) -> FileOutcome {
    read_issue_text(path, |text, _| parse_issue(path, text)).unwrap_or_else(refused)
}

/// The outcome for a file that cannot be an issue file.
fn refused(problem: Problem) -> FileOutcome {
    FileOutcome {
        issue: None,
        problems: vec![problem],
    }
}
