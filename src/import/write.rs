//! Writing the issue file: all or nothing, never over an existing file unless asked, and
//! never over anything but a regular file (a device, a named pipe, a symbolic link), asked or not.
//!
//! The text goes to a temporary file in the same directory (same file system, so the last
//! step is atomic), is flushed to disk, and only then appears under its name. Without
//! `force` that last step is a hard link, which fails if the name exists, so a file created
//! between our check and our write is still never overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::ImportError;
use crate::file_kind;
use crate::load::MAX_ISSUE_BYTES;

/// Tries this many temporary names before giving up (another import may be running).
const TEMP_ATTEMPTS: u32 = 100;

/// Refuses an issue file kanbao would not load for its size; `name` is what it was imported
/// from.
pub fn check_issue_size(name: &str, contents: &str) -> Result<(), ImportError> {
    let size = contents.len() as u64;
    if size > MAX_ISSUE_BYTES {
        return Err(ImportError::IssueTooLarge {
            name: name.to_owned(),
            size,
        });
    }
    Ok(())
}

/// Writes `contents` to `path`, refusing to replace an existing file unless `force`, and
/// anything that is not a regular file even then.
pub fn write_new_file(path: &Path, contents: &str, force: bool) -> Result<(), ImportError> {
    let write_error = |source: io::Error| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    // The link itself, not what it points to: replacing a link would lose it, writing
    // through it would write somewhere the user did not name.
    match fs::symlink_metadata(path) {
        Ok(existing) if existing.is_dir() => {
            return Err(write_error(io::Error::new(
                io::ErrorKind::IsADirectory,
                "this is a directory; name the issue file to write, such as issue.toml",
            )));
        }
        Ok(existing) if !existing.is_file() => {
            return Err(ImportError::NotARegularFile {
                path: path.to_path_buf(),
                kind: file_kind::describe(existing.file_type()),
            });
        }
        Ok(_) if !force => {
            return Err(ImportError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        _ => {}
    }
    let (temp_path, mut file) = create_temp(path).map_err(write_error)?;
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    let placed = written.and_then(|()| {
        if force {
            fs::rename(&temp_path, path)
        } else {
            place_without_clobbering(&temp_path, path, contents)
        }
    });
    // After a rename the temporary name is gone; after a link or a failure it must go.
    let _ = fs::remove_file(&temp_path);
    match placed {
        Ok(()) => {
            sync_directory(path);
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            Err(ImportError::AlreadyExists {
                path: path.to_path_buf(),
            })
        }
        Err(error) => Err(write_error(error)),
    }
}

/// Gives the finished temporary file its name, failing if the name is taken.
fn place_without_clobbering(temp_path: &Path, path: &Path, contents: &str) -> io::Result<()> {
    match fs::hard_link(temp_path, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        // File systems without hard links (FAT, some network shares): create the file
        // exclusively instead; still never overwrites, though a crash can leave it partial.
        Err(_) => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(contents.as_bytes())?;
            file.sync_all()
        }
    }
}

/// Creates a fresh temporary file beside `path`, named after it so a leftover is recognizable.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let directory = directory_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "issue".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let mut last_error = io::Error::other("no temporary name was free");
    for attempt in 0..TEMP_ATTEMPTS {
        let temp_path = directory.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
        {
            Ok(file) => return Ok((temp_path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = error,
            Err(error) => return Err(error),
        }
    }
    Err(last_error)
}

fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes the new name itself durable. Best effort: not every platform can open a directory.
fn sync_directory(path: &Path) {
    if let Ok(directory) = File::open(directory_of(path)) {
        let _ = directory.sync_all();
    }
}
