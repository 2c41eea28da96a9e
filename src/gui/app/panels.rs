//! The frame of the window: menu bar, status bar, the list of the report's parts, the findings
//! panel, and the central view between them.

use std::collections::HashMap;

use super::{App, Section};
use crate::check::{self, Severity};
use crate::gui::dialogs::{Dialog, repair::RepairDialog};
use crate::gui::findings_panel::{Listed, PanelAction, findings_ui};

impl App {
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("nianbao-menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("nianbao-status").show(ui, |ui| self.status_ui(ui));
        if self.board_shown() {
            // The board takes the whole width: its table has many columns.
            egui::CentralPanel::default_margins().show(ui, |ui| self.board_ui(ui));
            return;
        }
        // Both side panels can be narrowed (egui keeps their widths with the window's state) or
        // hidden from 视图 (kept in the settings), to give a table room on a small screen.
        if self.settings.show_sections {
            egui::Panel::left("nianbao-sections")
                .resizable(true)
                .default_size(190.0)
                .size_range(110.0..=320.0)
                .show(ui, |ui| self.sections_ui(ui));
        }
        if self.settings.show_findings {
            egui::Panel::right("nianbao-findings")
                .resizable(true)
                .default_size(250.0)
                .size_range(160.0..=520.0)
                .show(ui, |ui| {
                    if self.settings.show_charts {
                        // The charts share the findings' column rather than taking a second one:
                        // two side panels leave table 三 too narrow for its 总计 on a 1280-wide
                        // screen. egui keeps the split where the clerk drags it.
                        egui::Panel::bottom("nianbao-charts-below")
                            .resizable(true)
                            .default_size(ui.available_height() * 0.55)
                            .size_range(120.0..=(ui.available_height() - 80.0).max(120.0))
                            .show(ui, |ui| self.charts_ui(ui));
                    }
                    let open = &self.open;
                    let listed = Listed {
                        draft: open.doc.draft(),
                        findings: &open.findings,
                        diagnoses: &open.diagnoses,
                    };
                    match findings_ui(ui, &listed, &mut self.findings_view) {
                        Some(PanelAction::GoTo(location)) => self.go_to(location),
                        Some(PanelAction::Repair(i)) => self.offer_repair(i),
                        None => {}
                    }
                });
        }
        if self.settings.show_charts && !self.settings.show_findings {
            // As narrow as the findings panel it otherwise shares, so that the table keeps its
            // columns; egui remembers a width the clerk drags to.
            egui::Panel::right("nianbao-charts")
                .resizable(true)
                .default_size(250.0)
                .size_range(200.0..=520.0)
                .show(ui, |ui| self.charts_ui(ui));
        }
        egui::CentralPanel::default_margins().show(ui, |ui| self.central_ui(ui));
    }

    /// The 图表 view, its charts brought up to the draft's revision first (made again only when
    /// the revision changed).
    fn charts_ui(&mut self, ui: &mut egui::Ui) {
        let open = &mut self.open;
        let revision = open.doc.revision();
        (open.charts).refresh(open.doc.draft(), revision, open.path.as_deref());
        let scroll = egui::ScrollArea::vertical().id_salt(("nianbao-charts", open.id));
        scroll.show(ui, |ui| open.charts.ui(ui));
    }

    /// Shows a diagnosis and its repair, for the clerk to accept or not.
    fn offer_repair(&mut self, index: usize) {
        if let Some(d) = self.open.diagnoses.get(index) {
            let dialog = RepairDialog::new(d.clone(), self.open.doc.draft());
            self.dialog = Some(Dialog::Repair(Box::new(dialog)));
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let draft = self.open.doc.draft();
            let (errors, warnings) = check::tally(&self.open.findings);
            let format = draft.format.name();
            // Over the board, the figures of the draft behind it would read as the board's.
            if self.board_shown() {
                let body = match draft.body.trim() {
                    "" => "（未填机关名称）",
                    body => body,
                };
                ui.label(format!(
                    "编辑器中的草稿：{body} · 错误 {errors} · 提示 {warnings}"
                ));
            } else {
                ui.label(format!("{format} · 错误 {errors} · 提示 {warnings}"));
            }
            ui.separator();
            match &self.notice {
                Some((text, true)) => {
                    ui.colored_label(ui.visuals().error_fg_color, text);
                }
                Some((text, false)) => {
                    ui.label(text);
                }
                None => {
                    let path = self.open.path.as_ref().map(|p| p.display().to_string());
                    ui.label(path.unwrap_or_else(|| "尚未保存".into()));
                }
            }
        });
    }

    fn sections_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(4.0);
        let mut counts: HashMap<Section, (usize, usize)> = HashMap::new();
        for f in &self.open.findings {
            let entry = counts.entry(Section::of(f.location)).or_default();
            match f.severity {
                Severity::Error => entry.0 += 1,
                Severity::Warning => entry.1 += 1,
            }
        }
        for section in Section::ALL {
            let (errors, warnings) = counts.get(&section).copied().unwrap_or_default();
            let text = section_label(ui, section, errors, warnings);
            let response = ui
                .add(egui::Button::selectable(self.section == section, text).wrap())
                .on_hover_text(section.label());
            if response.clicked() {
                self.section = section;
            }
        }
    }
}

/// "表三 ×2 △5": the part's name with its counts of errors and warnings in their colours.
fn section_label(
    ui: &egui::Ui,
    section: Section,
    errors: usize,
    warnings: usize,
) -> egui::text::LayoutJob {
    let mut text = egui::text::LayoutJob::default();
    let mut append = |s: &str, color| {
        let format = egui::TextFormat {
            color,
            ..Default::default()
        };
        text.append(s, 0.0, format);
    };
    append(section.label(), ui.visuals().text_color());
    if errors > 0 {
        append(&format!(" ×{errors}"), ui.visuals().error_fg_color);
    }
    if warnings > 0 {
        append(&format!(" △{warnings}"), ui.visuals().warn_fg_color);
    }
    text
}
