//! `entente actors`: look names up in the actor knowledge base (with dates)
//! and list its entries.

use std::process::ExitCode;

use anyhow::Context;
use entente_actors::{ActorKind, KnowledgeBase};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Resolve a name to its actor code on a date, and say why.
    Lookup {
        /// The name as written ("Hassan Rouhani", "Tehran", "the west").
        name: String,
        /// Date (YYYY-MM-DD); without it the undated or most recent code.
        #[arg(long)]
        date: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the entries of the knowledge base.
    List {
        /// Only this kind (country, bloc, igo, armed_group, media, institution, organization, person, other).
        #[arg(long)]
        kind: Option<String>,
        /// Include the imported Phoenix entries (thousands), not only curated ones.
        #[arg(long)]
        all: bool,
        /// Print JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// List where the curated people and their Wikidata spells in office
    /// disagree (the curated entry is the one used).
    Disagreements {
        /// Print JSON lines.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = KnowledgeBase::embedded().context("loading the embedded knowledge base")?;
    // The process ends after one command: freeing the knowledge base's
    // hundreds of thousands of small allocations would only add start-up time.
    let kb: &KnowledgeBase = Box::leak(Box::new(kb));
    match args.what {
        What::Disagreements { json } => {
            for d in kb.disagreements() {
                if json {
                    println!("{}", serde_json::to_string(d)?);
                } else {
                    println!(
                        "{} ({}, {}) on {}\n  curated:  {}\n  wikidata: {}",
                        d.name, d.wikidata, d.curated_source, d.date, d.curated, d.wikidata_says
                    );
                }
            }
            if !json {
                eprintln!(
                    "{} disagreements between curated people and Wikidata office-holders",
                    kb.disagreements().len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        What::Lookup { name, date, json } => {
            let date = date
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .with_context(|| format!("--date {d:?}: expected YYYY-MM-DD"))
                })
                .transpose()?;
            let Some(r) = kb.lookup(&name, date) else {
                if json {
                    println!("{}", serde_json::json!({"name": name, "found": false}));
                } else {
                    println!("{name}: not in the knowledge base");
                }
                return Ok(ExitCode::from(2));
            };
            let code = r.code.as_ref().map_or("-".to_string(), |c| c.to_string());
            if json {
                let v = serde_json::json!({
                    "name": name,
                    "found": true,
                    "actor": r.actor.name,
                    "kind": r.actor.kind.as_str(),
                    "code": r.code.as_ref().map(|c| c.as_str()),
                    "date": date.map(|d| d.to_string()),
                    "why": r.why,
                });
                println!("{v}");
            } else {
                println!("{code}\t{}", r.actor.name);
                println!("why: {}", r.why);
            }
            Ok(ExitCode::SUCCESS)
        }
        What::List { kind, all, json } => {
            let want = kind.as_deref();
            let mut n = 0;
            for a in kb.actors() {
                if !all && a.source.starts_with("Phoenix") {
                    continue;
                }
                if want.is_some_and(|k| k != a.kind.as_str()) {
                    continue;
                }
                n += 1;
                if json {
                    println!("{}", serde_json::to_string(a)?);
                } else {
                    let codes: Vec<String> = a
                        .codes
                        .iter()
                        .map(|c| match (c.from, c.to) {
                            (None, None) => c.code.to_string(),
                            (f, t) => format!(
                                "{} {}..{}",
                                c.code,
                                f.map_or(String::new(), |d| d.to_string()),
                                t.map_or(String::new(), |d| d.to_string())
                            ),
                        })
                        .collect();
                    println!(
                        "{:<12} {:<40} {}",
                        a.kind.as_str(),
                        a.name,
                        codes.join("; ")
                    );
                }
            }
            if !json {
                let people = kb
                    .actors()
                    .iter()
                    .filter(|a| a.kind == ActorKind::Person)
                    .count();
                eprintln!(
                    "{n} listed; knowledge base: {} actors ({people} people), {} agent phrases, {} discards",
                    kb.actors().len(),
                    kb.agents().len(),
                    kb.discards().len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
