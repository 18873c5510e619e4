//! Receipt delivery: every receipt goes into the outbox in storage first, then is posted
//! with `fetch(keepalive)`; it leaves the outbox only when the server acknowledged it.
//! Unacknowledged receipts are retried with backoff, on later page loads too, and handed
//! to `sendBeacon` when the page is hidden. The server is idempotent on receipt id, so a
//! receipt that arrives twice is stored once.

use std::cell::Cell;

use mingshi_core::receipt::outbox::{Outbox, Outcome, NOT_A_RECEIPTS_ENDPOINT};

use crate::app::App;
use crate::browser::{now_ms, set_timeout, window};
use crate::net;
use crate::storage::Store;

const OUTBOX_KEY: &str = "mingshi.outbox";
/// The latest receipt the server signed, kept so the person can show it.
pub const SIGNED_KEY: &str = "mingshi.receipt";

thread_local! {
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

fn load(store: &Store) -> Outbox {
    store
        .get(OUTBOX_KEY)
        .and_then(|t| Outbox::from_json(&t))
        .unwrap_or_default()
}

fn save(store: &Store, outbox: &Outbox) {
    store.set(OUTBOX_KEY, &outbox.to_json());
}

/// Queues `body` (canonical receipt JSON) and starts sending.
pub fn send(app: &'static App, receipt_id: &str, body: String) {
    let mut outbox = load(&app.store);
    outbox.enqueue(receipt_id, body, now_ms());
    save(&app.store, &outbox);
    flush(app);
}

/// Sends whatever is due now, one at a time, then schedules the next retry. The endpoint,
/// headers and store are the app's, held by reference rather than copied into each
/// future and timer.
pub fn flush(app: &'static App) {
    if FLUSHING.with(|f| f.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let (store, receipts) = (&app.store, &app.config.receipts);
        for item in load(store).due(now_ms()) {
            let answer = net::post_json(&receipts.endpoint, &receipts.headers, &item.body).await;
            let (status, body) = match answer {
                Some((status, body)) => (Some(status), body),
                None => (None, String::new()),
            };
            let outcome = Outcome::from_answer(status, &body);
            match outcome {
                Outcome::Acknowledged if !body.is_empty() => store.set(SIGNED_KEY, &body),
                Outcome::NotAReceiptsEndpoint if item.attempts == 0 => web_sys::console::error_3(
                    &NOT_A_RECEIPTS_ENDPOINT.into(),
                    &receipts.endpoint.as_str().into(),
                    &body.as_str().into(),
                ),
                _ => {}
            }
            // Re-read: another tab or a new decision may have changed the outbox meanwhile.
            let mut outbox = load(store);
            outbox.record(&item.receipt_id, outcome, now_ms());
            save(store, &outbox);
        }
        FLUSHING.with(|f| f.set(false));
        let next = load(store).next_due();
        schedule(app, next);
    });
}

fn schedule(app: &'static App, when: Option<i64>) {
    let Some(when) = when else { return };
    let Ok(w) = window() else { return };
    let delay = (when - now_ms()).clamp(0, i64::from(i32::MAX)) as i32;
    if let Some(old) = TIMER.with(|t| t.take()) {
        w.clear_timeout_with_handle(old);
    }
    let id = set_timeout(
        Box::new(move || {
            TIMER.with(|t| t.set(None));
            flush(app);
        }),
        delay,
    );
    TIMER.with(|t| t.set(id));
}

/// On `pagehide`, hands every queued receipt to `sendBeacon` (which outlives the page).
/// They stay in the outbox: only an acknowledged fetch removes them. The body goes as text
/// (`text/plain`, which the server reads like JSON): a CORS-safelisted type, so a receipts
/// server on another origin gets it without a preflight the closing page could not await,
/// and no Blob is built.
pub fn beacon_on_pagehide(app: &'static App) {
    let Ok(w) = window() else { return };
    let handler = move |_| {
        let Some(nav) = crate::browser::global("navigator") else {
            return;
        };
        let nav: web_sys::Navigator = wasm_bindgen::JsCast::unchecked_into(nav);
        let endpoint = &app.config.receipts.endpoint;
        for item in load(&app.store).pending {
            let _ = nav.send_beacon_with_opt_str(endpoint, Some(&item.body));
        }
    };
    crate::browser::listen(&w, &["pagehide"], Box::new(handler));
}
