//! Test helpers: the real server binary on a free port, and a tiny HTTP/1.1 client.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use mingshi_core::receipt::{
    uuid_v4_from_bytes, Action, CollectionMethod, Controller, Decisions, PolicyRef, Receipt,
    RECEIPT_VERSION,
};

pub struct Server {
    pub child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh temporary directory under the target dir.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("mingshi-server-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    dir
}

/// Which database a test server uses.
#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    /// PostgreSQL when `MINGSHI_TEST_DATABASE_URL` is set (scripts/with-postgres.sh sets it).
    pub fn postgres() -> Option<Backend> {
        std::env::var("MINGSHI_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .map(Backend::Postgres)
    }
}

/// Runs a test body against SQLite and, when configured, PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                ($body)(common::Backend::Sqlite, stringify!($name));
            }
            #[test]
            fn postgres() {
                match common::Backend::postgres() {
                    Some(b) => ($body)(b, concat!(stringify!($name), "-pg")),
                    None => eprintln!("skipped: set MINGSHI_TEST_DATABASE_URL (scripts/with-postgres.sh does) to run on PostgreSQL"),
                }
            }
        }
    };
}

/// Starts `mingshi-server` on port 0 with `dir/receipts.sqlite3`, `dir/www`, `dir/pkg`.
pub fn start(dir: &Path) -> Server {
    start_with(dir, &Backend::Sqlite, &[])
}

/// Starts the server with a backend and extra options.
pub fn start_with(dir: &Path, backend: &Backend, extra: &[&str]) -> Server {
    let mut cmd = server_command(dir, backend, extra);
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("mingshi-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// The `mingshi-server` command [`start_with`] runs: port 0, and the database, key and
/// directories under `dir`.
pub fn server_command(dir: &Path, backend: &Backend, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mingshi-server"));
    cmd.args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("receipts.sqlite3"))
        .arg("--key")
        .arg(dir.join("signing.key"))
        .arg("--www")
        .arg(dir.join("www"))
        .arg("--pkg")
        .arg(dir.join("pkg"))
        .args(extra)
        .env_remove("DATABASE_URL");
    if let Backend::Postgres(url) = backend {
        cmd.args(["--database-url", url]);
    }
    cmd
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The message of a JSON error reply (`{"error": "..."}`).
    pub fn error(&self) -> String {
        match &self.json()["error"] {
            serde_json::Value::String(e) => e.clone(),
            _ => panic!("not an error reply: {}", self.body),
        }
    }
}

/// Sends one request with `Connection: close` and reads the whole reply.
pub fn request(addr: &str, method: &str, path: &str, body: &[u8]) -> Reply {
    request_with(addr, method, path, &[], body)
}

/// POSTs `body` to `/v1/receipts`, as the browser posts a receipt.
pub fn post_receipt(addr: &str, body: &[u8]) -> Reply {
    request(addr, "POST", "/v1/receipts", body)
}

/// POSTs receipt `r` as a page of `origin` sends it (with its `Origin` header).
pub fn post_from(addr: &str, origin: &str, r: &Receipt) -> Reply {
    request_with(
        addr,
        "POST",
        "/v1/receipts",
        &[("Origin", origin)],
        r.to_canonical_json().as_bytes(),
    )
}

/// Like [`request`], with extra headers.
pub fn request_with(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    try_request(addr, method, path, headers, body)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// A request that reports connection failures instead of panicking.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(addr)?;
    let mut extra = String::new();
    for (k, v) in headers {
        extra.push_str(&format!("{k}: {v}\r\n"));
    }
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())?;
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).to_string();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Reply {
        status,
        headers: headers.to_string(),
        body: body.to_string(),
    })
}

/// A distinct valid receipt for each (test name, n).
pub fn receipt_for(test: &str, n: u32) -> Receipt {
    let digest = mingshi_core::hash::sha256_hex(format!("{test}/{n}").as_bytes());
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&digest[i * 2..i * 2 + 2], 16).unwrap();
    }
    let mut r = receipt(1);
    r.receipt_id = uuid_v4_from_bytes(bytes);
    r.subject_id = format!("subject-{test}");
    r.consent_timestamp += i64::from(n);
    r
}

pub fn receipt(seed: u8) -> Receipt {
    let mut decisions = Decisions::default();
    decisions.categories.insert("necessary".into(), true);
    decisions
        .categories
        .insert("analytics".into(), seed.is_multiple_of(2));
    Receipt {
        version: RECEIPT_VERSION.into(),
        receipt_id: uuid_v4_from_bytes([seed; 16]),
        jurisdiction: "CN".into(),
        consent_timestamp: 1_763_000_000_000 + i64::from(seed),
        collection_method: CollectionMethod::FirstRunDialog,
        controller: Controller {
            name: "测试公司".into(),
            contact: "privacy@test.example".into(),
        },
        policy: PolicyRef {
            id: "privacy".into(),
            version: "v1".into(),
            sha256: mingshi_core::hash::sha256_hex(b"policy"),
            url: None,
        },
        language: "zh-CN".into(),
        subject_id: format!("subject-{seed}"),
        action: Action::AcceptAll,
        decisions,
        gpc: false,
        user_agent: None,
    }
}
