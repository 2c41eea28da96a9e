//! The embedded CJK font: a GBK subset of Noto Sans SC (SIL OFL 1.1, assets/fonts/OFL.txt), the
//! fallback of both font families, so Chinese renders the same on a machine with no CJK font.
//! The system's fonts still serve characters outside GBK, found when first needed.

use std::sync::{Arc, OnceLock};

use egui_system_font_provider::SystemFontProvider;

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

/// The system's fonts for a character the embedded fonts lack (a rare character in a name), as
/// eframe's `system_fonts` finds them, but looked for only when the first such character is
/// drawn. eframe enumerates them at every start, on a thread that took the second core from the
/// software renderer while it drew the first frame; what the window shows by itself never needs
/// them (the kittest tests, which have no system fonts, fail on a missing glyph).
#[derive(Default)]
pub struct SystemFontsWhenNeeded {
    provider: OnceLock<SystemFontProvider>,
}

impl egui::FontProvider for SystemFontsWhenNeeded {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        self.provider
            .get_or_init(SystemFontProvider::new)
            .font_for(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::FontProvider as _;

    #[test]
    fn the_system_fonts_are_looked_for_only_when_a_character_is_missing() {
        let fonts = Arc::new(SystemFontsWhenNeeded::default());
        let ctx = egui::Context::default();
        ctx.add_font_provider(fonts.clone());
        install_fonts(&ctx);
        // A frame of Chinese text asks nothing of the system.
        let mut output = ctx.run_ui(Default::default(), |ui| {
            ui.label("政府信息公开工作年度报告");
        });
        output.textures_delta.clear();
        assert!(fonts.provider.get().is_none());
        let family = egui::FontFamily::Proportional;
        let request = egui::FallbackRequest {
            cluster: "𠀀",
            family: &family,
        };
        // Whatever this machine has: the answer is the system's, looked for now.
        let _ = fonts.font_for(&request);
        assert!(fonts.provider.get().is_some());
    }
}
