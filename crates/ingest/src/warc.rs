//! A streaming WARC reader: one record at a time from a (possibly gzipped)
//! stream, so a crawl of any size is never loaded whole. HTML `response`
//! and `resource` records become articles; everything else (requests,
//! metadata, images, redirects) is skipped without being buffered.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use crate::{charset, extract_bytes, ArticleResult, IngestError, MAX_PAGE_BYTES};

/// Streams the HTML pages of a WARC file as articles.
pub struct WarcReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    /// Uncompressed bytes consumed so far.
    offset: u64,
    done: bool,
    pending: VecDeque<ArticleResult>,
}

/// The WARC header fields we use.
#[derive(Default, Debug)]
struct Header {
    kind: String,
    uri: Option<String>,
    id: Option<String>,
    length: Option<u64>,
    content_type: String,
}

impl WarcReader {
    /// Wraps a buffered (already decompressed) reader; `name` names the file.
    pub fn new(name: String, reader: Box<dyn BufRead + Send>) -> WarcReader {
        WarcReader {
            name,
            reader,
            offset: 0,
            done: false,
            pending: VecDeque::new(),
        }
    }

    fn err(&self, at: u64, msg: impl Into<String>) -> IngestError {
        IngestError::Invalid {
            path: self.name.clone(),
            position: format!("record at byte {at}"),
            message: msg.into(),
        }
    }

    /// Reads one line (up to 64 KiB); `None` at end of input.
    fn line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<()>> {
        buf.clear();
        let n = (&mut self.reader).take(65536).read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok((n > 0).then_some(()))
    }

    /// Reads the next record; pushes articles and errors onto `pending`.
    fn step(&mut self) {
        let mut buf = Vec::new();
        // Find the version line, skipping the blank lines between records.
        let start;
        let mut skipped_junk = false;
        loop {
            let at = self.offset;
            match self.line(&mut buf) {
                Ok(None) => {
                    self.done = true;
                    return;
                }
                Ok(Some(())) => {}
                Err(e) => {
                    self.done = true;
                    let err = self.err(
                        at,
                        format!("read failed (truncated or corrupt input?): {e}"),
                    );
                    self.pending.push_back(Err(err));
                    return;
                }
            }
            if buf.starts_with(b"WARC/") {
                start = at;
                break;
            }
            if !buf.iter().all(u8::is_ascii_whitespace) && !skipped_junk {
                skipped_junk = true;
                let err = if buf.contains(&0) || at == 0 {
                    self.err(
                        at,
                        "not a WARC record (no WARC/ version line); skipping to the next record",
                    )
                } else {
                    self.err(
                        at,
                        "unexpected data between records; skipping to the next record",
                    )
                };
                self.pending.push_back(Err(err));
            }
        }
        // Header fields up to the blank line.
        let mut h = Header::default();
        loop {
            match self.line(&mut buf) {
                Ok(Some(())) => {}
                Ok(None) => {
                    self.done = true;
                    let err = self.err(start, "truncated record: input ends inside the header");
                    self.pending.push_back(Err(err));
                    return;
                }
                Err(e) => {
                    self.done = true;
                    let err = self.err(start, format!("read failed inside the header: {e}"));
                    self.pending.push_back(Err(err));
                    return;
                }
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim();
                match k.trim().to_ascii_lowercase().as_str() {
                    "warc-type" => h.kind = v.to_ascii_lowercase(),
                    "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
                    "warc-record-id" => h.id = Some(v.to_string()),
                    "content-length" => h.length = v.parse().ok(),
                    "content-type" => h.content_type = v.to_ascii_lowercase(),
                    _ => {}
                }
            }
        }
        let Some(len) = h.length else {
            // Without a length the record's end is unknown: resynchronise
            // on the next version line.
            let err = self.err(start, "record without a valid Content-Length; skipped");
            self.pending.push_back(Err(err));
            return;
        };
        let wanted = matches!(h.kind.as_str(), "response" | "resource")
            && (h.content_type.contains("http") || h.content_type.contains("html"));
        if !wanted || len > 4 * MAX_PAGE_BYTES as u64 {
            match std::io::copy(&mut (&mut self.reader).take(len), &mut std::io::sink()) {
                Ok(n) => {
                    self.offset += n;
                    if n < len {
                        self.done = true;
                        let err = self.err(start, format!("truncated record: {n} of {len} bytes"));
                        self.pending.push_back(Err(err));
                    } else if wanted {
                        let err =
                            self.err(start, format!("record of {len} bytes too large; skipped"));
                        self.pending.push_back(Err(err));
                    }
                }
                Err(e) => {
                    self.done = true;
                    let err = self.err(start, format!("read failed inside the record: {e}"));
                    self.pending.push_back(Err(err));
                }
            }
            return;
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut self.reader).take(len).read_to_end(&mut block) {
            Ok(n) => {
                self.offset += n as u64;
                if (n as u64) < len {
                    self.done = true;
                    let err = self.err(start, format!("truncated record: {n} of {len} bytes"));
                    self.pending.push_back(Err(err));
                    return;
                }
            }
            Err(e) => {
                self.done = true;
                let err = self.err(start, format!("read failed inside the record: {e}"));
                self.pending.push_back(Err(err));
                return;
            }
        }
        let source = match &h.id {
            Some(id) => format!("{}#{}", self.name, id),
            None => format!("{}@{}", self.name, start),
        };
        let (body, ctype, encoding) = if h.content_type.contains("application/http") {
            match split_http(&block) {
                Some(x) => x,
                None => {
                    let err = self.err(start, "malformed HTTP response in record; skipped");
                    self.pending.push_back(Err(err));
                    return;
                }
            }
        } else {
            (block.as_slice(), h.content_type.clone(), String::new())
        };
        if !(ctype.is_empty() || ctype.contains("html")) {
            return;
        }
        let decoded_body;
        let mut body = body;
        if encoding.contains("gzip") {
            let mut out = Vec::new();
            match flate2::read::MultiGzDecoder::new(body)
                .take(MAX_PAGE_BYTES as u64)
                .read_to_end(&mut out)
            {
                Ok(_) => {
                    decoded_body = out;
                    body = &decoded_body;
                }
                Err(e) => {
                    let err = self.err(start, format!("bad gzip content encoding: {e}"));
                    self.pending.push_back(Err(err));
                    return;
                }
            }
        }
        if body.len() > MAX_PAGE_BYTES {
            self.pending.push_back(Err(IngestError::Warning {
                path: self.name.clone(),
                position: format!("record at byte {start}"),
                message: format!("page larger than {MAX_PAGE_BYTES} bytes; the rest is ignored"),
            }));
            body = &body[..MAX_PAGE_BYTES];
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let declared = charset::charset_from_content_type(&ctype).map(str::to_string);
        let mut warnings = Vec::new();
        let art = extract_bytes(
            &source,
            body,
            true,
            h.uri.as_deref(),
            declared.as_deref(),
            &mut |e| warnings.push(Err(e)),
        );
        self.pending.extend(warnings);
        match art {
            Ok(mut a) => {
                if a.url.is_none() {
                    a.url = h.uri.clone();
                }
                self.pending.push_back(Ok(a));
            }
            Err(e) => self.pending.push_back(Err(e)),
        }
    }
}

/// Splits an HTTP response into body, content type and content encoding;
/// decodes chunked transfer encoding. `None` for non-2xx responses or
/// garbage.
fn split_http(block: &[u8]) -> Option<(&[u8], String, String)> {
    let (head_end, body_start) = find_blank(block)?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?;
    let code: u16 = status.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&code) {
        // Redirects and errors carry no article: an empty non-HTML body.
        return Some((&[], "none".into(), String::new()));
    }
    let mut ctype = String::new();
    let mut enc = String::new();
    // Crawlers store de-chunked bodies (WARC 1.1 recommends it); when one
    // did not, chunk-size lines are small noise for the extractor, so
    // Transfer-Encoding is not undone here.
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = v.trim().to_ascii_lowercase(),
                "content-encoding" => enc = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    Some((&block[body_start..], ctype, enc))
}

fn find_blank(b: &[u8]) -> Option<(usize, usize)> {
    if let Some(i) = b.windows(4).position(|w| w == b"\r\n\r\n") {
        return Some((i, i + 4));
    }
    b.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2))
}

impl Iterator for WarcReader {
    type Item = ArticleResult;
    fn next(&mut self) -> Option<ArticleResult> {
        loop {
            if let Some(p) = self.pending.pop_front() {
                return Some(p);
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }
}
