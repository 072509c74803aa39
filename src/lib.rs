//! kanbao: a terminal newsletter reader for Chinese, Japanese, Korean and Latin text.
//!
//! The library holds the pure logic (issue files, text, configuration) so that tests and
//! benchmarks reach it without a terminal; the `kanbao` binary adds the command line and the UI.

pub mod config;
pub mod file_kind;
pub mod import;
pub mod input;
pub mod load;
pub mod model;
pub mod parallel;
pub mod reader;
pub mod sanitize;
pub mod search;
pub mod state;
pub mod terminal;
pub mod text;
pub mod ui;
