//! The command line of `mingshi-server`: `--help` and `-h` print the usage on stdout and
//! exit 0; what it says about a `--db`, `--www` or `--pkg` that is not what it should be.

mod common;

use std::process::{Command, Stdio};

use common::{server_command, temp_dir, Backend};

#[test]
fn help_prints_every_option_and_exits_0() {
    for help in ["--help", "-h"] {
        let out = Command::new(env!("CARGO_BIN_EXE_mingshi-server"))
            .arg(help)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{help}: {stderr}");
        assert!(
            stdout.starts_with("usage: mingshi-server [options]\n"),
            "{stdout}"
        );
        for option in [
            "--addr",
            "--database-url",
            "--allow-origin",
            "--trust-proxy",
            "--pkg",
        ] {
            assert!(
                stdout.contains(&format!("\n  {option} ")),
                "{option}: {stdout}"
            );
        }
        assert!(stderr.is_empty(), "{stderr}");
    }
}

#[test]
fn a_db_file_that_is_not_sqlite_is_an_error_naming_it() {
    // It said only "receipt storage failed: file is not a database".
    let dir = temp_dir("not-db");
    let db = dir.join("receipts.sqlite3");
    std::fs::write(&db, "these are notes, not a database\n".repeat(40)).unwrap();
    let out = server_command(&dir, &Backend::Sqlite, &[])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{} (--db)", db.display())),
        "{stderr}"
    );
    assert!(stderr.contains("not a database"), "{stderr}");
}

#[test]
fn a_www_or_pkg_directory_that_does_not_exist_is_named_at_start() {
    // Started from another directory, the default `www` and `pkg` are not there: every
    // page was a 404 with nothing said about why.
    use std::io::{BufRead, BufReader};
    let dir = temp_dir("no-www");
    for missing in ["www", "pkg"] {
        std::fs::remove_dir(dir.join(missing)).unwrap();
    }
    let mut child = server_command(&dir, &Backend::Sqlite, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        stderr.push_str(&line);
        stderr.push('\n');
        if line.contains("receipts in") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    for option in ["--www", "--pkg"] {
        let missing = dir.join(&option[2..]);
        assert!(
            stderr.contains(&format!(
                "{option} {}: no such directory",
                missing.display()
            )),
            "{option}: {stderr}"
        );
    }
}
