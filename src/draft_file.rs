//! Drafts as `.ron` files: readable by people, versioned, and saved so that a crash or a full
//! disk never leaves a half-written draft.
//!
//! The file holds every cell as the text a clerk would type ("270", "15387.251", "251000元"),
//! keyed by the row and column ids of the format definition, so that the file stays readable and
//! the one cell parser decides what a value means.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::{Date, REPORT_YEARS};
use crate::draft::{
    Cells, Contact, Draft, LastYear, Level, Part, ProfileRef, PublishedHeading, SECTION_HEADINGS,
    TextField,
};
use crate::format::{CellKind, FormatId, TableId};
use crate::value::parse_cell;

/// The version of the draft file format this build writes. Bump it when the layout changes, and
/// add a migration from the previous one to [`migrate`].
///
/// - 1: the first format ([`FileV1`]).
/// - 2: adds last year's figures (`last_year`), the 待复核 marks (`review`) and the units of a
///   汇总 (`merged_from`), each written only when there is something to write ([`FileV2`]).
/// - 3: adds last year's whole report (`last_year_report`, when last year is linked) and the
///   regional profile the draft was checked with (`profile`), each written only when set
///   ([`FileV3`]).
pub const DRAFT_VERSION: u32 = 3;

/// The comment at the top of every draft.
const HEADER: &str =
    "// 政府信息公开工作年度报告草稿（nianbao 年报编制工具）。请用 nianbao 打开编辑。\n";

/// A table as stored: row id → column id → the cell's text. Written in the order of the format
/// definition (so the file reads like the official table), read in any order.
#[derive(Debug, Default)]
struct StoredTable(Vec<(String, Vec<(String, String)>)>);

impl Serialize for StoredTable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;

        struct Row<'a>(&'a [(String, String)]);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (col, text) in self.0 {
                    map.serialize_entry(col, text)?;
                }
                map.end()
            }
        }

        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (row, cells) in &self.0 {
            map.serialize_entry(row, &Row(cells))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for StoredTable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, BTreeMap<String, String>>::deserialize(deserializer)?;
        Ok(StoredTable(
            map.into_iter()
                .map(|(row, cells)| (row, cells.into_iter().collect()))
                .collect(),
        ))
    }
}

/// One row as stored: column id → the cell's text, in the order of the format definition.
#[derive(Debug, Default)]
struct StoredRow(Vec<(String, String)>);

impl Serialize for StoredRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (col, text) in &self.0 {
            map.serialize_entry(col, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for StoredRow {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(StoredRow(map.into_iter().collect()))
    }
}

/// The first draft file format, field for field. Kept as it is: later versions migrate from it.
#[derive(Serialize, Deserialize, Debug)]
struct FileV1 {
    draft_version: u32,
    /// "2019" or "2021".
    format: String,
    body: String,
    level: Level,
    year: i32,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publish_date: Option<String>,
    /// Added within version 1: older files lack it, and it is written only when set, so that a
    /// draft without it saves exactly as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    local_deadline: Option<String>,
    /// Added within version 1, like `local_deadline`: the 信息处理费 in 元, as typed ("380").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    info_fee: Option<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    preamble: String,
    #[serde(default)]
    overview: OverviewV1,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    other_matters: String,
    #[serde(default)]
    table2: StoredTable,
    #[serde(default)]
    table3: StoredTable,
    #[serde(default)]
    table4: StoredTable,
}

#[derive(Serialize, Deserialize, Debug, Default)]
#[serde(default)]
struct OverviewV1 {
    intro: String,
    parts: Vec<Part>,
}

/// The second draft file format: the first, and three fields at the end, each left out of the
/// file when empty (so a plain draft reads exactly like a version-1 one but for its version).
#[derive(Serialize, Deserialize, Debug)]
struct FileV2 {
    draft_version: u32,
    /// "2019" or "2021".
    format: String,
    body: String,
    level: Level,
    year: i32,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publish_date: Option<String>,
    /// A 乡镇's local deadline (R15); written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    local_deadline: Option<String>,
    /// The 信息处理费 in 元, as typed ("380"); written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    info_fee: Option<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    preamble: String,
    #[serde(default)]
    overview: OverviewV1,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    other_matters: String,
    #[serde(default)]
    table2: StoredTable,
    #[serde(default)]
    table3: StoredTable,
    #[serde(default)]
    table4: StoredTable,
    /// Last year's figures for the cross-year checks (R8, R9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_year: Option<LastYearV2>,
    /// Text fields carried from last year, not yet reviewed: "preamble", "part_text:0", ….
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    review: Vec<String>,
    /// The 机关名称 of the units a 汇总 adds up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged_from: Vec<String>,
}

/// Last year's figures as stored: cells as text, like the tables.
#[derive(Serialize, Deserialize, Debug)]
struct LastYearV2 {
    body: String,
    year: i32,
    /// The format `table2` is keyed in.
    format: String,
    /// Table 三 row 四、结转下年度继续办理: column id → figure.
    #[serde(default)]
    carry_forward: StoredRow,
    /// Table 二 figures R9 starts from, like `table2` of the draft.
    #[serde(default)]
    table2: StoredTable,
}

impl From<FileV1> for FileV2 {
    fn from(v1: FileV1) -> FileV2 {
        FileV2 {
            draft_version: 2,
            format: v1.format,
            body: v1.body,
            level: v1.level,
            year: v1.year,
            title: v1.title,
            publish_date: v1.publish_date,
            local_deadline: v1.local_deadline,
            info_fee: v1.info_fee,
            contact: v1.contact,
            preamble: v1.preamble,
            overview: v1.overview,
            problems: v1.problems,
            other_matters: v1.other_matters,
            table2: v1.table2,
            table3: v1.table3,
            table4: v1.table4,
            last_year: None,
            review: Vec::new(),
            merged_from: Vec::new(),
        }
    }
}

/// The third draft file format: the second, and two fields at the end, each left out of the file
/// when empty.
#[derive(Serialize, Deserialize, Debug)]
struct FileV3 {
    draft_version: u32,
    /// "2019" or "2021".
    format: String,
    body: String,
    level: Level,
    year: i32,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publish_date: Option<String>,
    /// A 乡镇's local deadline (R15); written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    local_deadline: Option<String>,
    /// The 信息处理费 in 元, as typed ("380"); written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    info_fee: Option<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    preamble: String,
    #[serde(default)]
    overview: OverviewV1,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    other_matters: String,
    #[serde(default)]
    table2: StoredTable,
    #[serde(default)]
    table3: StoredTable,
    #[serde(default)]
    table4: StoredTable,
    /// Last year's figures for the cross-year checks (R8, R9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_year: Option<LastYearV2>,
    /// Text fields carried from last year, not yet reviewed: "preamble", "part_text:0", ….
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    review: Vec<String>,
    /// The 机关名称 of the units a 汇总 adds up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged_from: Vec<String>,
    /// The regional profile the draft was checked with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    profile: Option<ProfileRefV3>,
    /// The section headings of an imported report as published (section 0–5, text, number,
    /// whether the wording is official).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    published_headings: Vec<PublishedHeadingV3>,
    /// Last year's whole report, written like a draft (without its own `last_year_report`); read
    /// only together with `last_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_year_report: Option<Box<FileV3>>,
}

/// A published section heading, as stored.
#[derive(Serialize, Deserialize, Debug)]
struct PublishedHeadingV3 {
    section: usize,
    text: String,
    #[serde(default)]
    number: Option<usize>,
    #[serde(default)]
    exact: bool,
}

/// The regional profile a draft was checked with, as stored.
#[derive(Serialize, Deserialize, Debug)]
struct ProfileRefV3 {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: u32,
}

impl From<FileV2> for FileV3 {
    fn from(v2: FileV2) -> FileV3 {
        FileV3 {
            draft_version: 3,
            format: v2.format,
            body: v2.body,
            level: v2.level,
            year: v2.year,
            title: v2.title,
            publish_date: v2.publish_date,
            local_deadline: v2.local_deadline,
            info_fee: v2.info_fee,
            contact: v2.contact,
            preamble: v2.preamble,
            overview: v2.overview,
            problems: v2.problems,
            other_matters: v2.other_matters,
            table2: v2.table2,
            table3: v2.table3,
            table4: v2.table4,
            last_year: v2.last_year,
            review: v2.review,
            merged_from: v2.merged_from,
            profile: None,
            published_headings: Vec::new(),
            last_year_report: None,
        }
    }
}

/// Only the version, read first so that a newer file is refused before anything else is read.
#[derive(Deserialize)]
struct Probe {
    /// 0 when the field is missing: no draft was ever written with version 0.
    #[serde(default)]
    draft_version: u32,
}

/// Why a draft could not be read. Every message is for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法读取文件：{0}")]
    Io(String),
    #[error("文件不是 UTF-8 编码的文本，不是年报草稿")]
    NotText,
    #[error("草稿文件第 {line} 行第 {col} 列有错误：{message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    #[error("这不是年报草稿文件（文件中没有 draft_version 草稿版本号）")]
    NotADraft,
    #[error(
        "此草稿由更新版本的 nianbao 保存（草稿版本 {found}），本程序只能读取到版本 {DRAFT_VERSION}。\
         为免丢失内容，没有打开它；请升级 nianbao 后再打开"
    )]
    TooNew { found: u32 },
    #[error("草稿内容有误：{0}")]
    Invalid(String),
    /// Another kind of file altogether: a web page saved as `.ron`, a Word document, a PDF. The
    /// text says what it looks like.
    #[error("这不是 nianbao 草稿文件（{0}）")]
    Foreign(&'static str),
}

/// Why a draft could not be saved. The draft in memory is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("没有写入权限：文件只读，或所在文件夹不允许写入（{path}）。请用“另存为”保存到其他位置")]
    PermissionDenied { path: String },
    #[error("文件夹不存在（{path}）。请用“另存为”选择其他位置")]
    MissingFolder { path: String },
    #[error(
        "磁盘空间已满，未能保存（{path}）。原文件未受影响；请清理磁盘或用“另存为”保存到其他位置"
    )]
    DiskFull { path: String },
    #[error("保存失败：{message}（{path}）。原文件未受影响")]
    Other { path: String, message: String },
}

impl SaveError {
    fn from_io(err: &io::Error, path: &Path) -> SaveError {
        let path = path.display().to_string();
        match err.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                SaveError::PermissionDenied { path }
            }
            io::ErrorKind::NotFound => SaveError::MissingFolder { path },
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                SaveError::DiskFull { path }
            }
            _ => SaveError::Other {
                path,
                message: err.to_string(),
            },
        }
    }
}

fn store_table(format: FormatId, cells: &Cells, table: TableId) -> StoredTable {
    let mut rows: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for cell in format.def().table(table).cells() {
        let Some(value) = cells.get(&cell.key()) else {
            continue;
        };
        let entry = (cell.col.id.to_string(), value.to_string());
        match rows.last_mut() {
            Some((row, cells)) if row == cell.row.id => cells.push(entry),
            _ => rows.push((cell.row.id.to_string(), vec![entry])),
        }
    }
    StoredTable(rows)
}

fn store_last_year(last: &LastYear) -> LastYearV2 {
    // Columns in the order of the official table.
    let columns = last
        .format
        .def()
        .table(TableId::T3)
        .blocks
        .iter()
        .flat_map(|b| b.columns.iter());
    let carry_forward = columns
        .filter_map(|col| {
            let n = last.carry_forward.get(col.id)?;
            Some((col.id.to_string(), n.to_string()))
        })
        .collect();
    LastYearV2 {
        body: last.body.clone(),
        year: last.year,
        format: last.format.code().to_string(),
        carry_forward: StoredRow(carry_forward),
        table2: store_table(last.format, &last.table2, TableId::T2),
    }
}

fn to_file(draft: &Draft) -> FileV3 {
    FileV3 {
        draft_version: DRAFT_VERSION,
        format: draft.format.code().to_string(),
        body: draft.body.clone(),
        level: draft.level,
        year: draft.year,
        title: draft.title_override.clone(),
        publish_date: draft.publish_date.map(|d| d.to_string()),
        local_deadline: draft.local_deadline.map(|d| d.to_string()),
        info_fee: draft.info_fee.map(|a| a.normalize().to_string()),
        contact: draft.contact.clone(),
        preamble: draft.preamble.clone(),
        overview: OverviewV1 {
            intro: draft.overview_intro.clone(),
            parts: draft.parts.clone(),
        },
        problems: draft.problems.clone(),
        other_matters: draft.other_matters.clone(),
        table2: store_table(draft.format, &draft.cells, TableId::T2),
        table3: store_table(draft.format, &draft.cells, TableId::T3),
        table4: store_table(draft.format, &draft.cells, TableId::T4),
        last_year: draft.last_year.as_ref().map(store_last_year),
        review: draft.review.iter().map(|f| f.code()).collect(),
        merged_from: draft.merged_from.clone(),
        profile: draft.profile.as_ref().map(|p| ProfileRefV3 {
            id: p.id.clone(),
            name: p.name.clone(),
            version: p.version,
        }),
        published_headings: (draft.published_headings.iter())
            .map(|h| PublishedHeadingV3 {
                section: h.section,
                text: h.text.clone(),
                number: h.number,
                exact: h.exact,
            })
            .collect(),
        last_year_report: (draft.last_year.as_ref())
            .and_then(|ly| ly.report.as_deref())
            .map(|report| Box::new(to_file(&report_without_links(report)))),
    }
}

/// Last year's report as the file keeps it: without its own link to the year before (and so
/// without that year's report), so that a chain of years never nests.
fn report_without_links(report: &Draft) -> Draft {
    let mut report = report.clone();
    report.last_year = None;
    report
}

fn load_table(
    format: FormatId,
    table: TableId,
    stored: StoredTable,
    cells: &mut Cells,
) -> Result<(), LoadError> {
    let def = format.def().table(table);
    for (row, columns) in stored.0 {
        for (col, text) in columns {
            let cell = def.cell(&row, &col).ok_or_else(|| {
                LoadError::Invalid(format!(
                    "{}中没有行“{row}”列“{col}”（{}不含此单元格）",
                    table.short_name(),
                    format.name()
                ))
            })?;
            let ty = match cell.kind() {
                CellKind::Entered(ty) => ty,
                CellKind::Total => crate::format::CellType::Count,
            };
            match parse_cell(ty, &text) {
                Ok(Some(value)) => {
                    cells.insert(cell.key(), value);
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(LoadError::Invalid(format!("{}：{e}", cell.describe())));
                }
            }
        }
    }
    Ok(())
}

fn parse_format(code: &str) -> Result<FormatId, LoadError> {
    FormatId::ALL
        .into_iter()
        .find(|f| f.code() == code)
        .ok_or_else(|| LoadError::Invalid(format!("未知的表格格式“{code}”（应为 2019 或 2021）")))
}

fn check_year(year: i32) -> Result<(), LoadError> {
    if !REPORT_YEARS.contains(&year) {
        return Err(LoadError::Invalid(format!("报告年度 {year} 不是有效年份")));
    }
    Ok(())
}

fn load_last_year(stored: LastYearV2) -> Result<LastYear, LoadError> {
    let in_last_year = |e: LoadError| match e {
        LoadError::Invalid(m) => LoadError::Invalid(format!("上年数据：{m}")),
        other => other,
    };
    let format = parse_format(&stored.format).map_err(in_last_year)?;
    check_year(stored.year).map_err(in_last_year)?;
    let table3 = format.def().table(TableId::T3);
    let mut carry_forward = BTreeMap::new();
    for (col, text) in stored.carry_forward.0 {
        let cell = table3
            .cell("carry_forward", &col)
            .ok_or_else(|| LoadError::Invalid(format!("上年数据：表三中没有列“{col}”")))?;
        match parse_cell(crate::format::CellType::Count, &text) {
            Ok(Some(value)) => {
                if let Some(n) = value.as_count() {
                    carry_forward.insert(cell.col.id, n);
                }
            }
            Ok(None) => {}
            Err(e) => {
                return Err(LoadError::Invalid(format!(
                    "上年数据：{}：{e}",
                    cell.describe()
                )));
            }
        }
    }
    let mut table2 = Cells::new();
    load_table(format, TableId::T2, stored.table2, &mut table2).map_err(in_last_year)?;
    Ok(LastYear {
        body: stored.body,
        year: stored.year,
        format,
        carry_forward,
        table2,
        report: None,
    })
}

fn from_file(file: FileV3) -> Result<Draft, LoadError> {
    let format = parse_format(&file.format)?;
    check_year(file.year)?;
    let publish_date = match file.publish_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<Date>()
                .map_err(|e| LoadError::Invalid(format!("计划发布日期：{e}")))?,
        ),
    };
    let local_deadline = match file.local_deadline.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<Date>()
                .map_err(|e| LoadError::Invalid(format!("乡镇发布时限：{e}")))?,
        ),
    };
    let info_fee = match file.info_fee.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<Decimal>()
                .ok()
                .filter(|a| !a.is_sign_negative())
                .ok_or_else(|| {
                    LoadError::Invalid(format!("信息处理费：“{text}”不是有效金额（单位：元）"))
                })?,
        ),
    };
    let mut last_year = file.last_year.map(load_last_year).transpose()?;
    if let (Some(ly), Some(report)) = (last_year.as_mut(), file.last_year_report) {
        let report = from_file(*report).map_err(|e| match e {
            LoadError::Invalid(m) => LoadError::Invalid(format!("上年报告：{m}")),
            other => other,
        })?;
        ly.report = Some(Box::new(report));
    }
    let mut cells = Cells::new();
    load_table(format, TableId::T2, file.table2, &mut cells)?;
    load_table(format, TableId::T3, file.table3, &mut cells)?;
    load_table(format, TableId::T4, file.table4, &mut cells)?;
    Ok(Draft {
        format,
        body: file.body,
        level: file.level,
        year: file.year,
        title_override: file.title,
        publish_date,
        local_deadline,
        info_fee,
        contact: file.contact,
        preamble: file.preamble,
        overview_intro: file.overview.intro,
        parts: file.overview.parts,
        problems: file.problems,
        other_matters: file.other_matters,
        cells,
        last_year,
        review: file
            .review
            .iter()
            .map(|code| {
                TextField::from_code(code)
                    .ok_or_else(|| LoadError::Invalid(format!("无法识别的待复核字段“{code}”")))
            })
            .collect::<Result<_, _>>()?,
        merged_from: file.merged_from,
        published_headings: file
            .published_headings
            .into_iter()
            .map(|h| {
                if h.section >= SECTION_HEADINGS.len() {
                    return Err(LoadError::Invalid(format!(
                        "已发布标题“{}”的部分编号 {} 无效",
                        h.text, h.section
                    )));
                }
                Ok(PublishedHeading {
                    section: h.section,
                    text: h.text,
                    number: h.number,
                    exact: h.exact,
                })
            })
            .collect::<Result<_, _>>()?,
        profile: file.profile.map(|p| ProfileRef {
            id: p.id,
            name: p.name,
            version: p.version,
        }),
    })
}

/// The draft as `.ron` text.
pub fn to_ron(draft: &Draft) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .struct_names(false)
        // Rows of a table, and parts of section 一, each on one line.
        .depth_limit(2)
        .indentor("  ");
    match ron::ser::to_string_pretty(&to_file(draft), pretty) {
        Ok(body) => format!("{HEADER}{body}\n"),
        // The file struct holds only strings, numbers, maps and unit enums: nothing ron cannot
        // write. Should that ever change, an escaped form still keeps the draft.
        Err(_) => format!(
            "{HEADER}{}\n",
            ron::to_string(&to_file(draft)).unwrap_or_default()
        ),
    }
}

/// A ron error in words for the clerk, fully in Chinese: ron's own messages are English and name
/// the file's internal structs, which a clerk cannot act on. Field names and values of the draft
/// file itself are quoted, with the line and column.
pub(crate) fn syntax_error(err: &ron::error::SpannedError) -> LoadError {
    use ron::Error as E;
    let message = match &err.code {
        E::Eof => "文件意外结束，可能不完整（被截断）".to_string(),
        E::MissingStructField { field, .. } => format!("缺少字段 {field}"),
        E::NoSuchStructField { found, .. } => format!("无法识别的字段 {found}"),
        E::DuplicateStructField { field, .. } => format!("字段 {field} 重复"),
        E::NoSuchEnumVariant { found, .. } => format!("无法识别的取值 {found}"),
        E::ExpectedStringEnd => {
            "此处开始的带引号文字没有结束，文件可能不完整（被截断）".to_string()
        }
        E::ExpectedString | E::ExpectedByteString => "此处应为带引号的文字".to_string(),
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "此处应为整数".to_string()
        }
        E::ExpectedFloat | E::FloatUnderscore => "此处应为数字".to_string(),
        E::ExpectedBoolean => "此处应为 true 或 false".to_string(),
        E::ExpectedComma => "此处缺少逗号".to_string(),
        E::ExpectedMapColon => "此处缺少冒号".to_string(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) | E::ExpectedStructName(_) => {
            "此处应为以“(”开始的一组内容".to_string()
        }
        E::ExpectedStructLikeEnd => "此处应为“)”，括号没有闭合".to_string(),
        E::ExpectedArray => "此处应为以“[”开始的列表".to_string(),
        E::ExpectedArrayEnd => "此处应为“]”，列表没有闭合".to_string(),
        E::ExpectedMap => "此处应为以“{”开始的对照表".to_string(),
        E::ExpectedMapEnd => "此处应为“}”，对照表没有闭合".to_string(),
        E::ExpectedOption | E::ExpectedOptionEnd => "此处应为 Some(…) 或 None".to_string(),
        E::ExpectedUnit => "此处应为“()”".to_string(),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => {
            "此处应为字段名".to_string()
        }
        E::ExpectedChar | E::ExpectedByteLiteral => "此处应为单个字符".to_string(),
        E::InvalidEscape(_) => "文字中的转义符（\\）无效".to_string(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "注释没有结束".to_string(),
        E::UnexpectedChar(c) => format!("此处不应出现字符“{c}”"),
        E::Utf8Error(_) => "文件中有无法识别的字符".to_string(),
        E::TrailingCharacters => "草稿结束后还有多余内容".to_string(),
        // A message of this program's own (Chinese) is kept; serde's are English.
        E::Message(m) if !m.is_ascii() => m.clone(),
        E::InvalidValueForType { .. } | E::Message(_) => {
            "此处的内容类型不对（例如应为数字处写了文字）".to_string()
        }
        E::ExpectedDifferentLength { .. } => "此处的项数不对".to_string(),
        E::ExceededRecursionLimit => "括号嵌套层数过多".to_string(),
        _ => "此处的写法不符合草稿文件格式".to_string(),
    };
    LoadError::Syntax {
        line: err.span.start.line,
        col: err.span.start.col,
        message,
    }
}

/// [`syntax_error`], where an error at the very end of the text (past its last non-blank
/// character) is said to be what it nearly always is: a file cut short.
fn syntax_error_in(text: &str, err: &ron::error::SpannedError) -> LoadError {
    let trimmed = text.trim_end();
    let last_line = trimmed.lines().count().max(1);
    let last_col = trimmed.lines().last().map_or(0, |l| l.chars().count());
    let (line, col) = (err.span.start.line, err.span.start.col);
    let at_end = line > last_line || (line == last_line && col > last_col);
    match syntax_error(err) {
        LoadError::Syntax { line, col, .. } if at_end => LoadError::Syntax {
            line,
            col,
            message: "文件意外结束，可能不完整（被截断）".to_string(),
        },
        other => other,
    }
}

/// What a file that is not a draft looks like, from its first bytes: a web page, a Word or
/// other Office document, a zip, a PDF. `None` when it might be a draft.
fn foreign_kind(bytes: &[u8]) -> Option<&'static str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..];
    let lower: Vec<u8> = head.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(if contains(b"word/") {
            "看起来是 Word 文档（.docx），请在 Word 或 WPS 中打开；要导入已发布的报告，请用“导入”"
        } else if contains(b"xl/") {
            "看起来是 Excel 表格（.xlsx）"
        } else {
            "看起来是压缩文件（.zip）"
        });
    }
    if head.starts_with(b"\xd0\xcf\x11\xe0") {
        return Some("看起来是旧版 Word 或 Excel 文档（.doc、.xls）");
    }
    if head.starts_with(b"%PDF") {
        return Some("看起来是 PDF 文件");
    }
    if head.starts_with(b"{\\rtf") {
        return Some("看起来是 RTF 文档");
    }
    if lower.starts_with(b"<?xml") {
        return Some("看起来是 XML 文件");
    }
    if lower.starts_with(b"<") {
        return Some("看起来是网页 HTML");
    }
    None
}

/// Reads a draft from `.ron` text. Refuses a newer draft version before reading anything else,
/// and migrates older ones.
pub fn from_ron(text: &str) -> Result<Draft, LoadError> {
    from_ron_versioned(text).map(|(draft, _)| draft)
}

/// Like [`from_ron`], and also the draft-file version the text was written in (lower than
/// [`DRAFT_VERSION`] for a draft that was migrated).
pub fn from_ron_versioned(text: &str) -> Result<(Draft, u32), LoadError> {
    if let Some(kind) = foreign_kind(text.as_bytes()) {
        return Err(LoadError::Foreign(kind));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron::Options::default().with_recursion_limit(64);
    let probe: Probe = options
        .from_str(text)
        .map_err(|e| syntax_error_in(text, &e))?;
    let version = probe.draft_version;
    if version == 0 {
        return Err(LoadError::NotADraft);
    }
    if version > DRAFT_VERSION {
        return Err(LoadError::TooNew { found: version });
    }
    migrate(version, text, &options).map(|draft| (draft, version))
}

/// Reads a draft written in `version` of the file format. Each past version gets a branch that
/// reads its own struct and converts it forward.
fn migrate(version: u32, text: &str, options: &ron::Options) -> Result<Draft, LoadError> {
    match version {
        1 => {
            let file: FileV1 = options
                .from_str(text)
                .map_err(|e| syntax_error_in(text, &e))?;
            from_file(FileV3::from(FileV2::from(file)))
        }
        2 => {
            let file: FileV2 = options
                .from_str(text)
                .map_err(|e| syntax_error_in(text, &e))?;
            from_file(FileV3::from(file))
        }
        3 => {
            let file: FileV3 = options
                .from_str(text)
                .map_err(|e| syntax_error_in(text, &e))?;
            from_file(file)
        }
        _ => Err(LoadError::Invalid(format!("草稿版本 {version} 无效"))),
    }
}

/// Reads a draft from a file.
pub fn load(path: &Path) -> Result<Draft, LoadError> {
    load_versioned(path).map(|(draft, _)| draft)
}

/// Reads a draft from a file, with the draft-file version it was written in.
pub fn load_versioned(path: &Path) -> Result<(Draft, u32), LoadError> {
    let bytes = fs::read(path).map_err(|e| {
        LoadError::Io(match e.kind() {
            io::ErrorKind::NotFound => format!("文件不存在（{}）", path.display()),
            io::ErrorKind::PermissionDenied => format!("没有读取权限（{}）", path.display()),
            io::ErrorKind::IsADirectory => {
                format!("这是一个文件夹，不是草稿文件（{}）", path.display())
            }
            _ => match e.raw_os_error() {
                Some(code) => format!("读取失败（系统错误代码 {code}）（{}）", path.display()),
                None => format!("读取失败（{}）", path.display()),
            },
        })
    })?;
    if let Some(kind) = foreign_kind(&bytes) {
        return Err(LoadError::Foreign(kind));
    }
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText)?;
    from_ron_versioned(&text)
}

/// A draft that can be offered in place of one that failed to load.
#[derive(Clone, Debug)]
pub struct Alternative {
    /// The file to open instead.
    pub path: PathBuf,
    /// When it was last written, if the file system says.
    pub modified: Option<std::time::SystemTime>,
    /// The draft it holds (it loaded).
    pub draft: Draft,
}

impl Alternative {
    /// "上一次保存的版本（某局.ron.bak，保存于 2026年12月1日 15:20（北京时间））": how a window or the
    /// command line offers it.
    pub fn describe(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match self.saved_at_text() {
            Some(at) => format!("上一次保存的版本（{name}，保存于 {at}）"),
            None => format!("上一次保存的版本（{name}）"),
        }
    }

    /// The modification time in Beijing time, "2026年12月1日 15:20（北京时间）".
    pub fn saved_at_text(&self) -> Option<String> {
        let secs = self
            .modified?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Some(crate::date::beijing_time(secs))
    }
}

/// What can be offered instead of the draft at `path` (one that failed to load, or is gone): the
/// previous version [`save`] kept beside it ([`backup_path`], `name.ron.bak`), if it exists and
/// loads, with its modification time. Empty when there is nothing to offer.
pub fn alternatives(path: &Path) -> Vec<Alternative> {
    let backup = backup_path(path);
    let Ok(draft) = load(&backup) else {
        return Vec::new();
    };
    let modified = fs::metadata(&backup).and_then(|m| m.modified()).ok();
    vec![Alternative {
        path: backup,
        modified,
        draft,
    }]
}

/// Where the previous version of a saved file is kept: `name.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes bytes to `path` atomically: to a temporary file in the same folder, flushed to disk,
/// then renamed over the target, so that a crash at any moment leaves the old file or the new
/// one whole. The previous file, if any, is kept as [`backup_path`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomically`] with the write itself supplied, so that tests can make it fail as a full
/// disk would.
#[doc(hidden)]
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SaveError::MissingFolder {
            path: dir.display().to_string(),
        });
    }
    let fail = |e: &io::Error| SaveError::from_io(e, path);
    if path.is_file() && fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        // A read-only target would be replaced by the rename on Unix: refuse as the clerk expects.
        return Err(SaveError::PermissionDenied {
            path: path.display().to_string(),
        });
    }
    // The temporary file is removed when dropped, so a failed write leaves nothing behind.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    // Temporary files are private (0600); the file that replaces the clerk's must be as readable
    // as any file they make: as the old one was, or as the umask makes a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| fail(&e))?;
    if let Ok(old) = fs::metadata(path)
        && old.is_file()
    {
        fs::set_permissions(tmp.path(), old.permissions()).map_err(|e| fail(&e))?;
    }
    write(tmp.as_file_mut(), bytes).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    if path.is_file() {
        keep_backup(path, &dir).map_err(|e| fail(&e))?;
    }
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Replaces the backup with the current file, atomically too: the backup is a whole old version
/// at every moment (a hard link where the file system has them, a copy elsewhere).
fn keep_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let staged = tempfile::Builder::new()
        .prefix(".nianbao-")
        .suffix(".bak.tmp")
        .make_in(dir, |p| {
            fs::hard_link(path, p).or_else(|_| fs::copy(path, p).map(|_| ()))
        })?;
    staged.persist(backup_path(path)).map_err(|e| e.error)?;
    Ok(())
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // The draft is already saved under its name; a folder that cannot be synced (some file
        // systems refuse it) only leaves the rename less durable, nothing the clerk can act on.
        d.sync_all().ok();
    }
}

/// What a file was when the draft was opened or saved: to notice another program changing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    hash: u64,
}

impl FileStamp {
    /// The stamp of a file as it is now; `None` when it cannot be read (gone, no permission).
    pub fn of(path: &Path) -> Option<FileStamp> {
        use std::hash::{Hash as _, Hasher as _};
        let bytes = fs::read(path).ok()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Some(FileStamp {
            len: bytes.len() as u64,
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: hasher.finish(),
        })
    }

    /// Whether the file at `path` is no longer what this stamp recorded (changed or removed).
    pub fn changed(&self, path: &Path) -> bool {
        match FileStamp::of(path) {
            // The contents decide: a touched but identical file is not a change.
            Some(now) => now.len != self.len || now.hash != self.hash,
            None => path.exists(),
        }
    }
}

/// Saves a draft atomically (see [`write_atomically`]).
pub fn save(draft: &Draft, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_ron(draft).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::CellKey;
    use crate::value::Value;

    fn sample() -> Draft {
        let mut d = Draft::new("测试县人民政府", Level::County, 2021);
        d.preamble = "第一段。\n第二段，含“引号”和\\反斜杠。".into();
        d.cells.insert(
            CellKey {
                table: TableId::T3,
                row: "new",
                col: "natural",
            },
            Value::Count(5),
        );
        d.cells.insert(
            CellKey {
                table: TableId::T2,
                row: "fees",
                col: "amount",
            },
            Value::Amount("7730.280".parse().unwrap_or_default()),
        );
        d.publish_date = Date::new(2022, 1, 20);
        d
    }

    #[test]
    fn round_trips_and_is_readable() {
        let d = sample();
        let text = to_ron(&d);
        assert!(text.contains("body: \"测试县人民政府\""), "{text}");
        assert!(text.contains("\"natural\": \"5\""), "{text}");
        assert!(text.contains("7730.280"));
        assert_eq!(from_ron(&text).unwrap(), d);
    }

    #[test]
    fn local_deadline_and_info_fee_are_optional_and_written_only_when_set() {
        let d = sample();
        let text = to_ron(&d);
        assert!(
            !text.contains("local_deadline") && !text.contains("info_fee"),
            "{text}"
        );
        let mut t = sample();
        t.level = Level::Township;
        t.local_deadline = Date::new(2022, 2, 28);
        t.info_fee = "380.50".parse().ok();
        let text = to_ron(&t);
        assert!(
            text.contains("local_deadline: Some(\"2022-02-28\")"),
            "{text}"
        );
        assert!(text.contains("info_fee: Some(\"380.5\")"), "{text}");
        assert_eq!(from_ron(&text).unwrap(), t);
        let bad = text.replace("\"380.5\"", "\"三百\"");
        let err = from_ron(&bad).unwrap_err().to_string();
        assert!(err.contains("信息处理费") && err.contains("三百"), "{err}");
        let negative = text.replace("\"380.5\"", "\"-1\"");
        assert!(from_ron(&negative).is_err());
        let bad = text.replace("\"2022-02-28\"", "\"二月底\"");
        let err = from_ron(&bad).unwrap_err().to_string();
        assert!(err.contains("乡镇发布时限"), "{err}");
    }

    #[test]
    fn broken_files_give_chinese_messages_with_positions() {
        let text = to_ron(&sample());
        let half = (0..=text.len() / 2)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        let truncated = &text[..half];
        match from_ron(truncated) {
            Err(LoadError::Syntax { line, .. }) => assert!(line > 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(from_ron("(foo: 1)"), Err(LoadError::NotADraft)));
        assert!(matches!(
            from_ron("[1, 2, 3]"),
            Err(LoadError::Syntax { .. })
        ));
        let newer = text.replace(
            &format!("draft_version: {DRAFT_VERSION}"),
            "draft_version: 99",
        );
        let err = from_ron(&newer).unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 99 }));
        assert!(err.to_string().contains("更新版本"));
        let bad_cell = text.replace("\"natural\": \"5\"", "\"natural\": \"12a\"");
        let err = from_ron(&bad_cell).unwrap_err().to_string();
        assert!(err.contains("12a") && err.contains("自然人"), "{err}");
        let bad_row = text.replace("\"new\":", "\"nonsense\":");
        assert!(
            from_ron(&bad_row)
                .unwrap_err()
                .to_string()
                .contains("nonsense")
        );
    }

    #[test]
    fn save_is_atomic_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("草稿.ron");
        let mut d = sample();
        save(&d, &path).unwrap();
        assert!(!backup_path(&path).exists());
        d.body = "改名后".into();
        save(&d, &path).unwrap();
        assert_eq!(load(&path).unwrap().body, "改名后");
        assert_eq!(load(&backup_path(&path)).unwrap().body, "测试县人民政府");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn save_into_a_missing_folder_fails_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有这个文件夹").join("a.ron");
        let err = save(&sample(), &path).unwrap_err();
        assert!(matches!(err, SaveError::MissingFolder { .. }));
        assert!(err.to_string().contains("文件夹不存在"));
    }

    #[test]
    fn a_full_disk_leaves_the_old_file_whole_and_no_litter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        save(&sample(), &path).unwrap();
        let before = fs::read(&path).unwrap();
        let full = |_: &mut fs::File, _: &[u8]| Err(io::Error::from(io::ErrorKind::StorageFull));
        let err = write_atomically_with(&path, b"new", full).unwrap_err();
        assert!(matches!(err, SaveError::DiskFull { .. }), "{err:?}");
        assert!(err.to_string().contains("磁盘空间已满"));
        assert_eq!(fs::read(&path).unwrap(), before);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // Half a write, then the failure: the same.
        let half = |f: &mut fs::File, b: &[u8]| {
            f.write_all(&b[..b.len() / 2])?;
            Err(io::Error::other("设备错误"))
        };
        assert!(write_atomically_with(&path, b"new contents", half).is_err());
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn stamps_notice_another_program_changing_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        save(&sample(), &path).unwrap();
        let stamp = FileStamp::of(&path).unwrap();
        assert!(!stamp.changed(&path));
        fs::write(&path, "(draft_version: 1)").unwrap();
        assert!(stamp.changed(&path));
    }

    #[cfg(unix)]
    #[test]
    fn save_over_a_read_only_file_fails_clearly() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        save(&sample(), &path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = save(&sample(), &path).unwrap_err();
        assert!(matches!(err, SaveError::PermissionDenied { .. }), "{err:?}");
    }
}
