//! Narrative help: sentences written from the figures, and the figures a clerk wrote read back.
//!
//! Real reports get the tables right and the prose wrong: the text quotes one cell instead of a
//! row total, counts last year's carried requests as received this year, or computes
//! percentages on the wrong base (spec §4 R7, §7). This module
//!
//! - writes editable sentences from the tables ([`generate`]): the 统计期限 (R13), the summary of
//!   requests, the summary of 复议 and 诉讼, and the 信息处理费 statement of 六 (R11), with
//!   [`generate::refresh`] and [`generate::insert_at`] to put them into a text;
//! - reads the numbers of sentences a clerk wrote and compares them with the tables ([`r7`]);
//! - finds applicants named with a full personal name ([`names`]).
//!
//! The checker ([`crate::check`]) turns the last two into findings.

pub mod figures;
pub mod generate;
pub mod memo;
pub mod names;
pub mod numbers;
pub mod r7;

pub use generate::{
    Generated, Kind, Status, find, generate, insert_at, locate, refresh, refreshed, sentences,
    status,
};
