//! Drawing the reader into a buffer for tests, and the buffer as the text a terminal shows.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::Path;

use kanbao::load::{self, Library};
use kanbao::model::Issue;
use kanbao::reader::{Keymap, Message, Reader, ReaderSettings, update};
use kanbao::text::AmbiguousWidth;
use kanbao::ui::{Theme, render};
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;

/// The shipped issues and, as `seed-long`, the seed bulletin's articles joined into one article
/// `times` over: long enough to scroll at any size.
pub fn library_with_long_seed(times: usize) -> Library {
    let mut library = library();
    let seed = library
        .issues
        .iter()
        .find(|i| i.stem == "2022-11-shanghai-postal")
        .expect("seed bulletin");
    let file = format!(
        "title = \"合订\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"合订\"\nbody = '''\n{}'''\n",
        long_seed_body(seed, times)
    );
    let outcome = load::parse_issue(Path::new("seed-long.toml"), &file);
    library.issues.push(std::sync::Arc::new(
        outcome.issue.expect("seed-long parses"),
    ));
    library.files += 1;
    library
}

/// The body of the `seed-long` article: `seed`'s articles, each as its title for a heading and
/// its body's source, `times` over, to go in a TOML literal string (`'''`). The wire bench's
/// `seed-long` (`benches/wire.rs`) is the same article.
pub fn long_seed_body(seed: &Issue, times: usize) -> String {
    use std::fmt::Write as _;
    let mut body = String::new();
    for _ in 0..times {
        for article in &seed.articles {
            let _ = write!(
                body,
                "## {}\n\n{}\n\n",
                article.title,
                article.body.source().trim()
            );
        }
    }
    assert!(!body.contains("'''"), "the body fits a literal string");
    body.truncate(body.trim_end().len());
    body
}

/// The shipped issues.
pub fn library() -> Library {
    load::load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")).expect("issues load")
}

pub fn reader(library: &Library, width: u16, height: u16, ambiguous: AmbiguousWidth) -> Reader {
    let settings = ReaderSettings {
        ambiguous,
        ..ReaderSettings::default()
    };
    Reader::new(library, settings, Keymap::defaults(), (width, height))
}

/// The position in reading order of the first article of the issue with file stem `stem`.
pub fn first_article_of(reader: &Reader, library: &Library, stem: &str) -> usize {
    reader
        .rows
        .articles
        .iter()
        .position(|a| library.issues[a.issue].stem == stem)
        .expect("issue present")
}

/// Selects the seed bulletin's first article the way a user would: `]` until it is there.
pub fn open_seed(reader: &mut Reader, library: &Library) {
    let target = first_article_of(reader, library, "2022-11-shanghai-postal");
    while reader.selected != target {
        keys(reader, library, "]");
    }
}

/// Feeds keys written as in config.toml, separated by spaces (`"j j space"`).
pub fn keys(reader: &mut Reader, library: &Library, keys: &str) {
    for key in keys.split(' ').filter(|k| !k.is_empty()) {
        let key = kanbao::reader::Key::parse(key).expect("key");
        update(reader, library, Message::Key(key));
        kanbao::reader::settle(reader, library);
    }
}

/// Types `text` into the open prompt, a character at a time as a terminal sends it.
pub fn type_text(reader: &mut Reader, library: &Library, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        keys(reader, library, &key);
    }
}

pub fn buffer(reader: &Reader, library: &Library, theme: &Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, reader.size.0, reader.size.1));
    render(reader, library, theme, &mut buf);
    buf
}

/// The screen as text, one line per row, as a terminal that honours each cell's width shows
/// it (a wide or forced-width cell hides the cells it covers). Trailing spaces are kept so
/// that column positions can be asserted.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            out.push_str(cell.symbol());
            x += cell.cell_width().max(1);
        }
        out.push('\n');
    }
    out
}

/// Draws and returns the screen text.
pub fn screen(reader: &Reader, library: &Library) -> String {
    text(&buffer(reader, library, &Theme::colored()))
}
