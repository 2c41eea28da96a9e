//! The board's rows, findings, roster, order, filters, reload and cancel.

use std::sync::atomic::Ordering;

use nianbao::address::Location;
use nianbao::check::{self, RuleId, Severity};
use nianbao::collate::natural_cmp;
use nianbao::draft::TextField;
use nianbao::draft_file;
use nianbao::review::{
    self, Filter, KeyFigures, LastMatch, Origin, Progress, ReviewOptions, Roster,
};

use crate::fixture::*;

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

    // Each unit's findings are the checker's, on the draft as the board holds it, then those
    // that compare it with the other units (every unit here is 晋江's text under another name,
    // so each reads like the others: R19 between units).
    for r in board.rows.iter().filter(|r| r.unit.is_ok()) {
        let u = r.report().unwrap();
        let checked = u.findings.len() - u.peers;
        assert_eq!(
            u.findings[..checked],
            check::check(&u.draft),
            "{}",
            r.name()
        );
        assert!(u.peers > 0, "{}", r.name());
        assert!(
            u.findings[checked..]
                .iter()
                .all(|f| f.rule == RuleId::R19 && f.severity == Severity::Warning)
        );
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
fn cancelled_halfway_the_board_is_consistent() {
    let f = fixture();
    let progress = std::sync::Arc::new(Progress::default());
    let watcher = {
        let progress = progress.clone();
        std::thread::spawn(move || {
            while progress.get().0 < 3 && progress.get().0 < progress.get().1.max(1) {
                std::thread::yield_now();
            }
            progress.cancel.store(true, Ordering::Relaxed);
        })
    };
    let options = ReviewOptions {
        roster: Some(Roster::load(&f.roster).unwrap()),
        threads: Some(1),
        ..ReviewOptions::default()
    };
    let board = review::review(std::slice::from_ref(&f.this), &options, &progress);
    watcher.join().unwrap();
    let (done, total) = progress.get();
    assert_eq!(total, 10);
    // Every file begun was finished and is a row; none twice; the order natural.
    assert_eq!(board.rows.len(), done);
    assert_eq!(board.complete, done == total);
    let names: Vec<&str> = board.rows.iter().map(|r| r.name()).collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(names, sorted);
    if !board.complete {
        // A unit not yet read is not said to be missing.
        assert!(board.status().missing.is_empty());
    }
}

/// 内容雷同 between units: two units of one year with the same 五 are each told, naming the
/// other; a third with its own words is not; once one of the two rewrites its 五 and saves,
/// the reload takes the warning away from both.
#[test]
fn units_whose_sections_read_the_same_are_told_and_a_reload_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let own = "本年度我局政务公开工作仍有薄弱环节：基层政务公开标准目录更新不及时，个别科室对依申请公开\
               答复时限把握不准。下一步将建立目录季度复核机制，每季度组织一次答复文书评查，并把评查结果\
               纳入科室年度考核，切实提升办理质量。";
    save(&unit("甲局"), &dir.path().join("甲局.ron"));
    save(&unit("乙局"), &dir.path().join("乙局.ron"));
    let mut third = unit("丙局");
    third.problems = own.to_string();
    save(&third, &dir.path().join("丙局.ron"));
    let mut board = review::review(
        &[dir.path().to_path_buf()],
        &ReviewOptions::default(),
        &Progress::default(),
    );
    let on_problems = |board: &review::Board, name: &str| -> Vec<String> {
        row(board, name)
            .report()
            .unwrap()
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::R19 && f.location == Location::Text(TextField::Problems))
            .map(|f| f.message.clone())
            .collect()
    };
    let a = on_problems(&board, "甲局");
    assert_eq!(a.len(), 1, "{a:?}");
    assert!(
        a[0].contains("「乙局」100%") && !a[0].contains("丙局"),
        "{}",
        a[0]
    );
    assert!(on_problems(&board, "乙局")[0].contains("「甲局」"));
    assert!(on_problems(&board, "丙局").is_empty());

    let mut rewritten = unit("乙局");
    rewritten.problems = own.replace("我局", "乙局").replace("季度", "半年");
    rewritten.problems = format!(
        "{}另外，乙局网站栏目设置较为分散，检索功能不完善，群众查找信息不便，明年将整合栏目、升级站内搜索。",
        rewritten.problems
    );
    let path = dir.path().join("乙局.ron");
    save(&rewritten, &path);
    board.reload(&path);
    assert!(on_problems(&board, "甲局").is_empty());
    // 乙局 now reads like 丙局 or not, as the measure says; never like 甲局.
    assert!(
        on_problems(&board, "乙局")
            .iter()
            .all(|m| !m.contains("甲局"))
    );
    let expected = check::similarity(&rewritten.problems, own) >= check::SIMILAR;
    assert_eq!(!on_problems(&board, "丙局").is_empty(), expected);
}
