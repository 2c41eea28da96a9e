//! 命令面板 (Ctrl+Shift+P, F1): every command of the window, found by part of its Chinese label
//! and run from the keyboard.

use crate::gui::commands::{Command, Menu};

#[derive(Default)]
pub struct Palette {
    query: String,
    /// The highlighted line of the matches.
    selected: usize,
    focused: bool,
}

pub enum Outcome {
    Run(Command),
    Close,
}

impl Palette {
    /// The commands the palette offers for the query: those of the menus that can run now.
    fn matches(&self, enabled: &dyn Fn(Command) -> bool) -> Vec<Command> {
        Command::ALL
            .into_iter()
            .filter(|c| c.info().menu != Menu::None && *c != Command::Palette)
            .filter(|c| enabled(*c) && c.matches(&self.query))
            .collect()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, enabled: &dyn Fn(Command) -> bool) -> Option<Outcome> {
        ui.set_width(520.0);
        ui.heading("命令面板");
        let l = ui.label("查找命令");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("输入命令名称的一部分，如“导出”“下一年度”")
                    .desired_width(500.0),
            )
            .labelled_by(l.id);
        if !self.focused {
            response.request_focus();
            self.focused = true;
        }
        if response.changed() {
            self.selected = 0;
        }
        let found = self.matches(enabled);
        // Escape is the window's for every dialog (it leaves it to an input method composing).
        let (up, down, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.key_pressed(egui::Key::Enter),
            )
        });
        if down && self.selected + 1 < found.len() {
            self.selected += 1;
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        if enter && let Some(c) = found.get(self.selected) {
            return Some(Outcome::Run(*c));
        }
        let mut outcome = None;
        egui::ScrollArea::vertical()
            .id_salt("nianbao-palette")
            .max_height(360.0)
            .show(ui, |ui| {
                for (i, c) in found.iter().enumerate() {
                    let info = c.info();
                    let shortcut = c.shortcut_text(ui.ctx()).unwrap_or_default();
                    let button = egui::Button::selectable(i == self.selected, info.label)
                        .shortcut_text(shortcut);
                    let response = ui.add(button);
                    // The accessible name is the label alone (the shortcut is shown beside it).
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Button,
                            true,
                            i == self.selected,
                            info.label,
                        )
                    });
                    if response.on_hover_text(info.tooltip).clicked() {
                        outcome = Some(Outcome::Run(*c));
                    }
                }
                if found.is_empty() {
                    ui.weak("没有找到命令");
                }
            });
        if ui.button("关闭").clicked() {
            outcome = Some(Outcome::Close);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};
    use egui::Key;

    #[test]
    fn typing_part_of_a_label_and_enter_runs_the_command() {
        let mut h = drive(Palette::default(), |d: &mut Palette, ui| {
            d.ui(ui, &|c| c != Command::ClearLastYear)
        });
        h.run();
        assert!(
            h.query_by_label("取消跨年度核对").is_none(),
            "not enabled now"
        );
        h.get_by_label("查找命令").type_text("导出");
        h.run();
        // Found by 导出 in its tooltip: its label is the one under 文件 → 导出.
        assert!(h.query_by_label("网页、纯文本或 Word…").is_some());
        assert!(h.query_by_label("保存").is_none());
        h.key_press(Key::Enter);
        h.run();
        assert!(matches!(
            h.state().outcome,
            Some(Outcome::Run(Command::Export))
        ));
    }
}
