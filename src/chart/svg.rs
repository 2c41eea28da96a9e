//! The 图解 as one tall SVG page, 750 px wide (the portals' column), for publishing beside the
//! report.
//!
//! Chinese is text, not paths, in the embedded font ([`super::FONT_FAMILY`]), so that the page
//! can be searched and read aloud. Every figure is a `<text>` whose `data-cell` names its source
//! ([`super::Source::id`]). Everything the clerk typed is XML-escaped: a body name is text,
//! never markup.

use std::fmt::Write;

use super::{BLANK, Chart, Figure, Group, Shape};

/// The page's width in px.
pub const WIDTH: f32 = 750.0;
const MARGIN: f32 = 30.0;
const INNER: f32 = WIDTH - 2.0 * MARGIN;

/// The colours of neighbouring series (stacked segments): dark and light in turn, so that any
/// two neighbours differ in luminance by more than 20 % and stay apart when printed in grey.
pub const SERIES: [&str; 4] = ["#1f3a68", "#f2a93b", "#2f6f8f", "#a8d08d"];
/// Single-series bars and the section bands.
const BAR: &str = "#2f6f8f";
const BAND: &str = "#1f3a68";
const CARD: &str = "#eef3f9";
const TEXT: &str = "#1a1a1a";
const WEAK: &str = "#5b6470";

/// The 图解 as an SVG document.
pub fn render(chart: &Chart) -> String {
    let mut page = Page {
        out: String::new(),
        y: MARGIN,
    };
    page.header(chart);
    for section in &chart.sections {
        page.band(section.heading);
        for group in &section.groups {
            page.group(group);
        }
        page.y += 10.0;
    }
    page.footer(chart);
    let height = (page.y + MARGIN).ceil();
    let mut svg = String::with_capacity(page.out.len() + 600);
    let _ = write!(
        svg,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{family}" role="img">
<title>{title}</title>
<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>
"##,
        family = super::FONT_FAMILY,
        title = escape(&chart.title),
    );
    svg.push_str(&page.out);
    svg.push_str("</svg>\n");
    svg
}

/// Text for XML: the five characters that could end a text or an attribute are escaped, and
/// characters XML 1.0 does not allow are dropped, so that any body name leaves the page
/// well-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Roughly how wide a text is: the font's CJK glyphs are one em, Latin and digits a little over
/// half. Used only to wrap labels and place what follows them.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Lines of at most `width` px.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let mut next = line.clone();
        next.push(c);
        if !line.is_empty() && text_width(&next, size) > width {
            lines.push(std::mem::replace(&mut line, c.to_string()));
        } else {
            line = next;
        }
    }
    lines.push(line);
    lines
}

struct Page {
    out: String,
    /// The top of what is drawn next.
    y: f32,
}

impl Page {
    fn text(&mut self, x: f32, y: f32, size: f32, fill: &str, anchor: &str, text: &str) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
            escape(text)
        );
    }

    /// A figure's number, naming its source; blank is written as [`BLANK`] in a weaker colour.
    fn figure(&mut self, x: f32, y: f32, size: f32, anchor: &str, figure: &Figure) {
        let (fill, size) = match figure.value {
            Some(_) => (TEXT, size),
            None => (WEAK, size * 0.6),
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" data-cell="{}">{}</text>"#,
            escape(&figure.source.id()),
            escape(&figure.text())
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let _ = writeln!(
            self.out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"/>"#
        );
    }

    fn header(&mut self, chart: &Chart) {
        // A long title breaks after the body and year rather than inside a word.
        let lines = match chart.title.split_once("年政府信息公开") {
            _ if text_width(&chart.title, 28.0) <= INNER => vec![chart.title.clone()],
            Some((head, tail)) => [format!("{head}年"), format!("政府信息公开{tail}")]
                .iter()
                .flat_map(|l| wrap(l, 28.0, INNER))
                .collect(),
            None => wrap(&chart.title, 28.0, INNER),
        };
        for line in lines {
            self.y += 36.0;
            self.text(WIDTH / 2.0, self.y, 28.0, BAND, "middle", &line);
        }
        self.y += 28.0;
        let mut sub = format!("{}年度 · {}", chart.year, chart.format.name());
        if let Some(last) = chart.last_year {
            sub.push_str(&format!(" · 与{last}年度报告对比"));
        }
        self.text(WIDTH / 2.0, self.y, 15.0, WEAK, "middle", &sub);
        self.y += 20.0;
    }

    fn footer(&mut self, chart: &Chart) {
        self.y += 24.0;
        let note = format!(
            "数字取自{}年度报告的统计表；“{BLANK}”表示报告中该项为空白。",
            chart.year
        );
        for line in wrap(&note, 13.0, INNER) {
            self.text(MARGIN, self.y, 13.0, WEAK, "start", &line);
            self.y += 18.0;
        }
    }

    fn band(&mut self, heading: &str) {
        self.y += 14.0;
        self.rect(MARGIN, self.y, INNER, 40.0, BAND);
        self.text(
            MARGIN + 16.0,
            self.y + 27.0,
            20.0,
            "#ffffff",
            "start",
            heading,
        );
        self.y += 52.0;
    }

    fn group(&mut self, group: &Group) {
        if !group.label.is_empty() {
            self.y += 22.0;
            self.text(MARGIN, self.y, 17.0, BAND, "start", &group.label);
            self.y += 10.0;
        }
        match group.shape {
            Shape::Cards => self.cards(&group.figures),
            Shape::Bars => self.bars(&group.figures, group.total.as_ref()),
            Shape::Stacked => self.stacked(&group.figures, group.total.as_ref()),
        }
    }

    /// Three cards a line: the number large, its unit, the label and the change below.
    fn cards(&mut self, figures: &[Figure]) {
        const GAP: f32 = 15.0;
        let w = (INNER - 2.0 * GAP) / 3.0;
        for line in figures.chunks(3) {
            let labels: Vec<Vec<String>> = (line.iter())
                .map(|f| wrap(&f.label, 14.0, w - 20.0))
                .collect();
            let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let changes = line.iter().any(|f| f.change.is_some());
            let h = 62.0 + label_lines * 18.0 + if changes { 18.0 } else { 0.0 };
            for (i, (figure, label)) in line.iter().zip(&labels).enumerate() {
                let x = MARGIN + i as f32 * (w + GAP);
                self.rect(x, self.y, w, h, CARD);
                let baseline = self.y + 44.0;
                self.figure(x + 12.0, baseline, 30.0, "start", figure);
                if figure.value.is_some() && !figure.unit.is_empty() {
                    let after = x + 16.0 + text_width(&figure.text(), 30.0 * 0.95);
                    self.text(after, baseline, 14.0, WEAK, "start", figure.unit);
                }
                let mut ly = baseline + 24.0;
                for l in label {
                    self.text(x + 12.0, ly, 14.0, TEXT, "start", l);
                    ly += 18.0;
                }
                if let Some(change) = &figure.change {
                    self.text(x + 12.0, ly, 12.0, WEAK, "start", change);
                }
            }
            self.y += h + GAP;
        }
    }

    /// One bar a figure against the total (with its share) or else against the largest.
    fn bars(&mut self, figures: &[Figure], total: Option<&Figure>) {
        const LABEL: f32 = 190.0;
        const ROW: f32 = 34.0;
        let track = INNER - LABEL - 130.0;
        let scale = match total.and_then(Figure::number) {
            Some(t) if t > 0.0 => t,
            _ => (figures.iter())
                .filter_map(Figure::number)
                .fold(0.0, f64::max)
                .max(1.0),
        };
        for figure in figures {
            let label = wrap(&figure.label, 15.0, LABEL - 10.0);
            let h = ROW.max(label.len() as f32 * 19.0 + 8.0);
            for (i, l) in label.iter().enumerate() {
                self.text(
                    MARGIN,
                    self.y + 22.0 + i as f32 * 19.0,
                    15.0,
                    TEXT,
                    "start",
                    l,
                );
            }
            let x = MARGIN + LABEL;
            self.rect(x, self.y + 6.0, track, 20.0, CARD);
            let len = figure.number().map(|v| (v / scale).min(1.0) as f32 * track);
            if let Some(len) = len.filter(|l| *l > 0.0) {
                self.rect(x, self.y + 6.0, len.max(2.0), 20.0, BAR);
            }
            self.figure(x + track + 8.0, self.y + 22.0, 16.0, "start", figure);
            if let Some(share) = total.and_then(|t| figure.share_of(t)) {
                self.text(WIDTH - MARGIN, self.y + 22.0, 14.0, WEAK, "end", &share);
            }
            self.y += h;
        }
        if let Some(total) = total {
            self.y += 6.0;
            self.total_line(total);
        }
    }

    /// The figures as segments of one bar, with a legend naming each and its share.
    fn stacked(&mut self, figures: &[Figure], total: Option<&Figure>) {
        let sum: f64 = figures.iter().filter_map(Figure::number).sum();
        let top = self.y + 4.0;
        self.rect(MARGIN, top, INNER, 30.0, CARD);
        let mut x = MARGIN;
        for (i, figure) in figures.iter().enumerate() {
            let Some(v) = figure.number().filter(|v| *v > 0.0 && sum > 0.0) else {
                continue;
            };
            let w = (v / sum) as f32 * INNER;
            self.rect(x, top, w, 30.0, SERIES[i % SERIES.len()]);
            x += w;
        }
        self.y = top + 44.0;
        for (i, figure) in figures.iter().enumerate() {
            let (col, row) = (i % 2, i / 2);
            let lx = MARGIN + col as f32 * (INNER / 2.0);
            let ly = self.y + row as f32 * 28.0;
            self.rect(lx, ly, 16.0, 16.0, SERIES[i % SERIES.len()]);
            self.text(lx + 24.0, ly + 14.0, 15.0, TEXT, "start", &figure.label);
            let nx = lx + 32.0 + text_width(&figure.label, 15.0);
            self.figure(nx, ly + 14.0, 16.0, "start", figure);
            let share = total.and_then(|t| figure.share_of(t));
            if let Some(share) = share {
                let sx = nx + 10.0 + text_width(&figure.text(), 16.0);
                self.text(sx, ly + 14.0, 13.0, WEAK, "start", &format!("（{share}）"));
            }
        }
        self.y += figures.len().div_ceil(2) as f32 * 28.0;
        if let Some(total) = total {
            self.total_line(total);
        }
    }

    /// "总计 128 件", and the change against last year where there is one.
    fn total_line(&mut self, total: &Figure) {
        self.y += 20.0;
        self.text(MARGIN, self.y, 15.0, TEXT, "start", &total.label);
        let x = MARGIN + 10.0 + text_width(&total.label, 15.0);
        self.figure(x, self.y, 18.0, "start", total);
        let mut after = x + 6.0 + text_width(&total.text(), 18.0);
        if total.value.is_some() {
            self.text(after, self.y, 14.0, WEAK, "start", total.unit);
            after += text_width(total.unit, 14.0) + 12.0;
        }
        if let Some(change) = &total.change {
            self.text(after, self.y, 13.0, WEAK, "start", change);
        }
        self.y += 12.0;
    }
}
