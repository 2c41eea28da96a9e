//! The report as one standalone HTML5 document (or, with `fragment`, only its markup for a
//! portal's editor). The tables carry the official merged header cells. Everything the clerk
//! typed is escaped by askama: a body name containing `<script>` prints as text.

use askama::Template;

use super::layout::{SlotKind, TableLayout, ValueOptions, table_layout};
use super::{contact_lines, paragraphs, part_heading};
use crate::draft::{Draft, SECTION_HEADINGS};
use crate::format::TableId;

/// One printed cell, ready for the template.
pub struct CellView {
    pub text: String,
    pub header: bool,
    pub rowspan: usize,
    pub colspan: usize,
    /// CSS classes: caption, corner, label, num, total.
    pub class: &'static str,
    /// "table3.new.natural" for a figure: lets scripts and tests find a cell.
    pub cell: Option<String>,
}

pub struct TableView {
    pub heading: &'static str,
    pub id: &'static str,
    pub rows: Vec<Vec<CellView>>,
}

pub struct PartView {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Template)]
#[template(path = "fragment.html")]
pub struct Fragment {
    pub title: String,
    pub preamble: Vec<String>,
    pub contact: Vec<String>,
    pub overview_heading: &'static str,
    pub intro: Vec<String>,
    pub parts: Vec<PartView>,
    pub tables: Vec<TableView>,
    pub problems_heading: &'static str,
    pub problems: Vec<String>,
    pub other_heading: &'static str,
    pub other: Vec<String>,
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct Page<'a> {
    pub title: String,
    pub fragment: &'a Fragment,
}

fn table_view(layout: &TableLayout) -> TableView {
    let rows = (0..layout.height)
        .map(|r| {
            layout
                .row(r)
                .map(|slot| {
                    let (class, cell) = match slot.kind {
                        SlotKind::Caption => ("caption", None),
                        SlotKind::Corner => ("corner", None),
                        SlotKind::ColumnHeader => ("head", None),
                        SlotKind::RowLabel => ("label", None),
                        SlotKind::Value { key, total } => {
                            (if total { "num total" } else { "num" }, Some(key.id()))
                        }
                    };
                    CellView {
                        text: slot.text.clone(),
                        header: slot.is_header() && slot.kind != SlotKind::RowLabel,
                        rowspan: slot.rowspan,
                        colspan: slot.colspan,
                        class,
                        cell,
                    }
                })
                .collect()
        })
        .collect();
    TableView {
        heading: SECTION_HEADINGS[table_index(layout.table) + 1],
        id: layout.table.code(),
        rows,
    }
}

fn table_index(table: TableId) -> usize {
    match table {
        TableId::T2 => 0,
        TableId::T3 => 1,
        TableId::T4 => 2,
    }
}

fn fragment(draft: &Draft, options: ValueOptions) -> Fragment {
    Fragment {
        title: draft.title(),
        preamble: paragraphs(&draft.preamble),
        contact: contact_lines(&draft.contact),
        overview_heading: SECTION_HEADINGS[0],
        intro: paragraphs(&draft.overview_intro),
        parts: draft
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| PartView {
                heading: part_heading(draft, i),
                paragraphs: paragraphs(&p.text),
            })
            .collect(),
        tables: TableId::ALL
            .iter()
            .map(|t| table_view(&table_layout(draft, *t, options)))
            .collect(),
        problems_heading: SECTION_HEADINGS[4],
        problems: paragraphs(&draft.problems),
        other_heading: SECTION_HEADINGS[5],
        other: paragraphs(&draft.other_matters),
    }
}

/// The report as HTML: a whole document, or with `fragment_only` only the `<article>`.
pub fn export_html(draft: &Draft, options: ValueOptions, fragment_only: bool) -> String {
    let fragment = fragment(draft, options);
    let rendered = if fragment_only {
        fragment.render()
    } else {
        Page {
            title: fragment.title.clone(),
            fragment: &fragment,
        }
        .render()
    };
    // Rendering writes into a String and our templates call no fallible filter, so this cannot
    // fail; should it ever, an empty document is better than a panic.
    rendered.unwrap_or_default()
}
