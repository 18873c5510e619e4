//! Privacy policies: parsing policy text (plain, Markdown, HTML) into a document model,
//! finding key clauses, and the policy's identity (content hash and version).

/// SHA-256 (lowercase hex) of the policy text as shown; recorded in receipts.
pub fn text_sha256(text: &str) -> String {
    crate::hash::sha256_hex(text.as_bytes())
}
