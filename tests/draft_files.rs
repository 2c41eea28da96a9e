//! Drafts on disk: every draft survives save → load unchanged; broken, hostile, foreign and newer
//! files give a clear message and never a panic; the first draft format stays readable.

use std::path::Path;

use nianbao::date::Date;
use nianbao::draft::{Contact, Draft, Level, Part};
use nianbao::draft_file::{self, LoadError};
use nianbao::format::{CellKind, CellType, FormatId};
use nianbao::value::{MoneyUnit, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[\\PC\n\t\"\\\\#]{0,40}",
        Just("\"><img src=x onerror=alert(1)>".to_string()),
        Just("r#\"raw\"#\n\n  缩进".to_string()),
        Just("\u{0}\u{7}\u{1b}[31m控制字符".to_string()),
    ]
}

fn value_of(ty: CellType) -> BoxedStrategy<Value> {
    match ty {
        CellType::Count => (0u64..=999_999_999_999).prop_map(Value::Count).boxed(),
        CellType::Signed => (-999_999_999_999i64..=999_999_999_999)
            .prop_map(Value::Signed)
            .boxed(),
        CellType::Amount => (0u64..=999_999_999_999, 0u32..=6)
            .prop_map(|(m, s)| Value::Amount(Decimal::new(m as i64, s)))
            .boxed(),
        CellType::Money => (
            0u64..=999_999_999_999,
            0u32..=6,
            prop_oneof![
                Just(None),
                Just(Some(MoneyUnit::Yuan)),
                Just(Some(MoneyUnit::WanYuan))
            ],
        )
            .prop_map(|(m, s, u)| Value::Money(Decimal::new(m as i64, s), u))
            .boxed(),
    }
}

/// Any draft: either format, any year, any text, any mix of blank, entered and stated cells.
fn any_draft() -> impl Strategy<Value = Draft> {
    let format = prop_oneof![Just(FormatId::F2019), Just(FormatId::F2021)];
    (
        format,
        1990i32..2060,
        any_text(),
        prop::sample::select(Level::ALL.to_vec()),
        any::<u64>(),
    )
        .prop_flat_map(|(format, year, body, level, _)| {
            let cells: Vec<_> = format
                .def()
                .cells()
                .map(|c| {
                    let ty = match c.kind() {
                        CellKind::Entered(ty) => ty,
                        CellKind::Total => CellType::Count,
                    };
                    (Just(c.key()), prop::option::of(value_of(ty)))
                })
                .collect();
            let texts = prop::collection::vec(any_text(), 8);
            let parts = prop::collection::vec((any_text(), any_text()), 0..7);
            let title = prop::option::of(any_text());
            let date = prop::option::of((2000i32..2100, 1u32..=12, 1u32..=28));
            (
                Just((format, year, body, level)),
                cells,
                texts,
                parts,
                title,
                date,
            )
        })
        .prop_map(
            |((format, year, body, level), cells, t, parts, title, date)| {
                let mut d = Draft::new(body, level, year);
                d.format = format;
                d.title_override = title;
                d.publish_date = date.and_then(|(y, m, day)| Date::new(y, m, day));
                // Fields added within draft version 1, set on some drafts.
                d.local_deadline = date.and_then(|(y, m, day)| Date::new(y, 12 - m % 12, day));
                d.info_fee =
                    (year % 3 != 0).then(|| Decimal::new(i64::from(year) * 37, year as u32 % 4));
                d.contact = Contact {
                    address: t[0].clone(),
                    postcode: t[1].clone(),
                    phone: t[2].clone(),
                    email: t[3].clone(),
                    website: t[4].clone(),
                };
                d.preamble = t[5].clone();
                d.overview_intro = t[6].clone();
                d.problems = t[7].clone();
                d.other_matters = t[7].chars().rev().collect();
                d.parts = parts
                    .into_iter()
                    .map(|(heading, text)| Part { heading, text })
                    .collect();
                d.cells = cells
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k, v)))
                    .collect();
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_draft_survives_save_and_load(draft in any_draft()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("草稿.ron");
        draft_file::save(&draft, &path).unwrap();
        let loaded = draft_file::load(&path).unwrap();
        prop_assert_eq!(loaded, draft);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in ".{0,400}") {
        let _ = draft_file::from_ron(&text);
    }
}

#[test]
fn truncating_a_draft_anywhere_gives_a_message_not_a_panic() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2021-jinjiang.ron"),
    )
    .unwrap();
    let cuts: Vec<usize> = (0..text.len())
        .step_by(97)
        .filter(|i| text.is_char_boundary(*i))
        .collect();
    for cut in cuts {
        match draft_file::from_ron(&text[..cut]) {
            Ok(_) => panic!("a truncated draft (at {cut}) loaded"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn hostile_files_are_refused_clearly() {
    let deep = format!(
        "(draft_version: 1, body: {}1{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(draft_file::from_ron(&deep).is_err());
    let huge = include_str!("fixtures/draft-v1-yonghe.ron").replace(
        "\"natural\": \"1\"",
        "\"natural\": \"99999999999999999999999999\"",
    );
    let err = draft_file::from_ron(&huge).unwrap_err().to_string();
    assert!(err.contains("数值过大"), "{err}");
    let letters = include_str!("fixtures/draft-v1-yonghe.ron")
        .replace("\"total\": \"1\"", "\"total\": \"一\"");
    assert!(
        draft_file::from_ron(&letters)
            .unwrap_err()
            .to_string()
            .contains("不是数字")
    );
    let foreign = "{\"name\": \"not a draft\"}";
    assert!(draft_file::from_ron(foreign).is_err());
    assert!(matches!(
        draft_file::from_ron("(draft_version: 1)"),
        Err(LoadError::Syntax { .. })
    ));
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("a.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x80, 0x81]).unwrap();
    assert!(matches!(draft_file::load(&binary), Err(LoadError::NotText)));
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text =
        include_str!("fixtures/draft-v1-yonghe.ron").replacen("year: 2019,", "year: 2019", 1);
    let err = draft_file::from_ron(&text).unwrap_err();
    let LoadError::Syntax { line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        line, 8,
        "the missing comma is reported where the next field starts"
    );
    assert!(err.to_string().contains("第 8 行"));
}

/// A frozen copy of a draft written in draft format version 1. Never edit it: later versions of
/// nianbao must still read it.
#[test]
fn the_first_draft_format_still_reads() {
    let d = draft_file::from_ron(include_str!("fixtures/draft-v1-yonghe.ron")).unwrap();
    assert_eq!(d.format, FormatId::F2019);
    assert_eq!(d.year, 2019);
    assert_eq!(d.level, Level::Township);
    assert_eq!(d.body, "晋江市永和镇人民政府");
    assert_eq!(d.parts.len(), 5);
    assert_eq!(d.cells.len(), 20 + 23 * 7 - 2 + 15);
    assert!(d.other_matters == "无");
    // Fields added later within version 1 are absent from it.
    assert_eq!(d.local_deadline, None);
    assert_eq!(d.info_fee, None);
}
