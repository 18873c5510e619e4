//! Key-clause detection against hand labels: sentence-level precision and recall, printed
//! per file and overall. Labels were written by reading the policies, before looking at
//! what the detector says; markup-free text, so detection alone decides. Every labelled
//! text is looked up among all units (a line read as a heading or contents entry counts
//! as not key).
//!
//! Two sets, scored by the same function:
//! - the tuning set, `labels.jsonl` and `labels-heldout.jsonl`: rules were adjusted while
//!   looking at their errors. `labels-heldout.jsonl` was the first held-out set; once its
//!   figures were recorded its errors guided later rules, so it is tuning data now.
//! - `labels-heldout2.jsonl`, the held-out set: units of the policies neither file labels,
//!   labelled before the rule changes that came after it. Its errors have since been
//!   looked at once, to find general causes of false positives (see the floors below), so
//!   its figures are no longer a blind estimate for unseen policies; a new set labelled
//!   from other policies would be.
//! - `labels-blind.jsonl`, the blind set: four further policies (`blind-*.txt`), written
//!   and labelled before the detector was run on them; see the floors below.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mingshi_core::policy::{analyze, Format, Kind};

/// Below this the tuning set fails. The target for unseen policies is 0.85; the tuning set
/// measured precision 0.99, recall 0.99 (191 true positives, 2 false positives, 1 missed)
/// after the rules its errors led to, so it is held at 0.95.
const FLOOR: f64 = 0.95;

/// Floors for the held-out set (`labels-heldout2.jsonl`): slightly below what was measured
/// there, so a regression fails the test. Measured before any rule change that followed
/// these labels: precision 0.69, recall 0.92 (55 true positives, 25 false positives, 5
/// missed); once after them, without tuning to this set: precision 0.72, recall 0.93 (56
/// true positives, 22 false positives, 4 missed). Then, after looking at its false
/// positives and fixing only general causes (a list ends at a number above its items'
/// level; "if you cannot access …, contact us" is no limit; "所有权" is no right; "所指
/// 的/所称的" define a term; recipients denied a right, the policy as the discloser, the
/// user's option about push messages, and harms listed after a guard word are not
/// disclosures or tracking), no label changed: precision 0.89, recall 0.93 (56 true
/// positives, 7 false positives, 4 missed: 0.889 and 0.933 unrounded). These figures are
/// after looking at the set's errors, so they overstate what unseen policies would give.
const HELDOUT_PRECISION_FLOOR: f64 = 0.85;
const HELDOUT_RECALL_FLOOR: f64 = 0.90;

/// Floors for the blind set (`labels-blind.jsonl`): four policies written for it, unlike
/// the three above in industry and house style (an e-commerce mini-program, a rural bank's
/// app, a mobile game, a zh/en IoT camera), 371 units labelled before the detector was
/// first run on them. The blind estimate for unseen policies, measured on that first run:
/// precision 0.94, recall 0.76 (146 true positives, 9 false positives, 45 missed); per
/// file, bank app 0.98 / 0.85 (41, 1, 7), e-commerce 0.95 / 0.79 (42, 2, 11), IoT camera
/// 0.91 / 0.60 (32, 3, 21), game 0.91 / 0.84 (31, 3, 6). Floors slightly below.
const BLIND_PRECISION_FLOOR: f64 = 0.93;
const BLIND_RECALL_FLOOR: f64 = 0.75;

/// Counts of one scoring run.
#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    missed: usize,
}

impl Score {
    fn precision(self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    fn recall(self) -> f64 {
        self.tp as f64 / (self.tp + self.missed).max(1) as f64
    }

    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.missed += other.missed;
    }

    fn summary(self) -> String {
        format!(
            "precision {:.2}, recall {:.2} ({} true positives, {} false positives, {} missed)",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.missed
        )
    }
}

/// Scores the labels in the files `tests/fixtures/<labels_files>` together and prints a
/// report headed `name`: per file and overall, with every false positive (FP, with the
/// detector's tags) and every missed key clause (FN).
fn score(name: &str, labels_files: &[&str]) -> Score {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let mut by_file: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for labels_file in labels_files {
        let labels = std::fs::read_to_string(String::from(dir) + labels_file).unwrap();
        for line in labels.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            by_file
                .entry(v["file"].as_str().unwrap().to_string())
                .or_default()
                .push(v);
        }
    }
    let mut report = format!("== {name} set ({})\n", labels_files.join(" + "));
    let mut total = Score::default();
    for (file, items) in &by_file {
        let text = std::fs::read_to_string(String::from(dir) + "policies/" + file).unwrap();
        let policy = analyze(&text, Format::Text).unwrap();
        let units: Vec<_> = policy
            .languages
            .iter()
            .flat_map(|d| d.units.iter())
            .collect();
        let mut s = Score::default();
        let mut misses = String::new();
        for item in items {
            let line = item["line"].as_u64().unwrap() as usize;
            let prefix = item["text"].as_str().unwrap();
            let unit = units
                .iter()
                .find(|u| u.line == line && u.text.starts_with(prefix))
                .unwrap_or_else(|| panic!("{file}:{line}: no unit starting {prefix:?}"));
            // A labelled line the parser reads as a heading or contents entry is scored
            // too: headings are never key, so a key label on one is a miss.
            let unit_key = unit.key && unit.kind == Kind::Sentence || unit.bold;
            match (item["key"].as_bool().unwrap(), unit_key) {
                (true, true) => s.tp += 1,
                (false, true) => {
                    s.fp += 1;
                    let _ = writeln!(misses, "  FP {file}:{line} {prefix} {:?}", unit.tags);
                }
                (true, false) => {
                    s.missed += 1;
                    let _ = writeln!(misses, "  FN {file}:{line} {prefix}");
                }
                (false, false) => {}
            }
        }
        let _ = writeln!(
            report,
            "{file}: {} labelled units, {}\n{misses}",
            items.len(),
            s.summary()
        );
        total.add(s);
    }
    let _ = writeln!(report, "{name} overall: {}", total.summary());
    println!("{report}");
    total
}

#[test]
fn precision_and_recall_on_tuning_labels() {
    let s = score("tuning", &["labels.jsonl", "labels-heldout.jsonl"]);
    let (p, r) = (s.precision(), s.recall());
    assert!(
        p >= FLOOR && r >= FLOOR,
        "tuning set: precision {p:.2} / recall {r:.2} below {FLOOR}"
    );
}

#[test]
fn precision_and_recall_on_heldout_labels() {
    let s = score("held-out", &["labels-heldout2.jsonl"]);
    let (p, r) = (s.precision(), s.recall());
    assert!(
        p >= HELDOUT_PRECISION_FLOOR && r >= HELDOUT_RECALL_FLOOR,
        "held-out set: precision {p:.2} / recall {r:.2} below \
         {HELDOUT_PRECISION_FLOOR} / {HELDOUT_RECALL_FLOOR}"
    );
}

#[test]
fn precision_and_recall_on_blind_labels() {
    let s = score("blind", &["labels-blind.jsonl"]);
    let (p, r) = (s.precision(), s.recall());
    assert!(
        p >= BLIND_PRECISION_FLOOR && r >= BLIND_RECALL_FLOOR,
        "blind set: precision {p:.2} / recall {r:.2} below \
         {BLIND_PRECISION_FLOOR} / {BLIND_RECALL_FLOOR}"
    );
}
