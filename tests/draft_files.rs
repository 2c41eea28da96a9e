//! Drafts on disk: every draft survives save → load unchanged; broken, hostile, foreign and newer
//! files give a clear message and never a panic; the first draft format stays readable.

use std::path::Path;

use nianbao::date::Date;
use nianbao::draft::{Contact, ContactField, Draft, LastYear, Level, Part, TextField};
use nianbao::draft_file::{self, LoadError};
use nianbao::format::{CellKind, CellType, FormatId, TableId};
use nianbao::value::{MoneyUnit, Value};
use nianbao::years::continuity::last_year_inputs;
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

/// Last year's figures in either format: any of table 三's 结转下年度 columns, any of the table-二
/// figures R9 starts from.
fn any_last_year() -> impl Strategy<Value = LastYear> {
    let format = prop_oneof![Just(FormatId::F2019), Just(FormatId::F2021)];
    (format, any_text(), 1900i32..=2999).prop_flat_map(|(format, body, year)| {
        let columns: Vec<_> = format
            .def()
            .table(TableId::T3)
            .cells()
            .filter(|c| c.row.id == "carry_forward")
            .map(|c| (Just(c.col.id), prop::option::of(0u64..=999_999_999_999)))
            .collect();
        let figures: Vec<_> = last_year_inputs(format)
            .into_iter()
            .map(|key| {
                let ty = format.def().cell_by_key(key).map(|c| c.ty()).unwrap();
                (Just(key), prop::option::of(value_of(ty)))
            })
            .collect();
        (Just((format, body, year)), columns, figures).prop_map(
            |((format, body, year), columns, figures)| LastYear {
                body,
                year,
                format,
                carry_forward: columns
                    .into_iter()
                    .filter_map(|(c, n)| Some((c, n?)))
                    .collect(),
                table2: figures
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, v?)))
                    .collect(),
                report: None,
            },
        )
    })
}

/// Any set of 待复核 marks on the fields of a draft with `parts` parts of section 一.
fn any_review(parts: usize) -> impl Strategy<Value = Vec<TextField>> {
    let mut fields = vec![
        TextField::Title,
        TextField::Body,
        TextField::Preamble,
        TextField::OverviewIntro,
        TextField::Problems,
        TextField::OtherMatters,
    ];
    fields.extend(ContactField::ALL.map(TextField::Contact));
    for i in 0..parts {
        fields.push(TextField::PartHeading(i));
        fields.push(TextField::PartText(i));
    }
    prop::sample::subsequence(fields.clone(), 0..=fields.len())
}

/// Any draft: either format, any year, any text, any mix of blank, entered and stated cells,
/// with or without last year's figures, 待复核 marks and 汇总 units.
fn any_draft() -> impl Strategy<Value = Draft> {
    (
        plain_draft(),
        prop::option::of(any_last_year()),
        prop::collection::vec(any_text(), 0..4),
    )
        .prop_flat_map(|(draft, last_year, merged_from)| {
            let parts = draft.parts.len();
            (Just((draft, last_year, merged_from)), any_review(parts))
        })
        .prop_map(|((mut draft, last_year, merged_from), review)| {
            draft.last_year = last_year;
            draft.merged_from = merged_from;
            draft.review = review.into_iter().collect();
            draft
        })
}

/// Any draft as version 1 could hold it.
fn plain_draft() -> impl Strategy<Value = Draft> {
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

/// A frozen copy of a draft written in draft format version 2: a 2022 report continued from
/// 晋江 2021, with last year's figures, 待复核 marks and (for the format's sake) 汇总 units. Never
/// edit it: later versions of nianbao must still read it.
#[test]
fn the_second_draft_format_still_reads() {
    let d = draft_file::from_ron(include_str!("fixtures/draft-v2-jinjiang-next.ron")).unwrap();
    assert_eq!(d.format, FormatId::F2021);
    assert_eq!(d.year, 2022);
    assert_eq!(d.body, "晋江市人民政府");
    let last = d.last_year.as_ref().unwrap();
    assert_eq!(last.year, 2021);
    assert_eq!(last.format, FormatId::F2021);
    assert_eq!(last.carry_forward.get("natural"), Some(&0));
    assert_eq!(last.carry_forward.len(), 7);
    let in_force = |row| nianbao::format::CellKey {
        table: TableId::T2,
        row,
        col: "in_force",
    };
    assert_eq!(
        last.table2.get(&in_force("normative")),
        Some(&Value::Count(262))
    );
    assert_eq!(last.table2.get(&in_force("rules")), Some(&Value::Count(0)));
    assert!(d.review.contains(&TextField::Preamble));
    assert!(d.review.contains(&TextField::PartText(4)));
    assert!(!d.review.contains(&TextField::PartHeading(0)));
    assert_eq!(d.merged_from, vec!["晋江市教育局", "晋江市民政局"]);
    assert_eq!(
        d.count(nianbao::format::CellKey {
            table: TableId::T3,
            row: "carried",
            col: "natural"
        }),
        Some(0)
    );
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

/// A version-1 draft has no last year's figures, no 待复核 marks and no 汇总 units, and is
/// written back in the current version.
#[test]
fn a_first_format_draft_migrates_to_the_current_one() {
    let (d, version) =
        draft_file::from_ron_versioned(include_str!("fixtures/draft-v1-yonghe.ron")).unwrap();
    assert_eq!(
        version, 1,
        "the window tells the clerk the draft was migrated"
    );
    assert_eq!(d.last_year, None);
    assert!(d.review.is_empty());
    assert!(d.merged_from.is_empty());
    assert_eq!(d.profile, None);
    let text = draft_file::to_ron(&d);
    let current = format!("draft_version: {},", draft_file::DRAFT_VERSION);
    assert!(text.contains(&current), "{text}");
    for field in [
        "last_year:",
        "review:",
        "merged_from:",
        "profile:",
        "last_year_report:",
    ] {
        assert!(!text.contains(field), "{field}");
    }
    assert_eq!(draft_file::from_ron(&text).unwrap(), d);
}

#[test]
fn bad_last_year_figures_are_refused_clearly() {
    let text = include_str!("fixtures/draft-v2-jinjiang-next.ron");
    let bad = text.replacen("\"in_force\": \"262\"", "\"in_force\": \"-1\"", 1);
    let err = draft_file::from_ron(&bad).unwrap_err().to_string();
    assert!(err.contains("上年数据") && err.contains("-1"), "{err}");
    let bad = text.replacen("\"part_text:0\"", "\"part_txt:0\"", 1);
    let err = draft_file::from_ron(&bad).unwrap_err().to_string();
    assert!(err.contains("part_txt:0"), "{err}");
    let bad = text.replacen(
        "carry_forward: {\"natural\"",
        "carry_forward: {\"nobody\"",
        1,
    );
    let err = draft_file::from_ron(&bad).unwrap_err().to_string();
    assert!(err.contains("nobody"), "{err}");
}

/// A saved or exported file is as readable as any file the clerk makes (not private like the
/// temporary file it was written to), and replacing a file keeps its permissions.
#[cfg(unix)]
#[test]
fn written_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;

    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, b"x").unwrap();
    let new = dir.path().join("new.docx");
    nianbao::draft_file::write_atomically(&new, b"report").unwrap();
    assert_eq!(mode(&new), mode(&plain), "a new file gets the umask's mode");

    std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).unwrap();
    nianbao::draft_file::write_atomically(&new, b"report, again").unwrap();
    assert_eq!(mode(&new), 0o640, "a replaced file keeps its mode");
    assert_eq!(std::fs::read(&new).unwrap(), b"report, again");
}

/// Every message of a file that fails to load is in Chinese: ron's English ("Expected opening
/// `(` for struct `Probe`") and its internal names never reach the clerk.
fn assert_chinese(err: &LoadError) {
    let text = err.to_string();
    for english in [
        "Expected", "expected", "struct", "Probe", "FileV", "found", "invalid",
    ] {
        assert!(!text.contains(english), "{english} in {text}");
    }
    // ASCII words other than names the clerk knows (the program, HTML, Word, file suffixes).
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .filter(|w| {
            ![
                "nianbao", "HTML", "Word", "WPS", "docx", "ron", "bak", "XML", "PDF", "zip",
            ]
            .contains(w)
        })
        .collect();
    assert!(words.is_empty(), "{words:?} in {text}");
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{text}"
    );
}

#[test]
fn files_that_are_not_drafts_say_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // A web page saved as .ron.
    for html in [
        "<!DOCTYPE html>\n<html><head><title>年报</title></head><body>政府信息公开</body></html>",
        "\u{feff}  <html lang=\"zh\">",
        "<div>草稿</div>",
    ] {
        let err = draft_file::load(&write("page.ron", html.as_bytes())).unwrap_err();
        assert!(matches!(err, LoadError::Foreign(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            "这不是 nianbao 草稿文件（看起来是网页 HTML）"
        );
        assert_chinese(&err);
        assert_chinese(&draft_file::from_ron(html).unwrap_err());
    }
    // A Word document (a zip holding word/document.xml) renamed to .ron.
    let mut docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml\x00\xff\xfeword/document.xml");
    let err = draft_file::load(&write("report.ron", &docx)).unwrap_err();
    assert!(err.to_string().contains("看起来是 Word 文档"), "{err}");
    assert_chinese(&err);
    let err = draft_file::load(&write("a.ron", b"PK\x03\x04\x00\x00other")).unwrap_err();
    assert!(err.to_string().contains("压缩文件"), "{err}");
    assert_chinese(&err);
    // A truncated draft.
    let full = include_str!("fixtures/draft-v2-jinjiang-next.ron");
    let cut: String = full.chars().take(full.chars().count() / 2).collect();
    let err = draft_file::load(&write("cut.ron", cut.as_bytes())).unwrap_err();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
    assert!(err.to_string().contains("被截断"), "{err}");
    assert_chinese(&err);
    // Cut between two fields, outside any text.
    let at = full.find("\n  year:").unwrap();
    let err = draft_file::from_ron(&full[..at]).unwrap_err();
    assert!(err.to_string().contains("被截断"), "{err}");
    assert_chinese(&err);
    // Wrong types and stray characters, with their line and column.
    for (broken, words) in [
        (full.replacen("year: 2022", "year: \"2022\"", 1), "整数"),
        (
            full.replacen("draft_version: 2", "draft_version: 2.5", 1),
            "第 ",
        ),
        (full.replacen("(", "[", 1), "应为以“(”开始"),
        ("draft_version: 2".to_string(), "第 1 行"),
        ("(draft_version: 2, body: 5)".to_string(), "第 1 行"),
        ("(draft_version: \"x\")".to_string(), "整数"),
    ] {
        let err = draft_file::from_ron(&broken).unwrap_err();
        assert!(err.to_string().contains(words), "{err}");
        assert_chinese(&err);
    }
}

#[test]
fn a_draft_that_fails_to_load_offers_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("某局.ron");
    // Nothing beside a draft that was never saved twice.
    assert!(draft_file::alternatives(&path).is_empty());
    let mut first = Draft::new("某局", Level::Department, 2025);
    first.problems = "第一次保存".into();
    draft_file::save(&first, &path).unwrap();
    assert!(draft_file::alternatives(&path).is_empty());
    let mut second = first.clone();
    second.problems = "第二次保存".into();
    draft_file::save(&second, &path).unwrap();
    // The file is then overwritten with a web page.
    std::fs::write(&path, "<!DOCTYPE html><html></html>").unwrap();
    assert_chinese(&draft_file::load(&path).unwrap_err());
    let offers = draft_file::alternatives(&path);
    assert_eq!(offers.len(), 1);
    let offer = &offers[0];
    assert_eq!(offer.path, draft_file::backup_path(&path));
    assert_eq!(offer.path.file_name().unwrap(), "某局.ron.bak");
    assert_eq!(offer.draft, first);
    assert!(offer.modified.is_some());
    let described = offer.describe();
    assert!(
        described.starts_with("上一次保存的版本（某局.ron.bak，保存于 "),
        "{described}"
    );
    assert!(described.contains("（北京时间）"), "{described}");
    // A backup that does not load is not offered.
    std::fs::write(&offer.path, "<html>").unwrap();
    assert!(draft_file::alternatives(&path).is_empty());
}

/// A version-2 draft opens in version 3, is told as migrated, and has last year's figures but not
/// last year's whole report (version 2 did not keep it).
#[test]
fn a_second_format_draft_migrates_to_the_third() {
    let (d, version) =
        draft_file::from_ron_versioned(include_str!("fixtures/draft-v2-jinjiang-next.ron"))
            .unwrap();
    assert_eq!(version, 2);
    assert!(version < draft_file::DRAFT_VERSION);
    let last = d.last_year.as_ref().unwrap();
    assert_eq!(last.report, None);
    assert_eq!(d.profile, None);
    let text = draft_file::to_ron(&d);
    assert!(text.contains("draft_version: 3,"), "{text}");
    assert!(!text.contains("last_year_report:"));
    assert_eq!(draft_file::from_ron(&text).unwrap(), d);
}

fn jinjiang_corrected() -> Draft {
    draft_file::from_ron(include_str!(
        "../assets/examples/2021-jinjiang-corrected.ron"
    ))
    .unwrap()
}

/// A 2022 draft continued from 晋江 2021 keeps the whole 2021 report, checked with a profile:
/// it survives save → load unchanged, every cell and every text of last year included.
#[test]
fn a_third_format_draft_with_last_year_linked_round_trips() {
    let last = jinjiang_corrected();
    let mut d = nianbao::years::next_year(&last).unwrap().draft;
    d.profile = Some(nianbao::draft::ProfileRef {
        id: "wuwei-2025".into(),
        name: "武威市政府信息公开工作年度报告要求（2025年度）".into(),
        version: 1,
    });
    let report = d.last_year.as_ref().unwrap().report.as_deref().unwrap();
    assert_eq!(report.cells, last.cells);
    assert_eq!(report.problems, last.problems);
    assert_eq!(report.parts, last.parts);
    assert_eq!(report.other_matters, last.other_matters);
    let text = draft_file::to_ron(&d);
    assert!(text.contains("last_year_report:"), "{text}");
    assert!(text.contains("profile:"), "{text}");
    let back = draft_file::from_ron(&text).unwrap();
    assert_eq!(back, d);
    // Last year's report keeps no link of its own: a chain of years does not nest.
    let mut twice = nianbao::years::next_year(&back).unwrap().draft;
    let inner = twice.last_year.as_mut().unwrap().report.as_deref().unwrap();
    assert_eq!(inner.year, 2022);
    assert_eq!(inner.last_year, None);
    assert_eq!(
        draft_file::from_ron(&draft_file::to_ron(&twice)).unwrap(),
        twice
    );
}

/// `last_year_from` (选择上年报告, `check --last-year`) links the whole report too.
#[test]
fn a_picked_last_year_report_is_kept_whole() {
    let last = jinjiang_corrected();
    let this = Draft::new(last.body.clone(), last.level, 2022);
    let carried = nianbao::years::last_year_from(&last, &this).unwrap();
    let report = carried.last_year.report.as_deref().unwrap();
    assert_eq!(report.cells, last.cells);
    assert_eq!(report.preamble, last.preamble);
}

/// A frozen copy of a draft written in draft format version 3: the 2022 draft continued from
/// 晋江 2021 (corrected), with the whole 2021 report linked and a profile recorded. Never edit
/// it: later versions of nianbao must still read it.
#[test]
fn the_third_draft_format_still_reads() {
    let d = draft_file::from_ron(include_str!("fixtures/draft-v3-jinjiang-next.ron")).unwrap();
    assert_eq!(d.year, 2022);
    let profile = d.profile.as_ref().unwrap();
    assert_eq!((profile.id.as_str(), profile.version), ("wuwei-2025", 1));
    let last = d.last_year.as_ref().unwrap();
    let report = last.report.as_deref().unwrap();
    assert_eq!(report.year, 2021);
    assert_eq!(report.cells, jinjiang_corrected().cells);
    assert_eq!(report.other_matters, "本年度未收取信息处理费。");
}

/// An imported report's headings as published (R24) survive save → load.
#[test]
fn published_headings_round_trip() {
    let mut d = jinjiang_corrected();
    d.published_headings = vec![nianbao::draft::PublishedHeading {
        section: 4,
        text: "五、政府信息公开工作存在的主要问题及改进情况".into(),
        number: Some(5),
        exact: false,
    }];
    let text = draft_file::to_ron(&d);
    assert!(text.contains("published_headings:"), "{text}");
    assert_eq!(draft_file::from_ron(&text).unwrap(), d);
    let bad = text.replacen("section: 4", "section: 9", 1);
    let err = draft_file::from_ron(&bad).unwrap_err().to_string();
    assert!(err.contains("部分编号 9"), "{err}");
}
