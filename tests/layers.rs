//! The layers of the crate (ARCHITECTURE.md): every top-level module of `src/` has a place in
//! [`LAYERS`], and a module uses only modules placed before it.
//!
//! The test reads every `src/**/*.rs`, strips comments, string contents and `#[cfg(test)]` items,
//! and collects each `crate::<module>` path (in `use` lines, grouped `use crate::{a, b::c}` and
//! expressions) and each `super::` path that leaves its top-level module. Test code may reach up
//! (the checker's test drafts serve other modules' tests); documentation links may too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules of `src/`, lowest first. The same list, in the same order, is in
/// ARCHITECTURE.md ("Layers").
const LAYERS: &[&str] = &[
    "rules",
    "pattern",
    "collate",
    "format",
    "value",
    "date",
    "draft",
    "address",
    "draft_file",
    "profile",
    "totals",
    "narrative",
    "check",
    "convert",
    "years",
    "document",
    "diagnose",
    "import",
    "export",
    "merge",
    "compare",
    "chart",
    "review",
    "recovery",
    "cli",
    "gui",
];

/// One reference from a file to a top-level module.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edge {
    /// The file, relative to `src/`.
    file: String,
    line: usize,
    from: String,
    to: String,
}

impl std::fmt::Display for Edge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "src/{}:{}: {} -> {}",
            self.file, self.line, self.from, self.to
        )
    }
}

/// The text with comments and the contents of string and character literals replaced by spaces;
/// line breaks are kept, so that offsets still give the line.
fn strip_comments(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| i + p);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                let mut j = i;
                while j < b.len() {
                    if b[j..].starts_with(b"/*") {
                        depth += 1;
                        j += 2;
                    } else if b[j..].starts_with(b"*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        j += 1;
                    }
                }
                blank(&mut out, i, j);
                i = j;
            }
            b'r' if (i == 0 || !is_ident(b[i - 1]))
                && matches!(b.get(i + 1), Some(b'"' | b'#')) =>
            {
                // A raw string: r"…", r#"…"#.
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let start = i + 2 + hashes;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let end = b[start..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(b.len(), |p| start + p);
                blank(&mut out, start, end);
                i = end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                blank(&mut out, i + 1, j.min(b.len()));
                i = j + 1;
            }
            b'\'' => {
                // A character literal ('x', '\n', '中'), or else a lifetime.
                let rest = &src[i + 1..];
                let len = if rest.starts_with('\\') {
                    rest.find('\'').filter(|&p| p > 1)
                } else {
                    rest.chars()
                        .next()
                        .map(char::len_utf8)
                        .filter(|&n| rest[n..].starts_with('\''))
                };
                match len {
                    Some(n) => {
                        blank(&mut out, i + 1, i + 1 + n);
                        i += n + 2;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| panic!("blanking keeps UTF-8 whole: {e}"))
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Blanks every item under `#[cfg(test)]`: a test module, or a test-only function or `use`.
fn strip_test_items(src: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = src.as_bytes().to_vec();
    let mut from = 0;
    while let Some(p) = src[from..].find(MARK).map(|p| from + p) {
        let b = src.as_bytes();
        let mut depth = 0usize;
        let mut end = b.len();
        for (j, &c) in b.iter().enumerate().skip(p + MARK.len()) {
            match c {
                b'{' | b'[' | b'(' => depth += 1,
                b'}' | b']' | b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && c == b'}' {
                        end = j + 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    end = j + 1;
                    break;
                }
                _ => {}
            }
        }
        for c in &mut out[p..end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = end;
    }
    String::from_utf8(out).unwrap_or_else(|e| panic!("blanking keeps UTF-8 whole: {e}"))
}

/// The module path of a file relative to `src/`: `check/cells.rs` is `[check, cells]`,
/// `check/mod.rs` is `[check]`, `lib.rs` is `[]`.
fn module_path(file: &str) -> Vec<String> {
    let file = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = file.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The identifier starting at `i`, if any.
fn ident_at(s: &str, i: usize) -> Option<&str> {
    let len = s[i..].bytes().take_while(|&c| is_ident(c)).count();
    (len > 0).then(|| &s[i..i + len])
}

/// The first segments of each item of a `{…}` group starting at `open` (the brace), with their
/// offsets: `{a, b::c, d::{e, f}}` gives a, b, d.
fn group_heads(s: &str, open: usize) -> Vec<(usize, &str)> {
    let b = s.as_bytes();
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expect_head = true,
            c if expect_head && is_ident(c) => {
                if let Some(id) = ident_at(s, i) {
                    heads.push((i, id));
                    i += id.len();
                    expect_head = false;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    heads
}

/// The top-level modules a path that starts at the crate root names, when the rest of the path
/// begins at `rest`: `foo::…` gives foo, `{a, b::c}` gives a and b.
fn roots_at(s: &str, rest: usize) -> Vec<(usize, &str)> {
    if s[rest..].starts_with('{') {
        group_heads(s, rest)
    } else {
        ident_at(s, rest).map(|id| (rest, id)).into_iter().collect()
    }
}

/// The byte ranges of inline `mod name { … }` blocks, for the depth of `super::`.
fn inline_modules(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(p) = s[from..].find("mod ").map(|p| from + p) {
        from = p + 4;
        if p > 0 && is_ident(b[p - 1]) {
            continue;
        }
        let Some(name) = ident_at(s, p + 4) else {
            continue;
        };
        let after = s[p + 4 + name.len()..].trim_start();
        if !after.starts_with('{') {
            continue;
        }
        let open = s.len() - after.len();
        let mut depth = 0;
        for (j, &c) in b.iter().enumerate().skip(open) {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        ranges.push((open, j));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

/// Every reference of `file` (relative to `src/`) to another top-level module.
fn edges_of(file: &str, src: &str) -> Vec<Edge> {
    let path = module_path(file);
    let Some(top) = path.first().cloned() else {
        return Vec::new(); // the crate root (lib.rs) and the binary (main.rs)
    };
    let s = strip_test_items(&strip_comments(src));
    let b = s.as_bytes();
    let line_of = |i: usize| s[..i].bytes().filter(|&c| c == b'\n').count() + 1;
    let mut edges = Vec::new();
    let add = |at: usize, to: &str, edges: &mut Vec<Edge>| {
        if to != top && to != "self" && to != "super" && to != "crate" {
            edges.push(Edge {
                file: file.to_string(),
                line: line_of(at),
                from: top.clone(),
                to: to.to_string(),
            });
        }
    };
    let mut from = 0;
    while let Some(p) = s[from..].find("crate::").map(|p| from + p) {
        from = p + 7;
        if p > 0 && (is_ident(b[p - 1]) || b[p - 1] == b'$') {
            continue;
        }
        for (at, to) in roots_at(&s, p + 7) {
            add(at, to, &mut edges);
        }
    }
    let inline = inline_modules(&s);
    let mut from = 0;
    while let Some(p) = s[from..].find("super::").map(|p| from + p) {
        if p > 0 && (is_ident(b[p - 1]) || b[p - 1] == b':') {
            from = p + 7;
            continue;
        }
        let mut ups = 0;
        let mut rest = p;
        while s[rest..].starts_with("super::") {
            ups += 1;
            rest += 7;
        }
        from = rest;
        let depth = path.len() + inline.iter().filter(|&&(a, z)| a < p && p < z).count();
        if ups >= depth {
            for (at, to) in roots_at(&s, rest) {
                add(at, to, &mut edges);
            }
        }
    }
    edges
}

/// Everything wrong with the layering of `files` (path relative to `src/`, text): a top-level
/// module missing from `layers`, an edge that goes up the order, and a cycle between modules.
fn violations(files: &[(String, String)], layers: &[&str]) -> Vec<String> {
    let rank = |m: &str| layers.iter().position(|&l| l == m);
    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, src) in files {
        if let Some(top) = module_path(file).first()
            && rank(top).is_none()
        {
            problems.push(format!(
                "src/{file}: the module `{top}` has no place in the layers"
            ));
        }
        for edge in edges_of(file, src) {
            match (rank(&edge.from), rank(&edge.to)) {
                (Some(from), Some(to)) if to > from => problems.push(format!(
                    "{edge}: `{}` is above `{}` in the layers",
                    edge.to, edge.from
                )),
                (Some(_), None) => {
                    problems.push(format!("{edge}: `{}` has no place in the layers", edge.to))
                }
                _ => {}
            }
            graph.entry(edge.from).or_default().insert(edge.to);
        }
    }
    problems.extend(cycles(&graph));
    problems
}

/// One line for each module that reaches itself through the edges.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for start in graph.keys() {
        // Depth-first search for a path back to `start`, remembering how each module was reached.
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut stack = vec![start.as_str()];
        let mut found = None;
        while let Some(m) = stack.pop() {
            for next in graph.get(m).into_iter().flatten() {
                if next == start {
                    found = Some(m);
                    break;
                }
                if !came_from.contains_key(next.as_str()) {
                    came_from.insert(next, m);
                    stack.push(next);
                }
            }
            if found.is_some() {
                break;
            }
        }
        if let Some(mut m) = found {
            let mut cycle = vec![start.as_str(), m];
            while m != start {
                m = came_from[m];
                cycle.push(m);
            }
            cycle.reverse();
            out.push(format!("cycle: {}", cycle.join(" -> ")));
        }
    }
    out
}

fn rust_files(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((rel, text));
        }
    }
}

#[test]
fn every_module_uses_only_modules_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    assert!(files.len() > 20, "read {} files", files.len());
    let problems = violations(&files, LAYERS);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_top_level_module_is_placed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(root.join("lib.rs")).unwrap();
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .collect();
    let placed: BTreeSet<&str> = LAYERS.iter().copied().collect();
    assert_eq!(declared, placed);
    assert_eq!(placed.len(), LAYERS.len(), "a module is placed twice");
}

#[test]
fn architecture_md_lists_the_same_layers() {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
        .unwrap();
    let section = md
        .split("\n## ")
        .find(|s| s.starts_with("Layers"))
        .expect("ARCHITECTURE.md has a section \"## Layers\"");
    // The numbered list: "1. `rules` — …".
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". `")?;
            n.parse::<usize>().ok()?;
            rest.split_once('`').map(|(m, _)| m)
        })
        .collect();
    assert_eq!(listed, LAYERS);
}

// The checker itself, on small fake sources.

fn fake(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect();
    violations(&files, &["rules", "format", "check"])
}

#[test]
fn an_edge_up_the_layers_is_caught_with_file_and_line() {
    let problems = fake(&[
        ("format/mod.rs", "//! Formats.\n\nuse crate::check::X;\n"),
        ("check/mod.rs", "use crate::format::Y;\n"),
    ]);
    assert!(
        problems.contains(
            &"src/format/mod.rs:3: format -> check: `check` is above `format` in the layers"
                .to_string()
        ),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("cycle: ")),
        "{problems:#?}"
    );
}

#[test]
fn grouped_uses_expressions_and_super_paths_are_edges() {
    let grouped = fake(&[("format/f.rs", "use crate::{rules::A, check::{B, C}};\n")]);
    assert_eq!(grouped.len(), 1, "{grouped:#?}");
    assert!(grouped[0].contains("format -> check"), "{grouped:#?}");
    let expression = fake(&[("rules.rs", "fn f() { let _x = crate::format::G; }\n")]);
    assert_eq!(expression.len(), 1, "{expression:#?}");
    let supers = fake(&[(
        "format/table3.rs",
        "use super::Cell;\nuse super::super::check::Z;\n",
    )]);
    assert_eq!(supers.len(), 1, "{supers:#?}");
    assert!(
        supers[0].starts_with("src/format/table3.rs:2: format -> check"),
        "{supers:#?}"
    );
}

#[test]
fn comments_strings_and_test_code_are_not_edges() {
    let src = r##"
//! See [`crate::check::check`].
/* crate::check */
fn f() -> &'static str { let _c = '"'; "crate::check::X" }
fn g() -> &'static str { r#"crate::check"# }
#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    fn h() { crate::check::check(); }
}
#[cfg(test)]
use crate::check::Other;
fn lifetimes<'a>(x: &'a str) -> &'a str { x }
"##;
    assert_eq!(fake(&[("format/mod.rs", src)]), Vec::<String>::new());
    // After all that, code is still read.
    let after = format!("{src}\nuse crate::check::Late;\n");
    assert_eq!(fake(&[("format/mod.rs", &after)]).len(), 1);
}

#[test]
fn a_module_without_a_place_is_reported() {
    let problems = fake(&[("extra.rs", "use crate::format::F;\n")]);
    assert_eq!(
        problems,
        vec!["src/extra.rs: the module `extra` has no place in the layers"]
    );
}
