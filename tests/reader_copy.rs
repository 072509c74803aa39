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
                .parse()
                .links
                .iter()
                .any(|l| l.len() > 100)
        })
        .expect("an article with a long link");
    while reader.selected < index {
        keys(&mut reader, &library, "j");
    }
    let urls = links(&reader).to_vec();
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

/// A terminal that keeps what it is sent.
#[derive(Clone, Default)]
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first article of `tests/fixtures/links` with `hyperlinks = true`: the bytes of the
/// frame the reader's loop would send, and the screen as text.
fn links_fixture_frame() -> (String, String) {
    use kanbao::terminal::FrameWriter;
    use ratatui::backend::CrosstermBackend;
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    let library = kanbao::load::load_folder(&folder).expect("the links fixture loads");
    let mut reader = reader(&library, 80, 24, Narrow);
    reader.settings.hyperlinks = true;
    keys(&mut reader, &library, "enter");
    let buf = support::screen::buffer(&reader, &library, &kanbao::ui::Theme::colored());
    let recorder = Recorder::default();
    let mut backend = CrosstermBackend::new(recorder.clone());
    FrameWriter::new()
        .draw(&mut backend, buf, None)
        .expect("draws into memory");
    let bytes = String::from_utf8_lossy(&recorder.0.borrow()).into_owned();
    (bytes, screen(&reader, &library))
}

#[test]
fn only_web_mail_and_ftp_links_reach_the_terminal_as_osc8() {
    let (bytes, shown) = links_fixture_frame();
    for url in [
        "https://www.spb.gov.cn/",
        "mailto:info@example.com",
        "FTP://ftp.example.com/pub/",
    ] {
        assert!(
            bytes.contains(&format!("\u{1b}]8;;{url}\u{1b}\\")),
            "{url} is a hyperlink"
        );
    }
    for url in ["file:", "javascript:", "../notes.html", "data:"] {
        assert!(
            !bytes.contains(&format!("\u{1b}]8;;{url}")),
            "{url} is not a hyperlink"
        );
    }
    // The link text is still drawn, as plain text.
    for text in ["本地文件", "脚本", "相对链", "数据"] {
        assert!(shown.contains(text), "{text} is shown: {shown}");
    }
}
