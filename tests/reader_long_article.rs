//! A long article is laid out a piece at a time (what the pane shows first, the rest in the
//! background or when needed), and everything that depends on line numbers behaves as with
//! the whole layout: what the pane shows while paging, `G`, finding, a saved place deep in
//! the article, a resize, the position in percent, bookmarks and the links overlay.

mod support {
    pub mod long_body;
    pub mod screen;
}

use std::path::Path;
use std::sync::Arc;

use kanbao::load::{self, Library};
use kanbao::model::Issue;
use kanbao::reader::{Anchor, Document, Focus, Message, Overlay, Reader, links, settle, update};
use kanbao::state::Place;
use kanbao::text::AmbiguousWidth::Narrow;
use kanbao::text::{LayoutOptions, Line, layout_article};
use support::long_body::seed_over_and_over;
use support::screen::{first_article_of, keys, library, reader, type_text};

/// The shipped issues and one more: an article of the seed bulletin's articles over and over
/// (about 400 KB, a few dozen pieces), each under its title as a heading, with a link in every
/// tenth paragraph (to one of seven URLs), in an issue with a footer.
fn long_library() -> Library {
    let mut library = library();
    let seed = library
        .issues
        .iter()
        .find(|i| i.stem == "2022-11-shanghai-postal")
        .expect("the seed bulletin");
    let body = seed_over_and_over(seed, 400 * 1024);
    let file = format!(
        "title = \"合订\"\nlanguage = \"zh-CN\"\nfooter = \"报：编辑部\"\n\n[[article]]\ntitle = \"合订\"\nbody = '''\n{body}'''\n"
    );
    let outcome = load::parse_issue(Path::new("seed-long.toml"), &file);
    library
        .issues
        .push(Arc::new(outcome.issue.expect("the long article loads")));
    library.files += 1;
    library
}

fn long_issue(library: &Library) -> &Issue {
    library
        .issues
        .iter()
        .find(|i| i.stem == "seed-long")
        .expect("the long article's issue")
}

/// A reader at `width`×`height` with the long article open in the pane.
fn opened(library: &Library, width: u16, height: u16) -> Reader {
    let mut reader = reader(library, width, height, Narrow);
    reader.selected = first_article_of(&reader, library, "seed-long");
    reader.relayout(library);
    keys(&mut reader, library, "enter");
    assert_eq!(reader.focus, Focus::Pane);
    reader
}

/// The long article laid out whole for the reader's pane, and the issue's footer after it.
fn whole(reader: &Reader, library: &Library) -> Vec<Line> {
    let issue = long_issue(library);
    let options = LayoutOptions::for_issue(issue, reader.pane_size().0, Narrow);
    let mut lines = layout_article(&issue.articles[0], &options).lines;
    let footer = ["", "─", "", "报：编辑部"];
    let at = reader.rows.articles[reader.selected];
    let mut document =
        Document::new(library, at, reader.pane_size().0, Narrow, true, None).expect("the article");
    document.complete();
    let after = &document.lines()[lines.len()..];
    assert_eq!(after.len(), footer.len());
    for (line, text) in after.iter().zip(footer) {
        assert!(
            line.text().starts_with(text),
            "{:?} after the body",
            line.text()
        );
    }
    lines.extend_from_slice(after);
    lines
}

/// The lines the pane shows now.
fn shown(reader: &Reader) -> Vec<Line> {
    let document = reader.document.as_ref().expect("the article");
    let lines = document.lines();
    let end = (reader.pane_top + reader.pane_size().1).min(lines.len());
    lines[reader.pane_top..end].to_vec()
}

fn expected(whole: &[Line], top: usize, height: usize) -> Vec<Line> {
    whole[top..(top + height).min(whole.len())].to_vec()
}

#[test]
fn a_new_document_lays_out_only_its_start_and_completes_to_the_whole_layout() {
    let library = long_library();
    let reader = opened(&library, 80, 24);
    let at = reader.rows.articles[reader.selected];
    let mut document =
        Document::new(&library, at, reader.pane_size().0, Narrow, true, None).expect("the article");
    let issue = long_issue(&library);
    let options = LayoutOptions::for_issue(issue, reader.pane_size().0, Narrow);
    let layout = layout_article(&issue.articles[0], &options);
    assert!(!document.is_complete(), "only the start is laid out");
    assert!(
        document.lines().len() * 10 < layout.lines.len(),
        "a small part"
    );
    assert_eq!(document.lines(), &layout.lines[..document.lines().len()]);
    assert!(document.layout.links.len() < layout.links.len());
    document.complete();
    assert!(document.is_complete());
    assert_eq!(document.lines()[..layout.lines.len()], layout.lines);
    assert_eq!(document.layout.links, layout.links);
    assert_eq!(layout.links.len(), 7);
}

#[test]
fn paging_through_shows_what_the_whole_layout_shows() {
    let library = long_library();
    let mut reader = opened(&library, 80, 24);
    let whole = whole(&reader, &library);
    let height = reader.pane_size().1;
    assert_eq!(shown(&reader), expected(&whole, 0, height));
    for _ in 0..40 {
        keys(&mut reader, &library, "space");
        assert_eq!(shown(&reader), expected(&whole, reader.pane_top, height));
    }
    assert_eq!(reader.pane_top, 40 * (height - 1));
}

#[test]
fn g_goes_to_the_end_and_the_position_is_exact() {
    let library = long_library();
    let mut reader = opened(&library, 80, 24);
    let whole = whole(&reader, &library);
    let height = reader.pane_size().1;
    assert_eq!(reader.percent(), height * 100 / whole.len());
    keys(&mut reader, &library, "G");
    assert_eq!(reader.pane_top, whole.len() - height);
    assert_eq!(reader.max_pane_top(), whole.len() - height);
    assert_eq!(
        shown(&reader),
        expected(&whole, whole.len() - height, height)
    );
    assert_eq!(reader.percent(), 100);
    keys(&mut reader, &library, "g");
    assert_eq!(reader.pane_top, 0);
}

#[test]
fn finding_reaches_hits_deep_in_the_article() {
    let library = long_library();
    let mut reader = opened(&library, 80, 24);
    let whole = whole(&reader, &library);
    keys(&mut reader, &library, "/");
    type_text(&mut reader, &library, "快递员");
    keys(&mut reader, &library, "enter N");
    let find = reader.find.clone().expect("a find");
    let last = find.hits.len() - 1;
    assert_eq!(find.current, Some(last), "N wraps around to the last hit");
    let offset = find.hits[last].range.start;
    let line = whole
        .iter()
        .rposition(|l| l.source().is_some_and(|s| s.start <= offset))
        .expect("the hit's line");
    assert!(
        line > whole.len() * 9 / 10,
        "the last hit is deep in the article"
    );
    let height = reader.pane_size().1;
    assert!(line >= reader.pane_top && line < reader.pane_top + height);
    assert_eq!(shown(&reader), expected(&whole, reader.pane_top, height));
}

#[test]
fn a_saved_place_deep_in_the_article_opens_there() {
    let library = long_library();
    let mut reader = reader(&library, 80, 24, Narrow);
    let issue = long_issue(&library);
    let article = &issue.articles[0];
    let offset = article.body.len() * 3 / 4;
    reader
        .memory
        .set_position(&article.id, Place::Offset { offset, below: 1 });
    reader.selected = first_article_of(&reader, &library, "seed-long");
    reader.relayout(&library);
    let whole = whole(&reader, &library);
    let line = whole
        .iter()
        .rposition(|l| l.source().is_some_and(|s| s.start <= offset))
        .expect("the place's line");
    assert_eq!(reader.pane_top, line + 1);
    assert_eq!(
        shown(&reader),
        expected(&whole, line + 1, reader.pane_size().1)
    );
}

#[test]
fn a_resize_keeps_the_place_deep_in_the_article() {
    let library = long_library();
    let mut reader = opened(&library, 80, 24);
    keys(&mut reader, &library, "G");
    let top = reader.pane_top * 2 / 3;
    reader.scroll_to(top);
    let Anchor::Offset { offset, below } = reader.anchor else {
        panic!("a body line on top, not {:?}", reader.anchor);
    };
    for (width, height) in [(120, 40), (61, 30), (80, 24)] {
        update(&mut reader, &library, Message::Resize(width, height));
        settle(&mut reader, &library);
        let whole = whole(&reader, &library);
        let line = whole
            .iter()
            .rposition(|l| l.source().is_some_and(|s| s.start <= offset))
            .expect("the place's line");
        assert_eq!(reader.pane_top, line + below, "at {width}×{height}");
        assert_eq!(
            shown(&reader),
            expected(&whole, reader.pane_top, reader.pane_size().1)
        );
    }
}

#[test]
fn bookmarks_and_links_see_the_whole_article() {
    let library = long_library();
    let mut reader = opened(&library, 80, 24);
    let whole_links = {
        let issue = long_issue(&library);
        let options = LayoutOptions::for_issue(issue, reader.pane_size().0, Narrow);
        layout_article(&issue.articles[0], &options).links
    };
    keys(&mut reader, &library, "u");
    assert_eq!(reader.overlay, Overlay::Links);
    assert_eq!(whole_links.len(), 7);
    assert_eq!(links(&reader), whole_links.as_slice());
    keys(&mut reader, &library, "esc");
    // A bookmark deep in the article, set there and toggled off there again.
    keys(&mut reader, &library, "G");
    let top = reader.pane_top / 2;
    reader.scroll_to(top);
    keys(&mut reader, &library, "B");
    assert_eq!(reader.notice.as_deref(), Some("bookmarked"));
    keys(&mut reader, &library, "g");
    keys(&mut reader, &library, "B");
    assert_eq!(
        reader.notice.as_deref(),
        Some("bookmarked"),
        "another place"
    );
    reader.scroll_to(top);
    keys(&mut reader, &library, "B");
    assert_eq!(reader.notice.as_deref(), Some("bookmark removed"));
}
