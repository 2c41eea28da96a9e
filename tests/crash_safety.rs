//! Killed at any moment, a save leaves the old file or the new one whole: a child process saves
//! two drafts in turn as fast as it can, and is killed (SIGKILL) at a random moment, many times.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use nianbao::draft::{Draft, Level};
use nianbao::draft_file;

const CHILD_ENV: &str = "NIANBAO_SAVE_LOOP_TARGET";

fn drafts() -> [Draft; 2] {
    let mut a = Draft::new("甲局", Level::Department, 2024);
    a.problems = "甲".repeat(20_000);
    let mut b = Draft::new("乙镇人民政府", Level::Township, 2019);
    b.preamble = "乙".repeat(35_000);
    [a, b]
}

/// Not a test of its own: the body of the child process (does nothing unless the parent set
/// the environment variable).
#[test]
fn save_loop_child() {
    let Some(target) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let target = PathBuf::from(target);
    let [a, b] = drafts();
    loop {
        for d in [&a, &b] {
            let _ = draft_file::save(d, &target);
        }
    }
}

fn assert_whole(path: &Path, round: usize) {
    let [a, b] = drafts();
    if !path.exists() {
        return;
    }
    let loaded = draft_file::load(path)
        .unwrap_or_else(|e| panic!("round {round}: {} is not whole: {e}", path.display()));
    assert!(
        loaded == a || loaded == b,
        "round {round}: {} holds neither draft",
        path.display()
    );
}

#[test]
fn killing_a_process_in_the_middle_of_saves_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("草稿.ron");
    let exe = std::env::current_exe().unwrap();
    let mut rounds = 0;
    for round in 0..40 {
        let mut child = Command::new(&exe)
            .args([
                "save_loop_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A different moment each round: 20 to 120 ms into the loop.
        std::thread::sleep(Duration::from_millis(20 + (round * 37 % 100) as u64));
        child.kill().unwrap(); // SIGKILL on Unix: no chance to clean up.
        child.wait().unwrap();
        assert_whole(&target, round);
        assert_whole(&draft_file::backup_path(&target), round);
        rounds += 1;
    }
    assert_eq!(rounds, 40);
    assert!(target.exists(), "at least one save completed");
    println!("killed 40 times mid-save; every file was whole");
}
