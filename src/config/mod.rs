//! Configuration: where it is found, what it holds, and its problems reported like an issue
//! file's (path, line, column).
//!
//! The search order is `--config`, then `$KANBAO_CONFIG`, then the platform's config dir
//! (`$XDG_CONFIG_HOME/kanbao/config.toml`), then `./config.toml`; none at all means defaults.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use toml::de::{DeTable, DeValue};

use crate::load::fields::{self, Reporter};
use crate::load::syntax_message;
use crate::load::{Problem, Severity, decode_utf8_file, read_regular_file};
use crate::reader::{Action, Key, KeyContext};
use crate::text::AmbiguousWidth;

mod library;
mod sections;
mod serve;
mod theme;

pub use library::{LibraryConfig, WatchMode};
pub use sections::ReaderConfig;
pub use serve::ServeConfig;
pub use theme::{ColorSpec, NamedColor, StyleError, StyleSpec, ThemeConfig};

/// The configuration kanbao runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    /// The issues folder (relative paths in a file are taken from the file's folder).
    pub issues_dir: PathBuf,
    /// `None` means "auto": the reader measures the terminal.
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// Indent the first line of Chinese and Japanese paragraphs with two ideographic spaces.
    pub cjk_indent: bool,
    /// `[reader]`: the list's width, when to show one pane, the mouse.
    pub reader: ReaderConfig,
    /// `[keys.list]`, `[keys.pane]`, `[keys.global]`: bindings over the defaults, `None` to
    /// unbind a key.
    pub key_bindings: Vec<(KeyContext, Key, Option<Action>)>,
    /// `[theme]`: a style per slot over the built-in theme.
    pub theme: ThemeConfig,
    /// `[library]`: watching the issues folder.
    pub library: LibraryConfig,
    /// `[serve]`: the SSH server's addresses, keys and limits.
    pub serve: ServeConfig,
    /// Warnings found in the file (unknown keys); errors make loading fail instead.
    pub warnings: Vec<Problem>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            file: None,
            issues_dir: PathBuf::from("issues"),
            ambiguous_width: None,
            cjk_indent: true,
            reader: ReaderConfig::default(),
            key_bindings: Vec::new(),
            theme: ThemeConfig::default(),
            library: LibraryConfig::default(),
            serve: ServeConfig::default(),
            warnings: Vec::new(),
        }
    }
}

/// The configuration could not be loaded; every problem is listed.
#[derive(Debug, thiserror::Error)]
#[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ConfigError {
    pub problems: Vec<Problem>,
}

const TOP_KEYS: &[&str] = &[
    "issues", "layout", "reader", "library", "keys", "theme", "serve",
];
const LAYOUT_KEYS: &[&str] = &["ambiguous_width", "cjk_indent"];

/// Finds the config file to use. An explicitly named file (`--config`, `$KANBAO_CONFIG`) is
/// returned even if it is missing, so that loading it reports the mistake. Of the implicit
/// places, the first where anything exists is returned, not only a regular file: a FIFO, a
/// link to `/dev/tty` or a dangling link there was meant as the config, and loading it says
/// what is wrong instead of running without it.
#[must_use]
pub fn locate(explicit: Option<&Path>, from_env: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit.or(from_env) {
        return Some(path.to_path_buf());
    }
    let platform = etcetera::choose_base_strategy()
        .ok()
        .map(|dirs| dirs.config_dir().join("kanbao").join("config.toml"));
    platform
        .into_iter()
        .chain([PathBuf::from("config.toml")])
        .find(|path| path.symlink_metadata().is_ok())
}

/// Loads the config from `path`, or the defaults when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    // `--config /dev/null` is the usual way to say "no config file": it reads as empty.
    if std::fs::canonicalize(path).is_ok_and(|real| real == Path::new("/dev/null")) {
        return parse(path, "");
    }
    let fail = |problem: Problem| ConfigError {
        problems: vec![problem],
    };
    let bytes = read_regular_file(path, "the config file", "the config must be a regular file")
        .map_err(|why| fail(Problem::whole_file(path, Severity::Error, why)))?;
    let text = decode_utf8_file(path, &bytes, "save it as UTF-8").map_err(fail)?;
    parse(path, &text)
}

/// Parses config text; `path` names the file in problems and anchors relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let mut report = Reporter::new(path, text);
    let root = match DeTable::parse(text) {
        Ok(root) => root.into_inner(),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            report.error(&span, syntax_message(error.message(), text, &span));
            return Err(ConfigError {
                problems: report.into_problems(),
            });
        }
    };
    report.warn_unknown_keys(&root, TOP_KEYS, "the config");
    let mut config = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    // The folder is read as written, not sanitized: cleaning a path would open another
    // folder. It is sanitized where it is shown.
    if let Some(value) = fields::value(&root, "issues") {
        if let DeValue::String(issues) = value.get_ref() {
            config.issues_dir = relative_to(path, Path::new(issues.as_ref()));
        } else {
            report.wrong_type("issues", value, "text in quotes");
        }
    }
    if let Some(layout) = fields::value(&root, "layout") {
        match layout.get_ref() {
            DeValue::Table(table) => read_layout(&mut report, table, &mut config),
            _ => report.wrong_type("layout", layout, "a table ([layout])"),
        }
    }
    sections::read_reader(&mut report, &root, &mut config.reader);
    sections::read_keys(&mut report, &root, &mut config.key_bindings);
    theme::read_theme(&mut report, &root, &mut config.theme);
    library::read_library(&mut report, &root, &mut config.library);
    serve::read_serve(&mut report, &root, &mut config.serve, |written| {
        relative_to(path, Path::new(written))
    });
    let (errors, warnings): (Vec<_>, Vec<_>) = report
        .into_problems()
        .into_iter()
        .partition(Problem::is_error);
    if errors.is_empty() {
        config.warnings = warnings;
        Ok(config)
    } else {
        Err(ConfigError { problems: errors })
    }
}

fn read_layout(report: &mut Reporter<'_>, table: &DeTable<'_>, config: &mut Config) {
    report.warn_unknown_keys(table, LAYOUT_KEYS, "[layout]");
    if let Some(value) = fields::value(table, "ambiguous_width") {
        let parsed = match value.get_ref() {
            DeValue::String(s) if s == "auto" => Some(None),
            DeValue::Integer(n) => n
                .as_str()
                .parse::<u8>()
                .ok()
                .and_then(AmbiguousWidth::from_columns)
                .map(Some),
            _ => None,
        };
        match parsed {
            Some(width) => config.ambiguous_width = width,
            None => report.error(
                &value.span(),
                "`ambiguous_width` must be \"auto\", 1 or 2 (how many columns the terminal gives “ ” … — ①)",
            ),
        }
    }
    if let Some(value) = fields::value(table, "cjk_indent") {
        match value.get_ref() {
            DeValue::Boolean(b) => config.cjk_indent = *b,
            _ => report.wrong_type("cjk_indent", value, "true or false"),
        }
    }
}

fn relative_to(config_file: &Path, path: &Path) -> PathBuf {
    match config_file.parent() {
        Some(dir) if path.is_relative() && !dir.as_os_str().is_empty() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_that_is_not_utf8_says_so_without_issue_advice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, b"issues = \"\xd6\xd0\"\n").expect("write");
        let message = load(Some(&path)).err().map(|e| e.to_string());
        assert_eq!(
            message,
            Some(format!(
                "{}:1:11: error: the file is not UTF-8 text: byte 0xD6 at byte offset 10 is invalid; save it as UTF-8",
                path.display()
            ))
        );
    }

    #[test]
    fn dev_null_is_an_empty_config_and_a_fifo_is_refused() {
        let config = load(Some(Path::new("/dev/null")));
        assert_eq!(config.map(|c| c.cjk_indent).ok(), Some(true));
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("config.toml");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("make a FIFO");
        let message = load(Some(&fifo)).err().map(|e| e.to_string());
        assert_eq!(
            message,
            Some(format!(
                "{}:1:1: error: this is a FIFO (named pipe), not a regular file; the config must be a regular file",
                fifo.display()
            ))
        );
    }

    #[test]
    fn an_empty_config_keeps_every_default() {
        // Without an `issues` key the folder is `issues` in the working directory, as without
        // a config file: copying the shipped config anywhere must not move the folder.
        let config = parse(Path::new("/etc/kanbao/config.toml"), "\n  \n").ok();
        assert_eq!(
            config.map(|c| (c.issues_dir, c.cjk_indent, c.ambiguous_width)),
            Some((PathBuf::from("issues"), true, None))
        );
    }

    #[test]
    fn issues_folder_is_relative_to_the_config_file() {
        let config = parse(
            Path::new("/home/u/.config/kanbao/config.toml"),
            "issues = \"news\"\n",
        );
        assert_eq!(
            config.map(|c| c.issues_dir).ok(),
            Some(PathBuf::from("/home/u/.config/kanbao/news"))
        );
    }

    #[test]
    fn bad_ambiguous_width_names_line_and_column() {
        let text = "[layout]\nambiguous_width = 3\n";
        let error = parse(Path::new("c.toml"), text)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "c.toml:2:19: error: `ambiguous_width` must be \"auto\", 1 or 2 (how many columns the terminal gives “ ” … — ①)"
            )
        );
    }

    #[test]
    fn margins_are_on_unless_turned_off_and_take_only_true_or_false() {
        let margins = |text: &str| parse(Path::new("c.toml"), text).map(|c| c.reader.margins);
        assert!(matches!(margins(""), Ok(true)));
        assert!(matches!(margins("[reader]\nmargins = false\n"), Ok(false)));
        let error = margins("[reader]\nmargins = \"no\"\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("c.toml:2:11: error: `margins` must be true or false, but this is text")
        );
    }

    #[test]
    fn unknown_keys_are_warnings_with_a_suggestion() {
        let config = parse(Path::new("c.toml"), "[layout]\ncjk_indnt = false\n");
        let warnings: Vec<String> = config
            .map(|c| c.warnings.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        assert_eq!(
            warnings,
            [
                "c.toml:2:1: warning: unknown key `cjk_indnt` in [layout] is ignored (did you mean `cjk_indent`?)"
            ]
        );
    }
}
