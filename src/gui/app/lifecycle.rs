//! Drafts coming into the window and going: open, new, import, next year, 汇总, restore, and
//! closing. Every way into another draft passes [`App::request`], which asks about unsaved
//! changes first; the draft that leaves is replaced whole ([`OpenDraft`]).

use std::path::{Path, PathBuf};

use super::open_draft::OpenDraft;
use super::{App, Section};
use crate::document::Document;
use crate::draft::Draft;
use crate::draft_file;
use crate::gui::dialogs::{Dialog, new_draft::NewDraft, open_failed::OpenFailed};
use crate::gui::file_dialog::Purpose;
use crate::import::{Import, ImportError};
use crate::recovery::Recovered;

/// What waits for the clerk's answer about unsaved changes.
#[derive(Clone, Debug)]
pub enum Pending {
    New,
    /// 新建下一年度报告 from the open draft.
    NextYear,
    /// 汇总 of these drafts into a new one.
    Merge(Vec<PathBuf>),
    /// A published report, imported (the draft and its import report).
    Import(Box<Import>),
    /// Open this file, or (None) ask for one.
    Open(Option<PathBuf>),
    /// Ask for a path to open, typed (按路径打开).
    OpenTyped,
    /// Open the `.bak` of a draft that could not be read, in place of that draft.
    Backup(PathBuf, Box<Draft>),
    /// Take a recovery file's draft as the open one.
    Restore(Box<Recovered>),
    /// Open a unit's draft from the 审核汇总台 (the board stays to come back to).
    FromBoard(PathBuf),
    /// A 汇总 made on the board, as a new unsaved draft, and what to tell the clerk of it.
    Merged(Box<Draft>, String),
    Close,
}

/// The year a new draft most likely reports on: last year (reports are written in January–March).
pub fn default_year() -> i32 {
    crate::date::today().year - 1
}

impl App {
    /// Asks about unsaved changes before `pending`, or goes ahead when there are none.
    pub(super) fn request(&mut self, pending: Pending) {
        if self.open.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(crate::gui::dialogs::unsaved::Unsaved {
                waiting: pending,
            }));
        } else {
            self.proceed(pending);
        }
    }

    /// Does what waited: the clerk saved, chose not to keep the changes, or had none.
    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                self.dialog = Some(Dialog::NewDraft(NewDraft::new(default_year())));
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => self.start_file_dialog(Purpose::Open),
            Pending::OpenTyped => self.ask_for_path(Purpose::Open, None),
            Pending::NextYear => self.next_year(),
            Pending::Merge(paths) => self.merge(&paths),
            Pending::Import(import) => {
                let Import { draft, notes } = *import;
                self.new_draft(draft);
                self.dialog = Some(Dialog::ImportNotes(
                    crate::gui::dialogs::import_notes::ImportNotes { notes },
                ));
            }
            Pending::FromBoard(path) => self.open_from_board(&path),
            Pending::Merged(draft, text) => {
                self.new_draft(*draft);
                self.board_shown = false;
                self.dialog = Some(Dialog::message("汇总", text));
            }
            Pending::Backup(path, draft) => self.open_backup(&path, *draft),
            Pending::Restore(recovered) => self.restore(*recovered),
            Pending::Close => {
                // The clerk chose: nothing unsaved is to be kept.
                self.clear_recovery_file();
                self.close_confirmed = true;
            }
        }
    }

    /// Opens a draft now (no question asked). On failure the open draft stays as it was, and
    /// the clerk is offered what can be opened instead (the backup, a recovery file).
    pub fn open_path(&mut self, path: &Path) {
        let loaded = draft_file::load_versioned(path).map(|(draft, version)| {
            let open = OpenDraft::new(Document::new(draft), Some(path.into()));
            (open, version)
        });
        self.open_loaded(path, loaded);
    }

    /// Opens a draft read (and checked) while the window started.
    pub(crate) fn open_prepared(&mut self, prepared: super::open_draft::Prepared) {
        self.open_loaded(&prepared.path, prepared.opened);
        // A regional profile changes the findings: then they are made again.
        if self.profile.is_some() {
            self.open.recheck();
        }
    }

    fn open_loaded(
        &mut self,
        path: &Path,
        loaded: Result<(OpenDraft, u32), draft_file::LoadError>,
    ) {
        match loaded {
            Ok((open, version)) => {
                if version < draft_file::DRAFT_VERSION {
                    self.dialog = Some(Dialog::message(
                        "草稿已升级",
                        format!(
                            "此草稿由旧版本的 nianbao 保存（草稿格式版本 {version}），已自动升级为当前格式（版本 {}），内容没有改变。\n\
                             保存后将按新格式写入，旧版本的程序将不能再打开它；原文件在保存时会保留为 .bak 备份。",
                            draft_file::DRAFT_VERSION
                        ),
                    ));
                }
                self.replace(open);
                self.settings.remember(path);
                self.tell(format!("已打开 {}", path.display()), false);
            }
            Err(e) => {
                let recovery_dir = self.autosave.as_ref().and_then(|a| a.path().parent());
                let failed = OpenFailed::new(path, e.to_string(), recovery_dir);
                self.dialog = Some(Dialog::OpenFailed(Box::new(failed)));
            }
        }
    }

    /// Opens the `.bak` of a draft that could not be read, as an unsaved draft of that file: a
    /// save then puts the backup's content back in place of the broken file. The broken file is
    /// the one on disk now, so saving over it does not warn of another program's changes.
    fn open_backup(&mut self, path: &Path, draft: Draft) {
        self.replace(OpenDraft::new(Document::unsaved(draft), Some(path.into())));
        self.section = Section::Basic;
        let bak = draft_file::backup_path(path);
        self.tell(
            format!("已打开备份 {}，保存后将替换无法读取的原文件", bak.display()),
            false,
        );
    }

    /// Replaces the draft with a new, unsaved one (no question asked).
    pub fn new_draft(&mut self, draft: Draft) {
        self.replace(OpenDraft::new(Document::unsaved(draft), None));
        self.section = Section::Basic;
    }

    /// Takes a recovered draft as the open one: unsaved, with its file (if it had one).
    fn restore(&mut self, recovered: Recovered) {
        let doc = Document::unsaved(recovered.draft.clone());
        self.replace(OpenDraft::new(doc, recovered.source.clone()));
        // The old session's file goes; this session's autosave takes over.
        match recovered.discard() {
            Ok(()) => self.tell("已恢复自动保存的草稿，请检查后保存".into(), false),
            Err(e) => self.tell(e.to_string(), true),
        }
    }

    /// Puts another draft in the window. The old one was saved or deliberately discarded (the
    /// clerk was asked), so its recovery file goes too.
    fn replace(&mut self, open: OpenDraft) {
        self.clear_recovery_file();
        self.open = open;
    }

    /// Removes this session's recovery file; a failure is said, not swallowed.
    pub(super) fn clear_recovery_file(&mut self) {
        let cleared = self.autosave.as_ref().map(|a| a.clear());
        if let Some(Err(e)) = cleared {
            self.tell(e.to_string(), true);
        }
    }

    /// Takes the result of an import: the new draft (after asking about unsaved changes), or the
    /// reason it could not be read. The open draft stays as it is until then.
    pub(super) fn import_result(&mut self, result: Result<Import, ImportError>, source: &str) {
        match result {
            Ok(import) => self.request(Pending::Import(Box::new(import))),
            Err(e) => {
                self.dialog = Some(Dialog::message(
                    "无法导入",
                    format!("{e}\n\n来源：{source}\n当前草稿没有改动。"),
                ))
            }
        }
    }

    /// 新建下一年度报告: a draft for the following year from the open one.
    fn next_year(&mut self) {
        match crate::years::next_year(self.open.doc.draft()) {
            Ok(next) => {
                let mut lines = vec![
                    "已由本年度报告生成下一年度草稿（尚未保存）。正文已带入，标为“待复核”，请逐段修改。"
                        .to_string(),
                ];
                lines.extend(next.summary());
                self.new_draft(next.draft);
                self.dialog = Some(Dialog::message("新建下一年度报告", lines.join("\n")));
            }
            Err(e) => self.dialog = Some(Dialog::message("无法新建下一年度报告", e.to_string())),
        }
    }

    /// 汇总: adds up the drafts of several units into a new draft.
    fn merge(&mut self, paths: &[PathBuf]) {
        match crate::merge::merge_files(paths, &crate::merge::MergeOptions::default()) {
            Ok(merged) => {
                let mut lines = vec![format!(
                    "已汇总 {} 个单位（尚未保存）：",
                    merged.units.len()
                )];
                lines.extend(merged.summary());
                self.new_draft(merged.draft);
                self.dialog = Some(Dialog::message("汇总", lines.join("\n")));
            }
            Err(e) => self.dialog = Some(Dialog::message("无法汇总", e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{App, DialogBackend, Prepared};
    use std::path::Path;
    use std::time::Duration;

    fn example(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(name)
    }

    #[test]
    fn a_draft_read_while_the_window_starts_opens_with_the_findings_its_first_frame_would_make() {
        let path = example("2021-jinjiang.ron");
        let mut opened = App::new(Default::default(), DialogBackend::Unavailable);
        opened.open_path(&path);
        opened.open.refresh_findings(None);
        assert_eq!(opened.open.refresh_diagnoses(Duration::ZERO), None);

        let mut prepared = App::new(Default::default(), DialogBackend::Unavailable);
        prepared.open_prepared(Prepared::read(path.clone()));
        // Ready before any frame: nothing left for the first one to compute.
        assert!(!prepared.open.findings.is_empty());
        assert_eq!(prepared.open.findings, opened.open.findings);
        assert!(
            !prepared.open.diagnoses.is_empty(),
            "晋江 has a shifted row"
        );
        assert_eq!(prepared.open.diagnoses, opened.open.diagnoses);
        assert_eq!(prepared.open.path.as_deref(), Some(path.as_path()));
        let before = prepared.open.findings.clone();
        prepared.open.refresh_findings(None);
        assert_eq!(prepared.open.findings, before);
    }

    #[test]
    fn a_draft_that_cannot_be_read_while_the_window_starts_is_said_as_when_opened() {
        let dir = std::env::temp_dir().join(format!("nianbao-prepared-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let broken = dir.join("坏.ron");
        std::fs::write(&broken, "(format: 不是草稿").unwrap();
        let mut app = App::new(Default::default(), DialogBackend::Unavailable);
        let body = app.open.doc.draft().body.clone();
        app.open_prepared(Prepared::read(broken));
        assert!(matches!(
            app.dialog,
            Some(crate::gui::dialogs::Dialog::OpenFailed(_))
        ));
        assert_eq!(app.open.doc.draft().body, body);
        assert!(app.open.path.is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
