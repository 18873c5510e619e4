//! The site owner's configuration: one JSON object, validated with errors that name the
//! bad field by its path. See `Config::from_json` for the schema.

use crate::hash::fnv1a_hex;
use crate::json::fields::{error, index, FieldError, Fields};
use crate::json::{self, Value};
use crate::receipt::Controller;

use super::i18n::Lang;

/// Text given once or per language: `"统计分析"` or `{"zh-CN": "统计分析", "en": "Analytics"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub Vec<(String, String)>);

impl Text {
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

    fn read(v: &Value, path: &str, required: bool) -> Result<Text, FieldError> {
        match v {
            Value::Str(s) if required && s.trim().is_empty() => {
                Err(error(path, "must not be empty"))
            }
            Value::Str(s) => Ok(Text(vec![(String::new(), s.clone())])),
            Value::Obj(members) => {
                let mut out = Vec::new();
                for (lang, t) in members {
                    if Lang::parse(lang).is_none() {
                        return Err(error(path, "language keys must be zh-CN, zh-TW or en"));
                    }
                    let s = t.as_str().ok_or_else(|| {
                        error(&crate::json::fields::join(path, lang), "expected a string")
                    })?;
                    out.push((lang.clone(), s.to_string()));
                }
                if out.is_empty() && required {
                    return Err(error(path, "must give the text in at least one language"));
                }
                Ok(Text(out))
            }
            _ => Err(error(
                path,
                "expected a string or an object of {\"zh-CN\": ..., \"en\": ...}",
            )),
        }
    }
}

fn text(f: &mut Fields, key: &'static str, required: bool) -> Result<Text, FieldError> {
    match f.value(key) {
        Some(v) => Text::read(v, &f.path_of(key), required),
        None if required => Err(error(&f.path_of(key), "is required")),
        None => Ok(Text(Vec::new())),
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

    fn parse(s: &str) -> Option<SeparateKind> {
        [
            SeparateKind::SensitivePersonalInfo,
            SeparateKind::ThirdPartySharing,
            SeparateKind::PublicDisclosure,
            SeparateKind::CrossBorder,
            SeparateKind::Custom,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
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

/// Ids are short, lowercase, and safe in attributes and storage keys.
fn check_id(id: &str, path: &str) -> Result<(), FieldError> {
    let ok = !id.is_empty()
        && id.len() <= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(error(
            path,
            "must be 1 to 32 characters of a-z, 0-9, _ or -",
        ))
    }
}

fn check_http_url(url: &str, path: &str) -> Result<(), FieldError> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(error(path, "must be an http:// or https:// URL"))
    }
}

/// A relative or http(s) URL: never `javascript:` or `data:`.
fn check_fetch_url(url: &str, path: &str) -> Result<(), FieldError> {
    let scheme_end = crate::text::find(url, ":");
    let slash = crate::text::find(url, "/");
    let has_scheme = matches!((scheme_end, slash), (Some(c), Some(s)) if c < s)
        || (scheme_end.is_some() && slash.is_none());
    if !has_scheme || url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(error(path, "must be a relative path or an http(s) URL"))
    }
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
    /// assert_eq!(err.to_string(), "policy: give exactly one of `text`, `url` or `compiled`");
    /// ```
    pub fn from_json(text: &str) -> Result<Config, FieldError> {
        let root = json::parse(text).map_err(|e| error("", e.message()))?;
        Config::from_value(&root)
    }

    pub fn from_value(root: &Value) -> Result<Config, FieldError> {
        let mut f = Fields::new(root, "")?;
        let policy = read_policy(&mut f)?;
        let controller = {
            let v = f
                .value("controller")
                .ok_or_else(|| error("controller", "is required"))?;
            let mut c = Fields::new(v, "controller")?;
            let out = Controller {
                name: c.str("name")?,
                contact: c.str("contact")?,
            };
            c.finish()?;
            out
        };
        let categories = read_categories(&mut f)?;
        let separate = read_separate(&mut f)?;
        let minors = match f.value("minors") {
            None => Minors {
                age_gate: false,
                threshold: 14,
            },
            Some(v) => {
                let mut m = Fields::new(v, "minors")?;
                let out = Minors {
                    age_gate: m.bool_or("age_gate", false)?,
                    threshold: m.int_or("threshold", 14, 1, 21)? as u32,
                };
                m.finish()?;
                out
            }
        };
        let behaviour = match f.value("behaviour") {
            None => Behaviour {
                refusal_cooldown_hours: 48,
                consent_lifetime_days: 365,
                must_open_policy: false,
                show_settings_entry: true,
            },
            Some(v) => {
                let mut b = Fields::new(v, "behaviour")?;
                if let Some(d) = b.opt_str("disagree")? {
                    if d != "basic_mode" {
                        return Err(error(
                            "behaviour.disagree",
                            "must be \"basic_mode\" (disagreeing never leaves the page)",
                        ));
                    }
                }
                let out = Behaviour {
                    refusal_cooldown_hours: b.int_or("refusal_cooldown_hours", 48, 0, 8760)? as u32,
                    consent_lifetime_days: b.int_or("consent_lifetime_days", 365, 1, 3650)? as u32,
                    must_open_policy: b.bool_or("must_open_policy", false)?,
                    show_settings_entry: b.bool_or("show_settings_entry", true)?,
                };
                b.finish()?;
                out
            }
        };
        let language = match f.opt_str("language")?.as_deref() {
            None | Some("auto") => None,
            Some(tag) => Some(Lang::parse(tag).ok_or_else(|| {
                error(
                    "language",
                    "must be \"auto\", \"zh-CN\", \"zh-TW\" or \"en\"",
                )
            })?),
        };
        let mut strings = Vec::new();
        if let Some(v) = f.value("strings") {
            let langs = Fields::new(v, "strings")?;
            for (tag, table) in v.as_object().unwrap_or(&[]) {
                let path = langs.path_of(tag);
                let lang = Lang::parse(tag)
                    .ok_or_else(|| error(&path, "language keys must be zh-CN, zh-TW or en"))?;
                let members = table
                    .as_object()
                    .ok_or_else(|| error(&path, "expected an object of string keys to texts"))?;
                let mut texts = Vec::new();
                for (k, t) in members {
                    let s = t.as_str().ok_or_else(|| {
                        error(&crate::json::fields::join(&path, k), "expected a string")
                    })?;
                    texts.push((k.clone(), s.to_string()));
                }
                strings.push((lang, texts));
            }
        }
        let receipts = match f.value("receipts") {
            None => Receipts {
                enabled: true,
                endpoint: "/v1/receipts".into(),
                headers: Vec::new(),
            },
            Some(v) => {
                let mut r = Fields::new(v, "receipts")?;
                let endpoint = r
                    .opt_str("endpoint")?
                    .unwrap_or_else(|| "/v1/receipts".into());
                check_fetch_url(&endpoint, "receipts.endpoint")?;
                let mut headers = Vec::new();
                if let Some(h) = r.value("headers") {
                    for (k, v) in h.as_object().ok_or_else(|| {
                        error(
                            "receipts.headers",
                            "expected an object of header names to values",
                        )
                    })? {
                        let s = v.as_str().ok_or_else(|| {
                            error(
                                &crate::json::fields::join("receipts.headers", k),
                                "expected a string",
                            )
                        })?;
                        headers.push((k.clone(), s.to_string()));
                    }
                }
                let out = Receipts {
                    enabled: r.bool_or("enabled", true)?,
                    endpoint,
                    headers,
                };
                r.finish()?;
                out
            }
        };
        let mut beacons = Vec::new();
        if let Some(v) = f.value("beacons") {
            let members = v.as_object().ok_or_else(|| {
                error(
                    "beacons",
                    "expected an object of URL patterns to category ids",
                )
            })?;
            for (pattern, cat) in members {
                let path = crate::json::fields::join("beacons", pattern);
                let cat = cat
                    .as_str()
                    .ok_or_else(|| error(&path, "expected a category id"))?;
                if !categories.iter().any(|c| c.id == cat) {
                    return Err(error(
                        &path,
                        String::from("names category `") + cat + "`, which is not configured",
                    ));
                }
                beacons.push((pattern.clone(), cat.to_string()));
            }
        }
        for (i, item) in separate.iter().enumerate() {
            if let Some(cat) = &item.required_for {
                if !categories.iter().any(|c| &c.id == cat) {
                    let path =
                        crate::json::fields::join(&index("separate_consents", i), "required_for");
                    return Err(error(
                        &path,
                        String::from("names category `") + cat + "`, which is not configured",
                    ));
                }
            }
        }
        let miniprogram_result_page = match f.value("miniprogram") {
            None => None,
            Some(v) => {
                let mut m = Fields::new(v, "miniprogram")?;
                let page = m.opt_str("result_page")?;
                if page.as_deref().is_some_and(|p| !p.starts_with('/')) {
                    return Err(error(
                        "miniprogram.result_page",
                        "must be a mini-program page path starting with /",
                    ));
                }
                m.finish()?;
                page
            }
        };
        f.finish()?;
        Ok(Config {
            policy,
            controller,
            categories,
            separate,
            minors,
            behaviour,
            language,
            strings,
            receipts,
            beacons,
            miniprogram_result_page,
        })
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
    pub fn beacon_category(&self, url_forms: &[&str]) -> Option<&str> {
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
            s.services.extend(c.services.iter().map(|x| x.id.clone()));
        }
        s.separate
            .extend(self.separate.iter().map(|x| x.id.clone()));
        s.categories.sort_unstable();
        s.services.sort_unstable();
        s.separate.sort_unstable();
        s
    }

    /// A digest of the scope and the separate-consent texts ([`fnv1a_hex`]): changes when
    /// what is asked changes, so a stored consent no longer covers it.
    pub fn fingerprint(&self) -> String {
        let scope = self.scope();
        let mut text = String::new();
        for part in [&scope.categories, &scope.services, &scope.separate] {
            text.push_str(&crate::text::join(part, ","));
            text.push('\n');
        }
        for item in &self.separate {
            for (l, t) in item.text.0.iter().chain(item.title.0.iter()) {
                text.push_str(l);
                text.push('=');
                text.push_str(t);
                text.push('\n');
            }
        }
        fnv1a_hex(text.as_bytes())
    }
}

/// What a consent covered (sorted ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub categories: Vec<String>,
    pub services: Vec<String>,
    pub separate: Vec<String>,
}

fn read_policy(f: &mut Fields) -> Result<PolicyConfig, FieldError> {
    let v = f
        .value("policy")
        .ok_or_else(|| error("policy", "is required"))?;
    let mut p = Fields::new(v, "policy")?;
    let id = p.opt_str("id")?.unwrap_or_else(|| "privacy".into());
    check_id(&id, "policy.id")?;
    let version = p.str("version")?;
    let sources = [
        p.opt_str("text")?,
        p.opt_str("url")?,
        p.opt_str("compiled")?,
    ];
    let source = match sources {
        [Some(t), None, None] => PolicySource::Text(t),
        [None, Some(u), None] => {
            check_fetch_url(&u, "policy.url")?;
            PolicySource::Url(u)
        }
        [None, None, Some(u)] => {
            check_fetch_url(&u, "policy.compiled")?;
            PolicySource::Compiled(u)
        }
        _ => {
            return Err(error(
                "policy",
                "give exactly one of `text`, `url` or `compiled`",
            ))
        }
    };
    let sha256 = p.opt_str("sha256")?;
    if let Some(h) = &sha256 {
        if !crate::hash::is_sha256_hex(h) {
            return Err(error("policy.sha256", "must be 64 lowercase hex digits"));
        }
    }
    p.finish()?;
    Ok(PolicyConfig {
        id,
        version,
        source,
        sha256,
    })
}

fn read_categories(f: &mut Fields) -> Result<Vec<Category>, FieldError> {
    let items = f.array("categories")?;
    let mut out: Vec<Category> = Vec::new();
    let mut service_ids: Vec<String> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let path = index("categories", i);
        let mut c = Fields::new(v, &path)?;
        let id = c.str("id")?;
        check_id(&id, &c.path_of("id"))?;
        if out.iter().any(|o| o.id == id) {
            return Err(error(
                &c.path_of("id"),
                String::from("duplicate category id `") + &id + "`",
            ));
        }
        let title = text(&mut c, "title", true)?;
        let description = text(&mut c, "description", false)?;
        let mut services = Vec::new();
        for (j, sv) in c.array("services")?.iter().enumerate() {
            let spath = index(&c.path_of("services"), j);
            let mut s = Fields::new(sv, &spath)?;
            let sid = s.str("id")?;
            check_id(&sid, &s.path_of("id"))?;
            if service_ids.contains(&sid) {
                return Err(error(
                    &s.path_of("id"),
                    String::from("duplicate service id `") + &sid + "`",
                ));
            }
            service_ids.push(sid.clone());
            let policy_url = s.opt_str("policy_url")?;
            if let Some(u) = &policy_url {
                check_http_url(u, &s.path_of("policy_url"))?;
            }
            let service = Service {
                id: sid,
                name: s.str("name")?,
                provider: s.opt_str("provider")?.unwrap_or_default(),
                purpose: text(&mut s, "purpose", false)?,
                data_collected: s.strings("data_collected")?,
                policy_url,
                cookies: s.strings("cookies")?,
                storage_keys: s.strings("storage_keys")?,
                toggle: s.bool_or("toggle", false)?,
            };
            s.finish()?;
            services.push(service);
        }
        c.finish()?;
        out.push(Category {
            id,
            title,
            description,
            services,
        });
    }
    if let Some(pos) = out.iter().position(Category::is_necessary) {
        let necessary = out.remove(pos);
        out.insert(0, necessary);
    } else {
        out.insert(
            0,
            Category {
                id: NECESSARY.into(),
                title: Text(vec![
                    ("zh-CN".into(), "必要".into()),
                    ("zh-TW".into(), "必要".into()),
                    ("en".into(), "Strictly necessary".into()),
                ]),
                description: Text(vec![
                    ("zh-CN".into(), "网站运行所必需，始终开启。".into()),
                    ("zh-TW".into(), "網站運作所必需，始終開啟。".into()),
                    (
                        "en".into(),
                        "Needed for the site to work; always on.".into(),
                    ),
                ]),
                services: Vec::new(),
            },
        );
    }
    Ok(out)
}

fn read_separate(f: &mut Fields) -> Result<Vec<SeparateItem>, FieldError> {
    let mut out: Vec<SeparateItem> = Vec::new();
    for (i, v) in f.array("separate_consents")?.iter().enumerate() {
        let path = index("separate_consents", i);
        let mut s = Fields::new(v, &path)?;
        let id = s.str("id")?;
        check_id(&id, &s.path_of("id"))?;
        if out.iter().any(|o| o.id == id) {
            return Err(error(
                &s.path_of("id"),
                String::from("duplicate separate-consent id `") + &id + "`",
            ));
        }
        let kind_text = s.str("kind")?;
        let kind = SeparateKind::parse(&kind_text).ok_or_else(|| {
            error(&s.path_of("kind"), "must be sensitive_personal_info, third_party_sharing, public_disclosure, cross_border or custom")
        })?;
        let item = SeparateItem {
            id,
            kind,
            title: text(&mut s, "title", true)?,
            text: text(&mut s, "text", true)?,
            required_for: s.opt_str("required_for")?,
        };
        s.finish()?;
        out.push(item);
    }
    Ok(out)
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
    let mut parts = crate::text::split(pattern, "*");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match crate::text::find(rest, piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}
