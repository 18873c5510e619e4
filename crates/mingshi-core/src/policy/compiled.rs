//! The compact precompiled form (`mingshi policy compile`): the analysed policy as JSON
//! that the browser reads with the small reader in `crate::json`, instead of parsing
//! the policy at run time.

use crate::json::{self, str_array, Object, Value};

use std::fmt;

use super::{Document, Kind, Meta, Policy, Tag, TocLink, Unit};

/// Version of the compiled format.
pub const COMPILED_VERSION: i64 = 1;

/// Appends one unit as
/// `[line, kind, level, key, bold, text, [tags], [[start,end]...], section, paragraph_start]`.
fn write_unit(out: &mut String, u: &Unit) {
    out.push('[');
    json::write_i64(out, u.line as i64);
    out.push(',');
    json::write_str(out, u.kind.as_str());
    out.push(',');
    json::write_i64(out, i64::from(u.level));
    out.push_str(if u.key { ",1," } else { ",0," });
    out.push_str(if u.bold { "1," } else { "0," });
    json::write_str(out, &u.text);
    out.push_str(",[");
    for (i, t) in u.tags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, t.as_str());
    }
    out.push_str("],[");
    for (i, (s, e)) in u.terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json::write_i64(out, *s as i64);
        out.push(',');
        json::write_i64(out, *e as i64);
        out.push(']');
    }
    out.push_str("],");
    json::write_i64(out, u.section.map_or(-1, |s| s as i64));
    out.push_str(if u.paragraph_start { ",1]" } else { ",0]" });
}

impl Policy {
    /// The compact JSON form.
    pub fn to_compiled_json(&self) -> String {
        let mut langs = String::from("[");
        for (i, d) in self.languages.iter().enumerate() {
            if i > 0 {
                langs.push(',');
            }
            let mut meta = Object::new();
            meta.opt_str("company", d.meta.company.as_deref())
                .opt_str("effective", d.meta.effective.as_deref())
                .raw("emails", &str_array(&d.meta.emails))
                .raw("phones", &str_array(&d.meta.phones))
                .opt_str("updated", d.meta.updated.as_deref());
            // One buffer for all units: the text plus about 40 bytes each.
            let text_len: usize = d.units.iter().map(|u| u.text.len() + 40).sum();
            let mut units = String::with_capacity(text_len + 2);
            units.push('[');
            for (i, u) in d.units.iter().enumerate() {
                if i > 0 {
                    units.push(',');
                }
                write_unit(&mut units, u);
            }
            units.push(']');
            let mut toc = String::from("[");
            for (i, t) in d.toc.iter().enumerate() {
                toc.push_str(if i > 0 { ",[" } else { "[" });
                json::write_i64(&mut toc, t.entry as i64);
                toc.push(',');
                json::write_i64(&mut toc, t.target.map_or(-1, |x| x as i64));
                toc.push(']');
            }
            toc.push(']');
            let mut o = Object::new();
            o.str("hash", &d.content_hash)
                .bool("has_bold", d.has_bold)
                .str("lang", &d.lang)
                .raw("meta", &meta.finish())
                .str("title", &d.title)
                .raw("toc", &toc)
                .raw("units", &units)
                .str("version", &d.version);
            langs.push_str(&o.finish());
        }
        langs.push(']');
        let mut o = Object::new();
        o.raw("languages", &langs)
            .int("mingshi_policy", COMPILED_VERSION)
            .str("source_sha256", &self.source_sha256);
        o.finish()
    }

    /// Reads the compact JSON form (works in wasm: no serde_json).
    pub fn from_compiled_json(text: &str) -> Result<Policy, CompiledError> {
        let v = json::parse(text).map_err(|e| CompiledError(e.message()))?;
        read_compiled(&v).map_err(|why| CompiledError(why.to_string()))
    }
}

/// Why a text is not a precompiled policy: bad JSON, or not the compiled form.
///
/// Its own type, not a variant of [`super::PolicyError`]: the component, which only reads
/// compiled policies, then carries none of the messages about policy text (measured:
/// the compiler did not see that only one variant could reach the component's `message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledError(String);

impl CompiledError {
    /// The message (what `Display` shows), built without the formatting machinery.
    pub fn message(&self) -> String {
        let mut m = String::from("not a precompiled policy: ");
        m.push_str(&self.0);
        m
    }
}

impl fmt::Display for CompiledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CompiledError {}

/// The policy in a parsed compiled form, or why it is not one. The reason is turned into
/// a [`PolicyError`] once, by the caller, not at each of the checks (measured: smaller).
fn read_compiled(v: &Value) -> Result<Policy, &'static str> {
    if v.get("mingshi_policy").and_then(Value::as_i64) != Some(COMPILED_VERSION) {
        return Err("missing or unknown `mingshi_policy` version");
    }
    // What was read is not dropped when the form is refused: the component is the one reader
    // of compiled policies (it keeps the one it shows for the page), and dropping documents
    // and units on this path cost it 78 B gzip of drop code. What is left is at most the
    // policy's size, once per load of a broken compiled file.
    let mut languages = std::mem::ManuallyDrop::new(Vec::new());
    for d in v
        .get("languages")
        .and_then(Value::as_array)
        .ok_or("no `languages`")?
    {
        let s = |k: &str| json::string_of(Some(d), k);
        let m = d.get("meta");
        let list = |k: &str| json::strings(m.and_then(|m| m.get(k)));
        let ms = |k: &str| json::string_of(m, k);
        let mut units = std::mem::ManuallyDrop::new(Vec::new());
        for u in d
            .get("units")
            .and_then(Value::as_array)
            .ok_or("no `units`")?
        {
            // The ten items by name (a slice pattern: no bounds check for each).
            let Some(
                [line, kind, level, key, bold, text, tag_names, spans, section, paragraph_start],
            ) = u.as_array()
            else {
                return Err("a unit is not a 10-item array");
            };
            // Every check of a unit comes before anything of it is allocated, so an
            // error has nothing of the unit to drop (measured: smaller wasm).
            let kind = match kind.as_str() {
                Some("heading") => Kind::Heading,
                Some("sentence") => Kind::Sentence,
                Some("toc") => Kind::Toc,
                Some("meta") => Kind::Meta,
                _ => return Err("unknown unit kind"),
            };
            let text = text.as_str().ok_or("unit text is not a string")?;
            let int = |v: &Value| v.as_i64().ok_or("a unit field is not a number");
            let (line, level, key, bold) = (int(line)?, int(level)?, int(key)?, int(bold)?);
            let (section, paragraph_start) = (int(section)?, int(paragraph_start)?);
            let mut terms = Vec::new();
            for t in items(Some(spans)) {
                let Some((s, e)) = pair(t) else { continue };
                let (s, e) = (s as usize, e as usize);
                if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
                {
                    terms.push((s, e));
                }
            }
            let mut tags = Vec::new();
            for t in items(Some(tag_names)) {
                if let Some(tag) = t.as_str().and_then(Tag::parse) {
                    tags.push(tag);
                }
            }
            units.push(Unit {
                line: line.max(0) as usize,
                kind,
                level: level.clamp(0, 9) as u8,
                key: key != 0,
                bold: bold != 0,
                tags,
                terms,
                section: usize::try_from(section).ok(),
                paragraph_start: paragraph_start != 0,
                text: text.to_string(),
            });
        }
        let content_hash = s("hash").ok_or("no `hash`")?;
        let version = s("version").ok_or("no `version`")?;
        let n = units.len();
        let mut toc = Vec::new();
        for t in items(d.get("toc")) {
            // A link from a unit that does not exist is dropped; one to a unit that
            // does not exist is kept without its target.
            let Some((entry, target)) = pair(t) else {
                continue;
            };
            if let Some(entry) = usize::try_from(entry).ok().filter(|e| *e < n) {
                toc.push(TocLink {
                    entry,
                    target: usize::try_from(target).ok().filter(|x| *x < n),
                });
            }
        }
        languages.push(Document {
            lang: s("lang").unwrap_or_else(|| "zh".into()),
            title: s("title").unwrap_or_default(),
            meta: Meta {
                effective: ms("effective"),
                updated: ms("updated"),
                emails: list("emails"),
                phones: list("phones"),
                company: ms("company"),
            },
            units: std::mem::ManuallyDrop::into_inner(units),
            toc,
            content_hash,
            version,
            has_bold: d.get("has_bold").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    if languages.is_empty() {
        return Err("no languages");
    }
    let source_sha256 = v
        .get("source_sha256")
        .and_then(Value::as_str)
        .filter(|h| crate::hash::is_sha256_hex(h))
        .ok_or("no `source_sha256` (compile the policy again)")?
        .to_string();
    Ok(Policy {
        languages: std::mem::ManuallyDrop::into_inner(languages),
        source_sha256,
    })
}

/// The items of an array value; none for anything else.
fn items(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).unwrap_or(&[])
}

/// The first two numbers of a `[a, b, ...]` array.
fn pair(v: &Value) -> Option<(i64, i64)> {
    let a = v.as_array()?;
    Some((a.first()?.as_i64()?, a.get(1)?.as_i64()?))
}
