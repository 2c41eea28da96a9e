//! The board as a printable HTML page: units, 未报, and the 问题清单. Everything read from the
//! units' files is escaped by askama: a body name holding `<script>` prints as text.

use askama::Template;

use super::summary;
use crate::review::{Board, Column, Issue};

/// The board's columns on the page, in order.
/// The page's columns: all of the board's but the format, which the year implies.
fn columns() -> impl Iterator<Item = Column> {
    Column::ALL.into_iter().filter(|c| *c != Column::Format)
}

fn is_numeric(column: Column) -> bool {
    !matches!(
        column,
        Column::Unit
            | Column::File
            | Column::Level
            | Column::LastYear
            | Column::Deadline
            | Column::Format
    )
}

struct RowView {
    error: bool,
    /// (text, numeric).
    cells: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct Page {
    title: String,
    summary: String,
    columns: Vec<&'static str>,
    rows: Vec<RowView>,
    missing: Vec<String>,
    issues: Vec<Issue>,
}

/// The page. `title` names the review ("2025年度政府信息公开工作年度报告审核汇总").
pub fn html(board: &Board, title: &str) -> Result<String, askama::Error> {
    let rows = board
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<(String, bool)> =
                columns().map(|c| (c.text(row), is_numeric(c))).collect();
            if let Err(why) = &row.unit {
                // The reason stands where the figures would be.
                cells[2] = (why.clone(), false);
            }
            RowView {
                error: row.has_errors(),
                cells,
            }
        })
        .collect();
    Page {
        title: title.to_string(),
        summary: summary(board),
        columns: columns().map(|c| c.label()).collect(),
        rows,
        missing: board.status().missing,
        issues: board.issues(),
    }
    .render()
}
