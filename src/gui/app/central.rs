//! The central view: the form of the selected part, or its table laid out like the official one.
//! Forms and grid return actions; this is where they become edits of the draft.

use std::collections::HashMap;

use super::{App, Section};
use crate::address::Location;
use crate::check::Finding;
use crate::document::Edit;
use crate::draft::{SECTION_HEADINGS, TextField};
use crate::format::{CellKey, FormatId, TableId};
use crate::gui::dialogs::{Dialog, convert::ConvertDialog};
use crate::gui::forms::{self, FormAction, FormContext};
use crate::gui::grid::{self, GridAction};

impl App {
    pub(super) fn central_ui(&mut self, ui: &mut egui::Ui) {
        let section = self.section;
        // Keyed by the open draft too: another file opens at its top, not where this one was.
        let id = ("nianbao-section", format!("{section:?}"), self.open.id);
        match section {
            Section::Table(table) => {
                let mut actions = self.table_header_ui(ui, table);
                // The width the view shows (inside, a horizontal scroll area has no limit);
                // the scroll bar takes some.
                let fit = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
                let scroll = egui::ScrollArea::both().id_salt(id).auto_shrink(false);
                scroll.show(ui, |ui| actions.extend(self.table_ui(ui, table, fit)));
                self.apply_grid_actions(actions);
            }
            _ => {
                // Forms scroll up and down only: their text wraps at the panel's width.
                let scroll = egui::ScrollArea::vertical().id_salt(id).auto_shrink(false);
                scroll.show(ui, |ui| self.form_section_ui(ui, section));
            }
        }
    }

    /// The table's heading, the format note and the toolbar: above the scrolling grid.
    fn table_header_ui(&mut self, ui: &mut egui::Ui, table: TableId) -> Vec<GridAction> {
        let draft = self.open.doc.draft();
        let def = draft.format.def();
        ui.heading(def.table(table).title);
        let format = format!("{}（{}）", draft.format.name(), def.issued_by);
        ui.label(egui::RichText::new(format).weak());
        let expected = draft.expected_format();
        if draft.format != expected {
            let mut convert = false;
            ui.horizontal(|ui| {
                let text = format!("报告年度 {} 年应使用{}。", draft.year, expected.name());
                ui.colored_label(ui.visuals().error_fg_color, text);
                convert = ui.button(format!("转换为{}…", expected.name())).clicked();
            });
            if convert {
                self.ask_to_convert(expected);
            }
        }
        grid::toolbar_ui(ui, self.open.doc.draft(), table, &mut self.open.grid)
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, table: TableId, fit: f32) -> Vec<GridAction> {
        let open = &mut self.open;
        let mut by_cell: HashMap<CellKey, Vec<&Finding>> = HashMap::new();
        for f in &open.findings {
            if let Location::Cell(key) = f.location {
                by_cell.entry(key).or_default().push(f);
            }
        }
        let (draft, revision) = (open.doc.draft(), open.doc.revision());
        grid::table_ui(ui, draft, revision, table, &by_cell, &mut open.grid, fit)
    }

    fn apply_grid_actions(&mut self, actions: Vec<GridAction>) {
        for action in actions {
            match action {
                GridAction::Set(key, value) => {
                    self.apply(Edit::SetCell { key, value });
                    // The cell's text is what was typed: no need to reload it from the draft.
                    self.open.grid.synced(self.open.doc.revision());
                }
                GridAction::Paste(cells) => {
                    let n = cells.len();
                    self.apply(Edit::SetCells(cells));
                    self.tell(format!("已粘贴 {n} 个单元格（可撤销）"), false);
                }
                GridAction::Clear(cells) => {
                    let n = cells.len();
                    self.apply(Edit::SetCells(cells));
                    self.tell(format!("已清除 {n} 个单元格（可撤销）"), false);
                }
                GridAction::AcceptComputed(key) => self.apply(Edit::AcceptComputed(key)),
                GridAction::AcceptAllComputed(table) => {
                    self.apply(Edit::AcceptAllComputed(table));
                    self.tell("合计已全部改为按分项计算（可撤销）".into(), false);
                }
                GridAction::FillZero(table) => {
                    self.apply(Edit::FillBlanksWithZero(table));
                    self.tell("已把空白单元格填为 0（可撤销）".into(), false);
                }
                GridAction::EndTyping => self.open.doc.end_typing(),
                GridAction::Notice(text) => self.tell(text, true),
            }
        }
    }

    fn form_section_ui(&mut self, ui: &mut egui::Ui, section: Section) {
        let open = &mut self.open;
        let mut by_location: HashMap<Location, Vec<&Finding>> = HashMap::new();
        for f in &open.findings {
            by_location.entry(f.location).or_default().push(f);
        }
        let mut cx = FormContext {
            draft: open.doc.draft(),
            findings: &by_location,
            focus: &mut open.focus,
            actions: Vec::new(),
        };
        // Lines of text longer than 900 points are hard to read; a narrower panel (the findings
        // open on a small screen) narrows the forms with it rather than hiding their right edge.
        ui.set_max_width(ui.available_width().min(900.0));
        match section {
            Section::Basic => forms::basic_ui(ui, &mut cx, &mut open.forms),
            Section::Preamble => {
                ui.heading("引言");
                let note =
                    "依据、统计期限、全文获取方式等；联系方式在“基本信息”中填写，导出时自动附上";
                ui.label(egui::RichText::new(note).weak());
                cx.generated(ui, crate::narrative::Kind::StatisticsPeriod);
                cx.text(ui, TextField::Preamble, "引言正文", 10);
            }
            Section::Overview => forms::overview_ui(ui, &mut cx),
            Section::Problems => {
                ui.heading(SECTION_HEADINGS[4]);
                cx.text(ui, TextField::Problems, "正文", 14);
            }
            Section::OtherMatters => {
                ui.heading(SECTION_HEADINGS[5]);
                let note = "2021 年起须说明信息处理费收取情况（未收取也应写明）";
                ui.label(egui::RichText::new(note).weak());
                cx.generated(ui, crate::narrative::Kind::InformationFee);
                cx.text(ui, TextField::OtherMatters, "正文", 10);
            }
            Section::Table(_) => {}
        }
        for action in std::mem::take(&mut cx.actions) {
            match action {
                FormAction::Edit(edit) => self.apply(edit),
                FormAction::EndTyping => self.open.doc.end_typing(),
                FormAction::Convert(to) => self.ask_to_convert(to),
            }
        }
    }

    /// Shows what a conversion of the tables would drop, for the clerk to confirm.
    fn ask_to_convert(&mut self, to: FormatId) {
        let conversion = Box::new(crate::convert::convert(self.open.doc.draft(), to));
        self.dialog = Some(Dialog::Convert(ConvertDialog { conversion, to }));
    }
}
