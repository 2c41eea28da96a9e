//! The trend of the headline figures over the years: this year's draft and the earlier years'
//! reports linked to it or found next to it.

use std::collections::BTreeMap;
use std::path::Path;

use super::HEADLINE_REQUESTS;
use crate::draft::Draft;
use crate::format::{CellKey, TableId};
use crate::totals;

/// How many years back the folder is searched.
pub const YEARS_BACK: i32 = 10;

/// One headline figure over the years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub label: &'static str,
    pub cell: CellKey,
    /// Year and figure, oldest first; `None` where that year's report left it blank.
    pub points: Vec<(i32, Option<u64>)>,
}

/// The headline figures of several years.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Trend {
    /// The years shown, oldest first.
    pub years: Vec<i32>,
    pub series: Vec<Series>,
}

/// The headline figures tracked over the years: those of tables 三 and 四, which both formats
/// share (table 二's categories changed in 2021). Four, so that each line has its own colour of
/// the series.
pub fn headline_cells() -> Vec<(&'static str, CellKey)> {
    let mut cells: Vec<_> = (HEADLINE_REQUESTS.iter())
        .map(|(row, label)| {
            let key = CellKey {
                table: TableId::T3,
                row,
                col: "total",
            };
            (*label, key)
        })
        .collect();
    let review = CellKey {
        table: TableId::T4,
        row: "cases",
        col: "review_total",
    };
    cells.push(("行政复议", review));
    cells
}

/// The trend of the given reports (one per year; a later one of the same year wins).
pub fn trend<'a>(reports: impl IntoIterator<Item = &'a Draft>) -> Trend {
    let by_year: BTreeMap<i32, &Draft> = reports.into_iter().map(|d| (d.year, d)).collect();
    let series = (headline_cells().into_iter())
        .map(|(label, cell)| Series {
            label,
            cell,
            points: (by_year.iter())
                .map(|(year, d)| {
                    let def = d.format.def().cell_by_key(cell);
                    (*year, def.and_then(|c| totals::read(d, &c)))
                })
                .collect(),
        })
        .collect();
    Trend {
        years: by_year.keys().copied().collect(),
        series,
    }
}

/// Whether two body names are the same body (spacing aside).
fn same_body(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    !norm(a).is_empty() && norm(a) == norm(b)
}

/// The earlier years' reports of the same body: the last year's report linked to the draft,
/// and the `.ron` drafts in `folder` of the years before (up to [`YEARS_BACK`]). Files that do
/// not read are passed over: the trend is a help, not a check. One report a year; a file found
/// in the folder is preferred to the linked copy, which may be older.
pub fn earlier_years(draft: &Draft, folder: Option<&Path>) -> Vec<Draft> {
    let mut found: BTreeMap<i32, Draft> = BTreeMap::new();
    let wanted = |d: &Draft| {
        same_body(&d.body, &draft.body) && d.year < draft.year && d.year >= draft.year - YEARS_BACK
    };
    if let Some(entries) = folder.and_then(|f| std::fs::read_dir(f).ok()) {
        let mut paths: Vec<_> = (entries.flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(d) = crate::draft_file::load(&path)
                && wanted(&d)
            {
                found.entry(d.year).or_insert(d);
            }
        }
    }
    let linked = (draft.last_year.as_ref()).and_then(|l| l.report.as_deref());
    if let Some(last) = linked.filter(|d| wanted(d)) {
        found.entry(last.year).or_insert_with(|| last.clone());
    }
    found.into_values().collect()
}
