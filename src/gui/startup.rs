//! Where start-up time goes: with `NIANBAO_STARTUP_TIMING=1` the window prints, once its first
//! frame is drawn, the milliseconds from the start of the window to each step (the window and its
//! OpenGL context, the fonts, the draft, the first check, the first frame).

use std::time::{Duration, Instant};

/// The environment variable that turns the report on.
pub const ENV: &str = "NIANBAO_STARTUP_TIMING";

/// The steps of one start, as they happen.
pub struct Startup {
    started: Instant,
    marks: Vec<(&'static str, Duration)>,
    frames: u32,
}

impl Startup {
    /// Starts timing when the environment asks for it.
    pub fn from_env() -> Option<Startup> {
        std::env::var_os(ENV).map(|_| Startup {
            started: Instant::now(),
            marks: Vec::new(),
            frames: 0,
        })
    }

    /// Notes that a step has ended.
    pub fn mark(&mut self, step: &'static str) {
        self.marks.push((step, self.started.elapsed()));
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
            frames: 0,
        };
        s.mark("fonts");
        s.mark("first frame");
        let report = s.report();
        assert_eq!(report.lines().count(), 2);
        assert!(report.lines().last().unwrap().ends_with("first frame"));
    }
}
