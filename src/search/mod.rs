//! Full-text search over issues: substring matching that suits CJK text.
//!
//! - Matching is by substring, not by word (Chinese and Japanese have no spaces).
//! - A query is folded like the text: NFKC per grapheme cluster and lower case, so `ＡＢＣ`,
//!   `Abc` and `abc` match each other, as do `１２３` and `123`, `ｶﾀｶﾅ` and `カタカナ`. A
//!   query in double quotes matches exactly ([`Query::parse`]).
//! - Hits are byte ranges of the original text, on grapheme cluster boundaries: a hit that
//!   begins or ends inside a cluster (`👩` in `👩‍💻`) takes the whole cluster.
//! - A body is searched as its text without markup, its wrapped lines joined as the layout
//!   joins them, so a phrase is found across a soft line break or emphasis markers (see
//!   `body.rs`); hits on the body are ranges of `Body::source`.
//!
//! Pure: no terminal. [`Searcher`] folds a library once so each keystroke's search only
//! scans; [`search_article`], [`search_library`] and [`find_all`] are the one-shot forms.

mod body;
mod cluster;
mod filter;
mod find;
mod fold;
mod lead;
mod library;
mod query;
mod snippet;

pub use filter::CharFilter;
pub use find::{Searchable, find_all};
pub use fold::{FoldedText, fold, widen_to_graphemes};
pub use library::{
    Field, Hit, IndexSlot, IssueIndex, Match, Searcher, prepare, search_article, search_library,
};
pub use query::Query;
pub use snippet::{SNIPPET_CONTEXT, Snippet};
