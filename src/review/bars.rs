//! The board's chart across units: one bar per unit shown, of a headline figure or a ratio, as
//! data. The figures and ratios are the board's own ([`KeyFigures`], [`Ratio`]), so the chart
//! never says anything the table does not. A unit without a value is kept, with the reason
//! (未填写, 无法读取, 不足30件，不评) instead of a bar, so that nobody reads a gap as a 0.

use super::{Board, Column, KeyFigures, Ratio, Row};
use crate::chart::BLANK;

/// The columns the chart can show: the headline figures, then the ratios.
pub const MEASURES: [Column; 9] = [
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

/// Why a unit has no bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Absent {
    /// The figure (or the ratio's denominator) was left blank.
    Blank,
    /// The file could not be read.
    Unreadable,
    /// The ratio's denominator is under [`super::MIN_CASES`]: not rated.
    TooFew,
    /// Not a column the chart shows.
    NotCharted,
}

impl Absent {
    pub fn text(self) -> String {
        match self {
            Absent::Blank => BLANK.to_string(),
            Absent::Unreadable => "无法读取".to_string(),
            Absent::TooFew => Ratio::TooFew { whole: 0 }.text(),
            Absent::NotCharted => String::new(),
        }
    }
}

/// One unit's value in the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BarValue {
    Count(u64),
    /// A rated ratio (its denominator at least 30).
    Share(Ratio),
    Absent(Absent),
}

impl BarValue {
    /// The unit's value of a chartable column.
    pub fn of(row: &Row, column: Column) -> BarValue {
        let Some(u) = row.report() else {
            return BarValue::Absent(Absent::Unreadable);
        };
        let f: &KeyFigures = &u.figures;
        let count = |v: Option<u64>| v.map_or(BarValue::Absent(Absent::Blank), BarValue::Count);
        // A ratio whose denominator was left blank is 未填写, not 不足30件.
        let share = |whole: Option<u64>, ratio: Ratio| match (whole, ratio) {
            (None, _) => BarValue::Absent(Absent::Blank),
            (Some(_), Ratio::TooFew { .. }) => BarValue::Absent(Absent::TooFew),
            (Some(_), rated) => BarValue::Share(rated),
        };
        match column {
            Column::New => count(f.new),
            Column::Carried => count(f.carried),
            Column::Closed => count(f.closed),
            Column::CarryForward => count(f.carry_forward),
            Column::ReviewCases => count(f.review_total),
            Column::LitigationCases => count(f.litigation_total),
            Column::DisclosureRate => share(f.closed, f.disclosure_rate()),
            Column::ReviewCorrection => share(f.review_total, f.review_correction_rate()),
            Column::LitigationCorrection => {
                share(f.litigation_total, f.litigation_correction_rate())
            }
            _ => BarValue::Absent(Absent::NotCharted),
        }
    }

    /// The number the bar's length stands for: a count, or a share between 0 and 1.
    pub fn number(&self) -> Option<f64> {
        match self {
            BarValue::Count(n) => Some(*n as f64),
            BarValue::Share(r) => r.value(),
            BarValue::Absent(_) => None,
        }
    }

    /// "291 件", "85.71%", or why there is no bar.
    pub fn text(&self) -> String {
        match self {
            BarValue::Count(n) => format!("{n} 件"),
            BarValue::Share(r) => r.text(),
            BarValue::Absent(a) => a.text(),
        }
    }
}

/// One bar: a row of the board and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar<'a> {
    /// The row's index in [`Board::rows`], which selects it.
    pub row: usize,
    pub name: &'a str,
    pub value: BarValue,
}

impl Bar<'_> {
    /// "第2镇：291 件": how the bar reads aloud and on hover.
    pub fn label(&self) -> String {
        format!("{}：{}", self.name, self.value.text())
    }

    /// The bar's length as a fraction of the chart's width, given the chart's scale.
    pub fn fraction(&self, scale: f64) -> Option<f64> {
        let v = self.value.number()?;
        Some(if scale > 0.0 {
            (v / scale).clamp(0.0, 1.0)
        } else {
            0.0
        })
    }
}

/// The chart of one column across the units shown, in the order shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars<'a> {
    pub column: Column,
    pub bars: Vec<Bar<'a>>,
    /// What a full-width bar stands for: the largest count, or 1 (100%) for a ratio.
    pub scale: f64,
}

impl<'a> Bars<'a> {
    /// The bars of `column` for the rows `shown` (indices into the board's rows, in order).
    pub fn of(board: &'a Board, shown: &[usize], column: Column) -> Bars<'a> {
        let bars: Vec<Bar<'a>> = (shown.iter())
            .filter_map(|&i| {
                let row = board.rows.get(i)?;
                Some(Bar {
                    row: i,
                    name: row.name(),
                    value: BarValue::of(row, column),
                })
            })
            .collect();
        let scale = if is_ratio(column) {
            1.0
        } else {
            (bars.iter().filter_map(|b| b.value.number())).fold(0.0, f64::max)
        };
        Bars {
            column,
            bars,
            scale,
        }
    }

    /// "本年新收（件）" or "实质性公开率（%）".
    pub fn title(&self) -> String {
        let unit = if is_ratio(self.column) { "%" } else { "件" };
        format!("{}（{unit}）", self.column.label())
    }
}

/// Whether a column is one of the ratios.
pub fn is_ratio(column: Column) -> bool {
    matches!(
        column,
        Column::DisclosureRate | Column::ReviewCorrection | Column::LitigationCorrection
    )
}

#[cfg(test)]
mod tests {
    use super::super::{DeadlineStatus, LastMatch, Origin, UnitReport};
    use super::*;
    use crate::draft::Draft;
    use crate::draft::Level;
    use std::path::PathBuf;

    fn row(name: &str, figures: Option<KeyFigures>) -> Row {
        let unit = figures
            .map(|figures| {
                let draft = Draft::new(name.to_string(), Level::Township, 2021);
                Box::new(UnitReport {
                    deadline: DeadlineStatus {
                        deadline: None,
                        planned: None,
                    },
                    draft,
                    origin: Origin::Draft,
                    notes: Vec::new(),
                    findings: Vec::new(),
                    figures,
                    last_year: LastMatch::NotGiven,
                    peers: 0,
                })
            })
            .ok_or_else(|| "不是草稿".to_string());
        Row {
            path: PathBuf::from(format!("{name}.ron")),
            source: format!("{name}.ron"),
            unit,
        }
    }

    fn board() -> Board {
        let full = KeyFigures {
            new: Some(120),
            closed: Some(100),
            disclosed: Some(80),
            review_total: Some(10),
            review_corrected: Some(1),
            ..KeyFigures::default()
        };
        let small = KeyFigures {
            new: Some(40),
            closed: Some(29),
            disclosed: Some(29),
            ..KeyFigures::default()
        };
        Board {
            rows: vec![
                row("甲镇", Some(full)),
                row("乙镇", Some(small)),
                row("丙镇", Some(KeyFigures::default())),
                row("破损", None),
            ],
            ..Board::default()
        }
    }

    #[test]
    fn counts_keep_the_order_shown_and_blank_is_not_zero() {
        let b = board();
        let bars = Bars::of(&b, &[1, 0, 2, 3], Column::New);
        let labels: Vec<String> = bars.bars.iter().map(Bar::label).collect();
        assert_eq!(
            labels,
            [
                "乙镇：40 件",
                "甲镇：120 件",
                "丙镇：未填写",
                "破损.ron：无法读取"
            ]
        );
        assert_eq!(bars.scale, 120.0);
        assert_eq!(bars.bars[0].fraction(bars.scale), Some(40.0 / 120.0));
        assert_eq!(bars.bars[2].fraction(bars.scale), None);
        assert_eq!(bars.title(), "本年新收（件）");
    }

    #[test]
    fn ratios_are_the_boards_and_under_thirty_are_not_drawn() {
        let b = board();
        let bars = Bars::of(&b, &[0, 1, 2, 3], Column::DisclosureRate);
        let texts: Vec<String> = bars.bars.iter().map(|b| b.value.text()).collect();
        assert_eq!(texts, ["80%", "不足30件，不评", "未填写", "无法读取"]);
        assert_eq!(
            texts[0],
            b.rows[0].report().unwrap().figures.disclosure_rate().text()
        );
        assert_eq!(bars.bars[0].fraction(bars.scale), Some(0.8));
        assert_eq!(bars.bars[1].fraction(bars.scale), None);
        // Ten cases of 复议: too few to rate.
        let review = Bars::of(&b, &[0], Column::ReviewCorrection);
        assert_eq!(review.bars[0].value, BarValue::Absent(Absent::TooFew));
        assert_eq!(review.title(), "复议纠错率（%）");
    }

    #[test]
    fn every_measure_is_a_column_the_table_shows() {
        for column in MEASURES {
            assert!(Column::ALL.contains(&column));
            assert_ne!(
                BarValue::of(&board().rows[0], column),
                BarValue::Absent(Absent::NotCharted)
            );
        }
    }
}
