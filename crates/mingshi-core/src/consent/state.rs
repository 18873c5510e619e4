//! The stored consent: what the person decided, when, and for which policy and scope.
//! Kept in the browser as compact canonical JSON and read back synchronously on load.

use crate::flags::Flags;
use std::fmt;

use crate::json::{self, bool_map, str_array, Object, Value};

use super::config::Scope;

/// Schema version of the stored JSON.
pub const STATE_VERSION: i64 = 1;

/// What the last decision was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    AcceptAll,
    RejectAll,
    Custom,
    Withdraw,
    /// Disagreed with the policy in the first-run dialog: basic mode.
    Disagree,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::AcceptAll => "accept_all",
            Decision::RejectAll => "reject_all",
            Decision::Custom => "custom",
            Decision::Withdraw => "withdraw",
            Decision::Disagree => "disagree",
        }
    }

    fn parse(s: &str) -> Option<Decision> {
        [
            Decision::AcceptAll,
            Decision::RejectAll,
            Decision::Custom,
            Decision::Withdraw,
            Decision::Disagree,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// The stored consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentState {
    pub decision: Decision,
    /// Every category, service and separate-consent item of the scope, granted or not.
    pub categories: Flags,
    pub services: Flags,
    pub separate: Flags,
    /// When this consent was first given (ms); re-consent and expiry count from here.
    pub decided_at: i64,
    /// When it last changed (ms).
    pub updated_at: i64,
    pub policy_version: String,
    pub policy_sha256: String,
    /// `Config::fingerprint` at decision time.
    pub fingerprint: String,
    pub scope: Scope,
    pub language: String,
    /// Random per browser; the pseudonymous subject of receipts.
    pub subject_id: String,
    /// Set when the person disagreed (refusal cooldown counts from here).
    pub refused_at: Option<i64>,
    /// A guardian consented for a person under the age threshold.
    pub guardian: bool,
    /// Global Privacy Control was on when deciding.
    pub gpc: bool,
}

/// Why stored text is not a consent state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError(pub &'static str);

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stored consent is unreadable: {}", self.0)
    }
}

impl std::error::Error for StateError {}

fn read_bool_map(v: Option<&Value>) -> Result<Flags, StateError> {
    let mut out = Flags::new();
    for (k, b) in v
        .and_then(Value::as_object)
        .ok_or(StateError("a decision map is missing"))?
    {
        out.insert(
            k.clone(),
            b.as_bool()
                .ok_or(StateError("a decision is not true/false"))?,
        );
    }
    Ok(out)
}

fn read_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

impl ConsentState {
    /// Canonical JSON (sorted keys, no whitespace).
    pub fn to_json(&self) -> String {
        let mut scope = Object::new();
        scope
            .raw("categories", &str_array(&self.scope.categories))
            .raw("separate", &str_array(&self.scope.separate))
            .raw("services", &str_array(&self.scope.services));
        let mut o = Object::new();
        o.str("action", self.decision.as_str())
            .raw("categories", &bool_map(&self.categories))
            .int("decided_at", self.decided_at)
            .str("fingerprint", &self.fingerprint)
            .bool("gpc", self.gpc)
            .bool("guardian", self.guardian)
            .str("language", &self.language)
            .str("policy_sha256", &self.policy_sha256)
            .str("policy_version", &self.policy_version);
        match self.refused_at {
            Some(t) => o.int("refused_at", t),
            None => o.raw("refused_at", "null"),
        };
        o.raw("scope", &scope.finish())
            .raw("separate", &bool_map(&self.separate))
            .raw("services", &bool_map(&self.services))
            .str("subject_id", &self.subject_id)
            .int("updated_at", self.updated_at)
            .int("v", STATE_VERSION);
        o.finish()
    }

    /// Reads stored JSON; anything else (corrupt, foreign, future version) is an error the
    /// shell treats as "no consent" without overwriting other data.
    pub fn from_json(text: &str) -> Result<ConsentState, StateError> {
        let v = json::parse(text).map_err(|_| StateError("not JSON"))?;
        if v.get("v").and_then(Value::as_i64) != Some(STATE_VERSION) {
            return Err(StateError("unknown schema version"));
        }
        let s = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or(StateError("a text field is missing"))
        };
        let n = |k: &str| {
            v.get(k)
                .and_then(Value::as_i64)
                .ok_or(StateError("a time field is missing"))
        };
        let scope = v.get("scope");
        Ok(ConsentState {
            decision: v
                .get("action")
                .and_then(Value::as_str)
                .and_then(Decision::parse)
                .ok_or(StateError("unknown action"))?,
            categories: read_bool_map(v.get("categories"))?,
            services: read_bool_map(v.get("services"))?,
            separate: read_bool_map(v.get("separate"))?,
            decided_at: n("decided_at")?,
            updated_at: n("updated_at")?,
            policy_version: s("policy_version")?,
            policy_sha256: s("policy_sha256")?,
            fingerprint: s("fingerprint")?,
            scope: Scope {
                categories: read_list(scope.and_then(|x| x.get("categories"))),
                services: read_list(scope.and_then(|x| x.get("services"))),
                separate: read_list(scope.and_then(|x| x.get("separate"))),
            },
            language: s("language")?,
            subject_id: s("subject_id")?,
            refused_at: v.get("refused_at").and_then(Value::as_i64),
            guardian: v.get("guardian").and_then(Value::as_bool).unwrap_or(false),
            gpc: v.get("gpc").and_then(Value::as_bool).unwrap_or(false),
        })
    }

    pub fn granted_category(&self, id: &str) -> bool {
        id == super::config::NECESSARY || self.categories.get(id).copied().unwrap_or(false)
    }

    pub fn granted_service(&self, id: &str) -> bool {
        self.services.get(id).copied().unwrap_or(false)
    }

    pub fn granted_separate(&self, id: &str) -> bool {
        self.separate.get(id).copied().unwrap_or(false)
    }
}
