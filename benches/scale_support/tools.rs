//! The programs the scale bench drives. A missing one stops the bench with the Debian package
//! to install: no figure is left out because a tool was not there to measure it.

use std::path::{Path, PathBuf};

/// `/usr/bin/time`, the GNU one: `-v` reports the peak resident set size.
pub const TIME: &str = "/usr/bin/time";

/// Panics unless `program` is on `PATH`, naming the package that provides it.
pub fn require(program: &str, package: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("{}", missing(program, package)))
}

/// Panics unless `path` exists, naming the package that provides it.
pub fn require_file(path: &Path, package: &str) {
    assert!(
        path.is_file(),
        "{}",
        missing(&path.display().to_string(), package)
    );
}

fn missing(what: &str, package: &str) -> String {
    format!(
        "{what} is missing: the scale bench needs it; install it with `apt-get install {package}`"
    )
}
