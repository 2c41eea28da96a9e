//! Arbitrary bytes as a draft file: loading gives a draft or a message, never a panic; a draft
//! that loads saves and loads again unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::draft_file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(draft) = draft_file::from_ron(text) {
        let again = draft_file::from_ron(&draft_file::to_ron(&draft)).expect("a saved draft loads");
        assert_eq!(again, draft);
    }
});
