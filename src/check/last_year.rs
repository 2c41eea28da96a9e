//! Rules that read last year's whole report ([`crate::draft::LastYear::report`], linked by
//! 新建下一年度, 选择上年报告 or `check --last-year`): text carried over almost unchanged (R19)
//! and 同比 changes in the narrative recomputed from last year's figures (R20). Both stay silent
//! when no report is linked.

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField, chinese_numeral};
use crate::format::TableId;
use crate::pattern::re;
use crate::totals;

/// The similarity from which a section counts as carried over (内容雷同).
pub const SIMILAR: f64 = 0.8;

/// Texts shorter than this (letters and digits) are not compared: a one-line 六 such as
/// "本年度未收取信息处理费。" is rightly the same every year.
pub const MIN_COMPARED_CHARS: usize = 60;

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    let Some(last) = draft.last_year.as_ref().and_then(|l| l.report.as_deref()) else {
        return;
    };
    carried_over(draft, last, out);
    year_on_year(draft, last, out);
}

/// The similarity of two texts, from 0 (nothing shared) to 1 (the same): the Jaccard index of
/// their sets of character bigrams — pairs of adjacent characters — after dropping whitespace and
/// punctuation and writing every digit as 0, so that a text copied with only its years and figures
/// changed still counts as the same. Simple, explainable to a clerk ("87% of the two-character
/// pieces are shared"), and insensitive to paragraphs being moved.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        return 0.0;
    }
    common as f64 / union as f64
}

/// The bigrams [`similarity`] compares: letters and digits only, every digit as 0; sorted, each
/// once.
pub fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// R19: a section whose text is (almost) the same as last year's. Compared: each part of 一 with
/// last year's part of the same heading (or place), 五 and 六. 引言 is left out: its 依据 and
/// contact sentences are rightly the same every year. A field still marked 待复核 is the
/// review rule's (it says the text is last year's); not repeated here.
fn carried_over(draft: &Draft, last: &Draft, out: &mut Vec<Finding>) {
    let mut pairs: Vec<(TextField, String, &str, &str)> = Vec::new();
    for (i, part) in draft.parts.iter().enumerate() {
        let counterpart = last
            .parts
            .iter()
            .find(|p| !part.heading.trim().is_empty() && p.heading.trim() == part.heading.trim())
            .or_else(|| last.parts.get(i));
        if let Some(lp) = counterpart {
            let name = format!(
                "{}（{}）{}",
                SECTION_HEADINGS[0],
                chinese_numeral(i + 1),
                part.heading.trim()
            );
            pairs.push((TextField::PartText(i), name, &part.text, &lp.text));
        }
    }
    pairs.push((
        TextField::Problems,
        SECTION_HEADINGS[4].to_string(),
        &draft.problems,
        &last.problems,
    ));
    pairs.push((
        TextField::OtherMatters,
        SECTION_HEADINGS[5].to_string(),
        &draft.other_matters,
        &last.other_matters,
    ));
    for (field, name, this, before) in pairs {
        if draft.to_review(field) {
            continue;
        }
        let long = |t: &str| super::content::counted_chars(t) >= MIN_COMPARED_CHARS;
        if !long(this) || !long(before) {
            continue;
        }
        let s = similarity(this, before);
        if s >= SIMILAR {
            out.push(Finding::warning(
                RuleId::R19,
                Location::Text(field),
                format!(
                    "「{name}」与上年报告（{}）的相应部分相似度为 {:.0}%（两字片段相同的比例，不计数字），\
                     可能照搬了上年文字；国办公开办函〔2021〕30号要求避免“内容雷同”，请按本年度情况撰写",
                    last.year,
                    s * 100.0
                ),
            ));
        }
    }
}

/// A quantity a 同比 sentence may speak of, as the tables give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quantity {
    NewRequests,
    Reviews,
    Lawsuits,
}

impl Quantity {
    fn label(self) -> &'static str {
        match self {
            Quantity::NewRequests => "本年新收政府信息公开申请",
            Quantity::Reviews => "行政复议",
            Quantity::Lawsuits => "行政诉讼",
        }
    }

    /// What a change is about: the nearest word before it, in its sentence, that names a
    /// quantity. `None` when that is something the tables do not count (page views, visits,
    /// followers, items published).
    fn before_change(sentence: &str) -> Option<Quantity> {
        const WORDS: [(&str, Option<Quantity>); 9] = [
            ("申请", Some(Quantity::NewRequests)),
            ("复议", Some(Quantity::Reviews)),
            ("诉讼", Some(Quantity::Lawsuits)),
            ("浏览", None),
            ("访问", None),
            ("粉丝", None),
            ("信息", None),
            ("条", None),
            ("文件", None),
        ];
        WORDS
            .iter()
            .filter_map(|(w, q)| Some((sentence.rfind(w)?, *q)))
            .max_by_key(|(at, _)| *at)
            .and_then(|(_, q)| q)
    }

    fn value(self, draft: &Draft) -> Option<u64> {
        let read = |table, row, col| {
            let cell = draft.format.def().cell(table, row, col)?;
            totals::read(draft, &cell)
        };
        match self {
            Quantity::NewRequests => read(TableId::T3, "new", "total"),
            Quantity::Reviews => read(TableId::T4, "cases", "review_total"),
            Quantity::Lawsuits => Some(
                read(TableId::T4, "cases", "direct_total")?
                    + read(TableId::T4, "cases", "after_review_total")?,
            ),
        }
    }
}

/// "同比增长29.3%", "较上年减少5件", "比上年下降12.5个百分点" (the last is not checked: it
/// compares rates).
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:同比|较上年|比上年|较去年|比去年|与上年相比)[^，。；\d]{0,4}?(增长|增加|上升|提高|下降|减少|降低)了?(\d+(?:\.\d+)?)(%|％|件|个百分点)",
    )
});

/// R20: a 同比 change in the narrative against this year's and last year's tables. Only changes
/// of quantities the tables count (新收申请, 行政复议, 行政诉讼) are recomputed; a rate
/// ("个百分点") or a change of page views is not.
fn year_on_year(draft: &Draft, last: &Draft, out: &mut Vec<Finding>) {
    for (field, text) in draft.narrative() {
        if matches!(field, TextField::PartHeading(_)) || draft.to_review(field) {
            continue;
        }
        let text: String = text.split_whitespace().collect();
        for caps in CHANGE.captures_iter(&text) {
            let (Some(whole), Some(dir), Some(num), Some(unit)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            if unit.as_str() == "个百分点" {
                continue;
            }
            let clause_start = text[..whole.start()]
                .rfind(['。', '；', '\n'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let clause = &text[clause_start..whole.end()];
            let Some(q) = Quantity::before_change(&text[clause_start..whole.start()]) else {
                continue;
            };
            let (Some(now), Some(before)) = (q.value(draft), q.value(last)) else {
                continue;
            };
            let Ok(stated) = num.as_str().parse::<f64>() else {
                continue;
            };
            let up = matches!(dir.as_str(), "增长" | "增加" | "上升" | "提高");
            let (actual, shown) = if unit.as_str() == "件" {
                let d = now as f64 - before as f64;
                (d, format!("{}件", d.abs()))
            } else if before == 0 {
                continue;
            } else {
                let p = (now as f64 - before as f64) / before as f64 * 100.0;
                (p, format!("{:.1}%", p.abs()))
            };
            let tolerance = if unit.as_str() == "件" { 0.0 } else { 0.1 };
            let sign_ok = actual == 0.0 || (actual > 0.0) == up;
            if !sign_ok || (actual.abs() - stated).abs() > tolerance + 1e-9 {
                let direction = if actual >= 0.0 { "增加" } else { "减少" };
                out.push(Finding::warning(
                    RuleId::R20,
                    Location::Text(field),
                    format!(
                        "{}中“{}”与表格不符：{}本年 {now} 件，上年报告（{}）{before} 件，实际{direction}{shown}",
                        field.label(),
                        clause,
                        q.label(),
                        last.year
                    ),
                ));
            }
        }
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

    fn linked(this: &mut Draft, last: Draft) {
        let mut carried = crate::years::last_year_of(&last, this.format);
        carried.last_year.report = Some(Box::new(last));
        this.last_year = Some(carried.last_year);
    }

    #[test]
    fn similarity_is_bigram_jaccard_without_digits() {
        assert_eq!(similarity("2021年未收取", "2022年未收取"), 1.0);
        assert_eq!(similarity("甲乙丙", "丁戊己"), 0.0);
        let s = similarity("甲乙丙丁", "甲乙丙戊");
        assert!((s - 0.5).abs() < 1e-9, "{s}");
    }

    const PROBLEMS: &str = "本年度政府信息公开工作仍存在一些不足：一是政策解读的形式还不够丰富，\
        二是基层公开的规范化水平有待提高，三是依申请公开答复的质量仍需提升。下一步，本机关将加强政策解读，\
        完善基层公开标准，规范答复文书。";

    #[test]
    fn r19_a_section_copied_from_last_year_is_a_warning_with_the_similarity() {
        let mut last = clean_2021();
        last.year = 2020;
        last.problems = PROBLEMS.replace("本年度", "2020年");
        let mut d = clean_2021();
        d.problems = PROBLEMS.replace("本年度", "2021年");
        linked(&mut d, last.clone());
        let found = of(&d, RuleId::R19);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.contains("相似度为 100%"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].location, Location::Text(TextField::Problems));
        // Rewritten, it passes; without last year's report, nothing is said.
        d.problems = "本年度发现的主要问题是：政务新媒体更新不及时，部分栏目内容陈旧；网站无障碍改造尚未完成。\
            改进措施：建立新媒体内容排期制度，每周检查栏目更新；年内完成网站适老化和无障碍改造。"
            .into();
        assert!(of(&d, RuleId::R19).is_empty(), "{:?}", of(&d, RuleId::R19));
        d.problems = PROBLEMS.into();
        d.last_year.as_mut().unwrap().report = None;
        assert!(of(&d, RuleId::R19).is_empty());
    }

    #[test]
    fn r20_year_on_year_changes_are_recomputed() {
        let mut last = clean_2021();
        last.year = 2020;
        set(&mut last, TableId::T3, "new", "natural", Value::Count(100));
        let mut d = clean_2021();
        set(&mut d, TableId::T3, "new", "natural", Value::Count(129));
        set(&mut d, TableId::T3, "granted", "natural", Value::Count(129));
        linked(&mut d, last);
        d.parts[1].text = "本年度收到政府信息公开申请较上年增长29.0%。".into();
        assert!(of(&d, RuleId::R20).is_empty(), "{:?}", of(&d, RuleId::R20));
        d.parts[1].text = "本年度收到政府信息公开申请同比下降12.5%。".into();
        let found = of(&d, RuleId::R20);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("实际增加29.0%"),
            "{}",
            found[0].message
        );
        // Page views are not in the tables.
        d.parts[1].text = "网站总浏览量同比显著增长82%。".into();
        assert!(of(&d, RuleId::R20).is_empty());
    }
}
