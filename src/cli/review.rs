//! `nianbao review`: the supervisor's review board on the command line.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::draft_file;
use crate::merge::MergeOptions;
use crate::review::{self, Board, Progress, ReviewOptions, Roster, report};

/// What `nianbao review` was asked, besides the paths.
#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// 各单位的年度报告：文件夹（含子文件夹）或文件；草稿（.ron）和可导入的已发布报告（.docx、网页、PDF、文本）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 名单：每行一个单位的文本文件，或 CSV、Excel 文件中“单位”或“单位名称”一列（没有时取第一列）
    #[arg(long, value_name = "名单")]
    pub roster: Option<PathBuf>,
    /// 上年报告（文件夹或文件，可给多个）：按单位名称匹配，做跨年度核对（R8、R9）
    #[arg(long, value_name = "上年报告", num_args = 1..)]
    pub last_year: Vec<PathBuf>,
    /// 输出格式：text（文本）、json（供脚本）、html（可打印的网页）、xlsx（Excel 工作簿）
    #[arg(long, default_value = "text", value_parser = ["text", "json", "html", "xlsx"])]
    pub format: String,
    /// 输出文件；不给出时写到标准输出（xlsx 须给出）
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// 地方要求文件（.ron）：按其发布时限、篇幅、必须写明的内容和规则级别检查
    #[arg(long, value_name = "地方要求")]
    pub profile: Option<PathBuf>,
    /// 退回意见：为每个有问题的单位在此文件夹写一份退回修改意见（.html 和 .docx）
    #[arg(long, value_name = "文件夹")]
    pub returns: Option<PathBuf>,
    /// 退回意见落款的审核单位名称
    #[arg(long, value_name = "审核单位")]
    pub supervisor: Option<String>,
    /// 下发：按名单为每个单位在此文件夹新建下一年度的草稿（.ron）
    #[arg(long, value_name = "文件夹")]
    pub issue_drafts: Option<PathBuf>,
    /// 下发草稿的报告年度（默认为所读报告的最近年度的下一年）
    #[arg(long, value_name = "年度")]
    pub issue_year: Option<i32>,
    /// 汇总：把读取的各单位报告汇总为一份草稿（.ron）
    #[arg(long, value_name = "汇总稿")]
    pub merge: Option<PathBuf>,
    /// 与 --merge 同用：只汇总没有错误的单位，未列入的单位列出
    #[arg(long)]
    pub merge_clean: bool,
    /// 与 --merge 同用：汇总稿的机关名称
    #[arg(long)]
    pub body: Option<String>,
}

fn fail(message: String) -> ExitCode {
    eprintln!("nianbao: {message}");
    ExitCode::from(2)
}

/// The year most units report on, for titles.
fn board_year(board: &Board) -> Option<i32> {
    let mut years: Vec<i32> = board
        .rows
        .iter()
        .filter_map(|r| r.report())
        .map(|u| u.draft.year)
        .collect();
    years.sort_unstable();
    let mut best: Option<(i32, usize)> = None;
    for chunk in years.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|(y, _)| y)
}

fn write_out(output: Option<&Path>, bytes: &[u8]) -> Result<(), ExitCode> {
    match output {
        Some(path) => draft_file::write_atomically(path, bytes).map_err(|e| fail(e.to_string())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|_| out.flush())
                .map_err(|_| ExitCode::from(2))
        }
    }
}

/// The board in the format asked for.
fn render(board: &Board, format: &str) -> Result<Vec<u8>, ExitCode> {
    let title = match board_year(board) {
        Some(y) => format!("{y}年政府信息公开工作年度报告审核汇总"),
        None => "政府信息公开工作年度报告审核汇总".to_string(),
    };
    match format {
        "json" => serde_json::to_string_pretty(&report::json(board))
            .map(|s| (s + "\n").into_bytes())
            .map_err(|e| fail(e.to_string())),
        "html" => report::html(board, &title)
            .map(String::into_bytes)
            .map_err(|e| fail(e.to_string())),
        "xlsx" => report::xlsx(board).map_err(|e| fail(format!("未能生成 Excel 工作簿：{e}"))),
        _ => Ok(report::text(board).into_bytes()),
    }
}

fn write_returns(board: &Board, dir: &Path, supervisor: Option<&str>) -> Result<(), ExitCode> {
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("无法建立文件夹 {}：{e}", dir.display())))?;
    let today = crate::date::today();
    let letters = report::returns(board);
    for letter in &letters {
        let html = letter
            .html(supervisor, today)
            .map_err(|e| fail(e.to_string()))?;
        let docx = letter
            .docx(supervisor, today)
            .map_err(|e| fail(e.to_string()))?;
        write_out(
            Some(&dir.join(format!("{}.html", letter.stem))),
            html.as_bytes(),
        )?;
        write_out(Some(&dir.join(format!("{}.docx", letter.stem))), &docx)?;
    }
    eprintln!(
        "已写出 {} 个单位的退回意见：{}",
        letters.len(),
        dir.display()
    );
    Ok(())
}

fn write_issued(board: &Board, dir: &Path, year: Option<i32>) -> Result<(), ExitCode> {
    let Some(drafts) = report::issue_drafts(board, year) else {
        return Err(fail(
            "没有可读取的报告，请用 --issue-year 指定下发草稿的报告年度".to_string(),
        ));
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("无法建立文件夹 {}：{e}", dir.display())))?;
    let carried = drafts.iter().filter(|d| d.carried).count();
    for d in &drafts {
        let path = dir.join(format!("{}.ron", report::file_stem(&d.unit)));
        draft_file::save(&d.draft, &path).map_err(|e| fail(e.to_string()))?;
    }
    eprintln!(
        "已下发 {} 份草稿（其中 {carried} 份沿用本年报告的数据）：{}",
        drafts.len(),
        dir.display()
    );
    Ok(())
}

fn write_merge(board: &Board, args: &ReviewArgs, path: &Path) -> Result<(), ExitCode> {
    let all: Vec<usize> = (0..board.rows.len()).collect();
    let options = MergeOptions {
        body: args.body.clone(),
        level: None,
    };
    let done = board
        .merge(&all, args.merge_clean, &options)
        .map_err(|e| fail(format!("未汇总：{e}")))?;
    draft_file::save(&done.merged.draft, path).map_err(|e| fail(e.to_string()))?;
    eprintln!("已汇总 {}：{}", done.merged.draft.title(), path.display());
    for note in &done.merged.notes {
        eprintln!("  {note}");
    }
    Ok(())
}

/// Runs the review: the board to standard output or `-o`, then what else was asked. Exit 0 when
/// every expected unit reported and none has an error, 1 when one has an error, could not be
/// read, reported twice or has not reported, 2 when nothing could be read (or writing failed).
pub fn run(args: &ReviewArgs) -> ExitCode {
    if args.format == "xlsx" && args.output.is_none() && std::io::stdout().is_terminal() {
        return fail(
            "Excel 工作簿不能显示在终端上，请用 -o 指定输出文件，例如 -o 问题清单.xlsx".into(),
        );
    }
    let roster = match &args.roster {
        Some(path) => match Roster::load(path) {
            Ok(r) => Some(r),
            Err(e) => return fail(e.to_string()),
        },
        None => None,
    };
    let profile = match &args.profile {
        Some(path) => match crate::profile::Profile::load(path) {
            Ok(p) => Some(p),
            Err(e) => return fail(format!("{e}（{}）", path.display())),
        },
        None => None,
    };
    let options = ReviewOptions {
        roster,
        last_year: args.last_year.clone(),
        profile,
        threads: None,
    };
    let board = review::review(&args.paths, &options, &Progress::default());
    if board.rows.is_empty() {
        return fail("所给路径下没有找到年度报告（.ron 草稿、.docx、网页或文本）".to_string());
    }
    let steps = || -> Result<(), ExitCode> {
        write_out(args.output.as_deref(), &render(&board, &args.format)?)?;
        if let Some(dir) = &args.returns {
            write_returns(&board, dir, args.supervisor.as_deref())?;
        }
        if let Some(dir) = &args.issue_drafts {
            write_issued(&board, dir, args.issue_year)?;
        }
        if let Some(path) = &args.merge {
            write_merge(&board, args, path)?;
        }
        Ok(())
    };
    if let Err(code) = steps() {
        return code;
    }
    if args.output.is_some() || args.format != "text" {
        eprintln!("{}", report::summary(&board));
    }
    ExitCode::from(board.exit_code())
}
