//! A quicker way through state files as kanbao writes them (see `ReadingState::to_toml`):
//! comment lines, `last` and `last_changed`, then one `[article.ID]` table per article with
//! `read`, `position`, `bookmarks` and `changed`, each on one line. A state of 100,000
//! articles is 13 MB, and the TOML library took half a second over it before the reader's
//! first frame. Anything else (a hand edit, an older or newer kanbao's key, a duplicate, an
//! error) gives `None`, and the library reads the file, with its messages for what is wrong.

use std::collections::BTreeMap;

use super::Place;
use super::format::{BookmarkRepr, ChangedRepr, EntryRepr, FileRepr};
use super::reading::Stamp;

/// The state in `text`, if it is written as kanbao writes state files.
pub(super) fn read_written(text: &str) -> Option<FileRepr> {
    let mut file = FileRepr::default();
    let (mut last, mut last_changed) = (false, false);
    // The article whose table the lines are in, and the keys it has had so far.
    let mut current: Option<(String, EntryRepr, Keys)> = None;
    for line in text.split('\n') {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix("[article.") {
            let id = table_key(header)?;
            if let Some((id, entry, _)) = current.take() {
                insert(&mut file.article, id, entry)?;
            }
            current = Some((id, EntryRepr::default(), Keys::default()));
            continue;
        }
        let (key, value) = line.split_once(" = ")?;
        let mut value = Cursor::new(value);
        match (&mut current, key) {
            (None, "last") if !last => {
                last = true;
                file.last = Some(value.string()?);
            }
            (None, "last_changed") if !last_changed => {
                last_changed = true;
                file.last_changed = value.integer()?;
            }
            (Some((_, entry, keys)), _) => article_key(entry, keys, key, &mut value)?,
            _ => return None,
        }
        value.end()?;
    }
    if let Some((id, entry, _)) = current {
        insert(&mut file.article, id, entry)?;
    }
    Some(file)
}

/// The keys an article's table has had: each at most once, as TOML requires.
#[derive(Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one flag per key an article's table may have"
)]
struct Keys {
    read: bool,
    position: bool,
    bookmarks: bool,
    changed: bool,
}

/// One `key = value` line of an article's table.
fn article_key(
    entry: &mut EntryRepr,
    keys: &mut Keys,
    key: &str,
    value: &mut Cursor,
) -> Option<()> {
    let seen = match key {
        "read" => &mut keys.read,
        "position" => &mut keys.position,
        "bookmarks" => &mut keys.bookmarks,
        "changed" => &mut keys.changed,
        _ => return None,
    };
    if std::mem::replace(seen, true) {
        return None;
    }
    match key {
        "read" => entry.read = value.boolean()?,
        "position" => entry.position = Some(value.place()?),
        "bookmarks" => entry.bookmarks = value.bookmarks()?,
        _ => entry.changed = value.changed()?,
    }
    Some(())
}

/// A second table for the same article is a TOML error: the library says so.
fn insert(articles: &mut BTreeMap<String, EntryRepr>, id: String, entry: EntryRepr) -> Option<()> {
    articles.insert(id, entry).is_none().then_some(())
}

/// The id in an `[article.ID]` header (after `[article.`): bare, or a basic string.
fn table_key(header: &str) -> Option<String> {
    let mut cursor = Cursor::new(header);
    let id = if cursor.rest().starts_with('"') {
        cursor.string()?
    } else {
        let bare = cursor
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
        let id = cursor.take(bare);
        if id.is_empty() {
            return None;
        }
        id.to_owned()
    };
    cursor.expect("]")?;
    cursor.end()?;
    Some(id)
}

/// A value being read, left to right.
struct Cursor<'t> {
    rest: &'t str,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Self { rest: text }
    }

    fn rest(&self) -> &'t str {
        self.rest
    }

    fn take(&mut self, len: usize) -> &'t str {
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        taken
    }

    fn expect(&mut self, token: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(token)?;
        Some(())
    }

    /// Nothing after the value: no comment, no trailing space, no carriage return.
    fn end(&self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.expect("true").is_some() {
            Some(true)
        } else {
            self.expect("false").map(|()| false)
        }
    }

    /// A decimal integer as kanbao writes them: digits, no sign, no leading zero, no `_`.
    fn integer<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let digits = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let number = self.take(digits);
        if number.is_empty() || (number.len() > 1 && number.starts_with('0')) {
            return None;
        }
        // TOML integers are i64: a larger one is an error the library reports.
        let value: i64 = number.parse().ok()?;
        T::try_from(u64::try_from(value).ok()?).ok()
    }

    /// A basic string on one line, with the escapes kanbao writes (and the other short ones).
    fn string(&mut self) -> Option<String> {
        self.expect("\"")?;
        let mut out = String::new();
        loop {
            let stop = self.rest.find(['"', '\\'])?;
            let plain = self.take(stop);
            // Control characters other than tab must be escaped in a basic string.
            if plain.chars().any(|c| c != '\t' && c.is_ascii_control()) {
                return None;
            }
            out.push_str(plain);
            if self.expect("\"").is_some() {
                return Some(out);
            }
            self.expect("\\")?;
            let escape = self.rest.chars().next()?;
            self.take(escape.len_utf8());
            match escape {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'e' => out.push('\u{1b}'),
                'u' => out.push(self.hex_char(4)?),
                'U' => out.push(self.hex_char(8)?),
                _ => return None,
            }
        }
    }

    fn hex_char(&mut self, digits: usize) -> Option<char> {
        let hex = self.rest.get(..digits)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.take(digits);
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// A place: an offset, or `{ offset = N, below = N }`, `{ header = N }`, `{ from_end = N }`.
    fn place(&mut self) -> Option<Place> {
        if self.expect("{ ").is_none() {
            return Some(Place::at(self.integer()?));
        }
        let place = if self.expect("offset = ").is_some() {
            let offset = self.integer()?;
            self.expect(", below = ")?;
            Place::Offset {
                offset,
                below: self.integer()?,
            }
        } else if self.expect("header = ").is_some() {
            Place::Header(self.integer()?)
        } else {
            self.expect("from_end = ")?;
            Place::FromEnd(self.integer()?)
        };
        self.expect(" }")?;
        Some(place)
    }

    /// `[{ at = PLACE, changed = N }, { at = PLACE, changed = N, removed = true }, …]`.
    fn bookmarks(&mut self) -> Option<Vec<BookmarkRepr>> {
        self.expect("[")?;
        let mut marks = Vec::new();
        loop {
            if !marks.is_empty() {
                if self.expect("]").is_some() {
                    return Some(marks);
                }
                self.expect(", ")?;
            }
            self.expect("{ at = ")?;
            let at = self.place()?;
            self.expect(", changed = ")?;
            let changed = self.integer()?;
            let removed = self.expect(", removed = true").is_some();
            self.expect(" }")?;
            marks.push(BookmarkRepr {
                at,
                changed,
                removed,
            });
        }
    }

    /// `{ read = N, position = N }`, either or both, in that order.
    fn changed(&mut self) -> Option<ChangedRepr> {
        self.expect("{ ")?;
        let mut changed = ChangedRepr::default();
        let mut any = false;
        if self.expect("read = ").is_some() {
            changed.read = self.integer::<Stamp>()?;
            any = true;
        }
        if self
            .expect(if any { ", position = " } else { "position = " })
            .is_some()
        {
            changed.position = self.integer::<Stamp>()?;
            any = true;
        }
        self.expect(" }")?;
        any.then_some(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ReadingState;
    use proptest::prelude::*;

    /// Ids with the characters that need quoting or escaping, and plain ones.
    fn id() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9_-]{1,12}",
            "[a-z]{1,4}/[0-9a-f]{8}",
            proptest::collection::vec(
                prop_oneof![
                    Just('"'),
                    Just('\\'),
                    Just('\n'),
                    Just('\t'),
                    Just('\u{1}'),
                    Just('\u{7f}'),
                    Just('\u{85}'),
                    Just('上'),
                    Just('.'),
                    Just(' '),
                    Just('a'),
                ],
                0..8
            )
            .prop_map(|chars| chars.into_iter().collect()),
        ]
    }

    fn place() -> impl Strategy<Value = Place> {
        prop_oneof![
            (0usize..100_000).prop_map(Place::at),
            (0usize..100_000, 1usize..5)
                .prop_map(|(offset, below)| Place::Offset { offset, below }),
            (0usize..5).prop_map(Place::Header),
            (0usize..5).prop_map(Place::FromEnd),
        ]
    }

    proptest! {
        #[test]
        fn every_state_kanbao_writes_is_read_quickly_and_as_the_library_reads_it(
            steps in proptest::collection::vec((0u8..5, id(), place()), 0..40),
        ) {
            let mut state = ReadingState::new();
            for (step, id, place) in steps {
                match step {
                    0 => { state.mark_read(&id); }
                    1 => { state.toggle_read(&id); }
                    2 => { state.set_position(&id, place); }
                    3 => { state.toggle_bookmark(&id, place); }
                    _ => { state.set_last(&id); }
                }
            }
            let text = state.to_toml();
            prop_assert!(read_written(&text).is_some(), "{text}");
            let quick = ReadingState::from_toml(&text).expect("reads");
            let library = ReadingState::from_toml_by_library(&text).expect("reads");
            prop_assert_eq!(&quick, &library);
            prop_assert_eq!(&quick, &state);
        }
    }

    #[test]
    fn only_files_as_kanbao_writes_them() {
        let written = "# kanbao reading state\n\nlast = \"a\\\"b\"\nlast_changed = 5\n\n[article.\"x y\"]\nread = true\nposition = { offset = 3, below = 1 }\nbookmarks = [{ at = 7, changed = 9 }, { at = { header = 0 }, changed = 2, removed = true }]\nchanged = { read = 4, position = 6 }\n\n[article.plain-id_2]\nposition = 0\nchanged = { position = 1 }\n";
        let file = read_written(written).expect("as written");
        assert_eq!(file.last.as_deref(), Some("a\"b"));
        assert_eq!(file.last_changed, 5);
        let entry = &file.article["x y"];
        assert!(entry.read);
        assert_eq!(entry.bookmarks.len(), 2);
        assert!(entry.bookmarks[1].removed);
        assert_eq!((entry.changed.read, entry.changed.position), (4, 6));
        assert_eq!(file.article["plain-id_2"].position, Some(Place::at(0)));
        for other in [
            "read = true\n",                                 // a key before any table
            "[article.a]\nread = yes\n",                     // not a boolean
            "[article.a]\nread = true # a note\n",           // a comment after a value
            "[article.a]\nread = true\nread = false\n",      // a duplicate key
            "[article.a]\n[article.a]\n",                    // a duplicate table
            "[article.a]\nposition = 01\n",                  // a leading zero
            "[article.a]\nposition = 9223372036854775808\n", // past i64
            "[article.a]\nbookmark = 3\n",                   // the old single bookmark
            "[article.a]\nread  = true\n",                   // spacing of a hand edit
            "[article.a]\r\nread = true\r\n",                // CRLF
            "[article.\"a\\q\"]\n",                          // an escape TOML has not
            "[other]\n",                                     // another table
            "title = \"an issue\"\n",                        // someone else's file
        ] {
            assert!(read_written(other).is_none(), "{other:?}");
        }
    }
}
