//! Benchmark: the command line as scripts call it, one whole process per report. Prints, for
//! `--version` (the process floor), `check`, `export --format text|html|docx` and `import`, the
//! median and 90th percentile wall time of spawning `nianbao` and waiting for it, and each
//! command's gap above the floor. Run with `cargo bench --no-default-features --bench cli`. It
//! prints figures; it asserts nothing about time.
//!
//! The binary is the one cargo built for this benchmark (`target/release/nianbao`), or the one
//! named by `NIANBAO_BENCH_BIN`. `NIANBAO_BENCH_BASE` names a second binary (for instance last
//! week's build) to run interleaved with the first, run for run, so that both see the same load
//! on a shared machine. `NIANBAO_BENCH_RUNS` sets the runs per command (default 50). Where
//! `/usr/bin/time` exists, the peak memory (max RSS) of one run of each command is shown too.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One command line of the benchmark: a name and the arguments after `nianbao`.
struct Case {
    name: &'static str,
    args: Vec<String>,
}

fn cases(root: &Path, out: &Path, bin: &Path) -> Vec<Case> {
    let example = root.join("assets/examples/2021-jinjiang-corrected.ron");
    let example = example.to_string_lossy().into_owned();
    let mut cases = vec![
        Case {
            name: "--version",
            args: vec!["--version".into()],
        },
        Case {
            name: "check",
            args: vec!["check".into(), example.clone()],
        },
    ];
    // Exports go to standard output (the benchmark discards it), as a script piping them would;
    // writing a file adds the file system's flush to disk, which is no part of nianbao's work.
    for format in ["text", "html", "docx"] {
        cases.push(Case {
            name: match format {
                "text" => "export --format text",
                "html" => "export --format html",
                _ => "export --format docx",
            },
            args: vec![
                "export".into(),
                example.clone(),
                "--format".into(),
                format.into(),
            ],
        });
    }
    // The seed text of the same report, as published, where the shared reports are beside the
    // project; otherwise the example's own text export stands in for it. Import writes its draft
    // to a file (flushed to disk, as every save is).
    let seed = root.join("../shared/reports/seeds/2021-city-jinjiang.txt");
    let seed = if seed.exists() {
        seed
    } else {
        let text = Command::new(bin)
            .args(["export", &example, "--format", "text"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()))
            .stdout;
        let path = out.join("report.txt");
        std::fs::write(&path, text).expect("a temporary file");
        path
    };
    cases.push(Case {
        name: "import",
        args: vec![
            "import".into(),
            seed.to_string_lossy().into_owned(),
            "-o".into(),
            out.join("imported.ron").to_string_lossy().into_owned(),
        ],
    });
    cases
}

/// Runs the binary once and returns the wall time from spawn to exit.
fn run_once(bin: &Path, args: &[String]) -> Duration {
    let start = Instant::now();
    let status = Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let elapsed = start.elapsed();
    // `check` exits 1 on errors in the draft; only a crash or an unreadable file is a failure.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{} {args:?} failed: {status}",
        bin.display()
    );
    elapsed
}

/// The peak resident memory of one run in KiB, as `/usr/bin/time` reports it.
fn max_rss_kib(bin: &Path, args: &[String]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = Command::new(time)
        .args(["-f", "%M"])
        .arg(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// The `p`-th percentile (nearest rank) of sorted samples, in milliseconds.
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    let rank = (sorted.len() * p).div_ceil(100).max(1) - 1;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

struct Figures {
    median: f64,
    p90: f64,
    rss: Option<u64>,
}

fn figures(mut samples: Vec<Duration>, rss: Option<u64>) -> Figures {
    samples.sort();
    Figures {
        median: percentile(&samples, 50),
        p90: percentile(&samples, 90),
        rss,
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = std::env::var_os("NIANBAO_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_nianbao")));
    let base = std::env::var_os("NIANBAO_BENCH_BASE").map(PathBuf::from);
    let runs: usize = std::env::var("NIANBAO_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(50)
        .max(1);
    let out = tempfile::tempdir().expect("a temporary folder");
    let cases = cases(&root, out.path(), &bin);
    let bins: Vec<&Path> = std::iter::once(bin.as_path())
        .chain(base.as_deref())
        .collect();

    // Warm the page cache and the files, then run every command of every binary once per round,
    // so that a burst of load elsewhere on the machine falls on all of them alike.
    for b in &bins {
        for c in &cases {
            run_once(b, &c.args);
        }
    }
    let mut samples = vec![vec![Vec::with_capacity(runs); cases.len()]; bins.len()];
    for _ in 0..runs {
        for (bi, b) in bins.iter().enumerate() {
            for (ci, c) in cases.iter().enumerate() {
                samples[bi][ci].push(run_once(b, &c.args));
            }
        }
    }

    println!("nianbao command line, one process per report, {runs} runs each (wall time, ms)");
    for (bi, b) in bins.iter().enumerate() {
        println!();
        println!("{}", b.display());
        println!(
            "{:<22} {:>8} {:>8} {:>14} {:>12}",
            "command", "median", "p90", "above floor", "max RSS"
        );
        let figs: Vec<Figures> = cases
            .iter()
            .zip(std::mem::take(&mut samples[bi]))
            .map(|(c, s)| figures(s, max_rss_kib(b, &c.args)))
            .collect();
        let floor = figs[0].median;
        for (c, f) in cases.iter().zip(&figs) {
            let gap = if c.name == "--version" {
                "(floor)".to_owned()
            } else {
                format!("+{:.2}", f.median - floor)
            };
            let rss = f
                .rss
                .map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
                .unwrap_or_else(|| "-".into());
            println!(
                "{:<22} {:>8.2} {:>8.2} {:>14} {:>12}",
                c.name, f.median, f.p90, gap, rss
            );
        }
    }
}
