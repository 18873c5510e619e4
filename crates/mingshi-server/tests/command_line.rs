//! The command line of `mingshi-server`: `--help` and `-h` print the usage on stdout and
//! exit 0; what it says about a `--db`, `--www` or `--pkg` that is not what it should be.

use std::process::Command;

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

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mingshi-cmdline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_db_file_that_is_not_sqlite_is_an_error_naming_it() {
    // It said only "receipt storage failed: file is not a database".
    let dir = temp("not-db");
    let db = dir.join("receipts.sqlite3");
    std::fs::write(&db, "these are notes, not a database\n".repeat(40)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mingshi-server"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .arg("--key")
        .arg(dir.join("signing.key"))
        .env_remove("DATABASE_URL")
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
    use std::process::Stdio;
    let dir = temp("no-www");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mingshi-server"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("receipts.sqlite3"))
        .arg("--key")
        .arg(dir.join("signing.key"))
        .arg("--www")
        .arg(dir.join("www"))
        .arg("--pkg")
        .arg(dir.join("pkg"))
        .env_remove("DATABASE_URL")
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
