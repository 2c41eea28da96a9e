//! Content rules that reviewers of 年报 apply beyond the arithmetic: placeholders left in the
//! text (R16), the substance of 五 (R17) and whether 一 covers the five parts of the 2021
//! template (R18).

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField};
use crate::format::FormatId;
use crate::narrative::memo;
use crate::pattern::re;

/// The minimum length of 五 in characters (whitespace and punctuation not counted) when no
/// regional profile sets one.
pub const PROBLEMS_MIN_CHARS: usize = 50;

pub fn check(draft: &Draft, problems_min_chars: usize, out: &mut Vec<Finding>) {
    placeholders(draft, out);
    problems(draft, problems_min_chars, out);
    overview_parts(draft, out);
}

/// The text fields a reader of the published report reads, with the title.
fn texts(draft: &Draft) -> Vec<(TextField, &str)> {
    let mut out = vec![(
        TextField::Title,
        draft.title_override.as_deref().unwrap_or(""),
    )];
    out.extend(draft.narrative());
    out
}

/// Placeholder patterns of templates, each with what it is called in the message.
static PLACEHOLDERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // "XX", "××", "20XX年" — but not "xx" inside an ASCII word ("xxgk" in a portal's address).
        re(r"(?:^|[^A-Za-z])([XxＸｘ×]{2,})(?:$|[^A-Za-z])"),
        // "X万余条", "共X件": one X where a figure belongs.
        re(
            r"(?:^|[^A-Za-z0-9.])([XxＸｘ×]\s*(?:万|千|百|余|多|个|件|条|项|次|家|人|份|期|篇|年|月|日))",
        ),
        // "（此处填写…）", "（填写具体内容）", "【待补充】".
        re(
            r"([（(【\[〔][^（(）)】\]〕]{0,30}(?:此处|填写|待填|待补充)[^（(）)】\]〕]{0,30}[）)】\]〕])",
        ),
        // An empty document number "〔 〕号", an empty "【】".
        re(r"(〔\s*〕|【\s*】|\[\s*\]号)"),
    ]
});

/// Characters after which "某某" is not a masked surname ("蔡某某") but stands alone.
const NOT_A_SURNAME: &str = "的在对与和为了是等及由从被把将、，。；：（(“\"";

/// R16: placeholders of a template left in the text. Each is an error at its field, quoting the
/// place.
fn placeholders(draft: &Draft, out: &mut Vec<Finding>) {
    for (field, text) in texts(draft) {
        for (at, what) in placeholders_in(text) {
            out.push(Finding::error(
                RuleId::R16,
                Location::Text(field),
                format!(
                    "{}中有未填写的占位文字“{what}”：“{}”；请填写实际内容",
                    field.label(),
                    around(text, at, what.len())
                ),
            ));
        }
    }
}

thread_local! {
    static PLACEHOLDERS_FOUND: std::cell::RefCell<memo::Memo<Vec<(usize, String)>>> =
        const { std::cell::RefCell::new(memo::Memo::new()) };
}

/// The placeholders of a text, by offset (remembered for the texts read last, as the narrative's
/// readings are: the whole draft is checked at every keystroke).
fn placeholders_in(text: &str) -> Vec<(usize, String)> {
    memo::remembered(&PLACEHOLDERS_FOUND, text, |text| {
        let mut found: Vec<(usize, String)> = Vec::new();
        for pattern in PLACEHOLDERS.iter() {
            for caps in pattern.captures_iter(text) {
                if let Some(m) = caps.get(1) {
                    found.push((m.start(), m.as_str().trim().to_string()));
                }
            }
        }
        for (at, _) in text.match_indices("某某") {
            let before = text[..at].chars().next_back();
            let alone = match before {
                None => true,
                Some(c) => !is_han(c) || NOT_A_SURNAME.contains(c),
            };
            // "蔡某某某" is still a surname and a mask.
            let after_mask = text[..at].ends_with('某');
            if alone && !after_mask {
                found.push((at, "某某".to_string()));
            }
        }
        found.sort();
        found.dedup_by(|a, b| a.0 == b.0);
        found
    })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Up to 12 characters either side of `text[at..at + len]`, on one line.
fn around(text: &str, at: usize, len: usize) -> String {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[at + len..].chars().take(12).collect();
    let quote = format!("{before}{}{after}", &text[at..at + len]);
    quote.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The characters that count for a length: no whitespace, no punctuation.
pub fn counted_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Words that name a problem, and words that name an improvement.
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "不足",
    "差距",
    "短板",
    "薄弱",
    "有待",
    "不够",
    "不到位",
    "欠缺",
    "滞后",
    "不高",
    "不强",
    "不均衡",
    "不平衡",
    "不充分",
    "亟需",
    "仍需",
    "还需",
    "尚需",
    "困难",
];
const IMPROVEMENT_WORDS: &[&str] = &[
    "改进",
    "整改",
    "下一步",
    "加强",
    "提升",
    "完善",
    "推进",
    "强化",
    "措施",
    "健全",
    "持续",
    "加大",
    "优化",
    "提高",
    "深化",
    "落实",
    "将",
];

/// R17: 五 names the problems and what is done about them.
///
/// - Empty is R4's error; "无" (or "暂无""没有") is an error here: every body has something to
///   improve, and 30号 asks reports not to be 敷衍.
/// - Shorter than `min_chars` (letters and digits, no punctuation), or with words of only one
///   side (problems, or improvements), a warning.
fn problems(draft: &Draft, min_chars: usize, out: &mut Vec<Finding>) {
    let read = memo::remembered(&PROBLEMS_READ, &draft.problems, problems_read);
    let ProblemsRead {
        text,
        says_none,
        chars: n,
        names_problems,
        names_improvements,
    } = read;
    if text.is_empty() {
        return;
    }
    let location = Location::Text(TextField::Problems);
    let heading = SECTION_HEADINGS[4];
    if says_none {
        out.push(Finding::error(
            RuleId::R17,
            location,
            format!(
                "{heading} 只写了“{text}”：应写明本年度工作存在的主要问题和改进措施\
                 （国办公开办函〔2021〕30号：内容不得敷衍塞责）"
            ),
        ));
        return;
    }
    if n < min_chars {
        out.push(Finding::warning(
            RuleId::R17,
            location,
            format!(
                "{heading} 只有 {n} 个字，少于 {min_chars} 个字；请具体写明存在的问题和改进措施"
            ),
        ));
    }
    match (names_problems, names_improvements) {
        (true, false) => out.push(Finding::warning(
            RuleId::R17,
            location,
            format!("{heading} 只写了存在的问题，没有写改进措施或改进情况"),
        )),
        (false, true) => out.push(Finding::warning(
            RuleId::R17,
            location,
            format!("{heading} 只写了改进措施，没有写存在的主要问题"),
        )),
        _ => {}
    }
}

/// What R17 reads of 五 (remembered for the texts read last: the whole draft is checked at every
/// keystroke, and typing into a cell changes no text).
#[derive(Clone)]
struct ProblemsRead {
    /// The text without white space.
    text: String,
    /// It says only that there is none ("无", "没有问题").
    says_none: bool,
    /// Letters and digits.
    chars: usize,
    names_problems: bool,
    names_improvements: bool,
}

thread_local! {
    static PROBLEMS_READ: std::cell::RefCell<memo::Memo<ProblemsRead>> =
        const { std::cell::RefCell::new(memo::Memo::new()) };
    static PARTS_MISSING: std::cell::RefCell<memo::Memo<Vec<&'static str>>> =
        const { std::cell::RefCell::new(memo::Memo::new()) };
}

fn problems_read(text: &str) -> ProblemsRead {
    let text: String = text.split_whitespace().collect();
    let bare: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    ProblemsRead {
        says_none: ["无", "暂无", "没有", "无问题", "没有问题", "本年度无"]
            .contains(&bare.as_str()),
        chars: counted_chars(&text),
        names_problems: PROBLEM_WORDS.iter().any(|w| text.contains(w)),
        names_improvements: IMPROVEMENT_WORDS.iter().any(|w| text.contains(w)),
        text,
    }
}

/// The parts of 一 that neither a heading nor a text of `all` (一 end to end) mentions.
fn parts_missing(all: &str) -> Vec<&'static str> {
    let all: String = all.split_whitespace().collect();
    (OVERVIEW_PARTS.iter())
        .filter(|(_, words)| !words.iter().any(|w| all.contains(w)))
        .map(|(part, _)| *part)
        .collect()
}

/// The five parts of 一 in the 2021 template, each with words that show a report covers it (in
/// a heading or the text: reports often give the parts headings of their own, such as "关注利企
/// 便民，全领域推进主动公开").
const OVERVIEW_PARTS: [(&str, &[&str]); 5] = [
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请"]),
    (
        "政府信息管理",
        &[
            "信息管理",
            "政务信息管理",
            "公开属性",
            "规范性文件",
            "动态更新",
            "发布审查",
            "保密审查",
        ],
    ),
    (
        "政府信息公开平台建设",
        &[
            "平台",
            "政府网站",
            "门户网站",
            "政务新媒体",
            "公开专区",
            "公开专栏",
            "公报",
        ],
    ),
    (
        "监督保障",
        &[
            "监督保障",
            "监督",
            "考核",
            "培训",
            "责任追究",
            "社会评议",
            "组织保障",
            "工作保障",
            "机制保障",
            "制度保障",
        ],
    ),
];

/// R18: in the 2021 format, 一 covers the five parts its template lists. A warning for each part
/// that neither a heading nor the text of 一 mentions.
fn overview_parts(draft: &Draft, out: &mut Vec<Finding>) {
    if draft.format != FormatId::F2021 {
        return;
    }
    let mut all: String = draft.overview_intro.clone();
    for part in &draft.parts {
        all.push_str(&part.heading);
        all.push_str(&part.text);
    }
    if all.trim().is_empty() {
        // R4 says 一 is empty.
        return;
    }
    let location = if draft.parts.is_empty() {
        Location::Text(TextField::OverviewIntro)
    } else {
        Location::Text(TextField::PartText(0))
    };
    for part in memo::remembered(&PARTS_MISSING, &all, parts_missing) {
        out.push(Finding::warning(
            RuleId::R18,
            location,
            format!(
                "{} 没有写到“{part}”：按国办公开办函〔2021〕30号，总体情况应包括主动公开、\
                 依申请公开、政府信息管理、政府信息公开平台建设、监督保障",
                SECTION_HEADINGS[0]
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Severity, check};
    use super::*;

    fn of(d: &Draft, rule: RuleId) -> Vec<super::super::Finding> {
        check(d).into_iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn r16_placeholders_are_errors_with_the_place() {
        let mut d = clean_2021();
        assert!(of(&d, RuleId::R16).is_empty());
        d.parts[0].text = "全年主动公开政府信息X万余条，印发〔 〕号文件。".into();
        d.problems.push_str("20XX年将继续（此处填写下一步措施）。");
        d.other_matters = "本年度未收取信息处理费。某某单位【】".into();
        let found = of(&d, RuleId::R16);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert!(found.iter().all(|f| f.severity == Severity::Error));
        for what in [
            "X万",
            "〔 〕",
            "XX",
            "（此处填写下一步措施）",
            "某某",
            "【】",
        ] {
            assert!(
                messages.iter().any(|m| m.contains(&format!("“{what}”"))),
                "{what}: {messages:?}"
            );
        }
        assert!(
            found
                .iter()
                .any(|f| f.location == Location::Text(TextField::PartText(0)))
        );
        assert!(
            messages[0].contains("全年主动公开政府信息X万余条"),
            "{messages:?}"
        );
    }

    #[test]
    fn r16_masked_names_and_portal_addresses_are_not_placeholders() {
        let mut d = clean_2021();
        d.parts[1].text =
            "收到蔡某某以信函申请，已答复。详见 http://www.xxgk.gov.cn/ 。规格3×4。".into();
        assert!(of(&d, RuleId::R16).is_empty(), "{:?}", of(&d, RuleId::R16));
    }

    #[test]
    fn r17_problems_none_is_an_error_short_or_one_sided_a_warning() {
        let mut d = clean_2021();
        assert!(of(&d, RuleId::R17).is_empty(), "{:?}", of(&d, RuleId::R17));
        d.problems = "无。".into();
        let found = of(&d, RuleId::R17);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        d.problems = "政策解读形式有待丰富。".into();
        let found = of(&d, RuleId::R17);
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        assert!(found[0].message.contains("少于 50 个字"), "{found:?}");
        assert!(found.iter().any(|f| f.message.contains("没有写改进措施")));
    }

    #[test]
    fn r18_names_the_missing_part_of_section_one() {
        let mut d = clean_2021();
        assert!(of(&d, RuleId::R18).is_empty());
        d.parts.truncate(4);
        let found = of(&d, RuleId::R18);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("“监督保障”"));
        // The 2019 format is less prescriptive.
        d.year = 2020;
        d.format = FormatId::F2019;
        assert!(of(&d, RuleId::R18).is_empty());
    }
}
