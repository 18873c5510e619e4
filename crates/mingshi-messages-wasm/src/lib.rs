//! The message for a configuration the component refused, as mingshi-core words it.
//!
//! The component (`mingshi`) checks the configuration with core's code but is built without
//! core's `messages` (a valid configuration never shows one); the JS layer loads this module
//! only when the component refuses a configuration, to say what is wrong with it.

use wasm_bindgen::prelude::*;

/// What is wrong with the configuration `json`: the field's path and the problem
/// (`policy: give exactly one of ...`), or `None` when it is valid.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(json: &str) -> Option<String> {
    mingshi_core::consent::Config::from_json(json)
        .err()
        .map(|e| e.full_message())
}
