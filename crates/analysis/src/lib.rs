//! # entente-analysis
//!
//! Stage 6: events not reports (deduplication), dyad time series, the signed
//! network and structural balance.
//!
//! **Architecture invariant:** pure functions over event records; no SQL, no
//! HTTP, no I/O.
