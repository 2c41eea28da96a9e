//! Converting a draft between the 2019 and 2021 formats (spec §5.1).
//!
//! Which cell carries to which is data: cells whose row and column ids are the same in both
//! formats carry as they are; [`COUNTERPARTS`] lists the ones that move; [`NOT_CARRIED`] gives the
//! reason for each kind of cell that has no counterpart. Every value that is not carried is named
//! with its figure before the conversion is applied.

use std::collections::{BTreeMap, HashSet};

use crate::draft::{Draft, LastYear};
use crate::format::{CellDef, CellKey, CellKind, FormatId, TableId};
use crate::totals;
use crate::value::Value;

/// A cell of the target format filled from cells of the source format (summed when several).
/// `col: None` means "each column of the row, by the same column id".
pub struct Counterpart {
    pub from: FormatId,
    pub table: TableId,
    pub to_row: &'static str,
    pub to_col: Option<&'static str>,
    pub sources: &'static [(&'static str, Option<&'static str>)],
}

pub static COUNTERPARTS: &[Counterpart] = &[
    // 表二 第（一）项: 本年新制作数量 ↔ 本年制发件数.
    Counterpart {
        from: FormatId::F2019,
        table: TableId::T2,
        to_row: "rules",
        to_col: Some("issued"),
        sources: &[("rules", Some("made"))],
    },
    Counterpart {
        from: FormatId::F2019,
        table: TableId::T2,
        to_row: "normative",
        to_col: Some("issued"),
        sources: &[("normative", Some("made"))],
    },
    Counterpart {
        from: FormatId::F2021,
        table: TableId::T2,
        to_row: "rules",
        to_col: Some("made"),
        sources: &[("rules", Some("issued"))],
    },
    Counterpart {
        from: FormatId::F2021,
        table: TableId::T2,
        to_row: "normative",
        to_col: Some("made"),
        sources: &[("normative", Some("issued"))],
    },
    // 表三 （六）其他处理: one row in 2019, three in 2021.
    Counterpart {
        from: FormatId::F2019,
        table: TableId::T3,
        to_row: "other_3",
        to_col: None,
        sources: &[("other", None)],
    },
    Counterpart {
        from: FormatId::F2021,
        table: TableId::T3,
        to_row: "other",
        to_col: None,
        sources: &[("other_1", None), ("other_2", None), ("other_3", None)],
    },
];

/// (source format, table, row or any, column or any, reason): a cell without counterpart.
pub type NotCarried = (
    FormatId,
    TableId,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

/// Why a source cell has no counterpart: (source format, table, row or any, column or any, reason).
/// The first entry that matches names the reason.
pub static NOT_CARRIED: &[NotCarried] = &[
    (
        FormatId::F2019,
        TableId::T2,
        Some("fees"),
        None,
        "2019 年格式统计收费项目数量及增减，2021 年格式统计本年收费金额（万元），口径不同，请重新填写",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        Some("procurement"),
        None,
        "2021 年格式已删除第二十条第（九）项 政府集中采购",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        Some("other_services"),
        None,
        "2021 年格式没有“其他对外管理服务事项”",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        None,
        Some("total_published"),
        "“对外公开总数量”与 2021 年格式的“现行有效件数”统计口径不同（公开总量与现行有效），请按现行有效件数重新填写",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        None,
        Some("published"),
        "2021 年格式没有“本年新公开数量”",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        None,
        Some("prev_items"),
        "2021 年格式不再统计“上一年项目数量”",
    ),
    (
        FormatId::F2019,
        TableId::T2,
        None,
        Some("change"),
        "2021 年格式不再统计“本年增/减”",
    ),
    (
        FormatId::F2021,
        TableId::T2,
        Some("fees"),
        None,
        "2021 年格式统计收费金额（万元），2019 年格式统计收费项目数量，口径不同，请重新填写",
    ),
    (
        FormatId::F2021,
        TableId::T2,
        None,
        Some("repealed"),
        "2019 年格式没有“本年废止件数”",
    ),
    (
        FormatId::F2021,
        TableId::T2,
        None,
        Some("in_force"),
        "“现行有效件数”与 2019 年格式的“对外公开总数量”统计口径不同，请重新填写",
    ),
];

/// A value of the source draft that the target format has no place for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub cell: CellKey,
    /// "表二「第二十条第（九）项」政府集中采购「采购总金额」".
    pub label: String,
    pub value: Value,
    pub reason: String,
}

impl Dropped {
    /// One line for the clerk: where, what, why.
    pub fn message(&self) -> String {
        format!("{}：{}（{}）", self.label, self.value, self.reason)
    }
}

/// A conversion worked out but not yet applied.
#[derive(Clone, Debug)]
pub struct Conversion {
    pub draft: Draft,
    pub dropped: Vec<Dropped>,
}

impl Conversion {
    /// What the clerk is told before the conversion is applied: one line for each value that
    /// cannot be carried, with its figure and the reason ("未转换：…").
    pub fn summary(&self) -> Vec<String> {
        self.dropped
            .iter()
            .map(|d| format!("未转换：{}", d.message()))
            .collect()
    }
}

/// Why a cell of the `from` format has no counterpart in the other format, for the clerk.
pub fn reason_not_carried(from: FormatId, cell: &CellDef) -> String {
    NOT_CARRIED
        .iter()
        .find(|(f, t, row, col, _)| {
            *f == from
                && *t == cell.table.id
                && row.is_none_or(|r| r == cell.row.id)
                && col.is_none_or(|c| c == cell.col.id)
        })
        .map(|entry| entry.4.to_string())
        .unwrap_or_else(|| "新格式中没有对应项".to_string())
}

/// The cells of the `from` format that a cell of another format is filled from (none when it
/// has no counterpart; several when they are summed).
pub fn sources_for(from: FormatId, target: &CellDef) -> Vec<CellDef> {
    let source_def = from.def();
    let explicit = COUNTERPARTS.iter().find(|c| {
        c.from == from
            && c.table == target.table.id
            && c.to_row == target.row.id
            && c.to_col.is_none_or(|col| col == target.col.id)
    });
    match explicit {
        Some(c) => c
            .sources
            .iter()
            .filter_map(|(row, col)| source_def.cell(c.table, row, col.unwrap_or(target.col.id)))
            .collect(),
        None => source_def
            .cell(target.table.id, target.row.id, target.col.id)
            // A cell with the same ids but another meaning is not a counterpart: the kinds differ.
            .filter(|s| s.kind() == target.kind())
            .into_iter()
            .collect(),
    }
}

/// Works out the conversion of a draft to another format: the converted draft and every value
/// that could not be carried, with its figure and the reason.
pub fn convert(draft: &Draft, to: FormatId) -> Conversion {
    let from = draft.format;
    let mut out = draft.clone();
    out.format = to;
    out.cells.clear();
    // Last year's figures follow the tables into the new format, by the same counterparts.
    out.last_year = draft
        .last_year
        .as_ref()
        .map(|last| convert_last_year(last, to));
    if from == to {
        out.cells = draft.cells.clone();
        return Conversion {
            draft: out,
            dropped: Vec::new(),
        };
    }
    let mut used = std::collections::HashSet::new();
    for target in to.def().cells() {
        let sources = sources_for(from, &target);
        used.extend(sources.iter().map(|s| s.key()));
        let value = match target.kind() {
            CellKind::Total => {
                // A total carries only where a total was stated; otherwise it stays computed.
                let stated = sources.iter().any(|s| draft.value(s.key()).is_some());
                stated.then(|| {
                    Value::Count(sources.iter().filter_map(|s| totals::read(draft, s)).sum())
                })
            }
            CellKind::Entered(_) if sources.len() == 1 => draft.value(sources[0].key()).cloned(),
            CellKind::Entered(_) => {
                let counts: Vec<u64> = sources
                    .iter()
                    .filter_map(|s| draft.count(s.key()))
                    .collect();
                (!counts.is_empty()).then(|| Value::Count(counts.iter().sum()))
            }
        };
        if let Some(v) = value {
            out.cells.insert(target.key(), v);
        }
    }
    let dropped = from
        .def()
        .cells()
        .filter(|c| !used.contains(&c.key()))
        .filter_map(|c| {
            let value = draft.value(c.key())?.clone();
            Some(Dropped {
                cell: c.key(),
                label: c.describe(),
                value,
                reason: reason_not_carried(from, &c),
            })
        })
        .collect();
    Conversion {
        draft: out,
        dropped,
    }
}

/// Carries the figures R9 starts from, from a report in `from` (looked up by `value`) to the
/// format `to`, through the converter's counterparts. Returns the figures keyed in `to`, and the
/// source cells used.
pub fn carry_table2<'a>(
    from: FormatId,
    value: impl Fn(CellKey) -> Option<&'a Value>,
    to: FormatId,
) -> (BTreeMap<CellKey, Value>, HashSet<CellKey>) {
    let mut figures = BTreeMap::new();
    let mut used = HashSet::new();
    let to_def = to.def();
    for key in crate::format::continuity::last_year_inputs(to) {
        let Some(target) = to_def.cell_by_key(key) else {
            continue;
        };
        let sources = sources_for(from, &target);
        used.extend(sources.iter().map(|s| s.key()));
        let carried = match sources.as_slice() {
            [one] => value(one.key()).cloned(),
            many => {
                let counts: Vec<u64> = many
                    .iter()
                    .filter_map(|s| value(s.key()).and_then(Value::as_count))
                    .collect();
                (!counts.is_empty()).then(|| Value::Count(counts.iter().sum()))
            }
        };
        // A figure carries only into a cell of its own type (a count never becomes an amount).
        if let Some(v) = carried.filter(|v| v.fits(target.ty())) {
            figures.insert(key, v);
        }
    }
    (figures, used)
}

/// Last year's figures for a draft converted to `to`: the table-二 figures follow by the
/// converter's counterparts; those without one are dropped (R9 then stays silent for them).
pub fn convert_last_year(last: &LastYear, to: FormatId) -> LastYear {
    if last.format == to {
        return last.clone();
    }
    let (table2, _) = carry_table2(last.format, |k| last.table2.get(&k), to);
    LastYear {
        format: to,
        table2,
        ..last.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;
    use crate::value::MoneyUnit;

    fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
        CellKey { table, row, col }
    }

    #[test]
    fn converting_2019_to_2021_keeps_counterparts_and_names_the_rest() {
        let mut d = Draft::new("某县人民政府", Level::County, 2020);
        d.cells
            .insert(key(TableId::T2, "normative", "made"), Value::Count(12));
        d.cells.insert(
            key(TableId::T2, "normative", "total_published"),
            Value::Count(80),
        );
        d.cells
            .insert(key(TableId::T2, "penalty", "decisions"), Value::Count(7));
        d.cells
            .insert(key(TableId::T2, "penalty", "change"), Value::Signed(-18));
        d.cells.insert(
            key(TableId::T2, "procurement", "amount"),
            Value::Money(251000.into(), Some(MoneyUnit::Yuan)),
        );
        d.cells
            .insert(key(TableId::T3, "other", "natural"), Value::Count(4));
        d.cells
            .insert(key(TableId::T3, "new", "natural"), Value::Count(9));
        d.cells
            .insert(key(TableId::T4, "cases", "review_upheld"), Value::Count(2));
        d.year = 2021;
        let c = convert(&d, FormatId::F2021);
        let got = |t, r, col| c.draft.value(key(t, r, col)).cloned();
        assert_eq!(
            got(TableId::T2, "normative", "issued"),
            Some(Value::Count(12))
        );
        assert_eq!(
            got(TableId::T2, "penalty", "decisions"),
            Some(Value::Count(7))
        );
        assert_eq!(
            got(TableId::T3, "other_3", "natural"),
            Some(Value::Count(4))
        );
        assert_eq!(got(TableId::T3, "new", "natural"), Some(Value::Count(9)));
        assert_eq!(
            got(TableId::T4, "cases", "review_upheld"),
            Some(Value::Count(2))
        );
        let dropped: Vec<_> = c.dropped.iter().map(|d| d.message()).collect();
        assert_eq!(dropped.len(), 3, "{dropped:#?}");
        assert!(
            dropped.iter().any(|m| m.contains("对外公开总数量")
                && m.contains("80")
                && m.contains("口径不同"))
        );
        assert!(dropped.iter().any(|m| m.contains("-18")));
        assert!(
            dropped
                .iter()
                .any(|m| m.contains("251000元") && m.contains("政府集中采购"))
        );
    }

    #[test]
    fn converting_2021_to_2019_sums_the_other_rows() {
        let mut d = Draft::new("某县人民政府", Level::County, 2021);
        d.cells
            .insert(key(TableId::T3, "other_1", "natural"), Value::Count(1));
        d.cells
            .insert(key(TableId::T3, "other_3", "natural"), Value::Count(2));
        d.cells
            .insert(key(TableId::T3, "other_2", "total"), Value::Count(5));
        let c = convert(&d, FormatId::F2019);
        assert_eq!(
            c.draft.value(key(TableId::T3, "other", "natural")),
            Some(&Value::Count(3))
        );
        // The stated total of （六）2 joins the computed totals of （六）1 and 3.
        assert_eq!(
            c.draft.value(key(TableId::T3, "other", "total")),
            Some(&Value::Count(8))
        );
        assert!(c.dropped.is_empty());
    }
}
