//! The server stops cleanly: SIGTERM (what service managers and `docker stop` send) ends it
//! with exit code 0 after it served, and a failed start is a message and exit code 1, not
//! an abort. Same tests on SQLite and PostgreSQL (whose blocking client must not be closed
//! on the async runtime's threads).

mod common;

use std::net::TcpListener;
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

use common::{post_receipt, receipt_for, server_command, start_with, temp_dir, Backend};

/// Waits up to 20 s for the server to exit.
fn wait_exit(child: &mut std::process::Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

on_both_backends!(sigterm_exits_with_code_0, |backend: Backend, name: &str| {
    let dir = temp_dir(name);
    let mut server = start_with(&dir, &backend, &[]);
    let r = receipt_for(name, 1);
    assert_eq!(
        post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
        201
    );
    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let status = wait_exit(&mut server.child);
    assert_eq!(status.code(), Some(0), "after SIGTERM: {status}");
});

on_both_backends!(
    a_failed_start_is_a_message_and_exit_code_1,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        // The port is taken: the store is open when binding fails.
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = taken.local_addr().unwrap().to_string();
        let out = server_command(&dir, &backend, &["--addr", &addr])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", out.status);
        assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
);

#[test]
fn an_unreachable_database_is_a_message_and_exit_code_1() {
    let dir = temp_dir("unreachable-db");
    // Nothing listens on port 1.
    let backend = Backend::Postgres("postgres://mingshi:s3cret@127.0.0.1:1/receipts".into());
    let out = server_command(&dir, &backend, &[]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}: {err}", out.status);
    assert!(err.contains("cannot open the PostgreSQL database"), "{err}");
    assert!(err.contains("refused"), "says why: {err}");
    assert!(
        !err.contains("s3cret"),
        "the password is not printed: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
