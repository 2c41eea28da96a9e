//! Applicants named in the narrative. A report is published; an applicant is written masked
//! ("蔡某某", "王女士"), never with a full personal name.
//!
//! The check looks only where the prose speaks of an applicant: after "申请人", after "收到" /
//! "受理" followed by how the request came in, and after "市民" / "群众" / "村民" followed by
//! "申请". A name there is two or three characters starting with a common surname.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::numbers;
use crate::pattern::re;

/// Common surnames. Characters that mostly serve as words after "申请人" (于, 向, 对, 就, 在, 及,
/// 通, 提, 要, 无, 未, 逾, 主, 所, 应 …) are left out, so that "申请人向本机关" is not a name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡\
                        杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦傅付邹孟熊秦邱尹薛闫阎段雷侯\
                        陶黎贺顾毛郝龚邵钱严覃戴莫孔汤殷施洪俞倪庞闵柳鲍葛岳";
const COMPOUND_SURNAMES: &str = "欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|司徒|尉迟";

/// Characters that end a name's given part when they follow it: how the sentence goes on.
const FOLLOW: &str =
    r"以|通过|向|于|在|对|就|的|申请|提出|提交|要求|称|不服|等|，|。|、|（|\(|：|:|；|“|”|\s|$";

/// The places where prose names an applicant, each with the name as group `name`.
static NAME_CONTEXTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let name = format!(r"(?P<name>(?:{COMPOUND_SURNAMES}|[{SURNAMES}])\p{{Han}}{{1,2}}?)");
    [
        // "申请人王小明以信函…", "申请人：王小明，"
        format!(r"申请人(?:为|是)?[：:]?\s*{name}(?:{FOLLOW})"),
        // "收到张三丰以信函申请", "受理刘建国的申请"
        format!(
            r"(?:收到|受理|接到|接收)了?(?:市民|群众|村民|居民|公民)?{name}(?:先生|女士)?(?:以|通过|的|提交|提出|关于|申请|向)"
        ),
        // "市民欧阳明申请公开…"
        format!(
            r"(?:市民|群众|村民|居民|公民){name}(?:先生|女士)?(?:以|通过|向|申请|提出|提交|的申请)"
        ),
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// Words that lead up to a name in [`NAME_CONTEXTS`].
const LEADS: [&str; 10] = [
    "申请人",
    "收到",
    "受理",
    "接到",
    "接收",
    "市民",
    "群众",
    "村民",
    "居民",
    "公民",
];

/// What may stand between a lead and the name in [`NAME_CONTEXTS`].
const BETWEEN: [&str; 10] = [
    "为", "是", "了", "：", ":", "市民", "群众", "村民", "居民", "公民",
];

/// Whether some lead word of the sentence is followed, past what may stand between, by a surname:
/// true wherever one of [`NAME_CONTEXTS`] can match (and in more places). Few sentences of a
/// report pass, and the patterns are built only for those.
fn may_name(sentence: &str) -> bool {
    LEADS.iter().any(|lead| {
        sentence.match_indices(lead).any(|(at, _)| {
            let mut rest = &sentence[at + lead.len()..];
            loop {
                let trimmed = rest.trim_start();
                let trimmed = BETWEEN
                    .iter()
                    .find_map(|w| trimmed.strip_prefix(w))
                    .unwrap_or(trimmed);
                if trimmed.len() == rest.len() {
                    break;
                }
                rest = trimmed;
            }
            rest.chars().next().is_some_and(|c| SURNAMES.contains(c))
                || COMPOUND_SURNAMES.split('|').any(|c| rest.starts_with(c))
        })
    })
}

/// Marks of a masked or partial name: "蔡某某", "王×", "李先生".
const MASKS: [&str; 12] = [
    "某", "×", "＊", "*", "Ｘ", "X", "x", "○", "〇", "先生", "女士", "同志",
];

/// Characters that end a place or an organisation, not a person: "李家村", "王庄镇".
const NOT_PERSON_END: &str = "村镇乡街区县市局委办司厂店社会院所站队组部处科室中校";

/// Characters that do not start a given name but a word after a surname-like character:
/// "申请人曾提出" (曾 + 提出), "申请人何时".
const NOT_GIVEN_START: &str = "向于在对就的提要已曾经为是也都均仍又再将把被时述可序知";

/// An applicant named with what looks like a full personal name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedApplicant {
    /// The name as written.
    pub name: String,
    /// The sentence, as written.
    pub sentence: String,
    /// A short quotation around the name.
    pub quote: String,
    /// The name's byte range in the text.
    pub range: Range<usize>,
}

thread_local! {
    static NAMED: std::cell::RefCell<super::memo::Memo<Vec<NamedApplicant>>> =
        const { std::cell::RefCell::new(super::memo::Memo::new()) };
}

/// Every applicant of a text named with what looks like a full personal name (remembered for
/// the texts read last: see [`super::memo`]).
pub fn named_applicants(text: &str) -> Vec<NamedApplicant> {
    super::memo::remembered(&NAMED, text, read_named_applicants)
}

fn read_named_applicants(text: &str) -> Vec<NamedApplicant> {
    let mut out = Vec::new();
    for sentence in numbers::sentences(text) {
        let s = sentence.text;
        if !may_name(s) {
            continue;
        }
        let found = NAME_CONTEXTS.iter().flat_map(|re| re.captures_iter(s));
        let mut seen: Vec<Range<usize>> = Vec::new();
        for caps in found {
            let Some(m) = caps.name("name") else { continue };
            let name = m.as_str();
            if seen.contains(&m.range()) {
                continue;
            }
            seen.push(m.range());
            if MASKS.iter().any(|mask| name.contains(mask)) {
                continue;
            }
            if name
                .chars()
                .next_back()
                .is_some_and(|c| NOT_PERSON_END.contains(c))
            {
                continue;
            }
            let surname_len = COMPOUND_SURNAMES
                .split('|')
                .find(|c| name.starts_with(c))
                .map_or_else(|| name.chars().next().map_or(0, char::len_utf8), str::len);
            if name[surname_len..]
                .chars()
                .next()
                .is_some_and(|c| NOT_GIVEN_START.contains(c))
            {
                continue;
            }
            out.push(NamedApplicant {
                name: name.to_string(),
                sentence: s.to_string(),
                quote: numbers::quote(s, m.range()),
                range: sentence.start + m.start()..sentence.start + m.end(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        named_applicants(text).into_iter().map(|n| n.name).collect()
    }

    /// The cheap test passes every sentence where a pattern matches.
    #[test]
    fn may_name_passes_wherever_a_pattern_matches() {
        let pieces = [
            "申请人",
            "收到",
            "受理",
            "接到",
            "接收",
            "市民",
            "公民",
            "为",
            "是",
            "了",
            "：",
            " ",
            "\u{3000}",
            "王",
            "欧阳",
            "何",
            "明",
            "小",
            "以",
            "申请",
            "的",
            "，",
            "某",
            "村",
        ];
        let mut next = crate::pattern::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut matched = 0;
        for _ in 0..5000 {
            let s = crate::pattern::random_text(&mut next, &pieces, 9);
            if NAME_CONTEXTS.iter().any(|re| re.is_match(&s)) {
                matched += 1;
                assert!(may_name(&s), "{s}");
            }
        }
        assert!(matched > 50, "{matched}");
    }

    #[test]
    fn finds_full_names_of_applicants() {
        assert_eq!(names("2021年度收到张三丰以信函申请公开1件。"), ["张三丰"]);
        assert_eq!(names("申请人李明对答复不服，申请行政复议。"), ["李明"]);
        assert_eq!(names("申请人：王小红，申请公开征收补偿方案。"), ["王小红"]);
        assert_eq!(names("市民欧阳明申请公开道路规划。"), ["欧阳明"]);
        assert_eq!(names("受理刘建国的申请后，及时答复。"), ["刘建国"]);
    }

    #[test]
    fn masked_names_and_ordinary_words_pass() {
        for text in [
            "2019 年度收到蔡某某以信函申请公开 1 件，按时办结依申请公开信息数 1 件。",
            "申请人王女士通过网络申请公开信息。",
            "申请人张×以信函申请。",
            "向申请人提供有关信息，帮助申请人有效解决具体问题。",
            "审慎稳妥答复申请人。",
            "申请人无正当理由逾期不补正。",
            "申请人主动撤回 157 件。",
            "收到李家村的申请。",
            "申请人曾提出，申请人陈述的理由不成立。",
            "邀请泉州市农业农村局副局长杨文普在座谈会上解读政策。",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }
}
