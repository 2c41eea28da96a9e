//! Importing a published report from its text: text copied from a portal page (tab-separated
//! table cells), nianbao's own text export, or text extracted from a PDF or converted to Markdown
//! with the damage that brings.
//!
//! The result is a draft plus an import report (导入说明) for the clerk: what was read, what was
//! matched despite a typo, what is missing, and what could not be read. Tables are read as
//! published: totals are kept as stated, so the checker reports what the publisher got wrong;
//! nothing is fixed silently and nothing is made up. A cell or a table that cannot be read
//! unambiguously is left blank and reported.
//!
//! ```
//! let text = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
//! let import = nianbao::import::import_text(text).unwrap();
//! assert_eq!(import.draft.body, "某县人民政府");
//! assert!(!import.notes.is_empty());
//! ```

mod cells;
mod contact;
mod docx;
mod flat;
mod html;
mod labels;
mod notes;
mod pdf;
mod sections;
pub mod source;
mod tables;
mod text;
mod title;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

pub use notes::{ImportNote, NoteKind};
pub use source::SourceKind;

use crate::address::{Location, MetaField};
use crate::convert;
use crate::draft::{Contact, Draft, Level, SECTION_HEADINGS, TextField};
use crate::format::{CellKey, FormatId, TableId};
use crate::pattern::re;
use crate::value::Value;
use sections::Heading;
use tables::TableRead;
use text::{Line, Wrapping};

/// The largest text the importer reads. A report's text is well under 1 MB; anything far larger
/// is another kind of file, and refusing it up front keeps the work bounded.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// A published report read into a draft, with the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub draft: Draft,
    /// 导入说明: what was read, matched, missing or unreadable, in the order of the report.
    pub notes: Vec<ImportNote>,
}

/// Why a text could not be imported at all. Every message is for the clerk.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("文件是空的，没有可导入的内容")]
    Empty,
    #[error(
        "文件过大（约 {} MB），超过导入上限 {} MB。年度报告的文本通常不到 1 MB，请确认选择的是年度报告的文本文件",
        .bytes / (1024 * 1024),
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: usize },
    #[error(
        "文件不是 UTF-8 或 GBK 编码的文本，也不是 Word 文档（.docx）或网页。请把报告全文复制到文本文件，以 UTF-8 编码保存后再导入"
    )]
    NotText,
    #[error("未能识别为政府信息公开工作年度报告：{0}")]
    NotAReport(String),
    #[error("未找到报告年度：标题和统计期限中都没有“××××年”。请确认这是政府信息公开工作年度报告")]
    NoYear,
    /// The file could not be read; the reason, for the clerk ("文件不存在").
    #[error("无法读取文件：{0}")]
    Read(String),
    #[error(
        "{kind}过大（约 {} MB），超过导入上限 {} MB，请确认选择的是年度报告",
        .bytes / (1024 * 1024),
        .limit / (1024 * 1024)
    )]
    FileTooLarge {
        kind: &'static str,
        bytes: usize,
        limit: usize,
    },
    #[error(
        "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，无法直接导入。请在 Word 或 WPS 中打开，“另存为”Word 文档（.docx）后再导入"
    )]
    OldWord,
    #[error(
        "这是一个压缩包，但不是 Word 文档（其中没有 word/document.xml）。请选择年度报告的 .docx、网页、PDF 或文本文件"
    )]
    NotWord,
    #[error("{kind}已损坏，无法读取：{why}")]
    Damaged { kind: &'static str, why: String },
    #[error(
        "Word 文档解压后的正文超过 {limit_mb} MB，不像是年度报告（可能是恶意构造的压缩包），未导入"
    )]
    Unpacked { limit_mb: u64 },
    #[error(
        "这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和数字。请找报告的 Word、网页或带文字的 PDF 版本；只有扫描件时，请先用文字识别（OCR）转成文字并核对后再导入"
    )]
    PdfNoText,
    #[error(
        "这个 PDF 文件已加密，无法读取。请找未加密的版本，或在 PDF 阅读器中取消密码后另存再导入"
    )]
    PdfEncrypted,
    #[error("PDF 文件有 {pages} 页，超过导入上限 {limit} 页，不像是年度报告，未导入")]
    PdfTooManyPages { pages: usize, limit: usize },
    #[error(
        "PDF 文件解压后的内容超过 {limit_mb} MB，不像是年度报告（可能是恶意构造的文件），未导入"
    )]
    PdfUnpacked { limit_mb: u64 },
    #[error("PDF 文件中的文字过多，不像是年度报告，未导入")]
    PdfTooManyGlyphs,
}

/// Imports a report from a file of any kind the importer reads ([`import_bytes`] of its
/// contents). A file over [`source::MAX_FILE_BYTES`] is refused before it is read.
pub fn import_file(path: &Path) -> Result<Import, ImportError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if usize::try_from(size).map_or(true, |s| s > source::MAX_FILE_BYTES) {
        return Err(ImportError::FileTooLarge {
            kind: "文件",
            bytes: usize::try_from(size).unwrap_or(usize::MAX),
            limit: source::MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| {
        ImportError::Read(match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => e.to_string(),
        })
    })?;
    import_bytes(&bytes)
}

/// The text a PDF is laid out into before the report readers take it (paragraphs, and table
/// rows as tab-separated cells): what the import of a PDF read, for tests and for finding why a
/// PDF imported as it did.
pub fn pdf_text(bytes: &[u8]) -> Result<String, ImportError> {
    pdf::read(bytes).map(|(flow, _)| flow.to_text())
}

/// Imports a report from the bytes of a file, its kind recognised by its content: a Word
/// document (.docx), a saved web page, or text (UTF-8 or GBK). The notes
/// name the kind and how the tables' cells were read.
pub fn import_bytes(bytes: &[u8]) -> Result<Import, ImportError> {
    let kind = source::detect(bytes)?;
    let kind = match kind {
        SourceKind::Text | SourceKind::TextGbk if bytes.len() > MAX_INPUT_BYTES => {
            return Err(ImportError::TooLarge { bytes: bytes.len() });
        }
        k if bytes.len() > k.max_bytes() => {
            return Err(ImportError::FileTooLarge {
                kind: k.name(),
                bytes: bytes.len(),
                limit: k.max_bytes(),
            });
        }
        k => k,
    };
    let cells_of = |tables: usize| match tables {
        0 => "文件中没有表格，统计表的数字按文字行读取".to_string(),
        n => format!(
            "统计表按文件中 {n} 个表格的单元格读取（合并单元格按其所占的行列对齐），不按文字猜测分界"
        ),
    };
    let (text, kind, detail, how) = match kind {
        SourceKind::Pdf => {
            let (flow, found) = pdf::read(bytes)?;
            let how = pdf::how_read(&found);
            (flow.to_text(), kind, String::new(), how)
        }
        SourceKind::Docx => {
            let flow = docx::read(bytes)?;
            (flow.to_text(), kind, String::new(), cells_of(flow.tables()))
        }
        SourceKind::Html => {
            let (page, encoding) = source::decode_html(bytes);
            let flow = html::read(&page);
            (
                flow.to_text(),
                kind,
                format!("，按 {encoding} 编码解码；已略去网站的导航、栏目、相关链接、页脚和脚本"),
                cells_of(flow.tables()),
            )
        }
        SourceKind::Text | SourceKind::TextGbk => {
            let (text, gbk) = source::decode_text(bytes)?;
            let kind = if gbk {
                SourceKind::TextGbk
            } else {
                SourceKind::Text
            };
            let detail = if gbk {
                "，已按 GBK 编码转换".to_string()
            } else {
                String::new()
            };
            let how = "统计表按文字行中的制表符、竖线或空格分隔读取".to_string();
            (text, kind, detail, how)
        }
    };
    let mut import = import_text(&text)?;
    import.notes.insert(
        1.min(import.notes.len()),
        ImportNote::new(
            NoteKind::Read,
            format!("来源：{}{detail}；{how}", kind.name()),
        ),
    );
    Ok(import)
}

static PERIOD_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20|21)[0-9]{2})年0?1月0?1日"));

/// The year of the 统计期限 sentence ("2021年1月1日至…"), whitespace ignored.
fn period_year(lines: &[Line]) -> Option<i32> {
    lines
        .iter()
        .filter(|l| l.text.contains('年'))
        .find_map(|l| {
            let compact: String = text::ascii_digits(&l.text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            PERIOD_YEAR
                .captures(&compact)
                .and_then(|c| c.get(1)?.as_str().parse().ok())
        })
}

fn slice<'a>(lines: &'a [Line], range: &std::ops::Range<usize>) -> &'a [Line] {
    lines.get(range.clone()).unwrap_or(&[])
}

/// Imports a report from its text. Text that lost its line breaks and cell boundaries (a
/// crawler's one line per report) is laid out again first, its tables' figures split by their
/// equations where the split is certain.
pub fn import_text(input: &str) -> Result<Import, ImportError> {
    if input.len() <= MAX_INPUT_BYTES
        && flat::is_flattened(input)
        && sections::find_headings(&text::lines(input)).len() < 2
        && let Some(relaid) = flat::relayout(input)
    {
        let mut import = read_text(&relaid.text)?;
        // A declined cell's placeholder was refused by the cell parser; the note on the row
        // says why instead.
        import.notes.retain(|n| {
            !(n.kind == NoteKind::Unreadable
                && matches!(n.location, Some(Location::Cell(k)) if relaid.declined.contains(&k)))
        });
        let at = 1.min(import.notes.len());
        import.notes.splice(at..at, relaid.notes);
        return Ok(import);
    }
    read_text(input)
}

/// Imports a report from text laid out in lines.
fn read_text(input: &str) -> Result<Import, ImportError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge { bytes: input.len() });
    }
    if input.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let normalised = input.replace("\r\n", "\n").replace('\r', "\n");
    let lines = text::lines(&normalised);
    let headings = sections::find_headings(&lines);
    let regions = sections::regions(&headings, lines.len());
    let section = |i: usize| regions.sections[i].as_ref().map(|r| slice(&lines, r));

    let before = slice(&lines, &regions.before);
    let before_texts: Vec<&str> = before.iter().map(|l| l.text.as_str()).collect();
    let found_title = title::find_title(&before_texts);
    let year = found_title
        .as_ref()
        .and_then(|t| t.year)
        .or_else(|| period_year(&lines))
        .or_else(|| title::first_year(&before_texts.join("\n")));
    let preferred = year.map_or(FormatId::F2021, FormatId::for_year);

    let t2 = section(1).map(|l| tables::read_table2(l, preferred));
    let t3 = section(2)
        .map(|l| tables::read_table3(l, t2.as_ref().and_then(|t| t.layout).unwrap_or(preferred)));
    let t4 = section(3).map(tables::read_table4);
    let tables_read = [&t2, &t3, &t4]
        .iter()
        .filter_map(|t| t.as_ref())
        .any(|t| !t.cells.is_empty());
    if headings.len() < 2 && !tables_read {
        return Err(ImportError::NotAReport(
            "既没有找到“一、总体情况”“三、收到和处理政府信息公开申请情况”等各部分的标题，也没有读到统计表格"
                .to_string(),
        ));
    }
    let year = year.ok_or(ImportError::NoYear)?;

    let mut notes: Vec<ImportNote> = Vec::new();
    let mut draft = Draft::new(String::new(), Level::County, year);
    draft.parts.clear();
    // The headings as published are kept for R24 only where they differ from the official six
    // (a report with the official headings imports exactly as before).
    let official = headings.len() == SECTION_HEADINGS.len()
        && (headings.iter().enumerate())
            .all(|(i, h)| h.section == i && h.number == Some(i + 1) && h.exact);
    if !official {
        draft.published_headings = headings
            .iter()
            .map(|h| crate::draft::PublishedHeading {
                section: h.section,
                text: h.text.clone(),
                number: h.number,
                exact: h.exact,
            })
            .collect();
    }

    // Title and body.
    let title_body = found_title
        .as_ref()
        .map(|t| t.body.clone())
        .unwrap_or_default();
    match &found_title {
        None => notes.push(title::missing_title_note()),
        Some(t) if t.body.is_empty() => notes.push(
            ImportNote::new(
                NoteKind::Missing,
                format!("标题“{}”中没有机关名称，请手工填写", t.text),
            )
            .at(Location::Text(TextField::Body)),
        ),
        Some(_) => {}
    }
    draft.body = match title::complete_body(&title_body) {
        Some(full) => {
            notes.push(
                ImportNote::new(
                    NoteKind::Check,
                    format!("标题中的机关名称为“{title_body}”，已补全为“{full}”"),
                )
                .at(Location::Text(TextField::Body)),
            );
            full
        }
        None => title_body.clone(),
    };
    // The published title stays where it differs from the derived one, but only with its year:
    // the title is where a report names its year.
    if let Some(t) = &found_title
        && t.text != draft.derived_title()
    {
        if t.year == Some(year) {
            draft.title_override = Some(t.text.clone());
        } else {
            notes.push(
                ImportNote::new(
                    NoteKind::Check,
                    format!(
                        "标题“{}”中没有报告年度 {year}，草稿的标题按机关名称和年度生成，请核对",
                        notes::quote(&t.text, 60)
                    ),
                )
                .at(Location::Text(TextField::Title)),
            );
        }
    }

    // Narrative.
    let narrative_lines = before
        .iter()
        .chain([0usize, 4, 5].iter().filter_map(|i| section(*i)).flatten())
        .map(|l| l.text.as_str());
    let wrapping = Wrapping::detect(narrative_lines);
    let body = draft.body.clone();
    read_preamble(
        before,
        found_title.as_ref().map_or(0, |t| t.end),
        &[body.as_str(), title_body.as_str()],
        wrapping,
        &mut draft,
        &mut notes,
    );
    if let Some(lines) = section(0) {
        let refs: Vec<&Line> = lines.iter().collect();
        let overview = sections::overview(text::paragraphs(&refs, wrapping), wrapping);
        draft.overview_intro = overview.intro;
        draft.parts = overview.parts;
        if !overview.local_headings.is_empty() {
            notes.push(
                ImportNote::new(
                    NoteKind::Headings,
                    format!(
                        "“一、总体情况”之后有自行编号的标题（{}），已作为“一、总体情况”的分项导入",
                        overview.local_headings.join("、")
                    ),
                )
                .at(Location::Text(TextField::OverviewIntro)),
            );
        }
    }
    let trailing: Vec<&Line> = match (&t4, section(3)) {
        (Some(t), Some(lines)) => t.trailing.iter().filter_map(|i| lines.get(*i)).collect(),
        _ => Vec::new(),
    };
    match section(4) {
        Some(lines) => {
            let refs: Vec<&Line> = lines.iter().collect();
            draft.problems = text::paragraphs(&refs, wrapping).join("\n");
            if !trailing.is_empty() {
                let texts: Vec<String> =
                    trailing.iter().map(|l| notes::quote(&l.text, 40)).collect();
                notes.push(ImportNote::new(
                    NoteKind::NotImported,
                    format!("表四之后的以下文字未导入：{}", notes::list(&texts, 5)),
                ));
            }
        }
        None if !trailing.is_empty() => {
            draft.problems = text::paragraphs(&trailing, wrapping).join("\n");
            notes.push(
                ImportNote::new(
                    NoteKind::Headings,
                    "未找到“五、存在的主要问题及改进情况”的标题；表四之后的文字已作为第五部分导入，请核对",
                )
                .at(Location::Text(TextField::Problems)),
            );
        }
        None => {}
    }
    if let Some(lines) = section(5) {
        let refs: Vec<&Line> = lines.iter().collect();
        draft.other_matters = text::paragraphs(&refs, wrapping).join("\n");
    }
    strip_signature(&mut draft, &[&title_body], &mut notes);

    // Tables.
    let format = choose_format(&t2, &t3, year, &mut notes);
    draft.format = format;
    for (table, read) in [(TableId::T2, t2), (TableId::T3, t3), (TableId::T4, t4)] {
        match read {
            Some(read) => place_table(&mut draft, table, read, &mut notes),
            None => notes.push(
                ImportNote::new(
                    NoteKind::Missing,
                    format!(
                        "未找到{}（其所在部分的标题未找到），表格留空",
                        table.short_name()
                    ),
                )
                .at(Location::Table(table)),
            ),
        }
    }

    // Level, once 规章 are known.
    let makes_rules = draft
        .cells
        .iter()
        .any(|(k, v)| k.table == TableId::T2 && k.row == "rules" && v.is_nonzero());
    let (level, level_note) =
        title::infer_level(&draft.body, makes_rules, title::names_counties(&normalised));
    draft.level = level;
    notes.push(level_note);
    if format != draft.expected_format() {
        notes.push(
            ImportNote::new(
                NoteKind::Check,
                format!(
                    "表格按{}发布，而报告年度 {year} 应使用{}；草稿保留发布时的格式，检查时将报告 R10，可用“转换格式”转换",
                    format.name(),
                    draft.expected_format().name()
                ),
            )
            .at(Location::Meta(MetaField::Format)),
        );
    }

    let mut all = vec![summary(&draft, &headings)];
    all.extend(sections::heading_notes(&headings));
    all.extend(notes);
    Ok(Import { draft, notes: all })
}

/// The preamble: the lines after the title up to the first heading, without the byline and the
/// "引言" heading, with the contact data taken out into `draft.contact`.
fn read_preamble(
    before: &[Line],
    title_end: usize,
    body_names: &[&str],
    wrapping: Wrapping,
    draft: &mut Draft,
    notes: &mut Vec<ImportNote>,
) {
    let mut lines: Vec<&Line> = before.iter().skip(title_end).collect();
    // A byline under the title: the body's name and the date of publication.
    let names: Vec<String> = body_names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| text::norm(n))
        .collect();
    while let Some(first) = lines.iter().position(|l| !l.text.trim().is_empty()) {
        let t = &lines[first].text;
        if let Some(date) = title::date_line(t) {
            draft.publish_date.get_or_insert(date);
        } else if !names.contains(&text::norm(t)) {
            break;
        }
        lines.drain(..=first);
    }
    let mut paragraphs = text::paragraphs(&lines, wrapping);
    if paragraphs
        .first()
        .is_some_and(|p| matches!(text::norm(p).as_str(), "引言" | "前言" | "导语"))
    {
        paragraphs.remove(0);
    }
    let mut contact = Contact::default();
    let paragraphs = contact::take_contact(paragraphs, &mut contact);
    draft.preamble = paragraphs.join("\n");
    draft.contact = contact;
    let found = draft.contact.filled_labels();
    if found.is_empty() {
        notes.push(ImportNote::new(
            NoteKind::Missing,
            "引言中未找到联系方式（地址、邮编、电话、电子邮箱）",
        ));
    }
    if draft.preamble.is_empty() {
        notes.push(
            ImportNote::new(NoteKind::Missing, "标题与“一、总体情况”之间没有引言")
                .at(Location::Text(TextField::Preamble)),
        );
    }
}

/// Takes a signature block (the body's name, the date) off the end of the last section.
fn strip_signature(draft: &mut Draft, names: &[&str], notes: &mut Vec<ImportNote>) {
    let mut names: Vec<String> = names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| text::norm(n))
        .collect();
    names.push(text::norm(&draft.body));
    let field = if !draft.other_matters.is_empty() {
        &mut draft.other_matters
    } else {
        &mut draft.problems
    };
    let mut paragraphs: Vec<&str> = field.lines().collect();
    let mut removed: Vec<String> = Vec::new();
    let mut date = None;
    for _ in 0..3 {
        let Some(last) = paragraphs.last() else { break };
        if let Some(d) = title::date_line(last) {
            date.get_or_insert(d);
        } else if !names.contains(&text::norm(last)) {
            break;
        }
        removed.insert(0, last.trim().to_string());
        paragraphs.pop();
    }
    if removed.is_empty() {
        return;
    }
    *field = paragraphs.join("\n");
    if draft.publish_date.is_none() {
        draft.publish_date = date;
    }
    notes.push(ImportNote::new(
        NoteKind::NotImported,
        format!("文末落款“{}”未计入正文", removed.join(" ")),
    ));
}

/// The format of the draft: the one its tables were published in. Where tables 二 and 三 were
/// published in different layouts, the one the year calls for.
fn choose_format(
    t2: &Option<TableRead>,
    t3: &Option<TableRead>,
    year: i32,
    notes: &mut Vec<ImportNote>,
) -> FormatId {
    let f2 = t2.as_ref().and_then(|t| t.layout);
    let f3 = t3.as_ref().and_then(|t| t.layout);
    match (f2, f3) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => FormatId::for_year(year),
        (Some(a), Some(b)) => {
            let chosen = FormatId::for_year(year);
            notes.push(
                ImportNote::new(
                    NoteKind::Check,
                    format!(
                        "表二按{}发布，表三按{}发布（{}），两表格式不一致；草稿采用报告年度 {year} 应使用的{}，{}，请核对",
                        a.name(),
                        b.name(),
                        if b == FormatId::F2019 {
                            "“（六）其他处理”只有一行"
                        } else {
                            "“（六）其他处理”分为三行"
                        },
                        chosen.name(),
                        match (chosen == a, b) {
                            (true, FormatId::F2019) => "表三“（六）其他处理”一行的数字已记入“（六）3.其他”，“（六）1”“（六）2”留空".to_string(),
                            (true, _) => "表三“（六）1–3”已合计记入“（六）其他处理”".to_string(),
                            (false, _) => "表二已按格式转换规则转换，无法转换的数字见下".to_string(),
                        }
                    ),
                )
                .at(Location::Meta(MetaField::Format)),
            );
            chosen
        }
    }
}

/// Puts a table's cells into the draft, converting them (by the converter's table of
/// counterparts) when the table was published in another layout than the draft's.
fn place_table(draft: &mut Draft, table: TableId, read: TableRead, notes: &mut Vec<ImportNote>) {
    notes.extend(read.notes);
    let layout = read.layout.unwrap_or(draft.format);
    let cells: Vec<(CellKey, Value)> = read.cells;
    if layout == draft.format || table == TableId::T4 {
        draft.cells.extend(cells);
        return;
    }
    let mut source = draft.clone();
    source.format = layout;
    source.cells = cells.into_iter().collect();
    let conversion = convert::convert(&source, draft.format);
    draft.cells.extend(
        conversion
            .draft
            .cells
            .into_iter()
            .filter(|(k, _)| k.table == table),
    );
    for d in conversion.dropped {
        notes.push(
            ImportNote::new(
                NoteKind::NotImported,
                format!("{}（格式转换时无法保留）", d.message()),
            )
            .at(Location::Table(table)),
        );
    }
}

/// The first note: what was read.
fn summary(draft: &Draft, headings: &[Heading]) -> ImportNote {
    let mut parts: Vec<String> = Vec::new();
    parts.push(format!("标题“{}”", draft.title()));
    parts.push(format!("机关名称“{}”", draft.body));
    parts.push(format!("报告年度 {}", draft.year));
    parts.push(format!("表格格式：{}", draft.format.name()));
    let contact = draft.contact.filled_labels();
    if !contact.is_empty() {
        parts.push(format!("联系方式（{}）", contact.join("、")));
    }
    parts.push(format!("找到 {} 个部分标题", headings.len()));
    if !draft.parts.is_empty() {
        parts.push(format!("一、总体情况分项 {} 个", draft.parts.len()));
    }
    for table in TableId::ALL {
        let total = draft.table_cells(table).count();
        let filled = draft
            .table_cells(table)
            .filter(|c| draft.value(c.key()).is_some())
            .count();
        parts.push(format!("{} {filled}/{total} 格", table.short_name()));
    }
    ImportNote::new(NoteKind::Read, parts.join("；"))
}
