//! What the UI shows, as plain data prepared from the core's configuration, policy
//! analysis and stored consent. The configuration's texts, the UI strings and the analysed
//! policy are borrowed, not copied (the app leaks them: they live as long as the page), so
//! building and dropping a view copies and frees no strings. The UI modules only render
//! these and report choices.

use crate::policy_view::LoadedPolicy;

pub struct PolicyView {
    /// The policy as loaded: the reader shows its [`LoadedPolicy::units`] as they are
    /// (not copied into the view).
    pub policy: &'static LoadedPolicy,
    /// Table of contents: (label, index in [`LoadedPolicy::units`] of the heading).
    pub toc: Vec<(&'static str, usize)>,
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
    pub id: &'static str,
    pub name: &'static str,
    pub provider: &'static str,
    pub purpose: &'static str,
    pub data: &'static [String],
    pub policy_url: Option<&'static str>,
    pub toggle: bool,
}

pub struct CategoryView {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub read_only: bool,
    pub services: Vec<ServiceView>,
}

pub struct SeparateView {
    pub id: &'static str,
    /// The kind's UI string (looked up by a key built on the fly, so copied).
    pub kind: String,
    pub title: &'static str,
    pub text: &'static str,
}

/// Everything one dialog needs.
pub struct View {
    pub lang: &'static str,
    pub controller: &'static str,
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
    pub strings: &'static mingshi_core::consent::Strings,
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
