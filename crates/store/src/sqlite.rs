//! The embedded SQLite back end (the default): one file, WAL mode, one
//! transaction per batch of documents.

use std::time::Duration;

use entente_core::{Doc, DocId};
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{params_from_iter, Connection, ToSql};

use crate::rows::*;
use crate::schema::{current_version, MIGRATIONS};
use crate::sql::{self, Param, RowLike};
use crate::{Result, Store, StoreError};

/// A SQLite store.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::Owned(Value::Null),
            Param::Int(v) => ToSqlOutput::Owned(Value::Integer(*v)),
            Param::Real(v) => ToSqlOutput::Owned(Value::Real(*v)),
            Param::Text(s) => ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(s.as_bytes())),
        })
    }
}

impl RowLike for rusqlite::Row<'_> {
    fn text(&self, i: usize) -> String {
        self.get::<_, Option<String>>(i)
            .ok()
            .flatten()
            .unwrap_or_default()
    }
    fn opt_text(&self, i: usize) -> Option<String> {
        self.get(i).ok().flatten()
    }
    fn int(&self, i: usize) -> i64 {
        self.get::<_, Option<i64>>(i).ok().flatten().unwrap_or(0)
    }
    fn opt_int(&self, i: usize) -> Option<i64> {
        self.get(i).ok().flatten()
    }
    fn real(&self, i: usize) -> f64 {
        self.get::<_, Option<f64>>(i).ok().flatten().unwrap_or(0.0)
    }
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and brings its schema
    /// up to date.
    pub fn open(path: &str) -> Result<SqliteStore> {
        let err = |e: rusqlite::Error| StoreError::Db {
            db: path.to_string(),
            message: e.to_string(),
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(err)?;
        // WAL lets readers (entente serve) work while a run writes; NORMAL
        // sync is durable at each commit under WAL except on power loss.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(err)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_string(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database file for reading only: never creates a
    /// file, never writes (works on a read-only file or folder). A database
    /// with an older schema is upgraded first when the file is writable.
    pub fn open_read_only(path: &str) -> Result<SqliteStore> {
        let err = |message: String| StoreError::Db {
            db: path.to_string(),
            message,
        };
        let meta = std::fs::metadata(path).map_err(|e| {
            err(if e.kind() == std::io::ErrorKind::NotFound {
                "no such database file (read-only commands never create one; `entente run` does)"
                    .into()
            } else {
                e.to_string()
            })
        })?;
        if !meta.is_file() {
            return Err(err("not a database file".into()));
        }
        use rusqlite::OpenFlags;
        let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let version = |conn: &Connection| -> rusqlite::Result<i64> {
            conn.query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                [],
                |r| r.get(0),
            )
        };
        // A WAL database needs its shared-memory file; in a read-only folder
        // without one, open it as immutable (nobody can be writing it).
        let conn = Connection::open_with_flags(path, ro)
            .and_then(|c| version(&c).map(|_| c))
            .or_else(|first| {
                let uri = format!(
                    "file:{}?immutable=1",
                    path.replace('%', "%25")
                        .replace('?', "%3f")
                        .replace('#', "%23")
                );
                Connection::open_with_flags(uri, ro | OpenFlags::SQLITE_OPEN_URI)
                    .and_then(|c| version(&c).map(|_| c))
                    .map_err(|_| first)
            })
            .map_err(|e| err(format!("cannot read the database: {e}")))?;
        let found = version(&conn).map_err(|e| err(e.to_string()))?;
        if found > current_version() {
            return Err(StoreError::TooNew {
                db: path.to_string(),
                found,
                supported: current_version(),
            });
        }
        if found < current_version() {
            if meta.permissions().readonly() {
                return Err(err(format!(
                    "database schema version {found} is older than this entente's ({}) and the file is read-only; run a writing command (`entente run`) on a writable copy to upgrade it",
                    current_version()
                )));
            }
            drop(conn);
            return SqliteStore::open(path);
        }
        conn.busy_timeout(Duration::from_secs(30))
            .map_err(|e| err(e.to_string()))?;
        Ok(SqliteStore {
            conn,
            path: path.to_string(),
        })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Db {
            db: self.path.clone(),
            message: e.to_string(),
        }
    }

    /// Brings the schema up to date. The check and the migrations run in one
    /// IMMEDIATE transaction, so processes opening a new database at the
    /// same moment migrate it once.
    fn migrate(&mut self) -> Result<()> {
        let db = self.path.clone();
        let e = |e: rusqlite::Error| StoreError::Db {
            db: db.clone(),
            message: e.to_string(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)",
        )
        .map_err(e)?;
        let found: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                [],
                |r| r.get(0),
            )
            .map_err(e)?;
        if found > current_version() {
            return Err(StoreError::TooNew {
                db: self.path.clone(),
                found,
                supported: current_version(),
            });
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(m).map_err(e)?;
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES (?1)",
                [(i + 1) as i64],
            )
            .map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    fn query<T>(
        &self,
        sql: &str,
        params: &[Param],
        f: impl Fn(&rusqlite::Row<'_>) -> T,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(params.iter()), |r| Ok(f(r)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<T>>>()
            .map_err(|e| self.err(e))
    }

    fn count(&self, sql: &str) -> Result<u64> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|v| v as u64)
            .map_err(|e| self.err(e))
    }
}

impl Store for SqliteStore {
    fn known_ids(&mut self, ids: &[DocId]) -> Result<Vec<DocId>> {
        let mut out = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
            .map_err(|e| StoreError::Db {
                db: self.path.clone(),
                message: e.to_string(),
            })?;
        for id in ids {
            let found = stmt.exists([id.as_str()]).map_err(|e| StoreError::Db {
                db: self.path.clone(),
                message: e.to_string(),
            })?;
            if found {
                out.push(id.clone());
            }
        }
        Ok(out)
    }

    fn put_docs(&mut self, docs: &[Doc]) -> Result<usize> {
        let db = self.path.clone();
        let e = |e: rusqlite::Error| StoreError::Db {
            db: db.clone(),
            message: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(e)?;
        let mut new = 0;
        for doc in docs {
            let d = sql::document_insert(doc);
            let changed = tx
                .prepare_cached(d.sql)
                .map_err(e)?
                .execute(params_from_iter(d.params.iter()))
                .map_err(e)?;
            tx.prepare_cached(sql::RELEASE_CLAIM)
                .map_err(e)?
                .execute([doc.id.as_str()])
                .map_err(e)?;
            if changed == 0 {
                continue;
            }
            new += 1;
            for ins in sql::child_inserts(doc) {
                tx.prepare_cached(ins.sql)
                    .map_err(e)?
                    .execute(params_from_iter(ins.params.iter()))
                    .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(new)
    }

    fn claim(
        &mut self,
        ids: &[DocId],
        worker: &str,
        now: i64,
        timeout_secs: i64,
    ) -> Result<Vec<DocId>> {
        let db = self.path.clone();
        let e = |e: rusqlite::Error| StoreError::Db {
            db: db.clone(),
            message: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(e)?;
        let mut out = Vec::new();
        {
            let mut stmt = tx.prepare_cached(sql::CLAIM).map_err(e)?;
            for id in ids {
                let got = stmt
                    .query_map(
                        rusqlite::params![id.as_str(), worker, now, now - timeout_secs],
                        |r| r.get::<_, String>(0),
                    )
                    .map_err(e)?
                    .next()
                    .transpose()
                    .map_err(e)?;
                if got.is_some() {
                    out.push(id.clone());
                }
            }
        }
        tx.commit().map_err(e)?;
        Ok(out)
    }

    fn claim_holders(&mut self) -> Result<Vec<String>> {
        self.query(sql::CLAIM_HOLDERS, &[], |r| r.text(0))
    }

    fn release_claims(&mut self, worker: &str) -> Result<usize> {
        self.conn
            .execute(sql::RELEASE_WORKER, [worker])
            .map_err(|e| self.err(e))
    }

    fn put_sources(&mut self, sources: &[(DocId, String)]) -> Result<()> {
        let db = self.path.clone();
        let e = |e: rusqlite::Error| StoreError::Db {
            db: db.clone(),
            message: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(e)?;
        {
            let mut stmt = tx.prepare_cached(sql::INSERT_SOURCE).map_err(e)?;
            for (id, src) in sources {
                stmt.execute([id.as_str(), src.as_str()]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    fn put_warning(&mut self, source: &str, message: &str) -> Result<()> {
        let w = sql::warning_insert(source, message, None);
        self.conn
            .execute(w.sql, params_from_iter(w.params.iter()))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn count_event_mentions(&mut self) -> Result<u64> {
        self.count("SELECT COUNT(*) FROM event_mentions")
    }

    fn report(&mut self, top: usize) -> Result<Report> {
        let c: Vec<u64> = sql::COUNTS
            .iter()
            .map(|q| self.count(q))
            .collect::<Result<_>>()?;
        let top_p = [Param::Int(top as i64)];
        Ok(Report {
            documents: c[0],
            sentences: c[1],
            mentions: c[2],
            events: c[3],
            event_mentions: c[4],
            quotes: c[5],
            warnings: c[6],
            dated_inferred: c[7],
            top_dyads: self.query(sql::TOP_DYADS, &top_p, |r| {
                (r.text(0), r.text(1), r.int(2) as u64)
            })?,
            top_roots: self.query(sql::TOP_ROOTS, &top_p, |r| (r.text(0), r.int(1) as u64))?,
            top_speakers: self
                .query(sql::TOP_SPEAKERS, &top_p, |r| (r.text(0), r.int(1) as u64))?,
            top_unknown_actors: self
                .query(sql::TOP_UNKNOWN, &top_p, |r| (r.text(0), r.int(1) as u64))?,
            recent_warnings: self
                .query(sql::RECENT_WARNINGS, &top_p, |r| (r.text(0), r.text(1)))?,
        })
    }

    fn document(&mut self, id: &str) -> Result<Option<(DocumentRow, Vec<SentenceRow>)>> {
        let q = format!("SELECT {} FROM documents WHERE id = ?", sql::DOCUMENT_COLS);
        let doc = self
            .query(&q, &[id.into()], |r| sql::document_row(r))?
            .into_iter()
            .next();
        match doc {
            None => Ok(None),
            Some(d) => {
                let sents =
                    self.query(sql::SENTENCES_OF, &[id.into()], |r| sql::sentence_row(r))?;
                Ok(Some((d, sents)))
            }
        }
    }

    fn documents(&mut self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>> {
        let q = format!(
            "SELECT {} FROM documents ORDER BY date DESC, id LIMIT {} OFFSET {}",
            sql::DOCUMENT_COLS,
            limit.min(i64::MAX as usize),
            offset
        );
        self.query(&q, &[], |r| sql::document_row(r))
    }

    fn mentions(&mut self, doc_id: &str) -> Result<Vec<MentionRow>> {
        self.query(sql::MENTIONS_OF, &[doc_id.into()], |r| sql::mention_row(r))
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let (q, p) = sql::events_query(filter);
        self.query(&q, &p, |r| sql::event_row(r))
    }

    fn quotes(&mut self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let (q, p) = sql::quotes_query(filter);
        self.query(&q, &p, |r| sql::quote_row(r))
    }

    fn replace_canonical_events(
        &mut self,
        events: &[CanonicalEvent],
        members: &[(String, u32, String)],
    ) -> Result<()> {
        let db = self.path.clone();
        let e = |e: rusqlite::Error| StoreError::Db {
            db: db.clone(),
            message: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute_batch("DELETE FROM events; UPDATE event_mentions SET event_id = NULL;")
            .map_err(e)?;
        for ev in events {
            let ins = sql::canonical_insert(ev);
            tx.prepare_cached(ins.sql)
                .map_err(e)?
                .execute(params_from_iter(ins.params.iter()))
                .map_err(e)?;
        }
        {
            let mut up = tx
                .prepare_cached(
                    "UPDATE event_mentions SET event_id = ?1 WHERE doc_id = ?2 AND idx = ?3",
                )
                .map_err(e)?;
            for (doc, idx, ev) in members {
                up.execute(rusqlite::params![ev, doc, *idx as i64])
                    .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(())
    }

    fn canonical_events(&mut self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>> {
        let (q, p) = sql::canonical_query(filter);
        self.query(&q, &p, |r| sql::canonical_row(r))
    }
}
