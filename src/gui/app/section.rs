//! The parts of the report, as the list on the left names them.

use crate::address::Location;
use crate::draft::{SECTION_HEADINGS, TextField};
use crate::format::TableId;

/// A part of the report, as listed on the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Basic,
    Preamble,
    Overview,
    Table(TableId),
    Problems,
    OtherMatters,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Basic,
        Section::Preamble,
        Section::Overview,
        Section::Table(TableId::T2),
        Section::Table(TableId::T3),
        Section::Table(TableId::T4),
        Section::Problems,
        Section::OtherMatters,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Basic => "基本信息",
            Section::Preamble => "引言",
            Section::Overview => SECTION_HEADINGS[0],
            Section::Table(TableId::T2) => SECTION_HEADINGS[1],
            Section::Table(TableId::T3) => SECTION_HEADINGS[2],
            Section::Table(TableId::T4) => SECTION_HEADINGS[3],
            Section::Problems => SECTION_HEADINGS[4],
            Section::OtherMatters => SECTION_HEADINGS[5],
        }
    }

    /// The part a finding's location is shown in.
    pub fn of(location: Location) -> Section {
        match location {
            Location::Cell(key) => Section::Table(key.table),
            Location::Table(table) => Section::Table(table),
            Location::Meta(_) => Section::Basic,
            Location::Text(field) => match field {
                TextField::Title | TextField::Body | TextField::Contact(_) => Section::Basic,
                TextField::Preamble => Section::Preamble,
                TextField::OverviewIntro | TextField::PartHeading(_) | TextField::PartText(_) => {
                    Section::Overview
                }
                TextField::Problems => Section::Problems,
                TextField::OtherMatters => Section::OtherMatters,
            },
        }
    }
}
