//! Behind a reverse proxy that does not pass the browser's `Host` (nginx sends its upstream's
//! by default): with `--trust-proxy` the same-origin check uses the proxy's
//! `X-Forwarded-Host` or `Forwarded: host=`, and the rate limit counts per
//! `X-Forwarded-For` / `Forwarded: for=` client. Without the option those headers count
//! for nothing. The test client sends `Host: 127.0.0.1:PORT`, as such a proxy does.

mod common;

use common::{receipt_for, request_with, start_with, temp_dir, Backend, Reply};

fn post(addr: &str, headers: &[(&str, &str)], test: &str, n: u32) -> Reply {
    let body = receipt_for(test, n).to_canonical_json();
    request_with(addr, "POST", "/v1/receipts", headers, body.as_bytes())
}

#[test]
fn the_proxys_host_makes_a_same_origin_post_only_when_trusted() {
    let name = "proxy-host";
    let dir = temp_dir(name);
    let page = [
        ("Origin", "https://shop.example"),
        ("X-Forwarded-Host", "shop.example"),
    ];
    let untrusted = start_with(&dir, &Backend::Sqlite, &[]);
    assert_eq!(post(&untrusted.addr, &page, name, 1).status, 403);
    drop(untrusted);

    let server = start_with(&dir, &Backend::Sqlite, &["--trust-proxy"]);
    let ok = post(&server.addr, &page, name, 2);
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert!(
        !ok.headers
            .to_ascii_lowercase()
            .contains("access-control-allow-origin"),
        "same origin needs no CORS headers: {}",
        ok.headers
    );
    let forwarded = [
        ("Origin", "https://shop.example:8443"),
        (
            "Forwarded",
            "for=198.51.100.7;host=\"shop.example:8443\";proto=https",
        ),
    ];
    assert_eq!(post(&server.addr, &forwarded, name, 3).status, 201);
    let preflight = request_with(
        &server.addr,
        "OPTIONS",
        "/v1/receipts",
        &[
            ("Origin", "https://shop.example"),
            ("X-Forwarded-Host", "shop.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    // Another site is still another origin.
    let other = [
        ("Origin", "https://evil.example"),
        ("X-Forwarded-Host", "shop.example"),
    ];
    assert_eq!(post(&server.addr, &other, name, 4).status, 403);
}

#[test]
fn the_rate_limit_counts_per_forwarded_client_only_when_trusted() {
    let name = "proxy-rate";
    let dir = temp_dir(name);
    let from = |ip: &'static str| [("X-Forwarded-For", ip)];
    let mut n = 0;
    let mut statuses = |addr: &str, headers: &[(&str, &str)], count: u32| -> Vec<u16> {
        (0..count)
            .map(|_| {
                n += 1;
                post(addr, headers, name, n).status
            })
            .collect()
    };
    // --rate 1: bursts of 2.
    let untrusted = start_with(&dir, &Backend::Sqlite, &["--rate", "1"]);
    assert_eq!(
        statuses(&untrusted.addr, &from("203.0.113.1"), 2),
        [201, 201]
    );
    assert_eq!(
        statuses(&untrusted.addr, &from("203.0.113.2"), 1),
        [429],
        "one peer, one bucket, whatever it claims"
    );
    drop(untrusted);

    let server = start_with(&dir, &Backend::Sqlite, &["--rate", "1", "--trust-proxy"]);
    assert_eq!(
        statuses(&server.addr, &from("203.0.113.1"), 3),
        [201, 201, 429]
    );
    assert_eq!(
        statuses(&server.addr, &from("198.51.100.7, 203.0.113.2"), 2),
        [201, 201],
        "another client behind the same proxy has its own bucket"
    );
    assert_eq!(
        statuses(&server.addr, &from("198.51.100.9, 203.0.113.1"), 1),
        [429],
        "what the client put first does not get it a new bucket"
    );
    let forwarded = [("Forwarded", "for=\"[2001:db8::5]:4711\"")];
    assert_eq!(statuses(&server.addr, &forwarded, 1), [201]);
}
