//! Loading a folder of issues a batch at a time, so that a reader can show the first issues
//! while the rest still load: over a slow link, a year of bulletins should not keep the
//! screen empty.

use std::path::{Path, PathBuf};

use super::folder::{FolderError, Library, issue_files, load_files};

/// How many files the first batch holds: few, so that something shows at once.
const FIRST_BATCH: usize = 8;
/// The largest batch: each batch costs the reader a re-sort and a new list, so later batches
/// grow, but not so large that the list stops filling in.
const LARGEST_BATCH: usize = 256;

/// Loads every issue file in `dir` (as [`load_folder`](super::load_folder) does), handing
/// each batch to `each` as soon as it is loaded, with the number of files in all. Files are taken in reverse name order:
/// issue files are usually named by date, so the newest issues, the top of the list, come
/// first. Returns how many files there were, or the folder's error before any batch.
pub fn load_folder_in_batches(
    dir: &Path,
    mut each: impl FnMut(Library, usize),
) -> Result<usize, FolderError> {
    let mut files = issue_files(dir)?;
    files.reverse();
    for batch in batches(&files) {
        each(load_files(batch), files.len());
    }
    Ok(files.len())
}

/// `files` in batches that double in size from [`FIRST_BATCH`] up to [`LARGEST_BATCH`].
fn batches(files: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = files;
    let mut size = FIRST_BATCH;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (batch, after) = rest.split_at(size.min(rest.len()));
        rest = after;
        size = (size * 2).min(LARGEST_BATCH);
        Some(batch)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_grow_and_cover_every_file_once() {
        let files: Vec<PathBuf> = (0..1000).map(|i| PathBuf::from(format!("{i}"))).collect();
        let sizes: Vec<usize> = batches(&files).map(<[PathBuf]>::len).collect();
        assert_eq!(&sizes[..7], &[8, 16, 32, 64, 128, 256, 256]);
        assert_eq!(sizes.iter().sum::<usize>(), 1000);
        assert_eq!(batches(&[]).count(), 0);
    }
}
