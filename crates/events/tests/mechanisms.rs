//! The coder's mechanisms on hand-parsed sentences with hand-placed actor
//! mentions (so these tests do not depend on the parser or the actor
//! matcher): dyads through the parse, nominal triggers, verb + governed verb,
//! modality, places and dates.

mod common;

use common::{code, coded, doc, dyad};
use entente_core::{Annotator, DatePrecision, Modality};
use entente_events::EventCoder;

#[test]
fn negated_cooperation() {
    let mut d = doc(
        "1 Washington Washington PROPN NNP 5 nsubj
         2 wo will AUX MD 5 aux SpaceAfter=No
         3 n't not PART RB 5 advmod
         4 be be AUX VB 5 aux
         5 coordinating coordinate VERB VBG 0 root
         6 military military ADJ JJ 7 amod
         7 action action NOUN NN 5 obj
         8 with with ADP IN 9 case
         9 Iran Iran PROPN NNP 5 obl SpaceAfter=No
         10 . . PUNCT . 5 punct",
        Some("2014-09-25"),
        &[(0, 1, "USA"), (8, 9, "IRN")],
    );
    let ev = code(&mut d);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(dyad(&ev[0]), ("USA".into(), "IRN".into()));
    assert_eq!(ev[0].cameo.root(), 5);
    assert_eq!(ev[0].modality, Modality::Negated);
    assert_eq!(d.slice(ev[0].trigger_span), "coordinating");
    assert!(ev[0].rule.contains("COORDINATE"), "{}", ev[0].rule);
}

#[test]
fn conditional_offer() {
    let mut d = doc(
        "1 Tehran Tehran PROPN NNP 3 nsubj
         2 would would AUX MD 3 aux
         3 work work VERB VB 0 root
         4 with with ADP IN 6 case
         5 western western ADJ JJ 6 amod
         6 powers power NOUN NNS 3 obl
         7 against against ADP IN 8 case
         8 ISIS ISIS PROPN NNP 3 obl
         9 in in ADP IN 10 case
         10 return return NOUN NN 3 obl
         11 for for ADP IN 12 case
         12 concessions concession NOUN NNS 10 nmod SpaceAfter=No
         13 . . PUNCT . 3 punct",
        None,
        &[(0, 1, "IRNGOV"), (4, 6, "WST"), (7, 8, "IMGMUSISI")],
    );
    let ev = code(&mut d);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(dyad(&ev[0]), ("IRNGOV".into(), "WST".into()));
    assert_eq!(ev[0].modality, Modality::Conditional);
    // a conditional offer of cooperation is a PLOVER AGREE (mode: what is offered)
    assert_eq!(ev[0].cameo.root(), 6);
    assert_eq!(ev[0].plover_type.as_deref(), Some("AGREE"));
    assert_eq!(ev[0].plover_mode.as_deref(), Some("cooperate"));
    // no article date: no date
    assert!(ev[0].date.is_none());
}

#[test]
fn expected_exploration_and_dates() {
    let lines = "1 Cameron Cameron PROPN NNP 3 nsubj:pass
         2 was be AUX VBD 3 aux:pass
         3 expected expect VERB VBN 0 root
         4 to to PART TO 5 mark
         5 explore explore VERB VB 3 xcomp
         6 options option NOUN NNS 5 obj
         7 for for ADP IN 8 case
         8 Iran Iran PROPN NNP 6 nmod
         9 last last ADJ JJ 10 amod
         10 week week NOUN NN 5 obl:tmod SpaceAfter=No
         11 . . PUNCT . 3 punct";
    let mentions = [(0, 1, "GBRGOV"), (7, 8, "IRN")];
    let mut d = doc(lines, Some("2014-09-25"), &mentions);
    let ev = code(&mut d);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(dyad(&ev[0]), ("GBRGOV".into(), "IRN".into()));
    assert_eq!(ev[0].modality, Modality::Expected);
    let date = ev[0].date.expect("dated from the article");
    assert_eq!(date.to_string(), "2014-09-15");
    assert_eq!(date.precision, DatePrecision::Week);
    let mut undated = doc(lines, None, &mentions);
    assert!(code(&mut undated).iter().all(|e| e.date.is_none()));
}

#[test]
fn phone_call_is_reciprocal() {
    let mut d = doc(
        "1 Rouhani Rouhani PROPN NNP 4 nsubj
         2 and and CCONJ CC 3 cc
         3 Obama Obama PROPN NNP 1 conj
         4 had have VERB VBD 0 root
         5 a a DET DT 9 det
         6 historic historic ADJ JJ 9 amod
         7 direct direct ADJ JJ 9 amod
         8 phone phone NOUN NN 9 compound
         9 call call NOUN NN 4 obj SpaceAfter=No
         10 . . PUNCT . 4 punct",
        Some("2014-09-25"),
        &[(0, 1, "IRNGOV"), (2, 3, "USAGOV")],
    );
    let ev = code(&mut d);
    let mut dyads: Vec<_> = ev.iter().map(dyad).collect();
    dyads.sort();
    assert_eq!(
        dyads,
        vec![
            ("IRNGOV".into(), "USAGOV".into()),
            ("USAGOV".into(), "IRNGOV".into())
        ]
    );
    assert!(ev
        .iter()
        .all(|e| e.cameo.as_str() == "041" && e.plover_type.as_deref() == Some("CONSULT")));
}

#[test]
fn airstrikes_with_place() {
    let mut d = doc(
        "1 The the DET DT 2 det
         2 US US PROPN NNP 3 nsubj
         3 launched launch VERB VBD 0 root
         4 14 14 NUM CD 5 nummod
         5 airstrikes airstrike NOUN NNS 3 obj
         6 in in ADP IN 7 case
         7 Syria Syria PROPN NNP 3 obl
         8 at at ADP IN 10 case
         9 ISIS ISIS PROPN NNP 10 compound
         10 targets target NOUN NNS 3 obl SpaceAfter=No
         11 . . PUNCT . 3 punct",
        Some("2014-09-25"),
        &[(1, 2, "USA"), (6, 7, "SYR"), (8, 9, "IMGMUSISI")],
    );
    let ev = code(&mut d);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(dyad(&ev[0]), ("USA".into(), "IMGMUSISI".into()));
    assert_eq!(ev[0].cameo.as_str(), "195");
    assert_eq!(ev[0].place.as_deref(), Some("Syria"));
    assert!(ev[0].goldstein < -5.0);
    assert_eq!(ev[0].quad_class.as_u8(), 4);
    assert_eq!(ev[0].modality, Modality::Asserted);
}

#[test]
fn ruling_out_cooperation_is_a_rejection() {
    let mut d = doc(
        "1 Khamenei Khamenei PROPN NNP 3 nsubj
         2 has have AUX VBZ 3 aux
         3 ruled rule VERB VBN 0 root
         4 out out ADP RP 3 compound:prt
         5 cooperating cooperate VERB VBG 3 xcomp
         6 with with ADP IN 8 case
         7 the the DET DT 8 det
         8 US US PROPN NNP 5 obl SpaceAfter=No
         9 . . PUNCT . 3 punct",
        Some("2014-09-25"),
        &[(0, 1, "IRNGOV"), (7, 8, "USA")],
    );
    let ev = code(&mut d);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(dyad(&ev[0]), ("IRNGOV".into(), "USA".into()));
    assert_eq!(ev[0].cameo.root(), 12);
    assert_eq!(ev[0].plover_type.as_deref(), Some("REJECT"));
}

#[test]
fn petrarch_dictionary_text_is_accepted() {
    let verbs = "--- RESTORE [050] ---\nRESTORE\n- * {DIPLOMATIC TIES} (WITH +) [064]\n";
    let coder = EventCoder::from_petrarch_verbs(verbs).expect("reads");
    let mut d = doc(
        "1 Arnor Arnor PROPN NNP 2 nsubj
         2 restored restore VERB VBD 0 root
         3 diplomatic diplomatic ADJ JJ 4 amod
         4 ties tie NOUN NNS 2 obj
         5 with with ADP IN 6 case
         6 Gondor Gondor PROPN NNP 4 nmod",
        None,
        &[(0, 1, "ARN"), (5, 6, "GON")],
    );
    let coded = coder.code(&d);
    assert_eq!(coded.len(), 1, "{coded:?}");
    assert_eq!(coded[0].code, "064");
    coder.annotate(&mut d).expect("annotates");
    assert_eq!(d.events[0].plover_type.as_deref(), Some("COOPERATE"));
    assert!(EventCoder::from_petrarch_verbs("no blocks here").is_err());
}

#[test]
fn adjectival_predicate_critical_of() {
    let mut d = doc(
        "1 Rouhani Rouhani PROPN NNP 5 nsubj
         2 has have AUX VBZ 5 aux
         3 been be AUX VBN 5 cop
         4 virulently virulently ADV RB 5 advmod
         5 critical critical ADJ JJ 0 root
         6 of of ADP IN 8 case
         7 the the DET DT 8 det
         8 group group NOUN NN 5 obl SpaceAfter=No
         9 . . PUNCT . 5 punct",
        None,
        &[(0, 1, "IRNGOV"), (6, 8, "IMGMUSISI")],
    );
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("IRNGOV".into(), "IMGMUSISI".into())
                && e.cameo.as_str().starts_with("11")),
        "{ev:?}"
    );
}

#[test]
fn meeting_venue_is_a_place_not_a_target() {
    let mut d = doc(
        "1 Iran Iran PROPN NNP 3 nsubj
         2 will will AUX MD 3 aux
         3 attend attend VERB VB 0 root
         4 talks talk NOUN NNS 3 obj
         5 in in ADP IN 6 case
         6 Paris Paris PROPN NNP 3 obl SpaceAfter=No
         7 . . PUNCT . 3 punct",
        None,
        &[(0, 1, "IRN"), (5, 6, "FRA")],
    );
    let ev = code(&mut d);
    assert!(!ev.is_empty());
    for e in &ev {
        assert_ne!(
            e.target.as_ref().map(|a| a.0.as_str()),
            Some("FRA"),
            "{e:?}"
        );
        assert_ne!(
            e.source.as_ref().map(|a| a.0.as_str()),
            Some("FRA"),
            "{e:?}"
        );
    }
}

#[test]
fn agent_distributes_over_coordinated_countries() {
    let mut d = doc(
        "1 US US PROPN NNP 4 compound
         2 and and CCONJ CC 3 cc
         3 British British ADJ JJ 1 conj
         4 activists activist NOUN NNS 5 nsubj
         5 protested protest VERB VBD 0 root
         6 against against ADP IN 7 case
         7 China China PROPN NNP 5 obl SpaceAfter=No
         8 . . PUNCT . 5 punct",
        None,
        &[(0, 1, "USA"), (2, 4, "GBROPP"), (6, 7, "CHN")],
    );
    let ev = code(&mut d);
    let dyads: Vec<_> = ev.iter().map(dyad).collect();
    assert!(dyads.contains(&("USAOPP".into(), "CHN".into())), "{ev:?}");
    assert!(dyads.contains(&("GBROPP".into(), "CHN".into())), "{ev:?}");
}

#[test]
fn two_subjects_split_by_a_conjunction_are_coordinated() {
    // Parser error: both "US" and "Switzerland" attached as subjects of
    // "met", "Russia" as a compound of "US" across a comma.
    let lines = "1 The the DET DT 2 det
         2 US US PROPN NNP 8 nsubj SpaceAfter=No
         3 , , PUNCT , 4 punct
         4 Russia Russia PROPN NNP 2 compound SpaceAfter=No
         5 , , PUNCT , 8 punct
         6 and and CCONJ CC 8 cc
         7 Switzerland Switzerland PROPN NNP 8 nsubj
         8 met meet VERB VBD 0 root
         9 yesterday yesterday NOUN NN 8 obl:tmod";
    let mut d = doc(lines, None, &[(1, 2, "USA"), (3, 4, "RUS"), (6, 7, "CHE")]);
    let ev = code(&mut d);
    let mut pairs: Vec<(String, String)> = ev.iter().map(dyad).collect();
    pairs.sort();
    pairs.dedup();
    assert_eq!(pairs.len(), 6, "{pairs:?}");
    assert!(ev.iter().all(|e| e.cameo.as_str().starts_with("04")));
}

#[test]
fn verb_parsed_as_adjective_heads_its_clause() {
    // "presented" tagged as a modifier of "evidence" with its own subject;
    // the pattern `- * EVIDENCE [1124]` and the "against" phrase still code.
    let lines = "1 The the DET DT 2 det
         2 US US PROPN NNP 3 nsubj
         3 presented present VERB VBN 4 amod
         4 evidence evidence NOUN NN 0 root
         5 against against ADP IN 6 case
         6 Russia Russia PROPN NNP 4 nmod SpaceAfter=No
         7 . . PUNCT . 4 punct";
    let mut d = doc(lines, None, &[(1, 2, "USA"), (5, 6, "RUS")]);
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("USA".into(), "RUS".into()) && e.cameo.as_str() == "1124"),
        "{:?}",
        coded(&ev)
    );
}

#[test]
fn reduced_relative_misparsed_as_main_verb() {
    // "A report released in the Rwandan capital alleged that France ...":
    // "released" parsed as the main verb, "alleged" as its conjunct.
    let lines = "1 A a DET DT 2 det
         2 report report NOUN NN 3 nsubj
         3 released release VERB VBD 0 root
         4 in in ADP IN 7 case
         5 the the DET DT 7 det
         6 Rwandan Rwandan ADJ JJ 7 amod
         7 capital capital NOUN NN 3 obl
         8 alleged allege VERB VBD 3 conj
         9 that that SCONJ IN 12 mark
         10 France France PROPN NNP 12 nsubj
         11 was be AUX VBD 12 cop
         12 aware aware ADJ JJ 8 ccomp SpaceAfter=No
         13 . . PUNCT . 3 punct";
    let mut d = doc(lines, None, &[(5, 6, "RWA"), (9, 10, "FRA")]);
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("RWA".into(), "FRA".into()) && e.cameo.as_str().starts_with("11")),
        "{:?}",
        coded(&ev)
    );
}

#[test]
fn existential_there_were_x_killed_is_passive() {
    // "killed" parsed as a finite verb with "soldiers" as its subject.
    let lines = "1 There there PRON EX 2 expl
         2 were be VERB VBD 0 root
         3 10 10 NUM CD 5 nummod
         4 Russian Russian ADJ JJ 5 amod
         5 soldiers soldier NOUN NNS 6 nsubj
         6 killed kill VERB VBD 2 csubj
         7 in in ADP IN 8 case
         8 Ukraine Ukraine PROPN NNP 6 obl
         9 today today NOUN NN 6 obl:tmod SpaceAfter=No
         10 . . PUNCT . 2 punct";
    let mut d = doc(lines, None, &[(3, 5, "RUSMIL"), (7, 8, "UKR")]);
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("UKR".into(), "RUSMIL".into())),
        "{:?}",
        ev.iter().map(dyad).collect::<Vec<_>>()
    );
    assert!(!ev
        .iter()
        .any(|e| dyad(e) == ("RUSMIL".into(), "UKR".into())));
}

#[test]
fn we_the_governments_of_a_b_c_is_a_compound_source() {
    let lines = "1 We we PRON PRP 12 nsubj SpaceAfter=No
         2 , , PUNCT , 4 punct
         3 the the DET DT 4 det
         4 governments government NOUN NNS 1 appos
         5 of of ADP IN 6 case
         6 France France PROPN NNP 4 nmod SpaceAfter=No
         7 , , PUNCT , 8 punct
         8 Germany Germany PROPN NNP 6 conj
         9 and and CCONJ CC 10 cc
         10 Italy Italy PROPN NNP 6 conj SpaceAfter=No
         11 , , PUNCT , 4 punct
         12 condemn condemn VERB VBP 0 root
         13 the the DET DT 14 det
         14 attack attack NOUN NN 12 obj
         15 on on ADP IN 16 case
         16 Syria Syria PROPN NNP 14 nmod SpaceAfter=No
         17 . . PUNCT . 12 punct";
    let mut d = doc(
        lines,
        None,
        &[
            (3, 4, "---GOV"),
            (5, 6, "FRA"),
            (7, 8, "DEU"),
            (9, 10, "ITA"),
            (15, 16, "SYR"),
        ],
    );
    let ev = code(&mut d);
    let mut srcs: Vec<String> = ev
        .iter()
        .filter(|e| dyad(e).1 == "SYR")
        .map(|e| dyad(e).0)
        .collect();
    srcs.sort();
    srcs.dedup();
    assert_eq!(
        srcs,
        vec!["DEUGOV", "FRAGOV", "ITAGOV"],
        "{:?}",
        ev.iter().map(dyad).collect::<Vec<_>>()
    );
}

#[test]
fn the_act_blamed_for_is_not_asserted() {
    let lines = "1 Palestinians Palestinians PROPN NNPS 2 nsubj
         2 blamed blame VERB VBD 0 root
         3 Israel Israel PROPN NNP 2 obj
         4 for for ADP IN 6 case
         5 the the DET DT 6 det
         6 bombing bombing NOUN NN 2 obl SpaceAfter=No
         7 . . PUNCT . 2 punct";
    let mut d = doc(lines, None, &[(0, 1, "PSE"), (2, 3, "ISR")]);
    let ev = code(&mut d);
    assert!(ev.iter().any(|e| e.cameo.as_str().starts_with("11")));
    assert!(
        !ev.iter().any(|e| e.cameo.as_str().starts_with("19")),
        "{:?}",
        ev.iter()
            .map(|e| e.cameo.as_str().to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn petrarch_negation_codes_the_negation_or_nothing() {
    let lines = "1 Putin Putin PROPN NNP 4 nsubj
         2 did do AUX VBD 4 aux
         3 not not PART RB 4 advmod
         4 meet meet VERB VB 0 root
         5 Obama Obama PROPN NNP 4 obj SpaceAfter=No
         6 . . PUNCT . 4 punct";
    let mentions = [(0, 1, "RUSGOV"), (4, 5, "USAGOV")];
    // entente keeps the event, marked negated
    let mut d = doc(lines, None, &mentions);
    let ev = code(&mut d);
    assert!(ev.iter().any(|e| e.modality == Modality::Negated), "{ev:?}");
    // PETRARCH has no negation of 040 in its ontology: nothing is coded
    let mut d = doc(lines, None, &mentions);
    let coder = EventCoder::load()
        .expect("embedded dictionaries load")
        .with_config(entente_events::Config {
            petrarch_negation: true,
            ..Default::default()
        });
    assert!(coder.code(&d).is_empty());
    coder.annotate(&mut d).expect("coding succeeds");
    assert!(d.events.is_empty());
}

#[test]
fn asyndetic_verb_conjunct_with_a_subject_is_a_complement() {
    // "attacked" parsed as a conjunct of "claimed": under PETRARCH's
    // conventions A claims B attacked C is an accusation (transformation
    // `a (b . ATTACK) CLAIM`); under entente's codebook it is B's attack on
    // C, claimed by A. Either way the conjunct is read as the complement.
    let lines = "1 Israel Israel PROPN NNP 2 nsubj
         2 claimed claim VERB VBD 0 root
         3 Hamas Hamas PROPN NNP 4 nsubj
         4 attacked attack VERB VBD 2 conj
         5 Israeli Israeli ADJ JJ 6 amod
         6 soldiers soldier NOUN NNS 4 obj SpaceAfter=No
         7 . . PUNCT . 2 punct";
    let mentions = [(0, 1, "ISR"), (2, 3, "PSEREBHMS"), (4, 6, "ISRMIL")];
    let d = doc(lines, None, &mentions);
    let coder = EventCoder::load()
        .expect("embedded dictionaries load")
        .with_config(entente_events::Config {
            petrarch: true,
            ..Default::default()
        });
    let ev = coder.to_events(&d, &coder.code(&d));
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("ISR".into(), "PSEREBHMS".into())
                && e.cameo.as_str().starts_with("11")),
        "{:?}",
        coded(&ev)
    );
    let mut d = doc(lines, None, &mentions);
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("PSEREBHMS".into(), "ISRMIL".into())
                && e.cameo.as_str().starts_with("19")
                && e.modality == entente_core::Modality::Claimed),
        "{:?}",
        coded(&ev)
    );
    assert!(!ev.iter().any(|e| e.cameo.as_str().starts_with("11")));
}

#[test]
fn adjective_after_a_modal_is_the_verb_and_a_reported_future_is_an_intent() {
    // "free" tagged as an adjective of "prisoners"; "A said it would X" is
    // an expressed intent (030 + 0841 release persons = 0352).
    let lines = "1 Israel Israel PROPN NNP 2 nsubj
         2 said say VERB VBD 0 root
         3 it it PRON PRP 7 nsubj
         4 would would AUX MD 7 aux
         5 free free ADJ JJ 7 amod
         6 Palestinian Palestinian ADJ JJ 7 amod
         7 prisoners prisoner NOUN NNS 2 ccomp SpaceAfter=No
         8 . . PUNCT . 2 punct";
    let mut d = doc(lines, None, &[(0, 1, "ISR"), (2, 3, "ISR"), (5, 6, "PSE")]);
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| dyad(e) == ("ISR".into(), "PSE".into()) && e.cameo.as_str() == "0352"),
        "{:?}",
        coded(&ev)
    );
}

/// A symmetric predicate with a compound subject relates the conjuncts;
/// its "on …" phrase is the topic, not a party.
#[test]
fn compound_subject_of_symmetric_verb_is_reciprocal() {
    let mut d = doc(
        "1 Iran Iran PROPN NNP 6 nsubj
         2 and and CCONJ CC 5 cc
         3 the the DET DT 5 det
         4 United United PROPN NNP 5 compound
         5 States States PROPN NNP 1 conj
         6 disagree disagree VERB VBP 0 root
         7 on on ADP IN 8 case
         8 Syria Syria PROPN NNP 6 obl SpaceAfter=No
         9 . . PUNCT . 6 punct",
        Some("2014-09-25"),
        &[(0, 1, "IRN"), (2, 5, "USA"), (7, 8, "SYR")],
    );
    let ev = code(&mut d);
    let mut dyads: Vec<(String, String)> = ev.iter().map(dyad).collect();
    dyads.sort();
    assert_eq!(
        dyads,
        [
            ("IRN".to_string(), "USA".to_string()),
            ("USA".to_string(), "IRN".to_string())
        ],
        "{ev:?}"
    );
    assert!(ev.iter().all(|e| e.cameo.root() == 11));
}

/// A sentence mis-parsed as a noun phrase ("Netanyahu" the root, "called"
/// a participle modifying it) is repaired into a clause before coding, so
/// the appeal runs from the subject to the "on" phrase.
#[test]
fn main_verb_parsed_as_participle_is_repaired() {
    let mut d = doc(
        "1 Netanyahu Netanyahu NOUN NN 0 root
         2 called call VERB VBN 1 acl
         3 on on ADP IN 4 case
         4 Italy Italy PROPN NNP 2 obl
         5 and and CCONJ CC 6 cc
         6 Egypt Egypt PROPN NNP 4 conj
         7 to to PART TO 8 mark
         8 join join VERB VB 1 acl
         9 the the DET DT 10 det
         10 project project NOUN NN 8 obj SpaceAfter=No
         11 . . PUNCT . 1 punct",
        Some("2020-01-03"),
        &[(0, 1, "ISRGOV"), (3, 4, "ITA"), (5, 6, "EGY")],
    );
    let ev = code(&mut d);
    let mut appeals: Vec<(String, String)> = ev
        .iter()
        .filter(|e| e.cameo.root() == 2)
        .map(dyad)
        .collect();
    appeals.sort();
    assert_eq!(
        appeals,
        [
            ("ISRGOV".to_string(), "EGY".to_string()),
            ("ISRGOV".to_string(), "ITA".to_string())
        ],
        "{ev:?}"
    );
}

/// A compound subject of a predicate that is not symmetric acts member by
/// member: two countries protesting are not protesting against each other.
#[test]
fn compound_subject_of_one_sided_verb_is_not_paired() {
    let mut d = doc(
        "1 Iran Iran PROPN NNP 4 nsubj
         2 and and CCONJ CC 3 cc
         3 Syria Syria PROPN NNP 1 conj
         4 protested protest VERB VBD 0 root SpaceAfter=No
         5 . . PUNCT . 4 punct",
        Some("2014-09-25"),
        &[(0, 1, "IRN"), (2, 3, "SYR")],
    );
    let ev = code(&mut d);
    assert!(!ev.is_empty(), "{ev:?}");
    assert!(ev.iter().all(|e| e.target.is_none()), "{ev:?}");
    let mut sources: Vec<String> = ev.iter().map(|e| dyad(e).0).collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources, ["IRN", "SYR"]);
}

/// "the U.S. commitment to Jordan": the actor modifying the event noun is
/// whose commitment it is; the "to" phrase is whom it is for.
#[test]
fn event_noun_owner_is_not_the_target() {
    let mut d = doc(
        "1 Biden Biden PROPN NNP 2 nsubj
         2 reiterated reiterate VERB VBD 0 root
         3 the the DET DT 5 det
         4 U.S. U.S. PROPN NNP 5 compound
         5 commitment commitment NOUN NN 2 obj
         6 to to ADP IN 7 case
         7 Jordan Jordan PROPN NNP 5 nmod SpaceAfter=No
         8 . . PUNCT . 2 punct",
        Some("2022-02-03"),
        &[(0, 1, "USAGOV"), (3, 4, "USA"), (6, 7, "JOR")],
    );
    let ev = code(&mut d);
    assert!(!ev.is_empty(), "{ev:?}");
    assert!(
        ev.iter()
            .all(|e| dyad(e) == ("USAGOV".to_string(), "JOR".to_string())),
        "{ev:?}"
    );
}

/// The noun-phrase shape of the reduced relative: "report" the root,
/// "released" its participle, "alleged" under the participle. The later
/// past-tense verb with a complement is the main verb, so the allegation is
/// the report's; the second that-clause's subject ("the French military")
/// has a clause of its own and does not join the report's side.
#[test]
fn reduced_relative_with_noun_root_has_the_later_verb_as_main_verb() {
    let lines = "1 A a DET DT 2 det
         2 report report NOUN NN 0 root
         3 released release VERB VBN 2 acl
         4 in in ADP IN 7 case
         5 the the DET DT 7 det
         6 Rwandan Rwandan ADJ JJ 7 amod
         7 capital capital NOUN NN 3 obl
         8 alleged allege VERB VBN 3 xcomp
         9 that that SCONJ IN 12 mark
         10 France France PROPN NNP 12 nsubj
         11 was be AUX VBD 12 cop
         12 aware aware ADJ JJ 8 ccomp SpaceAfter=No
         13 , , PUNCT , 20 punct
         14 and and CCONJ CC 20 cc
         15 that that SCONJ IN 20 mark
         16 the the DET DT 18 det
         17 French French ADJ JJ 18 amod
         18 military military NOUN NN 20 nsubj
         19 then then ADV RB 20 advmod
         20 helped help VERB VBD 2 conj SpaceAfter=No
         21 . . PUNCT . 2 punct";
    let mut d = doc(
        lines,
        None,
        &[(5, 6, "RWA"), (9, 10, "FRA"), (16, 18, "FRAMIL")],
    );
    let ev = code(&mut d);
    let alleged: Vec<(String, String)> = ev
        .iter()
        .filter(|e| e.cameo.as_str().starts_with("11"))
        .map(dyad)
        .collect();
    assert_eq!(alleged, [("RWA".to_string(), "FRA".to_string())], "{ev:?}");
}

/// Two subjects of one verb with a subordinator between them ("a report
/// ... alleged that ..., and that the military helped") belong to two
/// clauses: they are not coordinated into one compound subject.
#[test]
fn subjects_of_two_clauses_are_not_coordinated() {
    // The parser's own analysis: "report" and "military" both subjects of
    // "helped".
    let lines = "1 A a DET DT 3 det
         2 500-page 500-page NOUN NN 3 compound
         3 report report NOUN NN 28 nsubj
         4 released release VERB VBN 3 acl
         5 Tuesday Tuesday PROPN NNP 4 obl:unmarked
         6 in in ADP IN 9 case
         7 the the DET DT 9 det
         8 Rwandan rwandan ADJ JJ 9 amod
         9 capital capital NOUN NN 4 obl
         10 alleged allege VERB VBN 4 xcomp
         11 that that SCONJ IN 14 mark
         12 France France PROPN NNP 14 nsubj
         13 was be AUX VBD 14 cop
         14 aware aware ADJ JJ 10 ccomp
         15 of of ADP IN 16 case
         16 preparations preparation NOUN NNS 14 obl
         17 for for ADP IN 19 case
         18 the the DET DT 19 det
         19 genocide genocide NOUN NN 16 nmod SpaceAfter=No
         20 , , PUNCT , 28 punct
         21 and and CCONJ CC 28 cc
         22 that that SCONJ IN 28 mark
         23 the the DET DT 25 det
         24 French French ADJ JJ 25 amod
         25 military military NOUN NN 28 nsubj
         26 in in ADP IN 27 case
         27 Rwanda Rwanda PROPN NNP 25 nmod
         28 helped help VERB VBD 0 root
         29 to to PART TO 30 mark
         30 plan plan VERB VB 28 xcomp
         31 and and CCONJ CC 32 cc
         32 carry carry VERB VB 30 conj
         33 out out ADP RP 32 compound:prt
         34 killings killing NOUN NNS 32 obj SpaceAfter=No
         35 . . PUNCT . 28 punct";
    let mut d = doc(
        lines,
        Some("2008-08-05"),
        &[
            (7, 8, "RWA"),
            (11, 12, "FRA"),
            (23, 25, "FRAMIL"),
            (26, 27, "RWA"),
        ],
    );
    let ev = code(&mut d);
    let alleged: Vec<(String, String)> = ev
        .iter()
        .filter(|e| e.cameo.as_str().starts_with("11"))
        .map(dyad)
        .collect();
    assert!(
        !alleged.iter().any(|(s, _)| s == "FRAMIL"),
        "the military did not allege anything: {ev:?}"
    );
}

/// "by Saudi Arabia, the United Arab Emirates and other neighbours" with
/// "Emirates" parsed as an appositive of an earlier noun: a phrase
/// continued by "and other ..." is a list member, not a renaming.
#[test]
fn appositive_continued_by_and_other_is_a_list_member() {
    // The parser's own analysis of the sentence (EWT-trained model).
    let lines = "1 Qatar Qatar PROPN NNP 3 nsubj
         2 has have AUX VBZ 3 aux
         3 pledged pledge VERB VBN 0 root
         4 to to PART TO 5 mark
         5 expel expel VERB VB 3 xcomp
         6 exiled exil VERB VBN 7 amod
         7 leaders leader NOUN NNS 5 obj
         8 of of ADP IN 12 case
         9 Egypt Egypt PROPN NNP 12 nmod:poss SpaceAfter=No
         10 's 's PART POS 9 case
         11 Muslim Muslim ADJ JJ 12 amod
         12 Brotherhood Brotherhood PROPN NNP 7 nmod
         13 as as ADP IN 14 case
         14 one one NUM CD 5 obl
         15 of of ADP IN 17 case
         16 the the DET DT 17 det
         17 conditions condition NOUN NNS 14 nmod
         18 of of ADP IN 20 case
         19 an a DET DT 20 det
         20 agreement agreement NOUN NN 17 nmod
         21 forced force VERB VBN 20 acl
         22 on on ADP IN 26 case
         23 the the DET DT 26 det
         24 wealthy wealthy ADJ JJ 26 amod
         25 Gulf Gulf PROPN NNP 26 compound
         26 state state NOUN NN 21 obl
         27 by by ADP IN 29 case
         28 Saudi Saudi ADJ NNP 29 amod
         29 Arabia Arabia PROPN NNP 21 obl:agent SpaceAfter=No
         30 , , PUNCT , 34 punct
         31 the the DET DT 34 det
         32 United Unite VERB NNP 34 amod
         33 Arab Arab ADJ NNP 34 amod
         34 Emirates Emirate PROPN NNPS 20 appos
         35 and and CCONJ CC 37 cc
         36 other other ADJ JJ 37 amod
         37 neighbours neighbour NOUN NNS 34 conj SpaceAfter=No
         38 . . PUNCT . 3 punct";
    let mut d = doc(
        lines,
        Some("2014-09-16"),
        &[(0, 1, "QAT"), (27, 29, "SAU"), (30, 34, "ARE")],
    );
    let ev = code(&mut d);
    assert!(
        !ev.iter().any(|e| dyad(e) == ("SAU".into(), "ARE".into())),
        "the agreement is not the Emirates: {ev:#?}"
    );
}
