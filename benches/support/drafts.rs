//! The generated unit drafts the benchmarks share: each a 2022 report with every entered cell
//! filled, table 三 balanced, last year's figures carried (so the cross-year rules run).

use nianbao::draft::{Draft, Level};
use nianbao::format::{CellKey, CellKind, CellType, FormatId, TableId};
use nianbao::value::Value;
use nianbao::years;
use rust_decimal::Decimal;

/// A small deterministic generator (xorshift64*), so that every run merges the same drafts.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

/// One unit's 2022 report, every entered cell filled, table 三 balanced column by column, with
/// last year's figures (so the cross-year rules run too) and, for every third unit, stated totals.
pub fn generate(i: usize, rng: &mut Rng) -> Draft {
    let level = if i.is_multiple_of(4) {
        Level::Township
    } else {
        Level::Department
    };
    let mut last = Draft::new(format!("第{i:04}号单位"), level, 2021);
    last.cells.insert(
        key(TableId::T2, "normative", "in_force"),
        Value::Count(rng.below(300)),
    );
    for col in ["natural", "commercial", "legal"] {
        last.cells.insert(
            key(TableId::T3, "carry_forward", col),
            Value::Count(rng.below(3)),
        );
    }
    let mut d = years::next_year(&last)
        .map(|n| n.draft)
        .unwrap_or_else(|e| panic!("{e}"));
    d.other_matters = "本年度未收取信息处理费。".into();
    let def = FormatId::F2021.def();
    for cell in def.cells() {
        let CellKind::Entered(ty) = cell.kind() else {
            continue;
        };
        if cell.table.id == TableId::T3 && matches!(cell.row.id, "new" | "carried") {
            continue;
        }
        let value = match ty {
            CellType::Count => Value::Count(rng.below(if cell.table.id == TableId::T2 {
                100_000
            } else {
                6
            })),
            CellType::Signed => Value::Signed(rng.below(21) as i64 - 10),
            CellType::Amount => Value::Amount(Decimal::new(rng.below(10_000_000_000) as i64, 6)),
            CellType::Money => continue,
        };
        d.cells.insert(cell.key(), value);
    }
    // Table 三, each column: 一 + 二 = 三（七） + 四.
    let t3 = def.table(TableId::T3);
    for col in t3.blocks[0].columns.iter().filter(|c| c.total.is_none()) {
        let carried = d
            .count(key(TableId::T3, "carried", col.id))
            .unwrap_or_else(|| {
                d.cells
                    .insert(key(TableId::T3, "carried", col.id), Value::Count(0));
                0
            });
        let concluded: u64 = t3.blocks[0]
            .rows
            .iter()
            .filter(|r| r.path.first() == Some(&"三、本年度办理结果") && r.total.is_none())
            .filter_map(|r| d.count(key(TableId::T3, r.id, col.id)))
            .sum();
        let forward = d
            .count(key(TableId::T3, "carry_forward", col.id))
            .unwrap_or(0);
        let new = (concluded + forward).saturating_sub(carried);
        let carried_ok = concluded + forward >= carried;
        if !carried_ok {
            d.cells.insert(
                key(TableId::T3, "carry_forward", col.id),
                Value::Count(forward + carried - concluded),
            );
        }
        d.cells
            .insert(key(TableId::T3, "new", col.id), Value::Count(new));
    }
    // R9 holds: in_force = last + issued − repealed (when that is not negative).
    let last_in_force = last
        .count(key(TableId::T2, "normative", "in_force"))
        .unwrap_or(0);
    let issued = d
        .count(key(TableId::T2, "normative", "issued"))
        .unwrap_or(0);
    let repealed = d
        .count(key(TableId::T2, "normative", "repealed"))
        .unwrap_or(0)
        .min(last_in_force + issued);
    d.cells.insert(
        key(TableId::T2, "normative", "repealed"),
        Value::Count(repealed),
    );
    d.cells.insert(
        key(TableId::T2, "normative", "in_force"),
        Value::Count(last_in_force + issued - repealed),
    );
    if i.is_multiple_of(3) {
        for cell in def.cells().filter(|c| c.kind() == CellKind::Total) {
            if let Some(n) = nianbao::totals::computed(&d, &cell) {
                d.cells.insert(cell.key(), Value::Count(n));
            }
        }
    }
    d
}
