//! `u` lists the article's links and Enter copies one; `y` copies the article: both through
//! OSC 52, and the status line says what was sent, never that a copy happened.

mod support {
    pub mod screen;
}

use kanbao::reader::{Overlay, links, osc52};
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{keys, library, reader, screen};

#[test]
fn u_lists_the_links_in_full_and_enter_sends_one() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    // The English issue's reading list has the long URL.
    let index = reader
        .rows
        .articles
        .iter()
        .position(|a| {
            library.issues[a.issue].articles[a.article]
                .body
                .links
                .iter()
                .any(|l| l.len() > 100)
        })
        .expect("an article with a long link");
    while reader.selected < index {
        keys(&mut reader, &library, "j");
    }
    let urls = links(&reader, &library).to_vec();
    let long = urls.iter().position(|l| l.len() > 100).expect("long link");
    keys(&mut reader, &library, "u");
    assert_eq!(reader.overlay, Overlay::Links);
    let shown: String = screen(&reader, &library)
        .lines()
        .map(|l| {
            l.trim_end().trim_start_matches(|c: char| {
                c == ' ' || c == '[' || c.is_ascii_digit() || c == ']'
            })
        })
        .collect();
    assert!(
        shown.contains(&urls[long]),
        "the long URL is shown in full, wrapped"
    );
    for _ in 0..long {
        keys(&mut reader, &library, "j");
    }
    keys(&mut reader, &library, "enter");
    assert_eq!(reader.clipboard.as_deref(), Some(urls[long].as_str()));
    let notice = reader.notice.clone().unwrap_or_default();
    assert!(notice.contains("sent to terminal (OSC 52)"), "{notice}");
    assert!(!notice.contains("copied"), "never claims the copy happened");
    keys(&mut reader, &library, "esc");
    assert_eq!(reader.overlay, Overlay::None);
}

#[test]
fn y_sends_the_article_as_plain_text() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    support::screen::open_seed(&mut reader, &library);
    keys(&mut reader, &library, "y");
    let text = reader.clipboard.clone().expect("text to send");
    assert!(text.starts_with("上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动\n"));
    assert!(text.contains("柴闪闪"));
    assert!(
        reader
            .notice
            .as_deref()
            .is_some_and(|n| n.ends_with("sent to terminal (OSC 52)"))
    );
}

#[test]
fn osc52_is_base64_of_the_text() {
    assert_eq!(osc52("看报"), "\u{1b}]52;c;55yL5oql\u{7}");
}

#[test]
fn hyperlinks_are_osc8_cells_only_when_asked_for() {
    use ratatui::buffer::CellWidth;
    let library = library();
    for on in [false, true] {
        let mut reader = reader(&library, 80, 24, Narrow);
        reader.settings.hyperlinks = on;
        // The first article of the English issue links to UAX #11 in its first paragraph.
        let buf = support::screen::buffer(&reader, &library, &kanbao::ui::Theme::colored());
        let linked: Vec<&ratatui::buffer::Cell> = buf
            .content()
            .iter()
            .filter(|c| c.symbol().starts_with("\u{1b}]8;;https://"))
            .collect();
        if on {
            assert!(!linked.is_empty(), "link text is drawn as OSC 8 cells");
            for cell in &linked {
                assert!(cell.symbol().ends_with("\u{1b}]8;;\u{1b}\\"));
                assert_eq!(cell.cell_width(), 1, "the escapes take no columns");
            }
        } else {
            assert!(linked.is_empty(), "off by default");
        }
    }
}
