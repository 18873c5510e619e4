//! Typed reading of JSON objects with the path of every value, so errors name exactly
//! what is wrong and where, e.g. `categories[2].services[0].name: expected a string,
//! found a number`, and unknown keys (usually typos) are reported with a suggestion.

use std::fmt;

use super::Value;

/// A problem with one value, located by its path from the root. Boxed: every `?` in the
/// configuration reader passes it on, and a pointer is cheaper to pass than two strings
/// (measured: -4.9 KB of wasm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError(Box<Located>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Located {
    path: String,
    message: String,
}

impl FieldError {
    /// Like `categories[2].services[0].name`; empty for the root.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What `Display` shows: `path: message`, or the message alone at the root. Built
    /// without `write!` or `to_string()`, so the browser component carries no formatting
    /// code.
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

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full_message())
    }
}

impl std::error::Error for FieldError {}

/// Where a value sits: a chain of steps from the root, kept on the stack while reading and
/// written out (`categories[2].services[0].name`) only when an error names it.
#[derive(Debug, Clone, Copy)]
pub enum Path<'p> {
    /// The root: `""`, or the path given as text to [`Fields::new`].
    Root(&'p str),
    /// `parent.key`, or `key` when the parent is the unnamed root.
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

/// The error `message` at `path`. One constructor for every error, so that the readers
/// carry no per-message code: messages built at run time are passed as `&str` too.
pub fn error(path: &Path, message: &str) -> FieldError {
    FieldError(Box::new(Located {
        path: path.render(),
        message: message.to_string(),
    }))
}

/// `expected WHAT, found TYPE` at `path`.
pub fn expected(path: &Path, what: &str, found: &Value) -> FieldError {
    let mut m = String::from("expected ");
    m.push_str(what);
    m.push_str(", found ");
    m.push_str(found.type_name());
    error(path, &m)
}

/// The member `key` of an object when present and not null (the last one if a key repeats).
pub fn member<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    find(value.as_object()?, key)
}

fn find<'a>(members: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    super::read::last(members, key).filter(|v| !v.is_null())
}

/// One JSON object being read; [`Fields::finish`] rejects keys nobody asked for.
pub struct Fields<'a, 'p> {
    members: &'a [(String, Value)],
    path: Path<'p>,
    known: Vec<&'static str>,
}

impl<'a> Fields<'a, '_> {
    /// Starts reading `value`, which must be an object, at the path written `path`. The
    /// result is a [`Named`], which owns that text: a `Fields` only borrows its path.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(value: &'a Value, path: &str) -> Result<Named<'a>, FieldError> {
        let fields = Fields::at(value, Path::Root(path))?;
        Ok(Named {
            name: path.to_string(),
            members: fields.members,
            known: Vec::new(),
        })
    }
}

impl<'a, 'p> Fields<'a, 'p> {
    /// Starts reading `value`, which must be an object, at `path`.
    pub fn at(value: &'a Value, path: Path<'p>) -> Result<Fields<'a, 'p>, FieldError> {
        match value.as_object() {
            Some(members) => Ok(Fields {
                members,
                path,
                known: Vec::new(),
            }),
            None => Err(expected(&path, "an object", value)),
        }
    }

    /// Where the object sits.
    pub fn path(&self) -> Path<'p> {
        self.path
    }

    /// The raw value of `key`, if present and not null.
    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        find(self.members, key)
    }

    pub fn path_of(&self, key: &str) -> String {
        Path::Key(&self.path, key).render()
    }

    /// The error `message` at the member `key`.
    pub fn error(&self, key: &str, message: &str) -> FieldError {
        error(&Path::Key(&self.path, key), message)
    }

    fn expected(&self, key: &str, what: &str, found: &Value) -> FieldError {
        expected(&Path::Key(&self.path, key), what, found)
    }

    pub fn opt_str(&mut self, key: &'static str) -> Result<Option<&'a str>, FieldError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(v) => Err(self.expected(key, "a string", v)),
        }
    }

    /// A required, non-blank string.
    pub fn str(&mut self, key: &'static str) -> Result<&'a str, FieldError> {
        match self.opt_str(key)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(self.error(key, "must not be empty")),
            None => Err(self.error(key, "is required")),
        }
    }

    pub fn bool_or(&mut self, key: &'static str, default: bool) -> Result<bool, FieldError> {
        match self.value(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(self.expected(key, "true or false", v)),
        }
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn int_or(
        &mut self,
        key: &'static str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Result<i64, FieldError> {
        match self.value(key) {
            None => Ok(default),
            Some(v) => match v.as_i64() {
                Some(n) if (min..=max).contains(&n) => Ok(n),
                Some(_) | None if v.as_f64().is_some() => {
                    let mut m = String::from("must be a whole number between ");
                    super::write_i64(&mut m, min);
                    m.push_str(" and ");
                    super::write_i64(&mut m, max);
                    Err(self.error(key, &m))
                }
                _ => Err(self.expected(key, "a number", v)),
            },
        }
    }

    /// An array (empty when absent).
    pub fn array(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        match self.value(key) {
            None => Ok(&[]),
            Some(Value::Arr(items)) => Ok(items),
            Some(v) => Err(self.expected(key, "an array", v)),
        }
    }

    /// An array of strings (empty when absent), returned as its values.
    pub fn strings(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        let items = self.array(key)?;
        let path = Path::Key(&self.path, key);
        for (i, v) in items.iter().enumerate() {
            if v.as_str().is_none() {
                return Err(expected(&Path::Index(&path, i), "a string", v));
            }
        }
        Ok(items)
    }

    /// Fails on the first key that was never asked for.
    pub fn finish(self) -> Result<(), FieldError> {
        for (k, _) in self.members {
            if !self.known.iter().any(|known| known == k) {
                let mut m = String::from("unknown field `");
                m.push_str(k);
                m.push('`');
                if let Some(close) = self.known.iter().find(|known| similar(known, k)) {
                    m.push_str("; did you mean `");
                    m.push_str(close);
                    m.push_str("`?");
                }
                return Err(error(&self.path, &m));
            }
        }
        Ok(())
    }
}

/// A [`Fields`] started at a path given as text ([`Fields::new`]), which it owns: the same
/// methods, each reading through a [`Fields`] rooted at that text.
pub struct Named<'a> {
    name: String,
    members: &'a [(String, Value)],
    known: Vec<&'static str>,
}

impl<'a> Named<'a> {
    /// The object as a [`Fields`] at the path this one owns, with the keys asked so far.
    fn fields(&mut self) -> Fields<'a, '_> {
        Fields {
            members: self.members,
            path: Path::Root(&self.name),
            known: std::mem::take(&mut self.known),
        }
    }

    /// Runs `read` on [`Named::fields`], keeping the keys it asked for.
    fn with<T>(&mut self, read: impl FnOnce(&mut Fields<'a, '_>) -> T) -> T {
        let mut f = self.fields();
        let out = read(&mut f);
        self.known = f.known;
        out
    }

    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.with(|f| f.value(key))
    }

    pub fn path_of(&self, key: &str) -> String {
        Path::Key(&Path::Root(&self.name), key).render()
    }

    pub fn opt_str(&mut self, key: &'static str) -> Result<Option<&'a str>, FieldError> {
        self.with(|f| f.opt_str(key))
    }

    pub fn str(&mut self, key: &'static str) -> Result<&'a str, FieldError> {
        self.with(|f| f.str(key))
    }

    pub fn bool_or(&mut self, key: &'static str, default: bool) -> Result<bool, FieldError> {
        self.with(|f| f.bool_or(key, default))
    }

    pub fn int_or(
        &mut self,
        key: &'static str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Result<i64, FieldError> {
        self.with(|f| f.int_or(key, default, min, max))
    }

    pub fn array(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        self.with(|f| f.array(key))
    }

    pub fn strings(&mut self, key: &'static str) -> Result<&'a [Value], FieldError> {
        self.with(|f| f.strings(key))
    }

    pub fn finish(mut self) -> Result<(), FieldError> {
        self.fields().finish()
    }
}

/// Close enough to be a typo: edit distance at most 2 (or 1 for short words). Keys longer
/// than [`SIMILAR_MAX`] characters are never close (every field name is much shorter), so
/// the two rows of the distance table fit on the stack.
fn similar(a: &str, b: &str) -> bool {
    // Lengths in characters; the strings are walked with `chars()`, not copied.
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let limit = if len_a.min(len_b) <= 4 { 1 } else { 2 };
    if len_a.abs_diff(len_b) > limit || len_b > SIMILAR_MAX {
        return false;
    }
    let mut prev = [0u8; SIMILAR_MAX + 1];
    for (j, d) in prev.iter_mut().enumerate() {
        *d = j as u8;
    }
    for (i, ca) in a.chars().enumerate() {
        let mut cur = [0u8; SIMILAR_MAX + 1];
        cur[0] = i as u8 + 1;
        for (j, cb) in b.chars().enumerate() {
            cur[j + 1] = (prev[j] + u8::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    usize::from(prev[len_b]) <= limit
}

const SIMILAR_MAX: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn errors_carry_the_path_and_the_types() {
        let v = parse(r#"{"a":{"b":[1,"x",2]}}"#).unwrap();
        let mut root = Fields::new(&v, "").unwrap();
        let a = root.value("a").unwrap();
        let mut a = Fields::new(a, &root.path_of("a")).unwrap();
        let err = a.strings("b").unwrap_err();
        assert_eq!(err.to_string(), "a.b[0]: expected a string, found a number");
    }

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
