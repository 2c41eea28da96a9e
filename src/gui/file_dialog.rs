//! The system's file dialog, run on a thread so that the window never freezes. Where the system
//! has no dialog (no portal and no zenity), rfd returns nothing at once; the app then asks for a
//! path instead of doing nothing.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::chart::ChartFormat;
use crate::export::ExportFormat;

/// What a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    /// Export the report in the format given.
    Export(ExportFormat),
    /// Export the 图解 in the form given.
    Chart(ChartFormat),
    /// Last year's draft, for the cross-year checks.
    LastYear,
    /// Last year's draft, for 本年与上年对比.
    Compare,
    /// The drafts of several units, for 汇总.
    Merge,
    /// A published report's text, for 导入.
    Import,
    /// 审核汇总台: the folder of the units' reports.
    ReviewFolder,
    /// 审核汇总台: the roster (名单) of the units expected.
    Roster,
    /// 审核汇总台: the folder of last year's reports.
    ReviewLastYear,
    /// 审核汇总台: where the 问题清单 goes, in this form.
    IssueList(IssueListFormat),
    /// 审核汇总台: the folder the 退回意见 are written to.
    Returns,
    /// 审核汇总台: the folder the 下发 drafts are written to.
    IssueDrafts,
}

/// The forms of the 问题清单.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueListFormat {
    Html,
    Xlsx,
    Json,
}

impl IssueListFormat {
    pub fn extension(self) -> &'static str {
        match self {
            IssueListFormat::Html => "html",
            IssueListFormat::Xlsx => "xlsx",
            IssueListFormat::Json => "json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IssueListFormat::Html => "网页",
            IssueListFormat::Xlsx => "Excel 工作簿",
            IssueListFormat::Json => "JSON",
        }
    }
}

impl Purpose {
    /// Whether the dialog picks a folder rather than a file.
    pub fn is_folder(self) -> bool {
        matches!(
            self,
            Purpose::ReviewFolder
                | Purpose::ReviewLastYear
                | Purpose::Returns
                | Purpose::IssueDrafts
        )
    }
}

/// Where file dialogs come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogBackend {
    /// The system's dialog through rfd (portal, or zenity).
    System,
    /// No dialog at all: every request answers "unavailable" (tests, and systems known to have none).
    Unavailable,
}

/// How a dialog ended.
#[derive(Debug)]
pub enum Outcome {
    Chosen(PathBuf),
    ChosenMany(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// A dialog under way.
pub struct Pending {
    pub purpose: Purpose,
    receiver: Receiver<Outcome>,
}

impl Pending {
    /// The outcome, once the dialog has closed.
    pub fn poll(&self) -> Option<Outcome> {
        self.receiver.try_recv().ok()
    }
}

/// A closed dialog that answered faster than a person can is taken as "no dialog on this system".
const TOO_QUICK: Duration = Duration::from_millis(400);

impl DialogBackend {
    /// Starts a dialog. `suggested` is the file a save or export proposes (its folder and name),
    /// or the folder to start in for picking files.
    pub fn start(self, purpose: Purpose, suggested: PathBuf, ctx: &egui::Context) -> Pending {
        let (sender, receiver) = channel();
        match self {
            DialogBackend::Unavailable => {
                // The receiver is in the same `Pending`: this cannot fail.
                sender.send(Outcome::Unavailable).ok();
            }
            DialogBackend::System => {
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let started = Instant::now();
                    let (folder, name) = match purpose {
                        Purpose::SaveAs
                        | Purpose::Export(_)
                        | Purpose::Chart(_)
                        | Purpose::IssueList(_) => (
                            suggested.parent().map(PathBuf::from),
                            suggested
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                        ),
                        _ => (Some(suggested), String::new()),
                    };
                    let start = || match folder.as_deref().filter(|f| f.is_dir()) {
                        Some(folder) => rfd::FileDialog::new().set_directory(folder),
                        None => rfd::FileDialog::new(),
                    };
                    let drafts = || start().add_filter("年报草稿", &["ron"]);
                    let chosen = match purpose {
                        Purpose::Open => drafts().set_title("打开年报草稿").pick_file(),
                        Purpose::SaveAs => {
                            drafts().set_title("另存为").set_file_name(name).save_file()
                        }
                        Purpose::Import => start()
                            .add_filter(
                                "年度报告（Word、网页、PDF、文本）",
                                &["docx", "html", "htm", "pdf", "txt", "md", "text"],
                            )
                            .add_filter("所有文件", &["*"])
                            .set_title("导入已发布的年度报告（Word 文档、网页、PDF 或文本文件）")
                            .pick_file(),
                        Purpose::LastYear => {
                            drafts().set_title("选择上一年度的年报草稿").pick_file()
                        }
                        Purpose::Compare => {
                            drafts().set_title("选择要对比的上一年度草稿").pick_file()
                        }
                        Purpose::Merge => {
                            let many = drafts()
                                .set_title("选择要汇总的各单位草稿（可多选）")
                                .pick_files();
                            let outcome = match many {
                                Some(paths) if !paths.is_empty() => Outcome::ChosenMany(paths),
                                _ if started.elapsed() < TOO_QUICK => Outcome::Unavailable,
                                _ => Outcome::Cancelled,
                            };
                            // A window that went away meanwhile needs no answer.
                            sender.send(outcome).ok();
                            ctx.request_repaint();
                            return;
                        }
                        Purpose::Chart(format) => start()
                            .add_filter(format.label(), &[format.extension()])
                            .set_title("导出图解")
                            .set_file_name(name)
                            .save_file(),
                        Purpose::ReviewFolder => start()
                            .set_title("选择各单位年度报告所在的文件夹")
                            .pick_folder(),
                        Purpose::ReviewLastYear => start()
                            .set_title("选择上一年度报告所在的文件夹")
                            .pick_folder(),
                        Purpose::Returns => {
                            start().set_title("选择退回意见的保存文件夹").pick_folder()
                        }
                        Purpose::IssueDrafts => {
                            start().set_title("选择下发草稿的保存文件夹").pick_folder()
                        }
                        Purpose::Roster => start()
                            .add_filter("单位名单", &["txt", "csv", "xlsx"])
                            .add_filter("所有文件", &["*"])
                            .set_title("选择单位名单（每行一个单位，或 CSV、Excel 表格）")
                            .pick_file(),
                        Purpose::IssueList(format) => start()
                            .add_filter(format.label(), &[format.extension()])
                            .set_title("导出问题清单")
                            .set_file_name(name)
                            .save_file(),
                        Purpose::Export(format) => {
                            let label = match format {
                                ExportFormat::Html => "网页",
                                ExportFormat::Text => "文本",
                                ExportFormat::Docx => "Word 文档",
                            };
                            start()
                                .add_filter(label, &[format.extension()])
                                .set_title("导出年度报告")
                                .set_file_name(name)
                                .save_file()
                        }
                    };
                    let outcome = match chosen {
                        Some(path) => Outcome::Chosen(path),
                        None if started.elapsed() < TOO_QUICK => Outcome::Unavailable,
                        None => Outcome::Cancelled,
                    };
                    // A window that went away meanwhile needs no answer.
                    sender.send(outcome).ok();
                    ctx.request_repaint();
                });
            }
        }
        Pending { purpose, receiver }
    }
}
