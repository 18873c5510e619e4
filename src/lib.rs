//! Mingshi wasm component: the thin browser shell around `mingshi-core`.
//!
//! It reads the site's configuration, decides with the core whether to ask for consent,
//! shows the dialog (in a shadow root, policy text inserted as text only), stores the
//! decision in localStorage and posts a consent receipt. All rules live in the core;
//! this crate does DOM, storage and network.

mod browser;
mod config;
mod delivery;
mod dialog;
mod gate;
mod net;
mod storage;
mod ui;

use wasm_bindgen::prelude::*;

use config::SliceConfig;

/// Key under which the decision is stored in localStorage.
pub const STORAGE_KEY: &str = "mingshi.consent";

/// Starts the component with a JSON configuration. Resolves to `true` when the consent
/// dialog was shown, `false` when a stored decision was still valid.
#[wasm_bindgen]
pub async fn start(config_json: String) -> Result<bool, JsError> {
    let config = SliceConfig::from_json(&config_json).map_err(|e| JsError::new(&e))?;
    let store = storage::Store::open();
    if let Some(stored) = store.get(STORAGE_KEY) {
        if config::stored_decision_is_current(&stored, &config) {
            return Ok(false);
        }
    }
    let policy_text = net::fetch_text(&config.policy_url)
        .await
        .map_err(|e| JsError::new(&e))?;
    dialog::show(config, policy_text, store).map_err(|e| JsError::new(&e))?;
    Ok(true)
}

/// The stored decision as JSON, or `null` when there is none.
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> Option<String> {
    storage::Store::open().get(STORAGE_KEY)
}
