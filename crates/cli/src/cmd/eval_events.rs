//! `entente eval events FILE.jsonl [--json] [--use-gold-parse]`: scores the
//! event coder on PETRARCH / PLOVER validation records.
//!
//! A record is exactly right when the set of distinct (source, target, code)
//! triples coded equals the expected set (the dev set README's definition);
//! precision and recall count the same triples over all records. The PLOVER
//! suite compares PLOVER 0.8 type names and also reports `type_accuracy`: the
//! share of records whose expected type is among the coded events' types.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use entente_core::{Annotator, Article, Doc};
use entente_events::{plover_08, CommaRules, Config, Discards, EventCoder};
use serde_json::Value;

#[derive(clap::Args)]
pub struct Args {
    /// Validation records, one JSON object per line (the PETRARCH / PLOVER
    /// dev suites).
    pub file: Option<PathBuf>,
    /// Also (or only) score the sentence-level gold set in this folder
    /// (`documents.jsonl` + `gold.jsonl`, see `docs/codebook.md`): its test
    /// part as a whole, its train part, both at root and 3-digit level.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Score against this annotation file instead of `GOLD/gold.jsonl`
    /// (e.g. one annotator's file, to measure agreement).
    #[arg(long, requires = "gold")]
    pub gold_file: Option<PathBuf>,
    /// The event coder's threshold on its learned confidence (gold set), as
    /// `entente run --min-confidence`; 0 scores every candidate the
    /// dictionary codes.
    #[arg(long, default_value_t = entente_events::DEFAULT_MIN_CONFIDENCE)]
    pub min_confidence: f32,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Use each record's `parse_ud` (gold tokens and parse) instead of
    /// tokenizing, tagging and parsing `text`.
    #[arg(long)]
    pub use_gold_parse: bool,
    /// Parse every sentence of `text` (no parse gate; see
    /// `entente_pipeline::needs_parse`).
    #[arg(long)]
    pub parse_all: bool,
    /// Folder holding the PETRARCH dictionaries (`phoenix/`, `validate-2.02/`).
    /// Default: `petrarch-dictionaries` next to FILE's folder, then
    /// `$ENTENTE_SHARED/data/petrarch-dictionaries`.
    #[arg(long)]
    pub dicts: Option<PathBuf>,
    /// Only records whose id contains this.
    #[arg(long)]
    pub id: Option<String>,
    /// Only this suite.
    #[arg(long)]
    pub suite: Option<String>,
    /// Print every record that is not exactly right (gold set: the train
    /// part's misses only; the test part is scored as a whole).
    #[arg(long, short)]
    pub verbose: bool,
}

/// One dictionary set: actors stage and verb dictionary.
struct DictSet {
    actors: entente_actors::Actors,
    coder: EventCoder,
}

fn find_dicts(args: &Args, file: &Path) -> anyhow::Result<PathBuf> {
    if let Some(d) = &args.dicts {
        return Ok(d.clone());
    }
    let mut cands = Vec::new();
    if let Some(parent) = file
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().and_then(Path::parent).map(Path::to_path_buf))
    {
        cands.push(parent.join("petrarch-dictionaries"));
    }
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        cands.push(PathBuf::from(s).join("data/petrarch-dictionaries"));
    }
    cands
        .into_iter()
        .find(|p| p.join("phoenix").is_dir())
        .ok_or_else(|| anyhow!("PETRARCH dictionaries not found: pass --dicts DIR"))
}

fn read(p: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
}

fn load_set(dir: &Path, name: &str) -> anyhow::Result<DictSet> {
    if name == "entente" {
        // Records that name no PETRARCH dictionaries (the PLOVER suite) are
        // coded the way `entente events` codes text: with entente's own
        // embedded verb dictionary (CAMEO.2.0 plus extensions) and actors.
        return Ok(DictSet {
            actors: entente_actors::Actors::load().map_err(|e| anyhow!("{e}"))?,
            coder: EventCoder::load().map_err(|e| anyhow!("{e}"))?,
        });
    }
    let (verbs, actors, agents, discards): (PathBuf, Vec<PathBuf>, PathBuf, PathBuf) = match name {
        "phoenix" => {
            let p = dir.join("phoenix");
            (
                p.join("CAMEO.2.0.txt"),
                vec![
                    p.join("Phoenix.Countries.actors.txt"),
                    p.join("Phoenix.International.actors.txt"),
                    p.join("Phoenix.MilNonState.actors.txt"),
                ],
                p.join("Phoenix.agents.txt"),
                p.join("Phoenix.discards.txt"),
            )
        }
        "petr-validate-1" => {
            // The PETRARCH-1 verb file is in TABARI format; its records are
            // coded with the 2.02 verbs and the PETRARCH-1 actors.
            let v = dir.join("validate-2.02");
            let p = dir.join("validate-petr1");
            (
                v.join("PETR_Validate_verbs_2_02.txt"),
                vec![p.join("PETR.Validate.actors.txt")],
                p.join("PETR.Validate.agents.txt"),
                p.join("PETR.Validate.discards.txt"),
            )
        }
        _ => {
            let v = dir.join("validate-2.02");
            (
                v.join("PETR_Validate_verbs_2_02.txt"),
                vec![v.join("PETR_Validate_actors_2_02.txt")],
                v.join("PETR_Validate_agents_2_02.txt"),
                v.join("PETR_Validate_discards_2_02.txt"),
            )
        }
    };
    let actor_texts: Vec<String> = actors
        .iter()
        .map(|p| read(p))
        .collect::<anyhow::Result<_>>()?;
    let actor_refs: Vec<&str> = actor_texts.iter().map(String::as_str).collect();
    let agent_text = read(&agents)?;
    let kb = entente_actors::KnowledgeBase::from_petrarch(&actor_refs, &[agent_text.as_str()])
        .map_err(|e| anyhow!("{e}"))?;
    let coder = EventCoder::from_petrarch_verbs(&read(&verbs)?)
        .map_err(|e| anyhow!("{e}"))?
        .with_discards(Discards::parse(&read(&discards)?));
    Ok(DictSet {
        actors: entente_actors::Actors::with_kb(kb),
        coder,
    })
}

#[derive(Default, Clone, serde::Serialize)]
struct Score {
    records: usize,
    exact: usize,
    tp: usize,
    predicted: usize,
    gold: usize,
    type_hits: usize,
}

type Triple = (String, String, String);

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.file.is_none() && args.gold.is_none() {
        return Err(anyhow!(
            "nothing to score: give a validation file, --gold DIR, or both"
        ));
    }
    let mut out = serde_json::Map::new();
    if let Some(dir) = &args.gold {
        out.insert("gold".into(), super::eval_gold::run(&args, dir)?);
    }
    if let Some(file) = &args.file {
        out.insert("suites".into(), run_suites(&args, file)?);
        out.insert("gold_parse".into(), Value::Bool(args.use_gold_parse));
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&Value::Object(out))?);
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the PETRARCH / PLOVER validation records of `file`.
fn run_suites(args: &Args, file: &Path) -> anyhow::Result<Value> {
    let text = read(file)?;
    let dicts = find_dicts(args, file)?;
    let mut nlp: Option<entente_nlp::Nlp> = None;
    let mut sets: HashMap<String, DictSet> = HashMap::new();
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Value = serde_json::from_str(line).with_context(|| format!("line {}", ln + 1))?;
        let suite = r["suite"].as_str().unwrap_or("").to_string();
        if args.suite.as_ref().is_some_and(|s| s != &suite) {
            continue;
        }
        if args
            .id
            .as_ref()
            .is_some_and(|i| !r["id"].as_str().unwrap_or("").contains(i.as_str()))
        {
            continue;
        }
        if r["evaluate"].as_bool() == Some(false) || !r["expected_error"].is_null() {
            continue;
        }
        let plover = suite.starts_with("plover");
        let set_name = r["dictionaries"].as_str().unwrap_or("entente").to_string();
        if !sets.contains_key(&set_name) {
            sets.insert(set_name.clone(), load_set(&dicts, &set_name)?);
        }
        let set = &sets[&set_name];
        let config = &r["config"];
        // The record's `require_dyad` (PETRARCH default true); the PLOVER
        // suite lists one-sided events (empty target), so it codes them.
        let require_dyad = !plover && config["require_dyad"].as_str() != Some("false");
        let date = r["date"].as_str().map(str::to_string);
        let article = Article {
            date: date.clone(),
            ..Article::default()
        };
        // Our nominal triggers are not part of the PETRARCH dictionaries the
        // CAMEO suites name.
        // PETRARCH's comma rules, for the records whose configuration sets them
        let num = |k: &str, d: usize| {
            config[k]
                .as_str()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(d)
        };
        let comma = config
            .as_object()
            .is_some_and(|o| o.keys().any(|k| k.starts_with("comma_")))
            .then(|| {
                let d = CommaRules::default();
                CommaRules {
                    min: num("comma_min", d.min),
                    max: num("comma_max", d.max),
                    bmin: num("comma_bmin", d.bmin),
                    bmax: num("comma_bmax", d.bmax),
                    emin: num("comma_emin", d.emin),
                    emax: num("comma_emax", d.emax),
                }
            });
        let mut coder = set.coder.clone().with_config(Config {
            require_dyad,
            comma,
            // the CAMEO suites were coded by PETRARCH
            petrarch_negation: !plover,
            petrarch: !plover,
            ..Config::default()
        });
        if !plover {
            coder = coder.without_nominals();
        }
        let gold = if args.use_gold_parse {
            r["parse_ud"].as_str()
        } else {
            None
        };
        let doc = match gold {
            Some(ud) => {
                let s = entente_core::conllu::parse(ud).map_err(|e| anyhow!("{}: {e}", r["id"]))?;
                let mut d = entente_core::conllu::to_doc(&s, article);
                set.actors.annotate(&mut d)?;
                d
            }
            None => {
                let body = r["text"].as_str().unwrap_or("").to_string();
                let mut d = Doc::new(Article { body, ..article });
                if nlp.is_none() {
                    nlp = Some(entente_nlp::Nlp::load().map_err(|e| anyhow!("{e}"))?);
                }
                if let Some(nlp) = &nlp {
                    // the pipeline's analysis: parse gate, then actors
                    entente_pipeline::analyze(nlp, &set.actors, &coder, &mut d, !args.parse_all);
                }
                d
            }
        };
        let coded = coder.code(&doc);
        let mut got: BTreeSet<Triple> = BTreeSet::new();
        let mut types: BTreeSet<String> = BTreeSet::new();
        if plover {
            for e in coder.to_events(&doc, &coded) {
                let t = e.plover_type.clone().unwrap_or_default();
                types.insert(t.clone());
                got.insert((
                    e.source.map(|a| a.0).unwrap_or_default(),
                    e.target.map(|a| a.0).unwrap_or_default(),
                    t,
                ));
            }
        } else {
            for e in &coded {
                got.insert((
                    e.source
                        .as_ref()
                        .map(|a| a.code.clone())
                        .unwrap_or_else(|| "---".into()),
                    e.target
                        .as_ref()
                        .map(|a| a.code.clone())
                        .unwrap_or_else(|| "---".into()),
                    e.code.clone(),
                ));
            }
        }
        let mut want: BTreeSet<Triple> = BTreeSet::new();
        for e in r["expected"].as_array().into_iter().flatten() {
            let code = e["code"].as_str().unwrap_or("");
            let code = if plover {
                plover_08(code).to_string()
            } else {
                code.to_string()
            };
            want.insert((
                e["source"].as_str().unwrap_or("").to_string(),
                e["target"].as_str().unwrap_or("").to_string(),
                code,
            ));
        }
        let sc = scores.entry(suite.clone()).or_default();
        sc.records += 1;
        let exact = got == want;
        if exact {
            sc.exact += 1;
        }
        sc.tp += got.intersection(&want).count();
        sc.predicted += got.len();
        sc.gold += want.len();
        if plover {
            let expected_type = plover_08(r["category"].as_str().unwrap_or("")).to_string();
            if types.contains(&expected_type) {
                sc.type_hits += 1;
            }
        }
        if args.verbose && !exact {
            eprintln!(
                "MISS {} | {}",
                r["id"].as_str().unwrap_or(""),
                r["text"].as_str().unwrap_or("")
            );
            eprintln!("   want {:?}", want);
            eprintln!("   got  {:?}", got);
            for e in &coded {
                eprintln!(
                    "     {} {:?}->{:?} [{}] {:?}",
                    e.code,
                    e.source.as_ref().map(|a| &a.code),
                    e.target.as_ref().map(|a| &a.code),
                    e.rule,
                    e.modality
                );
            }
            if args.id.is_some() {
                eprint!("{}", entente_core::conllu::write_doc(&doc));
            }
            for m in &doc.mentions {
                eprintln!(
                    "     mention {:?} {:?} {:?}",
                    doc.slice(m.span),
                    m.code.as_ref().map(|c| c.as_str()),
                    m.kind
                );
            }
        }
    }
    let f = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut suites = serde_json::Map::new();
    for (name, s) in &scores {
        let p = f(s.tp, s.predicted);
        let rc = f(s.tp, s.gold);
        let f1 = if p + rc == 0.0 {
            0.0
        } else {
            2.0 * p * rc / (p + rc)
        };
        let mut o = serde_json::json!({
            "records": s.records, "exact": s.exact, "precision": p, "recall": rc, "f1": f1,
        });
        if name.starts_with("plover") {
            o["type_accuracy"] = serde_json::json!(f(s.type_hits, s.records));
        }
        if !args.json {
            println!(
                "{name:<24} records {:>4}  exact {:>4} ({:>5.1}%)  P {:.3}  R {:.3}  F1 {:.3}{}",
                s.records,
                s.exact,
                100.0 * f(s.exact, s.records),
                p,
                rc,
                f1,
                if name.starts_with("plover") {
                    format!("  type_accuracy {:.1}%", 100.0 * f(s.type_hits, s.records))
                } else {
                    String::new()
                }
            );
        }
        suites.insert(name.clone(), o);
    }
    Ok(Value::Object(suites))
}
