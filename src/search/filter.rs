//! A compact summary of the characters and character pairs a text holds: a Bloom filter, so a
//! query can skip every article that cannot hold it without keeping the article's text.
//!
//! A hit of a query is a run of the query's characters, one after another, in the searched
//! text; so an article whose filter lacks one of the query's character pairs (or, for a query
//! of one character, the character) holds no hit. The filter may say yes wrongly (about one
//! time in a hundred for a pair), never no wrongly: whatever it lets through is confirmed by the
//! substring matcher on the article's real text, so results are exactly the matcher's.

use super::fold::fold_clusters;

/// Bits per byte of summarized text: about 8 bits per distinct item in CJK text (three bytes
/// a character; per character a pair and the character twice, many of them repeats), more in
/// Latin text, where pairs repeat more. The filter is three eighths of the text's size (so a
/// searched library stays within twice its files); a wrong yes comes a few times in a hundred
/// per item asked, and a query asks at least two.
const BITS_PER_BYTE: usize = 3;
/// Bits set per item, all in one 64-bit word: near the optimum for the bits per item above.
const PROBES: u64 = 4;
/// Short texts get at least this many 64-bit words, so their few items do not fill them.
const MIN_WORDS: usize = 8;

/// Which characters and character pairs some texts hold, approximately.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharFilter {
    words: Box<[u64]>,
    /// Mixed into every item's hash. Filters of the same size would otherwise put an item in
    /// the same bits, so an absent pair sharing its bits with a common one would pass nearly
    /// every filter; with a seed of its own each filter errs on different pairs.
    seed: u64,
}

impl CharFilter {
    /// Summarizes every character and every pair of neighbouring characters of each text,
    /// both as written (where exact queries look) and folded (where the others look); pairs
    /// are not made across texts. Folding changes few clusters, so of the text as written
    /// only the characters around those are summarized.
    #[must_use]
    pub fn of(texts: &[&str]) -> Self {
        let bytes: usize = texts.iter().map(|text| text.len()).sum();
        if bytes == 0 {
            return Self::default();
        }
        let words = (bytes * BITS_PER_BYTE).div_ceil(64).max(MIN_WORDS);
        let mut filter = Self {
            words: vec![0; words].into_boxed_slice(),
            seed: texts.first().map_or(0, |text| seed_of(text)),
        };
        for text in texts {
            filter.insert_text(text);
        }
        filter
    }

    fn insert_text(&mut self, text: &str) {
        let mut folded_before = None;
        // The last character as written of the cluster before, and whether that cluster
        // folded to something else.
        let mut written_before = None;
        let mut after_change = false;
        fold_clusters(text, |_, cluster, folded| {
            for c in folded.unwrap_or(cluster).chars() {
                self.insert_char(c, &mut folded_before);
            }
            if folded.is_some() {
                let mut before = written_before;
                for c in cluster.chars() {
                    self.insert_char(c, &mut before);
                }
            } else if after_change
                && let (Some(before), Some(first)) = (written_before, cluster.chars().next())
            {
                self.insert(item(before, Some(first)));
            }
            after_change = folded.is_some();
            written_before = cluster.chars().next_back();
        });
    }

    /// `c` and the pair it makes with the character `before` it, which it becomes.
    fn insert_char(&mut self, c: char, before: &mut Option<char>) {
        for key in singles(c) {
            self.insert(key);
        }
        if let Some(b) = *before {
            self.insert(item(b, Some(c)));
        }
        *before = Some(c);
    }

    /// Whether the summarized texts may hold `needle`: `false` means one of them certainly
    /// does not hold it as a run of characters.
    #[must_use]
    pub fn may_contain(&self, needle: &str) -> bool {
        // Each pair, then each character: a query absent from a text usually has a character
        // absent from it too, and every item asked divides the chance of a wrong yes.
        let pairs = needle.chars().zip(needle.chars().skip(1));
        pairs
            .map(|(a, b)| item(a, Some(b)))
            .chain(needle.chars().flat_map(singles))
            .all(|key| self.contains(key))
    }

    fn insert(&mut self, item: u64) {
        let (word, mask) = place(item ^ self.seed, self.words.len());
        if let Some(word) = self.words.get_mut(word) {
            *word |= mask;
        }
    }

    fn contains(&self, item: u64) -> bool {
        let (word, mask) = place(item ^ self.seed, self.words.len());
        self.words.get(word).is_some_and(|word| word & mask == mask)
    }
}

/// A seed for a text's filter: its length and its first bytes, mixed.
fn seed_of(text: &str) -> u64 {
    text.bytes()
        .take(64)
        .fold(mix(text.len() as u64), |seed, byte| {
            mix(seed ^ u64::from(byte))
        })
}

/// A character as two items: a query of one character has only the character to be asked
/// about, and two independent places for it make a wrong yes about as rare as for a pair
/// and a character.
fn singles(c: char) -> [u64; 2] {
    let key = u64::from(c) << 32;
    [key | u64::from(u32::MAX), key | u64::from(u32::MAX - 1)]
}

/// A character, or a pair of characters, as one number.
fn item(first: char, second: Option<char>) -> u64 {
    (u64::from(first) << 32) | second.map_or(u64::from(u32::MAX), u64::from)
}

/// Where an item's bits go: one word of the filter (a blocked Bloom filter: one memory access
/// per item, where spreading the bits over the filter costs one each) and [`PROBES`] bits in
/// it, all from one mixed hash.
fn place(item: u64, words: usize) -> (usize, u64) {
    let hash = mix(item);
    // Lemire's reduction: the low 32 bits scaled to the number of words without a division.
    let word = usize::try_from(((hash & u64::from(u32::MAX)) * words as u64) >> 32).unwrap_or(0);
    let mut mask = 0;
    for probe in 0..PROBES {
        mask |= 1 << ((hash >> (32 + 6 * probe)) & 63);
    }
    (word, mask)
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
        CharFilter::of(&[text])
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
