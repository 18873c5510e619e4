//! The preference centre: categories with switches, each with an expandable list of its
//! services (provider, purpose, data, policy link, optional per-service switch), the
//! separate-consent items, and accept all / reject all / save choices.

use std::rc::Rc;

use mingshi_core::text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::dom::{self, append, attrs, button, el, text_el};
use super::model::{CategoryView, Choice, ServiceView};
use super::{first_run, Modal, Screen};

pub fn render(m: &Rc<Modal>) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let (dialog, title) = m.frame("dialog", v.t("preferences"));
    let head = el(doc, "div", "head");
    append(&head, &[&title]);
    if m.screen == Screen::Preferences {
        let close = button(doc, "close", "×");
        attrs(
            &close,
            &[("aria-label", v.t("close")), ("data-action", "close")],
        );
        let me = m.clone();
        dom::on(&close, "click", move |_| me.close());
        append(&head, &[&close]);
    }
    let scroll = el(doc, "div", "scroll");
    if v.gpc {
        append(&scroll, &[&text_el(doc, "p", "notice", v.t("gpc_notice"))]);
    }
    for c in &v.categories {
        append(&scroll, &[&category(m, c)]);
    }
    if !v.separate.is_empty() {
        append(&scroll, &[&first_run::separate_items(m)]);
    }
    let read = button(doc, "link", v.t("read_policy"));
    let me = m.clone();
    dom::on(&read, "click", move |_| {
        me.show_reader(Screen::Preferences, None)
    });
    append(&scroll, &[&read]);

    let actions = el(doc, "div", "actions");
    let reject = button(doc, "choice", v.t("reject_all"));
    let accept = button(doc, "choice", v.t("accept_all"));
    let save = button(doc, "choice", v.t("save"));
    attrs(
        &reject,
        &[("data-action", "reject-all"), ("data-autofocus", "")],
    );
    attrs(&accept, &[("data-action", "accept-all")]);
    attrs(&save, &[("data-action", "save")]);
    append(&actions, &[&reject, &accept, &save]);
    let me = m.clone();
    dom::on(&reject, "click", move |_| me.choose(Choice::RejectAll));
    let me = m.clone();
    dom::on(&accept, "click", move |_| {
        // The core grants every category and service; the separate consents stay as ticked.
        let sel = me.selection.borrow().clone();
        me.choose(Choice::AcceptAll(sel));
    });
    let me = m.clone();
    dom::on(&save, "click", move |_| {
        let sel = me.selection.borrow().clone();
        me.choose(Choice::Custom(sel));
    });
    append(&dialog, &[&head, &scroll, &actions]);
    dialog
}

/// A switch (`<input type=checkbox role=switch>`) with an accessible name.
fn switch(m: &Modal, id: &str, name: &str, on: bool, disabled: bool) -> HtmlInputElement {
    let input = el(&m.doc, "input", "switch");
    attrs(
        &input,
        &[
            ("type", "checkbox"),
            ("role", "switch"),
            ("id", id),
            ("aria-label", name),
        ],
    );
    let input: HtmlInputElement = input.unchecked_into();
    input.set_checked(on);
    input.set_disabled(disabled);
    input
}

fn category(m: &Rc<Modal>, c: &CategoryView) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let section = el(doc, "section", "category");
    let row = el(doc, "div", "row");
    let id = String::from("ms-cat-") + &c.id;
    let on = c.read_only
        || m.selection
            .borrow()
            .categories
            .get(&c.id)
            .copied()
            .unwrap_or(false);
    let input = switch(m, &id, &c.title, on, c.read_only);
    let _ = input.set_attribute("data-category", &c.id);
    let label = text_el(doc, "label", "name", &c.title);
    let _ = label.set_attribute("for", &id);
    append(&row, &[&label, &input]);
    if c.read_only {
        append(&row, &[&text_el(doc, "span", "tag", v.t("always_on"))]);
    }
    append(
        &section,
        &[&row, &text_el(doc, "p", "small", &c.description)],
    );

    let mut service_inputs = Vec::new();
    if !c.services.is_empty() {
        let details = el(doc, "details", "services");
        let mut label = String::from(v.t("services"));
        label.push_str(" (");
        mingshi_core::json::write_i64(&mut label, c.services.len() as i64);
        label.push(')');
        append(&details, &[&text_el(doc, "summary", "", &label)]);
        for s in &c.services {
            let (block, input) = service(m, c, s);
            append(&details, &[&block]);
            service_inputs.extend(input);
        }
        append(&section, &[&details]);
    }

    let me = m.clone();
    let cat = c.id.clone();
    let services: Vec<String> = c.services.iter().map(|s| s.id.clone()).collect();
    dom::on(&input, "change", move |ev| {
        let on = dom::checked(&ev);
        let mut sel = me.selection.borrow_mut();
        sel.categories.insert(cat.clone(), on);
        // Turning a category on or off carries its services with it.
        for s in &services {
            sel.services.insert(s.clone(), on);
        }
        for i in &service_inputs {
            i.set_checked(on);
            i.set_disabled(!on);
        }
    });
    section
}

fn service(
    m: &Rc<Modal>,
    c: &CategoryView,
    s: &ServiceView,
) -> (Element, Option<HtmlInputElement>) {
    let (doc, v) = (&m.doc, &m.view);
    let block = el(doc, "div", "service");
    let row = el(doc, "div", "row");
    let name = text_el(doc, "strong", "name", &s.name);
    append(&row, &[&name]);
    let mut input = None;
    if s.toggle && !c.read_only {
        let id = String::from("ms-svc-") + &s.id;
        let sel = m.selection.borrow();
        let cat_on = sel.categories.get(&c.id).copied().unwrap_or(false);
        let on = cat_on && sel.services.get(&s.id).copied().unwrap_or(cat_on);
        drop(sel);
        let sw = switch(m, &id, &s.name, on, !cat_on);
        let _ = sw.set_attribute("data-service", &s.id);
        let me = m.clone();
        let key = s.id.clone();
        dom::on(&sw, "change", move |ev| {
            let on = dom::checked(&ev);
            me.selection.borrow_mut().services.insert(key.clone(), on);
        });
        append(&row, &[&sw]);
        input = Some(sw);
    }
    let dl = el(doc, "dl", "small");
    let field = |k: &str, val: &str| {
        if !val.is_empty() {
            append(
                &dl,
                &[
                    &text_el(doc, "dt", "", v.t(k)),
                    &text_el(doc, "dd", "", val),
                ],
            );
        }
    };
    field("provider", &s.provider);
    field("purpose", &s.purpose);
    field("data_collected", &text::join(&s.data, "、"));
    append(&block, &[&row, &dl]);
    if let Some(url) = &s.policy_url {
        // Only http(s) URLs reach here (the configuration is validated).
        let a = text_el(doc, "a", "small", v.t("service_policy"));
        attrs(
            &a,
            &[
                ("href", url),
                ("target", "_blank"),
                ("rel", "noopener noreferrer"),
            ],
        );
        append(&block, &[&a]);
    }
    (block, input)
}
