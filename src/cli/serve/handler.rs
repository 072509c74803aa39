//! One connection's side of the SSH protocol: who logs in, and what its channels ask for.
//! The reader itself runs in a task of its own per channel (see `session`).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::keys::ssh_key::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, Session};
use russh::{ChannelId, MethodKind, MethodSet, Pty};
use tokio::sync::mpsc;

use super::auth::{Identity, fingerprint};
use super::session::{self, ReaderStart, ToReader, clamp_size};
use super::{Shared, exec, log};

/// Packets of input a reader may have waiting; a client that sends more while its reader
/// cannot keep up (it stopped reading its screen) is disconnected.
const INBOX: usize = 256;

pub struct Connection {
    pub id: u64,
    pub peer: SocketAddr,
    pub shared: Arc<Shared>,
    /// Set once a login succeeded.
    pub logged_in: Arc<AtomicBool>,
    identity: Option<Identity>,
    channels: HashMap<ChannelId, OpenChannel>,
}

/// What a channel asked for before its shell or command.
struct OpenChannel {
    pty: Option<(String, u16, u16)>,
    reader: Option<mpsc::Sender<ToReader>>,
}

impl Connection {
    pub fn new(id: u64, peer: SocketAddr, shared: Arc<Shared>, logged_in: Arc<AtomicBool>) -> Self {
        Self {
            id,
            peer,
            shared,
            logged_in,
            identity: None,
            channels: HashMap::new(),
        }
    }

    fn accept(&mut self, identity: Identity, method: &str) -> Auth {
        log::line(&format!(
            "auth {} {method} {} (connection {})",
            self.peer,
            identity.describe(),
            self.id
        ));
        self.identity = Some(identity);
        Auth::Accept
    }

    fn reject(&self) -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(methods(self.shared.config.serve.anonymous)),
            partial_success: false,
        }
    }

    /// Tells the client why, with exit status 1, and closes the channel: from a task of
    /// its own, as the connection's loop delivers what the handle sends.
    fn refuse(session: &Session, channel: ChannelId, why: &str) {
        let handle = session.handle();
        let message = format!("kanbao: {why}\r\n").into_bytes();
        tokio::spawn(async move {
            let _ = handle.extended_data(channel, 1, message).await;
            let _ = handle.exit_status_request(channel, 1).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        });
    }
}

/// The login methods offered: keys, and keyboard-interactive when anonymous readers may
/// come in. Never `none` or passwords.
pub fn methods(anonymous: bool) -> MethodSet {
    let mut kinds = vec![MethodKind::PublicKey];
    if anonymous {
        kinds.push(MethodKind::KeyboardInteractive);
    }
    MethodSet::from(kinds.as_slice())
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(self.reject())
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(self.reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        key: &PublicKey,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.shared.allowed.allows(key) {
            Auth::Accept
        } else {
            self.reject()
        })
    }

    async fn auth_publickey(&mut self, _user: &str, key: &PublicKey) -> Result<Auth, Self::Error> {
        // Called once the client proved it holds the key.
        if !self.shared.allowed.allows(key) {
            return Ok(self.reject());
        }
        Ok(self.accept(Identity::Key(fingerprint(key)), "publickey"))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if !self.shared.config.serve.anonymous {
            return Ok(self.reject());
        }
        // A key tried before and refused leaves nothing behind: this reader is anonymous.
        self.identity = None;
        Ok(self.accept(Identity::Anonymous, "keyboard-interactive"))
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.logged_in.store(true, Ordering::SeqCst);
        if let Ok(mut gate) = self.shared.gate.lock() {
            gate.logged_in(self.id);
        }
        Ok(())
    }

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self
            .shared
            .config
            .serve
            .banner
            .as_ref()
            .map(|banner| format!("{banner}\r\n")))
    }

    async fn channel_open_session(
        &mut self,
        channel: russh::Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channels.insert(
            channel.id(),
            OpenChannel {
                pty: None,
                reader: None,
            },
        );
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        columns: u32,
        rows: u32,
        _pixel_width: u32,
        _pixel_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (width, height) = clamp_size(columns, rows);
        if let Some(open) = self.channels.get_mut(&channel) {
            open.pty = Some((term.to_owned(), width, height));
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (Some(identity), Some(open)) = (self.identity.clone(), self.channels.get_mut(&channel))
        else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let Some((term, width, height)) = open.pty.clone() else {
            Self::refuse(
                session,
                channel,
                "the reader needs a terminal: connect with `ssh -t`",
            );
            return Ok(());
        };
        let (to_reader, inbox) = mpsc::channel(INBOX);
        open.reader = Some(to_reader);
        let start = ReaderStart {
            shared: Arc::clone(&self.shared),
            handle: session.handle(),
            channel,
            size: (width, height),
            term,
            identity,
        };
        let handle = session.handle();
        let peer = self.peer;
        tokio::spawn(async move {
            // A panic ends this reader only; its client is told and let go, not left with a
            // frozen screen.
            if tokio::spawn(session::run(start, inbox)).await.is_err() {
                log::line(&format!(
                    "the reader of {peer} failed; its session is closed"
                ));
                let _ = handle
                    .extended_data(channel, 1, b"\r\nkanbao: the reader failed\r\n".to_vec())
                    .await;
                let _ = handle.exit_status_request(channel, 70).await;
                let _ = handle.close(channel).await;
            }
        });
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        let command = String::from_utf8_lossy(data);
        log::line(&format!("exec {} {command}", self.peer));
        match exec::allowed(&command) {
            Ok(arguments) => {
                tokio::spawn(exec::run(
                    Arc::clone(&self.shared),
                    session.handle(),
                    channel,
                    arguments,
                ));
            }
            Err(why) => Self::refuse(session, channel, &why),
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pixel_width: u32,
        _pixel_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (width, height) = clamp_size(columns, rows);
        if let Some(reader) = self.channels.get(&channel).and_then(|c| c.reader.as_ref()) {
            // A full inbox already holds a resize or input; the reader drains it and takes
            // up the size it is told last, so a storm of resizes is one layout.
            let _ = reader.try_send(ToReader::Resize(width, height));
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(reader) = self.channels.get(&channel).and_then(|c| c.reader.as_ref()) else {
            return Ok(());
        };
        if reader.try_send(ToReader::Input(data.to_vec())).is_err() {
            log::line(&format!(
                "{} sends faster than its screen is read; disconnected",
                self.peer
            ));
            // The whole connection: a closed channel would leave it holding a session.
            let _ = session;
            return Err(russh::Error::Disconnect);
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.close_reader(channel);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.close_reader(channel);
        self.channels.remove(&channel);
        Ok(())
    }
}

impl Connection {
    fn close_reader(&mut self, channel: ChannelId) {
        if let Some(reader) = self
            .channels
            .get_mut(&channel)
            .and_then(|c| c.reader.take())
        {
            let _ = reader.try_send(ToReader::Closed);
        }
    }
}
