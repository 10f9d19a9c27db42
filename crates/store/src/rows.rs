//! Row types: what the store returns, flattened and serializable, so the CLI
//! and the HTTP API can print them as JSON, CSV or tables without SQL.

use serde::{Deserialize, Serialize};

/// A stored document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub id: String,
    /// The first (in sort order) of the input locations the document was
    /// read from.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub text: String,
    pub body_start: u32,
    pub notes: Vec<String>,
    pub entente_version: String,
    /// The site's section ("World"), when the page says.
    #[serde(default)]
    pub section: Option<String>,
    /// The page's canonical URL, when it gives one.
    #[serde(default)]
    pub canonical_url: Option<String>,
}

/// A stored sentence (byte offsets into the document text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow {
    pub doc_id: String,
    pub idx: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// A stored actor mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub doc_id: String,
    pub idx: u32,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub kind: String,
    pub code: Option<String>,
    pub actor: Option<String>,
    pub antecedent: Option<u32>,
    pub rule: String,
}

/// A coded event as found in one document, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub doc_id: String,
    pub idx: u32,
    pub sentence: u32,
    /// The sentence text.
    pub text: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: String,
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    pub goldstein: f32,
    pub quad_class: u8,
    pub modality: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub place: Option<String>,
    /// `[start, end]` byte offsets into the document text.
    pub trigger_span: [u32; 2],
    pub source_span: Option<[u32; 2]>,
    pub target_span: Option<[u32; 2]>,
    pub confidence: f32,
    pub rule: String,
    /// The canonical event this mention belongs to, once deduplicated.
    pub event_id: Option<String>,
    pub entente_version: String,
    /// The place resolved by the gazetteer: country, `city`/`region`/
    /// `country` precision, coordinates.
    #[serde(default)]
    pub place_country: Option<String>,
    #[serde(default)]
    pub place_precision: Option<String>,
    #[serde(default)]
    pub place_lat: Option<f64>,
    #[serde(default)]
    pub place_lon: Option<f64>,
}

/// One real-world event: a cluster of event mentions across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CanonicalEvent {
    pub id: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: String,
    pub plover_type: Option<String>,
    pub goldstein: f32,
    pub quad_class: u8,
    pub modality: String,
    pub date: Option<String>,
    pub place: Option<String>,
    /// How many event mentions the cluster holds.
    pub mentions: u32,
    /// How many distinct documents report it.
    pub documents: u32,
    /// How many independent sources (distinct outlets/sites) report it.
    pub sources: u32,
}

/// A stored quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub doc_id: String,
    pub idx: u32,
    pub sentence: u32,
    pub quote: String,
    pub quote_spans: Vec<[u32; 2]>,
    #[serde(rename = "type")]
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_span: Option<[u32; 2]>,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
    pub cue: Option<String>,
    pub cue_class: Option<String>,
    pub anonymous: bool,
    pub anonymous_inferred: Option<String>,
    pub outlet: Option<String>,
    pub hedge: Option<String>,
    pub entente_version: String,
}

/// Filters for event queries. Actor filters match a code prefix (`IRN`
/// matches `IRNGOV`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventFilter {
    /// Either side is this actor.
    pub actor: Option<String>,
    /// Source and target (in either direction unless `directed`).
    pub dyad: Option<(String, String)>,
    pub directed: bool,
    /// CAMEO code prefix (`19`, `042`).
    pub code: Option<String>,
    /// Inclusive ISO dates.
    pub from: Option<String>,
    pub to: Option<String>,
    pub doc_id: Option<String>,
    /// Only these modalities (empty = all).
    pub modalities: Vec<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// Filters for quote queries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuoteFilter {
    /// Speaker actor code prefix.
    pub actor: Option<String>,
    pub doc_id: Option<String>,
    pub anonymous: Option<bool>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// What the store holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub documents: u64,
    /// Documents without a date whose date was inferred from their text.
    #[serde(default)]
    pub dated_inferred: u64,
    pub sentences: u64,
    pub mentions: u64,
    /// Canonical (deduplicated) events.
    pub events: u64,
    /// Coded events as found in documents, before deduplication.
    pub event_mentions: u64,
    pub quotes: u64,
    pub warnings: u64,
    /// Most frequent directed dyads among event mentions: (source, target, count).
    pub top_dyads: Vec<(String, String, u64)>,
    /// Most frequent CAMEO roots: (root, count).
    pub top_roots: Vec<(String, u64)>,
    /// Most quoted speakers: (speaker as resolved or written, count).
    pub top_speakers: Vec<(String, u64)>,
    /// Most frequent unknown named entities: (text, count).
    pub top_unknown_actors: Vec<(String, u64)>,
    /// Most recent warnings: (source, message).
    pub recent_warnings: Vec<(String, String)>,
}

impl EventRow {
    /// The row for event `idx` of an annotated document, as the store would
    /// return it (used to stream events without a round trip through SQL).
    pub fn from_doc(doc: &entente_core::Doc, idx: usize) -> Option<EventRow> {
        let e = doc.events.get(idx)?;
        let place = doc.event_places.get(idx).and_then(Option::as_ref);
        let pair = |s: Option<entente_core::Span>| s.map(|s| [s.start, s.end]);
        let text = doc
            .sentences
            .get(e.sentence as usize)
            .map(|s| doc.slice(s.span).to_string())
            .unwrap_or_default();
        Some(EventRow {
            doc_id: doc.id.0.clone(),
            idx: idx as u32,
            sentence: e.sentence,
            text,
            source: e.source.as_ref().map(|c| c.0.clone()),
            target: e.target.as_ref().map(|c| c.0.clone()),
            cameo: e.cameo.as_str().to_string(),
            plover_type: e.plover_type.clone(),
            plover_mode: e.plover_mode.clone(),
            goldstein: e.goldstein,
            quad_class: e.quad_class.as_u8(),
            modality: e.modality.as_str().to_string(),
            date: e.date.map(|d| d.to_string()),
            date_precision: e.date.map(|d| d.precision.as_str().to_string()),
            place: e.place.clone(),
            trigger_span: [e.trigger_span.start, e.trigger_span.end],
            source_span: pair(e.source_span),
            target_span: pair(e.target_span),
            confidence: e.confidence,
            rule: e.rule.clone(),
            event_id: None,
            entente_version: entente_core::VERSION.to_string(),
            place_country: place.map(|p| p.country.clone()),
            place_precision: place.map(|p| p.precision.clone()),
            place_lat: place.and_then(|p| p.lat),
            place_lon: place.and_then(|p| p.lon),
        })
    }
}
