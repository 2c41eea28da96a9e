//! The board as an .xlsx workbook: sheet 单位 (one row per unit, figures as numbers) and sheet
//! 问题清单 (rule, cell, message) — what supervisors pass on.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::review::{Board, Column, Ratio, Row};

/// Text a spreadsheet would take for a formula when it is typed again: kept as text, and marked
/// with Excel's quote prefix so that editing the cell keeps it text too.
fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    quoted: Format,
    percent: Format,
    bold: Format,
}

impl Sheet<'_> {
    /// Always a string cell (never a formula), whatever the text begins with.
    fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        if text.is_empty() {
            return Ok(());
        }
        if formula_like(text) {
            self.ws
                .write_string_with_format(row, col, text, &self.quoted)?;
        } else {
            self.ws.write_string(row, col, text)?;
        }
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, n: Option<u64>) -> Result<(), XlsxError> {
        if let Some(n) = n {
            self.ws.write_number(row, col, n as f64)?;
        }
        Ok(())
    }

    fn ratio(&mut self, row: u32, col: u16, r: Ratio) -> Result<(), XlsxError> {
        match r.value() {
            Some(v) => {
                self.ws
                    .write_number_with_format(row, col, v, &self.percent)?;
            }
            None => self.text(row, col, &r.text())?,
        }
        Ok(())
    }

    fn header(&mut self, labels: &[&str]) -> Result<(), XlsxError> {
        for (c, label) in labels.iter().enumerate() {
            self.ws
                .write_string_with_format(0, c as u16, *label, &self.bold)?;
            self.ws
                .set_column_width(c as u16, if c == labels.len() - 1 { 60 } else { 14 })?;
        }
        self.ws.set_freeze_panes(1, 1)?;
        Ok(())
    }
}

/// The headings of sheet 单位.
pub const UNIT_HEADERS: [&str; 20] = [
    "单位",
    "文件",
    "来源",
    "机关层级",
    "报告年度",
    "错误",
    "提示",
    "跨年度核对",
    "发布时限",
    "计划发布日期",
    "本年新收",
    "上年结转",
    "办结",
    "结转下年度",
    "行政复议",
    "行政诉讼",
    "实质性公开率",
    "复议纠错率",
    "诉讼纠错率",
    "说明",
];

/// The column of sheet 单位 that says why a file could not be read, 重复报送, 不在名单中, 未报.
const NOTE_COL: u16 = 19;

/// The headings of sheet 问题清单.
pub const ISSUE_HEADERS: [&str; 6] = ["单位", "文件", "规则", "级别", "单元格", "问题"];

fn unit_row(s: &mut Sheet<'_>, r: u32, row: &Row, note: &str) -> Result<(), XlsxError> {
    s.text(r, 0, row.name())?;
    s.text(r, 1, &row.source)?;
    let Some(u) = row.report() else {
        return s.text(r, NOTE_COL, note);
    };
    let (e, w) = u.tally();
    let f = &u.figures;
    s.text(r, 2, u.origin.label())?;
    s.text(r, 3, u.draft.level.label())?;
    s.ws.write_number(r, 4, f64::from(u.draft.year))?;
    s.ws.write_number(r, 5, e as f64)?;
    s.ws.write_number(r, 6, w as f64)?;
    s.text(r, 7, &u.last_year.text())?;
    s.text(r, 8, &Column::Deadline.text(row))?;
    s.text(
        r,
        9,
        &u.deadline.planned.map(|d| d.chinese()).unwrap_or_default(),
    )?;
    let figures = [
        f.new,
        f.carried,
        f.closed,
        f.carry_forward,
        f.review_total,
        f.litigation_total,
    ];
    for (i, n) in figures.into_iter().enumerate() {
        s.number(r, 10 + i as u16, n)?;
    }
    s.ratio(r, 16, f.disclosure_rate())?;
    s.ratio(r, 17, f.review_correction_rate())?;
    s.ratio(r, 18, f.litigation_correction_rate())?;
    s.text(r, NOTE_COL, note)
}

/// The workbook's bytes.
pub fn xlsx(board: &Board) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let status = board.status();
    let quoted = Format::new().set_quote_prefix();
    let percent = Format::new().set_num_format("0.00%");
    let bold = Format::new().set_bold();
    {
        let ws = book
            .add_worksheet_with_constant_memory()?
            .set_name("单位")?;
        let mut s = Sheet {
            ws,
            quoted: quoted.clone(),
            percent: percent.clone(),
            bold: bold.clone(),
        };
        s.header(&UNIT_HEADERS)?;
        let mut r = 1;
        for (i, row) in board.rows.iter().enumerate() {
            let mut notes = Vec::new();
            if let Err(why) = &row.unit {
                notes.push(why.clone());
            }
            if status.twice.iter().any(|(_, rows)| rows.contains(&i)) {
                notes.push("重复报送".to_string());
            }
            if status.not_on_roster.contains(&i) {
                notes.push("不在名单中".to_string());
            }
            unit_row(&mut s, r, row, &notes.join("；"))?;
            r += 1;
        }
        for name in &status.missing {
            s.text(r, 0, name)?;
            s.text(r, NOTE_COL, "未报")?;
            r += 1;
        }
    }
    {
        let ws = book
            .add_worksheet_with_constant_memory()?
            .set_name("问题清单")?;
        let mut s = Sheet {
            ws,
            quoted,
            percent,
            bold,
        };
        s.header(&ISSUE_HEADERS)?;
        for (i, issue) in board.issues().iter().enumerate() {
            let r = i as u32 + 1;
            let fields = [
                &issue.unit,
                &issue.file,
                &issue.rule,
                &issue.severity.to_string(),
                &issue.cell,
                &issue.message,
            ];
            for (c, text) in fields.into_iter().enumerate() {
                s.text(r, c as u16, text)?;
            }
        }
    }
    book.save_to_buffer()
}
