//! The report model: one draft of one body's annual report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::format::{CellDef, CellKey, CellKind, FormatId, TableId};
use crate::value::Value;

/// The level of the body, which decides its deadline (R15) and whether it makes 规章 (R14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 国务院部门
    StateCouncilDepartment,
    /// 省级人民政府
    Provincial,
    /// 设区的市（自治州）人民政府
    Prefectural,
    /// 县级人民政府
    County,
    /// 乡镇人民政府（街道办事处）
    Township,
    /// 县级以上人民政府部门
    Department,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::StateCouncilDepartment,
        Level::Provincial,
        Level::Prefectural,
        Level::County,
        Level::Township,
        Level::Department,
    ];

    /// The official name of the level.
    pub fn label(self) -> &'static str {
        match self {
            Level::StateCouncilDepartment => "国务院部门",
            Level::Provincial => "省级人民政府",
            Level::Prefectural => "设区的市（自治州）人民政府",
            Level::County => "县级人民政府",
            Level::Township => "乡镇人民政府（街道办事处）",
            Level::Department => "县级以上人民政府部门",
        }
    }

    pub fn from_label(label: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.label() == label)
    }

    /// Whether bodies of this level make 规章 (spec §5.2, R14).
    pub fn makes_rules(self) -> bool {
        matches!(
            self,
            Level::StateCouncilDepartment | Level::Provincial | Level::Prefectural
        )
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Contact data, held once and printed from these fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// 地址
    pub address: String,
    /// 邮编
    pub postcode: String,
    /// 电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
    /// 门户网站
    pub website: String,
}

impl Contact {
    /// The fields with their official labels, in print order.
    pub fn fields(&self) -> [(ContactField, &str); 5] {
        [
            (ContactField::Address, &self.address),
            (ContactField::Postcode, &self.postcode),
            (ContactField::Phone, &self.phone),
            (ContactField::Email, &self.email),
            (ContactField::Website, &self.website),
        ]
    }

    /// The labels of the fields that hold something, in print order ("地址", "电话").
    pub fn filled_labels(&self) -> Vec<&'static str> {
        self.fields()
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(f, _)| f.label())
            .collect()
    }

    pub fn get(&self, field: ContactField) -> &str {
        match field {
            ContactField::Address => &self.address,
            ContactField::Postcode => &self.postcode,
            ContactField::Phone => &self.phone,
            ContactField::Email => &self.email,
            ContactField::Website => &self.website,
        }
    }

    pub fn get_mut(&mut self, field: ContactField) -> &mut String {
        match field {
            ContactField::Address => &mut self.address,
            ContactField::Postcode => &mut self.postcode,
            ContactField::Phone => &mut self.phone,
            ContactField::Email => &mut self.email,
            ContactField::Website => &mut self.website,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.trim().is_empty())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContactField {
    Address,
    Postcode,
    Phone,
    Email,
    Website,
}

impl ContactField {
    /// The id written in draft files.
    pub fn code(self) -> &'static str {
        match self {
            ContactField::Address => "address",
            ContactField::Postcode => "postcode",
            ContactField::Phone => "phone",
            ContactField::Email => "email",
            ContactField::Website => "website",
        }
    }

    pub const ALL: [ContactField; 5] = [
        ContactField::Address,
        ContactField::Postcode,
        ContactField::Phone,
        ContactField::Email,
        ContactField::Website,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ContactField::Address => "地址",
            ContactField::Postcode => "邮编",
            ContactField::Phone => "电话",
            ContactField::Email => "电子邮箱",
            ContactField::Website => "门户网站",
        }
    }
}

/// One part of section 一 (总体情况), printed as "（一）heading" followed by its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Part {
    pub heading: String,
    pub text: String,
}

/// The five themes of the 2021 guidance that a new draft starts section 一 with.
pub const DEFAULT_PART_HEADINGS: [&str; 5] = [
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
];

/// The six section headings, verbatim (spec §1).
pub const SECTION_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// A text field of the draft: what a finding points at and what an edit changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    /// The title as the clerk overrode it.
    Title,
    Body,
    Contact(ContactField),
    Preamble,
    /// The opening text of section 一.
    OverviewIntro,
    /// The heading of part N of section 一.
    PartHeading(usize),
    /// The text of part N of section 一.
    PartText(usize),
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    OtherMatters,
}

impl TextField {
    /// How messages and the window name the field.
    pub fn label(self) -> String {
        match self {
            TextField::Title => "标题".into(),
            TextField::Body => "机关名称".into(),
            TextField::Contact(c) => format!("联系方式·{}", c.label()),
            TextField::Preamble => "引言".into(),
            TextField::OverviewIntro => "一、总体情况（开头）".into(),
            TextField::PartHeading(i) => format!("一、总体情况 第{}部分标题", i + 1),
            TextField::PartText(i) => format!("一、总体情况 第{}部分正文", i + 1),
            TextField::Problems => SECTION_HEADINGS[4].into(),
            TextField::OtherMatters => SECTION_HEADINGS[5].into(),
        }
    }

    /// The id written in draft files: "preamble", "part_text:2", "contact:phone".
    pub fn code(self) -> String {
        match self {
            TextField::Title => "title".into(),
            TextField::Body => "body".into(),
            TextField::Contact(c) => format!("contact:{}", c.code()),
            TextField::Preamble => "preamble".into(),
            TextField::OverviewIntro => "overview_intro".into(),
            TextField::PartHeading(i) => format!("part_heading:{i}"),
            TextField::PartText(i) => format!("part_text:{i}"),
            TextField::Problems => "problems".into(),
            TextField::OtherMatters => "other_matters".into(),
        }
    }

    /// Reads an id written by [`TextField::code`].
    pub fn from_code(code: &str) -> Option<TextField> {
        Some(match code {
            "title" => TextField::Title,
            "body" => TextField::Body,
            "preamble" => TextField::Preamble,
            "overview_intro" => TextField::OverviewIntro,
            "problems" => TextField::Problems,
            "other_matters" => TextField::OtherMatters,
            _ => {
                let (kind, arg) = code.split_once(':')?;
                match kind {
                    "contact" => {
                        TextField::Contact(ContactField::ALL.into_iter().find(|c| c.code() == arg)?)
                    }
                    "part_heading" => TextField::PartHeading(arg.parse().ok()?),
                    "part_text" => TextField::PartText(arg.parse().ok()?),
                    _ => return None,
                }
            }
        })
    }

    /// The same field after part `index` was removed: `None` for the removed part's own fields.
    fn after_part_removed(self, index: usize) -> Option<TextField> {
        let shift = |i: usize| match i.cmp(&index) {
            std::cmp::Ordering::Less => Some(i),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(i - 1),
        };
        Some(match self {
            TextField::PartHeading(i) => TextField::PartHeading(shift(i)?),
            TextField::PartText(i) => TextField::PartText(shift(i)?),
            other => other,
        })
    }

    /// The same field after a part was inserted at `index`.
    fn after_part_inserted(self, index: usize) -> TextField {
        let shift = |i: usize| if i >= index { i + 1 } else { i };
        match self {
            TextField::PartHeading(i) => TextField::PartHeading(shift(i)),
            TextField::PartText(i) => TextField::PartText(shift(i)),
            other => other,
        }
    }
}

/// The statistical cells a draft holds: entered values, and totals as stated where a total was
/// typed over or read from a published report. A cell that is not in the map is blank.
pub type Cells = BTreeMap<CellKey, Value>;

/// What this year's cross-year checks (R8, R9) need from last year's report: carried into a
/// draft by 新建下一年度 ([`crate::years::next_year`]), or taken from a report the clerk picks
/// ([`crate::years::last_year_from`]). `None` in a draft means last year's figures are unknown,
/// and R8 and R9 stay silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastYear {
    /// 机关名称 of last year's report.
    pub body: String,
    /// Last year's statistics year.
    pub year: i32,
    /// The format [`LastYear::table2`] is keyed in: this year's format, so that R9 compares like
    /// with like. A figure of last year's format that has no counterpart in it is not kept.
    pub format: FormatId,
    /// Last year's table 三 row 四、结转下年度继续办理, column id → figure (a stated total, or the
    /// computed one; blank columns are absent). Table 三 has the same columns in both formats.
    pub carry_forward: BTreeMap<&'static str, u64>,
    /// The figures of last year's table 二 that this year's arithmetic starts from (R9): the
    /// 现行有效件数 of the 2021 format; the 对外公开总数量, 上一年项目数量 and 本年增/减 of the 2019
    /// format. Blank cells are absent.
    pub table2: BTreeMap<CellKey, Value>,
    /// Last year's whole report (every cell, every section's text), when it was linked: by
    /// 新建下一年度, 选择上年报告 or `check --last-year`. The content rules that compare with last
    /// year (text carried over, 同比 figures) read it; `None` for a draft of draft-file version 2
    /// or older, or when only the figures above are known. The report's own `last_year` and
    /// 待复核 marks are not kept, so that a chain of years does not nest.
    pub report: Option<Box<Draft>>,
}

impl LastYear {
    /// "晋江市人民政府2021年报告" — how messages and the window name last year's report.
    pub fn describe(&self) -> String {
        format!("{}{}年报告", self.body.trim(), self.year)
    }
}

/// One annual report being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The official format the tables are laid out in. Normally [`FormatId::for_year`] of the year;
    /// an old file or an imported report may differ (R10).
    pub format: FormatId,
    /// 机关名称
    pub body: String,
    pub level: Level,
    /// The statistics year (not the publication year).
    pub year: i32,
    /// The title as the clerk overrode it; `None` derives it from body and year.
    pub title_override: Option<String>,
    /// The planned publication date (R15).
    pub publish_date: Option<Date>,
    /// The deadline the county sets for its 乡镇 (R15; 条例 art. 49 sets none for them). Read
    /// for [`Level::Township`] only.
    pub local_deadline: Option<Date>,
    /// The 信息处理费 collected in the year, in 元 (六, R11; 国办函〔2020〕109号). `None` when
    /// the clerk has not entered it; the generated fee statement then says none was collected.
    pub info_fee: Option<Decimal>,
    pub contact: Contact,
    /// 引言
    pub preamble: String,
    /// The opening text of section 一.
    pub overview_intro: String,
    /// The parts of section 一, in order.
    pub parts: Vec<Part>,
    /// 五、存在的主要问题及改进情况
    pub problems: String,
    /// 六、其他需要报告的事项
    pub other_matters: String,
    pub cells: Cells,
    /// Last year's figures for the cross-year checks (R8, R9); `None` when unknown.
    pub last_year: Option<LastYear>,
    /// Text fields carried from last year's report that the clerk has not yet looked at
    /// (待复核). Editing a field (or `Edit::MarkReviewed` of the document) clears its mark.
    pub review: BTreeSet<TextField>,
    /// For a 汇总 draft: the 机关名称 of the units whose figures were added up, in the order they
    /// were given. Empty for a unit's own report. Kept as a field rather than in the preamble so
    /// that the list stays exact when the clerk rewrites the narrative, and so that a merge of
    /// merges can refuse to count a unit twice.
    pub merged_from: Vec<String>,
    /// The regional profile (地方要求) the draft was last checked with, if any.
    pub profile: Option<ProfileRef>,
    /// For a draft imported from a published report: the section headings as published, in the
    /// order they were found (R24). Empty for a draft written here, whose headings are fixed.
    pub published_headings: Vec<PublishedHeading>,
}

/// A section heading as a published report printed it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PublishedHeading {
    /// 0 for 一、总体情况 … 5 for 六、其他需要报告的事项: the section it was read as.
    pub section: usize,
    /// The heading as published.
    pub text: String,
    /// The number it was published with (1 for 一), if any.
    pub number: Option<usize>,
    /// Whether the wording is the official one (numbering aside).
    pub exact: bool,
}

/// Which regional profile a draft was checked with: enough to name it to the clerk and to tell
/// a later edition of it apart. The profile itself lives in its own file (`crate::profile`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProfileRef {
    /// The profile's id, "wuwei-2025".
    pub id: String,
    /// Its name for people, "武威市2025年度政府信息公开工作年度报告要求".
    pub name: String,
    /// The edition of the profile (its `profile_version`).
    pub version: u32,
}

impl Draft {
    /// A new, empty draft: the format follows the year, section 一 starts with the five themes of
    /// the 2021 guidance, and every table cell is blank.
    pub fn new(body: impl Into<String>, level: Level, year: i32) -> Draft {
        Draft {
            format: FormatId::for_year(year),
            body: body.into(),
            level,
            year,
            title_override: None,
            publish_date: None,
            local_deadline: None,
            info_fee: None,
            contact: Contact::default(),
            preamble: String::new(),
            overview_intro: String::new(),
            parts: DEFAULT_PART_HEADINGS
                .iter()
                .map(|h| Part {
                    heading: (*h).to_string(),
                    text: String::new(),
                })
                .collect(),
            problems: String::new(),
            other_matters: String::new(),
            cells: Cells::new(),
            last_year: None,
            review: BTreeSet::new(),
            merged_from: Vec::new(),
            profile: None,
            published_headings: Vec::new(),
        }
    }

    /// Whether a text field still holds last year's text, unreviewed.
    pub fn to_review(&self, field: TextField) -> bool {
        self.review.contains(&field)
    }

    /// Keeps the review marks of section 一's parts on their parts after part `index` was removed.
    pub(crate) fn review_after_part_removed(&mut self, index: usize) {
        self.review = std::mem::take(&mut self.review)
            .into_iter()
            .filter_map(|f| f.after_part_removed(index))
            .collect();
    }

    /// Keeps the review marks of section 一's parts on their parts after a part was inserted.
    pub(crate) fn review_after_part_inserted(&mut self, index: usize) {
        self.review = std::mem::take(&mut self.review)
            .into_iter()
            .map(|f| f.after_part_inserted(index))
            .collect();
    }

    /// The title as derived from body and year: "晋江市人民政府2021年政府信息公开工作年度报告".
    pub fn derived_title(&self) -> String {
        format!(
            "{}{}年政府信息公开工作年度报告",
            self.body.trim(),
            self.year
        )
    }

    /// The title to print: the clerk's override, or the derived one.
    pub fn title(&self) -> String {
        match &self.title_override {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => self.derived_title(),
        }
    }

    /// The latest date on which the report may be published (R15), with the rule that sets it:
    /// 31 January of the next year for 县级以上人民政府部门 (国务院部门 included), 31 March for
    /// 县级以上地方人民政府 (条例 art. 49), and for 乡镇 the local deadline if the clerk set one.
    pub fn publication_deadline(&self) -> Option<(Date, &'static str)> {
        let next = self.year.checked_add(1)?;
        match self.level {
            Level::Department | Level::StateCouncilDepartment => Date::new(next, 1, 31).map(|d| {
                (
                    d,
                    "按《条例》第四十九条，县级以上人民政府部门应于每年1月31日前公布本行政机关上一年度的年度报告",
                )
            }),
            Level::Provincial | Level::Prefectural | Level::County => {
                Date::new(next, 3, 31).map(|d| {
                    (
                        d,
                        "按《条例》第四十九条，县级以上地方人民政府的上一年度年度报告应于每年3月31日前向社会公布",
                    )
                })
            }
            Level::Township => self
                .local_deadline
                .map(|d| (d, "按县级人民政府规定的乡镇年度报告发布时限")),
        }
    }

    /// The format the year calls for.
    pub fn expected_format(&self) -> FormatId {
        FormatId::for_year(self.year)
    }

    /// The value a cell holds: entered, or a total as stated. `None` when blank (or, for a total,
    /// when nothing was stated).
    pub fn value(&self, key: CellKey) -> Option<&Value> {
        self.cells.get(&key)
    }

    /// The count a cell holds, if it holds one.
    pub fn count(&self, key: CellKey) -> Option<u64> {
        self.value(key).and_then(Value::as_count)
    }

    pub fn text(&self, field: TextField) -> Option<&str> {
        Some(match field {
            TextField::Title => self.title_override.as_deref().unwrap_or(""),
            TextField::Body => &self.body,
            TextField::Contact(c) => self.contact.get(c),
            TextField::Preamble => &self.preamble,
            TextField::OverviewIntro => &self.overview_intro,
            TextField::PartHeading(i) => &self.parts.get(i)?.heading,
            TextField::PartText(i) => &self.parts.get(i)?.text,
            TextField::Problems => &self.problems,
            TextField::OtherMatters => &self.other_matters,
        })
    }

    /// The text field to change, or `None` for a part that does not exist. Setting the title
    /// creates the override.
    pub fn text_mut(&mut self, field: TextField) -> Option<&mut String> {
        Some(match field {
            TextField::Title => self.title_override.get_or_insert_with(String::new),
            TextField::Body => &mut self.body,
            TextField::Contact(c) => self.contact.get_mut(c),
            TextField::Preamble => &mut self.preamble,
            TextField::OverviewIntro => &mut self.overview_intro,
            TextField::PartHeading(i) => &mut self.parts.get_mut(i)?.heading,
            TextField::PartText(i) => &mut self.parts.get_mut(i)?.text,
            TextField::Problems => &mut self.problems,
            TextField::OtherMatters => &mut self.other_matters,
        })
    }

    /// All narrative text fields with their contents, in reading order (for checks that search
    /// the narrative).
    pub fn narrative(&self) -> Vec<(TextField, &str)> {
        let mut out = vec![
            (TextField::Preamble, self.preamble.as_str()),
            (TextField::OverviewIntro, self.overview_intro.as_str()),
        ];
        for (i, part) in self.parts.iter().enumerate() {
            out.push((TextField::PartHeading(i), part.heading.as_str()));
            out.push((TextField::PartText(i), part.text.as_str()));
        }
        out.push((TextField::Problems, self.problems.as_str()));
        out.push((TextField::OtherMatters, self.other_matters.as_str()));
        out
    }

    /// The definitions of the cells of one table of the draft's format.
    pub fn table_cells(&self, table: TableId) -> impl Iterator<Item = CellDef> {
        self.format.def().table(table).cells()
    }

    /// Every entered cell of a table that is blank.
    pub fn blank_entered_cells(&self, table: TableId) -> Vec<CellDef> {
        self.table_cells(table)
            .filter(|c| matches!(c.kind(), CellKind::Entered(_)) && self.value(c.key()).is_none())
            .collect()
    }
}

/// "一", "二", … "十二": numbering of the parts of section 一.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}
