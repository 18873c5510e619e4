//! The configuration's schema as data ([`ROOT`]) and [`check`], which reads a JSON value
//! against it with one small interpreter ([`check_object`]). Every error a configuration can have is found here, in
//! the order of the tables (the first one wins; a key an object gives twice before anything
//! else in that object, see [`once_each`]), so that building the [`super::Config`]
//! afterwards cannot fail. One small interpreter over tables instead of a reader per
//! object: the wasm component carries a few hundred bytes of tables instead of kilobytes
//! of code with an error path after every field.

use crate::json::fields::{
    error, expected, find, table_message, unknown_key, unknown_keys, FieldError, Member, Path,
};
use crate::json::Value;

use super::config::{SeparateKind, NECESSARY};
use super::i18n::Lang;
use crate::receipt::is_id;

/// One entry of an object's table: a field and what it must hold, or a check of the whole
/// object at that point of the order.
pub(super) struct Field {
    key: &'static str,
    kind: Kind,
}

enum Kind {
    /// A string (required: present and not blank) that the [`Str`] rule accepts.
    Str { required: bool, rule: &'static Str },
    /// `true` or `false`.
    Bool,
    /// A whole number in `min..=max`.
    Int(u16, u16),
    /// A [`super::Text`]: a string, or an object of language tags to strings.
    Text { required: bool },
    /// An array of strings.
    Strings,
    /// An object with these fields.
    Object {
        required: bool,
        fields: &'static Table,
    },
    /// An array of objects with these fields.
    List(&'static Table),
    /// A category, service or separate-consent id: an [`is_id`], unique within its kind.
    Id(Ids),
    /// A field with a check of its own (free-form maps): the value, its path, the ids so far.
    Custom(Check),
    /// Not a field: a check of the whole object at this point (its value and path).
    Whole(Check),
}

type Check = fn(&Value, &Path, &Seen) -> Result<(), FieldError>;

/// The fields of an object. [`Kind`] holds a reference to one (a thin pointer) rather than
/// the slice itself, and bounds as `u16`: 8 bytes a kind, 16 an entry, instead of 12 and
/// 20 (the tables are in the component's wasm).
type Table = &'static [Field];

/// What a string must be: one that `valid` accepts, else the error `message` (a
/// [`table_message`]: empty in a build without messages). Kept apart from [`Kind`], behind a
/// reference, so that every table entry stays small.
struct Str {
    valid: fn(&str) -> bool,
    message: &'static str,
}

const ANY: Str = Str {
    valid: |_| true,
    message: "",
};
const ID: Str = Str {
    valid: is_id,
    message: table_message(crate::receipt::ID_RULE),
};
/// An optional text that, given, must say something (the policy's inline text).
const NOT_BLANK: Str = Str {
    valid: |t| !crate::text::is_blank(t),
    message: table_message("must not be empty"),
};
const FETCH_URL: Str = Str {
    valid: is_fetch_url,
    message: table_message("must be a relative path or an http(s) URL"),
};
const HTTP_URL: Str = Str {
    valid: is_http_url,
    message: table_message("must be an http:// or https:// URL"),
};
const SHA256: Str = Str {
    valid: crate::hash::is_sha256_hex,
    message: table_message("must be 64 lowercase hex digits"),
};
const LANGUAGE: Str = Str {
    valid: |s| s == "auto" || Lang::parse(s).is_some(),
    message: table_message("must be \"auto\", \"zh-CN\", \"zh-TW\" or \"en\""),
};
const SEPARATE_KIND: Str = Str {
    valid: |k| SeparateKind::parse(k).is_some(),
    message: table_message("must be sensitive_personal_info, third_party_sharing, public_disclosure, cross_border or custom"),
};
const BASIC_MODE: Str = Str {
    valid: |d| d == "basic_mode",
    message: table_message("must be \"basic_mode\" (disagreeing never leaves the page)"),
};
/// Texts every receipt repeats: the receipts server refuses longer ones, or ones with
/// control or invisible formatting characters (`receipt::is_hidden`), so a configuration
/// with them would lose every receipt.
const RECEIPT_TEXT: Str = Str {
    valid: |s| s.len() <= crate::receipt::MAX_TEXT && !s.chars().any(crate::receipt::is_hidden),
    message: table_message(
        "must be at most 512 bytes, without control or invisible formatting characters (every receipt records it)",
    ),
};
const PAGE_PATH: Str = Str {
    valid: |p| p.starts_with('/'),
    message: table_message("must be a mini-program page path starting with /"),
};

/// The three kinds of ids, each unique among its own.
#[derive(Clone, Copy)]
enum Ids {
    Category,
    Service,
    Separate,
}

/// The ids read so far, by [`Ids`].
#[derive(Default)]
struct Seen<'a>([Vec<&'a str>; 3]);

impl Seen<'_> {
    /// A configured category: one read so far, or the always-on `necessary`.
    fn has_category(&self, id: &str) -> bool {
        id == NECESSARY || self.0[Ids::Category as usize].contains(&id)
    }
}

const fn field(key: &'static str, kind: Kind) -> Field {
    Field { key, kind }
}

const fn string(key: &'static str, required: bool, rule: &'static Str) -> Field {
    field(key, Kind::Str { required, rule })
}

/// A string that must be there and not blank.
const fn required(key: &'static str) -> Field {
    string(key, true, &ANY)
}

const fn optional(key: &'static str) -> Field {
    string(key, false, &ANY)
}

const fn object(key: &'static str, required: bool, fields: &'static Table) -> Field {
    field(key, Kind::Object { required, fields })
}

const LANGUAGE_KEYS: &str = table_message("language keys must be zh-CN, zh-TW or en");

/// The whole configuration (README "Configuration reference").
const ROOT: Table = &[
    object("policy", true, &POLICY),
    object("controller", true, &CONTROLLER),
    field("categories", Kind::List(&CATEGORY)),
    field("separate_consents", Kind::List(&SEPARATE)),
    object("minors", false, &MINORS),
    object("behaviour", false, &BEHAVIOUR),
    string("language", false, &LANGUAGE),
    field("strings", Kind::Custom(strings)),
    object("receipts", false, &RECEIPTS),
    field("beacons", Kind::Custom(beacons)),
    object("miniprogram", false, &MINIPROGRAM),
];

const CONTROLLER: Table = &[
    string("name", true, &RECEIPT_TEXT),
    string("contact", true, &RECEIPT_TEXT),
];

const MINORS: Table = &[
    field("age_gate", Kind::Bool),
    field("threshold", Kind::Int(1, 21)),
];

const MINIPROGRAM: Table = &[string("result_page", false, &PAGE_PATH)];

const POLICY: Table = &[
    string("id", false, &ID),
    string("version", true, &RECEIPT_TEXT),
    string("text", false, &NOT_BLANK),
    string("url", false, &FETCH_URL),
    string("compiled", false, &FETCH_URL),
    field("", Kind::Whole(policy_source)),
    string("sha256", false, &SHA256),
];

const CATEGORY: Table = &[
    field("id", Kind::Id(Ids::Category)),
    field("title", Kind::Text { required: true }),
    field("description", Kind::Text { required: false }),
    field("services", Kind::List(&SERVICE)),
];

const SERVICE: Table = &[
    field("id", Kind::Id(Ids::Service)),
    string("policy_url", false, &HTTP_URL),
    required("name"),
    optional("provider"),
    field("purpose", Kind::Text { required: false }),
    field("data_collected", Kind::Strings),
    field("cookies", Kind::Strings),
    field("storage_keys", Kind::Strings),
    field("toggle", Kind::Bool),
];

const SEPARATE: Table = &[
    field("id", Kind::Id(Ids::Separate)),
    string("kind", true, &SEPARATE_KIND),
    field("title", Kind::Text { required: true }),
    field("text", Kind::Text { required: true }),
    field("required_for", Kind::Custom(category)),
];

const BEHAVIOUR: Table = &[
    string("disagree", false, &BASIC_MODE),
    field("refusal_cooldown_hours", Kind::Int(0, 8760)),
    field("consent_lifetime_days", Kind::Int(1, 3650)),
    field("must_open_policy", Kind::Bool),
    field("show_settings_entry", Kind::Bool),
];

const RECEIPTS: Table = &[
    string("endpoint", false, &FETCH_URL),
    field("headers", Kind::Custom(headers)),
    field("enabled", Kind::Bool),
];

/// Checks a whole configuration against [`ROOT`].
pub(super) fn check(root: &Value) -> Result<(), FieldError> {
    check_object(root, Path::Root(""), ROOT, &mut Seen::default())
}

/// Checks `value`, the object at `path`, against `fields`, then rejects keys not in them.
fn check_object<'a>(
    value: &'a Value,
    path: Path,
    fields: &[Field],
    seen: &mut Seen<'a>,
) -> Result<(), FieldError> {
    let members = value
        .as_object()
        .ok_or_else(|| expected(&path, "an object", value))?;
    once_each(members, &path)?;
    for entry in fields {
        check_field(members, value, &path, entry, seen)?;
    }
    // Every field (not a `Whole` check, whose key means nothing) is a known key.
    let known = fields.iter().filter_map(|e| match e.kind {
        Kind::Whole(_) => None,
        _ => Some(e.key),
    });
    unknown_keys(members, &path, known)
}

/// Checks one table entry of the object `value` (its `members`) at `here`.
fn check_field<'a>(
    members: &'a [(String, Value)],
    value: &'a Value,
    here: &Path,
    entry: &Field,
    seen: &mut Seen<'a>,
) -> Result<(), FieldError> {
    let m = Member {
        value: find(members, entry.key),
        path: Path::Key(here, entry.key),
    };
    if let Some(Value::Obj(members)) = m.value {
        once_each(members, &m.path)?;
    }
    match entry.kind {
        Kind::Str { required, rule } => {
            let s = if required {
                Some(m.str()?)
            } else {
                m.opt_str()?
            };
            if s.is_some_and(|s| !(rule.valid)(s)) {
                return Err(m.error(&[rule.message]));
            }
        }
        Kind::Bool => {
            m.bool_or(false)?;
        }
        Kind::Int(min, max) => {
            m.int_or(0, min.into(), max.into())?;
        }
        Kind::Text { required } => check_text(m, required)?,
        Kind::Strings => {
            m.strings()?;
        }
        Kind::Object { required, fields } => match m.value {
            Some(v) => check_object(v, m.path, fields, seen)?,
            None if required => return Err(m.error(&["is required"])),
            None => {}
        },
        Kind::List(fields) => {
            for (i, item) in m.array()?.iter().enumerate() {
                check_object(item, Path::Index(&m.path, i), fields, seen)?;
            }
        }
        Kind::Id(ids) => {
            let id = m.str()?;
            if !is_id(id) {
                return Err(m.error(&[ID.message]));
            }
            let same = &mut seen.0[ids as usize];
            if same.contains(&id) {
                let what = ["category", "service", "separate-consent"][ids as usize];
                return Err(m.error(&["duplicate ", what, " id `", id, "`"]));
            }
            same.push(id);
        }
        Kind::Custom(rule) => {
            if let Some(v) = m.value {
                rule(v, &m.path, seen)?;
            }
        }
        Kind::Whole(rule) => rule(value, here, seen)?,
    }
    Ok(())
}

/// A relative or http(s) URL: never `javascript:` or `data:`, nor blank (the page's own URL:
/// its HTML would be read as the policy, receipts posted to it never acknowledged).
fn is_fetch_url(url: &str) -> bool {
    // A scheme is what comes before a `:` that no `/` comes before.
    match crate::text::find(url, ":") {
        Some(colon) => crate::text::find(&url[..colon], "/").is_some() || is_http_url(url),
        None => !crate::text::is_blank(url),
    }
}

fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// A text: a string or an object of language tags to strings (at least one when
/// required), each string checked the same way by [`one_text`].
fn check_text(m: Member, required: bool) -> Result<(), FieldError> {
    let path = &m.path;
    let message = match m.value {
        None if required => "is required",
        None => return Ok(()),
        Some(Value::Obj(members)) => {
            for (lang, t) in members {
                if Lang::parse(lang).is_none() {
                    return Err(error(path, &[LANGUAGE_KEYS]));
                }
                one_text(t, &Path::Key(path, lang), required, "expected a string")?;
            }
            if !members.is_empty() || !required {
                return Ok(());
            }
            "must give the text in at least one language"
        }
        Some(v) => {
            let not_text = "expected a string or an object of {\"zh-CN\": ..., \"en\": ...}";
            return one_text(v, path, required, not_text);
        }
    };
    Err(error(path, &[message]))
}

/// One text `v` at `path`, given once or for one language: a string, not blank when
/// `required` (a blank title would show as nothing); else the error `not_string`.
fn one_text(v: &Value, path: &Path, required: bool, not_string: &str) -> Result<(), FieldError> {
    match v {
        Value::Str(s) if required && crate::text::is_blank(s) => {
            Err(error(path, &["must not be empty"]))
        }
        Value::Str(_) => Ok(()),
        _ => Err(error(path, &[not_string])),
    }
}

/// `v`, the member `key` of the object at `path`, must be a string.
fn string_value(v: &Value, path: &Path, key: &str) -> Result<(), FieldError> {
    match v {
        Value::Str(_) => Ok(()),
        _ => Err(error(&Path::Key(path, key), &["expected a string"])),
    }
}

/// The members of a free-form map, or `message` when it is not an object.
fn map<'v>(v: &'v Value, path: &Path, message: &str) -> Result<&'v [(String, Value)], FieldError> {
    v.as_object().ok_or_else(|| error(path, &[message]))
}

/// Fails on the first of `members` (of the object at `path`) whose key a later one has.
/// The JSON reader keeps both, but the configuration is read by key (the last one wins), so
/// the other would be dropped without a word: `"categories"` pasted twice, or a category
/// with two `"id"`s, is almost always a copy-paste mistake. Every object of a configuration
/// is checked before anything in it: its table's objects in [`check_object`], the objects
/// a field holds (texts, free-form maps) in [`check_field`], `strings`' tables in
/// [`strings`]. Stored data is never refused for it (the last one wins, see [`Value::get`]):
/// the component writes none, and refusing would lose a decision.
fn once_each(members: &[(String, Value)], path: &Path) -> Result<(), FieldError> {
    let mut rest = members;
    while let [(key, _), later @ ..] = rest {
        if later.iter().any(|(k, _)| k == key) {
            return Err(error(&Path::Key(path, key), &["given twice"]));
        }
        rest = later;
    }
    Ok(())
}

/// `strings`: language tags to objects of UI string keys (each one the component has, see
/// [`super::i18n::builtin`]) to texts.
fn strings(v: &Value, path: &Path, _: &Seen) -> Result<(), FieldError> {
    let langs = v
        .as_object()
        .ok_or_else(|| expected(path, "an object", v))?;
    for (tag, table) in langs {
        let lang_path = Path::Key(path, tag);
        if Lang::parse(tag).is_none() {
            return Err(error(&lang_path, &[LANGUAGE_KEYS]));
        }
        let texts = map(
            table,
            &lang_path,
            "expected an object of string keys to texts",
        )?;
        once_each(texts, &lang_path)?;
        for (k, t) in texts {
            string_value(t, &lang_path, k)?;
            if super::i18n::builtin(k).is_none() {
                return Err(unknown_key(&lang_path, k, None));
            }
            // A blank text would leave a button or a heading without words.
            if t.as_str().is_some_and(crate::text::is_blank) {
                return Err(error(&Path::Key(&lang_path, k), &[NOT_BLANK.message]));
            }
        }
    }
    Ok(())
}

/// `receipts.headers`: header names to values.
fn headers(v: &Value, path: &Path, _: &Seen) -> Result<(), FieldError> {
    for (k, t) in map(v, path, "expected an object of header names to values")? {
        string_value(t, path, k)?;
    }
    Ok(())
}

/// `beacons`: URL patterns to the ids of configured categories.
fn beacons(v: &Value, path: &Path, seen: &Seen) -> Result<(), FieldError> {
    for (pattern, cat) in map(
        v,
        path,
        "expected an object of URL patterns to category ids",
    )? {
        let here = Path::Key(path, pattern);
        let cat = cat
            .as_str()
            .ok_or_else(|| error(&here, &["expected a category id"]))?;
        configured(cat, &here, seen)?;
    }
    Ok(())
}

/// `separate_consents[].required_for`: the id of a configured category. Checked where the
/// table has it, not by a second walk at the end: `categories` comes before
/// `separate_consents` in [`ROOT`], so every category is in `seen` by then.
fn category(v: &Value, path: &Path, seen: &Seen) -> Result<(), FieldError> {
    let cat = v.as_str().ok_or_else(|| expected(path, "a string", v))?;
    configured(cat, path, seen)
}

fn configured(cat: &str, path: &Path, seen: &Seen) -> Result<(), FieldError> {
    if seen.has_category(cat) {
        return Ok(());
    }
    Err(error(
        path,
        &["names category `", cat, "`, which is not configured"],
    ))
}

/// Exactly one of `text`, `url` and `compiled` (each checked by its own entry before).
/// Counted in one pass over the members (each key is there once, see [`once_each`]).
fn policy_source(policy: &Value, path: &Path, _: &Seen) -> Result<(), FieldError> {
    let mut given = 0;
    for (key, v) in policy.as_object().unwrap_or_default() {
        given += usize::from(!v.is_null() && matches!(key.as_str(), "text" | "url" | "compiled"));
    }
    if given == 1 {
        return Ok(());
    }
    Err(error(
        path,
        &["give exactly one of `text`, `url` or `compiled`"],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of every field in `fields` (lists as `name[]`), not of the objects and
    /// lists that hold them: `policy.version`, `categories[].services[].toggle`.
    fn leaves(fields: &[Field], prefix: &str, out: &mut Vec<String>) {
        for f in fields {
            let path = if prefix.is_empty() {
                f.key.to_string()
            } else {
                format!("{prefix}.{}", f.key)
            };
            match f.kind {
                Kind::Whole(_) => {}
                Kind::Object { fields, .. } => leaves(fields, &path, out),
                Kind::List(fields) => leaves(fields, &format!("{path}[]"), out),
                _ => out.push(path),
            }
        }
    }

    #[test]
    fn fetch_urls_are_relative_or_http() {
        for ok in [
            "/p",
            "p.txt",
            "a/b:c",
            "//cdn.example/p",
            "https://x/p",
            "http://x",
        ] {
            assert!(is_fetch_url(ok), "{ok}");
        }
        for bad in [
            "",
            " ",
            "javascript:x",
            "data:x",
            "mailto:x",
            "HTTPS://x",
            "?a:b",
            "ftp://x/p",
        ] {
            assert!(!is_fetch_url(bad), "{bad}");
        }
    }

    /// The README's configuration reference cannot fall behind the schema: every field in
    /// the tables above has a row, by its whole path (`minors.threshold`) or as `.name` in
    /// a row about its parent (`categories[].id`, `.title`).
    #[test]
    fn the_readme_reference_documents_every_field_of_the_schema() {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
                .expect("README.md");
        let start = readme
            .find("## Configuration reference")
            .expect("a configuration reference");
        let end = start + readme[start..].find("```json").expect("its example");
        let rows: Vec<&str> = readme[start..end]
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(" |").next())
            .collect();
        let mut fields = Vec::new();
        leaves(ROOT, "", &mut fields);
        assert!(fields.len() > 30, "the walk found the fields: {fields:?}");
        let undocumented: Vec<&String> = fields
            .iter()
            .filter(|path| {
                let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
                !rows.iter().any(|row| {
                    row.contains(&format!("`{path}`"))
                        || (row.starts_with(&format!("`{parent}."))
                            && row.contains(&format!("`.{key}`")))
                })
            })
            .collect();
        assert!(
            undocumented.is_empty(),
            "README configuration reference lacks {undocumented:?}"
        );
    }
}
