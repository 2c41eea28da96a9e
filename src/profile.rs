//! Regional profiles (地方要求): what a supervising office asks of its units' reports on top of
//! the national format, as a `.ron` file the office writes once and hands out — local deadlines
//! per level, a length limit per section, required mentions per section, a minimum length for
//! 五, and a severity per rule. The checker reads one through [`crate::check::check_with`].
//!
//! Versioned like the draft file: [`PROFILE_VERSION`] is the version this build reads and
//! writes; a newer profile is refused with a message, never half read.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::draft::{Draft, Level, ProfileRef, SECTION_HEADINGS};
use crate::rules::RuleId;

/// The version of the profile format this build reads and writes.
///
/// - 1: the first format.
pub const PROFILE_VERSION: u32 = 1;

/// One regional profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile format's version ([`PROFILE_VERSION`]).
    pub profile_version: u32,
    /// A short id, "wuwei-2025": what a draft records ([`ProfileRef`]).
    pub id: String,
    /// Its name for people: "武威市2025年度政府信息公开工作年度报告要求".
    pub name: String,
    /// The notices the requirements come from, one line each (document number, date, address).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Local deadlines; the first that applies to a draft replaces the national one (R15).
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Length limits per section (R23).
    #[serde(default)]
    pub max_chars: Vec<Limit>,
    /// Mentions a section must contain (R23).
    #[serde(default)]
    pub required: Vec<Mention>,
    /// The minimum length of 五 (R17) in place of the national default of 50 characters.
    #[serde(default)]
    pub problems_min_chars: Option<usize>,
    /// The severity of a rule in this region: rule id ("R17", "R23", "隐私") → error or warning.
    #[serde(default)]
    pub severity: BTreeMap<String, RuleSeverity>,
}

/// A severity as a profile sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleSeverity {
    /// 错误
    Error,
    /// 提示
    Warning,
}

/// A local deadline: for bodies of `level` (and, when set, whose name starts with
/// `body_prefix`), publish by `publish_by` ("MM-DD") of the year after the report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub level: Level,
    /// "怀化市": only bodies whose name starts with it (a city's own departments, not a county's).
    #[serde(default)]
    pub body_prefix: Option<String>,
    /// Month and day of publication, "01-28".
    pub publish_by: String,
    /// Month and day by which the report is submitted to the office, if the notice sets one.
    #[serde(default)]
    pub submit_by: Option<String>,
    /// What the notice says, for the message: "市直单位于1月28日前在市政府门户网站公布".
    #[serde(default)]
    pub note: String,
}

/// A section of the report a limit or a mention applies to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    /// 引言
    Preamble,
    /// 一、总体情况, all of it: the opening text and every part.
    Overview,
    /// The part of 一 whose heading contains the text ("主动公开"); all of 一 when no heading
    /// does.
    Part(String),
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    OtherMatters,
}

impl Section {
    /// How messages name it.
    pub fn label(&self) -> String {
        match self {
            Section::Preamble => "引言".to_string(),
            Section::Overview => SECTION_HEADINGS[0].to_string(),
            Section::Part(p) => format!("{}中的“{p}”部分", SECTION_HEADINGS[0]),
            Section::Problems => SECTION_HEADINGS[4].to_string(),
            Section::OtherMatters => SECTION_HEADINGS[5].to_string(),
        }
    }

    /// The section's text in a draft.
    pub fn text(&self, draft: &Draft) -> String {
        let overview = || {
            let mut all = draft.overview_intro.clone();
            for part in &draft.parts {
                all.push_str(&part.text);
            }
            all
        };
        match self {
            Section::Preamble => draft.preamble.clone(),
            Section::Overview => overview(),
            Section::Part(p) => {
                let parts: Vec<&str> = draft
                    .parts
                    .iter()
                    .filter(|part| part.heading.contains(p.as_str()))
                    .map(|part| part.text.as_str())
                    .collect();
                if parts.is_empty() {
                    overview()
                } else {
                    parts.concat()
                }
            }
            Section::Problems => draft.problems.clone(),
            Section::OtherMatters => draft.other_matters.clone(),
        }
    }
}

/// A length limit: at most `chars` characters (letters and digits; whitespace and punctuation
/// are not counted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub section: Section,
    pub chars: usize,
    /// What the notice says, for the message: "篇幅原则上不超过一千字".
    #[serde(default)]
    pub note: String,
}

/// Something a section must mention: one of `any_of`, and with `with_number`, a figure in the
/// same clause (between ，。；): "发布政策解读35条", "发布35条政策解读".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub section: Section,
    /// What is asked, for the message: "政策解读发布数量".
    pub what: String,
    /// Words any of which shows the mention.
    pub any_of: Vec<String>,
    /// Whether a figure must stand in the same clause as the word.
    #[serde(default)]
    pub with_number: bool,
}

impl Mention {
    /// Whether `text` holds the mention.
    pub fn is_in(&self, text: &str) -> bool {
        let text: String = text.split_whitespace().collect();
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        text.split(['，', '。', '；', ';', '\n']).any(|clause| {
            self.any_of.iter().any(|word| {
                clause.contains(word.as_str()) && (!self.with_number || clause.chars().any(digit))
            })
        })
    }
}

/// Why a profile could not be read. Every message is for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("无法读取地方要求文件：{0}")]
    Io(String),
    #[error("地方要求文件第 {line} 行第 {col} 列有错误：{message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    #[error("这不是地方要求文件（文件中没有 profile_version 版本号）")]
    NotAProfile,
    #[error(
        "此地方要求文件为更新的格式（版本 {found}），本程序只能读取到版本 {PROFILE_VERSION}；请升级 nianbao"
    )]
    TooNew { found: u32 },
    #[error("地方要求文件内容有误：{0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    profile_version: u32,
}

fn syntax(err: &ron::error::SpannedError) -> ProfileError {
    match crate::draft_file::syntax_error(err) {
        crate::draft_file::LoadError::Syntax { line, col, message } => {
            ProfileError::Syntax { line, col, message }
        }
        other => ProfileError::Invalid(other.to_string()),
    }
}

/// "01-28" → (1, 28).
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.trim().split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    Date::new(2000, m, d).map(|_| (m, d))
}

impl Profile {
    /// Reads a profile from its `.ron` text.
    pub fn from_ron(text: &str) -> Result<Profile, ProfileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let options = ron::Options::default().with_recursion_limit(32);
        let probe: Probe = options.from_str(text).map_err(|e| syntax(&e))?;
        match probe.profile_version {
            0 => return Err(ProfileError::NotAProfile),
            v if v > PROFILE_VERSION => return Err(ProfileError::TooNew { found: v }),
            _ => {}
        }
        let profile: Profile = options.from_str(text).map_err(|e| syntax(&e))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Reads a profile file.
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ProfileError::Io(format!("{}（{}）", e.kind(), path.display())))?;
        Profile::from_ron(&text)
    }

    /// The profile as `.ron` text.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new()
            .escape_strings(false)
            .struct_names(false)
            .indentor("  ");
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default() + "\n"
    }

    fn validate(&self) -> Result<(), ProfileError> {
        if self.id.trim().is_empty() {
            return Err(ProfileError::Invalid("id 不能为空".to_string()));
        }
        for d in &self.deadlines {
            for date in std::iter::once(&d.publish_by).chain(d.submit_by.iter()) {
                if month_day(date).is_none() {
                    return Err(ProfileError::Invalid(format!(
                        "期限“{date}”不是有效的月-日（应写作如“01-28”）"
                    )));
                }
            }
        }
        for code in self.severity.keys() {
            if RuleId::from_code(code).is_none() {
                return Err(ProfileError::Invalid(format!(
                    "severity 中的规则“{code}”不存在（应为 R1…R24、隐私、待复核）"
                )));
            }
        }
        for m in &self.required {
            if m.any_of.iter().all(|w| w.trim().is_empty()) {
                return Err(ProfileError::Invalid(format!(
                    "required 中“{}”的 any_of 没有列出任何词语",
                    m.what
                )));
            }
        }
        Ok(())
    }

    /// What a draft records of this profile.
    pub fn reference(&self) -> ProfileRef {
        ProfileRef {
            id: self.id.clone(),
            name: self.name.clone(),
            version: self.profile_version,
        }
    }

    /// The local publication deadline for `draft`, with what the notice says, when one applies.
    pub fn deadline_for(&self, draft: &Draft) -> Option<(Date, String)> {
        self.deadlines.iter().find_map(|d| {
            if d.level != draft.level {
                return None;
            }
            if let Some(prefix) = &d.body_prefix
                && !draft.body.trim().starts_with(prefix.as_str())
            {
                return None;
            }
            let (m, day) = month_day(&d.publish_by)?;
            let date = Date::new(draft.year + 1, m, day)?;
            let note = if d.note.is_empty() {
                self.name.clone()
            } else {
                format!("{}：{}", self.name, d.note)
            };
            Some((date, note))
        })
    }

    /// The severity this profile sets for `rule`, if it sets one.
    pub fn severity_of(&self, rule: RuleId) -> Option<RuleSeverity> {
        self.severity
            .iter()
            .find(|(code, _)| RuleId::from_code(code) == Some(rule))
            .map(|(_, s)| *s)
    }

    /// What the profile adds, one line each, for the clerk (the window's 地方要求 and
    /// `check --profile`).
    pub fn describe(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{}（{}，第 {} 版）",
            self.name, self.id, self.profile_version
        )];
        out.extend(self.sources.iter().map(|s| format!("依据：{s}")));
        for d in &self.deadlines {
            let who = match &d.body_prefix {
                Some(p) => format!("{}（名称以“{p}”开头）", d.level.label()),
                None => d.level.label().to_string(),
            };
            let submit = d
                .submit_by
                .as_ref()
                .map(|s| format!("，{s} 前报送"))
                .unwrap_or_default();
            out.push(format!(
                "发布时限：{who} 于次年 {} 前发布{submit}",
                d.publish_by
            ));
        }
        for l in &self.max_chars {
            out.push(format!("篇幅：{} 不超过 {} 字", l.section.label(), l.chars));
        }
        for m in &self.required {
            let number = if m.with_number {
                "（须有数字）"
            } else {
                ""
            };
            out.push(format!(
                "须写明：{} 写明{}{number}",
                m.section.label(),
                m.what
            ));
        }
        if let Some(n) = self.problems_min_chars {
            out.push(format!("篇幅：{} 不少于 {n} 字", SECTION_HEADINGS[4]));
        }
        for (code, s) in &self.severity {
            let s = match s {
                RuleSeverity::Error => "错误",
                RuleSeverity::Warning => "提示",
            };
            out.push(format!("级别：{code} 按{s}处理"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Profile {
        Profile {
            profile_version: PROFILE_VERSION,
            id: "test".into(),
            name: "测试地方要求".into(),
            sources: vec!["某政办发〔2025〕1号".into()],
            deadlines: vec![Deadline {
                level: Level::Department,
                body_prefix: Some("某市".into()),
                publish_by: "01-28".into(),
                submit_by: Some("01-26".into()),
                note: "市直单位".into(),
            }],
            max_chars: vec![Limit {
                section: Section::Overview,
                chars: 1000,
                note: String::new(),
            }],
            required: vec![Mention {
                section: Section::Part("主动公开".into()),
                what: "政策解读发布数量".into(),
                any_of: vec!["政策解读".into(), "解读".into()],
                with_number: true,
            }],
            problems_min_chars: Some(100),
            severity: [("R17".to_string(), RuleSeverity::Error)]
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn a_profile_round_trips() {
        let p = sample();
        let text = p.to_ron();
        assert_eq!(Profile::from_ron(&text).unwrap(), p, "{text}");
    }

    #[test]
    fn a_broken_profile_says_where_in_chinese() {
        let text = sample()
            .to_ron()
            .replacen("chars: 1000", "chars: \"一千\"", 1);
        let err = Profile::from_ron(&text).unwrap_err();
        let ProfileError::Syntax { line, col, .. } = err else {
            panic!("{err:?}");
        };
        assert!(line > 1 && col > 1);
        let message = err.to_string();
        assert!(message.starts_with("地方要求文件第"), "{message}");
        assert!(!message.contains("xpected"), "{message}");
        let unknown = sample().to_ron().replacen("R17", "R99", 1);
        assert!(
            Profile::from_ron(&unknown)
                .unwrap_err()
                .to_string()
                .contains("R99")
        );
        let newer = sample()
            .to_ron()
            .replacen("profile_version: 1", "profile_version: 9", 1);
        assert!(matches!(
            Profile::from_ron(&newer),
            Err(ProfileError::TooNew { found: 9 })
        ));
        assert!(matches!(
            Profile::from_ron("(id: \"x\")"),
            Err(ProfileError::NotAProfile)
        ));
    }

    #[test]
    fn mentions_with_a_number_need_a_figure_after_the_word() {
        let m = &sample().required[0];
        assert!(m.is_in("发布政策解读 35 条"));
        assert!(!m.is_in("做好政策解读工作"));
    }
}
