//! What the reader can be asked to do. Keys, mouse and signals all become actions; `update`
//! carries them out.

use std::fmt;

/// A bindable action. The names are what `[keys]` tables in `config.toml` use; `help` is
/// what the help overlay says about each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    ReadOn,
    NextArticle,
    PreviousArticle,
    NextIssue,
    PreviousIssue,
    FocusPane,
    FocusList,
    ToggleFocus,
    Find,
    Search,
    NextMatch,
    PreviousMatch,
    ToggleRead,
    MarkIssueRead,
    ToggleBookmark,
    Bookmarks,
    Links,
    CopyArticle,
    Help,
    Problems,
    Suspend,
    Redraw,
    Quit,
}

/// Every bindable action, in the order the help overlay lists them.
pub const ALL_ACTIONS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::PageDown,
    Action::PageUp,
    Action::Top,
    Action::Bottom,
    Action::ReadOn,
    Action::NextArticle,
    Action::PreviousArticle,
    Action::NextIssue,
    Action::PreviousIssue,
    Action::FocusPane,
    Action::FocusList,
    Action::ToggleFocus,
    Action::Find,
    Action::Search,
    Action::NextMatch,
    Action::PreviousMatch,
    Action::ToggleRead,
    Action::MarkIssueRead,
    Action::ToggleBookmark,
    Action::Bookmarks,
    Action::Links,
    Action::CopyArticle,
    Action::Help,
    Action::Problems,
    Action::Suspend,
    Action::Redraw,
    Action::Quit,
];

impl Action {
    /// The name used in `config.toml`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Down => "down",
            Self::Up => "up",
            Self::PageDown => "page_down",
            Self::PageUp => "page_up",
            Self::Top => "top",
            Self::Bottom => "bottom",
            Self::ReadOn => "read_on",
            Self::NextArticle => "next_article",
            Self::PreviousArticle => "previous_article",
            Self::NextIssue => "next_issue",
            Self::PreviousIssue => "previous_issue",
            Self::FocusPane => "focus_pane",
            Self::FocusList => "focus_list",
            Self::ToggleFocus => "toggle_focus",
            Self::Find => "find",
            Self::Search => "search",
            Self::NextMatch => "next_match",
            Self::PreviousMatch => "previous_match",
            Self::ToggleRead => "toggle_read",
            Self::MarkIssueRead => "mark_issue_read",
            Self::ToggleBookmark => "toggle_bookmark",
            Self::Bookmarks => "bookmarks",
            Self::Links => "links",
            Self::CopyArticle => "copy_article",
            Self::Help => "help",
            Self::Problems => "problems",
            Self::Suspend => "suspend",
            Self::Redraw => "redraw",
            Self::Quit => "quit",
        }
    }

    /// One line for the help overlay.
    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            Self::Down => "next article (list) / scroll down a line (pane)",
            Self::Up => "previous article (list) / scroll up a line (pane)",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::Top => "first article (list) / top of the article (pane)",
            Self::Bottom => "last article (list) / end of the article (pane)",
            Self::ReadOn => "page down; at the end, on to the next article",
            Self::NextArticle => "next article",
            Self::PreviousArticle => "previous article",
            Self::NextIssue => "first article of the next issue",
            Self::PreviousIssue => "first article of the previous issue",
            Self::FocusPane => "read the selected article",
            Self::FocusList => "back to the list",
            Self::ToggleFocus => "switch between list and article",
            Self::Find => "find in the article (Enter keeps the highlights, Esc clears)",
            Self::Search => "search every issue; Enter opens a result at its hit",
            Self::NextMatch => "next match",
            Self::PreviousMatch => "previous match",
            Self::ToggleRead => "mark the article read or unread",
            Self::MarkIssueRead => "mark every article of the issue read",
            Self::ToggleBookmark => "bookmark the place on screen, or remove the bookmark there",
            Self::Bookmarks => "list the bookmarks; Enter opens one at its place",
            Self::Links => "list the article's links; Enter copies one (OSC 52) and shows it",
            Self::CopyArticle => "copy the article as plain text (OSC 52)",
            Self::Help => "this help",
            Self::Problems => "files that failed to load",
            Self::Suspend => "suspend kanbao (fg brings it back)",
            Self::Redraw => "draw the whole screen again",
            Self::Quit => "quit",
        }
    }

    /// The action named `name` in `config.toml`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        ALL_ACTIONS.iter().copied().find(|a| a.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in ALL_ACTIONS {
            assert_eq!(Action::from_name(action.name()), Some(*action));
        }
        assert_eq!(Action::from_name("scroll"), None);
    }
}
