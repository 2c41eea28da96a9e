//! The ids of the rules the checker applies (spec §4, and this tool's own privacy check).
//!
//! The lowest layer: the format definitions name the rule each total answers to, and the checker
//! reports findings by these ids. It uses nothing else of the crate.

use serde::Serialize;

/// The rules of spec §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RuleId {
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    /// Placeholders left in the text ("XX", "××", "20XX年", "（此处填写…）", an empty "〔 〕号",
    /// "【】", "某某" standing alone): an error, at the field, quoting the place.
    R16,
    /// 五 says something: "无" is an error; under the minimum length (50 characters unless a
    /// regional profile says otherwise), or naming only problems or only improvements, a warning.
    R17,
    /// 2021 format: 一 covers the five parts of its template (主动公开, 依申请公开, 政府信息管理,
    /// 政府信息公开平台建设, 监督保障); a warning naming each missing part.
    R18,
    /// A section's text is (almost) the same as in last year's linked report (内容雷同): a
    /// warning with the similarity (character-bigram Jaccard, digits ignored).
    R19,
    /// 同比 changes in the narrative ("较上年增长29.3%") against the figures of last year's
    /// linked report.
    R20,
    /// Counts in 一 that have a table-二 counterpart (规范性文件 制发/废止/现行有效, 行政许可/处罚/
    /// 强制 决定数) against the table.
    R21,
    /// Fees: 六's amount of 信息处理费 against the fee field; 表三（六）2 > 0 while 六 says no fee
    /// notice was issued.
    R22,
    /// A regional profile's requirement (地方要求): a section over its length limit, or a mention
    /// the profile requires missing.
    R23,
    /// An imported report's section headings: numbered 一…六, in order, in the official wording
    /// (a draft written here has fixed headings; a heading not found is left to the import notes,
    /// as text extraction loses headings).
    R24,
    /// Not a rule of spec §4: an applicant named with a full personal name in the narrative
    /// (spec §6, 永和镇 seed: "the tool should warn on personal names").
    Privacy,
    /// Not a rule of spec §4: a text field carried from last year's report by 新建下一年度 and
    /// not yet reviewed (`Draft::review`, 待复核). One warning per marked field.
    Review,
}

impl RuleId {
    /// What the rule asks, in one line, for people.
    pub fn summary(self) -> &'static str {
        match self {
            RuleId::R1 => "表三每行：总计等于各申请人类型之和",
            RuleId::R2 => "表三每列：（七）总计等于各办理结果之和",
            RuleId::R3 => "表三每列：第一项加第二项之和等于第三项加第四项之和",
            RuleId::R4 => "应填写的单元格和正文不留空白（空白不等于 0）",
            RuleId::R5 => "表三每列：结转下年度和（七）总计都不超过新收加上年结转",
            RuleId::R6 => "表四各部分：结果维持、结果纠正、其他结果、尚未审结之和等于总计",
            RuleId::R7 => "正文中的数字与表格一致",
            RuleId::R8 => "上年结转等于上年报告的结转下年度",
            RuleId::R9 => "现行有效件数与上年衔接",
            RuleId::R10 => "表格格式与报告年度相符",
            RuleId::R11 => "六、其他需要报告的事项中说明信息处理费收取情况",
            RuleId::R12 => "金额单元格的单位与小数位",
            RuleId::R13 => {
                "统计期限和报告年度与草稿年度一致（统计期限为报告年度的1月1日至12月31日）"
            }
            RuleId::R14 => "只有国务院部门、省级和设区的市级人民政府制定规章",
            RuleId::R15 => "按时发布年度报告",
            RuleId::R16 => "正文中没有未填写的占位文字（如“XX”“20XX年”“（此处填写…）”）",
            RuleId::R17 => "五、存在的主要问题及改进情况 写明问题和改进措施，不写“无”",
            RuleId::R18 => {
                "一、总体情况 涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障"
            }
            RuleId::R19 => "正文不照搬上年报告（内容雷同）",
            RuleId::R20 => "正文中的同比变化与上年报告的数字一致",
            RuleId::R21 => "一、总体情况 中的件数与表二一致",
            RuleId::R22 => "六 中的信息处理费金额、收费通知与填写的收费和表三一致",
            RuleId::R23 => "符合地方要求（篇幅、必须写明的内容）",
            RuleId::R24 => "已发布报告的各部分标题齐全、编号和顺序正确、文字与规定一致",
            RuleId::Privacy => "正文不写出申请人的完整姓名（可写作“某某”）",
            RuleId::Review => "沿用上年报告的文字已经复核",
        }
    }
}

impl RuleId {
    pub const ALL: [RuleId; 26] = [
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::R4,
        RuleId::R5,
        RuleId::R6,
        RuleId::R7,
        RuleId::R8,
        RuleId::R9,
        RuleId::R10,
        RuleId::R11,
        RuleId::R12,
        RuleId::R13,
        RuleId::R14,
        RuleId::R15,
        RuleId::R16,
        RuleId::R17,
        RuleId::R18,
        RuleId::R19,
        RuleId::R20,
        RuleId::R21,
        RuleId::R22,
        RuleId::R23,
        RuleId::R24,
        RuleId::Privacy,
        RuleId::Review,
    ];

    /// The id scripts and profiles write: "R16", "Privacy", "Review".
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// The rule of an id as [`RuleId::code`] writes it, or as people write it ("隐私", "待复核").
    pub fn from_code(code: &str) -> Option<RuleId> {
        let code = code.trim();
        RuleId::ALL
            .into_iter()
            .find(|r| r.code() == code || r.to_string() == code)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // The rules of spec §4 go by their ids; the privacy check is this tool's own.
            RuleId::Privacy => f.write_str("隐私"),
            RuleId::Review => f.write_str("待复核"),
            other => write!(f, "{other:?}"),
        }
    }
}
