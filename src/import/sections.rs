//! The six sections, found by their headings (renumbered, reworded or out of order as they may
//! be), and section 一's parts.

use std::ops::Range;

use super::notes::{ImportNote, NoteKind};
use super::text::{Line, Wrapping, norm};
use crate::draft::{Part, SECTION_HEADINGS};

/// Heading lines are short; longer lines are not looked at.
const MAX_HEADING_CHARS: usize = 60;

const NUMERALS: &str = "一二三四五六七八九十";

/// The run of one to three numerals at the start of `text` (a longer run is no number here):
/// the numerals and what follows them.
fn numerals(text: &str) -> Option<(&str, &str)> {
    let len = text
        .find(|c: char| !NUMERALS.contains(c))
        .unwrap_or(text.len());
    let count = text[..len].chars().count();
    (1..=3).contains(&count).then(|| text.split_at(len))
}

/// The byte offsets of `text`'s leading whitespace, longest first: where a greedy `\s*` tries to
/// stop, in the order it tries.
fn space_stops(text: &str) -> impl Iterator<Item = usize> + '_ {
    let end = text.len() - text.trim_start().len();
    std::iter::once(end).chain(text[..end].char_indices().rev().map(|(i, _)| i))
}

/// A numbered heading, "一、总体情况", "第二部分 主动公开政府信息情况": the numerals and the title, as
/// `^第?([一二三四五六七八九十]{1,3})(?:部分)?\s*(?:[、.．，,:：]|\s)\s*(.+)$` reads them. A
/// scan: the expression took longer to build than an import takes.
fn numbered(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('第').unwrap_or(text);
    let (number, rest) = numerals(rest)?;
    let rest = rest.strip_prefix("部分").unwrap_or(rest);
    for first in space_stops(rest) {
        let after = &rest[first..];
        let Some(sep) = after.chars().next().filter(|c| {
            matches!(c, '、' | '.' | '．' | '，' | ',' | ':' | '：') || c.is_whitespace()
        }) else {
            continue;
        };
        let after = &after[sep.len_utf8()..];
        for second in space_stops(after) {
            let title = &after[second..];
            if !title.is_empty() && !title.contains('\n') {
                return Some((number, title));
            }
        }
    }
    None
}

/// A marker "（一）" opening a paragraph: the numerals and where the marker with the spaces after
/// it ends, as `^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*` reads them.
fn part_marker(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(['（', '('])?.trim_start();
    let (number, rest) = numerals(rest)?;
    let rest = rest.trim_start().strip_prefix(['）', ')'])?.trim_start();
    Some((number, text.len() - rest.len()))
}

/// "一" → 1, "十二" → 12, "二十" → 20.
pub fn numeral_value(s: &str) -> Option<usize> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .find(c)
            .map(|i| i / '一'.len_utf8() + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// A section heading as found in the report.
#[derive(Clone, Debug)]
pub struct Heading {
    /// 0 for 一、总体情况 … 5 for 六、其他需要报告的事项.
    pub section: usize,
    pub line: usize,
    /// The heading as published.
    pub text: String,
    /// The number it was published with, if any.
    pub number: Option<usize>,
    /// Whether the wording is the official one (numbering aside).
    pub exact: bool,
}

/// The official heading without its number: "总体情况".
pub fn official_title(section: usize) -> &'static str {
    let h = SECTION_HEADINGS.get(section).copied().unwrap_or("");
    h.split_once('、').map_or(h, |(_, t)| t)
}

/// Which section a heading's words name, and whether they are the official words.
fn section_named(title: &str) -> Option<(usize, bool)> {
    let t = norm(title);
    let tc = t.chars().count();
    for section in 0..SECTION_HEADINGS.len() {
        let key = norm(official_title(section));
        if t == key {
            return Some((section, true));
        }
        if t.contains(&key) && tc <= key.chars().count() + 12 {
            return Some((section, false));
        }
    }
    // Wordings of the 2019 era and small typos ("行政法复议").
    let variant = if t.contains("行政复议") && t.contains("诉讼") {
        Some(3)
    } else if t.contains("收到和处理") && t.contains("申请") {
        Some(2)
    } else if t.contains("主动公开政府信息") {
        Some(1)
    } else if t.contains("存在的主要问题") || (t.contains("问题") && t.contains("改进"))
    {
        Some(4)
    } else if t.contains("其他需要报告") {
        Some(5)
    } else {
        (0..SECTION_HEADINGS.len()).find(|s| {
            let key: Vec<char> = norm(official_title(*s)).chars().collect();
            let tv: Vec<char> = t.chars().collect();
            key.len() >= 8
                && tv.len().abs_diff(key.len()) <= 2
                && super::labels::substring_distance(&key, &tv) <= 2
        })
    };
    variant.filter(|_| tc <= 40).map(|s| (s, false))
}

/// Reads one line as a section heading.
fn heading_of(line: &str) -> Option<(usize, Option<usize>, bool)> {
    // Every official heading, and every variant, ends in 情况 or 事项.
    if line.len() > MAX_HEADING_CHARS * 4 || !(line.contains("情况") || line.contains("事项")) {
        return None;
    }
    let t = super::text::clean_inline(line.trim());
    let t = t.trim();
    if t.is_empty()
        || t.chars().count() > MAX_HEADING_CHARS
        || t.contains('\t')
        || t.starts_with('|')
    {
        return None;
    }
    if let Some((number, title)) = numbered(t) {
        let number = numeral_value(number);
        if let Some((section, exact)) = section_named(title) {
            return Some((section, number, exact));
        }
    }
    let key_match = (0..SECTION_HEADINGS.len()).find(|s| norm(t) == norm(official_title(*s)));
    key_match.map(|s| (s, None, true))
}

/// The first heading of each section, in the order they stand in the report.
pub fn find_headings(lines: &[Line]) -> Vec<Heading> {
    let mut found: Vec<Option<Heading>> = vec![None; SECTION_HEADINGS.len()];
    for (i, line) in lines.iter().enumerate() {
        if let Some((section, number, exact)) = heading_of(&line.text)
            && found[section].is_none()
        {
            found[section] = Some(Heading {
                section,
                line: i,
                text: super::text::clean_inline(line.text.trim())
                    .trim()
                    .to_string(),
                number,
                exact,
            });
        }
    }
    let mut out: Vec<Heading> = found.into_iter().flatten().collect();
    out.sort_by_key(|h| h.line);
    out
}

/// The lines each section spans (after its heading, up to the next heading found), and the lines
/// before the first heading.
pub struct Regions {
    pub before: Range<usize>,
    pub sections: [Option<Range<usize>>; 6],
}

pub fn regions(headings: &[Heading], line_count: usize) -> Regions {
    let mut sections: [Option<Range<usize>>; 6] = Default::default();
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(line_count, |n| n.line);
        if let Some(slot) = sections.get_mut(h.section) {
            *slot = Some(h.line + 1..end);
        }
    }
    Regions {
        before: 0..headings.first().map_or(line_count, |h| h.line),
        sections,
    }
}

/// Notes on the headings: missing, renumbered, reworded, out of order.
pub fn heading_notes(headings: &[Heading]) -> Vec<ImportNote> {
    let mut notes = Vec::new();
    for (section, official) in SECTION_HEADINGS.iter().enumerate() {
        match headings.iter().find(|h| h.section == section) {
            None => notes.push(ImportNote::new(
                NoteKind::Headings,
                format!(
                    "未找到第{}部分的标题“{official}”",
                    &official[..official.find('、').unwrap_or(0)]
                ),
            )),
            Some(h) => {
                if h.number.is_some_and(|n| n != section + 1) || h.number.is_none() {
                    notes.push(ImportNote::new(
                        NoteKind::Headings,
                        format!(
                            "标题“{}”的编号与规定的“{official}”不同，已按标题文字识别为第{}部分",
                            h.text,
                            &official[..official.find('、').unwrap_or(0)]
                        ),
                    ));
                }
                if !h.exact {
                    notes.push(ImportNote::new(
                        NoteKind::Matched,
                        format!(
                            "标题“{}”与规定的“{official}”文字不同，已按“{official}”读取",
                            h.text
                        ),
                    ));
                }
            }
        }
    }
    let in_order = headings.windows(2).all(|w| w[0].section < w[1].section);
    if !in_order {
        let order: Vec<&str> = headings.iter().map(|h| h.text.as_str()).collect();
        notes.push(ImportNote::new(
            NoteKind::Headings,
            format!(
                "各部分标题的顺序与规定不同，报告中的顺序为：{}",
                order.join(" → ")
            ),
        ));
    }
    notes
}

/// Section 一 split into its opening text and its parts.
#[derive(Debug, Default)]
pub struct Overview {
    pub intro: String,
    pub parts: Vec<Part>,
    /// Headings numbered like sections ("二、工作机制保障") that were read as parts.
    pub local_headings: Vec<String>,
}

/// Splits a part's first paragraph into its heading and the text after it: "（一）主动公开情况。
/// 主要通过…" → ("主动公开情况", "主要通过…"). A heading that is the whole paragraph keeps its
/// full stop, as published.
fn split_part_heading(rest: &str) -> (String, String) {
    let rest = rest.trim();
    let chars = rest.chars().count();
    if let Some((i, _)) = rest.char_indices().find(|(_, c)| *c == '。') {
        let head = &rest[..i];
        let tail = rest[i + '。'.len_utf8()..].trim();
        if !tail.is_empty() && head.chars().count() <= 40 {
            return (head.trim().to_string(), tail.to_string());
        }
    }
    if chars <= 60 {
        (rest.to_string(), String::new())
    } else {
        (String::new(), rest.to_string())
    }
}

/// Finds the parts of section 一 among its paragraphs: "（一）…", "（二）…" in sequence (a list
/// inside a part that starts again at （一） stays in the part), or headings numbered like
/// sections ("二、工作机制保障") where a report renumbered its layout.
pub fn overview(paragraphs: Vec<String>, wrapping: Wrapping) -> Overview {
    let mut out = Overview::default();
    let mut intro: Vec<String> = Vec::new();
    let mut texts: Vec<Vec<String>> = Vec::new();
    for p in paragraphs {
        let next = out.parts.len() + 1;
        let marker = part_marker(&p).and_then(|(number, end)| Some((numeral_value(number)?, end)));
        let local = numbered(&p)
            .filter(|_| wrapping.is_heading_like(&p) && p.chars().count() <= 30)
            .and_then(|(number, title)| Some((numeral_value(number)?, title.to_string())))
            .filter(|(n, _)| *n >= 2);
        if let Some((n, end)) = marker
            && n == next
        {
            let (heading, first) = split_part_heading(&p[end..]);
            out.parts.push(Part {
                heading,
                text: String::new(),
            });
            texts.push(if first.is_empty() {
                Vec::new()
            } else {
                vec![first]
            });
        } else if let Some((_, title)) = local {
            out.local_headings.push(p.trim().to_string());
            out.parts.push(Part {
                heading: title.trim().to_string(),
                text: String::new(),
            });
            texts.push(Vec::new());
        } else if let Some(t) = texts.last_mut() {
            t.push(p);
        } else {
            intro.push(p);
        }
    }
    for (part, text) in out.parts.iter_mut().zip(texts) {
        part.text = text.join("\n");
    }
    out.intro = intro.join("\n");
    out
}

#[cfg(test)]
mod tests {
    /// The scans read headings and markers exactly as the regular expressions they replaced.
    #[test]
    fn headings_as_the_regexes_read_them() {
        let numbered_re = crate::pattern::re(
            r"^第?([一二三四五六七八九十]{1,3})(?:部分)?\s*(?:[、.．，,:：]|\s)\s*(.+)$",
        );
        let marker_re = crate::pattern::re(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*");
        let pieces = [
            "第",
            "一",
            "二十",
            "三四五",
            "部分",
            " ",
            "\u{3000}",
            "\n",
            "、",
            ".",
            "．",
            "，",
            ",",
            ":",
            "：",
            "总体情况",
            "（",
            "(",
            "）",
            ")",
            "x",
            "部",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let (mut numbered_seen, mut markers_seen) = (0, 0);
        for round in 0..30_000 {
            // Every other line opens with a bracket, as markers do.
            let mut text = String::from(if round % 2 == 0 { "（" } else { "" });
            for _ in 0..(next() % 8) {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let by_regex = numbered_re
                .captures(&text)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
            numbered_seen += usize::from(by_regex.is_some());
            assert_eq!(super::numbered(&text), by_regex, "{text:?}");
            let by_regex = marker_re
                .captures(&text)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(0).unwrap().end()));
            markers_seen += usize::from(by_regex.is_some());
            assert_eq!(super::part_marker(&text), by_regex, "{text:?}");
        }
        assert!(
            numbered_seen > 100 && markers_seen > 100,
            "{numbered_seen} {markers_seen}"
        );
    }

    use super::super::text::line;
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(numeral_value("一"), Some(1));
        assert_eq!(numeral_value("十"), Some(10));
        assert_eq!(numeral_value("十二"), Some(12));
        assert_eq!(numeral_value("二十一"), Some(21));
        assert_eq!(numeral_value("零"), None);
    }

    #[test]
    fn headings_renumbered_reworded_and_missing() {
        let lines: Vec<Line> = [
            "一、总体情况",
            "二、工作机制保障",
            "一、主动公开政府信息情况",
            "二、收到和处理政府信息公开申请情况",
            "三、本年度办理结果",
            "三、政府信息公开行政复议、行政诉讼情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "## 表三：收到和处理政府信息公开申请情况",
            "六、其他需要报告的事项",
        ]
        .iter()
        .map(|t| line(t))
        .collect();
        let h = find_headings(&lines);
        let got: Vec<(usize, usize, Option<usize>, bool)> = h
            .iter()
            .map(|h| (h.section, h.line, h.number, h.exact))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 0, Some(1), true),
                (1, 2, Some(1), true),
                (2, 3, Some(2), true),
                (3, 5, Some(3), true),
                (4, 6, Some(5), false),
                (5, 8, Some(6), true),
            ]
        );
        let notes = heading_notes(&h);
        assert_eq!(notes.len(), 4, "{notes:#?}");
        assert!(
            notes[3]
                .message
                .contains("政府信息公开工作存在的主要问题及改进情况")
        );
    }

    #[test]
    fn a_typo_in_a_heading() {
        assert_eq!(
            heading_of("四、政府信息公开行政法复议、行政诉讼情况"),
            Some((3, Some(4), false))
        );
        assert_eq!(heading_of("三是提高解读效能情况"), None);
    }

    #[test]
    fn parts_in_sequence() {
        let o = overview(
            vec![
                "开头。".into(),
                "（一）主动公开情况。主要通过网站公开。".into(),
                "（一）小项。".into(),
                "(二) 努力提质增效，全过程规范依申请公开".into(),
                "全年受理申请 291 件。".into(),
                "（三）聚焦高效落实，全链条强化监督保障。".into(),
            ],
            Wrapping::detect(std::iter::empty()),
        );
        assert_eq!(o.intro, "开头。");
        let got: Vec<(&str, &str)> = o
            .parts
            .iter()
            .map(|p| (p.heading.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("主动公开情况", "主要通过网站公开。\n（一）小项。"),
                (
                    "努力提质增效，全过程规范依申请公开",
                    "全年受理申请 291 件。"
                ),
                ("聚焦高效落实，全链条强化监督保障。", ""),
            ]
        );
    }
}
