//! An SSH client in the test's own process (russh's), for what the OpenSSH client cannot do:
//! ask for any terminal size (0×0, 65535×65535), offer any channel window, and open a
//! hundred readers without a hundred processes. It logs in
//! anonymously (keyboard-interactive), asks for a pty and a shell, and answers the reader's
//! terminal probe as a terminal with narrow ambiguous characters would.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::sync::Arc;
use std::time::Duration;

use russh::ChannelMsg;
use russh::client::{self, KeyboardInteractiveAuthResponse};
use russh::keys::PublicKeyOrCertificate;

/// What the client checks of the server: nothing, the server is the test's own.
struct TrustAll;

impl client::Handler for TrustAll {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// The reader's probe asks where the cursor is (`CSI 6 n`) after one ambiguous-width
/// character and whether left and right margins work (`CSI ? 69 $ p`).
const CURSOR_QUESTION: &[u8] = b"\x1b[6n";
/// A terminal's answers: mode 69 is reset (known, settable) and the cursor is at column 2,
/// so the quote mark was one column wide.
const PROBE_ANSWER: &[u8] = b"\x1b[?69;2$y\x1b[1;2R";

/// One reader session over SSH.
pub struct Session {
    handle: client::Handle<TrustAll>,
    channel: russh::Channel<client::Msg>,
    /// Every byte the server sent on the channel so far.
    pub received: Vec<u8>,
    answered: bool,
    /// The channel closed or the connection ended.
    pub closed: bool,
}

/// How a session is opened.
#[derive(Debug, Clone, Copy)]
pub struct Open {
    pub port: u16,
    pub columns: u32,
    pub rows: u32,
    /// The channel window the client offers: how much the server may send before the
    /// client says it has taken it (russh's default is 2 MiB, as OpenSSH's).
    pub window: u32,
}

impl Open {
    pub fn new(port: u16, columns: u32, rows: u32) -> Self {
        Self {
            port,
            columns,
            rows,
            window: 2 * 1024 * 1024,
        }
    }
}

/// Connects, logs in anonymously, asks for a pty of `open.columns` × `open.rows`
/// (`xterm-256color`) and a shell.
pub async fn open(open: Open) -> Result<Session, String> {
    let config = client::Config {
        window_size: open.window,
        nodelay: true,
        ..client::Config::default()
    };
    let mut handle = client::connect(Arc::new(config), ("127.0.0.1", open.port), TrustAll)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let mut answer = handle
        .authenticate_keyboard_interactive_start("reader", None)
        .await
        .map_err(|e| format!("keyboard-interactive: {e}"))?;
    loop {
        match answer {
            KeyboardInteractiveAuthResponse::Success => break,
            KeyboardInteractiveAuthResponse::Failure { .. } => {
                return Err("the server refused an anonymous login".into());
            }
            KeyboardInteractiveAuthResponse::InfoRequest { prompts, .. } => {
                answer = handle
                    .authenticate_keyboard_interactive_respond(vec![String::new(); prompts.len()])
                    .await
                    .map_err(|e| format!("keyboard-interactive: {e}"))?;
            }
        }
    }
    let channel = handle
        .channel_open_session()
        .await
        .map_err(|e| format!("channel: {e}"))?;
    channel
        .request_pty(true, "xterm-256color", open.columns, open.rows, 0, 0, &[])
        .await
        .map_err(|e| format!("pty: {e}"))?;
    channel
        .request_shell(true)
        .await
        .map_err(|e| format!("shell: {e}"))?;
    Ok(Session {
        handle,
        channel,
        received: Vec::new(),
        answered: false,
        closed: false,
    })
}

impl Session {
    /// Reads what the server sends until `done(&self.received)` holds, answering the probe on
    /// the way. `Err` after `timeout` or if the channel closes first.
    pub async fn read_until(
        &mut self,
        timeout: Duration,
        done: impl Fn(&[u8]) -> bool,
    ) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(&self.received) {
            if self.closed {
                return Err("the channel closed".into());
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Err(_) => return Err(format!("nothing more within {timeout:?}")),
                Ok(message) => self.take(message).await?,
            }
        }
        Ok(())
    }

    /// Reads what comes within `patience` of each message; returns once the server has been
    /// quiet that long (or the channel closed).
    pub async fn read_while_sent(&mut self, patience: Duration) -> Result<(), String> {
        while !self.closed {
            match tokio::time::timeout(patience, self.channel.wait()).await {
                Err(_) => return Ok(()),
                Ok(message) => self.take(message).await?,
            }
        }
        Ok(())
    }

    /// Reads whatever comes until `deadline`; returns how many bytes that was.
    pub async fn read_until_time(
        &mut self,
        deadline: tokio::time::Instant,
    ) -> Result<usize, String> {
        let before = self.received.len();
        while !self.closed {
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Err(_) => break,
                Ok(message) => self.take(message).await?,
            }
        }
        Ok(self.received.len() - before)
    }

    async fn take(&mut self, message: Option<ChannelMsg>) -> Result<(), String> {
        match message {
            Some(ChannelMsg::Data { data }) => {
                self.received.extend_from_slice(&data);
                if !self.answered && contains(&self.received, CURSOR_QUESTION) {
                    self.answered = true;
                    self.send(PROBE_ANSWER).await?;
                }
            }
            Some(ChannelMsg::Close | ChannelMsg::Eof) | None => self.closed = true,
            Some(_) => {}
        }
        Ok(())
    }

    /// Sends `bytes` as typed keys.
    pub async fn send(&self, bytes: &[u8]) -> Result<(), String> {
        self.channel
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// Tells the server the window is now `columns` × `rows`.
    pub async fn resize(&self, columns: u32, rows: u32) -> Result<(), String> {
        self.channel
            .window_change(columns, rows, 0, 0)
            .await
            .map_err(|e| format!("window-change: {e}"))
    }

    /// Whether the connection is still up, as far as the client knows.
    pub fn connected(&self) -> bool {
        !self.handle.is_closed()
    }

    /// Ends the connection.
    pub async fn disconnect(self) {
        let _ = self
            .handle
            .disconnect(russh::Disconnect::ByApplication, "", "en")
            .await;
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// What the server sends after the probe, to erase its character: the reader's first frame
/// follows.
const PROBE_ERASED: &[u8] = b"\r\x1b[K";

/// Whether `received` holds the reader's first whole screen: after the probe, a frame that
/// reached the status line's `? help`, drawn last.
pub fn first_screen(received: &[u8]) -> bool {
    find(received, PROBE_ERASED).is_some_and(|at| contains(&received[at..], b"? help"))
}

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
