//! The newsletter model: issues, their articles, and article bodies parsed from CommonMark.

mod body;
mod in_file;
mod issue;
mod markdown;
mod nesting;
mod split;

pub use body::{Block, Body, BodySource, Inline, KEPT_ABOVE, ListItem, Run, RunStyle};
pub use in_file::{IssueFile, Stamp, Unreadable, decode_string, decode_text_value};
pub use issue::{Article, Date, Issue, IssueNumber};
pub use markdown::{BodyNotes, parse_body, parse_body_with_notes, parse_piece};
pub use nesting::{MAX_NESTING, may_nest_too_deep};
pub use split::{FIRST_PIECE_BYTES, PIECE_BYTES, split_body, split_body_from};
