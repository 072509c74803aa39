//! Article bodies left in their issue file: where each one is, and reading it back when it is
//! shown or searched. A library of 10,000 issues then holds their titles and places, not
//! their text, and reading a body back costs one small read of a file the system has cached.

use std::borrow::Cow;
use std::fs;
use std::ops::Range;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::PathBuf;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::{ParseError, Raw, Span};

use crate::file_kind::open_without_waiting;
use crate::sanitize::sanitize;

/// What tells one version of a file from the next: its size, its modification and change
/// times, and its inode. The change time moves on every write and rename and cannot be set
/// back, and a file renamed over another (how editors and rsync save) has a new inode, so a
/// new version with the old size and modification time (`rsync -t`) is still seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub(crate) len: u64,
    pub(crate) modified: (i64, i64),
    pub(crate) changed: (i64, i64),
    pub(crate) inode: (u64, u64),
}

impl Stamp {
    #[must_use]
    pub fn of(metadata: &fs::Metadata) -> Self {
        Self {
            len: metadata.len(),
            modified: (metadata.mtime(), metadata.mtime_nsec()),
            changed: (metadata.ctime(), metadata.ctime_nsec()),
            inode: (metadata.dev(), metadata.ino()),
        }
    }
}

/// An issue file as it was when its issue was loaded: the bodies its issue left in it are
/// read back only while it is still that version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFile {
    pub path: PathBuf,
    pub stamp: Stamp,
    /// Bytes before the text the offsets count in (a UTF-8 byte order mark).
    pub skipped: u64,
}

/// Why a body left in its file cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error(
        "`{path}` has changed on disk since it was loaded; it is read again as soon as the change is seen (if it no longer loads, `!` says why)"
    )]
    Changed { path: String },
    #[error("`{path}` cannot be read any more: {why}")]
    Failed { path: String, why: String },
}

impl IssueFile {
    /// The text value written at `token` (its quotes included, offsets in the text after
    /// [`skipped`](Self::skipped)), decoded and sanitized as loading did; it must come to
    /// `len` bytes, as it did then.
    pub fn read_text(&self, token: Range<u32>, len: u32) -> Result<String, Unreadable> {
        let path = || self.path.to_string_lossy().into_owned();
        let failed = |error: std::io::Error| Unreadable::Failed {
            path: path(),
            why: error.to_string(),
        };
        let changed = || Unreadable::Changed { path: path() };
        let file = open_without_waiting(&self.path).map_err(failed)?;
        if Stamp::of(&file.metadata().map_err(failed)?) != self.stamp {
            return Err(changed());
        }
        let mut bytes = vec![0; token.len()];
        file.read_exact_at(&mut bytes, self.skipped + u64::from(token.start))
            .map_err(failed)?;
        let raw = simdutf8::basic::from_utf8(&bytes).map_err(|_| changed())?;
        let decoded = decode_text_value(raw).ok_or_else(changed)?;
        let text = match sanitize(&decoded) {
            Cow::Borrowed(_) => decoded.into_owned(),
            Cow::Owned(sanitized) => sanitized,
        };
        if text.len() != len as usize {
            return Err(changed());
        }
        Ok(text)
    }
}

/// The text of a TOML string written as `raw` (quotes included), as the TOML library reads
/// it; `None` if `raw` is not one string.
#[must_use]
pub fn decode_text_value(raw: &str) -> Option<Cow<'_, str>> {
    let encoding = if raw.starts_with("'''") {
        Encoding::MlLiteralString
    } else if raw.starts_with("\"\"\"") {
        Encoding::MlBasicString
    } else if raw.starts_with('\'') {
        Encoding::LiteralString
    } else if raw.starts_with('"') {
        Encoding::BasicString
    } else {
        return None;
    };
    decode_string(&Raw::new_unchecked(
        raw,
        Some(encoding),
        Span::new_unchecked(0, raw.len()),
    ))
}

/// The text of the TOML string token `raw`, as the TOML library decodes it; `None` if it is
/// another kind of value or has a fault (loading and reading a body back both decode so).
#[must_use]
pub fn decode_string<'i>(raw: &Raw<'i>) -> Option<Cow<'i, str>> {
    let mut decoded = Cow::Borrowed("");
    let mut error: Option<ParseError> = None;
    let kind = raw.decode_scalar(&mut decoded, &mut error);
    (error.is_none() && matches!(kind, ScalarKind::String)).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_decode_as_the_toml_library_reads_them() {
        let cases = [
            ("'''\n第一段\n'''", "第一段\n"),
            ("\"\"\"\n快递\\t业务\\u4E2D\"\"\"", "快递\t业务中"),
            ("'邮政'", "邮政"),
            ("\"a\\\"b\"", "a\"b"),
        ];
        for (raw, text) in cases {
            assert_eq!(decode_text_value(raw).as_deref(), Some(text), "{raw}");
            let table = format!("body = {raw}");
            let parsed: toml::Table = toml::from_str(&table).expect("valid TOML");
            assert_eq!(parsed["body"].as_str(), Some(text), "{raw}");
        }
        for bad in ["42", "'unclosed", "\"bad \\q escape\"", ""] {
            assert_eq!(decode_text_value(bad), None, "{bad}");
        }
    }
}
