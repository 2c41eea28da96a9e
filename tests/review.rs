//! The review board (审核汇总台) on a generated folder with planted faults: a broken file, a unit
//! twice, a unit not on the roster, an R3 error, an R8 break against last year's folder, a late
//! planned date, a published text, a body name beginning with "=". Every row and finding of the
//! board is asserted, and each export format read back.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use calamine::{Data, Reader as _};
use nianbao::check::{self, RuleId, Severity};
use nianbao::collate::natural_cmp;
use nianbao::date::Date;
use nianbao::draft::{Draft, Level};
use nianbao::draft_file;
use nianbao::export::{self, ExportFormat, ExportOptions};
use nianbao::format::{CellKey, TableId};
use nianbao::merge::MergeOptions;
use nianbao::review::{
    self, Board, Filter, KeyFigures, LastMatch, Origin, Progress, ReviewOptions, Roster, report,
};
use nianbao::value::Value;

fn t3(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T3,
        row,
        col,
    }
}

/// A clean 2021 report (晋江 corrected) under another body's name.
fn unit(body: &str) -> Draft {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2021-jinjiang-corrected.ron");
    let mut d = draft_file::load(&example).unwrap();
    d.body = body.to_string();
    // The example's own title names 晋江; the unit's is derived from its body.
    d.title_override = None;
    d
}

/// The fault the R8 unit carries: last year's 结转下年度 one more than this year's 上年结转.
fn last_year_of(this: &Draft, break_r8: bool) -> Draft {
    let mut last = Draft::new(this.body.clone(), this.level, this.year - 1);
    for col in [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal",
        "other_org",
    ] {
        let carried = this.count(t3("carried", col)).unwrap_or(0);
        let n = if break_r8 && col == "natural" {
            carried + 1
        } else {
            carried
        };
        last.cells.insert(t3("carry_forward", col), Value::Count(n));
    }
    last
}

struct Fixture {
    _dir: tempfile::TempDir,
    this: PathBuf,
    last: PathBuf,
    roster: PathBuf,
    /// The published text's draft, as exported.
    published: Draft,
}

fn save(draft: &Draft, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    draft_file::save(draft, path).unwrap();
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let this = dir.path().join("本年");
    let last = dir.path().join("上年");
    for name in ["第1镇", "第2镇"] {
        save(&unit(name), &this.join(format!("{name}.ron")));
    }
    let mut late = unit("第3镇");
    late.publish_date = Date::new(2022, 4, 15);
    save(&late, &this.join("第3镇.ron"));
    save(&unit("第4镇"), &this.join("第4镇.ron"));
    save(&unit("第4镇"), &this.join("副本/第4镇-副本.ron"));
    let published = unit("第5镇");
    let text = export::export(
        &published,
        ExportFormat::Text,
        ExportOptions {
            values: Default::default(),
            fragment: false,
        },
    )
    .unwrap();
    std::fs::write(this.join("第5镇.txt"), text).unwrap();
    let r8 = unit("第6镇");
    save(&r8, &this.join("第6镇.ron"));
    save(&last_year_of(&r8, true), &last.join("第6镇-2020.ron"));
    save(
        &last_year_of(&unit("第1镇"), false),
        &last.join("第1镇-2020.ron"),
    );
    let mut r3 = unit("第10镇");
    let n = r3.count(t3("carry_forward", "natural")).unwrap_or(0);
    r3.cells
        .insert(t3("carry_forward", "natural"), Value::Count(n + 7));
    save(&r3, &this.join("第10镇.ron"));
    save(&unit("=1+1镇"), &this.join("公式.ron"));
    std::fs::write(this.join("破损.ron"), "(这不是草稿").unwrap();
    let roster = dir.path().join("名单.csv");
    let names = [
        "第1镇", "第2镇", "第3镇", "第4镇", "第5镇", "第6镇", "第7镇", "第10镇",
    ];
    let csv: String = std::iter::once("序号,单位名称".to_string())
        .chain(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{},{n}", i + 1)),
        )
        .map(|l| l + "\n")
        .collect();
    std::fs::write(&roster, csv).unwrap();
    Fixture {
        _dir: dir,
        this,
        last,
        roster,
        published,
    }
}

fn load(f: &Fixture) -> Board {
    let options = ReviewOptions {
        roster: Some(Roster::load(&f.roster).unwrap()),
        last_year: vec![f.last.clone()],
        profile: None,
    };
    review::review(
        std::slice::from_ref(&f.this),
        &options,
        &Progress::default(),
    )
}

fn row<'a>(board: &'a Board, name: &str) -> &'a review::Row {
    let found: Vec<_> = board.rows.iter().filter(|r| r.name() == name).collect();
    assert_eq!(found.len(), 1, "{name}");
    found[0]
}

fn rules(board: &Board, name: &str) -> Vec<(RuleId, Severity)> {
    let u = row(board, name).report().unwrap();
    u.findings.iter().map(|f| (f.rule, f.severity)).collect()
}

#[test]
fn every_row_and_finding_of_the_board() {
    let f = fixture();
    let board = load(&f);
    assert!(board.complete);
    // One row per file, in natural order of the names.
    assert_eq!(board.rows.len(), 10);
    let names: Vec<&str> = board.rows.iter().map(|r| r.name()).collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(names, sorted);
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(at("第2镇") < at("第10镇"));

    // The broken file: one row saying why; the rest unaffected.
    let broken = board.rows.iter().find(|r| r.source == "破损.ron").unwrap();
    let why = broken.unit.as_ref().unwrap_err();
    assert!(why.contains("草稿") || why.contains("无法"), "{why}");
    assert_eq!(board.readable(), 9);

    // Each unit's findings are the checker's, on the draft as the board holds it.
    for r in board.rows.iter().filter(|r| r.unit.is_ok()) {
        let u = r.report().unwrap();
        assert_eq!(u.findings, check::check(&u.draft), "{}", r.name());
        assert_eq!(u.figures, KeyFigures::of(&u.draft));
    }
    // Clean units: no errors, and their figures balance (R3 holds).
    for name in ["第1镇", "第2镇", "第3镇", "第6镇", "=1+1镇"] {
        let f = row(&board, name).report().unwrap().figures;
        assert_eq!(
            f.new.unwrap() + f.carried.unwrap_or(0),
            f.closed.unwrap() + f.carry_forward.unwrap_or(0),
            "{name}"
        );
    }
    for name in ["第1镇", "第2镇", "第3镇", "=1+1镇"] {
        assert!(
            rules(&board, name)
                .iter()
                .all(|(_, s)| *s == Severity::Warning),
            "{name}"
        );
    }
    // The planted faults.
    assert!(rules(&board, "第10镇").contains(&(RuleId::R3, Severity::Error)));
    // R8 is a warning: real reports break it legitimately (a transferred request).
    assert!(rules(&board, "第6镇").contains(&(RuleId::R8, Severity::Warning)));
    assert!(!rules(&board, "第1镇").iter().any(|(r, _)| *r == RuleId::R8));
    let late = row(&board, "第3镇").report().unwrap();
    assert_eq!(late.deadline.met(), Some(false));
    assert_eq!(late.deadline.verdict(), "逾期");
    assert!(rules(&board, "第3镇").contains(&(RuleId::R15, Severity::Warning)));
    assert_eq!(
        row(&board, "第1镇").report().unwrap().deadline.verdict(),
        "未填计划发布日期"
    );
    // Last year: matched by name, missing said.
    let lm = |n: &str| row(&board, n).report().unwrap().last_year.clone();
    assert_eq!(lm("第6镇"), LastMatch::Found("第6镇-2020.ron".into()));
    assert_eq!(lm("第1镇"), LastMatch::Found("第1镇-2020.ron".into()));
    assert_eq!(lm("第2镇"), LastMatch::Missing);
    // The published text: imported, with its notes, the same figures as the draft exported.
    // The importer completes the title's short name; the roster still knows the unit.
    let text = row(&board, "第5镇人民政府").report().unwrap();
    assert_eq!(text.origin, Origin::Imported);
    assert!(!text.notes.is_empty());
    assert_eq!(text.figures, KeyFigures::of(&f.published));

    // The roster.
    let status = board.status();
    assert_eq!(status.missing, vec!["第7镇"]);
    assert_eq!(status.twice.len(), 1);
    assert_eq!(status.twice[0].0, "第4镇");
    assert_eq!(status.twice[0].1.len(), 2);
    let off: Vec<&str> = status
        .not_on_roster
        .iter()
        .map(|&i| board.rows[i].name())
        .collect();
    assert_eq!(off, vec!["=1+1镇"]);
    assert_eq!(board.exit_code(), 1);

    // The 问题清单: the board's own lines, then every finding of every unit.
    let issues = board.issues();
    let findings: usize = board
        .rows
        .iter()
        .filter_map(|r| r.report())
        .map(|u| u.findings.len())
        .sum();
    let own = |rule: &str| issues.iter().filter(|i| i.rule == rule).count();
    assert_eq!(own("读取"), 1);
    assert_eq!(own("重复"), 2);
    assert_eq!(own("名单"), 1);
    assert_eq!(own("未报"), 1);
    let unmatched = (board.rows.iter().filter_map(|r| r.report()))
        .filter(|u| !matches!(u.last_year, LastMatch::Found(_)))
        .count();
    assert_eq!(own("上年"), unmatched);
    assert_eq!(issues.len(), findings + 5 + unmatched);
}

#[test]
fn sorting_filtering_reload_and_cancel() {
    let f = fixture();
    let mut board = load(&f);
    let by_errors = board.view(&Filter::All, Some((review::Column::Errors, true)));
    // The unreadable file first (the most serious), then units by their count of errors.
    assert_eq!(board.rows[by_errors[0]].source, "破损.ron");
    let errors: Vec<usize> = by_errors[1..]
        .iter()
        .map(|&i| board.rows[i].report().unwrap().tally().0)
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    let with_errors = board.view(&Filter::WithErrors, None);
    assert!(with_errors.iter().all(|&i| board.rows[i].has_errors()));
    assert_eq!(
        with_errors.len(),
        board.rows.iter().filter(|r| r.has_errors()).count()
    );
    let found = board.view(&Filter::Contains(review::Column::Unit, "10".into()), None);
    assert_eq!(found.len(), 1);
    assert_eq!(board.rows[found[0]].name(), "第10镇");

    // The R3 unit is corrected and saved: its row alone is read again.
    let path = f.this.join("第10镇.ron");
    draft_file::save(&unit("第10镇"), &path).unwrap();
    let i = board.reload(&path);
    assert_eq!(board.rows[i].name(), "第10镇");
    assert!(
        !rules(&board, "第10镇")
            .iter()
            .any(|(r, _)| *r == RuleId::R3)
    );
    // A new file comes in, in its place by name.
    save(&unit("第7镇"), &f.this.join("第7镇.ron"));
    let i = board.reload(&f.this.join("第7镇.ron"));
    assert_eq!(board.rows[i - 1].name(), "第6镇");
    assert!(
        board.status().missing.is_empty(),
        "{:?} {:?}",
        board.status().missing,
        board.rows[i].unit.as_ref().err()
    );

    // Cancelled before it began: nothing read, and no 未报 concluded.
    let progress = Progress::default();
    progress.cancel.store(true, Ordering::Relaxed);
    let options = ReviewOptions {
        roster: Some(Roster::load(&f.roster).unwrap()),
        ..ReviewOptions::default()
    };
    let cancelled = review::review(std::slice::from_ref(&f.this), &options, &progress);
    assert!(!cancelled.complete);
    assert!(cancelled.rows.is_empty());
    assert!(cancelled.status().missing.is_empty());
    assert_eq!(progress.get(), (0, 11));
}

#[test]
fn text_and_json_name_every_row_and_issue() {
    let f = fixture();
    let board = load(&f);
    let issues = board.issues();
    let text = report::text(&board);
    for r in &board.rows {
        assert!(
            text.contains(&format!("{}（{}）", r.name(), r.source)),
            "{}",
            r.name()
        );
    }
    for i in &issues {
        assert!(text.contains(&i.message), "{}", i.message);
    }
    let json = report::json(&board);
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), board.rows.len());
    for (u, r) in units.iter().zip(&board.rows) {
        assert_eq!(u["unit"], r.name());
        assert_eq!(u["file"], r.source.as_str());
        match r.report() {
            None => assert_eq!(u["error"], r.unit.as_ref().unwrap_err().as_str()),
            Some(rep) => {
                assert_eq!(u["errors"], rep.tally().0);
                assert_eq!(u["findings"].as_array().unwrap().len(), rep.findings.len());
                assert_eq!(
                    u["figures"]["closed"],
                    serde_json::json!(rep.figures.closed)
                );
                assert_eq!(
                    u["ratios"]["disclosure"]["text"],
                    rep.figures.disclosure_rate().text()
                );
            }
        }
    }
    assert_eq!(json["missing"], serde_json::json!(board.status().missing));
    assert_eq!(json["issues"], serde_json::to_value(&issues).unwrap());
    assert_eq!(json["twice"][0]["files"].as_array().unwrap().len(), 2);
}

#[test]
fn html_page_escapes_and_lists_everything() {
    let f = fixture();
    let mut board = load(&f);
    // A hostile name, as a unit might type it.
    let path = f.this.join("第8镇.ron");
    save(&unit("第8镇<script>alert(1)</script>"), &path);
    board.reload(&path);
    let page = report::html(&board, "2021年审核汇总").unwrap();
    assert!(!page.contains("<script>"));
    assert!(
        page.contains("第8镇&lt;script&gt;") || page.contains("第8镇&#60;script&#62;"),
        "escaped"
    );
    assert!(page.starts_with("<!DOCTYPE html>"));
    let (units, issues) = page.split_once("id=\"issues\"").unwrap();
    assert_eq!(issues.matches("<tr><td>").count(), board.issues().len());
    let rows = units.matches("<tr>").count() + units.matches("<tr class=\"error\">").count();
    // The header row, then the units.
    assert_eq!(rows, 1 + board.rows.len());
    let error_rows = board.rows.iter().filter(|r| r.has_errors()).count();
    assert_eq!(units.matches("<tr class=\"error\">").count(), error_rows);
    for i in board.issues() {
        assert!(issues.contains(&format!("<td>{}</td>", i.rule)));
    }
    assert!(page.contains("<li>第7镇</li>"));
}

fn cell(range: &calamine::Range<Data>, r: usize, c: usize) -> Data {
    range.get((r, c)).cloned().unwrap_or(Data::Empty)
}

fn text_or_empty(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn xlsx_read_back_cell_by_cell() {
    let f = fixture();
    let board = load(&f);
    let bytes = report::xlsx(&board).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["单位", "问题清单"]);
    let units = book.worksheet_range("单位").unwrap();
    let status = board.status();
    assert_eq!(units.height(), 1 + board.rows.len() + status.missing.len());
    assert_eq!(text_or_empty(&cell(&units, 0, 0)), "单位");
    for (i, r) in board.rows.iter().enumerate() {
        let at = |c| cell(&units, i + 1, c);
        assert_eq!(text_or_empty(&at(0)), r.name());
        assert_eq!(text_or_empty(&at(1)), r.source);
        let Some(u) = r.report() else {
            assert_eq!(text_or_empty(&at(19)), *r.unit.as_ref().unwrap_err());
            continue;
        };
        assert_eq!(at(4), Data::Float(f64::from(u.draft.year)));
        assert_eq!(at(5), Data::Float(u.tally().0 as f64));
        assert_eq!(at(6), Data::Float(u.tally().1 as f64));
        let figures = [
            u.figures.new,
            u.figures.carried,
            u.figures.closed,
            u.figures.carry_forward,
            u.figures.review_total,
            u.figures.litigation_total,
        ];
        for (k, n) in figures.iter().enumerate() {
            let want = n.map_or(Data::Empty, |n| Data::Float(n as f64));
            assert_eq!(at(10 + k), want, "{} column {}", r.name(), 10 + k);
        }
        let rate = u.figures.disclosure_rate();
        match rate.value() {
            Some(v) => assert_eq!(at(16), Data::Float(v)),
            None => assert_eq!(text_or_empty(&at(16)), rate.text()),
        }
    }
    let last = units.height() - 1;
    assert_eq!(text_or_empty(&cell(&units, last, 0)), status.missing[0]);
    assert_eq!(text_or_empty(&cell(&units, last, 19)), "未报");
    // "=1+1镇" is text, never a formula.
    let formulas = book.worksheet_formula("单位").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    let list = book.worksheet_range("问题清单").unwrap();
    let issues = board.issues();
    assert_eq!(list.height(), 1 + issues.len());
    for (i, issue) in issues.iter().enumerate() {
        let got: Vec<String> = (0..6)
            .map(|c| text_or_empty(&cell(&list, i + 1, c)))
            .collect();
        let want = [
            &issue.unit,
            &issue.file,
            &issue.rule,
            &issue.severity.to_string(),
            &issue.cell,
            &issue.message,
        ];
        assert_eq!(got, want.map(|s| s.to_string()), "issue {i}");
    }
    assert!(issues.iter().any(|i| i.unit == "=1+1镇"));
    let formulas = book.worksheet_formula("问题清单").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn returns_issue_drafts_and_merge() {
    let f = fixture();
    let board = load(&f);
    let letters = report::returns(&board);
    let issues = board.issues();
    let with_issues: Vec<&str> = board
        .rows
        .iter()
        .filter(|r| issues.iter().any(|i| i.file == r.source))
        .map(|r| r.source.as_str())
        .collect();
    assert_eq!(
        letters.iter().map(|l| l.file.as_str()).collect::<Vec<_>>(),
        with_issues
    );
    let date = Date::new(2022, 2, 10).unwrap();
    for letter in &letters {
        let mine: Vec<_> = issues.iter().filter(|i| i.file == letter.file).collect();
        // The opening, one line per issue, the request.
        assert_eq!(letter.paragraphs.len(), mine.len() + 2);
        for (k, i) in mine.iter().enumerate() {
            assert!(letter.paragraphs[k + 1].starts_with(&format!("{}. ", k + 1)));
            assert!(letter.paragraphs[k + 1].contains(&i.message));
        }
        let html = letter.html(Some("某县政务公开办公室"), date).unwrap();
        assert!(html.contains("2022年2月10日") && html.contains("某县政务公开办公室"));
        let docx = letter.docx(Some("某县政务公开办公室"), date).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains(&letter.to), "{}", letter.to);
    }
    // Two letters of one unit do not share a file name.
    let stems: std::collections::HashSet<_> = letters.iter().map(|l| &l.stem).collect();
    assert_eq!(stems.len(), letters.len());

    // 下发: one draft per roster unit for 2022; carried where this year's report is on the board.
    let drafts = report::issue_drafts(&board, None).unwrap();
    let roster = Roster::load(&f.roster).unwrap();
    assert_eq!(
        drafts.iter().map(|d| d.unit.as_str()).collect::<Vec<_>>(),
        roster.units
    );
    for d in &drafts {
        assert_eq!(d.draft.year, 2022);
        assert_eq!(d.carried, d.unit != "第7镇", "{}", d.unit);
        assert_eq!(d.draft.last_year.is_some(), d.carried);
    }
    let blank = drafts.iter().find(|d| d.unit == "第7镇").unwrap();
    assert_eq!(blank.draft.level, Level::Township);

    // 汇总 of the units without errors: those left out are named; the fee summed, the
    // sentences written, the units in number order.
    let shown: Vec<usize> = (0..board.rows.len())
        .filter(|&i| board.rows[i].source != "副本/第4镇-副本.ron")
        .collect();
    let done = board.merge(&shown, true, &MergeOptions::default()).unwrap();
    let left: Vec<&str> = shown
        .iter()
        .map(|&i| &board.rows[i])
        .filter(|r| r.has_errors())
        .map(|r| r.name())
        .collect();
    assert_eq!(done.left_out.len(), left.len());
    for (said, name) in done.left_out.iter().zip(&left) {
        assert!(said.starts_with(name), "{said}");
    }
    let d = &done.merged.draft;
    let units: Vec<&Draft> = shown
        .iter()
        .filter_map(|&i| {
            board.rows[i]
                .report()
                .filter(|_| !board.rows[i].has_errors())
        })
        .map(|u| &u.draft)
        .collect();
    let fees: rust_decimal::Decimal = units.iter().filter_map(|u| u.info_fee).sum();
    assert_eq!(d.info_fee.unwrap_or_default(), fees);
    assert!(
        d.preamble
            .contains("本报告所列数据统计期限自2021年1月1日至2021年12月31日")
    );
    assert!(d.other_matters.contains("信息处理费"));
    let numbered: Vec<&String> = d
        .merged_from
        .iter()
        .filter(|b| b.starts_with('第'))
        .collect();
    assert!(
        numbered.windows(2).all(|w| natural_cmp(w[0], w[1]).is_lt()),
        "{numbered:?}"
    );
    assert!(
        !check::check(d)
            .iter()
            .any(|f| f.rule == RuleId::R11 || f.rule == RuleId::R13)
    );
}

fn nianbao(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("review")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn command_line_exit_codes_and_files() {
    let f = fixture();
    let out = f.this.parent().unwrap().join("输出");
    let xlsx = out.join("问题清单.xlsx");
    let returns = out.join("退回意见");
    let issued = out.join("下发");
    std::fs::create_dir_all(&out).unwrap();
    let os = |p: &Path| p.as_os_str().to_owned();
    let args = [
        os(&f.this),
        "--roster".into(),
        os(&f.roster),
        "--format".into(),
        "xlsx".into(),
        "-o".into(),
        os(&xlsx),
        "--returns".into(),
        os(&returns),
        "--issue-drafts".into(),
        os(&issued),
        "--last-year".into(),
        os(&f.last),
    ];
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let run = nianbao(&refs);
    let stderr = String::from_utf8_lossy(&run.stderr);
    // Faults planted: exit 1.
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let board = load(&f);
    assert!(stderr.contains(&report::summary(&board)), "{stderr}");
    assert!(xlsx.is_file());
    let letters = report::returns(&board);
    for l in &letters {
        assert!(
            returns.join(format!("{}.html", l.stem)).is_file(),
            "{}",
            l.stem
        );
        assert!(
            returns.join(format!("{}.docx", l.stem)).is_file(),
            "{}",
            l.stem
        );
    }
    assert_eq!(
        std::fs::read_dir(&returns).unwrap().count(),
        2 * letters.len()
    );
    for unit in Roster::load(&f.roster).unwrap().units {
        let d = draft_file::load(&issued.join(format!("{unit}.ron"))).unwrap();
        // The body as the unit's own report names it, where it reported.
        assert!(
            d.body == unit || d.body == format!("{unit}人民政府"),
            "{}",
            d.body
        );
        assert_eq!(d.year, 2022);
    }

    // JSON on standard output parses, and is the board's.
    let run = nianbao(&[f.this.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), board.rows.len());

    // Only clean units, every one on the roster: 0. Nothing readable: 2.
    let clean = out.join("清洁");
    save(&unit("第1镇"), &clean.join("a.ron"));
    save(&unit("第2镇"), &clean.join("b.ron"));
    let roster = out.join("名单.txt");
    std::fs::write(&roster, "第1镇\n第2镇人民政府\n").unwrap();
    let run = nianbao(&[clean.as_os_str(), "--roster".as_ref(), roster.as_os_str()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let broken = f.this.join("破损.ron");
    let run = nianbao(&[broken.as_os_str()]);
    assert_eq!(run.status.code(), Some(2));
}
