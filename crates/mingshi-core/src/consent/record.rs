//! Turning a decision into its consent receipt.

use crate::json::fields::{error, FieldError, Path};
use crate::receipt::{
    clean_user_agent, is_policy_url, Receipt, ReceiptView, MAX_RECEIPT_BYTES, MAX_TEXT,
    RECEIPT_VERSION,
};

use super::config::{Config, PolicySource};
use super::rules::Outcome;

/// Facts the shell supplies for the receipt.
pub struct ReceiptFacts {
    /// From `uuid_v4_from_bytes` over fresh random bytes.
    pub receipt_id: String,
    /// Absolute URL of the policy shown, when it came from a URL.
    pub policy_url: Option<String>,
    pub user_agent: Option<String>,
}

/// The receipt recording `outcome`.
pub fn receipt_for(config: &Config, outcome: &Outcome, facts: ReceiptFacts) -> Receipt {
    let user_agent = facts.user_agent.as_deref().and_then(clean_user_agent);
    view(config, outcome, &facts, user_agent.as_deref()).to_receipt()
}

/// The canonical JSON of [`receipt_for`]'s receipt, written without building it.
pub fn receipt_json(config: &Config, outcome: &Outcome, facts: &ReceiptFacts) -> String {
    let user_agent = facts.user_agent.as_deref().and_then(clean_user_agent);
    view(config, outcome, facts, user_agent.as_deref()).to_canonical_json()
}

/// Room for the origin the browser puts before a policy URL configured as a path.
const URL_ORIGIN_ROOM: usize = 256;
/// A receipt's bytes besides its configured texts, its ids and its user agent: keys,
/// punctuation and the values of bounded length (ids, hash, time, method, language),
/// at their longest. The test `the_largest_receipt_is_bounded` keeps it right.
const RECEIPT_FRAME: usize = 511;

/// The bytes of `url` as a receipt names it, the browser's parsed form (its `href`): each
/// byte outside visible ASCII is percent-encoded, `%XX`. A policy at `/隐私政策.txt` is 17
/// bytes as configured, 41 as sent.
fn href_bytes(url: &str) -> usize {
    let mut n = 0;
    for b in url.bytes() {
        n += if b.is_ascii_graphic() { 1 } else { 3 };
    }
    n
}

/// The most bytes a receipt under `config` can take (escapes aside: the texts have no
/// control characters, and the origin's room covers a few quotes).
fn largest_receipt_bytes(config: &Config) -> usize {
    let (p, c) = (&config.policy, &config.controller);
    let mut n = RECEIPT_FRAME + MAX_TEXT + URL_ORIGIN_ROOM;
    // Over a slice, as in `Config::fingerprint`.
    for t in &[&c.name, &c.contact, &p.id, &p.version] {
        n += t.len();
    }
    if let PolicySource::Url(u) | PolicySource::Compiled(u) = &p.source {
        n += href_bytes(u);
    }
    // Each id as `"id":false,`.
    let mut ids = |id: &String| n += id.len() + 9;
    for c in &config.categories {
        ids(&c.id);
        c.services.iter().for_each(|s| ids(&s.id));
    }
    config.separate.iter().for_each(|s| ids(&s.id));
    n
}

/// Refuses a configuration whose receipts could be larger than the receipts server accepts
/// ([`MAX_RECEIPT_BYTES`]): every receipt records every category, service and
/// separate-consent id, so such a configuration would have every receipt refused, and lost.
pub fn check_receipt_size(config: &Config) -> Result<(), FieldError> {
    if !config.receipts.enabled || largest_receipt_bytes(config) <= MAX_RECEIPT_BYTES {
        return Ok(());
    }
    Err(error(
        &Path::Root("categories"),
        &["a receipt lists every id: with these it could pass the 16384 bytes the receipts server accepts; use fewer services or shorter ids"],
    ))
}

/// The receipt's fields; `user_agent` is the facts' one, cleaned.
fn view<'a>(
    config: &'a Config,
    outcome: &'a Outcome,
    facts: &'a ReceiptFacts,
    user_agent: Option<&'a str>,
) -> ReceiptView<'a> {
    let s = &outcome.state;
    ReceiptView {
        version: RECEIPT_VERSION,
        receipt_id: &facts.receipt_id,
        jurisdiction: "CN",
        consent_timestamp: s.updated_at,
        collection_method: outcome.method,
        controller: &config.controller,
        policy_id: &config.policy.id,
        policy_version: &s.policy_version,
        policy_sha256: &s.policy_sha256,
        // A page in a hybrid app's web view (`capacitor://`, `file://`) has its policy at
        // an address the receipts server refuses (it would refuse the whole receipt, and
        // the browser then drops it): such a receipt names none; the policy's hash and
        // version still say which it was.
        policy_url: facts.policy_url.as_deref().filter(|u| is_policy_url(u)),
        language: &s.language,
        subject_id: &s.subject_id,
        action: outcome.action,
        categories: &s.categories,
        services: &s.services,
        separate: &s.separate,
        gpc: s.gpc,
        user_agent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::{decide, Choice, Context};
    use crate::receipt::{Action, CollectionMethod};

    /// A first-run dialog's context for the policy text of hash `sha`.
    fn first_run(sha: &str, gpc: bool) -> Context<'_> {
        Context {
            now: 1_763_000_000_000,
            policy_sha256: sha,
            language: "zh-CN",
            new_subject_id: "subject-a",
            gpc,
            method: CollectionMethod::FirstRunDialog,
        }
    }

    #[test]
    fn the_receipt_records_the_outcome_and_validates() {
        let config = Config::from_json(crate::consent::tests::CONFIG).unwrap();
        let sha = crate::hash::sha256_hex(b"text");
        let ctx = first_run(&sha, true);
        let outcome = decide(&config, None, Choice::RejectAll, &ctx);
        let r = receipt_for(
            &config,
            &outcome,
            ReceiptFacts {
                receipt_id: crate::receipt::uuid_v4_from_bytes([1; 16]),
                policy_url: Some("https://example.com/policy.txt".into()),
                user_agent: Some("UA\u{0}\u{202e}\u{200b}x".into()),
            },
        );
        assert_eq!(r.validate(), Ok(()));
        // A long non-ASCII user agent is trimmed to what the server accepts (it used to be
        // cut at 512 characters, and the server refused the receipt).
        let long = receipt_for(
            &config,
            &outcome,
            ReceiptFacts {
                receipt_id: crate::receipt::uuid_v4_from_bytes([2; 16]),
                policy_url: None,
                user_agent: Some("浏览器".repeat(200)),
            },
        );
        assert_eq!(long.validate(), Ok(()));
        // A page in a hybrid app's web view: its policy's address is not one the server
        // takes, and the receipt (which it would refuse whole) names none.
        for url in [
            "capacitor://localhost/policy.txt",
            "file:///android_asset/p.txt",
        ] {
            let hybrid = receipt_for(
                &config,
                &outcome,
                ReceiptFacts {
                    receipt_id: crate::receipt::uuid_v4_from_bytes([3; 16]),
                    policy_url: Some(url.into()),
                    user_agent: None,
                },
            );
            assert_eq!(
                (hybrid.validate(), hybrid.policy.url),
                (Ok(()), None),
                "{url}"
            );
        }
        // What the browser posts is the same receipt's canonical JSON, byte for byte.
        let facts = ReceiptFacts {
            receipt_id: r.receipt_id.clone(),
            policy_url: Some("https://example.com/policy.txt".into()),
            user_agent: Some("UA\u{0}\u{202e}\u{200b}x".into()),
        };
        assert_eq!(
            receipt_json(&config, &outcome, &facts),
            r.to_canonical_json()
        );
        assert_eq!(r.action, Action::RejectAll);
        assert!(r.gpc);
        assert_eq!(r.user_agent.as_deref(), Some("UAx"));
        assert_eq!(r.decisions.categories.get("analytics"), Some(&false));
        assert_eq!(r.decisions.separate.len(), 3);
        assert_eq!(r.subject_id, "subject-a");
    }

    /// [`largest_receipt_bytes`] is never less than a real receipt's length, and not much
    /// more: every method and action, with the longest user agent, subject and language.
    #[test]
    fn the_largest_receipt_is_bounded() {
        use crate::consent::Selection;
        let configs = [
            crate::consent::tests::CONFIG.to_string(),
            r#"{"policy":{"version":"1","text":"t"},"controller":{"name":"x","contact":"y"}}"#
                .to_string(),
            // Sent percent-encoded (below), three bytes for each of these UTF-8 bytes.
            r#"{"policy":{"version":"1","url":"/政策/个人信息保护.txt"},"controller":{"name":"x","contact":"y"}}"#
                .to_string(),
        ];
        for json in &configs {
            let config = Config::from_json(json).unwrap();
            let mut longest = 0;
            let methods = [
                CollectionMethod::FirstRunDialog,
                CollectionMethod::PreferenceCentre,
                CollectionMethod::Api,
                CollectionMethod::Withdrawal,
                CollectionMethod::ReConsent,
                CollectionMethod::Placeholder,
            ];
            for method in methods {
                let choices = [
                    Choice::RejectAll,
                    Choice::Disagree,
                    Choice::Withdraw,
                    Choice::Custom(Selection::default()),
                    Choice::AcceptAll {
                        separate: Default::default(),
                        guardian: true,
                    },
                ];
                for choice in choices {
                    let ctx = Context {
                        now: 4_102_444_799_999,
                        policy_sha256: crate::hash::EMPTY_SHA256,
                        language: "zh-CN",
                        new_subject_id: &crate::receipt::uuid_v4_from_bytes([9; 16]),
                        gpc: false,
                        method,
                    };
                    let facts = ReceiptFacts {
                        receipt_id: crate::receipt::uuid_v4_from_bytes([8; 16]),
                        // As the browser's href gives it.
                        policy_url: match &config.policy.source {
                            PolicySource::Url(u) | PolicySource::Compiled(u) => Some(
                                u.bytes()
                                    .map(|b| match b {
                                        0x80.. => format!("%{b:02X}"),
                                        _ => char::from(b).to_string(),
                                    })
                                    .collect(),
                            ),
                            PolicySource::Text(_) => None,
                        },
                        user_agent: Some("x".repeat(600)),
                    };
                    let outcome = decide(&config, None, choice, &ctx);
                    longest = longest.max(receipt_json(&config, &outcome, &facts).len());
                }
            }
            let bound = largest_receipt_bytes(&config) - URL_ORIGIN_ROOM;
            assert!(
                (longest..longest + 24).contains(&bound),
                "{bound} for {longest}: {json}"
            );
        }
    }

    #[test]
    fn the_user_agent_keeps_512_bytes_of_whole_characters_after_dropping_control_characters() {
        let ua = format!("\u{1}{}\n{}", "页".repeat(300), "x".repeat(300));
        let mut want = String::new();
        for c in ua.chars().filter(|&c| !crate::receipt::is_hidden(c)) {
            if want.len() + c.len_utf8() > MAX_TEXT {
                break;
            }
            want.push(c);
        }
        assert_eq!(clean_user_agent(&ua), Some(want.clone()));
        assert_eq!(want.len(), 510, "170 whole 页 of 3 bytes");
        assert_eq!(
            clean_user_agent(&"x".repeat(600)).map(|u| u.len()),
            Some(512)
        );
        assert_eq!(clean_user_agent("a\tb").as_deref(), Some("ab"));
    }

    /// An empty or blank user agent (a web view configured so, a privacy browser) is left
    /// out of the receipt: the server refuses a blank one, and the receipt would be dropped.
    #[test]
    fn a_blank_user_agent_is_left_out_and_the_receipt_validates() {
        let config = Config::from_json(crate::consent::tests::CONFIG).unwrap();
        let sha = crate::hash::sha256_hex(b"text");
        let ctx = first_run(&sha, false);
        let outcome = decide(&config, None, Choice::RejectAll, &ctx);
        for ua in ["", " ", "\t\u{3000} ", "\u{1}", " \u{0} "] {
            let facts = ReceiptFacts {
                receipt_id: crate::receipt::uuid_v4_from_bytes([4; 16]),
                policy_url: None,
                user_agent: Some(ua.into()),
            };
            let json = receipt_json(&config, &outcome, &facts);
            assert!(json.contains(r#""user_agent":null"#), "{ua:?}: {json}");
            let r = receipt_for(&config, &outcome, facts);
            assert_eq!((r.validate(), r.user_agent), (Ok(()), None), "{ua:?}");
        }
    }
}
