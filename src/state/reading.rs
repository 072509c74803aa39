//! What the reader remembers: read marks, reading positions, bookmarks and the last article.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{SystemTime, UNIX_EPOCH};

use super::Place;

/// When something changed: Unix milliseconds, made strictly increasing within a process and
/// never below any stamp seen from another process (a Lamport clock), so that a change made
/// after adopting another process's mark always wins over that mark. `0` means never.
pub type Stamp = u64;

/// A value and when it last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Field<T> {
    pub(crate) value: T,
    pub(crate) changed: Stamp,
}

impl<T: Ord + Clone> Field<T> {
    /// Keeps the newer of the two; on equal stamps the larger value, so that merging is the
    /// same whichever side it starts from.
    /// Returns whether `other` won.
    pub(crate) fn merge(&mut self, other: &Self) -> bool {
        let theirs = (other.changed, &other.value) > (self.changed, &self.value);
        if theirs {
            self.clone_from(other);
        }
        theirs
    }
}

/// What is remembered about one article. Every field carries its own stamp, so that two
/// processes changing different things about the same article (one marks it read, the
/// other bookmarks it) both keep their change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub(crate) read: Field<bool>,
    pub(crate) position: Field<Option<Place>>,
    /// Every place ever bookmarked in the article: on, or off since it was removed (kept so
    /// that a removal survives a merge with a process that still has it).
    pub(crate) bookmarks: BTreeMap<Place, Field<bool>>,
}

impl Entry {
    #[must_use]
    pub fn read(&self) -> bool {
        self.read.value
    }

    /// When the read mark last changed (set or cleared); `None` if it never did.
    #[must_use]
    pub fn read_changed(&self) -> Option<Stamp> {
        Some(self.read.changed).filter(|&s| s > 0)
    }

    #[must_use]
    pub fn position(&self) -> Option<Place> {
        self.position.value
    }

    #[must_use]
    pub fn position_changed(&self) -> Option<Stamp> {
        Some(self.position.changed).filter(|&s| s > 0)
    }

    /// The article's bookmarks with when each was set, most recent first.
    pub fn bookmarks(&self) -> impl Iterator<Item = (Place, Stamp)> + '_ {
        let mut on: Vec<(Place, Stamp)> = self
            .bookmarks
            .iter()
            .filter(|(_, field)| field.value)
            .map(|(place, field)| (*place, field.changed))
            .collect();
        on.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        on.into_iter()
    }

    /// Nothing to remember and nothing that ever changed: not written to the file.
    pub(crate) fn is_blank(&self) -> bool {
        *self == Self::default()
    }

    /// Returns whether anything of `other` was taken.
    fn merge(&mut self, other: &Self) -> bool {
        let read = self.read.merge(&other.read);
        let position = self.position.merge(&other.position);
        let mut bookmarks = false;
        for (place, theirs) in &other.bookmarks {
            bookmarks |= self.bookmarks.entry(*place).or_default().merge(theirs);
        }
        read || position || bookmarks
    }

    fn max_stamp(&self) -> Stamp {
        self.read.changed.max(self.position.changed).max(
            self.bookmarks
                .values()
                .map(|f| f.changed)
                .max()
                .unwrap_or(0),
        )
    }
}

/// The reading state of every article, keyed by `Article::id`.
///
/// Pure data: [`StateFile`](super::StateFile) loads and saves it. Every change takes a new
/// [`Stamp`] and sets [`is_dirty`](Self::is_dirty); a call that changes nothing (marking a
/// read article read) takes none. Equality compares what is remembered, not the clock or
/// the dirty flag.
#[derive(Debug, Clone, Default)]
pub struct ReadingState {
    pub(crate) articles: BTreeMap<String, Entry>,
    pub(crate) last: Field<Option<String>>,
    clock: Stamp,
    dirty: bool,
    /// The articles changed since [`take_changes`](Self::take_changes) (or loading).
    changed: BTreeSet<String>,
}

impl PartialEq for ReadingState {
    fn eq(&self, other: &Self) -> bool {
        self.last == other.last && self.entries().eq(other.entries())
    }
}

impl Eq for ReadingState {}

impl ReadingState {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether something changed since the state was loaded or last saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub(crate) fn set_clean(&mut self) {
        self.dirty = false;
        self.changed.clear();
    }

    /// What changed since the last call (or loading), as a state of its own, and the state
    /// clean: the articles changed, the last article, and the clock. Merging it into a copy
    /// of the state as it was brings that copy up to date. Costs what changed, not what is
    /// remembered: this is how a save is handed to a writer thread.
    #[must_use]
    pub fn take_changes(&mut self) -> Self {
        let articles = std::mem::take(&mut self.changed)
            .into_iter()
            .filter_map(|id| {
                let entry = self.articles.get(&id)?.clone();
                Some((id, entry))
            })
            .collect();
        self.dirty = false;
        Self {
            articles,
            last: self.last.clone(),
            clock: self.clock,
            dirty: false,
            changed: BTreeSet::new(),
        }
    }

    /// What is remembered about `id`, if anything.
    #[must_use]
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.articles.get(id)
    }

    /// Every article with something remembered, by id.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.articles
            .iter()
            .filter(|(_, entry)| !entry.is_blank())
            .map(|(id, entry)| (id.as_str(), entry))
    }

    #[must_use]
    pub fn is_read(&self, id: &str) -> bool {
        self.entry(id).is_some_and(Entry::read)
    }

    /// Marks `id` read or unread; returns whether that changed anything.
    pub fn set_read(&mut self, id: &str, read: bool) -> bool {
        if self.is_read(id) == read {
            return false;
        }
        let changed = self.tick();
        self.entry_mut(id).read = Field {
            value: read,
            changed,
        };
        true
    }

    /// Marks `id` read; returns whether it was unread.
    pub fn mark_read(&mut self, id: &str) -> bool {
        self.set_read(id, true)
    }

    /// Flips the read mark of `id`; returns the new value. Unread is remembered as a newer
    /// change, so it survives a merge with a process that still has the article read.
    pub fn toggle_read(&mut self, id: &str) -> bool {
        let read = !self.is_read(id);
        self.set_read(id, read);
        read
    }

    /// Marks every id read (an issue's articles); returns how many were unread.
    pub fn mark_all_read<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter().filter(|id| self.mark_read(id)).count()
    }

    #[must_use]
    pub fn position(&self, id: &str) -> Option<Place> {
        self.entry(id).and_then(Entry::position)
    }

    /// Remembers where the reader is in `id`; returns whether that changed anything.
    pub fn set_position(&mut self, id: &str, place: Place) -> bool {
        if self.position(id) == Some(place) {
            return false;
        }
        let changed = self.tick();
        self.entry_mut(id).position = Field {
            value: Some(place),
            changed,
        };
        true
    }

    /// The most recent bookmark of `id`.
    #[must_use]
    pub fn bookmark(&self, id: &str) -> Option<Place> {
        self.bookmarks_of(id).first().copied()
    }

    /// Every bookmark of `id`, most recently set first.
    #[must_use]
    pub fn bookmarks_of(&self, id: &str) -> Vec<Place> {
        self.entry(id)
            .map(|entry| entry.bookmarks().map(|(place, _)| place).collect())
            .unwrap_or_default()
    }

    /// Bookmarks `id` at `place`, or removes the bookmark there; returns whether that
    /// changed anything. An article has any number of bookmarks, one per place.
    pub fn set_bookmark(&mut self, id: &str, place: Place, on: bool) -> bool {
        let current = self
            .entry(id)
            .and_then(|entry| entry.bookmarks.get(&place))
            .is_some_and(|field| field.value);
        if current == on {
            return false;
        }
        let changed = self.tick();
        self.entry_mut(id)
            .bookmarks
            .insert(place, Field { value: on, changed });
        true
    }

    /// Bookmarks `id` at `place`, or removes the bookmark at exactly that place; returns
    /// whether there is one there now.
    pub fn toggle_bookmark(&mut self, id: &str, place: Place) -> bool {
        let on = !self.bookmarks_of(id).contains(&place);
        self.set_bookmark(id, place, on);
        on
    }

    /// Every bookmark, most recently set first (ties by id).
    #[must_use]
    pub fn bookmarks(&self) -> Vec<(&str, Place)> {
        let mut marks: Vec<(Stamp, &str, Place)> = self
            .articles
            .iter()
            .flat_map(|(id, entry)| {
                entry
                    .bookmarks()
                    .map(move |(place, changed)| (changed, id.as_str(), place))
            })
            .collect();
        marks.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.cmp(b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        marks
            .into_iter()
            .map(|(_, id, place)| (id, place))
            .collect()
    }

    /// Remembers `id` as the article to reopen. Call it whenever an article is shown (it is
    /// free when nothing changed): after a merge another process's article may be the last.
    pub fn set_last(&mut self, id: &str) -> bool {
        if self.last.value.as_deref() == Some(id) {
            return false;
        }
        let changed = self.tick();
        self.last = Field {
            value: Some(id.to_owned()),
            changed,
        };
        true
    }

    /// The article to reopen, and where in it the reader was.
    #[must_use]
    pub fn last(&self) -> Option<(&str, Option<Place>)> {
        let id = self.last.value.as_deref()?;
        Some((id, self.position(id)))
    }

    /// Adopts `other`'s changes: field by field, the newer stamp wins. Commutative,
    /// associative and idempotent in what is remembered. Leaves the dirty flag alone, and
    /// moves the clock past every stamp of `other`.
    pub fn merge(&mut self, other: &Self) {
        let _ = self.adopt(other);
    }

    /// [`merge`](Self::merge)s `other` and returns what was taken from it: the articles
    /// where `other` had something newer (as they are after the merge), the last article
    /// and the clock. Merging that into another copy of this state (as it was) brings the
    /// copy up to date at the cost of what changed.
    #[must_use = "what was adopted; `merge` when it is not needed"]
    pub fn adopt(&mut self, other: &Self) -> Self {
        let mut adopted = BTreeMap::new();
        for (id, theirs) in &other.articles {
            let ours = self.articles.entry(id.clone()).or_default();
            if ours.merge(theirs) {
                adopted.insert(id.clone(), ours.clone());
            }
        }
        self.last.merge(&other.last);
        self.clock = self.clock.max(other.clock).max(other.max_stamp());
        Self {
            articles: adopted,
            last: self.last.clone(),
            clock: self.clock,
            dirty: false,
            changed: BTreeSet::new(),
        }
    }

    /// The largest stamp in the state.
    pub(crate) fn max_stamp(&self) -> Stamp {
        self.articles
            .values()
            .map(Entry::max_stamp)
            .fold(self.last.changed, Stamp::max)
    }

    /// Builds a state from stored entries (not dirty, clock past every stamp).
    pub(crate) fn from_parts(
        articles: BTreeMap<String, Entry>,
        last: Field<Option<String>>,
    ) -> Self {
        let mut state = Self {
            articles,
            last,
            clock: 0,
            dirty: false,
            changed: BTreeSet::new(),
        };
        state.clock = state.max_stamp();
        state
    }

    /// The entry to change: called only to change it, so it counts as changed.
    fn entry_mut(&mut self, id: &str) -> &mut Entry {
        if !self.changed.contains(id) {
            self.changed.insert(id.to_owned());
        }
        self.articles.entry(id.to_owned()).or_default()
    }

    /// A new stamp: now, but always after every stamp issued or seen.
    fn tick(&mut self) -> Stamp {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        self.clock = now.max(self.clock.saturating_add(1));
        self.dirty = true;
        self.clock
    }
}
