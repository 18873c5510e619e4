//! Auto-clear on rejection or withdrawal: the cookies (on this host, its parent domains
//! and the usual paths) and localStorage keys that the configuration names for a
//! category or service that is not granted.

use mingshi_core::consent::{matches_pattern, Config, ConsentState};
use mingshi_core::text;
use wasm_bindgen::JsCast;

use crate::browser::{document, window};

/// Removes what denied services set.
pub fn clear_denied(config: &Config, state: &ConsentState) {
    let mut cookie_patterns: Vec<&str> = Vec::new();
    let mut key_patterns: Vec<&str> = Vec::new();
    for c in &config.categories {
        for s in &c.services {
            if !(state.granted_category(&c.id) && state.granted_service(&s.id)) {
                cookie_patterns.extend(s.cookies.iter().map(String::as_str));
                key_patterns.extend(s.storage_keys.iter().map(String::as_str));
            }
        }
    }
    if !cookie_patterns.is_empty() {
        clear_cookies(&cookie_patterns);
    }
    if !key_patterns.is_empty() {
        clear_storage(&key_patterns);
    }
}

fn cookie_names() -> Vec<String> {
    let Ok(doc) = document() else {
        return Vec::new();
    };
    let Ok(html) = doc.dyn_into::<web_sys::HtmlDocument>() else {
        return Vec::new();
    };
    let all = html.cookie().unwrap_or_default();
    text::split(&all, ";")
        .filter_map(|c| text::split(c, "=").next())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn clear_cookies(patterns: &[&str]) {
    let Ok(doc) = document() else { return };
    let Ok(html) = doc.dyn_into::<web_sys::HtmlDocument>() else {
        return;
    };
    let host = window()
        .ok()
        .and_then(|w| w.location().hostname().ok())
        .unwrap_or_default();
    let path = window()
        .ok()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    // No domain (the host only), then the host and each parent domain with a leading dot
    // (a.b.example.com -> .a.b.example.com, .b.example.com, .example.com).
    let mut domains = vec![String::new()];
    let mut rest = host.as_str();
    while let Some(dot) = text::find(rest, ".") {
        domains.push(String::from(".") + rest);
        rest = &rest[dot + 1..];
    }
    // "/" and each prefix of the current path.
    let mut paths = vec![String::from("/")];
    let mut acc = String::new();
    for seg in text::split(&path, "/").filter(|s| !s.is_empty()) {
        acc.push('/');
        acc.push_str(seg);
        paths.push(acc.clone());
    }
    for name in cookie_names() {
        if !patterns.iter().any(|p| matches_pattern(p, &name)) {
            continue;
        }
        for d in &domains {
            for p in &paths {
                let mut c = name.clone();
                c.push_str("=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=");
                c.push_str(p);
                if !d.is_empty() {
                    c.push_str("; domain=");
                    c.push_str(d);
                }
                let _ = html.set_cookie(&c);
            }
        }
    }
}

fn clear_storage(patterns: &[&str]) {
    let Some(storage) = window().ok().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    for k in keys {
        if !k.starts_with("mingshi.") && patterns.iter().any(|p| matches_pattern(p, &k)) {
            let _ = storage.remove_item(&k);
        }
    }
}
