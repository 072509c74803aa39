//! The reader's state and logic, with no terminal in sight: keys and actions, the list's
//! rows, the laid-out article, screen areas, and `update`. The `ui` module draws it.

mod action;
mod background;
mod copy;
mod document;
mod find;
mod hyperlink;
mod keymap;
mod keys;
mod live;
mod loading;
mod memory;
mod overlay;
mod problems;
mod prompt;
mod results;
mod rows;
mod screen;
mod search;
mod state;
mod update;

pub use action::{ALL_ACTIONS, Action};
pub use copy::{CLIPBOARD_LIMIT, links, osc52};
pub use document::{Anchor, Document};
pub use find::Find;
pub use hyperlink::is_hyperlink_target;
pub use keymap::{DEFAULT_KEYS, KeyContext, Keymap};
pub use keys::{Key, KeyCode};
pub use memory::{READ_AFTER, bookmarks};
pub use overlay::{OverlayLine, OverlayPositions, help_lines, problem_lines};
pub use problems::{ProblemLayout, problem_window};
pub use prompt::{Edit, Prompt, PromptKind};
pub use results::{RESULT_LIMIT, ROWS_PER_MATCH, Results};
pub use rows::{ArticleRef, Row, Rows};
pub use screen::{Area, MIN_HEIGHT, MIN_WIDTH, Screen, ScreenSettings, screen};
pub use state::{Focus, Overlay, Reader, ReaderSettings};
pub use update::{Message, settle, update};
