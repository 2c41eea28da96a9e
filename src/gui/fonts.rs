//! The embedded CJK font: a GBK subset of Noto Sans SC (SIL OFL 1.1, assets/fonts/OFL.txt), the
//! fallback of both font families, so Chinese renders the same on a machine with no CJK font.
//! eframe's system font provider still serves characters outside GBK.

use std::sync::Arc;

// One copy in the program: the 图解's PNG renders with the same bytes.
const NOTO_SANS_SC_GBK: &[u8] = crate::chart::FONT;

/// Adds the embedded font as the last fallback of the proportional and monospace families.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc-gbk".to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_SANS_SC_GBK)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto-sans-sc-gbk".to_owned());
    }
    ctx.set_fonts(fonts);
}
