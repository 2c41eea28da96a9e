//! Reading a Word or WPS document (.docx): the body's paragraphs and tables in order, list
//! numbering written out ("一、" of a heading numbered by Word), and each table from its real
//! cells (`gridSpan`, `vMerge`, `gridBefore`).
//!
//! Only `word/document.xml`, `word/numbering.xml` and `word/styles.xml` are unpacked, each
//! within a size limit checked while it is read (a zip's stated sizes can lie), so no zip bomb
//! gets through.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node, ParsingOptions};

use super::ImportError;
use super::source::{Flow, GridBuilder};

/// The largest unpacked `document.xml` read: a report's is well under 2 MB.
pub const MAX_DOCUMENT_XML: u64 = 32 * 1024 * 1024;
/// The largest unpacked `numbering.xml` or `styles.xml` read.
const MAX_PART_XML: u64 = 8 * 1024 * 1024;
/// The most XML nodes parsed in one part.
const MAX_NODES: u32 = 4_000_000;

fn damaged(why: impl Into<String>) -> ImportError {
    ImportError::Damaged {
        kind: "Word 文档",
        why: why.into(),
    }
}

/// One part of the package, unpacked within `limit` bytes. `Ok(None)` when the part is absent.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, ImportError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e.to_string())),
    };
    let too_large = || ImportError::Unpacked {
        limit_mb: MAX_DOCUMENT_XML / (1024 * 1024),
    };
    if file.size() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| damaged(format!("{name} 不是 UTF-8 编码的 XML")))
}

fn parse(xml: &str) -> Result<Document<'_>, ImportError> {
    Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
            ..ParsingOptions::default()
        },
    )
    .map_err(|e| damaged(format!("XML 有误：{e}")))
}

/// Reads a .docx into paragraphs and tables.
pub fn read(bytes: &[u8]) -> Result<Flow, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("不是完整的 zip 压缩包（{e}）")))?;
    let Some(document) = part(&mut archive, "word/document.xml", MAX_DOCUMENT_XML)? else {
        return Err(ImportError::NotWord);
    };
    let numbering_xml = part(&mut archive, "word/numbering.xml", MAX_PART_XML)?;
    let styles_xml = part(&mut archive, "word/styles.xml", MAX_PART_XML)?;
    let doc = parse(&document)?;
    let mut numbering = match &numbering_xml {
        Some(xml) => Numbering::read(&parse(xml)?),
        None => Numbering::default(),
    };
    if let Some(xml) = &styles_xml {
        numbering.read_styles(&parse(xml)?);
    }
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| damaged("document.xml 中没有正文（w:body）"))?;
    let mut flow = Flow::default();
    read_blocks(body, &mut numbering, &mut flow);
    Ok(flow)
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// An attribute by its local name (`w:val` in either the transitional or the strict namespace).
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn val<'a>(node: Node<'a, '_>, path: &[&str]) -> Option<&'a str> {
    let mut at = node;
    for name in path {
        at = child(at, name)?;
    }
    attr(at, "val")
}

/// Paragraphs and tables of a container (the body, a content control), in order.
fn read_blocks(container: Node, numbering: &mut Numbering, flow: &mut Flow) {
    for node in container.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "p" => {
                let text = paragraph_text(node, numbering);
                flow.paragraph(&text);
            }
            "tbl" => read_table(node, numbering, flow),
            "sdt" => {
                if let Some(content) = child(node, "sdtContent") {
                    read_blocks(content, numbering, flow);
                }
            }
            "customXml" | "smartTag" => read_blocks(node, numbering, flow),
            _ => {}
        }
    }
}

/// A paragraph's text: its numbering, then its runs; breaks as line ends.
fn paragraph_text(p: Node, numbering: &mut Numbering) -> String {
    let mut text = numbering.label(p);
    runs_text(p, &mut text);
    text
}

fn runs_text(node: Node, out: &mut String) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "t" => out.push_str(n.text().unwrap_or("")),
            "tab" if out.chars().last().is_some_and(|c| !c.is_whitespace()) => out.push(' '),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('-'),
            // Deleted text, field codes, the alternative rendering of a drawing, and a
            // paragraph's own properties are not text of the paragraph.
            "delText" | "instrText" | "Fallback" | "pPr" | "rPr" | "del" => {}
            _ => runs_text(n, out),
        }
    }
}

fn read_table(tbl: Node, numbering: &mut Numbering, flow: &mut Flow) {
    let mut grid = GridBuilder::default();
    for tr in rows(tbl) {
        let skip = val(tr, &["trPr", "gridBefore"])
            .and_then(|v| v.parse().ok())
            .unwrap_or(0usize);
        let cells: Vec<(String, usize, usize)> = cells(tr)
            .map(|tc| {
                let span = val(tc, &["tcPr", "gridSpan"])
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize);
                let continued = child(tc, "tcPr")
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| attr(m, "val").is_none_or(|v| v == "continue"));
                let text = if continued {
                    String::new()
                } else {
                    cell_text(tc, numbering)
                };
                (text, span, 1)
            })
            .collect();
        grid.row(skip, cells);
    }
    flow.blocks.push(super::source::Block::Table(grid.finish()));
}

/// A table's rows, through content controls and custom XML around them.
fn rows<'a, 'i>(tbl: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    tbl.descendants()
        .filter(|n| is(n, "tr"))
        .filter(move |n| n.ancestors().skip(1).find(|a| is(a, "tbl")) == Some(tbl))
}

fn cells<'a, 'i>(tr: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    tr.descendants()
        .filter(|n| is(n, "tc"))
        .filter(move |n| n.ancestors().skip(1).find(|a| is(a, "tr")) == Some(tr))
}

/// A cell's text: its paragraphs (and those of tables nested in it) joined.
fn cell_text(tc: Node, numbering: &mut Numbering) -> String {
    tc.descendants()
        .filter(|n| is(n, "p"))
        .map(|p| paragraph_text(p, numbering))
        .collect::<Vec<_>>()
        .join("")
}

// ---------------------------------------------------------------------------------------------
// List numbering: Word keeps "一、" of a numbered heading in numbering.xml, not in the text.

#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// Paragraph style → (numId, level).
    styles: HashMap<String, (String, usize)>,
    /// abstractNumId → the current count of each level.
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn read(doc: &Document) -> Numbering {
        let mut n = Numbering::default();
        for node in doc.root_element().children().filter(Node::is_element) {
            match node.tag_name().name() {
                "abstractNum" => {
                    let Some(id) = attr(node, "abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![
                        Level {
                            start: 1,
                            format: "none".into(),
                            text: String::new(),
                        };
                        9
                    ];
                    for lvl in node.children().filter(|c| is(c, "lvl")) {
                        let Some(i) = attr(lvl, "ilvl")
                            .and_then(|v| v.parse::<usize>().ok())
                            .filter(|i| *i < 9)
                        else {
                            continue;
                        };
                        levels[i] = Level {
                            start: val(lvl, &["start"])
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1),
                            format: val(lvl, &["numFmt"]).unwrap_or("decimal").to_string(),
                            text: val(lvl, &["lvlText"]).unwrap_or("").to_string(),
                        };
                    }
                    n.abstracts.insert(id.to_string(), levels);
                }
                "num" => {
                    if let (Some(id), Some(abs)) =
                        (attr(node, "numId"), val(node, &["abstractNumId"]))
                    {
                        n.nums.insert(id.to_string(), abs.to_string());
                    }
                }
                _ => {}
            }
        }
        n
    }

    fn read_styles(&mut self, doc: &Document) {
        for style in doc.root_element().children().filter(|c| is(c, "style")) {
            let (Some(id), Some(ppr)) = (attr(style, "styleId"), child(style, "pPr")) else {
                continue;
            };
            if let Some(num) = val(ppr, &["numPr", "numId"]) {
                let ilvl = val(ppr, &["numPr", "ilvl"])
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                self.styles.insert(id.to_string(), (num.to_string(), ilvl));
            }
        }
    }

    /// The number a paragraph is given ("一、", "（二）", "3."), counting it.
    fn label(&mut self, p: Node) -> String {
        let Some(ppr) = child(p, "pPr") else {
            return String::new();
        };
        let direct = val(ppr, &["numPr", "numId"]).map(|id| {
            let ilvl = val(ppr, &["numPr", "ilvl"])
                .and_then(|v| v.parse().ok())
                .unwrap_or(0usize);
            (id.to_string(), ilvl)
        });
        let Some((num, ilvl)) =
            direct.or_else(|| val(ppr, &["pStyle"]).and_then(|s| self.styles.get(s).cloned()))
        else {
            return String::new();
        };
        let Some(abs) = self.nums.get(&num).cloned() else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(&abs) else {
            return String::new();
        };
        let ilvl = ilvl.min(8);
        let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
        counters[ilvl] = if counters[ilvl] == 0 {
            levels[ilvl].start
        } else {
            counters[ilvl].saturating_add(1)
        };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let level = &levels[ilvl];
        if matches!(level.format.as_str(), "bullet" | "none") {
            return String::new();
        }
        let mut out = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(ilvl + 1).rev() {
            let n = if counters[i] == 0 {
                l.start
            } else {
                counters[i]
            };
            out = out.replace(&format!("%{}", i + 1), &format_number(n, &l.format));
        }
        out
    }
}

/// A list number in Word's formats.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting" => {
            if n == 0 || n >= 100 {
                n.to_string()
            } else if n < 10 {
                DIGITS[n as usize].to_string()
            } else {
                let tens = if n / 10 == 1 {
                    ""
                } else {
                    DIGITS[(n / 10) as usize]
                };
                let ones = if n.is_multiple_of(10) {
                    ""
                } else {
                    DIGITS[(n % 10) as usize]
                };
                format!("{tens}十{ones}")
            }
        }
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get((n as usize).wrapping_sub(1))
            .map_or(n.to_string(), |s| s.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let c = char::from(b'a' + (n - 1) as u8);
            if format == "upperLetter" {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn chinese_counting() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(23, "chineseCountingThousand"), "二十三");
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
    }
}
