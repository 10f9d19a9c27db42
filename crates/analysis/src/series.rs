//! Dyad time series: counts of canonical events per period between two actors.

use chrono::{Datelike, Duration, NaiveDate};
use entente_core::{Modality, QuadClass};
use serde::{Deserialize, Serialize};

use crate::{AnalysisError, CanonicalEvent};

/// Period length of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Calendar days.
    Day,
    /// ISO weeks, starting Monday.
    Week,
    /// Calendar months.
    Month,
}

impl Granularity {
    /// First day of the period containing `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => d,
            Granularity::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Granularity::Month => d.with_day(1).unwrap_or(d),
        }
    }
    /// First day of the period after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => start + Duration::days(1),
            Granularity::Week => start + Duration::days(7),
            Granularity::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(start + Duration::days(31)),
        }
    }
    /// Human label of the period starting at `start` (`2014-09-25`,
    /// `2014-W39`, `2014-09`).
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Granularity::Day => start.format("%Y-%m-%d").to_string(),
            Granularity::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Granularity::Month => start.format("%Y-%m").to_string(),
        }
    }
}

impl std::str::FromStr for Granularity {
    type Err = AnalysisError;
    fn from_str(s: &str) -> Result<Self, AnalysisError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "d" => Ok(Granularity::Day),
            "week" | "w" => Ok(Granularity::Week),
            "month" | "m" => Ok(Granularity::Month),
            _ => Err(AnalysisError::InvalidOption {
                what: "granularity",
                value: s.to_string(),
                expected: "day, week or month",
            }),
        }
    }
}

/// Whether `A→B` and `B→A` are counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Only events with source A and target B.
    Directed,
    /// Events either way.
    Undirected,
}

/// Aggregate counts over a set of canonical events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// Canonical events.
    pub events: usize,
    /// Mentions (reports) of those events.
    pub mentions: usize,
    /// Independent sources, summed over events.
    pub sources: usize,
    /// Events per quad class 0–4 (neutral, verbal/material cooperation,
    /// verbal/material conflict).
    pub quad: [usize; 5],
    /// Sum of the events' Goldstein scores.
    pub goldstein_sum: f32,
}

impl Bucket {
    /// Counts one event in.
    pub fn add(&mut self, e: &CanonicalEvent) {
        self.events += 1;
        self.mentions += e.mentions();
        self.sources += e.sources;
        self.quad[e.quad_class.as_u8() as usize] += 1;
        self.goldstein_sum += e.goldstein;
    }
    /// Mean Goldstein score, `None` when empty.
    pub fn goldstein_mean(&self) -> Option<f32> {
        (self.events > 0).then(|| self.goldstein_sum / self.events as f32)
    }
    /// Cooperative events (verbal + material).
    pub fn cooperation(&self) -> usize {
        self.quad[QuadClass::VerbalCooperation as usize]
            + self.quad[QuadClass::MaterialCooperation as usize]
    }
    /// Conflictual events (verbal + material).
    pub fn conflict(&self) -> usize {
        self.quad[QuadClass::VerbalConflict as usize]
            + self.quad[QuadClass::MaterialConflict as usize]
    }
    /// Net-cooperation index: (cooperation − conflict) / (cooperation +
    /// conflict), in −1..=1; neutral events do not count. `None` when there is
    /// no cooperative or conflictual event.
    pub fn net_cooperation(&self) -> Option<f32> {
        let (c, k) = (self.cooperation(), self.conflict());
        (c + k > 0).then(|| (c as f32 - k as f32) / (c + k) as f32)
    }
}

/// One period of a dyad series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// First day of the period.
    pub start: NaiveDate,
    /// Period label (`2014-09`).
    pub label: String,
    /// The counts.
    #[serde(flatten)]
    pub counts: Bucket,
    /// Mean Goldstein score.
    pub goldstein_mean: Option<f32>,
    /// Net-cooperation index.
    pub net_cooperation: Option<f32>,
    /// Ids of the canonical events counted.
    pub event_ids: Vec<String>,
}

/// True when an event counts under the modality filter: asserted events
/// only, unless `include_all`.
pub fn counts_modality(e: &CanonicalEvent, include_all: bool) -> bool {
    include_all || e.modality == Modality::Asserted
}

/// True when the event is between nodes `a` and `b` (in that direction when
/// `Directed`).
pub fn in_dyad(e: &CanonicalEvent, a: &str, b: &str, dir: Direction) -> bool {
    let (s, t) = (e.source_node.as_deref(), e.target_node.as_deref());
    let fwd = s == Some(a) && t == Some(b);
    match dir {
        Direction::Directed => fwd,
        Direction::Undirected => fwd || (s == Some(b) && t == Some(a)),
    }
}

/// The time series of dyad `a`–`b` (node keys, see [`crate::node_key`]).
///
/// Undated events are left out. Periods between the first and the last event
/// with no events are present with zero counts so the series can be plotted
/// as is.
pub fn dyad_series(
    events: &[CanonicalEvent],
    a: &str,
    b: &str,
    by: Granularity,
    dir: Direction,
    include_all_modalities: bool,
) -> Vec<SeriesPoint> {
    let mut picked: Vec<(NaiveDate, &CanonicalEvent)> = events
        .iter()
        .filter(|e| counts_modality(e, include_all_modalities) && in_dyad(e, a, b, dir))
        .filter_map(|e| e.date.map(|d| (by.start(d), e)))
        .collect();
    picked.sort_by(|(d, e), (d2, e2)| d.cmp(d2).then_with(|| e.id.cmp(&e2.id)));
    let (Some(first), Some(last)) = (picked.first().map(|p| p.0), picked.last().map(|p| p.0))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut it = picked.into_iter().peekable();
    let mut start = first;
    while start <= last {
        let mut counts = Bucket::default();
        let mut ids = Vec::new();
        while let Some((_, e)) = it.next_if(|(d, _)| *d == start) {
            counts.add(e);
            ids.push(e.id.clone());
        }
        out.push(SeriesPoint {
            start,
            label: by.label(start),
            goldstein_mean: counts.goldstein_mean(),
            net_cooperation: counts.net_cooperation(),
            counts,
            event_ids: ids,
        });
        start = by.next(start);
    }
    out
}
