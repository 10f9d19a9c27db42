use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{ActorCode, CameoCode, EventDate, Modality, QuadClass, Span};

/// A cleaned article as the ingest stage hands it on: main text plus metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from: a file path, `path:line` for JSONL, or a WARC record id.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date or date-time, ISO 8601 (`2014-09-25` or
    /// `2014-09-25T10:00:00Z`); `None` when unknown — never invented.
    pub date: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub language: Option<String>,
    /// Main text, paragraphs separated by a blank line.
    pub body: String,
    /// Boilerplate that is metadata rather than body (disclaimers, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The site's section for the article ("World", "Business"), from
    /// `article:section`, JSON-LD `articleSection`, a breadcrumb trail or
    /// a clear URL path; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The page's canonical address (`<link rel=canonical>` or `og:url`),
    /// absolute; `None` when the page names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
}

impl Article {
    /// An article that is just a body (plus URL when known).
    pub fn from_text(body: &str, url: Option<String>) -> Article {
        Article {
            body: body.to_string(),
            url,
            ..Article::default()
        }
    }
}

/// A document id: 16 hex digits of SHA-256 over the URL (when known) and the
/// body text. The same article ingested twice gets the same id, which is what
/// makes ingestion idempotent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    /// Derives the id from content and URL.
    pub fn derive(url: Option<&str>, body: &str) -> DocId {
        let mut h = Sha256::new();
        if let Some(u) = url {
            h.update(u.trim().as_bytes());
        }
        h.update([0u8]);
        h.update(body.as_bytes());
        let digest = h.finalize();
        DocId(hex::encode(&digest[..8]))
    }
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A sentence: its span in the text and its range of tokens in [`Doc::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the first token in [`Doc::tokens`].
    pub token_start: u32,
    /// One past the last token.
    pub token_end: u32,
}

impl Sentence {
    /// The token index range in [`Doc::tokens`].
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.token_start as usize..self.token_end as usize
    }
}

/// A token with its morpho-syntactic annotation (CoNLL-U fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Token {
    pub span: Span,
    /// Universal POS tag (`NOUN`, `VERB`, `PROPN`, …); empty before tagging.
    pub upos: String,
    /// Penn Treebank tag (`NN`, `VBD`, …).
    pub xpos: String,
    pub lemma: String,
    /// UD features, `Tense=Past|VerbForm=Fin` or `_`.
    pub feats: String,
    /// Head as in CoNLL-U: 0 is the root, else the 1-based index of the head
    /// token *within the sentence*.
    pub head: u32,
    /// Universal Dependencies relation (`nsubj`, `obj`, `obl:tmod`, …).
    pub deprel: String,
}

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name in the knowledge base ("Hassan Rouhani", "Tehran").
    Name,
    /// An adjective or demonym ("Iranian officials").
    Demonym,
    /// A personal pronoun ("he", "they").
    Pronoun,
    /// A definite description ("the group", "the country").
    Description,
    /// A named entity not in the knowledge base, kept with its text.
    Unknown,
}

/// An actor mention: where it is, what it resolves to and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub sentence: u32,
    pub span: Span,
    /// Token range in [`Doc::tokens`].
    pub token_start: u32,
    pub token_end: u32,
    pub kind: MentionKind,
    /// The resolved CAMEO actor code, when known.
    pub code: Option<ActorCode>,
    /// Knowledge-base name of the actor ("Hassan Rouhani", "Iran").
    pub actor: Option<String>,
    /// For coreference: index in [`Doc::mentions`] of the mention this one
    /// points to.
    pub antecedent: Option<u32>,
    /// The rule or dictionary entry that produced the resolution.
    pub rule: String,
}

/// The country an article is about: the state its coded mentions name most
/// often (ties: the first named). A state is three upper-case letters that
/// are not an IGO, IMG, NGO or company prefix (nor an agent with no
/// country, `---`). Shared by the actors stage (roles with no country of
/// their own) and the event coder (agents with no country).
pub fn main_country(mentions: &[Mention]) -> Option<String> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let Some(c) = m.code.as_ref().and_then(|c| c.as_str().get(..3)) else {
            continue;
        };
        if !c.bytes().all(|b| b.is_ascii_uppercase()) || matches!(c, "IGO" | "IMG" | "NGO" | "MNC")
        {
            continue;
        }
        match counts.iter_mut().find(|x| x.0 == c) {
            Some(x) => x.1 += 1,
            None => counts.push((c, 1, i)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|x| x.0.to_string())
}

/// An event: who did what to whom, when, where, how sure, and which words say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence: u32,
    pub source: Option<ActorCode>,
    pub target: Option<ActorCode>,
    pub cameo: CameoCode,
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Option<String>,
    pub goldstein: f32,
    pub quad_class: QuadClass,
    pub modality: Modality,
    pub date: Option<EventDate>,
    pub place: Option<String>,
    pub trigger_span: Span,
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
    /// Index into [`Doc::mentions`] of the source/target mentions, when any.
    pub source_mention: Option<u32>,
    pub target_mention: Option<u32>,
    /// 0..1.
    pub confidence: f32,
    /// The dictionary pattern or rule that fired.
    pub rule: String,
}

/// Direct, mixed (partly quoted) or indirect (reported) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteType {
    Direct,
    Mixed,
    Indirect,
}

/// A resolved actor: display name and code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub name: String,
    pub code: Option<ActorCode>,
}

/// A quotation or reported statement with its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// First sentence the quote touches.
    pub sentence: u32,
    /// The quoted (or reported) content, as written.
    pub quote: String,
    /// Spans of the content (several when interrupted by the attribution).
    pub quote_spans: Vec<Span>,
    #[serde(rename = "type")]
    pub kind: QuoteType,
    /// The speaker as written ("he", "an anonymous senior Iranian official").
    pub speaker: Option<String>,
    pub speaker_span: Option<Span>,
    /// The speaker resolved to an actor (through coreference when a pronoun).
    pub speaker_actor: Option<ActorRef>,
    /// Index into [`Doc::mentions`] of the speaker mention.
    pub speaker_mention: Option<u32>,
    /// Cue verb lemma ("say", "tell", "deny") and its class.
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    pub cue_class: Option<String>,
    /// True when the source is unnamed ("a senior official", "sources").
    pub anonymous: bool,
    /// What can be inferred about an anonymous source (country, institution, rank).
    pub anonymous_inferred: Option<String>,
    /// Addressee or outlet ("NBC News", "Reuters", "journalists").
    pub outlet: Option<String>,
    /// Hedging of the attribution ("partially confirmed", "some reports suggest").
    pub hedge: Option<String>,
    /// Indexes into [`Doc::events`] of the events this attribution states:
    /// the speech act itself (a CAMEO 01–02 event triggered by the cue) and
    /// events coded inside its content ("X accused Y of …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<u32>,
}

/// A document moving through the pipeline: the cleaned text plus everything
/// the stages have added. All spans point into [`Doc::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub id: DocId,
    pub article: Article,
    /// The analysed text: the title (when known) as the first paragraph,
    /// then the body.
    pub text: String,
    /// Byte offset where the body starts in `text`.
    pub body_start: u32,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// Non-fatal problems found while processing (stage: message).
    pub warnings: Vec<String>,
    /// Where each event of [`Doc::events`] happened, resolved (same order;
    /// `None` where the event has no place or it is not in the gazetteer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_places: Vec<Option<ResolvedPlace>>,
    /// For an article without a date: the date inferred from its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_date: Option<InferredDate>,
}

/// An event's place resolved by the gazetteer: country, coordinates and
/// how precise they are (as ACLED and UCDP code places).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedPlace {
    /// Country code (ISO 3166 alpha-3, as CAMEO).
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `city`, `region` or `country`.
    pub precision: String,
}

/// A date inferred for an undated article (from the office-holders it names
/// in their office, and a day named in the text), with its window and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// The single best day (used as the article's date, marked inferred).
    pub date: chrono::NaiveDate,
    /// First and last day the article can date from.
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// How the window was found.
    pub reason: String,
}

impl Doc {
    /// Wraps an article, deriving its id and the analysed text.
    pub fn new(article: Article) -> Doc {
        let id = DocId::derive(article.url.as_deref(), &article.body);
        let mut text = String::new();
        if let Some(t) = article
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !article.body.trim_start().starts_with(t) {
                text.push_str(t);
                text.push_str("\n\n");
            }
        }
        let body_start = text.len() as u32;
        text.push_str(&article.body);
        Doc {
            id,
            article,
            text,
            body_start,
            sentences: Vec::new(),
            tokens: Vec::new(),
            mentions: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            warnings: Vec::new(),
            inferred_date: None,
            event_places: Vec::new(),
        }
    }

    /// The article's publication date, when known and readable; else the
    /// inferred date, with [`DatePrecision::Inferred`](crate::DatePrecision).
    pub fn date(&self) -> Option<EventDate> {
        self.article
            .date
            .as_deref()
            .and_then(EventDate::parse_iso)
            .or_else(|| {
                self.inferred_date.as_ref().map(|d| EventDate {
                    date: d.date,
                    precision: crate::DatePrecision::Inferred,
                })
            })
    }

    /// Records a non-fatal problem.
    pub fn warn(&mut self, stage: &str, message: impl std::fmt::Display) {
        self.warnings.push(format!("{stage}: {message}"));
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The tokens of sentence `i` (empty when out of range).
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => self.tokens.get(s.tokens()).unwrap_or(&[]),
            None => &[],
        }
    }
}
