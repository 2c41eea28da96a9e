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
            RuleId::Privacy => "正文不写出申请人的完整姓名（可写作“某某”）",
            RuleId::Review => "沿用上年报告的文字已经复核",
        }
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
