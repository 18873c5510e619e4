//! The HTTP API. Every error is JSON `{"error": "..."}` with a message a site owner can
//! act on (also axum's own answers, see [`json_errors`], and unknown `/v1/` paths); logs
//! carry no personal data (no subject ids, IPs or user agents).
//!
//! - `POST /v1/receipts`: validate (16 KiB limit), sign, store; 201 new, 200 same again, 409 clash
//! - `GET /v1/receipts/{id}`: the receipt, when it was stored, its signature
//! - `GET /.well-known/mingshi-receipt-key`: the public key that signs receipts, and what it
//!   signs (`message`, `signed`)
//! - `GET /v1/subjects/{subject_id}/receipts`, `GET /v1/export?format=jsonl|csv&from=&to=&site=&policy_version=`:
//!   behind `Authorization: Bearer <admin token>`. `site` is the receipt's `controller.name`
//!   (what the person was shown), `from`/`to` bound `consent_timestamp` (ms, `to` exclusive);
//!   at most [`MAX_LISTED`] receipts per answer, else 400 asking for a narrower window.
//! - `GET /healthz`, `GET /metrics`

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use mingshi_core::json::Object;
use mingshi_core::receipt::signature::{stored_message, ReceiptSigner};
use mingshi_core::receipt::{is_hidden, is_uuid_v4, Receipt, MAX_RECEIPT_BYTES};

use crate::metrics::Metrics;
use crate::ratelimit::RateLimiter;
use crate::store::{Filter, Insert, Store, Stored};

/// Everything the handlers share.
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub signer: ReceiptSigner,
    pub admin_token: Option<String>,
    pub allow_origins: Vec<String>,
    /// Take the host and client address from the proxy's headers (`--trust-proxy`).
    pub trust_proxy: bool,
    pub limiter: RateLimiter,
    pub metrics: Metrics,
}

type Shared = Arc<AppState>;

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/v1/receipts", post(create).options(preflight))
        .route("/v1/receipts/{id}", get(fetch).options(preflight))
        .route("/v1/subjects/{subject}/receipts", get(history))
        .route("/v1/export", get(export))
        .route("/.well-known/mingshi-receipt-key", get(public_key))
        .route("/healthz", get(health))
        .route("/metrics", get(metrics))
        .route("/v1/{*rest}", any(no_such_endpoint))
        .layer(axum::middleware::from_fn(json_errors))
        // Bodies past the limit are refused while reading (413, see `create`).
        .layer(axum::extract::DefaultBodyLimit::max(MAX_RECEIPT_BYTES))
        .with_state(state)
}

/// Turns the error answers axum makes itself (a path that is not UTF-8 once decoded, a
/// method the route does not take: plain text or no body) into the API's JSON errors,
/// with their text (or for a 405, the method and path) as the message.
async fn json_errors(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_string();
    let message = if status == StatusCode::METHOD_NOT_ALLOWED {
        // axum adds the `Allow` header after this layer.
        format!("{method} {path}: method not allowed; the Allow header lists those that are")
    } else if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    let mut o = Object::new();
    o.str("error", &message);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(o.finish()))
}

/// A `/v1/` path that is no endpoint: a JSON 404 rather than the static files' page.
async fn no_such_endpoint(req: Request) -> Response {
    error(
        StatusCode::NOT_FOUND,
        &format!("no API endpoint at {}", req.uri().path()),
    )
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    let mut o = Object::new();
    o.str("error", message);
    json(status, o.finish())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `{"key_id", "receipt", "receipt_id", "signature", "stored_at"}`
fn stored_body(state: &AppState, id: &str, stored: &Stored) -> String {
    let mut o = Object::new();
    o.str("key_id", &state.signer.key_id())
        .raw("receipt", &stored.canonical)
        .str("receipt_id", id)
        .str("signature", &stored.signature)
        .int("stored_at", stored.stored_at);
    o.finish()
}

/// The CORS headers for an allowed origin; `Err` when the origin is not allowed.
fn cors(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Vec<(header::HeaderName, HeaderValue)>, ()> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(Vec::new());
    };
    let host = crate::proxy::host(headers, state.trust_proxy);
    let origin_str = origin.to_str().unwrap_or("");
    let same_origin = host.is_some()
        && origin_str
            .strip_prefix("http://")
            .or_else(|| origin_str.strip_prefix("https://"))
            == host.as_deref();
    if same_origin {
        return Ok(Vec::new());
    }
    if state
        .allow_origins
        .iter()
        .any(|o| o == origin_str || o == "*")
    {
        return Ok(vec![
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone()),
            (header::VARY, HeaderValue::from_static("Origin")),
        ]);
    }
    Err(())
}

async fn preflight(State(state): State<Shared>, headers: HeaderMap) -> Response {
    match cors(&state, &headers) {
        Ok(mut h) => {
            h.push((
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, OPTIONS"),
            ));
            h.push((
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                headers
                    .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
                    .cloned()
                    .unwrap_or(HeaderValue::from_static("content-type")),
            ));
            h.push((
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("86400"),
            ));
            let mut r = StatusCode::NO_CONTENT.into_response();
            r.headers_mut().extend(h);
            r
        }
        Err(()) => error(
            StatusCode::FORBIDDEN,
            "this origin may not post receipts; add it with --allow-origin",
        ),
    }
}

fn with_headers(mut r: Response, h: Vec<(header::HeaderName, HeaderValue)>) -> Response {
    r.headers_mut().extend(h);
    r
}

async fn create(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let started = Instant::now();
    let Ok(cors_headers) = cors(&state, &headers) else {
        Metrics::inc(&state.metrics.rejected_origin);
        return error(
            StatusCode::FORBIDDEN,
            "this origin may not post receipts; add it with --allow-origin",
        );
    };
    let client = crate::proxy::client_ip(&headers, peer.ip(), state.trust_proxy);
    if !state.limiter.allow(client, started) {
        Metrics::inc(&state.metrics.rejected_rate_limit);
        let r = error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many receipts from this client; retry later",
        );
        return with_headers(r, cors_headers);
    }
    let body = match body {
        Ok(b) => b,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Metrics::inc(&state.metrics.rejected_too_large);
            let message =
                format!("receipt body is larger than the limit of {MAX_RECEIPT_BYTES} bytes");
            let r = error(StatusCode::PAYLOAD_TOO_LARGE, &message);
            return with_headers(r, cors_headers);
        }
        Err(_) => {
            Metrics::inc(&state.metrics.rejected_invalid);
            let r = error(
                StatusCode::BAD_REQUEST,
                "the receipt body could not be read",
            );
            return with_headers(r, cors_headers);
        }
    };
    let receipt = match Receipt::parse(&body) {
        Ok(r) => r,
        Err(e) => {
            Metrics::inc(&state.metrics.rejected_invalid);
            return with_headers(error(StatusCode::BAD_REQUEST, &e.to_string()), cors_headers);
        }
    };
    let id = receipt.receipt_id.clone();
    let stored_at = now_ms();
    let signature = state
        .signer
        .sign(&stored_message(&receipt.to_canonical_json(), stored_at));
    let db = state.store.clone();
    let result =
        tokio::task::spawn_blocking(move || db.insert(&receipt, &signature, stored_at)).await;
    let m = &state.metrics;
    let response = match result {
        Ok(Ok(Insert::Created(s))) => {
            Metrics::inc(&m.stored);
            json(StatusCode::CREATED, stored_body(&state, &id, &s))
        }
        Ok(Ok(Insert::Duplicate(s))) => {
            Metrics::inc(&m.duplicates);
            json(StatusCode::OK, stored_body(&state, &id, &s))
        }
        Ok(Ok(Insert::Conflict)) => {
            Metrics::inc(&m.conflicts);
            error(StatusCode::CONFLICT, "a different receipt with this receipt_id is already stored; receipt ids must be unique")
        }
        Ok(Err(e)) => {
            Metrics::inc(&m.storage_errors);
            eprintln!("mingshi-server: {e}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the receipt could not be stored; retry later",
            )
        }
        Err(_) => {
            Metrics::inc(&m.storage_errors);
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the receipt could not be stored; retry later",
            )
        }
    };
    m.observe(started.elapsed().as_secs_f64());
    with_headers(response, cors_headers)
}

async fn fetch(
    State(state): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let cors_headers = cors(&state, &headers).unwrap_or_default();
    if !is_uuid_v4(&id) {
        return error(
            StatusCode::BAD_REQUEST,
            "receipt id must be a lowercase hyphenated UUID v4",
        );
    }
    let db = state.store.clone();
    let key = id.clone();
    let r = match tokio::task::spawn_blocking(move || db.get(&key)).await {
        Ok(Ok(Some(s))) => json(StatusCode::OK, stored_body(&state, &id, &s)),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "no receipt with this id"),
        _ => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "receipt storage failed; retry later",
        ),
    };
    with_headers(r, cors_headers)
}

/// What the server signs for a stored receipt, as `/.well-known/mingshi-receipt-key` tells
/// it: [`stored_message`] with its two parts named. The receipts tests verify a stored
/// receipt by following these words, so that they cannot drift from what is signed.
const SIGNED_MESSAGE: &str = r#"{"receipt":RECEIPT,"stored_at":STORED_AT}"#;
const SIGNED: &str = "the UTF-8 bytes of `message` with RECEIPT the receipt's canonical JSON \
    (sorted keys, no whitespace, strings escaped as RFC 8785 does) and STORED_AT the time the \
    server stored it (ms since the epoch): the `receipt` and `stored_at` of GET /v1/receipts/{id}";

async fn public_key(State(state): State<Shared>) -> Response {
    let mut o = Object::new();
    o.str("algorithm", "Ed25519")
        .str("key_id", &state.signer.key_id())
        .str("message", SIGNED_MESSAGE)
        .str("public_key", &state.signer.public_key_hex())
        .str("signed", SIGNED);
    json(StatusCode::OK, o.finish())
}

async fn health(State(state): State<Shared>) -> Response {
    let mut o = Object::new();
    o.str("backend", state.store.kind()).str("status", "ok");
    json(StatusCode::OK, o.finish())
}

async fn metrics(State(state): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(state.store.kind()),
    )
        .into_response()
}

/// `None` when the request carries the admin token, else the refusal to send.
fn unauthorised(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = &state.admin_token else {
        return Some(error(
            StatusCode::NOT_FOUND,
            "the admin API is off; start the server with --admin-token",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "));
    // Constant-time comparison: do not leak the token through timing.
    let ok = given.is_some_and(|g| {
        g.len() == token.len()
            && g.bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    });
    (!ok).then(|| {
        error(
            StatusCode::UNAUTHORIZED,
            "missing or wrong admin token (Authorization: Bearer ...)",
        )
    })
}

/// Most receipts one history or export answer holds.
pub const MAX_LISTED: u32 = 100_000;

/// The receipts matching `filter`; refuses (rather than silently cuts) a longer list.
async fn list(state: Shared, mut filter: Filter) -> Result<Vec<Stored>, Response> {
    filter.limit = Some(MAX_LISTED + 1);
    let db = state.store.clone();
    match tokio::task::spawn_blocking(move || db.list(&filter)).await {
        Ok(Ok(rows)) if rows.len() > MAX_LISTED as usize => Err(error(
            StatusCode::BAD_REQUEST,
            &format!("more than {MAX_LISTED} receipts match; narrow the from/to window"),
        )),
        Ok(Ok(rows)) => Ok(rows),
        _ => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "receipt storage failed; retry later",
        )),
    }
}

async fn history(
    State(state): State<Shared>,
    headers: HeaderMap,
    Path(subject): Path<String>,
) -> Response {
    if let Some(r) = unauthorised(&state, &headers) {
        return r;
    }
    let filter = Filter {
        subject_id: Some(subject),
        ..Default::default()
    };
    match list(state.clone(), filter).await {
        Ok(rows) => {
            let items: Vec<String> = rows.iter().map(|s| receipt_line(&state, s)).collect();
            json(
                StatusCode::OK,
                String::from("{\"receipts\":[") + &items.join(",") + "]}",
            )
        }
        Err(r) => r,
    }
}

/// One stored receipt as a JSON object with its signature.
fn receipt_line(state: &AppState, s: &Stored) -> String {
    let id = serde_json::from_str::<serde_json::Value>(&s.canonical)
        .ok()
        .and_then(|v| v["receipt_id"].as_str().map(str::to_string))
        .unwrap_or_default();
    escape_hidden(&stored_body(state, &id, s))
}

/// `text` with each character that `receipt::is_hidden` (a bidirectional override, a
/// zero-width space…) as a JSON escape, `\u202e` (a surrogate pair beyond U+FFFF), so that it
/// shows where an export is read rather than disguise a value. Receipts are refused with
/// them now, but an earlier server stored some. In a stored receipt's JSON they occur only
/// inside strings (the canonical writer escapes the controls), where the escape is the same
/// value: the line parses to the receipt as signed, and verifies.
fn escape_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The parameters [`export`] takes.
const EXPORT_PARAMS: [&str; 5] = ["format", "from", "to", "site", "policy_version"];

/// The export's parameters: whether `format` is `csv` (else `jsonl`, the default), and the
/// [`Filter`] (`from`, `to`, `site`, `policy_version`). An unknown, repeated or empty
/// parameter, one not UTF-8, a time that is not a whole number of milliseconds, or a `from`
/// not before `to`, is refused with a message naming it.
fn export_params(query: &[(String, String)]) -> Result<(bool, Filter), String> {
    let mut csv = false;
    let mut filter = Filter::default();
    for (i, (key, value)) in query.iter().enumerate() {
        if !EXPORT_PARAMS.contains(&key.as_str()) {
            return Err(format!(
                "unknown parameter `{key}`; the export takes {}",
                EXPORT_PARAMS.join(", ")
            ));
        }
        if query[..i].iter().any(|(k, _)| k == key) {
            return Err(format!("`{key}` is given more than once"));
        }
        if value.is_empty() {
            return Err(format!("`{key}` is empty; give it a value or leave it out"));
        }
        // The query is decoded lossily: bytes that are not UTF-8 (`%FF`) come out as U+FFFD
        // and would match nothing, an answer that reads as "no receipts".
        if value.contains('\u{FFFD}') {
            return Err(format!("`{key}` is not UTF-8 once percent-decoded"));
        }
        let time = || {
            value.parse::<i64>().map_err(|_| {
                format!("`{key}` must be a time in milliseconds since the epoch, not `{value}`")
            })
        };
        match key.as_str() {
            "format" if value == "jsonl" || value == "csv" => csv = value == "csv",
            "format" => return Err(format!("`format` must be jsonl or csv, not `{value}`")),
            "from" => filter.from = Some(time()?),
            "to" => filter.to = Some(time()?),
            "site" => filter.site = Some(value.clone()),
            _ => filter.policy_version = Some(value.clone()),
        }
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from >= to {
            // Likely swapped: an empty answer would read as "no receipts".
            return Err(format!(
                "`from` must be before `to` (`to` is exclusive), not {from} and {to}"
            ));
        }
    }
    Ok((csv, filter))
}

async fn export(
    State(state): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = unauthorised(&state, &headers) {
        return r;
    }
    let (csv, filter) = match export_params(&query) {
        Ok(p) => p,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    let rows = match list(state.clone(), filter).await {
        Ok(rows) => rows,
        Err(r) => return r,
    };
    if !csv {
        let mut out = String::new();
        for s in &rows {
            out.push_str(&receipt_line(&state, s));
            out.push('\n');
        }
        return ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response();
    }
    let mut out = String::from("receipt_id,consent_timestamp,stored_at,controller,policy_id,policy_version,policy_sha256,subject_id,action,collection_method,language,gpc,categories,services,separate,signature\n");
    for s in &rows {
        // A stored row that is not a receipt (a damaged database, a hand edit) stops the
        // export with a 500 naming it: left out, the answer would pass for every receipt.
        let r = match Receipt::from_stored(&s.canonical) {
            Ok(r) => r,
            Err(e) => {
                let message = format!(
                    "the receipt stored at {} cannot be read ({e}); the export stops rather than leave it out: repair or remove that row",
                    s.stored_at
                );
                return error(StatusCode::INTERNAL_SERVER_ERROR, &message);
            }
        };
        let flags = |m: &mingshi_core::flags::Flags| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", u8::from(*v)))
                .collect::<Vec<_>>()
                .join(";")
        };
        let fields = [
            r.receipt_id.clone(),
            r.consent_timestamp.to_string(),
            s.stored_at.to_string(),
            r.controller.name.clone(),
            r.policy.id.clone(),
            r.policy.version.clone(),
            r.policy.sha256.clone(),
            r.subject_id.clone(),
            r.action.as_str().to_string(),
            r.collection_method.as_str().to_string(),
            r.language.clone(),
            r.gpc.to_string(),
            flags(&r.decisions.categories),
            flags(&r.decisions.services),
            flags(&r.decisions.separate),
            s.signature.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response()
}

/// Quotes a CSV field when needed, defuses spreadsheet formulas, and shows hidden
/// characters as escapes ([`escape_hidden`]).
fn csv_field(f: &str) -> String {
    let mut f = escape_hidden(f);
    if f.starts_with(['=', '+', '-', '@']) {
        f.insert(0, '\'');
    }
    if f.contains([',', '"', '\n', '\r']) {
        String::from("\"") + &f.replace('"', "\"\"") + "\""
    } else {
        f
    }
}
