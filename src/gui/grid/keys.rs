//! The keys of a selected cell, as in Excel and WPS. A selected cell takes Tab, Enter and the
//! arrows to move, F2 to edit its value, Delete to clear, Escape to restore, Shift+arrows to
//! select a range, Ctrl+C to copy it; typing replaces the value. The keys are the grid's commands
//! in the command table. Nothing is taken while an input method is composing: Space, Enter and
//! the digits choose its candidates then.

use egui::Event;

use super::navigation::{Move, move_from, moved};
use super::paste::plan_paste;
use super::{GridAction, GridState, Mode, select};
use crate::draft::Draft;
use crate::format::{CellKey, CellKind, TableDef};
use crate::gui::commands::Command;
use crate::totals;

/// What the keys of one frame asked for.
#[derive(Default)]
struct Pressed {
    movement: Option<Move>,
    extend: Option<Move>,
    edit: bool,
    cancel: bool,
    clear: bool,
    copy: bool,
    paste: Option<String>,
}

/// The rows the keys move through: every cell of the table, and the editable ones.
pub struct Rows<'a> {
    pub all: &'a [Vec<CellKey>],
    pub editable: &'a [Vec<CellKey>],
}

/// Takes the grid's keys for the selected cell and acts on them.
pub fn keyboard(
    ui: &mut egui::Ui,
    (draft, table): (&Draft, &'static TableDef),
    rows: &Rows<'_>,
    edit_id: egui::Id,
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    let Some(selected) = state.selected else {
        return;
    };
    note_composition(ui, state);
    if state.composing {
        return;
    }
    let pressed = read_keys(ui, edit_id, state);
    if let Some(text) = pressed.paste {
        paste(draft, table, selected, &text, state, actions);
    }
    if pressed.copy {
        let cells = state.range(rows.all);
        ui.ctx().copy_text(copy_text(draft, table, &cells));
    }
    if pressed.clear {
        clear(draft, state.range(rows.all), actions);
        state.synced_revision = None;
    }
    if pressed.cancel {
        cancel(draft, selected, state, actions);
    }
    if pressed.edit {
        state.mode = Mode::Editing;
        state.caret_pending = true;
    }
    if let Some(m) = pressed.extend
        && let Some(next) = moved(rows.all, selected, m)
    {
        let anchor = state.anchor.unwrap_or(selected);
        select(state, next);
        state.anchor = Some(anchor);
        actions.push(GridAction::EndTyping);
    }
    if let Some(m) = pressed.movement
        && let Some(next) = move_from(rows.all, rows.editable, selected, m)
    {
        select(state, next);
        actions.push(GridAction::EndTyping);
    }
}

/// Follows the input method: while it composes, its keys are its own.
fn note_composition(ui: &egui::Ui, state: &mut GridState) {
    state.composing = ui.input(|i| crate::gui::ime::composing(i, state.composing));
}

fn read_keys(ui: &mut egui::Ui, edit_id: egui::Id, state: &GridState) -> Pressed {
    let mut p = Pressed::default();
    // Where the caret is matters only while editing with F2: the arrows move it then.
    let cursor_at = (egui::TextEdit::load_state(ui.ctx(), edit_id))
        .and_then(|s| s.cursor.char_range())
        .map(|r| r.primary.index.0);
    let len = state.buffer.chars().count();
    let editing = state.mode == Mode::Editing;
    let selected_only = state.mode == Mode::Selected;
    ui.input_mut(|i| {
        p.movement = if Command::CellPrev.consume(i) {
            Some(Move::Prev)
        } else if Command::CellNext.consume(i) {
            Some(Move::Next)
        } else if Command::CellDown.consume(i) {
            Some(Move::Down)
        } else if Command::CellUp.consume(i) {
            Some(Move::Up)
        } else if (!editing || cursor_at.is_none_or(|c| c >= len)) && Command::CellRight.consume(i)
        {
            Some(Move::Right)
        } else if (!editing || cursor_at.is_none_or(|c| c == 0)) && Command::CellLeft.consume(i) {
            Some(Move::Left)
        } else {
            None
        };
        p.extend = [
            (Command::ExtendUp, Move::Up),
            (Command::ExtendDown, Move::Down),
            (Command::ExtendLeft, Move::Left),
            (Command::ExtendRight, Move::Right),
        ]
        .into_iter()
        .find_map(|(c, m)| c.consume(i).then_some(m));
        p.edit = Command::CellEdit.consume(i);
        p.cancel = Command::CellCancel.consume(i);
        // Delete clears a selected cell (or range); while typing it deletes a character.
        p.clear = selected_only && Command::CellClear.consume(i);
        // Ctrl+C copies the selected cells, unless part of a value being edited is selected.
        let copy_cells = !editing && Command::CellCopy.consume(i);
        i.events.retain(|e| match e {
            Event::Copy if !editing => {
                p.copy = true;
                false
            }
            // A block from a spreadsheet: the text field must not see it.
            Event::Paste(text) if text.contains('\t') || text.trim_end().contains('\n') => {
                p.paste = Some(text.clone());
                false
            }
            _ => true,
        });
        p.copy |= copy_cells;
    });
    p
}

fn paste(
    draft: &Draft,
    table: &'static TableDef,
    selected: CellKey,
    text: &str,
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    match plan_paste(draft, table, selected, text) {
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

/// The range as Excel and WPS paste it: a row a line, cells separated by tabs, totals as shown
/// (stated, or computed), blanks empty.
pub fn copy_text(draft: &Draft, table: &'static TableDef, range: &[Vec<CellKey>]) -> String {
    let computed = totals::computed_totals(draft, table);
    let def = draft.format.def();
    let shown = |key: &CellKey| match draft.value(*key) {
        Some(v) => v.to_string(),
        None if def
            .cell_by_key(*key)
            .is_some_and(|c| c.kind() == CellKind::Total) =>
        {
            (computed.get(key).copied().flatten()).map_or(String::new(), |c| c.to_string())
        }
        None => String::new(),
    };
    (range.iter())
        .map(|row| row.iter().map(shown).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Delete: the selected cells that hold a value become blank, in one undo step. A computed
/// total holds none and stays as it is.
fn clear(draft: &Draft, range: Vec<Vec<CellKey>>, actions: &mut Vec<GridAction>) {
    let cells: Vec<(CellKey, Option<crate::value::Value>)> = (range.into_iter().flatten())
        .filter(|k| draft.value(*k).is_some())
        .map(|k| (k, None))
        .collect();
    if !cells.is_empty() {
        actions.push(GridAction::Clear(cells));
    }
}

/// Escape: the value the cell had when the edit began comes back; the cell stays selected.
fn cancel(draft: &Draft, selected: CellKey, state: &mut GridState, actions: &mut Vec<GridAction>) {
    let original = match &state.original {
        Some((k, v)) if *k == selected => v.clone(),
        _ => draft.value(selected).cloned(),
    };
    if draft.value(selected) != original.as_ref() {
        actions.push(GridAction::Set(selected, original.clone()));
    }
    state.set_invalid(selected, None);
    state.buffer = original.map(|v| v.to_string()).unwrap_or_default();
    state.mode = Mode::Selected;
    state.anchor = None;
    state.caret_pending = true;
}
