//! Figures the narrative states that R7 does not cover: counts in 一 with a table-二 counterpart
//! (R21) and the 信息处理费 and fee notices of 六 (R22).

use super::narrative::unpaid_requests;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField};
use crate::format::{FormatId, TableId};
use crate::narrative::memo;
use crate::pattern::re;
use crate::totals;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    table2_counts(draft, out);
    fees(draft, out);
}

/// The clauses of a text (split at 。；，and line ends), whitespace removed.
fn clauses(text: &str) -> Vec<String> {
    let text: String = text.split_whitespace().collect();
    text.split(['。', '；', '，', '\n', ';'])
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn number(text: &str) -> Option<u64> {
    text.replace([',', '，'], "").parse().ok()
}

/// "制发行政规范性文件12件", "印发规范性文件94件": a count of documents made in the year.
static ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:制发|印发|出台|新制定|制定)(?:了)?(?:[^0-9]{0,8}?)(规章|规范性文件)([\d,]+)件")
});
/// "废止131件", "废止规范性文件3件" within a clause about 规范性文件 or 规章.
static REPEALED: LazyLock<Regex> = LazyLock::new(|| re(r"废止(?:[^0-9]{0,8}?)([\d,]+)件"));
/// "现行有效规范性文件262件", "现行有效262件".
static IN_FORCE: LazyLock<Regex> = LazyLock::new(|| re(r"现行有效(?:[^0-9]{0,8}?)([\d,]+)件"));
/// "作出行政许可决定537847件", "行政处罚决定29826件", "办理行政强制973件".
static DECISIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:作出|办理|实施)?(行政许可|行政处罚|行政强制)(决定)?(?:[^0-9，。；]{0,4}?)([\d,]+)(?:件|个|项)",
    )
});

/// R21: counts in 一 that table 二 (2021 format) also gives: 规章 and 行政规范性文件 made (制发),
/// repealed and in force; 行政许可, 行政处罚 and 行政强制 decisions. A clause is read only when it
/// says which measure it counts (制发/印发/出台, 废止, 现行有效; 决定, 作出/办理/实施): a count of
/// documents *published* ("主动公开规范性文件34件") is a different measure and is not compared.
/// Text still marked 待复核 (last year's, quoting last year's figures) is not read.
fn table2_counts(draft: &Draft, out: &mut Vec<Finding>) {
    if draft.format != FormatId::F2021 {
        return;
    }
    let mut fields = vec![(TextField::OverviewIntro, draft.overview_intro.as_str())];
    fields.extend(
        (draft.parts.iter().enumerate()).map(|(i, p)| (TextField::PartText(i), p.text.as_str())),
    );
    let read = |row: &'static str, col: &'static str| {
        let cell = draft.format.def().cell(TableId::T2, row, col)?;
        totals::read(draft, &cell).map(|n| (n, cell.describe()))
    };
    for (field, text) in fields {
        // Last year's text not yet reviewed quotes last year's figures; the review rule says so.
        if draft.to_review(field) {
            continue;
        }
        for (clause, n, row, col) in memo::remembered(&STATED, text, stated_counts) {
            let Some((table, label)) = read(row, col) else {
                continue;
            };
            if n != table {
                out.push(Finding::warning(
                    RuleId::R21,
                    Location::Text(field),
                    format!(
                        "{}中“{clause}”写 {n} 件，{label}为 {table}；请核对正文或表格",
                        field.label()
                    ),
                ));
            }
        }
    }
}

/// What a text states of table 二's counts: each figure with its clause and the cell it is of.
type Stated = Vec<(String, u64, &'static str, &'static str)>;

thread_local! {
    static STATED: std::cell::RefCell<memo::Memo<Stated>> =
        const { std::cell::RefCell::new(memo::Memo::new()) };
}

/// The counts a text states, clause by clause (remembered for the texts read last: the window
/// checks the whole draft at every keystroke, and typing into a cell changes no text).
fn stated_counts(text: &str) -> Stated {
    let mut found = Stated::new();
    for clause in clauses(text) {
        let mut stated: Vec<(u64, &'static str, &'static str)> = Vec::new();
        let doc_row = if clause.contains("规范性文件") {
            Some("normative")
        } else if clause.contains("规章") {
            Some("rules")
        } else {
            None
        };
        if let Some(row) = doc_row {
            if let Some(c) = ISSUED.captures(&clause) {
                let row = if &c[1] == "规章" {
                    "rules"
                } else {
                    "normative"
                };
                stated.extend(number(&c[2]).map(|n| (n, row, "issued")));
            }
            if let Some(c) = REPEALED.captures(&clause) {
                stated.extend(number(&c[1]).map(|n| (n, row, "repealed")));
            }
            if let Some(c) = IN_FORCE.captures(&clause) {
                stated.extend(number(&c[1]).map(|n| (n, row, "in_force")));
            }
        }
        for c in DECISIONS.captures_iter(&clause) {
            // "行政许可事项123项" counts items, not decisions: only "决定" or a verb tells.
            let whole = &c[0];
            let decided = c.get(2).is_some()
                || ["作出", "办理", "实施"]
                    .iter()
                    .any(|v| whole.starts_with(v));
            if !decided {
                continue;
            }
            let row = match &c[1] {
                "行政许可" => "licensing",
                "行政处罚" => "penalty",
                _ => "coercion",
            };
            stated.extend(number(&c[3]).map(|n| (n, row, "decisions")));
        }
        found.extend((stated.into_iter()).map(|(n, row, col)| (clause.clone(), n, row, col)));
    }
    found
}

/// "收取信息处理费共计380元", "信息处理费3940元", "收取信息处理费0.38万元".
static FEE_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| re(r"信息处理费(?:[^0-9，。；]{0,8}?)([\d,]+(?:\.\d+)?)(万元|元)"));
/// "未收取信息处理费", "没有收取", "无收取", "不收取".
static NO_FEE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:未|没有|无|不|均未)(?:向申请人)?(?:收取|收缴)"));
/// "未发出收费通知", "没有发放收费通知书", "无收费通知".
static NO_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:未|没有|无|均未)(?:发出|发放|下发|出具|送达|制发|开具)?(?:过)?(?:信息处理费)?(?:收费|缴费)通知",
    )
});

/// What 六 says of fees.
#[derive(Clone)]
struct FeesSaid {
    /// The amount collected, in 元.
    amount: Option<Decimal>,
    /// It says no 信息处理费 was collected.
    none_collected: bool,
    /// It says no fee notice was sent.
    no_notice: bool,
}

thread_local! {
    static FEES_SAID: std::cell::RefCell<memo::Memo<FeesSaid>> =
        const { std::cell::RefCell::new(memo::Memo::new()) };
}

fn fees_said(text: &str) -> FeesSaid {
    let text: String = text.split_whitespace().collect();
    let amount = FEE_AMOUNT.captures(&text).and_then(|c| {
        let n: Decimal = c[1].replace(',', "").parse().ok()?;
        Some(if &c[2] == "万元" {
            n * Decimal::from(10_000)
        } else {
            n
        })
    });
    FeesSaid {
        amount,
        none_collected: NO_FEE.is_match(&text) && text.contains("处理费"),
        no_notice: NO_NOTICE.is_match(&text),
    }
}

/// R22: the fees 六 states against the fee field, and against table 三（六）2.
///
/// - An amount in 六 ("收取信息处理费共计380元") differs from the 信息处理费 entered on the
///   form; or 六 says none was collected while the form has an amount. Only when the form has
///   one (`Draft::info_fee`).
/// - 表三（六）2 (逾期未按收费通知要求缴纳费用) > 0 means fee notices went out; 六 saying no fee
///   notice was issued contradicts it. (R11 asks that 六 mention them at all.)
fn fees(draft: &Draft, out: &mut Vec<Finding>) {
    if draft.year < 2021 {
        return;
    }
    let location = Location::Text(TextField::OtherMatters);
    let heading = SECTION_HEADINGS[5];
    let said = memo::remembered(&FEES_SAID, &draft.other_matters, fees_said);
    if let Some(fee) = draft.info_fee {
        match said.amount {
            Some(n) if n.normalize() != fee.normalize() => out.push(Finding::warning(
                RuleId::R22,
                location,
                format!(
                    "{heading} 写收取信息处理费 {} 元，填写的信息处理费为 {} 元；请核对",
                    n.normalize(),
                    fee.normalize()
                ),
            )),
            None if !fee.is_zero() && said.none_collected => out.push(Finding::warning(
                RuleId::R22,
                location,
                format!(
                    "{heading} 写未收取信息处理费，填写的信息处理费为 {} 元；请核对",
                    fee.normalize()
                ),
            )),
            _ => {}
        }
    }
    let unpaid = unpaid_requests(draft);
    if unpaid > 0 && said.no_notice {
        out.push(Finding::warning(
            RuleId::R22,
            location,
            format!(
                "{heading} 写未发出收费通知，但表三（六）2（申请人逾期未按收费通知要求缴纳费用）为 {unpaid}，\
                 说明本年发出过收费通知；请核对"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Severity, check};
    use super::*;
    use crate::value::Value;

    fn of(d: &Draft, rule: RuleId) -> Vec<super::super::Finding> {
        check(d).into_iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn r21_counts_in_section_one_match_table_two() {
        let mut d = clean_2021();
        set(&mut d, TableId::T2, "normative", "issued", Value::Count(94));
        set(
            &mut d,
            TableId::T2,
            "normative",
            "repealed",
            Value::Count(131),
        );
        set(
            &mut d,
            TableId::T2,
            "licensing",
            "decisions",
            Value::Count(537_847),
        );
        d.parts[2].text = "全年印发规范性文件94件，废止131件。作出行政许可决定537,847件。".into();
        assert!(of(&d, RuleId::R21).is_empty(), "{:?}", of(&d, RuleId::R21));
        d.parts[2].text = "全年印发规范性文件95件，废止131件。作出行政许可决定537847件。".into();
        let found = of(&d, RuleId::R21);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.contains("95") && found[0].message.contains("94"));
        // A count of documents published is another measure.
        d.parts[2].text = "全年主动公开市政府规章22件、行政规范性文件34件。".into();
        assert!(of(&d, RuleId::R21).is_empty());
    }

    #[test]
    fn r22_the_fee_in_six_matches_the_fee_field() {
        let mut d = clean_2021();
        d.info_fee = Some(Decimal::from(380));
        d.other_matters = "本年度收取信息处理费共计380元。".into();
        assert!(of(&d, RuleId::R22).is_empty());
        d.other_matters = "本年度收取信息处理费共计3940元。".into();
        let found = of(&d, RuleId::R22);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("3940 元") && found[0].message.contains("380 元"));
        d.other_matters = "本年度未收取信息处理费。".into();
        assert_eq!(of(&d, RuleId::R22).len(), 1);
    }

    #[test]
    fn r22_no_fee_notice_contradicts_unpaid_requests() {
        let mut d = clean_2021();
        d.other_matters = "本年度未收取信息处理费，未发出收费通知。".into();
        assert!(of(&d, RuleId::R22).is_empty());
        set(&mut d, TableId::T3, "other_2", "natural", Value::Count(2));
        let found = of(&d, RuleId::R22);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("为 2"));
    }
}
