//! A place in an article, as the state file stores it.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::reader::Anchor;

/// A place in an article that does not depend on the width it is laid out for: the same
/// three cases as [`Anchor`], which converts to and from it.
///
/// In the state file a body offset with nothing below it is a plain integer (`1234`); the
/// other cases are inline tables: `{ offset = 1234, below = 2 }`, `{ header = 1 }`,
/// `{ from_end = 3 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A line of the title block, by index.
    Header(usize),
    /// Byte `offset` of the article body source, and how many lines below its line.
    Offset { offset: usize, below: usize },
    /// A line after the body (links, footer), by its distance from the end.
    FromEnd(usize),
}

impl Place {
    /// The start of a body offset: `Offset { offset, below: 0 }`.
    #[must_use]
    pub fn at(offset: usize) -> Self {
        Self::Offset { offset, below: 0 }
    }

    /// The value as TOML: a plain integer or an inline table.
    pub(crate) fn to_toml(self) -> String {
        match self {
            Self::Offset { offset, below: 0 } => int(offset),
            Self::Offset { offset, below } => {
                format!("{{ offset = {}, below = {} }}", int(offset), int(below))
            }
            Self::Header(line) => format!("{{ header = {} }}", int(line)),
            Self::FromEnd(back) => format!("{{ from_end = {} }}", int(back)),
        }
    }
}

/// A non-negative integer as TOML (whose integers are `i64`).
fn int(value: usize) -> String {
    i64::try_from(value).unwrap_or(i64::MAX).to_string()
}

impl From<Anchor> for Place {
    fn from(anchor: Anchor) -> Self {
        match anchor {
            Anchor::Header(line) => Self::Header(line),
            Anchor::Offset { offset, below } => Self::Offset { offset, below },
            Anchor::FromEnd(back) => Self::FromEnd(back),
        }
    }
}

impl From<Place> for Anchor {
    fn from(place: Place) -> Self {
        match place {
            Place::Header(line) => Self::Header(line),
            Place::Offset { offset, below } => Self::Offset { offset, below },
            Place::FromEnd(back) => Self::FromEnd(back),
        }
    }
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PlaceVisitor)
    }
}

struct PlaceVisitor;

const PLACE_KEYS: &[&str] = &["offset", "below", "header", "from_end"];

impl<'de> Visitor<'de> for PlaceVisitor {
    type Value = Place;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a byte offset, or a table with `offset` (and `below`), `header` or `from_end`")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Place, E> {
        usize::try_from(value)
            .map(Place::at)
            .map_err(|_| E::custom("offset too large"))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Place, E> {
        let value = u64::try_from(value).map_err(|_| {
            E::invalid_value(de::Unexpected::Signed(value), &"a non-negative offset")
        })?;
        self.visit_u64(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Place, A::Error> {
        let (mut offset, mut below, mut header, mut from_end) = (None, None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "offset" => &mut offset,
                "below" => &mut below,
                "header" => &mut header,
                "from_end" => &mut from_end,
                _ => return Err(de::Error::unknown_field(&key, PLACE_KEYS)),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            *slot = Some(map.next_value::<usize>()?);
        }
        match (offset, below, header, from_end) {
            (Some(offset), below, None, None) => Ok(Place::Offset {
                offset,
                below: below.unwrap_or(0),
            }),
            (None, None, Some(line), None) => Ok(Place::Header(line)),
            (None, None, None, Some(back)) => Ok(Place::FromEnd(back)),
            _ => Err(de::Error::custom(
                "a place has exactly one of `offset` (with an optional `below`), `header` or `from_end`",
            )),
        }
    }
}
