//! 审核汇总台: the supervisor's review board. Every unit's report of a folder read, checked and
//! summed up in one table: its findings, last year's match (R8, R9), the publication deadline,
//! key figures and ratios, and the roster's 未报, reported twice and not on the roster.
//!
//! Loading runs on the caller's thread and uses the cores through rayon; a window runs it on a
//! worker thread and watches [`Progress`] (done / total, and a cancel flag). A cancelled load
//! still gives a consistent board: the units read so far, with [`Board::complete`] false so that
//! nobody reads its 未报 list as final. One unit is read again with [`Board::reload`] when its
//! file is saved.
//!
//! A window uses it so: an `Arc<Progress>` shared with a worker thread that calls [`review`]
//! (with [`ReviewOptions::threads`] leaving a core to drawing); each frame reads
//! [`Progress::get`] for the bar and sets [`Progress::cancel`] on 取消; the board comes back
//! whole. It shows [`Board::view`] (a [`Filter`] and a [`Column`] to sort by; [`Column::text`]
//! for each cell), a row's [`UnitReport::findings`] and import notes, [`Board::status`] for 未报
//! and 重复; it calls [`Board::reload`] with a unit's path when the editor saved it, and
//! [`Board::merge`] for 汇总. The exports are in [`report`].

pub mod bars;
mod figures;
mod last_year;
mod order;
mod read;
pub mod report;
mod roster;
mod similar;
mod status;
mod total;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::check::{self, Finding, Severity};
use crate::date::Date;
use crate::draft::Draft;
use crate::import::ImportNote;
use crate::profile::Profile;

pub use figures::{KeyFigures, MIN_CASES, Ratio};
pub use last_year::{LastMatch, LastReport, LastYearIndex};
pub use order::{Column, Filter, natural_cmp};
pub use read::collect_files;
pub use roster::{Roster, RosterError};
pub use status::{Issue, Status};
pub use total::BoardMerge;

/// How far a load has come, shared with the thread that shows it. Every field is atomic, so the
/// window reads it each frame without a lock.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files read and checked so far (this year's and last year's).
    pub done: AtomicUsize,
    /// Files to read, known once the folders are listed.
    pub total: AtomicUsize,
    /// Set by the window to stop the load; files not yet begun are left out.
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// (done, total).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

/// What a review reads besides the units' reports.
#[derive(Clone, Debug, Default)]
pub struct ReviewOptions {
    /// The units expected (名单).
    pub roster: Option<Roster>,
    /// Last year's reports (files or folders), matched to units by body name.
    pub last_year: Vec<PathBuf>,
    /// A regional profile: its deadlines, limits and severities.
    pub profile: Option<Profile>,
    /// How many threads read and check; `None` uses every core. A window leaves one core to
    /// drawing (on a 2-core machine, `Some(1)`), so that frames stay short while the board loads.
    pub threads: Option<usize>,
}

/// How a unit's report came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A `.ron` draft.
    Draft,
    /// A published report read by the importer (.docx, web page, PDF, text).
    Imported,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::Draft => "草稿",
            Origin::Imported => "已发布报告（导入）",
        }
    }
}

/// The publication deadline that applies to a unit, and whether its planned date meets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineStatus {
    pub deadline: Option<(Date, String)>,
    pub planned: Option<Date>,
}

impl DeadlineStatus {
    fn of(draft: &Draft, profile: Option<&Profile>) -> DeadlineStatus {
        let deadline = profile.and_then(|p| p.deadline_for(draft)).or_else(|| {
            draft
                .publication_deadline()
                .map(|(d, b)| (d, b.to_string()))
        });
        DeadlineStatus {
            deadline,
            planned: draft.publish_date,
        }
    }

    /// Whether the planned date meets the deadline; `None` when either is unknown.
    pub fn met(&self) -> Option<bool> {
        Some(self.planned? <= self.deadline.as_ref()?.0)
    }

    /// "按时" / "逾期" / "未填计划发布日期" / "无统一时限".
    pub fn verdict(&self) -> &'static str {
        match (&self.deadline, self.planned, self.met()) {
            (None, _, _) => "无统一时限",
            (_, None, _) => "未填计划发布日期",
            (_, _, Some(true)) => "按时",
            _ => "逾期",
        }
    }
}

/// A unit whose report was read.
#[derive(Clone, Debug)]
pub struct UnitReport {
    /// The draft, with last year's figures of the matched report when one was found.
    pub draft: Draft,
    pub origin: Origin,
    /// 导入说明 of a published report; empty for a draft.
    pub notes: Vec<ImportNote>,
    pub findings: Vec<Finding>,
    pub figures: KeyFigures,
    pub deadline: DeadlineStatus,
    pub last_year: LastMatch,
    /// How many of the last [`UnitReport::findings`] compare this unit with the others of the
    /// board (内容雷同 between units); they are made again whenever a unit is read.
    pub peers: usize,
}

impl UnitReport {
    /// (errors, warnings).
    pub fn tally(&self) -> (usize, usize) {
        check::tally(&self.findings)
    }

    /// The body name as the roster and last year's reports are matched on.
    pub fn body(&self) -> &str {
        self.draft.body.trim()
    }
}

/// One row of the board: a file and what came of it.
#[derive(Clone, Debug)]
pub struct Row {
    pub path: PathBuf,
    /// The file as messages name it: its path below the folder given, else its file name.
    pub source: String,
    /// The unit, or why the file could not be read (in Chinese).
    pub unit: Result<Box<UnitReport>, String>,
}

impl Row {
    pub fn report(&self) -> Option<&UnitReport> {
        self.unit.as_deref().ok()
    }

    /// The unit's name: its body, or the file for a file that could not be read or names none.
    pub fn name(&self) -> &str {
        match self.report() {
            Some(u) if !u.body().is_empty() => u.body(),
            _ => &self.source,
        }
    }

    pub fn has_errors(&self) -> bool {
        match &self.unit {
            Ok(u) => u.findings.iter().any(|f| f.severity == Severity::Error),
            Err(_) => true,
        }
    }
}

/// The review board: one row per file, in natural order of the unit names.
#[derive(Clone, Debug, Default)]
pub struct Board {
    pub rows: Vec<Row>,
    pub roster: Option<Roster>,
    /// Last year's reports read, shared with every reload.
    pub last_year: Arc<LastYearIndex>,
    /// Whether last year's reports were asked for (a unit without a match is then said).
    pub last_year_given: bool,
    pub profile: Option<Profile>,
    /// False when the load was cancelled: some files were not read.
    pub complete: bool,
}

/// Reads and checks every report under `paths` (folders recursively), matches last year's
/// reports and the roster, and returns the board in natural order. Progress is counted in files;
/// a cancelled load returns the rows read so far.
pub fn review(paths: &[PathBuf], options: &ReviewOptions, progress: &Progress) -> Board {
    let pool = options.threads.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(|| review_here(paths, options, progress)),
        None => review_here(paths, options, progress),
    }
}

/// [`review`] on the current rayon pool.
fn review_here(paths: &[PathBuf], options: &ReviewOptions, progress: &Progress) -> Board {
    let mut files = read::collect_files(paths);
    // A roster kept in the folder of reports (名单.txt) is not a report.
    if let Some(roster) = &options.roster {
        let roster = roster
            .path
            .canonicalize()
            .unwrap_or_else(|_| roster.path.clone());
        files.retain(|(p, _)| p.canonicalize().map_or(true, |p| p != roster));
    }
    let last_files = read::collect_files(&options.last_year);
    progress
        .total
        .store(files.len() + last_files.len(), Ordering::Relaxed);
    let last_year: Vec<LastReport> = last_files
        .par_iter()
        .filter_map(|(path, source)| {
            if progress.cancelled() {
                return None;
            }
            let found = last_year::read_last(path, source);
            progress.step();
            found
        })
        .collect();
    let mut board = Board {
        rows: Vec::new(),
        roster: options.roster.clone(),
        last_year: Arc::new(LastYearIndex::new(last_year)),
        last_year_given: !options.last_year.is_empty(),
        profile: options.profile.clone(),
        complete: true,
    };
    let rows = files
        .par_iter()
        .filter_map(|(path, source)| {
            if progress.cancelled() {
                return None;
            }
            let row = board.read_row(path, source.clone());
            progress.step();
            Some(row)
        })
        .collect();
    board.rows = rows;
    let (done, total) = progress.get();
    board.complete = done >= total;
    board.sort_natural();
    similar::mark(&mut board.rows, board.profile.as_ref());
    board
}

impl Board {
    /// Reads, checks and matches one file.
    fn read_row(&self, path: &Path, source: String) -> Row {
        let unit = read::read_unit(path).map(|(draft, origin, notes)| {
            let (draft, last_match) =
                last_year::attach(draft, &self.last_year, self.last_year_given);
            let findings = check::check_with(&draft, self.profile.as_ref());
            Box::new(UnitReport {
                figures: KeyFigures::of(&draft),
                deadline: DeadlineStatus::of(&draft, self.profile.as_ref()),
                draft,
                origin,
                notes,
                findings,
                last_year: last_match,
                peers: 0,
            })
        });
        Row {
            path: path.to_path_buf(),
            source,
            unit,
        }
    }

    /// Reads one file again (it was saved, or is new in the folder) and puts its row where it
    /// was, or adds it in natural order. Returns the row's index.
    pub fn reload(&mut self, path: &Path) -> usize {
        let at = match self.rows.iter().position(|r| r.path == path) {
            Some(i) => {
                let source = self.rows[i].source.clone();
                self.rows[i] = self.read_row(path, source);
                i
            }
            None => {
                let source = read::source_name(path, None);
                let row = self.read_row(path, source);
                let at = self
                    .rows
                    .partition_point(|r| natural_cmp(r.name(), row.name()).is_le());
                self.rows.insert(at, row);
                at
            }
        };
        // The unit's text may now read like another's, or no longer.
        similar::mark(&mut self.rows, self.profile.as_ref());
        at
    }

    /// Units in natural order of their names (第2镇 before 第10镇), then by file.
    pub fn sort_natural(&mut self) {
        self.rows.sort_by(|a, b| {
            natural_cmp(a.name(), b.name()).then_with(|| natural_cmp(&a.source, &b.source))
        });
    }

    /// How many files could be read.
    pub fn readable(&self) -> usize {
        self.rows.iter().filter(|r| r.unit.is_ok()).count()
    }

    /// The command line's exit code: 0 when every expected unit reported and none has an error;
    /// 1 when a unit has an error, could not be read, reported twice or has not reported; 2 when
    /// nothing could be read.
    pub fn exit_code(&self) -> u8 {
        if self.readable() == 0 {
            return 2;
        }
        let status = self.status();
        let faulty = self.rows.iter().any(Row::has_errors)
            || !status.missing.is_empty()
            || !status.twice.is_empty();
        u8::from(faulty)
    }
}
