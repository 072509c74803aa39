//! A disk with no room left, for tests of a reading state that cannot be saved.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use kanbao::state::{NotSaved, ReadingState, Saved, Store};

/// A store on a disk with no room left: every save fails with `disk_full()`.
pub struct FullDisk;

impl Store for FullDisk {
    fn store(&mut self, _: &mut ReadingState) -> Result<Saved, NotSaved> {
        Err(disk_full())
    }
}

/// Why a save on a full disk failed, as the state file says it.
pub fn disk_full() -> NotSaved {
    NotSaved {
        reason: "/home/reader/.local/state/kanbao/state.toml: No space left on device (os error \
                 28)"
        .to_owned(),
        transient: true,
    }
}
