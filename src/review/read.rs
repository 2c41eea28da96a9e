//! Finding the reports under the paths given, and reading one: a `.ron` draft, or a published
//! report through the importer.

use std::path::{Path, PathBuf};

use super::Origin;
use crate::draft::Draft;
use crate::draft_file;
use crate::import::{self, ImportNote};

/// The endings of files a folder is searched for: drafts, and what the importer reads or refuses
/// with advice (.doc, .wps, .pdf get a row that says what to do). Anything else in a folder (a
/// roster, a spreadsheet of the office's own) is not a report.
const REPORT_ENDINGS: &[&str] = &[
    "ron", "docx", "html", "htm", "mht", "txt", "md", "doc", "wps", "pdf",
];

/// Every file under `paths` (folders recursively, files as given), each with the name messages
/// give it, without repeats, in the order found (folders sorted by name).
pub fn collect_files(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut out);
        } else {
            out.push((path.clone(), source_name(path, None)));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(p, _)| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable folder is one row that says so.
        out.push((dir.to_path_buf(), source_name(dir, Some(root))));
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        // Hidden files, and the lock files Word and WPS leave beside an open document.
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out);
        } else if has_report_ending(&path) {
            let source = source_name(&path, Some(root));
            out.push((path, source));
        }
    }
}

fn has_report_ending(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    ext.is_some_and(|e| REPORT_ENDINGS.contains(&e.as_str()))
}

/// How a file is named in messages: its path below the folder given ("乡镇/第2镇.ron"), else its
/// file name.
pub fn source_name(path: &Path, root: Option<&Path>) -> String {
    if let Some(rel) = root.and_then(|r| path.strip_prefix(r).ok())
        && !rel.as_os_str().is_empty()
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn is_draft(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Reads one report: a `.ron` draft as saved, anything else through the importer (its notes
/// kept). The error says why, in Chinese.
pub fn read_unit(path: &Path) -> Result<(Draft, Origin, Vec<ImportNote>), String> {
    if path.is_dir() {
        return Err("无法读取文件夹（没有读取权限）".to_string());
    }
    if is_draft(path) {
        return draft_file::load(path)
            .map(|d| (d, Origin::Draft, Vec::new()))
            .map_err(|e| e.to_string());
    }
    match import::import_file(path) {
        Ok(import) => Ok((import.draft, Origin::Imported, import.notes)),
        Err(import::ImportError::Read(why)) => Err(format!("无法读取文件：{why}")),
        Err(e) => Err(format!("无法导入：{e}")),
    }
}
