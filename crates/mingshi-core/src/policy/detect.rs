//! Key-clause detection for policies without markup: each sentence gets reason tags from
//! keyword rules (Chinese and English), and sensitive data items are marked as terms.
//! A sentence is key when it has at least one tag and is not boilerplate.

use crate::text;

/// Why a clause is key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    Sensitive,
    Sharing,
    Crossborder,
    Exemption,
    Minors,
    Consequence,
    Liability,
    Retention,
    RightsLimits,
    Change,
    Tracking,
}

pub const ALL_TAGS: [Tag; 11] = [
    Tag::Sensitive,
    Tag::Sharing,
    Tag::Crossborder,
    Tag::Exemption,
    Tag::Minors,
    Tag::Consequence,
    Tag::Liability,
    Tag::Retention,
    Tag::RightsLimits,
    Tag::Change,
    Tag::Tracking,
];

impl Tag {
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Sensitive => "sensitive",
            Tag::Sharing => "sharing",
            Tag::Crossborder => "crossborder",
            Tag::Exemption => "exemption",
            Tag::Minors => "minors",
            Tag::Consequence => "consequence",
            Tag::Liability => "liability",
            Tag::Retention => "retention",
            Tag::RightsLimits => "rights_limits",
            Tag::Change => "change",
            Tag::Tracking => "tracking",
        }
    }

    pub fn parse(s: &str) -> Option<Tag> {
        ALL_TAGS.into_iter().find(|t| t.as_str() == s)
    }

    /// A readable label: `zh` true for Chinese (zh-CN), else English.
    pub fn label(self, zh: bool) -> &'static str {
        let (cn, en) = match self {
            Tag::Sensitive => ("敏感个人信息", "Sensitive data"),
            Tag::Sharing => ("共享与委托", "Sharing"),
            Tag::Crossborder => ("跨境传输", "Cross-border"),
            Tag::Exemption => ("无需同意的情形", "Without consent"),
            Tag::Minors => ("未成年人", "Minors"),
            Tag::Consequence => ("拒绝或同意的后果", "Consequences"),
            Tag::Liability => ("免责条款", "Liability"),
            Tag::Retention => ("保存期限", "Retention"),
            Tag::RightsLimits => ("权利行使限制", "Limits on your rights"),
            Tag::Change => ("政策变更", "Policy changes"),
            Tag::Tracking => ("Cookie与追踪", "Tracking"),
        };
        if zh {
            cn
        } else {
            en
        }
    }
}

/// A list of keywords as one string, each word followed by a newline, read back with
/// `lines()`. Written like an array, stored as one `&str`: an array of `&str` holds a
/// pointer and a length for each word, 8 bytes of wasm data for each of some 700 keywords
/// (one string per list: -1.5 KB gzip on the policy engine).
macro_rules! words {
    ($($word:literal),* $(,)?) => {
        concat!($($word, "\n"),*)
    };
}

/// Sensitive data items (PIPL art. 28), Chinese and English. Also used for term marking.
const SENSITIVE: &str = words![
    "身份证",
    "证件号",
    "护照",
    "生物识别",
    "人脸",
    "面部",
    "脸部",
    "指纹",
    "声纹",
    "虹膜",
    "掌纹",
    "基因",
    "银行卡",
    "银行账",
    "银行流水",
    "支付信息",
    "支付账号",
    "财产信息",
    "征信",
    "收入",
    "精确位置",
    // The user's location ("获取您的位置", "您所在的位置"), as "your location".
    "您的位置",
    "所在位置",
    "所在的位置",
    "信用分",
    "生物样本",
    // Health readings and treatment ("记录血压、血糖、用药计划").
    "血压",
    "血糖",
    "用药",
    // What the user says or copies ("您的语音会被上传", "剪贴板").
    "您的语音",
    "剪贴板",
    "精准位置",
    "精确定位",
    "位置信息",
    "地理位置",
    // A track of where someone went ("行踪轨迹", "行程轨迹", "运动轨迹", "您的行踪").
    "轨迹",
    "行踪",
    "健康信息",
    "健康数据",
    "健康状况",
    "医疗",
    "病历",
    "生理",
    "病情",
    // Vital signs a wearable measures, reproductive health.
    "心率",
    "月经",
    "通讯录",
    "通话录音",
    "录音",
    "浏览记录",
    "交易信息",
    "交易记录",
    "精准定位",
    "通话记录",
    "通信记录",
    "聊天记录",
    "聊天内容",
    "通信内容",
    "宗教",
    "特定身份",
    "性取向",
    "犯罪记录",
    "未成年人的个人信息",
    "儿童个人信息",
    "敏感个人信息",
    "个人敏感信息",
    "敏感信息",
    "信用信息",
    "信用记录",
    "credit information",
    "credit record",
    "credit report",
    "id card",
    "identity card",
    "id number",
    "passport",
    "biometric",
    "facial",
    "face recognition",
    "fingerprint",
    "voiceprint",
    "bank card",
    "bank account",
    "payment information",
    "financial account",
    "precise location",
    "geolocation",
    "location information",
    // The user's or a device's location; "location" alone is also where data is stored.
    "your location",
    "'s location",
    "gps",
    "health",
    "medical",
    "contacts",
    "call log",
    "call record",
    "sms content",
    "text message content",
    "read sms",
    "短信内容",
    "短信记录",
    "读取短信",
    "sensitive personal information",
    // Health a passenger or a gym member declares ("怀孕超过32周", "体脂率"), and images of
    // people ("视频监控", "24小时录像").
    "怀孕",
    "体脂",
    "视频监控",
    "录像",
    // A health check's results, a credit score, a driving licence ("体检结论", "信用评分",
    // "驾驶证").
    "体检",
    "信用评分",
    "驾驶证",
];
const SHARING: &str = words![
    "共享",
    "转让",
    // PIPL art. 22's word ("需要转移个人信息的").
    "转移",
    "披露",
    "委托处理",
    "委托第三方",
    // Reporting to an authority ("报送至交通运输主管部门"), or it taking the data
    // ("公安机关依法调取用户信息的").
    "报送",
    "调取",
    // Making it public ("我们不会公开您的个人信息，但……的除外").
    "公开您的",
    // Giving or sending to another party ("提供给合作药房", "发送给该品牌的云平台"), not
    // to the user or to the operator (see `NOT_KEY_PHRASES`).
    "提供给",
    "发送给",
    "提交给",
    "移交给",
    "同步给",
    // Entrusting in other words ("要求其按照我们的指示处理").
    "按照我们的指示",
    // Handing over on demand ("要求我们提供住户信息"), and making public ("投票结果依法
    // 公示").
    "要求我们提供",
    "依法提供",
    // Not "公示" alone: "按照我们公示的制度进行投诉" makes a rule public, not data.
    "依法公示",
    "进行公示",
    // Providing to a party named before ("我们会向其提供必要的订单号").
    "向其提供",
    "交换您的",
    // Providing to another party named between ("向第三方提供", not "第三方提供的服务").
    "向第三方提供",
    "向合作方提供",
    "向合作伙伴提供",
    "向关联公司提供",
    "委托我们的",
    "第三方",
    "合作伙伴",
    "合作方",
    "关联公司",
    "关联方",
    "affiliate",
    "sdk",
    "对外提供",
    // Selling personal information ("出售给任何第三方"), not goods ("出售商品").
    "出售您的",
    "出售个人",
    "出售给",
    "出售用户",
    // Denied, yet the clause to point out ("本院不会向任何单位提供您的个人信息，更不会出售").
    "不会出售",
    "sell your",
    "sell personal",
    "sell the personal",
    "share",
    "sharing",
    "transfer",
    "disclose",
    "disclosure",
    "third part",
    "partner",
    "entrust",
    // Hiring a provider ("we engage Alibaba Cloud to provide cloud storage").
    "we engage",
    "sub-processor",
    // Handing over in other words ("交给地面服务人员", "传给我们", "卖给任何人"), processing
    // jointly, and showing to others ("歌单默认公开", "私教可以看到您的训练记录").
    "交给",
    "传给",
    "卖给",
    "共同处理",
    "默认公开",
    "看到您",
    // Shown or given to others ("实时显示给主播和所有在线观众", "会给到对应店铺", "快递公司会
    // 拿到你的收货信息"), and a party taking over ("由接收方继续处理").
    "显示给",
    "给到",
    "拿到您的",
    "接收方",
    // Sharing the user's data, not a post ("我们只在下面这些情况分享你的信息").
    "分享您的",
];
const CROSSBORDER: &str = words![
    "境外",
    "跨境",
    "出境",
    "境内",
    "海外",
    "outside china",
    "outside mainland",
    "outside the people",
    "outside the prc",
    "in the prc",
    "within the prc",
    "cross-border",
    "overseas",
    "abroad",
    "within the territory",
    "in china",
    // Where data is stored ("存储在中国大陆的数据中心").
    "存储在中国",
    // The standard contract for personal information going abroad (PIPL art. 38).
    "标准合同",
    // A direction ("本行将在向境外提供前……"): "境外" alone needs a flow (see `counts`).
    "向境外",
    // Places data is often kept abroad ("存储在新加坡的服务器上"): like "境外", only with
    // data flowing or stored (see `counts`).
    "新加坡",
    "美国",
    "欧盟",
    "singapore",
    "united states",
];
const EXEMPTION: &str = words![
    "无需征得",
    "无需您的同意",
    "无需您同意",
    "不另行取得",
    "不取得您的同意",
    "不以您的同意为前提",
    "不另行征得",
    "无需另行",
    // "以下情形我们可以不经您（的）同意处理" (not "未经您的同意，我们不会": a promise).
    "不经您",
    "不经过您",
    "无需取得",
    "无须征得",
    "不必征得",
    "同意的例外",
    "无需事先",
    "不需要征得",
    "without your consent",
    "without obtaining",
    "without prior consent",
    "exceptions to",
    "without the consent",
    // "不需要你同意的情况" (the informal "你" is read as "您").
    "不需要您",
];
const MINORS: &str = words![
    "未成年",
    "儿童",
    // An age ("十四周岁", "年满16周岁", "18周岁以上"): said of who may use a service.
    "周岁",
    "14岁",
    "监护人",
    // Also in "未成年人"; alone, it says who the service is for ("主要面向成年人").
    "成年人",
    "adult",
    "minor",
    "child",
    "under the age",
    "under 14",
    "under 16",
    "under 18",
    "under-1",
    "guardian",
];
const CONSEQUENCE: &str = words![
    "拒绝",
    // What turning a feature off does ("关闭后，您需要手动选择收货地址"); not "关闭后台".
    "关闭后，",
    "关闭后,",
    "关闭后我们",
    "关闭后将",
    "关闭后需",
    // Weak, as "拒绝" ([`WEAK_CONSEQUENCE`]).
    "不同意",
    "无法使用",
    "无法提供",
    "无法正常",
    "无法继续",
    "不能使用",
    "不能正常",
    "撤回",
    "视为",
    "即表示您",
    "即代表您",
    "继续使用",
    "无法享受",
    "不影响撤回前",
    "不影响此前",
    "不会影响此前",
    "停止访问",
    "停止使用",
    "同意接受本",
    "接受本隐私政策",
    "接受本政策",
    "无法恢复",
    "refuse",
    "decline",
    "unable to",
    "cannot use",
    "withdraw",
    "deemed",
    "by continuing",
    "continue to use",
    "constitutes",
    "not be able to",
    "once you start using",
    "by using",
    // An informal refusal ("存储权限不给的话只能在线听"): a cost follows.
    "不给的话",
    // Informal refusals and switching off ("不填的话我们没法发货", "关掉之后相关功能就用不了").
    "不填的话",
    "关掉之后",
];
const LIABILITY: &str = words![
    "不承担",
    "我们有权",
    "免责",
    // "互联网环境并非百分之百安全": no guarantee of security.
    "百分之百",
    "不负责",
    "不对此承担",
    "无法保证",
    "不能保证",
    "不保证",
    // What the user is shown is no promise ("路况……仅供参考"), nor what others do with it.
    "仅供参考",
    "无法控制",
    "与我们无关",
    "责任由",
    // Another party bears it ("由供应商依法承担责任").
    "承担责任",
    "法律责任",
    "您自行承担",
    "由您承担",
    "由您本人承担",
    "由您负责",
    "由您本人负责",
    "损失由",
    "无法负责",
    // Negated ("不对商品的质量作出保证", "无法对残留数据作出保证").
    "作出保证",
    "自行负责",
    // Disputes left to the user and another party ("由您与招聘方自行解决").
    "自行解决",
    "应当另行",
    "应另行",
    "not liable",
    "not responsible",
    "disclaim",
    "no liability",
    "cannot guarantee",
    "reserve the right",
    "we have the right",
    "at your own risk",
    "legal responsibilit",
    "legal liabilit",
    "solely responsible",
    // Another party's own policy governs what it does with the data, not this one.
    "各自的隐私政策",
    "自身的隐私政策",
    "其隐私政策",
    "它们的隐私政策",
    "its privacy polic",
    "its own privacy polic",
    "their privacy polic",
    "their own privacy polic",
    "their respective privacy",
    // "遗失不负赔偿责任".
    "不负赔偿",
    // "我们不对其内容的准确性负责".
    "不对其",
    // "不作任何保证"; a loss someone else bears ("造成的损失，由律师及其律师事务所承担").
    "任何保证",
    "损失，由",
    // Other rules govern ("合作车商另行制定个人信息处理规则的，适用其规则"); the user bears
    // it ("由用户自行承担风险", "由你自己负责"); advice that is no diagnosis ("不能替代到院检查").
    "适用其",
    "自行承担",
    "自己负责",
    "不能替代",
];
const RETENTION: &str = words![
    "保存期",
    "保留期",
    "存储期",
    "保存您的",
    // When deleting happens ("注销通行证后立即删除", "72小时内删除"), or that it does not.
    "立即删除",
    "内删除",
    "继续保存",
    "不保存",
    "保留您的",
    "最短期限",
    "不少于",
    "持续授权",
    "retain",
    "retention",
    "storage period",
    "store your",
    "continue to be authori",
    "continuously authori",
    // Not kept at all ("不留存证明复印件"), kept while something lasts ("会籍存续期间保存").
    "不留存",
    "期间保存",
];
/// Limits on the user's rights: fees, refusals, cases where a request is not answered
/// (and [`user_cannot_exercise`]). How a request is handled (a reply within 30 days,
/// an identity check) is procedure, not a limit, and is not listed.
const RIGHTS_LIMITS: &str = words![
    "收取",
    "费用",
    "被拒绝",
    "无法响应",
    "以下情形",
    "不予响应",
    "拒绝您的请求",
    "拒绝回复",
    "可能无法",
    "予以拒绝",
    "我们可以拒绝",
    "可能会拒绝",
    "不予处理",
    "删除范围",
    // Closing the account refused while something is pending ("存在未支付订单时无法注销"),
    // data that cannot be deleted, access refused ("可以不向您提供相关信息的查阅").
    "无法注销",
    // Not "无法删除": "无法删除时将进行匿名化" is the operator's retention.
    "不能删除",
    "不向您提供",
    "不能注销",
    "不能销户",
    // Where disputes go, named by the operator (a court of its choosing, arbitration): the
    // user's right to sue elsewhere given up. Not "有管辖权的法院" alone: any competent court.
    "所在地有管辖权",
    "所在地人民法院",
    "住所地人民法院",
    "区人民法院",
    "仲裁委员会",
    "exclusive jurisdiction",
    "binding arbitration",
    // Whole words: "feedback" is no fee.
    "fee ",
    "fee,",
    "fee.",
    "fees",
    "may refuse",
    "cannot access",
    "cannot correct",
    "cannot modify",
    "cannot delete",
    // The informal "无法" ("已转发到站外的链接我们没办法收回").
    "没办法",
    // Money not returned on closing ("未使用的次数卡和余额不予退还").
    "不予退还",
    // What cannot be undone or is refused on closing ("已被下载的检测报告，本公司无法收回",
    // "本公司不予办理注销"), and what is deducted ("退卡会扣除已享受的折扣").
    "无法收回",
    "不予办理",
    "扣除",
];
const CHANGE: &str = words![
    "修改本",
    "修订本",
    "更新本",
    "变更本",
    "本政策的修改",
    "本政策的更新",
    "本政策的变更",
    "政策更新",
    "更新后的",
    "修订后的",
    "重大变更",
    "有权修改",
    "公告",
    "update this",
    "amend",
    "changes to this",
    "revised",
    "modify this",
    "material change",
    // "我们可能会不时更新这份政策".
    "更新这份",
    "修改这份",
];
const TRACKING: &str = words![
    "cookie",
    "小型数据文件",
    "追踪",
    "跟踪",
    "网络信标",
    "网页信标",
    "像素",
    "同类技术",
    "广告",
    // Personalised recommendations, ads, pushes ("个性化商品推荐") and profiling.
    "个性化",
    "画像",
    // Ranking or labelling people by their behaviour ("推荐算法", "形成用户标签").
    "推荐算法",
    // Inferring what the user likes ("推断你的阅读偏好").
    "推断",
    "用户标签",
    // Recommending from what is known of the user ("根据您下载的皮肤向您推荐内容").
    "向您推荐",
    "感兴趣的",
    "营销",
    "推送",
    "统计分析",
    "web beacon",
    "pixel",
    "advertis",
    "personalized",
    "personalised",
    "tracking",
    // Decisions made by the system about the user ("自动判断您是否可能流失", "自动限制您
    // 预约", "根据您的训练记录自动生成训练计划").
    "自动判断",
    "自动生成",
    "自动限制",
    // A technology used, with no "we" ("网页版使用Cookie保存登录状态").
    "使用cookie",
    // Automated decisions (PIPL art. 24) and what they are made with ("给你打上偏好标签",
    // "对您的简历自动打分并排序", "自动计算离职风险等级", "自动为你排序推荐律师"), and data
    // used for models ("用于改进模型", "用于定价模型的研究").
    "自动化决策",
    "打上",
    "自动打分",
    "排序推荐",
    "自动计算",
    "模型",
];

const RULES: &[(Tag, &str)] = &[
    (Tag::Sensitive, SENSITIVE),
    (Tag::Sharing, SHARING),
    (Tag::Crossborder, CROSSBORDER),
    (Tag::Exemption, EXEMPTION),
    (Tag::Minors, MINORS),
    (Tag::Consequence, CONSEQUENCE),
    (Tag::Liability, LIABILITY),
    (Tag::Retention, RETENTION),
    (Tag::RightsLimits, RIGHTS_LIMITS),
    (Tag::Change, CHANGE),
    (Tag::Tracking, TRACKING),
];

/// Tracking words that only describe a technology: they make a sentence key only when the
/// operator says it does something with it ("我们会通过 Cookie…", "we use cookies"), not in
/// explanations of what a cookie is or in what the user may do.
const WEAK_TRACKING: &str = words!["cookie", "小型数据文件", "推送"];

/// Sharing words that only name another party or a component ("第三方", "SDK", "partner"):
/// a sentence is about sharing only when data also flows ([`DATA_FLOW`]), not in
/// "通过第三方通讯工具发送给您" or "services provided to you by third parties".
const WEAK_SHARING: &str = words![
    // The operator's affiliates are other parties too ("提供给我们的关联公司"), but named
    // also where nothing is shared ("本政策适用于我们及关联公司提供的服务").
    "关联公司",
    "关联方",
    "affiliate",
    "第三方",
    "合作伙伴",
    "合作方",
    "sdk",
    "third part",
    "partner",
];

/// Verbs of personal data passing between parties.
const DATA_FLOW: &str = words![
    "共享",
    // With a party ("与任何第三方分享"); not a tag word itself: users share posts too.
    "分享",
    "转让",
    "披露",
    "委托",
    "收集",
    "获取",
    "传输",
    "接入",
    "读取",
    // Another party reaching the data ("运营方也将接触到您的订单信息").
    "接触",
    "提供给",
    "提供您",
    "对外提供",
    "处理您",
    "使用您",
    "shar",
    "disclos",
    "transfer",
    "entrust",
    "collect",
    "obtain",
    "transmit",
    "发送至",
    "sent to",
    "access",
    "process",
    // An SDK integrated in the app, as "接入".
    "integrat",
    "provide your",
    "provide personal",
    // An SDK built into the app ("本平台集成的第三方软件开发工具包（SDK）如下：").
    "集成",
];

/// Consequence words that only name the user's choice ("拒绝", "撤回", "refuse"): the
/// sentence is about consequences only when it also names a cost ([`USER_COST`]), not in
/// "您可以修改浏览器设置以拒绝Cookie" or "you can withdraw your consent at any time".
const WEAK_CONSEQUENCE: &str = words!["拒绝", "撤回", "不同意", "refuse", "decline", "withdraw"];

/// What refusing or withdrawing costs the user.
const USER_COST: &str = words![
    "无法",
    "不能",
    "影响",
    // What is still possible after a refusal ("孩子仍可使用基础功能"): that it costs
    // nothing is a consequence to point out too.
    "仍可",
    "失去",
    // What stops after a refusal ("拒绝后，招聘方可能不再推进您的应聘流程").
    "不再",
    // What is left ("不同意的，您只能使用离线地图", "可以手动选择城市"), or what breaks
    // ("导航将会中断").
    "只能",
    "手动",
    "中断",
    "unable",
    "cannot",
    "not be able",
    "affect",
    "lose",
    // What stops after a withdrawal ("定位相关功能将停止工作").
    "停止工作",
    // What is refused or left ("本公司不予发布其车源信息", "仅可浏览车源信息").
    "不予",
    "仅可",
];

/// Phrases that start with a keyword and say something else: a tracking word in the name
/// of an identifier or a channel ("广告标识符", "advertising identifier", "推送通知", "push
/// notification": listing the identifier among device data, or notifying the user by push,
/// says nothing about tracking); something given or sent to the user or to the operator,
/// not to another party ("提供给您", "您发送给我们的信息").
const NOT_KEY_PHRASES: &str = words![
    "广告标识",
    "advertising id",
    "推送通知",
    "推送告知",
    "push notification",
    "提供给您",
    "提供给我",
    "发送给您",
    "发送给我",
    // Not "提交给您": "提交给您选择的保险公司" is another party.
    "提交给我",
    // Who or what protects children's data ("儿童个人信息保护负责人", "……保护协议"), not
    // the data processed.
    "儿童个人信息保护",
    "交给我",
    "交给您",
    "给到您",
];

/// Words of a harm the operator guards against ("防止……遭到未经授权访问、公开披露",
/// "免受……电话营销困扰", "unauthorized disclosure"): a sharing or tracking word after one
/// of them in the same clause names a risk, not something the operator does.
const GUARDED_AGAINST: &str = words![
    "防止",
    "防范",
    "避免",
    "免受",
    "遭到",
    "遭受",
    "非授权",
    "prevent",
    "protect against",
    "avoid",
    "unauthori",
    "risk of",
    "minimi",
];

/// Whether `c` ends a clause inside a sentence. A `match`: std's `find` and `rfind` with
/// an array of `char`s bring a searcher into the wasm.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '：' | ':' | '.')
}

/// Words that name the policy or the agreement itself.
const THE_POLICY: &str = words!["政策", "协议", "条款", "指引", "policy", "terms"];

/// Words of the operator describing its own safeguards (security reviews, confidentiality
/// agreements, encryption): a sentence about how it protects data shared with partners
/// or SDKs is not itself a sharing clause.
const SAFEGUARDS: &str = words![
    "安全监测",
    "安全检测",
    "安全审计",
    "安全评估",
    "保密协议",
    "保密协定",
    "数据保护措施",
    "安全措施",
    "加密",
    "strictly monitor",
    "security monitoring",
    "confidentiality agreement",
    "security measures",
    "data protection measures",
    "encrypt",
];

/// Generic words that a split list of declared sensitive items can leave behind.
const NOT_AN_ITEM: &[&str] = &["内容", "信息", "个人信息", "数据", "其他", "其它"];

/// Sentences that look key but are framing, not substance (matched case-sensitively).
const BOILERPLATE: &[&str] = &[
    "本政策将帮助您了解",
    "如何联系我们",
    "This policy will help you understand",
];

/// The keyword lists the rules consult besides the tags' own lists ([`RULES`]). Each is
/// named after what its words signal; [`CUES`] holds the words. One scan of a sentence
/// finds the words of every list ([`Hits::scan`]); the rules then ask whether, or where,
/// a word of a list occurs. Unlike the tags' keywords, cue words match anywhere, also
/// inside an English word ("shar" in "sharing", "delet" in "deleted").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// [`WEAK_TRACKING`] (membership only).
    WeakTracking,
    /// [`WEAK_SHARING`] (membership only).
    WeakSharing,
    /// [`DATA_FLOW`].
    DataFlow,
    /// Everyone or other users, see [`shown_to_everyone`].
    Everyone,
    /// [`WEAK_CONSEQUENCE`] (membership only).
    WeakConsequence,
    /// [`USER_COST`].
    UserCost,
    /// [`NOT_KEY_PHRASES`].
    NotKeyPhrase,
    /// [`GUARDED_AGAINST`].
    GuardedAgainst,
    /// [`THE_POLICY`].
    ThePolicy,
    /// [`SAFEGUARDS`].
    Safeguard,
    /// [`BOILERPLATE`], lowercased: a necessary condition for the case-sensitive test.
    Boilerplate,
    /// Sharing restricted ("只会共享", "only share"), see [`limits_sharing`].
    SharesOnly,
    /// ... to what is necessary or to a purpose.
    NecessaryOrPurpose,
    /// Professed care ("重视"), see [`professes_care`].
    Cares,
    /// A condition or a rule, which makes professed care more than that.
    Rule,
    /// What follows is listed ("如下", "listed below"), see [`is_caption`].
    FollowsBelow,
    /// Backups, see [`kept_in_backups`].
    Backup,
    /// Deleting.
    Delete,
    /// Keeping.
    Keep,
    /// When data is deleted, or what replaces deleting it: anonymising, closing the
    /// account; see [`deletion_ends_keeping`].
    EndOfKeeping,
    /// "无法", "不能", "不可" (unable), see [`user_cannot_exercise`].
    Unable,
    /// The verbs of the user's rights, see also [`user_manages_own`].
    RightVerb,
    /// Closing an account, in Chinese ("注销"), see [`closure_cost`].
    Deregister,
    /// An account, in Chinese.
    AccountZh,
    /// Closing or deleting, in English.
    CloseEn,
    /// An account, in English.
    AccountEn,
    /// What closing the account costs.
    ClosureCost,
    /// "Does not apply", see [`processor_exclusion`].
    NotApply,
    /// On behalf of a customer, as a processor.
    OnBehalf,
    /// "May", see [`may_extend_processing`].
    May,
    /// New personal information or a new purpose.
    NewProcessing,
    /// Asking for consent again.
    AskAgain,
    /// "有权" (has the right), see [`operator_entitled`].
    Entitled,
    /// Compatible with the original purpose, in Chinese, see [`purpose_compatible`].
    OriginalPurposeZh,
    /// ... in English.
    OriginalPurposeEn,
    /// Not related (English).
    Unrelated,
    /// "If you", see [`conditional_cost`].
    IfYou,
    /// "You may need to".
    YouMayNeed,
    /// Verbs of changing a text, see [`policy_changes`].
    ChangeVerb,
    /// The user not giving or allowing something ("若您不提供", "if you do not"), see
    /// [`refusal_cost`].
    IfYouDoNot,
    /// The operator ("我们", " we ", " our "), see [`operator_acts`].
    We,
    /// A denial ("不会", "will not").
    Denies,
    /// A definition ("是指", "personal information includes"), see [`is_definition`].
    Defines,
    /// " means " (a definition when it follows a short term).
    Means,
    /// " refers to " (likewise).
    RefersTo,
    /// Collecting, see [`lists_all_processing`].
    Collect,
    /// Using.
    Use,
    /// Storing, see also [`kept_for_a_period`].
    Store,
    /// Sensitivity ("敏感", "sensitive").
    Sensitivity,
    /// "无权" (has no right), see [`limits_sharing`].
    NoRight,
    /// The user's option ("您可以", "you can"), see [`operator_acts`].
    UserMay,
    /// A condition ("如果", "若", "if "), see [`user_cannot_exercise`].
    Condition,
    /// A list follows ("在下列情形下……", "in the following cases"), see
    /// [`Classified::announces_list`].
    Following,
}

/// The words of each [`Cue`].
const CUES: &[(Cue, &str)] = &[
    (Cue::WeakTracking, WEAK_TRACKING),
    (Cue::WeakSharing, WEAK_SHARING),
    (Cue::DataFlow, DATA_FLOW),
    (Cue::Everyone, words!["所有", "任何用户", "其他用户"]),
    (Cue::WeakConsequence, WEAK_CONSEQUENCE),
    (Cue::UserCost, USER_COST),
    (Cue::NotKeyPhrase, NOT_KEY_PHRASES),
    (Cue::GuardedAgainst, GUARDED_AGAINST),
    (Cue::ThePolicy, THE_POLICY),
    (Cue::Safeguard, SAFEGUARDS),
    (
        Cue::Boilerplate,
        words![
            "本政策将帮助您了解",
            "如何联系我们",
            "this policy will help you understand",
        ],
    ),
    (
        Cue::SharesOnly,
        words![
            "只会共享",
            "仅会共享",
            "只共享",
            "仅共享",
            "仅会出于",
            "只会出于",
            "仅出于",
            "only share",
            "share only",
        ],
    ),
    (
        Cue::NecessaryOrPurpose,
        words!["必要", "目的", "necessary", "purpose"],
    ),
    (Cue::Cares, words!["重视", "attach great importance"]),
    (
        Cue::Rule,
        words![
            "若", "如果", "如您", "应", "须", "不会", "if ", "must", "should", "will not",
        ],
    ),
    (
        Cue::FollowsBelow,
        words!["如下", "目录", "as follows", "listed below"],
    ),
    (Cue::Backup, words!["备份", "backup"]),
    (Cue::Delete, words!["删除", "清除", "delet"]),
    (Cue::Keep, words!["保留", "retain"]),
    (
        Cue::EndOfKeeping,
        words!["匿名化", "anonymi", "注销后", "注销账户后", "注销账号后"],
    ),
    (Cue::Unable, words!["无法", "不能", "不可"]),
    (
        Cue::RightVerb,
        words![
            "访问", "查询", "查阅", "查看", "更正", "修改", "删除", "复制", "获取", "下载", "注销",
            "取消", "view", "access", "correct", "modify", "delet",
        ],
    ),
    (Cue::Deregister, words!["注销"]),
    (Cue::AccountZh, words!["账户", "账号", "帐号", "帐户"]),
    (
        Cue::CloseEn,
        words![
            "cancel",
            "close",
            "deletion of your account",
            "delete your account",
        ],
    ),
    (Cue::AccountEn, words!["account"]),
    (
        Cue::ClosureCost,
        words![
            "停止为您提供",
            "停止提供",
            "风险",
            "无法恢复",
            "不可恢复",
            "将无法",
            "无法使用",
            "无法登录",
            // What is lost ("虚拟道具将被清空", "会员积分将作废").
            "清空",
            "清零",
            "不予退款",
            "作废",
            "stop providing",
            "risk",
            "cannot",
            "unable",
            "no longer",
            "lost",
        ],
    ),
    (
        Cue::NotApply,
        words!["不适用", "does not apply", "do not apply"],
    ),
    (
        Cue::OnBehalf,
        words!["代表", "受托", "处理者", "on behalf of", "processor"],
    ),
    (Cue::May, words!["可能", "may "]),
    (
        Cue::NewProcessing,
        words![
            "新的个人信息",
            "变更个人信息使用目的",
            "变更使用目的",
            "new personal information",
            "change the purpose",
        ],
    ),
    (
        Cue::AskAgain,
        words!["征求", "征得", "再次", "重新", "seek your", "consent again"],
    ),
    (Cue::Entitled, words!["有权"]),
    (Cue::OriginalPurposeZh, words!["原目的具有"]),
    (
        Cue::OriginalPurposeEn,
        words!["related to the original purpose"],
    ),
    (
        Cue::Unrelated,
        words!["not directly related", "not related", "unrelated"],
    ),
    (Cue::IfYou, words!["如果您", "如您", "若您", "if you"]),
    (
        Cue::ChangeVerb,
        words![
            "修订", "修改", "更新", "变更", "变化", "调整", "update", "amend", "revis", "modif",
            "change",
        ],
    ),
    (
        Cue::IfYouDoNot,
        words![
            "若您不",
            "如您不",
            "如果您不",
            "若您未",
            "如您未",
            "如果您未",
            // Without "if" ("您不提供真实身份信息的，我们将不能……", "未提供的，无法为您建档").
            "您不提供",
            "不提供的",
            "未提供的",
            "不授权的",
            "未授权的",
            "未完成",
            "不授权时",
            "不完成",
            "不开启",
            "不认证",
            "不提供这些",
            "if you do not",
            "if you don't",
            "if you choose not",
        ],
    ),
    (
        Cue::YouMayNeed,
        words!["您可能需要", "you may need to", "you may have to",],
    ),
    (Cue::We, words!["我们", "本平台", "本公司", " we ", " our "]),
    (
        Cue::Denies,
        words!["不会", "不得", "will not", "do not", "does not"],
    ),
    (
        Cue::Defines,
        words![
            "是指",
            // "健康信息：指……", a term defined after a colon.
            "：指",
            ":指",
            "所指的",
            "所称的",
            "个人信息包括",
            "personal information includes",
            "personal information in this policy includes",
        ],
    ),
    (Cue::Means, words![" means "]),
    (Cue::RefersTo, words![" refers to "]),
    (Cue::Collect, words!["收集", "collect"]),
    (Cue::Use, words!["使用", "use"]),
    (
        Cue::Store,
        words!["存储", "store", "保存", "留存", "retain", "kept", "keep"],
    ),
    (Cue::Sensitivity, words!["敏感", "sensitive"]),
    (Cue::NoRight, words!["无权"]),
    (Cue::UserMay, words!["您可以", "you can", "you may"]),
    (Cue::Condition, words!["如果", "若", "如您", "假如", "if "]),
    (
        Cue::Following,
        words![
            "下列",
            "以下情形",
            "以下情况",
            "以下场景",
            "以下范围",
            "如下情形",
            "the following",
        ],
    ),
];

/// A tag's bit in [`Entry::lists`] and [`Hits::present`]: bits 0 to 10.
fn tag_bit(t: Tag) -> u64 {
    1 << t as u32
}

/// The tags of two sets of tags (each sorted, each tag once), sorted, each tag once.
pub(super) fn union(a: &[Tag], b: &[Tag]) -> Vec<Tag> {
    tags_of(a.iter().chain(b).fold(0, |bits, t| bits | tag_bit(*t))).collect()
}

/// A cue's bit, after the tags'.
fn cue_bit(c: Cue) -> u64 {
    1 << (ALL_TAGS.len() as u32 + c as u32)
}

/// The tags' bits.
const TAG_BITS: u64 = (1 << ALL_TAGS.len()) - 1;

/// The tags whose bits are set in `bits`, lowest first: the order of [`ALL_TAGS`], sorted.
/// Most keywords have one tag, so this beats testing all eleven.
fn tags_of(bits: u64) -> impl Iterator<Item = Tag> {
    let mut bits = bits & TAG_BITS;
    std::iter::from_fn(move || {
        let tag = *ALL_TAGS.get(bits.trailing_zeros() as usize)?;
        bits &= bits - 1;
        Some(tag)
    })
}

/// One distinct keyword and every list (tags and cues) it belongs to.
struct Entry {
    word: &'static str,
    lists: u64,
}

impl Entry {
    /// Whether the keyword occurs in `bytes` at `at`; the last byte is compared first,
    /// which rejects most candidates without a call (the keywords of a Chinese first
    /// character share their first bytes; their last bytes differ).
    #[inline]
    fn at(&self, bytes: &[u8], at: usize) -> bool {
        let w = self.word.as_bytes();
        bytes.get(at + w.len() - 1) == w.last() && bytes.get(at..at + w.len()) == Some(w)
    }
}

/// Every keyword of [`RULES`] and [`CUES`], indexed by first character, built once.
struct Matcher {
    /// By first byte, for keywords starting with an ASCII character that belong to a cue
    /// and so match anywhere.
    ascii_anywhere: Vec<Vec<Entry>>,
    /// By first byte, the other ASCII keywords: the tags' only, which match at the start
    /// of a word.
    ascii: Vec<Vec<Entry>>,
    /// Quick filters for the ASCII tables: at the start of a word, for both; inside a
    /// word, for `ascii_anywhere` only. Most positions of English text pass neither.
    start_filter: AsciiFilter,
    anywhere_filter: AsciiFilter,
    /// Keywords starting with another character, sorted by its [`utf8_key`].
    other: Vec<(u32, Vec<Entry>)>,
    /// A quick filter for `other`: bit `k % 4096` is set when some keyword starts with a
    /// character whose key `k` has that remainder. Most characters of a sentence start
    /// none.
    other_filter: [u64; 64],
}

/// A quick test of whether an ASCII keyword may start at a position, on its first three
/// bytes: the word for its first two (each folded to 6 bits) has bit `third % 64` set.
/// Folding makes it pass more than it should, never less.
struct AsciiFilter(Vec<u64>);

impl AsciiFilter {
    fn new() -> AsciiFilter {
        AsciiFilter(vec![0; 64 * 64])
    }

    fn slot(first: u8, second: u8) -> usize {
        usize::from(first % 64) * 64 + usize::from(second % 64)
    }

    fn add(&mut self, word: &[u8]) {
        match *word {
            // Whatever follows: every second byte, every third.
            [first] => (0..64).for_each(|second| self.0[Self::slot(first, second)] = u64::MAX),
            [first, second] => self.0[Self::slot(first, second)] = u64::MAX,
            [first, second, third, ..] => self.0[Self::slot(first, second)] |= 1 << (third % 64),
            [] => {}
        }
    }

    /// Whether some keyword added may start at byte `at` (past the end reads as 0: a
    /// keyword too long to fit fails its comparison anyway). Inlined: the scan asks at
    /// every ASCII byte.
    #[inline]
    fn passes(&self, bytes: &[u8], at: usize) -> bool {
        let byte = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
        self.0[Self::slot(byte(0), byte(1))] & (1 << (byte(2) % 64)) != 0
    }
}

/// The non-ASCII character at the start of `bytes` as a number: its UTF-8 bytes read
/// big-endian. The scan reads bytes, so it never decodes a character.
fn utf8_key(bytes: &[u8]) -> u32 {
    let len = match bytes.first() {
        Some(0xc0..=0xdf) => 2,
        Some(0xe0..=0xef) => 3,
        _ => 4,
    };
    bytes
        .iter()
        .take(len)
        .fold(0, |k, b| (k << 8) | u32::from(*b))
}

fn matcher() -> &'static Matcher {
    static M: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        // One bit each in a u64.
        debug_assert!(ALL_TAGS.len() + CUES.len() <= 64);
        let lists = RULES
            .iter()
            .map(|(t, words)| (tag_bit(*t), *words))
            .chain(CUES.iter().map(|(c, words)| (cue_bit(*c), *words)));
        let mut m = Matcher {
            ascii_anywhere: (0..128).map(|_| Vec::new()).collect(),
            ascii: (0..128).map(|_| Vec::new()).collect(),
            start_filter: AsciiFilter::new(),
            anywhere_filter: AsciiFilter::new(),
            other: Vec::new(),
            other_filter: [0; 64],
        };
        for (bit, words) in lists {
            for w in words.lines() {
                let Some(c) = w.chars().next() else { continue };
                let entries = if c.is_ascii() {
                    &mut m.ascii[c as usize]
                } else {
                    let key = utf8_key(w.as_bytes());
                    m.other_filter[(key as usize % 4096) / 64] |= 1 << (key % 64);
                    let i = match m.other.binary_search_by_key(&key, |(k, _)| *k) {
                        Ok(i) => i,
                        Err(i) => {
                            m.other.insert(i, (key, Vec::new()));
                            i
                        }
                    };
                    &mut m.other[i].1
                };
                match entries.iter_mut().find(|e| e.word == w) {
                    Some(e) => e.lists |= bit,
                    None => entries.push(Entry {
                        word: w,
                        lists: bit,
                    }),
                }
            }
        }
        // A tag's keyword that is also a cue's word matches anywhere (the tag then counts
        // only at the start of a word). Each keyword goes into the filters of its table.
        for (anywhere, word_start) in m.ascii_anywhere.iter_mut().zip(&mut m.ascii) {
            for e in std::mem::take(word_start) {
                m.start_filter.add(e.word.as_bytes());
                if e.lists & !TAG_BITS != 0 {
                    m.anywhere_filter.add(e.word.as_bytes());
                    anywhere.push(e);
                } else {
                    word_start.push(e);
                }
            }
        }
        m
    })
}

/// One keyword found in a sentence.
struct Hit {
    /// Byte offset in the lowercased sentence.
    at: usize,
    entry: &'static Entry,
    /// At the start of a word: always for keywords in Chinese; for English ones, not
    /// right after a letter, a digit, '-' or '@'. Only such hits count for the tags.
    word_start: bool,
}

impl Hit {
    fn end(&self) -> usize {
        self.at + self.entry.word.len()
    }

    /// Whether the keyword is one of the cue's words.
    fn is(&self, cue: Cue) -> bool {
        self.entry.lists & cue_bit(cue) != 0
    }
}

/// Every keyword of every list found in one sentence, by one scan.
struct Hits {
    /// In order of position.
    all: Vec<Hit>,
    /// The lists with a hit: a tag's list only by a hit at the start of a word.
    present: u64,
}

impl Hits {
    /// Scans `lower` (the ASCII-lowercased sentence) once for the keywords of all lists.
    fn scan(lower: &str) -> Hits {
        let m = matcher();
        let bytes = lower.as_bytes();
        let mut hits = Hits {
            all: Vec::new(),
            present: 0,
        };
        let mut prev_alnum = false;
        let mut found = |entries: &'static [Entry], i: usize, word_start: bool| {
            // A plain loop, not `filter`: the test is then inlined (a call per keyword
            // through the filter's closure was a tenth of the scan in wasm).
            for e in entries {
                if !e.at(bytes, i) {
                    continue;
                }
                // Inside an English word only the cues count.
                hits.present |= if word_start {
                    e.lists
                } else {
                    e.lists & !TAG_BITS
                };
                hits.all.push(Hit {
                    at: i,
                    entry: e,
                    word_start,
                });
            }
        };
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii() {
                // '-' and '@' join a domain, an e-mail address or a compound
                // ("kangyuan-health.cn", "dpo@health.cn"): no keyword starts after them. A
                // `matches!` of ranges: `is_ascii_alphanumeric()` with the two, or '.' and
                // '_' too, cost 15-100 B more gzip in the engine.
                let alnum = matches!(b, b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'@');
                let word_start = !(prev_alnum && alnum);
                prev_alnum = alnum;
                if word_start {
                    if m.start_filter.passes(bytes, i) {
                        found(&m.ascii_anywhere[b as usize], i, true);
                        found(&m.ascii[b as usize], i, true);
                    }
                } else if m.anywhere_filter.passes(bytes, i) {
                    found(&m.ascii_anywhere[b as usize], i, false);
                }
            } else if b >= 0xc0 {
                // The first byte of a character (the others are 0x80–0xbf).
                prev_alnum = false;
                let key = utf8_key(&bytes[i..]);
                if m.other_filter[(key as usize % 4096) / 64] & (1 << (key % 64)) != 0 {
                    if let Ok(j) = m.other.binary_search_by_key(&key, |(k, _)| *k) {
                        found(&m.other[j].1, i, true);
                    }
                }
            }
        }
        hits
    }

    /// Whether a word of the cue occurs.
    fn has(&self, cue: Cue) -> bool {
        self.present & cue_bit(cue) != 0
    }

    /// The hits of a cue's words, in order.
    fn of(&self, cue: Cue) -> impl Iterator<Item = &Hit> {
        self.all.iter().filter(move |h| h.is(cue))
    }

    /// Whether a word of the cue lies wholly in the byte range `from..to`.
    fn within(&self, cue: Cue, from: usize, to: usize) -> bool {
        self.of(cue).any(|h| h.at >= from && h.end() <= to)
    }

    /// Whether a word of the cue starts at byte `at`.
    fn starts_at(&self, cue: Cue, at: usize) -> bool {
        self.of(cue).any(|h| h.at == at)
    }

    /// The hits of a tag's keywords that count for it (at the start of a word), in order.
    fn of_tag(&self, tag: Tag) -> impl Iterator<Item = &Hit> {
        self.all
            .iter()
            .filter(move |h| h.word_start && h.entry.lists & tag_bit(tag) != 0)
    }
}

/// The byte offset of the end of the first `n` characters of `s` (its length if it has
/// fewer). One function for the rules that look a number of characters ahead.
#[inline(never)]
fn chars_end(s: &str, n: usize) -> usize {
    // Counts the bytes that start a character (all but the continuation bytes,
    // 0x80–0xbf): nothing is decoded.
    let mut seen = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !(0x80..0xc0).contains(&b) {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

/// Where the clause holding byte `at` starts (after the last character before it that
/// [`ends_clause`]).
fn clause_start(lower: &str, at: usize) -> usize {
    clause_start_by(lower, at, ends_clause)
}

/// Where the clause holding byte `at` starts, after the last character before it that
/// `ends` (0 if none).
fn clause_start_by(lower: &str, at: usize, ends: impl Fn(char) -> bool) -> usize {
    lower
        .get(..at)
        .and_then(|before| before.char_indices().rev().find(|(_, c)| ends(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the clause holding byte `at` ends (at the first character from `at` on that
/// [`ends_clause`], or the end of `lower`).
fn clause_end(lower: &str, at: usize) -> usize {
    lower[at..]
        .char_indices()
        .find(|(_, c)| ends_clause(*c))
        .map_or(lower.len(), |(i, _)| at + i)
}

/// Whether the keyword at byte `at` follows, in its clause, a harm guarded against
/// ([`GUARDED_AGAINST`]). An enumeration continues the clause it starts in: short items
/// after commas ("to prevent unauthorized access, use, disclosure" or "…遭到泄露,篡改,
/// 披露") belong to the clause of the first.
fn guarded_against(lower: &str, hits: &Hits, at: usize) -> bool {
    let (mut start, mut end) = (clause_start(lower, at), at);
    while let Some(comma @ (',' | '，')) = lower[..start].chars().next_back() {
        if end - start > 24 {
            break;
        }
        // A short item after a comma: go on with the segment before the comma.
        end = start - comma.len_utf8();
        start = clause_start(lower, end);
    }
    hits.within(Cue::GuardedAgainst, start, at)
}

/// Whether a sentence restricts sharing to what is necessary or to stated purposes
/// ("我们只会共享必要的个人信息", "仅会出于……的目的共享", "we will only share necessary…"),
/// or denies the recipients a right ("合作伙伴无权将共享的个人信息用于其他用途"): a
/// safeguard, not a disclosure.
fn limits_sharing(hits: &Hits) -> bool {
    (hits.has(Cue::SharesOnly) && hits.has(Cue::NecessaryOrPurpose)) || hits.has(Cue::NoRight)
}

/// Whether a sentence only professes how much the operator cares ("我们非常重视对未成年人
/// 个人信息的保护", "we attach great importance to…"), with no condition or rule in it.
fn professes_care(hits: &Hits) -> bool {
    hits.has(Cue::Cares) && !hits.has(Cue::Rule)
}

/// Whether a sentence is only the caption of a list or table that follows ("接入第三方SDK
/// 详情如下：", "our partners are listed below:"): short, and ending in a colon or
/// announcing what follows.
fn is_caption(sentence: &str, hits: &Hits) -> bool {
    let t = super::trim_end_either(sentence.trim_end(), ',', '，');
    t.len() <= 90
        && (super::ends_with_colon(t) || hits.within(Cue::FollowsBelow, 0, t.len()))
        && !names_user_data(t)
}

/// Whether a sentence names the user's personal information ("您的个人信息", "your
/// personal information"): then a short one ending in a colon introduces cases of its
/// sharing ("我们会在以下情形向第三方提供您的个人信息："), it captions no table.
fn names_user_data(sentence: &str) -> bool {
    [
        "您的个人信息",
        "您的信息",
        "your personal",
        "your information",
    ]
    .iter()
    .any(|w| text::contains(sentence, w))
}

/// Whether every sensitive or children's term of a sentence (but those in a name, see
/// [`NOT_KEY_PHRASES`]) is named in a clause about protecting it ("对客户敏感个人信息采用加密
/// 存储和传输", "儿童信息采取加密存储"), not in one that collects or uses it ("我们会读取您的
/// 手机通讯录，将联系人手机号加密后上传").
fn only_protected(lower: &str, hits: &Hits) -> bool {
    hits.has(Cue::Safeguard)
        && hits
            .of_tag(Tag::Sensitive)
            .chain(hits.of_tag(Tag::Minors))
            .filter(|h| !hits.starts_at(Cue::NotKeyPhrase, h.at))
            .all(|h| {
                hits.within(
                    Cue::Safeguard,
                    clause_start(lower, h.at),
                    clause_end(lower, h.end()),
                )
            })
}

/// Whether a sentence says copies stay in backups after deletion ("我们可能不会立即从备份
/// 系统中删除相应的信息", "we may not delete it from the backup system immediately").
fn kept_in_backups(hits: &Hits) -> bool {
    hits.has(Cue::Backup) && (hits.has(Cue::Delete) || hits.has(Cue::Keep))
}

/// Whether the user is told a right cannot be exercised ("您无法访问和更正的个人信息",
/// "您还无法为您提供更正", "您不能注销账户"): "无法", "不能" or "不可" after the user in
/// its clause, with a verb of a right within the 8 characters after it. Not in a
/// condition ("如果您无法通过上述方式访问……，您可以联系我们"): that offers another way,
/// it limits nothing. (English: the "cannot access" keywords.)
fn user_cannot_exercise(lower: &str, hits: &Hits) -> bool {
    hits.of(Cue::Unable).any(|h| {
        let clause = &lower[clause_start(lower, h.at)..h.at];
        let after = &lower[h.end()..];
        let window = h.end() + chars_end(after, 8);
        text::contains(clause, "您")
            && !hits.within(Cue::Condition, clause_start(lower, h.at), h.at)
            && hits.within(Cue::RightVerb, h.end(), window)
    })
}

/// Whether a sentence says what closing the account costs ("您注销账户后，我们将停止为您
/// 提供服务", "账户一旦注销，将面临如下风险", "once your account is cancelled, …"). The
/// account may be named in the sentence before ("注销后会员积分将作废").
fn closure_cost(hits: &Hits) -> bool {
    let closing = (hits.has(Cue::Deregister)
        && (hits.has(Cue::AccountZh) || hits.has(Cue::EndOfKeeping)))
        || (hits.has(Cue::CloseEn) && hits.has(Cue::AccountEn));
    closing && hits.has(Cue::ClosureCost)
}

/// Whether a sentence says the policy does not cover what the operator processes on behalf
/// of its business customers ("如果我们代表企业用户以处理者的身份处理个人信息，则本隐私
/// 政策不适用", "this policy does not apply where we process data on behalf of…").
fn processor_exclusion(hits: &Hits) -> bool {
    hits.has(Cue::NotApply) && hits.has(Cue::OnBehalf)
}

/// Whether the operator announces it may process new personal information or change the
/// purpose ("可能需要收集、使用新的个人信息或变更个人信息使用目的"), rather than promising
/// to ask again first ("将再次征求您的同意").
fn may_extend_processing(hits: &Hits) -> bool {
    hits.has(Cue::May) && hits.has(Cue::NewProcessing) && !hits.has(Cue::AskAgain)
}

/// Whether the operator gives itself a right ("我们及/或我们的企业用户有权……"): a "有权"
/// whose clause names the operator and not the user. (English: LIABILITY keywords.)
fn operator_entitled(lower: &str, hits: &Hits) -> bool {
    // "所有权" (ownership) holds no right of anyone.
    hits.of(Cue::Entitled)
        .filter(|h| !lower[..h.at].ends_with('所'))
        .any(|h| {
            // Here a clause ends at any of `ends_clause` but '.'.
            let start = clause_start_by(lower, h.at, |c| c != '.' && ends_clause(c));
            let clause = &lower[start..h.at];
            text::contains(clause, "我们") && !text::contains(clause, "您")
        })
}

/// Whether a sentence says that a new use is compatible with the original purpose
/// ("与原目的具有直接或合理关联", GB/T 35273 7.3), so no new consent is asked.
fn purpose_compatible(hits: &Hits) -> bool {
    hits.has(Cue::OriginalPurposeZh)
        || (hits.has(Cue::OriginalPurposeEn) && !hits.has(Cue::Unrelated))
}

/// Whether a sentence names a cost of a choice of the user ("如果您这么做，您可能需要……",
/// "if you do this, you may need to…").
fn conditional_cost(hits: &Hits) -> bool {
    hits.has(Cue::IfYou) && hits.has(Cue::YouMayNeed)
}

/// Whether a sentence says what not giving or allowing something costs the user ("若您不
/// 提供，我们将无法为您配送商品", "if you do not allow it, you will be unable to…"). That it
/// costs nothing ("如果您不提供上述信息，将不会影响使用基本功能") is no consequence to
/// point out: "影响" (affect) alone is not taken as a cost here.
fn refusal_cost(hits: &Hits) -> bool {
    hits.has(Cue::IfYouDoNot)
        && hits
            .of(Cue::UserCost)
            .any(|h| !matches!(h.entry.word, "影响" | "affect"))
}

/// Whether a sentence says this policy is changed in words the change keywords miss ("本行
/// 将……对本政策进行修订", "本指引可能会不时更新", "this policy may be revised"): "本" or
/// "this" and the policy, then a verb of changing in the same clause.
fn policy_changes(lower: &str, hits: &Hits) -> bool {
    hits.of(Cue::ThePolicy).any(|p| {
        let before = &lower[..p.at];
        let named = ["本", "本隐私", "本隐私保护", "this ", "this privacy "]
            .iter()
            .any(|w| before.ends_with(w));
        named && hits.within(Cue::ChangeVerb, p.end(), clause_end(lower, p.end()))
    })
}

/// Whether a sentence says for how long data is kept: a verb of keeping, then within
/// [`PERIOD_WINDOW`] characters a period ("保存7天", "保存不少于三年", "kept for 30 days")
/// or the event it lasts until ("保存至您注销账号之日", "直至您删除", "for as long as your
/// account is active", "until you delete it").
fn kept_for_a_period(lower: &str, hits: &Hits) -> bool {
    hits.all
        .iter()
        .filter(|h| h.is(Cue::Store) || h.is(Cue::Keep))
        .any(|h| {
            let after = &lower[h.end()..];
            // English takes about twice the characters ("keep your personal data for").
            let width = if h.entry.word.is_ascii() { 2 } else { 1 } * PERIOD_WINDOW;
            let window = &after[..chars_end(after, width)];
            names_period(window) || lasts_until(window)
        })
}

/// Whether `s`, after a verb of keeping, names the event the keeping lasts until. Not "至"
/// alone: "保存至相册" is where, not how long.
fn lasts_until(s: &str) -> bool {
    [
        "注销",
        "直至",
        "直到",
        "结束",
        "终止",
        "until",
        "as long as",
    ]
    .iter()
    .any(|w| text::contains(s, w))
}

/// How far after a verb of keeping its period is looked for, in characters (twice as far
/// after an English verb).
const PERIOD_WINDOW: usize = 24;

/// Whether `s` holds a period: a number of at most three digits or Chinese numerals, then
/// a unit of time ("7天", "三年", "6个月", "60 days"). Not a date ("2023年", "3月25日")
/// nor an age ("14周岁").
fn names_period(s: &str) -> bool {
    // Digits and the Chinese numerals of a period ("三年", "半年"): a `match` compiles to
    // a few comparisons, smaller in wasm than an array's `contains` (-160 B gzip).
    let is_numeral = |c: char| {
        matches!(
            c,
            '0'..='9'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '两'
                | '半'
        )
    };
    // One pass over the characters (a plain loop is smaller in wasm than a peekable
    // iterator): `run` numerals so far in the current number, which `dated` when it
    // follows "年" or "月" (the day or month of a date); each number is judged at the
    // character after it.
    let (mut run, mut dated, mut prev) = (0, false, ' ');
    for (i, c) in s.char_indices() {
        if is_numeral(c) {
            if run == 0 {
                dated = matches!(prev, '年' | '月');
            }
            run += 1;
        } else {
            if run > 0 && run <= 3 && !dated && starts_with_unit(&s[i..]) {
                return true;
            }
            run = 0;
        }
        prev = c;
    }
    false
}

/// Whether `s` starts with a unit of time, after any whitespace and "个" ("天", "个月",
/// " days"), and not with an age ("周岁").
fn starts_with_unit(s: &str) -> bool {
    let unit = s.trim_start().trim_start_matches('个');
    !unit.starts_with("周岁")
        && ["天", "日", "周", "月", "年", "day", "week", "month", "year"]
            .iter()
            .any(|u| unit.starts_with(u))
}

/// Whether the operator entrusts someone with processing ("我们可能委托云服务商……处理",
/// "本行可能委托外部服务机构代为处理", "我们委托某公司提供云存储服务"): "委托" after a
/// subject other than the user, and not someone entrusting the operator ("委托我们进行
/// 推广的合作伙伴"), the operator as the one entrusted ("受委托") nor the one who
/// entrusts as a noun ("该委托方", "委托人").
fn operator_entrusts(lower: &str, hits: &Hits) -> bool {
    hits.of(Cue::DataFlow)
        .filter(|h| h.entry.word == "委托")
        .any(|h| {
            let clause = &lower[clause_start(lower, h.at)..h.at];
            let after = &lower[h.end()..];
            !clause.is_empty()
                && !clause.ends_with('受')
                && !text::contains(clause, "您")
                && !after.starts_with("我们")
                && !after
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '您' | '方' | '人'))
        })
}

/// Whether a sentence says what is deleted cannot be brought back ("deleted recordings
/// cannot be restored"), the English of the keyword "无法恢复". Not without a deletion:
/// anonymised information "cannot be restored" by definition.
fn deletion_is_final(lower: &str, hits: &Hits) -> bool {
    hits.has(Cue::Delete)
        && ["cannot be restored", "cannot be recovered"]
            .iter()
            .any(|w| text::contains(lower, w))
}

/// Whether a sentence says when data stops being kept: deleting it, with anonymising as
/// the alternative ("删除或匿名化处理", "若删除……难以实现的，我们会进行匿名化处理"), or
/// once the account is closed ("账号注销后，我们将在15个工作日内删除", "注销账户后立即
/// 删除"); not the user's options ("您可以注销账号或删除……").
fn deletion_ends_keeping(hits: &Hits) -> bool {
    hits.has(Cue::Delete) && hits.has(Cue::EndOfKeeping)
}

/// Whether a disclosure word has the policy itself as subject ("通过本政策披露的方式与我们
/// 联系": what the policy states), not personal data.
fn policy_discloses(lower: &str, hits: &Hits, hit: &Hit) -> bool {
    hits.of(Cue::ThePolicy)
        .any(|p| p.end() <= hit.at && matches!(&lower[p.end()..hit.at], "" | "所" | "中"))
}

/// Whether byte `at` lies inside a title in book-title marks ("《未成年人网络保护条例》",
/// "《儿童个人信息网络保护规定》"): a keyword there names a law or a document, not what
/// the operator does.
fn in_title(lower: &str, at: usize) -> bool {
    // The mark nearest before `at` decides: the opening one ("《", UTF-8 e3 80 8a) or the
    // closing one ("》", e3 80 8b). Compared as bytes: `rfind` with a `char` brings std's
    // searcher into the wasm.
    let before = lower.as_bytes().get(..at).unwrap_or_default();
    for w in before.windows(3).rev() {
        match w {
            [0xe3, 0x80, 0x8a] => return true,
            [0xe3, 0x80, 0x8b] => return false,
            _ => {}
        }
    }
    false
}

/// Whether byte `at` is inside an e-mail address or a URL ("child-privacy@example.com",
/// "https://example.com/share"): a word there names an address, not what is done.
fn in_address(lower: &str, at: usize) -> bool {
    let b = lower.as_bytes();
    let part =
        |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'@' | b'/' | b':');
    let start = b[..at].iter().rposition(|c| !part(c)).map_or(0, |i| i + 1);
    let end = b[at..]
        .iter()
        .position(|c| !part(c))
        .map_or(b.len(), |i| at + i);
    let token = &lower[start..end];
    text::contains(token, "@") || text::contains(token, "://")
}

/// Whether a keyword's hit counts for its tag in its sentence (see the WEAK_* lists and
/// [`NOT_KEY_PHRASES`]).
fn counts(lower: &str, hits: &Hits, hit: &Hit, tag: Tag) -> bool {
    if hits.starts_at(Cue::NotKeyPhrase, hit.at) || in_address(lower, hit.at) {
        return false;
    }
    match tag {
        Tag::Tracking => {
            !guarded_against(lower, hits, hit.at)
                && (!hit.is(Cue::WeakTracking) || operator_acts(lower, hits))
        }
        Tag::Sharing
            if guarded_against(lower, hits, hit.at) || policy_discloses(lower, hits, hit) =>
        {
            false
        }
        Tag::Sharing if hit.is(Cue::WeakSharing) => hits.has(Cue::DataFlow),
        // Abroad only when data goes or stays there, not in the name of a party or a place
        // ("海外发行方的联系方式", "预订境外酒店时"). The same words as in [`CROSSBORDER`].
        Tag::Crossborder
            if matches!(
                hit.entry.word,
                "境外" | "海外" | "新加坡" | "美国" | "欧盟" | "singapore" | "united states"
            ) =>
        {
            hits.has(Cue::DataFlow) || hits.has(Cue::Store)
        }
        // "以下情形" limits rights when the cases are ones where a request is not answered,
        // not when they are cases of sharing or of processing without consent.
        Tag::RightsLimits if hit.entry.word == "以下情形" => {
            text::contains(lower, "请求") || text::contains(lower, "响应")
        }
        // An announcement is a change clause only when it is about the policy.
        Tag::Change if hit.entry.word == "公告" => hits.has(Cue::ThePolicy),
        // What is shown for reference ("路况……仅供参考") is disclaimed; the policy's own
        // guidance ("如下政策仅供参考") is not.
        Tag::Liability if hit.entry.word == "仅供参考" => !hits.has(Cue::ThePolicy),
        Tag::Consequence if hit.is(Cue::WeakConsequence) => hits.has(Cue::UserCost),
        _ => true,
    }
}

/// Whether a sentence gives the user's data to a party named between "向" and "提供" in one
/// clause ("我们会向该航空公司提供您的会员号", "根据有关部门依法提出的要求……向其提供"), not to
/// the user ("向您提供您的个人信息副本"): data is named within 10 characters after "提供"
/// ("您的", "信息", "记录"), not a service ("向用户群提供促销推广的服务").
fn provides_to(lower: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text::find(&lower[from..], "提供") {
        let at = from + i;
        let start = clause_start(lower, at);
        let party = text::find(&lower[start..at], "向").map(|j| &lower[start + j + "向".len()..at]);
        let end = clause_end(lower, at);
        let data = &lower[at..at + chars_end(&lower[at..end], 10)];
        if party.is_some_and(|p| !p.is_empty() && !p.starts_with("您"))
            && ["您的", "信息", "记录"]
                .iter()
                .any(|w| text::contains(data, w))
        {
            return true;
        }
        from = at + "提供".len();
    }
    false
}

/// Whether a sentence says data is shown to everyone or to other users ("默认对所有已认证
/// 的招聘方可见", "对所有人公开", "其他用户均可查看"): a disclosure in other words.
fn shown_to_everyone(lower: &str, hits: &Hits) -> bool {
    hits.has(Cue::Everyone)
        && ["可见", "公开", "可以看到", "均可查看"]
            .iter()
            .any(|w| text::contains(lower, w))
}

/// Tags from phrasings rather than single keywords, as bits ([`tag_bit`]).
fn pattern_tags(lower: &str, hits: &Hits) -> u64 {
    let mut tags = 0;
    if operator_entitled(lower, hits) {
        tags |= tag_bit(Tag::Liability);
    }
    if operator_entrusts(lower, hits)
        || shown_to_everyone(lower, hits)
        || provides_to(lower)
        || names_sdk_provider(lower)
    {
        tags |= tag_bit(Tag::Sharing);
    }
    if purpose_compatible(hits) {
        tags |= tag_bit(Tag::Exemption);
    }
    if conditional_cost(hits) || refusal_cost(hits) || deletion_is_final(lower, hits) {
        tags |= tag_bit(Tag::Consequence);
    }
    if deletion_ends_keeping(hits) || kept_in_backups(hits) || kept_for_a_period(lower, hits) {
        tags |= tag_bit(Tag::Retention);
    }
    if user_cannot_exercise(lower, hits) {
        tags |= tag_bit(Tag::RightsLimits);
    }
    if closure_cost(hits) {
        tags |= tag_bit(Tag::Consequence);
    }
    if processor_exclusion(hits) {
        tags |= tag_bit(Tag::Liability);
    }
    if may_extend_processing(hits)
        || policy_changes(lower, hits)
        || (hits.has(Cue::ChangeVerb) && hits.has(Cue::AskAgain))
    {
        tags |= tag_bit(Tag::Change);
    }
    tags
}

/// Whether a sentence names an SDK with the company behind it ("腾讯云实时音视频SDK（腾讯云
/// 计算（北京）有限责任公司）：语音、视频咨询"): a row of an SDK list, whatever its format, names
/// a party that receives data.
pub(super) fn names_sdk_provider(lower: &str) -> bool {
    text::contains(lower, "sdk")
        && ["有限", " llc", " ltd", " inc"]
            .iter()
            .any(|c| text::contains(lower, c))
}

/// Whether the operator is the one acting in a sentence, and not to deny it: it is named
/// ("我们", "we", or "our" for what it runs: "our website uses cookies"), and not after
/// the user's option ("您可以在设置中选择是否接受我们推送的信息" says what the user may do).
fn operator_acts(lower: &str, hits: &Hits) -> bool {
    let we_first = lower.starts_with("we ")
        || lower.starts_with("our ")
        || hits
            .all
            .iter()
            .find(|h| h.is(Cue::We) || h.is(Cue::UserMay))
            .is_some_and(|h| h.is(Cue::We));
    we_first && !hits.has(Cue::Denies)
}

/// Whether a sentence only says what the user can do with their own data: it opens with
/// the user's option, after any numbering and label ("（3）删除：您可以删除……", "You can
/// view and modify …"), and names a verb of the user's rights (view, correct, delete...).
fn user_manages_own(lower: &str, hits: &Hits) -> bool {
    let body = super::numbering::after_numbering(lower);
    // A short label before a colon ("删除：") names the right.
    let body = super::split_at_colon(body)
        .filter(|(label, _)| label.chars().count() <= 8)
        .map_or(body, |(_, rest)| rest.trim_start());
    ["您可以", "您也可以", "您还可以", "you can", "you may"]
        .iter()
        .any(|w| body.starts_with(w))
        && hits.has(Cue::RightVerb)
}

/// Whether a sentence is only the operator's denial ("我们不会在App内展示个性化广告。",
/// "We do not show personalized ads."): it opens with the operator denying, and nothing
/// qualifies the denial or adds what is done (a condition, "但", "除……外", "unless").
fn denies_outright(lower: &str, hits: &Hits) -> bool {
    let body = super::numbering::after_numbering(lower);
    [
        "我们不会",
        "我们不",
        "我们绝不",
        "we do not",
        "we don't",
        "we will not",
        "we never",
    ]
    .iter()
    .any(|w| body.starts_with(w))
        && !hits.has(Cue::Condition)
        && !["但", "除", "but ", "unless", "except"]
            .iter()
            .any(|w| text::contains(lower, w))
}

/// Whether a sentence defines a term ("个人信息是指……", "本政策所称个人信息包括……",
/// "X means …") rather than saying what is done.
fn is_definition(lower: &str, hits: &Hits) -> bool {
    hits.has(Cue::Defines)
        || defines_term(lower, hits, Cue::Means)
        || defines_term(lower, hits, Cue::RefersTo)
}

/// Whether an English definition marker (the first of the cue's words) follows a short
/// term at the start of the sentence ("\"Personal information\" means …"), not a phrase
/// further on ("require excessive technical means (such as …)").
fn defines_term(lower: &str, hits: &Hits, marker: Cue) -> bool {
    hits.of(marker).next().is_some_and(|h| {
        let head = &lower[..h.at];
        head.split_whitespace().count() <= 6 && !head.contains(',')
    })
}

/// Whether a sentence enumerates the kinds of processing (collect, store, use...), as a
/// statement of what the policy covers does.
fn lists_all_processing(hits: &Hits) -> bool {
    hits.has(Cue::Collect) && hits.has(Cue::Use) && hits.has(Cue::Store)
}

/// What detection finds in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classified {
    /// Why the sentence is key (empty: not key).
    pub tags: Vec<Tag>,
    /// Byte ranges of the sensitive data terms in it.
    pub terms: Vec<(usize, usize)>,
    /// What a list the sentence introduces is about. Usually `tags`, but a sentence that
    /// only restricts sharing ("我们仅会出于……的目的共享您的个人信息，具体如下：") is not
    /// key itself while the cases it lists are sharing clauses.
    pub list_tags: Vec<Tag>,
    /// Whether the sentence announces a list that follows it ("在下列情形下……", "in the
    /// following cases").
    pub announces_list: bool,
}

/// A sentence's reason tags and the byte ranges of the sensitive data terms in it.
/// `declared` are the items the policy itself calls sensitive.
pub fn classify(sentence: &str, declared: &[String]) -> (Vec<Tag>, Vec<(usize, usize)>) {
    let c = classify_sentence(sentence, declared);
    (c.tags, c.terms)
}

/// Everything detection finds in one sentence (see [`Classified`]).
pub fn classify_sentence(sentence: &str, declared: &[String]) -> Classified {
    // Keywords are written in lowercase, and with "您" for the informal "你" too (both take
    // three bytes in UTF-8): byte offsets are kept.
    let lower = text::replace(&sentence.to_ascii_lowercase(), "你", "您");
    let hits = Hits::scan(&lower);
    let mut spans: Vec<(usize, usize)> = hits
        .of_tag(Tag::Sensitive)
        .map(|h| (h.at, h.end()))
        .collect();
    let mut declared_hit = false;
    for d in declared {
        if d.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(i) = text::find(&sentence[from..], d) {
            let at = from + i;
            spans.push((at, at + d.len()));
            declared_hit = true;
            from = at + d.len();
        }
    }
    // Equal spans are alike: an unstable sort gives the same order, with less wasm.
    spans.sort_unstable();
    let mut terms: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match terms.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => terms.push((s, e)),
        }
    }
    // Very short units are headings or labels, unless they are an item of an enumeration
    // split at semicolons ("面部特征；").
    let fragment = super::ends_with_semicolon(sentence.trim_end());
    let boilerplate = (sentence.chars().count() < 8 && !fragment)
        || (hits.has(Cue::Boilerplate) && BOILERPLATE.iter().any(|b| text::contains(sentence, b)));
    // Book-title marks are rare: only then is each keyword checked for being in a title.
    let titled = text::contains(&lower, "《");
    // The tags as bits (`tag_bit`) until the end: a set in the order of `Tag`, with no
    // vector to sort, deduplicate and compare (-450 B gzip in the wasm).
    let mut tags = 0;
    if !boilerplate {
        // Each keyword at the start of a word, for each of its tags.
        for h in hits.all.iter().filter(|h| h.word_start) {
            for t in tags_of(h.entry.lists) {
                if !(titled && in_title(&lower, h.at)) && counts(&lower, &hits, h, t) {
                    tags |= tag_bit(t);
                }
            }
        }
        tags |= pattern_tags(&lower, &hits);
        if declared_hit {
            tags |= tag_bit(Tag::Sensitive);
        }
    }
    let items = terms
        .iter()
        .filter(|(a, b)| {
            !sentence
                .get(*a..*b)
                .is_some_and(|t| text::contains(t, "敏感"))
        })
        .count();
    let sharing = tag_bit(Tag::Sharing);
    if tags == sharing && lists_all_processing(&hits) {
        // "我们将按照本政策收集、存储、使用及对外提供您的个人信息" names every kind of
        // processing to say what the policy covers; it says nothing about sharing itself.
        tags = 0;
    }
    let mut list_tags = 0;
    if tags == sharing && limits_sharing(&hits) {
        // "我们只会共享必要的个人信息" is a safeguard, not a disclosure; the cases it may
        // introduce are sharing clauses still.
        list_tags = std::mem::take(&mut tags);
    }
    let (sensitive, tracking) = (tag_bit(Tag::Sensitive), tag_bit(Tag::Tracking));
    if tags != 0 && tags & !(sensitive | sharing | tracking) == 0 && user_manages_own(&lower, &hits)
    {
        // "您可以删除地址簿中的地址和浏览记录。" is the user's own action on the data, not
        // the operator processing or sharing it.
        tags = 0;
    }
    if tags != 0 && tags & !(tracking | sensitive) == 0 && denies_outright(&lower, &hits) {
        // "我们不会在App内展示个性化广告。" says there is no tracking to point out,
        // "我们不会申请读取您的通讯录和短信。" no sensitive data, and "我们不会依据您的健康
        // 信息对您进行任何画像。" neither.
        tags = 0;
    }
    let minors = tag_bit(Tag::Minors);
    if tags != 0 && tags & !(sensitive | minors) == 0 && only_protected(&lower, &hits) {
        // "对行踪轨迹、声纹等敏感个人信息采取加密存储" and "儿童信息采取加密存储" protect
        // the data they name.
        tags = 0;
    }
    if tags == sharing && hits.has(Cue::Safeguard) && !operator_entrusts(&lower, &hits) {
        // "我们会对合作方的SDK进行严格的安全监测" describes a safeguard, not a disclosure;
        // "我们委托……处理您的个人信息，并与其签署保密协议" entrusts all the same.
        tags = 0;
    }
    let named_party_only = !hits.of_tag(Tag::Sharing).any(|h| !h.is(Cue::WeakSharing));
    if tags == sharing && named_party_only && is_caption(&lower, &hits) {
        // "接入第三方软件开发包（SDK）详情如下：" only captions the table of SDKs; the
        // SDKs it lists receive data.
        list_tags = std::mem::take(&mut tags);
    }
    if tags & !(tag_bit(Tag::Minors) | sensitive) == 0 && professes_care(&hits) {
        // "我们非常重视对未成年人个人信息的保护。" states a concern, not a rule.
        tags = 0;
    }
    if is_definition(&lower, &hits) {
        // "个人信息是指……" defines a word rather than saying what is done: it is key only
        // when it lists what is sensitive ("个人敏感信息是指……包括身份证件号码、…"), not
        // when sensitive items are among everything personal information includes.
        let names_sensitive = hits.has(Cue::Sensitivity);
        tags &= if items >= 3 && names_sensitive {
            sensitive
        } else {
            0
        };
    }
    if list_tags == 0 {
        list_tags = tags;
    }
    Classified {
        tags: tags_of(tags).collect(),
        terms,
        list_tags: tags_of(list_tags).collect(),
        announces_list: hits.has(Cue::Following),
    }
}

/// The reason tags of one sentence (see [`classify`]).
pub fn tags(sentence: &str, declared: &[String]) -> Vec<Tag> {
    classify(sentence, declared).0
}

/// Byte ranges of sensitive data terms in `sentence` (see [`classify`]).
pub fn sensitive_terms(sentence: &str, declared: &[String]) -> Vec<(usize, usize)> {
    classify(sentence, declared).1
}

/// Whether `c` separates the items of a list of declared sensitive items ("、", "及"...).
/// A `match`, not an array pattern (see the note in `policy` above `ends_with_semicolon`).
fn separates_items(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | '。' | '及' | '和')
}

/// Items a policy declares sensitive ("个人敏感信息：指包括身份证件号码、个人生物识别信息…").
pub fn declared_sensitive(sentence: &str) -> Vec<String> {
    // A quick single-character test first: this runs for every sentence.
    if !text::contains(sentence, "敏") {
        return Vec::new();
    }
    let Some(i) = ["敏感个人信息", "个人敏感信息"]
        .iter()
        .find_map(|k| text::find(sentence, k).map(|i| i + k.len()))
    else {
        return Vec::new();
    };
    let rest = &sentence[i..];
    // The items follow "包括" (or a bare colon); what follows "是指" alone is the
    // definition of the notion ("一旦泄露……可能危害人身和财产安全"), not items.
    let markers: &[&str] = if text::contains(rest, "包括") || text::contains(rest, "是指") {
        &["包括"]
    } else {
        &["：", ":"]
    };
    let Some(j) = markers
        .iter()
        .find_map(|k| text::find(rest, k).map(|j| j + k.len()))
    else {
        return Vec::new();
    };
    // A plain loop, not an iterator chain collected: smaller in wasm.
    let mut items = Vec::new();
    for mut s in rest[j..].split(separates_items) {
        // `trim_start_matches` with a `&str` would bring std's Two-Way searcher along.
        while let Some(rest) = s.strip_prefix("包括") {
            s = rest;
        }
        let s = s.trim_start_matches('：').trim().trim_end_matches('等');
        if (2..=12).contains(&s.chars().count()) && !NOT_AN_ITEM.contains(&s) {
            items.push(s.to_string());
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_keywords_in_both_languages() {
        assert_eq!(
            tags("我们会收集您的身份证件号码和人脸信息用于实名认证。", &[]),
            [Tag::Sensitive]
        );
        assert_eq!(
            tags("未经您同意，我们不会与第三方共享您的信息。", &[]),
            [Tag::Sharing]
        );
        assert_eq!(
            tags("We may share your data with our affiliates.", &[]),
            [Tag::Sharing]
        );
        assert!(
            tags("若您继续使用我们的服务，即表示您同意更新后的政策。", &[])
                .contains(&Tag::Consequence)
        );
        assert!(tags("我们使用Cookie和网络信标记录您的访问。", &[]).contains(&Tag::Tracking));
        assert!(tags("您的个人信息将存储在中华人民共和国境内。", &[]).contains(&Tag::Crossborder));
        assert!(tags(
            "Where we transfer it outside the PRC, we will ask you.",
            &[]
        )
        .contains(&Tag::Crossborder));
        assert!(tags("Data collected in the PRC is stored in the PRC.", &[])
            .contains(&Tag::Crossborder));
    }

    #[test]
    fn phrasings_the_keywords_miss() {
        let has = |s: &str, t: Tag| tags(s, &[]).contains(&t);
        // Entrusting, by the operator only.
        assert!(has(
            "本行可能委托外部服务机构代为处理您的部分信息。",
            Tag::Sharing
        ));
        assert!(has(
            "3.3 我们委托阿里云计算有限公司提供云存储服务。",
            Tag::Sharing
        ));
        assert!(!has("您可以委托他人代为行使上述权利。", Tag::Sharing));
        assert!(!has(
            "比如我们可以告知该委托方有多少人看了推广信息。",
            Tag::Sharing
        ));
        // What not giving something costs; "不影响" is no cost.
        assert!(has(
            "若您不提供，我们将无法为您配送商品。",
            Tag::Consequence
        ));
        assert!(!has(
            "如果您不提供上述信息，将不会影响使用基本功能。",
            Tag::Consequence
        ));
        // The policy changed, in words other than "修订本政策".
        assert!(has("本行将根据业务变化对本政策进行修订。", Tag::Change));
        assert!(has(
            "This policy may be revised from time to time.",
            Tag::Change
        ));
        // Another party's own policy governs its processing.
        assert!(has(
            "第三方SDK的处理规则请以其各自的隐私政策为准。",
            Tag::Liability
        ));
        // Selling personal information, not goods.
        assert!(has(
            "我们不会将您的个人信息出售给任何第三方。",
            Tag::Sharing
        ));
        assert!(!has("商家出售的商品由商家负责发货。", Tag::Sharing));
        // "Our website" is the operator using cookies.
        assert!(has(
            "Our website uses cookies to remember your language.",
            Tag::Tracking
        ));
        assert!(has(
            "We do not sell your personal information.",
            Tag::Sharing
        ));
        assert!(has(
            "Deleted recordings cannot be restored.",
            Tag::Consequence
        ));
        assert!(!has(
            "Anonymised information cannot be restored.",
            Tag::Consequence
        ));
    }

    #[test]
    fn titles_denials_and_the_users_own_actions_are_not_key() {
        // A law's title names no practice.
        assert!(tags(
            "我们依据《未成年人网络保护条例》等法律法规制定本政策。",
            &[]
        )
        .is_empty());
        // A bare denial of tracking; a qualified one stays.
        assert!(tags("我们不会在App内展示个性化广告。", &[]).is_empty());
        assert!(tags("We do not show personalized ads in the App.", &[]).is_empty());
        assert!(!tags("我们不会展示个性化广告，除非您另行同意。", &[]).is_empty());
        // What the user does with their own data.
        assert!(tags("（3）删除：您可以删除地址簿中的地址和浏览记录。", &[]).is_empty());
        assert!(tags("You can view and delete device sharing records.", &[]).is_empty());
        assert!(!tags("您可以将设备共享给家庭成员。", &[]).is_empty());
    }

    #[test]
    fn periods_of_keeping() {
        for p in [
            "7天",
            "不少于三年",
            "6 个月",
            "for 7, 30 or 60 days",
            "半年",
        ] {
            assert!(names_period(p), "{p}");
        }
        for p in ["2023年", "2025年3月25日", "14周岁以下", "第3条", "3 copies"] {
            assert!(!names_period(p), "{p}");
        }
        assert!(tags("云录像按套餐保存7天，到期后自动删除；", &[]).contains(&Tag::Retention));
        assert!(tags("Cloud recordings are kept for 30 days.", &[]).contains(&Tag::Retention));
        assert!(!tags("数据存储于2023年建成的数据中心。", &[]).contains(&Tag::Retention));
    }

    #[test]
    fn scope_statements_and_definitions_are_not_key() {
        assert_eq!(
            tags("您使用时,我们将按照本政策收集、存储、使用及对外提供、传输、转让(如适用)您的个人信息。", &[]),
            []
        );
        assert_eq!(
            tags("Cookie是一种可让网站服务器读取数据的中立技术。", &[]),
            []
        );
        assert!(tags("我们会通过Cookie识别您的身份。", &[]).contains(&Tag::Tracking));
        assert_eq!(
            tags(
                "2.个人信息是指:以电子方式记录的、与第三方结合能识别个人的信息。",
                &[]
            ),
            []
        );
    }

    #[test]
    fn party_and_choice_words_need_a_flow_or_a_cost() {
        // A third party as a channel or as the provider of another service is not sharing.
        assert_eq!(tags("验证码将通过第三方短信平台发送给您。", &[]), []);
        assert_eq!(
            tags(
                "This policy does not apply to apps offered by third parties.",
                &[]
            ),
            []
        );
        assert_eq!(
            tags("我们会向第三方广告商提供您的设备标识。", &[]),
            [Tag::Sharing, Tag::Tracking]
        );
        // Refusing is a consequence clause only with what it costs.
        assert_eq!(tags("您可以在浏览器设置中拒绝Cookie。", &[]), []);
        assert_eq!(tags("You can withdraw your consent at any time.", &[]), []);
        assert_eq!(
            tags("如您拒绝授权，您将无法使用扫码功能。", &[]),
            [Tag::Consequence]
        );
        assert_eq!(
            tags(
                "If you do so, you may need to sign in again on every visit.",
                &[]
            ),
            [Tag::Consequence]
        );
    }

    #[test]
    fn safeguards_identifiers_and_definitions_are_not_key() {
        assert_eq!(
            tags(
                "我们会对接入的第三方SDK进行安全检测，并与其签订保密协议。",
                &[]
            ),
            []
        );
        assert_eq!(
            tags("设备信息包括设备型号、广告标识符和系统版本。", &[]),
            []
        );
        assert_eq!(
            tags("Personal information includes your name, ID number, bank account, health data and address.", &[]),
            []
        );
        assert_eq!(
            tags("敏感个人信息是指:一旦泄露可能危害人身安全的信息,包括身份证件号码、银行账户、行踪轨迹。", &[]),
            [Tag::Sensitive]
        );
        // An item of an enumeration split at semicolons is not a heading.
        assert_eq!(tags("指纹;", &[]), [Tag::Sensitive]);
        assert_eq!(tags("指纹", &[]), []);
    }

    #[test]
    fn keeping_until_an_event_is_retention() {
        for s in [
            "您的个人信息将保存至您注销账号之日。",
            "我们会保留您的订单信息，直至您删除。",
            "We keep your data for as long as your account is active.",
            "We keep your personal information for 30 days.",
            "We retain messages until you delete them.",
        ] {
            assert_eq!(tags(s, &[]), [Tag::Retention], "{s}");
        }
        // Where, not how long.
        assert_eq!(tags("您可以将图片保存至相册。", &[]), []);
    }

    #[test]
    fn a_forum_the_operator_chooses_limits_rights() {
        for s in [
            "因本政策引起的争议，您同意提交至杭州市西湖区人民法院诉讼解决。",
            "协商不成的，任何一方均可向本公司所在地有管辖权的人民法院提起诉讼。",
            "争议应提交中国国际经济贸易仲裁委员会仲裁。",
            "Disputes shall be resolved by binding arbitration in Shanghai.",
        ] {
            assert_eq!(tags(s, &[]), [Tag::RightsLimits], "{s}");
        }
        // A complaint route the user is told about limits nothing.
        assert_eq!(tags("您还可以向有管辖权的法院提起诉讼。", &[]), []);
    }

    #[test]
    fn cases_that_follow_limit_rights_only_for_requests() {
        assert_eq!(
            tags("在以下情形中，我们将无法响应您的请求：", &[]),
            [Tag::RightsLimits]
        );
        assert_eq!(
            tags("我们仅会在以下情形与第三方共享您的个人信息：", &[]),
            [Tag::Sharing]
        );
        assert_eq!(
            tags("以下情形我们可以不经您的同意处理您的信息：", &[]),
            [Tag::Exemption]
        );
    }

    #[test]
    fn giving_data_to_affiliates_is_sharing() {
        for s in [
            "我们不会与任何第三方分享您的个人信息，除非获得您的同意。",
            "我们可能将您的信息提供给我们的关联公司。",
            "We may disclose your information to our affiliates.",
            "您的订单信息会共享给关联方。",
        ] {
            assert!(tags(s, &[]).contains(&Tag::Sharing), "{s}");
        }
        // Named without data going to them.
        assert_eq!(tags("本政策适用于我们及关联公司提供的产品。", &[]), []);
        // The user giving data to the operator, or sharing a post, stays no sharing.
        assert_eq!(tags("您提供给我们的信息将用于客服。", &[]), []);
        assert_eq!(tags("您可以将视频分享给好友。", &[]), []);
    }

    #[test]
    fn phrasings_of_rights_purposes_and_retention() {
        assert_eq!(
            tags(
                "对于无法识别您身份的数据，我们及关联公司有权自行使用。",
                &[]
            ),
            [Tag::Liability]
        );
        assert_eq!(tags("您有权随时查询您的个人信息。", &[]), []);
        assert_eq!(
            tags("新功能收集的信息与原目的具有合理关联。", &[]),
            [Tag::Exemption]
        );
        assert_eq!(
            tags("您的个人信息将在您使用本服务期间持续授权我们使用。", &[]),
            [Tag::Retention]
        );
        assert_eq!(
            tags(
                "账号注销后，我们将删除您的信息，无法删除时将进行匿名化。",
                &[]
            ),
            [Tag::Retention]
        );
        // Where data is stored is cross-border's business, not retention.
        assert_eq!(tags("这些数据存储于您的设备中。", &[]), []);
    }

    #[test]
    fn risks_guarded_against_and_restrictions_are_not_disclosures() {
        // Disclosure and marketing as harms prevented, not as something done.
        assert_eq!(
            tags("我们采用加密措施，防止信息遭到泄露、篡改或公开披露。", &[]),
            []
        );
        assert_eq!(
            tags("号码保护服务可使用户免受骚扰电话和营销短信的打扰。", &[]),
            []
        );
        assert_eq!(
            tags(
                "We use firewalls to prevent unauthorized disclosure of your data.",
                &[]
            ),
            []
        );
        // Restricting sharing to what is necessary.
        assert_eq!(tags("我们仅会共享为实现该目的所必要的个人信息。", &[]), []);
        let c = classify_sentence("我们只会出于必要的目的共享您的信息，具体如下：", &[]);
        assert_eq!((c.tags, c.list_tags), (vec![], vec![Tag::Sharing]));
        // A push notification is a channel, an announcement of an incident is no change.
        assert_eq!(
            tags(
                "发生安全事件时，我们会以短信、推送通知等方式告知您，或发布公告。",
                &[]
            ),
            []
        );
        assert!(tags("我们会在官网发布公告，告知本政策的修订。", &[]).contains(&Tag::Change));
        // A caption of a table of SDKs, and professed care.
        assert_eq!(tags("我们接入的第三方SDK列表如下：", &[]), []);
        assert_eq!(tags("我们高度重视儿童个人信息的保护。", &[]), []);
        assert!(tags("如您是未满14周岁的儿童，请在监护人同意后使用。", &[]).contains(&Tag::Minors));
    }

    #[test]
    fn limits_costs_and_exclusions_phrased_without_keywords() {
        assert_eq!(
            tags("部分日志信息您无法自行查询或更正。", &[]),
            [Tag::RightsLimits]
        );
        // Procedure is not a limit: a reply within days, a check of identity, feedback.
        assert_eq!(tags("我们将在15个工作日内答复您的请求。", &[]), []);
        assert_eq!(
            tags(
                "We will reply within 30 days after we verify your identity.",
                &[]
            ),
            []
        );
        assert_eq!(tags("You can send us feedback by email.", &[]), []);
        assert_eq!(
            tags("We may charge a reasonable fee for repeated requests.", &[]),
            [Tag::RightsLimits]
        );
        assert_eq!(
            tags("删除后，相应信息可能仍会在备份中保留一段时间。", &[]),
            [Tag::Retention]
        );
        assert_eq!(
            tags("账户注销后，我们将停止为您提供全部服务。", &[]),
            [Tag::Consequence]
        );
        assert_eq!(
            tags(
                "我们作为受托方为客户处理数据时，本政策不适用，请参阅客户的政策。",
                &[]
            ),
            [Tag::Liability]
        );
        assert_eq!(
            tags("您接入本服务后，应当另行取得您的终端用户的授权。", &[]),
            [Tag::Liability]
        );
        assert_eq!(
            tags("随着业务发展，我们可能需要收集新的个人信息。", &[]),
            [Tag::Change]
        );
        assert_eq!(
            tags(
                "If we need new personal information, we will seek your consent again.",
                &[]
            ),
            []
        );
        // "means" inside a sentence defines nothing.
        assert_eq!(
            tags(
                "We may refuse requests that need unreasonable technical means.",
                &[]
            ),
            [Tag::RightsLimits]
        );
    }

    #[test]
    fn conditions_restrictions_definitions_and_listed_harms_are_not_key() {
        // "If you cannot access it this way, contact us" offers another way; it limits
        // nothing. A plain "you cannot access" does.
        assert_eq!(
            tags(
                "如果您无法通过上述方式访问您的个人信息，您可以联系我们。",
                &[]
            ),
            []
        );
        // Ownership ("所有权") is no right of the operator.
        assert_eq!(tags("我们在所有权结构方面发生变化。", &[]), []);
        // A definition of a term, and recipients denied a right.
        assert_eq!(tags("本政策所称的重大变更包括但不限于：", &[]), []);
        assert_eq!(
            tags("我们的合作伙伴无权将共享的个人信息用于其他用途。", &[]),
            []
        );
        // The policy as the one that discloses, and the user's option about pushes.
        assert_eq!(tags("您可以通过本政策披露的方式与我们联系。", &[]), []);
        assert_eq!(tags("您可以在设置中选择是否接受我们推送的消息。", &[]), []);
        assert!(tags("我们会向您推送个性化的消息。", &[]).contains(&Tag::Tracking));
        // A disclosure among the harms an enumeration guards against.
        assert_eq!(
            tags(
                "We use encryption to prevent unauthorized access, use, or disclosure of your data.",
                &[]
            ),
            []
        );
        assert_eq!(
            tags(
                "We minimize the risk of your data being lost, disclosed, or changed.",
                &[]
            ),
            []
        );
        assert_eq!(
            tags(
                "We may disclose your data to our partners, affiliates, or advisers.",
                &[]
            ),
            [Tag::Sharing]
        );
    }

    #[test]
    fn headings_and_boilerplate_are_not_key() {
        assert!(tags("共享", &[]).is_empty());
        assert!(tags("本政策将帮助您了解以下内容：我们如何共享个人信息", &[]).is_empty());
        assert!(tags("我们致力于提供优质的产品和服务体验。", &[]).is_empty());
    }

    #[test]
    fn declared_sensitive_items_are_picked_up_and_marked() {
        let d = declared_sensitive("个人敏感信息：指包括身份证件号码、个人生物识别信息、银行账号、财产信息、行踪轨迹、交易信息等。");
        assert!(
            d.contains(&"交易信息".to_string()) || d.contains(&"财产信息".to_string()),
            "{d:?}"
        );
        let t = "我们会记录您的交易信息。";
        assert!(tags(t, &["交易信息".to_string()]).contains(&Tag::Sensitive));
        let spans = sensitive_terms("上传身份证照片和人脸", &[]);
        let s = "上传身份证照片和人脸";
        let words: Vec<&str> = spans.iter().map(|(a, b)| &s[*a..*b]).collect();
        assert_eq!(words, ["身份证", "人脸"]);
    }

    #[test]
    fn second_blind_set_rules() {
        // A term defined after a colon.
        assert_eq!(
            tags("1.1 健康信息：指您的病症描述、既往病史、处方等信息。", &[]),
            []
        );
        // No keyword inside a domain or an e-mail address.
        assert_eq!(tags("负责人邮箱：dpo@kangyuan-health.example", &[]), []);
        assert_eq!(tags("We collect health data.", &[]), [Tag::Sensitive]);
        // Given to a partner; reported to an authority.
        assert_eq!(
            tags("我们会将您的收货地址提供给合作药房。", &[]),
            [Tag::Sharing]
        );
        assert!(tags("我们会将订单数据报送至主管部门。", &[]).contains(&Tag::Sharing));
        // What is still possible after a refusal; no guarantee of security.
        assert!(tags("如果您拒绝提供，您仍可使用基础功能。", &[]).contains(&Tag::Consequence));
        assert!(tags("互联网环境并非百分之百安全。", &[]).contains(&Tag::Liability));
        // Downloading a copy is the user's own action.
        assert_eq!(tags("您可以下载个人信息副本、关闭个性化推荐。", &[]), []);
    }

    #[test]
    fn third_blind_set_rules() {
        // Deleted once the account is closed; not the user's options.
        for s in [
            "账号注销后，我们将在15个工作日内删除您的全部文件。",
            "简历信息在您注销账户后立即删除。",
        ] {
            assert!(tags(s, &[]).contains(&Tag::Retention), "{s}");
        }
        assert_eq!(tags("您可以注销账号或删除已上传的文件。", &[]), []);
        // Purged from backups; an age; the policy changed in other words.
        assert_eq!(
            tags("残留信息需要更长时间才能从备份系统中清除。", &[]),
            [Tag::Retention]
        );
        assert_eq!(tags("本平台仅面向年满16周岁的求职者。", &[]), [Tag::Minors]);
        assert_eq!(
            tags("本政策发生重大变化时，我们会以弹窗形式通知您。", &[]),
            [Tag::Change]
        );
        assert_eq!(tags("我们的服务模式发生重大变化。", &[]), []);
        // What stops after a refusal.
        assert_eq!(
            tags("拒绝后，招聘方可能不再推进您的应聘流程。", &[]),
            [Tag::Consequence]
        );
        // Handed to another party, not to the user or to the operator.
        // (A recording of the person is sensitive too.)
        assert_eq!(
            tags("录像将提供给招聘方用于评估。", &[]),
            [Tag::Sensitive, Tag::Sharing]
        );
        assert_eq!(tags("我们会将验证码提供给您。", &[]), []);
        // A track of where someone went; where data is stored; refused requests;
        // disputes left to the user.
        assert_eq!(
            tags("我们会收集车辆的历史行程轨迹。", &[]),
            [Tag::Sensitive]
        );
        assert_eq!(
            tags("您的文件存储在中国大陆的数据中心。", &[]),
            [Tag::Crossborder]
        );
        assert_eq!(
            tags("对于无端重复的请求，我们可能会予以拒绝。", &[]),
            [Tag::RightsLimits]
        );
        assert!(tags("由此产生的纠纷由您与招聘方自行解决。", &[]).contains(&Tag::Liability));
    }

    #[test]
    fn fourth_blind_set_rules() {
        // Sent to another party; not to the user or to the operator.
        assert_eq!(
            tags("我们会把您的控制指令发送给该品牌的云平台。", &[]),
            [Tag::Sharing]
        );
        assert_eq!(tags("我们会将验证码发送给您。", &[]), []);
        assert_eq!(tags("您发送给我们的信息。", &[]), []);
        // What closing costs, the account named in the sentence before.
        assert_eq!(tags("注销后会员积分将作废。", &[]), [Tag::Consequence]);
        // Vital signs, chat content, the user's location; "健康" in a name is no data.
        for s in [
            "设备会测量您的心率。",
            "我们会审核聊天内容。",
            "我们会获取您的位置。",
        ] {
            assert_eq!(tags(s, &[]), [Tag::Sensitive], "{s}");
        }
        assert_eq!(tags("本政策适用于运动健康App。", &[]), []);
        // The user's options, also "您也可以".
        assert_eq!(tags("您也可以随时在App中删除历史录音。", &[]), []);
        // Entrusting, with a safeguard in another clause.
        assert_eq!(
            tags(
                "我们可能委托云服务商处理您的个人信息，并与其签署保密协议。",
                &[]
            ),
            [Tag::Sharing]
        );
        // Abroad only when data goes or stays there, or after a direction.
        assert_eq!(tags("海外发行方的联系方式见下。", &[]), []);
        assert_eq!(tags("预订境外酒店时需要填写英文姓名。", &[]), []);
        for s in [
            "日志会传输至海外发行方的服务器。",
            "本行将在向境外提供前告知您。",
            "我们已与海外发行方签订标准合同。",
        ] {
            assert!(tags(s, &[]).contains(&Tag::Crossborder), "{s}");
        }
        // Shown to everyone; transferred; another party bears the liability.
        assert_eq!(tags("您的昵称和头像对所有玩家可见。", &[]), [Tag::Sharing]);
        assert_eq!(tags("您的轨迹默认仅自己可见。", &[]), [Tag::Sensitive]);
        assert_eq!(
            tags("如发生合并，需要转移您的个人信息的，我们会告知您。", &[]),
            [Tag::Sharing]
        );
        assert!(tags("由供应商依法承担责任。", &[]).contains(&Tag::Liability));
        // A right that cannot be exercised.
        assert_eq!(
            tags("在您结清全部借款前，您不能注销账户；", &[]),
            [Tag::RightsLimits]
        );
        // Stopping a share is the user's own action.
        assert_eq!(tags("您可以随时取消某一项数据的共享。", &[]), []);
    }

    #[test]
    fn fifth_blind_set_rules() {
        // Providing to a party named between; not a service a party provides.
        assert_eq!(
            tags("我们会在以下情形向第三方提供您的个人信息：", &[]),
            [Tag::Sharing]
        );
        assert_eq!(tags("本服务中的部分功能由第三方提供。", &[]), []);
        // Processing without consent, with or without "的".
        assert_eq!(
            tags("以下情形我们可以不经您同意处理您的个人信息。", &[]),
            [Tag::Exemption]
        );
        // Disagreeing or not providing, and what it leaves or breaks.
        for s in [
            "不同意的，您只能使用离线地图的基本浏览功能。",
            "您不提供真实身份信息的，我们将不能为您办理入网手续。",
            "若您不授予后台定位权限，锁屏后导航将会中断。",
        ] {
            assert_eq!(tags(s, &[]), [Tag::Consequence], "{s}");
        }
        assert_eq!(tags("如您不同意本条款，请勿注册。", &[]), []);
        // An authority taking data, making it public; no guarantee, no control.
        assert_eq!(
            tags("公安机关依法调取用户信息的，我们在审核后予以提供。", &[]),
            [Tag::Sharing]
        );
        assert!(tags("我们不会公开您的个人信息。", &[]).contains(&Tag::Sharing));
        for s in [
            "路况仅供参考，请以实际道路情况为准。",
            "商户信息由商户提供，我们不保证其准确性。",
            "我们无法控制对方如何使用。",
        ] {
            assert_eq!(tags(s, &[]), [Tag::Liability], "{s}");
        }
        assert_eq!(tags("如下政策仅供参考。", &[]), []);
        // Where someone goes, ranking by behaviour, submitting or selling to others.
        assert_eq!(
            tags("基站位置可以大致反映您的行踪。", &[]),
            [Tag::Sensitive]
        );
        assert_eq!(
            tags("我们的推荐算法会综合您的资料，为您排列推荐对象。", &[]),
            [Tag::Tracking]
        );
        assert_eq!(
            tags("我们会将其提交给您选择的保险公司。", &[]),
            [Tag::Sharing]
        );
        assert_eq!(tags("您提交给我们的资料。", &[]), []);
        assert_eq!(
            tags("我们不向任何第三方出售用户号码；", &[]),
            [Tag::Sharing]
        );
        assert_eq!(
            tags(
                "或者响应请求将导致他人合法权益受到严重损害的，我们可以拒绝。",
                &[]
            ),
            [Tag::RightsLimits]
        );
        // Sensitive data denied outright, or only named as protected.
        assert_eq!(tags("我们不会申请读取您的通讯录和短信。", &[]), []);
        // What turning a feature off does; not turning off background running.
        assert_eq!(
            tags("关闭后，您需要手动选择收货地址。", &[]),
            [Tag::Consequence]
        );
        assert_eq!(tags("您可以关闭后台刷新。", &[]), []);
        assert_eq!(
            tags("我们对行踪轨迹、声纹等敏感个人信息采取加密存储。", &[]),
            []
        );
        assert_eq!(
            tags("我们会读取您的手机通讯录，将联系人手机号加密后上传。", &[]),
            [Tag::Sensitive]
        );
    }

    #[test]
    fn sixth_blind_set_rules() {
        for (s, tag) in [
            (
                "下列情况我们可以处理您的个人信息而不另行取得您的同意：",
                Tag::Exemption,
            ),
            (
                "存在进行中的行程或未支付订单时无法注销。",
                Tag::RightsLimits,
            ),
            ("因您泄露密码而导致的损失，由您本人承担。", Tag::Liability),
            ("我们会向其提供必要的订单号。", Tag::Sharing),
            ("我们将把业主名册移交给新的物业服务企业；", Tag::Sharing),
            ("我们会与燃气公司交换您的户号。", Tag::Sharing),
            ("未提供的，无法为您建档和挂号。", Tag::Consequence),
            ("欠费信息可能会同步给上述信用服务机构。", Tag::Sharing),
            ("投票结果依法公示，不显示姓名；", Tag::Sharing),
            ("投票记录保存至本届业主委员会任期结束。", Tag::Retention),
            ("游客的手机号在注销通行证后立即删除。", Tag::Retention),
            (
                "更新内容涉及您的重大权益的，我们会请您重新阅读并确认。",
                Tag::Change,
            ),
        ] {
            assert_eq!(tags(s, &[]), [tag], "{s}");
        }
        for (s, tag) in [
            ("扫码开锁时，我们收集您所在的位置。", Tag::Sensitive),
            ("我们只接收结果，不接收您的信用分值。", Tag::Sensitive),
            ("如需使用生物样本，将另行取得您的书面同意。", Tag::Sensitive),
            ("本公司不会出售客户的个人信息。", Tag::Sharing),
            ("未完成房屋认证的，您只能浏览社区公告。", Tag::Consequence),
            ("under-16s may not ride e-bikes.", Tag::Minors),
        ] {
            assert_eq!(tags(s, &[]), [tag], "{s}");
        }
        // Viewing one's own records; being told of an incident by push.
        assert_eq!(
            tags("您可以在小程序中查看检验报告、门诊病历和处方。", &[]),
            []
        );
        assert_eq!(tags("我们将通过短信或App推送告知您可能的影响。", &[]), []);
    }

    #[test]
    fn who_protects_childrens_data_and_how_is_no_processing_of_it() {
        for s in [
            "儿童个人信息保护负责人邮箱：child-privacy@example.com",
            "我们已对SDK进行评估，并与其签订了儿童个人信息保护协议。",
            "我们设立了儿童个人信息保护专员，儿童信息采取加密存储。",
            "本公司对儿童个人信息采用加密存储。",
            // A word in an address names the address.
            "如有疑问，请发送邮件至share-data@example.com。",
        ] {
            assert_eq!(tags(s, &[]), [], "{s}");
        }
        assert_eq!(
            tags("我们会将儿童个人信息提供给学校。", &[]),
            [Tag::Sensitive, Tag::Sharing, Tag::Minors]
        );
    }

    #[test]
    fn ninth_blind_set_words() {
        assert_tagged(&[
            ("怀孕的旅客需提交医生开具的证明。", Tag::Sensitive),
            ("我们会记录您的体脂率。", Tag::Sensitive),
            ("门店出入口安装了视频监控。", Tag::Sensitive),
            ("这些信息会交给到达站的地面服务人员。", Tag::Sharing),
            ("合作伙伴会把您的消费记录传给我们。", Tag::Sharing),
            ("我们绝不会把您的听歌记录卖给任何人。", Tag::Sharing),
            ("门店运营公司与我们共同处理您的个人信息。", Tag::Sharing),
            ("您的歌单默认公开。", Tag::Sharing),
            ("私教可以看到您的训练记录。", Tag::Sharing),
            ("我们只查验证明，不留存复印件。", Tag::Retention),
            ("健康问卷在会籍存续期间保存。", Tag::Retention),
            ("储物柜中的物品遗失不负赔偿责任。", Tag::Liability),
            ("已转发到站外的链接我们没办法收回。", Tag::RightsLimits),
            ("我们可能会不时更新这份政策。", Tag::Change),
            ("系统会自动判断您是否可能流失。", Tag::Tracking),
            ("AI教练会根据您的训练记录自动生成训练计划。", Tag::Tracking),
            ("连续缺席3次的，系统会自动限制您预约团课。", Tag::Tracking),
            ("存储权限不给的话只能在线听。", Tag::Consequence),
            ("不认证就不能享受学生价。", Tag::Consequence),
            (
                "撤回对定位的同意后，手表的定位功能将停止工作。",
                Tag::Consequence,
            ),
            ("网页版使用Cookie保存登录状态。", Tag::Tracking),
            (
                "歌词由用户提供，我们不对其内容的准确性负责。",
                Tag::Liability,
            ),
            (
                "不提供这些信息，您仍然可以上传作品，但无法开通收益。",
                Tag::Consequence,
            ),
        ]);
    }

    /// Each sentence is tagged with its tag (among others, maybe).
    fn assert_tagged(cases: &[(&str, Tag)]) {
        for (s, tag) in cases {
            assert!(tags(s, &[]).contains(tag), "{s}: {:?}", tags(s, &[]));
        }
    }

    #[test]
    fn eleventh_blind_set_words() {
        assert_tagged(&[
            ("本App集成了第三方推送SDK。", Tag::Sharing),
            ("我们只在下面这些情况分享你的信息。", Tag::Sharing),
            (
                "卖家拒绝提供前款信息的，本公司不予发布其车源信息。",
                Tag::Consequence,
            ),
            ("买家未完成实名认证的，仅可浏览车源信息。", Tag::Consequence),
            ("已被下载的检测报告，本公司无法收回。", Tag::RightsLimits),
            ("存在未了结交易的，本公司不予办理注销。", Tag::RightsLimits),
            ("退卡会扣除已享受的折扣优惠。", Tag::RightsLimits),
            (
                "合作车商另行制定个人信息处理规则的，适用其规则。",
                Tag::Liability,
            ),
            (
                "交易中自行透露的个人信息，由用户自行承担风险。",
                Tag::Liability,
            ),
            ("因你录屏传播引起的纠纷由你自己负责。", Tag::Liability),
            ("在线问诊的建议不能替代到院检查。", Tag::Liability),
        ]);
    }

    #[test]
    fn tenth_blind_set_words() {
        assert_tagged(&[
            ("以下情形我们处理信息不需要你的同意：", Tag::Exemption),
            ("该评分系自动化决策的结果。", Tag::Tracking),
            ("我们会给你打上偏好标签。", Tag::Tracking),
            ("系统将对您的简历自动打分并排序。", Tag::Tracking),
            ("系统会自动为你排序推荐律师。", Tag::Tracking),
            ("该功能会自动计算离职风险等级。", Tag::Tracking),
            ("我们会把公开问答用于改进模型。", Tag::Tracking),
            ("弹幕会实时显示给所有在线观众。", Tag::Sharing),
            ("收货人姓名和地址会给到对应店铺。", Tag::Sharing),
            ("快递公司会拿到你的收货信息。", Tag::Sharing),
            ("您的个人信息将由接收方继续处理。", Tag::Sharing),
            ("体检机构将体检结论上传至系统。", Tag::Sensitive),
            ("信用评分未达标准的，须缴纳押金。", Tag::Sensitive),
            ("我们将核验驾驶证状态。", Tag::Sensitive),
            ("不填的话我们没法发货。", Tag::Consequence),
            ("关掉之后相关功能就用不了了。", Tag::Consequence),
            ("我们可能会修改这份政策。", Tag::Change),
            ("我们不对律师意见作任何保证。", Tag::Liability),
            ("律师违反保密义务造成的损失，由律师承担。", Tag::Liability),
            ("注销后余额不予退还。", Tag::RightsLimits),
            (
                "- 腾讯云实时音视频SDK（腾讯云计算（北京）有限责任公司）：语音、视频咨询；",
                Tag::Sharing,
            ),
        ]);
    }

    #[test]
    fn seventh_blind_set_rules() {
        for (s, tag) in [
            (
                "以下情况，我们依法可以不取得您的同意而处理您的个人信息：",
                Tag::Exemption,
            ),
            (
                "政务服务中的个人信息处理依法不以您的同意为前提；",
                Tag::Exemption,
            ),
            (
                "填写错误地址导致无法派送的，由此产生的损失由寄件人承担。",
                Tag::Liability,
            ),
            (
                "从非官方渠道下载的安装包导致的信息泄露我们无法负责。",
                Tag::Liability,
            ),
            ("我们不对商品的质量、真伪作出保证。", Tag::Liability),
            (
                "回收的电子产品中残留的个人数据，由您本人负责在交付前清除。",
                Tag::Liability,
            ),
            ("原始音频在识别完成后不保存；", Tag::Retention),
            ("实名认证结果保存至账号注销；", Tag::Retention),
            ("皮肤商店会根据您下载的皮肤向您推荐内容。", Tag::Tracking),
            ("公安机关依法查询寄递信息的，我们会依法提供。", Tag::Sharing),
        ] {
            assert_eq!(tags(s, &[]), [tag], "{s}");
        }
        assert!(tags("选定的文字会发送至新加坡的公司处理。", &[]).contains(&Tag::Crossborder));
        for (s, tag) in [
            (
                "在设置中关闭定位权限，关闭后需要手动填写地址；",
                Tag::Consequence,
            ),
            (
                "不完成实名认证的，您仍可浏览，但不能发布商品。",
                Tag::Consequence,
            ),
            ("您拒绝授权位置的，可以手动选择区县。", Tag::Consequence),
            ("已成交订单中的商品快照不能删除。", Tag::RightsLimits),
            (
                "本局可以不向您提供相关信息的查阅、复制。",
                Tag::RightsLimits,
            ),
            ("您的语音会被上传至语音识别服务器。", Tag::Sensitive),
            ("剪贴板工具栏会在本地保存您最近复制的内容。", Tag::Sensitive),
        ] {
            assert!(tags(s, &[]).contains(&tag), "{s}: {:?}", tags(s, &[]));
        }
        assert_eq!(tags("语音聊天需要使用麦克风。", &[]), []);
        assert_eq!(tags("您可以按照我们公示的制度进行投诉或举报。", &[]), []);
    }

    #[test]
    fn eighth_blind_set_rules() {
        // The informal "你" reads as "您".
        for (formal, informal) in [
            (
                "您不提供真实身份信息的，我们将不能为您办理。",
                "你不提供真实身份信息的，我们将不能为你办理。",
            ),
            ("您可以删除您的浏览记录。", "你可以删除你的浏览记录。"),
        ] {
            assert_eq!(tags(informal, &[]), tags(formal, &[]), "{informal}");
        }
        assert_eq!(
            tags("你不提供真实身份信息的，我们将不能为你办理。", &[]),
            [Tag::Consequence]
        );
        for (s, tag) in [
            ("我们会向该航空公司提供您的会员号和入住记录。", Tag::Sharing),
            ("我们会按照我们的指示要求云服务商处理数据。", Tag::Sharing),
            ("注销账号后积分清零。", Tag::Consequence),
            ("由此产生的损失与我们无关。", Tag::Liability),
            ("对于无端重复的请求，我们可能会拒绝。", Tag::RightsLimits),
            ("慢病管家可以记录血压、血糖和用药计划；", Tag::Sensitive),
            ("原始音频在转写完成后72小时内删除。", Tag::Retention),
            ("我们会推断你的阅读偏好。", Tag::Tracking),
        ] {
            assert!(tags(s, &[]).contains(&tag), "{s}: {:?}", tags(s, &[]));
        }
        assert_eq!(tags("我们会向您提供您的个人信息副本。", &[]), []);
        assert_eq!(tags("我们会向用户群提供促销推广的服务。", &[]), []);
        // A short lead-in naming the user's data, informally, is no caption either.
        assert_eq!(
            tags("接入的第三方SDK会获取你的个人信息：", &[]),
            [Tag::Sharing]
        );
    }
}
