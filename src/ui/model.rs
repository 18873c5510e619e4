//! What the UI shows, as plain data prepared from the core's configuration, policy
//! analysis and stored consent. The configuration (its categories, services and separate
//! items), the UI strings and the analysed policy are borrowed, not copied (the app leaks
//! them: they live as long as the page), so building and dropping a view copies and frees
//! none of them. The UI modules only render these and report choices.

use mingshi_core::consent::{Category, Lang, SeparateItem, Text};

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

/// Everything one dialog needs.
pub struct View {
    /// The UI's language (its tag is the dialogs' `lang`; configured texts are shown in it).
    pub lang: Lang,
    pub controller: &'static str,
    pub policy: PolicyView,
    pub key_points: Vec<KeyPoint>,
    /// The configuration's categories and separate-consent items, shown in [`View::lang`].
    pub categories: &'static [Category],
    pub separate: &'static [SeparateItem],
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

    /// A configured text in the UI's language.
    pub fn text<'a>(&self, text: &'a Text) -> &'a str {
        text.get(self.lang)
    }
}

pub use mingshi_core::consent::{Choice, Selection};
