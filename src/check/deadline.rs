//! R15: the planned publication date against the deadline of the body's level (条例 art. 49).

use super::{Finding, Location, MetaField, RuleId};
use crate::date::Date;
use crate::draft::Draft;
use crate::profile::Profile;

/// A regional profile's deadline for the draft's level, when it sets one, replaces the national
/// one (怀化 2021: 市直单位 by 1月28日, 县直单位 and 乡镇 by 2月20日).
pub fn check(draft: &Draft, profile: Option<&Profile>, out: &mut Vec<Finding>) {
    let Some(date) = draft.publish_date else {
        return;
    };
    let location = Location::Meta(MetaField::PublishDate);
    // The statistics cover the whole report year: nothing can be published before it ends.
    if let Some(year_end) = Date::new(draft.year, 12, 31)
        && date <= year_end
    {
        out.push(Finding::warning(
            RuleId::R15,
            location,
            format!(
                "计划发布日期为{}，早于统计期限结束（{}）；年度报告应在报告年度结束后发布",
                date.chinese(),
                year_end.chinese()
            ),
        ));
        return;
    }
    let local = profile.and_then(|p| p.deadline_for(draft));
    let Some((deadline, basis)) =
        local.or_else(|| (draft.publication_deadline()).map(|(d, b)| (d, b.to_string())))
    else {
        return;
    };
    if date > deadline {
        out.push(Finding::warning(
            RuleId::R15,
            location,
            format!(
                "计划发布日期为{}，晚于发布时限{}（{}；{}）",
                date.chinese(),
                deadline.chinese(),
                draft.level.label(),
                basis
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Location, MetaField, RuleId, Severity, check};
    use crate::date::Date;
    use crate::draft::Level;

    fn r15(d: &crate::draft::Draft) -> Vec<String> {
        check(d)
            .into_iter()
            .filter(|f| f.rule == RuleId::R15)
            .inspect(|f| {
                assert_eq!(f.severity, Severity::Warning);
                assert_eq!(f.location, Location::Meta(MetaField::PublishDate));
            })
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn no_date_no_finding() {
        let d = clean_2021();
        assert!(d.publish_date.is_none());
        assert_eq!(r15(&d), Vec::<String>::new());
    }

    #[test]
    fn departments_publish_by_31_january() {
        let mut d = clean_2021();
        d.level = Level::Department;
        d.publish_date = Date::new(2022, 1, 31);
        assert_eq!(r15(&d), Vec::<String>::new());
        d.publish_date = Date::new(2022, 2, 1);
        let found = r15(&d);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("2022年1月31日"), "{}", found[0]);
        assert!(found[0].contains("第四十九条"), "{}", found[0]);
        d.level = Level::StateCouncilDepartment;
        assert_eq!(r15(&d).len(), 1);
    }

    #[test]
    fn governments_publish_by_31_march() {
        let mut d = clean_2021();
        for level in [Level::County, Level::Prefectural, Level::Provincial] {
            d.level = level;
            d.publish_date = Date::new(2022, 3, 31);
            assert_eq!(r15(&d), Vec::<String>::new(), "{level}");
            d.publish_date = Date::new(2022, 4, 1);
            let found = r15(&d);
            assert_eq!(found.len(), 1, "{level}");
            assert!(found[0].contains("2022年3月31日"), "{}", found[0]);
        }
    }

    #[test]
    fn townships_follow_the_local_deadline() {
        let mut d = clean_2021();
        d.level = Level::Township;
        d.publish_date = Date::new(2022, 3, 15);
        // No local deadline set: the checker cannot tell.
        assert_eq!(r15(&d), Vec::<String>::new());
        d.local_deadline = Date::new(2022, 2, 28);
        let found = r15(&d);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("2022年2月28日"), "{}", found[0]);
        d.local_deadline = Date::new(2022, 3, 31);
        assert_eq!(r15(&d), Vec::<String>::new());
        // The local deadline binds townships only.
        d.level = Level::Department;
        assert_eq!(r15(&d).len(), 1);
    }

    #[test]
    fn a_date_within_the_report_year_is_too_early() {
        let mut d = clean_2021();
        d.publish_date = Date::new(2021, 12, 1);
        let found = r15(&d);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("早于统计期限结束"), "{}", found[0]);
    }
}
