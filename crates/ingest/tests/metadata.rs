//! Page metadata on small synthetic pages: headline choice, section and
//! canonical URL.

use entente_core::Article;
use entente_ingest::{read_path, DomSmoothieExtractor, Extractor};

const BODY: &str = "<p>The foreign ministers of both countries met in Geneva on Thursday to discuss the stalled negotiations, officials said after the meeting ended late in the evening.</p>
<p>Neither side announced an agreement, but both described the talks as constructive and said they would meet again next month to continue the discussions about trade.</p>
<p>Analysts said the meeting was the most significant contact between the two governments in several years and could lead to a broader settlement of the dispute.</p>";

/// A page with `head` inside `<head>` and `top` before the article body.
fn page(head: &str, top: &str) -> String {
    format!("<html><head>{head}</head><body>{top}<article>{BODY}</article></body></html>")
}

fn extract(html: &str, url: &str) -> Article {
    DomSmoothieExtractor.extract(html, Some(url))
}

// ------------------------------------------------------------------ titles

#[test]
fn date_printed_inside_the_h1_is_not_part_of_the_title() {
    let html = page(
        "<title>Talks resume in Geneva | A blog</title>",
        "<h1><a href=\"/talks\"><time datetime=\"2025-12-18\">Dec 18 2025</time> Talks resume in Geneva</a></h1>",
    );
    let a = extract(&html, "https://blog.example.org/talks");
    assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
    // The date is still read from the <time> element.
    assert_eq!(a.date.as_deref(), Some("2025-12-18"));
}

#[test]
fn host_name_is_a_site_name_in_titles_and_headings() {
    // A logo <h1> naming the host, and the host glued before the headline
    // in <title> with no separator.
    let html = page(
        "<title>example.org Talks resume in Geneva</title>",
        "<h1><a href=\"/\">example.org</a></h1>",
    );
    let a = extract(&html, "https://www.example.org/2025/talks");
    assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));

    // The host's name written out ("Example Daily" on exampledaily.com),
    // and everything before the headline naming the site.
    let html = page(
        "<title>Example Daily | ExampleDaily.com - Talks resume in Geneva after long pause</title>",
        "",
    );
    let a = extract(&html, "https://exampledaily.com/features/talks");
    assert_eq!(
        a.title.as_deref(),
        Some("Talks resume in Geneva after long pause")
    );

    // A site name in the middle of a headline is not stripped.
    let html = page(
        "<title>How to restore old furniture | Example Daily - Restoration shop in Littleton CO</title>",
        "<h1>How to restore old furniture</h1>",
    );
    let a = extract(&html, "https://exampledaily.com/blog/restore");
    assert_eq!(a.title.as_deref(), Some("How to restore old furniture"));
}

#[test]
fn metadata_title_replaces_a_heading_with_lost_characters() {
    let html = page(
        "<meta property=\"og:title\" content=\"Event Planning: A Beginner&#x27;s Guide\">",
        "<h1>Event Planning? A Beginner? Guide</h1>",
    );
    let a = extract(&html, "https://example.org/blog/event-planning");
    assert_eq!(
        a.title.as_deref(),
        Some("Event Planning: A Beginner's Guide")
    );

    // A real question in the heading stays.
    let html = page(
        "<meta property=\"og:title\" content=\"Will the talks resume? Ministers meet\">",
        "<h1>Will the talks resume this week? Ministers meet</h1>",
    );
    let a = extract(&html, "https://example.org/world/talks");
    assert_eq!(
        a.title.as_deref(),
        Some("Will the talks resume this week? Ministers meet")
    );
}

#[test]
fn agreeing_social_and_document_titles_beat_an_unrelated_banner_heading() {
    let html = format!(
        "<html><head><title>Ministers meet in Geneva to restart trade talks | Example News</title>\
         <meta property=\"og:title\" content=\"Ministers meet in Geneva to restart trade talks\"></head>\
         <body><main><h1>Subscribe today for unlimited access</h1><article>{BODY}</article></main></body></html>"
    );
    let a = extract(&html, "https://news.example.org/world/geneva");
    assert_eq!(
        a.title.as_deref(),
        Some("Ministers meet in Geneva to restart trade talks")
    );

    // An article <h1> that shares the headline's words stays the title.
    let html = format!(
        "<html><head><title>Geneva talks: ministers meet | Example News</title>\
         <meta property=\"og:title\" content=\"Geneva talks: ministers meet\"></head>\
         <body><main><h1>Ministers meet in Geneva as talks restart</h1><article>{BODY}</article></main></body></html>"
    );
    let a = extract(&html, "https://news.example.org/world/geneva");
    assert_eq!(
        a.title.as_deref(),
        Some("Ministers meet in Geneva as talks restart")
    );
}

// ----------------------------------------------------------------- section

#[test]
fn section_from_meta_and_json_ld() {
    let html = page(
        "<meta property=\"article:section\" content=\"World\">\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleSection\":\"Politics\"}</script>",
        "<h1>Ministers meet in Geneva</h1>",
    );
    let a = extract(&html, "https://example.org/news/geneva");
    assert_eq!(a.section.as_deref(), Some("World"));
    // Section is still among the tags, as before.
    assert!(a.tags.iter().any(|t| t == "World"));

    let html = page(
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ministers meet in Geneva\",\
         \"articleSection\":[\"Business\",\"Trade\"]}</script>",
        "",
    );
    let a = extract(&html, "https://example.org/x/geneva");
    assert_eq!(a.section.as_deref(), Some("Business"));
}

#[test]
fn section_from_breadcrumbs() {
    // JSON-LD trail: home and the article itself are not the section.
    let html = page(
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[\
         {\"@type\":\"NewsArticle\",\"headline\":\"Ministers meet in Geneva\"},\
         {\"@type\":\"BreadcrumbList\",\"itemListElement\":[\
           {\"@type\":\"ListItem\",\"position\":3,\"name\":\"Ministers meet in Geneva\"},\
           {\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\"},\
           {\"@type\":\"ListItem\",\"position\":2,\"item\":{\"name\":\"Europe\"}}]}]}</script>",
        "<h1>Ministers meet in Geneva</h1>",
    );
    let a = extract(&html, "https://example.org/p/123");
    assert_eq!(a.section.as_deref(), Some("Europe"));

    // Markup trail, with the site's own name first.
    let html = page(
        "<meta property=\"og:site_name\" content=\"Example News\">",
        "<nav aria-label=\"Breadcrumb\"><a href=\"/\">Example News</a> › <a href=\"/world\">World</a> › \
         <a href=\"/world/europe\">Europe</a></nav><h1>Ministers meet in Geneva</h1>",
    );
    let a = extract(&html, "https://example.org/p/123");
    assert_eq!(a.section.as_deref(), Some("Europe"));
}

#[test]
fn section_from_url_path_only_when_clear() {
    let html = page("<title>Ministers meet in Geneva</title>", "");
    let a = extract(
        &html,
        "https://example.org/en-gb/sport/2025/12/18/geneva-talks",
    );
    assert_eq!(a.section.as_deref(), Some("sport"));
    let a = extract(&html, "https://example.org/2025/12/18/geneva-talks");
    assert_eq!(a.section, None);
    let a = extract(&html, "https://example.org/geneva-talks");
    assert_eq!(a.section, None);
}

// ----------------------------------------------------------- canonical URL

#[test]
fn canonical_url_is_absolute() {
    let html = page(
        "<link rel=\"canonical\" href=\"/world/geneva-talks\">\
         <meta property=\"og:url\" content=\"https://other.example.org/x\">",
        "<h1>Ministers meet in Geneva</h1>",
    );
    let a = extract(&html, "https://example.org/amp/world/geneva-talks?utm=1");
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://example.org/world/geneva-talks")
    );
    // The address the page was fetched from stays the article's URL.
    assert_eq!(
        a.url.as_deref(),
        Some("https://example.org/amp/world/geneva-talks?utm=1")
    );

    // og:url when there is no link; nothing when there is neither.
    let html = page(
        "<meta property=\"og:url\" content=\"https://example.org/world/geneva\">",
        "",
    );
    let a = extract(&html, "https://example.org/world/geneva?ref=home");
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://example.org/world/geneva")
    );
    let a = extract(&page("", ""), "https://example.org/world/geneva");
    assert_eq!(a.canonical_url, None);

    // A relative link with no page address cannot be resolved.
    let html = page("<link rel=\"canonical\" href=\"/world/geneva\">", "");
    let a = DomSmoothieExtractor.extract(&html, None);
    assert_eq!(a.canonical_url, None);
}

// ------------------------------------------------------------------- JSONL

#[test]
fn old_jsonl_without_the_new_fields_still_reads() {
    let old = r#"{"source":"a.txt","url":null,"title":"T","date":null,"authors":[],"tags":[],"language":"en","body":"Text."}"#;
    let a: Article = serde_json::from_str(old).expect("old article JSON");
    assert_eq!(a.section, None);
    assert_eq!(a.canonical_url, None);
    // And absent fields are not written back.
    let back = serde_json::to_string(&a).expect("serialise");
    assert!(!back.contains("section") && !back.contains("canonical_url"));

    let with = Article {
        section: Some("World".into()),
        canonical_url: Some("https://example.org/a".into()),
        ..a
    };
    let round: Article =
        serde_json::from_str(&serde_json::to_string(&with).expect("serialise")).expect("parse");
    assert_eq!(round, with);
}

#[test]
fn jsonl_export_fields_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.jsonl");
    let rec = serde_json::json!({
        "url": "https://example.org/a", "text": "Ministers met.",
        "section": "World", "canonical_url": "https://example.org/world/a"
    });
    std::fs::write(&p, format!("{rec}\n")).expect("write");
    let items: Vec<_> = read_path(&p).collect();
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.section.as_deref(), Some("World"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://example.org/world/a")
    );
}
