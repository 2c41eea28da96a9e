//! nianbao (年报): the report engine of the tool in which a clerk writes the annual
//! 政府信息公开工作年度报告.
//!
//! Everything here works without a window: the official formats as data ([`format`]), the report
//! model ([`draft`]), the 勾稽 checker ([`check`]), `.ron` drafts ([`draft_file`]), edits with undo
//! ([`document`]), format conversion ([`convert`]), narrative help ([`narrative`]: sentences
//! written from the figures, and the figures of the prose checked), one year's report and the
//! next ([`years`]), 汇总 of many units ([`merge`]), 本年与上年对比 ([`compare`]), export
//! ([`export`]), the import of published reports ([`import`]) and recovery files
//! ([`recovery`]). The desktop window (feature `gui`) and the
//! command line are thin shells over it.
//!
//! The modules form layers, lowest first: [`rules`] and [`pattern`] use nothing of the crate,
//! [`address`] points into a draft, and each module uses only those below it (ARCHITECTURE.md;
//! `tests/layers.rs` checks it).

pub mod address;
pub mod chart;
pub mod check;
pub mod cli;
pub mod collate;
pub mod compare;
pub mod convert;
pub mod date;
pub mod diagnose;
pub mod document;
pub mod draft;
pub mod draft_file;
pub mod export;
pub mod format;
pub mod import;
pub mod merge;
pub mod narrative;
pub mod pattern;
pub mod profile;
pub mod recovery;
pub mod review;
pub mod rules;
pub mod totals;
pub mod value;
pub mod years;

#[cfg(feature = "gui")]
pub mod gui;
