//! Writes a synthetic store for load tests of the API, through the store's
//! own API: `cargo run --release -p entente-serve --example synth_db -- PATH DOCS`.
//!
//! Each document has 8 sentences and 4 coded events between 30 actors over
//! 2014–2020 (deterministic pseudo-random), so event queries hit realistic
//! table sizes (DOCS × 4 event mentions).

use entente_core::{
    ActorCode, Article, CameoCode, Doc, Event, EventDate, Modality, Sentence, Span,
};

const ACTORS: &[&str] = &[
    "USA",
    "IRN",
    "GBR",
    "FRA",
    "DEU",
    "RUS",
    "CHN",
    "SYR",
    "IRQ",
    "ISR",
    "SAU",
    "TUR",
    "EGY",
    "JOR",
    "LBN",
    "QAT",
    "ARE",
    "PAK",
    "AFG",
    "IND",
    "JPN",
    "KOR",
    "PRK",
    "UKR",
    "POL",
    "ITA",
    "ESP",
    "CAN",
    "IMGMUSISI",
    "IGOUNO",
];
const CODES: &[(&str, f32)] = &[
    ("010", 0.0),
    ("036", 4.0),
    ("040", 1.0),
    ("042", 1.9),
    ("057", 8.0),
    ("061", 6.4),
    ("071", 7.4),
    ("111", -2.0),
    ("112", -2.0),
    ("128", -4.0),
    ("130", -4.4),
    ("173", -5.0),
    ("190", -10.0),
    ("195", -10.0),
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synth_db PATH DOCS")?;
    let n: usize = args.next().ok_or("usage: synth_db PATH DOCS")?.parse()?;
    let mut store = entente_store::open(&path)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut batch = Vec::new();
    for i in 0..n {
        let day = chrono::NaiveDate::from_ymd_opt(2014, 1, 1).ok_or("date")?
            + chrono::Duration::days((rng.next() % 2500) as i64);
        let mut sents = Vec::new();
        let mut evs = Vec::new();
        for s in 0..8 {
            let a = *rng.pick(ACTORS);
            let b = *rng.pick(ACTORS);
            let (code, g) = *rng.pick(CODES);
            sents.push(format!(
                "Officials of {a} said on day {i} that talks with {b} over issue {} were held, code {code}.",
                rng.next() % 1000
            ));
            if s % 2 == 0 && a != b {
                evs.push((s, a, b, code, g));
            }
        }
        let body = sents.join(" ");
        let mut d = Doc::new(Article {
            source: format!("synthetic:{i}"),
            url: Some(format!("https://outlet{}.example/{i}", i % 50)),
            title: Some(format!("Synthetic report {i}")),
            date: Some(day.to_string()),
            body,
            ..Article::default()
        });
        let mut at = d.body_start as usize;
        for s in &sents {
            let start = d.text[at..].find(s.as_str()).ok_or("sentence")? + at;
            d.sentences.push(Sentence {
                span: Span::new(start, start + s.len()),
                token_start: 0,
                token_end: 0,
            });
            at = start + s.len();
        }
        for (s, a, b, code, g) in evs {
            let span = d.sentences[s].span;
            let text = &d.text[span.start as usize..span.end as usize];
            let off = |w: &str| -> Option<Span> {
                let p = text.find(w)? + span.start as usize;
                Some(Span::new(p, p + w.len()))
            };
            let cameo: CameoCode = code.parse()?;
            d.events.push(Event {
                sentence: s as u32,
                source: Some(ActorCode::new(a)),
                target: Some(ActorCode::new(b)),
                quad_class: cameo.quad_class(),
                cameo,
                plover_type: None,
                plover_mode: None,
                plover_context: None,
                goldstein: g,
                modality: Modality::Asserted,
                date: Some(EventDate::day(day)),
                place: None,
                trigger_span: off("said").unwrap_or(span),
                source_span: off(a),
                target_span: off(b),
                source_mention: None,
                target_mention: None,
                confidence: 0.5,
                rule: "synthetic".into(),
            });
        }
        batch.push(d);
        if batch.len() == 500 {
            store.put_docs(&batch)?;
            batch.clear();
        }
    }
    store.put_docs(&batch)?;
    eprintln!("wrote {n} synthetic documents to {path}");
    Ok(())
}
