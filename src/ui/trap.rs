//! Keyboard handling for modal dialogs: Tab and Shift+Tab cycle inside the dialog (a real
//! focus trap), Escape runs the dialog's close action when it has one, and focus returns
//! to where it was when the dialog closes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex=\"-1\"]), summary";

/// The first and the last focusable element inside `root` (which holds only the dialog),
/// in tab order of the DOM.
fn ends(root: &ShadowRoot) -> Option<(HtmlElement, HtmlElement)> {
    let list = crate::browser::select_all(root, FOCUSABLE)?;
    let mut ends: Option<(HtmlElement, HtmlElement)> = None;
    for i in 0..list.length() {
        let Some(h) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        // Skip what is hidden (inside a closed <details>, display:none...).
        if h.offset_parent().is_some() {
            ends = Some(match ends {
                Some((first, _)) => (first, h),
                None => (h.clone(), h),
            });
        }
    }
    ends
}

/// A key pressed in the dialog in `root`: keeps Tab inside it; returns whether the key
/// was Escape (the modal closes when its view allows it).
pub fn keydown(root: &ShadowRoot, key: &KeyboardEvent) -> bool {
    match key.key().as_str() {
        "Escape" => return true,
        "Tab" => {
            let Some((first, last)) = ends(root) else {
                return false;
            };
            let active = root.active_element();
            let at = |h: &HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == h.unchecked_ref::<Element>())
            };
            if key.shift_key() && (at(&first) || active.is_none()) {
                key.prevent_default();
                let _ = last.focus();
            } else if !key.shift_key() && at(&last) {
                key.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    }
    false
}

/// The element focused in the page now (looking inside open shadow roots, such as the
/// settings entry's), to give focus back to when a dialog closes.
pub fn remember_focus() -> Option<HtmlElement> {
    // The document's activeElement read through ShadowRoot's (see `browser`).
    let doc = web_sys::window()?.document()?;
    let mut el = doc.unchecked_ref::<ShadowRoot>().active_element()?;
    while let Some(inner) = el.shadow_root().and_then(|r| r.active_element()) {
        el = inner;
    }
    el.dyn_into::<HtmlElement>().ok()
}

pub fn restore_focus(saved: Option<HtmlElement>) {
    if let Some(h) = saved {
        let _ = h.focus();
    }
}
