//! DOM behaviour of the component in headless Chromium (wasm-bindgen-test).
//! Run by scripts/test.sh through wasm-bindgen-test-runner and chromedriver.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE_POLICY: &str = "隐私政策\n一、我们收集的信息\n<img src=x onerror=alert(1)><script>window.pwned=1</script>\n我们会收集您的手机号码。";

fn config() -> String {
    let url = String::from("data:text/plain;charset=utf-8,")
        + &String::from(js_sys::encode_uri_component(HOSTILE_POLICY));
    let mut c = String::from(r#"{"policy":{"version":"v1","url":""#);
    c.push_str(&url);
    c.push_str(r#""},"controller":{"name":"测试公司","contact":"privacy@test.example"},"receipts":{"endpoint":"/no-receipts-here"}}"#);
    c
}

fn shadow() -> web_sys::ShadowRoot {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.get_element_by_id("mingshi-root")
        .expect("dialog host present")
        .shadow_root()
        .expect("open shadow root")
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn query(sel: &str) -> Option<Element> {
    shadow().query_selector(sel).unwrap()
}

#[wasm_bindgen_test]
async fn first_run_shows_dialog_and_agree_is_stored() {
    storage().clear().unwrap();
    let shown = mingshi::start(config()).await.unwrap();
    assert!(shown, "no stored decision: the dialog must show");

    let dialog = query("[role=dialog]").expect("dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let policy = query("#ms-policy").unwrap();
    let text = policy.text_content().unwrap();
    assert!(text.contains("我们会收集您的手机号码"));
    // Markup in the policy is shown as text, never parsed.
    assert!(text.contains("<script>"));
    assert!(policy.query_selector("script, img").unwrap().is_none());
    assert!(js_sys::Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap().is_undefined());

    // Nothing is stored before a choice.
    assert_eq!(storage().get_item("mingshi.consent").unwrap(), None);
    let agree: HtmlElement = query("button[data-action=agree]").unwrap().unchecked_into();
    agree.click();
    let stored = storage().get_item("mingshi.consent").unwrap().expect("decision stored");
    assert!(stored.contains(r#""action":"accept_all""#), "{stored}");
    assert!(web_sys::window().unwrap().document().unwrap().get_element_by_id("mingshi-root").is_none());

    // A second start with the decision stored does not ask again.
    assert!(!mingshi::start(config()).await.unwrap());
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn disagree_is_stored_as_reject_all() {
    storage().clear().unwrap();
    assert!(mingshi::start(config()).await.unwrap());
    let disagree: HtmlElement = query("button[data-action=disagree]").unwrap().unchecked_into();
    disagree.click();
    let stored = storage().get_item("mingshi.consent").unwrap().unwrap();
    assert!(stored.contains(r#""action":"reject_all""#), "{stored}");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn bad_configuration_is_a_clear_error() {
    let err = mingshi::start(r#"{"policy":{}}"#.into()).await.unwrap_err();
    let msg: String = wasm_bindgen::JsValue::from(err).dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.contains("policy.version"), "{msg}");
}
