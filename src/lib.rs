//! nianbao (年报): the report engine of the tool in which a clerk writes the annual
//! 政府信息公开工作年度报告.
//!
//! Everything here works without a window: the official formats as data ([`format`]), the report
//! model ([`draft`]), the 勾稽 checker ([`check`]), `.ron` drafts ([`draft_file`]), edits with undo
//! ([`document`]), format conversion ([`convert`]) and the import of published reports ([`import`]). The desktop window (feature `gui`) and the
//! command line are thin shells over it.

pub mod check;
pub mod cli;
pub mod convert;
pub mod date;
pub mod document;
pub mod draft;
pub mod draft_file;
pub mod export;
pub mod format;
pub mod import;
pub mod totals;
pub mod value;

#[cfg(feature = "gui")]
pub mod gui;
