//! # entente-ingest
//!
//! Stage 1 of the pipeline: turns whatever a user has (raw HTML pages,
//! scraped `.txt` files with site boilerplate, JSONL exports with text or
//! HTML, WARC crawls, gzipped or not, folders of them, stdin) into clean
//! [`Article`]s: main text plus title, authors, date, tags and language.
//!
//! Readers stream: a corpus is read one record at a time, never loaded whole
//! (a WARC record or JSONL line at a time). Bytes are decoded by BOM, HTTP
//! header, `<meta>` charset, then detection ([`charset`]). HTML goes through
//! an [`Extractor`] ([`html`]), scraped text through the line classifier
//! ([`text`]). Every problem is reported as an [`IngestError`] naming the
//! file and the position (line or byte offset), and reading goes on with the
//! next record.
//!
//! **Architecture invariant:** ingest only reads; it knows nothing of NLP,
//! SQL or HTTP. Its output is `entente_core::Article`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use entente_core::Article;

pub mod charset;
pub mod dates;
pub mod eval;
pub mod html;
pub mod lang;
pub mod nesting;
pub mod text;
pub mod urls;
pub mod warc;

pub use html::{extract_html, DomSmoothieExtractor, Extractor};
pub use text::extract_plain_text;

/// Pages larger than this are cut here before extraction (with a warning):
/// no news article needs more, and a runaway page must not stall a run.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// A problem with one input, located by file and position.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// File name.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A JSONL line is not a valid record.
    #[error("{path}:{line}: malformed JSON: {message}")]
    Json {
        /// File name.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The input is unusable at this position (binary, truncated, empty…).
    #[error("{path}:{position}: {message}")]
    Invalid {
        /// File name.
        path: String,
        /// `line N`, `byte N` or `record at byte N`.
        position: String,
        /// What is wrong.
        message: String,
    },
    /// Something was repaired (bytes replaced, a page cut); the article
    /// follows as the next item.
    #[error("{path}:{position}: warning: {message}")]
    Warning {
        /// File name.
        path: String,
        /// Where.
        position: String,
        /// What was done.
        message: String,
    },
}

impl IngestError {
    /// True for repairs that did not lose the article.
    pub fn is_warning(&self) -> bool {
        matches!(self, IngestError::Warning { .. })
    }
    fn invalid(path: &str, position: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError::Invalid {
            path: path.to_string(),
            position: position.into(),
            message: message.into(),
        }
    }
    fn warning(path: &str, position: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError::Warning {
            path: path.to_string(),
            position: position.into(),
            message: message.into(),
        }
    }
}

/// One item an input yields: an article or a located error.
pub type ArticleResult = Result<Article, IngestError>;

/// Lists the files under the given paths (directories are walked, sorted, so
/// runs are reproducible). `-` stands for standard input. A folder reached
/// twice (a symlink loop, or two links to one folder) is read once; a loop
/// is reported once, as a warning.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out, &mut seen);
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(IngestError::Io {
                path: p.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            }));
        }
    }
    out
}

fn walk(
    dir: &Path,
    out: &mut Vec<Result<PathBuf, IngestError>>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    // Folders are known by their canonical path, so a link back to a folder
    // being walked is noticed instead of followed.
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(real.clone()) {
        out.push(Err(IngestError::warning(
            &dir.display().to_string(),
            "folder",
            format!(
                "is {} again (a symbolic link loop?); not read twice",
                real.display()
            ),
        )));
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(IngestError::Io {
                path: dir.display().to_string(),
                source: e,
            }));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, seen);
        } else if is_supported(&p) {
            out.push(Ok(p));
        }
    }
}

/// What a file holds, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Jsonl,
    Warc,
    Html,
    Text,
}

fn format_of(name: &str) -> Option<(Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gz) = match lower.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (lower.as_str(), false),
    };
    let f = if stem.ends_with(".jsonl") || stem.ends_with(".json") || stem.ends_with(".ndjson") {
        Format::Jsonl
    } else if stem.ends_with(".warc") || stem.ends_with(".arc.warc") {
        Format::Warc
    } else if stem.ends_with(".html") || stem.ends_with(".htm") || stem.ends_with(".xhtml") {
        Format::Html
    } else if stem.ends_with(".txt") || stem.ends_with(".text") {
        Format::Text
    } else {
        return None;
    };
    Some((f, gz))
}

/// True for file names the readers understand: `.txt`, `.html`/`.htm`,
/// `.jsonl`/`.json`/`.ndjson`, `.warc`, each optionally gzipped (`.gz`).
pub fn is_supported(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .and_then(format_of)
        .is_some()
}

/// Opens one input and streams its articles. `-` reads JSONL from stdin.
pub fn read_path(path: &Path) -> Box<dyn Iterator<Item = ArticleResult> + Send> {
    let name = path.display().to_string();
    if name == "-" {
        return Box::new(JsonlReader::new(
            "<stdin>".into(),
            Box::new(BufReader::new(std::io::stdin())),
        ));
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Box::new(std::iter::once(Err(IngestError::Io {
                path: name,
                source: e,
            })))
        }
    };
    // Unknown extensions are read as scraped text.
    let (format, gz) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(format_of)
        .unwrap_or((Format::Text, false));
    let reader: Box<dyn Read + Send> = if gz {
        gunzip_reader(file)
    } else {
        Box::new(file)
    };
    match format {
        Format::Jsonl => Box::new(JsonlReader::new(name, Box::new(BufReader::new(reader)))),
        Format::Warc => Box::new(warc::WarcReader::new(
            name,
            Box::new(BufReader::new(reader)),
        )),
        Format::Html | Format::Text => {
            Box::new(read_page(name, reader, format == Format::Html).into_iter())
        }
    }
}

/// Reads at most [`MAX_PAGE_BYTES`] (+1 to know it was more) from `r`.
fn read_capped(r: &mut dyn Read, out: &mut Vec<u8>) -> std::io::Result<bool> {
    r.take(MAX_PAGE_BYTES as u64 + 1).read_to_end(out)?;
    if out.len() > MAX_PAGE_BYTES {
        out.truncate(MAX_PAGE_BYTES);
        // Drain the rest so gzip trailers are still checked? No: a page
        // this large is cut, and what follows is not read.
        return Ok(true);
    }
    Ok(false)
}

/// Checks a page's bytes: empty and binary inputs are errors.
fn check_bytes(name: &str, bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::invalid(name, "byte 0", "empty input"));
    }
    // NUL bytes never occur in text in the encodings we accept (BOM-marked
    // UTF-16 aside).
    if charset::bom_encoding(bytes).is_none() {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(IngestError::invalid(
                name,
                format!("byte {at}"),
                "binary data (NUL byte), not text",
            ));
        }
    }
    Ok(())
}

/// Reads one whole page (HTML or scraped text) and extracts its article, as
/// [`read_path`] does for a `.html` or `.txt` file named `name`. Yields
/// warnings (cut page, invalid bytes) before the article.
pub fn read_page(
    name: String,
    mut reader: Box<dyn Read + Send>,
    is_html: bool,
) -> Vec<ArticleResult> {
    let mut bytes = Vec::new();
    let mut out = Vec::new();
    let cut = match read_capped(&mut reader, &mut bytes) {
        Ok(c) => c,
        Err(e) => {
            return vec![Err(IngestError::invalid(
                &name,
                format!("byte {}", bytes.len()),
                format!("read failed (truncated or corrupt input?): {e}"),
            ))]
        }
    };
    if let Err(e) = check_bytes(&name, &bytes) {
        return vec![Err(e)];
    }
    if cut {
        out.push(Err(IngestError::warning(
            &name,
            format!("byte {MAX_PAGE_BYTES}"),
            format!("page larger than {MAX_PAGE_BYTES} bytes; the rest is ignored"),
        )));
        if !is_html && charset::bom_encoding(&bytes).is_none_or(|e| e == encoding_rs::UTF_8) {
            // A text cut mid-sentence would end its last paragraph without
            // a sentence end, which the text extractor reads as no article
            // (a single 50 MB line lost everything).
            let at = text_cut_point(&bytes);
            bytes.truncate(at);
        }
    }
    let mut warnings = Vec::new();
    let art = extract_bytes(&name, &bytes, is_html, None, None, &mut |e| {
        warnings.push(Err(e))
    });
    out.extend(warnings);
    out.push(art);
    out
}

/// Where to end a text cut at an arbitrary byte: after the last line break
/// in its final tenth, else after the last sentence end (`. ` `? ` `! `)
/// there, else where it was cut.
fn text_cut_point(bytes: &[u8]) -> usize {
    let from = bytes.len() - bytes.len() / 10;
    let tail = &bytes[from..];
    if let Some(i) = tail.iter().rposition(|&b| b == b'\n') {
        return from + i + 1;
    }
    if let Some(i) = tail
        .windows(2)
        .rposition(|w| matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ')
    {
        return from + i + 1;
    }
    bytes.len()
}

/// Decodes and extracts one page; reports invalid UTF-8 as a warning.
pub(crate) fn extract_bytes(
    name: &str,
    bytes: &[u8],
    is_html: bool,
    url: Option<&str>,
    declared_charset: Option<&str>,
    warn: &mut dyn FnMut(IngestError),
) -> ArticleResult {
    let decoded = charset::decode(bytes, declared_charset, is_html);
    if let Some(at) = decoded.first_error {
        warn(IngestError::warning(
            name,
            format!("byte {at}"),
            "invalid UTF-8; bad bytes replaced with U+FFFD",
        ));
    }
    let mut art = if is_html {
        let html = capped_html(name, "byte 0", &decoded.text, warn);
        DomSmoothieExtractor.extract(&html, url)
    } else {
        extract_plain_text(&decoded.text)
    };
    art.source = name.to_string();
    if art.body.trim().is_empty() {
        return Err(IngestError::invalid(
            name,
            "byte 0",
            "no article text found",
        ));
    }
    Ok(art)
}

/// `html` with its nesting capped at [`nesting::MAX_DEPTH`]; a warning says
/// how many tags were dropped.
fn capped_html<'a>(
    name: &str,
    position: &str,
    html: &'a str,
    warn: &mut dyn FnMut(IngestError),
) -> std::borrow::Cow<'a, str> {
    let (html, dropped) = nesting::cap_nesting(html, nesting::MAX_DEPTH);
    if dropped > 0 {
        warn(IngestError::warning(
            name,
            position,
            format!(
                "elements nested deeper than {} levels; {dropped} tags dropped, their text kept",
                nesting::MAX_DEPTH
            ),
        ));
    }
    html
}

/// Wraps a reader in a (multi-member) gzip decoder.
pub fn gunzip_reader<R: Read + Send + 'static>(r: R) -> Box<dyn Read + Send> {
    Box::new(flate2::read::MultiGzDecoder::new(r))
}

/// Streams JSONL records: `{"url","title","date","text"}` (also `body`,
/// `id`, `authors`, `tags`, `language`) taken as clean text, or
/// `{"url","html"}` run through the HTML extractor.
pub struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    done: bool,
    pending: std::collections::VecDeque<ArticleResult>,
}

impl JsonlReader {
    /// Wraps a buffered reader; `name` is used in errors and as `source`.
    pub fn new(name: String, reader: Box<dyn BufRead + Send>) -> JsonlReader {
        JsonlReader {
            name,
            reader,
            line: 0,
            done: false,
            pending: std::collections::VecDeque::new(),
        }
    }
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    text: Option<String>,
    body: Option<String>,
    html: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    language: Option<String>,
    section: Option<String>,
    canonical_url: Option<String>,
}

/// Longest JSONL line read; longer ones are skipped with an error.
const MAX_LINE_BYTES: usize = 4 * MAX_PAGE_BYTES;

impl JsonlReader {
    fn record(&mut self, buf: &[u8]) -> Option<ArticleResult> {
        let position = format!("line {}", self.line);
        let line = match std::str::from_utf8(buf) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(e) => {
                self.pending.push_back(Err(IngestError::warning(
                    &self.name,
                    format!("{position}, byte {}", e.valid_up_to()),
                    "invalid UTF-8; bad bytes replaced with U+FFFD",
                )));
                String::from_utf8_lossy(buf)
            }
        };
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        let rec: JsonArticle = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                return Some(Err(IngestError::Json {
                    path: self.name.clone(),
                    line: self.line,
                    message: e.to_string(),
                }))
            }
        };
        let source = match &rec.id {
            Some(serde_json::Value::String(s)) => format!("{}:{}#{}", self.name, self.line, s),
            Some(serde_json::Value::Number(n)) => format!("{}:{}#{}", self.name, self.line, n),
            _ => format!("{}:{}", self.name, self.line),
        };
        if let Some(html) = rec.html.as_deref().filter(|h| !h.trim().is_empty()) {
            let mut warnings = Vec::new();
            let html = capped_html(&self.name, &position, html, &mut |e| warnings.push(e));
            self.pending.extend(warnings.into_iter().map(Err));
            let mut art = DomSmoothieExtractor.extract(&html, rec.url.as_deref());
            art.source = source;
            // The export's own metadata wins over what the page says.
            art.title = rec.title.or(art.title);
            art.date = rec.date.or(art.date);
            if !rec.authors.is_empty() {
                art.authors = rec.authors;
            }
            if !rec.tags.is_empty() {
                art.tags = rec.tags;
            }
            art.language = rec.language.or(art.language);
            art.section = rec.section.or(art.section);
            art.canonical_url = rec.canonical_url.or(art.canonical_url);
            if art.body.trim().is_empty() {
                return Some(Err(IngestError::invalid(
                    &self.name,
                    position,
                    "no article text found in html",
                )));
            }
            return Some(Ok(art));
        }
        let body = rec.text.or(rec.body).unwrap_or_default();
        Some(Ok(Article {
            source,
            url: rec.url,
            title: rec.title,
            date: rec.date,
            authors: rec.authors,
            tags: rec.tags,
            language: rec.language,
            body,
            notes: Vec::new(),
            section: rec.section,
            canonical_url: rec.canonical_url,
        }))
    }
}

impl Iterator for JsonlReader {
    type Item = ArticleResult;
    fn next(&mut self) -> Option<ArticleResult> {
        let mut buf = Vec::new();
        loop {
            if let Some(p) = self.pending.pop_front() {
                return Some(p);
            }
            if self.done {
                return None;
            }
            buf.clear();
            self.line += 1;
            let read = (&mut self.reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut buf);
            match read {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::invalid(
                        &self.name,
                        format!("line {}", self.line),
                        format!("read failed (truncated or corrupt input?): {e}"),
                    )));
                }
            }
            if buf.len() > MAX_LINE_BYTES && !buf.ends_with(b"\n") {
                // Skip the rest of an oversized line.
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    match (&mut self.reader)
                        .take(1 << 20)
                        .read_until(b'\n', &mut sink)
                    {
                        Ok(0) => break,
                        Ok(_) if sink.ends_with(b"\n") => break,
                        Ok(_) => {}
                        Err(_) => {
                            self.done = true;
                            break;
                        }
                    }
                }
                return Some(Err(IngestError::invalid(
                    &self.name,
                    format!("line {}", self.line),
                    format!("line longer than {MAX_LINE_BYTES} bytes; skipped"),
                )));
            }
            if buf.contains(&0) {
                let at = buf.iter().position(|&b| b == 0).unwrap_or(0);
                return Some(Err(IngestError::invalid(
                    &self.name,
                    format!("line {}, byte {at}", self.line),
                    "binary data (NUL byte), not JSON",
                )));
            }
            if let Some(r) = self.record(&buf) {
                self.pending.push_back(r);
            }
        }
    }
}
