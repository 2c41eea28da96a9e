//! How the grid looks: lines, fills, fonts, and text placed in a cell.

use egui::{Align2, Color32, FontId, Rect, Stroke};

use crate::check::Finding;

/// The colours and fonts of one frame's grid, from the theme.
pub struct Style {
    pub line: Stroke,
    pub header_fill: Color32,
    pub total_fill: Color32,
    pub text: Color32,
    pub error: Color32,
    pub warn: Color32,
    pub weak: Color32,
    pub selection: Color32,
    /// Over the cells of a selected range.
    pub range_fill: Color32,
    pub hover: Color32,
    pub font: FontId,
    pub small: FontId,
}

impl Style {
    pub fn of(visuals: &egui::Visuals) -> Style {
        Style {
            line: Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            header_fill: visuals.faint_bg_color,
            total_fill: total_fill(visuals),
            text: visuals.text_color(),
            error: visuals.error_fg_color,
            warn: visuals.warn_fg_color,
            weak: visuals.weak_text_color(),
            selection: visuals.selection.stroke.color,
            range_fill: visuals.selection.bg_fill.gamma_multiply(0.35),
            hover: visuals.widgets.hovered.fg_stroke.color.gamma_multiply(0.6),
            font: FontId::proportional(13.0),
            small: FontId::proportional(11.0),
        }
    }

    /// A label's font: the small one when the label is too long for one line of its cell.
    pub fn font_to_fit(&self, label: &str, rect: Rect) -> &FontId {
        if label.chars().count() as f32 * 13.0 > rect.width() - 8.0 {
            &self.small
        } else {
            &self.font
        }
    }
}

/// The fill of a total cell: a tint that sets totals apart from entered cells at a glance, in
/// both themes (the panel's own grey was too close to the entered cells' background).
pub fn total_fill(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(22, 34, 54)
    } else {
        Color32::from_rgb(221, 230, 242)
    }
}

/// Text in a cell: wrapped to its width, placed left, centred or right.
pub fn text_in(
    painter: &egui::Painter,
    rect: Rect,
    text: &str,
    (font, color): (&FontId, Color32),
    align: Align2,
) {
    let galley = painter.layout(text.to_string(), font.clone(), color, rect.width() - 8.0);
    let pos = match align {
        Align2::CENTER_CENTER => rect.center() - galley.size() / 2.0,
        Align2::RIGHT_CENTER => egui::pos2(
            rect.right() - 4.0 - galley.size().x,
            rect.center().y - galley.size().y / 2.0,
        ),
        _ => egui::pos2(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0),
    };
    painter.galley(pos, galley, color);
}

/// A cell's findings, one per line, for its tooltip.
pub fn hover_text(findings: &[&Finding]) -> String {
    (findings.iter())
        .map(|f| format!("[{}] {}", f.severity.label(), f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance (sRGB, as WCAG computes it).
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    #[test]
    fn totals_stand_apart_from_entered_cells_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            // Entered cells show the panel's background; totals must not look like it: a tint
            // at least 20 levels away in some channel (the dark theme leaves little room in
            // lightness, so there the tint is blue).
            let (entered, fill) = (visuals.panel_fill, total_fill(&visuals));
            let apart = [
                entered.r().abs_diff(fill.r()),
                entered.g().abs_diff(fill.g()),
                entered.b().abs_diff(fill.b()),
            ];
            let dark = visuals.dark_mode;
            assert!(apart.iter().any(|d| *d >= 20), "dark={dark} {apart:?}");
            // And text on a total stays readable.
            let (text, total) = (luminance(visuals.text_color()), luminance(fill));
            let contrast = (text.max(total) + 0.05) / (text.min(total) + 0.05);
            assert!(contrast >= 4.5, "dark={dark} {contrast}");
        }
    }
}
