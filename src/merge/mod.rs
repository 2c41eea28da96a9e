//! 汇总: the drafts of several units of one year added up into one.
//!
//! Every entered cell is summed exactly: counts as `u64`, 本年增/减 as `i64`, amounts as
//! [`Decimal`] — never as floats, so 0.1 + 0.2 万元 is 0.3 万元. A blank plus a number is the
//! number; a cell blank in every unit stays blank. 采购总金额 in 元 and 万元 is converted exactly
//! (1 万元 = 10000 元). Each unit's own findings are reported beside the sum, and drafts of
//! different years or formats, or the same unit twice, are refused with a message naming them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::check::{self, Finding, Severity};
use crate::draft::{Draft, LastYear, Level};
use crate::draft_file::{self, LoadError};
use crate::format::{CellDef, CellKey, CellKind, FormatId};
use crate::value::{MAX_MAGNITUDE, MoneyUnit, Value};

mod money;

use money::{sum_fees, sum_money};

/// One unit's draft, with the name messages give it (its file name, say).
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    pub source: &'a str,
    pub draft: &'a Draft,
}

/// What the 汇总 draft is called. Left `None`, the body names the first unit and the count
/// ("晋江市教育局等3个单位"), and the level is the units' common level (县级人民政府 when they differ).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    pub body: Option<String>,
    pub level: Option<Level>,
}

/// One unit's own findings, reported beside the sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFindings {
    pub source: String,
    pub body: String,
    pub findings: Vec<Finding>,
}

impl UnitFindings {
    /// (errors, warnings).
    pub fn tally(&self) -> (usize, usize) {
        check::tally(&self.findings)
    }

    /// "晋江市教育局（jiaoyu.ron）：错误 1 项，提示 2 项".
    pub fn summary(&self) -> String {
        let (errors, warnings) = self.tally();
        format!(
            "{}（{}）：错误 {errors} 项，提示 {warnings} 项",
            self.body, self.source
        )
    }
}

/// The result of a 汇总.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The summed draft; [`Draft::merged_from`] lists the units, numbered siblings in number
    /// order (第2镇 before 第10镇), the rest in the order given.
    pub draft: Draft,
    /// Each unit's findings, in the order the units were given.
    pub units: Vec<UnitFindings>,
    /// What the clerk should know about the sum, in Chinese.
    pub notes: Vec<String>,
}

impl Merged {
    /// What the clerk is told of a 汇总, one line each, indented as printed: the units added up,
    /// the notes, and each unit's own tally with its errors.
    pub fn summary(&self) -> Vec<String> {
        let d = &self.draft;
        let mut lines = vec![format!(
            "汇总单位（{} 个）：{}",
            d.merged_from.len(),
            d.merged_from.join("、")
        )];
        lines.extend(self.notes.iter().map(|note| format!("  {note}")));
        let with_errors = self.units.iter().filter(|u| u.tally().0 > 0).count();
        lines.push(format!("各单位自身的问题（{with_errors} 个单位有错误）："));
        for unit in &self.units {
            lines.push(format!("  {}", unit.summary()));
            lines.extend(
                unit.findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| format!("    [错误] {} {}", f.rule, f.message)),
            );
        }
        lines
    }
}

/// Why drafts cannot be added up. The messages are for the clerk and name the drafts.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("没有要汇总的草稿")]
    Empty,
    #[error("无法打开 {file}：{error}")]
    Load { file: String, error: LoadError },
    #[error("以下草稿没有填写机关名称，无法列入汇总：{0}")]
    NoBody(String),
    #[error("汇总的草稿须为同一报告年度、同一表格格式，以下草稿不一致——{0}")]
    Mixed(String),
    #[error("同一单位不能重复汇总——{0}")]
    Duplicate(String),
    #[error(
        "{cell}：{sources} 未注明单位，无法与注明“元”或“万元”的金额准确相加；请先在这些草稿中注明单位"
    )]
    UnknownUnit { cell: String, sources: String },
    #[error("{cell}：汇总后为 {sum}，超过单元格上限 {MAX_MAGNITUDE}，无法保存")]
    TooLarge { cell: String, sum: String },
}

/// A running sum of one cell.
#[derive(Clone, Debug, Default)]
struct Acc {
    /// How many units filled (or, for a total, stated) the cell.
    filled: usize,
    count: u64,
    signed: i64,
    amount: Decimal,
    /// 采购总金额 as entered, with the unit and the unit's index.
    money: Vec<(Decimal, Option<MoneyUnit>, usize)>,
}

impl Acc {
    /// Adds a value; `false` when it overflows (far beyond any real figure).
    fn add(&mut self, value: &Value, unit: usize) -> bool {
        self.filled += 1;
        match value {
            Value::Count(n) => self.count.checked_add(*n).map(|s| self.count = s),
            Value::Signed(n) => self.signed.checked_add(*n).map(|s| self.signed = s),
            Value::Amount(d) => self.amount.checked_add(*d).map(|s| self.amount = s),
            Value::Money(d, u) => {
                self.money.push((*d, *u, unit));
                Some(())
            }
        }
        .is_some()
    }
}

fn too_large(cell: &CellDef, sum: impl ToString) -> MergeError {
    MergeError::TooLarge {
        cell: cell.describe(),
        sum: sum.to_string(),
    }
}

/// Refuses what cannot be added up: no drafts, unnamed units, mixed years or formats, a unit
/// given twice (directly, or inside a 汇总 given beside it).
fn refuse_mixes(units: &[Unit<'_>]) -> Result<(), MergeError> {
    if units.is_empty() {
        return Err(MergeError::Empty);
    }
    let unnamed: Vec<&str> = units
        .iter()
        .filter(|u| u.draft.body.trim().is_empty())
        .map(|u| u.source)
        .collect();
    if !unnamed.is_empty() {
        return Err(MergeError::NoBody(unnamed.join("、")));
    }

    // Groups of (year, format), in the order they first appear.
    let mut groups: Vec<((i32, FormatId), Vec<&str>)> = Vec::new();
    for u in units {
        let k = (u.draft.year, u.draft.format);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, sources)) => sources.push(u.source),
            None => groups.push((k, vec![u.source])),
        }
    }
    if groups.len() > 1 {
        let text: Vec<String> = groups
            .iter()
            .map(|((year, format), sources)| {
                format!("{year} 年度、{}：{}", format.name(), sources.join("、"))
            })
            .collect();
        return Err(MergeError::Mixed(text.join("；")));
    }

    // Every unit counted, with where it comes from (its own draft, or a 汇总's list), in the
    // order the units first appear.
    let mut seen: Vec<(&str, Vec<String>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for u in units {
        let body = u.draft.body.trim();
        let own = std::iter::once((body, u.source.to_string()));
        // A county's 汇总 may list the county government's own figures under its own name:
        // that is one unit, not two.
        let inner = u
            .draft
            .merged_from
            .iter()
            .map(|b| b.trim())
            .filter(move |b| *b != body)
            .map(|b| (b, format!("{} 的汇总", u.source)));
        for (body, place) in own.chain(inner) {
            match at.get(body) {
                Some(&i) => seen[i].1.push(place),
                None => {
                    at.insert(body, seen.len());
                    seen.push((body, vec![place]));
                }
            }
        }
    }
    let twice: Vec<String> = seen
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(body, places)| format!("{body}（{}）", places.join("、")))
        .collect();
    if !twice.is_empty() {
        return Err(MergeError::Duplicate(twice.join("；")));
    }
    Ok(())
}

/// Last year's figures of the 汇总: summed when every unit has them for the same year and format
/// (R8 and R9 are linear, so they hold for the sum when they hold for the units); otherwise none,
/// and a note says why.
fn merged_last_year(units: &[Unit<'_>], body: &str, notes: &mut Vec<String>) -> Option<LastYear> {
    let lasts: Vec<&LastYear> = units
        .iter()
        .filter_map(|u| u.draft.last_year.as_ref())
        .collect();
    if lasts.is_empty() {
        return None;
    }
    if lasts.len() < units.len() {
        notes.push(format!(
            "{} 个单位中有 {} 个没有上年数据，汇总稿不做跨年度核对（R8、R9）",
            units.len(),
            units.len() - lasts.len()
        ));
        return None;
    }
    let first = lasts[0];
    if lasts
        .iter()
        .any(|l| l.year != first.year || l.format != first.format)
    {
        notes.push("各单位的上年数据年度或格式不一致，汇总稿不做跨年度核对（R8、R9）".to_string());
        return None;
    }
    let mut carry_forward: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut table2: BTreeMap<CellKey, Acc> = BTreeMap::new();
    for (i, last) in lasts.iter().enumerate() {
        for (col, n) in &last.carry_forward {
            let slot = carry_forward.entry(col).or_default();
            *slot = slot.saturating_add(*n);
        }
        for (key, value) in &last.table2 {
            table2.entry(*key).or_default().add(value, i);
        }
    }
    let table2 = table2
        .into_iter()
        .filter_map(|(key, acc)| {
            let ty = first.format.def().cell_by_key(key)?.ty();
            Some((key, value_of_acc(ty, &acc)?))
        })
        .collect();
    Some(LastYear {
        body: body.to_string(),
        year: first.year,
        format: first.format,
        carry_forward,
        table2,
        // A 汇总 has no one report of last year.
        report: None,
    })
}

/// The summed value of a count, signed or amount cell (money is summed by [`sum_money`]).
fn value_of_acc(ty: crate::format::CellType, acc: &Acc) -> Option<Value> {
    use crate::format::CellType;
    match ty {
        CellType::Count => Some(Value::Count(acc.count)),
        CellType::Signed => Some(Value::Signed(acc.signed)),
        CellType::Amount => Some(Value::Amount(acc.amount)),
        CellType::Money => None,
    }
}

/// Adds up the drafts of several units of one year into one 汇总 draft, and checks each unit.
pub fn merge(units: &[Unit<'_>], options: &MergeOptions) -> Result<Merged, MergeError> {
    merge_checked(units, options, check_units)
}

/// [`merge`] for units whose findings are known already (the review board has checked every
/// unit): `findings` gives them, in the order of `units`, and is called only when the units can
/// be added up. Checking a thousand units again would double the time of a 汇总 from the board.
pub fn merge_checked(
    units: &[Unit<'_>],
    options: &MergeOptions,
    findings: impl FnOnce(&[Unit<'_>]) -> Vec<UnitFindings>,
) -> Result<Merged, MergeError> {
    refuse_mixes(units)?;
    let first = units[0].draft;
    let format = first.format;
    let def = format.def();
    let cells: Vec<CellDef> = def.cells().collect();
    let index: HashMap<CellKey, usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key(), i))
        .collect();

    let mut accs = vec![Acc::default(); cells.len()];
    for (u, unit) in units.iter().enumerate() {
        for (key, value) in &unit.draft.cells {
            // A draft holds only cells of its format (the loader and the edits see to it).
            let Some(&i) = index.get(key) else { continue };
            if !accs[i].add(value, u) {
                return Err(too_large(&cells[i], "—"));
            }
        }
    }

    let mut summed = crate::draft::Cells::new();
    let mut partly_stated = 0usize;
    for (cell, acc) in cells.iter().zip(&accs) {
        if acc.filled == 0 {
            continue; // blank in every unit: blank
        }
        let value = match cell.kind() {
            // A stated total is what a unit's report printed. Summing printed totals is only
            // meaningful when every unit printed one: the sum is then what the units published
            // in total, and where a unit's printed total disagrees with its parts the 汇总 shows
            // the same disagreement (and the unit's own findings name it). When only some units
            // stated a total, a sum of stated and computed figures would be neither, so the
            // 汇总 leaves the total to be computed from its summed parts.
            CellKind::Total if acc.filled < units.len() => {
                partly_stated += 1;
                continue;
            }
            CellKind::Total => Value::Count(acc.count),
            CellKind::Entered(crate::format::CellType::Money) => {
                sum_money(cell, &acc.money, units)?
            }
            CellKind::Entered(ty) => match value_of_acc(ty, acc) {
                Some(v) => v,
                None => continue,
            },
        };
        let magnitude_ok = match &value {
            Value::Count(n) => *n <= MAX_MAGNITUDE,
            Value::Signed(n) => n.unsigned_abs() <= MAX_MAGNITUDE,
            Value::Amount(d) | Value::Money(d, _) => *d <= Decimal::from(MAX_MAGNITUDE),
        };
        if !magnitude_ok {
            return Err(too_large(cell, &value));
        }
        summed.insert(cell.key(), value);
    }

    let unit_findings = findings(units);

    let body = match &options.body {
        Some(b) if !b.trim().is_empty() => b.trim().to_string(),
        _ => format!("{}等{}个单位", first.body.trim(), units.len()),
    };
    let level = options.level.unwrap_or_else(|| {
        if units.iter().all(|u| u.draft.level == first.level) {
            first.level
        } else {
            Level::County
        }
    });
    let mut notes = vec![format!("共汇总 {} 个单位的数据", units.len())];
    if partly_stated > 0 {
        notes.push(format!(
            "{partly_stated} 个合计单元格只有部分单位填写了合计数，汇总稿中这些合计按汇总后的分项计算"
        ));
    }
    let mut draft = Draft::new(body.clone(), level, first.year);
    draft.format = format;
    draft.cells = summed;
    draft.info_fee = sum_fees(units)?;
    draft.merged_from = units
        .iter()
        .map(|u| u.draft.body.trim().to_string())
        .collect();
    crate::collate::numbers_in_order(&mut draft.merged_from, |b| b.as_str());
    draft.last_year = merged_last_year(units, &body, &mut notes);
    write_sentences(&mut draft);
    Ok(Merged {
        draft,
        units: unit_findings,
        notes,
    })
}

/// Starts the 汇总's narrative with the sentences the figures give (统计期限, 依申请公开, 复议诉讼,
/// 信息处理费), each in its home field, as 生成 does in the window: a 汇总 is written from its
/// figures, and an empty narrative fails the checker (R11, R13) on every 汇总.
fn write_sentences(draft: &mut Draft) {
    for kind in crate::narrative::Kind::ALL {
        if let Some((field, text)) = crate::narrative::refreshed(draft, kind)
            && let Some(slot) = draft.text_mut(field)
        {
            *slot = text;
        }
    }
}

/// Checks every unit, on as many threads as the machine has (a 汇总 may hold a thousand units).
fn check_units(units: &[Unit<'_>]) -> Vec<UnitFindings> {
    let one = |u: &Unit<'_>| UnitFindings {
        source: u.source.to_string(),
        body: u.draft.body.trim().to_string(),
        findings: check::check(u.draft),
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(units.len().div_ceil(64).max(1));
    if threads <= 1 {
        return units.iter().map(one).collect();
    }
    let chunk = units.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = units
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(units.len());
        for (handle, part) in handles.into_iter().zip(units.chunks(chunk)) {
            match handle.join() {
                Ok(found) => out.extend(found),
                // A checker thread cannot panic on a loaded draft; should it, check here.
                Err(_) => out.extend(part.iter().map(one)),
            }
        }
        out
    })
}

/// Loads `.ron` drafts and adds them up; each unit is named by its file name in messages.
pub fn merge_files(paths: &[PathBuf], options: &MergeOptions) -> Result<Merged, MergeError> {
    let names: Vec<String> = paths.iter().map(|p| source_name(p)).collect();
    let mut drafts = Vec::with_capacity(paths.len());
    for (path, name) in paths.iter().zip(&names) {
        let draft = draft_file::load(path).map_err(|error| MergeError::Load {
            file: name.clone(),
            error,
        })?;
        drafts.push(draft);
    }
    let units: Vec<Unit<'_>> = names
        .iter()
        .zip(&drafts)
        .map(|(source, draft)| Unit {
            source: source.as_str(),
            draft,
        })
        .collect();
    merge(&units, options)
}

/// How a file is named in messages: its file name ("教育局.ron").
fn source_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::TableId;

    fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
        CellKey { table, row, col }
    }

    #[test]
    fn blank_plus_number_is_the_number_and_all_blank_stays_blank() {
        let mut a = Draft::new("甲局", Level::Department, 2022);
        let b = Draft::new("乙局", Level::Department, 2022);
        a.cells
            .insert(key(TableId::T3, "new", "natural"), Value::Count(4));
        let m = merge(
            &[
                Unit {
                    source: "a",
                    draft: &a,
                },
                Unit {
                    source: "b",
                    draft: &b,
                },
            ],
            &MergeOptions::default(),
        )
        .unwrap();
        assert_eq!(m.draft.cells.len(), 1);
        assert_eq!(m.draft.count(key(TableId::T3, "new", "natural")), Some(4));
        assert_eq!(m.draft.merged_from, vec!["甲局", "乙局"]);
        assert_eq!(m.draft.body, "甲局等2个单位");
        assert_eq!(m.draft.level, Level::Department);
    }

    #[test]
    fn fees_are_summed_sentences_written_and_numbered_units_in_order() {
        let mut units = Vec::new();
        for (body, fee) in [
            ("第10镇", Some("1.5")),
            ("第2镇", None),
            ("甲局", Some("2")),
        ] {
            let mut d = Draft::new(body, Level::Township, 2022);
            d.info_fee = fee.map(|f| f.parse().unwrap());
            d.cells
                .insert(key(TableId::T3, "new", "natural"), Value::Count(3));
            units.push(d);
        }
        let given: Vec<Unit<'_>> = units
            .iter()
            .map(|d| Unit {
                source: "x.ron",
                draft: d,
            })
            .collect();
        let m = merge(&given, &MergeOptions::default()).unwrap();
        assert_eq!(m.draft.info_fee, Some("3.5".parse().unwrap()));
        assert_eq!(m.draft.merged_from, vec!["第2镇", "第10镇", "甲局"]);
        // Each generated sentence stands in its field, as 生成 puts it there.
        for generated in crate::narrative::sentences(&m.draft) {
            let text = m.draft.text(generated.field).unwrap();
            assert!(text.contains(&generated.text), "{}", generated.label);
        }
        assert!(m.draft.other_matters.contains("3.5元"));
        let rules: Vec<_> = check::check(&m.draft).iter().map(|f| f.rule).collect();
        assert!(!rules.contains(&crate::rules::RuleId::R11), "{rules:?}");
        assert!(!rules.contains(&crate::rules::RuleId::R13), "{rules:?}");
    }
}
