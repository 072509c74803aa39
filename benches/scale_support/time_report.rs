//! What `/usr/bin/time -v` reports about a finished process.

use std::path::Path;
use std::time::Duration;

/// The figures of one `/usr/bin/time -v` report.
#[derive(Debug, Clone, Copy)]
pub struct TimeReport {
    /// Maximum resident set size, in bytes.
    pub peak: u64,
    pub user: Duration,
    pub system: Duration,
}

impl TimeReport {
    /// Reads the report `/usr/bin/time -v -o FILE` wrote.
    pub fn read(file: &Path) -> Self {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("no time report at {}: {e}", file.display()));
        Self::parse(&text).unwrap_or_else(|| panic!("not a `time -v` report:\n{text}"))
    }

    pub fn parse(text: &str) -> Option<Self> {
        let field = |name: &str| {
            text.lines()
                .find_map(|line| line.trim().strip_prefix(name)?.strip_prefix(": "))
                .map(str::trim)
        };
        let seconds = |name: &str| {
            field(name)?
                .parse::<f64>()
                .ok()
                .map(Duration::from_secs_f64)
        };
        let kbytes: u64 = field("Maximum resident set size (kbytes)")?.parse().ok()?;
        Some(Self {
            peak: kbytes * 1024,
            user: seconds("User time (seconds)")?,
            system: seconds("System time (seconds)")?,
        })
    }

    /// User plus system time.
    pub fn cpu(&self) -> Duration {
        self.user + self.system
    }
}
