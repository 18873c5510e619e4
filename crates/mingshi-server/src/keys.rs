//! The server's Ed25519 signing key: a file holding the 32-byte seed as hex, created with
//! owner-only permissions on first start.

use std::io::{Read, Write};
use std::path::Path;

use mingshi_core::receipt::signature::ReceiptSigner;

/// Loads the key at `path`, or creates one there.
pub fn load_or_create(path: &Path) -> Result<ReceiptSigner, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => ReceiptSigner::from_seed_hex(&text).ok_or_else(|| {
            format!(
                "{} is not a signing key (64 hex digits expected)",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            std::fs::File::open("/dev/urandom")
                .and_then(|mut f| f.read_exact(&mut seed))
                .map_err(|e| format!("cannot read random bytes for a new key: {e}"))?;
            let signer = ReceiptSigner::from_seed(seed);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options
                .open(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            f.write_all(signer.seed_hex().as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(signer)
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}
