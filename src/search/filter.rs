//! A compact summary of the characters and character pairs a text holds: a Bloom filter, so a
//! query can skip every article that cannot hold it without keeping the article's text.
//!
//! A hit of a query is a run of the query's characters, one after another, in the searched
//! text; so an article whose filter lacks one of the query's character pairs (or, for a query
//! of one character, the character) holds no hit. The filter may say yes wrongly (about one
//! time in a hundred for a pair), never no wrongly: whatever it lets through is confirmed by the
//! substring matcher on the article's real text, so results are exactly the matcher's.

use super::fold::FoldedText;

/// Bits per byte of summarized text: about 12 bits per distinct item in CJK text (three bytes
/// a character, a character and a pair per character, most distinct), more in Latin text,
/// where pairs repeat. The filter is about a third of the text's size.
const BITS_PER_BYTE: usize = 3;
/// Bits set per item: near the optimum for the bits per item above.
const PROBES: u64 = 4;
/// Short texts get at least this many 64-bit words, so their few items do not fill them.
const MIN_WORDS: usize = 8;

/// Which characters and character pairs some texts hold, approximately.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharFilter {
    words: Box<[u64]>,
}

impl CharFilter {
    /// Summarizes every character and every pair of neighbouring characters of a text both
    /// as written (`original`, where exact queries look) and folded (where the others look).
    /// The two differ only around the clusters that folding changed, so of the original only
    /// those are summarized.
    #[must_use]
    pub fn new(original: &str, folded: &FoldedText) -> Self {
        let bytes = original.len().max(folded.as_str().len());
        if bytes == 0 {
            return Self::default();
        }
        let words = (bytes * BITS_PER_BYTE).div_ceil(64).max(MIN_WORDS);
        let mut filter = Self {
            words: vec![0; words].into_boxed_slice(),
        };
        filter.insert_text(folded.as_str());
        for changed in folded.changed_originals() {
            // The changed cluster with the characters on either side of it.
            let start = original
                .get(..changed.start)
                .and_then(|before| before.char_indices().next_back())
                .map_or(changed.start, |(at, _)| at);
            let end = original
                .get(changed.end..)
                .and_then(|after| after.chars().next())
                .map_or(changed.end, |c| changed.end + c.len_utf8());
            filter.insert_text(original.get(start..end).unwrap_or_default());
        }
        filter
    }

    fn insert_text(&mut self, text: &str) {
        let mut before = None;
        for c in text.chars() {
            self.insert(item(c, None));
            if let Some(b) = before {
                self.insert(item(b, Some(c)));
            }
            before = Some(c);
        }
    }

    /// Whether the summarized texts may hold `needle`: `false` means one of them certainly
    /// does not hold it as a run of characters.
    #[must_use]
    pub fn may_contain(&self, needle: &str) -> bool {
        let mut chars = needle.chars();
        let Some(first) = chars.next() else {
            return true;
        };
        let mut before = first;
        let mut pairs = false;
        for c in chars {
            if !self.contains(item(before, Some(c))) {
                return false;
            }
            before = c;
            pairs = true;
        }
        pairs || self.contains(item(first, None))
    }

    /// The filter's size in bytes.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }

    fn insert(&mut self, item: u64) {
        for bit in probes(item, self.words.len()) {
            if let Some(word) = self.words.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
    }

    fn contains(&self, item: u64) -> bool {
        probes(item, self.words.len()).all(|bit| {
            self.words
                .get(bit / 64)
                .is_some_and(|word| word & (1 << (bit % 64)) != 0)
        })
    }
}

/// A character, or a pair of characters, as one number.
fn item(first: char, second: Option<char>) -> u64 {
    (u64::from(first) << 32) | second.map_or(u64::from(u32::MAX), u64::from)
}

/// The bits an item sets in a filter of `words` words: double hashing of one mixed hash.
fn probes(item: u64, words: usize) -> impl Iterator<Item = usize> {
    let hash = mix(item);
    let bits = (words * 64) as u64;
    let (first, step) = (hash, (hash >> 32) | 1);
    (0..PROBES).map(move |i| {
        let h = first.wrapping_add(i.wrapping_mul(step)) & u64::from(u32::MAX);
        // Lemire's reduction: a 32-bit hash scaled to the range without a division.
        usize::try_from((h * bits) >> 32).unwrap_or(0)
    })
}

/// `SplitMix64`'s finalizer: every input bit reaches every output bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter_of(text: &str) -> CharFilter {
        CharFilter::new(text, &FoldedText::new(text))
    }

    #[test]
    fn everything_held_is_found() {
        let text = "上海市邮政管理局紧紧围绕“六共”行动，推动快递行业党建工作。ISO9001";
        let filter = filter_of(text);
        for (start, _) in text.char_indices() {
            let rest = text.get(start..).unwrap_or_default();
            for (end, c) in rest.char_indices() {
                let needle = rest.get(..end + c.len_utf8()).unwrap_or_default();
                assert!(filter.may_contain(needle), "{needle}");
            }
        }
    }

    #[test]
    fn most_absent_pairs_are_ruled_out() {
        let filter = filter_of("近两年，上海市邮政管理局紧紧围绕“六共”行动，推动落实。");
        let absent = [
            "快递", "绿色", "包装", "治理", "党建", "服务", "群众", "培训",
        ];
        let passed = absent.iter().filter(|n| filter.may_contain(n)).count();
        assert!(
            passed <= 1,
            "{passed} of {} absent pairs passed",
            absent.len()
        );
        assert!(!filter_of("").may_contain("快"));
    }

    #[test]
    fn both_texts_count() {
        let filter = filter_of("一ＡＢ，Ｃ二");
        for needle in ["一ＡＢ", "ＡＢ，Ｃ二", "一ab", "ab,c二", "Ｃ二", "c二"] {
            assert!(filter.may_contain(needle), "{needle}");
        }
    }
}
