//! Tables from their ruled lines: rules that touch form a table, the distinct x of its vertical
//! rules its columns and the distinct y of its horizontal rules its rows; two neighbouring slots
//! with no rule between them are one merged cell, and a glyph belongs to the cell its centre
//! falls in.

use super::super::source::{MAX_TABLE_COLUMNS, MAX_TABLE_ROWS};
use super::layout::{Gaps, Glyph, Rule, lines_of};

/// How close two coordinates must be to be the same line of a grid, in points.
const SNAP: f64 = 2.0;
/// The most rules of one page read as tables' borders.
const MAX_TABLE_RULES: usize = 4000;
/// The shortest rule that counts as a cell's border, in points.
const MIN_RULE: f64 = 4.0;

/// A table found from its rules: the grid's column and row lines, and which slots are walled
/// off from their neighbours.
pub(super) struct Table {
    pub(super) top: f64,
    /// Column lines, left to right.
    pub(super) xs: Vec<f64>,
    /// Row lines, top to bottom.
    ys: Vec<f64>,
    rules: Vec<Rule>,
}

/// The tables of a page: groups of rules that touch, with at least two rows' and two columns'
/// worth of lines; and how many groups had too many columns to be one.
pub(super) fn find_tables(rules: &[Rule]) -> (Vec<Table>, usize) {
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
    pub(super) fn read(
        &self,
        glyphs: &[Glyph],
        taken: &mut [bool],
        gaps: Gaps,
    ) -> Vec<Vec<String>> {
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
