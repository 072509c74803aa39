//! Whole screens of the reader (TestBackend-style buffers, insta snapshots) at 80×24, 41×20
//! and 20×5, on the seed bulletin and the shipped issues.

mod support {
    pub mod screen;
}

use kanbao::reader::{Message, update};
use kanbao::text::AmbiguousWidth::{Narrow, Wide};
use kanbao::ui::Theme;
use ratatui::style::{Color, Modifier};
use support::screen::{buffer, keys, library, open_seed, reader, screen};

#[test]
fn start_shows_the_newest_issues_first_article_with_the_list_focused() {
    let library = library();
    let reader = reader(&library, 80, 24, Narrow);
    insta::assert_snapshot!("start_80x24", screen(&reader, &library));
}

#[test]
fn seed_first_article_80x24() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    insta::assert_snapshot!("seed_first_80x24", screen(&reader, &library));
}

#[test]
fn seed_page_down_80x24() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter space");
    insta::assert_snapshot!("seed_second_page_down_80x24", screen(&reader, &library));
}

#[test]
fn seed_last_page_with_footer_80x24() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter");
    while reader.rows.articles[reader.selected].article + 1
        < library.issues[reader.rows.articles[reader.selected].issue]
            .articles
            .len()
    {
        keys(&mut reader, &library, "J");
    }
    keys(&mut reader, &library, "G");
    let shown = screen(&reader, &library);
    assert!(shown.contains("各快递"), "the footer is on the last page");
    insta::assert_snapshot!("seed_last_page_footer_80x24", shown);
}

#[test]
fn help_overlay_80x24() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "?");
    insta::assert_snapshot!("help_80x24", screen(&reader, &library));
}

#[test]
fn seed_41x20_narrow_mode_list_then_article() {
    let library = library();
    let mut reader = reader(&library, 41, 20, Narrow);
    open_seed(&mut reader, &library);
    insta::assert_snapshot!("seed_list_41x20", screen(&reader, &library));
    keys(&mut reader, &library, "enter");
    insta::assert_snapshot!("seed_article_41x20", screen(&reader, &library));
    keys(&mut reader, &library, "esc");
    // Back in the list, the article just opened is read: its `*` is gone.
    insta::assert_snapshot!("seed_list_after_reading_41x20", screen(&reader, &library));
}

#[test]
fn seed_20x5_and_too_small() {
    let library = library();
    let mut reader = reader(&library, 20, 5, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter");
    insta::assert_snapshot!("seed_article_20x5", screen(&reader, &library));
    update(&mut reader, &library, Message::Resize(19, 5));
    assert!(screen(&reader, &library).starts_with("terminal too small"));
}

#[test]
fn ambiguous_width_2_keeps_every_row_aligned() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Wide);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J");
    let shown = screen(&reader, &library);
    // Nothing kanbao draws itself is ambiguous: the rule is `|`, not `│`.
    for line in shown.lines().take(23) {
        assert_eq!(
            kanbao::text::str_width(line, Wide),
            80,
            "row not 80 cells wide: {line}"
        );
        assert!(!line.contains('│'));
        let list = line.split(" | ").next().unwrap_or_default();
        assert!(!list.contains('…'), "the list's ellipsis is `...`: {line}");
    }
    insta::assert_snapshot!("seed_second_wide_80x24", shown);
}

#[test]
fn no_color_is_monochrome_but_shows_selection_and_headings() {
    let library = library();
    let reader = reader(&library, 80, 24, Narrow);
    let buf = buffer(&reader, &library, &Theme::for_environment(Some("1"), None));
    let colored = buf
        .content()
        .iter()
        .any(|c| c.fg != Color::Reset || c.bg != Color::Reset);
    assert!(!colored, "no colour with NO_COLOR");
    // Row 1 is the selected first article: reverse video across the list.
    assert!(buf[(3, 1)].modifier.contains(Modifier::REVERSED));
    // Row 0 is the issue heading: bold.
    assert!(buf[(0, 0)].modifier.contains(Modifier::BOLD));
    // The article title in the pane is a heading too.
    assert!(buf[(28, 0)].modifier.contains(Modifier::BOLD));
}

#[test]
fn problems_view_lists_each_failed_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("issues/2024-05-hon-no-mushi.toml"),
        dir.path().join("2024-05-hon-no-mushi.toml"),
    )
    .expect("copy");
    std::fs::copy(
        root.join("tests/fixtures/bad-issues/title-not-text.toml"),
        dir.path().join("title-not-text.toml"),
    )
    .expect("copy");
    let library = kanbao::load::load_folder(dir.path()).expect("loads");
    let mut reader = reader(&library, 80, 24, Narrow);
    let start = screen(&reader, &library);
    let status = start.lines().last().unwrap_or_default();
    assert!(status.contains("1 file failed: !"), "{status}");
    keys(&mut reader, &library, "!");
    let shown = screen(&reader, &library).replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!("problems_80x24", shown);
}
