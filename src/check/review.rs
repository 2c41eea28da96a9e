//! 待复核: text fields carried from last year's report by 新建下一年度 that the clerk has not yet
//! looked at ([`Draft::review`]). Not a rule of spec §4, but a report published with last year's
//! wording is the 内容雷同 that 国办公开办函〔2021〕30号 warns of, so each marked field is a
//! warning, located at the field.

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, SECTION_HEADINGS, TextField, chinese_numeral};

pub fn check(draft: &Draft, out: &mut Vec<Finding>) {
    for field in &draft.review {
        // A mark on a part that no longer exists names nothing.
        if draft.text(*field).is_none() {
            continue;
        }
        out.push(Finding::warning(
            RuleId::Review,
            Location::Text(*field),
            format!(
                "「{}」沿用上年报告的文字，尚未复核；请按本年度情况修改或确认（修改后标记自动取消）",
                field_name(draft, *field)
            ),
        ));
    }
}

/// How a clerk knows the field: "一、总体情况（二）依申请公开" for a part of section 一, the
/// field's label otherwise.
fn field_name(draft: &Draft, field: TextField) -> String {
    let part = |i: usize| {
        let heading = draft.parts.get(i).map_or("", |p| p.heading.trim());
        format!(
            "{}（{}）{heading}",
            SECTION_HEADINGS[0],
            chinese_numeral(i + 1)
        )
    };
    match field {
        TextField::PartText(i) => part(i),
        TextField::PartHeading(i) => format!("{}标题", part(i)),
        other => other.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RuleId, Severity, check};
    use crate::draft::{Draft, Level, TextField};

    #[test]
    fn each_marked_field_is_a_warning_at_the_field() {
        let mut d = Draft::new("某局", Level::Department, 2022);
        d.parts[1].text = "去年的文字。".into();
        d.review.insert(TextField::PartText(1));
        d.review.insert(TextField::Preamble);
        let found: Vec<_> = check(&d)
            .into_iter()
            .filter(|f| f.rule == RuleId::Review)
            .collect();
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        let part = found
            .iter()
            .find(|f| f.location == super::super::Location::Text(TextField::PartText(1)))
            .expect("the part's finding");
        assert!(
            part.message
                .starts_with("「一、总体情况（二）依申请公开」沿用上年报告的文字，尚未复核"),
            "{}",
            part.message
        );
        assert_eq!(RuleId::Review.to_string(), "待复核");
        d.review.clear();
        assert!(!check(&d).iter().any(|f| f.rule == RuleId::Review));
    }
}
