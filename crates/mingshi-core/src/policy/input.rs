//! Turning the bytes a site gives us into lines of text with bold spans: checks (empty,
//! binary, invalid UTF-8, too large), format detection, and allow-list reading of the
//! HTML and Markdown subsets. Nothing of the markup survives except headings, list
//! items, table cells as lines, and bold spans (b/strong, `font-weight`); scripts, styles, event
//! handlers and unknown tags are dropped, so no markup can reach a page.

use super::PolicyError;
use crate::text;

/// Largest policy accepted (bytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// How the policy text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// Guess from the content.
    Auto,
}

/// One source line: its 1-based number, its text, byte ranges of bold text, and a
/// heading level when the markup said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
    pub bold: Vec<(usize, usize)>,
    pub heading: Option<u8>,
}

/// Checks raw bytes and decodes them.
pub fn decode(bytes: &[u8]) -> Result<&str, PolicyError> {
    if bytes.len() > MAX_BYTES {
        return Err(PolicyError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| PolicyError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    check_text(text)?;
    Ok(text)
}

/// Checks decoded text (size, emptiness, binary content).
pub fn check_text(text: &str) -> Result<(), PolicyError> {
    if text.len() > MAX_BYTES {
        return Err(PolicyError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(PolicyError::Empty);
    }
    // Control characters (`char::is_control`) are U+0000–U+001F, U+007F and U+0080–U+009F
    // (in UTF-8, 0xC2 then 0x80–0x9F): counted on the bytes, without decoding.
    let bytes = text.as_bytes();
    let mut controls = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Most bytes are none of these: one test rejects them.
        if b >= 0x20 && b != 0x7f && b != 0xc2 {
            continue;
        }
        controls += usize::from(match b {
            b'\n' | b'\r' | b'\t' | 0x0c => false,
            0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
            _ => true,
        });
    }
    if controls > 8 && controls * 100 > text.chars().count() {
        return Err(PolicyError::Binary);
    }
    Ok(())
}

/// Picks the format from the content when asked to guess.
pub fn detect(text: &str, format: Format) -> Format {
    if format != Format::Auto {
        return format;
    }
    let end = text.char_indices().nth(4000).map_or(text.len(), |(i, _)| i);
    let head = text[..end].to_ascii_lowercase();
    let tags = [
        "<p", "<div", "<h1", "<h2", "<h3", "<br", "<strong", "<b>", "<li", "<table", "<html",
        "<body", "<script", "<img", "<a ", "<span", "<style", "<em>", "<u>", "<ul", "<ol",
        "<iframe",
    ];
    // Every tag starts with '<': plain text, which has none, needs no search per tag.
    if head.contains('<') && tags.iter().filter(|t| text::contains(&head, t)).count() >= 2
        || head.trim_start().starts_with("<!doctype html")
    {
        Format::Html
    } else if text::contains(&head, "**")
        || head
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
    {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Reads text in the given format into lines.
pub fn lines(text: &str, format: Format) -> Vec<Line> {
    let mut out = match detect(text, format) {
        Format::Html => html_lines(text),
        Format::Markdown => markdown_lines(text),
        _ => {
            // A loop, not `map(...).collect()`: the collected chain was 0.8 KB of wasm.
            let mut out = Vec::new();
            for (i, l) in text.lines().enumerate() {
                out.push(Line {
                    number: i + 1,
                    text: clean(&cells_joined(l).unwrap_or_else(|| l.to_string())),
                    bold: Vec::new(),
                    heading: None,
                });
            }
            out
        }
    };
    bold_marked(&mut out);
    out
}

/// A table row flattened into text with its cells apart by tabs, full-width bars, wide
/// gaps or spaced dashes ("微信SDK\t腾讯\t登录", "SDK｜提供方｜用途", "SDK　　提供方　　用途",
/// "微信SDK – 腾讯 – 登录 – 设备标识", "支付宝SDK —— 支付 —— 设备信息", and labelled fields
/// apart by semicolons, "SDK名称：个推；提供方：每日互动；目的：推送"; what copying a table out of a page or a document
/// gives): its cells joined by " | ", the separator the analysis reads rows by. At least
/// three cells, four with dashes ("We – and our partners – collect" is a sentence), and a
/// gap of plain spaces after a sentence's end ("Yes.  We do.") separates no cells.
fn cells_joined(line: &str) -> Option<String> {
    let line = text::trim(line);
    let mut cells = Vec::new();
    for (sep, least) in [("｜", 3), (" —— ", 3), (" – ", 4), (" — ", 4), ("；", 3)] {
        // A record of labelled fields ("SDK名称：个推；提供方：每日互动；目的：推送") is a row;
        // clauses apart by semicolons are not.
        let labelled = sep != "；" || text::split(line, sep).all(|c| text::contains(c, "："));
        if labelled && text::split(line, sep).nth(least - 1).is_some() {
            for cell in text::split(line, sep) {
                cells.push(text::trim(cell).to_string());
            }
            return Some(text::join(&cells, " | "));
        }
    }
    // Gaps: a tab, an ideographic space, or two spaces not after a sentence's end. A plain
    // loop over the characters (an iterator chain here cost the policy engine 1 KB gzip).
    let (mut start, mut gap_at, mut gap_len, mut wide) = (0, 0, 0, false);
    for (i, c) in line.char_indices() {
        if matches!(c, ' ' | '\t' | '\u{3000}') {
            if gap_len == 0 {
                gap_at = i;
            }
            gap_len += 1;
            wide |= c != ' ';
            continue;
        }
        let after_end = matches!(
            line[..gap_at].chars().next_back(),
            Some('.' | '!' | '?' | ',' | ';' | ':')
        );
        if gap_len > 0 && (wide || gap_len >= 2 && !after_end) {
            cells.push(line[start..gap_at].to_string());
            start = i;
        }
        (gap_len, wide) = (0, false);
    }
    cells.push(line[start..].to_string());
    (cells.len() >= 3).then(|| text::join(&cells, " | "))
}

/// Symbols a plain-text policy puts before the clauses it wants read first, in place of
/// bold; a bracketed word ("【重点】", "【请注意】") serves too.
const MARKS: [&str; 9] = ["★", "☆", "◆", "◇", "▲", "△", "※", "■", "【"];

/// Where the policy says which mark it puts on its important clauses ("请特别注意以 ▲ 标记
/// 的段落", "标有◆的回答涉及敏感个人信息", "我们在前面加了★", "标【请注意】的回答请重点看"),
/// each line so marked is bold from the mark to its end, as if the source had been markup;
/// the note itself is not. The note is the first line naming a mark right after a word that
/// attaches it (标, 有, 以, 加了, 带, 用...); a mark used only as a bullet ("◆ 保存期限") is no
/// note, and marks nothing.
fn bold_marked(lines: &mut [Line]) {
    let mut note = None;
    'lines: for (i, l) in lines.iter().enumerate() {
        for mark in MARKS {
            let Some(at) = text::find(&l.text, mark) else {
                continue;
            };
            // A bracketed word is the mark whole ("【请注意】"), up to a short length.
            let mark = match mark {
                "【" => match text::find(&l.text[at..], "】") {
                    Some(end) if end <= 18 => &l.text[at..at + end + "】".len()],
                    _ => continue,
                },
                _ => mark,
            };
            let before = text::trim(&l.text[..at]);
            for w in ["标", "有", "以", "了", "加", "带", "用"] {
                if before.ends_with(w) {
                    note = Some((i, mark.to_string()));
                    break 'lines;
                }
            }
        }
    }
    let Some((note, mark)) = note else { return };
    for (i, l) in lines.iter_mut().enumerate() {
        match text::find(&l.text, &mark) {
            Some(at) if i != note => l.bold.push((at, l.text.len())),
            _ => {}
        }
    }
}

/// NBSP, ideographic and other odd spaces to plain spaces; trims.
pub fn clean(s: &str) -> String {
    let odd = |c: char| {
        matches!(
            c,
            '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200b}' | '\t' | '\u{feff}'
        )
    };
    if !s.chars().any(odd) {
        return s.trim().to_string();
    }
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200a}' | '\t' => ' ',
            '\u{200b}' | '\u{feff}' => '\u{0}',
            c => c,
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    mapped.trim().to_string()
}

/// Markdown subset: `#` headings, `-`/`*` items, `**bold**`/`__bold__`.
fn markdown_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let mut l = clean(raw);
        let mut heading = None;
        let hashes = l.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && l[hashes..].starts_with(' ') {
            heading = Some(hashes as u8);
            l = l[hashes..].trim().to_string();
        }
        let (text, bold) = strip_bold_markers(&l);
        out.push(Line {
            number: i + 1,
            text,
            bold,
            heading,
        });
    }
    out
}

/// Removes `**`/`__` pairs and records the bold ranges in the result.
fn strip_bold_markers(l: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(l.len());
    let mut bold = Vec::new();
    let mut open: Option<usize> = None;
    let mut rest = l;
    while !rest.is_empty() {
        if rest.starts_with("**") || rest.starts_with("__") {
            match open.take() {
                Some(start) => bold.push((start, text.len())),
                None => open = Some(text.len()),
            }
            rest = &rest[2..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if let Some(start) = open {
        bold.push((start, text.len()));
    }
    (text, bold)
}

const BLOCK: &[&str] = &[
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "ul", "ol", "table", "hr",
];
const DROP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head", "title",
    "textarea", "select",
];

/// Byte offset of the first `</name` in `html`, in any letter case (`</SCRIPT>` closes
/// `<script>`). `name` is lower case. Linear in `html`: a page with thousands of
/// `<script>` blocks must not copy the rest of the page for each one.
fn find_close_tag(html: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text::find(&html[from..], "</") {
        let at = from + i;
        let after = &html.as_bytes()[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// HTML subset by allow-list: text, block boundaries as line breaks, headings, list items
/// as bullets, and b/strong or an inline `font-weight` style as bold. Tags are never
/// copied; entities are decoded.
fn html_lines(html: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut cur = Line {
        number: 1,
        text: String::new(),
        bold: Vec::new(),
        heading: None,
    };
    let mut line_no = 1;
    let mut bold_depth = 0usize;
    let mut bold_start = 0usize;
    // The inline elements open (name, whether it made its text bold), so that a closing tag
    // ends what its own opening tag began: `<span style="font-weight:bold">a <span>b</span>
    // c</span>` is bold to its end. At most MAX_OPEN deep; deeper tags are not followed.
    let mut open: Vec<(&str, bool)> = Vec::new();
    // Whether the current line is a list item (`<li>`).
    let mut item = false;
    let mut skip_until: Option<String> = None;
    let mut rest = html;
    let flush = |cur: &mut Line, out: &mut Vec<Line>, next_line: usize, item: bool| {
        let text = cur.text.clone();
        let lead = text.len() - text.trim_start().len();
        let mut trimmed = text.trim().to_string();
        // A list item without its own number reads as the bullet it is shown with: an
        // item, never a heading, and key when its list's lead-in is.
        let bullet = if item && super::numbering::numbering(&trimmed).is_none() {
            "• "
        } else {
            ""
        };
        if !trimmed.is_empty() {
            trimmed.insert_str(0, bullet);
            // The bold ranges moved into the trimmed text (a plain loop: smaller in wasm).
            let mut bold = Vec::new();
            for (s, e) in &cur.bold {
                let (s, e) = (
                    (s.saturating_sub(lead) + bullet.len()).min(trimmed.len()),
                    (e.saturating_sub(lead) + bullet.len()).min(trimmed.len()),
                );
                if e > s && trimmed.is_char_boundary(s) && trimmed.is_char_boundary(e) {
                    bold.push((s, e));
                }
            }
            out.push(Line {
                number: cur.number,
                text: trimmed,
                bold,
                heading: cur.heading,
            });
        }
        *cur = Line {
            number: next_line,
            text: String::new(),
            bold: Vec::new(),
            heading: None,
        };
    };
    while !rest.is_empty() {
        if let Some(tag) = &skip_until {
            match find_close_tag(rest, tag) {
                Some(i) => {
                    line_no += rest[..i].matches('\n').count();
                    rest = &rest[i..];
                    skip_until = None;
                }
                None => break,
            }
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = text::find(after, "-->").map_or(after.len(), |i| i + 3);
            line_no += after[..end.min(after.len())].matches('\n').count();
            rest = &after[end.min(after.len())..];
            continue;
        }
        if rest.starts_with('<') {
            let (tag_text, end) = match rest.find('>') {
                Some(i) => (&rest[1..i], i + 1),
                None => (&rest[1..], rest.len()),
            };
            line_no += rest[..end].matches('\n').count();
            rest = &rest[end..];
            let closing = tag_text.starts_with('/');
            // The tag's name: its leading ASCII letters and digits, a slice (a non-ASCII
            // character's bytes are none of them).
            let after_slash = tag_text.trim_start_matches('/');
            let name_len = after_slash
                .bytes()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(after_slash.len());
            let name = after_slash[..name_len].to_ascii_lowercase();
            if !closing && DROP_CONTENT.contains(&name.as_str()) && !tag_text.ends_with('/') {
                skip_until = Some(name);
                continue;
            }
            if BLOCK.contains(&name.as_str()) {
                if bold_depth > 0 {
                    cur.bold.push((bold_start, cur.text.len()));
                    bold_start = 0;
                }
                flush(&mut cur, &mut out, line_no, item);
                // An item's lines stay items until it or its list ends.
                if matches!(name.as_str(), "li" | "ul" | "ol" | "table") {
                    item = !closing && name == "li";
                }
                if !closing && name.len() == 2 && name.starts_with('h') {
                    cur.heading = name[1..].parse().ok();
                }
            }
            if closing {
                // Closes the innermost element of its name and any left open inside it.
                if let Some(i) = open
                    .iter()
                    .rposition(|(n, _)| n.eq_ignore_ascii_case(&name))
                {
                    while open.len() > i {
                        let Some((_, bold)) = open.pop() else { break };
                        if bold && bold_depth == 1 {
                            cur.bold.push((bold_start, cur.text.len()));
                        }
                        bold_depth -= usize::from(bold);
                    }
                }
            } else if !tag_text.ends_with('/') && !VOID.contains(&name.as_str()) {
                let bold = name == "b" || name == "strong" || styled_bold(tag_text);
                // A block is followed only when bold (`<p style="font-weight:bold">`): an
                // unclosed `<p>` is common and would fill the list.
                if !bold && BLOCK.contains(&name.as_str()) {
                    continue;
                }
                if bold && bold_depth == 0 {
                    bold_start = cur.text.len();
                }
                if open.len() < MAX_OPEN {
                    bold_depth += usize::from(bold);
                    open.push((&after_slash[..name_len], bold));
                }
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let chunk = &rest[..next];
        line_no += chunk.matches('\n').count();
        // Runs of whitespace as one space, written into one string (no vector of words
        // joined).
        let mut words = String::with_capacity(chunk.len());
        for w in chunk.split_whitespace() {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(w);
        }
        let decoded = decode_entities(&words);
        if !decoded.is_empty() {
            if !cur.text.is_empty() && chunk.starts_with(char::is_whitespace) {
                cur.text.push(' ');
            }
            if bold_depth > 0 && bold_start > cur.text.len() {
                bold_start = cur.text.len();
            }
            cur.text.push_str(&clean(&decoded));
            if chunk.ends_with(char::is_whitespace) {
                cur.text.push(' ');
            }
        }
        rest = &rest[next..];
    }
    if bold_depth > 0 {
        cur.bold.push((bold_start, cur.text.len()));
    }
    flush(&mut cur, &mut out, line_no, item);
    out
}

/// How many inline elements deep [`html_lines`] follows bold.
const MAX_OPEN: usize = 256;

/// Elements that have no closing tag.
const VOID: &[&str] = &[
    "img", "input", "meta", "link", "wbr", "area", "col", "source",
];

/// Whether an opening tag's inline style makes its text bold (`style="font-weight: bold"`,
/// `700`, …, `bolder`), as rich-text editors write bold.
fn styled_bold(tag_text: &str) -> bool {
    let lower = tag_text.to_ascii_lowercase();
    let Some(at) = text::find(&lower, "font-weight") else {
        return false;
    };
    let value = lower[at + "font-weight".len()..].trim_start();
    let Some(value) = value.strip_prefix(':') else {
        return false;
    };
    let value = value.trim_start();
    ["bold", "600", "700", "800", "900"]
        .iter()
        .any(|v| value.starts_with(v))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bold parts of a line's text.
    fn bold(l: &Line) -> Vec<String> {
        l.bold
            .iter()
            .map(|(s, e)| l.text[*s..*e].to_string())
            .collect()
    }

    #[test]
    fn table_rows_copied_as_text_have_their_cells_apart_by_bars() {
        let texts = |t: &str| -> Vec<String> {
            lines(t, Format::Text).into_iter().map(|l| l.text).collect()
        };
        assert_eq!(
            texts("SDK名称\t公司\t用途\n微信SDK\t深圳市腾讯计算机系统有限公司\t登录、分享"),
            [
                "SDK名称 | 公司 | 用途",
                "微信SDK | 深圳市腾讯计算机系统有限公司 | 登录、分享"
            ]
        );
        assert_eq!(
            texts("极光推送SDK｜深圳市和讯华谷信息技术有限公司｜推送"),
            ["极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 推送"]
        );
        assert_eq!(
            texts("个推SDK \u{3000}\u{3000}每日互动股份有限公司 \u{3000}\u{3000}推送"),
            ["个推SDK | 每日互动股份有限公司 | 推送"]
        );
        assert_eq!(
            texts("SDK名称：个推；提供方：每日互动股份有限公司；目的：推送"),
            ["SDK名称：个推 | 提供方：每日互动股份有限公司 | 目的：推送"]
        );
        assert_eq!(
            texts("2. 支付宝SDK —— 缴费 —— 设备信息"),
            ["2. 支付宝SDK | 缴费 | 设备信息"]
        );
        assert_eq!(
            texts("支付宝SDK – 支付宝（中国）网络技术有限公司 – 支付 – 设备信息"),
            ["支付宝SDK | 支付宝（中国）网络技术有限公司 | 支付 | 设备信息"]
        );
        // Not tables: one gap after a number, a dash aside, two spaces after a full stop,
        // a tab of indentation.
        for line in [
            "第一部分  我们处理哪些个人信息",
            "We – and our partners – collect your e-mail address.",
            "We collect it.  We keep it.  We delete it.",
            "\t1. 我们收集您的昵称。",
            "我们收集昵称；用于展示；不会共享。",
        ] {
            assert_eq!(texts(line), [clean(line)], "{line}");
        }
    }

    #[test]
    fn a_mark_the_policy_says_it_puts_on_key_clauses_makes_them_bold() {
        let text = "特别提示\n请特别注意以 ▲ 标记的段落。\n1. 我们收集您的昵称。\n2. ▲ 我们会向合作方提供您的手机号。\n3. 您可以更正；▲ 已办结的记录无法删除。";
        let ls = lines(text, Format::Text);
        assert!(ls[1].bold.is_empty(), "the note itself");
        assert!(ls[2].bold.is_empty());
        assert_eq!(bold(&ls[3]), ["▲ 我们会向合作方提供您的手机号。"]);
        assert_eq!(bold(&ls[4]), ["▲ 已办结的记录无法删除。"]);
        // Marks used as bullets, with no note saying what they mean, mark nothing.
        let ls = lines("◆ 保存地点\n我们存储在境内。\n◆ 保存期限", Format::Text);
        assert!(ls.iter().all(|l| l.bold.is_empty()));
        // Nor does another symbol than the one the note names.
        let ls = lines(
            "标有★的条款请重点阅读。\n◆ 我们收集昵称。\n★ 我们共享。",
            Format::Text,
        );
        assert!(ls[1].bold.is_empty());
        assert_eq!(bold(&ls[2]), ["★ 我们共享。"]);
        // A bracketed word is a mark too.
        let ls = lines(
            "标了【重点】的段落请一定读。\n1.3 【重点】弹幕会显示给所有观众。",
            Format::Text,
        );
        assert!(ls[0].bold.is_empty());
        assert_eq!(bold(&ls[1]), ["【重点】弹幕会显示给所有观众。"]);
        let ls = lines(
            "标【请注意】的回答请重点看。\n【请注意】接送期间司机的位置会共享给你。\n【其他】营业时间。",
            Format::Text,
        );
        assert_eq!(bold(&ls[1]), ["【请注意】接送期间司机的位置会共享给你。"]);
        assert!(ls[2].bold.is_empty());
    }

    #[test]
    fn html_bold_by_inline_style_ends_with_its_own_element() {
        let html = r#"<p><span style="color:red; font-weight: 700">如您拒绝<span>提供</span>，将无法支付</span>。</p><p style="FONT-WEIGHT:bold">我们共享。</p><p><span style="font-weight:normal">普通</span><font>文字</font></p>"#;
        let ls = lines(html, Format::Html);
        assert_eq!(bold(&ls[0]), ["如您拒绝提供，将无法支付"]);
        assert_eq!(bold(&ls[1]), ["我们共享。"]);
        assert_eq!(ls[2].text, "普通文字");
        assert!(ls[2].bold.is_empty());
        // A stray closing tag ends nothing it did not open.
        let ls = lines("<p><b>甲</span>乙</b>丙</p>", Format::Html);
        assert_eq!(bold(&ls[0]), ["甲乙"]);
    }

    #[test]
    fn html_list_items_read_as_bullets_unless_numbered() {
        let ls = lines(
            "<p>以下情形：</p><ul><li>设备信息</li><li><b>日志</b>信息</li></ul><ol><li>1. 账号</li></ol><p>完</p>",
            Format::Html,
        );
        let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["以下情形：", "• 设备信息", "• 日志信息", "1. 账号", "完"]
        );
        let (s, e) = ls[2].bold[0];
        assert_eq!(&ls[2].text[s..e], "日志");
    }

    #[test]
    fn html_keeps_text_headings_and_bold_and_drops_everything_else() {
        let html = "<h2>二、共享</h2><p>我们<strong>不会出售</strong>您的信息。<script>alert(1)</script><img src=x onerror=alert(2)></p><p>A &amp; B &lt;b&gt;</p>";
        let ls = lines(html, Format::Auto);
        assert_eq!(ls[0].text, "二、共享");
        assert_eq!(ls[0].heading, Some(2));
        assert_eq!(ls[1].text, "我们不会出售您的信息。");
        let (s, e) = ls[1].bold[0];
        assert_eq!(&ls[1].text[s..e], "不会出售");
        assert_eq!(ls[2].text, "A & B <b>");
        assert!(ls.iter().all(|l| !l.text.contains("alert")));
    }

    #[test]
    fn dropped_blocks_end_at_their_closing_tag_in_any_case() {
        let html = "<p>一</p><SCRIPT>x()</Script><p>二</p><style>p{}</STYLE ><p>三</p>";
        let texts: Vec<_> = lines(html, Format::Html)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(texts, ["一", "二", "三"]);
        assert_eq!(find_close_tag("a</scrip</SCRIPT>", "script"), Some(8));
        assert_eq!(find_close_tag("</scrip", "script"), None);
        assert_eq!(find_close_tag("x<", "script"), None);
    }

    #[test]
    fn an_unclosed_dropped_block_drops_the_rest() {
        let texts: Vec<_> = lines("<p>一</p><script>x()<p>二</p>", Format::Html)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(texts, ["一"]);
    }

    #[test]
    fn thousands_of_script_blocks_keep_every_paragraph() {
        // Each skipped block once copied the whole rest of the page: quadratic.
        let html = "<p>我们收集信息。</p><script>var a = 1;</SCRIPT>".repeat(20_000);
        let ls = lines(&html, Format::Html);
        assert_eq!(ls.len(), 20_000);
        assert!(ls.iter().all(|l| l.text == "我们收集信息。"));
    }

    #[test]
    fn markdown_bold_and_headings() {
        let ls = lines("# 隐私政策\n\n我们**会共享**信息。", Format::Markdown);
        assert_eq!(ls[0].heading, Some(1));
        let l = &ls[2];
        assert_eq!(l.text, "我们会共享信息。");
        assert_eq!(&l.text[l.bold[0].0..l.bold[0].1], "会共享");
    }

    #[test]
    fn bad_bytes_are_named() {
        assert_eq!(decode(b""), Err(PolicyError::Empty));
        assert_eq!(
            decode(b"ok\xff"),
            Err(PolicyError::InvalidUtf8 { offset: 2 })
        );
        assert_eq!(decode(&[1u8; 200]), Err(PolicyError::Binary));
        assert!(matches!(
            decode(&vec![b'a'; MAX_BYTES + 1]),
            Err(PolicyError::TooLarge { .. })
        ));
    }
}
