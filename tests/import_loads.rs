//! What `kanbao import` writes is what kanbao reads: imported bulletins load through the
//! issue loader with no problem, and the shipped seed issue is the importer's output.

use std::path::{Path, PathBuf};

use kanbao::import::{ImportOptions, decode, import_text};
use kanbao::load;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn import(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("input");
    let (text, _) = decode(&bytes).expect("decodes");
    import_text(&text, &ImportOptions::default()).to_toml()
}

#[test]
fn imported_bulletins_load_without_a_problem() {
    for input in [
        root().join("tests/fixtures/seed/000_68922d18ffb115e6.txt"),
        root().join("tests/fixtures/import/second_bulletin.txt"),
    ] {
        let toml = import(&input);
        let outcome = load::parse_issue(&PathBuf::from("imported.toml"), &toml);
        assert_eq!(outcome.problems, Vec::new(), "{}", input.display());
        let issue = outcome.issue.expect("loads");
        assert!(issue.articles.len() >= 6, "{}", input.display());
        assert!(
            issue
                .articles
                .iter()
                .all(|a| !a.body.parse().blocks.is_empty())
        );
    }
}

#[test]
fn the_shipped_seed_issue_is_the_importers_output() {
    let imported = load::parse_issue(
        Path::new("imported.toml"),
        &import(&root().join("tests/fixtures/seed/000_68922d18ffb115e6.txt")),
    )
    .issue
    .expect("import loads");
    let shipped = load::load_file(&root().join("issues/2022-11-shanghai-postal.toml"))
        .issue
        .expect("shipped seed loads");
    assert_eq!(shipped.title, "上海邮政快递业简报");
    assert_eq!(shipped.footer, imported.footer);
    assert_eq!(shipped.articles.len(), imported.articles.len());
    for (ours, theirs) in shipped.articles.iter().zip(&imported.articles) {
        assert_eq!(ours.title, theirs.title);
        assert_eq!(ours.subtitle, theirs.subtitle);
        assert_eq!(ours.section, theirs.section);
        assert_eq!(ours.body.source(), theirs.body.source(), "{}", ours.title);
    }
}
