//! The board's 图表: a horizontal bar per unit shown (same order and filters as the table) of
//! one headline figure or ratio, drawn with egui's painter. The values come from the engine
//! ([`review::bars`]); a unit without one shows why (未填写, 无法读取, 不足30件，不评) where its
//! bar would be. Only the bars in view are laid out, so that 1,000 units draw as fast as 30.

use egui::{Align2, FontId, Rect, Sense, StrokeKind, pos2, vec2};

use super::BoardView;
use crate::review::bars::{self, Bars};

const ROW_HEIGHT: f32 = 22.0;
/// The units' names on the left, as wide as the table's 单位 column.
const NAME_WIDTH: f32 = 200.0;
/// Room right of the longest bar for its value ("不足30件，不评").
const VALUE_WIDTH: f32 = 130.0;

impl BoardView {
    /// The choice of figure, then the bars. A click on a bar selects its unit, as a click on its
    /// row does.
    pub(super) fn chart_ui(&mut self, ui: &mut egui::Ui, height: f32) {
        let Some(board) = &self.board else { return };
        ui.horizontal_wrapped(|ui| {
            ui.label("图表数字：");
            for column in bars::MEASURES {
                ui.selectable_value(&mut self.measure, column, column.label());
            }
        });
        let shown = self.shown();
        let chart = Bars::of(board, &shown, self.measure);
        ui.label(egui::RichText::new(chart.title()).strong());
        if chart.bars.is_empty() {
            ui.label("（没有符合条件的单位）");
            return;
        }
        scale_ui(ui, &chart);
        let mut select = None;
        let selected = self.selected;
        egui::ScrollArea::vertical()
            .id_salt("nianbao-board-chart")
            .auto_shrink([false, true])
            .max_height((height - 2.0 * ROW_HEIGHT).max(ROW_HEIGHT * 3.0))
            .show_rows(ui, ROW_HEIGHT, chart.bars.len(), |ui, range| {
                for bar in &chart.bars[range] {
                    if bar_ui(ui, bar, chart.scale, selected == Some(bar.row)) {
                        select = Some(bar.row);
                    }
                }
            });
        if select.is_some() {
            self.selected = select;
        }
    }
}

/// Where the bars run in a line of `rect`: from after the names to before the values.
fn track(rect: Rect) -> (f32, f32) {
    let left = rect.left() + NAME_WIDTH;
    (left, (rect.right() - VALUE_WIDTH - left).max(20.0))
}

/// The fractions of the scale marked above the bars and by faint lines across them.
const TICKS: [f64; 3] = [0.0, 0.5, 1.0];

/// The scale above the bars: 0, half and the whole ("0", "457", "914"; "0%", "50%", "100%").
fn scale_ui(ui: &mut egui::Ui, chart: &Bars<'_>) {
    // The bars below sit in a scroll area, whose bar takes this much of their width.
    let scroll_bar = ui.spacing().scroll.allocated_width();
    let width = (ui.available_width() - scroll_bar).max(NAME_WIDTH + VALUE_WIDTH + 60.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 16.0), Sense::hover());
    let (left, track) = track(rect);
    let ratio = bars::is_ratio(chart.column);
    let weak = ui.visuals().weak_text_color();
    let font = FontId::proportional(11.0);
    for tick in TICKS {
        let text = if ratio {
            format!("{}%", (tick * 100.0).round())
        } else {
            format!("{}", (tick * chart.scale).round())
        };
        let at = pos2(left + tick as f32 * track, rect.center().y);
        let align = if tick == 0.0 {
            Align2::LEFT_CENTER
        } else {
            Align2::CENTER_CENTER
        };
        ui.painter().text(at, align, text, font.clone(), weak);
    }
}

/// One unit's line: its name, its bar (or why there is none) and its value. Returns whether it
/// was clicked.
fn bar_ui(ui: &mut egui::Ui, bar: &bars::Bar<'_>, scale: f64, selected: bool) -> bool {
    let width = ui.available_width().max(NAME_WIDTH + VALUE_WIDTH + 60.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
    let label = bar.label();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if !ui.is_rect_visible(rect) {
        return false;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    let font = FontId::proportional(13.0);
    if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text = visuals.text_color();
    let name_rect = Rect::from_min_size(rect.min, vec2(NAME_WIDTH - 8.0, ROW_HEIGHT));
    let name = ui.painter_at(name_rect);
    name.text(
        pos2(name_rect.left() + 4.0, name_rect.center().y),
        Align2::LEFT_CENTER,
        bar.name,
        font.clone(),
        text,
    );
    let (track_left, track) = track(rect);
    let grid = visuals.widgets.noninteractive.bg_stroke;
    for tick in TICKS {
        let x = track_left + tick as f32 * track;
        painter.line_segment([pos2(x, rect.top()), pos2(x, rect.bottom())], grid);
    }
    let value = bar.value.text();
    match bar.fraction(scale) {
        Some(f) => {
            let w = (f as f32 * track).max(1.0);
            let bar_rect = Rect::from_min_size(
                pos2(track_left, rect.top() + 4.0),
                vec2(w, ROW_HEIGHT - 8.0),
            );
            painter.rect_filled(bar_rect, 2.0, visuals.selection.bg_fill);
            let at = pos2(bar_rect.right() + 6.0, rect.center().y);
            painter.text(at, Align2::LEFT_CENTER, value, font, text);
        }
        None => {
            // No bar and no 0: the reason, in the weak colour, where the bar would start.
            let at = pos2(track_left, rect.center().y);
            let weak = visuals.weak_text_color();
            painter.text(at, Align2::LEFT_CENTER, value, font, weak);
        }
    }
    if selected {
        painter.rect_stroke(rect, 2.0, visuals.selection.stroke, StrokeKind::Inside);
    }
    response.on_hover_text(label).clicked()
}
