//! Finding in the article (`/`, `n`, `N`) and searching every issue (`s`) in the reader.

mod support {
    pub mod screen;
}

use kanbao::reader::{Focus, PromptKind};
use kanbao::search::Field;
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{keys, library, open_seed, reader, screen, type_text};

#[test]
fn slash_finds_in_the_article_and_n_steps_through_the_hits() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter /");
    assert_eq!(
        reader.prompt.as_ref().map(|p| p.kind),
        Some(PromptKind::Find)
    );
    type_text(&mut reader, &library, "快递");
    let find = reader.find.clone().expect("find");
    assert!(find.hits.len() > 5, "{} hits", find.hits.len());
    assert_eq!(find.current, Some(0));
    keys(&mut reader, &library, "enter");
    assert!(reader.prompt.is_none(), "Enter closes the prompt");
    assert!(reader.find.is_some(), "and keeps the highlights");
    let status = screen(&reader, &library);
    let status = status.lines().last().unwrap_or_default();
    assert!(
        status.contains(&format!("match 1/{}", find.hits.len())),
        "{status}"
    );
    keys(&mut reader, &library, "n n");
    assert_eq!(reader.find.as_ref().and_then(|f| f.current), Some(2));
    keys(&mut reader, &library, "N N N");
    assert_eq!(
        reader.find.as_ref().and_then(|f| f.current),
        Some(find.hits.len() - 1),
        "N wraps around"
    );
    // The current hit is on screen.
    let document = reader.document.as_ref().expect("document");
    let hit = &find.hits[find.hits.len() - 1];
    let line = kanbao::reader::Find::line_of(hit, document);
    assert!(line >= reader.pane_top && line < reader.pane_top + reader.pane_size().1);
    keys(&mut reader, &library, "/ esc");
    assert!(reader.find.is_none(), "Esc in the prompt clears the find");
}

#[test]
fn find_highlights_land_on_the_hit_at_odd_widths() {
    let library = library();
    for width in [80, 81, 61, 41] {
        let mut reader = reader(&library, width, 24, Narrow);
        open_seed(&mut reader, &library);
        keys(&mut reader, &library, "enter /");
        type_text(&mut reader, &library, "柴闪闪");
        keys(&mut reader, &library, "enter");
        let buf = support::screen::buffer(&reader, &library, &kanbao::ui::Theme::colored());
        let hit_style = kanbao::ui::Theme::colored().search_hit;
        let highlighted: String = buf
            .content()
            .iter()
            .filter(|cell| cell.bg == hit_style.bg.unwrap_or_default())
            .map(ratatui::buffer::Cell::symbol)
            .filter(|s| !s.trim().is_empty())
            .collect();
        assert_eq!(highlighted, "柴闪闪", "at width {width}");
    }
}

#[test]
fn a_hit_across_a_wrapped_line_end_is_found_and_highlighted_on_both_lines() {
    let library = library();
    let mut reader = reader(&library, 41, 20, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter /");
    // At 41 columns the seed's first paragraph wraps inside "全国人大代表".
    type_text(&mut reader, &library, "人大代表");
    keys(&mut reader, &library, "enter");
    let buf = support::screen::buffer(&reader, &library, &kanbao::ui::Theme::colored());
    let hit_bg = kanbao::ui::Theme::colored()
        .search_hit
        .bg
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut highlighted = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.bg == hit_bg && !cell.symbol().trim().is_empty() {
                highlighted.push_str(cell.symbol());
                if !rows.contains(&y) {
                    rows.push(y);
                }
            }
        }
    }
    assert_eq!(highlighted, "人大代表");
    assert_eq!(rows.len(), 2, "the hit runs over a wrapped line end");
    assert_eq!(reader.find.as_ref().map(|f| f.hits.len()), Some(1));
}

#[test]
fn s_searches_every_issue_and_enter_opens_the_article_at_the_hit() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "绿色包装");
    let results = reader.results.clone().expect("results");
    assert!(results.matches.len() >= 3, "{}", results.matches.len());
    for found in &results.matches {
        assert_eq!(library.issues[found.issue].stem, "2022-11-shanghai-postal");
    }
    let shown = screen(&reader, &library);
    assert!(shown.contains("绿色包装"), "{shown}");
    keys(&mut reader, &library, "enter j");
    assert!(reader.prompt.is_none());
    assert_eq!(reader.results.as_ref().map(|r| r.selected), Some(1));
    keys(&mut reader, &library, "enter");
    assert_eq!(reader.focus, Focus::Pane);
    let found = &results.matches[1];
    let at = reader.rows.articles[reader.selected];
    assert_eq!((at.issue, at.article), (found.issue, found.article));
    let find = reader
        .find
        .as_ref()
        .expect("the query is found in the article");
    assert_eq!(
        find.current.and_then(|i| find.hits.get(i)),
        Some(&found.hit)
    );
    if found.hit.field == Field::Body {
        let document = reader.document.as_ref().expect("document");
        let line = document.line_at(found.hit.range.start);
        assert!(line >= reader.pane_top && line < reader.pane_top + reader.pane_size().1);
    }
    keys(&mut reader, &library, "esc");
    assert_eq!(reader.focus, Focus::List);
    assert!(reader.results.is_some(), "back to the results");
    keys(&mut reader, &library, "esc");
    assert!(reader.results.is_none(), "a second Esc closes them");
    assert!(
        reader.find.is_none(),
        "and clears the hits they highlighted"
    );
}

#[test]
fn search_folds_width_and_case() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "ｉｓｏ９００１");
    let results = reader.results.as_ref().expect("results");
    assert_eq!(results.matches.len(), 1, "ＩＳＯ９００１ folds to iso9001");
}

#[test]
fn search_results_screen_80x24() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "绿色");
    insta::assert_snapshot!("search_results_80x24", screen(&reader, &library));
}

#[test]
fn esc_clears_the_find_highlights_while_typing_and_after_enter() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter /");
    type_text(&mut reader, &library, "快递");
    assert!(reader.find.is_some(), "matches are highlighted as you type");
    keys(&mut reader, &library, "esc");
    assert!(reader.prompt.is_none(), "Esc closes the prompt");
    assert!(
        reader.find.is_none(),
        "Esc while typing clears the highlights"
    );
    assert_eq!(reader.focus, Focus::Pane, "and stays in the article");

    keys(&mut reader, &library, "/");
    type_text(&mut reader, &library, "快递");
    keys(&mut reader, &library, "enter");
    assert!(reader.find.is_some(), "Enter keeps the highlights");
    keys(&mut reader, &library, "esc");
    assert!(reader.find.is_none(), "Esc after Enter clears them");
    assert_eq!(reader.focus, Focus::Pane, "the first Esc only clears them");
    keys(&mut reader, &library, "esc");
    assert_eq!(
        reader.focus,
        Focus::List,
        "the next one goes back to the list"
    );
}

#[test]
fn esc_after_a_kept_find_shows_the_article_without_highlights() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter /");
    type_text(&mut reader, &library, "快递");
    keys(&mut reader, &library, "enter esc");
    let theme = kanbao::ui::Theme::colored();
    let buf = support::screen::buffer(&reader, &library, &theme);
    let hit_background = theme.search_hit.bg.unwrap_or_default();
    assert!(
        !buf.content().iter().any(|cell| cell.bg == hit_background),
        "no cell keeps the highlight"
    );
    insta::assert_snapshot!("find_cleared_by_esc_80x24", screen(&reader, &library));
}

#[test]
fn result_snippets_never_start_with_a_closing_mark_and_keep_their_hit_in_view() {
    // Marks that may not begin a line.
    const NO_START: &str = "、。，．：；？！）］｝〕〉》」』】”’～〜ー々,.;:!?)]}%";
    let library = library();
    let theme = kanbao::ui::Theme::colored();
    for width in (40..=120).step_by(8) {
        for query in ["党", "精神", "邮政", "the", "快递"] {
            let mut reader = reader(&library, width, 24, Narrow);
            keys(&mut reader, &library, "s");
            type_text(&mut reader, &library, query);
            let buf = support::screen::buffer(&reader, &library, &theme);
            let shown = screen(&reader, &library);
            let list = reader.screen().list.expect("a list");
            // Every second row of the list is a snippet, from column 2.
            for y in (list.y + 1..list.y + list.height).step_by(2) {
                if buf[(list.x + 1, y - 1)].symbol() == " " {
                    break;
                }
                let cells: Vec<&ratatui::buffer::Cell> = (list.x + 2..list.x + list.width)
                    .map(|x| &buf[(x, y)])
                    .collect();
                let hit = |cell: &ratatui::buffer::Cell| {
                    cell.bg == theme.search_hit.bg.unwrap_or_default()
                };
                assert!(
                    cells.iter().any(|cell| hit(cell)),
                    "{query:?} at {width} columns, row {y}: no hit in view\n{shown}"
                );
                let first = cells
                    .iter()
                    .find(|cell| cell.symbol() != "…")
                    .expect("a snippet");
                assert!(
                    hit(first) || !NO_START.contains(first.symbol()),
                    "{query:?} at {width} columns, row {y} starts with {:?}\n{shown}",
                    first.symbol()
                );
            }
        }
    }
}

#[test]
fn esc_from_a_search_goes_back_to_the_article_it_began_on_unless_a_match_was_opened() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "j j");
    let began_on = reader.selected_id(&library).map(str::to_owned);
    // Browsing the matches moves the pane (and the selection) from match to match.
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "ISO");
    keys(&mut reader, &library, "enter j j");
    assert_ne!(reader.selected_id(&library).map(str::to_owned), began_on);
    keys(&mut reader, &library, "esc");
    assert!(reader.results.is_none());
    assert_eq!(
        reader.selected_id(&library).map(str::to_owned),
        began_on,
        "cancelled: back where the search began"
    );
    // Esc while typing cancels too.
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "ISO");
    keys(&mut reader, &library, "esc");
    assert_eq!(reader.selected_id(&library).map(str::to_owned), began_on);
    // A match opened with Enter is where the reader chose to go: it stays.
    keys(&mut reader, &library, "s");
    type_text(&mut reader, &library, "ISO");
    keys(&mut reader, &library, "enter j j enter");
    let opened = reader.selected_id(&library).map(str::to_owned);
    assert_ne!(opened, began_on);
    keys(&mut reader, &library, "esc esc");
    assert!(reader.results.is_none());
    assert_eq!(reader.selected_id(&library).map(str::to_owned), opened);
}
