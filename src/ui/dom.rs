//! The few DOM helpers the UI is built with: one element builder (events: `browser::listen`).
//! Text always goes in through `textContent`; nothing from the policy or the
//! configuration is parsed as HTML.

use mingshi_core::text;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, Node};

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
    // create_element only fails for invalid tag names, and ours are constants.
    let e = doc.create_element(tag).unwrap_throw();
    if !class.is_empty() {
        let _ = e.set_attribute("class", &text::replace(class, ".", " "));
    }
    // Setting a valid attribute name cannot fail.
    while !fixed.is_empty() {
        let (attr, rest) = split(fixed, " ");
        let (k, v) = split(attr, "=");
        let _ = e.set_attribute(k, v);
        fixed = rest;
    }
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
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
    let _ = parent.append_child(&e);
    e
}

/// The checkbox (or other input) `e` as an input element.
pub fn input(e: &Element) -> &HtmlInputElement {
    e.unchecked_ref()
}

/// Ticks or unticks a checkbox (through `browser::set`: one JS import fewer).
pub fn set_checked(input: &Element, checked: bool) {
    crate::browser::set(input, "checked", &JsValue::from_bool(checked));
}

/// Sets a checkbox's state. `disabled` is a reflected attribute: setting the attribute is
/// setting the property.
pub fn set_switch(input: &Element, checked: bool, enabled: bool) {
    set_checked(input, checked);
    let _ = input.toggle_attribute_with_force("disabled", !enabled);
}

pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
