//! A receipt is acknowledged only after it is committed: `kill -9` of the server under
//! load loses no acknowledged receipt. Same test on SQLite and PostgreSQL.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{receipt_for, request, start_with, temp_dir, try_request, Backend};

on_both_backends!(
    kill_9_under_load_loses_no_acknowledged_receipt,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let mut server = start_with(&dir, &backend, &["--rate", "100000"]);
        let acked = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for w in 0..4u32 {
            let (addr, acked, stop, name) = (
                server.addr.clone(),
                acked.clone(),
                stop.clone(),
                name.to_string(),
            );
            workers.push(std::thread::spawn(move || {
                let mut n = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    let r = receipt_for(&name, w * 1_000_000 + n);
                    n += 1;
                    match try_request(
                        &addr,
                        "POST",
                        "/v1/receipts",
                        &[],
                        r.to_canonical_json().as_bytes(),
                    ) {
                        Ok(reply) if reply.status == 201 || reply.status == 200 => {
                            acked.lock().unwrap().push(r.receipt_id)
                        }
                        Ok(_) => {}
                        Err(_) => break, // the server is gone
                    }
                }
            }));
        }
        // Let the load build up, then kill the server without warning (SIGKILL). A busy
        // machine (fsync is slow there) gets longer; 300 take well under a second when idle.
        let deadline = Instant::now() + Duration::from_secs(30);
        while acked.lock().unwrap().len() < 300 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        server.child.kill().expect("SIGKILL");
        server.child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            w.join().unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= 50,
            "load did not build up: {} acknowledged",
            acked.len()
        );

        let server = start_with(&dir, &backend, &[]);
        let missing: Vec<&String> = acked
            .iter()
            .filter(|id| {
                request(&server.addr, "GET", &format!("/v1/receipts/{id}"), b"").status != 200
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{} of {} acknowledged receipts lost: {:?}",
            missing.len(),
            acked.len(),
            &missing[..missing.len().min(5)]
        );
        eprintln!(
            "{name}: {} acknowledged receipts all present after kill -9",
            acked.len()
        );
    }
);
