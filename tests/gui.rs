//! The real window, driven headless through egui_kittest: found by label, typed into, clicked.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use nianbao::check::RuleId;
use nianbao::draft::{Draft, Level};
use nianbao::format::{CellKey, TableId};
use nianbao::gui::{App, DialogBackend, Section, install_fonts};
use nianbao::value::Value;

#[allow(dead_code)] // The window's tests use some of the shared helpers.
mod common;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

fn harness(app: App) -> Harness<'static, App> {
    harness_at(app, [1280.0, 800.0], 1.0)
}

/// The window on a screen of this size (in pixels at 100 %) and scaling.
fn harness_at(app: App, size: [f32; 2], pixels_per_point: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(pixels_per_point)
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The app with an example open, showing a section.
fn open(name: &str, section: Section) -> Harness<'static, App> {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example(name));
    app.set_section(section);
    let mut h = harness(app);
    h.run();
    h
}

fn t3(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T3,
        row,
        col,
    }
}

/// The accessible name of a table-三 cell, as the grid gives it.
fn t3_name(row: &str, col: &str) -> String {
    let col_path = match col {
        "自然人" | "总计" => format!("申请人情况·{col}"),
        other => format!("申请人情况·法人或其他组织·{other}"),
    };
    format!("表三 {row} {col_path}")
}

const NEW: &str = "一、本年新收政府信息公开申请数量";
const CARRIED: &str = "二、上年结转政府信息公开申请数量";

fn focused_label(h: &Harness<'_, App>) -> String {
    h.get_by(|n| n.is_focused())
        .accesskit_node()
        .label()
        .unwrap_or_default()
}

/// Clicks a cell and replaces what it holds by typing.
fn type_into(h: &mut Harness<'_, App>, name: &str, text: &str) {
    h.get_by_label(name).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by(|n| n.is_focused()).type_text(text);
    h.run();
}

/// The app with a new, empty draft of 2022 showing table 三.
fn new_draft() -> Harness<'static, App> {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.new_draft(Draft::new("某区人民政府办公室", Level::Department, 2022));
    app.set_section(Section::Table(TableId::T3));
    let mut h = harness(app);
    h.run();
    h
}

#[test]
fn typing_into_a_cell_updates_the_total_and_the_findings_at_once() {
    let mut h = new_draft();
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("")
    );
    type_into(&mut h, &t3_name(NEW, "自然人"), "7");
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("7")
    );
    type_into(&mut h, &t3_name(NEW, "商业企业"), "2");
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("9")
    );
    let r3 = |h: &Harness<'_, App>| {
        h.state()
            .findings()
            .iter()
            .filter(|f| f.rule == RuleId::R3)
            .count()
    };
    // Nine requests came in and no result is entered yet: not an inconsistency while one side of
    // 一 + 二 = 三（七）+ 四 is blank (R4 lists the blanks).
    assert_eq!(r3(&h), 0);
    // Once results are entered, the columns that do not add up are errors.
    type_into(&mut h, &t3_name("（一）予以公开", "自然人"), "5");
    assert_eq!(r3(&h), 2, "自然人 and 总计 columns");
    let (errors, _) = nianbao::check::tally(h.state().findings());
    assert!(
        h.query_by_label(&format!("错误 {errors}")).is_some(),
        "the error count is visible"
    );
    type_into(&mut h, &t3_name("（一）予以公开", "自然人"), "7");
    type_into(&mut h, &t3_name("（一）予以公开", "商业企业"), "2");
    assert_eq!(
        h.state()
            .findings()
            .iter()
            .filter(|f| f.rule == RuleId::R3)
            .count(),
        0
    );
}

#[test]
fn a_published_total_that_no_longer_matches_shows_both_figures() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    assert!(h.state().findings().is_empty());
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("291")
    );
    type_into(&mut h, &t3_name(NEW, "自然人"), "280");
    assert_eq!(
        h.state().document().draft().count(t3("new", "natural")),
        Some(280)
    );
    // The stated 291 stays, marked, beside the computed 301; R1 names the row.
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("291 ≠301")
    );
    let rules: Vec<_> = h.state().findings().iter().map(|f| f.rule).collect();
    assert!(
        rules.contains(&RuleId::R1) && rules.contains(&RuleId::R3),
        "{rules:?}"
    );
    h.get_by_label("合计全部采用计算值").click();
    h.run();
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("301")
    );
}

#[test]
fn letters_in_a_number_cell_mark_it_and_leave_the_draft_alone() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    let before = h.state().document().draft().clone();
    type_into(&mut h, &t3_name(NEW, "商业企业"), "12a");
    assert_eq!(
        h.state().document().draft(),
        &before,
        "the draft keeps its last valid value"
    );
    let (text, error) = h
        .state()
        .grid_state()
        .invalid_text(t3("new", "commercial"))
        .cloned()
        .expect("marked");
    assert_eq!(text, "12a");
    assert!(error.contains("不是数字"), "{error}");
    // Moving on keeps the mark on the cell, showing what was typed.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "商业企业")).value().as_deref(),
        Some("12a")
    );
    assert_eq!(h.state().document().draft(), &before);
}

#[test]
fn full_width_digits_and_separators_are_accepted() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T2));
    type_into(&mut h, "表二 行政许可 本年处理决定数量", "５３７，８４８");
    let key = CellKey {
        table: TableId::T2,
        row: "licensing",
        col: "decisions",
    };
    assert_eq!(
        h.state().document().draft().value(key),
        Some(&Value::Count(537_848))
    );
}

#[test]
fn the_keyboard_moves_like_a_spreadsheet() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    h.get_by_label(&t3_name(NEW, "自然人")).click();
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "自然人"));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "商业企业"));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(focused_label(&h), t3_name(CARRIED, "商业企业"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(focused_label(&h), t3_name(CARRIED, "自然人"));
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "自然人"));
}

#[test]
fn pasting_blocks_fills_or_refuses_and_undo_takes_a_paste_back() {
    let mut h = new_draft();
    let before = h.state().document().draft().clone();
    h.get_by_label(&t3_name(NEW, "自然人")).click();
    h.run();
    // Two rows copied from Excel with their label column.
    h.event(Event::Paste(format!(
        "{NEW}\t300\t12\t0\t0\t1\t9\r\n{CARRIED}\t5\t0\t0\t0\t0\t0\r\n"
    )));
    h.run();
    let draft = h.state().document().draft();
    assert_eq!(draft.count(t3("new", "natural")), Some(300));
    assert_eq!(draft.count(t3("new", "commercial")), Some(12));
    assert_eq!(draft.count(t3("carried", "natural")), Some(5));
    assert_eq!(
        h.get_by_label(&t3_name(CARRIED, "总计")).value().as_deref(),
        Some("5")
    );

    // A block wider than the table from here is refused and changes nothing.
    let after_paste = h.state().document().draft().clone();
    h.get_by(|n| n.is_focused()).type_text("");
    h.event(Event::Paste("1\t2\t3\t4\t5\t6\t7\t8".into()));
    h.run();
    assert_eq!(h.state().document().draft(), &after_paste);
    let (message, is_error) = h.state().notice().cloned().expect("a message");
    assert!(is_error && message.contains("未粘贴任何内容"), "{message}");

    // One Ctrl+Z takes back the whole paste; Ctrl+Y puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document().draft(), &before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().document().draft(), &after_paste);
}

#[test]
fn clicking_a_finding_focuses_its_cell() {
    let mut h = open("2021-jinjiang.ron", Section::Basic);
    h.get_by_label_contains("「自然人」列：（七）总计 填写为 0，按各办理结果之和应为 540")
        .click();
    h.run();
    assert_eq!(h.state().section(), Section::Table(TableId::T3));
    assert_eq!(focused_label(&h), t3_name("（七）总计", "自然人"));

    h.get_by_label_contains("R11").click();
    h.run();
    assert_eq!(h.state().section(), Section::OtherMatters);
    assert_eq!(focused_label(&h), "正文");
}

#[test]
fn a_stated_total_can_be_replaced_by_the_computed_one() {
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    let cell = t3_name("（七）总计", "自然人");
    assert_eq!(h.get_by_label(&cell).value().as_deref(), Some("0 ≠540"));
    h.get_by_label(&cell).scroll_to_me();
    h.run();
    h.get_by_label(&cell).click();
    h.run();
    h.get_by_label("采用计算值").click();
    h.run();
    let draft = h.state().document().draft();
    assert_eq!(
        draft.value(t3("total", "natural")),
        None,
        "the stated 0 is gone"
    );
    let r2_natural = h
        .state()
        .findings()
        .iter()
        .any(|f| f.rule == RuleId::R2 && f.message.contains("「自然人」列"));
    assert!(!r2_natural);
}

#[test]
fn fill_blanks_with_zero_is_one_step() {
    let mut h = open("2019-yonghe.ron", Section::Table(TableId::T3));
    assert_eq!(
        h.state()
            .document()
            .draft()
            .blank_entered_cells(TableId::T3)
            .len(),
        2
    );
    h.get_by_label("空白填0").click();
    h.run();
    assert!(
        h.state()
            .document()
            .draft()
            .blank_entered_cells(TableId::T3)
            .is_empty()
    );
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(
        h.state()
            .document()
            .draft()
            .blank_entered_cells(TableId::T3)
            .len(),
        2
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    type_into(&mut h, &t3_name(NEW, "自然人"), "1");
    assert!(h.state().document().is_dirty());
    assert!(
        h.state().window_title().starts_with('●'),
        "{}",
        h.state().window_title()
    );
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(!h.state().close_confirmed());
    assert!(h.query_by_label("有未保存的修改").is_none());

    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出").click();
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    assert!(h.state().close_confirmed());
}

/// Escape in a dialog does what its 取消 / 关闭 button does, as in any desktop program: the
/// export dialog closes; the unsaved-changes question is cancelled, and the draft stays open
/// with its change.
#[test]
fn escape_closes_a_dialog_as_its_cancel_button_does() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    open_export_dialog(&mut h);
    assert!(h.query_by_label("导出预览").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("导出预览").is_none());

    type_into(&mut h, &t3_name(NEW, "自然人"), "1");
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_none());
    assert!(!h.state().close_confirmed());
    assert!(h.state().document().is_dirty());
}

/// While an input method composes in a dialog's field, Escape is the input method's (it drops
/// the composition) and the dialog stays; once the text is committed, Escape closes it.
#[test]
fn escape_while_an_input_method_composes_leaves_the_dialog_open() {
    let mut h = path_dialog_for_open();
    h.get_by_label("文件路径").click();
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "wen".into(),
        active_range_chars: None,
    }));
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("文件路径").is_some());
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("文".into())));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("文件路径").is_none());
    assert_eq!(h.state().document().draft().body, "");
}

/// 文件 → 打开… where the system has no file dialog: the path dialog instead.
fn path_dialog_for_open() -> Harness<'static, App> {
    let app = App::new(Default::default(), DialogBackend::Unavailable);
    let mut h = harness(app);
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("打开…").click();
    h.run();
    h.run();
    h
}

#[test]
fn a_path_can_be_typed_where_there_is_no_file_dialog() {
    let mut h = path_dialog_for_open();
    assert!(
        h.query_by_label_contains("未能打开系统的文件选择对话框")
            .is_some()
    );
    // The path field starts with a folder to go on from; the clerk replaces it.
    replace_typed_path(&mut h, example("2021-jinjiang.ron").to_str().unwrap());
    h.get_by_label("打开").click();
    h.run();
    assert_eq!(h.state().document().draft().body, "晋江市人民政府");
    assert_eq!(
        h.state().path(),
        Some(example("2021-jinjiang.ron").as_path())
    );
    // The findings are those of the opened draft, not of the empty one before it.
    let expected = nianbao::check::check(h.state().document().draft());
    assert_eq!(h.state().findings(), expected.as_slice());
    assert!(h.query_by_label("错误 11").is_some());
}

#[test]
fn a_broken_file_is_refused_and_the_open_draft_stays() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(draft_version: 1, body: \"截断").unwrap();
    let mut h = open("2021-jinjiang.ron", Section::Basic);
    let before = h.state().document().draft().clone();
    h.state_mut().open_path(&broken);
    h.run();
    assert!(h.query_by_label("无法打开草稿").is_some());
    assert_eq!(h.state().document().draft(), &before);
    assert_eq!(
        h.state().path(),
        Some(example("2021-jinjiang.ron").as_path())
    );
}

#[test]
fn saving_into_a_missing_folder_explains_and_offers_save_as() {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example("2019-yonghe.ron"));
    let mut h = harness(app);
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("按路径另存为…").click();
    h.run();
    replace_typed_path(&mut h, "/nonexistent-folder/草稿.ron");
    h.get_by_label("保存").click();
    h.run();
    // The reason comes back in the same dialog, with the path as typed, ready to correct.
    assert!(h.query_by_label_contains("文件夹不存在").is_some());
    assert_eq!(
        h.get_by_label("文件路径").value().as_deref(),
        Some("/nonexistent-folder/草稿.ron")
    );
    assert_eq!(h.state().document().draft().body, "晋江市永和镇人民政府");
}

/// Replaces the text of the path dialog's field (which starts with a suggestion).
fn replace_typed_path(h: &mut Harness<'_, App>, text: &str) {
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("文件路径").type_text(text);
    h.run();
}

/// 文件 → 导出 → 网页、纯文本或 Word…
fn open_export_dialog(h: &mut Harness<'_, App>) {
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出").click();
    h.run();
    h.get_by_label("网页、纯文本或 Word…").click();
    h.run();
}

/// 按路径导出… in the open export dialog: types the path and confirms.
fn export_to_typed_path(h: &mut Harness<'_, App>, target: &Path) {
    h.get_by_label("按路径导出…").click_accesskit();
    h.run();
    replace_typed_path(h, target.to_str().unwrap());
    h.get_by_label("导出").click();
    h.run();
}

#[test]
fn export_shows_a_preview_and_writes_the_file() {
    let mut h = open("2021-jinjiang.ron", Section::Basic);
    open_export_dialog(&mut h);
    // The preview of a web page is its text, not its markup; the errors are listed beside it,
    // not in it.
    let preview = h.get_by_label("导出预览").value().unwrap_or_default();
    assert!(
        preview.starts_with("晋江市人民政府2021年政府信息公开工作年度报告\n"),
        "{preview:.200}"
    );
    assert!(
        !preview.contains('<') && !preview.contains("{"),
        "{preview:.200}"
    );
    assert!(!preview.contains("R2"));
    assert!(h.query_by_label_contains("项勾稽错误").is_some());
    h.get_by_label("纯文本").click_accesskit();
    h.run();
    let preview = h.get_by_label("导出预览").value().unwrap_or_default();
    assert!(
        preview.starts_with("晋江市人民政府2021年政府信息公开工作年度报告\n"),
        "{:?}",
        preview.chars().take(80).collect::<String>()
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("年报.txt");
    export_to_typed_path(&mut h, &target);
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(
        written,
        nianbao::export::text::export_text(h.state().document().draft(), Default::default())
    );
}

#[test]
fn export_to_word_writes_the_docx_the_library_makes() {
    let mut h = open("2019-yonghe.ron", Section::Basic);
    open_export_dialog(&mut h);
    h.get_by_label("Word 文档（.docx）").click_accesskit();
    h.run();
    // A Word document is not text: the dialog says how it is laid out and previews its words.
    assert!(h.query_by_label_contains("仿宋_GB2312三号").is_some());
    let preview = h.get_by_label("导出预览").value().unwrap_or_default();
    assert!(preview.starts_with("晋江市永和镇2019年政府信息公开工作年度报告"));

    let dir = tempfile::tempdir().unwrap();
    // No extension typed: the format's is added.
    let target = dir.path().join("永和镇年报");
    export_to_typed_path(&mut h, &target);
    let written = std::fs::read(target.with_extension("docx")).unwrap();
    let expected = nianbao::export::export(
        h.state().document().draft(),
        nianbao::export::ExportFormat::Docx,
        Default::default(),
    )
    .unwrap();
    assert_eq!(written, expected);
    assert!(h.query_by_label_contains("已导出").is_some());

    // The next export starts from the format the clerk chose.
    open_export_dialog(&mut h);
    assert!(h.query_by_label_contains("仿宋_GB2312三号").is_some());
}

#[test]
fn autosave_writes_a_recovery_file_and_the_next_start_offers_it() {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(Default::default(), DialogBackend::Unavailable)
        .with_recovery(data.path(), std::time::Duration::ZERO);
    app.open_path(&example("2019-yonghe.ron"));
    app.set_section(Section::OtherMatters);
    let mut h = harness(app);
    h.run();
    h.get_by_label("正文").click();
    h.run();
    h.get_by_label("正文").type_text("（断电前写的）");
    h.run();
    let recovery = h.state().autosave_path().unwrap().to_path_buf();
    assert!(recovery.exists(), "written shortly after the change");
    let typed = h.state().document().draft().clone();
    drop(h); // The window is gone without saving, as after a power cut.

    // The next start (another process: the file is renamed to a process id that is not running).
    let orphan = data.path().join("session-4194999-1.ron");
    std::fs::rename(&recovery, &orphan).unwrap();
    let app = App::new(Default::default(), DialogBackend::Unavailable)
        .with_recovery(data.path(), std::time::Duration::ZERO);
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label("恢复未保存的草稿").is_some());
    assert!(h.query_by_label_contains("自动保存于").is_some());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(h.state().document().draft(), &typed);
    assert!(
        h.state().document().is_dirty(),
        "restored work is still unsaved"
    );
    assert_eq!(h.state().path(), Some(example("2019-yonghe.ron").as_path()));
    assert!(!orphan.exists());
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("草稿.ron");
    std::fs::copy(example("2019-yonghe.ron"), &path).unwrap();
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&path);
    app.set_section(Section::OtherMatters);
    let mut h = harness(app);
    h.run();
    h.get_by_label("正文").click();
    h.get_by_label("正文").type_text("。");
    h.run();
    // A colleague's program writes the file meanwhile.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("晋江市永和镇人民政府", "别人改过");
    std::fs::write(&path, &theirs).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("文件已被其他程序修改").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing overwritten"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("仍然覆盖保存").click();
    h.run();
    assert_eq!(
        nianbao::draft_file::load(&path).unwrap(),
        *h.state().document().draft()
    );
    assert!(!h.state().document().is_dirty());
}

#[test]
fn a_huge_paste_into_a_field_keeps_the_draft_intact() {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example("2021-jinjiang.ron"));
    app.set_section(Section::Problems);
    // Emoji and CJK Extension B have no glyph in the embedded font (the system's fonts draw them
    // in the real window); here they may show as boxes, and the draft must keep them all.
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(install_fonts)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    let huge: String = "数据\t混合ABC é 😀𠀀\u{7}".repeat(10_000);
    let before = h.state().document().draft().problems.clone();
    h.get_by_label("正文").click();
    h.run();
    h.event(Event::Paste(huge.clone()));
    h.run();
    let problems = &h.state().document().draft().problems;
    assert!(
        problems.contains(&huge),
        "all of it, control characters and all"
    );
    assert_eq!(
        problems.chars().count(),
        before.chars().count() + huge.chars().count()
    );
    assert_eq!(
        problems.replacen(&huge, "", 1),
        before,
        "nothing else changed"
    );
    assert!(h.state().document().can_undo());
}

#[test]
fn generated_sentences_are_refreshed_from_the_tables() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Overview);
    h.get_all_by_label("刷新")
        .next()
        .expect("a refresh button")
        .click();
    h.run();
    let draft = h.state().document().draft();
    let all: String = draft.parts.iter().map(|p| p.text.as_str()).collect();
    assert!(all.contains("本年新收政府信息公开申请291件"), "{all:.300}");
    assert!(all.contains("上年结转政府信息公开申请0件"));
    assert!(h.query_by_label_contains("与表格一致").is_some());
}

#[test]
fn next_years_report_and_comparison_from_the_menu() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Basic);
    h.get_by_label("年度与汇总").click();
    h.run();
    h.get_by_label("新建下一年度报告").click();
    h.run();
    assert!(
        h.query_by_label("新建下一年度报告").is_some(),
        "the notes are shown"
    );
    h.get_by_label("确定").click();
    h.run();
    let draft = h.state().document().draft().clone();
    assert_eq!((draft.year, draft.body.as_str()), (2022, "晋江市人民政府"));
    assert!(
        draft.last_year.is_some(),
        "last year's figures are kept for R8 and R9"
    );
    assert!(h.state().document().is_dirty() && h.state().path().is_none());
    h.state_mut().set_section(Section::Overview);
    h.run();
    assert!(
        h.query_all_by_label_contains("待复核").count() >= 2,
        "carried parts are marked"
    );

    // 本年与上年对比, with last year's file typed where there is no dialog.
    h.get_by_label("年度与汇总").click();
    h.run();
    h.get_by_label("本年与上年对比…").click();
    h.run();
    h.run();
    replace_typed_path(
        &mut h,
        example("2021-jinjiang-corrected.ron").to_str().unwrap(),
    );
    h.get_by_label("选择").click();
    h.run();
    assert!(h.query_by_label("本年与上年对比").is_some());
    assert!(h.query_by_label("2021 年").is_some() && h.query_by_label("2022 年").is_some());
}

#[test]
fn merging_units_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = nianbao::draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    other.body = "晋江市某局".into();
    other.level = Level::Department;
    let other_path = dir.path().join("某局.ron");
    nianbao::draft_file::save(&other, &other_path).unwrap();
    let app = App::new(Default::default(), DialogBackend::Unavailable);
    let mut h = harness(app);
    h.run();
    h.get_by_label("年度与汇总").click();
    h.run();
    h.get_by_label("汇总多个单位…").click();
    h.run();
    h.run();
    let paths = format!(
        "{}\n{}",
        example("2021-jinjiang-corrected.ron").display(),
        other_path.display()
    );
    replace_typed_path(&mut h, &paths);
    h.get_by_label("汇总").click();
    h.run();
    let merged = h.state().document().draft();
    assert_eq!(merged.count(t3("new", "natural")), Some(540), "270 + 270");
    assert_eq!(merged.merged_from.len(), 2);
    assert!(h.query_by_label_contains("已汇总 2 个单位").is_some());
}

/// Clicks a table-三 cell of the 新收 row (selecting it, as in a spreadsheet).
fn select_new(h: &mut Harness<'_, App>, col: &str) {
    h.get_by_label(&t3_name(NEW, col)).click();
    h.run();
}

fn new_count(h: &Harness<'_, App>, col: &'static str) -> Option<u64> {
    h.state().document().draft().count(t3("new", col))
}

#[test]
fn typing_into_a_selected_cell_replaces_its_value() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    select_new(&mut h, "商业企业");
    assert_eq!(focused_label(&h), t3_name(NEW, "商业企业"));
    // The cell holds 11: typing 7 gives 7, not 117 or 711.
    h.get_by(|n| n.is_focused()).type_text("7");
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(7));
    select_new(&mut h, "自然人");
    h.get_by(|n| n.is_focused()).type_text("2");
    h.run();
    assert_eq!(new_count(&h, "natural"), Some(2), "270 replaced, not 2702");
    // Each replacement is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(new_count(&h, "natural"), Some(270));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(11));
}

#[test]
fn f2_or_a_double_click_edits_the_value_at_its_end() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    select_new(&mut h, "商业企业");
    h.key_press(Key::F2);
    h.run();
    h.get_by(|n| n.is_focused()).type_text("0");
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(110));
    // While editing, the arrows move the caret, not the selection.
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "商业企业"));

    // A double click (two clicks a frame apart, at 60 frames a second): the second click
    // lands on the cell's field the first one opened.
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example("2021-jinjiang-corrected.ron"));
    app.set_section(Section::Table(TableId::T3));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label(&t3_name(NEW, "自然人")).click();
    h.step();
    h.get_by_label(&t3_name(NEW, "自然人")).click();
    h.step();
    h.run();
    h.get_by(|n| n.is_focused()).type_text("1");
    h.run();
    assert_eq!(new_count(&h, "natural"), Some(2701));
}

#[test]
fn backspace_empties_a_selected_cell_and_escape_restores_it() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    select_new(&mut h, "商业企业");
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(new_count(&h, "commercial"), None, "blank, not 0");
    h.get_by(|n| n.is_focused()).type_text("8");
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(8));
    // Escape brings back the value the edit began with, and the cell stays selected.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(11));
    assert_eq!(focused_label(&h), t3_name(NEW, "商业企业"));
    // A typo abandoned with Escape leaves no error behind.
    h.get_by(|n| n.is_focused()).type_text("1o");
    h.run();
    assert!(
        h.state()
            .grid_state()
            .invalid_text(t3("new", "commercial"))
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state()
            .grid_state()
            .invalid_text(t3("new", "commercial"))
            .is_none()
    );
    assert_eq!(new_count(&h, "commercial"), Some(11));
}

#[test]
fn delete_clears_a_selected_cell_to_blank_in_one_step() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    select_new(&mut h, "商业企业");
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(new_count(&h, "commercial"), None);
    assert_eq!(
        focused_label(&h),
        t3_name(NEW, "商业企业"),
        "still selected"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(new_count(&h, "commercial"), Some(11));
}

#[test]
fn a_range_is_selected_copied_as_a_block_and_cleared() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    select_new(&mut h, "自然人");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    // Straight into the next frame's input: its output holds the copied text.
    h.input_mut().events.push(Event::Copy);
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    // 新收 270 / 11 and 上年结转 0 / 0, as Excel and WPS paste them.
    assert_eq!(copied, vec!["270\t11\n0\t0".to_string()]);

    let before = h.state().document().draft().clone();
    h.key_press(Key::Delete);
    h.run();
    let draft = h.state().document().draft();
    for (row, col) in [
        ("new", "natural"),
        ("new", "commercial"),
        ("carried", "natural"),
    ] {
        assert_eq!(draft.value(t3(row, col)), None, "{row} {col}");
    }
    assert_eq!(
        draft.count(t3("new", "research")),
        Some(0),
        "outside the range"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document().draft(), &before, "one step");

    // Shift+click selects a range too.
    select_new(&mut h, "自然人");
    h.get_by_label(&t3_name(CARRIED, "商业企业"))
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    h.input_mut().events.push(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t == "270\t11\n0\t0"));
    assert!(copied, "{:?}", h.output().platform_output.commands);
}

#[test]
fn a_draft_from_an_older_version_opens_and_the_clerk_is_told() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft-v1-yonghe.ron");
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&fixture);
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label("草稿已升级").is_some());
    assert!(h.query_by_label_contains("草稿格式版本 1").is_some());
    assert_eq!(h.state().document().draft().body, "晋江市永和镇人民政府");
}

#[test]
fn a_published_report_pasted_as_text_is_imported_with_its_notes() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/2021-city-jinjiang.txt"),
    )
    .unwrap();
    let app = App::new(Default::default(), DialogBackend::Unavailable);
    let mut h = harness(app);
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导入已发布年报").click();
    h.run();
    h.get_by_label("粘贴报告全文导入…").click();
    h.run();
    h.get_by_label("报告全文").click();
    h.run();
    h.event(Event::Paste(text));
    h.run();
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert!(h.query_by_label("导入说明").is_some());
    let expected = nianbao::draft_file::load(&example("2021-jinjiang.ron")).unwrap();
    assert_eq!(
        h.state().document().draft(),
        &expected,
        "the seed imports as its example"
    );
    assert!(h.state().document().is_dirty() && h.state().path().is_none());
}

#[test]
fn the_about_window_names_the_version_and_the_bundled_licences() {
    let mut h = harness(App::new(Default::default(), DialogBackend::Unavailable));
    h.run();
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("关于").click();
    h.run();
    assert!(
        h.query_by_label(&format!("版本 {}", env!("CARGO_PKG_VERSION")))
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("SIL Open Font License 1.1")
            .count()
            >= 2,
        "named, and its text at hand"
    );
}

// ---- Issue: two ways to lose a draft, stale figures, totals typed over, layout jumps ----

/// A copy of an example in a folder of its own, opened with autosave on, and changed (unsaved).
fn edited_copy(dir: &Path, recovery: &Path) -> (Harness<'static, App>, PathBuf) {
    let path = dir.join("城关镇2025.ron");
    std::fs::copy(example("2021-jinjiang-corrected.ron"), &path).unwrap();
    let mut app = App::new(Default::default(), DialogBackend::Unavailable)
        .with_recovery(recovery, std::time::Duration::ZERO);
    app.open_path(&path);
    app.set_section(Section::Table(TableId::T3));
    let mut h = harness(app);
    h.run();
    type_into(&mut h, &t3_name(NEW, "自然人"), "280");
    h.run();
    assert!(h.state().document().is_dirty());
    (h, path)
}

#[test]
fn an_export_by_typed_path_never_writes_over_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (mut h, path) = edited_copy(dir.path(), data.path());
    let on_disk = std::fs::read(&path).unwrap();
    open_export_dialog(&mut h);
    h.get_by_label("按路径导出…").click_accesskit();
    h.run();
    h.run();
    // It suggests <title>.html beside the draft, not the draft itself.
    let suggested = h.get_by_label("文件路径").value().unwrap_or_default();
    let expected = dir
        .path()
        .join("晋江市人民政府2021年政府信息公开工作年度报告.html");
    assert_eq!(suggested, expected.display().to_string());
    // The field has the keyboard: Ctrl+A and typing replace the suggestion at once.
    assert_eq!(focused_label(&h), "文件路径");

    // The draft's own path, and any other .ron, are refused, and the typed path stays.
    for target in [path.clone(), dir.path().join("另一份.ron")] {
        replace_typed_path(&mut h, target.to_str().unwrap());
        h.get_by_label("导出").click();
        h.run();
        assert!(
            h.query_by_label_contains("不能写入草稿文件").is_some(),
            "{target:?} refused"
        );
        assert_eq!(
            h.get_by_label("文件路径").value().as_deref(),
            target.to_str()
        );
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the draft is untouched"
    );
    assert!(!dir.path().join("另一份.ron").exists());

    // The suggestion is written as HTML.
    replace_typed_path(&mut h, expected.to_str().unwrap());
    h.get_by_label("导出").click();
    h.run();
    let page = std::fs::read_to_string(&expected).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page:.80}");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);

    // Exporting there again asks before replacing it.
    open_export_dialog(&mut h);
    h.get_by_label("按路径导出…").click_accesskit();
    h.run();
    h.run();
    h.get_by_label("导出").click();
    h.run();
    assert!(h.query_by_label("文件已存在").is_some());
    std::fs::write(&expected, "keep").unwrap();
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&expected).unwrap(), "keep");
    assert!(
        h.state().document().is_dirty(),
        "the draft is still unsaved, still here"
    );
}

#[test]
fn save_as_by_typed_path_asks_before_replacing_another_draft() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (mut h, path) = edited_copy(dir.path(), data.path());
    let other = dir.path().join("另一单位.ron");
    std::fs::copy(example("2019-yonghe.ron"), &other).unwrap();
    let other_before = std::fs::read(&other).unwrap();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("按路径另存为…").click();
    h.run();
    h.run();
    // It suggests the draft's own file.
    assert_eq!(h.get_by_label("文件路径").value().as_deref(), path.to_str());
    replace_typed_path(&mut h, other.to_str().unwrap());
    h.get_by_label("保存").click();
    h.run();
    assert!(h.query_by_label("文件已存在").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    assert!(h.state().document().is_dirty());

    // A name that is not a draft's gets .ron: a draft never lands in an export's file.
    let page = dir.path().join("年报.html");
    std::fs::write(&page, "<p>published</p>").unwrap();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("按路径另存为…").click();
    h.run();
    replace_typed_path(&mut h, page.to_str().unwrap());
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "<p>published</p>");
    let saved = dir.path().join("年报.html.ron");
    assert!(saved.exists());
    assert_eq!(h.state().path(), Some(saved.as_path()));
}

#[test]
fn an_import_by_typed_path_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (mut h, path) = edited_copy(dir.path(), data.path());
    let on_disk = std::fs::read(&path).unwrap();
    let text = dir.path().join("已发布.txt");
    std::fs::write(
        &text,
        nianbao::export::text::export_text(
            &nianbao::draft_file::load(&example("2019-yonghe.ron")).unwrap(),
            Default::default(),
        ),
    )
    .unwrap();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导入已发布年报").click();
    h.run();
    h.get_by_label("从文件导入…").click();
    h.run();
    h.run();
    replace_typed_path(&mut h, text.to_str().unwrap());
    h.get_by_label("导入").click();
    h.run();
    // The open draft has unsaved changes: asked first.
    assert!(h.query_by_label("有未保存的修改").is_some());
    h.get_by_label("不保存").click();
    h.run();
    assert_eq!(h.state().document().draft().body, "晋江市永和镇人民政府");
    assert_eq!(h.state().path(), None, "an import is a new, unsaved draft");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 2, "nothing written beside them");
}

#[test]
fn opening_by_typed_path_asks_about_unsaved_changes_and_keeps_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (mut h, _path) = edited_copy(dir.path(), data.path());
    let edited = h.state().document().draft().clone();
    let recovery = h.state().autosave_path().unwrap().to_path_buf();
    assert!(recovery.exists());
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("按路径打开…").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label("按路径打开草稿").is_none());
    assert_eq!(h.state().document().draft(), &edited);
    assert!(
        recovery.exists(),
        "the recovery file stays while the draft is kept"
    );

    // Asked again, and this time discarded on purpose: only then does the other file open.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("按路径打开…").click();
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    h.run();
    replace_typed_path(&mut h, example("2019-yonghe.ron").to_str().unwrap());
    h.get_by_label("打开").click();
    h.run();
    assert_eq!(h.state().document().draft().body, "晋江市永和镇人民政府");
}

#[test]
fn a_draft_that_cannot_be_read_offers_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("城关镇2025.ron");
    let good = nianbao::draft_file::load(&example("2019-yonghe.ron")).unwrap();
    nianbao::draft_file::save(&good, &path).unwrap();
    nianbao::draft_file::save(&good, &path).unwrap(); // the second save leaves a .bak
    std::fs::write(&path, "<!DOCTYPE html><html><body>导出的网页</body></html>").unwrap();
    let mut h = open("2021-jinjiang.ron", Section::Basic);
    h.state_mut().open_path(&path);
    h.run();
    assert!(h.query_by_label("无法打开草稿").is_some());
    assert!(h.query_by_label_contains("上一次保存的版本").is_some());
    assert!(
        h.query_by_label_contains("Expected").is_none(),
        "said in Chinese"
    );
    h.get_by_label("打开备份").click();
    h.run();
    assert_eq!(h.state().document().draft(), &good);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.state().document().is_dirty());
    // Saving puts the backup back in place of the broken file, without a "changed on disk" stop.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("文件已被其他程序修改").is_none());
    assert_eq!(nianbao::draft_file::load(&path).unwrap(), good);
}

#[test]
fn a_typo_is_an_error_of_its_own_and_counts_as_the_value_before_the_edit() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T3));
    let key = t3("new", "commercial");
    let before = h.state().document().draft().clone();
    assert_eq!(before.count(key), Some(11));
    type_into(&mut h, &t3_name(NEW, "商业企业"), "1o");
    assert_eq!(
        h.state().document().draft().count(key),
        Some(11),
        "totals and rules use the value from before the edit, not the half-typed 1"
    );
    assert_eq!(h.state().document().draft(), &before);
    let typo: Vec<_> = h
        .state()
        .findings()
        .iter()
        .filter(|f| f.location == nianbao::check::Location::Cell(key))
        .collect();
    assert_eq!(typo.len(), 1, "{typo:?}");
    assert_eq!(typo[0].severity, nianbao::check::Severity::Error);
    assert!(typo[0].message.contains("“1o”"), "{}", typo[0].message);
    assert!(typo[0].message.contains("11"), "{}", typo[0].message);
    // Listed and clickable: a click goes back to the cell.
    h.get_by_label(&t3_name(NEW, "自然人")).click();
    h.run();
    h.get_by_label_contains("“1o”").click();
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "商业企业"));
    // Correcting it clears the error.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(|n| n.is_focused()).type_text("10");
    h.run();
    assert_eq!(h.state().document().draft().count(key), Some(10));
    assert!(
        !h.state()
            .findings()
            .iter()
            .any(|f| f.location == nianbao::check::Location::Cell(key))
    );
}

#[test]
fn totals_are_computed_never_typed_in_a_clerks_draft() {
    let mut h = new_draft();
    // Tab from the last applicant column skips the row's 总计 and goes to the next row.
    h.get_by_label(&t3_name(NEW, "其他")).click();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(focused_label(&h), t3_name(CARRIED, "自然人"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(focused_label(&h), t3_name(NEW, "其他"));
    // A click on a total selects it to read; typing there changes nothing and says why.
    type_into(&mut h, &t3_name(NEW, "自然人"), "7");
    h.get_by_label(&t3_name(NEW, "总计")).scroll_to_me();
    h.run();
    h.get_by_label(&t3_name(NEW, "总计")).click();
    h.run();
    assert_eq!(
        h.get_by(|n| n.is_focused()).value().as_deref(),
        Some("7"),
        "the focused total shows its computed value"
    );
    h.get_by(|n| n.is_focused()).type_text("7");
    h.run();
    let draft = h.state().document().draft();
    assert_eq!(
        draft.value(t3("new", "total")),
        None,
        "no stated total appears"
    );
    let (message, _) = h.state().notice().cloned().expect("told why");
    assert!(
        message.contains("合计") && message.contains("自动计算"),
        "{message}"
    );
    // Changing a part still moves the total.
    type_into(&mut h, &t3_name(NEW, "自然人"), "9");
    assert_eq!(
        h.get_by_label(&t3_name(NEW, "总计")).value().as_deref(),
        Some("9")
    );
}

#[test]
fn an_imported_reports_stated_totals_stay_editable() {
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    h.get_by_label(&t3_name("（七）总计", "自然人"))
        .scroll_to_me();
    h.run();
    type_into(&mut h, &t3_name("（七）总计", "自然人"), "540");
    assert_eq!(
        h.state().document().draft().count(t3("total", "natural")),
        Some(540)
    );
}

#[test]
fn errors_come_first_and_the_error_count_filters_the_list() {
    let mut h = new_draft();
    type_into(&mut h, &t3_name(NEW, "自然人"), "3");
    let (errors, warnings) = nianbao::check::tally(h.state().findings());
    assert!(errors > 0 && warnings > 20, "{errors} {warnings}");
    // Warnings are grouped by rule: the blank-cell group is one collapsed heading.
    assert!(h.query_by_label_contains("提示 R4（").is_some());
    assert!(
        h.query_all_by_label_contains("单元格为空白").count() == 0,
        "a long group starts closed"
    );
    let first = h.get_all_by_label_contains("[错误]").next().is_some();
    assert!(first);
    h.get_by_label(&format!("错误 {errors}")).click();
    h.run();
    assert!(
        h.query_by_label_contains("提示 R4（").is_none(),
        "errors only"
    );
    assert_eq!(h.get_all_by_label_contains("[错误]").count(), errors);
    h.get_by_label(&format!("错误 {errors}")).click();
    h.run();
    assert!(h.query_by_label_contains("提示 R4（").is_some());
}

#[test]
fn nothing_moves_under_the_pointer() {
    // Selecting a stated total shows its prompt in a line that is always there.
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    h.get_by_label(&t3_name("（七）总计", "自然人"))
        .scroll_to_me();
    h.run();
    let total = t3_name("（七）总计", "自然人");
    // The cell beside it: the selected one becomes a text field, 1 px inside the cell.
    let beside = t3_name("（七）总计", "商业企业");
    let at = h.get_by_label(&beside).rect().min.y;
    h.get_by_label(&total).click();
    h.run();
    assert!(h.query_by_label("采用计算值").is_some());
    assert_eq!(
        h.get_by_label(&beside).rect().min.y,
        at,
        "the grid did not move"
    );

    // Table 二: editing a cell leaves the blocks below where they were.
    let mut h = open("2021-jinjiang-corrected.ron", Section::Table(TableId::T2));
    let below = "表二 行政许可 本年处理决定数量";
    let y = h.get_by_label(below).rect().min.y;
    let first = h
        .get_all_by(|n| n.label().is_some_and(|l| l.starts_with("表二 规章")))
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap();
    h.get_by_label(&first).click();
    h.run();
    assert_eq!(h.get_by_label(below).rect().min.y, y);

    // The findings panel keeps its width when it empties.
    let mut h = new_draft();
    let x = h.get_by_label("问题列表").rect().min.x;
    h.state_mut()
        .open_path(&example("2021-jinjiang-corrected.ron"));
    h.run();
    assert!(h.state().findings().is_empty());
    assert_eq!(h.get_by_label("问题列表").rect().min.x, x);
}

#[test]
fn a_status_message_goes_stale_with_the_next_change() {
    let mut h = new_draft();
    type_into(&mut h, &t3_name(NEW, "自然人"), "3");
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(h.state().notice().map(|n| n.0.as_str()), Some("已撤销"));
    type_into(&mut h, &t3_name(NEW, "商业企业"), "2");
    assert_eq!(h.state().notice(), None);
}

#[test]
fn another_file_opens_at_the_top_of_its_table() {
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    let cell = t3_name(NEW, "自然人");
    let top = h.get_by_label(&cell).rect().min.y;
    h.get_by_label(&t3_name("四、结转下年度继续办理", "总计"))
        .scroll_to_me();
    h.run();
    assert!(h.get_by_label(&cell).rect().min.y < top, "scrolled");
    h.state_mut()
        .open_path(&example("2021-jinjiang-corrected.ron"));
    h.run();
    h.run();
    assert_eq!(h.get_by_label(&cell).rect().min.y, top);
}

#[test]
fn the_export_window_lists_text_to_review_and_asks_before_exporting_it() {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    let last = nianbao::draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let next = nianbao::years::next_year(&last).unwrap().draft;
    let marked = next.review.len();
    assert!(marked > 0);
    app.new_draft(next);
    let mut h = harness(app);
    h.run();
    open_export_dialog(&mut h);
    assert!(
        h.query_by_label_contains(&format!("有 {marked} 处沿用上年报告的文字"))
            .is_some()
    );
    assert_eq!(h.query_all_by_label_contains("待复核 ").count(), marked);
    h.get_by_label("按路径导出…").click_accesskit();
    h.run();
    assert!(h.query_by_label("仍然导出").is_some(), "asked first");
    assert!(h.query_by_label("文件路径").is_none());
    h.get_by_label("仍然导出").click_accesskit();
    h.run();
    h.run();
    assert!(h.query_by_label("文件路径").is_some());
}

#[test]
fn the_publish_date_example_follows_the_report_year() {
    for year in [2025, 2030] {
        let mut app = App::new(Default::default(), DialogBackend::Unavailable);
        app.new_draft(Draft::new("某区人民政府办公室", Level::Department, year));
        let mut h = harness(app);
        h.run();
        let placeholder = h
            .get_by_label("计划发布日期")
            .accesskit_node()
            .placeholder()
            .map(str::to_string);
        assert_eq!(placeholder, Some(format!("如 {}-01-31", year + 1)));
    }
}

#[test]
fn table_threes_header_stays_in_view_while_its_rows_scroll() {
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    assert!(
        h.query_by_label("冻结的表头").is_none(),
        "not needed at the top"
    );
    let last = t3_name("四、结转下年度继续办理", "自然人");
    h.get_by_label(&last).scroll_to_me();
    h.run();
    let header = h.get_by_label("冻结的表头").rect();
    let first_visible = h.get_by_label(&last).rect();
    assert!(
        header.max.y <= first_visible.min.y,
        "{header:?} above {first_visible:?}"
    );
    // It sits at the top of the grid's view: the rows above it are scrolled away.
    let top_row = h.get_by_label(&t3_name(NEW, "自然人")).rect();
    assert!(
        top_row.max.y <= header.min.y + 1.0,
        "{top_row:?} under {header:?}"
    );
}

#[test]
fn empty_parts_are_findings_not_a_clean_report() {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    let mut draft = nianbao::draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    for i in [2, 3, 4] {
        draft.parts[i].text.clear();
    }
    app.new_draft(draft);
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("没有发现问题").is_none());
    let empty: Vec<_> = h
        .state()
        .findings()
        .iter()
        .filter(|f| {
            f.rule == RuleId::R4
                && matches!(
                    f.location,
                    nianbao::check::Location::Text(nianbao::draft::TextField::PartText(_))
                )
        })
        .collect();
    assert_eq!(empty.len(), 3, "{empty:?}");
    assert_eq!(h.get_all_by_label_contains("[错误] R4").count(), 3);
}

#[test]
fn the_command_palette_finds_a_command_by_part_of_its_label_and_runs_it() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Basic);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.query_by_label("命令面板").is_some());
    h.get_by_label("查找命令").type_text("下一年度");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(h.query_by_label("命令面板").is_none());
    // 新建下一年度报告 ran: the next year's draft is open and its notes are shown.
    assert_eq!(h.state().document().draft().year, 2022);
    assert!(h.query_by_label("新建下一年度报告").is_some());

    // F1 opens it too, and the menus show each command's shortcut from the same table.
    h.get_by_label("确定").click();
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("命令面板").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("命令面板").is_none());
    h.get_by_label("文件").click();
    h.run();
    let save = h.get_by_label("保存");
    assert_eq!(
        save.accesskit_node().data().keyboard_shortcut(),
        Some("Ctrl+S"),
        "保存 shows its shortcut"
    );
}

/// Every 总计 cell of table 三 lies left of the findings panel, inside the window: the table fits
/// without scrolling sideways.
fn totals_fit(size: [f32; 2], pixels_per_point: f32) {
    totals_fit_with(size, pixels_per_point, false);
}

/// [`totals_fit`], with the 图表 view open or not.
fn totals_fit_with(size: [f32; 2], pixels_per_point: f32, charts: bool) {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example("2021-jinjiang.ron"));
    app.set_section(Section::Table(TableId::T3));
    app.set_show_charts(charts);
    let mut h = harness_at(app, size, pixels_per_point);
    h.run();
    if charts {
        assert!(
            h.query_by_label("历年趋势").is_some(),
            "the 图表 view is shown"
        );
    }
    let panel_left = h.get_by_label("问题列表").rect().min.x;
    let totals: Vec<_> = h
        .get_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("表三 ") && l.ends_with("申请人情况·总计"))
        })
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .collect();
    assert_eq!(totals.len(), 25, "every row of the 2021 table");
    for (label, rect) in totals {
        assert!(
            rect.max.x <= panel_left && rect.min.x >= 0.0,
            "{size:?}@{pixels_per_point}: {label} at {rect:?}, findings panel from {panel_left}"
        );
    }
}

#[test]
fn table_three_fits_a_1366_by_768_screen_with_the_findings_open() {
    totals_fit([1366.0, 768.0], 1.0);
}

#[test]
fn table_three_keeps_its_totals_at_1280_by_800_with_the_charts_open() {
    totals_fit_with([1280.0, 800.0], 1.0, true);
}

#[test]
fn table_three_fits_1920_by_1080_at_150_percent_with_the_findings_open() {
    totals_fit([1920.0 / 1.5, 1080.0 / 1.5], 1.5);
}

#[test]
fn the_side_panels_can_be_hidden_from_the_view_menu() {
    let mut h = open("2021-jinjiang.ron", Section::Table(TableId::T3));
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label("显示 / 隐藏问题列表").click();
    h.run();
    assert!(h.query_by_label("问题列表").is_none());
    assert!(
        h.query_by_label_contains("错误 11").is_some(),
        "the status bar still counts"
    );
}

#[test]
fn the_likely_cause_is_offered_under_its_error_and_its_repair_is_one_step() {
    let mut h = open("2021-jinjiang.ron", Section::Basic);
    // Under the error it explains: （七）总计 typed into the row of 3.其他.
    assert!(
        h.query_all_by_label_contains("可能的原因：（七）总计看起来被填在了「3.其他」行")
            .count()
            > 0
    );
    let before = h.state().document().draft().clone();
    h.get_all_by_label("修复…").next().unwrap().click();
    h.run();
    assert!(
        h.query_by_label("按可能的原因修复").is_some(),
        "asked first"
    );
    assert_eq!(h.state().document().draft(), &before, "nothing changed yet");
    h.get_by_label("修复").click_accesskit();
    h.run();
    let corrected = nianbao::draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let table3 = |d: &Draft| -> Vec<_> {
        d.cells
            .iter()
            .filter(|(k, _)| k.table == TableId::T3)
            .map(|(k, v)| (*k, v.clone()))
            .collect()
    };
    assert_eq!(
        table3(h.state().document().draft()),
        table3(&corrected),
        "table 三 as in the corrected report"
    );
    let left: Vec<_> = h
        .query_all_by_label_contains("可能的原因：")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document().draft(), &before, "one undo step");
}

/// 设置 → 地方要求: load 武威 2025, see what it adds, use it; the findings follow it (R23), the
/// draft records it, and 不使用地方要求 goes back to the national rules.
#[test]
fn a_regional_profile_is_loaded_from_the_settings_menu_and_checks_the_draft() {
    let mut h = open("2021-jinjiang-corrected.ron", Section::Basic);
    assert!(h.state().findings().iter().all(|f| f.rule != RuleId::R23));
    h.get_by_label("设置").click();
    h.run();
    h.get_by_label("地方要求…").click();
    h.run();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/profiles/wuwei-2025.ron");
    h.get_by_label("文件：").click();
    h.run();
    h.get_by_label("文件：").type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("载入").click();
    h.run();
    assert!(
        h.query_by_label_contains("篇幅：一、总体情况 不超过 1000 字")
            .is_some()
    );
    h.run();
    h.get_by_label("使用此地方要求").click_accesskit();
    h.run();
    h.run();
    assert!(
        h.query_by_label("使用此地方要求").is_none(),
        "the dialog closed"
    );
    h.run();
    assert!(
        h.state().findings().iter().any(|f| f.rule == RuleId::R23),
        "{:?} {:?}",
        h.state().notice(),
        h.state().document().draft().profile
    );
    let recorded = h.state().document().draft().profile.clone().unwrap();
    assert_eq!(recorded.id, "wuwei-2025");
    h.get_by_label("设置").click();
    h.run();
    h.get_by_label("地方要求…").click();
    h.run();
    h.get_by_label("不使用地方要求").click();
    h.run();
    h.run();
    assert!(h.state().findings().iter().all(|f| f.rule != RuleId::R23));
    assert_eq!(h.state().document().draft().profile, None);
}

/// 视图 → 显示 / 隐藏图表.
fn show_charts(h: &mut Harness<'_, App>) {
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label("显示 / 隐藏图表").click();
    h.run();
}

#[test]
fn the_charts_follow_what_is_typed_into_a_cell() {
    let mut h = new_draft();
    show_charts(&mut h);
    assert!(h.query_by_label_contains("自然人：未填写").is_some());
    assert!(h.query_by_label("本年新收申请：未填写").is_some());
    type_into(&mut h, &t3_name(NEW, "自然人"), "37");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().document().draft().count(t3(NEW_ID, "natural")),
        Some(37)
    );
    assert!(h.query_by_label_contains("自然人：37 件").is_some());
    assert!(h.query_by_label("本年新收申请：37 件").is_some());
    assert!(h.query_by_label_contains("自然人：未填写").is_none());
}

const NEW_ID: &str = "new";

#[test]
fn three_consecutive_years_next_to_the_draft_make_a_trend_of_three_points() {
    let dir = tempfile::tempdir().unwrap();
    let paths = common::three_years(dir.path());
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(paths.last().unwrap());
    let mut h = harness(app);
    h.run();
    show_charts(&mut h);
    let trend = h.state().charts().trend().clone();
    assert_eq!(trend.years.len(), 3);
    let node = h.get_by_label_contains("本年新收申请（历年）：");
    let node = node.accesskit_node();
    let label = node.label().or(node.value()).unwrap_or_default();
    for year in &trend.years {
        assert!(label.contains(&format!("{year}年")), "{label}");
    }
    let series = trend
        .series
        .iter()
        .find(|s| s.label == "本年新收申请")
        .unwrap();
    assert!(series.points.iter().all(|(_, v)| v.is_some()), "{series:?}");
}

#[test]
fn the_chart_is_exported_from_file_export_to_a_typed_path() {
    let mut h = open("2019-yonghe.ron", Section::Basic);
    let dir = tempfile::tempdir().unwrap();
    for (label, name) in [
        ("图解（SVG 矢量图）…", "图解"),
        ("图解（PNG 图片）…", "图解.png"),
    ] {
        h.get_by_label("文件").click();
        h.run();
        h.get_by_label("导出").click();
        h.run();
        h.get_by_label(label).click();
        h.run();
        // No system dialog here: the path is asked for instead.
        let target = dir.path().join(name);
        replace_typed_path(&mut h, target.to_str().unwrap());
        h.get_by_label("导出").click();
        h.run();
        let chart = nianbao::chart::chart(h.state().document().draft());
        if name.ends_with(".png") {
            let written = std::fs::read(&target).unwrap();
            assert_eq!(written, nianbao::chart::png::render(&chart).unwrap());
        } else {
            // No extension typed: the form's own is added.
            let written = std::fs::read_to_string(target.with_extension("svg")).unwrap();
            assert_eq!(written, nianbao::chart::svg::render(&chart));
        }
    }
}

/// The driver may allow 16384-pixel textures; egui's font atlas is as wide as allowed and is
/// filled and sent to OpenGL whole in the first frame. The window narrows it (start-up time).
#[test]
fn the_font_atlas_is_no_wider_than_the_window_needs() {
    use eframe::App as _;
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example("2021-jinjiang.ron"));
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    for (driver, allowed) in [(Some(16384), 2048), (Some(1024), 1024), (None, 2048)] {
        let mut raw = egui::RawInput {
            max_texture_side: driver,
            ..Default::default()
        };
        app.raw_input_hook(&ctx, &mut raw);
        assert_eq!(
            raw.max_texture_side,
            Some(allowed),
            "driver allows {driver:?}"
        );
    }
    // Two frames of the report's first page, as the window draws them: what is sent to
    // OpenGL for the font atlas is at most 2048 pixels wide.
    let mut sent = Vec::new();
    for _ in 0..2 {
        let mut raw = egui::RawInput {
            max_texture_side: Some(16384),
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        app.raw_input_hook(&ctx, &mut raw);
        let mut out = ctx.run_ui(raw, |ui| app.show(ui));
        let deltas = out.textures_delta.set.values().flat_map(|d| d.iter());
        sent.extend(deltas.map(|d| d.image.size()));
        out.textures_delta.clear();
    }
    assert!(!sent.is_empty());
    assert!(sent.iter().all(|[w, _]| *w <= 2048), "{sent:?}");
    let [width, height] = ctx.fonts(|f| f.font_image_size());
    assert_eq!(width, 2048);
    assert!((32..=512).contains(&height), "atlas {width}×{height}");
}

/// The forms' text fields end inside the central area, left of the findings panel, however
/// narrow that area is: at 1280×800 and 1366×768 a 900-point form ran under the panel, and the
/// right end of every line of 五's text was hidden.
#[test]
fn the_forms_fit_beside_the_findings_panel() {
    for size in [[1280.0, 800.0], [1366.0, 768.0], [1920.0, 1080.0]] {
        for section in [
            Section::Basic,
            Section::Preamble,
            Section::Problems,
            Section::OtherMatters,
        ] {
            let mut app = App::new(Default::default(), DialogBackend::Unavailable);
            app.open_path(&example("2021-jinjiang.ron"));
            app.set_section(section);
            let mut h = harness_at(app, size, 1.0);
            h.run();
            let panel_left = h.get_by_label("问题列表").rect().min.x;
            let fields: Vec<_> = h
                .get_all_by(|n| {
                    n.role() == egui::accesskit::Role::MultilineTextInput
                        || n.role() == egui::accesskit::Role::TextInput
                })
                .map(|n| n.rect())
                .collect();
            assert!(!fields.is_empty(), "{section:?}");
            for rect in fields {
                assert!(
                    rect.max.x <= panel_left,
                    "{size:?} {section:?}: a field at {rect:?}, findings panel from {panel_left}"
                );
            }
        }
    }
}
