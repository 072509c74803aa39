//! Bodies loaded from a folder stay in their files and are read back when shown or searched:
//! read back, they are exactly what loading the text in memory gives, whatever way the TOML
//! writes them; a long body stays in memory; a body whose file has changed since is never
//! read from the new version.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kanbao::load::{self, load_file, parse_issue};
use kanbao::model::{Issue, KEPT_ABOVE, Unreadable, decode_text_value};
use kanbao::search::{Query, search_article};
use kanbao::text::{AmbiguousWidth, LayoutOptions, layout_article, lines_to_string};
use proptest::prelude::*;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("issues")
        .join(name)
}

/// The issue in `path` loaded from disk, and its text parsed with every body in memory.
fn loaded_both_ways(path: &Path) -> (Issue, Issue) {
    let on_disk = load_file(path).issue.expect("the file loads");
    let bytes = fs::read(path).expect("read the file");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let in_memory = parse_issue(path, text).issue.expect("the text parses");
    (on_disk, in_memory)
}

fn assert_read_back_as_in_memory(path: &Path) {
    let (on_disk, in_memory) = loaded_both_ways(path);
    assert_eq!(on_disk.articles.len(), in_memory.articles.len());
    for (disk, memory) in on_disk.articles.iter().zip(&in_memory.articles) {
        assert!(disk.body.is_in_file(), "{}: {}", path.display(), disk.title);
        assert!(!memory.body.is_in_file());
        assert_eq!(disk.body.len(), memory.body.len(), "{}", disk.title);
        assert_eq!(
            disk.body.text().as_deref(),
            Ok(&*memory.body.source()),
            "{}: {}",
            path.display(),
            disk.title
        );
        assert_eq!(disk.body, memory.body);
        assert_eq!(disk.body.parse(), memory.body.parse());
    }
}

#[test]
fn the_shipped_issues_read_back_exactly() {
    for name in [
        "2022-11-shanghai-postal.toml",
        "2024-05-hon-no-mushi.toml",
        "2024-06-dispatches.toml",
    ] {
        assert_read_back_as_in_memory(&shipped(name));
    }
}

#[test]
fn every_way_of_writing_a_body_reads_back_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        // Multi-line literal strings, as the plain path reads them.
        (
            "literal.toml",
            "title = \"简报\"\n\n[[article]]\ntitle = \"一\"\nbody = '''\n上海市邮政管理局开展“清廉邮政”活动。\n\n第二段。\n'''\n",
        ),
        // Basic strings with escapes, and a control character that loading removes.
        (
            "escapes.toml",
            "title = \"简报\"\n\n[[article]]\ntitle = \"一\"\nbody = \"\"\"\n快递\\t业务\\u4E2D\\u001B[31m红\n\"\"\"\n\n[[article]]\ntitle = \"二\"\nbody = \"一行，\\\"引号\\\"。\"\n",
        ),
        // A quoted key and an inline table send the file to the TOML library.
        (
            "library.toml",
            "\"title\" = \"简报\"\nextra = { a = 1 }\n\n[[article]]\ntitle = '一'\nbody = '短文，一行。'\n",
        ),
        // Windows line ends.
        (
            "crlf.toml",
            "title = \"简报\"\r\n\r\n[[article]]\r\ntitle = \"一\"\r\nbody = '''\r\n第一段。\r\n\r\n第二段。\r\n'''\r\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::write(&path, text).expect("write the issue");
        assert_read_back_as_in_memory(&path);
    }
    // A byte order mark: offsets count after it.
    let path = dir.path().join("bom.toml");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "title = \"简报\"\n\n[[article]]\ntitle = \"一\"\nbody = '''\n文字。\n'''\n".as_bytes(),
    );
    fs::write(&path, bytes).expect("write the issue");
    assert_read_back_as_in_memory(&path);
}

#[test]
fn a_long_body_stays_in_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.toml");
    let long =
        "上海市邮政管理局开展党的二十大精神进快递员群体活动。\n\n".repeat(KEPT_ABOVE / 70 + 1);
    assert!(long.len() > KEPT_ABOVE);
    let text = format!(
        "title = \"简报\"\n\n[[article]]\ntitle = \"长\"\nbody = '''\n{long}'''\n\n[[article]]\ntitle = \"短\"\nbody = '''\n短。\n'''\n"
    );
    fs::write(&path, text).expect("write the issue");
    let issue = load_file(&path).issue.expect("loads");
    assert!(!issue.articles[0].body.is_in_file());
    assert_eq!(issue.articles[0].body.source(), long);
    assert!(issue.articles[1].body.is_in_file());
}

#[test]
fn a_body_whose_file_changed_is_not_read_from_the_new_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("2022-11.toml");
    let text =
        "title = \"简报\"\n\n[[article]]\ntitle = \"一\"\nbody = '''\n快递业务量增长。\n'''\n";
    fs::write(&path, text).expect("write the issue");
    let issue = load_file(&path).issue.expect("loads");
    let body = &issue.articles[0].body;
    assert_eq!(body.text().as_deref(), Ok("快递业务量增长。\n"));

    // Rewritten in place with as many bytes: the offsets would still land in a string. Dated
    // a second later: a file system with coarse times could give a rewrite this quick the
    // same stamp.
    fs::write(&path, text.replace("增长", "下降")).expect("rewrite the issue");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|file| file.set_modified(SystemTime::now() + Duration::from_secs(1)))
        .expect("date the rewrite");
    let shown = path.display().to_string();
    assert_eq!(
        body.text(),
        Err(Unreadable::Changed {
            path: shown.clone()
        })
    );
    let options = LayoutOptions::new(200, AmbiguousWidth::Narrow);
    let lines = lines_to_string(&layout_article(&issue.articles[0], &options).lines);
    assert!(!lines.contains("下降"), "{lines}");
    assert!(lines.contains("This article cannot be shown:"), "{lines}");
    assert!(
        lines.contains("has changed on disk since it was loaded"),
        "{lines}"
    );
    // A search finds neither the new text nor the words that say why it is not shown.
    for words in ["下降", "增长", "changed"] {
        let query = Query::parse(words).expect("a query");
        assert_eq!(search_article(&query, &issue.articles[0]), [], "{words}");
    }
    // Read again, the new version reads back.
    let again = load_file(&path).issue.expect("loads");
    assert_eq!(
        again.articles[0].body.text().as_deref(),
        Ok("快递业务量下降。\n")
    );

    fs::remove_file(&path).expect("remove the issue");
    let gone = again.articles[0].body.text().expect_err("the file is gone");
    assert_eq!(
        gone.to_string(),
        format!("`{shown}` cannot be read any more: No such file or directory (os error 2)")
    );
}

#[test]
fn a_folder_loads_with_its_bodies_in_their_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["2022-11-shanghai-postal.toml", "2024-06-dispatches.toml"] {
        fs::copy(shipped(name), dir.path().join(name)).expect("copy an issue");
    }
    let library = load::load_folder(dir.path()).expect("loads");
    assert_eq!(library.issues.len(), 2);
    assert!(
        library
            .issues
            .iter()
            .flat_map(|issue| &issue.articles)
            .all(|article| article.body.is_in_file())
    );
}

proptest! {
    /// Any text, written as the TOML library writes it, decodes back to itself.
    #[test]
    fn written_text_values_decode_to_themselves(text in "\\PC*|[\\n\\t\"'\\\\“”，。a-z]*") {
        let raw = toml::Value::String(text.clone()).to_string();
        let decoded = decode_text_value(&raw);
        prop_assert_eq!(decoded.as_deref(), Some(text.as_str()), "{}", raw);
    }
}
