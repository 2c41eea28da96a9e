//! 文件已被其他程序修改: a save that would overwrite another program's changes waits for a yes.

use std::path::PathBuf;

pub struct ChangedOnDisk {
    pub path: PathBuf,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Overwrite,
    SaveAs,
    Cancel,
}

impl ChangedOnDisk {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("文件已被其他程序修改");
        ui.label(format!(
            "打开之后，{} 已被其他程序修改。直接保存会覆盖那些修改。",
            self.path.display()
        ));
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("仍然覆盖保存").clicked() {
                outcome = Some(Outcome::Overwrite);
            }
            if ui.button("另存为…").clicked() {
                outcome = Some(Outcome::SaveAs);
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
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::gui::dialogs::testing::drive;

    #[test]
    fn it_names_the_file_and_asks() {
        let dialog = ChangedOnDisk {
            path: PathBuf::from("/草稿/城关镇.ron"),
        };
        let mut h = drive(dialog, |d: &mut ChangedOnDisk, ui| d.ui(ui));
        assert!(h.query_by_label_contains("/草稿/城关镇.ron").is_some());
        h.get_by_label("仍然覆盖保存").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::Overwrite));
    }
}
