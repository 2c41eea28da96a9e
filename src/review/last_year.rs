//! Last year's reports, matched to this year's units by body name, for R8 and R9.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::read;
use super::roster::name_key;
use crate::draft::Draft;
use crate::years;

/// One of last year's reports that could be read.
#[derive(Clone, Debug)]
pub struct LastReport {
    pub path: PathBuf,
    pub source: String,
    pub draft: Draft,
}

/// Reads one of last year's files; `None` when it cannot be read (it is no unit of this year's
/// board, and the unit that would have matched it says 未找到).
pub fn read_last(path: &Path, source: &str) -> Option<LastReport> {
    let (draft, _, _) = read::read_unit(path).ok()?;
    Some(LastReport {
        path: path.to_path_buf(),
        source: source.to_string(),
        draft,
    })
}

/// Last year's reports, found by (body name, year) without a scan per unit (a province's board
/// matches thousands of units).
#[derive(Clone, Debug, Default)]
pub struct LastYearIndex {
    pub reports: Vec<LastReport>,
    by_name: HashMap<(String, i32), Vec<usize>>,
}

impl LastYearIndex {
    pub fn new(reports: Vec<LastReport>) -> LastYearIndex {
        let mut by_name: HashMap<(String, i32), Vec<usize>> = HashMap::new();
        for (i, r) in reports.iter().enumerate() {
            by_name
                .entry((name_key(&r.draft.body), r.draft.year))
                .or_default()
                .push(i);
        }
        LastYearIndex { reports, by_name }
    }

    fn find(&self, body: &str, year: i32) -> Vec<&LastReport> {
        self.by_name
            .get(&(name_key(body), year))
            .map(|ids| ids.iter().map(|&i| &self.reports[i]).collect())
            .unwrap_or_default()
    }
}

/// What became of the search for a unit's report of last year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LastMatch {
    /// No last year's reports were given; R8 and R9 use what the draft holds, if anything.
    NotGiven,
    /// Matched: the file whose figures were used.
    Found(String),
    /// None of last year's reports has this body's name (for the year before).
    Missing,
    /// Several have: their files. The draft's own figures (if any) were used.
    Ambiguous(Vec<String>),
}

impl LastMatch {
    /// What the board says, in Chinese.
    pub fn text(&self) -> String {
        match self {
            LastMatch::NotGiven => "未提供上年报告".to_string(),
            LastMatch::Found(source) => format!("已核对（{source}）"),
            LastMatch::Missing => "未找到同名单位的上年报告，未做跨年度核对".to_string(),
            LastMatch::Ambiguous(sources) => format!(
                "上年报告中有 {} 份同名（{}），无法确定，未按上年报告核对",
                sources.len(),
                sources.join("、")
            ),
        }
    }
}

/// The unit's draft with last year's figures of its match (replacing what the draft carried),
/// and how the match went. A draft that carries its own figures keeps them when no match is found.
pub fn attach(mut draft: Draft, lasts: &LastYearIndex, given: bool) -> (Draft, LastMatch) {
    if !given {
        return (draft, LastMatch::NotGiven);
    }
    let matches = lasts.find(&draft.body, draft.year - 1);
    match matches.as_slice() {
        [] => (draft, LastMatch::Missing),
        [one] => match years::last_year_from(&one.draft, &draft) {
            Ok(carried) => {
                draft.last_year = Some(carried.last_year);
                (draft, LastMatch::Found(one.source.clone()))
            }
            Err(_) => (draft, LastMatch::Missing),
        },
        many => {
            let sources = many.iter().map(|l| l.source.clone()).collect();
            (draft, LastMatch::Ambiguous(sources))
        }
    }
}
