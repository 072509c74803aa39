//! Text measurement and layout: pure functions over strings, no terminal.
//!
//! - [`width`](grapheme_width): the one width function, shared with the renderer.
//! - [`wrap_paragraph`] / [`Wrapper`]: line breaking of styled pieces (CJK, Latin, kinsoku).
//! - [`layout_article`]: an article as [`Line`]s of styled [`Span`]s that point back into the
//!   body source.
//! - [`ArticleSteps`]: the same layout a piece of the body at a time, for long articles.
//! - [`truncate`]: titles and labels cut to a width.
//! - [`render_issue_plain`]: the plain text that `kanbao cat` prints.

mod ambiguous;
mod blocks;
mod breaks;
mod layout;
mod line;
mod measure;
mod pieces;
mod plain;
mod segment;
mod steps;
mod truncate;
mod width;
mod wrap;

pub(crate) use breaks::may_start_line;
pub(crate) use layout::join_fields;
pub use layout::{ArticleLayout, LayoutOptions, layout_article, layout_body, separator};
pub use line::{Line, LineKind, Span, SpanStyle};
pub(crate) use measure::measure;
pub(crate) use pieces::{Aligned, align_chars, joins_tight, run_at};
pub use plain::{lines_to_string, render_article_plain, render_issue_plain};
pub(crate) use segment::{Graphemes, is_simple};
pub use steps::{ArticleSteps, Laid};
pub use truncate::{ellipsis, keep_end, truncate, truncate_start};
pub use width::{AmbiguousWidth, grapheme_width, pad_to_width, str_width, width_is_disputed};
pub use wrap::{Piece, WrapOptions, Wrapper, wrap_paragraph, wrap_str};
