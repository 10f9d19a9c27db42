//! Measures mention resolution on documents sampled from the shared corpus:
//! `cargo run --release -p entente-actors --example corpus_report -- N FILE.jsonl.gz...`
//! takes every k-th document so that N are sampled evenly across the files.

use std::collections::HashMap;
use std::io::BufRead;

use entente_actors::ActorKind;
use entente_core::{Annotator, Article, Doc, MentionKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .ok_or("usage: corpus_report N FILES...")?
        .parse()?;
    let files: Vec<String> = args.collect();
    let per_file = n.div_ceil(files.len().max(1));
    let actors = entente_actors::Actors::load()?;
    let nlp = entente_nlp::Nlp::load()?;
    let (mut named, mut resolved) = (0usize, 0usize);
    let (mut persons_known, mut persons_unknown) = (0usize, 0usize);
    let (mut countries, mut pronouns, mut pronouns_resolved) = (0usize, 0usize, 0usize);
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut docs = 0;
    let t0 = std::time::Instant::now();
    let mut tokens = 0;
    for f in &files {
        let lines: Vec<String> =
            std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(f)?))
                .lines()
                .collect::<Result<_, _>>()?;
        let step = (lines.len() / per_file).max(1);
        for line in lines.iter().step_by(step).take(per_file) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let mut doc = Doc::new(Article {
                title: s("title"),
                date: s("date"),
                url: s("url"),
                ..Article::from_text(&s("text").unwrap_or_default(), None)
            });
            nlp.annotate(&mut doc)?;
            tokens += doc.tokens.len();
            let (mentions, infos) = actors.find_mentions(&doc);
            for (m, i) in mentions.iter().zip(&infos) {
                match m.kind {
                    MentionKind::Name | MentionKind::Demonym => {
                        named += 1;
                        if m.code.is_some() {
                            resolved += 1;
                        }
                        if i.actor_kind == Some(ActorKind::Person) {
                            persons_known += 1;
                        }
                        if i.actor_kind == Some(ActorKind::Country) {
                            countries += 1;
                        }
                    }
                    MentionKind::Unknown => {
                        named += 1;
                        let words: Vec<String> = doc.tokens
                            [m.token_start as usize..m.token_end as usize]
                            .iter()
                            .map(|t| entente_actors::norm::fold(doc.slice(t.span)))
                            .collect();
                        let personish =
                            i.person || entente_actors::coref::name_person(&words) == Some(true);
                        if personish {
                            persons_unknown += 1;
                        }
                        *unknown.entry(doc.slice(m.span).to_string()).or_default() += 1;
                    }
                    _ => {}
                }
            }
            actors.annotate(&mut doc)?;
            for m in &doc.mentions {
                if m.kind == MentionKind::Pronoun {
                    pronouns += 1;
                    if m.code.is_some() {
                        pronouns_resolved += 1;
                    }
                }
            }
            docs += 1;
        }
    }
    let el = t0.elapsed();
    println!(
        "documents: {docs} ({tokens} tokens) in {:.2?} (tokenizer + actors, one thread)",
        el
    );
    println!("named mentions (KB names, demonyms, unknown names): {named}");
    println!(
        "  resolved to a KB actor with a code: {resolved} ({:.1}%)",
        100.0 * resolved as f64 / named.max(1) as f64
    );
    println!("  country mentions resolved: {countries}");
    println!(
        "person mentions: {} resolved to KB people, {} person-like unknown names ({:.1}% resolved)",
        persons_known,
        persons_unknown,
        100.0 * persons_known as f64 / (persons_known + persons_unknown).max(1) as f64
    );
    println!("pronoun mentions emitted (resolved to an actor): {pronouns_resolved} with a code of {pronouns}");
    let mut top: Vec<_> = unknown.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("top unknown names:");
    for (name, c) in top.iter().take(40) {
        println!("  {c:>4}  {name}");
    }
    Ok(())
}
