//! Where start-up time goes: with `NIANBAO_STARTUP_TIMING=1` the window prints, once its first
//! frame is drawn, the milliseconds from the start of the window to each step (the window and its
//! OpenGL context, the fonts, the draft and its first check, the first frame laid out, drawn by
//! OpenGL, and shown).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The environment variable that turns the report on.
pub const ENV: &str = "NIANBAO_STARTUP_TIMING";

/// The steps of one start, as they happen.
pub struct Startup {
    started: Instant,
    marks: Vec<(&'static str, Duration)>,
    /// Steps done on other threads, listed after the main thread's.
    meanwhile: Vec<(&'static str, Duration)>,
    frames: u32,
    /// When OpenGL had drawn the first frame, noted while egui paints it.
    drawn: Arc<Mutex<Option<Duration>>>,
}

impl Startup {
    /// Starts timing when the environment asks for it.
    pub fn from_env() -> Option<Startup> {
        std::env::var_os(ENV).map(|_| Startup {
            started: Instant::now(),
            marks: Vec::new(),
            meanwhile: Vec::new(),
            frames: 0,
            drawn: Arc::default(),
        })
    }

    /// When the window began to start: the clock of every mark.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// Notes that a step done on another thread ended at `at`.
    pub fn note_meanwhile(&mut self, step: &'static str, at: Duration) {
        self.meanwhile.push((step, at));
    }

    /// Notes that a step has ended.
    pub fn mark(&mut self, step: &'static str) {
        self.marks.push((step, self.started.elapsed()));
    }

    /// A paint callback to draw last in the first frame: it waits for OpenGL to finish drawing
    /// (a software renderer draws only when asked to finish or to swap) and notes the time. The
    /// next frame begins only after eframe has shown the window and slept 10 ms while the window
    /// system maps it, which is not the program's start-up.
    pub fn draw_marker(&self) -> egui::PaintCallback {
        let (drawn, started) = (self.drawn.clone(), self.started);
        let callback = eframe::egui_glow::CallbackFn::new(move |_info, painter| {
            use eframe::glow::HasContext as _;
            // SAFETY: glFinish takes no arguments; it waits for the commands given so far to
            // the context, which is current while egui paints.
            unsafe { painter.gl().finish() };
            if let Ok(mut d) = drawn.lock() {
                *d = Some(started.elapsed());
            }
        });
        egui::PaintCallback {
            rect: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1.0, 1.0)),
            callback: Arc::new(callback),
        }
    }

    /// Notes when OpenGL had drawn the first frame, if the marker ran.
    pub fn mark_drawn(&mut self, step: &'static str) {
        let drawn = self.drawn.lock().ok().and_then(|d| *d);
        if let Some(at) = drawn {
            self.marks.push((step, at));
        }
    }

    /// How many frames were drawn so far.
    pub fn frames(&self) -> u32 {
        self.frames
    }

    pub fn frame_done(&mut self) {
        self.frames += 1;
    }

    /// The report, one step a line: the time at its end and the time it took.
    pub fn report(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut previous = Duration::ZERO;
        let mut out = String::new();
        for (step, at) in &self.marks {
            out.push_str(&format!(
                "nianbao start-up: {:>7.1} ms  (+{:>6.1} ms) {step}\n",
                ms(*at),
                ms(*at - previous)
            ));
            previous = *at;
        }
        for (step, at) in &self.meanwhile {
            out.push_str(&format!(
                "nianbao start-up: {:>7.1} ms  (meanwhile)  {step}\n",
                ms(*at)
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_each_step_with_its_share() {
        let mut s = Startup {
            started: Instant::now(),
            marks: Vec::new(),
            meanwhile: Vec::new(),
            frames: 0,
            drawn: Arc::default(),
        };
        s.mark("fonts");
        s.note_meanwhile("driver", Duration::from_millis(3));
        s.mark("first frame");
        let report = s.report();
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].ends_with("first frame"));
        assert!(lines[2].contains("3.0 ms  (meanwhile)  driver"), "{report}");
    }
}
