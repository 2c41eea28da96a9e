//! Text that lost its line breaks and cell boundaries: every example and public report with all
//! whitespace and `|` removed. The test counts the splits of each table-三 row by brute force,
//! on its own, and asserts that the importer recovers exactly the rows whose split is unique (by
//! the row's equation, or by the column equations given the other rows) and declines the rest;
//! table 四 per block. Never another figure.

use std::path::{Path, PathBuf};

use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::export::{ValueOptions, text::export_text};
use nianbao::format::{FormatId, TableId};
use nianbao::import::{Import, NoteKind, import_text};

fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn flatten(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect()
}

/// Expected figures of a table: row id → its cells in column order (`None` blank).
type Figures = Vec<(String, Vec<Option<String>>)>;

fn from_draft(draft: &Draft, table: TableId) -> Figures {
    let def = draft.format.def().table(table);
    def.blocks
        .iter()
        .flat_map(|b| {
            b.rows.iter().map(move |r| {
                let cells = b
                    .columns
                    .iter()
                    .map(|c| {
                        def.cell(r.id, c.id)
                            .and_then(|cell| draft.value(cell.key()))
                            .map(ToString::to_string)
                    })
                    .collect();
                (r.id.to_string(), cells)
            })
        })
        .collect()
}

/// The figures of a public report's fixture (`tests/fixtures/public/*.cells`): "-" and "?"
/// are blank.
fn from_fixture(path: &Path) -> (FormatId, Figures, Figures) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut format = FormatId::F2021;
    let (mut t3, mut t4) = (Vec::new(), Vec::new());
    let mut table = "";
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            ["format", "2019"] => format = FormatId::F2019,
            ["format", _] | ["note", ..] => {}
            [t] => table = t,
            [row, values @ ..] => {
                let cells = values
                    .iter()
                    .map(|v| (!matches!(*v, "-" | "?")).then(|| v.to_string()))
                    .collect();
                match table {
                    "table3" => t3.push((row.to_string(), cells)),
                    "table4" => t4.push((row.to_string(), cells)),
                    _ => {}
                }
            }
        }
    }
    (format, t3, t4)
}

/// Every split of `digits` into `n` numbers without leading zeros that `ok` accepts: plain
/// brute force, independent of the importer's search.
fn brute(digits: &str, n: usize, ok: &dyn Fn(&[u64]) -> bool) -> Vec<Vec<u64>> {
    fn rec(
        rest: &str,
        n: usize,
        parts: &mut Vec<u64>,
        ok: &dyn Fn(&[u64]) -> bool,
        out: &mut Vec<Vec<u64>>,
    ) {
        if parts.len() == n {
            if rest.is_empty() && ok(parts) {
                out.push(parts.clone());
            }
            return;
        }
        for len in 1..=rest.len().min(12) {
            let piece = &rest[..len];
            if piece.len() > 1 && piece.starts_with('0') {
                break;
            }
            parts.push(piece.parse().unwrap());
            rec(&rest[len..], n, parts, ok, out);
            parts.pop();
        }
    }
    let mut out = Vec::new();
    rec(digits, n, &mut Vec::new(), ok, &mut out);
    out
}

fn row_ok(v: &[u64]) -> bool {
    v[..6].iter().sum::<u64>() == v[6]
}

fn numbers(cells: &[Option<String>]) -> Option<Vec<u64>> {
    cells.iter().map(|c| c.as_ref()?.parse().ok()).collect()
}

/// The rows of table 三 the importer must recover (with their figures); the others it must
/// decline. Counts, for the report, how many rows split two ways by the row equation alone, and
/// how many rows have all seven figures published.
fn expected_t3(t3: &Figures) -> (Vec<Option<Vec<u64>>>, usize, usize) {
    let digits: Vec<String> = t3
        .iter()
        .map(|(_, cells)| cells.iter().flatten().cloned().collect())
        .collect();
    let candidates: Vec<Vec<Vec<u64>>> = digits
        .iter()
        .map(|d| {
            if d.is_empty() {
                Vec::new()
            } else {
                brute(d, 7, &row_ok)
            }
        })
        .collect();
    let two_ways = candidates.iter().filter(|c| c.len() == 2).count();
    let complete = t3
        .iter()
        .filter(|(_, cells)| cells.len() == 7 && cells.iter().all(Option::is_some))
        .count();
    let mut known: Vec<Option<Vec<u64>>> = candidates
        .iter()
        .map(|c| {
            if c.len() == 1 {
                Some(c[0].clone())
            } else {
                None
            }
        })
        .collect();
    let ids: Vec<&str> = t3.iter().map(|(id, _)| id.as_str()).collect();
    let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    let results: Vec<usize> = (0..ids.len())
        .filter(|i| !matches!(ids[*i], "new" | "carried" | "total" | "carry_forward"))
        .collect();
    let equations = [
        (
            vec![at("new"), at("carried")],
            vec![at("total"), at("carry_forward")],
        ),
        (vec![at("total")], results),
    ];
    loop {
        let mut changed = false;
        for (left, right) in &equations {
            let members: Vec<usize> = left.iter().chain(right).copied().collect();
            let open: Vec<usize> = members
                .iter()
                .copied()
                .filter(|i| known[*i].is_none())
                .collect();
            let [only] = open[..] else { continue };
            let sum = |side: &Vec<usize>, with: &[u64], c: usize| -> u64 {
                side.iter()
                    .map(|i| {
                        if *i == only {
                            with[c]
                        } else {
                            known[*i].as_ref().unwrap()[c]
                        }
                    })
                    .sum()
            };
            let fits: Vec<&Vec<u64>> = candidates[only]
                .iter()
                .filter(|cand| (0..7).all(|c| sum(left, cand, c) == sum(right, cand, c)))
                .collect();
            if let [one] = fits[..] {
                known[only] = Some(one.clone());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    (known, two_ways, complete)
}

fn cell(import: &Import, table: TableId, row: &str, col: usize) -> Option<String> {
    let def = import.draft.format.def().table(table);
    let block = def.blocks.iter().find(|b| b.row(row).is_some())?;
    let column = block.columns.get(col)?;
    let key = def.cell(row, column.id)?.key();
    import.draft.value(key).map(ToString::to_string)
}

/// How strictly a report is held to the brute-force count.
#[derive(Clone, Copy, PartialEq)]
enum Strict {
    /// Every row: recovered exactly when its split is unique, declined otherwise.
    Rows,
    /// Text whose extraction printed some rows' figures before their labels: once flattened, a
    /// row's digits may stand after another label, so a unique split may be missed; but a row
    /// that splits several ways is declined, and no figure other than the published one is read.
    NeverAnother,
}

/// Checks one flattened report; returns (rows with all seven figures published, rows split two
/// ways by the row equation alone, rows recovered).
fn check(
    name: &str,
    text: &str,
    format: FormatId,
    t3: &Figures,
    t4: &Figures,
    strict: Strict,
) -> (usize, usize, usize) {
    let flat = flatten(text);
    let import = import_text(&flat).unwrap_or_else(|e| panic!("{name}: {e}"));
    let notes: String = import.notes.iter().map(|n| format!("{n}\n")).collect();
    assert_eq!(import.draft.format, format, "{name}: format\n{notes}");
    let (expected, two_ways, complete) = expected_t3(t3);
    let def = format.def().table(TableId::T3);
    let mut recovered = 0;
    for ((row, cells), known) in t3.iter().zip(&expected) {
        let got: Vec<Option<String>> = (0..7).map(|c| cell(&import, TableId::T3, row, c)).collect();
        let label = def.blocks[0].row(row).unwrap().display_label();
        if got.iter().any(Option::is_some) {
            recovered += 1;
        }
        match known {
            Some(v) if strict == Strict::Rows => {
                let want: Vec<Option<String>> = v.iter().map(|x| Some(x.to_string())).collect();
                assert_eq!(got, want, "{name}: {row} is split one way only\n{notes}");
                assert_eq!(numbers(cells).as_ref(), Some(v), "{name}: {row}");
            }
            Some(_) => {
                for (g, c) in got.iter().zip(cells) {
                    assert!(
                        g.is_none() || g == c,
                        "{name}: {row}: {got:?} is not {cells:?}\n{notes}"
                    );
                }
            }
            None => {
                assert!(
                    got.iter().all(Option::is_none),
                    "{name}: {row} must be declined: {got:?}\n{notes}"
                );
                if strict == Strict::Rows && cells.iter().any(Option::is_some) {
                    assert!(
                        import.notes.iter().any(|n| n.kind == NoteKind::Unreadable
                            && n.message.contains(&format!("「{label}」"))),
                        "{name}: no note declines {label}\n{notes}"
                    );
                }
            }
        }
    }
    // Table 四: each block recovered as published or declined; never another figure.
    let figures: Vec<Option<String>> = t4.iter().flat_map(|(_, c)| c.iter().cloned()).collect();
    let def4 = FormatId::F2021.def().table(TableId::T4);
    let keys: Vec<_> = def4.cells().map(|c| c.key()).collect();
    let digits: String = figures.iter().flatten().cloned().collect();
    let all = if figures.iter().all(Option::is_some) {
        brute(&digits, 15, &|v| {
            v.chunks(5).all(|b| b[..4].iter().sum::<u64>() == b[4])
        })
    } else {
        Vec::new()
    };
    for b in 0..3 {
        let ways: std::collections::BTreeSet<Vec<u64>> =
            all.iter().map(|v| v[b * 5..b * 5 + 5].to_vec()).collect();
        for i in 0..5 {
            let got = import.draft.value(keys[b * 5 + i]).map(ToString::to_string);
            if ways.len() == 1 && strict == Strict::Rows {
                assert_eq!(
                    got,
                    figures[b * 5 + i],
                    "{name}: table 四 block {b}\n{notes}"
                );
            } else if ways.len() == 1 {
                assert!(
                    got.is_none() || got == figures[b * 5 + i],
                    "{name}: table 四 block {b}\n{notes}"
                );
            } else {
                assert_eq!(
                    got, None,
                    "{name}: table 四 block {b} must be declined\n{notes}"
                );
            }
        }
    }
    (complete, two_ways, recovered)
}

#[test]
fn flattened_examples_are_split_by_the_equations() {
    for name in [
        "2021-jinjiang.ron",
        "2021-jinjiang-corrected.ron",
        "2019-yonghe.ron",
    ] {
        let draft = draft_file::load(&project("assets/examples").join(name)).unwrap();
        let text = export_text(&draft, ValueOptions::default());
        check(
            name,
            &text,
            draft.format,
            &from_draft(&draft, TableId::T3),
            &from_draft(&draft, TableId::T4),
            Strict::Rows,
        );
    }
}

#[test]
fn the_issue_row_splits_one_way() {
    let text = "某县人民政府2021年政府信息公开工作年度报告本报告依据条例编制。一、总体情况概述。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量640020470四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况无。六、其他需要报告的事项无。";
    let import = import_text(text).unwrap();
    let got: Vec<Option<String>> = (0..7)
        .map(|c| cell(&import, TableId::T3, "new", c))
        .collect();
    let want: Vec<Option<String>> = ["64", "0", "0", "2", "0", "4", "70"]
        .iter()
        .map(|s| Some(s.to_string()))
        .collect();
    assert_eq!(got, want);
}

/// Found by fuzzing: the year was looked for by byte slices of five-character windows ending with
/// 年, which cut a character where the window held Chinese ("二〇二一年", then "一、本年" of table
/// 三) and panicked when no year in digits came first.
#[test]
fn a_year_written_in_chinese_numerals_does_not_break_flattened_text() {
    let text = "某县人民政府二〇二一年政府信息公开工作年度报告本报告依据条例编制。一、总体情况概述。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量640020470四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况无。六、其他需要报告的事项无。";
    // No year in digits before "一、本年": refused with its reason, no panic.
    assert!(matches!(
        import_text(text),
        Err(nianbao::import::ImportError::NoYear)
    ));
    // With the year in digits the same text reads as before.
    let import = import_text(&text.replace("二〇二一年", "2021年")).unwrap();
    assert_eq!(cell(&import, TableId::T3, "new", 6).as_deref(), Some("70"));
}

/// The public reports whose table 三 keeps each row's figures after its label, flattened: none
/// of the six (each has rows whose figures were extracted before or apart from their label).
const STRICT_REPORTS: [&str; 0] = [];

#[test]
fn flattened_public_reports_are_split_or_declined_row_by_row() {
    let dir = project("../shared/reports/public");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is absent (the public reports are read from ../shared, never copied in)",
            dir.display()
        );
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let (mut rows, mut two_ways, mut recovered) = (0, 0, 0);
    for name in names {
        let stem = name.trim_end_matches(".txt");
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let (format, t3, t4) =
            from_fixture(&project("tests/fixtures/public").join(format!("{stem}.cells")));
        // Most of these texts were extracted from PDFs and print some rows' figures before
        // their labels, or on lines of their own (see ../shared/reports/README.md): flattened,
        // those digits stand after another row's label. Only the reports that keep every
        // row's figures after its label are held to every row.
        let strict = if STRICT_REPORTS.contains(&stem) {
            Strict::Rows
        } else {
            Strict::NeverAnother
        };
        let (r, t, got) = check(stem, &text, format, &t3, &t4, strict);
        eprintln!("{stem}: {got} of {r} rows recovered");
        rows += r;
        two_ways += t;
        recovered += got;
    }
    eprintln!(
        "{two_ways} of {rows} public table-三 rows split two ways by the row equation alone; {recovered} rows recovered"
    );
    assert_eq!((two_ways, rows), (5, 145));
}
