//! Fuzzes the readers of each kind of file behind `import_bytes`, past what guards them: the
//! first byte chooses the kind, the rest is a Word document's `word/document.xml` (packed in a
//! valid zip, so the XML reader is reached), the body of a web page, or text with its line
//! breaks and spaces removed (the flattened reader that splits figures by the equations), a
//! PDF page's content stream (packed in a valid one-page PDF with a Latin and a CID font, so
//! the glyph and ruled-line reader is reached), or the bytes after a PDF header (the PDF
//! parser). Any
//! input gives a draft or a message, never a panic or a hang; a draft's text export imports
//! again.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use nianbao::export::{ValueOptions, text::export_text};
use nianbao::import::{import_bytes, import_text};

fn docx(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A one-page PDF whose page draws `content` with /F1 (Helvetica) and /F2 (a CID font with
/// Identity-H encoding, a descriptor and no embedded program), so text and rules reach the
/// layout.
fn pdf(content: &[u8]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
            .to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 \
/FontDescriptor 7 0 R >>] >>"
            .to_vec(),
        // pdf-extract requires a CID font's descriptor: without it every page that wrote with
        // /F2 panicked there (caught by the importer, but the fuzzer stopped at the panic and
        // never reached the layout with Chinese text).
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] \
/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>"
            .to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let bytes = match kind % 5 {
        0 => docx(rest),
        1 => [
            &b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"[..],
            rest,
        ]
        .concat(),
        2 => rest
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'|')
            .collect(),
        3 => pdf(rest),
        4 => [&b"%PDF-1.7\n"[..], rest].concat(),
        _ => return,
    };
    if let Ok(import) = import_bytes(&bytes) {
        let text = export_text(&import.draft, ValueOptions::default());
        if let Err(e) = import_text(&text) {
            panic!("the export of an imported draft does not import: {e}\n{text}");
        }
    }
});
