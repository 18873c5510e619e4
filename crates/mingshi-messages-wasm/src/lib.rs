//! The message for a configuration the component refused, as mingshi-core words it, and the
//! console warning for gated markup naming what the configuration lacks.
//!
//! The component (`mingshi`) checks the configuration with core's code but is built without
//! core's `messages` (a valid configuration never shows one); the JS layer loads this module
//! only when the component refuses a configuration, to say what is wrong with it, or finds
//! such markup, to say what it names.

use wasm_bindgen::prelude::*;

/// What to tell the site owner about the configuration `json`: what is wrong with it, the
/// field's path and the problem (`policy: give exactly one of ...`); for a valid one, given
/// `category`, the console warning for gated markup naming that category (`service`
/// `undefined`) or a service of it that the configuration lacks, as the component found it
/// (`Config::unknown_in_markup`): `Mingshi: data-category="analytcs" is not a configured
/// category (...): its elements stay blocked. Did you mean "analytics"?`. `None` when there
/// is nothing to tell (the component finding something: not its version). One export for
/// both, the checking being the first step of either: the glue of a second measured 115 B
/// gzip more.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(
    json: &str,
    category: Option<String>,
    service: Option<String>,
) -> Option<String> {
    match mingshi_core::consent::Config::from_json(json) {
        Err(e) => Some(e.full_message()),
        // Not dropped: a few calls per page at most (one per distinct mistake), and no drop
        // code for a configuration in the module (measured: 0.3 KB gzip less).
        Ok(config) => {
            std::mem::ManuallyDrop::new(config).markup_warning(&category?, service.as_deref())
        }
    }
}
