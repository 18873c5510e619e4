//! The small persistent "privacy settings" entry that reopens the preference centre.
//! Fixed-position in its own shadow root: it never shifts the page's layout.

use crate::browser::document;
use crate::ui::dom;

pub const ENTRY_ID: &str = "mingshi-entry";

const CSS: &str = ":host{all:initial}button{position:fixed;left:max(12px,env(safe-area-inset-left));bottom:max(12px,env(safe-area-inset-bottom));z-index:2147482999;font:15px/1.4 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;padding:8px 14px;border-radius:999px;border:1px solid #767676;background:#fff;color:#1a1a1a;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)}button:focus-visible{outline:3px solid #f59f00;outline-offset:2px}@media (prefers-color-scheme:dark){button{background:#1e1f22;color:#ececec;border-color:#8a8a8a}}";

/// Shows the entry (once).
pub fn show(label: &str) {
    let Ok(doc) = document() else { return };
    if crate::browser::by_id(&doc, ENTRY_ID).is_some() {
        return;
    }
    let Some((host, root)) = crate::ui::shadow_host(&doc, ENTRY_ID, CSS) else {
        return;
    };
    let button = "button type=button aria-haspopup=dialog data-action=open-preferences";
    let button = dom::add(&doc, &root, button, label, &[]);
    crate::browser::listen(&button, &["click"], Box::new(|_| crate::open_preferences()));
    if let Some(body) = crate::browser::body(&doc) {
        crate::browser::append(&body, &host);
    }
}
