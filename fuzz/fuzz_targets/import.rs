//! Fuzzes the importer: any bytes give a draft or a message, never a panic or a hang; and the
//! text export of a draft it gives imports again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::export::{ValueOptions, text::export_text};
use nianbao::import::{import_bytes, import_text};

fuzz_target!(|data: &[u8]| {
    if let Ok(import) = import_bytes(data) {
        let text = export_text(&import.draft, ValueOptions::default());
        if let Err(e) = import_text(&text) {
            panic!("the export of an imported draft does not import: {e}\n{text}");
        }
    }
});
