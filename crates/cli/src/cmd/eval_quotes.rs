//! `entente eval quotes GOLD.jsonl [--json]`: runs the standard pipeline over
//! each gold document's `text` and scores its quotes against the gold
//! `quotes` (same shape as `entente quotes --from-jsonl` writes). The
//! token-overlap matching rule and the speaker test are documented in
//! the [`scoring`] module below.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use entente_core::QuoteType;
use entente_pipeline::Pipeline;
use rayon::prelude::*;
use scoring::{score_doc, Acc, EvalQuote, Prf, Report, MATCH_THRESHOLD};
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSONL: one `{"id","text","quotes":[…]}` per line.
    gold: PathBuf,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Also print, per document, gold quotes missed and system quotes unmatched.
    #[arg(long)]
    errors: bool,
}

/// The repository's `examples/` folder (which holds the seed page), found
/// above the gold file.
fn repo_examples(gold: &std::path::Path) -> Option<PathBuf> {
    let mut dir = std::fs::canonicalize(gold).ok()?;
    while dir.pop() {
        if dir.join("examples").join("seed").is_dir() {
            return Some(dir.join("examples"));
        }
    }
    None
}

/// The shared data folder: `ENTENTE_SHARED`, or a `shared/` directory above
/// the current directory or the gold file.
fn find_shared(gold: &std::path::Path) -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(p));
    }
    let starts = [
        std::env::current_dir().ok(),
        std::fs::canonicalize(gold)
            .ok()
            .and_then(|p| p.parent().map(|d| d.to_path_buf())),
    ];
    for start in starts.into_iter().flatten() {
        let mut dir = start;
        loop {
            if dir.join("shared").join("seed").is_dir() || dir.join("shared").join("data").is_dir()
            {
                return Some(dir.join("shared"));
            }
            if !dir.pop() {
                break;
            }
        }
    }
    None
}

fn gold_quote(v: &Value) -> EvalQuote {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    EvalQuote {
        text: s("quote").unwrap_or_default(),
        kind: s("type").unwrap_or_else(|| "direct".into()),
        speaker: s("speaker"),
        actor: v
            .get("speaker_actor")
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string),
        anonymous: v.get("anonymous").and_then(Value::as_bool).unwrap_or(false),
        outlet: s("outlet"),
    }
}

fn kind_str(k: QuoteType) -> &'static str {
    match k {
        QuoteType::Direct => "direct",
        QuoteType::Mixed => "mixed",
        QuoteType::Indirect => "indirect",
    }
}

fn prf_json(p: &Prf) -> Value {
    json!({"gold": p.gold, "system": p.system, "matched": p.matched,
           "precision": p.precision(), "recall": p.recall(), "f1": p.f1()})
}

fn acc_json(a: &Acc) -> Value {
    json!({"correct": a.correct, "total": a.total, "rate": a.rate()})
}

type Scored = (String, Vec<EvalQuote>, Vec<EvalQuote>);

/// Reads a gold file and runs the standard pipeline over its documents.
fn load_and_run(gold: &std::path::Path) -> anyhow::Result<Vec<Scored>> {
    let file = std::fs::File::open(gold).with_context(|| format!("opening {}", gold.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", gold.display(), n + 1))?;
        let text = match v.get("text").and_then(Value::as_str) {
            Some(t) => t.to_string(),
            None => {
                // Texts that may not be redistributed are referenced in
                // shared/ instead ("text_file": "seed/…").
                let rel = v
                    .get("text_file")
                    .and_then(Value::as_str)
                    .with_context(|| {
                        format!(
                            "{}:{}: no \"text\" nor \"text_file\"",
                            gold.display(),
                            n + 1
                        )
                    })?;
                let in_repo = repo_examples(gold).map(|d| d.join(rel));
                let path = in_repo
                    .filter(|p| p.is_file())
                    .or_else(|| find_shared(gold).map(|d| d.join(rel)));
                match path {
                    Some(p) if p.is_file() => std::fs::read_to_string(&p)
                        .with_context(|| format!("reading {}", p.display()))?,
                    _ => {
                        eprintln!(
                            "entente: note: {rel} not found (set ENTENTE_SHARED); document skipped"
                        );
                        continue;
                    }
                }
            }
        };
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let gold: Vec<EvalQuote> = v
            .get("quotes")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(gold_quote).collect())
            .unwrap_or_default();
        docs.push((id, text, gold));
    }
    let pipeline = Pipeline::standard()?;
    let results: Vec<Scored> = docs
        .into_par_iter()
        .map(|(id, text, gold)| {
            let doc = pipeline.process(entente_core::Article::from_text(&text, None));
            let sys = doc
                .quotes
                .iter()
                .map(|q| EvalQuote {
                    text: q.quote.clone(),
                    kind: kind_str(q.kind).into(),
                    speaker: q.speaker.clone(),
                    actor: q.speaker_actor.as_ref().map(|a| a.name.clone()),
                    anonymous: q.anonymous,
                    outlet: q.outlet.clone(),
                })
                .collect();
            (id, gold, sys)
        })
        .collect();
    Ok(results)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let results = load_and_run(&args.gold)?;
    let mut r = Report::default();
    for (id, gold, sys) in &results {
        score_doc(&mut r, gold, sys);
        if args.errors {
            print_errors(id, gold, sys);
        }
    }
    if args.json {
        let v = json!({
            "documents": results.len(),
            "match_threshold": MATCH_THRESHOLD,
            "all": prf_json(&r.all),
            "direct": prf_json(&r.direct),
            "mixed": prf_json(&r.mixed),
            "indirect": prf_json(&r.indirect),
            "quoted": prf_json(&r.quoted),
            "type_accuracy": acc_json(&r.type_acc),
            "speaker_accuracy": acc_json(&r.speaker),
            "speaker_accuracy_direct": acc_json(&r.speaker_direct),
            "pronoun_resolution": acc_json(&r.pronoun),
            "anonymous_accuracy": acc_json(&r.anonymous),
            "outlet_accuracy": acc_json(&r.outlet),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "documents: {}  (match: token Dice >= {MATCH_THRESHOLD})",
            results.len()
        );
        for (name, p) in [
            ("direct", &r.direct),
            ("mixed", &r.mixed),
            ("indirect", &r.indirect),
            ("direct+mixed", &r.quoted),
            ("all (any type)", &r.all),
        ] {
            println!(
                "{name:<15} P {:.3}  R {:.3}  F1 {:.3}   (gold {}, system {}, matched {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.gold,
                p.system,
                p.matched
            );
        }
        for (name, a) in [
            ("type accuracy", &r.type_acc),
            ("speaker accuracy", &r.speaker),
            ("speaker (direct)", &r.speaker_direct),
            ("pronoun speakers resolved", &r.pronoun),
            ("anonymous flag", &r.anonymous),
            ("outlet", &r.outlet),
        ] {
            println!("{name:<26} {:.3}  ({}/{})", a.rate(), a.correct, a.total);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_errors(id: &str, gold: &[EvalQuote], sys: &[EvalQuote]) {
    let g: Vec<&EvalQuote> = gold.iter().collect();
    let s: Vec<&EvalQuote> = sys.iter().collect();
    let m = scoring::match_quotes(&g, &s);
    let short = |t: &str| t.chars().take(90).collect::<String>();
    println!("## {id}");
    for (i, q) in g.iter().enumerate() {
        match m.iter().find(|p| p.0 == i) {
            None => println!(
                "  MISS {} [{}] {}",
                q.kind,
                q.actor.as_deref().unwrap_or("-"),
                short(&q.text)
            ),
            Some(&(_, j)) => {
                let sq = s[j];
                let gn = q.actor.as_deref().or(q.speaker.as_deref()).unwrap_or("");
                let sn = sq.actor.as_deref().or(sq.speaker.as_deref()).unwrap_or("");
                if q.kind != sq.kind || !scoring::same_speaker(gn, sn) {
                    println!(
                        "  DIFF {}→{} [{}→{}] {}",
                        q.kind,
                        sq.kind,
                        gn,
                        sn,
                        short(&q.text)
                    );
                }
            }
        }
    }
    for (j, q) in s.iter().enumerate() {
        if !m.iter().any(|p| p.1 == j) {
            println!(
                "  FP   {} [{}] {}",
                q.kind,
                q.actor.as_deref().unwrap_or("-"),
                short(&q.text)
            );
        }
    }
}

#[cfg(test)]
mod gold_tests {
    use super::*;

    /// The dev set through the whole pipeline: a regression guard a little
    /// under the figures measured when the gold was built (direct-quote F1
    /// 0.947, speaker accuracy 0.909, pronoun speakers 0.913).
    #[test]
    fn dev_set_meets_the_bars() {
        let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../quotes/testdata/gold.jsonl");
        let results = load_and_run(&gold).expect("gold dev set");
        assert!(results.len() >= 46, "the seed page is in examples/seed");
        let mut r = Report::default();
        for (_, g, s) in &results {
            score_doc(&mut r, g, s);
        }
        assert!(r.direct.f1() >= 0.90, "direct F1 {:.3}", r.direct.f1());
        assert!(
            r.speaker.rate() >= 0.88,
            "speaker accuracy {:.3}",
            r.speaker.rate()
        );
        assert!(
            r.pronoun.rate() >= 0.75,
            "pronoun speakers {:.3}",
            r.pronoun.rate()
        );
    }
}

pub mod scoring {
    //! Scoring extracted quotes against gold quotes.
    //!
    //! **Matching rule (token overlap).** Each quote is reduced to the multiset
    //! of its lower-cased word tokens (maximal runs of letters and digits; marks,
    //! punctuation and span boundaries are ignored, so a quotation split in two
    //! spans and the same words in one span are alike). A system quote and a gold
    //! quote of the same document *match* when the Dice overlap of their token
    //! multisets, `2·|G∩S| / (|G|+|S|)`, is at least [`MATCH_THRESHOLD`] (0.5).
    //! Pairs are matched one-to-one, greedily by decreasing overlap. Precision is
    //! matched system quotes over system quotes, recall matched gold quotes over
    //! gold quotes. A per-type score (e.g. direct-quote F1) keeps only quotes of
    //! that type on *both* sides before matching.
    //!
    //! **Speaker accuracy** is measured over matched pairs whose gold quote names
    //! a speaker: the system's resolved actor name (else its speaker as written)
    //! is right when, after lower-casing and dropping punctuation and leading
    //! articles, it equals the gold actor name, or their last words (surnames,
    //! head nouns) are equal, or one name's words all occur in the other.
    //! **Pronoun resolution** is the same test restricted to pairs whose gold
    //! speaker as written is a personal pronoun. Names are compared with common Latin diacritics
    //! folded ("Erdogan" = "Erdoğan").

    use std::collections::HashMap;

    /// Minimum Dice overlap of token multisets for a match.
    pub const MATCH_THRESHOLD: f64 = 0.5;

    /// A quote reduced to what the evaluation compares.
    #[derive(Debug, Clone, Default)]
    pub struct EvalQuote {
        pub text: String,
        /// `direct`, `mixed` or `indirect`.
        pub kind: String,
        /// The speaker as written.
        pub speaker: Option<String>,
        /// The resolved actor name.
        pub actor: Option<String>,
        pub anonymous: bool,
        pub outlet: Option<String>,
    }

    /// Precision, recall and F1 with their counts.
    #[derive(Debug, Clone, Copy, Default, PartialEq)]
    pub struct Prf {
        pub gold: usize,
        pub system: usize,
        pub matched: usize,
    }

    impl Prf {
        pub fn precision(&self) -> f64 {
            ratio(self.matched, self.system)
        }
        pub fn recall(&self) -> f64 {
            ratio(self.matched, self.gold)
        }
        pub fn f1(&self) -> f64 {
            let (p, r) = (self.precision(), self.recall());
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        }
    }

    /// A correct/total count.
    #[derive(Debug, Clone, Copy, Default, PartialEq)]
    pub struct Acc {
        pub correct: usize,
        pub total: usize,
    }

    impl Acc {
        pub fn rate(&self) -> f64 {
            ratio(self.correct, self.total)
        }
        fn add(&mut self, ok: bool) {
            self.total += 1;
            if ok {
                self.correct += 1;
            }
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }

    /// All figures of one evaluation run.
    #[derive(Debug, Clone, Default)]
    pub struct Report {
        /// All quotes, type ignored.
        pub all: Prf,
        pub direct: Prf,
        pub mixed: Prf,
        pub indirect: Prf,
        /// Direct and mixed together (everything inside quote marks).
        pub quoted: Prf,
        /// Type agreement over matched pairs (all-quotes matching).
        pub type_acc: Acc,
        /// Speaker over matched pairs (all-quotes matching).
        pub speaker: Acc,
        /// Speaker over matched direct-quote pairs.
        pub speaker_direct: Acc,
        /// Speaker over matched pairs whose gold speaker is a pronoun.
        pub pronoun: Acc,
        /// Anonymous flag over matched pairs.
        pub anonymous: Acc,
        /// Outlet over matched pairs where gold or system names one.
        pub outlet: Acc,
    }

    /// Lower-cased word tokens of a text.
    pub fn tokens(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// Lower-cased name words with common Latin diacritics folded.
    fn name_tokens(s: &str) -> Vec<String> {
        tokens(s)
            .into_iter()
            .map(|w| {
                w.chars()
                    .map(|c| match c {
                        'á' | 'à' | 'â' | 'ä' | 'ã' | 'ą' => 'a',
                        'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
                        'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
                        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
                        'ú' | 'ù' | 'û' | 'ü' => 'u',
                        'ç' | 'ć' | 'č' => 'c',
                        'ğ' => 'g',
                        'ł' => 'l',
                        'ñ' | 'ń' => 'n',
                        'ś' | 'ş' | 'š' => 's',
                        'ź' | 'ż' | 'ž' => 'z',
                        c => c,
                    })
                    .collect()
            })
            .collect()
    }

    /// Dice overlap of two token multisets.
    pub fn dice(a: &[String], b: &[String]) -> f64 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let mut counts: HashMap<&str, i32> = HashMap::new();
        for w in a {
            *counts.entry(w.as_str()).or_default() += 1;
        }
        let mut common = 0;
        for w in b {
            if let Some(c) = counts.get_mut(w.as_str()) {
                if *c > 0 {
                    *c -= 1;
                    common += 1;
                }
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }

    /// Greedy one-to-one matching; returns (gold index, system index) pairs.
    pub fn match_quotes(gold: &[&EvalQuote], sys: &[&EvalQuote]) -> Vec<(usize, usize)> {
        let gt: Vec<Vec<String>> = gold.iter().map(|q| tokens(&q.text)).collect();
        let st: Vec<Vec<String>> = sys.iter().map(|q| tokens(&q.text)).collect();
        let mut cands = Vec::new();
        for (i, g) in gt.iter().enumerate() {
            for (j, s) in st.iter().enumerate() {
                let d = dice(g, s);
                if d >= MATCH_THRESHOLD {
                    cands.push((d, i, j));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gu = vec![false; gold.len()];
        let mut su = vec![false; sys.len()];
        let mut out = Vec::new();
        for (_, i, j) in cands {
            if !gu[i] && !su[j] {
                gu[i] = true;
                su[j] = true;
                out.push((i, j));
            }
        }
        out
    }

    fn norm_name(s: &str) -> Vec<String> {
        let mut t = name_tokens(s);
        while t
            .first()
            .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
        {
            t.remove(0);
        }
        t
    }

    /// Whether two speaker names denote the same speaker (see module docs).
    pub fn same_speaker(gold: &str, sys: &str) -> bool {
        let g = norm_name(gold);
        let s = norm_name(sys);
        if g.is_empty() || s.is_empty() {
            return false;
        }
        g == s
            || g.last() == s.last()
            || g.iter().all(|w| s.contains(w))
            || s.iter().all(|w| g.contains(w))
    }

    fn is_pronoun(s: &str) -> bool {
        matches!(
            s.trim().to_lowercase().as_str(),
            "he" | "she" | "they" | "i" | "we" | "him" | "her" | "it"
        )
    }

    fn prf(gold: &[&EvalQuote], sys: &[&EvalQuote], keep: &dyn Fn(&EvalQuote) -> bool) -> Prf {
        let g: Vec<&EvalQuote> = gold.iter().copied().filter(|q| keep(q)).collect();
        let s: Vec<&EvalQuote> = sys.iter().copied().filter(|q| keep(q)).collect();
        Prf {
            gold: g.len(),
            system: s.len(),
            matched: match_quotes(&g, &s).len(),
        }
    }

    fn add(a: &mut Prf, b: Prf) {
        a.gold += b.gold;
        a.system += b.system;
        a.matched += b.matched;
    }

    /// Scores one document's system quotes against its gold quotes, adding to
    /// `r`.
    pub fn score_doc(r: &mut Report, gold: &[EvalQuote], sys: &[EvalQuote]) {
        let g: Vec<&EvalQuote> = gold.iter().collect();
        let s: Vec<&EvalQuote> = sys.iter().collect();
        add(&mut r.all, prf(&g, &s, &|_| true));
        add(&mut r.direct, prf(&g, &s, &|q| q.kind == "direct"));
        add(&mut r.mixed, prf(&g, &s, &|q| q.kind == "mixed"));
        add(&mut r.indirect, prf(&g, &s, &|q| q.kind == "indirect"));
        add(
            &mut r.quoted,
            prf(&g, &s, &|q| q.kind == "direct" || q.kind == "mixed"),
        );
        for (i, j) in match_quotes(&g, &s) {
            let (gq, sq) = (g[i], s[j]);
            r.type_acc.add(gq.kind == sq.kind);
            let gold_name = gq.actor.as_deref().or(gq.speaker.as_deref());
            if let Some(gn) = gold_name {
                let sn = sq.actor.as_deref().or(sq.speaker.as_deref());
                let ok = sn.is_some_and(|sn| same_speaker(gn, sn));
                r.speaker.add(ok);
                if gq.kind == "direct" {
                    r.speaker_direct.add(ok);
                }
                if gq.speaker.as_deref().is_some_and(is_pronoun) {
                    let resolved = sq.actor.as_deref().filter(|a| !is_pronoun(a));
                    r.pronoun.add(resolved.is_some_and(|a| same_speaker(gn, a)));
                }
            }
            r.anonymous.add(gq.anonymous == sq.anonymous);
            if gq.outlet.is_some() || sq.outlet.is_some() {
                let ok = match (&gq.outlet, &sq.outlet) {
                    (Some(a), Some(b)) => same_speaker(a, b),
                    _ => false,
                };
                r.outlet.add(ok);
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn q(text: &str, kind: &str, actor: &str) -> EvalQuote {
            EvalQuote {
                text: text.into(),
                kind: kind.into(),
                actor: Some(actor.into()),
                ..EvalQuote::default()
            }
        }

        #[test]
        fn overlap_matching_is_one_to_one_and_thresholded() {
            let gold = vec![
                q("We will win, he said. We must.", "direct", "Jane Doe"),
                q("The talks failed", "indirect", "John Roe"),
            ];
            let sys = vec![
                q("We will win,", "direct", "Doe"),
                q("We will win", "direct", "Doe"),
                q("completely different words here", "indirect", "X"),
            ];
            let mut r = Report::default();
            score_doc(&mut r, &gold, &sys);
            assert_eq!(r.all.matched, 1);
            assert_eq!(r.all.system, 3);
            assert_eq!(r.direct.gold, 1);
            assert_eq!(r.speaker.correct, 1);
            assert!((r.all.precision() - 1.0 / 3.0).abs() < 1e-9);
        }

        #[test]
        fn speaker_names_compare_by_surname_and_containment() {
            assert!(same_speaker("Hassan Rouhani", "Rouhani"));
            assert!(same_speaker(
                "the US State Department official",
                "US State Department official"
            ));
            assert!(!same_speaker("John Kerry", "Barack Obama"));
            assert!(!same_speaker("", "Obama"));
        }
    }
}
