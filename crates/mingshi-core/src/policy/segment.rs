//! Sentence segmentation: ends at 。；！？ and their half-width forms (`;` `!` `?`, and
//! `.` followed by a space or the end), never inside numbers (1.5), URLs or e-mail
//! addresses, and keeps closing quotes and brackets with their sentence. A run of text
//! with no sentence end is cut into pieces of at most [`MAX_SENTENCE`] bytes.

/// The longest sentence, in bytes (2,000 Chinese characters; the longest in the policies
/// seen so far has 922). Key-clause detection looks back over a sentence for each keyword
/// in it, so one endless "sentence" (a page with no punctuation) would cost time growing
/// with the square of its length. A longer run is cut after its last comma, enumeration
/// comma or space before the limit, or at the limit if it has none.
pub const MAX_SENTENCE: usize = 6000;

/// Splits `text` into sentences; returns byte ranges into `text`, trimmed.
///
/// ```
/// use mingshi_core::policy::segment::sentences;
/// let t = "我们收集手机号。版本1.5见 https://a.example/p.html；联系 a@b.cn! Done.";
/// let parts: Vec<&str> = sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect();
/// assert_eq!(parts, ["我们收集手机号。", "版本1.5见 https://a.example/p.html；", "联系 a@b.cn!", "Done."]);
/// ```
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_url = false;
    // Where the current run may be cut if it grows too long: after its last soft break.
    let mut soft_break = None;
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        if b + c.len_utf8() - start > MAX_SENTENCE {
            let cut = soft_break.unwrap_or(b);
            push(text, start, cut, &mut out);
            start = cut;
            soft_break = None;
        }
        if c.is_whitespace() || matches!(c, '，' | ',' | '、') {
            soft_break = Some(b + c.len_utf8());
        }
        if c.is_whitespace() {
            in_url = false;
        } else if !in_url && matches!(c, 'h' | 'w') {
            let rest = &text[b..];
            in_url = ["http://", "https://", "www."]
                .iter()
                .any(|p| rest.starts_with(p));
        }
        let ends = match c {
            '。' | '；' | '！' | '？' => true,
            ';' | '!' | '?' => !in_url,
            '.' => {
                !in_url
                    && chars.peek().is_none_or(|(_, n)| n.is_whitespace())
                    && !prev_is_abbrev(text, b)
                    && !is_list_marker(&text[start..b])
            }
            _ => false,
        };
        if ends {
            // Keep closing quotes and brackets with the sentence.
            while chars
                .next_if(|(_, c)| {
                    matches!(c, '”' | '’' | '"' | '\'' | ')' | '）' | '」' | '』' | '】')
                })
                .is_some()
            {}
            let end = chars.peek().map_or(text.len(), |(b, _)| *b);
            push(text, start, end, &mut out);
            start = end;
            soft_break = None;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

/// Whether the sentence so far is only a list number ("1", "1.1.1", "(2)", "a"), after any
/// mark or bullet ("▲ 1", "• 2"): its dot belongs to the numbering ("1. How do we…"), not
/// to a sentence end.
fn is_list_marker(so_far: &str) -> bool {
    let t = so_far.trim_start_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '('));
    let t = t.trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_ascii_alphanumeric(),
        _ => t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '(' | ')')),
    }
}

/// Whether the word before the dot at byte `dot` is a common abbreviation ("e.g.", "Co.",
/// Singapore's "Pte. Ltd.").
fn prev_is_abbrev(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word = &before[before
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len()..];
    matches!(
        word,
        "e" | "g"
            | "i"
            | "etc"
            | "Co"
            | "Ltd"
            | "Inc"
            | "Pte"
            | "No"
            | "Mr"
            | "Ms"
            | "Dr"
            | "vs"
            | "St"
    )
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn an_endless_sentence_is_cut_at_soft_breaks_below_the_limit() {
        let clause = "我们会收集您的信息并共享给第三方，";
        let text = clause.repeat(2_000);
        let parts = split(&text);
        assert!(parts.len() > 1);
        assert!(parts
            .iter()
            .all(|p| p.len() <= MAX_SENTENCE && p.ends_with('，')));
        assert_eq!(parts.concat(), text);
        // No soft break at all: cut at the limit, on a character boundary.
        let text = "我".repeat(5_000);
        let parts = split(&text);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn chinese_and_english_punctuation() {
        assert_eq!(split("甲。乙；丙！丁？"), ["甲。", "乙；", "丙！", "丁？"]);
        assert_eq!(
            split("We share data; we keep it. OK"),
            ["We share data;", "we keep it.", "OK"]
        );
    }

    #[test]
    fn not_inside_numbers_urls_or_abbreviations() {
        assert_eq!(split("费率为1.5%。"), ["费率为1.5%。"]);
        assert_eq!(
            split("见 https://x.cn/a;b?c=1。完"),
            ["见 https://x.cn/a;b?c=1。", "完"]
        );
        assert_eq!(
            split("Acme Co. Ltd. shares data."),
            ["Acme Co. Ltd. shares data."]
        );
        assert_eq!(
            split("由 FlashClip Pte. Ltd. 运营。"),
            ["由 FlashClip Pte. Ltd. 运营。"]
        );
    }

    #[test]
    fn list_numbers_stay_with_their_sentence() {
        assert_eq!(
            split("1. How do we use cookies? 1.1.1. \"App\" refers to us. a. Yes."),
            [
                "1. How do we use cookies?",
                "1.1.1. \"App\" refers to us.",
                "a. Yes."
            ]
        );
        // After a mark the policy puts on key clauses.
        assert_eq!(
            split("▲ 1. 商品由个人用户发布，我们不是出售方."),
            ["▲ 1. 商品由个人用户发布，我们不是出售方."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(split("他说“同意。”然后"), ["他说“同意。”", "然后"]);
    }
}
