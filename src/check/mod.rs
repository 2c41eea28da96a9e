//! The 勾稽 checker: every rule of spec §4 that one draft can decide.
//!
//! Each finding carries its rule id, its severity as the spec gives it, a message in Chinese that
//! names the table, row and column by their official labels with the figures involved, and the
//! location of the cell or field, so that a window can bring it into view.

mod cells;
mod content;
mod cross_year;
mod deadline;
mod headings;
mod last_year;
mod narrative;
mod regional;
mod review;
mod stated;
mod sums;

pub use crate::address::{Location, MetaField};
use crate::draft::Draft;
use crate::profile::{Profile, RuleSeverity};
pub use crate::rules::RuleId;

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

    pub fn warning(rule: RuleId, location: Location, message: String) -> Finding {
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

pub use content::{PROBLEMS_MIN_CHARS, counted_chars};
pub use last_year::{MIN_COMPARED_CHARS, SIMILAR, bigrams, similarity};

/// Checks a draft against every rule one draft can decide: R1–R7, R10–R18, R21, R22, the privacy of
/// applicants' names and the text still to review (待复核), and the cross-year rules R8 and R9 when the draft holds last year's figures
/// ([`Draft::last_year`]), with R19 and R20 when it holds last year's whole report.
/// Findings come in table order, then field order; errors are not sorted before warnings so that
/// a list reads like the report.
pub fn check(draft: &Draft) -> Vec<Finding> {
    check_with(draft, None)
}

/// [`check`] with a regional profile (地方要求): its deadlines replace the national ones (R15),
/// its minimum length of 五 the national default (R17), its length limits and required mentions
/// are checked (R23), and the severities it sets replace the rules' own.
pub fn check_with(draft: &Draft, profile: Option<&Profile>) -> Vec<Finding> {
    // Many rules read the same totals: each is computed once for the whole check.
    let _totals = crate::totals::Remember::totals_of(draft);
    let mut out = Vec::new();
    format_matches_year(draft, &mut out);
    sums::check(draft, &mut out);
    cross_year::check(draft, &mut out);
    cells::check(draft, &mut out);
    narrative::check(draft, &mut out);
    let problems_min = profile.and_then(|p| p.problems_min_chars);
    content::check(draft, problems_min.unwrap_or(PROBLEMS_MIN_CHARS), &mut out);
    stated::check(draft, &mut out);
    last_year::check(draft, &mut out);
    deadline::check(draft, profile, &mut out);
    review::check(draft, &mut out);
    headings::check(draft, &mut out);
    if let Some(profile) = profile {
        regional::check(draft, profile, &mut out);
        for f in &mut out {
            match profile.severity_of(f.rule) {
                Some(RuleSeverity::Error) => f.severity = Severity::Error,
                Some(RuleSeverity::Warning) => f.severity = Severity::Warning,
                None => {}
            }
        }
    }
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
    use crate::format::{CellKey, TableId};
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
        d.problems = "本年度政府信息公开工作仍存在一些不足：政策解读的形式还不够丰富，\
            基层公开的规范化水平有待提高。下一步，本机关将加强政策解读，完善基层公开标准，提升公开质量。"
            .into();
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
