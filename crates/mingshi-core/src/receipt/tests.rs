use super::*;

pub(crate) fn sample() -> Receipt {
    let mut categories = Flags::new();
    categories.insert("necessary".to_string(), true);
    categories.insert("analytics".to_string(), false);
    Receipt {
        version: RECEIPT_VERSION.to_string(),
        receipt_id: uuid_v4_from_bytes([0xab; 16]),
        jurisdiction: "CN".into(),
        consent_timestamp: 1_763_000_000_000,
        collection_method: CollectionMethod::FirstRunDialog,
        controller: Controller {
            name: "须云科技".into(),
            contact: "privacy@example.com".into(),
        },
        policy: PolicyRef {
            id: "privacy".into(),
            version: "2023-11-15".into(),
            sha256: crate::hash::sha256_hex("政策".as_bytes()),
            url: Some("/policy.txt".into()),
        },
        language: "zh-CN".into(),
        subject_id: "s-0123456789abcdef".into(),
        action: Action::AcceptAll,
        decisions: Decisions {
            categories,
            ..Default::default()
        },
        gpc: false,
        user_agent: Some("Mozilla/5.0 \"test\"".into()),
    }
}

#[test]
fn canonical_json_round_trips_through_serde() {
    let r = sample();
    let json = r.to_canonical_json();
    let back: Receipt = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.to_canonical_json(), json);
}

#[test]
fn canonical_json_has_sorted_keys_and_no_whitespace() {
    let json = sample().to_canonical_json();
    assert!(json.starts_with(r#"{"action":"accept_all","collection_method":"first_run_dialog""#));
    assert!(json.contains(r#""categories":{"analytics":false,"necessary":true}"#));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    // serde_json's Value map is a BTreeMap (sorted) without preserve_order: same bytes back.
    assert_eq!(serde_json::to_string(&value).unwrap(), json);
}

#[test]
fn valid_sample_passes_validation() {
    assert_eq!(sample().validate(), Ok(()));
}

/// A field's path and a change that makes it invalid.
type BadField = (&'static str, Box<dyn Fn(&mut Receipt)>);

#[test]
fn each_bad_field_is_named() {
    let cases: Vec<BadField> = vec![
        ("version", Box::new(|r| r.version = "2".into())),
        (
            "receipt_id",
            Box::new(|r| r.receipt_id = "not-a-uuid".into()),
        ),
        (
            "receipt_id",
            Box::new(|r| r.receipt_id = r.receipt_id.to_uppercase()),
        ),
        ("consent_timestamp", Box::new(|r| r.consent_timestamp = 12)),
        (
            "policy.sha256",
            Box::new(|r| r.policy.sha256 = "abc".into()),
        ),
        (
            "controller.name",
            Box::new(|r| r.controller.name = " ".into()),
        ),
        ("subject_id", Box::new(|r| r.subject_id = "x\u{0}".into())),
        ("language", Box::new(|r| r.language = "x".repeat(600))),
        (
            "policy.url",
            Box::new(|r| r.policy.url = Some("javascript:alert(1)".into())),
        ),
        (
            "decisions.services",
            Box::new(|r| {
                r.decisions.services.insert(String::new(), true);
            }),
        ),
        (
            "policy.id",
            Box::new(|r| r.policy.id = "privacy;v=2".into()),
        ),
    ];
    for (field, mutate) in cases {
        let mut r = sample();
        mutate(&mut r);
        let err = r.validate().unwrap_err();
        assert!(
            err.to_string().contains(&format!("`{field}`")),
            "expected error naming {field}, got: {err}"
        );
    }
}

/// The CSV export writes a decision column as `id=1;id=0`: an id holding `;` or `=` (or
/// anything else the configuration refuses in an id) would make it ambiguous, and is
/// refused naming the id.
#[test]
fn decision_ids_are_configuration_ids() {
    for (field, id) in [
        ("decisions.categories", "a;b"),
        ("decisions.services", "umeng=1"),
        ("decisions.separate", "Face"),
        ("decisions.services", "x\u{202e}y"),
    ] {
        let mut r = sample();
        let map = match field {
            "decisions.categories" => &mut r.decisions.categories,
            "decisions.services" => &mut r.decisions.services,
            _ => &mut r.decisions.separate,
        };
        map.insert(id.to_string(), true);
        assert_eq!(
            r.validate().unwrap_err().to_string(),
            format!("receipt field `{field}` has the id {id:?}, which must be 1 to 32 characters of a-z, 0-9, _ or - (as in the configuration)")
        );
    }
    let mut r = sample();
    r.decisions.services.insert("amap_2-x".into(), false);
    assert_eq!(r.validate(), Ok(()));
}

/// A control or invisible formatting character can disguise a value where receipts are
/// read (U+202E in a spreadsheet cell shows `gpj.exe` as `exe.jpg`): refused in every text
/// the site or the component writes, naming the field and the code point.
#[test]
fn hidden_characters_are_refused_naming_the_field_and_the_code_point() {
    /// A field, a character, and how to put a text holding it there.
    type Case = (&'static str, char, fn(&mut Receipt, String));
    let cases: [Case; 8] = [
        ("controller.name", '\u{202e}', |r, v| r.controller.name = v),
        ("controller.contact", '\u{200b}', |r, v| {
            r.controller.contact = v
        }),
        ("policy.version", '\u{2066}', |r, v| r.policy.version = v),
        ("policy.url", '\u{feff}', |r, v| {
            r.policy.url = Some(format!("/p{v}"))
        }),
        ("language", '\u{85}', |r, v| r.language = v),
        ("subject_id", '\u{e0041}', |r, v| r.subject_id = v),
        ("jurisdiction", '\u{1b}', |r, v| r.jurisdiction = v),
        ("user_agent", '\u{ad}', |r, v| r.user_agent = Some(v)),
    ];
    for (field, c, set) in cases {
        let mut r = sample();
        set(&mut r, format!("ab{c}c"));
        let err = r.validate().unwrap_err().to_string();
        let code = format!("U+{:04X}", u32::from(c));
        assert!(
            err.starts_with(&format!(
                "receipt field `{field}` has the character {code}: "
            )),
            "{err}"
        );
    }
    // What looks alike but shows: ideographic and no-break spaces, CJK, accents.
    let mut r = sample();
    r.controller.name = "须云\u{3000}科技\u{a0}Café".into();
    assert_eq!(r.validate(), Ok(()));
}

/// The user agent is the browser's: the server cleans it as the component does, and stores
/// the receipt rather than refusing it (and the browser dropping it).
#[cfg(feature = "json")]
#[test]
fn parse_cleans_the_user_agent_instead_of_refusing_the_receipt() {
    let mut r = sample();
    r.user_agent = Some("Mozilla\u{202e}/5.0\u{7} (X11)".into());
    let parsed = Receipt::parse(r.to_canonical_json().as_bytes()).unwrap();
    assert_eq!(parsed.user_agent.as_deref(), Some("Mozilla/5.0 (X11)"));
    r.user_agent = Some("\u{200b}\u{2028}".into());
    let parsed = Receipt::parse(r.to_canonical_json().as_bytes()).unwrap();
    assert_eq!(parsed.user_agent, None, "nothing left");
    r.user_agent = Some("页".repeat(300));
    let parsed = Receipt::parse(r.to_canonical_json().as_bytes()).unwrap();
    assert_eq!(
        parsed.user_agent,
        Some("页".repeat(170)),
        "512 bytes of whole characters"
    );
    // Other fields are the site's or the component's: refused.
    r.controller.name = "a\u{202e}b".into();
    assert!(matches!(
        Receipt::parse(r.to_canonical_json().as_bytes()),
        Err(ReceiptError::Hidden {
            field: "controller.name",
            found: '\u{202e}'
        })
    ));
}

#[test]
fn a_wrong_device_clock_is_valid_but_seconds_are_not() {
    let at = |ts| {
        let mut r = sample();
        r.consent_timestamp = ts;
        r.validate()
    };
    // Milliseconds from a real clock, however wrong: 2019, months after 1970, late 2099.
    for ts in [1_559_347_200_000, 10_000_000_000, 4_102_444_799_999] {
        assert_eq!(at(ts), Ok(()), "{ts}");
    }
    // Seconds of any date before 2100, microseconds, zero, negative, 2100 itself.
    for ts in [
        1_763_000_000,
        4_102_444_799,
        1_763_000_000_000_000,
        0,
        -1,
        4_102_444_800_000,
    ] {
        assert!(at(ts).is_err(), "{ts}");
    }
}

#[test]
fn uuid_keeps_the_byte_order_and_sets_version_and_variant() {
    let bytes: [u8; 16] = std::array::from_fn(|i| i as u8);
    assert_eq!(
        uuid_v4_from_bytes(bytes),
        "00010203-0405-4607-8809-0a0b0c0d0e0f"
    );
    assert_eq!(
        uuid_v4_from_bytes([0xff; 16]),
        "ffffffff-ffff-4fff-bfff-ffffffffffff"
    );
}

#[test]
fn uuid_checks() {
    assert!(is_uuid_v4("123e4567-e89b-42d3-a456-426614174000"));
    assert!(
        !is_uuid_v4("123e4567-e89b-12d3-a456-426614174000"),
        "version 1"
    );
    assert!(
        !is_uuid_v4("123e4567-e89b-42d3-c456-426614174000"),
        "wrong variant"
    );
    assert!(!is_uuid_v4("123e4567e89b42d3a456426614174000"));
}

#[cfg(feature = "json")]
#[test]
fn parse_rejects_oversized_malformed_and_unknown_fields() {
    let big = vec![b' '; MAX_RECEIPT_BYTES + 1];
    assert!(matches!(
        Receipt::parse(&big),
        Err(ReceiptError::TooLarge { .. })
    ));
    assert!(matches!(
        Receipt::parse(b"{"),
        Err(ReceiptError::Malformed(_))
    ));
    let mut v: serde_json::Value = serde_json::from_str(&sample().to_canonical_json()).unwrap();
    v["extra"] = serde_json::json!(1);
    let err = Receipt::parse(v.to_string().as_bytes()).unwrap_err();
    assert!(err.to_string().contains("extra"), "{err}");
    assert_eq!(
        Receipt::parse(sample().to_canonical_json().as_bytes()),
        Ok(sample())
    );
}

/// The exact bytes of the canonical form: it is signed and hashed, so a change to how it
/// is written must not change a single byte.
#[test]
fn canonical_json_is_byte_for_byte_stable() {
    assert_eq!(
        sample().to_canonical_json(),
        r#"{"action":"accept_all","collection_method":"first_run_dialog","consent_timestamp":1763000000000,"controller":{"contact":"privacy@example.com","name":"须云科技"},"decisions":{"categories":{"analytics":false,"necessary":true},"separate":{},"services":{}},"gpc":false,"jurisdiction":"CN","language":"zh-CN","policy":{"id":"privacy","sha256":"6993cb35989038caf87df75230f88310e548e8b3b2d3c71ab250a7dde752236a","url":"/policy.txt","version":"2023-11-15"},"receipt_id":"abababab-abab-4bab-abab-abababababab","subject_id":"s-0123456789abcdef","user_agent":"Mozilla/5.0 \"test\"","version":"mingshi-receipt/1"}"#
    );
    let mut r = sample();
    r.policy.url = None;
    r.user_agent = None;
    r.gpc = true;
    r.controller.name = "a\"b\\c\n\u{1}d".into();
    r.decisions.services.insert("umeng".into(), true);
    r.decisions.services.insert("amap".into(), false);
    r.decisions.separate.insert("face".into(), true);
    assert_eq!(
        r.to_canonical_json(),
        r#"{"action":"accept_all","collection_method":"first_run_dialog","consent_timestamp":1763000000000,"controller":{"contact":"privacy@example.com","name":"a\"b\\c\n\u0001d"},"decisions":{"categories":{"analytics":false,"necessary":true},"separate":{"face":true},"services":{"amap":false,"umeng":true}},"gpc":true,"jurisdiction":"CN","language":"zh-CN","policy":{"id":"privacy","sha256":"6993cb35989038caf87df75230f88310e548e8b3b2d3c71ab250a7dde752236a","url":null,"version":"2023-11-15"},"receipt_id":"abababab-abab-4bab-abab-abababababab","subject_id":"s-0123456789abcdef","user_agent":null,"version":"mingshi-receipt/1"}"#
    );
}

/// A grant from an iframe placeholder's button is the visitor's own click, recorded as such
/// (`placeholder`), not as the page's script calling the API.
#[test]
fn a_placeholder_grant_has_its_own_collection_method() {
    let m: CollectionMethod = serde_json::from_str(r#""placeholder""#).expect("a known method");
    assert_eq!(m.as_str(), "placeholder");
    assert_ne!(m, CollectionMethod::Api);
    assert_eq!(serde_json::to_string(&m).unwrap(), r#""placeholder""#);
}
