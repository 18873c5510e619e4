//! Privacy policies: parsing policy text (plain, Markdown subset, HTML subset) into a
//! document model of headings, sentences, table-of-contents entries and metadata, finding
//! the key clauses (bold in the source, or detected with reason tags), the policy's
//! identity (content hash, version), and a compact precompiled form for the browser.
//!
//! ```
//! use mingshi_core::policy::{analyze, Format, Kind};
//! let p = analyze("隐私政策\n一、共享\n我们不会与第三方共享您的身份证号码。", Format::Auto).unwrap();
//! let doc = &p.languages[0];
//! assert_eq!(doc.title, "隐私政策");
//! let u = doc.units.iter().find(|u| u.kind == Kind::Sentence).unwrap();
//! assert!(u.key);
//! assert_eq!(u.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["sensitive", "sharing"]);
//! ```

mod compiled;
pub mod detect;
pub mod input;
pub mod meta;
pub mod numbering;
pub mod segment;

use std::fmt;

use crate::text;

pub use compiled::CompiledError;
pub use detect::{Tag, ALL_TAGS};
pub use input::Format;
pub use meta::Meta;

/// SHA-256 (lowercase hex) of the policy text exactly as shown; recorded in receipts.
pub fn text_sha256(text: &str) -> String {
    crate::hash::sha256_hex(text.as_bytes())
}

/// Why a policy could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    Empty,
    TooLarge { bytes: usize },
    InvalidUtf8 { offset: usize },
    Binary,
}

impl PolicyError {
    /// The message, built without `write!` or `to_string()`: the wasm modules that report it
    /// (the component, the policy engine) then carry no formatting code (-0.2 KB gzip on the
    /// engine).
    pub fn message(&self) -> String {
        let mut m = String::new();
        match self {
            PolicyError::Empty => m.push_str("the policy is empty"),
            PolicyError::TooLarge { bytes } => {
                m.push_str("the policy is ");
                crate::json::write_i64(&mut m, *bytes as i64);
                m.push_str(" bytes; the limit is ");
                crate::json::write_i64(&mut m, input::MAX_BYTES as i64);
                m.push_str(" bytes");
            }
            PolicyError::InvalidUtf8 { offset } => {
                m.push_str("the policy is not UTF-8 text: invalid bytes at byte offset ");
                crate::json::write_i64(&mut m, *offset as i64);
            }
            PolicyError::Binary => m.push_str("the policy looks like binary data, not text"),
        }
        m
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for PolicyError {}

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Sentence,
    /// An entry of the table of contents at the top.
    Toc,
    /// Dates and contact lines.
    Meta,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Heading => "heading",
            Kind::Sentence => "sentence",
            Kind::Toc => "toc",
            Kind::Meta => "meta",
        }
    }
}

/// One heading, sentence, contents entry or meta line, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// 1-based line in the input.
    pub line: usize,
    /// The exact text (numbering kept for headings).
    pub text: String,
    pub kind: Kind,
    /// Outline level of headings (1 = top), 0 otherwise.
    pub level: u8,
    pub key: bool,
    /// Bold in the source markup.
    pub bold: bool,
    pub tags: Vec<Tag>,
    /// Byte ranges of sensitive data terms in `text`.
    pub terms: Vec<(usize, usize)>,
    /// Index of the heading unit this unit belongs to.
    pub section: Option<usize>,
    /// Starts a new paragraph (first sentence of its source line).
    pub paragraph_start: bool,
}

/// A contents entry and the heading it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocLink {
    pub entry: usize,
    pub target: Option<usize>,
}

/// One language of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `zh` or `en`.
    pub lang: String,
    pub title: String,
    pub meta: Meta,
    pub units: Vec<Unit>,
    pub toc: Vec<TocLink>,
    /// SHA-256 over a normalised form: stable across whitespace and punctuation width.
    pub content_hash: String,
    /// The effective (or updated) date, else `sha-` and the hash's first 12 digits.
    pub version: String,
    /// Whether the source had bold markup at all.
    pub has_bold: bool,
}

/// A policy: one document per language, the primary first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub languages: Vec<Document>,
    /// SHA-256 of the source text exactly as given ([`text_sha256`]): what a site pins in
    /// `policy.sha256` and what receipts record. Precompiled policies carry it with them.
    pub source_sha256: String,
}

/// Parses and analyses policy text.
pub fn analyze(text: &str, format: Format) -> Result<Policy, PolicyError> {
    input::check_text(text)?;
    let lines = input::lines(text, format);
    let groups = split_languages(&lines);
    let mut languages = Vec::new();
    for (lang, ls) in groups {
        languages.push(document(lang, ls));
    }
    Ok(Policy {
        languages,
        source_sha256: text_sha256(text),
    })
}

/// Like [`analyze`] for raw file bytes (checks UTF-8 and binary content first).
pub fn analyze_bytes(bytes: &[u8], format: Format) -> Result<Policy, PolicyError> {
    analyze(input::decode(bytes)?, format)
}

/// Splits a Chinese policy followed by its English translation.
fn split_languages(lines: &[input::Line]) -> Vec<(&'static str, &[input::Line])> {
    let nonempty: Vec<usize> = (0..lines.len())
        .filter(|i| !lines[*i].text.is_empty())
        .collect();
    let english: Vec<bool> = nonempty
        .iter()
        .map(|i| meta::is_english(&lines[*i].text))
        .collect();
    let total_en = english.iter().filter(|e| **e).count();
    let primary = if total_en * 2 > english.len() {
        "en"
    } else {
        "zh"
    };
    if total_en >= 10 && english.len() - total_en >= 10 {
        // The first point after which (nearly) everything is English.
        let mut after = total_en;
        for (k, e) in english.iter().enumerate() {
            let rest = english.len() - k;
            if after * 10 >= rest * 9
                && k >= 10
                && english[..k].iter().filter(|e| !**e).count() * 10 >= k * 6
                && *e
            {
                let split = nonempty[k];
                return vec![("zh", &lines[..split]), ("en", &lines[split..])];
            }
            after -= usize::from(*e);
        }
    }
    vec![(primary, lines)]
}

/// Whether `c` ends a sentence or a clause (a line ending so is no heading). A `match`,
/// not an array pattern (see the note above [`ends_with_semicolon`]).
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | ';' | '！' | '!' | '？' | '?' | '.' | '：' | ':' | '，' | ','
    )
}
const META_LABELS: &[&str] = &[
    "生效日期",
    "更新日期",
    "更新时间",
    "发布日期",
    "版本",
    "effective date",
    "last updated",
    "updated:",
    "effective:",
];

fn is_heading_text(rest: &str, lang: &str) -> bool {
    let n = rest.chars().count();
    let max = if lang == "en" { 90 } else { 40 };
    n > 0
        && n <= max
        && !rest.chars().next_back().is_some_and(ends_sentence)
        && !text::contains(rest, "。")
        // A dash in place of a colon leads into what follows.
        && !ends_with_colon(rest)
        // A table's row ("2. 支付宝SDK | 缴费 | 设备信息", cells joined by dashes in the
        // source) is not a title, nor are two cells joined by dashes ("1. 微信SDK —— 登录").
        && !text::contains(rest, " —— ")
        && !is_row(rest)
}

/// English numbered titles often end in a full stop or question mark ("5. Your rights.",
/// "1. How do we use cookies?"): a short one-clause line after a number is a title.
fn is_english_title(rest: &str, lang: &str) -> bool {
    let t = rest.trim();
    let body = trim_end_either(t, '.', '?');
    // The cheap tests first: this runs for every numbered line.
    if lang != "en" || body.len() + 1 != t.len() {
        return false;
    }
    let words = body.split_whitespace().count();
    let question = t.ends_with('?')
        && words <= 14
        && body.split_whitespace().next().is_some_and(|w| {
            [
                "how", "what", "why", "when", "where", "who", "which", "do", "does", "can",
            ]
            .contains(&w.to_ascii_lowercase().as_str())
        });
    !body.is_empty()
        && !body
            .bytes()
            .any(|b| matches!(b, b';' | b':' | b'.' | b'?' | b'!'))
        && (question || (words <= 8 && !body.contains(',')))
}

/// Whether the unit before a numbered line is a sentence numbered at the same level: the
/// line is then the next item of a list ("5.8.5. Responding to your request would…;" then
/// "5.8.6. Those involving trade secrets."), not a title, however short.
fn follows_sibling_item(units: &[Unit], n: numbering::Numbering) -> bool {
    units.last().is_some_and(|u| {
        u.kind == Kind::Sentence
            && numbering::numbering(&u.text).is_some_and(|m| !m.bullet && m.level == n.level)
    })
}

fn document(lang: &'static str, lines: &[input::Line]) -> Document {
    let mut units: Vec<Unit> = Vec::new();
    let mut section: Option<usize> = None;
    let mut title = String::new();
    let mut has_bold = false;
    for line in lines {
        if line.text.is_empty() {
            continue;
        }
        has_bold |= !line.bold.is_empty();
        let num = numbering::numbering(&line.text);
        let rest = num.map_or(line.text.as_str(), |n| line.text.get(n.len..).unwrap_or(""));
        if num.is_some_and(|n| !n.bullet) && rest.trim().is_empty() {
            continue; // a stray numbered line ("六、", "1.2") with nothing after it
        }
        let short = line.text.len() < 120;
        let lower = line.text.to_ascii_lowercase();
        // A label inside a sentence ("更新后的版本将在App中公布。", "……中查看历史版本.")
        // or in a row of a table ("Bugly | … | 系统版本") is no metadata line.
        let short =
            short && !text::contains(&lower, "。") && !lower.ends_with('.') && !is_row(&line.text);
        let is_meta = META_LABELS
            .iter()
            .any(|l| lower.starts_with(l) || (short && text::contains(&lower, l)));
        let heading_level = line.heading.or_else(|| match num {
            Some(n)
                if !n.bullet
                    && (is_heading_text(rest, lang)
                        || (is_english_title(rest, lang) && !follows_sibling_item(&units, n))) =>
            {
                Some(n.level)
            }
            // A short line may ask its section's question ("我们如何使用Cookie？"); a row of a
            // table is content, however short ("聊天记录 | 180天"). An English title takes
            // more characters ("Privacy Policy of Lanting Games").
            None if is_heading_text(trim_end_either(&line.text, '？', '?'), lang)
                && line.text.chars().count()
                    <= if title.is_empty() && lang == "en" {
                        60
                    } else {
                        30
                    }
                && !is_row(&line.text)
                && !is_meta =>
            {
                Some(if title.is_empty() { 1 } else { 2 })
            }
            _ => None,
        });
        if title.is_empty() && !is_meta {
            if heading_level.is_some() {
                title = rest.to_string();
            } else if line.heading.is_none() {
                title = String::from(if lang == "en" {
                    "Privacy Policy"
                } else {
                    "隐私政策"
                });
            }
        }
        if is_meta {
            units.push(unit(
                line.number,
                line.text.clone(),
                Kind::Meta,
                0,
                section,
                true,
            ));
            continue;
        }
        if let Some(level) = heading_level {
            let mut u = unit(
                line.number,
                line.text.clone(),
                Kind::Heading,
                level,
                section,
                true,
            );
            u.bold = !line.bold.is_empty();
            section = Some(units.len());
            u.section = section;
            units.push(u);
            continue;
        }
        for (k, (s, e)) in segment::sentences(&line.text).into_iter().enumerate() {
            let mut u = unit(
                line.number,
                line.text[s..e].to_string(),
                Kind::Sentence,
                0,
                section,
                k == 0,
            );
            u.bold = line.bold.iter().any(|(bs, be)| *bs < e && *be > s);
            units.push(u);
        }
    }
    let toc = mark_toc(&mut units);
    // A plain loop: the `flat_map` collected before was its own iterator code in the wasm
    // (-370 B gzip).
    let mut declared: Vec<String> = Vec::new();
    for u in units.iter().filter(|u| u.kind == Kind::Sentence) {
        declared.extend(detect::declared_sensitive(&u.text));
    }
    // Equal strings are alike: an unstable sort gives the same order, with less wasm.
    declared.sort_unstable();
    declared.dedup();
    // A key sentence ending in a colon introduces a list: its items are key for the same
    // reasons (the circumstances of an exemption, of sharing, of a deletion right...).
    // One that announces "the following" (下列/以下/following) and ends in a full stop
    // does too, but then only numbered items follow it. A numbered introducer's list
    // ends at its next sibling ("3.5 …包括：", "- …", "3.6 其他：…").
    // A table flattened into lines ([`is_row`]) is a list too: its first row, the header,
    // says what the rows hold ("信息 | 存储期限", "SDK名称 | 收集的信息"), and the rows are
    // key for its reasons; the header itself is not.
    let mut list_reasons: Option<ListIntro> = None;
    let mut in_table = false;
    // Whether each unit's line goes on after it (see `is_label`). A plain loop: no
    // collected iterator chain in the engine.
    let mut line_goes_on = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        line_goes_on.push(units.get(i + 1).is_some_and(|next| next.line == u.line));
    }
    for (u, run_in) in units.iter_mut().zip(line_goes_on) {
        if u.kind != Kind::Sentence {
            list_reasons = (u.kind == Kind::Heading)
                .then(|| heading_intro(u, &declared))
                .flatten();
            in_table = false;
            continue;
        }
        let row = is_row(&u.text);
        let num = numbering::numbering(&u.text);
        // A numbered row is an item ("2. 支付宝SDK | 缴费 | 设备信息"), never a header, nor
        // is a record of labelled fields ("SDK名称：个推 | 提供方：每日互动") or a row naming
        // an SDK's company (a table with no header row).
        let header = row
            && !in_table
            && num.is_none()
            && !text::contains(&u.text, "：")
            && !detect::names_sdk_provider(&u.text.to_ascii_lowercase());
        in_table = row;
        let found = detect::classify_sentence(&u.text, &declared);
        (u.tags, u.terms) = (found.tags, found.terms);
        let item = num.is_some();
        let level = num.filter(|n| !n.bullet).map(|n| n.level);
        // A number at the introducer's level or above ends its list, and so does one above
        // the level of the list's items ("(1)…；(2)…。" then "5、…").
        let sibling = |intro: &ListIntro| {
            level.is_some_and(|n| {
                intro.level.is_some_and(|l| n <= l) || intro.item_level.is_some_and(|l| n < l)
            })
        };
        // Unnumbered sentences belong to the list in the introducer's own paragraph
        // ("……包括：A；B；"), or as fragments of an enumeration; later sentences of an
        // item's paragraph comment on it ("3.……共享：…。我们只会共享必要的个人信息。").
        let continues = |intro: &ListIntro| {
            !intro.items_only
                && (intro.table && row
                    || !u.paragraph_start && (u.line == intro.line || ends_with_semicolon(&u.text)))
        };
        match &mut list_reasons {
            Some(intro) if !sibling(intro) && (item && !intro.table || continues(intro)) => {
                intro.item_level = intro.item_level.or(level);
                u.tags = detect::union(&u.tags, &intro.reasons);
            }
            // A later sentence of an item's paragraph (or of the introducer's, when any
            // sentence may be an item): a comment on the item, and the list goes on after it.
            Some(intro)
                if !sibling(intro)
                    && !u.paragraph_start
                    && (!intro.items_only || intro.item_level.is_some()) => {}
            _ => list_reasons = None,
        }
        u.key = !header && !is_label(&u.text, run_in) && (u.bold || !u.tags.is_empty());
        let mut reasons = detect::union(&found.list_tags, &u.tags);
        if (header || ends_with_colon(&u.text)) && reasons.is_empty() && names_recipients(&u.text) {
            // A table of SDKs or other bodies lists parties that receive data ("SDK名称 |
            // 公司 | 目的 | 涉及的信息", "机构 | 处理内容 | 依据"), whatever it calls the data,
            // and so does a lead-in naming them ("5）第三方SDK：", "3.1.4 第三方SDK——").
            reasons.push(Tag::Sharing);
        }
        let has_reasons = !reasons.is_empty() || u.bold;
        if has_reasons
            && (header
                || ends_with_colon(&u.text)
                || inline_enumeration(&u.text, found.announces_list))
        {
            list_reasons = Some(ListIntro {
                reasons,
                items_only: false,
                table: header,
                level,
                item_level: None,
                line: u.line,
            });
        } else if !reasons.is_empty() && !item && found.announces_list {
            list_reasons = Some(ListIntro {
                reasons,
                items_only: true,
                table: false,
                level,
                item_level: None,
                line: u.line,
            });
        }
    }
    let mut m = Meta::default();
    for (i, u) in units.iter().enumerate() {
        let dated = u.kind == Kind::Meta || (i < 40 && u.text.len() < 200);
        if dated && (m.effective.is_none() || m.updated.is_none()) {
            let lower = u.text.to_ascii_lowercase();
            if let Some(d) = meta::find_date(&u.text) {
                if ["生效", "effective"]
                    .iter()
                    .any(|w| text::contains(&lower, w))
                {
                    m.effective.get_or_insert(d);
                } else if ["更新", "updated", "发布"]
                    .iter()
                    .any(|w| text::contains(&lower, w))
                {
                    m.updated.get_or_insert(d);
                }
            }
        }
        for e in meta::emails(&u.text) {
            if !m.emails.contains(&e) {
                m.emails.push(e);
            }
        }
        for p in meta::phones(&u.text) {
            if !m.phones.contains(&p) {
                m.phones.push(p);
            }
        }
        if m.company.is_none() {
            m.company = meta::company(&u.text);
        }
    }
    let content_hash = content_hash(&units);
    let version = m
        .effective
        .clone()
        .or_else(|| m.updated.clone())
        .unwrap_or_else(|| String::from("sha-") + &content_hash[..12]);
    Document {
        lang: lang.to_string(),
        title,
        meta: m,
        units,
        toc,
        content_hash,
        version,
        has_bold,
    }
}

/// A key sentence that introduces a list, whose items inherit its reasons.
struct ListIntro {
    reasons: Vec<Tag>,
    /// Only numbered items belong to the list (it announced "the following" and ended in
    /// a full stop).
    items_only: bool,
    /// The introducer is a table's header: the list is the rows that follow it.
    table: bool,
    /// Outline level of the introducer's own numbering, if it has one.
    level: Option<u8>,
    /// Outline level of the list's first numbered item, once there is one.
    item_level: Option<u8>,
    /// Source line of the introducer.
    line: usize,
}

/// The list a heading introduces, if any: one that announces the cases of a rule ("1.6 以下
/// 情形我们可以不经您同意处理您的个人信息") or names cases of an exemption ("10) 其他不需要
/// 征得同意的情形"), as a sentence would, or a short one naming the parties ("（二）合作
/// 方", "第三方SDK"), which lists them as recipients. Its numbered or bulleted items follow.
fn heading_intro(heading: &Unit, declared: &[String]) -> Option<ListIntro> {
    let found = detect::classify_sentence(&heading.text, declared);
    let (reasons, announces) = if found.list_tags.is_empty()
        && title_key(&heading.text).chars().count() <= 8
        && names_recipients(&heading.text)
    {
        (vec![Tag::Sharing], true)
    } else {
        (found.list_tags, found.announces_list)
    };
    let introduces = announces || reasons == [Tag::Exemption];
    (introduces && !reasons.is_empty()).then(|| ListIntro {
        reasons,
        items_only: true,
        table: false,
        level: numbering::numbering(&heading.text)
            .filter(|n| !n.bullet)
            .map(|n| n.level),
        item_level: None,
        line: heading.line,
    })
}

/// Whether a sentence introduces a list inline and holds its first item: a colon, then
/// the item, and a semicolon at the end. The item is numbered ("……通过这些：（i）创建……；"),
/// or the sentence announces a list (`announces`, see [`detect::Classified::announces_list`]:
/// "在以下情形中，我们可能无法响应您的请求：与国家安全……相关的；"), whose items may then
/// be unnumbered.
fn inline_enumeration(text: &str, announces: bool) -> bool {
    ends_with_semicolon(text)
        && split_at_colon(text).is_some_and(|(_, after)| {
            announces && !after.trim().is_empty()
                || numbering::numbering(after.trim_start()).is_some()
        })
}

/// Whether a table's header or a short heading names parties that receive data ("SDK名称",
/// "接收方", "机构", "（二）合作方", "名称 | 提供方 | 用途").
fn names_recipients(header: &str) -> bool {
    let lower = header.to_ascii_lowercase();
    ["sdk", "接收方", "机构", "合作方", "第三方", "提供方"]
        .iter()
        .any(|w| text::contains(&lower, w))
}

/// Whether a sentence is only a label for what follows ("4.3 存储期限：", "（二）保存期限:"):
/// a few words after its number, ending in a colon (or a full stop, run in: "第十六条
/// 共享。"). It is not key itself; the list it introduces may be.
/// `run_in`: the line goes on after it, so a full stop may end a title run into its
/// paragraph ("第十六条 共享。本公司……"; not an item ending a list, "（c）管理会员。").
fn is_label(text: &str, run_in: bool) -> bool {
    let rest = numbering::after_numbering(text).trim();
    let n = rest.chars().count();
    ends_with_colon(rest) && n <= 7
        || run_in && rest.ends_with('。') && n <= 6 && rest.len() < text.len()
}

/// Whether a line is a row of a table flattened into text, its cells separated by " | "
/// ("实名认证 | 真实姓名、身份证号码 | 必需") or by two or more " / " ("微信OpenSDK / 腾讯 /
/// 登录 / 设备标识"). Not inlined into its callers: -34 B gzip on the policy engine.
#[inline(never)]
fn is_row(line: &str) -> bool {
    text::contains(line, " | ") || text::split(line, " / ").nth(2).is_some()
}

// No patterns of arrays of `char`s in the engine (`ends_with([';', '；'])`,
// `split_once([':', '：'])`...): std has a searcher for each array length, each its own
// code in the wasm. These helpers, or a `match` on the character, test them one by one.

/// Whether `s` ends with a semicolon, ASCII or full-width.
fn ends_with_semicolon(s: &str) -> bool {
    s.ends_with(';') || s.ends_with('；')
}

/// Whether `s` ends with a colon, ASCII or full-width, or a dash in its place ("……无需取得
/// 您的同意--").
fn ends_with_colon(s: &str) -> bool {
    s.ends_with(':') || s.ends_with('：') || s.ends_with("--") || s.ends_with("——")
}

/// `s.trim_end_matches([a, b])`: `s` without the `a`s and `b`s at its end.
fn trim_end_either(mut s: &str, a: char, b: char) -> &str {
    while let Some(rest) = s.strip_suffix(a).or_else(|| s.strip_suffix(b)) {
        s = rest;
    }
    s
}

/// `s.split_once([':', '：'])`: the text before and after the first colon, ASCII or
/// full-width.
fn split_at_colon(s: &str) -> Option<(&str, &str)> {
    let (i, colon) = s.char_indices().find(|(_, c)| matches!(c, ':' | '：'))?;
    Some((&s[..i], &s[i + colon.len_utf8()..]))
}

fn unit(
    line: usize,
    text: String,
    kind: Kind,
    level: u8,
    section: Option<usize>,
    paragraph_start: bool,
) -> Unit {
    Unit {
        line,
        text,
        kind,
        level,
        key: false,
        bold: false,
        tags: Vec::new(),
        terms: Vec::new(),
        section,
        paragraph_start,
    }
}

/// A heading title without numbering, spaces and punctuation, for fuzzy matching.
fn title_key(text: &str) -> String {
    let rest = numbering::after_numbering(text);
    rest.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Sorted characters of each heading's title key (None for other units), built once.
fn heading_keys(units: &[Unit]) -> Vec<Option<Vec<char>>> {
    units
        .iter()
        .map(|u| {
            (u.kind == Kind::Heading).then(|| {
                let mut k: Vec<char> = title_key(&u.text).chars().collect();
                k.sort_unstable();
                k
            })
        })
        .collect()
}

/// Similarity of two titles (sorted characters): shared characters over the longer one.
fn similar(a: &[char], b: &[char]) -> f32 {
    let longer = a.len().max(b.len());
    if a.is_empty() || b.is_empty() || (a.len().min(b.len()) as f32) < 0.6 * longer as f32 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared as f32 / longer as f32
}

/// The later heading most like the heading at `entry`.
fn toc_target(keys: &[Option<Vec<char>>], entry: usize) -> Option<usize> {
    let key = keys.get(entry)?.as_ref()?;
    keys.iter()
        .enumerate()
        .skip(entry + 1)
        .filter_map(|(i, k)| k.as_ref().map(|k| (i, similar(key, k))))
        .filter(|(_, s)| *s >= 0.6)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A run of three or more headings near the top, each matching a later heading, is a
/// table of contents; returns the entries with their targets.
fn mark_toc(units: &mut [Unit]) -> Vec<TocLink> {
    let keys = heading_keys(units);
    let limit = units.len().min(80);
    let mut run: Vec<TocLink> = Vec::new();
    let mut best: Vec<TocLink> = Vec::new();
    for (i, u) in units.iter().enumerate().take(limit) {
        // A contents list names each heading once: a title the run already has is the
        // body's first heading (it may resemble a later one: "我们如何收集信息" and
        // "我们如何共享信息").
        let repeats = run.iter().any(|l| keys[l.entry] == keys[i]);
        match toc_target(&keys, i).filter(|t| *t > i + 1 && !repeats) {
            Some(t) => run.push(TocLink {
                entry: i,
                target: Some(t),
            }),
            None if u.kind != Kind::Meta => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
            None => {}
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    if best.len() < 3 {
        return Vec::new();
    }
    extend_toc(units, &mut best);
    for link in &best {
        units[link.entry].kind = Kind::Toc;
        units[link.entry].level = 0;
    }
    best
}

/// The most entries a table of contents is taken to have. It bounds the search for the
/// targets of [`extend_toc`], which would otherwise grow with the square of the number
/// of numbered headings (a page of nothing else).
const MAX_TOC_ENTRIES: usize = 200;

/// Adds the headings right after a contents run that continue its numbering ("九、其他"
/// then "十、与我们联系"): they are contents entries even when no later heading has a
/// similar title (the body may title the section differently, or end before it). Each
/// is linked to the next heading after the previous entry's target that has the same
/// number at the same level, if there is one.
fn extend_toc(units: &[Unit], run: &mut Vec<TocLink>) {
    // Each unit's numbering level and number, worked out once.
    let level: Vec<Option<u8>> = units
        .iter()
        .map(|u| numbering::numbering(&u.text).map(|n| n.level))
        .collect();
    let number: Vec<Option<u32>> = units.iter().map(|u| numbering::ordinal(&u.text)).collect();
    while let Some(last) = run.last().filter(|_| run.len() < MAX_TOC_ENTRIES) {
        let Some(next) = (last.entry + 1..units.len()).find(|i| units[*i].kind != Kind::Meta)
        else {
            return;
        };
        let continues = units[next].kind == Kind::Heading
            && level[next].is_some()
            && level[last.entry] == level[next]
            && number[last.entry]
                .zip(number[next])
                .is_some_and(|(a, b)| b == a + 1);
        if !continues {
            return;
        }
        let from = last.target.unwrap_or(next).max(next) + 1;
        let target = (from..units.len()).find(|i| {
            units[*i].kind == Kind::Heading
                && level[*i] == level[next]
                && number[*i] == number[next]
        });
        run.push(TocLink {
            entry: next,
            target,
        });
    }
}

/// SHA-256 over the units' text with whitespace removed and full-width punctuation
/// folded to half-width.
fn content_hash(units: &[Unit]) -> String {
    let mut norm = String::with_capacity(units.iter().map(|u| u.text.len() + 1).sum());
    for u in units {
        // Runs of characters that stay as they are are copied whole.
        let mut from = 0;
        for (i, c) in u.text.char_indices() {
            let folded = match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
                '。' => Some('.'),
                '、' => Some(','),
                '“' | '”' => Some('"'),
                '‘' | '’' => Some('\''),
                c if c.is_whitespace() => None,
                _ => continue,
            };
            norm.push_str(&u.text[from..i]);
            norm.extend(folded);
            from = i + c.len_utf8();
        }
        norm.push_str(&u.text[from..]);
        norm.push('\n');
    }
    crate::hash::sha256_hex(norm.as_bytes())
}

/// A key clause the source markup did not mark bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintItem {
    pub line: usize,
    pub text: String,
    pub tags: Vec<Tag>,
}

/// Key clauses found by detection that the source did not mark bold, for site owners
/// whose policy promises "important clauses in bold".
pub fn lint(policy: &Policy) -> Vec<LintItem> {
    policy
        .languages
        .iter()
        .flat_map(|d| d.units.iter())
        .filter(|u| u.kind == Kind::Sentence && !u.tags.is_empty() && !u.bold)
        .map(|u| LintItem {
            line: u.line,
            text: u.text.clone(),
            tags: u.tags.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
