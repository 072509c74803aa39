//! `[serve]`: how `kanbao serve` listens, who may read, and its limits.

use std::path::PathBuf;
use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::load::fields::{self, Reporter};
use crate::sanitize::sanitize;

/// `[serve]` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// Addresses to listen on (`ADDR:PORT`, IPv6 in brackets). `--listen` replaces them.
    pub listen: Vec<String>,
    /// The server's Ed25519 host key; `None` for `serve/host_ed25519_key` in the state folder.
    pub host_key: Option<PathBuf>,
    /// Only these public keys may log in with a key; `None` lets any key in, each as its own
    /// reader.
    pub authorized_keys: Option<PathBuf>,
    /// Readers without a key may log in (keyboard-interactive, no questions); their reading
    /// state lasts as long as their session.
    pub anonymous: bool,
    /// Sessions open at once; more are refused.
    pub max_sessions: usize,
    /// Connections not yet logged in at once; past it the oldest is dropped.
    pub max_startups: usize,
    /// New connections a minute from one address; 0 for no limit.
    pub per_ip_rate: u32,
    /// A connection that has not logged in after this long is dropped.
    pub login_deadline: Duration,
    /// A session with no input for this long is closed; `None` (the default): reading is idle.
    pub idle_timeout: Option<Duration>,
    /// Shown by the client before login.
    pub banner: Option<String>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            listen: vec!["127.0.0.1:2222".into(), "[::1]:2222".into()],
            host_key: None,
            authorized_keys: None,
            anonymous: false,
            max_sessions: 100,
            max_startups: 32,
            per_ip_rate: 60,
            login_deadline: Duration::from_secs(20),
            idle_timeout: None,
            banner: None,
        }
    }
}

const SERVE_KEYS: &[&str] = &[
    "listen",
    "host_key",
    "authorized_keys",
    "anonymous",
    "max_sessions",
    "max_startups",
    "per_ip_rate",
    "login_deadline",
    "idle_timeout",
    "banner",
];

/// Reads `[serve]` into `config`; `relative` anchors relative paths at the config's folder.
pub fn read_serve(
    report: &mut Reporter<'_>,
    root: &DeTable<'_>,
    config: &mut ServeConfig,
    relative: impl Fn(&str) -> PathBuf,
) {
    let Some(value) = fields::value(root, "serve") else {
        return;
    };
    let DeValue::Table(table) = value.get_ref() else {
        report.wrong_type("serve", value, "a table ([serve])");
        return;
    };
    report.warn_unknown_keys(table, SERVE_KEYS, "[serve]");
    if let Some(value) = fields::value(table, "listen") {
        let addresses = match value.get_ref() {
            DeValue::String(one) => Some(vec![one.to_string()]),
            DeValue::Array(many) => many
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(address) => Some(address.to_string()),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match addresses {
            Some(addresses) if !addresses.is_empty() => config.listen = addresses,
            _ => report.wrong_type(
                "listen",
                value,
                "an address such as \"0.0.0.0:2222\", or a list of them",
            ),
        }
    }
    for (key, setting) in [
        ("host_key", &mut config.host_key),
        ("authorized_keys", &mut config.authorized_keys),
    ] {
        if let Some(value) = fields::value(table, key) {
            match value.get_ref() {
                DeValue::String(path) if !path.is_empty() => *setting = Some(relative(path)),
                _ => report.wrong_type(key, value, "a file's path in quotes"),
            }
        }
    }
    if let Some(value) = fields::value(table, "anonymous") {
        match value.get_ref() {
            DeValue::Boolean(on) => config.anonymous = *on,
            _ => report.wrong_type("anonymous", value, "true or false"),
        }
    }
    if let Some(n) = count(report, table, "max_sessions", 1..=100_000) {
        config.max_sessions = n;
    }
    if let Some(n) = count(report, table, "max_startups", 1..=100_000) {
        config.max_startups = n;
    }
    if let Some(n) = count(report, table, "per_ip_rate", 0..=1_000_000) {
        config.per_ip_rate = u32::try_from(n).unwrap_or(u32::MAX);
    }
    if let Some(seconds) = count(report, table, "login_deadline", 1..=3600) {
        config.login_deadline = Duration::from_secs(seconds as u64);
    }
    if let Some(seconds) = count(report, table, "idle_timeout", 0..=31_536_000) {
        config.idle_timeout = (seconds > 0).then(|| Duration::from_secs(seconds as u64));
    }
    if let Some(value) = fields::value(table, "banner") {
        match value.get_ref() {
            // Sanitized: the client prints it on the reader's own terminal.
            DeValue::String(text) => config.banner = Some(sanitize(text).into_owned()),
            _ => report.wrong_type("banner", value, "text in quotes"),
        }
    }
}

fn count(
    report: &mut Reporter<'_>,
    table: &DeTable<'_>,
    key: &str,
    range: std::ops::RangeInclusive<usize>,
) -> Option<usize> {
    let value = fields::value(table, key)?;
    if let DeValue::Integer(n) = value.get_ref()
        && let Ok(n) = n.as_str().parse::<usize>()
        && range.contains(&n)
    {
        return Some(n);
    }
    let expected = format!("a whole number from {} to {}", range.start(), range.end());
    report.wrong_type(key, value, &expected);
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::parse;

    fn error(text: &str) -> Option<String> {
        parse(Path::new("c.toml"), text)
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn every_setting_is_read_and_paths_are_relative_to_the_config() {
        let text = "[serve]\nlisten = [\"0.0.0.0:22\", \"[::]:22\"]\nhost_key = \"keys/host\"\n\
                    authorized_keys = \"/etc/kanbao/keys\"\nanonymous = true\nmax_sessions = 5\n\
                    max_startups = 3\nper_ip_rate = 0\nlogin_deadline = 7\nidle_timeout = 60\n\
                    banner = \"看报\\u001b[31m\"\n";
        let serve = parse(Path::new("/srv/kanbao/config.toml"), text)
            .map(|config| config.serve)
            .expect("a valid [serve]");
        assert_eq!(
            serve,
            ServeConfig {
                listen: vec!["0.0.0.0:22".into(), "[::]:22".into()],
                host_key: Some(PathBuf::from("/srv/kanbao/keys/host")),
                authorized_keys: Some(PathBuf::from("/etc/kanbao/keys")),
                anonymous: true,
                max_sessions: 5,
                max_startups: 3,
                per_ip_rate: 0,
                login_deadline: Duration::from_secs(7),
                idle_timeout: Some(Duration::from_secs(60)),
                banner: Some("看报".into()),
            }
        );
    }

    #[test]
    fn a_single_address_is_a_list_of_one_and_idle_timeout_0_is_off() {
        let serve = parse(
            Path::new("c.toml"),
            "[serve]\nlisten = \"127.0.0.1:2200\"\nidle_timeout = 0\n",
        )
        .map(|config| config.serve)
        .expect("valid");
        assert_eq!(serve.listen, vec!["127.0.0.1:2200".to_owned()]);
        assert_eq!(serve.idle_timeout, None);
    }

    #[test]
    fn bad_settings_name_line_and_column() {
        assert_eq!(
            error("[serve]\nlisten = 2222\n").as_deref(),
            Some(
                "c.toml:2:10: error: `listen` must be an address such as \"0.0.0.0:2222\", or a list of them, but this is a number"
            )
        );
        assert_eq!(
            error("[serve]\nmax_sessions = 0\n").as_deref(),
            Some(
                "c.toml:2:16: error: `max_sessions` must be a whole number from 1 to 100000, but this is a number"
            )
        );
        assert_eq!(
            error("[serve]\nanonymous = \"yes\"\n").as_deref(),
            Some("c.toml:2:13: error: `anonymous` must be true or false, but this is text")
        );
        assert_eq!(
            error("serve = 1\n").as_deref(),
            Some("c.toml:1:9: error: `serve` must be a table ([serve]), but this is a number")
        );
    }
}
