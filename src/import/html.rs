//! Reading a portal page saved from a browser: the article found among the site's header,
//! menus, breadcrumb, related links and footer; its paragraphs and tables in order, each table
//! from its cells (`rowspan`, `colspan`); scripts and styles ignored.
//!
//! The article is the deepest element holding the most of the report's six section headings;
//! the report's title is taken from the page's heading or `<title>` when the article lacks it.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::source::{Block, Flow, GridBuilder};

/// Words of the six section headings: the article is where they stand.
const SECTION_WORDS: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "行政复议",
    "存在的主要问题",
    "其他需要报告的事项",
];

/// Elements that are never the article's text.
const SKIPPED_TAGS: [&str; 14] = [
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "select", "button", "iframe", "object", "svg",
];

/// Parts of a class or id that name the site's furniture (pinyin ones included: 相关链接
/// xglj, 当前位置 dqwz).
const FURNITURE: [&str; 16] = [
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "footer",
    "header",
    "sidebar",
    "related",
    "xglj",
    "dqwz",
    "share",
    "position",
    "location",
    "toolbar",
    "print",
    "copyright",
];

/// Text a furniture block starts with.
const FURNITURE_TEXT: [&str; 8] = [
    "相关链接",
    "相关文章",
    "相关阅读",
    "当前位置",
    "您的位置",
    "您现在的位置",
    "您当前的位置",
    "分享到",
];

/// A block longer than this is not furniture, whatever it starts with.
const FURNITURE_MAX_CHARS: usize = 300;

/// Elements that end a line of text.
const BLOCK_TAGS: [&str; 24] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dd",
    "dt",
    "dl",
    "hr",
    "tr",
    "main",
    "form",
    "caption",
];

/// Nesting deeper than this is read as plain text (hostile pages nest without end).
const MAX_DEPTH: usize = 200;

type NodeR<'a> = NodeRef<'a, Node>;

fn element_name<'a>(node: &NodeR<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

fn is_furniture(node: &NodeR) -> bool {
    let Some(element) = node.value().as_element() else {
        return false;
    };
    if SKIPPED_TAGS.contains(&element.name()) {
        return true;
    }
    let names = [
        element.id().unwrap_or(""),
        element.attr("class").unwrap_or(""),
    ]
    .join(" ")
    .to_ascii_lowercase();
    if !names.is_empty() && FURNITURE.iter().any(|f| names.contains(f)) {
        return true;
    }
    // A short block that starts with 相关链接, 当前位置…; a long one is a container of the page.
    if matches!(
        element.name(),
        "div" | "ul" | "ol" | "table" | "dl" | "p" | "section"
    ) {
        let text: String = node
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .flat_map(|t| t.chars().collect::<Vec<_>>())
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .take(FURNITURE_MAX_CHARS + 1)
            .collect();
        return text.chars().count() <= FURNITURE_MAX_CHARS
            && FURNITURE_TEXT.iter().any(|f| text.starts_with(f));
    }
    false
}

/// Reads a page's article into paragraphs and tables.
pub fn read(page: &str) -> Flow {
    let html = Html::parse_document(page);
    let root = html.tree.root();
    let article = find_article(root);
    let mut flow = Flow::default();
    let mut para = String::new();
    walk(article, 0, &mut flow, &mut para);
    flush(&mut flow, &mut para);
    if !flow_has_title(&flow)
        && let Some(title) = page_title(root, article)
    {
        flow.blocks.insert(0, Block::Paragraph(title));
    }
    flow
}

/// The deepest element holding the most section headings (short texts naming a section; the
/// body when no element holds two).
fn find_article(root: NodeR) -> NodeR {
    // Bottom-up masks of the section words found in each element's own text nodes.
    let mut stack: Vec<(NodeR, u8, usize)> = Vec::new();
    let mut best: Option<(NodeR, u32, usize)> = None;
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if is_furniture(&node) {
                    skipping = Some(node.id());
                    continue;
                }
                // A heading is a short text of its own; a sentence listing the six parts is not.
                if let Some(text) = node
                    .value()
                    .as_text()
                    .filter(|t| t.trim().chars().count() <= 40)
                {
                    let mut mask = 0u8;
                    for (i, w) in SECTION_WORDS.iter().enumerate() {
                        if text.contains(w) {
                            mask |= 1 << i;
                        }
                    }
                    if let Some(top) = stack.last_mut() {
                        top.1 |= mask;
                    }
                } else if node.value().is_element() {
                    let depth = stack.len();
                    stack.push((node, 0, depth));
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if !node.value().is_element() {
                    continue;
                }
                let Some((el, mask, depth)) = stack.pop() else {
                    continue;
                };
                if let Some(parent) = stack.last_mut() {
                    parent.1 |= mask;
                }
                let count = mask.count_ones();
                let better = best
                    .as_ref()
                    .is_none_or(|(_, c, d)| count > *c || (count == *c && depth > *d));
                if count >= 2 && better {
                    best = Some((el, count, depth));
                }
            }
        }
    }
    best.map(|(n, _, _)| n)
        .or_else(|| root.descendants().find(|n| element_name(n) == Some("body")))
        .unwrap_or(root)
}

/// Ends the paragraph being read; lines broken by `<br>` stay lines of one paragraph.
fn flush(flow: &mut Flow, para: &mut String) {
    let lines: Vec<&str> = para
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    flow.paragraph(&lines.join("\n"));
    para.clear();
}

/// Appends text as HTML shows it: runs of white space as one space.
fn push_text(para: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_whitespace() || c == '\u{a0}' {
            if !para.is_empty() && !para.ends_with([' ', '\n']) {
                para.push(' ');
            }
        } else {
            para.push(c);
        }
    }
}

fn walk(node: NodeR, depth: usize, flow: &mut Flow, para: &mut String) {
    for child in node.children() {
        if let Some(text) = child.value().as_text() {
            push_text(para, text);
            continue;
        }
        let Some(name) = element_name(&child) else {
            continue;
        };
        if is_furniture(&child) {
            continue;
        }
        if depth > MAX_DEPTH {
            for t in child
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            {
                push_text(para, &t);
            }
            continue;
        }
        match name {
            "br" => para.push('\n'),
            "table" if !is_layout_table(child) => {
                flush(flow, para);
                flow.blocks.push(Block::Table(read_table(child)));
            }
            _ if BLOCK_TAGS.contains(&name) || name == "table" || name == "td" || name == "th" => {
                flush(flow, para);
                walk(child, depth + 1, flow, para);
                flush(flow, para);
            }
            _ => walk(child, depth + 1, flow, para),
        }
    }
}

/// A table used to lay out the page rather than to hold figures: tables inside it, or cells
/// with long text.
fn is_layout_table(table: NodeR) -> bool {
    table
        .descendants()
        .skip(1)
        .any(|n| element_name(&n) == Some("table"))
        || cells_of(table).into_iter().flatten().any(|c| {
            c.descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.chars().count()))
                .sum::<usize>()
                > 400
        })
}

/// A table's rows (through thead, tbody, tfoot) and their cells.
fn cells_of(table: NodeR) -> Vec<Vec<NodeR>> {
    let mut rows = Vec::new();
    let mut stack: Vec<NodeR> = table.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        match element_name(&n) {
            Some("tr") => rows.push(
                n.children()
                    .filter(|c| matches!(element_name(c), Some("td" | "th")))
                    .collect(),
            ),
            Some("thead" | "tbody" | "tfoot") => {
                let mut kids: Vec<NodeR> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
        if rows.len() >= super::source::MAX_TABLE_ROWS {
            break;
        }
    }
    rows
}

fn read_table(table: NodeR) -> Vec<Vec<String>> {
    let mut grid = GridBuilder::default();
    for row in cells_of(table) {
        let cells: Vec<(String, usize, usize)> = row
            .into_iter()
            .map(|cell| {
                let span = |name: &str| {
                    cell.value()
                        .as_element()
                        .and_then(|e| e.attr(name))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                };
                let mut text = String::new();
                for t in cell
                    .descendants()
                    .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                {
                    push_text(&mut text, &t);
                }
                (text.trim().to_string(), span("colspan"), span("rowspan"))
            })
            .collect();
        grid.row(0, cells);
    }
    grid.finish()
}

fn flow_has_title(flow: &Flow) -> bool {
    flow.blocks.iter().take(5).any(|b| match b {
        Block::Paragraph(p) => p.contains("报告") && p.chars().count() <= 80,
        Block::Table(_) => false,
    })
}

/// The report's title from outside the article: a heading of the page, or its `<title>`.
fn page_title(root: NodeR, article: NodeR) -> Option<String> {
    let text_of = |n: NodeR| {
        let mut s = String::new();
        for t in n
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        {
            push_text(&mut s, &t);
        }
        s.trim().to_string()
    };
    let is_title = |s: &str| s.contains("年度报告") && s.chars().count() <= 80;
    let in_article = |n: &NodeR| n.ancestors().any(|a| a.id() == article.id());
    let heading = root
        .descendants()
        .filter(|n| !in_article(n))
        .filter(|n| {
            matches!(element_name(n), Some("h1" | "h2" | "h3"))
                || n.value()
                    .as_element()
                    .and_then(|e| e.attr("class"))
                    .is_some_and(|c| c.to_ascii_lowercase().contains("title"))
        })
        .filter(|n| !n.ancestors().any(|a| is_furniture(&a)))
        .map(text_of)
        .find(|s| is_title(s));
    heading.or_else(|| {
        let title = root
            .descendants()
            .find(|n| element_name(n) == Some("title"))
            .map(text_of)?;
        title
            .split(['_', '|', '－', '—'])
            .map(str::trim)
            .find(|s| is_title(s))
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(flow: &Flow) -> Vec<String> {
        flow.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.clone(),
                Block::Table(rows) => format!("{rows:?}"),
            })
            .collect()
    }

    #[test]
    fn the_article_is_found_among_the_furniture() {
        let page = r#"<html><head><title>某县2021年政府信息公开工作年度报告_某县人民政府</title>
            <script>var a = "一、总体情况 二、主动公开政府信息情况";</script></head><body>
            <div class="nav"><a>首页</a><a>政务公开</a></div>
            <div class="crumb">首页 &gt; 年报</div>
            <h1>某县2021年政府信息公开工作年度报告</h1>
            <div id="content"><p>一、总体情况</p><p>概述。</p>
            <p>二、主动公开政府信息情况</p>
            <table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>1</td><td>2</td></tr></table>
            </div>
            <div class="xglj">相关链接：<a>上年报告</a></div>
            <div class="footer">主办单位：某县人民政府</div></body></html>"#;
        let flow = read(page);
        assert_eq!(
            texts(&flow),
            vec![
                "某县2021年政府信息公开工作年度报告",
                "一、总体情况",
                "概述。",
                "二、主动公开政府信息情况",
                r#"[["甲", "乙", ""], ["", "1", "2"]]"#,
            ]
        );
    }
}
