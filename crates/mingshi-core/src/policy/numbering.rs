//! Numbering styles of Chinese and English policies and the outline level each implies:
//! 第一部分 / 第一章 / Section 1 / Article 2 (1), 一、 (1), （一）/(一) (2), 1.1 (2),
//! 1、 / 1. (3), 1.1.1 (3), （1）/(1) / 1) (4), ①… (4), letters a. / A) (4), bullets • · - * (5).
//! Full-width and half-width punctuation are treated alike.

/// A recognised numbering prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub level: u8,
    /// Byte length of the prefix (including the separator and following spaces).
    pub len: usize,
    /// Bullets are list items, never headings.
    pub bullet: bool,
}

/// Whether `c` is a Chinese numeral. A `match`: smaller in wasm than an array's
/// `contains`, and no `str::contains` with a non-ASCII `char` (a substring search, see
/// [`crate::text`]).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '零'
            | '〇'
            | '两'
    )
}

fn skip_spaces(s: &str, i: usize) -> usize {
    i + s[i..].len() - s[i..].trim_start().len()
}

/// The text after its list number, if it has one ("（3）删除：…" → "删除：…").
pub fn after_numbering(text: &str) -> &str {
    numbering(text)
        .and_then(|n| text.get(n.len..))
        .unwrap_or(text)
}

/// Recognises the numbering at the start of `line`, if any.
///
/// ```
/// use mingshi_core::policy::numbering::numbering;
/// assert_eq!(numbering("一、 本政策的适用范围").map(|n| n.level), Some(1));
/// assert_eq!(numbering("（二）共享").map(|n| n.level), Some(2));
/// assert_eq!(numbering("1.1 本政策适用于").map(|n| n.level), Some(2));
/// assert_eq!(numbering("3、身份识别").map(|n| n.level), Some(3));
/// assert_eq!(numbering("① 设备信息").map(|n| n.level), Some(4));
/// assert!(numbering("2023年11月15日").is_none());
/// ```
pub fn numbering(line: &str) -> Option<Numbering> {
    // Numbering prefixes are short: look at the first characters only (kept on the
    // stack: this runs for every line and sentence).
    let mut buf = [(0, '\0'); 16];
    let mut n = 0;
    for (slot, bc) in buf.iter_mut().zip(line.char_indices()) {
        *slot = bc;
        n += 1;
    }
    let chars = &buf[..n];
    let first = chars.first()?.1;
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let byte = |i: usize| chars.get(i).map_or(line.len(), |(b, _)| *b);
    let done = |level: u8, end_char: usize, bullet: bool| {
        Some(Numbering {
            level,
            len: skip_spaces(line, byte(end_char)),
            bullet,
        })
    };

    // Bullets.
    if matches!(
        first,
        '•' | '·' | '●' | '○' | '■' | '□' | '◆' | '▪' | '–' | '—'
    ) || ((first == '-' || first == '*') && at(1) == Some(' '))
    {
        return done(5, 1, true);
    }
    // 第一部分 / 第一章 / 第一条 / 第1部分
    if first == '第' {
        let mut i = 1;
        while at(i).is_some_and(|c| is_cn_digit(c) || c.is_ascii_digit()) {
            i += 1;
        }
        if i > 1 && matches!(at(i), Some('部' | '章' | '条' | '节')) {
            let end = if at(i) == Some('部') && at(i + 1) == Some('分') {
                i + 2
            } else {
                i + 1
            };
            return done(1, end, false);
        }
        return None;
    }
    // Section 1 / Article 2. / Chapter 3: / Part 4 (as 第一条 / 第一章 / 第一部分)
    let word = ["Section ", "Article ", "Chapter ", "Part "]
        .into_iter()
        .find(|w| {
            line.get(..w.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(w))
        });
    if let Some(word) = word.filter(|_| first.is_ascii_uppercase()) {
        let digits = line[word.len()..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let mut end = word.len() + digits;
        end += usize::from(matches!(line.as_bytes().get(end), Some(b'.' | b':')));
        if digits == 0 || digits > 3 || line.as_bytes().get(end).is_some_and(|b| *b != b' ') {
            return None;
        }
        return Some(Numbering {
            level: 1,
            len: skip_spaces(line, end),
            bullet: false,
        });
    }
    // 一、 二、
    if is_cn_digit(first) {
        let mut i = 1;
        while at(i).is_some_and(is_cn_digit) {
            i += 1;
        }
        if matches!(at(i), Some('、' | '.' | '．' | ',' | '，')) {
            return done(1, i + 1, false);
        }
        return None;
    }
    // （一） (一) （1） (1)
    if matches!(first, '(' | '（') {
        let mut i = 1;
        let cn = at(1).is_some_and(is_cn_digit);
        while at(i).is_some_and(|c| {
            if cn {
                is_cn_digit(c)
            } else {
                c.is_ascii_digit() || c.is_ascii_alphabetic() && i == 1
            }
        }) {
            i += 1;
        }
        if i > 1 && i <= 4 && matches!(at(i), Some(')' | '）')) {
            return done(if cn { 2 } else { 4 }, i + 1, false);
        }
        return None;
    }
    // ① … ⑳
    if ('\u{2460}'..='\u{2473}').contains(&first) || ('\u{2776}'..='\u{277f}').contains(&first) {
        return done(4, 1, false);
    }
    // 1.1.1 / 1.1 / 1、 / 1. / 1) / 1．
    if first.is_ascii_digit() || ('０'..='９').contains(&first) {
        let mut i = 0;
        let mut dots = 0;
        loop {
            let start = i;
            while at(i).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
                i += 1;
            }
            if i == start || i - start > 3 {
                return None;
            }
            match at(i) {
                Some('.' | '．')
                    if at(i + 1)
                        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) =>
                {
                    dots += 1;
                    i += 1;
                }
                Some('.' | '．' | '、' | ')' | '）') if dots == 0 => {
                    let level = if at(i) == Some(')') || at(i) == Some('）') {
                        4
                    } else {
                        3
                    };
                    return done(level, i + 1, false);
                }
                Some('.' | '．') => return done(if dots == 1 { 2 } else { 3 }, i + 1, false),
                Some(' ') if dots > 0 => return done(if dots == 1 { 2 } else { 3 }, i, false),
                Some(c)
                    if dots > 0
                        && !c.is_ascii_alphanumeric()
                        && !matches!(
                            c,
                            '年' | '月'
                                | '日'
                                | '%'
                                | '万'
                                | '亿'
                                | '元'
                                | '倍'
                                | '版'
                                | '个'
                                | '次'
                                | '天'
                                | '小'
                                | '岁'
                        ) =>
                {
                    return done(if dots == 1 { 2 } else { 3 }, i, false)
                }
                None if dots > 0 => return done(if dots == 1 { 2 } else { 3 }, i, false),
                _ => return None,
            }
        }
    }
    // a. / A) / b、 (single letter, then a separator and a space or CJK)
    if first.is_ascii_alphabetic()
        && matches!(at(1), Some('.' | ')' | '、' | '）'))
        && at(2).is_some_and(|c| c == ' ' || !c.is_ascii())
    {
        return done(4, 2, false);
    }
    None
}

/// The number a numbered line carries, for telling whether one entry continues another:
/// "十、" → 10, "3.2 " → 2 (its last component), "（四）" → 4, "12)" → 12. None for
/// bullets, letters and unnumbered lines.
///
/// ```
/// use mingshi_core::policy::numbering::ordinal;
/// assert_eq!(ordinal("十、与我们联系"), Some(10));
/// assert_eq!(ordinal("二十一、附则"), Some(21));
/// assert_eq!(ordinal("10. Contact us"), Some(10));
/// assert_eq!(ordinal("• 账号"), None);
/// ```
pub fn ordinal(line: &str) -> Option<u32> {
    let n = numbering(line).filter(|n| !n.bullet)?;
    let prefix = line.get(..n.len)?;
    // The last run of digits or Chinese numerals in the prefix.
    let mut runs: Vec<String> = Vec::new();
    let mut prev_digit = false;
    for c in prefix.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c) || is_cn_digit(c);
        match runs.last_mut() {
            Some(run) if digit && prev_digit => run.push(c),
            _ if digit => runs.push(c.to_string()),
            _ => {}
        }
        prev_digit = digit;
    }
    let run = runs.pop()?;
    if let Ok(v) = run
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .parse::<u32>()
    {
        return Some(v);
    }
    cn_value(&run)
}

/// The value of a Chinese numeral below one hundred ("七" 7, "十二" 12, "三十" 30).
fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c == '两' { '二' } else { c })
        .collect();
    match chars.as_slice() {
        [d] => digit(*d).map(|v| v as u32).or((*d == '十').then_some(10)),
        ['十', d] => digit(*d).map(|v| 10 + v as u32),
        [t, '十'] => digit(*t).map(|v| 10 * v as u32),
        [t, '十', d] => Some(10 * digit(*t)? as u32 + digit(*d)? as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_of_each_style() {
        let cases = [
            ("一、总则", Some(1)),
            ("九、其他", Some(9)),
            ("十、与我们联系", Some(10)),
            ("十二、附则", Some(12)),
            ("（三）共享", Some(3)),
            ("(4) 设备", Some(4)),
            ("1.2.3 账号", Some(3)),
            ("7、存储", Some(7)),
            ("11) MAC", Some(11)),
            ("第二章 信息收集", Some(2)),
            ("• 账号", None),
            ("我们非常重视", None),
        ];
        for (line, v) in cases {
            assert_eq!(ordinal(line), v, "{line}");
        }
    }

    #[test]
    fn every_style_in_the_shared_policies() {
        let cases = [
            ("第一部分 定义", 1),
            ("第二章 信息收集", 1),
            ("十、与我们联系", 1),
            ("(一)词语释义", 2),
            ("（三）我们如何共享", 2),
            ("4.2 转让:我们不会", 2),
            ("1.1.1 账号", 3),
            ("1.应用程序或服务是指", 3),
            ("Section 1  Information We Collect", 1),
            ("Article 12. Changes", 1),
            ("2、 附加用户服务", 3),
            ("(1) 设备信息", 4),
            ("1) device", 4),
            ("⑤ 日志", 4),
            ("a. Account", 4),
            ("• 账号管理", 5),
            ("· 位置", 5),
            ("- item", 5),
        ];
        for (line, level) in cases {
            assert_eq!(numbering(line).map(|n| n.level), Some(level), "{line}");
        }
        for plain in [
            "我们非常重视",
            "2023年11月15日",
            "10MB",
            "1.5倍",
            "Privacy Policy",
            "A company",
            "Section headings",
            "Part 3rd",
            "(注)",
        ] {
            assert!(numbering(plain).is_none(), "{plain} is not numbered");
        }
    }

    #[test]
    fn prefix_length_covers_the_separator_and_spaces() {
        let l = "一、 本政策的适用范围";
        let n = numbering(l).unwrap();
        assert_eq!(&l[n.len..], "本政策的适用范围");
        let l = "1.1 本政策";
        assert_eq!(&l[numbering(l).unwrap().len..], "本政策");
    }
}
