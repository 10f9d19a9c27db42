//! Test fixtures written through the store's API (no mocks) and a tiny
//! HTTP/1.1 client over std, enough for JSON APIs and WebDriver.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use entente_core::{
    ActorCode, ActorRef, Article, CameoCode, Doc, Event, EventDate, Modality, Quote, QuoteType,
    Sentence, Span,
};

/// Builds a document from sentences (joined by spaces, one paragraph).
pub fn doc(title: &str, url: &str, date: &str, sentences: &[&str]) -> Doc {
    let body = sentences.join(" ");
    let mut d = Doc::new(Article {
        source: url.to_string(),
        url: Some(url.to_string()),
        title: Some(title.to_string()),
        date: Some(date.to_string()),
        body,
        ..Article::default()
    });
    let mut from = d.body_start as usize;
    for s in sentences {
        let start = d.text[from..].find(s).expect("sentence in text") + from;
        d.sentences.push(Sentence {
            span: Span::new(start, start + s.len()),
            token_start: 0,
            token_end: 0,
        });
        from = start + s.len();
    }
    d
}

fn find_in(d: &Doc, sentence: usize, phrase: &str) -> Span {
    let s = d.sentences[sentence].span;
    let text = &d.text[s.start as usize..s.end as usize];
    let at = text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in sentence {sentence}"));
    Span::new(s.start as usize + at, s.start as usize + at + phrase.len())
}

/// Adds a coded event: `(phrase, code)` for source and target, the trigger
/// phrase, a CAMEO code, a Goldstein score and a modality.
#[allow(clippy::too_many_arguments)]
pub fn event(
    d: &mut Doc,
    sentence: usize,
    src: (&str, &str),
    trigger: &str,
    tgt: (&str, &str),
    cameo: &str,
    goldstein: f32,
    modality: Modality,
    date: &str,
) {
    let cameo: CameoCode = cameo.parse().expect("code");
    let e = Event {
        sentence: sentence as u32,
        source: Some(ActorCode::new(src.1)),
        target: Some(ActorCode::new(tgt.1)),
        quad_class: cameo.quad_class(),
        cameo,
        plover_type: None,
        plover_mode: None,
        plover_context: None,
        goldstein,
        modality,
        date: EventDate::parse_iso(date),
        place: None,
        trigger_span: find_in(d, sentence, trigger),
        source_span: Some(find_in(d, sentence, src.0)),
        target_span: Some(find_in(d, sentence, tgt.0)),
        source_mention: None,
        target_mention: None,
        confidence: 0.9,
        rule: "fixture".into(),
    };
    d.events.push(e);
}

/// Adds a direct quote.
pub fn quote(d: &mut Doc, sentence: usize, text: &str, speaker: &str, code: &str) {
    let span = find_in(d, sentence, text);
    d.quotes.push(Quote {
        sentence: sentence as u32,
        quote: text.to_string(),
        quote_spans: vec![span],
        kind: QuoteType::Direct,
        speaker: Some(speaker.to_string()),
        speaker_span: Some(find_in(d, sentence, speaker)),
        speaker_actor: Some(ActorRef {
            name: speaker.to_string(),
            code: Some(ActorCode::new(code)),
        }),
        speaker_mention: None,
        cue: Some("say".into()),
        cue_span: None,
        cue_class: Some("statement".into()),
        anonymous: false,
        anonymous_inferred: None,
        outlet: None,
        hedge: None,
        events: Vec::new(),
    });
}

/// A seed-like article: Iran and the US share an enemy and still quarrel.
pub fn seed_doc() -> Doc {
    let mut d = doc(
        "Despite their common enemy, Iran and the west continue to disagree",
        "https://example.org/iran-west",
        "2014-09-26",
        &[
            "Rouhani has been virulently critical of the militant group ISIS.",
            "The US launched at least 14 airstrikes in Syria at ISIS targets.",
            "Rouhani described the US-led coalition against ISIS as ridiculous.",
            "Khamenei has ruled out cooperating with the US to tackle ISIS.",
            "Rouhani met British Prime Minister David Cameron in New York.",
            "\u{201c}There is a role for nearly every country, including Iran,\u{201d} said John Kerry.",
        ],
    );
    let a = Modality::Asserted;
    event(
        &mut d,
        0,
        ("Rouhani", "IRNGOV"),
        "critical",
        ("ISIS", "IMGMUSISI"),
        "111",
        -2.0,
        a,
        "2014-09-25",
    );
    event(
        &mut d,
        1,
        ("The US", "USA"),
        "launched",
        ("ISIS", "IMGMUSISI"),
        "195",
        -10.0,
        a,
        "2014-09-23",
    );
    event(
        &mut d,
        2,
        ("Rouhani", "IRNGOV"),
        "described",
        ("US", "USA"),
        "111",
        -2.0,
        a,
        "2014-09-19",
    );
    event(
        &mut d,
        3,
        ("Khamenei", "IRNELI"),
        "ruled out",
        ("US", "USA"),
        "128",
        -4.0,
        a,
        "2014-09-25",
    );
    event(
        &mut d,
        4,
        ("Rouhani", "IRNGOV"),
        "met",
        ("David Cameron", "GBRGOV"),
        "040",
        1.0,
        a,
        "2014-09-24",
    );
    quote(
        &mut d,
        5,
        "There is a role for nearly every country, including Iran,",
        "John Kerry",
        "USAGOV",
    );
    d
}

/// A page that tries every trick to run script in the dashboard.
pub const HOSTILE: &str =
    "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> said the US.";

/// A hostile article whose text and title carry markup and script.
pub fn hostile_doc() -> Doc {
    let mut d = doc(
        "<img src=x onerror=\"window.__pwned = 3\">",
        "https://evil.example/<script>",
        "2014-09-27",
        &["Iran condemned the attack. <b>bold</b>", HOSTILE],
    );
    event(
        &mut d,
        0,
        ("Iran", "IRN"),
        "condemned",
        ("<b>bold</b>", "USA"),
        "122",
        -2.0,
        Modality::Asserted,
        "2014-09-27",
    );
    d
}

/// Creates a SQLite store in `dir` holding the fixtures; returns its path.
pub fn fixture_db(dir: &std::path::Path) -> String {
    let path = dir.join("fixture.sqlite").to_string_lossy().into_owned();
    let mut store = entente_store::open(&path).expect("open store");
    store
        .put_docs(&[seed_doc(), hostile_doc()])
        .expect("put docs");
    path
}

/// Runs the bundled example corpus (`examples/`, what `entente demo`
/// stores: the seed article, White House and Wikinews samples) through the
/// standard pipeline into a SQLite store in `dir`; returns its path.
pub fn demo_db(dir: &std::path::Path) -> String {
    use entente_pipeline::{ingest, Pipeline};
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let pipeline = Pipeline::standard().expect("models");
    let mut docs = Vec::new();
    for input in ingest::expand_inputs(&[examples]) {
        let path = input.expect("example file");
        for article in ingest::read_path(&path).flatten() {
            if !article.body.trim().is_empty() {
                docs.push(pipeline.process(article));
            }
        }
    }
    assert!(
        docs.len() > 250,
        "the example corpus has {} documents",
        docs.len()
    );
    let path = dir.join("demo.sqlite").to_string_lossy().into_owned();
    let mut store = entente_store::open(&path).expect("open store");
    for chunk in docs.chunks(64) {
        store.put_docs(chunk).expect("put docs");
    }
    path
}

/// One HTTP/1.1 request; returns status and body.
pub fn http(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = body.unwrap_or("");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).expect("write");
    // Read the head, then exactly Content-Length bytes (servers may keep the
    // connection open despite `Connection: close`), or chunks, or to EOF.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut buf).expect("read");
        assert!(n > 0, "connection closed before the response head");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut rest = raw[head_end + 4..].to_vec();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let body = if let Some(len) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        while rest.len() < len {
            let n = s.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            rest.extend_from_slice(&buf[..n]);
        }
        rest.truncate(len);
        String::from_utf8_lossy(&rest).into_owned()
    } else if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        while !rest.ends_with(b"0\r\n\r\n") {
            let n = s.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            rest.extend_from_slice(&buf[..n]);
        }
        dechunk(&String::from_utf8_lossy(&rest))
    } else {
        s.read_to_end(&mut rest).expect("read");
        String::from_utf8_lossy(&rest).into_owned()
    };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// GET returning parsed JSON.
pub fn get_json(url: &str) -> (u16, serde_json::Value) {
    let (st, body) = http("GET", url, &[], None);
    (
        st,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    )
}
