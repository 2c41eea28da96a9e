//! The command table: every action of the window with its Chinese label, tooltip, shortcuts and
//! scope. The menus, the keyboard handling, the command palette and the unsaved-changes guard all
//! read it, so a shortcut is defined once and the menu shows it.

mod table;

use egui::KeyboardShortcut;
#[cfg(test)]
use egui::{Key, Modifiers};

use self::table::TABLE;

/// Where a command's shortcut is live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window (a text field's own keys excepted, see [`Command::yields_to_text`]).
    Global,
    /// While a cell of a statistical table is selected.
    Grid,
    /// While a text field of the forms has the keyboard.
    TextField,
}

impl Scope {
    /// Whether a key can reach both scopes at once: then two commands must not share it.
    pub fn overlaps(self, other: Scope) -> bool {
        self == other || self == Scope::Global || other == Scope::Global
    }
}

/// The menu a command is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Years,
    Edit,
    View,
    /// 设置
    Settings,
    Help,
    /// Not in a menu: keys of the grid.
    None,
}

/// Every action of the window that a menu, a key or the palette can start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    OpenTyped,
    ImportFile,
    ImportPaste,
    Save,
    SaveAs,
    SaveAsTyped,
    /// 文件 → 导出 → 网页、纯文本或 Word…
    Export,
    /// 文件 → 导出 → 图解（SVG 矢量图）… / 图解（PNG 图片）…
    ExportChartSvg,
    ExportChartPng,
    Quit,
    NextYear,
    PickLastYear,
    ClearLastYear,
    Compare,
    Merge,
    /// 审核汇总台
    ReviewBoard,
    Undo,
    Redo,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    ToggleSections,
    ToggleFindings,
    /// The 图表 view beside the sections.
    ToggleCharts,
    /// 设置 → 地方要求
    RegionalProfile,
    Palette,
    Guide,
    About,
    // The grid's keys (issue: spreadsheet-grade editing adds to these).
    CellNext,
    CellPrev,
    CellDown,
    CellUp,
    CellRight,
    CellLeft,
    CellEdit,
    CellCancel,
    CellClear,
    CellCopy,
    ExtendUp,
    ExtendDown,
    ExtendLeft,
    ExtendRight,
}

/// Whether a key press is this shortcut.
fn matches(shortcut: &KeyboardShortcut, key: egui::Key, pressed: egui::Modifiers) -> bool {
    let shifted_symbol = matches!(key, egui::Key::Plus | egui::Key::Equals | egui::Key::Minus);
    shortcut.logical_key == key
        && (pressed.matches_exact(shortcut.modifiers)
            || shifted_symbol && pressed.matches_logically(shortcut.modifiers))
}

/// What the table says of a command.
pub struct CommandInfo {
    pub command: Command,
    pub label: &'static str,
    pub tooltip: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
    pub scope: Scope,
    pub menu: Menu,
    /// It puts another document in the window (or closes it): unsaved changes are asked about
    /// first.
    pub leaves_document: bool,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 45] = [
        Command::New,
        Command::Open,
        Command::OpenTyped,
        Command::ImportFile,
        Command::ImportPaste,
        Command::Save,
        Command::SaveAs,
        Command::SaveAsTyped,
        Command::Export,
        Command::ExportChartSvg,
        Command::ExportChartPng,
        Command::Quit,
        Command::NextYear,
        Command::PickLastYear,
        Command::ClearLastYear,
        Command::Compare,
        Command::Merge,
        Command::ReviewBoard,
        Command::Undo,
        Command::Redo,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleTheme,
        Command::ToggleSections,
        Command::ToggleFindings,
        Command::ToggleCharts,
        Command::RegionalProfile,
        Command::Palette,
        Command::Guide,
        Command::About,
        Command::CellNext,
        Command::CellPrev,
        Command::CellDown,
        Command::CellUp,
        Command::CellRight,
        Command::CellLeft,
        Command::CellEdit,
        Command::CellCancel,
        Command::CellClear,
        Command::CellCopy,
        Command::ExtendUp,
        Command::ExtendDown,
        Command::ExtendLeft,
        Command::ExtendRight,
    ];

    /// What the table says of this command.
    pub fn info(self) -> &'static CommandInfo {
        TABLE
            .iter()
            .find(|info| info.command == self)
            .unwrap_or_else(|| unreachable!("every command has its line in the table (tested)"))
    }

    /// A focused text field keeps this command's keys for itself (its own undo, redo).
    pub fn yields_to_text(self) -> bool {
        matches!(self, Command::Undo | Command::Redo)
    }

    /// The commands of a menu, in order.
    pub fn of_menu(menu: Menu) -> impl Iterator<Item = Command> {
        Command::ALL
            .into_iter()
            .filter(move |c| c.info().menu == menu)
    }

    /// The shortcut a menu shows: the first one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.info()
            .shortcuts
            .first()
            .map(|s| ctx.format_shortcut(s))
    }

    /// Whether the palette's search text finds this command: every word of the query in the
    /// label or the tooltip, case-insensitively.
    pub fn matches(self, query: &str) -> bool {
        let info = self.info();
        let haystack = format!("{} {}", info.label, info.tooltip).to_lowercase();
        query
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }

    /// Takes this command's shortcut from the input if it was pressed. Modifiers must match
    /// exactly (egui's own matching ignores an extra Shift, which would let Ctrl+Shift+S save and
    /// Shift+↓ move instead of extending the selection); a symbol that may need Shift to type
    /// (Ctrl + +) is matched as egui does.
    pub fn consume(self, input: &mut egui::InputState) -> bool {
        let shortcuts = self.info().shortcuts;
        let mut found = false;
        input.events.retain(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !found && shortcuts.iter().any(|s| matches(s, *key, *modifiers)) => {
                found = true;
                false
            }
            _ => true,
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two shortcuts clash when one key press would match both: the same key with the same
    /// modifiers (egui matches Ctrl+Shift+Z only as that, and Ctrl+Z without Shift).
    fn same_key(a: &KeyboardShortcut, b: &KeyboardShortcut) -> bool {
        a.logical_key == b.logical_key && a.modifiers == b.modifiers
    }

    /// Whether one key press could start both commands.
    fn clashing(a: &CommandInfo, b: &CommandInfo) -> bool {
        let shared = a
            .shortcuts
            .iter()
            .any(|x| b.shortcuts.iter().any(|y| same_key(x, y)));
        shared && a.scope.overlaps(b.scope)
    }

    #[test]
    fn no_two_commands_of_overlapping_scopes_share_a_shortcut() {
        let mut clashes = Vec::new();
        for (i, a) in Command::ALL.iter().enumerate() {
            for b in &Command::ALL[i + 1..] {
                if clashing(a.info(), b.info()) {
                    clashes.push((*a, *b));
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:?}");
    }

    #[test]
    fn the_clash_check_finds_a_clash() {
        // A grid key bound to Ctrl+Z would clash with 撤销 (global).
        let grid_ctrl_z = CommandInfo {
            command: Command::CellNext,
            label: "假命令",
            tooltip: "",
            shortcuts: &[KeyboardShortcut {
                modifiers: Modifiers::COMMAND,
                logical_key: Key::Z,
            }],
            scope: Scope::Grid,
            menu: Menu::None,
            leaves_document: false,
        };
        assert!(clashing(Command::Undo.info(), &grid_ctrl_z));
        // Grid and text-field keys may share a key: they are never live at once.
        let text_tab = CommandInfo {
            scope: Scope::TextField,
            shortcuts: Command::CellNext.info().shortcuts,
            ..grid_ctrl_z
        };
        assert!(!clashing(Command::CellNext.info(), &text_tab));
    }

    #[test]
    fn the_table_has_one_line_per_command() {
        assert_eq!(TABLE.len(), Command::ALL.len());
        for c in Command::ALL {
            assert_eq!(TABLE.iter().filter(|i| i.command == c).count(), 1, "{c:?}");
        }
    }

    #[test]
    fn every_command_has_a_label_and_a_tooltip_and_is_listed_once() {
        for (i, c) in Command::ALL.iter().enumerate() {
            let info = c.info();
            assert!(!info.label.is_empty() && !info.tooltip.is_empty(), "{c:?}");
            assert!(!Command::ALL[i + 1..].contains(c), "{c:?} listed twice");
        }
    }

    #[test]
    fn the_palette_finds_commands_by_part_of_their_chinese_label() {
        let found: Vec<Command> = Command::ALL
            .into_iter()
            .filter(|c| c.matches("下一年度报告"))
            .collect();
        assert_eq!(found, vec![Command::NextYear]);
        assert!(Command::Export.matches("word"));
    }
}
