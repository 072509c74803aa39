//! Keys as written in `config.toml` (`j`, `ctrl-c`, `pagedown`, `?`), independent of the
//! terminal library, so keymaps can be parsed, shown and tested without a terminal.

use std::fmt;

/// A key with its modifiers. Shift is part of the character (`J`, `?`), not a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    /// A plain key without modifiers.
    #[must_use]
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// Parses `j`, `J`, `?`, `space`, `pagedown`, `ctrl-c`, `alt-enter` (names are not case
    /// sensitive; a single character is).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut rest = text;
        let mut key = Self::plain(KeyCode::Esc);
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(after) = lower.strip_prefix("ctrl-").filter(|a| !a.is_empty()) {
                key.ctrl = true;
                rest = rest.get(rest.len() - after.len()..).unwrap_or_default();
            } else if let Some(after) = lower.strip_prefix("alt-").filter(|a| !a.is_empty()) {
                key.alt = true;
                rest = rest.get(rest.len() - after.len()..).unwrap_or_default();
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                .map(|(_, code)| *code)
                .ok_or_else(|| {
                    format!(
                        "`{text}` is not a key; write a character (j, ?, G) or a name ({}), with ctrl- or alt- before it if needed",
                        NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    )
                })?,
        };
        if key.ctrl
            && let KeyCode::Char(c) = key.code
        {
            key.code = KeyCode::Char(c.to_ascii_lowercase());
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_written_in_config() {
        assert_eq!(Key::parse("j"), Ok(Key::plain(KeyCode::Char('j'))));
        assert_eq!(Key::parse("J"), Ok(Key::plain(KeyCode::Char('J'))));
        assert_eq!(Key::parse("Space"), Ok(Key::plain(KeyCode::Char(' '))));
        assert_eq!(Key::parse("pagedown"), Ok(Key::plain(KeyCode::PageDown)));
        let ctrl_c = Key::parse("ctrl-C").map(|k| (k.code, k.ctrl));
        assert_eq!(ctrl_c, Ok((KeyCode::Char('c'), true)));
        assert_eq!(Key::parse("-"), Ok(Key::plain(KeyCode::Char('-'))));
        assert!(Key::parse("jj").is_err());
    }

    #[test]
    fn keys_display_for_the_help_overlay() {
        let shown: Vec<String> = ["ctrl-c", "space", "G", "pageup"]
            .iter()
            .filter_map(|k| Key::parse(k).ok())
            .map(|k| k.to_string())
            .collect();
        assert_eq!(shown, ["Ctrl-c", "Space", "G", "PageUp"]);
    }
}
