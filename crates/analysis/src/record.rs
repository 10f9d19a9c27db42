//! The input record: one coded event mention with its provenance.

use chrono::NaiveDate;
use entente_core::{ActorCode, CameoCode, Modality, QuadClass};
use serde::{Deserialize, Serialize};

/// One event *mention*: a sentence of an article that reports an event, as
/// the event coder produced it, plus the provenance needed to show the words.
///
/// The store turns its rows into these; tests build them directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Stable id of the mention (`doc_id:idx` for stored mentions).
    pub id: String,
    /// The article it comes from.
    pub doc_id: String,
    /// The publishing outlet (URL host or feed name). Two mentions from one
    /// outlet are not independent sources; `None` falls back to the document.
    pub outlet: Option<String>,
    /// Sentence index within the article.
    pub sentence: u32,
    /// Source actor code (`IRNGOV`), when resolved.
    pub source: Option<ActorCode>,
    /// Target actor code, when resolved.
    pub target: Option<ActorCode>,
    /// Display name of the source actor ("Hassan Rouhani").
    pub source_name: Option<String>,
    /// Display name of the target actor.
    pub target_name: Option<String>,
    /// CAMEO event code.
    pub cameo: CameoCode,
    /// PLOVER event type (`ASSAULT`, `CONSULT`, …), when coded.
    pub plover_type: Option<String>,
    /// Goldstein score, −10 (most hostile) to +10 (most cooperative).
    pub goldstein: f32,
    /// Quad class of the CAMEO root.
    pub quad_class: QuadClass,
    /// Whether the text asserts the event happened.
    pub modality: Modality,
    /// When the event happened (or, failing that, the article date).
    pub date: Option<NaiveDate>,
    /// Where it happened, as written or resolved ("Syria").
    pub place: Option<String>,
    /// The trigger words ("launched … airstrikes").
    pub trigger: String,
    /// The whole sentence, for word overlap and display.
    pub sentence_text: String,
}

impl EventRecord {
    /// The outlet, or the document id when the outlet is unknown: what counts
    /// as one independent source.
    pub fn source_key(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.doc_id)
    }
    /// Network node of the source actor (see [`node_key`]).
    pub fn source_node(&self) -> Option<String> {
        self.source.as_ref().and_then(node_key)
    }
    /// Network node of the target actor (see [`node_key`]).
    pub fn target_node(&self) -> Option<String> {
        self.target.as_ref().and_then(node_key)
    }
}

/// Roots that are not states: their full code identifies the actor.
const NON_STATE_ROOTS: &[&str] = &["IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS"];

/// Generic role/sector parts that do not change *which* actor it is.
const ROLE_PARTS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LEG", "ELI", "AGR", "HLH", "REF", "LAB", "DEV", "HRI", "ENV", "MOD", "RAD", "UAF", "IGO",
];

/// The network node an actor code stands for.
///
/// States collapse to their 3-letter root (`IRNGOV`, `IRNMIL` → `IRN`), so the
/// network is between countries; non-state and international actors keep
/// their identifying code with trailing role parts dropped (`IMGMUSISI`
/// stays, `IGOUNOGOV` → `IGOUNO`). Unknown actors (`---GOV`, empty) are not
/// nodes.
///
/// ```
/// use entente_analysis::node_key;
/// use entente_core::ActorCode;
/// assert_eq!(node_key(&ActorCode::new("IRNGOV")).as_deref(), Some("IRN"));
/// assert_eq!(node_key(&ActorCode::new("IMGMUSISI")).as_deref(), Some("IMGMUSISI"));
/// assert_eq!(node_key(&ActorCode::new("---GOV")), None);
/// ```
pub fn node_key(code: &ActorCode) -> Option<String> {
    let s = code.as_str();
    if s.len() < 3 || !s.is_char_boundary(3) || s.starts_with("---") {
        return None;
    }
    let root = &s[..3];
    if !NON_STATE_ROOTS.contains(&root) {
        return Some(root.to_string());
    }
    let mut end = s.len();
    while end > 6 && s.is_char_boundary(end - 3) && ROLE_PARTS.contains(&&s[end - 3..end]) {
        end -= 3;
    }
    Some(s[..end].to_string())
}
