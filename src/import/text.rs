//! The input as lines, cleaned of what copying and PDF extraction add (page numbers, Markdown
//! marks, autolink brackets), and the helpers that compare and join text.

/// One line of the input. Tabs and Markdown table pipes are kept (they separate cells); page
/// numbers are gone.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line without trailing whitespace and without leading spaces (leading tabs stay: they
    /// are empty cells).
    pub text: String,
    /// A Markdown heading ("## 一、总体情况"): the marks are removed from `text`, and the line
    /// always stands as a paragraph of its own.
    pub heading_mark: bool,
}

/// Whether a whole line has the shape of a page number, as the regular expression
///
/// ```text
/// ^(?:[-—–－_~～\s]*[-—–－_~～]\s*D{1,4}\s*[-—–－_~～][-—–－_~～\s]*
///    |第\s*D{1,4}\s*页(?:\s*[,，/]?\s*共\s*D{1,4}\s*页)?
///    |D{1,4}\s*/\s*D{1,4})$
/// ```
///
/// (D a half- or full-width digit) matches it, by a scan.
fn page_number_shape(t: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '_' | '~' | '～');
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    // Dashes and spaces with at least one dash, a number, dashes and spaces with a dash: the
    // number is the one run of digits.
    let chars: Vec<char> = t.chars().collect();
    if let Some(start) = chars.iter().position(|c| digit(*c)) {
        let end = chars[start..]
            .iter()
            .position(|c| !digit(*c))
            .map_or(chars.len(), |i| start + i);
        let dashes = |part: &[char]| {
            part.iter().all(|c| dash(*c) || c.is_whitespace()) && part.iter().any(|c| dash(*c))
        };
        if end - start <= 4 && dashes(&chars[..start]) && dashes(&chars[end..]) {
            return true;
        }
    }
    // The rest read left to right: each part starts with a character the one before cannot
    // take, so nothing needs to be tried twice.
    let mut rest = t;
    let space = |r: &mut &str| *r = r.trim_start();
    let word = |r: &mut &str, w: &str| r.strip_prefix(w).map(|after| *r = after).is_some();
    let number = |r: &mut &str| {
        let len = r.find(|c: char| !digit(c)).unwrap_or(r.len());
        let count = r[..len].chars().count();
        *r = &r[len..];
        (1..=4).contains(&count)
    };
    if word(&mut rest, "第") {
        space(&mut rest);
        if !number(&mut rest) {
            return false;
        }
        space(&mut rest);
        if !word(&mut rest, "页") {
            return false;
        }
        if rest.is_empty() {
            return true;
        }
        space(&mut rest);
        // An optional "," "，" or "/".
        if let Some(after) = [",", "，", "/"]
            .into_iter()
            .find_map(|w| rest.strip_prefix(w))
        {
            rest = after;
        }
        space(&mut rest);
        if !word(&mut rest, "共") {
            return false;
        }
        space(&mut rest);
        if !number(&mut rest) {
            return false;
        }
        space(&mut rest);
        return word(&mut rest, "页") && rest.is_empty();
    }
    if !number(&mut rest) {
        return false;
    }
    space(&mut rest);
    if !word(&mut rest, "/") {
        return false;
    }
    space(&mut rest);
    number(&mut rest) && rest.is_empty()
}

/// The end of a Markdown heading's marks, `^#{1,6}\s+`: one to six "#" and the spaces after
/// them.
fn markdown_heading_end(text: &str) -> Option<usize> {
    let marks = text.len() - text.trim_start_matches('#').len();
    let rest = &text[marks..];
    let spaces = rest.len() - rest.trim_start().len();
    ((1..=6).contains(&marks) && spaces > 0).then_some(marks + spaces)
}

/// Whether a line is a page number such as "- 3 -", "— 3 —" or "第 3 页".
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 72
        && t.chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().count() <= 24
        && page_number_shape(t)
}

/// Splits the input into lines, drops page numbers and control characters, and marks Markdown
/// headings.
pub fn lines(input: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for raw in input.split('\n') {
        let cleaned: std::borrow::Cow<str> = if raw
            .chars()
            .any(|c| c != '\t' && (c.is_control() || is_invisible(c)))
        {
            raw.chars()
                .filter(|c| *c == '\t' || !(c.is_control() || is_invisible(*c)))
                .collect::<String>()
                .into()
        } else {
            raw.into()
        };
        let text = cleaned
            .trim_end()
            .trim_start_matches([' ', '\u{3000}', '\u{a0}']);
        if is_page_number(text) {
            continue;
        }
        let (text, heading_mark) = match markdown_heading_end(text) {
            Some(end) => (&text[end..], true),
            None => (text, false),
        };
        out.push(Line {
            text: text.to_string(),
            heading_mark,
        });
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
    )
}

/// Narrative text as the draft keeps it: Markdown emphasis marks and autolink brackets removed.
pub fn clean_inline(text: &str) -> String {
    if !text.contains(['*', '_', '<']) {
        return text.to_string();
    }
    let without_marks = text.replace("**", "").replace("__", "");
    strip_autolinks(&without_marks)
}

/// Autolinks ("<https://…>", "<http://…>", "<ftp://…>": an address of 1 to 300 characters, none
/// of them "<", ">" or whitespace) as their bare address. A scan rather than a regular
/// expression: the repeat of 300 compiled to a large automaton on every import.
fn strip_autolinks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let inside = &rest[open + 1..];
        match autolink_len(inside) {
            Some(len) => {
                out.push_str(&rest[..open]);
                out.push_str(&inside[..len]);
                rest = &inside[len + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length in bytes of the address when `text` (what follows a "<") is an autolink's address
/// closed by ">".
fn autolink_len(text: &str) -> Option<usize> {
    let scheme = ["https://", "http://", "ftp://"]
        .into_iter()
        .find(|s| text.starts_with(s))?;
    for (count, (i, c)) in text[scheme.len()..].char_indices().enumerate() {
        if c == '>' {
            return (count > 0).then_some(scheme.len() + i);
        }
        if c == '<' || c.is_whitespace() || count == 300 {
            return None;
        }
    }
    None
}

/// Full-width digits and letters as ASCII.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// The form labels and headings are compared in: no whitespace, no quotes, half-width brackets,
/// digits and punctuation, "1、" written "1." and any other "、" written ",".
pub fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    for c in ascii_digits(text).chars() {
        if c.is_whitespace() || matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '*')
        {
            continue;
        }
        let mapped = match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '．' => '.',
            '、' if prev_digit => '.',
            '、' => ',',
            _ => c,
        };
        prev_digit = mapped.is_ascii_digit();
        out.push(mapped);
    }
    out
}

/// Whether a character is a CJK ideograph (the kind that never takes a space beside a digit
/// in a line break).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The width of text as printed: CJK and full-width characters take two columns.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

const TERMINATORS: &[char] = &['。', '！', '？', '!', '?', '；', ';', '：', ':', '…'];
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '】', '"'];
const CONTINUERS: &[char] = &['，', ',', '、'];

/// Whether a line starts with a list marker: "（一）", "一、", "1.", "（1）"; as
///
/// ```text
/// ^(?:[（(]\s*N{1,3}\s*[）)]|N{1,3}\s*、|[0-9]{1,2}\s*[.．、]\s*[^0-9\s]|[（(]\s*[0-9]{1,2}\s*[）)])
/// ```
///
/// (N a numeral 一 to 十) matches its first eight characters, digits made half-width.
pub fn starts_with_marker(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(8).collect();
    marker_shape(&ascii_digits(&head))
}

/// [`starts_with_marker`] on the head as given. Each run (numerals, digits) must be the whole
/// run at its place, since what follows it cannot continue it: nothing to try twice.
fn marker_shape(head: &str) -> bool {
    let run = |text: &str, keep: fn(char) -> bool, max: usize| -> Option<usize> {
        let len = text.find(|c: char| !keep(c)).unwrap_or(text.len());
        (1..=max)
            .contains(&text[..len].chars().count())
            .then_some(len)
    };
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let digit = |c: char| c.is_ascii_digit();
    let bracketed = |keep: fn(char) -> bool, max: usize| {
        head.strip_prefix(['（', '('])
            .map(str::trim_start)
            .and_then(|rest| Some(&rest[run(rest, keep, max)?..]))
            .is_some_and(|rest| rest.trim_start().starts_with(['）', ')']))
    };
    if bracketed(numeral, 3) {
        return true;
    }
    if let Some(len) = run(head, numeral, 3)
        && head[len..].trim_start().starts_with('、')
    {
        return true;
    }
    if let Some(len) = run(head, digit, 2)
        && let Some(rest) = head[len..].trim_start().strip_prefix(['.', '．', '、'])
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace())
    {
        return true;
    }
    bracketed(digit, 2)
}

/// Whether a paragraph reads as ended: its last character closes a sentence.
pub fn is_terminated(text: &str) -> bool {
    let mut rev = text.trim_end().chars().rev();
    match rev.next() {
        None => true,
        Some(c) if TERMINATORS.contains(&c) => true,
        Some(c) if CLOSERS.contains(&c) => rev.next().is_some_and(|p| TERMINATORS.contains(&p)),
        _ => false,
    }
}

fn has_sentence_end(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';'))
}

/// How lines are broken in the input: where a PDF was extracted, every printed line is a line of
/// its own, and a line as wide as the page continues on the next one.
#[derive(Clone, Copy, Debug)]
pub struct Wrapping {
    /// The width of a full printed line, when the text is wrapped like a PDF page.
    page_width: Option<usize>,
}

impl Wrapping {
    /// Looks at the narrative lines: a PDF page gives many lines, none much wider than the page,
    /// and most of them end mid-sentence.
    pub fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Wrapping {
        let mut widths: Vec<usize> = Vec::new();
        let mut unended = 0usize;
        for l in lines.map(str::trim) {
            if l.is_empty() || l.contains('\t') || l.starts_with('|') {
                continue;
            }
            widths.push(display_width(l));
            unended += usize::from(!is_terminated(l));
        }
        if widths.len() < 20 || unended * 10 < widths.len() * 3 {
            return Wrapping { page_width: None };
        }
        widths.sort_unstable();
        let p90 = widths[widths.len() * 9 / 10];
        Wrapping {
            page_width: (20..=120).contains(&p90).then_some(p90),
        }
    }

    /// Whether a line fills the page (and so may well continue on the next one).
    fn is_full(&self, text: &str) -> bool {
        self.page_width
            .is_some_and(|w| display_width(text) * 10 >= w * 9)
    }

    /// Whether a short, unended line stands as a heading of its own.
    pub fn is_heading_like(&self, text: &str) -> bool {
        let t = text.trim();
        if has_sentence_end(t) || self.is_full(t) {
            return false;
        }
        let chars = t.chars().count();
        (starts_with_marker(t) && chars <= 40) || chars <= 24
    }

    /// Whether paragraph `p` continues with the line `next` (a line broken by a page end or a
    /// PDF wrap) rather than ending.
    fn continues(&self, p: &str, next: &str) -> bool {
        if starts_with_marker(next) {
            return false;
        }
        // A colon ends a lead-in ("联系方式："), unless the line is as wide as the page: then
        // the text goes on ("…电子邮箱：" / "hzzwgk@126.com）。").
        if p.trim_end().ends_with(['：', ':']) {
            return self.is_full(p);
        }
        if is_terminated(p) {
            return false;
        }
        if p.trim_end().ends_with(CONTINUERS) {
            return true;
        }
        !self.is_heading_like(p)
    }
}

/// Joins two pieces of one paragraph broken across lines: with a space where a word or number
/// meets a word or number ("和 10" + "个" → "和 10 个"), without one between CJK characters.
pub fn join_broken(out: &mut String, next: &str) {
    let next = next.trim();
    let before = out.trim_end().chars().last();
    let after = next.chars().next();
    let word = |c: char| c.is_ascii_alphanumeric() || is_cjk(c);
    let space = match (before, after) {
        (Some(b), Some(a)) => {
            (b.is_ascii_alphanumeric() && word(a)) || (a.is_ascii_alphanumeric() && word(b))
        }
        _ => false,
    };
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    if space {
        out.push(' ');
    }
    out.push_str(next);
}

/// Joins lines into paragraphs: a line that does not end a sentence continues on the next
/// non-empty line unless it reads as a heading; blank lines between the pieces do not matter
/// (a page break in copied text leaves one). Markdown headings stand alone.
pub fn paragraphs(lines: &[&Line], wrapping: Wrapping) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in lines {
        let text = clean_inline(line.text.trim());
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if line.heading_mark {
            out.extend(current.take());
            out.push(text.to_string());
            continue;
        }
        match current.as_mut() {
            Some(p) if wrapping.continues(p, text) => join_broken(p, text),
            _ => {
                out.extend(current.take());
                current = Some(text.to_string());
            }
        }
    }
    out.extend(current);
    out
}

/// A line of plain text, as the tests of the importer write one.
#[cfg(test)]
pub(super) fn line(t: &str) -> Line {
    Line {
        text: t.to_string(),
        heading_mark: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::re;

    #[test]
    fn markdown_headings_as_the_regex_read_them() {
        let heading = re(r"^#{1,6}\s+");
        for marks in 0..9 {
            for after in ["", " ", "  ", "\u{3000}", "\t", "x", " 一、总体情况", "#"] {
                let text = format!("{}{after}", "#".repeat(marks));
                assert_eq!(
                    markdown_heading_end(&text),
                    heading.find(&text).map(|m| m.end()),
                    "{text:?}"
                );
            }
        }
    }

    /// The scan takes a head for a list marker exactly where the regular expression did.
    #[test]
    fn markers_as_the_regex_read_them() {
        let marker = re(
            r"^(?:[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、|[0-9]{1,2}\s*[.．、]\s*[^0-9\s]|[（(]\s*[0-9]{1,2}\s*[）)])",
        );
        let pieces = [
            "（",
            "(",
            "）",
            ")",
            "一",
            "二十",
            "三四五六",
            "1",
            "12",
            "123",
            " ",
            "\u{3000}",
            "、",
            ".",
            "．",
            "x",
            "做好",
            "\n",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let mut matched = 0;
        for _ in 0..30_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 7);
            let expected = marker.is_match(&text);
            matched += usize::from(expected);
            assert_eq!(marker_shape(&text), expected, "{text:?}");
        }
        assert!(matched > 100, "{matched}");
    }

    /// The scan takes a line for a page number exactly where the regular expression did.
    #[test]
    fn page_numbers_as_the_regex_read_them() {
        let page = re(
            r"^(?:[-—–－_~～\s]*[-—–－_~～]\s*[0-9０-９]{1,4}\s*[-—–－_~～][-—–－_~～\s]*|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{1,4}\s*页)?|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$",
        );
        let pieces = [
            "-", "—", "–", "－", "_", "~", "～", " ", "\u{3000}", "3", "12", "１２", "12345", "第",
            "页", "共", ",", "，", "/", "a", "年",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        let mut matched = 0;
        for _ in 0..30_000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 9);
            let expected = page.is_match(&text);
            matched += usize::from(expected);
            assert_eq!(page_number_shape(&text), expected, "{text:?}");
        }
        assert!(matched > 100, "{matched}");
    }

    /// The scan strips exactly what the regular expression it replaced stripped.
    #[test]
    fn autolinks_as_the_regex_read_them() {
        let autolink = re(r"<((?:https?|ftp)://[^<>\s]{1,300})>");
        let pieces = [
            "<",
            ">",
            "<http://",
            "<https://",
            "<ftp://",
            "http://",
            "a",
            "年",
            " ",
            "\u{3000}",
            "<<https://x>",
            "s",
            ":",
            "/",
            "<http:/",
            "\n",
        ];
        let mut next = crate::pattern::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let text = crate::pattern::random_text(&mut next, &pieces, 12);
            assert_eq!(
                strip_autolinks(&text),
                autolink.replace_all(&text, "$1"),
                "{text:?}"
            );
        }
        for len in [1, 2, 299, 300, 301, 302] {
            for body in ["a", "年"] {
                let text = format!("见<https://{}>和<ftp://b>", body.repeat(len));
                assert_eq!(
                    strip_autolinks(&text),
                    autolink.replace_all(&text, "$1"),
                    "{len}"
                );
            }
        }
    }

    #[test]
    fn page_numbers_are_recognised() {
        for p in ["- 3 -", "— 1 —", "－12－", "第 3 页", "第3页 共5页", "3/10"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3", "2021", "一、总体情况", "0 0 0 0 0 0 0", "-18", ""] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn norm_unifies_what_publishers_vary() {
        assert_eq!(
            norm("(二) 部分公开(区分处理的, 只计这一情形)"),
            "(二)部分公开(区分处理的,只计这一情形)"
        );
        assert_eq!(norm("3、其他"), "3.其他");
        assert_eq!(norm("3. 危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(norm("２０２１年"), "2021年");
    }

    #[test]
    fn broken_paragraphs_are_joined() {
        let lines = [
            line("力求做到以公开促服务、以服务强公开，全面推进基层政务公开标准化规范化，积极回"),
            line(""),
            line("应社会关切。"),
            line("1. 推进用权公开，扩大公众参与"),
            line("规范权力配置信息公开。"),
            line("编制事项目录。编制印发包括国家 26 个试点领域和 10"),
            line("个本级试点领域。"),
            line("2. 注重业务提升。建立全市政务公开工作人员备案制度，"),
            line("不定期组织培训。"),
            line("联系方式："),
            line("地址：福建省晋江市世纪大道南 1 号"),
        ];
        let refs: Vec<&Line> = lines.iter().collect();
        let p = paragraphs(&refs, Wrapping { page_width: None });
        assert_eq!(
            p,
            vec![
                "力求做到以公开促服务、以服务强公开，全面推进基层政务公开标准化规范化，积极回应社会关切。",
                "1. 推进用权公开，扩大公众参与",
                "规范权力配置信息公开。",
                "编制事项目录。编制印发包括国家 26 个试点领域和 10 个本级试点领域。",
                "2. 注重业务提升。建立全市政务公开工作人员备案制度，不定期组织培训。",
                "联系方式：",
                "地址：福建省晋江市世纪大道南 1 号",
            ]
        );
    }

    #[test]
    fn markdown_marks_and_autolinks_are_removed() {
        assert_eq!(
            clean_inline("1. **做好信息公开。**见<http://www.jinjiang.gov.cn/>"),
            "1. 做好信息公开。见http://www.jinjiang.gov.cn/"
        );
    }
}
