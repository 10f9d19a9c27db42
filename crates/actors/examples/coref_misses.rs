//! Breaks pronoun misses down by cause over GUM files of some genres:
//! `cargo run --release -p entente-actors --example coref_misses -- DIR GENRE[,GENRE..]`.

use entente_actors::coref::link;
use entente_actors::gum::gold_mentions;
use entente_core::conllu;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: coref_misses DIR GENRES")?;
    let genres: Vec<String> = args
        .next()
        .ok_or("genres")?
        .split(',')
        .map(str::to_string)
        .collect();
    let verbose = args.next().is_some();
    let actors = entente_actors::Actors::load()?;
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.ends_with(".conllu") || !genres.iter().any(|g| name.contains(&format!("_{g}_"))) {
            continue;
        }
        let text = std::fs::read_to_string(&f)?;
        let sents = conllu::parse(&text)?;
        let misc: Vec<String> = sents.iter().flat_map(|s| s.misc.iter().cloned()).collect();
        let doc = conllu::to_doc(&sents, entente_core::Article::default());
        let gold = gold_mentions(&misc);
        let (m, i) = actors.find_mentions(&doc);
        let c = link(&doc, &m, &i);
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| doc.slice(t.span).to_lowercase())
            .collect();
        let inner = |t: usize| {
            gold.iter()
                .filter(|g| g.start <= t && t < g.end)
                .min_by_key(|g| g.end - g.start)
                .map(|g| g.entity.clone())
        };
        let third = [
            "he",
            "him",
            "his",
            "himself",
            "she",
            "her",
            "hers",
            "herself",
            "it",
            "its",
            "itself",
            "they",
            "them",
            "their",
            "theirs",
            "themselves",
        ];
        for g in &gold {
            if g.end != g.start + 1 || !third.contains(&words[g.start].as_str()) {
                continue;
            }
            if !gold
                .iter()
                .any(|o| o.entity == g.entity && o.end <= g.start)
            {
                continue;
            }
            let w = &words[g.start];
            let cls = match w.as_str() {
                "he" | "him" | "his" | "himself" => "he",
                "she" | "her" | "hers" | "herself" => "she",
                "it" | "its" | "itself" => "it",
                _ => "they",
            };
            let link = c.links.iter().find(|l| l.start == g.start);
            let ok = link.is_some_and(|l| {
                inner(c.candidates[l.antecedent].head).as_deref() == Some(g.entity.as_str())
            });
            // Is any candidate before it of the gold entity?
            let reach = c
                .candidates
                .iter()
                .any(|x| x.end <= g.start && inner(x.head).as_deref() == Some(&g.entity));
            // Nearest earlier gold mention of that entity: what is it?
            let prev = gold
                .iter()
                .filter(|o| o.entity == g.entity && o.end <= g.start)
                .max_by_key(|o| o.end);
            let prev_txt = prev
                .map(|p| words[p.start..p.end].join(" "))
                .unwrap_or_default();
            let prev_first = prev.map_or("", |p| words[p.start].as_str());
            let prev_kind = if ["i", "me", "my", "we", "us", "our", "you", "your"]
                .contains(&prev_first)
                && prev.is_some_and(|p| p.end == p.start + 1)
            {
                "1st/2nd"
            } else {
                "other"
            };
            let key = format!(
                "{cls} {} {}{}",
                if ok { "ok" } else { "MISS" },
                if link.is_some() { "linked" } else { "unlinked" },
                if ok {
                    String::new()
                } else {
                    format!(" reach={reach} prev={prev_kind}")
                }
            );
            *counts.entry(key).or_default() += 1;
            if verbose && !ok {
                let chosen = link
                    .map(|l| {
                        let a = &c.candidates[l.antecedent];
                        words[a.start..a.end].join(" ")
                    })
                    .unwrap_or_default();
                let ctx_a = g.start.saturating_sub(12);
                println!(
                    "{name} {w} [{}] gold_prev={prev_txt:?} chose={chosen:?} reach={reach}",
                    words[ctx_a..g.start + 1].join(" ")
                );
            }
        }
    }
    for (k, v) in counts {
        println!("{v:5} {k}");
    }
    Ok(())
}
