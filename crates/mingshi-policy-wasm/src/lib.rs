//! Mingshi's policy engine in the browser: analyses policy text (plain, Markdown or HTML)
//! into the precompiled JSON form, the same as `mingshi policy compile`.
//!
//! The component (`mingshi`) reads only the precompiled form; the JS layer loads this
//! module on demand when a policy is given as text or by URL, or when a page calls
//! `Mingshi.analyzePolicy`.

use wasm_bindgen::prelude::*;

/// The precompiled JSON form of `text`; a message naming the problem for empty, binary
/// or oversized input.
#[wasm_bindgen(js_name = analyzePolicy)]
pub fn analyze_policy(text: &str) -> Result<String, JsError> {
    mingshi_core::policy::analyze(text, mingshi_core::policy::Format::Auto)
        .map(|p| p.to_compiled_json())
        .map_err(|e| JsError::new(&e.message()))
}
