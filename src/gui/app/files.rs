//! Files: the system's file dialog (on its thread), the typed path where there is none, and
//! what a save or export may write. A draft is never written over by an export, and no file is
//! replaced from a typed path without asking.

use std::path::{Path, PathBuf};

use super::App;
use super::lifecycle::Pending;
use crate::chart::ChartFormat;
use crate::document::Edit;
use crate::draft_file;
use crate::export::{ExportFormat, ExportOptions};
use crate::gui::dialogs::export::Target;
use crate::gui::dialogs::{Dialog, type_path::TypePath};
use crate::gui::file_dialog::{Outcome, Purpose};

/// Whether a file may be written as asked.
enum WriteCheck {
    /// Go ahead.
    Free,
    /// The file exists: ask before replacing it.
    Exists,
    /// Never: the reason, for the clerk.
    Refused(String),
}

impl App {
    /// Where a dialog starts: the file a save or export would naturally go to, or the draft's
    /// folder for picking a file to read.
    fn suggested_path(&self, purpose: Purpose) -> String {
        let folder = (self.open.path.as_deref())
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(dirs::document_dir)
            .or_else(dirs::home_dir)
            .unwrap_or_default();
        let title = file_name_of(&self.open.doc.draft().title());
        let named = |ext: &str| folder.join(format!("{title}.{ext}")).display().to_string();
        match purpose {
            Purpose::SaveAs => (self.open.path.as_ref())
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| named("ron")),
            Purpose::Export(format) => named(format.extension()),
            Purpose::Chart(format) => folder
                .join(format!("{title}图解.{}", format.extension()))
                .display()
                .to_string(),
            _ => {
                let mut text = folder.display().to_string();
                if !text.is_empty() && !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                text
            }
        }
    }

    /// Shows the typed-path dialog for a purpose, starting from the suggested path.
    pub(super) fn ask_for_path(&mut self, purpose: Purpose, note: Option<String>) {
        let text = self.suggested_path(purpose);
        self.dialog = Some(Dialog::TypePath(TypePath::new(purpose, text, note)));
    }

    pub(super) fn start_file_dialog(&mut self, purpose: Purpose) {
        if self.file_dialog.is_some() {
            return;
        }
        let suggested = PathBuf::from(self.suggested_path(purpose));
        self.file_dialog = Some(self.backend.start(purpose, suggested, &self.ctx));
        self.tell("正在等待文件对话框……".into(), false);
    }

    pub(super) fn poll_file_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.file_dialog else {
            return;
        };
        let Some(outcome) = pending.poll() else {
            // The dialog thread wakes the window when it ends; check again soon in case it ended
            // between frames.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
            return;
        };
        let purpose = pending.purpose;
        self.file_dialog = None;
        self.notice = None;
        match outcome {
            Outcome::Chosen(path) => self.use_chosen_path(purpose, path),
            Outcome::ChosenMany(paths) => self.use_chosen_paths(purpose, paths),
            Outcome::Cancelled => self.after_save = None,
            Outcome::Unavailable => self.ask_for_path(
                purpose,
                Some(
                    "未能打开系统的文件选择对话框（本机缺少文件选择组件，如 xdg-desktop-portal 或 zenity）。\
                     请直接输入或粘贴文件路径："
                        .into(),
                ),
            ),
        }
    }

    /// Paths typed into the path dialog: taken like a dialog's, remembering the text so that a
    /// failed save or export gives it back.
    pub(super) fn use_typed_paths(&mut self, purpose: Purpose, paths: Vec<PathBuf>, text: String) {
        self.typed = Some((purpose, text));
        self.use_chosen_paths(purpose, paths);
        self.typed = None;
    }

    fn use_chosen_paths(&mut self, purpose: Purpose, paths: Vec<PathBuf>) {
        match purpose {
            Purpose::Merge => self.request(Pending::Merge(paths)),
            other => {
                if let Some(path) = paths.into_iter().next() {
                    self.use_chosen_path(other, path);
                }
            }
        }
    }

    fn use_chosen_path(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Merge => self.request(Pending::Merge(vec![path])),
            Purpose::Import => {
                let result = crate::import::import_file(&path);
                self.import_result(result, &path.display().to_string());
            }
            Purpose::LastYear => self.take_last_year(&path),
            Purpose::Compare => match draft_file::load(&path) {
                Ok(old) => {
                    let comparison = crate::compare::compare(&old, self.open.doc.draft());
                    self.dialog = Some(Dialog::Compare(
                        crate::gui::dialogs::compare::CompareDialog {
                            comparison: Box::new(comparison),
                            changed_only: true,
                        },
                    ));
                }
                Err(e) => {
                    let text = format!("{e}\n\n文件：{}", path.display());
                    self.dialog = Some(Dialog::message("无法打开要对比的草稿", text));
                }
            },
            Purpose::Export(format) => {
                let path = with_extension_if_none(path, format.extension());
                self.write_if_allowed(purpose, path);
            }
            Purpose::Chart(format) => {
                let path = with_extension_if_none(path, format.extension());
                self.write_if_allowed(purpose, path);
            }
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs => self.write_if_allowed(purpose, draft_path(path)),
            Purpose::IssueList(format) => {
                let path = with_extension_if_none(path, format.extension());
                self.write_if_allowed(purpose, path);
            }
            Purpose::ReviewFolder
            | Purpose::Roster
            | Purpose::ReviewLastYear
            | Purpose::Returns
            | Purpose::IssueDrafts => self.board_path(purpose, path),
        }
    }

    /// 选择上年报告: last year's figures for the cross-year checks (R8, R9).
    fn take_last_year(&mut self, path: &Path) {
        match crate::years::last_year_from_file(path, self.open.doc.draft()) {
            Ok(carried) => {
                let last = carried.last_year.year;
                let mut lines = vec![format!(
                    "已读取 {last} 年度报告的数字，跨年度核对（R8、R9）已启用。"
                )];
                lines.extend(carried.summary());
                self.apply(Edit::SetLastYear(Some(carried.last_year)));
                self.dialog = Some(Dialog::message("跨年度核对", lines.join("\n")));
            }
            Err(e) => self.dialog = Some(Dialog::message("无法读取上年报告", e.to_string())),
        }
    }

    /// Starts an export the clerk confirmed in the export dialog.
    pub(super) fn start_export(&mut self, format: ExportFormat, choice: ExportOptions, to: Target) {
        self.export_format = format;
        self.export_choice = choice;
        match to {
            Target::Dialog => self.start_file_dialog(Purpose::Export(format)),
            Target::Typed => self.ask_for_path(Purpose::Export(format), None),
        }
    }

    /// 导出图解: where to, by the system's dialog (or a typed path where there is none).
    pub(super) fn start_chart_export(&mut self, format: ChartFormat) {
        self.start_file_dialog(Purpose::Chart(format));
    }

    /// Whether `path` may be written for `purpose`. An export never goes into a draft file (nor
    /// over the open draft); a save or export never replaces another file without asking, except
    /// where the system's own dialog has already asked.
    fn write_check(&self, purpose: Purpose, path: &Path) -> WriteCheck {
        let is_open_draft = (self.open.path.as_deref()).is_some_and(|p| same_file(p, path));
        let is_draft_file = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron") || e.eq_ignore_ascii_case("bak"));
        let export = match purpose {
            Purpose::Export(f) => Some((f.label(), f.extension())),
            Purpose::Chart(f) => Some((f.label(), f.extension())),
            _ => None,
        };
        if let Some((label, extension)) = export
            && (is_open_draft || is_draft_file)
        {
            return WriteCheck::Refused(format!(
                "{} 是年报草稿文件，导出的{label}不能写入草稿文件，否则草稿会被覆盖。\n请换一个文件名，如 {}.{extension}",
                path.display(),
                file_name_of(&self.open.doc.draft().title()),
            ));
        }
        // The open draft's own file is its to save.
        if purpose == Purpose::SaveAs && is_open_draft {
            return WriteCheck::Free;
        }
        if path.is_dir() {
            let text = format!("{} 是文件夹，请在后面加上文件名", path.display());
            return WriteCheck::Refused(text);
        }
        // A path from the system dialog was confirmed there; a typed one is confirmed here.
        if self.typed.is_some() && path.exists() {
            WriteCheck::Exists
        } else {
            WriteCheck::Free
        }
    }

    /// Saves or exports to `path` once [`App::write_check`] allows it.
    fn write_if_allowed(&mut self, purpose: Purpose, path: PathBuf) {
        match self.write_check(purpose, &path) {
            WriteCheck::Free => self.write_to(purpose, &path),
            WriteCheck::Exists => {
                let typed = self.typed.take().map(|(_, text)| text);
                self.dialog = Some(Dialog::ConfirmOverwrite(
                    crate::gui::dialogs::confirm_overwrite::ConfirmOverwrite {
                        purpose,
                        path,
                        typed,
                    },
                ));
            }
            WriteCheck::Refused(text) => self.write_failed("不能写入此文件", text, false),
        }
    }

    /// Writes the draft (a save) or its export to `path`, no question asked.
    pub(super) fn write_to(&mut self, purpose: Purpose, path: &Path) {
        match purpose {
            Purpose::Export(format) => {
                let draft = self.open.doc.draft();
                let written = crate::export::export(draft, format, self.export_choice)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        draft_file::write_atomically(path, &bytes).map_err(|e| e.to_string())
                    });
                match written {
                    Ok(()) => self.tell(format!("已导出 {}", path.display()), false),
                    Err(text) => self.write_failed("未能导出", text, false),
                }
            }
            Purpose::Chart(format) => {
                let chart = crate::chart::chart(self.open.doc.draft());
                let written = (format.write(&chart).map_err(|e| e.to_string())).and_then(|bytes| {
                    draft_file::write_atomically(path, &bytes).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => self.tell(format!("已导出图解 {}", path.display()), false),
                    Err(text) => self.write_failed("未能导出图解", text, false),
                }
            }
            Purpose::IssueList(format) => self.write_issue_list(format, path),
            _ => {
                if self.save_to(path)
                    && let Some(next) = self.after_save.take()
                {
                    self.proceed(next);
                }
            }
        }
    }

    /// Says why a save or export did not happen. A typed path comes back in its dialog with the
    /// reason, so the clerk corrects it instead of typing it again.
    fn write_failed(&mut self, title: &str, text: String, offer_save_as: bool) {
        self.dialog = Some(match self.typed.take() {
            Some((purpose, typed)) => {
                let note = format!("{text}\n请修改路径后重试：");
                Dialog::TypePath(TypePath::new(purpose, typed, Some(note)))
            }
            None => {
                let mut message = crate::gui::dialogs::message::Message::new(title, text);
                message.offer_save_as = offer_save_as;
                Dialog::Message(message)
            }
        });
    }

    /// Saves to the draft's file, or asks where. Returns whether it saved now.
    pub fn save(&mut self) -> bool {
        match self.open.path.clone() {
            Some(path) if self.open.stamp.as_ref().is_some_and(|s| s.changed(&path)) => {
                self.dialog = Some(Dialog::ChangedOnDisk(
                    crate::gui::dialogs::changed_on_disk::ChangedOnDisk { path },
                ));
                false
            }
            Some(path) => self.save_to(&path),
            None => {
                self.start_file_dialog(Purpose::SaveAs);
                false
            }
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match draft_file::save(self.open.doc.draft(), path) {
            Ok(()) => {
                self.open.doc.mark_saved();
                self.open.stamp = draft_file::FileStamp::of(path);
                self.open.autosaved_revision = None;
                self.open.path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.tell(format!("已保存 {}", path.display()), false);
                // Saved: the recovery file has nothing more to keep.
                self.clear_recovery_file();
                self.refresh_board_row(path);
                true
            }
            Err(e) => {
                self.after_save = None;
                let text = format!("{e}\n\n草稿仍在窗口中，没有丢失。");
                self.write_failed("未能保存", text, true);
                false
            }
        }
    }
}

/// A file name made of a title: characters that no file system takes are replaced.
fn file_name_of(title: &str) -> String {
    let name: String = (title.trim().chars())
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if name.is_empty() {
        "年度报告".into()
    } else {
        name
    }
}

/// A path with `ext` added when it has no extension.
fn with_extension_if_none(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

/// Where a draft is saved: `.ron` added unless the name already ends in it, so that a draft
/// never lands in a file named like an export (`报告.html` becomes `报告.html.ron`).
fn draft_path(path: PathBuf) -> PathBuf {
    if (path.extension()).is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".ron");
    PathBuf::from(name)
}

/// Whether two paths name the same file (through links and `..`, where both exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_titles_are_safe_everywhere() {
        assert_eq!(file_name_of("甲/乙:丙*2025"), "甲_乙_丙_2025");
        assert_eq!(file_name_of("  "), "年度报告");
    }

    #[test]
    fn a_draft_is_saved_as_ron_whatever_was_typed() {
        assert_eq!(draft_path("a/报告".into()), PathBuf::from("a/报告.ron"));
        assert_eq!(draft_path("a/报告.RON".into()), PathBuf::from("a/报告.RON"));
        assert_eq!(
            draft_path("a/报告.html".into()),
            PathBuf::from("a/报告.html.ron")
        );
        assert_eq!(
            with_extension_if_none("a/报告".into(), "docx"),
            PathBuf::from("a/报告.docx")
        );
    }
}
