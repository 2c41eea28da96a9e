//! 汇总 from the board: the units shown (all, or those without errors) added up with the exact
//! merge, and the units left out named.

use super::Board;
use crate::merge::{self, MergeError, MergeOptions, Merged, Unit, UnitFindings};

/// A 汇总 made from the board.
#[derive(Clone, Debug)]
pub struct BoardMerge {
    pub merged: Merged,
    /// The units not added up, each with why ("第3镇（有错误）").
    pub left_out: Vec<String>,
}

impl Board {
    /// Adds up the rows `rows` (indices, as [`Board::view`] gives them); with `only_clean`, the
    /// units with errors are left out. Files that could not be read are always left out.
    pub fn merge(
        &self,
        rows: &[usize],
        only_clean: bool,
        options: &MergeOptions,
    ) -> Result<BoardMerge, MergeError> {
        let mut units = Vec::new();
        let mut checked = Vec::new();
        let mut left_out = Vec::new();
        for row in rows.iter().filter_map(|&i| self.rows.get(i)) {
            match row.report() {
                None => left_out.push(format!("{}（无法读取）", row.name())),
                Some(_) if only_clean && row.has_errors() => {
                    left_out.push(format!("{}（有错误）", row.name()));
                }
                Some(u) => {
                    units.push(Unit {
                        source: &row.source,
                        draft: &u.draft,
                    });
                    checked.push(UnitFindings {
                        source: row.source.clone(),
                        body: u.body().to_string(),
                        findings: u.findings.clone(),
                    });
                }
            }
        }
        // The board checked every unit already (with last year's report and the profile).
        let mut merged = merge::merge_checked(&units, options, |_| checked)?;
        if !left_out.is_empty() {
            merged.notes.push(format!(
                "未列入汇总的单位（{} 个）：{}",
                left_out.len(),
                left_out.join("、")
            ));
        }
        Ok(BoardMerge { merged, left_out })
    }
}
