//! The component's UI, drawn in an open shadow root so page styles cannot break it and its
//! styles cannot leak into the page. Three views share one modal frame: the first-run
//! dialog, the preference centre and the policy reader; plus a small settings entry.
//!
//! The UI renders a [`model::View`] and reports a [`model::Choice`]; it decides nothing.

pub mod dom;
mod first_run;
pub mod model;
mod prefs;
mod reader;
mod trap;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use model::{Choice, Selection, View};

/// Id of the element that hosts the shadow root.
pub const HOST_ID: &str = "mingshi-root";
const CSS: &str = include_str!("style.css");

/// Which view to open.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    FirstRun,
    Preferences,
}

/// Called with the person's choice; the dialog has closed by then.
pub type OnChoice = Rc<dyn Fn(Choice)>;

/// A modal open on the page.
pub struct Modal {
    doc: Document,
    host: Element,
    root: ShadowRoot,
    view: Rc<View>,
    on_choice: OnChoice,
    /// Current state of the toggles, shared by the views.
    selection: RefCell<Selection>,
    /// Whether the reader was opened (for "must open the policy before agreeing").
    policy_opened: RefCell<bool>,
    saved_focus: RefCell<Option<HtmlElement>>,
    screen: Screen,
}

impl Modal {
    /// Opens `screen`, replacing any dialog already open.
    pub fn open(
        view: Rc<View>,
        screen: Screen,
        initial: Selection,
        on_choice: OnChoice,
    ) -> Result<Rc<Modal>, String> {
        let doc = crate::browser::document()?;
        close_any(&doc);
        let saved_focus = trap::remember_focus();
        let host = dom::el(&doc, "div", "");
        host.set_id(HOST_ID);
        let root = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| "could not attach a shadow root".to_string())?;
        adopt_css(&doc, &root, CSS);
        let body = doc
            .body()
            .ok_or_else(|| "the page has no <body>".to_string())?;
        let _ = body.append_child(&host);
        let modal = Rc::new(Modal {
            doc,
            host,
            root,
            view,
            on_choice,
            selection: RefCell::new(initial),
            policy_opened: RefCell::new(false),
            saved_focus: RefCell::new(saved_focus),
            screen,
        });
        modal.show(screen);
        Ok(modal)
    }

    /// Replaces the modal's content with `screen`.
    fn show(self: &Rc<Self>, screen: Screen) {
        let frame = match screen {
            Screen::FirstRun => first_run::render(self),
            Screen::Preferences => prefs::render(self),
        };
        self.mount(
            frame,
            screen == Screen::Preferences && self.screen == Screen::Preferences,
        );
    }

    /// Shows the policy reader; `back` returns to the screen it came from.
    fn show_reader(self: &Rc<Self>, back: Screen, focus_unit: Option<usize>) {
        *self.policy_opened.borrow_mut() = true;
        let frame = reader::render(self, back, focus_unit);
        self.mount(frame, true);
    }

    /// Puts `dialog` in the backdrop, traps focus in it and focuses its first control.
    fn mount(self: &Rc<Self>, dialog: Element, escape_closes: bool) {
        while let Some(child) = self.root.last_child() {
            if child.node_name().eq_ignore_ascii_case("style") {
                break;
            }
            let _ = self.root.remove_child(&child);
        }
        let backdrop = dom::el(&self.doc, "div", "backdrop");
        dom::append(&backdrop, &[&dialog]);
        let _ = self.root.append_child(&backdrop);
        let escape: Option<Box<dyn Fn()>> = if escape_closes {
            let me = Rc::downgrade(self);
            Some(Box::new(move || {
                if let Some(m) = me.upgrade() {
                    m.close();
                }
            }))
        } else {
            None
        };
        trap::install(&self.root, &dialog, escape);
        if let Ok(Some(first)) = dialog.query_selector("[data-autofocus]") {
            dom::next_frame(move || dom::focus(&first));
        }
    }

    /// A modal dialog element labelled by its `<h2 id="ms-title">`; returns (dialog, title).
    fn frame(&self, class: &str, title: &str) -> (Element, Element) {
        let dialog = dom::el(&self.doc, "div", class);
        dom::attrs(
            &dialog,
            &[
                ("role", "dialog"),
                ("aria-modal", "true"),
                ("aria-labelledby", "ms-title"),
                ("lang", &self.view.lang),
            ],
        );
        let heading = dom::text_el(&self.doc, "h2", "title", title);
        heading.set_id("ms-title");
        (dialog, heading)
    }

    /// Closes without a choice (only where closing is allowed: preferences, reader).
    pub fn close(&self) {
        self.host.remove();
        trap::restore_focus(self.saved_focus.borrow_mut().take());
    }

    /// Closes and reports the choice.
    fn choose(&self, choice: Choice) {
        self.close();
        (self.on_choice)(choice);
    }
}

/// Gives the shadow root our styles. A constructed stylesheet (`adoptedStyleSheets`) is
/// not inline style, so it works under a strict `style-src` CSP; where the browser lacks
/// it, a `<style>` element carries the nonce of the script that loaded us, if any.
pub fn adopt_css(doc: &Document, root: &ShadowRoot, css: &str) {
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        if sheet.replace_sync(css).is_ok()
            && js_sys::Reflect::set(
                root,
                &"adoptedStyleSheets".into(),
                &js_sys::Array::of1(&sheet),
            )
            .is_ok()
        {
            return;
        }
    }
    let style = dom::text_el(doc, "style", "", css);
    if let Some(nonce) = crate::browser::script_nonce(doc) {
        let _ = js_sys::Reflect::set(&style, &"nonce".into(), &nonce.into());
    }
    let _ = root.append_child(&style);
}

/// Removes any dialog of ours from the page.
pub fn close_any(doc: &Document) {
    if let Some(old) = doc.get_element_by_id(HOST_ID) {
        old.remove();
    }
}
