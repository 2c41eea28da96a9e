//! A table laid out as the official one prints it: a grid of slots, each with its row and column
//! span. The text and HTML exporters (and the .docx one) all write from this one layout, which
//! they derive from the format definition.

use crate::draft::Draft;
use crate::format::{CellKey, CellKind, TableDef, TableId, merge_paths};
use crate::totals;

/// What a slot of the printed table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// A full-width caption row: "第二十条第（一）项".
    Caption,
    /// The top-left header cell (table 三's 勾稽 note, or table 二's "信息内容").
    Corner,
    ColumnHeader,
    RowLabel,
    /// A figure: entered, or a total (stated, or computed where nothing was stated).
    Value {
        key: CellKey,
        total: bool,
    },
}

/// One printed cell, with its place in the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub kind: SlotKind,
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

impl Slot {
    pub fn is_header(&self) -> bool {
        !matches!(self.kind, SlotKind::Value { .. })
    }
}

/// A whole table: its size and its slots in reading order (row by row, left to right).
#[derive(Clone, Debug)]
pub struct TableLayout {
    pub table: TableId,
    pub title: &'static str,
    pub width: usize,
    pub height: usize,
    pub slots: Vec<Slot>,
}

impl TableLayout {
    /// The slots that start in grid row `row`.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(move |s| s.row == row)
    }
}

/// How figures are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ValueOptions {
    /// Print blank cells as 0 (the clerk's choice; by default a blank stays blank).
    pub blank_as_zero: bool,
}

/// The text of a value cell: what the draft holds, or for a total with nothing stated, its sum.
pub fn value_text(draft: &Draft, key: CellKey, options: ValueOptions) -> String {
    let cell = draft.format.def().cell_by_key(key);
    let text = match draft.value(key) {
        Some(v) => Some(v.to_string()),
        None => cell
            .filter(|c| c.kind() == CellKind::Total)
            .and_then(|c| totals::computed(draft, &c))
            .map(|n| n.to_string()),
    };
    match text {
        Some(t) => t,
        None if options.blank_as_zero => "0".to_string(),
        None => String::new(),
    }
}

/// Lays out one table of a draft.
pub fn table_layout(draft: &Draft, table_id: TableId, options: ValueOptions) -> TableLayout {
    let table: &'static TableDef = draft.format.def().table(table_id);
    let labels = table.label_depth();
    let width = labels
        + table
            .blocks
            .iter()
            .map(|b| b.columns.len())
            .max()
            .unwrap_or(0);
    let mut slots = Vec::new();
    let mut row = 0;
    for block in table.blocks {
        if let Some(caption) = block.caption {
            slots.push(Slot {
                kind: SlotKind::Caption,
                text: caption.into(),
                row,
                col: 0,
                rowspan: 1,
                colspan: width,
            });
            row += 1;
        }
        // A block with fewer columns than the table lets its last column take the rest.
        let widths: Vec<usize> = (0..block.columns.len())
            .map(|i| {
                if i + 1 == block.columns.len() {
                    width - labels - i
                } else {
                    1
                }
            })
            .collect();
        let starts: Vec<usize> = widths
            .iter()
            .scan(labels, |x, w| {
                let s = *x;
                *x += w;
                Some(s)
            })
            .collect();

        let depth = block.header_depth();
        if labels > 0 {
            let text = table.corner.or(block.row_header).unwrap_or("");
            slots.push(Slot {
                kind: SlotKind::Corner,
                text: text.into(),
                row,
                col: 0,
                rowspan: depth,
                colspan: labels,
            });
        }
        let paths: Vec<&'static [&'static str]> = block.columns.iter().map(|c| c.path).collect();
        let mut headers: Vec<Slot> = Vec::new();
        for (level, spans) in merge_paths(&paths, depth).into_iter().enumerate() {
            for span in spans {
                let colspan = widths[span.start..span.start + span.span].iter().sum();
                headers.push(Slot {
                    kind: SlotKind::ColumnHeader,
                    text: span.label.into(),
                    row: row + level,
                    col: starts[span.start],
                    rowspan: span.depth,
                    colspan,
                });
            }
        }
        slots.extend(headers);
        row += depth;

        let row_paths: Vec<&'static [&'static str]> = block.rows.iter().map(|r| r.path).collect();
        let label_spans = merge_paths(&row_paths, labels);
        for (i, def_row) in block.rows.iter().enumerate() {
            for (level, spans) in label_spans.iter().enumerate() {
                for span in spans.iter().filter(|s| s.start == i) {
                    slots.push(Slot {
                        kind: SlotKind::RowLabel,
                        text: span.label.into(),
                        row: row + i,
                        col: level,
                        rowspan: span.span,
                        colspan: span.depth,
                    });
                }
            }
            for (j, col) in block.columns.iter().enumerate() {
                let Some(cell) = table.cell(def_row.id, col.id) else {
                    continue;
                };
                let key = cell.key();
                slots.push(Slot {
                    kind: SlotKind::Value {
                        key,
                        total: cell.kind() == CellKind::Total,
                    },
                    text: value_text(draft, key, options),
                    row: row + i,
                    col: starts[j],
                    rowspan: 1,
                    colspan: widths[j],
                });
            }
        }
        row += block.rows.len();
    }
    slots.sort_by_key(|s| (s.row, s.col));
    TableLayout {
        table: table_id,
        title: table.title,
        width,
        height: row,
        slots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;

    /// Every grid position is covered by exactly one slot.
    fn assert_tiles(layout: &TableLayout) {
        let mut covered = vec![vec![0u8; layout.width]; layout.height];
        for s in &layout.slots {
            for row in covered.iter_mut().skip(s.row).take(s.rowspan) {
                for cell in row.iter_mut().skip(s.col).take(s.colspan) {
                    *cell += 1;
                }
            }
        }
        for (r, row) in covered.iter().enumerate() {
            assert!(
                row.iter().all(|&n| n == 1),
                "{:?} row {r}: {row:?}",
                layout.table
            );
        }
    }

    #[test]
    fn every_table_tiles_its_grid() {
        for year in [2019, 2021] {
            let d = Draft::new("某局", Level::Department, year);
            for t in TableId::ALL {
                assert_tiles(&table_layout(&d, t, ValueOptions::default()));
            }
        }
    }

    #[test]
    fn table3_has_the_official_shape() {
        let d = Draft::new("某局", Level::Department, 2021);
        let l = table_layout(&d, TableId::T3, ValueOptions::default());
        assert_eq!((l.width, l.height), (10, 3 + 25));
        let corner = &l.slots[0];
        assert_eq!(
            (corner.kind, corner.rowspan, corner.colspan),
            (SlotKind::Corner, 3, 3)
        );
        let results = l
            .slots
            .iter()
            .find(|s| s.text == "三、本年度办理结果")
            .unwrap();
        assert_eq!((results.rowspan, results.colspan), (22, 1));
        let withheld = l.slots.iter().find(|s| s.text == "（三）不予公开").unwrap();
        assert_eq!(withheld.rowspan, 8);
        let granted = l.slots.iter().find(|s| s.text == "（一）予以公开").unwrap();
        assert_eq!(granted.colspan, 2);
    }
}
