//! The board's order: names in natural order (第2镇 before 第10镇), and sorting and filtering by
//! any column.

use std::cmp::Ordering;

use super::{Board, Row};
pub use crate::collate::natural_cmp;

/// A column of the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Unit,
    File,
    Level,
    Year,
    Format,
    Errors,
    Warnings,
    LastYear,
    Deadline,
    New,
    Carried,
    Closed,
    CarryForward,
    ReviewCases,
    LitigationCases,
    DisclosureRate,
    ReviewCorrection,
    LitigationCorrection,
}

/// A cell's value for sorting: numbers before text, blank last.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
enum Key {
    Number(f64),
    Text(String),
    Blank,
}

impl Column {
    pub const ALL: [Column; 18] = [
        Column::Unit,
        Column::File,
        Column::Level,
        Column::Year,
        Column::Format,
        Column::Errors,
        Column::Warnings,
        Column::LastYear,
        Column::Deadline,
        Column::New,
        Column::Carried,
        Column::Closed,
        Column::CarryForward,
        Column::ReviewCases,
        Column::LitigationCases,
        Column::DisclosureRate,
        Column::ReviewCorrection,
        Column::LitigationCorrection,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Unit => "单位",
            Column::File => "文件",
            Column::Level => "机关层级",
            Column::Year => "报告年度",
            Column::Format => "表格格式",
            Column::Errors => "错误",
            Column::Warnings => "提示",
            Column::LastYear => "跨年度核对",
            Column::Deadline => "发布时限",
            Column::New => "本年新收",
            Column::Carried => "上年结转",
            Column::Closed => "办结",
            Column::CarryForward => "结转下年度",
            Column::ReviewCases => "行政复议",
            Column::LitigationCases => "行政诉讼",
            Column::DisclosureRate => "实质性公开率",
            Column::ReviewCorrection => "复议纠错率",
            Column::LitigationCorrection => "诉讼纠错率",
        }
    }

    /// The row's cell as the board prints it; blank for a file that could not be read (its
    /// reason is in the 单位 column's row).
    pub fn text(self, row: &Row) -> String {
        let Some(u) = row.report() else {
            return match self {
                Column::Unit => row.name().to_string(),
                Column::File => row.source.clone(),
                _ => String::new(),
            };
        };
        let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        let f = &u.figures;
        match self {
            Column::Unit => row.name().to_string(),
            Column::File => row.source.clone(),
            Column::Level => u.draft.level.label().to_string(),
            Column::Year => u.draft.year.to_string(),
            Column::Format => u.draft.format.name().to_string(),
            Column::Errors => u.tally().0.to_string(),
            Column::Warnings => u.tally().1.to_string(),
            Column::LastYear => u.last_year.text(),
            Column::Deadline => match (&u.deadline.deadline, u.deadline.planned) {
                (Some((d, _)), Some(p)) => format!(
                    "{}（时限{}，计划{}）",
                    u.deadline.verdict(),
                    d.chinese(),
                    p.chinese()
                ),
                (Some((d, _)), None) => format!("{}（时限{}）", u.deadline.verdict(), d.chinese()),
                (None, _) => u.deadline.verdict().to_string(),
            },
            Column::New => n(f.new),
            Column::Carried => n(f.carried),
            Column::Closed => n(f.closed),
            Column::CarryForward => n(f.carry_forward),
            Column::ReviewCases => n(f.review_total),
            Column::LitigationCases => n(f.litigation_total),
            Column::DisclosureRate => f.disclosure_rate().text(),
            Column::ReviewCorrection => f.review_correction_rate().text(),
            Column::LitigationCorrection => f.litigation_correction_rate().text(),
        }
    }

    fn key(self, row: &Row) -> Key {
        let Some(u) = row.report() else {
            return match self {
                Column::Unit | Column::File => Key::Text(self.text(row)),
                // A file that could not be read has the most serious problem.
                Column::Errors => Key::Number(f64::INFINITY),
                _ => Key::Blank,
            };
        };
        let num = |v: Option<u64>| v.map_or(Key::Blank, |v| Key::Number(v as f64));
        let ratio = |r: super::Ratio| r.value().map_or(Key::Blank, Key::Number);
        let f = &u.figures;
        match self {
            Column::Year => Key::Number(f64::from(u.draft.year)),
            Column::Errors => Key::Number(u.tally().0 as f64),
            Column::Warnings => Key::Number(u.tally().1 as f64),
            Column::New => num(f.new),
            Column::Carried => num(f.carried),
            Column::Closed => num(f.closed),
            Column::CarryForward => num(f.carry_forward),
            Column::ReviewCases => num(f.review_total),
            Column::LitigationCases => num(f.litigation_total),
            Column::DisclosureRate => ratio(f.disclosure_rate()),
            Column::ReviewCorrection => ratio(f.review_correction_rate()),
            Column::LitigationCorrection => ratio(f.litigation_correction_rate()),
            _ => Key::Text(self.text(row)),
        }
    }

    /// Compares two rows by this column; ties in natural order of the unit names.
    pub fn compare(self, a: &Row, b: &Row) -> Ordering {
        let by_key = match (self.key(a), self.key(b)) {
            (Key::Text(x), Key::Text(y)) => natural_cmp(&x, &y),
            (x, y) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        };
        by_key.then_with(|| natural_cmp(a.name(), b.name()))
    }
}

/// Which rows the board shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Units with an error, or files that could not be read.
    WithErrors,
    /// Units with any finding (error or warning), or files that could not be read.
    WithFindings,
    /// Units without errors: those a 汇总 may take.
    Clean,
    Unreadable,
    /// Rows whose text in the column holds the words.
    Contains(Column, String),
}

impl Filter {
    pub fn keeps(&self, row: &Row) -> bool {
        match self {
            Filter::All => true,
            Filter::WithErrors => row.has_errors(),
            Filter::WithFindings => row.report().is_none_or(|u| !u.findings.is_empty()),
            Filter::Clean => !row.has_errors(),
            Filter::Unreadable => row.unit.is_err(),
            Filter::Contains(col, words) => col.text(row).contains(words.trim()),
        }
    }
}

impl Board {
    /// The indices of the rows the filter keeps, sorted by the column (descending when asked).
    /// The board's own order is left as it is, so that a window keeps its selection by index.
    pub fn view(&self, filter: &Filter, sort: Option<(Column, bool)>) -> Vec<usize> {
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| filter.keeps(&self.rows[i]))
            .collect();
        if let Some((column, descending)) = sort {
            shown.sort_by(|&a, &b| {
                let o = column.compare(&self.rows[a], &self.rows[b]);
                if descending { o.reverse() } else { o }
            });
        }
        shown
    }
}
