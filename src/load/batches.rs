//! Loading a folder of issues a batch at a time, so that a reader can show the first issues
//! while the rest still load: over a slow link, a year of bulletins should not keep the
//! screen empty.

use std::fs;
use std::path::{Path, PathBuf};

use super::changes::{FolderStamps, Stamp};
use super::first_look::first_look;
use super::folder::{Bodies, FolderError, Library, issue_files, load_files};

/// How many files the first batch holds: few, so that something shows at once.
const FIRST_BATCH: usize = 8;

/// Loads every issue file in `dir` (as [`load_folder`](super::load_folder) does), handing
/// each batch to `each` as soon as it is loaded, with the number of files in all. Files are taken in reverse name order:
/// issue files are usually named by date, so the newest issues, the top of the list, come
/// first. Returns how many files there were, or the folder's error before any batch.
pub fn load_folder_in_batches(
    dir: &Path,
    each: impl FnMut(Library, usize),
) -> Result<usize, FolderError> {
    load_batches(dir, each, false, Bodies::InFiles, || {}).map(|(files, _)| files)
}

/// [`load_folder_in_batches`] for a reader: also stamping every file before it is read, so
/// that a watcher comparing later stamps with these reads again a file that changed while the
/// folder loaded, and with a first look at the large files of the first batch (see
/// [`first_look`]): a batch of those issues, marked `first_look`, comes before the first
/// batch, which holds them whole. The first batch's files are stamped first and the rest
/// after the first batch is handed over: a stat per file (tens of milliseconds at 10,000
/// files) must not hold up the first screenful of issues.
///
/// After handing over first looks, `until_shown` is called: it returns once they are on
/// screen (or after a while), so that reading the files whole does not take the cores
/// the first frame needs. `bodies` says where the issues keep their bodies.
pub fn load_folder_in_batches_stamped(
    dir: &Path,
    each: impl FnMut(Library, usize),
    bodies: Bodies,
    until_shown: impl FnOnce(),
) -> Result<(usize, FolderStamps), FolderError> {
    load_batches(dir, each, true, bodies, until_shown)
}

fn load_batches(
    dir: &Path,
    mut each: impl FnMut(Library, usize),
    stamped: bool,
    bodies: Bodies,
    until_shown: impl FnOnce(),
) -> Result<(usize, FolderStamps), FolderError> {
    let mut files = issue_files(dir)?;
    files.reverse();
    let mut stamps = Vec::new();
    let mut stamp = |paths: &[PathBuf]| {
        if stamped {
            stamps.extend(paths.iter().filter_map(|path| {
                fs::metadata(path)
                    .ok()
                    .map(|metadata| (path.clone(), Stamp::of(&metadata)))
            }));
        }
    };
    let mut until_shown = Some(until_shown);
    let mut sent = 0;
    for batch in batches(&files) {
        if sent == 0 {
            stamp(batch);
            if stamped {
                let looks = first_looks(batch);
                if !looks.issues.is_empty() {
                    each(looks, files.len());
                    if let Some(wait) = until_shown.take() {
                        wait();
                    }
                }
            }
        } else if sent == FIRST_BATCH.min(files.len()) {
            stamp(files.get(sent..).unwrap_or_default());
        }
        sent += batch.len();
        each(load_files(batch, bodies), files.len());
    }
    Ok((files.len(), FolderStamps::from_pairs(stamps)))
}

/// The first looks at `files`, as a library of no files (they are counted when they load).
fn first_looks(files: &[PathBuf]) -> Library {
    let mut issues: Vec<_> = files
        .iter()
        .filter_map(|path| first_look(path))
        .map(std::sync::Arc::new)
        .collect();
    issues.sort_by(|a, b| super::newest_first(a, b));
    Library {
        issues,
        ..Library::default()
    }
}

/// `files` in batches of [`FIRST_BATCH`], then each as large as all the batches before it.
/// A batch costs the reader work for the issues it moved (merging it in, the list made again
/// from the first that moved): little when it goes in at the end, but up to the whole library
/// so far when its issues land among those loaded (files not named by date). Batches that
/// grow with the library keep loading linear in the folder's size either way, where batches
/// of a fixed size would make it quadratic. The newest issues, the top of the list, are in
/// the first small batches all the same.
fn batches(files: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = files;
    let mut taken = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let size = taken.max(FIRST_BATCH);
        let (batch, after) = rest.split_at(size.min(rest.len()));
        rest = after;
        taken += batch.len();
        Some(batch)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_grow_with_the_files_loaded_and_cover_every_file_once() {
        let files: Vec<PathBuf> = (0..1000).map(|i| PathBuf::from(format!("{i}"))).collect();
        let sizes: Vec<usize> = batches(&files).map(<[PathBuf]>::len).collect();
        assert_eq!(sizes, [8, 8, 16, 32, 64, 128, 256, 488]);
        assert_eq!(sizes.iter().sum::<usize>(), 1000);
        assert_eq!(batches(&[]).count(), 0);
    }
}
