//! One cell of the grid: the text field of the selected cell, a selected computed total (read,
//! never typed into), or a painted cell with its value, its findings and its typing error.

use std::collections::{HashMap, HashSet};

use egui::{Align2, Key, Rect, Role, Sense, Stroke, Vec2, WidgetInfo};

use super::geometry::cell_name;
use super::style::{Style, hover_text, text_in};
use super::{GridAction, GridState, Mode, is_editable, select};
use crate::check::{Finding, Severity};
use crate::draft::Draft;
use crate::format::{CellDef, CellKey, CellKind};
use crate::value::parse_cell;

/// What every cell of a block reads.
pub struct CellContext<'a> {
    pub draft: &'a Draft,
    pub totals_now: &'a HashMap<CellKey, Option<u64>>,
    pub findings: &'a HashMap<CellKey, Vec<&'a Finding>>,
    pub edit_id: egui::Id,
    pub style: &'a Style,
    pub painter: &'a egui::Painter,
    /// The cells of the selected range (Shift+click, Shift+arrows).
    pub in_range: &'a HashSet<CellKey>,
    /// The width the table should fit in: the visible width of its view.
    pub fit_width: f32,
}

/// Draws one cell and takes what the clerk does to it.
pub fn cell_ui(
    ui: &mut egui::Ui,
    cx: &CellContext<'_>,
    (cell, rect): (&CellDef, Rect),
    state: &mut GridState,
    actions: &mut Vec<GridAction>,
) {
    let s = cx.style;
    if cell.kind() == CellKind::Total {
        cx.painter.rect_filled(rect, 0.0, s.total_fill);
    }
    if cx.in_range.contains(&cell.key()) {
        cx.painter.rect_filled(rect, 0.0, s.range_fill);
    }
    cx.painter
        .rect_stroke(rect, 0.0, s.line, egui::StrokeKind::Inside);
    let selected = state.selected == Some(cell.key());
    let one = One { cx, cell, rect };
    if selected && is_editable(cx.draft, cell) {
        one.editor(ui, state, actions);
    } else if selected {
        one.total_reader(ui, state, actions);
    } else {
        one.painted(ui, state, actions);
    }
}

/// The cell being drawn, with what every cell reads.
struct One<'a, 'c> {
    cx: &'a CellContext<'c>,
    cell: &'a CellDef,
    rect: Rect,
}

/// The text field of the selected cell. Tab and the arrows move between cells (handled by the
/// grid), not to other widgets.
fn cell_editor<'t>(
    text: &'t mut dyn egui::TextBuffer,
    id: egui::Id,
    rect: Rect,
    style: &Style,
) -> egui::TextEdit<'t> {
    egui::TextEdit::singleline(text)
        .id(id)
        .align(Align2::RIGHT_CENTER)
        .margin(Vec2::new(4.0, 4.0))
        // Tab, the arrows and Escape belong to the grid (Escape restores the value; it must not
        // take the keyboard away from the cell).
        .event_filter(egui::EventFilter {
            tab: true,
            horizontal_arrows: true,
            vertical_arrows: true,
            escape: true,
        })
        .desired_width(rect.width() - 4.0)
        .font(style.font.clone())
}

/// Sets the caret of the cell's field: the whole value selected, so that typing replaces it, or
/// the caret at its end to edit it (F2, a double click).
fn set_caret(ctx: &egui::Context, id: egui::Id, text: &str, mode: Mode) {
    let mut field = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    let range = match mode {
        Mode::Selected => egui::text::CCursorRange::select_all_str(text),
        Mode::Entering | Mode::Editing => {
            egui::text::CCursorRange::one(egui::text::CCursor::new(text.chars().count()))
        }
    };
    field.cursor.set_char_range(Some(range));
    field.store(ctx, id);
}

/// Places the selected cell's field over the painted cell. `place`, not `put`: the field must
/// not move the layout cursor (which made the next block of table 二 jump up over this one). It
/// takes the keyboard when the cell was just selected, scrolling into view when the selection
/// came from a key or a finding (not from a click where it is).
fn place_editor(
    ui: &mut egui::Ui,
    edit: egui::TextEdit<'_>,
    (cell, rect): (&CellDef, Rect),
    (focus_pending, scroll_pending): (&mut bool, &mut bool),
) -> egui::Response {
    let response = ui
        .place(rect.shrink(1.0), edit)
        .accessible_name(cell_name(cell));
    if *focus_pending {
        response.request_focus();
        if *scroll_pending {
            response.scroll_to_me(None);
        }
        *focus_pending = false;
        *scroll_pending = false;
    }
    response
}

impl One<'_, '_> {
    fn editor(&self, ui: &mut egui::Ui, state: &mut GridState, actions: &mut Vec<GridAction>) {
        let (cx, cell, rect) = (self.cx, self.cell, self.rect);
        let key = cell.key();
        // Only a field that has the keyboard keeps a selection (egui collapses it otherwise), so
        // the caret is set once the field has it.
        if state.caret_pending && ui.memory(|m| m.has_focus(cx.edit_id)) {
            set_caret(ui.ctx(), cx.edit_id, &state.buffer, state.mode);
            state.caret_pending = false;
        }
        let before = state.buffer.clone();
        let edit = cell_editor(&mut state.buffer, cx.edit_id, rect, cx.style);
        let focus = (&mut state.focus_pending, &mut state.scroll_pending);
        let response = place_editor(ui, edit, (cell, rect), focus);
        // A second click soon after the one that selected the cell (a double click) edits the
        // value at its end, as F2 does.
        let now = ui.input(|i| i.time);
        let double = (state.last_click).is_some_and(|(k, t)| k == key && now - t < 0.5);
        if response.clicked() && double && state.mode == Mode::Selected {
            state.mode = Mode::Editing;
            set_caret(ui.ctx(), cx.edit_id, &state.buffer, state.mode);
        }
        if state.buffer != before {
            // The first key typed into a selected cell starts a new value.
            if state.mode == Mode::Selected {
                state.mode = Mode::Entering;
            }
            match parse_cell(cell.ty(), &state.buffer) {
                Ok(value) => {
                    state.set_invalid(key, None);
                    actions.push(GridAction::Set(key, value));
                }
                Err(e) => {
                    state.set_invalid(key, Some((state.buffer.clone(), e.to_string())));
                    // Totals and rules go on with the value the cell had before this edit began,
                    // never with a half-typed one.
                    let original = match &state.original {
                        Some((k, v)) if *k == key => v.clone(),
                        _ => cx.draft.value(key).cloned(),
                    };
                    if cx.draft.value(key) != original.as_ref() {
                        actions.push(GridAction::Set(key, original));
                    }
                }
            }
        }
        if let Some((_, error)) = state.invalid.get(&key) {
            let stroke = Stroke::new(2.0, cx.style.error);
            cx.painter
                .rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Inside);
            response.on_hover_text(error.clone());
        } else if let Some(f) = cx.findings.get(&key) {
            response.on_hover_text(hover_text(f));
        }
    }
}

/// A selected computed total: shown in a read-only field, so that the keys still move on from
/// it; typing there changes nothing and says why.
impl One<'_, '_> {
    fn total_reader(
        &self,
        ui: &mut egui::Ui,
        state: &mut GridState,
        actions: &mut Vec<GridAction>,
    ) {
        let (cx, cell, rect) = (self.cx, self.cell, self.rect);
        let key = cell.key();
        let computed = (cx.totals_now.get(&key).copied().flatten())
            .map(|c| c.to_string())
            .unwrap_or_default();
        let typed = ui.memory(|m| m.has_focus(cx.edit_id))
            && ui.input(|i| {
                i.events.iter().any(|e| match e {
                    egui::Event::Text(t) => !t.trim().is_empty(),
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => matches!(key, Key::Backspace | Key::Delete),
                    _ => false,
                })
            });
        let mut shown = computed.as_str();
        let edit = cell_editor(&mut shown, cx.edit_id, rect, cx.style);
        let focus = (&mut state.focus_pending, &mut state.scroll_pending);
        let response = place_editor(ui, edit, (cell, rect), focus);
        if typed {
            actions.push(GridAction::Notice(format!(
                "{}是合计，按分项自动计算，不能填写；请修改它的分项",
                cell.describe()
            )));
        }
        let stroke = Stroke::new(2.0, cx.style.selection);
        cx.painter
            .rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Inside);
        match cx.findings.get(&key) {
            Some(f) => response.on_hover_text(hover_text(f)),
            None => response.on_hover_text("合计，按分项自动计算"),
        };
    }
}

/// What a painted cell shows: its text, colour, and for a stated total that differs from its
/// parts the computed figure beneath ("≠540").
fn display(
    cx: &CellContext<'_>,
    state: &GridState,
    cell: &CellDef,
) -> (String, bool, Option<String>) {
    let key = cell.key();
    if let Some((text, _)) = state.invalid.get(&key) {
        return (text.clone(), true, None);
    }
    if cell.kind() != CellKind::Total {
        let value = cx.draft.value(key).map(ToString::to_string);
        return (value.unwrap_or_default(), false, None);
    }
    let computed = cx.totals_now.get(&key).copied().flatten();
    match cx.draft.count(key) {
        Some(stated) if Some(stated) != computed && !(stated == 0 && computed.is_none()) => (
            stated.to_string(),
            true,
            Some(format!("≠{}", computed.unwrap_or(0))),
        ),
        Some(stated) => (stated.to_string(), false, None),
        None => (
            computed.map(|c| c.to_string()).unwrap_or_default(),
            false,
            None,
        ),
    }
}

impl One<'_, '_> {
    fn painted(&self, ui: &mut egui::Ui, state: &mut GridState, actions: &mut Vec<GridAction>) {
        let (cx, cell, rect) = (self.cx, self.cell, self.rect);
        let (key, s, painter) = (cell.key(), cx.style, cx.painter);
        let (text, wrong, note) = display(cx, state, cell);
        let id = egui::Id::unique(("nianbao-cell", key));
        let response = ui.interact(rect, id, Sense::click());
        // The name and the tooltip are made only when asked for (the screen reader's tree, the
        // pointer over the cell): a table has a hundred cells, and the names of all of them,
        // made on every frame, were a twentieth of a frame while the clerk typed.
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(Role::Cell, true, cell_name(cell));
            info.current_text_value = Some(match &note {
                Some(note) => format!("{text} {note}"),
                None => text.clone(),
            });
            info
        });
        if response.hovered() {
            // An outline, not a fill: a grey fill made an entered cell look like a total.
            let stroke = Stroke::new(1.0, s.hover);
            painter.rect_stroke(rect.shrink(1.0), 0.0, stroke, egui::StrokeKind::Inside);
        }
        let color = if wrong { s.error } else { s.text };
        match &note {
            Some(note) => {
                let top =
                    Rect::from_min_max(rect.min, egui::pos2(rect.max.x, rect.center().y + 2.0));
                let bottom = Rect::from_min_max(egui::pos2(rect.min.x, rect.center().y), rect.max);
                text_in(painter, top, &text, (&s.font, color), Align2::RIGHT_CENTER);
                text_in(
                    painter,
                    bottom,
                    note,
                    (&s.small, s.weak),
                    Align2::RIGHT_CENTER,
                );
            }
            None => text_in(painter, rect, &text, (&s.font, color), Align2::RIGHT_CENTER),
        }
        let invalid = state.invalid.get(&key).cloned();
        mark_findings(cx, rect, key, invalid.is_some());
        // A tooltip shows only for the cell under the pointer.
        let response = match (&invalid, cx.findings.get(&key)) {
            _ if !response.contains_pointer() => response,
            (Some((_, e)), _) => response.on_hover_text(e.clone()),
            (None, Some(f)) => response.on_hover_text(hover_text(f)),
            _ => response.on_hover_text(cell_name(cell)),
        };
        if cell.kind() == CellKind::Total && cx.draft.count(key).is_some() {
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
            // A click selects where the pointer is: nothing scrolls under it. Shift+click
            // selects the range from the selected cell to here.
            // The click's own modifiers: Shift may be released by the time the click ends.
            let shift = ui.input(|i| {
                i.modifiers.shift
                    || (i.events.iter()).any(|e| {
                        matches!(e, egui::Event::PointerButton { modifiers, .. } if modifiers.shift)
                    })
            });
            let anchor = shift.then(|| state.anchor.or(state.selected));
            select(state, key);
            state.anchor = anchor.flatten();
            state.last_click = Some((key, ui.input(|i| i.time)));
            state.scroll_pending = false;
            actions.push(GridAction::EndTyping);
        }
    }
}

/// The frame of a cell with a typing error (red, thick), an error (red) or a warning.
fn mark_findings(cx: &CellContext<'_>, rect: Rect, key: CellKey, invalid: bool) {
    let s = cx.style;
    let severity = (cx.findings.get(&key)).and_then(|f| f.iter().map(|f| f.severity).min());
    let (rect, stroke) = match (invalid, severity) {
        (true, _) => (rect, Stroke::new(2.0, s.error)),
        (false, Some(Severity::Error)) => (rect.shrink(1.0), Stroke::new(2.0, s.error)),
        (false, Some(Severity::Warning)) => (rect.shrink(1.0), Stroke::new(1.0, s.warn)),
        (false, None) => return,
    };
    cx.painter
        .rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Inside);
}
