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
    /// 2xx with a JSON object or no body: stored (or already stored) on the server.
    Acknowledged,
    /// 400, 409, 413 or 422 with a JSON object (or no body): the server read this body and
    /// will never take it; drop it.
    Rejected,
    /// No answer (network error, timeout), 5xx, 408 or 429: passing trouble; try again later.
    RetryLater,
    /// An answer that only a fix on the site or its server will change, so nothing was
    /// stored: a 2xx with a body that is not a JSON object (an HTML page from an SPA fallback
    /// route, a login page), or any other 4xx (401, 403: refusing this client until it is
    /// configured; 404, 405: an endpoint not deployed or a wrong path; a proxy in front
    /// refusing the request before the server read it, with a page of its own). Retried like
    /// [`Outcome::RetryLater`], since the fix may come; the shell tells the site owner
    /// ([`NOT_A_RECEIPTS_ENDPOINT`]).
    NotAReceiptsEndpoint,
}

impl Outcome {
    /// Classifies an answer: its HTTP status (`None` for a network error, a timeout or a
    /// body that could not be read) and its body.
    ///
    /// ```
    /// use mingshi_core::receipt::outbox::Outcome;
    /// assert_eq!(Outcome::from_answer(Some(201), r#"{"receipt_id":"x"}"#), Outcome::Acknowledged);
    /// assert_eq!(Outcome::from_answer(Some(204), ""), Outcome::Acknowledged);
    /// assert_eq!(Outcome::from_answer(Some(200), "<!doctype html>"), Outcome::NotAReceiptsEndpoint);
    /// assert_eq!(Outcome::from_answer(Some(503), ""), Outcome::RetryLater);
    /// assert_eq!(Outcome::from_answer(Some(400), r#"{"error":"..."}"#), Outcome::Rejected);
    /// assert_eq!(Outcome::from_answer(Some(400), "<html>nginx</html>"), Outcome::NotAReceiptsEndpoint);
    /// assert_eq!(Outcome::from_answer(Some(404), ""), Outcome::NotAReceiptsEndpoint);
    /// assert_eq!(Outcome::from_answer(Some(429), ""), Outcome::RetryLater);
    /// assert_eq!(Outcome::from_answer(None, ""), Outcome::RetryLater);
    /// ```
    pub fn from_answer(status: Option<u16>, body: &str) -> Outcome {
        // Only a receipts endpoint's answer settles a receipt. Our server answers 201 or 200
        // with the signed receipt, and refuses with JSON naming the problem; another
        // receipts endpoint may answer 204, or JSON of its own. An HTML page, or any other
        // text, comes from something else: a 2xx from an SPA fallback route or a login page,
        // a 4xx from a proxy in front that refused the request before the server read it
        // (the visitor's cookies too large, a body limit set too low). Neither settles the
        // receipt: it stays queued, and so does one refused for the endpoint's own reasons
        // (401, 403, 404, 405 ...: not about this body). The first byte tells: `{`, a JSON object, what receipts
        // endpoints answer (a body cut short fails to be read at all; accepting leading
        // blanks or arrays too cost the component over 100 B gzip for answers no receipts
        // endpoint gives).
        let json = matches!(body.as_bytes().first(), None | Some(b'{'));
        let status = status.unwrap_or(0);
        match status / 100 {
            2 if json => Outcome::Acknowledged,
            4 if json && matches!(status, 400 | 409 | 413 | 422) => Outcome::Rejected,
            4 if status == 408 || status == 429 => Outcome::RetryLater,
            2 | 4 => Outcome::NotAReceiptsEndpoint,
            _ => Outcome::RetryLater,
        }
    }
}

/// What the site owner is told on the console, followed by the endpoint, the HTTP status and
/// the body it answered, when an answer needs a fix on the site or its server
/// ([`Outcome::NotAReceiptsEndpoint`]): once per receipt, on its first attempt, not on every
/// retry.
pub const NOT_A_RECEIPTS_ENDPOINT: &str = "Mingshi: not a receipts endpoint, receipts kept:";

/// The queue of unacknowledged receipts, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    pub pending: Vec<Pending>,
    /// Receipts dropped because the queue was full or the server rejected them; in what
    /// [`Outbox::keep_newest`] stores, also those it left out for want of room.
    pub dropped: u32,
}

fn str_of<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key)?.as_str()
}

fn number(item: &Value, key: &str) -> i64 {
    item.get(key).and_then(Value::as_i64).unwrap_or(0)
}

impl Outbox {
    /// Reads a stored outbox; anything unreadable gives `None`, and the shell then starts an
    /// empty outbox, which replaces it on the next save (the component writes no other
    /// form, so only a foreign or corrupted value is lost).
    pub fn from_json(text: &str) -> Option<Outbox> {
        let v = json::parse(text).ok()?;
        let items = v.get("pending")?.as_array()?;
        // Every receipt needs its id and body: one without either makes the whole outbox
        // unreadable.
        let mut pending = Vec::new();
        for item in items {
            pending.push(Pending {
                receipt_id: str_of(item, "id")?.to_string(),
                body: str_of(item, "body")?.to_string(),
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

    /// For storage without room for the whole outbox (a cookie holds about 4 KB: a few
    /// receipts): offers `store` the outbox's JSON, and, while it refuses it, leaves out the
    /// oldest receipt, counting it as dropped, and offers it again; at worst the empty outbox
    /// that counts them all. Whether `store` took one. `store` stores what it takes, and the
    /// receipts it holds are whole.
    ///
    /// The newest are kept, not the oldest: the newest receipt records the decision in force,
    /// and has had the fewest chances to arrive (an older one may have been acknowledged
    /// already, or handed to `sendBeacon` when an earlier page went away); and when the
    /// queue is full, it is the oldest that go too ([`MAX_QUEUED`]). The shell keeps the
    /// whole outbox for this page meanwhile, and sends every receipt from it.
    ///
    /// One JSON per receipt left out, and few are: a page starts from what storage took, so
    /// only receipts made on one page while the server did not answer can be left out.
    pub fn keep_newest(mut self, mut store: impl FnMut(&str) -> bool) -> bool {
        while !store(&self.to_json()) {
            if self.pending.is_empty() {
                return false;
            }
            self.pending.remove(0);
            self.dropped += 1;
        }
        true
    }

    /// Queues a receipt to be sent now, and gives it back (for a flush already running,
    /// which read the outbox before it, to send it too). A receipt already queued is not
    /// queued twice: `None`.
    pub fn enqueue(&mut self, receipt_id: &str, body: String, now: i64) -> Option<Pending> {
        if self.pending.iter().any(|p| p.receipt_id == receipt_id) {
            return None;
        }
        let p = Pending {
            receipt_id: receipt_id.to_string(),
            body,
            attempts: 0,
            next_attempt_at: now,
        };
        self.push(p.clone());
        Some(p)
    }

    /// Adds `p` as the newest; beyond [`MAX_QUEUED`], drops the oldest.
    fn push(&mut self, p: Pending) {
        self.pending.push(p);
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

    /// Records the outcome of sending `sent`, a receipt this outbox queued. Where it is no
    /// longer here (another tab stored an outbox it read before `sent` was queued, while
    /// `sent` was on its way), a receipt to retry is queued again, as the newest, rather
    /// than lost; a settled one needs nothing.
    pub fn record(&mut self, sent: &Pending, outcome: Outcome, now: i64) {
        let found = self
            .pending
            .iter()
            .position(|p| p.receipt_id == sent.receipt_id);
        match (outcome, found) {
            (Outcome::Acknowledged, Some(i)) => {
                self.pending.remove(i);
            }
            (Outcome::Rejected, Some(i)) => {
                self.pending.remove(i);
                self.dropped += 1;
            }
            (Outcome::Acknowledged | Outcome::Rejected, None) => {}
            (Outcome::RetryLater | Outcome::NotAReceiptsEndpoint, _) => {
                let i = found.unwrap_or_else(|| {
                    self.push(sent.clone());
                    self.pending.len() - 1
                });
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

    /// Records the outcome of sending the queued receipt `id`.
    fn record(o: &mut Outbox, id: &str, outcome: Outcome, now: i64) {
        let sent = o
            .pending
            .iter()
            .find(|p| p.receipt_id == id)
            .unwrap()
            .clone();
        o.record(&sent, outcome, now);
    }

    /// Another tab replaced the stored outbox while a receipt was on its way (its write was
    /// made from an outbox read before the receipt was stored): the answer finds it gone. A
    /// receipt to retry is queued again, with its attempts counted, not lost; a settled one
    /// stays gone.
    #[test]
    fn a_receipt_gone_from_storage_meanwhile_is_queued_again_if_it_must_be_retried() {
        let mut mine = Outbox::default();
        mine.enqueue("a", "{}".into(), 1000);
        let sent = mine.pending[0].clone();
        for outcome in [Outcome::RetryLater, Outcome::NotAReceiptsEndpoint] {
            let mut stored = Outbox::default();
            stored.enqueue("b", "{}".into(), 500);
            stored.record(&sent, outcome, 1000);
            let ids: Vec<&str> = stored
                .pending
                .iter()
                .map(|p| p.receipt_id.as_str())
                .collect();
            assert_eq!(ids, ["b", "a"], "{outcome:?}");
            assert_eq!(stored.pending[1].attempts, 1);
            assert_eq!(stored.pending[1].body, "{}");
            assert_eq!(stored.pending[1].next_attempt_at, 1000 + FIRST_RETRY_MS);
        }
        for outcome in [Outcome::Acknowledged, Outcome::Rejected] {
            let mut stored = Outbox::default();
            stored.record(&sent, outcome, 1000);
            assert_eq!(stored, Outbox::default(), "{outcome:?}");
        }
    }

    /// A flush that is running sends the receipts it read when it started: a receipt queued
    /// meanwhile is handed to it too (another tab's write may remove it from storage before
    /// that flush ends), once.
    #[test]
    fn enqueue_gives_the_receipt_it_queued_and_nothing_for_one_queued_already() {
        let mut o = Outbox::default();
        let queued = o.enqueue("a", "{}".into(), 5);
        assert_eq!(queued.as_ref(), Some(&o.pending[0]));
        assert_eq!(o.enqueue("a", "{}".into(), 6), None);
        assert_eq!(o.pending.len(), 1);
    }

    #[test]
    fn only_answers_about_the_body_drop_a_receipt() {
        // The server read this receipt and will never take it.
        for status in [400, 409, 413, 422] {
            assert_eq!(
                Outcome::from_answer(Some(status), "{}"),
                Outcome::Rejected,
                "{status}"
            );
        }
        // The same statuses as a proxy's HTML page: the server never read the receipt, and
        // the site owner is told (a body limit set too low in front of the server).
        for status in [400, 409, 413, 422] {
            assert_eq!(
                Outcome::from_answer(Some(status), "<html><center>nginx</center></html>"),
                Outcome::NotAReceiptsEndpoint,
                "{status}"
            );
        }
        // The endpoint is missing, or refuses this client until it is configured (a route
        // not deployed yet, a wrong path, an origin or token not configured yet): the site
        // owner is told, and once it is fixed the receipts queued meanwhile must still arrive.
        for status in [401, 403, 404, 405, 410] {
            for body in ["", "Not Found", r#"{"error":"unknown route"}"#] {
                assert_eq!(
                    Outcome::from_answer(Some(status), body),
                    Outcome::NotAReceiptsEndpoint,
                    "{status} {body}"
                );
            }
        }
        // Passing trouble: retried without a word.
        for status in [408, 429, 500, 502, 503] {
            assert_eq!(
                Outcome::from_answer(Some(status), ""),
                Outcome::RetryLater,
                "{status}"
            );
        }
        assert_eq!(Outcome::from_answer(None, ""), Outcome::RetryLater);
    }

    #[test]
    fn only_a_2xx_with_a_json_object_or_nothing_acknowledges() {
        let signed =
            r#"{"key_id":"k","receipt":{},"receipt_id":"a","signature":"s","stored_at":1}"#;
        for (status, body) in [(201, signed), (200, signed), (204, ""), (202, "{}")] {
            assert_eq!(
                Outcome::from_answer(Some(status), body),
                Outcome::Acknowledged,
                "{status} {body}"
            );
        }
        // An SPA fallback, a login page, a proxy's text.
        for body in ["<!doctype html><html></html>", "<html>", "\n<html>", "OK"] {
            assert_eq!(
                Outcome::from_answer(Some(200), body),
                Outcome::NotAReceiptsEndpoint,
                "{body}"
            );
        }
        let mut o = Outbox::default();
        o.enqueue("a", "{}".into(), 0);
        record(&mut o, "a", Outcome::NotAReceiptsEndpoint, 0);
        assert_eq!((o.pending.len(), o.dropped), (1, 0), "kept, not dropped");
        assert_eq!(o.next_due(), Some(FIRST_RETRY_MS), "retried with backoff");
    }

    #[test]
    fn acknowledged_receipts_leave_the_queue_and_others_wait_with_backoff() {
        let mut o = Outbox::default();
        o.enqueue("a", "{}".into(), 1000);
        o.enqueue("b", "{}".into(), 1000);
        o.enqueue("a", "{}".into(), 1000);
        assert_eq!(o.due(1000).len(), 2, "duplicates are not queued twice");
        record(&mut o, "a", Outcome::Acknowledged, 1000);
        record(&mut o, "b", Outcome::RetryLater, 1000);
        assert!(o.due(1000).is_empty());
        assert!(o.due(2999).is_empty());
        assert_eq!(o.due(3000)[0].receipt_id, "b");
        record(&mut o, "b", Outcome::RetryLater, 3000);
        assert_eq!(o.next_due(), Some(3000 + 4000));
        record(&mut o, "b", Outcome::Rejected, 7000);
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
        record(&mut o, "a", Outcome::RetryLater, 5);
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

    /// Storage with a byte limit takes as many of the newest receipts as fit, whole, and
    /// the outbox it keeps counts the others as dropped.
    #[test]
    fn storage_without_room_keeps_the_newest_whole_receipts_that_fit() {
        let mut o = Outbox {
            dropped: 2,
            ..Outbox::default()
        };
        for id in ["a", "b", "c", "d"] {
            o.enqueue(id, "x".repeat(100), 0);
        }
        let whole = o.to_json();
        // What storage holding at most `limit` bytes keeps of the outbox, if anything.
        let stored = |limit: usize| {
            let mut stored = None;
            let took = o.clone().keep_newest(|json| {
                let fits = json.len() <= limit;
                if fits {
                    stored = Outbox::from_json(json);
                }
                fits
            });
            assert_eq!(took, stored.is_some());
            stored
        };
        // Room for two receipts and a bit: the two newest, the two oldest counted as dropped.
        let two = stored(whole.len() / 2 + 60).unwrap();
        let ids: Vec<&str> = two.pending.iter().map(|p| p.receipt_id.as_str()).collect();
        assert_eq!(ids, ["c", "d"]);
        assert_eq!(two.dropped, 2 + 2);
        assert_eq!(two.pending[1], o.pending[3], "whole receipts");
        // Room for all: the whole outbox.
        assert_eq!(stored(whole.len()), Some(o.clone()));
        // No room for a single receipt: the empty outbox, counting all four as dropped.
        assert_eq!(
            stored(100).map(|e| (e.pending.len(), e.dropped)),
            Some((0, 6))
        );
        // No room at all.
        assert_eq!(stored(10), None);
    }

    /// The exact bytes of the stored outbox (other tabs and later page loads read it).
    #[test]
    fn outbox_json_is_byte_for_byte_stable() {
        let mut o = Outbox::default();
        assert_eq!(o.to_json(), r#"{"dropped":0,"pending":[]}"#);
        o.enqueue("a", r#"{"x":"引号\""}"#.into(), 5);
        o.enqueue("b", "{}".into(), 7);
        record(&mut o, "a", Outcome::RetryLater, 5);
        o.dropped = 3;
        assert_eq!(
            o.to_json(),
            r#"{"dropped":3,"pending":[{"attempts":1,"body":"{\"x\":\"引号\\\"\"}","id":"a","next":2005},{"attempts":0,"body":"{}","id":"b","next":7}]}"#
        );
    }
}
