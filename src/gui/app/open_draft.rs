//! Everything that belongs to the draft in the window: the document with its undo history, its
//! file, the findings, the grid's and forms' view state, autosave's progress. Another draft
//! coming in replaces it whole, so that nothing of the previous one lingers (a reset field
//! forgotten in one of several places once left the previous draft's findings on screen).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::address::Location;
use crate::check::{self, Finding};
use crate::diagnose::Diagnosis;
use crate::document::Document;
use crate::draft_file::FileStamp;
use crate::gui::charts_view::ChartsView;
use crate::gui::forms::FormState;
use crate::gui::grid::GridState;

/// Numbers each open draft, so that view state keyed by it (scroll positions) starts afresh.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

pub struct OpenDraft {
    /// Unique to this open draft in this session.
    pub id: u64,
    pub doc: Document,
    pub path: Option<PathBuf>,
    /// The file as it was when opened or saved (to notice another program's changes).
    pub stamp: Option<FileStamp>,
    pub findings: Vec<Finding>,
    /// The likely causes of findings, each with a repair the clerk may accept.
    pub diagnoses: Vec<Diagnosis>,
    /// The revision the diagnoses were made for.
    diagnosed: Option<u64>,
    /// The revision the draft came in with: a draft just opened is diagnosed at once.
    opened_revision: u64,
    /// The (revision, grid typing errors) the findings were computed for.
    checked: Option<(u64, u64)>,
    pub grid: GridState,
    pub forms: FormState,
    /// The 图表 view: its charts are of this draft.
    pub charts: ChartsView,
    /// A field to focus (from a click on a finding), taken by the field when drawn.
    pub focus: Option<Location>,
    /// The revision last written to the recovery file.
    pub autosaved_revision: Option<u64>,
    /// When the draft last changed, and its revision then: autosave waits for a pause.
    pub last_change: (u64, Instant),
}

impl OpenDraft {
    pub fn new(doc: Document, path: Option<PathBuf>) -> OpenDraft {
        let stamp = path.as_deref().and_then(FileStamp::of);
        let revision = doc.revision();
        OpenDraft {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            last_change: (doc.revision(), Instant::now()),
            doc,
            path,
            stamp,
            findings: Vec::new(),
            diagnoses: Vec::new(),
            diagnosed: None,
            opened_revision: revision,
            checked: None,
            grid: GridState::default(),
            forms: FormState::default(),
            charts: ChartsView::default(),
            focus: None,
            autosaved_revision: None,
        }
    }

    /// The checker's findings and the grid's typing errors, recomputed when either changed.
    /// Makes the next [`OpenDraft::refresh_findings`] check again (the rules changed), and the
    /// likely causes be looked for again among the new findings.
    pub fn recheck(&mut self) {
        self.checked = None;
        self.diagnosed = None;
    }

    /// With a regional profile, its rules and severities apply too.
    pub fn refresh_findings(&mut self, profile: Option<&crate::profile::Profile>) {
        let now = (self.doc.revision(), self.grid.invalid_version());
        if self.checked != Some(now) {
            let draft = self.doc.draft();
            let mut findings = check::check_with(draft, profile);
            findings.extend(self.grid.invalid_findings(draft));
            self.findings = findings;
            self.checked = Some(now);
        }
    }

    /// Notes the time the draft's revision last changed.
    pub fn note_change(&mut self) {
        let revision = self.doc.revision();
        if self.last_change.0 != revision {
            self.last_change = (revision, Instant::now());
        }
    }

    /// The likely causes of the current findings, once the draft has rested for `pause`: looking
    /// for them tries each repair on a copy of the draft, too slow for every keystroke, and a
    /// cause is of no use while the clerk is still typing. Returns how long to wait when it is
    /// not time yet.
    pub fn refresh_diagnoses(&mut self, pause: Duration) -> Option<Duration> {
        let revision = self.doc.revision();
        if self.diagnosed == Some(revision) {
            return None;
        }
        // A cause found for an earlier state is never shown: its repair would be wrong now.
        self.diagnoses.clear();
        let waited = self.last_change.1.elapsed();
        let edited = revision != self.opened_revision;
        if edited && self.last_change.0 == revision && waited < pause {
            return Some(pause - waited);
        }
        let checks: Vec<Finding> = (self.findings.iter())
            .filter(|f| !self.grid.is_typing_finding(f))
            .cloned()
            .collect();
        self.diagnoses = crate::diagnose::diagnose(self.doc.draft(), &checks);
        self.diagnosed = Some(revision);
        None
    }

    /// "城关镇2025.ron", or 未命名 for a draft never saved.
    pub fn file_name(&self) -> String {
        (self.path.as_ref())
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "未命名".into())
    }
}

/// A draft read from its file, with its findings and their likely causes: made on another thread
/// while the window and its OpenGL context are created (a tenth of a second in which the
/// program otherwise waits), so that the first frame has nothing left to compute.
pub struct Prepared {
    pub path: PathBuf,
    /// The draft opened and checked as the first frame would (without a regional profile), with
    /// its file's format version; or why it could not be read.
    pub opened: Result<(OpenDraft, u32), crate::draft_file::LoadError>,
}

impl Prepared {
    pub fn read(path: PathBuf) -> Prepared {
        let opened = crate::draft_file::load_versioned(&path).map(|(draft, version)| {
            let mut open = OpenDraft::new(Document::new(draft), Some(path.clone()));
            open.refresh_findings(None);
            // A draft just opened is diagnosed at once: no pause to wait for.
            open.refresh_diagnoses(Duration::ZERO);
            (open, version)
        });
        Prepared { path, opened }
    }
}
