//! `kanbao import` end to end: writes a file kanbao checks clean, never overwrites without
//! --force, reads GB18030, refuses what is not text.

mod support {
    pub mod binary;
}

use std::path::Path;

use support::binary::kanbao_in as kanbao;

fn seed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/000_68922d18ffb115e6.txt")
}

#[test]
fn import_writes_an_issue_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("issues")).expect("issues");
    let seed = seed();
    let seed = seed.to_string_lossy();
    let first = kanbao(
        &["import", &seed, "--title", "简报", "--date", "2022-11-28"],
        dir.path(),
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let written = dir.path().join("issues/000_68922d18ffb115e6.toml");
    let text = std::fs::read_to_string(&written).expect("written");
    assert!(
        text.contains("title = \"简报\"\ndate = 2022-11-28\n"),
        "{text}"
    );

    let check = kanbao(&["check"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "1 file checked: 1 loaded, 0 with errors; 0 errors, 0 warnings\n"
    );

    let again = kanbao(&["import", &seed], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "kanbao: issues/000_68922d18ffb115e6.toml already exists; use --force to overwrite\n"
    );
    assert_eq!(std::fs::read_to_string(&written).expect("kept"), text);

    let forced = kanbao(&["import", &seed, "--force"], dir.path());
    assert!(forced.status.success());
    assert!(
        !std::fs::read_to_string(&written)
            .expect("rewritten")
            .contains("简报\"")
    );
    let leftovers = std::fs::read_dir(dir.path().join("issues"))
        .expect("dir")
        .count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn gb18030_input_imports_like_utf8() {
    let dir = tempfile::tempdir().expect("temp dir");
    let utf8 = std::fs::read_to_string(seed()).expect("seed");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&utf8);
    assert!(!unmappable);
    let gb_path = dir.path().join("seed-gb.txt");
    std::fs::write(&gb_path, &gb).expect("write");
    let from_gb = kanbao(
        &["import", &gb_path.to_string_lossy(), "-o", "-"],
        dir.path(),
    );
    let from_utf8 = kanbao(
        &["import", &seed().to_string_lossy(), "-o", "-"],
        dir.path(),
    );
    assert!(from_gb.status.success());
    assert_eq!(from_gb.stdout, from_utf8.stdout);
}

#[test]
fn binary_input_is_refused_with_its_offset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scan.pdf.txt");
    std::fs::write(&path, b"%PDF-1.7\n\xff\xfe\x00\x01").expect("write");
    let output = kanbao(&["import", &path.to_string_lossy(), "-o", "-"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid byte at offset"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn text_that_would_not_load_is_not_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("blank.txt");
    std::fs::write(&path, "   \n\n  \n").expect("write");
    let output = kanbao(
        &["import", &path.to_string_lossy(), "-o", "out.toml"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("nothing written: the imported issue would not load"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.toml").exists());
}

#[test]
fn file_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let issues = dir.path().join("issues");
    std::fs::create_dir(&issues).expect("issues");
    let hostile = issues.join("x\u{1b}]0;PWNED\u{7}y.toml");
    std::fs::write(
        &hostile,
        "title = \"t\"\n[[article]]\ntitle = \"a\"\nbody = \"b\"\ntittle = 1\n",
    )
    .expect("write");
    for command in ["list", "check"] {
        let output = kanbao(&[command], dir.path());
        let all = [output.stdout, output.stderr].concat();
        assert!(
            !all.contains(&0x1b),
            "{command}: {}",
            String::from_utf8_lossy(&all)
        );
        assert!(
            String::from_utf8_lossy(&all).contains("xy.toml"),
            "{command}"
        );
    }
}
