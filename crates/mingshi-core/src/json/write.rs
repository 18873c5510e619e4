//! Writing JSON: canonical output without serde_json.
//!
//! Canonical here means: no insignificant whitespace, object keys written in the order the
//! caller gives (callers pass them sorted, see [`crate::receipt`]), strings escaped the way
//! RFC 8785 does (`\"`, `\\`, `\b \f \n \r \t`, other control characters as `\u00XX`,
//! everything else as literal UTF-8), integers only.

use crate::flags::Flags;

/// Appends `s` to `out` as a JSON string literal.
///
/// ```
/// let mut out = String::new();
/// mingshi_core::json::write_str(&mut out, "a\"b\n");
/// assert_eq!(out, r#""a\"b\n""#);
/// ```
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    // Runs that need no escaping (most of a policy's text) are copied whole. Every byte that
    // needs escaping is ASCII, so the slices between them fall on character boundaries.
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        // The letter after the backslash.
        let escape = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push('\\');
        out.push(escape);
        if escape == 'u' {
            out.push_str("00");
            crate::hash::push_hex(out, b);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends a signed integer.
pub fn write_i64(out: &mut String, n: i64) {
    // Avoids `format!`/`Display` machinery, which costs kilobytes in wasm.
    if n < 0 {
        out.push('-');
    }
    write_u64(out, n.unsigned_abs());
}

/// The digits of `v`, the leading ones first (by recursion: at most 20 deep).
fn write_u64(out: &mut String, v: u64) {
    if v >= 10 {
        write_u64(out, v / 10);
    }
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// A JSON array of strings.
pub fn str_array(items: &[String]) -> String {
    let mut out = String::new();
    write_str_array(&mut out, items);
    out
}

fn write_str_array(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, s);
    }
    out.push(']');
}

/// Builds one JSON object; keys must be added in canonical (sorted) order.
///
/// ```
/// use mingshi_core::json::Object;
/// let mut o = Object::new();
/// o.bool("a", true).int("b", -3).str("c", "x");
/// assert_eq!(o.finish(), r#"{"a":true,"b":-3,"c":"x"}"#);
/// ```
pub struct Object {
    out: String,
    first: bool,
}

impl Default for Object {
    fn default() -> Self {
        Self::new()
    }
}

impl Object {
    pub fn new() -> Self {
        Object {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(&mut self.out, k);
        self.out.push(':');
        &mut self.out
    }

    pub fn str(&mut self, k: &str, v: &str) -> &mut Self {
        write_str(self.key(k), v);
        self
    }

    pub fn opt_str(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }

    pub fn int(&mut self, k: &str, v: i64) -> &mut Self {
        write_i64(self.key(k), v);
        self
    }

    pub fn bool(&mut self, k: &str, v: bool) -> &mut Self {
        self.key(k).push_str(if v { "true" } else { "false" });
        self
    }

    /// Starts the object `k` inside this one: the members added up to the matching
    /// [`Object::end`] are its members. Writing nested objects in place needs no string
    /// of their own.
    ///
    /// ```
    /// use mingshi_core::json::Object;
    /// let mut o = Object::new();
    /// o.begin("a").int("b", 1).end().bool("c", false);
    /// assert_eq!(o.finish(), r#"{"a":{"b":1},"c":false}"#);
    /// ```
    pub fn begin(&mut self, k: &str) -> &mut Self {
        self.key(k).push('{');
        self.first = true;
        self
    }

    /// Ends the object begun last.
    pub fn end(&mut self) -> &mut Self {
        self.out.push('}');
        self.first = false;
        self
    }

    /// Starts the array `k` of objects: each runs from [`Object::item`] to [`Object::end`],
    /// and [`Object::end_array`] closes the array.
    ///
    /// ```
    /// use mingshi_core::json::Object;
    /// let mut o = Object::new();
    /// o.begin_array("a").item().int("b", 1).end().item().end().end_array();
    /// assert_eq!(o.finish(), r#"{"a":[{"b":1},{}]}"#);
    /// ```
    pub fn begin_array(&mut self, k: &str) -> &mut Self {
        self.key(k).push('[');
        self.first = true;
        self
    }

    /// Starts the next object of the array begun last.
    pub fn item(&mut self) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.out.push('{');
        self.first = true;
        self
    }

    /// Ends the array begun last.
    pub fn end_array(&mut self) -> &mut Self {
        self.out.push(']');
        self.first = false;
        self
    }

    /// Adds an object of booleans; `Flags` iterates in key order, so this is canonical.
    pub fn flags(&mut self, k: &str, map: &Flags) -> &mut Self {
        self.begin(k);
        for (id, on) in map {
            self.bool(id, *on);
        }
        self.end()
    }

    /// Adds an array of strings.
    pub fn strs(&mut self, k: &str, items: &[String]) -> &mut Self {
        write_str_array(self.key(k), items);
        self
    }

    /// Adds an already-serialised JSON value.
    pub fn raw(&mut self, k: &str, json: &str) -> &mut Self {
        self.key(k).push_str(json);
        self
    }

    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_round_trip_through_serde_json() {
        for n in [0i64, 7, -1, 1_700_000_000_000, i64::MIN, i64::MAX] {
            let mut s = String::new();
            write_i64(&mut s, n);
            assert_eq!(serde_json::from_str::<i64>(&s).unwrap(), n);
        }
    }

    #[test]
    fn every_ascii_character_is_written_as_serde_json_writes_it() {
        for c in (0u8..0x80).map(char::from) {
            let text = format!("a{c}b");
            let mut s = String::new();
            write_str(&mut s, &text);
            assert_eq!(s, serde_json::to_string(&text).unwrap(), "{c:?}");
        }
    }

    #[test]
    fn strings_round_trip_through_serde_json() {
        let nasty = "隐私\u{1}\u{1f}\"\\/\n\r\t\u{8}\u{c}😀";
        let mut s = String::new();
        write_str(&mut s, nasty);
        assert_eq!(serde_json::from_str::<String>(&s).unwrap(), nasty);
        assert!(s.contains("\\u0001") && s.contains("\\u001f"));
    }
}
