//! `GET /api/events`: event mentions with provenance, filtered, ordered and
//! paged, as JSON (the table) or as a CSV/JSONL download of every matching
//! row.

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use entente_store::{EventFilter, EventRow};
use serde::Deserialize;

use super::check_date;
use crate::api::{bad, limit_of, ApiError, Shared};
use crate::Relations;

/// Most rows one download returns.
pub const DOWNLOAD_MAX: usize = 100_000;

#[derive(Deserialize, Default)]
pub(crate) struct EventsQ {
    actor: Option<String>,
    source: Option<String>,
    target: Option<String>,
    #[serde(default)]
    directed: bool,
    /// CAMEO code prefix (a root like `19`, or a full code).
    code: Option<String>,
    /// PLOVER event type (`CONSULT`, `ASSAULT`), case-insensitive.
    plover: Option<String>,
    from: Option<String>,
    to: Option<String>,
    doc_id: Option<String>,
    /// Comma-separated modalities.
    modality: Option<String>,
    /// Least coder confidence, 0–1.
    min_confidence: Option<f32>,
    /// `false` leaves out historical references, `true` keeps only them.
    historical: Option<bool>,
    /// `oldest` (the store's order, default) or `newest`.
    order: Option<String>,
    /// `json` (default), `csv` or `jsonl`.
    format: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

#[derive(PartialEq)]
enum Format {
    Json,
    Csv,
    Jsonl,
}

impl EventsQ {
    fn format(&self) -> Result<Format, ApiError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("") | Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some("jsonl") => Ok(Format::Jsonl),
            Some(f) => Err(bad(format!(
                "format: expected json, csv or jsonl, got {f:?}"
            ))),
        }
    }

    fn newest(&self) -> Result<bool, ApiError> {
        match self.order.as_deref().map(str::trim) {
            None | Some("") | Some("oldest") => Ok(false),
            Some("newest") => Ok(true),
            Some(o) => Err(bad(format!("order: expected oldest or newest, got {o:?}"))),
        }
    }

    /// The store-semantics part of the filter (no paging).
    fn store_filter(&self) -> Result<EventFilter, ApiError> {
        let dyad = match (&self.source, &self.target) {
            (Some(a), Some(b)) => Some((a.to_ascii_uppercase(), b.to_ascii_uppercase())),
            (None, None) => None,
            _ => return Err(bad("give both source and target, or use actor")),
        };
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Ok(EventFilter {
            actor: nonempty(&self.actor).map(|a| a.to_ascii_uppercase()),
            dyad,
            directed: self.directed,
            code: nonempty(&self.code),
            from: nonempty(&self.from),
            to: nonempty(&self.to),
            doc_id: nonempty(&self.doc_id),
            modalities: self
                .modality
                .as_deref()
                .map(|m| {
                    m.split(',')
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            limit: None,
            offset: 0,
        })
    }

    /// The filters the store has no notion of.
    fn extra(&self, rel: &Relations, r: &EventRow) -> bool {
        if let Some(p) = self
            .plover
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if !r
                .plover_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(p))
            {
                return false;
            }
        }
        if let Some(c) = self.min_confidence {
            if r.confidence < c {
                return false;
            }
        }
        if let Some(h) = self.historical {
            if rel.is_historical(r) != h {
                return false;
            }
        }
        true
    }
}

/// Matching row indices in the requested order, and their total.
fn select(rel: &Relations, q: &EventsQ) -> Result<Vec<usize>, ApiError> {
    let f = q.store_filter()?;
    let matched = rel.filter_idx(&f);
    let keep = |i: &usize| q.extra(rel, &rel.rows[*i]);
    if q.newest()? {
        let mut hit = vec![false; rel.rows.len()];
        for i in matched {
            hit[i] = true;
        }
        Ok(rel
            .views
            .newest(rel)
            .iter()
            .copied()
            .filter(|&i| hit[i])
            .filter(keep)
            .collect())
    } else {
        Ok(matched.into_iter().filter(keep).collect())
    }
}

/// `GET /api/events`.
pub async fn events(
    State(st): State<Shared>,
    Query(q): Query<EventsQ>,
) -> Result<Response, ApiError> {
    check_date(&q.from, "from")?;
    check_date(&q.to, "to")?;
    let format = q.format()?;
    // Served from the snapshot loaded at start (or at the last /api/dedup):
    // filtering 10^5 rows in memory beats the SQL plan by two orders of
    // magnitude, and keeps provenance and canonical ids consistent.
    let rel = st.relations();
    let all = select(&rel, &q)?;
    let total = all.len();
    let limit = if format == Format::Json {
        limit_of(q.limit)
    } else {
        q.limit.unwrap_or(DOWNLOAD_MAX).clamp(1, DOWNLOAD_MAX)
    };
    let page = all.into_iter().skip(q.offset).take(limit);
    let (mime, disposition, body) = match format {
        Format::Json => {
            // Rows are pre-serialised: the response is a concatenation.
            let mut body = format!(
                "{{\"limit\":{limit},\"offset\":{},\"total\":{total},\"items\":[",
                q.offset
            );
            for (n, i) in page.enumerate() {
                if n > 0 {
                    body.push(',');
                }
                body.push_str(&rel.rows_json[i]);
            }
            body.push_str("]}");
            ("application/json", None, body)
        }
        Format::Jsonl => {
            let mut body = String::new();
            for i in page {
                body.push_str(&rel.rows_json[i]);
                body.push('\n');
            }
            (
                "application/x-ndjson; charset=utf-8",
                Some("attachment; filename=\"entente-events.jsonl\""),
                body,
            )
        }
        Format::Csv => {
            let mut body = CSV_HEADER.join(",");
            body.push_str("\r\n");
            for i in page {
                csv_row(&mut body, &rel, &rel.rows[i]);
            }
            (
                "text/csv; charset=utf-8",
                Some("attachment; filename=\"entente-events.csv\""),
                body,
            )
        }
    };
    let mut resp = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(mime))],
        body,
    )
        .into_response();
    if let Some(d) = disposition {
        resp.headers_mut()
            .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(d));
    }
    Ok(resp)
}

const CSV_HEADER: &[&str] = &[
    "id",
    "canonical_id",
    "date",
    "doc_date",
    "historical",
    "source",
    "target",
    "cameo",
    "plover_type",
    "quad_class",
    "goldstein",
    "modality",
    "confidence",
    "place",
    "doc_id",
    "sentence",
    "text",
];

/// Appends one CSV record (RFC 4180 quoting). Text cells that a spreadsheet
/// would read as a formula (`=`, `+`, `-`, `@` first) get a leading `'`:
/// article text is untrusted.
fn csv_row(out: &mut String, rel: &Relations, r: &EventRow) {
    let id = crate::relations::mention_id(&r.doc_id, r.idx);
    let doc_date = rel.doc_dates.get(&r.doc_id).map(|d| d.to_string());
    let cells: [(String, bool); 17] = [
        (id.clone(), true),
        (rel.event_of.get(&id).cloned().unwrap_or_default(), true),
        (r.date.clone().unwrap_or_default(), false),
        (doc_date.unwrap_or_default(), false),
        (rel.is_historical(r).to_string(), false),
        (r.source.clone().unwrap_or_default(), true),
        (r.target.clone().unwrap_or_default(), true),
        (r.cameo.clone(), false),
        (r.plover_type.clone().unwrap_or_default(), true),
        (r.quad_class.to_string(), false),
        (r.goldstein.to_string(), false),
        (r.modality.clone(), true),
        (format!("{:.3}", r.confidence), false),
        (r.place.clone().unwrap_or_default(), true),
        (r.doc_id.clone(), true),
        (r.sentence.to_string(), false),
        (r.text.clone(), true),
    ];
    for (n, (cell, text)) in cells.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let guard = *text && cell.starts_with(['=', '+', '-', '@']);
        let cell = if guard {
            format!("'{cell}")
        } else {
            cell.clone()
        };
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}
