//! Loading the policy (inline, by URL, or precompiled) and shaping the core's analysis for
//! the UI: the reader's units with highlight reasons, its contents and legend, and the
//! key points of the first-run dialog.
//!
//! This module reads only the precompiled form. Policy text is analysed by the policy
//! engine, a separate wasm module that the JS layer loads on first use and hands to
//! `start` as an [`Engine`] function, so pages with a precompiled policy never download it.

use mingshi_core::consent::{Lang, PolicySource};
use mingshi_core::policy::{self, Document, Kind, Policy, ALL_TAGS};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_error;
use crate::net;

/// The policy engine: a JS function `(text) => Promise<string>` resolving to the
/// precompiled form of `text` (`analyzePolicy` of the `mingshi-policy` module).
pub type Engine = Option<js_sys::Function>;
use crate::ui::model::{KeyPoint, PolicyView, UnitView};

/// Most key points shown in the first-run dialog.
const MAX_KEY_POINTS: usize = 8;
/// Key points longer than this many characters are shortened.
const KEY_POINT_CHARS: usize = 72;

/// The policy as shown.
pub struct LoadedPolicy {
    /// SHA-256 of the policy's source text (precompiled policies carry it).
    pub sha256: String,
    doc: Document,
    zh: bool,
}

/// Fetches (if needed) and analyses the policy; picks the document in the UI language.
/// `started` is a fetch of the policy's URL already under way (see `crate::start`).
pub async fn load(
    source: &PolicySource,
    engine: &Engine,
    started: Option<js_sys::Promise>,
    lang: Lang,
) -> Result<LoadedPolicy, String> {
    let policy = match source {
        PolicySource::Text(t) => analyze(engine, t).await?,
        PolicySource::Url(u) => analyze(engine, &net::fetch_text(u, started).await?).await?,
        PolicySource::Compiled(u) => {
            Policy::from_compiled_json(&net::fetch_text(u, started).await?)
                .map_err(|e| e.message())?
        }
    };
    let sha256 = policy.source_sha256;
    let want = if lang == Lang::En { "en" } else { "zh" };
    let mut languages = policy.languages;
    let index = languages.iter().position(|d| d.lang == want).unwrap_or(0);
    let doc = languages.swap_remove(index);
    Ok(LoadedPolicy {
        sha256,
        zh: lang != Lang::En,
        doc,
    })
}

/// Analyses policy text with the engine.
async fn analyze(engine: &Engine, text: &str) -> Result<Policy, String> {
    let engine = engine.as_ref().ok_or(
        "the policy is given as text or by URL but no policy engine was loaded; \
         use policy.compiled (mingshi policy compile) or start through the JS layer",
    )?;
    let pending = engine
        .call1(&JsValue::NULL, &text.into())
        .map_err(|e| js_error("could not start the policy engine", e))?;
    let compiled = JsFuture::from(js_sys::Promise::resolve(&pending))
        .await
        .map_err(|e| js_error("could not analyse the policy", e))?
        .as_string()
        .ok_or("the policy engine did not return text")?;
    Policy::from_compiled_json(&compiled).map_err(|e| e.message())
}

impl LoadedPolicy {
    fn reasons(&self, tags: &[policy::Tag]) -> Vec<String> {
        tags.iter().map(|t| t.label(self.zh).to_string()).collect()
    }

    /// The reader's content. Contents entries go to the table of contents, not the body.
    pub fn view(&self) -> PolicyView {
        let mut units = Vec::new();
        let mut index_of = vec![usize::MAX; self.doc.units.len()];
        for (i, u) in self.doc.units.iter().enumerate() {
            if u.kind == Kind::Toc {
                continue;
            }
            index_of[i] = units.len();
            units.push(UnitView {
                text: u.text.clone(),
                heading: if u.kind == Kind::Heading {
                    u.level.clamp(1, 6)
                } else {
                    0
                },
                key: u.key,
                reasons: self.reasons(&u.tags),
                new_paragraph: u.paragraph_start,
                terms: u.terms.clone(),
            });
        }
        let toc = if self.doc.toc.is_empty() {
            // No contents in the policy: list its top-level headings.
            self.doc
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.kind == Kind::Heading && u.level <= 1)
                .map(|(i, u)| (u.text.clone(), index_of[i]))
                .collect()
        } else {
            self.doc
                .toc
                .iter()
                .filter_map(|l| Some((self.doc.units[l.entry].text.clone(), index_of[l.target?])))
                .collect()
        };
        let legend = ALL_TAGS
            .iter()
            .map(|t| {
                (
                    t.label(self.zh).to_string(),
                    self.doc.units.iter().filter(|u| u.tags.contains(t)).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        PolicyView {
            title: self.doc.title.clone(),
            units,
            toc,
            legend,
        }
    }

    /// Up to eight key clauses for the first-run dialog: first one for each reason in
    /// order of importance, then the next ones in document order.
    pub fn key_points(&self) -> Vec<KeyPoint> {
        let view_index = |i: usize| {
            self.doc.units[..i]
                .iter()
                .filter(|u| u.kind != Kind::Toc)
                .count()
        };
        let keys: Vec<usize> = (0..self.doc.units.len())
            .filter(|i| self.doc.units[*i].key && self.doc.units[*i].kind == Kind::Sentence)
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        for tag in ALL_TAGS {
            if let Some(i) = keys
                .iter()
                .find(|i| self.doc.units[**i].tags.contains(&tag) && !chosen.contains(i))
            {
                chosen.push(*i);
            }
        }
        for i in &keys {
            if chosen.len() >= MAX_KEY_POINTS {
                break;
            }
            if !chosen.contains(i) {
                chosen.push(*i);
            }
        }
        chosen.truncate(MAX_KEY_POINTS);
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|i| {
                let u = &self.doc.units[i];
                let mut text: String = u.text.chars().take(KEY_POINT_CHARS).collect();
                if u.text.chars().count() > KEY_POINT_CHARS {
                    text.push('…');
                }
                KeyPoint {
                    text,
                    reasons: self.reasons(&u.tags),
                    unit: view_index(i),
                }
            })
            .collect()
    }
}
