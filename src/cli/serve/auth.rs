//! Who a connection is: the SHA256 fingerprint of the key it proved it holds, or anonymous.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::{AuthorizedKeys, HashAlg, PublicKey};

/// Who is reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// A key's `SHA256:…` fingerprint: its reading state is kept between sessions.
    Key(String),
    /// Logged in without a key: the reading state lasts as long as the session.
    Anonymous,
}

impl Identity {
    /// The state file of a key's reader under `folder`; `None` for an anonymous reader.
    /// The fingerprint's base64 is made safe for a file name (`/` and `+` are not).
    #[must_use]
    pub fn state_file(&self, folder: &Path) -> Option<PathBuf> {
        let Self::Key(fingerprint) = self else {
            return None;
        };
        let safe: String = fingerprint
            .trim_start_matches("SHA256:")
            .chars()
            .map(|c| match c {
                '/' => '_',
                '+' => '-',
                c => c,
            })
            .collect();
        Some(folder.join(format!("sha256-{safe}.toml")))
    }

    /// How the log names it.
    #[must_use]
    pub fn describe(&self) -> &str {
        match self {
            Self::Key(fingerprint) => fingerprint,
            Self::Anonymous => "anonymous",
        }
    }
}

/// The keys allowed to log in: `None` lets any key in, each as its own reader.
#[derive(Debug, Clone, Default)]
pub struct AllowedKeys(Option<HashSet<String>>);

impl AllowedKeys {
    /// Reads an OpenSSH `authorized_keys` file; `None` allows any key.
    pub fn read(path: Option<&Path>) -> Result<Self, String> {
        let Some(path) = path else {
            return Ok(Self(None));
        };
        let entries = AuthorizedKeys::read_file(path).map_err(|error| {
            format!(
                "the authorized keys file {} cannot be read: {error}",
                path.display()
            )
        })?;
        Ok(Self(Some(
            entries
                .iter()
                .map(|entry| fingerprint(entry.public_key()))
                .collect(),
        )))
    }

    #[must_use]
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.0
            .as_ref()
            .is_none_or(|allowed| allowed.contains(&fingerprint(key)))
    }
}

#[must_use]
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_becomes_a_safe_file_name() {
        let who = Identity::Key("SHA256:ab/c+d".into());
        assert_eq!(
            who.state_file(Path::new("/s")),
            Some(PathBuf::from("/s/sha256-ab_c-d.toml"))
        );
        assert_eq!(Identity::Anonymous.state_file(Path::new("/s")), None);
    }
}
