//! The command table: every action of the window with its Chinese label, tooltip, shortcuts and
//! scope. The menus, the keyboard handling, the command palette and the unsaved-changes guard all
//! read it, so a shortcut is defined once and the menu shows it.

use egui::{Key, KeyboardShortcut, Modifiers};

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
    Export,
    Quit,
    NextYear,
    PickLastYear,
    ClearLastYear,
    Compare,
    Merge,
    Undo,
    Redo,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    Palette,
    About,
    // The grid's keys (issue: spreadsheet-grade editing adds to these).
    CellNext,
    CellPrev,
    CellDown,
    CellUp,
    CellRight,
    CellLeft,
}

/// What the table says of a command.
pub struct CommandInfo {
    pub label: &'static str,
    pub tooltip: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
    pub scope: Scope,
    pub menu: Menu,
    /// It puts another document in the window (or closes it): unsaved changes are asked about
    /// first.
    pub leaves_document: bool,
}

/// A shortcut as a constant expression, so that `&[key!(…)]` is a `'static` slice.
macro_rules! key {
    ($modifiers:expr, $key:expr) => {
        KeyboardShortcut {
            modifiers: $modifiers,
            logical_key: $key,
        }
    };
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 29] = [
        Command::New,
        Command::Open,
        Command::OpenTyped,
        Command::ImportFile,
        Command::ImportPaste,
        Command::Save,
        Command::SaveAs,
        Command::SaveAsTyped,
        Command::Export,
        Command::Quit,
        Command::NextYear,
        Command::PickLastYear,
        Command::ClearLastYear,
        Command::Compare,
        Command::Merge,
        Command::Undo,
        Command::Redo,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleTheme,
        Command::Palette,
        Command::About,
        Command::CellNext,
        Command::CellPrev,
        Command::CellDown,
        Command::CellUp,
        Command::CellRight,
        Command::CellLeft,
    ];

    pub fn info(self) -> CommandInfo {
        let (label, tooltip, shortcuts, scope, menu, leaves_document): (
            &'static str,
            &'static str,
            &'static [KeyboardShortcut],
            Scope,
            Menu,
            bool,
        ) = match self {
            Command::New => (
                "新建…",
                "新建一份年度报告草稿（按年度自动选择表格格式）",
                &[key!(CTRL, Key::N)],
                Scope::Global,
                Menu::File,
                true,
            ),
            Command::Open => (
                "打开…",
                "打开 .ron 草稿",
                &[key!(CTRL, Key::O)],
                Scope::Global,
                Menu::File,
                true,
            ),
            Command::OpenTyped => (
                "按路径打开…",
                "输入或粘贴草稿的路径来打开（系统没有文件对话框时使用）",
                &[],
                Scope::Global,
                Menu::File,
                true,
            ),
            Command::ImportFile => (
                "从文本文件导入…",
                "把已发布的年度报告（网页复制、PDF 提取的文字）读成草稿",
                &[],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::ImportPaste => (
                "粘贴报告全文导入…",
                "把复制的报告全文粘贴进来，读成草稿",
                &[],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::Save => (
                "保存",
                "保存草稿（先写临时文件再替换，原文件保留为 .bak）",
                &[key!(CTRL, Key::S)],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::SaveAs => (
                "另存为…",
                "把草稿保存到另一个文件",
                &[key!(CTRL_SHIFT, Key::S)],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::SaveAsTyped => (
                "按路径另存为…",
                "输入或粘贴保存的路径（系统没有文件对话框时使用）",
                &[],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::Export => (
                "导出…",
                "导出网页、纯文本或 Word 文档，导出前可预览",
                &[key!(CTRL, Key::E)],
                Scope::Global,
                Menu::File,
                false,
            ),
            Command::Quit => (
                "退出",
                "关闭窗口（有未保存的修改时先询问）",
                &[key!(CTRL, Key::Q)],
                Scope::Global,
                Menu::File,
                true,
            ),
            Command::NextYear => (
                "新建下一年度报告",
                "由当前草稿生成下一年度的草稿：带入机关信息、上年结转和正文",
                &[],
                Scope::Global,
                Menu::Years,
                true,
            ),
            Command::PickLastYear => (
                "选择上年报告（跨年度核对）…",
                "读取上一年度报告的数字，启用跨年度核对（R8、R9）",
                &[],
                Scope::Global,
                Menu::Years,
                false,
            ),
            Command::ClearLastYear => (
                "取消跨年度核对",
                "不再与上年报告核对",
                &[],
                Scope::Global,
                Menu::Years,
                false,
            ),
            Command::Compare => (
                "本年与上年对比…",
                "选择上年草稿，逐项对比数字",
                &[],
                Scope::Global,
                Menu::Years,
                false,
            ),
            // Asks about unsaved changes once the units are chosen, not before.
            Command::Merge => (
                "汇总多个单位…",
                "把同一年度多个单位的草稿相加，生成汇总草稿",
                &[],
                Scope::Global,
                Menu::Years,
                false,
            ),
            Command::Undo => (
                "撤销",
                "撤销对草稿的上一次修改（文字框内按常规撤销文字）",
                &[key!(CTRL, Key::Z)],
                Scope::Global,
                Menu::Edit,
                false,
            ),
            Command::Redo => (
                "重做",
                "重做撤销的修改",
                &[key!(CTRL, Key::Y), key!(CTRL_SHIFT, Key::Z)],
                Scope::Global,
                Menu::Edit,
                false,
            ),
            Command::ZoomIn => (
                "放大",
                "放大界面（重启后保持）",
                &[key!(CTRL, Key::Plus), key!(CTRL, Key::Equals)],
                Scope::Global,
                Menu::View,
                false,
            ),
            Command::ZoomOut => (
                "缩小",
                "缩小界面（重启后保持）",
                &[key!(CTRL, Key::Minus)],
                Scope::Global,
                Menu::View,
                false,
            ),
            Command::ZoomReset => (
                "恢复 100%",
                "界面恢复原始大小",
                &[key!(CTRL, Key::Num0)],
                Scope::Global,
                Menu::View,
                false,
            ),
            Command::ToggleTheme => (
                "切换浅色 / 深色界面",
                "在浅色和深色界面之间切换",
                &[],
                Scope::Global,
                Menu::View,
                false,
            ),
            Command::Palette => (
                "命令面板…",
                "按名称查找并执行任何命令",
                &[key!(CTRL_SHIFT, Key::P), key!(NONE, Key::F1)],
                Scope::Global,
                Menu::Help,
                false,
            ),
            Command::About => ("关于", "版本与许可", &[], Scope::Global, Menu::Help, false),
            Command::CellNext => (
                "下一个单元格",
                "移到右边的单元格，行末换到下一行",
                &[key!(NONE, Key::Tab)],
                Scope::Grid,
                Menu::None,
                false,
            ),
            Command::CellPrev => (
                "上一个单元格",
                "移到左边的单元格，行首换到上一行",
                &[key!(SHIFT, Key::Tab)],
                Scope::Grid,
                Menu::None,
                false,
            ),
            Command::CellDown => (
                "下方单元格",
                "移到同一列下方的单元格",
                &[key!(NONE, Key::Enter), key!(NONE, Key::ArrowDown)],
                Scope::Grid,
                Menu::None,
                false,
            ),
            Command::CellUp => (
                "上方单元格",
                "移到同一列上方的单元格",
                &[key!(SHIFT, Key::Enter), key!(NONE, Key::ArrowUp)],
                Scope::Grid,
                Menu::None,
                false,
            ),
            Command::CellRight => (
                "右侧单元格",
                "光标在数字末尾时移到右侧单元格",
                &[key!(NONE, Key::ArrowRight)],
                Scope::Grid,
                Menu::None,
                false,
            ),
            Command::CellLeft => (
                "左侧单元格",
                "光标在数字开头时移到左侧单元格",
                &[key!(NONE, Key::ArrowLeft)],
                Scope::Grid,
                Menu::None,
                false,
            ),
        };
        CommandInfo {
            label,
            tooltip,
            shortcuts,
            scope,
            menu,
            leaves_document,
        }
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

    /// Takes this command's shortcut from the input if it was pressed.
    pub fn consume(self, input: &mut egui::InputState) -> bool {
        self.info()
            .shortcuts
            .iter()
            .any(|s| input.consume_shortcut(s))
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
                if clashing(&a.info(), &b.info()) {
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
            label: "假命令",
            tooltip: "",
            shortcuts: &[key!(Modifiers::COMMAND, Key::Z)],
            scope: Scope::Grid,
            menu: Menu::None,
            leaves_document: false,
        };
        assert!(clashing(&Command::Undo.info(), &grid_ctrl_z));
        // Grid and text-field keys may share a key: they are never live at once.
        let text_tab = CommandInfo {
            scope: Scope::TextField,
            shortcuts: Command::CellNext.info().shortcuts,
            ..grid_ctrl_z
        };
        assert!(!clashing(&Command::CellNext.info(), &text_tab));
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
            .filter(|c| c.matches("下一年度"))
            .collect();
        assert_eq!(found, vec![Command::NextYear]);
        assert!(Command::Export.matches("word"));
    }
}
