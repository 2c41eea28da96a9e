//! 问题列表: every finding of the checker, with the count of errors and warnings always visible.
//! A click on a finding brings its cell or field into view and focuses it.

use crate::check::{Finding, Location, Severity};
use crate::draft::Draft;

/// Shows the list; returns the location the clerk clicked.
pub fn findings_ui(ui: &mut egui::Ui, draft: &Draft, findings: &[Finding]) -> Option<Location> {
    let mut clicked = None;
    let (errors, warnings) = crate::check::tally(findings);
    ui.horizontal(|ui| {
        ui.heading("问题列表");
        ui.colored_label(ui.visuals().error_fg_color, format!("错误 {errors}"));
        ui.colored_label(ui.visuals().warn_fg_color, format!("提示 {warnings}"));
    });
    if findings.is_empty() {
        ui.label("没有发现问题：勾稽关系全部相符。");
        return None;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("nianbao-findings")
        .show(ui, |ui| {
            for (i, f) in findings.iter().enumerate() {
                let color = match f.severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                };
                let text = egui::RichText::new(format!(
                    "[{}] {} {}",
                    f.severity.label(),
                    f.rule,
                    f.message
                ))
                .color(color);
                let response = ui
                    .push_id(i, |ui| ui.add(egui::Button::new(text).wrap().frame(false)))
                    .inner
                    .on_hover_text(format!(
                        "{}：{}\n点击定位",
                        f.location.describe(draft),
                        f.rule.summary()
                    ));
                if response.clicked() {
                    clicked = Some(f.location);
                }
            }
        });
    clicked
}
