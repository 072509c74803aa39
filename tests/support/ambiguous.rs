//! How wide a terminal that draws East Asian Ambiguous characters two columns wide draws
//! text, from tests/fixtures/unicode/east-asian-ambiguous.txt (EastAsianWidth.txt) rather
//! than from kanbao's own width function, which the tests check against it.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Every East Asian Ambiguous character that takes cells, from the fixture.
pub static AMBIGUOUS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/unicode/east-asian-ambiguous.txt"
    );
    let table = std::fs::read_to_string(path).expect("the ambiguous-width fixture");
    let code = |hex: &str| u32::from_str_radix(hex, 16).expect("a hexadecimal code point");
    let chars: Vec<char> = table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| {
            let (first, last) = line.split_once("..").unwrap_or((line, line));
            code(first)..=code(last)
        })
        .filter_map(char::from_u32)
        .collect();
    assert!(
        chars.len() > 800,
        "the fixture lists {} characters",
        chars.len()
    );
    chars
});

/// The columns such a terminal gives `text`: two for each ambiguous character, otherwise what
/// unicode-width says, grapheme cluster by grapheme cluster.
pub fn terminal_width(text: &str) -> usize {
    text.graphemes(true)
        .map(|g| g.width() + g.chars().filter(|c| AMBIGUOUS.contains(c)).count())
        .sum()
}
