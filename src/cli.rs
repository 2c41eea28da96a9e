//! The command line: everything the window does to a draft, for scripts.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::chart::ChartFormat;
use crate::check::{self, Severity};
use crate::convert;
use crate::date::REPORT_YEARS;
use crate::diagnose;
use crate::draft::{Draft, Level};
use crate::draft_file;
use crate::export::{ExportFormat, ExportOptions, ValueOptions};
use crate::format::FormatId;
use crate::profile::Profile;
use crate::{compare, merge, years};

mod review;

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告编制工具",
    long_about = "政府信息公开工作年度报告编制工具。\n不带子命令运行时打开编制窗口；给出草稿路径时打开该草稿。",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 要在窗口中打开的草稿（.ron）
    pub draft: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查草稿的勾稽关系；无错误时退出码为 0，有错误为 1，无法读取为 2
    Check {
        /// 草稿文件（.ron）
        draft: PathBuf,
        /// 以 JSON 输出问题列表（供脚本使用）
        #[arg(long)]
        json: bool,
        /// 与 --json 同用：输出 {"findings": [...], "diagnoses": [...]}，含各错误的可能原因及修改建议
        #[arg(long)]
        diagnose: bool,
        /// 上年报告草稿（.ron）：按其数据做跨年度核对（R8、R9），不改动草稿
        #[arg(long, value_name = "上年草稿")]
        last_year: Option<PathBuf>,
        /// 地方要求文件（.ron）：按其发布时限、篇幅、必须写明的内容和规则级别检查
        #[arg(long, value_name = "地方要求")]
        profile: Option<PathBuf>,
    },
    /// 新建草稿：表格格式按报告年度确定
    New {
        /// 机关名称
        #[arg(long)]
        body: String,
        /// 机关层级：国务院部门、省级人民政府、设区的市（自治州）人民政府、县级人民政府、
        /// 乡镇人民政府（街道办事处）、县级以上人民政府部门（也可简写为 省级、市级、县级、乡镇、部门）
        #[arg(long)]
        level: String,
        /// 报告年度（统计年度）
        #[arg(long)]
        year: i32,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导出年度报告：纯文本、HTML（供政府网站发布）或 Word 文档（供审签）；
    /// 或报告的图解（svg、png，供政府网站与报告一并发布）；
    /// 有勾稽错误时仍导出，错误列在标准错误输出
    Export {
        /// 草稿文件（.ron）
        draft: PathBuf,
        /// 导出格式：text、html、docx，或图解 svg、png
        #[arg(long, value_parser = ["text", "html", "docx", "svg", "png"])]
        format: String,
        /// 输出文件；不给出时写到标准输出
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 空白单元格按 0 输出（默认保留空白）
        #[arg(long)]
        blank_as_zero: bool,
        /// 只输出报告本身的 HTML 片段（供粘贴到网站编辑器）
        #[arg(long)]
        fragment: bool,
        /// 有勾稽错误时不导出，退出码为 1
        #[arg(long)]
        strict: bool,
        /// 地方要求文件（.ron）：导出前按其检查（错误的级别按地方要求）
        #[arg(long, value_name = "地方要求")]
        profile: Option<PathBuf>,
    },
    /// 新建下一年度报告：沿用上年报告的机关信息和正文（标记为待复核），
    /// 上年结转按上年“结转下年度”填入，并保留跨年度核对所需的上年数据
    Next {
        /// 上年报告草稿（.ron）
        last: PathBuf,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 汇总多个单位同一年度的草稿：各单元格精确相加，并列出各单位自身的问题
    Merge {
        /// 各单位的草稿（.ron），至少一个
        #[arg(required = true)]
        drafts: Vec<PathBuf>,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
        /// 汇总稿的机关名称（默认“第一个单位等N个单位”）
        #[arg(long)]
        body: Option<String>,
        /// 汇总稿的机关层级（默认取各单位相同的层级，不同时为县级人民政府）
        #[arg(long)]
        level: Option<String>,
    },
    /// 本年与上年对比：逐项列出两份草稿表格中的数据及增减
    Compare {
        /// 上年（较早的）草稿（.ron）
        old: PathBuf,
        /// 本年（较新的）草稿（.ron）
        new: PathBuf,
        /// 只列出有变化的数据
        #[arg(long)]
        changed: bool,
        /// 以 JSON 输出（供脚本使用）
        #[arg(long)]
        json: bool,
    },
    /// 从已发布的年度报告导入草稿：Word 文档（.docx，含 WPS 保存的）、从浏览器保存的网页（.html）、
    /// 带文字层的 PDF、文本（网页复制的文本、PDF 提取的文本、Markdown 或 nianbao 导出的文本，UTF-8 或 GBK 编码），按文件内容识别；
    /// 导入说明输出到标准错误。成功时退出码为 0，无法读取时为 2
    Import {
        /// 年度报告文件：.docx、.html、.pdf、.txt 等（按内容识别）
        report: PathBuf,
        /// 输出的草稿文件（.ron）
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 审核汇总：逐份检查各单位报送的年度报告，列出每个单位的问题、跨年度核对、发布时限、主要数据，
    /// 以及名单中未报、重复报送和不在名单的单位；可写出退回意见、下发下一年度草稿和汇总稿。
    /// 全部单位已报且无错误时退出码为 0；有错误、无法读取、重复或未报时为 1；一份也无法读取时为 2
    Review(review::ReviewArgs),
    /// 把草稿转换为另一种表格格式，并列出无法转换的数据
    Convert {
        /// 草稿文件（.ron）
        draft: PathBuf,
        /// 目标格式：2019 或 2021
        #[arg(long)]
        to: String,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Reads a level as the clerk would write it: the official name, a short form, or the English id.
pub fn parse_level(text: &str) -> Option<Level> {
    let t = text.trim();
    if let Some(level) = Level::from_label(t) {
        return Some(level);
    }
    Some(match t {
        "国务院部门" | "state-council-department" => Level::StateCouncilDepartment,
        "省级" | "省" | "provincial" => Level::Provincial,
        "市级" | "设区的市" | "市" | "prefectural" => Level::Prefectural,
        "县级" | "县" | "county" => Level::County,
        "乡镇" | "街道" | "township" => Level::Township,
        "部门" | "department" => Level::Department,
        _ => return None,
    })
}

fn parse_format(text: &str) -> Option<FormatId> {
    FormatId::ALL.into_iter().find(|f| f.code() == text.trim())
}

fn load_or_report(path: &Path) -> Result<Draft, ExitCode> {
    draft_file::load(path).map_err(|e| {
        eprintln!("nianbao: 无法打开 {}：{e}", path.display());
        ExitCode::from(2)
    })
}

fn save_or_report(draft: &Draft, path: &Path) -> Result<(), ExitCode> {
    draft_file::save(draft, path).map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })
}

/// Prints the findings of a draft, for people or as JSON. Exit 1 when there are errors.
/// Reads the profile `--profile` names, or says why not (exit 2).
fn load_profile(path: Option<&Path>) -> Result<Option<Profile>, ExitCode> {
    let Some(path) = path else {
        return Ok(None);
    };
    Profile::load(path).map(Some).map_err(|e| {
        eprintln!("nianbao: {e}（{}）", path.display());
        ExitCode::from(2)
    })
}

/// The line that says which regional profile the check used, or which one the draft records.
fn profile_line(draft: &Draft, profile: Option<&Profile>) -> String {
    match (profile, &draft.profile) {
        (Some(p), _) => format!(
            "地方要求：{}（{}，第 {} 版）\n",
            p.name, p.id, p.profile_version
        ),
        (None, Some(r)) => format!(
            "草稿记录的地方要求：{}（{}，第 {} 版），本次未载入；请用 --profile 指定其文件\n",
            r.name, r.id, r.version
        ),
        (None, None) => String::new(),
    }
}

/// Diagnoses (可能的原因) follow the findings in the text output; in JSON only with `--diagnose`,
/// which wraps both lists in one object so that the plain `--json` array stays as it was.
fn run_check(
    path: &Path,
    json: bool,
    diagnose: bool,
    last_year: Option<&Path>,
    profile: Option<&Path>,
) -> ExitCode {
    let mut draft = match load_or_report(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let profile = match load_profile(profile) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut preface = profile_line(&draft, profile.as_ref());
    if let Some(last_path) = last_year {
        match years::last_year_from_file(last_path, &draft) {
            Ok(carried) => {
                for line in carried.summary() {
                    preface.push_str(&line);
                    preface.push('\n');
                }
                draft.last_year = Some(carried.last_year);
            }
            Err(e) => {
                eprintln!("nianbao: 无法使用上年报告 {}：{e}", last_path.display());
                return ExitCode::from(2);
            }
        }
    }
    match &draft.last_year {
        Some(last) => preface.push_str(&format!("跨年度核对（R8、R9）依据：{}\n", last.describe())),
        None => preface.push_str("未载入上年报告数据，未做跨年度核对（R8、R9）\n"),
    }
    for field in &draft.review {
        preface.push_str(&format!(
            "待复核：{}（沿用上年报告内容，尚未修改）\n",
            field.label()
        ));
    }
    if !draft.merged_from.is_empty() {
        preface.push_str(&format!(
            "汇总单位（{} 个）：{}\n",
            draft.merged_from.len(),
            draft.merged_from.join("、")
        ));
    }
    let findings = check::check_with(&draft, profile.as_ref());
    let (errors, warnings) = check::tally(&findings);
    let diagnoses = if json && !diagnose {
        Vec::new()
    } else {
        diagnose::diagnose(&draft, &findings)
    };
    let mut out = std::io::stdout().lock();
    let written = if json {
        let list: Vec<_> = findings.iter().map(|f| f.to_json(&draft)).collect();
        let value = if diagnose {
            let causes: Vec<_> = diagnoses.iter().map(|d| d.to_json(&draft)).collect();
            serde_json::json!({ "findings": list, "diagnoses": causes })
        } else {
            serde_json::Value::Array(list)
        };
        serde_json::to_string_pretty(&value)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        let mut text = format!(
            "{}（{}）：错误 {errors} 项，提示 {warnings} 项\n{preface}",
            draft.title(),
            draft.format.name()
        );
        for f in &findings {
            text.push_str(&format!(
                "[{}] {} {}\n",
                f.severity.label(),
                f.rule,
                f.message
            ));
        }
        for d in &diagnoses {
            text.push_str(&format!(
                "[{}] {} {}\n",
                d.severity().label(),
                d.rule,
                d.line()
            ));
        }
        write!(out, "{text}")
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The switches of `nianbao export`.
struct ExportFlags {
    blank_as_zero: bool,
    fragment: bool,
    strict: bool,
}

/// Exports a draft. Checker errors go to standard error, never into the document.
fn run_export(
    path: &Path,
    format: &str,
    output: Option<&Path>,
    flags: ExportFlags,
    profile: Option<&Path>,
) -> ExitCode {
    let ExportFlags {
        blank_as_zero,
        fragment,
        strict,
    } = flags;
    if let Some(chart) = ChartFormat::from_code(format) {
        return run_chart_export(path, chart, output, fragment || blank_as_zero);
    }
    let format = ExportFormat::from_code(format).unwrap_or(ExportFormat::Text);
    if fragment && format != ExportFormat::Html {
        eprintln!("nianbao: --fragment 只用于 --format html（网页片段）");
        return ExitCode::from(2);
    }
    if format == ExportFormat::Docx && output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("nianbao: Word 文档不能显示在终端上，请用 -o 指定输出文件，例如 -o 年报.docx");
        return ExitCode::from(2);
    }
    let draft = match load_or_report(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let profile = match load_profile(profile) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if profile.is_some() {
        eprint!("{}", profile_line(&draft, profile.as_ref()));
    }
    let errors: Vec<_> = check::check_with(&draft, profile.as_ref())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    for f in &errors {
        eprintln!("[错误] {} {}", f.rule, f.message);
    }
    for field in &draft.review {
        eprintln!(
            "[待复核] {}：仍为沿用的上年报告内容，尚未修改",
            field.label()
        );
    }
    if strict && !errors.is_empty() {
        eprintln!(
            "nianbao: 草稿有 {} 项勾稽错误，按 --strict 未导出",
            errors.len()
        );
        return ExitCode::from(1);
    }
    let options = ExportOptions {
        values: ValueOptions { blank_as_zero },
        fragment,
    };
    let document = match crate::export::export(&draft, format, options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    match output {
        Some(out) => {
            if let Err(e) = draft_file::write_atomically(out, &document) {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
            if !errors.is_empty() {
                eprintln!(
                    "已导出（草稿仍有 {} 项勾稽错误，见上）：{}",
                    errors.len(),
                    out.display()
                );
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(&document)
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

/// `export --format svg|png`: the 图解. Blank stays 未填写 (the picture never turns a blank
/// into 0), so the switches of the report's export do not apply.
fn run_chart_export(
    path: &Path,
    format: ChartFormat,
    output: Option<&Path>,
    report_switches: bool,
) -> ExitCode {
    if report_switches {
        eprintln!("nianbao: --fragment 和 --blank-as-zero 不用于图解（svg、png）");
        return ExitCode::from(2);
    }
    if format == ChartFormat::Png && output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("nianbao: 图片不能显示在终端上，请用 -o 指定输出文件，例如 -o 图解.png");
        return ExitCode::from(2);
    }
    let draft = match load_or_report(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let bytes = match format.write(&crate::chart::chart(&draft)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match output {
        Some(out) => draft_file::write_atomically(out, &bytes).map_err(|e| e.to_string()),
        None => {
            let mut stdout = std::io::stdout().lock();
            (stdout.write_all(&bytes).and_then(|_| stdout.flush())).map_err(|e| e.to_string())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        }
    }
}

/// 新建下一年度报告 from last year's draft.
fn run_next(last: &Path, output: &Path) -> Result<(), ExitCode> {
    let source = load_or_report(last)?;
    let next = years::next_year(&source).map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })?;
    save_or_report(&next.draft, output)?;
    println!(
        "已新建 {}（{}）：{}",
        next.draft.title(),
        next.draft.format.name(),
        output.display()
    );
    for line in next.summary() {
        println!("  {line}");
    }
    Ok(())
}

/// 汇总 of several units' drafts.
fn run_merge(
    drafts: &[PathBuf],
    output: &Path,
    body: Option<String>,
    level: Option<&str>,
) -> Result<(), ExitCode> {
    let level = match level {
        Some(text) => Some(parse_level(text).ok_or_else(|| {
            eprintln!("nianbao: 无法识别的机关层级“{text}”");
            ExitCode::from(2)
        })?),
        None => None,
    };
    let options = merge::MergeOptions { body, level };
    let merged = merge::merge_files(drafts, &options).map_err(|e| {
        eprintln!("nianbao: 未汇总：{e}");
        ExitCode::from(2)
    })?;
    save_or_report(&merged.draft, output)?;
    let d = &merged.draft;
    println!(
        "已汇总 {}（{}，{} 年度）：{}",
        d.title(),
        d.format.name(),
        d.year,
        output.display()
    );
    for line in merged.summary() {
        println!("{line}");
    }
    let (errors, warnings) = check::tally(&check::check(d));
    println!("汇总稿：错误 {errors} 项，提示 {warnings} 项（用 nianbao check 查看）");
    Ok(())
}

/// 本年与上年对比.
fn run_compare(old: &Path, new: &Path, changed: bool, json: bool) -> Result<(), ExitCode> {
    let old = load_or_report(old)?;
    let new = load_or_report(new)?;
    let comparison = compare::compare(&old, &new);
    let text = if json {
        serde_json::to_string_pretty(&comparison.to_json(changed)).map_err(|_| ExitCode::from(2))?
            + "\n"
    } else {
        comparison.to_text(changed)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|_| ExitCode::from(2))
}

/// Imports a published report's text into a draft. The import report goes to standard error.
fn run_import(report: &Path, output: &Path) -> ExitCode {
    let import = match crate::import::import_file(report) {
        Ok(import) => import,
        Err(crate::import::ImportError::Read(why)) => {
            eprintln!("nianbao: 无法读取 {}：{why}", report.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("nianbao: 无法导入 {}：{e}", report.display());
            return ExitCode::from(2);
        }
    };
    if let Err(code) = save_or_report(&import.draft, output) {
        return code;
    }
    eprintln!("导入说明：");
    for note in &import.notes {
        eprintln!("{note}");
    }
    eprintln!(
        "已导入 {}（{}）：{}",
        import.draft.title(),
        import.draft.format.name(),
        output.display()
    );
    ExitCode::SUCCESS
}

/// Runs a subcommand. `None` when there is none: the caller opens the window.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check {
            draft,
            json,
            diagnose,
            last_year,
            profile,
        } => {
            return run_check(
                &draft,
                json,
                diagnose,
                last_year.as_deref(),
                profile.as_deref(),
            );
        }
        Command::Next { last, output } => run_next(&last, &output),
        Command::Merge {
            drafts,
            output,
            body,
            level,
        } => run_merge(&drafts, &output, body, level.as_deref()),
        Command::Compare {
            old,
            new,
            changed,
            json,
        } => run_compare(&old, &new, changed, json),
        Command::New {
            body,
            level,
            year,
            output,
        } => (|| {
            let Some(level) = parse_level(&level) else {
                eprintln!("nianbao: 无法识别的机关层级“{level}”");
                return Err(ExitCode::from(2));
            };
            if !REPORT_YEARS.contains(&year) {
                eprintln!("nianbao: 报告年度 {year} 不是有效年份");
                return Err(ExitCode::from(2));
            }
            let draft = Draft::new(body, level, year);
            save_or_report(&draft, &output)?;
            println!(
                "已新建 {}（{}）：{}",
                draft.title(),
                draft.format.name(),
                output.display()
            );
            Ok(())
        })(),
        Command::Export {
            draft,
            format,
            output,
            blank_as_zero,
            fragment,
            strict,
            profile,
        } => {
            return run_export(
                &draft,
                &format,
                output.as_deref(),
                ExportFlags {
                    blank_as_zero,
                    fragment,
                    strict,
                },
                profile.as_deref(),
            );
        }
        Command::Import { report, output } => return run_import(&report, &output),
        Command::Review(args) => return review::run(&args),
        Command::Convert { draft, to, output } => (|| {
            let Some(to) = parse_format(&to) else {
                eprintln!("nianbao: 未知的表格格式“{to}”（应为 2019 或 2021）");
                return Err(ExitCode::from(2));
            };
            let source = load_or_report(&draft)?;
            let conversion = convert::convert(&source, to);
            for line in conversion.summary() {
                eprintln!("{line}");
            }
            save_or_report(&conversion.draft, &output)?;
            println!(
                "已转换为{}：{}（{} 项数据无法转换，见上）",
                to.name(),
                output.display(),
                conversion.dropped.len()
            );
            Ok(())
        })(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
