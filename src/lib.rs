//! Mingshi wasm component: the thin browser shell around `mingshi-core`.
//!
//! It reads the site's configuration, asks the core whether to prompt, shows the UI (in a
//! shadow root; policy text only ever as text), stores the decision, posts its receipt,
//! and activates gated scripts, pixels and iframes once granted. All rules live in the
//! core; this crate does DOM, storage and network. The JS API (`js/index.js`) wraps the
//! functions exported here.

mod app;
mod browser;
mod cleanup;
mod delivery;
mod entry;
mod events;
mod gate;
mod policy_view;
mod storage;
mod ui;

/// Every byte of wasm is downloaded: a 1 KB size-class allocator instead of std's dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: mingshi_alloc::Wasm = mingshi_alloc::Wasm::new();

use mingshi_core::consent::Choice;
use mingshi_core::receipt::CollectionMethod;
use wasm_bindgen::prelude::*;

/// Starts the component with a JSON configuration (a string). `ok` is called with whether
/// the consent dialog was shown (`false` when a stored decision still holds or a refusal is
/// cooling down), `fail` with the error: a policy that could not be loaded or shown, or, for a
/// configuration refused, `undefined`. The component checks the configuration as the core
/// does but carries none of its messages (mingshi-core's `messages` feature, off here: a
/// valid configuration never shows one, and they cost every page 1.6 KB gzip); the JS layer
/// asks the messages module (crates/mingshi-messages-wasm, `checkConfig`) for the message.
/// The JS layer makes its promise of them
/// (`new Promise((ok, fail) => wasm.start(..., ok, fail))`).
///
/// The component has no async code: what it waits for, the JS layer waits for and then
/// calls it back (an executor, promise glue and future state machines cost more wasm than
/// these callbacks: measured). It calls `load(source, by_url, compiled)` for the policy,
/// which the JS layer fetches and compiles as needed, then hands to [`policy`] (see
/// `App::open`), `post(url, headers, body)` to post a receipt, whose answer comes back
/// through [`posted`], and `warn(category, service)` for gated markup naming what the
/// configuration lacks (see `gate::warn_unknown`).
#[wasm_bindgen]
pub fn start(
    config_json: JsValue,
    load: js_sys::Function,
    post: js_sys::Function,
    warn: js_sys::Function,
    ok: js_sys::Function,
    fail: js_sys::Function,
) {
    let Some(config) = app::configure(&config_json.as_string().unwrap_or_default()) else {
        return browser::call1(&fail, &JsValue::UNDEFINED);
    };
    // The rest in a task of its own: reading the configuration, then applying the stored
    // decision and asking for the policy made one task of ~55 ms at 4x CPU throttling.
    // A timer's callback may not give away what it holds (see `browser::set_timeout`): it
    // hands on copies of the functions (references to the same JS functions).
    let rest = move |_| {
        let (app, changes) = app::start(config, load.clone(), post.clone(), warn.clone());
        app.started.replace(Some((ok.clone(), fail.clone())));
        match changes {
            Some(changes) => app.open(ui::Screen::FirstRun, changes),
            None => app.settle_idle(),
        }
    };
    browser::set_timeout(Box::new(rest), 0);
}

/// The policy `load` was asked for: its precompiled form (a string), or the Error loading
/// it failed with.
#[wasm_bindgen]
pub fn policy(result: JsValue) {
    if let Some(a) = app::current() {
        a.policy_loaded(result);
    }
}

/// The answer to the receipt `post` was asked to send: the HTTP status and the response's
/// text (a string), or neither when there was no answer or it could not be read.
#[wasm_bindgen]
pub fn posted(status: Option<u16>, body: JsValue) {
    delivery::posted(status, body.as_string().unwrap_or_default());
}

/// The stored consent as JSON, or `null` when there is none. A JS value, not an
/// `Option<String>`: wasm-bindgen returns that through a two-value shim and its glue reads
/// and frees the string (measured: larger).
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    let state = app::current().map(|a| a.state.borrow());
    match state.as_deref() {
        Some(Some(s)) => s.to_json().into(),
        _ => JsValue::NULL,
    }
}

// The exports take their strings as JS values, read with `as_string` (anything else reads as
// ""): with `&str` and `String` parameters, wasm-bindgen's shims and glue for them measured
// 385 B gzip more for the five (`start`, `posted`, and what are now `allowed`'s three).

/// The yes-or-no questions the JS layer asks, by `kind`: whether the category `text` is
/// granted ([`CATEGORY`], the API's `acceptedCategory`), whether the service `text` is
/// ([`SERVICE`], `acceptedService`: one the configuration lists, granted with its
/// category), or whether a beacon to the URL `text` may leave the page ([`BEACON`], the beacon
/// gate: not when it matches a configured beacon pattern whose category is not granted).
/// Before `start`, nothing is granted and every beacon may leave. One export for the three
/// (`js/index.js` numbers them the same): one wasm-bindgen shim and glue function instead of
/// three (measured: smaller).
#[wasm_bindgen]
pub fn allowed(text: JsValue, kind: u8) -> bool {
    let text = &text.as_string().unwrap_or_default();
    let Some(a) = app::current() else {
        return kind == BEACON;
    };
    match kind {
        CATEGORY => a.granted(text, None),
        SERVICE => a
            .config
            .service(text)
            .is_some_and(|(category, _)| a.granted(&category.id, Some(text))),
        _ => beacon_allowed(a, text),
    }
}

pub const CATEGORY: u8 = 0;
pub const SERVICE: u8 = 1;
pub const BEACON: u8 = 2;

/// The API's actions, by number: [`SHOW`] opens the first-run dialog again,
/// [`SHOW_PREFERENCES`] the preference centre; [`ACCEPT_ALL`], [`REJECT_ALL`] and
/// [`WITHDRAW`] (every optional consent at once, separate consents included) decide; [`RESET`]
/// forgets the stored consent (the next page load asks again). Another number does nothing.
/// One export for the six (`js/index.js` numbers them the same): one wasm-bindgen shim and
/// glue function instead of six (measured: smaller).
#[wasm_bindgen]
pub fn action(n: u8) {
    let Some(a) = app::current() else { return };
    let choice = match n {
        SHOW => return a.open(ui::Screen::FirstRun, Vec::new()),
        SHOW_PREFERENCES => return open_preferences(),
        ACCEPT_ALL => Choice::AcceptAll {
            separate: Default::default(),
            guardian: false,
        },
        REJECT_ALL => Choice::RejectAll,
        WITHDRAW => Choice::Withdraw,
        RESET => return a.reset(),
        _ => return,
    };
    a.close_dialog();
    a.apply_choice(choice, CollectionMethod::Api);
}

pub const SHOW: u8 = 0;
pub const SHOW_PREFERENCES: u8 = 1;
pub const ACCEPT_ALL: u8 = 2;
pub const REJECT_ALL: u8 = 3;
pub const WITHDRAW: u8 = 4;
pub const RESET: u8 = 5;

/// Opens the preference centre: for the settings entry, and for a placeholder's button whose
/// service cannot be granted in place (see `App::enable`).
pub(crate) fn open_preferences() {
    if let Some(a) = app::current() {
        a.open(ui::Screen::Preferences, Vec::new());
    }
}

/// Removes the component from the page (dialog, settings entry); stored consent stays.
/// For the browser tests, which start the component again and again: not a wasm export,
/// since the JS API has no `destroy` (its code would be in every page's wasm for nothing).
pub fn destroy() {
    app::stop();
}

/// Whether a beacon to `url` may leave the page (see [`allowed`]).
fn beacon_allowed(a: &app::App, url: &str) -> bool {
    // The URL as given, absolute, and its path and query (`/a/b?c`).
    let (absolute, path) = match browser::parse_url(url) {
        Some(u) => (
            browser::get_string(&u, "href"),
            browser::get_string(&u, "pathname") + &browser::get_string(&u, "search"),
        ),
        None => (url.to_string(), String::new()),
    };
    let hit = a.config.beacon_category(&[url, &absolute, &path]);
    hit.is_none_or(|category| a.granted(category, None))
}
