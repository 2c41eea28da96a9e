//! The one way a draft changes: [`Document::apply`] takes an [`Edit`], checks it, applies it and
//! records an undo step. The window, the command line and the tests all go through it, so what
//! the window can do to a draft, a test can do without one.

use crate::convert;
use crate::date::{Date, REPORT_YEARS};
use crate::draft::{Draft, LastYear, Level, Part, TextField};
use crate::format::{CellKey, CellKind, CellType, FormatId, TableId};
use crate::value::Value;

/// How many undo steps are kept. A draft is small (tens of kB), so this costs little.
const MAX_UNDO: usize = 500;

/// A change to a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replaces a text field. Consecutive edits of the same field merge into one undo step, so
    /// that undo takes back a burst of typing, not a letter (until [`Document::end_typing`]).
    SetText {
        field: TextField,
        text: String,
    },
    /// Clears the title override, so that the title follows body and year again.
    ResetTitle,
    SetLevel(Level),
    SetYear(i32),
    SetPublishDate(Option<Date>),
    /// The 乡镇's local publication deadline (R15).
    SetLocalDeadline(Option<Date>),
    /// The 信息处理费 collected, in 元 (六, R11).
    SetInfoFee(Option<rust_decimal::Decimal>),
    /// Sets or clears one cell (an entered value or a stated total). Like typing into a text field,
    /// consecutive edits of the same cell merge into one undo step.
    SetCell {
        key: CellKey,
        value: Option<Value>,
    },
    /// Sets several cells as one step (a paste). All or nothing.
    SetCells(Vec<(CellKey, Option<Value>)>),
    /// 空白填0: fills every blank entered cell of a table with 0.
    FillBlanksWithZero(TableId),
    /// 采用计算值: drops a stated total so that the computed one stands.
    AcceptComputed(CellKey),
    /// 全部采用计算值: drops every stated total of a table.
    AcceptAllComputed(TableId),
    AddPart {
        index: usize,
        heading: String,
    },
    RemovePart(usize),
    MovePart {
        from: usize,
        to: usize,
    },
    /// Converts the tables to another format (values without a counterpart are dropped; see
    /// [`convert::convert`] to list them first).
    ConvertFormat(FormatId),
    /// Replaces the whole draft (an import, a "next year" draft).
    Replace(Box<Draft>),
    /// Sets last year's figures for the cross-year checks (R8, R9), as taken from a report the
    /// clerk picked (see [`crate::years::last_year_from`]), or clears them (`None`).
    SetLastYear(Option<LastYear>),
    /// Records the regional profile the draft is checked with, or that it is checked by the
    /// national rules only (`None`).
    SetProfile(Option<crate::draft::ProfileRef>),
    /// Clears the 待复核 mark of a text field carried from last year without changing its text
    /// (the clerk read it and keeps it as it is).
    MarkReviewed(TextField),
    /// Clears every 待复核 mark.
    MarkAllReviewed,
}

/// Why an edit was refused. The draft is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("本草稿的表格格式中没有此单元格")]
    NoSuchCell,
    #[error("{0}：取值类型不符")]
    WrongType(String),
    #[error("{0} 是合计单元格，只能填写不小于 0 的整数")]
    TotalNotCount(String),
    #[error("没有第 {0} 部分")]
    NoSuchPart(usize),
    #[error("报告年度 {0} 不是有效年份")]
    BadYear(i32),
}

/// A draft being edited, with its undo history.
#[derive(Clone, Debug)]
pub struct Document {
    draft: Draft,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Identifies the current state: changes with every edit, undo and redo.
    state_id: u64,
    next_id: u64,
    saved_id: Option<u64>,
    /// The field or cell the last edit typed into, while typing may still merge into that step.
    typing: Option<Typing>,
}

/// Where a burst of typing goes: consecutive edits of one place merge into one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Typing {
    Text(TextField),
    Cell(CellKey),
}

#[derive(Clone, Debug)]
struct Step {
    draft: Draft,
    state_id: u64,
}

impl Document {
    /// A document for a draft that was just opened or saved (not dirty).
    pub fn new(draft: Draft) -> Document {
        Document {
            draft,
            undo: Vec::new(),
            redo: Vec::new(),
            state_id: 0,
            next_id: 1,
            saved_id: Some(0),
            typing: None,
        }
    }

    /// A document whose draft has never been saved (dirty from the start).
    pub fn unsaved(draft: Draft) -> Document {
        let mut doc = Document::new(draft);
        doc.saved_id = None;
        doc
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// Changes whenever the draft does: a cheap key for caches (findings, totals).
    pub fn revision(&self) -> u64 {
        self.state_id
    }

    /// Whether the draft differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_id != Some(self.state_id)
    }

    pub fn mark_saved(&mut self) {
        self.saved_id = Some(self.state_id);
        self.typing = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Ends a typing burst, so that the next keystroke starts a new undo step (the window calls
    /// this when a text field loses focus).
    pub fn end_typing(&mut self) {
        self.typing = None;
    }

    /// Applies an edit as one undo step. Returns `Ok(false)` when the edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<bool, EditError> {
        let typing = match &edit {
            Edit::SetText { field, .. } => Some(Typing::Text(*field)),
            Edit::SetCell { key, .. } => Some(Typing::Cell(*key)),
            _ => None,
        };
        let mut next = self.draft.clone();
        apply_to(&mut next, edit)?;
        if next == self.draft {
            return Ok(false);
        }
        let merges = typing.is_some() && typing == self.typing && !self.undo.is_empty();
        if !merges {
            self.undo.push(Step {
                draft: std::mem::replace(&mut self.draft, next),
                state_id: self.state_id,
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        } else {
            self.draft = next;
        }
        self.redo.clear();
        self.state_id = self.next_id;
        self.next_id += 1;
        self.typing = typing;
        Ok(true)
    }

    /// Applies an edit as an undo step of its own, never merged with typing before or after it:
    /// an accepted repair ([`crate::diagnose::Repair`]) of the field being typed in is still
    /// taken back by one undo, and the typing before it stays.
    pub fn apply_alone(&mut self, edit: Edit) -> Result<bool, EditError> {
        self.end_typing();
        let changed = self.apply(edit);
        self.end_typing();
        changed
    }

    /// Takes back the last step. Returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        self.redo.push(Step {
            draft: std::mem::replace(&mut self.draft, step.draft),
            state_id: self.state_id,
        });
        self.state_id = step.state_id;
        self.typing = None;
        true
    }

    /// Re-applies the last step taken back. Returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        self.undo.push(Step {
            draft: std::mem::replace(&mut self.draft, step.draft),
            state_id: self.state_id,
        });
        self.state_id = step.state_id;
        self.typing = None;
        true
    }
}

fn check_cell(draft: &Draft, key: CellKey, value: &Option<Value>) -> Result<(), EditError> {
    let cell = draft
        .format
        .def()
        .cell_by_key(key)
        .ok_or(EditError::NoSuchCell)?;
    let Some(value) = value else {
        return Ok(());
    };
    match cell.kind() {
        CellKind::Entered(ty) if !value.fits(ty) => Err(EditError::WrongType(cell.describe())),
        CellKind::Total if !value.fits(CellType::Count) => {
            Err(EditError::TotalNotCount(cell.describe()))
        }
        _ => Ok(()),
    }
}

fn set_cell(draft: &mut Draft, key: CellKey, value: Option<Value>) {
    match value {
        Some(v) => {
            draft.cells.insert(key, v);
        }
        None => {
            draft.cells.remove(&key);
        }
    }
}

/// Applies an edit to a draft, or refuses it and leaves the draft as it was.
pub fn apply_to(draft: &mut Draft, edit: Edit) -> Result<(), EditError> {
    match edit {
        Edit::SetText { field, text } => {
            let slot = draft.text_mut(field).ok_or(match field {
                TextField::PartHeading(i) | TextField::PartText(i) => EditError::NoSuchPart(i),
                _ => EditError::NoSuchPart(0),
            })?;
            *slot = text;
            // The clerk has worked on the field: it is no longer last year's text unseen.
            draft.review.remove(&field);
        }
        Edit::ResetTitle => {
            draft.title_override = None;
            // The title now follows body and year: nothing of last year's is left to review.
            draft.review.remove(&TextField::Title);
        }
        Edit::SetLevel(level) => draft.level = level,
        Edit::SetYear(year) => {
            if !REPORT_YEARS.contains(&year) {
                return Err(EditError::BadYear(year));
            }
            draft.year = year;
        }
        Edit::SetPublishDate(date) => draft.publish_date = date,
        Edit::SetLocalDeadline(date) => draft.local_deadline = date,
        Edit::SetInfoFee(amount) => draft.info_fee = amount,
        Edit::SetCell { key, value } => {
            check_cell(draft, key, &value)?;
            set_cell(draft, key, value);
        }
        Edit::SetCells(cells) => {
            for (key, value) in &cells {
                check_cell(draft, *key, value)?;
            }
            for (key, value) in cells {
                set_cell(draft, key, value);
            }
        }
        Edit::FillBlanksWithZero(table) => {
            for cell in draft.blank_entered_cells(table) {
                let zero = match cell.ty() {
                    CellType::Count => Value::Count(0),
                    CellType::Signed => Value::Signed(0),
                    CellType::Amount => Value::Amount(0.into()),
                    // An amount of 0 needs no unit, but R12 asks for one: 元 is the neutral choice.
                    CellType::Money => Value::Money(0.into(), Some(crate::value::MoneyUnit::Yuan)),
                };
                draft.cells.insert(cell.key(), zero);
            }
        }
        Edit::AcceptComputed(key) => {
            let cell = draft
                .format
                .def()
                .cell_by_key(key)
                .ok_or(EditError::NoSuchCell)?;
            // The computed value is derived from the draft, so dropping the stated one is all.
            if cell.kind() == CellKind::Total {
                draft.cells.remove(&key);
            }
        }
        Edit::AcceptAllComputed(table) => {
            let totals: Vec<CellKey> = draft
                .table_cells(table)
                .filter(|c| c.kind() == CellKind::Total)
                .map(|c| c.key())
                .collect();
            for key in totals {
                draft.cells.remove(&key);
            }
        }
        Edit::AddPart { index, heading } => {
            let index = index.min(draft.parts.len());
            draft.review_after_part_inserted(index);
            draft.parts.insert(
                index,
                Part {
                    heading,
                    text: String::new(),
                },
            );
        }
        Edit::RemovePart(index) => {
            if index >= draft.parts.len() {
                return Err(EditError::NoSuchPart(index));
            }
            draft.parts.remove(index);
            draft.review_after_part_removed(index);
        }
        Edit::MovePart { from, to } => {
            if from >= draft.parts.len() || to >= draft.parts.len() {
                return Err(EditError::NoSuchPart(from.max(to)));
            }
            let part = draft.parts.remove(from);
            draft.parts.insert(to, part);
            // The part's review marks move with it.
            let heading = draft.review.contains(&TextField::PartHeading(from));
            let text = draft.review.contains(&TextField::PartText(from));
            draft.review_after_part_removed(from);
            draft.review_after_part_inserted(to);
            if heading {
                draft.review.insert(TextField::PartHeading(to));
            }
            if text {
                draft.review.insert(TextField::PartText(to));
            }
        }
        Edit::ConvertFormat(format) => {
            *draft = convert::convert(draft, format).draft;
        }
        Edit::Replace(new) => *draft = *new,
        Edit::SetLastYear(last) => draft.last_year = last,
        Edit::SetProfile(profile) => draft.profile = profile,
        Edit::MarkReviewed(field) => {
            draft.review.remove(&field);
        }
        Edit::MarkAllReviewed => draft.review.clear(),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new(Draft::new("某局", Level::Department, 2022))
    }

    fn key(row: &'static str, col: &'static str) -> CellKey {
        CellKey {
            table: TableId::T3,
            row,
            col,
        }
    }

    #[test]
    fn edits_undo_and_redo() {
        let mut d = doc();
        assert!(!d.is_dirty());
        d.apply(Edit::SetCell {
            key: key("new", "natural"),
            value: Some(Value::Count(3)),
        })
        .unwrap();
        assert!(d.is_dirty());
        assert_eq!(d.draft().count(key("new", "natural")), Some(3));
        assert!(d.undo());
        assert_eq!(d.draft().count(key("new", "natural")), None);
        assert!(!d.is_dirty(), "undo back to the saved state is clean");
        assert!(d.redo());
        assert_eq!(d.draft().count(key("new", "natural")), Some(3));
        assert!(!d.redo());
    }

    #[test]
    fn typing_merges_into_one_step() {
        let mut d = doc();
        for text in ["本", "本年", "本年度"] {
            d.apply(Edit::SetText {
                field: TextField::Problems,
                text: text.into(),
            })
            .unwrap();
        }
        d.apply(Edit::SetText {
            field: TextField::OtherMatters,
            text: "无".into(),
        })
        .unwrap();
        assert!(d.undo());
        assert_eq!(d.draft().problems, "本年度");
        assert!(d.undo());
        assert_eq!(d.draft().problems, "");
    }

    #[test]
    fn typing_into_a_cell_is_one_step_until_the_cursor_moves() {
        let mut d = doc();
        for n in [2, 27, 270] {
            d.apply(Edit::SetCell {
                key: key("new", "natural"),
                value: Some(Value::Count(n)),
            })
            .unwrap();
        }
        d.end_typing();
        d.apply(Edit::SetCell {
            key: key("new", "natural"),
            value: Some(Value::Count(271)),
        })
        .unwrap();
        assert!(d.undo());
        assert_eq!(d.draft().count(key("new", "natural")), Some(270));
        assert!(d.undo());
        assert_eq!(d.draft().count(key("new", "natural")), None);
    }

    #[test]
    fn a_paste_is_one_step_and_all_or_nothing() {
        let mut d = doc();
        let good = vec![
            (key("new", "natural"), Some(Value::Count(1))),
            (key("new", "commercial"), Some(Value::Count(2))),
        ];
        d.apply(Edit::SetCells(good)).unwrap();
        let bad = vec![
            (key("new", "natural"), Some(Value::Count(5))),
            (key("new", "legal"), Some(Value::Signed(-1))),
        ];
        assert!(d.apply(Edit::SetCells(bad)).is_err());
        assert_eq!(d.draft().count(key("new", "natural")), Some(1));
        assert!(d.undo());
        assert_eq!(d.draft().count(key("new", "commercial")), None);
    }

    #[test]
    fn fill_blanks_with_zero_touches_only_blank_entered_cells() {
        let mut d = doc();
        d.apply(Edit::SetCell {
            key: key("new", "natural"),
            value: Some(Value::Count(7)),
        })
        .unwrap();
        d.apply(Edit::FillBlanksWithZero(TableId::T3)).unwrap();
        let draft = d.draft();
        assert_eq!(draft.count(key("new", "natural")), Some(7));
        assert_eq!(draft.count(key("declined_5", "legal")), Some(0));
        // Totals stay computed, not stored.
        assert_eq!(draft.value(key("total", "total")), None);
        assert!(draft.blank_entered_cells(TableId::T3).is_empty());
        assert!(!draft.blank_entered_cells(TableId::T2).is_empty());
        assert!(d.undo());
        assert_eq!(d.draft().count(key("declined_5", "legal")), None);
    }

    #[test]
    fn accepting_the_computed_total_drops_the_stated_one() {
        let mut d = doc();
        d.apply(Edit::SetCell {
            key: key("total", "natural"),
            value: Some(Value::Count(0)),
        })
        .unwrap();
        d.apply(Edit::AcceptComputed(key("total", "natural")))
            .unwrap();
        assert_eq!(d.draft().value(key("total", "natural")), None);
        d.apply(Edit::SetCell {
            key: key("new", "total"),
            value: Some(Value::Count(3)),
        })
        .unwrap();
        d.apply(Edit::SetCell {
            key: key("new", "natural"),
            value: Some(Value::Count(3)),
        })
        .unwrap();
        d.apply(Edit::AcceptAllComputed(TableId::T3)).unwrap();
        assert_eq!(d.draft().value(key("new", "total")), None);
        assert_eq!(d.draft().count(key("new", "natural")), Some(3));
    }

    #[test]
    fn wrong_types_and_cells_are_refused() {
        let mut d = doc();
        let bad = Edit::SetCell {
            key: key("new", "natural"),
            value: Some(Value::Signed(-1)),
        };
        assert!(matches!(d.apply(bad), Err(EditError::WrongType(_))));
        let missing = Edit::SetCell {
            key: key("other", "natural"),
            value: Some(Value::Count(1)),
        };
        assert_eq!(d.apply(missing), Err(EditError::NoSuchCell));
        assert!(!d.can_undo());
    }

    #[test]
    fn review_marks_follow_their_parts_and_clear_on_edit() {
        let mut draft = Draft::new("某局", Level::Department, 2022);
        draft.review = [TextField::PartText(0), TextField::PartText(2)]
            .into_iter()
            .collect();
        let mut d = Document::new(draft);
        d.apply(Edit::MovePart { from: 0, to: 3 }).unwrap();
        let marks: Vec<_> = d.draft().review.iter().copied().collect();
        assert_eq!(marks, vec![TextField::PartText(1), TextField::PartText(3)]);
        d.apply(Edit::SetText {
            field: TextField::PartText(3),
            text: "改写".into(),
        })
        .unwrap();
        assert_eq!(
            d.draft().review.iter().copied().collect::<Vec<_>>(),
            vec![TextField::PartText(1)]
        );
        d.apply(Edit::MarkReviewed(TextField::PartText(1))).unwrap();
        assert!(d.draft().review.is_empty());
        // Marking a field that carries no mark changes nothing and is no undo step.
        assert_eq!(d.apply(Edit::MarkAllReviewed), Ok(false));
    }

    #[test]
    fn last_years_figures_are_set_and_undone() {
        let mut d = doc();
        let last = crate::draft::LastYear {
            body: "某局".into(),
            year: 2021,
            format: FormatId::F2021,
            carry_forward: [("natural", 1)].into_iter().collect(),
            table2: Default::default(),
            report: None,
        };
        d.apply(Edit::SetLastYear(Some(last.clone()))).unwrap();
        assert_eq!(d.draft().last_year.as_ref(), Some(&last));
        assert!(d.undo());
        assert_eq!(d.draft().last_year, None);
    }

    #[test]
    fn parts_can_be_added_moved_and_removed() {
        let mut d = doc();
        d.apply(Edit::AddPart {
            index: 5,
            heading: "考核评议".into(),
        })
        .unwrap();
        d.apply(Edit::MovePart { from: 5, to: 0 }).unwrap();
        assert_eq!(d.draft().parts[0].heading, "考核评议");
        d.apply(Edit::RemovePart(0)).unwrap();
        assert_eq!(d.draft().parts.len(), 5);
        assert!(d.apply(Edit::RemovePart(9)).is_err());
    }
}
