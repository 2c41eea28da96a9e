//! Regional profiles (地方要求): the shipped ones read and round-trip; a broken one is refused in
//! Chinese with its line and column; 武威 2025 flags a long 一 and a missing 政策解读 count; 怀化
//! 2021 moves a city department's deadline.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::check::{self, Location, MetaField, RuleId, Severity};
use nianbao::date::Date;
use nianbao::draft::{Draft, Level, TextField};
use nianbao::draft_file;
use nianbao::profile::{Profile, ProfileError, RuleSeverity};

fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn shipped(name: &str) -> Profile {
    Profile::load(&project(&format!("assets/profiles/{name}"))).expect("profile loads")
}

fn jinjiang() -> Draft {
    draft_file::load(&project("assets/examples/2021-jinjiang-corrected.ron")).unwrap()
}

#[test]
fn the_shipped_profiles_read_and_round_trip() {
    for name in ["wuwei-2025.ron", "huaihua-2021.ron"] {
        let p = shipped(name);
        assert!(!p.sources.is_empty(), "{name} cites its notice");
        let back = Profile::from_ron(&p.to_ron()).unwrap();
        assert_eq!(back, p, "{name}");
        assert!(p.describe().len() > 2, "{name}");
    }
}

#[test]
fn a_broken_profile_is_refused_in_chinese_with_line_and_column() {
    let text = std::fs::read_to_string(project("assets/profiles/wuwei-2025.ron")).unwrap();
    let broken = text.replacen("chars: 1000", "chars: 一千", 1);
    let err = Profile::from_ron(&broken).unwrap_err();
    let line = broken
        .lines()
        .position(|l| l.contains("chars: 一千"))
        .unwrap()
        + 1;
    match &err {
        ProfileError::Syntax { line: l, col, .. } => {
            assert_eq!(*l, line);
            assert!(*col > 1);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("地方要求文件第 {line} 行第")),
        "{message}"
    );
    assert!(
        !message.contains("xpected") && !message.contains("struct"),
        "{message}"
    );
    let unknown_field = text.replacen("max_chars:", "max_char:", 1);
    let message = Profile::from_ron(&unknown_field).unwrap_err().to_string();
    assert!(message.contains("max_char"), "{message}");
}

#[test]
fn wuwei_flags_a_long_overview_and_a_missing_policy_interpretation_count() {
    let wuwei = shipped("wuwei-2025.ron");
    let mut d = Draft::new("武威市某局", Level::Department, 2025);
    let five = [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
    ];
    for (part, heading) in d.parts.iter_mut().zip(five) {
        part.heading = heading.to_string();
    }
    d.parts[0].text =
        "全年通过政府网站发布信息320条，政务新媒体发布信息150条；发布政策解读12条，回应关切5次；\
        教育、医疗、就业、养老、公共资源配置等重点领域发布信息86条。"
            .into();
    d.parts[2].text = "本年度制发行政规范性文件2件，废止1件，现行有效15件。".into();
    d.parts[3].text = "设立政府信息公开平台1个，开设政务公开专区2个。".into();
    let r23 = |d: &Draft| -> Vec<check::Finding> {
        check::check_with(d, Some(&wuwei))
            .into_iter()
            .filter(|f| f.rule == RuleId::R23)
            .collect()
    };
    assert_eq!(r23(&d), vec![]);
    // Without the profile, nothing regional is said.
    d.parts[4].text = "加强监督考核。".repeat(231);
    assert!(check::check(&d).iter().all(|f| f.rule != RuleId::R23));
    // 一 of 1,500 characters.
    let total: usize = d.parts.iter().map(|p| check::counted_chars(&p.text)).sum();
    assert!((1450..=1600).contains(&total), "{total}");
    let found = r23(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("超过") && found[0].message.contains("1000"));
    assert_eq!(found[0].severity, Severity::Warning);
    // 主动公开 without the number of 政策解读.
    d.parts[4].text = "加强监督考核。".into();
    d.parts[0].text = d.parts[0]
        .text
        .replace("发布政策解读12条，", "做好政策解读，");
    let found = r23(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("政策解读发布数量"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].location, Location::Text(TextField::PartText(0)));
}

#[test]
fn huaihua_moves_a_city_departments_deadline() {
    let huaihua = shipped("huaihua-2021.ron");
    let mut d = jinjiang();
    d.body = "怀化市财政局".into();
    d.level = Level::Department;
    d.publish_date = Date::new(2022, 1, 30);
    let r15 = |d: &Draft, p: Option<&Profile>| -> Vec<check::Finding> {
        check::check_with(d, p)
            .into_iter()
            .filter(|f| f.rule == RuleId::R15)
            .collect()
    };
    // Nationally 1月31日: in time.
    assert_eq!(r15(&d, None), vec![]);
    let found = r15(&d, Some(&huaihua));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].location, Location::Meta(MetaField::PublishDate));
    assert!(
        found[0].message.contains("2022年1月28日"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message.contains("市直单位"),
        "{}",
        found[0].message
    );
    // A county's department (县直单位) has until 2月20日.
    d.body = "中方县财政局".into();
    d.publish_date = Date::new(2022, 2, 15);
    assert_eq!(r15(&d, Some(&huaihua)), vec![]);
    d.publish_date = Date::new(2022, 2, 21);
    assert_eq!(r15(&d, Some(&huaihua)).len(), 1);
}

#[test]
fn a_profile_sets_a_rules_severity_and_the_minimum_length_of_five() {
    let mut p = shipped("huaihua-2021.ron");
    p.problems_min_chars = Some(2000);
    p.severity.insert("R17".into(), RuleSeverity::Error);
    let d = jinjiang();
    let r17: Vec<_> = check::check_with(&d, Some(&p))
        .into_iter()
        .filter(|f| f.rule == RuleId::R17)
        .collect();
    assert_eq!(r17.len(), 1, "{r17:?}");
    assert_eq!(r17[0].severity, Severity::Error);
    assert!(r17[0].message.contains("少于 2000 个字"));
}

#[test]
fn check_and_export_take_a_profile() {
    let nianbao = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .output()
            .unwrap()
    };
    let draft = project("assets/examples/2021-jinjiang-corrected.ron");
    let profile = project("assets/profiles/wuwei-2025.ron");
    let out = nianbao(&[
        "check",
        draft.to_str().unwrap(),
        "--profile",
        profile.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("地方要求：武威市"), "{stdout}");
    assert!(stdout.contains("R23"), "{stdout}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(profile_version: 1, id: ").unwrap();
    let out = nianbao(&[
        "export",
        draft.to_str().unwrap(),
        "--format",
        "text",
        "--profile",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("地方要求文件第 1 行"), "{stderr}");
}
