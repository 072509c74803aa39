//! The server's Ed25519 host key: made once, kept with mode 0600, never made again behind the
//! operator's back. Clients remember it; a new one would make every `ssh` warn of an attack.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey};

/// Why the host key cannot be used; the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum HostKeyError {
    #[error(
        "the host key {path} cannot be read ({why}); fix its permissions or move it away to have a new one made (clients will then warn that the key changed)"
    )]
    Unreadable { path: PathBuf, why: String },
    #[error(
        "the host key {path} is not an OpenSSH private key ({why}); restore it, or move it away to have a new one made (clients will then warn that the key changed)"
    )]
    Invalid { path: PathBuf, why: String },
    #[error("the host key {path} is a {algorithm} key; kanbao serves with an Ed25519 key")]
    NotEd25519 { path: PathBuf, algorithm: String },
    #[error("the host key {path} is encrypted; kanbao needs it without a passphrase")]
    Encrypted { path: PathBuf },
    #[error("cannot make the host key {path}: {why}")]
    Create { path: PathBuf, why: String },
}

/// The key at `path`, made there (and its folder, mode 0700) if nothing is there yet.
/// Returns the key and whether it was made now.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), HostKeyError> {
    match fs::read_to_string(path) {
        Ok(text) => read(path, &text).map(|key| (key, false)),
        Err(error) if error.kind() == ErrorKind::NotFound && path.symlink_metadata().is_err() => {
            create(path).map(|key| (key, true))
        }
        Err(error) => Err(HostKeyError::Unreadable {
            path: path.to_path_buf(),
            why: error.to_string(),
        }),
    }
}

/// `SHA256:…`, as `ssh` shows it when it first meets the server.
#[must_use]
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn read(path: &Path, text: &str) -> Result<PrivateKey, HostKeyError> {
    let key = PrivateKey::from_openssh(text).map_err(|error| HostKeyError::Invalid {
        path: path.to_path_buf(),
        why: error.to_string(),
    })?;
    if key.is_encrypted() {
        return Err(HostKeyError::Encrypted {
            path: path.to_path_buf(),
        });
    }
    if !matches!(key.key_data(), KeypairData::Ed25519(_)) {
        return Err(HostKeyError::NotEd25519 {
            path: path.to_path_buf(),
            algorithm: key.algorithm().to_string(),
        });
    }
    Ok(key)
}

fn create(path: &Path) -> Result<PrivateKey, HostKeyError> {
    let failed = |why: String| HostKeyError::Create {
        path: path.to_path_buf(),
        why,
    };
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|error| failed(error.to_string()))?;
    let key = PrivateKey::new(
        KeypairData::Ed25519(Ed25519Keypair::from_seed(&seed)),
        "kanbao serve host key",
    )
    .map_err(|error| failed(error.to_string()))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|error| failed(error.to_string()))?;
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.exists()
    {
        fs::create_dir_all(folder).map_err(|error| failed(error.to_string()))?;
        let _ = fs::set_permissions(folder, fs::Permissions::from_mode(0o700));
    }
    // create_new: two servers starting at once never overwrite each other's key; mode 0600
    // from the start, so the key is never readable by others even for a moment.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|error| failed(error.to_string()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|error| failed(error.to_string()))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_with_mode_0600_and_read_back_the_same() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("keys").join("host");
        let (made, new) = load_or_create(&path).expect("made");
        assert!(new);
        let permissions = fs::metadata(&path).expect("the key").permissions().mode() & 0o777;
        assert_eq!(permissions, 0o600);
        let (read, new) = load_or_create(&path).expect("read");
        assert!(!new);
        assert_eq!(fingerprint(&made), fingerprint(&read));
        assert!(fingerprint(&read).starts_with("SHA256:"));
    }

    #[test]
    fn a_damaged_key_stops_the_server_and_is_left_alone() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("host");
        fs::write(&path, "not a key\n").expect("write");
        let error = load_or_create(&path).expect_err("refused");
        assert!(
            error.to_string().contains("is not an OpenSSH private key"),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&path).expect("still there"),
            "not a key\n"
        );
    }

    #[test]
    fn a_dangling_link_is_not_replaced() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("host");
        std::os::unix::fs::symlink(dir.path().join("gone"), &path).expect("link");
        let error = load_or_create(&path).expect_err("refused");
        assert!(error.to_string().contains("cannot be read"), "{error}");
    }
}
