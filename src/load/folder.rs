//! Loading a folder of issues: every `*.toml` directly inside is an issue, newest first.
//! Files are read and parsed on all cores; one bad file never stops the others.

use std::cmp::Ordering;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::problem::Problem;
use super::{FileOutcome, load_file, load_file_in_memory};
use crate::model::{Issue, IssueNumber};
use crate::parallel::map_on_every_core;

/// The issues that loaded and every problem found, errors and warnings alike.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Newest first: by date, then number, then file name.
    pub issues: Vec<Arc<Issue>>,
    /// In file order, then by position within each file.
    pub problems: Vec<Problem>,
    /// How many files were read (loaded or not).
    pub files: usize,
}

impl Library {
    /// Files read that gave no issue.
    #[must_use]
    pub fn failed_files(&self) -> usize {
        // First looks are issues of files not counted yet (they come before any batch).
        self.files.saturating_sub(self.issues.len())
    }

    #[must_use]
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.count)
            .sum()
    }

    #[must_use]
    pub fn warning_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| !p.is_error())
            .map(|p| p.count)
            .sum()
    }

    /// Takes in the issues and problems of another part of the same folder (the loader sends
    /// a folder in batches), keeping both orders. Returns how many issues at the start kept
    /// their place: the new ones went in after them, so a list of the issues need only be
    /// made again from there on (all of them went in at the end when files are named by
    /// date, as the loader sends the newest first).
    pub fn merge(&mut self, other: Library) -> usize {
        self.files += other.files;
        self.problems.extend(other.problems);
        // Stable: a file's problems keep their order by position.
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
        let mut batch = other.issues;
        // A batch is sorted already (one run: linear), unless it was made by hand.
        batch.sort_by(|a, b| newest_first(a, b));
        let Some(first) = batch.first() else {
            return self.issues.len();
        };
        // An issue already in goes before an equal new one, as in a stable sort of both.
        let kept = self
            .issues
            .partition_point(|issue| newest_first(issue, first) != Ordering::Greater);
        let after = self.issues.split_off(kept);
        self.issues.reserve(after.len() + batch.len());
        merge_sorted(&mut self.issues, after, batch);
        kept
    }

    /// Takes out the first looks at large files (see `first_look`), once their files are
    /// read whole; returns where the first of them was, if there were any.
    pub fn drop_first_looks(&mut self) -> Option<usize> {
        let first = self.issues.iter().position(|issue| issue.first_look)?;
        self.issues.retain(|issue| !issue.first_look);
        Some(first)
    }

    fn add(&mut self, outcomes: Vec<FileOutcome>) {
        self.files += outcomes.len();
        for outcome in outcomes {
            self.issues.extend(outcome.issue.map(Arc::new));
            self.problems.extend(outcome.problems);
        }
    }

    fn sort(&mut self) {
        self.issues.sort_by(|a, b| newest_first(a, b));
    }
}

/// The issues folder itself could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{path}: the issues folder does not exist; create it or point --issues at another")]
    Missing { path: String },
    #[error("{path}: this is not a folder; --issues takes the folder that holds the issue files")]
    NotAFolder { path: String },
    #[error("{path}: the issues folder cannot be read: {source}")]
    Unreadable { path: String, source: io::Error },
}

/// Loads every `*.toml` file directly in `dir` (names starting with `.` are skipped: editors
/// keep their backups there).
pub fn load_folder(dir: &Path) -> Result<Library, FolderError> {
    load_folder_keeping(dir, Bodies::InFiles)
}

/// [`load_folder`], the bodies kept as `bodies` says.
pub fn load_folder_keeping(dir: &Path, bodies: Bodies) -> Result<Library, FolderError> {
    Ok(load_files(&issue_files(dir)?, bodies))
}

/// Loads the files and folders named on a command line, in that order.
pub fn load_paths(paths: &[PathBuf]) -> Result<Library, FolderError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(issue_files(path)?);
        } else {
            // A named file is checked even when it is a dangling link or not `.toml`:
            // the user asked about it.
            files.push(path.clone());
        }
    }
    Ok(load_files(&files, Bodies::InFiles))
}

/// Where the loaded issues keep their article bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Left in their files (up to [`KEPT_ABOVE`](crate::model::KEPT_ABOVE) bytes), read back
    /// when shown or searched: for a library whose changes are watched, so that a changed
    /// file is read again.
    InFiles,
    /// Kept in memory: for a library read once, whose files may then change unseen.
    InMemory,
}

pub(super) fn load_files(files: &[PathBuf], bodies: Bodies) -> Library {
    let mut library = Library::default();
    library.add(load_each(files, bodies, |outcome| outcome));
    library.sort();
    library
}

/// The issue files of `dir` in name order: every `*.toml` directly inside, except names
/// starting with `.` (editors keep their backups there).
pub fn issue_files(dir: &Path) -> Result<Vec<PathBuf>, FolderError> {
    let shown = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => FolderError::Missing {
            path: shown.clone(),
        },
        io::ErrorKind::NotADirectory => FolderError::NotAFolder {
            path: shown.clone(),
        },
        _ => FolderError::Unreadable {
            path: shown.clone(),
            source,
        },
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.') && path.extension().is_some_and(|ext| ext == "toml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Loads files on every core, the bodies kept as `bodies` says, handing each outcome to
/// `each` on the core that loaded it, and returns what `each` made of them in the order of
/// `files`. What `each` does not keep is freed at once: a caller that keeps little of each
/// issue never holds the whole folder (a search through it reads every body once, and keeps
/// them in memory while it does).
pub fn load_each<T: Send>(
    files: &[PathBuf],
    bodies: Bodies,
    each: impl Fn(FileOutcome) -> T + Sync,
) -> Vec<T> {
    map_on_every_core(files, |path| {
        each(match bodies {
            Bodies::InFiles => load_file(path),
            Bodies::InMemory => load_file_in_memory(path),
        })
    })
}

/// Appends `older` and `newer`, both in library order, to `out` in library order; of two
/// equal issues, the one from `older` first.
fn merge_sorted(out: &mut Vec<Arc<Issue>>, older: Vec<Arc<Issue>>, newer: Vec<Arc<Issue>>) {
    let mut older = older.into_iter().peekable();
    let mut newer = newer.into_iter().peekable();
    loop {
        let from_older = match (older.peek(), newer.peek()) {
            (Some(a), Some(b)) => newest_first(a, b) != Ordering::Greater,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return,
        };
        out.extend(if from_older {
            older.next()
        } else {
            newer.next()
        });
    }
}

/// Library order: newest first by date, then by number, then by file name (`Library::issues`
/// is sorted by it; a command that keeps issues of its own sorts them the same way).
#[must_use]
pub fn newest_first(a: &Issue, b: &Issue) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| number_key(b.number.as_ref()).cmp(&number_key(a.number.as_ref())))
        .then_with(|| b.path.file_name().cmp(&a.path.file_name()))
}

/// Integers compare as numbers; a label such as `2022 年第 41 期` by the digits it holds.
fn number_key(number: Option<&IssueNumber>) -> Option<Vec<u64>> {
    Some(match number? {
        IssueNumber::Integer(n) => vec![n.unsigned_abs()],
        IssueNumber::Label(label) => label
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|digits| digits.parse().ok())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(path: &str, date: &str) -> Issue {
        let text = format!(
            "title = \"简报\"\ndate = {date}\n\n[[article]]\ntitle = \"一\"\nbody = \"文\"\n"
        );
        super::super::parse_issue(Path::new(path), &text)
            .issue
            .expect("an issue")
    }

    fn batch(issues: Vec<Issue>) -> Library {
        Library {
            files: issues.len(),
            issues: issues.into_iter().map(Arc::new).collect(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn merging_keeps_library_order_and_says_how_many_issues_kept_their_place() {
        let mut library = Library::default();
        let merged = library.merge(batch(vec![
            issue("b.toml", "2024-01-01"),
            issue("d.toml", "2024-03-01"),
        ]));
        assert_eq!(merged, 0);
        // Older than all: in at the end.
        assert_eq!(library.merge(batch(vec![issue("a.toml", "2023-12-01")])), 2);
        // Between: the newest stays put.
        assert_eq!(library.merge(batch(vec![issue("c.toml", "2024-02-01")])), 1);
        // Newer than all: nothing stays put.
        assert_eq!(library.merge(batch(vec![issue("e.toml", "2025-01-01")])), 0);
        assert_eq!(library.merge(batch(Vec::new())), 5);
        let stems: Vec<&str> = library.issues.iter().map(|i| i.stem.as_str()).collect();
        assert_eq!(stems, ["e", "d", "c", "b", "a"]);
        assert_eq!(library.files, 5);
    }

    #[test]
    fn of_equal_issues_the_one_merged_first_comes_first() {
        let mut library = batch(vec![issue("one/x.toml", "2024-01-01")]);
        library.merge(batch(vec![issue("two/x.toml", "2024-01-01")]));
        let paths: Vec<&Path> = library.issues.iter().map(|i| i.path.as_path()).collect();
        assert_eq!(paths, [Path::new("one/x.toml"), Path::new("two/x.toml")]);
    }

    #[test]
    fn labels_order_by_the_numbers_they_hold() {
        let label = |s: &str| number_key(Some(&IssueNumber::Label(s.into())));
        assert!(label("2022 年第 41 期") > label("2022 年第 9 期"));
        assert!(label("2023 年第 1 期") > label("2022 年第 41 期"));
    }
}
