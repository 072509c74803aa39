//! A TCP relay between a test's client and the server whose server-to-client direction can be
//! frozen: it stops reading what the server sends, as a client that stops reading its socket
//! does (its TCP window closes), while the client's bytes still go through. One connection.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

pub struct Relay {
    /// Where the client connects.
    pub port: u16,
    frozen: Arc<AtomicBool>,
}

impl Relay {
    /// Relays the first connection to `port` on 127.0.0.1 to `server_port`.
    pub fn start(server_port: u16) -> Self {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("the relay's port");
        let port = listener.local_addr().expect("the relay's port").port();
        let frozen = Arc::new(AtomicBool::new(false));
        let freeze = Arc::clone(&frozen);
        thread::spawn(move || {
            let Ok((client, _)) = listener.accept() else {
                return;
            };
            let server =
                TcpStream::connect((Ipv4Addr::LOCALHOST, server_port)).expect("the server");
            let ended = Arc::new(AtomicBool::new(false));
            let (Ok(from_client), Ok(to_server)) = (client.try_clone(), server.try_clone()) else {
                return;
            };
            let client_ended = Arc::clone(&ended);
            thread::spawn(move || {
                copy(from_client, to_server, &AtomicBool::new(false));
                client_ended.store(true, Ordering::SeqCst);
            });
            copy(server, client, &freeze);
            // Frozen: hold both sockets, unread, until the client goes.
            while !ended.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(100));
            }
        });
        Self { port, frozen }
    }

    /// From now on nothing the server sends is read.
    pub fn freeze(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }
}

/// Copies `from` to `to` until either ends or `frozen` is set (checked between reads, which
/// return at least every 100 ms).
fn copy(mut from: TcpStream, mut to: TcpStream, frozen: &AtomicBool) {
    let _ = from.set_read_timeout(Some(Duration::from_millis(100)));
    let mut buffer = [0; 16 * 1024];
    while !frozen.load(Ordering::SeqCst) {
        match from.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => {
                if to.write_all(&buffer[..n]).is_err() {
                    return;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
    }
}
