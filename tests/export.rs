//! Export: golden files for both seeds, the HTML read back with an HTML parser, and hostile text.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use nianbao::export::ValueOptions;
use nianbao::export::html::export_html;
use nianbao::export::layout::{SlotKind, table_layout, value_text};
use nianbao::export::text::export_text;
use nianbao::format::TableId;
use scraper::{ElementRef, Html, Selector};

use common::{EXAMPLES, example, root};

/// Compares with a golden file; `UPDATE_GOLDEN=1 cargo test` rewrites them after a reviewed change.
fn golden(name: &str, actual: &str) {
    let path: PathBuf = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from its golden file; review and run UPDATE_GOLDEN=1 cargo test"
    );
}

#[test]
fn golden_files_for_both_seeds() {
    for (name, stem) in [
        ("2021-jinjiang.ron", "2021-jinjiang"),
        ("2019-yonghe.ron", "2019-yonghe"),
    ] {
        let d = example(name);
        golden(
            &format!("{stem}.txt"),
            &export_text(&d, ValueOptions::default()),
        );
        golden(
            &format!("{stem}.html"),
            &export_html(&d, ValueOptions::default(), false),
        );
        golden(
            &format!("{stem}.fragment.html"),
            &export_html(&d, ValueOptions::default(), true),
        );
    }
}

#[test]
fn blanks_stay_blank_unless_asked() {
    let d = example("2019-yonghe.ron");
    let plain = export_text(&d, ValueOptions::default());
    let zeros = export_text(
        &d,
        ValueOptions {
            blank_as_zero: true,
        },
    );
    let row = |text: &str| {
        text.lines()
            .find(|l| l.contains("政府集中采购"))
            .unwrap()
            .to_string()
    };
    assert_eq!(row(&plain), "政府集中采购");
    assert_eq!(row(&zeros), "政府集中采购\t0\t0");
}

/// An element with the grid position and spans it starts at: (element, row, col, rowspan, colspan).
type Placed<'a> = (ElementRef<'a>, usize, usize, usize, usize);

/// One table of the parsed HTML as a grid: (row, col) → the element starting there.
fn grid_of(table: ElementRef<'_>) -> (HashMap<(usize, usize), ElementRef<'_>>, Vec<Placed<'_>>) {
    let tr = Selector::parse("tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    let mut taken: HashMap<(usize, usize), ()> = HashMap::new();
    let mut starts = HashMap::new();
    let mut all = Vec::new();
    for (r, row) in table.select(&tr).enumerate() {
        let mut c = 0;
        for el in row.select(&cell) {
            while taken.contains_key(&(r, c)) {
                c += 1;
            }
            let rs: usize = el.attr("rowspan").map_or(1, |v| v.parse().unwrap());
            let cs: usize = el.attr("colspan").map_or(1, |v| v.parse().unwrap());
            for i in r..r + rs {
                for j in c..c + cs {
                    assert!(taken.insert((i, j), ()).is_none(), "overlap at {i},{j}");
                }
            }
            starts.insert((r, c), el);
            all.push((el, r, c, rs, cs));
            c += cs;
        }
    }
    (starts, all)
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

#[test]
fn html_tables_read_back_equal_to_the_draft_with_official_merges() {
    for name in EXAMPLES {
        let d = example(name);
        let doc = Html::parse_document(&export_html(&d, ValueOptions::default(), false));
        for table in TableId::ALL {
            let selector = Selector::parse(&format!("table#{}", table.code())).unwrap();
            let element = doc.select(&selector).next().expect("table present");
            let (starts, all) = grid_of(element);
            let layout = table_layout(&d, table, ValueOptions::default());
            assert_eq!(all.len(), layout.slots.len(), "{name} {table:?}");
            for slot in &layout.slots {
                let el = starts.get(&(slot.row, slot.col)).unwrap_or_else(|| {
                    panic!("{name} {table:?} nothing at {},{}", slot.row, slot.col)
                });
                assert_eq!(text_of(*el), slot.text);
                assert_eq!(
                    el.attr("rowspan").map_or(1, |v| v.parse().unwrap()),
                    slot.rowspan
                );
                assert_eq!(
                    el.attr("colspan").map_or(1, |v| v.parse().unwrap()),
                    slot.colspan
                );
                if let SlotKind::Value { key, .. } = slot.kind {
                    // Every figure equals the draft's.
                    assert_eq!(text_of(*el), value_text(&d, key, ValueOptions::default()));
                    assert_eq!(
                        el.attr("data-cell"),
                        Some(format!("{}.{}.{}", key.table.code(), key.row, key.col).as_str())
                    );
                }
            }
        }
        // The official merged headers, by their text.
        let span = |label: &str| -> (usize, usize) {
            let th = Selector::parse("th, td").unwrap();
            let el = doc
                .select(&th)
                .find(|e| text_of(*e) == label)
                .unwrap_or_else(|| panic!("{label}"));
            (
                el.attr("rowspan").map_or(1, |v| v.parse().unwrap()),
                el.attr("colspan").map_or(1, |v| v.parse().unwrap()),
            )
        };
        assert_eq!(span("申请人情况"), (1, 7));
        assert_eq!(span("法人或其他组织"), (1, 5));
        assert_eq!(span("自然人"), (2, 1));
        assert_eq!(
            span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            (3, 3)
        );
        assert_eq!(span("行政复议"), (1, 5));
        assert_eq!(
            span("结果维持"),
            (2, 1),
            "the 行政复议 columns reach down past the 行政诉讼 groups"
        );
        assert_eq!(span("行政诉讼"), (1, 10));
        assert_eq!(span("未经复议直接起诉"), (1, 5));
        assert_eq!(span("复议后起诉"), (1, 5));
        assert_eq!(span("第二十条第（一）项"), (1, 4));
        let results_rows = if d.format == nianbao::format::FormatId::F2021 {
            22
        } else {
            20
        };
        assert_eq!(span("三、本年度办理结果"), (results_rows, 1));
        assert_eq!(span("（三）不予公开"), (8, 1));
    }
}

const HOSTILE: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt;",
    "' onmouseover='x' <!-- -->",
];

#[test]
fn hostile_text_is_never_markup() {
    for hostile in HOSTILE {
        let mut d = example("2021-jinjiang.ron");
        common::fill_with_hostile_text(&mut d, hostile);
        for fragment in [false, true] {
            let html = export_html(&d, ValueOptions::default(), fragment);
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<img"));
            assert!(!html.contains("<b>"));
            assert!(!html.contains("<!-- -->"));
            let parsed = if fragment {
                Html::parse_fragment(&html)
            } else {
                Html::parse_document(&html)
            };
            let all_text: String = parsed.root_element().text().collect();
            assert!(
                all_text.contains(&format!("标题{hostile}")),
                "{hostile} is printed literally"
            );
            assert!(all_text.contains(&format!("段落{hostile}")));
            assert!(all_text.contains(&format!("地址：地址{hostile}")));
            let script = Selector::parse("script, img, b").unwrap();
            assert_eq!(parsed.select(&script).count(), 0);
        }
        let text = export_text(&d, ValueOptions::default());
        assert!(
            text.contains(&format!("段落{hostile}")),
            "text export keeps the literal text"
        );
    }
}

#[test]
fn a_standalone_document_is_html5_with_no_script_or_external_resource() {
    let html = export_html(&example("2019-yonghe.ron"), ValueOptions::default(), false);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print"));
    for forbidden in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    let fragment = export_html(&example("2019-yonghe.ron"), ValueOptions::default(), true);
    assert!(fragment.starts_with("<article"));
    assert!(!fragment.contains("<html") && !fragment.contains("<style"));
}

#[test]
fn export_command_lists_errors_on_stderr_and_strict_fails() {
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let draft = root().join("assets/examples/2021-jinjiang.ron");
    let out = Command::new(bin)
        .args(["export", draft.to_str().unwrap(), "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[错误] R2"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("R2") && !stdout.contains("[错误]"),
        "errors never go into the document"
    );

    let out = Command::new(bin)
        .args([
            "export",
            draft.to_str().unwrap(),
            "--format",
            "text",
            "--strict",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("报告.html");
    let clean = root().join("assets/examples/2021-jinjiang-corrected.ron");
    let out = Command::new(bin)
        .args([
            "export",
            clean.to_str().unwrap(),
            "--format",
            "html",
            "--strict",
            "-o",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("晋江市人民政府2021年政府信息公开工作年度报告")
    );
}
