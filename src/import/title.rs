//! The title, the body (机关名称), the year and the level (机关层级) of a published report.

use std::ops::Range;

use super::notes::{ImportNote, NoteKind};
use super::text::{ascii_digits, norm};
use crate::address::{Location, MetaField};
use crate::date::{Date, REPORT_YEARS};
use crate::draft::{Level, TextField};

/// The years of a text as `((?:19|20|21)[0-9]{2})\s*年` finds them, left to right, none
/// overlapping: each as (the whole match, the four digits). A scan: the expression took longer
/// to build than the import takes to read a title with it.
fn years(t: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = t[at..].chars().next() {
        let year = b.get(at..at + 4).filter(|d| {
            d.iter().all(u8::is_ascii_digit) && matches!(&d[..2], b"19" | b"20" | b"21")
        });
        if year.is_some() {
            let after = t[at + 4..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .filter(|(_, c)| *c == '年');
            if let Some((i, nian)) = after {
                let end = at + 4 + i + nian.len_utf8();
                out.push((at..end, at..at + 4));
                at = end;
                continue;
            }
        }
        at += c.len_utf8();
    }
    out
}

/// Lines printed above the title by some portals and converters.
const FURNITURE: &[&str] = &["正文", "目录", "附件", "全文"];

/// What the title lines say.
#[derive(Debug, Default)]
pub struct Title {
    /// The title as published, spaces between CJK and digits removed.
    pub text: String,
    /// Index of the first line after the title.
    pub end: usize,
    pub year: Option<i32>,
    /// The body as the title names it (before any completion).
    pub body: String,
}

/// The title as people write it: whitespace dropped except between two ASCII words.
pub fn tidy_title(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let keep = matches!((before, after), (Some(b), Some(a)) if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric());
            if keep && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(*c);
    }
    out
}

/// The year a text names first: "2021 年" → 2021.
pub fn first_year(text: &str) -> Option<i32> {
    let t = ascii_digits(text);
    years(&t)
        .into_iter()
        .filter_map(|(_, digits)| t[digits].parse::<i32>().ok())
        .find(|y| REPORT_YEARS.contains(y))
}

/// A date standing alone on its line: "(2026年1月23日)".
pub fn date_line(text: &str) -> Option<Date> {
    let t = text
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    (t.contains('年') && t.chars().count() <= 16)
        .then(|| t.parse().ok())
        .flatten()
}

/// Finds the title among the first lines (`texts` are the lines before the first heading): the
/// first line naming a 年度报告, with the line or two above it when it does not name the year and the
/// body by itself ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告").
pub fn find_title(texts: &[&str]) -> Option<Title> {
    let candidates = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .take(30);
    let (at, _) = candidates
        .filter(|(_, t)| t.chars().count() <= 200)
        .find(|(_, t)| norm(t).contains("年度报告"))?;
    let mut start = at;
    let mut text = tidy_title(texts[at]);
    for _ in 0..2 {
        if is_complete(&text) {
            break;
        }
        let Some(prev) = (0..start).rev().find(|i| !texts[*i].trim().is_empty()) else {
            break;
        };
        let line = texts[prev].trim();
        if line.chars().count() > 40 || FURNITURE.contains(&line) || line.contains('。') {
            break;
        }
        text = format!("{}{}", tidy_title(line), text);
        start = prev;
    }
    let year = first_year(&text);
    let body = body_in_title(&text);
    Some(Title {
        text,
        end: at + 1,
        year,
        body,
    })
}

/// Whether a title names both a year and a body.
fn is_complete(title: &str) -> bool {
    first_year(title).is_some() && !body_in_title(title).is_empty()
}

/// The body a title names: before the year ("晋江市人民政府2021年…"), or between the year and
/// "政府信息公开" ("2024年上海市科委政府信息公开工作年度报告").
fn body_in_title(title: &str) -> String {
    let t = ascii_digits(title);
    let Some((m, _)) = years(&t).into_iter().next() else {
        return String::new();
    };
    let before = t[..m.start].trim();
    if !before.is_empty() {
        return before.trim_end_matches(['（', '(']).trim().to_string();
    }
    let after = t[m.end..].trim_start_matches('度').trim();
    ["政府信息公开", "政务公开", "信息公开", "年度报告"]
        .iter()
        .find_map(|key| after.find(key))
        .map(|i| after[..i].trim().to_string())
        .unwrap_or_default()
}

/// Names of a place that a title gives for its government ("晋江市永和镇"): the body is that
/// place's 人民政府, or a 街道's 办事处.
pub fn complete_body(body: &str) -> Option<String> {
    let b = body.trim();
    if b.ends_with("街道") {
        return Some(format!("{b}办事处"));
    }
    let place_end = ['省', '市', '县', '区', '镇', '乡', '旗', '州', '盟'];
    b.ends_with(place_end).then(|| format!("{b}人民政府"))
}

const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// The level of a body, inferred from its name and, for a 市 government, from what the report
/// shows of it. Returns the level and a note for the clerk.
pub fn infer_level(body: &str, makes_rules: bool, names_counties: bool) -> (Level, ImportNote) {
    let b = body.trim();
    let check = |level: Level, why: String| {
        let note = ImportNote::new(
            NoteKind::Check,
            format!(
                "机关层级按机关名称推断为“{}”（{why}），请核对",
                level.label()
            ),
        )
        .at(Location::Meta(MetaField::Level));
        (level, note)
    };
    if b.is_empty() {
        return check(Level::County, "未找到机关名称，暂定".to_string());
    }
    let department_suffix = [
        "办公厅",
        "办公室",
        "局",
        "委员会",
        "委",
        "厅",
        "办",
        "署",
        "中心",
    ];
    if let Some(s) = ["办公厅", "办公室"].iter().find(|s| b.contains(**s)) {
        return check(Level::Department, format!("“{b}”为政府部门（名称含“{s}”）"));
    }
    let government = b.ends_with("人民政府") || b.ends_with("政府");
    if !government {
        if b.ends_with("街道办事处") || b.ends_with("街道") {
            return check(Level::Township, format!("“{b}”为街道"));
        }
        if let Some(s) = department_suffix.iter().find(|s| b.ends_with(**s)) {
            return check(Level::Department, format!("“{b}”为政府部门（名称含“{s}”）"));
        }
        return check(Level::County, format!("无法从“{b}”判断，暂定"));
    }
    let place = b.trim_end_matches("人民政府").trim_end_matches("政府");
    if place.ends_with('镇') || place.ends_with('乡') || place.ends_with("街道") {
        return check(Level::Township, format!("“{place}”为乡镇"));
    }
    if place.ends_with('省') || place.ends_with("自治区") || MUNICIPALITIES.contains(&place) {
        return check(Level::Provincial, format!("“{place}”为省级行政区"));
    }
    if place.ends_with('县') || place.ends_with('旗') || place.ends_with('区') {
        return check(Level::County, format!("“{place}”为县级行政区"));
    }
    if place.ends_with('州') || place.ends_with('盟') {
        return check(Level::Prefectural, format!("“{place}”为自治州或盟"));
    }
    if place.ends_with('市') {
        return if makes_rules || names_counties {
            let why = if makes_rules {
                "表二规章数不为 0，只有设区的市制定规章"
            } else {
                "正文提到所辖县区"
            };
            check(
                Level::Prefectural,
                format!("“{place}”可能是设区的市，也可能是县级市；{why}"),
            )
        } else {
            check(
                Level::County,
                format!(
                    "“{place}”可能是县级市，也可能是设区的市；表二无规章、正文未提到所辖县区，按县级市处理"
                ),
            )
        };
    }
    check(Level::County, format!("无法从“{b}”判断，暂定"))
}

/// Whether a text speaks of the counties and districts under a city (a sign of a 设区的市).
pub fn names_counties(text: &str) -> bool {
    [
        "县区",
        "区县",
        "县（市、区）",
        "县(市、区)",
        "县（市）区",
        "市辖区",
    ]
    .iter()
    .any(|k| text.contains(k))
}

/// The note for a title the importer could not find.
pub fn missing_title_note() -> ImportNote {
    ImportNote::new(
        NoteKind::Missing,
        "未找到标题（如“××人民政府2021年政府信息公开工作年度报告”），机关名称请手工填写",
    )
    .at(Location::Text(TextField::Body))
}

#[cfg(test)]
mod tests {
    /// The scan finds years as the regular expression it replaced.
    #[test]
    fn years_as_the_regex_found_them() {
        let year = crate::pattern::re(r"((?:19|20|21)[0-9]{2})\s*年");
        let pieces = [
            "2021", "1999", "2199", "2", "21", "3021", "年", " ", "\u{3000}", "度", "晋江", "12",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 8);
            let by_regex: Vec<_> = year
                .captures_iter(&text)
                .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
                .collect();
            assert_eq!(super::years(&text), by_regex, "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn titles_of_the_real_reports() {
        let t = find_title(&["", "晋江市人民政府 2021 年政府信息公开工作年度报告", ""]).unwrap();
        assert_eq!(t.text, "晋江市人民政府2021年政府信息公开工作年度报告");
        assert_eq!((t.year, t.body.as_str()), (Some(2021), "晋江市人民政府"));
        let t = find_title(&[
            "洪泽区人民政府",
            "2023 年政府信息公开工作年度报告",
            "本报告由",
        ])
        .unwrap();
        assert_eq!(t.text, "洪泽区人民政府2023年政府信息公开工作年度报告");
        assert_eq!(t.end, 2);
        let t = find_title(&["正文", "2024 年上海市科委政府信息公开工作", "年度报告"]).unwrap();
        assert_eq!(t.text, "2024年上海市科委政府信息公开工作年度报告");
        assert_eq!(t.body, "上海市科委");
        let t = find_title(&["晋江市永和镇 2019 年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(
            complete_body(&t.body).as_deref(),
            Some("晋江市永和镇人民政府")
        );
    }

    #[test]
    fn levels_from_names() {
        let level = |b: &str| infer_level(b, false, false).0;
        assert_eq!(level("晋江市人民政府"), Level::County);
        assert_eq!(level("晋江市永和镇人民政府"), Level::Township);
        assert_eq!(level("淮安市洪泽区人民政府"), Level::County);
        assert_eq!(level("上海市人民政府办公厅"), Level::Department);
        assert_eq!(level("上海市科委"), Level::Department);
        assert_eq!(level("上海市人民政府"), Level::Provincial);
        assert_eq!(level("福建省人民政府"), Level::Provincial);
        assert_eq!(level("某某街道办事处"), Level::Township);
        assert_eq!(
            infer_level("淮安市人民政府", true, true).0,
            Level::Prefectural
        );
        let (_, note) = infer_level("晋江市人民政府", false, false);
        assert!(note.message.contains("请核对") && note.message.contains("县级市"));
    }

    #[test]
    fn dates_standing_alone() {
        assert_eq!(date_line("(2026年1月23日)"), Date::new(2026, 1, 23));
        assert_eq!(date_line("2026 年 1 月 23 日"), Date::new(2026, 1, 23));
        assert_eq!(date_line("2026年1月23日发布"), None);
    }
}
