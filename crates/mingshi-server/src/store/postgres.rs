//! The PostgreSQL backend, for sites that outgrow one machine: the server keeps no state
//! of its own, so several servers can share one database. Inserts are idempotent under
//! concurrency (`ON CONFLICT DO NOTHING`, then compare).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use mingshi_core::receipt::Receipt;
use postgres::types::ToSql;
use postgres::{Client, NoTls};

use super::{filter_sql, Filter, FilterValue, Insert, Store, StoreError, Stored};
use super::{pending_migrations, CREATE_VERSION_TABLE, CURRENT_VERSION};

/// Connections kept open (the server runs blocking calls on a small thread pool).
const POOL: usize = 8;

pub struct PostgresStore {
    url: String,
    clients: Vec<Mutex<Client>>,
    next: AtomicUsize,
}

/// The error with its causes: `postgres::Error` alone says only "error connecting to
/// server" or "db error", its source says why.
fn err(e: postgres::Error) -> StoreError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message = format!("{message}: {s}");
        source = s.source();
    }
    StoreError(message)
}

impl PostgresStore {
    /// Connects to `url` (postgres://user@host:port/db) and creates the schema.
    pub fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let mut clients = Vec::with_capacity(POOL);
        for i in 0..POOL {
            let mut c = Client::connect(url, NoTls).map_err(err)?;
            if i == 0 {
                migrate(&mut c)?;
            }
            clients.push(Mutex::new(c));
        }
        Ok(PostgresStore {
            url: url.to_string(),
            clients,
            next: AtomicUsize::new(0),
        })
    }

    /// A free connection, or the next one once it is free. A connection the database
    /// closed (restart, failover) is replaced before use.
    fn client(&self) -> Result<std::sync::MutexGuard<'_, Client>, StoreError> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let free = (0..POOL).find_map(|i| self.clients[(start + i) % POOL].try_lock().ok());
        let mut c = match free {
            Some(c) => c,
            None => self.clients[start % POOL]
                .lock()
                .map_err(|_| StoreError("connection lock poisoned".into()))?,
        };
        if c.is_closed() {
            *c = Client::connect(&self.url, NoTls).map_err(err)?;
        }
        Ok(c)
    }
}

impl Drop for PostgresStore {
    /// Closing a `postgres::Client` blocks on the client's own runtime, which panics (and
    /// aborts the process) on a thread that drives an async runtime, where the server drops
    /// its store when it stops or fails to start. The connections are closed on a thread of
    /// their own.
    fn drop(&mut self) {
        let clients = std::mem::take(&mut self.clients);
        let _ = std::thread::spawn(move || drop(clients)).join();
    }
}

/// Applies the pending migrations in one transaction. Several servers may start at once:
/// a transaction-scoped advisory lock serialises them.
fn migrate(c: &mut Client) -> Result<(), StoreError> {
    let mut tx = c.transaction().map_err(err)?;
    tx.batch_execute("SELECT pg_advisory_xact_lock(7263)")
        .map_err(err)?;
    tx.batch_execute(CREATE_VERSION_TABLE).map_err(err)?;
    let current: i32 = tx.query_one(CURRENT_VERSION, &[]).map_err(err)?.get(0);
    for (version, sql) in pending_migrations(i64::from(current))? {
        tx.batch_execute(sql).map_err(err)?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES ($1, (extract(epoch from now()) * 1000)::bigint)",
            &[&(version as i32)],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)
}

fn row(r: &postgres::Row) -> Stored {
    Stored {
        canonical: r.get(0),
        signature: r.get(1),
        stored_at: r.get(2),
    }
}

impl Store for PostgresStore {
    fn insert(
        &self,
        receipt: &Receipt,
        signature: &str,
        stored_at: i64,
    ) -> Result<Insert, StoreError> {
        let canonical = receipt.to_canonical_json();
        let r = receipt;
        let mut c = self.client()?;
        let inserted = c
            .execute(
                "INSERT INTO receipts (receipt_id, subject_id, controller, policy_version, consent_timestamp,
                     stored_at, canonical, signature)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (receipt_id) DO NOTHING",
                &[&r.receipt_id, &r.subject_id, &r.controller.name, &r.policy.version, &r.consent_timestamp, &stored_at, &canonical, &signature],
            )
            .map_err(err)?;
        if inserted == 1 {
            return Ok(Insert::Created(Stored {
                canonical,
                signature: signature.to_string(),
                stored_at,
            }));
        }
        let existing = c
            .query_opt(
                "SELECT canonical, signature, stored_at FROM receipts WHERE receipt_id = $1",
                &[&r.receipt_id],
            )
            .map_err(err)?
            .map(|r| row(&r));
        Ok(match existing {
            Some(s) if s.canonical == canonical => Insert::Duplicate(s),
            _ => Insert::Conflict,
        })
    }

    fn get(&self, receipt_id: &str) -> Result<Option<Stored>, StoreError> {
        let mut c = self.client()?;
        Ok(c.query_opt(
            "SELECT canonical, signature, stored_at FROM receipts WHERE receipt_id = $1",
            &[&receipt_id],
        )
        .map_err(err)?
        .map(|r| row(&r)))
    }

    fn list(&self, filter: &Filter) -> Result<Vec<Stored>, StoreError> {
        let (sql, values) = filter_sql(filter, |n| format!("${n}"));
        let params: Vec<Box<dyn ToSql + Sync>> = values
            .into_iter()
            .map(|v| -> Box<dyn ToSql + Sync> {
                match v {
                    FilterValue::Int(i) => Box::new(i),
                    FilterValue::Text(t) => Box::new(t),
                }
            })
            .collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|b| b.as_ref()).collect();
        let mut c = self.client()?;
        Ok(c.query(&sql, &refs).map_err(err)?.iter().map(row).collect())
    }

    fn kind(&self) -> &'static str {
        "postgres"
    }
}
