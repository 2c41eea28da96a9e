//! R23: what a regional profile (地方要求, [`crate::profile`]) asks of the text: length limits
//! per section and mentions a section must contain. Warnings, unless the profile sets the rule's
//! severity.

use super::{Finding, Location, RuleId};
use crate::draft::{Draft, TextField};
use crate::profile::{Profile, Section};

pub fn check(draft: &Draft, profile: &Profile, out: &mut Vec<Finding>) {
    for limit in &profile.max_chars {
        let n = super::counted_chars(&limit.section.text(draft));
        if n > limit.chars {
            let note = if limit.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", limit.note)
            };
            out.push(Finding::warning(
                RuleId::R23,
                location(draft, &limit.section),
                format!(
                    "{} 共 {n} 字，超过{}规定的 {} 字{note}",
                    limit.section.label(),
                    profile.name,
                    limit.chars
                ),
            ));
        }
    }
    for mention in &profile.required {
        if !mention.is_in(&mention.section.text(draft)) {
            let number = if mention.with_number {
                "（须写明数量）"
            } else {
                ""
            };
            out.push(Finding::warning(
                RuleId::R23,
                location(draft, &mention.section),
                format!(
                    "{} 没有写明{}{number}；{}要求写明",
                    mention.section.label(),
                    mention.what,
                    profile.name
                ),
            ));
        }
    }
}

/// Where a finding on a section points: the section's field, or the first matching part of 一.
fn location(draft: &Draft, section: &Section) -> Location {
    let first_part = || {
        if draft.parts.is_empty() {
            TextField::OverviewIntro
        } else {
            TextField::PartText(0)
        }
    };
    Location::Text(match section {
        Section::Preamble => TextField::Preamble,
        Section::Overview => first_part(),
        Section::Part(p) => draft
            .parts
            .iter()
            .position(|part| part.heading.contains(p.as_str()))
            .map_or_else(first_part, TextField::PartText),
        Section::Problems => TextField::Problems,
        Section::OtherMatters => TextField::OtherMatters,
    })
}
