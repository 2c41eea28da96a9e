//! 恢复未保存的草稿: recovery files left by a session that crashed or lost power.

use crate::recovery::Recovered;

pub struct Recover {
    pub found: Vec<Recovered>,
}

pub enum Outcome {
    Restore(Box<Recovered>),
    /// The clerk does not want this one: its file goes.
    Discard(Box<Recovered>),
    Later,
}

impl Recover {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading("恢复未保存的草稿");
        ui.label("上次退出时有未保存的修改（程序异常退出或断电），已自动保存以下草稿：");
        let mut chosen = None;
        for (i, r) in self.found.iter().enumerate() {
            ui.separator();
            let source = (r.source.as_ref())
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "未保存过的新草稿".into());
            ui.label(format!("{}（{source}）", r.draft.title()));
            ui.label(egui::RichText::new(format!("自动保存于 {}", r.saved_at_text())).weak());
            ui.push_id(i, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("恢复").clicked() {
                        chosen = Some((i, true));
                    }
                    if ui.button("丢弃").clicked() {
                        chosen = Some((i, false));
                    }
                })
            });
        }
        ui.separator();
        if let Some((i, restore)) = chosen {
            let r = Box::new(self.found.remove(i));
            return Some(if restore {
                Outcome::Restore(r)
            } else {
                Outcome::Discard(r)
            });
        }
        ui.button("以后再说").clicked().then_some(Outcome::Later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive, example};

    #[test]
    fn it_lists_each_draft_with_its_time_and_gives_the_one_chosen() {
        let found = ["2019-yonghe.ron", "2021-jinjiang.ron"]
            .iter()
            .enumerate()
            .map(|(i, name)| Recovered {
                file: format!("/恢复/session-{i}.ron").into(),
                saved_at: 1_769_877_000,
                source: None,
                draft: example(name),
            })
            .collect();
        let mut h = drive(Recover { found }, |d: &mut Recover, ui| d.ui(ui));
        assert_eq!(
            h.query_all_by_label_contains("自动保存于 2026年2月1日 00:30")
                .count(),
            2
        );
        h.get_all_by_label("丢弃").nth(1).unwrap().click();
        h.run();
        let Some(Outcome::Discard(r)) = &h.state().outcome else {
            panic!("discarded")
        };
        assert_eq!(r.draft.body, "晋江市人民政府");
        assert_eq!(h.state().dialog.found.len(), 1);
    }
}
