//! The 勾稽 checker: every rule of spec §4 that one draft can decide.
//!
//! Each finding carries its rule id, its severity as the spec gives it, a message in Chinese that
//! names the table, row and column by their official labels with the figures involved, and the
//! location of the cell or field, so that a window can bring it into view.

mod cells;
mod cross_year;
mod deadline;
mod narrative;
mod review;
mod sums;

use serde::Serialize;

use crate::draft::{Draft, TextField};
use crate::format::{CellKey, TableId};

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
    /// not yet reviewed ([`Draft::review`], 待复核). One warning per marked field.
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

/// 错误 blocks nothing but must be fixed; 提示 is a plausibility warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word a clerk reads: 错误 or 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }

    /// The word scripts read: "error" or "warning".
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A field of the draft that is not free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    Level,
    Year,
    PublishDate,
    /// The format the tables are laid out in.
    Format,
}

impl MetaField {
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Level => "机关层级",
            MetaField::Year => "报告年度",
            MetaField::PublishDate => "计划发布日期",
            MetaField::Format => "表格格式",
        }
    }
}

/// Where a finding points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    Cell(CellKey),
    Text(TextField),
    Meta(MetaField),
    Table(TableId),
}

impl Location {
    /// The location for people: "表三「（七）总计」行「总计」列", "六、其他需要报告的事项".
    pub fn describe(&self, draft: &Draft) -> String {
        match self {
            Location::Cell(key) => draft
                .format
                .def()
                .cell_by_key(*key)
                .map(|c| c.describe())
                .unwrap_or_else(|| format!("{} {}·{}", key.table.short_name(), key.row, key.col)),
            Location::Text(field) => field.label(),
            Location::Meta(field) => field.label().to_string(),
            Location::Table(table) => table.short_name().to_string(),
        }
    }

    /// The location for scripts, as a JSON object.
    pub fn to_json(&self, draft: &Draft) -> serde_json::Value {
        let label = self.describe(draft);
        match self {
            Location::Cell(key) => serde_json::json!({
                "kind": "cell", "table": key.table.code(), "row": key.row, "column": key.col, "label": label,
            }),
            Location::Text(field) => {
                let (name, index) = match field {
                    TextField::Title => ("title", None),
                    TextField::Body => ("body", None),
                    TextField::Contact(_) => ("contact", None),
                    TextField::Preamble => ("preamble", None),
                    TextField::OverviewIntro => ("overview_intro", None),
                    TextField::PartHeading(i) => ("part_heading", Some(*i)),
                    TextField::PartText(i) => ("part_text", Some(*i)),
                    TextField::Problems => ("problems", None),
                    TextField::OtherMatters => ("other_matters", None),
                };
                serde_json::json!({ "kind": "field", "field": name, "part": index, "label": label })
            }
            Location::Meta(field) => {
                let name = match field {
                    MetaField::Level => "level",
                    MetaField::Year => "year",
                    MetaField::PublishDate => "publish_date",
                    MetaField::Format => "format",
                };
                serde_json::json!({ "kind": "field", "field": name, "label": label })
            }
            Location::Table(table) => {
                serde_json::json!({ "kind": "table", "table": table.code(), "label": label })
            }
        }
    }
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
}

impl Finding {
    fn error(rule: RuleId, location: Location, message: String) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            message,
            location,
        }
    }

    fn warning(rule: RuleId, location: Location, message: String) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            message,
            location,
        }
    }

    /// The finding for scripts (`nianbao check --json`).
    pub fn to_json(&self, draft: &Draft) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule,
            "severity": self.severity.code(),
            "message": self.message,
            "location": self.location.to_json(draft),
        })
    }
}

/// Checks a draft against every rule one draft can decide: R1–R7, R10–R15, the privacy of
/// applicants' names and the text still to review (待复核), and the cross-year rules R8 and R9 when the draft holds last year's figures
/// ([`Draft::last_year`]).
/// Findings come in table order, then field order; errors are not sorted before warnings so that
/// a list reads like the report.
pub fn check(draft: &Draft) -> Vec<Finding> {
    let mut out = Vec::new();
    format_matches_year(draft, &mut out);
    sums::check(draft, &mut out);
    cross_year::check(draft, &mut out);
    cells::check(draft, &mut out);
    narrative::check(draft, &mut out);
    deadline::check(draft, &mut out);
    review::check(draft, &mut out);
    out
}

/// How many errors and warnings a list holds.
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// R10: the tables are laid out in the format of the report year.
fn format_matches_year(draft: &Draft, out: &mut Vec<Finding>) {
    let expected = draft.expected_format();
    if draft.format != expected {
        out.push(Finding::error(
            RuleId::R10,
            Location::Meta(MetaField::Format),
            format!(
                "报告年度为 {} 年，应使用{}（{}），本草稿的表格是{}；可用“转换格式”转换",
                draft.year,
                expected.name(),
                expected.def().issued_by,
                draft.format.name()
            ),
        ));
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::draft::Level;
    use crate::value::Value;

    /// A 2021 draft in which every check passes: all cells filled, totals consistent.
    pub fn clean_2021() -> Draft {
        let mut d = Draft::new("测试市人民政府", Level::County, 2021);
        d.preamble = "本报告所列数据统计期限自2021年1月1日至2021年12月31日。".into();
        d.other_matters = "本年度未收取信息处理费。".into();
        // Every part of section 一 and section 五 say something (R4 on the narrative).
        for part in &mut d.parts {
            part.text = format!("本机关{}工作情况。", part.heading);
        }
        d.problems = "本年度工作中存在的主要问题及改进情况。".into();
        for cell in d.format.def().cells().collect::<Vec<_>>() {
            if let crate::format::CellKind::Entered(ty) = cell.kind() {
                let v = match ty {
                    crate::format::CellType::Count => Value::Count(0),
                    crate::format::CellType::Signed => Value::Signed(0),
                    crate::format::CellType::Amount => Value::Amount(0.into()),
                    crate::format::CellType::Money => {
                        Value::Money(0.into(), Some(crate::value::MoneyUnit::Yuan))
                    }
                };
                d.cells.insert(cell.key(), v);
            }
        }
        d
    }

    pub fn set(d: &mut Draft, table: TableId, row: &'static str, col: &'static str, v: Value) {
        assert!(
            d.format.def().cell(table, row, col).is_some(),
            "{row}/{col}"
        );
        d.cells.insert(CellKey { table, row, col }, v);
    }

    pub fn rules(findings: &[Finding]) -> Vec<RuleId> {
        findings.iter().map(|f| f.rule).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::format::FormatId;

    #[test]
    fn a_clean_draft_has_no_findings() {
        assert_eq!(check(&clean_2021()), vec![]);
    }

    #[test]
    fn r10_format_must_match_year() {
        let mut d = clean_2021();
        d.format = FormatId::F2019;
        d.cells.clear();
        let found = check(&d);
        assert!(
            found
                .iter()
                .any(|f| f.rule == RuleId::R10 && f.severity == Severity::Error)
        );
        let r10 = found.iter().find(|f| f.rule == RuleId::R10).unwrap();
        assert!(r10.message.contains("2021 年格式"), "{}", r10.message);
    }
}
