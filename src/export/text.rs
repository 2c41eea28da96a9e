//! The report as plain text, laid out as published reports are copied from a portal page: the
//! title, the preamble with the contact data, the six sections in order, and each table row on
//! one line, its labels and then its cells, tab-separated.

use super::layout::{TableLayout, ValueOptions, table_layout};
use super::{contact_lines, paragraphs, part_heading};
use crate::draft::{Draft, SECTION_HEADINGS};
use crate::format::TableId;

/// One table as tab-separated lines, one grid row a line. A merged cell prints its text in its
/// first position and leaves the others empty.
pub fn table_text(layout: &TableLayout) -> String {
    let mut out = String::new();
    for row in 0..layout.height {
        let mut cells = vec![String::new(); layout.width];
        for slot in layout.row(row) {
            cells[slot.col] = slot.text.clone();
        }
        while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

fn push_paragraphs(out: &mut String, text: &str) {
    for p in paragraphs(text) {
        out.push_str(&p);
        out.push_str("\n\n");
    }
}

/// The whole report as text.
pub fn export_text(draft: &Draft, options: ValueOptions) -> String {
    let mut out = String::new();
    out.push_str(&draft.title());
    out.push_str("\n\n");
    push_paragraphs(&mut out, &draft.preamble);
    let contact = contact_lines(&draft.contact);
    if !contact.is_empty() {
        out.push_str("联系方式：\n\n");
        for line in contact {
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
    out.push_str(SECTION_HEADINGS[0]);
    out.push_str("\n\n");
    push_paragraphs(&mut out, &draft.overview_intro);
    for (i, part) in draft.parts.iter().enumerate() {
        out.push_str(&part_heading(draft, i));
        out.push_str("\n\n");
        push_paragraphs(&mut out, &part.text);
    }
    for (heading, table) in SECTION_HEADINGS[1..4].iter().zip(TableId::ALL) {
        out.push_str(heading);
        out.push_str("\n\n");
        out.push_str(&table_text(&table_layout(draft, table, options)));
        out.push('\n');
    }
    out.push_str(SECTION_HEADINGS[4]);
    out.push_str("\n\n");
    push_paragraphs(&mut out, &draft.problems);
    out.push_str(SECTION_HEADINGS[5]);
    out.push_str("\n\n");
    push_paragraphs(&mut out, &draft.other_matters);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
