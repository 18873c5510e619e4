//! The embedded SQLite backend: one file, WAL journal, `synchronous=FULL` so an
//! acknowledged receipt survives a crash or power loss.

use std::path::Path;
use std::sync::Mutex;

use mingshi_core::receipt::Receipt;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Insert, Store, StoreError, Stored};

/// Schema migrations, applied in order; `user_version` records how many ran.
const MIGRATIONS: &[&str] = &["CREATE TABLE receipts (
        receipt_id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        controller TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        consent_timestamp INTEGER NOT NULL,
        stored_at INTEGER NOT NULL,
        canonical TEXT NOT NULL
    );
    CREATE INDEX receipts_subject ON receipts (subject_id, consent_timestamp);
    CREATE INDEX receipts_time ON receipts (consent_timestamp);"];

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and runs pending migrations.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;",
        )
        .map_err(err)?;
        let done: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            let tx = conn.unchecked_transaction().map_err(err)?;
            tx.execute_batch(sql).map_err(err)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.conn
            .lock()
            .map_err(|_| StoreError("database lock poisoned".into()))
    }
}

fn select(conn: &Connection, id: &str) -> Result<Option<Stored>, StoreError> {
    conn.query_row(
        "SELECT canonical, stored_at FROM receipts WHERE receipt_id = ?1",
        params![id],
        |r| {
            Ok(Stored {
                canonical: r.get(0)?,
                stored_at: r.get(1)?,
            })
        },
    )
    .optional()
    .map_err(err)
}

impl Store for SqliteStore {
    fn insert(&self, receipt: &Receipt, now_ms: i64) -> Result<Insert, StoreError> {
        let canonical = receipt.to_canonical_json();
        let conn = self.lock()?;
        let inserted = conn
            .execute(
                "INSERT INTO receipts (receipt_id, subject_id, controller, policy_version,
                     consent_timestamp, stored_at, canonical)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (receipt_id) DO NOTHING",
                params![
                    receipt.receipt_id,
                    receipt.subject_id,
                    receipt.controller.name,
                    receipt.policy.version,
                    receipt.consent_timestamp,
                    now_ms,
                    canonical
                ],
            )
            .map_err(err)?;
        if inserted == 1 {
            return Ok(Insert::Created(Stored {
                canonical,
                stored_at: now_ms,
            }));
        }
        match select(&conn, &receipt.receipt_id)? {
            Some(s) if s.canonical == canonical => Ok(Insert::Duplicate(s)),
            Some(_) => Ok(Insert::Conflict),
            None => Err(StoreError("receipt vanished during insert".into())),
        }
    }

    fn get(&self, receipt_id: &str) -> Result<Option<Stored>, StoreError> {
        select(&*self.lock()?, receipt_id)
    }
}
