//! Importing the real Phoenix dictionaries (from ../shared when present).

mod common;

use chrono::NaiveDate;
use entente_actors::KnowledgeBase;

#[test]
fn imports_phoenix_dictionaries() {
    let Some(shared) = common::shared() else {
        eprintln!("shared data not found: skipped");
        return;
    };
    let dir = shared.join("data/petrarch-dictionaries/phoenix");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let countries = read("Phoenix.Countries.actors.txt");
    let intl = read("Phoenix.International.actors.txt");
    let agents = read("Phoenix.agents.txt");
    let mut kb = KnowledgeBase::from_petrarch(&[&countries, &intl], &[&agents]).unwrap();
    kb.load_petrarch_discards(&read("Phoenix.discards.txt"));
    assert!(kb.actors().len() > 10_000, "{} actors", kb.actors().len());
    assert!(kb.agents().len() > 2_000, "{} agents", kb.agents().len());
    assert!(kb.discards().len() > 400);
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    // JOHN_KERRY_: [USAGOVLEG 850103-130201] then [USAGOV >130201].
    assert_eq!(
        kb.lookup("John Kerry", d("2010-01-01"))
            .unwrap()
            .code
            .unwrap()
            .as_str(),
        "USAGOVLEG"
    );
    assert_eq!(
        kb.lookup("John Kerry", d("2014-01-01"))
            .unwrap()
            .code
            .unwrap()
            .as_str(),
        "USAGOV"
    );
    assert_eq!(
        kb.lookup("Afghanistan", None)
            .unwrap()
            .code
            .unwrap()
            .as_str(),
        "AFG"
    );
    assert_eq!(
        kb.lookup("UN", None).unwrap().code.unwrap().as_str(),
        "IGOUNO"
    );
    // Every skipped line is reported, not silently dropped.
    for w in kb.warnings() {
        assert!(w.contains("line"), "{w}");
    }
}
