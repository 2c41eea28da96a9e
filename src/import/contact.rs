//! Contact data (地址, 邮编, 电话, 电子邮箱, 门户网站) taken out of the preamble: from lines of their
//! own ("地址：…"), or from a parenthesised group ("联系（地址：…，邮编：…）。"). What the preamble
//! says around them stays.

use crate::draft::{Contact, ContactField};

/// The labels a field is published under, compared without spaces.
const LABELS: &[(ContactField, &[&str])] = &[
    (
        ContactField::Address,
        &["地址", "通讯地址", "联系地址", "办公地址"],
    ),
    (ContactField::Postcode, &["邮编", "邮政编码"]),
    (
        ContactField::Phone,
        &["电话", "联系电话", "咨询电话", "办公电话"],
    ),
    (
        ContactField::Email,
        &[
            "电子邮箱",
            "邮箱",
            "电子邮件",
            "电子信箱",
            "email",
            "e-mail",
        ],
    ),
    (ContactField::Website, &["门户网站", "网站", "网址"]),
];

/// How far a parenthesised group may reach: contact groups are short, and a bound keeps the
/// search linear on hostile input.
const MAX_GROUP_CHARS: usize = 300;

fn field_of(label: &str) -> Option<ContactField> {
    let l: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    LABELS
        .iter()
        .find(|(_, names)| names.contains(&l.as_str()))
        .map(|(f, _)| *f)
}

/// One "label：value" piece of a group, or a piece without a known label.
enum Piece {
    Field(ContactField, String),
    Other(String),
}

fn split_label(piece: &str) -> Option<(&str, &str)> {
    let at = piece.find([':', '：'])?;
    let colon_len = piece[at..].chars().next().map_or(1, char::len_utf8);
    Some((&piece[..at], &piece[at + colon_len..]))
}

/// Splits "地址：…，邮编：…；电话：…" into pieces. A piece without a known label continues the
/// field before it ("地址：某路1号，2号楼").
fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for (i, raw) in text.split(['，', ',', '；', ';']).enumerate() {
        let labelled = split_label(raw).and_then(|(l, v)| Some((field_of(l)?, v)));
        match (labelled, out.last_mut()) {
            (Some((field, value)), _) => out.push(Piece::Field(field, value.trim().to_string())),
            (None, Some(Piece::Field(_, value))) if i > 0 => {
                value.push('，');
                value.push_str(raw.trim());
            }
            (None, _) => out.push(Piece::Other(raw.trim().to_string())),
        }
    }
    out
}

/// Where the fields go: compact values for codes and numbers, the address as written.
fn store(contact: &mut Contact, field: ContactField, value: &str) {
    let value = match field {
        ContactField::Address | ContactField::Website => value.trim().to_string(),
        _ => value.chars().filter(|c| !c.is_whitespace()).collect(),
    };
    if value.is_empty() {
        return;
    }
    let slot = contact.get_mut(field);
    if slot.is_empty() {
        *slot = value;
    } else if !slot.split('，').any(|v| v == value) {
        slot.push('，');
        slot.push_str(&value);
    }
}

/// Takes the contact data out of one paragraph of the preamble. Returns what remains of the
/// paragraph (empty when it held nothing else).
fn take_from_paragraph(paragraph: &str, contact: &mut Contact) -> String {
    let p = paragraph.trim();
    let body = p
        .strip_prefix("联系方式")
        .map(|rest| rest.trim_start().trim_start_matches([':', '：']).trim())
        .unwrap_or(p);
    if body.is_empty() {
        return String::new();
    }
    // A paragraph that is contact data from its first word.
    if let Some((label, _)) = split_label(body)
        && field_of(label).is_some()
    {
        let parts = pieces(body.trim_end_matches(['。', '.']));
        if parts.iter().all(|p| matches!(p, Piece::Field(..))) {
            for part in parts {
                if let Piece::Field(f, v) = part {
                    store(contact, f, &v);
                }
            }
            return String::new();
        }
    }
    take_groups(p, contact)
}

/// Removes parenthesised groups made of contact fields: "联系（地址：…，电话：…）。" → "联系。".
fn take_groups(text: &str, contact: &mut Contact) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let open_len = rest[open..].chars().next().map_or(1, char::len_utf8);
        let inner_start = open + open_len;
        let close = rest[inner_start..]
            .char_indices()
            .take(MAX_GROUP_CHARS)
            .find(|(_, c)| matches!(c, '）' | ')' | '（' | '('))
            .filter(|(_, c)| matches!(c, '）' | ')'));
        let Some((close_at, close_char)) = close else {
            out.push_str(&rest[..inner_start]);
            rest = &rest[inner_start..];
            continue;
        };
        let inner = &rest[inner_start..inner_start + close_at];
        let after = inner_start + close_at + close_char.len_utf8();
        let parts = pieces(inner);
        let fields = parts
            .iter()
            .filter(|p| matches!(p, Piece::Field(..)))
            .count();
        if fields == 0 {
            out.push_str(&rest[..after]);
            rest = &rest[after..];
            continue;
        }
        out.push_str(rest[..open].trim_end());
        let others: Vec<String> = parts
            .into_iter()
            .filter_map(|p| match p {
                Piece::Field(f, v) => {
                    store(contact, f, &v);
                    None
                }
                Piece::Other(o) if !o.is_empty() => Some(o),
                Piece::Other(_) => None,
            })
            .collect();
        if !others.is_empty() {
            out.push_str(&rest[open..inner_start]);
            out.push_str(&others.join("，"));
            out.push(close_char);
        }
        rest = rest[after..].trim_start();
    }
    out.push_str(rest);
    out
}

/// Takes contact data out of the preamble's paragraphs; returns the paragraphs that remain.
pub fn take_contact(paragraphs: Vec<String>, contact: &mut Contact) -> Vec<String> {
    paragraphs
        .into_iter()
        .map(|p| take_from_paragraph(&p, contact))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_their_own() {
        let mut c = Contact::default();
        let rest = take_contact(
            vec![
                "若有疑问，可直接与办公室联系。".into(),
                "联系方式：".into(),
                "地址：福建省晋江市世纪大道南 1 号".into(),
                "电话：0595—85662126".into(),
                "邮编：362200".into(),
            ],
            &mut c,
        );
        assert_eq!(rest, vec!["若有疑问，可直接与办公室联系。"]);
        assert_eq!(c.address, "福建省晋江市世纪大道南 1 号");
        assert_eq!(c.phone, "0595—85662126");
        assert_eq!(c.postcode, "362200");
    }

    #[test]
    fn a_parenthesised_group() {
        let mut c = Contact::default();
        let rest = take_contact(
            vec!["若有疑问或意见建议,可与永和镇人民政府办公室联系(地址:永和镇锦石街 27 号,邮编:362235,电话:88082141,电子邮箱:jjyhzzzb@163.com)。".into()],
            &mut c,
        );
        assert_eq!(
            rest,
            vec!["若有疑问或意见建议,可与永和镇人民政府办公室联系。"]
        );
        assert_eq!(c.address, "永和镇锦石街 27 号");
        assert_eq!(c.email, "jjyhzzzb@163.com");
        let mut c = Contact::default();
        let rest = take_contact(
            vec!["请与办公室联系（地址：淮安市洪泽区洪泽湖大道 90 号 ， 邮 编 ： 223100 ， 电 话 ： 0517-87222589 ， 电 子 邮 箱 ： hzzwgk@126.com）。".into()],
            &mut c,
        );
        assert_eq!(rest, vec!["请与办公室联系。"]);
        assert_eq!(c.address, "淮安市洪泽区洪泽湖大道 90 号");
        assert_eq!(c.postcode, "223100");
        assert_eq!(c.phone, "0517-87222589");
        assert_eq!(c.email, "hzzwgk@126.com");
    }

    #[test]
    fn other_parentheses_stay() {
        let mut c = Contact::default();
        let text = "根据《条例》（以下简称《条例》）编制（传真：123，电话：456）。";
        let rest = take_contact(vec![text.into()], &mut c);
        assert_eq!(
            rest,
            vec!["根据《条例》（以下简称《条例》）编制（传真：123）。"]
        );
        assert_eq!(c.phone, "456");
    }
}
