//! 文件已存在: a save or export to a typed path that names an existing file.

use std::path::PathBuf;

use crate::gui::file_dialog::Purpose;

pub struct ConfirmOverwrite {
    pub purpose: Purpose,
    pub path: PathBuf,
    /// The path as typed, given back for another name.
    pub typed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Replace,
    /// Back to the typed path, to change the name.
    Rename,
    Cancel,
}

impl ConfirmOverwrite {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("文件已存在");
        let what = match self.purpose {
            Purpose::Export(format) => format!("导出的{}", format.label()),
            Purpose::Chart(format) => format!("导出的{}", format.label()),
            _ => "当前草稿".to_string(),
        };
        ui.label(format!(
            "{} 已存在。要用{what}替换它吗？原文件的内容将被覆盖。",
            self.path.display()
        ));
        super::buttons(
            ui,
            &[
                ("替换", Outcome::Replace),
                ("换一个文件名…", Outcome::Rename),
                ("取消", Outcome::Cancel),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::export::ExportFormat;
    use crate::gui::dialogs::testing::drive;

    #[test]
    fn it_says_what_would_replace_the_file() {
        let dialog = ConfirmOverwrite {
            purpose: Purpose::Export(ExportFormat::Html),
            path: PathBuf::from("/年报/城关镇.html"),
            typed: None,
        };
        let mut h = drive(dialog, |d: &mut ConfirmOverwrite, ui| d.ui(ui));
        assert!(h.query_by_label_contains("导出的网页（HTML）").is_some());
        h.get_by_label("换一个文件名…").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::Rename));
    }
}
