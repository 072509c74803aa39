//! `[theme]` in config.toml: style strings, their problems at the word's position, the theme
//! they make with and without colour, and colours brought down to what the terminal shows.

use std::path::Path;

use kanbao::config::{self, ColorSpec, NamedColor, StyleSpec, ThemeConfig};
use kanbao::ui::Theme;
use ratatui::style::{Color, Modifier, Style};

fn theme_config(body: &str) -> ThemeConfig {
    let text = format!("[theme]\n{body}");
    match config::parse(Path::new("config.toml"), &text) {
        Ok(config) => config.theme,
        Err(error) => panic!("{error}"),
    }
}

fn error(text: &str) -> String {
    config::parse(Path::new("config.toml"), text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

fn parse(style: &str) -> StyleSpec {
    StyleSpec::parse(style).unwrap_or_else(|e| panic!("{style}: {}", e.message))
}

#[test]
fn attributes_are_words() {
    let spec = parse("bold dim italic underlined reversed crossed_out");
    assert_eq!(
        spec,
        StyleSpec {
            bold: true,
            dim: true,
            italic: true,
            underlined: true,
            reversed: true,
            crossed_out: true,
            ..StyleSpec::default()
        }
    );
    assert!(parse("Crossed-Out").crossed_out);
}

#[test]
fn every_named_colour_by_its_name_with_grey_and_hyphens() {
    for named in NamedColor::ALL {
        assert_eq!(parse(named.name()).fg, Some(ColorSpec::Named(named)));
    }
    assert_eq!(
        parse("dark-grey").fg,
        Some(ColorSpec::Named(NamedColor::DarkGray))
    );
    assert_eq!(parse("grey").fg, Some(ColorSpec::Named(NamedColor::Gray)));
    assert_eq!(
        parse("LIGHT_BLUE").fg,
        Some(ColorSpec::Named(NamedColor::LightBlue))
    );
}

#[test]
fn default_hex_and_indexed_colours() {
    assert_eq!(parse("default").fg, Some(ColorSpec::Reset));
    assert_eq!(parse("reset").fg, Some(ColorSpec::Reset));
    assert_eq!(parse("#ff8000").fg, Some(ColorSpec::Rgb(255, 128, 0)));
    assert_eq!(parse("#A0b0C0").fg, Some(ColorSpec::Rgb(160, 176, 192)));
    assert_eq!(parse("0").fg, Some(ColorSpec::Indexed(0)));
    assert_eq!(parse("255").fg, Some(ColorSpec::Indexed(255)));
}

#[test]
fn on_sets_the_background_and_empty_is_no_style() {
    let spec = parse("  bold  black on #ffff00 ");
    assert_eq!(
        (spec.fg, spec.bg, spec.bold),
        (
            Some(ColorSpec::Named(NamedColor::Black)),
            Some(ColorSpec::Rgb(255, 255, 0)),
            true
        )
    );
    assert_eq!(parse("on 236").bg, Some(ColorSpec::Indexed(236)));
    assert_eq!(parse(""), StyleSpec::default());
    assert_eq!(
        Theme::with_config(Theme::colored(), &theme_config("rule = \"\"\n"), false).rule,
        Style::new()
    );
}

#[test]
fn a_bad_word_is_reported_at_its_line_and_column_with_the_slot() {
    assert_eq!(
        error("# colours\n[theme]\nheading = \"bolt yellow\"\n"),
        "config.toml:3:12: error: `theme.heading`: `bolt` is not a colour or attribute \
         (bold, dim, italic, underlined, reversed, crossed_out; black, red, green, yellow, \
         blue, magenta, cyan, gray, dark_gray, light_red, light_green, light_yellow, \
         light_blue, light_magenta, light_cyan, white, default; #rrggbb; 0-255)"
    );
    // The column is the word's, not the string's.
    let message = error("[theme]\nlink = \"underlined bleu\"\n");
    assert!(
        message.starts_with("config.toml:2:20: error: `theme.link`: `bleu` is not a colour"),
        "{message}"
    );
}

#[test]
fn malformed_colours_say_what_is_wrong() {
    let cases = [
        (
            "status = \"#12345\"",
            "config.toml:2:11: error: `theme.status`: `#12345` is not a colour: write #rrggbb with six hex digits",
        ),
        (
            "status = \"bold 256\"",
            "config.toml:2:16: error: `theme.status`: `256` is not a colour: indexed colours go from 0 to 255",
        ),
        (
            "search_hit = \"black on\"",
            "config.toml:2:21: error: `theme.search_hit`: `on` must be followed by a background colour",
        ),
        (
            "search_hit = \"red blue\"",
            "config.toml:2:19: error: `theme.search_hit`: a second foreground colour `blue` (write `on blue` for the background)",
        ),
        (
            "text = 3",
            "config.toml:2:8: error: `theme.text` must be a style in quotes, such as \"bold yellow\", but this is a number",
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(error(&format!("[theme]\n{line}\n")), expected);
    }
    // With escapes the characters are not the file's: the string's position is used.
    assert!(
        error("[theme]\nrule = \"\\u0062olt\"\n")
            .starts_with("config.toml:2:8: error: `theme.rule`: `bolt`")
    );
}

#[test]
fn an_unknown_slot_is_a_warning_with_a_suggestion() {
    let config = config::parse(
        Path::new("config.toml"),
        "[theme]\nheadng = \"bold\"\nlink = \"blue\"\n",
    )
    .expect("parses");
    let warnings: Vec<String> = config.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "config.toml:2:1: warning: unknown key `headng` in [theme] is ignored (did you mean `heading`?)"
        ]
    );
    assert_eq!(
        config.theme.link,
        Some(StyleSpec {
            fg: Some(ColorSpec::Named(NamedColor::Blue)),
            ..StyleSpec::default()
        })
    );
}

#[test]
fn configured_slots_replace_the_default_and_the_rest_stay() {
    let config = theme_config("heading = \"italic #112233 on 17\"\n");
    let theme = Theme::with_config(Theme::colored(), &config, false);
    assert_eq!(
        theme.heading,
        Style::new()
            .fg(Color::Rgb(0x11, 0x22, 0x33))
            .bg(Color::Indexed(17))
            .add_modifier(Modifier::ITALIC)
    );
    assert_eq!(
        Theme {
            heading: Theme::colored().heading,
            ..theme
        },
        Theme::colored()
    );
}

#[test]
fn no_color_drops_configured_colours_but_keeps_attributes() {
    let config = theme_config(
        "heading = \"bold italic magenta\"\nlink = \"#00ff00 on blue\"\nmetadata = \"dim\"\n",
    );
    let env = |name: &str| match name {
        "NO_COLOR" => Some("1".to_owned()),
        "TERM" => Some("xterm-256color".to_owned()),
        "COLORTERM" => Some("truecolor".to_owned()),
        _ => None,
    };
    let theme = Theme::for_terminal(&config, env);
    assert_eq!(
        theme.heading,
        Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC)
    );
    assert_eq!(theme.metadata, Style::new().add_modifier(Modifier::DIM));
    // Colours only: the monochrome default stays, so the slot still shows.
    assert_eq!(theme.link, Theme::monochrome().link);
    assert_eq!(
        Theme::with_config(Theme::monochrome(), &config, true),
        theme
    );
}

#[test]
fn colour_count_comes_from_colorterm_then_term() {
    assert_eq!(
        Theme::color_count(Some("truecolor"), Some("xterm")),
        1 << 24
    );
    assert_eq!(Theme::color_count(Some("24bit"), Some("linux")), 1 << 24);
    assert_eq!(Theme::color_count(None, Some("xterm-256color")), 256);
    assert_eq!(Theme::color_count(Some(""), Some("tmux-256color")), 256);
    assert_eq!(Theme::color_count(None, Some("xterm")), 16);
    assert_eq!(Theme::color_count(None, Some("linux")), 16);
    assert_eq!(Theme::color_count(None, Some("vt100")), 8);
    assert_eq!(Theme::color_count(None, None), 16);
}

#[test]
fn nearest_named_colours() {
    assert_eq!(Theme::nearest_named(0, 0, 0), Color::Black);
    assert_eq!(Theme::nearest_named(10, 10, 10), Color::Black);
    assert_eq!(Theme::nearest_named(255, 0, 0), Color::LightRed);
    assert_eq!(Theme::nearest_named(200, 10, 0), Color::Red);
    assert_eq!(Theme::nearest_named(255, 165, 0), Color::Yellow);
    assert_eq!(Theme::nearest_named(128, 128, 128), Color::DarkGray);
    assert_eq!(Theme::nearest_named(192, 192, 192), Color::Gray);
    assert_eq!(Theme::nearest_named(0, 0, 128), Color::Blue);
    assert_eq!(Theme::nearest_named(250, 250, 250), Color::White);
}

#[test]
fn rgb_and_indexed_colours_degrade_to_what_the_terminal_shows() {
    let config = theme_config(
        "heading = \"bold #ff0000\"\nlink = \"196\"\nrule = \"244\"\nmetadata = \"3\"\n\
         search_hit = \"#000000 on #ffff00\"\nstatus = \"#5f87af\"\n",
    );
    let configured = Theme::with_config(Theme::colored(), &config, false);
    // 16 colours: everything is one of the named ones.
    let sixteen = configured.degraded(16);
    assert_eq!(
        sixteen.heading,
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(sixteen.link.fg, Some(Color::LightRed));
    assert_eq!(sixteen.rule.fg, Some(Color::DarkGray));
    assert_eq!(sixteen.metadata.fg, Some(Color::Yellow));
    assert_eq!(
        (sixteen.search_hit.fg, sixteen.search_hit.bg),
        (Some(Color::Black), Some(Color::LightYellow))
    );
    // 8 colours: only the first eight.
    let eight = configured.degraded(8);
    assert_eq!(eight.heading.fg, Some(Color::Red));
    assert_eq!(eight.search_hit.bg, Some(Color::Yellow));
    // 256: RGB becomes the palette's nearest, indexed stays.
    let palette = configured.degraded(256);
    assert_eq!(palette.heading.fg, Some(Color::Indexed(196)));
    assert_eq!(palette.status.fg, Some(Color::Indexed(67)));
    assert_eq!(palette.rule.fg, Some(Color::Indexed(244)));
    // Truecolor keeps everything; named defaults never change.
    assert_eq!(configured.degraded(1 << 24), configured);
    assert_eq!(Theme::colored().degraded(8), Theme::colored());
    // The reader's theme on a plain xterm.
    let env = |name: &str| (name == "TERM").then(|| "xterm".to_owned());
    assert_eq!(Theme::for_terminal(&config, env), sixteen);
}

/// The `[theme]` section of the shipped config.toml, every setting uncommented.
fn documented_theme() -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"))
        .expect("config.toml");
    let start = text.find("\n[theme]\n").expect("[theme] documented");
    let section = text.get(start + 1..).unwrap_or_default();
    let mut uncommented = String::new();
    for line in section.lines().take_while(|line| !line.is_empty()) {
        let setting = line.strip_prefix("# ").filter(|rest| {
            rest.split_once(" = \"")
                .is_some_and(|(key, _)| ThemeConfig::SLOTS.contains(&key))
        });
        uncommented.push_str(setting.unwrap_or(line));
        uncommented.push('\n');
    }
    uncommented
}

#[test]
fn the_documented_theme_is_the_default() {
    let text = documented_theme();
    let config = config::parse(Path::new("config.toml"), &text).expect("parses");
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    // Every slot is written out…
    let theme = config.theme;
    let slots = [
        theme.selection,
        theme.selection_unfocused,
        theme.unread,
        theme.heading,
        theme.metadata,
        theme.link,
        theme.rule,
        theme.status,
        theme.search_hit,
        theme.text,
    ];
    assert!(slots.iter().all(Option::is_some), "{text}");
    // …and is the built-in default, in colour and without.
    assert_eq!(
        Theme::with_config(Theme::colored(), &theme, false),
        Theme::colored()
    );
    assert_eq!(
        Theme::with_config(Theme::monochrome(), &theme, true),
        Theme::monochrome()
    );
}
