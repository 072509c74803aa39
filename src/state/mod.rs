//! Persistent reading state: which articles are read, where the reader was in each, the
//! bookmarks, and the article to reopen. Articles are keyed by `Article::id`.
//!
//! [`ReadingState`] is pure data with per-field change stamps, so that two states merge
//! field by field, newest first; [`StateFile`] loads it from `state.toml` and saves it
//! atomically, merged under a lock with whatever another kanbao process saved meanwhile;
//! [`StateWriter`] does the saving on a thread of its own.

mod disk;
mod file;
mod format;
mod location;
mod place;
mod quick;
mod reading;
pub mod time;
mod writer;

pub use file::{NotSaved, Notice, NoticeKind, Opened, SAVE_INTERVAL, Saved, StateFile};
pub use format::{FormatError, looks_like_state};
pub use location::RefusedPath;
pub use place::Place;
pub use reading::{Entry, ReadingState, Stamp};
pub use writer::{SaveReport, StateWriter, Store};
