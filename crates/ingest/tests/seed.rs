//! The seed page: a scraped news article with its site boilerplate.

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(p));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared"))
        .find(|p| p.join("data").is_dir())
}

#[test]
fn seed_page_is_cleaned() {
    let Some(shared) = shared() else {
        eprintln!("../shared not found; skipping");
        return;
    };
    let path = shared.join("seed/iran-west-common-enemy.txt");
    let raw = std::fs::read_to_string(&path).expect("seed page readable");
    let art = entente_ingest::extract_plain_text(&raw);

    assert_eq!(
        art.title.as_deref(),
        Some("Despite their common enemy, Iran and the west continue to disagree")
    );
    let paras: Vec<&str> = art.body.split("\n\n").collect();
    assert_eq!(paras.len(), 7, "body: {:#?}", paras);
    assert!(paras[0].starts_with("In recent months, relations between Iran"));
    assert!(paras[6].starts_with("According to some reports"));
    assert!(paras[6].ends_with("for the time being."));
    // Every body paragraph is a paragraph of the page, whole.
    for p in &paras {
        assert!(raw.contains(p));
    }
    for junk in [
        "Portuguese / Spanish",
        "Middle East Near You",
        "Show Comments",
        "MEMO Conference",
        "views expressed",
        "AmericasBlog",
    ] {
        assert!(
            !art.body.contains(junk),
            "boilerplate {junk:?} left in body"
        );
    }
    assert_eq!(art.notes.len(), 1);
    assert!(art.notes[0].starts_with("The views expressed in this article"));
    for tag in ["Asia & Americas", "Iran", "Middle East", "US"] {
        assert!(
            art.tags.iter().any(|t| t == tag),
            "tag {tag} in {:?}",
            art.tags
        );
    }
    assert_eq!(art.language.as_deref(), Some("en"));

    // The same through the file reader, which names the source.
    let mut it = entente_ingest::read_path(&path);
    let via_file = it.next().expect("one article").expect("no error");
    assert_eq!(via_file.body, art.body);
    assert!(via_file.source.ends_with("iran-west-common-enemy.txt"));
    assert!(it.next().is_none());
}
