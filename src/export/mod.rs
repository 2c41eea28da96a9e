//! Export of the finished report: plain text and HTML for the government portal.
//!
//! Whatever the clerk typed is text: the HTML exporter escapes it through askama, the text
//! exporter writes it as it is. Checker errors never go into the document; the caller lists them.

pub mod html;
pub mod layout;
pub mod text;

pub use layout::ValueOptions;

use crate::draft::{Contact, Draft, chinese_numeral};

/// The paragraphs of a text field: its lines, trimmed, without empty ones.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The contact lines printed after the preamble: "地址：…".
pub fn contact_lines(contact: &Contact) -> Vec<String> {
    contact
        .fields()
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(field, v)| format!("{}：{}", field.label(), v.trim()))
        .collect()
}

/// The heading of part `i` of section 一: "（一）主动公开".
pub fn part_heading(draft: &Draft, i: usize) -> String {
    let heading = draft.parts.get(i).map(|p| p.heading.trim()).unwrap_or("");
    format!("（{}）{heading}", chinese_numeral(i + 1))
}
