//! Any bytes, in every input format: the policy engine answers with a value or an error,
//! never a panic, and no unit carries markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mingshi_core::policy::{analyze, analyze_bytes, Format, Policy};

fuzz_target!(|data: &[u8]| {
    let _ = analyze_bytes(data, Format::Auto);
    if let Ok(text) = std::str::from_utf8(data) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            if let Ok(p) = analyze(text, format) {
                if format == Format::Html {
                    for u in p.languages.iter().flat_map(|d| d.units.iter()) {
                        assert!(!u.text.contains("<script"), "markup passed through: {}", u.text);
                    }
                }
                let json = p.to_compiled_json();
                assert_eq!(Policy::from_compiled_json(&json).as_ref(), Ok(&p));
            }
        }
    }
});
