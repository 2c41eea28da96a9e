//! The dialog on top of the window, and what each of its outcomes does to the app.

use super::App;
use super::lifecycle::Pending;
use crate::document::Edit;
use crate::draft_file;
use crate::gui::dialogs::{
    Dialog, changed_on_disk, confirm_overwrite, convert, export, import_notes, import_paste,
    message, open_failed, palette, profile, recover, repair, type_path, unsaved,
};
use crate::gui::file_dialog::Purpose;

/// What Escape does in a dialog, as in any desktop program: what its 取消 / 关闭 / 稍后 button
/// does. None of these changes the draft or loses anything: an unsaved-changes question
/// cancelled leaves the draft open, recovery files stay for later.
fn cancel(dialog: &Dialog<Pending>) -> Outcome {
    match dialog {
        Dialog::NewDraft(_) | Dialog::Compare(_) | Dialog::About(_) => Outcome::Close,
        Dialog::Unsaved(_) => Outcome::Unsaved(unsaved::Choice::Cancel),
        Dialog::TypePath(_) => Outcome::TypePath(type_path::Outcome::Cancelled),
        Dialog::Message(_) => Outcome::Message(message::Outcome::Ok),
        Dialog::Convert(_) => Outcome::Convert(convert::Outcome::Cancel),
        Dialog::Export(_) => Outcome::Export(export::Outcome::Close),
        Dialog::Recover(_) => Outcome::Recover(recover::Outcome::Later),
        Dialog::ChangedOnDisk(_) => Outcome::ChangedOnDisk(changed_on_disk::Outcome::Cancel),
        Dialog::ImportPaste(_) => Outcome::ImportPaste(import_paste::Outcome::Cancel),
        Dialog::ImportNotes(_) => Outcome::ImportNotes(import_notes::Outcome::Ok),
        Dialog::OpenFailed(_) => Outcome::OpenFailed(open_failed::Outcome::Ok),
        Dialog::ConfirmOverwrite(_) => {
            Outcome::ConfirmOverwrite(confirm_overwrite::Outcome::Cancel)
        }
        Dialog::Palette(_) => Outcome::Palette(palette::Outcome::Close),
        Dialog::Repair(_) => Outcome::Repair(repair::Outcome::Cancel),
        Dialog::Profile(_) => Outcome::Profile(profile::Outcome::Close),
    }
}

/// What a dialog's `ui` returned this frame, whichever dialog it was.
enum Outcome {
    Close,
    NewDraft(Box<crate::draft::Draft>),
    Unsaved(unsaved::Choice),
    TypePath(type_path::Outcome),
    Message(message::Outcome),
    Convert(convert::Outcome),
    Export(export::Outcome),
    Recover(recover::Outcome),
    ChangedOnDisk(changed_on_disk::Outcome),
    ImportPaste(import_paste::Outcome),
    ImportNotes(import_notes::Outcome),
    OpenFailed(open_failed::Outcome),
    ConfirmOverwrite(confirm_overwrite::Outcome),
    Palette(palette::Outcome),
    Repair(repair::Outcome),
    Profile(profile::Outcome),
}

impl App {
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialog.take() else {
            self.dialog_composing = false;
            return;
        };
        // Taken before the dialog is drawn, so that its fields do not act on it too.
        let escape = self.dialog_escape(ctx);
        let modal = egui::Modal::new(egui::Id::unique("nianbao-dialog"));
        let outcome = modal
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                self.one_dialog_ui(ui, &mut dialog)
            })
            .inner
            .or_else(|| escape.then(|| cancel(&dialog)));
        match outcome {
            None => self.dialog = Some(dialog),
            Some(outcome) => {
                if self.handle(outcome, &mut dialog) {
                    self.dialog = Some(dialog);
                }
            }
        }
    }

    /// Whether Escape was pressed for the dialog (and taken). While an input method composes
    /// in one of its fields, Escape belongs to the input method (it drops the composition).
    fn dialog_escape(&mut self, ctx: &egui::Context) -> bool {
        self.dialog_composing = ctx.input(|i| crate::gui::ime::composing(i, self.dialog_composing));
        !self.dialog_composing
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    }

    fn one_dialog_ui(&self, ui: &mut egui::Ui, dialog: &mut Dialog<Pending>) -> Option<Outcome> {
        match dialog {
            Dialog::NewDraft(d) => d
                .ui(ui)
                .map(|o| o.map_or(Outcome::Close, |d| Outcome::NewDraft(Box::new(d)))),
            Dialog::Unsaved(d) => d.ui(ui).map(Outcome::Unsaved),
            Dialog::TypePath(d) => d.ui(ui).map(Outcome::TypePath),
            Dialog::Message(d) => d.ui(ui).map(Outcome::Message),
            Dialog::Convert(d) => d.ui(ui).map(Outcome::Convert),
            Dialog::Export(d) => {
                let view = export::View {
                    draft: self.open.doc.draft(),
                    findings: &self.open.findings,
                    revision: self.open.doc.revision(),
                };
                d.ui(ui, &view).map(Outcome::Export)
            }
            Dialog::Recover(d) => d.ui(ui).map(Outcome::Recover),
            Dialog::ChangedOnDisk(d) => d.ui(ui).map(Outcome::ChangedOnDisk),
            Dialog::ImportPaste(d) => d.ui(ui).map(Outcome::ImportPaste),
            Dialog::ImportNotes(d) => d.ui(ui).map(Outcome::ImportNotes),
            Dialog::Compare(d) => d.ui(ui).map(|()| Outcome::Close),
            Dialog::OpenFailed(d) => d.ui(ui).map(Outcome::OpenFailed),
            Dialog::ConfirmOverwrite(d) => d.ui(ui).map(Outcome::ConfirmOverwrite),
            Dialog::Palette(d) => d.ui(ui, &|c| self.can_run(c)).map(Outcome::Palette),
            Dialog::About(d) => d.ui(ui).map(|()| Outcome::Close),
            Dialog::Repair(d) => d.ui(ui).map(Outcome::Repair),
            Dialog::Profile(d) => d.ui(ui).map(Outcome::Profile),
        }
    }

    /// Acts on a dialog's outcome. Returns whether the dialog stays open.
    fn handle(&mut self, outcome: Outcome, dialog: &mut Dialog<Pending>) -> bool {
        match outcome {
            Outcome::Close
            | Outcome::Message(message::Outcome::Ok)
            | Outcome::Convert(convert::Outcome::Cancel)
            | Outcome::Export(export::Outcome::Close)
            | Outcome::Recover(recover::Outcome::Later)
            | Outcome::ChangedOnDisk(changed_on_disk::Outcome::Cancel)
            | Outcome::ImportPaste(import_paste::Outcome::Cancel)
            | Outcome::ImportNotes(import_notes::Outcome::Ok)
            | Outcome::OpenFailed(open_failed::Outcome::Ok)
            | Outcome::ConfirmOverwrite(confirm_overwrite::Outcome::Cancel)
            | Outcome::Palette(palette::Outcome::Close)
            | Outcome::Repair(repair::Outcome::Cancel)
            | Outcome::Profile(profile::Outcome::Close)
            | Outcome::TypePath(type_path::Outcome::Cancelled) => {}
            Outcome::NewDraft(draft) => self.new_draft(*draft),
            Outcome::Profile(profile::Outcome::Use(path, profile)) => {
                self.use_profile(Some((path, *profile)))
            }
            Outcome::Profile(profile::Outcome::Clear) => self.use_profile(None),
            Outcome::Unsaved(choice) => {
                let Dialog::Unsaved(unsaved) = std::mem::replace(dialog, Dialog::message("", ""))
                else {
                    unreachable!("an unsaved-changes answer comes from that dialog")
                };
                self.answer_unsaved(choice, unsaved.waiting);
            }
            Outcome::TypePath(type_path::Outcome::Chosen(paths, text)) => {
                if let Dialog::TypePath(d) = dialog {
                    self.use_typed_paths(d.purpose, paths, text);
                }
            }
            Outcome::Message(message::Outcome::SaveAs)
            | Outcome::ChangedOnDisk(changed_on_disk::Outcome::SaveAs) => {
                self.start_file_dialog(Purpose::SaveAs)
            }
            Outcome::Convert(convert::Outcome::Convert(to)) => {
                self.apply(Edit::ConvertFormat(to));
                self.tell(format!("已转换为{}", to.name()), false);
            }
            Outcome::Export(export::Outcome::Export(format, choice, target)) => {
                self.start_export(format, choice, target)
            }
            Outcome::Export(export::Outcome::OpenInBrowser(page)) => {
                self.open_in_browser(&page);
                return true;
            }
            Outcome::Recover(outcome) => return self.recovered(outcome, dialog),
            Outcome::ChangedOnDisk(changed_on_disk::Outcome::Overwrite) => {
                if let Dialog::ChangedOnDisk(d) = dialog {
                    let path = d.path.clone();
                    self.save_to(&path);
                }
            }
            Outcome::ImportPaste(import_paste::Outcome::Import(text)) => {
                let result = crate::import::import_text(&text);
                self.import_result(result, "粘贴的文本");
            }
            Outcome::ImportNotes(import_notes::Outcome::GoTo(location)) => {
                self.go_to(location);
            }
            Outcome::OpenFailed(open_failed::Outcome::OpenBackup(alt)) => {
                if let Dialog::OpenFailed(d) = dialog {
                    let path = d.path.clone();
                    self.request(Pending::Backup(path, Box::new(alt.draft)));
                }
            }
            Outcome::OpenFailed(open_failed::Outcome::Restore(r)) => {
                self.request(Pending::Restore(r))
            }
            Outcome::ConfirmOverwrite(outcome) => self.overwrite_answered(outcome, dialog),
            Outcome::Repair(repair::Outcome::Apply) => {
                if let Dialog::Repair(d) = dialog {
                    let edit = d.diagnosis.repair.edit();
                    match self.open.doc.apply_alone(edit) {
                        Ok(_) => self.tell("已按可能的原因修复（可撤销）".into(), false),
                        Err(e) => self.tell(e.to_string(), true),
                    }
                }
            }
            Outcome::Palette(palette::Outcome::Run(command)) => {
                self.run(command, &self.ctx.clone())
            }
        }
        false
    }

    /// 保存 / 不保存 / 取消, for what waited.
    fn answer_unsaved(&mut self, choice: unsaved::Choice, waiting: Pending) {
        match choice {
            unsaved::Choice::Save => {
                if self.save() {
                    self.proceed(waiting);
                } else if self.file_dialog.is_some() {
                    self.after_save = Some(waiting);
                }
            }
            unsaved::Choice::Discard => self.proceed(waiting),
            unsaved::Choice::Cancel => {}
        }
    }

    /// A recovery file restored or discarded; the dialog stays while others remain.
    fn recovered(&mut self, outcome: recover::Outcome, dialog: &Dialog<Pending>) -> bool {
        match outcome {
            recover::Outcome::Restore(r) => {
                self.request(Pending::Restore(r));
                false
            }
            recover::Outcome::Discard(r) => {
                if let Err(e) = r.discard() {
                    self.tell(e.to_string(), true);
                }
                matches!(dialog, Dialog::Recover(d) if !d.found.is_empty())
            }
            recover::Outcome::Later => false,
        }
    }

    fn overwrite_answered(
        &mut self,
        outcome: confirm_overwrite::Outcome,
        dialog: &Dialog<Pending>,
    ) {
        let Dialog::ConfirmOverwrite(d) = dialog else {
            return;
        };
        match outcome {
            confirm_overwrite::Outcome::Replace => {
                self.typed = d.typed.clone().map(|t| (d.purpose, t));
                self.write_to(d.purpose, &d.path.clone());
                self.typed = None;
            }
            confirm_overwrite::Outcome::Rename => {
                let text = (d.typed.clone()).unwrap_or_else(|| d.path.display().to_string());
                let dialog = type_path::TypePath::new(d.purpose, text, None);
                self.dialog = Some(Dialog::TypePath(dialog));
            }
            confirm_overwrite::Outcome::Cancel => {}
        }
    }

    /// Writes the page to a temporary file and opens it in the browser.
    fn open_in_browser(&mut self, page: &str) {
        let name = format!("nianbao-预览-{}.html", std::process::id());
        let target = std::env::temp_dir().join(name);
        match draft_file::write_atomically(&target, page.as_bytes()) {
            Ok(()) => {
                let url = format!("file://{}", target.display());
                self.ctx.open_url(egui::OpenUrl::new_tab(url));
            }
            Err(e) => self.tell(e.to_string(), true),
        }
    }
}

impl App {
    /// Checks by a regional profile from now on (or by the national rules only), remembers its
    /// file in the settings, and records it on the draft.
    fn use_profile(&mut self, profile: Option<(std::path::PathBuf, crate::profile::Profile)>) {
        let reference = profile.as_ref().map(|(_, p)| p.reference());
        self.settings.profile = profile.as_ref().map(|(path, _)| path.clone());
        let told = match &profile {
            Some((_, p)) => format!("已使用地方要求：{}", p.name),
            None => "已停用地方要求，按国家规定检查".to_string(),
        };
        self.profile = profile;
        self.open.recheck();
        if self.open.doc.draft().profile != reference {
            self.apply(Edit::SetProfile(reference));
        }
        self.tell(told, false);
    }
}
