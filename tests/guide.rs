//! The clerk's guide (docs/guide/index.html, installed with every package and opened from
//! 帮助 → 使用说明): every picture it shows is there, and every link of its table of contents
//! leads to a heading.

use std::collections::BTreeSet;
use std::path::Path;

fn guide() -> (std::path::PathBuf, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide");
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    (dir, html)
}

/// The values of `attr="…"` in `html`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn every_picture_of_the_guide_is_installed_beside_it() {
    let (dir, html) = guide();
    let pictures = values(&html, "src");
    assert!(pictures.len() >= 8, "{pictures:?}");
    for src in pictures {
        assert!(dir.join(src).is_file(), "docs/guide/{src} is missing");
    }
}

#[test]
fn every_contents_link_leads_to_a_heading_and_every_section_is_listed() {
    let (_, html) = guide();
    let ids: BTreeSet<&str> = values(&html, "id").into_iter().collect();
    let links: Vec<&str> = values(&html, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    for link in &links {
        assert!(ids.contains(link), "#{link} leads nowhere");
    }
    // Each numbered section (an <h2> with an id, the contents excepted) is in the contents.
    for (i, _) in html.match_indices("<h2 id=\"") {
        let id = values(&html[i..], "id")[0];
        assert!(
            id == "toc" || links.contains(&id),
            "section #{id} not in the contents"
        );
    }
}

#[test]
fn sections_are_numbered_in_order() {
    let (_, html) = guide();
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let numbered: Vec<&str> = html
        .match_indices("<h2 id=\"")
        .filter_map(|(i, _)| {
            let text = &html[i..];
            let start = text.find('>')? + 1;
            let heading = &text[start..];
            NUMERALS
                .iter()
                .copied()
                .find(|n| heading.starts_with(&format!("{n}、")))
        })
        .collect();
    assert_eq!(numbered, NUMERALS.to_vec());
}
