//! 本年与上年对比: two drafts side by side, every table figure with its change.
//!
//! Figures are matched cell by cell; across the 2019 and 2021 formats through the converter's
//! counterparts, so that a figure is only ever compared with the same measure. Figures one
//! format has and the other does not are listed with the reason. Changes are exact decimals.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::convert;
use crate::draft::Draft;
use crate::format::{CellDef, CellKey, CellKind, FormatId, TableId};
use crate::totals;
use crate::value::{MoneyUnit, Value};

/// How a figure changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Both figures known: new − old, exactly (in `unit` for 采购总金额), and the rate of change
    /// in percent, rounded to one place (`None` when the old figure is 0).
    Delta {
        delta: Decimal,
        unit: Option<MoneyUnit>,
        percent: Option<Decimal>,
    },
    /// Blank in both.
    Blank,
    /// Only the new draft has the figure (blank in the old one).
    OnlyNew,
    /// Only the old draft has the figure (blank in the new one).
    OnlyOld,
    /// The figures cannot be compared; the reason, for the clerk.
    Incomparable(String),
}

/// One figure of the two drafts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    pub table: TableId,
    /// The cell in the new draft; `None` for a figure only the old draft's format has.
    pub key: Option<CellKey>,
    /// The cell in the old draft when there is exactly one (the same as `key` when the formats
    /// agree).
    pub old_key: Option<CellKey>,
    /// "表三「（一）予以公开」行「自然人」列".
    pub label: String,
    /// Whether the figure is a total (read as stated, or computed where nothing was stated).
    pub total: bool,
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub change: Change,
}

impl CompareRow {
    /// The change for people: "+8", "-3", "0", "-185.28", "+200010元" (a unit only for
    /// 采购总金额); "—" where there is no change to give.
    pub fn change_text(&self) -> String {
        match &self.change {
            Change::Delta { delta, unit, .. } => {
                let sign = if delta.is_sign_positive() && !delta.is_zero() {
                    "+"
                } else {
                    ""
                };
                let unit = unit.map(MoneyUnit::label).unwrap_or("");
                format!("{sign}{delta}{unit}")
            }
            _ => "—".to_string(),
        }
    }

    /// The rate of change for people: "+12.5%", or "—".
    pub fn percent_text(&self) -> String {
        match &self.change {
            Change::Delta {
                percent: Some(p), ..
            } => {
                let sign = if p.is_sign_positive() && !p.is_zero() {
                    "+"
                } else {
                    ""
                };
                format!("{sign}{p}%")
            }
            _ => "—".to_string(),
        }
    }

    /// Whether the figure changed (a figure appearing or disappearing counts as a change).
    pub fn changed(&self) -> bool {
        match &self.change {
            Change::Delta { delta, .. } => !delta.is_zero(),
            Change::Blank => false,
            Change::OnlyNew | Change::OnlyOld | Change::Incomparable(_) => true,
        }
    }
}

/// Two drafts side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub old_title: String,
    pub new_title: String,
    pub old_year: i32,
    pub new_year: i32,
    pub old_format: FormatId,
    pub new_format: FormatId,
    /// Every figure of tables 二, 三 and 四, in the new draft's table order; then the figures
    /// only the old draft's format has.
    pub rows: Vec<CompareRow>,
    /// What the clerk should know about the comparison, in Chinese.
    pub notes: Vec<String>,
}

/// The figure of a cell as the tables show it: entered, or a total as stated or computed.
fn figure(draft: &Draft, cell: &CellDef) -> Option<Value> {
    match cell.kind() {
        CellKind::Entered(_) => draft.value(cell.key()).cloned(),
        CellKind::Total => totals::read(draft, cell).map(Value::Count),
    }
}

/// A figure as a number, with its unit for money.
fn amount(value: &Value) -> (Decimal, Option<MoneyUnit>) {
    match value {
        Value::Count(n) => (Decimal::from(*n), None),
        Value::Signed(n) => (Decimal::from(*n), None),
        Value::Amount(d) => (*d, None),
        Value::Money(d, unit) => (*d, *unit),
    }
}

fn change(old: Option<&Value>, new: Option<&Value>) -> Change {
    let (old, new) = match (old, new) {
        (None, None) => return Change::Blank,
        (None, Some(_)) => return Change::OnlyNew,
        (Some(_), None) => return Change::OnlyOld,
        (Some(o), Some(n)) => (amount(o), amount(n)),
    };
    let ((o, o_unit), (n, n_unit)) = (old, new);
    let ((o, n), unit) = match (o_unit, n_unit) {
        (a, b) if a == b => ((o, n), a),
        (Some(_), Some(_)) => {
            let yuan = |d: Decimal, u| match u {
                Some(MoneyUnit::WanYuan) => (d * Decimal::from(10_000)).normalize(),
                _ => d,
            };
            ((yuan(o, o_unit), yuan(n, n_unit)), Some(MoneyUnit::Yuan))
        }
        _ => {
            return Change::Incomparable(
                "有一年的金额未注明单位（元或万元），无法比较".to_string(),
            );
        }
    };
    let delta = n - o;
    let percent = (!o.is_zero()).then(|| (delta * Decimal::from(100) / o).round_dp(1).normalize());
    Change::Delta {
        delta,
        unit,
        percent,
    }
}

/// The figure of the old draft that a cell of the new one compares with: the same cell, or its
/// counterpart in the old format (several summed). `Err` with the reason when there is none.
fn old_figure(
    old: &Draft,
    cell: &CellDef,
    same_format: bool,
) -> (Vec<CellKey>, Result<Option<Value>, String>) {
    let sources = if same_format {
        old.format
            .def()
            .cell_by_key(cell.key())
            .into_iter()
            .collect()
    } else {
        convert::sources_for(old.format, cell)
    };
    let keys: Vec<CellKey> = sources.iter().map(|s| s.key()).collect();
    let value = match sources.as_slice() {
        [] => Err(format!("{}中没有对应项", old.format.name())),
        [one] => Ok(figure(old, one)),
        many => {
            let counts: Vec<u64> = many
                .iter()
                .filter_map(|s| figure(old, s).as_ref().and_then(Value::as_count))
                .collect();
            Ok((!counts.is_empty()).then(|| Value::Count(counts.iter().sum())))
        }
    };
    (keys, value)
}

/// Compares two drafts figure by figure: `old` (usually last year's) and `new`.
pub fn compare(old: &Draft, new: &Draft) -> Comparison {
    let same_format = old.format == new.format;
    let mut rows = Vec::new();
    let mut used: HashSet<CellKey> = HashSet::new();
    for cell in new.format.def().cells() {
        let new_value = figure(new, &cell);
        let (keys, old_value) = old_figure(old, &cell, same_format);
        used.extend(keys.iter().copied());
        let (old_value, change) = match old_value {
            Ok(v) => {
                let c = change(v.as_ref(), new_value.as_ref());
                (v, c)
            }
            Err(reason) => (None, Change::Incomparable(reason)),
        };
        rows.push(CompareRow {
            table: cell.table.id,
            key: Some(cell.key()),
            old_key: match keys.as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            label: cell.describe(),
            total: cell.kind() == CellKind::Total,
            old: old_value,
            new: new_value,
            change,
        });
    }
    // Figures only the old format has.
    for cell in old.format.def().cells() {
        if used.contains(&cell.key()) {
            continue;
        }
        let Some(value) = figure(old, &cell) else {
            continue;
        };
        rows.push(CompareRow {
            table: cell.table.id,
            key: None,
            old_key: Some(cell.key()),
            label: cell.describe(),
            total: cell.kind() == CellKind::Total,
            old: Some(value),
            new: None,
            change: Change::Incomparable(convert::reason_not_carried(old.format, &cell)),
        });
    }

    let mut notes = Vec::new();
    if old.format != new.format {
        notes.push(format!(
            "两份报告的表格格式不同（{}、{}），只比较口径相同的数据",
            old.format.name(),
            new.format.name()
        ));
    }
    if old.body.trim() != new.body.trim() {
        notes.push(format!(
            "两份报告的机关名称不同：“{}”与“{}”",
            old.body.trim(),
            new.body.trim()
        ));
    }
    if old.year >= new.year {
        notes.push(format!(
            "对比的前一份报告为 {} 年度，后一份为 {} 年度",
            old.year, new.year
        ));
    }
    Comparison {
        old_title: old.title(),
        new_title: new.title(),
        old_year: old.year,
        new_year: new.year,
        old_format: old.format,
        new_format: new.format,
        rows,
        notes,
    }
}

impl Comparison {
    /// The comparison as tab-separated text, one figure a line under a header; with
    /// `changed_only`, only the figures that changed.
    pub fn to_text(&self, changed_only: bool) -> String {
        let mut out = format!(
            "本年与上年对比：{}（{}） → {}（{}）\n",
            self.old_title,
            self.old_format.name(),
            self.new_title,
            self.new_format.name()
        );
        for note in &self.notes {
            out.push_str(&format!("注：{note}\n"));
        }
        out.push_str(&format!(
            "项目\t{}年\t{}年\t增减\t增减率\n",
            self.old_year, self.new_year
        ));
        let show = |v: &Option<Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        for row in self.rows.iter().filter(|r| !changed_only || r.changed()) {
            let mut line = format!(
                "{}\t{}\t{}\t{}\t{}",
                row.label,
                show(&row.old),
                show(&row.new),
                row.change_text(),
                row.percent_text()
            );
            match &row.change {
                Change::Incomparable(reason) => line.push_str(&format!("\t（{reason}）")),
                Change::OnlyOld => line.push_str(&format!("\t（{}年未填写）", self.new_year)),
                Change::OnlyNew => line.push_str(&format!("\t（{}年未填写）", self.old_year)),
                Change::Delta { .. } | Change::Blank => {}
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// The comparison for scripts; with `changed_only`, only the figures that changed.
    pub fn to_json(&self, changed_only: bool) -> serde_json::Value {
        let rows: Vec<_> = self
            .rows
            .iter()
            .filter(|r| !changed_only || r.changed())
            .map(|r| {
                let (delta, percent, note) = match &r.change {
                    Change::Delta { .. } => (
                        Some(r.change_text()),
                        (r.percent_text() != "—").then(|| r.percent_text()),
                        None,
                    ),
                    Change::Incomparable(reason) => (None, None, Some(reason.clone())),
                    _ => (None, None, None),
                };
                let key = r.key.or(r.old_key);
                serde_json::json!({
                    "table": r.table.code(),
                    "row": key.map(|k| k.row),
                    "column": key.map(|k| k.col),
                    "label": r.label,
                    "total": r.total,
                    "old": r.old.as_ref().map(|v| v.to_string()),
                    "new": r.new.as_ref().map(|v| v.to_string()),
                    "change": delta,
                    "percent": percent,
                    "note": note,
                })
            })
            .collect();
        serde_json::json!({
            "old": { "title": self.old_title, "year": self.old_year, "format": self.old_format.code() },
            "new": { "title": self.new_title, "year": self.new_year, "format": self.new_format.code() },
            "notes": self.notes,
            "rows": rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;

    fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
        CellKey { table, row, col }
    }

    #[test]
    fn every_figure_with_its_change() {
        let mut old = Draft::new("某局", Level::Department, 2021);
        let mut new = Draft::new("某局", Level::Department, 2022);
        old.cells
            .insert(key(TableId::T3, "new", "natural"), Value::Count(8));
        new.cells
            .insert(key(TableId::T3, "new", "natural"), Value::Count(10));
        old.cells.insert(
            key(TableId::T2, "fees", "amount"),
            Value::Amount("7730.28".parse().unwrap()),
        );
        new.cells.insert(
            key(TableId::T2, "fees", "amount"),
            Value::Amount("7545".parse().unwrap()),
        );
        let c = compare(&old, &new);
        assert_eq!(c.rows.len(), 10 + 175 + 15);
        let row = |k| c.rows.iter().find(|r| r.key == Some(k)).unwrap();
        let natural = row(key(TableId::T3, "new", "natural"));
        assert_eq!(natural.change_text(), "+2");
        assert_eq!(natural.percent_text(), "+25%");
        // The computed 总计 compares too.
        let total = row(key(TableId::T3, "new", "total"));
        assert!(total.total);
        assert_eq!(total.change_text(), "+2");
        let fees = row(key(TableId::T2, "fees", "amount"));
        assert_eq!(fees.change_text(), "-185.28");
        assert_eq!(fees.percent_text(), "-2.4%");
        assert_eq!(
            row(key(TableId::T3, "carried", "natural")).change,
            Change::Blank
        );
        assert!(c.to_text(true).lines().count() < 10, "{}", c.to_text(true));
    }

    #[test]
    fn across_formats_only_like_is_compared_with_like() {
        let mut old = Draft::new("某县人民政府", Level::County, 2020);
        let new = Draft::new("某县人民政府", Level::County, 2021);
        old.cells.insert(
            key(TableId::T2, "normative", "total_published"),
            Value::Count(80),
        );
        old.cells
            .insert(key(TableId::T2, "normative", "made"), Value::Count(12));
        old.cells
            .insert(key(TableId::T3, "other", "natural"), Value::Count(3));
        let c = compare(&old, &new);
        let by_key = |k| c.rows.iter().find(|r| r.key == Some(k)).unwrap();
        let issued = by_key(key(TableId::T2, "normative", "issued"));
        assert_eq!(issued.old, Some(Value::Count(12)));
        assert_eq!(issued.change, Change::OnlyOld);
        assert!(matches!(
            by_key(key(TableId::T2, "normative", "in_force")).change,
            Change::Incomparable(_)
        ));
        assert_eq!(
            by_key(key(TableId::T3, "other_3", "natural")).old,
            Some(Value::Count(3))
        );
        let only_old = c
            .rows
            .iter()
            .find(|r| r.old_key == Some(key(TableId::T2, "normative", "total_published")))
            .unwrap();
        assert!(only_old.key.is_none());
        assert!(matches!(&only_old.change, Change::Incomparable(r) if r.contains("口径不同")));
        assert!(!c.notes.is_empty());
    }
}
