//! Network: fetching the policy text and posting receipts.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use crate::browser::{js_error, window};

/// GETs `url` and returns the body as text; non-2xx answers are errors.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = JsFuture::from(window()?.fetch_with_str(url))
        .await
        .map_err(|e| js_error("could not fetch the policy", e))?;
    let resp: Response = resp.unchecked_into();
    if !resp.ok() {
        let mut msg = String::from("could not fetch the policy from ");
        msg.push_str(url);
        msg.push_str(": HTTP ");
        mingshi_core::json::write_i64(&mut msg, resp.status().into());
        return Err(msg);
    }
    let text = resp.text().map_err(|e| js_error("could not read the policy", e))?;
    JsFuture::from(text)
        .await
        .map_err(|e| js_error("could not read the policy", e))?
        .as_string()
        .ok_or_else(|| "the policy response is not text".to_string())
}

/// POSTs a JSON body with `keepalive`, so it survives the page being closed.
/// Resolves to the HTTP status.
pub async fn post_json(url: &str, body: &str) -> Result<u16, String> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    // `keepalive` is not in web-sys's stable RequestInit API; set it as a plain property.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    let request = Request::new_with_str_and_init(url, &init)
        .map_err(|e| js_error("could not build the receipt request", e))?;
    request
        .headers()
        .set("Content-Type", "application/json")
        .map_err(|e| js_error("could not set the receipt content type", e))?;
    let resp = JsFuture::from(window()?.fetch_with_request(&request))
        .await
        .map_err(|e| js_error("could not send the receipt", e))?;
    Ok(resp.unchecked_into::<Response>().status())
}
