//! The dialogs on top of the window. Each has its own module with a small state type and a `ui`
//! that returns what the clerk decided; the app acts on it. No dialog changes the draft itself.

pub mod about;
pub mod changed_on_disk;
pub mod compare;
pub mod confirm_overwrite;
pub mod convert;
pub mod export;
pub mod import_notes;
pub mod import_paste;
pub mod message;
pub mod new_draft;
pub mod open_failed;
pub mod palette;
pub mod profile;
pub mod recover;
pub mod repair;
pub mod type_path;
pub mod unsaved;

/// The dialog on top of the window, if any. `P` is what waits for the unsaved-changes answer.
pub enum Dialog<P> {
    NewDraft(new_draft::NewDraft),
    Unsaved(unsaved::Unsaved<P>),
    TypePath(type_path::TypePath),
    Message(message::Message),
    Convert(convert::ConvertDialog),
    Export(export::ExportDialog),
    Recover(recover::Recover),
    ChangedOnDisk(changed_on_disk::ChangedOnDisk),
    ImportPaste(import_paste::ImportPaste),
    ImportNotes(import_notes::ImportNotes),
    Compare(compare::CompareDialog),
    OpenFailed(Box<open_failed::OpenFailed>),
    ConfirmOverwrite(confirm_overwrite::ConfirmOverwrite),
    Palette(palette::Palette),
    Repair(Box<repair::RepairDialog>),
    About(about::About),
    Profile(profile::ProfileDialog),
}

/// A row of buttons; the value of the one clicked.
pub fn buttons<O: Clone>(ui: &mut egui::Ui, choices: &[(&str, O)]) -> Option<O> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        for (label, value) in choices {
            if ui.button(*label).clicked() {
                chosen = Some(value.clone());
            }
        }
    });
    chosen
}

impl<P> Dialog<P> {
    /// A message with a heading.
    pub fn message(title: impl Into<String>, text: impl Into<String>) -> Dialog<P> {
        Dialog::Message(message::Message::new(title, text))
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use egui_kittest::Harness;
    pub use egui_kittest::kittest::Queryable;

    use crate::draft::Draft;

    /// A dialog driven on its own, with the outcome of its last `ui` that had one.
    pub struct Driven<D, O> {
        pub dialog: D,
        pub outcome: Option<O>,
    }

    /// A harness that draws `dialog` every frame with `ui` and keeps its outcome.
    pub fn drive<D: 'static, O: 'static>(
        dialog: D,
        mut ui: impl FnMut(&mut D, &mut egui::Ui) -> Option<O> + 'static,
    ) -> Harness<'static, Driven<D, O>> {
        let mut h = Harness::builder()
            .with_size([960.0, 760.0])
            .with_context_setup(crate::gui::install_fonts)
            .build_ui_state(
                move |egui_ui, state: &mut Driven<D, O>| {
                    if let Some(o) = ui(&mut state.dialog, egui_ui) {
                        state.outcome = Some(o);
                    }
                },
                Driven {
                    dialog,
                    outcome: None,
                },
            );
        h.run();
        h
    }

    /// An example draft of `assets/examples`.
    pub fn example(name: &str) -> Draft {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(name);
        crate::draft_file::load(&path).unwrap()
    }
}
