//! The receipts API over real HTTP against the real binary, on a real SQLite file and,
//! when MINGSHI_TEST_DATABASE_URL is set, a real PostgreSQL server: the same suite.

mod common;

use common::{
    post_from, post_receipt, receipt_for, request, request_with, start, start_with, temp_dir,
    Backend,
};
use mingshi_core::receipt::signature::{stored_message, verify};
use mingshi_core::receipt::{Action, Receipt};

on_both_backends!(
    post_then_get_returns_the_stored_signed_receipt,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let r = receipt_for(name, 1);
        let body = r.to_canonical_json();
        let created = post_receipt(&server.addr, body.as_bytes());
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
        let v = got.json();
        let stored: Receipt = serde_json::from_value(v["receipt"].clone()).unwrap();
        assert_eq!(stored, r);

        // The signature checks out with the published key, and only for this exact receipt.
        let key = request(&server.addr, "GET", "/.well-known/mingshi-receipt-key", b"").json();
        assert_eq!(key["algorithm"], "Ed25519");
        assert_eq!(key["key_id"], v["key_id"]);
        let pk = key["public_key"].as_str().unwrap();
        let sig = v["signature"].as_str().unwrap();
        // It covers when the server stored it, which the device's clock cannot tell.
        let at = v["stored_at"].as_i64().unwrap();
        let signed = |r: &Receipt, at| stored_message(&r.to_canonical_json(), at);
        assert_eq!(verify(&signed(&stored, at), sig, pk), Ok(()));
        assert!(verify(&signed(&stored, at + 1), sig, pk).is_err());
        let mut forged = stored.clone();
        forged.action = Action::AcceptAll;
        forged.decisions.categories.insert("analytics".into(), true);
        assert!(verify(&signed(&forged, at), sig, pk).is_err());
    }
);

/// The published key says what it signs; a stored receipt verifies by following those words
/// alone (serde_json's sorted-key output standing in for a verifier's own canonical JSON),
/// so the text cannot drift from what the server signs again.
#[test]
fn a_stored_receipt_verifies_by_what_the_published_key_says_is_signed() {
    let dir = temp_dir("key-says-what-is-signed");
    let server = start(&dir);
    let mut r = receipt_for("key-says-what-is-signed", 1);
    r.controller.name = "须云, \"引号\" \\ Ltd".into();
    assert_eq!(
        post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
        201
    );
    let got = request(
        &server.addr,
        "GET",
        &format!("/v1/receipts/{}", r.receipt_id),
        b"",
    )
    .json();
    let key = request(&server.addr, "GET", "/.well-known/mingshi-receipt-key", b"").json();
    let (template, signed) = (
        key["message"].as_str().unwrap(),
        key["signed"].as_str().unwrap(),
    );
    assert!(
        signed.contains("RECEIPT") && signed.contains("STORED_AT"),
        "{signed}"
    );
    let receipt = serde_json::to_string(&got["receipt"]).unwrap();
    let message = template
        .replace("STORED_AT", &got["stored_at"].to_string())
        .replace("RECEIPT", &receipt);
    let (sig, pk) = (
        got["signature"].as_str().unwrap(),
        key["public_key"].as_str().unwrap(),
    );
    assert_eq!(verify(&message, sig, pk), Ok(()), "{message}");
    // What the key said before: the receipt alone is not what is signed.
    assert!(verify(&receipt, sig, pk).is_err());
}

on_both_backends!(
    same_receipt_twice_is_stored_once_and_a_different_body_conflicts,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let r = receipt_for(name, 1);
        let body = r.to_canonical_json();
        let first = post_receipt(&server.addr, body.as_bytes());
        assert_eq!(first.status, 201);
        let again = post_receipt(&server.addr, body.as_bytes());
        assert_eq!(
            again.status, 200,
            "a retry of the same receipt is acknowledged"
        );
        assert_eq!(
            again.json()["stored_at"],
            first.json()["stored_at"],
            "and not stored twice"
        );
        let mut other = r.clone();
        other.action = Action::RejectAll;
        let clash = post_receipt(&server.addr, other.to_canonical_json().as_bytes());
        assert_eq!(clash.status, 409);
        assert!(clash.error().contains("receipt_id"));
    }
);

on_both_backends!(
    the_same_receipt_posted_at_once_from_many_clients_is_created_once,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        for n in 0..5 {
            let body = receipt_for(name, n).to_canonical_json();
            let statuses: Vec<u16> = std::thread::scope(|s| {
                let posts: Vec<_> = (0..8)
                    .map(|_| s.spawn(|| post_receipt(&server.addr, body.as_bytes()).status))
                    .collect();
                posts.into_iter().map(|p| p.join().unwrap()).collect()
            });
            assert_eq!(
                statuses.iter().filter(|s| **s == 201).count(),
                1,
                "{statuses:?}"
            );
            assert!(
                statuses.iter().all(|s| *s == 201 || *s == 200),
                "{statuses:?}"
            );
        }
    }
);

on_both_backends!(
    bad_receipts_get_400_naming_the_problem,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let malformed = post_receipt(&server.addr, b"{not json");
        assert_eq!(malformed.status, 400);
        assert!(malformed.error().contains("not valid JSON"));

        let mut r = receipt_for(name, 1);
        r.policy.sha256 = "nope".into();
        let invalid = post_receipt(&server.addr, r.to_canonical_json().as_bytes());
        assert_eq!(invalid.status, 400);
        assert!(
            invalid.error().contains("policy.sha256"),
            "{}",
            invalid.body
        );

        // Over the limit, whether slightly or far (the body is refused while being read).
        for size in [20_000, 1_000_000] {
            let mut big = receipt_for(name, 2);
            big.user_agent = Some("x".repeat(size));
            let oversized = post_receipt(&server.addr, big.to_canonical_json().as_bytes());
            assert_eq!(oversized.status, 413, "{size}: {}", oversized.body);
            assert!(
                oversized.error().contains("16384 bytes"),
                "{}",
                oversized.body
            );
        }

        // A missing field is named too.
        let mut v: serde_json::Value =
            serde_json::from_str(&receipt_for(name, 3).to_canonical_json()).unwrap();
        v.as_object_mut().unwrap().remove("subject_id");
        let missing = post_receipt(&server.addr, v.to_string().as_bytes());
        assert_eq!(missing.status, 400);
        assert!(missing.error().contains("subject_id"), "{}", missing.body);
    }
);

on_both_backends!(
    ids_that_would_make_the_csv_ambiguous_are_refused_naming_them,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &["--admin-token", "t"]);
        // The CSV writes a decision column as `id=1;id=0`: `a;b=1` would read as two.
        let mut bad = receipt_for(name, 1);
        bad.decisions.services.insert("a;b=1".into(), true);
        let refused = post_receipt(&server.addr, bad.to_canonical_json().as_bytes());
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(
            refused.error()
                .contains("`decisions.services` has the id \"a;b=1\", which must be 1 to 32 characters of a-z, 0-9, _ or -"),
            "{}",
            refused.body
        );
        // Configuration ids are taken, and each decision column reads back as posted.
        let mut r = receipt_for(name, 2);
        // Its own site: on PostgreSQL the tests share one database.
        r.controller.name = name.into();
        r.decisions.services.insert("umeng".into(), true);
        r.decisions.services.insert("amap_2".into(), false);
        r.decisions.separate.insert("face-id".into(), true);
        assert_eq!(
            post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
            201
        );
        let auth = [("Authorization", "Bearer t")];
        let path = format!("/v1/export?format=csv&site={name}");
        let csv = request_with(&server.addr, "GET", &path, &auth, b"").body;
        let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), 2, "{csv}");
        let column = |name: &str| {
            let i = rows[0].iter().position(|h| *h == name).unwrap();
            rows[1][i]
        };
        assert_eq!(column("categories"), "analytics=0;necessary=1");
        assert_eq!(column("services"), "amap_2=0;umeng=1");
        assert_eq!(column("separate"), "face-id=1");
    }
);

on_both_backends!(
    hidden_characters_are_refused_in_the_sites_texts_and_cleaned_from_the_user_agent,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &["--admin-token", "t"]);
        // The site's configuration wrote it: a 400 naming the field and the character
        // (RIGHT-TO-LEFT OVERRIDE would show the name reversed in a spreadsheet).
        let mut site = receipt_for(name, 1);
        site.controller.name = "须云\u{202e}科技".into();
        let refused = post_receipt(&server.addr, site.to_canonical_json().as_bytes());
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(
            refused
                .error()
                .starts_with("receipt field `controller.name` has the character U+202E: "),
            "{}",
            refused.body
        );
        // The browser's user agent: cleaned as the component cleans it, and stored; a retry
        // of the same body is the same receipt.
        let mut r = receipt_for(name, 2);
        r.controller.name = name.into();
        r.user_agent = Some("Mozilla/5.0\u{202e} (X11)\u{7}\u{200b}".into());
        let body = r.to_canonical_json();
        let created = post_receipt(&server.addr, body.as_bytes());
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.json()["receipt"]["user_agent"], "Mozilla/5.0 (X11)");
        assert_eq!(post_receipt(&server.addr, body.as_bytes()).status, 200);
        let auth = [("Authorization", "Bearer t")];
        let path = format!("/v1/export?site={name}");
        let export = request_with(&server.addr, "GET", &path, &auth, b"").body;
        assert_eq!(export.lines().count(), 1, "{export}");
        assert!(
            export.contains("\"user_agent\":\"Mozilla/5.0 (X11)\""),
            "{export}"
        );
    }
);

on_both_backends!(
    a_receipt_from_a_device_whose_clock_is_wrong_is_stored_with_the_servers_time,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        // A phone whose clock says 2019, one reset to a few months after 1970, one in 2099:
        // real visitors whose consent must be kept.
        for (n, clock) in [
            (1, 1_559_347_200_000),
            (2, 10_000_000_000),
            (3, 4_090_000_000_000),
        ] {
            let mut r = receipt_for(name, n);
            r.consent_timestamp = clock;
            let body = r.to_canonical_json();
            let created = post_receipt(&server.addr, body.as_bytes());
            assert_eq!(created.status, 201, "{clock}: {}", created.body);
            let got = request(
                &server.addr,
                "GET",
                &format!("/v1/receipts/{}", r.receipt_id),
                b"",
            )
            .json();
            assert_eq!(
                got["receipt"]["consent_timestamp"], clock,
                "the device's time, as signed"
            );
            // The server's own clock witnesses when it arrived.
            let stored_at = got["stored_at"].as_i64().unwrap();
            assert!(
                (now - 60_000..now + 60_000).contains(&stored_at),
                "{stored_at}"
            );
        }
        // What the bound is for: seconds instead of milliseconds (of any date up to 2100),
        // microseconds, zero, negative values.
        for (n, wrong) in [
            (4, 1_559_347_200),
            (5, 4_102_444_799),
            (6, 1_559_347_200_000_000),
            (7, 0),
            (8, -1_559_347_200_000),
        ] {
            let mut r = receipt_for(name, n);
            r.consent_timestamp = wrong;
            let refused = post_receipt(&server.addr, r.to_canonical_json().as_bytes());
            assert_eq!(refused.status, 400, "{wrong}: {}", refused.body);
            assert!(
                refused.body.contains("consent_timestamp"),
                "{}",
                refused.body
            );
        }
    }
);

on_both_backends!(
    unknown_ids_are_404_and_malformed_ids_400,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let id = receipt_for(name, 99).receipt_id;
        let missing = request(&server.addr, "GET", &format!("/v1/receipts/{id}"), b"");
        assert_eq!(missing.status, 404);
        assert!(missing.json()["error"].is_string());
        assert_eq!(
            request(&server.addr, "GET", "/v1/receipts/xyz", b"").status,
            400
        );
    }
);

on_both_backends!(
    receipts_and_the_key_survive_a_restart,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let r = receipt_for(name, 1);
        let key_before = {
            let server = start_with(&dir, &backend, &[]);
            assert_eq!(
                post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
                201
            );
            request(&server.addr, "GET", "/.well-known/mingshi-receipt-key", b"").json()
                ["public_key"]
                .clone()
        };
        let server = start_with(&dir, &backend, &[]);
        let got = request(
            &server.addr,
            "GET",
            &format!("/v1/receipts/{}", r.receipt_id),
            b"",
        );
        assert_eq!(got.status, 200);
        let key_after = request(&server.addr, "GET", "/.well-known/mingshi-receipt-key", b"")
            .json()["public_key"]
            .clone();
        assert_eq!(key_before, key_after);
    }
);

on_both_backends!(
    history_and_export_need_the_admin_token_and_filter,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &["--admin-token", "s3cret"]);
        let mut a = receipt_for(name, 1);
        a.policy.version = "v1".into();
        let mut b = receipt_for(name, 2);
        b.policy.version = "v2".into();
        b.controller.name = "Site, \"B\"".into();
        for r in [&a, &b] {
            assert_eq!(
                post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
                201
            );
        }
        let subject = a.subject_id.clone();
        let path = format!("/v1/subjects/{subject}/receipts");
        assert_eq!(request(&server.addr, "GET", &path, b"").status, 401);
        assert_eq!(
            request_with(
                &server.addr,
                "GET",
                &path,
                &[("Authorization", "Bearer wrong")],
                b""
            )
            .status,
            401
        );
        let auth = [("Authorization", "Bearer s3cret")];
        let hist = request_with(&server.addr, "GET", &path, &auth, b"").json();
        assert_eq!(hist["receipts"].as_array().unwrap().len(), 2);

        let export = request_with(
            &server.addr,
            "GET",
            "/v1/export?format=jsonl&policy_version=v2",
            &auth,
            b"",
        );
        assert_eq!(export.status, 200);
        let lines: Vec<&str> = export.body.lines().collect();
        assert_eq!(lines.len(), 1, "{}", export.body);
        assert!(lines[0].contains(&b.receipt_id));
        let window = format!(
            "/v1/export?format=jsonl&from={}&to={}",
            a.consent_timestamp,
            a.consent_timestamp + 1
        );
        assert!(request_with(&server.addr, "GET", &window, &auth, b"")
            .body
            .contains(&a.receipt_id));
        // As the README says: `to` is exclusive, `site` is the controller's name exactly.
        let between = format!(
            "/v1/export?from={}&to={}",
            a.consent_timestamp, b.consent_timestamp
        );
        let body = request_with(&server.addr, "GET", &between, &auth, b"").body;
        assert!(body.contains(&a.receipt_id) && !body.contains(&b.receipt_id));
        let site = "/v1/export?site=Site%2C%20%22B%22";
        let body = request_with(&server.addr, "GET", site, &auth, b"").body;
        assert!(body.contains(&b.receipt_id) && !body.contains(&a.receipt_id));

        let csv = request_with(&server.addr, "GET", "/v1/export?format=csv", &auth, b"");
        assert!(csv.headers.contains("text/csv"));
        let mut rows = csv.body.lines();
        assert!(rows
            .next()
            .unwrap()
            .starts_with("receipt_id,consent_timestamp"));
        let body: Vec<&str> = rows.collect();
        assert!(
            body.iter().any(|l| l.contains("\"Site, \"\"B\"\"\"")),
            "CSV quoting: {}",
            csv.body
        );
        assert_eq!(
            request_with(&server.addr, "GET", "/v1/export?format=xml", &auth, b"").status,
            400
        );
    }
);

#[test]
fn cors_allows_listed_origins_only() {
    let dir = temp_dir("cors");
    let server = start_with(
        &dir,
        &Backend::Sqlite,
        &["--allow-origin", "https://shop.example"],
    );
    let r = receipt_for("cors", 1);
    let ok = post_from(&server.addr, "https://shop.example", &r);
    assert_eq!(ok.status, 201);
    assert!(ok
        .headers
        .to_ascii_lowercase()
        .contains("access-control-allow-origin: https://shop.example"));
    let pre = request_with(
        &server.addr,
        "OPTIONS",
        "/v1/receipts",
        &[
            ("Origin", "https://shop.example"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(pre.status, 204);
    assert!(pre
        .headers
        .to_ascii_lowercase()
        .contains("access-control-allow-methods"));
    let r2 = receipt_for("cors", 2);
    let denied = post_from(&server.addr, "https://evil.example", &r2);
    assert_eq!(denied.status, 403);
    assert!(denied.error().contains("--allow-origin"));
}

#[test]
fn allowed_origins_match_as_copied_from_the_address_bar_and_paths_are_refused() {
    let dir = temp_dir("cors-slash");
    let server = start_with(
        &dir,
        &Backend::Sqlite,
        &["--allow-origin", "https://Shop.Example/"],
    );
    let r = receipt_for("cors-slash", 1);
    let ok = post_from(&server.addr, "https://shop.example", &r);
    assert_eq!(ok.status, 201, "{}", ok.body);

    let out = common::server_command(
        &dir,
        &Backend::Sqlite,
        &["--allow-origin", "https://shop.example/checkout"],
    )
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--allow-origin `https://shop.example/checkout`: expected an origin like https://shop.example"),
        "{err}"
    );
}

#[test]
fn every_api_error_is_json_even_those_axum_makes() {
    let dir = temp_dir("json-errors");
    let server = start_with(&dir, &Backend::Sqlite, &["--admin-token", "s3cret"]);
    let auth = [("Authorization", "Bearer s3cret")];
    let error_of = |method: &str, path: &str, status: u16| -> String {
        let r = request_with(&server.addr, method, path, &auth, b"");
        assert_eq!(r.status, status, "{method} {path}: {}", r.body);
        assert!(
            r.headers
                .to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{method} {path}: {}",
            r.headers
        );
        r.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path}: {}", r.body))
            .to_string()
    };
    assert!(error_of("GET", "/v1/receipts/%FF", 400).contains("UTF-8"));
    assert!(error_of("GET", "/v1/subjects/%FF/receipts", 400).contains("UTF-8"));
    let e = error_of("DELETE", "/v1/receipts", 405);
    assert!(e.contains("DELETE /v1/receipts: method not allowed"), "{e}");
    let r = request(&server.addr, "POST", "/healthz", b"");
    assert_eq!(r.status, 405);
    assert!(
        r.headers.to_ascii_lowercase().contains("allow: get"),
        "{}",
        r.headers
    );
    assert!(r.error().contains("Allow header"));
    assert!(error_of("GET", "/v1/receipt", 404).contains("/v1/receipt"));
    for (query, says) in [
        (
            "from=abc",
            "`from` must be a time in milliseconds since the epoch, not `abc`",
        ),
        ("to=1.5", "`to` must be a time in milliseconds"),
        ("format=xml", "`format` must be jsonl or csv"),
        ("from=", "`from` is empty"),
        (
            "format=csv&from=&to=&site=&policy_version=",
            "`from` is empty",
        ),
        ("site=", "`site` is empty"),
        ("site=%FF", "`site` is not UTF-8"),
        ("sites=Shop", "unknown parameter `sites`"),
        ("from=1&from=2", "`from` is given more than once"),
    ] {
        let e = error_of("GET", &format!("/v1/export?{query}"), 400);
        assert!(e.contains(says), "{query}: {e}");
    }
    // The static files keep their own pages.
    let page = request(&server.addr, "GET", "/nope.html", b"");
    assert_eq!(page.status, 404);
    assert!(page.headers.contains("text/plain"), "{}", page.headers);
}

#[test]
fn clients_over_the_rate_get_429_and_metrics_count_everything() {
    let dir = temp_dir("rate");
    let server = start_with(&dir, &Backend::Sqlite, &["--rate", "2"]);
    let statuses: Vec<u16> = (0..8)
        .map(|n| {
            post_receipt(
                &server.addr,
                receipt_for("rate", n).to_canonical_json().as_bytes(),
            )
            .status
        })
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        4,
        "burst of 2 x 2: {statuses:?}"
    );
    assert!(statuses.contains(&429));
    let m = request(&server.addr, "GET", "/metrics", b"").body;
    assert!(
        m.contains("mingshi_receipts_total{outcome=\"stored\",backend=\"sqlite\"} 4"),
        "{m}"
    );
    assert!(
        m.contains("mingshi_receipts_total{outcome=\"rate_limited\",backend=\"sqlite\"} 4"),
        "{m}"
    );
    assert!(m.contains("mingshi_receipt_request_seconds_count 4"), "{m}");
    let health = request(&server.addr, "GET", "/healthz", b"").json();
    assert_eq!(health["backend"], "sqlite");
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
    std::fs::write(dir.join("pkg/m.js"), "export {};").unwrap();
    std::fs::write(dir.join("www/policy.txt"), "政策").unwrap();
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    let server = start(&dir);
    let index = request(&server.addr, "GET", "/", b"");
    assert_eq!(index.status, 200);
    assert!(index.headers.contains("text/html"));
    let wasm = request(&server.addr, "GET", "/pkg/m_bg.wasm", b"");
    assert_eq!(wasm.status, 200);
    assert!(wasm.headers.contains("application/wasm"));
    let js = request(&server.addr, "GET", "/pkg/m.js", b"");
    assert!(js.headers.contains("text/javascript"), "{}", js.headers);
    let txt = request(&server.addr, "GET", "/policy.txt", b"");
    assert!(txt.headers.contains("text/plain; charset=utf-8"));
    assert_eq!(txt.body, "政策");
    for path in [
        "/../secret.txt",
        "/pkg/../secret.txt",
        "/%2e%2e/secret.txt",
        "/nope.html",
        "/signing.key",
    ] {
        let r = request(&server.addr, "GET", path, b"");
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("secret"), "{path} leaked");
    }
}

on_both_backends!(
    a_grant_from_an_iframe_placeholder_is_stored_with_its_method,
    |backend: Backend, name: &str| {
        let dir = temp_dir(name);
        let server = start_with(&dir, &backend, &[]);
        let r = receipt_for(name, 1);
        // As the component posts it (`first_run_dialog` is `receipt_for`'s method).
        let body = r.to_canonical_json().replace(
            r#""collection_method":"first_run_dialog""#,
            r#""collection_method":"placeholder""#,
        );
        let created = post_receipt(&server.addr, body.as_bytes());
        assert_eq!(created.status, 201, "{}", created.body);
        let got = request(
            &server.addr,
            "GET",
            &format!("/v1/receipts/{}", r.receipt_id),
            b"",
        )
        .json();
        assert_eq!(got["receipt"]["collection_method"], "placeholder");
    }
);

#[test]
fn a_directory_without_its_trailing_slash_redirects_so_relative_links_resolve() {
    // `/examples` served examples/index.html as it was, and its links (`script-tag.html`)
    // then resolved against `/`: every one of them a 404.
    let dir = temp_dir("dir-slash");
    std::fs::create_dir_all(dir.join("www/examples")).unwrap();
    std::fs::write(
        dir.join("www/examples/index.html"),
        "<a href=\"page.html\">page</a>",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("pkg/sub")).unwrap();
    std::fs::write(dir.join("pkg/sub/index.html"), "sub").unwrap();
    let server = start(&dir);
    for (path, location) in [
        ("/examples", "/examples/"),
        ("/examples?lang=en", "/examples/?lang=en"),
        ("/pkg/sub", "/pkg/sub/"),
        // Not `//examples/`, which a browser reads as the host `examples`.
        ("//examples", "/examples/"),
    ] {
        let r = request(&server.addr, "GET", path, b"");
        assert_eq!(r.status, 308, "{path}: {}", r.headers);
        let header = r
            .headers
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: no Location: {}", r.headers));
        assert_eq!(header, location, "{path}");
    }
    let index = request(&server.addr, "GET", "/examples/", b"");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("page.html"));
}

#[test]
fn a_decision_given_twice_in_one_receipt_is_refused_naming_it() {
    // `{"analytics":true,"analytics":false}` was stored as the last of the two, signed as
    // if the visitor had made one clear choice.
    let dir = temp_dir("dup-decision");
    let server = start(&dir);
    let mut r = receipt_for("dup-decision", 1);
    r.decisions.categories.insert("analytics".into(), true);
    let canonical = r.to_canonical_json();
    assert!(canonical.contains(r#""analytics":true"#), "{canonical}");
    let body = canonical.replace(
        r#""analytics":true"#,
        r#""analytics":true,"analytics":false"#,
    );
    let reply = post_receipt(&server.addr, body.as_bytes());
    assert_eq!(reply.status, 400, "{}", reply.body);
    let message = reply.error().to_string();
    assert!(message.contains("`analytics` is given twice"), "{message}");
    let fetched = request(
        &server.addr,
        "GET",
        &format!("/v1/receipts/{}", r.receipt_id),
        b"",
    );
    assert_eq!(fetched.status, 404, "nothing stored");
    assert_eq!(post_receipt(&server.addr, canonical.as_bytes()).status, 201);
}

#[test]
fn an_export_window_that_ends_before_it_starts_is_refused() {
    // `from` and `to` swapped answered 200 with nothing: to an auditor, no receipts.
    let dir = temp_dir("export-window");
    let server = start_with(&dir, &Backend::Sqlite, &["--admin-token", "s3cret"]);
    let auth = [("Authorization", "Bearer s3cret")];
    assert_eq!(
        post_receipt(
            &server.addr,
            receipt_for("export-window", 1)
                .to_canonical_json()
                .as_bytes()
        )
        .status,
        201
    );
    for query in [
        "from=1738368000000&to=1735689600000",
        "from=1735689600000&to=1735689600000",
    ] {
        let r = request_with(
            &server.addr,
            "GET",
            &format!("/v1/export?{query}"),
            &auth,
            b"",
        );
        assert_eq!(r.status, 400, "{query}: {}", r.body);
        let e = r.error().to_string();
        assert!(e.contains("`from` must be before `to`"), "{query}: {e}");
    }
    let r = request_with(
        &server.addr,
        "GET",
        "/v1/export?from=1735689600000&to=1735689600001",
        &auth,
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

/// A stored row that does not parse as a receipt (a damaged database, a hand edit) is a 500
/// naming it, not a CSV that silently leaves it out and passes for every receipt.
#[test]
fn a_stored_row_that_is_not_a_receipt_stops_the_csv_export_naming_it() {
    let dir = temp_dir("csv-unreadable-row");
    let server = start_with(&dir, &Backend::Sqlite, &["--admin-token", "t"]);
    let auth = [("Authorization", "Bearer t")];
    for n in [1, 2] {
        let r = receipt_for("csv-unreadable-row", n);
        assert_eq!(
            post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
            201
        );
    }
    let damaged = receipt_for("csv-unreadable-row", 2).receipt_id;
    let db = rusqlite::Connection::open(dir.join("receipts.sqlite3")).unwrap();
    db.execute(
        "UPDATE receipts SET canonical = '{\"receipt_id\": 1' WHERE receipt_id = ?1",
        [&damaged],
    )
    .unwrap();
    let stored_at: i64 = db
        .query_row(
            "SELECT stored_at FROM receipts WHERE receipt_id = ?1",
            [&damaged],
            |row| row.get(0),
        )
        .unwrap();
    let csv = request_with(&server.addr, "GET", "/v1/export?format=csv", &auth, b"");
    assert_eq!(csv.status, 500, "{}", csv.body);
    let message = csv.error().to_string();
    assert!(
        message.starts_with(&format!(
            "the receipt stored at {stored_at} cannot be read ("
        )),
        "{message}"
    );
    assert!(message.ends_with("repair or remove that row"), "{message}");
}

/// A receipt an earlier server stored with a hidden character (U+202E in the site's name,
/// refused since): the exports show it as an escape, and the JSON line still parses to
/// the receipt as stored.
#[test]
fn hidden_characters_stored_by_an_earlier_server_show_as_escapes_in_the_exports() {
    let dir = temp_dir("export-escapes-hidden");
    let server = start_with(&dir, &Backend::Sqlite, &["--admin-token", "t"]);
    let auth = [("Authorization", "Bearer t")];
    let r = receipt_for("export-escapes-hidden", 1);
    assert_eq!(
        post_receipt(&server.addr, r.to_canonical_json().as_bytes()).status,
        201
    );
    let mut older = r.clone();
    older.controller.name = "测试\u{202e}公司".into();
    let db = rusqlite::Connection::open(dir.join("receipts.sqlite3")).unwrap();
    db.execute(
        "UPDATE receipts SET canonical = ?1 WHERE receipt_id = ?2",
        [&older.to_canonical_json(), &r.receipt_id],
    )
    .unwrap();
    let jsonl = request_with(&server.addr, "GET", "/v1/export", &auth, b"").body;
    assert!(!jsonl.contains('\u{202e}'), "{jsonl}");
    assert!(jsonl.contains(r#""name":"测试\u202e公司""#), "{jsonl}");
    let line: serde_json::Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    let parsed: Receipt = serde_json::from_value(line["receipt"].clone()).unwrap();
    assert_eq!(parsed, older);
    let csv = request_with(&server.addr, "GET", "/v1/export?format=csv", &auth, b"").body;
    assert!(!csv.contains('\u{202e}'), "{csv}");
    assert!(csv.contains(",测试\\u202e公司,"), "{csv}");
}
