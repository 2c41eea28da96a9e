//! Laying a PDF's text out again from where each glyph stands on its page: tables from the ruled
//! lines drawn around their cells (a glyph belongs to the cell its centre falls in, merged cells
//! found where a rule is missing between two slots), the rest as lines joined into paragraphs by
//! their indent and where they end. Nothing here splits text by its spaces.

use super::super::source::{Block, Flow, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS};
use super::grid::find_tables;

/// One glyph as drawn: its left edge and baseline in page space (y upwards), its advance width
/// and font size, and the text it stands for (a ligature may stand for more than one char).
#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

impl Glyph {
    pub(super) fn centre(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.size * 0.3)
    }
    fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// A straight ruled line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), lows first.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub(super) fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.5
    }
}

/// One page's glyphs and rules.
#[derive(Debug, Default)]
pub struct Page {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// What the layout found, for the import notes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Tables read from their ruled cells.
    pub ruled_tables: usize,
    /// Each of them for the clerk: its page, rows and columns, and the text it starts with.
    pub tables: Vec<String>,
    /// Ruled areas not read as tables (too many columns), by page.
    pub declined: Vec<String>,
    /// Lines outside ruled tables whose text stood in columns, read as rows of cells.
    pub column_rows: usize,
}

/// Lays the pages out as paragraphs and tables.
pub fn lay_out(pages: &[Page]) -> (Flow, Found) {
    let mut flow = Flow::default();
    let mut found = Found::default();
    let mut para = Paragraph::default();
    // A document that draws its spaces (LibreOffice does) has them where the text has them; the
    // gaps between its glyphs are the typesetter's (the space put between Chinese and Latin
    // text), not spaces. One that draws none (WPS, Word's CJK output) has its spaces as gaps.
    let gaps = if pages.iter().any(|p| p.glyphs.iter().any(|g| g.text == " ")) {
        Gaps::Drawn
    } else {
        Gaps::Spaces
    };
    for (number, page) in pages.iter().enumerate() {
        let (tables, too_wide) = find_tables(&page.rules);
        if too_wide > 0 {
            found.declined.push(format!(
                "第 {} 页有 {too_wide} 处表格线围成的区域超过 {MAX_TABLE_COLUMNS} 列，其中的文字按行读取",
                number + 1
            ));
        }
        let mut taken = vec![false; page.glyphs.len()];
        let mut placed: Vec<(f64, Block)> = Vec::new();
        for table in &tables {
            let rows = table.read(&page.glyphs, &mut taken, gaps);
            if rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty())) {
                let first = rows
                    .iter()
                    .flatten()
                    .find(|c| !c.trim().is_empty())
                    .map(|c| super::super::notes::quote(c, 12))
                    .unwrap_or_default();
                found.tables.push(format!(
                    "第 {} 页 {} 行 {} 列，自“{first}”起",
                    number + 1,
                    rows.len(),
                    table.xs.len() - 1
                ));
                placed.push((table.top, Block::Table(rows)));
                found.ruled_tables += 1;
            }
        }
        let free: Vec<&Glyph> = page
            .glyphs
            .iter()
            .zip(&taken)
            .filter(|(g, t)| !**t && !g.text.is_empty())
            .map(|(g, _)| g)
            .collect();
        let lines = lines_of(&free, gaps);
        let margins = Margins::of(&lines);
        // Lines and tables in order from the top of the page.
        let mut lines = lines.into_iter().peekable();
        placed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut tables = placed.into_iter().peekable();
        loop {
            let next_line_y = lines.peek().map(|l| l.y);
            let next_table_y = tables.peek().map(|t| t.0);
            match (next_line_y, next_table_y) {
                (Some(ly), Some(ty)) if ty > ly => {
                    if let Some((_, table)) = tables.next() {
                        para.flush(&mut flow);
                        flow.blocks.push(table);
                    }
                }
                (None, Some(_)) => {
                    if let Some((_, table)) = tables.next() {
                        para.flush(&mut flow);
                        flow.blocks.push(table);
                    }
                }
                (Some(_), _) => {
                    if let Some(line) = lines.next() {
                        if is_page_number(&line, page.height) {
                            continue;
                        }
                        if line.cells.len() > 1 {
                            para.flush(&mut flow);
                            found.column_rows += 1;
                            flow.blocks.push(Block::Table(vec![line.cells]));
                            continue;
                        }
                        para.add(line, &margins, &mut flow);
                    }
                }
                (None, None) => break,
            }
        }
    }
    para.flush(&mut flow);
    merge_row_tables(&mut flow);
    (flow, found)
}

/// Rows of cells read from lines one by one become one table.
fn merge_row_tables(flow: &mut Flow) {
    let mut out: Vec<Block> = Vec::new();
    for block in std::mem::take(&mut flow.blocks) {
        match (out.last_mut(), block) {
            (Some(Block::Table(rows)), Block::Table(more)) if rows.len() < MAX_TABLE_ROWS => {
                rows.extend(more)
            }
            (_, block) => out.push(block),
        }
    }
    flow.blocks = out;
}

/// A line of text outside the tables: its baseline, left and right edges, font size, and its
/// text in cells (more than one when it stands in columns far apart).
#[derive(Debug)]
pub(super) struct Line {
    trailing_space: bool,
    y: f64,
    left: f64,
    right: f64,
    size: f64,
    pub(super) cells: Vec<String>,
}

/// Glyphs on one baseline, split where a gap is wider than this many font sizes.
const COLUMN_GAP: f64 = 2.5;

/// Whether the gaps between glyphs stand for spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Gaps {
    /// The document draws its spaces: a gap is only layout.
    Drawn,
    /// The document draws no spaces: a gap as wide as one is a space.
    Spaces,
}

pub(super) fn lines_of(glyphs: &[&Glyph], gaps: Gaps) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            Some(group)
                if group
                    .first()
                    .is_some_and(|f| (f.y - g.y).abs() <= 0.4 * f.size.max(g.size)) =>
            {
                group.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut group| {
            group.sort_by(|a, b| a.x.total_cmp(&b.x));
            // A drawn space at the end of a line is the space before the word wrapped onto the
            // next (kept when the lines are joined); at either end it is no part of the edges.
            let blank = |g: &&Glyph| g.text.trim().is_empty();
            let trailing_space = group.last().is_some_and(blank);
            while group.last().is_some_and(blank) {
                group.pop();
            }
            let lead = group.iter().take_while(|g| blank(g)).count();
            group.drain(..lead);
            let first = group.first()?;
            let size = group.iter().map(|g| g.size).fold(0.0, f64::max);
            let mut cells = vec![String::new()];
            let mut prev: Option<&Glyph> = None;
            for g in &group {
                if let Some(p) = prev {
                    let gap = g.x - p.right();
                    if gap > COLUMN_GAP * size {
                        cells.push(String::new());
                    } else if gaps == Gaps::Spaces
                        && needs_space(p, g, gap)
                        && let Some(cell) = cells.last_mut()
                    {
                        cell.push(' ');
                    }
                }
                if let Some(cell) = cells.last_mut() {
                    cell.push_str(&g.text);
                }
                prev = Some(g);
            }
            let cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_string()).collect();
            Some(Line {
                trailing_space,
                y: first.y,
                left: first.x,
                right: group.iter().map(|g| g.right()).fold(f64::MIN, f64::max),
                size,
                cells,
            })
        })
        .collect()
}

fn is_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{2e80}'..='\u{9fff}').contains(&c)
            || ('\u{f900}'..='\u{faff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
    })
}

/// A gap between two glyphs is a space when it is as wide as one and the text around it is not
/// Chinese on both sides (Chinese lines are justified by spreading every character).
fn needs_space(prev: &Glyph, next: &Glyph, gap: f64) -> bool {
    if prev.text.ends_with(' ') || next.text.starts_with(' ') {
        return false;
    }
    let size = prev.size.max(next.size);
    if is_cjk(&prev.text) && is_cjk(&next.text) {
        gap > 0.9 * size
    } else {
        gap > 0.18 * size
    }
}

/// Lines that are only a page number, at the top or bottom of a page ("- 3 -", "— 3 —",
/// "第 3 页").
fn is_page_number(line: &Line, height: f64) -> bool {
    let near_edge = height <= 0.0 || line.y < height * 0.1 || line.y > height * 0.92;
    let text: String = line.cells.concat();
    let core: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '第' | '页' | '/'))
        .collect();
    near_edge && !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
}

/// The page's text column: the leftmost start and the rightmost end of its lines.
struct Margins {
    left: f64,
    right: f64,
}

impl Margins {
    fn of(lines: &[Line]) -> Margins {
        let mut lefts: Vec<f64> = lines.iter().map(|l| l.left).collect();
        lefts.sort_by(f64::total_cmp);
        let mut rights: Vec<f64> = lines.iter().map(|l| l.right).collect();
        rights.sort_by(f64::total_cmp);
        // The most common edges rather than the extremes, so a stray wide line (a URL, a seal's
        // caption) does not move the column.
        Margins {
            left: mode(&lefts).unwrap_or(0.0),
            right: mode(&rights).unwrap_or(f64::MAX),
        }
    }
}

/// The value the most sorted values lie within one point of.
fn mode(sorted: &[f64]) -> Option<f64> {
    let mut best: Option<(usize, f64)> = None;
    let mut start = 0;
    for (end, v) in sorted.iter().enumerate() {
        while sorted.get(start).is_some_and(|s| v - s > 1.0) {
            start += 1;
        }
        let n = end + 1 - start;
        if best.is_none_or(|(b, _)| n > b) {
            best = Some((n, *v));
        }
    }
    best.map(|(_, v)| v)
}

/// The paragraph being gathered from its lines.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// The last line's baseline, size, and whether it ran to the right margin.
    last: Option<(f64, f64, bool)>,
    /// The last line ended with a drawn space.
    trailing_space: bool,
}

impl Paragraph {
    fn add(&mut self, line: Line, margins: &Margins, flow: &mut Flow) {
        let indented = line.left > margins.left + 0.8 * line.size;
        let full = line.right > margins.right - 1.5 * line.size;
        let continues = self.last.is_some_and(|(y, size, was_full)| {
            let same_page_gap = y - line.y;
            // A line below the last (or the first of the next page) of the same size.
            let near = same_page_gap < 0.0 || same_page_gap < 2.2 * size;
            was_full && !indented && near && (size - line.size).abs() < 0.5
        });
        if !continues {
            self.flush(flow);
        }
        let text = line.cells.concat();
        if self.trailing_space && !self.text.is_empty() {
            self.text.push(' ');
        } else if let Some(prev) = self.text.chars().last()
            && let Some(next) = text.chars().next()
            && !is_cjk(&prev.to_string())
            && !is_cjk(&next.to_string())
            && prev.is_ascii_alphanumeric()
            && next.is_ascii_alphanumeric()
        {
            // Latin words wrapped at a line end were separated by a space.
            self.text.push(' ');
        }
        self.text.push_str(&text);
        self.trailing_space = line.trailing_space;
        self.last = Some((line.y, line.size, full));
    }

    fn flush(&mut self, flow: &mut Flow) {
        flow.paragraph(&std::mem::take(&mut self.text));
        self.last = None;
    }
}
