//! # entente-store
//!
//! Where annotated documents live: SQLite by default (one file, WAL mode),
//! PostgreSQL for teams. Both back ends implement the [`Store`] trait with the
//! same schema (see `schema.rs`), so everything above the store — the CLI,
//! `entente serve` — is back-end agnostic.
//!
//! Writes are idempotent: a document is keyed by its content-derived
//! [`DocId`](entente_core::DocId) and all of its rows are written in the same
//! transaction as the document row, so a run killed at any point leaves either
//! the whole document or nothing, and re-running the same input adds nothing.
//!
//! **Architecture invariant:** nothing but `entente-store` speaks SQL. It
//! depends only on `entente-core`; it knows nothing of NLP or HTTP.

mod pg;
mod rows;
mod schema;
mod sql;
mod sqlite;

pub use pg::PgStore;
pub use rows::{
    CanonicalEvent, DocumentRow, EventFilter, EventRow, MentionRow, QuoteFilter, QuoteRow, Report,
    SentenceRow,
};
pub use sqlite::SqliteStore;

use entente_core::{Doc, DocId};

/// Errors from the store, with the database they concern.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{db}: {message}")]
    Db { db: String, message: String },
    #[error("{db}: database schema version {found} is newer than this entente ({supported}); upgrade entente")]
    TooNew {
        db: String,
        found: i64,
        supported: i64,
    },
    #[error("unsupported database {0:?}: give a file path or a postgres:// URL")]
    Unsupported(String),
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The operations entente needs from a database.
pub trait Store: Send {
    /// Which of these ids are already stored.
    fn known_ids(&mut self, ids: &[DocId]) -> Result<Vec<DocId>>;
    /// Stores documents with all their annotations in one transaction.
    /// Documents already present are skipped. Returns how many were new.
    fn put_docs(&mut self, docs: &[Doc]) -> Result<usize>;
    /// Claims documents for this worker before processing them: returns the
    /// ids that were unclaimed, or whose claim is older than `timeout_secs`
    /// (a crashed worker's). Storing a document releases its claim.
    fn claim(
        &mut self,
        ids: &[DocId],
        worker: &str,
        now: i64,
        timeout_secs: i64,
    ) -> Result<Vec<DocId>>;
    /// The workers that hold claims.
    fn claim_holders(&mut self) -> Result<Vec<String>>;
    /// Drops every claim of `worker` (one known to be dead); returns how many.
    fn release_claims(&mut self, worker: &str) -> Result<usize>;
    /// Records input locations of documents (`(id, source)` pairs) — also of
    /// documents skipped because they were already stored. Idempotent.
    fn put_sources(&mut self, sources: &[(DocId, String)]) -> Result<()>;
    /// Records a problem with an input (file and position in `source`).
    /// Recording the same warning twice keeps one row.
    fn put_warning(&mut self, source: &str, message: &str) -> Result<()>;
    /// How many event mentions are stored (cheap; used to detect that a
    /// concurrent worker added some during a rebuild).
    fn count_event_mentions(&mut self) -> Result<u64>;
    /// Counts and summaries.
    fn report(&mut self, top: usize) -> Result<Report>;
    /// One document with its sentences.
    fn document(&mut self, id: &str) -> Result<Option<(DocumentRow, Vec<SentenceRow>)>>;
    /// Documents, newest first, paged.
    fn documents(&mut self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>>;
    /// Actor mentions of one document.
    fn mentions(&mut self, doc_id: &str) -> Result<Vec<MentionRow>>;
    /// Event mentions (one per coded event in a document), filtered.
    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>>;
    /// Quotes, filtered.
    fn quotes(&mut self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>>;
    /// Replaces the canonical (deduplicated) events: each event mention
    /// `(doc_id, idx)` is assigned to one canonical event.
    fn replace_canonical_events(
        &mut self,
        events: &[CanonicalEvent],
        members: &[(String, u32, String)],
    ) -> Result<()>;
    /// The canonical events, filtered on dyad/actor/date like event mentions.
    fn canonical_events(&mut self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>>;
}

/// Opens an existing store for reading: a SQLite file is opened read-only
/// and never created (a missing file is an error naming it); a
/// `postgres://` URL opens as with [`open`].
pub fn open_read_only(spec: &str) -> Result<Box<dyn Store>> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        return Ok(Box::new(PgStore::open(spec)?));
    }
    Ok(Box::new(SqliteStore::open_read_only(spec)?))
}

/// Opens a store: a `postgres://` URL, or else a SQLite file path (created
/// with its schema when missing).
pub fn open(spec: &str) -> Result<Box<dyn Store>> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        return Ok(Box::new(PgStore::open(spec)?));
    }
    Ok(Box::new(SqliteStore::open(spec)?))
}
