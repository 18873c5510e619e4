//! Receipt delivery: every receipt goes into the outbox in storage first, then is posted
//! with `fetch(keepalive)`; it leaves the outbox only when the server acknowledged it.
//! Unacknowledged receipts are retried with backoff, on later page loads too, and handed
//! to `sendBeacon` when the page is hidden. The server is idempotent on receipt id, so a
//! receipt that arrives twice is stored once.
//!
//! The component has no async code (see `crate::start`): the JS layer posts a receipt for it
//! (`post`, with `keepalive`, so it survives the page being closed, and abandoned after 10 s
//! if it hangs) and hands the answer back through `crate::posted`.

use std::cell::{Cell, RefCell};

use mingshi_core::receipt::outbox::{Outbox, Outcome, Pending, NOT_A_RECEIPTS_ENDPOINT};
use wasm_bindgen::JsValue;

use crate::app::App;
use crate::browser::{call, now_ms, set_str, set_timeout, window};
use crate::storage;

const OUTBOX_KEY: &str = "mingshi.outbox";
/// The latest receipt the server signed, kept so the person can show it.
pub const SIGNED_KEY: &str = "mingshi.receipt";

thread_local! {
    /// The app whose outbox is being sent, while a flush runs (one at a time).
    static FLUSHING: Cell<Option<&'static App>> = const { Cell::new(None) };
    /// The receipts the flush has still to send, last first: the last one was posted and
    /// awaits its answer.
    static QUEUE: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

fn load() -> Outbox {
    storage::get(OUTBOX_KEY)
        .and_then(|t| Outbox::from_json(&t))
        .unwrap_or_default()
}

/// Stores the outbox. Where storage has no room for all of it (a cookie, about 4 KB, holds a
/// few receipts), memory keeps it whole for this page, whose fetches and `pagehide` beacons
/// send every receipt, and storage keeps its newest receipts that fit for the next page
/// (see [`Outbox::keep_newest`]), not none.
fn save(outbox: Outbox) {
    if !storage::set(OUTBOX_KEY, &outbox.to_json()) {
        outbox.keep_newest(|json| storage::persist(OUTBOX_KEY, json));
    }
}

/// Queues `body` (canonical receipt JSON) and starts sending. A flush already running
/// sends it too, after what it has still to send: the list it read lacks it, and another
/// tab's write may remove it from storage before that flush ends (a flush that starts here
/// reads its list afresh).
pub fn send(app: &'static App, receipt_id: &str, body: String) {
    let mut outbox = load();
    if let Some(item) = outbox.enqueue(receipt_id, body, now_ms()) {
        QUEUE.with(|q| q.borrow_mut().insert(0, item));
    }
    save(outbox);
    flush(app);
}

/// Sends whatever is due now, one at a time, then schedules the next retry. The endpoint
/// and headers are the app's, held by reference rather than copied.
pub fn flush(app: &'static App) {
    if FLUSHING.with(|f| f.replace(Some(app))).is_some() {
        return;
    }
    let mut due = load().due(now_ms());
    due.reverse();
    QUEUE.with(|q| *q.borrow_mut() = due);
    post_next(app);
}

/// Posts the flush's next receipt; at the end, schedules the next retry.
fn post_next(app: &'static App) {
    let Some(body) = QUEUE.with(|q| q.borrow().last().map(|item| JsValue::from(&item.body))) else {
        FLUSHING.with(|f| f.set(None));
        return schedule(app, load().next_due());
    };
    let receipts = &app.config.receipts;
    // The headers as a plain object (fetch accepts a record): no Headers imports. Names are
    // lowercased, so a configured header replaces one of the same name in any case (as
    // Headers.set did) instead of being added to it. A name or value fetch refuses makes it
    // reject, which comes back as no answer, as Headers' own check did.
    let headers = js_sys::Object::new();
    set_str(&headers, "content-type", "application/json");
    for (k, v) in &receipts.headers {
        set_str(&headers, &k.to_ascii_lowercase(), v);
    }
    call(
        &app.post,
        &receipts.endpoint.as_str().into(),
        &headers,
        &body,
    );
}

/// The answer to the receipt [`post_next`] posted: the HTTP status and the response's text,
/// or no status when there was no answer, or it could not be read (retried later). The body
/// decides whether a 2xx acknowledges (see `Outcome::from_answer`).
pub fn posted(status: Option<u16>, body: String) {
    let (Some(app), Some(item)) = (
        FLUSHING.with(Cell::get),
        QUEUE.with(|q| q.borrow_mut().pop()),
    ) else {
        return;
    };
    let receipts = &app.config.receipts;
    let outcome = Outcome::from_answer(status, &body);
    match outcome {
        Outcome::Acknowledged if !body.is_empty() => {
            storage::set(SIGNED_KEY, &body);
        }
        Outcome::NotAReceiptsEndpoint if item.attempts == 0 => {
            // One text, as the console shows its four parts given apart (joined by spaces):
            // no console import of its own for four arguments (measured: smaller).
            let mut why =
                mingshi_core::text::concat(NOT_A_RECEIPTS_ENDPOINT, " ") + &receipts.endpoint + " ";
            mingshi_core::json::write_i64(&mut why, status.unwrap_or(0).into());
            why.push(' ');
            why.push_str(&body);
            crate::browser::console("error", &why);
        }
        _ => {}
    }
    // Re-read: another tab or a new decision may have changed the outbox meanwhile (a
    // receipt to retry that another tab's write removed is queued again).
    let mut outbox = load();
    outbox.record(&item, outcome, now_ms());
    save(outbox);
    post_next(app);
}

fn schedule(app: &'static App, when: Option<i64>) {
    let Some(when) = when else { return };
    let Some(w) = window() else { return };
    let delay = (when - now_ms()).clamp(0, i64::from(i32::MAX)) as i32;
    if let Some(old) = TIMER.with(|t| t.take()) {
        w.clear_timeout_with_handle(old);
    }
    let id = set_timeout(
        Box::new(move |_| {
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
    let Some(w) = window() else { return };
    let handler = move |_| {
        let Some(nav) = crate::browser::global("navigator") else {
            return;
        };
        let endpoint = &app.config.receipts.endpoint;
        for item in load().pending {
            let body = JsValue::from(&item.body);
            let _ = crate::browser::invoke2(&nav, "sendBeacon", &endpoint.into(), &body);
        }
    };
    crate::browser::listen(&w, &["pagehide"], Box::new(handler));
}
