//! Gating: nothing tracks before consent. Finds the page's blocked scripts, pixels and
//! iframes and activates each one once its category (and service, if named) is granted.
//!
//! Markup a site writes:
//! - `<script type="text/plain" data-category="analytics" [data-service="x"] [data-src="..."]>`
//! - `<img data-category="marketing" data-src="...">`, `<iframe data-category="..." data-src="...">`
//!
//! Scripts run in document order, never twice: a script after an external one waits until
//! that one has loaded (or failed), as the parser would make it; images and iframes do not
//! wait. Elements added later are handled through a MutationObserver. A blocked iframe gets an accessible placeholder with
//! a button that enables its service in place.

use std::cell::Cell;

use mingshi_core::consent::{Config, Lang, Unknown};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserverInit};

use crate::browser::{attr, document, get, invoke1, remove_attr, select_all, set, set_attr};

/// Marks an element the gate has already activated.
const DONE: &str = "data-mingshi-activated";
const SELECTOR: &str = "script[type=\"text/plain\"][data-category], img[data-category][data-src], iframe[data-category][data-src]";

/// Whether a category (and a service, if named) is granted now.
pub type Granted = fn(&str, Option<&str>) -> bool;

/// Activates every granted element of the page (document order), with the check
/// [`observe`] was given: when a decision applies, after the page changed, and once an
/// external script has loaded.
pub fn activate_all() {
    let (Ok(doc), Some(granted)) = (document(), GRANTED.with(Cell::get)) else {
        return;
    };
    let Some(list) = select_all(&doc, SELECTOR) else {
        return;
    };
    for i in 0..list.length() {
        // The selector matches elements only.
        if let Some(el) = list.item(i) {
            activate(&doc, el.unchecked_ref(), granted);
        }
    }
}

/// Activates one element if it is gated, not yet activated, and granted. An activated
/// iframe whose grant was withdrawn is unloaded (`about:blank`) and gated again, so the
/// page it embeds stops, and its placeholder comes back ([`add_placeholders`]). A script
/// that ran cannot be undone; a pixel was a single request.
fn activate(doc: &Document, el: &Element, granted: Granted) {
    let Some(category) = attr(el, "data-category") else {
        return;
    };
    let service = attr(el, "data-service");
    let on = granted(&category, service.as_deref());
    // localName (and previousElementSibling below) through `browser::get`: fewer JS
    // imports. Lowercase for HTML elements, unlike tagName.
    let tag = crate::browser::get_string(el, "localName");
    // getAttribute, not hasAttribute: one JS import fewer.
    if attr(el, DONE).is_some() {
        if !on && tag == "iframe" {
            remove_attr(el, DONE);
            set_attr(el, "src", "about:blank");
        }
        return;
    }
    warn_unknown(&category, service.as_deref());
    let script = tag == "script";
    // A script waits while an external one before it loads (see `run_script`).
    if !on || script && LOADING.with(Cell::get) {
        return;
    }
    set_attr(el, DONE, "");
    if script {
        run_script(doc, el);
    } else if let Some(src) = attr(el, "data-src") {
        remove_placeholder(el);
        set_attr(el, "src", &src);
    }
}

/// Tells the JS layer of gated markup that names a category the configuration lacks (a
/// typo, a category not added yet: its elements stay blocked whatever the visitor decides),
/// or a service no category lists (its elements load with the category alone)
/// ([`Config::unknown_in_markup`]): `warn(category)` or `warn(category, service)`. It warns
/// the site owner on the console, once per distinct mistake, in words the messages module
/// finds (the component carries neither them nor the typo search). Checked on each element
/// until it is activated, before any decision too.
fn warn_unknown(category: &str, service: Option<&str>) {
    let Some(a) = crate::app::current() else {
        return;
    };
    let service = match a.config.unknown_in_markup(category, service) {
        None => return,
        Some(Unknown::Category) => JsValue::UNDEFINED,
        Some(Unknown::Service(s)) => s.into(),
    };
    crate::browser::call(&a.warn, &category.into(), &service, &JsValue::UNDEFINED);
}

/// Replaces an inert `text/plain` script by a live copy right after it.
fn run_script(doc: &Document, original: &Element) {
    let live = crate::browser::create_element(doc, "script");
    // A NamedNodeMap read through NodeList's `length` and `item` (see `browser`).
    let attrs: web_sys::NodeList = get(original, "attributes").unchecked_into();
    for i in 0..attrs.length() {
        if let Some(a) = attrs.item(i) {
            let a: &web_sys::Attr = a.unchecked_ref();
            let name = crate::browser::get_string(a, "name");
            if !matches!(name.as_str(), "type" | "data-src" | DONE) {
                let value = crate::ui::dom::value(a);
                set_attr(&live, &name, &value);
            }
        }
    }
    // The nonce is hidden from getAttribute once parsed; copy the property so the live
    // script passes a nonce-based CSP.
    set(&live, "nonce", &get(original, "nonce"));
    if let Some(t) = attr(original, "data-type") {
        set_attr(&live, "type", &t);
    }
    match attr(original, "data-src") {
        Some(src) => {
            set_attr(&live, "src", &src);
            set(&live, "async", &JsValue::FALSE);
            // The scripts after it wait until it has run (or failed to load): an inline one
            // inserted meanwhile would run at once, before the library it uses.
            LOADING.with(|l| l.set(true));
            crate::browser::listen(
                &live,
                &["load", "error"],
                Box::new(|_| {
                    LOADING.with(|l| l.set(false));
                    activate_all();
                }),
            );
        }
        None => {
            crate::browser::set_text(&live, get(original, "textContent").as_string().as_deref())
        }
    }
    let _ = invoke1(original, "after", &live);
}

/// Adds a placeholder before each blocked iframe that lacks one: a button named `label:` and
/// what the iframe embeds, as `names` (the configuration, in the UI's language) calls it,
/// which calls `enable` with the iframe's category and service.
pub fn add_placeholders(
    doc: &Document,
    label: &str,
    names: (&Config, Lang),
    enable: fn(&str, Option<&str>),
) {
    let Some(list) = select_all(doc, "iframe[data-category][data-src]") else {
        return;
    };
    for i in 0..list.length() {
        let Some(frame) = list.item(i).map(JsCast::unchecked_into::<Element>) else {
            continue;
        };
        if attr(&frame, DONE).is_some() || attr(&frame, "data-mingshi-placeholder").is_some() {
            continue;
        }
        let button = crate::browser::create_element(doc, "button");
        let category = attr(&frame, "data-category").unwrap_or_default();
        let service = attr(&frame, "data-service");
        let mut text = String::from(label);
        text.push_str(": ");
        text.push_str(names.0.display_name(&category, service.as_deref(), names.1));
        crate::browser::set_text(&button, Some(&text));
        set_attr(&button, "type", "button");
        set_attr(&button, "class", "mingshi-placeholder");
        set_attr(&button, "data-category", &category);
        if let Some(s) = &service {
            set_attr(&button, "data-service", s);
        }
        crate::browser::listen(
            &button,
            &["click"],
            Box::new(move |_| enable(&category, service.as_deref())),
        );
        set_attr(&frame, "data-mingshi-placeholder", "");
        let _ = invoke1(&frame, "before", &button);
    }
}

fn remove_placeholder(el: &Element) {
    remove_attr(el, "data-mingshi-placeholder");
    let prev = get(el, "previousElementSibling");
    if let Some(prev) = crate::browser::element(prev) {
        // getAttribute, not className: one JS import fewer (the gate reads attributes anyway).
        if attr(&prev, "class").as_deref() == Some("mingshi-placeholder") {
            crate::browser::invoke(&prev, "remove");
        }
    }
}

thread_local! {
    /// The grant check [`observe`] was given (set once per page).
    static GRANTED: Cell<Option<Granted>> = const { Cell::new(None) };
    /// An activated external script is still loading: the scripts after it wait.
    static LOADING: Cell<bool> = const { Cell::new(false) };
}

/// Watches the page for gated elements added later (single-page apps); once per page,
/// before anything is activated. `granted` decides whether a category (and optional
/// service) is granted, for [`activate_all`]. Without MutationObserver, later elements
/// are not gated. The document itself is observed (its
/// subtree is the root element's and more), which saves a JS import for the root.
pub fn observe(granted: Granted) {
    if GRANTED.with(|g| g.replace(Some(granted))).is_some() {
        return;
    }
    let Ok(target) = document() else {
        return;
    };
    // A closure of the listeners' type (the mutation list it is given stands in for the
    // event, unread), as the timers' are: the wasm and its glue then have one closure type
    // (measured: -72 B gzip against a `Closure<dyn FnMut()>` of its own).
    let run: crate::browser::Listener = Box::new(|_| activate_all());
    let callback = Closure::wrap(run);
    let u = &JsValue::UNDEFINED;
    let Some(observer) = crate::browser::construct("MutationObserver", callback.as_ref(), u) else {
        return;
    };
    callback.forget();
    let init = MutationObserverInit::new();
    set(&init, "childList", &JsValue::TRUE);
    set(&init, "subtree", &JsValue::TRUE);
    let _ = crate::browser::invoke2(&observer, "observe", &target, &init);
}
