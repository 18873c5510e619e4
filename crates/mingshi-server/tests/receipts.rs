//! The receipts API over real HTTP against the real binary and a real SQLite file.

mod common;

use common::{receipt, request, start, temp_dir};

#[test]
fn post_then_get_returns_the_stored_receipt() {
    let dir = temp_dir("roundtrip");
    let server = start(&dir);
    let r = receipt(1);
    let body = r.to_canonical_json();
    let created = request(&server.addr, "POST", "/v1/receipts", body.as_bytes());
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["receipt_id"], r.receipt_id.as_str());

    let got = request(
        &server.addr,
        "GET",
        &format!("/v1/receipts/{}", r.receipt_id),
        b"",
    );
    assert_eq!(got.status, 200);
    assert!(got
        .headers
        .to_ascii_lowercase()
        .contains("content-type: application/json"));
    let stored: mingshi_core::receipt::Receipt =
        serde_json::from_value(got.json()["receipt"].clone()).unwrap();
    assert_eq!(stored, r);
}

#[test]
fn same_receipt_twice_is_stored_once_and_a_different_body_conflicts() {
    let dir = temp_dir("idempotent");
    let server = start(&dir);
    let r = receipt(2);
    let body = r.to_canonical_json();
    assert_eq!(
        request(&server.addr, "POST", "/v1/receipts", body.as_bytes()).status,
        201
    );
    let again = request(&server.addr, "POST", "/v1/receipts", body.as_bytes());
    assert_eq!(
        again.status, 200,
        "a retry of the same receipt is acknowledged"
    );
    let mut other = r.clone();
    other.action = mingshi_core::receipt::Action::RejectAll;
    let clash = request(
        &server.addr,
        "POST",
        "/v1/receipts",
        other.to_canonical_json().as_bytes(),
    );
    assert_eq!(clash.status, 409);
    assert!(clash.json()["error"]
        .as_str()
        .unwrap()
        .contains("receipt_id"));
}

#[test]
fn bad_receipts_get_400_naming_the_problem() {
    let dir = temp_dir("bad");
    let server = start(&dir);
    let malformed = request(&server.addr, "POST", "/v1/receipts", b"{not json");
    assert_eq!(malformed.status, 400);
    assert!(malformed.json()["error"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));

    let mut r = receipt(3);
    r.policy.sha256 = "nope".into();
    let invalid = request(
        &server.addr,
        "POST",
        "/v1/receipts",
        r.to_canonical_json().as_bytes(),
    );
    assert_eq!(invalid.status, 400);
    assert!(
        invalid.json()["error"]
            .as_str()
            .unwrap()
            .contains("policy.sha256"),
        "{}",
        invalid.body
    );

    let mut big = receipt(4);
    big.user_agent = Some("x".repeat(20_000));
    let oversized = request(
        &server.addr,
        "POST",
        "/v1/receipts",
        big.to_canonical_json().as_bytes(),
    );
    assert_eq!(oversized.status, 400);
    assert!(
        oversized.json()["error"]
            .as_str()
            .unwrap()
            .contains("16384"),
        "{}",
        oversized.body
    );
}

#[test]
fn unknown_ids_are_404_and_malformed_ids_400() {
    let dir = temp_dir("missing");
    let server = start(&dir);
    let id = mingshi_core::receipt::uuid_v4_from_bytes([9; 16]);
    let missing = request(&server.addr, "GET", &format!("/v1/receipts/{id}"), b"");
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].is_string());
    assert_eq!(
        request(&server.addr, "GET", "/v1/receipts/xyz", b"").status,
        400
    );
}

#[test]
fn receipts_survive_a_restart() {
    let dir = temp_dir("restart");
    let r = receipt(5);
    {
        let server = start(&dir);
        assert_eq!(
            request(
                &server.addr,
                "POST",
                "/v1/receipts",
                r.to_canonical_json().as_bytes()
            )
            .status,
            201
        );
    }
    let server = start(&dir);
    let got = request(
        &server.addr,
        "GET",
        &format!("/v1/receipts/{}", r.receipt_id),
        b"",
    );
    assert_eq!(got.status, 200);
}

#[test]
fn static_files_have_the_right_types_and_stay_inside_their_roots() {
    let dir = temp_dir("static");
    std::fs::write(
        dir.join("www/index.html"),
        "<!doctype html><title>x</title>",
    )
    .unwrap();
    std::fs::write(dir.join("pkg/m_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    let server = start(&dir);
    let index = request(&server.addr, "GET", "/", b"");
    assert_eq!(index.status, 200);
    assert!(index.headers.contains("text/html"));
    let wasm = request(&server.addr, "GET", "/pkg/m_bg.wasm", b"");
    assert_eq!(wasm.status, 200);
    assert!(wasm.headers.contains("application/wasm"));
    for path in [
        "/../secret.txt",
        "/pkg/../secret.txt",
        "/%2e%2e/secret.txt",
        "/nope.html",
    ] {
        let r = request(&server.addr, "GET", path, b"");
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("secret"), "{path} leaked");
    }
    assert_eq!(request(&server.addr, "GET", "/healthz", b"").status, 200);
}
