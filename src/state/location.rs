//! Which paths may hold the reading state. kanbao replaces its state file on every save and
//! sets a damaged one aside, so it must never take someone else's file for its own: a path
//! that names anything but a kanbao state file (or nothing yet) is refused.

use std::fs::{self, FileType};
use std::io;
use std::os::unix::fs::FileTypeExt as _;
use std::path::{Path, PathBuf};

/// The state path cannot be used; nothing was changed on disk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot keep the reading state in {}: {why}; it is left alone (name a kanbao state file \
     or a new file with --state)",
    path.display()
)]
pub struct RefusedPath {
    pub path: PathBuf,
    /// Why, as a clause: `it is a directory`.
    pub why: String,
}

impl RefusedPath {
    pub(crate) fn new(path: &Path, why: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            why: why.into(),
        }
    }
}

/// The file to read and write, once the path has been checked.
pub(crate) struct Checked {
    /// Where the state is written: the path, or where its symbolic link points.
    pub(crate) file: PathBuf,
    /// The symbolic link `file` was reached through, if any. A state file reached through a
    /// link (dotfiles) is written where it points, keeping the link; but a damaged one is
    /// refused, not set aside, since the link may point anywhere.
    pub(crate) link: Option<PathBuf>,
}

/// Checks what `path` names: nothing yet, a regular file, or a symbolic link to a regular
/// file is fine (whether the file is a state file is for the caller to read); a directory, a
/// FIFO, a device, a socket or a dangling link is refused. A path that cannot be looked at
/// (its folder is a file, or cannot be searched) is fine here: creating the file fails later
/// and says why.
pub(crate) fn check(path: &Path) -> Result<Checked, RefusedPath> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(Checked {
            file: path.to_path_buf(),
            link: None,
        });
    };
    if !meta.file_type().is_symlink() {
        return match kind(meta.file_type()) {
            None => Ok(Checked {
                file: path.to_path_buf(),
                link: None,
            }),
            Some(kind) => Err(RefusedPath::new(path, format!("it is {kind}"))),
        };
    }
    let target = fs::read_link(path).unwrap_or_default();
    let linked = |what: &str| {
        RefusedPath::new(
            path,
            format!(
                "it is a symbolic link to {}, which {what}",
                target.display()
            ),
        )
    };
    match fs::metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(linked("does not exist")),
        Err(error) => Err(linked(&format!("cannot be looked at ({error})"))),
        Ok(meta) => match kind(meta.file_type()) {
            Some(kind) => Err(linked(&format!("is {kind}"))),
            None => Ok(Checked {
                file: fs::canonicalize(path)
                    .map_err(|e| linked(&format!("cannot be found ({e})")))?,
                link: Some(path.to_path_buf()),
            }),
        },
    }
}

/// What a file that is not a regular file is, as a noun phrase; `None` for a regular file.
fn kind(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        None
    } else if file_type.is_dir() {
        Some("a directory")
    } else if file_type.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if file_type.is_char_device() {
        Some("a character device")
    } else if file_type.is_block_device() {
        Some("a block device")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}
