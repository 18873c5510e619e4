//! Where decisions are kept: localStorage; a first-party cookie where localStorage is
//! missing or throws (Safari private mode, disabled storage, some mini-program
//! web-views); memory when cookies fail too. Never throws.

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

fn memory_remove(key: &str) {
    MEMORY.with(|m| m.borrow_mut().retain(|(k, _)| k != key));
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
            Backend::Local(s) => s.get_item(key).ok().flatten(),
            Backend::Cookie(doc) => {
                let all = cookie(doc).unwrap_or_default();
                let prefix = cookie_name(key) + "=";
                // "a=1; b=2"
                text::split(&all, "; ")
                    .find_map(|c| c.strip_prefix(&prefix))
                    .and_then(|v| js_sys::decode_uri_component(v).ok())
                    .map(String::from)
            }
            Backend::Memory => None,
        };
        // Memory holds only values whose last write the backend refused: the newer ones.
        memory_get(key).or(found)
    }

    /// Stores `value`. If the backend refuses it (quota, blocked), the older value there is
    /// removed, so that it cannot come back on the next page (a withdrawn consent, an outbox
    /// without its newest receipt), and the write is tried once more in the room that frees;
    /// if that fails too, memory keeps `value` for this page.
    pub fn set(&self, key: &str, value: &str) {
        memory_remove(key);
        if self.write(key, value) {
            return;
        }
        self.remove(key);
        if !self.write(key, value) {
            MEMORY.with(|m| m.borrow_mut().push((key.to_string(), value.to_string())));
        }
    }

    /// Writes `value` to the backend; whether it took it.
    fn write(&self, key: &str, value: &str) -> bool {
        match &self.backend {
            Backend::Local(s) => s.set_item(key, value).is_ok(),
            Backend::Cookie(doc) => {
                let mut c = cookie_name(key);
                c.push('=');
                c.push_str(&String::from(js_sys::encode_uri_component(value)));
                c.push_str("; path=/; max-age=31536000; SameSite=Lax");
                // Browsers cap a cookie near 4 KB: bigger values (an outbox) stay in memory.
                c.len() < 4000 && set_cookie(doc, &c)
            }
            Backend::Memory => false,
        }
    }

    pub fn remove(&self, key: &str) {
        match &self.backend {
            Backend::Local(s) => {
                let _ = s.remove_item(key);
            }
            Backend::Cookie(doc) => {
                set_cookie(doc, &(cookie_name(key) + "=; max-age=0; path=/"));
            }
            Backend::Memory => {}
        }
        memory_remove(key);
    }
}
