//! The roster (名单): the units a supervisor expects a report from. One unit a line in a text
//! file, or a column of a CSV or Excel file: the column headed 单位 or 单位名称, else the first.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader as _};

/// The units expected, in the roster's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    pub path: PathBuf,
    pub units: Vec<String>,
}

/// Why a roster could not be read. The messages are for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("无法读取名单 {0}：{1}")]
    Read(String, String),
    #[error("名单 {0} 中没有单位名称")]
    Empty(String),
}

/// Headers of the column that holds the units' names.
const HEADERS: &[&str] = &["单位", "单位名称", "机关名称", "名称"];

/// The form names are compared in: without spaces (full-width ones included), which clerks add
/// and drop at will ("第2镇 人民政府"), and without a closing 人民政府, which rosters often leave
/// out and the importer adds to a published report's short name ("第2镇" → "第2镇人民政府").
pub fn name_key(name: &str) -> String {
    let key: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    match key.strip_suffix("人民政府") {
        Some(short) if !short.is_empty() => short.to_string(),
        _ => key,
    }
}

impl Roster {
    /// Reads a roster: `.xlsx`/`.xls`/`.ods` through calamine, `.csv` as comma-separated, anything
    /// else one unit a line (UTF-8, or GBK as Excel and WPS save on Chinese Windows).
    pub fn load(path: &Path) -> Result<Roster, RosterError> {
        let shown = path.display().to_string();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let table: Vec<Vec<String>> = match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => {
                read_workbook(path).map_err(|e| RosterError::Read(shown.clone(), e))?
            }
            _ => {
                let bytes = std::fs::read(path)
                    .map_err(|e| RosterError::Read(shown.clone(), e.to_string()))?;
                let text = decode(&bytes);
                if ext == "csv" {
                    text.lines().map(split_csv).collect()
                } else {
                    text.lines().map(|l| vec![l.to_string()]).collect()
                }
            }
        };
        let units = pick_column(&table);
        if units.is_empty() {
            return Err(RosterError::Empty(shown));
        }
        Ok(Roster {
            path: path.to_path_buf(),
            units,
        })
    }

    /// Whether `body` is on the roster.
    pub fn contains(&self, body: &str) -> bool {
        let key = name_key(body);
        self.units.iter().any(|u| name_key(u) == key)
    }
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// One line of a CSV file: fields split on commas, a quoted field may hold commas and "".
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The first sheet of a workbook as text, row by row.
fn read_workbook(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "文件中没有工作表".to_string())?
        .map_err(|e| e.to_string())?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The names of the column headed by one of [`HEADERS`] (the header row left out), else of the
/// first column; blank cells and repeats left out.
fn pick_column(table: &[Vec<String>]) -> Vec<String> {
    let header = table.iter().enumerate().find_map(|(r, row)| {
        let c = row
            .iter()
            .position(|h| HEADERS.contains(&name_key(h).as_str()))?;
        Some((r, c))
    });
    let (skip, col) = header.map_or((0, 0), |(r, c)| (r + 1, c));
    let mut seen = std::collections::HashSet::new();
    table
        .iter()
        .skip(skip)
        .filter_map(|row| row.get(col))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with('#'))
        .filter(|s| seen.insert(name_key(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines.iter().map(|l| split_csv(l)).collect()
    }

    #[test]
    fn the_named_column_is_taken_else_the_first() {
        let t = rows(&[
            "序号,单位名称,联系人",
            "1,第2镇,张",
            "2,\"第10镇, 东\",李",
            "3,,王",
        ]);
        assert_eq!(pick_column(&t), vec!["第2镇", "第10镇, 东"]);
        let t = rows(&["甲局", "乙局", "", "甲局"]);
        assert_eq!(pick_column(&t), vec!["甲局", "乙局"]);
    }

    #[test]
    fn gbk_text_is_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode("第2镇\n");
        assert_eq!(decode(&bytes), "第2镇\n");
    }

    #[test]
    fn an_excel_rosters_unit_column_is_read() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        let cells = [
            ["序号", "单位"],
            ["1", "第2镇"],
            ["2", "第10镇人民政府"],
            ["3", ""],
        ];
        for (r, row) in cells.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名单.xlsx");
        std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
        let roster = Roster::load(&path).unwrap();
        assert_eq!(roster.units, vec!["第2镇", "第10镇人民政府"]);
        assert!(roster.contains("第10镇") && roster.contains("第2镇 人民政府"));
        assert!(!roster.contains("第3镇"));
    }
}
