//! `TerminalGuard` and `suspend_self` in a real terminal (a tmux pane): what tmux says about the
//! pane (alternate screen, cursor, mouse reporting) and what the child says about its tty's
//! modes, before, during and after. The child is this binary's ignored `guard_child` test.

mod terminal_tmux;

use kanbao::terminal::{TerminalGuard, suspend_self};
use rustix::termios::{LocalModes, SpecialCodeIndex, Termios, tcgetattr};
use terminal_tmux::{Ambiguous, Tmux, child_dir, child_write, tell, wait_for, wait_until};

const ENTERED: &str = "alt=1 cursor=0 mouse=1 sgr=1";
const NORMAL: &str = "alt=0 cursor=1 mouse=0 sgr=0";

/// Starts `guard_child` in `how` mode, checks the entered state, lets it go on, and returns
/// the tmux server and the directory for further checks.
fn start(how: &str) -> (Tmux, tempfile::TempDir) {
    start_then(how, "")
}

/// Like [`start`], with `then` run by the pane's shell after the child ends.
fn start_then(how: &str, then: &str) -> (Tmux, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("how"), how).expect("write the mode");
    let tmux = Tmux::start(
        &format!("guard-{how}"),
        Ambiguous::Narrow,
        "guard_child",
        dir.path(),
        then,
    );
    assert_eq!(wait_for(dir.path(), "entered"), "raw=true");
    assert_eq!(tmux.modes(), ENTERED);
    (tmux, dir)
}

fn restores_on(how: &str) -> String {
    let (tmux, dir) = start(how);
    tell(dir.path(), "go");
    assert_eq!(wait_for(dir.path(), "restored"), "modes-as-before=true");
    assert_eq!(tmux.modes(), NORMAL);
    let screen = tmux.capture();
    tell(dir.path(), "quit");
    screen
}

#[test]
fn restore_puts_everything_back() {
    restores_on("restore");
}

#[test]
fn dropping_the_guard_puts_everything_back() {
    restores_on("drop");
}

#[test]
fn a_panic_restores_first_and_prints_on_the_normal_screen() {
    let screen = restores_on("panic");
    assert!(
        screen.contains("kanbao-test-panic"),
        "no panic message on the normal screen:\n{screen}"
    );
}

#[test]
fn a_panic_on_another_thread_restores_prints_and_ends_the_process() {
    // The pane's shell reports how the child ended and the tty's modes afterwards.
    let (tmux, dir) = start_then(
        "thread-panic",
        "; echo \"child exited $?\"; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon'; sleep 60",
    );
    tell(dir.path(), "go");
    // The shell prints the tty's modes just after the status: wait for both.
    wait_until("the child to end", || {
        let screen = tmux.capture();
        screen.contains("child exited") && screen.lines().any(|l| l.ends_with("icanon"))
    });
    let screen = tmux.capture();
    assert!(screen.contains("child exited 101"), "{screen}");
    assert!(
        screen.contains("kanbao-test-thread-panic"),
        "no panic message on the normal screen:\n{screen}"
    );
    assert!(
        screen.lines().any(|line| line == "icanon"),
        "the tty is left raw:\n{screen}"
    );
    assert_eq!(tmux.modes(), NORMAL);
    // The frame that the panic cut short had set a scroll region: it is reset.
    assert_eq!(
        tmux.display("#{scroll_region_upper},#{scroll_region_lower}"),
        "0,23"
    );
}

#[test]
fn suspend_leaves_the_terminal_normal_while_stopped_and_reenters_on_continue() {
    let (tmux, dir) = start("suspend");
    let pid = wait_for(dir.path(), "pid");
    tell(dir.path(), "go");
    wait_until("the child to stop", || process_state(&pid) == Some('T'));
    assert_eq!(tmux.modes(), NORMAL);
    let status = std::process::Command::new("kill")
        .args(["-CONT", &pid])
        .status()
        .expect("run kill");
    assert!(status.success());
    assert_eq!(wait_for(dir.path(), "resumed"), "raw=true");
    assert_eq!(tmux.modes(), ENTERED);
    tell(dir.path(), "finish");
    assert_eq!(wait_for(dir.path(), "restored"), "modes-as-before=true");
    assert_eq!(tmux.modes(), NORMAL);
    tell(dir.path(), "quit");
}

/// The state letter in /proc/PID/stat (`T` = stopped).
fn process_state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ...": the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Run inside a pane by the tests above; what it does is in the file `how`.
#[test]
#[ignore = "run inside tmux by the tests above"]
fn guard_child() {
    let Some(dir) = child_dir() else { return };
    let how = std::fs::read_to_string(dir.join("how")).expect("read the mode");
    child_write(&dir, "pid", &std::process::id().to_string());
    let before = modes();
    let (mut guard, mut terminal) = TerminalGuard::enter(true).expect("enter the terminal");
    assert!(guard.mouse());
    child_write(&dir, "entered", &format!("raw={}", is_raw()));
    wait_for(&dir, "go");
    match how.as_str() {
        "restore" => {
            guard.restore().expect("restore");
            guard.restore().expect("restore again does nothing");
        }
        "drop" => drop(guard),
        "panic" => {
            let caught = std::panic::catch_unwind(|| panic!("kanbao-test-panic"));
            assert!(caught.is_err());
            // The hook restored the terminal; the guard's own restore now does nothing.
            drop(guard);
        }
        "thread-panic" => {
            // As a frame cut short would leave it: a scroll region and a colour set.
            print!("\x1b[5;10r\x1b[31m");
            std::io::Write::flush(&mut std::io::stdout()).expect("write to the pane");
            let _ = std::thread::spawn(|| panic!("kanbao-test-thread-panic")).join();
            // The hook ended the process; this only happens if it did not.
            child_write(&dir, "survived", "");
            wait_for(&dir, "quit");
        }
        "suspend" => {
            suspend_self(&mut guard, &mut terminal).expect("suspend and come back");
            child_write(&dir, "resumed", &format!("raw={}", is_raw()));
            wait_for(&dir, "finish");
            drop(guard);
        }
        other => panic!("unknown mode {other}"),
    }
    drop(terminal);
    child_write(
        &dir,
        "restored",
        &format!("modes-as-before={}", same_modes(&before, &modes())),
    );
    wait_for(&dir, "quit");
}

fn modes() -> Termios {
    tcgetattr(std::io::stdin()).expect("stdin is the pane's tty")
}

fn is_raw() -> bool {
    !modes()
        .local_modes
        .intersects(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG)
}

fn same_modes(a: &Termios, b: &Termios) -> bool {
    a.input_modes == b.input_modes
        && a.output_modes == b.output_modes
        && a.control_modes == b.control_modes
        && a.local_modes == b.local_modes
        && [SpecialCodeIndex::VMIN, SpecialCodeIndex::VTIME]
            .iter()
            .all(|&index| a.special_codes[index] == b.special_codes[index])
}
