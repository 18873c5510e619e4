//! The browser's receipt outbox: every receipt stays queued until the server has
//! acknowledged it, and is retried with exponential backoff across page loads.
//!
//! Pure data: the shell stores [`Outbox::to_json`] in storage, asks [`Outbox::due`] what
//! to send now, and reports each answer with [`Outbox::record`].

use crate::json::{self, Object, Value};

/// First retry delay and the cap of the exponential backoff (ms).
pub const FIRST_RETRY_MS: i64 = 2_000;
pub const MAX_RETRY_MS: i64 = 10 * 60 * 1000;
/// Most receipts kept waiting; beyond it the oldest are dropped (and counted).
pub const MAX_QUEUED: usize = 200;

/// One receipt waiting for its acknowledgement.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub receipt_id: String,
    /// The canonical JSON body to post.
    pub body: String,
    pub attempts: u32,
    pub next_attempt_at: i64,
}

/// What became of one delivery attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: stored (or already stored) on the server.
    Acknowledged,
    /// 400, 409, 413 or 422: the server read this body and will never take it; drop it.
    Rejected,
    /// Anything else (network error, timeout, 5xx, 408, 429, and 401, 403, 404 ...: an
    /// endpoint not deployed yet or refusing this client until it is configured, which
    /// can be fixed on the server): try again later.
    RetryLater,
}

impl Outcome {
    /// Classifies an HTTP status (`None` for a network error or timeout).
    ///
    /// ```
    /// use mingshi_core::receipt::outbox::Outcome;
    /// assert_eq!(Outcome::from_status(Some(201)), Outcome::Acknowledged);
    /// assert_eq!(Outcome::from_status(Some(503)), Outcome::RetryLater);
    /// assert_eq!(Outcome::from_status(Some(400)), Outcome::Rejected);
    /// assert_eq!(Outcome::from_status(None), Outcome::RetryLater);
    /// ```
    pub fn from_status(status: Option<u16>) -> Outcome {
        match status {
            Some(200..=299) => Outcome::Acknowledged,
            Some(400 | 409 | 413 | 422) => Outcome::Rejected,
            _ => Outcome::RetryLater,
        }
    }
}

/// The queue of unacknowledged receipts, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    pub pending: Vec<Pending>,
    /// Receipts dropped because the queue was full or the server rejected them.
    pub dropped: u32,
}

fn str_of<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key)?.as_str()
}

fn number(item: &Value, key: &str) -> i64 {
    item.get(key).and_then(Value::as_i64).unwrap_or(0)
}

impl Outbox {
    /// Reads a stored outbox; anything unreadable gives an empty one (the shell keeps the
    /// unreadable text aside rather than overwrite it blindly).
    pub fn from_json(text: &str) -> Option<Outbox> {
        let v = json::parse(text).ok()?;
        let items = v.get("pending")?.as_array()?;
        // Every receipt needs its id and body; checked first, so that building cannot fail.
        if !items
            .iter()
            .all(|item| str_of(item, "id").is_some() && str_of(item, "body").is_some())
        {
            return None;
        }
        let mut pending = Vec::new();
        for item in items {
            pending.push(Pending {
                receipt_id: str_of(item, "id").unwrap_or_default().to_string(),
                body: str_of(item, "body").unwrap_or_default().to_string(),
                attempts: number(item, "attempts") as u32,
                next_attempt_at: number(item, "next"),
            });
        }
        Some(Outbox {
            pending,
            dropped: number(&v, "dropped") as u32,
        })
    }

    pub fn to_json(&self) -> String {
        let mut o = Object::new();
        o.int("dropped", i64::from(self.dropped))
            .begin_array("pending");
        for p in &self.pending {
            o.item()
                .int("attempts", i64::from(p.attempts))
                .str("body", &p.body)
                .str("id", &p.receipt_id)
                .int("next", p.next_attempt_at)
                .end();
        }
        o.end_array();
        o.finish()
    }

    /// Queues a receipt to be sent now. A receipt already queued is not queued twice.
    pub fn enqueue(&mut self, receipt_id: &str, body: String, now: i64) {
        if self.pending.iter().any(|p| p.receipt_id == receipt_id) {
            return;
        }
        self.pending.push(Pending {
            receipt_id: receipt_id.to_string(),
            body,
            attempts: 0,
            next_attempt_at: now,
        });
        while self.pending.len() > MAX_QUEUED {
            self.pending.remove(0);
            self.dropped += 1;
        }
    }

    /// The receipts whose next attempt is due at `now`, oldest first.
    pub fn due(&self, now: i64) -> Vec<Pending> {
        let mut due = Vec::new();
        for p in &self.pending {
            if p.next_attempt_at <= now {
                due.push(p.clone());
            }
        }
        due
    }

    /// Records the outcome of sending `receipt_id`.
    pub fn record(&mut self, receipt_id: &str, outcome: Outcome, now: i64) {
        let Some(i) = self.pending.iter().position(|p| p.receipt_id == receipt_id) else {
            return;
        };
        match outcome {
            Outcome::Acknowledged => {
                self.pending.remove(i);
            }
            Outcome::Rejected => {
                self.pending.remove(i);
                self.dropped += 1;
            }
            Outcome::RetryLater => {
                let p = &mut self.pending[i];
                p.attempts = p.attempts.saturating_add(1);
                p.next_attempt_at = now + backoff_ms(p.attempts);
            }
        }
    }

    /// When the next retry is due, if anything is waiting.
    pub fn next_due(&self) -> Option<i64> {
        self.pending.iter().map(|p| p.next_attempt_at).min()
    }
}

/// Delay before attempt `attempts + 1`: 2 s, 4 s, 8 s ... capped at 10 minutes.
pub fn backoff_ms(attempts: u32) -> i64 {
    let shift = attempts.saturating_sub(1).min(20);
    (FIRST_RETRY_MS << shift).min(MAX_RETRY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_answers_about_the_body_drop_a_receipt() {
        // The server read this receipt and will never take it.
        for status in [400, 409, 413, 422] {
            assert_eq!(
                Outcome::from_status(Some(status)),
                Outcome::Rejected,
                "{status}"
            );
        }
        // The endpoint is missing, or refuses this client for now (a route not deployed
        // yet, a proxy, an origin or token not configured yet): fixed on the server, the
        // receipts queued meanwhile must still arrive.
        for status in [401, 403, 404, 405, 408, 410, 429, 500, 502, 503] {
            assert_eq!(
                Outcome::from_status(Some(status)),
                Outcome::RetryLater,
                "{status}"
            );
        }
    }

    #[test]
    fn acknowledged_receipts_leave_the_queue_and_others_wait_with_backoff() {
        let mut o = Outbox::default();
        o.enqueue("a", "{}".into(), 1000);
        o.enqueue("b", "{}".into(), 1000);
        o.enqueue("a", "{}".into(), 1000);
        assert_eq!(o.due(1000).len(), 2, "duplicates are not queued twice");
        o.record("a", Outcome::Acknowledged, 1000);
        o.record("b", Outcome::RetryLater, 1000);
        assert!(o.due(1000).is_empty());
        assert!(o.due(2999).is_empty());
        assert_eq!(o.due(3000)[0].receipt_id, "b");
        o.record("b", Outcome::RetryLater, 3000);
        assert_eq!(o.next_due(), Some(3000 + 4000));
        o.record("b", Outcome::Rejected, 7000);
        assert!(o.pending.is_empty());
        assert_eq!(o.dropped, 1);
    }

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff_ms(1), 2000);
        assert_eq!(backoff_ms(2), 4000);
        assert_eq!(backoff_ms(50), MAX_RETRY_MS);
    }

    #[test]
    fn survives_a_round_trip_through_storage() {
        let mut o = Outbox::default();
        o.enqueue("a", r#"{"x":"引号\""}"#.into(), 5);
        o.record("a", Outcome::RetryLater, 5);
        let back = Outbox::from_json(&o.to_json()).unwrap();
        assert_eq!(back, o);
        assert_eq!(Outbox::from_json("garbage"), None);
    }

    #[test]
    fn a_full_queue_drops_the_oldest_and_counts_it() {
        let mut o = Outbox::default();
        for i in 0..(MAX_QUEUED + 3) {
            o.enqueue(&i.to_string(), String::new(), 0);
        }
        assert_eq!(o.pending.len(), MAX_QUEUED);
        assert_eq!(o.pending[0].receipt_id, "3");
        assert_eq!(o.dropped, 3);
    }

    /// The exact bytes of the stored outbox (other tabs and later page loads read it).
    #[test]
    fn outbox_json_is_byte_for_byte_stable() {
        let mut o = Outbox::default();
        assert_eq!(o.to_json(), r#"{"dropped":0,"pending":[]}"#);
        o.enqueue("a", r#"{"x":"引号\""}"#.into(), 5);
        o.enqueue("b", "{}".into(), 7);
        o.record("a", Outcome::RetryLater, 5);
        o.dropped = 3;
        assert_eq!(
            o.to_json(),
            r#"{"dropped":3,"pending":[{"attempts":1,"body":"{\"x\":\"引号\\\"\"}","id":"a","next":2005},{"attempts":0,"body":"{}","id":"b","next":7}]}"#
        );
    }
}
