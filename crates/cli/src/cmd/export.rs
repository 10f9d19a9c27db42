//! `entente export`: canonical events, event mentions or quotes as JSONL,
//! CSV, a GDELT-2.0-style events TSV, or Parquet (cargo feature `parquet`).
//!
//! ## GDELT 2.0 column mapping (`--format gdelt`, events only)
//!
//! One tab-separated row per canonical (deduplicated) event, no header, the
//! 61 columns of the GDELT 2.0 event table in order:
//!
//! | GDELT column | entente value |
//! |---|---|
//! | GLOBALEVENTID | row number in this export (1, 2, …); the entente id is not numeric |
//! | SQLDATE, MonthYear, Year, FractionDate | event date (earliest report) as YYYYMMDD, YYYYMM, YYYY, YYYY + day-of-year/365; empty when undated |
//! | Actor1Code / Actor2Code | source / target CAMEO actor code (`IRNGOV`) |
//! | Actor1Name / Actor2Name | source / target words as written, upper-cased |
//! | Actor1CountryCode | first 3 letters of the code when it is a state |
//! | Actor1KnownGroupCode | the 3 letters after `IGO`/`IMG`/`NGO`/`NGM`/`MNC`/`INT` (e.g. `MUS` for `IMGMUSISI`) |
//! | Actor1EthnicCode, Religion1/2 | empty (not coded) |
//! | Actor1Type1/2/3Code | the role parts after the country (`GOV`, `MIL`, …) |
//! | IsRootEvent | 1 when a report is in an article's first sentence |
//! | EventCode / EventBaseCode / EventRootCode | CAMEO code / its first 3 / first 2 digits |
//! | QuadClass | 1–4 as in GDELT; entente's neutral class (roots 01–02) maps to 1, as GDELT does |
//! | GoldsteinScale | mean Goldstein score of the reports |
//! | NumMentions / NumSources / NumArticles | reports / independent outlets / distinct articles |
//! | AvgTone | empty (tone is not computed) |
//! | Actor1Geo_*, Actor2Geo_* | empty |
//! | ActionGeo_Type | 0 when a place is known, else empty |
//! | ActionGeo_FullName | the event's place as written |
//! | ActionGeo_* (others) | empty (no gazetteer) |
//! | DATEADDED | export time, YYYYMMDDHHMMSS (UTC) |
//! | SOURCEURL | URL of the first article reporting it (else its document id) |

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::Datelike;
use entente_analysis::{CanonicalEvent, DedupParams, EventRecord};
use entente_core::QuadClass;
use entente_serve::relations::{mention_id, Relations};
use entente_store::{EventFilter, QuoteFilter, Store};

use super::common::DbArgs;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    /// GDELT-2.0-style events TSV (events only; see `--help` of the module docs).
    Gdelt,
    /// Apache Parquet (build with `--features parquet`).
    Parquet,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// Canonical (deduplicated) events with their member reports.
    Events,
    /// Event mentions (one per report) with provenance spans.
    Mentions,
    /// Quotes with speakers.
    Quotes,
    /// Canonical events with two or more reports, each report's sentence
    /// alongside (JSONL only): for checking deduplication by hand.
    Clusters,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[arg(long, value_enum, default_value_t = What::Events)]
    pub what: What,
    /// Output file (default: standard output; required for Parquet).
    #[arg(long, short)]
    pub out: Option<String>,
    /// Write one file per period of the `date` column into the folder `--out`,
    /// Hive-style (`date=2024-07/part-0.parquet`), for DuckDB, Spark or
    /// DataFusion. CSV and Parquet only; undated rows go to `date=unknown`.
    #[arg(long, value_enum)]
    pub partition_by: Option<PartitionBy>,
}

/// Period of a date partition.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartitionBy {
    Year,
    Month,
    Day,
}

impl PartitionBy {
    /// The partition key of an ISO date (`2024-07-26` → `2024-07` by month).
    fn key(self, date: Option<&str>) -> String {
        let n = match self {
            PartitionBy::Year => 4,
            PartitionBy::Month => 7,
            PartitionBy::Day => 10,
        };
        date.and_then(|d| d.get(..n))
            .unwrap_or("unknown")
            .to_string()
    }
}

impl Table {
    /// The rows at `idx`, in that order.
    fn take(&self, idx: &[usize]) -> Table {
        let cols = self
            .cols
            .iter()
            .map(|(name, col)| {
                let c = match col {
                    Col::Str(v) => Col::Str(idx.iter().map(|&i| v[i].clone()).collect()),
                    Col::Int(v) => Col::Int(idx.iter().map(|&i| v[i]).collect()),
                    Col::Float(v) => Col::Float(idx.iter().map(|&i| v[i]).collect()),
                };
                (*name, c)
            })
            .collect();
        Table {
            rows: idx.len(),
            cols,
        }
    }

    /// Row indexes grouped by partition key, keys sorted.
    fn partitions(&self, by: PartitionBy) -> anyhow::Result<Vec<(String, Vec<usize>)>> {
        let dates = self
            .cols
            .iter()
            .find_map(|(n, c)| match (n, c) {
                (&"date", Col::Str(v)) => Some(v),
                _ => None,
            })
            .context("this table has no date column to partition by")?;
        let mut groups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, d) in dates.iter().enumerate() {
            groups.entry(by.key(d.as_deref())).or_default().push(i);
        }
        Ok(groups.into_iter().collect())
    }
}

/// Writes `table` as one file per date partition under `dir`.
fn write_partitioned(
    table: &Table,
    dir: &str,
    by: PartitionBy,
    format: ExportFormat,
) -> anyhow::Result<()> {
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Parquet => "parquet",
        _ => anyhow::bail!("--partition-by works with --format csv or parquet"),
    };
    for (key, idx) in table.partitions(by)? {
        let folder = std::path::Path::new(dir).join(format!("date={key}"));
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        let file = folder.join(format!("part-0.{ext}"));
        let part = table.take(&idx);
        let path = file.to_string_lossy().into_owned();
        match format {
            ExportFormat::Csv => write_csv(&part, output(&Some(path))?)?,
            _ => write_parquet(&part, &path)?,
        }
    }
    Ok(())
}

/// A column of a flat table.
pub enum Col {
    Str(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
}

impl Col {
    fn cell(&self, i: usize) -> String {
        match self {
            Col::Str(v) => v[i].clone().unwrap_or_default(),
            Col::Int(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Col::Float(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
        }
    }
}

/// A flat table: what CSV and Parquet write.
pub struct Table {
    pub rows: usize,
    pub cols: Vec<(&'static str, Col)>,
}

fn s(x: impl Into<String>) -> Option<String> {
    Some(x.into())
}

fn events_table(rel: &Relations) -> Table {
    let ev = &rel.events;
    let st = |f: &dyn Fn(&CanonicalEvent) -> Option<String>| Col::Str(ev.iter().map(f).collect());
    let int = |f: &dyn Fn(&CanonicalEvent) -> Option<i64>| Col::Int(ev.iter().map(f).collect());
    Table {
        rows: ev.len(),
        cols: vec![
            ("id", st(&|e| s(&e.id))),
            ("date", st(&|e| e.date.map(|d| d.to_string()))),
            ("date_end", st(&|e| e.date_end.map(|d| d.to_string()))),
            ("source", st(&|e| e.source.as_ref().map(|c| c.0.clone()))),
            ("target", st(&|e| e.target.as_ref().map(|c| c.0.clone()))),
            ("source_node", st(&|e| e.source_node.clone())),
            ("target_node", st(&|e| e.target_node.clone())),
            ("source_name", st(&|e| e.source_name.clone())),
            ("target_name", st(&|e| e.target_name.clone())),
            ("cameo", st(&|e| s(e.cameo.as_str()))),
            ("plover_type", st(&|e| e.plover_type.clone())),
            ("quad_class", int(&|e| Some(e.quad_class.as_u8() as i64))),
            (
                "goldstein",
                Col::Float(ev.iter().map(|e| Some(e.goldstein as f64)).collect()),
            ),
            ("modality", st(&|e| s(e.modality.as_str()))),
            ("place", st(&|e| e.place.clone())),
            ("mentions", int(&|e| Some(e.members.len() as i64))),
            ("documents", int(&|e| Some(e.docs as i64))),
            ("sources", int(&|e| Some(e.sources as i64))),
            ("members", st(&|e| s(e.members.join(" ")))),
        ],
    }
}

fn mentions_table(rows: &[entente_store::EventRow], rel: &Relations) -> Table {
    type R = entente_store::EventRow;
    let st = |f: &dyn Fn(&R) -> Option<String>| Col::Str(rows.iter().map(f).collect());
    let int = |f: &dyn Fn(&R) -> Option<i64>| Col::Int(rows.iter().map(f).collect());
    let span = |x: Option<[u32; 2]>, i: usize| x.map(|p| p[i] as i64);
    Table {
        rows: rows.len(),
        cols: vec![
            ("doc_id", st(&|r| s(&r.doc_id))),
            ("idx", int(&|r| Some(r.idx as i64))),
            ("sentence", int(&|r| Some(r.sentence as i64))),
            ("date", st(&|r| r.date.clone())),
            ("source", st(&|r| r.source.clone())),
            ("target", st(&|r| r.target.clone())),
            ("cameo", st(&|r| s(&r.cameo))),
            ("plover_type", st(&|r| r.plover_type.clone())),
            ("plover_mode", st(&|r| r.plover_mode.clone())),
            ("quad_class", int(&|r| Some(r.quad_class as i64))),
            (
                "goldstein",
                Col::Float(rows.iter().map(|r| Some(r.goldstein as f64)).collect()),
            ),
            ("modality", st(&|r| s(&r.modality))),
            ("place", st(&|r| r.place.clone())),
            ("trigger_start", int(&|r| Some(r.trigger_span[0] as i64))),
            ("trigger_end", int(&|r| Some(r.trigger_span[1] as i64))),
            ("source_start", int(&|r| span(r.source_span, 0))),
            ("source_end", int(&|r| span(r.source_span, 1))),
            ("target_start", int(&|r| span(r.target_span, 0))),
            ("target_end", int(&|r| span(r.target_span, 1))),
            (
                "confidence",
                Col::Float(rows.iter().map(|r| Some(r.confidence as f64)).collect()),
            ),
            ("rule", st(&|r| s(&r.rule))),
            (
                "event_id",
                st(&|r| rel.event_of.get(&mention_id(&r.doc_id, r.idx)).cloned()),
            ),
            ("text", st(&|r| s(&r.text))),
        ],
    }
}

fn quotes_table(rows: &[entente_store::QuoteRow]) -> Table {
    type R = entente_store::QuoteRow;
    let st = |f: &dyn Fn(&R) -> Option<String>| Col::Str(rows.iter().map(f).collect());
    let int = |f: &dyn Fn(&R) -> Option<i64>| Col::Int(rows.iter().map(f).collect());
    Table {
        rows: rows.len(),
        cols: vec![
            ("doc_id", st(&|r| s(&r.doc_id))),
            ("idx", int(&|r| Some(r.idx as i64))),
            ("sentence", int(&|r| Some(r.sentence as i64))),
            ("type", st(&|r| s(&r.kind))),
            ("speaker", st(&|r| r.speaker.clone())),
            ("speaker_name", st(&|r| r.speaker_name.clone())),
            ("speaker_code", st(&|r| r.speaker_code.clone())),
            ("cue", st(&|r| r.cue.clone())),
            ("cue_class", st(&|r| r.cue_class.clone())),
            ("anonymous", int(&|r| Some(r.anonymous as i64))),
            ("anonymous_inferred", st(&|r| r.anonymous_inferred.clone())),
            ("outlet", st(&|r| r.outlet.clone())),
            ("hedge", st(&|r| r.hedge.clone())),
            ("quote", st(&|r| s(&r.quote))),
        ],
    }
}

fn write_csv(t: &Table, out: Box<dyn Write>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(t.cols.iter().map(|(n, _)| *n))?;
    for i in 0..t.rows {
        w.write_record(t.cols.iter().map(|(_, c)| c.cell(i)))?;
    }
    w.flush()?;
    Ok(())
}

/// Role parts (`GOV`, `MIL`) and known-group code of an actor code.
fn actor_parts(code: &str) -> (Option<String>, Option<String>, Vec<String>) {
    const GROUPS: &[&str] = &["IGO", "IMG", "NGO", "NGM", "MNC", "INT", "UIS"];
    let parts: Vec<String> = entente_core::ActorCode::new(code)
        .parts()
        .iter()
        .map(|p| p.to_string())
        .collect();
    let Some(root) = parts.first() else {
        return (None, None, Vec::new());
    };
    if GROUPS.contains(&root.as_str()) {
        (
            None,
            parts.get(1).cloned(),
            parts.iter().skip(2).cloned().collect(),
        )
    } else {
        let country = (root != "---").then(|| root.clone());
        (country, None, parts.iter().skip(1).cloned().collect())
    }
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The GDELT 2.0 events table, one line per canonical event (see module doc).
fn write_gdelt(
    rel: &Relations,
    urls: &HashMap<String, String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    let recs: HashMap<&str, &EventRecord> =
        rel.records.iter().map(|r| (r.id.as_str(), r)).collect();
    for (n, e) in rel.events.iter().enumerate() {
        let mut c: Vec<String> = Vec::with_capacity(61);
        c.push((n + 1).to_string());
        match e.date {
            Some(d) => {
                c.push(d.format("%Y%m%d").to_string());
                c.push(d.format("%Y%m").to_string());
                c.push(d.year().to_string());
                c.push(format!(
                    "{:.4}",
                    d.year() as f64 + d.ordinal0() as f64 / 365.0
                ));
            }
            None => c.extend(std::iter::repeat_n(String::new(), 4)),
        }
        for (code, name) in [(&e.source, &e.source_name), (&e.target, &e.target_name)] {
            let code = code.as_ref().map(|c| c.0.clone()).unwrap_or_default();
            let (country, group, types) = actor_parts(&code);
            c.push(code);
            c.push(
                name.as_deref()
                    .map(|n| clean(&n.to_uppercase()))
                    .unwrap_or_default(),
            );
            c.push(country.unwrap_or_default());
            c.push(group.unwrap_or_default());
            c.extend(std::iter::repeat_n(String::new(), 3)); // ethnic, religion 1/2
            for i in 0..3 {
                c.push(types.get(i).cloned().unwrap_or_default());
            }
        }
        let members: Vec<&&EventRecord> = e
            .members
            .iter()
            .filter_map(|m| recs.get(m.as_str()))
            .collect();
        let root_event = members.iter().any(|r| r.sentence == 0);
        c.push(if root_event { "1" } else { "0" }.into());
        let code = e.cameo.as_str();
        c.push(code.to_string());
        c.push(code.get(..3).unwrap_or(code).to_string());
        c.push(code.get(..2).unwrap_or(code).to_string());
        let quad = match e.quad_class {
            QuadClass::Neutral => 1,
            q => q.as_u8(),
        };
        c.push(quad.to_string());
        c.push(format!("{:.1}", e.goldstein));
        c.push(e.members.len().to_string());
        c.push(e.sources.to_string());
        c.push(e.docs.to_string());
        c.push(String::new()); // AvgTone
        c.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
        c.push(if e.place.is_some() { "0" } else { "" }.into());
        c.push(e.place.as_deref().map(clean).unwrap_or_default());
        c.extend(std::iter::repeat_n(String::new(), 6));
        c.push(added.clone());
        let first_doc = members
            .iter()
            .min_by_key(|r| (r.date, r.id.as_str()))
            .map(|r| r.doc_id.as_str())
            .unwrap_or("");
        c.push(clean(urls.get(first_doc).map_or(first_doc, String::as_str)));
        debug_assert_eq!(c.len(), 61);
        writeln!(out, "{}", c.join("\t"))?;
    }
    Ok(())
}

/// URLs of the given documents.
fn doc_urls(store: &mut dyn Store) -> anyhow::Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    let mut offset = 0;
    const PAGE: usize = 500;
    loop {
        let docs = store.documents(PAGE, offset)?;
        for d in &docs {
            if let Some(u) = &d.url {
                out.insert(d.id.clone(), u.clone());
            }
        }
        if docs.len() < PAGE {
            return Ok(out);
        }
        offset += PAGE;
    }
}

fn output(path: &Option<String>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.partition_by.is_some() {
        anyhow::ensure!(
            matches!(args.format, ExportFormat::Csv | ExportFormat::Parquet),
            "--partition-by works with --format csv or parquet"
        );
    }
    let mut store = args.db.open_read_only()?;
    let rel = entente_serve::relations::load(store.as_mut(), &DedupParams::default())?;
    let table = match args.what {
        What::Events => {
            if args.format == ExportFormat::Jsonl {
                let mut out = output(&args.out)?;
                for e in &rel.events {
                    serde_json::to_writer(&mut out, e)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            if args.format == ExportFormat::Gdelt {
                let urls = doc_urls(store.as_mut())?;
                let mut out = output(&args.out)?;
                write_gdelt(&rel, &urls, &mut out)?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            events_table(&rel)
        }
        What::Mentions => {
            let rows = store.events(&EventFilter::default())?;
            if args.format == ExportFormat::Jsonl {
                let mut out = output(&args.out)?;
                for r in &rows {
                    let mut v = serde_json::to_value(r)?;
                    if let serde_json::Value::Object(m) = &mut v {
                        let id = mention_id(&r.doc_id, r.idx);
                        m.insert("event_id".into(), serde_json::json!(rel.event_of.get(&id)));
                    }
                    serde_json::to_writer(&mut out, &v)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            mentions_table(&rows, &rel)
        }
        What::Clusters => {
            anyhow::ensure!(
                args.format == ExportFormat::Jsonl,
                "--what clusters is JSONL only"
            );
            let recs: HashMap<&str, &EventRecord> =
                rel.records.iter().map(|r| (r.id.as_str(), r)).collect();
            let mut out = output(&args.out)?;
            for e in rel.events.iter().filter(|e| e.members.len() > 1) {
                let reports: Vec<_> = e
                    .members
                    .iter()
                    .filter_map(|m| recs.get(m.as_str()))
                    .map(|r| {
                        serde_json::json!({ "id": r.id, "outlet": r.outlet, "date": r.date,
                            "source": r.source, "target": r.target, "cameo": r.cameo,
                            "trigger": r.trigger, "text": r.sentence_text })
                    })
                    .collect();
                let v = serde_json::json!({ "id": e.id, "source": e.source_node,
                    "target": e.target_node, "cameo": e.cameo, "modality": e.modality,
                    "date": e.date, "date_end": e.date_end, "documents": e.docs,
                    "sources": e.sources, "reports": reports });
                serde_json::to_writer(&mut out, &v)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        What::Quotes => {
            let rows = store.quotes(&QuoteFilter::default())?;
            if args.format == ExportFormat::Jsonl {
                let mut out = output(&args.out)?;
                for r in &rows {
                    serde_json::to_writer(&mut out, r)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            quotes_table(&rows)
        }
    };
    if let Some(by) = args.partition_by {
        let dir = args
            .out
            .as_deref()
            .context("--partition-by needs --out FOLDER")?;
        write_partitioned(&table, dir, by, args.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    match args.format {
        ExportFormat::Csv => write_csv(&table, output(&args.out)?)?,
        ExportFormat::Gdelt => anyhow::bail!("--format gdelt exports events only"),
        ExportFormat::Parquet => {
            let path = args
                .out
                .as_deref()
                .context("--format parquet needs --out FILE")?;
            write_parquet(&table, path)?;
        }
        ExportFormat::Jsonl => anyhow::bail!("internal: JSONL is written above"),
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn write_parquet(t: &Table, path: &str) -> anyhow::Result<()> {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};

    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    for (name, col) in &t.cols {
        match col {
            Col::Str(v) => {
                fields.push(Field::new(*name, DataType::Utf8, true));
                arrays.push(Arc::new(StringArray::from(v.clone())));
            }
            Col::Int(v) => {
                fields.push(Field::new(*name, DataType::Int64, true));
                arrays.push(Arc::new(Int64Array::from(v.clone())));
            }
            Col::Float(v) => {
                fields.push(Field::new(*name, DataType::Float64, true));
                arrays.push(Arc::new(Float64Array::from(v.clone())));
            }
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    let file = std::fs::File::create(path).with_context(|| format!("cannot create {path}"))?;
    let mut w = parquet::arrow::ArrowWriter::try_new(file, schema, None)?;
    w.write(&batch)?;
    w.close()?;
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_t: &Table, _path: &str) -> anyhow::Result<()> {
    anyhow::bail!(
        "this entente was built without Parquet support: rebuild with `--features parquet`"
    )
}
