//! The full policy reader: table of contents, sections, key clauses highlighted with a
//! legend, the reason of each highlight on hover and focus, and search within the policy.

use std::rc::Rc;

use mingshi_core::text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::dom::{self, append, attrs, button, el, text_el};
use super::{Modal, Screen};

pub fn render(m: &Rc<Modal>, back: Screen, focus_unit: Option<usize>) -> Element {
    let (doc, v) = (&m.doc, &m.view);
    let p = &v.policy;
    let heading = if p.title.is_empty() {
        v.t("policy")
    } else {
        &p.title
    };
    let (dialog, title) = m.frame("dialog reader", heading);
    let head = el(doc, "div", "head");
    let back_btn = button(doc, "link", v.t("back"));
    attrs(
        &back_btn,
        &[("data-action", "back"), ("data-autofocus", "")],
    );
    let me = m.clone();
    dom::on(&back_btn, "click", move |_| me.show(back));
    append(&head, &[&back_btn, &title]);

    let search = el(doc, "input", "search");
    attrs(
        &search,
        &[
            ("type", "search"),
            ("aria-label", v.t("search")),
            ("placeholder", v.t("search")),
        ],
    );
    let status = text_el(doc, "p", "small", "");
    attrs(&status, &[("aria-live", "polite")]);

    let legend = el(doc, "ul", "legend");
    attrs(&legend, &[("aria-label", v.t("legend"))]);
    for (label, count) in &p.legend {
        let mut text = label.clone();
        text.push_str(" · ");
        mingshi_core::json::write_i64(&mut text, *count as i64);
        append(&legend, &[&text_el(doc, "li", "tag", &text)]);
    }

    let body = el(doc, "div", "policy");
    attrs(
        &body,
        &[("id", "ms-policy"), ("tabindex", "0"), ("role", "document")],
    );
    let mut units: Vec<Element> = Vec::with_capacity(p.units.len());
    let mut para: Option<Element> = None;
    for (i, u) in p.units.iter().enumerate() {
        let node = if u.heading > 0 {
            para = None;
            let tag = if u.heading <= 1 { "h3" } else { "h4" };
            let h = text_el(doc, tag, "", &u.text);
            append(&body, &[&h]);
            h
        } else {
            let target = match (&para, u.new_paragraph) {
                (Some(pe), false) => pe.clone(),
                _ => {
                    let pe = el(doc, "p", "");
                    append(&body, &[&pe]);
                    para = Some(pe.clone());
                    pe
                }
            };
            let span = if u.key {
                let mark = el(doc, "mark", "key");
                let reason = text::join(&u.reasons, "、");
                attrs(
                    &mark,
                    &[
                        ("tabindex", "0"),
                        ("title", &reason),
                        ("data-reason", &reason),
                    ],
                );
                mark
            } else {
                el(doc, "span", "")
            };
            fill_with_terms(doc, &span, &u.text, &u.terms, v.t("sensitive_term"));
            append(&target, &[&span]);
            span
        };
        let mut id = String::from("ms-u");
        mingshi_core::json::write_i64(&mut id, i as i64);
        node.set_id(&id);
        units.push(node);
    }

    let toc = el(doc, "nav", "toc");
    attrs(&toc, &[("aria-label", v.t("contents"))]);
    let ol = el(doc, "ol", "");
    for (label, unit) in &p.toc {
        let li = el(doc, "li", "");
        let b = button(doc, "link", label);
        if let Some(target) = units.get(*unit).cloned() {
            dom::on(&b, "click", move |_| {
                target.scroll_into_view();
                let _ = target.set_attribute("tabindex", "-1");
                dom::focus(&target);
            });
        }
        append(&li, &[&b]);
        append(&ol, &[&li]);
    }
    append(&toc, &[&ol]);

    let units = Rc::new(units);
    // ASCII case folding: Chinese has no case and English policies are ASCII, and full
    // Unicode folding would ship Unicode's case tables in the wasm.
    let texts: Rc<Vec<String>> = Rc::new(
        p.units
            .iter()
            .map(|u| u.text.to_ascii_lowercase())
            .collect(),
    );
    let found_label = v.t("found").to_string();
    let list = units.clone();
    let status_el = status.clone();
    dom::on(&search, "input", move |ev| {
        let q = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value().trim().to_ascii_lowercase())
            .unwrap_or_default();
        let mut hits = 0;
        for (node, lower) in list.iter().zip(texts.iter()) {
            let hit = !q.is_empty() && text::contains(lower, &q);
            let _ = node.class_list().toggle_with_force("hit", hit);
            if hit {
                if hits == 0 {
                    node.scroll_into_view();
                }
                hits += 1;
            }
        }
        let mut msg = String::new();
        if !q.is_empty() {
            msg.push_str(&found_label);
            msg.push(' ');
            mingshi_core::json::write_i64(&mut msg, hits);
        }
        status_el.set_text_content(Some(&msg));
    });

    append(&dialog, &[&head, &search, &status, &legend, &toc, &body]);
    if let Some(target) = focus_unit.and_then(|i| units.get(i)) {
        let target = target.clone();
        // After mounting: scroll the chosen key point into view.
        dom::next_frame(move || {
            target.scroll_into_view();
            dom::focus(&target);
        });
    }
    dialog
}

/// Puts `text` into `parent`, wrapping each sensitive data term in `<mark class="term">`.
fn fill_with_terms(
    doc: &web_sys::Document,
    parent: &Element,
    text: &str,
    terms: &[(usize, usize)],
    label: &str,
) {
    let mut at = 0;
    for &(s, e) in terms {
        let (Some(before), Some(term)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        if !before.is_empty() {
            let _ = parent.append_with_str_1(before);
        }
        let m = text_el(doc, "mark", "term", term);
        attrs(&m, &[("title", label)]);
        append(parent, &[&m]);
        at = e;
    }
    let _ = parent.append_with_str_1(text.get(at..).unwrap_or(""));
}
