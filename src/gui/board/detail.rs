//! The selected unit below the table: its findings (or why its file could not be read), its
//! import notes, and 在编辑器中打开.

use super::{Action, BoardView};
use crate::check::Severity;
use crate::review::Origin;

impl BoardView {
    pub(super) fn detail_ui(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let board = self.board.as_ref()?;
        let row = board.rows.get(self.selected?)?;
        let mut action = None;
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(row.name());
            ui.label(egui::RichText::new(&row.source).weak());
            // A draft opens in the editor as itself; a published report comes in as a new
            // unsaved draft (its file is never written), and the button says so.
            let open = match row.report().map(|u| u.origin) {
                Some(Origin::Draft) => Some(ui.button("在编辑器中打开")),
                Some(Origin::Imported) => Some(
                    ui.button("导入为新草稿并打开")
                        .on_hover_text("已发布的报告导入为一份新草稿，原文件不会被改动"),
                ),
                None => None,
            };
            if open.is_some_and(|o| o.clicked()) {
                action = Some(Action::Open(row.path.clone()));
            }
            if ui.button("关闭").clicked() {
                self.selected = None;
            }
        });
        let error = ui.visuals().error_fg_color;
        let warn = ui.visuals().warn_fg_color;
        egui::ScrollArea::vertical()
            .id_salt("nianbao-board-detail")
            .auto_shrink([false, true])
            .max_height(190.0)
            .show(ui, |ui| match &row.unit {
                Err(why) => {
                    ui.colored_label(error, format!("无法读取：{why}"));
                }
                Ok(u) => {
                    ui.label(format!(
                        "{} · {} 年度 · {} · 跨年度核对：{}",
                        u.origin.label(),
                        u.draft.year,
                        u.draft.format.name(),
                        u.last_year.text()
                    ));
                    if u.findings.is_empty() {
                        ui.label("未发现问题。");
                    }
                    for f in &u.findings {
                        let (word, colour) = match f.severity {
                            Severity::Error => ("错误", error),
                            _ => ("提示", warn),
                        };
                        let place = f.location.describe(&u.draft);
                        let text = format!("【{word}】{} {place}：{}", f.rule, f.message);
                        ui.colored_label(colour, text);
                    }
                    for note in &u.notes {
                        ui.label(format!("导入说明：{}", note.message));
                    }
                }
            });
        action
    }
}
