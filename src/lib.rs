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
mod net;
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

/// Starts the component with a JSON configuration. Resolves to `true` when the consent
/// dialog was shown, `false` when a stored decision still holds (or a refusal is cooling
/// down). A bad configuration rejects with a message naming the field.
///
/// `analyze` is the policy engine, `(text) => Promise<string>` resolving to the
/// precompiled form; it is needed only when the policy is given as text or by URL.
/// `policy_response` is a `fetch` of the policy's URL the JS layer already started on a
/// first visit, so the dialog does not wait for a request made only after `start`.
///
/// This is the Rust entry point (the browser tests call it); the JS layer calls
/// [`start_settling`], exported as `start`.
pub async fn start(
    config_json: String,
    analyze: Option<js_sys::Function>,
    policy_response: Option<js_sys::Promise>,
) -> Result<bool, JsError> {
    app::start(&config_json, analyze, policy_response)
        .await
        .map_err(|e| JsError::new(&e))
}

/// [`start`] for the JS layer, which makes the promise (`new Promise((ok, fail) =>
/// wasm.start(..., ok, fail))`): `ok` is called with whether the dialog was shown, `fail`
/// with the error. An `async` export would make the promise in Rust, whose executor
/// closure and glue cost more wasm and JS than these two callbacks (measured).
#[wasm_bindgen(js_name = start)]
pub fn start_settling(
    config_json: String,
    analyze: Option<js_sys::Function>,
    policy_response: Option<js_sys::Promise>,
    ok: js_sys::Function,
    fail: js_sys::Function,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let (settle, value) = match app::start(&config_json, analyze, policy_response).await {
            Ok(shown) => (ok, JsValue::from(shown)),
            Err(e) => (fail, JsError::new(&e).into()),
        };
        // call3, as gtag and the policy engine are called (one import for all).
        let _ = settle.call3(
            &JsValue::NULL,
            &value,
            &JsValue::UNDEFINED,
            &JsValue::UNDEFINED,
        );
    });
}

/// The stored consent as JSON, or `null` when there is none.
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> Option<String> {
    app::current()?.state.borrow().as_ref().map(|s| s.to_json())
}

#[wasm_bindgen(js_name = acceptedCategory)]
pub fn accepted_category(id: &str) -> bool {
    app::current().is_some_and(|a| a.granted(id, None))
}

#[wasm_bindgen(js_name = acceptedService)]
pub fn accepted_service(id: &str) -> bool {
    app::current().is_some_and(|a| {
        let Some((category, _)) = a.config.service(id) else {
            return false;
        };
        a.granted(&category.id, Some(id))
    })
}

/// Opens the first-run dialog again.
#[wasm_bindgen]
pub fn show() {
    open(ui::Screen::FirstRun);
}

/// Opens the preference centre.
#[wasm_bindgen(js_name = showPreferences)]
pub fn show_preferences() {
    open(ui::Screen::Preferences);
}

pub(crate) fn open_preferences() {
    show_preferences();
}

fn open(screen: ui::Screen) {
    if let Some(a) = app::current() {
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = a.open(screen, Vec::new()).await {
                web_sys::console::error_1(&e.into());
            }
        });
    }
}

fn choose(choice: Choice) {
    if let Some(a) = app::current() {
        a.close_dialog();
        a.apply_choice(choice, CollectionMethod::Api);
    }
}

#[wasm_bindgen(js_name = acceptAll)]
pub fn accept_all() {
    choose(Choice::AcceptAll {
        separate: Default::default(),
        guardian: false,
    });
}

#[wasm_bindgen(js_name = rejectAll)]
pub fn reject_all() {
    choose(Choice::RejectAll);
}

/// Withdraws every optional consent at once (separate consents included).
#[wasm_bindgen]
pub fn withdraw() {
    choose(Choice::Withdraw);
}

/// Forgets the stored consent; the next page load asks again.
#[wasm_bindgen]
pub fn reset() {
    if let Some(a) = app::current() {
        a.reset();
    }
}

/// Removes the component from the page (dialog, settings entry); stored consent stays.
/// For the browser tests, which start the component again and again: not a wasm export,
/// since the JS API has no `destroy` (its code would be in every page's wasm for nothing).
pub fn destroy() {
    app::stop();
}

/// Whether a beacon to `url` may leave the page: `false` when it matches a configured
/// beacon pattern whose category is not granted.
#[wasm_bindgen(js_name = beaconAllowed)]
pub fn beacon_allowed(url: &str) -> bool {
    let Some(a) = app::current() else { return true };
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
