//! What the user typed, parsed into what is matched.

use super::fold::fold;

/// A search query: folded (the default) or exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What is looked for: the folded query, or the exact text between the quotes.
    needle: String,
    exact: bool,
}

impl Query {
    /// Parses a query as typed.
    ///
    /// - `"text"` or `“text”` (what a Chinese input method types for `"`) matches `text`
    ///   exactly: no case or compatibility folding. An opening quote whose closing quote has
    ///   not been typed yet already means exact, so incremental search does not flicker to a
    ///   different result set on the last keystroke. `「」` are not quotes here: Japanese text
    ///   uses them as ordinary punctuation, and a query may contain them.
    /// - Anything else is trimmed and folded like the text it is matched against (see
    ///   [`fold`](super::fold)): `ＡＢＣ`, `Abc` and `abc` are one query.
    ///
    /// Line breaks and tabs become spaces, so a query never spans two paragraphs (the
    /// searchable text separates them with a line break). `None` when nothing is left to look
    /// for.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let trimmed = text.trim();
        let quoted = [('"', '"'), ('“', '”')]
            .into_iter()
            .find_map(|(open, close)| {
                let inner = trimmed.strip_prefix(open)?;
                Some(inner.strip_suffix(close).unwrap_or(inner))
            });
        let (needle, exact) = match quoted {
            Some(inner) => (inner.to_owned(), true),
            None => (fold(trimmed), false),
        };
        (!needle.is_empty()).then_some(Self { needle, exact })
    }

    /// The text looked for: folded, or exact.
    #[must_use]
    pub fn needle(&self) -> &str {
        &self.needle
    }

    /// Whether the query was quoted and matches only the exact text.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_by_default() {
        let query = Query::parse("  ＡＢＣ快递 ").expect("a query");
        assert_eq!(query.needle(), "abc快递");
        assert!(!query.is_exact());
    }

    #[test]
    fn quotes_mean_exact() {
        for typed in ["\"ABC\"", "“ABC”", "\"ABC"] {
            let query = Query::parse(typed).expect("a query");
            assert_eq!(query.needle(), "ABC", "{typed}");
            assert!(query.is_exact());
        }
        let spaced = Query::parse("\" a b \"").expect("a query");
        assert_eq!(spaced.needle(), " a b ");
    }

    #[test]
    fn nothing_to_find() {
        for typed in ["", "   ", "\"\"", "\"", "“”", "\n"] {
            assert_eq!(Query::parse(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn line_breaks_are_spaces() {
        let query = Query::parse("\"a\nb\"").expect("a query");
        assert_eq!(query.needle(), "a b");
    }
}
