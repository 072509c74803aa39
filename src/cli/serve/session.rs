//! One reader over SSH: a task that owns a `Reader`, turns the channel's bytes into its
//! messages, and sends it frames, one at a time, the latest state when the client catches up.

use std::sync::Arc;
use std::time::Instant;

use kanbao::input::{InputParser, Parsed};
use kanbao::load::{Library, Reloaded};
use kanbao::reader::{Message, Reader, Rows, settle, update};
use kanbao::state::{ReadingState, SaveReport, StateFile, StateWriter};
use kanbao::terminal::ReaderFrames;
use kanbao::text::AmbiguousWidth;
use kanbao::ui::Theme;
use ratatui::backend::CrosstermBackend;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{broadcast, mpsc};

use super::auth::Identity;
use super::channel::{FrameBytes, Output, enter_bytes, leave_bytes, probe};
use super::{FolderChange, Shared, log};

/// What the connection tells its reader.
#[derive(Debug)]
pub enum ToReader {
    /// Bytes the client's terminal sent.
    Input(Vec<u8>),
    /// The window's new size, clamped.
    Resize(u16, u16),
    /// The channel is closing.
    Closed,
}

/// Everything a reader task starts from.
pub struct ReaderStart {
    pub shared: Arc<Shared>,
    pub handle: Handle,
    pub channel: ChannelId,
    pub size: (u16, u16),
    pub term: String,
    pub identity: Identity,
}

/// Sizes a client may claim, clamped: the reader needs a little room, and a 65535×65535
/// window would be gigabytes of cells.
pub fn clamp_size(columns: u32, rows: u32) -> (u16, u16) {
    let clamp = |n: u32, low: u16, high: u16| u16::try_from(n).unwrap_or(high).clamp(low, high);
    (clamp(columns, 20, 500), clamp(rows, 5, 250))
}

/// Why the loop ended.
enum End {
    /// The reader quit: put the terminal back and say exit status 0.
    Quit,
    /// The server is stopping.
    Shutdown,
    /// The client went away or stopped reading.
    Gone,
}

pub async fn run(start: ReaderStart, mut inbox: mpsc::Receiver<ToReader>) {
    let ReaderStart {
        shared,
        handle,
        channel,
        mut size,
        term,
        identity,
    } = start;
    let _live = shared.live.enter();
    let out = Output { handle, channel };
    let mouse = shared.config.reader.mouse;
    let mut parser = InputParser::new();
    let mut early = Vec::new();
    if !out.send(enter_bytes(mouse)).await {
        return;
    }
    let Some((probe, closed)) = probe(&out, &mut inbox, &mut parser, &mut early, &mut size).await
    else {
        return;
    };
    // Listening before the library is copied: a change in between is taken in twice, which
    // changes nothing, rather than missed.
    let mut changes = shared.changes.subscribe();
    let mut session = Session::open(&shared, &identity, &term, size, probe);
    session.apply(early.into_iter().map(Parsed::Message).collect());
    let end = if closed {
        End::Gone
    } else {
        session
            .run(
                &out,
                &mut inbox,
                &mut parser,
                shared.shutdown.clone(),
                &mut changes,
            )
            .await
    };
    if matches!(end, End::Quit | End::Shutdown) {
        let _ = out.send(leave_bytes(mouse)).await;
        let status = u32::from(matches!(end, End::Shutdown));
        let _ = out.handle.exit_status_request(channel, status).await;
        let _ = out.handle.eof(channel).await;
        let _ = out.handle.close(channel).await;
    }
    session.finish(&identity);
}

/// A reader and what draws it and keeps its state.
struct Session {
    shared: Arc<Shared>,
    /// This reader's list of the shared issues, changed as the folder changes.
    library: Library,
    reader: Reader,
    writer: StateWriter,
    saved: mpsc::UnboundedReceiver<SaveReport>,
    frames: ReaderFrames,
    backend: CrosstermBackend<FrameBytes>,
    bytes: FrameBytes,
    theme: Theme,
}

impl Session {
    /// The reader for `identity` (its saved state, for a key), laid out for `size` and what
    /// the probe said: (ambiguous width, margins).
    fn open(
        shared: &Arc<Shared>,
        identity: &Identity,
        term: &str,
        size: (u16, u16),
        probe: (Option<AmbiguousWidth>, bool),
    ) -> Self {
        let config = &shared.config;
        let ambiguous = config
            .ambiguous_width
            .or(probe.0)
            .unwrap_or(AmbiguousWidth::Narrow);
        let (library, rows) = shared.library.read().map_or_else(
            |_| {
                let library = Library::default();
                let rows = Arc::new(Rows::new(&library));
                (library, rows)
            },
            |listing| listing.clone(),
        );
        let (state_file, memory, notices) = identity
            .state_file(&shared.state_folder)
            .and_then(|path| {
                StateFile::open(Some(path))
                    .map_err(|refused| {
                        log::line(&format!("state for {}: {refused}", identity.describe()));
                    })
                    .ok()
            })
            .unwrap_or_else(|| (StateFile::memory(), ReadingState::default(), Vec::new()));
        let not_saved = state_file.unwritable().cloned();
        let mut reader = Reader::with_rows(
            &library,
            rows,
            super::reader_settings(config, ambiguous),
            shared.keymap.clone(),
            size,
        );
        reader.resume(&library, memory);
        reader.not_saved = not_saved;
        if !notices.is_empty() {
            let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
            reader.notice = Some(notices.join("; "));
        }
        let (saved_tx, saved) = mpsc::unbounded_channel::<SaveReport>();
        let writer = StateWriter::spawn(state_file, &reader.memory, move |report| {
            let _ = saved_tx.send(report);
        });
        let theme = Theme::for_terminal(&config.theme, |name| {
            (name == "TERM").then(|| term.to_owned())
        });
        let mut frames = ReaderFrames::default();
        frames.set_margins(config.reader.margins && probe.1);
        let bytes = FrameBytes::default();
        Self {
            shared: Arc::clone(shared),
            library,
            reader,
            writer,
            saved,
            frames,
            backend: CrosstermBackend::new(bytes.clone()),
            bytes,
            theme,
        }
    }

    /// Applies parsed input; probe answers that come late are dropped.
    fn apply(&mut self, parsed: Vec<Parsed>) -> bool {
        let mut dirty = false;
        for item in parsed {
            if let Parsed::Message(message) = item {
                dirty |= update(&mut self.reader, &self.library, message);
            }
        }
        dirty
    }

    /// The frame for the reader as it is now; empty if it cannot be drawn.
    fn frame(&mut self) -> Option<Vec<u8>> {
        settle(&mut self.reader, &self.library);
        self.frames
            .draw(&mut self.backend, &self.reader, &self.library, &self.theme)
            .ok()?;
        Some(self.bytes.take())
    }

    /// Sleeps until input, a save's outcome, a timer or the server stopping; applies what
    /// came; draws when something changed, one frame at a time. Returns why it ended.
    async fn run(
        &mut self,
        out: &Output,
        inbox: &mut mpsc::Receiver<ToReader>,
        parser: &mut InputParser,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
        changes: &mut broadcast::Receiver<Arc<FolderChange>>,
    ) -> End {
        let mut dirty = true;
        let mut held_until: Option<Instant> = None;
        loop {
            if dirty {
                let Some(frame) = self.frame() else {
                    return End::Gone;
                };
                if !out.send(frame).await {
                    return End::Gone;
                }
            }
            held_until = parser
                .timeout()
                .map(|patience| held_until.unwrap_or_else(|| Instant::now() + patience));
            let deadline = [
                self.reader.read_deadline(),
                self.writer.deadline(&self.reader.memory),
                held_until,
            ]
            .into_iter()
            .flatten()
            .min();
            let sleep = async {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                event = inbox.recv() => {
                    let (parsed, closing) = take_in(event, inbox, parser);
                    dirty = self.apply(parsed);
                    if closing {
                        return End::Gone;
                    }
                }
                report = self.saved.recv() => {
                    dirty = report.is_some_and(|report| self.reader.saved(report));
                }
                () = sleep => {
                    let now = Instant::now();
                    let mut parsed = Vec::new();
                    if held_until.is_some_and(|at| at <= now) {
                        parser.flush(&mut parsed);
                        held_until = None;
                    }
                    dirty = self.apply(parsed);
                    dirty |= update(&mut self.reader, &self.library, Message::Tick(now));
                }
                change = changes.recv() => {
                    dirty = match change {
                        Ok(change) => self.reader.take_changes(
                            &mut self.library,
                            &change.reloaded,
                            &change.removed,
                        ),
                        // Too far behind (or the server is stopping): the readers' library
                        // is taken as it is now, from the top.
                        Err(broadcast::error::RecvError::Lagged(_)) => self.start_over(),
                        Err(broadcast::error::RecvError::Closed) => false,
                    };
                }
                _ = shutdown.changed() => return End::Shutdown,
            }
            dirty |= self.reader.let_go_of_left_issues(&mut self.library);
            if self.writer.due(&self.reader.memory, Instant::now()) {
                self.writer.request(&mut self.reader.memory);
            }
            if let Some(text) = self.reader.clipboard.take()
                && !out.send(kanbao::reader::osc52(&text).into_bytes()).await
            {
                return End::Gone;
            }
            if self.reader.quit {
                return End::Quit;
            }
        }
    }

    /// Missed changes of the folder: every file of the library as it is now is taken in.
    fn start_over(&mut self) -> bool {
        let now = self
            .shared
            .library
            .read()
            .map(|listing| listing.0.clone())
            .unwrap_or_default();
        let reloaded: Vec<Reloaded> = now
            .issues
            .iter()
            .map(|issue| Reloaded {
                path: issue.path.clone(),
                issue: Some(Arc::clone(issue)),
                problems: Vec::new(),
            })
            .collect();
        let gone: Vec<std::path::PathBuf> = self
            .library
            .issues
            .iter()
            .filter(|mine| !now.issues.iter().any(|i| i.path == mine.path))
            .map(|issue| issue.path.clone())
            .collect();
        self.reader
            .take_changes(&mut self.library, &reloaded, &gone)
    }

    /// The last save; it waits on the disk, and the other sessions go on meanwhile.
    fn finish(mut self, identity: &Identity) {
        let finished = tokio::task::block_in_place(|| self.writer.finish(&mut self.reader.memory));
        if let Err(not_saved) = finished {
            log::line(&format!(
                "the reading state of {} could not be saved: {}",
                identity.describe(),
                not_saved.reason
            ));
        }
    }
}

/// `event` and everything else already waiting, as parsed input; whether the channel is
/// closing.
fn take_in(
    event: Option<ToReader>,
    inbox: &mut mpsc::Receiver<ToReader>,
    parser: &mut InputParser,
) -> (Vec<Parsed>, bool) {
    let mut events = vec![event];
    while let Ok(more) = inbox.try_recv() {
        events.push(Some(more));
    }
    let mut closing = false;
    let mut parsed = Vec::new();
    for event in events {
        match event {
            Some(ToReader::Input(bytes)) => parser.feed(&bytes, &mut parsed),
            Some(ToReader::Resize(width, height)) => {
                let resize = Parsed::Message(Message::Resize(width, height));
                // A storm of window changes is one layout, at the size told last.
                match parsed.last_mut() {
                    Some(last @ Parsed::Message(Message::Resize(..))) => *last = resize,
                    _ => parsed.push(resize),
                }
            }
            Some(ToReader::Closed) | None => closing = true,
        }
    }
    (parsed, closing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped() {
        assert_eq!(clamp_size(0, 0), (20, 5));
        assert_eq!(clamp_size(65_535, 65_535), (500, 250));
        assert_eq!(clamp_size(u32::MAX, 1), (500, 5));
        assert_eq!(clamp_size(80, 24), (80, 24));
    }
}
