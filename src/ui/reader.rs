//! The full policy reader: table of contents, sections, key clauses highlighted with a
//! legend, the reason of each highlight on hover and focus, and search within the policy.
//! Each unit of the policy is an element with id `ms-u<index>`; the contents and the key
//! points name their unit by the selector `#ms-u<index>` in `data-target`.

use mingshi_core::policy::Kind;
use mingshi_core::text;
use web_sys::Element;

use super::{dom, Modal};

/// `prefix` followed by the index `i`: `numbered("ms-u", 3)` is the element id of the
/// policy's unit 3, `numbered("#ms-u", 3)` the selector that finds it.
pub fn numbered(prefix: &str, i: usize) -> String {
    let mut id = String::from(prefix);
    mingshi_core::json::write_i64(&mut id, i as i64);
    id
}

const DIALOG: &str = "div.dialog.reader role=dialog aria-modal=true aria-labelledby=ms-title";

/// The reader.
pub fn render(m: &Modal) -> Element {
    let v = &m.view;
    let p = &v.policy;
    // The policy's own words are in its language, the rest of the dialog in the UI's.
    let lang = [("lang", p.policy.lang())];
    let (heading, heading_lang) = match p.policy.title() {
        "" => (v.t("policy"), &[][..]),
        title => (title, &lang[..]),
    };
    let dialog = m.dialog(DIALOG);
    let head = m.add(&dialog, "div.head", "", &[]);
    let back = "button.link data-action=back data-autofocus";
    m.ui_button(&head, back, "back");
    m.title(&head, heading, heading_lang);

    let search = [
        ("aria-label", v.t("search")),
        ("placeholder", v.t("search")),
    ];
    m.leaf(&dialog, "input.search type=search", "", &search);
    m.leaf(&dialog, "p.small aria-live=polite", "", &[]);

    let legend = m.add(&dialog, "ul.legend", "", &[("aria-label", v.t("legend"))]);
    for (label, count) in &p.legend {
        let mut text = String::from(*label);
        text.push_str(" · ");
        mingshi_core::json::write_i64(&mut text, *count as i64);
        m.leaf(&legend, "li.tag", &text, &[]);
    }

    let toc = m.add(&dialog, "nav.toc", "", &[("aria-label", v.t("contents"))]);
    let ol = m.add(&toc, "ol", "", &lang);
    for (label, unit) in &p.toc {
        let li = m.add(&ol, "li", "", &[]);
        let target = numbered("#ms-u", *unit);
        let attrs = [("data-target", target.as_str())];
        m.button(&li, "button.link data-action=goto", label, &attrs);
    }

    let body = "div.policy id=ms-policy tabindex=0 role=document";
    let body = m.add(&dialog, body, "", &lang);
    let term_label = v.t("sensitive_term");
    let mut para: Option<Element> = None;
    for (i, u) in p.policy.units().enumerate() {
        let id = numbered("ms-u", i);
        if u.kind == Kind::Heading {
            para = None;
            let tag = if u.level <= 1 { "h3" } else { "h4" };
            m.leaf(&body, tag, &u.text, &[("id", &id)]);
            continue;
        }
        if u.paragraph_start {
            para = None;
        }
        let target = para.get_or_insert_with(|| m.add(&body, "p", "", &[]));
        let span = if u.key {
            let reason = p.policy.reason(&u.tags);
            let attrs = [
                ("title", reason.as_str()),
                ("data-reason", &reason),
                ("id", &id),
            ];
            m.add(target, "mark.key tabindex=0", "", &attrs)
        } else {
            m.add(target, "span", "", &[("id", &id)])
        };
        fill_with_terms(m, &span, &u.text, &u.terms, term_label);
    }

    dialog
}

/// Puts `text` into `parent`, wrapping each sensitive data term in `<mark class="term">`.
fn fill_with_terms(m: &Modal, parent: &Element, text: &str, terms: &[(usize, usize)], label: &str) {
    let mut at = 0;
    for &(s, e) in terms {
        let (Some(before), Some(term)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        if !before.is_empty() {
            crate::browser::append(parent, &before.into());
        }
        m.leaf(parent, "mark.term", term, &[("title", label)]);
        at = e;
    }
    crate::browser::append(parent, &text.get(at..).unwrap_or("").into());
}

/// A contents entry was clicked: scrolls to its unit and focuses it.
pub fn go_to(m: &Modal, target: Option<String>) {
    if let Some(target) = target.and_then(|selector| m.find(&selector)) {
        target.scroll_into_view();
        crate::browser::set_attr(&target, "tabindex", "-1");
        dom::focus(&target);
    }
}

/// The search box changed: marks the units that contain its text (ASCII case folded),
/// scrolls to the first and says how many were found.
pub fn search(m: &Modal, input: &Element) {
    let q = text::trim(&dom::value(input)).to_ascii_lowercase();
    let Some(nodes) = crate::browser::select_all(&m.root, "#ms-policy [id]") else {
        return;
    };
    let mut hits = 0;
    for (i, u) in m.view.policy.policy.units().enumerate() {
        let Some(node) = nodes.item(i as u32) else {
            break;
        };
        // ASCII case folding: Chinese has no case and English policies are ASCII, and full
        // Unicode folding would ship Unicode's case tables in the wasm.
        let hit = !q.is_empty() && text::contains(&u.text.to_ascii_lowercase(), &q);
        let node: &Element = wasm_bindgen::JsCast::unchecked_ref(&node);
        let classes = crate::browser::get(node, "classList");
        let _ = crate::browser::invoke2(&classes, "toggle", &"hit".into(), &hit.into());
        if hit {
            if hits == 0 {
                node.scroll_into_view();
            }
            hits += 1;
        }
    }
    let mut msg = String::new();
    if !q.is_empty() {
        msg.push_str(m.view.t("found"));
        msg.push(' ');
        mingshi_core::json::write_i64(&mut msg, hits);
    }
    if let Some(status) = crate::browser::select(&m.backdrop, ".reader [aria-live]") {
        crate::browser::set_text(&status, Some(&msg));
    }
}
