//! What kind of file a report came in, recognised by its content (not by its name), and the
//! text every kind is turned into before the sections and tables are read.
//!
//! Word documents and web pages have real table cells: they are written out as one line per
//! table row, the cells separated by tabs, a merged cell's text in its first slot and its other
//! slots empty — the same lines nianbao's own text export writes, so the table readers place
//! every figure by its cell and guess no boundary.

use super::ImportError;

/// The kinds of file the importer tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text in UTF-8 (with or without a byte-order mark).
    Text,
    /// Plain text in GBK (GB 18030), as Chinese Windows saves it.
    TextGbk,
    /// A Word or WPS document (.docx).
    Docx,
    /// A web page saved from a browser (.html, .htm).
    Html,
    /// A PDF.
    Pdf,
}

impl SourceKind {
    /// The kind's name for the clerk.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Text => "文本文件（UTF-8 编码）",
            SourceKind::TextGbk => "文本文件（GBK 编码）",
            SourceKind::Docx => "Word 文档（.docx）",
            SourceKind::Html => "网页（.html）",
            SourceKind::Pdf => "PDF 文件",
        }
    }

    /// The largest file of this kind that is read.
    pub fn max_bytes(self) -> usize {
        match self {
            SourceKind::Text | SourceKind::TextGbk => super::MAX_INPUT_BYTES,
            // Pages carry scripts, styles and inline images.
            SourceKind::Html => 16 * 1024 * 1024,
            // Documents carry pictures: the seal, a QR code, photos.
            SourceKind::Docx | SourceKind::Pdf => 48 * 1024 * 1024,
        }
    }
}

/// The largest file of any kind; a larger one is refused before it is read.
pub const MAX_FILE_BYTES: usize = 48 * 1024 * 1024;

/// An OLE compound file: .doc, .wps, .xls, .et.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Recognises the kind of a file by its first bytes. `Err` for kinds that are refused outright.
pub fn detect(bytes: &[u8]) -> Result<SourceKind, ImportError> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(OLE) {
        return Err(ImportError::OldWord);
    }
    if find(head, b"%PDF-").is_some() {
        return Ok(SourceKind::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(SourceKind::Docx);
    }
    if looks_like_html(bytes) {
        return Ok(SourceKind::Html);
    }
    Ok(SourceKind::Text)
}

/// Where `needle` first stands in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A web page starts (after a mark, blanks and comments) with a tag, and has an html, head,
/// body or table element near its start. Text that merely mentions a tag does not.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_none_or(|s| head[s] != b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
    ]
    .iter()
    .any(|tag| find(&lower, tag).is_some())
}

/// Decodes text: UTF-8 (a byte-order mark dropped), or else GBK. Returns the text and whether it
/// was GBK.
pub fn decode_text(bytes: &[u8]) -> Result<(String, bool), ImportError> {
    let utf8 = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(utf8) {
        return if is_binary(text) {
            Err(ImportError::NotText)
        } else {
            Ok((text.to_string(), false))
        };
    }
    match encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .filter(|t| !is_binary(t) && has_chinese(t))
    {
        Some(text) => Ok((text.into_owned(), true)),
        None => Err(ImportError::NotText),
    }
}

/// Control characters other than line ends and tabs do not occur in a report's text.
fn is_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .take(65536)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    controls > 8
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A page's declared character set (`<meta charset=gbk>`, `content="text/html; charset=gb2312"`)
/// when it is one the decoder knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"charset") {
        let rest = &head[from + at + b"charset".len()..];
        let label: Vec<u8> = rest
            .iter()
            .skip_while(|b| matches!(b, b' ' | b'=' | b'"' | b'\''))
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
            .copied()
            .collect();
        if let Some(e) = encoding_rs::Encoding::for_label(&label) {
            return Some(e);
        }
        from += at + 1;
    }
    None
}

/// Decodes a web page: by its byte-order mark, its declared character set, as UTF-8 when it is
/// valid, or else as GBK. Returns the text and the encoding's name.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_charset(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::GBK
            }
        });
    // A page declaring a Latin charset is in practice GBK or UTF-8 (portal templates lie).
    let encoding = if encoding == encoding_rs::WINDOWS_1252 {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::GBK
        }
    } else {
        encoding
    };
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// A document read into paragraphs and tables, in order.
#[derive(Debug, Default)]
pub struct Flow {
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub enum Block {
    Paragraph(String),
    /// A table's rows as grids of slots: a merged cell's text in its first slot, its other
    /// slots empty.
    Table(Vec<Vec<String>>),
}

/// The most rows and columns a table of a document is read with: a report's largest table has
/// some thirty rows and ten columns.
pub const MAX_TABLE_ROWS: usize = 2000;
pub const MAX_TABLE_COLUMNS: usize = 64;

/// A grid being filled from rows of cells with column and row spans.
#[derive(Default)]
pub struct GridBuilder {
    rows: Vec<Vec<String>>,
    /// Per column: how many more rows a cell above covers.
    covered: Vec<usize>,
}

impl GridBuilder {
    /// Adds a row: its cells as (text, colspan, rowspan), placed left to right in the slots that
    /// cells from above do not cover. `skip` slots are left empty first (Word's `gridBefore`).
    pub fn row(&mut self, skip: usize, cells: impl IntoIterator<Item = (String, usize, usize)>) {
        if self.rows.len() >= MAX_TABLE_ROWS {
            return;
        }
        let mut row: Vec<String> = Vec::new();
        let mut col = 0usize;
        let covered_at = |covered: &Vec<usize>, c: usize| covered.get(c).is_some_and(|n| *n > 0);
        let place_empty = |row: &mut Vec<String>, col: &mut usize| {
            while row.len() <= *col {
                row.push(String::new());
            }
            *col += 1;
        };
        for _ in 0..skip.min(MAX_TABLE_COLUMNS) {
            place_empty(&mut row, &mut col);
        }
        for (text, colspan, rowspan) in cells {
            while col < MAX_TABLE_COLUMNS && covered_at(&self.covered, col) {
                place_empty(&mut row, &mut col);
            }
            let colspan = colspan.clamp(1, MAX_TABLE_COLUMNS);
            if col + colspan > MAX_TABLE_COLUMNS {
                break;
            }
            row.push(text);
            for k in 0..colspan {
                if k > 0 {
                    row.push(String::new());
                }
                let c = col + k;
                if self.covered.len() <= c {
                    self.covered.resize(c + 1, 0);
                }
                self.covered[c] = self.covered[c].max(rowspan.clamp(1, MAX_TABLE_ROWS));
            }
            col += colspan;
        }
        // Cells from above that reach past the row's last cell.
        while col < self.covered.len() && covered_at(&self.covered, col) {
            place_empty(&mut row, &mut col);
        }
        for n in &mut self.covered {
            *n = n.saturating_sub(1);
        }
        self.rows.push(row);
    }

    pub fn finish(self) -> Vec<Vec<String>> {
        self.rows
    }
}

impl Flow {
    pub fn paragraph(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text.to_string()));
        }
    }

    pub fn tables(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count()
    }

    /// The text the report readers take: paragraphs separated by blank lines, table rows as
    /// tab-separated lines (as nianbao's text export writes them).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    for line in p.lines() {
                        out.push_str(line.trim());
                        out.push('\n');
                    }
                    out.push('\n');
                }
                Block::Table(rows) => {
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| cell_text(c)).collect();
                        let line = cells.join("\t");
                        if !line.trim().is_empty() {
                            out.push_str(line.trim_end());
                            out.push('\n');
                        }
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// A cell's text on one line: its paragraphs joined, tabs and line breaks removed.
fn cell_text(text: &str) -> String {
    text.split(['\n', '\t', '\r'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_recognised_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n").unwrap(), SourceKind::Pdf);
        assert_eq!(detect(b"PK\x03\x04rest").unwrap(), SourceKind::Docx);
        assert_eq!(
            detect(b"\n<!DOCTYPE html><html>").unwrap(),
            SourceKind::Html
        );
        assert_eq!(detect("一、总体情况".as_bytes()).unwrap(), SourceKind::Text);
        assert_eq!(
            detect("<p>不是网页的文字".as_bytes()).unwrap(),
            SourceKind::Text
        );
        assert!(matches!(
            detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Err(ImportError::OldWord)
        ));
    }

    #[test]
    fn gbk_text_is_decoded_and_said_to_be() {
        let (bytes, _, _) = encoding_rs::GBK.encode("一、总体情况\n表三");
        let (text, gbk) = decode_text(&bytes).unwrap();
        assert_eq!(text, "一、总体情况\n表三");
        assert!(gbk);
        assert_eq!(decode_text("一".as_bytes()).unwrap(), ("一".into(), false));
        assert!(decode_text(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xff, 0xfe]).is_err());
    }

    #[test]
    fn declared_charsets_are_found() {
        let page =
            br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#;
        assert_eq!(declared_charset(page), Some(encoding_rs::GBK));
        assert_eq!(
            declared_charset(b"<meta charset=\"utf-8\">"),
            Some(encoding_rs::UTF_8)
        );
    }

    #[test]
    fn spans_leave_their_other_slots_empty() {
        let mut g = GridBuilder::default();
        g.row(0, [("a".into(), 1, 2), ("b".into(), 2, 1)]);
        g.row(0, [("c".into(), 1, 1), ("d".into(), 1, 1)]);
        assert_eq!(
            g.finish(),
            vec![vec!["a", "b", ""], vec!["", "c", "d"]]
                .into_iter()
                .map(|r| r.into_iter().map(String::from).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        );
    }
}
