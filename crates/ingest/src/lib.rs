//! # entente-ingest
//!
//! Stage 1 of the pipeline: turns whatever a user has (scraped `.txt` files,
//! JSONL exports, gzipped JSONL, folders of them) into clean [`Article`]s.
//!
//! Readers stream: a corpus is read one record at a time, never loaded whole.
//! Every problem is reported as an [`IngestError`] naming the file and the
//! position (line or byte offset), and reading goes on with the next record.
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
pub mod text;

pub use html::{extract_html, DomSmoothieExtractor, Extractor};
pub use text::extract_plain_text;

/// A problem with one input, located by file and position.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: malformed JSON: {message}")]
    Json {
        path: String,
        line: u64,
        message: String,
    },
    #[error("{path}:{position}: {message}")]
    Invalid {
        path: String,
        position: String,
        message: String,
    },
}

/// One item an input yields: an article or a located error.
pub type ArticleResult = Result<Article, IngestError>;

/// Lists the files under the given paths (directories are walked, sorted, so
/// runs are reproducible). `-` stands for standard input.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
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

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, IngestError>>) {
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
            walk(&p, out);
        } else if is_supported(&p) {
            out.push(Ok(p));
        }
    }
}

/// True for file names the readers understand.
pub fn is_supported(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    [".txt", ".jsonl", ".jsonl.gz", ".json", ".html", ".htm"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Wraps a reader in a (multi-member) gzip decoder.
pub fn gunzip_reader<R: Read + Send + 'static>(r: R) -> Box<dyn Read + Send> {
    Box::new(flate2::read::MultiGzDecoder::new(r))
}

/// Opens one input and streams its articles.
pub fn read_path(path: &Path) -> Box<dyn Iterator<Item = ArticleResult> + Send> {
    let name = path.display().to_string();
    let lower = name.to_ascii_lowercase();
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
    if lower.ends_with(".jsonl.gz") {
        let gz = flate2::read::MultiGzDecoder::new(file);
        Box::new(JsonlReader::new(name, Box::new(BufReader::new(gz))))
    } else if lower.ends_with(".jsonl") || lower.ends_with(".json") {
        Box::new(JsonlReader::new(name, Box::new(BufReader::new(file))))
    } else {
        Box::new(std::iter::once(read_text_file(name, file)))
    }
}

fn read_text_file(name: String, mut file: File) -> ArticleResult {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| IngestError::Io {
        path: name.clone(),
        source: e,
    })?;
    if bytes.contains(&0) {
        let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(IngestError::Invalid {
            path: name,
            position: format!("byte {at}"),
            message: "binary data (NUL byte), not text".into(),
        });
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut article = extract_plain_text(&text);
    article.source = name;
    Ok(article)
}

/// Streams JSONL records `{"url","title","date","text"}` (also `body`, `id`).
pub struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    done: bool,
}

impl JsonlReader {
    /// Wraps a buffered reader; `name` is used in errors and as `source`.
    pub fn new(name: String, reader: Box<dyn BufRead + Send>) -> JsonlReader {
        JsonlReader {
            name,
            reader,
            line: 0,
            done: false,
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
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    language: Option<String>,
}

impl Iterator for JsonlReader {
    type Item = ArticleResult;
    fn next(&mut self) -> Option<ArticleResult> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::Invalid {
                        path: self.name.clone(),
                        position: format!("line {}", self.line),
                        message: format!("read failed: {e}"),
                    }));
                }
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim();
            if line.is_empty() {
                continue;
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
            let body = rec.text.or(rec.body).unwrap_or_default();
            let source = match &rec.id {
                Some(serde_json::Value::String(s)) => format!("{}:{}#{}", self.name, self.line, s),
                _ => format!("{}:{}", self.name, self.line),
            };
            return Some(Ok(Article {
                source,
                url: rec.url,
                title: rec.title,
                date: rec.date,
                authors: rec.authors,
                tags: rec.tags,
                language: rec.language,
                body,
                notes: Vec::new(),
            }));
        }
    }
}
