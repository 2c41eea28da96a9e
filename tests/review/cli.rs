//! `nianbao review`: exit codes and the files it writes.

use std::path::Path;

use nianbao::draft_file;
use nianbao::review::{Roster, report};

use crate::fixture::*;

fn nianbao(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("review")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn command_line_exit_codes_and_files() {
    let f = fixture();
    let out = f.this.parent().unwrap().join("输出");
    let xlsx = out.join("问题清单.xlsx");
    let returns = out.join("退回意见");
    let issued = out.join("下发");
    std::fs::create_dir_all(&out).unwrap();
    let os = |p: &Path| p.as_os_str().to_owned();
    let args = [
        os(&f.this),
        "--roster".into(),
        os(&f.roster),
        "--format".into(),
        "xlsx".into(),
        "-o".into(),
        os(&xlsx),
        "--returns".into(),
        os(&returns),
        "--issue-drafts".into(),
        os(&issued),
        "--last-year".into(),
        os(&f.last),
    ];
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let run = nianbao(&refs);
    let stderr = String::from_utf8_lossy(&run.stderr);
    // Faults planted: exit 1.
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let board = load(&f);
    assert!(stderr.contains(&report::summary(&board)), "{stderr}");
    assert!(xlsx.is_file());
    let letters = report::returns(&board);
    for l in &letters {
        assert!(
            returns.join(format!("{}.html", l.stem)).is_file(),
            "{}",
            l.stem
        );
        assert!(
            returns.join(format!("{}.docx", l.stem)).is_file(),
            "{}",
            l.stem
        );
    }
    assert_eq!(
        std::fs::read_dir(&returns).unwrap().count(),
        2 * letters.len()
    );
    for unit in Roster::load(&f.roster).unwrap().units {
        let d = draft_file::load(&issued.join(format!("{unit}.ron"))).unwrap();
        // The body as the unit's own report names it, where it reported.
        assert!(
            d.body == unit || d.body == format!("{unit}人民政府"),
            "{}",
            d.body
        );
        assert_eq!(d.year, 2022);
    }

    // JSON on standard output parses, and is the board's.
    let run = nianbao(&[f.this.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), board.rows.len());

    // Only clean units, every one on the roster: 0. Nothing readable: 2.
    let clean = out.join("清洁");
    save(&unit("第1镇"), &clean.join("a.ron"));
    save(&unit("第2镇"), &clean.join("b.ron"));
    // The roster kept in the folder of reports is not read as a report.
    let roster = clean.join("名单.txt");
    std::fs::write(&roster, "第1镇\n第2镇人民政府\n").unwrap();
    let run = nianbao(&[clean.as_os_str(), "--roster".as_ref(), roster.as_os_str()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let broken = f.this.join("破损.ron");
    let run = nianbao(&[broken.as_os_str()]);
    assert_eq!(run.status.code(), Some(2));
}

/// `--profile`: a regional profile's deadline applies on the board. A township planning to
/// publish on 1 March 2022 has no national deadline of its own; by 怀化's 20 February it is late.
#[test]
fn a_profile_moves_the_deadline_of_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let mut town = unit("某县某镇人民政府");
    town.level = nianbao::draft::Level::Township;
    town.publish_date = nianbao::date::Date::new(2022, 3, 1);
    save(&town, &dir.path().join("某镇.ron"));
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/profiles/huaihua-2021.ron");
    let verdict = |with_profile: bool| {
        let mut args = vec![dir.path().as_os_str().to_owned()];
        if with_profile {
            args.push("--profile".into());
            args.push(profile.as_os_str().to_owned());
        }
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let run = nianbao(&refs);
        let text = String::from_utf8_lossy(&run.stdout).into_owned();
        let at = text.find("发布时限 ").expect(&text);
        text[at + "发布时限 ".len()..].to_string()
    };
    assert!(
        verdict(false).starts_with("无统一时限"),
        "{}",
        verdict(false)
    );
    assert!(
        verdict(true).starts_with("逾期（时限2022年2月20日"),
        "{}",
        verdict(true)
    );
}
