//! The preference centre: categories with switches, each with an expandable list of its
//! services (provider, purpose, data, policy link, optional per-service switch), the
//! separate-consent items, and accept all / reject all / save choices.

use mingshi_core::text;
use web_sys::{Element, Node};

use super::dom;
use mingshi_core::consent::{Category, Service};

use super::model::Selection;
use super::{first_run, Modal, Screen};

pub fn render(m: &Modal) -> Element {
    let v = &m.view;
    let dialog = m.dialog("div.dialog role=dialog aria-modal=true aria-labelledby=ms-title");
    let head = m.add(&dialog, "div.head", "", &[]);
    m.title(&head, v.t("preferences"), &[]);
    if m.screen == Screen::Preferences {
        let close = [("aria-label", v.t("close"))];
        m.button(&head, "button.close data-action=close", "×", &close);
    }
    let scroll = m.add(&dialog, "div.scroll", "", &[]);
    if v.gpc {
        m.ui_leaf(&scroll, "p.notice", "gpc_notice");
    }
    for c in v.categories {
        category(m, &scroll, c);
    }
    if !v.separate.is_empty() {
        first_run::separate_items(m, &scroll);
    }
    // Accepting here is agreeing too: the age gate applies as in the first-run dialog.
    if let Some(n) = v.age_gate {
        first_run::age_gate(m, &scroll, n);
    }
    m.ui_button(&scroll, "button.link data-action=read", "read_policy");

    m.leaf(&dialog, super::NOTE, "", &[]);
    let actions = m.add(&dialog, "div.actions", "", &[]);
    let reject = "button.choice data-action=reject-all data-autofocus";
    m.ui_button(&actions, reject, "reject_all");
    let accept = "button.choice data-action=accept-all aria-describedby=ms-note";
    m.ui_button(&actions, accept, "accept_all");
    let save = "button.choice data-action=save aria-describedby=ms-note";
    m.ui_button(&actions, save, "save");
    dialog
}

/// A switch (`<input type=checkbox role=switch>`) with an accessible name; `data` names
/// what it switches (`data-category` or `data-service`).
fn switch(
    m: &Modal,
    parent: &Node,
    id: &str,
    name: &str,
    data: (&str, &str),
    on: bool,
    disabled: bool,
) {
    let attrs = [("id", id), ("aria-label", name), data];
    let input = m.add(parent, "input.switch type=checkbox role=switch", "", &attrs);
    dom::set_switch(&input, on, !disabled);
}

fn category(m: &Modal, parent: &Node, c: &Category) {
    let v = &m.view;
    let read_only = c.is_necessary();
    let title = v.text(&c.title);
    let section = m.add(parent, "section.category", "", &[]);
    let row = m.add(&section, "div.row", "", &[]);
    let id = text::concat("ms-cat-", &c.id);
    let on = read_only
        || m.selection
            .borrow()
            .categories
            .get(&c.id)
            .copied()
            .unwrap_or(false);
    m.leaf(&row, "label.name", title, &[("for", &id)]);
    // The tag before the switch, so that every switch lines up at the row's end.
    if read_only {
        m.ui_leaf(&row, "span.tag", "always_on");
    }
    switch(m, &row, &id, title, ("data-category", &c.id), on, read_only);
    m.leaf(&section, "p.small", v.text(&c.description), &[]);

    if !c.services.is_empty() {
        let details = m.add(&section, "details.services", "", &[]);
        let mut label = String::from(v.t("services"));
        label.push_str(" (");
        mingshi_core::json::write_i64(&mut label, c.services.len() as i64);
        label.push(')');
        m.leaf(&details, "summary", &label, &[]);
        for s in &c.services {
            service(m, &details, c, s);
        }
    }
}

fn service_switch_id(s: &Service) -> String {
    text::concat("ms-svc-", &s.id)
}

fn service(m: &Modal, parent: &Node, c: &Category, s: &Service) {
    let block = m.add(parent, "div.service", "", &[]);
    let row = m.add(&block, "div.row", "", &[]);
    m.leaf(&row, "strong.name", &s.name, &[]);
    if s.toggle && !c.is_necessary() {
        let sel = m.selection.borrow();
        let cat_on = sel.categories.get(&c.id).copied().unwrap_or(false);
        let on = cat_on && sel.services.get(&s.id).copied().unwrap_or(cat_on);
        drop(sel);
        let id = service_switch_id(s);
        switch(m, &row, &id, &s.name, ("data-service", &s.id), on, !cat_on);
    }
    let dl = m.add(&block, "dl.small", "", &[]);
    let field = |k: &str, val: &str| {
        if !val.is_empty() {
            m.ui_leaf(&dl, "dt", k);
            m.leaf(&dl, "dd", val, &[]);
        }
    };
    field("provider", &s.provider);
    field("purpose", m.view.text(&s.purpose));
    field("data_collected", &text::join(&s.data_collected, "、"));
    if let Some(url) = &s.policy_url {
        // Only http(s) URLs reach here (the configuration is validated).
        // (`rel` has a space: not in the spec.)
        let attrs = [("href", url.as_str()), ("rel", "noopener noreferrer")];
        let text = m.view.t("service_policy");
        m.leaf(&block, "a.small target=_blank", text, &attrs);
    }
}

/// A category's switch changed: its services follow it, in the selection and on their
/// own switches.
pub fn category_toggled(m: &Modal, sel: &mut Selection, id: String, on: bool) {
    let services = m
        .view
        .categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| &c.services);
    sel.categories.insert(id, on);
    for s in services.into_iter().flatten() {
        sel.services.insert(s.id.clone(), on);
        if let Some(sw) = m.find(&text::concat("#", &service_switch_id(s))) {
            dom::set_switch(&sw, on, on);
        }
    }
}
