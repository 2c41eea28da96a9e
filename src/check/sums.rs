//! The arithmetic rules: stated totals against their parts (R1, R2, R6), and the balance of
//! table 三's columns (R3, R5).

use super::{Finding, Location, RuleId};
use crate::draft::Draft;
use crate::format::{CellDef, CellKind, TableId};
use crate::totals::{self, Sum};

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    stated_totals(draft, out);
    table3_balance(draft, out);
}

/// R1, R2, R6: a total as stated must equal the sum of its parts as read.
fn stated_totals(draft: &Draft, out: &mut Vec<Finding>) {
    let def = draft.format.def();
    for cell in def.cells().filter(|c| c.kind() == CellKind::Total) {
        let Some(stated) = draft.count(cell.key()) else {
            continue;
        };
        for sum in totals::sums_of(&cell) {
            let expected = totals::sum_as_read(draft, &sum);
            if expected != stated {
                out.push(Finding::error(
                    sum.def.rule,
                    Location::Cell(cell.key()),
                    format!(
                        "{}：{} 填写为 {stated}，按{}应为 {expected}",
                        where_sum_runs(&cell, &sum),
                        what_total(&cell, &sum),
                        sum.def.sum_name
                    ),
                ));
            }
        }
    }
}

/// "表三「（七）总计」行" for a sum along a row, "表三「自然人」列" down a column,
/// "表四「行政复议」" for table 四's blocks.
fn where_sum_runs(cell: &CellDef, sum: &Sum) -> String {
    let table = cell.table.id.short_name();
    match cell.table.id {
        TableId::T4 => {
            let groups = &cell.col.path[..cell.col.path.len().saturating_sub(1)];
            format!("{table}「{}」", groups.join("·"))
        }
        _ if sum.along_row => format!("{table}「{}」行", cell.row.display_label()),
        _ => format!("{table}「{}」列", cell.col.label()),
    }
}

fn what_total(cell: &CellDef, sum: &Sum) -> String {
    if sum.along_row {
        cell.col.label().to_string()
    } else {
        cell.row.display_label()
    }
}

/// R3 and R5 on every column of table 三 whose two sides (一 and 二; （七） and 四) each hold at
/// least one figure.
fn table3_balance(draft: &Draft, out: &mut Vec<Finding>) {
    let table = draft.format.def().table(TableId::T3);
    let Some(block) = table.blocks.first() else {
        return;
    };
    for col in block.columns {
        let get = |row: &str| table.cell(row, col.id);
        let (Some(new), Some(carried), Some(total), Some(forward)) = (
            get("new"),
            get("carried"),
            get("total"),
            get("carry_forward"),
        ) else {
            continue;
        };
        let read = |c: &CellDef| totals::read(draft, c);
        let (n, c, t, f) = (read(&new), read(&carried), read(&total), read(&forward));
        // One side of the equation not filled in yet (a new draft, or one made by 新建下一年度
        // with only 上年结转 carried) is not an imbalance: R4 already warns of the blank cells.
        // R3 and R5 speak once both sides hold figures.
        if (n.is_none() && c.is_none()) || (t.is_none() && f.is_none()) {
            continue;
        }
        let (n, c, t, f) = (
            n.unwrap_or(0),
            c.unwrap_or(0),
            t.unwrap_or(0),
            f.unwrap_or(0),
        );
        let column = format!("{}「{}」列", table.id.short_name(), col.label());
        let income = n + c;
        if income != t + f {
            out.push(Finding::error(
                RuleId::R3,
                Location::Cell(total.key()),
                format!(
                    "{column}：一、本年新收（{n}）加二、上年结转（{c}）之和为 {income}，\
                     三、（七）总计（{t}）加四、结转下年度（{f}）之和为 {}，两者应相等",
                    t + f
                ),
            ));
        }
        if f > income {
            out.push(Finding::error(
                RuleId::R5,
                Location::Cell(forward.key()),
                format!("{column}：四、结转下年度（{f}）超过了新收加上年结转（{income}）"),
            ));
        }
        if t > income {
            out.push(Finding::error(
                RuleId::R5,
                Location::Cell(total.key()),
                format!("{column}：（七）总计（{t}）超过了新收加上年结转（{income}）"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{RuleId, Severity, check};
    use crate::format::TableId::{T3, T4};
    use crate::value::Value::Count;

    #[test]
    fn r1_row_total_must_equal_applicants() {
        let mut d = clean_2021();
        set(&mut d, T3, "withheld_4", "natural", Count(1));
        set(&mut d, T3, "withheld_4", "total", Count(1));
        set(&mut d, T3, "new", "natural", Count(1));
        set(&mut d, T3, "new", "total", Count(1));
        assert!(!rules(&check(&d)).contains(&RuleId::R1));

        set(&mut d, T3, "withheld_4", "total", Count(0));
        let found = check(&d);
        let r1: Vec<_> = found.iter().filter(|f| f.rule == RuleId::R1).collect();
        assert_eq!(r1.len(), 1);
        assert_eq!(r1[0].severity, Severity::Error);
        assert!(
            r1[0].message.contains("（三）4.保护第三方合法权益"),
            "{}",
            r1[0].message
        );
        assert!(r1[0].message.contains("填写为 0"));
        assert!(r1[0].message.contains("应为 1"));
    }

    #[test]
    fn r2_concluded_total_must_equal_outcomes() {
        let mut d = clean_2021();
        set(&mut d, T3, "granted", "natural", Count(3));
        set(&mut d, T3, "new", "natural", Count(3));
        assert!(!rules(&check(&d)).contains(&RuleId::R2));
        set(&mut d, T3, "total", "natural", Count(2));
        let found = check(&d);
        let r2 = found.iter().find(|f| f.rule == RuleId::R2).expect("R2");
        assert_eq!(
            r2.message,
            "表三「自然人」列：（七）总计 填写为 2，按各办理结果之和应为 3"
        );
    }

    #[test]
    fn r3_each_column_balances() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "commercial", Count(4));
        set(&mut d, T3, "granted", "commercial", Count(3));
        set(&mut d, T3, "carry_forward", "commercial", Count(1));
        assert!(!rules(&check(&d)).contains(&RuleId::R3));
        set(&mut d, T3, "carry_forward", "commercial", Count(0));
        let found = check(&d);
        let r3: Vec<_> = found.iter().filter(|f| f.rule == RuleId::R3).collect();
        // The 商业企业 column and the computed 总计 column both fail.
        assert_eq!(r3.len(), 2);
        assert!(r3[0].message.starts_with("表三「商业企业」列"));
    }

    #[test]
    fn r3_and_r5_wait_until_both_sides_hold_figures() {
        let mut d = crate::draft::Draft::new("某局", crate::draft::Level::Department, 2022);
        // Only 上年结转 filled, as 新建下一年度 leaves it.
        set(&mut d, T3, "carried", "natural", Count(2));
        let found = check(&d);
        assert!(
            !found
                .iter()
                .any(|f| matches!(f.rule, RuleId::R3 | RuleId::R5)),
            "{found:?}"
        );
        // Only outcomes filled: the income side is blank.
        let mut d = crate::draft::Draft::new("某局", crate::draft::Level::Department, 2022);
        set(&mut d, T3, "granted", "natural", Count(2));
        assert!(
            !check(&d)
                .iter()
                .any(|f| matches!(f.rule, RuleId::R3 | RuleId::R5))
        );
        // Both sides filled and unequal: R3 fires.
        set(&mut d, T3, "carried", "natural", Count(3));
        let r3 = check(&d)
            .into_iter()
            .filter(|f| f.rule == RuleId::R3)
            .count();
        assert_eq!(r3, 2, "the 自然人 column and the 总计 column");
    }

    #[test]
    fn r5_carried_forward_cannot_exceed_income() {
        let mut d = clean_2021();
        set(&mut d, T3, "carry_forward", "natural", Count(2));
        set(&mut d, T3, "new", "natural", Count(1));
        let found = check(&d);
        assert!(rules(&found).contains(&RuleId::R5));
        let mut ok = clean_2021();
        set(&mut ok, T3, "new", "natural", Count(2));
        set(&mut ok, T3, "carry_forward", "natural", Count(2));
        assert!(!rules(&check(&ok)).contains(&RuleId::R5));
    }

    #[test]
    fn r6_review_and_litigation_blocks_add_up() {
        let mut d = clean_2021();
        set(&mut d, T4, "cases", "review_upheld", Count(10));
        set(&mut d, T4, "cases", "review_corrected", Count(1));
        assert!(!rules(&check(&d)).contains(&RuleId::R6));
        set(&mut d, T4, "cases", "review_total", Count(0));
        let found = check(&d);
        let r6 = found.iter().find(|f| f.rule == RuleId::R6).expect("R6");
        assert_eq!(
            r6.message,
            "表四「行政复议」：总计 填写为 0，按结果维持、结果纠正、其他结果、尚未审结之和应为 11"
        );
    }
}
