//! 文件 → 导出: the format and options, the errors and the text still to review, and a preview
//! of the words that will be written.

use crate::check::{Finding, Severity};
use crate::draft::Draft;
use crate::export::{ExportFormat, ExportOptions};

/// Where an export goes: the system's dialog, or a typed path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Dialog,
    Typed,
}

pub struct ExportDialog {
    pub format: ExportFormat,
    pub options: ExportOptions,
    /// The preview and the (revision, options) it was made for.
    preview: Option<((u64, ExportOptions), String)>,
    /// An export started while text marked 待复核 remains: it waits for a second yes.
    confirm: Option<Target>,
}

pub enum Outcome {
    Export(ExportFormat, ExportOptions, Target),
    /// Show the page in the browser; the dialog stays.
    OpenInBrowser(String),
    Close,
}

/// What the dialog reads of the open draft.
pub struct View<'a> {
    pub draft: &'a Draft,
    pub findings: &'a [Finding],
    pub revision: u64,
}

impl ExportDialog {
    pub fn new(format: ExportFormat, options: ExportOptions) -> ExportDialog {
        ExportDialog {
            format,
            options,
            preview: None,
            confirm: None,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) -> Option<Outcome> {
        // A fixed size: the dialog must not move while the preview is made or changes.
        ui.set_width(880.0);
        ui.set_min_height(620.0);
        ui.heading("导出年度报告");
        self.choices_ui(ui);
        problems_ui(ui, view);
        self.preview_ui(ui, view);
        let outcome = self.buttons_ui(ui, view);
        if outcome.is_some() {
            return outcome;
        }
        self.confirm_ui(ui, view)
    }

    fn choices_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for format in ExportFormat::ALL {
                ui.radio_value(&mut self.format, format, format.label());
            }
            let values = &mut self.options.values;
            ui.checkbox(&mut values.blank_as_zero, "空白单元格按 0 输出");
            if self.format == ExportFormat::Html {
                ui.checkbox(
                    &mut self.options.fragment,
                    "只导出报告片段（粘贴到网站编辑器）",
                );
            }
        });
    }

    /// The words of the report, as the text export lays them out. A web page or a Word document
    /// is not shown as markup: its layout is the browser's and Word's to show.
    fn preview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let key = (view.revision, self.options);
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            let text = crate::export::text::export_text(view.draft, self.options.values);
            self.preview = Some((key, text));
        }
        ui.label(match self.format {
            ExportFormat::Docx => {
                "Word 文档按公文格式排版（A4，标题方正小标宋简体二号，正文仿宋_GB2312三号，表格合并单元格同官方样表）。预览（文字内容）："
            }
            ExportFormat::Html => {
                "网页的表格与官方样表一致，可点“在浏览器中打开”查看排版。预览（文字内容）："
            }
            ExportFormat::Text => "预览（将写入的内容）：",
        });
        if let Some((_, preview)) = &self.preview {
            egui::ScrollArea::both()
                .id_salt("nianbao-export-preview")
                .max_height(360.0)
                .min_scrolled_height(360.0)
                .show(ui, |ui| {
                    let mut shown = preview.as_str();
                    let edit = egui::TextEdit::multiline(&mut shown)
                        .code_editor()
                        .desired_width(860.0);
                    ui.add(edit).on_hover_text("导出预览");
                });
        }
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) -> Option<Outcome> {
        let mut outcome = None;
        ui.horizontal(|ui| {
            let mut target = None;
            if ui.button("导出到文件…").clicked() {
                target = Some(Target::Dialog);
            }
            if ui.button("按路径导出…").clicked() {
                target = Some(Target::Typed);
            }
            if let Some(t) = target {
                if view.draft.review.is_empty() {
                    outcome = Some(Outcome::Export(self.format, self.options, t));
                } else {
                    self.confirm = Some(t);
                }
            }
            if self.format == ExportFormat::Html && ui.button("在浏览器中打开").clicked() {
                let page = crate::export::html::export_html(
                    view.draft,
                    self.options.values,
                    self.options.fragment,
                );
                outcome = Some(Outcome::OpenInBrowser(page));
            }
            if ui.button("关闭").clicked() {
                outcome = Some(Outcome::Close);
            }
        });
        outcome
    }

    /// The second question when text carried from last year has not been reviewed.
    fn confirm_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) -> Option<Outcome> {
        let target = self.confirm?;
        ui.separator();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "还有 {} 处沿用上年报告的文字没有复核，导出后将按上年的原文发布。仍然导出吗？",
                view.draft.review.len()
            ),
        );
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("仍然导出").clicked() {
                outcome = Some(Outcome::Export(self.format, self.options, target));
            }
            if ui.button("返回修改").clicked() {
                self.confirm = None;
            }
        });
        outcome
    }
}

/// The errors (the export leaves them out of the report) and the text still marked 待复核.
fn problems_ui(ui: &mut egui::Ui, view: &View<'_>) {
    let errors: Vec<String> = (view.findings.iter())
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    let heading = format!(
        "草稿还有 {} 项勾稽错误（仍可导出，错误不会写入报告）：",
        errors.len()
    );
    let color = ui.visuals().error_fg_color;
    listed(
        ui,
        ("nianbao-export-errors", 90.0),
        (heading, color),
        &errors,
    );
    let review: Vec<String> = (view.draft.review.iter())
        .map(|field| format!("待复核 {}", field.label()))
        .collect();
    let heading = format!(
        "有 {} 处沿用上年报告的文字，标为“待复核”，尚未复核：",
        review.len()
    );
    let color = ui.visuals().warn_fg_color;
    listed(
        ui,
        ("nianbao-export-review", 70.0),
        (heading, color),
        &review,
    );
}

/// A heading and its lines in a short scrolling list, in one colour; nothing when empty.
fn listed(
    ui: &mut egui::Ui,
    (id, height): (&str, f32),
    (heading, color): (String, egui::Color32),
    lines: &[String],
) {
    if lines.is_empty() {
        return;
    }
    ui.colored_label(color, heading);
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(height)
        .show(ui, |ui| {
            for line in lines {
                ui.colored_label(color, line);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_previews_words_lists_errors_and_gives_the_choice() {
        let draft = example("2021-jinjiang.ron");
        let findings = crate::check::check(&draft);
        let dialog = ExportDialog::new(ExportFormat::Html, ExportOptions::default());
        let mut h = drive(dialog, move |d: &mut ExportDialog, ui| {
            let view = View {
                draft: &draft,
                findings: &findings,
                revision: 0,
            };
            d.ui(ui, &view)
        });
        let preview = h.get_by_label("导出预览").value().unwrap_or_default();
        assert!(preview.starts_with("晋江市人民政府2021年"), "{preview:.80}");
        assert!(!preview.contains('<'));
        assert!(h.query_by_label_contains("项勾稽错误").is_some());
        h.get_by_label("Word 文档（.docx）").click();
        h.run();
        h.get_by_label("导出到文件…").click();
        h.run();
        assert!(matches!(
            h.state().outcome,
            Some(Outcome::Export(ExportFormat::Docx, _, Target::Dialog))
        ));
    }
}
