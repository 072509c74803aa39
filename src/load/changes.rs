//! What changed in the issues folder since it was last looked at. A watcher's events only say
//! that something may have changed; the folder's files and their stamps say what did.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::folder::{FolderError, issue_files};
pub use crate::model::Stamp;

/// The issue files of a folder and their stamps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderStamps(HashMap<PathBuf, Stamp>);

/// Files added, changed and removed between two looks at a folder, each in name order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderChanges {
    pub added: Vec<PathBuf>,
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl FolderChanges {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// The files to read again: the added and the changed.
    #[must_use]
    pub fn to_read(&self) -> Vec<PathBuf> {
        self.added.iter().chain(&self.changed).cloned().collect()
    }
}

impl FolderStamps {
    /// Stamps every issue file in `dir` (the files [`issue_files`] lists). A file that goes
    /// away between the listing and its stamp is left out, as if listed a moment later.
    pub fn scan(dir: &Path) -> Result<Self, FolderError> {
        let files = issue_files(dir)?;
        Ok(Self(
            files
                .into_iter()
                .filter_map(|path| {
                    let stamp = Stamp::of(&fs::metadata(&path).ok()?);
                    Some((path, stamp))
                })
                .collect(),
        ))
    }

    /// Builds stamps from known pairs (for tests, and for files just loaded).
    #[must_use]
    pub fn from_pairs(pairs: impl IntoIterator<Item = (PathBuf, Stamp)>) -> Self {
        Self(pairs.into_iter().collect())
    }

    /// What changed from `self` to `now`.
    #[must_use]
    pub fn changes_to(&self, now: &Self) -> FolderChanges {
        let mut changes = FolderChanges::default();
        for (path, stamp) in &now.0 {
            match self.0.get(path) {
                None => changes.added.push(path.clone()),
                Some(before) if before != stamp => changes.changed.push(path.clone()),
                Some(_) => {}
            }
        }
        changes.removed = self
            .0
            .keys()
            .filter(|path| !now.0.contains_key(*path))
            .cloned()
            .collect();
        changes.added.sort();
        changes.changed.sort();
        changes.removed.sort();
        changes
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(len: u64, inode: u64) -> Stamp {
        Stamp {
            len,
            modified: (1, 0),
            changed: (1, 0),
            inode: (1, inode),
        }
    }

    #[test]
    fn added_changed_and_removed_files_are_told_apart() {
        let before = FolderStamps::from_pairs([
            (PathBuf::from("a.toml"), stamp(10, 1)),
            (PathBuf::from("b.toml"), stamp(20, 2)),
            (PathBuf::from("c.toml"), stamp(30, 3)),
        ]);
        let now = FolderStamps::from_pairs([
            (PathBuf::from("a.toml"), stamp(10, 1)),
            // Renamed over: same size, new inode.
            (PathBuf::from("b.toml"), stamp(20, 9)),
            (PathBuf::from("d.toml"), stamp(40, 4)),
        ]);
        let changes = before.changes_to(&now);
        assert_eq!(changes.added, vec![PathBuf::from("d.toml")]);
        assert_eq!(changes.changed, vec![PathBuf::from("b.toml")]);
        assert_eq!(changes.removed, vec![PathBuf::from("c.toml")]);
        assert!(before.changes_to(&before).is_empty());
    }

    #[test]
    fn a_write_in_place_and_a_rename_over_are_both_seen_on_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.toml");
        fs::write(&path, "title = 'a'\n").expect("write");
        let first = FolderStamps::scan(dir.path()).expect("scan");
        // Same size, written in place.
        fs::write(&path, "title = 'b'\n").expect("write");
        let second = FolderStamps::scan(dir.path()).expect("scan");
        assert_eq!(first.changes_to(&second).changed, vec![path.clone()]);
        // Same size again, renamed over.
        let temporary = dir.path().join(".a.toml.tmp");
        fs::write(&temporary, "title = 'c'\n").expect("write");
        fs::rename(&temporary, &path).expect("rename");
        let third = FolderStamps::scan(dir.path()).expect("scan");
        assert_eq!(second.changes_to(&third).changed, vec![path]);
    }
}
