//! The official report formats as data.
//!
//! Each format (2019 and 2021) is one [`FormatDef`]: the labels, the row hierarchy, the grouped
//! column headers, which cells are entered and which are totals, each cell's value type, and the
//! sums that the 勾稽 rules check. The grid, the checker, the exporters and the importer all read
//! these definitions; a future revision of the format is one more definition.

pub mod continuity;
mod f2019;
mod f2021;
mod table3;
mod table4;

use serde::{Deserialize, Serialize};

use crate::rules::RuleId;

/// Which official format a draft is laid out in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FormatId {
    /// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: report years up to 2020.
    F2019,
    /// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号: report years from 2021.
    F2021,
}

impl FormatId {
    /// Every format, oldest first.
    pub const ALL: [FormatId; 2] = [FormatId::F2019, FormatId::F2021];

    /// The format a report of this statistics year must use (spec §0).
    pub fn for_year(year: i32) -> FormatId {
        if year <= 2020 {
            FormatId::F2019
        } else {
            FormatId::F2021
        }
    }

    /// The definition of this format.
    pub fn def(self) -> &'static FormatDef {
        match self {
            FormatId::F2019 => &f2019::FORMAT,
            FormatId::F2021 => &f2021::FORMAT,
        }
    }

    /// A short name for people: "2019 年格式（试行）".
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The id as written in drafts and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            FormatId::F2019 => "2019",
            FormatId::F2021 => "2021",
        }
    }
}

/// The three statistical tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableId {
    /// 二、主动公开政府信息情况
    T2,
    /// 三、收到和处理政府信息公开申请情况
    T3,
    /// 四、政府信息公开行政复议、行政诉讼情况
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    /// The table's number as printed: "二", "三", "四".
    pub fn numeral(self) -> &'static str {
        match self {
            TableId::T2 => "二",
            TableId::T3 => "三",
            TableId::T4 => "四",
        }
    }

    /// How people name the table in messages: "表二".
    pub fn short_name(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }

    /// The id used in drafts and JSON output: "table2".
    pub fn code(self) -> &'static str {
        match self {
            TableId::T2 => "table2",
            TableId::T3 => "table3",
            TableId::T4 => "table4",
        }
    }

    pub fn from_code(code: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellType {
    /// A whole number ≥ 0.
    Count,
    /// A signed whole number (2019 本年增/减).
    Signed,
    /// An amount in 万元: an exact decimal with up to 6 places, ≥ 0.
    Amount,
    /// An amount with its unit, 元 or 万元 (2019 采购总金额).
    Money,
}

/// A sum that defines a total cell, and the rule that compares a stated total with it.
#[derive(Debug)]
pub struct TotalDef {
    /// Ids of the parts: columns of the same row (for a total column), or rows of the same column
    /// (for a total row).
    pub parts: &'static [&'static str],
    /// The rule that checks a stated total against this sum.
    pub rule: RuleId,
    /// How messages name the sum: "各申请人类型之和".
    pub sum_name: &'static str,
}

/// One column of a block.
#[derive(Debug)]
pub struct ColDef {
    /// Stable id, used in drafts: "natural".
    pub id: &'static str,
    /// The header labels from the top group down to this column: ["申请人情况", "法人或其他组织", "商业企业"].
    pub path: &'static [&'static str],
    /// The type of the entered cells in this column.
    pub ty: CellType,
    /// Set for a total column (its cells sum other columns of their row).
    pub total: Option<TotalDef>,
}

impl ColDef {
    /// The column's own label (the last header).
    pub fn label(&self) -> &'static str {
        self.path.last().copied().unwrap_or("")
    }
}

/// One row of a block.
#[derive(Debug)]
pub struct RowDef {
    /// Stable id, used in drafts: "withheld_4".
    pub id: &'static str,
    /// The row labels from the outermost group to this row:
    /// ["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"]. Empty for table 四's one row.
    pub path: &'static [&'static str],
    /// Set for a total row (its cells sum other rows of their column).
    pub total: Option<TotalDef>,
}

impl RowDef {
    /// The row's own label (the last one).
    pub fn label(&self) -> &'static str {
        self.path.last().copied().unwrap_or("")
    }

    /// The label people recognise the row by. For a numbered sub-row ("4.保护第三方合法权益") that is
    /// its group and itself: "（三）4.保护第三方合法权益".
    pub fn display_label(&self) -> String {
        match self.path {
            [] => String::new(),
            [only] => (*only).to_string(),
            [.., parent, own] if starts_with_arabic_number(own) => {
                format!("{}{}", group_number(parent), own)
            }
            [.., own] => (*own).to_string(),
        }
    }
}

fn starts_with_arabic_number(label: &str) -> bool {
    label.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// "（三）不予公开" → "（三）".
fn group_number(label: &str) -> &str {
    match label.find('）') {
        Some(end) => &label[..end + '）'.len_utf8()],
        None => label,
    }
}

/// A rectangular part of a table with one set of column headers. Table 二 has one block per
/// 第二十条 item, each under its caption row; tables 三 and 四 have one block each.
#[derive(Debug)]
pub struct BlockDef {
    /// The full-width caption row: "第二十条第（一）项".
    pub caption: Option<&'static str>,
    /// The header of the row-label column: "信息内容".
    pub row_header: Option<&'static str>,
    pub columns: &'static [ColDef],
    pub rows: &'static [RowDef],
}

/// One statistical table.
#[derive(Debug)]
pub struct TableDef {
    pub id: TableId,
    /// The section heading the table stands under: "三、收到和处理政府信息公开申请情况".
    pub title: &'static str,
    /// Text of the merged top-left header cell (table 三's 勾稽 note).
    pub corner: Option<&'static str>,
    pub blocks: &'static [BlockDef],
}

/// Whether a cell is typed by the clerk or computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Entered(CellType),
    /// A total: computed from its parts; a draft may also hold a value as stated.
    Total,
}

/// A reference to one cell of a definition, with everything needed to name it.
#[derive(Clone, Copy, Debug)]
pub struct CellDef {
    pub table: &'static TableDef,
    pub block: &'static BlockDef,
    pub row: &'static RowDef,
    pub col: &'static ColDef,
}

impl CellDef {
    pub fn key(&self) -> CellKey {
        CellKey {
            table: self.table.id,
            row: self.row.id,
            col: self.col.id,
        }
    }

    pub fn kind(&self) -> CellKind {
        if self.row.total.is_some() || self.col.total.is_some() {
            CellKind::Total
        } else {
            CellKind::Entered(self.col.ty)
        }
    }

    /// The type of the value the cell holds (totals are counts).
    pub fn ty(&self) -> CellType {
        match self.kind() {
            CellKind::Entered(ty) => ty,
            CellKind::Total => CellType::Count,
        }
    }

    /// How messages name the cell: "表三「（七）总计」行「自然人」列", or for table 二
    /// "表二「第二十条第（一）项」规章「本年制发件数」".
    pub fn describe(&self) -> String {
        let table = self.table.id.short_name();
        match (self.table.id, self.block.caption) {
            (TableId::T2, Some(caption)) => format!(
                "{table}「{caption}」{}「{}」",
                self.row.display_label(),
                self.col.label()
            ),
            (TableId::T4, _) => format!("{table}「{}」", self.col.path.join("·")),
            _ => format!(
                "{table}「{}」行「{}」列",
                self.row.display_label(),
                self.col.label()
            ),
        }
    }
}

/// The address of a cell: table, row id and column id, as in the definitions.
#[derive(Clone, Copy, Debug)]
pub struct CellKey {
    pub table: TableId,
    pub row: &'static str,
    pub col: &'static str,
}

/// Two ids compared as text, but the same id of the definitions (almost every comparison: keys
/// are made from the definitions) known equal without reading it. Drafts are maps ordered by
/// key, and the window looks cells up hundreds of times a frame.
fn cmp_id(a: &'static str, b: &'static str) -> std::cmp::Ordering {
    if std::ptr::eq(a, b) {
        std::cmp::Ordering::Equal
    } else {
        // Ids are short and mostly differ in their first letters: compared here byte by byte
        // (the order of `str`), not by a call to memcmp.
        a.bytes().cmp(b.bytes())
    }
}

impl Ord for CellKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.table.cmp(&other.table))
            .then_with(|| cmp_id(self.row, other.row))
            .then_with(|| cmp_id(self.col, other.col))
    }
}

impl PartialOrd for CellKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for CellKey {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &'static str, b: &'static str| std::ptr::eq(a, b) || a == b;
        self.table == other.table && same(self.row, other.row) && same(self.col, other.col)
    }
}

impl Eq for CellKey {}

impl std::hash::Hash for CellKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.table, self.row, self.col).hash(state);
    }
}

impl CellKey {
    /// The cell's stable textual id, "table3.new.total": what the HTML export's `data-cell` and
    /// the 图解's figures name a cell by.
    pub fn id(&self) -> String {
        format!("{}.{}.{}", self.table.code(), self.row, self.col)
    }
}

/// One official format.
#[derive(Debug)]
pub struct FormatDef {
    pub id: FormatId,
    /// "2019 年格式（试行）".
    pub name: &'static str,
    /// The document that issued it: "国办公开办函〔2021〕30号".
    pub issued_by: &'static str,
    pub tables: [&'static TableDef; 3],
}

impl FormatDef {
    pub fn table(&self, id: TableId) -> &'static TableDef {
        match id {
            TableId::T2 => self.tables[0],
            TableId::T3 => self.tables[1],
            TableId::T4 => self.tables[2],
        }
    }

    /// Every cell of every table, in reading order (table by table, block by block, row by row).
    pub fn cells(&self) -> impl Iterator<Item = CellDef> + '_ {
        self.tables.iter().flat_map(|table| table.cells())
    }

    /// The definition of a cell, if the format has it.
    pub fn cell(&self, table: TableId, row: &str, col: &str) -> Option<CellDef> {
        self.table(table).cell(row, col)
    }

    pub fn cell_by_key(&self, key: CellKey) -> Option<CellDef> {
        self.cell(key.table, key.row, key.col)
    }

    /// The cell a textual id ([`CellKey::id`]) names, if the format has it.
    pub fn cell_by_id(&self, id: &str) -> Option<CellDef> {
        let mut parts = id.splitn(3, '.');
        let table = TableId::from_code(parts.next()?)?;
        self.cell(table, parts.next()?, parts.next()?)
    }
}

impl TableDef {
    /// Every cell of the table in reading order.
    pub fn cells(&'static self) -> impl Iterator<Item = CellDef> {
        self.blocks.iter().flat_map(move |block| {
            block.rows.iter().flat_map(move |row| {
                block.columns.iter().map(move |col| CellDef {
                    table: self,
                    block,
                    row,
                    col,
                })
            })
        })
    }

    pub fn cell(&'static self, row: &str, col: &str) -> Option<CellDef> {
        self.blocks.iter().find_map(|block| {
            let row = block.rows.iter().find(|r| r.id == row)?;
            let col = block.columns.iter().find(|c| c.id == col)?;
            Some(CellDef {
                table: self,
                block,
                row,
                col,
            })
        })
    }

    /// How many columns the row labels take (the deepest row path).
    pub fn label_depth(&self) -> usize {
        self.blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .map(|r| r.path.len())
            .max()
            .unwrap_or(0)
    }
}

impl BlockDef {
    /// How many header rows the grouped column headers take.
    pub fn header_depth(&self) -> usize {
        self.columns.iter().map(|c| c.path.len()).max().unwrap_or(0)
    }

    pub fn column(&self, id: &str) -> Option<&'static ColDef> {
        self.columns.iter().find(|c| c.id == id)
    }

    pub fn row(&self, id: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// One header cell after merging equal neighbours: a label spanning `span` leaves, `depth` rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub label: &'static str,
    /// First leaf (column or row index) covered.
    pub start: usize,
    /// Number of leaves covered (colspan for headers, rowspan for row labels).
    pub span: usize,
    /// Number of header levels covered (rowspan for headers, colspan for row labels).
    pub depth: usize,
}

/// Merges label paths into spans, level by level: the layout of grouped headers (for columns) or
/// of hierarchical row labels (for rows). `levels` is the total number of levels; a path shorter
/// than that stretches its last label down to the last level.
///
/// Returns, for each level, the spans that start at that level.
pub fn merge_paths(paths: &[&'static [&'static str]], levels: usize) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = vec![Vec::new(); levels];
    for level in 0..levels {
        let mut i = 0;
        while i < paths.len() {
            let path = paths[i];
            if level >= path.len() {
                i += 1;
                continue;
            }
            let label = path[level];
            let is_last = level + 1 == path.len();
            let mut j = i + 1;
            // Neighbours merge when they share the whole path down to this level and neither ends here.
            if !is_last {
                while j < paths.len()
                    && paths[j].len() > level + 1
                    && paths[j][..=level] == path[..=level]
                {
                    j += 1;
                }
            }
            let depth = if is_last { levels - level } else { 1 };
            out[level].push(Span {
                label,
                start: i,
                span: j - i,
                depth,
            });
            i = j;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_as_their_text_whoever_made_them() {
        let keys: Vec<CellKey> = (FormatId::ALL.iter())
            .flat_map(|f| f.def().tables)
            .flat_map(|t| t.cells())
            .map(|c| c.key())
            .collect();
        let copy = |k: &CellKey| CellKey {
            table: k.table,
            row: String::from(k.row).leak(),
            col: String::from(k.col).leak(),
        };
        for a in keys.iter().step_by(7) {
            for b in &keys {
                let text = (a.table, a.row, a.col).cmp(&(b.table, b.row, b.col));
                assert_eq!(a.cmp(b), text);
                assert_eq!(copy(a).cmp(b), text);
                assert_eq!(copy(a) == *b, text.is_eq());
            }
        }
    }
    use std::collections::HashSet;

    #[test]
    fn formats_have_the_official_cell_counts() {
        // Spec §2 and §3. (The spec's summary counts 8 and 21 cells for table 二, but its own
        // layout gives 6 + 1 + 2 + 1 = 10 and 6 + 6 + 6 + 2 + 2 = 22.)
        let count = |f: FormatId, t: TableId| f.def().table(t).cells().count();
        assert_eq!(count(FormatId::F2021, TableId::T2), 10);
        assert_eq!(count(FormatId::F2021, TableId::T3), 175);
        assert_eq!(count(FormatId::F2021, TableId::T4), 15);
        assert_eq!(count(FormatId::F2019, TableId::T2), 22);
        assert_eq!(count(FormatId::F2019, TableId::T3), 161);
        assert_eq!(count(FormatId::F2019, TableId::T4), 15);
    }

    #[test]
    fn ids_are_unique_and_totals_name_existing_parts() {
        for format in FormatId::ALL {
            let def = format.def();
            let mut seen = HashSet::new();
            for cell in def.cells() {
                assert!(seen.insert(cell.key()), "duplicate cell {:?}", cell.key());
            }
            for table in def.tables {
                for block in table.blocks {
                    for col in block.columns {
                        if let Some(total) = &col.total {
                            for part in total.parts {
                                assert!(block.column(part).is_some(), "{part}");
                            }
                        }
                    }
                    for row in block.rows {
                        if let Some(total) = &row.total {
                            for part in total.parts {
                                assert!(block.row(part).is_some(), "{part}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn year_selects_format() {
        assert_eq!(FormatId::for_year(2019), FormatId::F2019);
        assert_eq!(FormatId::for_year(2020), FormatId::F2019);
        assert_eq!(FormatId::for_year(2021), FormatId::F2021);
        assert_eq!(FormatId::for_year(2025), FormatId::F2021);
    }

    #[test]
    fn table3_headers_merge_like_the_official_table() {
        let block = &FormatId::F2021.def().table(TableId::T3).blocks[0];
        let paths: Vec<_> = block.columns.iter().map(|c| c.path).collect();
        let spans = merge_paths(&paths, block.header_depth());
        assert_eq!(spans[0].len(), 1);
        assert_eq!(spans[0][0].label, "申请人情况");
        assert_eq!(spans[0][0].span, 7);
        let level1: Vec<_> = spans[1]
            .iter()
            .map(|s| (s.label, s.span, s.depth))
            .collect();
        assert_eq!(
            level1,
            vec![("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]
        );
        assert_eq!(spans[2].len(), 5);
    }

    #[test]
    fn sub_rows_are_named_with_their_group() {
        let row = FormatId::F2021
            .def()
            .table(TableId::T3)
            .cell("withheld_4", "natural")
            .map(|c| c.row.display_label());
        assert_eq!(row.as_deref(), Some("（三）4.保护第三方合法权益"));
    }
}
