//! One year's report and the next: 新建下一年度 ([`next_year`]), and last year's figures for the
//! cross-year checks R8 and R9, taken from last year's draft ([`last_year_of`]) or from a report
//! the clerk picks ([`last_year_from`], [`last_year_from_file`]).

mod next;

pub use crate::convert::convert_last_year;
pub use crate::format::continuity;
pub use next::{NextYear, next_year};

use std::collections::BTreeMap;
use std::path::Path;

use crate::convert::{self, Dropped};
use crate::draft::{Draft, LastYear};
use crate::draft_file::{self, LoadError};
use crate::format::{FormatId, TableId};
use crate::totals;

/// Last year's figures as a draft of some format can use them, and what could not be carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried {
    pub last_year: LastYear,
    /// Figures of last year's table 二 that this year's arithmetic would start from but that
    /// have no counterpart in this year's format (a 2020 report continued into 2021), each with
    /// its figure and the reason.
    pub not_carried: Vec<Dropped>,
    /// Things the clerk should know, in Chinese (a different 机关名称, …).
    pub notes: Vec<String>,
}

impl Carried {
    /// What the clerk is told on taking last year's figures: the notes ("注：…"), then each
    /// figure that cannot serve the cross-year checks ("未用于跨年度核对：…"), one line each.
    pub fn summary(&self) -> Vec<String> {
        let notes = self.notes.iter().map(|note| format!("注：{note}"));
        let dropped =
            (self.not_carried.iter()).map(|d| format!("未用于跨年度核对：{}", d.message()));
        notes.chain(dropped).collect()
    }
}

impl NextYear {
    /// What the clerk is told of a new next-year draft, one line each: what was carried and what
    /// changed, then each of last year's figures not carried ("未沿用：…").
    pub fn summary(&self) -> Vec<String> {
        let dropped = (self.not_carried.iter()).map(|d| format!("未沿用：{}", d.message()));
        self.notes.iter().cloned().chain(dropped).collect()
    }
}

/// Why a picked report cannot serve as last year's. The messages are for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum LastYearError {
    #[error("所选报告为 {found} 年度，本草稿为 {this} 年度，上年报告应为 {expected} 年度")]
    WrongYear {
        found: i32,
        this: i32,
        expected: i32,
    },
    #[error("{0}")]
    Load(#[from] LoadError),
}

/// Last year's 结转下年度 row of table 三, column by column, as the rules read it (a total as
/// stated, or computed where nothing was stated).
fn carry_forward_of(last: &Draft) -> BTreeMap<&'static str, u64> {
    let table = last.format.def().table(TableId::T3);
    table
        .cells()
        .filter(|c| c.row.id == "carry_forward")
        .filter_map(|c| Some((c.col.id, totals::read(last, &c)?)))
        .collect()
}

/// Last year's whole report as a draft keeps it ([`LastYear::report`]): everything but its own
/// link to the year before and its 待复核 marks, so that a chain of years does not nest.
pub fn report_of(last: &Draft) -> Draft {
    let mut report = last.clone();
    report.last_year = None;
    report.review.clear();
    report
}

/// What last year's report `last` gives a draft laid out in `this_format`: its 结转下年度 row and
/// the table-二 figures R9 starts from, carried into `this_format` where they have a counterpart.
pub fn last_year_of(last: &Draft, this_format: FormatId) -> Carried {
    let (table2, used) = convert::carry_table2(last.format, |k| last.value(k), this_format);
    let source_def = last.format.def();
    let not_carried = continuity::last_year_inputs(last.format)
        .into_iter()
        .filter(|k| !used.contains(k))
        .filter_map(|k| {
            let cell = source_def.cell_by_key(k)?;
            let value = last.value(k)?.clone();
            Some(Dropped {
                cell: k,
                label: cell.describe(),
                value,
                reason: convert::reason_not_carried(last.format, &cell),
            })
        })
        .collect();
    Carried {
        last_year: LastYear {
            body: last.body.clone(),
            year: last.year,
            format: this_format,
            carry_forward: carry_forward_of(last),
            table2,
            report: Some(Box::new(report_of(last))),
        },
        not_carried,
        notes: Vec::new(),
    }
}

/// Last year's figures from a report the clerk picked for `this` draft. Refuses a report that is
/// not of the year before; notes a different 机关名称 (a body may be renamed) without refusing.
pub fn last_year_from(last: &Draft, this: &Draft) -> Result<Carried, LastYearError> {
    let expected = this.year - 1;
    if last.year != expected {
        return Err(LastYearError::WrongYear {
            found: last.year,
            this: this.year,
            expected,
        });
    }
    let mut carried = last_year_of(last, this.format);
    if last.body.trim() != this.body.trim() {
        carried.notes.push(format!(
            "所选报告的机关名称“{}”与本草稿“{}”不同，请确认是本机关的上年报告",
            last.body.trim(),
            this.body.trim()
        ));
    }
    if last.format != this.format && !carried.not_carried.is_empty() {
        carried.notes.push(format!(
            "上年报告使用{}，本草稿使用{}，表二中以下数据无法用于跨年度核对",
            last.format.name(),
            this.format.name()
        ));
    }
    Ok(carried)
}

/// [`last_year_from`] for a `.ron` draft on disk.
pub fn last_year_from_file(path: &Path, this: &Draft) -> Result<Carried, LastYearError> {
    let last = draft_file::load(path)?;
    last_year_from(&last, this)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;
    use crate::format::CellKey;
    use crate::value::Value;

    fn key(row: &'static str, col: &'static str) -> CellKey {
        CellKey {
            table: TableId::T2,
            row,
            col,
        }
    }

    #[test]
    fn last_year_of_keeps_exactly_what_r8_and_r9_need() {
        let mut last = Draft::new("某县人民政府", Level::County, 2021);
        last.cells
            .insert(key("normative", "in_force"), Value::Count(262));
        last.cells
            .insert(key("normative", "issued"), Value::Count(94));
        last.cells.insert(
            CellKey {
                table: TableId::T3,
                row: "carry_forward",
                col: "natural",
            },
            Value::Count(4),
        );
        let c = last_year_of(&last, FormatId::F2021);
        assert_eq!(c.last_year.year, 2021);
        assert_eq!(
            c.last_year.table2.into_iter().collect::<Vec<_>>(),
            vec![(key("normative", "in_force"), Value::Count(262))]
        );
        // The computed 总计 of the row is kept beside the entered column.
        assert_eq!(
            c.last_year.carry_forward.into_iter().collect::<Vec<_>>(),
            vec![("natural", 4), ("total", 4)]
        );
        assert!(c.not_carried.is_empty());
    }

    #[test]
    fn a_picked_report_must_be_of_the_year_before() {
        let last = Draft::new("某局", Level::Department, 2020);
        let this = Draft::new("某局", Level::Department, 2022);
        let err = last_year_from(&last, &this).unwrap_err().to_string();
        assert_eq!(
            err,
            "所选报告为 2020 年度，本草稿为 2022 年度，上年报告应为 2021 年度"
        );
        let renamed = Draft::new("某某局", Level::Department, 2021);
        let c = last_year_from(&renamed, &this).unwrap();
        assert!(c.notes[0].contains("某某局"), "{:?}", c.notes);
    }
}
