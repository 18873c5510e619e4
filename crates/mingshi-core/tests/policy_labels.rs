//! Key-clause detection against hand labels: sentence-level precision and recall, printed
//! per file and overall. Labels were written by reading the policies, before looking at
//! what the detector says; markup-free text, so detection alone decides. Every labelled
//! text is looked up among all units (a line read as a heading or contents entry counts
//! as not key).
//!
//! Thirteen sets, scored by the same function:
//! - the tuning set, `labels.jsonl` and `labels-heldout.jsonl`: rules were adjusted while
//!   looking at their errors. `labels-heldout.jsonl` was the first held-out set; once its
//!   figures were recorded its errors guided later rules, so it is tuning data now.
//! - `labels-heldout2.jsonl`, the held-out set: units of the policies neither file labels,
//!   labelled before the rule changes that came after it. Its errors have since been
//!   looked at once, to find general causes of false positives (see the floors below), so
//!   its figures are no longer a blind estimate for unseen policies; a new set labelled
//!   from other policies would be.
//! - `labels-blind.jsonl`, the blind set: four further policies (`blind-*.txt`), written
//!   and labelled before the detector was run on them; see the floors below.
//! - `labels-blind2.jsonl`, the second blind set: four more policies (`blind2-*.txt`),
//!   written and labelled the same way after the first blind set's fixes, to tell whether
//!   those fixes generalise; see the floors below.
//! - `labels-blind3.jsonl`, the third blind set: four more policies (`blind3-*.txt`),
//!   written and labelled the same way after the second blind set's fixes, to tell
//!   whether the detector converges; see the floors below.
//! - `labels-blind4.jsonl`, the fourth blind set: four more policies (`blind4-*.txt`),
//!   written and labelled the same way after the third blind set's fixes, to find the
//!   general phrasings still missed; see the floors below.
//! - `labels-blind5.jsonl`, the fifth blind set: four more policies (`blind5-*.txt`),
//!   written and labelled the same way after the fourth blind set's fixes; see the floors
//!   below.
//! - `labels-blind6.jsonl`, the sixth blind set: four more policies (`blind6-*.txt`),
//!   written and labelled the same way after the fifth blind set's fixes; see the floors
//!   below.
//! - `labels-blind7.jsonl`, the seventh blind set: four more policies (`blind7-*.txt`),
//!   written and labelled the same way after the sixth blind set's fixes; see the floors
//!   below.
//! - `labels-blind8.jsonl`, the eighth blind set: four more policies (`blind8-*.txt`),
//!   written and labelled the same way after the seventh blind set's fixes; see the floors
//!   below.
//! - `labels-blind9.jsonl`, the ninth blind set: four more policies (`blind9-*.txt`),
//!   written and labelled the same way after the eighth blind set's fixes; see the floors
//!   below.
//! - `labels-blind10.jsonl`, the tenth blind set: four more policies (`blind10-*.txt`),
//!   written and labelled the same way after the ninth blind set's fixes; see the floors
//!   below.
//! - `labels-blind11.jsonl`, the eleventh blind set: four more policies (`blind11-*.txt`),
//!   written and labelled the same way after the tenth blind set's fixes; see the floors
//!   below.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mingshi_core::policy::{analyze, Format, Kind};

/// Below this the tuning set fails. The target for unseen policies is 0.85; the tuning set
/// measured precision 0.99, recall 0.99 (191 true positives, 2 false positives, 1 missed)
/// after the rules its errors led to (0.98 with the third blind set's "提供给" rule: 3 false
/// positives), so it is held at 0.95.
const FLOOR: f64 = 0.95;

/// Floors for the held-out set (`labels-heldout2.jsonl`): slightly below what was measured
/// there, so a regression fails the test. Measured before any rule change that followed
/// these labels: precision 0.69, recall 0.92 (55 true positives, 25 false positives, 5
/// missed); once after them, without tuning to this set: precision 0.72, recall 0.93 (56
/// true positives, 22 false positives, 4 missed). Then, after looking at its false
/// positives and fixing only general causes (a list ends at a number above its items'
/// level; "if you cannot access …, contact us" is no limit; "所有权" is no right; "所指
/// 的/所称的" define a term; recipients denied a right, the policy as the discloser, the
/// user's option about push messages, and harms listed after a guard word are not
/// disclosures or tracking), no label changed: precision 0.89, recall 0.93 (56 true
/// positives, 7 false positives, 4 missed: 0.889 and 0.933 unrounded). These figures are
/// after looking at the set's errors, so they overstate what unseen policies would give.
/// The blind set's rules (below) then found one more change clause here ("本隐私政策也会
/// 随之更新"): precision 0.89, recall 0.95 (57 true positives, 7 false positives, 3 missed).
/// The third blind set's rules found one more limit here ("予以拒绝"): precision 0.89,
/// recall 0.97 (58 true positives, 7 false positives, 2 missed).
const HELDOUT_PRECISION_FLOOR: f64 = 0.85;
const HELDOUT_RECALL_FLOOR: f64 = 0.90;

/// Floors for the blind set (`labels-blind.jsonl`): four policies written for it, unlike
/// the three above in industry and house style (an e-commerce mini-program, a rural bank's
/// app, a mobile game, a zh/en IoT camera), 371 units labelled before the detector was
/// first run on them. The blind estimate for unseen policies, measured on that first run:
/// precision 0.94, recall 0.76 (146 true positives, 9 false positives, 45 missed); per
/// file, bank app 0.98 / 0.85 (41, 1, 7), e-commerce 0.95 / 0.79 (42, 2, 11), IoT camera
/// 0.91 / 0.60 (32, 3, 21), game 0.91 / 0.84 (31, 3, 6).
///
/// Then, AFTER LOOKING AT ITS ERRORS, rules for their general causes (no label changed):
/// keywords inside a title in 《》 do not count; an inline list announced before a colon
/// ("在以下情形中……：A；B；C。") passes its reasons to its items; entrusting by the
/// operator ("我们/本行可能委托……"); what not giving something costs ("若您不提供……将无法
/// ……"); for how long data is kept ("保存7天", "kept for 30 days"); the policy changed in
/// other words ("对本政策进行修订"); another party's own policy governing its processing;
/// selling personal information; "海外", "outside mainland"; credit information; "成年人";
/// "个性化", "画像"; "our website uses cookies"; SDKs integrated ("integrat", as "接入");
/// "your location"; "we engage"; deleted data that "cannot be restored"; a bare denial
/// of tracking and the user's own actions on their data are not key. Figures after them:
/// precision 0.98, recall 0.90 (172 true positives, 4 false positives, 19 missed); bank
/// app 0.98 / 0.94 (45, 1, 3), e-commerce 0.98 / 0.94 (50, 1, 3), IoT camera 1.00 / 0.83
/// (44, 0, 9), game 0.94 / 0.89 (33, 2, 4). These overstate what unseen policies would
/// give; the first-run figures above are the blind estimate. Most of what is left are
/// labels that differ from the tuning set's on the same kind of sentence (device
/// identifiers listed among device data, a caption of the SDK list, professed care for
/// minors, recipients' obligations, "不影响" after a refusal, the right to withdraw), which
/// no rule can satisfy both ways. Floors slightly below the figures after the fixes.
const BLIND_PRECISION_FLOOR: f64 = 0.95;
const BLIND_RECALL_FLOOR: f64 = 0.88;

/// Floors for the second blind set (`labels-blind2.jsonl`): four more policies
/// (`blind2-*.txt`: a ride-hailing and map app, an online medical consultation platform, a
/// K-12 education app used by children with their parents, a short-video app with an
/// English paragraph), unlike all the above in industry and house style, 281 units (135
/// key) labelled before the detector was first run on them, after the first blind set's
/// fixes. Where the tuning set and the first blind set label a kind of sentence
/// differently, these labels follow the tuning set: device identifiers listed among
/// device data are not key; "refusing costs you nothing" is key, as the tuning set's
/// "如果您不提供……您依然可以使用" (though it has two "不影响" sentences that are not).
/// The blind estimate for unseen policies, measured on that first run: precision 0.87,
/// recall 0.79 (106 true positives, 16 false positives, 29 missed: 0.869 and 0.785
/// unrounded); per file,
/// medical consultation 0.78 / 0.82 (28, 8, 6), K-12 education 0.83 / 0.71 (20, 4, 8),
/// ride-hailing 0.97 / 0.80 (32, 1, 8), short video 0.90 / 0.79 (26, 3, 7).
///
/// Then, AFTER LOOKING AT ITS ERRORS, rules for their general causes that the engine's
/// size budget allowed (no label changed): a term defined after a colon ("健康信息：指
/// ……"); "百分之百" (no guarantee of security); "病情" as health data; downloading a copy
/// as the user's own action; what is still possible after a refusal ("仍可"); a request
/// "被拒绝"; reporting to an authority ("报送"); giving to a partner ("提供给合作"); no
/// keyword right after '-' or '@' (inside a domain or an e-mail address). Figures after
/// them: precision 0.90, recall 0.84 (113 true positives, 12 false positives, 22 missed);
/// medical consultation 0.84 / 0.91 (31, 6, 3), K-12 education 0.84 / 0.75 (21, 4, 7),
/// ride-hailing 0.97 / 0.85 (34, 1, 6), short video 0.96 / 0.82 (27, 1, 6); with the third
/// set's "提供给" rule, ride-hailing 0.97 / 0.88 (35, 1, 5) and 114 / 12 / 21 overall; with
/// the fourth set's (data shown to everyone), short video 0.97 / 0.88 (29, 1, 4) and 116 /
/// 12 / 19 overall (precision 0.91, recall 0.86). These overstate what unseen policies would give; the first-run figures above are the blind
/// estimate. Left: a child called "孩子" rather than "儿童" or "未成年人"; sharing in other
/// words ("向司机提供", "发送给紧急联系人", teachers who "可以看到"); public profiles and
/// posts ("默认公开"); recommendations without "个性化"; "健康"/"医疗" in the name of a
/// service or an institution; a safeguard for sensitive data ("采取加密存储等措施": a rule
/// for it cost 150 B of the engine); sentences whose subject is in the one before; and
/// labels that differ from the tuning set's (the right to withdraw, "不影响" after a
/// refusal, the notice of bold terms). Floors slightly below the figures after the fixes.
const BLIND2_PRECISION_FLOOR: f64 = 0.88;
const BLIND2_RECALL_FLOOR: f64 = 0.82;

/// Floors for the third blind set (`labels-blind3.jsonl`): four more policies
/// (`blind3-*.txt`: a food-delivery app, a connected-car app with a German parent company
/// and an English paragraph, a job-recruitment platform, a cloud photo-backup app), unlike
/// all the above in industry and house style, 304 units (126 key) labelled before the
/// detector was first run on them, after the second blind set's fixes, to tell whether
/// the detector converges or only chases each new set. Labels follow the tuning set where
/// it and the first blind set differ: device identifiers listed among device data are not
/// key; "refusing costs you nothing" is key; the right to withdraw is not, what withdrawing
/// does not undo is. The blind estimate for unseen policies, measured on that first run:
/// precision 0.93, recall 0.71 (89 true positives, 7 false positives, 37 missed: 0.927 and
/// 0.706 unrounded); per file, cloud photos 0.95 / 0.67 (18, 1, 9), connected car 0.95 /
/// 0.60 (18, 1, 12), food delivery 0.90 / 0.90 (36, 4, 4), job recruitment 0.94 / 0.59
/// (17, 1, 12).
///
/// Then, AFTER LOOKING AT ITS ERRORS, rules for their general causes that the engine's
/// size budget allowed (no label changed): data deleted once the account is closed
/// ("注销后……删除"); "清除" as deletion (purged from backups); an age in "周岁" (16周岁);
/// any "轨迹" as a location track; "存储在中国"; a request "予以拒绝"; disputes left to the
/// user ("自行解决"); "本政策发生重大变化"; what stops after a refusal ("不再"); a sentence
/// naming a version ("更新后的版本") is no metadata line; "提供给" another party (not "您",
/// "你" or "我们": +63 B of the engine, taken with a budget raise; it also gains 1 in the
/// second blind set and costs 1 false positive in the tuning set, the user "提供给出" …).
/// Figures after them: precision 0.93, recall 0.83 (105 true positives, 8 false positives,
/// 21 missed: 0.929 and 0.833 unrounded); cloud photos 0.96 / 0.81 (22, 1, 5), connected
/// car 0.95 / 0.70 (21, 1, 9), food delivery 0.88 / 0.95 (38, 5, 2), job recruitment 0.96 /
/// 0.83 (24, 1, 5). With the fourth set's rules: precision 0.94, recall 0.84 (106, 7, 20);
/// connected car 1.00 / 0.70 (21, 0, 9), job recruitment 0.96 / 0.86 (25, 1, 4). These overstate what unseen policies would give; the first-run figures
/// above are the blind estimate. Left: sharing or cross-border transfer in other words ("向其提供", "传输至位于德国
/// 的总部", "accessed by engineers in Germany"); recommendations without "个性化"; profiles
/// visible by default; "孩子"; sentences whose subject is in the one before; "健康" in
/// "电池健康状态"; "推送" as a notice channel; "费用" outside the rights; and labels that
/// differ from the earlier sets' on the same kind of sentence ("不会削减您……的权利" and
/// the causes of a change are not key in the held-out and second blind sets, so no rule).
/// Floors slightly below the figures after the fixes.
const BLIND3_PRECISION_FLOOR: f64 = 0.91;
const BLIND3_RECALL_FLOOR: f64 = 0.79;

/// Floors for the fourth blind set (`labels-blind4.jsonl`): four more policies
/// (`blind4-*.txt`: a consumer-finance app written in long sentences joined by "；", a
/// wearable and smart-home app with question headings and an English paragraph, an online
/// game with an overseas publisher and tables flattened into lines, a travel booking
/// platform with mixed numbering, half-width punctuation and an English paragraph), unlike
/// all the above in industry and house style, 305 units (150 key) labelled before the
/// detector was first run on them, after the third blind set's fixes. Labels follow the
/// tuning set where it and the first blind set differ: device identifiers listed among
/// device data are not key; "refusing costs you nothing" is key; the right to withdraw is
/// not, what withdrawing does not undo is. The blind estimate for unseen policies,
/// measured on that first run: precision 0.85, recall 0.72 (108 true positives, 19 false
/// positives, 42 missed: 0.850 and 0.720 unrounded); per file, consumer finance 1.00 /
/// 0.82 (37, 0, 8), online game 0.88 / 0.58 (22, 3, 16), travel booking 0.77 / 0.70 (23,
/// 7, 10), wearable and smart home 0.74 / 0.76 (26, 9, 8). (A segmentation fix since,
/// "Pte. Ltd." no sentence end, merged two pairs of units: 303 labels now, the same
/// decisions; on them the first run counts 108, 19, 41.)
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes (no key decision
/// changed): a table flattened into lines (" | "): its rows are content, not headings, and
/// key for its header row's reasons (+10: an SDK table, a retention table); a short line
/// asking a question is a heading ("家庭共享是怎样的？", -2 false positives); data shown to
/// everyone or to other users ("对所有玩家可见", "其他用户均可查看"); "境外"/"海外" cross-border
/// only with data flowing or stored or after "向" (not "海外发行方的联系方式", "预订境外酒店
/// 时"), "标准合同"; "健康" only as data ("健康信息/数据/状况", not "运动健康App"); "发送给"
/// another party; what closing costs with the account named before ("注销后会员积分将作废",
/// "清空"); "心率", "月经", "聊天内容", "您的位置"; "转移" (PIPL art. 22); another party
/// "承担责任"; "它们的隐私政策"; "不能"/"不可" with a right ("您不能注销账户"); entrusting is
/// key despite a safeguard in another clause; "您也可以" opens the user's options; "接触" as
/// data flow. Figures after them: precision 0.94, recall 0.89 (132 true positives, 8 false
/// positives, 17 missed: 0.943 and 0.886 unrounded); consumer finance 1.00 / 0.91 (41, 0, 4),
/// online game 1.00 / 0.92 (34, 0, 3), travel booking 0.85 / 0.85 (28, 5, 5), wearable and
/// smart home 0.91 / 0.85 (29, 3, 5). They gain 2 in the second blind set and 1 in the
/// third (shown to everyone), and take 2 false positives off the third ("电池健康状态",
/// "您也可以") for 1 more ("公开展示给其他用户", labelled not key there). These overstate
/// what unseen policies would give; the first-run figures above are the blind estimate.
/// They cost the policy engine 403 B gzip (42486 -> 42889; its budget was raised from 42550
/// to 42950 for them), by removing each from the final code: tables and question headings
/// 105, shown to everyone 97, "境外" with a flow 60, closing 32, "不能/不可" 24, "转移/承担责任/它们的" 23, the four
/// sensitive words 22, "发送给" 18, "健康" as data 18, "您也可以" 14 (not additive: gzip).
/// Left: a period before deleting ("30天内删除", 54 B for +1), the user named in the clause
/// before "不可" (+1), a party the user chose ("提供给您所选择的", 125 B for +1), joint
/// processing ("与反欺诈服务提供商共同进行"), subjects in the sentence before ("更新后我们会
/// ……提示您", "新版本会在App内公布"), "存储在位于中国", "录制您的语音", safeguards for
/// sensitive data and the causes of labels that earlier sets decide otherwise (a cross-border
/// recipient's contact, "不影响", the notice of bold terms). Floors slightly below the
/// figures after the fixes.
const BLIND4_PRECISION_FLOOR: f64 = 0.92;
const BLIND4_RECALL_FLOOR: f64 = 0.86;

/// Counts of one scoring run.
/// Floors for the fifth blind set (`labels-blind5.jsonl`): four more policies
/// (`blind5-*.txt`: a dating and social app, map and navigation, a life insurer's app, a
/// telecom operator), 540 units labelled (256 key) before the detector was run on them,
/// after the fourth blind set's fixes, to see whether recall on new industries converges.
/// The blind estimate for unseen policies, measured on that first run: precision 0.90,
/// recall 0.73 (186 true positives, 20 false positives, 70 missed); per file, dating 0.93 /
/// 0.82 (54, 4, 12), insurance 0.88 / 0.80 (52, 7, 13), map 0.94 / 0.74 (45, 3, 16),
/// telecom 0.85 / 0.55 (35, 6, 29).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes (no label changed): a
/// heading announcing cases ("1.6 以下情形我们可以不经您同意处理……") introduces its numbered
/// items; a list announced with a full stop goes on after a comment on an item; "以下范围"
/// announces; a short line ending in a colon that names the user's personal information is
/// a lead-in, not a table caption, and a caption's SDKs are sharing; " —— " joins cells of
/// a row, not a title; a label ("4.3 存储期限：") is not key, its list is; "不同意" and "您不
/// 提供" with what they cost ("只能", "中断"); "向第三方提供", "提交给", "调取", "公开您的",
/// "出售用户"; "不经您", "无需您同意"; "不保证", "无法控制", "仅供参考" (not of the policy);
/// "行踪", "推荐算法", "用户标签", "我们可以拒绝", "本平台"/"本公司" as the operator; sensitive
/// data denied outright or only named as protected in its clause is not key. Figures after
/// them: precision 0.94, recall 0.86 (220 true positives, 15 false positives, 36 missed).
/// They gain 1 in the fourth blind set and take 2 false positives off it and 1 off the
/// second. Tried and dropped for labels that disagree between sets: "削减您" (key here and
/// in the third set, not in the second and the held-out), "重大变化" (+1 here, 3 false
/// positives in the held-out set's list of what a major change is). They cost the policy
/// engine 742 B gzip (44,428 -> 45,170). These overstate what unseen policies would give;
/// the first-run figures above are the blind estimate.
const BLIND5_PRECISION_FLOOR: f64 = 0.92;
const BLIND5_RECALL_FLOOR: f64 = 0.84;

/// Floors for the sixth blind set (`labels-blind6.jsonl`): four more policies
/// (`blind6-*.txt`: bike sharing, a securities trading app, a hospital's appointment
/// mini-program, a property-management community app), 491 units labelled (229 key)
/// before the detector was run on them, after the fifth blind set's fixes. The blind
/// estimate for unseen policies, measured on that first run: precision 0.87, recall 0.69
/// (158 true positives, 23 false positives, 71 missed); per file, bike sharing 0.86 / 0.59
/// (42, 7, 29), hospital 0.79 / 0.83 (38, 10, 8), property 0.94 / 0.62 (30, 2, 18),
/// securities 0.92 / 0.75 (48, 4, 16). First-run recall has not converged over six sets
/// (0.76, 0.79, 0.71, 0.72, 0.73, 0.69): each new industry brings phrasings the rules lack.
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes (no label changed):
/// "不另行取得/征得", "无需另行"; a heading naming cases of an exemption introduces its
/// bullets; a table whose header names SDKs; a table row or a line ending in "." is no
/// metadata line; "无法注销", "不能销户"; "由您（本人）承担"; "向其提供", "移交给", "交换您
/// 的", "同步给", "要求我们提供", "公示", "不会出售"; "未提供的/不授权的/未完成……的" with a
/// cost; keeping until something ends, "立即删除"; a change that asks again; "所在的位
/// 置", "信用分", "生物样本"; "under 16"; viewing one's own records, being told by push.
/// Figures after them: precision 0.90, recall 0.84 (192 true positives, 21 false
/// positives, 37 missed); bike sharing 0.91 / 0.82 (58, 6, 13), hospital 0.82 / 0.91 (42,
/// 9, 4), property 0.95 / 0.83 (40, 2, 8), securities 0.93 / 0.81 (52, 4, 12). They gain 2
/// in the fifth blind set, 1 each in the second, third and fourth. Most false positives
/// left are sensitive data named where nothing is collected (a hospital's records the
/// patient asks for, a card the user pays with); requiring a verb of processing for
/// "sensitive" was tried and dropped: recall fell in every set (sixth 0.78 -> 0.72, fourth
/// 0.89 -> 0.83). They cost the policy engine 169 B gzip (45,170 -> 45,339).
const BLIND6_PRECISION_FLOOR: f64 = 0.88;
const BLIND6_RECALL_FLOOR: f64 = 0.82;

/// Floors for the seventh blind set (`labels-blind7.jsonl`): four more policies
/// (`blind7-*.txt`: a second-hand marketplace, an input method, a government-services
/// mini-program, express delivery), 445 units labelled (211 key) before the detector was
/// run on them, after the sixth blind set's fixes. The blind estimate for unseen
/// policies, measured on that first run: precision 0.89, recall 0.61 (128 true positives,
/// 16 false positives, 83 missed); per file, express delivery 0.90 / 0.71 (36, 4, 15),
/// government services 0.79 / 0.56 (23, 6, 18), input method 0.97 / 0.56 (34, 1, 27),
/// second-hand market 0.88 / 0.60 (35, 5, 23).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes (no label changed):
/// cells joined by two or more " / " make a row; a table header naming SDKs, bodies or
/// recipients, and a short heading naming the parties ("（二）合作方"), introduce
/// recipients; "不取得您的同意", "不以您的同意为前提"; "由您（本人）负责", "损失由", "无法负
/// 责", "作出保证"; keeping until the account is closed, "继续保存", "不保存"; "发送至" as a
/// flow; "依法提供"; "向您推荐" (dropped after the fifth set at +1 / -1, now +4 over three
/// sets); what is left after refusing ("手动"), "不完成/不开启……的"; "不能删除", "不向您提
/// 供"; "您的语音", "剪贴板" ("语音" alone: +7, +10 false positives). Figures after them:
/// precision 0.91, recall 0.77 (162 true positives, 17 false positives, 49 missed);
/// express delivery 0.91 / 0.76 (39, 4, 12), government services 0.83 / 0.73 (30, 6, 11),
/// input method 0.96 / 0.79 (48, 2, 13), second-hand market 0.90 / 0.78 (45, 5, 13). They
/// gain 3 in the fourth blind set, 1 each in the second, fifth and sixth, for 1 false
/// positive in the second ("为了向您推荐内容，我们会记录您观看……", labelled not key).
/// They cost the policy engine 576 B gzip (45,339 -> 45,915).
const BLIND7_PRECISION_FLOOR: f64 = 0.89;
const BLIND7_RECALL_FLOOR: f64 = 0.75;

/// Floors for the eighth blind set (`labels-blind8.jsonl`): four more policies
/// (`blind8-*.txt`: an online-literature app, an AI assistant, a pharmacy, a hotel chain's
/// membership), 484 units labelled (217 key) before the detector was run on them, after
/// the seventh blind set's fixes. (The pharmacy was written with Markdown bold, removed
/// before scoring so that detection alone decides; the labels did not change.) The blind
/// estimate for unseen policies, measured on that first run: precision 0.89, recall 0.71
/// (154 true positives, 20 false positives, 63 missed); per file, AI assistant 0.93 / 0.60
/// (41, 3, 27), hotel 0.83 / 0.60 (29, 6, 19), online reading 0.93 / 0.78 (42, 3, 12),
/// pharmacy 0.84 / 0.89 (42, 8, 5).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes (no label changed):
/// the informal "你" read as "您" (the online-reading policy uses it throughout); giving
/// data to a party named between "向" and "提供"; "按照我们的指示"; "清零", "不予退款";
/// "与我们无关"; "不授权时"; "推断"; "可能会拒绝", "不予处理", "删除范围"; "血压", "血
/// 糖", "用药"; "内删除". Figures after them: precision 0.89, recall 0.77 (168 true
/// positives, 20 false positives, 49 missed); AI assistant 0.93 / 0.63 (43, 3, 25), hotel
/// 0.85 / 0.69 (33, 6, 15), online reading 0.94 / 0.87 (47, 3, 7), pharmacy 0.85 / 0.96
/// (45, 8, 2). They gain 2 in the fifth blind set and 1 each in the second, fourth, sixth
/// and seventh, for 1 false positive in the third (a denial, "我们不会向广告商提供您的照
/// 片", labelled not key there while the sixth and eighth sets label "不会出售" key). What
/// is left is mostly new subject matter (model training on conversations, human review of
/// flagged chats, who at an employer sees a business traveller's stays) that no rule
/// names. They cost the policy engine 417 B gzip (45,915 -> 46,332).
const BLIND8_PRECISION_FLOOR: f64 = 0.87;
const BLIND8_RECALL_FLOOR: f64 = 0.75;

/// Floors for the ninth blind set (`labels-blind9.jsonl`): four more policies
/// (`blind9-*.txt`: music streaming, a children's smartwatch, an airline, a gym chain), 525
/// units labelled (255 key) before the detector was run on them, after the eighth blind
/// set's fixes. The blind estimate for unseen policies, measured on that first run:
/// precision 0.88, recall 0.71 (180 true positives, 25 false positives, 75 missed); per
/// file, airline 0.96 / 0.75 (46, 2, 15), gym 0.91 / 0.64 (41, 4, 23), children's smartwatch
/// 0.79 / 0.92 (60, 16, 5), music streaming 0.92 / 0.51 (33, 3, 32).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes: a mark the policy says
/// it puts on its important clauses ("标有◆的回答…", "我们在前面加了★") reads as bold, and a
/// list number after it stays with its sentence (+12 here, +4 in the seventh set, whose
/// three "▲ N." fragments were merged with their sentences in its labels); table rows
/// copied as text, cells apart by tabs, "｜", wide gaps or spaced dashes, read as rows
/// (+10: SDK tables; 22 row labels here and one meta line in the fourth set follow the new
/// unit text, key or not unchanged); words (怀孕, 体脂, 视频监控, 录像, 交给, 传给, 卖给,
/// 共同处理, 默认公开, 看到您, 不留存, 期间保存, 不负赔偿, 没办法, 更新这份, 自动判断,
/// 自动生成, 自动限制, 不给的话, 使用cookie, 不对其, 停止工作; a refusal without "if":
/// 不认证, 不提供这些); a dash in place of a colon leads into a list; not key: who
/// protects children's data ("儿童个人信息保护负责人"), children's data only named as
/// protected, a keyword inside an e-mail address. Figures after them: precision 0.91,
/// recall 0.89 (228 true positives, 23 false positives, 27 missed); airline 0.97 / 0.93
/// (57, 2, 4), gym 0.93 / 0.83 (53, 4, 11), children's smartwatch 0.82 / 0.97 (63, 14,
/// 2), music streaming 0.95 / 0.85 (55, 3, 10). They gain 3 in the first blind set, 1 in
/// the third, 1 in the fourth (with 1 false positive, "体脂"), 1 in the sixth (with 2,
/// "录像"), 6 in the seventh, 4 in the eighth, and remove 3 false positives in the second
/// (the same children's-data cases). Left: most of the smartwatch's false positives are
/// sentences of a children's policy that name the child or the guardian and nothing else
/// (the second set's K-12 policy labels such sentences key, this set does not); "可见"
/// (+3 here, +4 false positives in three other sets); a fragment answer ("A：◆会。") whose
/// question carries the meaning. They cost the policy engine 2,169 B gzip (46,308 ->
/// 48,477): table rows 725 B, marks 393 B, the rest words and rules.
const BLIND9_PRECISION_FLOOR: f64 = 0.89;
const BLIND9_RECALL_FLOOR: f64 = 0.87;

/// Floors for the tenth blind set (`labels-blind10.jsonl`): four more policies
/// (`blind10-*.txt`: livestream shopping, car rental, online legal services, payroll and HR
/// software), 452 units labelled (244 key) before the detector was run on them, after the
/// ninth blind set's fixes. The blind estimate for unseen policies, measured on that first
/// run: precision 0.94, recall 0.66 (162 true positives, 11 false positives, 82 missed);
/// per file, car rental 0.89 / 0.81 (50, 6, 12), livestream shopping 0.97 / 0.57 (33, 1,
/// 25), online legal 0.94 / 0.57 (32, 2, 24), payroll 0.96 / 0.69 (47, 2, 21).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes: a bracketed word as a
/// declared mark ("标了【重点】的段落…", +5); " —— " cells as a row, and a row never a
/// title nor, when numbered, a header (+3; four row labels here and four in the fifth set
/// follow the new unit text); a header naming providers ("名称 | 提供方"); a title run into
/// its paragraph ("第十六条 共享。") is a label (-4 false positives); a denial naming both
/// tracking and sensitive data; an SDK named with its company is a row of an SDK list;
/// words (不需要您: +9, 自动化决策, 打上, 自动打分, 排序推荐, 自动计算, 模型, 显示给, 给到,
/// 拿到您的, 接收方, 体检, 信用评分, 驾驶证, 不填的话, 关掉之后, 修改这份, 任何保证, 损失，由,
/// 不予退还). Figures after them: precision 0.97, recall 0.83 (202 true positives, 6 false
/// positives, 42 missed); car rental 0.97 / 0.90 (56, 2, 6), livestream 0.98 / 0.90 (52,
/// 1, 6), online legal 0.95 / 0.75 (42, 2, 14), payroll 0.98 / 0.76 (52, 1, 16). They gain
/// 2 in the fifth set, 4 in the sixth (its 【重点】 marks), 3 in the seventh, 8 in the
/// eighth (3 false positives: "模型", "自动化决策"), 1 in the ninth, and 1 false positive
/// in the fourth ("接收方"). Left: a FAQ answer whose list is announced only by its question
/// ("A：下面这些情况会。"), and the payroll policy's employer-and-processor clauses (who
/// answers a request, what the employer sees), new subject matter no rule names. The
/// policy engine grew 35 B gzip (48,477 -> 48,512).
const BLIND10_PRECISION_FLOOR: f64 = 0.95;
const BLIND10_RECALL_FLOOR: f64 = 0.81;

/// Floors for the eleventh blind set (`labels-blind11.jsonl`): four more policies
/// (`blind11-*.txt`: cinema ticketing, a pet hospital chain, a smart door lock, used-car
/// trading), 422 units labelled (229 key) before the detector was run on them, after the
/// tenth blind set's fixes. The blind estimate for unseen policies, measured on that first
/// run: precision 0.90, recall 0.72 (165 true positives, 18 false positives, 64 missed);
/// per file, cinema 0.89 / 0.90 (47, 6, 5), pet hospital 0.89 / 0.68 (32, 4, 15), door lock
/// 0.88 / 0.59 (38, 5, 26), used car 0.94 / 0.73 (48, 3, 18).
///
/// Then, AFTER LOOKING AT ITS ERRORS, fixes for their general causes: any declared bracketed
/// word as a mark ("标【请注意】的回答请重点看", +3, +1 false positive); a line of labelled
/// fields apart by semicolons ("SDK名称：…；提供方：…；目的：…") as one row (the door lock's
/// 16 fragments, all labelled key, merged into 4 labels); a row naming an SDK's company is
/// data, never a header; an SDK with a foreign company (" llc"); a lead-in naming SDKs or
/// other recipients introduces them ("5）第三方SDK：", +2 here and in the tenth);
/// "分享您的"; words (集成 as a verb of data flow, 不予, 仅可, 无法收回, 不予办理, 扣除, 适用
/// 其, 自行承担, 自己负责, 不能替代). Figures after them: precision 0.91, recall 0.88 (191
/// true positives, 19 false positives, 26 missed); cinema 0.89 / 0.98 (51, 6, 1), pet
/// hospital 0.89 / 0.85 (40, 5, 7), door lock 0.89 / 0.81 (42, 5, 10), used car 0.95 /
/// 0.88 (58, 3, 8). They gain 1 in the eighth, 1 in the ninth and 3 in the tenth, with no
/// false positive elsewhere. Left: a pet's medical record read as the owner's health data
/// (4 false positives), lines the labeller left unmarked though the policy marked them, and
/// a door lock's own subject matter (unlock logs as whereabouts, who in a family sees whose
/// entries). They cost the policy engine 335 B gzip (48,512 -> 48,847).
const BLIND11_PRECISION_FLOOR: f64 = 0.89;
const BLIND11_RECALL_FLOOR: f64 = 0.86;

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    missed: usize,
}

impl Score {
    fn precision(self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    fn recall(self) -> f64 {
        self.tp as f64 / (self.tp + self.missed).max(1) as f64
    }

    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.missed += other.missed;
    }

    fn summary(self) -> String {
        format!(
            "precision {:.2}, recall {:.2} ({} true positives, {} false positives, {} missed)",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.missed
        )
    }
}

/// Scores the labels in the files `tests/fixtures/<labels_files>` together and prints a
/// report headed `name`: per file and overall, with every false positive (FP, with the
/// detector's tags) and every missed key clause (FN).
fn score(name: &str, labels_files: &[&str]) -> Score {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let mut by_file: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for labels_file in labels_files {
        let labels = std::fs::read_to_string(String::from(dir) + labels_file).unwrap();
        for line in labels.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            by_file
                .entry(v["file"].as_str().unwrap().to_string())
                .or_default()
                .push(v);
        }
    }
    let mut report = format!("== {name} set ({})\n", labels_files.join(" + "));
    let mut total = Score::default();
    for (file, items) in &by_file {
        let text = std::fs::read_to_string(String::from(dir) + "policies/" + file).unwrap();
        let policy = analyze(&text, Format::Text).unwrap();
        let units: Vec<_> = policy
            .languages
            .iter()
            .flat_map(|d| d.units.iter())
            .collect();
        let mut s = Score::default();
        let mut misses = String::new();
        for item in items {
            let line = item["line"].as_u64().unwrap() as usize;
            let prefix = item["text"].as_str().unwrap();
            let unit = units
                .iter()
                .find(|u| u.line == line && u.text.starts_with(prefix))
                .unwrap_or_else(|| panic!("{file}:{line}: no unit starting {prefix:?}"));
            // A labelled line the parser reads as a heading or contents entry is scored
            // too: headings are never key, so a key label on one is a miss.
            let unit_key = unit.key && unit.kind == Kind::Sentence || unit.bold;
            match (item["key"].as_bool().unwrap(), unit_key) {
                (true, true) => s.tp += 1,
                (false, true) => {
                    s.fp += 1;
                    let _ = writeln!(misses, "  FP {file}:{line} {prefix} {:?}", unit.tags);
                }
                (true, false) => {
                    s.missed += 1;
                    let _ = writeln!(misses, "  FN {file}:{line} {prefix}");
                }
                (false, false) => {}
            }
        }
        let _ = writeln!(
            report,
            "{file}: {} labelled units, {}\n{misses}",
            items.len(),
            s.summary()
        );
        total.add(s);
    }
    let _ = writeln!(report, "{name} overall: {}", total.summary());
    println!("{report}");
    total
}

#[test]
fn precision_and_recall_on_tuning_labels() {
    let s = score("tuning", &["labels.jsonl", "labels-heldout.jsonl"]);
    let (p, r) = (s.precision(), s.recall());
    assert!(
        p >= FLOOR && r >= FLOOR,
        "tuning set: precision {p:.2} / recall {r:.2} below {FLOOR}"
    );
}

#[test]
fn precision_and_recall_on_heldout_labels() {
    check(
        "held-out",
        &["labels-heldout2.jsonl"],
        HELDOUT_PRECISION_FLOOR,
        HELDOUT_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_blind_labels() {
    check(
        "blind",
        &["labels-blind.jsonl"],
        BLIND_PRECISION_FLOOR,
        BLIND_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_third_blind_labels() {
    check(
        "third blind",
        &["labels-blind3.jsonl"],
        BLIND3_PRECISION_FLOOR,
        BLIND3_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_second_blind_labels() {
    check(
        "second blind",
        &["labels-blind2.jsonl"],
        BLIND2_PRECISION_FLOOR,
        BLIND2_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_eleventh_blind_labels() {
    check(
        "eleventh blind",
        &["labels-blind11.jsonl"],
        BLIND11_PRECISION_FLOOR,
        BLIND11_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_tenth_blind_labels() {
    check(
        "tenth blind",
        &["labels-blind10.jsonl"],
        BLIND10_PRECISION_FLOOR,
        BLIND10_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_ninth_blind_labels() {
    check(
        "ninth blind",
        &["labels-blind9.jsonl"],
        BLIND9_PRECISION_FLOOR,
        BLIND9_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_eighth_blind_labels() {
    check(
        "eighth blind",
        &["labels-blind8.jsonl"],
        BLIND8_PRECISION_FLOOR,
        BLIND8_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_seventh_blind_labels() {
    check(
        "seventh blind",
        &["labels-blind7.jsonl"],
        BLIND7_PRECISION_FLOOR,
        BLIND7_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_sixth_blind_labels() {
    check(
        "sixth blind",
        &["labels-blind6.jsonl"],
        BLIND6_PRECISION_FLOOR,
        BLIND6_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_fifth_blind_labels() {
    check(
        "fifth blind",
        &["labels-blind5.jsonl"],
        BLIND5_PRECISION_FLOOR,
        BLIND5_RECALL_FLOOR,
    );
}

#[test]
fn precision_and_recall_on_fourth_blind_labels() {
    check(
        "fourth blind",
        &["labels-blind4.jsonl"],
        BLIND4_PRECISION_FLOOR,
        BLIND4_RECALL_FLOOR,
    );
}

/// Scores `labels_files` (see [`score`]) and fails below either floor.
fn check(name: &str, labels_files: &[&str], precision_floor: f64, recall_floor: f64) {
    let s = score(name, labels_files);
    let (p, r) = (s.precision(), s.recall());
    assert!(
        p >= precision_floor && r >= recall_floor,
        "{name} set: precision {p:.2} / recall {r:.2} below {precision_floor} / {recall_floor}"
    );
}
