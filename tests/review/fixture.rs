//! The folder with planted faults, and how the tests read the board.

use std::path::{Path, PathBuf};

use nianbao::check::{RuleId, Severity};
use nianbao::date::Date;
use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::export::{self, ExportFormat, ExportOptions};
use nianbao::format::{CellKey, TableId};
use nianbao::review::{self, Board, Progress, ReviewOptions, Roster};
use nianbao::value::Value;

pub fn t3(row: &'static str, col: &'static str) -> CellKey {
    CellKey {
        table: TableId::T3,
        row,
        col,
    }
}

/// A clean 2021 report (晋江 corrected) under another body's name.
pub fn unit(body: &str) -> Draft {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2021-jinjiang-corrected.ron");
    let mut d = draft_file::load(&example).unwrap();
    d.body = body.to_string();
    // The example's own title names 晋江; the unit's is derived from its body.
    d.title_override = None;
    d
}

/// The fault the R8 unit carries: last year's 结转下年度 one more than this year's 上年结转.
pub fn last_year_of(this: &Draft, break_r8: bool) -> Draft {
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

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub this: PathBuf,
    pub last: PathBuf,
    pub roster: PathBuf,
    /// The published text's draft, as exported.
    pub published: Draft,
}

pub fn save(draft: &Draft, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    draft_file::save(draft, path).unwrap();
}

pub fn fixture() -> Fixture {
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

pub fn load(f: &Fixture) -> Board {
    let options = ReviewOptions {
        roster: Some(Roster::load(&f.roster).unwrap()),
        last_year: vec![f.last.clone()],
        profile: None,
        threads: None,
    };
    review::review(
        std::slice::from_ref(&f.this),
        &options,
        &Progress::default(),
    )
}

pub fn row<'a>(board: &'a Board, name: &str) -> &'a review::Row {
    let found: Vec<_> = board.rows.iter().filter(|r| r.name() == name).collect();
    assert_eq!(found.len(), 1, "{name}");
    found[0]
}

pub fn rules(board: &Board, name: &str) -> Vec<(RuleId, Severity)> {
    let u = row(board, name).report().unwrap();
    u.findings.iter().map(|f| (f.rule, f.severity)).collect()
}
