//! French and pinyin in a terminal that draws East Asian Ambiguous characters two columns
//! wide, accented letters (é à ō ǎ) included: every row fits the window, the rule between the
//! list and the pane stays in one column, and each article reads whole in the pane.

mod support {
    pub mod ambiguous;
    pub mod tmux;
}

use support::ambiguous::terminal_width;
use support::tmux::{Tmux, fresh_state, kanbao_command};

const ISSUE: &str = include_str!("fixtures/ambiguous-letters/2022-12-pinyin-francais.toml");

/// The text of `row` right of the rule at display column `rule`, as the terminal draws it.
fn pane_part(row: &str, rule: usize) -> String {
    let mut column = 0;
    let mut out = String::new();
    for c in row.chars() {
        if column > rule {
            out.push(c);
        }
        column += terminal_width(&c.to_string());
    }
    out
}

fn rule_column(row: &str) -> Option<usize> {
    let at = row.find('|')?;
    Some(terminal_width(row.get(..at).unwrap_or_default()))
}

/// The words of the body of the article titled `title` in the fixture issue.
fn body_words(title: &str) -> Vec<String> {
    let issue: toml::Table = ISSUE.parse().expect("the fixture is TOML");
    let article = issue["article"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["title"].as_str() == Some(title))
        .expect("the article is in the fixture");
    let body = article["body"].as_str().expect("a body");
    body.split_whitespace().map(str::to_owned).collect()
}

/// Checks one screen: rows fit, the rule stays put, and the pane holds `title`'s whole body.
fn check_screen(screen: &str, width: usize, height: usize, title: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), height, "{screen}");
    for row in &rows {
        assert!(
            terminal_width(row) <= width,
            "a row is {} columns wide:\n{row}\n{screen}",
            terminal_width(row)
        );
    }
    let body = &rows[..height - 1];
    let rule = rule_column(body[0]).expect("the rule is on the first row");
    for row in body {
        assert_eq!(rule_column(row), Some(rule), "the rule moved:\n{screen}");
    }
    let pane: Vec<String> = body
        .iter()
        .map(|row| pane_part(row, rule))
        .flat_map(|text| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let words = body_words(title);
    assert!(
        pane.windows(words.len()).any(|w| w == words.as_slice()),
        "the pane does not hold “{title}” whole:\n{screen}"
    );
}

fn read_pinyin_and_french(width: u16, height: u16) {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start_wide_ambiguous(
        &format!("ambiguous-letters-{width}"),
        width,
        height,
        &kanbao_command(&state, "--issues tests/fixtures/ambiguous-letters"),
    );
    let (w, h) = (usize::from(width), usize::from(height));
    let pinyin = "Zhōngguó yóuzhèng kuàidì yè fāzhǎn bàogào";
    let screen = tmux.wait_for(10, "the pinyin article", |s| {
        s.contains("? help") && s.contains("gōnglǐ.”") && s.contains("bǎifēnzhī")
    });
    check_screen(&screen, w, h, pinyin);
    tmux.send(&["J"]);
    let screen = tmux.wait_for(5, "the French article", |s| {
        s.contains("2/2") && s.contains("l’Office")
    });
    check_screen(&screen, w, h, "Le réseau postal à Shanghai");
    tmux.send(&["q"]);
    tmux.wait_for(5, "the shell", |s| s.contains("kanbao exited 0"));
}

#[test]
fn pinyin_and_french_where_ambiguous_characters_are_wide_at_80x24() {
    read_pinyin_and_french(80, 24);
}

#[test]
fn pinyin_and_french_where_ambiguous_characters_are_wide_at_81x23() {
    read_pinyin_and_french(81, 23);
}
