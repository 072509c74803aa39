//! The one-line prompt in the status line: `/` finds in the article, `s` searches every
//! issue. While it is open, keys type into it instead of acting.

use super::{Key, KeyCode};

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Find in the open article (`/`).
    Find,
    /// Search every issue (`s`).
    Search,
}

/// An open prompt and what has been typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed: incremental results follow it.
    Changed,
    /// Enter: keep the results, close the prompt.
    Confirmed,
    /// Esc, or Backspace on an empty prompt: close it and drop the results.
    Cancelled,
    /// A key the prompt does not use.
    Ignored,
}

impl Prompt {
    #[must_use]
    pub fn new(kind: PromptKind) -> Self {
        Self {
            kind,
            text: String::new(),
        }
    }

    /// Applies a key: characters are typed, Backspace deletes the last character (the whole
    /// grapheme a CJK input method produced is several keys anyway), Enter and Esc close.
    pub fn edit(&mut self, key: Key) -> Edit {
        match (key.code, key.ctrl || key.alt) {
            (KeyCode::Char('u'), true) if key.ctrl => {
                self.text.clear();
                Edit::Changed
            }
            (KeyCode::Char(c), false) if !c.is_control() => {
                self.text.push(c);
                Edit::Changed
            }
            (KeyCode::Backspace, _) => {
                if self.text.pop().is_some() {
                    Edit::Changed
                } else {
                    Edit::Cancelled
                }
            }
            (KeyCode::Enter, _) => Edit::Confirmed,
            (KeyCode::Esc, _) | (KeyCode::Char('c' | 'g'), true) => Edit::Cancelled,
            _ => Edit::Ignored,
        }
    }

    /// The label for a narrow status line: `/` or `s: `.
    #[must_use]
    pub fn short_label(&self) -> &'static str {
        match self.kind {
            PromptKind::Find => "/",
            PromptKind::Search => "s: ",
        }
    }

    /// The prompt as shown: `/` or `search: ` before the text.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self.kind {
            PromptKind::Find => "/",
            PromptKind::Search => "search: ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap_or(Key::plain(KeyCode::Esc))
    }

    #[test]
    fn typing_editing_and_closing() {
        let mut prompt = Prompt::new(PromptKind::Find);
        assert_eq!(prompt.edit(key("绿")), Edit::Changed);
        assert_eq!(prompt.edit(key("色")), Edit::Changed);
        assert_eq!(prompt.text, "绿色");
        assert_eq!(prompt.edit(key("backspace")), Edit::Changed);
        assert_eq!(prompt.text, "绿");
        assert_eq!(prompt.edit(key("ctrl-u")), Edit::Changed);
        assert_eq!(prompt.edit(key("backspace")), Edit::Cancelled);
        assert_eq!(prompt.edit(key("down")), Edit::Ignored);
        assert_eq!(prompt.edit(key("enter")), Edit::Confirmed);
        assert_eq!(prompt.edit(key("esc")), Edit::Cancelled);
    }
}
