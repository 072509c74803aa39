//! Width and break class of a grapheme, memoized for single characters of the Basic
//! Multilingual Plane.
//!
//! Wrapping measures every grapheme, and for CJK text the same few thousand characters recur
//! endlessly. The table holds exactly what [`grapheme_width`] and [`Class::of`] return for the
//! one-character string (it is filled by calling them), so the width is still the renderer's.

use std::sync::atomic::{AtomicU16, Ordering};

use super::breaks::Class;
use super::{AmbiguousWidth, grapheme_width};

/// Per BMP character: bit 15 set once known; bits 8..12 the class; bits 4..6 the wide width,
/// bits 0..2 the narrow width.
static TABLE: [AtomicU16; 0x1_0000] = [const { AtomicU16::new(0) }; 0x1_0000];

const KNOWN: u16 = 0x8000;

/// Every class, indexed by its discriminant, to read a class back from the table.
const CLASSES: [Class; 15] = [
    Class::Space,
    Class::Tab,
    Class::ZeroWidthSpace,
    Class::Newline,
    Class::Glue,
    Class::Ideographic,
    Class::Close,
    Class::Open,
    Class::QuoteClose,
    Class::QuoteOpen,
    Class::Dash,
    Class::Word,
    Class::WordClose,
    Class::WordOpen,
    Class::Digit,
];

// The class takes four bits of an entry.
const _: () = assert!(CLASSES.len() <= 16);

/// Measures a one-character `grapheme` and stores its table entry in `slot`.
#[cold]
#[inline(never)]
fn fill(slot: &AtomicU16, grapheme: &str) -> u16 {
    let narrow = grapheme_width(grapheme, AmbiguousWidth::Narrow);
    let wide = grapheme_width(grapheme, AmbiguousWidth::Wide);
    let class = Class::of(grapheme, || narrow);
    // Widths of one character are 0, 1 or 2 (3 bits leave room to spare).
    let bits = |w: usize| u16::try_from(w.min(7)).unwrap_or(7);
    let entry = KNOWN | (u16::from(class as u8) << 8) | (bits(wide) << 4) | bits(narrow);
    slot.store(entry, Ordering::Relaxed);
    entry
}

#[inline(never)]
fn compute(grapheme: &str, ambiguous: AmbiguousWidth) -> (usize, Class) {
    let width = grapheme_width(grapheme, ambiguous);
    let class = Class::of(grapheme, || match ambiguous {
        AmbiguousWidth::Narrow => width,
        AmbiguousWidth::Wide => grapheme_width(grapheme, AmbiguousWidth::Narrow),
    });
    (width, class)
}

/// The width and class of `grapheme`; `single` is its character when it is exactly one.
///
/// Inlined (the wrapper calls it for every grapheme); filling a table entry is out of line.
#[inline]
pub(crate) fn measure(
    grapheme: &str,
    single: Option<char>,
    ambiguous: AmbiguousWidth,
) -> (usize, Class) {
    let Some(index) = single.and_then(|c| usize::try_from(u32::from(c)).ok()) else {
        return compute(grapheme, ambiguous);
    };
    let Some(slot) = TABLE.get(index) else {
        return compute(grapheme, ambiguous);
    };
    let mut entry = slot.load(Ordering::Relaxed);
    if entry & KNOWN == 0 {
        entry = fill(slot, grapheme);
    }
    let width = match ambiguous {
        AmbiguousWidth::Narrow => entry & 0x7,
        AmbiguousWidth::Wide => (entry >> 4) & 0x7,
    };
    let class = CLASSES
        .get(usize::from((entry >> 8) & 0xF))
        .copied()
        .unwrap_or(Class::Word);
    (usize::from(width), class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_listed_by_discriminant() {
        for (index, &class) in CLASSES.iter().enumerate() {
            assert_eq!(class as usize, index, "{class:?}");
            assert_eq!(CLASSES[class as usize], class);
        }
    }

    /// Every character of the Basic Multilingual Plane: a class missing from `CLASSES` would
    /// read back as another one.
    #[test]
    fn the_whole_table_equals_computed() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let g: &str = c.encode_utf8(&mut buf);
            for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                assert_eq!(measure(g, Some(c), amb), compute(g, amb), "{c:?}");
            }
        }
    }

    #[test]
    fn memoized_equals_computed() {
        for g in ["中", "a", "…", "“", "\u{3000}", "。", "っ", "1", "\t", "—"] {
            for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                let c = g.chars().next();
                let expected = compute(g, amb);
                assert_eq!(measure(g, c, amb), expected, "{g:?}");
                assert_eq!(measure(g, c, amb), expected, "{g:?} memoized");
            }
        }
    }
}
