//! `nianbao`: opens the window, or runs a command for scripts.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = nianbao::cli::Cli::parse();
    match cli.command {
        Some(command) => nianbao::cli::run(command),
        None => open_window(cli.draft),
    }
}

#[cfg(feature = "gui")]
fn open_window(draft: Option<std::path::PathBuf>) -> ExitCode {
    #[cfg(windows)]
    windows::hide_own_console();
    // A panic inside the window's start-up (a graphics driver that lies, say) is reported like
    // an error rather than ending the program without a word.
    let result = std::panic::catch_unwind(|| nianbao::gui::run(draft))
        .unwrap_or_else(|panic| Err(eframe::Error::AppCreation(panic_message(&panic).into())));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: 无法打开窗口：{e}");
            #[cfg(windows)]
            windows::window_failed(&e.to_string());
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "程序内部错误".to_string())
}

#[cfg(not(feature = "gui"))]
fn open_window(_draft: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "nianbao: 此版本未包含编制窗口（编译时未启用 gui 功能），请使用子命令，见 nianbao --help"
    );
    ExitCode::from(2)
}

/// What the window needs from Windows itself: the console and a message box.
#[cfg(all(windows, feature = "gui"))]
mod windows {
    use std::ffi::c_void;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn FreeConsole() -> i32;
    }

    #[link(name = "user32")]
    unsafe extern "system" {
        fn MessageBoxW(owner: *mut c_void, text: *const u16, caption: *const u16, kind: u32)
        -> i32;
    }

    /// `nianbao.exe` is a console program so that `check`, `export` and the other commands print
    /// in the Command Prompt. Started from the Start menu or by double-clicking a draft, Windows
    /// gives it a console window of its own; that window is closed here, before the report window
    /// opens. A console shared with a Command Prompt (more than one process) is left alone.
    pub fn hide_own_console() {
        let mut processes = [0u32; 2];
        // SAFETY: the buffer holds the two entries the call is told about.
        let count = unsafe { GetConsoleProcessList(processes.as_mut_ptr(), 2) };
        if count == 1 {
            // SAFETY: no arguments; failing only means there was no console.
            unsafe { FreeConsole() };
        }
    }

    /// The window could not open: say so in a message box, since there may be no console to read
    /// the error in, and say that the command line still works.
    pub fn window_failed(detail: &str) {
        let text = format!(
            "无法打开编制窗口。\n\n\
             本程序的窗口需要 OpenGL 2.0 或更高版本的图形驱动。远程桌面、云桌面、未开启 3D 加速的虚拟机\
             和未安装显卡驱动的电脑上常常没有。可以安装或更新显卡驱动，或请信息化部门开启虚拟机的 3D 加速。\n\n\
             命令行功能不受影响：在“命令提示符”中进入程序所在文件夹，运行\n\
             nianbao check 草稿.ron（勾稽检查）\n\
             nianbao export 草稿.ron --format docx -o 年报.docx（导出 Word 文档）\n\
             nianbao --help（全部命令）\n\n\
             详细信息：{detail}"
        );
        let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
        let (text, caption) = (wide(&text), wide("政府信息公开年报编制"));
        const MB_OK: u32 = 0x0;
        const MB_ICONERROR: u32 = 0x10;
        // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
        unsafe {
            MessageBoxW(
                std::ptr::null_mut(),
                text.as_ptr(),
                caption.as_ptr(),
                MB_OK | MB_ICONERROR,
            )
        };
    }
}
