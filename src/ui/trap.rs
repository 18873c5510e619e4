//! Keyboard handling for modal dialogs: Tab and Shift+Tab cycle inside the dialog (a real
//! focus trap), Escape runs the dialog's close action when it has one, and focus returns
//! to where it was when the dialog closes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

use super::dom;

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex=\"-1\"]), summary";

/// Focusable elements inside `container`, in tab order of the DOM.
fn focusables(container: &Element) -> Vec<HtmlElement> {
    let mut out = Vec::new();
    if let Ok(list) = container.query_selector_all(FOCUSABLE) {
        for i in 0..list.length() {
            if let Some(h) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                // Skip what is hidden (inside a closed <details>, display:none...).
                if h.offset_parent().is_some() {
                    out.push(h);
                }
            }
        }
    }
    out
}

/// Traps Tab inside `dialog` (which lives in `root`) and calls `on_escape` on Escape.
pub fn install(root: &ShadowRoot, dialog: &Element, on_escape: Option<Box<dyn Fn()>>) {
    let dialog = dialog.clone();
    let root = root.clone();
    dom::on(&dialog.clone(), "keydown", move |ev| {
        let Some(key) = ev.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" => {
                if let Some(f) = &on_escape {
                    ev.prevent_default();
                    f();
                }
            }
            "Tab" => {
                let items = focusables(&dialog);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    return;
                };
                let active = root.active_element();
                let at = |h: &HtmlElement| {
                    active
                        .as_ref()
                        .is_some_and(|a| a == h.unchecked_ref::<Element>())
                };
                if key.shift_key() && (at(first) || active.is_none()) {
                    ev.prevent_default();
                    let _ = last.focus();
                } else if !key.shift_key() && at(last) {
                    ev.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        }
    });
}

/// The element focused in the page now (looking inside open shadow roots, such as the
/// settings entry's), to give focus back to when a dialog closes.
pub fn remember_focus() -> Option<HtmlElement> {
    let mut el = web_sys::window()?.document()?.active_element()?;
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
