//! UI strings in zh-CN, zh-TW and en, language detection, and per-site overrides.

use crate::text::{split, Split};

/// A built-in language. In the order of the texts of each line of [`STRINGS`]: see
/// [`Strings::get`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    ZhTw,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// Exactly `zh-CN`, `zh-TW` or `en` (configuration values and language keys): texts
    /// are picked by these tags, so another case (`EN`) is refused, not silently unused.
    pub fn parse(tag: &str) -> Option<Lang> {
        Some(match tag {
            "zh-CN" => Lang::ZhCn,
            "zh-TW" => Lang::ZhTw,
            "en" => Lang::En,
            _ => return None,
        })
    }
}

/// Picks the language from the browser's preferences (`navigator.languages`, in order).
///
/// ```
/// use mingshi_core::consent::{detect_language, Lang};
/// assert_eq!(detect_language(&["zh-HK", "en"]), Lang::ZhTw);
/// assert_eq!(detect_language(&["fr", "zh"]), Lang::ZhCn);
/// assert_eq!(detect_language(&["de"]), Lang::En);
/// ```
pub fn detect_language<S: AsRef<str>>(preferred: &[S]) -> Lang {
    for tag in preferred {
        let t = tag.as_ref().to_ascii_lowercase();
        if t == "zh" || t.starts_with("zh-") {
            let traditional = ["zh-tw", "zh-hk", "zh-mo", "zh-hant"]
                .iter()
                .any(|p| t.starts_with(p));
            return if traditional { Lang::ZhTw } else { Lang::ZhCn };
        }
        if t == "en" || t.starts_with("en-") {
            return Lang::En;
        }
    }
    // Neither Chinese nor English preferred: English is the more likely to be read.
    Lang::En
}

/// Every UI string key with its zh-CN, zh-TW and en text: one line each, the four
/// separated by `|`. One string rather than an array of `&str`: the wasm component carries
/// no pointer and length per text (see [`Strings::get`], which reads it).
pub const STRINGS: &str = "\
title|个人信息保护提示|個人資訊保護提示|Your privacy
intro|欢迎访问。{controller}依据《个人信息保护法》处理您的个人信息。请您仔细阅读隐私政策，特别是加粗标示的重要条款。您同意后我们才会开启可选的功能；不同意时您仍可使用基本功能。|歡迎造訪。{controller}依據相關法律處理您的個人資訊。請您仔細閱讀隱私政策，特別是加粗標示的重要條款。您同意後我們才會開啟可選的功能；不同意時您仍可使用基本功能。|{controller} processes your personal information as its privacy policy describes. Please read it, especially the key clauses in bold. Optional features start only after you agree; if you disagree you can still use the basic service.
agree|同意|同意|Agree
disagree|不同意|不同意|Disagree
preferences|隐私设置|隱私設定|Privacy settings
accept_all|全部同意|全部同意|Accept all
reject_all|全部拒绝|全部拒絕|Reject all
save|保存选择|儲存選擇|Save choices
withdraw|撤回同意|撤回同意|Withdraw consent
always_on|始终开启|始終開啟|Always on
services|服务与SDK|服務與SDK|Services and SDKs
provider|提供方|提供方|Provider
purpose|目的|目的|Purpose
data_collected|收集的信息|收集的資訊|Data collected
service_policy|第三方隐私政策|第三方隱私政策|Its privacy policy
separate_heading|需要您单独同意的事项|需要您單獨同意的事項|Items that need your separate consent
kind_sensitive_personal_info|敏感个人信息|敏感個人資訊|Sensitive personal information
kind_third_party_sharing|向第三方提供|向第三方提供|Sharing with third parties
kind_public_disclosure|公开披露|公開揭露|Public disclosure
kind_cross_border|跨境传输|跨境傳輸|Cross-border transfer
kind_custom|单独同意|單獨同意|Separate consent
key_points|重点条款|重點條款|Key points
read_policy|阅读完整隐私政策|閱讀完整隱私政策|Read the full privacy policy
must_open_policy|请先打开并阅读隐私政策，再选择同意。|請先開啟並閱讀隱私政策，再選擇同意。|Please open and read the privacy policy before agreeing.
age_gate|年龄确认|年齡確認|Age check
age_under|我未满{age}周岁|我未滿{age}歲|I am under {age}
guardian_consent|我的父母或其他监护人已阅读并同意本政策|我的父母或其他監護人已閱讀並同意本政策|My parent or guardian has read and agrees to this policy
guardian_required|未满年龄的用户需要监护人同意后才能继续。|未滿年齡的使用者需要監護人同意後才能繼續。|Users under the age limit need a parent or guardian's consent to continue.
what_changed|自您上次同意以来，以下内容有变化：|自您上次同意以來，以下內容有變化：|Since you last agreed, this has changed:
reason_policy_version|隐私政策已更新|隱私政策已更新|The privacy policy has been updated
reason_policy_content|隐私政策内容已修改|隱私政策內容已修改|The privacy policy text has changed
reason_scope|处理目的或第三方服务有变化|處理目的或第三方服務有變化|The purposes or third-party services have changed
reason_expired|您的同意已到期，请重新确认|您的同意已到期，請重新確認|Your consent has expired; please confirm again
reason_refusal_cooldown_over|您之前未同意，可重新选择|您之前未同意，可重新選擇|You disagreed earlier; you may choose again
added|新增|新增|Added
removed|移除|移除|Removed
gpc_notice|您的浏览器发送了“全局隐私控制”(GPC)信号，因此可选类别默认关闭。|您的瀏覽器發送了「全球隱私控制」(GPC)訊號，因此可選類別預設關閉。|Your browser sends a Global Privacy Control signal, so optional categories are off by default.
basic_mode|您未同意隐私政策，当前处于基本模式：可选功能已关闭。|您未同意隱私政策，目前處於基本模式：可選功能已關閉。|You did not agree to the privacy policy: basic mode, optional features are off.
settings_entry|隐私设置|隱私設定|Privacy settings
close|关闭|關閉|Close
back|返回|返回|Back
policy|隐私政策|隱私政策|Privacy policy
search|在政策中搜索|在政策中搜尋|Search the policy
found|找到|找到|Found
sensitive_term|敏感个人信息|敏感個人資訊|Sensitive personal information
legend|重点标示说明|重點標示說明|Highlight legend
contents|目录|目錄|Contents
enable_service|启用以查看此内容|啟用以檢視此內容|Enable to view this content
loading_failed|隐私政策加载失败，请稍后重试。|隱私政策載入失敗，請稍後再試。|The privacy policy could not be loaded. Please try again later.";

/// UI strings for one language with the site's overrides applied.
#[derive(Clone)]
pub struct Strings {
    pub lang: Lang,
    overrides: Vec<(String, String)>,
}

impl Strings {
    /// `overrides`: (key, text) pairs; for a key given twice the last one wins.
    pub fn new(lang: Lang, overrides: &[(String, String)]) -> Strings {
        Strings {
            lang,
            overrides: overrides.to_vec(),
        }
    }

    /// The text for `key` (the key itself if unknown, so a gap shows rather than breaks).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        if let Some((_, v)) = self.overrides.iter().rev().find(|(k, _)| k == key) {
            return v;
        }
        // The texts are in the order of `Lang`'s variants.
        builtin(key)
            .and_then(|mut texts| texts.nth(self.lang as usize))
            .unwrap_or(key)
    }
}

/// The zh-CN, zh-TW and en texts of the UI string `key`; `None` for a key the component
/// does not have (in a site's `strings`, one that would never show).
pub(super) fn builtin(key: &str) -> Option<Split<'static>> {
    for line in split(STRINGS, "\n") {
        let mut parts = split(line, "|");
        if parts.next() == Some(key) {
            return Some(parts);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_translated() {
        let mut keys = Vec::new();
        for line in STRINGS.lines() {
            let parts: Vec<&str> = line.split('|').collect();
            assert_eq!(parts.len(), 4, "{line}: a key and three texts");
            assert!(
                parts.iter().all(|t| !t.trim().is_empty()),
                "{line} has an empty translation"
            );
            keys.push(parts[0]);
        }
        assert!(keys.len() > 40, "{keys:?}");
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count, "duplicate keys");
    }

    #[test]
    fn every_language_reads_back_from_its_tag_exactly() {
        for l in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
            assert_eq!(Lang::parse(l.tag()), Some(l));
            assert_eq!(Lang::parse(&l.tag().to_ascii_uppercase()), None);
        }
        assert_eq!(Lang::parse("zh-cN"), None);
        assert_eq!(Lang::parse("zh"), None);
        assert_eq!(Lang::parse("zh-Hans"), None);
    }

    #[test]
    fn overrides_win() {
        let o = [
            ("agree".to_string(), "同意".to_string()),
            ("agree".to_string(), "我同意".to_string()),
        ];
        let s = Strings::new(Lang::ZhCn, &o);
        assert_eq!(s.get("agree"), "我同意");
        assert_eq!(s.get("disagree"), "不同意");
        assert_eq!(Strings::new(Lang::En, &[]).get("agree"), "Agree");
        assert_eq!(Strings::new(Lang::ZhTw, &[]).get("preferences"), "隱私設定");
    }
}
