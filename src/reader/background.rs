//! Laying out the rest of a long article on another thread while the reader shows its start.
//!
//! The thread lays out one piece after another from where the reader left off and sends each
//! as it is done; the reader takes them in order (waiting only when it needs one not yet
//! sent). When the reader lets go (another article, another width, the reader ends), the
//! channel closes and the thread stops after the piece it is on.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use crate::model::Article;
use crate::text::{ArticleSteps, Laid};

/// The receiving end of a layout thread. Clones do not share it: a clone of a document lays
/// out the rest itself.
#[derive(Debug, Default)]
pub struct Background {
    pieces: Option<Receiver<Laid>>,
}

impl Clone for Background {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Background {
    /// Starts laying out `article` from where `steps` is. Without a thread (the system has
    /// none to give), nothing runs and the reader lays out what it needs.
    pub fn start(article: Arc<Article>, mut steps: ArticleSteps) -> Self {
        let (send, pieces) = mpsc::channel();
        let started = thread::Builder::new().name("layout".into()).spawn(move || {
            while let Some(laid) = steps.step_apart(&article) {
                if send.send(laid).is_err() {
                    return;
                }
            }
        });
        Self {
            pieces: started.is_ok().then_some(pieces),
        }
    }

    /// Whether a thread is laying out (or has laid out pieces not taken yet).
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.pieces.is_some()
    }

    /// The next piece, waiting for it if need be; `None` once the thread has sent its last.
    pub fn wait(&mut self) -> Option<Laid> {
        let laid = self.pieces.as_ref()?.recv().ok();
        if laid.is_none() {
            self.pieces = None;
        }
        laid
    }

    /// The next piece if it is ready.
    pub fn ready(&mut self) -> Option<Laid> {
        match self.pieces.as_ref()?.try_recv() {
            Ok(laid) => Some(laid),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pieces = None;
                None
            }
        }
    }
}
