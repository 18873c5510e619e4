//! Every state transition of the consent model, with boundary times.

use super::*;
use crate::receipt::{Action, CollectionMethod};

const H: i64 = 3_600_000;
const D: i64 = 24 * H;
const T0: i64 = 1_763_000_000_000;

/// A configuration shaped like the SDK tables of real policies (push, maps, statistics,
/// crash reporting, login/share).
pub(crate) const CONFIG: &str = r#"{
  "policy": {"id": "privacy", "version": "2023-11-15", "url": "/policy.txt"},
  "controller": {"name": "智慧生活", "contact": "privacy@example.com"},
  "categories": [
    {"id": "functional", "title": {"zh-CN": "功能", "en": "Functional"}, "services": [
      {"id": "amap", "name": "高德地图SDK", "provider": "高德软件有限公司", "purpose": "定位与地图展示",
       "data_collected": ["位置信息", "设备标识符"], "policy_url": "https://lbs.amap.com/pages/privacy/",
       "storage_keys": ["amap_*"]},
      {"id": "wechat-login", "name": "微信登录分享SDK", "provider": "深圳市腾讯计算机系统有限公司",
       "purpose": "登录与分享", "toggle": true}
    ]},
    {"id": "analytics", "title": "统计分析", "description": "了解功能使用情况", "services": [
      {"id": "umeng", "name": "友盟+统计SDK", "provider": "友盟同欣（北京）科技有限公司", "cookies": ["um_*", "cna"], "toggle": true},
      {"id": "bugly", "name": "Bugly崩溃分析", "provider": "腾讯", "toggle": true}
    ]},
    {"id": "marketing", "title": "个性化推送", "services": [
      {"id": "jpush", "name": "极光推送SDK", "provider": "深圳市和讯华谷信息技术有限公司"}
    ]}
  ],
  "separate_consents": [
    {"id": "face", "kind": "sensitive_personal_info", "title": "人脸信息", "text": "用于实名认证时的人脸比对。"},
    {"id": "share-partners", "kind": "third_party_sharing", "title": "向合作方提供", "text": "向支付合作方提供订单信息。"},
    {"id": "overseas", "kind": "cross_border", "title": "跨境传输", "text": "客服系统位于境外。"}
  ],
  "minors": {"age_gate": true},
  "behaviour": {"refusal_cooldown_hours": 48, "consent_lifetime_days": 365}
}"#;

fn config() -> Config {
    Config::from_json(CONFIG).unwrap()
}

fn ctx(now: i64, method: CollectionMethod) -> Context<'static> {
    Context {
        now,
        policy_sha256: "aa",
        language: "zh-CN",
        new_subject_id: "subj-1",
        gpc: false,
        method,
    }
}

fn first(c: &Config, choice: Choice) -> ConsentState {
    decide(c, None, choice, &ctx(T0, CollectionMethod::FirstRunDialog)).state
}

fn accept_all() -> Choice {
    Choice::AcceptAll {
        separate: Default::default(),
        guardian: false,
    }
}

#[test]
fn config_shape_and_defaults() {
    let c = config();
    assert_eq!(
        c.categories
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["necessary", "functional", "analytics", "marketing"]
    );
    assert_eq!(c.categories[1].title.get(Lang::En), "Functional");
    assert_eq!(c.categories[2].title.get(Lang::En), "统计分析");
    assert_eq!(c.minors.threshold, 14);
    assert_eq!(c.behaviour.refusal_cooldown_hours, 48);
    assert_eq!(c.receipts.endpoint, "/v1/receipts");
    assert_eq!(c.service("umeng").unwrap().1.cookies, ["um_*", "cna"]);
}

/// The site's own `necessary` category, given anywhere, comes first (with its own texts and
/// services) and the others keep their order; without one, the built-in one comes first.
#[test]
fn the_sites_necessary_category_comes_first() {
    let c = Config::from_json(
        r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"},
        "categories": [{"id": "analytics", "title": "统计"},
          {"id": "necessary", "title": "基础", "services": [{"id": "session", "name": "会话"}]},
          {"id": "marketing", "title": "营销"}]}"#,
    )
    .unwrap();
    let ids: Vec<&str> = c.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["necessary", "analytics", "marketing"]);
    assert_eq!(c.categories[0].title.get(Lang::En), "基础");
    assert_eq!(c.categories[0].services[0].id, "session");
    assert_eq!(
        config().categories[0].title.get(Lang::En),
        "Strictly necessary"
    );
}

// The messages are the `messages` feature's (the component is built without it).
#[cfg(feature = "messages")]
#[test]
fn config_errors_name_the_field() {
    let cases = [
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x"}}"#,
            "controller.contact: is required",
        ),
        (
            r#"{"policy":{"version":"1","url":"javascript:alert(1)"},"controller":{"name":"x","contact":"y"}}"#,
            "policy.url: must be a relative path or an http(s) URL",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A","services":[{"id":"s","name":1}]}]}"#,
            "categories[0].services[0].name: expected a string, found a number",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A"},{"id":"a","title":"B"}]}"#,
            "categories[1].id: duplicate category id `a`",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"Bad Id","title":"A"}]}"#,
            "categories[0].id: must be 1 to 32 characters",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"separate_consents":[{"id":"x","kind":"everything","title":"t","text":"t"}]}"#,
            "separate_consents[0].kind: must be",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"behaviour":{"refusal_cooldown_hours":-1}}"#,
            "behaviour.refusal_cooldown_hours: must be a whole number between 0 and 8760",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categries":[]}"#,
            "unknown field `categries`; did you mean `categories`?",
        ),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A","services":[{"id":"s","name":"S","policy_url":"ftp://x"}]}]}"#,
            "categories[0].services[0].policy_url: must be an http:// or https:// URL",
        ),
        ("{", "invalid JSON at line 1, column 2"),
        (
            r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"beacons":{"/b*":"stats"}}"#,
            "beacons./b*: names category `stats`, which is not configured",
        ),
    ];
    for (json, want) in cases {
        let err = Config::from_json(json).unwrap_err().to_string();
        assert!(
            err.starts_with(want),
            "for {json}\n got: {err}\nwant: {want}"
        );
    }
}

#[test]
fn first_run_when_nothing_is_stored() {
    assert_eq!(evaluate(&config(), None, T0, None), Prompt::FirstRun);
}

#[test]
fn nothing_is_granted_by_default() {
    let c = config();
    let sel = initial_selection(&c, None);
    assert_eq!(
        sel.categories
            .iter()
            .filter(|(_, on)| **on)
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        ["necessary"]
    );
    assert!(
        sel.separate.values().all(|on| !on),
        "separate consents start unticked"
    );
    let s = first(&c, Choice::Custom(sel));
    assert!(
        !s.granted_category("analytics")
            && !s.granted_service("umeng")
            && !s.granted_separate("face")
    );
}

#[test]
fn accept_all_grants_categories_and_services_but_not_separate_consents() {
    let c = config();
    let out = decide(
        &c,
        None,
        accept_all(),
        &ctx(T0, CollectionMethod::FirstRunDialog),
    );
    assert_eq!(out.action, Action::AcceptAll);
    assert!(out.state.categories.values().all(|on| *on));
    assert!(out.state.services.values().all(|on| *on));
    assert!(
        out.state.separate.values().all(|on| !on),
        "never bundled into agree"
    );
    assert_eq!(out.state.separate.len(), 3);

    let mut ticked = crate::flags::Flags::new();
    ticked.insert("face".to_string(), true);
    let s = first(
        &c,
        Choice::AcceptAll {
            separate: ticked,
            guardian: false,
        },
    );
    assert!(s.granted_separate("face") && !s.granted_separate("overseas"));
    assert_eq!(evaluate(&c, Some(&s), T0 + 1, Some("aa")), Prompt::Valid);
}

#[test]
fn reject_all_and_disagree_keep_only_necessary() {
    let c = config();
    for choice in [Choice::RejectAll, Choice::Disagree] {
        let out = decide(&c, None, choice, &ctx(T0, CollectionMethod::FirstRunDialog));
        assert_eq!(out.action, Action::RejectAll);
        let on: Vec<_> = out
            .state
            .categories
            .iter()
            .filter(|(_, v)| **v)
            .map(|(k, _)| k.clone())
            .collect();
        assert_eq!(on, ["necessary"]);
        assert!(out.state.services.values().all(|v| !v));
    }
}

#[test]
fn custom_choices_respect_categories_and_per_service_toggles() {
    let c = config();
    let mut sel = initial_selection(&c, None);
    sel.categories.insert("analytics".into(), true);
    sel.services.insert("bugly".into(), false);
    sel.services.insert("jpush".into(), true); // its category (marketing) is off
    sel.categories.insert("unknown".into(), true);
    let s = first(&c, Choice::Custom(sel));
    assert!(
        s.granted_category("analytics")
            && s.granted_service("umeng")
            && !s.granted_service("bugly")
    );
    assert!(
        !s.granted_service("jpush"),
        "a service is never on while its category is off"
    );
    assert!(!s.categories.contains_key("unknown"));
    // amap has no toggle: it follows functional, which is off.
    assert!(!s.granted_service("amap"));
}

#[test]
fn withdraw_turns_everything_optional_off_at_once() {
    let c = config();
    let mut ticked = crate::flags::Flags::new();
    ticked.insert("face".to_string(), true);
    let before = first(
        &c,
        Choice::AcceptAll {
            separate: ticked,
            guardian: false,
        },
    );
    let out = decide(
        &c,
        Some(&before),
        Choice::Withdraw,
        &ctx(T0 + D, CollectionMethod::PreferenceCentre),
    );
    assert_eq!(out.action, Action::Withdraw);
    assert_eq!(out.method, CollectionMethod::Withdrawal);
    assert!(!out.state.granted_category("analytics") && !out.state.granted_separate("face"));
    assert!(out.state.granted_category("necessary"));
    assert_eq!(
        out.state.subject_id, before.subject_id,
        "same pseudonymous subject"
    );
    assert_eq!(
        evaluate(&c, Some(&out.state), T0 + D + 1, Some("aa")),
        Prompt::Valid,
        "a withdrawal is not re-asked"
    );
}

#[test]
fn refusal_cooldown_blocks_re_prompting_until_it_ends() {
    let c = config();
    let s = first(&c, Choice::Disagree);
    let until = T0 + 48 * H;
    assert_eq!(
        evaluate(&c, Some(&s), T0 + 1, None),
        Prompt::Cooldown { until }
    );
    assert_eq!(
        evaluate(&c, Some(&s), until - 1, None),
        Prompt::Cooldown { until }
    );
    assert_eq!(
        evaluate(&c, Some(&s), until, None),
        Prompt::ReConsent(vec![Reason::RefusalCooldownOver])
    );
    // Agreeing later clears the refusal.
    let agreed = decide(
        &c,
        Some(&s),
        accept_all(),
        &ctx(until, CollectionMethod::ReConsent),
    )
    .state;
    assert_eq!(agreed.refused_at, None);
    assert_eq!(
        evaluate(&c, Some(&agreed), until + 1, Some("aa")),
        Prompt::Valid
    );
}

#[test]
fn consent_expires_after_its_lifetime() {
    let c = config();
    let s = first(&c, accept_all());
    let end = T0 + 365 * D;
    // Recorded for the stub, which has no configuration to tell.
    assert_eq!(s.expires_at, end);
    assert_eq!(evaluate(&c, Some(&s), end - 1, Some("aa")), Prompt::Valid);
    assert_eq!(
        evaluate(&c, Some(&s), end, Some("aa")),
        Prompt::ReConsent(vec![Reason::Expired])
    );
    // Changing settings in the preference centre does not extend the lifetime.
    let changed = decide(
        &c,
        Some(&s),
        Choice::RejectAll,
        &ctx(T0 + 10 * D, CollectionMethod::PreferenceCentre),
    )
    .state;
    assert_eq!((changed.decided_at, changed.expires_at), (T0, end));
    // Nor does granting one embed in place from its placeholder.
    let enabled = decide(
        &c,
        Some(&changed),
        accept_all(),
        &ctx(T0 + 11 * D, CollectionMethod::Placeholder),
    )
    .state;
    assert_eq!((enabled.decided_at, enabled.expires_at), (T0, end));
}

/// A decision made while the device's clock was years ahead, the clock set right since: its
/// age cannot be told, so it is asked again rather than held (or cooled down) for years.
#[test]
fn a_decision_from_the_future_is_asked_again() {
    let c = config();
    let ahead = |choice| {
        decide(
            &c,
            None,
            choice,
            &ctx(T0 + 4 * 365 * D, CollectionMethod::FirstRunDialog),
        )
        .state
    };
    assert_eq!(
        evaluate(&c, Some(&ahead(accept_all())), T0, Some("aa")),
        Prompt::ReConsent(vec![Reason::Expired])
    );
    assert_eq!(
        evaluate(&c, Some(&ahead(Choice::Disagree)), T0, Some("aa")),
        Prompt::ReConsent(vec![Reason::RefusalCooldownOver])
    );
    // Clocks a little apart (another tab's, a time zone set wrong) are not that.
    let s = decide(
        &c,
        None,
        accept_all(),
        &ctx(T0 + 20 * 3_600_000, CollectionMethod::FirstRunDialog),
    )
    .state;
    assert_eq!(evaluate(&c, Some(&s), T0, Some("aa")), Prompt::Valid);
}

#[test]
fn answering_an_expired_consent_in_the_preference_centre_renews_it() {
    let c = config();
    let s = first(&c, accept_all());
    let end = T0 + 365 * D;
    // Asked again because it expired, the person saves their choices in the preference
    // centre (or the page calls the API): a new consent, with a new lifetime.
    for method in [
        CollectionMethod::PreferenceCentre,
        CollectionMethod::Api,
        CollectionMethod::Placeholder,
    ] {
        let renewed = decide(&c, Some(&s), accept_all(), &ctx(end + 1, method)).state;
        assert_eq!(renewed.decided_at, end + 1, "{method:?}");
        assert_eq!(renewed.expires_at, end + 1 + 365 * D, "{method:?}");
        assert_eq!(
            evaluate(&c, Some(&renewed), end + 2, Some("aa")),
            Prompt::Valid,
            "{method:?}"
        );
    }
}

#[test]
fn policy_version_or_text_change_asks_again() {
    let c = config();
    let s = first(&c, accept_all());
    assert_eq!(
        evaluate(&c, Some(&s), T0 + 1, Some("bb")),
        Prompt::ReConsent(vec![Reason::PolicyContent])
    );
    assert_eq!(
        evaluate(&c, Some(&s), T0 + 1, None),
        Prompt::Valid,
        "hash unknown yet: trust the version"
    );
    let newer = Config::from_json(&CONFIG.replace("2023-11-15", "2024-06-01")).unwrap();
    assert_eq!(
        evaluate(&newer, Some(&s), T0 + 1, Some("aa")),
        Prompt::ReConsent(vec![Reason::PolicyVersion])
    );
}

#[test]
fn scope_changes_ask_again_and_say_what_changed() {
    let c = config();
    let s = first(&c, accept_all());
    let more = Config::from_json(&CONFIG.replace(
        r#"{"id": "bugly", "name": "Bugly崩溃分析", "provider": "腾讯", "toggle": true}"#,
        r#"{"id": "sentry", "name": "Sentry", "provider": "Functional Software", "toggle": true}"#,
    ))
    .unwrap();
    assert_eq!(
        evaluate(&more, Some(&s), T0 + 1, Some("aa")),
        Prompt::ReConsent(vec![Reason::Scope])
    );
    let ch = what_changed(&s.scope, &more.scope());
    assert_eq!(ch.added, ["sentry"]);
    assert_eq!(ch.removed, ["bugly"]);
    // Changing a separate-consent text is a change of scope too.
    let reworded =
        Config::from_json(&CONFIG.replace("客服系统位于境外。", "数据存储于新加坡。")).unwrap();
    assert_eq!(
        evaluate(&reworded, Some(&s), T0 + 1, Some("aa")),
        Prompt::ReConsent(vec![Reason::Scope])
    );
}

#[test]
fn a_consent_asked_for_again_grants_nothing_until_answered() {
    let c = config();
    let s = first(&c, accept_all());
    assert!(evaluate(&c, Some(&s), T0 + 1, Some("aa")).grants_hold());
    // Expired, for another policy version or text, for another scope: asked again, and
    // meanwhile the old grants do not hold.
    let newer = Config::from_json(&CONFIG.replace("2023-11-15", "2024-06-01")).unwrap();
    let reworded =
        Config::from_json(&CONFIG.replace("客服系统位于境外。", "数据存储于新加坡。")).unwrap();
    for prompt in [
        evaluate(&c, Some(&s), T0 + 365 * D, Some("aa")),
        evaluate(&c, Some(&s), T0 + 1, Some("bb")),
        evaluate(&newer, Some(&s), T0 + 1, Some("aa")),
        evaluate(&reworded, Some(&s), T0 + 1, Some("aa")),
    ] {
        assert!(matches!(prompt, Prompt::ReConsent(_)), "{prompt:?}");
        assert!(!prompt.grants_hold(), "{prompt:?}");
    }
    // Suspended, the consent grants only what is necessary, and keeps who and when.
    let mut suspended = s.clone();
    suspended.suspend_grants();
    assert!(suspended.granted_category(NECESSARY));
    for id in ["functional", "analytics", "marketing"] {
        assert!(
            s.granted_category(id) && !suspended.granted_category(id),
            "{id}"
        );
    }
    assert!(!suspended.granted_service("umeng"));
    assert_eq!(
        (
            &suspended.subject_id,
            suspended.decided_at,
            &suspended.scope
        ),
        (&s.subject_id, s.decided_at, &s.scope)
    );
    // A refusal cooling down holds (it grants nothing optional anyway).
    let refused = first(&c, Choice::Disagree);
    assert!(evaluate(&c, Some(&refused), T0 + 1, None).grants_hold());
}

#[test]
fn the_receipts_endpoint_is_never_a_beacon() {
    for endpoint in ["/v1/receipts", "https://receipts.example/v1/receipts"] {
        let c = Config::from_json(&CONFIG.replace(
            r#""minors""#,
            &format!(r#""beacons": {{"*": "analytics"}}, "receipts": {{"endpoint": "{endpoint}"}}, "minors""#),
        ))
        .unwrap();
        assert_eq!(c.beacon_category(&[endpoint]), None, "{endpoint}");
        assert_eq!(c.beacon_category(&["/collect"]), Some("analytics"));
    }
}

#[test]
fn guardian_consent_is_recorded() {
    let c = config();
    let s = first(
        &c,
        Choice::AcceptAll {
            separate: Default::default(),
            guardian: true,
        },
    );
    assert!(s.guardian);
    assert!(initial_selection(&c, Some(&s)).guardian);
}

#[test]
fn stored_state_round_trips_and_rejects_garbage() {
    let c = config();
    let s = first(&c, Choice::Disagree);
    let json = s.to_json();
    assert_eq!(ConsentState::from_json(&json), Ok(s.clone()));
    assert!(json.starts_with(r#"{"action":"disagree","categories":{"#));
    for bad in [
        "",
        "null",
        "{}",
        r#"{"v":2}"#,
        "[1,2]",
        &json.replace(r#""v":1"#, r#""v":"1""#),
        &json[..json.len() / 2],
    ] {
        assert!(ConsentState::from_json(bad).is_err(), "accepted {bad:?}");
    }
}

/// Stored data that gives a key twice is read, the last one winning: only a configuration
/// is refused for it. The component never writes such data, and putting it aside would ask
/// the visitor again.
#[test]
fn a_stored_state_that_repeats_a_key_is_read_not_refused() {
    let c = config();
    let s = first(&c, Choice::Disagree);
    let json = s.to_json().replacen('{', r#"{"language":"xx","#, 1);
    assert_eq!(ConsentState::from_json(&json), Ok(s));
}

#[test]
fn initial_selection_reflects_the_stored_choices() {
    let c = config();
    let mut sel = initial_selection(&c, None);
    sel.categories.insert("analytics".into(), true);
    sel.separate.insert("overseas".into(), true);
    let s = first(&c, Choice::Custom(sel));
    let again = initial_selection(&c, Some(&s));
    assert_eq!(again.categories.get("analytics"), Some(&true));
    assert_eq!(again.categories.get("marketing"), Some(&false));
    assert_eq!(again.separate.get("overseas"), Some(&true));
    assert_eq!(again.services.get("umeng"), Some(&true));
}

#[test]
fn every_separate_kind_reads_back_from_its_name() {
    for k in [
        SeparateKind::SensitivePersonalInfo,
        SeparateKind::ThirdPartySharing,
        SeparateKind::PublicDisclosure,
        SeparateKind::CrossBorder,
        SeparateKind::Custom,
    ] {
        assert_eq!(SeparateKind::parse(k.as_str()), Some(k));
    }
    assert_eq!(SeparateKind::parse("Custom"), None);
}

/// The exact bytes of the stored consent (other tabs and older versions of the component
/// read it; the stub reads `categories`, `services`, `policy_version`, `policy_sha256` and
/// `expires_at`).
#[test]
fn stored_state_json_is_byte_for_byte_stable() {
    let c = config();
    let refused = first(&c, Choice::Disagree);
    // Stored by a component before `expires_at` was recorded: read as "not known".
    let before = refused
        .to_json()
        .replace(r#""expires_at":1794536000000,"#, "");
    let read = ConsentState::from_json(&before).unwrap();
    assert_eq!(read.expires_at, i64::MAX);
    assert_eq!(
        ConsentState {
            expires_at: refused.expires_at,
            ..read
        },
        refused
    );
    assert_eq!(
        refused.to_json(),
        r#"{"action":"disagree","categories":{"analytics":false,"functional":false,"marketing":false,"necessary":true},"decided_at":1763000000000,"expires_at":1794536000000,"fingerprint":"7baf59398d860672","gpc":false,"guardian":false,"language":"zh-CN","policy_sha256":"aa","policy_version":"2023-11-15","refused_at":1763000000000,"scope":{"categories":["analytics","functional","marketing","necessary"],"separate":["face","overseas","share-partners"],"services":["amap","bugly","jpush","umeng","wechat-login"]},"separate":{"face":false,"overseas":false,"share-partners":false},"services":{"amap":false,"bugly":false,"jpush":false,"umeng":false,"wechat-login":false},"subject_id":"subj-1","updated_at":1763000000000,"v":1}"#
    );
    let mut sel = initial_selection(&c, None);
    sel.categories.insert("analytics".into(), true);
    sel.separate.insert("overseas".into(), true);
    sel.guardian = true;
    let mut x = ctx(T0 + 5, CollectionMethod::PreferenceCentre);
    x.gpc = true;
    assert_eq!(
        decide(&c, Some(&refused), Choice::Custom(sel), &x)
            .state
            .to_json(),
        r#"{"action":"custom","categories":{"analytics":true,"functional":false,"marketing":false,"necessary":true},"decided_at":1763000000005,"expires_at":1794536000005,"fingerprint":"7baf59398d860672","gpc":true,"guardian":true,"language":"zh-CN","policy_sha256":"aa","policy_version":"2023-11-15","refused_at":null,"scope":{"categories":["analytics","functional","marketing","necessary"],"separate":["face","overseas","share-partners"],"services":["amap","bugly","jpush","umeng","wechat-login"]},"separate":{"face":false,"overseas":true,"share-partners":false},"services":{"amap":false,"bugly":true,"jpush":false,"umeng":true,"wechat-login":false},"subject_id":"subj-1","updated_at":1763000000005,"v":1}"#
    );
}

#[test]
fn host_selection_grants_the_listed_ids_for_this_policy_version() {
    let c = config();
    let sel = host_selection(
        r#"{"v":"2023-11-15","categories":["analytics",1,"nope"],"services":["umeng"],"separate":["face",null]}"#,
        &c,
    )
    .unwrap();
    assert_eq!(sel.categories.get("necessary"), Some(&true));
    assert_eq!(sel.categories.get("analytics"), Some(&true));
    assert_eq!(sel.categories.get("marketing"), Some(&false));
    assert_eq!(sel.categories.get("nope"), None);
    assert_eq!(sel.services.get("umeng"), Some(&true));
    assert_eq!(sel.services.get("bugly"), Some(&false));
    assert_eq!(sel.separate.get("face"), Some(&true));
    assert_eq!(sel.separate.get("overseas"), Some(&false));
    // No services listed: every service follows its category.
    let sel = host_selection(r#"{"v":"2023-11-15","services":"x"}"#, &c).unwrap();
    assert!(sel.services.values().all(|on| *on));
    assert_eq!(sel.categories.get("analytics"), Some(&false));
    assert!(host_selection(r#"{"v":"2023-11-14"}"#, &c).is_none());
    assert!(host_selection(r#"{"categories":[]}"#, &c).is_none());
    assert!(host_selection("not json", &c).is_none());
}

#[test]
fn cookie_patterns_match_whole_names_with_star_as_any_run() {
    use crate::consent::matches_pattern as m;
    for (pattern, name) in [
        ("", ""),
        ("*", ""),
        ("*", "_ga"),
        ("**", "x"),
        ("_ga*", "_ga"),
        ("a*b*c", "aXbYbZc"),
        ("*_id", "um_x_id"),
        ("a*a", "aa"),
        ("统计*", "统计_1"),
        ("*é", "café"),
    ] {
        assert!(m(pattern, name), "{pattern:?} matches {name:?}");
    }
    for (pattern, name) in [
        ("", "a"),
        ("a", ""),
        ("a*a", "a"),
        ("a*b*c", "aXbYc_"),
        ("_ga", "_gat"),
        ("*x", "xa"),
        ("统计*", "统"),
    ] {
        assert!(!m(pattern, name), "{pattern:?} does not match {name:?}");
    }
}

/// An iframe placeholder's "enable" grants in place only under a decision that answers this
/// policy: not one for an older version being asked about again (its dialog may not even
/// load), nor a refusal of an older version cooling down (the new one was never shown).
/// Both used to grant, recording a consent to a policy never shown.
#[test]
fn no_in_place_grant_from_a_decision_for_another_policy() {
    let config = |version: &str| {
        Config::from_json(&format!(
            r#"{{"policy":{{"version":"{version}","url":"/p.txt"}},
            "controller":{{"name":"x","contact":"y"}},
            "categories":[{{"id":"functional","title":"F"}}]}}"#
        ))
        .unwrap()
    };
    let (v1, v2) = (config("1"), config("2"));
    let agreed = first(&v1, accept_all());
    assert!(grants_in_place(&v1, Some(&agreed), T0 + 1, None));
    assert!(matches!(
        evaluate(&v2, Some(&agreed), T0 + 1, None),
        Prompt::ReConsent(_)
    ));
    assert!(!grants_in_place(&v2, Some(&agreed), T0 + 1, None));
    // The text changed under the same version: the same.
    assert!(!grants_in_place(&v1, Some(&agreed), T0 + 1, Some("bb")));

    let refused = first(&v1, Choice::Disagree);
    assert!(matches!(
        evaluate(&v2, Some(&refused), T0 + 1, None),
        Prompt::Cooldown { .. }
    ));
    assert!(grants_in_place(&v1, Some(&refused), T0 + 1, None));
    assert!(!grants_in_place(&v2, Some(&refused), T0 + 1, None));
}

/// Gated markup whose `data-service` no category lists loads with its category alone: the
/// site owner is told. One listed under another category waits for both (gated anyway).
#[test]
fn markup_naming_a_service_no_category_lists_is_warned_about() {
    let c = config();
    assert_eq!(c.markup_warning("analytics", Some("umeng")), None);
    assert_eq!(c.markup_warning("analytics", None), None);
    assert_eq!(
        c.markup_warning("analytics", Some("umeng2")).as_deref(),
        Some(
            "Mingshi: data-service=\"umeng2\" is not a configured service of \"analytics\"\
             : its elements load with the category alone. Did you mean \"umeng\"?"
        )
    );
    assert_eq!(
        c.markup_warning("marketing", Some("baidu-tongji"))
            .as_deref(),
        Some(
            "Mingshi: data-service=\"baidu-tongji\" is not a configured service of \"marketing\"\
             : its elements load with the category alone."
        )
    );
    // amap is functional's: such an element waits for functional and analytics.
    assert_eq!(c.markup_warning("analytics", Some("amap")), None);
    // So for a category without services; an unknown category is told of as before,
    // whatever service it names.
    assert_eq!(
        c.markup_warning("necessary", Some("cdn")).as_deref(),
        Some(
            "Mingshi: data-service=\"cdn\" is not a configured service of \"necessary\"\
             : its elements load with the category alone."
        )
    );
    assert_eq!(
        c.markup_warning("ads", Some("umeng")),
        c.markup_warning("ads", None)
    );
    assert!(c.markup_warning("ads", None).unwrap().starts_with(
        "Mingshi: data-category=\"ads\" is not a configured category (necessary, functional, analytics, marketing)"
    ));
}
