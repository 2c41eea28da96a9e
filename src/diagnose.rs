//! 可能的原因: beside the rule findings, the likely cause of a fault, and its repair.
//!
//! Most published errors are a handful of slips: the totals typed one row too high, a row of
//! figures typed one column off, 本年新收 and 上年结转 swapped, a sentence quoting the cell beside
//! the one it names. [`diagnose`] looks for these behind the findings of [`crate::check`] and
//! names each as a [`Diagnosis`]: a 提示 that carries the rule id and location of the finding it
//! explains (so that a window lists it under that finding), a Chinese message naming the cause,
//! and a [`Repair`] the clerk may accept as one [`Edit`] (one undo step).
//!
//! Nothing here changes a draft. A repair is offered only when it is proven on a copy: applied
//! there, it removes the finding it explains and brings no error that was not there before. A
//! draft without errors (or R7/R8 warnings) gets no diagnosis.

use std::collections::BTreeMap;

use crate::check::{self, Finding, Location, RuleId, Severity};
use crate::document::{self, Edit};
use crate::draft::{Draft, TextField};
use crate::format::{CellDef, CellKey, CellKind, TableDef, TableId};
use crate::narrative::figures::{self, Quantity};
use crate::narrative::numbers;
use crate::narrative::r7::{self, Claim};
use crate::totals;
use crate::value::Value;

/// Which slip a diagnosis names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    /// A row of table 三 holds what （七）总计 should hold, and （七）总计 is 0 or blank.
    TotalInWrongRow,
    /// A row's figures sit one column to the left or right of their place.
    ShiftedColumns,
    /// 一、本年新收 and 二、上年结转 swapped (last year's 结转下年度 known).
    SwappedNewAndCarried,
    /// A number of the narrative is the figure of another cell than the one its sentence names.
    NarrativeQuotesOtherCell,
}

impl Cause {
    /// The id scripts read.
    pub fn code(self) -> &'static str {
        match self {
            Cause::TotalInWrongRow => "total_in_wrong_row",
            Cause::ShiftedColumns => "shifted_columns",
            Cause::SwappedNewAndCarried => "swapped_new_and_carried",
            Cause::NarrativeQuotesOtherCell => "narrative_quotes_other_cell",
        }
    }
}

/// What accepting a diagnosis does: cell changes as one [`Edit::SetCells`], or a new text for
/// one field ([`Edit::SetText`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    Cells(Vec<(CellKey, Option<Value>)>),
    Text { field: TextField, text: String },
}

impl Repair {
    /// The edit that applies the repair, as one undo step. It is made for the draft the
    /// diagnosis was made from (a text repair carries the whole new text of its field): after
    /// any change, diagnose again. Apply it with
    /// [`Document::apply_alone`](crate::document::Document::apply_alone), so that a text repair
    /// does not merge with typing in the same field.
    pub fn edit(&self) -> Edit {
        match self {
            Repair::Cells(cells) => Edit::SetCells(cells.clone()),
            Repair::Text { field, text } => Edit::SetText {
                field: *field,
                text: text.clone(),
            },
        }
    }
}

/// The likely cause of a finding, and its repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// The rule of the finding this explains.
    pub rule: RuleId,
    /// The location of the finding this explains.
    pub location: Location,
    pub cause: Cause,
    /// 可能的原因, for the clerk: "（七）总计看起来被填在了「3.其他」行：…".
    pub message: String,
    /// 可以, for the clerk: what the repair does.
    pub remedy: String,
    pub repair: Repair,
}

impl Diagnosis {
    /// Always a 提示: a guess at the cause, never a finding of its own.
    pub fn severity(&self) -> Severity {
        Severity::Warning
    }

    /// "可能的原因：…；可以：…".
    pub fn line(&self) -> String {
        format!("可能的原因：{}；可以：{}", self.message, self.remedy)
    }

    /// Whether this explains a finding (the window lists it under that finding).
    pub fn explains(&self, finding: &Finding) -> bool {
        finding.rule == self.rule && finding.location == self.location
    }

    /// The diagnosis for scripts (`nianbao check --json --diagnose`).
    pub fn to_json(&self, draft: &Draft) -> serde_json::Value {
        let repair = match &self.repair {
            Repair::Cells(cells) => {
                let cells: Vec<_> = cells
                    .iter()
                    .map(|(key, value)| {
                        serde_json::json!({
                            "location": Location::Cell(*key).to_json(draft),
                            "from": draft.value(*key).map(ToString::to_string),
                            "to": value.as_ref().map(ToString::to_string),
                        })
                    })
                    .collect();
                serde_json::json!({ "kind": "cells", "cells": cells })
            }
            Repair::Text { field, text } => serde_json::json!({
                "kind": "text",
                "location": Location::Text(*field).to_json(draft),
                "text": text,
            }),
        };
        serde_json::json!({
            "rule": self.rule,
            "severity": self.severity().code(),
            "cause": self.cause.code(),
            "message": self.message,
            "remedy": self.remedy,
            "location": self.location.to_json(draft),
            "repair": repair,
        })
    }
}

/// The likely causes of the findings of a draft (`findings` as [`check::check`] gave them), in
/// the order of the findings they explain. Changes nothing.
pub fn diagnose(draft: &Draft, findings: &[Finding]) -> Vec<Diagnosis> {
    let mut candidates = Vec::new();
    let shifted_rows = total_in_wrong_row(draft, &mut candidates);
    shifted_columns(draft, &shifted_rows, &mut candidates);
    swapped_new_and_carried(draft, &mut candidates);
    narrative_other_cell(draft, &mut candidates);
    let mut out: Vec<(usize, Diagnosis)> = Vec::new();
    for c in candidates {
        let Some(index) = findings.iter().position(|f| (c.explains)(f)) else {
            continue;
        };
        let finding = &findings[index];
        if !proven(draft, findings, finding, &c.repair) {
            continue;
        }
        out.push((
            index,
            Diagnosis {
                rule: finding.rule,
                location: finding.location,
                cause: c.cause,
                message: c.message,
                remedy: c.remedy,
                repair: c.repair,
            },
        ));
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, d)| d).collect()
}

/// A cause found in the draft, before it is tied to a finding.
struct Candidate {
    cause: Cause,
    message: String,
    remedy: String,
    repair: Repair,
    /// Which findings this cause would explain (the first one in the list is taken).
    explains: Box<dyn Fn(&Finding) -> bool>,
}

/// The repair, applied to a copy, removes one of the findings like the one it explains and
/// brings no error that was not there before.
fn proven(draft: &Draft, before: &[Finding], explained: &Finding, repair: &Repair) -> bool {
    let mut copy = draft.clone();
    if document::apply_to(&mut copy, repair.edit()).is_err() || copy == *draft {
        return false;
    }
    let after = check::check(&copy);
    let like = |list: &[Finding]| {
        list.iter()
            .filter(|f| f.rule == explained.rule && f.location == explained.location)
            .count()
    };
    if like(&after) >= like(before) {
        return false;
    }
    let errors = |list: &[Finding]| {
        let mut m: BTreeMap<(RuleId, Location), usize> = BTreeMap::new();
        for f in list.iter().filter(|f| f.severity == Severity::Error) {
            *m.entry((f.rule, f.location)).or_default() += 1;
        }
        m
    };
    let (was, now) = (errors(before), errors(&after));
    now.iter()
        .all(|(k, n)| was.get(k).is_some_and(|before| before >= n))
}

fn t3(draft: &Draft) -> &'static TableDef {
    draft.format.def().table(TableId::T3)
}

fn key(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T3,
        row,
        col,
    }
}

fn read(draft: &Draft, row: &str, col: &str) -> Option<u64> {
    t3(draft)
        .cell(row, col)
        .and_then(|c| totals::read(draft, &c))
}

/// The figures of a row of table 三 for people: "270/11/0/0/1/9/291".
fn figures_text(values: &[Option<u64>]) -> String {
    values
        .iter()
        .map(|v| v.map_or("空白".to_string(), |n| n.to_string()))
        .collect::<Vec<_>>()
        .join("/")
}

/// The rows that （七）总计 adds up, and its definition.
fn total_row(draft: &Draft) -> Option<(CellDef, &'static [&'static str])> {
    let cell = t3(draft).cell("total", "total")?;
    let parts = cell.row.total.as_ref()?.parts;
    Some((cell, parts))
}

/// Cause 1: a part row of （七）总计 holds, column by column, the sum of the other parts (and,
/// where 一, 二 and 四 are filled, 一 + 二 − 四), while （七）总计 is stated as 0 or blank: the
/// totals were typed one row too high (the 晋江 seed). Returns the rows so explained.
fn total_in_wrong_row(draft: &Draft, out: &mut Vec<Candidate>) -> Vec<&'static str> {
    let Some((total_cell, parts)) = total_row(draft) else {
        return Vec::new();
    };
    let block = total_cell.block;
    let columns: Vec<&'static str> = block.columns.iter().map(|c| c.id).collect();
    // （七）总计 holds nothing but 0 or blank, and says so somewhere (a stated 0), or the row
    // holding the totals is counted twice in a computed （七）.
    let total_stated: Vec<Option<u64>> = columns
        .iter()
        .map(|c| draft.count(key("total", c)))
        .collect();
    let total_empty = total_stated.iter().all(|v| v.unwrap_or(0) == 0);
    let mut found = Vec::new();
    for &row in parts {
        let values: Vec<Option<u64>> = columns.iter().map(|c| read(draft, row, c)).collect();
        if values.iter().all(|v| v.unwrap_or(0) == 0) {
            continue;
        }
        let holds_totals = columns.iter().zip(&values).all(|(col, v)| {
            let others: u64 = parts
                .iter()
                .filter(|p| **p != row)
                .map(|p| read(draft, p, col).unwrap_or(0))
                .sum();
            let balance = match (
                read(draft, "new", col),
                read(draft, "carried", col),
                read(draft, "carry_forward", col),
            ) {
                (None, None, _) => None,
                (n, c, f) => (n.unwrap_or(0) + c.unwrap_or(0)).checked_sub(f.unwrap_or(0)),
            };
            let v = v.unwrap_or(0);
            v == others && balance.is_none_or(|b| b == v)
        });
        let stated_total = total_stated.iter().any(Option::is_some);
        if holds_totals && (total_empty || !stated_total) {
            found.push((row, values));
        }
    }
    // Two rows can each hold the sum of all others only when they are equal and every other
    // result is 0: either could be the misplaced one, so no guess.
    if found.len() != 1 {
        return Vec::new();
    }
    let (row, values) = found.remove(0);
    let Some(row_def) = block.row(row) else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for (col, v) in columns.iter().zip(&values) {
        let cell = key(row, col);
        let entered = t3(draft)
            .cell(row, col)
            .is_some_and(|c| matches!(c.kind(), CellKind::Entered(_)));
        // The row's own figures were 0: it summed to nothing beside the totals.
        if entered || draft.value(cell).is_some() {
            cells.push((cell, Some(Value::Count(0))));
        }
        let total = key("total", col);
        if draft.value(total).is_some() {
            cells.push((total, v.map(Value::Count)));
        }
    }
    let own = row_def.label();
    let total_label = total_cell.row.label();
    let message = format!(
        "{total_label}看起来被填在了「{own}」行：表三「{}」行的 {} 恰好等于其余各办理结果之和，而{total_label}{}",
        row_def.display_label(),
        figures_text(&values),
        if total_stated.iter().any(Option::is_some) {
            "填写为 0"
        } else {
            "又把这些申请算了一遍（算了两遍）"
        }
    );
    let remedy = format!(
        "把这些数字移到「{total_label}」行，「{}」行填 0",
        row_def.display_label()
    );
    out.push(Candidate {
        cause: Cause::TotalInWrongRow,
        message,
        remedy,
        repair: Repair::Cells(cells),
        explains: Box::new(move |f: &Finding| {
            f.severity == Severity::Error
                && matches!(f.rule, RuleId::R2 | RuleId::R3)
                && matches!(f.location, Location::Cell(k) if k.table == TableId::T3 && (k.row == "total" || k.row == row))
        }),
    });
    vec![row]
}

/// What a cell of table 三 should hold, from the other figures of its column: for a row of
/// 三, （七）总计 (by R3 where 一, 二 and 四 are filled, else as stated) less the other results;
/// for （七）总计, the sum of the results; for 一, 二 and 四, what R3 leaves for them.
fn expected(draft: &Draft, row: &str, col: &'static str) -> Option<u64> {
    let (_, parts) = total_row(draft)?;
    let get = |r: &str| read(draft, r, col);
    // The results other than `row`, as read.
    let other_results = || -> u64 {
        parts
            .iter()
            .filter(|p| **p != row)
            .map(|p| get(p).unwrap_or(0))
            .sum()
    };
    let (new, carried, forward) = (get("new"), get("carried"), get("carry_forward"));
    match row {
        "total" => Some(other_results()),
        "new" | "carried" | "carry_forward" => {
            let (n, c, t, f) = (
                new.unwrap_or(0),
                carried.unwrap_or(0),
                get("total")?,
                forward.unwrap_or(0),
            );
            match row {
                "new" => (t + f).checked_sub(c),
                "carried" => (t + f).checked_sub(n),
                _ => (n + c).checked_sub(t),
            }
        }
        _ if parts.contains(&row) => {
            let concluded = if new.is_some() || carried.is_some() {
                (new.unwrap_or(0) + carried.unwrap_or(0)).checked_sub(forward.unwrap_or(0))?
            } else {
                draft.count(key("total", col))?
            };
            concluded.checked_sub(other_results())
        }
        _ => None,
    }
}

/// Cause 2: in one row of table 三, the cells that differ from what their columns call for
/// hold, one column over, exactly what their neighbours call for: the row was typed one column
/// off. The repair sets those cells to what their columns call for. Where the figures cannot
/// tell which of two rows is off (a table with one result row: 一 to the right, or 予以公开 to
/// the left), both are offered, each proven on its own.
fn shifted_columns(draft: &Draft, skip: &[&str], out: &mut Vec<Candidate>) {
    let table = t3(draft);
    let Some(block) = table.blocks.first() else {
        return;
    };
    for row in block.rows {
        if skip.contains(&row.id) {
            continue;
        }
        // The columns a clerk types into: the applicant columns, and 总计 where it is stated.
        let cols: Vec<&'static str> = block
            .columns
            .iter()
            .filter(|c| c.total.is_none() || draft.value(key(row.id, c.id)).is_some())
            .map(|c| c.id)
            .collect();
        let v: Vec<u64> = cols
            .iter()
            .map(|c| read(draft, row.id, c).unwrap_or(0))
            .collect();
        let Some(e) = cols
            .iter()
            .map(|c| expected(draft, row.id, c))
            .collect::<Option<Vec<u64>>>()
        else {
            continue;
        };
        let wrong: Vec<usize> = (0..cols.len()).filter(|&k| v[k] != e[k]).collect();
        if wrong.len() < 2 {
            continue;
        }
        let (lo, hi) = (wrong[0], wrong[wrong.len() - 1]);
        // Right: every wrong cell but maybe the first (left empty) holds its left neighbour's
        // figure. Left: every wrong cell but maybe the last holds its right neighbour's.
        let right = (lo + 1..=hi).all(|k| v[k] == e[k - 1])
            && (lo + 1..=hi).filter(|&k| v[k] != e[k]).count() >= 2;
        let left =
            (lo..hi).all(|k| v[k] == e[k + 1]) && (lo..hi).filter(|&k| v[k] != e[k]).count() >= 2;
        if right == left {
            continue;
        }
        let (moved, direction) = if right {
            (lo + 1..=hi, "右")
        } else {
            (lo..=hi - 1, "左")
        };
        let label = |k: usize| {
            block
                .column(cols[k])
                .map(|c| c.label().to_string())
                .unwrap_or_default()
        };
        let first = *moved.start();
        let last = *moved.end();
        let figures: Vec<String> = moved.clone().map(|k| v[k].to_string()).collect();
        let (to_first, to_last) = if right {
            (first - 1, last - 1)
        } else {
            (first + 1, last + 1)
        };
        let message = format!(
            "表三「{}」行的数字看起来整体向{direction}错了一列：「{}」至「{}」列的 {} 应依次属于「{}」至「{}」列",
            row.display_label(),
            label(first),
            label(last),
            figures.join("/"),
            label(to_first),
            label(to_last),
        );
        let changes: Vec<String> = wrong
            .iter()
            .map(|&k| format!("「{}」{}→{}", label(k), v[k], e[k]))
            .collect();
        let remedy = format!("把这些数字移回原列：{}", changes.join("，"));
        let cells: Vec<(CellKey, Option<Value>)> = wrong
            .iter()
            .map(|&k| (key(row.id, cols[k]), Some(Value::Count(e[k]))))
            .collect();
        let row_id = row.id;
        let touched: Vec<&'static str> = wrong.iter().map(|&k| cols[k]).collect();
        out.push(Candidate {
            cause: Cause::ShiftedColumns,
            message,
            remedy,
            repair: Repair::Cells(cells),
            explains: Box::new(move |f: &Finding| {
                f.severity == Severity::Error
                    && matches!(f.location, Location::Cell(k) if k.table == TableId::T3
                        && (k.row == row_id || touched.contains(&k.col)))
            }),
        });
    }
}

/// Cause 3: 一、本年新收 holds, column by column, last year's 结转下年度 while 二、上年结转 does
/// not: the two rows were swapped.
fn swapped_new_and_carried(draft: &Draft, out: &mut Vec<Candidate>) {
    let Some(last) = &draft.last_year else {
        return;
    };
    if last.year != draft.year - 1 {
        return;
    }
    let Some(block) = t3(draft).blocks.first() else {
        return;
    };
    let cols: Vec<&'static str> = block.columns.iter().map(|c| c.id).collect();
    let new: Vec<u64> = cols
        .iter()
        .map(|c| read(draft, "new", c).unwrap_or(0))
        .collect();
    let carried: Vec<u64> = cols
        .iter()
        .map(|c| read(draft, "carried", c).unwrap_or(0))
        .collect();
    let last_cf: Vec<u64> = cols
        .iter()
        .map(|c| last.carry_forward.get(c).copied().unwrap_or(0))
        .collect();
    if new != last_cf || carried == last_cf {
        return;
    }
    let mut cells = Vec::new();
    for col in &cols {
        let (n, c) = (key("new", col), key("carried", col));
        let (nv, cv) = (draft.value(n).cloned(), draft.value(c).cloned());
        let entered = t3(draft)
            .cell("new", col)
            .is_some_and(|d| matches!(d.kind(), CellKind::Entered(_)));
        if entered || nv.is_some() || cv.is_some() {
            cells.push((n, cv));
            cells.push((c, nv));
        }
    }
    let total = |v: &[u64]| v.last().copied().unwrap_or(0);
    let message = format!(
        "本年新收与上年结转看起来填反了：表三“一、本年新收”为 {}，恰好等于上年（{}年）报告的“四、结转下年度继续办理”，\
         而“二、上年结转”为 {}",
        total(&new),
        last.year,
        total(&carried)
    );
    let remedy = "交换表三“一、本年新收”和“二、上年结转”两行的数字".to_string();
    out.push(Candidate {
        cause: Cause::SwappedNewAndCarried,
        message,
        remedy,
        repair: Repair::Cells(cells),
        explains: Box::new(|f: &Finding| {
            f.rule == RuleId::R8
                && matches!(f.location, Location::Cell(k) if k.table == TableId::T3 && k.row == "carried")
        }),
    });
}

/// The figures of cells a sentence might have quoted instead of the one it names: the other
/// rows of the same kind, and the parts of the named figure.
fn neighbours(draft: &Draft, q: Quantity) -> Vec<(String, u64)> {
    use figures::{Basis, CaseResult, Court, Outcome};
    let mut others: Vec<Quantity> = Vec::new();
    match q {
        Quantity::Requests(b) => {
            for other in [
                Basis::New,
                Basis::Carried,
                Basis::Concluded,
                Basis::CarryForward,
            ] {
                if other != b {
                    others.push(Quantity::Requests(other));
                }
            }
        }
        Quantity::Outcome(o) => {
            for other in Outcome::GROUPS {
                if other != o {
                    others.push(Quantity::Outcome(other));
                }
            }
        }
        Quantity::Cases(c, r) => {
            for other in [
                CaseResult::Upheld,
                CaseResult::Corrected,
                CaseResult::Other,
                CaseResult::Pending,
                CaseResult::Total,
            ] {
                if other != r {
                    others.push(Quantity::Cases(c, other));
                }
            }
            for other in [Court::Review, Court::Litigation] {
                if other != c {
                    others.push(Quantity::Cases(other, r));
                }
            }
        }
        Quantity::ByApplicant(..) => {}
    }
    let mut out: Vec<(String, u64)> = others
        .into_iter()
        .filter_map(|o| figures::expected(draft, o))
        .map(|e| (e.place, e.value))
        .collect();
    out.extend(
        figures::parts(draft, q)
            .into_iter()
            .map(|p| (p.place, p.value)),
    );
    out
}

/// The byte range of the number itself in a count mention ("291 件" → "291").
fn number_range(text: &str, at: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let mention = text.get(at.clone())?;
    let start = mention.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let len: usize = mention[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == ',')
        .map(char::len_utf8)
        .sum();
    Some(at.start + start..at.start + start + len)
}

/// Cause 4: a number of the narrative that R7 faults is exactly the figure of one other cell
/// (another row, another outcome, one column of the row): the sentence quoted the wrong cell.
fn narrative_other_cell(draft: &Draft, out: &mut Vec<Candidate>) {
    for (field, text) in draft.narrative() {
        if matches!(field, TextField::PartHeading(_)) {
            continue;
        }
        for claim in r7::claims(text) {
            let Claim::Count {
                sentence,
                at,
                quantity,
                value,
                says_carried_included,
                year,
                ..
            } = claim
            else {
                continue;
            };
            if value == 0 || says_carried_included || year.is_some_and(|y| y != draft.year) {
                continue;
            }
            let Some(expected) = figures::expected(draft, quantity) else {
                continue;
            };
            if expected.accepts(value) {
                continue;
            }
            let matches: Vec<(String, u64)> = neighbours(draft, quantity)
                .into_iter()
                .filter(|(_, v)| *v == value)
                .collect();
            let mut places: Vec<&str> = matches.iter().map(|(p, _)| p.as_str()).collect();
            places.dedup();
            let [place] = places.as_slice() else {
                continue;
            };
            let absolute = sentence.start + at.start..sentence.start + at.end;
            let Some(number) = number_range(text, absolute) else {
                continue;
            };
            let mut repaired = text.to_string();
            repaired.replace_range(number, &expected.value.to_string());
            let s = &text[sentence.clone()];
            let quote = numbers::quote(s, at.clone());
            let message = format!(
                "{}“{quote}”中的 {value} 件是{place}的数字，本句说的是{}，看起来引用了别的单元格",
                field.label(),
                quantity.noun(draft)
            );
            let remedy = format!("把 {value} 改为{} {} 件", expected.place, expected.value);
            let wanted = quote.clone();
            out.push(Candidate {
                cause: Cause::NarrativeQuotesOtherCell,
                message,
                remedy,
                repair: Repair::Text {
                    field,
                    text: repaired,
                },
                explains: Box::new(move |f: &Finding| {
                    f.rule == RuleId::R7
                        && f.location == Location::Text(field)
                        && f.message.contains(&wanted)
                }),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::{clean_2021, set};
    use crate::document::Document;
    use crate::draft::LastYear;
    use crate::format::FormatId;
    use crate::format::TableId::T3;
    use crate::value::Value::Count;

    fn errors(d: &Draft) -> Vec<Finding> {
        check::check(d)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    }

    /// Applies a diagnosis' repair through the document, as the window would.
    fn accept(d: &Draft, diagnosis: &Diagnosis) -> Draft {
        let mut doc = Document::new(d.clone());
        assert_eq!(doc.apply(diagnosis.repair.edit()), Ok(true));
        let repaired = doc.draft().clone();
        assert!(doc.undo());
        assert_eq!(doc.draft(), d, "one undo brings the draft back");
        assert!(!doc.can_undo(), "the repair is one undo step");
        repaired
    }

    #[test]
    fn a_clean_draft_gets_no_diagnosis() {
        let d = clean_2021();
        assert_eq!(diagnose(&d, &check::check(&d)), vec![]);
    }

    #[test]
    fn a_row_typed_one_column_to_the_right() {
        let mut d = clean_2021();
        // 一: 自然人 5, 商业企业 2, 法律服务机构 1; 办理结果: 予以公开 4/2/0/0/1, 部分公开 1.
        for (row, col, n) in [
            ("granted", "natural", 4),
            ("granted", "commercial", 2),
            ("granted", "legal", 1),
            ("partial", "natural", 1),
        ] {
            set(&mut d, T3, row, col, Count(n));
        }
        // Typed one column to the right: 0/5/2/0/0/1.
        for (col, n) in [
            ("natural", 0),
            ("commercial", 5),
            ("research", 2),
            ("other_org", 1),
        ] {
            set(&mut d, T3, "new", col, Count(n));
        }
        let findings = check::check(&d);
        assert!(!errors(&d).is_empty());
        let found = diagnose(&d, &findings);
        assert_eq!(found.len(), 1, "{found:#?}");
        let diagnosis = &found[0];
        assert_eq!(diagnosis.cause, Cause::ShiftedColumns);
        assert!(findings.iter().any(|f| diagnosis.explains(f)));
        assert!(
            diagnosis.message.contains("整体向右错了一列"),
            "{}",
            diagnosis.message
        );
        assert!(
            diagnosis.message.contains(
                "「商业企业」至「其他」列的 5/2/0/0/1 应依次属于「自然人」至「法律服务机构」列"
            ),
            "{}",
            diagnosis.message
        );
        let repaired = accept(&d, diagnosis);
        assert_eq!(errors(&repaired), vec![]);
        assert_eq!(repaired.count(key("new", "natural")), Some(5));
        assert_eq!(repaired.count(key("new", "legal")), Some(1));
        assert_eq!(repaired.count(key("new", "other_org")), Some(0));
    }

    #[test]
    fn a_single_wrong_figure_is_no_shift() {
        let mut d = clean_2021();
        set(&mut d, T3, "granted", "natural", Count(4));
        set(&mut d, T3, "new", "natural", Count(5));
        let findings = check::check(&d);
        assert!(!findings.is_empty());
        assert_eq!(diagnose(&d, &findings), vec![]);
    }

    #[test]
    fn totals_typed_into_the_last_result_row_are_counted_twice() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(3));
        set(&mut d, T3, "granted", "natural", Count(2));
        set(&mut d, T3, "partial", "natural", Count(1));
        // The clerk typed the total into （六）3 (the grid computes （七）, which is now 6).
        set(&mut d, T3, "other_3", "natural", Count(3));
        let findings = check::check(&d);
        let found = diagnose(&d, &findings);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].cause, Cause::TotalInWrongRow);
        assert_eq!(found[0].rule, RuleId::R3);
        assert!(
            found[0]
                .message
                .starts_with("（七）总计看起来被填在了「3.其他」行"),
            "{}",
            found[0].message
        );
        let repaired = accept(&d, &found[0]);
        assert_eq!(errors(&repaired), vec![]);
        assert_eq!(repaired.count(key("other_3", "natural")), Some(0));
        // （七）总计 stays computed: no stated total appears.
        assert_eq!(repaired.value(key("total", "natural")), None);
    }

    fn last_year(natural: u64) -> LastYear {
        LastYear {
            body: "测试市人民政府".into(),
            year: 2020,
            format: FormatId::F2021,
            carry_forward: [("natural", natural), ("total", natural)]
                .into_iter()
                .collect(),
            table2: Default::default(),
            report: None,
        }
    }

    #[test]
    fn new_and_carried_swapped_against_last_year() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(3));
        set(&mut d, T3, "carried", "natural", Count(1));
        set(&mut d, T3, "granted", "natural", Count(4));
        // Without last year's figures nothing tells the rows apart.
        assert_eq!(diagnose(&d, &check::check(&d)), vec![]);
        d.last_year = Some(last_year(3));
        let findings = check::check(&d);
        let found = diagnose(&d, &findings);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].cause, Cause::SwappedNewAndCarried);
        assert_eq!(found[0].rule, RuleId::R8);
        assert!(found[0].message.contains("填反了"), "{}", found[0].message);
        let repaired = accept(&d, &found[0]);
        assert_eq!(repaired.count(key("new", "natural")), Some(1));
        assert_eq!(repaired.count(key("carried", "natural")), Some(3));
        assert!(!check::check(&repaired).iter().any(|f| f.rule == RuleId::R8));
        // Rows that agree with last year: nothing to say.
        d.last_year = Some(last_year(1));
        assert_eq!(diagnose(&d, &check::check(&d)), vec![]);
    }

    #[test]
    fn a_sentence_quoting_the_neighbouring_row() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(5));
        set(&mut d, T3, "carried", "natural", Count(2));
        set(&mut d, T3, "granted", "natural", Count(7));
        d.parts[1].text = "本年新收政府信息公开申请2件，办结7件。".into();
        let findings = check::check(&d);
        assert!(findings.iter().any(|f| f.rule == RuleId::R7));
        let found = diagnose(&d, &findings);
        assert_eq!(found.len(), 1, "{found:#?}");
        let diagnosis = &found[0];
        assert_eq!(diagnosis.cause, Cause::NarrativeQuotesOtherCell);
        assert_eq!(diagnosis.rule, RuleId::R7);
        assert_eq!(diagnosis.location, Location::Text(TextField::PartText(1)));
        assert!(
            diagnosis.message.contains("二、上年结转"),
            "{}",
            diagnosis.message
        );
        let repaired = accept(&d, diagnosis);
        assert_eq!(
            repaired.parts[1].text,
            "本年新收政府信息公开申请5件，办结7件。"
        );
        assert!(!check::check(&repaired).iter().any(|f| f.rule == RuleId::R7));
    }

    #[test]
    fn a_text_repair_is_its_own_undo_step_after_typing() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(5));
        set(&mut d, T3, "carried", "natural", Count(2));
        set(&mut d, T3, "granted", "natural", Count(7));
        let mut doc = Document::new(d);
        for text in [
            "本年新收政府信息公开申请",
            "本年新收政府信息公开申请2件，办结7件。",
        ] {
            doc.apply(Edit::SetText {
                field: TextField::PartText(1),
                text: text.into(),
            })
            .unwrap();
        }
        let found = diagnose(doc.draft(), &check::check(doc.draft()));
        assert_eq!(found.len(), 1);
        assert_eq!(doc.apply_alone(found[0].repair.edit()), Ok(true));
        assert_eq!(
            doc.draft().parts[1].text,
            "本年新收政府信息公开申请5件，办结7件。"
        );
        assert!(doc.undo());
        assert_eq!(
            doc.draft().parts[1].text,
            "本年新收政府信息公开申请2件，办结7件。"
        );
    }

    #[test]
    fn a_number_matching_no_single_cell_gets_no_diagnosis() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(5));
        set(&mut d, T3, "carried", "natural", Count(2));
        set(&mut d, T3, "granted", "natural", Count(7));
        d.parts[1].text = "本年新收政府信息公开申请9件。".into();
        let findings = check::check(&d);
        assert!(findings.iter().any(|f| f.rule == RuleId::R7));
        assert_eq!(diagnose(&d, &findings), vec![]);
    }
}
