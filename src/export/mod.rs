//! Export of the finished report: plain text and HTML for the government portal, and a Word
//! document for the sign-off on paper.
//!
//! Whatever the clerk typed is text: the HTML exporter escapes it through askama, the text
//! exporter writes it as it is. Checker errors never go into the document; the caller lists them.

pub mod docx;
pub mod html;
pub mod layout;
pub mod text;

pub use layout::ValueOptions;

use crate::draft::{Contact, Draft, chinese_numeral};

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Html,
    Text,
    Docx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Html, ExportFormat::Text, ExportFormat::Docx];

    /// The name the command line takes: `--format html`.
    pub fn code(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Text => "text",
            ExportFormat::Docx => "docx",
        }
    }

    pub fn from_code(code: &str) -> Option<ExportFormat> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The file name extension written when the clerk gives none.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Text => "txt",
            ExportFormat::Docx => "docx",
        }
    }

    /// As the window offers it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Html => "网页（HTML）",
            ExportFormat::Text => "纯文本",
            ExportFormat::Docx => "Word 文档（.docx）",
        }
    }
}

/// How an export is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExportOptions {
    pub values: ValueOptions,
    /// HTML only: the report's markup without the page around it.
    pub fragment: bool,
}

/// The bytes of an exported report.
pub fn export(
    draft: &Draft,
    format: ExportFormat,
    options: ExportOptions,
) -> Result<Vec<u8>, docx::DocxError> {
    Ok(match format {
        ExportFormat::Html => {
            html::export_html(draft, options.values, options.fragment).into_bytes()
        }
        ExportFormat::Text => text::export_text(draft, options.values).into_bytes(),
        ExportFormat::Docx => docx::export_docx(draft, options.values)?,
    })
}

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
