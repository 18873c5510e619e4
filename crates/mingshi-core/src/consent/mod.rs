//! The consent model and its rules: what the site asks ([`Config`]), what the person
//! decided ([`ConsentState`]), when to ask again ([`evaluate`]) and what a choice grants
//! ([`decide`]). Pure data in, data out: times are passed in, nothing reads a clock.

mod config;
mod i18n;
mod record;
mod rules;
mod schema;
mod state;

pub use config::{
    matches_pattern, Behaviour, Category, Config, Minors, PolicyConfig, PolicySource, Receipts,
    Scope, SeparateItem, SeparateKind, Service, Text, Unknown, NECESSARY,
};
pub use i18n::{detect_language, Lang, Strings, STRINGS};
pub use record::{receipt_for, receipt_json, ReceiptFacts};
pub use rules::{
    decide, evaluate, grants_in_place, host_selection, initial_selection, what_changed, Changes,
    Choice, Context, Outcome, Prompt, Reason, Selection,
};
pub use state::{ConsentState, Decision, StateError, STATE_VERSION};

#[cfg(test)]
mod tests;
