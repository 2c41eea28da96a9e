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
    match nianbao::gui::run(draft) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: 无法打开窗口：{e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_draft: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "nianbao: 此版本未包含编制窗口（编译时未启用 gui 功能），请使用子命令，见 nianbao --help"
    );
    ExitCode::from(2)
}
