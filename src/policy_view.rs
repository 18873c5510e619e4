//! The policy as the UI shows it: read from its precompiled form, and shaped for the UI:
//! the reader's units with highlight reasons, its contents and legend, and the key points of
//! the first-run dialog.
//!
//! This module reads only the precompiled form. The JS layer (`js/index.js`) loads the
//! policy when the component asks for it (see `App::open`): it fetches it when it is given by
//! URL, and has policy text analysed by the policy engine, a separate wasm module loaded on
//! first use, so pages with a precompiled policy never download it.

use mingshi_core::consent::Lang;

use mingshi_core::policy::{self, Document, Kind, Policy, Unit, ALL_TAGS};

use crate::ui::model::{KeyPoint, PolicyView};

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

impl LoadedPolicy {
    /// Reads the precompiled policy; picks the document in the UI language.
    pub fn from_compiled(compiled: &str, lang: Lang) -> Result<LoadedPolicy, String> {
        let policy = Policy::from_compiled_json(compiled).map_err(|e| e.message())?;
        let sha256 = policy.source_sha256;
        let want = if lang == Lang::En { "en" } else { "zh" };
        let mut languages = policy.languages;
        let index = languages.iter().position(|d| d.lang == want).unwrap_or(0);
        let doc = languages.swap_remove(index);
        // The other languages are left, not dropped, as the policy shown is kept for the page
        // (`App::policy`): measured -25 B gzip. (A policy the pin refuses leaves them too, each
        // time it is loaded: a misconfigured site.)
        std::mem::forget(languages);
        Ok(LoadedPolicy {
            sha256,
            zh: lang != Lang::En,
            doc,
        })
    }

    /// The language of the policy's text (`zh`, `en`), which may not be the UI's: the
    /// elements that show it say so (`lang`), so that a screen reader reads it in its own.
    pub fn lang(&self) -> &str {
        &self.doc.lang
    }

    /// The policy's title (empty if it has none).
    pub fn title(&self) -> &str {
        &self.doc.title
    }

    /// The units the reader shows, in order: all but the contents entries (the contents
    /// are shown apart). Their index here is the reader's unit index.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.doc.units.iter().filter(|u| u.kind != Kind::Toc)
    }

    /// The index in [`LoadedPolicy::units`] of the document's unit `i` (in range): the
    /// units shown before it; `usize::MAX` for a contents entry, which is not shown there.
    fn reader_index(&self, i: usize) -> usize {
        let units = &self.doc.units;
        if units[i].kind == Kind::Toc {
            return usize::MAX;
        }
        let mut n = 0;
        for u in &units[..i] {
            n += usize::from(u.kind != Kind::Toc);
        }
        n
    }

    /// The readable labels of `tags`, joined as the reader shows them on a key clause.
    pub fn reason(&self, tags: &[policy::Tag]) -> String {
        let mut out = String::new();
        for t in tags {
            if !out.is_empty() {
                out.push('、');
            }
            out.push_str(t.label(self.zh));
        }
        out
    }

    /// The reader's contents and legend. Contents entries go to the table of contents,
    /// not the body.
    pub fn view(&'static self) -> PolicyView {
        let doc_units = &self.doc.units;
        // Index in `units()` of the unit seen now.
        let mut shown = 0;
        // Top-level headings, the contents of a policy that has none.
        let mut headings = Vec::new();
        for u in doc_units {
            if u.kind == Kind::Toc {
                continue;
            }
            if u.kind == Kind::Heading && u.level <= 1 {
                headings.push((u.text.as_str(), shown));
            }
            shown += 1;
        }
        let mut toc = Vec::new();
        for l in &self.doc.toc {
            let target = l.target.filter(|&t| t < doc_units.len());
            if let (Some(entry), Some(target)) = (doc_units.get(l.entry), target) {
                toc.push((entry.text.as_str(), self.reader_index(target)));
            }
        }
        if self.doc.toc.is_empty() {
            toc = headings;
        }
        let mut legend = Vec::new();
        for t in &ALL_TAGS {
            let mut count = 0;
            for u in doc_units {
                count += usize::from(u.tags.contains(t));
            }
            if count > 0 {
                legend.push((t.label(self.zh), count));
            }
        }
        PolicyView {
            policy: self,
            toc,
            legend,
        }
    }

    /// Up to eight key clauses for the first-run dialog: first one for each reason in
    /// order of importance, then the next ones in document order.
    pub fn key_points(&self) -> Vec<KeyPoint> {
        let units = &self.doc.units;
        // Chosen units are marked in place, so they come out in document order without a
        // list to search and sort.
        let mut chosen = vec![false; units.len()];
        let mut count = 0;
        let mut choose = |tag: Option<&policy::Tag>| {
            for (i, u) in units.iter().enumerate() {
                if count < MAX_KEY_POINTS
                    && u.key
                    && u.kind == Kind::Sentence
                    && !chosen[i]
                    && tag.is_none_or(|t| u.tags.contains(t))
                {
                    chosen[i] = true;
                    count += 1;
                    if tag.is_some() {
                        break;
                    }
                }
            }
        };
        for tag in &ALL_TAGS {
            choose(Some(tag));
        }
        choose(None);
        let mut points = Vec::new();
        // The unit's index in the reader, which leaves out contents entries.
        let mut unit = 0;
        for (u, &chosen) in units.iter().zip(&chosen) {
            if !chosen {
                unit += usize::from(u.kind != Kind::Toc);
                continue;
            }
            // The first KEY_POINT_CHARS characters, and "…" if there are more.
            let mut text = String::new();
            for (n, c) in u.text.chars().enumerate() {
                if n == KEY_POINT_CHARS {
                    text.push('…');
                    break;
                }
                text.push(c);
            }
            let mut reasons = Vec::new();
            for t in &u.tags {
                reasons.push(t.label(self.zh));
            }
            points.push(KeyPoint {
                text,
                reasons,
                unit,
            });
            unit += 1;
        }
        points
    }
}
