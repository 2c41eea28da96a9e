//! The window: one [`App`] holding the open draft ([`OpenDraft`]), the dialog on top and what the
//! window remembers. Each responsibility has its own file:
//!
//! - `lifecycle`: drafts coming in and going (open, new, import, next year, merge, restore) and
//!   the unsaved-changes guard in front of them;
//! - `files`: system file dialogs, typed paths, saving and exporting, and what may be written;
//! - `autosave`: the recovery file, closing the window, files dropped on it;
//! - `run`: the command table's commands, run from menus, keys and the palette;
//! - `menus`, `panels`, `central`: the menu bar; status bar, parts list and findings; the form
//!   or grid of the selected part;
//! - `dialogs`: the dialog on top, and what each outcome does;
//! - `board`: 审核汇总台 — its folders, its actions, and a saved unit's row read again.

mod autosave;
mod board;
mod central;
mod dialogs;
mod files;
mod lifecycle;
mod menus;
mod open_draft;
mod panels;
mod run;
mod section;

use std::path::{Path, PathBuf};

pub use section::Section;

use self::lifecycle::Pending;
use self::open_draft::OpenDraft;
pub(crate) use self::open_draft::Prepared;
use super::dialogs::Dialog;
use super::file_dialog::{self, DialogBackend, Purpose};
use super::findings_panel::FindingsView;
use super::grid::GridState;
use super::settings::{self, Settings};
use crate::address::Location;
use crate::check::Finding;
use crate::document::Document;
use crate::draft::{Draft, Level};
use crate::export::{ExportFormat, ExportOptions};

/// The application.
pub struct App {
    open: OpenDraft,
    section: Section,
    dialog: Option<Dialog<Pending>>,
    /// An input method is composing in a field of the dialog: Escape is its own then.
    dialog_composing: bool,
    file_dialog: Option<file_dialog::Pending>,
    /// What to do once a 另存为 started from the unsaved-changes question has saved.
    after_save: Option<Pending>,
    /// A path typed into the path dialog, kept so that a failed save or export asks again with
    /// the text the clerk typed, instead of losing it.
    typed: Option<(Purpose, String)>,
    backend: DialogBackend,
    settings: Settings,
    /// The regional profile (地方要求) in use and its file (设置 → 地方要求).
    profile: Option<(PathBuf, crate::profile::Profile)>,
    /// A line for the status bar; `true` for an error.
    notice: Option<(String, bool)>,
    /// The (open draft, revision) the notice was given at: once the draft changes the notice is
    /// stale and no longer shown (a "已撤销" must not outlive the next edit).
    notice_said_at: (u64, u64),
    findings_view: FindingsView,
    window_title: String,
    close_confirmed: bool,
    close_sent: bool,
    /// The format and options of the last export: the next one starts from them.
    export_format: ExportFormat,
    export_choice: ExportOptions,
    /// This session's recovery file; `None` turns autosave off.
    autosave: Option<crate::recovery::Autosave>,
    /// How long after the last change the recovery file is written.
    autosave_delay: std::time::Duration,
    /// The window's context, for dialog threads to wake it when they end.
    ctx: egui::Context,
    /// Start-up timing, reported once the first frame is drawn (`NIANBAO_STARTUP_TIMING`).
    startup: Option<super::startup::Startup>,
    /// 审核汇总台: kept while the clerk edits a unit, to come back to.
    board: Option<super::board::BoardView>,
    /// Whether the board, rather than the draft, fills the central area.
    board_shown: bool,
}

/// How long the draft rests before the likely causes of its findings are looked for.
const DIAGNOSIS_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);

impl App {
    pub fn new(settings: Settings, backend: DialogBackend) -> App {
        let draft = Draft::new("", Level::Department, lifecycle::default_year());
        // The profile remembered in the settings; one that no longer reads is dropped, and
        // the status bar says why.
        let (profile, notice) = match settings.profile.as_deref() {
            None => (None, None),
            Some(path) => match crate::profile::Profile::load(path) {
                Ok(p) => (Some((path.to_path_buf(), p)), None),
                Err(e) => (None, Some((format!("未能载入地方要求：{e}"), true))),
            },
        };
        App {
            profile,
            open: OpenDraft::new(Document::new(draft), None),
            section: Section::Basic,
            dialog: None,
            dialog_composing: false,
            file_dialog: None,
            after_save: None,
            typed: None,
            backend,
            settings,
            notice,
            notice_said_at: (0, 0),
            findings_view: FindingsView::default(),
            window_title: String::new(),
            close_confirmed: false,
            close_sent: false,
            export_format: ExportFormat::Html,
            export_choice: ExportOptions::default(),
            autosave: None,
            autosave_delay: std::time::Duration::from_millis(1500),
            ctx: egui::Context::default(),
            startup: None,
            board: None,
            board_shown: false,
        }
    }

    /// Turns on autosave to a recovery file in `dir`, and offers any recovery files found there
    /// (from a session that crashed or was killed).
    pub fn with_recovery(mut self, dir: &Path, delay: std::time::Duration) -> App {
        let found = crate::recovery::find_in(dir).unwrap_or_default();
        self.autosave = Some(crate::recovery::Autosave::new_in(dir));
        self.autosave_delay = delay;
        if !found.is_empty() {
            self.dialog = Some(Dialog::Recover(super::dialogs::recover::Recover { found }));
        }
        self
    }

    /// The recovery file of this session, if autosave is on.
    pub fn autosave_path(&self) -> Option<&Path> {
        self.autosave.as_ref().map(|a| a.path())
    }

    pub fn document(&self) -> &Document {
        &self.open.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.open.path.as_deref()
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
        &self.open.findings
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// Shows or hides the 图表 view (视图 → 显示 / 隐藏图表).
    pub fn set_show_charts(&mut self, show: bool) {
        self.settings.show_charts = show;
    }

    /// The 图表 view's charts and trend (made while the view is shown).
    pub fn charts(&self) -> &super::charts_view::ChartsView {
        &self.open.charts
    }

    pub fn grid_state(&self) -> &GridState {
        &self.open.grid
    }

    /// Whether closing was confirmed (or nothing needed confirming).
    pub fn close_confirmed(&self) -> bool {
        self.close_confirmed
    }

    /// Zoom and theme from the settings. Zooming by keyboard goes through the command table.
    pub fn apply_view_settings(&self, ctx: &egui::Context) {
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// Reports where the start-up time went once the first frame is drawn.
    pub(super) fn time_first_frame(&mut self, startup: super::startup::Startup) {
        self.startup = Some(startup);
    }

    /// Puts a line in the status bar, until the draft next changes.
    fn tell(&mut self, text: String, error: bool) {
        self.notice = Some((text, error));
        self.notice_said_at = (self.open.id, self.open.doc.revision());
    }

    /// Brings a cell or field into view and focuses it, as a click on a finding does.
    pub fn go_to(&mut self, location: Location) {
        self.section = Section::of(location);
        match location {
            Location::Cell(key) => self.open.grid.focus_cell(key),
            other => self.open.focus = Some(other),
        }
    }

    fn title_text(&self) -> String {
        let draft = self.open.doc.draft();
        let body = match draft.body.trim() {
            "" => "（未填机关名称）",
            body => body,
        };
        let dirty = if self.open.doc.is_dirty() { "● " } else { "" };
        format!(
            "{dirty}{body} {} 年度 — {} — 政府信息公开年报编制",
            draft.year,
            self.open.file_name()
        )
    }

    /// Draws the whole window. eframe calls this every frame; tests call it through kittest.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = ctx.clone();
        self.settings.zoom = ctx.zoom_factor();
        self.open
            .refresh_findings(self.profile.as_ref().map(|(_, p)| p));
        // When the draft last changed: autosave and diagnosing both wait for a pause after it.
        self.open.note_change();
        if let Some(wait) = self.open.refresh_diagnoses(DIAGNOSIS_PAUSE) {
            ctx.request_repaint_after(wait);
        }
        if let Some(s) = &mut self.startup {
            s.mark("egui's first pass begun (fonts set up), findings ready");
        }
        let now = (self.open.id, self.open.doc.revision());
        if self.notice.is_some() && self.notice_said_at != now {
            self.notice = None;
        }
        self.poll_file_dialog(&ctx);
        self.handle_close(&ctx);
        self.autosave_tick(&ctx);
        self.handle_dropped_files(&ctx);
        self.shortcuts(&ctx);

        let title = self.title_text();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        self.panels_ui(ui);
        self.dialog_ui(&ctx);
        if self.close_confirmed && !self.close_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.close_sent = true;
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // The second frame begins once the first was painted and shown: that ends the start.
        if let Some(s) = self.startup.as_mut().filter(|s| s.frames() == 1) {
            s.mark_drawn("first frame drawn (OpenGL finished)");
            s.mark("first frame shown, next frame begins");
            eprint!("{}", s.report());
            self.startup = None;
        }
        self.show(ui);
        if let Some(s) = &mut self.startup {
            s.mark("first frame laid out");
            s.frame_done();
            let layer = egui::LayerId::new(egui::Order::Debug, egui::Id::unique("nianbao-startup"));
            ui.ctx().layer_painter(layer).add(s.draw_marker());
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::KEY, &self.settings);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .map_or(FONT_ATLAS_SIDE, |side| side.min(FONT_ATLAS_SIDE)),
        );
    }
}

/// The widest texture egui may make. Its font atlas is as wide as the driver allows (16384
/// pixels with Mesa's software renderer) and the whole of it is filled and sent to OpenGL in
/// the first frame; the window shows no images, and this width holds thousands of glyphs.
const FONT_ATLAS_SIDE: usize = 2048;
