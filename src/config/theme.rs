//! `[theme]`: one style string per slot of the reader's theme (`heading = "bold yellow"`,
//! `search_hit = "black on yellow"`). Pure data: the UI turns a [`StyleSpec`] into a terminal
//! style, so configuration never depends on the terminal library.
//!
//! A style string is space-separated words: attributes (`bold`, `dim`, `italic`, `underlined`,
//! `reversed`, `crossed_out`), at most one foreground colour, and `on COLOR` for the background.
//! A colour is one of the 16 ANSI names, `default` (or `reset`), `#rrggbb`, or an index 0–255.
//! The empty string is no style at all.

use toml::de::{DeTable, DeValue};

use crate::load::fields::{self, Reporter};

/// The 16 ANSI colours, in palette order (index 0–15), named as the terminal UI names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedColor {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

impl NamedColor {
    /// All 16, in palette order: `ALL[n]` is ANSI colour `n`.
    pub const ALL: [Self; 16] = [
        Self::Black,
        Self::Red,
        Self::Green,
        Self::Yellow,
        Self::Blue,
        Self::Magenta,
        Self::Cyan,
        Self::Gray,
        Self::DarkGray,
        Self::LightRed,
        Self::LightGreen,
        Self::LightYellow,
        Self::LightBlue,
        Self::LightMagenta,
        Self::LightCyan,
        Self::White,
    ];

    /// The name written in config.toml.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Black => "black",
            Self::Red => "red",
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Blue => "blue",
            Self::Magenta => "magenta",
            Self::Cyan => "cyan",
            Self::Gray => "gray",
            Self::DarkGray => "dark_gray",
            Self::LightRed => "light_red",
            Self::LightGreen => "light_green",
            Self::LightYellow => "light_yellow",
            Self::LightBlue => "light_blue",
            Self::LightMagenta => "light_magenta",
            Self::LightCyan => "light_cyan",
            Self::White => "white",
        }
    }

    /// The ANSI palette index, 0–15.
    #[must_use]
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The colour with ANSI palette index `index`, if it is below 16.
    #[must_use]
    pub fn from_index(index: u8) -> Option<Self> {
        Self::ALL.get(usize::from(index)).copied()
    }

    /// A name as written, already lower-cased, with `-` for `_` and `grey` for `gray` allowed.
    fn from_word(word: &str) -> Option<Self> {
        let word = word.replace('-', "_").replace("grey", "gray");
        Self::ALL.into_iter().find(|c| c.name() == word)
    }
}

/// A colour as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorSpec {
    /// `default` or `reset`: the terminal's own foreground or background.
    Reset,
    Named(NamedColor),
    /// `0`–`255`: the terminal's 256-colour palette.
    Indexed(u8),
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
}

impl ColorSpec {
    fn from_word(word: &str) -> Result<Option<Self>, String> {
        if word == "default" || word == "reset" {
            return Ok(Some(Self::Reset));
        }
        if let Some(named) = NamedColor::from_word(word) {
            return Ok(Some(Self::Named(named)));
        }
        if let Some(hex) = word.strip_prefix('#') {
            let channel = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return match (hex.len(), channel(0), channel(2), channel(4)) {
                (6, Some(r), Some(g), Some(b)) if hex.is_ascii() => Ok(Some(Self::Rgb(r, g, b))),
                _ => Err(format!(
                    "`{word}` is not a colour: write #rrggbb with six hex digits"
                )),
            };
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return word
                .parse::<u8>()
                .map(|n| Some(Self::Indexed(n)))
                .map_err(|_| {
                    format!("`{word}` is not a colour: indexed colours go from 0 to 255")
                });
        }
        Ok(None)
    }
}

/// A style as configured: colours and attributes, each unset unless written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per terminal attribute, as written in the config"
)]
pub struct StyleSpec {
    pub fg: Option<ColorSpec>,
    pub bg: Option<ColorSpec>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underlined: bool,
    pub reversed: bool,
    pub crossed_out: bool,
}

/// A style string that does not parse: what is wrong, and the byte offset of the word in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleError {
    pub offset: usize,
    pub message: String,
}

const ATTRIBUTES: &str = "bold, dim, italic, underlined, reversed, crossed_out";
const COLORS: &str = "black, red, green, yellow, blue, magenta, cyan, gray, dark_gray, \
    light_red, light_green, light_yellow, light_blue, light_magenta, light_cyan, white, default; \
    #rrggbb; 0-255";

impl StyleSpec {
    /// Parses a style string such as `"bold yellow"` or `"black on yellow"`.
    pub fn parse(text: &str) -> Result<Self, StyleError> {
        let mut spec = Self::default();
        let mut words = words(text).peekable();
        while let Some((offset, word)) = words.next() {
            let fail = |message: String| StyleError { offset, message };
            let lower = word.to_lowercase().replace('-', "_");
            let flag = match lower.as_str() {
                "bold" => Some(&mut spec.bold),
                "dim" => Some(&mut spec.dim),
                "italic" => Some(&mut spec.italic),
                "underlined" | "underline" => Some(&mut spec.underlined),
                "reversed" | "reverse" => Some(&mut spec.reversed),
                "crossed_out" => Some(&mut spec.crossed_out),
                _ => None,
            };
            if let Some(flag) = flag {
                *flag = true;
                continue;
            }
            if lower == "on" {
                let Some((offset, word)) = words.next() else {
                    return Err(fail("`on` must be followed by a background colour".into()));
                };
                let fail = |message: String| StyleError { offset, message };
                match ColorSpec::from_word(&word.to_lowercase().replace('-', "_")).map_err(fail)? {
                    None => {
                        return Err(fail(format!(
                            "`{word}` after `on` is not a colour ({COLORS})"
                        )));
                    }
                    Some(_) if spec.bg.is_some() => {
                        return Err(fail(format!("a second background colour `on {word}`")));
                    }
                    Some(color) => spec.bg = Some(color),
                }
                continue;
            }
            match ColorSpec::from_word(&lower).map_err(fail)? {
                None => {
                    return Err(fail(format!(
                        "`{word}` is not a colour or attribute ({ATTRIBUTES}; {COLORS})"
                    )));
                }
                Some(_) if spec.fg.is_some() => {
                    return Err(fail(format!(
                        "a second foreground colour `{word}` (write `on {word}` for the background)"
                    )));
                }
                Some(color) => spec.fg = Some(color),
            }
        }
        Ok(spec)
    }
}

/// The whitespace-separated words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                found.push((s, text.get(s..i).unwrap_or_default()));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    found.into_iter()
}

/// `[theme]`: a style per slot, `None` for the built-in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ThemeConfig {
    pub selection: Option<StyleSpec>,
    pub selection_unfocused: Option<StyleSpec>,
    pub unread: Option<StyleSpec>,
    pub heading: Option<StyleSpec>,
    pub metadata: Option<StyleSpec>,
    pub link: Option<StyleSpec>,
    pub rule: Option<StyleSpec>,
    pub status: Option<StyleSpec>,
    pub search_hit: Option<StyleSpec>,
    pub text: Option<StyleSpec>,
}

impl ThemeConfig {
    /// The slot names, as written in `[theme]`.
    pub const SLOTS: [&str; 10] = [
        "selection",
        "selection_unfocused",
        "unread",
        "heading",
        "metadata",
        "link",
        "rule",
        "status",
        "search_hit",
        "text",
    ];

    fn slot_mut(&mut self, name: &str) -> Option<&mut Option<StyleSpec>> {
        Some(match name {
            "selection" => &mut self.selection,
            "selection_unfocused" => &mut self.selection_unfocused,
            "unread" => &mut self.unread,
            "heading" => &mut self.heading,
            "metadata" => &mut self.metadata,
            "link" => &mut self.link,
            "rule" => &mut self.rule,
            "status" => &mut self.status,
            "search_hit" => &mut self.search_hit,
            "text" => &mut self.text,
            _ => return None,
        })
    }
}

pub fn read_theme(report: &mut Reporter<'_>, root: &DeTable<'_>, config: &mut ThemeConfig) {
    let Some(value) = fields::value(root, "theme") else {
        return;
    };
    let DeValue::Table(table) = value.get_ref() else {
        report.wrong_type("theme", value, "a table ([theme])");
        return;
    };
    report.warn_unknown_keys(table, &ThemeConfig::SLOTS, "[theme]");
    for name in ThemeConfig::SLOTS {
        let Some(value) = fields::value(table, name) else {
            continue;
        };
        let key = format!("theme.{name}");
        let DeValue::String(style) = value.get_ref() else {
            report.wrong_type(&key, value, "a style in quotes, such as \"bold yellow\"");
            continue;
        };
        match StyleSpec::parse(style) {
            Ok(spec) => {
                if let Some(slot) = config.slot_mut(name) {
                    *slot = Some(spec);
                }
            }
            Err(error) => {
                // Point at the bad word when the string is written without escapes, so that
                // its characters are the file's; otherwise at the string.
                let span = value.span();
                let raw = report.text.get(span.clone()).unwrap_or_default();
                let written_as_is = raw.len() == style.len() + 2
                    && raw.get(1..raw.len() - 1) == Some(style.as_ref());
                let start = if written_as_is {
                    span.start + 1 + error.offset
                } else {
                    span.start
                };
                report.error(&(start..start), format!("`{key}`: {}", error.message));
            }
        }
    }
}
