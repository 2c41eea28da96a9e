//! Importing a report from a PDF with a text layer: the cells rebuilt from where the text stands
//! on the page; a PDF without text, and a damaged one, refused with a message.

#[allow(dead_code)] // Not every helper is used here.
mod common;

use std::path::{Path, PathBuf};

use common::notes;
use nianbao::draft::Draft;
use nianbao::draft_file;
use nianbao::export::{ValueOptions, docx::export_docx};
use nianbao::import::{ImportError, import_bytes, import_file};

fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The cells that differ between two drafts, one line each, for a readable failure.
fn cell_diff(got: &Draft, want: &Draft) -> String {
    let keys: std::collections::BTreeSet<_> = got.cells.keys().chain(want.cells.keys()).collect();
    keys.into_iter()
        .filter(|k| got.cells.get(k) != want.cells.get(k))
        .map(|k| {
            format!(
                "{k:?}: PDF {:?}, text {:?}",
                got.cells.get(k),
                want.cells.get(k)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// The public reports are read from ../shared/reports/public (their PDFs in pdf/, the text the
// fixtures were made from beside them), never copied into the project; absent, the test skips.
#[test]
fn public_pdfs_import_as_their_text() {
    let dir = project("../shared/reports/public");
    if !dir.join("pdf").is_dir() {
        eprintln!(
            "skipped: {} is absent (the public reports are read from ../shared, never copied in)",
            dir.join("pdf").display()
        );
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.join("pdf"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let stem = name.trim_end_matches(".pdf");
        let started = std::time::Instant::now();
        let pdf =
            import_file(&dir.join("pdf").join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        eprintln!("{name}: read in {:?}", started.elapsed());
        let text = import_file(&dir.join(format!("{stem}.txt"))).unwrap();
        let (p, t) = (&pdf.draft, &text.draft);
        let notes = notes(&pdf);
        assert_eq!(
            (p.format, p.year, &p.body, p.title()),
            (t.format, t.year, &t.body, t.title()),
            "{name}\n{notes}"
        );
        assert!(
            p.cells == t.cells,
            "{name}: cells differ\n{}\n{notes}",
            cell_diff(p, t)
        );
        assert!(notes.contains("来源：PDF 文件"), "{name}: {notes}");
        assert!(
            notes.contains("按文字在页面上的位置读取"),
            "{name}: {notes}"
        );
    }
}

/// Each seed example, exported to Word by nianbao and printed to PDF by LibreOffice, imports
/// back to the same draft: 永和镇's blank cells blank and in their columns (a blank cell has no
/// text, so only where the figures stand says which column each is in).
#[test]
fn libreoffice_pdfs_of_the_examples_import_back() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for name in ["2021-jinjiang.ron", "2019-yonghe.ron"] {
        let draft = common::example(name);
        let stem = name.trim_end_matches(".ron");
        let (pdf, run) = common::docx_to_pdf(soffice, dir.path(), stem, &draft);
        assert!(run.status.success() && pdf.is_file(), "{name}");
        let back = import_file(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        let notes = notes(&back);
        assert!(
            back.draft.cells == draft.cells,
            "{name}: cells differ\n{}\n{notes}",
            cell_diff(&back.draft, &draft)
        );
        // The rest of the draft as it went in, but for two things the PDF itself has lost:
        // a space where a line wraps (LibreOffice draws no space glyph at a line's end, and its
        // gap between Latin and Chinese text is there whether the text had a space or not), and
        // 晋江's one 、 that would hang past the right margin, which LibreOffice leaves out of
        // the page (pdftotext finds no 、 there either).
        let mut want = draft.clone();
        for part in &mut want.parts {
            part.text = part.text.replace("公众权益、社会关切", "公众权益社会关切");
        }
        let unspaced = |d: &Draft| draft_file::to_ron(d).replace(' ', "");
        assert_eq!(unspaced(&back.draft), unspaced(&want), "{name}\n{notes}");
        assert!(notes.contains("来源：PDF 文件"), "{name}: {notes}");
    }
}

/// A one-page PDF whose page draws only a box: no text layer, as a scan has none.
fn pdf_without_text() -> Vec<u8> {
    one_page_pdf(b"0 0 0 RG 72 72 200 100 re S", "")
}

/// A one-page PDF with `content` as its page's content stream, `filter` its stream's filter
/// entry.
fn one_page_pdf(content: &[u8], filter: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"
            .to_string(),
    ];
    let stream = [
        format!("<< /Length {}{filter} >>\nstream\n", content.len()).as_bytes(),
        content,
        b"\nendstream",
    ]
    .concat();
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects
        .iter()
        .map(|o| o.as_bytes())
        .chain([stream.as_slice()])
        .enumerate()
    {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 2).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 2
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_pdf_without_text_is_refused_as_a_scan() {
    let e = import_bytes(&pdf_without_text()).unwrap_err();
    assert_eq!(e, ImportError::PdfNoText);
    let message = e.to_string();
    assert!(
        message.contains("没有文字层") && message.contains("扫描件"),
        "{message}"
    );
}

#[test]
fn damaged_pdfs_are_refused_with_a_message() {
    let whole = pdf_without_text();
    let mut cases: Vec<Vec<u8>> = vec![
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
            .to_vec(),
        whole[..whole.len() / 2].to_vec(),
        b"%PDF-1.4\n\xff\xfe\x00garbage\x01\x02".repeat(50),
        // Operators short of operands and a font that is not there: pdf-extract indexes
        // without checking; the import refuses, it does not crash.
        one_page_pdf(b"1 2 re S", ""),
        one_page_pdf(b"BT /F9 12 Tf 72 700 Td (x) Tj ET", ""),
        one_page_pdf(b"BT Tf Td Tj ET", ""),
        // An operand of the wrong kind (a string where a path wants a number; found by the
        // fuzzer): pdf-extract panics on it.
        one_page_pdf(b"0 0 0 RG 72 700 m <4E004E8C>0 m 520 700 l S", ""),
    ];
    let example = project("assets/examples/2019-yonghe.ron");
    let docx = export_docx(
        &draft_file::load(&example).unwrap(),
        ValueOptions::default(),
    )
    .unwrap();
    let mut pretend = b"%PDF-1.5\n".to_vec();
    pretend.extend(&docx);
    cases.push(pretend);
    for (i, bytes) in cases.iter().enumerate() {
        let e = import_bytes(bytes).expect_err("refused");
        let message = e.to_string();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "case {i}: {message}"
        );
    }
}

/// The command line says in Chinese that the file is damaged, and nothing of the panic inside
/// pdf-extract (its English text, a backtrace) reaches the terminal.
#[test]
fn a_pdf_that_makes_the_reader_panic_is_refused_without_the_panic_text() {
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-panic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("坏.pdf");
    std::fs::write(&pdf, one_page_pdf(b"72 700 m <4E00>0 m 520 700 l S", "")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("import")
        .arg(&pdf)
        .arg("-o")
        .arg(dir.join("坏.ron"))
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("文件结构有误"), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(!dir.join("坏.ron").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A zlib stream of `megabytes` MB of spaces in about a thousandth of that, its checksum wrong
/// (a bomb need not end well).
fn spaces_bomb(megabytes: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut deflate = Compress::new(Compression::best(), false);
    let spaces = vec![b' '; 1 << 20];
    let mut chunk = Vec::with_capacity(1 << 16);
    deflate
        .compress_vec(&spaces, &mut chunk, FlushCompress::Sync)
        .unwrap();
    assert!(
        deflate.total_in() == spaces.len() as u64,
        "one call packs the megabyte"
    );
    // A sync flush ends byte-aligned, and spaces back-reference only spaces: the same chunk
    // repeated is a valid stream of that many megabytes of spaces.
    let mut bomb = vec![0x78, 0x01];
    for _ in 0..megabytes {
        bomb.extend(&chunk);
    }
    bomb.extend([0x03, 0x00, 0, 0, 0, 0]);
    bomb
}

fn refused_as_unpacked(pdf: &[u8]) {
    let e = import_bytes(pdf).unwrap_err();
    assert!(matches!(e, ImportError::PdfUnpacked { .. }), "{e}");
}

/// A content stream that inflates to 100 MB from some 100 KB: refused before the text is read.
#[test]
fn a_pdf_stream_bomb_is_refused() {
    let bomb = spaces_bomb(100);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let pdf = one_page_pdf(&bomb, " /Filter /FlateDecode");
    refused_as_unpacked(&pdf);
}

/// Object streams are unpacked by lopdf while it loads the file, before any page is read: one
/// that would unpack to 2 GB (or to 4 GB through two filters, from 2 MB that unpack to 4 MB) is
/// refused having been unpacked only into a counter, up to the limit. Unguarded, loading these
/// files asks for the gigabytes.
#[test]
fn a_pdf_object_stream_bomb_is_refused_before_it_is_unpacked() {
    let bomb = spaces_bomb(2048);
    assert!(bomb.len() < 3 << 20, "{}", bomb.len());
    let pdf = one_page_pdf(&bomb, " /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode");
    refused_as_unpacked(&pdf);

    let inner = spaces_bomb(4096);
    let mut outer = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut outer, &inner).unwrap();
    let twice = outer.finish().unwrap();
    assert!(twice.len() < 1 << 20, "{}", twice.len());
    let pdf = one_page_pdf(
        &twice,
        " /Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]",
    );
    refused_as_unpacked(&pdf);
}

/// lopdf inflates a stream whose zlib header it cannot read as raw deflate after the header:
/// such a bomb is counted the same way.
#[test]
fn a_pdf_bomb_behind_a_broken_zlib_header_is_refused() {
    let mut bomb = spaces_bomb(100);
    bomb[1] = 0x00;
    let pdf = one_page_pdf(&bomb, " /Filter /FlateDecode");
    refused_as_unpacked(&pdf);
}

#[test]
fn pdf_limits_are_said_in_chinese() {
    for e in [
        ImportError::PdfNoText,
        ImportError::PdfEncrypted,
        ImportError::PdfTooManyPages {
            pages: 9000,
            limit: 500,
        },
        ImportError::PdfUnpacked { limit_mb: 96 },
        ImportError::PdfTooManyGlyphs,
    ] {
        assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{e}"
        );
    }
}

/// `NIANBAO_PDF=file.pdf cargo test --test import_pdf print_pdf_text -- --nocapture` prints the
/// text a PDF is laid out into.
#[test]
fn print_pdf_text() {
    if let Some(path) = std::env::var_os("NIANBAO_PDF") {
        let bytes = std::fs::read(path).unwrap();
        println!("{}", nianbao::import::pdf_text(&bytes).unwrap());
    }
}

/// The cross-reference stream, which lopdf unpacks first of all to find the objects: one that
/// would unpack to 2 GB is refused having been unpacked only into a counter.
#[test]
fn a_pdf_cross_reference_stream_bomb_is_refused() {
    let bomb = spaces_bomb(2048);
    let mut pdf = one_page_pdf(b"BT ET", "");
    let end = pdf.windows(4).rposition(|w| w == b"xref").unwrap();
    pdf.truncate(end);
    let at = pdf.len();
    pdf.extend(
        format!(
            "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length {} /Filter /FlateDecode >>\nstream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    pdf.extend(&bomb);
    pdf.extend(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    refused_as_unpacked(&pdf);
}
