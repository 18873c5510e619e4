//! The first-run dialog: summary, key points of the policy, separate-consent items (each
//! its own unticked choice), optional age gate, and agree / disagree of equal weight.

use std::rc::Rc;

use mingshi_core::text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::dom::{self, append, attrs, button, el, text_el};
use super::model::Choice;
use super::{Modal, Screen};

pub fn render(m: &Rc<Modal>) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let (dialog, title) = m.frame("dialog", v.t("title"));
    let _ = dialog.set_attribute("aria-describedby", "ms-intro");
    let scroll = el(doc, "div", "scroll");
    let intro = text_el(
        doc,
        "p",
        "intro",
        &text::replace(v.t("intro"), "{controller}", &v.controller),
    );
    intro.set_id("ms-intro");
    append(&scroll, &[&intro]);
    if v.gpc {
        append(&scroll, &[&text_el(doc, "p", "notice", v.t("gpc_notice"))]);
    }
    if !v.changes.is_empty() {
        let box_ = el(doc, "div", "notice");
        append(&box_, &[&text_el(doc, "p", "", v.t("what_changed"))]);
        let ul = el(doc, "ul", "");
        for c in &v.changes {
            append(&ul, &[&text_el(doc, "li", "", c)]);
        }
        append(&box_, &[&ul]);
        append(&scroll, &[&box_]);
    }
    append(&scroll, &[&key_points(m)]);
    let read = button(doc, "link", v.t("read_policy"));
    let me = m.clone();
    dom::on(&read, "click", move |_| {
        me.show_reader(Screen::FirstRun, None)
    });
    append(&scroll, &[&read]);
    if !v.separate.is_empty() {
        append(&scroll, &[&separate_items(m)]);
    }
    let age = v.age_gate.map(|n| age_gate(m, n));
    if let Some((fs, _, _)) = &age {
        append(&scroll, &[fs]);
    }

    let note = text_el(doc, "p", "note", "");
    note.set_id("ms-note");
    let _ = note.set_attribute("aria-live", "polite");
    let actions = el(doc, "div", "actions");
    let disagree = button(doc, "choice", v.t("disagree"));
    let agree = button(doc, "choice", v.t("agree"));
    attrs(
        &disagree,
        &[("data-action", "disagree"), ("data-autofocus", "")],
    );
    attrs(
        &agree,
        &[("data-action", "agree"), ("aria-describedby", "ms-note")],
    );
    append(&actions, &[&disagree, &agree]);
    let prefs = button(doc, "link", v.t("preferences"));
    let _ = prefs.set_attribute("data-action", "preferences");

    let me = m.clone();
    dom::on(&disagree, "click", move |_| me.choose(Choice::RejectAll));
    let me = m.clone();
    let note_el = note.clone();
    dom::on(&agree, "click", move |_| {
        if let Some(why) = blocked(&me, age.as_ref().map(|(_, u, g)| (u, g))) {
            note_el.set_text_content(Some(me.view.t(why)));
            return;
        }
        // The core grants every category and service; the separate consents stay as ticked.
        let sel = me.selection.borrow().clone();
        me.choose(Choice::AcceptAll(sel));
    });
    let me = m.clone();
    dom::on(&prefs, "click", move |_| me.show(Screen::Preferences));

    append(&dialog, &[&title, &scroll, &note, &actions, &prefs]);
    dialog
}

/// Why "agree" cannot go ahead yet: a string key, or `None` when it can.
fn blocked(m: &Modal, age: Option<(&HtmlInputElement, &HtmlInputElement)>) -> Option<&'static str> {
    if m.view.must_open_policy && !*m.policy_opened.borrow() {
        return Some("must_open_policy");
    }
    if let Some((under, guardian)) = age {
        if under.checked() && !guardian.checked() {
            return Some("guardian_required");
        }
        m.selection.borrow_mut().guardian = under.checked();
    }
    None
}

fn key_points(m: &Rc<Modal>) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let section = el(doc, "section", "keypoints");
    append(&section, &[&text_el(doc, "h3", "", v.t("key_points"))]);
    let ul = el(doc, "ul", "");
    for kp in &v.key_points {
        let li = el(doc, "li", "");
        let link = button(doc, "kp", &kp.text);
        let unit = kp.unit;
        let me = m.clone();
        dom::on(&link, "click", move |_| {
            me.show_reader(Screen::FirstRun, Some(unit))
        });
        append(&li, &[&link]);
        for r in &kp.reasons {
            append(&li, &[&text_el(doc, "span", "tag", r)]);
        }
        append(&ul, &[&li]);
    }
    append(&section, &[&ul]);
    section
}

/// The separate-consent items, each its own unticked checkbox with its own text.
pub fn separate_items(m: &Rc<Modal>) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let fs = el(doc, "fieldset", "separate");
    append(&fs, &[&text_el(doc, "legend", "", v.t("separate_heading"))]);
    for item in &v.separate {
        let row = el(doc, "div", "item");
        let input = el(doc, "input", "");
        let id = String::from("ms-sep-") + &item.id;
        attrs(
            &input,
            &[
                ("type", "checkbox"),
                ("id", &id),
                ("data-separate", &item.id),
            ],
        );
        let checked = m
            .selection
            .borrow()
            .separate
            .get(&item.id)
            .copied()
            .unwrap_or(false);
        if let Some(i) = input.dyn_ref::<HtmlInputElement>() {
            i.set_checked(checked);
        }
        let label = el(doc, "label", "");
        attrs(&label, &[("for", &id)]);
        append(
            &label,
            &[
                &text_el(doc, "span", "tag", &item.kind),
                &text_el(doc, "strong", "", &item.title),
            ],
        );
        let text = text_el(doc, "p", "small", &item.text);
        append(&row, &[&input, &label, &text]);
        let me = m.clone();
        let key = item.id.clone();
        dom::on(&input, "change", move |ev| {
            let on = dom::checked(&ev);
            me.selection.borrow_mut().separate.insert(key.clone(), on);
        });
        append(&fs, &[&row]);
    }
    fs
}

/// "I am under N" and, when ticked, "my guardian has read and agrees".
fn age_gate(m: &Rc<Modal>, threshold: u32) -> (Element, HtmlInputElement, HtmlInputElement) {
    let (doc, v) = (&m.doc, &m.view);
    let fs = el(doc, "fieldset", "age");
    append(&fs, &[&text_el(doc, "legend", "", v.t("age_gate"))]);
    let mut n = String::new();
    mingshi_core::json::write_i64(&mut n, i64::from(threshold));
    let make = |id: &str, text: String| {
        let row = el(doc, "div", "item");
        let input = el(doc, "input", "");
        attrs(&input, &[("type", "checkbox"), ("id", id)]);
        let label = text_el(doc, "label", "", &text);
        attrs(&label, &[("for", id)]);
        append(&row, &[&input, &label]);
        append(&fs, &[&row]);
        (row, input.unchecked_into::<HtmlInputElement>())
    };
    let (_, under) = make("ms-under", text::replace(v.t("age_under"), "{age}", &n));
    let (guardian_row, guardian) = make("ms-guardian", v.t("guardian_consent").to_string());
    let _ = guardian_row.set_attribute("hidden", "");
    let row = guardian_row.clone();
    dom::on(&under, "change", move |ev| {
        let on = dom::checked(&ev);
        let _ = if on {
            row.remove_attribute("hidden")
        } else {
            row.set_attribute("hidden", "")
        };
    });
    (fs, under, guardian)
}
