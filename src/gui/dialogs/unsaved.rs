//! 有未保存的修改: asked before anything replaces or closes a draft with unsaved changes.

/// The clerk's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Save,
    Discard,
    Cancel,
}

/// Holds what waits for the answer (another document, closing the window).
pub struct Unsaved<T> {
    pub waiting: T,
}

impl<T> Unsaved<T> {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Choice> {
        ui.heading("有未保存的修改");
        ui.label("当前草稿有未保存的修改。要先保存吗？");
        ui.label(egui::RichText::new("不保存将放弃这些修改，连同自动保存的恢复文件。").weak());
        super::buttons(
            ui,
            &[
                ("保存", Choice::Save),
                ("不保存", Choice::Discard),
                ("取消", Choice::Cancel),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn each_button_gives_its_answer() {
        for (button, expected) in [
            ("保存", Choice::Save),
            ("不保存", Choice::Discard),
            ("取消", Choice::Cancel),
        ] {
            let mut h = drive(Unsaved { waiting: () }, |d: &mut Unsaved<()>, ui| d.ui(ui));
            assert!(h.query_by_label("有未保存的修改").is_some());
            h.get_by_label(button).click();
            h.run();
            assert_eq!(h.state().outcome, Some(expected));
        }
    }
}
