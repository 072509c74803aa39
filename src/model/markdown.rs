//! CommonMark body parsing (pulldown-cmark) into the `Body` model.

use super::Body;

/// Parses a sanitized CommonMark body.
#[must_use]
pub fn parse_body(source: &str) -> Body {
    Body {
        source: source.to_owned(),
        ..Body::default()
    }
}
