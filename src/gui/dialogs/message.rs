//! A message with a heading: what happened, what it means, and (after a failed save) 另存为.

pub struct Message {
    pub title: String,
    pub text: String,
    pub offer_save_as: bool,
}

/// What the clerk did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    SaveAs,
}

impl Message {
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Message {
        Message {
            title: title.into(),
            text: text.into(),
            offer_save_as: false,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        ui.heading(self.title.as_str());
        egui::ScrollArea::vertical()
            .id_salt("nianbao-message")
            .max_height(420.0)
            .show(ui, |ui| ui.label(self.text.as_str()));
        let save_as = [("另存为…", Outcome::SaveAs), ("确定", Outcome::Ok)];
        let choices = if self.offer_save_as {
            &save_as[..]
        } else {
            &save_as[1..]
        };
        super::buttons(ui, choices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::dialogs::testing::{Queryable as _, drive};

    #[test]
    fn it_shows_its_text_and_offers_save_as_when_asked() {
        let mut message = Message::new("未能保存", "文件夹不存在");
        message.offer_save_as = true;
        let mut h = drive(message, |d: &mut Message, ui| d.ui(ui));
        assert!(h.query_by_label("文件夹不存在").is_some());
        h.get_by_label("另存为…").click();
        h.run();
        assert_eq!(h.state().outcome, Some(Outcome::SaveAs));
    }
}
