//! The programs the end-to-end tests drive. A missing one fails the test and says what to
//! install; no test passes because a tool was not there to run it.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::{Path, PathBuf};

/// Panics unless `program` is on `PATH` (or in `/usr/sbin`, where sshd lives), naming the
/// Debian package that provides it.
pub fn require(program: &str, package: &str) -> PathBuf {
    find(program).unwrap_or_else(|| panic!("{}", missing(program, package)))
}

/// Panics unless `path` exists, naming the Debian package that provides it.
pub fn require_file(path: &Path, package: &str) {
    assert!(
        path.exists(),
        "{}",
        missing(&path.display().to_string(), package)
    );
}

/// The message for a missing tool.
pub fn missing(what: &str, package: &str) -> String {
    format!(
        "{what} is missing: this end-to-end test needs it; install it with \
         `apt-get install {package}` (.ci/run does)"
    )
}

/// The wrapper that starts a tmux drawing East Asian Ambiguous characters two columns wide,
/// after checking what it needs: python3 to list those characters, and what every wrapper
/// needs (`locale_wrapper`).
pub fn wide_ambiguous_tmux() -> PathBuf {
    require("python3", "python3");
    locale_wrapper("wide-ambiguous-tmux")
}

/// The wrapper that starts a tmux drawing a lone regional indicator two columns wide.
pub fn wide_regional_tmux() -> PathBuf {
    locale_wrapper("wide-regional-tmux")
}

/// `tests/fixtures/tools/NAME`, a wrapper that starts tmux in a locale of its own, after
/// checking that tmux is there and that the locale can be built: localedef and glibc's UTF-8
/// charmap.
fn locale_wrapper(name: &str) -> PathBuf {
    require("tmux", "tmux");
    require("localedef", "libc-bin");
    require_file(Path::new("/usr/share/i18n/charmaps/UTF-8.gz"), "locales");
    let wrapper = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tools")
        .join(name);
    assert!(
        wrapper.is_file(),
        "{} is missing from the repository",
        wrapper.display()
    );
    wrapper
}

fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
