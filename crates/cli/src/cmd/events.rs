//! `entente events`: coded events from the store, filtered, as a table,
//! JSONL or CSV.

use std::process::ExitCode;

use entente_store::{EventFilter, EventRow};

use super::common::{print_table, DbArgs, Format};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// Only events with this actor on either side (code prefix: IRN matches IRNGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events between these two actors (code prefixes).
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub dyad: Vec<String>,
    /// With --dyad: only A → B, not B → A.
    #[arg(long)]
    pub directed: bool,
    /// CAMEO code prefix (e.g. 19, 042).
    #[arg(long)]
    pub code: Option<String>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = iso_day)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = iso_day)]
    pub to: Option<String>,
    /// Only this document.
    #[arg(long)]
    pub doc: Option<String>,
    /// Only these modalities (asserted, negated, expected, …); repeatable.
    #[arg(long)]
    pub modality: Vec<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl Args {
    fn filter(&self) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            dyad: (self.dyad.len() == 2).then(|| (self.dyad[0].clone(), self.dyad[1].clone())),
            directed: self.directed,
            code: self.code.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            doc_id: self.doc.clone(),
            modalities: self.modality.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open_read_only()?;
    let rows = store.events(&args.filter())?;
    match args.format {
        Format::Jsonl => {
            for r in &rows {
                println!("{}", serde_json::to_string(r)?);
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(CSV_HEADERS)?;
            for r in &rows {
                w.write_record(csv_record(r))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.date.clone().unwrap_or_else(|| "-".into()),
                        r.source.clone().unwrap_or_else(|| "-".into()),
                        r.target.clone().unwrap_or_else(|| "-".into()),
                        r.cameo.clone(),
                        r.modality.clone(),
                        format!("{:+.1}", r.goldstein),
                        r.text.clone(),
                    ]
                })
                .collect();
            print_table(
                &[
                    "date", "source", "target", "cameo", "modality", "gold", "sentence",
                ],
                &table,
                70,
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// CSV columns of events.
pub const CSV_HEADERS: [&str; 19] = [
    "doc_id",
    "sentence",
    "source",
    "target",
    "cameo",
    "plover_type",
    "plover_mode",
    "goldstein",
    "quad_class",
    "modality",
    "date",
    "date_precision",
    "place",
    "trigger_start",
    "trigger_end",
    "confidence",
    "rule",
    "event_id",
    "text",
];

/// One CSV record of an event.
pub fn csv_record(r: &EventRow) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        r.doc_id.clone(),
        r.sentence.to_string(),
        o(&r.source),
        o(&r.target),
        r.cameo.clone(),
        o(&r.plover_type),
        o(&r.plover_mode),
        r.goldstein.to_string(),
        r.quad_class.to_string(),
        r.modality.clone(),
        o(&r.date),
        o(&r.date_precision),
        o(&r.place),
        r.trigger_span[0].to_string(),
        r.trigger_span[1].to_string(),
        r.confidence.to_string(),
        r.rule.clone(),
        o(&r.event_id),
        r.text.clone(),
    ]
}

/// The JSONL lines of a document's events (for `run --emit jsonl`).
pub fn doc_event_lines(doc: &entente_core::Doc) -> Vec<String> {
    (0..doc.events.len())
        .filter_map(|i| EventRow::from_doc(doc, i))
        .filter_map(|r| serde_json::to_string(&r).ok())
        .collect()
}

/// A real calendar day written YYYY-MM-DD (2020-02-30 is refused, as the
/// API refuses it).
fn iso_day(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{s:?} is not a YYYY-MM-DD date"))
}
