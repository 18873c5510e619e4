//! Telling the page: DOM CustomEvents (`mingshi:consent`, `mingshi:change`,
//! `mingshi:withdraw`) with the consent as `detail`, a `dataLayer` event for tag managers,
//! and a Google Consent Mode v2 `update`.

use mingshi_core::consent::ConsentState;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::window;

/// Google Consent Mode types and the category that grants each (the stub's `gcm` map, if
/// the page loaded the stub, overrides this).
const GCM: &[(&str, &str)] = &[
    ("ad_storage", "marketing"),
    ("ad_user_data", "marketing"),
    ("ad_personalization", "marketing"),
    ("analytics_storage", "analytics"),
    ("functionality_storage", "functional"),
    ("personalization_storage", "personalisation"),
    ("security_storage", "necessary"),
];

/// Dispatches `mingshi:<name>` on window with the parsed consent as detail.
pub fn dispatch(name: &str, consent_json: &str) {
    let Ok(w) = window() else { return };
    let detail = js_sys::JSON::parse(consent_json).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    let event_name = String::from("mingshi:") + name;
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&event_name, &init) {
        let _ = w.dispatch_event(&ev);
    }
    // dataLayer.push({event: 'mingshi_consent', mingshi_event: name, mingshi: detail})
    let layer = js_sys::Reflect::get(&w, &"dataLayer".into())
        .ok()
        .filter(js_sys::Array::is_array);
    if let Some(layer) = layer {
        let entry = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&entry, &"event".into(), &"mingshi_consent".into());
        let _ = js_sys::Reflect::set(&entry, &"mingshi_event".into(), &name.into());
        let _ = js_sys::Reflect::set(&entry, &"mingshi".into(), &detail);
        layer.unchecked_into::<js_sys::Array>().push(&entry);
    }
}

/// Calls `gtag('consent', 'update', {...})` when the page has gtag.
pub fn gcm_update(state: &ConsentState) {
    let Ok(w) = window() else { return };
    let Ok(gtag) = js_sys::Reflect::get(&w, &"gtag".into()) else {
        return;
    };
    let Some(gtag) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&gtag) else {
        return;
    };
    let custom = js_sys::Reflect::get(&w, &"Mingshi".into())
        .ok()
        .and_then(|m| js_sys::Reflect::get(&m, &"gcm".into()).ok())
        .filter(|m| m.is_object());
    let update = js_sys::Object::new();
    for (kind, default_category) in GCM {
        let category = custom
            .as_ref()
            .and_then(|m| js_sys::Reflect::get(m, &(*kind).into()).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| default_category.to_string());
        let value = if state.granted_category(&category) {
            "granted"
        } else {
            "denied"
        };
        let _ = js_sys::Reflect::set(&update, &(*kind).into(), &value.into());
    }
    let _ = gtag.call3(&JsValue::NULL, &"consent".into(), &"update".into(), &update);
}
