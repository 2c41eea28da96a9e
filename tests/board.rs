//! 审核汇总台 in the real window, driven headless through egui_kittest: a folder loaded on the
//! worker thread, rows and findings, 取消, a unit opened in the editor and the way back, a saved
//! unit's row refreshed, and a board of 1,000 units drawn frame by frame.
#![cfg(feature = "gui")]

#[allow(dead_code)]
#[path = "review/fixture.rs"]
mod fixture;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use nianbao::format::TableId;
use nianbao::gui::{App, DialogBackend, Section, install_fonts};

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The window with the board of `folder` loaded (the load waited for).
fn board_of(folder: &Path) -> Harness<'static, App> {
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_board(folder.to_path_buf());
    app.board_mut().unwrap().wait();
    let mut h = harness(app);
    h.run();
    h
}

/// A folder of `n` clean units (第1镇 … 第n镇), made once per test run.
fn many_units(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("board-{n}"));
    let done = dir.join(".complete");
    if !done.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let template = fixture::unit("模板");
        for i in 1..=n {
            let mut d = template.clone();
            d.body = format!("第{i}镇");
            nianbao::draft_file::save(&d, &dir.join(format!("第{i}镇.ron"))).unwrap();
        }
        std::fs::write(&done, "").unwrap();
    }
    dir
}

#[test]
fn board_is_chosen_from_the_menu_and_shows_rows_and_findings() {
    let f = fixture::fixture();
    let app = App::new(Default::default(), DialogBackend::Unavailable);
    let mut h = harness(app);
    h.run();
    h.get_by_label("年度与汇总").click();
    h.run();
    h.get_by_label("审核汇总台…").click();
    h.run();
    h.run();
    // No system dialog here: the folder is typed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("文件路径")
        .type_text(f.this.to_str().unwrap());
    h.run();
    h.get_by_label("审核").click();
    h.run();
    assert!(h.state().board_shown());
    h.state_mut().board_mut().unwrap().wait();
    h.run();
    let board = h.state().board().unwrap().board.as_ref().unwrap();
    assert!(board.complete);
    // Every file is a row, the broken one too, saying why.
    for name in ["第1镇", "第2镇", "第3镇", "第10镇", "破损.ron"] {
        // A file that names no unit shows its file name in both 单位 and 文件.
        assert!(
            h.query_all_by_label(name).next().is_some(),
            "{name} has no row"
        );
    }
    assert!(
        h.query_by_label_contains("重复报送（1 个）：第4镇")
            .is_some()
    );
    for column in ["单位", "错误", "实质性公开率"] {
        assert!(h.query_by_label(column).is_some(), "no column {column}");
    }
    h.query_all_by_label("破损.ron").next().unwrap().click();
    h.run();
    assert!(h.query_by_label_contains("无法读取：").is_some());
    h.get_by_label("第10镇").click();
    h.run();
    assert!(h.query_by_label_contains("【错误】R3").is_some());
    // 只看有错误的 leaves the clean units out.
    h.get_by_label("只看有错误的").click();
    h.run();
    assert!(h.query_by_label("第2镇").is_none());
    assert!(h.query_all_by_label("第10镇").next().is_some());
}

#[test]
fn the_roster_shows_units_not_reported() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    let ctx = h.ctx.clone();
    let view = h.state_mut().board_mut().unwrap();
    view.roster = Some(f.roster.clone());
    view.start(&ctx, None);
    view.wait();
    h.run();
    assert!(h.query_by_label_contains("未报（1 个）：第7镇").is_some());
    assert!(h.query_by_label_contains("不在名单").is_some());
}

#[test]
fn a_header_click_sorts_and_a_third_restores_the_natural_order() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    let natural = h.state().board().unwrap().shown();
    h.get_by_label("错误").click();
    h.run();
    assert!(h.state().board().unwrap().sort.is_some());
    h.get_by_label("错误 ▲").click();
    h.run();
    let view = h.state().board().unwrap();
    let first = &view.board.as_ref().unwrap().rows[view.shown()[0]];
    // Descending by errors: a file that cannot be read comes first.
    assert!(first.unit.is_err());
    h.get_by_label("错误 ▼").click();
    h.run();
    assert_eq!(h.state().board().unwrap().shown(), natural);
}

#[test]
fn cancelling_leaves_a_consistent_board_said_to_be_cancelled() {
    let folder = many_units(1000);
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_board(folder);
    let mut h = harness(app);
    h.step();
    h.get_by_label("取消").click();
    h.step();
    h.state_mut().board_mut().unwrap().wait();
    h.run();
    let view = h.state().board().unwrap();
    let board = view.board.as_ref().unwrap();
    assert!(!board.complete);
    assert!(board.rows.len() < 1000);
    // What was read is whole: every row read and in natural order.
    assert!(board.rows.iter().all(|r| r.unit.is_ok()));
    assert!(h.query_by_label_contains("已取消").is_some());
}

#[test]
fn a_unit_opens_in_the_editor_and_the_board_is_there_to_come_back_to() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    h.get_by_label("第2镇").click();
    h.run();
    h.get_by_label("在编辑器中打开").click();
    h.run();
    assert!(!h.state().board_shown());
    assert_eq!(h.state().path(), Some(f.this.join("第2镇.ron").as_path()));
    assert_eq!(h.state().document().draft().body, "第2镇");
    h.get_by_label("返回审核汇总台").click();
    h.run();
    assert!(h.state().board_shown());
    assert!(h.query_by_label("第10镇").is_some());
}

#[test]
fn a_published_unit_opens_as_a_new_draft_and_its_file_stays_untouched() {
    let f = fixture::fixture();
    let text = f.this.join("第5镇.txt");
    let before = std::fs::read(&text).unwrap();
    let mut h = board_of(&f.this);
    // The importer names the body as the published title does.
    h.get_by_label("第5镇人民政府").click();
    h.run();
    h.get_by_label("导入为新草稿并打开").click();
    h.run();
    assert!(!h.state().board_shown());
    // Imported, not opened: no path, so 保存 asks where and never writes over the .txt.
    assert_eq!(h.state().path(), None);
    let draft = h.state().document().draft();
    assert_eq!(draft.body, "第5镇人民政府");
    assert_eq!(draft.cells, f.published.cells);
    assert!(
        h.query_by_label_contains("从审核汇总台打开的已发布报告")
            .is_some()
    );
    assert_eq!(std::fs::read(&text).unwrap(), before);
}

#[test]
fn a_unit_saved_in_the_editor_refreshes_its_row() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    let errors = |h: &Harness<'_, App>| {
        let board = h.state().board().unwrap().board.as_ref().unwrap();
        let row = fixture::row(board, "第2镇");
        row.report().unwrap().tally().0
    };
    assert_eq!(errors(&h), 0);
    h.get_by_label("第2镇").click();
    h.run();
    h.get_by_label("在编辑器中打开").click();
    h.run();
    h.state_mut().set_section(Section::Table(TableId::T3));
    h.run();
    // 本年新收 one more than the outcomes account for: the equations of table 三 break.
    let cell = "表三 一、本年新收政府信息公开申请数量 申请人情况·自然人";
    h.get_by_label(cell).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by(|n| n.is_focused()).type_text("99999");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().document().is_dirty());
    assert!(h.state_mut().save());
    h.run();
    assert!(errors(&h) > 0, "the row was not read again");
    h.get_by_label("返回审核汇总台").click();
    h.run();
    assert!(h.state().board_shown());
}

#[test]
fn a_board_of_a_thousand_units_draws_every_frame_while_loading() {
    let folder = many_units(1000);
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_board(folder);
    let mut h = harness(app);
    let started = Instant::now();
    let mut worst = Duration::ZERO;
    let mut frames = 0;
    let mut saw_progress = false;
    while h.state().board().unwrap().is_loading() {
        let t = Instant::now();
        h.step();
        worst = worst.max(t.elapsed());
        frames += 1;
        saw_progress |= h.query_by_label("取消").is_some();
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the load never ended"
        );
    }
    let loaded = started.elapsed();
    // The board itself, scrolled and sorted: frames with 1,000 rows.
    let mut worst_full = Duration::ZERO;
    for _ in 0..5 {
        let t = Instant::now();
        h.step();
        worst_full = worst_full.max(t.elapsed());
    }
    let t = Instant::now();
    h.get_by_label("本年新收").click();
    h.step();
    worst_full = worst_full.max(t.elapsed());
    println!(
        "1,000 units: loaded in {loaded:?} over {frames} frames, worst frame while loading \
         {worst:?}, worst frame of the full board {worst_full:?}"
    );
    assert!(saw_progress);
    let board = h.state().board().unwrap().board.as_ref().unwrap();
    assert_eq!(board.rows.len(), 1000);
    assert!(board.complete);
}

#[test]
fn merging_only_clean_units_opens_an_unsaved_draft_naming_those_left_out() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    // The folder has 第4镇 twice, which no 汇总 may add up: the units shown are narrowed first.
    h.get_by_label("查找单位").click();
    h.run();
    h.get_by_label("查找单位").type_text("第1");
    h.run();
    assert_eq!(h.state().board().unwrap().shown().len(), 2);
    h.get_by_label("汇总").click();
    h.run();
    h.get_by_label("只汇总无错误的单位").click();
    h.run();
    assert!(h.query_by_label_contains("无法汇总").is_none());
    assert!(!h.state().board_shown());
    assert!(h.state().document().is_dirty());
    assert_eq!(h.state().path(), None);
    assert!(h.query_by_label_contains("第10镇（有错误）").is_some());
}

#[test]
fn the_issue_list_is_exported_to_a_typed_path() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    let out = f.this.parent().unwrap().join("问题清单.xlsx");
    h.get_by_label("导出问题清单").click();
    h.run();
    h.get_by_label("Excel 工作簿（.xlsx）…").click();
    h.run();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("文件路径").type_text(out.to_str().unwrap());
    h.run();
    h.get_by_label("导出").click();
    h.run();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "not a workbook");
    assert!(h.state().board_shown());
}

/// The figures of a unit of the board, as the table reads them.
fn figures_of(h: &Harness<'_, App>, name: &str) -> nianbao::review::KeyFigures {
    let board = h.state().board().unwrap().board.as_ref().unwrap();
    fixture::row(board, name).report().unwrap().figures
}

#[test]
fn the_chart_shows_each_unit_shown_and_a_click_on_a_bar_selects_it() {
    let f = fixture::fixture();
    let mut h = board_of(&f.this);
    h.get_by_label("图表").click();
    h.run();
    assert!(h.state().board().unwrap().chart);
    assert!(h.query_by_label("本年新收（件）").is_some());
    let figures = figures_of(&h, "第2镇");
    let new = figures.new.unwrap();
    assert!(h.query_by_label(&format!("第2镇：{new} 件")).is_some());
    // A file that could not be read has no bar, and no 0.
    assert!(h.query_by_label("破损.ron：无法读取").is_some());
    // 复议: 3 cases, too few to rate; the chart says so instead of drawing 0%.
    h.get_by_label("复议纠错率").click();
    h.run();
    assert_eq!(figures.review_total, Some(3));
    assert!(h.query_by_label("第2镇：不足30件，不评").is_some());
    assert!(h.query_by_label("复议纠错率（%）").is_some());
    // 实质性公开率: the board's own ratio, the same text as the table's cell.
    h.get_by_label("实质性公开率").click();
    h.run();
    let rate = figures.disclosure_rate().text();
    assert!(rate.ends_with('%'), "{rate}");
    assert!(h.state().board().unwrap().selected.is_none());
    h.get_by_label(&format!("第2镇：{rate}")).click();
    h.run();
    let view = h.state().board().unwrap();
    let selected = &view.board.as_ref().unwrap().rows[view.selected.unwrap()];
    assert_eq!(selected.name(), "第2镇");
    // The detail below the chart, as below the table.
    assert!(h.query_by_label("在编辑器中打开").is_some());
    // The filters apply to the chart: only the units with errors are drawn.
    h.get_by_label("只看有错误的").click();
    h.run();
    assert!(h.query_by_label(&format!("第2镇：{rate}")).is_none());
    assert!(h.query_by_label_contains("第10镇：").is_some());
    h.get_by_label("表格").click();
    h.run();
    assert!(
        h.query_by_label("实质性公开率").is_some(),
        "the table's header"
    );
}

#[test]
fn a_chart_of_a_thousand_units_lays_out_only_the_bars_in_view() {
    let folder = many_units(1000);
    let mut h = board_of(&folder);
    h.get_by_label("图表").click();
    h.run();
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        let t = Instant::now();
        h.step();
        worst = worst.max(t.elapsed());
    }
    let bars = h.query_all_by_label_contains("镇：").count();
    println!("1,000 units' chart: {bars} bars laid out, worst frame {worst:?}");
    assert!(bars > 10 && bars < 100, "{bars} bars laid out");
    assert!(h.query_by_label_contains("第1镇：").is_some());
}
