//! The stored consent: what the person decided, when, and for which policy and scope.
//! Kept in the browser as compact canonical JSON and read back synchronously on load.

use crate::flags::Flags;
use crate::json::fields::table_message;
use std::fmt;

use crate::json::{self, Object, Value};

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
        Some(match s {
            "accept_all" => Decision::AcceptAll,
            "reject_all" => Decision::RejectAll,
            "custom" => Decision::Custom,
            "withdraw" => Decision::Withdraw,
            "disagree" => Decision::Disagree,
            _ => return None,
        })
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
    /// When the consent's lifetime, as configured at decision time, runs out (ms). Only the
    /// stub reads it (before the component has the configuration, it must not answer from
    /// an expired consent); the component asks again by the lifetime configured now.
    pub expires_at: i64,
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

/// Why stored text is not a consent state. The reason is worded only in a build with
/// messages (`json::fields::table_message`): the component, which reads the stored consent
/// and drops the reason unread, carries none (measured: -91 B gzip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError(pub &'static str);

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stored consent is unreadable: {}", self.0)
    }
}

impl std::error::Error for StateError {}

/// Checks what [`ConsentState::from_json`] reads, in the order of the struct, so that
/// building the state afterwards cannot fail; returns the decision, read on the way.
fn check(v: &Value) -> Result<Decision, StateError> {
    if v.get("v").and_then(Value::as_i64) != Some(STATE_VERSION) {
        return Err(StateError(table_message("unknown schema version")));
    }
    let decision = str_of(v, "action")
        .and_then(Decision::parse)
        .ok_or(StateError(table_message("unknown action")))?;
    for key in &["categories", "services", "separate"] {
        let map = v
            .get(key)
            .and_then(Value::as_object)
            .ok_or(StateError(table_message("a decision map is missing")))?;
        if map.iter().any(|(_, b)| b.as_bool().is_none()) {
            return Err(StateError(table_message("a decision is not true/false")));
        }
    }
    for key in &["decided_at", "updated_at"] {
        time(v, key).ok_or(StateError(table_message("a time field is missing")))?;
    }
    for key in &[
        "policy_version",
        "policy_sha256",
        "fingerprint",
        "language",
        "subject_id",
    ] {
        str_of(v, key).ok_or(StateError(table_message("a text field is missing")))?;
    }
    Ok(decision)
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)?.as_str()
}

fn time(v: &Value, key: &str) -> Option<i64> {
    v.get(key)?.as_i64()
}

/// The text `key` of a checked state.
fn text(v: &Value, key: &str) -> String {
    json::string_of(Some(v), key).unwrap_or_default()
}

/// The decision map `key` of a checked state.
fn decisions(v: &Value, key: &str) -> Flags {
    let mut out = Flags::new();
    for (k, b) in v.get(key).and_then(Value::as_object).unwrap_or(&[]) {
        out.insert(k.clone(), b.as_bool().unwrap_or_default());
    }
    out
}

/// The strings of the list `key` in `scope`, skipping anything else (also the id lists
/// of [`super::host_selection`]).
pub(super) fn list(scope: Option<&Value>, key: &str) -> Vec<String> {
    json::strings(scope.and_then(|s| s.get(key)))
}

impl ConsentState {
    /// Canonical JSON (sorted keys, no whitespace).
    pub fn to_json(&self) -> String {
        let mut o = Object::new();
        o.str("action", self.decision.as_str())
            .flags("categories", &self.categories)
            .int("decided_at", self.decided_at)
            .int("expires_at", self.expires_at)
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
        o.begin("scope")
            .strs("categories", &self.scope.categories)
            .strs("separate", &self.scope.separate)
            .strs("services", &self.scope.services)
            .end()
            .flags("separate", &self.separate)
            .flags("services", &self.services)
            .str("subject_id", &self.subject_id)
            .int("updated_at", self.updated_at)
            .int("v", STATE_VERSION);
        o.finish()
    }

    /// Reads stored JSON; anything else (corrupt, foreign, future version) is an error the
    /// shell treats as "no consent" without overwriting other data.
    pub fn from_json(text: &str) -> Result<ConsentState, StateError> {
        let v = json::parse(text).map_err(|_| StateError(table_message("not JSON")))?;
        ConsentState::from_value(&v)
    }

    fn from_value(v: &Value) -> Result<ConsentState, StateError> {
        let decision = check(v)?;
        let scope = v.get("scope");
        Ok(ConsentState {
            decision,
            categories: decisions(v, "categories"),
            services: decisions(v, "services"),
            separate: decisions(v, "separate"),
            decided_at: time(v, "decided_at").unwrap_or_default(),
            updated_at: time(v, "updated_at").unwrap_or_default(),
            // Stored before it was recorded: not known, so no earlier than the lifetime says.
            expires_at: time(v, "expires_at").unwrap_or(i64::MAX),
            policy_version: self::text(v, "policy_version"),
            policy_sha256: self::text(v, "policy_sha256"),
            fingerprint: self::text(v, "fingerprint"),
            scope: Scope {
                categories: list(scope, "categories"),
                services: list(scope, "services"),
                separate: list(scope, "separate"),
            },
            language: self::text(v, "language"),
            subject_id: self::text(v, "subject_id"),
            refused_at: time(v, "refused_at"),
            guardian: v.get("guardian").and_then(Value::as_bool).unwrap_or(false),
            gpc: v.get("gpc").and_then(Value::as_bool).unwrap_or(false),
        })
    }

    /// Switches every optional grant off and keeps the rest (subject, dates, scope): what a
    /// consent that is asked for again grants until the person answers (see
    /// [`super::Prompt::grants_hold`]). The shell does it to the state in memory only.
    pub fn suspend_grants(&mut self) {
        self.categories = Flags::new();
        self.services = Flags::new();
        self.separate = Flags::new();
    }

    pub fn granted_category(&self, id: &str) -> bool {
        id == super::config::NECESSARY || self.categories.is_on(id)
    }

    pub fn granted_service(&self, id: &str) -> bool {
        self.services.is_on(id)
    }

    pub fn granted_separate(&self, id: &str) -> bool {
        self.separate.is_on(id)
    }
}

#[cfg(test)]
mod tests {
    use super::Decision;

    #[test]
    fn every_decision_reads_back_from_its_name() {
        for d in [
            Decision::AcceptAll,
            Decision::RejectAll,
            Decision::Custom,
            Decision::Withdraw,
            Decision::Disagree,
        ] {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
        assert_eq!(Decision::parse("Custom"), None);
    }
}
