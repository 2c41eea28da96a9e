//! 退回意见: for each unit with findings, a short document listing what to correct, cell by cell,
//! to send back with its report (HTML, and Word in the report's own layout).

use askama::Template;

use crate::date::Date;
use crate::export::docx::{DocxError, export_letter};
use crate::review::{Board, Issue};

/// One unit's 退回意见.
#[derive(Clone, Debug)]
pub struct ReturnLetter {
    pub unit: String,
    /// The file the report came in.
    pub file: String,
    /// A file name for the letter, without extension: the unit's name, safe on every system.
    pub stem: String,
    pub title: String,
    /// The salutation line ("第2镇人民政府：").
    pub to: String,
    /// The body: the opening, one numbered line per problem, the request.
    pub paragraphs: Vec<String>,
}

#[derive(Template)]
#[template(path = "returns.html")]
struct Page<'a> {
    title: &'a str,
    to: &'a str,
    paragraphs: &'a [String],
    signature: &'a [String],
}

impl ReturnLetter {
    fn signature(supervisor: Option<&str>, date: Date) -> Vec<String> {
        supervisor
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string())
            .into_iter()
            .chain(std::iter::once(date.chinese()))
            .collect()
    }

    pub fn html(&self, supervisor: Option<&str>, date: Date) -> Result<String, askama::Error> {
        Page {
            title: &self.title,
            to: &self.to,
            paragraphs: &self.paragraphs,
            signature: &Self::signature(supervisor, date),
        }
        .render()
    }

    pub fn docx(&self, supervisor: Option<&str>, date: Date) -> Result<Vec<u8>, DocxError> {
        let mut paragraphs = vec![self.to.clone()];
        paragraphs.extend(self.paragraphs.iter().cloned());
        export_letter(
            &self.title,
            supervisor.unwrap_or(""),
            &paragraphs,
            &Self::signature(supervisor, date),
        )
    }
}

/// A name safe as a file name on Windows and Linux: reserved characters replaced, no leading dot.
pub fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "未命名单位".to_string()
    } else {
        cleaned
    }
}

/// One numbered line: "1. 表三「自然人」列：（七）总计 填写为 0……（R2，错误）".
fn line(n: usize, issue: &Issue) -> String {
    format!(
        "{n}. {}（{}，{}）",
        issue.place_and_message(),
        issue.rule,
        issue.severity
    )
}

/// The 退回意见 of every unit with findings, in the board's order. Units that could not be read
/// get one too (the reason, and a request to send the report again); 未报 units get none — a
/// reminder, not a return.
pub fn returns(board: &Board) -> Vec<ReturnLetter> {
    let issues = board.issues();
    let mut by_file: std::collections::HashMap<&str, Vec<&Issue>> = Default::default();
    for issue in issues.iter().filter(|i| !i.file.is_empty()) {
        by_file.entry(issue.file.as_str()).or_default().push(issue);
    }
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for row in &board.rows {
        let Some(mine) = by_file.get(row.source.as_str()) else {
            continue;
        };
        let year = row.report().map(|u| u.draft.year);
        let report = match year {
            Some(y) => format!("{y}年政府信息公开工作年度报告"),
            None => "政府信息公开工作年度报告".to_string(),
        };
        let mut paragraphs = vec![format!(
            "经审核，你单位报送的{report}（{}）存在以下问题，请逐项核对修改后重新报送：",
            row.source
        )];
        paragraphs.extend(mine.iter().enumerate().map(|(i, issue)| line(i + 1, issue)));
        paragraphs.push(
            "其中标为“错误”的须修改；标为“提示”的请核实，确属实际情况的可不修改，并在报送时说明。"
                .to_string(),
        );
        // Two files of one unit (reported twice) must not write one letter over the other.
        let mut stem = file_stem(row.name());
        let mut n = 2;
        while !used.insert(stem.clone()) {
            stem = format!("{}（{n}）", file_stem(row.name()));
            n += 1;
        }
        out.push(ReturnLetter {
            unit: row.name().to_string(),
            file: row.source.clone(),
            stem,
            title: format!("关于{}{report}的退回修改意见", row.name()),
            to: format!("{}：", row.name()),
            paragraphs,
        });
    }
    out
}
