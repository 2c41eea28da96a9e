//! Rules on the narrative: its numbers against the tables (R7), the 信息处理费 statement of 六
//! (R11), the 统计期限 sentence (R13), and applicants' names.

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, TextField};
use crate::format::{CellKey, TableId};
use crate::narrative::{self, Kind};
use crate::totals;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    narrative_numbers(draft, out);
    fee_statement(draft, out);
    statistics_period(draft, out);
    applicant_names(draft, out);
}

/// The fields whose prose is read: every narrative field but the part headings.
fn prose(draft: &Draft) -> impl Iterator<Item = (TextField, &str)> {
    draft
        .narrative()
        .into_iter()
        .filter(|(field, _)| !matches!(field, TextField::PartHeading(_)))
}

/// R7: the numbers of the narrative against tables 三 and 四. Each mismatch quotes the sentence
/// and gives the table's figure.
fn narrative_numbers(draft: &Draft, out: &mut Vec<Finding>) {
    for (field, text) in prose(draft) {
        let generated: Vec<&str> = [Kind::Requests, Kind::ReviewAndLitigation]
            .into_iter()
            .filter_map(|k| narrative::find(text, k).map(|r| &text[r]))
            .collect();
        for m in narrative::r7::check_text(draft, text) {
            let note = if generated.iter().any(|g| g.contains(m.sentence.as_str())) {
                "。此句由本工具生成，表格修改后请用“刷新”重新生成"
            } else {
                ""
            };
            out.push(Finding::warning(
                RuleId::R7,
                Location::Text(field),
                format!("{}“{}”：{}{note}", field.label(), m.quote, m.detail),
            ));
        }
    }
}

/// Applicants named with a full personal name: the report is published, so the name is masked
/// ("蔡某某").
fn applicant_names(draft: &Draft, out: &mut Vec<Finding>) {
    for (field, text) in prose(draft) {
        for n in narrative::names::named_applicants(text) {
            out.push(Finding::warning(
                RuleId::Privacy,
                Location::Text(field),
                format!(
                    "{}“{}”中的申请人“{}”似为完整姓名；年度报告向社会公开，申请人姓名应隐去，如写作“{}某某”",
                    field.label(),
                    n.quote,
                    n.name,
                    n.name.chars().next().map(String::from).unwrap_or_default()
                ),
            ));
        }
    }
}

/// R11: from 2021 (国办函〔2020〕109号), 六 states the 信息处理费 collected, even when none was.
/// Where requests were closed because the applicant did not pay (（六）2), fee notices were
/// issued, and 六 should say so.
fn fee_statement(draft: &Draft, out: &mut Vec<Finding>) {
    if draft.year < 2021 {
        return;
    }
    let text: String = draft.other_matters.split_whitespace().collect();
    if !text.contains("处理费") {
        out.push(Finding::error(
            RuleId::R11,
            Location::Text(TextField::OtherMatters),
            "六、其他需要报告的事项 未说明信息处理费收取情况；按国办函〔2020〕109号，\
             应写明收取的信息处理费金额，未收取的也应写明（如“本年度未收取信息处理费”）"
                .to_string(),
        ));
    }
    let unpaid = draft
        .format
        .def()
        .cell_by_key(CellKey {
            table: TableId::T3,
            row: "other_2",
            col: "total",
        })
        .and_then(|c| totals::read(draft, &c))
        .unwrap_or(0);
    let mentions_notices = ["收费通知", "缴费通知", "缴纳费用", "收费通知书"]
        .iter()
        .any(|w| text.contains(w));
    if unpaid > 0 && !mentions_notices {
        out.push(Finding::warning(
            RuleId::R11,
            Location::Text(TextField::OtherMatters),
            format!(
                "表三（六）2（申请人逾期未按收费通知要求缴纳费用）为 {unpaid}，说明本年发出过收费通知，\
                 六、其他需要报告的事项 应说明收费通知的情况"
            ),
        ));
    }
}

/// "2021年1月1日至2021年12月31日", with whitespace removed first.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+)年0?1月0?1日(?:起)?(?:至|到|—|－|-|~|～)(\d+)年12月31日")
        .unwrap_or_else(|e| unreachable!("the pattern is a constant: {e}"))
});

/// R13: the 统计期限 sentence names the report year, start to end.
fn statistics_period(draft: &Draft, out: &mut Vec<Finding>) {
    let mut wrong = None;
    for (field, text) in draft.narrative() {
        let compact: String = text.split_whitespace().collect();
        for caps in PERIOD.captures_iter(&compact) {
            let years = (&caps[1], &caps[2]);
            if years.0 == draft.year.to_string() && years.1 == draft.year.to_string() {
                return;
            }
            wrong.get_or_insert((field, caps[0].to_string()));
        }
    }
    let year = draft.year;
    let expected = format!("{year}年1月1日至{year}年12月31日");
    let finding = match wrong {
        Some((field, found)) => Finding::warning(
            RuleId::R13,
            Location::Text(field),
            format!("统计期限写作“{found}”，与报告年度不符，应为“{expected}”"),
        ),
        None => Finding::warning(
            RuleId::R13,
            Location::Text(TextField::Preamble),
            format!("未找到统计期限语句，引言中应写明“本报告所列数据统计期限自{expected}”"),
        ),
    };
    out.push(finding);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{RuleId, Severity, check};
    use crate::format::TableId::T3;
    use crate::value::Value::Count;

    #[test]
    fn r11_fee_statement_is_required_from_2021() {
        let mut d = clean_2021();
        assert!(!rules(&check(&d)).contains(&RuleId::R11));
        d.other_matters = "无".into();
        let found = check(&d);
        let r11 = found.iter().find(|f| f.rule == RuleId::R11).expect("R11");
        assert_eq!(r11.severity, Severity::Error);
        d.other_matters = "收取信息处理费共计380元，其中民政局1件。".into();
        assert!(!rules(&check(&d)).contains(&RuleId::R11));
        // 2019 and 2020 reports need no statement.
        let mut old = clean_2021();
        old.year = 2020;
        old.format = crate::format::FormatId::F2019;
        old.cells.clear();
        old.other_matters = "无".into();
        assert!(!rules(&check(&old)).contains(&RuleId::R11));
    }

    #[test]
    fn r11_fee_notices_are_mentioned_when_requests_lapsed_unpaid() {
        let mut d = clean_2021();
        set(&mut d, T3, "other_2", "natural", Count(2));
        set(&mut d, T3, "new", "natural", Count(2));
        let found = check(&d);
        let r11 = found
            .iter()
            .find(|f| f.rule == RuleId::R11)
            .expect("R11 warning");
        assert_eq!(r11.severity, Severity::Warning);
        d.other_matters = "本年度未收取信息处理费，发出收费通知2件，申请人均未缴纳费用。".into();
        assert!(!rules(&check(&d)).contains(&RuleId::R11));
    }

    #[test]
    fn r13_statistics_period_names_the_year() {
        let mut d = clean_2021();
        d.preamble = "所列数据统计期限自 2021 年 1 月 1 日至 2021 年 12 月 31 日。".into();
        assert!(!rules(&check(&d)).contains(&RuleId::R13));
        d.preamble = "统计期限自2020年1月1日至202020年12月31日。".into();
        let found = check(&d);
        let r13 = found.iter().find(|f| f.rule == RuleId::R13).expect("R13");
        assert!(r13.message.contains("202020年12月31日"), "{}", r13.message);
        d.preamble = "本报告由本机关编制。".into();
        let found = check(&d);
        assert!(
            found
                .iter()
                .any(|f| f.rule == RuleId::R13 && f.message.contains("未找到"))
        );
    }
}
