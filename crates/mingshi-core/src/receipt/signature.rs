//! Ed25519 signatures over a stored receipt, so anyone holding the server's public key can
//! check offline that a receipt is exactly what the server stored, and when: the server
//! signs [`stored_message`], the receipt's canonical JSON with the server's own time of
//! arrival (`stored_at`; the receipt's `consent_timestamp` is the device's clock).
//! Keys, signatures and key ids are written as lowercase hex.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::hash::{sha256_hex, to_hex};

/// A server's signing key.
pub struct ReceiptSigner {
    key: SigningKey,
}

/// Why a signature does not check out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureError {
    BadPublicKey,
    BadSignature,
    /// Well-formed, but not a signature of this receipt by this key.
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureError::BadPublicKey => "the public key is not 64 hex digits of an Ed25519 key",
            SignatureError::BadSignature => "the signature is not 128 hex digits",
            SignatureError::Mismatch => "the signature does not match this receipt and key: the receipt was altered or signed by another key",
        })
    }
}

impl std::error::Error for SignatureError {}

fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim().as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in s.chunks(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

impl ReceiptSigner {
    /// From a 32-byte secret seed.
    pub fn from_seed(seed: [u8; 32]) -> ReceiptSigner {
        ReceiptSigner {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// From the seed as 64 hex digits (the key file's content).
    pub fn from_seed_hex(hex: &str) -> Option<ReceiptSigner> {
        from_hex::<32>(hex).map(ReceiptSigner::from_seed)
    }

    pub fn seed_hex(&self) -> String {
        to_hex(&self.key.to_bytes())
    }

    pub fn public_key_hex(&self) -> String {
        to_hex(self.key.verifying_key().as_bytes())
    }

    /// First 16 hex digits of SHA-256 of the public key: names the key in responses.
    pub fn key_id(&self) -> String {
        key_id(&self.public_key_hex())
    }

    /// Signs a message (the server signs [`stored_message`]); returns the signature as hex.
    pub fn sign(&self, canonical_json: &str) -> String {
        to_hex(&self.key.sign(canonical_json.as_bytes()).to_bytes())
    }
}

/// What the server signs for a receipt it stored at `stored_at` (ms since the epoch):
/// `{"receipt":CANONICAL,"stored_at":N}`, itself canonical JSON (keys sorted, no spaces),
/// and the same two members as in the server's answer.
///
/// ```
/// use mingshi_core::receipt::signature::stored_message;
/// assert_eq!(stored_message("{\"a\":1}", 42), "{\"receipt\":{\"a\":1},\"stored_at\":42}");
/// ```
pub fn stored_message(canonical_json: &str, stored_at: i64) -> String {
    let mut m = String::from("{\"receipt\":");
    m.push_str(canonical_json);
    m.push_str(",\"stored_at\":");
    m.push_str(&stored_at.to_string());
    m.push('}');
    m
}

/// The key id of a public key given as hex.
pub fn key_id(public_key_hex: &str) -> String {
    sha256_hex(public_key_hex.trim().to_ascii_lowercase().as_bytes())[..16].to_string()
}

/// Checks `signature_hex` over `canonical_json` (for a stored receipt, its
/// [`stored_message`]) with `public_key_hex`.
///
/// ```
/// use mingshi_core::receipt::signature::{verify, ReceiptSigner};
/// let signer = ReceiptSigner::from_seed([7; 32]);
/// let sig = signer.sign("{\"a\":1}");
/// assert_eq!(verify("{\"a\":1}", &sig, &signer.public_key_hex()), Ok(()));
/// assert!(verify("{\"a\":2}", &sig, &signer.public_key_hex()).is_err());
/// ```
pub fn verify(
    canonical_json: &str,
    signature_hex: &str,
    public_key_hex: &str,
) -> Result<(), SignatureError> {
    let pk = from_hex::<32>(public_key_hex).ok_or(SignatureError::BadPublicKey)?;
    let key = VerifyingKey::from_bytes(&pk).map_err(|_| SignatureError::BadPublicKey)?;
    let sig = from_hex::<64>(signature_hex).ok_or(SignatureError::BadSignature)?;
    key.verify(canonical_json.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_round_trip_and_key_ids_are_stable() {
        let a = ReceiptSigner::from_seed([3; 32]);
        let b = ReceiptSigner::from_seed_hex(&a.seed_hex()).unwrap();
        assert_eq!(a.public_key_hex(), b.public_key_hex());
        assert_eq!(a.key_id().len(), 16);
        assert_eq!(a.key_id(), key_id(&a.public_key_hex().to_uppercase()));
        assert!(ReceiptSigner::from_seed_hex("zz").is_none());
    }

    #[test]
    fn tampering_and_wrong_keys_are_caught() {
        let signer = ReceiptSigner::from_seed([1; 32]);
        let other = ReceiptSigner::from_seed([2; 32]);
        let sig = signer.sign("body");
        assert_eq!(
            verify("body", &sig, &other.public_key_hex()),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("body", "abc", &signer.public_key_hex()),
            Err(SignatureError::BadSignature)
        );
        assert_eq!(
            verify("body", &sig, "12"),
            Err(SignatureError::BadPublicKey)
        );
    }
}
