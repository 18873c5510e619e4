//! The first-run consent dialog, drawn in a shadow root so page styles cannot break it
//! and its styles cannot leak into the page. Policy text goes in as text nodes only.

use std::rc::Rc;

use mingshi_core::receipt::Action;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRootInit, ShadowRootMode};

use crate::browser::{document, now_ms, random_bytes, user_agent};
use crate::config::{receipt_for, SliceConfig, StoredDecision};
use crate::storage::Store;
use crate::{net, STORAGE_KEY};

/// Id of the element that hosts the shadow root.
pub const HOST_ID: &str = "mingshi-root";

const CSS: &str = include_str!("dialog.css");

struct Ui {
    config: SliceConfig,
    policy_sha256: String,
    store: Store,
    host: Element,
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, String> {
    let e = doc.create_element(tag).map_err(|_| "could not create an element".to_string())?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

fn append(parent: &Element, child: &Element) -> Result<(), String> {
    parent.append_child(child).map(|_| ()).map_err(|_| "could not build the dialog".to_string())
}

/// Shows the dialog for `policy_text`; the person's choice is stored and receipted.
pub fn show(config: SliceConfig, policy_text: String, store: Store) -> Result<(), String> {
    let doc = document()?;
    if let Some(old) = doc.get_element_by_id(HOST_ID) {
        old.remove();
    }
    let host = el(&doc, "div", "")?;
    host.set_id(HOST_ID);
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init).map_err(|_| "could not attach a shadow root".to_string())?;

    let style = el(&doc, "style", "")?;
    style.set_text_content(Some(CSS));
    root.append_child(&style).map_err(|_| "could not build the dialog".to_string())?;

    let backdrop = el(&doc, "div", "backdrop")?;
    let dialog = el(&doc, "div", "dialog")?;
    let _ = dialog.set_attribute("role", "dialog");
    let _ = dialog.set_attribute("aria-modal", "true");
    let _ = dialog.set_attribute("aria-labelledby", "ms-title");
    let _ = dialog.set_attribute("aria-describedby", "ms-policy");

    let title = el(&doc, "h2", "title")?;
    title.set_id("ms-title");
    title.set_text_content(Some("个人信息保护提示 / Privacy notice"));
    let intro = el(&doc, "p", "intro")?;
    let mut intro_text = String::from(&config.controller.name);
    intro_text.push_str("请您在使用前仔细阅读以下隐私政策。同意后我们将按政策处理您的个人信息；不同意时您仍可使用基本功能。");
    intro.set_text_content(Some(&intro_text));

    let policy = el(&doc, "div", "policy")?;
    policy.set_id("ms-policy");
    let _ = policy.set_attribute("tabindex", "0");
    let _ = policy.set_attribute("role", "document");
    for para in policy_text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        let p = el(&doc, "p", "")?;
        p.set_text_content(Some(para));
        append(&policy, &p)?;
    }

    let actions = el(&doc, "div", "actions")?;
    let disagree = el(&doc, "button", "choice")?;
    disagree.set_text_content(Some("不同意"));
    let _ = disagree.set_attribute("type", "button");
    let _ = disagree.set_attribute("data-action", "disagree");
    let agree = el(&doc, "button", "choice")?;
    agree.set_text_content(Some("同意"));
    let _ = agree.set_attribute("type", "button");
    let _ = agree.set_attribute("data-action", "agree");
    append(&actions, &disagree)?;
    append(&actions, &agree)?;

    for part in [&title, &intro, &policy, &actions] {
        append(&dialog, part)?;
    }
    append(&backdrop, &dialog)?;
    root.append_child(&backdrop).map_err(|_| "could not build the dialog".to_string())?;
    doc.body()
        .ok_or_else(|| "the page has no <body>".to_string())?
        .append_child(&host)
        .map_err(|_| "could not add the dialog to the page".to_string())?;

    let ui = Rc::new(Ui {
        policy_sha256: mingshi_core::policy::text_sha256(&policy_text),
        config,
        store,
        host,
    });
    on_click(&agree, ui.clone(), Action::AcceptAll)?;
    on_click(&disagree, ui, Action::RejectAll)?;
    if let Some(first) = disagree.dyn_ref::<web_sys::HtmlElement>() {
        let _ = first.focus();
    }
    Ok(())
}

fn on_click(button: &Element, ui: Rc<Ui>, action: Action) -> Result<(), String> {
    let handler = Closure::<dyn Fn()>::new(move || decide(&ui, action));
    button
        .add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())
        .map_err(|_| "could not listen for clicks".to_string())?;
    handler.forget();
    Ok(())
}

fn decide(ui: &Ui, action: Action) {
    let subject = random_bytes().map(mingshi_core::receipt::uuid_v4_from_bytes).unwrap_or_default();
    let decision = StoredDecision {
        action,
        decided_at: now_ms(),
        policy_version: ui.config.policy_version.clone(),
        policy_sha256: ui.policy_sha256.clone(),
        subject_id: subject,
    };
    ui.store.set(STORAGE_KEY, &decision.to_json());
    ui.host.remove();
    if let Ok(bytes) = random_bytes() {
        let receipt = receipt_for(&ui.config, &decision, bytes, user_agent());
        let endpoint = ui.config.receipts_endpoint.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = net::post_json(&endpoint, &[], &receipt.to_canonical_json()).await;
        });
    }
}
