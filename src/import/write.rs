//! Writing the issue file: all or nothing, and never over an existing file unless asked.
//!
//! The text goes to a temporary file in the same directory (same file system, so the last
//! step is atomic), is flushed to disk, and only then appears under its name. Without
//! `force` that last step is a hard link, which fails if the name exists, so a file created
//! between our check and our write is still never overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::ImportError;

/// Tries this many temporary names before giving up (another import may be running).
const TEMP_ATTEMPTS: u32 = 100;

/// Writes `contents` to `path`, refusing to replace an existing file unless `force`.
pub fn write_new_file(path: &Path, contents: &str, force: bool) -> Result<(), ImportError> {
    let write_error = |source: io::Error| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(write_error(io::Error::new(
            io::ErrorKind::IsADirectory,
            "this is a directory; name the issue file to write, such as issue.toml",
        )));
    }
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(ImportError::AlreadyExists {
            path: path.to_path_buf(),
        });
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
