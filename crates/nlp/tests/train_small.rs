//! Training end to end on a slice of EWT (when the shared data is around):
//! the bundle, supertagger included, survives serialisation unchanged, and
//! training is deterministic.

mod common;
use common::shared_ud;

use entente_nlp::{clusters::Clusters, train, Nlp};

#[test]
fn small_training_round_trips_and_is_deterministic() {
    let Some(ud) = shared_ud() else {
        eprintln!("shared/data/ud not found; skipping");
        return;
    };
    let text = std::fs::read_to_string(ud.join("en_ewt/train.conllu")).expect("train");
    let sents = entente_core::conllu::parse(&text).expect("parses");
    let (train_part, held_out) = (&sents[..600], &sents[600..700]);
    let opts = train::Options {
        tagger_epochs: 3,
        parser_epochs: 3,
        folds: 2,
        ..train::Options::default()
    };
    assert!(opts.supertags, "the supertagger is on by default");
    let clusters = Clusters::default();
    let a = train::train(train_part, &clusters, &opts, &mut |_| {});
    let bytes = a.to_bytes();
    let b = Nlp::from_bytes(&bytes).expect("reads back");
    assert_eq!(b.to_bytes(), bytes, "serialisation is stable");
    let again = train::train(train_part, &clusters, &opts, &mut |_| {});
    assert_eq!(again.to_bytes(), bytes, "training is deterministic");

    // The read-back bundle analyses exactly as the trained one, and even
    // this tiny model parses better than chance.
    let sa = entente_nlp::eval::evaluate(&a, held_out);
    let sb = entente_nlp::eval::evaluate(&b, held_out);
    assert_eq!((sa.upos, sa.uas, sa.las), (sb.upos, sb.uas, sb.las));
    assert!(sa.uas > 50.0, "UAS {}", sa.uas);
}
