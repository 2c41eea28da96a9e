//! Table 四 (政府信息公开行政复议、行政诉讼情况): the same in both formats. One data row of 15 cells
//! in three blocks of five, each ending in its 总计.

use super::{BlockDef, CellType, ColDef, RowDef, TableDef, TableId, TotalDef};
use crate::rules::RuleId;

const REVIEW: &str = "行政复议";
const LITIGATION: &str = "行政诉讼";
const DIRECT: &str = "未经复议直接起诉";
const AFTER: &str = "复议后起诉";

macro_rules! block_columns {
    ($prefix:literal, [$($group:expr),+]) => {
        [
            ColDef { id: concat!($prefix, "_upheld"), path: &[$($group,)+ "结果维持"], ty: CellType::Count, total: None },
            ColDef { id: concat!($prefix, "_corrected"), path: &[$($group,)+ "结果纠正"], ty: CellType::Count, total: None },
            ColDef { id: concat!($prefix, "_other"), path: &[$($group,)+ "其他结果"], ty: CellType::Count, total: None },
            ColDef { id: concat!($prefix, "_pending"), path: &[$($group,)+ "尚未审结"], ty: CellType::Count, total: None },
            ColDef {
                id: concat!($prefix, "_total"),
                path: &[$($group,)+ "总计"],
                ty: CellType::Count,
                total: Some(TotalDef {
                    parts: &[
                        concat!($prefix, "_upheld"),
                        concat!($prefix, "_corrected"),
                        concat!($prefix, "_other"),
                        concat!($prefix, "_pending"),
                    ],
                    rule: RuleId::R6,
                    sum_name: "结果维持、结果纠正、其他结果、尚未审结之和",
                }),
            },
        ]
    };
}

const REVIEW_COLUMNS: [ColDef; 5] = block_columns!("review", [REVIEW]);
const DIRECT_COLUMNS: [ColDef; 5] = block_columns!("direct", [LITIGATION, DIRECT]);
const AFTER_COLUMNS: [ColDef; 5] = block_columns!("after_review", [LITIGATION, AFTER]);

const COLUMNS: [ColDef; 15] = {
    let [a0, a1, a2, a3, a4] = REVIEW_COLUMNS;
    let [b0, b1, b2, b3, b4] = DIRECT_COLUMNS;
    let [c0, c1, c2, c3, c4] = AFTER_COLUMNS;
    [a0, a1, a2, a3, a4, b0, b1, b2, b3, b4, c0, c1, c2, c3, c4]
};

pub static TABLE: TableDef = TableDef {
    id: TableId::T4,
    title: "四、政府信息公开行政复议、行政诉讼情况",
    corner: None,
    blocks: &[BlockDef {
        caption: None,
        row_header: None,
        columns: &COLUMNS,
        rows: &[RowDef {
            id: "cases",
            path: &[],
            total: None,
        }],
    }],
};
