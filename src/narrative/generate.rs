//! Sentences written from the figures: the 统计期限 (R13), the summary of requests (R7), the
//! summary of 复议 and 诉讼 (R7), and the 信息处理费 statement of 六 (R11).
//!
//! Each generated sentence is one sentence, ends in "。", holds no other "。", and starts with
//! wording of its own, so that a later refresh finds it again ([`find`]) even after the figures
//! changed, and replaces it in place ([`refresh`]). The clerk may edit it like any other text;
//! an edited sentence that no longer has the generated wording is left alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::figures::{self, Basis, CaseResult, Court, Outcome, Quantity};
use super::numbers::format_percent;
use crate::draft::{Draft, TextField};
use crate::format::FormatId;
use crate::pattern::re;

/// The kinds of generated sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// "本报告所列数据统计期限自2025年1月1日至2025年12月31日。" (R13)
    StatisticsPeriod,
    /// 新收, 上年结转, 办结 by outcome with shares of （七）总计, 结转下年度 (R7).
    Requests,
    /// 行政复议 and 行政诉讼 by result (R7).
    ReviewAndLitigation,
    /// The 信息处理费 statement of 六 (R11), from 2021.
    InformationFee,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::StatisticsPeriod,
        Kind::Requests,
        Kind::ReviewAndLitigation,
        Kind::InformationFee,
    ];

    /// The name a menu shows.
    pub fn label(self) -> &'static str {
        match self {
            Kind::StatisticsPeriod => "统计期限",
            Kind::Requests => "依申请公开情况（收到和处理申请）",
            Kind::ReviewAndLitigation => "行政复议、行政诉讼情况",
            Kind::InformationFee => "信息处理费收取情况",
        }
    }

    /// Words every sentence of this kind holds (one of them), as written in [`Kind::pattern`].
    fn wording(self) -> &'static [&'static str] {
        match self {
            Kind::StatisticsPeriod => &["本报告所列数据统计期限自"],
            Kind::Requests => &["本机关本年新收政府信息公开申请"],
            Kind::ReviewAndLitigation => &[
                "本年度因政府信息公开被申请行政复议",
                "本年度未发生因政府信息公开引起的行政复议",
            ],
            Kind::InformationFee => &["本年度未收取信息处理费", "本年度收取信息处理费"],
        }
    }

    /// The stable wording that finds a sentence of this kind again.
    fn pattern(self) -> &'static Regex {
        static PERIOD: LazyLock<Regex> =
            LazyLock::new(|| re(r"本报告所列数据统计期限自[^。\n]*?12月31日。"));
        static REQUESTS: LazyLock<Regex> = LazyLock::new(|| {
            re(r"(?:\d+年，)?本机关本年新收政府信息公开申请[^。\n]*?结转下年度继续办理\d+件。")
        });
        static CASES: LazyLock<Regex> = LazyLock::new(|| {
            re(
                r"本年度(?:因政府信息公开被申请行政复议|未发生因政府信息公开引起的行政复议)[^。\n]*。",
            )
        });
        static FEE: LazyLock<Regex> =
            LazyLock::new(|| re(r"本年度(?:未收取|收取)信息处理费[^。\n]*。"));
        match self {
            Kind::StatisticsPeriod => &PERIOD,
            Kind::Requests => &REQUESTS,
            Kind::ReviewAndLitigation => &CASES,
            Kind::InformationFee => &FEE,
        }
    }
}

/// A sentence written from the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    pub kind: Kind,
    /// The kind's name, for a menu: "统计期限".
    pub label: &'static str,
    /// The sentence.
    pub text: String,
    /// The field the sentence belongs in, where it goes when the draft does not hold it yet.
    pub field: TextField,
}

/// Every sentence the draft's figures give, in report order. The 信息处理费 statement is given
/// for drafts in the 2021 format only (国办函〔2020〕109号 applies from 2021).
pub fn sentences(draft: &Draft) -> Vec<Generated> {
    Kind::ALL
        .into_iter()
        .filter_map(|k| generate(draft, k))
        .collect()
}

/// The sentence of one kind, or `None` where the kind does not apply (the 信息处理费 statement
/// before 2021).
pub fn generate(draft: &Draft, kind: Kind) -> Option<Generated> {
    let text = match kind {
        Kind::StatisticsPeriod => statistics_period(draft),
        Kind::Requests => requests(draft),
        Kind::ReviewAndLitigation => review_and_litigation(draft),
        Kind::InformationFee => information_fee(draft)?,
    };
    Some(Generated {
        kind,
        label: kind.label(),
        text,
        field: home_field(draft, kind),
    })
}

/// Where a kind of sentence goes by default: the 统计期限 in the 引言, the summaries in the part
/// of section 一 on 依申请公开 (or its opening text when there is none), the fee statement in 六.
pub fn home_field(draft: &Draft, kind: Kind) -> TextField {
    match kind {
        Kind::StatisticsPeriod => TextField::Preamble,
        Kind::Requests | Kind::ReviewAndLitigation => draft
            .parts
            .iter()
            .position(|p| p.heading.contains("依申请"))
            .map_or(TextField::OverviewIntro, TextField::PartText),
        Kind::InformationFee => TextField::OtherMatters,
    }
}

fn statistics_period(draft: &Draft) -> String {
    let y = draft.year;
    format!("本报告所列数据统计期限自{y}年1月1日至{y}年12月31日。")
}

/// A figure as the rules read it; blank counts as 0.
fn figure(draft: &Draft, q: Quantity) -> u64 {
    figures::expected(draft, q).map_or(0, |e| e.value)
}

fn requests(draft: &Draft) -> String {
    let count = |b| figure(draft, Quantity::Requests(b));
    let (new, carried, done, forward) = (
        count(Basis::New),
        count(Basis::Carried),
        count(Basis::Concluded),
        count(Basis::CarryForward),
    );
    let outcomes: Vec<String> = Outcome::GROUPS
        .into_iter()
        .filter_map(|o| {
            let n = figure(draft, Quantity::Outcome(o));
            (n > 0).then(|| format!("{}{n}件（占{}）", o.short(), format_percent(n, done)))
        })
        .collect();
    let outcomes = if outcomes.is_empty() {
        String::new()
    } else {
        format!("，其中{}", outcomes.join("，"))
    };
    format!(
        "{}年，本机关本年新收政府信息公开申请{new}件，上年结转政府信息公开申请{carried}件；\
         本年度办结{done}件{outcomes}；结转下年度继续办理{forward}件。",
        draft.year
    )
}

fn review_and_litigation(draft: &Draft) -> String {
    let count = |c, r| figure(draft, Quantity::Cases(c, r));
    let review = count(Court::Review, CaseResult::Total);
    let litigation = count(Court::Litigation, CaseResult::Total);
    if review == 0 && litigation == 0 {
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。".to_string();
    }
    let results = |c| {
        [
            CaseResult::Upheld,
            CaseResult::Corrected,
            CaseResult::Other,
            CaseResult::Pending,
        ]
        .into_iter()
        .map(|r| format!("{}{}件", r.label(), count(c, r)))
        .collect::<Vec<_>>()
        .join("，")
    };
    let mut out = format!("本年度因政府信息公开被申请行政复议{review}件");
    if review > 0 {
        out.push_str(&format!("，其中{}", results(Court::Review)));
    }
    out.push_str(&format!("；被提起行政诉讼{litigation}件"));
    if litigation > 0 {
        out.push_str(&format!(
            "，其中{}（未经复议直接起诉{}件，复议后起诉{}件）",
            results(Court::Litigation),
            count(Court::Direct, CaseResult::Total),
            count(Court::AfterReview, CaseResult::Total)
        ));
    }
    out.push('。');
    out
}

fn information_fee(draft: &Draft) -> Option<String> {
    if draft.format != FormatId::F2021 {
        return None;
    }
    let amount = draft.info_fee.filter(|a| !a.is_zero());
    let mut out = match amount {
        Some(a) => format!("本年度收取信息处理费共计{}元", a.normalize()),
        None => "本年度未收取信息处理费".to_string(),
    };
    let unpaid = figure(draft, Quantity::Outcome(Outcome::Item("other_2")));
    if unpaid > 0 {
        out.push_str(&format!(
            "；本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）向申请人发出收费通知，\
             有{unpaid}件申请因申请人逾期未按收费通知要求缴纳费用而不再处理"
        ));
    }
    out.push('。');
    Some(out)
}

/// Where a sentence of the kind stands in a text, as a byte range.
pub fn find(text: &str, kind: Kind) -> Option<Range<usize>> {
    // Most texts hold no generated sentence of the kind: a plain search for its fixed words
    // answers them without building the pattern.
    if !kind.wording().iter().any(|w| text.contains(w)) {
        return None;
    }
    kind.pattern().find(text).map(|m| m.range())
}

/// The field and place where the draft holds a sentence of the kind, searching every narrative
/// field in reading order.
pub fn locate(draft: &Draft, kind: Kind) -> Option<(TextField, Range<usize>)> {
    draft
        .narrative()
        .into_iter()
        .find_map(|(field, text)| find(text, kind).map(|r| (field, r)))
}

/// Whether the draft holds the sentence as generated now, an older version of it, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Missing,
    /// Present, with the figures of now.
    Current,
    /// Present, written from figures that have changed since: refresh it.
    Stale,
}

pub fn status(draft: &Draft, generated: &Generated) -> Status {
    match locate(draft, generated.kind) {
        None => Status::Missing,
        Some((field, range)) => {
            let current = draft
                .text(field)
                .and_then(|t| t.get(range))
                .is_some_and(|s| s == generated.text);
            if current {
                Status::Current
            } else {
                Status::Stale
            }
        }
    }
}

/// The text with the sentence of the generated kind replaced by the new one; where the text holds
/// none, the sentence is added at the end (after a line break, unless the text ends a sentence
/// or is empty).
pub fn refresh(text: &str, generated: &Generated) -> String {
    match find(text, generated.kind) {
        Some(range) => {
            let mut out = String::with_capacity(text.len() + generated.text.len());
            out.push_str(&text[..range.start]);
            out.push_str(&generated.text);
            out.push_str(&text[range.end..]);
            out
        }
        None => {
            let trimmed = text.trim_end();
            if trimmed.is_empty() {
                generated.text.clone()
            } else if text.ends_with('\n') {
                format!("{text}{}", generated.text)
            } else if trimmed.ends_with(['。', '！', '？', '；']) {
                format!("{trimmed}{}", generated.text)
            } else {
                format!("{text}\n{}", generated.text)
            }
        }
    }
}

/// The draft's field refreshed with the sentence of the kind: the field where the draft holds it,
/// with it replaced; else its home field with the sentence added. Feed the pair to
/// `Edit::SetText`. `None` where the kind does not apply to the draft.
pub fn refreshed(draft: &Draft, kind: Kind) -> Option<(TextField, String)> {
    let generated = generate(draft, kind)?;
    let field = locate(draft, kind).map_or(generated.field, |(f, _)| f);
    let text = draft.text(field).unwrap_or("");
    Some((field, refresh(text, &generated)))
}

/// The text with the sentence inserted at a cursor, counted in characters (as a text editor
/// counts them; a cursor past the end inserts at the end). Returns the new text and the cursor
/// after the inserted sentence.
pub fn insert_at(text: &str, char_index: usize, generated: &Generated) -> (String, usize) {
    let byte = text
        .char_indices()
        .nth(char_index)
        .map_or(text.len(), |(i, _)| i);
    let mut out = String::with_capacity(text.len() + generated.text.len());
    out.push_str(&text[..byte]);
    out.push_str(&generated.text);
    out.push_str(&text[byte..]);
    let cursor = text[..byte].chars().count() + generated.text.chars().count();
    (out, cursor)
}
