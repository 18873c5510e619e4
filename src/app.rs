//! The running component: reads the configuration and the stored consent, asks the core
//! whether to prompt, opens the UI, and on every decision stores the new state, sends
//! its receipt, applies it to gated elements, clears what was withdrawn and tells the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Function;
use mingshi_core::consent::{
    self, decide, evaluate, grants_in_place, initial_selection, receipt_json, what_changed, Choice,
    Config, ConsentState, Context, Decision, Lang, PolicySource, Prompt, ReceiptFacts, Selection,
    Strings,
};
use mingshi_core::receipt::{uuid_v4_from_bytes, CollectionMethod};
use mingshi_core::text;

use wasm_bindgen::{JsError, JsValue};

use crate::browser::{self, call, call1, now_ms};
use crate::policy_view::LoadedPolicy;
use crate::storage;
use crate::ui::{self, model, Modal, Screen};
use crate::{cleanup, delivery, entry, events, gate};

/// Key under which the consent state is stored (`js/config.js` reads it too, before the wasm).
pub const STORAGE_KEY: &str = "mingshi.consent";

pub struct App {
    /// Leaked: it lives as long as the page (the receipt handlers hold the app anyway),
    /// and the wasm then carries no code to drop a configuration (measured: smaller).
    pub config: &'static Config,
    pub strings: Strings,
    pub state: RefCell<Option<ConsentState>>,
    /// The policy as loaded (text hash and view), once fetched. Leaked, like the app: it is
    /// loaded once and lives as long as the page (no reference counting nor drop code).
    policy: Cell<Option<&'static LoadedPolicy>>,
    /// The JS layer's `load`, `post` and `warn` (see `crate::start`).
    load: Function,
    pub post: Function,
    pub warn: Function,
    /// What waits while the JS layer loads the policy: a dialog to open, and a decision
    /// made before it was loaded (by the page's API or the mini-program host), whose
    /// receipt must name the text's hash.
    opening: RefCell<Option<(Screen, Vec<String>)>>,
    deciding: RefCell<Option<(Choice, CollectionMethod)>>,
    loading: Cell<bool>,
    /// `start`'s `ok` and `fail`, until the dialog it opens is shown or could not be.
    pub started: RefCell<Option<(Function, Function)>>,
    gpc: bool,
    modal: RefCell<Option<Rc<Modal>>>,
    /// How the dialog open now collects a choice, as it was when it opened (a first run or a
    /// re-consent); a choice it reports is recorded so (see [`App::show`]).
    dialog_method: Cell<CollectionMethod>,
    /// What the next dialog starts from instead of the stored choices (see [`App::enable`]).
    preset: RefCell<Option<Selection>>,
}

thread_local! {
    /// Leaked once per `start`, like the configuration: it lives as long as the page (the
    /// handlers of delivery, placeholders and dialogs hold it), and a `&'static` needs no
    /// reference counting nor code to drop an app (measured: smaller than `Rc<App>`).
    static APP: Cell<Option<&'static App>> = const { Cell::new(None) };
}

/// The stored decision; `None` when there is none or it is unreadable.
fn stored_state() -> Option<ConsentState> {
    storage::get(STORAGE_KEY).and_then(|t| ConsentState::from_json(&t).ok())
}

/// The running app, if `start` has been called.
pub fn current() -> Option<&'static App> {
    APP.with(Cell::get)
}

fn lang_of(config: &Config) -> Lang {
    config
        .language
        .unwrap_or_else(|| consent::detect_language(&browser::languages()))
}

/// Stops the component: removes its dialog and settings entry and forgets the running
/// instance (the stored consent stays). `start` may be called again afterwards.
pub fn stop() {
    if let Some(app) = APP.with(Cell::take) {
        app.close_dialog();
    }
    if let Ok(doc) = browser::document() {
        ui::close_any(&doc);
        if let Some(e) = browser::by_id(&doc, entry::ENTRY_ID) {
            browser::invoke(&e, "remove");
        }
    }
}

/// Reads the JSON configuration, the first step of starting (see `crate::start`); `None` for
/// a configuration refused (whose message the messages module words). Leaked, like the app
/// (see [`App::config`]).
pub fn configure(config_json: &str) -> Option<&'static Config> {
    let config = Config::from_json(config_json).ok()?;
    Some(Box::leak(Box::new(config)))
}

/// Starts the component with its configuration (read by [`configure`]). Returns the app and,
/// when the dialog is to be shown, the changes that explain a re-consent (none on a first
/// run). Once per wasm instance (or again after [`stop`]): js/index.js starts it once (its
/// `starting`), so the component carries no check of its own.
pub fn start(
    config: &'static Config,
    load: Function,
    post: Function,
    warn: Function,
) -> (&'static App, Option<Vec<String>>) {
    let lang = lang_of(config);
    let strings = Strings::new(lang, config.strings_for(lang));
    let state = stored_state();
    let app: &'static App = Box::leak(Box::new(App {
        strings,
        state: RefCell::new(state),
        policy: Cell::new(None),
        load,
        post,
        warn,
        opening: RefCell::new(None),
        deciding: RefCell::new(None),
        loading: Cell::new(false),
        started: RefCell::new(None),
        gpc: browser::global_privacy_control(),
        modal: RefCell::new(None),
        dialog_method: Cell::new(CollectionMethod::FirstRunDialog),
        preset: RefCell::new(None),
        config,
    }));
    APP.with(|a| a.set(Some(app)));
    gate::observe(|c, s| current().is_some_and(|a| a.granted(c, s)));

    // In a mini-program web-view the host may pass the consent it already collected.
    if let Some(host) = browser::query_param("mingshi_consent") {
        let same_version = app
            .state
            .borrow()
            .as_ref()
            .is_some_and(|s| s.policy_version == app.config.policy.version);
        if !same_version {
            if let Some(sel) = consent::host_selection(&host, app.config) {
                app.apply_choice(Choice::Custom(sel), CollectionMethod::Api);
            }
        }
    }
    let prompt = {
        let state = app.state.borrow();
        evaluate(
            app.config,
            state.as_ref(),
            now_ms(),
            app.config.policy.sha256.as_deref(),
        )
    };
    if !prompt.grants_hold() {
        // Asked again: until the answer nothing optional is granted, and Consent Mode (whose
        // defaults the stub took from storage) is told so. Storage keeps the old decision.
        if let Some(state) = app.state.borrow_mut().as_mut() {
            state.suspend_grants();
            events::gcm_update(Some(state));
        }
    }
    app.apply();
    app.follow_other_tabs();
    if app.config.receipts.enabled {
        delivery::flush(app);
        delivery::beacon_on_pagehide(app);
    }
    if app.config.behaviour.show_settings_entry {
        entry::show(app.strings.get("settings_entry"));
    }

    let changes = match prompt {
        // A host's consent waiting for the policy (see `App::apply_choice`) asks nothing.
        _ if app.deciding.borrow().is_some() => return (app, None),
        Prompt::Valid | Prompt::Cooldown { .. } => return (app, None),
        Prompt::FirstRun => Vec::new(),
        Prompt::ReConsent(reasons) => {
            let mut lines = Vec::new();
            for r in &reasons {
                lines.push(app.strings.get(r.key()).to_string());
            }
            if let Some(old) = app.state.borrow().as_ref() {
                let ch = what_changed(&old.scope, &app.config.scope());
                for (key, ids) in &[("added", &ch.added), ("removed", &ch.removed)] {
                    if !ids.is_empty() {
                        lines.push(
                            String::from(app.strings.get(key)) + ": " + &text::join(ids, "、"),
                        );
                    }
                }
            }
            lines
        }
    };
    (app, Some(changes))
}

impl App {
    pub fn granted(&self, category: &str, service: Option<&str>) -> bool {
        let state = self.state.borrow();
        let Some(s) = state.as_ref() else {
            return category == consent::NECESSARY;
        };
        // A service the configuration does not name follows its category.
        s.granted_category(category)
            && service
                .is_none_or(|svc| self.config.service(svc).is_none() || s.granted_service(svc))
    }

    /// Applies the stored state to the page: gated elements and placeholders.
    fn apply(&'static self) {
        let Ok(doc) = browser::document() else { return };
        gate::activate_all();
        gate::add_placeholders(
            &doc,
            self.strings.get("enable_service"),
            (self.config, self.strings.lang),
            |category, service| {
                if let Some(app) = current() {
                    app.enable(category, service);
                }
            },
        );
    }

    /// Opens the dialog on `screen`; `changes` explains a re-consent. Without the policy, it
    /// asks the JS layer to load it (`load(source, by_url, compiled)`: `source` is the text,
    /// or the URL of the text or of the precompiled form) and opens once it is handed over
    /// ([`App::policy_loaded`]). A dialog asked for meanwhile takes this one's place, with no
    /// second load.
    pub fn open(&'static self, screen: Screen, changes: Vec<String>) {
        self.opening.replace(Some((screen, changes)));
        if self.policy.get().is_some() {
            self.show_opening();
        } else {
            self.load_policy();
        }
    }

    /// Asks the JS layer for the policy, unless it is loading it already.
    fn load_policy(&self) {
        if self.loading.replace(true) {
            return;
        }
        let (source, by_url, compiled) = match &self.config.policy.source {
            PolicySource::Text(t) => (t, false, false),
            PolicySource::Url(u) => (u, true, false),
            PolicySource::Compiled(u) => (u, true, true),
        };
        call(
            &self.load,
            &source.as_str().into(),
            &by_url.into(),
            &compiled.into(),
        );
    }

    /// Takes what the JS layer loaded for [`App::open`]: the precompiled policy (a string), or
    /// the Error loading it failed with. The policy is kept (loaded once per page); after a
    /// failure the next dialog asks again.
    pub fn policy_loaded(&'static self, result: JsValue) {
        let loaded = match result.as_string() {
            Some(compiled) => {
                LoadedPolicy::from_compiled(&compiled, self.strings.lang)
                    .map_err(|e| match &self.config.policy.source {
                        // A file given as `compiled` that is not one (the engine's output
                        // always is): named as a fetch that failed is (js/index.js).
                        PolicySource::Compiled(url) => {
                            String::from("could not read the policy from ") + url + ": " + &e
                        }
                        _ => e,
                    })
                    .and_then(|p| {
                        self.config.policy.check_text(&p.sha256)?;
                        Ok(p)
                    })
            }
            None => Err(browser::get_string(&result, "message")),
        };
        self.loading.set(false);
        let deciding = self.deciding.take();
        match loaded {
            Ok(policy) => {
                self.policy.set(Some(Box::leak(Box::new(policy))));
                if let Some((choice, method)) = deciding {
                    self.apply_choice(choice, method);
                }
                self.show_opening();
            }
            Err(e) => {
                if deciding.is_some() {
                    let why = text::concat("Mingshi: a consent was not recorded: ", &e);
                    browser::console("error", &why);
                }
                self.opening.take();
                self.settle(Err(e));
            }
        }
        self.settle_idle();
    }

    /// Resolves `start` to `false` (no dialog shown) unless something still waits: for the
    /// policy, a dialog or a host's consent to record first; or the dialog opened, to be
    /// shown (see [`App::show_opening`]).
    pub fn settle_idle(&self) {
        let waiting = self.opening.borrow().is_some()
            || self.deciding.borrow().is_some()
            || self.modal.borrow().is_some();
        if !waiting {
            if let Some((ok, _)) = self.started.take() {
                call1(&ok, &JsValue::FALSE);
            }
        }
    }

    /// Shows the dialog [`App::open`] asked for, now that the policy is loaded. The one
    /// `start` opens, on a page still loading, is rendered in a task after the one that
    /// prepared it (its view of the policy, its styles): the two made one task of ~65 ms at
    /// 4x CPU throttling. A later one, the person's action, is shown at once.
    fn show_opening(&'static self) {
        let (Some(policy), Some((screen, changes))) = (self.policy.get(), self.opening.take())
        else {
            return;
        };
        if let Err(e) = self.show(policy, screen, changes) {
            return self.settle(Err(e));
        }
        if self.started.borrow().is_some() {
            browser::set_timeout(Box::new(move |_| self.show_in_page()), 0);
        } else {
            self.show_in_page();
        }
    }

    /// Renders the dialog [`App::show`] opened and adds it to the page, unless it was closed
    /// meanwhile (a decision in another tab, `destroy`); then tells how opening went.
    fn show_in_page(&'static self) {
        let shown = match self.modal.borrow().as_ref() {
            Some(modal) => modal.show_in_page(),
            None => return self.settle_idle(),
        };
        self.settle(shown);
    }

    /// Tells how opening a dialog went: `start`'s callbacks for the dialog it opened, the
    /// console for a later one that could not be shown.
    fn settle(&self, shown: Result<(), String>) {
        match (self.started.take(), shown) {
            (Some((ok, _)), Ok(())) => call1(&ok, &JsValue::TRUE),
            (Some((_, fail)), Err(e)) => call1(&fail, &JsError::new(&e).into()),
            (None, Err(e)) => browser::console("error", &e),
            (None, Ok(())) => {}
        }
    }

    /// Opens the dialog on `screen` (not yet in the page: see [`App::show_opening`]). It
    /// starts from the stored choices, or from the preset one, taken once the policy has
    /// loaded (if it fails to, the next dialog starts from it: still only ticks, saved by the
    /// person).
    fn show(
        &'static self,
        policy: &'static LoadedPolicy,
        screen: Screen,
        changes: Vec<String>,
    ) -> Result<(), String> {
        let view = self.view(policy, changes);
        let initial = self.preset.take().unwrap_or_else(|| {
            let state = self.state.borrow();
            initial_selection(self.config, state.as_ref())
        });
        let method = match (screen, self.state.borrow().is_some()) {
            (Screen::Preferences, _) => CollectionMethod::PreferenceCentre,
            (Screen::FirstRun, true) => CollectionMethod::ReConsent,
            (Screen::FirstRun, false) => CollectionMethod::FirstRunDialog,
        };
        self.dialog_method.set(method);
        let on_choice: ui::OnChoice = |choice| {
            if let Some(app) = current() {
                let method = if matches!(choice, Choice::Custom(_)) {
                    CollectionMethod::PreferenceCentre
                } else {
                    app.dialog_method.get()
                };
                app.apply_choice(choice, method);
            }
        };
        let modal = Modal::open(view, screen, initial, on_choice)?;
        *self.modal.borrow_mut() = Some(modal);
        Ok(())
    }

    fn view(&'static self, policy: &'static LoadedPolicy, changes: Vec<String>) -> model::View {
        model::View {
            lang: self.strings.lang,
            controller: &self.config.controller.name,
            policy: policy.view(),
            key_points: policy.key_points(),
            categories: &self.config.categories,
            separate: &self.config.separate,
            age_gate: self
                .config
                .minors
                .age_gate
                .then_some(self.config.minors.threshold),
            must_open_policy: self.config.behaviour.must_open_policy,
            changes,
            gpc: self.gpc,
            strings: &self.strings,
        }
    }

    /// Records a decision: state, storage, receipt, gating, clean-up, events.
    ///
    /// A decision records the hash of the policy text it answers: the loaded one, the
    /// configuration's pin, or the stored decision's for the same version. When none is
    /// known (the page's API or a mini-program host decided before the policy was loaded),
    /// a consent waits for the policy; a refusal never waits, and names the hash if known.
    pub fn apply_choice(&'static self, choice: Choice, method: CollectionMethod) {
        let subject = browser::random_bytes()
            .map(uuid_v4_from_bytes)
            .unwrap_or_default();
        // Decided from the stored state in place, with the policy hash borrowed: no copy of
        // the state (nor of the new one) is made.
        let (outcome, had_previous) = {
            let previous = self.state.borrow();
            let known = self
                .policy
                .get()
                .map(|p| p.sha256.as_str())
                .or(self.config.policy.sha256.as_deref())
                .or_else(|| {
                    let s = previous.as_ref()?;
                    (s.policy_version == self.config.policy.version)
                        .then_some(s.policy_sha256.as_str())
                });
            let refusal = matches!(
                choice,
                Choice::RejectAll | Choice::Disagree | Choice::Withdraw
            );
            if known.is_none() && !refusal {
                drop(previous);
                self.deciding.replace(Some((choice, method)));
                self.load_policy();
                return;
            }
            let policy_sha = known.unwrap_or(mingshi_core::hash::EMPTY_SHA256);
            let ctx = Context {
                now: now_ms(),
                policy_sha256: policy_sha,
                language: self.strings.lang.tag(),
                new_subject_id: &subject,
                gpc: self.gpc,
                method,
            };
            let outcome = decide(self.config, previous.as_ref(), choice, &ctx);
            (outcome, previous.is_some())
        };
        let json = outcome.state.to_json();
        storage::set(STORAGE_KEY, &json);

        if self.config.receipts.enabled {
            if let Some(bytes) = browser::random_bytes() {
                let policy_url = match &self.config.policy.source {
                    consent::PolicySource::Url(u) | consent::PolicySource::Compiled(u) => {
                        browser::absolute_url(u)
                    }
                    consent::PolicySource::Text(_) => None,
                };
                let facts = ReceiptFacts {
                    receipt_id: uuid_v4_from_bytes(bytes),
                    policy_url,
                    user_agent: browser::user_agent(),
                };
                delivery::send(
                    self,
                    &facts.receipt_id,
                    receipt_json(self.config, &outcome, &facts),
                );
            }
        }
        cleanup::clear_denied(self.config, &outcome.state);
        self.set_state(Some(outcome.state), had_previous);
    }

    /// Makes `state` the current one and applies it: gated elements, Consent Mode, and the
    /// page's event for a decision (`consent`, `change` or `withdraw`; `had_previous` tells
    /// the first two apart). No state (forgotten) grants nothing and has no event.
    fn set_state(&'static self, state: Option<ConsentState>, had_previous: bool) {
        *self.state.borrow_mut() = state;
        self.apply();
        let event = {
            let state = self.state.borrow();
            events::gcm_update(state.as_ref());
            state.as_ref().map(|s| {
                let name = match (s.decision, had_previous) {
                    (Decision::Withdraw, _) => "withdraw",
                    (_, false) => "consent",
                    (_, true) => "change",
                };
                (name, s.to_json())
            })
        };
        // Not borrowed while the page's listeners run: they may decide again.
        if let Some((name, json)) = event {
            events::dispatch(name, &json);
        }
    }

    /// A decision made in another tab (localStorage's `storage` event) applies here too:
    /// a withdrawal stops this tab's later tags and beacons, a grant runs them, and a dialog
    /// open here closes. So does one made while this page sat in the back/forward cache
    /// (`pageshow`, persisted): no storage event reaches a frozen page. What was denied was
    /// cleared by the tab that decided (cookies and storage are shared).
    fn follow_other_tabs(&'static self) {
        let Some(w) = browser::window() else { return };
        let handler = move |e: web_sys::Event| {
            let restored = browser::get(&e, "persisted").is_truthy();
            if !restored && browser::get_string(&e, "key") != STORAGE_KEY {
                return;
            }
            // Taken as `start` takes a stored decision: one that answers this page's policy
            // and categories closes a dialog still open here (it asks what was just
            // answered); one that does not (a tab with an older page) grants nothing, and
            // the dialog here goes on asking.
            let mut state = stored_state();
            let holds = state.as_mut().is_some_and(|s| {
                let loaded = self.policy.get().map(|p| p.sha256.as_str());
                let holds = evaluate(self.config, Some(s), now_ms(), loaded).grants_hold();
                if !holds {
                    s.suspend_grants();
                }
                holds
            });
            let had_previous = {
                // Compared as JSON: the code to write it is there already, a derived
                // comparison would add its own (measured: ~220 B gzip).
                let json = |s: &Option<ConsentState>| s.as_ref().map(ConsentState::to_json);
                let current = self.state.borrow();
                if json(&current) == json(&state) {
                    return; // nothing changed meanwhile
                }
                current.is_some()
            };
            if holds {
                self.close_dialog();
            }
            self.set_state(state, had_previous);
        };
        browser::listen(&w, &["storage", "pageshow"], Box::new(handler));
    }

    /// Grants one category (and service), from an iframe placeholder: in place, or, where
    /// agreeing must first ask something ([`grants_in_place`]), in the
    /// preference centre, opened with it ticked.
    pub fn enable(&'static self, category: &str, service: Option<&str>) {
        let (mut sel, in_place) = {
            let state = self.state.borrow();
            let loaded = self.policy.get().map(|p| p.sha256.as_str());
            let in_place = grants_in_place(self.config, state.as_ref(), now_ms(), loaded);
            (initial_selection(self.config, state.as_ref()), in_place)
        };
        sel.categories.insert(category.to_string(), true);
        if let Some(s) = service {
            sel.services.insert(s.to_string(), true);
        }
        if in_place {
            self.apply_choice(Choice::Custom(sel), CollectionMethod::Placeholder);
        } else {
            *self.preset.borrow_mut() = Some(sel);
            crate::open_preferences();
        }
    }

    /// The dialog open now, if any (its events go to it: see `Modal::open`).
    pub fn modal(&self) -> Option<Rc<Modal>> {
        self.modal.borrow().clone()
    }

    /// Closes the dialog, or forgets one still waiting for the policy (`start`, if it
    /// waited for it, resolves to `false`: no dialog was shown).
    pub fn close_dialog(&self) {
        if self.opening.take().is_some() {
            self.settle_idle();
        }
        if let Some(m) = self.modal.borrow_mut().take() {
            m.close();
        }
    }

    /// Forgets the stored consent (the next start asks again). Nothing optional is granted
    /// on the page from now on, so what a grant loaded and can unload (an iframe) goes.
    pub fn reset(&'static self) {
        storage::remove(STORAGE_KEY);
        self.set_state(None, false);
    }
}
