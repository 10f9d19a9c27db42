//! The schema, as an ordered list of migrations. The same statements run on
//! SQLite and PostgreSQL (portable types only: TEXT, BIGINT, DOUBLE
//! PRECISION), so the two back ends cannot drift apart.
//!
//! Natural keys everywhere — `(doc_id, idx)` — instead of auto-increment ids:
//! the database content is then a pure function of the documents stored, so a
//! resumed run ends with exactly the rows of an uninterrupted one.

/// Migrations in order; migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents and their annotations.
    r#"
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    url TEXT,
    title TEXT,
    date TEXT,
    authors TEXT NOT NULL,
    tags TEXT NOT NULL,
    language TEXT,
    text TEXT NOT NULL,
    body_start BIGINT NOT NULL,
    notes TEXT NOT NULL,
    entente_version TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);
-- Every input location a document was read from (file:line, WARC record).
-- A set, so that concurrent workers and resumed runs end with the same rows
-- whichever of them stored the document first.
CREATE TABLE document_sources (
    doc_id TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (doc_id, source)
);
CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    entente_version TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx BIGINT NOT NULL,
    sentence BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    code TEXT,
    actor TEXT,
    antecedent BIGINT,
    rule TEXT NOT NULL,
    entente_version TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_code ON mentions(code);
CREATE TABLE event_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx BIGINT NOT NULL,
    sentence BIGINT NOT NULL,
    source TEXT,
    target TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    plover_type TEXT,
    plover_mode TEXT,
    plover_context TEXT,
    goldstein DOUBLE PRECISION NOT NULL,
    quad_class BIGINT NOT NULL,
    modality TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    place TEXT,
    trigger_start BIGINT NOT NULL,
    trigger_end BIGINT NOT NULL,
    source_start BIGINT,
    source_end BIGINT,
    target_start BIGINT,
    target_end BIGINT,
    confidence DOUBLE PRECISION NOT NULL,
    rule TEXT NOT NULL,
    event_id TEXT,
    entente_version TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX event_mentions_dyad ON event_mentions(source, target);
CREATE INDEX event_mentions_target ON event_mentions(target);
CREATE INDEX event_mentions_date ON event_mentions(date, doc_id, idx);
CREATE INDEX event_mentions_cameo ON event_mentions(cameo);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    source TEXT,
    target TEXT,
    cameo TEXT NOT NULL,
    plover_type TEXT,
    goldstein DOUBLE PRECISION NOT NULL,
    quad_class BIGINT NOT NULL,
    modality TEXT NOT NULL,
    date TEXT,
    place TEXT,
    n_mentions BIGINT NOT NULL,
    n_documents BIGINT NOT NULL,
    n_sources BIGINT NOT NULL,
    entente_version TEXT NOT NULL
);
CREATE INDEX events_dyad ON events(source, target);
CREATE INDEX events_date ON events(date);
CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx BIGINT NOT NULL,
    sentence BIGINT NOT NULL,
    quote TEXT NOT NULL,
    quote_spans TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    speaker_name TEXT,
    speaker_code TEXT,
    cue TEXT,
    cue_class TEXT,
    anonymous BIGINT NOT NULL,
    anonymous_inferred TEXT,
    outlet TEXT,
    hedge TEXT,
    entente_version TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_code);
CREATE TABLE warnings (
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    doc_id TEXT,
    entente_version TEXT NOT NULL,
    PRIMARY KEY (source, message)
);
"#,
    // 2: work claims, so that concurrent workers never process one document
    // twice; a claim older than the timeout is taken over.
    r#"
CREATE TABLE claims (
    doc_id TEXT PRIMARY KEY,
    worker TEXT NOT NULL,
    claimed_at BIGINT NOT NULL
);
"#,
    // 3: the article's section and canonical URL, from the page's metadata.
    r#"
ALTER TABLE documents ADD COLUMN section TEXT;
ALTER TABLE documents ADD COLUMN canonical_url TEXT;
"#,
    // 4: event places resolved by the gazetteer (country, precision,
    // coordinates as decimal text).
    r#"
ALTER TABLE event_mentions ADD COLUMN place_country TEXT;
ALTER TABLE event_mentions ADD COLUMN place_precision TEXT;
ALTER TABLE event_mentions ADD COLUMN place_lat TEXT;
ALTER TABLE event_mentions ADD COLUMN place_lon TEXT;
"#,
];

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
