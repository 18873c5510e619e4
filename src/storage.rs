//! Where values are kept: localStorage; a first-party cookie where localStorage throws or has
//! no room (Safari private mode, disabled storage, some mini-program web-views, a full
//! quota); memory, for this page only, when the cookie fails too. Never throws.
//!
//! A value is kept in one place: a write to one removes the copies in the others, so an
//! older value left in another place (a consent given while localStorage threw, then
//! withdrawn once it worked again) cannot come back on a later page. Nothing is probed
//! beforehand: every write tries localStorage, then the cookie, then memory, so a
//! localStorage that throws on one page and works on the next is used as soon as it works.
//! Reads try the cookie, localStorage, then memory (see [`get`]); `js/config.js` reads the
//! stored decision in the same order.

use std::cell::RefCell;

use mingshi_core::text;
use wasm_bindgen::JsValue;

use crate::browser::{cookie, document, global, set_cookie};

thread_local! {
    /// (key, value, what the next page reads of it): the values no place took, for this
    /// page; a handful at most, so a Vec. The third is what [`persist`] stored of the value
    /// for the next page, if anything: while storage holds that, it is this page's own
    /// write, and memory's value, whole, is the newer.
    static MEMORY: RefCell<Vec<(String, String, Option<String>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Forgets `key`'s value in memory (each key has one at most: [`set`] removes it first).
/// By position, not `retain`: less code.
fn memory_remove(key: &str) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(i) = m.iter().position(|(k, ..)| k == key) {
            m.swap_remove(i);
        }
    });
}

/// `localStorage[method](key, value)` (`getItem`, `setItem`, `removeItem`): what it
/// returned; `None` where localStorage cannot be read or the call threw. Through
/// `browser::invoke2`, not a JS import per method.
pub fn local(method: &str, key: &str, value: Option<&str>) -> Option<JsValue> {
    let s = global("localStorage")?;
    let value = value.map_or(JsValue::UNDEFINED, JsValue::from_str);
    crate::browser::invoke2(&s, method, &key.into(), &value).ok()
}

/// Cookie name for a storage key: `mingshi.consent` -> `mingshi_consent`.
fn cookie_name(key: &str) -> String {
    text::replace(key, ".", "_")
}

/// `window[name](text)` for `encodeURIComponent` and `decodeURIComponent` (the latter
/// throws on a malformed escape: `None`), called by name as the DOM methods are (see
/// `browser`).
fn uri_component(name: &str, text: &str) -> Option<String> {
    let w = crate::browser::window()?;
    crate::browser::invoke1(&w, name, &text.into())
        .ok()?
        .as_string()
}

/// The value of `key`'s cookie, if set.
fn cookie_get(key: &str) -> Option<String> {
    let doc = document().ok()?;
    let all = cookie(&doc)?;
    let prefix = cookie_name(key) + "=";
    // "a=1; b=2"
    text::split(&all, "; ")
        .find_map(|c| c.strip_prefix(&prefix))
        .and_then(|v| uri_component("decodeURIComponent", v))
}

/// Sets `key`'s cookie to `value` for a year; whether the browser kept it, read back (a
/// browser with cookies disabled ignores the write without an error).
fn cookie_write(key: &str, value: &str) -> bool {
    let mut c = cookie_name(key);
    c.push('=');
    c.push_str(&uri_component("encodeURIComponent", value).unwrap_or_default());
    c.push_str("; path=/; max-age=31536000; SameSite=Lax");
    // Browsers cap a cookie near 4 KB: bigger values (an outbox) stay in memory.
    c.len() < 4000
        && document().is_ok_and(|doc| set_cookie(&doc, &c))
        && cookie_get(key).as_deref() == Some(value)
}

fn cookie_remove(key: &str) {
    if let Ok(doc) = document() {
        set_cookie(&doc, &(cookie_name(key) + "=; max-age=0; path=/"));
    }
}

/// `key`'s value: from the cookie, else localStorage, else memory. The cookie first: a
/// write to localStorage removes it, so where both hold a value, the cookie's is the newer
/// one, written while localStorage could not even be read (and so its older value not
/// removed). A value in memory is this page's, whose write no place took; it is read
/// unless storage holds another since (another tab's newer write).
pub fn get(key: &str) -> Option<String> {
    let found = cookie_get(key).or_else(|| local("getItem", key, None)?.as_string());
    MEMORY.with(|m| match m.borrow().iter().find(|(k, ..)| k == key) {
        Some((_, whole, stored)) if found == *stored => Some(whole.clone()),
        _ => found,
    })
}

/// Stores `value`; whether it is kept for the next page (see [`persist`]). If no place
/// takes it, memory keeps it for this page only (and [`persist`] may keep a part of it for
/// the next).
pub fn set(key: &str, value: &str) -> bool {
    memory_remove(key);
    let kept = persist(key, value);
    if !kept {
        MEMORY.with(|m| m.borrow_mut().push((key.into(), value.into(), None)));
    }
    kept
}

/// Writes `value` where the next page reads it, and removes the copy in the other place:
/// localStorage (where it refuses it, full or blocked, its older value is removed, which
/// frees room, and the write is tried once more), else the cookie (about 4 KB at most).
/// Whether one took it. Memory is left as it is: after a [`set`] that kept a value in
/// memory only, this page goes on reading that value, whole, while this stores what of it
/// fits for the next page.
pub fn persist(key: &str, value: &str) -> bool {
    let set = || local("setItem", key, Some(value)).is_some();
    let in_local = set() || {
        local("removeItem", key, None);
        set()
    };
    let in_cookie = !in_local && cookie_write(key, value);
    // Also where the cookie refused this value: it may hold an older one.
    if !in_cookie {
        cookie_remove(key);
    }
    let kept = in_local || in_cookie;
    if kept {
        MEMORY.with(|m| {
            if let Some(e) = m.borrow_mut().iter_mut().find(|(k, ..)| k == key) {
                e.2 = Some(value.into());
            }
        });
    }
    kept
}

/// Removes `key` from every place.
pub fn remove(key: &str) {
    local("removeItem", key, None);
    cookie_remove(key);
    memory_remove(key);
}
