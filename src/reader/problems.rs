//! The problems view (`!`) laid out for the window. A folder of bad files can hold a hundred
//! thousand problems: wrapping them all on every frame and every key made each key in the view
//! take a second. The reader keeps the line each problem starts on, for the width it was made
//! for, laid out only as far down as the view has been scrolled; a frame wraps only the
//! problems on screen.

use std::borrow::Cow;

use super::{OverlayLine, Reader};
use crate::load::Library;
use crate::text::{AmbiguousWidth, str_width, wrap_str};

/// The problems view's line numbers, as far down as it has been laid out, for the width and
/// the problems it was made for.
#[derive(Clone, Default)]
pub struct ProblemLayout {
    made_for: Option<MadeFor>,
    /// The line each entry laid out so far (why the state is not saved, then each problem)
    /// starts on: the blank line before it. One more at the end: where the next one starts.
    starts: Vec<usize>,
}

impl std::fmt::Debug for ProblemLayout {
    // A hundred thousand line numbers say nothing in a debug print of the reader.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProblemLayout")
            .field("made_for", &self.made_for)
            .field("lines_laid_out", &self.len())
            .finish_non_exhaustive()
    }
}

/// What a layout depends on; when any of it changes, the layout starts again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MadeFor {
    width: usize,
    ambiguous: AmbiguousWidth,
    /// While loading, the library's problems are only added to (a batch of files brings its
    /// own), so their number says whether they changed; a change of the folder, which can
    /// replace them, resets the layout (`Reader::take_changes`).
    problems: usize,
    not_saved: Option<String>,
}

impl MadeFor {
    fn now(reader: &Reader, library: &Library) -> Self {
        Self {
            width: usize::from(reader.screen().body.width.saturating_sub(2)).max(2),
            ambiguous: reader.settings.ambiguous,
            problems: library.problems.len(),
            not_saved: reader.not_saved.as_ref().map(ToString::to_string),
        }
    }

    /// The heading, and "No problems." when there are none.
    fn header_lines(&self) -> usize {
        if self.entries() == 0 { 2 } else { 1 }
    }

    fn entries(&self) -> usize {
        usize::from(self.not_saved.is_some()) + self.problems
    }

    /// Entry `index` of the view as shown: why the state is not saved, if it is not, then
    /// each problem.
    fn entry_text(&self, library: &Library, index: usize) -> Option<String> {
        match (&self.not_saved, index) {
            (Some(not_saved), 0) => Some(not_saved.clone()),
            (Some(_), index) => library.problems.get(index - 1).map(ToString::to_string),
            (None, index) => library.problems.get(index).map(ToString::to_string),
        }
    }
}

impl ProblemLayout {
    fn new(made_for: MadeFor) -> Self {
        Self {
            starts: vec![made_for.header_lines()],
            made_for: Some(made_for),
        }
    }

    /// How many lines are laid out: all of the view's once [`Self::is_complete`].
    fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or_default()
    }

    fn is_complete(&self) -> bool {
        self.made_for
            .as_ref()
            .is_none_or(|made_for| self.starts.len() > made_for.entries())
    }

    /// Whether line `line` is laid out, or all there is.
    fn reaches(&self, line: usize) -> bool {
        self.len() > line || self.is_complete()
    }

    /// Lays out entries until line `line` is laid out, or all of them.
    fn extend_through(&mut self, library: &Library, line: usize) {
        let Some(made_for) = &self.made_for else {
            return;
        };
        while self.len() <= line {
            let Some(text) = made_for.entry_text(library, self.starts.len() - 1) else {
                break;
            };
            let next = self.len() + 1 + row_count(&text, made_for.width, made_for.ambiguous);
            self.starts.push(next);
        }
    }
}

/// Brings the reader's layout of the problems view up to date for the window and the
/// problems (starting again if either changed), laid out through the bottom of the window.
/// Keys and frames in the view then cost what is on screen; only going to its end (or a
/// resize far down) lays out everything above.
pub fn refresh(reader: &mut Reader, library: &Library) {
    let now = MadeFor::now(reader, library);
    if reader.problem_layout.made_for.as_ref() != Some(&now) {
        reader.problem_layout = ProblemLayout::new(now);
    }
    let bottom = reader
        .overlays
        .problems_top
        .saturating_add(usize::from(reader.screen().body.height));
    reader.problem_layout.extend_through(library, bottom);
}

/// The reader's layout when it is up to date and reaches line `line`, else one made now
/// (the problems changed since the last refresh): never a stale one.
fn layout<'r>(reader: &'r Reader, library: &Library, line: usize) -> Cow<'r, ProblemLayout> {
    let now = MadeFor::now(reader, library);
    let kept = &reader.problem_layout;
    if kept.made_for.as_ref() == Some(&now) && kept.reaches(line) {
        return Cow::Borrowed(kept);
    }
    let mut layout = if kept.made_for.as_ref() == Some(&now) {
        kept.clone()
    } else {
        ProblemLayout::new(now)
    };
    layout.extend_through(library, line);
    Cow::Owned(layout)
}

/// How far the problems view scrolls: the number of its lines when it is laid out to the end,
/// else as far as it is laid out, which is always past the bottom of a window from `top`.
#[must_use]
pub fn problem_line_count(reader: &Reader, library: &Library, top: usize) -> usize {
    let height = usize::from(reader.screen().body.height);
    layout(reader, library, top.saturating_add(height)).len()
}

/// The lines of the problems view from line `top` (kept where a full window shows), at most
/// `height` of them: the heading, then each problem after a blank line, wrapped to the view's
/// width. Only the problems on screen are wrapped.
#[must_use]
pub fn problem_window(
    reader: &Reader,
    library: &Library,
    top: usize,
    height: usize,
) -> Vec<OverlayLine> {
    let layout = layout(reader, library, top.saturating_add(height));
    let Some(made_for) = &layout.made_for else {
        return Vec::new();
    };
    let top = if layout.is_complete() {
        top.min(layout.len().saturating_sub(height))
    } else {
        top
    };
    let bottom = top.saturating_add(height).min(layout.len());
    let mut lines: Vec<OverlayLine> = vec![(
        format!(
            "{} of {} files could not be loaded",
            library.failed_files(),
            library.files
        ),
        true,
    )];
    if made_for.header_lines() == 2 {
        lines.push(("No problems.".to_owned(), false));
    }
    let header = lines.len();
    lines.drain(..top.min(header));
    // The entry holding line `top`, or the first one when `top` is in the header.
    let mut entry = layout
        .starts
        .partition_point(|&start| start <= top)
        .saturating_sub(1);
    let mut line = layout.starts.get(entry).copied().unwrap_or(header);
    while line < bottom {
        let Some(text) = made_for.entry_text(library, entry) else {
            break;
        };
        let rows = std::iter::once(String::new())
            .chain(rows(&text, made_for.width, made_for.ambiguous))
            .map(|row| (row, false));
        for row in rows {
            if line >= bottom {
                break;
            }
            if line >= top {
                lines.push(row);
            }
            line += 1;
        }
        entry += 1;
    }
    lines.truncate(height);
    lines
}

/// A problem's rows at `width`: the line itself when it fits (most do; measuring is much
/// cheaper than wrapping), else wrapped.
fn rows(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    if fits(text, width, ambiguous) {
        vec![text.to_owned()]
    } else {
        wrap_str(text, width, ambiguous)
    }
}

/// How many rows [`rows`] gives, without making them when the line fits.
fn row_count(text: &str, width: usize, ambiguous: AmbiguousWidth) -> usize {
    if fits(text, width, ambiguous) {
        1
    } else {
        wrap_str(text, width, ambiguous).len()
    }
}

/// Whether `text` shows as it is on one row: no line breaks or tabs (which wrapping turns
/// into rows and spaces), nothing wider than the row.
fn fits(text: &str, width: usize, ambiguous: AmbiguousWidth) -> bool {
    !text.chars().any(char::is_control) && str_width(text, ambiguous) <= width
}
