//! Classes of sentences the codebook (`docs/codebook.md`) decides, coded end
//! to end with the shipped language model, actor knowledge base and
//! dictionaries. Every sentence here was written for this test (none comes
//! from an evaluation set); each test holds one class of sentence.

use std::sync::OnceLock;

use entente_core::{Annotator, Article, Doc, Event, Modality};
use entente_events::{Config, EventCoder};

struct Stages {
    nlp: entente_nlp::Nlp,
    actors: entente_actors::Actors,
}

fn stages() -> &'static Stages {
    static S: OnceLock<Stages> = OnceLock::new();
    S.get_or_init(|| Stages {
        nlp: entente_nlp::Nlp::load().expect("embedded language model"),
        actors: entente_actors::Actors::load().expect("embedded actor base"),
    })
}

/// Codes `text` (dated `date`) with `config`.
fn code_with(text: &str, date: &str, config: Config) -> Vec<Event> {
    let mut doc = Doc::new(Article {
        date: Some(date.into()),
        ..Article::from_text(text, None)
    });
    let st = stages();
    st.nlp.annotate(&mut doc).expect("nlp");
    st.actors.annotate(&mut doc).expect("actors");
    EventCoder::load()
        .expect("embedded dictionaries")
        .with_config(config)
        .annotate(&mut doc)
        .expect("coding");
    doc.events
}

fn code(text: &str) -> Vec<Event> {
    code_with(text, "2020-06-01", Config::default())
}

/// (source, target, code, modality) of each event, for messages.
fn show(ev: &[Event]) -> Vec<(String, String, String, &'static str)> {
    ev.iter()
        .map(|e| {
            (
                e.source.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
                e.target.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
                e.cameo.as_str().to_string(),
                e.modality.as_str(),
            )
        })
        .collect()
}

/// Whether an event has a source starting with `src`, a target starting
/// with `tgt` and a code starting with `code` ("" matches anything).
fn has(ev: &[Event], src: &str, tgt: &str, code: &str) -> bool {
    ev.iter().any(|e| {
        e.source.as_ref().is_some_and(|a| a.0.starts_with(src))
            && e.target.as_ref().is_some_and(|a| a.0.starts_with(tgt))
            && e.cameo.as_str().starts_with(code)
    })
}

fn any_actor(ev: &[Event], prefix: &str) -> bool {
    ev.iter().any(|e| {
        [&e.source, &e.target]
            .into_iter()
            .flatten()
            .any(|a| a.0.starts_with(prefix))
    })
}

#[test]
fn a_place_in_an_opening_phrase_lends_nothing_to_the_main_clause() {
    let ev =
        code("Following Germany's exclusion from the summit in Madrid, Merkel criticised Russia.");
    assert!(has(&ev, "DEU", "RUS", "11"), "{:?}", show(&ev));
    assert!(!any_actor(&ev, "ESP"), "{:?}", show(&ev));
}

#[test]
fn the_topic_of_talks_is_no_actor() {
    let ev = code("Egypt has been excluded from negotiations about the war in Libya.");
    assert!(!any_actor(&ev, "LBY"), "{:?}", show(&ev));
    assert!(
        ev.iter()
            .any(|e| e.target.as_ref().is_some_and(|a| a.0 == "EGY")),
        "{:?}",
        show(&ev)
    );
}

#[test]
fn informing_of_a_plan_is_consultation_not_accusation() {
    let ev =
        code("Japan informed China of its intention to hold naval exercises near the islands.");
    assert!(has(&ev, "JPN", "CHN", "04"), "{:?}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.cameo.as_str().starts_with("11")),
        "{:?}",
        show(&ev)
    );
}

#[test]
fn officials_reporting_their_own_action_are_its_doers() {
    let ev = code("Kenyan police officials said they arrested five al-Shabab fighters.");
    assert!(has(&ev, "KEN", "SOMREB", "17"), "{:?}", show(&ev));
    let ev2 = code("Nigerian army officials said they killed twenty Boko Haram militants.");
    for e in ev.iter().chain(&ev2) {
        let c = e.cameo.as_str();
        assert!(!c.starts_with("11") && c != "015", "{:?}", show(&ev2));
    }
    assert!(
        ev2.iter().any(
            |e| e.source.as_ref().is_some_and(|a| a.0.starts_with("NGA"))
                && e.cameo.as_str().starts_with("1")
        ),
        "{:?}",
        show(&ev2)
    );
}

#[test]
fn a_speaker_reporting_another_partys_attack_accuses_no_one() {
    let ev = code("Afghan officials said Taliban fighters attacked a police checkpoint.");
    assert!(
        !ev.iter().any(|e| e.cameo.as_str() == "112"),
        "{:?}",
        show(&ev)
    );
    // what is reported stands, as a claim
    for e in ev.iter().filter(|e| e.cameo.as_str().starts_with("19")) {
        assert_eq!(e.modality, Modality::Claimed, "{:?}", show(&ev));
    }
}

#[test]
fn the_dead_is_the_target_of_the_killing() {
    let ev = code(
        "A senior Taliban commander is dead, killed in a joint raid by Afghan and American forces.",
    );
    assert!(
        !ev.iter()
            .any(|e| e.source.as_ref().is_some_and(|a| a.0.starts_with("AFGREB"))),
        "{:?}",
        show(&ev)
    );
    assert!(has(&ev, "USAMIL", "AFGREB", "1"), "{:?}", show(&ev));
}

#[test]
fn a_call_between_coordinated_leaders_relates_them() {
    let ev = code("The Chinese president and the Japanese prime minister had a long phone call.");
    assert!(has(&ev, "CHNGOV", "JPNGOV", "04"), "{:?}", show(&ev));
    // the second leader parsed as an apposition of the first
    let ev = code(
        "Kenya's president Uhuru Kenyatta and Uganda's president Yoweri Museveni had a phone call.",
    );
    assert!(has(&ev, "KENGOV", "UGAGOV", "04"), "{:?}", show(&ev));
    let ev = code(
        "France's president Emmanuel Macron and German chancellor Angela Merkel had a long phone call.",
    );
    assert!(has(&ev, "FRAGOV", "DEUGOV", "04"), "{:?}", show(&ev));
}

#[test]
fn ruling_out_cooperation_is_a_rejection() {
    let ev = code("The Russian government ruled out cooperating with NATO.");
    assert!(has(&ev, "RUSGOV", "IGOWSTNAT", "12"), "{:?}", show(&ev));
    assert!(
        !ev.iter()
            .any(|e| matches!(&e.cameo.as_str()[..2], "05" | "06")),
        "{:?}",
        show(&ev)
    );
}

#[test]
fn questions_state_no_event() {
    for s in [
        "Will Russia attack Ukraine again?",
        "Why did the army kill the protesters?",
        "Are the Americans afraid of losing soldiers in the war against the Taliban?",
    ] {
        let ev = code(s);
        assert!(ev.is_empty(), "{s}: {:?}", show(&ev));
    }
}

#[test]
fn numbered_legal_clauses_and_directives_are_no_events() {
    for s in [
        "(ii) The Secretary of Defense shall consult with the Secretary of State.",
        "Sec. 3. The Attorney General shall cooperate with the Department of Homeland Security.",
        "(b) The Secretary of the Treasury shall impose sanctions on any person who supports the regime.",
    ] {
        let ev = code(s);
        assert!(ev.is_empty(), "{s}: {:?}", show(&ev));
    }
}

#[test]
fn natural_disasters_accidents_and_ordinary_crime_are_no_events() {
    for s in [
        "A water main broke in downtown Chicago on Tuesday.",
        "The hotel in Tokyo caught fire.",
        "A strong earthquake injured dozens of people in Turkey.",
        "Wildfires destroyed large areas of forest in Brazil.",
        "A man stabbed his neighbour in London.",
    ] {
        let ev = code(s);
        assert!(ev.is_empty(), "{s}: {:?}", show(&ev));
    }
}

#[test]
fn relevance_is_configurable() {
    let s = "A man stabbed his neighbour in London.";
    let all = code_with(
        s,
        "2020-06-01",
        Config {
            keep_irrelevant: true,
            ..Config::default()
        },
    );
    assert!(!all.is_empty(), "keep_irrelevant keeps the stabbing");
    assert!(code(s).is_empty());
}

#[test]
fn an_expectation_with_no_one_holding_it_is_no_event() {
    let ev =
        code("One of the topics expected to be discussed was the campaign against the Taliban.");
    assert!(
        !ev.iter()
            .any(|e| e.source.is_none() && e.cameo.as_str().starts_with("03")),
        "{:?}",
        show(&ev)
    );
}

#[test]
fn a_place_of_an_attack_is_not_its_target() {
    let ev = code("Gunmen attacked a bus in Kenya, killing six passengers.");
    assert!(
        !ev.iter()
            .any(|e| e.target.as_ref().is_some_and(|a| a.0 == "KEN")),
        "{:?}",
        show(&ev)
    );
}

#[test]
fn the_learned_decision_scores_and_thresholds_events() {
    let s = "Russia condemned the sanctions imposed by the European Union. \
             The Russian foreign minister said the decision was a mistake.";
    let all = code_with(
        s,
        "2020-06-01",
        Config {
            min_confidence: 0.0,
            ..Config::default()
        },
    );
    assert!(!all.is_empty());
    for e in &all {
        assert!(e.confidence > 0.0 && e.confidence < 1.0, "{}", e.confidence);
    }
    // a higher threshold keeps exactly the events scored at least that
    let min = all.iter().map(|e| e.confidence).fold(1.0f32, f32::min) + 1e-6;
    let kept = code_with(
        s,
        "2020-06-01",
        Config {
            min_confidence: min,
            ..Config::default()
        },
    );
    assert_eq!(
        kept.len(),
        all.iter().filter(|e| e.confidence >= min).count()
    );
    assert!(kept.len() < all.len());
}

#[test]
fn an_agent_with_no_country_belongs_to_the_articles_country() {
    let text = "Kenyan troops attacked militants near the Somali border on Monday. \
                Kenya's defence ministry said the militants had crossed from Somalia. \
                Kenyan officials said the operation would continue.";
    let ev = code_with(
        text,
        "2020-06-01",
        Config {
            min_confidence: 0.0,
            ..Config::default()
        },
    );
    assert!(has(&ev, "KENMIL", "KENREB", "19"), "{:?}", show(&ev));
    assert!(!any_actor(&ev, "---"), "{:?}", show(&ev));
}

#[test]
fn tariffs_imposed_on_a_country_are_sanctions() {
    for s in [
        "The United States imposed new tariffs on Chinese steel.",
        "China levied duties on Australian wine.",
    ] {
        let ev = code_with(
            s,
            "2020-06-01",
            Config {
                min_confidence: 0.0,
                ..Config::default()
            },
        );
        assert!(
            ev.iter().any(|e| e.cameo.as_str() == "163"),
            "{s}: {:?}",
            show(&ev)
        );
        assert!(
            !ev.iter().any(|e| e.cameo.as_str() == "170"),
            "{s}: {:?}",
            show(&ev)
        );
    }
}
