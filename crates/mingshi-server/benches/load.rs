//! Load benchmark on loopback: posts receipts from K keep-alive connections to a real
//! `mingshi-server` (release build) and prints receipts/s and p50/p99 latency, for SQLite
//! and, when MINGSHI_TEST_DATABASE_URL is set, PostgreSQL. Bounded in count and time.
//!
//!     cargo bench -p mingshi-server --bench load
//!     scripts/with-postgres.sh cargo bench -p mingshi-server --bench load
//!
//! Env: LOAD_RECEIPTS (default 20000), LOAD_CONNECTIONS (default 32), LOAD_SECONDS (30).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mingshi_core::receipt::{
    uuid_v4_from_bytes, Action, CollectionMethod, Controller, Decisions, PolicyRef, Receipt,
    RECEIPT_VERSION,
};

fn env_or(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn receipt(n: usize, run: u64) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&(n as u64).to_le_bytes());
    bytes[8..].copy_from_slice(&run.to_le_bytes());
    let mut decisions = Decisions::default();
    decisions.categories.insert("necessary".into(), true);
    decisions
        .categories
        .insert("analytics".into(), n.is_multiple_of(2));
    Receipt {
        version: RECEIPT_VERSION.into(),
        receipt_id: uuid_v4_from_bytes(bytes),
        jurisdiction: "CN".into(),
        consent_timestamp: 1_763_000_000_000 + n as i64,
        collection_method: CollectionMethod::FirstRunDialog,
        controller: Controller {
            name: "压测站点".into(),
            contact: "privacy@load.example".into(),
        },
        policy: PolicyRef {
            id: "privacy".into(),
            version: "v1".into(),
            sha256: mingshi_core::hash::sha256_hex(b"p"),
            url: None,
        },
        language: "zh-CN".into(),
        subject_id: format!("load-{}", n % 1000),
        action: Action::AcceptAll,
        decisions,
        gpc: false,
        user_agent: Some("mingshi-load/1".into()),
    }
    .to_canonical_json()
}

/// Reads one HTTP response on a keep-alive connection; returns the status.
fn read_response(r: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut len = 0;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body)?;
    Ok(status)
}

fn run(label: &str, extra: &[String]) {
    let total = env_or("LOAD_RECEIPTS", 20_000);
    let conns = env_or("LOAD_CONNECTIONS", 32);
    let limit = Duration::from_secs(env_or("LOAD_SECONDS", 30) as u64);
    let dir = std::env::temp_dir().join(format!("mingshi-load-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mingshi-server"))
        .args(["--addr", "127.0.0.1:0", "--rate", "1000000"])
        .arg("--db")
        .arg(dir.join("r.sqlite3"))
        .arg("--key")
        .arg(dir.join("k"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first.trim().rsplit("http://").next().unwrap().to_string();
    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let handles: Vec<_> = (0..conns)
        .map(|_| {
            let (addr, next) = (addr.clone(), next.clone());
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let stream = TcpStream::connect(&addr).unwrap();
                stream.set_nodelay(true).unwrap();
                let mut w = stream.try_clone().unwrap();
                let mut r = BufReader::new(stream);
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total || started.elapsed() > limit {
                        break;
                    }
                    let body = receipt(n, run_id);
                    let req = format!(
                        "POST /v1/receipts HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let t = Instant::now();
                    w.write_all(req.as_bytes()).unwrap();
                    match read_response(&mut r) {
                        Ok(201) | Ok(200) => lat.push(t.elapsed()),
                        _ => errors += 1,
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().unwrap();
        lat.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "load {label:<8} {} receipts in {elapsed:.2} s over {conns} connections: {:.0} receipts/s, p50 {:.2} ms, p99 {:.2} ms, {errors} errors",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99)
    );
}

fn main() {
    run("sqlite", &[]);
    if let Ok(url) = std::env::var("MINGSHI_TEST_DATABASE_URL") {
        run("postgres", &["--database-url".into(), url]);
    } else {
        println!("load postgres  skipped: run under scripts/with-postgres.sh");
    }
}
