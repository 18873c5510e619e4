//! `mingshi receipt verify` on receipts signed like the server signs them.

mod common;

use common::run;

use mingshi_core::receipt::signature::{stored_message, ReceiptSigner};
use mingshi_core::receipt::{
    uuid_v4_from_bytes, Action, CollectionMethod, Controller, Decisions, PolicyRef, Receipt,
    RECEIPT_VERSION,
};

fn receipt() -> Receipt {
    Receipt {
        version: RECEIPT_VERSION.into(),
        receipt_id: uuid_v4_from_bytes([5; 16]),
        jurisdiction: "CN".into(),
        consent_timestamp: 1_763_000_000_000,
        collection_method: CollectionMethod::PreferenceCentre,
        controller: Controller {
            name: "示例".into(),
            contact: "p@example.com".into(),
        },
        policy: PolicyRef {
            id: "privacy".into(),
            version: "3".into(),
            sha256: mingshi_core::hash::sha256_hex(b"x"),
            url: None,
        },
        language: "zh-CN".into(),
        subject_id: "s".into(),
        action: Action::Custom,
        decisions: Decisions::default(),
        gpc: false,
        user_agent: None,
    }
}

/// A stored receipt's JSON as the server answers it (and the export has one a line), for
/// the receipt's canonical JSON `canonical`.
fn stored(signer: &ReceiptSigner, canonical: &str, stored_at: i64) -> String {
    format!(
        r#"{{"key_id":"{}","receipt":{canonical},"signature":"{}","stored_at":{stored_at}}}"#,
        signer.key_id(),
        signer.sign(&stored_message(canonical, stored_at))
    )
}

/// Writes `doc` to a file named `name` and runs `mingshi receipt verify FILE ARGS` on it.
fn verify(name: &str, doc: &str, args: &[&str]) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("mingshi-cli-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, doc).unwrap();
    let file = file.to_str().unwrap();
    run(&[&["receipt", "verify", file], args].concat())
}

#[test]
fn a_signed_receipt_verifies_and_a_tampered_one_does_not() {
    let dir = std::env::temp_dir().join(format!("mingshi-cli-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let signer = ReceiptSigner::from_seed([9; 32]);
    let r = receipt();
    let canonical = r.to_canonical_json();
    let doc = format!(
        r#"{{"key_id":"{}","receipt":{canonical},"receipt_id":"{}","signature":"{}","stored_at":1763000000123}}"#,
        signer.key_id(),
        r.receipt_id,
        signer.sign(&stored_message(&canonical, 1_763_000_000_123))
    );
    let good = dir.join("good.json");
    std::fs::write(&good, &doc).unwrap();
    let key = dir.join("key.json");
    std::fs::write(
        &key,
        format!(
            r#"{{"algorithm":"Ed25519","public_key":"{}"}}"#,
            signer.public_key_hex()
        ),
    )
    .unwrap();

    let (code, out, err) = run(&[
        "receipt",
        "verify",
        good.to_str().unwrap(),
        "--key-file",
        key.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("OK: receipt"), "{out}");
    assert!(out.contains("for policy privacy version 3)"), "{out}");

    let tampered = dir.join("tampered.json");
    std::fs::write(
        &tampered,
        doc.replace(r#""action":"custom""#, r#""action":"accept_all""#),
    )
    .unwrap();
    let (code, _, err) = run(&[
        "receipt",
        "verify",
        tampered.to_str().unwrap(),
        "--public-key",
        &signer.public_key_hex(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("does not match"), "{err}");

    // When the server stored it is signed too: a later (or earlier) time does not verify.
    let moved = dir.join("moved.json");
    std::fs::write(&moved, doc.replace("1763000000123", "1763000000124")).unwrap();
    let (code, _, err) = run(&[
        "receipt",
        "verify",
        moved.to_str().unwrap(),
        "--public-key",
        &signer.public_key_hex(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("does not match"), "{err}");

    let other = ReceiptSigner::from_seed([1; 32]);
    let (code, _, err) = run(&[
        "receipt",
        "verify",
        good.to_str().unwrap(),
        "--public-key",
        &other.public_key_hex(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("signed by key"), "{err}");
}

#[test]
fn a_version_that_starts_with_v_is_printed_once() {
    let signer = ReceiptSigner::from_seed([9; 32]);
    let mut r = receipt();
    r.policy.version = "v1".into();
    let doc = stored(&signer, &r.to_canonical_json(), 1);
    let (code, out, err) = verify("v1.json", &doc, &["--public-key", &signer.public_key_hex()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("for policy privacy version v1)"), "{out}");
    assert!(!out.contains("vv1"), "{out}");
}

#[test]
fn help_anywhere_prints_the_usage_and_exits_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["policy", "--help"],
        &["policy", "analyze", "-h"],
        &["receipt", "--help"],
        &["receipt", "verify", "--help"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with("usage:"), "{args:?}: {out}");
        assert!(
            out.contains("mingshi receipt verify FILE"),
            "{args:?}: {out}"
        );
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn bad_input_is_a_clear_error_with_exit_code_2() {
    let (code, _, err) = run(&[
        "receipt",
        "verify",
        "/nonexistent.json",
        "--public-key",
        "00",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent.json"), "{err}");
    let (code, _, err) = run(&["receipt", "verify", "x.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--public-key"), "{err}");
    let (code, _, err) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
}

/// A grant from an iframe placeholder's button, as the server stores it, verifies and is
/// named for how it was given.
#[test]
fn a_placeholder_grant_verifies_and_says_so() {
    let signer = ReceiptSigner::from_seed([9; 32]);
    // As the component writes it (`receipt()`'s method is `preference_centre`).
    let canonical = receipt().to_canonical_json().replace(
        r#""collection_method":"preference_centre""#,
        r#""collection_method":"placeholder""#,
    );
    let doc = stored(&signer, &canonical, 1);
    let key = signer.public_key_hex();
    let (code, out, err) = verify("placeholder.json", &doc, &["--public-key", &key]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(custom, placeholder for policy"), "{out}");
}

#[test]
fn a_key_that_is_no_public_key_is_a_usage_error_naming_where_it_came_from() {
    // `--public-key zz` said the receipt "was signed by key …, not by the key given",
    // as if the receipt were at fault.
    let signer = ReceiptSigner::from_seed([9; 32]);
    let doc = stored(&signer, &receipt().to_canonical_json(), 1);
    let key_file =
        std::env::temp_dir().join(format!("mingshi-cli-bad-key-{}.json", std::process::id()));
    std::fs::write(&key_file, r#"{"public_key":"not-a-key"}"#).unwrap();
    let truncated = &signer.public_key_hex()[..62];
    for (args, source) in [
        (["--public-key", "zz"], "--public-key `zz`"),
        (["--public-key", truncated], "--public-key"),
        (
            ["--key-file", key_file.to_str().unwrap()],
            "`public_key` of",
        ),
    ] {
        let (code, _, err) = verify("r.json", &doc, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(source), "{args:?}: {err}");
        assert!(err.contains("64 hex digits"), "{args:?}: {err}");
        assert!(!err.contains("signed by key"), "{args:?}: {err}");
    }
}

#[test]
fn an_export_verifies_line_by_line_and_names_the_lines_that_do_not() {
    // The export (GET /v1/export, JSONL) holds one stored receipt a line; verify said
    // "is not JSON: trailing characters at line 2 column 1".
    let dir = std::env::temp_dir().join(format!("mingshi-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let signer = ReceiptSigner::from_seed([9; 32]);
    let lines: Vec<String> = (1..=3u8)
        .map(|n| {
            let mut r = receipt();
            r.receipt_id = uuid_v4_from_bytes([n; 16]);
            stored(
                &signer,
                &r.to_canonical_json(),
                1_763_000_000_000 + i64::from(n),
            )
        })
        .collect();
    let export = dir.join("export.jsonl");
    std::fs::write(&export, lines.join("\n") + "\n").unwrap();
    let export = export.to_str().unwrap();
    let key = signer.public_key_hex();
    let (code, out, err) = run(&["receipt", "verify", export, "--public-key", &key]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!(
            "OK: 3 receipts in {export} are signed by key {}",
            signer.key_id()
        )),
        "{out}"
    );

    let mut tampered = lines.clone();
    tampered[1] = tampered[1].replace(r#""action":"custom""#, r#""action":"accept_all""#);
    let bad = dir.join("tampered.jsonl");
    std::fs::write(&bad, tampered.join("\n")).unwrap();
    let bad = bad.to_str().unwrap();
    let (code, _, err) = run(&["receipt", "verify", bad, "--public-key", &key]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{bad}:2: receipt 02020202-")),
        "{err}"
    );
    assert!(err.contains("does not match"), "{err}");
    assert!(err.contains("1 of 3 receipts"), "{err}");
    assert!(!err.contains(":1:") && !err.contains(":3:"), "{err}");

    let broken = dir.join("broken.jsonl");
    std::fs::write(
        &broken,
        format!("{}\n{{\"receipt\":\n{}", lines[0], lines[2]),
    )
    .unwrap();
    let broken = broken.to_str().unwrap();
    let (code, _, err) = run(&["receipt", "verify", broken, "--public-key", &key]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{broken}:2: not JSON")), "{err}");
}

/// A receipt an earlier server stored and signed, with what the rules for new receipts now
/// refuse (an id with `;`, U+202E in a text) or clean (the user agent's U+200B): it still
/// verifies, as signed, and a change to it still does not.
#[test]
fn a_receipt_signed_under_older_rules_verifies_as_it_was_signed() {
    let signer = ReceiptSigner::from_seed([7; 32]);
    let mut r = receipt();
    r.controller.name = "示例\u{202e}科技".into();
    r.decisions.services.insert("a;b".into(), true);
    r.user_agent = Some("UA\u{200b}".into());
    assert!(r.validate().is_err(), "new receipts like it are refused");
    let doc = stored(&signer, &r.to_canonical_json(), 1_763_000_000_123);
    let key = signer.public_key_hex();
    let (code, out, err) = verify("older-rules.json", &doc, &["--public-key", &key]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("OK: receipt"), "{out}");
    let changed = doc.replace("UA\u{200b}", "UA");
    assert_ne!(changed, doc);
    let (code, _, err) = verify(
        "older-rules-changed.json",
        &changed,
        &["--public-key", &key],
    );
    assert_eq!(code, 1, "{err}");
}
