//! Receipt storage behind one interface with two backends: embedded SQLite (default)
//! and PostgreSQL (for several stateless servers behind a load balancer). A receipt is
//! stored as its canonical JSON and the server's signature of it, keyed by receipt id.

mod postgres;
mod sqlite;

use std::fmt;

use mingshi_core::receipt::Receipt;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// A receipt as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The canonical JSON of the receipt.
    pub canonical: String,
    /// The server's Ed25519 signature of `canonical` with `stored_at`
    /// (`mingshi_core::receipt::signature::stored_message`), hex.
    pub signature: String,
    /// When the server accepted it (ms since the epoch), as signed.
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

/// Filters of an export; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Consent timestamps from (inclusive) and to (exclusive), ms.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// The controller (site) name.
    pub site: Option<String>,
    pub policy_version: Option<String>,
    pub subject_id: Option<String>,
    pub limit: Option<u32>,
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
    /// Stores `receipt` (its canonical JSON, and its `signature` made for `stored_at`)
    /// unless a receipt with its id exists. Returns only after the transaction is committed.
    fn insert(
        &self,
        receipt: &Receipt,
        signature: &str,
        stored_at: i64,
    ) -> Result<Insert, StoreError>;
    fn get(&self, receipt_id: &str) -> Result<Option<Stored>, StoreError>;
    /// Receipts matching `filter`, oldest consent first.
    fn list(&self, filter: &Filter) -> Result<Vec<Stored>, StoreError>;
    /// Which backend this is, for /healthz and logs.
    fn kind(&self) -> &'static str;
}

/// Schema migrations, shared by both backends, applied in order on start. Version `n` is
/// `MIGRATIONS[n - 1]`; the `schema_version` table records the versions applied. Append
/// new steps; never edit a step that has shipped. (Step 1 says IF NOT EXISTS because
/// databases from before the version table already have the table.)
pub(crate) const MIGRATIONS: &[&str] = &["CREATE TABLE IF NOT EXISTS receipts (
    receipt_id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    controller TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    consent_timestamp BIGINT NOT NULL,
    stored_at BIGINT NOT NULL,
    canonical TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS receipts_subject ON receipts (subject_id, consent_timestamp);
CREATE INDEX IF NOT EXISTS receipts_time ON receipts (consent_timestamp)"];

/// Creates the version table; run before reading the current version.
pub(crate) const CREATE_VERSION_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

/// The highest applied version.
pub(crate) const CURRENT_VERSION: &str = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

/// The migrations still to apply when the database is at `current`, with their versions.
pub(crate) fn pending_migrations(current: i64) -> Result<Vec<(i64, &'static str)>, StoreError> {
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError(format!(
            "the database schema is version {current} but this server knows only up to {known}; upgrade mingshi-server"
        )));
    }
    Ok(MIGRATIONS
        .iter()
        .enumerate()
        .map(|(i, sql)| (i as i64 + 1, *sql))
        .filter(|(v, _)| *v > current)
        .collect())
}

/// The WHERE clause and parameters of a filter; `$n` or `?n` placeholders by backend.
pub(crate) fn filter_sql(
    f: &Filter,
    placeholder: fn(usize) -> String,
) -> (String, Vec<FilterValue>) {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    let mut add = |sql: &str, v: FilterValue| {
        params.push(v);
        clauses.push(sql.replace('#', &placeholder(params.len())));
    };
    if let Some(v) = f.from {
        add("consent_timestamp >= #", FilterValue::Int(v));
    }
    if let Some(v) = f.to {
        add("consent_timestamp < #", FilterValue::Int(v));
    }
    if let Some(v) = &f.site {
        add("controller = #", FilterValue::Text(v.clone()));
    }
    if let Some(v) = &f.policy_version {
        add("policy_version = #", FilterValue::Text(v.clone()));
    }
    if let Some(v) = &f.subject_id {
        add("subject_id = #", FilterValue::Text(v.clone()));
    }
    let mut sql = String::from("SELECT canonical, signature, stored_at FROM receipts");
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY consent_timestamp, receipt_id LIMIT ");
    sql.push_str(&f.limit.unwrap_or(100_000).to_string());
    (sql, params)
}

#[derive(Debug, Clone)]
pub(crate) enum FilterValue {
    Int(i64),
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unapplied_migrations_run_and_newer_schemas_are_refused() {
        assert_eq!(pending_migrations(0).unwrap().len(), MIGRATIONS.len());
        assert!(pending_migrations(MIGRATIONS.len() as i64)
            .unwrap()
            .is_empty());
        let err = pending_migrations(MIGRATIONS.len() as i64 + 1).unwrap_err();
        assert!(err.to_string().contains("upgrade"), "{err}");
    }
}
