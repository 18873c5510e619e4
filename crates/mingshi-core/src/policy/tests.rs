//! Policy engine tests on the real policies (copied into tests/fixtures/policies) and on
//! hostile input.

use super::*;

fn fixture(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/policies/");
    std::fs::read_to_string(String::from(path) + name).unwrap()
}

#[test]
fn xuyun_structure_headings_stray_lines_and_meta() {
    let p = analyze(&fixture("xuyun-website.txt"), Format::Auto).unwrap();
    let d = &p.languages[0];
    assert_eq!(p.languages.len(), 1);
    assert_eq!(d.title, "隐私政策");
    let headings: Vec<&str> = d
        .units
        .iter()
        .filter(|u| u.kind == Kind::Heading)
        .map(|u| u.text.as_str())
        .collect();
    assert!(
        headings.contains(&"三、我们如何使用您的信息"),
        "{headings:?}"
    );
    assert!(
        headings.iter().all(|h| *h != "六、" && *h != "1.2"),
        "stray numbered lines are dropped"
    );
    assert!(
        d.units.iter().any(|u| u.text.starts_with("重要说明")),
        "text after a stray line is kept"
    );
}

#[test]
fn toc_is_recognised_and_linked_not_duplicated() {
    let p = analyze(&fixture("smart-life-app-zh-en.txt"), Format::Auto).unwrap();
    let zh = &p.languages[0];
    assert!(zh.toc.len() >= 8, "toc entries: {}", zh.toc.len());
    for link in &zh.toc {
        if let Some(target) = link.target {
            assert_eq!(zh.units[target].kind, Kind::Heading);
            assert!(target > link.entry);
        }
    }
    // The last entry ("十、与我们联系") has no section of its own in the body, which
    // ends with "九、其他": it is still a contents entry, not a heading, in both
    // languages; every other entry is linked.
    for d in &p.languages {
        let (last, rest) = d.toc.split_last().expect("a contents list");
        assert!(d.units[last.entry].text.starts_with(['十', '1']));
        assert_eq!(d.units[last.entry].kind, Kind::Toc);
        assert!(rest.iter().all(|l| l.target.is_some()), "{}", d.lang);
        assert_eq!(d.toc.len(), 10, "{}", d.lang);
    }
}

#[test]
fn a_contents_entry_continuing_the_numbering_is_linked_by_its_number() {
    // The body titles the last two sections differently from the contents.
    let text = "隐私政策\n一、我们如何收集信息\n二、我们如何共享信息\n三、我们如何保护信息\n\
                四、其他事项\n五、联系我们\n一、我们如何收集信息\n我们会收集您的手机号码。\n\
                二、我们如何共享信息\n我们不会共享。\n三、我们如何保护信息\n我们采用加密。\n\
                四、附则\n本政策自发布之日起生效。\n五、如何与我们取得联系\n邮箱见下文。\n";
    let p = analyze(text, Format::Text).unwrap();
    let d = &p.languages[0];
    let titles: Vec<(&str, Option<&str>)> = d
        .toc
        .iter()
        .map(|l| {
            (
                d.units[l.entry].text.as_str(),
                l.target.map(|t| d.units[t].text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("一、我们如何收集信息", Some("一、我们如何收集信息")),
            ("二、我们如何共享信息", Some("二、我们如何共享信息")),
            ("三、我们如何保护信息", Some("三、我们如何保护信息")),
            ("四、其他事项", Some("四、附则")),
            ("五、联系我们", Some("五、如何与我们取得联系")),
        ]
    );
    // The first body heading, "一、", does not continue "五、": it stays a heading.
    assert_eq!(d.units[d.toc[0].target.unwrap()].kind, Kind::Heading);
}

#[test]
fn chinese_and_english_versions_are_split() {
    let p = analyze(&fixture("smart-life-app-zh-en.txt"), Format::Auto).unwrap();
    assert_eq!(p.languages.len(), 2);
    assert_eq!(p.languages[0].lang, "zh");
    assert_eq!(p.languages[1].lang, "en");
    assert!(
        p.languages[1]
            .units
            .iter()
            .filter(|u| u.kind == Kind::Sentence)
            .count()
            > 50
    );
    assert!(p.languages[1]
        .units
        .iter()
        .any(|u| u.key && u.tags.contains(&Tag::Sharing)));
}

#[test]
fn metadata_dates_contacts_company() {
    let p = analyze(&fixture("mingyuan-saas.txt"), Format::Auto).unwrap();
    let m = &p.languages[0].meta;
    assert_eq!(m.effective.as_deref(), Some("2022-09-20"));
    assert_eq!(m.updated.as_deref(), Some("2022-09-20"));
    assert!(
        m.company.as_deref().is_some_and(|c| c.contains("明源云链")),
        "{m:?}"
    );
    assert_eq!(p.languages[0].version, "2022-09-20");
    let broken = analyze(
        "隐私政策\n生效日期：2023 11 15\n联系邮箱 privacy@x.cn，电话 400-820-1234。",
        Format::Text,
    )
    .unwrap();
    let m = &broken.languages[0].meta;
    assert_eq!(m.effective.as_deref(), Some("2023-11-15"));
    assert_eq!(m.emails, ["privacy@x.cn"]);
    assert_eq!(m.phones, ["400-820-1234"]);
}

#[test]
fn content_hash_ignores_whitespace_and_punctuation_width() {
    let a = analyze("隐私政策\n我们共享信息，用于支付。", Format::Text).unwrap();
    let b = analyze("隐私政策\r\n\n  我们共享信息,用于支付.  ", Format::Text).unwrap();
    let c = analyze("隐私政策\n我们出售信息，用于支付。", Format::Text).unwrap();
    assert_eq!(a.languages[0].content_hash, b.languages[0].content_hash);
    assert_ne!(a.languages[0].content_hash, c.languages[0].content_hash);
}

#[test]
fn source_bold_is_kept_and_lint_lists_unmarked_key_clauses() {
    let html = "<h1>隐私政策</h1><p><b>我们会在您注销后保留交易信息三年。</b>我们会与合作伙伴共享您的订单信息。我们致力于为您服务。</p>";
    let p = analyze(html, Format::Auto).unwrap();
    let d = &p.languages[0];
    let s: Vec<&Unit> = d
        .units
        .iter()
        .filter(|u| u.kind == Kind::Sentence)
        .collect();
    assert!(s[0].bold && s[0].key);
    assert!(!s[1].bold && s[1].key && s[1].tags.contains(&Tag::Sharing));
    assert!(!s[2].key);
    let l = lint(&p);
    assert_eq!(l.len(), 1);
    assert!(l[0].text.contains("合作伙伴"));
}

#[test]
fn compiled_form_round_trips() {
    let p = analyze(&fixture("smart-life-app-zh-en.txt"), Format::Auto).unwrap();
    let json = p.to_compiled_json();
    assert_eq!(Policy::from_compiled_json(&json).unwrap(), p);
    assert!(Policy::from_compiled_json("{}").is_err());
    assert!(
        Policy::from_compiled_json(r#"{"mingshi_policy":1,"languages":[{"units":[[1]]}]}"#)
            .is_err()
    );
}

/// A small xorshift generator: deterministic "random" inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn hostile_and_random_input_never_panics_and_never_passes_markup() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let seed = fixture("xuyun-website.txt");
    for round in 0..2000 {
        let mut bytes = seed.as_bytes().to_vec();
        let cut = (rng.next() as usize) % bytes.len();
        bytes.truncate(cut);
        for _ in 0..(round % 20) {
            let i = (rng.next() as usize) % bytes.len().max(1);
            if !bytes.is_empty() {
                bytes[i] = rng.next() as u8;
            }
        }
        let _ = analyze_bytes(&bytes, Format::Auto);
        let _ = analyze(&String::from_utf8_lossy(&bytes), Format::Html);
        let _ = analyze(&String::from_utf8_lossy(&bytes), Format::Markdown);
    }
    let nested = "<div>".repeat(10_000) + "我们共享信息。" + &"</div>".repeat(10_000);
    assert!(analyze(&nested, Format::Html).is_ok());
    let xss = "<p>隐私<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">链接</a>我们共享信息。</p><style>p{}</style>";
    let p = analyze(xss, Format::Auto).unwrap();
    for u in &p.languages[0].units {
        assert!(
            !u.text.contains("<script") && !u.text.contains("onerror") && !u.text.contains("alert"),
            "{}",
            u.text
        );
    }
    let big = "我们会与第三方共享您的信息。\n".repeat(300_000);
    assert_eq!(
        analyze(&big, Format::Text).unwrap_err(),
        PolicyError::TooLarge { bytes: big.len() }
    );
    assert_eq!(
        analyze("   \n ", Format::Text).unwrap_err(),
        PolicyError::Empty
    );
}

/// Large inputs whose analysis once grew with the square of their size:
/// each must still be analysed, whole (a test run would stall for minutes, not fail, if
/// that came back).
#[test]
fn pathological_shapes_of_large_inputs() {
    // One "sentence" of 800 KB: no sentence end at all.
    let endless = "我们会收集您的身份证号并共享给第三方".repeat(15_000);
    let p = analyze(&endless, Format::Text).unwrap();
    let units = &p.languages[0].units;
    assert!(units.len() > 1);
    assert_eq!(
        units.iter().map(|u| u.text.as_str()).collect::<String>(),
        endless
    );
    assert!(units.iter().any(|u| u.key));

    // Nothing but numbered headings, each continuing the numbering of the one before.
    let headings: String = (1..30_000).map(|i| format!("{i}. 第{i}节标题\n")).collect();
    let p = analyze(&headings, Format::Text).unwrap();
    let units = &p.languages[0].units;
    assert_eq!(units.len(), 29_999);
    let toc = units.iter().filter(|u| u.kind == Kind::Toc).count();
    assert!(toc <= MAX_TOC_ENTRIES, "{toc} contents entries");
}

/// The sentences of `text` (first language) with whether each is key.
fn keys(text: &str) -> Vec<(String, bool)> {
    let p = analyze(text, Format::Text).unwrap();
    p.languages[0]
        .units
        .iter()
        .filter(|u| u.kind == Kind::Sentence)
        .map(|u| (u.text.clone(), u.key))
        .collect()
}

#[test]
fn list_items_inherit_but_comments_on_an_item_do_not() {
    let k = keys(
        "隐私政策\n\n我们仅会出于正当、必要的目的共享您的个人信息，具体如下：\n\n\
         1.在获得您的同意后共享。\n\n\
         2.为提供客服：客服外包商会处理您的工单。该外包商承诺遵守保密义务。\n\n\
         3.为处理您与他人的纠纷。\n\n我们重视您的意见。\n",
    );
    let key = |prefix: &str| k.iter().find(|(t, _)| t.starts_with(prefix)).map(|x| x.1);
    assert_eq!(key("我们仅会"), Some(false), "{k:?}");
    assert_eq!(key("2.为提供客服"), Some(true), "{k:?}");
    assert_eq!(key("该外包商"), Some(false), "{k:?}");
    assert_eq!(
        key("3.为处理"),
        Some(true),
        "the list goes on after a comment: {k:?}"
    );
    assert_eq!(key("我们重视"), Some(false), "{k:?}");
}

#[test]
fn a_list_announced_by_a_heading_or_a_full_stop_keeps_its_items_after_comments() {
    // A heading announcing the cases of an exemption introduces its numbered items; a
    // sentence announcing "以下范围" with a safeguard is key and so are its items, also
    // after a comment on one of them, up to the next heading.
    let k = keys(
        "隐私政策\n\n1.6 以下情形我们可以不经您同意处理您的个人信息\n\
         ①为订立、履行服务协议所必需；\n②法律、行政法规规定的其他情形。\n\n\
         1.7 其他\n\n本公司承诺：您的个人信息仅在以下范围内向第三方提供，且我们将要求接收方承担保密义务。\n\
         1、再保险公司：为分散风险而处理。这些公司位于上海。\n\
         2、银行及支付机构：用于代收保费；\n\n第二章 其他\n\n1、我们欢迎您的建议。\n",
    );
    let key = |prefix: &str| k.iter().find(|(t, _)| t.starts_with(prefix)).map(|x| x.1);
    assert_eq!(key("①"), Some(true), "{k:?}");
    assert_eq!(key("②"), Some(true), "{k:?}");
    assert_eq!(key("本公司承诺"), Some(true), "{k:?}");
    assert_eq!(key("1、再保险"), Some(true), "{k:?}");
    assert_eq!(key("这些公司"), Some(false), "{k:?}");
    assert_eq!(
        key("2、银行"),
        Some(true),
        "the list goes on after a comment: {k:?}"
    );
    assert_eq!(key("1、我们欢迎"), Some(false), "{k:?}");
    // A short line ending in a colon that shares the user's data is no table caption.
    let k = keys("隐私政策\n\n我们会在以下情形向第三方提供您的个人信息：\n\n（1）为完成支付；\n");
    assert!(k.iter().all(|(_, key)| *key), "{k:?}");
    let k = keys("隐私政策\n\n我们接入的第三方SDK列表如下：\n");
    assert!(k.iter().all(|(_, key)| !*key), "{k:?}");
}

#[test]
fn a_caption_s_sdks_are_key_and_a_label_before_a_list_is_not() {
    // The caption of a list of SDKs is not key; the SDKs it lists are, also as short
    // numbered lines of cells joined by dashes (rows, not titles).
    let p = analyze(
        "隐私政策\n\n第三部分 第三方SDK\nAPP中接入的SDK目录：\n\
         1. 号码认证SDK —— 一键登录 —— 读取本机号码、网络类型\n\
         2. 支付宝SDK —— 缴费 —— 设备信息\n\n第四部分 存储\n\
         4.2 保存期限：\n（1）实名登记资料：在服务终止后继续保存两年；\n",
        Format::Text,
    )
    .unwrap();
    let d = &p.languages[0];
    let unit = |prefix: &str| d.units.iter().find(|u| u.text.starts_with(prefix)).unwrap();
    assert!(!unit("APP中接入").key, "{:?}", unit("APP中接入"));
    let row = unit("2. 支付宝SDK");
    assert!(row.kind == Kind::Sentence && row.key, "{row:?}");
    assert!(!unit("4.2 保存期限").key, "{:?}", unit("4.2 保存期限"));
    assert!(unit("（1）实名").key, "{:?}", unit("（1）实名"));
}

#[test]
fn an_exemption_heading_s_bullets_and_an_sdk_table_s_rows_are_key() {
    let p = analyze(
        "隐私政策\n\n10) 其他不需要征得同意的情形\n- 为履行物业服务合同所必需;\n\
         - 法律、行政法规规定的其他情形.\n\n11) 第三方SDK\n\
         SDK名称 | 公司 | 目的 | 涉及的信息\n\
         Bugly | 某某公司 | 崩溃分析 | 设备型号、系统版本、崩溃日志\n\n\
         12) 变更\n其他修订将在发布后生效，您可以在设置中查看历史版本.\n",
        Format::Text,
    )
    .unwrap();
    let d = &p.languages[0];
    let unit = |prefix: &str| d.units.iter().find(|u| u.text.starts_with(prefix)).unwrap();
    assert!(unit("- 为履行").key, "{:?}", unit("- 为履行"));
    assert!(unit("- 法律").key, "{:?}", unit("- 法律"));
    assert!(!unit("SDK名称").key, "{:?}", unit("SDK名称"));
    // Cells joined by " / " make rows too; a header naming bodies lists recipients.
    let k = keys(
        "隐私政策\n\n1 合作方与SDK\nSDK / 提供方 / 用途 / 处理的信息\n\
         Sentry / 某公司 / 崩溃分析 / 崩溃堆栈、系统版本\n\n2 机构\n\
         机构 | 处理内容 | 依据\n邮政EMS | 收件人姓名、电话、地址 | 您选择邮寄送达\n",
    );
    let key = |prefix: &str| k.iter().find(|(t, _)| t.starts_with(prefix)).map(|x| x.1);
    assert_eq!(key("SDK / 提供方"), Some(false), "{k:?}");
    assert_eq!(key("Sentry"), Some(true), "{k:?}");
    assert_eq!(key("机构 |"), Some(false), "{k:?}");
    assert_eq!(key("邮政EMS"), Some(true), "{k:?}");
    // A short heading naming the parties introduces them as recipients.
    let k = keys(
        "隐私政策\n\n（二）合作方\n1) 快递公司：姓名、电话、地址；\n\
         2) 回收合作方：上门回收服务中的地址；\n\n（三）其他\n1) 我们欢迎您的建议。\n",
    );
    let key = |prefix: &str| k.iter().find(|(t, _)| t.starts_with(prefix)).map(|x| x.1);
    assert_eq!(key("1) 快递"), Some(true), "{k:?}");
    assert_eq!(key("2) 回收"), Some(true), "{k:?}");
    assert_eq!(key("1) 我们欢迎"), Some(false), "{k:?}");
    // A row naming a version and a sentence ending "历史版本." are no metadata lines.
    let row = unit("Bugly");
    assert!(row.kind == Kind::Sentence && row.key, "{row:?}");
    assert_eq!(unit("其他修订").kind, Kind::Sentence);
}

#[test]
fn inline_enumerations_and_numbered_english_items() {
    let k = keys(
        "隐私政策\n\n当我们作为受托方处理数据时，本政策不适用，例如客户通过本服务：（a）运营其网站；（b）发送营销邮件；（c）管理会员。\n",
    );
    assert!(k.iter().all(|(_, key)| *key), "{k:?}");
    let p = analyze(
        "Privacy Policy\n\n5.2. We may refuse your request in these cases:\n\n\
         5.2.1. Requests that would harm the rights of others;\n\n\
         5.2.2. Those involving trade secrets.\n\n5.3. Contact us.\n",
        Format::Text,
    )
    .unwrap();
    let d = &p.languages[0];
    let unit = |prefix: &str| d.units.iter().find(|u| u.text.starts_with(prefix));
    assert!(
        unit("5.2.2.").is_some_and(|u| u.kind == Kind::Sentence && u.key),
        "{:?}",
        unit("5.2.2.")
    );
    assert!(unit("5.3.").is_some_and(|u| u.kind == Kind::Heading));
}

#[test]
fn a_number_above_the_items_level_ends_their_list() {
    // The list of (1), (2) under an unnumbered introducer ends at "5、": a later point of
    // the outer list, not one of its items.
    let k = keys(
        "隐私政策\n\n您的账户一旦注销，将面临如下风险：\n\n\
         （1）您将无法登录。\n\n（2）您的记录将被删除。\n\n\
         5、如果您不想接受我们发送的信息，您可通过以下方式取消：\n",
    );
    let key = |prefix: &str| k.iter().find(|(t, _)| t.starts_with(prefix)).map(|x| x.1);
    assert_eq!(key("（2）"), Some(true), "{k:?}");
    assert_eq!(key("5、"), Some(false), "{k:?}");
}

#[test]
fn a_sentence_naming_a_version_is_no_metadata_line() {
    let p = analyze(
        "版本号 V3.2\n8.2 本声明可能更新，更新后的版本将在App中公布。",
        Format::Text,
    )
    .unwrap();
    let kinds: Vec<Kind> = p.languages[0].units.iter().map(|u| u.kind).collect();
    assert_eq!(kinds, [Kind::Meta, Kind::Sentence]);
}

#[test]
fn a_flattened_table_s_rows_are_key_for_its_header_s_reasons_not_the_header() {
    let p = analyze(
        "隐私政策\n\n存储期限：\n信息 | 存储期限\n充值记录 | 3年\n违规记录 | 账号存续期间\n\n\
         我们重视您的意见。\n",
        Format::Text,
    )
    .unwrap();
    let units: Vec<(&str, Kind, bool)> = p.languages[0]
        .units
        .iter()
        .map(|u| (u.text.as_str(), u.kind, u.key))
        .collect();
    assert_eq!(
        units[2..],
        [
            ("信息 | 存储期限", Kind::Sentence, false),
            ("充值记录 | 3年", Kind::Sentence, true),
            ("违规记录 | 账号存续期间", Kind::Sentence, true),
            ("我们重视您的意见。", Kind::Sentence, false),
        ],
        "{units:?}"
    );
}

#[test]
fn a_short_question_line_is_a_heading() {
    let p = analyze(
        "隐私政策\n\n我们会与谁分享您的信息？\n我们不会出售您的个人信息。\n",
        Format::Text,
    )
    .unwrap();
    let kinds: Vec<Kind> = p.languages[0].units.iter().map(|u| u.kind).collect();
    assert_eq!(kinds, [Kind::Heading, Kind::Heading, Kind::Sentence]);
}

#[test]
fn english_titles_and_section_numbers_make_headings() {
    let p = analyze(
        "Privacy Policy of Lanting Games\nSection 1  Information We Collect\nWe collect your phone number.\nArticle 2: Sharing\nWe share it with partners.\n",
        Format::Text,
    )
    .unwrap();
    let d = &p.languages[0];
    assert_eq!(d.title, "Privacy Policy of Lanting Games");
    let kinds: Vec<(Kind, u8)> = d.units.iter().map(|u| (u.kind, u.level)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Heading, 1),
            (Kind::Heading, 1),
            (Kind::Sentence, 0),
            (Kind::Heading, 1),
            (Kind::Sentence, 0),
        ]
    );
    // The first line alone: a later short line stays a sentence.
    let p = analyze(
        "Privacy Policy\nWe collect your name and email address\n",
        Format::Text,
    )
    .unwrap();
    assert_eq!(p.languages[0].units[1].kind, Kind::Sentence);
}

#[test]
fn the_body_s_first_heading_ends_the_contents_even_when_like_a_later_one() {
    let p = analyze(
        "隐私政策\n目录\n一、我们如何收集信息\n二、我们如何使用Cookie\n三、我们如何共享信息\n\n\
         一、我们如何收集信息\n我们收集手机号。\n二、我们如何使用Cookie\n我们使用Cookie。\n\
         三、我们如何共享信息\n我们不共享。\n",
        Format::Text,
    )
    .unwrap();
    let d = &p.languages[0];
    let toc: Vec<usize> = d.toc.iter().map(|l| l.entry).collect();
    let body = d
        .units
        .iter()
        .position(|u| u.text == "一、我们如何收集信息" && u.kind == Kind::Heading);
    assert_eq!(toc.len(), 3, "{:?}", d.units);
    assert!(body.is_some(), "{:?}", d.units);
    assert_eq!(d.toc[0].target, body);
}

#[test]
fn a_dash_in_place_of_a_colon_leads_into_a_list() {
    let key = keys("隐私政策\n3. 共享\n3.8 例外:以下情形中,我们处理您的个人信息无需取得您的同意--\n(1)为订立、履行您作为一方当事人的合同所必需;\n(2)法律、行政法规规定的其他情形.\n4. 保存");
    assert_eq!(key.len(), 3, "{key:?}");
    assert!(
        key.iter().all(|(_, k)| *k),
        "the lead-in and its items: {key:?}"
    );
}

#[test]
fn numbered_table_rows_under_a_caption_are_its_items_not_titles() {
    // `keys` reads sentences only: a row read as a title would be missing.
    let k = keys("隐私政策\n第三部分 第三方SDK\nAPP中接入的SDK目录：\n1. 号码认证SDK —— 一键登录 —— 读取本机号码\n2. 支付宝SDK —— 缴费 —— 设备信息\n3. 听云SDK —— 性能监测 —— 崩溃信息");
    let rows: Vec<_> = k.iter().filter(|(t, _)| t.contains(" | ")).collect();
    assert_eq!(rows.len(), 3, "{k:?}");
    assert!(rows.iter().all(|(_, key)| *key), "{rows:?}");
}

#[test]
fn a_title_run_into_its_paragraph_is_not_key_but_an_item_ending_a_list_may_be() {
    let units = keys(
        "隐私政策\n第十六条 共享。本公司不会向第三方共享您的个人信息，但取得您单独同意的除外。",
    );
    assert_eq!(
        units[0],
        ("第十六条 共享。".to_string(), false),
        "{units:?}"
    );
    assert!(units[1].1, "{units:?}");
    let units = keys("隐私政策\n我们会向以下第三方共享您的信息：（a）物流公司；（b）支付机构。");
    assert!(units.iter().all(|(_, key)| *key), "{units:?}");
}

#[test]
fn a_lead_in_naming_sdks_introduces_them_as_recipients() {
    let k = keys("隐私政策\n三、共享\n5）第三方SDK：\n · 腾讯地图：定位分院、展示接送路线\n · 神策分析：统计页面点击\n四、存储");
    let items: Vec<_> = k
        .iter()
        .filter(|(t, _)| t.contains("：") && !t.starts_with('5'))
        .collect();
    assert_eq!(items.len(), 2, "{k:?}");
    assert!(items.iter().all(|(_, key)| *key), "{items:?}");
}
