//! Counting the bytes written to the terminal, for benchmarks and tests.

use super::{Arc, AtomicUsize, Ordering, Write, io};
#[cfg(test)]
use ratatui::backend::CrosstermBackend;

/// A writer that counts the bytes written through it, readable through a [`ByteCount`]
/// while a backend owns the writer.
#[derive(Debug, Default)]
pub struct CountingWriter<W> {
    inner: W,
    count: ByteCount,
}

impl<W> CountingWriter<W> {
    #[must_use]
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            count: ByteCount::default(),
        }
    }

    /// A handle on the count that stays readable after the writer is moved into a backend.
    #[must_use]
    pub fn count(&self) -> ByteCount {
        self.count.clone()
    }

    #[must_use]
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.count.0.fetch_add(written, Ordering::Relaxed);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The number of bytes a [`CountingWriter`] has written; clones share it.
#[derive(Debug, Clone, Default)]
pub struct ByteCount(Arc<AtomicUsize>);

impl ByteCount {
    /// Bytes written so far.
    #[must_use]
    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// Bytes written since the last `take` (or the start); counting starts again from 0.
    #[must_use]
    pub fn take(&self) -> usize {
        self.0.swap(0, Ordering::Relaxed)
    }
}

#[cfg(test)]
/// A crossterm backend that writes nowhere and counts what it would have written.
pub(super) fn counting_backend() -> (CrosstermBackend<CountingWriter<io::Sink>>, ByteCount) {
    let writer = CountingWriter::new(io::sink());
    let count = writer.count();
    (CrosstermBackend::new(writer), count)
}
