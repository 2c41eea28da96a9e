//! 关于: version and licences (the embedded font's in full).

pub struct About;

impl About {
    /// `Some(())` once closed.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<()> {
        ui.heading("政府信息公开年报编制（nianbao）");
        ui.label(format!("版本 {}", env!("CARGO_PKG_VERSION")));
        ui.label("用于编制《中华人民共和国政府信息公开条例》要求的政府信息公开工作年度报告。");
        ui.separator();
        ui.label("许可：本程序 MIT 或 Apache-2.0。");
        ui.label("内嵌字体：Noto Sans SC（GBK 子集），SIL Open Font License 1.1。");
        ui.label("界面库：egui / eframe，MIT 或 Apache-2.0。");
        egui::CollapsingHeader::new("字体许可全文（SIL Open Font License 1.1）").show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("nianbao-ofl")
                .max_height(240.0)
                .show(ui, |ui| {
                    let licence = include_str!("../../../assets/fonts/OFL.txt");
                    ui.label(egui::RichText::new(licence).small());
                });
        });
        ui.button("确定").clicked().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn it_names_the_version_and_shows_the_font_licence() {
        let mut h = drive(About, |d: &mut About, ui| d.ui(ui));
        assert!(
            h.query_by_label(&format!("版本 {}", env!("CARGO_PKG_VERSION")))
                .is_some()
        );
        h.get_by_label("字体许可全文（SIL Open Font License 1.1）")
            .click();
        h.run();
        assert!(h.query_by_label_contains("SIL OPEN FONT LICENSE").is_some());
    }
}
