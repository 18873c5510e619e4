//! Policy metadata: effective and updated dates (also broken ones such as "2023 11 15"),
//! contact e-mail and phone, the company name, and whether a line is English.

use crate::text;

/// What a policy says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// ISO dates `YYYY-MM-DD`.
    pub effective: Option<String>,
    pub updated: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
}

/// The first date in `s`: 2023年11月15日, 2023-11-15, 2023.11.15, 2023/11/15, "2023 11 15",
/// or an English "November 15, 2023".
///
/// ```
/// use mingshi_core::policy::meta::find_date;
/// assert_eq!(find_date("生效日期：2023 11 15").as_deref(), Some("2023-11-15"));
/// assert_eq!(find_date("更新于2022年9月20日").as_deref(), Some("2022-09-20"));
/// assert_eq!(find_date("Effective: March 3, 2024").as_deref(), Some("2024-03-03"));
/// ```
pub fn find_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        // At most `max` (4) ASCII digits: their value, with no string to parse.
        (*i > start).then(|| {
            chars[start..*i]
                .iter()
                .fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0))
        })
    };
    let sep = |i: &mut usize| -> bool {
        let start = *i;
        while *i < chars.len()
            && matches!(
                chars[*i],
                '年' | '月' | '-' | '.' | '/' | ' ' | '．' | '－' | '／'
            )
        {
            *i += 1;
        }
        *i > start && *i - start <= 2
    };
    for start in 0..chars.len() {
        if !chars[start].is_ascii_digit() || (start > 0 && chars[start - 1].is_ascii_digit()) {
            continue;
        }
        let mut i = start;
        let Some(y) = num(&mut i, 4) else { continue };
        if !(1990..=2100).contains(&y) || !sep(&mut i) {
            continue;
        }
        let Some(m) = num(&mut i, 2) else { continue };
        if !(1..=12).contains(&m) || !sep(&mut i) {
            continue;
        }
        let Some(d) = num(&mut i, 2) else { continue };
        if (1..=31).contains(&d) && chars.get(i).is_none_or(|c| !c.is_ascii_digit()) {
            return Some(iso_date(y, m, d));
        }
    }
    english_date(s)
}

/// `format!("{y:04}-{m:02}-{d:02}")`, written without `format!`: the engine's wasm then
/// holds none of the formatting machinery (1 KB gzip).
fn iso_date(y: u32, m: u32, d: u32) -> String {
    let mut out = String::with_capacity(10);
    for (n, width) in [(y, 4), (m, 2), (d, 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        let mut digits = String::new();
        crate::json::write_i64(&mut digits, i64::from(n));
        for _ in digits.len()..width {
            out.push('0');
        }
        out.push_str(&digits);
    }
    out
}

fn english_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = s.to_ascii_lowercase();
    for (mi, name) in MONTHS.iter().enumerate() {
        if let Some(i) = text::find(&lower, name) {
            // The first two runs of digits after the month's name.
            let mut runs = lower[i + name.len()..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty());
            if let (Some(d), Some(y)) = (runs.next(), runs.next()) {
                let (d, y): (u32, u32) = (d.parse().ok()?, y.parse().ok()?);
                if (1..=31).contains(&d) && (1990..=2100).contains(&y) {
                    return Some(iso_date(y, mi as u32 + 1, d));
                }
            }
        }
    }
    None
}

/// E-mail addresses in `s`.
pub fn emails(s: &str) -> Vec<String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    let mut out = Vec::new();
    for (at, _) in s.match_indices('@') {
        // The address characters before and after the '@', as slices of `s`.
        let local_start = s[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| ok(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let local = &s[local_start..at];
        let after = &s[at + 1..];
        let domain_end = after
            .char_indices()
            .find(|(_, c)| !ok(*c))
            .map_or(after.len(), |(i, _)| i);
        let domain = after[..domain_end].trim_end_matches('.');
        if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') {
            let mut email = String::with_capacity(local.len() + 1 + domain.len());
            email.push_str(local);
            email.push('@');
            email.push_str(domain);
            out.push(email);
        }
    }
    out
}

/// Phone numbers: 400/800 numbers, mobile numbers (1xx xxxx xxxx) and area-code numbers.
pub fn phones(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    if s.bytes().filter(u8::is_ascii_digit).count() < 7 {
        return out;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '-' | ' ')
                        && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                i += 1;
            }
            let raw: String = chars[start..i].iter().copied().collect();
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            let phone = (digits.len() == 10
                && (digits.starts_with("400") || digits.starts_with("800")))
                || (digits.len() == 11 && digits.starts_with('1') && !raw.contains(' '))
                || ((10..=12).contains(&digits.len())
                    && digits.starts_with('0')
                    && raw.contains('-'));
            if phone && find_date(&raw).is_none() {
                out.push(raw.trim().to_string());
            }
        }
        i += 1;
    }
    out
}

/// A company name ending in 有限公司 / 有限责任公司 / Co., Ltd.
pub fn company(s: &str) -> Option<String> {
    // A quick test first: this runs for every unit, and each name ends in "公司".
    if !text::contains(s, "司") {
        return None;
    }
    for end in ["有限责任公司", "股份有限公司", "有限公司"] {
        if let Some(i) = text::find(s, end) {
            let before = &s[..i];
            let start = before
                .char_indices()
                .rev()
                .find(|(_, c)| {
                    matches!(
                        c,
                        '，' | ','
                            | '、'
                            | '。'
                            | '（'
                            | '('
                            | '“'
                            | '"'
                            | '：'
                            | ':'
                            | ' '
                            | '；'
                            | '）'
                            | ')'
                            | '为'
                            | '是'
                            | '由'
                    )
                })
                .map_or(0, |(b, c)| b + c.len_utf8());
            let name = &s[start..i + end.len()];
            if name.chars().count() >= 6 {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Whether a line is English text (for splitting zh+en policies).
pub fn is_english(line: &str) -> bool {
    let (mut letters, mut cjk) = (0, 0);
    for c in line.chars() {
        if c.is_ascii_alphabetic() {
            letters += 1;
        } else if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            cjk += 1;
        }
    }
    letters >= 12 && cjk * 10 < letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_and_company() {
        assert_eq!(
            emails("请发送邮件至 privacy@xuyun.com。"),
            ["privacy@xuyun.com"]
        );
        assert_eq!(
            phones("客服电话：400-820-1234，或 13800138000"),
            ["400-820-1234", "13800138000"]
        );
        assert!(phones("生效日期 2023-11-15").is_empty());
        assert_eq!(
            company("深圳市明源云链互联网科技有限公司(以下简称“我们”)").as_deref(),
            Some("深圳市明源云链互联网科技有限公司")
        );
        assert!(is_english("This Privacy Policy applies to our services."));
        assert!(!is_english("本政策适用于 Mingshi 服务"));
    }
}
