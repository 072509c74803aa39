//! Taking files read again into a library: new issues go in date order, a changed issue is
//! replaced (or, when its new version fails to load, kept as it was, with the new problems
//! listed), and a removed file's issue goes, unless it is the one being read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::FileOutcome;
use super::folder::{Library, newest_first};
use super::problem::Problem;
use crate::model::Issue;

/// A file read again: its issue, if it loaded, and its problems. The issue is shared, so one
/// reading serves every library that takes it in (each reader of `kanbao serve`).
#[derive(Debug, Clone)]
pub struct Reloaded {
    pub path: PathBuf,
    pub issue: Option<Arc<Issue>>,
    pub problems: Vec<Problem>,
}

impl Reloaded {
    #[must_use]
    pub fn new(path: PathBuf, outcome: FileOutcome) -> Self {
        Self {
            path,
            issue: outcome.issue.map(Arc::new),
            problems: outcome.problems,
        }
    }
}

/// What taking in the changes did, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The titles of issues that are new to the library.
    pub added: Vec<String>,
    /// Issues replaced by their new version.
    pub replaced: usize,
    /// Issues gone with their files.
    pub removed: usize,
    /// Files whose new version failed: their last good issue is still shown.
    pub kept_last_good: Vec<PathBuf>,
    /// A removed file whose issue is being read: it stays until the reader leaves it.
    pub kept_being_read: Vec<PathBuf>,
}

impl Applied {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Library {
    /// Takes in `reloaded`, files read again, and the files at `removed`, which are gone.
    /// `reading` is the file of the issue on screen, which is never taken away under the
    /// reader.
    pub fn apply_changes(
        &mut self,
        reloaded: &[Reloaded],
        removed: &[PathBuf],
        reading: Option<&Path>,
    ) -> Applied {
        let mut applied = Applied::default();
        // Files counted already: those with an issue, and those that failed (an error names
        // each of them).
        let known: HashSet<PathBuf> = self
            .issues
            .iter()
            .map(|i| i.path.clone())
            .chain(
                self.problems
                    .iter()
                    .filter(|p| p.is_error())
                    .map(|p| p.path.clone()),
            )
            .collect();
        let touched: HashSet<&Path> = reloaded
            .iter()
            .map(|file| file.path.as_path())
            .chain(removed.iter().map(PathBuf::as_path))
            .collect();
        // A file's problems are those of its last reading; a removed file has none.
        self.problems
            .retain(|p| !touched.contains(p.path.as_path()));
        for file in reloaded {
            let path = &file.path;
            self.problems.extend(file.problems.iter().cloned());
            let existing = self.issues.iter().position(|i| i.path == *path);
            match (&file.issue, existing) {
                (Some(issue), Some(at)) => {
                    self.issues[at] = Arc::clone(issue);
                    applied.replaced += 1;
                }
                (Some(issue), None) => {
                    if !known.contains(path) {
                        self.files += 1;
                    }
                    applied.added.push(issue.title.clone());
                    self.issues.push(Arc::clone(issue));
                }
                (None, Some(_)) => applied.kept_last_good.push(path.clone()),
                (None, None) => {
                    if !known.contains(path) {
                        self.files += 1;
                    }
                }
            }
        }
        for path in removed {
            if reading == Some(path.as_path()) {
                applied.kept_being_read.push(path.clone());
                continue;
            }
            if let Some(at) = self.issues.iter().position(|i| i.path == *path) {
                self.issues.remove(at);
                applied.removed += 1;
            }
            if known.contains(path) {
                self.files = self.files.saturating_sub(1);
            }
        }
        self.issues.sort_by(|a, b| newest_first(a, b));
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
        applied
    }
}
