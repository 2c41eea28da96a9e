//! The import report (导入说明): what was read, what was matched despite a typo, what is missing,
//! and what could not be read, each as one note for the clerk.

use std::fmt;

use crate::address::Location;

/// What a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKind {
    /// A summary of what was read.
    Read,
    /// A label or heading matched to the official one despite a typo or a variant wording.
    Matched,
    /// Something the report should have that was not found.
    Missing,
    /// Something that was found but could not be read unambiguously; left blank.
    Unreadable,
    /// The six headings: not found, renumbered, or out of order.
    Headings,
    /// A value the importer chose that the clerk should check (level, body name, format).
    Check,
    /// Text or figures of the report that have no place in the draft.
    NotImported,
}

impl NoteKind {
    /// The word the clerk reads in front of the note.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Read => "已读取",
            NoteKind::Matched => "近似匹配",
            NoteKind::Missing => "缺失",
            NoteKind::Unreadable => "无法读取",
            NoteKind::Headings => "标题",
            NoteKind::Check => "请核对",
            NoteKind::NotImported => "未导入",
        }
    }
}

/// One note of the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    pub kind: NoteKind,
    /// The note for the clerk, in Chinese.
    pub message: String,
    /// Where in the draft the note points, when it points at one place.
    pub location: Option<Location>,
}

impl ImportNote {
    pub fn new(kind: NoteKind, message: impl Into<String>) -> ImportNote {
        ImportNote {
            kind,
            message: message.into(),
            location: None,
        }
    }

    pub fn at(mut self, location: Location) -> ImportNote {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "【{}】{}", self.kind.label(), self.message)
    }
}

/// At most `max` items, joined with "；", and "等 N 处" when some were left off.
pub fn list(items: &[String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let mut out = shown.join("；");
    if items.len() > max {
        out.push_str(&format!("……等 {} 处", items.len()));
    }
    out
}

/// A quotation of published text for a note: whitespace collapsed, at most `max` characters.
pub fn quote(text: &str, max: usize) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = collapsed.chars().take(max).collect();
    if collapsed.chars().count() > max {
        out.push('…');
    }
    out
}
