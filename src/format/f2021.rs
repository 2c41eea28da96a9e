//! The 2021 format: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号
//! (report years from 2021). Spec §2.1, §3.2, §3.4.

use super::table3::{self, table3_rows};
use super::{BlockDef, CellType, ColDef, FormatDef, FormatId, RowDef, TableDef, TableId, TotalDef};
use crate::rules::RuleId;

const ITEM: &str = "信息内容";

const DECISIONS: &[ColDef] = &[ColDef {
    id: "decisions",
    path: &["本年处理决定数量"],
    ty: CellType::Count,
    total: None,
}];

static TABLE2: TableDef = TableDef {
    id: TableId::T2,
    title: "二、主动公开政府信息情况",
    corner: None,
    blocks: &[
        BlockDef {
            caption: Some("第二十条第（一）项"),
            row_header: Some(ITEM),
            columns: &[
                ColDef {
                    id: "issued",
                    path: &["本年制发件数"],
                    ty: CellType::Count,
                    total: None,
                },
                ColDef {
                    id: "repealed",
                    path: &["本年废止件数"],
                    ty: CellType::Count,
                    total: None,
                },
                ColDef {
                    id: "in_force",
                    path: &["现行有效件数"],
                    ty: CellType::Count,
                    total: None,
                },
            ],
            rows: &[
                RowDef {
                    id: "rules",
                    path: &["规章"],
                    total: None,
                },
                RowDef {
                    id: "normative",
                    path: &["行政规范性文件"],
                    total: None,
                },
            ],
        },
        BlockDef {
            caption: Some("第二十条第（五）项"),
            row_header: Some(ITEM),
            columns: DECISIONS,
            rows: &[RowDef {
                id: "licensing",
                path: &["行政许可"],
                total: None,
            }],
        },
        BlockDef {
            caption: Some("第二十条第（六）项"),
            row_header: Some(ITEM),
            columns: DECISIONS,
            rows: &[
                RowDef {
                    id: "penalty",
                    path: &["行政处罚"],
                    total: None,
                },
                RowDef {
                    id: "coercion",
                    path: &["行政强制"],
                    total: None,
                },
            ],
        },
        BlockDef {
            caption: Some("第二十条第（八）项"),
            row_header: Some(ITEM),
            columns: &[ColDef {
                id: "amount",
                path: &["本年收费金额（单位：万元）"],
                ty: CellType::Amount,
                total: None,
            }],
            rows: &[RowDef {
                id: "fees",
                path: &["行政事业性收费"],
                total: None,
            }],
        },
    ],
};

static TABLE3: TableDef = TableDef {
    id: TableId::T3,
    title: table3::TITLE,
    corner: Some(table3::CORNER),
    blocks: &[BlockDef {
        caption: None,
        row_header: None,
        columns: table3::COLUMNS,
        rows: table3_rows!(
            RowDef {
                id: "other_1",
                path: &[
                    table3::RESULTS,
                    table3::OTHER_GROUP,
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                ],
                total: None,
            },
            RowDef {
                id: "other_2",
                path: &[
                    table3::RESULTS,
                    table3::OTHER_GROUP,
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                ],
                total: None,
            },
            RowDef { id: "other_3", path: &[table3::RESULTS, table3::OTHER_GROUP, "3.其他"], total: None };
            total_parts: ["other_1", "other_2", "other_3"]
        ),
    }],
};

pub static FORMAT: FormatDef = FormatDef {
    id: FormatId::F2021,
    name: "2021 年格式",
    issued_by: "国办公开办函〔2021〕30号",
    tables: [&TABLE2, &TABLE3, &super::table4::TABLE],
};
