//! A stable-toolchain stand-in for fuzzing (issue 19): seed inputs for the
//! HTML, text, JSONL and WARC readers, each fed through its reader as is and
//! in a few hundred deterministic random mutations (bytes flipped, markup
//! and quote characters inserted, nesting repeated, cut short). Passing
//! means no panic, no hang: every input yields articles or located errors.

use std::io::Cursor;

use entente_ingest::{extract_html, extract_plain_text, nesting, warc::WarcReader, JsonlReader};

const HTML: &str = "<html><head><title>Talks</title><meta name=\"date\" content=\"2020-01-02\"></head><body><article><h1>Talks</h1><p>Iran condemned the strikes on Monday, officials said.</p><p>\u{201c}We will respond,\u{201d} he said.</p><ul><li>one<li>two</ul><table><tr><td>a<td>b</table><script>var a = '<div>';</script></article></body></html>";
const TEXT: &str = "Home | World | Sport\n\nIran condemned the strikes\n\nTEHRAN, Jan 2 (Reuters) - Iran condemned the strikes on Monday.\n\n\u{201c}We will respond,\u{201d} he said.\n\nShare this article\n";
const JSONL: &str = "{\"url\":\"http://example.org/a\",\"title\":\"t\",\"date\":\"2020-01-02\",\"text\":\"Iran condemned the strikes.\"}\n{\"url\":\"http://example.org/b\",\"html\":\"<p>Talks went on.</p>\"}\n";
const WARC: &str = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 95\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Iran condemned the strikes.</p></body></html>\r\n\r\n";

const PIECES: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<",
    b">",
    b"</",
    b"<!--",
    b"-->",
    b"\"",
    b"'",
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b"<script>",
    b"<b>",
    b"\n",
    b"\r\n",
    b"{",
    b"}",
    b"\\",
    b"\x00",
    b"\xff",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let p = PIECES[rng.below(PIECES.len())];
                v.splice(at..at, p.iter().copied());
            }
            2 => {
                // A piece repeated: deep nesting, long runs.
                let p = PIECES[rng.below(PIECES.len())];
                let n = 1 + rng.below(2000);
                v.splice(at..at, p.iter().copied().cycle().take(p.len() * n));
            }
            3 => v.truncate(at),
            _ => {
                let end = (at + rng.below(40)).min(v.len());
                v.drain(at..end);
            }
        }
    }
    v
}

fn each_mutation(seed: &str, n: usize, salt: u64, mut f: impl FnMut(&[u8])) {
    f(seed.as_bytes());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ salt);
    for _ in 0..n {
        f(&mutate(seed.as_bytes(), &mut rng));
    }
}

#[test]
fn html_reader_and_nesting_cap() {
    each_mutation(HTML, 3000, 1, |b| {
        let _ = extract_html(b, Some("http://example.org/a"));
        let s = String::from_utf8_lossy(b);
        let (capped, dropped) = nesting::cap_nesting(&s, 8);
        // Only whole tags are removed.
        assert!(capped.len() <= s.len() && (dropped > 0) == (capped.len() < s.len()));
    });
}

#[test]
fn text_reader() {
    each_mutation(TEXT, 3000, 2, |b| {
        let _ = extract_plain_text(&String::from_utf8_lossy(b));
    });
}

#[test]
fn jsonl_reader() {
    each_mutation(JSONL, 3000, 3, |b| {
        let r = JsonlReader::new("m.jsonl".into(), Box::new(Cursor::new(b.to_vec())));
        for item in r.take(100) {
            if let Err(e) = item {
                assert!(e.to_string().starts_with("m.jsonl"), "{e}");
            }
        }
    });
}

#[test]
fn warc_reader() {
    each_mutation(WARC, 3000, 4, |b| {
        let r = WarcReader::new("m.warc".into(), Box::new(Cursor::new(b.to_vec())));
        for item in r.take(100) {
            if let Err(e) = item {
                assert!(e.to_string().starts_with("m.warc"), "{e}");
            }
        }
    });
}
