//! DOM behaviour of the component in headless Chromium (wasm-bindgen-test): each UI flow
//! clicked as a user would, storage fallbacks, and hostile policy text.
//! Run by scripts/test.sh through wasm-bindgen-test-runner and chromedriver.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE_POLICY: &str = "隐私政策\n一、我们收集的信息\n<img src=x onerror=alert(1)><script>window.pwned=1</script>\n我们会收集您的手机号码。";

fn config_with(extra: &str) -> String {
    let mut text = String::new();
    mingshi_core::json::write_str(&mut text, HOSTILE_POLICY);
    String::from(r#"{"policy":{"version":"v1","text":"#)
        + &text
        + r#"},"controller":{"name":"测试公司","contact":"privacy@test.example"},"receipts":{"enabled":false},"language":"zh-CN","#
        + r#""categories":[{"id":"analytics","title":"统计分析","services":[{"id":"umeng","name":"友盟","toggle":true}]},{"id":"marketing","title":"营销"}],"#
        + r#""separate_consents":[{"id":"face","kind":"sensitive_personal_info","title":"人脸信息","text":"用于实名认证"}]"#
        + extra
        + "}"
}

/// A `load` for `start` (see `mingshi::start`) that answers as the JS layer does, a task
/// later: with what `answer` makes of the policy's source (here the policy text).
fn loader(answer: impl Fn(String) -> JsValue + 'static) -> js_sys::Function {
    let f = Closure::<dyn Fn(String)>::new(move |source: String| {
        let result = answer(source);
        wasm_bindgen_futures::spawn_local(async move { mingshi::policy(result) });
    });
    f.into_js_value().unchecked_into()
}

/// The precompiled form of policy text, as the policy engine makes it (here the core's
/// `analyze`, linked into the test), or its Error.
fn compiled(text: &str) -> JsValue {
    use mingshi_core::policy::{analyze, Format};
    match analyze(text, Format::Auto) {
        Ok(p) => JsValue::from(p.to_compiled_json()),
        Err(e) => js_sys::Error::new(&e.to_string()).into(),
    }
}

/// The JS layer's `load` for a policy given as text.
fn engine() -> js_sys::Function {
    loader(|text| compiled(&text))
}

/// Starts the component as the JS layer does: resolves to whether the dialog was shown.
/// Receipts are off in these tests: `post` is never called. Markup warnings (`warn`) are
/// the e2e tests' (tests/e2e/gating.test.mjs).
async fn start_with(config: String, load: js_sys::Function) -> Result<bool, JsValue> {
    let post = js_sys::Function::new_no_args("");
    let warn = js_sys::Function::new_no_args("");
    let started = js_sys::Promise::new(&mut |ok, fail| {
        mingshi::start(
            config.as_str().into(),
            load.clone(),
            post.clone(),
            warn.clone(),
            ok,
            fail,
        )
    });
    let shown = wasm_bindgen_futures::JsFuture::from(started).await?;
    Ok(shown.as_bool().expect("start settles with a boolean"))
}

async fn start(config: String) -> Result<bool, JsValue> {
    start_with(config, engine()).await
}

/// Resolves in a later task: after what the loaders answer.
async fn next_task() {
    let later = js_sys::Promise::new(&mut |ok, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(later).await.unwrap();
}

fn error_message(err: JsValue) -> String {
    err.dyn_into::<js_sys::Error>().unwrap().message().into()
}

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn query(sel: &str) -> Option<Element> {
    let host = window()
        .document()
        .unwrap()
        .get_element_by_id("mingshi-root")?;
    host.shadow_root().unwrap().query_selector(sel).unwrap()
}

fn click(sel: &str) {
    query(sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn stored() -> String {
    storage()
        .get_item("mingshi.consent")
        .unwrap()
        .expect("decision stored")
}

async fn fresh_start(extra: &str) -> bool {
    mingshi::destroy();
    storage().clear().unwrap();
    start(config_with(extra)).await.unwrap()
}

#[wasm_bindgen_test]
async fn first_run_agree_stores_consent_and_is_not_asked_again() {
    assert!(
        fresh_start("").await,
        "no stored decision: the dialog must show"
    );
    let dialog = query("[role=dialog]").expect("dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(dialog.get_attribute("aria-labelledby").is_some());
    assert_eq!(
        storage().get_item("mingshi.consent").unwrap(),
        None,
        "nothing stored before a choice"
    );
    // Separate consent is its own unticked box, not part of "agree".
    let face: HtmlInputElement = query("input[data-separate=face]").unwrap().unchecked_into();
    assert!(!face.checked());
    click("button[data-action=agree]");
    let s = stored();
    assert!(s.contains(r#""action":"accept_all""#), "{s}");
    assert!(
        s.contains(r#""analytics":true"#) && s.contains(r#""face":false"#),
        "{s}"
    );
    assert!(query("[role=dialog]").is_none(), "dialog closed");
    assert!(
        mingshi::allowed("analytics".into(), mingshi::CATEGORY)
            && mingshi::allowed("umeng".into(), mingshi::SERVICE)
    );

    mingshi::destroy();
    assert!(
        !start(config_with("")).await.unwrap(),
        "returning visitor is not asked"
    );
}

#[wasm_bindgen_test]
async fn disagree_is_basic_mode_and_not_asked_again_during_cooldown() {
    fresh_start("").await;
    click("button[data-action=disagree]");
    assert!(stored().contains(r#""action":"disagree""#));
    assert!(!mingshi::allowed("analytics".into(), mingshi::CATEGORY));
    assert!(mingshi::allowed("necessary".into(), mingshi::CATEGORY));
    mingshi::destroy();
    assert!(
        !start(config_with("")).await.unwrap(),
        "refusal cooldown: no re-prompt"
    );
}

#[wasm_bindgen_test]
async fn preference_centre_saves_a_custom_choice_and_withdraw_undoes_it() {
    fresh_start("").await;
    click("button[data-action=preferences]");
    let analytics: HtmlInputElement = query("input[data-category=analytics]")
        .unwrap()
        .unchecked_into();
    assert!(!analytics.checked(), "nothing pre-ticked");
    assert_eq!(analytics.get_attribute("role").as_deref(), Some("switch"));
    assert!(analytics
        .get_attribute("aria-label")
        .is_some_and(|l| !l.is_empty()));
    let necessary: HtmlInputElement = query("input[data-category=necessary]")
        .unwrap()
        .unchecked_into();
    assert!(necessary.checked() && necessary.disabled());
    analytics.click();
    click("input[data-separate=face]");
    click("button[data-action=save]");
    let s = stored();
    assert!(
        s.contains(r#""action":"custom""#)
            && s.contains(r#""analytics":true"#)
            && s.contains(r#""marketing":false"#),
        "{s}"
    );
    assert!(s.contains(r#""face":true"#), "{s}");

    mingshi::action(mingshi::WITHDRAW);
    let s = stored();
    assert!(
        s.contains(r#""action":"withdraw""#)
            && s.contains(r#""analytics":false"#)
            && s.contains(r#""face":false"#),
        "{s}"
    );
    assert!(!mingshi::allowed("analytics".into(), mingshi::CATEGORY));
}

#[wasm_bindgen_test]
async fn policy_markup_is_shown_as_text_in_the_reader() {
    fresh_start("").await;
    click("button.link"); // read the full policy
    let policy = query("#ms-policy").expect("reader");
    let text = policy.text_content().unwrap();
    assert!(text.contains("我们会收集您的手机号码"));
    // The policy looks like HTML, so it is read by allow-list: the script is dropped.
    assert!(
        !text.contains("window.pwned"),
        "script content never shown or run"
    );
    assert!(policy.query_selector("script, img").unwrap().is_none());
    assert!(js_sys::Reflect::get(&window(), &"pwned".into())
        .unwrap()
        .is_undefined());
    click("button[data-action=back]");
    assert!(query("button[data-action=agree]").is_some());
}

#[wasm_bindgen_test]
async fn must_open_policy_blocks_agree_until_the_policy_was_opened() {
    fresh_start(r#","behaviour":{"must_open_policy":true}"#).await;
    click("button[data-action=agree]");
    assert_eq!(storage().get_item("mingshi.consent").unwrap(), None);
    assert!(query("#ms-note")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("隐私政策"));
    click("button.link");
    click("button[data-action=back]");
    click("button[data-action=agree]");
    assert!(stored().contains("accept_all"));
}

#[wasm_bindgen_test]
async fn age_gate_requires_a_guardian_under_the_threshold() {
    fresh_start(r#","minors":{"age_gate":true,"threshold":14}"#).await;
    click("#ms-under");
    click("button[data-action=agree]");
    assert_eq!(
        storage().get_item("mingshi.consent").unwrap(),
        None,
        "blocked without guardian"
    );
    click("#ms-guardian");
    click("button[data-action=agree]");
    assert!(stored().contains(r#""guardian":true"#));
}

#[wasm_bindgen_test]
async fn the_preference_centre_holds_agreeing_to_the_same_rules() {
    // Under the age: "accept all" and a "save" that grants something wait for the guardian,
    // in the preference centre as in the first-run dialog; the ticks carry over.
    fresh_start(r#","minors":{"age_gate":true,"threshold":14}"#).await;
    click("#ms-under");
    click("button[data-action=preferences]");
    let under = query("#ms-under").expect("the age gate in the preference centre");
    assert_eq!(
        js_sys::Reflect::get(&under, &"checked".into()).unwrap(),
        true
    );
    click("button[data-action=accept-all]");
    assert_eq!(storage().get_item("mingshi.consent").unwrap(), None);
    assert!(query("#ms-note")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("监护人"));
    click("#ms-cat-analytics");
    click("button[data-action=save]");
    assert_eq!(storage().get_item("mingshi.consent").unwrap(), None);
    click("#ms-guardian");
    click("button[data-action=save]");
    assert!(stored().contains(r#""guardian":true"#));

    // The policy must be opened before agreeing, not before refusing: a save that grants
    // nothing optional and "reject all" go ahead.
    fresh_start(r#","behaviour":{"must_open_policy":true}"#).await;
    click("button[data-action=preferences]");
    click("button[data-action=accept-all]");
    assert_eq!(storage().get_item("mingshi.consent").unwrap(), None);
    click("button[data-action=save]");
    assert!(stored().contains(r#""analytics":false"#), "{}", stored());
}

/// A bad configuration fails the start with no error: the component carries none of the
/// configuration checker's messages, the JS layer asks the messages module for it (its full
/// message is checked end to end in tests/e2e/embedding.test.mjs). Nothing is shown.
#[wasm_bindgen_test]
async fn bad_configuration_fails_start_for_the_js_layer_to_word() {
    mingshi::destroy();
    let err = start(r#"{"policy":{}}"#.into()).await.unwrap_err();
    assert!(err.is_undefined(), "{err:?}");
    assert!(query("[role=dialog]").is_none());
    assert!(!mingshi::allowed("analytics".into(), mingshi::CATEGORY));
}

#[wasm_bindgen_test]
async fn a_policy_that_could_not_be_loaded_fails_start_with_its_message() {
    mingshi::destroy();
    storage().clear().unwrap();
    let failing =
        loader(|_| js_sys::Error::new("could not analyse the policy: the policy is empty").into());
    let err = start_with(config_with(""), failing).await.unwrap_err();
    let msg = error_message(err);
    assert_eq!(msg, "could not analyse the policy: the policy is empty");
    assert!(
        query("[role=dialog]").is_none(),
        "no dialog without a policy"
    );
    mingshi::destroy();
}

#[wasm_bindgen_test]
async fn a_policy_that_is_not_the_pinned_text_is_refused() {
    mingshi::destroy();
    storage().clear().unwrap();
    let pin = String::from(r#""version":"v1","sha256":""#) + &"ab".repeat(32) + "\"";
    let pinned = config_with("").replace(r#""version":"v1""#, &pin);
    let err = start(pinned).await.unwrap_err();
    assert_eq!(error_message(err), "policy.sha256: not the text's SHA-256");
    assert!(query("[role=dialog]").is_none());
    mingshi::destroy();
}

#[wasm_bindgen_test]
async fn a_later_dialog_asks_again_for_a_policy_that_failed_to_load() {
    mingshi::destroy();
    storage().clear().unwrap();
    // The first load fails, the next succeeds.
    let asked = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = asked.clone();
    let load = loader(move |text| {
        count.set(count.get() + 1);
        match count.get() {
            1 => js_sys::Error::new("could not fetch the policy").into(),
            _ => compiled(&text),
        }
    });
    let err = start_with(config_with(""), load).await.unwrap_err();
    assert_eq!(error_message(err), "could not fetch the policy");
    mingshi::action(mingshi::SHOW);
    assert!(query("[role=dialog]").is_none(), "not before the policy");
    next_task().await;
    assert_eq!(asked.get(), 2, "asked again");
    assert!(
        query("[role=dialog]").is_some(),
        "shown once it is handed over"
    );
    mingshi::action(mingshi::SHOW);
    next_task().await;
    assert_eq!(asked.get(), 2, "loaded once");
    mingshi::destroy();
}

#[wasm_bindgen_test]
async fn storage_falls_back_to_a_cookie_when_local_storage_throws() {
    mingshi::destroy();
    storage().clear().unwrap();
    let w = window();
    let getter =
        js_sys::Function::new_no_args("throw new Error('SecurityError: storage disabled')");
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"get".into(), &getter).unwrap();
    js_sys::Reflect::set(&desc, &"configurable".into(), &true.into()).unwrap();
    let original = js_sys::Object::get_own_property_descriptor(&w, &"localStorage".into());
    js_sys::Object::define_property(&w, &"localStorage".into(), &desc.unchecked_into());

    assert!(start(config_with("")).await.unwrap());
    click("button[data-action=agree]");
    let html: web_sys::HtmlDocument = w.document().unwrap().unchecked_into();
    let cookie = html.cookie().unwrap();
    assert!(cookie.contains("mingshi_consent="), "{cookie}");
    mingshi::destroy();
    assert!(
        !start(config_with("")).await.unwrap(),
        "read back from the cookie"
    );

    if !original.is_undefined() {
        js_sys::Object::define_property(&w, &"localStorage".into(), &original.unchecked_into());
    }
    html.set_cookie("mingshi_consent=; max-age=0; path=/")
        .unwrap();
    mingshi::destroy();
}

#[wasm_bindgen_test]
async fn re_consent_says_what_changed() {
    fresh_start("").await;
    click("button[data-action=agree]");
    mingshi::destroy();
    let changed = config_with("").replace(
        r#"{"id":"marketing","title":"营销"}"#,
        r#"{"id":"marketing","title":"营销","services":[{"id":"jpush","name":"极光推送"}]}"#,
    );
    assert!(start(changed).await.unwrap(), "a new service asks again");
    let notice = query(".notice")
        .expect("what-changed notice")
        .text_content()
        .unwrap();
    assert!(
        notice.contains("处理目的或第三方服务有变化") && notice.contains("jpush"),
        "{notice}"
    );
    click("button[data-action=agree]");
    assert!(mingshi::allowed("jpush".into(), mingshi::SERVICE));
    mingshi::destroy();
}

#[wasm_bindgen_test]
async fn policy_version_change_asks_again() {
    fresh_start("").await;
    click("button[data-action=disagree]");
    mingshi::destroy();
    // A refusal is not re-asked during the cooldown, even for a new version...
    let v2 = config_with("").replace(r#""version":"v1""#, r#""version":"v2""#);
    assert!(!start(v2.clone()).await.unwrap());
    mingshi::destroy();
    // ...but an agreement to v1 is re-asked for v2.
    storage().clear().unwrap();
    assert!(start(config_with("")).await.unwrap());
    click("button[data-action=agree]");
    mingshi::destroy();
    assert!(start(v2).await.unwrap());
    assert!(query(".notice")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("隐私政策已更新"));
    mingshi::destroy();
}
