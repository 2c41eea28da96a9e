//! A block copied from Excel or WPS, pasted from the selected cell onward: all of it or none.

use super::navigation::{navigation_rows, position};
use crate::draft::Draft;
use crate::format::{CellKey, CellKind, TableDef};
use crate::totals;
use crate::value::{Value, parse_cell};

/// Splits text copied from a spreadsheet into rows of cells.
fn split_block(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rows: Vec<Vec<String>> = text
        .trim_end_matches('\n')
        .split('\n')
        .map(|line| line.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    // A label column copied along with the figures: every row starts with text that is no number.
    let labelled = rows.iter().all(|r| {
        r.len() > 1
            && r[0]
                .chars()
                .any(|c| !c.is_ascii_digit() && !matches!(c, ',' | '.' | '-' | ' '))
            && parse_cell(crate::format::CellType::Count, &r[0]).is_err()
            && parse_cell(crate::format::CellType::Money, &r[0]).is_err()
    });
    if labelled {
        for r in &mut rows {
            r.remove(0);
        }
    }
    rows
}

/// Works out a pasted block from the selected cell onward: all cells or none.
pub fn plan_paste(
    draft: &Draft,
    table: &'static TableDef,
    start: CellKey,
    text: &str,
) -> Result<Vec<(CellKey, Option<Value>)>, String> {
    let rows = navigation_rows(table);
    let Some((r0, c0)) = position(&rows, start) else {
        return Err("请先选中要粘贴到的单元格".into());
    };
    let block = split_block(text);
    let height = block.len();
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    // The rows below the start that share its columns (a block of table 二 has its own columns).
    let start_cols = &rows[r0][c0..];
    let target_rows: Vec<&Vec<CellKey>> = rows[r0..]
        .iter()
        .take_while(|row| {
            row.len() == rows[r0].len()
                && row.iter().map(|k| k.col).eq(rows[r0].iter().map(|k| k.col))
        })
        .collect();
    if height > target_rows.len() || width > start_cols.len() {
        return Err(format!(
            "粘贴的内容有 {height} 行 {width} 列，从选中的单元格起只能容纳 {} 行 {} 列，未粘贴任何内容",
            target_rows.len(),
            start_cols.len()
        ));
    }
    let def = draft.format.def();
    let mut out = Vec::new();
    for (i, line) in block.iter().enumerate() {
        for (j, text) in line.iter().enumerate() {
            let key = target_rows[i][c0 + j];
            let Some(cell) = def.cell_by_key(key) else {
                continue;
            };
            let value = parse_cell(cell.ty(), text)
                .map_err(|e| format!("{}：{e}，未粘贴任何内容", cell.describe()))?;
            out.push((key, value));
        }
    }
    // A pasted total that equals the sum of its pasted parts is not kept as stated: it would only
    // go stale when a part changes later.
    let mut after = draft.clone();
    for (key, value) in &out {
        match value {
            Some(v) => after.cells.insert(*key, v.clone()),
            None => after.cells.remove(key),
        };
    }
    out.retain(|(key, value)| {
        let Some(cell) = def.cell_by_key(*key) else {
            return true;
        };
        if cell.kind() != CellKind::Total {
            return true;
        }
        let mut without = after.clone();
        without.cells.remove(key);
        value.as_ref().and_then(Value::as_count) != totals::computed(&without, &cell)
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::navigation::tests::{key, t3};
    use super::*;
    use crate::draft::Level;

    #[test]
    fn a_block_with_its_label_column_pastes_from_the_focused_cell() {
        let d = Draft::new("某局", Level::Department, 2022);
        let text = "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6\r\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\r\n";
        let cells = plan_paste(&d, t3(), key("new", "natural"), text).unwrap();
        assert!(cells.contains(&(key("new", "natural"), Some(Value::Count(5)))));
        assert!(cells.contains(&(key("carried", "natural"), Some(Value::Count(1)))));
        // The totals equal their parts, so they stay computed.
        assert!(!cells.iter().any(|(k, _)| k.col == "total"));
        // A total that disagrees is kept as stated.
        let text = "5\t1\t0\t0\t0\t0\t9";
        let cells = plan_paste(&d, t3(), key("new", "natural"), text).unwrap();
        assert!(cells.contains(&(key("new", "total"), Some(Value::Count(9)))));
    }

    #[test]
    fn a_block_that_does_not_fit_is_refused() {
        let d = Draft::new("某局", Level::Department, 2022);
        let err = plan_paste(&d, t3(), key("new", "legal"), "1\t2\t3\t4").unwrap_err();
        assert!(err.contains("只能容纳"), "{err}");
        let err = plan_paste(&d, t3(), key("new", "natural"), "1\t2a").unwrap_err();
        assert!(err.contains("2a"), "{err}");
        let err = plan_paste(&d, t3(), key("carry_forward", "natural"), "1\n2").unwrap_err();
        assert!(err.contains("只能容纳"), "{err}");
    }
}
