//! Importing a report from the file it came in: a Word document, a saved web page, GBK text;
//! the kind recognised by content; files that cannot be read refused with a message.

#[allow(dead_code)] // Not every helper is used here.
mod common;

use common::notes;
use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::export::{ExportFormat, ExportOptions, ValueOptions, export, text::export_text};
use nianbao::import::{ImportError, import_bytes, import_file};
use std::io::Write;
use std::path::Path;

const EXAMPLES: [&str; 3] = [
    "2021-jinjiang.ron",
    "2021-jinjiang-corrected.ron",
    "2019-yonghe.ron",
];

fn example(name: &str) -> Draft {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name);
    draft_file::load(&path).expect("an example")
}

fn exported(draft: &Draft, format: ExportFormat, fragment: bool) -> Vec<u8> {
    export(
        draft,
        format,
        ExportOptions {
            values: ValueOptions::default(),
            fragment,
        },
    )
    .expect("exports")
}

/// The same draft, compared as the text round trip compares it.
fn assert_same(back: &Draft, draft: &Draft, what: &str) {
    assert_eq!(
        draft_file::to_ron(back),
        draft_file::to_ron(draft),
        "{what}"
    );
    assert_eq!(back, draft, "{what}");
}

#[test]
fn docx_exports_of_the_examples_import_back() {
    for name in EXAMPLES {
        let draft = example(name);
        let bytes = exported(&draft, ExportFormat::Docx, false);
        let back = import_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&back.draft, &draft, name);
        let notes = notes(&back);
        assert!(
            notes.contains("来源：Word 文档（.docx）") && notes.contains("个表格的单元格读取"),
            "{name}: {notes}"
        );
    }
}

#[test]
fn html_exports_of_the_examples_import_back() {
    for name in EXAMPLES {
        let draft = example(name);
        let bytes = exported(&draft, ExportFormat::Html, false);
        let back = import_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&back.draft, &draft, name);
        assert!(notes(&back).contains("来源：网页（.html）"));
    }
}

/// A portal page as sites publish the report: the site's header, menus, breadcrumb, the
/// article, 相关链接, footer and scripts, in GBK.
fn portal_page(fragment: &str, title: &str) -> Vec<u8> {
    let page = format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_政府信息公开年报_某市人民政府门户网站</title>
<style>.nav {{ color: red }} /* 一、总体情况 */</style>
<script type="text/javascript">var menu = "二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况"; document.write("<div>首页</div>");</script>
</head><body>
<div class="top"><div class="logo">某市人民政府门户网站</div><div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div id="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zmhd/">政民互动</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td class="left-column" width="200"><ul class="menu"><li>政府信息公开指南</li><li>政府信息公开制度</li><li>政府信息公开年报</li></ul></td>
<td class="content-column"><div class="info">发布时间：2022-01-20 来源：某市人民政府办公室 浏览次数：<span id="count">1024</span></div>
<div class="TRS_Editor">{fragment}</div>
<div class="share">分享到：微信 微博</div>
</td></tr></table>
<div class="xglj"><h3>相关链接</h3><ul><li><a>2020年政府信息公开工作年度报告</a></li><li><a>一、总体情况的解读</a></li></ul></div>
</div>
<div class="footer"><p>主办：某市人民政府办公室 地址：某市某路1号</p><p>网站标识码：3505820001 闽ICP备05000000号</p></div>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</body></html>"#
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable, "the fixture is all GBK");
    bytes.into_owned()
}

#[test]
fn portal_pages_in_gbk_import_back() {
    for name in EXAMPLES {
        let draft = example(name);
        let fragment = String::from_utf8(exported(&draft, ExportFormat::Html, true)).unwrap();
        let page = portal_page(&fragment, &draft.title());
        let back = import_bytes(&page).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&back.draft, &draft, name);
        let notes = notes(&back);
        assert!(notes.contains("GBK"), "{name}: {notes}");
        for furniture in [
            "首页",
            "当前位置",
            "分享到",
            "主办",
            "上年报告",
            "解读",
            "请输入关键字",
        ] {
            assert!(!notes.contains(furniture), "{name}: {notes}");
        }
    }
}

#[test]
fn gbk_text_imports_and_says_so() {
    for name in EXAMPLES {
        let draft = example(name);
        let text = export_text(&draft, ValueOptions::default());
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let back = import_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&back.draft, &draft, name);
        assert!(notes(&back).contains("来源：文本文件（GBK 编码），已按 GBK 编码转换"));
    }
}

#[test]
fn kinds_are_recognised_by_content_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let draft = example("2021-jinjiang-corrected.ron");
    for (format, named) in [
        (ExportFormat::Docx, "report.txt"),
        (ExportFormat::Html, "report.docx"),
        (ExportFormat::Text, "report.html"),
    ] {
        let path = dir.path().join(named);
        std::fs::write(&path, exported(&draft, format, false)).unwrap();
        let back = import_file(&path).unwrap_or_else(|e| panic!("{named}: {e}"));
        assert_same(&back.draft, &draft, named);
    }
}

#[test]
fn files_that_cannot_be_read_are_refused_with_advice() {
    // A .doc or .wps (OLE compound file).
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(4096, 0);
    let e = import_bytes(&ole).unwrap_err();
    assert_eq!(e, ImportError::OldWord);
    assert!(e.to_string().contains("另存为"));
    // A zip that is no Word document.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(import_bytes(&bytes).unwrap_err(), ImportError::NotWord);
    // A damaged one.
    let docx = exported(&example("2019-yonghe.ron"), ExportFormat::Docx, false);
    let cut = &docx[..docx.len() / 2];
    assert!(matches!(
        import_bytes(cut),
        Err(ImportError::Damaged { .. })
    ));
    for e in [
        ImportError::OldWord,
        ImportError::NotWord,
        ImportError::PdfNoText,
        ImportError::Unpacked { limit_mb: 32 },
        ImportError::FileTooLarge {
            kind: "网页（.html）",
            bytes: 1 << 30,
            limit: 1 << 24,
        },
        ImportError::Damaged {
            kind: "Word 文档",
            why: "x".into(),
        },
    ] {
        assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }
}

#[test]
fn a_zip_bomb_is_refused() {
    // document.xml that unpacks to 40 MB from a few tens of kilobytes.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"w\"><w:body>")
        .unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    assert!(matches!(
        import_bytes(&bytes),
        Err(ImportError::Unpacked { .. })
    ));
}

#[test]
fn oversized_files_are_refused_by_kind() {
    let mut page = b"<!DOCTYPE html><html><body>".to_vec();
    page.resize(17 * 1024 * 1024, b' ');
    let e = import_bytes(&page).unwrap_err();
    assert!(
        matches!(e, ImportError::FileTooLarge { kind, .. } if kind.contains("网页")),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Word documents as Word and WPS write them, built from nianbao's export by the changes those
// programs make: headings numbered by the list engine (the "一、" only in numbering.xml),
// runs split at every change of font, `<w:vMerge/>` without a value, a table split in two.

/// The package with some parts changed and some added.
fn repack(docx: &[u8], change: impl Fn(&str, String) -> String, added: &[(&str, &str)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).unwrap();
        out.start_file(&name, options).unwrap();
        out.write_all(change(&name, text).as_bytes()).unwrap();
    }
    for (name, text) in added {
        out.start_file(*name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// 一、 at level 0, （一） at level 1, both counted in Chinese.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

/// Registers numbering.xml in the package, as Word does.
fn register_numbering(name: &str, text: String) -> String {
    match name {
        "[Content_Types].xml" => text.replace(
            "</Types>",
            r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#,
        ),
        "word/_rels/document.xml.rels" => text.replace(
            "</Relationships>",
            r#"<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#,
        ),
        _ => text,
    }
}

/// Takes the written "一、" / "（一）" off headings of `style`, giving them `numbering` instead
/// (a `numPr`, or nothing where the style carries it).
fn number_headings(document: &str, style: &str, numeral: &str, numbering: &str) -> String {
    let pattern = regex::Regex::new(&format!(
        r#"<w:pStyle w:val="{style}"/>((?:<w:(?:keepNext|spacing)[^>]*/>)*)</w:pPr><w:r><w:t xml:space="preserve">{numeral}"#
    ))
    .unwrap();
    let changed = pattern
        .replace_all(document, |c: &regex::Captures| {
            format!(
                r#"<w:pStyle w:val="{style}"/>{}{numbering}</w:pPr><w:r><w:t xml:space="preserve">"#,
                c.get(1).map_or("", |m| m.as_str())
            )
        })
        .into_owned();
    assert_ne!(changed, document, "headings {style} numbered");
    changed
}

/// Splits the table holding `row_text` into two tables before the row that holds it, with a
/// page break between; `repeat_header` copies the header rows into the second table.
fn split_table(document: &str, row_text: &str, repeat_header: bool) -> String {
    let at = document.find(row_text).expect("the row is in the document");
    let row_start = document[..at].rfind("<w:tr>").unwrap();
    let table_start = document[..row_start].rfind("<w:tbl>").unwrap();
    let grid_end = document[table_start..].find("</w:tblGrid>").unwrap() + table_start + 12;
    let head = &document[table_start..grid_end];
    let header_rows: String = if repeat_header {
        document[grid_end..row_start]
            .split_inclusive("</w:tr>")
            .filter(|r| r.contains("<w:tblHeader/>"))
            .collect()
    } else {
        String::new()
    };
    format!(
        "{}</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>{head}{header_rows}{}",
        &document[..row_start],
        &document[row_start..]
    )
}

/// Word: direct numbering on the headings, `<w:vMerge/>` for a continued cell, table 三 split
/// into two tables.
fn word_style(docx: &[u8]) -> Vec<u8> {
    let level0 = r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#;
    let level1 = r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>"#;
    repack(
        docx,
        |name, text| match name {
            "word/document.xml" => {
                let text = number_headings(&text, "Heading1", "[一二三四五六]、", level0);
                assert_eq!(
                    text.matches(level0).count(),
                    6,
                    "the six headings, one list"
                );
                let text =
                    number_headings(&text, "Heading2", "（[一二三四五六七八九十]+）", level1);
                let text = text.replace(r#"<w:vMerge w:val="continue"/>"#, "<w:vMerge/>");
                split_table(&text, "（四）无法提供", false)
            }
            _ => register_numbering(name, text),
        },
        &[("word/numbering.xml", NUMBERING)],
    )
}

/// WPS: numbering carried by the heading styles, every run split in two-character pieces with
/// their own fonts, table 三 split into two tables with its header repeated.
fn wps_style(docx: &[u8]) -> Vec<u8> {
    let runs = regex::Regex::new(r#"<w:r><w:t xml:space="preserve">([^<]*)</w:t></w:r>"#).unwrap();
    repack(
        docx,
        |name, text| match name {
            "word/document.xml" => {
                let text = number_headings(&text, "Heading1", "[一二三四五六]、", "");
                let text = number_headings(&text, "Heading2", "（[一二三四五六七八九十]+）", "");
                let text = split_table(&text, "（四）无法提供", true);
                runs
                    .replace_all(&text, |c: &regex::Captures| {
                        let chars: Vec<char> = c[1].chars().collect();
                        chars
                            .chunks(2)
                            .map(|piece| {
                                format!(
                                    r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                                    piece.iter().collect::<String>()
                                )
                            })
                            .collect::<String>()
                    })
                    .into_owned()
            }
            "word/styles.xml" => {
                let mut text = text;
                for (style, level) in [("Heading1", 0), ("Heading2", 1)] {
                    let at = text.find(&format!(r#"w:styleId="{style}""#)).unwrap();
                    let ppr = text[at..].find("<w:pPr>").unwrap() + at + 7;
                    text.insert_str(
                        ppr,
                        &format!(
                            r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>"#
                        ),
                    );
                }
                text
            }
            _ => register_numbering(name, text),
        },
        &[("word/numbering.xml", NUMBERING)],
    )
}

#[test]
fn word_and_wps_documents_import_to_the_example_drafts() {
    for name in EXAMPLES {
        let draft = example(name);
        let docx = exported(&draft, ExportFormat::Docx, false);
        for (style, bytes) in [("Word", word_style(&docx)), ("WPS", wps_style(&docx))] {
            let back = import_bytes(&bytes).unwrap_or_else(|e| panic!("{name} {style}: {e}"));
            // All six section headings are items of the one list, as in Word (the headings
            // of 三 and 四 have spacing of their own, which the numbering keeps).
            assert_same(&back.draft, &draft, &format!("{name} ({style})"));
            let notes = notes(&back);
            assert!(
                notes.contains("找到 6 个部分标题"),
                "{name} {style}: {notes}"
            );
            assert!(
                notes.contains("4 个表格的单元格"),
                "{name} {style}: {notes}"
            );
        }
    }
}
