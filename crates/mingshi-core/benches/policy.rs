//! Policy engine benchmark: analyses each shared policy (the largest is 78 KB) many times
//! and prints the median and spread. `cargo bench -p mingshi-core --bench policy`.
//!
//! Native release builds use opt-level 3; only the wasm build switches to `"z"` for size
//! (scripts/lib.sh), so this measures what the server and the CLI run.

use std::time::Instant;

use mingshi_core::policy::{analyze, Format, Policy};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/policies/");
    for name in [
        "smart-life-app-zh-en.txt",
        "mingyuan-saas.txt",
        "xuyun-website.txt",
    ] {
        let text = std::fs::read_to_string(String::from(dir) + name).expect("fixture");
        let runs = 60;
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let p = analyze(&text, Format::Auto).expect("analyses");
                std::hint::black_box(&p);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let compiled = analyze(&text, Format::Auto).unwrap().to_compiled_json();
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(Policy::from_compiled_json(&compiled).unwrap());
        }
        let load = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "policy {name:<26} {:>6} bytes: analyze median {:.2} ms (min {:.2}, max {:.2}) over {runs} runs; load precompiled {:.2} ms",
            text.len(),
            times[runs / 2],
            times[0],
            times[runs - 1],
            load
        );
    }
}
