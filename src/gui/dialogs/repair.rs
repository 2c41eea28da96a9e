//! 修复: the likely cause of a finding and what its repair changes, applied only when the clerk
//! says so, as one step that undo takes back.

use crate::diagnose::{Diagnosis, Repair};
use crate::draft::Draft;

pub struct RepairDialog {
    pub diagnosis: Diagnosis,
    /// What the repair changes, one line a cell (or the text), as the clerk reads it.
    changes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Apply,
    Cancel,
}

impl RepairDialog {
    pub fn new(diagnosis: Diagnosis, draft: &Draft) -> RepairDialog {
        let def = draft.format.def();
        let changes = match &diagnosis.repair {
            Repair::Cells(cells) => (cells.iter())
                .map(|(key, value)| {
                    let name = (def.cell_by_key(*key))
                        .map(|c| c.describe())
                        .unwrap_or_default();
                    let shown = |v: Option<&crate::value::Value>| {
                        v.map_or("空白".to_string(), ToString::to_string)
                    };
                    format!(
                        "{name}：{} → {}",
                        shown(draft.value(*key)),
                        shown(value.as_ref())
                    )
                })
                .collect(),
            Repair::Text { field, .. } => vec![format!("改写「{}」中的数字", field.label())],
        };
        RepairDialog { diagnosis, changes }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("按可能的原因修复");
        ui.label(format!("可能的原因：{}", self.diagnosis.message));
        ui.label(format!("修复：{}", self.diagnosis.remedy));
        ui.label(format!("将改动 {} 处：", self.changes.len()));
        egui::ScrollArea::vertical()
            .id_salt("nianbao-repair")
            .max_height(260.0)
            .show(ui, |ui| {
                for line in &self.changes {
                    ui.label(format!("· {line}"));
                }
            });
        ui.label(egui::RichText::new("修复作为一步操作，可以撤销。").weak());
        super::buttons(ui, &[("修复", Outcome::Apply), ("取消", Outcome::Cancel)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_lists_what_the_repair_changes_and_applies_on_confirmation() {
        let draft = example("2021-jinjiang.ron");
        let d = crate::diagnose::diagnose(&draft, &crate::check::check(&draft))
            .into_iter()
            .next()
            .expect("晋江's total in the wrong row");
        let dialog = RepairDialog::new(d, &draft);
        let changed = dialog.changes.len();
        let mut h = drive(dialog, |d: &mut RepairDialog, ui| d.ui(ui));
        assert!(h.query_by_label_contains("「3.其他」行").is_some());
        assert!(
            h.query_by_label(&format!("将改动 {changed} 处："))
                .is_some()
        );
        assert!(
            h.query_all_by_label_contains("· 表三「（七）总计」行")
                .count()
                > 0,
            "names the cells it changes"
        );
        h.get_by_label("修复").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::Apply));
    }
}
