//! Prometheus metrics in the text exposition format, counted with atomics.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// Upper bounds of the request-latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

#[derive(Default)]
pub struct Metrics {
    pub stored: AtomicU64,
    pub duplicates: AtomicU64,
    pub conflicts: AtomicU64,
    pub rejected_invalid: AtomicU64,
    pub rejected_too_large: AtomicU64,
    pub rejected_rate_limit: AtomicU64,
    pub rejected_origin: AtomicU64,
    pub storage_errors: AtomicU64,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_us: AtomicU64,
}

impl Metrics {
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Records how long one receipt request took.
    pub fn observe(&self, seconds: f64) {
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_us
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    pub fn render(&self, backend: &str) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let mut out = String::new();
        let _ = writeln!(out, "# HELP mingshi_receipts_total Receipt submissions by outcome.\n# TYPE mingshi_receipts_total counter");
        for (outcome, c) in [
            ("stored", &self.stored),
            ("duplicate", &self.duplicates),
            ("conflict", &self.conflicts),
            ("invalid", &self.rejected_invalid),
            ("too_large", &self.rejected_too_large),
            ("rate_limited", &self.rejected_rate_limit),
            ("origin_not_allowed", &self.rejected_origin),
            ("storage_error", &self.storage_errors),
        ] {
            let _ = writeln!(
                out,
                "mingshi_receipts_total{{outcome=\"{outcome}\",backend=\"{backend}\"}} {}",
                get(c)
            );
        }
        let _ = writeln!(out, "# HELP mingshi_receipt_request_seconds Time to answer POST /v1/receipts.\n# TYPE mingshi_receipt_request_seconds histogram");
        for (i, bound) in BUCKETS.iter().enumerate() {
            let _ = writeln!(
                out,
                "mingshi_receipt_request_seconds_bucket{{le=\"{bound}\"}} {}",
                get(&self.latency_buckets[i])
            );
        }
        let count = get(&self.latency_count);
        let _ = writeln!(
            out,
            "mingshi_receipt_request_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "mingshi_receipt_request_seconds_sum {}",
            get(&self.latency_sum_us) as f64 / 1e6
        );
        let _ = writeln!(out, "mingshi_receipt_request_seconds_count {count}");
        out
    }
}
