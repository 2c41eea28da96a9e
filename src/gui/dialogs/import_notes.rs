//! 导入说明: what the importer read, recognised by approximation, or missed.

use crate::address::Location;
use crate::import::ImportNote;

pub struct ImportNotes {
    pub notes: Vec<ImportNote>,
}

pub enum Outcome {
    /// A note's place in the draft, to go to.
    GoTo(Location),
    Ok,
}

impl ImportNotes {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.set_width(760.0);
        ui.heading("导入说明");
        ui.label(
            "已按发布原样导入（合计按发布的数字保留，便于检查发布时的错误）。请核对以下说明：",
        );
        let mut outcome = None;
        egui::ScrollArea::vertical()
            .id_salt("nianbao-import-notes")
            .max_height(420.0)
            .show(ui, |ui| {
                for (i, note) in self.notes.iter().enumerate() {
                    let text = note.to_string();
                    match note.location {
                        Some(location) => {
                            let link = ui.push_id(i, |ui| ui.link(text)).inner;
                            if link.on_hover_text("点击定位").clicked() {
                                outcome = Some(Outcome::GoTo(location));
                            }
                        }
                        None => {
                            ui.label(text);
                        }
                    }
                }
            });
        let ok = ui.button("确定").clicked().then_some(Outcome::Ok);
        outcome.or(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn a_note_with_a_place_is_a_link_to_it() {
        use crate::draft::TextField;
        use crate::import::NoteKind;
        let place = Location::Text(TextField::OtherMatters);
        let dialog = ImportNotes {
            notes: vec![
                ImportNote::new(NoteKind::Read, "读到表二、表三、表四"),
                ImportNote::new(NoteKind::Missing, "未找到“六、其他需要报告的事项”").at(place),
            ],
        };
        let mut h = drive(dialog, |d: &mut ImportNotes, ui| d.ui(ui));
        assert!(h.query_by_label_contains("读到表二").is_some());
        h.get_by_label_contains("未找到“六").click();
        h.run();
        assert!(matches!(h.state().outcome, Some(Outcome::GoTo(l)) if l == place));
    }
}
