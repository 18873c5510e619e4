//! The first-run dialog: summary, key points of the policy, separate-consent items (each
//! its own unticked choice), optional age gate, and agree / disagree of equal weight.

use mingshi_core::text;
use web_sys::{Element, Node};

use super::dom;
use super::Modal;

const DIALOG: &str =
    "div.dialog role=dialog aria-modal=true aria-labelledby=ms-title aria-describedby=ms-intro";

pub fn render(m: &Modal) -> Element {
    let v = &m.view;
    let dialog = m.dialog(DIALOG);
    m.title(&dialog, v.t("title"), &[]);
    let scroll = m.add(&dialog, "div.scroll", "", &[]);
    let intro = text::replace(v.t("intro"), "{controller}", v.controller);
    m.leaf(&scroll, "p.intro id=ms-intro", &intro, &[]);
    if v.gpc {
        m.ui_leaf(&scroll, "p.notice", "gpc_notice");
    }
    if !v.changes.is_empty() {
        let notice = m.add(&scroll, "div.notice", "", &[]);
        m.ui_leaf(&notice, "p", "what_changed");
        let ul = m.add(&notice, "ul", "", &[]);
        for c in &v.changes {
            m.leaf(&ul, "li", c, &[]);
        }
    }
    key_points(m, &scroll);
    m.ui_button(&scroll, "button.link data-action=read", "read_policy");
    if !v.separate.is_empty() {
        separate_items(m, &scroll);
    }
    if let Some(n) = v.age_gate {
        age_gate(m, &scroll, n);
    }

    m.leaf(&dialog, super::NOTE, "", &[]);
    let actions = m.add(&dialog, "div.actions", "", &[]);
    let disagree = "button.choice data-action=disagree data-autofocus";
    m.ui_button(&actions, disagree, "disagree");
    let agree = "button.choice data-action=agree aria-describedby=ms-note";
    m.ui_button(&actions, agree, "agree");
    let preferences = "button.link data-action=preferences";
    m.ui_button(&dialog, preferences, "preferences");
    dialog
}

/// Why agreeing cannot go ahead yet: a string key, or `None` when it can (then the
/// guardian's consent, if the age gate asked for it, is in the selection).
pub fn blocked(m: &Modal) -> Option<&'static str> {
    if m.view.must_open_policy && !m.policy_opened.get() {
        return Some("must_open_policy");
    }
    if m.view.age_gate.is_some() {
        let under = m.under_age.get();
        if under && !m.guardian.get() {
            return Some("guardian_required");
        }
        m.selection.borrow_mut().guardian = under;
    }
    None
}

/// The key points, each a button opening the reader at its clause.
fn key_points(m: &Modal, parent: &Node) {
    let v = &m.view;
    let section = m.add(parent, "section.keypoints", "", &[]);
    m.ui_leaf(&section, "h3", "key_points");
    let ul = m.add(&section, "ul", "", &[]);
    for kp in &v.key_points {
        let li = m.add(&ul, "li", "", &[]);
        let unit = super::reader::numbered("#ms-u", kp.unit);
        let attrs = [
            ("data-target", unit.as_str()),
            ("lang", v.policy.policy.lang()),
        ];
        m.button(&li, "button.kp data-action=read", &kp.text, &attrs);
        for r in &kp.reasons {
            m.leaf(&li, "span.tag", r, &[]);
        }
    }
}

/// The separate-consent items, each its own unticked checkbox with its own text.
pub fn separate_items(m: &Modal, parent: &Node) {
    let v = &m.view;
    let fs = m.add(parent, "fieldset.separate", "", &[]);
    m.ui_leaf(&fs, "legend", "separate_heading");
    for item in v.separate {
        let row = m.add(&fs, "div.item", "", &[]);
        let id = text::concat("ms-sep-", &item.id);
        let attrs = [("id", id.as_str()), ("data-separate", &item.id)];
        let input = m.add(&row, "input type=checkbox", "", &attrs);
        let checked = m.selection.borrow().separate.get(&item.id).copied();
        dom::set_flag(&input, "checked", checked.unwrap_or(false));
        let label = m.add(&row, "label", "", &[("for", &id)]);
        let kind_key = text::concat("kind_", item.kind.as_str());
        m.ui_leaf(&label, "span.tag", &kind_key);
        m.leaf(&label, "strong", v.text(&item.title), &[]);
        m.leaf(&row, "p.small", v.text(&item.text), &[]);
    }
}

/// "I am under N" and, when ticked, "my guardian has read and agrees", ticked as the
/// person left them (both views show the gate).
pub fn age_gate(m: &Modal, parent: &Node, threshold: u32) {
    let v = &m.view;
    let fs = m.add(parent, "fieldset.age", "", &[]);
    m.ui_leaf(&fs, "legend", "age_gate");
    let mut n = String::new();
    mingshi_core::json::write_i64(&mut n, i64::from(threshold));
    let under = text::replace(v.t("age_under"), "{age}", &n);
    checkbox_row(m, &fs, "ms-under", &under, m.under_age.get());
    let guardian = v.t("guardian_consent");
    let row = checkbox_row(m, &fs, "ms-guardian", guardian, m.guardian.get());
    dom::set_flag(&row, "hidden", !m.under_age.get());
}

/// `<div class="item"><input type="checkbox" id=id><label for=id>text</label></div>`
fn checkbox_row(m: &Modal, parent: &Node, id: &str, text: &str, checked: bool) -> Element {
    let row = m.add(parent, "div.item", "", &[]);
    let input = m.add(&row, "input type=checkbox", "", &[("id", id)]);
    dom::set_flag(&input, "checked", checked);
    m.leaf(&row, "label", text, &[("for", id)]);
    row
}

/// "I am under N" changed: recorded, and the guardian's row shows only when it is ticked.
pub fn under_age_toggled(m: &Modal, under: bool) {
    m.under_age.set(under);
    // The guardian's row is the age gate's second (last) row.
    if let Some(row) = m.find(".age>.item:last-child") {
        dom::set_flag(&row, "hidden", !under);
    }
}
