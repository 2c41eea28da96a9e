//! Running the command table's commands: from a menu, a key or the palette, one way.

use super::App;
use super::lifecycle::Pending;
use crate::chart::ChartFormat;
use crate::document::Edit;
use crate::gui::commands::{Command, Scope};
use crate::gui::dialogs::{
    Dialog, about::About, export::ExportDialog, import_paste::ImportPaste, palette::Palette,
    profile::ProfileDialog,
};
use crate::gui::file_dialog::Purpose;

/// What a command that puts another draft in the window (or closes it) waits for, behind the
/// unsaved-changes question.
fn pending_for(command: Command) -> Option<Pending> {
    match command {
        Command::New => Some(Pending::New),
        Command::Open => Some(Pending::Open(None)),
        Command::OpenTyped => Some(Pending::OpenTyped),
        Command::NextYear => Some(Pending::NextYear),
        Command::Quit => Some(Pending::Close),
        _ => None,
    }
}

impl App {
    /// Whether a command can run now: menus grey out the others, the palette leaves them out.
    pub(super) fn can_run(&self, command: Command) -> bool {
        let doc = &self.open.doc;
        match command {
            Command::Undo => doc.can_undo(),
            Command::Redo => doc.can_redo(),
            Command::ClearLastYear => doc.draft().last_year.is_some(),
            _ => true,
        }
    }

    /// Runs a command. One that leaves the draft asks about unsaved changes first.
    pub(super) fn run(&mut self, command: Command, ctx: &egui::Context) {
        if command.info().leaves_document
            && let Some(pending) = pending_for(command)
        {
            self.request(pending);
            return;
        }
        match command {
            Command::ImportFile => self.start_file_dialog(Purpose::Import),
            Command::ImportPaste => {
                let text = String::new();
                self.dialog = Some(Dialog::ImportPaste(ImportPaste { text }));
            }
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.start_file_dialog(Purpose::SaveAs),
            Command::SaveAsTyped => self.ask_for_path(Purpose::SaveAs, None),
            Command::Export => {
                let dialog = ExportDialog::new(self.export_format, self.export_choice);
                self.dialog = Some(Dialog::Export(dialog));
            }
            Command::ExportChartSvg => self.start_chart_export(ChartFormat::Svg),
            Command::ExportChartPng => self.start_chart_export(ChartFormat::Png),
            Command::PickLastYear => self.start_file_dialog(Purpose::LastYear),
            Command::RegionalProfile => {
                let dialog = ProfileDialog::new(self.profile.clone());
                self.dialog = Some(Dialog::Profile(dialog));
            }
            Command::ClearLastYear => self.apply(Edit::SetLastYear(None)),
            Command::Compare => self.start_file_dialog(Purpose::Compare),
            Command::Merge => self.start_file_dialog(Purpose::Merge),
            Command::ReviewBoard => self.start_file_dialog(Purpose::ReviewFolder),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ToggleTheme => {
                let dark = ctx.theme() != egui::Theme::Dark;
                self.settings.dark = dark;
                ctx.set_theme(if dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            Command::ToggleSections => self.settings.show_sections ^= true,
            Command::ToggleFindings => self.settings.show_findings ^= true,
            Command::ToggleCharts => self.settings.show_charts ^= true,
            Command::Palette => self.dialog = Some(Dialog::Palette(Palette::default())),
            Command::About => self.dialog = Some(Dialog::About(About)),
            Command::Guide => {
                if let Err(e) = crate::gui::guide::open_guide(ctx) {
                    self.dialog = Some(Dialog::message("无法打开使用说明", e));
                }
            }
            // Leaving the draft: handled above.
            Command::New | Command::Open | Command::OpenTyped | Command::NextYear => {}
            Command::Quit => {}
            // The grid's keys are taken by the grid, where the selection is.
            Command::CellNext
            | Command::CellPrev
            | Command::CellDown
            | Command::CellUp
            | Command::CellRight
            | Command::CellLeft
            | Command::CellEdit
            | Command::CellCancel
            | Command::CellClear
            | Command::CellCopy
            | Command::ExtendUp
            | Command::ExtendDown
            | Command::ExtendLeft
            | Command::ExtendRight => {}
        }
    }

    /// The keys of the command table's global commands. A dialog on top owns the keyboard; a
    /// focused text field keeps its own undo and redo (a grid cell does not: there they undo
    /// the whole entry in the draft).
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let focused = ctx.memory(|m| m.focused());
        let in_grid = focused.is_some_and(crate::gui::grid::is_cell_editor);
        let in_text = focused.is_some() && !in_grid;
        let runnable: Vec<Command> = (Command::ALL.into_iter())
            .filter(|c| c.info().scope == Scope::Global)
            .filter(|c| !(in_text && c.yields_to_text()) && self.can_run(*c))
            .collect();
        let pressed: Vec<Command> =
            ctx.input_mut(|i| (runnable.into_iter()).filter(|c| c.consume(i)).collect());
        for command in pressed {
            self.run(command, ctx);
        }
    }

    pub(super) fn apply(&mut self, edit: Edit) {
        if let Err(e) = self.open.doc.apply(edit) {
            self.tell(e.to_string(), true);
        }
    }

    fn undo(&mut self) {
        if self.open.doc.undo() {
            self.tell("已撤销".into(), false);
        }
    }

    fn redo(&mut self) {
        if self.open.doc.redo() {
            self.tell("已重做".into(), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_that_leaves_the_draft_is_guarded() {
        for c in Command::ALL {
            assert_eq!(
                c.info().leaves_document,
                pending_for(c).is_some(),
                "{c:?}: the table and the guard agree"
            );
        }
    }
}
