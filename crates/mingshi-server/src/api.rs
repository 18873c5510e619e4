//! The receipts API: `POST /v1/receipts`, `GET /v1/receipts/{id}`, `GET /healthz`.
//! Every error is JSON `{"error": "..."}` with a message a site owner can act on.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use mingshi_core::receipt::{is_uuid_v4, Receipt, MAX_RECEIPT_BYTES};

use crate::store::{Insert, Store, Stored};

type Db = Arc<dyn Store>;

pub fn router(store: Db) -> Router {
    Router::new()
        .route("/v1/receipts", post(create))
        .route("/v1/receipts/{id}", get(fetch))
        .route(
            "/healthz",
            get(|| async { json(StatusCode::OK, r#"{"status":"ok"}"#.into()) }),
        )
        // Bodies past the limit are refused with our own message, not axum's.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_RECEIPT_BYTES * 4))
        .with_state(store)
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    json(status, serde_json::json!({ "error": message }).to_string())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `{"receipt": {...}, "receipt_id": "...", "stored_at": ms}`
fn stored_body(id: &str, stored: &Stored) -> String {
    let mut o = mingshi_core::json::Object::new();
    o.raw("receipt", &stored.canonical)
        .str("receipt_id", id)
        .int("stored_at", stored.stored_at);
    o.finish()
}

async fn create(State(db): State<Db>, body: Bytes) -> Response {
    let receipt = match Receipt::parse(&body) {
        Ok(r) => r,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let id = receipt.receipt_id.clone();
    let result = tokio::task::spawn_blocking(move || db.insert(&receipt, now_ms())).await;
    match result {
        Ok(Ok(Insert::Created(s))) => json(StatusCode::CREATED, stored_body(&id, &s)),
        Ok(Ok(Insert::Duplicate(s))) => json(StatusCode::OK, stored_body(&id, &s)),
        Ok(Ok(Insert::Conflict)) => error(
            StatusCode::CONFLICT,
            "a different receipt with this receipt_id is already stored; receipt ids must be unique",
        ),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "receipt storage task failed"),
    }
}

async fn fetch(State(db): State<Db>, Path(id): Path<String>) -> Response {
    if !is_uuid_v4(&id) {
        return error(
            StatusCode::BAD_REQUEST,
            "receipt id must be a lowercase hyphenated UUID v4",
        );
    }
    let key = id.clone();
    match tokio::task::spawn_blocking(move || db.get(&key)).await {
        Ok(Ok(Some(s))) => json(StatusCode::OK, stored_body(&id, &s)),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "no receipt with this id"),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "receipt storage task failed",
        ),
    }
}
