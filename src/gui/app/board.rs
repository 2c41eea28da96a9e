//! 审核汇总台 in the app: the board's folders from the file dialogs, its actions (open a unit,
//! exports, 退回意见, 下发, 汇总) and refreshing a unit's row when the editor saved its file.

use std::path::{Path, PathBuf};

use super::App;
use super::lifecycle::Pending;
use crate::draft_file;
use crate::gui::board::{Action, BoardView};
use crate::gui::dialogs::Dialog;
use crate::gui::dialogs::import_notes::ImportNotes;
use crate::gui::file_dialog::{IssueListFormat, Purpose};
use crate::import::{self, Import, ImportNote, NoteKind};
use crate::review::report;

impl App {
    /// The board, if one was loaded (tests read it).
    pub fn board(&self) -> Option<&BoardView> {
        self.board.as_ref()
    }

    pub fn board_mut(&mut self) -> Option<&mut BoardView> {
        self.board.as_mut()
    }

    /// Whether the board fills the central area (rather than the draft).
    pub fn board_shown(&self) -> bool {
        self.board_shown && self.board.is_some()
    }

    pub fn show_board(&mut self, shown: bool) {
        self.board_shown = shown;
    }

    /// Loads the board of a folder (审核汇总台 → the folder chosen).
    pub fn open_board(&mut self, folder: PathBuf) {
        let mut view = BoardView::new(folder);
        view.start(&self.ctx, self.profile.as_ref().map(|(_, p)| p.clone()));
        self.board = Some(view);
        self.board_shown = true;
    }

    /// A path chosen for one of the board's purposes.
    pub(super) fn board_path(&mut self, purpose: Purpose, path: PathBuf) {
        let profile = self.profile.as_ref().map(|(_, p)| p.clone());
        let ctx = self.ctx.clone();
        match purpose {
            Purpose::ReviewFolder => self.open_board(path),
            Purpose::Roster | Purpose::ReviewLastYear => {
                let Some(view) = &mut self.board else { return };
                if purpose == Purpose::Roster {
                    view.roster = Some(path);
                } else {
                    view.last_year = Some(path);
                }
                view.start(&ctx, profile);
            }
            Purpose::Returns => self.write_returns(&path),
            Purpose::IssueDrafts => self.write_issue_drafts(&path),
            _ => {}
        }
    }

    /// Draws the board in the central area and does what was asked of it.
    pub(super) fn board_ui(&mut self, ui: &mut egui::Ui) {
        let Some(view) = &mut self.board else { return };
        view.poll(ui.ctx());
        let Some(action) = view.ui(ui) else { return };
        let ctx = ui.ctx().clone();
        let profile = self.profile.as_ref().map(|(_, p)| p.clone());
        match action {
            Action::Open(path) => self.request(Pending::FromBoard(path)),
            Action::Leave => self.board_shown = false,
            Action::PickRoster => self.start_file_dialog(Purpose::Roster),
            Action::PickLastYear => self.start_file_dialog(Purpose::ReviewLastYear),
            Action::Reload => view.start(&ctx, profile),
            Action::ExportIssues(format) => self.start_file_dialog(Purpose::IssueList(format)),
            Action::Returns => self.start_file_dialog(Purpose::Returns),
            Action::IssueDrafts => self.start_file_dialog(Purpose::IssueDrafts),
            Action::Merge(only_clean) => self.merge_board(only_clean),
        }
    }

    /// Opens a unit from the board in the editor; the board stays to come back to. A draft opens
    /// as its file; a published report (.docx, web page, PDF, text) is imported again into a new,
    /// unsaved draft with its import notes, so saving it never overwrites what the unit sent.
    pub(super) fn open_from_board(&mut self, path: &Path) {
        if is_draft_file(path) {
            self.open_path(path);
            if self.open.path.as_deref() == Some(path) {
                self.board_shown = false;
            }
            return;
        }
        match import::import_file(path) {
            Ok(Import { draft, mut notes }) => {
                notes.insert(
                    0,
                    ImportNote::new(NoteKind::Check, format!(
                        "从审核汇总台打开的已发布报告：{}。这是导入后的新草稿，原文件不会被改动；保存时请另存为 .ron 草稿。",
                        path.display()
                    )),
                );
                self.new_draft(draft);
                self.board_shown = false;
                self.dialog = Some(Dialog::ImportNotes(ImportNotes { notes }));
            }
            Err(e) => {
                self.dialog = Some(Dialog::message(
                    "无法打开",
                    format!("{e}\n\n来源：{}\n当前草稿没有改动。", path.display()),
                ))
            }
        }
    }

    /// A unit's file was saved: its row on the board is read again.
    pub(super) fn refresh_board_row(&mut self, path: &Path) {
        if let Some(view) = &mut self.board
            && view.reload(path)
        {
            self.tell(
                format!("已保存 {}，审核汇总台已更新", path.display()),
                false,
            );
        }
    }

    /// Writes the 问题清单 in the form asked.
    pub(super) fn write_issue_list(&mut self, format: IssueListFormat, path: &Path) {
        let Some(board) = self.board.as_ref().and_then(|v| v.board.as_ref()) else {
            return;
        };
        let bytes = match format {
            IssueListFormat::Html => report::html(board, "问题清单")
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
            IssueListFormat::Xlsx => report::xlsx(board).map_err(|e| e.to_string()),
            IssueListFormat::Json => {
                serde_json::to_vec_pretty(&report::json(board)).map_err(|e| e.to_string())
            }
        };
        match bytes.and_then(|b| draft_file::write_atomically(path, &b).map_err(|e| e.to_string()))
        {
            Ok(()) => self.tell(format!("已导出问题清单 {}", path.display()), false),
            Err(e) => self.dialog = Some(Dialog::message("未能导出问题清单", e)),
        }
    }

    /// 退回意见: one letter per unit with findings, as a web page and a Word document. A file
    /// already in the folder is kept, not written over.
    fn write_returns(&mut self, folder: &Path) {
        let Some(board) = self.board.as_ref().and_then(|v| v.board.as_ref()) else {
            return;
        };
        let today = crate::date::today();
        let mut written = 0;
        let mut problems = Vec::new();
        for letter in report::returns(board) {
            let html = letter.html(None, today).map(String::into_bytes);
            let docx = letter.docx(None, today);
            let files = [
                ("html", html.map_err(|e| e.to_string())),
                ("docx", docx.map_err(|e| e.to_string())),
            ];
            for (ext, bytes) in files {
                let path = folder.join(format!("{}.{ext}", letter.stem));
                match write_new(&path, bytes) {
                    Ok(()) => written += 1,
                    Err(e) => problems.push(format!("{}：{e}", path.display())),
                }
            }
        }
        self.report_written("退回意见", written, folder, problems);
    }

    /// 下发: one draft per unit for the coming year.
    fn write_issue_drafts(&mut self, folder: &Path) {
        let Some(board) = self.board.as_ref().and_then(|v| v.board.as_ref()) else {
            return;
        };
        let Some(drafts) = report::issue_drafts(board, None) else {
            let text = "审核汇总台中没有可读取的报告，也没有单位名单，无法确定下发草稿的年度。";
            self.dialog = Some(Dialog::message("未能下发草稿", text.to_string()));
            return;
        };
        let mut written = 0;
        let mut problems = Vec::new();
        for d in drafts {
            let stem = report::file_stem(&d.unit);
            let path = folder.join(format!("{stem}.ron"));
            if path.exists() {
                problems.push(format!("{}：文件已存在，未覆盖", path.display()));
                continue;
            }
            match draft_file::save(&d.draft, &path) {
                Ok(()) => written += 1,
                Err(e) => problems.push(format!("{}：{e}", path.display())),
            }
        }
        self.report_written("下发草稿", written, folder, problems);
    }

    fn report_written(&mut self, what: &str, written: usize, folder: &Path, problems: Vec<String>) {
        let mut text = format!("已在 {} 中生成{what} {written} 个文件。", folder.display());
        if !problems.is_empty() {
            text.push_str("\n以下文件未生成：\n");
            text.push_str(&problems.join("\n"));
        }
        self.dialog = Some(Dialog::message(what, text));
    }

    /// 汇总 of the units shown (all, or those without errors) into a new unsaved draft.
    fn merge_board(&mut self, only_clean: bool) {
        let Some(view) = &self.board else { return };
        let Some(board) = &view.board else { return };
        let shown = view.shown();
        let options = crate::merge::MergeOptions::default();
        match board.merge(&shown, only_clean, &options) {
            Ok(m) => {
                let mut lines = vec![format!(
                    "已汇总 {} 个单位（尚未保存）：",
                    m.merged.units.len()
                )];
                lines.extend(m.merged.summary());
                self.request(Pending::Merged(Box::new(m.merged.draft), lines.join("\n")));
            }
            Err(e) => self.dialog = Some(Dialog::message("无法汇总", e.to_string())),
        }
    }
}

/// Writes a file that is not there yet.
/// A `.ron` draft, as the board reads it (anything else went through the importer).
fn is_draft_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

fn write_new(path: &Path, bytes: Result<Vec<u8>, String>) -> Result<(), String> {
    if path.exists() {
        return Err("文件已存在，未覆盖".into());
    }
    draft_file::write_atomically(path, &bytes?).map_err(|e| e.to_string())
}
