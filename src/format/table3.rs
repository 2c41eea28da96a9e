//! Table 三 (收到和处理政府信息公开申请情况): identical in both formats except for the rows of
//! （六）其他处理, which 2019 keeps as one row and 2021 splits into three.

use super::{CellType, ColDef, TotalDef};
use crate::rules::RuleId;

/// The merged top-left header cell, verbatim.
pub const CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub const TITLE: &str = "三、收到和处理政府信息公开申请情况";

const APPLICANTS: &str = "申请人情况";
const ORGS: &str = "法人或其他组织";

pub const COLUMNS: &[ColDef] = &[
    ColDef {
        id: "natural",
        path: &[APPLICANTS, "自然人"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "commercial",
        path: &[APPLICANTS, ORGS, "商业企业"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "research",
        path: &[APPLICANTS, ORGS, "科研机构"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "nonprofit",
        path: &[APPLICANTS, ORGS, "社会公益组织"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "legal",
        path: &[APPLICANTS, ORGS, "法律服务机构"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "other_org",
        path: &[APPLICANTS, ORGS, "其他"],
        ty: CellType::Count,
        total: None,
    },
    ColDef {
        id: "total",
        path: &[APPLICANTS, "总计"],
        ty: CellType::Count,
        total: Some(TotalDef {
            parts: &[
                "natural",
                "commercial",
                "research",
                "nonprofit",
                "legal",
                "other_org",
            ],
            rule: RuleId::R1,
            sum_name: "各申请人类型之和",
        }),
    },
];

pub const NEW: &str = "一、本年新收政府信息公开申请数量";
pub const CARRIED: &str = "二、上年结转政府信息公开申请数量";
pub const RESULTS: &str = "三、本年度办理结果";
pub const CARRY_FORWARD: &str = "四、结转下年度继续办理";
pub const OTHER_GROUP: &str = "（六）其他处理";

/// Rows one to （五） of both formats; each format adds its own （六） rows, （七） and 四.
macro_rules! table3_rows {
    ($($other:expr),* ; total_parts: [$($part:expr),*]) => {
        &[
            RowDef { id: "new", path: &[$crate::format::table3::NEW], total: None },
            RowDef { id: "carried", path: &[$crate::format::table3::CARRIED], total: None },
            RowDef { id: "granted", path: &[$crate::format::table3::RESULTS, "（一）予以公开"], total: None },
            RowDef {
                id: "partial",
                path: &[$crate::format::table3::RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
                total: None,
            },
            RowDef { id: "withheld_1", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "1.属于国家秘密"], total: None },
            RowDef { id: "withheld_2", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "2.其他法律行政法规禁止公开"], total: None },
            RowDef { id: "withheld_3", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "3.危及“三安全一稳定”"], total: None },
            RowDef { id: "withheld_4", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "4.保护第三方合法权益"], total: None },
            RowDef { id: "withheld_5", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "5.属于三类内部事务信息"], total: None },
            RowDef { id: "withheld_6", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "6.属于四类过程性信息"], total: None },
            RowDef { id: "withheld_7", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "7.属于行政执法案卷"], total: None },
            RowDef { id: "withheld_8", path: &[$crate::format::table3::RESULTS, "（三）不予公开", "8.属于行政查询事项"], total: None },
            RowDef { id: "unable_1", path: &[$crate::format::table3::RESULTS, "（四）无法提供", "1.本机关不掌握相关政府信息"], total: None },
            RowDef { id: "unable_2", path: &[$crate::format::table3::RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"], total: None },
            RowDef { id: "unable_3", path: &[$crate::format::table3::RESULTS, "（四）无法提供", "3.补正后申请内容仍不明确"], total: None },
            RowDef { id: "declined_1", path: &[$crate::format::table3::RESULTS, "（五）不予处理", "1.信访举报投诉类申请"], total: None },
            RowDef { id: "declined_2", path: &[$crate::format::table3::RESULTS, "（五）不予处理", "2.重复申请"], total: None },
            RowDef { id: "declined_3", path: &[$crate::format::table3::RESULTS, "（五）不予处理", "3.要求提供公开出版物"], total: None },
            RowDef { id: "declined_4", path: &[$crate::format::table3::RESULTS, "（五）不予处理", "4.无正当理由大量反复申请"], total: None },
            RowDef { id: "declined_5", path: &[$crate::format::table3::RESULTS, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"], total: None },
            $($other,)*
            RowDef {
                id: "total",
                path: &[$crate::format::table3::RESULTS, "（七）总计"],
                total: Some(TotalDef {
                    parts: &[
                        "granted", "partial",
                        "withheld_1", "withheld_2", "withheld_3", "withheld_4",
                        "withheld_5", "withheld_6", "withheld_7", "withheld_8",
                        "unable_1", "unable_2", "unable_3",
                        "declined_1", "declined_2", "declined_3", "declined_4", "declined_5",
                        $($part),*
                    ],
                    rule: RuleId::R2,
                    sum_name: "各办理结果之和",
                }),
            },
            RowDef { id: "carry_forward", path: &[$crate::format::table3::CARRY_FORWARD], total: None },
        ]
    };
}
pub(crate) use table3_rows;
