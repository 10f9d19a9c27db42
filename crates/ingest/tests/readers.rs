//! Readers and bad input: every problem is a located error or warning,
//! never a panic, and the rest of the input still goes through.

use std::io::Write;
use std::path::{Path, PathBuf};

use entente_ingest::{read_path, ArticleResult, IngestError};

const PAGE: &str = r#"<html><head><title>Ministers meet in Geneva | Example News</title>
<meta property="og:title" content="Ministers meet in Geneva">
<meta property="article:published_time" content="2014-09-25T10:00:00Z">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva</h1>
<p>The foreign ministers of both countries met in Geneva on Thursday to discuss the stalled negotiations, officials said after the meeting ended late in the evening.</p>
<p>Neither side announced an agreement, but both described the talks as constructive and said they would meet again next month to continue the discussions about trade.</p>
<p>Analysts said the meeting was the most significant contact between the two governments in several years and could lead to a broader settlement of the dispute.</p>
</article><footer>Copyright 2014 Example News. All rights reserved.</footer></body></html>"#;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn collect(p: &Path) -> Vec<ArticleResult> {
    read_path(p).collect()
}

fn warc_record(uri: &str, http: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    h.extend_from_slice(body);
    h
}

fn request_record() -> Vec<u8> {
    let req = b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: request\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: {}\r\n\r\n",
        req.len()
    )
    .into_bytes();
    r.extend_from_slice(req);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn assert_located(e: &IngestError, file: &str, pos: &str) {
    let msg = e.to_string();
    assert!(msg.contains(file), "{msg} should name {file}");
    assert!(msg.contains(pos), "{msg} should give position {pos}");
}

#[test]
fn html_file_gives_article_and_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "page.html", PAGE.as_bytes());
    let items = collect(&p);
    assert_eq!(items.len(), 1);
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.title.as_deref(), Some("Ministers meet in Geneva"));
    assert_eq!(a.date.as_deref(), Some("2014-09-25"));
    assert_eq!(a.authors, vec!["Jane Doe".to_string()]);
    assert_eq!(a.body.split("\n\n").count(), 3, "{}", a.body);
    assert!(!a.body.contains("Home") && !a.body.contains("Copyright"));
}

#[test]
fn warc_stream_with_charset_and_skipped_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin = PAGE.replace("Geneva on Thursday", "Genève on Thursday");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let mut warc = request_record();
    warc.extend(warc_record(
        "http://example.com/a",
        &http("text/html; charset=windows-1252", &bytes),
    ));
    warc.extend(warc_record(
        "http://example.com/logo.png",
        &http("image/png", b"\x89PNG\r\n\x1a\n\0\0"),
    ));
    warc.extend(warc_record(
        "http://example.com/b",
        &http("text/html", PAGE.as_bytes()),
    ));
    for (name, data) in [("crawl.warc", warc.clone()), ("crawl.warc.gz", gzip(&warc))] {
        let p = write(dir.path(), name, &data);
        let items = collect(&p);
        let arts: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
        assert_eq!(arts.len(), 2, "{name}: {items:?}");
        assert!(arts[0].body.contains("Genève"), "charset from HTTP header");
        assert_eq!(arts[0].url.as_deref(), Some("http://example.com/a"));
        assert!(arts[0].source.contains("urn:uuid:http://example.com/a"));
        assert!(items.iter().all(|i| i.is_ok()), "{items:?}");
    }
}

#[test]
fn truncated_warc_reports_record_offset_and_keeps_earlier_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = warc_record("http://example.com/a", &http("text/html", PAGE.as_bytes()));
    let mut warc = first.clone();
    let second = warc_record("http://example.com/b", &http("text/html", PAGE.as_bytes()));
    warc.extend_from_slice(&second[..second.len() / 2]);
    let p = write(dir.path(), "cut.warc", &warc);
    let items = collect(&p);
    assert!(items[0].is_ok());
    let e = items
        .last()
        .and_then(|i| i.as_ref().err())
        .expect("an error at the end");
    assert_located(e, "cut.warc", &format!("record at byte {}", first.len()));
    assert!(e.to_string().contains("truncated"));

    // The same, gzipped and cut mid-stream: an error, not a panic.
    let gz = gzip(&[first.clone(), second.clone()].concat());
    let p = write(dir.path(), "cut.warc.gz", &gz[..gz.len() * 3 / 4]);
    let items = collect(&p);
    let e = items
        .iter()
        .find_map(|i| i.as_ref().err())
        .expect("an error");
    assert_located(e, "cut.warc.gz", "record at byte");
}

#[test]
fn truncated_gzip_jsonl_reports_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut jsonl = String::new();
    for i in 0..200 {
        jsonl.push_str(&format!(
            "{{\"url\":\"http://x/{i}\",\"title\":\"T{i}\",\"date\":\"2014-09-25\",\"text\":\"Body number {i} with some words {}.\"}}\n",
            "filler ".repeat(i % 17 + 20)
        ));
    }
    let gz = gzip(jsonl.as_bytes());
    let p = write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() - 40]);
    let items = collect(&p);
    let ok = items.iter().filter(|i| i.is_ok()).count();
    assert!(ok > 100 && ok < 200, "{ok} records before the cut");
    let e = items
        .last()
        .and_then(|i| i.as_ref().err())
        .expect("error at the cut");
    assert_located(e, "cut.jsonl.gz", &format!("line {}", ok + 1));
}

#[test]
fn binary_and_empty_files_are_located_errors_and_others_still_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = write(dir.path(), "a.txt", b"\x7fELF\x02\x01\x01\0\0\0\0binary");
    let empty_html = write(dir.path(), "b.html", b"");
    let empty_txt = write(dir.path(), "c.txt", b"  \n\n ");
    let good = write(dir.path(), "d.html", PAGE.as_bytes());
    let binary_json = write(
        dir.path(),
        "e.jsonl",
        b"{\"text\":\"ok text\"}\n\0\0\0\x01\x02\n{\"text\":\"more\"}\n",
    );
    let inputs = entente_ingest::expand_inputs(&[dir.path().to_path_buf()]);
    let paths: Vec<PathBuf> = inputs.into_iter().map(|r| r.expect("exists")).collect();
    assert_eq!(
        paths,
        vec![
            bin.clone(),
            empty_html.clone(),
            empty_txt.clone(),
            good.clone(),
            binary_json.clone()
        ]
    );
    let e = collect(&bin).remove(0).expect_err("binary");
    assert_located(&e, "a.txt", "byte 7");
    let e = collect(&empty_html).remove(0).expect_err("empty");
    assert_located(&e, "b.html", "byte 0");
    let e = collect(&empty_txt).remove(0).expect_err("empty");
    assert_located(&e, "c.txt", "byte 0");
    assert!(collect(&good)[0].is_ok());
    let items = collect(&binary_json);
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[2].is_ok());
    assert_located(
        items[1].as_ref().expect_err("binary line"),
        "e.jsonl",
        "line 2",
    );
}

#[test]
fn invalid_utf8_is_a_warning_and_the_article_follows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = PAGE.as_bytes().to_vec();
    // Declared UTF-8 (by default) but one stray Latin-1 byte in the body.
    let meta = b"<meta charset=\"utf-8\">";
    bytes.splice(6..6, meta.iter().copied());
    let at = bytes
        .windows(9)
        .position(|w| w == b"Geneva on")
        .expect("word")
        + 2;
    bytes[at] = 0xE9;
    let p = write(dir.path(), "bad.html", &bytes);
    let items = collect(&p);
    assert_eq!(items.len(), 2, "{items:?}");
    let w = items[0].as_ref().expect_err("warning first");
    assert!(w.is_warning());
    assert_located(w, "bad.html", &format!("byte {at}"));
    assert!(items[1]
        .as_ref()
        .expect("article")
        .body
        .contains('\u{fffd}'));

    let p = write(
        dir.path(),
        "bad.jsonl",
        b"{\"text\":\"caf\xe9 society\"}\n{\"text\":\"fine\"}\n",
    );
    let items = collect(&p);
    assert_eq!(items.len(), 3);
    assert_located(
        items[0].as_ref().expect_err("warning"),
        "bad.jsonl",
        "line 1, byte 12",
    );
    assert!(items[1].as_ref().expect("article").body.starts_with("caf"));
    assert_eq!(items[2].as_ref().expect("article").body, "fine");
}

#[test]
fn fifty_megabyte_page_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut page = String::from("<html><head><title>Big page</title></head><body><article>");
    let para = "<p>The committee met again on Tuesday to review the budget, and members said that the discussion had been long but useful for everyone involved.</p>\n";
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(para);
    }
    page.push_str("</article></body></html>");
    let p = write(dir.path(), "big.html", page.as_bytes());
    let start = std::time::Instant::now();
    let items = collect(&p);
    assert_eq!(items.len(), 2);
    let w = items[0].as_ref().expect_err("warning");
    assert!(w.is_warning());
    assert_located(
        w,
        "big.html",
        &format!("byte {}", entente_ingest::MAX_PAGE_BYTES),
    );
    let a = items[1].as_ref().expect("article");
    assert!(a.body.len() > 1_000_000);
    eprintln!("50 MB page: {:?}", start.elapsed());
}

#[test]
fn jsonl_with_html_runs_the_extractor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rec = serde_json::json!({"url": "http://example.com/2014/09/25/x", "html": PAGE});
    let p = write(dir.path(), "pages.jsonl", format!("{rec}\n").as_bytes());
    let items = collect(&p);
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.title.as_deref(), Some("Ministers meet in Geneva"));
    assert!(a.body.starts_with("The foreign ministers"));
    assert_eq!(a.source, format!("{}:1", p.display()));
}

/// A text page over the size cap, cut mid-word, still yields its article:
/// the cut moves back to a sentence end (a single 50 MB line of text was
/// reported as "no article text found").
#[test]
fn an_over_long_single_line_text_is_cut_at_a_sentence_end() {
    let unit = "Iran condemned the strikes. ";
    let text = unit.repeat(entente_ingest::MAX_PAGE_BYTES / unit.len() + 1000);
    let items = entente_ingest::read_page(
        "big.txt".into(),
        Box::new(std::io::Cursor::new(text)),
        false,
    );
    assert_eq!(items.len(), 2, "a warning then the article");
    let e = items[0].as_ref().unwrap_err();
    assert!(
        e.is_warning() && e.to_string().contains("page larger than"),
        "{e}"
    );
    let art = items[1].as_ref().expect("article");
    assert!(
        art.body.ends_with("strikes."),
        "{:?}",
        &art.body[art.body.len() - 20..]
    );
    assert!(art.body.len() > entente_ingest::MAX_PAGE_BYTES - entente_ingest::MAX_PAGE_BYTES / 10);
}
