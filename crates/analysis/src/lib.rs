//! # entente-analysis
//!
//! Stage 6: events not reports (deduplication), dyad time series, the signed
//! network and structural balance.
//!
//! The input is a flat list of [`EventRecord`]s — one per coded event
//! *mention* (a sentence in an article that reports an event), carrying just
//! enough provenance to point back at the words. [`dedup::cluster`] groups
//! mentions of one real-world event into [`CanonicalEvent`]s; everything
//! downstream ([`series`], [`network`], [`balance`]) counts canonical events,
//! never raw mentions, so an event reported by forty outlets counts once (with
//! forty mentions and its number of independent sources as evidence).
//!
//! Actors are compared at the level of [`node_key`]: the country/root part of
//! a CAMEO actor code for states (`IRNGOV` → `IRN`), the full code for
//! non-state and international actors (`IMGMUSISI` stays itself, because its
//! root `IMG` would merge every militant group).
//!
//! **Architecture invariant:** pure functions over event records; no SQL, no
//! HTTP, no I/O.

pub mod balance;
pub mod dedup;
pub mod network;
mod record;
pub mod series;

pub use balance::{BalanceReport, CommonEnemy, Triad, TriadKind};
pub use dedup::{cluster, CanonicalEvent, DedupParams};
pub use network::{signed_network, Edge, EdgeSign, Network, NetworkParams, Node};
pub use record::{node_key, EventRecord};
pub use series::{dyad_series, Bucket, Direction, Granularity, SeriesPoint};

/// Errors from parsing analysis options.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// An option value that is not one of the accepted ones.
    #[error("invalid {what}: {value:?} (expected {expected})")]
    InvalidOption {
        /// Which option.
        what: &'static str,
        /// The value given.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
}
