//! Text that lost its line breaks and cell boundaries (a portal crawler's text, one line per
//! report): the six section headings found inside the running text, and the figures of tables
//! 三 and 四 split by the tables' own equations.
//!
//! A row of table 三 reads "一、本年新收政府信息公开申请数量640020470": its seven figures
//! (six applicant columns and their 总计) are one string of digits. A split is taken only where
//! it is the single one that satisfies the equations — the row's own (the six columns add up to
//! the 总计), and then the columns' (the results add up to （七）总计; 新收 + 结转 = 办结 +
//! 结转下年度) with the other rows known. Where several fit, the row is declined and the notes
//! list the splits that were possible. Table 四's blocks are split by their own equation (the
//! four outcomes add up to the 总计); table 二 has none, and a row of several cells is read
//! only where each cell is one digit. Nothing is guessed: a declined cell stays blank.
//!
//! The result is the text rewritten as lines (headings on lines of their own, table rows as
//! tab-separated cells), which the ordinary readers then take.

use std::collections::BTreeMap;

use super::labels::{match_row, row_keys};
use super::notes::{ImportNote, NoteKind, list};
use super::sections::official_title;
use super::text::ascii_digits;
use crate::address::Location;
use crate::format::{CellKey, FormatId, TableId};

/// A cell whose figure was declined is written with this placeholder: a figure to the line
/// reader (so the row keeps its columns), refused by the cell parser (so the cell stays blank);
/// its parser note is then replaced by the note that says why.
pub const DECLINED: &str = "0.5";

/// Splits kept per row; a row with more is declined all the same.
const MAX_CANDIDATES: usize = 64;
/// The longest figure: no table cell has more digits.
const MAX_FIGURE_DIGITS: usize = 9;
/// The most steps a search for splits takes before it gives up (and the row is declined).
const MAX_STEPS: usize = 2_000_000;

/// The text rewritten as lines, with the notes on how the tables' figures were split and the
/// cells that were declined.
pub struct Relaid {
    pub text: String,
    pub notes: Vec<ImportNote>,
    pub declined: Vec<CellKey>,
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// "三、收到和处理政府信息公开申请情况".
fn numbered_title(section: usize) -> String {
    format!("{}、{}", NUMERALS[section], official_title(section))
}

/// Where each section's heading starts and ends in `compact` (whitespace removed), when at least
/// three are found in order: "二、主动公开…" by its numeral and first four characters, or else
/// (a report that numbers its sections its own way) its whole title after any numeral.
fn heading_positions(compact: &str) -> Option<Vec<Option<(usize, usize)>>> {
    let mut out = Vec::new();
    let mut from = 0usize;
    for section in 0..6 {
        let title = numbered_title(section);
        let prefix: String = title.chars().take(6).collect();
        let numbered = compact[from..].find(&prefix).map(|at| {
            let start = from + at;
            let len = if compact[start..].starts_with(&title) {
                title.len()
            } else {
                prefix.len()
            };
            (start, start + len)
        });
        let found = numbered.or_else(|| {
            let bare = official_title(section);
            let mut search = from;
            while let Some(at) = compact[search..].find(bare) {
                let start = search + at;
                let before: Vec<char> = compact[..start].chars().rev().take(2).collect();
                if before.first() == Some(&'、')
                    && before
                        .get(1)
                        .is_some_and(|c| "一二三四五六七八九十".contains(*c))
                {
                    let numeral_start = start - '、'.len_utf8() - before[1].len_utf8();
                    return Some((numeral_start, start + bare.len()));
                }
                search = start + bare.len();
            }
            None
        });
        if let Some((_, end)) = found {
            from = end;
        }
        out.push(found);
    }
    (out.iter().flatten().count() >= 3).then_some(out)
}

/// Whether the text lost its line breaks: it is a few lines, and one of them holds several
/// section headings.
pub fn is_flattened(input: &str) -> bool {
    input
        .lines()
        .filter(|l| l.chars().count() > 100)
        .any(|l| heading_positions(&compact(l)).is_some())
}

/// The text without whitespace, table pipes and inline page numbers ("-3-", "第3页").
fn compact(text: &str) -> String {
    let s: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|' && *c != '\u{a0}' && *c != '\u{3000}')
        .collect();
    strip_page_numbers(&s)
}

fn strip_page_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let mut i = 0;
    while i < chars.len() {
        // "-3-" or "—12—": a dash, one to three digits, a dash.
        if dash(chars[i]) {
            let digits = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if (1..=3).contains(&digits) && chars.get(i + 1 + digits).is_some_and(|c| dash(*c)) {
                i += digits + 2;
                continue;
            }
            // Markdown rules ("---") between table rows.
            let run = chars[i..]
                .iter()
                .take_while(|c| dash(**c) || **c == ':')
                .count();
            if run >= 3 {
                i += run;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A section's text cut into (text, digits): each stretch of text and the run of digits after
/// it. A digit run's last digit before "." is the numbering of the next label
/// ("…00000002.其他法律…"), so it goes with the text.
fn tokens(s: &str, decimals: bool) -> Vec<(String, String)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            text.push(chars[i]);
            i += 1;
            continue;
        }
        let mut run = String::new();
        while i < chars.len() {
            let c = chars[i];
            let inner = decimals
                && matches!(c, '.' | ',')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !run.is_empty();
            if c.is_ascii_digit() || inner {
                run.push(c);
                i += 1;
            } else {
                break;
            }
        }
        let mut carried = String::new();
        if !decimals && chars.get(i).is_some_and(|c| matches!(c, '.' | '．')) {
            carried = run.pop().map(String::from).unwrap_or_default();
        }
        out.push((std::mem::take(&mut text), run));
        text = carried;
    }
    out.push((text, String::new()));
    // A stretch without figures (a header, a group label) goes with the next label.
    let mut merged: Vec<(String, String)> = Vec::new();
    let mut pending = String::new();
    for (t, d) in out {
        pending.push_str(&t);
        if !d.is_empty() {
            merged.push((std::mem::take(&mut pending), d));
        }
    }
    if !pending.is_empty() {
        merged.push((pending, String::new()));
    }
    merged
}

/// Where a row's label may start inside a stretch of text: after a header, at its numbering.
fn label_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (at, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|(_, c)| *c);
        let numbering = *c == '（'
            || *c == '('
            || ("一二三四五六七八九十".contains(*c) && next == Some('、'))
            || (c.is_ascii_digit() && matches!(next, Some('.' | '．')));
        if numbering && *at > 0 {
            starts.push(*at);
        }
    }
    starts
}

/// The row a stretch of text ends with: the longest tail from a numbering that names a row and
/// holds no other numbering. A tail with more ("1.本机关不掌握…（四）无法提供") is text whose
/// extraction printed figures before labels: the digits after it may be another row's, so it
/// names no row.
fn find_row(text: &str, keys: &[super::labels::RowKey]) -> Option<(usize, usize)> {
    label_starts(text)
        .into_iter()
        .filter(|at| label_starts(without_remark(&text[*at..])) == [0])
        .find_map(|at| match_row(&text[at..], keys, 6).map(|m| (m.index, at)))
}

/// A label without its trailing remark in brackets: "（二）部分公开（区分处理的，…）".
fn without_remark(label: &str) -> &str {
    if label.ends_with(['）', ')'])
        && let Some(open) = label.rfind(['（', '('])
        && open > 0
    {
        return &label[..open];
    }
    label
}

/// Every split of `digits` into `n` figures (no leading zeros) that `accept` takes, at most
/// [`MAX_CANDIDATES`] of them; `None` when there are more or the search is too long. `accept`
/// is also asked of every beginning of a split, to cut the search short.
fn splits(digits: &str, n: usize, accept: &dyn Fn(&[u64]) -> bool) -> Option<Vec<Vec<u64>>> {
    struct Search<'a> {
        n: usize,
        accept: &'a dyn Fn(&[u64]) -> bool,
        out: Vec<Vec<u64>>,
        steps: usize,
    }
    fn number(d: &[u8]) -> u64 {
        d.iter().fold(0u64, |a, b| a * 10 + u64::from(b - b'0'))
    }
    /// False when the search gave up.
    fn go(s: &mut Search, rest: &[u8], parts: &mut Vec<u64>) -> bool {
        s.steps += 1;
        if s.steps > MAX_STEPS {
            return false;
        }
        let left = s.n - parts.len();
        if left == 0 {
            if rest.is_empty() {
                if s.out.len() >= MAX_CANDIDATES {
                    return false;
                }
                s.out.push(parts.clone());
            }
            return true;
        }
        if rest.len() < left || rest.len() > left * MAX_FIGURE_DIGITS {
            return true;
        }
        let max_len = if rest[0] == b'0' {
            1
        } else {
            MAX_FIGURE_DIGITS
        };
        for len in 1..=max_len.min(rest.len()) {
            parts.push(number(&rest[..len]));
            let ok = !(s.accept)(parts) || go(s, &rest[len..], parts);
            parts.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    if digits.len() < n || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Vec::new());
    }
    let mut search = Search {
        n,
        accept,
        out: Vec::new(),
        steps: 0,
    };
    go(&mut search, digits.as_bytes(), &mut Vec::new()).then_some(search.out)
}

/// The six applicant columns add up to the 总计.
fn row_equation(v: &[u64]) -> bool {
    v.len() == 7 && v[..6].iter().sum::<u64>() == v[6]
}

fn show(v: &[u64]) -> String {
    v.iter().map(u64::to_string).collect::<Vec<_>>().join("/")
}

/// One row of table 三 as found in the text.
struct Row3 {
    text: String,
    key: Option<usize>,
    digits: String,
    /// Splits that satisfy what is known; `None` when too many to list.
    candidates: Option<Vec<Vec<u64>>>,
}

impl Row3 {
    fn known(&self) -> Option<&Vec<u64>> {
        match &self.candidates {
            Some(c) if c.len() == 1 => c.first(),
            _ => None,
        }
    }
}

/// Narrows the rows' candidates by the column equations, as long as an equation with exactly
/// one undecided row narrows it.
fn apply_column_equations(rows: &mut [Row3], ids: &[&str]) {
    let find = |rows: &[Row3], id: &str| {
        rows.iter()
            .position(|r| r.key.is_some_and(|k| ids[k] == id))
    };
    let (Some(new), Some(carried), Some(total), Some(carry)) = (
        find(rows, "new"),
        find(rows, "carried"),
        find(rows, "total"),
        find(rows, "carry_forward"),
    ) else {
        return;
    };
    let results: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i]
                .key
                .is_some_and(|k| !matches!(ids[k], "new" | "carried" | "total" | "carry_forward"))
        })
        .collect();
    // Each equation: rows on the left (added), rows on the right (added); left == right per column.
    let mut equations: Vec<(Vec<usize>, Vec<usize>)> =
        vec![(vec![new, carried], vec![total, carry])];
    if !results.is_empty() {
        equations.push((vec![total], results));
    }
    loop {
        let mut changed = false;
        for (left, right) in &equations {
            let members: Vec<usize> = left.iter().chain(right).copied().collect();
            let undecided: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| rows[i].known().is_none())
                .collect();
            let [only] = undecided[..] else { continue };
            let Some(candidates) = rows[only].candidates.clone() else {
                continue;
            };
            if candidates.is_empty() {
                continue;
            }
            let side = |side: &Vec<usize>, with: &[u64]| -> Vec<u64> {
                (0..7)
                    .map(|c| {
                        side.iter()
                            .map(|&i| {
                                if i == only {
                                    with[c]
                                } else {
                                    rows[i].known().map_or(0, |v| v[c])
                                }
                            })
                            .sum()
                    })
                    .collect()
            };
            let kept: Vec<Vec<u64>> = candidates
                .into_iter()
                .filter(|cand| side(left, cand) == side(right, cand))
                .collect();
            if kept.len() == 1 {
                rows[only].candidates = Some(kept);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

fn table3(section: &str, format: FormatId, out: &mut Relaid) -> String {
    let def = format.def().table(TableId::T3);
    let keys = row_keys(def);
    let ids: Vec<&str> = keys.iter().map(|k| k.row.id).collect();
    let mut rows: Vec<Row3> = tokens(section, false)
        .into_iter()
        .map(|(text, digits)| {
            let found = find_row(&text, &keys);
            let label = found
                .map_or(text.as_str(), |(_, at)| &text[at..])
                .to_string();
            let candidates = if digits.is_empty() {
                Some(Vec::new())
            } else {
                splits(&digits, 7, &|v| v.len() < 7 || row_equation(v))
            };
            Row3 {
                text: label,
                key: found.map(|(k, _)| k),
                digits,
                candidates,
            }
        })
        .collect();
    let by_row_alone: Vec<bool> = rows.iter().map(|r| r.known().is_some()).collect();
    apply_column_equations(&mut rows, &ids);
    let mut lines = String::new();
    let mut by_columns: Vec<String> = Vec::new();
    let mut strays: Vec<String> = Vec::new();
    let mut recovered = 0usize;
    for (row, alone) in rows.iter().zip(by_row_alone) {
        let Some(k) = row.key else {
            if !row.digits.is_empty() {
                strays.push(row.digits.clone());
            }
            continue;
        };
        let name = keys[k].row.display_label();
        if row.digits.is_empty() {
            lines.push_str(&format!("{}\n", row.text));
            continue;
        }
        match row.known() {
            Some(v) => {
                recovered += 1;
                if !alone {
                    by_columns.push(format!("「{name}」{}", show(v)));
                }
                let cells: Vec<String> = v.iter().map(u64::to_string).collect();
                lines.push_str(&format!("{}\t{}\n", row.text, cells.join("\t")));
            }
            None => {
                let why = match &row.candidates {
                    None => format!("可拆分的方式超过 {MAX_CANDIDATES} 种"),
                    Some(c) if c.is_empty() => "没有一种拆分能使前六列之和等于总计".to_string(),
                    Some(c) => {
                        let shown: Vec<String> = c.iter().map(|v| show(v)).collect();
                        format!("有 {} 种拆分都满足勾稽关系：{}", c.len(), list(&shown, 5))
                    }
                };
                out.notes.push(
                    ImportNote::new(
                        NoteKind::Unreadable,
                        format!(
                            "表三「{name}」行的数字连成一串“{}”，无法确定各列的分界（{why}），已留空",
                            row.digits
                        ),
                    )
                    .at(Location::Table(TableId::T3)),
                );
                for col in def.blocks.first().map_or(&[][..], |b| b.columns) {
                    if let Some(cell) = def.cell(keys[k].row.id, col.id) {
                        out.declined.push(cell.key());
                    }
                }
                let cells = [DECLINED; 7];
                lines.push_str(&format!("{}\t{}\n", row.text, cells.join("\t")));
            }
        }
    }
    let mut how = format!(
        "表三的数字在文字中连成一串，按表中的勾稽关系（各行前六列之和等于总计）拆分，{recovered} 行拆分唯一、已读取"
    );
    if !by_columns.is_empty() {
        how.push_str(&format!(
            "，其中以下各行按列的勾稽关系（办理结果之和等于（七）总计，新收加结转等于办结加结转下年度）确定：{}",
            by_columns.join("；")
        ));
    }
    out.notes
        .push(ImportNote::new(NoteKind::Read, how).at(Location::Table(TableId::T3)));
    if !strays.is_empty() {
        out.notes.push(
            ImportNote::new(
                NoteKind::NotImported,
                format!(
                    "表三中以下数字串前面不是一行的名称（可能是排版时数字印在了名称之前），无法确定属于哪一行，未导入：{}",
                    list(&strays, 8)
                ),
            )
            .at(Location::Table(TableId::T3)),
        );
    }
    lines
}

fn table2(section: &str, format: FormatId, out: &mut Relaid) -> String {
    let def = format.def().table(TableId::T2);
    let keys = row_keys(def);
    let mut lines = String::new();
    let mut declined: Vec<String> = Vec::new();
    let mut strays: Vec<String> = Vec::new();
    for (text, digits) in tokens(section, true) {
        let Some((k, at)) = find_row(&text, &keys) else {
            if !digits.is_empty() {
                strays.push(digits);
            }
            continue;
        };
        let key = &keys[k];
        let label = &text[at..];
        let cells: Vec<_> = key
            .block
            .columns
            .iter()
            .filter_map(|c| def.cell(key.row.id, c.id))
            .collect();
        let values: Vec<String> = if cells.len() <= 1 || digits.is_empty() {
            vec![digits.clone()]
        } else if digits.len() == cells.len() && digits.bytes().all(|b| b.is_ascii_digit()) {
            digits.chars().map(String::from).collect()
        } else {
            declined.push(format!("「{}」“{digits}”", key.row.display_label()));
            out.declined.extend(cells.iter().map(|c| c.key()));
            vec![DECLINED.to_string(); cells.len()]
        };
        lines.push_str(&format!("{label}\t{}\n", values.join("\t")));
    }
    if !declined.is_empty() {
        out.notes.push(
            ImportNote::new(
                NoteKind::Unreadable,
                format!(
                    "表二以下行的几格数字连成一串，表二没有可依的勾稽关系，无法确定各格的分界，已留空：{}",
                    declined.join("；")
                ),
            )
            .at(Location::Table(TableId::T2)),
        );
    }
    if !strays.is_empty() {
        out.notes.push(
            ImportNote::new(
                NoteKind::NotImported,
                format!(
                    "表二中以下数字前面不是一行的名称，无法确定属于哪一行，未导入：{}",
                    list(&strays, 8)
                ),
            )
            .at(Location::Table(TableId::T2)),
        );
    }
    lines
}

fn table4(section: &str, out: &mut Relaid) -> String {
    let def = FormatId::F2021.def().table(TableId::T4);
    let cells: Vec<_> = def.cells().collect();
    let runs: Vec<String> = tokens(section, false)
        .into_iter()
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
        .collect();
    let [digits] = &runs[..] else {
        if !runs.is_empty() {
            out.notes.push(
                ImportNote::new(
                    NoteKind::Unreadable,
                    format!(
                        "表四的数字在文字中分成 {} 段（{}），应为一串 15 个数字，无法读取，已留空",
                        runs.len(),
                        runs.join("、")
                    ),
                )
                .at(Location::Table(TableId::T4)),
            );
        }
        return String::new();
    };
    // Each block of five: four outcomes and their 总计.
    let block_ok = |v: &[u64]| {
        v.chunks(5)
            .all(|b| b.len() < 5 || b[..4].iter().sum::<u64>() == b[4])
    };
    let all = splits(digits, cells.len(), &|v| block_ok(v));
    let mut values: Vec<String> = vec![DECLINED.to_string(); cells.len()];
    let mut declined_blocks: Vec<String> = Vec::new();
    let names = ["行政复议", "未经复议直接起诉", "复议后起诉"];
    for (b, name) in names.iter().enumerate() {
        let block: BTreeMap<Vec<u64>, ()> = all
            .iter()
            .flatten()
            .map(|v| (v[b * 5..b * 5 + 5].to_vec(), ()))
            .collect();
        match (&all, block.len()) {
            (Some(_), 1) => {
                if let Some(v) = block.keys().next() {
                    for (i, x) in v.iter().enumerate() {
                        values[b * 5 + i] = x.to_string();
                    }
                }
            }
            (_, n) => {
                declined_blocks.push(if n == 0 {
                    format!("「{name}」（没有满足勾稽关系的拆分）")
                } else {
                    let shown: Vec<String> = block.keys().map(|v| show(v)).collect();
                    format!("「{name}」（{} 种可能：{}）", n, list(&shown, 4))
                });
                out.declined
                    .extend(cells[b * 5..b * 5 + 5].iter().map(|c| c.key()));
            }
        }
    }
    out.notes.push(
        ImportNote::new(
            if declined_blocks.is_empty() {
                NoteKind::Read
            } else {
                NoteKind::Unreadable
            },
            if declined_blocks.is_empty() {
                format!("表四的 15 个数字在文字中连成一串“{digits}”，按各组结果之和等于总计拆分，拆分唯一，已读取")
            } else {
                format!(
                    "表四的 15 个数字在文字中连成一串“{digits}”，按各组结果之和等于总计拆分，以下各组无法确定分界，已留空：{}",
                    declined_blocks.join("；")
                )
            },
        )
        .at(Location::Table(TableId::T4)),
    );
    format!("{}\n", values.join("\t"))
}

/// Rewrites flattened text as lines: the title, the preamble, each section under its heading,
/// the tables' rows split where the equations allow.
pub fn relayout(input: &str) -> Option<Relaid> {
    let c = compact(input);
    let positions = heading_positions(&c)?;
    let mut out = Relaid {
        text: String::new(),
        notes: Vec::new(),
        declined: Vec::new(),
    };
    let year = c
        .char_indices()
        .find_map(|(i, _)| {
            // Four digits and 年. By characters, not bytes: "二〇二一年" or "一、本年" ends with
            // 年 too, and a byte slice of it would cut a character (found by fuzzing).
            let y: String = c[i..].chars().take(5).collect();
            let digits = y.strip_suffix('年')?;
            let year = digits.parse::<i32>().ok()?;
            (digits.len() == 4 && (1990..2200).contains(&year)).then_some(year)
        })
        .unwrap_or(2021);
    let format = FormatId::for_year(year);
    let starts: Vec<(usize, usize, usize)> = positions
        .iter()
        .enumerate()
        .filter_map(|(s, p)| p.map(|(a, b)| (s, a, b)))
        .collect();
    // Before the first heading: the title (up to "年度报告") and the preamble.
    let first = starts.first().map_or(c.len(), |s| s.1);
    let before = &c[..first];
    match before.find("年度报告") {
        Some(at) if before[..at].chars().count() <= 60 => {
            let end = at + "年度报告".len();
            out.text
                .push_str(&format!("{}\n\n{}\n\n", &before[..end], &before[end..]));
        }
        _ => out.text.push_str(&format!("{before}\n\n")),
    }
    for (k, (section, _, body_start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(c.len(), |s| s.1);
        let body = &c[*body_start..end];
        out.text
            .push_str(&format!("{}\n", numbered_title(*section)));
        let lines = match section {
            1 => table2(body, format, &mut out),
            2 => table3(body, format, &mut out),
            3 => table4(body, &mut out),
            _ => format!("{body}\n"),
        };
        out.text.push_str(&lines);
        out.text.push('\n');
    }
    out.notes.insert(
        0,
        ImportNote::new(
            NoteKind::Read,
            "文字没有换行和表格分隔（如网站抓取的文字），已按各部分标题重新分段；各段落的分界无法还原，请核对正文",
        ),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_before_a_label_leaves_the_figures() {
        let t = tokens("1.属于国家秘密00000002.其他法律行政法规禁止公开1001", false);
        assert_eq!(
            t,
            vec![
                ("1.属于国家秘密".to_string(), "0000000".to_string()),
                ("2.其他法律行政法规禁止公开".to_string(), "1001".to_string()),
            ]
        );
    }

    #[test]
    fn the_issue_example_splits_one_way() {
        let s = splits("640020470", 7, &|v| v.len() < 7 || row_equation(v)).unwrap();
        assert_eq!(s, vec![vec![64, 0, 0, 2, 0, 4, 70]]);
        let two = splits("110000011", 7, &|v| v.len() < 7 || row_equation(v)).unwrap();
        assert_eq!(two.len(), 2, "{two:?}");
    }

    #[test]
    fn page_numbers_and_rules_go() {
        assert_eq!(strip_page_numbers("数量-3-640020470"), "数量640020470");
        assert_eq!(strip_page_numbers("a------b"), "ab");
    }
}
