//! The board written out: text for the terminal, JSON for scripts, a printable HTML page, an
//! .xlsx workbook of units and 问题清单; 退回意见 per unit; 下发 drafts for the coming year.

mod html;
mod issue;
mod returns;
mod xlsx;

pub use html::html;
pub use issue::{IssuedDraft, issue_drafts};
pub use returns::{ReturnLetter, file_stem, returns};
pub use xlsx::xlsx;

use serde_json::{Value, json};

use super::{Board, Column, Row};

/// The board's summary line: files, units read, 未报, reported twice, not on the roster.
pub fn summary(board: &Board) -> String {
    let status = board.status();
    let with_errors = board.rows.iter().filter(|r| r.has_errors()).count();
    let mut line = format!(
        "审核汇总：共 {} 份文件，读取 {} 份，{} 份有错误或无法读取",
        board.rows.len(),
        board.readable(),
        with_errors
    );
    if let Some(roster) = &board.roster {
        line.push_str(&format!(
            "；名单 {} 个单位，未报 {} 个，不在名单 {} 份",
            roster.units.len(),
            status.missing.len(),
            status.not_on_roster.len()
        ));
    }
    if !status.twice.is_empty() {
        line.push_str(&format!("；重复报送 {} 个单位", status.twice.len()));
    }
    if !board.complete {
        line.push_str("（已取消，未读完全部文件，未报名单不作结论）");
    }
    line
}

/// The columns of a unit's line in the text output, after its name and its tally.
fn text_columns() -> impl Iterator<Item = Column> {
    use Column::*;
    Column::ALL
        .into_iter()
        .filter(|c| !matches!(c, Unit | File | Level | Errors | Warnings))
}

fn row_line(row: &Row) -> String {
    let head = format!("{}（{}）", row.name(), row.source);
    match &row.unit {
        Err(why) => format!("{head}：{why}"),
        Ok(u) => {
            let (e, w) = u.tally();
            let cols: Vec<String> = text_columns()
                .map(|c| format!("{} {}", c.label(), c.text(row)))
                .collect();
            format!("{head}：错误 {e} 项，提示 {w} 项；{}", cols.join("；"))
        }
    }
}

/// The board for the terminal: the summary, each unit with its figures, then the 问题清单.
pub fn text(board: &Board) -> String {
    let mut out = summary(board) + "\n";
    for row in &board.rows {
        out.push_str(&row_line(row));
        out.push('\n');
    }
    let issues = board.issues();
    if !issues.is_empty() {
        out.push_str(&format!("问题清单（{} 项）：\n", issues.len()));
        for i in &issues {
            out.push_str(&format!(
                "  [{}] {} {}：{}\n",
                i.severity,
                i.unit,
                i.rule,
                i.place_and_message()
            ));
        }
    }
    out
}

fn row_json(row: &Row) -> Value {
    let Some(u) = row.report() else {
        return json!({ "unit": row.name(), "file": row.source, "error": row.unit.as_ref().err() });
    };
    let (errors, warnings) = u.tally();
    let f = &u.figures;
    let ratio = |r: super::Ratio| json!({ "text": r.text(), "value": r.value() });
    json!({
        "unit": row.name(),
        "file": row.source,
        "origin": u.origin,
        "level": u.draft.level.label(),
        "year": u.draft.year,
        "format": u.draft.format.code(),
        "errors": errors,
        "warnings": warnings,
        "last_year": u.last_year.text(),
        "deadline": {
            "date": u.deadline.deadline.as_ref().map(|(d, _)| d.to_string()),
            "basis": u.deadline.deadline.as_ref().map(|(_, b)| b),
            "planned": u.deadline.planned.map(|d| d.to_string()),
            "verdict": u.deadline.verdict(),
        },
        "figures": f,
        "ratios": {
            "disclosure": ratio(f.disclosure_rate()),
            "review_correction": ratio(f.review_correction_rate()),
            "litigation_correction": ratio(f.litigation_correction_rate()),
        },
        "import_notes": u.notes.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "findings": u.findings.iter().map(|x| x.to_json(&u.draft)).collect::<Vec<_>>(),
    })
}

/// The board for scripts.
pub fn json(board: &Board) -> Value {
    let status = board.status();
    json!({
        "complete": board.complete,
        "summary": summary(board),
        "units": board.rows.iter().map(row_json).collect::<Vec<_>>(),
        "missing": status.missing,
        "twice": status.twice.iter().map(|(name, rows)| json!({
            "unit": name,
            "files": rows.iter().map(|&i| &board.rows[i].source).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "not_on_roster": status.not_on_roster.iter().map(|&i| &board.rows[i].source).collect::<Vec<_>>(),
        "issues": board.issues(),
    })
}
