//! A statistical table laid out like the official one: grouped column headers, row labels with
//! their hierarchy, merged cells, the 勾稽 note in table 三's corner.
//!
//! Only the selected cell is a text field; every other cell is painted, which keeps a frame cheap
//! (a grid of 175 text fields costs about 1–2 ms a frame). The grid never changes the draft: it
//! returns [`GridAction`]s that the app applies as edits, so every change feeds undo.

use std::collections::{HashMap, HashSet};

use egui::{Align2, Color32, FontId, Key, Rect, Role, Sense, Stroke, Vec2, WidgetInfo};

use super::commands::Command;
use crate::check::{Finding, Location, RuleId, Severity};
use crate::draft::Draft;
use crate::format::{BlockDef, CellDef, CellKey, CellKind, TableDef, TableId, merge_paths};
use crate::totals;
use crate::value::{Value, parse_cell};

/// What the clerk did in a grid, for the app to apply.
#[derive(Debug)]
pub enum GridAction {
    /// Typed into a cell: one edit that merges with further typing in the same cell.
    Set(CellKey, Option<Value>),
    /// A block pasted from Excel or WPS: one edit.
    Paste(Vec<(CellKey, Option<Value>)>),
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

/// The grid's own state: which cell is selected and what is being typed into it.
#[derive(Default)]
pub struct GridState {
    pub selected: Option<CellKey>,
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

    /// Whether a cell shows a typing error.
    pub fn invalid_text(&self, key: CellKey) -> Option<&(String, String)> {
        self.invalid.get(&key)
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
                let before = draft
                    .value(*key)
                    .map(|v| format!("原来的值 {v}"))
                    .unwrap_or_else(|| "空白".into());
                Some(Finding {
                    rule: RuleId::R4,
                    severity: Severity::Error,
                    message: format!(
                        "{}填写的“{text}”无效：{reason}。合计和检查仍按{before}计算，请改正",
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

/// The fill of a total cell: a tint that sets totals apart from entered cells at a glance, in
/// both themes (the panel's own grey was too close to the entered cells' background).
pub fn total_fill(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(22, 34, 54)
    } else {
        Color32::from_rgb(221, 230, 242)
    }
}

/// Whether the clerk may type into a cell. A total is computed from its parts and is never
/// entered in a draft the clerk writes; only a total stated in an imported published report is
/// kept (and stays editable there, so that it can be corrected to what was published).
pub fn is_editable(draft: &Draft, cell: &CellDef) -> bool {
    cell.kind() != CellKind::Total || draft.value(cell.key()).is_some()
}

/// Geometry of one table: widths of the label columns and of the value columns.
struct Layout {
    label_widths: Vec<f32>,
    value_width: f32,
    row_height: f32,
}

fn layout_for(table: &TableDef) -> Layout {
    match table.id {
        TableId::T2 => Layout {
            label_widths: vec![210.0],
            value_width: 130.0,
            row_height: 28.0,
        },
        TableId::T3 => Layout {
            label_widths: vec![92.0, 118.0, 196.0],
            value_width: 62.0,
            row_height: 28.0,
        },
        TableId::T4 => Layout {
            label_widths: vec![],
            value_width: 54.0,
            row_height: 28.0,
        },
    }
}

/// The accessible and hover name of a cell: "表三 （七）总计 自然人".
pub fn cell_name(cell: &CellDef) -> String {
    let row = cell.row.display_label();
    let col = cell.col.path.join("·");
    if row.is_empty() {
        format!("{} {col}", cell.table.id.short_name())
    } else {
        format!("{} {row} {col}", cell.table.id.short_name())
    }
}

/// The cells the keyboard moves through, row by row (every row of every block).
fn navigation_rows(table: &'static TableDef) -> Vec<Vec<CellKey>> {
    table
        .blocks
        .iter()
        .flat_map(|block| {
            block.rows.iter().map(move |row| {
                block
                    .columns
                    .iter()
                    .map(|col| CellKey {
                        table: table.id,
                        row: row.id,
                        col: col.id,
                    })
                    .collect()
            })
        })
        .collect()
}

/// The cells Tab, Enter and the arrows move through: the editable ones (computed totals are
/// skipped, like locked cells in a spreadsheet).
fn editable_rows(table: &'static TableDef, draft: &Draft) -> Vec<Vec<CellKey>> {
    let def = draft.format.def();
    navigation_rows(table)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter(|k| def.cell_by_key(*k).is_some_and(|c| is_editable(draft, &c)))
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

fn position(rows: &[Vec<CellKey>], key: CellKey) -> Option<(usize, usize)> {
    rows.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == key).map(|c| (r, c)))
}

#[derive(Clone, Copy)]
enum Move {
    Next,
    Prev,
    Up,
    Down,
    Left,
    Right,
}

fn moved(rows: &[Vec<CellKey>], key: CellKey, m: Move) -> Option<CellKey> {
    let (r, c) = position(rows, key)?;
    let flat: Vec<CellKey> = rows.iter().flatten().copied().collect();
    let index = flat.iter().position(|k| *k == key)?;
    let same_column = |row: &Vec<CellKey>| row.iter().find(|k| k.col == key.col).copied();
    match m {
        Move::Next => flat.get(index + 1).copied(),
        Move::Prev => index.checked_sub(1).and_then(|i| flat.get(i).copied()),
        Move::Right => rows[r].get(c + 1).copied(),
        Move::Left => c.checked_sub(1).and_then(|c| rows[r].get(c).copied()),
        Move::Down => rows[r + 1..].iter().find_map(same_column).or_else(|| {
            rows.get(r + 1)
                .and_then(|row| row.get(c.min(row.len() - 1)).copied())
        }),
        Move::Up => rows[..r].iter().rev().find_map(same_column).or_else(|| {
            r.checked_sub(1)
                .and_then(|r| rows[r].get(c.min(rows[r].len() - 1)).copied())
        }),
    }
}

/// Splits text copied from a spreadsheet into rows of cells.
fn split_block(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rows: Vec<Vec<String>> = text
        .trim_end_matches('\n')
        .split('\n')
        .map(|line| line.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    // A label column copied along with the figures: every row starts with text that is no number.
    let labelled = rows.iter().all(|r| {
        r.len() > 1
            && r[0]
                .chars()
                .any(|c| !c.is_ascii_digit() && !matches!(c, ',' | '.' | '-' | ' '))
            && parse_cell(crate::format::CellType::Count, &r[0]).is_err()
            && parse_cell(crate::format::CellType::Money, &r[0]).is_err()
    });
    if labelled {
        for r in &mut rows {
            r.remove(0);
        }
    }
    rows
}

/// Works out a pasted block from the selected cell onward: all cells or none.
pub fn plan_paste(
    draft: &Draft,
    table: &'static TableDef,
    start: CellKey,
    text: &str,
) -> Result<Vec<(CellKey, Option<Value>)>, String> {
    let rows = navigation_rows(table);
    let Some((r0, c0)) = position(&rows, start) else {
        return Err("请先选中要粘贴到的单元格".into());
    };
    let block = split_block(text);
    let height = block.len();
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    // The rows below the start that share its columns (a block of table 二 has its own columns).
    let start_cols = &rows[r0][c0..];
    let target_rows: Vec<&Vec<CellKey>> = rows[r0..]
        .iter()
        .take_while(|row| {
            row.len() == rows[r0].len()
                && row.iter().map(|k| k.col).eq(rows[r0].iter().map(|k| k.col))
        })
        .collect();
    if height > target_rows.len() || width > start_cols.len() {
        return Err(format!(
            "粘贴的内容有 {height} 行 {width} 列，从选中的单元格起只能容纳 {} 行 {} 列，未粘贴任何内容",
            target_rows.len(),
            start_cols.len()
        ));
    }
    let def = draft.format.def();
    let mut out = Vec::new();
    for (i, line) in block.iter().enumerate() {
        for (j, text) in line.iter().enumerate() {
            let key = target_rows[i][c0 + j];
            let Some(cell) = def.cell_by_key(key) else {
                continue;
            };
            let value = parse_cell(cell.ty(), text)
                .map_err(|e| format!("{}：{e}，未粘贴任何内容", cell.describe()))?;
            out.push((key, value));
        }
    }
    // A pasted total that equals the sum of its pasted parts is not kept as stated: it would only
    // go stale when a part changes later.
    let mut after = draft.clone();
    for (key, value) in &out {
        match value {
            Some(v) => after.cells.insert(*key, v.clone()),
            None => after.cells.remove(key),
        };
    }
    out.retain(|(key, value)| {
        let Some(cell) = def.cell_by_key(*key) else {
            return true;
        };
        if cell.kind() != CellKind::Total {
            return true;
        }
        let mut without = after.clone();
        without.cells.remove(key);
        value.as_ref().and_then(Value::as_count) != totals::computed(&without, &cell)
    });
    Ok(out)
}

/// Draws a table and handles the keyboard and the clipboard for it.
pub fn table_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    revision: u64,
    table_id: TableId,
    findings: &HashMap<CellKey, Vec<&Finding>>,
    state: &mut GridState,
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
    let editing = state.selected.is_some() && ui.memory(|m| m.has_focus(edit_id));

    // Keys the grid takes from the text field: moving, undo, and block paste. Nothing is taken
    // while no cell is being edited, so text fields elsewhere keep their keys.
    if let (true, Some(selected)) = (editing, state.selected) {
        let editable = editable_rows(table, draft);
        keyboard(
            ui,
            draft,
            table,
            (&nav, &editable),
            selected,
            edit_id,
            state,
            &mut actions,
        );
    }

    if let Some(key) = state.selected {
        if state.synced_revision != Some(revision) {
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
    }

    let layout = layout_for(table);
    let totals_now = totals::computed_totals(draft, table);
    for block in table.blocks {
        block_ui(
            ui,
            draft,
            table,
            block,
            &layout,
            &totals_now,
            findings,
            state,
            edit_id,
            &mut actions,
        );
        ui.add_space(6.0);
    }
    actions
}

/// The buttons above a table, and the prompt for a stated total that differs from its computed
/// value. Drawn outside the table's scroll area, so it stays in view.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    table_id: TableId,
    state: &mut GridState,
) -> Vec<GridAction> {
    let table = draft.format.def().table(table_id);
    let mut actions = Vec::new();
    toolbar(ui, draft, table, state, &mut actions);
    actions
}

fn toolbar(
    ui: &mut egui::Ui,
    draft: &Draft,
    table: &'static TableDef,
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    ui.horizontal_wrapped(|ui| {
        let blanks = draft.blank_entered_cells(table.id).len();
        let fill = ui
            .add_enabled(blanks > 0, egui::Button::new("空白填0"))
            .on_hover_text(format!("把本表 {blanks} 个空白的应填单元格填为 0（可撤销）"));
        if fill.clicked() {
            actions.push(GridAction::FillZero(table.id));
        }
        let stated = table
            .cells()
            .filter(|c| c.kind() == CellKind::Total && draft.value(c.key()).is_some())
            .count();
        if stated > 0
            && ui
                .button("合计全部采用计算值")
                .on_hover_text(format!(
                    "本表有 {stated} 个合计是填写的数值（如导入的已发布报告）；改为全部按分项自动计算（可撤销）"
                ))
                .clicked()
        {
            actions.push(GridAction::AcceptAllComputed(table.id));
        }
        ui.label(
            egui::RichText::new("Tab / Enter / 方向键移动；可直接粘贴从 Excel、WPS 复制的数据块；蓝灰底为合计，按分项自动计算")
                .weak()
                .small(),
        );
    });
    // One line of fixed height: the selected cell's name (as a spreadsheet's name box) and, for a
    // stated total that differs from its parts, the choice between them. Always there, so that
    // selecting a cell never pushes the table down under the pointer.
    let (line_rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 24.0), Sense::hover());
    let mut line = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(line_rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    line.set_clip_rect(line_rect.intersect(ui.clip_rect()));
    (|ui: &mut egui::Ui| {
        let Some(cell) = state
            .selected
            .and_then(|key| draft.format.def().cell_by_key(key))
        else {
            ui.weak("（未选中单元格）");
            return;
        };
        let key = cell.key();
        ui.label(egui::RichText::new(cell.describe()).strong())
            .on_hover_text("选中的单元格");
        if cell.kind() != CellKind::Total {
            return;
        }
        let computed = totals::computed(draft, &cell).unwrap_or(0);
        match draft.count(key) {
            Some(stated) if stated != computed && !state.kept.contains(&key) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("填写为 {stated}，按分项计算为 {computed}"),
                );
                if ui.small_button("采用计算值").clicked() {
                    actions.push(GridAction::AcceptComputed(key));
                }
                if ui
                    .small_button("保留")
                    .on_hover_text("保留填写的数值；勾稽检查仍会提示")
                    .clicked()
                {
                    state.kept.insert(key);
                }
            }
            Some(_) => {
                ui.weak("合计（填写的数值）");
            }
            None => {
                ui.weak("合计，按分项自动计算");
            }
        }
    })(&mut line);
}

#[allow(clippy::too_many_arguments)]
fn keyboard(
    ui: &mut egui::Ui,
    draft: &Draft,
    table: &'static TableDef,
    (nav, editable): (&[Vec<CellKey>], &[Vec<CellKey>]),
    selected: CellKey,
    edit_id: egui::Id,
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    let cursor_at = egui::TextEdit::load_state(ui.ctx(), edit_id)
        .and_then(|s| s.cursor.char_range())
        .map(|r| r.primary.index.0);
    let len = state.buffer.chars().count();
    let mut movement = None;
    let mut paste = None;
    ui.input_mut(|i| {
        // The grid's keys come from the command table (scope: grid). Undo and redo are the
        // window's: a cell's entry is undone in the draft as a whole.
        if Command::CellPrev.consume(i) {
            movement = Some(Move::Prev);
        } else if Command::CellNext.consume(i) {
            movement = Some(Move::Next);
        } else if Command::CellDown.consume(i) {
            movement = Some(Move::Down);
        } else if Command::CellUp.consume(i) {
            movement = Some(Move::Up);
        } else if cursor_at.is_none_or(|c| c >= len) && Command::CellRight.consume(i) {
            movement = Some(Move::Right);
        } else if cursor_at.is_none_or(|c| c == 0) && Command::CellLeft.consume(i) {
            movement = Some(Move::Left);
        }
        // A block from a spreadsheet: the text field must not see it.
        i.events.retain(|e| match e {
            egui::Event::Paste(text) if text.contains('\t') || text.trim_end().contains('\n') => {
                paste = Some(text.clone());
                false
            }
            _ => true,
        });
    });
    if let Some(text) = paste {
        match plan_paste(draft, table, selected, &text) {
            Ok(cells) if !cells.is_empty() => {
                for (key, _) in &cells {
                    state.set_invalid(*key, None);
                }
                actions.push(GridAction::Paste(cells));
                state.synced_revision = None;
            }
            Ok(_) => {}
            Err(message) => actions.push(GridAction::Notice(message)),
        }
    }
    if let Some(m) = movement {
        if let Some(next) = move_from(nav, editable, selected, m) {
            select(state, next);
            actions.push(GridAction::EndTyping);
        }
    }
}

/// Where a move from `key` lands among the editable cells. From a selected computed total (a
/// click, or a finding) the move starts at the nearest editable cell in reading order.
fn move_from(
    nav: &[Vec<CellKey>],
    editable: &[Vec<CellKey>],
    key: CellKey,
    m: Move,
) -> Option<CellKey> {
    if position(editable, key).is_some() {
        return moved(editable, key, m);
    }
    let flat: Vec<CellKey> = nav.iter().flatten().copied().collect();
    let at = flat.iter().position(|k| *k == key)?;
    let is_editable = |k: &CellKey| editable.iter().flatten().any(|e| e == k);
    match m {
        Move::Prev | Move::Up | Move::Left => flat[..at].iter().rev().find(|k| is_editable(k)),
        Move::Next | Move::Down | Move::Right => flat[at + 1..].iter().find(|k| is_editable(k)),
    }
    .copied()
}

fn select(state: &mut GridState, key: CellKey) {
    state.selected = Some(key);
    state.synced_revision = None;
    state.focus_pending = true;
    state.scroll_pending = true;
}

#[allow(clippy::too_many_arguments)]
fn block_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    table: &'static TableDef,
    block: &'static BlockDef,
    layout: &Layout,
    totals_now: &HashMap<CellKey, Option<u64>>,
    findings: &HashMap<CellKey, Vec<&Finding>>,
    state: &mut GridState,
    edit_id: egui::Id,
    actions: &mut Vec<GridAction>,
) {
    let visuals = ui.visuals().clone();
    let line = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
    let header_fill = visuals.faint_bg_color;
    let total_fill = total_fill(&visuals);
    let text_color = visuals.text_color();
    let font = FontId::proportional(13.0);
    let small = FontId::proportional(11.0);

    let label_depth = table.label_depth();
    let label_widths: Vec<f32> = layout
        .label_widths
        .iter()
        .take(label_depth)
        .copied()
        .collect();
    let labels_width: f32 = label_widths.iter().sum();
    let width = labels_width + layout.value_width * block.columns.len() as f32;
    let header_depth = block.header_depth();
    let header_height = if table.id == TableId::T3 { 30.0 } else { 26.0 };

    // Row heights: tall enough for the longest wrapped label of the row.
    let row_paths: Vec<&'static [&'static str]> = block.rows.iter().map(|r| r.path).collect();
    let row_spans = merge_paths(&row_paths, label_depth);
    let mut row_heights = vec![layout.row_height; block.rows.len()];
    for (level, spans) in row_spans.iter().enumerate() {
        for span in spans.iter().filter(|s| s.span == 1) {
            let w: f32 = label_widths[level..level + span.depth].iter().sum::<f32>() - 8.0;
            let galley = ui
                .painter()
                .layout(span.label.to_string(), font.clone(), text_color, w);
            row_heights[span.start] = row_heights[span.start].max(galley.size().y + 8.0);
        }
    }
    let caption_height = if block.caption.is_some() { 26.0 } else { 0.0 };
    let height =
        caption_height + header_height * header_depth as f32 + row_heights.iter().sum::<f32>();
    let (outer, _) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    let painter = ui.painter_at(outer.expand(1.0));
    let origin = outer.min;

    let text_on = |painter: &egui::Painter,
                   rect: Rect,
                   text: &str,
                   font: &FontId,
                   color: Color32,
                   align: Align2| {
        let galley = painter.layout(text.to_string(), font.clone(), color, rect.width() - 8.0);
        let pos = match align {
            Align2::CENTER_CENTER => rect.center() - galley.size() / 2.0,
            Align2::RIGHT_CENTER => egui::pos2(
                rect.right() - 4.0 - galley.size().x,
                rect.center().y - galley.size().y / 2.0,
            ),
            _ => egui::pos2(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0),
        };
        painter.galley(pos, galley, color);
    };
    let cell_rect = |x: f32, y: f32, w: f32, h: f32| {
        Rect::from_min_size(origin + Vec2::new(x, y), Vec2::new(w, h))
    };

    let mut y = 0.0;
    if let Some(caption) = block.caption {
        let r = cell_rect(0.0, 0.0, width, caption_height);
        painter.rect_filled(r, 0.0, header_fill);
        painter.rect_stroke(r, 0.0, line, egui::StrokeKind::Inside);
        text_on(
            &painter,
            r,
            caption,
            &font,
            text_color,
            Align2::CENTER_CENTER,
        );
        y += caption_height;
    }

    let text_in = |rect: Rect, text: &str, font: &FontId, color: Color32, align: Align2| {
        text_on(&painter, rect, text, font, color, align)
    };
    // Header: the corner cell, then the grouped column headers. Drawn again at the top of the
    // view when the block is scrolled under it (a frozen header row, as in a spreadsheet).
    let header_top = y;
    let header_total = header_height * header_depth as f32;
    let col_paths: Vec<&'static [&'static str]> = block.columns.iter().map(|c| c.path).collect();
    let col_spans = merge_paths(&col_paths, header_depth);
    let paint_header = |painter: &egui::Painter, y: f32| {
        if labels_width > 0.0 {
            let r = cell_rect(0.0, y, labels_width, header_total);
            painter.rect_filled(r, 0.0, header_fill);
            painter.rect_stroke(r, 0.0, line, egui::StrokeKind::Inside);
            let corner = table.corner.or(block.row_header).unwrap_or("");
            let corner_font = if table.corner.is_some() {
                &small
            } else {
                &font
            };
            text_on(
                painter,
                r,
                corner,
                corner_font,
                text_color,
                Align2::CENTER_CENTER,
            );
        }
        for (level, spans) in col_spans.iter().enumerate() {
            for span in spans {
                let r = cell_rect(
                    labels_width + layout.value_width * span.start as f32,
                    y + header_height * level as f32,
                    layout.value_width * span.span as f32,
                    header_height * span.depth as f32,
                );
                painter.rect_filled(r, 0.0, header_fill);
                painter.rect_stroke(r, 0.0, line, egui::StrokeKind::Inside);
                // A label too long for one line of its cell takes the small font.
                let label_font = if span.label.chars().count() as f32 * 13.0 > r.width() - 8.0 {
                    &small
                } else {
                    &font
                };
                text_on(
                    painter,
                    r,
                    span.label,
                    label_font,
                    text_color,
                    Align2::CENTER_CENTER,
                );
            }
        }
    };
    paint_header(&painter, header_top);
    y += header_total;

    // Row labels, merged down the hierarchy.
    let row_tops: Vec<f32> = row_heights
        .iter()
        .scan(y, |top, h| {
            let t = *top;
            *top += h;
            Some(t)
        })
        .collect();
    for (level, spans) in row_spans.iter().enumerate() {
        for span in spans {
            let x: f32 = label_widths[..level].iter().sum();
            let w: f32 = label_widths[level..level + span.depth].iter().sum();
            let h: f32 = row_heights[span.start..span.start + span.span].iter().sum();
            let r = cell_rect(x, row_tops[span.start], w, h);
            painter.rect_stroke(r, 0.0, line, egui::StrokeKind::Inside);
            text_in(r, span.label, &font, text_color, Align2::LEFT_CENTER);
        }
    }

    // The cells.
    for (ri, row) in block.rows.iter().enumerate() {
        for (ci, col) in block.columns.iter().enumerate() {
            let Some(cell) = table.cell(row.id, col.id) else {
                continue;
            };
            let key = cell.key();
            let rect = cell_rect(
                labels_width + layout.value_width * ci as f32,
                row_tops[ri],
                layout.value_width,
                row_heights[ri],
            );
            let is_total = cell.kind() == CellKind::Total;
            let cell_findings = findings.get(&key);
            let severity = cell_findings.and_then(|f| f.iter().map(|f| f.severity).min());
            let invalid = state.invalid.get(&key).cloned();
            if is_total {
                painter.rect_filled(rect, 0.0, total_fill);
            }
            painter.rect_stroke(rect, 0.0, line, egui::StrokeKind::Inside);
            let name = cell_name(&cell);

            if state.selected == Some(key) && is_editable(draft, &cell) {
                let before = state.buffer.clone();
                let edit = cell_editor(&mut state.buffer, edit_id, rect, &font);
                // `place`, not `put`: the editor sits on the painted grid and must not move the
                // layout cursor (which made the next block of table 二 jump up over this one).
                let response = ui
                    .place(rect.shrink(1.0), edit)
                    .accessible_name(name.clone());
                if state.focus_pending {
                    response.request_focus();
                    if state.scroll_pending {
                        response.scroll_to_me(None);
                    }
                    state.focus_pending = false;
                    state.scroll_pending = false;
                }
                if state.buffer != before {
                    match parse_cell(cell.ty(), &state.buffer) {
                        Ok(value) => {
                            state.set_invalid(key, None);
                            actions.push(GridAction::Set(key, value));
                        }
                        Err(e) => {
                            state.set_invalid(key, Some((state.buffer.clone(), e.to_string())));
                            // Totals and rules go on with the value the cell had before this
                            // edit began, never with a half-typed one.
                            let original = match &state.original {
                                Some((k, v)) if *k == key => v.clone(),
                                _ => draft.value(key).cloned(),
                            };
                            if draft.value(key) != original.as_ref() {
                                actions.push(GridAction::Set(key, original));
                            }
                        }
                    }
                }
                if let Some((_, error)) = state.invalid.get(&key) {
                    painter.rect_stroke(
                        rect,
                        0.0,
                        Stroke::new(2.0, visuals.error_fg_color),
                        egui::StrokeKind::Inside,
                    );
                    response.on_hover_text(error.clone());
                } else if let Some(f) = cell_findings {
                    response.on_hover_text(hover_text(f));
                }
                continue;
            }
            if state.selected == Some(key) {
                // A computed total: selected to be read (and moved on from), never typed into.
                let computed = totals_now
                    .get(&key)
                    .copied()
                    .flatten()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                let mut shown = computed.as_str();
                let typed = ui.memory(|m| m.has_focus(edit_id))
                    && ui.input(|i| {
                        i.events.iter().any(|e| match e {
                            egui::Event::Text(t) => !t.trim().is_empty(),
                            egui::Event::Key {
                                key, pressed: true, ..
                            } => {
                                matches!(key, Key::Backspace | Key::Delete)
                            }
                            _ => false,
                        })
                    });
                let edit = cell_editor(&mut shown, edit_id, rect, &font);
                let response = ui
                    .place(rect.shrink(1.0), edit)
                    .accessible_name(name.clone());
                if state.focus_pending {
                    response.request_focus();
                    if state.scroll_pending {
                        response.scroll_to_me(None);
                    }
                    state.focus_pending = false;
                    state.scroll_pending = false;
                }
                if typed {
                    actions.push(GridAction::Notice(format!(
                        "{}是合计，按分项自动计算，不能填写；请修改它的分项",
                        cell.describe()
                    )));
                }
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(2.0, visuals.selection.stroke.color),
                    egui::StrokeKind::Inside,
                );
                match cell_findings {
                    Some(f) => response.on_hover_text(hover_text(f)),
                    None => response.on_hover_text("合计，按分项自动计算"),
                };
                continue;
            }

            let (display, color, note) = if let Some((text, _)) = &invalid {
                (text.clone(), visuals.error_fg_color, None)
            } else if is_total {
                let computed = totals_now.get(&key).copied().flatten();
                match draft.count(key) {
                    Some(stated)
                        if Some(stated) != computed && !(stated == 0 && computed.is_none()) =>
                    {
                        (
                            stated.to_string(),
                            visuals.error_fg_color,
                            Some(format!("≠{}", computed.unwrap_or(0))),
                        )
                    }
                    Some(stated) => (stated.to_string(), text_color, None),
                    None => (
                        computed.map(|c| c.to_string()).unwrap_or_default(),
                        text_color,
                        None,
                    ),
                }
            } else {
                (
                    draft
                        .value(key)
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    text_color,
                    None,
                )
            };
            let response = ui.interact(
                rect,
                egui::Id::unique(("nianbao-cell", key)),
                Sense::click(),
            );
            response.widget_info(|| {
                let mut info = WidgetInfo::labeled(Role::Cell, true, &name);
                info.current_text_value = Some(match &note {
                    Some(note) => format!("{display} {note}"),
                    None => display.clone(),
                });
                info
            });
            if response.hovered() {
                // An outline, not a fill: a grey fill made an entered cell look like a total.
                painter.rect_stroke(
                    rect.shrink(1.0),
                    0.0,
                    Stroke::new(
                        1.0,
                        visuals.widgets.hovered.fg_stroke.color.gamma_multiply(0.6),
                    ),
                    egui::StrokeKind::Inside,
                );
            }
            match note {
                Some(note) => {
                    let top =
                        Rect::from_min_max(rect.min, egui::pos2(rect.max.x, rect.center().y + 2.0));
                    let bottom =
                        Rect::from_min_max(egui::pos2(rect.min.x, rect.center().y), rect.max);
                    text_in(top, &display, &font, color, Align2::RIGHT_CENTER);
                    text_in(
                        bottom,
                        &note,
                        &small,
                        visuals.weak_text_color(),
                        Align2::RIGHT_CENTER,
                    );
                }
                None => text_in(rect, &display, &font, color, Align2::RIGHT_CENTER),
            }
            if invalid.is_some() {
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(2.0, visuals.error_fg_color),
                    egui::StrokeKind::Inside,
                );
            } else if let Some(sev) = severity {
                let c = if sev == Severity::Error {
                    visuals.error_fg_color
                } else {
                    visuals.warn_fg_color
                };
                let width = if sev == Severity::Error { 2.0 } else { 1.0 };
                painter.rect_stroke(
                    rect.shrink(1.0),
                    0.0,
                    Stroke::new(width, c),
                    egui::StrokeKind::Inside,
                );
            }
            let response = match (&invalid, cell_findings) {
                (Some((_, e)), _) => response.on_hover_text(e.clone()),
                (None, Some(f)) => response.on_hover_text(hover_text(f)),
                _ => response.on_hover_text(&name),
            };
            if is_total && draft.count(key).is_some() {
                response.context_menu(|ui| {
                    if ui.button("采用计算值").clicked() {
                        actions.push(GridAction::AcceptComputed(key));
                        ui.close();
                    }
                    if ui.button("保留填写值").clicked() {
                        state.kept.insert(key);
                        ui.close();
                    }
                });
            }
            if response.clicked() {
                // A click selects where the pointer is: nothing scrolls under it.
                select(state, key);
                state.scroll_pending = false;
                actions.push(GridAction::EndTyping);
            }
        }
    }
    freeze_header(
        ui,
        outer,
        (header_top, header_total),
        egui::Id::unique((
            "nianbao-frozen-header",
            table.id,
            block.rows.first().map(|r| r.id),
        )),
        paint_header,
    );
}

/// Paints a block's header at the top of the visible area while the block's rows scroll under
/// it, and keeps clicks there from reaching the cells beneath.
fn freeze_header(
    ui: &mut egui::Ui,
    outer: Rect,
    header: (f32, f32),
    id: egui::Id,
    paint: impl Fn(&egui::Painter, f32),
) {
    let (header_top, header_height) = header;
    let clip = ui.clip_rect();
    let top = outer.min.y + header_top;
    if top >= clip.top() {
        return;
    }
    // Stays within its block: at the block's end it scrolls away with the last rows.
    let y = (clip.top() - outer.min.y).min(outer.height() - header_height);
    if y <= header_top {
        return;
    }
    let painter = ui
        .painter()
        .with_clip_rect(clip.intersect(outer.expand(1.0)));
    paint(&painter, y);
    let rect = Rect::from_min_size(
        egui::pos2(outer.min.x, outer.min.y + y),
        Vec2::new(outer.width(), header_height),
    );
    let response = ui.interact(rect.intersect(clip), id, Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, "冻结的表头"));
}

fn hover_text(findings: &[&Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("[{}] {}", f.severity.label(), f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;
    use crate::format::FormatId;

    fn t3() -> &'static TableDef {
        FormatId::F2021.def().table(TableId::T3)
    }

    fn key(row: &'static str, col: &'static str) -> CellKey {
        CellKey {
            table: TableId::T3,
            row,
            col,
        }
    }

    /// Relative luminance (sRGB, as WCAG computes it).
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    #[test]
    fn totals_stand_apart_from_entered_cells_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            // Entered cells show the panel's background; totals must not look like it: a tint
            // at least 20 levels away in some channel (the dark theme leaves little room in
            // lightness, so there the tint is blue).
            let (entered, fill) = (visuals.panel_fill, total_fill(&visuals));
            let apart = [
                entered.r().abs_diff(fill.r()),
                entered.g().abs_diff(fill.g()),
                entered.b().abs_diff(fill.b()),
            ];
            assert!(
                apart.iter().any(|d| *d >= 20),
                "dark={} {apart:?}",
                visuals.dark_mode
            );
            let total = luminance(fill);
            // And text on a total stays readable.
            let text = luminance(visuals.text_color());
            let text_contrast = (text.max(total) + 0.05) / (text.min(total) + 0.05);
            assert!(text_contrast >= 4.5, "{text_contrast}");
        }
    }

    #[test]
    fn moving_skips_computed_totals_but_not_stated_ones() {
        let mut d = Draft::new("某局", Level::Department, 2022);
        let rows = editable_rows(t3(), &d);
        assert!(
            !rows
                .iter()
                .flatten()
                .any(|k| k.col == "total" || k.row == "total")
        );
        assert_eq!(
            move_from(
                &navigation_rows(t3()),
                &rows,
                key("new", "other_org"),
                Move::Next
            ),
            Some(key("carried", "natural"))
        );
        // From a selected computed total, moves go on to the next editable cell.
        assert_eq!(
            move_from(
                &navigation_rows(t3()),
                &rows,
                key("new", "total"),
                Move::Next
            ),
            Some(key("carried", "natural"))
        );
        // An imported report's stated total stays in the way.
        d.cells.insert(key("new", "total"), Value::Count(9));
        let rows = editable_rows(t3(), &d);
        assert_eq!(
            moved(&rows, key("new", "other_org"), Move::Next),
            Some(key("new", "total"))
        );
    }

    #[test]
    fn keyboard_moves_like_a_spreadsheet() {
        let nav = navigation_rows(t3());
        let start = key("new", "total");
        assert_eq!(
            moved(&nav, start, Move::Next),
            Some(key("carried", "natural"))
        );
        assert_eq!(
            moved(&nav, key("carried", "natural"), Move::Prev),
            Some(start)
        );
        assert_eq!(
            moved(&nav, start, Move::Down),
            Some(key("carried", "total"))
        );
        assert_eq!(moved(&nav, start, Move::Up), None);
        assert_eq!(moved(&nav, start, Move::Right), None);
        assert_eq!(
            moved(&nav, start, Move::Left),
            Some(key("new", "other_org"))
        );
    }

    #[test]
    fn a_block_with_its_label_column_pastes_from_the_focused_cell() {
        let d = Draft::new("某局", Level::Department, 2022);
        let text = "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6\r\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\r\n";
        let cells = plan_paste(&d, t3(), key("new", "natural"), text).unwrap();
        assert!(cells.contains(&(key("new", "natural"), Some(Value::Count(5)))));
        assert!(cells.contains(&(key("carried", "natural"), Some(Value::Count(1)))));
        // The totals equal their parts, so they stay computed.
        assert!(!cells.iter().any(|(k, _)| k.col == "total"));
        // A total that disagrees is kept as stated.
        let text = "5\t1\t0\t0\t0\t0\t9";
        let cells = plan_paste(&d, t3(), key("new", "natural"), text).unwrap();
        assert!(cells.contains(&(key("new", "total"), Some(Value::Count(9)))));
    }

    #[test]
    fn a_block_that_does_not_fit_is_refused() {
        let d = Draft::new("某局", Level::Department, 2022);
        let err = plan_paste(&d, t3(), key("new", "legal"), "1\t2\t3\t4").unwrap_err();
        assert!(err.contains("只能容纳"), "{err}");
        let err = plan_paste(&d, t3(), key("new", "natural"), "1\t2a").unwrap_err();
        assert!(err.contains("2a"), "{err}");
        let err = plan_paste(&d, t3(), key("carry_forward", "natural"), "1\n2").unwrap_err();
        assert!(err.contains("只能容纳"), "{err}");
    }
}

/// The text field of the selected cell. Tab and the arrows move between cells (handled by the
/// grid), not to other widgets.
fn cell_editor<'t>(
    text: &'t mut dyn egui::TextBuffer,
    id: egui::Id,
    rect: Rect,
    font: &FontId,
) -> egui::TextEdit<'t> {
    egui::TextEdit::singleline(text)
        .id(id)
        .align(Align2::RIGHT_CENTER)
        .margin(Vec2::new(4.0, 4.0))
        .event_filter(egui::EventFilter {
            tab: true,
            horizontal_arrows: true,
            vertical_arrows: true,
            ..Default::default()
        })
        .desired_width(rect.width() - 4.0)
        .font(font.clone())
}
