//! `kanbao` with no subcommand: the reader. A synchronous loop over one channel fed by an
//! input thread and a signal thread: it sleeps until something happens (no CPU while idle),
//! applies every message that has arrived (a burst of key repeats becomes one frame), then
//! draws.

mod start;
mod threads;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use kanbao::config::Config;
use kanbao::load::{FolderError, Library};
use kanbao::model::Issue;
use kanbao::reader::{Keymap, Message, Reader, ReaderSettings, ScreenSettings, settle, update};
use kanbao::state::{NotSaved, SaveReport, StateFile, StateWriter};
use kanbao::terminal::{self, ReaderFrames, Signal, SignalForwarder, TerminalGuard};
use kanbao::text::AmbiguousWidth;
use kanbao::ui::Theme;
use ratatui::DefaultTerminal;
use signal_hook::consts::signal::SIGHUP;

use super::keys::key_of;
use super::watch::Watched;
use start::{PROBE_TIMEOUT, keys_typed, take_in_first_issues, take_up_the_answer};
use threads::{spawn_indexer, spawn_loader};

/// What reaches the loop.
enum Input {
    Terminal(Event),
    /// A key typed while the terminal's answer was awaited, before crossterm read any.
    Typed(Message),
    Signal(Signal),
    /// The input thread could not read the terminal any more.
    Closed,
    /// A batch of issues, loaded in the background: `loaded` of `total` files so far.
    Batch {
        issues: Library,
        loaded: usize,
        total: usize,
    },
    /// Every issue file has been loaded.
    LoadDone,
    /// The issues folder cannot be read.
    LoadFailed(FolderError),
    /// The state writer saved (or failed to).
    Saved(SaveReport),
    /// Issues handed to the search indexer are indexed.
    Indexed,
    /// The issues folder changed, or cannot be watched.
    Watched(Watched),
}

/// The terminal session: its guard, the terminal, and how frames reach it.
struct Session {
    guard: TerminalGuard,
    term: DefaultTerminal,
    frames: ReaderFrames,
    theme: Theme,
    /// Issues to index for searching, off the loop's thread.
    indexer: mpsc::Sender<Vec<Arc<Issue>>>,
    /// Issues loaded but not yet handed to the indexer: it waits for the whole list.
    unindexed: Vec<Arc<Issue>>,
    /// Tells the loader that the first looks at large files are on screen (see
    /// [`spawn_loader`]); dropped once the first batch has come.
    first_look_shown: Option<mpsc::Sender<()>>,
}

pub fn run(issues_dir: &Path, config: &Config, state: Option<PathBuf>) -> Result<ExitCode, String> {
    // The issues start loading before anything else: the first of them are wanted for the
    // first frame, and they are read while the state is opened and the terminal set up.
    let (tx, rx) = mpsc::channel();
    let (first_look_shown, until_shown) = mpsc::channel();
    spawn_loader(
        issues_dir.to_path_buf(),
        config.library,
        tx.clone(),
        until_shown,
    );
    let (state_file, memory, notices) = match StateFile::open(state) {
        Ok(opened) => opened,
        Err(refused) => {
            super::eprint(&format!("kanbao: {refused}"));
            return Ok(ExitCode::from(1));
        }
    };
    let not_saved = state_file.unwritable().cloned();
    // The forwarder registers some fifty signal actions, which takes as long as setting up
    // the terminal and the reader: done meanwhile, on a thread of its own, joined before the
    // first frame. A signal that comes before it is done has its default action, as one that
    // comes before the terminal is set up.
    let forwarder = {
        let tx = tx.clone();
        std::thread::spawn(move || terminal::forward_signals_to(tx, Input::Signal))
    };
    let (guard, term) = TerminalGuard::enter(config.reader.mouse)
        .map_err(|e| format!("cannot use the terminal: {e}"))?;
    let size = term.size().map_err(|e| e.to_string())?;
    let size = (size.width, size.height);
    // The terminal is asked about its character widths now and answers while the first frame
    // is made (over a slow link, the round trip is not spent before anything is on screen).
    // Configured ambiguous width and no margins wanted: nothing to ask.
    let asked = if config.ambiguous_width.is_none() || config.reader.margins {
        terminal::ask_terminal(PROBE_TIMEOUT)
    } else {
        None
    };
    let mut session = Session {
        guard,
        term,
        frames: ReaderFrames::default(),
        theme: Theme::for_terminal(&config.theme, |name| std::env::var(name).ok()),
        indexer: spawn_indexer(tx.clone()),
        unindexed: Vec::new(),
        first_look_shown: Some(first_look_shown),
    };
    let mut keymap = Keymap::defaults();
    for (context, key, action) in &config.key_bindings {
        keymap.bind(*context, *key, *action);
    }
    let mut library = Library::default();
    // Until the terminal answers, its ambiguous width is taken to be the usual one.
    let guessed = config.ambiguous_width.unwrap_or(AmbiguousWidth::Narrow);
    let mut reader = Reader::new(&library, settings(config, guessed), keymap, size);
    reader.loading = Some((0, 0));
    reader.resume(&library, memory);
    reader.not_saved = not_saved;
    let mut messages: Vec<String> = notices.iter().map(ToString::to_string).collect();
    messages.extend(
        kanbao::ui::terminal_notice(std::env::var("TERM").ok().as_deref()).map(str::to_owned),
    );
    if !messages.is_empty() {
        reader.notice = Some(messages.join("; "));
    }
    let signals = match forwarder.join() {
        Ok(Ok(signals)) => signals,
        failed => {
            // The answer is read, so that it does not reach the shell once the terminal is
            // given back.
            let _ = asked.map(terminal::Asked::answer);
            return Err(match failed {
                Ok(Err(error)) => format!("cannot watch signals: {error}"),
                _ => "cannot watch signals: the thread setting them up failed".to_owned(),
            });
        }
    };
    // The first frame goes out before any slow work (loading a year of issues): over a slow
    // link the screen answers at once, and the issues fill in batch by batch, the newest
    // first. The first batch (or the first look at a large file) is usually there within a
    // millisecond or two: the first frame shows it, if it comes soon.
    let mut early: Vec<Input> = take_in_first_issues(&mut session, &mut reader, &mut library, &rx)
        .into_iter()
        .collect();
    // An error here comes back from the loop's first frame.
    let _ = draw(&mut session, &mut reader, &library);
    // The writer starts on a copy of the whole state: after the first frame, not before.
    let to_loop = tx.clone();
    let mut writer = StateWriter::spawn(state_file, &reader.memory, move |report| {
        let _ = to_loop.send(Input::Saved(report));
    });
    // The answer is read from stdin: before the input thread starts. Keys typed meanwhile
    // (the first frame was there to see) were read with it: they are the loop's first input.
    let probe = asked.map(terminal::Asked::answer).unwrap_or_default();
    early.extend(keys_typed(&probe.typed).into_iter().map(Input::Typed));
    take_up_the_answer(&mut session, &mut reader, &library, config, &probe);
    std::thread::spawn(move || {
        loop {
            let input = event::read().map_or(Input::Closed, Input::Terminal);
            let closed = matches!(input, Input::Closed);
            if tx.send(input).is_err() || closed {
                break;
            }
        }
    });

    let outcome = event_loop(
        &mut session,
        &mut reader,
        &mut library,
        (&rx, early),
        &mut writer,
        &signals,
    );
    let ended = end(session, &mut reader, &mut writer, signals, &rx, outcome);
    leave_unfreed((library, reader, rx));
    ended
}

/// Lets go of the library, the reader's lists and layouts, and batches still queued, without
/// freeing them: freed piece by piece they take longer than all the rest of quitting (a tenth
/// of a second and more at 10,000 issues), and the process is about to end, which gives all
/// its memory back at once. Only once the state is saved and the terminal given back.
fn leave_unfreed<T>(held: T) {
    std::mem::forget(held);
}

/// After the reader's loop: gives the terminal back, waits for the last save, and says what
/// the exit status is (`outcome`'s signal, if a signal ended the reader).
fn end(
    mut session: Session,
    reader: &mut Reader,
    writer: &mut StateWriter,
    signals: SignalForwarder,
    rx: &mpsc::Receiver<Input>,
    outcome: Result<Option<u8>, String>,
) -> Result<ExitCode, String> {
    // Signals stay caught until the last save is done, so that none cuts it short.
    signals.defer_terminating();
    let restored = session.guard.restore();
    // The last save may take a moment: the shell has its terminal back meanwhile.
    let saved = writer.finish(&mut reader.memory);
    signals.stop();
    // A signal that came meanwhile ends kanbao as much as one that ended the reader.
    let signalled_while_saving = rx.try_iter().find_map(|input| match input {
        Input::Signal(signal) => signal.exit_status(),
        _ => None,
    });
    restored.map_err(|e| format!("cannot restore the terminal: {e}"))?;
    // Said even when the reader stopped on an error: the marks are lost all the same.
    let lost = saved.err().map(|not_saved| report_lost(&not_saved));
    // A signal's status (128 + its number) says more than the lost state's 1.
    Ok(match outcome?.or(signalled_while_saving) {
        Some(signal_status) => ExitCode::from(signal_status),
        None => lost.unwrap_or(ExitCode::SUCCESS),
    })
}

/// Says on stderr (the terminal restored) that what this session read is lost, and why.
fn report_lost(not_saved: &NotSaved) -> ExitCode {
    super::eprint(&format!(
        "kanbao: the reading state could not be saved ({}): what was read in this session \
         is not remembered",
        not_saved.reason
    ));
    ExitCode::from(1)
}

pub fn settings(config: &Config, ambiguous: AmbiguousWidth) -> ReaderSettings {
    ReaderSettings {
        ambiguous,
        hyperlinks: config.reader.hyperlinks,
        cjk_indent: config.cjk_indent,
        screen: ScreenSettings {
            list_width: config.reader.list_width,
            narrow_below: config.reader.narrow_below,
        },
    }
}

/// Sleeps until input, a signal, or the next timed thing; applies everything that arrived;
/// draws. Returns when the reader quits: with 128 + the signal's number when a signal ended
/// it. The caller waits for the last save.
fn event_loop(
    session: &mut Session,
    reader: &mut Reader,
    library: &mut Library,
    (rx, early): (&mpsc::Receiver<Input>, Vec<Input>),
    writer: &mut StateWriter,
    signals: &SignalForwarder,
) -> Result<Option<u8>, String> {
    let mut ended_by_signal = None;
    let mut dirty = true;
    // What came before the loop (the first issues, mostly, while the terminal answered, and
    // keys typed meanwhile) is taken in before the loop's first frame.
    let mut waiting = early;
    waiting.extend(rx.try_iter());
    // The SIGCONT that took the reader out of its own stop is still to come: suspend_self
    // has already entered the reader's state again.
    let mut continued_itself = false;
    loop {
        if dirty && waiting.is_empty() {
            if let Err(error) = draw(session, reader, library) {
                break Err(error);
            }
            dirty = false;
        }
        // An article becoming read, a throttled save; nothing pending means no timeout.
        let deadline = [reader.read_deadline(), writer.deadline(&reader.memory)]
            .into_iter()
            .flatten()
            .min();
        let mut pending = std::mem::take(&mut waiting);
        if pending.is_empty() {
            let first = match deadline {
                Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(input) => input,
                    Err(RecvTimeoutError::Timeout) => {
                        dirty |= update(reader, library, Message::Tick(Instant::now()));
                        save_if_due(writer, reader);
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break Ok(None),
                },
                None => match rx.recv() {
                    Ok(input) => input,
                    Err(_) => break Ok(None),
                },
            };
            pending.push(first);
        }
        pending.extend(rx.try_iter());
        let mut failure = None;
        let repaints = reader.repaints;
        let mut continued = false;
        for input in pending {
            match input {
                Input::Terminal(event) => {
                    if let Some(message) = message_of(&event) {
                        dirty |= update(reader, library, message);
                    }
                }
                Input::Typed(message) => dirty |= update(reader, library, message),
                Input::Signal(Signal::Hangup) => {
                    // The connection dropped (or someone sent SIGHUP): keep the reader's marks
                    // first (no other signal cuts that short), then put the terminal back if
                    // it is still there, without waiting on one that is gone.
                    signals.defer_terminating();
                    let _ = writer.finish(&mut reader.memory);
                    terminal::restore_terminal_within(Duration::from_millis(300));
                    std::process::exit(i32::from(terminal::exit_status_for(SIGHUP)));
                }
                Input::Signal(signal @ Signal::Terminate(_)) => {
                    ended_by_signal = signal.exit_status();
                    reader.quit = true;
                }
                Input::Closed => reader.quit = true,
                Input::Signal(Signal::Suspend) => reader.suspend = true,
                Input::Signal(Signal::Continue) => {
                    // Stopped from outside (kill -STOP): the shell has put the terminal in
                    // its own modes meanwhile and written over the screen.
                    continued = !std::mem::take(&mut continued_itself);
                }
                input @ (Input::Batch { .. } | Input::LoadDone | Input::Indexed) => {
                    take_in_issues(session, reader, library, input);
                    dirty = true;
                }
                Input::LoadFailed(error) => failure = Some(error.to_string()),
                Input::Watched(watched) => {
                    take_in_changes(session, reader, library, watched);
                    dirty = true;
                }
                Input::Saved(report) => dirty |= reader.saved(report),
            }
        }
        if let Some(failure) = failure {
            break Err(failure);
        }
        dirty |= reader.let_go_of_left_issues(library);
        match come_back(session, reader, library, continued) {
            Ok(suspended) => {
                continued_itself |= suspended;
                dirty |= continued || suspended;
            }
            Err(error) => break Err(error),
        }
        if reader.repaints != repaints {
            // Ctrl-L mends a resize that was never reported, too.
            dirty |= take_up_the_size(reader, library);
        }
        if let Some(text) = reader.clipboard.take() {
            send_to_clipboard(&text);
        }
        save_if_due(writer, reader);
        if reader.quit {
            break Ok(ended_by_signal);
        }
    }
}

/// Settles the reader and draws a frame; tells the loader once first looks are on screen.
fn draw(session: &mut Session, reader: &mut Reader, library: &Library) -> Result<(), String> {
    settle(reader, library);
    session
        .frames
        .draw(session.term.backend_mut(), reader, library, &session.theme)
        .map_err(|error| format!("cannot draw: {error}"))?;
    // First looks come before any other issue: on screen if the first issue is one.
    if library.issues.first().is_some_and(|issue| issue.first_look)
        && let Some(shown) = session.first_look_shown.take()
    {
        let _ = shown.send(());
    }
    Ok(())
}

/// Takes the terminal back after a stop: after a SIGCONT not of the reader's making
/// (`continued`), enters the reader's state again; if the reader asked to be suspended, stops
/// the process and comes back. Either way the next frame repaints everything, laid out for the
/// window's size now (a resize while stopped was told to the shell instead). Returns whether
/// the reader stopped itself: the SIGCONT that continued it is still to come.
fn come_back(
    session: &mut Session,
    reader: &mut Reader,
    library: &Library,
    continued: bool,
) -> Result<bool, String> {
    if continued {
        session
            .guard
            .reenter(&mut session.term)
            .map_err(|error| format!("cannot take the terminal back after a stop: {error}"))?;
    }
    let suspended = std::mem::take(&mut reader.suspend);
    if suspended {
        terminal::suspend_self(&mut session.guard, &mut session.term)
            .map_err(|error| format!("cannot suspend: {error}"))?;
    }
    if continued || suspended {
        // The screen was cleared behind the frame writer's back.
        session.frames.invalidate();
        take_up_the_size(reader, library);
    }
    Ok(suspended)
}

/// Lays the reader out for the terminal's size as it is now, if that is not the size it
/// knows; returns whether it changed. For when a resize may have gone unreported: the size
/// is an ioctl, not a question the terminal must answer.
fn take_up_the_size(reader: &mut Reader, library: &Library) -> bool {
    match crossterm::terminal::size() {
        Ok((width, height)) if (width, height) != reader.size => {
            update(reader, library, Message::Resize(width, height))
        }
        _ => false,
    }
}

/// A terminal event as a reader message: key presses (not releases or repeats reported as
/// separate kinds), resizes, clicks and the wheel.
fn message_of(event: &Event) -> Option<Message> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_of(key).map(Message::Key),
        Event::Resize(width, height) => Some(Message::Resize(*width, *height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Message::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Message::Wheel {
                x: mouse.column,
                y: mouse.row,
                lines: 3,
            }),
            MouseEventKind::ScrollUp => Some(Message::Wheel {
                x: mouse.column,
                y: mouse.row,
                lines: -3,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Hands the reading state's changes to the writer when they are a few seconds old; what
/// became of the save comes back as [`Input::Saved`].
fn save_if_due(writer: &mut StateWriter, reader: &mut Reader) {
    if writer.due(&reader.memory, Instant::now()) {
        writer.request(&mut reader.memory);
    }
}

/// Asks the terminal to put `text` on the clipboard (OSC 52), between frames. Whether the
/// terminal does is not reported back, so nothing more is claimed.
fn send_to_clipboard(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(kanbao::reader::osc52(text).as_bytes())
        .and_then(|()| out.flush());
}

/// The folder changed (the files read again, and the reader kept on its place; the new
/// issues go to the indexer), or cannot be watched.
fn take_in_changes(
    session: &Session,
    reader: &mut Reader,
    library: &mut Library,
    watched: Watched,
) {
    match watched {
        Watched::Changed(change) => {
            reader.take_changes(library, &change.reloaded, &change.removed);
            let changed: Vec<Arc<Issue>> = change
                .reloaded
                .iter()
                .filter_map(|file| file.issue.clone())
                .collect();
            let _ = session.indexer.send(changed);
        }
        Watched::Notice(text) => reader.notice = Some(text),
    }
}

/// Issues loaded, all of them loaded, or issues indexed for searching.
fn take_in_issues(session: &mut Session, reader: &mut Reader, library: &mut Library, input: Input) {
    match input {
        Input::Batch {
            issues,
            loaded,
            total,
        } => {
            // A batch of first looks is on screen with the next frame, which tells the loader
            // so (see `draw`); any other batch comes after the loader has stopped waiting,
            // and it goes on reading whatever happens to the first looks.
            if !issues.issues.iter().any(|issue| issue.first_look) {
                session.first_look_shown = None;
            }
            // Indexed for searching off this thread once the whole list is there: indexing
            // while the folder loads would take the cores the loading needs. Open results
            // cannot wait for that: they take in the new issues when these are indexed, so
            // while results are open each batch is indexed as it comes, and keys are not kept
            // waiting by a batch. First looks are not indexed: the next batch replaces them.
            session.unindexed.extend(
                issues
                    .issues
                    .iter()
                    .filter(|issue| !issue.first_look)
                    .cloned(),
            );
            reader.add_issues(library, issues, loaded, total);
            if reader.results_wait_for_issues() {
                let _ = session.indexer.send(std::mem::take(&mut session.unindexed));
            }
        }
        Input::LoadDone => {
            let _ = session.indexer.send(std::mem::take(&mut session.unindexed));
            reader.loading = None;
            reader.resume_to = None;
        }
        Input::Indexed => reader.issues_indexed(library),
        _ => {}
    }
}
