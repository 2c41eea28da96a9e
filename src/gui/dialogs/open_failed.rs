//! 无法打开草稿: why a draft could not be read, and what can be opened in its place (the `.bak`
//! beside it, a recovery file of an earlier session).

use std::path::{Path, PathBuf};

use crate::draft_file::{self, Alternative};
use crate::recovery::{self, Recovered};

pub struct OpenFailed {
    pub path: PathBuf,
    pub error: String,
    pub backup: Option<Alternative>,
    pub recovered: Vec<Recovered>,
}

pub enum Outcome {
    OpenBackup(Box<Alternative>),
    Restore(Box<Recovered>),
    Ok,
}

impl OpenFailed {
    /// Looks for the backup beside `path` and for recovery files in `recovery_dir` that came
    /// from it.
    pub fn new(path: &Path, error: String, recovery_dir: Option<&Path>) -> OpenFailed {
        let recovered = recovery_dir
            .and_then(|dir| recovery::find_in(dir).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.source.as_deref() == Some(path))
            .collect();
        OpenFailed {
            path: path.to_path_buf(),
            error,
            backup: draft_file::alternatives(path).into_iter().next(),
            recovered,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("无法打开草稿");
        ui.label(format!("{}\n\n文件：{}", self.error, self.path.display()));
        ui.label("当前草稿没有改动。");
        if let Some(backup) = &self.backup {
            ui.separator();
            ui.label(format!(
                "同一文件夹中有此草稿的备份：{}。",
                backup.describe()
            ));
        }
        for r in &self.recovered {
            ui.label(format!(
                "有此草稿的自动保存恢复文件（{}）。",
                r.saved_at_text()
            ));
        }
        let mut outcome = None;
        ui.horizontal(|ui| {
            if let Some(backup) = &self.backup
                && ui.button("打开备份").clicked()
            {
                outcome = Some(Outcome::OpenBackup(Box::new(backup.clone())));
            }
            if let Some(r) = self.recovered.first()
                && ui.button("打开自动保存的版本").clicked()
            {
                outcome = Some(Outcome::Restore(Box::new(r.clone())));
            }
            if ui.button("确定").clicked() {
                outcome = Some(Outcome::Ok);
            }
        });
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_offers_the_backup_beside_a_broken_draft() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("城关镇.ron");
        let good = example("2019-yonghe.ron");
        draft_file::save(&good, &path).unwrap();
        draft_file::save(&good, &path).unwrap();
        std::fs::write(&path, "(draft_version: 2, body: \"截断").unwrap();
        let error = draft_file::load(&path).unwrap_err().to_string();
        let dialog = OpenFailed::new(&path, error, None);
        let mut h = drive(dialog, |d: &mut OpenFailed, ui| d.ui(ui));
        assert!(h.query_by_label_contains("上一次保存的版本").is_some());
        h.get_by_label("打开备份").click();
        h.run();
        let Some(Outcome::OpenBackup(alt)) = &h.state().outcome else {
            panic!("backup offered")
        };
        assert_eq!(alt.draft, good);
    }
}
