//! The 图解 as a PNG: the SVG page rendered by resvg at twice its size (sharp on the portals'
//! high-density screens), with the embedded font only — never the machine's fonts — so that the
//! picture is the same on every machine.

use std::sync::{Arc, OnceLock};

use super::Chart;

/// How many pixels a CSS pixel of the page is.
pub const SCALE: f32 = 2.0;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("图解无法绘制：{0}")]
    Svg(String),
    #[error("图解过大，无法生成图片")]
    TooLarge,
    #[error("图片编码失败：{0}")]
    Encode(String),
}

/// The font database with the embedded font alone, loaded once (parsing 5 MB of font each time
/// would be wasted).
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_font_data(super::FONT.to_vec());
            db.set_sans_serif_family(super::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// An SVG document rendered at [`SCALE`].
pub fn render_svg(svg: &str) -> Result<Vec<u8>, PngError> {
    let options = resvg::usvg::Options {
        font_family: super::FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..Default::default()
    };
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or(PngError::TooLarge)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(PngError::TooLarge)?;
    let transform = resvg::tiny_skia::Transform::from_scale(SCALE, SCALE);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

/// The 图解 of a chart as PNG bytes.
pub fn render(chart: &Chart) -> Result<Vec<u8>, PngError> {
    render_svg(&super::svg::render(chart))
}
