//! Frames of the 审核汇总台 window, headless (`run_ui` plus tessellation at 1600×900): while a
//! folder of 1,000 unit drafts loads on the worker thread (the progress bar shown), and then the
//! full board (idle, and scrolled with the wheel). Prints the worst frame, the median and
//! the p99 of each; the aim is every frame under 50 ms.
//!
//! Run with `cargo bench --bench board` (a release build).

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, Vec2};
use nianbao::gui::{App, DialogBackend, install_fonts};

const UNITS: usize = 1000;

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 900.0))),
        events,
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App, events: Vec<Event>) -> Duration {
    let started = Instant::now();
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    started.elapsed()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = times.len();
    println!(
        "{what:<34} {n:>5} frames   median {:>7.3} ms   p99 {:>7.3} ms   worst {:>7.3} ms",
        ms(times[n / 2]),
        ms(times[(n * 99 / 100).min(n - 1)]),
        ms(times[n - 1])
    );
}

/// A folder of `UNITS` drafts: the example under another body name each.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2021-jinjiang-corrected.ron");
    let mut draft = nianbao::draft_file::load(&example).expect("the example");
    draft.title_override = None;
    for i in 1..=UNITS {
        draft.body = format!("第{i}镇");
        nianbao::draft_file::save(&draft, &dir.path().join(format!("第{i}镇.ron")))
            .expect("a unit saved");
    }
    dir
}

fn main() {
    let dir = folder();
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    // Warm up on an empty window: the first frames rasterise the glyphs of the menus.
    for _ in 0..5 {
        frame(&ctx, &mut app, Vec::new());
    }
    let started = Instant::now();
    app.open_board(dir.path().to_path_buf());
    let mut loading = Vec::new();
    while app.board().is_some_and(|b| b.is_loading()) {
        loading.push(frame(&ctx, &mut app, Vec::new()));
        // The window paints at most every few milliseconds while the worker reads.
        std::thread::sleep(Duration::from_millis(4));
    }
    let loaded = started.elapsed();
    let rows = app
        .board()
        .and_then(|b| b.board.as_ref())
        .map_or(0, |b| b.rows.len());
    println!(
        "{UNITS} units read and checked in {:.0} ms while the window drew {} frames; {rows} rows",
        loaded.as_secs_f64() * 1000.0,
        loading.len()
    );
    report("while loading (progress shown)", loading);
    let idle: Vec<Duration> = (0..200)
        .map(|_| frame(&ctx, &mut app, Vec::new()))
        .collect();
    report("full board, idle", idle);
    let scroll: Vec<Duration> = (0..200)
        .map(|i| {
            let delta = if i % 40 < 20 { -120.0 } else { 120.0 };
            frame(
                &ctx,
                &mut app,
                vec![
                    // Over the units' table.
                    Event::PointerMoved(Pos2::new(700.0, 400.0)),
                    Event::MouseWheel {
                        unit: egui::MouseWheelUnit::Point,
                        delta: Vec2::new(0.0, delta),
                        phase: egui::TouchPhase::Move,
                        source: egui::MouseWheelSource::Wheel,
                        modifiers: Default::default(),
                    },
                ],
            )
        })
        .collect();
    report("full board, scrolling", scroll);
}
