//! What the board says across units: the roster's 未报 and not on the roster, units reported
//! twice, and the 问题清单 — every finding of every unit, one line each.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::roster::name_key;
use super::{Board, LastMatch, Row};
use crate::check::Severity;

/// The roster compared with the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Units on the roster without a report (未报), in the roster's order. Empty when the load
    /// was cancelled: a unit not yet read is not known to be missing.
    pub missing: Vec<String>,
    /// Units with more than one report: the name and the rows.
    pub twice: Vec<(String, Vec<usize>)>,
    /// Rows whose unit is not on the roster.
    pub not_on_roster: Vec<usize>,
}

/// One line of the 问题清单.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The unit (or the file, when it names none).
    pub unit: String,
    pub file: String,
    /// "R3", or what the board found: 读取, 名单, 重复, 上年.
    pub rule: String,
    pub severity: &'static str,
    /// Where: the cell or field for a finding, empty for the unit as a whole.
    pub cell: String,
    pub message: String,
}

impl Issue {
    /// The line as a person reads it: the place, unless the message begins by naming it already
    /// (the checker's messages name their table or field first), then the message.
    pub fn place_and_message(&self) -> String {
        let lead = self.cell.split('「').next().unwrap_or("");
        if self.cell.is_empty() || (!lead.is_empty() && self.message.starts_with(lead)) {
            self.message.clone()
        } else {
            format!("{}：{}", self.cell, self.message)
        }
    }
}

impl Board {
    /// The roster against the rows, and the units reported twice.
    pub fn status(&self) -> Status {
        // A unit's reports of two years (a folder that keeps last year's too) are not a unit
        // reported twice: twice is the same name for the same year.
        let mut by_unit: HashMap<(String, i32), Vec<usize>> = HashMap::new();
        let mut units_in_order = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let Some(u) = row.report() else { continue };
            let key = (name_key(u.body()), u.draft.year);
            if key.0.is_empty() {
                continue;
            }
            let rows = by_unit.entry(key.clone()).or_default();
            if rows.is_empty() {
                units_in_order.push((key, u.body().to_string()));
            }
            rows.push(i);
        }
        let twice = units_in_order
            .iter()
            .filter(|(k, _)| by_unit[k].len() > 1)
            .map(|(k, name)| (name.clone(), by_unit[k].clone()))
            .collect();
        let reported: HashSet<&str> = by_unit.keys().map(|(name, _)| name.as_str()).collect();
        let Some(roster) = &self.roster else {
            return Status {
                twice,
                ..Status::default()
            };
        };
        let expected: HashSet<String> = roster.units.iter().map(|u| name_key(u)).collect();
        let missing = if self.complete {
            (roster.units.iter())
                .filter(|u| !reported.contains(name_key(u).as_str()))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let not_on_roster = (self.rows.iter().enumerate())
            .filter(|(_, r)| {
                r.report()
                    .is_some_and(|u| !expected.contains(&name_key(u.body())))
            })
            .map(|(i, _)| i)
            .collect();
        Status {
            missing,
            twice,
            not_on_roster,
        }
    }

    /// The 问题清单: for each row in the board's order, what the board found about it, then its
    /// findings in report order; then the units of the roster that have not reported.
    pub fn issues(&self) -> Vec<Issue> {
        let status = self.status();
        let twice: HashMap<usize, &Vec<usize>> = status
            .twice
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(move |&i| (i, rows)))
            .collect();
        let off_roster: HashSet<usize> = status.not_on_roster.iter().copied().collect();
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let mut board_says = |rule: &str, severity: Severity, message: String| {
                out.push(Issue {
                    unit: row.name().to_string(),
                    file: row.source.clone(),
                    rule: rule.to_string(),
                    severity: severity.label(),
                    cell: String::new(),
                    message,
                });
            };
            let u = match &row.unit {
                Ok(u) => u,
                Err(why) => {
                    board_says("读取", Severity::Error, why.clone());
                    continue;
                }
            };
            if let Some(rows) = twice.get(&i) {
                let files: Vec<&str> = rows.iter().map(|&j| self.rows[j].source.as_str()).collect();
                let message = format!("同一单位报送了 {} 份报告：{}", rows.len(), files.join("、"));
                board_says("重复", Severity::Error, message);
            }
            if off_roster.contains(&i) {
                board_says(
                    "名单",
                    Severity::Warning,
                    "单位不在名单中，请核对单位名称".to_string(),
                );
            }
            if matches!(u.last_year, LastMatch::Missing | LastMatch::Ambiguous(_)) {
                board_says("上年", Severity::Warning, u.last_year.text());
            }
            out.extend(unit_issues(row));
        }
        for name in &status.missing {
            out.push(Issue {
                unit: name.clone(),
                file: String::new(),
                rule: "未报".to_string(),
                severity: Severity::Error.label(),
                cell: String::new(),
                message: "名单中的单位未报送年度报告".to_string(),
            });
        }
        out
    }
}

/// The checker's findings of one row as lines of the 问题清单.
pub fn unit_issues(row: &Row) -> Vec<Issue> {
    let Some(u) = row.report() else {
        return Vec::new();
    };
    u.findings
        .iter()
        .map(|f| Issue {
            unit: row.name().to_string(),
            file: row.source.clone(),
            rule: f.rule.to_string(),
            severity: f.severity.label(),
            cell: f.location.describe(&u.draft),
            message: f.message.clone(),
        })
        .collect()
}
