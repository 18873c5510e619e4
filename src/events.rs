//! Telling the page: DOM CustomEvents (`mingshi:consent`, `mingshi:change`,
//! `mingshi:withdraw`) with the consent as `detail`, a `dataLayer` event for tag managers,
//! and a Google Consent Mode v2 `update`.

use mingshi_core::consent::ConsentState;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::{get, set, set_str, window};

/// Google Consent Mode types, each followed by the category that grants it (the stub's `gcm`
/// map, if the page loaded the stub, overrides these). One string, not a table of pairs: a
/// table's pointers and lengths compress worse (measured: smaller wasm).
const GCM: &str = "ad_storage marketing ad_user_data marketing ad_personalization marketing \
    analytics_storage analytics functionality_storage functional \
    personalization_storage personalisation security_storage necessary";

/// Dispatches `mingshi:<name>` on window with the parsed consent as detail.
pub fn dispatch(name: &str, consent_json: &str) {
    let Some(w) = window() else { return };
    let detail = js_sys::JSON::parse(consent_json).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    set(&init, "detail", &detail);
    let event_name = mingshi_core::text::concat("mingshi:", name);
    if let Some(ev) = crate::browser::construct("CustomEvent", &event_name.into(), &init) {
        let _ = crate::browser::invoke1(&w, "dispatchEvent", &ev);
    }
    // dataLayer.push({event: 'mingshi_consent', mingshi_event: name, mingshi: detail})
    let layer = Some(get(&w, "dataLayer")).filter(js_sys::Array::is_array);
    if let Some(layer) = layer {
        let entry = js_sys::Object::new();
        set_str(&entry, "event", "mingshi_consent");
        set_str(&entry, "mingshi_event", name);
        set(&entry, "mingshi", &detail);
        layer.unchecked_into::<js_sys::Array>().push(&entry);
    }
}

/// Calls `gtag('consent', 'update', {...})` when the page has gtag. No state (forgotten)
/// grants only what is necessary.
pub fn gcm_update(state: Option<&ConsentState>) {
    let Some(w) = window() else { return };
    let gtag = get(&w, "gtag");
    let Some(gtag) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&gtag) else {
        return;
    };
    let custom = Some(get(&get(&w, "Mingshi"), "gcm")).filter(|m| m.is_object());
    let update = js_sys::Object::new();
    let mut words = mingshi_core::text::split(GCM, " ");
    while let (Some(kind), Some(default_category)) = (words.next(), words.next()) {
        let custom_category = custom.as_ref().and_then(|m| get(m, kind).as_string());
        let category = custom_category.as_deref().unwrap_or(default_category);
        let on = match state {
            Some(s) => s.granted_category(category),
            None => category == mingshi_core::consent::NECESSARY,
        };
        let value = if on { "granted" } else { "denied" };
        set_str(&update, kind, value);
    }
    crate::browser::call(gtag, &"consent".into(), &"update".into(), &update);
}
