//! Any text as a configuration or a stored consent: an error naming the problem, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mingshi_core::consent::{Config, ConsentState};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::from_json(text);
        let _ = ConsentState::from_json(text);
        let _ = mingshi_core::receipt::Receipt::parse(data);
    }
});
