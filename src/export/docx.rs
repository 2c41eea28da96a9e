//! The report as a Word document (.docx), for the paper sign-off before it reaches the portal.
//!
//! Laid out as Chinese official documents are (GB/T 9704-2012): A4 with the standard's margins,
//! the title in 方正小标宋简体 2号, the body in 仿宋_GB2312 3号 on a 22-line page, headings 一、 in 黑体
//! and （一） in 楷体_GB2312, page numbers "— 1 —" in 4号宋体 at the outer edge. The three tables
//! come from the same layout as the HTML export, with the official merged cells; their header rows
//! repeat on a new page.
//!
//! Offices lack some of these fonts (方正小标宋简体 and the _GB2312 faces are not part of Windows),
//! so the font table names, for each, the face Word and WPS fall back to (`altName`), with the
//! GB2312 character set so that a substitute is always a Chinese face.
//!
//! The parts are written from askama templates (`templates/docx/`), which escape the clerk's
//! text, in the element order the WordprocessingML schema requires: Word offers to "repair" a
//! document whose elements are out of order, and the crates that write .docx for Rust do not
//! keep it (docx-rs 0.4 fails the Open XML SDK validator on every paragraph). `.ci/run` checks
//! the examples' documents with that validator.

use std::io::{Cursor, Write as _};

use askama::Template;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::layout::{Slot, SlotKind, TableLayout, ValueOptions, table_layout};
use super::{contact_lines, paragraphs, part_heading};
use crate::draft::{Draft, SECTION_HEADINGS};
use crate::format::TableId;

/// Twips (1/20 pt), the unit of page geometry in WordprocessingML.
fn mm(millimetres: f64) -> i32 {
    (millimetres * 1440.0 / 25.4).round() as i32
}

/// The page, in twips.
pub struct Page {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub left: i32,
    pub right: i32,
    pub bottom: i32,
    pub header: i32,
    pub footer: i32,
    pub line_pitch: i32,
}

/// GB/T 9704 §5.2: A4 (210 mm × 297 mm); 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so 26 mm
/// right and 35 mm bottom); 22 lines to the page, one line 225 mm / 22 ≈ 28.95 pt.
pub fn page() -> Page {
    Page {
        width: 11906,
        height: 16838,
        top: mm(37.0),
        left: mm(28.0),
        right: mm(26.0),
        bottom: mm(35.0),
        header: mm(15.0),
        // §7.5: the page number's line sits about 7 mm below the type area.
        footer: mm(22.0),
        line_pitch: 579,
    }
}

/// The width of the type area, in twips: every table is laid out to exactly this.
pub fn text_width() -> i32 {
    let p = page();
    p.width - p.left - p.right
}

/// Font sizes in half-points, as `w:sz` holds them.
pub mod size {
    /// 2号, the title.
    pub const TITLE: usize = 44;
    /// 3号, the body and its headings.
    pub const BODY: usize = 32;
    /// 4号, the page number.
    pub const PAGE_NUMBER: usize = 28;
    /// 五号, table text.
    pub const TABLE: usize = 21;
}

/// One em of the body in twips (a 3号 character): two of them indent a paragraph.
const BODY_EM: i32 = (size::BODY as i32) * 10;

/// Left and right padding of a table cell, in twips (1 mm).
const CELL_PADDING: i32 = 57;

/// One face of the document, and what an office without it reads instead.
pub struct FontDecl {
    pub name: &'static str,
    /// The face Word and WPS substitute when `name` is not installed.
    pub alt: Option<&'static str>,
    pub panose: &'static str,
    pub charset: &'static str,
    pub family: &'static str,
    pub pitch: &'static str,
}

const fn chinese(
    name: &'static str,
    alt: &'static str,
    panose: &'static str,
    family: &'static str,
) -> FontDecl {
    FontDecl {
        name,
        alt: Some(alt),
        panose,
        // 86: GB2312, so that any substitute must carry Chinese.
        charset: "86",
        family,
        pitch: "fixed",
    }
}

pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const HEADING1_FONT: &str = "黑体";
pub const HEADING2_FONT: &str = "楷体_GB2312";
pub const TABLE_FONT: &str = "宋体";
pub const LATIN_FONT: &str = "Times New Roman";

/// Every face the document names, with its fallback. The fallbacks are themselves declared, under
/// their Chinese and English names, so that Word finds them on any Chinese Windows.
pub const FONTS: &[FontDecl] = &[
    chinese(TITLE_FONT, "宋体", "02000000000000000000", "script"),
    chinese(BODY_FONT, "仿宋", "02010609030101010101", "modern"),
    chinese(HEADING1_FONT, "SimHei", "02010609060101010101", "modern"),
    chinese(HEADING2_FONT, "楷体", "02010609030101010101", "modern"),
    chinese(TABLE_FONT, "SimSun", "02010600030101010101", "auto"),
    chinese("仿宋", "FangSong", "02010609060101010101", "modern"),
    chinese("楷体", "KaiTi", "02010609060101010101", "modern"),
    FontDecl {
        name: LATIN_FONT,
        alt: None,
        panose: "02020603050405020304",
        charset: "00",
        family: "roman",
        pitch: "variable",
    },
];

#[derive(Template)]
#[template(path = "docx/fontTable.xml")]
struct FontTableXml {
    fonts: &'static [FontDecl],
}

#[derive(Template)]
#[template(path = "docx/core.xml")]
struct CoreXml {
    title: String,
    creator: String,
}

#[derive(Template)]
#[template(path = "docx/styles.xml")]
struct StylesXml {
    latin: &'static str,
    body: &'static str,
    title: &'static str,
    heading1: &'static str,
    heading2: &'static str,
    table: &'static str,
    body_size: usize,
    title_size: usize,
    table_size: usize,
    page_number_size: usize,
    line_pitch: i32,
    indent: i32,
    signature_right: i32,
    cell_padding: i32,
}

#[derive(Template)]
#[template(path = "docx/settings.xml")]
struct SettingsXml {
    line_pitch: i32,
}

#[derive(Template)]
#[template(path = "docx/footer.xml")]
struct FooterXml {
    align: &'static str,
    left: i32,
    right: i32,
}

#[derive(Template)]
#[template(path = "docx/app.xml")]
struct AppXml {
    version: &'static str,
}

#[derive(Template)]
#[template(path = "docx/document.xml")]
struct DocumentXml {
    blocks: Vec<Block>,
    page: Page,
}

/// Style ids, as paragraphs refer to them (`templates/docx/styles.xml` defines them).
pub mod style {
    pub const TITLE: &str = "Title";
    pub const HEADING1: &str = "Heading1";
    pub const HEADING2: &str = "Heading2";
    pub const BODY: &str = "BodyText";
    pub const SIGNATURE: &str = "Signature";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE: &str = "OfficialTable";
}

/// A paragraph of the body.
struct Para {
    style: &'static str,
    /// Its lines: more than one only where a line is broken on purpose (the title).
    lines: Vec<String>,
    keep_next: bool,
    /// Space above, in twips: after a table, so that the next heading does not touch it.
    space_before: i32,
}

/// A cell as Word holds it: a cell merged down from above is a `vMerge="continue"` with the
/// same span and no text.
struct CellXml {
    width: i32,
    span: usize,
    merge: Option<&'static str>,
    align: &'static str,
    text: String,
}

struct RowXml {
    /// A header row, repeated at the top of each page the table runs onto.
    header: bool,
    /// Keeps the row on the page of the next: a table that fits one page stays on one page.
    keep_next: bool,
    cells: Vec<CellXml>,
}

struct TableXml {
    style: &'static str,
    text_style: &'static str,
    width: i32,
    grid: Vec<i32>,
    rows: Vec<RowXml>,
}

/// The body is paragraphs and tables, in order. (Two options rather than an enum keep the
/// template to plain `if let`.)
struct Block {
    paragraph: Option<Para>,
    table: Option<TableXml>,
}

impl Block {
    fn para(style: &'static str, text: &str) -> Block {
        Block {
            paragraph: Some(Para {
                style,
                lines: vec![clean(text)],
                keep_next: false,
                space_before: 0,
            }),
            table: None,
        }
    }

    fn heading(style: &'static str, text: &str, after_table: bool) -> Block {
        Block {
            paragraph: Some(Para {
                style,
                lines: vec![clean(text)],
                keep_next: true,
                space_before: if after_table {
                    page().line_pitch / 2
                } else {
                    0
                },
            }),
            table: None,
        }
    }
}

/// The title's lines. A title too long for one line (twenty characters of 2号 fill the type
/// area) breaks where official titles do, before the year: "晋江市人民政府" over
/// "2021年政府信息公开工作年度报告", rather than wherever the words run out.
pub fn title_lines(title: &str) -> Vec<String> {
    const LINE_EMS: f64 = 20.0;
    let title = clean(title.trim());
    if ems(&title) <= LINE_EMS {
        return vec![title];
    }
    let chars: Vec<char> = title.chars().collect();
    let year_at = (1..chars.len().saturating_sub(5)).rev().find(|&i| {
        chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && !chars[i - 1].is_ascii_digit()
    });
    match year_at {
        Some(i) if ems(&chars[i..].iter().collect::<String>()) <= LINE_EMS => {
            vec![chars[..i].iter().collect(), chars[i..].iter().collect()]
        }
        _ => vec![title],
    }
}

/// Text as XML can carry it: control characters (pasted from other programs) are dropped, a tab
/// becomes a space. The templates escape the rest.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}

/// The width of a text in ems of its font: a Chinese character is one, a digit or Latin letter
/// about half.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// Cell padding, left and right, in ems of table text.
const PADDING_EMS: f64 = (2 * CELL_PADDING) as f64 / (size::TABLE as f64 * 10.0);

/// How wide a grid column wants to be, in ems, for one slot in it alone: a figure on one line, a
/// header on up to three, a row label on as many lines as the rows it spans (at most sixteen
/// ems a line: longer labels wrap).
fn wanted_ems(slot: &Slot) -> f64 {
    let text = ems(&slot.text);
    PADDING_EMS
        + match slot.kind {
            SlotKind::Value { .. } => text.max(2.0),
            SlotKind::ColumnHeader => (text / 3.0).ceil().max(2.0),
            _ => (text / slot.rowspan as f64).ceil().clamp(2.0, 16.0),
        }
}

/// Column widths in twips, summing to the type area's width. Each grid column gets what its
/// single-column slots ask for, in proportion.
pub fn column_widths(layout: &TableLayout) -> Vec<i32> {
    let mut want = vec![2.0 + PADDING_EMS; layout.width];
    for slot in &layout.slots {
        if slot.colspan == 1 && !matches!(slot.kind, SlotKind::Caption | SlotKind::Corner) {
            want[slot.col] = want[slot.col].max(wanted_ems(slot));
        }
    }
    let total: f64 = want.iter().sum();
    let width = text_width() as f64;
    let mut widths: Vec<i32> = want.iter().map(|w| (w / total * width) as i32).collect();
    // Rounding leaves a few twips over: they go to the widest column.
    let rest = text_width() - widths.iter().sum::<i32>();
    if let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) {
        widths[widest] += rest;
    }
    widths
}

fn align(slot: &Slot) -> &'static str {
    match slot.kind {
        SlotKind::RowLabel | SlotKind::Caption => "left",
        SlotKind::Corner => "both",
        _ => "center",
    }
}

/// A table as Word holds it: every grid row lists a cell for each column it covers.
fn table(layout: &TableLayout) -> TableXml {
    let widths = column_widths(layout);
    // Which slot covers each grid position.
    let mut cover = vec![vec![usize::MAX; layout.width]; layout.height];
    for (i, s) in layout.slots.iter().enumerate() {
        for row in &mut cover[s.row..s.row + s.rowspan] {
            for c in &mut row[s.col..s.col + s.colspan] {
                *c = i;
            }
        }
    }
    // The rows above the first figure are the header that repeats on each page.
    let first_figure = layout
        .slots
        .iter()
        .filter(|s| !s.is_header())
        .map(|s| s.row)
        .min()
        .unwrap_or(0);
    let rows = (0..layout.height)
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < layout.width {
                let slot = &layout.slots[cover[r][c]];
                let starts_here = slot.row == r;
                cells.push(CellXml {
                    width: widths[c..c + slot.colspan].iter().sum(),
                    span: slot.colspan,
                    merge: match (slot.rowspan > 1, starts_here) {
                        (false, _) => None,
                        (true, true) => Some("restart"),
                        (true, false) => Some("continue"),
                    },
                    align: align(slot),
                    text: if starts_here {
                        clean(&slot.text)
                    } else {
                        String::new()
                    },
                });
                c += slot.colspan;
            }
            RowXml {
                header: r < first_figure,
                keep_next: r + 1 < layout.height,
                cells,
            }
        })
        .collect();
    TableXml {
        style: style::TABLE,
        text_style: style::TABLE_TEXT,
        width: text_width(),
        grid: widths,
        rows,
    }
}

/// The body of the report, in the official order.
fn blocks(draft: &Draft, options: ValueOptions) -> Vec<Block> {
    let mut out = vec![Block::para(style::TITLE, "")];
    if let Some(p) = &mut out[0].paragraph {
        p.lines = title_lines(&draft.title());
    }
    let body = |out: &mut Vec<Block>, text: &str| {
        out.extend(paragraphs(text).iter().map(|p| Block::para(style::BODY, p)));
    };
    body(&mut out, &draft.preamble);
    let contact = contact_lines(&draft.contact);
    if !contact.is_empty() {
        out.push(Block::para(style::BODY, "联系方式："));
        out.extend(contact.iter().map(|l| Block::para(style::BODY, l)));
    }
    out.push(Block::heading(style::HEADING1, SECTION_HEADINGS[0], false));
    body(&mut out, &draft.overview_intro);
    for (i, part) in draft.parts.iter().enumerate() {
        out.push(Block::heading(
            style::HEADING2,
            &part_heading(draft, i),
            false,
        ));
        body(&mut out, &part.text);
    }
    for (i, (title, table_id)) in SECTION_HEADINGS[1..4].iter().zip(TableId::ALL).enumerate() {
        out.push(Block::heading(style::HEADING1, title, i > 0));
        out.push(Block {
            paragraph: None,
            table: Some(table(&table_layout(draft, table_id, options))),
        });
    }
    out.push(Block::heading(style::HEADING1, SECTION_HEADINGS[4], true));
    body(&mut out, &draft.problems);
    out.push(Block::heading(style::HEADING1, SECTION_HEADINGS[5], false));
    body(&mut out, &draft.other_matters);

    // 落款: the body's name and the date, above the seal on paper (§7.3.5).
    if !draft.body.trim().is_empty() {
        out.push(Block::para(style::BODY, ""));
        out.push(Block::para(style::SIGNATURE, draft.body.trim()));
        if let Some(date) = draft.publish_date {
            out.push(Block::para(style::SIGNATURE, &date.chinese()));
        }
    }
    out
}

/// A document could not be written.
#[derive(Debug, thiserror::Error)]
#[error("未能生成 Word 文档：{0}")]
pub struct DocxError(String);

impl From<askama::Error> for DocxError {
    fn from(e: askama::Error) -> Self {
        DocxError(e.to_string())
    }
}

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> Self {
        DocxError(e.to_string())
    }
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError(e.to_string())
    }
}

/// The parts of the package, by name, in the order they are stored (content types first, as
/// some readers expect).
fn parts(
    title: &str,
    creator: &str,
    blocks: Vec<Block>,
) -> Result<Vec<(&'static str, String)>, DocxError> {
    let em = (size::PAGE_NUMBER as i32) * 10;
    Ok(vec![
        (
            "[Content_Types].xml",
            include_str!("../../templates/docx/content_types.xml").to_string(),
        ),
        (
            "_rels/.rels",
            include_str!("../../templates/docx/package.rels").to_string(),
        ),
        (
            "docProps/core.xml",
            CoreXml {
                title: clean(title),
                creator: clean(creator),
            }
            .render()?,
        ),
        (
            "docProps/app.xml",
            AppXml {
                version: env!("CARGO_PKG_VERSION"),
            }
            .render()?,
        ),
        (
            "word/_rels/document.xml.rels",
            include_str!("../../templates/docx/document.xml.rels").to_string(),
        ),
        (
            "word/document.xml",
            DocumentXml {
                blocks,
                page: page(),
            }
            .render()?,
        ),
        (
            "word/styles.xml",
            StylesXml {
                latin: LATIN_FONT,
                body: BODY_FONT,
                title: TITLE_FONT,
                heading1: HEADING1_FONT,
                heading2: HEADING2_FONT,
                table: TABLE_FONT,
                body_size: size::BODY,
                title_size: size::TITLE,
                table_size: size::TABLE,
                page_number_size: size::PAGE_NUMBER,
                line_pitch: page().line_pitch,
                indent: 2 * BODY_EM,
                signature_right: 4 * BODY_EM,
                cell_padding: CELL_PADDING,
            }
            .render()?,
        ),
        (
            "word/settings.xml",
            SettingsXml {
                line_pitch: page().line_pitch,
            }
            .render()?,
        ),
        (
            "word/fontTable.xml",
            FontTableXml { fonts: FONTS }.render()?,
        ),
        // §7.5: odd pages carry the number at the right, one character in; even pages at the left.
        (
            "word/footer1.xml",
            FooterXml {
                align: "right",
                left: 0,
                right: em,
            }
            .render()?,
        ),
        (
            "word/footer2.xml",
            FooterXml {
                align: "left",
                left: em,
                right: 0,
            }
            .render()?,
        ),
    ])
}

/// The report as the bytes of a .docx file. The same draft always gives the same bytes (the
/// zip entries carry no time), so exports can be compared.
pub fn export_docx(draft: &Draft, options: ValueOptions) -> Result<Vec<u8>, DocxError> {
    let blocks = blocks(draft, options);
    package(parts(&draft.title(), draft.body.trim(), blocks)?)
}

/// A short official document in the report's page layout and fonts: the title (broken like a
/// report's), then paragraphs of body text; lines of `signature` set flush right as a 落款. The
/// review board's 退回意见 are written with it.
pub fn export_letter(
    title: &str,
    creator: &str,
    paragraphs: &[String],
    signature: &[String],
) -> Result<Vec<u8>, DocxError> {
    let mut blocks = vec![Block::para(style::TITLE, "")];
    if let Some(p) = &mut blocks[0].paragraph {
        p.lines = title_lines(title);
    }
    blocks.extend(paragraphs.iter().map(|p| Block::para(style::BODY, p)));
    if !signature.is_empty() {
        blocks.push(Block::para(style::BODY, ""));
        blocks.extend(signature.iter().map(|l| Block::para(style::SIGNATURE, l)));
    }
    package(parts(title, creator, blocks)?)
}

/// The parts zipped into a package.
fn package(parts: Vec<(&'static str, String)>) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Readers that look at file attributes (Word for Mac among them) want them set.
    let entry = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for (name, xml) in parts {
        zip.start_file(name, entry)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_break_before_the_year() {
        assert_eq!(
            title_lines("晋江市人民政府2021年政府信息公开工作年度报告"),
            ["晋江市人民政府", "2021年政府信息公开工作年度报告"]
        );
        // Short enough for one line: left alone.
        assert_eq!(
            title_lines("某局2021年政府信息公开工作年度报告"),
            ["某局2021年政府信息公开工作年度报告"]
        );
        // No year to break at, or a clerk's own title: Word wraps it.
        let own = "关于本机关政府信息公开工作情况的年度报告（供领导审签的修改稿）";
        assert_eq!(title_lines(own), [own]);
    }

    #[test]
    fn columns_fill_the_type_area_exactly() {
        for year in [2019, 2021] {
            let d = Draft::new("某局", crate::draft::Level::Department, year);
            for t in TableId::ALL {
                let widths = column_widths(&table_layout(&d, t, ValueOptions::default()));
                assert_eq!(widths.iter().sum::<i32>(), text_width(), "{year} {t:?}");
                // A figure column holds at least two characters of 五号 with its padding.
                assert!(
                    widths.iter().all(|&w| w >= 2 * 210),
                    "{year} {t:?}: {widths:?}"
                );
            }
        }
    }
}
