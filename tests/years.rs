//! One year's report and the next, 汇总 and 本年与上年对比: a 2020 draft continued into 2021, a
//! chain of three years with R8 and R9 holding and failing, merges with known sums, refused
//! mixes, comparisons, and the command line for all of it.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::check::{self, Finding, Location, RuleId, Severity};
use nianbao::compare::{self, Change};
use nianbao::document::{Document, Edit};
use nianbao::draft::{Contact, Draft, Level, TextField};
use nianbao::draft_file;
use nianbao::format::{CellKey, FormatId, TableId};
use nianbao::merge::{self, MergeOptions, Unit};
use nianbao::value::{MoneyUnit, Value};
use nianbao::years;
use rust_decimal::Decimal;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

fn t2(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T2,
        row,
        col,
    }
}

fn t3(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T3,
        row,
        col,
    }
}

fn count(n: u64) -> Value {
    Value::Count(n)
}

fn amount(text: &str) -> Value {
    Value::Amount(text.parse().unwrap())
}

fn of_rule(findings: &[Finding], rule: RuleId) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("nianbao runs")
}

fn set(doc: &mut Document, key: CellKey, value: Value) {
    doc.apply(Edit::SetCell {
        key,
        value: Some(value),
    })
    .unwrap();
    doc.end_typing();
}

/// Fills every blank entered cell with 0 and states the 信息处理费, so that only the figures a
/// test sets decide the findings.
fn complete(doc: &mut Document) {
    for table in TableId::ALL {
        doc.apply(Edit::FillBlanksWithZero(table)).unwrap();
    }
    doc.apply(Edit::SetText {
        field: TextField::OtherMatters,
        text: "本年度未收取信息处理费。".into(),
    })
    .unwrap();
    doc.end_typing();
}

// ---------------------------------------------------------------------------------------------
// 新建下一年度

/// A 2020 report of a county, in the 2019 format, with figures in every kind of table-二 cell.
fn county_2020() -> Draft {
    let mut d = Draft::new("某县人民政府", Level::County, 2020);
    d.contact = Contact {
        address: "某县人民路1号".into(),
        postcode: "362000".into(),
        phone: "0595-1234567".into(),
        email: "gk@example.gov.cn".into(),
        website: "www.example.gov.cn".into(),
    };
    d.preamble = "本报告所列数据统计期限自 2020 年 1 月 1 日至 2020 年 12 月 31 日。".into();
    d.parts[0].text = "2020年主动公开政府信息1234条。".into();
    d.problems = "一是解读形式单一。".into();
    d.other_matters = "无".into();
    d.cells.insert(t3("new", "natural"), count(9));
    d.cells.insert(t3("granted", "natural"), count(6));
    d.cells.insert(t3("carry_forward", "natural"), count(3));
    d.cells.insert(t3("new", "commercial"), count(1));
    d.cells.insert(t3("carry_forward", "commercial"), count(1));
    d.cells.insert(t3("carry_forward", "total"), count(4));
    d.cells.insert(t2("normative", "made"), count(12));
    d.cells
        .insert(t2("normative", "total_published"), count(80));
    d.cells.insert(t2("penalty", "prev_items"), count(5));
    d.cells.insert(t2("penalty", "change"), Value::Signed(-2));
    d.cells.insert(t2("penalty", "decisions"), count(7));
    d.cells.insert(t2("fees", "prev_items"), count(3));
    d
}

#[test]
fn a_2020_draft_continues_into_2021() {
    let last = county_2020();
    let next = years::next_year(&last).unwrap();
    let d = &next.draft;

    // The format follows the new year; body, level and contact are carried; the date is not.
    assert_eq!(d.year, 2021);
    assert_eq!(d.format, FormatId::F2021);
    assert_eq!(d.body, last.body);
    assert_eq!(d.level, Level::County);
    assert_eq!(d.contact, last.contact);
    assert_eq!(d.publish_date, None);

    // 上年结转 from 结转下年度, column by column; the 总计 stays computed.
    assert_eq!(d.count(t3("carried", "natural")), Some(3));
    assert_eq!(d.count(t3("carried", "commercial")), Some(1));
    assert_eq!(d.count(t3("carried", "research")), None);
    assert_eq!(d.value(t3("carried", "total")), None);
    // Nothing else of last year's tables is carried: this year's figures are this year's.
    assert_eq!(d.cells.len(), 2);

    // Last year's figures are kept; none of its table 二 serves the 2021 arithmetic.
    let ly = d.last_year.as_ref().unwrap();
    assert_eq!((ly.body.as_str(), ly.year), ("某县人民政府", 2020));
    assert_eq!(ly.format, FormatId::F2021);
    assert_eq!(
        ly.carry_forward
            .iter()
            .map(|(c, n)| (*c, *n))
            .collect::<Vec<_>>(),
        vec![("commercial", 1), ("natural", 3), ("total", 4)]
    );
    assert!(ly.table2.is_empty());

    // What could not be carried is named, with its figure and the reason.
    let messages: Vec<String> = next.not_carried.iter().map(|d| d.message()).collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(
        messages.iter().any(|m| m.contains("对外公开总数量")
            && m.contains("：80（")
            && m.contains("口径不同")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("行政处罚「本年增/减」：-2"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("行政事业性收费「上一年项目数量」：3"))
    );
    assert!(
        next.notes
            .iter()
            .any(|n| n.contains("国办公开办函〔2021〕30号"))
    );

    // The narrative is a starting text to review; the 统计期限 names the new year.
    assert_eq!(
        d.preamble,
        "本报告所列数据统计期限自 2021 年 1 月 1 日至 2021 年 12 月 31 日。"
    );
    assert_eq!(d.parts[0].text, last.parts[0].text);
    let review: Vec<TextField> = d.review.iter().copied().collect();
    assert_eq!(
        review,
        vec![
            TextField::Preamble,
            TextField::PartText(0),
            TextField::Problems,
            TextField::OtherMatters
        ]
    );

    // R8 holds; the checker quotes nothing cross-year; R13 is content with the moved period.
    let found = check::check(d);
    assert!(of_rule(&found, RuleId::R8).is_empty(), "{found:#?}");
    assert!(of_rule(&found, RuleId::R9).is_empty());
    assert!(of_rule(&found, RuleId::R13).is_empty());

    // And the whole of it survives a save.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2021.ron");
    draft_file::save(d, &path).unwrap();
    assert_eq!(&draft_file::load(&path).unwrap(), d);
}

#[test]
fn editing_a_carried_field_clears_its_review_mark() {
    let next = years::next_year(&county_2020()).unwrap();
    let mut doc = Document::unsaved(next.draft);
    assert!(doc.draft().to_review(TextField::Problems));
    doc.apply(Edit::SetText {
        field: TextField::Problems,
        text: "一是解读形式单一，已改进。".into(),
    })
    .unwrap();
    assert!(!doc.draft().to_review(TextField::Problems));
    doc.apply(Edit::MarkReviewed(TextField::OtherMatters))
        .unwrap();
    assert!(!doc.draft().to_review(TextField::OtherMatters));
    assert!(doc.undo());
    assert!(doc.draft().to_review(TextField::OtherMatters));
    // A part removed takes its mark with it; the marks after it move up.
    doc.apply(Edit::AddPart {
        index: 0,
        heading: "新增".into(),
    })
    .unwrap();
    assert!(doc.draft().to_review(TextField::PartText(1)));
    doc.apply(Edit::RemovePart(1)).unwrap();
    assert!(
        !doc.draft()
            .review
            .iter()
            .any(|f| matches!(f, TextField::PartText(_)))
    );
    doc.apply(Edit::MarkAllReviewed).unwrap();
    assert!(doc.draft().review.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Cross-year checks along a chain of three years

/// The checker's findings less R7 and 待复核: the narrative carried into a new year still quotes
/// last year's figures and is marked 待复核, and R7 and the review findings rightly say so; these
/// tests are about the tables.
fn tables_check(d: &nianbao::draft::Draft) -> Vec<nianbao::check::Finding> {
    check::check(d)
        .into_iter()
        .filter(|f| f.rule != RuleId::R7 && f.rule != RuleId::Review)
        .collect()
}

#[test]
fn three_years_in_the_2021_format_r8_and_r9_hold_then_fail() {
    // Year 1: 晋江 2021 as corrected: nothing carried forward, 262 行政规范性文件 in force.
    let y2021 = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();

    // Year 2: continued, and filled so that both cross-year rules hold.
    let mut doc = Document::unsaved(years::next_year(&y2021).unwrap().draft);
    assert_eq!(doc.draft().count(t3("carried", "natural")), Some(0));
    set(&mut doc, t3("new", "natural"), count(10));
    set(&mut doc, t3("granted", "natural"), count(8));
    set(&mut doc, t3("carry_forward", "natural"), count(2));
    set(&mut doc, t2("normative", "issued"), count(20));
    set(&mut doc, t2("normative", "repealed"), count(5));
    set(&mut doc, t2("normative", "in_force"), count(277));
    complete(&mut doc);
    let y2022 = doc.draft().clone();
    let found = tables_check(&y2022);
    assert_eq!(found, vec![], "{found:#?}");

    // Year 3: continued from year 2; 上年结转 arrives as 2.
    let mut doc = Document::unsaved(years::next_year(&y2022).unwrap().draft);
    assert_eq!(doc.draft().count(t3("carried", "natural")), Some(2));
    set(&mut doc, t3("new", "natural"), count(5));
    set(&mut doc, t3("granted", "natural"), count(7));
    set(&mut doc, t2("normative", "issued"), count(3));
    set(&mut doc, t2("normative", "in_force"), count(280));
    complete(&mut doc);
    assert_eq!(tables_check(doc.draft()), vec![]);

    // R9 fails: 277 + 3 − 0 = 280, not 290. A warning quoting both years' figures.
    set(&mut doc, t2("normative", "in_force"), count(290));
    let found = tables_check(doc.draft());
    let r9 = of_rule(&found, RuleId::R9);
    assert_eq!(r9.len(), 1, "{found:#?}");
    assert_eq!(r9[0].severity, Severity::Warning);
    assert_eq!(r9[0].location, Location::Cell(t2("normative", "in_force")));
    for figure in [
        "290",
        "2022年",
        "“现行有效件数”277",
        "“本年制发件数”3",
        "“本年废止件数”0",
        "应为 280",
        "相差 10",
    ] {
        assert!(
            r9[0].message.contains(figure),
            "{figure}: {}",
            r9[0].message
        );
    }

    // R8 fails: the clerk typed 1 over the carried 2 (R3 then fails too, as it should).
    set(&mut doc, t3("carried", "natural"), count(1));
    let found = tables_check(doc.draft());
    let r8 = of_rule(&found, RuleId::R8);
    assert_eq!(r8.len(), 2, "{found:#?}"); // 自然人 and the computed 总计
    assert_eq!(r8[0].location, Location::Cell(t3("carried", "natural")));
    assert_eq!(
        r8[0].message,
        "表三「二、上年结转政府信息公开申请数量」行「自然人」列：本年为 1，\
         上年（2022年）报告的“四、结转下年度继续办理”为 2，两者应相等"
    );
    assert!(
        found
            .iter()
            .all(|f| f.rule != RuleId::R8 || f.severity == Severity::Warning)
    );

    // Without last year's figures, neither rule speaks.
    doc.apply(Edit::SetLastYear(None)).unwrap();
    let found = tables_check(doc.draft());
    assert!(of_rule(&found, RuleId::R8).is_empty());
    assert!(of_rule(&found, RuleId::R9).is_empty());
    // Picking year 2's file brings them back.
    let picked = years::last_year_from(&y2022, doc.draft()).unwrap();
    doc.apply(Edit::SetLastYear(Some(picked.last_year)))
        .unwrap();
    assert_eq!(of_rule(&tables_check(doc.draft()), RuleId::R9).len(), 1);
    // A report of the wrong year is refused.
    assert!(years::last_year_from(&y2021, doc.draft()).is_err());
}

#[test]
fn three_years_in_the_2019_format_then_into_2021() {
    // 永和镇 2019: every table-二 count 0.
    let y2019 = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    let mut doc = Document::unsaved(years::next_year(&y2019).unwrap().draft);
    assert_eq!(doc.draft().format, FormatId::F2019);
    // 对外公开总数量 = 0 + 本年新公开 4; 上一年项目数量 = 0 + 0.
    set(&mut doc, t2("normative", "published"), count(4));
    set(&mut doc, t2("normative", "total_published"), count(4));
    set(&mut doc, t2("licensing", "prev_items"), count(0));
    set(&mut doc, t2("licensing", "change"), Value::Signed(6));
    complete(&mut doc);
    let found = tables_check(doc.draft());
    assert!(of_rule(&found, RuleId::R9).is_empty(), "{found:#?}");
    assert!(of_rule(&found, RuleId::R8).is_empty(), "{found:#?}");
    set(&mut doc, t2("licensing", "prev_items"), count(3));
    set(&mut doc, t2("normative", "total_published"), count(9));
    let found = tables_check(doc.draft());
    let r9 = of_rule(&found, RuleId::R9);
    assert_eq!(r9.len(), 2, "{found:#?}");
    assert!(r9[0].message.contains("对外公开总数量") && r9[0].message.contains("应为 4"));
    assert!(
        r9[1]
            .message
            .contains("上年“上一年项目数量”0，加上年“本年增/减”0"),
        "{}",
        r9[1].message
    );
    set(&mut doc, t2("licensing", "prev_items"), count(0));
    set(&mut doc, t2("normative", "total_published"), count(4));
    let y2020 = doc.draft().clone();

    // Year 3 is a 2021 report: the format changes, the 2019 figures are named, and the
    // 本年增/减 of 2020 (6) is among them.
    let next = years::next_year(&y2020).unwrap();
    assert_eq!(next.draft.format, FormatId::F2021);
    assert!(
        next.not_carried
            .iter()
            .any(|d| d.message().contains("行政许可「本年增/减」：6")),
        "{:#?}",
        next.not_carried
    );
    assert!(
        next.not_carried
            .iter()
            .any(|d| d.message().contains("对外公开总数量"))
    );
}

/// 淮安市洪泽区 2023 → 2024, the figures hand-copied from ../shared/reports/public: R8 holds
/// (nothing carried), and R9 holds: 行政规范性文件 5 + 3 − 0 = 8.
#[test]
fn hongze_2023_to_2024_holds() {
    let mut y2023 = Draft::new("淮安市洪泽区人民政府", Level::County, 2023);
    for (row, issued, repealed, in_force) in [("rules", 0, 0, 0), ("normative", 0, 5, 5)] {
        y2023.cells.insert(t2(row, "issued"), count(issued));
        y2023.cells.insert(t2(row, "repealed"), count(repealed));
        y2023.cells.insert(t2(row, "in_force"), count(in_force));
    }
    for col in [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal",
        "other_org",
        "total",
    ] {
        y2023.cells.insert(t3("carry_forward", col), count(0));
    }
    let mut y2024 = years::next_year(&y2023).unwrap().draft;
    for (row, issued, repealed, in_force) in [("rules", 0, 0, 0), ("normative", 3, 0, 8)] {
        y2024.cells.insert(t2(row, "issued"), count(issued));
        y2024.cells.insert(t2(row, "repealed"), count(repealed));
        y2024.cells.insert(t2(row, "in_force"), count(in_force));
    }
    y2024.cells.insert(t3("carried", "total"), count(0));
    let found = tables_check(&y2024);
    assert!(of_rule(&found, RuleId::R8).is_empty(), "{found:#?}");
    assert!(of_rule(&found, RuleId::R9).is_empty(), "{found:#?}");
}

#[test]
fn the_examples_keep_their_findings_and_have_no_last_year() {
    for name in [
        "2021-jinjiang.ron",
        "2021-jinjiang-corrected.ron",
        "2019-yonghe.ron",
    ] {
        let d = draft_file::load(&example(name)).unwrap();
        assert!(d.last_year.is_none() && d.review.is_empty() && d.merged_from.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// 汇总

/// A unit's draft: tables blank, and the parts of section 一 and section 五 written (R4 on the
/// narrative), so that the tests see only what the tables give.
fn unit(body: &str, year: i32) -> Draft {
    let mut d = Draft::new(body, Level::Department, year);
    for part in &mut d.parts {
        part.text = format!("本机关{}工作情况。", part.heading);
    }
    d.problems = "本年度存在的主要问题及改进情况。".into();
    d
}

fn units<'a>(drafts: &'a [(String, Draft)]) -> Vec<Unit<'a>> {
    drafts
        .iter()
        .map(|(source, draft)| Unit {
            source: source.as_str(),
            draft,
        })
        .collect()
}

#[test]
fn merges_add_every_cell_exactly() {
    let mut a = unit("晋江市教育局", 2024);
    let mut b = unit("晋江市民政局", 2024);
    let mut c = unit("晋江市安海镇人民政府", 2024);
    c.level = Level::Township;
    a.cells.insert(t3("new", "natural"), count(1));
    b.cells.insert(t3("new", "natural"), count(2));
    c.cells.insert(t3("new", "natural"), count(3));
    b.cells.insert(t3("new", "legal"), count(5)); // blank + 5 + blank = 5
    // 万元 amounts that drift as floats.
    a.cells.insert(t2("fees", "amount"), amount("0.1"));
    b.cells.insert(t2("fees", "amount"), amount("0.2"));
    // A stated total in every unit is summed; in some only, it is left computed.
    for (d, n) in [(&mut a, 1), (&mut b, 7), (&mut c, 3)] {
        d.cells.insert(t3("new", "total"), count(n));
    }
    a.cells.insert(t3("total", "natural"), count(0));
    // 大约 0.30000000000000004 in f64.
    assert_ne!(0.1f64 + 0.2f64, 0.3f64);
    let drafts = vec![
        ("教育局.ron".to_string(), a),
        ("民政局.ron".to_string(), b),
        ("安海镇.ron".to_string(), c),
    ];
    let m = merge::merge(
        &units(&drafts),
        &MergeOptions {
            body: Some("晋江市人民政府".into()),
            level: Some(Level::County),
        },
    )
    .unwrap();
    let d = &m.draft;
    assert_eq!(d.body, "晋江市人民政府");
    assert_eq!(d.level, Level::County);
    assert_eq!(d.year, 2024);
    assert_eq!(
        d.merged_from,
        vec!["晋江市教育局", "晋江市民政局", "晋江市安海镇人民政府"]
    );
    assert_eq!(d.count(t3("new", "natural")), Some(6));
    assert_eq!(d.count(t3("new", "legal")), Some(5));
    assert_eq!(d.count(t3("new", "research")), None);
    assert_eq!(d.value(t2("fees", "amount")), Some(&amount("0.3")));
    assert_eq!(d.count(t3("new", "total")), Some(11));
    assert_eq!(d.value(t3("total", "natural")), None);
    assert!(
        m.notes.iter().any(|n| n.contains("部分单位")),
        "{:?}",
        m.notes
    );

    // Each unit's own findings beside the sum, exactly as the checker gives them.
    assert_eq!(m.units.len(), 3);
    assert_eq!(m.units[1].source, "民政局.ron");
    assert_eq!(m.units[1].body, "晋江市民政局");
    assert!(m.units.iter().all(
        |u| u.findings == check::check(&drafts.iter().find(|(s, _)| *s == u.source).unwrap().1)
    ));
    // The sum survives a save.
    let text = draft_file::to_ron(d);
    assert!(text.contains("merged_from: ["), "{text}");
    assert_eq!(&draft_file::from_ron(&text).unwrap(), d);
}

#[test]
fn wan_yuan_decimals_sum_exactly_where_floats_drift() {
    let figures = [
        "4068.208",
        "15387.251",
        "7730.28",
        "24252.311082",
        "5949.088667",
        "0.000001",
    ];
    let mut drafts = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let mut d = unit(&format!("单位{i}"), 2022);
        d.cells.insert(t2("fees", "amount"), amount(f));
        drafts.push((format!("{i}.ron"), d));
    }
    // Ten units of 0.1 万元 make 1.0 万元 (ten 0.1 in f64 make 0.9999999999999999).
    for i in 0..10 {
        let mut d = unit(&format!("乡镇{i}"), 2022);
        d.cells.insert(t2("fees", "amount"), amount("0.1"));
        drafts.push((format!("t{i}.ron"), d));
    }
    let floats: f64 = (0..10).map(|_| 0.1f64).sum();
    assert_ne!(floats, 1.0);
    let m = merge::merge(&units(&drafts), &MergeOptions::default()).unwrap();
    // 4068.208 + 15387.251 + 7730.28 + 24252.311082 + 5949.088667 + 0.000001 = 57387.138750,
    // and 1.0 more.
    let expected: Decimal = "57388.138750".parse().unwrap();
    assert_eq!(
        m.draft.value(t2("fees", "amount")),
        Some(&Value::Amount(expected))
    );
    assert_eq!(
        m.draft.value(t2("fees", "amount")).unwrap().to_string(),
        "57388.138750"
    );
    let as_floats: f64 = figures
        .iter()
        .map(|f| f.parse::<f64>().unwrap())
        .sum::<f64>()
        + floats;
    assert_ne!(
        as_floats.to_string(),
        "57388.13875",
        "floats would have drifted"
    );
}

#[test]
fn procurement_in_yuan_and_wan_yuan_is_converted_exactly() {
    let money = |d: &str, u| Value::Money(d.parse().unwrap(), Some(u));
    let mut drafts = Vec::new();
    for (i, v) in [
        money("251000", MoneyUnit::Yuan),
        money("20.001", MoneyUnit::WanYuan),
        money("5394432.52", MoneyUnit::Yuan),
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = Draft::new(format!("镇{i}"), Level::Township, 2019);
        d.cells.insert(t2("procurement", "amount"), v);
        d.cells
            .insert(t2("fees", "change"), Value::Signed(-(i as i64) * 9));
        drafts.push((format!("{i}.ron"), d));
    }
    let m = merge::merge(&units(&drafts), &MergeOptions::default()).unwrap();
    assert_eq!(
        m.draft
            .value(t2("procurement", "amount"))
            .unwrap()
            .to_string(),
        "5845442.52元"
    );
    assert_eq!(
        m.draft.value(t2("fees", "change")),
        Some(&Value::Signed(-27))
    );
    // All in 万元: stays in 万元.
    let mut w = drafts.clone();
    for (_, d) in &mut w {
        d.cells.insert(
            t2("procurement", "amount"),
            money("0.1", MoneyUnit::WanYuan),
        );
    }
    let m = merge::merge(&units(&w), &MergeOptions::default()).unwrap();
    assert_eq!(
        m.draft
            .value(t2("procurement", "amount"))
            .unwrap()
            .to_string(),
        "0.3万元"
    );
    // A unit without a unit cannot be added to one with.
    w[1].1.cells.insert(
        t2("procurement", "amount"),
        Value::Money(Decimal::from(8040), None),
    );
    let err = merge::merge(&units(&w), &MergeOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("1.ron") && err.contains("未注明单位"), "{err}");
}

#[test]
fn each_units_errors_are_reported_beside_the_sum() {
    // 永和镇 2019 as published has R1 and R3 errors; a clean unit beside it has none.
    let yonghe = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    let mut other = yonghe.clone();
    other.body = "晋江市安海镇人民政府".into();
    other.cells.insert(t3("withheld_4", "total"), count(1));
    other.cells.insert(t3("total", "total"), count(1));
    let drafts = vec![
        ("永和.ron".to_string(), yonghe),
        ("安海.ron".to_string(), other),
    ];
    let m = merge::merge(&units(&drafts), &MergeOptions::default()).unwrap();
    let (errors, _) = m.units[0].tally();
    assert_eq!(errors, 3);
    assert_eq!(m.units[1].tally().0, 0);
    // Both stated 总计 (0 and 1): summed to 1, against parts summing to 2 — the unit's error shows.
    assert_eq!(m.draft.count(t3("withheld_4", "total")), Some(1));
    let found = check::check(&m.draft);
    assert!(
        found.iter().any(
            |f| f.rule == RuleId::R1 && f.location == Location::Cell(t3("withheld_4", "total"))
        )
    );
}

#[test]
fn last_years_figures_are_summed_when_every_unit_has_them() {
    let mut drafts = Vec::new();
    for (i, (carry, in_force)) in [(2u64, 10u64), (3, 20)].into_iter().enumerate() {
        let mut last = unit(&format!("局{i}"), 2021);
        last.cells
            .insert(t3("carry_forward", "natural"), count(carry));
        last.cells
            .insert(t2("normative", "in_force"), count(in_force));
        let mut d = years::next_year(&last).unwrap().draft;
        d.cells
            .insert(t2("normative", "in_force"), count(in_force + 1));
        d.cells.insert(t2("normative", "issued"), count(1));
        drafts.push((format!("{i}.ron"), d));
    }
    let m = merge::merge(&units(&drafts), &MergeOptions::default()).unwrap();
    let ly = m.draft.last_year.as_ref().unwrap();
    assert_eq!(ly.year, 2021);
    assert_eq!(ly.carry_forward.get("natural"), Some(&5));
    assert_eq!(
        ly.table2.get(&t2("normative", "in_force")),
        Some(&count(30))
    );
    assert_eq!(m.draft.count(t3("carried", "natural")), Some(5));
    let found = check::check(&m.draft);
    assert!(of_rule(&found, RuleId::R8).is_empty() && of_rule(&found, RuleId::R9).is_empty());
    // One unit without them: the 汇总 has none, and says so.
    drafts[1].1.last_year = None;
    let m = merge::merge(&units(&drafts), &MergeOptions::default()).unwrap();
    assert!(m.draft.last_year.is_none());
    assert!(m.notes.iter().any(|n| n.contains("没有上年数据")));
}

#[test]
fn mixes_are_refused_with_the_drafts_named() {
    let merge_err = |drafts: &[(String, Draft)]| {
        merge::merge(&units(drafts), &MergeOptions::default())
            .unwrap_err()
            .to_string()
    };
    let d = |name: &str, body: &str, year| (name.to_string(), unit(body, year));

    // Different years.
    let err = merge_err(&[
        d("a.ron", "甲局", 2021),
        d("b.ron", "乙局", 2022),
        d("c.ron", "丙局", 2021),
    ]);
    assert_eq!(
        err,
        "汇总的草稿须为同一报告年度、同一表格格式，以下草稿不一致——\
         2021 年度、2021 年格式：a.ron、c.ron；2022 年度、2021 年格式：b.ron"
    );
    // Same year, different formats.
    let mut old_format = d("旧.ron", "乙局", 2021);
    old_format.1.format = FormatId::F2019;
    let err = merge_err(&[d("a.ron", "甲局", 2021), old_format]);
    assert!(
        err.contains("2019 年格式（试行）：旧.ron") && err.contains("a.ron"),
        "{err}"
    );
    // The same unit twice.
    let err = merge_err(&[
        d("a.ron", "甲局", 2021),
        d("b.ron", "乙局", 2021),
        d("a-副本.ron", " 甲局 ", 2021),
    ]);
    assert_eq!(err, "同一单位不能重复汇总——甲局（a.ron、a-副本.ron）");
    // A unit inside a 汇总 given beside it.
    let mut county = d("县汇总.ron", "某县", 2021);
    county.1.merged_from = vec!["甲局".into(), "乙局".into()];
    let err = merge_err(&[county, d("a.ron", "甲局", 2021)]);
    assert_eq!(
        err,
        "同一单位不能重复汇总——甲局（县汇总.ron 的汇总、a.ron）"
    );
    // Nothing, or an unnamed unit.
    assert_eq!(merge_err(&[]), "没有要汇总的草稿");
    let err = merge_err(&[d("a.ron", "甲局", 2021), d("无名.ron", "  ", 2021)]);
    assert!(
        err.contains("无名.ron") && err.contains("机关名称"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// 本年与上年对比

#[test]
fn compare_sets_two_years_side_by_side() {
    let old = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let mut new = years::next_year(&old).unwrap().draft;
    new.cells
        .insert(t2("licensing", "decisions"), count(600000));
    new.cells.insert(t2("fees", "amount"), amount("15000"));
    new.cells.insert(t3("new", "natural"), count(300));
    let c = compare::compare(&old, &new);
    assert_eq!(c.rows.len(), 10 + 175 + 15);
    let row = |k| c.rows.iter().find(|r| r.key == Some(k)).unwrap();
    let licensing = row(t2("licensing", "decisions"));
    assert_eq!(licensing.old, Some(count(537847)));
    assert_eq!(licensing.change_text(), "+62153");
    assert_eq!(licensing.percent_text(), "+11.6%");
    let fees = row(t2("fees", "amount"));
    assert_eq!(fees.change_text(), "-387.251");
    assert_eq!(row(t3("new", "natural")).change_text(), "+30");
    assert_eq!(row(t3("granted", "natural")).change, Change::OnlyOld);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn next_merge_compare_and_check_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();

    // next
    let last = p("2020.ron");
    draft_file::save(&county_2020(), Path::new(&last)).unwrap();
    let out = nianbao(&["next", &last, "-o", &p("2021.ron")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("已新建 某县人民政府2021年政府信息公开工作年度报告（2021 年格式）"),
        "{text}"
    );
    assert!(
        text.contains("未沿用：") && text.contains("对外公开总数量"),
        "{text}"
    );
    let d2021 = draft_file::load(Path::new(&p("2021.ron"))).unwrap();
    assert_eq!(d2021.count(t3("carried", "natural")), Some(3));

    // check names the basis of the cross-year checks and the fields to review
    let out = nianbao(&["check", &p("2021.ron")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("跨年度核对（R8、R9）依据：某县人民政府2020年报告"),
        "{text}"
    );
    assert!(text.contains("待复核：引言"), "{text}");

    // check --last-year with a picked file; a file of the wrong year is refused
    let mut y2022 = years::next_year(&d2021).unwrap().draft;
    y2022.last_year = None;
    y2022.cells.insert(t3("carried", "natural"), count(9));
    draft_file::save(&y2022, Path::new(&p("2022.ron"))).unwrap();
    let out = nianbao(&["check", &p("2022.ron")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("未载入上年报告数据"));
    let out = nianbao(&[
        "check",
        "--json",
        &p("2022.ron"),
        "--last-year",
        &p("2021.ron"),
    ]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        list.as_array().unwrap().iter().any(|f| f["rule"] == "R8"
            && f["location"]["row"] == "carried"
            && f["location"]["column"] == "natural"),
        "{list}"
    );
    let out = nianbao(&["check", &p("2022.ron"), "--last-year", &last]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("上年报告应为 2021 年度"));

    // merge
    let mut a = unit("甲局", 2021);
    a.cells.insert(t2("fees", "amount"), amount("0.1"));
    let mut b = unit("乙局", 2021);
    b.cells.insert(t2("fees", "amount"), amount("0.2"));
    draft_file::save(&a, Path::new(&p("a.ron"))).unwrap();
    draft_file::save(&b, Path::new(&p("b.ron"))).unwrap();
    let out = nianbao(&[
        "merge",
        &p("a.ron"),
        &p("b.ron"),
        "-o",
        &p("sum.ron"),
        "--body",
        "某市人民政府",
        "--level",
        "市级",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("汇总单位（2 个）：甲局、乙局"), "{text}");
    assert!(text.contains("甲局（a.ron）：错误 1 项"), "{text}");
    let sum = draft_file::load(Path::new(&p("sum.ron"))).unwrap();
    assert_eq!(sum.value(t2("fees", "amount")), Some(&amount("0.3")));
    assert_eq!(sum.level, Level::Prefectural);
    let out = nianbao(&[
        "merge",
        &p("a.ron"),
        &p("2021.ron"),
        &p("2022.ron"),
        "-o",
        &p("bad.ron"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2021.ron") && err.contains("2022.ron") && err.contains("a.ron"),
        "{err}"
    );
    assert!(!Path::new(&p("bad.ron")).exists());

    // compare
    let out = nianbao(&["compare", &p("2021.ron"), &p("2022.ron"), "--changed"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("项目\t2021年\t2022年\t增减\t增减率"),
        "{text}"
    );
    assert!(
        text.contains("表三「二、上年结转政府信息公开申请数量」行「自然人」列\t3\t9\t+6\t+200%"),
        "{text}"
    );
    let out = nianbao(&["compare", "--json", &p("2020.ron"), &p("2021.ron")]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["old"]["format"], "2019");
    assert!(
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["note"].as_str().is_some_and(|n| n.contains("口径不同")))
    );
}

// ---------------------------------------------------------------------------------------------
// What a new year's draft starts with

#[test]
fn a_next_year_draft_of_each_example_has_no_errors() {
    // 晋江 as corrected, but with one request carried into 2022 (新收 292 = 办结 291 + 结转 1),
    // so that 上年结转 arrives non-zero while the rest of table 三 is blank.
    let mut carrying = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    for (row, col, n) in [
        ("new", "natural", 271),
        ("new", "total", 292),
        ("carry_forward", "natural", 1),
        ("carry_forward", "total", 1),
    ] {
        carrying.cells.insert(t3(row, col), count(n));
    }
    let errors = |d: &Draft| -> Vec<Finding> {
        check::check(d)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    };
    assert_eq!(errors(&carrying), vec![]);
    let mut lasts: Vec<(String, Draft)> = [
        "2021-jinjiang.ron",
        "2021-jinjiang-corrected.ron",
        "2019-yonghe.ron",
    ]
    .into_iter()
    .map(|name| (name.to_string(), draft_file::load(&example(name)).unwrap()))
    .collect();
    lasts.push(("carrying one request".to_string(), carrying));
    for (name, last) in lasts {
        let next = years::next_year(&last).unwrap();
        let found = check::check(&next.draft);
        let errors: Vec<_> = found
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // The blanks the clerk has to fill are still pointed out.
        assert!(!of_rule(&found, RuleId::R4).is_empty(), "{name}");
        assert!(
            next.notes.iter().any(|n| n.contains("请填写本年数据")
                && n.contains("本年新收")
                && n.contains("办理结果")
                && n.contains("结转下年度")),
            "{name}: {:?}",
            next.notes
        );
    }
}

#[test]
fn carried_text_to_review_is_a_finding_per_field() {
    let last = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let next = years::next_year(&last).unwrap();
    let d = &next.draft;
    let found = check::check(d);
    let review = of_rule(&found, RuleId::Review);
    assert_eq!(review.len(), d.review.len());
    assert!(d.review.len() >= 7, "{:?}", d.review);
    for field in &d.review {
        assert!(
            review
                .iter()
                .any(|f| f.location == Location::Text(*field) && f.severity == Severity::Warning),
            "{field:?}"
        );
    }
    let part = review
        .iter()
        .find(|f| f.location == Location::Text(TextField::PartText(1)))
        .unwrap();
    assert!(
        part.message.starts_with(
            "「一、总体情况（二）努力提质增效，全过程规范依申请公开」沿用上年报告的文字，尚未复核"
        ),
        "{}",
        part.message
    );
    assert_eq!(RuleId::Review.to_string(), "待复核");
    assert_eq!(
        found
            .iter()
            .find(|f| f.rule == RuleId::Review)
            .unwrap()
            .to_json(d)["rule"],
        "Review"
    );
    // Reviewed: no finding left.
    let mut doc = Document::unsaved(next.draft.clone());
    doc.apply(Edit::MarkAllReviewed).unwrap();
    assert!(of_rule(&check::check(doc.draft()), RuleId::Review).is_empty());

    // The command line lists them, as text and as JSON.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2022.ron");
    draft_file::save(&next.draft, &path).unwrap();
    let out = nianbao(&["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("待复核"), "{text}");
    assert!(text.contains("沿用上年报告的文字，尚未复核"), "{text}");
    let out = nianbao(&["check", "--json", path.to_str().unwrap()]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let marked = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "Review" && f["severity"] == "warning")
        .count();
    assert_eq!(marked, next.draft.review.len());
}

#[test]
fn the_report_year_in_preamble_and_title_moves_to_the_new_year() {
    let mut last = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    last.preamble.push_str(
        "现公布2021年度政府信息公开工作年度报告，申请数较2020年有所增加，详见本机关2021年度报告各部分。",
    );
    // Before: the 2021 report names 2021.
    assert!(of_rule(&check::check(&last), RuleId::R13).is_empty());
    let next = years::next_year(&last).unwrap();
    let d = &next.draft;
    assert!(
        d.preamble.ends_with(
            "现公布2022年度政府信息公开工作年度报告，申请数较2020年有所增加，详见本机关2022年度报告各部分。"
        ),
        "{}",
        d.preamble
    );
    assert!(
        next.notes
            .iter()
            .any(|n| n.contains("引言") && n.contains("2022年度")),
        "{:?}",
        next.notes
    );
    assert!(of_rule(&check::check(d), RuleId::R13).is_empty());

    // A 引言 or title that still names another year is an R13 warning.
    let mut stale = d.clone();
    stale.preamble = stale
        .preamble
        .replace("2022年度政府信息", "2021年度政府信息");
    stale.title_override = Some("晋江市人民政府2021年政府信息公开工作年度报告".into());
    let found = check::check(&stale);
    let r13 = of_rule(&found, RuleId::R13);
    assert_eq!(r13.len(), 2, "{r13:#?}");
    assert!(r13.iter().all(|f| f.severity == Severity::Warning));
    assert!(
        r13.iter()
            .any(|f| f.location == Location::Text(TextField::Title)
                && f.message.contains("2021年政府信息公开工作年度报告"))
    );
    assert!(
        r13.iter()
            .any(|f| f.location == Location::Text(TextField::Preamble)
                && f.message.contains("2021年度政府信息公开工作年度报告"))
    );
    // next_year moves a title of the clerk's own too.
    let mut titled = last.clone();
    titled.title_override = Some("晋江市人民政府2021年政府信息公开工作年度报告".into());
    let moved = years::next_year(&titled).unwrap().draft;
    assert!(of_rule(&check::check(&moved), RuleId::R13).is_empty());
}
