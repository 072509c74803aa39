//! `kanbao` with no subcommand: the reader. A synchronous loop over one channel fed by an
//! input thread and a signal thread: it sleeps until something happens (no CPU while idle),
//! applies every message that has arrived (a burst of key repeats becomes one frame), then
//! draws.

use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use kanbao::config::Config;
use kanbao::load::Library;
use kanbao::reader::{Keymap, Message, Reader, ReaderSettings, ScreenSettings, settle, update};
use kanbao::terminal::{self, Signal, TerminalGuard};
use kanbao::text::AmbiguousWidth;
use kanbao::ui::{self, Theme};

use super::keys::key_of;

/// What reaches the loop.
enum Input {
    Terminal(Event),
    Signal(Signal),
    /// The input thread could not read the terminal any more.
    Closed,
}

pub fn run(library: &Library, config: &Config) -> Result<ExitCode, String> {
    let (mut guard, mut term) = TerminalGuard::enter(config.reader.mouse)
        .map_err(|e| format!("cannot use the terminal: {e}"))?;
    let ambiguous = config.ambiguous_width.unwrap_or_else(|| {
        terminal::probe_ambiguous_width(Duration::from_millis(200))
            .unwrap_or(AmbiguousWidth::Narrow)
    });
    let mut keymap = Keymap::defaults();
    for (context, key, action) in &config.key_bindings {
        keymap.bind(*context, *key, *action);
    }
    let settings = ReaderSettings {
        ambiguous,
        cjk_indent: config.cjk_indent,
        screen: ScreenSettings {
            list_width: config.reader.list_width,
            narrow_below: config.reader.narrow_below,
        },
    };
    let theme = Theme::for_terminal(&config.theme, |name| std::env::var(name).ok());
    let size = term.size().map_err(|e| e.to_string())?;
    let mut reader = Reader::new(library, settings, keymap, (size.width, size.height));

    let (tx, rx) = mpsc::channel();
    let signals = terminal::forward_signals_to(tx.clone(), Input::Signal)
        .map_err(|e| format!("cannot watch signals: {e}"))?;
    std::thread::spawn(move || {
        loop {
            let input = event::read().map_or(Input::Closed, Input::Terminal);
            let closed = matches!(input, Input::Closed);
            if tx.send(input).is_err() || closed {
                break;
            }
        }
    });

    let mut dirty = true;
    let outcome = loop {
        if dirty {
            settle(&mut reader, library);
            if let Err(error) =
                term.draw(|frame| ui::render(&reader, library, &theme, frame.buffer_mut()))
            {
                break Err(format!("cannot draw: {error}"));
            }
            dirty = false;
        }
        let Ok(first) = rx.recv() else {
            break Ok(());
        };
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        for input in pending {
            match input {
                Input::Terminal(event) => {
                    if let Some(message) = message_of(&event) {
                        dirty |= update(&mut reader, library, message);
                    }
                }
                Input::Signal(Signal::Hangup) => {
                    // The terminal is gone: nothing more may be written to it.
                    std::process::exit(129);
                }
                Input::Signal(Signal::Terminate) | Input::Closed => reader.quit = true,
                Input::Signal(Signal::Suspend) => reader.suspend = true,
                Input::Signal(Signal::Continue) => dirty = true,
            }
        }
        if reader.suspend {
            reader.suspend = false;
            if let Err(error) = terminal::suspend_self(&mut guard, &mut term) {
                break Err(format!("cannot suspend: {error}"));
            }
            dirty = true;
        }
        if reader.quit {
            break Ok(());
        }
    };
    signals.stop();
    guard
        .restore()
        .map_err(|e| format!("cannot restore the terminal: {e}"))?;
    outcome.map(|()| ExitCode::SUCCESS)
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
