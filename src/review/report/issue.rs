//! 下发: one draft per unit of the roster for the coming year, to send out. Where the unit's
//! report of this year is on the board, the draft is its 新建下一年度 (last year's figures carried
//! for R8 and R9, 上年结转 filled); otherwise a blank draft with the body, level and year.

use std::collections::HashMap;

use crate::draft::{Draft, Level};
use crate::review::Board;
use crate::review::roster::name_key;
use crate::years;

/// One draft to send out.
#[derive(Clone, Debug)]
pub struct IssuedDraft {
    pub unit: String,
    pub draft: Draft,
    /// Whether this year's report was carried (else the draft is blank).
    pub carried: bool,
}

/// The level a unit's name suggests, for a unit with no report on the board: 乡镇、街道 are
/// townships, the rest departments of the government that supervises them. The clerk of the
/// unit corrects it in 基本信息 when it is wrong.
fn level_from_name(name: &str) -> Level {
    let name = name.trim();
    if ["镇", "乡", "街道", "街道办事处", "镇人民政府", "乡人民政府"]
        .iter()
        .any(|end| name.ends_with(end))
    {
        Level::Township
    } else {
        Level::Department
    }
}

/// The drafts for `year` (by default the year after the board's latest report), one per unit of
/// the roster, or per unit on the board when there is no roster, in the roster's (the board's)
/// order. `None` when there is no year to go by (nothing read and none given).
pub fn issue_drafts(board: &Board, year: Option<i32>) -> Option<Vec<IssuedDraft>> {
    let latest = board
        .rows
        .iter()
        .filter_map(|r| r.report())
        .map(|u| u.draft.year)
        .max();
    let year = year.or(latest.map(|y| y + 1))?;
    let mut this_year: HashMap<String, &Draft> = HashMap::new();
    for u in board.rows.iter().filter_map(|r| r.report()) {
        if u.draft.year == year - 1 {
            this_year.entry(name_key(u.body())).or_insert(&u.draft);
        }
    }
    let units: Vec<String> = match &board.roster {
        Some(roster) => roster.units.clone(),
        None => {
            let mut seen = std::collections::HashSet::new();
            board
                .rows
                .iter()
                .filter_map(|r| r.report())
                .map(|u| u.body().to_string())
                .filter(|b| !b.is_empty() && seen.insert(name_key(b)))
                .collect()
        }
    };
    let drafts = units
        .into_iter()
        .map(|unit| {
            let carried = this_year
                .get(&name_key(&unit))
                .and_then(|d| years::next_year(d).ok());
            match carried {
                Some(next) => IssuedDraft {
                    unit,
                    draft: next.draft,
                    carried: true,
                },
                None => IssuedDraft {
                    draft: Draft::new(unit.clone(), level_from_name(&unit), year),
                    unit,
                    carried: false,
                },
            }
        })
        .collect();
    Some(drafts)
}
