//! Prints pronoun resolutions of one GUM file with gold verdicts:
//! `cargo run -p entente-actors --example gum_debug -- FILE`.

use entente_actors::coref::link;
use entente_actors::gum::gold_mentions;
use entente_core::conllu;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: gum_debug FILE")?;
    let text = std::fs::read_to_string(path)?;
    let sents = conllu::parse(&text)?;
    let misc: Vec<String> = sents.iter().flat_map(|s| s.misc.iter().cloned()).collect();
    let doc = conllu::to_doc(&sents, entente_core::Article::default());
    let gold = gold_mentions(&misc);
    let actors = entente_actors::Actors::load()?;
    let (m, i) = actors.find_mentions(&doc);
    let c = link(&doc, &m, &i);
    let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
    let inner = |t: usize| {
        gold.iter()
            .filter(|g| g.start <= t && t < g.end)
            .min_by_key(|g| g.end - g.start)
            .map(|g| g.entity.clone())
    };
    for l in &c.links {
        let ent = gold
            .iter()
            .find(|g| g.start == l.start && g.end == l.end)
            .map(|g| g.entity.clone());
        let Some(ent) = ent else { continue };
        let a = &c.candidates[l.antecedent];
        let ok = inner(a.head).as_deref() == Some(ent.as_str());
        let sent_of = |t: usize| {
            doc.sentences
                .iter()
                .position(|s| s.tokens().contains(&t))
                .unwrap_or(0)
        };
        let gl = gold
            .iter()
            .filter(|g| g.entity == ent && g.end <= l.start)
            .max_by_key(|g| g.start);
        let gdist = gl.map_or(99, |g| sent_of(l.start) - sent_of(g.start));
        let cdist = sent_of(l.start) - sent_of(a.start);
        let gold_ante = gl.map(|g| {
            format!(
                "{} d{gdist} c{cdist} {}",
                words[g.start..g.end].join(" "),
                if a.pronoun { "P" } else { "" }
            )
        });
        let reach = c.candidates.iter().any(|x| {
            x.end <= l.start
                && inner(x.head).as_deref() == Some(ent.as_str())
                && x.sentence + 4
                    >= x.sentence.max(
                        doc.sentences
                            .iter()
                            .position(|s| s.tokens().contains(&l.start))
                            .unwrap_or(0),
                    )
        });
        println!(
            "{}{} {:?} {:<10} -> {:<30} gold: {:<30} [{}]",
            if ok { "OK " } else { "BAD" },
            if reach { "" } else { "-UNREACH" },
            l.kind,
            words[l.start..l.end].join(" "),
            words[a.start..a.end].join(" "),
            gold_ante.unwrap_or_default(),
            l.rule.chars().take(70).collect::<String>()
        );
    }
    Ok(())
}

/// Oracle: share of pronoun links whose gold entity has any candidate in reach.
#[allow(dead_code)]
fn unused() {}
