//! The cross-reference streams, counted before lopdf loads a file.
//!
//! lopdf finds a file's objects through its cross-reference sections: the one `startxref`
//! points at, then each one a section's `/Prev` or `/XRefStm` names. A section may be a stream,
//! which lopdf unpacks without a limit before any object is read, and no hook of lopdf's runs
//! that early. So the chain is followed here the way lopdf follows it, each stream unpacked
//! into a counter (see [`super::unpack`]). Where this reading and lopdf's could differ it errs
//! towards counting more: a stream's data is taken to the end of the file unless its `/Length`
//! is a number, and every `/Prev` and `/XRefStm` of every section is followed.

use pdf_extract::{Dictionary, Object, Stream};

use super::super::source::find;
use super::unpack::unpacked_len;

/// The most sections followed (a file edited many times has a few dozen).
const MAX_SECTIONS: usize = 1000;

/// What the cross-reference streams of `bytes` unpack to together, counted up to `limit`:
/// `None` once past it.
pub(super) fn unpacked(bytes: &[u8], limit: u64) -> Option<u64> {
    // lopdf reads from the header on; offsets count from there.
    let start = find(bytes, b"%PDF-").unwrap_or(0);
    let pdf = &bytes[start..];
    let Some(first) = start_of_chain(pdf) else {
        return Some(0);
    };
    let mut left = limit;
    // A section is read up to its stream's data or to the keyword after it. Sections that run
    // into one another would be read over and over; past twice the file they are not a
    // report's (whose sections, read once each, are less than the file).
    let mut to_read = pdf.len().saturating_mul(2).saturating_add(1 << 20);
    let mut queue = vec![first];
    let mut seen = std::collections::HashSet::new();
    while let Some(at) = queue.pop() {
        if at >= pdf.len() || !seen.insert(at) {
            continue;
        }
        if seen.len() > MAX_SECTIONS {
            return None;
        }
        let (section, read) = Section::read(&pdf[at..]);
        to_read = to_read.checked_sub(read)?;
        queue.extend(section.next);
        if let Some(stream) = section.stream {
            left -= unpacked_len(&stream, left)?;
        }
    }
    Some(limit - left)
}

/// Where the chain starts: the number after the last `startxref` shortly before the last
/// `%%EOF` of the file's last 512 bytes, as lopdf looks for it.
fn start_of_chain(pdf: &[u8]) -> Option<usize> {
    let tail = pdf.len().saturating_sub(512);
    let eof = rfind(pdf, b"%%EOF", tail)?;
    if eof <= 25 {
        return None;
    }
    let at = rfind(&pdf[..eof], b"startxref", eof - 25)?;
    let mut tokens = Tokens::new(&pdf[at + b"startxref".len()..]);
    match tokens.next()? {
        Token::Number(n) => usize::try_from(n).ok(),
        _ => None,
    }
}

/// One cross-reference section: a stream to count, if it is one, and the sections it names.
struct Section {
    stream: Option<Stream>,
    next: Vec<usize>,
}

impl Section {
    /// The section at the start of `at`, and how many bytes were read for it.
    fn read(at: &[u8]) -> (Section, usize) {
        let mut tokens = Tokens::new(at);
        let mut section = Section {
            stream: None,
            next: Vec::new(),
        };
        let mut dict = Dictionary::new();
        let mut length = None;
        // The name just read, which the next token may be the value of.
        let mut key: Option<Vec<u8>> = None;
        // A table (`xref` … `trailer << … >>`) or an object (`5 0 obj << … >> stream`): the
        // keys are read wherever they stand until the stream's data or the next section.
        while let Some(token) = tokens.next() {
            match token {
                Token::Keyword(k) if k == b"stream" => {
                    let data = tokens.stream_data();
                    let content = match length {
                        Some(n) if n <= data.len() => &data[..n],
                        _ => data,
                    };
                    section.stream = Some(Stream::new(dict, content.to_vec()));
                    break;
                }
                Token::Keyword(k) if k == b"startxref" || k == b"endobj" => break,
                Token::Name(name) => match key.take() {
                    Some(k) if k == b"Filter" => dict.set("Filter", Object::Name(name)),
                    _ if name == b"EarlyChange" => {
                        if let Some(Token::Number(n)) = tokens.next() {
                            let mut params = Dictionary::new();
                            params.set("EarlyChange", Object::Integer(n));
                            dict.set("DecodeParms", Object::Dictionary(params));
                        }
                    }
                    _ => key = Some(name),
                },
                Token::Open if key.as_deref() == Some(b"Filter") => {
                    key = None;
                    let mut names = Vec::new();
                    while let Some(Token::Name(n)) = tokens.next() {
                        names.push(Object::Name(n));
                    }
                    dict.set("Filter", Object::Array(names));
                }
                Token::Number(n) => {
                    let n = usize::try_from(n).ok();
                    match key.take().as_deref() {
                        Some(b"Prev" | b"XRefStm") => section.next.extend(n),
                        // `/Length 7 0 R` is a reference, not a length.
                        Some(b"Length") if !matches!(tokens.peek_two(), Some(Token::Keyword(r)) if r == b"R") =>
                        {
                            length = n;
                        }
                        _ => {}
                    }
                }
                _ => key = None,
            }
        }
        (section, tokens.at)
    }
}

/// A token of PDF syntax, as far as the sections need them.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Name(Vec<u8>),
    Number(i64),
    Keyword(Vec<u8>),
    /// `[`
    Open,
    /// Anything else: `<<`, `>>`, `]`, strings.
    Other,
}

struct Tokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(bytes: &'a [u8]) -> Tokens<'a> {
        Tokens { bytes, at: 0 }
    }

    /// The token after the next one, without taking either (for `n 0 R`).
    fn peek_two(&self) -> Option<Token> {
        let mut ahead = Tokens {
            bytes: self.bytes,
            at: self.at,
        };
        ahead.next();
        ahead.next()
    }

    /// The data after the `stream` keyword just read: from the end of its line to the end of
    /// the file.
    fn stream_data(&self) -> &'a [u8] {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let rest = rest.strip_prefix(b" ").unwrap_or(rest);
        rest.strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .or_else(|| rest.strip_prefix(b"\r"))
            .unwrap_or(rest)
    }

    fn skip_space(&mut self) {
        while let Some(&c) = self.bytes.get(self.at) {
            if c == b'%' {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.at += 1;
                }
            } else if is_space(c) {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    fn next(&mut self) -> Option<Token> {
        // A string or escape cut off by the end of the file can step past it.
        self.at = self.at.min(self.bytes.len());
        self.skip_space();
        let c = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(match c {
            b'/' => Token::Name(self.name()),
            b'[' => Token::Open,
            b']' | b'{' | b'}' | b')' => Token::Other,
            b'(' => {
                self.literal_string();
                Token::Other
            }
            b'<' => {
                if self.bytes.get(self.at) == Some(&b'<') {
                    self.at += 1;
                } else {
                    while self.bytes.get(self.at).is_some_and(|&c| c != b'>') {
                        self.at += 1;
                    }
                    self.at += 1;
                }
                Token::Other
            }
            b'>' => {
                if self.bytes.get(self.at) == Some(&b'>') {
                    self.at += 1;
                }
                Token::Other
            }
            _ => {
                let begin = self.at - 1;
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|&c| !is_space(c) && !is_delimiter(c))
                {
                    self.at += 1;
                }
                let word = &self.bytes[begin..self.at];
                match std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()) {
                    Some(n) => Token::Number(n),
                    None => Token::Keyword(word.to_vec()),
                }
            }
        })
    }

    /// A name after its `/`, with `#hh` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(&c) = self.bytes.get(self.at) {
            if is_space(c) || is_delimiter(c) {
                break;
            }
            self.at += 1;
            let hex = || {
                let h = self.bytes.get(self.at..self.at + 2)?;
                u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
            };
            match (c, hex()) {
                (b'#', Some(byte)) => {
                    name.push(byte);
                    self.at += 2;
                }
                _ => name.push(c),
            }
        }
        name
    }

    /// Past a literal string: balanced parentheses, backslash escapes.
    fn literal_string(&mut self) {
        let mut depth = 1;
        while let Some(&c) = self.bytes.get(self.at) {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn rfind(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .rposition(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn within(bytes: &[u8], limit: u64) -> bool {
        unpacked(bytes, limit).is_some()
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    /// A file whose `startxref` points at a cross-reference stream unpacking to `first` bytes,
    /// whose `/Prev` (written `/Pr#65v`, a comment before its number) points at one unpacking to
    /// `second` bytes; `length` is the first one's `/Length` when given.
    fn two_sections(first: usize, second: usize, length: Option<&str>) -> Vec<u8> {
        let mut pdf = b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
        let b = pdf.len();
        let data = zlib(&vec![0; second]);
        pdf.extend(
            format!(
                "2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 2] /Length {} /Filter [/FlateDecode] >>\nstream\n",
                data.len()
            )
            .as_bytes(),
        );
        pdf.extend(&data);
        pdf.extend(b"\nendstream\nendobj\n");
        let a = pdf.len();
        let data = zlib(&vec![0; first]);
        let length = length.map_or_else(|| format!("/Length {}", data.len()), str::to_string);
        pdf.extend(
            format!(
                "3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /ID [(a%b) <00>] /Pr#65v % the section before\n {b} /Filter /FlateDecode {length} >>\nstream\r\n"
            )
            .as_bytes(),
        );
        pdf.extend(&data);
        pdf.extend(format!("\nendstream\nendobj\nstartxref\n{a}\n%%EOF\n").as_bytes());
        pdf
    }

    #[test]
    fn every_section_of_the_chain_is_counted() {
        let pdf = two_sections(1000, 4 << 20, None);
        assert!(within(&pdf, (4 << 20) + 1000));
        assert!(!within(&pdf, (4 << 20) + 999));
        assert!(!within(&pdf, 1 << 20), "the section before is counted too");
    }

    #[test]
    fn a_length_that_is_a_reference_counts_to_the_end_of_the_file() {
        // Counted from after `stream` to the end of the file: the stream's 1000 bytes, and
        // nothing more (what follows does not inflate).
        let pdf = two_sections(1000, 10, Some("/Length 9 0 R"));
        assert!(within(&pdf, 1010));
        assert!(!within(&pdf, 1009));
    }

    #[test]
    fn a_table_has_nothing_to_unpack_and_its_trailer_is_followed() {
        let mut pdf = two_sections(10, 2 << 20, None);
        let stream_at = rfind(&pdf, b"startxref", 0).unwrap();
        pdf.truncate(stream_at);
        let prev = find(&pdf, b"2 0 obj").unwrap();
        let table = pdf.len();
        pdf.extend(
            format!(
                "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /XRefStm {prev} >>\nstartxref\n{table}\n%%EOF\n"
            )
            .as_bytes(),
        );
        assert!(!within(&pdf, 1 << 20));
        assert!(within(&pdf, 3 << 20));
    }

    #[test]
    fn any_cut_or_damage_of_a_file_is_read_without_a_panic() {
        let pdf = two_sections(100, 100, Some("/Length 9 0 R (\\"));
        for end in 0..pdf.len() {
            let _ = unpacked(&pdf[..end], 1 << 20);
            let mut damaged = pdf.clone();
            damaged[end] = b"(<\\%/#"[end % 6];
            let _ = unpacked(&damaged, 1 << 20);
        }
    }

    #[test]
    fn sections_that_run_into_one_another_are_not_read_over_and_over() {
        // Every `/Prev` names the next one along, none ends: each section read would run to the
        // end of the file, and name all the others.
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let first = pdf.len();
        // Fewer than MAX_SECTIONS: what stops it is how much was read.
        for i in 0..900 {
            pdf.extend(format!("/Prev {} ", first + 64 * (i + 1)).as_bytes());
            pdf.resize(first + 64 * (i + 1), b' ');
        }
        pdf.extend(format!("startxref\n{first}\n%%EOF\n").as_bytes());
        assert_eq!(unpacked(&pdf, 1 << 20), None);
    }

    #[test]
    fn a_file_without_a_chain_is_left_to_lopdf() {
        assert!(within(b"%PDF-1.4\nnothing here", 0));
        assert!(within(b"", 0));
        // A chain that loops ends.
        let pdf = b"%PDF-1.4\nxref\ntrailer << /Prev 9 >>\nstartxref\n9\n%%EOF\n";
        assert!(within(pdf, 0));
    }
}
