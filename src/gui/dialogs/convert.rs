//! 转换格式: what a conversion of the tables to another format keeps and what it drops, before
//! it is applied.

use crate::convert::Conversion;
use crate::format::FormatId;

pub struct ConvertDialog {
    pub conversion: Box<Conversion>,
    pub to: FormatId,
}

/// What the clerk decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Convert(FormatId),
    Cancel,
}

impl ConvertDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading(format!("转换为{}", self.to.name()));
        let lines = self.conversion.summary();
        if lines.is_empty() {
            ui.label("所有数据都能转换到新格式。");
        } else {
            ui.label(format!(
                "以下 {} 项数据在新格式中没有对应项，转换后将不再保留：",
                lines.len()
            ));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for line in &lines {
                        ui.label(format!("· {line}"));
                    }
                });
        }
        ui.label(egui::RichText::new("转换可以撤销。").weak());
        let choices = [
            ("确定转换", Outcome::Convert(self.to)),
            ("取消", Outcome::Cancel),
        ];
        super::buttons(ui, &choices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_lists_what_the_conversion_drops_and_converts_on_confirmation() {
        let draft = example("2019-yonghe.ron");
        let conversion = crate::convert::convert(&draft, FormatId::F2021);
        let dropped = conversion.summary().len();
        assert!(dropped > 0);
        let dialog = ConvertDialog {
            conversion: Box::new(conversion),
            to: FormatId::F2021,
        };
        let mut h = drive(dialog, |d: &mut ConvertDialog, ui| d.ui(ui));
        assert!(
            h.query_by_label_contains(&format!("以下 {dropped} 项数据"))
                .is_some()
        );
        assert_eq!(h.query_all_by_label_contains("· 未转换：").count(), dropped);
        h.get_by_label("确定转换").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::Convert(FormatId::F2021)));
    }
}
