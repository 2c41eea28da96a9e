//! The cross-year rules: 上年结转 against last year's 结转下年度 (R8), and table 二 carrying on
//! from last year's (R9). Both need last year's figures ([`Draft::last_year`]); without them they
//! say nothing. Both are warnings: real reports break them legitimately.

use super::{Finding, Location, MetaField, RuleId};
use crate::draft::{Draft, LastYear};
use crate::format::continuity::{CONTINUITY, Continuity, Term};
use crate::format::{CellDef, TableId};
use crate::totals;
use crate::value::Value;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    let Some(last) = &draft.last_year else {
        return;
    };
    if last.year != draft.year - 1 {
        out.push(Finding::warning(
            RuleId::R8,
            Location::Meta(MetaField::Year),
            format!(
                "上年数据取自{}，与报告年度 {} 年不衔接（应为 {} 年报告），未做跨年度核对；请重新选择上年报告",
                last.describe(),
                draft.year,
                draft.year - 1
            ),
        ));
        return;
    }
    carried(draft, last, out);
    continuity(draft, last, out);
}

/// R8: each column of 二、上年结转 equals last year's 四、结转下年度.
fn carried(draft: &Draft, last: &LastYear, out: &mut Vec<Finding>) {
    let year = last.year;
    for cell in draft.format.def().table(TableId::T3).cells() {
        if cell.row.id != "carried" {
            continue;
        }
        let this = totals::read(draft, &cell);
        let that = last.carry_forward.get(cell.col.id).copied();
        if this.unwrap_or(0) == that.unwrap_or(0) {
            continue;
        }
        let this_text = match this {
            Some(n) => format!("本年为 {n}"),
            None => "本年未填写".to_string(),
        };
        let that_text = match that {
            Some(n) => format!("为 {n}"),
            None => "未填写".to_string(),
        };
        out.push(Finding::warning(
            RuleId::R8,
            Location::Cell(cell.key()),
            format!(
                "{}：{this_text}，上年（{year}年）报告的“四、结转下年度继续办理”{that_text}，两者应相等",
                cell.describe()
            ),
        ));
    }
}

/// A count or signed figure as a number for the arithmetic of R9.
fn number(value: Option<&Value>) -> Option<i128> {
    match value? {
        Value::Count(n) => Some(i128::from(*n)),
        Value::Signed(n) => Some(i128::from(*n)),
        Value::Amount(_) | Value::Money(..) => None,
    }
}

/// R9: this year's 现行有效件数 (2021) or 对外公开总数量 and 上一年项目数量 (2019) follow from last
/// year's. Checked where this year's figure is filled and last year's is known; blanks count as 0
/// in the sum.
fn continuity(draft: &Draft, last: &LastYear, out: &mut Vec<Finding>) {
    if last.format != draft.format {
        return;
    }
    let def = draft.format.def();
    for rule in CONTINUITY.iter().filter(|r| r.format == draft.format) {
        for row in rule.rows {
            let Some(target) = def.cell(TableId::T2, row, rule.target) else {
                continue;
            };
            let Some(actual) = number(draft.value(target.key())) else {
                continue;
            };
            if let Some(finding) = continues(draft, last, rule, &target, actual) {
                out.push(finding);
            }
        }
    }
}

fn continues(
    draft: &Draft,
    last: &LastYear,
    rule: &Continuity,
    target: &CellDef,
    actual: i128,
) -> Option<Finding> {
    let row = target.row.id;
    let def = draft.format.def();
    let mut expected: i128 = 0;
    let mut knows_last_year = false;
    let mut terms = Vec::new();
    for (i, term) in rule.terms.iter().enumerate() {
        let (col, sign, from_last) = match *term {
            Term::Last(col) => (col, 1, true),
            Term::Plus(col) => (col, 1, false),
            Term::Minus(col) => (col, -1, false),
        };
        let cell = def.cell(TableId::T2, row, col)?;
        let value = if from_last {
            last.table2.get(&cell.key())
        } else {
            draft.value(cell.key())
        };
        let n = number(value);
        knows_last_year |= from_last && n.is_some();
        expected += sign * n.unwrap_or(0);
        let operator = match (i, sign) {
            (0, _) => "",
            (_, 1) => "加",
            _ => "减",
        };
        let label = cell.col.label();
        // "本年“本年制发件数”" says 本年 twice: the label alone is clear.
        let whose = match (from_last, label.starts_with("本年")) {
            (true, _) => "上年",
            (false, true) => "",
            (false, false) => "本年",
        };
        let figure = match n {
            Some(n) => n.to_string(),
            None => "（未填写，按 0 计）".to_string(),
        };
        terms.push(format!("{operator}{whose}“{label}”{figure}"));
    }
    if !knows_last_year || expected == actual {
        return None;
    }
    Some(Finding::warning(
        RuleId::R9,
        Location::Cell(target.key()),
        format!(
            "{}：本年填写为 {actual}；按上年（{}年）报告计算，{}，应为 {expected}（相差 {}）。{}",
            target.describe(),
            last.year,
            terms.join("，"),
            (actual - expected).abs(),
            rule.hint
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Location, MetaField, RuleId, Severity, check};
    use crate::draft::LastYear;
    use crate::format::TableId::{T2, T3};
    use crate::format::{CellKey, FormatId};
    use crate::value::Value::Count;

    fn last_2020() -> LastYear {
        LastYear {
            body: "测试市人民政府".into(),
            year: 2020,
            format: FormatId::F2021,
            carry_forward: [("natural", 2), ("commercial", 0), ("total", 2)]
                .into_iter()
                .collect(),
            table2: [(
                CellKey {
                    table: T2,
                    row: "normative",
                    col: "in_force",
                },
                Count(299),
            )]
            .into_iter()
            .collect(),
            report: None,
        }
    }

    #[test]
    fn nothing_is_said_without_last_years_figures() {
        let d = clean_2021();
        assert!(d.last_year.is_none());
        let found = check(&d);
        assert!(!rules(&found).contains(&RuleId::R8));
        assert!(!rules(&found).contains(&RuleId::R9));
    }

    #[test]
    fn r8_carried_equals_last_years_carry_forward() {
        let mut d = clean_2021();
        d.last_year = Some(last_2020());
        // 上年结转 2 natural: balance the column with 2 granted.
        set(&mut d, T3, "carried", "natural", Count(2));
        set(&mut d, T3, "granted", "natural", Count(2));
        set(&mut d, T2, "normative", "in_force", Count(299));
        assert_eq!(check(&d), vec![]);
        set(&mut d, T3, "carried", "natural", Count(3));
        set(&mut d, T3, "granted", "natural", Count(3));
        let r8: Vec<_> = check(&d)
            .into_iter()
            .filter(|f| f.rule == RuleId::R8)
            .collect();
        assert_eq!(r8.len(), 2, "{r8:#?}"); // the column and its 总计
        assert_eq!(r8[0].severity, Severity::Warning);
        assert_eq!(
            r8[0].message,
            "表三「二、上年结转政府信息公开申请数量」行「自然人」列：本年为 3，\
             上年（2020年）报告的“四、结转下年度继续办理”为 2，两者应相等"
        );
        assert_eq!(
            r8[0].location,
            Location::Cell(CellKey {
                table: T3,
                row: "carried",
                col: "natural"
            })
        );
    }

    #[test]
    fn r9_in_force_follows_from_last_year() {
        let mut d = clean_2021();
        d.last_year = Some(last_2020());
        set(&mut d, T3, "carried", "natural", Count(2));
        set(&mut d, T3, "granted", "natural", Count(2));
        // 平潭-like: 299 + 94 − 131 = 262.
        set(&mut d, T2, "normative", "issued", Count(94));
        set(&mut d, T2, "normative", "repealed", Count(131));
        set(&mut d, T2, "normative", "in_force", Count(262));
        assert_eq!(check(&d), vec![]);
        set(&mut d, T2, "normative", "in_force", Count(435));
        let found = check(&d);
        let r9 = found.iter().find(|f| f.rule == RuleId::R9).expect("R9");
        assert_eq!(r9.severity, Severity::Warning);
        assert_eq!(
            r9.message,
            "表二「第二十条第（一）项」行政规范性文件「现行有效件数」：本年填写为 435；\
             按上年（2020年）报告计算，上年“现行有效件数”299，加“本年制发件数”94，\
             减“本年废止件数”131，应为 262（相差 173）。如有清理、失效等未计入本年废止件数的，\
             请在正文中说明"
        );
        // 规章: last year's figure unknown, so nothing is said.
        set(&mut d, T2, "rules", "in_force", Count(6));
        assert_eq!(check(&d).iter().filter(|f| f.rule == RuleId::R9).count(), 1);
    }

    #[test]
    fn figures_of_another_year_are_not_compared() {
        let mut d = clean_2021();
        let mut last = last_2020();
        last.year = 2019;
        d.last_year = Some(last);
        let found = check(&d);
        assert_eq!(rules(&found), vec![RuleId::R8]);
        assert_eq!(found[0].location, Location::Meta(MetaField::Year));
        assert!(found[0].message.contains("测试市人民政府2019年报告"));
    }
}
