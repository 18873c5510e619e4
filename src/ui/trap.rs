//! Keyboard handling for modal dialogs: Tab and Shift+Tab cycle inside the dialog (a real
//! focus trap), Escape is reported to the modal (which goes back from the policy reader, or
//! closes where the view allows it), and focus returns to where it was when the dialog
//! closes.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, ShadowRoot};

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex=\"-1\"]), summary";

/// The first and the last focusable element inside `root` (which holds only the dialog, all
/// of it HTML), in tab order of the DOM.
fn ends(root: &ShadowRoot) -> Option<(Element, Element)> {
    let list = crate::browser::select_all(root, FOCUSABLE)?;
    let mut ends: Option<(Element, Element)> = None;
    for i in 0..list.length() {
        let Some(h) = list.item(i).map(JsCast::unchecked_into::<Element>) else {
            continue;
        };
        // Skip what is hidden (inside a closed <details>, display:none...).
        if !crate::browser::get(&h, "offsetParent").is_null() {
            ends = Some(match ends {
                Some((first, _)) => (first, h),
                None => (h.clone(), h),
            });
        }
    }
    ends
}

/// A key pressed in the dialog in `root` (a `keydown` event; its `key` and `shiftKey` are
/// read as properties): keeps Tab inside it; returns whether the key was Escape (see
/// `Modal::escape`).
pub fn keydown(root: &ShadowRoot, key: &Event) -> bool {
    match crate::browser::get_string(key, "key").as_str() {
        "Escape" => return true,
        "Tab" => {
            let Some((first, last)) = ends(root) else {
                return false;
            };
            let active = crate::browser::active_element(root);
            let at = |h: &Element| active.as_ref() == Some(h);
            let shift = crate::browser::get(key, "shiftKey").as_bool() == Some(true);
            if shift && (at(&first) || active.is_none()) {
                crate::browser::invoke(key, "preventDefault");
                crate::browser::invoke(&last, "focus");
            } else if !shift && at(&last) {
                crate::browser::invoke(key, "preventDefault");
                crate::browser::invoke(&first, "focus");
            }
        }
        _ => {}
    }
    false
}

/// The element focused in the page now (looking inside open shadow roots, such as the
/// settings entry's), to give focus back to when a dialog closes.
pub fn remember_focus() -> Option<Element> {
    // The document's activeElement read through ShadowRoot's, and the getters below through
    // `browser::get`: fewer JS imports (see `browser`).
    let doc = crate::browser::document().ok()?;
    let mut el = crate::browser::active_element(&doc)?;
    loop {
        let root = crate::browser::get(&el, "shadowRoot");
        if root.is_null() || root.is_undefined() {
            break;
        }
        let Some(inner) = crate::browser::active_element(&root) else {
            break;
        };
        el = inner;
    }
    Some(el)
}

pub fn restore_focus(saved: Option<Element>) {
    if let Some(h) = saved {
        crate::browser::invoke(&h, "focus");
    }
}
