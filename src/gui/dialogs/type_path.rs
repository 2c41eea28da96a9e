//! 按路径…: a path typed or pasted where there is no system file dialog.

use std::path::PathBuf;

use crate::gui::file_dialog::Purpose;

pub struct TypePath {
    pub purpose: Purpose,
    pub text: String,
    /// Why the dialog is shown again, or why there is no system dialog.
    pub note: Option<String>,
    /// The field takes keyboard focus once, when the dialog opens, so that Ctrl+V works at once.
    focused: bool,
}

/// What the clerk did.
pub enum Outcome {
    /// The paths typed (one per line for 汇总), with the text as typed.
    Chosen(Vec<PathBuf>, String),
    Cancelled,
}

impl TypePath {
    pub fn new(purpose: Purpose, text: String, note: Option<String>) -> TypePath {
        TypePath {
            purpose,
            text,
            note,
            focused: false,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        let (heading, verb) = words(self.purpose);
        ui.heading(heading);
        if let Some(note) = &self.note {
            ui.label(note.as_str());
        }
        let l = ui.label("文件路径");
        let many = self.purpose == Purpose::Merge;
        let edit = if many {
            egui::TextEdit::multiline(&mut self.text).desired_rows(5)
        } else {
            egui::TextEdit::singleline(&mut self.text)
        };
        let response = ui.add(edit.desired_width(480.0)).labelled_by(l.id);
        if !self.focused {
            // Focused from the start, so that Ctrl+V pastes a copied path at once.
            response.request_focus();
            self.focused = true;
        }
        let enter = !many && response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut outcome = None;
        ui.horizontal(|ui| {
            if (ui.button(verb).clicked() || enter) && !self.text.trim().is_empty() {
                let paths = (self.text.lines().map(str::trim))
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect();
                outcome = Some(Outcome::Chosen(paths, self.text.clone()));
            }
            if ui.button("取消").clicked() {
                outcome = Some(Outcome::Cancelled);
            }
        });
        outcome
    }
}

/// The dialog's heading and its button.
fn words(purpose: Purpose) -> (&'static str, &'static str) {
    match purpose {
        Purpose::Open => ("按路径打开草稿", "打开"),
        Purpose::SaveAs => ("按路径保存草稿", "保存"),
        Purpose::Export(_) => ("按路径导出年度报告", "导出"),
        Purpose::Chart(_) => ("按路径导出图解", "导出"),
        Purpose::LastYear => ("按路径选择上年报告", "选择"),
        Purpose::Compare => ("按路径选择要对比的草稿", "选择"),
        Purpose::Merge => ("按路径选择要汇总的草稿（每行一个）", "汇总"),
        Purpose::Import => ("按路径导入已发布的年度报告", "导入"),
        Purpose::ReviewFolder => ("按路径选择各单位报告所在的文件夹", "审核"),
        Purpose::Roster => ("按路径选择单位名单", "选择"),
        Purpose::ReviewLastYear => ("按路径选择上一年度报告所在的文件夹", "选择"),
        Purpose::IssueList(_) => ("按路径导出问题清单", "导出"),
        Purpose::Returns => ("按路径选择退回意见的保存文件夹", "生成"),
        Purpose::IssueDrafts => ("按路径选择下发草稿的保存文件夹", "生成"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn it_starts_focused_with_the_suggestion_and_gives_the_paths() {
        let dialog = TypePath::new(Purpose::Merge, "/甲/a.ron\n".into(), None);
        let mut h = drive(dialog, |d: &mut TypePath, ui| d.ui(ui));
        h.run();
        let field = h.get_by_label("文件路径");
        assert!(field.is_focused());
        field.type_text("/乙 局/b.ron");
        h.run();
        h.get_by_label("汇总").click();
        h.run();
        let Some(Outcome::Chosen(paths, text)) = &h.state().outcome else {
            panic!("chosen")
        };
        assert_eq!(
            paths,
            &[PathBuf::from("/甲/a.ron"), PathBuf::from("/乙 局/b.ron")]
        );
        assert_eq!(text, "/甲/a.ron\n/乙 局/b.ron");
    }

    #[test]
    fn an_empty_path_is_not_taken() {
        let dialog = TypePath::new(Purpose::Open, "  ".into(), Some("没有文件对话框".into()));
        let mut h = drive(dialog, |d: &mut TypePath, ui| d.ui(ui));
        assert!(h.query_by_label("没有文件对话框").is_some());
        h.get_by_label("打开").click();
        h.run();
        assert!(h.state().outcome.is_none());
        h.get_by_label("取消").click();
        h.run();
        assert!(matches!(h.state().outcome, Some(Outcome::Cancelled)));
    }
}
