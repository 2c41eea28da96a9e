//! Fuzzes the readers of each kind of file behind `import_bytes`, past what guards them: the
//! first byte chooses the kind, the rest is a Word document's `word/document.xml` (packed in a
//! valid zip, so the XML reader is reached), the body of a web page, or text with its line
//! breaks and spaces removed (the flattened reader that splits figures by the equations). Any
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

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let bytes = match kind % 3 {
        0 => docx(rest),
        1 => [
            &b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"[..],
            rest,
        ]
        .concat(),
        _ => rest
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'|')
            .collect(),
    };
    if let Ok(import) = import_bytes(&bytes) {
        let text = export_text(&import.draft, ValueOptions::default());
        if let Err(e) = import_text(&text) {
            panic!("the export of an imported draft does not import: {e}\n{text}");
        }
    }
});
