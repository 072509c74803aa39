//! Keymaps are data: `[keys.list]`, `[keys.pane]` and `[keys.global]` tables of
//! `key = "action"`. The defaults below are written in the same form as `config.toml`, and a
//! user's tables are merged over them; the help overlay is drawn from the merged map, so it
//! never lies.

use std::collections::BTreeMap;

use super::{Action, Key};

/// Where a binding applies: the focused pane first, then everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyContext {
    List,
    Pane,
    Global,
}

impl KeyContext {
    pub const ALL: [Self; 3] = [Self::List, Self::Pane, Self::Global];

    /// The table name in `config.toml` (`[keys.list]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Pane => "pane",
            Self::Global => "global",
        }
    }
}

/// The default bindings, as they would be written in `config.toml`.
pub const DEFAULT_KEYS: &str = r#"[keys.global]
space = "read_on"
J = "next_article"
K = "previous_article"
"/" = "find"
s = "search"
n = "next_match"
N = "previous_match"
m = "toggle_read"
M = "mark_issue_read"
B = "toggle_bookmark"
"'" = "bookmarks"
u = "links"
y = "copy_article"
"?" = "help"
"!" = "problems"
q = "quit"
ctrl-c = "quit"
esc = "focus_list"
ctrl-z = "suspend"
ctrl-l = "redraw"

[keys.list]
j = "down"
down = "down"
k = "up"
up = "up"
g = "top"
home = "top"
G = "bottom"
end = "bottom"
pagedown = "page_down"
pageup = "page_up"
"[" = "previous_issue"
"]" = "next_issue"
enter = "focus_pane"
l = "focus_pane"
right = "focus_pane"
tab = "toggle_focus"

[keys.pane]
j = "down"
down = "down"
k = "up"
up = "up"
pagedown = "page_down"
f = "page_down"
b = "page_up"
pageup = "page_up"
g = "top"
home = "top"
G = "bottom"
end = "bottom"
"[" = "previous_issue"
"]" = "next_issue"
h = "focus_list"
left = "focus_list"
tab = "toggle_focus"
"#;

/// Key bindings by context.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    bindings: BTreeMap<(KeyContext, Key), Action>,
}

impl Keymap {
    /// The built-in bindings.
    #[must_use]
    pub fn defaults() -> Self {
        let mut keymap = Self::default();
        for (context, key, action) in parse_default_keys() {
            keymap.bind(context, key, Some(action));
        }
        keymap
    }

    /// Binds `key` in `context` to `action`, or unbinds it with `None`.
    pub fn bind(&mut self, context: KeyContext, key: Key, action: Option<Action>) {
        match action {
            Some(action) => self.bindings.insert((context, key), action),
            None => self.bindings.remove(&(context, key)),
        };
    }

    /// What `key` does with the list or the pane focused.
    #[must_use]
    pub fn action(&self, focused: KeyContext, key: Key) -> Option<Action> {
        self.bindings
            .get(&(focused, key))
            .or_else(|| self.bindings.get(&(KeyContext::Global, key)))
            .copied()
    }

    /// What `key` does in an overlay, whichever pane had focus: overlays are lists, so the
    /// list's bindings first (Enter chooses), then the pane's, then global ones.
    #[must_use]
    pub fn overlay_action(&self, key: Key) -> Option<Action> {
        self.bindings
            .get(&(KeyContext::List, key))
            .or_else(|| self.bindings.get(&(KeyContext::Pane, key)))
            .or_else(|| self.bindings.get(&(KeyContext::Global, key)))
            .copied()
    }

    /// The keys bound to `action` in `context`, for the help overlay.
    #[must_use]
    pub fn keys_for(&self, context: KeyContext, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|((c, _), a)| *c == context && **a == action)
            .map(|((_, key), _)| *key)
            .collect()
    }
}

/// The defaults, parsed. They are a constant of this file, so a mistake in them is a bug
/// that the tests catch; at run time a bad entry is skipped rather than fatal.
fn parse_default_keys() -> Vec<(KeyContext, Key, Action)> {
    let mut parsed = Vec::new();
    let mut context = KeyContext::Global;
    for line in DEFAULT_KEYS.lines().map(str::trim) {
        if let Some(name) = line
            .strip_prefix("[keys.")
            .and_then(|l| l.strip_suffix(']'))
        {
            context = KeyContext::ALL
                .into_iter()
                .find(|c| c.name() == name)
                .unwrap_or(KeyContext::Global);
        } else if let Some((key, action)) = line.split_once(" = ") {
            let key = key.trim_matches('"');
            let action = action.trim_matches('"');
            if let (Ok(key), Some(action)) = (Key::parse(key), Action::from_name(action)) {
                parsed.push((context, key, action));
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::KeyCode;

    #[test]
    fn every_default_line_is_a_binding() {
        let bindings = DEFAULT_KEYS.lines().filter(|l| l.contains(" = ")).count();
        assert_eq!(parse_default_keys().len(), bindings);
    }

    #[test]
    fn the_focused_pane_wins_then_global() {
        let keymap = Keymap::defaults();
        let j = Key::plain(KeyCode::Char('j'));
        let space = Key::plain(KeyCode::Char(' '));
        assert_eq!(keymap.action(KeyContext::List, j), Some(Action::Down));
        assert_eq!(keymap.action(KeyContext::Pane, space), Some(Action::ReadOn));
        assert_eq!(keymap.action(KeyContext::List, space), Some(Action::ReadOn));
        let h = Key::plain(KeyCode::Char('h'));
        assert_eq!(keymap.action(KeyContext::List, h), None);
    }

    #[test]
    fn unbinding_removes_a_key() {
        let mut keymap = Keymap::defaults();
        let q = Key::plain(KeyCode::Char('q'));
        keymap.bind(KeyContext::Global, q, None);
        assert_eq!(keymap.action(KeyContext::List, q), None);
    }
}
