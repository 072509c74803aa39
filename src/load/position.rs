//! Byte offsets of a file's text as the line and column an editor shows, for many problems in
//! one file: counting from the start of the text for each problem made a file with thousands
//! of them take minutes.

/// The line starts of a text, found once (when the first position is asked for: most files
/// have no problem to place), and the last position asked for.
pub struct Positions<'t> {
    text: &'t str,
    /// Byte offset of the start of every line; the first is 0.
    line_starts: Option<Vec<usize>>,
    /// The last offset asked for with its 0-based line and 1-based column. Problems come
    /// mostly in file order, so counting the column on from here keeps a file written on one
    /// long line linear too.
    last: (usize, usize, usize),
}

impl<'t> Positions<'t> {
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            line_starts: None,
            last: (0, 0, 1),
        }
    }

    /// The 1-based line and character column of byte `offset`, as `problem::line_column` counts
    /// them (clamped to the text; inside a character, the column after it).
    pub fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset += 1;
        }
        let text = self.text;
        let line_starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| index + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let (last_offset, last_line, last_column) = self.last;
        let (from, column) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (line_starts.get(line).copied().unwrap_or_default(), 1)
        };
        let between = self.text.get(from..offset).unwrap_or_default();
        let column = column + between.chars().count();
        self.last = (offset, line, column);
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::problem::line_column;
    use proptest::prelude::*;

    #[test]
    fn chinese_lines_count_characters() {
        let text = "title = \"看报\"\n\n[[article]]\nbody = \"第一段\"\n";
        let mut positions = Positions::new(text);
        let body = text.find("第一段").unwrap_or_default();
        assert_eq!(positions.line_column(body), (4, 9));
        assert_eq!(positions.line_column(0), (1, 1));
        assert_eq!(positions.line_column(text.len() + 5), (5, 1));
    }

    proptest! {
        #[test]
        fn agrees_with_counting_from_the_start(
            text in "[a看\n\r=\"]{0,60}",
            offsets in proptest::collection::vec(0usize..80, 0..12),
        ) {
            let mut positions = Positions::new(&text);
            for offset in offsets {
                prop_assert_eq!(positions.line_column(offset), line_column(&text, offset));
            }
        }
    }
}
