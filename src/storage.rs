//! Where decisions are kept: localStorage, or memory when storage is missing or throws
//! (Safari private mode, disabled storage, some mini-program web-views).

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// A key-value store that never throws.
pub struct Store {
    local: Option<web_sys::Storage>,
}

impl Store {
    /// Uses localStorage when reading and writing it works, memory otherwise.
    pub fn open() -> Store {
        let local = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .filter(|s| {
                let probe = "mingshi.probe";
                s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok()
            });
        Store { local }
    }

    pub fn get(&self, key: &str) -> Option<String> {
        match &self.local {
            Some(s) => s.get_item(key).ok().flatten(),
            None => MEMORY.with(|m| m.borrow().get(key).cloned()),
        }
    }

    /// Stores `value`; falls back to memory if localStorage refuses (e.g. quota).
    pub fn set(&self, key: &str, value: &str) {
        let saved = self.local.as_ref().is_some_and(|s| s.set_item(key, value).is_ok());
        if !saved {
            MEMORY.with(|m| m.borrow_mut().insert(key.to_string(), value.to_string()));
        }
    }
}
