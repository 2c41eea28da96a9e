//! Benchmark: 汇总 of 1,000 generated drafts. Prints the time to save, load, merge (each unit
//! checked on the way) and check the sum, and the peak memory (VmHWM). Run with
//! `cargo bench --no-default-features --bench merge`. It prints figures; it asserts nothing about
//! time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nianbao::check;
use nianbao::draft::{Draft, Level};
use nianbao::draft_file;
use nianbao::format::{CellKey, CellKind, CellType, FormatId, TableId};
use nianbao::merge::{self, MergeOptions, Unit};
use nianbao::value::Value;
use nianbao::years;
use rust_decimal::Decimal;

const UNITS: usize = 1_000;

/// A small deterministic generator (xorshift64*), so that every run merges the same drafts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

/// One unit's 2022 report, every entered cell filled, table 三 balanced column by column, with
/// last year's figures (so the cross-year rules run too) and, for every third unit, stated totals.
fn generate(i: usize, rng: &mut Rng) -> Draft {
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

fn vm_status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l[field.len()..].trim().to_string())
        })
        .unwrap_or_else(|| "（不可用）".to_string())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    println!(
        "merge benchmark: {UNITS} drafts, {} thread(s) available",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t = Instant::now();
    let drafts: Vec<Draft> = (0..UNITS).map(|i| generate(i, &mut rng)).collect();
    println!("  generate            {}", ms(t.elapsed()));
    let cells: usize = drafts.iter().map(|d| d.cells.len()).sum();
    println!("  cells in all drafts {cells}");

    // In memory: what the window does with drafts it has open.
    let names: Vec<String> = (0..UNITS).map(|i| format!("{i:04}.ron")).collect();
    let units: Vec<Unit<'_>> = names
        .iter()
        .zip(&drafts)
        .map(|(source, draft)| Unit {
            source: source.as_str(),
            draft,
        })
        .collect();
    let options = MergeOptions {
        body: Some("某市人民政府".into()),
        level: Some(Level::Prefectural),
    };
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        let merged = merge::merge(&units, &options).unwrap_or_else(|e| panic!("{e}"));
        let findings = check::check(&merged.draft);
        best = best.min(t.elapsed());
        last = Some((merged, findings));
    }
    let Some((merged, findings)) = last else {
        return;
    };
    let t = Instant::now();
    let unit_checks: usize = drafts.iter().map(|d| check::check(d).len()).sum();
    let check_only = t.elapsed();
    let t = Instant::now();
    let _ = merge::merge(&units, &options);
    let merge_and_unit_checks = t.elapsed();
    let t = Instant::now();
    let _ = check::check(&merged.draft);
    let check_sum = t.elapsed();
    println!("  merge + check (best of 5)      {}", ms(best));
    println!(
        "    of which: merge incl. checking each unit  {}",
        ms(merge_and_unit_checks)
    );
    println!(
        "              check of the sum               {}",
        ms(check_sum)
    );
    println!(
        "    (checking the {UNITS} units alone, one thread: {}; {unit_checks} findings)",
        ms(check_only)
    );
    let (errors, warnings) = check::tally(&findings);
    let unit_errors: usize = merged.units.iter().map(|u| u.tally().0).sum();
    println!(
        "  sum: {} cells, errors {errors}, warnings {warnings}; unit errors {unit_errors}",
        merged.draft.cells.len()
    );
    for f in &findings {
        println!("    sum [{}] {} {}", f.severity.label(), f.rule, f.message);
    }
    let mut unit_rules: Vec<_> = merged
        .units
        .iter()
        .flat_map(|u| u.findings.iter().map(|f| f.rule))
        .collect();
    unit_rules.sort();
    unit_rules.dedup();
    println!("    rules the units' findings come from: {unit_rules:?}");

    // From disk: what `nianbao merge` does.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
    let t = Instant::now();
    for (d, p) in drafts.iter().zip(&paths) {
        draft_file::save(d, p).unwrap_or_else(|e| panic!("{e}"));
    }
    println!("  save {UNITS} files      {}", ms(t.elapsed()));
    let t = Instant::now();
    let merged_files = merge::merge_files(&paths, &options).unwrap_or_else(|e| panic!("{e}"));
    let _ = check::check(&merged_files.draft);
    println!("  load + merge + check from files  {}", ms(t.elapsed()));
    assert_eq!(merged_files.draft, merged.draft);

    println!("  peak memory (VmHWM) {}", vm_status("VmHWM:"));
    println!("  memory now  (VmRSS) {}", vm_status("VmRSS:"));
}
