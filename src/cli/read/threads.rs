//! The threads that feed the reader's loop from the start: the loader (then the folder's
//! watcher) and the search indexer.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use kanbao::load;
use kanbao::model::Issue;
use kanbao::search;

use super::Input;
use crate::cli::watch;

/// How long the loader waits for first looks to be shown before it reads on: past this the
/// first frame is slow to come, and the reader waits for nothing else.
const FIRST_LOOK_WAIT: Duration = Duration::from_millis(50);

/// How long a terminal is given to draw a frame with first looks once it is written.
const FIRST_LOOK_DRAWN: Duration = Duration::from_millis(10);

/// Loads the folder in batches on a thread of its own, then watches it for changes (see
/// [`watch::spawn`]). After first looks at large files it waits until they are on screen
/// (`until_shown` hears from the loop, or is dropped), for at most [`FIRST_LOOK_WAIT`]:
/// reading the files whole meanwhile would take the cores that drawing the first frame, and
/// the terminal showing it, need.
pub(super) fn spawn_loader(
    dir: PathBuf,
    library_config: kanbao::config::LibraryConfig,
    to_loop: mpsc::Sender<Input>,
    until_shown: mpsc::Receiver<()>,
) {
    std::thread::spawn(move || {
        // Each file is stamped before it is read: one that changes while the folder loads is
        // read again once the watcher starts.
        let mut loaded = 0;
        let bodies = library_config.bodies();
        let outcome = load::load_folder_in_batches_stamped(
            &dir,
            |issues, total| {
                loaded += issues.files;
                let _ = to_loop.send(Input::Batch {
                    issues,
                    loaded,
                    total,
                });
            },
            bodies,
            || {
                if until_shown.recv_timeout(FIRST_LOOK_WAIT).is_ok() {
                    // Written is not yet drawn: a terminal on this machine draws it now.
                    std::thread::sleep(FIRST_LOOK_DRAWN);
                }
            },
        );
        let stamps = match outcome {
            Ok((_, stamps)) => {
                let _ = to_loop.send(Input::LoadDone);
                stamps
            }
            Err(error) => {
                let _ = to_loop.send(Input::LoadFailed(error));
                return;
            }
        };
        watch::spawn(dir, library_config, stamps, move |watched| {
            to_loop.send(Input::Watched(watched)).is_ok()
        });
    });
}

/// A thread that indexes issues for searching as they are handed to it (on every core, see
/// [`search::prepare`]) and tells the loop when each lot is done. It runs at the lowest
/// priority: loading the list and answering keys come first.
pub(super) fn spawn_indexer(to_loop: mpsc::Sender<Input>) -> mpsc::Sender<Vec<Arc<Issue>>> {
    let (tx, rx) = mpsc::channel::<Vec<Arc<Issue>>>();
    std::thread::spawn(move || {
        // On Linux the nice value is the calling thread's own, and the threads it starts
        // inherit it. Where it cannot be lowered, indexing runs at the normal priority.
        #[cfg(target_os = "linux")]
        let _ = rustix::process::setpriority_process(None, 19);
        for issues in rx {
            search::prepare(&issues);
            if to_loop.send(Input::Indexed).is_err() {
                break;
            }
        }
    });
    tx
}
