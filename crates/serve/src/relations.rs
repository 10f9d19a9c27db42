//! From the store's rows to the analysis crate's records and back: loads all
//! event mentions with their provenance, clusters them into canonical events
//! and writes those to the store.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use entente_analysis::{cluster, CanonicalEvent, DedupParams, EventRecord};
use entente_core::{ActorCode, CameoCode, EventDate, Modality, QuadClass};
use entente_store::{EventFilter, EventRow, Store, StoreError};

/// Everything the relation views need, computed once per load.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// Every event mention as an analysis record.
    pub records: Vec<EventRecord>,
    /// The canonical events.
    pub events: Vec<CanonicalEvent>,
    /// Canonical event id by mention id (`doc_id:idx`).
    pub event_of: HashMap<String, String>,
    /// Index into `events` by canonical event id.
    pub by_id: HashMap<String, usize>,
    /// Mentions that could not become records (bad CAMEO code), skipped.
    pub skipped: usize,
    /// The stored event mentions with provenance, in the store's order
    /// (date, document, index), for fast filtered listing.
    pub rows: Vec<EventRow>,
    /// Each row as the API's JSON object (row fields plus `id`,
    /// `canonical_id`, `doc_date` and `historical`), serialised once at load
    /// time.
    pub rows_json: Vec<String>,
    /// Publication date of every dated document, by document id.
    pub doc_dates: HashMap<String, NaiveDate>,
    /// Views the dashboard derives from the above, built on first use.
    pub views: crate::dashboard::Views,
}

impl Relations {
    /// Clusters `records` into canonical events.
    pub fn from_records(records: Vec<EventRecord>, params: &DedupParams, skipped: usize) -> Self {
        let events = cluster(&records, params);
        let mut event_of = HashMap::new();
        let by_id = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        for e in &events {
            for m in &e.members {
                event_of.insert(m.clone(), e.id.clone());
            }
        }
        Relations {
            records,
            events,
            event_of,
            by_id,
            skipped,
            rows: Vec::new(),
            rows_json: Vec::new(),
            doc_dates: HashMap::new(),
            views: Default::default(),
        }
    }

    /// A stored event row as the API shows it: its fields plus its mention
    /// `id`, the `canonical_id` of the event it reports, its document's
    /// publication date `doc_date` and whether it is `historical` (see
    /// [`Relations::is_historical`]).
    pub fn row_value(&self, e: &EventRow) -> serde_json::Value {
        let mut v = serde_json::to_value(e).unwrap_or(serde_json::Value::Null);
        let mid = mention_id(&e.doc_id, e.idx);
        if let serde_json::Value::Object(m) = &mut v {
            m.insert(
                "canonical_id".into(),
                serde_json::json!(self.event_of.get(&mid)),
            );
            m.insert("id".into(), serde_json::json!(mid));
            m.insert(
                "doc_date".into(),
                serde_json::json!(self.doc_dates.get(&e.doc_id)),
            );
            m.insert("historical".into(), self.is_historical(e).into());
        }
        v
    }

    /// True when the event is dated more than [`HISTORICAL_DAYS`] away from
    /// its document's publication: a reference to the past ("in 1933 …") or
    /// a misread number, not news of the day.
    pub fn is_historical(&self, e: &EventRow) -> bool {
        let date = e
            .date
            .as_deref()
            .and_then(EventDate::parse_iso)
            .map(|d| d.date);
        match (date, self.doc_dates.get(&e.doc_id)) {
            (Some(d), Some(p)) => (d - *p).num_days().abs() > HISTORICAL_DAYS,
            _ => false,
        }
    }

    /// Event mentions matching `f` (the store's filter semantics: actor and
    /// dyad codes match by case-insensitive prefix, dates by ISO string
    /// comparison, undated rows excluded by a date bound), paged.
    pub fn filter_rows(&self, f: &EventFilter) -> Vec<&EventRow> {
        self.filter_idx(f)
            .into_iter()
            .map(|i| &self.rows[i])
            .collect()
    }

    /// Like [`Relations::filter_rows`], as indices into `rows`/`rows_json`.
    pub fn filter_idx(&self, f: &EventFilter) -> Vec<usize> {
        let prefix = |v: &Option<String>, p: &str| {
            v.as_deref().is_some_and(|x| {
                x.len() >= p.len() && x.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
        };
        let limit = f.limit.unwrap_or(usize::MAX);
        // Candidates: the rows of the date range (a slice when the rows are
        // in the store's date order), narrowed to the rows naming the actor
        // (or the dyad's first side) through the snapshot's actor index;
        // every candidate still goes through the whole filter below.
        let (lo, hi) = self
            .views
            .date_range(self, f.from.as_deref(), f.to.as_deref());
        let side = f
            .actor
            .as_deref()
            .or_else(|| f.dyad.as_ref().map(|(a, _)| a.as_str()));
        let candidates: Box<dyn Iterator<Item = usize>> = match side {
            Some(a) => Box::new(
                self.views
                    .rows_naming(self, a)
                    .into_iter()
                    .filter(move |&i| i >= lo && i < hi),
            ),
            None => Box::new(lo..hi),
        };
        candidates
            .map(|i| (i, &self.rows[i]))
            .filter(|(_, r)| {
                if let Some(a) = &f.actor {
                    if !prefix(&r.source, a) && !prefix(&r.target, a) {
                        return false;
                    }
                }
                if let Some((a, b)) = &f.dyad {
                    let fwd = prefix(&r.source, a) && prefix(&r.target, b);
                    let ok = if f.directed {
                        fwd
                    } else {
                        fwd || (prefix(&r.source, b) && prefix(&r.target, a))
                    };
                    if !ok {
                        return false;
                    }
                }
                if let Some(c) = &f.code {
                    if !r.cameo.starts_with(c.as_str()) {
                        return false;
                    }
                }
                if let Some(d) = &f.from {
                    if r.date.as_deref().is_none_or(|x| x < d.as_str()) {
                        return false;
                    }
                }
                if let Some(d) = &f.to {
                    if r.date.as_deref().is_none_or(|x| x > d.as_str()) {
                        return false;
                    }
                }
                if let Some(d) = &f.doc_id {
                    if &r.doc_id != d {
                        return false;
                    }
                }
                f.modalities.is_empty() || f.modalities.iter().any(|m| m == &r.modality)
            })
            .skip(f.offset)
            .take(limit)
            .map(|(i, _)| i)
            .collect()
    }

    /// The canonical event with this id.
    pub fn event(&self, id: &str) -> Option<&CanonicalEvent> {
        self.by_id.get(id).and_then(|&i| self.events.get(i))
    }
}

/// Events dated further than this from their document's publication (in
/// days, either way) are historical references: listed with a mark, kept off
/// the time slider.
pub const HISTORICAL_DAYS: i64 = 90;

/// The mention id of a stored event row: `doc_id:idx`.
pub fn mention_id(doc_id: &str, idx: u32) -> String {
    format!("{doc_id}:{idx}")
}

/// Splits a mention id back into `(doc_id, idx)`.
pub fn split_mention_id(id: &str) -> Option<(&str, u32)> {
    let (d, i) = id.rsplit_once(':')?;
    Some((d, i.parse().ok()?))
}

/// The host of a URL (`https://www.bbc.co.uk/x` → `bbc.co.uk`): the outlet.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn span_text(text: &str, span: Option<[u32; 2]>) -> Option<String> {
    let [s, e] = span?;
    let t = text.get(s as usize..e as usize)?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Converts one stored event mention; `None` when its CAMEO code is invalid.
/// `doc` supplies the outlet, the article date (used when the event has no
/// date of its own) and the text the spans point into.
pub fn record_of(row: &EventRow, doc: Option<&DocMeta>) -> Option<EventRecord> {
    let cameo: CameoCode = row.cameo.parse().ok()?;
    let date = row
        .date
        .as_deref()
        .and_then(EventDate::parse_iso)
        .map(|d| d.date)
        .or_else(|| doc.and_then(|d| d.date));
    let text = doc.map(|d| d.text.as_str()).unwrap_or("");
    Some(EventRecord {
        id: mention_id(&row.doc_id, row.idx),
        doc_id: row.doc_id.clone(),
        outlet: doc.and_then(|d| d.outlet.clone()),
        sentence: row.sentence,
        source: row.source.as_deref().map(ActorCode::new),
        target: row.target.as_deref().map(ActorCode::new),
        source_name: span_text(text, row.source_span),
        target_name: span_text(text, row.target_span),
        quad_class: QuadClass::from_u8(row.quad_class).unwrap_or_else(|| cameo.quad_class()),
        cameo,
        plover_type: row.plover_type.clone(),
        goldstein: row.goldstein,
        modality: Modality::parse(&row.modality).unwrap_or(Modality::Asserted),
        date,
        place: row.place.clone(),
        trigger: span_text(text, Some(row.trigger_span)).unwrap_or_default(),
        sentence_text: row.text.clone(),
    })
}

/// What a record needs from its document.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// URL host (or the `source` when there is no URL).
    pub outlet: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// The analysed text (spans point into it).
    pub text: String,
}

/// Loads every event mention from the store as analysis records.
///
/// Documents are read page by page and dropped once their events are
/// converted, so memory holds the events, not the corpus. Returns the records
/// and how many rows were skipped as unreadable.
pub fn load_records(store: &mut dyn Store) -> Result<(Vec<EventRecord>, usize), StoreError> {
    let (records, skipped, _, _) = load_all(store)?;
    Ok((records, skipped))
}

type Loaded = (
    Vec<EventRecord>,
    usize,
    Vec<EventRow>,
    HashMap<String, NaiveDate>,
);

fn load_all(store: &mut dyn Store) -> Result<Loaded, StoreError> {
    let rows = store.events(&EventFilter::default())?;
    let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_doc.entry(r.doc_id.clone()).or_default().push(i);
    }
    let mut records: Vec<Option<EventRecord>> = vec![None; rows.len()];
    let mut seen: HashSet<String> = HashSet::new();
    let mut doc_dates = HashMap::new();
    const PAGE: usize = 500;
    let mut offset = 0;
    loop {
        let docs = store.documents(PAGE, offset)?;
        for d in &docs {
            let date = d
                .date
                .as_deref()
                .and_then(EventDate::parse_iso)
                .map(|x| x.date);
            if let Some(date) = date {
                doc_dates.insert(d.id.clone(), date);
            }
            let Some(idxs) = by_doc.get(&d.id) else {
                continue;
            };
            seen.insert(d.id.clone());
            let meta = DocMeta {
                outlet: d
                    .url
                    .as_deref()
                    .and_then(url_host)
                    .or_else(|| (!d.source.is_empty()).then(|| d.source.clone())),
                date,
                text: d.text.clone(),
            };
            for &i in idxs {
                records[i] = record_of(&rows[i], Some(&meta));
            }
        }
        if docs.len() < PAGE {
            break;
        }
        offset += PAGE;
    }
    // Events whose document was not listed (should not happen) still count.
    for (i, r) in rows.iter().enumerate() {
        if !seen.contains(&r.doc_id) {
            records[i] = record_of(r, None);
        }
    }
    let total = records.len();
    let out: Vec<EventRecord> = records.into_iter().flatten().collect();
    let skipped = total - out.len();
    Ok((out, skipped, rows, doc_dates))
}

/// Loads and clusters everything in the store.
pub fn load(store: &mut dyn Store, params: &DedupParams) -> Result<Relations, StoreError> {
    let (records, skipped, mut rows, doc_dates) = load_all(store)?;
    // The store's order: date (undated first), document, index.
    rows.sort_by(|a, b| (&a.date, &a.doc_id, a.idx).cmp(&(&b.date, &b.doc_id, b.idx)));
    let mut rel = Relations::from_records(records, params, skipped);
    rel.doc_dates = doc_dates;
    rel.rows_json = rows.iter().map(|r| rel.row_value(r).to_string()).collect();
    rel.rows = rows;
    Ok(rel)
}

/// The store's row for a canonical event.
pub fn to_store_event(e: &CanonicalEvent) -> entente_store::CanonicalEvent {
    entente_store::CanonicalEvent {
        id: e.id.clone(),
        source: e.source.as_ref().map(|c| c.0.clone()),
        target: e.target.as_ref().map(|c| c.0.clone()),
        cameo: e.cameo.as_str().to_string(),
        plover_type: e.plover_type.clone(),
        goldstein: e.goldstein,
        quad_class: e.quad_class.as_u8(),
        modality: e.modality.as_str().to_string(),
        date: e.date.map(|d| d.format("%Y-%m-%d").to_string()),
        place: e.place.clone(),
        mentions: e.members.len() as u32,
        documents: e.docs as u32,
        sources: e.sources as u32,
    }
}

/// Writes the canonical events and their memberships to the store
/// (replacing any earlier deduplication).
pub fn write_canonical(store: &mut dyn Store, rel: &Relations) -> Result<(), StoreError> {
    let events: Vec<_> = rel.events.iter().map(to_store_event).collect();
    let members: Vec<(String, u32, String)> = rel
        .events
        .iter()
        .flat_map(|e| {
            e.members
                .iter()
                .filter_map(|m| split_mention_id(m).map(|(d, i)| (d.to_string(), i, e.id.clone())))
        })
        .collect();
    store.replace_canonical_events(&events, &members)
}
