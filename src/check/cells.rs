//! Rules on single cells: blanks (R4), amount units (R12) and 规章 (R14).

use super::{Finding, Location, RuleId};
use crate::draft::Draft;
use crate::format::{CellKind, TableId};
use crate::value::Value;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    blanks(draft, out);
    money_units(draft, out);
    rules_row(draft, out);
}

/// R4: an entered cell left blank. Blank is not 0, but a new draft is all blanks, so this is a
/// warning (spec §5.2).
fn blanks(draft: &Draft, out: &mut Vec<Finding>) {
    for table in TableId::ALL {
        for cell in draft.blank_entered_cells(table) {
            out.push(Finding::warning(
                RuleId::R4,
                Location::Cell(cell.key()),
                format!(
                    "{}：未填写。空白不等于 0，如无此项请填写 0",
                    cell.describe()
                ),
            ));
        }
    }
}

/// R12: a 2019 采购总金额 needs its unit. (An amount in 万元 cannot carry a unit or more than six
/// places: the cell parser refuses both, so a draft never holds them.)
fn money_units(draft: &Draft, out: &mut Vec<Finding>) {
    for cell in draft.format.def().cells() {
        if let Some(Value::Money(amount, None)) = draft.value(cell.key()) {
            out.push(Finding::warning(
                RuleId::R12,
                Location::Cell(cell.key()),
                format!(
                    "{}：金额 {amount} 未注明单位，请写明“元”或“万元”",
                    cell.describe()
                ),
            ));
        }
    }
}

/// R14: only 国务院部门, 省级 and 设区的市 governments make 规章.
fn rules_row(draft: &Draft, out: &mut Vec<Finding>) {
    if draft.level.makes_rules() {
        return;
    }
    for cell in draft.format.def().table(TableId::T2).cells() {
        if cell.row.id != "rules" || !matches!(cell.kind(), CellKind::Entered(_)) {
            continue;
        }
        if let Some(value) = draft.value(cell.key()).filter(|v| v.is_nonzero()) {
            out.push(Finding::warning(
                RuleId::R14,
                Location::Cell(cell.key()),
                format!(
                    "{}：填写为 {value}，但{}不制定规章，此项通常应为 0",
                    cell.describe(),
                    draft.level.label()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Location, RuleId, Severity, check};
    use crate::draft::{Draft, Level};
    use crate::format::TableId::{T2, T3};
    use crate::value::{MoneyUnit, Value};
    use rust_decimal::Decimal;

    #[test]
    fn r4_blank_entered_cells_are_warnings() {
        let mut d = clean_2021();
        assert!(!rules(&check(&d)).contains(&RuleId::R4));
        d.cells.remove(&crate::format::CellKey {
            table: T3,
            row: "granted",
            col: "natural",
        });
        let found = check(&d);
        let r4: Vec<_> = found.iter().filter(|f| f.rule == RuleId::R4).collect();
        assert_eq!(r4.len(), 1);
        assert_eq!(r4[0].severity, Severity::Warning);
        assert_eq!(
            r4[0].message,
            "表三「（一）予以公开」行「自然人」列：未填写。空白不等于 0，如无此项请填写 0"
        );
        // A new draft: every entered cell is blank, and none of it is an error.
        let new = Draft::new("某局", Level::Department, 2022);
        let found = check(&new);
        let cells: Vec<_> = found
            .iter()
            .filter(|f| f.rule == RuleId::R4 && matches!(f.location, Location::Cell(_)))
            .collect();
        assert_eq!(cells.len(), 10 + 144 + 12);
        assert!(cells.iter().all(|f| f.severity == Severity::Warning));
        // Its empty narrative parts are errors (R4 on the narrative), and nothing else is.
        let texts: Vec<_> = found
            .iter()
            .filter(|f| f.rule == RuleId::R4 && matches!(f.location, Location::Text(_)))
            .collect();
        assert_eq!(texts.len(), 5 + 1);
        assert!(texts.iter().all(|f| f.severity == Severity::Error));
    }

    #[test]
    fn r12_procurement_amount_needs_a_unit() {
        let mut d = Draft::new("某镇人民政府", Level::Township, 2019);
        d.cells.clear();
        set(
            &mut d,
            T2,
            "procurement",
            "amount",
            Value::Money(Decimal::from(251000), Some(MoneyUnit::Yuan)),
        );
        assert!(!rules(&check(&d)).contains(&RuleId::R12));
        set(
            &mut d,
            T2,
            "procurement",
            "amount",
            Value::Money(Decimal::from(8040), None),
        );
        assert!(rules(&check(&d)).contains(&RuleId::R12));
    }

    #[test]
    fn r14_only_some_levels_make_rules() {
        let mut d = clean_2021();
        d.level = Level::Township;
        assert!(!rules(&check(&d)).contains(&RuleId::R14));
        set(&mut d, T2, "rules", "in_force", Value::Count(6));
        let found = check(&d);
        let r14 = found.iter().find(|f| f.rule == RuleId::R14).expect("R14");
        assert!(r14.message.contains("规章"), "{}", r14.message);
        d.level = Level::Prefectural;
        assert!(!rules(&check(&d)).contains(&RuleId::R14));
    }
}
