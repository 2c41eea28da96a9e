//! What was read from a text, kept for the texts read last on this thread.
//!
//! The window checks the whole draft again at every keystroke. Typing into a table cell leaves
//! every narrative text as it was, yet reading their claims (R7) was a tenth of each such frame;
//! the texts of one draft are a handful, so the last few readings per thread answer almost every
//! call. A reading depends on the text alone, so a remembered one is the same as a new one.

use std::cell::RefCell;
use std::thread::LocalKey;

/// How many texts are remembered per thread: a draft has about ten prose fields.
const KEPT: usize = 32;

/// Readings of texts, newest last.
pub struct Memo<T> {
    entries: Vec<(String, T)>,
}

impl<T> Memo<T> {
    pub const fn new() -> Memo<T> {
        Memo {
            entries: Vec::new(),
        }
    }
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo::new()
    }
}

/// The reading of `text` from `memo`, or `read(text)` remembered there.
pub fn remembered<T: Clone + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    text: &str,
    read: impl FnOnce(&str) -> T,
) -> T {
    // Short texts cost less to read than to remember.
    if text.len() < 64 {
        return read(text);
    }
    let hit = memo.with_borrow(|m| {
        m.entries
            .iter()
            .rev()
            .find(|(t, _)| t == text)
            .map(|(_, v)| v.clone())
    });
    if let Some(value) = hit {
        return value;
    }
    let value = read(text);
    memo.with_borrow_mut(|m| {
        if m.entries.len() >= KEPT {
            m.entries.remove(0);
        }
        m.entries.push((text.to_string(), value.clone()));
    });
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: RefCell<Memo<usize>> = const { RefCell::new(Memo::new()) };
    }

    #[test]
    fn a_text_is_read_once_and_a_changed_text_again() {
        let reads = Cell::new(0);
        let read = |t: &str| {
            reads.set(reads.get() + 1);
            t.chars().count()
        };
        let a = "本年度共收到政府信息公开申请".repeat(6);
        let b = format!("{a}。");
        assert_eq!(remembered(&LENGTHS, &a, read), a.chars().count());
        assert_eq!(remembered(&LENGTHS, &a, read), a.chars().count());
        assert_eq!(reads.get(), 1);
        assert_eq!(remembered(&LENGTHS, &b, read), b.chars().count());
        assert_eq!(reads.get(), 2);
    }

    #[test]
    fn only_the_last_texts_are_kept() {
        let texts: Vec<String> = (0..KEPT + 5).map(|i| format!("{i:0>70}")).collect();
        for t in &texts {
            remembered(&LENGTHS, t, |t| t.len());
        }
        LENGTHS.with_borrow(|m| {
            assert_eq!(m.entries.len(), KEPT);
            assert_eq!(m.entries.last().map(|e| &e.0), texts.last());
        });
    }
}
