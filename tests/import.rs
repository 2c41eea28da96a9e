//! Importing published reports: the seeds give the example drafts, nianbao's own text export
//! imports back to the draft it came from, the real reports in ../shared/reports/public import
//! cell for cell as their fixtures list, and `nianbao check` then reports what the publishers got
//! wrong. Broken input gives a message, never a panic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::check::{self, RuleId, Severity};
use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::export::{ValueOptions, text::export_text};
use nianbao::format::{CellKey, FormatId, TableId};
use nianbao::import::{Import, ImportError, NoteKind, import_bytes, import_text};

fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn example(name: &str) -> Draft {
    draft_file::load(&project("assets/examples").join(name)).expect("example loads")
}

fn import_file(path: &Path) -> Import {
    let text = std::fs::read_to_string(path).expect("report reads");
    import_text(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The public reports live beside the project, not in it.
fn public_dir() -> Option<PathBuf> {
    let dir = project("../shared/reports/public");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the public reports are read from ../shared, never copied in)",
            dir.display()
        );
        None
    }
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("nianbao runs")
}

fn notes_text(import: &Import) -> String {
    import
        .notes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seeds_import_to_the_example_drafts() {
    for (seed, name) in [
        ("2021-city-jinjiang.txt", "2021-jinjiang.ron"),
        ("2019-town-yonghe.txt", "2019-yonghe.ron"),
    ] {
        let import = import_file(&project("tests/fixtures/seeds").join(seed));
        let expected = example(name);
        assert_eq!(
            draft_file::to_ron(&import.draft),
            draft_file::to_ron(&expected),
            "{seed}"
        );
        assert_eq!(import.draft, expected, "{seed}");
    }
}

#[test]
fn the_jinjiang_shift_is_imported_as_published_and_checked() {
    let import = import_file(&project("tests/fixtures/seeds/2021-city-jinjiang.txt"));
    let d = &import.draft;
    let t3 = |row, col| {
        d.value(CellKey {
            table: TableId::T3,
            row,
            col,
        })
        .map(ToString::to_string)
    };
    assert_eq!(t3("other_3", "total").as_deref(), Some("291"));
    assert_eq!(t3("total", "total").as_deref(), Some("0"));
    let errors: Vec<RuleId> = check::check(d)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect();
    assert!(errors.contains(&RuleId::R2) && errors.contains(&RuleId::R3));
    let notes = notes_text(&import);
    assert!(
        notes.contains("县级市") && notes.contains("请核对"),
        "{notes}"
    );
}

#[test]
fn yonghe_notes_say_what_is_blank_and_what_was_completed() {
    let import = import_file(&project("tests/fixtures/seeds/2019-town-yonghe.txt"));
    let notes = notes_text(&import);
    assert!(
        notes.contains("「（一）予以公开」行「自然人」列"),
        "{notes}"
    );
    assert!(notes.contains("政府集中采购"), "{notes}");
    assert!(notes.contains("已补全为“晋江市永和镇人民政府”"), "{notes}");
    assert_eq!(import.notes[0].kind, NoteKind::Read);
}

#[test]
fn text_exports_of_the_examples_import_back() {
    for name in [
        "2021-jinjiang.ron",
        "2021-jinjiang-corrected.ron",
        "2019-yonghe.ron",
    ] {
        let draft = example(name);
        let text = export_text(&draft, ValueOptions::default());
        let back = import_text(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            draft_file::to_ron(&back.draft),
            draft_file::to_ron(&draft),
            "{name}"
        );
        assert_eq!(back.draft, draft, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// The public reports against their hand-checked fixtures.

/// One fixture: the format, the expected cells ("-" blank, "?" blank and reported as unreadable)
/// and the notes the import report must contain.
struct Fixture {
    format: FormatId,
    cells: Vec<(TableId, String, Vec<String>)>,
    notes: Vec<String>,
}

fn read_fixture(path: &Path) -> Fixture {
    let text = std::fs::read_to_string(path).expect("fixture reads");
    let mut fixture = Fixture {
        format: FormatId::F2021,
        cells: Vec::new(),
        notes: Vec::new(),
    };
    let mut table = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            ["format", f] => {
                fixture.format = match *f {
                    "2019" => FormatId::F2019,
                    _ => FormatId::F2021,
                }
            }
            ["note", ..] => fixture.notes.push(line["note".len()..].trim().to_string()),
            [t] => table = TableId::from_code(t),
            [row, values @ ..] => fixture.cells.push((
                table.expect("a table line comes first"),
                row.to_string(),
                values.iter().map(ToString::to_string).collect(),
            )),
        }
    }
    fixture
}

fn check_against_fixture(name: &str, import: &Import, fixture: &Fixture) {
    let d = &import.draft;
    assert_eq!(d.format, fixture.format, "{name}: format");
    let def = d.format.def();
    let notes = notes_text(import);
    let mut listed = BTreeSet::new();
    for (table, row, values) in &fixture.cells {
        let block = def
            .table(*table)
            .blocks
            .iter()
            .find(|b| b.row(row).is_some())
            .unwrap_or_else(|| panic!("{name}: no row {row} in {table:?}"));
        assert_eq!(
            block.columns.len(),
            values.len(),
            "{name}: {row} lists {} cells",
            values.len()
        );
        for (col, expected) in block.columns.iter().zip(values) {
            let key = def.cell(*table, row, col.id).map(|c| c.key()).unwrap();
            listed.insert(key);
            let got = d.value(key).map(ToString::to_string);
            match expected.as_str() {
                "-" => assert_eq!(got, None, "{name}: {row}/{} should be blank", col.id),
                "?" => {
                    assert_eq!(got, None, "{name}: {row}/{} should be blank", col.id);
                    let label = def.cell(*table, row, col.id).unwrap().row.display_label();
                    assert!(
                        import
                            .notes
                            .iter()
                            .any(|n| n.kind == NoteKind::Unreadable && n.message.contains(&label)),
                        "{name}: no note says {label} was unreadable:\n{notes}"
                    );
                }
                figure => assert_eq!(got.as_deref(), Some(figure), "{name}: {row}/{}", col.id),
            }
        }
    }
    // Every cell of tables 三 and 四 is listed.
    for table in [TableId::T3, TableId::T4] {
        for cell in def.table(table).cells() {
            assert!(
                listed.contains(&cell.key()),
                "{name}: fixture does not list {}",
                cell.describe()
            );
        }
    }
    for expected in &fixture.notes {
        assert!(
            notes.contains(expected.as_str()),
            "{name}: the import report should say “{expected}”:\n{notes}"
        );
    }
}

#[test]
fn public_reports_import_as_their_fixtures() {
    let Some(dir) = public_dir() else { return };
    let fixtures = project("tests/fixtures/public");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let stem = name.trim_end_matches(".txt");
        let fixture_path = fixtures.join(format!("{stem}.cells"));
        assert!(
            fixture_path.is_file(),
            "every public report needs a fixture: {}",
            fixture_path.display()
        );
        let import = import_file(&dir.join(&name));
        check_against_fixture(stem, &import, &read_fixture(&fixture_path));
    }
}

/// `nianbao import` then `nianbao check --json`: the errors found, as (rule, row/column).
fn checked_errors(report: &Path) -> BTreeSet<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.ron");
    let out = nianbao(&[
        "import",
        report.to_str().unwrap(),
        "-o",
        draft.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = nianbao(&["check", "--json", draft.to_str().unwrap()]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            let loc = &f["location"];
            let place = match (loc["row"].as_str(), loc["column"].as_str()) {
                (Some(r), Some(c)) => format!("{r}/{c}"),
                _ => loc["field"].as_str().unwrap_or("").to_string(),
            };
            (f["rule"].as_str().unwrap_or("").to_string(), place)
        })
        .collect()
}

#[test]
fn check_reports_the_known_violations_of_the_public_reports() {
    let Some(dir) = public_dir() else { return };
    let expected: &[(&str, &[(&str, &str)])] = &[
        (
            "2023-district-hongze.txt",
            &[
                ("R6", "cases/review_total"),
                ("R6", "cases/after_review_total"),
            ],
        ),
        ("2024-district-hongze.txt", &[]),
        ("2024-city-huaian.txt", &[]),
        ("2025-county-shuyang.txt", &[]),
        ("2024-dept-shanghai-kewei.txt", &[]),
        ("2025-province-shanghai-bgt.txt", &[]),
    ];
    for (name, errors) in expected {
        let want: BTreeSet<(String, String)> = errors
            .iter()
            .map(|(r, p)| (r.to_string(), p.to_string()))
            .collect();
        assert_eq!(checked_errors(&dir.join(name)), want, "{name}");
    }
}

#[test]
fn kewei_lost_total_stays_unstated_and_the_checker_computes_it() {
    let Some(dir) = public_dir() else { return };
    let import = import_file(&dir.join("2024-dept-shanghai-kewei.txt"));
    let key = CellKey {
        table: TableId::T3,
        row: "carry_forward",
        col: "total",
    };
    assert_eq!(import.draft.value(key), None);
    let cell = import.draft.format.def().cell_by_key(key).unwrap();
    assert_eq!(nianbao::totals::read(&import.draft, &cell), Some(1));
    // The renumbered layout: 五's heading is missing, its text follows table 四.
    assert!(import.draft.problems.starts_with("（一）主要问题"));
    assert!(import.draft.other_matters.contains("处理费"));
    let notes = notes_text(&import);
    assert!(notes.contains("未找到第五部分的标题"), "{notes}");
}

#[test]
fn levels_of_the_public_reports() {
    let Some(dir) = public_dir() else { return };
    use nianbao::draft::Level::*;
    for (name, level) in [
        ("2023-district-hongze.txt", County),
        ("2024-city-huaian.txt", Prefectural),
        ("2025-county-shuyang.txt", County),
        ("2024-dept-shanghai-kewei.txt", Department),
        ("2025-province-shanghai-bgt.txt", Department),
    ] {
        assert_eq!(import_file(&dir.join(name)).draft.level, level, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// The command and broken input.

#[test]
fn import_command_writes_the_draft_and_prints_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("永和镇.ron");
    let seed = project("tests/fixtures/seeds/2019-town-yonghe.txt");
    let out = nianbao(&[
        "import",
        seed.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("导入说明") && stderr.contains("【已读取】"),
        "{stderr}"
    );
    assert_eq!(
        draft_file::load(&out_path).unwrap(),
        example("2019-yonghe.ron")
    );

    for (content, message) in [
        (&b"\xff\xfe\x00\x01binary"[..], "不是 UTF-8"),
        (&b""[..], "空的"),
        (
            "一份会议纪要。\n会议决定了若干事项。".as_bytes(),
            "未能识别",
        ),
    ] {
        let input = dir.path().join("input.txt");
        std::fs::write(&input, content).unwrap();
        let out = nianbao(&[
            "import",
            input.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
    }

    // A 100 MB file is refused before it is read.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let out = nianbao(&[
        "import",
        big.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件过大"));

    let out = nianbao(&[
        "import",
        "/nonexistent/年报.txt",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不存在"));
}

#[test]
fn broken_input_gives_a_message_or_a_draft() {
    assert_eq!(import_text("").unwrap_err(), ImportError::Empty);
    assert!(matches!(
        import_bytes(b"\xff\xfe"),
        Err(ImportError::NotText)
    ));
    let huge = "一".repeat(nianbao::import::MAX_INPUT_BYTES / 3 + 1);
    assert!(matches!(
        import_text(&huge),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(matches!(
        import_text("2023年度政府工作报告\n一、过去一年的工作\n二、今年的任务"),
        Err(ImportError::NotAReport(_))
    ));
    for e in [
        ImportError::Empty,
        ImportError::NotText,
        ImportError::NoYear,
        ImportError::TooLarge { bytes: 1 << 30 },
        ImportError::NotAReport("x".into()),
    ] {
        assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }
    // Every prefix of a real report imports or gives a message.
    let seed =
        std::fs::read_to_string(project("tests/fixtures/seeds/2021-city-jinjiang.txt")).unwrap();
    let cuts: Vec<usize> = seed.char_indices().map(|(i, _)| i).step_by(97).collect();
    for cut in cuts {
        let _ = import_text(&seed[..cut]);
    }
}

#[test]
fn hostile_input_is_read_in_bounded_time() {
    let started = std::time::Instant::now();
    let limit = nianbao::import::MAX_INPUT_BYTES - 64;
    let head = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n三、收到和处理政府信息公开申请情况\n";
    let fill = |unit: &str| {
        let mut s = head.to_string();
        while s.len() + unit.len() < limit {
            s.push_str(unit);
        }
        s
    };
    for unit in [
        "0 0 0 0 0 0 0\n",
        "（",
        "1.属于国家秘密其他法律行政法规禁止公开 1\n",
        "一、总体情况\n",
        "a\t",
        "| 1 | 2 |",
    ] {
        let text = fill(unit);
        let _ = import_text(&text);
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

/// Found by `cargo fuzz run import`: a line naming a 报告 but no year was taken for the title while
/// the year came from a line above it; the export then named no year and did not import again.
#[test]
fn fuzz_regression_a_title_without_its_year() {
    let text = "洪泽区人民政府\n2023 年政府信息公开工作年度X告\n本报X由区人民政府办公室根据条例PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP编制\n国政府信息公开条例编制此报告。报19\n\
                三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21\n\
                四、政府信息公开行政复议、行政诉讼情况\n";
    let import = import_text(text).expect("imports");
    assert_eq!(import.draft.year, 2023);
    let exported = export_text(&import.draft, ValueOptions::default());
    let again = import_text(&exported).expect("the export imports again");
    assert_eq!(again.draft.year, 2023);
}
