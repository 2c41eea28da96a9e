//! The example drafts in assets/examples: the two seed reports entered as published, and 晋江's
//! corrected. `nianbao check` must report the seeds' known faults (spec §6) and nothing else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::check::{self, RuleId, Severity};
use nianbao::draft_file;
use nianbao::format::{CellKey, TableId};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

/// (rule, column label) of every finding in table 三, plus the other rules by themselves.
fn summary(name: &str) -> BTreeSet<(RuleId, String)> {
    let draft = draft_file::load(&example(name)).expect("example loads");
    check::check(&draft)
        .into_iter()
        .map(|f| {
            let place = match f.location {
                check::Location::Cell(key) => format!("{}/{}", key.row, key.col),
                other => format!("{other:?}"),
            };
            (f.rule, place)
        })
        .collect()
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("nianbao runs")
}

#[test]
fn jinjiang_as_published_breaks_r2_r3_on_the_shifted_columns_and_r11() {
    let found = summary("2021-jinjiang.ron");
    let mut expected = BTreeSet::new();
    for col in ["natural", "commercial", "legal", "other_org", "total"] {
        expected.insert((RuleId::R2, format!("total/{col}")));
        expected.insert((RuleId::R3, format!("total/{col}")));
    }
    expected.insert((RuleId::R11, "Text(OtherMatters)".to_string()));
    assert_eq!(found, expected);
}

#[test]
fn yonghe_breaks_r1_r3_and_has_blanks() {
    let found = summary("2019-yonghe.ron");
    let expected: BTreeSet<_> = [
        (RuleId::R1, "withheld_4/total"),
        (RuleId::R1, "total/total"),
        (RuleId::R3, "total/total"),
        (RuleId::R4, "granted/natural"),
        (RuleId::R4, "partial/natural"),
        (RuleId::R4, "procurement/items"),
        (RuleId::R4, "procurement/amount"),
    ]
    .into_iter()
    .map(|(r, p)| (r, p.to_string()))
    .collect();
    assert_eq!(found, expected);
    let draft = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    let r4 = check::check(&draft)
        .into_iter()
        .filter(|f| f.rule == RuleId::R4);
    assert!(r4.into_iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn jinjiang_corrected_is_clean() {
    assert_eq!(summary("2021-jinjiang-corrected.ron"), BTreeSet::new());
}

#[test]
fn the_examples_hold_the_published_figures() {
    let d = draft_file::load(&example("2021-jinjiang.ron")).unwrap();
    let t = |table, row, col| d.value(CellKey { table, row, col }).map(|v| v.to_string());
    assert_eq!(
        t(TableId::T2, "licensing", "decisions").as_deref(),
        Some("537847")
    );
    assert_eq!(
        t(TableId::T2, "fees", "amount").as_deref(),
        Some("15387.251")
    );
    assert_eq!(t(TableId::T3, "other_3", "total").as_deref(), Some("291"));
    assert_eq!(t(TableId::T3, "total", "natural").as_deref(), Some("0"));
    assert_eq!(
        t(TableId::T4, "cases", "direct_other").as_deref(),
        Some("4")
    );
    assert_eq!(d.title(), "晋江市人民政府2021年政府信息公开工作年度报告");
    assert_eq!(d.contact.postcode, "362200");
    assert_eq!(d.parts.len(), 5);
    let y = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    assert_eq!(y.title(), "晋江市永和镇2019年政府信息公开工作年度报告");
    assert_ne!(
        y.title(),
        y.derived_title(),
        "永和镇's title is the clerk's own"
    );
    assert_eq!(y.contact.email, "jjyhzzzb@163.com");
}

#[test]
fn check_command_exit_codes_and_json() {
    let out = nianbao(&["check", example("2021-jinjiang.ron").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("（七）总计 填写为 0，按各办理结果之和应为 582"),
        "{text}"
    );

    let out = nianbao(&[
        "check",
        "--json",
        example("2021-jinjiang-corrected.ron").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list, serde_json::json!([]));

    let out = nianbao(&[
        "check",
        "--json",
        example("2019-yonghe.ron").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &list[0];
    for field in ["rule", "severity", "message", "location"] {
        assert!(first.get(field).is_some(), "{field} missing in {first}");
    }
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "warning")
    );
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "error")
    );
    assert_eq!(first["location"]["kind"], "cell");

    let out = nianbao(&["check", "/nonexistent/草稿.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不存在"));
}

/// The examples are kept in the form nianbao writes, so a save of an unchanged example changes
/// nothing. `UPDATE_EXAMPLES=1 cargo test` rewrites them after a deliberate change of layout.
#[test]
fn examples_are_in_canonical_form() {
    for name in [
        "2021-jinjiang.ron",
        "2021-jinjiang-corrected.ron",
        "2019-yonghe.ron",
    ] {
        let path = example(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let canonical = draft_file::to_ron(&draft_file::from_ron(&text).unwrap());
        if std::env::var_os("UPDATE_EXAMPLES").is_some() {
            std::fs::write(&path, &canonical).unwrap();
        } else {
            assert_eq!(
                text, canonical,
                "{name} is not in canonical form; run UPDATE_EXAMPLES=1 cargo test"
            );
        }
    }
}
