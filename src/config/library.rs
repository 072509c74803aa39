//! `[library]`: whether the issues folder is watched for new, changed and removed files.

use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::load::Bodies;
use crate::load::fields::{self, Reporter};

/// How the folder is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The system's file events, polling where they do not work (network folders).
    Auto,
    /// Looks at the folder every `poll_interval`.
    Poll,
    /// Read once, at start.
    Off,
}

/// `[library]` settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryConfig {
    pub watch: WatchMode,
    /// How often the folder is looked at when it is polled.
    pub poll_interval: Duration,
}

impl Default for LibraryConfig {
    fn default() -> Self {
        Self {
            watch: WatchMode::Auto,
            poll_interval: Duration::from_secs(5),
        }
    }
}

impl LibraryConfig {
    /// Where a library loaded with these settings keeps its bodies: in their files when the
    /// folder is watched (a changed file is read again), in memory when it is read once
    /// (nothing would read a changed file again, and its bodies would be lost).
    #[must_use]
    pub fn bodies(&self) -> Bodies {
        match self.watch {
            WatchMode::Off => Bodies::InMemory,
            WatchMode::Auto | WatchMode::Poll => Bodies::InFiles,
        }
    }
}

const LIBRARY_KEYS: &[&str] = &["watch", "poll_interval"];

pub fn read_library(report: &mut Reporter<'_>, root: &DeTable<'_>, config: &mut LibraryConfig) {
    let Some(value) = fields::value(root, "library") else {
        return;
    };
    let DeValue::Table(table) = value.get_ref() else {
        report.wrong_type("library", value, "a table ([library])");
        return;
    };
    report.warn_unknown_keys(table, LIBRARY_KEYS, "[library]");
    if let Some(value) = fields::value(table, "watch") {
        let mode = match value.get_ref() {
            DeValue::Boolean(true) => Some(WatchMode::Auto),
            DeValue::Boolean(false) => Some(WatchMode::Off),
            DeValue::String(mode) => match mode.as_ref() {
                "auto" => Some(WatchMode::Auto),
                "poll" => Some(WatchMode::Poll),
                "off" => Some(WatchMode::Off),
                _ => None,
            },
            _ => None,
        };
        match mode {
            Some(mode) => config.watch = mode,
            None => report.wrong_type("watch", value, "true, false, \"auto\", \"poll\" or \"off\""),
        }
    }
    if let Some(value) = fields::value(table, "poll_interval") {
        match value.get_ref() {
            DeValue::Integer(n)
                if n.as_str()
                    .parse::<u64>()
                    .is_ok_and(|s| (1..=3600).contains(&s)) =>
            {
                config.poll_interval = Duration::from_secs(n.as_str().parse::<u64>().unwrap_or(5));
            }
            _ => report.wrong_type("poll_interval", value, "a number of seconds from 1 to 3600"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::parse;

    #[test]
    fn a_folder_read_once_keeps_its_bodies_in_memory() {
        let config = |watch| LibraryConfig {
            watch,
            ..LibraryConfig::default()
        };
        assert_eq!(config(WatchMode::Off).bodies(), Bodies::InMemory);
        assert_eq!(config(WatchMode::Auto).bodies(), Bodies::InFiles);
        assert_eq!(config(WatchMode::Poll).bodies(), Bodies::InFiles);
    }

    #[test]
    fn watch_modes_and_the_poll_interval_are_read() {
        let library = |text: &str| parse(Path::new("c.toml"), text).map(|c| c.library);
        assert_eq!(library("").ok(), Some(LibraryConfig::default()));
        let polled = library("[library]\nwatch = \"poll\"\npoll_interval = 1\n").ok();
        assert_eq!(
            polled,
            Some(LibraryConfig {
                watch: WatchMode::Poll,
                poll_interval: Duration::from_secs(1)
            })
        );
        assert_eq!(
            library("[library]\nwatch = false\n").ok().map(|l| l.watch),
            Some(WatchMode::Off)
        );
        let error = library("[library]\nwatch = \"sometimes\"\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "c.toml:2:9: error: `watch` must be true, false, \"auto\", \"poll\" or \"off\", but this is text"
            )
        );
    }
}
