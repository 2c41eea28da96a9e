//! 新建: body, level and year of a new report.

use crate::date::REPORT_YEARS;
use crate::draft::{Draft, Level};
use crate::format::FormatId;

pub struct NewDraft {
    body: String,
    level: Level,
    year: String,
    error: Option<String>,
}

impl NewDraft {
    /// A blank form; the year is the one a report is most likely written for now.
    pub fn new(year: i32) -> NewDraft {
        NewDraft {
            body: String::new(),
            level: Level::Department,
            year: year.to_string(),
            error: None,
        }
    }

    /// The new draft once 创建 is pressed with a body and a valid year, or `Some(None)` when
    /// the clerk cancelled.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Option<Draft>> {
        ui.heading("新建年度报告");
        let l = ui.label("机关名称");
        ui.add(egui::TextEdit::singleline(&mut self.body).desired_width(400.0))
            .labelled_by(l.id);
        let l = ui.label("机关层级");
        egui::ComboBox::from_id_salt("nianbao-new-level")
            .selected_text(self.level.label())
            .width(300.0)
            .show_ui(ui, |ui| {
                for option in Level::ALL {
                    ui.selectable_value(&mut self.level, option, option.label());
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label("报告年度（统计年度）");
        ui.add(egui::TextEdit::singleline(&mut self.year).desired_width(80.0))
            .labelled_by(l.id);
        let parsed = self
            .year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| REPORT_YEARS.contains(y));
        if let Some(y) = parsed {
            let format = FormatId::for_year(y).name();
            ui.label(egui::RichText::new(format!("将使用{format}")).weak());
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("创建").clicked() {
                match (self.body.trim().is_empty(), parsed) {
                    (true, _) => self.error = Some("请填写机关名称".into()),
                    (_, None) => self.error = Some("请填写四位数的报告年度，如 2025".into()),
                    (false, Some(y)) => {
                        outcome = Some(Some(Draft::new(self.body.trim(), self.level, y)))
                    }
                }
            }
            if ui.button("取消").clicked() {
                outcome = Some(None);
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
    fn it_asks_for_a_body_and_a_year_then_makes_the_draft() {
        let mut h = drive(NewDraft::new(2025), |d: &mut NewDraft, ui| d.ui(ui));
        h.get_by_label("创建").click();
        h.run();
        assert!(h.query_by_label("请填写机关名称").is_some());
        assert!(h.state().outcome.is_none());
        h.get_by_label("机关名称").click();
        h.get_by_label("机关名称").type_text("城关镇人民政府");
        h.run();
        assert!(h.query_by_label("将使用2021 年格式").is_some());
        h.get_by_label("创建").click();
        h.run();
        let draft = h.state().outcome.clone().flatten().expect("a draft");
        assert_eq!((draft.body.as_str(), draft.year), ("城关镇人民政府", 2025));
    }
}
