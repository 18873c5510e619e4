//! Reading JSON into a [`Value`] tree.

use std::fmt;

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one if a key repeats: stored data is read so,
    /// while a configuration that repeats a key is refused); `None` otherwise.
    ///
    /// ```
    /// let v = mingshi_core::json::parse(r#"{"a":{"b":[1,true,"x"]}}"#).unwrap();
    /// let b = v.get("a").and_then(|a| a.get("b")).and_then(|b| b.as_array()).unwrap();
    /// assert_eq!(b[2].as_str(), Some("x"));
    /// ```
    pub fn get(&self, key: &str) -> Option<&Value> {
        last(self.as_object()?, key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// The number as an `i64` when it is integral and in range.
    pub fn as_i64(&self) -> Option<i64> {
        let n = self.as_f64()?;
        (n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15).then_some(n as i64)
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A short name of the value's type, for error messages ("a string", "an object", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Num(_) => "a number",
            Value::Str(_) => "a string",
            Value::Arr(_) => "an array",
            Value::Obj(_) => "an object",
        }
    }
}

/// The strings of an array, skipping its other items; empty for anything else or none.
/// Takes the `Option` a member lookup returns: a method on `Value`, called as
/// `.map(Value::strings).unwrap_or_default()` by each reader, was one more generic function
/// in the wasm (measured).
pub fn strings(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    for item in v.and_then(Value::as_array).unwrap_or(&[]) {
        if let Some(s) = item.as_str() {
            out.push(s.to_string());
        }
    }
    out
}

/// A copy of the string member `key` of `v` (the last one if a key repeats), if `v` is an
/// object that has one. One function for every reader that copies texts out (the
/// configuration, a compiled policy, the stored state): smaller wasm than a closure each.
pub fn string_of(v: Option<&Value>, key: &str) -> Option<String> {
    v?.get(key)?.as_str().map(str::to_string)
}

/// The value of the last member `key` of an object's members.
pub(crate) fn last<'a>(members: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Where and why JSON text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line and column (in characters) of the problem.
    pub line: usize,
    pub column: usize,
    pub reason: &'static str,
}

impl JsonError {
    /// The message (what `Display` shows), built without `write!` or `to_string()`, so the
    /// browser component carries no formatting code.
    pub fn message(&self) -> String {
        let mut m = String::from("invalid JSON at line ");
        super::write_i64(&mut m, self.line as i64);
        m.push_str(", column ");
        super::write_i64(&mut m, self.column as i64);
        m.push_str(": ");
        m.push_str(self.reason);
        m
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for JsonError {}

/// Deepest nesting accepted, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Parses a complete JSON text.
///
/// ```
/// use mingshi_core::json::{parse, Value};
/// assert_eq!(parse(" [1, \"二\", null] ").unwrap(),
///     Value::Arr(vec![Value::Num(1.0), Value::Str("二".into()), Value::Null]));
/// let err = parse("{\"a\": }").unwrap_err();
/// assert_eq!((err.line, err.column), (1, 7));
/// ```
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser { pos: 0, text };
    p.document().map_err(|reason| p.err(reason))
}

/// What the parser's steps return: an error is its reason alone, at the position where
/// the parser stopped; [`parse`] adds the line and column once (measured: smaller wasm than
/// a whole [`JsonError`] built at every error).
type Res<T> = Result<T, &'static str>;

struct Parser<'a> {
    pos: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn document(&mut self) -> Res<Value> {
        self.ws();
        let v = self.value(0)?;
        self.ws();
        if self.pos != self.text.len() {
            return Err("unexpected text after the JSON value");
        }
        Ok(v)
    }

    fn err(&self, reason: &'static str) -> JsonError {
        let upto = self.text.get(..self.pos).unwrap_or(self.text);
        // One byte scan, not `matches`/`rsplit`/`chars`: std's char searchers cost 0.35 KB
        // gzip of wasm here. A column counts characters: bytes that do not continue one.
        let (mut line, mut column) = (1, 1);
        for &b in upto.as_bytes() {
            if b == b'\n' {
                (line, column) = (line + 1, 1);
            } else if b & 0xc0 != 0x80 {
                column += 1;
            }
        }
        JsonError {
            line,
            column,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.text.as_bytes()[self.pos..].starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Res<Value> {
        if depth > MAX_DEPTH {
            return Err("nesting is deeper than 128 levels");
        }
        match self.peek() {
            None => Err("unexpected end of input"),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') if self.eat(b"true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err("expected a value"),
        }
    }

    fn object(&mut self, depth: usize) -> Res<Value> {
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.eat(b"}") {
            return Ok(Value::Obj(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err("expected a quoted key");
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b":") {
                return Err("expected ':' after the key");
            }
            self.ws();
            let v = self.value(depth + 1)?;
            members.push((key, v));
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"}") {
                return Ok(Value::Obj(members));
            }
            return Err("expected ',' or '}'");
        }
    }

    fn array(&mut self, depth: usize) -> Res<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Value::Arr(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"]") {
                return Ok(Value::Arr(items));
            }
            return Err("expected ',' or ']'");
        }
    }

    /// Reads a number without `f64::from_str`, whose tables cost kilobytes in wasm:
    /// integers up to 2^53 are exact, other values are within a few ulps.
    fn number(&mut self) -> Res<Value> {
        let negative = self.eat(b"-");
        let mut mantissa: u64 = 0;
        let mut exp10: i32 = 0;
        let mut digits = |p: &mut Self, fraction: bool| {
            let start = p.pos;
            while let Some(c @ b'0'..=b'9') = p.peek() {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    exp10 -= i32::from(fraction);
                } else {
                    exp10 += i32::from(!fraction);
                }
                p.pos += 1;
            }
            p.pos > start
        };
        if !digits(self, false) {
            return Err("expected digits");
        }
        if self.eat(b".") && !digits(self, true) {
            return Err("expected digits after '.'");
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            let minus = self.eat(b"-");
            if !minus {
                self.eat(b"+");
            }
            let start = self.pos;
            let mut e: i32 = 0;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                e = e.saturating_mul(10).saturating_add(i32::from(c - b'0'));
                self.pos += 1;
            }
            if self.pos == start {
                return Err("expected digits in the exponent");
            }
            exp10 = exp10.saturating_add(if minus { -e } else { e });
        }
        // Dividing by an exact power of ten rounds correctly where multiplying by 0.1 would not.
        let (m, scale) = (
            mantissa as f64,
            10f64.powi(exp10.unsigned_abs().min(400) as i32),
        );
        let magnitude = if exp10 < 0 { m / scale } else { m * scale };
        if magnitude.is_infinite() {
            return Err("number out of range");
        }
        Ok(Value::Num(if negative { -magnitude } else { magnitude }))
    }

    fn hex4(&mut self) -> Res<u32> {
        let h = self
            .text
            .as_bytes()
            .get(self.pos..self.pos + 4)
            .ok_or("short \\u escape")?;
        let mut n = 0u32;
        for &c in h {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err("bad hex digit in \\u escape"),
            };
            n = n * 16 + u32::from(d);
        }
        self.pos += 4;
        Ok(n)
    }

    /// The character an escape `\c` stands for (`c` already read).
    fn escape(&mut self, c: u8) -> Res<char> {
        let simple = match c {
            b'"' | b'\\' | b'/' => c,
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(),
            _ => return Err("unknown escape"),
        };
        Ok(char::from(simple))
    }

    /// The character of a `\uXXXX` escape (`\u` already read), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Res<char> {
        let mut cp = self.hex4()?;
        if (0xd800..0xdc00).contains(&cp) {
            if !self.eat(b"\\u") {
                return Err("lone surrogate in \\u escape");
            }
            let lo = self.hex4()?;
            if !(0xdc00..0xe000).contains(&lo) {
                return Err("bad low surrogate in \\u escape");
            }
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        }
        char::from_u32(cp).ok_or("invalid \\u escape")
    }

    fn string(&mut self) -> Res<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run = self.pos;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.pos += 1;
            }
            // The run ends at an ASCII byte, so it is whole UTF-8.
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                None => return Err("unterminated string"),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.peek().ok_or("unterminated escape")?;
                    self.pos += 1;
                    out.push(self.escape(c)?);
                }
                Some(_) => return Err("control character in string"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_writes() {
        let src = serde_json::json!({
            "a": [1, -2.5, 1e3, true, false, null],
            "隐私": "引号\"斜杠\\换行\n😀\u{1}",
            "o": {"x": {}}
        });
        let v = parse(&src.to_string()).unwrap();
        assert_eq!(
            v.get("a").unwrap().as_array().unwrap()[2].as_f64(),
            Some(1000.0)
        );
        assert_eq!(
            v.get("隐私").unwrap().as_str(),
            Some("引号\"斜杠\\换行\n😀\u{1}")
        );
        assert_eq!(v.get("o").unwrap().get("x"), Some(&Value::Obj(vec![])));
    }

    #[test]
    fn surrogate_pairs_decode() {
        assert_eq!(parse(r#""\ud83d\ude00""#).unwrap(), Value::Str("😀".into()));
        assert!(parse(r#""\ud83d""#).is_err());
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        let e = parse("[\"名\",\n\n \"示\", x]").unwrap_err();
        assert_eq!((e.line, e.column), (3, 7), "{e}");
        for bad in [
            "",
            "[1,]",
            "{\"a\" 1}",
            "\"abc",
            "01x",
            "[1] 2",
            "-",
            "1.",
            "{1:2}",
            "\"\u{1}\"",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().reason.contains("deeper"));
    }

    #[test]
    fn numbers_read_as_rust_reads_them() {
        for text in [
            "0",
            "-0",
            "1.5",
            "0.3",
            "-2.5e3",
            "1E3",
            "12345678901234567",
            "6.02e23",
            "1e-7",
            "123.456",
        ] {
            let expected: f64 = text.parse().unwrap();
            let got = parse(text).unwrap().as_f64().unwrap();
            assert!(
                (got - expected).abs() <= expected.abs() * 1e-15,
                "{text}: {got} vs {expected}"
            );
        }
        assert!(parse("1e999").is_err());
    }

    #[test]
    fn integers_in_range_only() {
        assert_eq!(
            parse("1763000000000").unwrap().as_i64(),
            Some(1_763_000_000_000)
        );
        assert_eq!(parse("1.5").unwrap().as_i64(), None);
        assert_eq!(parse("1e300").unwrap().as_i64(), None);
    }
}
