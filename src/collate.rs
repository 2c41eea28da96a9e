//! The order of units' names: numbers in names compared as numbers (第2镇 before 第10镇).
//!
//! Leaf: uses nothing of the crate.

use std::cmp::Ordering;

/// Compares names with their runs of digits as numbers (ASCII or full-width), so that 第2镇 comes
/// before 第10镇; the rest character by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut a = a.chars().peekable();
    let mut b = b.chars().peekable();
    // Equal numbers written with more leading zeros come later, but only when nothing else
    // tells the names apart, so that the order stays total.
    let mut zeros = Ordering::Equal;
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return zeros,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if digit(x).is_some() && digit(y).is_some() => {
                let (na, la) = number(&mut a);
                let (nb, lb) = number(&mut b);
                match na.cmp(&nb) {
                    Ordering::Equal => zeros = zeros.then(la.cmp(&lb)),
                    other => return other,
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A run of digits: its value (saturating) and length.
fn number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> (u128, usize) {
    let (mut n, mut len) = (0u128, 0);
    while let Some(d) = chars.peek().copied().and_then(digit) {
        n = n.saturating_mul(10).saturating_add(u128::from(d));
        len += 1;
        chars.next();
    }
    (n, len)
}

/// Puts names that differ only in their numbers (第10镇, 第2镇, 第1镇) in number order, each
/// group in the places its names held; every other name keeps its place. A list given in an
/// order of the clerk's (often the official order of units) stays in that order, and only the
/// order that sorting as text gives numbers (第10镇 before 第2镇) is undone.
pub fn numbers_in_order<T: Clone>(items: &mut [T], name: impl Fn(&T) -> &str) {
    use std::collections::HashMap;
    let shape = |s: &str| -> String {
        let mut out = String::new();
        for c in s.trim().chars() {
            if digit(c).is_some() {
                if !out.ends_with('#') {
                    out.push('#');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        groups.entry(shape(name(item))).or_default().push(i);
    }
    for places in groups.values().filter(|p| p.len() > 1) {
        let mut order = places.clone();
        order.sort_by(|&a, &b| natural_cmp(name(&items[a]), name(&items[b])));
        let sorted: Vec<T> = order.iter().map(|&i| items[i].clone()).collect();
        for (&place, item) in places.iter().zip(sorted) {
            items[place] = item;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_sort_by_value() {
        let mut names = vec!["第10镇", "第2镇", "第１镇", "甲局", "第02镇", "第2镇街道"];
        names.sort_by(|a, b| natural_cmp(a, b));
        // Other characters by code point (甲 U+7532 before 第 U+7B2C).
        assert_eq!(
            names,
            vec!["甲局", "第１镇", "第2镇", "第02镇", "第2镇街道", "第10镇"]
        );
    }

    #[test]
    fn only_numbered_siblings_move() {
        let mut names = vec!["丙局", "第10镇", "甲局", "第2镇", "第1镇", "乙局"];
        numbers_in_order(&mut names, |s| s);
        assert_eq!(
            names,
            vec!["丙局", "第1镇", "甲局", "第2镇", "第10镇", "乙局"]
        );
    }
}
