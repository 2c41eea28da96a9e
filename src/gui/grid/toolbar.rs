//! Above the grid: 空白填0, 合计全部采用计算值, the keys to use, and one line that names the
//! selected cell (a spreadsheet's name box) and offers the choice for a stated total.

use egui::Sense;

use super::{GridAction, GridState};
use crate::draft::Draft;
use crate::format::{CellKind, TableDef, TableId};
use crate::totals;

/// The buttons above a table, and the line for the selected cell. Drawn outside the table's
/// scroll area, so it stays in view.
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
