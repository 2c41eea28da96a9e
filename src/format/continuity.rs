//! How table 二 carries from one year to the next (R9), as data.
//!
//! Each [`Continuity`] says which figure of this year's table 二 follows from last year's figures
//! and this year's: the 2021 format's 现行有效件数 = last year's + 本年制发件数 − 本年废止件数; the
//! 2019 format's 对外公开总数量 = last year's + 本年新公开数量, and its 上一年项目数量 = last year's
//! 上一年项目数量 + last year's 本年增/减. The checker evaluates these, and 新建下一年度 keeps the
//! last-year figures they name.

use super::{CellKey, FormatId, TableId};

/// One term of the arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// Last year's figure in this column (of the same row), added.
    Last(&'static str),
    /// This year's figure in this column, added.
    Plus(&'static str),
    /// This year's figure in this column, subtracted.
    Minus(&'static str),
}

/// One continuity rule of table 二: for each of `rows`, this year's `target` column equals the
/// sum of `terms`.
#[derive(Debug)]
pub struct Continuity {
    /// The format both years' tables are laid out in.
    pub format: FormatId,
    pub rows: &'static [&'static str],
    pub target: &'static str,
    pub terms: &'static [Term],
    /// Said after the figures when the rule fails: why it may fail legitimately.
    pub hint: &'static str,
}

pub static CONTINUITY: &[Continuity] = &[
    Continuity {
        format: FormatId::F2021,
        rows: &["rules", "normative"],
        target: "in_force",
        terms: &[
            Term::Last("in_force"),
            Term::Plus("issued"),
            Term::Minus("repealed"),
        ],
        hint: "如有清理、失效等未计入本年废止件数的，请在正文中说明",
    },
    Continuity {
        format: FormatId::F2019,
        rows: &["rules", "normative"],
        target: "total_published",
        terms: &[Term::Last("total_published"), Term::Plus("published")],
        hint: "请核对对外公开总数量的统计口径是否与上年一致",
    },
    Continuity {
        format: FormatId::F2019,
        rows: &["licensing", "other_services", "penalty", "coercion", "fees"],
        target: "prev_items",
        terms: &[Term::Last("prev_items"), Term::Last("change")],
        hint: "上一年项目数量应为上年报告的上一年项目数量加上年本年增/减",
    },
];

/// The cells of table 二 in `format` whose last-year figures the rules of that format start from,
/// in the order of the rules.
pub fn last_year_inputs(format: FormatId) -> Vec<CellKey> {
    let def = format.def();
    let mut out = Vec::new();
    for rule in CONTINUITY.iter().filter(|r| r.format == format) {
        for row in rule.rows {
            for term in rule.terms {
                let Term::Last(col) = term else { continue };
                if let Some(cell) = def.cell(TableId::T2, row, col) {
                    out.push(cell.key());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_cells_of_its_format() {
        for rule in CONTINUITY {
            let def = rule.format.def();
            for row in rule.rows {
                assert!(def.cell(TableId::T2, row, rule.target).is_some());
                for term in rule.terms {
                    let (Term::Last(col) | Term::Plus(col) | Term::Minus(col)) = term;
                    assert!(def.cell(TableId::T2, row, col).is_some(), "{row}/{col}");
                }
            }
        }
        assert_eq!(last_year_inputs(FormatId::F2021).len(), 2);
        assert_eq!(last_year_inputs(FormatId::F2019).len(), 2 + 5 * 2);
    }
}
