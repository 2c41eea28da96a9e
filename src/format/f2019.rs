//! The 2019 format: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号
//! (report years up to 2020). Spec §2.2, §3.3, §3.4.

use super::table3::{self, table3_rows};
use super::{BlockDef, CellType, ColDef, FormatDef, FormatId, RowDef, TableDef, TableId, TotalDef};
use crate::rules::RuleId;

const ITEM: &str = "信息内容";

const PREV: ColDef = ColDef {
    id: "prev_items",
    path: &["上一年项目数量"],
    ty: CellType::Count,
    total: None,
};
const CHANGE: ColDef = ColDef {
    id: "change",
    path: &["本年增/减"],
    ty: CellType::Signed,
    total: None,
};
const DECISIONS: ColDef = ColDef {
    id: "decisions",
    path: &["处理决定数量"],
    ty: CellType::Count,
    total: None,
};
const ITEMS_WITH_DECISIONS: &[ColDef] = &[PREV, CHANGE, DECISIONS];

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
                    id: "made",
                    path: &["本年新制作数量"],
                    ty: CellType::Count,
                    total: None,
                },
                ColDef {
                    id: "published",
                    path: &["本年新公开数量"],
                    ty: CellType::Count,
                    total: None,
                },
                ColDef {
                    id: "total_published",
                    path: &["对外公开总数量"],
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
                    path: &["规范性文件"],
                    total: None,
                },
            ],
        },
        BlockDef {
            caption: Some("第二十条第（五）项"),
            row_header: Some(ITEM),
            columns: ITEMS_WITH_DECISIONS,
            rows: &[
                RowDef {
                    id: "licensing",
                    path: &["行政许可"],
                    total: None,
                },
                RowDef {
                    id: "other_services",
                    path: &["其他对外管理服务事项"],
                    total: None,
                },
            ],
        },
        BlockDef {
            caption: Some("第二十条第（六）项"),
            row_header: Some(ITEM),
            columns: ITEMS_WITH_DECISIONS,
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
            columns: &[PREV, CHANGE],
            rows: &[RowDef {
                id: "fees",
                path: &["行政事业性收费"],
                total: None,
            }],
        },
        BlockDef {
            caption: Some("第二十条第（九）项"),
            row_header: Some(ITEM),
            columns: &[
                ColDef {
                    id: "items",
                    path: &["采购项目数量"],
                    ty: CellType::Count,
                    total: None,
                },
                ColDef {
                    id: "amount",
                    path: &["采购总金额"],
                    ty: CellType::Money,
                    total: None,
                },
            ],
            rows: &[RowDef {
                id: "procurement",
                path: &["政府集中采购"],
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
            RowDef { id: "other", path: &[table3::RESULTS, table3::OTHER_GROUP], total: None };
            total_parts: ["other"]
        ),
    }],
};

pub static FORMAT: FormatDef = FormatDef {
    id: FormatId::F2019,
    name: "2019 年格式（试行）",
    issued_by: "国办公开办函〔2019〕60号",
    tables: [&TABLE2, &TABLE3, &super::table4::TABLE],
};
