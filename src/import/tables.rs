//! Reading the three tables as published. Figures are placed by what is certain: a row whose
//! label stands on the line of its figures is anchored there, and between two anchors the rows
//! take the groups of figures in order when, and only when, their numbers agree. Anything else
//! is left blank and reported; nothing is guessed.

use std::collections::BTreeSet;

use super::cells::{Sep, TableLine, row_values, split};
use super::labels::{MatchKind, RowKey, match_row, row_keys};
use super::notes::{ImportNote, NoteKind, list, quote};
use super::text::{Line, norm};
use crate::address::Location;
use crate::format::{CellDef, CellKey, FormatId, TableDef, TableId};
use crate::value::{Value, parse_cell};

/// A table region longer than this is not a table: only its first lines are read.
pub const MAX_TABLE_LINES: usize = 2000;

/// What was read of one table.
#[derive(Debug, Default)]
pub struct TableRead {
    /// The layout the table was published in, when anything of it was found.
    pub layout: Option<FormatId>,
    /// Cells read, keyed by the layout's definitions.
    pub cells: Vec<(CellKey, Value)>,
    pub notes: Vec<ImportNote>,
    /// Text lines of the region after the table (table 四 only: where a report lost its 五 heading).
    pub trailing: Vec<usize>,
}

impl TableRead {
    fn note(&mut self, kind: NoteKind, message: String, location: Option<Location>) {
        let mut n = ImportNote::new(kind, message);
        n.location = location;
        self.notes.push(n);
    }

    /// Notes the text lines of the table's region that are not table furniture: "表二中的以下文字未导入：…".
    fn note_stray_text(
        &mut self,
        lines: &[(usize, TableLine)],
        used: &BTreeSet<usize>,
        table: TableId,
    ) {
        let text = stray_text(lines, used, table);
        if !text.is_empty() {
            self.note(
                NoteKind::NotImported,
                format!(
                    "{}中的以下文字未导入：{}",
                    table.short_name(),
                    list(&text, 5)
                ),
                Some(Location::Table(table)),
            );
        }
    }
}

/// Lines of the region that are neither table furniture (titles, captions, header words, label
/// fragments) nor figures: reported, not imported.
fn stray_text(lines: &[(usize, TableLine)], used: &BTreeSet<usize>, table: TableId) -> Vec<String> {
    let mut allowed: BTreeSet<char> = "表第项部分（）()：:、.．，,一二三四五六七八九十|-— 　"
        .chars()
        .collect();
    for format in FormatId::ALL {
        let def = format.def().table(table);
        allowed.extend(def.title.chars());
        allowed.extend(def.corner.unwrap_or("").chars());
        for block in def.blocks {
            allowed.extend(block.caption.unwrap_or("").chars());
            allowed.extend(block.row_header.unwrap_or("").chars());
            for col in block.columns {
                allowed.extend(col.path.iter().flat_map(|p| p.chars()));
            }
            for row in block.rows {
                allowed.extend(row.path.iter().flat_map(|p| p.chars()));
            }
        }
    }
    lines
        .iter()
        .filter(|(i, l)| !used.contains(i) && !l.text.is_empty())
        .filter(|(_, l)| {
            norm(&l.text)
                .chars()
                .any(|c| !allowed.contains(&c) && !c.is_ascii_digit())
        })
        .map(|(_, l)| quote(&l.text, 40))
        .fold(Vec::new(), |mut seen: Vec<String>, t| {
            if !seen.contains(&t) {
                seen.push(t);
            }
            seen
        })
}

fn table_lines(lines: &[Line]) -> Vec<(usize, TableLine)> {
    lines
        .iter()
        .take(MAX_TABLE_LINES)
        .enumerate()
        .filter_map(|(i, l)| split(&l.text).map(|t| (i, t)))
        .collect()
}

/// Parses the figures of a row into the draft's values, by the type of each cell. Blank and
/// unreadable cells are listed for the notes.
fn store_row(
    cells: &[CellDef],
    values: &[Option<String>],
    read: &mut TableRead,
    blanks: &mut Vec<CellDef>,
    bad: &mut Vec<(CellDef, String)>,
) {
    for (cell, text) in cells.iter().zip(values) {
        match text.as_deref().map(|t| parse_cell(cell.ty(), t)) {
            Some(Ok(Some(v))) => read.cells.push((cell.key(), v)),
            Some(Ok(None)) | None => blanks.push(*cell),
            Some(Err(e)) => bad.push((*cell, e.to_string())),
        }
    }
}

fn blank_and_bad_notes(
    read: &mut TableRead,
    table: TableId,
    blanks: &[CellDef],
    bad: &[(CellDef, String)],
) {
    if !blanks.is_empty() {
        let names: Vec<String> = blanks
            .iter()
            .map(|c| c.describe().replacen(table.short_name(), "", 1))
            .collect();
        read.note(
            NoteKind::Missing,
            format!(
                "{}中以下 {} 个单元格在报告中为空白，已留空：{}",
                table.short_name(),
                blanks.len(),
                list(&names, 8)
            ),
            blanks.first().map(|c| Location::Cell(c.key())),
        );
    }
    for (cell, error) in bad {
        read.note(
            NoteKind::Unreadable,
            format!("{}：{error}，已留空", cell.describe()),
            Some(Location::Cell(cell.key())),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Table 二: rows found by their labels, wherever they stand in the section.

/// Which layout a region's header words and row labels belong to: the words one format has and
/// the other has not.
fn table2_layout(lines: &[Line]) -> Option<FormatId> {
    let text: String = lines
        .iter()
        .take(MAX_TABLE_LINES)
        .map(|l| norm(&l.text))
        .collect();
    let labels = |f: FormatId| -> Vec<String> {
        let def = f.def().table(TableId::T2);
        def.blocks
            .iter()
            .flat_map(|b| {
                b.columns
                    .iter()
                    .map(|c| norm(c.label()))
                    .chain(b.rows.iter().map(|r| norm(r.label())))
                    .chain(b.caption.map(norm))
            })
            .collect()
    };
    let score = |f: FormatId, other: FormatId| {
        let theirs = labels(other);
        labels(f)
            .into_iter()
            .filter(|l| !theirs.iter().any(|t| t.contains(l.as_str())))
            .filter(|l| text.contains(l.as_str()))
            .count()
    };
    let (s19, s21) = (
        score(FormatId::F2019, FormatId::F2021),
        score(FormatId::F2021, FormatId::F2019),
    );
    match s19.cmp(&s21) {
        std::cmp::Ordering::Greater => Some(FormatId::F2019),
        std::cmp::Ordering::Less => Some(FormatId::F2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// Reads table 二 in the layout its words show (or `preferred` when they do not tell).
pub fn read_table2(lines: &[Line], preferred: FormatId) -> TableRead {
    let mut read = TableRead::default();
    let shown = table2_layout(lines);
    let layout = shown.unwrap_or(preferred);
    let def: &'static TableDef = layout.def().table(TableId::T2);
    let keys = row_keys(def);
    let parsed = table_lines(lines);
    // The first line naming each row (its index in `parsed`, and how it matched); one with
    // figures wins over one without.
    let mut rows: Vec<Option<(usize, MatchKind)>> = vec![None; keys.len()];
    let mut used = BTreeSet::new();
    let mut strays: Vec<String> = Vec::new();
    for (at, (i, l)) in parsed.iter().enumerate() {
        let m = (!l.text.is_empty())
            .then(|| match_row(&l.text, &keys, 4))
            .flatten()
            .filter(|m| {
                // A row line holds its label and little else.
                let key_len = keys[m.index].key().chars().count();
                norm(&l.text).chars().count() <= key_len + 6
            });
        match m {
            Some(m) => {
                used.insert(*i);
                let slot = &mut rows[m.index];
                let better = match slot {
                    None => true,
                    Some((prev, _)) => l.has_figures() && !parsed[*prev].1.has_figures(),
                };
                if better {
                    *slot = Some((at, m.kind));
                }
            }
            None if l.has_figures() && l.text.is_empty() => {
                used.insert(*i);
                strays.extend(l.values.iter().flatten().cloned());
            }
            None => {}
        }
    }
    if shown.is_none() && rows.iter().all(Option::is_none) {
        return read;
    }
    read.layout = Some(layout);
    let mut blanks = Vec::new();
    let mut bad = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for (key, slot) in keys.iter().zip(&rows) {
        let cells: Vec<CellDef> = key
            .block
            .columns
            .iter()
            .filter_map(|c| def.cell(key.row.id, c.id))
            .collect();
        let name = format!(
            "「{}」{}",
            key.block.caption.unwrap_or(""),
            key.row.display_label()
        );
        let Some((line, kind)) = slot.and_then(|(at, kind)| Some((&parsed.get(at)?.1, kind)))
        else {
            missing.push(name);
            continue;
        };
        if kind != MatchKind::Exact {
            read.note(
                NoteKind::Matched,
                format!(
                    "表二行“{}”按“{}”读取",
                    quote(&line.text, 30),
                    key.row.display_label()
                ),
                cells.first().map(|c| Location::Cell(c.key())),
            );
        }
        if !line.has_figures() {
            blanks.extend(cells);
            continue;
        }
        match row_values(line, cells.len()) {
            Some(values) => store_row(&cells, &values, &mut read, &mut blanks, &mut bad),
            None => {
                let figures: Vec<String> = line.values.iter().flatten().cloned().collect();
                unreadable.push(format!(
                    "表二{name}：读到 {} 个数字（{}），应有 {} 个，无法确定各属哪一列",
                    figures.len(),
                    self::figures(&figures),
                    cells.len()
                ));
            }
        }
    }
    for u in unreadable {
        read.note(
            NoteKind::Unreadable,
            format!("{u}，已留空"),
            Some(Location::Table(TableId::T2)),
        );
    }
    if !missing.is_empty() {
        read.note(
            NoteKind::Missing,
            format!("表二中未找到以下行，已留空：{}", missing.join("；")),
            Some(Location::Table(TableId::T2)),
        );
    }
    blank_and_bad_notes(&mut read, TableId::T2, &blanks, &bad);
    if !strays.is_empty() {
        read.note(
            NoteKind::NotImported,
            format!("表二中有未能归入任何行的数字：{}", figures(&strays)),
            Some(Location::Table(TableId::T2)),
        );
    }
    read.note_stray_text(&parsed, &used, TableId::T2);
    read
}

/// Figures for a note: at most twenty of them.
fn figures(items: &[String]) -> String {
    let mut out = items
        .iter()
        .take(20)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if items.len() > 20 {
        out.push_str(&format!("……共 {} 个", items.len()));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Table 三: groups of seven figures placed between anchored rows.

const T3_COLUMNS: usize = 7;

#[derive(Debug, Clone)]
struct Group {
    values: Vec<Option<String>>,
    anchor: Option<usize>,
    kind: Option<MatchKind>,
    label: String,
}

#[derive(Debug, Default)]
struct Layout3 {
    groups: Vec<Group>,
    /// Figures on lines that hold less (or more) than one row.
    strays: Vec<String>,
    /// Rows assigned: row index → group index.
    assigned: Vec<Option<usize>>,
    /// Runs of rows whose figures could not be placed, and how many groups stood there.
    ambiguous: Vec<(Vec<usize>, usize)>,
    /// Groups placed in no row.
    unplaced: Vec<usize>,
    /// Rows of this layout only (not in the other format) that were named in the text.
    specific_hits: usize,
    used_lines: BTreeSet<usize>,
}

impl Layout3 {
    fn misfit(&self) -> usize {
        self.assigned.iter().filter(|a| a.is_none()).count() + self.unplaced.len()
    }
}

/// Longest run of anchors with strictly increasing rows (the rest are read as unanchored).
fn keep_increasing(groups: &mut [Group]) {
    let anchored: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.anchor.map(|r| (i, r)))
        .collect();
    // O(n²) is fine: a table has a few dozen rows.
    let n = anchored.len().min(500);
    let mut best = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if anchored[j].1 < anchored[i].1 && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut keep = BTreeSet::new();
    if let Some(mut at) = (0..n).max_by_key(|i| (best[*i], usize::MAX - *i)) {
        loop {
            keep.insert(anchored[at].0);
            if prev[at] == usize::MAX {
                break;
            }
            at = prev[at];
        }
    }
    for (i, g) in groups.iter_mut().enumerate() {
        if g.anchor.is_some() && !keep.contains(&i) {
            g.anchor = None;
            g.kind = None;
        }
    }
}

fn read_layout3(
    parsed: &[(usize, TableLine)],
    keys: &[RowKey],
    specific: &[usize],
    tab_table: bool,
) -> Layout3 {
    let mut out = Layout3::default();
    let mut hits = BTreeSet::new();
    for (i, l) in parsed {
        if !l.leading.is_empty() {
            out.used_lines.insert(*i);
            push_figures(&mut out, &l.leading);
        }
        let m = (!l.text.is_empty())
            .then(|| match_row(&l.text, keys, 6))
            .flatten();
        if let Some(m) = m {
            hits.insert(m.index);
            out.used_lines.insert(*i);
        }
        let has_values = l.values.iter().any(Option::is_some);
        if !has_values {
            // In a table whose rows are tab-separated, a labelled row without figures is a row of
            // blanks (nianbao's export leaves blank cells off the end of the line).
            let blank_row = m.filter(|m| {
                m.kind == MatchKind::Exact
                    && (l.sep == Sep::Tab
                        || (l.sep == Sep::Space && tab_table)
                        || (l.sep == Sep::Pipe && l.values.len() >= T3_COLUMNS))
            });
            if let Some(m) = blank_row {
                out.groups.push(Group {
                    values: vec![None; T3_COLUMNS],
                    anchor: Some(m.index),
                    kind: Some(m.kind),
                    label: l.text.clone(),
                });
            }
            continue;
        }
        out.used_lines.insert(*i);
        if l.text.is_empty() && l.sep == Sep::Space && l.values.len() > T3_COLUMNS {
            push_figures(&mut out, &l.values);
            continue;
        }
        match row_values(l, T3_COLUMNS) {
            Some(values) => out.groups.push(Group {
                values,
                anchor: m.map(|m| m.index),
                kind: m.map(|m| m.kind),
                label: l.text.clone(),
            }),
            None => out.strays.extend(l.values.iter().flatten().cloned()),
        }
    }
    out.specific_hits = hits.iter().filter(|h| specific.contains(h)).count();
    keep_increasing(&mut out.groups);
    place(&mut out, keys.len());
    out
}

/// Figures without a label: whole rows of seven where they divide evenly, strays otherwise.
fn push_figures(out: &mut Layout3, figures: &[Option<String>]) {
    if figures.len().is_multiple_of(T3_COLUMNS) {
        for chunk in figures.chunks(T3_COLUMNS) {
            out.groups.push(Group {
                values: chunk.to_vec(),
                anchor: None,
                kind: None,
                label: String::new(),
            });
        }
    } else {
        out.strays.extend(figures.iter().flatten().cloned());
    }
}

/// Places the groups: anchored ones in their rows; between two anchors, the rows take the groups
/// in order when their counts agree.
fn place(out: &mut Layout3, rows: usize) {
    out.assigned = vec![None; rows];
    let mut pending: Vec<usize> = Vec::new();
    let mut next_row = 0usize;
    let settle = |out: &mut Layout3, from: usize, to: usize, pending: &mut Vec<usize>| {
        let span: Vec<usize> = (from..to.min(rows)).collect();
        if span.len() == pending.len() {
            for (r, g) in span.iter().zip(pending.iter()) {
                out.assigned[*r] = Some(*g);
            }
        } else {
            if !span.is_empty() && !pending.is_empty() {
                out.ambiguous.push((span, pending.len()));
            }
            out.unplaced.extend(pending.iter().copied());
        }
        pending.clear();
    };
    for gi in 0..out.groups.len() {
        match out.groups[gi].anchor {
            Some(r) if r < rows => {
                settle(out, next_row, r, &mut pending);
                out.assigned[r] = Some(gi);
                next_row = r + 1;
            }
            _ => pending.push(gi),
        }
    }
    settle(out, next_row, rows, &mut pending);
}

/// Reads table 三 in the layout that places its figures best: 2019 (（六） one row) or 2021
/// (（六） three rows). `preferred` decides a tie that the labels do not.
pub fn read_table3(lines: &[Line], preferred: FormatId) -> TableRead {
    let mut read = TableRead::default();
    let parsed = table_lines(lines);
    let tab_lines = parsed.iter().filter(|(_, l)| l.sep == Sep::Tab).count();
    let pipe_lines = parsed.iter().filter(|(_, l)| l.sep == Sep::Pipe).count();
    let tab_table = tab_lines >= 3 && pipe_lines == 0;
    let attempt = |format: FormatId| {
        let def: &'static TableDef = format.def().table(TableId::T3);
        let keys = row_keys(def);
        let other = FormatId::ALL
            .into_iter()
            .find(|f| *f != format)
            .unwrap_or(format);
        let specific: Vec<usize> = keys
            .iter()
            .filter(|k| {
                other
                    .def()
                    .table(TableId::T3)
                    .blocks
                    .iter()
                    .all(|b| b.row(k.row.id).is_none())
            })
            .map(|k| k.index)
            .collect();
        let layout = read_layout3(&parsed, &keys, &specific, tab_table);
        (format, def, keys, layout)
    };
    let mut tries: Vec<_> = FormatId::ALL.into_iter().map(attempt).collect();
    if tries.iter().all(|t| t.3.groups.is_empty()) {
        if !parsed.is_empty() && tries.iter().any(|t| !t.3.strays.is_empty()) {
            read.note(
                NoteKind::Unreadable,
                "表三中没有读到任何一整行数字（每行应有 7 个），无法读取，已留空".to_string(),
                Some(Location::Table(TableId::T3)),
            );
        }
        return read;
    }
    tries.sort_by_key(|(format, _, _, layout)| {
        (
            layout.misfit(),
            usize::MAX - layout.specific_hits,
            *format != preferred,
        )
    });
    let Some((format, def, keys, layout)) = tries.into_iter().next() else {
        return read;
    };
    read.layout = Some(format);
    let columns = def.blocks.first().map_or(&[][..], |b| b.columns);
    let mut blanks = Vec::new();
    let mut bad = Vec::new();
    for (key, assigned) in keys.iter().zip(&layout.assigned) {
        let Some(group) = assigned.and_then(|g| layout.groups.get(g)) else {
            continue;
        };
        let cells: Vec<CellDef> = columns
            .iter()
            .filter_map(|c| def.cell(key.row.id, c.id))
            .collect();
        if group.kind == Some(MatchKind::Typo) {
            read.note(
                NoteKind::Matched,
                format!(
                    "表三行“{}”与规定的“{}”不同（有错字），已按“{}”读取",
                    quote(from_numbering(&group.label), 40),
                    key.row.label(),
                    key.row.display_label()
                ),
                cells.first().map(|c| Location::Cell(c.key())),
            );
        }
        store_row(&cells, &group.values, &mut read, &mut blanks, &mut bad);
    }
    for (span, groups) in &layout.ambiguous {
        let name = |r: Option<&usize>| {
            r.and_then(|r| keys.get(*r))
                .map(|k| k.row.display_label())
                .unwrap_or_default()
        };
        let rows = if span.len() == 1 {
            format!("「{}」这 1 行", name(span.first()))
        } else {
            format!(
                "「{}」至「{}」这 {} 行",
                name(span.first()),
                name(span.last()),
                span.len()
            )
        };
        read.note(
            NoteKind::Unreadable,
            format!("表三{rows}读到 {groups} 组数字，行数与数字组数不符，无法确定对应关系，已留空"),
            Some(Location::Table(TableId::T3)),
        );
    }
    let unread: Vec<String> = keys
        .iter()
        .zip(&layout.assigned)
        .filter(|(k, a)| a.is_none() && !layout.ambiguous.iter().any(|(s, _)| s.contains(&k.index)))
        .map(|(k, _)| format!("「{}」", k.row.display_label()))
        .collect();
    if !unread.is_empty() {
        read.note(
            NoteKind::Missing,
            format!("表三中以下行没有读到数字，已留空：{}", list(&unread, 8)),
            Some(Location::Table(TableId::T3)),
        );
    }
    blank_and_bad_notes(&mut read, TableId::T3, &blanks, &bad);
    let mut strays: Vec<String> = layout.strays.clone();
    for g in &layout.unplaced {
        if let Some(group) = layout.groups.get(*g) {
            let figures: Vec<&str> = group
                .values
                .iter()
                .map(|v| v.as_deref().unwrap_or("空"))
                .collect();
            strays.push(format!("（{}）", figures.join(" ")));
        }
    }
    if !strays.is_empty() {
        read.note(
            NoteKind::NotImported,
            format!(
                "表三中有未能归入任何行的数字，未导入：{}",
                strays.join("、")
            ),
            Some(Location::Table(TableId::T3)),
        );
    }
    read.note_stray_text(&parsed, &layout.used_lines, TableId::T3);
    read
}

/// A published label from its numbering on ("三2.其他…" → "2.其他…"): what stands before is
/// a merged group label printed one character a line.
fn from_numbering(label: &str) -> &str {
    label
        .char_indices()
        .find(|(i, c)| {
            c.is_ascii_digit() && label[i + c.len_utf8()..].starts_with(['.', '、', '．'])
        })
        .map_or(label, |(i, _)| &label[i..])
}

// ---------------------------------------------------------------------------------------------
// Table 四: fifteen figures in reading order.

/// Reads table 四: the fifteen figures of its one row, in order, however the lines break them.
pub fn read_table4(lines: &[Line]) -> TableRead {
    let mut read = TableRead::default();
    let def: &'static TableDef = FormatId::F2021.def().table(TableId::T4);
    let cells: Vec<CellDef> = def.cells().collect();
    let n = cells.len();
    let parsed = table_lines(lines);
    let mut values: Vec<Option<String>> = Vec::new();
    let mut figure_lines = 0usize;
    let mut tab_row = false;
    let mut used = BTreeSet::new();
    for (i, l) in &parsed {
        if values.len() >= n {
            if !l.text.is_empty() {
                read.trailing.push(*i);
                used.insert(*i);
            } else if l.has_figures() {
                used.insert(*i);
                values.extend(l.values.iter().cloned());
            }
            continue;
        }
        if !l.text.is_empty() || !l.has_figures() {
            continue;
        }
        used.insert(*i);
        figure_lines += 1;
        tab_row |= l.sep == Sep::Tab;
        let mut v = l.values.clone();
        if l.sep != Sep::Space {
            while v.last().is_some_and(Option::is_none) {
                v.pop();
            }
        }
        values.extend(v);
    }
    // nianbao's export leaves blank cells off the end of the one tab-separated row.
    if tab_row && figure_lines == 1 && values.len() < n {
        values.resize(n, None);
    }
    if values.is_empty() {
        if !parsed.is_empty() {
            read.note(
                NoteKind::Missing,
                "表四中没有读到数字，已留空".to_string(),
                Some(Location::Table(TableId::T4)),
            );
        }
        return read;
    }
    read.layout = Some(FormatId::F2021);
    if values.len() != n {
        let figures: Vec<&str> = values
            .iter()
            .map(|v| v.as_deref().unwrap_or("空"))
            .collect();
        read.note(
            NoteKind::Unreadable,
            format!(
                "表四读到 {} 个数字（{}），应有 {n} 个，无法确定各属哪一格，已留空",
                values.len(),
                figures.join(" ")
            ),
            Some(Location::Table(TableId::T4)),
        );
        return read;
    }
    let mut blanks = Vec::new();
    let mut bad = Vec::new();
    store_row(&cells, &values, &mut read, &mut blanks, &mut bad);
    blank_and_bad_notes(&mut read, TableId::T4, &blanks, &bad);
    read.note_stray_text(&parsed, &used, TableId::T4);
    read
}
