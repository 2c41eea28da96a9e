//! Where everything of a block sits: label columns, value columns, row heights tall enough for
//! their wrapped labels, the caption and the header rows.

use egui::{FontId, Rect, Vec2};

use crate::format::{BlockDef, CellDef, Span, TableDef, TableId, merge_paths};

/// Widths of a table's label columns and value columns, and the height of a plain row.
struct Layout {
    label_widths: &'static [f32],
    value_width: f32,
    row_height: f32,
}

fn layout_for(table: TableId) -> Layout {
    match table {
        TableId::T2 => Layout {
            label_widths: &[210.0],
            value_width: 130.0,
            row_height: 28.0,
        },
        TableId::T3 => Layout {
            label_widths: &[92.0, 118.0, 196.0],
            value_width: 62.0,
            row_height: 28.0,
        },
        TableId::T4 => Layout {
            label_widths: &[],
            value_width: 54.0,
            row_height: 28.0,
        },
    }
}

/// How far the label columns may shrink to let the value columns fit: a share of their width.
const MIN_LABEL_SHARE: f32 = 0.6;

/// One block laid out, in coordinates relative to its top-left corner.
pub struct BlockGeometry {
    pub label_widths: Vec<f32>,
    pub labels_width: f32,
    pub value_width: f32,
    pub width: f32,
    pub height: f32,
    pub caption_height: f32,
    /// Where the header starts (below the caption), one header row's height, all of them.
    pub header_top: f32,
    pub header_height: f32,
    pub header_total: f32,
    pub row_tops: Vec<f32>,
    pub row_heights: Vec<f32>,
    /// The row labels merged down the hierarchy, level by level.
    pub row_spans: Vec<Vec<Span>>,
}

impl BlockGeometry {
    /// Lays out a block to fit `fit_width` where it can: the label columns give up width (their
    /// labels wrap onto more lines) before the value columns scroll out of view.
    pub fn new(
        ui: &egui::Ui,
        (table, block): (&TableDef, &BlockDef),
        font: &FontId,
        fit_width: f32,
    ) -> Self {
        let layout = layout_for(table.id);
        let label_depth = table.label_depth();
        let natural: Vec<f32> = layout
            .label_widths
            .iter()
            .take(label_depth)
            .copied()
            .collect();
        let natural_total: f32 = natural.iter().sum();
        let room = fit_width - layout.value_width * block.columns.len() as f32;
        // Never narrower than about two characters a label column.
        let floor = MIN_LABEL_SHARE * natural_total;
        let scale = (room.max(floor) / natural_total).min(1.0);
        let label_widths: Vec<f32> = natural.iter().map(|w| (w * scale).floor()).collect();
        let labels_width: f32 = label_widths.iter().sum();
        let width = labels_width + layout.value_width * block.columns.len() as f32;
        let header_height = if table.id == TableId::T3 { 30.0 } else { 26.0 };
        let header_total = header_height * block.header_depth() as f32;
        let caption_height = if block.caption.is_some() { 26.0 } else { 0.0 };

        // Row heights: tall enough for the longest wrapped label of the row.
        let row_paths: Vec<&'static [&'static str]> = block.rows.iter().map(|r| r.path).collect();
        let row_spans = merge_paths(&row_paths, label_depth);
        let mut row_heights = vec![layout.row_height; block.rows.len()];
        let color = ui.visuals().text_color();
        for (level, spans) in row_spans.iter().enumerate() {
            for span in spans.iter().filter(|s| s.span == 1) {
                let w: f32 = label_widths[level..level + span.depth].iter().sum::<f32>() - 8.0;
                let text = span.label.to_string();
                let galley = ui.painter().layout(text, font.clone(), color, w);
                row_heights[span.start] = row_heights[span.start].max(galley.size().y + 8.0);
            }
        }
        let header_top = caption_height;
        let row_tops = (row_heights.iter())
            .scan(header_top + header_total, |top, h| {
                let t = *top;
                *top += h;
                Some(t)
            })
            .collect();
        let height = header_top + header_total + row_heights.iter().sum::<f32>();
        BlockGeometry {
            label_widths,
            labels_width,
            value_width: layout.value_width,
            width,
            height,
            caption_height,
            header_top,
            header_height,
            header_total,
            row_tops,
            row_heights,
            row_spans,
        }
    }

    /// A rectangle of the block, from relative coordinates.
    pub fn rect(&self, origin: egui::Pos2, (x, y): (f32, f32), (w, h): (f32, f32)) -> Rect {
        Rect::from_min_size(origin + Vec2::new(x, y), Vec2::new(w, h))
    }

    /// The value cell of row `ri`, column `ci`.
    pub fn value_rect(&self, origin: egui::Pos2, ri: usize, ci: usize) -> Rect {
        let x = self.labels_width + self.value_width * ci as f32;
        let size = (self.value_width, self.row_heights[ri]);
        self.rect(origin, (x, self.row_tops[ri]), size)
    }
}

/// The accessible and hover name of a cell: "表三 （七）总计 自然人".
pub fn cell_name(cell: &CellDef) -> String {
    let row = cell.row.display_label();
    let col = cell.col.path.join("·");
    if row.is_empty() {
        format!("{} {col}", cell.table.id.short_name())
    } else {
        format!("{} {row} {col}", cell.table.id.short_name())
    }
}
