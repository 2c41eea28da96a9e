//! A statistical table laid out like the official one: grouped column headers, row labels with
//! their hierarchy, merged cells, the 勾稽 note in table 三's corner.
//!
//! Only the selected cell is a text field; every other cell is painted, which keeps a frame cheap
//! (a grid of 175 text fields costs about 1–2 ms a frame). The grid never changes the draft: it
//! returns [`GridAction`]s that the app applies as edits, so every change feeds undo.

mod cell;
mod geometry;
mod header;
mod keys;
mod navigation;
mod paste;
mod style;
mod toolbar;

use std::collections::{HashMap, HashSet};

use egui::{Sense, Vec2};

use self::cell::{CellContext, cell_ui};
use self::geometry::BlockGeometry;
use self::header::BlockPaint;
use self::keys::{Rows, keyboard};
use self::navigation::{editable_rows, navigation_rows, position, range};
pub use self::paste::plan_paste;
use self::style::Style;
pub use self::style::total_fill;
pub use self::toolbar::toolbar_ui;
use crate::check::{Finding, Location, RuleId, Severity};
use crate::draft::Draft;
use crate::format::{BlockDef, CellDef, CellKey, CellKind, TableDef, TableId};
use crate::totals;
use crate::value::Value;

/// What the clerk did in a grid, for the app to apply.
#[derive(Debug)]
pub enum GridAction {
    /// Typed into a cell: one edit that merges with further typing in the same cell.
    Set(CellKey, Option<Value>),
    /// A block pasted from Excel or WPS: one edit.
    Paste(Vec<(CellKey, Option<Value>)>),
    /// Delete on the selected cells: they become blank, in one edit.
    Clear(Vec<(CellKey, Option<Value>)>),
    /// 采用计算值.
    AcceptComputed(CellKey),
    /// 全部采用计算值 for the table.
    AcceptAllComputed(TableId),
    /// 空白填0.
    FillZero(TableId),
    /// The selection moved: typing in the next cell starts a new undo step.
    EndTyping,
    /// Something to tell the clerk (a refused paste).
    Notice(String),
}

/// How the selected cell takes keys, as in Excel and WPS.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Selected: the keys move the selection; typing replaces the value.
    #[default]
    Selected,
    /// A new value being typed: the arrows, Tab and Enter keep it and move on.
    Entering,
    /// F2 or a double click: the arrows move the caret within the value.
    Editing,
}

/// The grid's own state: which cell is selected and what is being typed into it.
#[derive(Default)]
pub struct GridState {
    pub selected: Option<CellKey>,
    /// The other corner of a selected range (Shift+click, Shift+arrows).
    anchor: Option<CellKey>,
    mode: Mode,
    /// An input method is composing: its keys are its own.
    composing: bool,
    /// The caret or selection of the cell's field must be set (all of the value when selected,
    /// the end when editing).
    caret_pending: bool,
    /// The cell last selected by a click, and when: a second click on it soon after edits it.
    last_click: Option<(CellKey, f64)>,
    /// The text of the selected cell's field.
    buffer: String,
    /// The draft revision the buffer was last in step with.
    synced_revision: Option<u64>,
    /// Cells whose last typed text was not a value of their type: the text and the reason. The
    /// draft keeps the value the cell had before the edit began meanwhile.
    invalid: HashMap<CellKey, (String, String)>,
    /// Counts changes to `invalid`, so that the app knows when its findings list is stale.
    invalid_version: u64,
    /// The selected cell's value when its edit began: what totals and rules use while the typed
    /// text is not a valid value (a half-typed "1o" must not count as 1).
    original: Option<(CellKey, Option<Value>)>,
    /// Stated totals the clerk chose to keep (保留): no more prompt for them.
    kept: HashSet<CellKey>,
    /// Set when a cell must take keyboard focus (a click, a move, a click on a finding).
    focus_pending: bool,
    /// Set when the focused cell must also scroll into view (a move, a click on a finding).
    scroll_pending: bool,
}

impl GridState {
    /// Selects a cell and brings it into view with focus (used by the findings panel).
    pub fn focus_cell(&mut self, key: CellKey) {
        self.selected = Some(key);
        self.synced_revision = None;
        self.focus_pending = true;
        self.scroll_pending = true;
    }

    /// Tells the grid that the draft now matches what it typed (after the app applied its edit).
    pub fn synced(&mut self, revision: u64) {
        self.synced_revision = Some(revision);
    }

    /// How the selected cell takes keys.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The selected range, row by row: the selected cell alone when there is no range.
    fn range(&self, all: &[Vec<CellKey>]) -> Vec<Vec<CellKey>> {
        match (self.anchor, self.selected) {
            (Some(anchor), Some(key)) => range(all, anchor, key),
            (None, Some(key)) => vec![vec![key]],
            _ => Vec::new(),
        }
    }

    /// Whether a cell shows a typing error.
    pub fn invalid_text(&self, key: CellKey) -> Option<&(String, String)> {
        self.invalid.get(&key)
    }

    /// Whether a finding is one of the grid's own typing errors (not the checker's).
    pub fn is_typing_finding(&self, f: &Finding) -> bool {
        matches!(f.location, Location::Cell(key) if self.invalid.contains_key(&key))
            && f.rule == RuleId::R4
            && f.severity == Severity::Error
    }

    /// Changes whenever a cell's typing error appears or goes.
    pub fn invalid_version(&self) -> u64 {
        self.invalid_version
    }

    /// Each cell whose typed text is not a valid value, as an error of its own (R4: a cell
    /// holds a value of its type), so that it is listed, counted and clickable like any finding.
    pub fn invalid_findings(&self, draft: &Draft) -> Vec<Finding> {
        let def = draft.format.def();
        let mut out: Vec<Finding> = self
            .invalid
            .iter()
            .filter_map(|(key, (text, reason))| {
                let cell = def.cell_by_key(*key)?;
                let before = (draft.value(*key))
                    .map(|v| format!("原来的值（{v}）"))
                    .unwrap_or_else(|| "空白".into());
                // The reason names what was typed ("“1o”不是数字…"); say it once.
                let reason = if reason.contains(text.as_str()) {
                    reason.clone()
                } else {
                    format!("填写的“{text}”无效：{reason}")
                };
                Some(Finding {
                    rule: RuleId::R4,
                    severity: Severity::Error,
                    message: format!(
                        "{}：{reason}。合计和检查仍按{before}计算，请改正",
                        cell.describe()
                    ),
                    location: Location::Cell(*key),
                })
            })
            .collect();
        out.sort_by_key(|f| f.location);
        out
    }

    fn set_invalid(&mut self, key: CellKey, entry: Option<(String, String)>) {
        let changed = match entry {
            Some(entry) => self.invalid.insert(key, entry.clone()) != Some(entry),
            None => self.invalid.remove(&key).is_some(),
        };
        if changed {
            self.invalid_version += 1;
        }
    }
}

/// The id of a table's cell editor (the one text field of the grid).
pub fn editor_id(table: TableId) -> egui::Id {
    egui::Id::unique(("nianbao-cell-edit", table))
}

/// Whether a focused widget is a grid's cell editor.
pub fn is_cell_editor(id: egui::Id) -> bool {
    [TableId::T2, TableId::T3, TableId::T4]
        .into_iter()
        .any(|t| editor_id(t) == id)
}

/// Whether the clerk may type into a cell. A total is computed from its parts and is never
/// entered in a draft the clerk writes; only a total stated in an imported published report is
/// kept (and stays editable there, so that it can be corrected to what was published).
pub fn is_editable(draft: &Draft, cell: &CellDef) -> bool {
    cell.kind() != CellKind::Total || draft.value(cell.key()).is_some()
}

fn select(state: &mut GridState, key: CellKey) {
    state.selected = Some(key);
    state.synced_revision = None;
    state.focus_pending = true;
    state.scroll_pending = true;
    state.mode = Mode::Selected;
    state.anchor = None;
    state.caret_pending = true;
}

/// Draws a table and handles the keyboard and the clipboard for it.
pub fn table_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    revision: u64,
    table_id: TableId,
    findings: &HashMap<CellKey, Vec<&Finding>>,
    state: &mut GridState,
    fit_width: f32,
) -> Vec<GridAction> {
    let table = draft.format.def().table(table_id);
    let mut actions = Vec::new();
    let nav = navigation_rows(table);
    if state
        .selected
        .is_some_and(|k| k.table != table_id || position(&nav, k).is_none())
    {
        state.selected = None;
    }
    let edit_id = editor_id(table_id);
    // Keys the grid takes from the cell's text field. Nothing is taken while no cell has the
    // keyboard, so text fields elsewhere keep their keys.
    if ui.memory(|m| m.has_focus(edit_id)) {
        let editable = editable_rows(&nav, draft);
        let rows = Rows {
            all: &nav,
            editable: &editable,
        };
        keyboard(ui, (draft, table), &rows, edit_id, state, &mut actions);
    }

    if let Some(key) = state.selected
        && state.synced_revision != Some(revision)
    {
        state.buffer = draft
            .value(key)
            .map(ToString::to_string)
            .unwrap_or_default();
        state.synced_revision = Some(revision);
        state.original = Some((key, draft.value(key).cloned()));
        if let Some((text, _)) = state.invalid.get(&key) {
            state.buffer = text.clone();
        }
    }

    let totals_now = totals::computed_totals(draft, table);
    let style = Style::of(ui.visuals());
    let in_range: HashSet<CellKey> = match state.anchor {
        Some(_) => state.range(&nav).into_iter().flatten().collect(),
        None => HashSet::new(),
    };
    for block in table.blocks {
        let painter = ui.painter().clone();
        let cx = CellContext {
            draft,
            totals_now: &totals_now,
            findings,
            edit_id,
            style: &style,
            painter: &painter,
            in_range: &in_range,
            fit_width,
        };
        block_ui(ui, &cx, (table, block), state, &mut actions);
        ui.add_space(6.0);
    }
    actions
}

/// One block of a table: its caption, header, row labels and cells; the header stays in view
/// while the rows scroll under it.
fn block_ui(
    ui: &mut egui::Ui,
    cx: &CellContext<'_>,
    (table, block): (&'static TableDef, &'static BlockDef),
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    let geometry = BlockGeometry::new(ui, (table, block), &cx.style.font, cx.fit_width);
    let size = Vec2::new(geometry.width, geometry.height);
    let (outer, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(outer.expand(1.0));
    let paint = BlockPaint {
        table,
        block,
        geometry: &geometry,
        style: cx.style,
        origin: outer.min,
    };
    paint.caption(&painter);
    paint.header(&painter, geometry.header_top);
    paint.row_labels(&painter);
    let cx = CellContext {
        painter: &painter,
        ..*cx
    };
    for (ri, row) in block.rows.iter().enumerate() {
        for (ci, col) in block.columns.iter().enumerate() {
            if let Some(cell) = table.cell(row.id, col.id) {
                let rect = geometry.value_rect(outer.min, ri, ci);
                cell_ui(ui, &cx, (&cell, rect), state, actions);
            }
        }
    }
    let first_row = block.rows.first().map(|r| r.id);
    let id = egui::Id::unique(("nianbao-frozen-header", table.id, first_row));
    paint.freeze_header(ui, outer, id);
}
