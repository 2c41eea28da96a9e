//! The forms for the report's text: 基本信息, 引言, sections 一, 五 and 六. Like the grid, they
//! never change the draft themselves; they return edits.

use std::collections::HashMap;

use crate::check::{Finding, Location, MetaField, Severity};
use crate::date::Date;
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
            {
                if let Some((field, text)) = crate::narrative::refreshed(self.draft, kind) {
                    self.actions
                        .push(FormAction::Edit(Edit::SetText { field, text }));
                }
            }
            let cursor = egui::TextEdit::load_state(ui.ctx(), field_id(generated.field))
                .and_then(|s| s.cursor.char_range())
                .map(|r| r.primary.index.0);
            let insert = ui.add_enabled(cursor.is_some(), egui::Button::new("在光标处插入"));
            if insert.on_hover_text("插入到该段落上次的光标位置").clicked() {
                if let Some(at) = cursor {
                    let current = self.draft.text(generated.field).unwrap_or("");
                    let (text, _) = crate::narrative::insert_at(current, at, &generated);
                    self.actions.push(FormAction::Edit(Edit::SetText {
                        field: generated.field,
                        text,
                    }));
                }
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
    let draft = cx.draft;
    ui.heading("基本信息");
    ui.add_space(4.0);
    cx.text(ui, TextField::Body, "机关名称", 1);

    ui.add_space(6.0);
    let level_label = ui.label(egui::RichText::new("机关层级").strong());
    egui::ComboBox::from_id_salt("nianbao-level")
        .selected_text(draft.level.label())
        .width(280.0)
        .show_ui(ui, |ui| {
            for level in Level::ALL {
                if ui
                    .selectable_label(draft.level == level, level.label())
                    .clicked()
                    && level != draft.level
                {
                    cx.actions.push(FormAction::Edit(Edit::SetLevel(level)));
                }
            }
        })
        .response
        .labelled_by(level_label.id);

    ui.add_space(6.0);
    let year_label = ui.label(egui::RichText::new("报告年度（统计年度）").strong());
    let year_text = state.year.get_or_insert_with(|| draft.year.to_string());
    let year_response = ui
        .add(
            egui::TextEdit::singleline(year_text)
                .desired_width(80.0)
                .id(egui::Id::unique("nianbao-year")),
        )
        .labelled_by(year_label.id);
    cx.take_focus(Location::Meta(MetaField::Year), &year_response);
    if year_response.changed() {
        match year_text.trim().parse::<i32>() {
            Ok(y) if (1990..=2999).contains(&y) => {
                cx.actions.push(FormAction::Edit(Edit::SetYear(y)))
            }
            _ => {}
        }
    }
    if !year_response.has_focus() {
        state.year = None;
    } else if year_text
        .trim()
        .parse::<i32>()
        .map_or(true, |y| !(1990..=2999).contains(&y))
    {
        ui.colored_label(ui.visuals().error_fg_color, "请填写四位数的年份，如 2025");
    }

    ui.add_space(6.0);
    let format_label = ui.label(egui::RichText::new("表格格式").strong());
    ui.horizontal(|ui| {
        ui.label(format!(
            "{}（{}）",
            draft.format.name(),
            draft.format.def().issued_by
        ))
        .labelled_by(format_label.id);
        let expected = draft.expected_format();
        if expected != draft.format && ui.button(format!("转换为{}…", expected.name())).clicked()
        {
            cx.actions.push(FormAction::Convert(expected));
        }
    });
    cx.show_findings(ui, Location::Meta(MetaField::Format));

    ui.add_space(6.0);
    let title_label = ui.label(egui::RichText::new("报告标题").strong());
    let mut custom = draft.title_override.is_some();
    if ui
        .checkbox(
            &mut custom,
            "使用自定义标题（不勾选时按机关名称和年度自动生成）",
        )
        .changed()
    {
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

    ui.add_space(6.0);
    let date_label = ui.label(egui::RichText::new("计划发布日期").strong());
    let date_text = state.date.get_or_insert_with(|| {
        draft
            .publish_date
            .map(|d| d.to_string())
            .unwrap_or_default()
    });
    let date_response = ui
        .add(
            egui::TextEdit::singleline(date_text)
                .hint_text(format!("如 {}-01-31", draft.year + 1))
                .desired_width(140.0)
                .id(egui::Id::unique("nianbao-publish-date")),
        )
        .labelled_by(date_label.id);
    cx.take_focus(Location::Meta(MetaField::PublishDate), &date_response);
    let parsed: Option<Result<Date, _>> =
        (!date_text.trim().is_empty()).then(|| date_text.parse::<Date>());
    if date_response.changed() {
        match &parsed {
            None => cx
                .actions
                .push(FormAction::Edit(Edit::SetPublishDate(None))),
            Some(Ok(d)) => cx
                .actions
                .push(FormAction::Edit(Edit::SetPublishDate(Some(*d)))),
            Some(Err(_)) => {}
        }
    }
    if let Some(Err(e)) = &parsed {
        ui.colored_label(ui.visuals().error_fg_color, e.to_string());
    }
    if !date_response.has_focus() {
        state.date = None;
    }

    if let Some((deadline, basis)) = draft.publication_deadline() {
        ui.label(
            egui::RichText::new(format!("发布期限：{}（{basis}）", deadline.chinese())).weak(),
        );
    }
    if draft.level == Level::Township {
        let l = ui.label(egui::RichText::new("本地规定的发布期限（乡镇由县级政府规定）").strong());
        let text = state.deadline.get_or_insert_with(|| {
            draft
                .local_deadline
                .map(|d| d.to_string())
                .unwrap_or_default()
        });
        let response = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(format!("如 {}-02-28", draft.year + 1))
                    .desired_width(140.0),
            )
            .labelled_by(l.id);
        if response.changed() {
            match text.trim() {
                "" => cx
                    .actions
                    .push(FormAction::Edit(Edit::SetLocalDeadline(None))),
                t => {
                    if let Ok(d) = t.parse::<Date>() {
                        cx.actions
                            .push(FormAction::Edit(Edit::SetLocalDeadline(Some(d))));
                    }
                }
            }
        }
        if !response.has_focus() {
            state.deadline = None;
        }
    }

    if draft.year >= 2021 {
        ui.add_space(6.0);
        let l =
            ui.label(egui::RichText::new("本年收取的信息处理费（元，未收取填 0 或留空）").strong());
        let text = state
            .fee
            .get_or_insert_with(|| draft.info_fee.map(|d| d.to_string()).unwrap_or_default());
        let response = ui
            .add(egui::TextEdit::singleline(text).desired_width(140.0))
            .labelled_by(l.id);
        let parsed = crate::value::parse_cell(crate::format::CellType::Amount, text);
        if response.changed() {
            match &parsed {
                Ok(Some(crate::value::Value::Amount(d))) => cx
                    .actions
                    .push(FormAction::Edit(Edit::SetInfoFee(Some(*d)))),
                Ok(_) => cx.actions.push(FormAction::Edit(Edit::SetInfoFee(None))),
                Err(_) => {}
            }
        }
        if let Err(e) = &parsed {
            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
        }
        if !response.has_focus() {
            state.fee = None;
        }
        ui.label(
            egui::RichText::new("“六、其他需要报告的事项”中的信息处理费说明按此金额生成").weak(),
        );
    }

    ui.add_space(10.0);
    ui.heading("联系方式");
    ui.label(egui::RichText::new("只需填写一次，导出时按这些字段印在引言之后").weak());
    for field in ContactField::ALL {
        cx.text(ui, TextField::Contact(field), field.label(), 1);
    }
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
