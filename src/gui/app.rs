//! The window: menus, the list of the report's parts, the form or grid of the selected part,
//! the findings panel, file handling, and the confirmations that keep unsaved work.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::file_dialog::{self, DialogBackend, Outcome, Purpose};
use super::findings_panel::{FindingsView, findings_ui};
use super::forms::{self, FormAction, FormContext, FormState};
use super::grid::{self, GridAction, GridState};
use super::settings::{self, Settings};
use crate::check::{self, Finding, Location};
use crate::convert::{self, Conversion};
use crate::document::{Document, Edit};
use crate::draft::{Draft, Level, SECTION_HEADINGS, TextField};
use crate::draft_file;
use crate::export::{ExportFormat, ExportOptions};
use crate::format::{CellKey, FormatId, TableId};

/// A part of the report, as listed on the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Basic,
    Preamble,
    Overview,
    Table(TableId),
    Problems,
    OtherMatters,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Basic,
        Section::Preamble,
        Section::Overview,
        Section::Table(TableId::T2),
        Section::Table(TableId::T3),
        Section::Table(TableId::T4),
        Section::Problems,
        Section::OtherMatters,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Basic => "基本信息",
            Section::Preamble => "引言",
            Section::Overview => SECTION_HEADINGS[0],
            Section::Table(TableId::T2) => SECTION_HEADINGS[1],
            Section::Table(TableId::T3) => SECTION_HEADINGS[2],
            Section::Table(TableId::T4) => SECTION_HEADINGS[3],
            Section::Problems => SECTION_HEADINGS[4],
            Section::OtherMatters => SECTION_HEADINGS[5],
        }
    }

    /// The part a finding's location is shown in.
    pub fn of(location: Location) -> Section {
        match location {
            Location::Cell(key) => Section::Table(key.table),
            Location::Table(table) => Section::Table(table),
            Location::Meta(_) => Section::Basic,
            Location::Text(field) => match field {
                TextField::Title | TextField::Body | TextField::Contact(_) => Section::Basic,
                TextField::Preamble => Section::Preamble,
                TextField::OverviewIntro | TextField::PartHeading(_) | TextField::PartText(_) => {
                    Section::Overview
                }
                TextField::Problems => Section::Problems,
                TextField::OtherMatters => Section::OtherMatters,
            },
        }
    }
}

/// What waits for the clerk's answer about unsaved changes.
#[derive(Clone, Debug)]
enum AfterConfirm {
    New,
    /// 新建下一年度报告 from the open draft.
    NextYear,
    /// 汇总 of these drafts into a new one.
    Merge(Vec<PathBuf>),
    /// A published report, imported (the draft and its import report).
    Import(Box<crate::import::Import>),
    /// Open this file, or (None) ask for one.
    Open(Option<PathBuf>),
    /// Ask for a path to open, typed (按路径打开).
    OpenTyped,
    /// Open the `.bak` of a draft that could not be read, in place of that draft.
    Backup(PathBuf, Box<Draft>),
    /// Take a recovery file's draft as the open one.
    Restore(Box<crate::recovery::Recovered>),
    Close,
}

/// The dialog on top of the window, if any.
enum Dialog {
    NewDraft {
        body: String,
        level: Level,
        year: String,
        error: Option<String>,
    },
    Unsaved(AfterConfirm),
    TypePath(TypePath),
    /// A draft that could not be opened, with what can be opened instead.
    OpenFailed(OpenFailed),
    /// A save or export would replace an existing file: write only if the clerk says so.
    /// The path typed, if it was: the dialog gives it back for another name.
    ConfirmOverwrite(Purpose, PathBuf, Option<String>),
    Message {
        title: String,
        text: String,
        offer_save_as: bool,
    },
    Convert(Box<Conversion>, FormatId),
    Export(ExportDialog),
    /// Drafts found in recovery files at start-up.
    Recover(Vec<crate::recovery::Recovered>),
    /// The file was changed by another program since it was opened or saved.
    ChangedOnDisk(PathBuf),
    /// 导入已发布年报 from pasted text.
    ImportPaste(String),
    /// 导入说明 after an import.
    ImportNotes(Vec<crate::import::ImportNote>),
    /// 本年与上年对比; `true` shows only the figures that changed.
    Compare(Box<crate::compare::Comparison>, bool),
    About,
}

/// 按路径…: a path typed where there is no system file dialog.
struct TypePath {
    purpose: Purpose,
    text: String,
    note: Option<String>,
    /// The field takes keyboard focus once, when the dialog opens, so that Ctrl+V works at once.
    focused: bool,
}

impl TypePath {
    fn new(purpose: Purpose, text: String, note: Option<String>) -> TypePath {
        TypePath {
            purpose,
            text,
            note,
            focused: false,
        }
    }
}

/// A draft that could not be read, and what the clerk can open instead of it.
struct OpenFailed {
    path: PathBuf,
    error: String,
    /// `name.ron.bak` beside it, when that loads: the draft as it was before the last save.
    backup: Option<draft_file::Alternative>,
    /// Recovery files of an earlier session that had this file open.
    recovered: Vec<crate::recovery::Recovered>,
}

impl OpenFailed {
    fn new(path: &Path, error: String, recovery_dir: Option<&Path>) -> OpenFailed {
        let backup = draft_file::alternatives(path).into_iter().next();
        let recovered = recovery_dir
            .and_then(|dir| crate::recovery::find_in(dir).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.source.as_deref() == Some(path))
            .collect();
        OpenFailed {
            path: path.to_path_buf(),
            error,
            backup,
            recovered,
        }
    }
}

/// A file name made of a title: characters that no file system takes are replaced.
fn file_name_of(title: &str) -> String {
    let name: String = title
        .trim()
        .chars()
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

/// Why a file may not be written as asked.
enum WriteCheck {
    /// Go ahead.
    Free,
    /// The file exists: ask before replacing it.
    Exists,
    /// Never: the reason, for the clerk.
    Refused(String),
}

/// 文件 → 导出: the choices, and the preview of what will be written.
pub struct ExportDialog {
    format: ExportFormat,
    options: ExportOptions,
    /// The preview and the (revision, format, options) it was made for.
    preview: Option<((u64, ExportFormat, ExportOptions), String)>,
    /// The export the clerk started while text marked 待复核 remains: it waits for a second yes.
    confirm: Option<ExportTarget>,
}

/// Where an export goes: the system's dialog, or a typed path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExportTarget {
    Dialog,
    Typed,
}

impl ExportDialog {
    fn new(format: ExportFormat, options: ExportOptions) -> ExportDialog {
        ExportDialog {
            format,
            options,
            preview: None,
            confirm: None,
        }
    }

    fn key(&self, revision: u64) -> (u64, ExportFormat, ExportOptions) {
        (revision, self.format, self.options)
    }
}

/// What the export dialog shows of a document: its words, as the text export lays them out. A
/// web page or a Word document is not read as markup: their layout is the browser's and Word's
/// to show (the dialog opens the page in the browser).
fn export_preview(draft: &Draft, _format: ExportFormat, options: ExportOptions) -> String {
    crate::export::text::export_text(draft, options.values)
}

/// The application.
pub struct App {
    doc: Document,
    path: Option<PathBuf>,
    section: Section,
    checked_revision: Option<u64>,
    findings: Vec<Finding>,
    /// The grid's typing errors the findings were last merged with.
    checked_invalid: u64,
    findings_view: FindingsView,
    grid: GridState,
    forms: FormState,
    dialog: Option<Dialog>,
    file_dialog: Option<file_dialog::Pending>,
    /// What to do once a 另存为 started from the unsaved-changes question has saved.
    after_save: Option<AfterConfirm>,
    backend: DialogBackend,
    settings: Settings,
    /// A line for the status bar; `true` for an error.
    notice: Option<(String, bool)>,
    /// The draft's revision when the notice was given: a later change makes it stale.
    notice_revision: (u64, u64),
    /// Counts the documents put in the window: view state (scroll positions) is keyed by it, so
    /// that another file opens at its top, not where the previous one was scrolled to.
    generation: u64,
    /// A path typed into the path dialog, kept so that a failed save or export can ask again
    /// with the text the clerk typed, instead of losing it.
    typed: Option<(Purpose, String)>,
    /// A field to focus (from a click on a finding), taken by the field when drawn.
    focus: Option<Location>,
    window_title: String,
    close_confirmed: bool,
    close_sent: bool,
    /// The format and options of the last export: the next one starts from them.
    export_format: ExportFormat,
    export_choice: ExportOptions,
    /// This session's recovery file; `None` turns autosave off.
    autosave: Option<crate::recovery::Autosave>,
    /// The revision last written to the recovery file.
    autosaved_revision: Option<u64>,
    /// When the draft last changed, and its revision then: autosave waits for a pause.
    last_change: (u64, std::time::Instant),
    /// How long after the last change the recovery file is written.
    autosave_delay: std::time::Duration,
    /// The draft's file as it was when opened or saved.
    stamp: Option<draft_file::FileStamp>,
    /// The window's context, for dialog threads to wake it when they end.
    ctx: egui::Context,
}

impl App {
    pub fn new(settings: Settings, backend: DialogBackend) -> App {
        let draft = Draft::new("", Level::Department, default_year());
        App {
            doc: Document::new(draft),
            path: None,
            section: Section::Basic,
            checked_revision: None,
            findings: Vec::new(),
            checked_invalid: 0,
            findings_view: FindingsView::default(),
            grid: GridState::default(),
            forms: FormState::default(),
            dialog: None,
            file_dialog: None,
            after_save: None,
            backend,
            settings,
            notice: None,
            notice_revision: (0, 0),
            generation: 0,
            typed: None,
            focus: None,
            window_title: String::new(),
            close_confirmed: false,
            close_sent: false,
            export_format: ExportFormat::Html,
            export_choice: ExportOptions::default(),
            autosave: None,
            autosaved_revision: None,
            last_change: (0, std::time::Instant::now()),
            autosave_delay: std::time::Duration::from_millis(1500),
            stamp: None,
            ctx: egui::Context::default(),
        }
    }

    /// Turns on autosave to a recovery file in `dir`, and offers any recovery files found there
    /// (from a session that crashed or was killed).
    pub fn with_recovery(mut self, dir: &Path, delay: std::time::Duration) -> App {
        let found = crate::recovery::find_in(dir).unwrap_or_default();
        self.autosave = Some(crate::recovery::Autosave::new_in(dir));
        self.autosave_delay = delay;
        if !found.is_empty() {
            self.dialog = Some(Dialog::Recover(found));
        }
        self
    }

    /// The recovery file of this session, if autosave is on.
    pub fn autosave_path(&self) -> Option<&Path> {
        self.autosave.as_ref().map(|a| a.path())
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn section(&self) -> Section {
        self.section
    }

    pub fn set_section(&mut self, section: Section) {
        self.section = section;
    }

    /// The status line shown to the clerk, with whether it reports an error.
    pub fn notice(&self) -> Option<&(String, bool)> {
        self.notice.as_ref()
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    pub fn grid_state(&self) -> &GridState {
        &self.grid
    }

    /// Whether closing was confirmed (or nothing needed confirming).
    pub fn close_confirmed(&self) -> bool {
        self.close_confirmed
    }

    /// Zoom and theme from the settings.
    pub fn apply_view_settings(&self, ctx: &egui::Context) {
        ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// Opens a draft now (no question asked). On failure the open draft stays as it was.
    pub fn open_path(&mut self, path: &Path) {
        match draft_file::load_versioned(path) {
            Ok((draft, version)) => {
                if version < draft_file::DRAFT_VERSION {
                    self.dialog = Some(Dialog::Message {
                        title: "草稿已升级".into(),
                        text: format!(
                            "此草稿由旧版本的 nianbao 保存（草稿格式版本 {version}），已自动升级为当前格式（版本 {}），内容没有改变。\n\
                             保存后将按新格式写入，旧版本的程序将不能再打开它；原文件在保存时会保留为 .bak 备份。",
                            draft_file::DRAFT_VERSION
                        ),
                        offer_save_as: false,
                    });
                }
                self.replace_document(Document::new(draft));
                self.stamp = draft_file::FileStamp::of(path);
                self.path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.grid = GridState::default();
                self.forms = FormState::default();
                self.tell(format!("已打开 {}", path.display()), false);
            }
            Err(e) => {
                let recovery_dir = self.autosave.as_ref().and_then(|a| a.path().parent());
                self.dialog = Some(Dialog::OpenFailed(OpenFailed::new(
                    path,
                    e.to_string(),
                    recovery_dir,
                )));
            }
        }
    }

    /// Opens the `.bak` of a draft that could not be read, as an unsaved draft of that file: a
    /// save then puts the backup's content back in place of the broken file.
    fn open_backup(&mut self, path: &Path, draft: Draft) {
        self.replace_document(Document::unsaved(draft));
        // The broken file is the one on disk now: saving over it must not warn that another
        // program changed it.
        self.stamp = draft_file::FileStamp::of(path);
        self.path = Some(path.to_path_buf());
        self.section = Section::Basic;
        self.tell(
            format!(
                "已打开备份 {}，保存后将替换无法读取的原文件",
                draft_file::backup_path(path).display()
            ),
            false,
        );
    }

    /// Puts a line in the status bar. It goes stale, and is no longer shown, once the draft
    /// changes (a "已撤销" must not outlive the next edit).
    fn tell(&mut self, text: String, error: bool) {
        self.notice = Some((text, error));
        self.notice_revision = (self.generation, self.doc.revision());
    }

    /// Where a typed-path dialog starts: the file a save or export would naturally go to, or the
    /// draft's folder for picking a file to read.
    fn suggested_path(&self, purpose: Purpose) -> String {
        let folder = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(dirs::document_dir)
            .or_else(dirs::home_dir)
            .unwrap_or_default();
        let named = |ext: &str| {
            folder
                .join(format!("{}.{ext}", file_name_of(&self.doc.draft().title())))
                .display()
                .to_string()
        };
        match purpose {
            Purpose::SaveAs => self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| named("ron")),
            Purpose::Export(format) => named(format.extension()),
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
    fn ask_for_path(&mut self, purpose: Purpose, note: Option<String>) {
        let text = self.suggested_path(purpose);
        self.dialog = Some(Dialog::TypePath(TypePath::new(purpose, text, note)));
    }

    /// Takes the result of an import: the new draft (after asking about unsaved changes), or the
    /// reason it could not be read. The open draft stays as it is until then.
    fn import_result(
        &mut self,
        result: Result<crate::import::Import, crate::import::ImportError>,
        source: &str,
    ) {
        match result {
            Ok(import) => self.request(AfterConfirm::Import(Box::new(import))),
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "无法导入".into(),
                    text: format!("{e}\n\n来源：{source}\n当前草稿没有改动。"),
                    offer_save_as: false,
                })
            }
        }
    }

    /// 新建下一年度报告: a draft for the following year from the open one.
    fn next_year(&mut self) {
        match crate::years::next_year(self.doc.draft()) {
            Ok(next) => {
                let mut text = String::from(
                    "已由本年度报告生成下一年度草稿（尚未保存）。正文已带入，标为“待复核”，请逐段修改。",
                );
                for note in &next.notes {
                    text.push('\n');
                    text.push_str(note);
                }
                for d in &next.not_carried {
                    text.push_str("\n未带入：");
                    text.push_str(&d.message());
                }
                self.new_draft(next.draft);
                self.dialog = Some(Dialog::Message {
                    title: "新建下一年度报告".into(),
                    text,
                    offer_save_as: false,
                });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "无法新建下一年度报告".into(),
                    text: e.to_string(),
                    offer_save_as: false,
                })
            }
        }
    }

    /// 汇总: adds up the drafts of several units into a new draft.
    fn merge(&mut self, paths: &[PathBuf]) {
        match crate::merge::merge_files(paths, &crate::merge::MergeOptions::default()) {
            Ok(merged) => {
                let mut text = format!("已汇总 {} 个单位（尚未保存）：", merged.units.len());
                for unit in &merged.units {
                    let (errors, warnings) = unit.tally();
                    text.push_str(&format!(
                        "\n· {}（{}）：错误 {errors} 项，提示 {warnings} 项",
                        unit.body, unit.source
                    ));
                }
                for note in &merged.notes {
                    text.push('\n');
                    text.push_str(note);
                }
                self.new_draft(merged.draft);
                self.dialog = Some(Dialog::Message {
                    title: "汇总".into(),
                    text,
                    offer_save_as: false,
                });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "无法汇总".into(),
                    text: e.to_string(),
                    offer_save_as: false,
                })
            }
        }
    }

    /// Takes a recovered draft as the open one: unsaved, with its file (if it had one).
    fn restore(&mut self, recovered: crate::recovery::Recovered) {
        self.replace_document(Document::unsaved(recovered.draft));
        self.stamp = recovered
            .source
            .as_deref()
            .and_then(draft_file::FileStamp::of);
        self.path = recovered.source;
        self.grid = GridState::default();
        self.forms = FormState::default();
        // The old session's file goes; this session's autosave takes over.
        let _ = std::fs::remove_file(&recovered.file);
        self.tell("已恢复自动保存的草稿，请检查后保存".into(), false);
    }

    /// Puts another document in the window. The old one was saved or deliberately discarded
    /// (the clerk was asked), so its recovery file goes too.
    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.generation += 1;
        if let Some(autosave) = &self.autosave {
            autosave.clear();
        }
        // Revisions count from 0 in every document: forget the old one's.
        self.autosaved_revision = None;
        self.checked_revision = None;
    }

    /// Replaces the draft with a new one (no question asked).
    pub fn new_draft(&mut self, draft: Draft) {
        self.replace_document(Document::unsaved(draft));
        self.path = None;
        self.stamp = None;
        self.grid = GridState::default();
        self.forms = FormState::default();
        self.section = Section::Basic;
    }

    fn apply(&mut self, edit: Edit) {
        if let Err(e) = self.doc.apply(edit) {
            self.tell(e.to_string(), true);
        }
    }

    fn undo(&mut self) {
        if self.doc.undo() {
            self.tell("已撤销".into(), false);
        }
    }

    fn redo(&mut self) {
        if self.doc.redo() {
            self.tell("已重做".into(), false);
        }
    }

    /// The checker's findings and the grid's typing errors, recomputed when either changed.
    fn refresh_findings(&mut self) {
        let invalid = self.grid.invalid_version();
        if self.checked_revision != Some(self.doc.revision()) || self.checked_invalid != invalid {
            let draft = self.doc.draft();
            let mut findings = check::check(draft);
            findings.extend(self.grid.invalid_findings(draft));
            self.findings = findings;
            self.checked_revision = Some(self.doc.revision());
            self.checked_invalid = invalid;
        }
    }

    fn request(&mut self, action: AfterConfirm) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(action));
        } else {
            self.proceed(action);
        }
    }

    fn proceed(&mut self, action: AfterConfirm) {
        match action {
            AfterConfirm::New => {
                self.dialog = Some(Dialog::NewDraft {
                    body: String::new(),
                    level: Level::Department,
                    year: default_year().to_string(),
                    error: None,
                });
            }
            AfterConfirm::Open(Some(path)) => self.open_path(&path),
            AfterConfirm::NextYear => self.next_year(),
            AfterConfirm::Merge(paths) => self.merge(&paths),
            AfterConfirm::Import(import) => {
                let crate::import::Import { draft, notes } = *import;
                self.new_draft(draft);
                self.dialog = Some(Dialog::ImportNotes(notes));
            }
            AfterConfirm::Open(None) => self.start_file_dialog(Purpose::Open),
            AfterConfirm::OpenTyped => self.ask_for_path(Purpose::Open, None),
            AfterConfirm::Backup(path, draft) => self.open_backup(&path, *draft),
            AfterConfirm::Restore(recovered) => self.restore(*recovered),
            AfterConfirm::Close => {
                // The clerk chose: nothing unsaved is to be kept.
                if let Some(autosave) = &self.autosave {
                    autosave.clear();
                }
                self.close_confirmed = true;
            }
        }
    }

    fn start_file_dialog(&mut self, purpose: Purpose) {
        if self.file_dialog.is_some() {
            return;
        }
        let suggested = PathBuf::from(self.suggested_path(purpose));
        self.file_dialog = Some(self.backend.start(purpose, suggested, &self.ctx));
        self.tell("正在等待文件对话框……".into(), false);
    }

    fn poll_file_dialog(&mut self, ctx: &egui::Context) {
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

    fn use_chosen_paths(&mut self, purpose: Purpose, paths: Vec<PathBuf>) {
        match purpose {
            Purpose::Merge => self.request(AfterConfirm::Merge(paths)),
            other => {
                if let Some(path) = paths.into_iter().next() {
                    self.use_chosen_path(other, path);
                }
            }
        }
    }

    fn use_chosen_path(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Merge => self.request(AfterConfirm::Merge(vec![path])),
            Purpose::Import => match std::fs::read(&path) {
                Ok(bytes) => self.import_result(
                    crate::import::import_bytes(&bytes),
                    &path.display().to_string(),
                ),
                Err(e) => {
                    self.dialog = Some(Dialog::Message {
                        title: "无法导入".into(),
                        text: format!("无法读取 {}：{e}", path.display()),
                        offer_save_as: false,
                    })
                }
            },
            Purpose::LastYear => match crate::years::last_year_from_file(&path, self.doc.draft()) {
                Ok(carried) => {
                    let last = carried.last_year.year;
                    self.apply(Edit::SetLastYear(Some(carried.last_year)));
                    let mut text =
                        format!("已读取 {last} 年度报告的数字，跨年度核对（R8、R9）已启用。");
                    for note in carried
                        .notes
                        .iter()
                        .chain(carried.not_carried.iter().map(|d| &d.reason))
                    {
                        text.push('\n');
                        text.push_str(note);
                    }
                    self.dialog = Some(Dialog::Message {
                        title: "跨年度核对".into(),
                        text,
                        offer_save_as: false,
                    });
                }
                Err(e) => {
                    self.dialog = Some(Dialog::Message {
                        title: "无法读取上年报告".into(),
                        text: e.to_string(),
                        offer_save_as: false,
                    })
                }
            },
            Purpose::Compare => match draft_file::load(&path) {
                Ok(old) => {
                    let comparison = crate::compare::compare(&old, self.doc.draft());
                    self.dialog = Some(Dialog::Compare(Box::new(comparison), true));
                }
                Err(e) => {
                    self.dialog = Some(Dialog::Message {
                        title: "无法打开要对比的草稿".into(),
                        text: format!("{e}\n\n文件：{}", path.display()),
                        offer_save_as: false,
                    })
                }
            },
            Purpose::Export(format) => {
                let path = with_extension_if_none(path, format.extension());
                self.write_if_allowed(purpose, path);
            }
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs => {
                let path = draft_path(path);
                self.write_if_allowed(purpose, path);
            }
        }
    }

    /// Starts an export the clerk confirmed in the export dialog.
    fn start_export(&mut self, format: ExportFormat, choice: ExportOptions, target: ExportTarget) {
        self.export_format = format;
        self.export_choice = choice;
        match target {
            ExportTarget::Dialog => self.start_file_dialog(Purpose::Export(format)),
            ExportTarget::Typed => self.ask_for_path(Purpose::Export(format), None),
        }
    }

    /// Whether `path` may be written for `purpose`. An export never goes into a draft file (nor
    /// over the open draft); a save or export never replaces another file without asking, except
    /// where the system's own dialog has already asked.
    fn write_check(&self, purpose: Purpose, path: &Path) -> WriteCheck {
        let is_open_draft = self.path.as_deref().is_some_and(|p| same_file(p, path));
        let is_draft_file = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron") || e.eq_ignore_ascii_case("bak"));
        match purpose {
            Purpose::Export(format) if is_open_draft || is_draft_file => {
                return WriteCheck::Refused(format!(
                    "{} 是年报草稿文件，导出的{}不能写入草稿文件，否则草稿会被覆盖。\n请换一个文件名，如 {}.{}",
                    path.display(),
                    format.label(),
                    file_name_of(&self.doc.draft().title()),
                    format.extension()
                ));
            }
            // The open draft's own file is its to save.
            Purpose::SaveAs if is_open_draft => return WriteCheck::Free,
            _ => {}
        }
        if path.is_dir() {
            return WriteCheck::Refused(format!("{} 是文件夹，请在后面加上文件名", path.display()));
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
                self.dialog = Some(Dialog::ConfirmOverwrite(purpose, path, typed));
            }
            WriteCheck::Refused(text) => self.write_failed("不能写入此文件", text, false),
        }
    }

    /// Writes the draft (a save) or its export to `path`, no question asked.
    fn write_to(&mut self, purpose: Purpose, path: &Path) {
        match purpose {
            Purpose::Export(format) => {
                let written = crate::export::export(self.doc.draft(), format, self.export_choice)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        draft_file::write_atomically(path, &bytes).map_err(|e| e.to_string())
                    });
                match written {
                    Ok(()) => self.tell(format!("已导出 {}", path.display()), false),
                    Err(text) => self.write_failed("未能导出", text, false),
                }
            }
            _ => {
                if self.save_to(path) {
                    if let Some(next) = self.after_save.take() {
                        self.proceed(next);
                    }
                }
            }
        }
    }

    /// Says why a save or export did not happen. A typed path comes back in its dialog with the
    /// reason, so the clerk corrects it instead of typing it again.
    fn write_failed(&mut self, title: &str, text: String, offer_save_as: bool) {
        self.dialog = Some(match self.typed.take() {
            Some((purpose, typed)) => Dialog::TypePath(TypePath::new(
                purpose,
                typed,
                Some(format!("{text}\n请修改路径后重试：")),
            )),
            None => Dialog::Message {
                title: title.into(),
                text,
                offer_save_as,
            },
        });
    }

    /// Saves to the draft's file, or asks where. Returns whether it saved now.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(path) if self.stamp.as_ref().is_some_and(|s| s.changed(&path)) => {
                self.dialog = Some(Dialog::ChangedOnDisk(path));
                false
            }
            Some(path) => self.save_to(&path),
            None => {
                self.start_file_dialog(Purpose::SaveAs);
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        match draft_file::save(self.doc.draft(), path) {
            Ok(()) => {
                self.doc.mark_saved();
                self.stamp = draft_file::FileStamp::of(path);
                if let Some(autosave) = &self.autosave {
                    autosave.clear();
                }
                self.autosaved_revision = None;
                self.path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.tell(format!("已保存 {}", path.display()), false);
                true
            }
            Err(e) => {
                self.after_save = None;
                self.write_failed(
                    "未能保存",
                    format!("{e}\n\n草稿仍在窗口中，没有丢失。"),
                    true,
                );
                false
            }
        }
    }

    fn title_text(&self) -> String {
        let draft = self.doc.draft();
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "未命名".into());
        let body = if draft.body.trim().is_empty() {
            "（未填机关名称）"
        } else {
            draft.body.trim()
        };
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        format!(
            "{dirty}{body} {} 年度 — {name} — 政府信息公开年报编制",
            draft.year
        )
    }

    /// Draws the whole window. eframe calls this every frame; tests call it through kittest.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = ctx.clone();
        self.settings.zoom = ctx.zoom_factor();
        self.refresh_findings();
        if self.notice.is_some() && self.notice_revision != (self.generation, self.doc.revision()) {
            self.notice = None;
        }
        self.poll_file_dialog(&ctx);
        self.handle_close(&ctx);
        self.autosave_tick(&ctx);
        self.handle_dropped_files(&ctx);
        self.global_shortcuts(&ctx);

        let title = self.title_text();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        egui::Panel::top("nianbao-menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("nianbao-status").show(ui, |ui| self.status_ui(ui));
        egui::Panel::left("nianbao-sections")
            .resizable(false)
            .exact_size(190.0)
            .show(ui, |ui| self.sections_ui(ui));
        egui::Panel::right("nianbao-findings")
            .default_size(250.0)
            .show(ui, |ui| {
                if let Some(location) = findings_ui(
                    ui,
                    self.doc.draft(),
                    &self.findings,
                    &mut self.findings_view,
                ) {
                    self.go_to(location);
                }
            });
        egui::CentralPanel::default_margins().show(ui, |ui| self.section_ui(ui));

        self.dialog_ui(&ctx);
        if self.close_confirmed && !self.close_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.close_sent = true;
        }
    }

    /// Brings a cell or field into view and focuses it, as a click on a finding does.
    pub fn go_to(&mut self, location: Location) {
        self.section = Section::of(location);
        match location {
            Location::Cell(key) => self.grid.focus_cell(key),
            other => self.focus = Some(other),
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(AfterConfirm::Close));
            } else {
                if let Some(autosave) = &self.autosave {
                    autosave.clear();
                }
                self.close_confirmed = true;
            }
        }
    }

    /// Writes the recovery file once the draft has stayed unchanged for a moment.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let revision = self.doc.revision();
        if self.last_change.0 != revision {
            self.last_change = (revision, std::time::Instant::now());
        }
        if !self.doc.is_dirty() || self.autosaved_revision == Some(revision) {
            return;
        }
        let waited = self.last_change.1.elapsed();
        if waited < self.autosave_delay {
            ctx.request_repaint_after(self.autosave_delay - waited);
            return;
        }
        match autosave.write(self.doc.draft(), self.path.as_deref()) {
            Ok(()) => self.autosaved_revision = Some(revision),
            Err(e) => {
                self.tell(format!("自动保存恢复文件失败：{e}"), true);
                // Try again at the next change rather than every frame.
                self.autosaved_revision = Some(revision);
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                self.request(AfterConfirm::Open(Some(path)));
            } else {
                self.tell(format!("只能打开 .ron 草稿文件：{}", path.display()), true);
            }
        }
    }

    fn global_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let text_focused = ctx.memory(|m| m.focused().is_some());
        let (save, open, new, undo, redo) = ctx.input_mut(|i| {
            let save = i.consume_key(egui::Modifiers::COMMAND, egui::Key::S);
            let open = i.consume_key(egui::Modifiers::COMMAND, egui::Key::O);
            let new = i.consume_key(egui::Modifiers::COMMAND, egui::Key::N);
            // With a text field focused, Ctrl+Z belongs to the field (and the grid takes it for
            // its cells); elsewhere it undoes the last change to the draft.
            let (undo, redo) = if text_focused {
                (false, false)
            } else {
                (
                    i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z),
                    i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y)
                        || i.consume_key(
                            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                            egui::Key::Z,
                        ),
                )
            };
            (save, open, new, undo, redo)
        });
        if save {
            self.save();
        }
        if open {
            self.request(AfterConfirm::Open(None));
        }
        if new {
            self.request(AfterConfirm::New);
        }
        if undo {
            self.undo();
        }
        if redo {
            self.redo();
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if ui.button("新建…").clicked() {
                    self.request(AfterConfirm::New);
                }
                if ui.button("打开…").clicked() {
                    self.request(AfterConfirm::Open(None));
                }
                ui.menu_button("导入已发布年报", |ui| {
                    if ui.button("从文本文件导入…").clicked() {
                        self.start_file_dialog(Purpose::Import);
                    }
                    if ui.button("粘贴报告全文导入…").clicked() {
                        self.dialog = Some(Dialog::ImportPaste(String::new()));
                    }
                });
                if ui.button("按路径打开…").clicked() {
                    self.request(AfterConfirm::OpenTyped);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request(AfterConfirm::Open(Some(path)));
                        }
                    }
                });
                ui.separator();
                if ui.button("保存").clicked() {
                    self.save();
                }
                if ui.button("另存为…").clicked() {
                    self.start_file_dialog(Purpose::SaveAs);
                }
                if ui.button("导出…").clicked() {
                    self.dialog = Some(Dialog::Export(ExportDialog::new(
                        self.export_format,
                        self.export_choice,
                    )));
                }
                if ui.button("按路径另存为…").clicked() {
                    self.ask_for_path(Purpose::SaveAs, None);
                }
                ui.separator();
                if ui.button("退出").clicked() {
                    self.request(AfterConfirm::Close);
                }
            });
            ui.menu_button("年度与汇总", |ui| {
                if ui
                    .button("新建下一年度报告")
                    .on_hover_text("由当前草稿生成下一年度的草稿：带入机关信息、上年结转和正文")
                    .clicked()
                {
                    self.request(AfterConfirm::NextYear);
                }
                if ui.button("选择上年报告（跨年度核对）…").clicked() {
                    self.start_file_dialog(Purpose::LastYear);
                }
                if self.doc.draft().last_year.is_some() && ui.button("取消跨年度核对").clicked()
                {
                    self.apply(Edit::SetLastYear(None));
                }
                if ui.button("本年与上年对比…").clicked() {
                    self.start_file_dialog(Purpose::Compare);
                }
                if ui
                    .button("汇总多个单位…")
                    .on_hover_text("把同一年度多个单位的草稿相加，生成汇总草稿")
                    .clicked()
                {
                    self.start_file_dialog(Purpose::Merge);
                }
            });
            ui.menu_button("编辑", |ui| {
                if ui
                    .add_enabled(self.doc.can_undo(), egui::Button::new("撤销"))
                    .clicked()
                {
                    self.undo();
                }
                if ui
                    .add_enabled(self.doc.can_redo(), egui::Button::new("重做"))
                    .clicked()
                {
                    self.redo();
                }
            });
            ui.menu_button("视图", |ui| {
                if ui.button("放大（Ctrl +）").clicked() {
                    egui::gui_zoom::zoom_in(ui.ctx());
                }
                if ui.button("缩小（Ctrl −）").clicked() {
                    egui::gui_zoom::zoom_out(ui.ctx());
                }
                if ui.button("恢复 100%").clicked() {
                    ui.ctx().set_zoom_factor(1.0);
                }
                ui.separator();
                let dark = ui.ctx().theme() == egui::Theme::Dark;
                if ui
                    .button(if dark { "浅色界面" } else { "深色界面" })
                    .clicked()
                {
                    self.settings.dark = !dark;
                    ui.ctx().set_theme(if dark {
                        egui::Theme::Light
                    } else {
                        egui::Theme::Dark
                    });
                }
            });
            ui.menu_button("帮助", |ui| {
                if ui.button("关于").clicked() {
                    self.dialog = Some(Dialog::About);
                }
            });
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let draft = self.doc.draft();
            let (errors, warnings) = check::tally(&self.findings);
            ui.label(format!(
                "{} · 错误 {errors} · 提示 {warnings}",
                draft.format.name()
            ));
            ui.separator();
            match &self.notice {
                Some((text, true)) => {
                    ui.colored_label(ui.visuals().error_fg_color, text);
                }
                Some((text, false)) => {
                    ui.label(text);
                }
                None => {
                    ui.label(
                        self.path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| "尚未保存".into()),
                    );
                }
            }
        });
    }

    fn sections_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(4.0);
        let mut counts: HashMap<Section, (usize, usize)> = HashMap::new();
        for f in &self.findings {
            let entry = counts.entry(Section::of(f.location)).or_default();
            match f.severity {
                check::Severity::Error => entry.0 += 1,
                check::Severity::Warning => entry.1 += 1,
            }
        }
        for section in Section::ALL {
            let (errors, warnings) = counts.get(&section).copied().unwrap_or_default();
            let mut text = egui::text::LayoutJob::default();
            text.append(
                section.label(),
                0.0,
                egui::TextFormat {
                    color: ui.visuals().text_color(),
                    ..Default::default()
                },
            );
            if errors > 0 {
                text.append(
                    &format!(" ×{errors}"),
                    0.0,
                    egui::TextFormat {
                        color: ui.visuals().error_fg_color,
                        ..Default::default()
                    },
                );
            }
            if warnings > 0 {
                text.append(
                    &format!(" △{warnings}"),
                    0.0,
                    egui::TextFormat {
                        color: ui.visuals().warn_fg_color,
                        ..Default::default()
                    },
                );
            }
            let response = ui
                .add(egui::Button::selectable(self.section == section, text).wrap())
                .on_hover_text(section.label());
            if response.clicked() {
                self.section = section;
            }
        }
    }

    fn section_ui(&mut self, ui: &mut egui::Ui) {
        let section = self.section;
        let scroll = egui::ScrollArea::both()
            .id_salt(("nianbao-section", format!("{section:?}"), self.generation))
            .auto_shrink(false);
        match section {
            Section::Table(table) => {
                let mut actions = self.table_header_ui(ui, table);
                scroll.show(ui, |ui| {
                    actions.extend(self.table_ui(ui, table));
                });
                self.apply_grid_actions(actions);
            }
            _ => {
                scroll.show(ui, |ui| self.form_section_ui(ui, section));
            }
        }
    }

    /// The table's heading, the format note and the toolbar: above the scrolling grid.
    fn table_header_ui(&mut self, ui: &mut egui::Ui, table: TableId) -> Vec<GridAction> {
        let draft = self.doc.draft();
        ui.heading(draft.format.def().table(table).title);
        ui.label(
            egui::RichText::new(format!(
                "{}（{}）",
                draft.format.name(),
                draft.format.def().issued_by
            ))
            .weak(),
        );
        if draft.format != draft.expected_format() {
            let expected = draft.expected_format();
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("报告年度 {} 年应使用{}。", draft.year, expected.name()),
                );
                if ui.button(format!("转换为{}…", expected.name())).clicked() {
                    let conversion = convert::convert(draft, expected);
                    self.dialog = Some(Dialog::Convert(Box::new(conversion), expected));
                }
            });
        }
        grid::toolbar_ui(ui, self.doc.draft(), table, &mut self.grid)
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, table: TableId) -> Vec<GridAction> {
        let mut by_cell: HashMap<CellKey, Vec<&Finding>> = HashMap::new();
        for f in &self.findings {
            if let Location::Cell(key) = f.location {
                by_cell.entry(key).or_default().push(f);
            }
        }
        grid::table_ui(
            ui,
            self.doc.draft(),
            self.doc.revision(),
            table,
            &by_cell,
            &mut self.grid,
        )
    }

    fn apply_grid_actions(&mut self, actions: Vec<GridAction>) {
        for action in actions {
            match action {
                GridAction::Set(key, value) => {
                    self.apply(Edit::SetCell { key, value });
                    // The cell's text is what was typed: no need to reload it from the draft.
                    self.grid.synced(self.doc.revision());
                }
                GridAction::Paste(cells) => {
                    let n = cells.len();
                    self.apply(Edit::SetCells(cells));
                    self.tell(format!("已粘贴 {n} 个单元格（可撤销）"), false);
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
                GridAction::Undo => self.undo(),
                GridAction::Redo => self.redo(),
                GridAction::EndTyping => self.doc.end_typing(),
                GridAction::Notice(text) => self.tell(text, true),
            }
        }
    }

    fn form_section_ui(&mut self, ui: &mut egui::Ui, section: Section) {
        let mut by_location: HashMap<Location, Vec<&Finding>> = HashMap::new();
        for f in &self.findings {
            by_location.entry(f.location).or_default().push(f);
        }
        let mut cx = FormContext {
            draft: self.doc.draft(),
            findings: &by_location,
            focus: &mut self.focus,
            actions: Vec::new(),
        };
        ui.set_max_width(900.0);
        match section {
            Section::Basic => forms::basic_ui(ui, &mut cx, &mut self.forms),
            Section::Preamble => {
                ui.heading("引言");
                ui.label(egui::RichText::new("依据、统计期限、全文获取方式等；联系方式在“基本信息”中填写，导出时自动附上").weak());
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
                ui.label(
                    egui::RichText::new("2021 年起须说明信息处理费收取情况（未收取也应写明）")
                        .weak(),
                );
                cx.generated(ui, crate::narrative::Kind::InformationFee);
                cx.text(ui, TextField::OtherMatters, "正文", 10);
            }
            Section::Table(_) => {}
        }
        let actions = std::mem::take(&mut cx.actions);
        for action in actions {
            match action {
                FormAction::Edit(edit) => self.apply(edit),
                FormAction::EndTyping => self.doc.end_typing(),
                FormAction::Convert(to) => {
                    let conversion = convert::convert(self.doc.draft(), to);
                    self.dialog = Some(Dialog::Convert(Box::new(conversion), to));
                }
            }
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Box<dyn FnOnce(&mut App)>> = None;
        egui::Modal::new(egui::Id::unique("nianbao-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &mut dialog {
                Dialog::NewDraft { body, level, year, error } => {
                    ui.heading("新建年度报告");
                    let l = ui.label("机关名称");
                    ui.add(egui::TextEdit::singleline(body).desired_width(400.0)).labelled_by(l.id);
                    let l = ui.label("机关层级");
                    egui::ComboBox::from_id_salt("nianbao-new-level")
                        .selected_text(level.label())
                        .width(300.0)
                        .show_ui(ui, |ui| {
                            for option in Level::ALL {
                                ui.selectable_value(level, option, option.label());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    let l = ui.label("报告年度（统计年度）");
                    ui.add(egui::TextEdit::singleline(year).desired_width(80.0)).labelled_by(l.id);
                    let parsed = year.trim().parse::<i32>().ok().filter(|y| (1990..=2999).contains(y));
                    if let Some(y) = parsed {
                        ui.label(egui::RichText::new(format!("将使用{}", FormatId::for_year(y).name())).weak());
                    }
                    if let Some(e) = error {
                        ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                    }
                    ui.horizontal(|ui| {
                        if ui.button("创建").clicked() {
                            match (body.trim().is_empty(), parsed) {
                                (true, _) => *error = Some("请填写机关名称".into()),
                                (_, None) => *error = Some("请填写四位数的报告年度，如 2025".into()),
                                (false, Some(y)) => {
                                    let draft = Draft::new(body.trim(), *level, y);
                                    then = Some(Box::new(move |app: &mut App| app.new_draft(draft)));
                                    keep = false;
                                }
                            }
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Unsaved(action) => {
                    ui.heading("有未保存的修改");
                    ui.label("当前草稿有未保存的修改。要先保存吗？");
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            let action = action.clone();
                            then = Some(Box::new(move |app: &mut App| {
                                if app.save() {
                                    app.proceed(action);
                                } else if app.file_dialog.is_some() {
                                    app.after_save = Some(action);
                                }
                            }));
                            keep = false;
                        }
                        if ui.button("不保存").clicked() {
                            let action = action.clone();
                            then = Some(Box::new(move |app: &mut App| app.proceed(action)));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::TypePath(typed) => {
                    let TypePath { purpose, text, note, focused } = typed;
                    ui.heading(match purpose {
                        Purpose::Open => "按路径打开草稿",
                        Purpose::SaveAs => "按路径保存草稿",
                        Purpose::Export { .. } => "按路径导出年度报告",
                        Purpose::LastYear => "按路径选择上年报告",
                        Purpose::Compare => "按路径选择要对比的草稿",
                        Purpose::Merge => "按路径选择要汇总的草稿（每行一个）",
                        Purpose::Import => "按路径导入已发布的年度报告",
                    });
                    if let Some(note) = note {
                        ui.label(note.as_str());
                    }
                    let l = ui.label("文件路径");
                    let many = *purpose == Purpose::Merge;
                    let edit = if many { egui::TextEdit::multiline(text).desired_rows(5) } else { egui::TextEdit::singleline(text) };
                    let response = ui.add(edit.desired_width(480.0)).labelled_by(l.id);
                    if !*focused {
                        // Focused from the start, so that Ctrl+V pastes a copied path at once.
                        response.request_focus();
                        *focused = true;
                    }
                    let enter = !many && response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let verb = match purpose {
                            Purpose::Open => "打开",
                            Purpose::SaveAs => "保存",
                            Purpose::Export { .. } => "导出",
                            Purpose::LastYear | Purpose::Compare => "选择",
                            Purpose::Merge => "汇总",
                            Purpose::Import => "导入",
                        };
                        if (ui.button(verb).clicked() || enter) && !text.trim().is_empty() {
                            let paths: Vec<PathBuf> =
                                text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect();
                            let purpose = *purpose;
                            let typed = text.clone();
                            then = Some(Box::new(move |app: &mut App| {
                                app.typed = Some((purpose, typed));
                                app.use_chosen_paths(purpose, paths);
                                app.typed = None;
                            }));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::OpenFailed(failed) => {
                    ui.heading("无法打开草稿");
                    ui.label(format!("{}\n\n文件：{}", failed.error, failed.path.display()));
                    ui.label("当前草稿没有改动。");
                    if let Some(backup) = &failed.backup {
                        ui.separator();
                        ui.label(format!("同一文件夹中有此草稿的备份：{}。", backup.describe()));
                    }
                    for r in &failed.recovered {
                        ui.label(format!("有此草稿的自动保存恢复文件（{}）。", r.saved_at_text()));
                    }
                    ui.horizontal(|ui| {
                        if let Some(backup) = &failed.backup {
                            if ui.button("打开备份").clicked() {
                                let path = failed.path.clone();
                                let draft = backup.draft.clone();
                                then = Some(Box::new(move |app: &mut App| app.request(AfterConfirm::Backup(path, Box::new(draft)))));
                                keep = false;
                            }
                        }
                        if let Some(r) = failed.recovered.first() {
                            if ui.button("打开自动保存的版本").clicked() {
                                let r = r.clone();
                                then = Some(Box::new(move |app: &mut App| app.request(AfterConfirm::Restore(Box::new(r)))));
                                keep = false;
                            }
                        }
                        if ui.button("确定").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::ConfirmOverwrite(purpose, path, typed) => {
                    ui.heading("文件已存在");
                    ui.label(format!("{} 已存在。要用{}替换它吗？原文件的内容将被覆盖。", path.display(), match purpose {
                        Purpose::Export(format) => format!("导出的{}", format.label()),
                        _ => "当前草稿".to_string(),
                    }));
                    ui.horizontal(|ui| {
                        if ui.button("替换").clicked() {
                            let (purpose, path, typed) = (*purpose, path.clone(), typed.clone());
                            then = Some(Box::new(move |app: &mut App| {
                                app.typed = typed.map(|t| (purpose, t));
                                app.write_to(purpose, &path);
                                app.typed = None;
                            }));
                            keep = false;
                        }
                        if ui.button("换一个文件名…").clicked() {
                            let (purpose, text) = (*purpose, typed.clone().unwrap_or_else(|| path.display().to_string()));
                            then = Some(Box::new(move |app: &mut App| {
                                app.dialog = Some(Dialog::TypePath(TypePath::new(purpose, text, None)));
                            }));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Message { title, text, offer_save_as } => {
                    ui.heading(title.as_str());
                    ui.label(text.as_str());
                    ui.horizontal(|ui| {
                        if *offer_save_as && ui.button("另存为…").clicked() {
                            then = Some(Box::new(|app: &mut App| app.start_file_dialog(Purpose::SaveAs)));
                            keep = false;
                        }
                        if ui.button("确定").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Convert(conversion, to) => {
                    ui.heading(format!("转换为{}", to.name()));
                    if conversion.dropped.is_empty() {
                        ui.label("所有数据都能转换到新格式。");
                    } else {
                        ui.label(format!("以下 {} 项数据在新格式中没有对应项，转换后将不再保留：", conversion.dropped.len()));
                        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                            for d in &conversion.dropped {
                                ui.label(format!("· {}", d.message()));
                            }
                        });
                    }
                    ui.label(egui::RichText::new("转换可以撤销。").weak());
                    ui.horizontal(|ui| {
                        if ui.button("确定转换").clicked() {
                            let to = *to;
                            then = Some(Box::new(move |app: &mut App| {
                                app.apply(Edit::ConvertFormat(to));
                                app.tell(format!("已转换为{}", to.name()), false);
                            }));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Export(export) => {
                    // A fixed size: the dialog must not move while the preview is made or changes.
                    ui.set_width(880.0);
                    ui.set_min_height(620.0);
                    ui.heading("导出年度报告");
                    ui.horizontal(|ui| {
                        for format in ExportFormat::ALL {
                            ui.radio_value(&mut export.format, format, format.label());
                        }
                        ui.checkbox(&mut export.options.values.blank_as_zero, "空白单元格按 0 输出");
                        if export.format == ExportFormat::Html {
                            ui.checkbox(&mut export.options.fragment, "只导出报告片段（粘贴到网站编辑器）");
                        }
                    });
                    let draft = self.doc.draft();
                    let errors: Vec<&Finding> =
                        self.findings.iter().filter(|f| f.severity == check::Severity::Error).collect();
                    if !errors.is_empty() {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("草稿还有 {} 项勾稽错误（仍可导出，错误不会写入报告）：", errors.len()),
                        );
                        egui::ScrollArea::vertical().id_salt("nianbao-export-errors").max_height(90.0).show(ui, |ui| {
                            for f in errors {
                                ui.colored_label(ui.visuals().error_fg_color, format!("{} {}", f.rule, f.message));
                            }
                        });
                    }
                    if !draft.review.is_empty() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("有 {} 处沿用上年报告的文字，标为“待复核”，尚未复核：", draft.review.len()),
                        );
                        egui::ScrollArea::vertical().id_salt("nianbao-export-review").max_height(70.0).show(ui, |ui| {
                            for field in &draft.review {
                                ui.colored_label(ui.visuals().warn_fg_color, format!("待复核 {}", field.label()));
                            }
                        });
                    }
                    let key = export.key(self.doc.revision());
                    if export.preview.as_ref().is_none_or(|(k, _)| *k != key) {
                        export.preview = Some((key, export_preview(draft, export.format, export.options)));
                    }
                    match export.format {
                        ExportFormat::Docx => ui.label("Word 文档按公文格式排版（A4，标题方正小标宋简体二号，正文仿宋_GB2312三号，表格合并单元格同官方样表）。预览（文字内容）："),
                        ExportFormat::Html => ui.label("网页的表格与官方样表一致，可点“在浏览器中打开”查看排版。预览（文字内容）："),
                        ExportFormat::Text => ui.label("预览（将写入的内容）："),
                    };
                    if let Some((_, preview)) = &export.preview {
                        egui::ScrollArea::both()
                            .id_salt("nianbao-export-preview")
                            .max_height(360.0)
                            .min_scrolled_height(360.0)
                            .show(ui, |ui| {
                            let mut shown = preview.as_str();
                            ui.add(egui::TextEdit::multiline(&mut shown).code_editor().desired_width(860.0))
                                .on_hover_text("导出预览");
                        });
                    }
                    let review: Vec<TextField> = draft.review.iter().copied().collect();
                    ui.horizontal(|ui| {
                        let format = export.format;
                        let choice = export.options;
                        let mut target = None;
                        if ui.button("导出到文件…").clicked() {
                            target = Some(ExportTarget::Dialog);
                        }
                        if ui.button("按路径导出…").clicked() {
                            target = Some(ExportTarget::Typed);
                        }
                        if let Some(t) = target {
                            if review.is_empty() {
                                then = Some(Box::new(move |app: &mut App| app.start_export(format, choice, t)));
                                keep = false;
                            } else {
                                export.confirm = Some(t);
                            }
                        }
                        if format == ExportFormat::Html && ui.button("在浏览器中打开").clicked() {
                            {
                                let page = crate::export::html::export_html(draft, export.options.values, export.options.fragment);
                                let target = std::env::temp_dir().join(format!("nianbao-预览-{}.html", std::process::id()));
                                match draft_file::write_atomically(&target, page.as_bytes()) {
                                    Ok(()) => {
                                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!("file://{}", target.display())));
                                    }
                                    Err(e) => {
                                        let text = e.to_string();
                                        then = Some(Box::new(move |app: &mut App| app.tell(text, true)));
                                    }
                                }
                            }
                        }
                        if ui.button("关闭").clicked() {
                            keep = false;
                        }
                    });
                    if let Some(t) = export.confirm {
                        ui.separator();
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("还有 {} 处沿用上年报告的文字没有复核，导出后将按上年的原文发布。仍然导出吗？", review.len()),
                        );
                        ui.horizontal(|ui| {
                            let (format, choice) = (export.format, export.options);
                            if ui.button("仍然导出").clicked() {
                                then = Some(Box::new(move |app: &mut App| app.start_export(format, choice, t)));
                                keep = false;
                            }
                            if ui.button("返回修改").clicked() {
                                export.confirm = None;
                            }
                        });
                    }
                }
                Dialog::Recover(found) => {
                    ui.heading("恢复未保存的草稿");
                    ui.label("上次退出时有未保存的修改（程序异常退出或断电），已自动保存以下草稿：");
                    let mut restore = None;
                    let mut discard = None;
                    for (i, r) in found.iter().enumerate() {
                        ui.separator();
                        ui.label(format!(
                            "{}（{}）",
                            r.draft.title(),
                            r.source.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "未保存过的新草稿".into())
                        ));
                        ui.label(egui::RichText::new(format!("自动保存于 {}", r.saved_at_text())).weak());
                        ui.horizontal(|ui| {
                            if ui.push_id(i, |ui| ui.button("恢复")).inner.clicked() {
                                restore = Some(i);
                            }
                            if ui.push_id(i, |ui| ui.button("丢弃")).inner.clicked() {
                                discard = Some(i);
                            }
                        });
                    }
                    if let Some(i) = restore {
                        let r = found.remove(i);
                        then = Some(Box::new(move |app: &mut App| app.restore(r)));
                    } else if let Some(i) = discard {
                        let r = found.remove(i);
                        let _ = std::fs::remove_file(&r.file);
                    }
                    if found.is_empty() {
                        keep = false;
                    } else if ui.button("以后再说").clicked() {
                        keep = false;
                    }
                }
                Dialog::ChangedOnDisk(path) => {
                    ui.heading("文件已被其他程序修改");
                    ui.label(format!(
                        "打开之后，{} 已被其他程序修改。直接保存会覆盖那些修改。",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("仍然覆盖保存").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut App| {
                                app.save_to(&path);
                            }));
                            keep = false;
                        }
                        if ui.button("另存为…").clicked() {
                            then = Some(Box::new(|app: &mut App| app.start_file_dialog(Purpose::SaveAs)));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::ImportPaste(text) => {
                    ui.set_width(760.0);
                    ui.heading("导入已发布的年度报告");
                    ui.label("把网页上复制的报告全文，或从 PDF 中复制出的文字，粘贴到下面：");
                    let l = ui.label("报告全文");
                    egui::ScrollArea::vertical().id_salt("nianbao-import-paste").max_height(380.0).show(ui, |ui| {
                        ui.add(egui::TextEdit::multiline(text).desired_rows(16).desired_width(740.0)).labelled_by(l.id);
                    });
                    ui.horizontal(|ui| {
                        if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("导入")).clicked() {
                            let result = crate::import::import_text(text);
                            then = Some(Box::new(move |app: &mut App| app.import_result(result, "粘贴的文本")));
                            keep = false;
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::ImportNotes(notes) => {
                    ui.set_width(760.0);
                    ui.heading("导入说明");
                    ui.label("已按发布原样导入（合计按发布的数字保留，便于检查发布时的错误）。请核对以下说明：");
                    egui::ScrollArea::vertical().id_salt("nianbao-import-notes").max_height(420.0).show(ui, |ui| {
                        for (i, note) in notes.iter().enumerate() {
                            let text = note.to_string();
                            match note.location {
                                Some(location) => {
                                    if ui.push_id(i, |ui| ui.link(text)).inner.on_hover_text("点击定位").clicked() {
                                        then = Some(Box::new(move |app: &mut App| app.go_to(location)));
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        }
                    });
                    if ui.button("确定").clicked() {
                        keep = false;
                    }
                }
                Dialog::Compare(comparison, changed_only) => {
                    ui.set_max_width(900.0);
                    ui.heading("本年与上年对比");
                    ui.label(format!("{} → {}", comparison.old_title, comparison.new_title));
                    for note in &comparison.notes {
                        ui.label(egui::RichText::new(note).weak());
                    }
                    ui.checkbox(changed_only, "只显示有变化的数字");
                    egui::ScrollArea::vertical().id_salt("nianbao-compare").max_height(440.0).show(ui, |ui| {
                        egui::Grid::new("nianbao-compare-grid").striped(true).num_columns(5).show(ui, |ui| {
                            for header in ["项目", &format!("{} 年", comparison.old_year), &format!("{} 年", comparison.new_year), "增减", "增减幅度"] {
                                ui.strong(header);
                            }
                            ui.end_row();
                            for row in comparison.rows.iter().filter(|r| !*changed_only || r.changed()) {
                                ui.label(&row.label);
                                ui.label(row.old.as_ref().map(ToString::to_string).unwrap_or_default());
                                ui.label(row.new.as_ref().map(ToString::to_string).unwrap_or_default());
                                ui.label(row.change_text());
                                ui.label(row.percent_text());
                                ui.end_row();
                            }
                        });
                    });
                    if ui.button("关闭").clicked() {
                        keep = false;
                    }
                }
                Dialog::About => {
                    ui.heading("政府信息公开年报编制（nianbao）");
                    ui.label(format!("版本 {}", env!("CARGO_PKG_VERSION")));
                    ui.label("用于编制《中华人民共和国政府信息公开条例》要求的政府信息公开工作年度报告。");
                    ui.separator();
                    ui.label("许可：本程序 MIT 或 Apache-2.0。");
                    ui.label("内嵌字体：Noto Sans SC（GBK 子集），SIL Open Font License 1.1。");
                    ui.label("界面库：egui / eframe，MIT 或 Apache-2.0。");
                    egui::CollapsingHeader::new("字体许可全文（SIL Open Font License 1.1）").show(ui, |ui| {
                        egui::ScrollArea::vertical().id_salt("nianbao-ofl").max_height(240.0).show(ui, |ui| {
                            ui.label(egui::RichText::new(include_str!("../../assets/fonts/OFL.txt")).small());
                        });
                    });
                    if ui.button("确定").clicked() {
                        keep = false;
                    }
                }
            }
        });
        if keep {
            self.dialog = Some(dialog);
        }
        if let Some(f) = then {
            f(self);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::KEY, &self.settings);
    }
}

/// The year a new draft most likely reports on: last year (reports are written in January–March).
fn default_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // 365.2425 days a year is close enough to pick the year from a timestamp.
    let year = 1970 + (secs as f64 / 31_556_952.0) as i32;
    year - 1
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
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return path;
    }
    let mut name = path.clone().into_os_string();
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
