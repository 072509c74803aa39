//! How deep block quotes and lists may nest in a body. Every level gives each line inside it a
//! margin, so a body of nothing but `>` would cost memory with the square of its length; no
//! reader follows 32 levels anyway, so deeper ones are flattened into the 32nd.

/// How deep block quotes and lists nest in the model (each quote and each list is a level).
pub const MAX_NESTING: usize = 32;

/// Whether some line of `source` could open more than [`MAX_NESTING`] quotes and lists,
/// judged from its start alone: every level a line is in or opens takes at least one column of
/// its start (a `>`, a list marker, or the indentation that continues an item), and a tab
/// covers at most four. Never `false` for a body that does nest too deep; cheap enough to
/// run on every body at load, where parsing them all would not be.
#[must_use]
pub fn may_nest_too_deep(source: &str) -> bool {
    let bytes = source.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr2_iter(b'\n', b'\r', bytes).map(|end| end + 1))
        .any(|start| opens_too_many(bytes.get(start..).unwrap_or_default()))
}

/// Whether the line at the start of `line` (which may run on past it) could open more than
/// [`MAX_NESTING`] levels.
fn opens_too_many(line: &[u8]) -> bool {
    let mut columns = 0;
    for &byte in line {
        columns += match byte {
            b'\t' => 4,
            b' ' | b'>' | b'-' | b'+' | b'*' | b'.' | b')' | b'0'..=b'9' => 1,
            // Also the end of the line: neither `\n` nor `\r` counts.
            _ => break,
        };
        if columns > MAX_NESTING {
            return true;
        }
    }
    false
}

/// The open quotes, lists and items while a body is parsed, and which of them are kept.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    /// Open quotes and lists kept in the model (at most [`MAX_NESTING`]).
    depth: usize,
    /// Open quotes, lists and items past [`MAX_NESTING`]: not in the model; their blocks go
    /// to the deepest container kept, each block once however deep it sits.
    flattened: usize,
    /// Where the first quote or list past [`MAX_NESTING`] starts.
    pub too_deep: Option<usize>,
}

impl Nesting {
    /// A quote or a list opens at byte `at`: whether the model keeps it.
    pub fn open_level(&mut self, at: usize) -> bool {
        if self.flattened > 0 || self.depth >= MAX_NESTING {
            self.too_deep.get_or_insert(at);
            self.flattened += 1;
            false
        } else {
            self.depth += 1;
            true
        }
    }

    /// A list item opens: kept unless its list was not.
    pub fn open_item(&mut self) -> bool {
        if self.flattened > 0 {
            self.flattened += 1;
            false
        } else {
            true
        }
    }

    /// A quote or list (`level`) or an item closes: whether it was kept. Containers nest
    /// properly, so while any is flattened, the one closing is too.
    pub fn close(&mut self, level: bool) -> bool {
        if self.flattened > 0 {
            self.flattened -= 1;
            false
        } else {
            if level {
                self.depth = self.depth.saturating_sub(1);
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_past_the_cap_are_flattened_until_they_close() {
        let mut nesting = Nesting::default();
        for at in 0..MAX_NESTING {
            assert!(nesting.open_level(at));
        }
        assert!(!nesting.open_level(40));
        assert!(!nesting.open_item());
        assert!(!nesting.open_level(50));
        assert_eq!(nesting.too_deep, Some(40));
        assert!(!nesting.close(true));
        assert!(!nesting.close(false));
        assert!(!nesting.close(true));
        assert!(nesting.close(true));
        assert!(nesting.open_level(60), "one level below the cap again");
    }
}
