//! The reader's config sections: `[reader]` (list width, narrow mode, mouse) and the
//! `[keys.*]` tables merged over the default keymap.

use toml::de::{DeTable, DeValue};

use crate::load::fields::{self, Reporter};
use crate::reader::{Action, Key, KeyContext};

/// `[reader]` settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    /// Columns of the article list; `None` for about a third of the screen (at least 24).
    pub list_width: Option<u16>,
    /// Below this many columns only one pane shows at a time.
    pub narrow_below: u16,
    /// Mouse wheel and clicks.
    pub mouse: bool,
    /// Emit links as OSC 8 hyperlinks (clickable in terminals that support them).
    pub hyperlinks: bool,
    /// Scroll only the reading pane's columns where the terminal says it has left and right
    /// margins; `false` for a terminal that says so but scrolls wrongly.
    pub margins: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self {
            list_width: None,
            narrow_below: 60,
            mouse: true,
            hyperlinks: false,
            margins: true,
        }
    }
}

const READER_KEYS: &[&str] = &[
    "list_width",
    "narrow_below",
    "mouse",
    "hyperlinks",
    "margins",
];

pub fn read_reader(report: &mut Reporter<'_>, root: &DeTable<'_>, config: &mut ReaderConfig) {
    let Some(value) = fields::value(root, "reader") else {
        return;
    };
    let DeValue::Table(table) = value.get_ref() else {
        report.wrong_type("reader", value, "a table ([reader])");
        return;
    };
    report.warn_unknown_keys(table, READER_KEYS, "[reader]");
    if let Some(width) = columns(report, table, "list_width", 10..=500) {
        config.list_width = Some(width);
    }
    if let Some(width) = columns(report, table, "narrow_below", 0..=1000) {
        config.narrow_below = width;
    }
    for (key, setting) in [
        ("mouse", &mut config.mouse),
        ("hyperlinks", &mut config.hyperlinks),
        ("margins", &mut config.margins),
    ] {
        if let Some(value) = fields::value(table, key) {
            match value.get_ref() {
                DeValue::Boolean(on) => *setting = *on,
                _ => report.wrong_type(key, value, "true or false"),
            }
        }
    }
}

fn columns(
    report: &mut Reporter<'_>,
    table: &DeTable<'_>,
    key: &str,
    range: std::ops::RangeInclusive<u16>,
) -> Option<u16> {
    let value = fields::value(table, key)?;
    let expected = format!(
        "a number of columns from {} to {}",
        range.start(),
        range.end()
    );
    if let DeValue::Integer(n) = value.get_ref()
        && let Ok(n) = n.as_str().parse::<u16>()
        && range.contains(&n)
    {
        return Some(n);
    }
    report.wrong_type(key, value, &expected);
    None
}

pub fn read_keys(
    report: &mut Reporter<'_>,
    root: &DeTable<'_>,
    bindings: &mut Vec<(KeyContext, Key, Option<Action>)>,
) {
    let Some(value) = fields::value(root, "keys") else {
        return;
    };
    let DeValue::Table(keys) = value.get_ref() else {
        report.wrong_type(
            "keys",
            value,
            "tables [keys.list], [keys.pane], [keys.global]",
        );
        return;
    };
    let names: Vec<&str> = KeyContext::ALL.iter().map(|c| c.name()).collect();
    report.warn_unknown_keys(keys, &names, "[keys]");
    for context in KeyContext::ALL {
        let Some(value) = fields::value(keys, context.name()) else {
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            let expected = format!("a table of key = \"action\" ([keys.{}])", context.name());
            report.wrong_type(context.name(), value, &expected);
            continue;
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, action) in entries {
            let parsed_key = Key::parse(key.get_ref());
            let parsed_action = match action.get_ref() {
                DeValue::String(name) if name == "none" => Ok(None),
                DeValue::String(name) => Action::from_name(name).map(Some).ok_or_else(|| {
                    format!(
                        "`{name}` is not an action; the actions are {}, or \"none\" to unbind",
                        crate::reader::ALL_ACTIONS
                            .iter()
                            .map(|a| a.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }),
                _ => Err("a key's action must be text in quotes, such as \"down\"".to_owned()),
            };
            match (parsed_key, parsed_action) {
                (Ok(k), Ok(a)) => bindings.push((context, k, a)),
                (Err(message), _) => report.error(&key.span(), message),
                (_, Err(message)) => report.error(&action.span(), message),
            }
        }
    }
}
