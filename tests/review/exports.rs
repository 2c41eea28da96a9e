//! Each export format read back: text, JSON, HTML, .xlsx (cell by cell), 退回意见, 下发, 汇总.

use calamine::{Data, Reader as _};
use nianbao::check::{self, RuleId};
use nianbao::collate::natural_cmp;
use nianbao::date::Date;
use nianbao::draft::{Draft, Level};
use nianbao::merge::MergeOptions;
use nianbao::review::{Roster, report};

use crate::fixture::*;

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
