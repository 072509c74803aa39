//! Colours and attributes by meaning (selection, heading, metadata…), not by widget. The
//! default reads on dark and light backgrounds because it uses the terminal's own palette and
//! attributes; without colour (`NO_COLOR`, `TERM=dumb`) selection is reverse video and
//! headings bold. `[theme]` in the config replaces slots ([`Theme::with_config`]), and colours
//! the terminal cannot show are brought down to the nearest it can ([`Theme::degraded`]).

use ratatui::style::{Color, Modifier, Style};

use crate::config::{ColorSpec, NamedColor, StyleSpec, ThemeConfig};

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
        if is_monochrome(no_color, term) {
            Self::monochrome()
        } else {
            Self::colored()
        }
    }

    /// The theme the reader runs with: [`Theme::for_environment`], then the config's
    /// `[theme]` over it, then colours the terminal cannot show brought down to ones it can.
    /// `var` reads an environment variable (`NO_COLOR`, `TERM`, `COLORTERM`).
    #[must_use]
    pub fn for_terminal(config: &ThemeConfig, var: impl Fn(&str) -> Option<String>) -> Self {
        let (no_color, term, colorterm) = (var("NO_COLOR"), var("TERM"), var("COLORTERM"));
        let monochrome = is_monochrome(no_color.as_deref(), term.as_deref());
        let base = Self::for_environment(no_color.as_deref(), term.as_deref());
        let theme = Self::with_config(base, config, monochrome);
        theme.degraded(Self::color_count(colorterm.as_deref(), term.as_deref()))
    }

    /// `base` with the configured slots in place of its own. A configured style replaces the
    /// slot's whole style. In `monochrome` mode its colours are dropped and its attributes
    /// kept, so that `NO_COLOR` still wins; a style that was only colours keeps `base`'s slot
    /// (a search hit must still show).
    #[must_use]
    pub fn with_config(base: Theme, config: &ThemeConfig, monochrome: bool) -> Theme {
        let slot = |base: Style, spec: Option<StyleSpec>| match spec {
            None => base,
            Some(spec) if monochrome => {
                let had_color = spec.fg.is_some() || spec.bg.is_some();
                let plain = StyleSpec {
                    fg: None,
                    bg: None,
                    ..spec
                };
                if had_color && plain == StyleSpec::default() {
                    base
                } else {
                    style(&plain)
                }
            }
            Some(spec) => style(&spec),
        };
        Theme {
            selection: slot(base.selection, config.selection),
            selection_unfocused: slot(base.selection_unfocused, config.selection_unfocused),
            unread: slot(base.unread, config.unread),
            heading: slot(base.heading, config.heading),
            metadata: slot(base.metadata, config.metadata),
            link: slot(base.link, config.link),
            rule: slot(base.rule, config.rule),
            status: slot(base.status, config.status),
            search_hit: slot(base.search_hit, config.search_hit),
            text: slot(base.text, config.text),
        }
    }

    /// How many colours the terminal shows: `COLORTERM=truecolor` or `24bit` → 2²⁴, a `TERM`
    /// with `256color` → 256, `TERM=vt100` or `vt220` → 8, anything else (`linux`,
    /// `xterm`, unset) → 16.
    #[must_use]
    pub fn color_count(colorterm: Option<&str>, term: Option<&str>) -> u32 {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        let term = term.unwrap_or_default();
        if colorterm == "truecolor" || colorterm == "24bit" {
            1 << 24
        } else if term.contains("256color") {
            256
        } else if term == "vt100" || term == "vt220" {
            8
        } else {
            16
        }
    }

    /// The theme with every colour a terminal of `colors` colours cannot show replaced by
    /// the nearest one it can: RGB to the 256-colour palette on 256, RGB and indexed colours
    /// to the 16 named ones on 16 (to the first 8 on 8). Named colours are kept.
    #[must_use]
    pub fn degraded(self, colors: u32) -> Theme {
        let style = |style: Style| Style {
            fg: style.fg.map(|c| degrade(c, colors)),
            bg: style.bg.map(|c| degrade(c, colors)),
            ..style
        };
        Theme {
            selection: style(self.selection),
            selection_unfocused: style(self.selection_unfocused),
            unread: style(self.unread),
            heading: style(self.heading),
            metadata: style(self.metadata),
            link: style(self.link),
            rule: style(self.rule),
            status: style(self.status),
            search_hit: style(self.search_hit),
            text: style(self.text),
        }
    }

    /// The named colour (of the 16) nearest to an RGB colour, by xterm's default palette.
    #[must_use]
    pub fn nearest_named(r: u8, g: u8, b: u8) -> Color {
        nearest_of(&NamedColor::ALL, (r, g, b))
    }
}

fn is_monochrome(no_color: Option<&str>, term: Option<&str>) -> bool {
    no_color.is_some_and(|v| !v.is_empty()) || term.is_some_and(|t| t == "dumb")
}

fn style(spec: &StyleSpec) -> Style {
    let mut style = Style::new();
    style.fg = spec.fg.map(color);
    style.bg = spec.bg.map(color);
    for (on, modifier) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
        (spec.crossed_out, Modifier::CROSSED_OUT),
    ] {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    style
}

fn color(spec: ColorSpec) -> Color {
    match spec {
        ColorSpec::Reset => Color::Reset,
        ColorSpec::Named(named) => named_color(named),
        ColorSpec::Indexed(index) => Color::Indexed(index),
        ColorSpec::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn named_color(named: NamedColor) -> Color {
    match named {
        NamedColor::Black => Color::Black,
        NamedColor::Red => Color::Red,
        NamedColor::Green => Color::Green,
        NamedColor::Yellow => Color::Yellow,
        NamedColor::Blue => Color::Blue,
        NamedColor::Magenta => Color::Magenta,
        NamedColor::Cyan => Color::Cyan,
        NamedColor::Gray => Color::Gray,
        NamedColor::DarkGray => Color::DarkGray,
        NamedColor::LightRed => Color::LightRed,
        NamedColor::LightGreen => Color::LightGreen,
        NamedColor::LightYellow => Color::LightYellow,
        NamedColor::LightBlue => Color::LightBlue,
        NamedColor::LightMagenta => Color::LightMagenta,
        NamedColor::LightCyan => Color::LightCyan,
        NamedColor::White => Color::White,
    }
}

fn degrade(color: Color, colors: u32) -> Color {
    let named: &[NamedColor] = if colors <= 8 {
        NamedColor::ALL.get(..8).unwrap_or_default()
    } else {
        &NamedColor::ALL
    };
    match color {
        _ if colors >= 1 << 24 => color,
        Color::Rgb(r, g, b) if colors >= 256 => Color::Indexed(nearest_indexed((r, g, b))),
        Color::Rgb(r, g, b) if colors < 256 => nearest_of(named, (r, g, b)),
        Color::Indexed(index) if colors < 256 => match NamedColor::from_index(index) {
            Some(exact) => named_color(exact),
            None => nearest_of(named, palette(index)),
        },
        _ => color,
    }
}

/// xterm's default RGB for a 256-colour palette index.
fn palette(index: u8) -> (u8, u8, u8) {
    const ANSI: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => ANSI[usize::from(index)],
        16..=231 => {
            let n = usize::from(index - 16);
            (LEVELS[n / 36], LEVELS[n / 6 % 6], LEVELS[n % 6])
        }
        232..=255 => {
            let level = 8 + 10 * (index - 232);
            (level, level, level)
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| u32::from(x.abs_diff(y)).pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

fn nearest_of(candidates: &[NamedColor], rgb: (u8, u8, u8)) -> Color {
    candidates
        .iter()
        .min_by_key(|c| distance(palette(c.index()), rgb))
        .map_or(Color::Reset, |&c| named_color(c))
}

/// The 256-colour index (of the colour cube and the grey ramp, 16–255) nearest to `rgb`.
fn nearest_indexed(rgb: (u8, u8, u8)) -> u8 {
    (16..=255)
        .min_by_key(|&index| distance(palette(index), rgb))
        .unwrap_or(16)
}
