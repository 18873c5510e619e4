//! `mingshi policy ...` on the real policies and on bad input.

mod common;

use common::run;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../mingshi-core/tests/fixtures/policies/"
);

#[test]
fn analyze_jsonl_gives_one_object_per_unit_in_file_order() {
    let file = String::from(FIXTURES) + "xuyun-website.txt";
    let (code, out, err) = run(&["policy", "analyze", &file, "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let content = std::fs::read_to_string(&file).unwrap();
    let source: Vec<&str> = content.lines().collect();
    let mut last = 0;
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let n = v["line"].as_u64().unwrap() as usize;
        assert!(n >= last, "file order");
        last = n;
        let text = v["text"].as_str().unwrap();
        assert!(source[n - 1].contains(text), "text {text:?} is on line {n}");
        assert!(["heading", "sentence", "toc", "meta"].contains(&v["kind"].as_str().unwrap()));
        assert_eq!(
            v["key"].as_bool().unwrap(),
            !v["tags"].as_array().unwrap().is_empty()
        );
    }
    assert!(out.lines().count() > 50);
}

#[test]
fn compile_writes_the_precompiled_form_and_text_shows_bold() {
    let file = String::from(FIXTURES) + "smart-life-app-zh-en.txt";
    let out_file =
        std::env::temp_dir().join(format!("mingshi-compiled-{}.json", std::process::id()));
    let (code, out, err) = run(&["policy", "compile", &file, "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("wrote "));
    let json = std::fs::read_to_string(&out_file).unwrap();
    assert!(mingshi_core::policy::Policy::from_compiled_json(&json).is_ok());
    let (code, out, _) = run(&["policy", "analyze", &file, "--format", "text"]);
    assert_eq!(code, 0);
    assert!(out.contains("\x1b[1m") && out.contains("共享"));
}

#[test]
fn lint_lists_unmarked_key_clauses() {
    let file = String::from(FIXTURES) + "xuyun-website.txt";
    let (code, out, _) = run(&["policy", "lint", &file]);
    assert_eq!(code, 0);
    assert!(out.contains("key clause not in bold"), "{out}");
}

#[test]
fn bad_files_are_clear_errors() {
    let dir = std::env::temp_dir().join(format!("mingshi-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let bin = dir.join("bin.txt");
    std::fs::write(&bin, b"ok\xff\xfe\x00").unwrap();
    let (code, _, err) = run(&["policy", "analyze", empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("empty"), "{err}");
    let (code, _, err) = run(&["policy", "analyze", bin.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("byte offset 2"), "{err}");
    let (code, _, err) = run(&["policy", "analyze", "/nope.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let file = String::from(FIXTURES) + "smart-life-app-zh-en.txt";
    let mut child = Command::new(env!("CARGO_BIN_EXE_mingshi"))
        .args(["policy", "analyze", &file, "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -1`: read one line, then close the pipe before the rest is written.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"line\":"), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn compile_names_the_texts_sha256_that_receipts_record_and_every_language() {
    // It printed the analysis's content hash as "hash": not what receipts record, and a
    // site owner who pinned it as `policy.sha256` had the policy refused on every page.
    let file = String::from(FIXTURES) + "smart-life-app-zh-en.txt";
    let sha256 = mingshi_core::hash::sha256_hex(&std::fs::read(&file).unwrap());
    let out_file =
        std::env::temp_dir().join(format!("mingshi-compiled-sha-{}.json", std::process::id()));
    let (code, out, err) = run(&["policy", "compile", &file, "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let compiled: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert!(out.contains(&format!("sha256 {sha256}")), "{out}");
    let languages = compiled["languages"].as_array().unwrap();
    assert_eq!(languages.len(), 2);
    for doc in languages {
        let hash = doc["hash"].as_str().unwrap();
        assert!(!out.contains(hash), "the content hash is no pin: {out}");
        let units = doc["units"].as_array().unwrap().len();
        let lang = doc["lang"].as_str().unwrap();
        assert!(out.contains(&format!("{lang}: {units} units")), "{out}");
    }
}

#[test]
fn a_bad_file_is_named_without_the_usage_burying_it_and_bad_usage_shows_it() {
    // Every exit-2 error printed the twelve lines of usage after it, also for a file that
    // could not be read or is not UTF-8: the one line that mattered scrolled away.
    let (code, _, err) = run(&["policy", "analyze", "/nope.txt"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.starts_with("mingshi: cannot read /nope.txt"), "{err}");
    let (code, _, err) = run(&["receipt", "verify", "/nope.json", "--public-key", "00"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, err) = run(&["policy", "analyse", "x.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("usage:"),
        "a mistyped command shows the usage: {err}"
    );
}

#[test]
fn a_policy_saved_as_gbk_or_utf16_is_named_so_with_the_way_to_convert_it() {
    // Chinese policies are often saved as GBK (or UTF-16 by Windows editors); the error
    // said only "invalid bytes at byte offset 0".
    let dir = std::env::temp_dir().join(format!("mingshi-cli-gbk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gbk = dir.join("gbk.txt");
    // "隐私政策" in GBK.
    std::fs::write(&gbk, b"\xd2\xfe\xcb\xbd\xd5\xfe\xb2\xdf\n").unwrap();
    let (code, _, err) = run(&["policy", "analyze", gbk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(
        err.contains("GBK") && err.contains("iconv -f GB18030 -t UTF-8"),
        "{err}"
    );
    let utf16 = dir.join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("隐私政策\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let (code, _, err) = run(&["policy", "analyze", utf16.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("UTF-16") && err.contains("iconv -f UTF-16 -t UTF-8"),
        "{err}"
    );
}
