//! The figures of tables 三 and 四 that narrative sentences state: what each quantity is, how
//! to name it, and every value the tables support for it.

use crate::draft::Draft;
use crate::format::{FormatId, TableId};
use crate::totals;

/// A row of table 三 that counts requests: 一 新收, 二 上年结转, （七）总计 (办结), 四 结转下年度.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    New,
    Carried,
    Concluded,
    CarryForward,
}

impl Basis {
    pub fn row(self) -> &'static str {
        match self {
            Basis::New => "new",
            Basis::Carried => "carried",
            Basis::Concluded => "total",
            Basis::CarryForward => "carry_forward",
        }
    }

    /// How a message names the requests of this row.
    pub fn noun(self) -> &'static str {
        match self {
            Basis::New => "本年收到（新收）的申请",
            Basis::Carried => "上年结转的申请",
            Basis::Concluded => "办结的申请",
            Basis::CarryForward => "结转下年度的申请",
        }
    }

    /// The row's short name: "本年新收".
    pub fn short(self) -> &'static str {
        match self {
            Basis::New => "本年新收",
            Basis::Carried => "上年结转",
            Basis::Concluded => "办结",
            Basis::CarryForward => "结转下年度",
        }
    }
}

/// Applicants, by the columns of table 三.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicant {
    Natural,
    /// 法人或其他组织: the five organisation columns together.
    Organisations,
    Commercial,
    Research,
    Nonprofit,
    Legal,
}

impl Applicant {
    pub fn cols(self) -> &'static [&'static str] {
        match self {
            Applicant::Natural => &["natural"],
            Applicant::Organisations => {
                &["commercial", "research", "nonprofit", "legal", "other_org"]
            }
            Applicant::Commercial => &["commercial"],
            Applicant::Research => &["research"],
            Applicant::Nonprofit => &["nonprofit"],
            Applicant::Legal => &["legal"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Applicant::Natural => "自然人",
            Applicant::Organisations => "法人或其他组织",
            Applicant::Commercial => "商业企业",
            Applicant::Research => "科研机构",
            Applicant::Nonprofit => "社会公益组织",
            Applicant::Legal => "法律服务机构",
        }
    }
}

/// An outcome of table 三 part 三: a group of rows, two groups together, or one numbered item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Granted,
    Partial,
    /// "予以公开和部分公开": （一）+（二）.
    GrantedOrPartial,
    Withheld,
    Unable,
    Declined,
    Other,
    /// One numbered item, by row id: "withheld_4".
    Item(&'static str),
}

const WITHHELD: [&str; 8] = [
    "withheld_1",
    "withheld_2",
    "withheld_3",
    "withheld_4",
    "withheld_5",
    "withheld_6",
    "withheld_7",
    "withheld_8",
];
const UNABLE: [&str; 3] = ["unable_1", "unable_2", "unable_3"];
const DECLINED: [&str; 5] = [
    "declined_1",
    "declined_2",
    "declined_3",
    "declined_4",
    "declined_5",
];

impl Outcome {
    /// The rows of table 三 the outcome adds up, in the given format.
    pub fn rows(self, format: FormatId) -> Vec<&'static str> {
        match self {
            Outcome::Granted => vec!["granted"],
            Outcome::Partial => vec!["partial"],
            Outcome::GrantedOrPartial => vec!["granted", "partial"],
            Outcome::Withheld => WITHHELD.to_vec(),
            Outcome::Unable => UNABLE.to_vec(),
            Outcome::Declined => DECLINED.to_vec(),
            Outcome::Other => match format {
                FormatId::F2019 => vec!["other"],
                FormatId::F2021 => vec!["other_1", "other_2", "other_3"],
            },
            Outcome::Item(row) => vec![row],
        }
    }

    /// How messages and generated sentences name the outcome.
    pub fn label(self, draft: &Draft) -> String {
        match self {
            Outcome::Granted => "（一）予以公开".into(),
            Outcome::Partial => "（二）部分公开".into(),
            Outcome::GrantedOrPartial => "（一）予以公开与（二）部分公开之和".into(),
            Outcome::Withheld => "（三）不予公开".into(),
            Outcome::Unable => "（四）无法提供".into(),
            Outcome::Declined => "（五）不予处理".into(),
            Outcome::Other => "（六）其他处理".into(),
            Outcome::Item(row) => draft
                .format
                .def()
                .table(TableId::T3)
                .cell(row, "total")
                .map(|c| c.row.display_label())
                .unwrap_or_else(|| row.to_string()),
        }
    }

    /// The short name used in sentences: "予以公开".
    pub fn short(self) -> &'static str {
        match self {
            Outcome::Granted => "予以公开",
            Outcome::Partial => "部分公开",
            Outcome::GrantedOrPartial => "予以公开和部分公开",
            Outcome::Withheld => "不予公开",
            Outcome::Unable => "无法提供",
            Outcome::Declined => "不予处理",
            Outcome::Other => "其他处理",
            Outcome::Item(_) => "",
        }
    }

    /// The six groups of （七）总计, in table order.
    pub const GROUPS: [Outcome; 6] = [
        Outcome::Granted,
        Outcome::Partial,
        Outcome::Withheld,
        Outcome::Unable,
        Outcome::Declined,
        Outcome::Other,
    ];
}

/// Which cases of table 四 a sentence speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Court {
    /// 行政复议
    Review,
    /// 行政诉讼·未经复议直接起诉
    Direct,
    /// 行政诉讼·复议后起诉
    AfterReview,
    /// 行政诉讼, both blocks
    Litigation,
    /// 行政复议 and 行政诉讼 together
    Both,
}

impl Court {
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            Court::Review => &["review"],
            Court::Direct => &["direct"],
            Court::AfterReview => &["after_review"],
            Court::Litigation => &["direct", "after_review"],
            Court::Both => &["review", "direct", "after_review"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Court::Review => "行政复议",
            Court::Direct => "行政诉讼（未经复议直接起诉）",
            Court::AfterReview => "行政诉讼（复议后起诉）",
            Court::Litigation => "行政诉讼",
            Court::Both => "行政复议和行政诉讼",
        }
    }
}

/// A column of each block of table 四.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseResult {
    Upheld,
    Corrected,
    Other,
    Pending,
    Total,
}

impl CaseResult {
    fn suffix(self) -> &'static str {
        match self {
            CaseResult::Upheld => "upheld",
            CaseResult::Corrected => "corrected",
            CaseResult::Other => "other",
            CaseResult::Pending => "pending",
            CaseResult::Total => "total",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseResult::Upheld => "结果维持",
            CaseResult::Corrected => "结果纠正",
            CaseResult::Other => "其他结果",
            CaseResult::Pending => "尚未审结",
            CaseResult::Total => "总计",
        }
    }
}

/// What a number in a sentence counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// A row of table 三, all applicants.
    Requests(Basis),
    /// A row of table 三, some applicants.
    ByApplicant(Basis, Applicant),
    /// Requests concluded with an outcome.
    Outcome(Outcome),
    /// Cases of table 四.
    Cases(Court, CaseResult),
}

impl Quantity {
    /// How a message names what the sentence counts: "本年新收的申请", "行政复议结果维持的案件".
    pub fn noun(self, draft: &Draft) -> String {
        match self {
            Quantity::Requests(b) => b.noun().to_string(),
            Quantity::ByApplicant(b, a) => format!("{}提出的{}申请", a.label(), b.short()),
            Quantity::Outcome(o) => format!("办理结果为“{}”的申请", o.label(draft)),
            Quantity::Cases(c, CaseResult::Total) => format!("{}案件", c.label()),
            Quantity::Cases(c, r) => format!("{}{}的案件", c.label(), r.label()),
        }
    }
}

/// A table figure for a quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The figure as the rules read it (stated totals as stated).
    pub value: u64,
    /// Every figure the tables support: as read, as computed from the entered cells, and for the
    /// rows of table 三 as derived from the other three (R3). These differ only where the tables
    /// contradict themselves, which R1–R6 report; a sentence that matches any of them is not
    /// faulted for the tables' error.
    pub accepted: Vec<u64>,
    /// Where the figure stands: "表三“一、本年新收政府信息公开申请数量”".
    pub place: String,
}

impl Expected {
    pub fn accepts(&self, n: u64) -> bool {
        self.accepted.contains(&n)
    }
}

/// A sum read two ways: with totals as stated, and with every total computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Reading {
    read: u64,
    computed: u64,
}

/// The sum of some cells of one table, read and computed; `None` when every cell is blank (or
/// the format has none of them).
fn sum(draft: &Draft, table: TableId, rows: &[&str], cols: &[&str]) -> Option<Reading> {
    let def = draft.format.def().table(table);
    let mut any = false;
    let mut out = Reading {
        read: 0,
        computed: 0,
    };
    for row in rows {
        for col in cols {
            let Some(cell) = def.cell(row, col) else {
                continue;
            };
            let read = totals::read(draft, &cell);
            let computed = totals::computed(draft, &cell);
            any |= read.is_some() || computed.is_some();
            out.read = out.read.saturating_add(read.unwrap_or(0));
            out.computed = out.computed.saturating_add(computed.unwrap_or(0));
        }
    }
    any.then_some(out)
}

fn t3(draft: &Draft, rows: &[&str], cols: &[&str]) -> Option<Reading> {
    sum(draft, TableId::T3, rows, cols)
}

fn t4(draft: &Draft, cols: &[String]) -> Option<Reading> {
    let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
    sum(draft, TableId::T4, &["cases"], &cols)
}

fn dedup(values: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The label of a row of table 三 as the format prints it.
fn row_label(draft: &Draft, row: &str) -> String {
    draft
        .format
        .def()
        .table(TableId::T3)
        .cell(row, "total")
        .map(|c| c.row.display_label())
        .unwrap_or_else(|| row.to_string())
}

/// The figure of a row of table 三 derived from the other three rows by R3 (一 + 二 = （七） + 四),
/// on the 总计 column.
fn derived_by_r3(draft: &Draft, basis: Basis) -> Option<u64> {
    let get = |b: Basis| t3(draft, &[b.row()], &["total"]).map(|r| r.read);
    let (new, carried, done, forward) = (
        get(Basis::New)?,
        get(Basis::Carried)?,
        get(Basis::Concluded)?,
        get(Basis::CarryForward)?,
    );
    match basis {
        Basis::New => (done + forward).checked_sub(carried),
        Basis::Carried => (done + forward).checked_sub(new),
        Basis::Concluded => (new + carried).checked_sub(forward),
        Basis::CarryForward => (new + carried).checked_sub(done),
    }
}

/// The table figure for a quantity, or `None` when the draft has no figure for it (blank cells,
/// or a row the format does not have).
pub fn expected(draft: &Draft, q: Quantity) -> Option<Expected> {
    match q {
        Quantity::Requests(b) => {
            let r = t3(draft, &[b.row()], &["total"])?;
            Some(Expected {
                value: r.read,
                accepted: dedup(
                    [r.read, r.computed]
                        .into_iter()
                        .chain(derived_by_r3(draft, b)),
                ),
                place: format!("表三“{}”", row_label(draft, b.row())),
            })
        }
        Quantity::ByApplicant(b, a) => {
            let r = t3(draft, &[b.row()], a.cols())?;
            let cols = if a.cols().len() > 1 {
                "各列之和"
            } else {
                "列"
            };
            Some(Expected {
                value: r.read,
                accepted: dedup([r.read, r.computed]),
                place: format!("表三“{}”行“{}”{cols}", row_label(draft, b.row()), a.label()),
            })
        }
        Quantity::Outcome(o) => {
            let rows = o.rows(draft.format);
            // A numbered item of the other format is not in this draft.
            if !rows
                .iter()
                .any(|r| draft.format.def().cell(TableId::T3, r, "total").is_some())
            {
                return None;
            }
            let r = t3(draft, &rows, &["total"])?;
            let place = if rows.len() > 1 {
                format!("表三“{}”各项合计", o.label(draft))
            } else {
                format!("表三“{}”", o.label(draft))
            };
            Some(Expected {
                value: r.read,
                accepted: dedup([r.read, r.computed]),
                place,
            })
        }
        Quantity::Cases(c, r) => {
            let cols: Vec<String> = c
                .prefixes()
                .iter()
                .map(|p| format!("{p}_{}", r.suffix()))
                .collect();
            let reading = t4(draft, &cols)?;
            let mut accepted = vec![reading.read, reading.computed];
            if c == Court::Both {
                // "行政复议、行政诉讼案件 N 件" may mean either kind alone.
                for single in [Court::Review, Court::Litigation] {
                    if let Some(e) = expected(draft, Quantity::Cases(single, r)) {
                        accepted.extend(e.accepted);
                    }
                }
            }
            Some(Expected {
                value: reading.read,
                accepted: dedup(accepted),
                place: format!("表四{}“{}”", c.label(), r.label()),
            })
        }
    }
}

/// A part of a quantity's figure that a sentence may have quoted instead of the whole: one
/// applicant column of a row, one numbered item of a group, one block of 行政诉讼.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub place: String,
    pub value: u64,
}

/// The parts of a quantity's figure, for naming "one cell quoted as the row total".
pub fn parts(draft: &Draft, q: Quantity) -> Vec<Part> {
    let mut out = Vec::new();
    match q {
        Quantity::Requests(b) => {
            for a in [
                Applicant::Natural,
                Applicant::Commercial,
                Applicant::Research,
                Applicant::Nonprofit,
                Applicant::Legal,
            ] {
                if let Some(r) = t3(draft, &[b.row()], a.cols()) {
                    out.push(Part {
                        place: format!("“{}”列", a.label()),
                        value: r.read,
                    });
                }
            }
            if let Some(r) = t3(draft, &[b.row()], &["other_org"]) {
                out.push(Part {
                    place: "法人或其他组织“其他”列".into(),
                    value: r.read,
                });
            }
        }
        Quantity::Outcome(o) => {
            let rows = o.rows(draft.format);
            if rows.len() > 1 {
                for row in rows {
                    if let Some(r) = t3(draft, &[row], &["total"]) {
                        out.push(Part {
                            place: format!("“{}”项", row_label(draft, row)),
                            value: r.read,
                        });
                    }
                }
            }
            for a in [Applicant::Natural, Applicant::Commercial, Applicant::Legal] {
                if let Some(r) = t3(draft, &o.rows(draft.format), a.cols()) {
                    out.push(Part {
                        place: format!("“{}”列", a.label()),
                        value: r.read,
                    });
                }
            }
        }
        Quantity::Cases(Court::Litigation, r) => {
            for c in [Court::Direct, Court::AfterReview] {
                if let Some(e) = expected(draft, Quantity::Cases(c, r)) {
                    out.push(Part {
                        place: format!("“{}”", c.label()),
                        value: e.value,
                    });
                }
            }
        }
        Quantity::ByApplicant(..) | Quantity::Cases(..) => {}
    }
    out
}

/// The denominator of every percentage of outcomes: （七）总计 (spec R7).
pub fn percent_base(draft: &Draft) -> Option<Expected> {
    expected(draft, Quantity::Requests(Basis::Concluded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::{clean_2021, set};
    use crate::format::TableId::{T3, T4};
    use crate::value::Value::Count;

    #[test]
    fn reads_rows_groups_and_cases() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(5));
        set(&mut d, T3, "new", "legal", Count(2));
        set(&mut d, T3, "carried", "natural", Count(1));
        set(&mut d, T3, "withheld_4", "natural", Count(3));
        set(&mut d, T3, "withheld_5", "natural", Count(1));
        set(&mut d, T3, "granted", "natural", Count(4));
        set(&mut d, T4, "cases", "direct_upheld", Count(2));
        set(&mut d, T4, "cases", "after_review_upheld", Count(1));
        let e = |q| expected(&d, q).unwrap().value;
        assert_eq!(e(Quantity::Requests(Basis::New)), 7);
        assert_eq!(e(Quantity::Requests(Basis::Concluded)), 8);
        assert_eq!(
            e(Quantity::ByApplicant(Basis::New, Applicant::Organisations)),
            2
        );
        assert_eq!(e(Quantity::Outcome(Outcome::Withheld)), 4);
        assert_eq!(e(Quantity::Outcome(Outcome::Item("withheld_4"))), 3);
        assert_eq!(e(Quantity::Cases(Court::Litigation, CaseResult::Upheld)), 3);
        assert_eq!(e(Quantity::Cases(Court::Litigation, CaseResult::Total)), 3);
        assert_eq!(e(Quantity::Cases(Court::Review, CaseResult::Total)), 0);
        let place = expected(&d, Quantity::Requests(Basis::New)).unwrap().place;
        assert_eq!(place, "表三“一、本年新收政府信息公开申请数量”");
        // Blank tables: no figure.
        let blank = Draft::new("某局", crate::draft::Level::Department, 2021);
        assert_eq!(expected(&blank, Quantity::Requests(Basis::New)), None);
    }

    #[test]
    fn a_stated_total_that_contradicts_its_parts_accepts_both_readings() {
        let mut d = clean_2021();
        set(&mut d, T3, "new", "natural", Count(3));
        set(&mut d, T3, "granted", "natural", Count(3));
        set(&mut d, T3, "total", "total", Count(0));
        let e = expected(&d, Quantity::Requests(Basis::Concluded)).unwrap();
        assert_eq!(e.value, 0);
        assert!(e.accepts(0) && e.accepts(3));
    }
}
