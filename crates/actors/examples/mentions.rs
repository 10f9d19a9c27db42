//! Prints the actor mentions of a text file: `cargo run -p entente-actors
//! --example mentions -- FILE [YYYY-MM-DD]`.

use entente_core::{Annotator, Article, Doc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: mentions FILE [DATE]")?;
    let date = args.next();
    let text = std::fs::read_to_string(&path)?;
    let t0 = std::time::Instant::now();
    let actors = entente_actors::Actors::load()?;
    eprintln!("kb loaded in {:?}", t0.elapsed());
    let mut doc = Doc::new(Article {
        date,
        ..Article::from_text(&text, None)
    });
    entente_nlp::Nlp::load()?.annotate(&mut doc)?;
    let t1 = std::time::Instant::now();
    actors.annotate(&mut doc)?;
    eprintln!("annotated in {:?}", t1.elapsed());
    if std::env::var("TOKENS").is_ok() {
        for (i, t) in doc.tokens.iter().enumerate() {
            println!("{i}\t{}\t{}", doc.slice(t.span), t.upos);
        }
    }
    if std::env::var("LINKS").is_ok() {
        let (m, inf) = actors.find_mentions(&doc);
        let c = entente_actors::coref::link(&doc, &m, &inf);
        for l in &c.links {
            let a = &c.candidates[l.antecedent];
            println!(
                "LINK {:?} -> {:?} mention={:?} | {}",
                doc.slice(doc.tokens[l.start].span.cover(doc.tokens[l.end - 1].span)),
                doc.slice(doc.tokens[a.start].span.cover(doc.tokens[a.end - 1].span)),
                a.mention,
                l.rule
            );
        }
    }
    for (i, m) in doc.mentions.iter().enumerate() {
        println!(
            "#{i:<3} s{:<3} {:<12} {:<45} {:<12} {:<22} ante={:<5} {}",
            m.sentence,
            format!("{:?}", m.kind),
            format!("{:?}", doc.slice(m.span)),
            m.code.as_ref().map_or("-", |c| c.as_str()),
            m.actor.as_deref().unwrap_or("-"),
            m.antecedent.map_or("-".to_string(), |a| a.to_string()),
            m.rule.chars().take(400).collect::<String>()
        );
    }
    Ok(())
}
