//! One line per event on stderr, with the time in UTC: what an operator greps.

use std::io::Write as _;
use std::time::SystemTime;

use kanbao::sanitize::sanitize;

/// Writes `message` as one log line. Sanitized: user names and commands come from clients.
pub fn line(message: &str) {
    let now = kanbao::state::time::utc_iso(SystemTime::now());
    let _ = writeln!(
        std::io::stderr().lock(),
        "{now} {}",
        sanitize(message).replace('\n', " ")
    );
}
