//! The reader's state and logic, with no terminal in sight: keys and actions, the list's
//! rows, the laid-out article, screen areas, and `update`. The `ui` module draws it.

mod action;
mod document;
mod keymap;
mod keys;
mod rows;
mod screen;
mod state;
mod update;

pub use action::{ALL_ACTIONS, Action};
pub use document::{Anchor, Document};
pub use keymap::{DEFAULT_KEYS, KeyContext, Keymap};
pub use keys::{Key, KeyCode};
pub use rows::{ArticleRef, Row, Rows};
pub use screen::{Area, MIN_HEIGHT, MIN_WIDTH, Screen, ScreenSettings, screen};
pub use state::{Focus, Overlay, Reader, ReaderSettings};
pub use update::{Message, update};
