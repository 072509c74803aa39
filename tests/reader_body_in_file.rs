//! The reader with bodies read back from their files: the article on screen keeps its text
//! when its file changes (through a resize, a find, a copy), and an article whose file has
//! changed shows why it cannot be read without losing the place saved in it.

mod support {
    pub mod screen;
}

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kanbao::load::{Library, Reloaded, load_file, load_folder};
use kanbao::reader::{Message, Reader, update};
use kanbao::text::AmbiguousWidth::Narrow;
use kanbao::text::lines_to_string;
use support::screen::{keys, open_seed, reader, type_text};

const SEED: &str = "2022-11-shanghai-postal.toml";

/// A folder holding a copy of the seed bulletin, loaded.
fn seed_folder() -> (tempfile::TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(SEED);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("issues")
        .join(SEED);
    fs::copy(shipped, &path).expect("copy the seed");
    let library = load_folder(dir.path()).expect("the folder loads");
    assert!(library.issues[0].articles[0].body.is_in_file());
    (dir, path, library)
}

/// Rewrites `path` in place with `from` replaced by `to`, dated a second later (a file system
/// with coarse times would otherwise give the same stamp to a rewrite this quick).
fn rewrite(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from}");
    fs::write(path, text.replace(from, to)).expect("rewrite");
    let later = SystemTime::now() + Duration::from_secs(1);
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(later))
        .expect("date the rewrite");
}

fn shown(reader: &Reader) -> String {
    lines_to_string(
        reader
            .document
            .as_ref()
            .expect("an article is open")
            .lines(),
    )
}

#[test]
fn the_article_on_screen_keeps_its_text_when_its_file_changes() {
    let (_dir, path, library) = seed_folder();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    assert!(shown(&reader).contains("柴闪闪"), "{}", shown(&reader));

    rewrite(&path, "柴闪闪", "某某某");
    // Laid out again for another width: the text is the one read when it opened.
    update(&mut reader, &library, Message::Resize(67, 21));
    kanbao::reader::settle(&mut reader, &library);
    let text = shown(&reader);
    assert!(text.contains("柴闪闪"), "{text}");
    assert!(!text.contains("cannot be shown"), "{text}");
    // Find looks in what is on screen.
    keys(&mut reader, &library, "enter /");
    type_text(&mut reader, &library, "柴闪闪");
    keys(&mut reader, &library, "enter");
    let hits = reader.find.as_ref().map_or(0, |find| find.hits.len());
    assert_eq!(hits, 1);
    // And so does copying the article.
    keys(&mut reader, &library, "y");
    let copied = reader.clipboard.take().expect("the article was copied");
    assert!(copied.contains("柴闪闪"), "{copied}");
}

#[test]
fn an_article_whose_file_changed_says_so_and_keeps_its_saved_place() {
    let (_dir, path, mut library) = seed_folder();
    // Low enough that a page down stays in the first article.
    let mut reader = reader(&library, 80, 10, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "enter space");
    assert_eq!(reader.selected, 0);
    let id = reader.document.as_ref().expect("open").id.clone();
    let place = reader.memory.position(&id).expect("a place in the article");

    // Away, the file changes, and back: the article says why it cannot be shown.
    keys(&mut reader, &library, "J");
    rewrite(&path, "柴闪闪", "某某某");
    keys(&mut reader, &library, "K");
    let document = reader.document.as_ref().expect("open");
    assert_eq!(document.id, id);
    assert!(document.unreadable().is_some());
    let text = shown(&reader);
    assert!(text.contains("This article cannot be shown:"), "{text}");
    assert!(!text.contains("某某某"), "{text}");
    // Copying sends nothing but says why.
    keys(&mut reader, &library, "y");
    assert_eq!(reader.clipboard, None);
    let notice = reader.notice.clone().unwrap_or_default();
    assert!(notice.contains("has changed on disk"), "{notice}");
    // Scrolling the note does not move the place saved in the article.
    keys(&mut reader, &library, "j j");
    assert_eq!(reader.memory.position(&id), Some(place));

    // The new version is read: the article opens at its place, with the new text.
    let reloaded = Reloaded::new(path.clone(), load_file(&path));
    reader.take_changes(&mut library, &[reloaded], &[]);
    kanbao::reader::settle(&mut reader, &library);
    assert_eq!(reader.memory.position(&id), Some(place));
    let text = shown(&reader);
    assert!(text.contains("某某某"), "{text}");
    assert!(!text.contains("cannot be shown"), "{text}");
}
