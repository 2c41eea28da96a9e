//! The forms for the report's text: 基本信息, 引言, sections 一, 五 and 六. Like the grid, they
//! never change the draft themselves; they return edits.

use std::collections::HashMap;

use crate::check::{Finding, Location, MetaField, Severity};
use crate::date::{Date, REPORT_YEARS};
use crate::document::Edit;
use crate::draft::{ContactField, Draft, Level, TextField};
use crate::format::FormatId;
use crate::narrative::{Kind, Status};

/// What a form asks of the app.
pub enum FormAction {
    Edit(Edit),
    /// A text field lost focus: the next keystroke starts a new undo step.
    EndTyping,
    /// Show the conversion of the tables to this format, for the clerk to confirm.
    Convert(FormatId),
}

/// Per-frame context the forms share.
pub struct FormContext<'a> {
    pub draft: &'a Draft,
    pub findings: &'a HashMap<Location, Vec<&'a Finding>>,
    /// A location to bring into view and focus (a click on a finding), taken by the field that has it.
    pub focus: &'a mut Option<Location>,
    pub actions: Vec<FormAction>,
}

/// Buffers for fields whose text is not stored as typed (the year, the publication date).
#[derive(Default)]
pub struct FormState {
    year: Option<String>,
    date: Option<String>,
    deadline: Option<String>,
    fee: Option<String>,
}

impl FormContext<'_> {
    fn findings_for(&self, location: Location) -> Option<&Vec<&Finding>> {
        self.findings.get(&location)
    }

    /// Marks a field with its findings: a coloured line under it with the messages.
    fn show_findings(&self, ui: &mut egui::Ui, location: Location) {
        if let Some(list) = self.findings_for(location) {
            for f in list {
                let color = if f.severity == Severity::Error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().warn_fg_color
                };
                ui.colored_label(color, format!("[{}] {}", f.severity.label(), f.message));
            }
        }
    }

    /// A sentence the tool writes from the tables: whether the text holds it as it should be,
    /// and buttons to refresh it in place or insert it where the cursor was.
    pub fn generated(&mut self, ui: &mut egui::Ui, kind: Kind) {
        let Some(generated) = crate::narrative::generate(self.draft, kind) else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("自动生成：{}", kind.label()));
            let (text, color) = match crate::narrative::status(self.draft, &generated) {
                Status::Missing => ("（正文中还没有）", ui.visuals().weak_text_color()),
                Status::Current => ("（与表格一致）", ui.visuals().weak_text_color()),
                Status::Stale => ("（表格已改动，需要刷新）", ui.visuals().warn_fg_color),
            };
            ui.colored_label(color, text);
            if ui
                .button("刷新")
                .on_hover_text(generated.text.clone())
                .clicked()
                && let Some((field, text)) = crate::narrative::refreshed(self.draft, kind)
            {
                self.actions
                    .push(FormAction::Edit(Edit::SetText { field, text }));
            }
            let cursor = egui::TextEdit::load_state(ui.ctx(), field_id(generated.field))
                .and_then(|s| s.cursor.char_range())
                .map(|r| r.primary.index.0);
            let insert = ui.add_enabled(cursor.is_some(), egui::Button::new("在光标处插入"));
            if insert.on_hover_text("插入到该段落上次的光标位置").clicked()
                && let Some(at) = cursor
            {
                let current = self.draft.text(generated.field).unwrap_or("");
                let (text, _) = crate::narrative::insert_at(current, at, &generated);
                self.actions.push(FormAction::Edit(Edit::SetText {
                    field: generated.field,
                    text,
                }));
            }
        });
    }

    fn take_focus(&mut self, location: Location, response: &egui::Response) {
        if *self.focus == Some(location) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            *self.focus = None;
        }
    }

    /// A text field of the draft. `rows` > 1 makes it a multi-line editor.
    pub fn text(&mut self, ui: &mut egui::Ui, field: TextField, label: &str, rows: usize) {
        let location = Location::Text(field);
        let label_response = ui
            .horizontal(|ui| {
                let label = ui.label(egui::RichText::new(label).strong());
                if self.draft.review.contains(&field) {
                    ui.colored_label(ui.visuals().warn_fg_color, "待复核：由上年报告带入");
                    if ui.small_button("标记为已复核").clicked() {
                        self.actions
                            .push(FormAction::Edit(Edit::MarkReviewed(field)));
                    }
                }
                label
            })
            .inner;
        let mut text = self.draft.text(field).unwrap_or("").to_string();
        let id = field_id(field);
        let edit = if rows > 1 {
            egui::TextEdit::multiline(&mut text).desired_rows(rows)
        } else {
            egui::TextEdit::singleline(&mut text)
        }
        .id(id)
        .desired_width(f32::INFINITY);
        let has_error = self
            .findings_for(location)
            .is_some_and(|l| l.iter().any(|f| f.severity == Severity::Error));
        let response = if has_error {
            let stroke = egui::Stroke::new(1.5, ui.visuals().error_fg_color);
            egui::Frame::new()
                .stroke(stroke)
                .inner_margin(1.0)
                .show(ui, |ui| ui.add(edit))
                .inner
        } else {
            ui.add(edit)
        }
        .labelled_by(label_response.id);
        self.take_focus(location, &response);
        if response.changed() {
            self.actions
                .push(FormAction::Edit(Edit::SetText { field, text }));
        }
        if response.lost_focus() {
            self.actions.push(FormAction::EndTyping);
        }
        self.show_findings(ui, location);
    }
}

/// The id of a text field's editor (stable, so the cursor can be found again).
fn field_id(field: TextField) -> egui::Id {
    egui::Id::unique(("nianbao-field", field))
}

/// 基本信息: body, level, year, title, publication date, format and contact data.
pub fn basic_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>, state: &mut FormState) {
    ui.heading("基本信息");
    ui.add_space(4.0);
    cx.text(ui, TextField::Body, "机关名称", 1);
    ui.add_space(6.0);
    level_ui(ui, cx);
    ui.add_space(6.0);
    year_ui(ui, cx, &mut state.year);
    ui.add_space(6.0);
    format_ui(ui, cx);
    ui.add_space(6.0);
    title_ui(ui, cx);
    ui.add_space(6.0);
    dates_ui(ui, cx, state);
    if cx.draft.year >= 2021 {
        ui.add_space(6.0);
        fee_ui(ui, cx, &mut state.fee);
    }
    ui.add_space(10.0);
    ui.heading("联系方式");
    ui.label(egui::RichText::new("只需填写一次，导出时按这些字段印在引言之后").weak());
    for field in ContactField::ALL {
        cx.text(ui, TextField::Contact(field), field.label(), 1);
    }
}

/// A field whose text is kept as typed while it has the keyboard (a year, a date, an amount):
/// the draft gets the value only once the text is valid. Returns the response and the text.
fn buffered_field<'b>(
    ui: &mut egui::Ui,
    label: &str,
    buffer: &'b mut Option<String>,
    current: impl FnOnce() -> String,
    edit: impl FnOnce(egui::TextEdit<'_>) -> egui::TextEdit<'_>,
) -> (egui::Response, &'b mut String) {
    let l = ui.label(egui::RichText::new(label).strong());
    let text = buffer.get_or_insert_with(current);
    let response = ui
        .add(edit(egui::TextEdit::singleline(text)))
        .labelled_by(l.id);
    (response, text)
}

/// Forgets the typed text once the field has lost the keyboard: it shows the draft's value again.
fn release(buffer: &mut Option<String>, response: &egui::Response) {
    if !response.has_focus() {
        *buffer = None;
    }
}

fn level_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>) {
    let draft = cx.draft;
    let level_label = ui.label(egui::RichText::new("机关层级").strong());
    egui::ComboBox::from_id_salt("nianbao-level")
        .selected_text(draft.level.label())
        .width(280.0)
        .show_ui(ui, |ui| {
            for level in Level::ALL {
                let chosen = ui.selectable_label(draft.level == level, level.label());
                if chosen.clicked() && level != draft.level {
                    cx.actions.push(FormAction::Edit(Edit::SetLevel(level)));
                }
            }
        })
        .response
        .labelled_by(level_label.id);
}

fn year_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>, buffer: &mut Option<String>) {
    let year = cx.draft.year;
    let (response, text) = buffered_field(
        ui,
        "报告年度（统计年度）",
        buffer,
        || year.to_string(),
        |e| e.desired_width(80.0).id(egui::Id::unique("nianbao-year")),
    );
    cx.take_focus(Location::Meta(MetaField::Year), &response);
    let parsed = (text.trim().parse::<i32>().ok()).filter(|y| REPORT_YEARS.contains(y));
    if response.changed()
        && let Some(y) = parsed
    {
        cx.actions.push(FormAction::Edit(Edit::SetYear(y)));
    }
    if response.has_focus() && parsed.is_none() {
        ui.colored_label(ui.visuals().error_fg_color, "请填写四位数的年份，如 2025");
    }
    release(buffer, &response);
}

fn format_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>) {
    let draft = cx.draft;
    let format_label = ui.label(egui::RichText::new("表格格式").strong());
    ui.horizontal(|ui| {
        let name = format!(
            "{}（{}）",
            draft.format.name(),
            draft.format.def().issued_by
        );
        ui.label(name).labelled_by(format_label.id);
        let expected = draft.expected_format();
        if expected != draft.format && ui.button(format!("转换为{}…", expected.name())).clicked()
        {
            cx.actions.push(FormAction::Convert(expected));
        }
    });
    cx.show_findings(ui, Location::Meta(MetaField::Format));
}

fn title_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>) {
    let draft = cx.draft;
    let title_label = ui.label(egui::RichText::new("报告标题").strong());
    let mut custom = draft.title_override.is_some();
    let note = "使用自定义标题（不勾选时按机关名称和年度自动生成）";
    if ui.checkbox(&mut custom, note).changed() {
        let edit = if custom {
            Edit::SetText {
                field: TextField::Title,
                text: draft.derived_title(),
            }
        } else {
            Edit::ResetTitle
        };
        cx.actions.push(FormAction::Edit(edit));
    }
    if custom {
        cx.text(ui, TextField::Title, "自定义标题", 1);
    } else {
        ui.label(draft.derived_title()).labelled_by(title_label.id);
    }
}

/// 计划发布日期 with its deadline, and for a 乡镇 the county's deadline.
fn dates_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>, state: &mut FormState) {
    let draft = cx.draft;
    let example = format!("如 {}-01-31", draft.year + 1);
    let (response, text) = buffered_field(
        ui,
        "计划发布日期",
        &mut state.date,
        || {
            draft
                .publish_date
                .map(|d| d.to_string())
                .unwrap_or_default()
        },
        |e| {
            e.hint_text(example)
                .desired_width(140.0)
                .id(egui::Id::unique("nianbao-publish-date"))
        },
    );
    cx.take_focus(Location::Meta(MetaField::PublishDate), &response);
    let parsed = (!text.trim().is_empty()).then(|| text.parse::<Date>());
    match &parsed {
        None if response.changed() => cx
            .actions
            .push(FormAction::Edit(Edit::SetPublishDate(None))),
        Some(Ok(d)) if response.changed() => cx
            .actions
            .push(FormAction::Edit(Edit::SetPublishDate(Some(*d)))),
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
        }
        _ => {}
    }
    release(&mut state.date, &response);

    if let Some((deadline, basis)) = draft.publication_deadline() {
        let text = format!("发布期限：{}（{basis}）", deadline.chinese());
        ui.label(egui::RichText::new(text).weak());
    }
    if draft.level == Level::Township {
        let example = format!("如 {}-02-28", draft.year + 1);
        let (response, text) = buffered_field(
            ui,
            "本地规定的发布期限（乡镇由县级政府规定）",
            &mut state.deadline,
            || {
                draft
                    .local_deadline
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            },
            |e| e.hint_text(example).desired_width(140.0),
        );
        if response.changed() {
            let edit = match text.trim() {
                "" => Some(Edit::SetLocalDeadline(None)),
                t => t
                    .parse::<Date>()
                    .ok()
                    .map(|d| Edit::SetLocalDeadline(Some(d))),
            };
            cx.actions.extend(edit.map(FormAction::Edit));
        }
        release(&mut state.deadline, &response);
    }
}

/// 本年收取的信息处理费 (from 2021): the amount the generated fee statement is written from.
fn fee_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>, buffer: &mut Option<String>) {
    let fee = cx.draft.info_fee;
    let (response, text) = buffered_field(
        ui,
        "本年收取的信息处理费（元，未收取填 0 或留空）",
        buffer,
        || fee.map(|d| d.to_string()).unwrap_or_default(),
        |e| e.desired_width(140.0),
    );
    let parsed = crate::value::parse_cell(crate::format::CellType::Amount, text);
    match &parsed {
        Ok(Some(crate::value::Value::Amount(d))) if response.changed() => cx
            .actions
            .push(FormAction::Edit(Edit::SetInfoFee(Some(*d)))),
        Ok(_) if response.changed() => cx.actions.push(FormAction::Edit(Edit::SetInfoFee(None))),
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
        }
        _ => {}
    }
    release(buffer, &response);
    let note = "“六、其他需要报告的事项”中的信息处理费说明按此金额生成";
    ui.label(egui::RichText::new(note).weak());
}

/// 一、总体情况: the opening text and the parts, which can be added, renamed, moved and removed.
pub fn overview_ui(ui: &mut egui::Ui, cx: &mut FormContext<'_>) {
    ui.heading(crate::draft::SECTION_HEADINGS[0]);
    cx.generated(ui, Kind::Requests);
    cx.generated(ui, Kind::ReviewAndLitigation);
    cx.text(ui, TextField::OverviewIntro, "开头段落", 4);
    let count = cx.draft.parts.len();
    for i in 0..count {
        ui.add_space(8.0);
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(format!("（{}）", crate::draft::chinese_numeral(i + 1)))
                    .strong(),
            );
            if ui.add_enabled(i > 0, egui::Button::new("上移")).clicked() {
                cx.actions
                    .push(FormAction::Edit(Edit::MovePart { from: i, to: i - 1 }));
            }
            if ui
                .add_enabled(i + 1 < count, egui::Button::new("下移"))
                .clicked()
            {
                cx.actions
                    .push(FormAction::Edit(Edit::MovePart { from: i, to: i + 1 }));
            }
            if ui.button("删除此部分").clicked() {
                cx.actions.push(FormAction::Edit(Edit::RemovePart(i)));
            }
        });
        cx.text(
            ui,
            TextField::PartHeading(i),
            &format!("第{}部分标题", crate::draft::chinese_numeral(i + 1)),
            1,
        );
        cx.text(
            ui,
            TextField::PartText(i),
            &format!("第{}部分正文", crate::draft::chinese_numeral(i + 1)),
            8,
        );
    }
    ui.add_space(8.0);
    if ui.button("添加部分").clicked() {
        cx.actions.push(FormAction::Edit(Edit::AddPart {
            index: count,
            heading: "新的部分".into(),
        }));
    }
}
