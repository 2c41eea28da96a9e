//! Constant regular expressions, built one way: a `static` compiled on first use,
//!
//! ```ignore
//! static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20|21)[0-9]{2})\s*年"));
//! ```
//!
//! A leaf: it uses nothing else of the crate.

use regex::Regex;

/// Compiles a pattern written in the source.
///
/// The pattern is a constant, so it compiles on every run or on none: a typo panics the first
/// time its `static` is used — in the tests that exercise it — and never depends on what a clerk
/// typed or imported. That is why a failure is `unreachable!` rather than an error to handle.
pub fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("the pattern is a constant: {e}"))
}

/// A small deterministic random source (xorshift64) for the tests that compare a hand-written
/// scan with the regular expression it replaces on many generated texts.
#[cfg(test)]
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// A text of up to `max - 1` pieces drawn from `pieces`.
#[cfg(test)]
pub(crate) fn random_text(next: &mut impl FnMut() -> u64, pieces: &[&str], max: u64) -> String {
    let mut text = String::new();
    for _ in 0..(next() % max) {
        text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
    }
    text
}
