//! 文件已被其他程序修改: a save that would overwrite another program's changes waits for a yes.

use std::path::PathBuf;

pub struct ChangedOnDisk {
    pub path: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
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
        super::buttons(
            ui,
            &[
                ("仍然覆盖保存", Outcome::Overwrite),
                ("另存为…", Outcome::SaveAs),
                ("取消", Outcome::Cancel),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

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
