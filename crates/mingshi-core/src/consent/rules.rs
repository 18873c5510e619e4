//! The rules: when to ask (first run, re-consent, expiry, refusal cooldown) and what a
//! choice grants. Nothing is granted by default; separate consents are never bundled
//! into "agree"; a refusal is not re-asked before the cooldown ends; withdrawing is one
//! step and takes effect at once.

use crate::flags::Flags;

use crate::receipt::{Action, CollectionMethod};

use super::config::{Config, Scope};
use super::state::{list, ConsentState, Decision};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Why consent must be asked for again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    PolicyVersion,
    PolicyContent,
    /// Categories, services or separate-consent items changed.
    Scope,
    Expired,
    /// The person disagreed and the cooldown is over.
    RefusalCooldownOver,
}

impl Reason {
    /// The UI string key describing it.
    pub fn key(self) -> &'static str {
        match self {
            Reason::PolicyVersion => "reason_policy_version",
            Reason::PolicyContent => "reason_policy_content",
            Reason::Scope => "reason_scope",
            Reason::Expired => "reason_expired",
            Reason::RefusalCooldownOver => "reason_refusal_cooldown_over",
        }
    }
}

/// What to do on page load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// No consent stored: show the first-run dialog.
    FirstRun,
    /// Stored consent holds: apply it, show nothing.
    Valid,
    /// Ask again, saying why.
    ReConsent(Vec<Reason>),
    /// The person disagreed recently: stay in basic mode, do not ask before `until`.
    Cooldown { until: i64 },
}

impl Prompt {
    /// Whether the stored consent still grants what it granted. Only a consent that holds
    /// ([`Prompt::Valid`]) or a refusal cooling down does: while the person is asked again
    /// (the policy or what the site asks for changed, the consent expired) it covers what
    /// they agreed to before, not what the page now does, so nothing optional is granted
    /// until they answer.
    ///
    /// ```
    /// use mingshi_core::consent::{Prompt, Reason};
    /// assert!(Prompt::Valid.grants_hold());
    /// assert!(!Prompt::ReConsent(vec![Reason::PolicyVersion]).grants_hold());
    /// ```
    pub fn grants_hold(&self) -> bool {
        matches!(self, Prompt::Valid | Prompt::Cooldown { .. })
    }
}

/// Decides whether to ask. `policy_sha256` is the hash of the text now shown, when known
/// (the shell may not have fetched the text yet for a returning visitor).
///
/// ```
/// use mingshi_core::consent::{evaluate, Config, Prompt};
/// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p.txt"},
///   "controller":{"name":"x","contact":"y"}}"#).unwrap();
/// assert_eq!(evaluate(&c, None, 0, None), Prompt::FirstRun);
/// ```
pub fn evaluate(
    config: &Config,
    stored: Option<&ConsentState>,
    now: i64,
    policy_sha256: Option<&str>,
) -> Prompt {
    let Some(s) = stored else {
        return Prompt::FirstRun;
    };
    if let Some(refused) = s.refused_at {
        let until =
            refused.saturating_add(i64::from(config.behaviour.refusal_cooldown_hours) * HOUR_MS);
        return if now < until && !from_the_future(refused, now) {
            Prompt::Cooldown { until }
        } else {
            Prompt::ReConsent(vec![Reason::RefusalCooldownOver])
        };
    }
    let reasons = outdated(config, s, now, policy_sha256);
    if reasons.is_empty() {
        Prompt::Valid
    } else {
        Prompt::ReConsent(reasons)
    }
}

/// Why the decision `s` no longer answers what `config` asks (none: it still does).
fn outdated(
    config: &Config,
    s: &ConsentState,
    now: i64,
    policy_sha256: Option<&str>,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if s.policy_version != config.policy.version {
        reasons.push(Reason::PolicyVersion);
    } else if policy_sha256
        .or(config.policy.sha256.as_deref())
        .is_some_and(|h| h != s.policy_sha256)
    {
        reasons.push(Reason::PolicyContent);
    }
    if s.fingerprint != config.fingerprint() {
        reasons.push(Reason::Scope);
    }
    if expired(config, s, now) {
        reasons.push(Reason::Expired);
    }
    reasons
}

/// Whether `s` is older than the configured consent lifetime at `now`.
fn expired(config: &Config, s: &ConsentState, now: i64) -> bool {
    now >= expiry(config, s.decided_at) || from_the_future(s.decided_at, now)
}

/// Whether a decision's time is more than a day after `now`: the device's clock was ahead
/// when it was made (and has been set right since), so how old it is cannot be told, and
/// it would otherwise hold (or keep a refusal cooling down) for that much longer.
fn from_the_future(at: i64, now: i64) -> bool {
    at > now.saturating_add(DAY_MS)
}

/// When a consent given at `decided_at` expires under `config`'s lifetime.
fn expiry(config: &Config, decided_at: i64) -> i64 {
    let lifetime = i64::from(config.behaviour.consent_lifetime_days) * DAY_MS;
    decided_at.saturating_add(lifetime)
}

/// Toggles as the person left them; anything absent is off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub categories: Flags,
    pub services: Flags,
    pub separate: Flags,
    pub guardian: bool,
}

impl Selection {
    /// Whether saving this selection agrees to anything optional: a category other than the
    /// necessary one, or a separate consent. (A service counts only through its category.)
    /// Such a choice is agreeing, and must meet what agreeing must meet (the policy opened,
    /// a guardian's consent); one that grants nothing is a refusal, never held back.
    ///
    /// ```
    /// use mingshi_core::consent::Selection;
    /// let mut s = Selection::default();
    /// s.categories.insert("necessary".into(), true);
    /// s.services.insert("umeng".into(), true); // follows its category, which is off
    /// assert!(!s.grants_optional());
    /// s.categories.insert("analytics".into(), true);
    /// assert!(s.grants_optional());
    /// ```
    pub fn grants_optional(&self) -> bool {
        let on = |(id, on): (&String, &bool)| *on && id != super::config::NECESSARY;
        self.categories.iter().any(on) || self.separate.iter().any(on)
    }
}

/// Whether a grant may be added to the stored decision at once, without a dialog, as an
/// iframe placeholder's "enable" button does (at `now`, with the hash of the policy text if
/// loaded, as [`evaluate`] takes them). Only when there is a decision that answers this
/// very policy and configuration (else the policy now asked about was never shown: its
/// dialog could not open, a refusal of an older one is cooling down, or it is being asked
/// again) and agreeing asks nothing more (no age gate, no policy that must be opened first)
/// or the stored choices already grant something optional (agreeing to them went through
/// those). Otherwise the person confirms in the preference centre, which shows the policy
/// and asks what agreeing asks.
///
/// ```
/// use mingshi_core::consent::{decide, grants_in_place, Choice, Config, Context};
/// use mingshi_core::receipt::CollectionMethod;
/// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p.txt"},
///   "controller":{"name":"x","contact":"y"}, "minors":{"age_gate":true},
///   "categories":[{"id":"functional","title":"F"}]}"#).unwrap();
/// assert!(!grants_in_place(&c, None, 1, None));
/// let ctx = Context { now: 1, policy_sha256: "", language: "zh-CN", new_subject_id: "s",
///   gpc: false, method: CollectionMethod::FirstRunDialog };
/// let refused = decide(&c, None, Choice::Disagree, &ctx).state;
/// assert!(!grants_in_place(&c, Some(&refused), 1, None), "the age was never asked");
/// let agreed = decide(&c, None, Choice::AcceptAll { separate: Default::default(), guardian: false }, &ctx).state;
/// assert!(grants_in_place(&c, Some(&agreed), 1, None));
/// let c2 = Config::from_json(r#"{"policy":{"version":"2","url":"/p.txt"},
///   "controller":{"name":"x","contact":"y"}, "categories":[{"id":"functional","title":"F"}]}"#).unwrap();
/// assert!(!grants_in_place(&c2, Some(&agreed), 1, None), "version 2 was never shown");
/// ```
pub fn grants_in_place(
    config: &Config,
    stored: Option<&ConsentState>,
    now: i64,
    policy_sha256: Option<&str>,
) -> bool {
    let asks_more = config.minors.age_gate || config.behaviour.must_open_policy;
    stored.is_some_and(|s| {
        outdated(config, s, now, policy_sha256).is_empty()
            && (!asks_more || initial_selection(config, Some(s)).grants_optional())
    })
}

/// A choice the person made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Agree / accept all: every category and service; separate consents only as ticked.
    AcceptAll {
        separate: Flags,
        guardian: bool,
    },
    /// Reject all in the preference centre: necessary only.
    RejectAll,
    /// Disagree in the first-run dialog: necessary only, basic mode, cooldown starts.
    Disagree,
    Custom(Selection),
    /// Withdraw everything optional, separate consents included.
    Withdraw,
}

/// Facts about the moment of the decision, supplied by the shell.
pub struct Context<'a> {
    pub now: i64,
    pub policy_sha256: &'a str,
    pub language: &'a str,
    /// Used when there is no previous state.
    pub new_subject_id: &'a str,
    pub gpc: bool,
    pub method: CollectionMethod,
}

/// The new state and what its receipt records (its decisions are the state's flags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub state: ConsentState,
    pub action: Action,
    pub method: CollectionMethod,
}

/// Applies a choice. Unknown ids in a selection are ignored; a service is never on while
/// its category is off; a service without its own toggle follows its category.
pub fn decide(
    config: &Config,
    previous: Option<&ConsentState>,
    choice: Choice,
    ctx: &Context,
) -> Outcome {
    let decision = match choice {
        Choice::AcceptAll { .. } => Decision::AcceptAll,
        Choice::RejectAll => Decision::RejectAll,
        Choice::Disagree => Decision::Disagree,
        Choice::Withdraw => Decision::Withdraw,
        Choice::Custom(_) => Decision::Custom,
    };
    let sel = match choice {
        Choice::AcceptAll { separate, guardian } => Selection {
            categories: Flags::new(),
            services: Flags::new(),
            separate,
            guardian,
        },
        Choice::Custom(sel) => sel,
        // Necessary only.
        _ => Selection::default(),
    };
    // Accepting all grants every category (and every service: none is switched off).
    let all = decision == Decision::AcceptAll;
    let mut categories = Flags::new();
    let mut services = Flags::new();
    for c in &config.categories {
        let on = all || c.is_necessary() || sel.categories.is_on(&c.id);
        categories.insert(c.id.clone(), on);
        for s in &c.services {
            let own = if s.toggle {
                sel.services.get(&s.id).copied().unwrap_or(true)
            } else {
                true
            };
            services.insert(s.id.clone(), on && own);
        }
    }
    let mut separate = Flags::new();
    for item in &config.separate {
        let on = sel.separate.is_on(&item.id);
        separate.insert(item.id.clone(), on);
    }

    // A change of settings keeps the consent's date (and lifetime); a consent that expired
    // is given anew, else it would be asked for again on every page.
    let keeps_date = previous.is_some_and(|p| {
        p.refused_at.is_none()
            && p.policy_version == config.policy.version
            && !expired(config, p, ctx.now)
    }) && matches!(
        ctx.method,
        CollectionMethod::PreferenceCentre
            | CollectionMethod::Withdrawal
            | CollectionMethod::Api
            | CollectionMethod::Placeholder
    );
    let decided_at = match previous {
        Some(p) if keeps_date => p.decided_at,
        _ => ctx.now,
    };
    let state = ConsentState {
        decision,
        categories,
        services,
        separate,
        decided_at,
        updated_at: ctx.now,
        expires_at: expiry(config, decided_at),
        policy_version: config.policy.version.clone(),
        policy_sha256: ctx.policy_sha256.to_string(),
        fingerprint: config.fingerprint(),
        scope: config.scope(),
        language: ctx.language.to_string(),
        subject_id: previous
            .map_or_else(|| ctx.new_subject_id.to_string(), |p| p.subject_id.clone()),
        refused_at: (decision == Decision::Disagree).then_some(ctx.now),
        guardian: sel.guardian,
        gpc: ctx.gpc,
    };
    let action = match decision {
        Decision::AcceptAll => Action::AcceptAll,
        Decision::RejectAll | Decision::Disagree => Action::RejectAll,
        Decision::Custom => Action::Custom,
        Decision::Withdraw => Action::Withdraw,
    };
    let method = if decision == Decision::Withdraw {
        CollectionMethod::Withdrawal
    } else {
        ctx.method
    };
    Outcome {
        state,
        action,
        method,
    }
}

/// The selection a dialog starts from: the stored choices, or every optional category
/// and separate consent off. Services are on unless switched off, so they follow their
/// category when it is switched on.
pub fn initial_selection(config: &Config, stored: Option<&ConsentState>) -> Selection {
    let mut sel = Selection::default();
    for c in &config.categories {
        let on = c.is_necessary() || stored.is_some_and(|s| s.granted_category(&c.id));
        sel.categories.insert(c.id.clone(), on);
        for s in &c.services {
            // A service of a category that is off "follows its category" until switched.
            let service_on = !on || stored.is_none_or(|st| st.granted_service(&s.id));
            sel.services.insert(s.id.clone(), service_on);
        }
    }
    for item in &config.separate {
        sel.separate.insert(
            item.id.clone(),
            stored.is_some_and(|s| s.granted_separate(&item.id)),
        );
    }
    sel.guardian = stored.is_some_and(|s| s.guardian);
    sel
}

/// What was added to or removed from the scope since a consent was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// Compares a stored scope with the current one (ids of categories, services, items).
pub fn what_changed(old: &Scope, new: &Scope) -> Changes {
    let mut ch = Changes::default();
    for (o, n) in &[
        (&old.categories, &new.categories),
        (&old.services, &new.services),
        (&old.separate, &new.separate),
    ] {
        for id in n.iter() {
            if !o.contains(id) {
                ch.added.push(id.clone());
            }
        }
        for id in o.iter() {
            if !n.contains(id) {
                ch.removed.push(id.clone());
            }
        }
    }
    ch
}

/// Reads consent given in a host mini-program and passed to the web-view page as the
/// `mingshi_consent` query parameter: `{"v": "<policy version>", "categories": [ids],
/// "services": [ids], "separate": [ids]}` (listed ids are granted, all others are not).
/// `None` when it is unreadable or for another policy version: the page then asks itself.
///
/// ```
/// use mingshi_core::consent::{host_selection, Config};
/// let c = Config::from_json(r#"{"policy":{"version":"7","url":"/p"},
///   "controller":{"name":"x","contact":"y"},"categories":[{"id":"analytics","title":"A"}]}"#).unwrap();
/// let sel = host_selection(r#"{"v":"7","categories":["analytics"]}"#, &c).unwrap();
/// assert_eq!(sel.categories.get("analytics"), Some(&true));
/// assert!(host_selection(r#"{"v":"6","categories":["analytics"]}"#, &c).is_none());
/// ```
pub fn host_selection(json: &str, config: &Config) -> Option<Selection> {
    let v = crate::json::parse(json).ok()?;
    if v.get("v")?.as_str()? != config.policy.version {
        return None;
    }
    let cats = list(Some(&v), "categories");
    let services = list(Some(&v), "services");
    let separate = list(Some(&v), "separate");
    let mut sel = initial_selection(config, None);
    for (id, on) in sel.categories.iter_mut() {
        *on = *on || cats.contains(id);
    }
    for (id, on) in sel.services.iter_mut() {
        // Listed services are on; unlisted ones follow their category.
        *on = services.is_empty() || services.contains(id);
    }
    for (id, on) in sel.separate.iter_mut() {
        *on = separate.contains(id);
    }
    Some(sel)
}
