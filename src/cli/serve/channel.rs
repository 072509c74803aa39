//! What a reader's session says to the client's terminal: entering and leaving the
//! reader's screen, the probe for how it draws ambiguous characters and whether it has
//! margins, and frames, sent one at a time.

use std::sync::Arc;
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::queue;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use kanbao::input::{InputParser, Parsed};
use kanbao::reader::Message;
use kanbao::terminal::probe::{mode_usable, width_at_column};
use kanbao::text::AmbiguousWidth;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;

use super::session::ToReader;

/// What the probe asks (see `kanbao::terminal::probe`): the margins question, then where the
/// cursor went after an ambiguous-width character.
const PROBE: &str = "\r\x1b[?69$p\r\u{201C}\x1b[6n";
/// Erases the probe's character.
const ERASE: &str = "\r\x1b[K";
/// How long the terminal has to answer the probe.
const PROBE_PATIENCE: Duration = Duration::from_millis(300);
/// How long a frame may take to reach a client before it counts as gone.
const SEND_PATIENCE: Duration = Duration::from_secs(120);

/// Where the backend writes a frame, taken whole to be sent.
#[derive(Debug, Clone, Default)]
pub struct FrameBytes(Arc<std::sync::Mutex<Vec<u8>>>);

impl FrameBytes {
    pub fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut bytes| std::mem::take(&mut *bytes))
            .unwrap_or_default()
    }
}

impl std::io::Write for FrameBytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("a frame's buffer was poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The frames go to the channel; `false` once the client is gone.
pub struct Output {
    pub handle: Handle,
    pub channel: ChannelId,
}

impl Output {
    pub async fn send(&self, bytes: Vec<u8>) -> bool {
        if bytes.is_empty() {
            return true;
        }
        matches!(
            tokio::time::timeout(SEND_PATIENCE, self.handle.data(self.channel, bytes)).await,
            Ok(Ok(()))
        )
    }
}

/// Asks the terminal how it draws ambiguous characters and whether it has margins, and waits
/// a moment for the answer. Keys typed meanwhile are kept in `early`. Returns what it said
/// (width, margins) and whether the channel closed meanwhile; `None` if the client is gone.
pub async fn probe(
    out: &Output,
    inbox: &mut mpsc::Receiver<ToReader>,
    parser: &mut InputParser,
    early: &mut Vec<Message>,
    size: &mut (u16, u16),
) -> Option<((Option<AmbiguousWidth>, bool), bool)> {
    if !out.send(PROBE.as_bytes().to_vec()).await {
        return None;
    }
    let deadline = tokio::time::Instant::now() + PROBE_PATIENCE;
    let mut margins = false;
    let mut width = None;
    let mut closed = false;
    while width.is_none() && !closed {
        let Ok(event) = tokio::time::timeout_at(deadline, inbox.recv()).await else {
            break;
        };
        let mut parsed = Vec::new();
        match event {
            Some(ToReader::Input(bytes)) => parser.feed(&bytes, &mut parsed),
            Some(ToReader::Resize(w, h)) => *size = (w, h),
            Some(ToReader::Closed) | None => closed = true,
        }
        for item in parsed {
            match item {
                Parsed::CursorReport(report) => width = Some(width_at_column(report.col)),
                Parsed::ModeReport { mode: 69, state } => margins = mode_usable(state),
                Parsed::ModeReport { .. } => {}
                Parsed::Message(message) => early.push(message),
            }
        }
    }
    if !out.send(ERASE.as_bytes().to_vec()).await {
        return None;
    }
    Some(((width.flatten(), margins), closed))
}

pub fn enter_bytes(mouse: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = queue!(bytes, EnterAlternateScreen, Hide);
    if mouse {
        let _ = queue!(bytes, EnableMouseCapture);
    }
    bytes
}

pub fn leave_bytes(mouse: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if mouse {
        let _ = queue!(bytes, DisableMouseCapture);
    }
    let _ = queue!(bytes, Show, LeaveAlternateScreen);
    bytes
}
