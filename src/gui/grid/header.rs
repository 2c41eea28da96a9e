//! The block's fixed parts: caption, the corner and grouped column headers, the row labels; and
//! the header frozen at the top of the view while the rows scroll under it.

use egui::{Align2, Pos2, Rect, Role, Sense, Vec2, WidgetInfo};

use super::geometry::BlockGeometry;
use super::style::{Style, text_in};
use crate::format::{BlockDef, TableDef, merge_paths};

/// What the painting of a block's fixed parts needs.
pub struct BlockPaint<'a> {
    pub table: &'a TableDef,
    pub block: &'a BlockDef,
    pub geometry: &'a BlockGeometry,
    pub style: &'a Style,
    pub origin: Pos2,
}

impl BlockPaint<'_> {
    pub fn caption(&self, painter: &egui::Painter) {
        let (g, s) = (self.geometry, self.style);
        if let Some(caption) = self.block.caption {
            let r = g.rect(self.origin, (0.0, 0.0), (g.width, g.caption_height));
            painter.rect_filled(r, 0.0, s.header_fill);
            painter.rect_stroke(r, 0.0, s.line, egui::StrokeKind::Inside);
            text_in(
                painter,
                r,
                caption,
                (&s.font, s.text),
                Align2::CENTER_CENTER,
            );
        }
    }

    /// The corner cell and the grouped column headers, with their top at `y`.
    pub fn header(&self, painter: &egui::Painter, y: f32) {
        let (g, s) = (self.geometry, self.style);
        if g.labels_width > 0.0 {
            let r = g.rect(self.origin, (0.0, y), (g.labels_width, g.header_total));
            painter.rect_filled(r, 0.0, s.header_fill);
            painter.rect_stroke(r, 0.0, s.line, egui::StrokeKind::Inside);
            let corner = self.table.corner.or(self.block.row_header).unwrap_or("");
            let font = if self.table.corner.is_some() {
                &s.small
            } else {
                &s.font
            };
            text_in(painter, r, corner, (font, s.text), Align2::CENTER_CENTER);
        }
        let paths: Vec<&'static [&'static str]> =
            self.block.columns.iter().map(|c| c.path).collect();
        let levels = merge_paths(&paths, self.block.header_depth());
        for (level, spans) in levels.iter().enumerate() {
            for span in spans {
                let x = g.labels_width + g.value_width * span.start as f32;
                let top = y + g.header_height * level as f32;
                let size = (
                    g.value_width * span.span as f32,
                    g.header_height * span.depth as f32,
                );
                let r = g.rect(self.origin, (x, top), size);
                painter.rect_filled(r, 0.0, s.header_fill);
                painter.rect_stroke(r, 0.0, s.line, egui::StrokeKind::Inside);
                let font = s.font_to_fit(span.label, r);
                text_in(
                    painter,
                    r,
                    span.label,
                    (font, s.text),
                    Align2::CENTER_CENTER,
                );
            }
        }
    }

    /// The row labels, merged down the hierarchy.
    pub fn row_labels(&self, painter: &egui::Painter) {
        let (g, s) = (self.geometry, self.style);
        for (level, spans) in g.row_spans.iter().enumerate() {
            for span in spans {
                let x: f32 = g.label_widths[..level].iter().sum();
                let w: f32 = g.label_widths[level..level + span.depth].iter().sum();
                let h: f32 = g.row_heights[span.start..span.start + span.span]
                    .iter()
                    .sum();
                let r = g.rect(self.origin, (x, g.row_tops[span.start]), (w, h));
                painter.rect_stroke(r, 0.0, s.line, egui::StrokeKind::Inside);
                text_in(
                    painter,
                    r,
                    span.label,
                    (&s.font, s.text),
                    Align2::LEFT_CENTER,
                );
            }
        }
    }

    /// Paints the header at the top of the visible area while the block's rows scroll under it,
    /// and keeps clicks there from reaching the cells beneath.
    pub fn freeze_header(&self, ui: &mut egui::Ui, outer: Rect, id: egui::Id) {
        let g = self.geometry;
        let clip = ui.clip_rect();
        if outer.min.y + g.header_top >= clip.top() {
            return;
        }
        // Stays within its block: at the block's end it scrolls away with the last rows.
        let y = (clip.top() - outer.min.y).min(outer.height() - g.header_total);
        if y <= g.header_top {
            return;
        }
        let painter = (ui.painter()).with_clip_rect(clip.intersect(outer.expand(1.0)));
        let rect = Rect::from_min_size(
            egui::pos2(outer.min.x, outer.min.y + y),
            Vec2::new(outer.width(), g.header_total),
        );
        // The header's own fill is translucent: the rows under it must not show through.
        painter.rect_filled(rect.expand(1.0), 0.0, ui.visuals().panel_fill);
        self.header(&painter, y);
        let response = ui.interact(rect.intersect(clip), id, Sense::click());
        response.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, "冻结的表头"));
    }
}
