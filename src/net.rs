//! Network: fetching the policy text and posting receipts.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

use crate::browser::{js_error, set, set_str, set_timeout, window};

/// GETs `url` and returns the body as text; non-2xx answers are errors. `started` is a
/// `fetch(url)` already under way, read instead of asking again.
pub async fn fetch_text(url: &str, started: Option<js_sys::Promise>) -> Result<String, String> {
    let pending = match started {
        Some(p) => p,
        None => window()?.fetch_with_str_and_init(url, &RequestInit::new()),
    };
    let resp = JsFuture::from(pending)
        .await
        .map_err(|e| js_error("could not fetch the policy", e))?;
    let resp: Response = resp.unchecked_into();
    // Response.ok, read from the status (one import less).
    if !(200..300).contains(&resp.status()) {
        let mut msg = String::from("could not fetch the policy from ");
        msg.push_str(url);
        msg.push_str(": HTTP ");
        mingshi_core::json::write_i64(&mut msg, resp.status().into());
        return Err(msg);
    }
    let text = resp
        .text()
        .map_err(|e| js_error("could not read the policy", e))?;
    JsFuture::from(text)
        .await
        .map_err(|e| js_error("could not read the policy", e))?
        .as_string()
        .ok_or_else(|| "the policy response is not text".to_string())
}

/// POSTs a JSON body with `keepalive`, so it survives the page being closed, and extra
/// headers from the configuration. Resolves to the HTTP status and the response text, or
/// `None` when the request could not be made, got no answer or its answer could not be read
/// (the caller retries later).
pub async fn post_json(
    url: &str,
    headers: &[(String, String)],
    body: &str,
) -> Option<(u16, String)> {
    // The headers as a plain object (fetch accepts a record): no Headers imports. Names are
    // lowercased, so a configured header replaces one of the same name in any case (as
    // Headers.set did) instead of being added to it. A name or value fetch refuses makes it
    // reject, which ends here as no answer, as Headers' own check did.
    let h = js_sys::Object::new();
    set_str(&h, "content-type", "application/json");
    for (k, v) in headers {
        set_str(&h, &k.to_ascii_lowercase(), v);
    }
    let init = RequestInit::new();
    set_str(&init, "method", "POST");
    set(&init, "headers", &h);
    set_str(&init, "body", body);
    set(&init, "keepalive", &JsValue::TRUE);
    // A request that hangs is abandoned after 10 s and retried later like a network error.
    if let Ok(ctrl) = web_sys::AbortController::new() {
        set(&init, "signal", &crate::browser::get(&ctrl, "signal"));
        set_timeout(Box::new(move || ctrl.abort()), 10_000);
    }
    let resp: Response = JsFuture::from(window().ok()?.fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .unchecked_into();
    // The body decides whether a 2xx acknowledges (see `Outcome::from_answer`): one that
    // could not be read (the connection cut while it arrived) is no answer at all.
    let text = JsFuture::from(resp.text().ok()?).await.ok()?.as_string()?;
    Some((resp.status(), text))
}
