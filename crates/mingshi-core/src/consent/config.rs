//! The site owner's configuration: one JSON object, validated with errors that name the
//! bad field by its path. The schema is in `schema.rs`; `Config::from_value` checks a value
//! against it, then builds the configuration from what it accepted.

use crate::hash::fnv1a_hex;
use crate::json::fields::{error, member, similar, FieldError, Path};
use crate::json::{self, Value};
use crate::receipt::Controller;

use super::i18n::Lang;
use super::schema;

/// Text given once or per language: `"统计分析"` or `{"zh-CN": "统计分析", "en": "Analytics"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub Vec<(String, String)>);

impl Text {
    /// A text from (language tag, text) pairs; one loop instead of code per string.
    fn from_table(table: &[(&str, &str)]) -> Text {
        let mut out = Vec::new();
        for (lang, text) in table {
            out.push((lang.to_string(), text.to_string()));
        }
        Text(out)
    }

    /// The text for `lang`, else zh-CN, else the first given.
    pub fn get(&self, lang: Lang) -> &str {
        let want = lang.tag();
        self.0
            .iter()
            .find(|(l, _)| l == want)
            .or_else(|| self.0.iter().find(|(l, _)| l == "zh-CN"))
            .or_else(|| self.0.first())
            .map_or("", |(_, t)| t.as_str())
    }
}

/// Where the policy text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySource {
    Text(String),
    Url(String),
    /// URL of a precompiled policy (`mingshi policy compile`).
    Compiled(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyConfig {
    pub id: String,
    pub version: String,
    pub source: PolicySource,
    /// Expected SHA-256 of the text, when the site pins it.
    pub sha256: Option<String>,
}

impl PolicyConfig {
    /// Checks the SHA-256 of the policy text as loaded against the pin, if the site gave
    /// one. A text that is not the pinned one is refused: shown, its consent would record
    /// another hash than the pin, and everyone would be asked again on every page.
    ///
    /// ```
    /// use mingshi_core::consent::Config;
    /// let pin = "ab".repeat(32);
    /// let c = Config::from_json(&format!(r#"{{"policy":{{"version":"1","url":"/p","sha256":"{pin}"}},
    ///   "controller":{{"name":"x","contact":"y"}}}}"#)).unwrap();
    /// assert!(c.policy.check_text(&pin).is_ok());
    /// assert!(c.policy.check_text(&"cd".repeat(32)).unwrap_err().starts_with("policy.sha256: "));
    /// ```
    pub fn check_text(&self, text_sha256: &str) -> Result<(), &'static str> {
        match &self.sha256 {
            Some(pin) if pin != text_sha256 => Err("policy.sha256: not the text's SHA-256"),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub provider: String,
    pub purpose: Text,
    pub data_collected: Vec<String>,
    pub policy_url: Option<String>,
    /// Cookie names or patterns with `*`.
    pub cookies: Vec<String>,
    /// localStorage keys or patterns with `*`.
    pub storage_keys: Vec<String>,
    /// Whether the person may switch this service on its own.
    pub toggle: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub services: Vec<Service>,
}

impl Category {
    pub fn is_necessary(&self) -> bool {
        self.id == NECESSARY
    }
}

/// The id of the always-on category.
pub const NECESSARY: &str = "necessary";

/// Kinds of separate consent (单独同意) under PIPL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeparateKind {
    SensitivePersonalInfo,
    ThirdPartySharing,
    PublicDisclosure,
    CrossBorder,
    Custom,
}

impl SeparateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SeparateKind::SensitivePersonalInfo => "sensitive_personal_info",
            SeparateKind::ThirdPartySharing => "third_party_sharing",
            SeparateKind::PublicDisclosure => "public_disclosure",
            SeparateKind::CrossBorder => "cross_border",
            SeparateKind::Custom => "custom",
        }
    }

    pub(super) fn parse(s: &str) -> Option<SeparateKind> {
        Some(match s {
            "sensitive_personal_info" => SeparateKind::SensitivePersonalInfo,
            "third_party_sharing" => SeparateKind::ThirdPartySharing,
            "public_disclosure" => SeparateKind::PublicDisclosure,
            "cross_border" => SeparateKind::CrossBorder,
            "custom" => SeparateKind::Custom,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeparateItem {
    pub id: String,
    pub kind: SeparateKind,
    pub title: Text,
    pub text: Text,
    /// A category that only makes sense with this consent (informational).
    pub required_for: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minors {
    pub age_gate: bool,
    /// Under this age, a guardian must consent (PIPL: 14).
    pub threshold: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Behaviour {
    pub refusal_cooldown_hours: u32,
    pub consent_lifetime_days: u32,
    pub must_open_policy: bool,
    pub show_settings_entry: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipts {
    pub enabled: bool,
    pub endpoint: String,
    pub headers: Vec<(String, String)>,
}

/// A mistake in gated markup ([`Config::unknown_in_markup`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown<'a> {
    /// `data-category` names a category the configuration lacks.
    Category,
    /// `data-service` names this service, which no category lists.
    Service(&'a str),
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub policy: PolicyConfig,
    pub controller: Controller,
    /// `necessary` first, then the site's categories in order.
    pub categories: Vec<Category>,
    pub separate: Vec<SeparateItem>,
    pub minors: Minors,
    pub behaviour: Behaviour,
    /// `None` = detect from the browser.
    pub language: Option<Lang>,
    /// Per-language overrides of UI strings, (key, text) in the order given; see
    /// [`Config::strings_for`].
    pub strings: Vec<(Lang, Vec<(String, String)>)>,
    pub receipts: Receipts,
    /// Beacon URL patterns (`*` wildcard) and the category that must be granted for
    /// `navigator.sendBeacon` / keepalive `fetch` to them to leave the page.
    pub beacons: Vec<(String, String)>,
    /// Mini-program page the web-view navigates to with each decision (the JS bridge
    /// reads it; see README "Mini-program web-view").
    pub miniprogram_result_page: Option<String>,
}

impl Config {
    /// Parses and validates a configuration.
    ///
    /// ```
    /// use mingshi_core::consent::Config;
    /// let c = Config::from_json(r#"{
    ///   "policy": {"version": "2024-01", "url": "/privacy.txt"},
    ///   "controller": {"name": "示例公司", "contact": "privacy@example.com"},
    ///   "categories": [{"id": "analytics", "title": "统计分析", "services": [
    ///      {"id": "umeng", "name": "友盟统计", "provider": "友盟同欣", "cookies": ["um_*"]}]}]
    /// }"#).unwrap();
    /// assert_eq!(c.categories[0].id, "necessary");
    /// assert_eq!(c.categories[1].services[0].cookies, ["um_*"]);
    ///
    /// let err = Config::from_json(r#"{"policy": {"version": "1"}, "controller": {"name": "x", "contact": "y"}}"#)
    ///     .unwrap_err();
    /// #[cfg(feature = "messages")] // the site owner's message
    /// assert_eq!(err.to_string(), "policy: give exactly one of `text`, `url` or `compiled`");
    /// ```
    pub fn from_json(text: &str) -> Result<Config, FieldError> {
        let root = json::parse(text).map_err(|e| error(&Path::Root(""), &[&e.message()]))?;
        Config::from_value(&root)
    }

    /// Validates `root` against the schema (`consent/schema.rs`), then builds the
    /// configuration from it.
    pub fn from_value(root: &Value) -> Result<Config, FieldError> {
        schema::check(root)?;
        // Not dropped when refused (leaked, once): the browser component otherwise never
        // drops a configuration, and its drop code would cost ~500 B of wasm for this path.
        let config = std::mem::ManuallyDrop::new(Config::build(Checked(Some(root))));
        super::record::check_receipt_size(&config)?;
        Ok(std::mem::ManuallyDrop::into_inner(config))
    }

    /// The configuration in a checked value: nothing here can fail.
    fn build(root: Checked) -> Config {
        let p = root.at("policy");
        let source = match (p.opt_string("text"), p.opt_string("url")) {
            (Some(t), _) => PolicySource::Text(t),
            (_, Some(u)) => PolicySource::Url(u),
            _ => PolicySource::Compiled(p.string("compiled")),
        };
        let c = root.at("controller");
        let (m, b, r) = (root.at("minors"), root.at("behaviour"), root.at("receipts"));
        let mut strings = Vec::new();
        for (tag, table) in root.members("strings") {
            if let Some(lang) = Lang::parse(tag) {
                strings.push((lang, pairs(Some(table))));
            }
        }
        Config {
            policy: PolicyConfig {
                id: p.str("id").unwrap_or("privacy").to_string(),
                version: p.string("version"),
                source,
                sha256: p.opt_string("sha256"),
            },
            controller: Controller {
                name: c.string("name"),
                contact: c.string("contact"),
            },
            categories: build_categories(root),
            separate: build_separate(root),
            minors: Minors {
                age_gate: m.flag("age_gate", false),
                threshold: m.number("threshold", 14),
            },
            behaviour: Behaviour {
                refusal_cooldown_hours: b.number("refusal_cooldown_hours", 48),
                consent_lifetime_days: b.number("consent_lifetime_days", 365),
                must_open_policy: b.flag("must_open_policy", false),
                show_settings_entry: b.flag("show_settings_entry", true),
            },
            // "auto" is no language: detect it.
            language: root.str("language").and_then(Lang::parse),
            strings,
            receipts: Receipts {
                enabled: r.flag("enabled", true),
                endpoint: r.str("endpoint").unwrap_or("/v1/receipts").to_string(),
                headers: pairs(r.get("headers")),
            },
            beacons: pairs(root.get("beacons")),
            miniprogram_result_page: root.at("miniprogram").opt_string("result_page"),
        }
    }

    /// The category that gates a beacon to a URL: the first `beacons` pattern matching any
    /// of the URL's forms (as written, absolute, path and query). `None`: not gated.
    ///
    /// ```
    /// use mingshi_core::consent::Config;
    /// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p"},"controller":{"name":"x","contact":"y"},
    ///   "categories":[{"id":"analytics","title":"A"}],"beacons":{"/collect*":"analytics"}}"#).unwrap();
    /// assert_eq!(c.beacon_category(&["https://shop.example/collect?x=1", "/collect?x=1"]), Some("analytics"));
    /// assert_eq!(c.beacon_category(&["/other"]), None);
    /// ```
    ///
    /// The component's own receipts endpoint is never a beacon: a pattern covering the
    /// site's whole origin must not hold back the receipt of a refusal for ever.
    pub fn beacon_category(&self, url_forms: &[&str]) -> Option<&str> {
        if url_forms.contains(&self.receipts.endpoint.as_str()) {
            return None;
        }
        self.beacons
            .iter()
            .find(|(pattern, _)| url_forms.iter().any(|u| matches_pattern(pattern, u)))
            .map(|(_, category)| category.as_str())
    }

    /// The site's string overrides for `lang` (the last block given for it wins).
    pub fn strings_for(&self, lang: Lang) -> &[(String, String)] {
        self.strings
            .iter()
            .rev()
            .find(|(l, _)| *l == lang)
            .map_or(&[], |(_, texts)| texts.as_slice())
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// What gated markup names that the configuration lacks, when its `data-category` is
    /// `category` (and its `data-service`, `service`): nothing when the configuration lists
    /// the category (and the service). A category it lacks, whatever the service: its
    /// elements stay blocked (no decision can grant it). A service no category lists: its
    /// elements load with the category alone (its own consent cannot be asked). A service
    /// listed under another category is no mistake: its elements wait for both categories,
    /// gated either way. The component tells the JS layer of each (cheap: no message);
    /// [`Config::markup_warning`] words it, in the messages module.
    ///
    /// ```
    /// use mingshi_core::consent::{Config, Unknown};
    /// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p.txt"},
    ///   "controller":{"name":"x","contact":"y"}, "categories":[{"id":"analytics","title":"A",
    ///   "services":[{"id":"umeng","name":"U"}]}]}"#).unwrap();
    /// assert_eq!(c.unknown_in_markup("analytics", Some("umeng")), None);
    /// assert_eq!(c.unknown_in_markup("necessary", None), None);
    /// assert_eq!(c.unknown_in_markup("ads", Some("umeng")), Some(Unknown::Category));
    /// assert_eq!(c.unknown_in_markup("analytics", Some("um")), Some(Unknown::Service("um")));
    /// ```
    pub fn unknown_in_markup<'a>(
        &self,
        category: &str,
        service: Option<&'a str>,
    ) -> Option<Unknown<'a>> {
        if self.category(category).is_none() {
            return Some(Unknown::Category);
        }
        service
            .filter(|s| self.service(s).is_none())
            .map(Unknown::Service)
    }

    /// What to tell the site owner, on the console, about gated markup whose
    /// `data-category` names `category` (and `data-service`, `service`): nothing when there
    /// is no mistake ([`Config::unknown_in_markup`]). For another category, that its
    /// elements stay blocked; for a service no category lists, that its elements load with
    /// the category alone. Each names the one it looks like a typo of, if any (the
    /// category's message also lists the configured categories). Only the messages module
    /// (crates/mingshi-messages-wasm) words it: the component, which finds the mistakes,
    /// carries neither the texts nor the typo search.
    ///
    /// ```
    /// use mingshi_core::consent::Config;
    /// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p.txt"},
    ///   "controller":{"name":"x","contact":"y"}, "categories":[{"id":"analytics","title":"A",
    ///   "services":[{"id":"umeng","name":"U"}]}]}"#).unwrap();
    /// assert_eq!(c.markup_warning("analytics", None), None);
    /// assert_eq!(c.markup_warning("analytics", Some("umeng")), None);
    /// assert_eq!(c.markup_warning("necessary", None), None);
    /// assert_eq!(c.markup_warning("analytcs", None).unwrap(), "Mingshi: data-category=\"analytcs\" is not a \
    ///   configured category (necessary, analytics): its elements stay blocked. Did you mean \"analytics\"?");
    /// assert_eq!(c.markup_warning("ads", Some("umeng")).unwrap(), "Mingshi: data-category=\"ads\" is not a \
    ///   configured category (necessary, analytics): its elements stay blocked.");
    /// assert_eq!(c.markup_warning("analytics", Some("umeng2")).unwrap(), "Mingshi: data-service=\"umeng2\" is not \
    ///   a configured service of \"analytics\": its elements load with the category alone. \
    ///   Did you mean \"umeng\"?");
    /// ```
    pub fn markup_warning(&self, category: &str, service: Option<&str>) -> Option<String> {
        let Unknown::Service(service) = self.unknown_in_markup(category, service)? else {
            let mut m = String::from("Mingshi: data-category=\"");
            m.push_str(category);
            m.push_str("\" is not a configured category (");
            for (i, c) in self.categories.iter().enumerate() {
                if i > 0 {
                    m.push_str(", ");
                }
                m.push_str(&c.id);
            }
            m.push_str("): its elements stay blocked.");
            let guess = self.categories.iter().find(|c| similar(&c.id, category));
            return Some(suggest(m, guess.map(|c| c.id.as_str())));
        };
        let mut m = String::from("Mingshi: data-service=\"");
        m.push_str(service);
        m.push_str("\" is not a configured service of \"");
        m.push_str(category);
        m.push_str("\": its elements load with the category alone.");
        let services = self.category(category).map_or(&[][..], |c| &c.services);
        let guess = services.iter().find(|s| similar(&s.id, service));
        Some(suggest(m, guess.map(|s| s.id.as_str())))
    }

    /// What to call what a gated element embeds, as the page names it (`data-category`,
    /// `data-service`): the service's name, else the category's title in `lang`, else the
    /// id as written (one the configuration does not know).
    ///
    /// ```
    /// use mingshi_core::consent::{Config, Lang};
    /// let c = Config::from_json(r#"{"policy":{"version":"1","url":"/p.txt"},
    ///   "controller":{"name":"x","contact":"y"}, "categories":[{"id":"functional",
    ///   "title":{"zh-CN":"功能","en":"Functional"}, "services":[{"id":"amap","name":"高德地图"}]}]}"#).unwrap();
    /// assert_eq!(c.display_name("functional", Some("amap"), Lang::En), "高德地图");
    /// assert_eq!(c.display_name("functional", None, Lang::En), "Functional");
    /// assert_eq!(c.display_name("video", None, Lang::En), "video");
    /// ```
    pub fn display_name<'a>(
        &'a self,
        category: &'a str,
        service: Option<&'a str>,
        lang: Lang,
    ) -> &'a str {
        if let Some((_, s)) = service.and_then(|id| self.service(id)) {
            return &s.name;
        }
        match self.category(category) {
            Some(c) => c.title.get(lang),
            None => service.unwrap_or(category),
        }
    }

    /// The service with `id` and its category.
    pub fn service(&self, id: &str) -> Option<(&Category, &Service)> {
        self.categories
            .iter()
            .find_map(|c| c.services.iter().find(|s| s.id == id).map(|s| (c, s)))
    }

    /// Sorted ids of categories, services and separate-consent items: what a consent
    /// covered, kept with it so a later change can be described.
    pub fn scope(&self) -> Scope {
        let mut s = Scope::default();
        for c in &self.categories {
            s.categories.push(c.id.clone());
            for x in &c.services {
                s.services.push(x.id.clone());
            }
        }
        for x in &self.separate {
            s.separate.push(x.id.clone());
        }
        sort(&mut s.categories);
        sort(&mut s.services);
        sort(&mut s.separate);
        s
    }

    /// A digest of the scope and the separate-consent texts ([`fnv1a_hex`]): changes when
    /// what is asked changes, so a stored consent no longer covers it.
    pub fn fingerprint(&self) -> String {
        let scope = self.scope();
        let mut text = String::new();
        for part in &[&scope.categories, &scope.services, &scope.separate] {
            text.push_str(&crate::text::join(part, ","));
            text.push('\n');
        }
        for item in &self.separate {
            // Over a slice, not an array by value: the component then carries no array
            // iterator (measured: -83 B gzip with the two other loops so written).
            for &texts in &[&item.text.0, &item.title.0] {
                for (l, t) in texts {
                    text.push_str(l);
                    text.push('=');
                    text.push_str(t);
                    text.push('\n');
                }
            }
        }
        fnv1a_hex(text.as_bytes())
    }
}

/// Sorts `ids` by insertion: a configuration has a few dozen ids at most, and this is far
/// less wasm than std's `sort_unstable` (measured).
fn sort(ids: &mut [String]) {
    for i in 1..ids.len() {
        let mut j = i;
        while j > 0 && ids[j] < ids[j - 1] {
            ids.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// What a consent covered (sorted ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub categories: Vec<String>,
    pub services: Vec<String>,
    pub separate: Vec<String>,
}

/// A value that [`schema::check`] accepted, read without error paths: a member that is
/// absent or null reads as empty or as the default given (the schema makes sure required
/// ones are there).
#[derive(Clone, Copy)]
struct Checked<'a>(Option<&'a Value>);

impl<'a> Checked<'a> {
    fn get(self, key: &str) -> Option<&'a Value> {
        member(self.0?, key)
    }

    /// The object `key` (absent: every member reads as its default).
    fn at(self, key: &str) -> Checked<'a> {
        Checked(self.get(key))
    }

    fn str(self, key: &str) -> Option<&'a str> {
        self.get(key)?.as_str()
    }

    fn string(self, key: &str) -> String {
        self.opt_string(key).unwrap_or_default()
    }

    fn opt_string(self, key: &str) -> Option<String> {
        json::string_of(self.0, key)
    }

    fn flag(self, key: &str, default: bool) -> bool {
        self.get(key).and_then(Value::as_bool).unwrap_or(default)
    }

    /// A number the schema bounded to a `u32`.
    fn number(self, key: &str, default: u32) -> u32 {
        self.get(key)
            .and_then(Value::as_i64)
            .map_or(default, |n| n as u32)
    }

    fn text(self, key: &str) -> Text {
        match self.get(key) {
            Some(Value::Str(s)) => Text(vec![(String::new(), s.clone())]),
            other => Text(pairs(other)),
        }
    }

    fn strings(self, key: &str) -> Vec<String> {
        json::strings(self.get(key))
    }

    fn items(self, key: &str) -> impl Iterator<Item = Checked<'a>> {
        let items = self.get(key).and_then(Value::as_array).unwrap_or(&[]);
        items.iter().map(|v| Checked(Some(v)))
    }

    fn members(self, key: &str) -> &'a [(String, Value)] {
        self.get(key).and_then(Value::as_object).unwrap_or(&[])
    }
}

/// The members of a checked object of strings, as (key, text) in order.
fn pairs(v: Option<&Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, t) in v.and_then(Value::as_object).unwrap_or(&[]) {
        out.push((k.clone(), t.as_str().unwrap_or_default().to_string()));
    }
    out
}

/// `necessary` first (the site's own, or the built-in one), then the site's categories.
fn build_categories(root: Checked) -> Vec<Category> {
    let mut out = Vec::new();
    // Two passes over the site's categories, `necessary` in the first and the others in
    // the second, so that each is pushed where it goes (measured: smaller wasm than moving
    // the site's `necessary` to the front with `remove` and `insert`).
    // Over a slice, as in `fingerprint`.
    for &first in &[true, false] {
        for c in root.items("categories") {
            if (c.str("id") == Some(NECESSARY)) != first {
                continue;
            }
            let mut services = Vec::new();
            for s in c.items("services") {
                services.push(Service {
                    id: s.string("id"),
                    name: s.string("name"),
                    provider: s.string("provider"),
                    purpose: s.text("purpose"),
                    data_collected: s.strings("data_collected"),
                    policy_url: s.opt_string("policy_url"),
                    cookies: s.strings("cookies"),
                    storage_keys: s.strings("storage_keys"),
                    toggle: s.flag("toggle", false),
                });
            }
            out.push(Category {
                id: c.string("id"),
                title: c.text("title"),
                description: c.text("description"),
                services,
            });
        }
        // After the first pass: the site gave no `necessary`, so the built-in one.
        if out.is_empty() {
            out.push(Category {
                id: NECESSARY.into(),
                title: Text::from_table(&[
                    ("zh-CN", "必要"),
                    ("zh-TW", "必要"),
                    ("en", "Strictly necessary"),
                ]),
                description: Text::from_table(&[
                    ("zh-CN", "网站运行所必需，始终开启。"),
                    ("zh-TW", "網站運作所必需，始終開啟。"),
                    ("en", "Needed for the site to work; always on."),
                ]),
                services: Vec::new(),
            });
        }
    }
    out
}

fn build_separate(root: Checked) -> Vec<SeparateItem> {
    let mut out = Vec::new();
    for s in root.items("separate_consents") {
        out.push(SeparateItem {
            id: s.string("id"),
            kind: s
                .str("kind")
                .and_then(SeparateKind::parse)
                .unwrap_or(SeparateKind::Custom),
            title: s.text("title"),
            text: s.text("text"),
            required_for: s.opt_string("required_for"),
        });
    }
    out
}

/// Whether a cookie or storage-key `name` matches a configured `pattern`, where `*`
/// matches any run of characters.
///
/// ```
/// use mingshi_core::consent::matches_pattern;
/// assert!(matches_pattern("_ga*", "_ga_ABC123"));
/// assert!(matches_pattern("um_*_id", "um_x_id"));
/// assert!(!matches_pattern("cna", "cnax"));
/// ```
pub fn matches_pattern(pattern: &str, name: &str) -> bool {
    // Byte by byte, going back to the last `*` on a mismatch (the star takes one more
    // byte): the classic wildcard match, without splitting the pattern into pieces.
    // `*` is ASCII, so it never matches inside a multi-byte character's bytes.
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let (mut i, mut j) = (0, 0);
    // The position after the last `*` seen, and the byte of `name` it was tried from.
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if p.get(i) == Some(&b'*') {
            i += 1;
            star = Some((i, j));
        } else if p.get(i) == Some(&n[j]) {
            i += 1;
            j += 1;
        } else if let Some((after, from)) = star {
            i = after;
            j = from + 1;
            star = Some((after, from + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&b| b == b'*')
}

/// `m`, and then the id it looks like a typo of, if any ([`Config::markup_warning`]).
fn suggest(mut m: String, guess: Option<&str>) -> String {
    if let Some(id) = guess {
        m.push_str(" Did you mean \"");
        m.push_str(id);
        m.push_str("\"?");
    }
    m
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_insertion_sort_sorts_as_std_does() {
        let words = [
            "marketing",
            "a",
            "analytics",
            "",
            "z-1",
            "z_1",
            "a",
            "名",
            "b",
        ];
        for n in 0..=words.len() {
            let mut ids: Vec<String> = words[..n].iter().rev().map(|w| w.to_string()).collect();
            let mut want = ids.clone();
            want.sort();
            super::sort(&mut ids);
            assert_eq!(ids, want);
        }
    }
}
