//! `entente parse` runs from a directory with no `shared/` anywhere above it:
//! the models are embedded in the binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn run_in_tmp(args: &[&str], stdin: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("ENTENTE_SHARED")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("waits");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn rows(conllu: &str) -> Vec<Vec<String>> {
    conllu
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn parses_text_without_shared_data() {
    let out = run_in_tmp(
        &["parse"],
        "The minister said Iran won't negotiate. Talks resumed.\n",
    );
    let r = rows(&out);
    assert_eq!(out.matches("# text = ").count(), 2);
    assert!(r.iter().all(|c| c.len() == 10));
    let forms: Vec<&str> = r.iter().map(|c| c[1].as_str()).collect();
    assert_eq!(
        forms[..7],
        ["The", "minister", "said", "Iran", "wo", "n't", "negotiate"]
    );
    let said = &r[2];
    assert_eq!(
        (said[2].as_str(), said[7].as_str(), said[6].as_str()),
        ("say", "root", "0")
    );
    assert_eq!(r[1][7], "nsubj");
}

#[test]
fn reannotates_conllu_keeping_tokens() {
    let gold = "# text = Sanctions hurt.\n1\tSanctions\t_\t_\t_\t_\t_\t_\t_\t_\n2\thurt\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = run_in_tmp(&["parse", "--conllu"], gold);
    let r = rows(&out);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0][1], "Sanctions");
    assert_eq!(r[0][7], "nsubj");
    assert_eq!(r[1][6], "0");
    assert_eq!(r[2][3], "PUNCT");
    assert!(out.contains("# text = Sanctions hurt."));
}

/// `entente extract` writes one JSONL row per page with the metadata fields
/// (section and canonical URL included) and the body without the boilerplate.
#[test]
fn extract_writes_metadata_and_clean_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<!doctype html><html lang="en"><head>
<title>Iran and the West still disagree | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:section" content="Middle East">
<meta property="article:published_time" content="2014-09-25T10:00:00Z">
<meta property="og:url" content="https://news.example.com/2014/09/25/iran-west?utm_source=rss">
<link rel="canonical" href="/middle-east/iran-west">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Iran and the West still disagree</h1>
<p>Iran's president Hassan Rouhani criticised the US-led coalition on Thursday, saying the air strikes in Syria were illegal without the consent of its government.</p>
<p>British officials said they would not coordinate military action with Tehran, although both countries regard the Islamic State group as an enemy.</p>
<p>Diplomats expect further talks on the nuclear programme in New York next month, where the two sides are due to meet again.</p>
</article>
<footer>Copyright Example News. All rights reserved. Show Comments</footer>
</body></html>"#,
    )
    .expect("writes page");
    let out = Command::new(env!("CARGO_BIN_EXE_entente"))
        .arg("extract")
        .arg(&page)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["title"], "Iran and the West still disagree");
    assert_eq!(r["section"], "Middle East");
    assert_eq!(r["date"].as_str().map(|d| &d[..10]), Some("2014-09-25"));
    // The relative canonical link resolves against the page's og:url.
    assert_eq!(
        r["canonical_url"],
        "https://news.example.com/middle-east/iran-west"
    );
    let body = r["body"].as_str().expect("body");
    assert!(body.contains("Rouhani criticised the US-led coalition"));
    assert!(body.contains("further talks on the nuclear programme"));
    assert!(!body.contains("All rights reserved"));
    assert!(!body.contains("Sport"));
}
