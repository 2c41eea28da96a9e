//! How far a PDF's streams unpack, counted without keeping what they unpack to.
//!
//! lopdf unpacks whatever a stream's `/Filter` names, with no limit: the object streams while it
//! loads a file, the page contents and fonts when the text reader asks for them. A file of a
//! few hundred kilobytes can unpack to gigabytes (a "bomb"), which would end the program, and
//! with it the review board's work, before any message. So each stream is first unpacked into
//! a counter here, through the same filters and the same fallback lopdf takes, up to a limit.

use std::io::Write;

use pdf_extract::{Object, Stream};

/// The bytes a stream unpacks to, as lopdf unpacks it (`Stream::decompressed_content`),
/// counted up to `limit`: `None` once past it. Each filter's output is what the next one reads,
/// so every step is counted, not only the last.
pub(super) fn unpacked_len(stream: &Stream, limit: u64) -> Option<u64> {
    // lopdf reads a stream whose /Filter is not a name or a list of names as unpacked.
    let Ok(filters) = stream.filters() else {
        return within(stream.content.len() as u64, limit);
    };
    let early_change = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .and_then(|p| p.get(b"EarlyChange"))
        .and_then(Object::as_i64)
        .map_or(true, |v| v != 0);
    let mut input: Vec<u8>;
    let mut current: &[u8] = &stream.content;
    let mut total = 0u64;
    for (i, filter) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let left = limit.saturating_sub(total);
        let mut sink = Sink::new(!last, left);
        match *filter {
            b"FlateDecode" => inflate(current, &mut sink),
            b"LZWDecode" => unlzw(current, early_change, &mut sink),
            b"ASCII85Decode" => un_ascii85(current, &mut sink),
            // lopdf gives up on the stream there and it is read as it stands: unpacked by the
            // filters before, or as stored.
            _ => return within(if i == 0 { current.len() as u64 } else { total }, limit),
        }
        if sink.over() {
            return None;
        }
        total += sink.count;
        input = sink.kept;
        current = &input;
    }
    within(total, limit)
}

fn within(len: u64, limit: u64) -> Option<u64> {
    (len <= limit).then_some(len)
}

/// Where a filter writes: counts, keeps the bytes when another filter reads them, and refuses
/// more once past its limit (the filter then stops).
struct Sink {
    keep: bool,
    kept: Vec<u8>,
    count: u64,
    limit: u64,
}

impl Sink {
    fn new(keep: bool, limit: u64) -> Sink {
        Sink {
            keep,
            kept: Vec::new(),
            count: 0,
            limit,
        }
    }

    fn over(&self) -> bool {
        self.count > self.limit
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.over() {
            return Err(std::io::Error::other("over the limit"));
        }
        self.count = self.count.saturating_add(buf.len() as u64);
        if self.keep && !self.over() {
            self.kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Inflates as lopdf does: zlib, and when that fails before any byte came out, raw deflate
/// after the two bytes of the zlib header (which lopdf retries for streams whose header or
/// checksum is damaged). What came out before an error counts: a bomb need not end well.
fn inflate(input: &[u8], sink: &mut Sink) {
    let zlib = std::io::copy(&mut flate2::read::ZlibDecoder::new(input), sink);
    if zlib.is_err() && sink.count == 0 && input.len() > 2 {
        let _ = std::io::copy(&mut flate2::read::DeflateDecoder::new(&input[2..]), sink);
    }
}

/// LZW as lopdf decodes it (most significant bit first, codes from 9 bits, the code width
/// switched one code early unless `/EarlyChange 0`), until the end code, the end of the input
/// or an error.
fn unlzw(mut input: &[u8], early_change: bool, sink: &mut Sink) {
    use weezl::{BitOrder, LzwStatus, decode::Decoder};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = vec![0u8; 1 << 16];
    loop {
        let step = decoder.decode_bytes(input, &mut out);
        input = &input[step.consumed_in..];
        if sink.write_all(&out[..step.consumed_out]).is_err() {
            return;
        }
        match step.status {
            Ok(LzwStatus::Ok) if step.consumed_in + step.consumed_out > 0 => {}
            _ => return,
        }
    }
}

/// ASCII85 as lopdf decodes it: `z` for four zero bytes, white space skipped, the end at `~>`
/// (only where the stream ends) or at the first byte outside the alphabet.
fn un_ascii85(input: &[u8], sink: &mut Sink) {
    let input = input.strip_suffix(b"~>").unwrap_or(input);
    let mut group: u32 = 0;
    let mut count = 0;
    for &c in input {
        if c == b'z' {
            if count != 0 {
                return;
            }
            if sink.write_all(&[0; 4]).is_err() {
                return;
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        if !(b'!'..=b'u').contains(&c) {
            break;
        }
        let Some(next) = group
            .checked_mul(85)
            .and_then(|g| g.checked_add(u32::from(c - b'!')))
        else {
            return;
        };
        group = next;
        count += 1;
        if count == 5 {
            if sink.write_all(&group.to_be_bytes()).is_err() {
                return;
            }
            group = 0;
            count = 0;
        }
    }
    if count > 0 {
        let _ = sink.write_all(&[0; 4][..count - 1]);
    }
}

/// A stream of `content` with `filter` (e.g. `/Filter /FlateDecode`), for the tests here and in
/// the PDF reader.
#[cfg(test)]
pub(super) fn stream(filter: &[&str], content: Vec<u8>) -> Stream {
    let mut dict = pdf_extract::Dictionary::new();
    match filter {
        [] => {}
        [one] => dict.set("Filter", Object::Name(one.as_bytes().to_vec())),
        many => dict.set(
            "Filter",
            Object::Array(
                many.iter()
                    .map(|f| Object::Name(f.as_bytes().to_vec()))
                    .collect(),
            ),
        ),
    }
    Stream::new(dict, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    fn lopdf_len(s: &Stream) -> usize {
        s.decompressed_content()
            .map_or(s.content.len(), |c| c.len())
    }

    #[test]
    fn the_count_is_what_lopdf_unpacks() {
        let text = b"BT /F1 12 Tf 72 700 Td (2021) Tj ET\n".repeat(500);
        let a85 = b"9jqo^BlbD-BleB1DJ+*+F(f,q/0JhKF<GL>Cj@.4Gp$d7F!,L7@<6@)/0JDEF<G%<+EV:2F!,O<z~>";
        let mut lzw = Vec::new();
        weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .into_stream(&mut lzw)
            .encode_all(text.as_slice())
            .status
            .unwrap();
        let mut broken_header = zlib(&text);
        broken_header[1] ^= 0xff;
        let cases = [
            stream(&[], text.clone()),
            stream(&["FlateDecode"], zlib(&text)),
            stream(&["ASCII85Decode"], a85.to_vec()),
            stream(&["LZWDecode"], lzw),
            // lopdf's fallback: raw deflate after a zlib header it cannot read.
            stream(
                &["FlateDecode"],
                [&[0x78, 0x00][..], &deflate(&text)].concat(),
            ),
            stream(&["FlateDecode"], broken_header),
            stream(&["FlateDecode", "FlateDecode"], zlib(&zlib(&text))),
            stream(&["DCTDecode"], vec![0xff, 0xd8, 0xff]),
        ];
        for (i, s) in cases.iter().enumerate() {
            assert_eq!(
                unpacked_len(s, u64::MAX),
                Some(lopdf_len(s) as u64 + if i == 6 { zlib(&text).len() as u64 } else { 0 }),
                "case {i}"
            );
        }
    }

    #[test]
    fn a_bomb_is_stopped_at_the_limit_without_unpacking_it() {
        // 16 MB of zeros in ~16 KB, then packed again: a bomb inside a bomb.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..16 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 1 << 15, "{}", bomb.len());
        let limit = 2 << 20;
        assert_eq!(
            unpacked_len(&stream(&["FlateDecode"], bomb.clone()), limit),
            None
        );
        let twice = zlib(&bomb);
        assert_eq!(
            unpacked_len(&stream(&["FlateDecode", "FlateDecode"], twice), limit),
            None
        );
        // Raw deflate behind a broken zlib header: what lopdf would fall back to.
        let raw = [&[0x78, 0x00][..], &bomb[2..]].concat();
        assert_eq!(unpacked_len(&stream(&["FlateDecode"], raw), limit), None);
        assert_eq!(
            unpacked_len(&stream(&["FlateDecode"], bomb), 32 << 20),
            Some(16 << 20)
        );
    }

    #[test]
    fn ascii85_and_lzw_bombs_are_stopped_too() {
        let zs = vec![b'z'; 1 << 20];
        assert_eq!(
            unpacked_len(&stream(&["ASCII85Decode"], zs), 1 << 20),
            None,
            "4 MB of zeros from 1 MB of z"
        );
        let mut lzw = Vec::new();
        weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .into_stream(&mut lzw)
            .encode_all(vec![0u8; 4 << 20].as_slice())
            .status
            .unwrap();
        assert_eq!(unpacked_len(&stream(&["LZWDecode"], lzw), 1 << 20), None);
    }
}
