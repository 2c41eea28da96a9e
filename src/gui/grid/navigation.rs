//! Moving through a table: the cells in reading order, the editable ones (computed totals are
//! skipped), moves by key, and the selected range.

use super::is_editable;
use crate::draft::Draft;
use crate::format::{CellKey, TableDef};

/// The cells the keyboard moves through, row by row (every row of every block).
pub fn navigation_rows(table: &'static TableDef) -> Vec<Vec<CellKey>> {
    table
        .blocks
        .iter()
        .flat_map(|block| {
            block.rows.iter().map(move |row| {
                block
                    .columns
                    .iter()
                    .map(|col| CellKey {
                        table: table.id,
                        row: row.id,
                        col: col.id,
                    })
                    .collect()
            })
        })
        .collect()
}

/// The cells Tab, Enter and the arrows move through: the editable ones (computed totals are
/// skipped, like locked cells in a spreadsheet).
pub fn editable_rows(all: &[Vec<CellKey>], draft: &Draft) -> Vec<Vec<CellKey>> {
    let def = draft.format.def();
    (all.iter())
        .map(|row| {
            (row.iter().copied())
                .filter(|k| def.cell_by_key(*k).is_some_and(|c| is_editable(draft, &c)))
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

pub fn position(rows: &[Vec<CellKey>], key: CellKey) -> Option<(usize, usize)> {
    rows.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == key).map(|c| (r, c)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Prev,
    Up,
    Down,
    Left,
    Right,
}

pub fn moved(rows: &[Vec<CellKey>], key: CellKey, m: Move) -> Option<CellKey> {
    let (r, c) = position(rows, key)?;
    let flat: Vec<CellKey> = rows.iter().flatten().copied().collect();
    let index = flat.iter().position(|k| *k == key)?;
    let same_column = |row: &Vec<CellKey>| row.iter().find(|k| k.col == key.col).copied();
    match m {
        Move::Next => flat.get(index + 1).copied(),
        Move::Prev => index.checked_sub(1).and_then(|i| flat.get(i).copied()),
        Move::Right => rows[r].get(c + 1).copied(),
        Move::Left => c.checked_sub(1).and_then(|c| rows[r].get(c).copied()),
        Move::Down => rows[r + 1..].iter().find_map(same_column).or_else(|| {
            rows.get(r + 1)
                .and_then(|row| row.get(c.min(row.len() - 1)).copied())
        }),
        Move::Up => rows[..r].iter().rev().find_map(same_column).or_else(|| {
            r.checked_sub(1)
                .and_then(|r| rows[r].get(c.min(rows[r].len() - 1)).copied())
        }),
    }
}

/// The rectangle from `anchor` to `key`, row by row, in the table's reading order: a
/// spreadsheet's selected range (Shift+click, Shift+arrows).
pub fn range(nav: &[Vec<CellKey>], anchor: CellKey, key: CellKey) -> Vec<Vec<CellKey>> {
    let (Some((r0, c0)), Some((r1, c1))) = (position(nav, anchor), position(nav, key)) else {
        return vec![vec![key]];
    };
    let (rows, cols) = (r0.min(r1)..=r0.max(r1), c0.min(c1)..=c0.max(c1));
    nav[rows]
        .iter()
        .map(|row| (cols.clone()).filter_map(|c| row.get(c).copied()).collect())
        .collect()
}

/// Where a move from `key` lands among the editable cells. From a selected computed total (a
/// click, or a finding) the move starts at the nearest editable cell in reading order.
pub fn move_from(
    nav: &[Vec<CellKey>],
    editable: &[Vec<CellKey>],
    key: CellKey,
    m: Move,
) -> Option<CellKey> {
    if position(editable, key).is_some() {
        return moved(editable, key, m);
    }
    let flat: Vec<CellKey> = nav.iter().flatten().copied().collect();
    let at = flat.iter().position(|k| *k == key)?;
    let is_editable = |k: &CellKey| editable.iter().flatten().any(|e| e == k);
    match m {
        Move::Prev | Move::Up | Move::Left => flat[..at].iter().rev().find(|k| is_editable(k)),
        Move::Next | Move::Down | Move::Right => flat[at + 1..].iter().find(|k| is_editable(k)),
    }
    .copied()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::draft::Level;
    use crate::format::{FormatId, TableId};
    use crate::value::Value;

    pub fn t3() -> &'static TableDef {
        FormatId::F2021.def().table(TableId::T3)
    }

    pub fn key(row: &'static str, col: &'static str) -> CellKey {
        CellKey {
            table: TableId::T3,
            row,
            col,
        }
    }

    #[test]
    fn moving_skips_computed_totals_but_not_stated_ones() {
        let mut d = Draft::new("某局", Level::Department, 2022);
        let rows = editable_rows(&navigation_rows(t3()), &d);
        assert!(
            !rows
                .iter()
                .flatten()
                .any(|k| k.col == "total" || k.row == "total")
        );
        assert_eq!(
            move_from(
                &navigation_rows(t3()),
                &rows,
                key("new", "other_org"),
                Move::Next
            ),
            Some(key("carried", "natural"))
        );
        // From a selected computed total, moves go on to the next editable cell.
        assert_eq!(
            move_from(
                &navigation_rows(t3()),
                &rows,
                key("new", "total"),
                Move::Next
            ),
            Some(key("carried", "natural"))
        );
        // An imported report's stated total stays in the way.
        d.cells.insert(key("new", "total"), Value::Count(9));
        let rows = editable_rows(&navigation_rows(t3()), &d);
        assert_eq!(
            moved(&rows, key("new", "other_org"), Move::Next),
            Some(key("new", "total"))
        );
    }

    #[test]
    fn keyboard_moves_like_a_spreadsheet() {
        let nav = navigation_rows(t3());
        let start = key("new", "total");
        assert_eq!(
            moved(&nav, start, Move::Next),
            Some(key("carried", "natural"))
        );
        assert_eq!(
            moved(&nav, key("carried", "natural"), Move::Prev),
            Some(start)
        );
        assert_eq!(
            moved(&nav, start, Move::Down),
            Some(key("carried", "total"))
        );
        assert_eq!(moved(&nav, start, Move::Up), None);
        assert_eq!(moved(&nav, start, Move::Right), None);
        assert_eq!(
            moved(&nav, start, Move::Left),
            Some(key("new", "other_org"))
        );
    }
}
