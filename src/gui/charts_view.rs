//! 图表: the 图解's charts drawn live from the draft with egui's painter, and the trend of the
//! headline figures over the years where earlier reports are linked or lie next to the draft.
//!
//! The charts are the engine's ([`crate::chart`]): the same figures, labels and sources as the
//! exported page. They are made again only when the draft's revision changes, and the folder is
//! searched for earlier years only when the draft comes in, is saved elsewhere or has last
//! year's report linked or unlinked, so that a frame costs drawing alone.

use std::path::{Path, PathBuf};

use egui::{Color32, Rect, RichText, Sense, Stroke, pos2, vec2};

use crate::chart::{self, Chart, Figure, Group, Shape, trend};
use crate::draft::Draft;

/// The view's state: the chart and trend of the draft's revision they were made for.
#[derive(Default)]
pub struct ChartsView {
    made_for: Option<u64>,
    chart: Option<Chart>,
    /// What the earlier years were searched for: the draft's folder and last year's link.
    searched_for: Option<(Option<PathBuf>, Option<i32>)>,
    earlier: Vec<Draft>,
    trend: trend::Trend,
    /// How many times the charts were made: a measure that the cache holds (tests, benches).
    made: u64,
}

impl ChartsView {
    /// Brings the chart and trend up to date with the draft, doing only what changed.
    pub fn refresh(&mut self, draft: &Draft, revision: u64, path: Option<&Path>) {
        let folder = path.and_then(Path::parent).map(Path::to_path_buf);
        let linked = (draft.last_year.as_ref()).map(|l| l.year);
        let key = (folder, linked);
        let searched = self.searched_for.as_ref() != Some(&key);
        if searched {
            self.earlier = trend::earlier_years(draft, key.0.as_deref());
            self.searched_for = Some(key);
        }
        if searched || self.made_for != Some(revision) {
            self.chart = Some(chart::chart(draft));
            self.trend = trend::trend(self.earlier.iter().chain([draft]));
            self.made_for = Some(revision);
            self.made += 1;
        }
    }

    /// How many times the charts were made since the draft came in.
    pub fn times_made(&self) -> u64 {
        self.made
    }

    pub fn trend(&self) -> &trend::Trend {
        &self.trend
    }

    pub fn chart(&self) -> Option<&Chart> {
        self.chart.as_ref()
    }

    /// Draws the view (after [`ChartsView::refresh`]).
    pub fn ui(&self, ui: &mut egui::Ui) {
        let Some(chart) = &self.chart else {
            return;
        };
        ui.heading("图表");
        ui.label(RichText::new("与导出的图解相同的数字，随填写即时更新").weak());
        self.trend_ui(ui);
        for section in &chart.sections {
            ui.add_space(8.0);
            ui.strong(section.heading);
            for group in &section.groups {
                group_ui(ui, group);
            }
        }
    }

    fn trend_ui(&self, ui: &mut egui::Ui) {
        ui.add_space(8.0);
        ui.strong("历年趋势");
        if self.trend.years.len() < 2 {
            let text = "同一文件夹中没有本机关往年的草稿，也没有选择上年报告，暂无趋势。\
                        把往年的草稿（.ron）放在本草稿旁边即可显示。";
            ui.label(RichText::new(text).weak());
            return;
        }
        trend_plot(ui, &self.trend);
    }
}

/// The colours of neighbouring series, as on the exported page (grey-print safe).
fn series_colour(i: usize) -> Color32 {
    let hex = chart::svg::SERIES[i % chart::svg::SERIES.len()];
    Color32::from_hex(hex).unwrap_or(Color32::GRAY)
}

/// "本年新收申请：291 件", or "…：未填写": one label a figure, so that a reader (and a test)
/// finds the figure by its name.
fn figure_text(figure: &Figure) -> String {
    let unit = if figure.value.is_some() {
        figure.unit
    } else {
        ""
    };
    format!("{}：{}{}{unit}", figure.label, figure.text(), space(unit))
}

fn space(unit: &str) -> &'static str {
    if unit.is_empty() { "" } else { " " }
}

fn group_ui(ui: &mut egui::Ui, group: &Group) {
    if !group.label.is_empty() {
        ui.label(RichText::new(&group.label).weak());
    }
    match group.shape {
        Shape::Cards => {
            for figure in &group.figures {
                ui.label(figure_text(figure));
                if let Some(change) = &figure.change {
                    ui.label(RichText::new(change).small().weak());
                }
            }
        }
        Shape::Bars => bars_ui(ui, &group.figures, group.total.as_ref()),
        Shape::Stacked => stacked_ui(ui, &group.figures, group.total.as_ref()),
    }
    if let Some(total) = &group.total {
        ui.label(figure_text(total));
        if let Some(change) = &total.change {
            ui.label(RichText::new(change).small().weak());
        }
    }
}

fn bars_ui(ui: &mut egui::Ui, figures: &[Figure], total: Option<&Figure>) {
    let scale = match total.and_then(Figure::number) {
        Some(t) if t > 0.0 => t,
        _ => (figures.iter().filter_map(Figure::number)).fold(1.0, f64::max),
    };
    let colour = series_colour(2);
    let track = ui.visuals().faint_bg_color;
    for figure in figures {
        let mut text = figure_text(figure);
        if let Some(share) = total.and_then(|t| figure.share_of(t)) {
            text.push_str(&format!("（{share}）"));
        }
        ui.label(text);
        let width = ui.available_width().min(320.0);
        let (rect, _) = ui.allocate_exact_size(vec2(width, 8.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, track);
        if let Some(v) = figure.number().filter(|v| *v > 0.0) {
            let w = (v / scale).min(1.0) as f32 * width;
            let bar = Rect::from_min_size(rect.min, vec2(w.max(2.0), rect.height()));
            ui.painter().rect_filled(bar, 2.0, colour);
        }
    }
}

fn stacked_ui(ui: &mut egui::Ui, figures: &[Figure], total: Option<&Figure>) {
    let width = ui.available_width().min(320.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 14.0), Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    let sum: f64 = figures.iter().filter_map(Figure::number).sum();
    let mut x = rect.left();
    for (i, figure) in figures.iter().enumerate() {
        let Some(v) = figure.number().filter(|v| *v > 0.0 && sum > 0.0) else {
            continue;
        };
        let w = (v / sum) as f32 * width;
        let segment = Rect::from_min_max(pos2(x, rect.top()), pos2(x + w, rect.bottom()));
        ui.painter().rect_filled(segment, 0.0, series_colour(i));
        x += w;
    }
    for (i, figure) in figures.iter().enumerate() {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(swatch, 1.0, series_colour(i));
            let mut text = figure_text(figure);
            if let Some(share) = total.and_then(|t| figure.share_of(t)) {
                text.push_str(&format!("（{share}）"));
            }
            ui.add(egui::Label::new(text).wrap());
        });
    }
}

/// A line a headline figure over the years; a blank year breaks the line rather than drawing a
/// 0. Each series is also one label listing its points, for reading aloud.
fn trend_plot(ui: &mut egui::Ui, t: &trend::Trend) {
    let width = ui.available_width().min(320.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 140.0), Sense::hover());
    let plot = rect.shrink2(vec2(16.0, 14.0));
    let painter = ui.painter_at(rect);
    let axis = ui.visuals().weak_text_color();
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, axis),
    );
    let max = (t.series.iter())
        .flat_map(|s| s.points.iter().filter_map(|(_, v)| *v))
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let n = t.years.len().max(2) as f32 - 1.0;
    let x_of = |i: usize| plot.left() + plot.width() * i as f32 / n;
    let font = egui::FontId::proportional(10.0);
    for (i, year) in t.years.iter().enumerate() {
        let at = pos2(x_of(i), rect.bottom() - 2.0);
        painter.text(at, egui::Align2::CENTER_BOTTOM, year, font.clone(), axis);
    }
    for (k, series) in t.series.iter().enumerate() {
        let colour = series_colour(k);
        let points: Vec<Option<egui::Pos2>> = (series.points.iter().enumerate())
            .map(|(i, (_, v))| {
                v.map(|v| pos2(x_of(i), plot.bottom() - plot.height() * v as f32 / max))
            })
            .collect();
        for pair in points.windows(2) {
            if let [Some(a), Some(b)] = pair {
                painter.line_segment([*a, *b], Stroke::new(2.0, colour));
            }
        }
        for p in points.iter().flatten() {
            painter.circle_filled(*p, 3.0, colour);
        }
    }
    for (k, series) in t.series.iter().enumerate() {
        let points: Vec<String> = (series.points.iter())
            .map(|(year, v)| match v {
                Some(v) => format!("{year}年 {v}"),
                None => format!("{year}年 {}", chart::BLANK),
            })
            .collect();
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(swatch, 1.0, series_colour(k));
            // Wrapped: beside the findings the panel is narrow, and a cut legend hides years.
            let text = format!("{}（历年）：{}", series.label, points.join("，"));
            ui.add(egui::Label::new(text).wrap());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;

    #[test]
    fn the_charts_are_made_again_only_for_a_new_revision() {
        let mut view = ChartsView::default();
        let mut draft = Draft::new("某镇人民政府", Level::Township, 2021);
        view.refresh(&draft, 1, None);
        let first = view.chart().cloned();
        // Frames of the same revision cost nothing, even if the caller's draft differs.
        draft.body = "另一镇人民政府".into();
        for _ in 0..10 {
            view.refresh(&draft, 1, None);
        }
        assert_eq!(view.times_made(), 1);
        assert_eq!(view.chart().cloned(), first);
        view.refresh(&draft, 2, None);
        assert_eq!(view.times_made(), 2);
    }
}
