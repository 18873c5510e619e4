//! The few DOM helpers the UI is built with: one element builder (events: `browser::listen`).
//! Text always goes in through `textContent`; nothing from the policy or the
//! configuration is parsed as HTML.

use mingshi_core::text;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

/// Creates the element `spec` with `text` and `attrs`, not yet in the page. `spec` is a
/// tag name with its classes, CSS-like, then its fixed attributes, HTML-like (values without
/// spaces or quotes): `"p"`, `"p.small"`, `"div.dialog.reader role=dialog"`,
/// `"button.choice data-action=agree data-autofocus"`. `attrs` adds the attributes whose
/// values vary. An empty `text` is left out. Every element of the UI is made here, so the DOM
/// calls exist once in the wasm, not at every call site; fixed attributes written in the
/// spec cost a few bytes of text instead of the code that builds an `attrs` array.
#[inline(never)]
pub fn el(doc: &Document, spec: &str, text: &str, attrs: &[(&str, &str)]) -> Element {
    let (tag_class, mut fixed) = split(spec, " ");
    let (tag, class) = split(tag_class, ".");
    let e = crate::browser::create_element(doc, tag);
    if !class.is_empty() {
        crate::browser::set_attr(&e, "class", &text::replace(class, ".", " "));
    }
    // Setting a valid attribute name cannot fail.
    while !fixed.is_empty() {
        let (attr, rest) = split(fixed, " ");
        let (k, v) = split(attr, "=");
        crate::browser::set_attr(&e, k, v);
        fixed = rest;
    }
    for (k, v) in attrs {
        crate::browser::set_attr(&e, k, v);
    }
    if !text.is_empty() {
        crate::browser::set_text(&e, Some(text));
    }
    e
}

/// `s` before and after the first `sep`; all of `s` and `""` when it has none.
fn split<'a>(s: &'a str, sep: &str) -> (&'a str, &'a str) {
    match text::find(s, sep) {
        Some(i) => (&s[..i], &s[i + sep.len()..]),
        None => (s, ""),
    }
}

/// [`el`], appended to `parent`; returns it to put children in.
#[inline(never)]
pub fn add(
    doc: &Document,
    parent: &Node,
    spec: &str,
    text: &str,
    attrs: &[(&str, &str)],
) -> Element {
    let e = el(doc, spec, text, attrs);
    crate::browser::append(parent, &e);
    e
}

// An input's `checked` and `value`, and the reflected `disabled` and `hidden`, are read
// and written as properties through `browser::get`/`set`: one shared call each instead of
// a JS import per web-sys accessor (measured: smaller).

/// Whether the checkbox `e` is ticked.
pub fn checked(e: &Element) -> bool {
    crate::browser::get(e, "checked").as_bool() == Some(true)
}

/// The text in the input `e` (an attribute node's value too).
pub fn value(e: &JsValue) -> String {
    crate::browser::get(e, "value")
        .as_string()
        .unwrap_or_default()
}

/// Sets a boolean property (`hidden`, `disabled`: setting it sets the attribute).
pub fn set_flag(e: &Element, name: &str, on: bool) {
    crate::browser::set(e, name, &JsValue::from_bool(on));
}

/// Sets a checkbox's state.
pub fn set_switch(input: &Element, checked: bool, enabled: bool) {
    set_flag(input, "checked", checked);
    set_flag(input, "disabled", !enabled);
}

pub fn focus(e: &Element) {
    crate::browser::invoke(e, "focus");
}
