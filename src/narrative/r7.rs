//! R7: the numbers a clerk wrote in the narrative, read and checked against tables 三 and 四.
//!
//! The reader is deliberately narrow. A number is checked only when it counts requests or cases
//! (units 件, 宗, 起, 例; percentages bound to such a count) and its clause names what it counts
//! with a word this module knows ("新收", "上年结转", "办结", "予以公开", "行政复议", …). A clause
//! that speaks of documents, posts, visitors, hotlines, permits, or of changes ("同比增长") is
//! skipped whole, and so is an estimate ("300 余件"). What is not understood raises nothing.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::figures::{self, Applicant, Basis, CaseResult, Court, Expected, Outcome, Quantity};
use super::numbers::{self, Mention, Number, clause_around, format_percent, percent_matches};
use crate::draft::Draft;

/// What a word in a sentence tells the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kw {
    /// The clause counts something else: documents, posts, visitors, permits, changes.
    Block,
    /// "均获维持": every case upheld.
    AllUpheld,
    /// "含", "包括": what follows is part of what came before.
    Include,
    /// "等": a list left open.
    Etc,
    /// Who or what the sentence speaks of.
    Subject(Subject),
    Verb(Verb),
    Basis(Basis),
    Outcome(Outcome),
    Applicant(Applicant),
    Case(CaseResult),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subject {
    Requests,
    Court(Court),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    /// 收到, 受理: requests received; cases brought.
    Receive,
    /// 办结, 答复: requests concluded.
    Conclude,
    /// 办理, 处理: requests concluded; cases handled (all of them).
    Handle,
}

/// The words, in the order the reader tries them where two start at the same place (longer and
/// more specific first).
const KEYWORDS: &[(&str, Kw)] = &[
    (
        "均获维持|均获得维持|均被维持|均予维持|均予以维持|均维持|均为维持|全部维持|全部获得维持|全部被维持",
        Kw::AllUpheld,
    ),
    // Numbered items of （三）–（六）.
    ("国家秘密", Kw::Outcome(Outcome::Item("withheld_1"))),
    ("法律行政法规禁止", Kw::Outcome(Outcome::Item("withheld_2"))),
    ("三安全一稳定", Kw::Outcome(Outcome::Item("withheld_3"))),
    ("第三方合法权益", Kw::Outcome(Outcome::Item("withheld_4"))),
    ("内部事务", Kw::Outcome(Outcome::Item("withheld_5"))),
    ("过程性信息", Kw::Outcome(Outcome::Item("withheld_6"))),
    ("行政执法案卷", Kw::Outcome(Outcome::Item("withheld_7"))),
    ("行政查询事项", Kw::Outcome(Outcome::Item("withheld_8"))),
    ("不掌握", Kw::Outcome(Outcome::Item("unable_1"))),
    ("另行制作", Kw::Outcome(Outcome::Item("unable_2"))),
    (
        "补正后申请内容仍不明确|补正后仍不明确",
        Kw::Outcome(Outcome::Item("unable_3")),
    ),
    ("信访举报投诉", Kw::Outcome(Outcome::Item("declined_1"))),
    ("重复申请", Kw::Outcome(Outcome::Item("declined_2"))),
    ("公开出版物", Kw::Outcome(Outcome::Item("declined_3"))),
    ("大量反复", Kw::Outcome(Outcome::Item("declined_4"))),
    ("确认或重新出具", Kw::Outcome(Outcome::Item("declined_5"))),
    ("逾期不补正", Kw::Outcome(Outcome::Item("other_1"))),
    (
        "逾期未按收费通知|未按收费通知要求缴纳",
        Kw::Outcome(Outcome::Item("other_2")),
    ),
    // Outcome groups.
    (
        "予以公开和部分公开|予以公开及部分公开|予以公开与部分公开|公开和部分公开|公开及部分公开",
        Kw::Outcome(Outcome::GrantedOrPartial),
    ),
    ("不予以公开|不予公开", Kw::Outcome(Outcome::Withheld)),
    ("予以公开|同意公开|全部公开", Kw::Outcome(Outcome::Granted)),
    ("部分公开", Kw::Outcome(Outcome::Partial)),
    ("无法提供", Kw::Outcome(Outcome::Unable)),
    ("不予处理", Kw::Outcome(Outcome::Declined)),
    ("其他处理", Kw::Outcome(Outcome::Other)),
    // Rows of table 三.
    (
        "上一?年度?结转|结转上一?年度?|上一?年度?转入|上一?年度?遗留",
        Kw::Basis(Basis::Carried),
    ),
    (
        "(?:结转|转入|转|顺延)(?:至|到)?(?:下一?年度?|次年)|下一?年度?继续办理",
        Kw::Basis(Basis::CarryForward),
    ),
    ("新收", Kw::Basis(Basis::New)),
    // Applicants.
    ("自然人", Kw::Applicant(Applicant::Natural)),
    (
        "法人或者?其他组织|法人(?:和|及)其他组织",
        Kw::Applicant(Applicant::Organisations),
    ),
    ("商业企业", Kw::Applicant(Applicant::Commercial)),
    ("科研机构", Kw::Applicant(Applicant::Research)),
    ("社会公益组织", Kw::Applicant(Applicant::Nonprofit)),
    ("法律服务机构", Kw::Applicant(Applicant::Legal)),
    // Results of table 四.
    ("结果维持|维持", Kw::Case(CaseResult::Upheld)),
    ("结果纠正|纠正|纠错", Kw::Case(CaseResult::Corrected)),
    ("其他结果", Kw::Case(CaseResult::Other)),
    (
        "尚未审结|未审结|未结案|正在审理|审理中",
        Kw::Case(CaseResult::Pending),
    ),
    // Courts.
    (
        "未经复议直接(?:提起行政诉讼|起诉)|直接(?:提起行政诉讼|起诉)",
        Kw::Subject(Subject::Court(Court::Direct)),
    ),
    (
        "经?复议后(?:提起行政诉讼|起诉)",
        Kw::Subject(Subject::Court(Court::AfterReview)),
    ),
    (
        "申请行政复议|行政复议申请|复议申请|行政复议|复议",
        Kw::Subject(Subject::Court(Court::Review)),
    ),
    (
        "提起行政诉讼|行政诉讼|诉讼|起诉",
        Kw::Subject(Subject::Court(Court::Litigation)),
    ),
    // Other things counted in 件: skip the clause.
    (
        "主动公开|文件|公文|政务文|稿件|解读|发布会|新闻|会议|培训|活动|访问|浏览|阅读|点击|粉丝|访客|\
         留言|来信|来电|来访|热线|12345|建议|提案|人大|政协|咨询|行政许可|行政处罚|行政强制|处理决定|\
         审批|政务服务|办件|同比|环比|增长|增加|减少|下降|上升|较上年|较去年|分别|平均|日均|月均|\
         超期|超时|延期|逾期|撤回|纠纷|投诉|举报|去年|同期|往年|历年",
        Kw::Block,
    ),
    ("申请", Kw::Subject(Subject::Requests)),
    ("收到|受理|接收|接到|收悉", Kw::Verb(Verb::Receive)),
    (
        "办结|办理完成|完成办理|作出答复|予以答复|答复|办复",
        Kw::Verb(Verb::Conclude),
    ),
    ("办理|处理", Kw::Verb(Verb::Handle)),
    ("含|包括|包含", Kw::Include),
    ("等", Kw::Etc),
];

/// Every spelling of every keyword, grouped by its first character, each group in the order of
/// [`KEYWORDS`] and of the spellings within a keyword: the one the reader takes where several
/// start at the same place.
///
/// The keywords are literal words with `|`, `(?:…)` and `?`, so they stand for a finite list of
/// strings. Reading a sentence is a look-up per character in this table, where a regular
/// expression of all of them took milliseconds to build on every run that reads prose.
static KEYWORD_TABLE: LazyLock<HashMap<char, Vec<(String, Kw)>>> = LazyLock::new(|| {
    let mut table: HashMap<char, Vec<(String, Kw)>> = HashMap::new();
    for (pattern, kw) in KEYWORDS {
        for word in spell_out(pattern) {
            let Some(first) = word.chars().next() else {
                unreachable!("a keyword is never empty: {pattern}")
            };
            table.entry(first).or_default().push((word, *kw));
        }
    }
    table
});

/// The strings a keyword pattern stands for, most preferred first, as a regular expression
/// prefers them: alternatives left to right, an optional part (`?`) taken before it is left out.
fn spell_out(pattern: &str) -> Vec<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let words = alternatives(&chars, &mut at);
    if at != chars.len() {
        unreachable!("a keyword pattern is a constant: unmatched ')' in {pattern}");
    }
    words
}

fn alternatives(p: &[char], at: &mut usize) -> Vec<String> {
    let mut words = sequence(p, at);
    while p.get(*at) == Some(&'|') {
        *at += 1;
        words.extend(sequence(p, at));
    }
    words
}

fn sequence(p: &[char], at: &mut usize) -> Vec<String> {
    let mut words = vec![String::new()];
    loop {
        let mut part = match p.get(*at) {
            None | Some('|' | ')') => return words,
            Some('(') => {
                if p.get(*at + 1..*at + 3) != Some(&['?', ':'][..]) {
                    unreachable!("a keyword pattern is a constant: only (?:…) groups");
                }
                *at += 3;
                let inner = alternatives(p, at);
                if p.get(*at) != Some(&')') {
                    unreachable!("a keyword pattern is a constant: unclosed group");
                }
                *at += 1;
                inner
            }
            Some(c @ ('[' | ']' | '\\' | '.' | '*' | '+' | '{' | '}' | '^' | '$' | '?')) => {
                unreachable!("a keyword pattern is a constant: no '{c}' but after a part")
            }
            Some(c) => {
                *at += 1;
                vec![c.to_string()]
            }
        };
        if p.get(*at) == Some(&'?') {
            *at += 1;
            part.push(String::new());
        }
        words = words
            .iter()
            .flat_map(|head| part.iter().map(move |tail| [head.as_str(), tail].concat()))
            .collect();
    }
}

#[derive(Clone, Debug)]
struct Token {
    range: Range<usize>,
    kw: Kw,
}

/// The keywords of a sentence, left to right, none overlapping: at each place the first of
/// [`KEYWORDS`] that starts there, and reading goes on after it.
fn tokens(sentence: &str) -> Vec<Token> {
    let table = &*KEYWORD_TABLE;
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = sentence[at..].chars().next() {
        let rest = &sentence[at..];
        let found = table
            .get(&c)
            .and_then(|words| words.iter().find(|(w, _)| rest.starts_with(w.as_str())));
        match found {
            Some((word, kw)) => {
                out.push(Token {
                    range: at..at + word.len(),
                    kw: *kw,
                });
                at += word.len();
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

/// A statement read from the narrative.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// A count of some quantity, maybe with a percentage of it.
    Count {
        /// The sentence, in the text the claims were read from.
        sentence: Range<usize>,
        /// The number with its unit, in the sentence.
        at: Range<usize>,
        quantity: Quantity,
        value: u64,
        /// The sentence says the figure includes last year's requests ("含上年结转…").
        says_carried_included: bool,
        /// The year the sentence names last before the number ("2024年受理…"), if any.
        year: Option<i32>,
        percent: Option<Percent>,
    },
    /// "均获维持": every case of a kind upheld.
    AllUpheld {
        sentence: Range<usize>,
        at: Range<usize>,
        court: Court,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Percent {
    pub at: Range<usize>,
    pub value: f64,
    pub decimals: u32,
}

/// The ranges of the full-width or ASCII parentheses of a sentence, from opening to closing.
fn parenthesised(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in sentence.char_indices() {
        match c {
            '（' | '(' => open.push(i),
            '）' | ')' => {
                if let Some(start) = open.pop() {
                    out.push(start..i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    out
}

/// Who a number at `at` speaks of: the nearest subject word before it in the paragraph, skipping
/// words inside parentheses closed before the number.
fn subject_at(
    history: &[(usize, Subject)],
    sentence_start: usize,
    parens: &[Range<usize>],
    at: usize,
) -> Option<Subject> {
    let hidden = |pos: usize| {
        pos >= sentence_start
            && parens
                .iter()
                .any(|p| p.contains(&(pos - sentence_start)) && p.end <= at - sentence_start)
    };
    history
        .iter()
        .rev()
        .find(|(pos, _)| *pos < at && !hidden(*pos))
        .map(|(_, s)| *s)
}

/// "行政复议、行政诉讼", "行政复议和行政诉讼": two courts joined, meaning both.
///
/// As `^\s*(?:、|和|及|与|或|以及|/)\s*(?:政府信息公开)?\s*$` reads it, by a scan.
fn joins_courts(between: &str) -> bool {
    let t = between.trim_start();
    let Some(rest) = ["、", "和", "及", "与", "或", "以及", "/"]
        .into_iter()
        .find_map(|w| t.strip_prefix(w))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("政府信息公开").unwrap_or(rest);
    rest.trim_start().is_empty()
}

thread_local! {
    static CLAIMS: std::cell::RefCell<super::memo::Memo<Vec<Claim>>> =
        const { std::cell::RefCell::new(super::memo::Memo::new()) };
}

/// Reads the claims of a text (remembered for the texts read last: see [`super::memo`]).
pub fn claims(text: &str) -> Vec<Claim> {
    super::memo::remembered(&CLAIMS, text, read_claims)
}

fn read_claims(text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut paragraph = usize::MAX;
    // Subject words seen in the current paragraph, by offset in the text.
    let mut history: Vec<(usize, Subject)> = Vec::new();
    for sentence in numbers::sentences(text) {
        if sentence.paragraph != paragraph {
            paragraph = sentence.paragraph;
            history.clear();
        }
        let s = sentence.text;
        let base = sentence.start;
        let toks = tokens(s);
        let parens = parenthesised(s);
        let mut previous_court: Option<(Range<usize>, Court)> = None;
        for t in &toks {
            if let Kw::Subject(subject) = t.kw {
                let subject = match (subject, &previous_court) {
                    (Subject::Court(c), Some((prev, p)))
                        if (c == Court::Review) != (*p == Court::Review)
                            && joins_courts(&s[prev.end..t.range.start]) =>
                    {
                        Subject::Court(Court::Both)
                    }
                    _ => subject,
                };
                previous_court = match subject {
                    Subject::Court(c) => Some((t.range.clone(), c)),
                    Subject::Requests => None,
                };
                history.push((base + t.range.start, subject));
            }
        }
        let mentions = numbers::mentions(s);
        // The basis of the last request count in the sentence, for "其中自然人…件".
        let mut last_basis = Basis::New;
        let mut previous_count: Option<usize> = None; // index into `out`
        for (i, m) in mentions.iter().enumerate() {
            match m.number {
                Number::Count(value) => {
                    previous_count = None;
                    if m.approximate {
                        continue;
                    }
                    let subject = subject_at(&history, base, &parens, base + m.range.start);
                    let Some(quantity) = interpret(s, &toks, m, subject, last_basis) else {
                        continue;
                    };
                    if let Quantity::Requests(b) | Quantity::ByApplicant(b, _) = quantity {
                        last_basis = b;
                    }
                    // "749 件（含上年结转 36 件）": up to the next count only.
                    let next = mentions[i + 1..]
                        .iter()
                        .find(|n| matches!(n.number, Number::Count(_)))
                        .map_or(s.len(), |n| n.range.start);
                    let rest = &s[m.range.end..next];
                    let says_carried_included = ["含上年", "含上一年", "包括上年", "包含上年"]
                        .iter()
                        .any(|w| rest.contains(w));
                    out.push(Claim::Count {
                        sentence: sentence.range(),
                        at: m.range.clone(),
                        quantity,
                        value,
                        says_carried_included,
                        year: year_before(&s[..m.range.start]),
                        percent: None,
                    });
                    previous_count = Some(out.len() - 1);
                }
                Number::Percent { value, decimals } => {
                    let Some(index) = previous_count.take() else {
                        continue;
                    };
                    if m.approximate {
                        continue;
                    }
                    if let Some(Claim::Count { at, percent, .. }) = out.get_mut(index)
                        && binds_percent(&s[at.end..m.range.start])
                    {
                        *percent = Some(Percent {
                            at: m.range.clone(),
                            value,
                            decimals,
                        });
                    }
                }
            }
        }
        for t in toks.iter().filter(|t| t.kw == Kw::AllUpheld) {
            if let Some(Subject::Court(court)) =
                subject_at(&history, base, &parens, base + t.range.start)
            {
                out.push(Claim::AllUpheld {
                    sentence: sentence.range(),
                    at: t.range.clone(),
                    court,
                });
            }
        }
    }
    out
}

/// The last year a text names: "2024 年" → 2024. `None` when the text names none, or when it
/// says "本年" ("本年度", "今年") after the year: "2021年，本机关本年新收…" speaks of the report's
/// own year whatever year it names. Such text carried into the next year's report
/// (新建下一年度) still claims this year's figures, and R7 reads them as such.
fn year_before(text: &str) -> Option<i32> {
    // The last match of `(?:^|[^0-9])((?:19|20)[0-9]{2})\s*年`.
    let year = numbers::years_followed_by(text, numbers::nian_after_year)
        .pop()?
        .digits;
    let after = &text[year.end..];
    if after.contains("本年") || after.contains("今年") {
        return None;
    }
    text[year].parse().ok()
}

/// Whether the text between a count and a percentage ties them: "（17.46%", "，占40.9%",
/// "，占办结总数的40.9%".
///
/// As `^\s*[（(，,]?\s*(?:占(?:比)?(?:为|达)?|占[^，,。；;]{0,12}的)?\s*$` reads it, by a scan: the
/// text is spaces, an optional bracket or comma, and then nothing, "占" with "比" and "为" or "达"
/// optional, or "占" and a "的" as the last word, at most 12 characters apart.
fn binds_percent(between: &str) -> bool {
    let t = between.trim_start();
    let t = t.strip_prefix(['（', '(', '，', ',']).unwrap_or(t).trim();
    let Some(after) = t.strip_prefix('占') else {
        return t.is_empty();
    };
    let share = after.strip_prefix('比').unwrap_or(after);
    let share = share.strip_prefix(['为', '达']).unwrap_or(share);
    if share.trim_start().is_empty() {
        return true;
    }
    after.strip_suffix('的').is_some_and(|middle| {
        middle.chars().count() <= 12 && !middle.contains(['，', ',', '。', '；', ';'])
    })
}

/// What the number `m` of sentence `s` counts, if the reader can tell.
fn interpret(
    s: &str,
    toks: &[Token],
    m: &Mention,
    subject: Option<Subject>,
    last_basis: Basis,
) -> Option<Quantity> {
    let clause = clause_around(s, m.range.start);
    let in_clause: Vec<&Token> = toks
        .iter()
        .filter(|t| t.range.start >= clause.start && t.range.end <= clause.end)
        .collect();
    if in_clause.iter().any(|t| t.kw == Kw::Block) {
        return None;
    }
    let before = |t: &&&Token| t.range.end <= m.range.start;
    let after = |t: &&&Token| t.range.start >= m.range.end;
    let specific = |t: &&&Token| {
        matches!(
            t.kw,
            Kw::Basis(_) | Kw::Outcome(_) | Kw::Applicant(_) | Kw::Case(_)
        )
    };
    let verb = |t: &&&Token| matches!(t.kw, Kw::Verb(_));
    let chosen = in_clause
        .iter()
        .filter(before)
        .rfind(specific)
        .or_else(|| in_clause.iter().filter(after).find(specific))
        .or_else(|| in_clause.iter().filter(before).rfind(verb))
        .or_else(|| in_clause.iter().filter(after).find(verb));
    // A list left open between the word and the number: "不掌握等 5 件".
    if let Some(t) = chosen {
        let (from, to) = if t.range.end <= m.range.start {
            (t.range.end, m.range.start)
        } else {
            (m.range.end, t.range.start)
        };
        if in_clause
            .iter()
            .any(|x| x.kw == Kw::Etc && x.range.start >= from && x.range.end <= to)
        {
            return None;
        }
    }
    // A subject named only after the number, in its clause: "有 1 件涉及…的行政复议".
    let named_before = in_clause
        .iter()
        .filter(before)
        .any(|t| matches!(t.kw, Kw::Subject(_)));
    let named_after = in_clause.iter().filter(after).find_map(|t| match t.kw {
        Kw::Subject(s) => Some(s),
        _ => None,
    });
    let subject = if named_before {
        subject
    } else {
        named_after.or(subject)
    };
    let court = match subject {
        Some(Subject::Court(c)) => Some(c),
        _ => None,
    };
    let requests_ok = !matches!(subject, Some(Subject::Court(_)));
    match chosen.map(|t| t.kw) {
        Some(Kw::Basis(b)) if requests_ok => Some(Quantity::Requests(b)),
        Some(Kw::Outcome(o)) if requests_ok => Some(Quantity::Outcome(o)),
        Some(Kw::Applicant(a)) if subject == Some(Subject::Requests) => {
            Some(Quantity::ByApplicant(last_basis, a))
        }
        Some(Kw::Case(r)) => court.map(|c| Quantity::Cases(c, r)),
        Some(Kw::Verb(v)) => match (subject?, v) {
            (Subject::Requests, Verb::Receive) => Some(Quantity::Requests(Basis::New)),
            (Subject::Requests, Verb::Conclude | Verb::Handle) => {
                Some(Quantity::Requests(Basis::Concluded))
            }
            (Subject::Court(c), Verb::Receive | Verb::Handle) => {
                Some(Quantity::Cases(c, CaseResult::Total))
            }
            (Subject::Court(_), Verb::Conclude) => None,
        },
        Some(_) => None,
        // Only a subject in the clause: "行政复议 351 件", "有 1 件涉及…的行政复议".
        None => {
            let names_court = in_clause
                .iter()
                .any(|t| matches!(t.kw, Kw::Subject(Subject::Court(_))));
            if names_court {
                court.map(|c| Quantity::Cases(c, CaseResult::Total))
            } else {
                None
            }
        }
    }
}

/// One number of the narrative that disagrees with the tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The sentence, as written.
    pub sentence: String,
    /// A short quotation around the number.
    pub quote: String,
    /// What is wrong, with the table's figure.
    pub detail: String,
    /// The sentence counts 上年结转 in with 新收.
    pub counts_carried_as_new: bool,
}

/// Checks the claims of one text against the draft's tables.
pub fn check_text(draft: &Draft, text: &str) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for claim in claims(text) {
        match claim {
            Claim::Count {
                sentence,
                at,
                quantity,
                value,
                says_carried_included,
                year,
                percent,
            } => {
                // A figure of another year: not this report's tables.
                if year.is_some_and(|y| y != draft.year) {
                    continue;
                }
                let s = &text[sentence.clone()];
                let Some(expected) = figures::expected(draft, quantity) else {
                    continue;
                };
                let count_ok = expected.accepts(value)
                    || (says_carried_included && carried_sum(draft, quantity) == Some(value));
                if !count_ok {
                    let (detail, counts_carried_as_new) =
                        count_detail(draft, quantity, value, &expected);
                    out.push(Mismatch {
                        sentence: s.to_string(),
                        quote: numbers::quote(s, at.clone()),
                        detail,
                        counts_carried_as_new,
                    });
                }
                if let (Some(p), Quantity::Outcome(_)) = (percent, quantity)
                    && let Some(detail) = percent_detail(draft, value, &expected, &p)
                {
                    out.push(Mismatch {
                        sentence: s.to_string(),
                        quote: numbers::quote(s, at.start..p.at.end),
                        detail,
                        counts_carried_as_new: false,
                    });
                }
            }
            Claim::AllUpheld {
                sentence,
                at,
                court,
            } => {
                let s = &text[sentence.clone()];
                if let Some(detail) = all_upheld_detail(draft, court) {
                    out.push(Mismatch {
                        sentence: s.to_string(),
                        quote: numbers::quote(s, at),
                        detail,
                        counts_carried_as_new: false,
                    });
                }
            }
        }
    }
    out
}

/// For 新收 (all applicants or some): the figure that adds 上年结转 in.
fn carried_sum(draft: &Draft, q: Quantity) -> Option<u64> {
    let (new, carried) = match q {
        Quantity::Requests(Basis::New) => (
            Quantity::Requests(Basis::New),
            Quantity::Requests(Basis::Carried),
        ),
        Quantity::ByApplicant(Basis::New, a) => (
            Quantity::ByApplicant(Basis::New, a),
            Quantity::ByApplicant(Basis::Carried, a),
        ),
        _ => return None,
    };
    let carried = figures::expected(draft, carried)?.value;
    (carried > 0).then_some(figures::expected(draft, new)?.value + carried)
}

fn count_detail(draft: &Draft, q: Quantity, value: u64, expected: &Expected) -> (String, bool) {
    let noun = q.noun(draft);
    let head = format!(
        "{noun}写作 {value} 件，{}为 {} 件",
        expected.place, expected.value
    );
    if carried_sum(draft, q) == Some(value) {
        let carried = match q {
            Quantity::ByApplicant(_, a) => {
                figures::expected(draft, Quantity::ByApplicant(Basis::Carried, a))
            }
            _ => figures::expected(draft, Quantity::Requests(Basis::Carried)),
        }
        .map(|e| e.value)
        .unwrap_or(0);
        return (
            format!(
                "{head}；{value} 件是本年新收 {} 件与上年结转 {carried} 件之和，将上年结转的申请计入了本年新收申请；\
                 应分别写明本年新收和上年结转的件数",
                expected.value
            ),
            true,
        );
    }
    if let Some(part) = figures::parts(draft, q)
        .into_iter()
        .find(|p| p.value == value && p.value != expected.value)
    {
        return (
            format!(
                "{head}；{value} 件只是其中{}的数字，应引用合计数 {} 件",
                part.place, expected.value
            ),
            false,
        );
    }
    (format!("{head}，两者不一致"), false)
}

fn percent_detail(draft: &Draft, count: u64, expected: &Expected, p: &Percent) -> Option<String> {
    let base = figures::percent_base(draft)?;
    let fits = |part: u64, whole: u64| {
        whole > 0 && percent_matches(p.value, p.decimals, part as f64 * 100.0 / whole as f64)
    };
    let counts: Vec<u64> = std::iter::once(count)
        .chain(expected.accepted.iter().copied())
        .collect();
    if counts
        .iter()
        .any(|c| base.accepted.iter().any(|b| fits(*c, *b)))
    {
        return None;
    }
    let written = format_written(p);
    let right = format_percent(expected.value, base.value);
    let new = figures::expected(draft, Quantity::Requests(Basis::New)).map(|e| e.value);
    let carried = figures::expected(draft, Quantity::Requests(Basis::Carried)).map(|e| e.value);
    let wrong_bases = [
        new.map(|n| (n, format!("本年新收 {n} 件"))),
        new.zip(carried)
            .map(|(n, c)| (n + c, format!("本年新收与上年结转之和 {} 件", n + c))),
    ];
    for (whole, name) in wrong_bases.into_iter().flatten() {
        if whole != base.value && counts.iter().any(|c| fits(*c, whole)) {
            return Some(format!(
                "百分比 {written} 是以{name}为分母算出的；百分比应以表三“（七）总计”{} 件为分母，{} 件应占 {right}",
                base.value, expected.value
            ));
        }
    }
    Some(format!(
        "百分比写作 {written}，按{} {} 件占表三“（七）总计”{} 件计算应为 {right}",
        expected.place, expected.value, base.value
    ))
}

fn format_written(p: &Percent) -> String {
    format!("{:.*}%", p.decimals as usize, p.value)
}

fn all_upheld_detail(draft: &Draft, court: Court) -> Option<String> {
    let get = |r| figures::expected(draft, Quantity::Cases(court, r)).map(|e| e.value);
    let total = get(CaseResult::Total)?;
    let upheld = get(CaseResult::Upheld).unwrap_or(0);
    if total == 0 || upheld >= total {
        return None;
    }
    let others: Vec<String> = [
        CaseResult::Corrected,
        CaseResult::Other,
        CaseResult::Pending,
    ]
    .into_iter()
    .filter_map(|r| {
        get(r)
            .filter(|n| *n > 0)
            .map(|n| format!("{}{n}件", r.label()))
    })
    .collect();
    Some(format!(
        "称{}“均获维持”，但表四{}总计 {total} 件中结果维持只有 {upheld} 件，另有{}",
        court.label(),
        court.label(),
        others.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;
    use crate::pattern::re;

    fn quantities(text: &str) -> Vec<(Quantity, u64)> {
        claims(text)
            .into_iter()
            .filter_map(|c| match c {
                Claim::Count {
                    quantity, value, ..
                } => Some((quantity, value)),
                Claim::AllUpheld { .. } => None,
            })
            .collect()
    }

    /// The scans join courts and bind percentages exactly where the regular expressions did.
    #[test]
    fn joins_and_binds_as_the_regexes_read_them() {
        let join = re(r"^\s*(?:、|和|及|与|或|以及|/)\s*(?:政府信息公开)?\s*$");
        let bind = re(r"^\s*[（(，,]?\s*(?:占(?:比)?(?:为|达)?|占[^，,。；;]{0,12}的)?\s*$");
        let pieces = [
            " ",
            "\u{3000}",
            "\n",
            "、",
            "和",
            "及",
            "以及",
            "以",
            "/",
            "政府信息公开",
            "（",
            "(",
            "，",
            ",",
            "占",
            "比",
            "为",
            "达",
            "的",
            "办结总数",
            "。",
            "；",
            "x",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let (mut joined, mut bound) = (0, 0);
        for _ in 0..40_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 7);
            let expected = join.is_match(&text);
            joined += usize::from(expected);
            assert_eq!(joins_courts(&text), expected, "{text:?}");
            let expected = bind.is_match(&text);
            bound += usize::from(expected);
            assert_eq!(binds_percent(&text), expected, "{text:?}");
        }
        assert!(joined > 100 && bound > 100, "{joined} {bound}");
    }

    /// The keyword table reads a text exactly as one regular expression of all the keywords
    /// (each a capture group, in order) reads it.
    fn tokens_by_regex(text: &str) -> Vec<(Range<usize>, Kw)> {
        static ALL: LazyLock<Regex> = LazyLock::new(|| {
            let pattern = KEYWORDS
                .iter()
                .map(|(p, _)| format!("({p})"))
                .collect::<Vec<_>>()
                .join("|");
            re(&pattern)
        });
        ALL.captures_iter(text)
            .map(|caps| {
                let index = (1..caps.len()).find(|i| caps.get(*i).is_some()).unwrap();
                (caps.get(0).unwrap().range(), KEYWORDS[index - 1].1)
            })
            .collect()
    }

    fn tokens_by_table(text: &str) -> Vec<(Range<usize>, Kw)> {
        tokens(text).into_iter().map(|t| (t.range, t.kw)).collect()
    }

    #[test]
    fn keyword_spellings() {
        assert_eq!(
            spell_out("上一?年度?结转|新收"),
            [
                "上一年度结转",
                "上一年结转",
                "上年度结转",
                "上年结转",
                "新收"
            ]
        );
        assert_eq!(
            spell_out("经?复议后(?:提起行政诉讼|起诉)"),
            [
                "经复议后提起行政诉讼",
                "经复议后起诉",
                "复议后提起行政诉讼",
                "复议后起诉"
            ]
        );
        for (pattern, _) in KEYWORDS {
            let whole = re(&format!("^(?:{pattern})$"));
            for word in spell_out(pattern) {
                assert!(whole.is_match(&word), "{word} of {pattern}");
            }
        }
    }

    #[test]
    fn keyword_table_reads_as_the_regex_did() {
        // Every spelling of every keyword, glued to its neighbours so that they overlap and
        // compete, in a deterministic shuffle, with filler between some of them.
        let words: Vec<String> = KEYWORDS.iter().flat_map(|(p, _)| spell_out(p)).collect();
        let mut next = crate::pattern::xorshift(0x9E37_79B9_7F4A_7C15);
        let filler = [
            "",
            "",
            "件",
            "，",
            "本年度",
            "1",
            "的",
            "年",
            "上",
            "结",
            "转",
        ];
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..12 {
                let w = &words[(next() % words.len() as u64) as usize];
                // Sometimes a word without its last character: a prefix that must not match.
                let len = w.chars().count();
                let cut = if len > 1 && next().is_multiple_of(2) {
                    len - 1
                } else {
                    len
                };
                text.extend(w.chars().take(cut));
                text.push_str(filler[(next() % filler.len() as u64) as usize]);
            }
            assert_eq!(tokens_by_table(&text), tokens_by_regex(&text), "{text}");
        }
        // And the prose of the examples, read as it is in the files.
        for name in [
            "2021-jinjiang.ron",
            "2021-jinjiang-corrected.ron",
            "2019-yonghe.ron",
        ] {
            let path = format!("{}/assets/examples/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            assert_eq!(tokens_by_table(&text), tokens_by_regex(&text), "{name}");
            assert!(!tokens_by_table(&text).is_empty());
        }
    }

    use Basis::*;
    use Quantity::*;

    #[test]
    fn reads_the_usual_request_sentences() {
        assert_eq!(
            quantities(
                "全市各级各部门受理信息公开申请 291 件，依法办结 291 件，结转至下年度继续办理数 0 件，无超期情况。"
            ),
            [
                (Requests(New), 291),
                (Requests(Concluded), 291),
                (Requests(CarryForward), 0)
            ]
        );
        assert_eq!(
            quantities(
                "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。"
            ),
            [
                (Requests(New), 749),
                (ByApplicant(New, Applicant::Natural), 741),
                (ByApplicant(New, Applicant::Organisations), 8),
                (Requests(Concluded), 718),
                (Requests(CarryForward), 31)
            ]
        );
        assert_eq!(
            quantities(
                "全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。"
            ),
            [
                (Requests(New), 3119),
                (Requests(Concluded), 3050),
                (Requests(Carried), 34),
                (Requests(CarryForward), 103)
            ]
        );
    }

    #[test]
    fn reads_cases_and_their_subjects() {
        assert_eq!(
            quantities(
                "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件。"
            ),
            [
                (Cases(Court::Review, CaseResult::Total), 351),
                (Cases(Court::Review, CaseResult::Upheld), 72),
                (Cases(Court::Review, CaseResult::Corrected), 64),
                (Cases(Court::Review, CaseResult::Other), 178),
                (Cases(Court::Review, CaseResult::Pending), 37),
                (Cases(Court::Litigation, CaseResult::Total), 46),
                (Cases(Court::Litigation, CaseResult::Upheld), 25),
            ]
        );
        assert_eq!(
            quantities("依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。"),
            [(Cases(Court::Both, CaseResult::Total), 74)]
        );
        assert_eq!(
            quantities(
                "2024 年市科委有 1 件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为 0 件。"
            ),
            [
                (Cases(Court::Review, CaseResult::Total), 1),
                (Cases(Court::Litigation, CaseResult::Total), 0)
            ]
        );
        assert_eq!(
            quantities(
                "行政诉讼 13 件（未经复议直接起诉 3 件，复议后起诉 10 件），其中结果维持 11 件。"
            ),
            [
                (Cases(Court::Litigation, CaseResult::Total), 13),
                (Cases(Court::Direct, CaseResult::Total), 3),
                (Cases(Court::AfterReview, CaseResult::Total), 10),
                (Cases(Court::Litigation, CaseResult::Upheld), 11),
            ]
        );
    }

    #[test]
    fn reads_outcomes_and_their_percentages() {
        let text = "其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关不掌握等原因无法提供 564 件（47.36%），属信访、重复申请等不予处理 80 件（6.72%），其他处理 319 件（26.78%，含申请人主动撤回 157 件）。";
        let c = claims(text);
        let got: Vec<_> = c
            .iter()
            .filter_map(|c| match c {
                Claim::Count {
                    quantity,
                    value,
                    percent,
                    ..
                } => Some((*quantity, *value, percent.as_ref().map(|p| p.value))),
                Claim::AllUpheld { .. } => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Outcome(figures::Outcome::GrantedOrPartial),
                    208,
                    Some(17.46)
                ),
                (Outcome(figures::Outcome::Withheld), 20, Some(1.68)),
                (Outcome(figures::Outcome::Unable), 564, Some(47.36)),
                (Outcome(figures::Outcome::Declined), 80, Some(6.72)),
                (Outcome(figures::Outcome::Other), 319, Some(26.78)),
            ]
        );
    }

    #[test]
    fn leaves_other_counts_alone() {
        for text in [
            "2021年晋江市制发公文信息2074份，其中主动公开文件828份，依申请公开文件635份。",
            "依申请公开文件635件。",
            "今年我镇主动公开政务文件 93 件，依申请公开政务文 1 条。",
            "及时处理并反馈泉州、晋江12345热线事件，两个平台分别受理73、606件。",
            "受理行政许可申请 1200 件。",
            "全年受理申请 300 余件。",
            "受理申请数同比增长 20 件。",
            "成功推动化解各类争议纠纷 33 件。",
            "全年发布信息4511条，访问量2万人次，粉丝30万人。",
        ] {
            assert_eq!(quantities(text), [], "{text}");
        }
    }

    #[test]
    fn a_year_followed_by_this_year_is_this_reports() {
        assert_eq!(year_before("2024年受理申请"), Some(2024));
        assert_eq!(year_before("2021年，本机关本年新收政府信息公开申请"), None);
        assert_eq!(year_before("2024年受理18件，本年新收"), None);
        assert_eq!(year_before("受理"), None);
    }

    #[test]
    fn reads_all_upheld() {
        let c = claims("本年度行政复议案件 3 件，均获维持。");
        assert!(c.iter().any(|c| matches!(
            c,
            Claim::AllUpheld {
                court: Court::Review,
                ..
            }
        )));
    }
}
