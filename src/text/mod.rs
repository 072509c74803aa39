//! Text measurement and layout: pure functions over strings, no terminal.

mod width;

pub use width::{AmbiguousWidth, grapheme_width, pad_to_width, str_width};
