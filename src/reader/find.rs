//! Finding in the open article (`/`, then `n`/`N`): every hit of the query in its title,
//! subtitle and body, which one is current, and where it is in the laid-out lines.

use super::Document;
use crate::search::{Field, Hit, Query, search_article};

/// The query being found in the open article and its hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    pub query: Query,
    /// Hits in reading order: title, subtitle, then the body.
    pub hits: Vec<Hit>,
    /// The current hit (`match i/n`).
    pub current: Option<usize>,
}

impl Find {
    /// Finds `text` in the article `document` shows (as it shows it); `None` when it is not a
    /// query.
    #[must_use]
    pub fn new(text: &str, document: &Document) -> Option<Self> {
        let query = Query::parse(text)?;
        let hits = search_article(&query, document.shown());
        Some(Self {
            text: text.to_owned(),
            query,
            hits,
            current: None,
        })
    }

    /// The line a hit is shown on, once [`reach`](Self::reach) has laid it out.
    #[must_use]
    pub fn line_of(hit: &Hit, document: &Document) -> usize {
        match hit.field {
            Field::Title | Field::Subtitle => 0,
            Field::Body | Field::Footer => document.line_at(hit.range.start),
        }
    }

    /// Lays out `document` up to the line of `hit`.
    pub fn reach(hit: &Hit, document: &mut Document) {
        match hit.field {
            Field::Title | Field::Subtitle => {}
            Field::Body | Field::Footer => document.reach_offset(hit.range.start),
        }
    }

    /// The first hit on or after line `top`, else the first hit. Lays out `document` as far
    /// as that hit.
    pub fn first_from(&self, top: usize, document: &mut Document) -> Option<usize> {
        self.hits
            .iter()
            .position(|hit| {
                Self::reach(hit, document);
                Self::line_of(hit, document) >= top
            })
            .or_else(|| (!self.hits.is_empty()).then_some(0))
    }

    /// The hit after (or before) the current one, wrapping around.
    #[must_use]
    pub fn step(&self, forward: bool) -> Option<usize> {
        let count = self.hits.len();
        if count == 0 {
            return None;
        }
        Some(match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        })
    }

    /// Body hits as source ranges, for highlighting.
    pub fn body_ranges(&self) -> impl Iterator<Item = &std::ops::Range<usize>> {
        self.hits
            .iter()
            .filter(|hit| hit.field == Field::Body)
            .map(|hit| &hit.range)
    }
}
