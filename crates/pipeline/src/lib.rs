//! # entente-pipeline
//!
//! The core library: builds the standard chain of stages
//! (nlp → actors → events → quotes) and runs articles through it.
//!
//! **Parse only what can matter.** The standard chain tags every sentence
//! but gives the dependency parse only to the sentences where a later stage
//! can use it (see [`needs_parse`]): a quotation mark or a speech cue of the
//! quote extractor, or enough possible actor mentions for the event coder
//! together with a word that may trigger an event under the loaded verb and
//! noun dictionaries. The other sentences keep tags, lemmas
//! and features, with `head` 0 and an empty `deprel` ("no parse"), which
//! the actor matcher does not read and coreference treats as unparsed.
//!
//! **Architecture invariant:** the pipeline knows nothing of SQL or HTTP. It
//! takes [`Article`]s and returns annotated [`Doc`]s; storing them is the
//! caller's business (`entente-store`), as is serving them (`entente-serve`).
//!
//! Every document runs within [`Limits`]: text beyond
//! [`Limits::max_text_bytes`] is cut (with a warning on the document), and a
//! stage that panics leaves the document stored with its text and a warning
//! instead of taking the run down.
//!
//! ```
//! let pipeline = entente_pipeline::Pipeline::standard().unwrap();
//! let doc = pipeline.process(entente_core::Article::from_text("Iran condemned the strikes. Talks went on.", None));
//! assert_eq!(doc.sentences.len(), 2);
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use entente_core::{Annotator, Article, CoreError, Doc, DocId, Sentence};
use entente_events::EventCoder;
use entente_nlp::Nlp;

pub use entente_ingest as ingest;

/// Per-document budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest body analysed, in bytes of UTF-8 text; the rest is cut at a
    /// paragraph or sentence end and a warning says so. 1 MB by default:
    /// about 150,000 words, a long book, far beyond any news article (the
    /// longest run to a few tens of thousands of words), and a few seconds
    /// of work.
    pub max_text_bytes: usize,
    /// Longest title kept, in bytes.
    pub max_title_bytes: usize,
    /// CPU time one document may take (its thread's, so a loaded machine
    /// does not change what is done). Checked while parsing (sentences not
    /// yet parsed when it runs out stay unparsed) and between stages (the
    /// remaining stages are skipped); either way the document is stored
    /// with a warning saying what was left out. 30 s by default: a
    /// 1 MB document of ordinary news text takes a few seconds.
    pub max_cpu: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_title_bytes: 2_000,
            max_cpu: DEFAULT_MAX_CPU,
        }
    }
}

/// Default of [`Limits::max_text_bytes`].
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1_000_000;

/// Default of [`Limits::max_cpu`].
pub const DEFAULT_MAX_CPU: Duration = Duration::from_secs(30);

/// A document's CPU-time budget, started when its annotation starts.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    start: f64,
    limit: f64,
}

impl Budget {
    /// Starts a budget of `limit` of this thread's CPU time.
    pub fn start(limit: Duration) -> Budget {
        Budget {
            start: entente_nlp::eval::thread_cpu_seconds(),
            limit: limit.as_secs_f64(),
        }
    }

    /// No limit.
    pub fn unlimited() -> Budget {
        Budget {
            start: 0.0,
            limit: f64::INFINITY,
        }
    }

    /// CPU seconds used so far.
    pub fn used(&self) -> f64 {
        if self.limit.is_infinite() {
            return 0.0;
        }
        entente_nlp::eval::thread_cpu_seconds() - self.start
    }

    /// Whether the budget is used up.
    pub fn exhausted(&self) -> bool {
        self.limit.is_finite() && self.used() > self.limit
    }
}

/// An ordered chain of annotators.
pub struct Pipeline {
    stages: Vec<Box<dyn Annotator>>,
    limits: Limits,
    /// Sentences analysed and parsed by the standard chain.
    counts: Arc<Counts>,
}

/// Sentences seen and parsed, shared by the analysis stage and its pipeline.
#[derive(Debug, Default)]
struct Counts {
    sentences: AtomicUsize,
    parsed: AtomicUsize,
}

impl Pipeline {
    /// The standard chain with the embedded models and dictionaries,
    /// parsing only the sentences that need it.
    pub fn standard() -> Result<Pipeline, CoreError> {
        Pipeline::standard_with(entente_events::Config::default())
    }

    /// The standard chain with the event coder's options set (e.g. its
    /// `min_confidence`).
    pub fn standard_with(events: entente_events::Config) -> Result<Pipeline, CoreError> {
        Pipeline::standard_configured(events, true)
    }

    /// The standard chain; `gate` false parses every sentence (slower; for
    /// comparisons and for outputs that want every sentence parsed).
    pub fn standard_with_gate(gate: bool) -> Result<Pipeline, CoreError> {
        Pipeline::standard_configured(entente_events::Config::default(), gate)
    }

    /// The standard chain with the event coder's options and the parse gate
    /// on or off.
    pub fn standard_configured(
        events: entente_events::Config,
        gate: bool,
    ) -> Result<Pipeline, CoreError> {
        let coder = Arc::new(EventCoder::load()?.with_config(events));
        let counts = Arc::new(Counts::default());
        let mut p = Pipeline::with_stages(vec![
            Box::new(Analyze {
                nlp: Nlp::load()?,
                actors: entente_actors::Actors::load()?,
                coder: coder.clone(),
                gate,
                counts: counts.clone(),
            }),
            Box::new(Events(coder)),
            Box::new(entente_quotes::Quotes::load()?),
            Box::new(entente_actors::places::EventPlaces),
        ]);
        p.counts = counts;
        Ok(p)
    }

    /// Sentences analysed so far by the standard chain, and how many of
    /// them were parsed.
    pub fn parse_counts(&self) -> (usize, usize) {
        (
            self.counts.sentences.load(Ordering::Relaxed),
            self.counts.parsed.load(Ordering::Relaxed),
        )
    }

    /// A custom chain.
    pub fn with_stages(stages: Vec<Box<dyn Annotator>>) -> Pipeline {
        Pipeline {
            stages,
            limits: Limits::default(),
            counts: Arc::default(),
        }
    }

    /// The same chain with other per-document budgets.
    pub fn with_limits(mut self, limits: Limits) -> Pipeline {
        self.limits = limits;
        self
    }

    /// The per-document budgets in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs an article through every stage. A failing stage leaves a warning
    /// on the document and the remaining stages still run. The document id
    /// is derived from the whole article, also when its text is cut.
    pub fn process(&self, mut article: Article) -> Doc {
        let id = DocId::derive(article.url.as_deref(), &article.body);
        let mut notes = Vec::new();
        let body_len = article.body.len();
        if body_len > self.limits.max_text_bytes {
            let at = cut_point(&article.body, self.limits.max_text_bytes);
            article.body.truncate(at);
            notes.push(format!(
                "text of {body_len} bytes is longer than the limit of {} bytes; \
                 only the first {at} bytes were analysed",
                self.limits.max_text_bytes
            ));
        }
        if let Some(t) = article.title.as_mut() {
            if t.len() > self.limits.max_title_bytes {
                let at = floor_char_boundary(t, self.limits.max_title_bytes);
                t.truncate(at);
                notes.push(format!("title cut to {at} bytes"));
            }
        }
        let mut doc = Doc::new(article);
        doc.id = id;
        for n in notes {
            doc.warn("limits", n);
        }
        self.annotate(&mut doc);
        doc
    }

    /// Runs every stage over an existing document.
    ///
    /// A stage that panics (a bug on some unforeseen input) must not take the
    /// other documents of the run with it: its annotations and those of the
    /// stages after it are dropped, and the document keeps its text and a
    /// warning naming the stage.
    pub fn annotate(&self, doc: &mut Doc) {
        let budget = Budget::start(self.limits.max_cpu);
        for (i, stage) in self.stages.iter().enumerate() {
            if i > 0 && budget.exhausted() {
                let skipped: Vec<&str> = self.stages[i..].iter().map(|s| s.name()).collect();
                doc.warn(
                    "limits",
                    format!(
                        "over the CPU budget of {} s after {:.1} s; stages not run: {}",
                        self.limits.max_cpu.as_secs_f64(),
                        budget.used(),
                        skipped.join(", ")
                    ),
                );
                return;
            }
            let result = BUDGET.with(|b| {
                b.set(Some(budget));
                let r = catch_unwind(AssertUnwindSafe(|| stage.annotate(doc)));
                b.set(None);
                r
            });
            match result {
                Ok(Ok(())) => {}
                Ok(Err(e)) => doc.warn(stage.name(), e),
                Err(panic) => {
                    let why = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    doc.sentences.clear();
                    doc.tokens.clear();
                    doc.mentions.clear();
                    doc.events.clear();
                    doc.quotes.clear();
                    doc.warn(
                        stage.name(),
                        format!("internal error ({why}); the document is stored unannotated"),
                    );
                    return;
                }
            }
        }
    }
}

thread_local! {
    /// The budget of the document this thread is annotating, for stages
    /// that can stop part-way ([`Analyze`]); set by [`Pipeline::annotate`].
    static BUDGET: std::cell::Cell<Option<Budget>> = const { std::cell::Cell::new(None) };
}

/// The nlp and actors stages of the standard chain as one stage, so that
/// actor mentions (which read tags only) are known before choosing the
/// sentences to parse; see [`analyze`].
struct Analyze {
    nlp: Nlp,
    actors: entente_actors::Actors,
    coder: Arc<EventCoder>,
    gate: bool,
    counts: Arc<Counts>,
}

impl Annotator for Analyze {
    fn name(&self) -> &'static str {
        "nlp+actors"
    }

    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let budget = BUDGET.with(|b| b.get()).unwrap_or_else(Budget::unlimited);
        let a = analyze_within(&self.nlp, &self.actors, &self.coder, doc, self.gate, budget);
        self.counts
            .sentences
            .fetch_add(doc.sentences.len(), Ordering::Relaxed);
        self.counts.parsed.fetch_add(a.parsed, Ordering::Relaxed);
        Ok(())
    }
}

/// The event coder shared with [`Analyze`].
struct Events(Arc<EventCoder>);

impl Annotator for Events {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        self.0.annotate(doc)
    }
}

/// What [`analyze`] did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Analysis {
    /// Sentences given the dependency parse.
    pub parsed: usize,
    /// Time spent in the actors stage (matching and coreference).
    pub actors: Duration,
}

/// The language analysis and actor stage of the standard chain:
/// tokenizes, splits and tags `doc`, finds actor mentions (which read tags
/// only), parses the sentences [`needs_parse`] selects for `coder` (all of
/// them when `gate` is false), then resolves coreference over the parse.
pub fn analyze(
    nlp: &Nlp,
    actors: &entente_actors::Actors,
    coder: &EventCoder,
    doc: &mut Doc,
    gate: bool,
) -> Analysis {
    analyze_within(nlp, actors, coder, doc, gate, Budget::unlimited())
}

/// [`analyze`] within a CPU-time budget: once it is used up, the sentences
/// not yet parsed stay unparsed (tags and lemmas kept; no events or
/// parse-based coreference there) and the document gets a warning saying
/// how many.
pub fn analyze_within(
    nlp: &Nlp,
    actors: &entente_actors::Actors,
    coder: &EventCoder,
    doc: &mut Doc,
    gate: bool,
    budget: Budget,
) -> Analysis {
    let tagged = nlp.tag_doc(doc);
    let t0 = Instant::now();
    let (mentions, infos) = actors.find_mentions_dating(doc);
    let mut actor_time = t0.elapsed();
    let wanted: Option<Vec<bool>> = gate.then(|| {
        let possible = entente_actors::coref::possible_mentions(doc, &mentions);
        let need = coder.actors_needed();
        doc.sentences
            .iter()
            .zip(&possible)
            .map(|(s, &p)| needs_parse(coder, doc, s, p >= need))
            .collect()
    });
    // The budget is read every few sentences (a clock read costs more than
    // tagging a short sentence).
    let mut over: Option<usize> = None;
    let mut unparsed = 0;
    let mut asked = 0usize;
    let parsed = nlp.parse_sentences(doc, &tagged, |i| {
        let want = wanted
            .as_ref()
            .is_none_or(|w| w.get(i).copied().unwrap_or(true));
        if !want {
            return false;
        }
        asked += 1;
        if over.is_none() && asked.is_multiple_of(16) && budget.exhausted() {
            over = Some(i);
        }
        if over.is_some() {
            unparsed += 1;
        }
        over.is_none()
    });
    if let Some(at) = over {
        doc.warn(
            "limits",
            format!(
                "over the CPU budget after {:.1} s at sentence {at} of {}; \
                 {unparsed} sentences left unparsed (no events coded there)",
                budget.used(),
                doc.sentences.len()
            ),
        );
    }
    let t1 = Instant::now();
    actors.finish(doc, mentions, infos);
    actor_time += t1.elapsed();
    Analysis {
        parsed,
        actors: actor_time,
    }
}

/// Whether a tagged sentence needs the dependency parse: it has a
/// quotation mark or a speech cue of the quote extractor, or it may hold
/// enough actors for the event coder (`enough_actors`, from
/// [`entente_actors::coref::possible_mentions`] and
/// [`EventCoder::actors_needed`]) and a word that may trigger an event
/// under `coder`'s loaded dictionaries ([`EventCoder::may_trigger`]). The
/// coder codes nothing in the other sentences whatever their parse, and the
/// quote extractor does not read the parse.
pub fn needs_parse(coder: &EventCoder, doc: &Doc, s: &Sentence, enough_actors: bool) -> bool {
    let Some(tokens) = doc.tokens.get(s.tokens()) else {
        return true;
    };
    let mut form = String::new();
    let mut lemma = String::new();
    let mut trigger = false;
    for t in tokens {
        let f = doc.slice(t.span);
        if f.chars().any(entente_quotes::quote_mark) {
            return true;
        }
        form.clear();
        form.extend(f.chars().map(|c| c.to_ascii_lowercase()));
        if entente_quotes::speech_cue(&form) {
            return true;
        }
        if enough_actors && !trigger {
            lemma.clear();
            if t.lemma != "_" {
                lemma.extend(t.lemma.chars().map(|c| c.to_ascii_lowercase()));
            }
            trigger = coder.may_trigger(&form, &lemma);
        }
    }
    trigger
}

/// The largest char boundary at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where to cut a text to at most `max` bytes: the last paragraph break in
/// the final tenth before the limit, else the last sentence end (". ")
/// there, else the last whitespace, else a char boundary.
fn cut_point(text: &str, max: usize) -> usize {
    let hard = floor_char_boundary(text, max);
    let from = floor_char_boundary(text, hard - hard / 10);
    let window = &text[from..hard];
    if let Some(i) = window.rfind("\n\n") {
        return from + i;
    }
    if let Some(i) = window.rfind(". ") {
        return from + i + 1;
    }
    if let Some(i) = window.rfind(char::is_whitespace) {
        return from + i;
    }
    hard
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Boom;
    impl Annotator for Boom {
        fn name(&self) -> &'static str {
            "boom"
        }
        fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
            if doc.text.contains("boom") {
                panic!("exploded on purpose");
            }
            Ok(())
        }
    }

    #[test]
    fn a_panicking_stage_leaves_the_document_with_a_warning() {
        let p = Pipeline::with_stages(vec![Box::new(Boom)]);
        let doc = p.process(Article::from_text("it goes boom here", None));
        assert_eq!(doc.text, "it goes boom here");
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(doc.warnings[0].starts_with("boom: internal error (exploded on purpose)"));
        let fine = p.process(Article::from_text("all quiet", None));
        assert!(fine.warnings.is_empty());
    }

    #[test]
    fn long_texts_are_cut_at_a_sentence_end_and_keep_their_id() {
        let body = "Iran condemned the strikes. ".repeat(100);
        let p = Pipeline::with_stages(Vec::new()).with_limits(Limits {
            max_text_bytes: 1000,
            ..Limits::default()
        });
        let doc = p.process(Article::from_text(&body, None));
        assert!(doc.text.len() <= 1000 && doc.text.len() > 900);
        assert!(doc.text.ends_with("strikes."), "{:?}", &doc.text[900..]);
        assert_eq!(doc.id, DocId::derive(None, &body));
        assert_eq!(doc.warnings.len(), 1);
        assert!(
            doc.warnings[0].contains("2800 bytes"),
            "{}",
            doc.warnings[0]
        );
        // Multi-byte text is cut on a char boundary.
        let wide = "é".repeat(1000);
        let doc = p.process(Article::from_text(&wide, None));
        assert!(doc.text.len() <= 1000 && doc.text.chars().all(|c| c == 'é'));
    }
}
