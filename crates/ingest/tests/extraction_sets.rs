//! Extraction quality on the shared dev sets (skipped when ../shared is
//! absent). These guard against regressions; the bars themselves are
//! measured with `entente eval extract` (see the crate README).

use std::io::Read;
use std::path::PathBuf;

use entente_ingest::eval::{Scores, Truth};
use entente_ingest::Extractor;

fn shared() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(p));
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared"))
        .find(|p| p.join("data").is_dir())
}

fn load(set: &str) -> Option<Vec<(Truth, Vec<u8>)>> {
    let dir = shared()?.join("data/extraction").join(set);
    let truth = std::fs::read_to_string(dir.join("truth.jsonl")).ok()?;
    let mut out = Vec::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let t: Truth = serde_json::from_str(line).expect("truth record");
        let f = std::fs::File::open(dir.join("html").join(format!("{}.html.gz", t.id))).ok()?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .ok()?;
        out.push((t, bytes));
    }
    Some(out)
}

#[test]
fn html_extraction_on_scrapinghub_dev() {
    let Some(pages) = load("dev") else {
        eprintln!("shared extraction set not found; skipping");
        return;
    };
    let mut s = Scores::default();
    for (t, bytes) in &pages {
        let text = entente_ingest::charset::decode(bytes, None, true).text;
        let a = entente_ingest::DomSmoothieExtractor.extract(&text, t.url.as_deref());
        s.add(t, &a.body, a.title.as_deref(), None, a.date.as_deref());
    }
    eprintln!(
        "dev html: f1 {:.4} p {:.4} r {:.4}",
        s.f1(),
        s.precision(),
        s.recall()
    );
    assert!(s.f1() >= 0.96, "body F1 {:.4}", s.f1());
}

#[test]
fn plain_text_extraction_on_rendered_dev_pages() {
    let Some(pages) = load("dev") else {
        eprintln!("shared extraction set not found; skipping");
        return;
    };
    let mut s = Scores::default();
    for (t, bytes) in &pages {
        let html = entente_ingest::charset::decode(bytes, None, true).text;
        let text = entente_ingest::html::html_to_text(&html);
        let a = entente_ingest::extract_plain_text(&text);
        s.add(t, &a.body, None, None, None);
    }
    eprintln!(
        "dev as text: f1 {:.4} p {:.4} r {:.4}",
        s.f1(),
        s.precision(),
        s.recall()
    );
    assert!(s.f1() >= 0.88, "plain-text F1 {:.4}", s.f1());
}

#[test]
fn metadata_on_wcxb_dev() {
    let Some(pages) = load("wcxb-articles-dev") else {
        eprintln!("shared extraction set not found; skipping");
        return;
    };
    let mut s = Scores::default();
    for (t, bytes) in &pages {
        let text = entente_ingest::charset::decode(bytes, None, true).text;
        let a = entente_ingest::DomSmoothieExtractor.extract(&text, t.url.as_deref());
        let author = (!a.authors.is_empty()).then(|| a.authors.join(", "));
        s.add(
            t,
            &a.body,
            a.title.as_deref(),
            author.as_deref(),
            a.date.as_deref(),
        );
    }
    let (title, date) = (
        s.title_accuracy().unwrap_or(0.0),
        s.date_accuracy().unwrap_or(0.0),
    );
    eprintln!("wcxb: f1 {:.4} title {title:.4} date {date:.4}", s.f1());
    assert!(s.f1() >= 0.935, "body F1 {:.4}", s.f1());
    assert!(date >= 0.85, "date accuracy {date:.4}");
    assert!(title >= 0.90, "title accuracy {title:.4}");
}
