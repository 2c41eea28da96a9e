//! 粘贴报告全文导入: a published report's text pasted in.

pub struct ImportPaste {
    pub text: String,
}

pub enum Outcome {
    Import(String),
    Cancel,
}

impl ImportPaste {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.set_width(760.0);
        ui.heading("导入已发布的年度报告");
        ui.label("把网页上复制的报告全文，或从 PDF 中复制出的文字，粘贴到下面：");
        let l = ui.label("报告全文");
        egui::ScrollArea::vertical()
            .id_salt("nianbao-import-paste")
            .max_height(380.0)
            .show(ui, |ui| {
                let edit = egui::TextEdit::multiline(&mut self.text)
                    .desired_rows(16)
                    .desired_width(740.0);
                ui.add(edit).labelled_by(l.id);
            });
        let mut outcome = None;
        ui.horizontal(|ui| {
            let ready = !self.text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("导入")).clicked() {
                outcome = Some(Outcome::Import(std::mem::take(&mut self.text)));
            }
            if ui.button("取消").clicked() {
                outcome = Some(Outcome::Cancel);
            }
        });
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn it_takes_the_pasted_text() {
        let dialog = ImportPaste {
            text: String::new(),
        };
        let mut h = drive(dialog, |d: &mut ImportPaste, ui| d.ui(ui));
        h.get_by_label("报告全文").click();
        h.get_by_label("报告全文")
            .type_text("某县2025年政府信息公开工作年度报告");
        h.run();
        h.get_by_label("导入").click();
        h.run();
        assert!(matches!(&h.state().outcome, Some(Outcome::Import(t)) if t.contains("某县")));
    }
}
