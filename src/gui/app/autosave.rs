//! Keeping work through crashes and closes: the recovery file written after each pause in the
//! typing, the question before the window closes, and drafts dropped on the window.

use std::path::PathBuf;

use super::App;
use super::lifecycle::Pending;
use crate::gui::dialogs::{Dialog, unsaved::Unsaved};

impl App {
    /// Asks before the window closes with unsaved changes.
    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.open.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(Unsaved {
                    waiting: Pending::Close,
                }));
            } else {
                self.clear_recovery_file();
                self.close_confirmed = true;
            }
        }
    }

    /// Writes the recovery file once the draft has stayed unchanged for a moment.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let open = &mut self.open;
        // `last_change` is kept by `show()`, once a frame, for autosave and diagnoses alike.
        let revision = open.doc.revision();
        if !open.doc.is_dirty() || open.autosaved_revision == Some(revision) {
            return;
        }
        let waited = open.last_change.1.elapsed();
        if waited < self.autosave_delay {
            ctx.request_repaint_after(self.autosave_delay - waited);
            return;
        }
        let written = autosave.write(open.doc.draft(), open.path.as_deref());
        // Tried once per change, not every frame, whether it worked or not.
        open.autosaved_revision = Some(revision);
        if let Err(e) = written {
            self.tell(format!("自动保存恢复文件失败：{e}"), true);
        }
    }

    /// A `.ron` dropped on the window opens (after the unsaved-changes question).
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            (i.raw.dropped_files.iter())
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let is_draft = (path.extension()).is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            if is_draft {
                self.request(Pending::Open(Some(path)));
            } else {
                let text = format!("只能打开 .ron 草稿文件：{}", path.display());
                self.tell(text, true);
            }
        }
    }
}
