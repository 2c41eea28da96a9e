//! The desktop window: a thin shell over the report engine. It holds no report logic: every
//! change goes through [`crate::document::Document::apply`], every figure comes from the draft.

mod app;
pub mod board;
pub mod charts_view;
pub mod commands;
pub(crate) mod dialogs;
mod file_dialog;
mod findings_panel;
mod fonts;
mod forms;
mod gl_warmup;
pub mod grid;
mod guide;
mod ime;
mod settings;
mod startup;

use std::path::PathBuf;

pub use app::{App, Section};
pub use file_dialog::DialogBackend;
pub use fonts::install_fonts;

/// Opens the window, with a draft if a path is given.
pub fn run(path: Option<PathBuf>) -> eframe::Result<()> {
    let mut startup = startup::Startup::from_env();
    // The OpenGL driver is loaded on another thread while winit sets up the window system.
    let started = startup
        .as_ref()
        .map_or_else(std::time::Instant::now, |s| s.started());
    let warmup = gl_warmup::GlWarmup::begin(started);
    // The draft is read and checked on another thread while the window and its OpenGL context
    // are made.
    let prepared = path.map(|p| {
        (
            p.clone(),
            std::thread::spawn(move || app::Prepared::read(p)),
        )
    });
    // The first start fills the screen; after that eframe brings back the size, position and
    // maximized state the window had when it was closed.
    let first_start = eframe::storage_dir("nianbao").is_none_or(|d| !d.join("app.ron").exists());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("政府信息公开年报编制")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_maximized(first_start)
            .with_drag_and_drop(true)
            .with_app_id("nianbao")
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!(
                    "../../assets/icons/nianbao-64.png"
                ))
                .unwrap_or_default(),
            ),
        // The system's fonts are looked for when a character is missing, not at every start.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            if let Some(s) = &mut startup {
                s.mark("window and OpenGL context");
                if let Some(at) = warmup.as_ref().and_then(gl_warmup::GlWarmup::loaded_at) {
                    s.note_meanwhile("OpenGL driver loaded (on another thread)", at);
                }
            }
            // The window's context holds the driver now: the warm-up's connection can go.
            drop(warmup);
            install_fonts(&cc.egui_ctx);
            let system_fonts = fonts::SystemFontsWhenNeeded::default();
            cc.egui_ctx
                .add_font_provider(std::sync::Arc::new(system_fonts));
            if let Some(s) = &mut startup {
                s.mark("fonts");
            }
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value::<settings::Settings>(s, settings::KEY))
                .unwrap_or_default();
            let mut app = App::new(settings, DialogBackend::System).with_recovery(
                &crate::recovery::recovery_dir(),
                std::time::Duration::from_millis(1500),
            );
            app.apply_view_settings(&cc.egui_ctx);
            if let Some((path, reading)) = prepared {
                match reading.join() {
                    Ok(prepared) => app.open_prepared(prepared),
                    // The thread panicked: read the draft here, where an error is shown.
                    Err(_) => app.open_path(&path),
                }
            }
            if let Some(mut s) = startup {
                s.mark("settings, recovery files and the draft (read and checked meanwhile)");
                app.time_first_frame(s);
            }
            Ok(Box::new(app))
        }),
    )
}
