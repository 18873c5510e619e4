//! Consent receipts: the record of one consent decision, shaped after the Kantara Consent
//! Receipt v1.1 and ISO/IEC TS 27560 consent records.
//!
//! The browser builds a [`Receipt`] for every decision and posts its canonical JSON
//! ([`Receipt::to_canonical_json`]); the server parses it with serde, checks it with
//! [`Receipt::validate`], and stores the canonical form, which is what gets signed.

pub mod outbox;
#[cfg(feature = "sign")]
pub mod signature;
mod uuid;

use crate::flags::Flags;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::json::Object;
pub use uuid::{is_uuid_v4, uuid_v4_from_bytes};

/// The schema version every receipt carries.
pub const RECEIPT_VERSION: &str = "mingshi-receipt/1";

/// Largest receipt body, in bytes, that a server accepts.
pub const MAX_RECEIPT_BYTES: usize = 16 * 1024;

/// How the decision was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionMethod {
    FirstRunDialog,
    PreferenceCentre,
    /// The page's script called the JS API (or a mini-program host passed its consent).
    Api,
    Withdrawal,
    ReConsent,
    /// The person clicked a blocked iframe's placeholder button, granting its service in place.
    Placeholder,
}

impl CollectionMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            CollectionMethod::FirstRunDialog => "first_run_dialog",
            CollectionMethod::PreferenceCentre => "preference_centre",
            CollectionMethod::Api => "api",
            CollectionMethod::Withdrawal => "withdrawal",
            CollectionMethod::ReConsent => "re_consent",
            CollectionMethod::Placeholder => "placeholder",
        }
    }
}

/// What the person did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    AcceptAll,
    RejectAll,
    Custom,
    Withdraw,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::AcceptAll => "accept_all",
            Action::RejectAll => "reject_all",
            Action::Custom => "custom",
            Action::Withdraw => "withdraw",
        }
    }
}

/// The data controller (the site owner) as shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    pub name: String,
    pub contact: String,
}

/// Which policy text the person saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    /// Site-chosen identifier of the policy, e.g. `"privacy"`.
    pub id: String,
    pub version: String,
    /// Lowercase hex SHA-256 of the policy text shown.
    pub sha256: String,
    pub url: Option<String>,
}

/// Decision per category, per service and per separate-consent item (`true` = granted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    pub categories: Flags,
    pub services: Flags,
    pub separate: Flags,
}

/// One consent receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub version: String,
    /// UUID v4, lowercase, hyphenated.
    pub receipt_id: String,
    pub jurisdiction: String,
    /// Milliseconds since the Unix epoch (UTC), by the device's clock (the server records
    /// its own time of arrival beside it, `stored_at`).
    pub consent_timestamp: i64,
    pub collection_method: CollectionMethod,
    pub controller: Controller,
    pub policy: PolicyRef,
    /// BCP 47 language tag of the text shown, e.g. `zh-CN`.
    pub language: String,
    /// Pseudonymous subject id: random per browser, kept with the stored consent.
    pub subject_id: String,
    pub action: Action,
    pub decisions: Decisions,
    /// Whether the browser sent Global Privacy Control.
    pub gpc: bool,
    pub user_agent: Option<String>,
}

/// Why a receipt was refused; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    /// The body is larger than [`MAX_RECEIPT_BYTES`].
    TooLarge { bytes: usize },
    /// The body is not a receipt at all (bad JSON, wrong types, unknown or missing fields).
    Malformed(String),
    /// A field is present but its value is not acceptable.
    Invalid {
        field: &'static str,
        reason: &'static str,
    },
    /// A policy or decision id that is not an [`is_id`], named with its field.
    NotAnId { field: &'static str, id: String },
    /// A text holding a character that [`is_hidden`]; the message names its code point.
    Hidden { field: &'static str, found: char },
}

impl fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiptError::TooLarge { bytes } => write!(
                f,
                "receipt is {bytes} bytes; the limit is {MAX_RECEIPT_BYTES} bytes"
            ),
            ReceiptError::Malformed(msg) => {
                write!(f, "receipt is not valid JSON of the receipt schema: {msg}")
            }
            ReceiptError::Invalid { field, reason } => {
                write!(f, "receipt field `{field}` {reason}")
            }
            ReceiptError::NotAnId { field, id } => write!(
                f,
                "receipt field `{field}` has the id {id:?}, which {ID_RULE} (as in the configuration)"
            ),
            ReceiptError::Hidden { field, found } => write!(
                f,
                "receipt field `{field}` has the character U+{:04X}: {HIDDEN_RULE}",
                u32::from(*found)
            ),
        }
    }
}

impl std::error::Error for ReceiptError {}

/// Latest timestamp we accept: 2100-01-01 (ms). A microseconds value lies far beyond it.
const MAX_TS: i64 = 4_102_444_800_000;
/// Earliest timestamp we accept, 1970-02-17 (ms): the same instant in seconds. Any smaller
/// value could be a timestamp in seconds of any date before 2100 (the mistake this check
/// catches, with zero, negative and other garbage); anything from it on is milliseconds
/// from a real clock, if maybe a wrong one. The consent timestamp is the device's clock,
/// which can be years off (a phone that says 2019): its receipt is stored all the same,
/// a refusal would lose the visitor's decision for good, and the server's own `stored_at`
/// witnesses when it arrived.
const MIN_TS: i64 = MAX_TS / 1000;
/// The longest text field a receipt may carry, in bytes (the browser trims the user agent
/// to it, and the configuration refuses longer texts that every receipt would repeat).
pub const MAX_TEXT: usize = 512;

/// What [`is_hidden`] refuses, as errors say it.
pub const HIDDEN_RULE: &str =
    "control and invisible formatting characters (bidirectional overrides, zero-width spaces…) are refused: they can disguise a value where receipts are read";

/// Whether `c` can hide or disguise text where receipts are read (an exported CSV in a
/// spreadsheet, JSON lines in a terminal): a control character (C0, DEL, C1), a line or
/// paragraph separator, a bidirectional mark, embedding, override or isolate (U+202E turns
/// `gpj.exe` around), or an invisible formatting character (soft hyphen, zero-width spaces
/// and joiners, word joiner and invisible operators, byte order mark, interlinear
/// annotations, tag characters). The configuration refuses them in the texts every
/// receipt repeats, the receipts server in every text of a receipt, and the component
/// drops them from the user agent ([`clean_user_agent`]).
///
/// ```
/// use mingshi_core::receipt::is_hidden;
/// assert!(is_hidden('\u{202e}') && is_hidden('\u{200b}') && is_hidden('\u{85}') && is_hidden('\t'));
/// assert!(!is_hidden('须') && !is_hidden(' ') && !is_hidden('\u{3000}') && !is_hidden('é'));
/// ```
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// The user agent as a receipt records it: without the characters [`is_hidden`] refuses, at
/// most [`MAX_TEXT`] bytes (whole characters). None when nothing but whitespace is left (a
/// browser or web view set to send an empty or blank user agent). It is the browser's, not
/// the site's nor the visitor's doing, so it never costs a receipt: the component cleans it
/// so before sending, and the receipts server cleans what it is sent the same way
/// ([`Receipt::parse`]) rather than refusing the receipt.
pub fn clean_user_agent(ua: &str) -> Option<String> {
    let mut out = String::new();
    for c in ua.chars().filter(|&c| !is_hidden(c)) {
        if out.len() + c.len_utf8() > MAX_TEXT {
            break;
        }
        out.push(c);
    }
    (!crate::text::is_blank(&out)).then_some(out)
}

/// What an [`is_id`] is, as errors say it.
pub const ID_RULE: &str = "must be 1 to 32 characters of a-z, 0-9, _ or -";

/// Whether `id` is a policy, category, service or separate-consent id (what [`ID_RULE`] says). The
/// configuration takes no other (`consent/schema.rs`), and [`Receipt::validate`] no other in
/// a receipt: short, safe in attributes and storage keys, and never holding the `;` and `=`
/// that the CSV export writes between a decision's ids and values.
///
/// ```
/// use mingshi_core::receipt::is_id;
/// assert!(is_id("analytics") && is_id("face_id-2"));
/// assert!(!is_id("") && !is_id("Bad Id") && !is_id("a;b=1") && !is_id(&"a".repeat(33)));
/// ```
pub fn is_id(id: &str) -> bool {
    // A loop, not `bytes().all(..)`, as in `crate::hash::is_sha256_hex`.
    if id.is_empty() || id.len() > 32 {
        return false;
    }
    for &b in id.as_bytes() {
        if !matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') {
            return false;
        }
    }
    true
}

/// Whether a receipt may name `url` as its policy's address: an http(s) URL or a
/// site-relative path.
///
/// ```
/// use mingshi_core::receipt::is_policy_url;
/// assert!(is_policy_url("https://example.com/privacy.txt") && is_policy_url("/privacy.txt"));
/// assert!(!is_policy_url("capacitor://localhost/privacy.txt"));
/// ```
pub fn is_policy_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')
}

impl Receipt {
    /// Parses and validates a receipt body as posted by the browser; its user agent is
    /// cleaned as the component cleans it ([`clean_user_agent`]), never a reason to refuse.
    #[cfg(feature = "json")]
    pub fn parse(body: &[u8]) -> Result<Receipt, ReceiptError> {
        if body.len() > MAX_RECEIPT_BYTES {
            return Err(ReceiptError::TooLarge { bytes: body.len() });
        }
        let mut receipt: Receipt =
            serde_json::from_slice(body).map_err(|e| ReceiptError::Malformed(e.to_string()))?;
        receipt.user_agent = receipt.user_agent.as_deref().and_then(clean_user_agent);
        receipt.validate()?;
        Ok(receipt)
    }

    /// Reads a receipt as a server stored and signed it (`GET /v1/receipts/{id}`'s
    /// `receipt`, an export's): its schema is checked, its values are taken as they are.
    /// Not [`Receipt::parse`]: the rules for new receipts may have grown since it was signed
    /// (ids and invisible characters were refused only later), and cleaning its user agent
    /// would change the text its signature covers.
    #[cfg(feature = "json")]
    pub fn from_stored(json: &str) -> Result<Receipt, ReceiptError> {
        serde_json::from_str(json).map_err(|e| ReceiptError::Malformed(e.to_string()))
    }

    /// Checks field values beyond what the types guarantee.
    pub fn validate(&self) -> Result<(), ReceiptError> {
        let bad = |field, reason| Err(ReceiptError::Invalid { field, reason });
        if self.version != RECEIPT_VERSION {
            return bad("version", "must be \"mingshi-receipt/1\"");
        }
        if !is_uuid_v4(&self.receipt_id) {
            return bad("receipt_id", "must be a lowercase hyphenated UUID v4");
        }
        if !(MIN_TS..MAX_TS).contains(&self.consent_timestamp) {
            return bad(
                "consent_timestamp",
                "must be milliseconds since 1970 (not seconds), before 2100",
            );
        }
        if !crate::hash::is_sha256_hex(&self.policy.sha256) {
            return bad("policy.sha256", "must be 64 lowercase hex digits");
        }
        let texts: [(&'static str, &str); 7] = [
            ("jurisdiction", &self.jurisdiction),
            ("controller.name", &self.controller.name),
            ("controller.contact", &self.controller.contact),
            ("policy.version", &self.policy.version),
            ("language", &self.language),
            ("subject_id", &self.subject_id),
            ("user_agent", self.user_agent.as_deref().unwrap_or("-")),
        ];
        for (field, value) in texts {
            if crate::text::is_blank(value) {
                return bad(field, "must not be empty");
            }
            if value.len() > MAX_TEXT {
                return bad(field, "is longer than 512 bytes");
            }
            if let Some(found) = value.chars().find(|&c| is_hidden(c)) {
                return Err(ReceiptError::Hidden { field, found });
            }
        }
        if let Some(url) = &self.policy.url {
            if !is_policy_url(url) {
                return bad(
                    "policy.url",
                    "must be an http(s) URL or a site-relative path",
                );
            }
            // The browser's `href` percent-encodes them; a URL written out with them is not one.
            if let Some(found) = url.chars().find(|&c| is_hidden(c)) {
                return Err(ReceiptError::Hidden {
                    field: "policy.url",
                    found,
                });
            }
        }
        let maps = [
            ("decisions.categories", &self.decisions.categories),
            ("decisions.services", &self.decisions.services),
            ("decisions.separate", &self.decisions.separate),
        ];
        let ids = maps
            .iter()
            .flat_map(|(field, map)| map.keys().map(|k| (*field, k)));
        for (field, id) in [("policy.id", &self.policy.id)].into_iter().chain(ids) {
            if !is_id(id) {
                let id = id.clone();
                return Err(ReceiptError::NotAnId { field, id });
            }
        }
        Ok(())
    }

    /// The canonical JSON form: keys sorted, no whitespace. Two receipts are the same
    /// receipt exactly when their canonical forms are equal; this is what gets signed.
    pub fn to_canonical_json(&self) -> String {
        self.view().to_canonical_json()
    }

    /// The receipt's fields, borrowed.
    pub fn view(&self) -> ReceiptView<'_> {
        ReceiptView {
            version: &self.version,
            receipt_id: &self.receipt_id,
            jurisdiction: &self.jurisdiction,
            consent_timestamp: self.consent_timestamp,
            collection_method: self.collection_method,
            controller: &self.controller,
            policy_id: &self.policy.id,
            policy_version: &self.policy.version,
            policy_sha256: &self.policy.sha256,
            policy_url: self.policy.url.as_deref(),
            language: &self.language,
            subject_id: &self.subject_id,
            action: self.action,
            categories: &self.decisions.categories,
            services: &self.decisions.services,
            separate: &self.decisions.separate,
            gpc: self.gpc,
            user_agent: self.user_agent.as_deref(),
        }
    }
}

/// A receipt's fields, borrowed from wherever they are kept: the browser writes a new
/// receipt's JSON straight from the consent state, without copying it into a [`Receipt`]
/// first (measured: the copies and their drop glue cost the component a few hundred bytes).
#[derive(Debug, Clone, Copy)]
pub struct ReceiptView<'a> {
    pub version: &'a str,
    pub receipt_id: &'a str,
    pub jurisdiction: &'a str,
    pub consent_timestamp: i64,
    pub collection_method: CollectionMethod,
    pub controller: &'a Controller,
    pub policy_id: &'a str,
    pub policy_version: &'a str,
    pub policy_sha256: &'a str,
    pub policy_url: Option<&'a str>,
    pub language: &'a str,
    pub subject_id: &'a str,
    pub action: Action,
    pub categories: &'a Flags,
    pub services: &'a Flags,
    pub separate: &'a Flags,
    pub gpc: bool,
    pub user_agent: Option<&'a str>,
}

impl ReceiptView<'_> {
    /// See [`Receipt::to_canonical_json`].
    pub fn to_canonical_json(&self) -> String {
        let mut o = Object::new();
        o.str("action", self.action.as_str())
            .str("collection_method", self.collection_method.as_str())
            .int("consent_timestamp", self.consent_timestamp)
            .begin("controller")
            .str("contact", &self.controller.contact)
            .str("name", &self.controller.name)
            .end()
            .begin("decisions")
            .flags("categories", self.categories)
            .flags("separate", self.separate)
            .flags("services", self.services)
            .end()
            .bool("gpc", self.gpc)
            .str("jurisdiction", self.jurisdiction)
            .str("language", self.language)
            .begin("policy")
            .str("id", self.policy_id)
            .str("sha256", self.policy_sha256)
            .opt_str("url", self.policy_url)
            .str("version", self.policy_version)
            .end()
            .str("receipt_id", self.receipt_id)
            .str("subject_id", self.subject_id)
            .opt_str("user_agent", self.user_agent)
            .str("version", self.version);
        o.finish()
    }

    /// An owned copy.
    pub fn to_receipt(&self) -> Receipt {
        Receipt {
            version: self.version.into(),
            receipt_id: self.receipt_id.into(),
            jurisdiction: self.jurisdiction.into(),
            consent_timestamp: self.consent_timestamp,
            collection_method: self.collection_method,
            controller: self.controller.clone(),
            policy: PolicyRef {
                id: self.policy_id.into(),
                version: self.policy_version.into(),
                sha256: self.policy_sha256.into(),
                url: self.policy_url.map(str::to_string),
            },
            language: self.language.into(),
            subject_id: self.subject_id.into(),
            action: self.action,
            decisions: Decisions {
                categories: self.categories.clone(),
                services: self.services.clone(),
                separate: self.separate.clone(),
            },
            gpc: self.gpc,
            user_agent: self.user_agent.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests;
