//! The component's UI, drawn in an open shadow root so page styles cannot break it and its
//! styles cannot leak into the page. Three views share one modal frame: the first-run
//! dialog, the preference centre and the policy reader; plus a small settings entry.
//!
//! The UI renders a [`model::View`] and reports a [`Choice`] in the core's terms; it decides
//! nothing.
//! The views only build elements: every event of the modal goes to one listener on its
//! shadow root ([`Modal::handle`]), which dispatches clicks on the `data-action` of the
//! button and changes on the `data-category` / `data-service` / `data-separate` of the
//! checkbox.

pub mod dom;
mod first_run;
pub mod model;
mod prefs;
mod reader;
mod trap;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, Node, ShadowRoot, ShadowRootInit};

use model::{Choice, Selection, View};

/// Id of the element that hosts the shadow root.
pub const HOST_ID: &str = "mingshi-root";
const CSS: &str = include_str!("style.css");
/// The note under a dialog's content that says why agreeing cannot go ahead yet.
const NOTE: &str = "p.note id=ms-note aria-live=polite";

/// Which view to open.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    FirstRun,
    Preferences,
}

/// Called with the person's choice; the dialog has closed by then. A plain function, not a
/// boxed closure (the app finds itself through `app::current()`): no vtable and drop code for
/// one in the wasm (measured: -84 B gzip).
pub type OnChoice = fn(Choice);

/// A modal open on the page.
pub struct Modal {
    doc: Document,
    host: Element,
    root: ShadowRoot,
    /// Holds the current view's dialog.
    backdrop: Element,
    view: View,
    on_choice: OnChoice,
    /// Current state of the toggles, shared by the views.
    selection: RefCell<Selection>,
    /// Whether the reader was opened (for "must open the policy before agreeing").
    policy_opened: Cell<bool>,
    /// The age gate's two ticks, "I am under N" and "my guardian agrees": kept here, not
    /// only in the checkboxes, because both views show the gate and agreeing in either
    /// must meet it.
    under_age: Cell<bool>,
    guardian: Cell<bool>,
    saved_focus: Cell<Option<Element>>,
    /// The screen the modal was opened on.
    screen: Screen,
    /// While the policy reader is shown: the view it covers and the button that opened it,
    /// where the reader's "back" returns.
    behind: RefCell<Option<(Element, Element)>>,
}

impl Modal {
    /// Prepares a modal on `screen`, replacing any dialog already open: its host, styles
    /// and listener, not yet in the page ([`Modal::show_in_page`] adds it).
    pub fn open(
        view: View,
        screen: Screen,
        initial: Selection,
        on_choice: OnChoice,
    ) -> Result<Rc<Modal>, String> {
        let doc = crate::browser::document()?;
        close_any(&doc);
        let saved_focus = trap::remember_focus();
        let (host, root) = shadow_host(&doc, HOST_ID, CSS)
            .ok_or_else(|| "could not attach a shadow root".to_string())?;
        let backdrop = dom::add(&doc, &root, "div.backdrop", "", &[]);
        // A consent a guardian gave before is shown as given.
        let guardian = initial.guardian;
        let modal = Rc::new(Modal {
            doc,
            host,
            root,
            backdrop,
            view,
            on_choice,
            selection: RefCell::new(initial),
            policy_opened: Cell::new(false),
            under_age: Cell::new(guardian),
            guardian: Cell::new(guardian),
            saved_focus: Cell::new(saved_focus),
            screen,
            behind: RefCell::new(None),
        });
        crate::browser::listen(
            &modal.root,
            &["click", "change", "input", "keydown"],
            // To the open modal, which the app holds (the listener holds none: no reference
            // to keep alive or to check; measured -34 B gzip against a `Weak`). Only the open
            // modal's root is in the page.
            Box::new(|ev| {
                if let Some(m) = crate::app::current().and_then(|a| a.modal()) {
                    m.handle(&ev);
                }
            }),
        );
        Ok(modal)
    }

    /// Renders the screen the modal was opened on and adds the modal to the page.
    pub fn show_in_page(&self) -> Result<(), String> {
        let body =
            crate::browser::body(&self.doc).ok_or_else(|| "the page has no <body>".to_string())?;
        self.show(self.screen);
        crate::browser::append(&body, &self.host);
        Ok(())
    }

    /// Replaces the modal's content with `screen`.
    fn show(&self, screen: Screen) {
        let dialog = match screen {
            Screen::FirstRun => first_run::render(self),
            Screen::Preferences => prefs::render(self),
        };
        self.mount(&dialog, None, None);
    }

    /// Shows the policy reader, opened by `opener`, scrolled to the unit that the selector
    /// `unit` (a key point's `data-target`) finds, if given; "back" returns to the view
    /// shown before ([`Modal::back`]).
    fn show_reader(&self, opener: &Element, unit: Option<String>) {
        self.policy_opened.set(true);
        if let Some(view) = self.find(".dialog") {
            self.behind.replace(Some((view, opener.clone())));
        }
        let dialog = reader::render(self);
        let unit = unit.and_then(|selector| crate::browser::select(&dialog, &selector));
        self.mount(&dialog, unit, None);
    }

    /// Leaves the reader for the view it covered, as the person left it (ticks, scroll),
    /// with the focus on the button that opened the reader. Its note, if it said why
    /// agreeing could not go ahead, is emptied: opening the policy may have been why.
    fn back(&self) {
        if let Some((view, opener)) = self.behind.take() {
            if let Some(note) = crate::browser::select(&view, "#ms-note") {
                crate::browser::set_text(&note, None);
            }
            self.mount(&view, None, Some(opener));
        }
    }

    /// Puts `dialog` in the backdrop in place of the previous one. Then, in a task of its
    /// own, scrolls to `scroll_to` and focuses it, and focuses `focus`, else the dialog's
    /// first control (focus stays inside: see [`trap`]).
    ///
    /// Focusing or scrolling forces style and layout at once. Done while building the dialog,
    /// that lengthened the building task (27 ms of 79 at 4x CPU throttling); done in the next
    /// animation frame, it joined the frame that first paints the dialog, the longest task of
    /// a first visit. In a task of its own it is neither: interleaved runs of 10 cold loads at
    /// 4x, six each, gave 39 long tasks against 59 and a mean blocking time of 6.5 ms against
    /// 10.6.
    fn mount(&self, dialog: &Element, scroll_to: Option<Element>, focus: Option<Element>) {
        // Emptied through textContent, not replaceChildren: one DOM import less.
        crate::browser::set_text(&self.backdrop, None);
        crate::browser::append(&self.backdrop, dialog);
        let first = focus.or_else(|| crate::browser::select(dialog, "[data-autofocus]"));
        let focus = move |_| {
            if let Some(unit) = &scroll_to {
                unit.scroll_into_view();
                dom::focus(unit);
            }
            if let Some(first) = &first {
                dom::focus(first);
            }
        };
        crate::browser::set_timeout(Box::new(focus), 0);
    }

    /// The element `spec` (see [`dom::el`]) appended to `parent`, to put children in.
    /// (These three are called from every view: kept out of line, each call site only
    /// passes its arguments.)
    #[inline(never)]
    fn add(&self, parent: &Node, spec: &str, text: &str, attrs: &[(&str, &str)]) -> Element {
        dom::add(&self.doc, parent, spec, text, attrs)
    }

    /// The element `spec` appended to `parent`, with no children.
    #[inline(never)]
    fn leaf(&self, parent: &Node, spec: &str, text: &str, attrs: &[(&str, &str)]) {
        self.add(parent, spec, text, attrs);
    }

    /// A `<button type="button">` (`spec` is `"button.class"`) appended to `parent`.
    #[inline(never)]
    fn button(&self, parent: &Node, spec: &str, text: &str, attrs: &[(&str, &str)]) {
        let button = self.add(parent, spec, text, attrs);
        crate::browser::set_attr(&button, "type", "button");
    }

    /// A view's dialog element `spec` (not yet in the page), in the UI's language. The
    /// spec makes it a modal dialog labelled by its [`Modal::title`]: each view writes
    /// `role=dialog aria-modal=true aria-labelledby=ms-title` in it.
    fn dialog(&self, spec: &str) -> Element {
        dom::el(&self.doc, spec, "", &[("lang", self.view.lang.tag())])
    }

    /// [`Modal::leaf`] with the UI string `key` as its text.
    #[inline(never)]
    fn ui_leaf(&self, parent: &Node, spec: &str, key: &str) {
        self.leaf(parent, spec, self.view.t(key), &[]);
    }

    /// [`Modal::button`] labelled with the UI string `key`.
    #[inline(never)]
    fn ui_button(&self, parent: &Node, spec: &str, key: &str) {
        self.button(parent, spec, self.view.t(key), &[]);
    }

    /// The dialog's title, `<h2 id="ms-title">`.
    fn title(&self, parent: &Node, text: &str, attrs: &[(&str, &str)]) {
        self.leaf(parent, "h2.title id=ms-title", text, attrs);
    }

    /// The first element of the modal that `selector` finds.
    fn find(&self, selector: &str) -> Option<Element> {
        crate::browser::select(&self.backdrop, selector)
    }

    /// Every event of the modal: clicks, checkbox changes, the reader's search, keys.
    fn handle(&self, ev: &Event) {
        let Some(target) = crate::browser::element(crate::browser::get(ev, "target")) else {
            return;
        };
        match crate::browser::get_string(ev, "type").as_str() {
            "click" => {
                if let Some(action) = crate::browser::attr(&target, "data-action") {
                    self.act(&action, &target);
                }
            }
            "change" => self.toggled(&target),
            "input" if crate::browser::attr(&target, "type").as_deref() == Some("search") => {
                reader::search(self, &target);
            }
            // trap::keydown moves focus on Tab; it is true for Escape.
            "keydown" if trap::keydown(&self.root, ev) => self.escape(ev),
            _ => {}
        }
    }

    /// A click on a button with `data-action="action"`.
    fn act(&self, action: &str, button: &Element) {
        match action {
            // The core grants every category and service; the separate consents stay as ticked.
            "agree" | "accept-all" => self.agree(true),
            // Refusing in a dialog opened on the first run is disagreeing (basic mode).
            "disagree" | "reject-all" => self.choose(match self.screen {
                Screen::FirstRun => Choice::Disagree,
                Screen::Preferences => Choice::RejectAll,
            }),
            "save" => self.agree(false),
            "preferences" => self.show(Screen::Preferences),
            "close" => self.close(),
            "read" => self.show_reader(button, crate::browser::attr(button, "data-target")),
            "back" => self.back(),
            "goto" => reader::go_to(self, crate::browser::attr(button, "data-target")),
            _ => {}
        }
    }

    /// Escape: in the reader, back to the screen it was opened from (as its "back" button);
    /// on the preference centre opened on its own, closes it (as its "×"). The first-run
    /// dialog, and the preference centre opened from it, wait for a decision.
    fn escape(&self, ev: &Event) {
        if self.behind.borrow().is_some() {
            self.back();
        } else if self.screen == Screen::Preferences {
            self.close();
        } else {
            return;
        }
        crate::browser::invoke(ev, "preventDefault");
    }

    /// A checkbox changed: records it in the selection.
    fn toggled(&self, target: &Element) {
        let on = || dom::checked(target);
        let mut sel = self.selection.borrow_mut();
        if let Some(id) = crate::browser::attr(target, "data-separate") {
            sel.separate.insert(id, on());
        } else if let Some(id) = crate::browser::attr(target, "data-service") {
            sel.services.insert(id, on());
        } else if let Some(id) = crate::browser::attr(target, "data-category") {
            prefs::category_toggled(self, &mut sel, id, on());
        } else {
            match crate::browser::attr(target, "id").as_deref() {
                Some("ms-under") => first_run::under_age_toggled(self, on()),
                Some("ms-guardian") => self.guardian.set(on()),
                _ => {}
            }
        }
    }

    /// "Agree" and "accept all" (`all`), or "save", from either view. A choice that agrees
    /// to anything optional goes ahead only when nothing holds it back (see
    /// [`first_run::blocked`]), and the note under the dialog then says why; saving a
    /// selection that grants nothing is a refusal, never held back.
    fn agree(&self, all: bool) {
        if all || self.selection.borrow().grants_optional() {
            if let Some(why) = first_run::blocked(self) {
                if let Some(note) = self.find("#ms-note") {
                    crate::browser::set_text(&note, Some(self.view.t(why)));
                }
                return;
            }
        }
        // Taken, not copied: the dialog closes with this choice (no copy code in the wasm).
        let sel = self.selection.take();
        self.choose(if all {
            Choice::AcceptAll {
                separate: sel.separate,
                guardian: sel.guardian,
            }
        } else {
            Choice::Custom(sel)
        });
    }

    /// Closes without a choice (only where closing is allowed: the preference centre opened
    /// on its own).
    pub fn close(&self) {
        crate::browser::invoke(&self.host, "remove");
        trap::restore_focus(self.saved_focus.take());
    }

    /// Closes and reports the choice.
    fn choose(&self, choice: Choice) {
        self.close();
        (self.on_choice)(choice);
    }
}

/// A `<div id=id>`, not yet in the page, with an open shadow root styled by `css`: the
/// modal's host and the settings entry's.
pub fn shadow_host(doc: &Document, id: &str, css: &str) -> Option<(Element, ShadowRoot)> {
    let host = dom::el(doc, "div", "", &[("id", id)]);
    let init: ShadowRootInit = js_sys::Object::new().unchecked_into();
    crate::browser::set_str(&init, "mode", "open");
    let root = crate::browser::invoke1(&host, "attachShadow", &init).ok()?;
    let root: ShadowRoot = root.unchecked_into();
    adopt_css(doc, &root, css);
    Some((host, root))
}

/// Gives the shadow root our styles. A constructed stylesheet (`adoptedStyleSheets`) is
/// not inline style, so it works under a strict `style-src` CSP; where the browser lacks
/// it, a `<style>` element carries the nonce of the script that loaded us, if any.
fn adopt_css(doc: &Document, root: &ShadowRoot, css: &str) {
    let u = &wasm_bindgen::JsValue::UNDEFINED;
    if let Some(sheet) = crate::browser::construct("CSSStyleSheet", u, u) {
        if crate::browser::invoke1(&sheet, "replaceSync", &css.into()).is_ok()
            && crate::browser::set(root, "adoptedStyleSheets", &js_sys::Array::of1(&sheet))
        {
            return;
        }
    }
    let style = dom::el(doc, "style", css, &[]);
    // The nonce must be there when the element enters the page.
    if let Some(nonce) = crate::browser::script_nonce(doc) {
        crate::browser::set_str(&style, "nonce", &nonce);
    }
    crate::browser::append(root, &style);
}

/// Removes any dialog of ours from the page.
pub fn close_any(doc: &Document) {
    if let Some(old) = crate::browser::by_id(doc, HOST_ID) {
        crate::browser::invoke(&old, "remove");
    }
}
