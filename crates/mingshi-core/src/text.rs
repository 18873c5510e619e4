//! Substring search for short needles: the keywords and sentences of the policy engine,
//! the closing tags of its HTML reader, and the cookies, patterns and UI texts of the wasm
//! component.
//!
//! `str::find`, `contains`, `match_indices` and friends with a `&str` needle build a
//! Two-Way searcher on every call. Natively a SIMD fast path hides that; in WebAssembly
//! the setup alone cost more than the search (13% of analysing a policy). So does
//! `contains` with a non-ASCII `char`, which searches for its UTF-8 bytes as a `&str`:
//! test for "。" with [`contains`], not for '。' with `str::contains`. [`find`] scans for
//! the needle's last byte and compares the rest only there.
//!
//! The component does all its searching, splitting and replacing with [`find`] and the
//! helpers built on it ([`contains`], [`split`], [`replace`]), so none of std's searchers
//! (Two-Way, the `char` searcher and its `memchr`) is in its wasm: -1.5 KB gzip in all.
//!
//! [`find`]: crate::text::find
//! [`contains`]: crate::text::contains
//! [`split`]: crate::text::split
//! [`replace`]: crate::text::replace

/// Blank: empty or only whitespace (`char::is_whitespace`), the same answer as
/// `s.trim().is_empty()` without std's double-ended trim (0.8 KB of wasm once its last
/// caller is gone).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// `s` without its leading and trailing whitespace: the same answer as `s.trim()` (Unicode's
/// whitespace, the ideographic space U+3000 included), written with `char::is_whitespace` like
/// [`is_blank`] so that std's `trim` stays out of the wasm component.
///
/// ```
/// assert_eq!(mingshi_core::text::trim("\u{3000} 隐私 \n"), "隐私");
/// ```
pub fn trim(s: &str) -> &str {
    // One pass: the first and the last character that is not whitespace.
    let (mut start, mut end) = (s.len(), 0);
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() {
            start = start.min(i);
            end = i + c.len_utf8();
        }
    }
    if start < end {
        &s[start..end]
    } else {
        ""
    }
}

/// Byte offset of the first occurrence of `needle` in `hay`; the same answer as
/// `hay.find(needle)`.
///
/// Both are UTF-8, so a byte-wise match always starts and ends on character boundaries.
/// The needle's last byte is the one scanned for: in Chinese text it is a continuation
/// byte, which matches far fewer positions than a lead byte. The worst case is
/// O(hay × needle), which is no concern for needles of a few words.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&last, head)) = needle.split_last() else {
        return Some(0);
    };
    let mut from = head.len();
    while let Some(end) = find_byte(hay, last, from) {
        let start = end - head.len();
        if hay[start..end] == *head {
            return Some(start);
        }
        from = end + 1;
    }
    None
}

/// The first index at or after `from` where `byte` occurs in `hay`. Eight bytes at a time:
/// XOR with the byte repeated turns its occurrences into zero bytes, and
/// `(x - 0x01…01) & !x & 0x80…80` flags zero bytes (the lowest flag is always a true
/// one; borrows only spill into higher, later bytes).
fn find_byte(hay: &[u8], byte: u8, from: usize) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGHS: u64 = ONES << 7;
    let rest = hay.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(byte));
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(from + 8 * k + zeros.trailing_zeros() as usize / 8);
        }
    }
    let tail = chunks.remainder();
    let at = rest.len() - tail.len();
    tail.iter().position(|&b| b == byte).map(|j| from + at + j)
}

/// Whether `needle` occurs in `hay`; the same answer as `hay.contains(needle)`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `a` followed by `b` in a new string: `String::from(a) + b`, out of line, so that each
/// caller is a call, not its own copy of the allocation and the two copies (measured on the
/// component: -31 B gzip for its nine callers; longer chains gained nothing).
///
/// ```
/// assert_eq!(mingshi_core::text::concat("ms-cat-", "analytics"), "ms-cat-analytics");
/// ```
#[inline(never)]
pub fn concat(a: &str, b: &str) -> String {
    let mut s = String::from(a);
    s.push_str(b);
    s
}

/// `hay.replace(from, to)`: every occurrence of `from` replaced by `to`, found with
/// [`find`] instead of std's Two-Way searcher (which then stays out of the wasm component).
/// An empty `from` leaves `hay` as it is (std would put `to` between all characters).
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return hay.to_string();
    }
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = find(rest, from) {
        out.push_str(&rest[..i]);
        out.push_str(to);
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// `hay.split(sep)`: the pieces between the occurrences of `sep`, found with [`find`]. std's
/// `split` brings its own searcher (for a `char` as for a `&str`) into the wasm component.
/// An empty `sep` does not split (std would split between all characters).
pub fn split<'a>(hay: &'a str, sep: &'a str) -> Split<'a> {
    Split {
        rest: Some(hay),
        sep,
    }
}

/// The iterator of [`split`]: one type, not a closure, so the component and mingshi-core
/// share one copy of its code.
pub struct Split<'a> {
    /// What is left to split; `None` once the last piece is out.
    rest: Option<&'a str>,
    sep: &'a str,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match find(rest, self.sep).filter(|_| !self.sep.is_empty()) {
            Some(i) => {
                self.rest = Some(&rest[i + self.sep.len()..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// `parts.join(sep)`: the parts with `sep` between them. std's `join` is generic over the
/// separator and the parts' type; this plain version is 0.4 KB gzip smaller in the wasm
/// component.
pub fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for s in [
            "",
            " ",
            "\t\n\r ",
            "\u{3000}",
            "\u{a0}",
            "\u{2003} ",
            "a",
            " a ",
            "\u{3000}名",
            "\u{200b}",
        ] {
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn trim_is_std_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\u{3000}隐私政策\u{3000}",
            "\t 第一条 \r\n",
            "\u{a0}x\u{2003}",
            "a b",
            " 名 字 ",
            "\u{200b}x\u{200b}",
            "\u{3000}\u{3000}",
            "é",
            " é",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn same_answers_as_str_find() {
        let hays = [
            "",
            "a",
            "生效日期：2023年11月15日",
            "Effective date: March 3, 2024",
            "个人敏感信息包括身份证件号码、敏感个人信息",
            "aaab",
            "我们我们们",
        ];
        let needles = [
            "",
            "a",
            "ab",
            "aab",
            "生效",
            "日期",
            "敏感",
            "敏感个人信息",
            "2024",
            "我们",
            "们们",
            "effective date",
            "Effective",
            "号码、",
            "x",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(contains(h, n), h.contains(n), "{h:?} {n:?}");
            }
        }
    }

    #[test]
    fn replace_same_as_std() {
        let hays = [
            "",
            "{age}",
            "未满{age}周岁",
            "{a}{a}x{a",
            "我们我们们",
            "aaaa",
        ];
        let pairs = [
            ("{age}", "14"),
            ("{a}", ""),
            ("我们", "您"),
            ("aa", "a"),
            ("x", "{a}"),
        ];
        for h in hays {
            for (from, to) in pairs {
                assert_eq!(replace(h, from, to), h.replace(from, to), "{h:?} {from:?}");
            }
            assert_eq!(replace(h, "", "-"), h);
        }
    }

    #[test]
    fn split_same_as_std() {
        let hays = ["", ";", "a", "a;b", ";a;;b;", "a=1; b=2", "名;示"];
        for h in hays {
            for sep in [";", "; ", "=", "名"] {
                let ours: Vec<&str> = split(h, sep).collect();
                let std: Vec<&str> = h.split(sep).collect();
                assert_eq!(ours, std, "{h:?} {sep:?}");
            }
            assert_eq!(split(h, "").collect::<Vec<_>>(), [h]);
        }
    }

    #[test]
    fn join_same_as_std() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        for parts in [s(&[]), s(&["a"]), s(&["a", "", "b"]), s(&["数据", "位置"])] {
            for sep in ["", ",", "、"] {
                assert_eq!(join(&parts, sep), parts.join(sep));
            }
        }
    }

    #[test]
    fn every_position_of_a_byte_across_words() {
        let hay: Vec<u8> = (0..40)
            .map(|i| if i % 7 == 3 { b'x' } else { b'a' + i % 5 })
            .collect();
        for from in 0..=hay.len() + 1 {
            let want = hay
                .get(from..)
                .and_then(|r| r.iter().position(|&b| b == b'x'))
                .map(|j| from + j);
            assert_eq!(find_byte(&hay, b'x', from), want, "from {from}");
        }
        assert_eq!(
            find_byte(
                &[0x80, 0x81, 0x01, 0x00, 0xff, 0x01, 0x01, 0x01, 0x01],
                0x00,
                0
            ),
            Some(3)
        );
    }
}
