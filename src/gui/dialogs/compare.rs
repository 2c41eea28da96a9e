//! 本年与上年对比: two drafts figure by figure.

use crate::compare::Comparison;

pub struct CompareDialog {
    pub comparison: Box<Comparison>,
    pub changed_only: bool,
}

impl CompareDialog {
    /// `Some(())` once closed.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<()> {
        let c = &self.comparison;
        ui.set_max_width(900.0);
        ui.heading("本年与上年对比");
        ui.label(format!("{} → {}", c.old_title, c.new_title));
        for note in &c.notes {
            ui.label(egui::RichText::new(note).weak());
        }
        ui.checkbox(&mut self.changed_only, "只显示有变化的数字");
        egui::ScrollArea::vertical()
            .id_salt("nianbao-compare")
            .max_height(440.0)
            .show(ui, |ui| {
                egui::Grid::new("nianbao-compare-grid")
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| self.rows_ui(ui));
            });
        ui.button("关闭").clicked().then_some(())
    }

    fn rows_ui(&self, ui: &mut egui::Ui) {
        let c = &self.comparison;
        let old = format!("{} 年", c.old_year);
        let new = format!("{} 年", c.new_year);
        for header in ["项目", &old, &new, "增减", "增减幅度"] {
            ui.strong(header);
        }
        ui.end_row();
        let shown = c.rows.iter().filter(|r| !self.changed_only || r.changed());
        for row in shown {
            let text = |v: &Option<_>| v.as_ref().map(ToString::to_string).unwrap_or_default();
            ui.label(&row.label);
            ui.label(text(&row.old));
            ui.label(text(&row.new));
            ui.label(row.change_text());
            ui.label(row.percent_text());
            ui.end_row();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_shows_the_two_years_and_can_hide_unchanged_figures() {
        let old = example("2021-jinjiang-corrected.ron");
        let mut new = crate::years::next_year(&old).unwrap().draft;
        new.cells.insert(
            crate::format::CellKey {
                table: crate::format::TableId::T3,
                row: "new",
                col: "natural",
            },
            crate::value::Value::Count(300),
        );
        let dialog = CompareDialog {
            comparison: Box::new(crate::compare::compare(&old, &new)),
            changed_only: false,
        };
        let rows = dialog.comparison.rows.clone();
        let changed: Vec<&str> = (rows.iter())
            .filter(|r| r.changed())
            .map(|r| r.label.as_str())
            .collect();
        let unchanged = rows.iter().find(|r| !r.changed()).unwrap().label.clone();
        let mut h = drive(dialog, |d: &mut CompareDialog, ui| d.ui(ui));
        assert!(h.query_by_label("2021 年").is_some() && h.query_by_label("2022 年").is_some());
        assert!(h.query_all_by_label(&unchanged).count() > 0);
        h.get_by_label("只显示有变化的数字").click();
        h.run();
        assert!(h.state().dialog.changed_only);
        assert_eq!(h.query_all_by_label(&unchanged).count(), 0);
        for label in changed {
            assert!(h.query_all_by_label(label).count() > 0, "{label}");
        }
        h.get_by_label("关闭").click();
        h.run();
        assert_eq!(h.state().outcome, Some(()));
    }
}
