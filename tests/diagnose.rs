//! 可能的原因 on the examples and the public reports: the 晋江 seed's shifted row is named and
//! its repair gives table 三 of the corrected example; drafts without known violations get no
//! diagnosis; diagnosing changes nothing.
//!
//! The public reports are read from `../shared/reports/public/` through the importer; when that
//! directory is absent the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::check::{self, Location, RuleId};
use nianbao::diagnose::{Cause, Repair, diagnose};
use nianbao::document::Document;
use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::format::TableId;
use nianbao::import::import_text;
use nianbao::value::Value;

fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn example(name: &str) -> Draft {
    draft_file::load(&project("assets/examples").join(name)).expect("example loads")
}

/// Table 三 of a draft, cell by cell as held (stated totals included).
fn table3(d: &Draft) -> Vec<(String, Option<String>)> {
    d.format
        .def()
        .table(TableId::T3)
        .cells()
        .map(|c| {
            (
                format!("{}·{}", c.row.id, c.col.id),
                d.value(c.key()).map(ToString::to_string),
            )
        })
        .collect()
}

#[test]
fn jinjiang_total_in_the_wrong_row_is_named_and_repaired() {
    let draft = example("2021-jinjiang.ron");
    let corrected = example("2021-jinjiang-corrected.ron");
    let findings = check::check(&draft);
    let found = diagnose(&draft, &findings);
    assert_eq!(found.len(), 1, "{found:#?}");
    let diagnosis = &found[0];
    assert_eq!(diagnosis.cause, Cause::TotalInWrongRow);
    assert!(
        diagnosis
            .message
            .contains("（七）总计看起来被填在了「3.其他」行"),
        "{}",
        diagnosis.message
    );
    assert!(
        diagnosis.message.contains("270/11/0/0/1/9/291"),
        "{}",
        diagnosis.message
    );
    // Listed under the error it explains: the first R2 finding on （七）总计.
    assert_eq!(diagnosis.rule, RuleId::R2);
    let explained = findings
        .iter()
        .find(|f| diagnosis.explains(f))
        .expect("explains a finding");
    assert!(matches!(explained.location, Location::Cell(k) if k.row == "total"));
    assert!(matches!(diagnosis.repair, Repair::Cells(_)));

    let mut doc = Document::new(draft.clone());
    assert_eq!(doc.apply(diagnosis.repair.edit()), Ok(true));
    assert_eq!(table3(doc.draft()), table3(&corrected));
    assert!(
        !check::check(doc.draft())
            .iter()
            .any(|f| matches!(f.rule, RuleId::R2 | RuleId::R3)),
    );
    assert!(doc.undo());
    assert_eq!(doc.draft(), &draft, "one undo brings the original back");
    assert!(!doc.can_undo());
}

/// The corrected 晋江 example with its （一）予以公开 row (136/11/0/0/1/9/157) typed one column
/// to the right or to the left, as published reports keep them (row totals stated).
fn jinjiang_with_granted(values: [u64; 7]) -> Draft {
    let mut d = example("2021-jinjiang-corrected.ron");
    let cols = [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal",
        "other_org",
        "total",
    ];
    for (col, n) in cols.into_iter().zip(values) {
        let key = d
            .format
            .def()
            .cell(TableId::T3, "granted", col)
            .expect("cell")
            .key();
        d.cells.insert(key, Value::Count(n));
    }
    d
}

#[test]
fn a_row_typed_one_column_off_is_put_back() {
    let corrected = example("2021-jinjiang-corrected.ron");
    for (values, direction) in [
        ([0, 136, 11, 0, 0, 1, 9], "右"),
        ([11, 0, 0, 1, 9, 157, 0], "左"),
    ] {
        let draft = jinjiang_with_granted(values);
        let findings = check::check(&draft);
        let found = diagnose(&draft, &findings);
        assert_eq!(found.len(), 1, "{found:#?}");
        let diagnosis = &found[0];
        assert_eq!(diagnosis.cause, Cause::ShiftedColumns);
        assert!(
            diagnosis.message.starts_with(&format!(
                "表三「（一）予以公开」行的数字看起来整体向{direction}错了一列"
            )),
            "{}",
            diagnosis.message
        );
        let mut doc = Document::new(draft.clone());
        assert_eq!(doc.apply(diagnosis.repair.edit()), Ok(true));
        assert_eq!(table3(doc.draft()), table3(&corrected), "{direction}");
        assert!(doc.undo());
        assert_eq!(doc.draft(), &draft);
    }
}

#[test]
fn diagnosing_changes_no_figure() {
    for name in ["2021-jinjiang.ron", "2019-yonghe.ron"] {
        let draft = example(name);
        let before = draft.clone();
        let _ = diagnose(&draft, &check::check(&draft));
        assert_eq!(draft, before, "{name}");
    }
}

#[test]
fn corrected_jinjiang_gets_no_diagnosis() {
    let d = example("2021-jinjiang-corrected.ron");
    assert_eq!(diagnose(&d, &check::check(&d)), vec![]);
}

#[test]
fn public_reports_without_known_violations_get_no_diagnosis() {
    let dir = project("../shared/reports/public");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is absent (the public reports are read from ../shared, never copied in)",
            dir.display()
        );
        return;
    }
    for name in [
        "2024-district-hongze.txt",
        "2024-city-huaian.txt",
        "2025-province-shanghai-bgt.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("report reads");
        let draft = import_text(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .draft;
        let found = diagnose(&draft, &check::check(&draft));
        assert_eq!(found, vec![], "{name}");
    }
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("nianbao runs")
}

#[test]
fn check_prints_diagnoses_and_json_keeps_its_shape() {
    let path = project("assets/examples/2021-jinjiang.ron");
    let path = path.to_str().unwrap();
    let out = nianbao(&["check", path]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("可能的原因：（七）总计看起来被填在了「3.其他」行"),
        "{text}"
    );
    assert!(text.contains("；可以："), "{text}");

    // Plain --json: the array of findings, as before.
    let out = nianbao(&["check", "--json", path]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.is_array());

    let out = nianbao(&["check", "--json", "--diagnose", path]);
    assert_eq!(out.status.code(), Some(1));
    let both: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(both["findings"], list);
    let d = &both["diagnoses"][0];
    assert_eq!(d["rule"], "R2");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["cause"], "total_in_wrong_row");
    assert_eq!(d["location"]["row"], "total");
    assert_eq!(d["repair"]["kind"], "cells");
    assert_eq!(d["repair"]["cells"].as_array().unwrap().len(), 14);
}
