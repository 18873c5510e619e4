//! The site's configuration as the component reads it (the thin first slice: one policy,
//! one controller, one receipts endpoint), and the stored decision built from it.

use mingshi_core::json::{self, Object, Value};
use mingshi_core::receipt::{
    uuid_v4_from_bytes, Action, CollectionMethod, Controller, Decisions, PolicyRef, Receipt,
    RECEIPT_VERSION,
};

pub struct SliceConfig {
    pub policy_id: String,
    pub policy_version: String,
    pub policy_url: String,
    pub controller: Controller,
    pub receipts_endpoint: String,
    pub language: String,
}

fn field(root: &Value, path: &[&str]) -> Option<String> {
    let mut v = root;
    for key in path {
        v = v.get(key)?;
    }
    v.as_str().map(str::to_string)
}

fn required(root: &Value, path: &[&str]) -> Result<String, String> {
    field(root, path).ok_or_else(|| {
        let mut msg = String::from("Mingshi configuration: `");
        msg.push_str(&path.join("."));
        msg.push_str("` is required and must be a string");
        msg
    })
}

impl SliceConfig {
    pub fn from_json(text: &str) -> Result<SliceConfig, String> {
        let root = json::parse(text).map_err(|e| {
            let mut msg = String::from("Mingshi configuration: ");
            msg.push_str(&e.to_string());
            msg
        })?;
        Ok(SliceConfig {
            policy_id: field(&root, &["policy", "id"]).unwrap_or_else(|| "privacy".into()),
            policy_version: required(&root, &["policy", "version"])?,
            policy_url: required(&root, &["policy", "url"])?,
            controller: Controller {
                name: required(&root, &["controller", "name"])?,
                contact: required(&root, &["controller", "contact"])?,
            },
            receipts_endpoint: field(&root, &["receipts", "endpoint"])
                .unwrap_or_else(|| "/v1/receipts".into()),
            language: field(&root, &["language"]).unwrap_or_else(|| "zh-CN".into()),
        })
    }
}

/// What is kept in storage after a decision.
pub struct StoredDecision {
    pub action: Action,
    pub decided_at: i64,
    pub policy_version: String,
    pub policy_sha256: String,
    pub subject_id: String,
}

impl StoredDecision {
    pub fn to_json(&self) -> String {
        let mut o = Object::new();
        o.str("action", self.action.as_str())
            .int("decided_at", self.decided_at)
            .str("policy_sha256", &self.policy_sha256)
            .str("policy_version", &self.policy_version)
            .str("subject_id", &self.subject_id)
            .int("v", 1);
        o.finish()
    }
}

/// True when the stored JSON is a decision for the configured policy version.
pub fn stored_decision_is_current(stored: &str, config: &SliceConfig) -> bool {
    json::parse(stored)
        .ok()
        .and_then(|v| v.get("policy_version").and_then(Value::as_str).map(str::to_string))
        .is_some_and(|version| version == config.policy_version)
}

/// Builds the receipt for a first-run decision.
pub fn receipt_for(
    config: &SliceConfig,
    decision: &StoredDecision,
    receipt_bytes: [u8; 16],
    user_agent: Option<String>,
) -> Receipt {
    let granted = decision.action == Action::AcceptAll;
    let mut decisions = Decisions::default();
    decisions.categories.insert("necessary".into(), true);
    decisions.categories.insert("all_optional".into(), granted);
    Receipt {
        version: RECEIPT_VERSION.into(),
        receipt_id: uuid_v4_from_bytes(receipt_bytes),
        jurisdiction: "CN".into(),
        consent_timestamp: decision.decided_at,
        collection_method: CollectionMethod::FirstRunDialog,
        controller: config.controller.clone(),
        policy: PolicyRef {
            id: config.policy_id.clone(),
            version: config.policy_version.clone(),
            sha256: decision.policy_sha256.clone(),
            url: Some(crate::browser::absolute_url(&config.policy_url)),
        },
        language: config.language.clone(),
        subject_id: decision.subject_id.clone(),
        action: decision.action,
        decisions,
        gpc: false,
        user_agent,
    }
}
