//! Properties of the importer: a draft exported as text imports back to itself, and any text,
//! however broken, gives a draft or a message (never a panic).

use nianbao::draft::{Contact, Draft, Level, Part};
use nianbao::export::{ValueOptions, text::export_text};
use nianbao::format::{CellKind, CellType, FormatId};
use nianbao::import::{import_bytes, import_text};
use nianbao::value::{MoneyUnit, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Bodies whose names tell their level, as the importer infers it.
const BODIES: &[(&str, Level)] = &[
    ("某县人民政府", Level::County),
    ("某市某区人民政府", Level::County),
    ("某某镇人民政府", Level::Township),
    ("某市交通运输局", Level::Department),
    ("某市人民政府办公室", Level::Department),
    ("某省人民政府", Level::Provincial),
    ("某某自治州人民政府", Level::Prefectural),
];

/// Sentences a report is made of. Each ends a sentence, as a paragraph of a report does.
const SENTENCES: &[&str] = &[
    "本报告根据《中华人民共和国政府信息公开条例》编制。",
    "全年主动公开政府信息 1136 条。",
    "进一步规范依申请公开办理流程，提升答复质量。",
    "加强政府网站和政务新媒体管理，确保信息发布安全。",
    "2024 年共开展 9 场新闻发布会；回应社会关切 12 次。",
    "下一步将继续深化重点领域信息公开！",
    "一是强化组织领导。二是完善工作机制。",
    "“局长在线”访谈节目全年开展 10 期。",
    "本年度未收取信息处理费。",
    "无。",
];

const HEADINGS: &[&str] = &[
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
    "关注利企便民，全领域推进主动公开",
    "聚焦高效落实，全链条强化监督保障。",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SENTENCES), 1..4).prop_map(|s| s.concat())
}

fn paragraphs(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(paragraph(), 0..max).prop_map(|p| p.join("\n"))
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        prop::option::of("某某路 [1-9][0-9]{0,2} 号"),
        prop::option::of("[1-9][0-9]{5}"),
        prop::option::of("0[1-9][0-9]{2}-[1-9][0-9]{7}"),
        prop::option::of("[a-z]{3,8}@[a-z]{2,5}\\.com"),
        prop::option::of("www\\.[a-z]{2,8}\\.gov\\.cn"),
    )
        .prop_map(|(a, p, t, e, w)| Contact {
            address: a.unwrap_or_default(),
            postcode: p.unwrap_or_default(),
            phone: t.unwrap_or_default(),
            email: e.unwrap_or_default(),
            website: w.unwrap_or_default(),
        })
}

fn value_of(ty: CellType) -> BoxedStrategy<Value> {
    match ty {
        CellType::Count => (0u64..=9_999_999).prop_map(Value::Count).boxed(),
        CellType::Signed => (-99_999i64..=99_999).prop_map(Value::Signed).boxed(),
        CellType::Amount => (0i64..=999_999_999, 0u32..=6)
            .prop_map(|(m, s)| Value::Amount(Decimal::new(m, s)))
            .boxed(),
        CellType::Money => (
            0i64..=999_999_999,
            0u32..=2,
            prop_oneof![
                Just(None),
                Just(Some(MoneyUnit::Yuan)),
                Just(Some(MoneyUnit::WanYuan))
            ],
        )
            .prop_map(|(m, s, u)| Value::Money(Decimal::new(m, s), u))
            .boxed(),
    }
}

/// A draft as an import gives one: every total stated (a published table prints them all),
/// entered cells filled or blank.
fn draft() -> impl Strategy<Value = Draft> {
    let head = (
        prop::sample::select(BODIES),
        2019i32..=2025,
        any::<bool>(),
        contact(),
        paragraphs(3),
        paragraphs(3),
        prop::collection::vec((prop::sample::select(HEADINGS), paragraphs(3)), 0..6),
        paragraphs(3),
        paragraphs(3),
    );
    head.prop_flat_map(
        |((body, level), year, other_format, contact, preamble, intro, parts, problems, other)| {
            let format = if other_format {
                FormatId::ALL
                    .into_iter()
                    .find(|f| *f != FormatId::for_year(year))
                    .unwrap_or(FormatId::F2021)
            } else {
                FormatId::for_year(year)
            };
            let cells: Vec<BoxedStrategy<Option<(nianbao::format::CellKey, Value)>>> = format
                .def()
                .cells()
                .map(|cell| {
                    let key = cell.key();
                    match cell.kind() {
                        CellKind::Total => (0u64..=99_999)
                            .prop_map(move |n| Some((key, Value::Count(n))))
                            .boxed(),
                        CellKind::Entered(ty) => prop::option::of(value_of(ty))
                            .prop_map(move |v| v.map(|v| (key, v)))
                            .boxed(),
                    }
                })
                .collect();
            cells.prop_map(move |cells| {
                let mut d = Draft::new(body, level, year);
                d.format = format;
                d.contact = contact.clone();
                d.preamble = preamble.clone();
                d.overview_intro = intro.clone();
                d.parts = parts
                    .iter()
                    .map(|(h, t)| Part {
                        heading: (*h).to_string(),
                        text: t.clone(),
                    })
                    .collect();
                d.problems = problems.clone();
                d.other_matters = other.clone();
                d.cells = cells.into_iter().flatten().collect();
                d
            })
        },
    )
}

/// Lines a broken report is made of: real headings, labels and rows among noise.
const PIECES: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）主动公开情况。全年公开 12 条。",
    "某县人民政府2021年政府信息公开工作年度报告",
    "第二十条第（一）项",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0",
    "行政规范性文件 94 131",
    "| 规章 | 22 | 235 |",
    "一、本年新收政府信息公开申请数量\t\t270\t11\t0\t0\t1\t9\t291\t",
    "\t\t2. 其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1",
    "三 2.其他法律行政止公开 0 0 0 0 0 0 0",
    "10 0 0 0 0 0 10",
    "| （七）总计 | 33 | 2 | 0 | 0 | 0 | 0 | 35 |",
    "3、其他 108 2 0 0 0 0 110",
    "（六）其他处理 0 0 0 0 0 0 0",
    "3 0 0 0 3 3 0 4 0 7 1 1 0 0 2",
    "- 3 -",
    "联系（地址：某路 1 号，电话：(0595) 123，邮编：",
    "（（（（",
    "2026年1月23日",
    "|---|---|",
    "## 三、本年度办理结果",
    "**加粗**<http://x.gov.cn>",
    "",
];

fn broken_report() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,30}",
            1 => "[0-9 \t|（）一二三、.]{0,30}",
        ],
        0..80,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    // PROPTEST_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn exported_drafts_import_back(d in draft()) {
        let text = export_text(&d, ValueOptions::default());
        let back = import_text(&text);
        prop_assert!(back.is_ok(), "{:?}\n{text}", back.err());
        let back = back.map(|i| i.draft).unwrap_or_else(|_| d.clone());
        prop_assert_eq!(
            nianbao::draft_file::to_ron(&back),
            nianbao::draft_file::to_ron(&d),
            "{}", text
        );
        prop_assert_eq!(back, d);
    }

    #[test]
    fn any_text_gives_a_draft_or_a_message(text in ".*") {
        let _ = import_text(&text);
    }

    #[test]
    fn any_bytes_give_a_draft_or_a_message(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = import_bytes(&bytes);
    }

    #[test]
    fn broken_reports_give_a_draft_or_a_message(text in broken_report()) {
        match import_text(&text) {
            Ok(import) => prop_assert!(!import.notes.is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
