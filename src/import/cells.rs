//! A table line split into its label text and its figures, whatever separated the cells: tabs
//! (text copied from a portal page, and nianbao's own text export), Markdown pipes, or the
//! spaces a PDF extraction leaves.

/// Whether a cell holds a figure: "270", "15,387.251", "－18", "251000元".
pub fn is_figure(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && c.len() <= 40 && figure_shape(c)
}

/// Whether the whole text is a figure, as
/// `^[+\-－−]?D+(?:[,，]D{3})*(?:[.．]D+)?(?:万元|元)?$` (D a half- or full-width digit) reads
/// it. A scan: each part starts with a character the part before cannot take, so the longest
/// reading of each part is the only one that can succeed.
fn figure_shape(text: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let digits = |t: &str| t.find(|c: char| !digit(c)).unwrap_or(t.len());
    let mut rest = text.strip_prefix(['+', '-', '－', '−']).unwrap_or(text);
    let int = digits(rest);
    if int == 0 {
        return false;
    }
    rest = &rest[int..];
    // Thousands groups: a comma and exactly three digits each.
    while let Some(after) = rest.strip_prefix([',', '，']) {
        let mut group = after.char_indices();
        match group.nth(3) {
            Some((len, _)) if after[..len].chars().all(digit) => rest = &after[len..],
            None if after.chars().count() == 3 && after.chars().all(digit) => rest = "",
            _ => return false,
        }
    }
    if let Some(after) = rest.strip_prefix(['.', '．']) {
        let frac = digits(after);
        if frac == 0 {
            return false;
        }
        rest = &after[frac..];
    }
    let rest = rest
        .strip_prefix("万元")
        .or_else(|| rest.strip_prefix('元'))
        .unwrap_or(rest);
    rest.is_empty()
}

/// How the cells of a line are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    /// Tabs: a cell's position counts, an empty cell is a blank one.
    Tab,
    /// A Markdown table row: the pipes delimit every cell, empty ones included.
    Pipe,
    /// Spaces from a PDF: blank cells leave no trace.
    Space,
}

/// One line of a table.
#[derive(Clone, Debug)]
pub struct TableLine {
    pub sep: Sep,
    /// The label text: every text cell, in order, joined without separators.
    pub text: String,
    /// Figures in front of the label (a PDF prints some rows' figures before their label).
    pub leading: Vec<Option<String>>,
    /// The cells after the last text cell: figures, and (for tabs and pipes) blanks as `None`.
    pub values: Vec<Option<String>>,
}

impl TableLine {
    pub fn has_figures(&self) -> bool {
        self.values.iter().chain(&self.leading).any(Option::is_some)
    }
}

/// Whether a line is a Markdown table separator row: "|---|:--:|".
fn is_pipe_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// No table row has this many cells: a line with more is read as text, which bounds the work
/// spent on hostile input.
const MAX_CELLS: usize = 64;

/// Splits a line into label text and figures. `None` for an empty line or a Markdown rule.
pub fn split(line: &str) -> Option<TableLine> {
    let trimmed = line.trim_end();
    if trimmed.trim().is_empty() || is_pipe_rule(trimmed) {
        return None;
    }
    let separators = trimmed
        .chars()
        .filter(|c| matches!(c, '|' | '\t' | ' '))
        .take(MAX_CELLS + 2)
        .count();
    if separators > MAX_CELLS {
        return Some(TableLine {
            sep: Sep::Space,
            text: trimmed.chars().take(200).collect(),
            leading: Vec::new(),
            values: Vec::new(),
        });
    }
    let t = trimmed.trim_start();
    if t.starts_with('|') {
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
        return Some(from_cells(Sep::Pipe, &cells));
    }
    if trimmed.contains('\t') {
        let cells: Vec<&str> = trimmed.split('\t').map(str::trim).collect();
        return Some(from_cells(Sep::Tab, &cells));
    }
    Some(from_tokens(&merge_units(t.split_whitespace().collect())))
}

/// "251000 元" printed with a space is one figure.
fn merge_units(tokens: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for tok in tokens {
        match out.last_mut() {
            Some(prev) if matches!(tok, "元" | "万元") && is_figure(prev) => prev.push_str(tok),
            _ => out.push(tok.to_string()),
        }
    }
    out
}

fn from_cells(sep: Sep, cells: &[&str]) -> TableLine {
    let last_text = cells.iter().rposition(|c| !c.is_empty() && !is_figure(c));
    let first_text = cells.iter().position(|c| !c.is_empty() && !is_figure(c));
    let text: String = cells
        .iter()
        .filter(|c| !c.is_empty() && !is_figure(c))
        .copied()
        .collect();
    let as_value = |c: &&str| (!c.is_empty()).then(|| c.to_string());
    let (leading, values) = match (first_text, last_text) {
        (Some(first), Some(last)) => (
            cells[..first]
                .iter()
                .filter(|c| is_figure(c))
                .map(as_value)
                .collect(),
            cells[last + 1..].iter().map(as_value).collect(),
        ),
        _ => (Vec::new(), cells.iter().map(as_value).collect()),
    };
    TableLine {
        sep,
        text,
        leading,
        values,
    }
}

fn from_tokens(tokens: &[String]) -> TableLine {
    let first_text = tokens.iter().position(|t| !is_figure(t));
    let last_text = tokens.iter().rposition(|t| !is_figure(t));
    let (leading, text, values) = match (first_text, last_text) {
        (Some(first), Some(last)) => (
            &tokens[..first],
            tokens[first..=last].concat(),
            &tokens[last + 1..],
        ),
        _ => (&tokens[..0], String::new(), tokens),
    };
    let some = |v: &[String]| v.iter().map(|t| Some(t.clone())).collect();
    TableLine {
        sep: Sep::Space,
        text,
        leading: some(leading),
        values: some(values),
    }
}

/// The figures of a row of `n` cells, as the separator allows them to be placed, or `None` when
/// the line does not hold exactly one row's worth.
///
/// Tabs: cells copied from a portal often carry an empty filler cell beside a merged label, and
/// nianbao's own export leaves off trailing blanks, so the row is read right-aligned after
/// dropping trailing blanks, then padded at the end. Pipes: every cell is there, so the count must
/// match (trailing padding of a wider table aside). Spaces: only figures are there.
pub fn row_values(line: &TableLine, n: usize) -> Option<Vec<Option<String>>> {
    let mut v = line.values.clone();
    match line.sep {
        Sep::Tab => {
            while v.last().is_some_and(Option::is_none) {
                v.pop();
            }
            drop_leading_blanks(&mut v, n);
            if v.len() > n {
                return None;
            }
            v.resize(n, None);
            Some(v)
        }
        Sep::Pipe => {
            while v.len() > n && v.last().is_some_and(Option::is_none) {
                v.pop();
            }
            drop_leading_blanks(&mut v, n);
            (v.len() == n).then_some(v)
        }
        Sep::Space => (v.len() == n).then_some(v),
    }
}

/// Drops blank cells from the front while there are more than `n` cells.
fn drop_leading_blanks(v: &mut Vec<Option<String>>, n: usize) {
    let blanks = v.iter().take_while(|c| c.is_none()).count();
    let drop = blanks.min(v.len().saturating_sub(n));
    v.drain(..drop);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan takes a cell for a figure exactly where the regular expression did.
    #[test]
    fn figures_as_the_regex_read_them() {
        let number = crate::pattern::re(
            r"^[+\-－−]?[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?:万元|元)?$",
        );
        let pieces = [
            "+",
            "-",
            "－",
            "−",
            "1",
            "12",
            "123",
            "1234",
            "１２３",
            ",",
            "，",
            ".",
            "．",
            "万元",
            "元",
            "万",
            "a",
            " ",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let mut matched = 0;
        for _ in 0..30_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 7);
            let expected = number.is_match(&text);
            matched += usize::from(expected);
            assert_eq!(figure_shape(&text), expected, "{text:?}");
        }
        assert!(matched > 500, "{matched}");
    }

    fn vals(line: &str, n: usize) -> Option<Vec<Option<String>>> {
        split(line).and_then(|l| row_values(&l, n))
    }

    fn s(v: &[&str]) -> Option<Vec<Option<String>>> {
        Some(
            v.iter()
                .map(|c| (!c.is_empty()).then(|| c.to_string()))
                .collect(),
        )
    }

    #[test]
    fn figures_are_recognised() {
        for f in [
            "0",
            "537847",
            "15387.251",
            "537,847",
            "－18",
            "251000元",
            "２７０",
        ] {
            assert!(is_figure(f), "{f}");
        }
        for f in ["1.属于国家秘密", "1.", "-", "数据1", "（七）", "2023年"] {
            assert!(!is_figure(f), "{f}");
        }
    }

    #[test]
    fn tab_rows_as_portals_and_nianbao_print_them() {
        // 晋江: a filler cell after a label spanning columns, and a trailing tab.
        let r = vals(
            "一、本年新收政府信息公开申请数量\t\t270\t11\t0\t0\t1\t9\t291\t",
            7,
        );
        assert_eq!(r, s(&["270", "11", "0", "0", "1", "9", "291"]));
        // 永和镇: a blank 自然人 after the label.
        let r = vals("\t(一) 予以公开\t\t0\t0\t0\t0\t0\t0\t", 7);
        assert_eq!(r, s(&["", "0", "0", "0", "0", "0", "0"]));
        let r = vals("\t(七) 总计\t\t1\t0\t0\t0\t0\t0\t0", 7);
        assert_eq!(r, s(&["1", "0", "0", "0", "0", "0", "0"]));
        let r = vals("(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t", 7);
        assert_eq!(r, s(&["0"; 7]));
        // nianbao's export: three label columns, trailing blanks left off.
        let r = vals("\t\t1.属于国家秘密\t\t5", 7);
        assert_eq!(r, s(&["", "5", "", "", "", "", ""]));
        let r = vals("规章\t0\t0\t0", 3);
        assert_eq!(r, s(&["0", "0", "0"]));
    }

    #[test]
    fn pipe_rows_count_their_cells() {
        let r = vals("| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |", 7);
        assert_eq!(r, s(&["1", "0", "0", "0", "0", "0", ""]));
        let r = vals("| 一、本年新收 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |", 7);
        assert_eq!(r, s(&["32", "2", "0", "0", "0", "0", "34"]));
        assert_eq!(vals("| 规章 | 22 | 235 |", 3), None);
        assert!(split("|---|---|").is_none());
    }

    #[test]
    fn space_rows_keep_labels_whole() {
        let l = split("三 2.其他法律行政止公开 0 0 0 0 0 0 0").unwrap();
        assert_eq!(l.text, "三2.其他法律行政止公开");
        assert_eq!(l.values.len(), 7);
        let l = split("10 0 0 0 0 0 10").unwrap();
        assert_eq!(l.text, "");
        assert_eq!(row_values(&l, 7).map(|v| v.len()), Some(7));
        let l = split("（二）部分公开（区分处理的，只计这一情 形，不").unwrap();
        assert!(l.values.is_empty());
        let l = split("针对 2024 年工作中存在的主要问题").unwrap();
        assert!(!l.has_figures());
    }
}
