//! UUID v4 formatting and checking, without a uuid crate: the browser supplies the random
//! bytes (crypto.getRandomValues), this module sets the version bits and formats them.

/// Formats 16 random bytes as a UUID v4 (sets the version and variant bits).
///
/// ```
/// let id = mingshi_core::receipt::uuid_v4_from_bytes([0xab; 16]);
/// assert_eq!(id, "abababab-abab-4bab-abab-abababababab");
/// assert!(mingshi_core::receipt::is_uuid_v4(&id));
/// ```
pub fn uuid_v4_from_bytes(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        crate::hash::push_hex(&mut out, *byte);
    }
    out
}

/// True for a lowercase, hyphenated UUID with version 4 and the RFC 4122 variant.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        };
        if !ok {
            return false;
        }
    }
    b[14] == b'4' && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}
