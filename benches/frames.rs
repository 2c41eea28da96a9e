//! Per-frame cost of the window, headless: `run_ui` plus tessellation at 1280×800, for each part
//! of the 晋江 example, idle and while typing into a table cell. Prints median and p99 over a few
//! hundred frames, and whether an idle window asks for any repaint (it must not).
//!
//! Run with `cargo bench --bench frames` (a release build); `cargo bench --bench frames -- typing`
//! runs only the typing parts (for a profiler), and `-- typing rounds=5` repeats them.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, Vec2, ViewportId};
use nianbao::gui::{App, DialogBackend, Section, install_fonts};

const FRAMES: usize = 300;

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0))),
        events,
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App, events: Vec<Event>) -> (Duration, Duration) {
    let started = Instant::now();
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    let repaint = output
        .viewport_output
        .get(&ViewportId::ROOT)
        .map_or(Duration::MAX, |v| v.repaint_delay);
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    (started.elapsed(), repaint)
}

fn stats(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100]),
    )
}

fn main() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2021-jinjiang.ron");
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut app = App::new(Default::default(), DialogBackend::Unavailable);
    app.open_path(&example);
    let typing_only = std::env::args().skip(1).any(|a| a == "typing");
    println!("part                                     idle median   idle p99   repaint when idle");
    for section in Section::ALL.into_iter().filter(|_| !typing_only) {
        app.set_section(section);
        // Warm up: glyphs rasterised, layout cached.
        for _ in 0..20 {
            frame(&ctx, &mut app, Vec::new());
        }
        let mut times = Vec::with_capacity(FRAMES);
        let mut repaint = Duration::MAX;
        for _ in 0..FRAMES {
            let (t, r) = frame(&ctx, &mut app, Vec::new());
            times.push(t);
            repaint = r;
        }
        let (median, p99) = stats(times);
        let idle = if repaint == Duration::MAX {
            "none".to_string()
        } else {
            format!("after {repaint:?}")
        };
        println!(
            "{:<40} {median:>8.3} ms {p99:>8.3} ms   {idle}",
            section.label()
        );
    }

    let rounds = (std::env::args().skip(1))
        .find_map(|a| a.strip_prefix("rounds=").and_then(|n| n.parse().ok()))
        .unwrap_or(1);
    for _ in 0..rounds {
        for charts in [false, true] {
            app.set_show_charts(charts);
            typing(&ctx, &mut app, charts);
        }
    }
    println!("draft revision after typing: {}", app.document().revision());
}

/// Typing digits into a table-三 cell, one keystroke a frame, with the 图表 view open or not. The
/// view makes its charts again only when the draft's revision changes (an edit applied), never
/// for a frame alone, so the two cases should cost about the same.
fn typing(ctx: &egui::Context, app: &mut App, charts: bool) {
    let (ctx, app) = (ctx, app);
    app.set_section(Section::Table(nianbao::format::TableId::T3));
    for _ in 0..20 {
        frame(ctx, app, Vec::new());
    }
    let mut times = Vec::with_capacity(FRAMES);
    // Select a cell as a click on a finding would, then type into it.
    let cell = nianbao::format::CellKey {
        table: nianbao::format::TableId::T3,
        row: "granted",
        col: "natural",
    };
    app.go_to(nianbao::check::Location::Cell(cell));
    for _ in 0..5 {
        frame(ctx, app, Vec::new());
    }
    let made_before = app.charts().times_made();
    // Two digits typed, two taken back, over and over: every keystroke leaves a valid figure (or a
    // blank cell), so every one changes the draft, as a clerk's typing does. (Digits typed on and
    // on would soon make a number too large to take, and the draft would stop changing.)
    for i in 0..FRAMES {
        let key = if i % 4 >= 2 {
            Event::Key {
                key: egui::Key::Backspace,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Default::default(),
            }
        } else {
            Event::Text(
                ((i % 10) as u8 + b'0')
                    .to_string()
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
            )
        };
        let (t, _) = frame(ctx, app, vec![key]);
        times.push(t);
    }
    let (median, p99) = stats(times);
    let made = app.charts().times_made() - made_before;
    println!(
        "{:<40} {median:>8.3} ms {p99:>8.3} ms   (typing into a cell, totals and checks recomputed; \
         charts made {made} times)",
        if charts {
            "三 typing with 图表 open"
        } else {
            "三 typing"
        }
    );
}
