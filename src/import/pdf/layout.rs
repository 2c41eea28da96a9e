//! Laying a PDF's text out again from where each glyph stands on its page: tables from the ruled
//! lines drawn around their cells (a glyph belongs to the cell its centre falls in, merged cells
//! found where a rule is missing between two slots), the rest as lines joined into paragraphs by
//! their indent and where they end. Nothing here splits text by its spaces.

use super::super::source::{Block, Flow, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS};

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
    fn centre(&self) -> (f64, f64) {
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
    fn horizontal(&self) -> bool {
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

/// How close two coordinates must be to be the same line of a grid, in points.
const SNAP: f64 = 2.0;
/// The most rules of one page read as tables' borders.
const MAX_TABLE_RULES: usize = 4000;
/// The shortest rule that counts as a cell's border, in points.
const MIN_RULE: f64 = 4.0;

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
struct Line {
    trailing_space: bool,
    y: f64,
    left: f64,
    right: f64,
    size: f64,
    cells: Vec<String>,
}

/// Glyphs on one baseline, split where a gap is wider than this many font sizes.
const COLUMN_GAP: f64 = 2.5;

/// Whether the gaps between glyphs stand for spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gaps {
    /// The document draws its spaces: a gap is only layout.
    Drawn,
    /// The document draws no spaces: a gap as wide as one is a space.
    Spaces,
}

fn lines_of(glyphs: &[&Glyph], gaps: Gaps) -> Vec<Line> {
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

/// A table found from its rules: the grid's column and row lines, and which slots are walled
/// off from their neighbours.
struct Table {
    top: f64,
    /// Column lines, left to right.
    xs: Vec<f64>,
    /// Row lines, top to bottom.
    ys: Vec<f64>,
    rules: Vec<Rule>,
}

/// The tables of a page: groups of rules that touch, with at least two rows' and two columns'
/// worth of lines; and how many groups had too many columns to be one.
fn find_tables(rules: &[Rule]) -> (Vec<Table>, usize) {
    let rules: Vec<Rule> = rules
        .iter()
        .copied()
        .filter(|r| (r.x1 - r.x0).max(r.y1 - r.y0) >= MIN_RULE)
        // Every pair is compared: a bound keeps a page of hatching from taking minutes. A
        // report's page has a few hundred.
        .take(MAX_TABLE_RULES)
        .collect();
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let touch = |a: &Rule, b: &Rule| {
        a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP && a.y0 <= b.y1 + SNAP && b.y0 <= a.y1 + SNAP
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*rule);
    }
    let mut too_wide = 0;
    let tables = groups
        .into_values()
        .filter_map(|rules| {
            let xs = snap(rules.iter().filter(|r| !r.horizontal()).map(|r| r.x0));
            let mut ys = snap(rules.iter().filter(|r| r.horizontal()).map(|r| r.y0));
            ys.reverse();
            if xs.len() < 2 || ys.len() < 2 {
                return None;
            }
            if xs.len() > MAX_TABLE_COLUMNS + 1 {
                too_wide += 1;
                return None;
            }
            Some(Table {
                top: *ys.first()?,
                xs,
                ys,
                rules,
            })
        })
        .collect();
    (tables, too_wide)
}

/// Distinct coordinates, those within [`SNAP`] of each other taken as one, ascending.
fn snap(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut all: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    all.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in all {
        match out.last() {
            Some(last) if v - last <= SNAP => {}
            _ => out.push(v),
        }
    }
    out
}

impl Table {
    /// A vertical rule at `x` between heights `lo` and `hi` (a wall between two slots).
    fn vertical_wall(&self, x: f64, lo: f64, hi: f64) -> bool {
        let mid = (lo + hi) / 2.0;
        self.rules.iter().any(|r| {
            !r.horizontal() && (r.x0 - x).abs() <= SNAP && r.y0 <= mid + SNAP && r.y1 >= mid - SNAP
        })
    }

    fn horizontal_wall(&self, y: f64, lo: f64, hi: f64) -> bool {
        let mid = (lo + hi) / 2.0;
        self.rules.iter().any(|r| {
            r.horizontal() && (r.y0 - y).abs() <= SNAP && r.x0 <= mid + SNAP && r.x1 >= mid - SNAP
        })
    }

    /// The table's rows of slots, a merged cell's text in its first slot; the glyphs read are
    /// marked taken.
    fn read(&self, glyphs: &[Glyph], taken: &mut [bool], gaps: Gaps) -> Vec<Vec<String>> {
        let (cols, rows) = (self.xs.len() - 1, self.ys.len() - 1);
        let slot = |r: usize, c: usize| r * cols + c;
        let mut parent: Vec<usize> = (0..rows * cols).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        fn join(parent: &mut [usize], a: usize, b: usize) {
            let (ra, rb) = (root(parent, a), root(parent, b));
            // The cell's root is its first slot (top row, then left column).
            if ra < rb {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
        for r in 0..rows {
            let (top, bottom) = (self.ys[r], self.ys[r + 1]);
            for c in 0..cols {
                let (left, right) = (self.xs[c], self.xs[c + 1]);
                if c + 1 < cols && !self.vertical_wall(right, bottom, top) {
                    join(&mut parent, slot(r, c), slot(r, c + 1));
                }
                if r + 1 < rows && !self.horizontal_wall(bottom, left, right) {
                    join(&mut parent, slot(r, c), slot(r + 1, c));
                }
            }
        }
        let mut in_cell: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
        let (left, right) = (self.xs[0], self.xs[cols]);
        let (top, bottom) = (self.ys[0], self.ys[rows]);
        for (i, g) in glyphs.iter().enumerate() {
            let (cx, cy) = g.centre();
            if cx < left || cx > right || cy > top || cy < bottom {
                continue;
            }
            let c = self
                .xs
                .partition_point(|x| *x < cx)
                .saturating_sub(1)
                .min(cols - 1);
            let r = self
                .ys
                .partition_point(|y| *y > cy)
                .saturating_sub(1)
                .min(rows - 1);
            let cell = root(&mut parent, slot(r, c));
            in_cell[cell].push(g);
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
        }
        let mut grid = vec![vec![String::new(); cols]; rows.min(MAX_TABLE_ROWS)];
        for (i, glyphs) in in_cell.iter().enumerate() {
            if glyphs.is_empty() {
                continue;
            }
            let (r, c) = (i / cols, i % cols);
            let lines = lines_of(glyphs, gaps);
            let text: Vec<String> = lines.into_iter().map(|l| l.cells.join(" ")).collect();
            if let Some(cell) = grid.get_mut(r).and_then(|row| row.get_mut(c)) {
                *cell = text.join("\n");
            }
        }
        grid
    }
}
