//! Every error the configuration reader reports, with its exact text and path: a
//! reference for the messages site owners see, and a guard for the reader's refactorings
//! (what is checked, and in which order, decides which error a bad configuration gets).

use mingshi_core::consent::Config;

const CASES: &[(&str, &str)] = &[
    (r#"{"#,
     "invalid JSON at line 1, column 2: expected a quoted key"),
    (r#"[1,]"#,
     "invalid JSON at line 1, column 4: expected a value"),
    (r#"[]"#,
     "expected an object, found an array"),
    (r#"null"#,
     "expected an object, found null"),
    (r#"1"#,
     "expected an object, found a number"),
    (r#""x""#,
     "expected an object, found a string"),
    (r#"{}"#,
     "policy: is required"),
    (r#"{"policy":null}"#,
     "policy: is required"),
    (r#"{"policy":1}"#,
     "policy: expected an object, found a number"),
    (r#"{"policy": {"id": 1, "version": "1", "url": "/p"}}"#,
     "policy.id: expected a string, found a number"),
    (r#"{"policy": {"id": "Bad", "version": "1", "url": "/p"}}"#,
     "policy.id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"id": "", "version": "1", "url": "/p"}}"#,
     "policy.id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "version": "1", "url": "/p"}}"#,
     "policy.id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"url": "/p"}}"#,
     "policy.version: is required"),
    (r#"{"policy": {"version": " ", "url": "/p"}}"#,
     "policy.version: must not be empty"),
    (r#"{"policy": {"version": 1, "url": "/p"}}"#,
     "policy.version: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "text": " \n"}}"#,
     "policy.text: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p", "text": "t"}}"#,
     "policy: give exactly one of `text`, `url` or `compiled`"),
    (r#"{"policy": {"version": "1"}}"#,
     "policy: give exactly one of `text`, `url` or `compiled`"),
    (r#"{"policy": {"version": "1", "text": 1}}"#,
     "policy.text: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "javascript:x"}}"#,
     "policy.url: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "compiled": "data:x"}}"#,
     "policy.compiled: must be a relative path or an http(s) URL"),
    // An empty URL is the page's own: its HTML would be read as the policy.
    (r#"{"policy": {"version": "1", "url": ""}}"#,
     "policy.url: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "compiled": " "}}"#,
     "policy.compiled: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "compiled": "a/b:c"}}"#,
     "controller: is required"),
    (r#"{"policy": {"version": "1", "compiled": "mailto:x"}}"#,
     "policy.compiled: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "url": "/p", "sha256": "abc"}}"#,
     "policy.sha256: must be 64 lowercase hex digits"),
    (r#"{"policy": {"version": "1", "url": "/p", "sha256": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}"#,
     "policy.sha256: must be 64 lowercase hex digits"),
    (r#"{"policy": {"version": "1", "url": "/p", "verison": "x"}}"#,
     "policy: unknown field `verison`; did you mean `version`?"),
    (r#"{"policy": {"version": "1", "url": "/p", "zzz": "x"}}"#,
     "policy: unknown field `zzz`"),
    (r#"{"policy": {"version": "1", "url": "/p", "texts": "x"}}"#,
     "policy: unknown field `texts`; did you mean `text`?"),
    (r#"{"policy": {"version": "1", "url": "/p", "sha256": "abc", "zzz": 1}}"#,
     "policy.sha256: must be 64 lowercase hex digits"),
    (r#"{"policy": {"id": "B", "url": "/p"}}"#,
     "policy.id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"version": "1", "url": "/p"}}"#,
     "controller: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": 1}"#,
     "controller: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {}}"#,
     "controller.name: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "", "contact": "y"}}"#,
     "controller.name: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x\ny", "contact": "y"}}"#,
     "controller.name: must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "须云\u202e科技", "contact": "y"}}"#,
     "controller.name: must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "a\u200b@example.com"}}"#,
     "controller.contact: must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)"),
    (r#"{"policy": {"version": "1\t", "url": "/p"}, "controller": {"name": "x", "contact": "y"}}"#,
     "policy.version: must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y", "nmae": 1}}"#,
     "controller: unknown field `nmae`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": {}}"#,
     "categories: expected an array, found an object"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [1]}"#,
     "categories[0]: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{}]}"#,
     "categories[0].id: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "Bad"}]}"#,
     "categories[0].id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A"}, {"id": "a"}]}"#,
     "categories[1].id: duplicate category id `a`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a"}]}"#,
     "categories[0].title: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": ""}]}"#,
     "categories[0].title: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {}}]}"#,
     "categories[0].title: must give the text in at least one language"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {"fr": "x"}}]}"#,
     "categories[0].title: language keys must be zh-CN, zh-TW or en"),
    // Tags exactly as written here: a text under "EN" would never be picked for English.
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {"zh-CN": "统计", "EN": "Analytics"}}]}"#,
     "categories[0].title: language keys must be zh-CN, zh-TW or en"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {"en": 1}}]}"#,
     "categories[0].title.en: expected a string"),
    // Each language's text is checked as a text given once: a required one is not blank.
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {"en": "  "}}]}"#,
     "categories[0].title.en: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": {"en": "Analytics", "zh-CN": "\u3000"}}]}"#,
     "categories[0].title.zh-CN: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": {"zh-CN": "说明", "zh-TW": ""}}]}"#,
     "separate_consents[0].text.zh-TW: must not be empty"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": 1}]}"#,
     "categories[0].title: expected a string or an object of {\"zh-CN\": ..., \"en\": ...}"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": null}]}"#,
     "categories[0].title: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": {}}]}"#,
     "categories[0].services: expected an array, found an object"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [1]}]}"#,
     "categories[0].services[0]: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{}]}]}"#,
     "categories[0].services[0].id: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "B"}]}]}"#,
     "categories[0].services[0].id: must be 1 to 32 characters of a-z, 0-9, _ or -"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S"}]}, {"id": "b", "title": "B", "services": [{"id": "s", "name": "S"}]}]}"#,
     "categories[1].services[0].id: duplicate service id `s`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "policy_url": "ftp://x"}]}]}"#,
     "categories[0].services[0].policy_url: must be an http:// or https:// URL"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "policy_url": 1}]}]}"#,
     "categories[0].services[0].policy_url: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "policy_url": "ftp://x"}]}]}"#,
     "categories[0].services[0].policy_url: must be an http:// or https:// URL"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s"}]}]}"#,
     "categories[0].services[0].name: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": 1}]}]}"#,
     "categories[0].services[0].name: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "provider": 1}]}]}"#,
     "categories[0].services[0].provider: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "purpose": 1}]}]}"#,
     "categories[0].services[0].purpose: expected a string or an object of {\"zh-CN\": ..., \"en\": ...}"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "data_collected": {}}]}]}"#,
     "categories[0].services[0].data_collected: expected an array, found an object"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "data_collected": ["a", 1]}]}]}"#,
     "categories[0].services[0].data_collected[1]: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "cookies": [null]}]}]}"#,
     "categories[0].services[0].cookies[0]: expected a string, found null"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "storage_keys": "x"}]}]}"#,
     "categories[0].services[0].storage_keys: expected an array, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "toggle": "yes"}]}]}"#,
     "categories[0].services[0].toggle: expected true or false, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "cookie": []}]}]}"#,
     "categories[0].services[0]: unknown field `cookie`; did you mean `cookies`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "services": [{"id": "s", "name": "S", "bogus": 1, "toggle": "x"}]}]}"#,
     "categories[0].services[0].toggle: expected true or false, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categories": [{"id": "a", "title": "A", "servces": []}]}"#,
     "categories[0]: unknown field `servces`; did you mean `services`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": {}}"#,
     "separate_consents: expected an array, found an object"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [1]}"#,
     "separate_consents[0]: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{}]}"#,
     "separate_consents[0].id: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x"}]}"#,
     "separate_consents[0].kind: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "bad", "title": ""}]}"#,
     "separate_consents[0].kind: must be sensitive_personal_info, third_party_sharing, public_disclosure, cross_border or custom"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom"}]}"#,
     "separate_consents[0].title: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t"}]}"#,
     "separate_consents[0].text: is required"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u"}, {"id": "x"}]}"#,
     "separate_consents[1].id: duplicate separate-consent id `x`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u", "required_for": 1}]}"#,
     "separate_consents[0].required_for: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u", "required_for": "nope"}]}"#,
     "separate_consents[0].required_for: names category `nope`, which is not configured"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u", "kinds": 1}]}"#,
     "separate_consents[0]: unknown field `kinds`; did you mean `kind`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": 1}"#,
     "minors: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"age_gate": 1}}"#,
     "minors.age_gate: expected true or false, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"threshold": 0}}"#,
     "minors.threshold: must be a whole number between 1 and 21"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"threshold": 22}}"#,
     "minors.threshold: must be a whole number between 1 and 21"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"threshold": 1.5}}"#,
     "minors.threshold: must be a whole number between 1 and 21"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"threshold": "x"}}"#,
     "minors.threshold: expected a number, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "minors": {"threshhold": 3}}"#,
     "minors: unknown field `threshhold`; did you mean `threshold`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": 1}"#,
     "behaviour: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"disagree": "x"}}"#,
     "behaviour.disagree: must be \"basic_mode\" (disagreeing never leaves the page)"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"disagree": 1}}"#,
     "behaviour.disagree: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"disagree": "basic_mode", "refusal_cooldown_hours": -1}}"#,
     "behaviour.refusal_cooldown_hours: must be a whole number between 0 and 8760"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"consent_lifetime_days": 0}}"#,
     "behaviour.consent_lifetime_days: must be a whole number between 1 and 3650"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"consent_lifetime_days": 3651}}"#,
     "behaviour.consent_lifetime_days: must be a whole number between 1 and 3650"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"must_open_policy": 1}}"#,
     "behaviour.must_open_policy: expected true or false, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"show_settings_entry": "x"}}"#,
     "behaviour.show_settings_entry: expected true or false, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"disagre": "x"}}"#,
     "behaviour: unknown field `disagre`; did you mean `disagree`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "behaviour": {"disagree": "x", "zzz": 1}}"#,
     "behaviour.disagree: must be \"basic_mode\" (disagreeing never leaves the page)"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "language": 1}"#,
     "language: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "language": "fr"}"#,
     "language: must be \"auto\", \"zh-CN\", \"zh-TW\" or \"en\""),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "language": "zh-cn"}"#,
     "language: must be \"auto\", \"zh-CN\", \"zh-TW\" or \"en\""),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": 1}"#,
     "strings: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"fr": {}}}"#,
     "strings.fr: language keys must be zh-CN, zh-TW or en"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"en": 1}}"#,
     "strings.en: expected an object of string keys to texts"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"en": {"agree": 1}}}"#,
     "strings.en.agree: expected a string"),
    // A UI string key the component does not have would never show: a typo. (No "did you
    // mean": a search of the UI string keys for a close one costs 0.2 KB gzip of wasm.)
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"en": {"agree": "OK", "acept_all": "All"}}}"#,
     "strings.en: unknown field `acept_all`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"zh-CN": {"同意": "我同意"}}}"#,
     "strings.zh-CN: unknown field `同意`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"en": {"Agree": "OK"}}}"#,
     "strings.en: unknown field `Agree`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "strings": {"en": {"agree": "A"}, "zh-CN": {}, "en ": {}}}"#,
     "strings.en : language keys must be zh-CN, zh-TW or en"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": 1}"#,
     "receipts: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"endpoint": 1}}"#,
     "receipts.endpoint: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"endpoint": "javascript:x"}}"#,
     "receipts.endpoint: must be a relative path or an http(s) URL"),
    // An empty endpoint is the page's own URL: no receipt would ever be acknowledged.
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"endpoint": ""}}"#,
     "receipts.endpoint: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"headers": 1}}"#,
     "receipts.headers: expected an object of header names to values"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"headers": {"X": 1}}}"#,
     "receipts.headers.X: expected a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"enabled": "x"}}"#,
     "receipts.enabled: expected true or false, found a string"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"enabled": "x", "endpoint": "javascript:"}}"#,
     "receipts.endpoint: must be a relative path or an http(s) URL"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"headers": 1, "enabled": "x"}}"#,
     "receipts.headers: expected an object of header names to values"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "receipts": {"enabld": false}}"#,
     "receipts: unknown field `enabld`; did you mean `enabled`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacons": 1}"#,
     "beacons: expected an object of URL patterns to category ids"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacons": {"/x": 1}}"#,
     "beacons./x: expected a category id"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacons": {"/x": "nope"}}"#,
     "beacons./x: names category `nope`, which is not configured"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacons": []}"#,
     "beacons: expected an object of URL patterns to category ids"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "miniprogram": 1}"#,
     "miniprogram: expected an object, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "miniprogram": {"result_page": 1}}"#,
     "miniprogram.result_page: expected a string, found a number"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "miniprogram": {"result_page": "pages/x"}}"#,
     "miniprogram.result_page: must be a mini-program page path starting with /"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "miniprogram": {"result_pag": "/x"}}"#,
     "miniprogram: unknown field `result_pag`; did you mean `result_page`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "zzz": 1}"#,
     "unknown field `zzz`"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "categries": []}"#,
     "unknown field `categries`; did you mean `categories`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "languag": "en"}"#,
     "unknown field `languag`; did you mean `language`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacon": {}}"#,
     "unknown field `beacon`; did you mean `beacons`?"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "zzz": 1, "minors": {"threshold": 0}}"#,
     "minors.threshold: must be a whole number between 1 and 21"),
    // Each in the order of the tables: `separate_consents` before `beacons`.
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "beacons": {"/x": "nope"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u", "required_for": "nope"}]}"#,
     "separate_consents[0].required_for: names category `nope`, which is not configured"),
    (r#"{"policy": {"version": "1", "url": "/p"}, "controller": {"name": "x", "contact": "y"}, "miniprogram": {"result_page": "x"}, "separate_consents": [{"id": "x", "kind": "custom", "title": "t", "text": "u", "required_for": "nope"}]}"#,
     "separate_consents[0].required_for: names category `nope`, which is not configured"),
    // A key given twice in one object is refused, wherever it is: a reader keeps one of
    // the two, so half of what was written would be dropped without a word.
    (r#"{"policy":{"version":"1","url":"/p","url":"javascript:"},"controller":{"name":"x","contact":"y"}}"#,
     "policy.url: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A"}],"categories":[{"id":"b","title":"B"}]}"#,
     "categories: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A"},{"id":"b","id":"c","title":"B"}]}"#,
     "categories[1].id: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"controller":null}"#,
     "controller: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":{"en":"A","zh-CN":"甲","en":"B"}}]}"#,
     "categories[0].title.en: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"strings":{"en":{"agree":"OK","agree":"Yes"}}}"#,
     "strings.en.agree: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"strings":{"en":{"agree":"OK"},"zh-CN":{},"en":{"save":"Save"}}}"#,
     "strings.en: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"receipts":{"headers":{"X-A":"1","X-A":"2"}}}"#,
     "receipts.headers.X-A: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"beacons":{"/b":"necessary","/b":"x"}}"#,
     "beacons./b: given twice"),
    // Before any other error of its object: the repeated key may be what the other one
    // comes from.
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":"A","services":[{"id":"s","name":"S","name":"T","toggle":1}]}]}"#,
     "categories[0].services[0].name: given twice"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"":1}"#,
     "unknown field ``"),
    (r#"{"policy":{"version":"1","url":"/p","":1},"controller":{"name":"x","contact":"y"}}"#,
     "policy: unknown field ``"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"categories":[{"id":"a","title":{"":"x"}}]}"#,
     "categories[0].title: language keys must be zh-CN, zh-TW or en"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"strings":{"":{}}}"#,
     "strings.: language keys must be zh-CN, zh-TW or en"),
    // A blank override would leave its button without words.
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"strings":{"en":{"agree":" "}}}"#,
     "strings.en.agree: must not be empty"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"receipts":{"headers":{"":1}}}"#,
     "receipts.headers.: expected a string"),
    (r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},"beacons":{"":"x"}}"#,
     "beacons.: names category `x`, which is not configured"),
];

#[test]
fn every_error_has_its_exact_message_and_path() {
    let mut wrong = Vec::new();
    for (json, want) in CASES {
        match Config::from_json(json) {
            Ok(_) => wrong.push(format!("{json}\n  accepted, want: {want}")),
            Err(e) if e.to_string() != *want => {
                wrong.push(format!("{json}\n  got:  {e}\n  want: {want}"))
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Texts every receipt repeats may not be longer than the receipts server accepts, or every
/// receipt of the site would be refused.
#[test]
fn receipt_texts_longer_than_the_server_accepts_are_refused() {
    let config = |contact: &str| {
        format!(
            r#"{{"policy": {{"version": "1", "url": "/p"}}, "controller": {{"name": "x", "contact": "{contact}"}}}}"#
        )
    };
    assert!(
        Config::from_json(&config(&"邮".repeat(170))).is_ok(),
        "510 bytes"
    );
    let err = Config::from_json(&config(&"邮".repeat(171))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "controller.contact: must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)"
    );
}

/// Every receipt records every category, service and separate-consent id: a configuration
/// with so many that a receipt could outgrow what the receipts server accepts is refused
/// (it used to start, and every receipt was refused with 413 and dropped). The largest
/// configuration accepted makes receipts the server takes, whatever the person chooses.
#[test]
fn a_configuration_whose_receipts_could_be_too_large_is_refused() {
    use mingshi_core::consent::{decide, receipt_for, receipt_json, Choice, Context, ReceiptFacts};
    use mingshi_core::receipt::{CollectionMethod, MAX_RECEIPT_BYTES};

    let config = |services: usize, receipts: bool| {
        let list: Vec<String> = (0..services)
            .map(|i| format!(r#"{{"id": "service-with-a-long-id-{i:08}", "name": "S"}}"#))
            .collect();
        format!(
            r#"{{"policy": {{"version": "1", "url": "/privacy/policy.txt"}},
                "controller": {{"name": "x", "contact": "y"}},
                "receipts": {{"enabled": {receipts}}},
                "categories": [{{"id": "analytics", "title": "A", "description": "d",
                                 "services": [{}]}}]}}"#,
            list.join(",")
        )
    };
    let largest = (1..1000)
        .take_while(|&n| Config::from_json(&config(n, true)).is_ok())
        .last()
        .unwrap();
    assert!((200..400).contains(&largest), "{largest} services");
    let err = Config::from_json(&config(largest + 1, true)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "categories: a receipt lists every id: with these it could pass the 16384 bytes \
         the receipts server accepts; use fewer services or shorter ids"
    );
    // Without receipts nothing is posted, and there is no limit.
    assert!(Config::from_json(&config(largest + 1, false)).is_ok());

    let config = Config::from_json(&config(largest, true)).unwrap();
    let id = mingshi_core::receipt::uuid_v4_from_bytes([7; 16]);
    let facts = || ReceiptFacts {
        receipt_id: id.clone(),
        policy_url: Some(format!(
            "https://{}.example.com/privacy/policy.txt",
            "w".repeat(200)
        )),
        user_agent: Some("浏览器/1.0 ".repeat(100)),
    };
    for method in [
        CollectionMethod::FirstRunDialog,
        CollectionMethod::PreferenceCentre,
    ] {
        for choice in [
            Choice::RejectAll,
            Choice::Withdraw,
            Choice::AcceptAll {
                separate: Default::default(),
                guardian: false,
            },
        ] {
            let ctx = Context {
                now: 1_763_000_000_000,
                policy_sha256: mingshi_core::hash::EMPTY_SHA256,
                language: "zh-CN",
                new_subject_id: &id,
                gpc: true,
                method,
            };
            let outcome = decide(&config, None, choice, &ctx);
            let bytes = receipt_json(&config, &outcome, &facts()).len();
            assert!(bytes <= MAX_RECEIPT_BYTES, "{bytes} bytes");
            assert_eq!(receipt_for(&config, &outcome, facts()).validate(), Ok(()));
        }
    }
}
