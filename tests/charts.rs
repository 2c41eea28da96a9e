//! 图解: the SVG read back figure by figure against the draft, hostile text, the PNG against
//! committed golden images, the series' luminance, and the trend over years.

mod common;

use std::path::PathBuf;

use nianbao::chart::{self, BLANK, INFO_FEE_ID, png, svg, trend};
use nianbao::draft::{Draft, Level};
use nianbao::format::{CellKind, TableId};
use nianbao::totals;
use nianbao::value::Value;
use resvg::tiny_skia::Pixmap;

use common::{EXAMPLES, example, root};

/// The figure a cell holds as the tables show it, formatted here independently of the chart.
fn expected_of_cell(draft: &Draft, id: &str) -> Option<Value> {
    let cell = draft
        .format
        .def()
        .cell_by_id(id)
        .unwrap_or_else(|| panic!("no cell {id}"));
    match cell.kind() {
        CellKind::Entered(_) => draft.value(cell.key()).cloned(),
        CellKind::Total => totals::read(draft, &cell).map(Value::Count),
    }
}

fn printed(v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Signed(n) if *n > 0 => format!("+{n}"),
        Value::Signed(n) => n.to_string(),
        Value::Amount(d) => d.to_string(),
        Value::Money(d, unit) => format!("{d}{}", unit.map(|u| u.label()).unwrap_or("")),
    }
}

/// What a `data-cell` should say: one cell's figure, a sum of cells ("a+b"), or the fee.
fn expected(draft: &Draft, source: &str) -> String {
    if source == INFO_FEE_ID {
        return draft
            .info_fee
            .map(|d| d.to_string())
            .unwrap_or(BLANK.into());
    }
    let parts: Vec<Option<Value>> = source
        .split('+')
        .map(|id| expected_of_cell(draft, id))
        .collect();
    match parts.as_slice() {
        [one] => one.as_ref().map(printed).unwrap_or(BLANK.into()),
        many if many.iter().all(Option::is_none) => BLANK.into(),
        many => {
            let sum: u64 = many
                .iter()
                .flatten()
                .map(|v| v.as_count().expect("a count"))
                .sum();
            sum.to_string()
        }
    }
}

/// Every (data-cell, text) of an SVG page.
fn figures_of(svg_text: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg_text).expect("a well-formed page");
    doc.descendants()
        .filter_map(|n| {
            let cell = n.attribute("data-cell")?;
            assert_eq!(n.tag_name().name(), "text", "a figure is text");
            Some((cell.to_string(), n.text().unwrap_or("").to_string()))
        })
        .collect()
}

#[test]
fn every_figure_of_every_example_names_its_cell_and_says_what_the_draft_holds() {
    for name in EXAMPLES {
        let draft = example(name);
        let chart = chart::chart(&draft);
        let page = svg::render(&chart);
        let figures = figures_of(&page);
        assert_eq!(figures.len(), chart.figures().count(), "{name}");
        for (cell, text) in &figures {
            assert_eq!(text, &expected(&draft, cell), "{name}: {cell}");
        }
        // The headline figures and every entered figure of table 二 are on the page.
        let named: Vec<&str> = figures.iter().map(|(c, _)| c.as_str()).collect();
        for row in ["new", "total", "carry_forward"] {
            let id = format!("table3.{row}.total");
            assert!(named.contains(&id.as_str()), "{name}: {id}");
        }
        for cell in draft.format.def().table(TableId::T2).cells() {
            assert!(
                named.contains(&cell.key().id().as_str()),
                "{name}: {}",
                cell.key().id()
            );
        }
        let fee = named.contains(&INFO_FEE_ID);
        assert_eq!(
            fee,
            draft.format == nianbao::format::FormatId::F2021,
            "{name}"
        );
        // The page names the embedded font and the body and year in its title.
        let doc = roxmltree::Document::parse(&page).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("750"));
        assert!(
            root.attribute("font-family")
                .unwrap()
                .contains(chart::FONT_FAMILY)
        );
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        let title = title.text().unwrap();
        assert!(title.contains(draft.body.trim()) && title.contains(&draft.year.to_string()));
    }
}

#[test]
fn a_blank_draft_is_drawn_blank_never_as_zero() {
    for year in [2020, 2025] {
        let draft = Draft::new("某局", Level::Department, year);
        let figures = figures_of(&svg::render(&chart::chart(&draft)));
        assert!(!figures.is_empty());
        for (cell, text) in figures {
            assert_eq!(text, BLANK, "{year} {cell}");
        }
    }
}

#[test]
fn typed_figures_reach_the_page_and_zero_stays_zero() {
    let mut draft = Draft::new("某局", Level::Department, 2025);
    let def = draft.format.def();
    let natural = def.cell(TableId::T3, "new", "natural").unwrap().key();
    let legal = def.cell(TableId::T3, "new", "legal").unwrap().key();
    draft.cells.insert(natural, Value::Count(17));
    draft.cells.insert(legal, Value::Count(0));
    let figures = figures_of(&svg::render(&chart::chart(&draft)));
    let text_of = |id: &str| {
        figures
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, t)| t.clone())
    };
    assert_eq!(text_of("table3.new.natural").as_deref(), Some("17"));
    assert_eq!(text_of("table3.new.legal").as_deref(), Some("0"));
    assert_eq!(text_of("table3.new.total").as_deref(), Some("17"));
    // 法人或其他组织: one of its kinds is 0, the others blank: the sum is 0, not blank.
    let orgs = figures.iter().find(|(c, _)| c.contains('+')).unwrap();
    assert_eq!(orgs.1, "0");
}

#[test]
fn a_hostile_body_name_leaves_the_page_well_formed_and_inert() {
    let hostile = "<script>alert(\"x\")</script> & ]]> \"' <![CDATA[ </svg> \u{1}";
    let mut draft = example("2021-jinjiang.ron");
    common::fill_with_hostile_text(&mut draft, hostile);
    let page = svg::render(&chart::chart(&draft));
    let doc = roxmltree::Document::parse(&page).expect("well-formed");
    let names: Vec<&str> = doc.descendants().map(|n| n.tag_name().name()).collect();
    for tag in ["script", "foreignObject", "a", "iframe"] {
        assert!(!names.contains(&tag), "{tag} in the page");
    }
    assert!(
        doc.descendants()
            .all(|n| !n.has_tag_name("svg") || n == doc.root_element())
    );
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event handler {}", a.name());
        }
    }
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    let visible_title = hostile.replace('\u{1}', "");
    assert!(
        title.text().unwrap().contains(visible_title.trim()),
        "the name is kept as text"
    );
    let options = resvg::usvg::Options::default();
    resvg::usvg::Tree::from_str(&page, &options).expect("resvg reads the page too");
}

/// The relative luminance of "#rrggbb" (WCAG).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[test]
fn neighbouring_series_differ_in_luminance_by_a_fifth_at_least() {
    let n = svg::SERIES.len();
    for i in 0..n {
        let (a, b) = (svg::SERIES[i], svg::SERIES[(i + 1) % n]);
        let diff = (luminance(a) - luminance(b)).abs();
        assert!(diff >= 0.20, "{a} and {b}: {diff:.3}");
    }
    // Every colour the page fills segments with is one of the series.
    let page = svg::render(&chart::chart(&example("2019-yonghe.ron")));
    assert!(svg::SERIES.iter().all(|c| page.contains(c)));
}

/// The golden of an example: the PNG reduced four times in each direction (a small file that
/// still shows a moved label or bar).
fn golden_path(name: &str) -> PathBuf {
    root()
        .join("tests/golden")
        .join(name.replace(".ron", ".png"))
}

fn reduce(pixmap: &Pixmap, by: u32) -> Pixmap {
    let (w, h) = (pixmap.width() / by, pixmap.height() / by);
    let mut out = Pixmap::new(w, h).unwrap();
    let src = pixmap.data();
    let stride = pixmap.width() as usize * 4;
    let data = out.data_mut();
    for y in 0..h as usize {
        for x in 0..w as usize {
            for c in 0..4 {
                let mut sum = 0u32;
                for dy in 0..by as usize {
                    for dx in 0..by as usize {
                        sum += src[(y * by as usize + dy) * stride + (x * by as usize + dx) * 4 + c]
                            as u32;
                    }
                }
                data[(y * w as usize + x) * 4 + c] = (sum / (by * by)) as u8;
            }
        }
    }
    out
}

#[test]
fn each_examples_png_matches_its_golden_image() {
    let update = std::env::var_os("NIANBAO_UPDATE_GOLDEN").is_some();
    // Encoding a tall PNG is slow in a test build: the examples are drawn side by side.
    let rendered: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (EXAMPLES.iter())
            .map(|name| s.spawn(|| png::render(&chart::chart(&example(name))).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (name, bytes) in EXAMPLES.into_iter().zip(rendered) {
        let full = Pixmap::decode_png(&bytes).unwrap();
        assert_eq!(full.width() as f32, svg::WIDTH * png::SCALE, "{name}: 2×");
        let small = reduce(&full, 4);
        let path = golden_path(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, small.encode_png().unwrap()).unwrap();
            continue;
        }
        let golden = Pixmap::load_png(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (NIANBAO_UPDATE_GOLDEN=1 writes it)",
                path.display()
            )
        });
        assert_eq!(
            (golden.width(), golden.height()),
            (small.width(), small.height()),
            "{name}"
        );
        // Band by band (16 rows), so that a moved label is not lost in a tall page's average;
        // a little anti-aliasing may differ between builds of the renderer.
        let row = golden.width() as usize * 4;
        let bands = golden
            .data()
            .chunks(row * 16)
            .zip(small.data().chunks(row * 16));
        for (i, (a, b)) in bands.enumerate() {
            let diff: u64 = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as u64).sum();
            let mean = diff as f64 / a.len() as f64;
            assert!(
                mean < 2.0,
                "{name}: rows {} to {}: mean {mean:.3}",
                i * 16,
                i * 16 + 15
            );
        }
    }
}

#[test]
fn the_command_line_writes_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let draft = root().join("assets/examples/2019-yonghe.ron");
    for format in ["svg", "png"] {
        let out = dir.path().join(format!("图解.{format}"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["export", draft.to_str().unwrap(), "--format", format, "-o"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{format}");
        let bytes = std::fs::read(&out).unwrap();
        match format {
            "svg" => {
                let page = String::from_utf8(bytes).unwrap();
                assert_eq!(
                    page,
                    svg::render(&chart::chart(&example("2019-yonghe.ron")))
                );
            }
            _ => assert!(Pixmap::decode_png(&bytes).is_ok()),
        }
    }
}

#[test]
fn the_trend_of_three_consecutive_years_has_three_points() {
    let dir = tempfile::tempdir().unwrap();
    let paths = common::three_years(dir.path());
    // Another body's report and a broken file in the folder are passed over.
    let mut other = example("2021-jinjiang-corrected.ron");
    other.body = "另一个机关".into();
    other.year += 1;
    nianbao::draft_file::save(&other, &dir.path().join("other.ron")).unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(").unwrap();
    let this = nianbao::draft_file::load(paths.last().unwrap()).unwrap();
    let earlier = trend::earlier_years(&this, Some(dir.path()));
    assert_eq!(earlier.len(), 2);
    let t = trend::trend(earlier.iter().chain([&this]));
    assert_eq!(t.years, vec![this.year - 2, this.year - 1, this.year]);
    for s in &t.series {
        assert_eq!(s.points.len(), 3, "{}", s.label);
        for (year, value) in &s.points {
            let report = earlier
                .iter()
                .chain([&this])
                .find(|d| d.year == *year)
                .unwrap();
            let cell = report.format.def().cell_by_key(s.cell).unwrap();
            assert_eq!(*value, totals::read(report, &cell), "{} {year}", s.label);
        }
    }
}

#[test]
fn with_last_years_report_linked_the_headline_figures_say_their_change() {
    let last = example("2021-jinjiang-corrected.ron");
    let mut this = nianbao::years::next_year(&last).unwrap().draft;
    let def = this.format.def();
    for (col, n) in [("natural", 300), ("commercial", 4)] {
        let key = def.cell(TableId::T3, "new", col).unwrap().key();
        this.cells.insert(key, Value::Count(n));
    }
    let chart = chart::chart(&this);
    assert_eq!(chart.last_year, Some(last.year));
    let comparison = nianbao::compare::compare(&last, &this);
    let new_total = def.cell(TableId::T3, "new", "total").unwrap().key();
    let row = comparison
        .rows
        .iter()
        .find(|r| r.key == Some(new_total))
        .unwrap();
    let figure = chart
        .figures()
        .find(|f| f.source == chart::Source::Cell(new_total) && f.change.is_some())
        .expect("本年新收 with its change");
    let change = figure.change.as_deref().unwrap();
    assert!(change.contains(&row.change_text()) && change.contains(&row.percent_text()));
    let page = svg::render(&chart);
    assert!(page.contains(&svg::escape(change)));
    assert!(page.contains(&format!("与{}年度报告对比", last.year)));
}
