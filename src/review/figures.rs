//! The key figures of one unit's report and the two ratios supervisors rate units by.

use serde::Serialize;

use crate::draft::Draft;
use crate::format::TableId;
use crate::narrative::numbers::format_percent;
use crate::totals;

/// Under this many cases a ratio says nothing about a unit and is not rated.
pub const MIN_CASES: u64 = 30;

/// The figures the board shows for a unit, as the checker reads them (a total as stated, or
/// computed from its parts where nothing was stated). `None` is a blank cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KeyFigures {
    /// 本年新收 (表三 一、总计)
    pub new: Option<u64>,
    /// 上年结转 (表三 二、总计)
    pub carried: Option<u64>,
    /// 办结 = 表三（七）总计
    pub closed: Option<u64>,
    /// 结转下年度 (表三 四、总计)
    pub carry_forward: Option<u64>,
    /// 行政复议 总计
    pub review_total: Option<u64>,
    /// 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)
    pub litigation_total: Option<u64>,
    /// 予以公开 + 部分公开 (总计列)
    pub disclosed: Option<u64>,
    /// 行政复议 结果纠正, 尚未审结
    pub review_corrected: Option<u64>,
    pub review_pending: Option<u64>,
    /// 行政诉讼 结果纠正, 尚未审结 (both blocks)
    pub litigation_corrected: Option<u64>,
    pub litigation_pending: Option<u64>,
}

fn cell(draft: &Draft, table: TableId, row: &str, col: &str) -> Option<u64> {
    let def = draft.format.def().cell(table, row, col)?;
    totals::read(draft, &def)
}

/// Adds figures; blank only when every one is blank.
fn sum(values: &[Option<u64>]) -> Option<u64> {
    values.iter().fold(None, |acc, v| match (acc, v) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    })
}

impl KeyFigures {
    pub fn of(draft: &Draft) -> KeyFigures {
        let t3 = |row| cell(draft, TableId::T3, row, "total");
        let t4 = |col| cell(draft, TableId::T4, "cases", col);
        KeyFigures {
            new: t3("new"),
            carried: t3("carried"),
            closed: t3("total"),
            carry_forward: t3("carry_forward"),
            review_total: t4("review_total"),
            litigation_total: sum(&[t4("direct_total"), t4("after_review_total")]),
            disclosed: sum(&[t3("granted"), t3("partial")]),
            review_corrected: t4("review_corrected"),
            review_pending: t4("review_pending"),
            litigation_corrected: sum(&[t4("direct_corrected"), t4("after_review_corrected")]),
            litigation_pending: sum(&[t4("direct_pending"), t4("after_review_pending")]),
        }
    }

    /// 实质性公开率 = (予以公开 + 部分公开) / 办结.
    pub fn disclosure_rate(&self) -> Ratio {
        Ratio::of(self.disclosed.unwrap_or(0), self.closed.unwrap_or(0))
    }

    /// 复议纠错率 = 结果纠正 / (总计 − 尚未审结).
    pub fn review_correction_rate(&self) -> Ratio {
        let decided =
            (self.review_total.unwrap_or(0)).saturating_sub(self.review_pending.unwrap_or(0));
        Ratio::of(self.review_corrected.unwrap_or(0), decided)
    }

    /// 诉讼纠错率 = 结果纠正 / (总计 − 尚未审结).
    pub fn litigation_correction_rate(&self) -> Ratio {
        let decided = (self.litigation_total.unwrap_or(0))
            .saturating_sub(self.litigation_pending.unwrap_or(0));
        Ratio::of(self.litigation_corrected.unwrap_or(0), decided)
    }
}

/// A ratio as the board shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ratio {
    /// part / whole, whole at least [`MIN_CASES`].
    Rated { part: u64, whole: u64 },
    /// Too few cases to rate: the denominator.
    TooFew { whole: u64 },
}

impl Ratio {
    pub fn of(part: u64, whole: u64) -> Ratio {
        if whole < MIN_CASES {
            Ratio::TooFew { whole }
        } else {
            Ratio::Rated { part, whole }
        }
    }

    /// The share as a number between 0 and 1, for a spreadsheet and for sorting.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Ratio::Rated { part, whole } => Some(part as f64 / whole as f64),
            Ratio::TooFew { .. } => None,
        }
    }

    /// "85.71%", or "不足30件，不评".
    pub fn text(&self) -> String {
        match *self {
            Ratio::Rated { part, whole } => format_percent(part, whole),
            Ratio::TooFew { .. } => format!("不足{MIN_CASES}件，不评"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_under_thirty_are_not_rated() {
        assert_eq!(Ratio::of(3, 29).text(), "不足30件，不评");
        assert_eq!(Ratio::of(0, 0).text(), "不足30件，不评");
        assert_eq!(Ratio::of(15, 30).text(), "50%");
        assert_eq!(Ratio::of(15, 30).value(), Some(0.5));
    }

    #[test]
    fn correction_rate_leaves_out_pending_cases() {
        let f = KeyFigures {
            review_total: Some(40),
            review_pending: Some(5),
            review_corrected: Some(7),
            ..KeyFigures::default()
        };
        assert_eq!(
            f.review_correction_rate(),
            Ratio::Rated { part: 7, whole: 35 }
        );
    }
}
