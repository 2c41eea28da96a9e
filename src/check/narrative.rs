//! Rules on the narrative: its numbers against the tables (R7), the 信息处理费 statement of 六
//! (R11), the 统计期限 sentence (R13), and applicants' names.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField, chinese_numeral};
use crate::format::{CellKey, TableId};
use crate::narrative::{self, Kind};
use crate::pattern::re;
use crate::totals;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    empty_sections(draft, out);
    narrative_numbers(draft, out);
    fee_statement(draft, out);
    statistics_period(draft, out);
    report_year(draft, out);
    applicant_names(draft, out);
}

/// The fields whose prose is read: every narrative field but the part headings.
fn prose(draft: &Draft) -> impl Iterator<Item = (TextField, &str)> {
    draft
        .narrative()
        .into_iter()
        .filter(|(field, _)| !matches!(field, TextField::PartHeading(_)))
}

/// R4 on the narrative: a part of section 一 or a section that the export prints as a heading
/// with nothing under it. That is an error, like a table published with labels but no numbers
/// (spec §7 item 13).
///
/// - 引言 has no heading of its own, so an empty one prints nothing empty; R13 already asks for
///   its 统计期限 sentence. Not checked here.
/// - 一's opening text is optional: the parts carry section 一. Only when 一 has no parts at
///   all does an empty opening leave the heading "一、总体情况" bare, and then it is an error.
/// - 六 from 2021 is R11's (it must state the 信息处理费, so an empty 六 is already an R11
///   error); before 2021 an empty 六 is reported here.
fn empty_sections(draft: &Draft, out: &mut Vec<Finding>) {
    let blank = |s: &str| s.trim().is_empty();
    let mut empty = |field: TextField, heading: String| {
        out.push(Finding::error(
            RuleId::R4,
            Location::Text(field),
            format!("{heading} 下没有内容：导出的报告中此标题下将是空白，请填写正文"),
        ));
    };
    if draft.parts.is_empty() && blank(&draft.overview_intro) {
        empty(TextField::OverviewIntro, SECTION_HEADINGS[0].to_string());
    }
    for (i, part) in draft.parts.iter().enumerate() {
        if blank(&part.text) {
            empty(
                TextField::PartText(i),
                format!(
                    "{}（{}）{}",
                    SECTION_HEADINGS[0],
                    chinese_numeral(i + 1),
                    part.heading.trim()
                ),
            );
        }
    }
    if blank(&draft.problems) {
        empty(TextField::Problems, SECTION_HEADINGS[4].to_string());
    }
    if draft.year < 2021 && blank(&draft.other_matters) {
        empty(TextField::OtherMatters, SECTION_HEADINGS[5].to_string());
    }
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
        let message = "六、其他需要报告的事项 未说明信息处理费收取情况；按国办函〔2020〕109号，\
             应写明收取的信息处理费金额，未收取的也应写明（如“本年度未收取信息处理费”）";
        // 六 still holding last year's text (新建下一年度, 待复核) is not the clerk's omission
        // yet: a warning until the clerk reviews it, an error after.
        out.push(if draft.to_review(TextField::OtherMatters) {
            Finding::warning(
                RuleId::R11,
                Location::Text(TextField::OtherMatters),
                format!("{message}。此段沿用上年报告，复核时请补写"),
            )
        } else {
            Finding::error(
                RuleId::R11,
                Location::Text(TextField::OtherMatters),
                message.to_string(),
            )
        });
    }
    let unpaid = unpaid_requests(draft);
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
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d+)年0?1月0?1日(?:起)?(?:至|到|—|－|-|~|～)(\d+)年12月31日"));

/// The 统计期限 sentences of a text without whitespace: each as written, with its two years.
///
/// [`PERIOD`] reads them; where the text writes its figures only in half- or full-width digits
/// (all reports seen), a scan reads the same and the expression is never built.
fn periods(compact: &str) -> Vec<(String, String, String)> {
    let common_digits = |c: char| !c.is_numeric() || is_digit(c);
    if !compact.chars().all(common_digits) {
        return PERIOD
            .captures_iter(compact)
            .map(|c| (c[0].to_string(), c[1].to_string(), c[2].to_string()))
            .collect();
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = compact[at..].chars().next() {
        match period_at(compact, at) {
            Some((end, first, second)) => {
                out.push((
                    compact[at..end].to_string(),
                    compact[first].to_string(),
                    compact[second].to_string(),
                ));
                at = end;
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// [`PERIOD`] at `at`, with `\d` read as the half- and full-width digits: the end and the two
/// years. Each part after a run of digits starts with a character that is not a digit, and each
/// optional part with one the next part cannot start with, so there is nothing to backtrack.
fn period_at(text: &str, at: usize) -> Option<(usize, Range<usize>, Range<usize>)> {
    let digits = |from: usize| {
        let end = text[from..]
            .char_indices()
            .find(|(_, c)| !is_digit(*c))
            .map_or(text.len(), |(i, _)| from + i);
        (end > from).then_some(end)
    };
    let word = |from: usize, w: &str| text[from..].starts_with(w).then(|| from + w.len());
    let optional = |from: usize, w: &str| word(from, w).unwrap_or(from);
    let first_end = digits(at)?;
    let mut pos = word(first_end, "年")?;
    pos = word(optional(pos, "0"), "1月")?;
    pos = word(optional(pos, "0"), "1日")?;
    pos = optional(pos, "起");
    pos = ["至", "到", "—", "－", "-", "~", "～"]
        .into_iter()
        .find_map(|w| word(pos, w))?;
    let second_start = pos;
    let second_end = digits(second_start)?;
    let end = word(second_end, "年12月31日")?;
    Some((end, at..first_end, second_start..second_end))
}

/// R13: the 统计期限 sentence names the report year, start to end.
fn statistics_period(draft: &Draft, out: &mut Vec<Finding>) {
    let mut wrong = None;
    for (field, text) in draft.narrative() {
        let compact: String = text.split_whitespace().collect();
        for (found, first, second) in periods(&compact) {
            if first == draft.year.to_string() && second == draft.year.to_string() {
                return;
            }
            wrong.get_or_insert((field, found));
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

/// R13, the report year: a 引言 or a title that names this report by another year
/// ("现公布2025年度政府信息公开工作年度报告" in a 2026 draft), as text carried by 新建下一年度
/// or copied from another report does.
fn report_year(draft: &Draft, out: &mut Vec<Finding>) {
    let title = draft.title();
    for (field, text) in [
        (TextField::Title, title.as_str()),
        (TextField::Preamble, draft.preamble.as_str()),
    ] {
        for mention in narrative::numbers::report_years(text) {
            if mention.value == draft.year {
                continue;
            }
            let written = &text[mention.range.clone()];
            out.push(Finding::warning(
                RuleId::R13,
                Location::Text(field),
                format!(
                    "{}写作“{written}”，报告年度应为 {} 年（本草稿的报告年度），请改为“{}{}”",
                    field.label(),
                    draft.year,
                    draft.year,
                    &text[mention.year.end..mention.range.end]
                ),
            ));
        }
    }
}

/// 表三（六）2 总计: requests dropped because the applicant did not pay the fee after notice
/// (R11, R22 read it).
pub(super) fn unpaid_requests(draft: &Draft) -> u64 {
    draft
        .format
        .def()
        .cell_by_key(CellKey {
            table: TableId::T3,
            row: "other_2",
            col: "total",
        })
        .and_then(|c| totals::read(draft, &c))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    /// The scan reads 统计期限 sentences as the regular expression does.
    #[test]
    fn periods_read_as_the_regex_did() {
        let pieces = [
            "2021",
            "２０２１",
            "1",
            "0",
            "年",
            "月",
            "日",
            "1月",
            "01月",
            "1日",
            "01日",
            "起",
            "至",
            "到",
            "—",
            "－",
            "-",
            "~",
            "～",
            "12月31日",
            "年12月31日",
            "本报告",
            "，",
            "年1月1日",
            "٢",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        // Sentences shaped like a 统计期限, each part right or slightly wrong.
        let parts: [&[&str]; 8] = [
            &["2021", "２０２１", "1", "", "2021年"],
            &["年", "", "年年"],
            &["1月", "01月", "001月", "2月", "0"],
            &["1日", "01日", "3日", "日"],
            &["起", "", "起起"],
            &["至", "到", "—", "－", "-", "~", "～", "和"],
            &["2021", "２０２１", "٢", ""],
            &["年12月31日", "年12月30日", "12月31日", "年12月31日止"],
        ];
        let mut found = 0;
        for round in 0..20_000 {
            let mut text = crate::pattern::random_text(&mut next, &pieces, 6);
            if round % 2 == 0 {
                for part in parts {
                    text.push_str(part[(next() % part.len() as u64) as usize]);
                }
            }
            for _ in 0..(next() % 4) {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let by_regex: Vec<_> = super::PERIOD
                .captures_iter(&text)
                .map(|c| (c[0].to_string(), c[1].to_string(), c[2].to_string()))
                .collect();
            assert_eq!(super::periods(&text), by_regex, "{text:?}");
            // And the scan alone, where it is used.
            if !text.contains('٢') {
                let mut scanned = Vec::new();
                let mut at = 0;
                while let Some(c) = text[at..].chars().next() {
                    match super::period_at(&text, at) {
                        Some((end, a, b)) => {
                            scanned.push((
                                text[at..end].to_string(),
                                text[a].to_string(),
                                text[b].to_string(),
                            ));
                            at = end;
                        }
                        None => at += c.len_utf8(),
                    }
                }
                assert_eq!(scanned, by_regex, "{text:?}");
            }
            found += by_regex.len();
        }
        assert!(found > 50, "{found}");
    }

    use super::super::test_support::*;
    use super::super::{RuleId, Severity, check};
    use crate::format::TableId::T3;
    use crate::value::Value::Count;

    #[test]
    fn r4_empty_parts_and_sections_are_errors() {
        use super::super::Location;
        use crate::draft::{Draft, Level, TextField};
        let empties = |d: &Draft| -> Vec<TextField> {
            check(d)
                .into_iter()
                .filter(|f| f.rule == RuleId::R4)
                .filter_map(|f| match f.location {
                    Location::Text(t) => {
                        assert_eq!(f.severity, Severity::Error, "{}", f.message);
                        Some(t)
                    }
                    _ => None,
                })
                .collect()
        };
        let mut d = Draft::new("某局", Level::Department, 2022);
        assert_eq!(
            empties(&d),
            [
                TextField::PartText(0),
                TextField::PartText(1),
                TextField::PartText(2),
                TextField::PartText(3),
                TextField::PartText(4),
                TextField::Problems
            ]
        );
        let found = check(&d);
        let part = found
            .iter()
            .find(|f| f.location == Location::Text(TextField::PartText(1)))
            .expect("（二）");
        assert!(
            part.message
                .starts_with("一、总体情况（二）依申请公开 下没有内容"),
            "{}",
            part.message
        );
        // 六 from 2021 is R11's.
        assert!(
            found
                .iter()
                .any(|f| f.rule == RuleId::R11 && f.severity == Severity::Error)
        );
        // Whitespace is empty too; text is not.
        d.parts[0].text = " \n ".into();
        d.parts[1].text = "本年度依申请公开情况。".into();
        assert!(empties(&d).contains(&TextField::PartText(0)));
        assert!(!empties(&d).contains(&TextField::PartText(1)));
        // No parts: the empty opening of 一 leaves its heading bare.
        d.parts.clear();
        assert_eq!(empties(&d), [TextField::OverviewIntro, TextField::Problems]);
        d.overview_intro = "总体情况。".into();
        assert_eq!(empties(&d), [TextField::Problems]);
        // Before 2021, an empty 六 is R4's.
        let old = Draft::new("某镇人民政府", Level::Township, 2020);
        assert!(empties(&old).contains(&TextField::OtherMatters));
    }

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
    fn r13_title_and_preamble_name_the_report_year() {
        use super::super::Location;
        use crate::draft::TextField;
        let mut d = clean_2021();
        d.preamble
            .push_str("现公布2021年度政府信息公开工作年度报告，较2020年有所增加。");
        assert!(!rules(&check(&d)).contains(&RuleId::R13));
        d.preamble.push_str("本机关2020年度报告见门户网站。");
        d.title_override = Some("测试市人民政府2020年政府信息公开工作年度报告".into());
        let found: Vec<_> = check(&d)
            .into_iter()
            .filter(|f| f.rule == RuleId::R13)
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(found[0].location, Location::Text(TextField::Title));
        assert!(
            found[0]
                .message
                .contains("“2020年政府信息公开工作年度报告”"),
            "{}",
            found[0].message
        );
        assert_eq!(found[1].location, Location::Text(TextField::Preamble));
        assert!(
            found[1].message.contains("请改为“2021年度报告”"),
            "{}",
            found[1].message
        );
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
