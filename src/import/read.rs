//! Reading the text to import, no more of it than an issue file may hold.
//!
//! A path must name a regular file: a named pipe with no writer would block forever, and
//! `/dev/zero` would be read until memory runs out. Standard input (`-`) may be a pipe, and is
//! read only up to the limit.

use std::io::{self, Read};
use std::path::Path;

use super::ImportError;
use crate::file_kind;
use crate::load::MAX_ISSUE_BYTES;

/// Reads the file at `path`, refusing anything but a regular file of at most 16 MiB.
pub fn read_text_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let name = || path.display().to_string();
    let read_error = |source: io::Error| ImportError::Read {
        name: name(),
        source,
    };
    // Non-blocking, so opening a named pipe with no writer returns at once and can be refused;
    // a regular file reads the same either way.
    let file = file_kind::open_without_waiting(path).map_err(read_error)?;
    // The kind of what was opened, not of what the path named a moment before.
    let metadata = file.metadata().map_err(read_error)?;
    if !metadata.is_file() {
        return Err(ImportError::NotAFile {
            path: path.to_path_buf(),
            kind: file_kind::describe(metadata.file_type()),
        });
    }
    if metadata.len() > MAX_ISSUE_BYTES {
        return Err(ImportError::TextTooLarge {
            name: name(),
            size: Some(metadata.len()),
        });
    }
    read_limited(file, &name())
}

/// Reads `input` to its end, refusing it once it holds more than 16 MiB; `name` says where it
/// comes from in messages (`standard input`).
pub fn read_limited(input: impl Read, name: &str) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    // One byte past the limit tells "exactly 16 MiB" from "more".
    input
        .take(MAX_ISSUE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Read {
            name: name.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_ISSUE_BYTES {
        return Err(ImportError::TextTooLarge {
            name: name.to_owned(),
            size: None,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    #[test]
    fn exactly_16_mib_is_read_and_one_byte_more_is_refused() {
        let limit = MAX_ISSUE_BYTES;
        let read = read_limited(io::repeat(b'a').take(limit), "standard input");
        assert_eq!(read.map(|bytes| bytes.len() as u64).ok(), Some(limit));
        // An endless input stops one byte past the limit.
        let refused = read_limited(io::repeat(b'a'), "standard input").map_err(|e| e.to_string());
        assert_eq!(
            refused.err().as_deref(),
            Some("standard input: the text is over the 16 MiB an issue file may be")
        );
    }
}
