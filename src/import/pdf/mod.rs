//! Reading a PDF with a text layer: every glyph with where it stands on its page (through
//! `pdf-extract`'s output device, over `lopdf`), and the ruled lines of its tables; `layout`
//! builds the paragraphs and table cells from those positions. A PDF without text (a scan) is
//! refused, as are documents past the limits on pages and unpacked streams.
//!
//! `pdf-extract` and `lopdf` index operands and objects without checking in places, so a damaged
//! file can make them panic: the reading runs under `catch_unwind` and such a file is refused as
//! damaged, the panic not printed. docs/pdf-import.md says why these crates.

mod cross_reference;
mod grid;
mod layout;
mod unpack;

use pdf_extract::Object;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::ImportError;
use super::notes;
use super::source::Flow;
pub use layout::Found;
use layout::{Glyph, Page, Rule};

/// The most pages read: a report has some ten.
pub const MAX_PAGES: usize = 500;
/// The most unpacked bytes of the streams read (page contents, fonts, maps), all together. A
/// report's are a few megabytes; pictures are not unpacked and not counted.
pub const MAX_UNPACKED: u64 = 96 * 1024 * 1024;
/// The most glyphs read: a report has some twenty thousand.
const MAX_GLYPHS: usize = 2_000_000;
/// The most ruled lines read on one page.
const MAX_RULES: usize = 20_000;

/// The import note's account of how the cells were read: each table, and what was declined.
pub fn how_read(found: &Found) -> String {
    let mut how = format!(
        "统计表的单元格按文字在页面上的位置读取：{} 个有边框线的表格按线围成的格子读取（合并单元格按所占的行列对齐，跨页的表格逐页读取；{}）",
        found.ruled_tables,
        notes::list(&found.tables, 12)
    );
    if found.column_rows > 0 {
        how.push_str(&format!(
            "；表格线以外 {} 行文字按其在页面上分开的列读取",
            found.column_rows
        ));
    }
    if !found.declined.is_empty() {
        how.push_str(&format!(
            "；未按表格读取：{}",
            notes::list(&found.declined, 5)
        ));
    }
    how.push_str("；不按空格猜测分界");
    how
}

fn damaged(why: impl Into<String>) -> ImportError {
    ImportError::Damaged {
        kind: "PDF 文件",
        why: why.into(),
    }
}

thread_local! {
    /// Whether this thread is inside pdf-extract, whose panics are caught and said in Chinese.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps a panic inside pdf-extract off the terminal: the file is refused with a message, and
/// the panic's English text and backtrace printed before it only confused. Every other panic
/// goes to the hook there was (installed once: swapping hooks per file would race between the
/// threads that import side by side, as the review board's do).
fn quiet_while_reading() {
    // Under cargo-fuzz every panic is to be seen, pdf-extract's too (fuzz/README.md): a panic in
    // this module's own output device would otherwise pass as a damaged file.
    if cfg!(fuzzing) {
        return;
    }
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Reads a PDF into paragraphs and tables, with what the layout found.
pub fn read(bytes: &[u8]) -> Result<(Flow, Found), ImportError> {
    quiet_while_reading();
    READING.set(true);
    let caught = std::panic::catch_unwind(|| glyphs(bytes));
    READING.set(false);
    let pages = caught.map_err(|_| damaged("文件结构有误，无法解析"))??;
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(ImportError::PdfNoText);
    }
    Ok(layout::lay_out(&pages))
}

thread_local! {
    /// What the object streams may still unpack to while lopdf loads a file on this thread,
    /// `None` once one went past it (see [`count_object_stream`]).
    static OBJECT_STREAMS_LEFT: std::cell::Cell<Option<u64>> =
        const { std::cell::Cell::new(Some(MAX_UNPACKED)) };
}

/// Every page's glyphs and rules.
fn glyphs(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    // lopdf unpacks the cross-reference streams first of all, and then the object streams while
    // it loads the objects; the page contents and fonts are counted once it has. All against
    // one budget.
    let Some(cross_references) = cross_reference::unpacked(bytes, MAX_UNPACKED) else {
        return Err(ImportError::PdfUnpacked {
            limit_mb: MAX_UNPACKED / (1024 * 1024),
        });
    };
    OBJECT_STREAMS_LEFT.set(Some(MAX_UNPACKED - cross_references));
    let options = pdf_extract::LoadOptions {
        filter: Some(count_object_stream),
        ..Default::default()
    };
    let loaded = pdf_extract::Document::load_mem_with_options(bytes, options);
    let left = OBJECT_STREAMS_LEFT.replace(Some(MAX_UNPACKED));
    let Some(left) = left else {
        return Err(ImportError::PdfUnpacked {
            limit_mb: MAX_UNPACKED / (1024 * 1024),
        });
    };
    let doc = loaded.map_err(|e| damaged(format!("不是完整的 PDF 文件（{e}）")))?;
    if doc.is_encrypted() {
        return Err(ImportError::PdfEncrypted);
    }
    let pages = doc.get_pages().len();
    if pages > MAX_PAGES {
        return Err(ImportError::PdfTooManyPages {
            pages,
            limit: MAX_PAGES,
        });
    }
    check_unpacked(&doc, MAX_UNPACKED - left)?;
    let mut device = Device::default();
    pdf_extract::output_doc(&doc, &mut device).map_err(|e| match e {
        OutputError::PdfError(e) => damaged(e.to_string()),
        _ if device.over => ImportError::PdfTooManyGlyphs,
        e => damaged(format!("{e:?}")),
    })?;
    if device.over {
        return Err(ImportError::PdfTooManyGlyphs);
    }
    Ok(device.pages)
}

/// Called by lopdf for each object as it loads a file, before it unpacks the object streams
/// (which hold most objects of files made by Word and WPS): an object stream is unpacked into a
/// counter first, against what is left of [`MAX_UNPACKED`]. One past it is emptied (lopdf finds
/// no objects in it) and the file is refused once loaded. Objects are kept as they are.
fn count_object_stream(id: (u32, u16), object: &mut Object) -> Option<((u32, u16), Object)> {
    if let Object::Stream(stream) = object
        && stream.dict.has_type(b"ObjStm")
    {
        let left = OBJECT_STREAMS_LEFT.get();
        let unpacked = left.and_then(|left| unpack::unpacked_len(stream, left));
        match (left, unpacked) {
            (Some(left), Some(unpacked)) => OBJECT_STREAMS_LEFT.set(Some(left - unpacked)),
            _ => {
                OBJECT_STREAMS_LEFT.set(None);
                stream.dict.remove(b"Filter");
                stream.content.clear();
            }
        }
    }
    // lopdf keeps the object it passed in (the one changed above), but uses what is returned
    // for the objects it takes out of object streams.
    Some((id, object.clone()))
}

/// Refuses a document whose streams other than pictures unpack to more than [`MAX_UNPACKED`]
/// bytes together with the cross-reference and object streams (`so_far`, counted as the file
/// was loaded): each is unpacked into a counter before the text is read (which unpacks them
/// without a limit).
fn check_unpacked(doc: &pdf_extract::Document, so_far: u64) -> Result<(), ImportError> {
    let mut total = so_far;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_picture = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image");
        // Object streams were counted as the file was loaded (and are unpacked by now).
        if is_picture || stream.dict.has_type(b"ObjStm") {
            continue;
        }
        match unpack::unpacked_len(stream, MAX_UNPACKED - total) {
            Some(unpacked) => total += unpacked,
            None => {
                return Err(ImportError::PdfUnpacked {
                    limit_mb: MAX_UNPACKED / (1024 * 1024),
                });
            }
        }
    }
    Ok(())
}

/// Collects what `pdf-extract` draws.
#[derive(Default)]
struct Device {
    pages: Vec<Page>,
    glyphs: usize,
    over: bool,
}

impl Device {
    fn page(&mut self) -> Result<&mut Page, OutputError> {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        self.pages
            .last_mut()
            .ok_or(OutputError::FormatError(std::fmt::Error))
    }

    fn rules(&mut self, ctm: &Transform, path: &Path, filled: bool) -> Result<(), OutputError> {
        let page = self.page()?;
        let mut at: Option<(f64, f64)> = None;
        let point = |x: f64, y: f64| {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                ctm.m12 * x + ctm.m22 * y + ctm.m32,
            )
        };
        for op in &path.ops {
            if page.rules.len() >= MAX_RULES {
                break;
            }
            match *op {
                PathOp::MoveTo(x, y) => at = Some(point(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = point(x, y);
                    if let Some(from) = at
                        && !filled
                    {
                        push_segment(&mut page.rules, from, to);
                    }
                    at = Some(to);
                }
                PathOp::CurveTo(.., x, y) => at = Some(point(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (point(x, y), point(x + w, y + h));
                    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
                    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                    // A thin filled or stroked box is a rule; a stroked box is four; a wide
                    // filled box is a cell's shading, no border.
                    if x1 - x0 <= 3.0 || y1 - y0 <= 3.0 {
                        if x1 - x0 >= y1 - y0 {
                            let y = (y0 + y1) / 2.0;
                            push_segment(&mut page.rules, (x0, y), (x1, y));
                        } else {
                            let x = (x0 + x1) / 2.0;
                            push_segment(&mut page.rules, (x, y0), (x, y1));
                        }
                    } else if !filled {
                        push_segment(&mut page.rules, (x0, y0), (x1, y0));
                        push_segment(&mut page.rules, (x0, y1), (x1, y1));
                        push_segment(&mut page.rules, (x0, y0), (x0, y1));
                        push_segment(&mut page.rules, (x1, y0), (x1, y1));
                    }
                }
                PathOp::Close => {}
            }
        }
        Ok(())
    }
}

/// A segment kept when it is horizontal or vertical.
fn push_segment(rules: &mut Vec<Rule>, a: (f64, f64), b: (f64, f64)) {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) {
        return;
    }
    if y1 - y0 < 0.5 {
        let y = (y0 + y1) / 2.0;
        rules.push(Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        });
    } else if x1 - x0 < 0.5 {
        let x = (x0 + x1) / 2.0;
        rules.push(Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        });
    }
}

impl OutputDev for Device {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: media_box.ury - media_box.lly,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            self.over = true;
            // Any error stops the reading; the flag says which.
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let size = font_size * trm.m21.hypot(trm.m22);
        let glyph = Glyph {
            x: trm.m31,
            y: trm.m32,
            width: width * font_size * trm.m11.hypot(trm.m12),
            size: if size.is_finite() && size > 0.0 {
                size
            } else {
                1.0
            },
            // Private-use and control characters come from fonts without a map to Unicode.
            text: text
                .chars()
                .filter(|c| !c.is_control() && !('\u{e000}'..='\u{f8ff}').contains(c))
                .collect(),
        };
        if glyph.x.is_finite() && glyph.y.is_finite() && glyph.width.is_finite() {
            self.page()?.glyphs.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, false)
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, true)
    }
}
