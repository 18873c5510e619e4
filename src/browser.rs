//! Small accessors for browser globals: window, document, clock and randomness.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Window};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `window`, read once (`None` where there is none, as in a worker). One
    /// static instead of `web_sys::window()`, whose `js_sys::global()` probes four globals
    /// and casts (measured: smaller wasm).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<Window>;
}

/// The page's window; `None` where there is none (as in a worker). No error text: no caller
/// reports one (measured: smaller wasm).
pub fn window() -> Option<Window> {
    WINDOW.with(Clone::clone)
}

// The error is static text (a caller's `?` turns it into a `String`): callers that only test
// for a document then have no string to drop (measured: smaller wasm).

pub fn document() -> Result<Document, &'static str> {
    global("document")
        .map(JsCast::unchecked_into)
        .ok_or("no document in this window")
}

/// `window[name]` (document, navigator, location, crypto, localStorage) when it is an
/// object; `None` where it is missing or reading it throws (localStorage in a sandboxed
/// page). Read through [`get`]: no JS import per global.
pub fn global(name: &str) -> Option<JsValue> {
    let w = window()?;
    Some(get(&w, name)).filter(JsValue::is_object)
}

/// Runs `f` after `ms` milliseconds; returns the timer's id. `f` is a closure of the
/// listeners' type ([`Listener`]: the timer passes no event, the callback ignores it), so the
/// wasm and its glue have one closure type for timers and listeners (`Closure::once_into_js`
/// and its FnOnce glue measured 284 B gzip more). Its memory is freed when the browser has
/// let go of the callback (the glue's FinalizationRegistry), not right after the call.
pub fn set_timeout(f: Listener, ms: i32) -> Option<i32> {
    let cb = wasm_bindgen::closure::Closure::wrap(f).into_js_value();
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms)
        .ok()
}

/// What [`listen`] calls with each event (and [`set_timeout`] with none).
pub type Listener = Box<dyn Fn(web_sys::Event)>;

/// Calls `f` for each of `events` on `target`, for as long as the page lives (the
/// listener goes with the element it is on).
pub fn listen(target: &web_sys::EventTarget, events: &[&str], f: Listener) {
    let handler = wasm_bindgen::closure::Closure::wrap(f);
    for event in events {
        let _ = invoke2(
            target,
            "addEventListener",
            &(*event).into(),
            handler.as_ref(),
        );
    }
    handler.forget();
}

/// `target[key]`, or `undefined` when reading it throws (a target that is not an object).
/// Out of line, like [`set`]: each `Reflect` call written in place carried its own key
/// conversion, drop and exception handling (measured: smaller wasm).
#[inline(never)]
pub fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `target[key]` as a string; empty when it is not one. Getters of the component that
/// return text are read through it rather than a JS import each (measured: smaller).
#[inline(never)]
pub fn get_string(target: &JsValue, key: &str) -> String {
    get(target, key).as_string().unwrap_or_default()
}

/// `target[key] = value`; false when it threw (most callers ignore a failure). The component's option dictionaries
/// (fetch, Blob, CustomEvent, MutationObserver, attachShadow) are filled through it too:
/// one shared call instead of a JS import per web-sys setter (measured: smaller).
#[inline(never)]
pub fn set(target: &JsValue, key: &str, value: &JsValue) -> bool {
    js_sys::Reflect::set(target, &JsValue::from_str(key), value).is_ok()
}

/// [`set`] with a string value, converted here rather than at each call site.
#[inline(never)]
pub fn set_str(target: &JsValue, key: &str, value: &str) -> bool {
    set(target, key, &JsValue::from_str(value))
}

// Every web-sys method or getter the component calls is a JS import of its own in the wasm
// (with its glue in the JS), about 15-30 B gzip apiece. So properties are read and written
// through `get`/`set` (and the helpers below), DOM methods are called by name through
// `invoke`, `invoke1` and `invoke2` (`Reflect.get` and `Function.call`, imports the
// component has anyway), and where same-named methods of different types are needed
// (NodeList's and NamedNodeMap's `length` and `item`) the component reaches them through
// one type, by an unchecked cast: wasm-bindgen calls a method by its name on whatever
// object it is handed. Measured: the methods called by name, -521 B gzip in all (getAttribute
// and setAttribute alone -175); `scrollIntoView`, `Array.prototype.push` and `Object.is`
// (as isSameNode) so called measured larger, and are imports still.

/// `target[method]()`, ignoring what it returns or throws (`focus`, `remove`,
/// `preventDefault`).
pub fn invoke(target: &JsValue, method: &str) {
    let _ = invoke1(target, method, &JsValue::UNDEFINED);
}

/// `target[method](a)`: what it returns, or what it threw.
#[inline(never)]
pub fn invoke1(target: &JsValue, method: &str, a: &JsValue) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, method).unchecked_into();
    f.call1(target, a)
}

/// `target[method](a, b)`, through the three-argument `Function.call` of [`call`]: the
/// third is `undefined`, which the methods called so (none variadic) ignore.
#[inline(never)]
pub fn invoke2(
    target: &JsValue,
    method: &str,
    a: &JsValue,
    b: &JsValue,
) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, method).unchecked_into();
    f.call3(target, a, b, &JsValue::UNDEFINED)
}

/// `doc.createElement(tag)` for the component's constant tag names (createElement throws only
/// for a name that is not a valid tag name).
pub fn create_element(doc: &Document, tag: &str) -> web_sys::Element {
    invoke1(doc, "createElement", &tag.into())
        .unwrap_or(JsValue::UNDEFINED)
        .unchecked_into()
}

/// `parent.append(child)`: `child` is a node or a string (appended as text), `parent` an
/// element or a shadow root (`append` is variadic: called with exactly one argument).
pub fn append(parent: &web_sys::Node, child: &JsValue) {
    let _ = invoke1(parent, "append", child);
}

/// `parent.querySelectorAll(selector)` for a document, shadow root or element alike.
pub fn select_all(parent: &JsValue, selector: &str) -> Option<web_sys::NodeList> {
    let list = invoke1(parent, "querySelectorAll", &selector.into()).ok()?;
    Some(list.unchecked_into())
}

/// The first element of `parent` (a document, shadow root or element) that `selector`
/// finds: `parent.querySelector(selector)`.
#[inline(never)]
pub fn select(parent: &JsValue, selector: &str) -> Option<web_sys::Element> {
    let found = invoke1(parent, "querySelector", &selector.into()).ok()?;
    element(found)
}

/// `el.getAttribute(name)`: `None` when it has no such attribute.
#[inline(never)]
pub fn attr(el: &JsValue, name: &str) -> Option<String> {
    invoke1(el, "getAttribute", &name.into()).ok()?.as_string()
}

/// `el.setAttribute(name, value)` (a valid name: it cannot throw).
#[inline(never)]
pub fn set_attr(el: &JsValue, name: &str, value: &str) {
    let _ = invoke2(el, "setAttribute", &name.into(), &value.into());
}

/// `el.removeAttribute(name)`.
pub fn remove_attr(el: &JsValue, name: &str) {
    let _ = invoke1(el, "removeAttribute", &name.into());
}

/// The element of `doc` with the id `id` (plain: no CSS escapes needed), through
/// querySelector rather than a getElementById import.
pub fn by_id(doc: &Document, id: &str) -> Option<web_sys::Element> {
    select(doc, &mingshi_core::text::concat("#", id))
}

/// `document.cookie`, or `None` where reading it throws (a sandboxed page).
pub fn cookie(doc: &JsValue) -> Option<String> {
    get(doc, "cookie").as_string()
}

/// `document.cookie = cookie`; whether it did not throw.
pub fn set_cookie(doc: &JsValue, cookie: &str) -> bool {
    set_str(doc, "cookie", cookie)
}

/// `v` as an element, if it is an object: what the DOM's element getters give (querySelector,
/// body, activeElement, an event's target...) is an element or null. Not checked with
/// `instanceof Element`, a JS import of its own: the methods the component then calls by
/// name fail, without a panic, on anything else (see [`invoke1`]).
pub fn element(v: JsValue) -> Option<web_sys::Element> {
    Some(v)
        .filter(JsValue::is_object)
        .map(JsCast::unchecked_into)
}

/// The page's `<body>`, if it has one.
pub fn body(doc: &JsValue) -> Option<web_sys::Element> {
    element(get(doc, "body"))
}

/// The focused element of a document or shadow root, if any.
pub fn active_element(root: &JsValue) -> Option<web_sys::Element> {
    element(get(root, "activeElement"))
}

/// `el.textContent = text` (`None` empties it).
pub fn set_text(el: &JsValue, text: Option<&str>) {
    set(
        el,
        "textContent",
        &text.map_or(JsValue::NULL, JsValue::from_str),
    );
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// 16 bytes from `crypto.getRandomValues`, if it is available.
pub fn random_bytes() -> Option<[u8; 16]> {
    let mut bytes = [0u8; 16];
    let crypto: web_sys::Crypto = global("crypto")?.unchecked_into();
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

pub fn user_agent() -> Option<String> {
    get(&global("navigator")?, "userAgent").as_string()
}

/// `f(a, b, c)`. Every JS function the component calls (gtag, the JS layer's callbacks) is
/// called through `Function.call` with three arguments: one JS import for all; a function
/// ignores the arguments it does not take.
pub fn call(f: &js_sys::Function, a: &JsValue, b: &JsValue, c: &JsValue) {
    let _ = f.call3(&JsValue::NULL, a, b, c);
}

/// `console[method](message)`: `error` or `warn`.
pub fn console(method: &str, message: &str) {
    if let Some(c) = global("console") {
        let _ = invoke1(&c, method, &message.into());
    }
}

/// `f(a)`, through `Function.call` with one argument (the import [`invoke1`] uses).
pub fn call1(f: &js_sys::Function, a: &JsValue) {
    let _ = f.call1(&JsValue::NULL, a);
}

/// The CSP nonce of the page's Mingshi script tag (or of any nonced script), so elements
/// we create can carry it. Browsers hide `nonce` from getAttribute; the property keeps it.
pub fn script_nonce(doc: &Document) -> Option<String> {
    let el = select(doc, "script[src*=\"mingshi\"][nonce], script[nonce]")?;
    get(&el, "nonce").as_string().filter(|n| !n.is_empty())
}

/// `new window[class](a, b)`: `None` where the browser lacks the class or the constructor
/// threw. One `Reflect.construct` import for the classes the component makes (URL,
/// CustomEvent, MutationObserver, CSSStyleSheet), not one each; a constructor taking one
/// argument ignores the second (`undefined`).
pub fn construct(class: &str, a: &JsValue, b: &JsValue) -> Option<JsValue> {
    let w = window()?;
    let class: js_sys::Function = get(&w, class).unchecked_into();
    js_sys::Reflect::construct(&class, &js_sys::Array::of2(a, b)).ok()
}

/// `url` parsed against the page's base URL (a URL object).
pub fn parse_url(url: &str) -> Option<JsValue> {
    let doc = document().ok()?;
    let base = get(&doc, "baseURI");
    construct("URL", &url.into(), &base)
}

/// `url` resolved against the page's base URL (receipts record absolute policy URLs); None
/// when the browser cannot parse it. Only a parsed `href` is sure to be one the receipts
/// server takes: it percent-encodes what the server refuses (`receipt::is_hidden`), which
/// an unparsable URL, a host with U+202E say, would keep, and the receipt would be lost.
pub fn absolute_url(url: &str) -> Option<String> {
    parse_url(url).map(|u| get_string(&u, "href"))
}

/// `navigator.languages` (or `navigator.language`), most preferred first.
pub fn languages() -> Vec<String> {
    let mut list = Vec::new();
    let Some(nav) = global("navigator") else {
        return list;
    };
    let languages: js_sys::Array = get(&nav, "languages").unchecked_into();
    // The array's `length` through NodeList's (see above).
    for i in 0..languages.unchecked_ref::<web_sys::NodeList>().length() {
        if let Some(l) = languages.get(i).as_string() {
            list.push(l);
        }
    }
    if list.is_empty() {
        if let Some(l) = get(&nav, "language").as_string() {
            list.push(l);
        }
    }
    list
}

/// `navigator.globalPrivacyControl === true`.
pub fn global_privacy_control() -> bool {
    global("navigator").is_some_and(|n| get(&n, "globalPrivacyControl").as_bool() == Some(true))
}

/// A query parameter of the page URL, read from the `searchParams` of the page's URL as
/// [`parse_url`] parses it (no URLSearchParams imports).
pub fn query_param(name: &str) -> Option<String> {
    let page = parse_url(&get_string(&global("location")?, "href"))?;
    let params = get(&page, "searchParams");
    invoke1(&params, "get", &name.into()).ok()?.as_string()
}
