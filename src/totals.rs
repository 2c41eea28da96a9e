//! Totals: computed from the entered cells, and read "as stated where stated" for the rules.
//!
//! A total is never stored twice: the draft holds a total only as stated (typed over, or read
//! from a published report); what it should be is always computed here from the draft.

use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;

use crate::draft::Draft;
use crate::format::{CellDef, CellKey, CellKind, TableDef, TotalDef};

/// One sum that defines a total cell: its definition and the cells it adds up.
pub struct Sum {
    pub def: &'static TotalDef,
    /// `true` when the total runs along the row (a total column), `false` down the column.
    pub along_row: bool,
    pub parts: Vec<CellDef>,
}

/// The sums that define a cell: none for an entered cell, one for most totals, two for a cell
/// that is both a row total and a column total (table 三's （七）总计 × 总计).
pub fn sums_of(cell: &CellDef) -> Vec<Sum> {
    let mut out = Vec::new();
    if let Some(def) = &cell.col.total {
        out.push(Sum {
            def,
            along_row: true,
            parts: row_parts(cell, def).collect(),
        });
    }
    if let Some(def) = &cell.row.total {
        out.push(Sum {
            def,
            along_row: false,
            parts: column_parts(cell, def).collect(),
        });
    }
    out
}

/// The parts of a total column's sum: the cells of the same row in the columns it adds up.
fn row_parts<'a>(cell: &'a CellDef, def: &'static TotalDef) -> impl Iterator<Item = CellDef> + 'a {
    def.parts
        .iter()
        .filter_map(move |id| sibling(cell, cell.row.id, id))
}

/// The parts of a total row's sum: the cells of the same column in the rows it adds up.
fn column_parts<'a>(
    cell: &'a CellDef,
    def: &'static TotalDef,
) -> impl Iterator<Item = CellDef> + 'a {
    def.parts
        .iter()
        .filter_map(move |id| sibling(cell, id, cell.col.id))
}

/// The cell at `row` × `col` of `cell`'s table, looked for in `cell`'s own block first: the parts
/// of a sum stand there, and totals are computed on every keystroke, cell by cell.
fn sibling(cell: &CellDef, row: &str, col: &str) -> Option<CellDef> {
    let block = cell.block;
    // The ids asked for are the definitions' own: the same address is the same id.
    let same = |id: &str, wanted: &str| std::ptr::eq(id, wanted) || id == wanted;
    match (
        block.rows.iter().find(|r| same(r.id, row)),
        block.columns.iter().find(|c| same(c.id, col)),
    ) {
        (Some(row), Some(col)) => Some(CellDef {
            table: cell.table,
            block,
            row,
            col,
        }),
        _ => cell.table.cell(row, col),
    }
}

/// Adds optional counts: blank counts as 0, but a sum of nothing but blanks stays blank.
fn add(values: impl IntoIterator<Item = Option<u64>>) -> Option<u64> {
    values.into_iter().fold(None, |acc, v| match (acc, v) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    })
}

/// What a cell amounts to when every total is computed from the entered cells below it.
pub fn computed(draft: &Draft, cell: &CellDef) -> Option<u64> {
    if cell.kind() != CellKind::Total {
        return draft.count(cell.key());
    }
    if let Some(known) = remembered(draft, cell.key()) {
        return known;
    }
    // Both sums of a two-way total reach the same entered cells, so either will do: the first,
    // as `sums_of` lists them, without building the list.
    let value = match (&cell.col.total, &cell.row.total) {
        (Some(def), _) => add(row_parts(cell, def).map(|p| computed(draft, &p))),
        (None, Some(def)) => add(column_parts(cell, def).map(|p| computed(draft, &p))),
        (None, None) => None,
    };
    remember(draft, cell.key(), value);
    value
}

/// The totals of one draft computed so far, while a [`Remember`] for it lives.
struct Remembered {
    /// The draft's address: compared, never followed.
    draft: *const Draft,
    totals: HashMap<CellKey, Option<u64>>,
}

thread_local! {
    static REMEMBERED: RefCell<Option<Remembered>> = const { RefCell::new(None) };
}

/// While it lives, each total of its draft is computed once. The checker reads the same totals
/// in many rules, and each grand total is the sum of totals: computed afresh at every call, the
/// same entered cells were added up again and again at every keystroke. It borrows the draft,
/// so the draft cannot change (or be dropped, and another take its place) while totals are
/// remembered; one made while another lives remembers nothing itself.
pub struct Remember<'a> {
    owner: bool,
    _draft: PhantomData<&'a Draft>,
}

impl<'a> Remember<'a> {
    pub fn totals_of(draft: &'a Draft) -> Remember<'a> {
        let owner = REMEMBERED.with_borrow_mut(|r| {
            if r.is_some() {
                return false;
            }
            *r = Some(Remembered {
                draft,
                totals: HashMap::new(),
            });
            true
        });
        Remember {
            owner,
            _draft: PhantomData,
        }
    }
}

impl Drop for Remember<'_> {
    fn drop(&mut self) {
        if self.owner {
            REMEMBERED.with_borrow_mut(|r| *r = None);
        }
    }
}

fn remembered(draft: &Draft, key: CellKey) -> Option<Option<u64>> {
    REMEMBERED.with_borrow(|r| {
        let r = r.as_ref().filter(|r| std::ptr::eq(r.draft, draft))?;
        r.totals.get(&key).copied()
    })
}

fn remember(draft: &Draft, key: CellKey, value: Option<u64>) {
    REMEMBERED.with_borrow_mut(|r| {
        if let Some(r) = r.as_mut().filter(|r| std::ptr::eq(r.draft, draft)) {
            r.totals.insert(key, value);
        }
    });
}

/// The value the rules read: what the draft holds (entered, or a total as stated), and for a
/// total with nothing stated, its computed value.
pub fn read(draft: &Draft, cell: &CellDef) -> Option<u64> {
    match draft.count(cell.key()) {
        Some(v) => Some(v),
        None if cell.kind() == CellKind::Total => computed(draft, cell),
        None => None,
    }
}

/// The sum of a total's parts as the rules read them (stated totals included; blank as 0).
pub fn sum_as_read(draft: &Draft, sum: &Sum) -> u64 {
    add(sum.parts.iter().map(|p| read(draft, p))).unwrap_or(0)
}

/// The computed value of every total cell of a table, for a view that shows many of them at once.
pub fn computed_totals(draft: &Draft, table: &'static TableDef) -> HashMap<CellKey, Option<u64>> {
    let _once = Remember::totals_of(draft);
    table
        .cells()
        .filter(|c| c.kind() == CellKind::Total)
        .map(|c| (c.key(), computed(draft, &c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;
    use crate::format::TableId;
    use crate::value::Value;

    fn cell(draft: &Draft, row: &str, col: &str) -> CellDef {
        draft.format.def().cell(TableId::T3, row, col).unwrap()
    }

    #[test]
    fn a_view_of_every_total_gives_what_each_computed_alone_gives() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
        for name in ["2019-yonghe", "2021-jinjiang", "2021-jinjiang-corrected"] {
            let mut d = crate::draft_file::load(&dir.join(format!("{name}.ron"))).unwrap();
            // A blank part under a total, and a stated total over different parts.
            if let Some(k) = d.cells.keys().next().copied() {
                d.cells.remove(&k);
            }
            for table in d.format.def().tables {
                let all = computed_totals(&d, table);
                let totals: Vec<CellDef> = table
                    .cells()
                    .filter(|c| c.kind() == CellKind::Total)
                    .collect();
                assert_eq!(all.len(), totals.len(), "{name}");
                for c in totals {
                    assert_eq!(all[&c.key()], computed(&d, &c), "{name} {:?}", c.key());
                }
            }
        }
    }

    #[test]
    fn remembered_totals_are_of_their_own_draft_and_forgotten_after() {
        let mut d = Draft::new("测试局", Level::Department, 2021);
        let granted = CellKey {
            table: TableId::T3,
            row: "granted",
            col: "natural",
        };
        d.cells.insert(granted, Value::Count(5));
        let mut other = d.clone();
        other.cells.insert(granted, Value::Count(9));
        let total = cell(&d, "total", "total");
        {
            let _remember = Remember::totals_of(&d);
            assert_eq!(computed(&d, &total), Some(5));
            // Another draft is computed for itself, and a second scope changes nothing.
            let _inner = Remember::totals_of(&other);
            assert_eq!(computed(&other, &total), Some(9));
            assert_eq!(computed(&d, &total), Some(5));
        }
        d.cells.insert(granted, Value::Count(6));
        assert_eq!(computed(&d, &total), Some(6));
    }

    #[test]
    fn totals_are_computed_from_entered_cells() {
        let mut d = Draft::new("测试局", Level::Department, 2021);
        let t3 = |row: &'static str, col: &'static str| CellKey {
            table: TableId::T3,
            row,
            col,
        };
        d.cells.insert(t3("granted", "natural"), Value::Count(5));
        d.cells.insert(t3("granted", "legal"), Value::Count(2));
        d.cells.insert(t3("withheld_4", "natural"), Value::Count(1));
        assert_eq!(computed(&d, &cell(&d, "granted", "total")), Some(7));
        assert_eq!(computed(&d, &cell(&d, "total", "natural")), Some(6));
        assert_eq!(computed(&d, &cell(&d, "total", "total")), Some(8));
        // All parts blank: the total is blank, not 0.
        assert_eq!(computed(&d, &cell(&d, "new", "total")), None);
        // A stated total is read as stated; computing ignores it.
        d.cells.insert(t3("total", "natural"), Value::Count(0));
        assert_eq!(read(&d, &cell(&d, "total", "natural")), Some(0));
        assert_eq!(computed(&d, &cell(&d, "total", "natural")), Some(6));
        assert_eq!(computed(&d, &cell(&d, "total", "total")), Some(8));
    }
}
