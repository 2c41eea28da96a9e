//! 问题列表: every finding of the checker, with the count of errors and warnings always visible.
//! Errors come first, one by one; warnings follow grouped by rule, each group collapsible, so
//! that a new draft's hundred blank-cell warnings do not bury its one error. A click on a finding
//! brings its cell or field into view and focuses it; a click on the error count shows errors only.
//! Under a finding whose likely cause is known, the cause is shown with a button that offers its
//! repair (which the clerk confirms).

use std::collections::BTreeMap;

use crate::check::{Finding, Location, RuleId, Severity};
use crate::diagnose::Diagnosis;
use crate::draft::Draft;

/// What the clerk asked of the panel.
pub enum PanelAction {
    /// Go to a finding's cell or field.
    GoTo(Location),
    /// Offer the repair of this diagnosis (its index).
    Repair(usize),
}

/// What the panel lists.
pub struct Listed<'a> {
    pub draft: &'a Draft,
    pub findings: &'a [Finding],
    pub diagnoses: &'a [Diagnosis],
}

/// What the panel remembers between frames.
#[derive(Default)]
pub struct FindingsView {
    /// Show errors only (the clerk clicked "错误 N").
    pub errors_only: bool,
}

/// Shows the list; returns what the clerk clicked.
pub fn findings_ui(
    ui: &mut egui::Ui,
    listed: &Listed<'_>,
    view: &mut FindingsView,
) -> Option<PanelAction> {
    let (draft, findings) = (listed.draft, listed.findings);
    // The panel keeps its width whatever it lists, so nothing beside it moves.
    ui.set_min_width(ui.available_width());
    let mut clicked = None;
    let (errors, warnings) = crate::check::tally(findings);
    ui.horizontal(|ui| {
        ui.heading("问题列表");
        let error_count = egui::Button::selectable(
            view.errors_only,
            egui::RichText::new(format!("错误 {errors}")).color(ui.visuals().error_fg_color),
        );
        if ui
            .add(error_count)
            .on_hover_text(if view.errors_only {
                "再次点击显示全部问题"
            } else {
                "点击只显示错误"
            })
            .clicked()
        {
            view.errors_only = !view.errors_only;
        }
        ui.colored_label(ui.visuals().warn_fg_color, format!("提示 {warnings}"));
    });
    ui.separator();
    if findings.is_empty() {
        ui.label("没有发现问题：勾稽关系全部相符。");
        return None;
    }
    egui::ScrollArea::vertical()
        .id_salt("nianbao-findings")
        .auto_shrink(false)
        .show(ui, |ui| {
            let error_list = findings.iter().filter(|f| f.severity == Severity::Error);
            for (i, f) in error_list.enumerate() {
                if finding_ui(ui, draft, f, ("error", i)) {
                    clicked = Some(PanelAction::GoTo(f.location));
                }
                if let Some(action) = diagnoses_ui(ui, listed.diagnoses, f) {
                    clicked = Some(action);
                }
            }
            if view.errors_only {
                if errors == 0 {
                    ui.label("没有错误。");
                }
                return;
            }
            let mut by_rule: BTreeMap<RuleId, Vec<&Finding>> = BTreeMap::new();
            for f in findings.iter().filter(|f| f.severity == Severity::Warning) {
                by_rule.entry(f.rule).or_default().push(f);
            }
            for (rule, list) in by_rule {
                // A short heading: a collapsing header does not wrap, and a long one would widen
                // the panel. The rule's summary is the group's first line.
                let title = egui::RichText::new(format!("提示 {rule}（{} 项）", list.len()))
                    .color(ui.visuals().warn_fg_color);
                egui::CollapsingHeader::new(title)
                    .id_salt(("nianbao-findings-rule", rule))
                    // A long group (blank cells) starts closed; a short one shows its findings.
                    .default_open(list.len() <= 5)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(egui::RichText::new(rule.summary()).weak()).wrap());
                        for (i, f) in list.iter().enumerate() {
                            if finding_ui(ui, draft, f, ("warning", i)) {
                                clicked = Some(PanelAction::GoTo(f.location));
                            }
                            if let Some(action) = diagnoses_ui(ui, listed.diagnoses, f) {
                                clicked = Some(action);
                            }
                        }
                    });
            }
        });
    clicked
}

/// The likely causes of a finding, indented under it, each with a button offering its repair.
fn diagnoses_ui(ui: &mut egui::Ui, diagnoses: &[Diagnosis], f: &Finding) -> Option<PanelAction> {
    let mut clicked = None;
    for (i, d) in diagnoses.iter().enumerate().filter(|(_, d)| d.explains(f)) {
        ui.indent(("nianbao-diagnosis", i), |ui| {
            let text = format!("可能的原因：{}", d.message);
            let color = ui.visuals().warn_fg_color;
            ui.add(egui::Label::new(egui::RichText::new(text).color(color)).wrap());
            let offer = ui.small_button("修复…").on_hover_text(d.remedy.as_str());
            if offer.clicked() {
                clicked = Some(PanelAction::Repair(i));
            }
        });
    }
    clicked
}

/// One finding as a link-like button; returns whether it was clicked.
fn finding_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    f: &Finding,
    id: impl std::hash::Hash + std::fmt::Debug,
) -> bool {
    let color = match f.severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
    };
    let text = egui::RichText::new(format!("[{}] {} {}", f.severity.label(), f.rule, f.message))
        .color(color);
    let response = ui.push_id(id, |ui| ui.add(egui::Button::new(text).wrap().frame(false)));
    let response = response.inner;
    // The tooltip is written only for the finding under the pointer.
    if response.contains_pointer() {
        let hover = format!(
            "{}：{}\n点击定位",
            f.location.describe(draft),
            f.rule.summary()
        );
        response.on_hover_text(hover).clicked()
    } else {
        response.clicked()
    }
}
