//! Receipt storage behind one interface, so the HTTP layer does not know which database
//! holds the receipts. A receipt is stored as its canonical JSON, keyed by receipt id.

mod sqlite;

use std::fmt;

use mingshi_core::receipt::Receipt;

pub use sqlite::SqliteStore;

/// A receipt as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The canonical JSON of the receipt.
    pub canonical: String,
    /// When the server committed it (ms since the epoch).
    pub stored_at: i64,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insert {
    /// Newly committed.
    Created(Stored),
    /// The same receipt (same id, same body) was already stored: nothing changed.
    Duplicate(Stored),
    /// A different receipt with the same id is stored: refused.
    Conflict,
}

#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "receipt storage failed: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// A receipt database. Methods block; the server calls them off the async runtime.
pub trait Store: Send + Sync + 'static {
    /// Stores `receipt` unless a receipt with its id exists. Returns only after commit.
    fn insert(&self, receipt: &Receipt, now_ms: i64) -> Result<Insert, StoreError>;
    fn get(&self, receipt_id: &str) -> Result<Option<Stored>, StoreError>;
}
