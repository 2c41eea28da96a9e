//! Recovery files: the open draft, written shortly after each change to a folder of its own
//! (never over the clerk's file), so that after a crash, a kill or a power cut the next start can
//! offer it back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use crate::date::beijing_time;
use crate::draft::Draft;
use crate::draft_file::{self, LoadError, SaveError};

/// The environment variable that moves the data folder (portable use, tests).
pub const DATA_DIR_ENV: &str = "NIANBAO_DATA_DIR";

/// The folder recovery files live in: `$NIANBAO_DATA_DIR/recovery`, or the platform's local data
/// folder (`~/.local/share/nianbao/recovery`, `%LOCALAPPDATA%\nianbao\recovery`, …).
pub fn recovery_dir() -> PathBuf {
    let base = std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| dirs::data_local_dir().map(|d| d.join("nianbao")))
        .unwrap_or_else(|| std::env::temp_dir().join("nianbao"));
    base.join("recovery")
}

/// What a recovery file holds besides the draft.
#[derive(Serialize, Deserialize, Debug)]
struct RecoveryFile {
    /// Seconds since 1970 (UTC) when it was written.
    saved_at: u64,
    /// The clerk's own file, if the draft had one.
    source: Option<String>,
    /// The draft in its `.ron` form.
    draft: String,
}

/// A recovery file found at start-up.
#[derive(Clone, Debug)]
pub struct Recovered {
    /// Where the recovery file is (to delete it once restored or discarded).
    pub file: PathBuf,
    pub saved_at: u64,
    pub source: Option<PathBuf>,
    pub draft: Draft,
}

impl Recovered {
    /// Deletes the recovery file (restored, or discarded by the clerk); one already gone counts
    /// as deleted.
    pub fn discard(&self) -> Result<(), RemoveError> {
        remove_with_backup(&self.file)
    }

    /// When it was saved, for the clerk: "2026年11月23日 22:05（北京时间）".
    pub fn saved_at_text(&self) -> String {
        beijing_time(self.saved_at)
    }
}

/// One session's recovery file. Each running window writes its own, named by its process id and
/// start time, so two windows never overwrite each other's.
#[derive(Clone, Debug)]
pub struct Autosave {
    file: PathBuf,
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Autosave {
    /// A recovery file in `dir` for this session.
    pub fn new_in(dir: &Path) -> Autosave {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Autosave {
            file: dir.join(format!("session-{}-{nanos}.ron", std::process::id())),
        }
    }

    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Writes the draft (atomically, like every save).
    pub fn write(&self, draft: &Draft, source: Option<&Path>) -> Result<(), SaveError> {
        if let Some(dir) = self.file.parent() {
            fs::create_dir_all(dir).map_err(|e| SaveError::Other {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let record = RecoveryFile {
            saved_at: now_secs(),
            source: source.map(|p| p.display().to_string()),
            draft: draft_file::to_ron(draft),
        };
        let text =
            ron::ser::to_string_pretty(&record, ron::ser::PrettyConfig::new()).map_err(|e| {
                SaveError::Other {
                    path: self.file.display().to_string(),
                    message: e.to_string(),
                }
            })?;
        draft_file::write_atomically(&self.file, text.as_bytes())?;
        // A recovery file needs no backup of itself. One the folder refuses to let go of is
        // harmless (only `session-*.ron` files are offered back) and nothing the clerk can mend,
        // so it is not reported.
        remove_if_present(&draft_file::backup_path(&self.file)).ok();
        Ok(())
    }

    /// Removes the recovery file: the draft was saved, or the clerk chose not to keep it. A file
    /// left behind would be offered back at the next start, so the clerk hears why.
    pub fn clear(&self) -> Result<(), RemoveError> {
        remove_with_backup(&self.file)
    }
}

/// A recovery file that could not be deleted. The message is for the clerk.
#[derive(Debug, thiserror::Error)]
#[error("恢复文件未能删除（{path}）：{message}。下次启动时可能再次提示恢复，届时可选择不恢复")]
pub struct RemoveError {
    pub path: String,
    pub message: String,
}

/// Removes a recovery file and its backup; one already gone counts as removed.
fn remove_with_backup(file: &Path) -> Result<(), RemoveError> {
    remove_if_present(file)?;
    remove_if_present(&draft_file::backup_path(file))
}

fn remove_if_present(path: &Path) -> Result<(), RemoveError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(RemoveError {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Reads one recovery file.
pub fn read(file: &Path) -> Result<Recovered, LoadError> {
    let text = fs::read_to_string(file).map_err(|e| LoadError::Io(e.to_string()))?;
    let record: RecoveryFile = ron::from_str(&text).map_err(|e| draft_file::syntax_error(&e))?;
    Ok(Recovered {
        file: file.to_path_buf(),
        saved_at: record.saved_at,
        source: record.source.map(PathBuf::from),
        draft: draft_file::from_ron(&record.draft)?,
    })
}

/// Every readable recovery file in `dir`, newest first. Unreadable ones are skipped (and left
/// in place: they are not ours to delete).
pub fn find_in(dir: &Path) -> io::Result<Vec<Recovered>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(rest) = name
            .strip_prefix("session-")
            .and_then(|n| n.strip_suffix(".ron"))
        else {
            continue;
        };
        // A window still running owns its file: offering it to another window would fork the work.
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(is_running) {
            continue;
        }
        {
            if let Ok(r) = read(&path) {
                found.push(r);
            }
        }
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
    Ok(found)
}

/// Whether a process of this id is running. Known on Linux; elsewhere every other process is
/// taken as gone, which at worst offers a live window's recovery file to a second window.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Level;

    #[test]
    fn beijing_time_is_utc_plus_eight() {
        assert_eq!(beijing_time(0), "1970年1月1日 08:00（北京时间）");
        // 2026-01-31 16:30 UTC is 2026-02-01 00:30 in Beijing.
        assert_eq!(
            beijing_time(1_769_877_000),
            "2026年2月1日 00:30（北京时间）"
        );
    }

    #[test]
    fn a_recovery_file_round_trips_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let autosave = Autosave::new_in(dir.path());
        let mut draft = Draft::new("某局", Level::Department, 2025);
        draft.problems = "写到一半".into();
        autosave
            .write(&draft, Some(Path::new("/tmp/某局.ron")))
            .unwrap();
        // This very process owns the file: nothing to recover while it runs.
        assert!(find_in(dir.path()).unwrap().is_empty());
        // As if the process had died: a file of a process that is gone.
        let crashed = Autosave {
            file: dir.path().join("session-4194999-1.ron"),
        };
        fs::rename(autosave.path(), crashed.path()).unwrap();
        let autosave = crashed;
        let found = find_in(dir.path()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].draft, draft);
        assert_eq!(found[0].source.as_deref(), Some(Path::new("/tmp/某局.ron")));
        assert!(found[0].saved_at_text().contains("北京时间"));
        autosave.clear().unwrap();
        autosave.clear().unwrap();
        assert!(find_in(dir.path()).unwrap().is_empty());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing left behind"
        );
    }

    #[test]
    fn a_missing_folder_has_nothing_to_recover() {
        let dir = tempfile::tempdir().unwrap();
        assert!(find_in(&dir.path().join("none")).unwrap().is_empty());
    }
}
