//! Reading numbers out of Chinese prose: sentences, clauses, counts ("749 件", "两件") and
//! percentages ("17.46%", "百分之四十").
//!
//! Offsets are byte offsets into the text given, so that callers can quote the original.

use std::ops::Range;

/// One sentence of a text: ended by 。！？ (or their ASCII forms) or by a line break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence, trimmed, with its closing punctuation.
    pub text: &'a str,
    /// Where it starts in the whole text.
    pub start: usize,
    /// The paragraph (line) it belongs to, counted from 0.
    pub paragraph: usize,
}

impl Sentence<'_> {
    /// The sentence's byte range in the whole text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// Splits a text into sentences. Empty sentences are dropped.
pub fn sentences<'a>(text: &'a str) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    let push = |out: &mut Vec<Sentence<'a>>, from: usize, to: usize, paragraph: usize| {
        let piece = &text[from..to];
        let trimmed = piece.trim_start();
        let lead = piece.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            out.push(Sentence {
                text: trimmed,
                start: from + lead,
                paragraph,
            });
        }
    };
    for (i, c) in text.char_indices() {
        match c {
            '。' | '！' | '？' | '!' | '?' => {
                let end = i + c.len_utf8();
                push(&mut out, start, end, paragraph);
                start = end;
            }
            '\n' => {
                push(&mut out, start, i, paragraph);
                start = i + 1;
                paragraph += 1;
            }
            _ => {}
        }
    }
    push(&mut out, start, text.len(), paragraph);
    out
}

/// Whether a character closes a clause within a sentence.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '（' | '）' | '(' | ')' | '、' | '。' | '！' | '？'
    )
}

/// The clause of `sentence` around byte offset `at`: from after the previous clause break to
/// before the next one.
pub fn clause_around(sentence: &str, at: usize) -> Range<usize> {
    let at = at.min(sentence.len());
    let start = sentence[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let end = sentence[at..]
        .char_indices()
        .find(|(_, c)| is_clause_break(*c))
        .map(|(i, _)| at + i)
        .unwrap_or(sentence.len());
    start..end
}

/// What a number in the text stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A count of cases or requests: "749 件", "两件", "3 起".
    Count(u64),
    /// A percentage, with the number of decimals written: "17.46%" is (17.46, 2).
    Percent { value: f64, decimals: u32 },
}

/// A number found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte range in the sentence, unit included.
    pub range: Range<usize>,
    pub number: Number,
    /// "约 300 件", "300 余件", "近 300 件": not a figure to check.
    pub approximate: bool,
}

/// Counts: digits (half- or full-width, with optional thousands commas) or Chinese numerals,
/// followed by a unit that counts requests or cases. Units of other things (份 documents, 条
/// posts, 人次 visitors, 个, 篇, 次) are not read: those figures are not in the tables.
///
/// Read as the regular expression
///
/// ```text
/// (?P<num>[0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+)
/// \s*(?P<approx>余|多)?\s*(?P<unit>件|宗|起|例)(?P<after>次|左右)?
/// ```
///
/// reads it (leftmost first, none overlapping), by a scan: building that expression took longer
/// than reading a whole report with it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CountMatch {
    all: Range<usize>,
    num: Range<usize>,
    /// "余" or "多" before the unit.
    approx: bool,
    /// "次" or "左右" after the unit.
    after: Option<Range<usize>>,
}

/// Percentages: "17.46%", "17.46 ％", "百分之17.46", "百分之百"; read as the regular expression
///
/// ```text
/// (?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]
/// | 百分之(?P<pnum>[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百]+)
/// ```
///
/// reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PercentMatch {
    all: Range<usize>,
    num: Option<Range<usize>>,
    pnum: Option<Range<usize>>,
}

const NUMERALS: &str = "零〇一二两三四五六七八九十百千万";
const PERCENT_NUMERALS: &str = "零〇一二两三四五六七八九十百";

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The end of the run of characters from `at` that `keep` accepts.
fn run_end(text: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !keep(*c))
        .map_or(text.len(), |(i, _)| at + i)
}

fn skip_space(text: &str, at: usize) -> usize {
    run_end(text, at, char::is_whitespace)
}

/// `[0-9０-９]+(?:[.．][0-9０-９]+)?` at `at`: where it ends.
fn decimal_end(text: &str, at: usize) -> Option<usize> {
    let int = run_end(text, at, is_digit);
    if int == at {
        return None;
    }
    if let Some(sep) = text[int..]
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | '．'))
    {
        let frac_start = int + sep.len_utf8();
        let frac = run_end(text, frac_start, is_digit);
        if frac > frac_start {
            return Some(frac);
        }
    }
    Some(int)
}

/// What follows a count's number, `\s*(余|多)?\s*(件|宗|起|例)(次|左右)?`, at `at`:
/// (approximate, after, end).
fn count_unit(text: &str, at: usize) -> Option<(bool, Option<Range<usize>>, usize)> {
    let mut at = skip_space(text, at);
    let approx = text[at..].starts_with(['余', '多']);
    if approx {
        at += '余'.len_utf8();
    }
    at = skip_space(text, at);
    let unit = text[at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '件' | '宗' | '起' | '例'))?;
    at += unit.len_utf8();
    let after = ["次", "左右"]
        .into_iter()
        .find(|w| text[at..].starts_with(w))
        .map(|w| at..at + w.len());
    let end = after.as_ref().map_or(at, |r| r.end);
    Some((approx, after, end))
}

/// The count that starts at `at`, if one does. What follows the number starts with a character
/// that cannot continue it, so only the longest number can be followed by the unit: nothing to
/// backtrack.
fn count_at(text: &str, at: usize) -> Option<CountMatch> {
    let first = text[at..].chars().next()?;
    let found = |num: Range<usize>| {
        count_unit(text, num.end).map(|(approx, after, end)| CountMatch {
            all: at..end,
            num,
            approx,
            after,
        })
    };
    if is_digit(first) {
        let run = run_end(text, at, is_digit);
        // With thousands commas: one to three digits, then groups of ",ddd".
        if text[at..run].chars().count() <= 3 {
            let mut end = run;
            while text[end..].starts_with(',')
                && text
                    .as_bytes()
                    .get(end + 1..end + 4)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            {
                end += 4;
            }
            if end > run
                && let Some(m) = found(at..end)
            {
                return Some(m);
            }
        }
        return found(at..run);
    }
    if NUMERALS.contains(first) {
        return found(at..run_end(text, at, |c| NUMERALS.contains(c)));
    }
    None
}

/// The percentage that starts at `at`, if one does.
fn percent_at(text: &str, at: usize) -> Option<PercentMatch> {
    if let Some(end) = decimal_end(text, at) {
        let sign = skip_space(text, end);
        let c = text[sign..]
            .chars()
            .next()
            .filter(|c| matches!(c, '%' | '％'))?;
        return Some(PercentMatch {
            all: at..sign + c.len_utf8(),
            num: Some(at..end),
            pnum: None,
        });
    }
    if !text[at..].starts_with("百分之") {
        return None;
    }
    let p = at + "百分之".len();
    let end =
        decimal_end(text, p).unwrap_or_else(|| run_end(text, p, |c| PERCENT_NUMERALS.contains(c)));
    (end > p).then_some(PercentMatch {
        all: at..end,
        num: None,
        pnum: Some(p..end),
    })
}

/// Every match of `match_at` in `text`, left to right, none overlapping.
fn scan<M>(
    text: &str,
    match_at: impl Fn(&str, usize) -> Option<M>,
    end: impl Fn(&M) -> usize,
) -> Vec<M> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match match_at(text, at) {
            Some(m) => {
                at = end(&m);
                out.push(m);
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

fn counts(sentence: &str) -> Vec<CountMatch> {
    if !sentence.contains(['件', '宗', '起', '例']) {
        return Vec::new();
    }
    scan(sentence, count_at, |m| m.all.end)
}

fn percents(sentence: &str) -> Vec<PercentMatch> {
    if !sentence.contains(['%', '％']) && !sentence.contains("百分之") {
        return Vec::new();
    }
    scan(sentence, percent_at, |m| m.all.end)
}

/// Words before a number that make it an estimate.
const APPROXIMATE_BEFORE: [&str; 7] = ["约", "近", "超过", "超", "逾", "大约", "将近"];

/// The value of a run of half- or full-width digits (commas ignored).
fn parse_digits(s: &str) -> Option<u64> {
    let mut value: u64 = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            ',' => continue,
            _ => return None,
        };
        value = value.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(value)
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral: "十二" 12, "一百零五" 105, "两千" 2000, "一万二千" 12000,
/// and digit by digit "二〇二一" 2021. `None` for what is not a well-formed numeral.
pub fn parse_chinese(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let has_units = s.chars().any(|c| matches!(c, '十' | '百' | '千' | '万'));
    if !has_units {
        // Digit by digit ("二〇二一") or a single digit.
        let mut value: u64 = 0;
        for c in s.chars() {
            value = value.checked_mul(10)?.checked_add(chinese_digit(c)?)?;
        }
        return Some(value);
    }
    let mut total: u64 = 0; // completed 万 groups
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some_and(|prev| prev != 0) {
                return None; // two digits in a row: not a numeral
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                let group = section + digit.take().unwrap_or(0);
                total = total.checked_add(group.checked_mul(10_000)?)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // "十二": a bare 十 means one ten.
        let d = digit.take().unwrap_or(if unit == 10 { 1 } else { 0 });
        if d == 0 && unit != 10 {
            return None;
        }
        section += d * unit;
    }
    Some(total + section + digit.unwrap_or(0))
}

/// The number of a count or percentage match, half-width digits, Chinese numerals or both.
fn parse_number(s: &str) -> Option<u64> {
    parse_digits(s).or_else(|| parse_chinese(s))
}

fn parse_decimal(s: &str) -> Option<(f64, u32)> {
    let normal: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => crate::value::ascii_digit(c),
            '．' => '.',
            _ => c,
        })
        .collect();
    let decimals = normal
        .split_once('.')
        .map(|(_, frac)| frac.len() as u32)
        .unwrap_or(0);
    normal.parse::<f64>().ok().map(|v| (v, decimals))
}

/// Whether the character before byte `at` continues a number ("1.5件", "2021年3件" is fine).
fn glued_to_number(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '．' | '０'..='９'))
}

/// Every count and percentage in a sentence, in order.
pub fn mentions(sentence: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for m in counts(sentence) {
        let all = &m.all;
        if glued_to_number(sentence, all.start) {
            continue;
        }
        let text = &sentence[m.num.clone()];
        let chinese = !text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let before = &sentence[..all.start];
        // "每一件", "逐一件", "任何一件": not a count.
        if chinese
            && ["每", "逐", "任何", "哪"]
                .iter()
                .any(|w| before.ends_with(w))
        {
            continue;
        }
        // "第一件": an ordinal.
        if before.ends_with('第') {
            continue;
        }
        let Some(value) = parse_number(text) else {
            continue;
        };
        let after = m.after.as_ref().map(|r| &sentence[r.clone()]);
        let approximate = m.approx
            || after == Some("左右")
            || APPROXIMATE_BEFORE
                .iter()
                .any(|w| before.trim_end().ends_with(w));
        // "3 件次": a count of occasions, not of requests.
        if after == Some("次") {
            continue;
        }
        out.push(Mention {
            range: all.clone(),
            number: Number::Count(value),
            approximate,
        });
    }
    for m in percents(sentence) {
        let all = &m.all;
        if glued_to_number(sentence, all.start) {
            continue;
        }
        let parsed = if let Some(num) = &m.num {
            parse_decimal(&sentence[num.clone()])
        } else if let Some(num) = &m.pnum {
            let t = &sentence[num.clone()];
            parse_decimal(t).or_else(|| {
                if t == "百" {
                    Some((100.0, 0))
                } else {
                    parse_chinese(t).map(|v| (v as f64, 0))
                }
            })
        } else {
            None
        };
        let Some((value, decimals)) = parsed else {
            continue;
        };
        let before = &sentence[..all.start];
        out.push(Mention {
            range: all.clone(),
            number: Number::Percent { value, decimals },
            approximate: APPROXIMATE_BEFORE
                .iter()
                .any(|w| before.trim_end().ends_with(w)),
        });
    }
    out.sort_by_key(|m| m.range.start);
    out
}

/// A mention of a report by its year: "2025年度政府信息公开工作年度报告", "2025年度报告",
/// "2025年政府信息公开工作年度报告". `year` is the byte range of the four digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportYear {
    /// The whole mention, from the year to "报告".
    pub range: Range<usize>,
    pub year: Range<usize>,
    pub value: i32,
}

/// The mentions of this kind of report by year in a text. A year is read as a report year only
/// when "年度" follows it ("2025年度报告") or when what stands between it and "报告" names an
/// annual report on 政府信息公开 ("2025年政府信息公开工作年度报告"); "较2024年", "2024年度政府工作
/// 报告" and "2024年度审计报告" are not.
pub fn report_years(text: &str) -> Vec<ReportYear> {
    years_followed_by(text, report_after_year)
        .into_iter()
        .filter_map(|found| {
            let year = found.digits;
            let (du, middle) = found.rest;
            let middle: String = text[middle].split_whitespace().collect();
            let names_report = if du {
                middle.is_empty() || middle.contains("信息公开") || middle.contains("政务公开")
            } else {
                middle.ends_with("年度")
                    && (middle.contains("信息公开") || middle.contains("政务公开"))
            };
            if !names_report {
                return None;
            }
            Some(ReportYear {
                range: year.start..found.all.end,
                value: text[year.clone()].parse().ok()?,
                year,
            })
        })
        .collect()
}

/// A year found by [`years_followed_by`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearMatch<T> {
    /// The whole match, from the character before the year (unless the year starts the text).
    pub all: Range<usize>,
    /// The four digits.
    pub digits: Range<usize>,
    /// What `rest` read after the year.
    pub rest: T,
}

/// Every year of the text that `rest` accepts what follows, left to right, none overlapping,
/// as the regular expression `(?:^|[^0-9])((?:19|20)[0-9]{2})` followed by `rest`'s part reads
/// them (the character before the year belongs to the match). `rest` is given the end of the
/// year and returns the end of its part with what it read.
pub fn years_followed_by<T>(
    text: &str,
    rest: impl Fn(&str, usize) -> Option<(usize, T)>,
) -> Vec<YearMatch<T>> {
    scan(
        text,
        |text, at| {
            let digits = year_digits_at(text, at)?;
            let (end, read) = rest(text, digits.end)?;
            Some(YearMatch {
                all: at..end,
                digits,
                rest: read,
            })
        },
        |m| m.all.end,
    )
}

/// `(?:^|[^0-9])((?:19|20)[0-9]{2})` at `at`: the four digits. Where the text starts with a
/// digit only `^` can match at 0, elsewhere only a character other than 0–9.
fn year_digits_at(text: &str, at: usize) -> Option<Range<usize>> {
    let digits = if at == 0 && text.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else {
        let c = text[at..].chars().next().filter(|c| !c.is_ascii_digit())?;
        at + c.len_utf8()
    };
    let d = text.as_bytes().get(digits..digits + 4)?;
    (d.iter().all(u8::is_ascii_digit) && (d.starts_with(b"19") || d.starts_with(b"20")))
        .then_some(digits..digits + 4)
}

/// `\s*年` after a year: its end.
pub fn nian_after_year(text: &str, at: usize) -> Option<(usize, ())> {
    let at = skip_space(text, at);
    text[at..]
        .starts_with('年')
        .then_some((at + '年'.len_utf8(), ()))
}

/// `\s*年\s*(度)?([^0-9。；;，,、\n]{0,24}?)报告` after a year, tried in the order the regular
/// expression tries it (the most whitespace first, then with "度" before without, then the
/// shortest middle): its end, whether "度" was read, and the middle.
fn report_after_year(text: &str, at: usize) -> Option<(usize, (bool, Range<usize>))> {
    let (after_nian, ()) = nian_after_year(text, at)?;
    let space_end = skip_space(text, after_nian);
    let mut spaces: Vec<usize> = text[after_nian..space_end]
        .char_indices()
        .map(|(i, _)| after_nian + i)
        .collect();
    spaces.push(space_end);
    for &q in spaces.iter().rev() {
        let du = text[q..].starts_with('度');
        for with_du in [true, false] {
            if with_du && !du {
                continue;
            }
            let start = if with_du { q + '度'.len_utf8() } else { q };
            let mut pos = start;
            for taken in 0..=24 {
                if text[pos..].starts_with("报告") {
                    return Some((pos + "报告".len(), (with_du, start..pos)));
                }
                let Some(c) = text[pos..].chars().next() else {
                    break;
                };
                if taken == 24 || c.is_ascii_digit() || "。；;，,、\n".contains(c) {
                    break;
                }
                pos += c.len_utf8();
            }
        }
    }
    None
}

/// Whether a percentage written with `decimals` places stands for `exact` (a percentage):
/// rounded or cut off at that many places.
pub fn percent_matches(written: f64, decimals: u32, exact: f64) -> bool {
    let step = 10f64.powi(-(decimals.min(6) as i32));
    let eps = 1e-9;
    (written - exact).abs() <= step / 2.0 + eps
        || (exact - written >= -eps && exact - written < step)
}

/// A percentage for print: at most two decimals, trailing zeros dropped ("40.95%", "12.5%",
/// "100%").
pub fn format_percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    // Rounded half up on an integer scale, so that no float noise shows.
    let hundredths = (u128::from(part) * 10_000 * 2 + u128::from(whole)) / (u128::from(whole) * 2);
    let int = hundredths / 100;
    let frac = hundredths % 100;
    match frac {
        0 => format!("{int}%"),
        f if f % 10 == 0 => format!("{int}.{}%", f / 10),
        f => format!("{int}.{f:02}%"),
    }
}

/// A short quotation of a sentence around a byte range: the whole sentence when it is short,
/// else a window with "……" where text was left out.
pub fn quote(sentence: &str, around: Range<usize>) -> String {
    const MAX: usize = 60;
    const BEFORE: usize = 28;
    const AFTER: usize = 24;
    if sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let start_char = sentence[..around.start.min(sentence.len())].chars().count();
    let end_char = start_char
        + sentence[around.start.min(sentence.len())..around.end.min(sentence.len())]
            .chars()
            .count();
    let total = sentence.chars().count();
    let from = start_char.saturating_sub(BEFORE);
    let to = (end_char + AFTER).min(total);
    let body: String = sentence.chars().skip(from).take(to - from).collect();
    format!(
        "{}{}{}",
        if from > 0 { "……" } else { "" },
        body,
        if to < total { "……" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use crate::pattern::re;

    /// The scans read years exactly as the regular expressions they replaced.
    #[test]
    fn year_scans_read_as_the_regexes_did() {
        let report =
            re(r"(?:^|[^0-9])((?:19|20)[0-9]{2})\s*年\s*(度)?([^0-9。；;，,、\n]{0,24}?)报告");
        let nian = re(r"(?:^|[^0-9])((?:19|20)[0-9]{2})\s*年");
        let pieces = [
            "2021",
            "1999",
            "2",
            "20",
            "219",
            "3021",
            "年",
            "度",
            "报告",
            "报",
            " ",
            "\u{3000}",
            "\n",
            "政府信息公开工作",
            "年度",
            "，",
            "。",
            "a",
            "1",
            "较",
            "度报告",
            "政务公开",
            "工作报告",
            "之",
        ];
        let mut next = crate::pattern::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 12);
            let by_regex: Vec<_> = report
                .captures_iter(&text)
                .map(|c| YearMatch {
                    all: c.get(0).unwrap().range(),
                    digits: c.get(1).unwrap().range(),
                    rest: (c.get(2).is_some(), c.get(3).unwrap().range()),
                })
                .collect();
            assert_eq!(
                years_followed_by(&text, report_after_year),
                by_regex,
                "{text:?}"
            );
            let by_regex: Vec<_> = nian
                .captures_iter(&text)
                .map(|c| YearMatch {
                    all: c.get(0).unwrap().range(),
                    digits: c.get(1).unwrap().range(),
                    rest: (),
                })
                .collect();
            assert_eq!(
                years_followed_by(&text, nian_after_year),
                by_regex,
                "{text:?}"
            );
        }
    }

    /// The scans read counts and percentages exactly as the regular expressions they replaced.
    #[test]
    fn scans_read_as_the_regexes_did() {
        let count = re(r"(?x)
            (?P<num>[0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+)
            \s*(?P<approx>余|多)?\s*
            (?P<unit>件|宗|起|例)
            (?P<after>次|左右)?");
        let percent = re(r"(?x)
            (?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]
            | 百分之(?P<pnum>[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百]+)");
        let pieces = [
            "1",
            "12",
            "123",
            "1234",
            "１２",
            "0",
            ",",
            ",123",
            ",12",
            ",1234",
            ".",
            "．",
            "5",
            "件",
            "宗",
            "起",
            "例",
            "次",
            "左右",
            "余",
            "多",
            " ",
            "\u{3000}",
            "二",
            "十",
            "百",
            "万",
            "两",
            "百分之",
            "%",
            "％",
            "第",
            "年",
            "，",
            "申请",
            "\n",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let range = |m: Option<regex::Match<'_>>| m.map(|m| m.range());
        for _ in 0..20_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 10);
            let by_regex: Vec<CountMatch> = count
                .captures_iter(&text)
                .map(|c| CountMatch {
                    all: c.get(0).unwrap().range(),
                    num: c.name("num").unwrap().range(),
                    approx: c.name("approx").is_some(),
                    after: range(c.name("after")),
                })
                .collect();
            assert_eq!(super::counts(&text), by_regex, "{text:?}");
            let by_regex: Vec<PercentMatch> = percent
                .captures_iter(&text)
                .map(|c| PercentMatch {
                    all: c.get(0).unwrap().range(),
                    num: range(c.name("num")),
                    pnum: range(c.name("pnum")),
                })
                .collect();
            assert_eq!(percents(&text), by_regex, "{text:?}");
        }
    }

    #[test]
    fn report_years_are_years_that_name_this_report() {
        let years = |t: &str| -> Vec<i32> { report_years(t).iter().map(|r| r.value).collect() };
        assert_eq!(years("现公布2025年度政府信息公开工作年度报告。"), [2025]);
        assert_eq!(years("本机关2025年度报告如下"), [2025]);
        assert_eq!(years("晋江市2021年政府信息公开工作年度报告"), [2021]);
        assert_eq!(years("2021 年度 报告"), [2021]);
        for other in [
            "较2024年增长10%，详见报告",
            "2024年度政府工作报告",
            "2024年度审计报告",
            "统计期限自2021年1月1日至2021年12月31日。本报告",
            "2024年工作报告",
        ] {
            assert_eq!(years(other), Vec::<i32>::new(), "{other}");
        }
        let text = "公布2025年度报告";
        let r = &report_years(text)[0];
        assert_eq!(&text[r.year.clone()], "2025");
        assert_eq!(&text[r.range.clone()], "2025年度报告");
    }

    use super::*;

    const NONE: [u64; 0] = [];

    fn counts(s: &str) -> Vec<u64> {
        mentions(s)
            .into_iter()
            .filter(|m| !m.approximate)
            .filter_map(|m| match m.number {
                Number::Count(n) => Some(n),
                Number::Percent { .. } => None,
            })
            .collect()
    }

    #[test]
    fn splits_sentences_and_paragraphs() {
        let s = sentences("第一句。第二句！\n第三段没有句号\n\n  第四句？");
        let texts: Vec<_> = s.iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            ["第一句。", "第二句！", "第三段没有句号", "第四句？"]
        );
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            [0, 0, 1, 3]
        );
        let text = "甲。  乙。";
        let second = &sentences(text)[1];
        assert_eq!(&text[second.range()], "乙。");
    }

    #[test]
    fn reads_counts_in_digits_and_chinese_numerals() {
        assert_eq!(counts("受理申请 749 件，办结718件"), [749, 718]);
        assert_eq!(counts("收到申请两件，其中一件予以公开"), [2, 1]);
        assert_eq!(counts("共受理１２件"), [12]);
        assert_eq!(counts("受理申请1,234件"), [1234]);
        assert_eq!(counts("行政复议3起"), [3]);
        // Not counts of requests: other units, ordinals, estimates, occasions.
        assert_eq!(
            counts("依申请公开文件635份，发布信息4511条，访问2万人次"),
            NONE
        );
        assert_eq!(counts("第一件"), NONE);
        assert_eq!(counts("每一件申请"), NONE);
        assert_eq!(counts("受理申请300余件"), NONE);
        assert_eq!(counts("受理申请约300件"), NONE);
        assert_eq!(counts("办理5件次"), NONE);
        assert_eq!(counts("1.5件"), NONE);
    }

    #[test]
    fn parses_chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("一百零五", 105),
            ("两千", 2000),
            ("一万二千", 12000),
            ("二〇二一", 2021),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese("一二十"), None);
    }

    #[test]
    fn reads_percentages() {
        let m = mentions("予以公开208件（17.46%），不予公开20件（百分之1.68）");
        let p: Vec<_> = m
            .iter()
            .filter_map(|m| match m.number {
                Number::Percent { value, decimals } => Some((value, decimals)),
                Number::Count(_) => None,
            })
            .collect();
        assert_eq!(p, [(17.46, 2), (1.68, 2)]);
        assert!(percent_matches(17.46, 2, 208.0 / 1191.0 * 100.0));
        assert!(percent_matches(40.9, 1, 294.0 / 718.0 * 100.0)); // 40.947… cut off
        assert!(percent_matches(41.0, 0, 294.0 / 718.0 * 100.0));
        assert!(!percent_matches(41.2, 1, 294.0 / 718.0 * 100.0));
    }

    #[test]
    fn formats_percentages() {
        assert_eq!(format_percent(294, 718), "40.95%");
        assert_eq!(format_percent(1, 8), "12.5%");
        assert_eq!(format_percent(3, 3), "100%");
        assert_eq!(format_percent(1, 3), "33.33%");
        assert_eq!(format_percent(0, 0), "0%");
    }

    #[test]
    fn clauses_and_quotes() {
        let s = "共受理申请749件，其中自然人741件";
        let at = s.find("741").unwrap();
        assert_eq!(&s[clause_around(s, at)], "其中自然人741件");
        let long = "一".repeat(40) + "受理申请749件" + &"二".repeat(40);
        let at = long.find("749").unwrap();
        let q = quote(&long, at..at + 3);
        assert!(
            q.starts_with("……") && q.ends_with("……") && q.contains("749"),
            "{q}"
        );
    }
}
