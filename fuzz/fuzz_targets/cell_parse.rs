//! Arbitrary text typed or pasted into a cell of every type: a value or a message, never a panic;
//! a value prints as text that parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::format::CellType;
use nianbao::value::parse_cell;

fuzz_target!(|text: &str| {
    for ty in [CellType::Count, CellType::Signed, CellType::Amount, CellType::Money] {
        if let Ok(Some(value)) = parse_cell(ty, text) {
            assert!(value.fits(ty));
            assert_eq!(parse_cell(ty, &value.to_string()), Ok(Some(value)));
        }
    }
});
