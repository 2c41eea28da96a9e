//! Where a finding or an import note points: a cell, a text field, a field of the draft's data or
//! a whole table ([`Location`]).
//!
//! Above the draft (a location names its fields and is described with the draft's format), below
//! the checker and the importer, which both point with it.

use crate::draft::{Draft, TextField};
use crate::format::{CellKey, TableId};

/// A field of the draft that is not free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    Level,
    Year,
    PublishDate,
    /// The format the tables are laid out in.
    Format,
}

impl MetaField {
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Level => "机关层级",
            MetaField::Year => "报告年度",
            MetaField::PublishDate => "计划发布日期",
            MetaField::Format => "表格格式",
        }
    }
}

/// Where a finding points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    Cell(CellKey),
    Text(TextField),
    Meta(MetaField),
    Table(TableId),
}

impl Location {
    /// The location for people: "表三「（七）总计」行「总计」列", "六、其他需要报告的事项".
    pub fn describe(&self, draft: &Draft) -> String {
        match self {
            Location::Cell(key) => draft
                .format
                .def()
                .cell_by_key(*key)
                .map(|c| c.describe())
                .unwrap_or_else(|| format!("{} {}·{}", key.table.short_name(), key.row, key.col)),
            Location::Text(field) => field.label(),
            Location::Meta(field) => field.label().to_string(),
            Location::Table(table) => table.short_name().to_string(),
        }
    }

    /// The location for scripts, as a JSON object.
    pub fn to_json(&self, draft: &Draft) -> serde_json::Value {
        let label = self.describe(draft);
        match self {
            Location::Cell(key) => serde_json::json!({
                "kind": "cell", "table": key.table.code(), "row": key.row, "column": key.col, "label": label,
            }),
            Location::Text(field) => {
                let (name, index) = match field {
                    TextField::Title => ("title", None),
                    TextField::Body => ("body", None),
                    TextField::Contact(_) => ("contact", None),
                    TextField::Preamble => ("preamble", None),
                    TextField::OverviewIntro => ("overview_intro", None),
                    TextField::PartHeading(i) => ("part_heading", Some(*i)),
                    TextField::PartText(i) => ("part_text", Some(*i)),
                    TextField::Problems => ("problems", None),
                    TextField::OtherMatters => ("other_matters", None),
                };
                serde_json::json!({ "kind": "field", "field": name, "part": index, "label": label })
            }
            Location::Meta(field) => {
                let name = match field {
                    MetaField::Level => "level",
                    MetaField::Year => "year",
                    MetaField::PublishDate => "publish_date",
                    MetaField::Format => "format",
                };
                serde_json::json!({ "kind": "field", "field": name, "label": label })
            }
            Location::Table(table) => {
                serde_json::json!({ "kind": "table", "table": table.code(), "label": label })
            }
        }
    }
}
