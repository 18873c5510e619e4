//! Where decisions are kept: localStorage (with a first-party cookie for a value it has no
//! room for); the cookie alone where localStorage is missing or throws (Safari private mode,
//! disabled storage, some mini-program web-views); memory when cookies fail too. Never
//! throws.

use std::cell::RefCell;

use mingshi_core::text;
use wasm_bindgen::JsCast;
use web_sys::Document;

use crate::browser::{cookie, set_cookie};

thread_local! {
    /// (key, value) pairs the backend refused; a handful at most, so a Vec.
    static MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn memory_get(key: &str) -> Option<String> {
    MEMORY.with(|m| {
        m.borrow()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    })
}

/// Forgets `key`'s value (each key has one at most: [`Store::set`] removes it first).
/// By position, not `retain`: less code.
fn memory_remove(key: &str) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(i) = m.iter().position(|(k, _)| k == key) {
            m.swap_remove(i);
        }
    });
}

/// Cookie name for a storage key: `mingshi.consent` -> `mingshi_consent`.
fn cookie_name(key: &str) -> String {
    text::replace(key, ".", "_")
}

enum Backend {
    Local(web_sys::Storage),
    Cookie(Document),
    Memory,
}

/// A key-value store that picks the first backend that works.
pub struct Store {
    backend: Backend,
}

/// localStorage when it works: it takes a write, or it refuses one (full, not blocked) but
/// holds `key`. A returning visitor's decision is then read where it is, and where the stub
/// reads it first; [`Store::set`] frees room for a new one by removing the old.
fn local(key: &str) -> Option<web_sys::Storage> {
    let s: web_sys::Storage = crate::browser::global("localStorage")?.unchecked_into();
    let probe = "mingshi.probe";
    let writes = s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok();
    (writes || s.get_item(key).is_ok_and(|v| v.is_some())).then_some(s)
}

fn cookies() -> Option<Document> {
    let doc = crate::browser::document().ok()?;
    if !set_cookie(&doc, "mingshi_probe=1; path=/; SameSite=Lax") {
        return None;
    }
    let works = text::contains(&cookie(&doc)?, "mingshi_probe=1");
    set_cookie(&doc, "mingshi_probe=; max-age=0; path=/");
    works.then_some(doc)
}

/// The value of `key`'s cookie, if set.
fn cookie_get(doc: &Document, key: &str) -> Option<String> {
    let all = cookie(doc).unwrap_or_default();
    let prefix = cookie_name(key) + "=";
    // "a=1; b=2"
    text::split(&all, "; ")
        .find_map(|c| c.strip_prefix(&prefix))
        .and_then(|v| js_sys::decode_uri_component(v).ok())
        .map(String::from)
}

/// Sets `key`'s cookie to `value` for a year; whether the browser took it.
fn cookie_write(doc: &Document, key: &str, value: &str) -> bool {
    let mut c = cookie_name(key);
    c.push('=');
    c.push_str(&String::from(js_sys::encode_uri_component(value)));
    c.push_str("; path=/; max-age=31536000; SameSite=Lax");
    // Browsers cap a cookie near 4 KB: bigger values (an outbox) stay in memory.
    c.len() < 4000 && set_cookie(doc, &c)
}

fn cookie_remove(doc: &Document, key: &str) {
    set_cookie(doc, &(cookie_name(key) + "=; max-age=0; path=/"));
}

/// The page's document, for the cookie that backs a full localStorage.
fn page() -> Option<Document> {
    crate::browser::document().ok()
}

impl Store {
    /// The first backend that works; localStorage also when full if it holds `key`.
    pub fn open(key: &str) -> Store {
        let backend = match local(key) {
            Some(s) => Backend::Local(s),
            None => cookies().map_or(Backend::Memory, Backend::Cookie),
        };
        Store { backend }
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let found = match &self.backend {
            // A value localStorage had no room for went to the cookie (see `set`).
            Backend::Local(s) => s
                .get_item(key)
                .ok()
                .flatten()
                .or_else(|| cookie_get(&page()?, key)),
            Backend::Cookie(doc) => cookie_get(doc, key),
            Backend::Memory => None,
        };
        // Memory holds only values whose last write the backend refused: the newer ones.
        memory_get(key).or(found)
    }

    /// Stores `value`; whether it is kept for the next page. If the backend refuses it
    /// (quota, blocked), the older value there is removed, so that it cannot come back on the
    /// next page (a withdrawn consent, an outbox without its newest receipt), and the write is
    /// tried once more in the room that frees. If localStorage still has no room, the cookie
    /// keeps `value` for the next page (where it fits: about 4 KB); failing that, memory keeps
    /// it for this page only (and [`Store::persist`] may keep a part of it for the next).
    pub fn set(&self, key: &str, value: &str) -> bool {
        memory_remove(key);
        if self.write(key, value) {
            return true;
        }
        self.remove(key);
        let kept = self.persist(key, value);
        if !kept {
            MEMORY.with(|m| m.borrow_mut().push((key.to_string(), value.to_string())));
        }
        kept
    }

    /// Writes `value` where the next page reads it: the backend, or the cookie behind a full
    /// localStorage; whether one took it. Memory is left as it is: after a [`Store::set`]
    /// that kept a value in memory only, this page goes on reading that value, whole, while
    /// this stores what of it fits for the next page.
    pub fn persist(&self, key: &str, value: &str) -> bool {
        self.write(key, value)
            || (matches!(self.backend, Backend::Local(_))
                && page().is_some_and(|doc| cookie_write(&doc, key, value)))
    }

    /// Writes `value` to the backend; whether it took it.
    fn write(&self, key: &str, value: &str) -> bool {
        match &self.backend {
            Backend::Local(s) => s.set_item(key, value).is_ok(),
            Backend::Cookie(doc) => cookie_write(doc, key, value),
            Backend::Memory => false,
        }
    }

    /// Removes `key`, also from the cookie that backs a full localStorage.
    pub fn remove(&self, key: &str) {
        match &self.backend {
            Backend::Local(s) => {
                let _ = s.remove_item(key);
                if let Some(doc) = page() {
                    cookie_remove(&doc, key);
                }
            }
            Backend::Cookie(doc) => cookie_remove(doc, key),
            Backend::Memory => {}
        }
        memory_remove(key);
    }
}
