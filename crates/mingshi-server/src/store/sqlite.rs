//! The embedded SQLite backend: one file, WAL journal, `synchronous=FULL` so that an
//! acknowledged receipt survives a crash or power loss.
//!
//! One writer thread owns the write connection and commits concurrent inserts together
//! (group commit): each caller still gets its answer only after the transaction holding
//! its receipt is committed, but many receipts share one fsync. Reads use their own
//! connection, which WAL lets run beside the writer.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::Mutex;

use mingshi_core::receipt::Receipt;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::{filter_sql, Filter, FilterValue, Insert, Store, StoreError, Stored};
use super::{pending_migrations, CREATE_VERSION_TABLE, CURRENT_VERSION};

/// Most inserts committed in one transaction.
const MAX_BATCH: usize = 512;

struct Job {
    receipt: Receipt,
    canonical: String,
    signature: String,
    stored_at: i64,
    reply: SyncSender<Result<Insert, StoreError>>,
}

pub struct SqliteStore {
    writer: Mutex<Sender<Job>>,
    reader: Mutex<Connection>,
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError(e.to_string())
}

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path).map_err(err)?;
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;",
    )
    .map_err(err)?;
    Ok(conn)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and creates the schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut write = connect(path)?;
        migrate(&mut write)?;
        let reader = connect(path)?;
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(write, rx))
            .map_err(|e| StoreError(format!("cannot start the writer thread: {e}")))?;
        Ok(SqliteStore {
            writer: Mutex::new(tx),
            reader: Mutex::new(reader),
        })
    }
}

/// Applies the pending migrations in one transaction (IMMEDIATE: a second server process
/// on the same file waits instead of racing).
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(err)?;
    tx.execute_batch(CREATE_VERSION_TABLE).map_err(err)?;
    let current: i64 = tx
        .query_row(CURRENT_VERSION, [], |r| r.get(0))
        .map_err(err)?;
    for (version, sql) in pending_migrations(current)? {
        tx.execute_batch(sql).map_err(err)?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, strftime('%s','now') * 1000)",
            params![version],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)
}

fn select(conn: &Connection, id: &str) -> rusqlite::Result<Option<Stored>> {
    conn.query_row(
        "SELECT canonical, signature, stored_at FROM receipts WHERE receipt_id = ?1",
        params![id],
        |r| {
            Ok(Stored {
                canonical: r.get(0)?,
                signature: r.get(1)?,
                stored_at: r.get(2)?,
            })
        },
    )
    .optional()
}

fn insert_one(tx: &rusqlite::Transaction, job: &Job) -> rusqlite::Result<Insert> {
    let r = &job.receipt;
    let inserted = tx.execute(
        "INSERT INTO receipts (receipt_id, subject_id, controller, policy_version, consent_timestamp,
             stored_at, canonical, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (receipt_id) DO NOTHING",
        params![r.receipt_id, r.subject_id, r.controller.name, r.policy.version, r.consent_timestamp, job.stored_at, job.canonical, job.signature],
    )?;
    if inserted == 1 {
        return Ok(Insert::Created(Stored {
            canonical: job.canonical.clone(),
            signature: job.signature.clone(),
            stored_at: job.stored_at,
        }));
    }
    Ok(match select(tx, &r.receipt_id)? {
        Some(s) if s.canonical == job.canonical => Insert::Duplicate(s),
        _ => Insert::Conflict,
    })
}

/// The writer loop: takes every job waiting, commits them in one transaction, answers.
fn writer(mut conn: Connection, jobs: Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let result = (|| -> rusqlite::Result<Vec<Insert>> {
            let tx = conn.transaction()?;
            let mut out = Vec::with_capacity(batch.len());
            for job in &batch {
                out.push(insert_one(&tx, job)?);
            }
            tx.commit()?;
            Ok(out)
        })();
        match result {
            Ok(outcomes) => {
                for (job, outcome) in batch.into_iter().zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                for job in batch {
                    let _ = job.reply.send(Err(StoreError(e.to_string())));
                }
            }
        }
    }
}

impl Store for SqliteStore {
    fn insert(
        &self,
        receipt: &Receipt,
        signature: &str,
        stored_at: i64,
    ) -> Result<Insert, StoreError> {
        let (reply, answer) = mpsc::sync_channel(1);
        let job = Job {
            receipt: receipt.clone(),
            canonical: receipt.to_canonical_json(),
            signature: signature.to_string(),
            stored_at,
            reply,
        };
        self.writer
            .lock()
            .map_err(|_| StoreError("writer lock poisoned".into()))?
            .send(job)
            .map_err(|_| StoreError("the writer thread stopped".into()))?;
        answer
            .recv()
            .map_err(|_| StoreError("the writer thread stopped".into()))?
    }

    fn get(&self, receipt_id: &str) -> Result<Option<Stored>, StoreError> {
        let conn = self
            .reader
            .lock()
            .map_err(|_| StoreError("reader lock poisoned".into()))?;
        select(&conn, receipt_id).map_err(err)
    }

    fn list(&self, filter: &Filter) -> Result<Vec<Stored>, StoreError> {
        let (sql, values) = filter_sql(filter, |n| format!("?{n}"));
        let conn = self
            .reader
            .lock()
            .map_err(|_| StoreError("reader lock poisoned".into()))?;
        let mut stmt = conn.prepare(&sql).map_err(err)?;
        let params = values.iter().map(|v| match v {
            FilterValue::Int(i) => rusqlite::types::Value::Integer(*i),
            FilterValue::Text(t) => rusqlite::types::Value::Text(t.clone()),
        });
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok(Stored {
                    canonical: r.get(0)?,
                    signature: r.get(1)?,
                    stored_at: r.get(2)?,
                })
            })
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    fn kind(&self) -> &'static str {
        "sqlite"
    }
}
