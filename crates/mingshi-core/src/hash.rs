//! Digests as lowercase hex: SHA-256 for what receipts record and sites pin (policy texts),
//! and a short non-cryptographic fingerprint for telling whether the configuration changed.

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`.
///
/// ```
/// assert_eq!(
///     mingshi_core::hash::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// SHA-256 of the empty input: the policy hash a receipt records when no policy was read.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// 64-bit FNV-1a of `bytes` as 16 hex digits: detects changes, not tampering. The browser
/// component uses it for the configuration's fingerprint, so it needs no SHA-256 code
/// (5 KB of wasm); policy hashes come precomputed from the policy engine.
///
/// ```
/// assert_eq!(mingshi_core::hash::fnv1a_hex(b""), "cbf29ce484222325");
/// assert_eq!(mingshi_core::hash::fnv1a_hex(b"a"), "af63dc4c8601ec8c");
/// ```
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Its 8 bytes in hex, the most significant first (no byte swap for to_be_bytes).
    let mut out = String::with_capacity(16);
    for i in (0..8).rev() {
        push_hex(&mut out, (h >> (8 * i)) as u8);
    }
    out
}

/// The lowercase hex digits.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of any byte slice.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        push_hex(&mut out, *b);
    }
    out
}

/// Appends the two lowercase hex digits of `b`.
pub(crate) fn push_hex(out: &mut String, b: u8) {
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 0xf)] as char);
}

/// True when `s` is exactly 64 lowercase hex digits (a SHA-256 digest as we write them).
pub fn is_sha256_hex(s: &str) -> bool {
    // A loop over `as_bytes()`, not `bytes().all(..)`: at opt-level z `str::bytes` stays a
    // call and the closure a loop of its own in the wasm (measured).
    if s.len() != 64 {
        return false;
    }
    for &b in s.as_bytes() {
        if !matches!(b, b'0'..=b'9' | b'a'..=b'f') {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_empty_input() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(sha256_hex(b""), EMPTY_SHA256);
    }

    #[test]
    fn fnv1a_hex_is_the_big_endian_hex_of_the_hash() {
        // Reference: FNV-1a 64 written through to_hex, as before.
        for input in ["", "a", "foobar", "分类\nanalytics,marketing"] {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in input.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            assert_eq!(fnv1a_hex(input.as_bytes()), to_hex(&h.to_be_bytes()));
        }
        assert_eq!(fnv1a_hex(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn recognises_hex_digests() {
        assert!(is_sha256_hex(&sha256_hex(b"x")));
        assert!(!is_sha256_hex("ABC"));
        assert!(!is_sha256_hex(&"g".repeat(64)));
    }
}
