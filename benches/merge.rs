//! Benchmark: 汇总 of 1,000 generated drafts. Prints the time to save, load, merge (each unit
//! checked on the way) and check the sum, and the peak memory (VmHWM). Run with
//! `cargo bench --no-default-features --bench merge`. It prints figures; it asserts nothing about
//! time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nianbao::check;
use nianbao::draft::{Draft, Level};
use nianbao::draft_file;
use nianbao::merge::{self, MergeOptions, Unit};

const UNITS: usize = 1_000;

#[path = "support/drafts.rs"]
mod drafts;

use drafts::{Rng, generate};

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
