//! Loading the OpenGL driver while winit sets up the window system.
//!
//! On X11 a start spends its first tens of milliseconds one step after another on the main
//! thread: winit connects to the X server and opens the input method (which parses the locale's
//! Compose table, twice: Xlib's and xkbcommon's), then glutin asks GLX for its framebuffer
//! configurations, which loads the OpenGL driver (Mesa's links LLVM: tens of megabytes to map
//! and relocate) and sets it up. The two do not depend on each other, and the second core is
//! idle meanwhile. So a thread of ours opens its own connection and asks GLX the same question
//! first: when glutin asks, whichever driver the system has is loaded and its one-time set-up
//! done. The connection is kept until the window's own OpenGL context exists (closing it sooner
//! could unload the driver again), then closed.
//!
//! Nothing is drawn on that connection: an X error there would reach winit's error handler
//! (Xlib has one per process) and be taken for the window's. (Drawing one frame offscreen there
//! to warm the driver's shader compiler was tried and bought nothing measurable.)

use std::ffi::OsString;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The warm-up under way. Dropping it, once the window's OpenGL context exists, lets the thread
/// close its connection.
pub struct GlWarmup {
    _done: mpsc::Sender<()>,
    loaded: mpsc::Receiver<Duration>,
}

impl GlWarmup {
    /// Starts the warm-up where the window will use X11; `started` is the start-up clock.
    pub fn begin(started: Instant) -> Option<GlWarmup> {
        if !will_use_x11(|name| std::env::var_os(name)) {
            return None;
        }
        // Xlib is made thread-safe here, before any other thread calls it (libX11 before 1.8,
        // as on 统信UOS 20 and 麒麟 V10, requires that of the first call).
        let xlib = x11::thread_safe_xlib()?;
        let (done, wait) = mpsc::channel::<()>();
        let (tell, loaded) = mpsc::channel();
        std::thread::Builder::new()
            .name("gl-warmup".into())
            .spawn(move || x11::warm_up(&xlib, started, &tell, &wait))
            .ok()?;
        Some(GlWarmup {
            _done: done,
            loaded,
        })
    }

    /// When the warm-up had loaded and set up the driver, if it had by now.
    pub fn loaded_at(&self) -> Option<Duration> {
        self.loaded.try_recv().ok()
    }
}

/// Whether winit will open an X11 window: on Linux and the BSDs it takes Wayland when
/// `WAYLAND_DISPLAY` or `WAYLAND_SOCKET` is set and X11 when `DISPLAY` is (empty ones count as
/// unset). Under Wayland eframe draws through EGL, which a GLX warm-up would not warm.
fn will_use_x11(var: impl Fn(&str) -> Option<OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    cfg!(all(
        unix,
        not(target_os = "macos"),
        not(target_os = "android")
    )) && set("DISPLAY")
        && !set("WAYLAND_DISPLAY")
        && !set("WAYLAND_SOCKET")
}

#[cfg(all(unix, not(target_os = "macos"), not(target_os = "android")))]
mod x11 {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    use x11_dl::{glx, xlib};

    /// Xlib, opened as winit and glutin open their libraries (by name, at run time: a machine
    /// without X11 or OpenGL lacks nothing the program links to) and made thread-safe, as winit
    /// makes it too; libX11 ≥ 1.8 is so from its start.
    pub(super) fn thread_safe_xlib() -> Option<xlib::Xlib> {
        let xlib = xlib::Xlib::open().ok()?;
        // SAFETY: XInitThreads takes no arguments and may be called more than once; it is
        // called on the main thread before any other thread uses Xlib.
        (unsafe { (xlib.XInitThreads)() } != 0).then_some(xlib)
    }

    pub(super) fn warm_up(
        xlib: &xlib::Xlib,
        started: Instant,
        tell: &mpsc::Sender<Duration>,
        wait: &mpsc::Receiver<()>,
    ) {
        let Ok(glx) = glx::Glx::open() else {
            return;
        };
        // SAFETY: Xlib's and GLX's contracts are kept: Xlib is thread-safe (above); the display
        // is opened here, checked for null, used by this thread only and closed once; the list
        // of configurations GLX returns is freed with XFree.
        unsafe {
            let display = (xlib.XOpenDisplay)(std::ptr::null());
            if display.is_null() {
                return;
            }
            let screen = (xlib.XDefaultScreen)(display);
            let attributes = [glx::GLX_RENDER_TYPE, glx::GLX_RGBA_BIT, 0];
            let mut count = 0;
            let configs = (glx.glXChooseFBConfig)(display, screen, attributes.as_ptr(), &mut count);
            if !configs.is_null() {
                (xlib.XFree)(configs.cast());
            }
            let _ = tell.send(started.elapsed());
            // Until the window has its own context, which then holds the driver.
            let _ = wait.recv();
            (xlib.XCloseDisplay)(display);
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"), not(target_os = "android"))))]
mod x11 {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    pub(super) struct Xlib;

    pub(super) fn thread_safe_xlib() -> Option<Xlib> {
        None
    }

    pub(super) fn warm_up(
        _: &Xlib,
        _: Instant,
        _: &mpsc::Sender<Duration>,
        _: &mpsc::Receiver<()>,
    ) {
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_driver_is_warmed_only_where_winit_will_open_an_x11_window() {
        let x11 = cfg!(all(
            unix,
            not(target_os = "macos"),
            not(target_os = "android")
        ));
        assert_eq!(will_use_x11(env(&[("DISPLAY", ":0")])), x11);
        // A Wayland session (with XWayland's DISPLAY too): winit takes Wayland.
        assert!(!will_use_x11(env(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_DISPLAY", "wayland-0")
        ])));
        assert!(!will_use_x11(env(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_SOCKET", "3")
        ])));
        // Empty variables count as unset, as winit counts them.
        assert_eq!(
            will_use_x11(env(&[("DISPLAY", ":0"), ("WAYLAND_DISPLAY", "")])),
            x11
        );
        assert!(!will_use_x11(env(&[("DISPLAY", "")])));
        assert!(!will_use_x11(env(&[])));
    }

    #[test]
    fn without_a_window_system_nothing_is_started() {
        // The tests run without DISPLAY in CI; where one is set this only checks that a
        // warm-up that starts can be dropped at once.
        let warmup = GlWarmup::begin(Instant::now());
        if std::env::var_os("DISPLAY").is_none() {
            assert!(warmup.is_none());
        }
        drop(warmup);
    }
}
