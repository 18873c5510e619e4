//! `mingshi-server --help` and `-h` print the usage on stdout and exit 0.

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
