//! 审核汇总台 in the window: the review board as a view of the central area. This module holds
//! the board's state and its loading on a worker thread; `table.rs` draws the units' table,
//! `chart.rs` the same units as bars of one figure (表格 / 图表), `detail.rs` the selected unit's
//! findings. Drawing returns [`Action`]s; the app does what
//! touches files and the open draft (`app/board.rs`).

mod chart;
mod detail;
mod table;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::gui::file_dialog::IssueListFormat;
use crate::review::{self, Board, Column, Filter, Progress, ReviewOptions, Roster};

/// What the clerk asked of the board; the app carries it out.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// 在编辑器中打开 this unit's draft.
    Open(PathBuf),
    /// Back to the draft in the editor; the board stays to return to.
    Leave,
    PickRoster,
    PickLastYear,
    /// Read the folder again with the same options.
    Reload,
    ExportIssues(IssueListFormat),
    Returns,
    IssueDrafts,
    /// 汇总 of the units shown; `true` leaves out those with errors.
    Merge(bool),
}

/// The quick filters above the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Quick {
    #[default]
    All,
    WithErrors,
    WithFindings,
    Clean,
    Unreadable,
}

impl Quick {
    pub const ALL: [Quick; 5] = [
        Quick::All,
        Quick::WithErrors,
        Quick::WithFindings,
        Quick::Clean,
        Quick::Unreadable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Quick::All => "全部",
            Quick::WithErrors => "只看有错误的",
            Quick::WithFindings => "只看有问题的",
            Quick::Clean => "只看无错误的",
            Quick::Unreadable => "只看无法读取的",
        }
    }

    fn filter(self) -> Filter {
        match self {
            Quick::All => Filter::All,
            Quick::WithErrors => Filter::WithErrors,
            Quick::WithFindings => Filter::WithFindings,
            Quick::Clean => Filter::Clean,
            Quick::Unreadable => Filter::Unreadable,
        }
    }
}

/// A load under way on its worker thread.
struct Loading {
    progress: Arc<Progress>,
    receiver: Receiver<Board>,
}

/// The board in the window: what was read, how it is shown, and a load under way.
pub struct BoardView {
    pub folder: PathBuf,
    pub roster: Option<PathBuf>,
    pub last_year: Option<PathBuf>,
    pub board: Option<Board>,
    /// The board's 未报 / 重复 / 不在名单, worked out when the board changes rather than each
    /// frame: it compares every row with the roster.
    status: crate::review::Status,
    loading: Option<Loading>,
    pub quick: Quick,
    /// Words the unit or file must contain.
    pub words: String,
    /// The column sorted by and whether descending; `None` is the natural order.
    pub sort: Option<(Column, bool)>,
    /// The selected row (an index into the board's rows, which a sort leaves in place).
    pub selected: Option<usize>,
    /// Why the roster could not be read, shown above the table.
    pub roster_error: Option<String>,
    /// 图表 instead of 表格: the units shown as bars of [`BoardView::measure`].
    pub chart: bool,
    /// The figure or ratio the chart shows (one of [`review::bars::MEASURES`]).
    pub measure: Column,
}

impl BoardView {
    pub fn new(folder: PathBuf) -> BoardView {
        BoardView {
            folder,
            roster: None,
            last_year: None,
            board: None,
            status: Default::default(),
            loading: None,
            quick: Quick::All,
            words: String::new(),
            sort: None,
            selected: None,
            roster_error: None,
            chart: false,
            measure: Column::New,
        }
    }

    /// Starts reading the folder on a worker thread; a load under way is cancelled first. The
    /// worker leaves a core to the window on a small machine, so that frames stay short.
    pub fn start(&mut self, ctx: &egui::Context, profile: Option<crate::profile::Profile>) {
        self.cancel();
        self.roster_error = None;
        let roster = match &self.roster {
            None => None,
            Some(path) => match Roster::load(path) {
                Ok(r) => Some(r),
                Err(e) => {
                    self.roster_error = Some(format!("未能读取单位名单：{e}"));
                    None
                }
            },
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let options = ReviewOptions {
            roster,
            last_year: self.last_year.iter().cloned().collect(),
            profile,
            threads: Some(cores.saturating_sub(1).max(1)),
        };
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let paths = vec![self.folder.clone()];
        let shared = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let board = review::review(&paths, &options, &shared);
            // A window that went away meanwhile needs no board.
            sender.send(board).ok();
            ctx.request_repaint();
        });
        self.loading = Some(Loading { progress, receiver });
    }

    /// 取消: the worker stops at the next file and sends the rows read so far.
    pub fn cancel(&mut self) {
        if let Some(l) = &self.loading {
            l.progress.cancel.store(true, Ordering::Relaxed);
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// (done, total) of the load under way.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().map(|l| l.progress.get())
    }

    /// Takes the board once the worker is done; while it works, asks for the next frame soon so
    /// that the progress bar moves.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else {
            return;
        };
        match loading.receiver.try_recv() {
            Ok(board) => {
                self.status = board.status();
                self.board = Some(board);
                self.selected = None;
                self.loading = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(50));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.loading = None,
        }
    }

    /// Waits for the load under way (tests, which have no clock to wait by).
    pub fn wait(&mut self) {
        if let Some(loading) = self.loading.take()
            && let Ok(board) = loading.receiver.recv()
        {
            self.status = board.status();
            self.board = Some(board);
            self.selected = None;
        }
    }

    /// The rows shown, in the order shown.
    pub fn shown(&self) -> Vec<usize> {
        let Some(board) = &self.board else {
            return Vec::new();
        };
        let mut shown = board.view(&self.quick.filter(), self.sort);
        let words = self.words.trim();
        if !words.is_empty() {
            shown.retain(|&i| {
                let row = &board.rows[i];
                row.name().contains(words) || row.source.contains(words)
            });
        }
        shown
    }

    /// Reads a unit's file again (it was saved in the editor); `true` if it is on the board.
    pub fn reload(&mut self, path: &std::path::Path) -> bool {
        let Some(board) = &mut self.board else {
            return false;
        };
        let same = |p: &std::path::Path| {
            p == path || p.canonicalize().ok() == path.canonicalize().ok() && p.exists()
        };
        match board.rows.iter().position(|r| same(&r.path)) {
            Some(i) => {
                let at = board.rows[i].path.clone();
                board.reload(&at);
                self.status = board.status();
                true
            }
            None => false,
        }
    }

    /// Draws the board; returns what the clerk asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = self.top_ui(ui);
        if let Some((done, total)) = self.progress() {
            ui.horizontal(|ui| {
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                let text = format!("正在读取并审核 {done} / {total} 份报告……");
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(text)
                        .desired_width(360.0),
                );
                if ui.button("取消").clicked() {
                    self.cancel();
                }
            });
            ui.ctx().request_repaint_after(Duration::from_millis(50));
        }
        if self.board.is_none() {
            return action;
        }
        self.status_ui(ui);
        self.filters_ui(ui);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.chart, false, "表格");
            ui.selectable_value(&mut self.chart, true, "图表");
        });
        let detail_height = if self.selected.is_some() { 220.0 } else { 0.0 };
        let table_height = (ui.available_height() - detail_height).max(120.0);
        if self.chart {
            self.chart_ui(ui, table_height);
        } else if let Some(a) = self.table_ui(ui, table_height) {
            action = Some(a);
        }
        if let Some(a) = self.detail_ui(ui) {
            action = Some(a);
        }
        action
    }

    /// The heading, the folder and the board's buttons.
    fn top_ui(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading("审核汇总台");
            if ui.button("返回编辑器").clicked() {
                action = Some(Action::Leave);
            }
        });
        ui.label(format!("报告文件夹：{}", self.folder.display()));
        let idle = !self.is_loading();
        ui.horizontal_wrapped(|ui| {
            let roster = match &self.roster {
                Some(p) => format!("单位名单：{}", p.display()),
                None => "单位名单：未选择".into(),
            };
            ui.label(roster);
            if ui
                .add_enabled(idle, egui::Button::new("选择名单…"))
                .clicked()
            {
                action = Some(Action::PickRoster);
            }
            ui.separator();
            let last = match &self.last_year {
                Some(p) => format!("上年报告：{}", p.display()),
                None => "上年报告：未选择".into(),
            };
            ui.label(last);
            if ui
                .add_enabled(idle, egui::Button::new("选择上年报告文件夹…"))
                .clicked()
            {
                action = Some(Action::PickLastYear);
            }
            ui.separator();
            if ui
                .add_enabled(idle, egui::Button::new("重新读取"))
                .clicked()
            {
                action = Some(Action::Reload);
            }
        });
        let ready = idle && self.board.is_some();
        ui.horizontal_wrapped(|ui| {
            ui.add_enabled_ui(ready, |ui| {
                ui.menu_button("导出问题清单", |ui| {
                    for format in [
                        IssueListFormat::Html,
                        IssueListFormat::Xlsx,
                        IssueListFormat::Json,
                    ] {
                        let label = format!("{}（.{}）…", format.label(), format.extension());
                        if ui.button(label).clicked() {
                            action = Some(Action::ExportIssues(format));
                        }
                    }
                });
                if ui.button("生成退回意见…").clicked() {
                    action = Some(Action::Returns);
                }
                if ui.button("下发空白草稿…").clicked() {
                    action = Some(Action::IssueDrafts);
                }
                ui.menu_button("汇总", |ui| {
                    if ui.button("汇总所列全部单位").clicked() {
                        action = Some(Action::Merge(false));
                    }
                    if ui.button("只汇总无错误的单位").clicked() {
                        action = Some(Action::Merge(true));
                    }
                });
            });
        });
        action
    }
}
