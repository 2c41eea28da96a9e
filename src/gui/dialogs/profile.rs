//! 设置 → 地方要求: load a regional profile (`.ron`), see what it adds, use it or stop using it.
//! The dialog reads the file the clerk names; the app keeps the profile, remembers its path in the
//! settings and records it on the draft.

use std::path::PathBuf;

use crate::profile::Profile;

pub struct ProfileDialog {
    /// The path typed or pasted.
    pub path: String,
    /// The profile read from `path` (or in use when the dialog opened).
    pub loaded: Option<(PathBuf, Profile)>,
    /// Why the last file could not be read, in Chinese.
    pub error: Option<String>,
    /// Whether a profile is in use now (so that 不使用地方要求 means something).
    pub in_use: bool,
}

/// What the clerk decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Use this profile (and remember its file).
    Use(PathBuf, Box<Profile>),
    /// Check by the national rules only.
    Clear,
    Close,
}

impl ProfileDialog {
    /// The dialog, showing the profile in use if there is one.
    pub fn new(current: Option<(PathBuf, Profile)>) -> ProfileDialog {
        ProfileDialog {
            path: (current.as_ref())
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_default(),
            in_use: current.is_some(),
            loaded: current,
            error: None,
        }
    }

    fn load(&mut self) {
        let path = PathBuf::from(self.path.trim());
        match Profile::load(&path) {
            Ok(profile) => {
                self.loaded = Some((path, profile));
                self.error = None;
            }
            Err(e) => {
                self.loaded = None;
                self.error = Some(e.to_string());
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("地方要求");
        ui.label(
            "主管部门制定的地方要求（.ron 文件）：发布时限、篇幅、必须写明的内容和规则级别。\
             载入后按其检查草稿，并记在草稿中。",
        );
        ui.horizontal(|ui| {
            let label = ui.label("文件：");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .desired_width(330.0)
                        .hint_text("例如 assets/profiles/wuwei-2025.ron"),
                )
                .labelled_by(label.id);
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("载入").clicked() || enter {
                self.load();
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error.as_str());
        }
        match &self.loaded {
            Some((_, profile)) => {
                ui.separator();
                ui.label("此地方要求增加：");
                egui::ScrollArea::vertical()
                    .id_salt("nianbao-profile")
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in profile.describe() {
                            ui.label(line);
                        }
                    });
            }
            None if self.error.is_none() => {
                ui.label("未使用地方要求：按国家规定检查。");
            }
            None => {}
        }
        ui.separator();
        let mut choices = Vec::new();
        if let Some((path, profile)) = &self.loaded {
            choices.push((
                "使用此地方要求",
                Outcome::Use(path.clone(), Box::new(profile.clone())),
            ));
        }
        if self.in_use {
            choices.push(("不使用地方要求", Outcome::Clear));
        }
        choices.push(("关闭", Outcome::Close));
        super::buttons(ui, &choices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    fn shipped(name: &str) -> String {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/profiles")
            .join(name)
            .display()
            .to_string()
    }

    #[test]
    fn it_loads_a_profile_shows_what_it_adds_and_uses_it() {
        let mut h = drive(ProfileDialog::new(None), |d: &mut ProfileDialog, ui| {
            d.ui(ui)
        });
        assert!(
            h.query_by_label("未使用地方要求：按国家规定检查。")
                .is_some()
        );
        assert!(h.query_by_label("不使用地方要求").is_none());
        h.state_mut().dialog.path = shipped("huaihua-2021.ron");
        h.run();
        h.get_by_label("载入").click();
        h.run();
        assert!(h.query_by_label_contains("怀化市2021年度").is_some());
        assert!(h.query_by_label_contains("01-28 前发布").is_some());
        h.get_by_label("使用此地方要求").click();
        h.run();
        match &h.state().outcome {
            Some(Outcome::Use(path, profile)) => {
                assert!(path.ends_with("huaihua-2021.ron"));
                assert_eq!(profile.id, "huaihua-2021");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_broken_file_is_explained_and_the_profile_in_use_can_be_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.ron");
        std::fs::write(&bad, "(profile_version: 1, id: 5)").unwrap();
        let current = Profile::load(std::path::Path::new(&shipped("wuwei-2025.ron"))).unwrap();
        let dialog = ProfileDialog::new(Some((PathBuf::from("wuwei-2025.ron"), current)));
        let mut h = drive(dialog, |d: &mut ProfileDialog, ui| d.ui(ui));
        assert!(h.query_by_label_contains("武威市2025年度").is_some());
        h.state_mut().dialog.path = bad.display().to_string();
        h.run();
        h.get_by_label("载入").click();
        h.run();
        assert!(h.query_by_label_contains("地方要求文件第 1 行").is_some());
        assert!(h.query_by_label("使用此地方要求").is_none());
        h.get_by_label("不使用地方要求").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::Clear));
    }
}
