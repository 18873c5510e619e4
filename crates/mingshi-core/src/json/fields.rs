//! Typed reading of JSON objects with the path of every value, so errors name exactly
//! what is wrong and where, e.g. `categories[2].services[0].name: expected a string,
//! found a number`, and unknown keys (usually typos) are reported with a suggestion.
//!
//! - [`Member`] reads one member (its value and [`Path`]) as a JSON type; the
//!   configuration's schema checker (`consent::schema`) uses it with [`unknown_keys`].
//! - [`Fields`] reads an object key by key and remembers which keys were asked for.

use super::Value;

/// A problem with one value, located by its path from the root. Boxed: every `?` in the
/// configuration reader passes it on, and a pointer is cheaper to pass than two strings
/// (measured: -4.9 KB of wasm).
///
/// Without the `messages` feature it is empty: the checks are the same, but [`error`]
/// keeps nothing, so no message text or code building one is linked. The browser component
/// builds core so (its wasm 1.6 KB gzip smaller; a valid configuration, every production
/// page's, never shows a message); the JS layer asks the messages module
/// (crates/mingshi-messages-wasm), built with them, for the message of a configuration the
/// component refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError(#[cfg(feature = "messages")] Box<Located>);

#[cfg(feature = "messages")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Located {
    path: String,
    message: String,
}

#[cfg(feature = "messages")]
impl FieldError {
    /// Like `categories[2].services[0].name`; empty for the root.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What `Display` shows: `path: message`, or the message alone at the root.
    pub fn full_message(&self) -> String {
        let mut m = String::new();
        if !self.0.path.is_empty() {
            m.push_str(&self.0.path);
            m.push_str(": ");
        }
        m.push_str(&self.0.message);
        m
    }
}

#[cfg(feature = "messages")]
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.full_message())
    }
}

#[cfg(feature = "messages")]
impl std::error::Error for FieldError {}

/// Where a value sits: a chain of steps from the root, kept on the stack while reading and
/// written out (`categories[2].services[0].name`) only when an error names it.
#[derive(Debug, Clone, Copy)]
pub enum Path<'p> {
    /// The root: `""`, or the path given as text to [`Fields::new`].
    Root(&'p str),
    /// `parent.key`, or `key` when the parent writes nothing (the root `""`).
    Key(&'p Path<'p>, &'p str),
    /// `parent[i]`.
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The path as text, like `categories[2].services[0].name`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match *self {
            Path::Root(name) => out.push_str(name),
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                super::write_i64(out, i as i64);
                out.push(']');
            }
        }
    }
}

/// The error at `path` whose message is `message`'s parts joined. One constructor for
/// every error, so that the readers carry no per-message code: a message that names a key
/// or a type is given in parts (`&["unknown field `", key, "`"]`), built here, and only in
/// a build with messages (see [`FieldError`]); without, the parts are never read.
#[cfg(feature = "messages")]
pub fn error(path: &Path, message: &[&str]) -> FieldError {
    FieldError(Box::new(Located {
        path: path.render(),
        message: message.concat(),
    }))
}

/// The error at `path`, without its message (see [`FieldError`]).
#[cfg(not(feature = "messages"))]
#[inline]
pub fn error(_: &Path, _: &[&str]) -> FieldError {
    FieldError()
}

/// An error message's text where it is kept in a table, or carried by an error that is not
/// a [`FieldError`] (a stored consent's `StateError`, which the component drops unread):
/// `text` in a build with messages, else `""`, so that the text is not linked (see
/// [`FieldError`]).
pub const fn table_message(text: &'static str) -> &'static str {
    if cfg!(feature = "messages") {
        text
    } else {
        ""
    }
}

/// `expected WHAT, found TYPE` at `path`.
pub fn expected(path: &Path, what: &str, found: &Value) -> FieldError {
    error(path, &["expected ", what, ", found ", found.type_name()])
}

/// The member `key` of an object when present and not null (the last one if a key repeats).
pub fn member<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    find(value.as_object()?, key)
}

/// The member `key` of `members` when present and not null (the last one if a key repeats).
pub fn find<'a>(members: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    super::read::last(members, key).filter(|v| !v.is_null())
}

/// A member of an object: its value (`None` when absent or null) and its path, read as
/// one of the JSON types with an error naming the path.
#[derive(Clone, Copy)]
pub struct Member<'a, 'p> {
    pub value: Option<&'a Value>,
    pub path: Path<'p>,
}

impl<'a> Member<'a, '_> {
    /// The error `message` at this member.
    pub fn error(&self, message: &[&str]) -> FieldError {
        error(&self.path, message)
    }

    fn expected(&self, what: &str, found: &Value) -> FieldError {
        expected(&self.path, what, found)
    }

    pub fn opt_str(&self) -> Result<Option<&'a str>, FieldError> {
        match self.value {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(v) => Err(self.expected("a string", v)),
        }
    }

    /// A required, non-blank string.
    pub fn str(&self) -> Result<&'a str, FieldError> {
        match self.opt_str()? {
            Some(s) if !crate::text::is_blank(s) => Ok(s),
            Some(_) => Err(self.error(&["must not be empty"])),
            None => Err(self.error(&["is required"])),
        }
    }

    pub fn bool_or(&self, default: bool) -> Result<bool, FieldError> {
        match self.value {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(self.expected("true or false", v)),
        }
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn int_or(&self, default: i64, min: i64, max: i64) -> Result<i64, FieldError> {
        let Some(v) = self.value else {
            return Ok(default);
        };
        match v.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            Some(_) | None if v.as_f64().is_some() => {
                let text = |n| {
                    let mut t = String::new();
                    super::write_i64(&mut t, n);
                    t
                };
                let (min, max) = (text(min), text(max));
                Err(self.error(&["must be a whole number between ", &min, " and ", &max]))
            }
            _ => Err(self.expected("a number", v)),
        }
    }

    /// An array (empty when absent).
    pub fn array(&self) -> Result<&'a [Value], FieldError> {
        match self.value {
            None => Ok(&[]),
            Some(Value::Arr(items)) => Ok(items),
            Some(v) => Err(self.expected("an array", v)),
        }
    }

    /// An array of strings (empty when absent), returned as its values.
    pub fn strings(&self) -> Result<&'a [Value], FieldError> {
        let items = self.array()?;
        for (i, v) in items.iter().enumerate() {
            if v.as_str().is_none() {
                return Err(expected(&Path::Index(&self.path, i), "a string", v));
            }
        }
        Ok(items)
    }
}

/// Fails on the first of `members` whose key is not one of `known`, suggesting the first
/// known key close to it. The close key is looked for only in a build with messages (see
/// [`FieldError`]): without, the search's result would be dropped unread, and the component
/// would carry [`similar`] for it (the compiler cannot drop a loop it cannot prove ends:
/// measured).
pub fn unknown_keys<'k>(
    members: &[(String, Value)],
    path: &Path,
    mut known: impl Iterator<Item = &'k str> + Clone,
) -> Result<(), FieldError> {
    for (k, _) in members {
        if !known.clone().any(|known| known == k) {
            let close = if cfg!(feature = "messages") {
                known.find(|known| similar(known, k))
            } else {
                None
            };
            return Err(unknown_key(path, k, close));
        }
    }
    Ok(())
}

/// The error for the unknown `key` of the object at `path`, suggesting `close` if any.
pub fn unknown_key(path: &Path, key: &str, close: Option<&str>) -> FieldError {
    match close {
        Some(close) => error(
            path,
            &["unknown field `", key, "`; did you mean `", close, "`?"],
        ),
        None => error(path, &["unknown field `", key, "`"]),
    }
}

/// One JSON object being read field by field; [`Fields::finish`] rejects keys nobody
/// asked for.
pub struct Fields<'a> {
    members: &'a [(String, Value)],
    path: String,
    known: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// Starts reading `value`, which must be an object, at the path written `path`.
    pub fn new(value: &'a Value, path: &str) -> Result<Fields<'a>, FieldError> {
        match value.as_object() {
            Some(members) => Ok(Fields {
                members,
                path: path.to_string(),
                known: Vec::new(),
            }),
            None => Err(expected(&Path::Root(path), "an object", value)),
        }
    }

    /// The raw value of `key`, if present and not null.
    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        find(self.members, key)
    }

    pub fn path_of(&self, key: &str) -> String {
        Path::Key(&Path::Root(&self.path), key).render()
    }

    /// Reads the member `key` with `read`.
    fn read<T>(&mut self, key: &'static str, read: impl FnOnce(Member<'a, '_>) -> T) -> T {
        let value = self.value(key);
        let root = Path::Root(&self.path);
        read(Member {
            value,
            path: Path::Key(&root, key),
        })
    }

    pub fn opt_str(&mut self, key: &'static str) -> Result<Option<&'a str>, FieldError> {
        self.read(key, |m| m.opt_str())
    }

    /// A required, non-blank string.
    pub fn str(&mut self, key: &'static str) -> Result<&'a str, FieldError> {
        self.read(key, |m| m.str())
    }

    pub fn bool_or(&mut self, key: &'static str, default: bool) -> Result<bool, FieldError> {
        self.read(key, |m| m.bool_or(default))
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn int_or(
        &mut self,
        key: &'static str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Result<i64, FieldError> {
        self.read(key, |m| m.int_or(default, min, max))
    }

    /// An array (empty when absent).
    pub fn array(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        self.read(key, |m| m.array())
    }

    /// An array of strings (empty when absent), returned as its values.
    pub fn strings(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        self.read(key, |m| m.strings())
    }

    /// Fails on the first key that was never asked for.
    pub fn finish(self) -> Result<(), FieldError> {
        let path = Path::Root(&self.path);
        unknown_keys(self.members, &path, self.known.iter().copied())
    }
}

/// Close enough to be a typo: edit distance at most 2 (or 1 for short words). Keys longer
/// than [`SIMILAR_MAX`] characters are never close (every field name is much shorter), so
/// the two rows of the distance table fit on the stack.
#[allow(clippy::explicit_counter_loop)] // by hand: see below
pub(crate) fn similar(a: &str, b: &str) -> bool {
    // Lengths in characters; the strings are walked with `chars()`, not copied. Counted
    // and walked by hand, not with `count()` and `enumerate()`: the component then carries
    // neither for `Chars` (measured).
    let (len_a, len_b) = (char_count(a), char_count(b));
    let limit = if len_a.min(len_b) <= 4 { 1 } else { 2 };
    if len_a.abs_diff(len_b) > limit || len_b > SIMILAR_MAX {
        return false;
    }
    // The distances from the empty prefix of `a`: 0, 1, 2, ...
    let mut prev: [u8; SIMILAR_MAX + 1] = std::array::from_fn(|j| j as u8);
    let mut i = 0;
    for ca in a.chars() {
        i += 1;
        let mut cur = [0u8; SIMILAR_MAX + 1];
        cur[0] = i;
        let mut j = 0;
        for cb in b.chars() {
            cur[j + 1] = (prev[j] + u8::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            j += 1;
        }
        prev = cur;
    }
    usize::from(prev[len_b]) <= limit
}

/// The characters in `s`: its bytes that do not continue one.
fn char_count(s: &str) -> usize {
    let mut n = 0;
    for &b in s.as_bytes() {
        n += usize::from(b & 0xc0 != 0x80);
    }
    n
}

const SIMILAR_MAX: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "messages")]
    use crate::json::parse;

    #[cfg(feature = "messages")]
    #[test]
    fn errors_carry_the_path_and_the_types() {
        let v = parse(r#"{"a":{"b":[1,"x",2]}}"#).unwrap();
        let mut root = Fields::new(&v, "").unwrap();
        let a = root.value("a").unwrap();
        let mut a = Fields::new(a, &root.path_of("a")).unwrap();
        let err = a.strings("b").unwrap_err();
        assert_eq!(err.to_string(), "a.b[0]: expected a string, found a number");
    }

    #[cfg(feature = "messages")]
    #[test]
    fn unknown_keys_are_reported_with_a_suggestion() {
        let v = parse(r#"{"categries":[]}"#).unwrap();
        let mut f = Fields::new(&v, "").unwrap();
        f.array("categories").unwrap();
        let err = f.finish().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown field `categries`; did you mean `categories`?"
        );
    }

    #[cfg(feature = "messages")]
    #[test]
    fn numbers_are_range_checked() {
        let v = parse(r#"{"n": 1.5, "m": 99999, "s": "7"}"#).unwrap();
        let mut f = Fields::new(&v, "x").unwrap();
        assert!(f
            .int_or("n", 0, 0, 10)
            .unwrap_err()
            .to_string()
            .contains("whole number between 0 and 10"));
        assert!(f.int_or("m", 0, 0, 10).is_err());
        assert!(f
            .int_or("s", 0, 0, 10)
            .unwrap_err()
            .to_string()
            .contains("expected a number, found a string"));
        assert_eq!(f.int_or("absent", 4, 0, 10), Ok(4));
    }

    #[test]
    fn similar_means_an_edit_distance_of_at_most_2_or_1_for_short_words() {
        for (a, b) in [
            ("categories", "categries"),
            ("categories", "cateogries"),
            ("toggle", "togle"),
            ("url", "ur"),
            ("text", "txt"),
            ("policy_url", "policy_urls"),
            ("name", "名ame"),
        ] {
            assert!(similar(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("url", "x"),
            ("text", "tx"),
            ("categories", "cat"),
            ("toggle", "tgl"),
            (
                "refusal_cooldown_hours",
                "refusal_cooldown_hours_and_more_than_32",
            ),
            ("name", "名字"),
        ] {
            assert!(!similar(a, b), "{a} !~ {b}");
        }
    }
}
