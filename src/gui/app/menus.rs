//! The menu bar, drawn from the command table: each entry's label, tooltip, shortcut and whether
//! it can run now come from there.

use super::App;
use super::lifecycle::Pending;
use crate::gui::commands::{Command, Menu};

/// One line of a menu.
enum Entry {
    Command(Command),
    /// A submenu of commands.
    Sub(&'static str, &'static [Command]),
    /// 最近打开.
    Recent,
    Separator,
}

const FILE: &[Entry] = &[
    Entry::Command(Command::New),
    Entry::Command(Command::Open),
    Entry::Sub(
        "导入已发布年报",
        &[Command::ImportFile, Command::ImportPaste],
    ),
    Entry::Command(Command::OpenTyped),
    Entry::Recent,
    Entry::Separator,
    Entry::Command(Command::Save),
    Entry::Command(Command::SaveAs),
    // 文件 → 导出 → 网页、纯文本或 Word… / 图解（SVG 矢量图）… / 图解（PNG 图片）…
    Entry::Sub(
        "导出",
        &[
            Command::Export,
            Command::ExportChartSvg,
            Command::ExportChartPng,
        ],
    ),
    Entry::Command(Command::SaveAsTyped),
    Entry::Separator,
    Entry::Command(Command::Quit),
];

const YEARS: &[Entry] = &[
    Entry::Command(Command::NextYear),
    Entry::Command(Command::PickLastYear),
    Entry::Command(Command::ClearLastYear),
    Entry::Command(Command::Compare),
    Entry::Command(Command::Merge),
    Entry::Command(Command::ReviewBoard),
];

const EDIT: &[Entry] = &[Entry::Command(Command::Undo), Entry::Command(Command::Redo)];

const VIEW: &[Entry] = &[
    Entry::Command(Command::ZoomIn),
    Entry::Command(Command::ZoomOut),
    Entry::Command(Command::ZoomReset),
    Entry::Separator,
    Entry::Command(Command::ToggleTheme),
    Entry::Command(Command::ToggleSections),
    Entry::Command(Command::ToggleFindings),
    Entry::Command(Command::ToggleCharts),
];

const SETTINGS: &[Entry] = &[Entry::Command(Command::RegionalProfile)];

const HELP: &[Entry] = &[
    Entry::Command(Command::Guide),
    Entry::Command(Command::Palette),
    Entry::Command(Command::About),
];

/// The menus in order, with their titles.
const MENUS: [(&str, Menu, &[Entry]); 6] = [
    ("文件", Menu::File, FILE),
    ("年度与汇总", Menu::Years, YEARS),
    ("编辑", Menu::Edit, EDIT),
    ("视图", Menu::View, VIEW),
    ("设置", Menu::Settings, SETTINGS),
    ("帮助", Menu::Help, HELP),
];

impl App {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let mut chosen = None;
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, _, entries) in MENUS {
                ui.menu_button(title, |ui| {
                    for entry in entries {
                        if let Some(c) = self.entry_ui(ui, entry) {
                            chosen = Some(c);
                        }
                    }
                });
            }
            if self.board.is_some() && !self.board_shown && ui.button("返回审核汇总台").clicked()
            {
                self.board_shown = true;
            }
        });
        match chosen {
            Some(Chosen::Command(c)) => self.run(c, &ui.ctx().clone()),
            Some(Chosen::Recent(path)) => self.request(Pending::Open(Some(path))),
            None => {}
        }
    }

    fn entry_ui(&self, ui: &mut egui::Ui, entry: &Entry) -> Option<Chosen> {
        match entry {
            Entry::Command(c) => self.command_ui(ui, *c).then_some(Chosen::Command(*c)),
            Entry::Sub(title, commands) => {
                let mut chosen = None;
                ui.menu_button(*title, |ui| {
                    for c in *commands {
                        if self.command_ui(ui, *c) {
                            chosen = Some(Chosen::Command(*c));
                        }
                    }
                });
                chosen
            }
            Entry::Recent => {
                let mut chosen = None;
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            chosen = Some(Chosen::Recent(path.clone()));
                        }
                    }
                });
                chosen
            }
            Entry::Separator => {
                ui.separator();
                None
            }
        }
    }

    /// A menu entry for a command, with its shortcut; returns whether it was clicked.
    fn command_ui(&self, ui: &mut egui::Ui, c: Command) -> bool {
        let info = c.info();
        let shortcut = c.shortcut_text(ui.ctx()).unwrap_or_default();
        let enabled = self.can_run(c);
        let button = egui::Button::new(info.label).shortcut_text(shortcut.clone());
        let response = ui.add_enabled(enabled, button);
        // The accessible name is the label alone; the shortcut is the node's own property.
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, info.label));
        if !shortcut.is_empty() {
            ui.ctx().accesskit_node_builder(response.id, |node| {
                node.set_keyboard_shortcut(shortcut);
            });
        }
        response.on_hover_text(info.tooltip).clicked()
    }
}

/// What was chosen from a menu.
enum Chosen {
    Command(Command),
    Recent(std::path::PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_command_is_in_its_menu_once() {
        for (_, menu, entries) in MENUS {
            let listed: Vec<Command> = (entries.iter())
                .flat_map(|e| match e {
                    Entry::Command(c) => vec![*c],
                    Entry::Sub(_, cs) => cs.to_vec(),
                    _ => vec![],
                })
                .collect();
            let expected: Vec<Command> = Command::of_menu(menu).collect();
            let mut sorted = listed.clone();
            sorted.sort_by_key(|c| Command::ALL.iter().position(|x| x == c));
            assert_eq!(sorted, expected, "{menu:?}");
        }
    }
}
