//! What the UI shows, as plain data prepared from the core's configuration, policy
//! analysis and stored consent (the analysed policy itself is shared, not copied: see
//! [`PolicyView`]). The UI modules only render these and report choices.

use crate::policy_view::LoadedPolicy;

pub struct PolicyView {
    /// The policy as loaded: the reader shows its [`LoadedPolicy::units`] as they are
    /// (not copied into the view).
    pub policy: &'static LoadedPolicy,
    /// Table of contents: (label, index in [`LoadedPolicy::units`] of the heading).
    pub toc: Vec<(String, usize)>,
    /// Legend of the highlight reasons present: (label, count).
    pub legend: Vec<(&'static str, usize)>,
}

pub struct KeyPoint {
    pub text: String,
    pub reasons: Vec<&'static str>,
    /// Index in [`LoadedPolicy::units`].
    pub unit: usize,
}

pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub provider: String,
    pub purpose: String,
    pub data: Vec<String>,
    pub policy_url: Option<String>,
    pub toggle: bool,
}

pub struct CategoryView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub read_only: bool,
    pub services: Vec<ServiceView>,
}

pub struct SeparateView {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub text: String,
}

/// Everything one dialog needs.
pub struct View {
    pub lang: String,
    pub controller: String,
    pub policy: PolicyView,
    pub key_points: Vec<KeyPoint>,
    pub categories: Vec<CategoryView>,
    pub separate: Vec<SeparateView>,
    /// Age threshold when the age gate is on.
    pub age_gate: Option<u32>,
    pub must_open_policy: bool,
    /// Lines explaining what changed since the last consent (re-consent), if any.
    pub changes: Vec<String>,
    /// Shown when Global Privacy Control is on.
    pub gpc: bool,
    pub strings: mingshi_core::consent::Strings,
}

impl View {
    /// The UI string for `key` (the key itself if missing, so a gap is visible, not fatal).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key)
    }
}

pub use mingshi_core::consent::Selection;

/// What the person chose in the UI.
pub enum Choice {
    AcceptAll(Selection),
    /// Disagree / reject all: necessary only (basic mode).
    RejectAll,
    Custom(Selection),
}
