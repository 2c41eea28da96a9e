//! Matching published row labels to the rows of a format definition. The keys are derived from
//! the definitions' label paths (the one source of truth); published labels are compared after
//! [`norm`], and small typos are allowed by edit distance.

use super::text::norm;
use crate::format::{BlockDef, RowDef, TableDef};

/// Longer lines are not searched for labels: a label line is short, and the bound keeps the
/// edit-distance search cheap.
const MAX_LABEL_LINE_CHARS: usize = 160;

/// Keys shorter than this are only matched exactly (as a substring), never by edit distance.
const MIN_FUZZY_KEY_CHARS: usize = 6;

/// One row of a definition and the key its label is recognised by.
#[derive(Debug)]
pub struct RowKey {
    /// Index of the row in reading order of the table.
    pub index: usize,
    pub block: &'static BlockDef,
    pub row: &'static RowDef,
    /// The normalised label without its numbering and without a trailing remark in brackets:
    /// "部分公开". A label too short to stand alone keeps its numbering: "3.其他", "(七)总计".
    key: Vec<char>,
}

impl RowKey {
    pub fn key(&self) -> String {
        self.key.iter().collect()
    }
}

/// Drops the numbering in front of a normalised label: "一、", "(三)", "4.".
pub fn strip_numbering(label: &str) -> &str {
    let mut s = label;
    if let Some(rest) = s.strip_prefix('(')
        && let Some(end) = rest.find(')')
        && rest[..end]
            .chars()
            .all(|c| is_numeral(c) || c.is_ascii_digit())
    {
        s = &rest[end + 1..];
    }
    let digits_end = s
        .char_indices()
        .find(|(_, c)| !(is_numeral(*c) || c.is_ascii_digit()))
        .map_or(s.len(), |(i, _)| i);
    if digits_end > 0 {
        let after = &s[digits_end..];
        if let Some(rest) = after.strip_prefix(['、', '.', ',']) {
            s = rest;
        }
    }
    s
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn key_of(label: &str) -> Vec<char> {
    let full = norm(label);
    let bare = strip_numbering(&full);
    // "部分公开(区分处理的,…)": the remark is not part of the name.
    let bare = match bare.find('(') {
        Some(i) if i > 0 => &bare[..i],
        _ => bare,
    };
    if bare.chars().count() < 4 {
        full.chars().collect()
    } else {
        bare.chars().collect()
    }
}

/// The keys of every row of a table, in reading order.
pub fn row_keys(table: &'static TableDef) -> Vec<RowKey> {
    table
        .blocks
        .iter()
        .flat_map(|block| block.rows.iter().map(move |row| (block, row)))
        .enumerate()
        .map(|(index, (block, row))| RowKey {
            index,
            block,
            row,
            key: key_of(row.label()),
        })
        .collect()
}

/// How a published label was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The key stands in the text as it is.
    Exact,
    /// The key stands in the text with a few characters wrong ("其他法律行政止公开").
    Typo,
    /// The text is a part of exactly one key (a label broken over lines, or a shortened one).
    Fragment,
}

#[derive(Clone, Copy, Debug)]
pub struct LabelMatch {
    /// Index into the keys.
    pub index: usize,
    pub kind: MatchKind,
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// The least edit distance between `key` and any substring of `text` (Sellers' algorithm).
pub fn substring_distance(key: &[char], text: &[char]) -> usize {
    let mut prev: Vec<usize> = vec![0; text.len() + 1];
    let mut cur: Vec<usize> = vec![0; text.len() + 1];
    for (i, k) in key.iter().enumerate() {
        cur[0] = i + 1;
        for (j, t) in text.iter().enumerate() {
            let substitute = prev[j] + usize::from(k != t);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.into_iter().min().unwrap_or(key.len())
}

/// Characters of `key` that `text` lacks, counted with multiplicity: a lower bound of the edit
/// distance, cheap enough to rule most keys out before the real distance is computed.
fn missing_chars(key: &[char], text: &[char]) -> usize {
    let mut pool: Vec<char> = text.to_vec();
    pool.sort_unstable();
    let mut missing = 0;
    let mut used = vec![false; pool.len()];
    for k in key {
        let start = pool.partition_point(|c| c < k);
        match (start..pool.len())
            .take_while(|i| pool[*i] == *k)
            .find(|i| !used[*i])
        {
            Some(i) => used[i] = true,
            None => missing += 1,
        }
    }
    missing
}

/// Recognises the row a piece of published text names. `min_fragment` is the least length of a
/// fragment that may stand for a row.
pub fn match_row(text: &str, keys: &[RowKey], min_fragment: usize) -> Option<LabelMatch> {
    let t: Vec<char> = norm(text).chars().collect();
    if t.is_empty() || t.len() > MAX_LABEL_LINE_CHARS {
        return None;
    }
    let unique_best = |candidates: Vec<(usize, usize)>, kind: MatchKind, better_is_larger: bool| {
        let best = if better_is_larger {
            candidates.iter().map(|c| c.1).max()?
        } else {
            candidates.iter().map(|c| c.1).min()?
        };
        let mut at_best = candidates.iter().filter(|c| c.1 == best);
        let first = at_best.next()?;
        at_best.next().is_none().then_some(LabelMatch {
            index: first.0,
            kind,
        })
    };
    let exact: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| contains(&t, &k.key))
        .map(|(i, k)| (i, k.key.len()))
        .collect();
    if !exact.is_empty() {
        return unique_best(exact, MatchKind::Exact, true);
    }
    let typos: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.key.len() >= MIN_FUZZY_KEY_CHARS)
        .filter_map(|(i, k)| {
            let allowed = k.key.len() / 4;
            if missing_chars(&k.key, &t) > allowed {
                return None;
            }
            let d = substring_distance(&k.key, &t);
            (d <= allowed).then_some((i, d))
        })
        .collect();
    if !typos.is_empty() {
        return unique_best(typos, MatchKind::Typo, false);
    }
    let core: Vec<char> = strip_numbering(&norm(text)).chars().collect();
    if core.len() < min_fragment.max(2) {
        return None;
    }
    let fragments: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| contains(&k.key, &core))
        .map(|(i, _)| (i, 0))
        .collect();
    unique_best(fragments, MatchKind::Fragment, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{FormatId, TableId};

    fn keys(format: FormatId, table: TableId) -> Vec<RowKey> {
        row_keys(format.def().table(table))
    }

    fn row_of(text: &str, keys: &[RowKey], min: usize) -> Option<(&'static str, MatchKind)> {
        match_row(text, keys, min).map(|m| (keys[m.index].row.id, m.kind))
    }

    #[test]
    fn keys_come_from_the_definitions() {
        let k = keys(FormatId::F2021, TableId::T3);
        let find = |id: &str| k.iter().find(|r| r.row.id == id).map(RowKey::key);
        assert_eq!(find("partial").as_deref(), Some("部分公开"));
        assert_eq!(find("other_3").as_deref(), Some("3.其他"));
        assert_eq!(find("total").as_deref(), Some("(七)总计"));
        assert_eq!(find("new").as_deref(), Some("本年新收政府信息公开申请数量"));
        assert_eq!(k.len(), 25);
    }

    #[test]
    fn published_labels_are_recognised() {
        let k = keys(FormatId::F2021, TableId::T3);
        assert_eq!(
            row_of("三 2.其他法律行政止公开", &k, 6),
            Some(("withheld_2", MatchKind::Typo))
        );
        assert_eq!(
            row_of("度 4.保护第三方合法权益", &k, 6),
            Some(("withheld_4", MatchKind::Exact))
        );
        assert_eq!(
            row_of("3、其他", &k, 6),
            Some(("other_3", MatchKind::Exact))
        );
        assert_eq!(
            row_of(
                "(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                &k,
                6
            ),
            Some(("other_1", MatchKind::Exact))
        );
        // A fragment shared by two rows names neither.
        assert_eq!(row_of("行政机关不再处理其政府信息公", &k, 6), None);
        assert_eq!(
            row_of("缴纳费用、行政机关不再处理其政", &k, 6),
            Some(("other_2", MatchKind::Fragment))
        );
        assert_eq!(row_of("（三）不予公开", &k, 6), None);
        assert_eq!(row_of("自然人 社会 法律 总计", &k, 6), None);
        let t2 = keys(FormatId::F2021, TableId::T2);
        assert_eq!(
            row_of("规范性文件", &t2, 4),
            Some(("normative", MatchKind::Fragment))
        );
    }

    #[test]
    fn distance_is_to_the_nearest_substring() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(substring_distance(&c("abc"), &c("xxabcxx")), 0);
        assert_eq!(substring_distance(&c("abc"), &c("xxacxx")), 1);
        assert_eq!(substring_distance(&c("abc"), &c("")), 3);
    }
}
