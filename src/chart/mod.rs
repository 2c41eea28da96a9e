//! 图解: the report's figures as pictures — the data of the charts, one source for the portal's
//! page (`svg`, `png`) and the window's 图表 view.
//!
//! A [`Chart`] names every figure it shows with its label, its value (blank stays blank: drawn as
//! "未填写", never as 0) and the cell it comes from, read through the format definition, so
//! that no picture can be drawn from the wrong cell. Both formats (2019, 2021) are read from
//! their definitions; table 二's categories are the report's own.

pub mod png;
pub mod svg;
pub mod trend;

use crate::compare::{self, Comparison};
use crate::draft::Draft;
use crate::format::{CellDef, CellKey, CellKind, CellType, FormatId, TableId};
use crate::totals;
use crate::value::Value;

/// The font every 图解 names and the PNG is rendered with: the GBK subset of Noto Sans SC the
/// window embeds, so that the picture looks the same on every machine.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GBK.otf");
/// The family name inside [`FONT`].
pub const FONT_FAMILY: &str = "Noto Sans SC";

/// What a blank figure is drawn as.
pub const BLANK: &str = "未填写";

/// Where a figure comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// One cell of the tables (a total is read as stated, or computed where nothing was stated).
    Cell(CellKey),
    /// The sum of several cells (法人或其他组织, a group of results such as （三）不予公开).
    Sum(Vec<CellKey>),
    /// 本年收取的信息处理费 (基本信息, from 2021).
    InfoFee,
}

impl Source {
    /// The id a picture names the figure's source by: "table3.new.total"; the ids of a sum
    /// joined by "+"; "info_fee" for the fee.
    pub fn id(&self) -> String {
        match self {
            Source::Cell(key) => key.id(),
            Source::Sum(keys) => keys.iter().map(CellKey::id).collect::<Vec<_>>().join("+"),
            Source::InfoFee => INFO_FEE_ID.to_string(),
        }
    }
}

/// The id of [`Source::InfoFee`].
pub const INFO_FEE_ID: &str = "info_fee";

/// One figure of the 图解.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    /// `None` when blank.
    pub value: Option<Value>,
    pub source: Source,
    /// The unit printed after the figure: "件", "万元", "元".
    pub unit: &'static str,
    /// Against last year's report, when it is linked: "比上年 +8（+12.5%）".
    pub change: Option<String>,
}

impl Figure {
    /// The figure as printed: "128", "7730.28", or [`BLANK`].
    pub fn text(&self) -> String {
        match &self.value {
            None => BLANK.to_string(),
            Some(v) => value_text(v),
        }
    }

    /// The figure as a length for a bar; blank is no bar (and no 0 either).
    pub fn number(&self) -> Option<f64> {
        match self.value.as_ref()? {
            Value::Count(n) => Some(*n as f64),
            Value::Signed(n) => Some(*n as f64),
            Value::Amount(d) | Value::Money(d, _) => d.to_string().parse().ok(),
        }
    }

    /// The share of `total` in percent, one place: "12.5%"; `None` when either is blank or the
    /// total is 0.
    pub fn share_of(&self, total: &Figure) -> Option<String> {
        let (part, whole) = (self.number()?, total.number()?);
        (whole > 0.0).then(|| format!("{:.1}%", part * 100.0 / whole))
    }
}

/// A figure's value as printed: what the clerk typed, with a sign where the value has one.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Signed(n) if *n > 0 => format!("+{n}"),
        Value::Signed(n) => n.to_string(),
        Value::Amount(d) => d.to_string(),
        Value::Money(d, unit) => format!("{d}{}", unit.map(|u| u.label()).unwrap_or("")),
    }
}

/// How a group of figures is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Each figure as a large number with its label.
    Cards,
    /// One bar per figure, of one colour, against the largest (or against the total, with shares).
    Bars,
    /// The figures as segments of one bar in turn-about light and dark colours, with the total.
    Stacked,
}

/// Figures drawn together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// "第二十条第（一）项", "行政复议"; empty where the section's heading says it all.
    pub label: String,
    pub shape: Shape,
    pub figures: Vec<Figure>,
    /// The total the figures are shares of.
    pub total: Option<Figure>,
}

/// One section of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub groups: Vec<Group>,
}

/// The 图解 of one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    /// "晋江市人民政府2021年政府信息公开工作年度报告图解".
    pub title: String,
    pub body: String,
    pub year: i32,
    pub format: FormatId,
    /// The year of the linked last year's report the changes are against.
    pub last_year: Option<i32>,
    pub sections: Vec<Section>,
}

impl Chart {
    /// Every figure of the page, in drawing order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        (self.sections.iter())
            .flat_map(|s| &s.groups)
            .flat_map(|g| g.figures.iter().chain(&g.total))
    }
}

/// The 图解's two forms of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    pub const ALL: [ChartFormat; 2] = [ChartFormat::Svg, ChartFormat::Png];

    /// The name the command line takes: `--format svg`.
    pub fn code(self) -> &'static str {
        match self {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        }
    }

    pub fn from_code(code: &str) -> Option<ChartFormat> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The file name extension written when the clerk gives none.
    pub fn extension(self) -> &'static str {
        self.code()
    }

    /// As the window offers it.
    pub fn label(self) -> &'static str {
        match self {
            ChartFormat::Svg => "图解（SVG 矢量图）",
            ChartFormat::Png => "图解（PNG 图片）",
        }
    }

    /// The file's bytes.
    pub fn write(self, chart: &Chart) -> Result<Vec<u8>, png::PngError> {
        match self {
            ChartFormat::Svg => Ok(svg::render(chart).into_bytes()),
            ChartFormat::Png => png::render(chart),
        }
    }
}

/// The headline figures of table 三 (and the trend's series): row id of the total column.
pub const HEADLINE_REQUESTS: [(&str, &str); 3] = [
    ("new", "本年新收申请"),
    ("total", "本年办结申请"),
    ("carry_forward", "结转下年度办理"),
];

/// The 图解 of a draft.
pub fn chart(draft: &Draft) -> Chart {
    let comparison = (draft.last_year.as_ref())
        .and_then(|l| l.report.as_deref())
        .map(|last| compare::compare(last, draft));
    let cx = Reader {
        draft,
        comparison: comparison.as_ref(),
    };
    let mut sections = vec![
        cx.published(),
        cx.requests(),
        cx.applicants(),
        cx.results(),
        cx.appeals(),
    ];
    if draft.format == FormatId::F2021 {
        sections.push(cx.fees());
    }
    let body = draft.body.trim();
    let body_name = if body.is_empty() {
        "（未填机关名称）"
    } else {
        body
    };
    Chart {
        title: format!("{body_name}{}年政府信息公开工作年度报告图解", draft.year),
        body: draft.body.trim().to_string(),
        year: draft.year,
        format: draft.format,
        last_year: comparison.as_ref().map(|c| c.old_year),
        sections,
    }
}

/// Reads the figures of one draft.
struct Reader<'a> {
    draft: &'a Draft,
    comparison: Option<&'a Comparison>,
}

impl Reader<'_> {
    fn def(&self, table: TableId, row: &str, col: &str) -> Option<CellDef> {
        self.draft.format.def().cell(table, row, col)
    }

    /// A figure of one cell. Cells are named by the definition, so a missing one is a bug of
    /// this module: it shows as blank rather than failing the clerk's export.
    fn cell(&self, table: TableId, row: &str, col: &str, label: impl Into<String>) -> Figure {
        let def = self.def(table, row, col);
        let value = def.as_ref().and_then(|d| figure_value(self.draft, d));
        let key = def.map(|d| d.key()).unwrap_or(CellKey {
            table,
            row: "",
            col: "",
        });
        Figure {
            label: label.into(),
            unit: def.map(|d| unit_of(table, d.ty())).unwrap_or(""),
            value,
            source: Source::Cell(key),
            change: None,
        }
    }

    /// A figure with its change against last year's report, when one is linked.
    fn headline(&self, table: TableId, row: &str, col: &str, label: impl Into<String>) -> Figure {
        let mut figure = self.cell(table, row, col, label);
        if let (Some(c), Source::Cell(key)) = (self.comparison, &figure.source) {
            let found = c.rows.iter().find(|r| r.key == Some(*key));
            // Only a figure both years have has a change; one blank this year already says
            // 未填写, and one of a format last year lacked has nothing to say.
            figure.change = found.and_then(|r| match r.change {
                compare::Change::Delta { .. } => Some(format!(
                    "比上年 {}（{}）",
                    r.change_text(),
                    r.percent_text()
                )),
                compare::Change::OnlyNew => Some("上年报告中为空白".to_string()),
                _ => None,
            });
        }
        figure
    }

    /// The sum of the total column of several rows of table 三 (or of cells of one row).
    fn sum(&self, keys: Vec<CellKey>, label: impl Into<String>) -> Figure {
        let def = self.draft.format.def();
        let values: Vec<Option<u64>> = (keys.iter())
            .map(|k| {
                def.cell_by_key(*k)
                    .and_then(|c| totals::read(self.draft, &c))
            })
            .collect();
        let value = (values.iter().any(Option::is_some))
            .then(|| Value::Count(values.iter().map(|v| v.unwrap_or(0)).sum()));
        Figure {
            label: label.into(),
            value,
            source: Source::Sum(keys),
            unit: "件",
            change: None,
        }
    }

    /// 主动公开: every entered figure of table 二, block by block, under the report's own labels.
    fn published(&self) -> Section {
        let table = self.draft.format.def().table(TableId::T2);
        let groups = (table.blocks.iter())
            .map(|block| {
                let figures = (block.rows.iter())
                    .flat_map(|row| block.columns.iter().map(move |col| (row, col)))
                    .map(|(row, col)| {
                        let label = if block.columns.len() == 1 {
                            row.display_label()
                        } else {
                            format!("{}·{}", row.display_label(), col.label())
                        };
                        self.headline(TableId::T2, row.id, col.id, label)
                    })
                    .collect();
                Group {
                    label: block.caption.unwrap_or("").to_string(),
                    shape: Shape::Cards,
                    figures,
                    total: None,
                }
            })
            .collect();
        Section {
            heading: "主动公开政府信息情况",
            groups,
        }
    }

    /// 申请: received, concluded, carried over.
    fn requests(&self) -> Section {
        let figures = (HEADLINE_REQUESTS.iter())
            .map(|(row, label)| self.headline(TableId::T3, row, "total", *label))
            .collect();
        Section {
            heading: "收到和处理政府信息公开申请情况",
            groups: vec![Group {
                label: String::new(),
                shape: Shape::Cards,
                figures,
                total: None,
            }],
        }
    }

    /// 申请人: 自然人 against 法人或其他组织, and the organisations' five kinds (本年新收).
    fn applicants(&self) -> Section {
        let block = &self.draft.format.def().table(TableId::T3).blocks[0];
        let kinds: Vec<_> = (block.columns.iter())
            .filter(|c| c.path.len() == 3 && c.total.is_none())
            .collect();
        let key = |col: &'static str| CellKey {
            table: TableId::T3,
            row: "new",
            col,
        };
        let organisations = self.sum(kinds.iter().map(|c| key(c.id)).collect(), "法人或其他组织");
        let split = Group {
            label: "本年新收申请的申请人".to_string(),
            shape: Shape::Stacked,
            figures: vec![
                self.cell(TableId::T3, "new", "natural", "自然人"),
                organisations,
            ],
            total: Some(self.cell(TableId::T3, "new", "total", "总计")),
        };
        let kinds = Group {
            label: "法人或其他组织".to_string(),
            shape: Shape::Bars,
            figures: (kinds.iter())
                .map(|c| self.cell(TableId::T3, "new", c.id, c.label()))
                .collect(),
            total: None,
        };
        Section {
            heading: "申请人情况",
            groups: vec![split, kinds],
        }
    }

    /// 办理结果: （一）…（六） as shares of （七）总计, each group of rows added up.
    fn results(&self) -> Section {
        let block = &self.draft.format.def().table(TableId::T3).blocks[0];
        // Rows under 三、本年度办理结果, grouped by their second label ("（三）不予公开").
        let mut groups: Vec<(&'static str, Vec<CellKey>)> = Vec::new();
        for row in block.rows.iter().filter(|r| r.total.is_none()) {
            let [_, group, ..] = row.path else { continue };
            let key = CellKey {
                table: TableId::T3,
                row: row.id,
                col: "total",
            };
            match groups.last_mut() {
                Some((g, keys)) if *g == *group => keys.push(key),
                _ => groups.push((group, vec![key])),
            }
        }
        let figures = (groups.into_iter())
            .map(|(label, keys)| {
                let label = short_result_label(label);
                match keys.as_slice() {
                    [one] => self.cell(TableId::T3, one.row, "total", label),
                    _ => self.sum(keys, label),
                }
            })
            .collect();
        Section {
            heading: "申请办理结果",
            groups: vec![Group {
                label: String::new(),
                shape: Shape::Bars,
                figures,
                total: Some(self.headline(TableId::T3, "total", "total", "（七）总计")),
            }],
        }
    }

    /// 复议 and 诉讼 with their outcomes.
    fn appeals(&self) -> Section {
        let groups = [
            ("review", "行政复议"),
            ("direct", "行政诉讼（未经复议直接起诉）"),
            ("after_review", "行政诉讼（复议后起诉）"),
        ]
        .into_iter()
        .map(|(prefix, label)| {
            let col = |end: &str| {
                let id = format!("{prefix}_{end}");
                (self.draft.format.def().table(TableId::T4).blocks[0]
                    .columns
                    .iter())
                .find(|c| c.id == id)
                .map(|c| c.id)
                .unwrap_or("")
            };
            let outcomes = [
                ("upheld", "结果维持"),
                ("corrected", "结果纠正"),
                ("other", "其他结果"),
                ("pending", "尚未审结"),
            ];
            Group {
                label: label.to_string(),
                shape: Shape::Stacked,
                figures: (outcomes.iter())
                    .map(|(end, name)| self.cell(TableId::T4, "cases", col(end), *name))
                    .collect(),
                total: Some(self.headline(TableId::T4, "cases", col("total"), "总计")),
            }
        })
        .collect();
        Section {
            heading: "行政复议、行政诉讼情况",
            groups,
        }
    }

    /// 信息处理费 (2021 format): the amount charged and the requests no longer handled for fees
    /// unpaid.
    fn fees(&self) -> Section {
        let fee = Figure {
            label: "本年收取信息处理费".to_string(),
            value: self.draft.info_fee.map(Value::Amount),
            source: Source::InfoFee,
            unit: "元",
            change: None,
        };
        let unpaid = self.cell(
            TableId::T3,
            "other_2",
            "total",
            "逾期未缴纳信息处理费不再处理的申请",
        );
        Section {
            heading: "信息处理费",
            groups: vec![Group {
                label: String::new(),
                shape: Shape::Cards,
                figures: vec![fee, unpaid],
                total: None,
            }],
        }
    }
}

/// "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "（二）部分公开".
fn short_result_label(label: &str) -> String {
    match label.char_indices().skip(1).find(|(_, c)| *c == '（') {
        Some((i, _)) => label[..i].to_string(),
        None => label.to_string(),
    }
}

/// A cell's figure as the tables show it: entered, or a total as stated or computed.
fn figure_value(draft: &Draft, cell: &CellDef) -> Option<Value> {
    match cell.kind() {
        CellKind::Entered(_) => draft.value(cell.key()).cloned(),
        CellKind::Total => totals::read(draft, cell).map(Value::Count),
    }
}

/// Tables 三 and 四 count requests and cases (件); table 二's counts are of many kinds (件, 项),
/// named by their own column headers.
fn unit_of(table: TableId, ty: CellType) -> &'static str {
    match ty {
        CellType::Count | CellType::Signed if table == TableId::T2 => "",
        CellType::Count | CellType::Signed => "件",
        CellType::Amount => "万元",
        // 采购总金额 carries its own unit.
        CellType::Money => "",
    }
}
