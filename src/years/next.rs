//! 新建下一年度报告: a draft for the following year, started from last year's.

use std::sync::LazyLock;

use regex::Regex;

use super::last_year_of;
use crate::convert::Dropped;
use crate::date::REPORT_YEARS;
use crate::draft::{Draft, TextField};
use crate::format::{CellKind, FormatId, TableId};
use crate::pattern::re;
use crate::totals;
use crate::value::Value;

/// The draft for the following year, and what the clerk should be told about it.
#[derive(Clone, Debug)]
pub struct NextYear {
    pub draft: Draft,
    /// Last year's table-二 figures that this year's arithmetic would start from but that the new
    /// format has no counterpart for (a 2020 report continued into 2021), with figure and reason.
    pub not_carried: Vec<Dropped>,
    /// What was carried and what changed, one sentence each, in Chinese.
    pub notes: Vec<String>,
}

/// Why no next-year draft can be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NextYearError {
    #[error("报告年度 {0} 不是有效年份，无法新建下一年度报告")]
    BadYear(i32),
}

/// The 统计期限 sentence, with the spacing clerks type: the two years and what lies between them.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4})(\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*)(\d{4})(\s*年\s*12\s*月\s*31\s*日)",
    )
});

/// Moves a 统计期限 sentence that names `from` to the year `to`; other text stays as it is.
/// Returns `None` when the text holds no such sentence.
fn move_period(text: &str, from: i32, to: i32) -> Option<String> {
    let from = from.to_string();
    let mut changed = false;
    let out = PERIOD.replace_all(text, |caps: &regex::Captures<'_>| {
        if caps[1] == from && caps[3] == from {
            changed = true;
            format!("{to}{}{to}{}", &caps[2], &caps[4])
        } else {
            caps[0].to_string()
        }
    });
    changed.then(|| out.into_owned())
}

/// Moves the mentions of this report by year that name `from` ("2025年度政府信息公开工作年度报告",
/// "2025年度报告") to the year `to`; comparisons ("较2024年") and other years stay as they are.
/// Returns `None` when the text holds no such mention.
fn move_report_year(text: &str, from: i32, to: i32) -> Option<String> {
    let mentions: Vec<_> = crate::narrative::numbers::report_years(text)
        .into_iter()
        .filter(|m| m.value == from)
        .collect();
    if mentions.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in mentions {
        out.push_str(&text[at..m.year.start]);
        out.push_str(&to.to_string());
        at = m.year.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// 新建下一年度报告: a draft for the year after `last`'s.
///
/// - 机关名称, level and contact data are carried; the publication date is not.
/// - Table 三 row 二 (上年结转) is filled from last year's row 四 (结转下年度), column by column;
///   its 总计 is left to be computed from the columns.
/// - Last year's figures for the cross-year checks are kept in [`Draft::last_year`].
/// - The narrative is kept as a starting text and marked 待复核 ([`Draft::review`]) until the
///   clerk edits it; a 统计期限 sentence naming last year is moved to the new year, so is a
///   mention of last year's report in the 引言 ("公布2025年度…报告"), and a title of the clerk's
///   own that names last year names the new one.
/// - The format follows the new year: a 2020 report continued into 2021 gets the 2021 format,
///   and the figures that cannot be carried are listed in [`NextYear::not_carried`].
pub fn next_year(last: &Draft) -> Result<NextYear, NextYearError> {
    let year = last.year + 1;
    if !REPORT_YEARS.contains(&year) {
        return Err(NextYearError::BadYear(year));
    }
    let mut notes = Vec::new();
    let mut draft = Draft::new(last.body.clone(), last.level, year);
    draft.contact = last.contact.clone();
    notes.push("已沿用上年报告的机关名称、机关层级和联系方式".to_string());

    if draft.format != last.format {
        notes.push(format!(
            "{year} 年度报告使用{}（{}），上年报告使用{}；新草稿已按{}编制",
            draft.format.name(),
            draft.format.def().issued_by,
            last.format.name(),
            draft.format.name()
        ));
    }

    // The narrative, as a starting text to review.
    draft.preamble = last.preamble.clone();
    draft.overview_intro = last.overview_intro.clone();
    draft.parts = last.parts.clone();
    draft.problems = last.problems.clone();
    draft.other_matters = last.other_matters.clone();
    draft.title_override = last
        .title_override
        .as_ref()
        .map(|t| t.replace(&format!("{}年", last.year), &format!("{year}年")));
    let mut moved_period = false;
    let mut moved_report_year = false;
    let fields: Vec<TextField> = draft.narrative().into_iter().map(|(f, _)| f).collect();
    for field in fields {
        if matches!(field, TextField::PartHeading(_)) {
            continue;
        }
        let Some(text) = draft.text_mut(field) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Some(moved) = move_period(text, last.year, year) {
            *text = moved;
            moved_period = true;
        }
        if field == TextField::Preamble
            && let Some(moved) = move_report_year(text, last.year, year)
        {
            *text = moved;
            moved_report_year = true;
        }
        draft.review.insert(field);
    }
    if draft.title_override.is_some() {
        draft.review.insert(TextField::Title);
    }
    if !draft.review.is_empty() {
        notes.push(format!(
            "正文沿用上年报告内容，{} 处已标记为“待复核”，修改后标记自动取消",
            draft.review.len()
        ));
    }
    if moved_period {
        notes.push(format!("统计期限已改为“{year}年1月1日至{year}年12月31日”"));
    }
    if moved_report_year {
        notes.push(format!(
            "引言中所称的“{}年度…报告”已改为“{year}年度…报告”",
            last.year
        ));
    }

    // Table 三: 上年结转 from last year's 结转下年度, column by column.
    let carried = last_year_of(last, draft.format);
    let mut carried_total = None::<u64>;
    for cell in draft.format.def().table(TableId::T3).cells() {
        if cell.row.id != "carried" || !matches!(cell.kind(), CellKind::Entered(_)) {
            continue;
        }
        if let Some(&n) = carried.last_year.carry_forward.get(cell.col.id) {
            draft.cells.insert(cell.key(), Value::Count(n));
            carried_total = Some(carried_total.unwrap_or(0) + n);
        }
    }
    match carried_total {
        Some(n) => notes.push(format!(
            "表三“二、上年结转政府信息公开申请数量”已按上年“四、结转下年度继续办理”逐列填入（合计 {n} 件）"
        )),
        None => notes.push(
            "上年报告“四、结转下年度继续办理”未填写，表三“二、上年结转政府信息公开申请数量”留空".to_string(),
        ),
    }
    notes.push(
        "请填写本年数据：表二全部数据；表三“一、本年新收政府信息公开申请数量”、\
         “三、本年度办理结果”各项和“四、结转下年度继续办理”；表四全部数据。\
         表三各列在新收、办理结果、结转下年度填写后再做勾稽检查"
            .to_string(),
    );
    if let Some(stated) = last_stated_carry_forward_total(last) {
        notes.push(format!(
            "上年报告“四、结转下年度继续办理”的总计填写为 {stated}，与各列之和不一致，请核对"
        ));
    }
    if !last.merged_from.is_empty() {
        notes.push(format!(
            "上年报告为 {} 个单位的汇总，本年数据请重新汇总",
            last.merged_from.len()
        ));
    }
    if draft.format == FormatId::F2021 && last.format != FormatId::F2021 {
        notes
            .push("上年报告没有“现行有效件数”，本年不做现行有效件数的跨年度核对（R9）".to_string());
    }
    draft.last_year = Some(carried.last_year);
    Ok(NextYear {
        draft,
        not_carried: carried.not_carried,
        notes,
    })
}

/// The 总计 of last year's 结转下年度 row as the report stated it, if it did.
fn last_stated_carry_forward_total(last: &Draft) -> Option<u64> {
    let cell = last
        .format
        .def()
        .table(TableId::T3)
        .cell("carry_forward", "total")?;
    let stated = last.count(cell.key())?;
    // A stated total that agrees with its columns needs no word.
    let computed = totals::computed(last, &cell);
    (computed != Some(stated)).then_some(stated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_year_moves_and_comparisons_stay() {
        assert_eq!(
            move_report_year(
                "现公布2025年度政府信息公开工作年度报告，申请数较2024年有所增加。本机关2025年度报告另见网站。",
                2025,
                2026
            )
            .as_deref(),
            Some(
                "现公布2026年度政府信息公开工作年度报告，申请数较2024年有所增加。本机关2026年度报告另见网站。"
            )
        );
        assert_eq!(move_report_year("较2025年增长", 2025, 2026), None);
        assert_eq!(move_report_year("2024年度报告", 2025, 2026), None);
    }

    #[test]
    fn the_period_sentence_moves_to_the_new_year() {
        assert_eq!(
            move_period(
                "统计期限自 2021 年 1 月 1 日至 2021 年 12 月 31 日。",
                2021,
                2022
            )
            .as_deref(),
            Some("统计期限自 2022 年 1 月 1 日至 2022 年 12 月 31 日。")
        );
        assert_eq!(
            move_period("自2021年1月1日至2021年12月31日止", 2021, 2022).as_deref(),
            Some("自2022年1月1日至2022年12月31日止")
        );
        // Another year, or no sentence: left alone.
        assert_eq!(
            move_period("自2019年1月1日至2019年12月31日", 2021, 2022),
            None
        );
        assert_eq!(move_period("2021年，我市……", 2021, 2022), None);
    }
}
