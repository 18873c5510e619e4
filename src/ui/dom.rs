//! A few helpers that keep DOM building short. Text always goes in through
//! `textContent`; nothing from the policy or the configuration is parsed as HTML.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Creates `<tag class="class">`.
pub fn el(doc: &Document, tag: &str, class: &str) -> Element {
    // create_element only fails for invalid tag names, and ours are constants.
    let e = doc.create_element(tag).unwrap_throw();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// Creates `<tag class="class">text</tag>`.
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Element {
    let e = el(doc, tag, class);
    e.set_text_content(Some(text));
    e
}

/// Sets attributes; setting a valid attribute name cannot fail.
pub fn attrs(e: &Element, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        let _ = e.set_attribute(k, v);
    }
}

/// Appends children in order.
pub fn append(parent: &Element, children: &[&Element]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// Adds an event listener that lives as long as the page (the dialog's elements are
/// dropped with it).
pub fn on(target: &web_sys::EventTarget, event: &str, f: impl Fn(web_sys::Event) + 'static) {
    on_boxed(target, event, Box::new(f));
}

/// The one non-generic body of [`on`]: wasm-bindgen's closure glue exists once, not once
/// per handler.
#[inline(never)]
fn on_boxed(target: &web_sys::EventTarget, event: &str, f: Box<dyn Fn(web_sys::Event)>) {
    let handler = Closure::wrap(f);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    handler.forget();
}

/// A `<button type="button">` with text.
pub fn button(doc: &Document, class: &str, text: &str) -> Element {
    let b = text_el(doc, "button", class, text);
    let _ = b.set_attribute("type", "button");
    b
}

/// Whether the checkbox that fired `ev` is now checked.
pub fn checked(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Runs `f` in the next animation frame, after the dialog is in the page. Focusing or
/// scrolling forces style and layout at once; done while building the dialog, that work
/// lengthened the task that builds it (27 ms of a 79 ms task at 4x CPU throttling).
pub fn next_frame(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
