//! PLOVER typing of coded events and the dictionary vocabulary behind it, on
//! hand-parsed sentences with hand-placed actor mentions (independent of the
//! parser and the actor matcher).

mod common;

use common::{code, dyad};
use entente_core::{Doc, Event};

/// A hand-parsed sentence (undated) with its actor mentions.
fn doc(lines: &str, mentions: &[(u32, u32, &str)]) -> Doc {
    common::doc(lines, None, mentions)
}

fn types(ev: &[Event]) -> Vec<&str> {
    ev.iter().filter_map(|e| e.plover_type.as_deref()).collect()
}

#[test]
fn an_attempted_hack_is_coercion_not_a_threat() {
    let mut d = doc(
        "1 Pyongyang Pyongyang PROPN NNP 2 nsubj
         2 tried try VERB VBD 0 root
         3 to to PART TO 4 mark
         4 hack hack VERB VB 2 xcomp
         5 into into ADP IN 6 case
         6 computers computer NOUN NNS 4 obl
         7 of of ADP IN 8 case
         8 Seoul Seoul PROPN NNP 6 nmod SpaceAfter=No
         9 . . PUNCT . 2 punct",
        &[(0, 1, "PRK"), (7, 8, "KOR")],
    );
    let ev = code(&mut d);
    assert!(!ev.is_empty(), "{ev:?}");
    assert!(types(&ev).contains(&"COERCE"), "{ev:?}");
    assert!(!types(&ev).contains(&"THREATEN"), "{ev:?}");
}

#[test]
fn a_rejected_ultimatum_is_a_rejection_not_an_ultimatum() {
    let mut d = doc(
        "1 Belgrade Belgrade PROPN NNP 2 nsubj
         2 rejected reject VERB VBD 0 root
         3 an a DET DT 4 det
         4 ultimatum ultimatum NOUN NN 2 obj
         5 from from ADP IN 6 case
         6 Canberra Canberra PROPN NNP 4 nmod SpaceAfter=No
         7 . . PUNCT . 2 punct",
        &[(0, 1, "SRB"), (5, 6, "AUS")],
    );
    let ev = code(&mut d);
    assert!(types(&ev).contains(&"REJECT"), "{ev:?}");
    // the subject of "rejected" did not issue the ultimatum
    assert!(
        !ev.iter()
            .any(|e| e.cameo.as_str().starts_with("13") && dyad(e).0 == "SRB"),
        "{ev:?}"
    );
}

#[test]
fn would_allow_is_an_agreement() {
    let mut d = doc(
        "1 Iraq Iraq PROPN NNP 2 nsubj
         2 said say VERB VBD 0 root
         3 it it PRON PRP 5 nsubj
         4 would would AUX MD 5 aux
         5 allow allow VERB VB 2 ccomp
         6 the the DET DT 7 det
         7 return return NOUN NN 5 obj
         8 of of ADP IN 10 case
         9 UN UN PROPN NNP 10 compound
         10 inspectors inspector NOUN NNS 7 nmod SpaceAfter=No
         11 . . PUNCT . 2 punct",
        &[(0, 1, "IRQ"), (2, 3, "IRQ"), (8, 9, "IGOUNO")],
    );
    let ev = code(&mut d);
    assert!(types(&ev).contains(&"AGREE"), "{ev:?}");
}

#[test]
fn urging_talks_is_a_request() {
    let mut d = doc(
        "1 Pakistan Pakistan PROPN NNP 2 nsubj
         2 urged urge VERB VBD 0 root
         3 India India PROPN NNP 2 obj
         4 to to PART TO 5 mark
         5 resume resume VERB VB 2 xcomp
         6 peace peace NOUN NN 7 compound
         7 talks talk NOUN NNS 5 obj SpaceAfter=No
         8 . . PUNCT . 2 punct",
        &[(0, 1, "PAK"), (2, 3, "IND")],
    );
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| e.plover_type.as_deref() == Some("REQUEST") && dyad(e).0 == "PAK"),
        "{ev:?}"
    );
}

#[test]
fn withdrawing_inspectors_reduces_relations() {
    let mut d = doc(
        "1 UN UN PROPN NNP 2 nsubj
         2 withdrew withdraw VERB VBD 0 root
         3 weapons weapon NOUN NNS 4 compound
         4 inspectors inspector NOUN NNS 2 obj
         5 from from ADP IN 6 case
         6 Iraq Iraq PROPN NNP 2 obl SpaceAfter=No
         7 . . PUNCT . 2 punct",
        &[(0, 1, "IGOUNO"), (5, 6, "IRQ")],
    );
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| e.cameo.as_str().starts_with("166")
                && e.plover_type.as_deref() == Some("SANCTION")),
        "{ev:?}"
    );
}

#[test]
fn failing_to_reach_agreement_is_a_rejection() {
    let mut d = doc(
        "1 Ramallah Ramallah PROPN NNP 4 nsubj
         2 and and CCONJ CC 3 cc
         3 Jerusalem Jerusalem PROPN NNP 1 conj
         4 failed fail VERB VBD 0 root
         5 to to PART TO 6 mark
         6 reach reach VERB VB 4 xcomp
         7 agreement agreement NOUN NN 6 obj SpaceAfter=No
         8 . . PUNCT . 4 punct",
        &[(0, 1, "PSE"), (2, 3, "ISR")],
    );
    let ev = code(&mut d);
    assert!(!ev.is_empty(), "{ev:?}");
    assert!(types(&ev).contains(&"REJECT"), "{ev:?}");
    assert!(!types(&ev).contains(&"AGREE"), "{ev:?}");
}

#[test]
fn a_participle_with_an_object_is_active() {
    // the parser's reading of a headline-style clause: "bombed" as a
    // participle modifying "warplanes"
    let mut d = doc(
        "1 Turkish Turkish ADJ JJ 2 amod
         2 warplanes warplane NOUN NNS 0 root
         3 bombed bomb VERB VBN 2 acl
         4 Kurdish Kurdish ADJ JJ 5 amod
         5 bases base NOUN NNS 3 obj SpaceAfter=No
         6 . . PUNCT . 2 punct",
        &[(0, 2, "TURMIL"), (3, 5, "KURREB")],
    );
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| e.plover_type.as_deref() == Some("ASSAULT")
                && dyad(e).0 == "TURMIL"
                && dyad(e).1 == "KURREB"),
        "{ev:?}"
    );
}

#[test]
fn a_demand_that_someone_act_is_a_request() {
    let mut d = doc(
        "1 Greece Greece PROPN NNP 2 nsubj
         2 demanded demand VERB VBD 0 root
         3 that that SCONJ IN 5 mark
         4 Turkey Turkey PROPN NNP 5 nsubj
         5 withdraw withdraw VERB VB 2 ccomp
         6 troops troop NOUN NNS 5 obj
         7 from from ADP IN 8 case
         8 Cyprus Cyprus PROPN NNP 5 obl SpaceAfter=No
         9 . . PUNCT . 2 punct",
        &[(0, 1, "GRC"), (3, 4, "TUR"), (7, 8, "CYP")],
    );
    let ev = code(&mut d);
    assert!(
        ev.iter()
            .any(|e| e.plover_type.as_deref() == Some("REQUEST") && dyad(e).0 == "GRC"),
        "{ev:?}"
    );
}

#[test]
fn a_news_agency_reporting_an_attack_accuses_nobody() {
    let mut d = doc(
        "1 The the DET DT 2 det
         2 agency agency NOUN NN 3 nsubj
         3 said say VERB VBD 0 root
         4 rebels rebel NOUN NNS 5 nsubj
         5 attacked attack VERB VBD 3 ccomp
         6 Kampala Kampala PROPN NNP 5 obj SpaceAfter=No
         7 . . PUNCT . 3 punct",
        &[(0, 2, "UGAMED"), (3, 4, "UGAREB"), (5, 6, "UGAGOV")],
    );
    let ev = code(&mut d);
    assert!(types(&ev).contains(&"ASSAULT"), "{ev:?}");
    assert!(!types(&ev).contains(&"ACCUSE"), "{ev:?}");
}
