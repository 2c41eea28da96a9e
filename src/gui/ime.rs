//! Whether an input method is composing: while it is, the keys it uses (Space, Enter, Escape,
//! the digits) are its own, and neither the grid nor a dialog takes them.

use egui::{Event, ImeEvent};

/// Whether an input method is composing after this frame's events, given whether it was: a
/// non-empty preedit starts or continues a composition; any other input-method event (the
/// commit, an empty preedit) ends it.
pub(crate) fn composing(input: &egui::InputState, was: bool) -> bool {
    input
        .events
        .iter()
        .fold(was, |composing, event| match event {
            Event::Ime(ImeEvent::Preedit { text, .. }) => !text.is_empty(),
            Event::Ime(_) => false,
            _ => composing,
        })
}
