//! Narrative help on real sentences: R7 reads the figures clerks wrote in published reports and
//! compares them with the reports' own tables; generated sentences pass every narrative rule and
//! are refreshed in place.
//!
//! The published reports are read from `../shared/reports/` (not copied into the project); a test
//! that needs one and does not find it says so and passes.

use std::path::{Path, PathBuf};

use nianbao::check::{self, Location, RuleId, Severity};
use nianbao::draft::{Draft, Level, TextField};
use nianbao::draft_file;
use nianbao::format::{CellKey, CellKind, TableId};
use nianbao::narrative::{self, Kind, Status, r7};
use nianbao::value::Value;

fn shared(rel: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reports")
        .join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            println!("skipped: {} not readable ({e})", path.display());
            None
        }
    }
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

/// A 2021 draft with every entered cell of tables 三 and 四 at 0.
fn zero_draft(body: &str, level: Level, year: i32) -> Draft {
    let mut d = Draft::new(body, level, year);
    for table in [TableId::T3, TableId::T4] {
        for cell in d.format.def().table(table).cells() {
            if let CellKind::Entered(_) = cell.kind() {
                d.cells.insert(cell.key(), Value::Count(0));
            }
        }
    }
    d
}

const T3_COLS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal",
    "other_org",
    "total",
];

/// Sets a row of table 三 as published, 总计 included (as stated).
fn set_row(d: &mut Draft, row: &'static str, values: [u64; 7]) {
    for (col, v) in T3_COLS.into_iter().zip(values) {
        let key = CellKey {
            table: TableId::T3,
            row,
            col,
        };
        assert!(d.format.def().cell_by_key(key).is_some(), "{row}/{col}");
        d.cells.insert(key, Value::Count(v));
    }
}

/// Sets a row of table 三 from its 总计 alone (all 自然人).
fn set_total(d: &mut Draft, row: &'static str, total: u64) {
    set_row(d, row, [total, 0, 0, 0, 0, 0, total]);
}

/// Sets table 四 as published: 复议, 直接起诉, 复议后起诉, five cells each.
fn set_cases(d: &mut Draft, values: [u64; 15]) {
    let cols: Vec<&'static str> = d
        .format
        .def()
        .table(TableId::T4)
        .cells()
        .map(|c| c.col.id)
        .collect();
    for (col, v) in cols.into_iter().zip(values) {
        d.cells.insert(
            CellKey {
                table: TableId::T4,
                row: "cases",
                col,
            },
            Value::Count(v),
        );
    }
}

fn findings_of(d: &Draft, rule: RuleId) -> Vec<check::Finding> {
    check::check(d)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn r7_messages(d: &Draft) -> Vec<String> {
    findings_of(d, RuleId::R7)
        .into_iter()
        .inspect(|f| assert_eq!(f.severity, Severity::Warning))
        .map(|f| f.message)
        .collect()
}

/// The text between two headings of a Markdown or plain-text report.
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).map_or(0, |i| i + from.len());
    let end = text[start..].find(to).map_or(text.len(), |i| start + i);
    &text[start..end]
}

/// PDF extraction breaks lines inside sentences; the clerk's text had none.
fn unwrap_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !(l.starts_with('—') || l.starts_with('-') && l.ends_with('-')))
        .collect()
}

/// 沭阳县人民政府 2025: the tables as published (Markdown rows in table order), the narrative of
/// 一 and 六 as published.
fn shuyang() -> Option<Draft> {
    let text = shared("public/2025-county-shuyang.txt")?;
    let mut d = zero_draft("沭阳县人民政府", Level::County, 2025);
    let mut t3_rows: Vec<[u64; 7]> = Vec::new();
    let mut t4: Vec<u64> = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let numbers: Option<Vec<u64>> = cells.iter().map(|c| c.parse().ok()).collect();
        match (cells.len(), numbers) {
            (5, Some(n)) => t4.extend(n),
            (8, _) => {
                let n: Option<Vec<u64>> = cells[1..].iter().map(|c| c.parse().ok()).collect();
                if let Some(n) = n {
                    t3_rows.push(n.try_into().unwrap());
                }
            }
            _ => {}
        }
    }
    let row_ids: Vec<&'static str> = d
        .format
        .def()
        .table(TableId::T3)
        .cells()
        .filter(|c| c.col.id == "total")
        .map(|c| c.row.id)
        .collect();
    assert_eq!(t3_rows.len(), row_ids.len(), "table 三 rows of 沭阳 2025");
    for (row, values) in row_ids.into_iter().zip(t3_rows) {
        set_row(&mut d, row, values);
    }
    set_cases(&mut d, t4.try_into().unwrap());
    d.preamble = section(&text, "(2026年1月23日)", "## 一、")
        .trim()
        .to_string();
    d.overview_intro = section(&text, "## 一、总体情况", "## 二、")
        .trim()
        .to_string();
    d.other_matters = section(&text, "六、其他需要报告的事项", "沐阳县人民政府\n2026")
        .trim()
        .to_string();
    Some(d)
}

#[test]
fn shuyang_2025_counts_carried_requests_as_received() {
    let Some(d) = shuyang() else { return };
    // The tables hold: R1–R6 find nothing.
    let table_rules = [RuleId::R1, RuleId::R2, RuleId::R3, RuleId::R5, RuleId::R6];
    assert!(
        check::check(&d)
            .iter()
            .all(|f| !table_rules.contains(&f.rule))
    );
    let found = findings_of(&d, RuleId::R7);
    for f in &found {
        println!("{}", f.message);
    }
    // "共受理政府信息公开申请 749 件" = 713 新收 + 36 上年结转, and "其中自然人申请 741 件" =
    // 705 + 36. Everything else of the paragraph (共办理 718 件, 结转下一年 31 件, 法人或其他组织
    // 8 件, 相关案件 74 件 = 61 + 3 + 10) agrees with the tables, and the other numbers of the
    // section (4511 条, 84 次, 33 件纠纷, 697 条 …) count other things.
    assert_eq!(found.len(), 2, "{found:#?}");
    let received = &found[0];
    assert_eq!(received.location, Location::Text(TextField::OverviewIntro));
    assert_eq!(received.severity, Severity::Warning);
    for needle in [
        "749",
        "713",
        "36",
        "上年结转",
        "共受理政府信息公开申请 749 件",
    ] {
        assert!(
            received.message.contains(needle),
            "{needle}: {}",
            received.message
        );
    }
    assert!(received.message.starts_with("一、总体情况"));
    let natural = &found[1].message;
    for needle in ["741", "705", "36", "自然人", "上年结转"] {
        assert!(natural.contains(needle), "{needle}: {natural}");
    }
}

#[test]
fn jinjiang_2021_request_figures_and_document_counts_raise_nothing() {
    for name in ["2021-jinjiang-corrected.ron", "2021-jinjiang.ron"] {
        let d = draft_file::load(&example(name)).unwrap();
        assert_eq!(r7_messages(&d), Vec::<String>::new(), "{name}");
    }
    let d = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let text = d.parts[1].text.as_str();
    assert!(text.contains("受理信息公开申请 291 件，依法办结 291 件"));
    // The sentence was read, not skipped: 291 received, 291 concluded, 0 carried forward.
    let read: Vec<u64> = r7::claims(text)
        .into_iter()
        .filter_map(|c| match c {
            r7::Claim::Count { value, .. } => Some(value),
            r7::Claim::AllUpheld { .. } => None,
        })
        .collect();
    assert_eq!(read, [291, 291, 0]);
    // "依申请公开文件635份" counts documents (公开属性), not requests — whatever the unit.
    let documents = d.parts[0].text.as_str();
    assert!(documents.contains("依申请公开文件635份"));
    assert_eq!(r7::check_text(&d, documents), vec![]);
    let as_items = documents.replace("635份", "635件");
    assert_eq!(r7::check_text(&d, &as_items), vec![]);
}

#[test]
fn the_seed_texts_raise_nothing_new() {
    // The published seed narrative of 晋江 2021, as extracted, against the example's tables.
    let Some(text) = shared("seeds/2021-city-jinjiang.txt") else {
        return;
    };
    let d = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    let narrative = section(&text, "一、总体情况", "二、主动公开政府信息情况");
    assert_eq!(r7::check_text(&d, narrative), vec![]);
    assert_eq!(narrative::names::named_applicants(narrative), vec![]);
}

/// A 2021 county draft with the figures of 沭阳 2025 (as published), but no text.
fn figures_only() -> Draft {
    let mut d = zero_draft("某县人民政府", Level::County, 2025);
    set_row(&mut d, "new", [705, 3, 0, 0, 5, 0, 713]);
    set_row(&mut d, "carried", [36, 0, 0, 0, 0, 0, 36]);
    set_row(&mut d, "granted", [290, 1, 0, 0, 3, 0, 294]);
    set_row(&mut d, "partial", [99, 0, 0, 0, 2, 0, 101]);
    for (row, n) in [
        ("withheld_3", 2),
        ("withheld_4", 2),
        ("withheld_5", 13),
        ("withheld_6", 2),
        ("withheld_7", 4),
        ("withheld_8", 9),
        ("unable_1", 111),
        ("unable_2", 2),
        ("declined_1", 12),
        ("other_1", 9),
        ("other_2", 7),
    ] {
        set_total(&mut d, row, n);
    }
    set_row(&mut d, "declined_2", [6, 1, 0, 0, 0, 0, 7]);
    set_row(&mut d, "other_3", [142, 1, 0, 0, 0, 0, 143]);
    set_row(&mut d, "total", [710, 3, 0, 0, 5, 0, 718]);
    set_row(&mut d, "carry_forward", [31, 0, 0, 0, 0, 0, 31]);
    set_cases(&mut d, [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]);
    d
}

fn with_text(text: &str) -> Draft {
    let mut d = figures_only();
    d.parts[1].text = text.to_string();
    d
}

#[test]
fn constructed_sentences_of_every_failure_kind() {
    let base = figures_only();
    let table_rules = [RuleId::R1, RuleId::R2, RuleId::R3, RuleId::R5, RuleId::R6];
    assert!(
        check::check(&base)
            .iter()
            .all(|f| !table_rules.contains(&f.rule))
    );

    // A single cell quoted as the row total.
    let found = r7_messages(&with_text("本年度予以公开 290 件。"));
    assert_eq!(found.len(), 1, "{found:?}");
    for needle in ["290", "294", "自然人", "予以公开 290 件"] {
        assert!(found[0].contains(needle), "{needle}: {}", found[0]);
    }

    // A percentage on the wrong base: 294 / 713 新收 instead of / 718 （七）总计.
    let found = r7_messages(&with_text("办结718件，其中予以公开294件，占41.23%。"));
    assert_eq!(found.len(), 1, "{found:?}");
    for needle in ["41.23%", "本年新收 713 件", "（七）总计", "718", "40.95%"] {
        assert!(found[0].contains(needle), "{needle}: {}", found[0]);
    }
    // … and on the sum of 新收 and 上年结转.
    let found = r7_messages(&with_text("予以公开294件（39.25%）。"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("新收与上年结转之和 749 件"),
        "{}",
        found[0]
    );
    // The right base raises nothing, rounded or cut off.
    assert_eq!(
        r7_messages(&with_text(
            "予以公开294件（40.95%），部分公开101件，占14.1%。"
        )),
        Vec::<String>::new()
    );
    // A percentage that fits no base.
    let found = r7_messages(&with_text("予以公开294件（50%）。"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("应为 40.95%"), "{}", found[0]);

    // "均获维持" while cases are 尚未审结 (and some were corrected).
    let found = r7_messages(&with_text(
        "本年度发生政府信息公开行政复议案件61件，均获维持。",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    for needle in [
        "均获维持",
        "结果维持只有 27 件",
        "尚未审结15件",
        "结果纠正10件",
    ] {
        assert!(found[0].contains(needle), "{needle}: {}", found[0]);
    }

    // 上年结转 counted in with 新收.
    let found = r7_messages(&with_text("全年共收到政府信息公开申请749件。"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("将上年结转的申请计入了本年新收申请"),
        "{}",
        found[0]
    );
    // … unless the sentence says so.
    assert_eq!(
        r7_messages(&with_text(
            "全年共收到政府信息公开申请749件（含上年结转36件）。"
        )),
        Vec::<String>::new()
    );

    // … and only for the number it follows.
    assert_eq!(
        r7_messages(&with_text(
            "全年共收到政府信息公开申请749件，办结718件（含上年结转36件）。"
        ))
        .len(),
        1
    );

    // Litigation quoted from one block only.
    let found = r7_messages(&with_text("被提起政府信息公开行政诉讼3件。"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("未经复议直接起诉") && found[0].contains("13"),
        "{}",
        found[0]
    );

    // Plain wrong figures.
    let found = r7_messages(&with_text(
        "本年度办结政府信息公开申请720件，结转下年度继续办理30件。",
    ));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("718") && found[1].contains("31"));

    // Right figures, written every which way, raise nothing.
    for text in [
        "本年新收政府信息公开申请713件，上年结转36件，办结718件，结转下年度31件。",
        "全年受理政府信息公开申请七百一十三件。",
        "行政复议61件，其中结果维持27件，结果纠正10件，其他结果9件，尚未审结15件；行政诉讼13件。",
        "行政诉讼 13 件（未经复议直接起诉 3 件，复议后起诉 10 件），其中结果维持 11 件。",
        "因本机关不掌握相关政府信息等原因无法提供113件。",
        "不予公开32件，其中属于三类内部事务信息13件。",
    ] {
        assert_eq!(
            r7_messages(&with_text(text)),
            Vec::<String>::new(),
            "{text}"
        );
    }

    // Numbers that count other things raise nothing.
    for text in [
        "全年主动公开政府信息4511条，依申请公开文件635件，网站访问量120万人次。",
        "全年在政务新媒体发布信息1113篇，粉丝3万人，开展培训12场。",
        "12345热线受理群众诉求5000件，办结4990件。",
        "受理行政许可申请12000件。",
        "全年受理申请量同比增长20件。",
        "2024年受理政府信息公开申请95件，2025年受理713件。",
        "较去年同期受理申请数700件有所增加。",
    ] {
        assert_eq!(
            r7_messages(&with_text(text)),
            Vec::<String>::new(),
            "{text}"
        );
    }
}

#[test]
fn other_published_reports() {
    struct Report {
        file: &'static str,
        level: Level,
        year: i32,
        /// (row, 总计) of table 三.
        rows: &'static [(&'static str, u64)],
        cases: [u64; 15],
        /// Numbers the R7 findings must name, one finding each.
        flagged: &'static [&'static str],
    }
    let reports = [
        Report {
            file: "public/2024-city-huaian.txt",
            level: Level::Prefectural,
            year: 2024,
            rows: &[
                ("new", 3119),
                ("carried", 34),
                ("granted", 3050),
                ("total", 3050),
                ("carry_forward", 103),
            ],
            cases: [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
            flagged: &[],
        },
        Report {
            file: "public/2025-province-shanghai-bgt.txt",
            level: Level::Provincial,
            year: 2025,
            rows: &[
                ("new", 1295),
                ("carried", 189),
                ("granted", 206),
                ("partial", 2),
                ("withheld_1", 4),
                ("withheld_3", 1),
                ("withheld_5", 9),
                ("withheld_6", 1),
                ("withheld_8", 5),
                ("unable_1", 513),
                ("unable_2", 48),
                ("unable_3", 3),
                ("declined_1", 62),
                ("declined_2", 16),
                ("declined_3", 1),
                ("declined_4", 1),
                ("other_1", 43),
                ("other_3", 276),
                ("total", 1191),
                ("carry_forward", 293),
            ],
            cases: [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22],
            flagged: &[],
        },
        Report {
            file: "public/2024-dept-shanghai-kewei.txt",
            level: Level::Department,
            year: 2024,
            rows: &[
                ("new", 34),
                ("carried", 2),
                ("granted", 9),
                ("withheld_5", 1),
                ("withheld_6", 1),
                ("unable_1", 4),
                ("unable_2", 6),
                ("other_1", 10),
                ("other_3", 4),
                ("total", 35),
                ("carry_forward", 1),
            ],
            cases: [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            flagged: &[],
        },
        Report {
            file: "public/2023-district-hongze.txt",
            level: Level::County,
            year: 2023,
            rows: &[
                ("new", 21),
                ("granted", 20),
                ("declined_1", 1),
                ("total", 21),
            ],
            cases: [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5],
            flagged: &[],
        },
        Report {
            // "区政府办代表区政府受理政府信息公开申请 17 件": the office's share, while the table
            // counts the district government's 95. A clerk should be asked.
            file: "public/2024-district-hongze.txt",
            level: Level::County,
            year: 2024,
            rows: &[
                ("new", 95),
                ("granted", 94),
                ("declined_1", 1),
                ("total", 95),
            ],
            cases: [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
            flagged: &["17"],
        },
    ];
    for r in reports {
        let Some(text) = shared(r.file) else { continue };
        let mut d = zero_draft("测试", r.level, r.year);
        for (row, total) in r.rows {
            set_total(&mut d, row, *total);
        }
        set_cases(&mut d, r.cases);
        let body = section(&text, "一、", "二、主动公开政府信息情况");
        d.overview_intro = unwrap_lines(body);
        // 上海市科委 numbers its sections its own way: its requests are in its 四.
        if r.file.contains("kewei") {
            d.overview_intro = unwrap_lines(section(&text, "一、", "五、政府信息管理"));
        }
        let found = r7_messages(&d);
        for m in &found {
            println!("{}: {m}", r.file);
        }
        assert_eq!(found.len(), r.flagged.len(), "{}: {found:#?}", r.file);
        for (m, n) in found.iter().zip(r.flagged) {
            assert!(m.contains(n), "{}: {m}", r.file);
        }
        assert!(
            !r7::claims(&d.overview_intro).is_empty(),
            "{}: nothing was read",
            r.file
        );
    }
}

#[test]
fn generated_sentences_pass_the_narrative_rules() {
    let mut drafts = vec![figures_only(), zero_draft("某局", Level::Department, 2022)];
    if let Some(mut d) = shuyang() {
        // Its own sentences are faulted (see above); the generated ones are checked here.
        d.overview_intro.clear();
        drafts.push(d);
    }
    drafts.push(draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap());
    let mut yonghe = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    yonghe.cells.clear();
    drafts.push(yonghe);
    for mut d in drafts {
        d.info_fee = Some("380".parse().unwrap());
        let kinds: Vec<Kind> = narrative::sentences(&d).iter().map(|g| g.kind).collect();
        for kind in kinds {
            let (field, text) = narrative::refreshed(&d, kind).unwrap();
            *d.text_mut(field).unwrap() = text;
        }
        for g in narrative::sentences(&d) {
            assert_eq!(narrative::status(&d, &g), Status::Current, "{}", g.text);
        }
        let found: Vec<_> = check::check(&d)
            .into_iter()
            .filter(|f| {
                matches!(
                    f.rule,
                    RuleId::R7 | RuleId::R11 | RuleId::R13 | RuleId::Privacy
                )
            })
            .collect();
        assert_eq!(found, vec![], "{}", d.body);
    }
}

#[test]
fn generated_wording() {
    let mut d = figures_only();
    let g = |d: &Draft, k| narrative::generate(d, k).unwrap();
    assert_eq!(
        g(&d, Kind::StatisticsPeriod).text,
        "本报告所列数据统计期限自2025年1月1日至2025年12月31日。"
    );
    assert_eq!(g(&d, Kind::StatisticsPeriod).field, TextField::Preamble);
    let requests = g(&d, Kind::Requests);
    assert_eq!(
        requests.text,
        "2025年，本机关本年新收政府信息公开申请713件，上年结转政府信息公开申请36件；\
         本年度办结718件，其中予以公开294件（占40.95%），部分公开101件（占14.07%），\
         不予公开32件（占4.46%），无法提供113件（占15.74%），不予处理19件（占2.65%），\
         其他处理159件（占22.14%）；结转下年度继续办理31件。"
    );
    // The default parts of section 一: the second is 依申请公开.
    assert_eq!(requests.field, TextField::PartText(1));
    assert_eq!(
        g(&d, Kind::ReviewAndLitigation).text,
        "本年度因政府信息公开被申请行政复议61件，其中结果维持27件，结果纠正10件，其他结果9件，\
         尚未审结15件；被提起行政诉讼13件，其中结果维持11件，结果纠正0件，其他结果1件，\
         尚未审结1件（未经复议直接起诉3件，复议后起诉10件）。"
    );
    let fee = g(&d, Kind::InformationFee);
    assert_eq!(fee.field, TextField::OtherMatters);
    assert!(
        fee.text.starts_with("本年度未收取信息处理费；"),
        "{}",
        fee.text
    );
    assert!(
        fee.text
            .contains("有7件申请因申请人逾期未按收费通知要求缴纳费用"),
        "{}",
        fee.text
    );
    d.info_fee = Some("380.00".parse().unwrap());
    assert!(
        g(&d, Kind::InformationFee)
            .text
            .starts_with("本年度收取信息处理费共计380元；")
    );
    // No cases: one sentence saying so.
    set_cases(&mut d, [0; 15]);
    assert_eq!(
        g(&d, Kind::ReviewAndLitigation).text,
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    );
    // No fee statement before the 2021 format.
    let old = Draft::new("某镇人民政府", Level::Township, 2020);
    assert_eq!(narrative::generate(&old, Kind::InformationFee), None);
    assert_eq!(narrative::sentences(&old).len(), 3);
    // Blank tables: zeros, and no outcome list.
    let blank = Draft::new("某局", Level::Department, 2022);
    assert_eq!(
        g(&blank, Kind::Requests).text,
        "2022年，本机关本年新收政府信息公开申请0件，上年结转政府信息公开申请0件；本年度办结0件；结转下年度继续办理0件。"
    );
}

#[test]
fn refresh_replaces_in_place_and_flags_stale_sentences() {
    let mut d = figures_only();
    d.parts[1].text = "一是规范办理。".to_string();
    let (field, text) = narrative::refreshed(&d, Kind::Requests).unwrap();
    assert_eq!(field, TextField::PartText(1));
    assert!(text.starts_with("一是规范办理。2025年，本机关本年新收政府信息公开申请713件"));
    d.parts[1].text = format!("{text}\n二是加强沟通，全年开展办前沟通49次。");
    let g = narrative::generate(&d, Kind::Requests).unwrap();
    assert_eq!(narrative::status(&d, &g), Status::Current);

    // The table changes: the sentence is stale, R7 says so and points at the refresh.
    set_row(&mut d, "new", [706, 3, 0, 0, 5, 0, 714]);
    set_row(&mut d, "carry_forward", [32, 0, 0, 0, 0, 0, 32]);
    let g = narrative::generate(&d, Kind::Requests).unwrap();
    assert_eq!(narrative::status(&d, &g), Status::Stale);
    let found = r7_messages(&d);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|m| m.contains("此句由本工具生成")),
        "{found:?}"
    );

    // Refreshed in place: the clerk's text around it stays, the sentence appears once.
    let (field, text) = narrative::refreshed(&d, Kind::Requests).unwrap();
    assert_eq!(field, TextField::PartText(1));
    assert!(text.starts_with("一是规范办理。2025年，本机关本年新收政府信息公开申请714件"));
    assert!(text.ends_with("\n二是加强沟通，全年开展办前沟通49次。"));
    assert_eq!(text.matches("本机关本年新收").count(), 1);
    *d.text_mut(field).unwrap() = text;
    assert_eq!(r7_messages(&d), Vec::<String>::new());

    // A sentence the clerk moved to another field is refreshed where it is.
    let moved = d.parts[1].text.clone();
    d.parts[1].text.clear();
    d.overview_intro = moved;
    set_row(&mut d, "carried", [37, 0, 0, 0, 0, 0, 37]);
    set_row(&mut d, "total", [711, 3, 0, 0, 5, 0, 719]);
    let (field, _) = narrative::refreshed(&d, Kind::Requests).unwrap();
    assert_eq!(field, TextField::OverviewIntro);

    // The 统计期限 sentence with a typo is found and corrected.
    let g = narrative::generate(&d, Kind::StatisticsPeriod).unwrap();
    let typo =
        "依据《条例》编制。本报告所列数据统计期限自2025年1月1日至202025年12月31日。欢迎查阅。";
    assert_eq!(
        narrative::refresh(typo, &g),
        "依据《条例》编制。本报告所列数据统计期限自2025年1月1日至2025年12月31日。欢迎查阅。"
    );
    // Added at the end: directly after a full stop, on a new line otherwise, alone when empty.
    assert_eq!(narrative::refresh("", &g), g.text);
    assert_eq!(
        narrative::refresh("前文。", &g),
        format!("前文。{}", g.text)
    );
    assert_eq!(narrative::refresh("前文", &g), format!("前文\n{}", g.text));
}

#[test]
fn insert_at_a_cursor_counted_in_characters() {
    let d = figures_only();
    let g = narrative::generate(&d, Kind::StatisticsPeriod).unwrap();
    let (text, cursor) = narrative::insert_at("本报告。欢迎查阅。", 4, &g);
    assert_eq!(text, format!("本报告。{}欢迎查阅。", g.text));
    assert_eq!(cursor, 4 + g.text.chars().count());
    assert_eq!(text.chars().nth(cursor), Some('欢'));
    let (text, cursor) = narrative::insert_at("短", 99, &g);
    assert_eq!(text, format!("短{}", g.text));
    assert_eq!(cursor, text.chars().count());
    let (text, _) = narrative::insert_at("", 0, &g);
    assert_eq!(text, g.text);
}

#[test]
fn full_names_of_applicants_are_flagged() {
    let mut d = figures_only();
    d.parts[1].text = "2025年度收到张三丰以信函申请公开征收补偿方案1件，已依法答复。".into();
    let found = findings_of(&d, RuleId::Privacy);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].location, Location::Text(TextField::PartText(1)));
    assert!(found[0].message.contains("张三丰") && found[0].message.contains("张某某"));
    d.parts[1].text = "2025年度收到张某某以信函申请公开征收补偿方案1件，已依法答复。".into();
    assert_eq!(findings_of(&d, RuleId::Privacy), vec![]);
    // 永和镇's masked "蔡某某" passes.
    let yonghe = draft_file::load(&example("2019-yonghe.ron")).unwrap();
    assert_eq!(findings_of(&yonghe, RuleId::Privacy), vec![]);
}

/// 新建下一年度 carries last year's text, with last year's figures in it; once this year's tables
/// are filled, every figure of that text that the tables decide and that differs is an R7
/// finding, the generated sentence (which names last year, "2021年，本机关本年新收…") included.
#[test]
fn stale_figures_of_carried_text_are_r7_findings() {
    let mut last = draft_file::load(&example("2021-jinjiang-corrected.ron")).unwrap();
    // Last year's clerk put the generated sentences into 一（二）.
    for kind in [Kind::Requests, Kind::ReviewAndLitigation] {
        let (field, text) = narrative::refreshed(&last, kind).unwrap();
        assert_eq!(field, TextField::PartText(1));
        *last.text_mut(field).unwrap() = text;
    }
    assert!(
        last.parts[1]
            .text
            .contains("2021年，本机关本年新收政府信息公开申请291件，上年结转政府信息公开申请0件；本年度办结291件，其中予以公开157件（占53.95%）"),
        "{}",
        last.parts[1].text
    );
    assert_eq!(r7_messages(&last), Vec::<String>::new());

    let mut d = nianbao::years::next_year(&last).unwrap().draft;
    // This year's tables, consistent (R1–R6 hold), every figure but two 0s of table 四 new.
    for table in [TableId::T3, TableId::T4] {
        for cell in d.format.def().table(table).cells() {
            if let CellKind::Entered(_) = cell.kind() {
                d.cells.insert(cell.key(), Value::Count(0));
            }
        }
    }
    set_total(&mut d, "new", 7);
    set_total(&mut d, "carried", 2);
    set_total(&mut d, "granted", 2);
    set_total(&mut d, "partial", 1);
    set_total(&mut d, "withheld_1", 1);
    set_total(&mut d, "unable_2", 1);
    set_total(&mut d, "declined_5", 1);
    set_total(&mut d, "other_1", 2);
    set_total(&mut d, "total", 8);
    set_total(&mut d, "carry_forward", 1);
    // 复议 1/1/0/0/2; 直接起诉 0/0/0/1/1; 复议后起诉 2/0/1/0/3.
    set_cases(&mut d, [1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 2, 0, 1, 0, 3]);
    let errors: Vec<_> = check::check(&d)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors, vec![], "the tables are consistent");

    let messages = r7_messages(&d);
    let all = messages.join("\n");
    for stale in [
        // The generated sentence of 2021.
        "本年收到（新收）的申请写作 291 件，表三“一、本年新收政府信息公开申请数量”为 7 件",
        "上年结转的申请写作 0 件，表三“二、上年结转政府信息公开申请数量”为 2 件",
        "办结的申请写作 291 件",
        "结转下年度的申请写作 0 件",
        "办理结果为“（一）予以公开”的申请写作 157 件",
        "百分比写作 53.95%",
        "办理结果为“（二）部分公开”的申请写作 48 件",
        "百分比写作 16.49%",
        "办理结果为“（三）不予公开”的申请写作 25 件",
        "百分比写作 8.59%",
        "办理结果为“（四）无法提供”的申请写作 44 件",
        "百分比写作 15.12%",
        "办理结果为“（五）不予处理”的申请写作 7 件",
        "百分比写作 2.41%",
        "办理结果为“（六）其他处理”的申请写作 10 件",
        "百分比写作 3.44%",
        "行政复议案件写作 3 件",
        "行政复议结果维持的案件写作 3 件",
        "行政复议结果纠正的案件写作 0 件",
        "行政诉讼案件写作 9 件",
        "行政诉讼结果维持的案件写作 4 件",
        "行政诉讼结果纠正的案件写作 1 件",
        "行政诉讼其他结果的案件写作 4 件",
        "行政诉讼尚未审结的案件写作 0 件",
        "行政诉讼（未经复议直接起诉）案件写作 7 件",
        "行政诉讼（复议后起诉）案件写作 2 件",
    ] {
        assert!(all.contains(stale), "no R7 finding for “{stale}” in\n{all}");
    }
    // The example's own sentence: "受理信息公开申请 291 件，依法办结 291 件，结转至下年度继续办理数 0 件".
    let own: Vec<_> = messages
        .iter()
        .filter(|m| m.contains("全市各级各部门受理信息公开申请"))
        .collect();
    assert_eq!(own.len(), 3, "{own:#?}");
    // The generated sentences are marked as such.
    assert!(all.contains("此句由本工具生成"), "{all}");

    // Refreshed, the generated sentences raise nothing; only the example's own sentence is left.
    let mut refreshed = d.clone();
    for kind in [Kind::Requests, Kind::ReviewAndLitigation] {
        let (field, text) = narrative::refreshed(&refreshed, kind).unwrap();
        *refreshed.text_mut(field).unwrap() = text;
    }
    let left = r7_messages(&refreshed);
    assert_eq!(left.len(), 3, "{left:#?}");
    assert!(
        left.iter()
            .all(|m| m.contains("全市各级各部门受理信息公开申请"))
    );
    // And a text of generated sentences only never trips R7.
    let mut generated = d.clone();
    for part in &mut generated.parts {
        part.text = "本年度工作情况。".into();
    }
    for g in narrative::sentences(&generated) {
        let text = generated.text(g.field).unwrap().to_string();
        *generated.text_mut(g.field).unwrap() = narrative::refresh(&text, &g);
    }
    assert_eq!(r7_messages(&generated), Vec::<String>::new());
}
