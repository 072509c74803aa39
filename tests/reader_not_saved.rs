//! A reading state that cannot be saved stays in view: a marker in the status line, the
//! reason in the problems, and a warning before quitting loses what was read.

mod support {
    pub mod full_disk;
    pub mod screen;
}

use std::sync::mpsc;

use kanbao::reader::{Overlay, Reader};
use kanbao::state::{ReadingState, Saved, StateWriter};
use kanbao::text::AmbiguousWidth::Narrow;
use support::full_disk::{FullDisk, disk_full};
use support::screen::{keys, library, open_seed, reader, screen};

/// The reader after reading the seed's first article and a save of it on a full disk.
fn reader_on_a_full_disk(library: &kanbao::load::Library) -> Reader {
    let mut reader = reader(library, 80, 24, Narrow);
    open_seed(&mut reader, library);
    keys(&mut reader, library, "enter j");
    let (reports_tx, reports) = mpsc::channel();
    let mut writer = StateWriter::spawn(FullDisk, &ReadingState::new(), move |report| {
        let _ = reports_tx.send(report);
    });
    writer.request(&mut reader.memory);
    let report = reports.recv().expect("a report");
    assert!(reader.saved(report));
    assert_eq!(writer.finish(&mut reader.memory), Err(disk_full()));
    reader
}

#[test]
fn quitting_with_an_unsaved_state_warns_once_and_the_second_q_quits() {
    let library = library();
    let mut reader = reader_on_a_full_disk(&library);
    keys(&mut reader, &library, "q");
    assert!(!reader.quit, "the first q only warns");
    assert_eq!(
        reader.notice.as_deref(),
        Some(
            "reading state not saved: /home/reader/.local/state/kanbao/state.toml: No space \
             left on device (os error 28); q again to quit"
        )
    );
    keys(&mut reader, &library, "q");
    assert!(reader.quit, "the second q quits");
}

#[test]
fn the_warning_is_given_once_even_after_other_keys() {
    let library = library();
    let mut reader = reader_on_a_full_disk(&library);
    keys(&mut reader, &library, "q j k");
    assert!(!reader.quit);
    keys(&mut reader, &library, "q");
    assert!(reader.quit);
}

#[test]
fn a_saved_state_quits_at_once() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "q");
    assert!(reader.quit);
}

#[test]
fn a_later_save_that_succeeds_clears_the_marker_and_q_quits_at_once() {
    let library = library();
    let mut reader = reader_on_a_full_disk(&library);
    assert!(screen(&reader, &library).contains("state not saved: !"));
    assert!(reader.saved(Ok(Saved::default())));
    assert_eq!(reader.not_saved, None);
    assert!(!screen(&reader, &library).contains("not saved"));
    keys(&mut reader, &library, "q");
    assert!(reader.quit);
}

#[test]
fn the_status_line_and_the_problems_say_the_state_is_not_saved() {
    let library = library();
    let mut reader = reader_on_a_full_disk(&library);
    insta::assert_snapshot!("state_not_saved_80x24", screen(&reader, &library));
    keys(&mut reader, &library, "!");
    assert_eq!(reader.overlay, Overlay::Problems);
    insta::assert_snapshot!("state_not_saved_problems_80x24", screen(&reader, &library));
}

#[test]
fn the_quit_warning_keeps_its_end_in_view_at_80_and_at_41_columns() {
    let library = library();
    for width in [80, 41] {
        let mut reader = reader_on_a_full_disk(&library);
        kanbao::reader::update(
            &mut reader,
            &library,
            kanbao::reader::Message::Resize(width, 24),
        );
        keys(&mut reader, &library, "q");
        let shown = screen(&reader, &library);
        let status = shown.lines().nth(23).unwrap_or_default().trim_end();
        assert!(
            status.ends_with("; q again to quit"),
            "at {width} columns: {status:?}"
        );
        assert!(status.starts_with(" …"), "at {width} columns: {status:?}");
    }
}

#[test]
fn a_failure_after_a_save_that_succeeded_warns_again() {
    let library = library();
    let mut reader = reader_on_a_full_disk(&library);
    keys(&mut reader, &library, "q");
    assert!(!reader.quit, "the first q warns");
    // The disk had room again for a while, then filled up again.
    assert!(reader.saved(Ok(Saved::default())));
    assert!(reader.saved(Err(disk_full())));
    keys(&mut reader, &library, "q");
    assert!(!reader.quit, "the new failure is warned about too");
    keys(&mut reader, &library, "q");
    assert!(reader.quit);
}
