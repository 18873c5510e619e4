//! Auto-clear on rejection or withdrawal: the cookies (on this host, its parent domains
//! and the usual paths) and localStorage keys that the configuration names for a
//! category or service that is not granted.

use mingshi_core::consent::{matches_pattern, Config, ConsentState};
use mingshi_core::text;
use wasm_bindgen::JsCast;

use crate::browser::{document, global};

/// Removes what denied services set.
pub fn clear_denied(config: &Config, state: &ConsentState) {
    let mut cookie_patterns: Vec<&str> = Vec::new();
    let mut key_patterns: Vec<&str> = Vec::new();
    for c in &config.categories {
        for s in &c.services {
            if !(state.granted_category(&c.id) && state.granted_service(&s.id)) {
                for p in &s.cookies {
                    cookie_patterns.push(p);
                }
                for p in &s.storage_keys {
                    key_patterns.push(p);
                }
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

fn matches_any(patterns: &[&str], name: &str) -> bool {
    for p in patterns {
        if matches_pattern(p, name) {
            return true;
        }
    }
    false
}

fn clear_cookies(patterns: &[&str]) {
    let (Ok(html), Some(location)) = (document(), global("location")) else {
        return;
    };
    let host = crate::browser::get_string(&location, "hostname");
    let path = crate::browser::get_string(&location, "pathname");
    // No domain (the host only), then the host and each parent domain with a leading dot
    // (a.b.example.com -> .a.b.example.com, .b.example.com, .example.com).
    let mut domains = vec![String::new()];
    let mut rest = host.as_str();
    while let Some(dot) = text::find(rest, ".") {
        domains.push(text::concat(".", rest));
        rest = &rest[dot + 1..];
    }
    // "/" and each prefix of the current path.
    let mut paths = vec![String::from("/")];
    let mut acc = String::new();
    for seg in text::split(&path, "/") {
        if !seg.is_empty() {
            acc.push('/');
            acc.push_str(seg);
            paths.push(acc.clone());
        }
    }
    // "a=1; b=2": each cookie's name is what comes before its "=".
    let all = crate::browser::cookie(&html).unwrap_or_default();
    for cookie in text::split(&all, ";") {
        let name = text::trim(text::split(cookie, "=").next().unwrap_or_default());
        if name.is_empty() || !matches_any(patterns, name) {
            continue;
        }
        for d in &domains {
            for p in &paths {
                let mut c = String::from(name);
                c.push_str("=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=");
                c.push_str(p);
                if !d.is_empty() {
                    c.push_str("; domain=");
                    c.push_str(d);
                }
                crate::browser::set_cookie(&html, &c);
            }
        }
    }
}

fn clear_storage(patterns: &[&str]) {
    let Some(storage) = global("localStorage") else {
        return;
    };
    let storage: web_sys::Storage = storage.unchecked_into();
    // The keys first: removing one renumbers the others.
    let mut keys = Vec::new();
    // Storage's `length` read through NodeList's (one import less; see `browser`).
    let length = storage.unchecked_ref::<web_sys::NodeList>().length();
    for i in 0..length {
        if let Ok(Some(k)) = storage.key(i) {
            keys.push(k);
        }
    }
    for k in keys {
        if !k.starts_with("mingshi.") && matches_any(patterns, &k) {
            crate::storage::local("removeItem", &k, None);
        }
    }
}
