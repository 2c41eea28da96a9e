//! Benchmark: the review board (审核汇总台) on 1,000 and 5,000 generated unit drafts plus 200
//! published texts in a temporary folder. Prints the time to review them (read, check, match last
//! year's reports, figures and ratios), to build the 问题清单 and the .xlsx, and to merge them,
//! and the peak memory of each size (VmHWM, reset between sizes). Run with
//! `cargo bench --no-default-features --bench review`. It prints figures; it asserts nothing.

use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::draft_file;
use nianbao::export::{self, ExportFormat, ExportOptions};
use nianbao::merge::MergeOptions;
use nianbao::review::{self, Progress, ReviewOptions, report};

#[path = "support/drafts.rs"]
mod drafts;

use drafts::{Rng, generate};

/// Published texts beside the drafts (each read by the importer).
const TEXTS: usize = 200;

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

/// Resets the peak resident size (VmHWM) to the current one, so that each size is measured on its
/// own (Linux 4.0 and later; elsewhere the figure is the process's peak so far).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The CPU time the process has used (user + system), from /proc/self/stat: on a shared machine
/// the wall time of a step includes waiting for a core, and this tells the two apart.
fn cpu_time() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // The fields after the command name (which is in parentheses and may hold spaces).
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0);
    // The kernel counts in USER_HZ, 100 a second on Linux.
    Duration::from_millis(ticks * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Writes `units` drafts and [`TEXTS`] published texts into `dir`.
fn build(dir: &Path, units: usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let options = ExportOptions {
        values: Default::default(),
        fragment: false,
    };
    for i in 0..units + TEXTS {
        let mut d = generate(i, &mut rng);
        if i < units {
            draft_file::save(&d, &dir.join(format!("{i:05}.ron")))
                .unwrap_or_else(|e| panic!("{e}"));
        } else {
            // A published report is what the unit printed: without last year's link.
            d.last_year = None;
            let text =
                export::export(&d, ExportFormat::Text, options).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn run(units: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    build(dir.path(), units);
    println!("{units} drafts + {TEXTS} texts");
    println!("  write the folder    {}", ms(t.elapsed()));
    reset_peak();
    let paths = [dir.path().to_path_buf()];
    let progress = Progress::default();
    let t = Instant::now();
    let cpu = cpu_time();
    let board = review::review(&paths, &ReviewOptions::default(), &progress);
    let reviewed = t.elapsed();
    let reviewed_cpu = cpu_time().saturating_sub(cpu);
    println!(
        "  review              {}  (CPU {}; {} rows, {} readable)",
        ms(reviewed),
        ms(reviewed_cpu),
        board.rows.len(),
        board.readable()
    );
    println!("  peak after review   {}", vm_status("VmHWM:"));
    let t = Instant::now();
    let issues = board.issues();
    println!(
        "  问题清单            {}  ({} lines)",
        ms(t.elapsed()),
        issues.len()
    );
    let t = Instant::now();
    let xlsx = report::xlsx(&board).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "  xlsx                {}  ({} KB)",
        ms(t.elapsed()),
        xlsx.len() / 1024
    );
    println!("  peak after xlsx     {}", vm_status("VmHWM:"));
    drop((issues, xlsx));
    let all: Vec<usize> = (0..board.rows.len()).collect();
    let options = MergeOptions {
        body: Some("某省人民政府".into()),
        level: None,
    };
    let t = Instant::now();
    match board.merge(&all, false, &options) {
        Ok(done) => println!(
            "  merge               {}  ({} units)",
            ms(t.elapsed()),
            done.merged.draft.merged_from.len()
        ),
        Err(e) => println!("  merge refused: {e}"),
    }
    println!("  peak memory (VmHWM) {}", vm_status("VmHWM:"));
    drop(board);
    // The published texts alone: the importer's share of the review.
    let texts: Vec<_> = (units..units + TEXTS)
        .map(|i| dir.path().join(format!("{i:05}.txt")))
        .collect();
    let t = Instant::now();
    let cpu = cpu_time();
    let board = review::review(&texts, &ReviewOptions::default(), &Progress::default());
    println!(
        "  of which {} texts   {}  (CPU {})",
        board.rows.len(),
        ms(t.elapsed()),
        ms(cpu_time().saturating_sub(cpu))
    );
}

fn main() {
    println!(
        "review benchmark, {} thread(s) available",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Sizes may be given on the command line (`-- 5000`); by default 1,000 and 5,000.
    let mut sizes: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 5_000];
    }
    for units in sizes {
        run(units);
    }
}
