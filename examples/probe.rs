//! Asks the terminal how wide it draws East Asian Ambiguous characters (“ ” … — ①) and
//! prints `narrow`, `wide` or `none` (no answer within the timeout, or not a terminal).
//!
//!     cargo run --example probe [TIMEOUT_MS]

use std::time::Duration;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use kanbao::terminal::probe_ambiguous_width;
use kanbao::text::AmbiguousWidth;

fn main() -> std::io::Result<()> {
    let millis = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(200);
    // The probe needs raw mode (else the reply waits for Enter and is echoed).
    let raw = enable_raw_mode().is_ok();
    let width = probe_ambiguous_width(Duration::from_millis(millis));
    if raw {
        disable_raw_mode()?;
    }
    println!(
        "{}",
        match width {
            Some(AmbiguousWidth::Narrow) => "narrow",
            Some(AmbiguousWidth::Wide) => "wide",
            None => "none",
        }
    );
    Ok(())
}
