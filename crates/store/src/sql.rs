//! Back-end-neutral SQL: statements with `?` placeholders, parameters as
//! [`Param`], and row decoding through [`RowLike`]. The SQLite back end runs
//! them as they are; the PostgreSQL one rewrites `?` to `$n`.

use entente_core::{Doc, VERSION};

use crate::rows::*;

/// A bound parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<&str> for Param {
    fn from(s: &str) -> Param {
        Param::Text(s.to_string())
    }
}
impl From<String> for Param {
    fn from(s: String) -> Param {
        Param::Text(s)
    }
}
impl From<Option<String>> for Param {
    fn from(s: Option<String>) -> Param {
        s.map_or(Param::Null, Param::Text)
    }
}
impl From<Option<&str>> for Param {
    fn from(s: Option<&str>) -> Param {
        s.map_or(Param::Null, |s| Param::Text(s.to_string()))
    }
}
impl From<i64> for Param {
    fn from(v: i64) -> Param {
        Param::Int(v)
    }
}
impl From<u32> for Param {
    fn from(v: u32) -> Param {
        Param::Int(v as i64)
    }
}
impl From<Option<u32>> for Param {
    fn from(v: Option<u32>) -> Param {
        v.map_or(Param::Null, |v| Param::Int(v as i64))
    }
}
impl From<f32> for Param {
    fn from(v: f32) -> Param {
        Param::Real(v as f64)
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Param {
        Param::Int(v as i64)
    }
}

/// Column access common to both back ends (columns by position).
pub trait RowLike {
    fn text(&self, i: usize) -> String;
    fn opt_text(&self, i: usize) -> Option<String>;
    fn int(&self, i: usize) -> i64;
    fn opt_int(&self, i: usize) -> Option<i64>;
    fn real(&self, i: usize) -> f64;
}

/// One statement of a document write.
pub struct Insert {
    pub sql: &'static str,
    pub params: Vec<Param>,
}

pub const INSERT_DOCUMENT: &str = "INSERT INTO documents (id, url, title, date, authors, tags, language, text, body_start, notes, entente_version, section, canonical_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
pub const INSERT_SOURCE: &str =
    "INSERT INTO document_sources (doc_id, source) VALUES (?, ?) ON CONFLICT (doc_id, source) DO NOTHING";

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn span_pair(s: Option<entente_core::Span>) -> (Param, Param) {
    match s {
        Some(s) => (Param::Int(s.start as i64), Param::Int(s.end as i64)),
        None => (Param::Null, Param::Null),
    }
}

/// The document row (written first; its conflict tells whether the document
/// is new).
pub fn document_insert(doc: &Doc) -> Insert {
    let a = &doc.article;
    Insert {
        sql: INSERT_DOCUMENT,
        params: vec![
            doc.id.as_str().into(),
            a.url.as_deref().into(),
            a.title.as_deref().into(),
            a.date.as_deref().into(),
            json(&a.authors).into(),
            json(&a.tags).into(),
            a.language.as_deref().into(),
            doc.text.as_str().into(),
            doc.body_start.into(),
            json(&a.notes).into(),
            VERSION.into(),
            a.section.as_deref().into(),
            a.canonical_url.as_deref().into(),
        ],
    }
}

/// All rows that hang off a document.
pub fn child_inserts(doc: &Doc) -> Vec<Insert> {
    let id = doc.id.as_str();
    let mut out = vec![Insert {
        sql: INSERT_SOURCE,
        params: vec![id.into(), doc.article.source.as_str().into()],
    }];
    for (i, s) in doc.sentences.iter().enumerate() {
        out.push(Insert {
            sql: "INSERT INTO sentences (doc_id, idx, start_byte, end_byte, text, entente_version) VALUES (?, ?, ?, ?, ?, ?)",
            params: vec![
                id.into(),
                (i as i64).into(),
                s.span.start.into(),
                s.span.end.into(),
                doc.slice(s.span).into(),
                VERSION.into(),
            ],
        });
    }
    for (i, m) in doc.mentions.iter().enumerate() {
        out.push(Insert {
            sql: "INSERT INTO mentions (doc_id, idx, sentence, start_byte, end_byte, text, kind, code, actor, antecedent, rule, entente_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params: vec![
                id.into(),
                (i as i64).into(),
                m.sentence.into(),
                m.span.start.into(),
                m.span.end.into(),
                doc.slice(m.span).into(),
                serde_plain(&m.kind).into(),
                m.code.as_ref().map(|c| c.as_str().to_string()).into(),
                m.actor.clone().into(),
                m.antecedent.into(),
                m.rule.as_str().into(),
                VERSION.into(),
            ],
        });
    }
    for (i, e) in doc.events.iter().enumerate() {
        let place = doc.event_places.get(i).and_then(Option::as_ref);
        let (ss, se) = span_pair(e.source_span);
        let (ts, te) = span_pair(e.target_span);
        out.push(Insert {
            sql: "INSERT INTO event_mentions (doc_id, idx, sentence, source, target, cameo, cameo_root, plover_type, plover_mode, plover_context, goldstein, quad_class, modality, date, date_precision, place, trigger_start, trigger_end, source_start, source_end, target_start, target_end, confidence, rule, event_id, entente_version, place_country, place_precision, place_lat, place_lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params: vec![
                id.into(),
                (i as i64).into(),
                e.sentence.into(),
                e.source.as_ref().map(|c| c.as_str().to_string()).into(),
                e.target.as_ref().map(|c| c.as_str().to_string()).into(),
                e.cameo.as_str().into(),
                format!("{:02}", e.cameo.root()).into(),
                e.plover_type.clone().into(),
                e.plover_mode.clone().into(),
                e.plover_context.clone().into(),
                e.goldstein.into(),
                (e.quad_class.as_u8() as i64).into(),
                e.modality.as_str().into(),
                e.date.map(|d| d.to_string()).into(),
                e.date.map(|d| d.precision.as_str().to_string()).into(),
                e.place.clone().into(),
                e.trigger_span.start.into(),
                e.trigger_span.end.into(),
                ss,
                se,
                ts,
                te,
                e.confidence.into(),
                e.rule.as_str().into(),
                Param::Null,
                VERSION.into(),
                place.map(|p| p.country.clone()).into(),
                place.map(|p| p.precision.clone()).into(),
                place.and_then(|p| p.lat).map(|x| x.to_string()).into(),
                place.and_then(|p| p.lon).map(|x| x.to_string()).into(),
            ],
        });
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        let spans: Vec<[u32; 2]> = q.quote_spans.iter().map(|s| [s.start, s.end]).collect();
        let (ss, se) = span_pair(q.speaker_span);
        out.push(Insert {
            sql: "INSERT INTO quotes (doc_id, idx, sentence, quote, quote_spans, kind, speaker, speaker_start, speaker_end, speaker_name, speaker_code, cue, cue_class, anonymous, anonymous_inferred, outlet, hedge, entente_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params: vec![
                id.into(),
                (i as i64).into(),
                q.sentence.into(),
                q.quote.as_str().into(),
                json(&spans).into(),
                serde_plain(&q.kind).into(),
                q.speaker.clone().into(),
                ss,
                se,
                q.speaker_actor.as_ref().map(|a| a.name.clone()).into(),
                q.speaker_actor.as_ref().and_then(|a| a.code.as_ref()).map(|c| c.as_str().to_string()).into(),
                q.cue.clone().into(),
                q.cue_class.clone().into(),
                q.anonymous.into(),
                q.anonymous_inferred.clone().into(),
                q.outlet.clone().into(),
                q.hedge.clone().into(),
                VERSION.into(),
            ],
        });
    }
    for w in &doc.warnings {
        // Keyed by document, not by input location: the same document read
        // from two inputs (or by two workers) gives the same rows.
        out.push(warning_insert(&format!("document {id}"), w, Some(id)));
    }
    out
}

/// A warning row (idempotent on `(source, message)`).
pub fn warning_insert(source: &str, message: &str, doc_id: Option<&str>) -> Insert {
    Insert {
        sql: "INSERT INTO warnings (source, message, doc_id, entente_version) VALUES (?, ?, ?, ?) ON CONFLICT (source, message) DO NOTHING",
        params: vec![source.into(), message.into(), doc_id.into(), VERSION.into()],
    }
}

/// A serde enum as its plain string name (`"direct"`).
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A prefix test as a range (`col >= 'IRN' AND col < 'IRO'`), which both
/// back ends answer from an index, unlike `LIKE 'IRN%'`.
/// Codes are upper case, so the prefix is too (`irn` finds `IRNGOV`).
fn prefix(col: &str, p: &str, params: &mut Vec<Param>) -> String {
    let p = p.to_uppercase();
    params.push(p.as_str().into());
    match prefix_end(&p) {
        Some(end) => {
            params.push(end.into());
            format!("({col} >= ? AND {col} < ?)")
        }
        None => format!("{col} >= ?"),
    }
}

/// The smallest string greater than every string starting with `p`.
fn prefix_end(p: &str) -> Option<String> {
    let mut chars: Vec<char> = p.chars().collect();
    while let Some(c) = chars.pop() {
        if let Some(next) = char::from_u32(c as u32 + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Appends `AND …` clauses for an actor-code prefix on either side.
fn push_actor(sql: &mut String, params: &mut Vec<Param>, actor: &str, a: &str, b: &str) {
    let x = prefix(a, actor, params);
    let y = prefix(b, actor, params);
    sql.push_str(&format!(" AND ({x} OR {y})"));
}

/// Shared WHERE clause of event-mention and canonical-event queries.
fn event_where(f: &EventFilter, sql: &mut String, params: &mut Vec<Param>, table: &str) {
    let col = |c: &str| format!("{table}{c}");
    if let Some(a) = &f.actor {
        push_actor(sql, params, a, &col("source"), &col("target"));
    }
    if let Some((a, b)) = &f.dyad {
        let (s, t) = (col("source"), col("target"));
        let ab = format!("({} AND {})", prefix(&s, a, params), prefix(&t, b, params));
        if f.directed {
            sql.push_str(&format!(" AND {ab}"));
        } else {
            let ba = format!("({} AND {})", prefix(&s, b, params), prefix(&t, a, params));
            sql.push_str(&format!(" AND ({ab} OR {ba})"));
        }
    }
    if let Some(c) = &f.code {
        let clause = prefix(&col("cameo"), c, params);
        sql.push_str(&format!(" AND {clause}"));
    }
    if let Some(d) = &f.from {
        sql.push_str(&format!(" AND {} >= ?", col("date")));
        params.push(d.as_str().into());
    }
    if let Some(d) = &f.to {
        // Dates are stored as YYYY-MM-DD; compare on the day.
        sql.push_str(&format!(" AND {} <= ?", col("date")));
        params.push(d.as_str().into());
    }
    if !f.modalities.is_empty() {
        let marks = vec!["?"; f.modalities.len()].join(", ");
        sql.push_str(&format!(" AND {} IN ({marks})", col("modality")));
        for m in &f.modalities {
            params.push(m.as_str().into());
        }
    }
}

fn paging(sql: &mut String, limit: Option<usize>, offset: usize) {
    sql.push_str(&format!(
        " LIMIT {} OFFSET {}",
        limit.unwrap_or(i64::MAX as usize).min(i64::MAX as usize),
        offset
    ));
}

const EVENT_COLS: &str = "e.doc_id, e.idx, e.sentence, s.text, e.source, e.target, e.cameo, e.plover_type, e.plover_mode, e.goldstein, e.quad_class, e.modality, e.date, e.date_precision, e.place, e.trigger_start, e.trigger_end, e.source_start, e.source_end, e.target_start, e.target_end, e.confidence, e.rule, e.event_id, e.entente_version, e.place_country, e.place_precision, e.place_lat, e.place_lon";

/// Event-mention query.
pub fn events_query(f: &EventFilter) -> (String, Vec<Param>) {
    let mut sql = format!(
        "SELECT {EVENT_COLS} FROM event_mentions e JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence WHERE 1=1"
    );
    let mut params = Vec::new();
    event_where(f, &mut sql, &mut params, "e.");
    if let Some(d) = &f.doc_id {
        sql.push_str(" AND e.doc_id = ?");
        params.push(d.as_str().into());
    }
    sql.push_str(" ORDER BY e.date, e.doc_id, e.idx");
    paging(&mut sql, f.limit, f.offset);
    (sql, params)
}

fn opt_pair(a: Option<i64>, b: Option<i64>) -> Option<[u32; 2]> {
    Some([a? as u32, b? as u32])
}

/// Decodes a row of [`events_query`].
pub fn event_row(r: &impl RowLike) -> EventRow {
    EventRow {
        doc_id: r.text(0),
        idx: r.int(1) as u32,
        sentence: r.int(2) as u32,
        text: r.text(3),
        source: r.opt_text(4),
        target: r.opt_text(5),
        cameo: r.text(6),
        plover_type: r.opt_text(7),
        plover_mode: r.opt_text(8),
        goldstein: r.real(9) as f32,
        quad_class: r.int(10) as u8,
        modality: r.text(11),
        date: r.opt_text(12),
        date_precision: r.opt_text(13),
        place: r.opt_text(14),
        trigger_span: [r.int(15) as u32, r.int(16) as u32],
        source_span: opt_pair(r.opt_int(17), r.opt_int(18)),
        target_span: opt_pair(r.opt_int(19), r.opt_int(20)),
        confidence: r.real(21) as f32,
        rule: r.text(22),
        event_id: r.opt_text(23),
        entente_version: r.text(24),
        place_country: r.opt_text(25),
        place_precision: r.opt_text(26),
        place_lat: r.opt_text(27).and_then(|x| x.parse().ok()),
        place_lon: r.opt_text(28).and_then(|x| x.parse().ok()),
    }
}

/// Canonical-event query.
pub fn canonical_query(f: &EventFilter) -> (String, Vec<Param>) {
    let mut sql = "SELECT id, source, target, cameo, plover_type, goldstein, quad_class, modality, date, place, n_mentions, n_documents, n_sources FROM events WHERE 1=1".to_string();
    let mut params = Vec::new();
    event_where(f, &mut sql, &mut params, "");
    sql.push_str(" ORDER BY date, id");
    paging(&mut sql, f.limit, f.offset);
    (sql, params)
}

/// Decodes a row of [`canonical_query`].
pub fn canonical_row(r: &impl RowLike) -> CanonicalEvent {
    CanonicalEvent {
        id: r.text(0),
        source: r.opt_text(1),
        target: r.opt_text(2),
        cameo: r.text(3),
        plover_type: r.opt_text(4),
        goldstein: r.real(5) as f32,
        quad_class: r.int(6) as u8,
        modality: r.text(7),
        date: r.opt_text(8),
        place: r.opt_text(9),
        mentions: r.int(10) as u32,
        documents: r.int(11) as u32,
        sources: r.int(12) as u32,
    }
}

/// A canonical event row insert.
pub fn canonical_insert(e: &CanonicalEvent) -> Insert {
    Insert {
        sql: "INSERT INTO events (id, source, target, cameo, plover_type, goldstein, quad_class, modality, date, place, n_mentions, n_documents, n_sources, entente_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params: vec![
            e.id.as_str().into(),
            e.source.clone().into(),
            e.target.clone().into(),
            e.cameo.as_str().into(),
            e.plover_type.clone().into(),
            e.goldstein.into(),
            (e.quad_class as i64).into(),
            e.modality.as_str().into(),
            e.date.clone().into(),
            e.place.clone().into(),
            e.mentions.into(),
            e.documents.into(),
            e.sources.into(),
            VERSION.into(),
        ],
    }
}

/// Quote query.
pub fn quotes_query(f: &QuoteFilter) -> (String, Vec<Param>) {
    let mut sql = "SELECT q.doc_id, q.idx, q.sentence, q.quote, q.quote_spans, q.kind, q.speaker, q.speaker_start, q.speaker_end, q.speaker_name, q.speaker_code, q.cue, q.cue_class, q.anonymous, q.anonymous_inferred, q.outlet, q.hedge, q.entente_version FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE 1=1".to_string();
    let mut params = Vec::new();
    if let Some(a) = &f.actor {
        let clause = prefix("q.speaker_code", a, &mut params);
        sql.push_str(&format!(" AND {clause}"));
    }
    if let Some(d) = &f.doc_id {
        sql.push_str(" AND q.doc_id = ?");
        params.push(d.as_str().into());
    }
    if let Some(a) = f.anonymous {
        sql.push_str(" AND q.anonymous = ?");
        params.push(a.into());
    }
    if let Some(d) = &f.from {
        sql.push_str(" AND substr(d.date, 1, 10) >= ?");
        params.push(d.as_str().into());
    }
    if let Some(d) = &f.to {
        sql.push_str(" AND substr(d.date, 1, 10) <= ?");
        params.push(d.as_str().into());
    }
    sql.push_str(" ORDER BY q.doc_id, q.idx");
    paging(&mut sql, f.limit, f.offset);
    (sql, params)
}

/// Decodes a row of [`quotes_query`].
pub fn quote_row(r: &impl RowLike) -> QuoteRow {
    QuoteRow {
        doc_id: r.text(0),
        idx: r.int(1) as u32,
        sentence: r.int(2) as u32,
        quote: r.text(3),
        quote_spans: serde_json::from_str(&r.text(4)).unwrap_or_default(),
        kind: r.text(5),
        speaker: r.opt_text(6),
        speaker_span: opt_pair(r.opt_int(7), r.opt_int(8)),
        speaker_name: r.opt_text(9),
        speaker_code: r.opt_text(10),
        cue: r.opt_text(11),
        cue_class: r.opt_text(12),
        anonymous: r.int(13) != 0,
        anonymous_inferred: r.opt_text(14),
        outlet: r.opt_text(15),
        hedge: r.opt_text(16),
        entente_version: r.text(17),
    }
}

pub const DOCUMENT_COLS: &str = "id, (SELECT MIN(source) FROM document_sources s WHERE s.doc_id = documents.id), url, title, date, authors, tags, language, text, body_start, notes, entente_version, section, canonical_url";

/// Decodes a documents row selected with [`DOCUMENT_COLS`].
pub fn document_row(r: &impl RowLike) -> DocumentRow {
    DocumentRow {
        id: r.text(0),
        source: r.opt_text(1).unwrap_or_default(),
        url: r.opt_text(2),
        title: r.opt_text(3),
        date: r.opt_text(4),
        authors: serde_json::from_str(&r.text(5)).unwrap_or_default(),
        tags: serde_json::from_str(&r.text(6)).unwrap_or_default(),
        language: r.opt_text(7),
        text: r.text(8),
        body_start: r.int(9) as u32,
        notes: serde_json::from_str(&r.text(10)).unwrap_or_default(),
        entente_version: r.text(11),
        section: r.opt_text(12),
        canonical_url: r.opt_text(13),
    }
}

pub const SENTENCES_OF: &str =
    "SELECT doc_id, idx, start_byte, end_byte, text FROM sentences WHERE doc_id = ? ORDER BY idx";

/// Decodes a sentence row of [`SENTENCES_OF`].
pub fn sentence_row(r: &impl RowLike) -> SentenceRow {
    SentenceRow {
        doc_id: r.text(0),
        idx: r.int(1) as u32,
        start: r.int(2) as u32,
        end: r.int(3) as u32,
        text: r.text(4),
    }
}

pub const MENTIONS_OF: &str = "SELECT doc_id, idx, sentence, start_byte, end_byte, text, kind, code, actor, antecedent, rule FROM mentions WHERE doc_id = ? ORDER BY idx";

/// Decodes a mention row of [`MENTIONS_OF`].
pub fn mention_row(r: &impl RowLike) -> MentionRow {
    MentionRow {
        doc_id: r.text(0),
        idx: r.int(1) as u32,
        sentence: r.int(2) as u32,
        start: r.int(3) as u32,
        end: r.int(4) as u32,
        text: r.text(5),
        kind: r.text(6),
        code: r.opt_text(7),
        actor: r.opt_text(8),
        antecedent: r.opt_int(9).map(|v| v as u32),
        rule: r.text(10),
    }
}

/// Count queries of the report, in [`Report`] field order.
pub const COUNTS: &[&str] = &[
    "SELECT COUNT(*) FROM documents",
    "SELECT COUNT(*) FROM sentences",
    "SELECT COUNT(*) FROM mentions",
    "SELECT COUNT(*) FROM events",
    "SELECT COUNT(*) FROM event_mentions",
    "SELECT COUNT(*) FROM quotes",
    "SELECT COUNT(*) FROM warnings",
    // Documents without a date, dated from their text (a note the actor
    // stage leaves).
    "SELECT COUNT(*) FROM documents WHERE notes LIKE '%\"date inferred:%'",
];

/// Dyads whose two sides are both identified: a one-sided event or an
/// unknown country (`---GOV`, "officials" of no stated country) says nothing
/// about the relation between two actors.
pub const TOP_DYADS: &str = "SELECT source, target, COUNT(*) AS n FROM event_mentions WHERE source IS NOT NULL AND target IS NOT NULL AND source NOT LIKE '---%' AND target NOT LIKE '---%' GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?";
pub const TOP_ROOTS: &str =
    "SELECT cameo_root, COUNT(*) AS n FROM event_mentions GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?";
pub const TOP_SPEAKERS: &str = "SELECT COALESCE(speaker_name, speaker, '(unattributed)'), COUNT(*) AS n FROM quotes GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?";
pub const TOP_UNKNOWN: &str =
    "SELECT text, COUNT(*) AS n FROM mentions WHERE kind = 'unknown' GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?";
pub const RECENT_WARNINGS: &str =
    "SELECT source, message FROM warnings ORDER BY source, message LIMIT ?";

pub const CLAIM: &str = "INSERT INTO claims (doc_id, worker, claimed_at) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET worker = excluded.worker, claimed_at = excluded.claimed_at WHERE claims.claimed_at < ? RETURNING doc_id";
pub const RELEASE_CLAIM: &str = "DELETE FROM claims WHERE doc_id = ?";
pub const CLAIM_HOLDERS: &str = "SELECT DISTINCT worker FROM claims ORDER BY worker";
pub const RELEASE_WORKER: &str = "DELETE FROM claims WHERE worker = ?";

#[cfg(test)]
mod tests {
    #[test]
    fn prefix_ranges() {
        assert_eq!(super::prefix_end("IRN").as_deref(), Some("IRO"));
        assert_eq!(super::prefix_end("04").as_deref(), Some("05"));
        assert_eq!(super::prefix_end(""), None);
    }
}
