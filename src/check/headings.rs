//! R24: the section headings of an imported report ([`Draft::published_headings`]) — numbered
//! 一…六, in order, in the official wording (spec §1: "the tool should enforce the six
//! headings"; 30号 names 格式规范). A draft written here has fixed headings and is not checked.

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField};
use crate::format::TableId;

/// Where a finding on section `i` points.
fn location(section: usize) -> Location {
    match section {
        0 => Location::Text(TextField::OverviewIntro),
        1 => Location::Table(TableId::T2),
        2 => Location::Table(TableId::T3),
        3 => Location::Table(TableId::T4),
        4 => Location::Text(TextField::Problems),
        _ => Location::Text(TextField::OtherMatters),
    }
}

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    let found = &draft.published_headings;
    if found.is_empty() {
        return;
    }
    for (section, official) in SECTION_HEADINGS.iter().enumerate() {
        // A heading not found at all is left to the import notes ("未找到第五部分的标题"): text
        // extracted from a PDF loses headings (上海市政府办公厅 2025 lost "五、…"), and the
        // report cannot be blamed for that.
        let Some(h) = found.iter().find(|h| h.section == section) else {
            continue;
        };
        let mut wrong = Vec::new();
        if h.number != Some(section + 1) {
            wrong.push("编号");
        }
        if !h.exact {
            wrong.push("文字");
        }
        if !wrong.is_empty() {
            out.push(Finding::warning(
                RuleId::R24,
                location(section),
                format!(
                    "已发布的标题“{}”的{}与规定的“{official}”不同",
                    h.text.trim(),
                    wrong.join("和")
                ),
            ));
        }
    }
    if !found.windows(2).all(|w| w[0].section < w[1].section) {
        let order: Vec<&str> = found.iter().map(|h| h.text.trim()).collect();
        out.push(Finding::warning(
            RuleId::R24,
            location(found[0].section),
            format!(
                "已发布报告各部分标题的顺序与规定不同：{}",
                order.join(" → ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Severity, check};
    use super::*;
    use crate::draft::PublishedHeading;

    fn official() -> Vec<PublishedHeading> {
        SECTION_HEADINGS
            .iter()
            .enumerate()
            .map(|(i, h)| PublishedHeading {
                section: i,
                text: h.to_string(),
                number: Some(i + 1),
                exact: true,
            })
            .collect()
    }

    fn r24(d: &Draft) -> Vec<String> {
        check(d)
            .into_iter()
            .filter(|f| f.rule == RuleId::R24)
            .inspect(|f| assert_eq!(f.severity, Severity::Warning))
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn r24_official_headings_in_order_pass_and_drafts_are_not_checked() {
        let mut d = clean_2021();
        assert!(r24(&d).is_empty());
        d.published_headings = official();
        assert!(r24(&d).is_empty());
    }

    #[test]
    fn r24_renumbered_renamed_and_out_of_order_headings_a_missing_one_left_to_the_import_notes() {
        let mut d = clean_2021();
        let mut h = official();
        h[4] = PublishedHeading {
            section: 4,
            text: "五、政府信息公开工作存在的主要问题及改进情况".into(),
            number: Some(5),
            exact: false,
        };
        h.swap(1, 2);
        h[1].number = Some(2);
        h.pop();
        d.published_headings = h;
        let found = r24(&d);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .any(|m| m.contains("的编号与规定的“三、收到和处理"))
        );
        assert!(found.iter().any(|m| m.contains("的文字与规定的“五、")));
        assert!(found.iter().any(|m| m.contains("顺序")));
    }
}
