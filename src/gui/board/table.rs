//! The board's table: what is known of the board as a whole (已取消, 未报, 重复, 不在名单), the
//! filters, and one row per unit with the engine's columns. Only the rows in view are laid out,
//! so that a board of thousands of units draws as fast as one of thirty.

use super::{Action, BoardView, Quick};
use crate::review::Column;

/// Widths of the columns, in points: wide enough for their usual text; longer text is cut and
/// shown whole on hover.
fn width(column: Column) -> f32 {
    match column {
        Column::Unit => 200.0,
        Column::File => 160.0,
        Column::LastYear | Column::Deadline => 220.0,
        Column::Format => 140.0,
        Column::DisclosureRate | Column::ReviewCorrection | Column::LitigationCorrection => 100.0,
        Column::Level => 90.0,
        _ => 70.0,
    }
}

const ROW_HEIGHT: f32 = 22.0;

/// Whether a column holds figures: those line up on the right, as in a spreadsheet.
fn numeric(column: Column) -> bool {
    !matches!(
        column,
        Column::Unit
            | Column::File
            | Column::Level
            | Column::Format
            | Column::LastYear
            | Column::Deadline
    )
}

/// One cell of a row, at its column's width: text from the left, figures from the right.
fn cell_ui(ui: &mut egui::Ui, column: Column, label: egui::Label) -> egui::Response {
    let layout = if numeric(column) {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    let size = egui::vec2(width(column), ROW_HEIGHT);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        ui.add(label)
    })
    .inner
}

impl BoardView {
    /// The board as a whole: how much was read, and the roster's lists.
    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
        let Some(board) = &self.board else { return };
        let error = ui.visuals().error_fg_color;
        let warn = ui.visuals().warn_fg_color;
        let errors = board.rows.iter().filter(|r| r.has_errors()).count();
        let unreadable = board.rows.len() - board.readable();
        let mut line = format!(
            "共 {} 份报告，有错误 {} 份，无法读取 {} 份。",
            board.rows.len(),
            errors,
            unreadable
        );
        if !board.complete {
            line.push_str("已取消：部分文件尚未读取，以下结果不完整，未报名单暂不列出。");
            ui.colored_label(warn, line);
        } else {
            ui.label(line);
        }
        if let Some(e) = &self.roster_error {
            ui.colored_label(error, e);
        }
        let status = &self.status;
        if !status.missing.is_empty() {
            let text = format!(
                "未报（{} 个）：{}",
                status.missing.len(),
                status.missing.join("、")
            );
            ui.colored_label(error, text);
        }
        if !status.twice.is_empty() {
            let names: Vec<&str> = status.twice.iter().map(|(n, _)| n.as_str()).collect();
            let text = format!("重复报送（{} 个）：{}", names.len(), names.join("、"));
            ui.colored_label(warn, text);
        }
        if !status.not_on_roster.is_empty() {
            let names: Vec<&str> = (status.not_on_roster.iter())
                .filter_map(|&i| board.rows.get(i).map(|r| r.name()))
                .collect();
            let text = format!("不在名单（{} 个）：{}", names.len(), names.join("、"));
            ui.colored_label(warn, text);
        }
    }

    pub(super) fn filters_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("查找单位");
            ui.add(egui::TextEdit::singleline(&mut self.words).desired_width(160.0))
                .labelled_by(l.id);
            for quick in Quick::ALL {
                ui.radio_value(&mut self.quick, quick, quick.label());
            }
            if self.sort.is_some() && ui.button("恢复默认排序").clicked() {
                self.sort = None;
            }
        });
    }

    /// The header (a click sorts: ascending, descending, then the natural order again) and the
    /// rows in view. A click on a row selects it; a double click opens it in the editor.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, height: f32) -> Option<Action> {
        let board = self.board.as_ref()?;
        let shown = self.shown();
        let mut action = None;
        let mut select = None;
        let mut sort = self.sort;
        let selected = self.selected;
        let error = ui.visuals().error_fg_color;
        egui::ScrollArea::horizontal()
            .id_salt("nianbao-board-h")
            .max_height(height)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for column in Column::ALL {
                        let mark = match sort {
                            Some((c, false)) if c == column => " ▲",
                            Some((c, true)) if c == column => " ▼",
                            _ => "",
                        };
                        let text = format!("{}{mark}", column.label());
                        let button = egui::Button::new(egui::RichText::new(text).strong());
                        if ui.add_sized([width(column), ROW_HEIGHT], button).clicked() {
                            sort = match sort {
                                Some((c, false)) if c == column => Some((column, true)),
                                Some((c, true)) if c == column => None,
                                _ => Some((column, false)),
                            };
                        }
                    }
                });
                if shown.is_empty() {
                    ui.label("（没有符合条件的单位）");
                }
                egui::ScrollArea::vertical()
                    .id_salt("nianbao-board-v")
                    .auto_shrink([false, true])
                    .show_rows(ui, ROW_HEIGHT, shown.len(), |ui, range| {
                        for &i in &shown[range] {
                            let row = &board.rows[i];
                            let r = ui.horizontal(|ui| {
                                for column in Column::ALL {
                                    let mut text = egui::RichText::new(column.text(row));
                                    let wrong = match column {
                                        Column::Errors => {
                                            row.report().is_some_and(|u| u.tally().0 > 0)
                                        }
                                        Column::Unit => row.unit.is_err(),
                                        _ => false,
                                    };
                                    if wrong {
                                        text = text.color(error);
                                    }
                                    let label = egui::Label::new(text)
                                        .truncate()
                                        .sense(egui::Sense::click());
                                    let cell = cell_ui(ui, column, label);
                                    if cell.double_clicked() && row.unit.is_ok() {
                                        action = Some(Action::Open(row.path.clone()));
                                    } else if cell.clicked() {
                                        select = Some(i);
                                    }
                                }
                            });
                            if selected == Some(i) {
                                // An outline, not a fill: a fill drawn after the row hides its text.
                                let stroke = ui.visuals().selection.stroke;
                                ui.painter().rect_stroke(
                                    r.response.rect,
                                    2.0,
                                    stroke,
                                    egui::StrokeKind::Inside,
                                );
                            }
                        }
                    });
            });
        self.sort = sort;
        if select.is_some() {
            self.selected = select;
        }
        action
    }
}
