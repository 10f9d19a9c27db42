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
    /// Resolve a place name to its country, coordinates and precision.
    Place {
        /// The place as written ("Irbil", "Anbar province", "Syria").
        name: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Share of person, organisation and place names resolved in corpus
    /// files (JSONL, JSONL.gz, text), and the top unresolved names.
    Coverage {
        /// Corpus files or directories.
        #[arg(required = true)]
        inputs: Vec<std::path::PathBuf>,
        /// Articles to read from each input (all when absent).
        #[arg(long)]
        limit: Option<usize>,
        /// Unresolved names to list per kind.
        #[arg(long, default_value_t = 15)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also list every unresolved name with its sentence
        /// (kind, name, sentence; tab-separated) after the summary.
        #[arg(long)]
        list: bool,
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
        What::Place { name, json } => {
            let g = entente_actors::places::Gazetteer::embedded();
            let Some(p) = g.resolve(kb, &name) else {
                if json {
                    println!("{}", serde_json::json!({"name": name, "found": false}));
                } else {
                    println!("{name}: not in the gazetteer");
                }
                return Ok(ExitCode::from(2));
            };
            if json {
                println!("{}", serde_json::to_string(&p)?);
            } else {
                let coords = match (p.lat, p.lon) {
                    (Some(a), Some(b)) => format!("{a:.4}, {b:.4}"),
                    _ => "-".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t{coords}",
                    p.country,
                    p.precision.as_str(),
                    p.name
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        What::Coverage {
            inputs,
            limit,
            top,
            json,
            list,
        } => coverage(kb, &inputs, limit, top, json, list),
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

/// `entente actors coverage`.
fn coverage(
    kb: &KnowledgeBase,
    inputs: &[std::path::PathBuf],
    limit: Option<usize>,
    top: usize,
    json: bool,
    list: bool,
) -> anyhow::Result<ExitCode> {
    use entente_actors::coverage::Coverage;
    use entente_core::Annotator;
    let nlp = entente_nlp::Nlp::load().map_err(|e| anyhow::anyhow!("{e}"))?;
    let actors = entente_actors::Actors::with_kb(kb.clone());
    let gaz = entente_actors::places::Gazetteer::embedded();
    let mut cov = Coverage {
        keep_contexts: list,
        ..Coverage::default()
    };
    let mut failed = 0usize;
    for r in entente_pipeline::ingest::expand_inputs(inputs) {
        let path = r.map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut n = 0usize;
        for a in entente_pipeline::ingest::read_path(&path) {
            if limit.is_some_and(|l| n >= l) {
                break;
            }
            let article = match a {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("entente actors coverage: {}: {e}", path.display());
                    failed += 1;
                    continue;
                }
            };
            n += 1;
            let mut doc = entente_core::Doc::new(article);
            if let Err(e) = nlp.annotate(&mut doc) {
                eprintln!("entente actors coverage: {}: {e}", path.display());
                failed += 1;
                continue;
            }
            cov.add(&actors, gaz, &doc);
        }
    }
    let share = Coverage::share;
    if json {
        let tops = |k: &str| -> Vec<serde_json::Value> {
            cov.top_unknown(k, top)
                .into_iter()
                .map(|(t, n)| serde_json::json!([t, n]))
                .collect()
        };
        let v = serde_json::json!({
            "documents": cov.documents,
            "failed_records": failed,
            "person_mentions": cov.person_mentions,
            "person_resolved": cov.person_resolved,
            "person_share": share(cov.person_resolved, cov.person_mentions),
            "person_by_article_country": cov.person_by_article_country,
            "place_mentions": cov.place_mentions,
            "place_resolved": cov.place_resolved,
            "place_share": share(cov.place_resolved, cov.place_mentions),
            "organisation_mentions": cov.organisation_mentions,
            "organisation_resolved": cov.organisation_resolved,
            "organisation_share": share(cov.organisation_resolved, cov.organisation_mentions),
            "top_unknown_person": tops("person"),
            "top_unknown_place": tops("place"),
            "top_unknown_organisation": tops("organisation"),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("{} documents", cov.documents);
        for (k, n, d) in [
            ("person names", cov.person_resolved, cov.person_mentions),
            ("place names", cov.place_resolved, cov.place_mentions),
            (
                "organisation names",
                cov.organisation_resolved,
                cov.organisation_mentions,
            ),
        ] {
            println!("{k:<20} {n:>7} / {d:<7} {:.1} %", 100.0 * share(n, d));
        }
        println!(
            "  (persons coded by a role in the text and the article's country: {})",
            cov.person_by_article_country
        );
        for k in ["person", "place", "organisation"] {
            println!("\ntop unresolved {k} names:");
            for (t, n) in cov.top_unknown(k, top) {
                println!("  {n:>5}  {t}");
            }
        }
    }
    if list {
        for (kind, name, sentence) in &cov.contexts {
            println!("{kind}\t{name}\t{sentence}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
