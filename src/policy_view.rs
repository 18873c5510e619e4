//! Loading the policy (inline, by URL, or precompiled) and shaping it for the UI.

use mingshi_core::consent::{PolicySource, Strings};

use crate::net;
use crate::ui::model::{KeyPoint, PolicyView, UnitView};

/// The policy as shown: its exact text's hash and the units to render.
pub struct LoadedPolicy {
    pub sha256: String,
    title: String,
    units: Vec<UnitView>,
    toc: Vec<(String, usize)>,
    legend: Vec<(String, usize)>,
}

/// Fetches (if needed) and analyses the policy.
pub async fn load(source: &PolicySource, strings: &Strings) -> Result<LoadedPolicy, String> {
    let text = match source {
        PolicySource::Text(t) => t.clone(),
        PolicySource::Url(u) | PolicySource::Compiled(u) => net::fetch_text(u).await?,
    };
    Ok(from_text(&text, strings))
}

/// Shapes plain policy text: one unit per non-empty line.
fn from_text(text: &str, _strings: &Strings) -> LoadedPolicy {
    let mut units = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        units.push(UnitView {
            text: line.to_string(),
            heading: 0,
            key: false,
            reasons: Vec::new(),
            new_paragraph: true,
        });
    }
    LoadedPolicy {
        sha256: mingshi_core::policy::text_sha256(text),
        title: units.first().map(|u| u.text.clone()).unwrap_or_default(),
        units,
        toc: Vec::new(),
        legend: Vec::new(),
    }
}

impl LoadedPolicy {
    pub fn view(&self) -> PolicyView {
        PolicyView {
            title: self.title.clone(),
            units: self.units.iter().map(clone_unit).collect(),
            toc: self.toc.clone(),
            legend: self.legend.clone(),
        }
    }

    /// The key clauses, shortest first-seen order, for the first-run dialog.
    pub fn key_points(&self) -> Vec<KeyPoint> {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.key)
            .map(|(i, u)| KeyPoint {
                text: u.text.clone(),
                reasons: u.reasons.clone(),
                unit: i,
            })
            .collect()
    }
}

fn clone_unit(u: &UnitView) -> UnitView {
    UnitView {
        text: u.text.clone(),
        heading: u.heading,
        key: u.key,
        reasons: u.reasons.clone(),
        new_paragraph: u.new_paragraph,
    }
}
