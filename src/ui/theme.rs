//! Colours and attributes by meaning (selection, heading, metadata…), not by widget. The
//! default reads on dark and light backgrounds because it uses the terminal's own palette and
//! attributes; without colour (`NO_COLOR`, `TERM=dumb`) selection is reverse video and
//! headings bold.

use ratatui::style::{Color, Modifier, Style};

/// Styles by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The selected article in the list.
    pub selection: Style,
    /// The selected article when the list does not have the focus.
    pub selection_unfocused: Style,
    /// Articles not yet read.
    pub unread: Style,
    /// Issue headings in the list; article titles and headings in the pane.
    pub heading: Style,
    /// Section headings, metadata lines, subtitles' companions.
    pub metadata: Style,
    pub link: Style,
    /// The vertical rule, horizontal rules, quote margins.
    pub rule: Style,
    pub status: Style,
    pub search_hit: Style,
    /// Body text.
    pub text: Style,
}

impl Theme {
    /// The default: the terminal's palette, so it follows the user's light or dark scheme.
    #[must_use]
    pub fn colored() -> Self {
        Self {
            selection: Style::new().add_modifier(Modifier::REVERSED),
            selection_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            unread: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            metadata: Style::new().fg(Color::Cyan),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            rule: Style::new().fg(Color::DarkGray),
            status: Style::new().add_modifier(Modifier::REVERSED),
            search_hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            text: Style::new(),
        }
    }

    /// No colour at all: attributes only.
    #[must_use]
    pub fn monochrome() -> Self {
        Self {
            selection: Style::new().add_modifier(Modifier::REVERSED),
            selection_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            unread: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            metadata: Style::new(),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            rule: Style::new(),
            status: Style::new().add_modifier(Modifier::REVERSED),
            search_hit: Style::new().add_modifier(Modifier::REVERSED),
            text: Style::new(),
        }
    }

    /// The theme for the environment: monochrome when `NO_COLOR` is set (to anything but
    /// the empty string, per no-color.org) or the terminal is `dumb`.
    #[must_use]
    pub fn for_environment(no_color: Option<&str>, term: Option<&str>) -> Self {
        if no_color.is_some_and(|v| !v.is_empty()) || term.is_some_and(|t| t == "dumb") {
            Self::monochrome()
        } else {
            Self::colored()
        }
    }
}
