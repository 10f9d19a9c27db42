//! The PostgreSQL back end, for teams and for many workers on one store.
//!
//! It runs the same statements as SQLite (`?` placeholders rewritten to
//! `$n`). Concurrency: documents of a batch are written in id order, so two
//! workers' transactions always take row locks in the same order and cannot
//! deadlock; a conflicting insert waits for the other worker's commit and then
//! does nothing. Transactions that still fail with a serialization failure or
//! deadlock are retried.

use std::error::Error as _;

use entente_core::{Doc, DocId};
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use std::collections::HashMap;

use postgres::{Client, NoTls, Statement};

use crate::rows::*;
use crate::schema::{current_version, MIGRATIONS};
use crate::sql::{self, Param, RowLike};
use crate::{Result, Store, StoreError};

/// A PostgreSQL store.
pub struct PgStore {
    client: Client,
    url: String,
    /// Prepared insert statements, by SQL text (statements belong to the
    /// connection, so they serve every transaction).
    stmts: HashMap<&'static str, Statement>,
}

impl ToSql for Param {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(v) => match *ty {
                Type::INT4 => (*v as i32).to_sql(ty, out),
                Type::INT2 => (*v as i16).to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Param::Text(s) => s.as_str().to_sql(ty, out),
        }
    }
    fn accepts(_ty: &Type) -> bool {
        true
    }
    to_sql_checked!();
}

impl RowLike for postgres::Row {
    fn text(&self, i: usize) -> String {
        self.opt_text(i).unwrap_or_default()
    }
    fn opt_text(&self, i: usize) -> Option<String> {
        self.try_get::<_, Option<String>>(i).ok().flatten()
    }
    fn int(&self, i: usize) -> i64 {
        self.opt_int(i).unwrap_or(0)
    }
    fn opt_int(&self, i: usize) -> Option<i64> {
        match self.try_get::<_, Option<i64>>(i) {
            Ok(v) => v,
            Err(_) => self
                .try_get::<_, Option<i32>>(i)
                .ok()
                .flatten()
                .map(i64::from),
        }
    }
    fn real(&self, i: usize) -> f64 {
        self.try_get::<_, Option<f64>>(i)
            .ok()
            .flatten()
            .unwrap_or(0.0)
    }
}

/// Rewrites `?` placeholders to `$1, $2, …` (no `?` occurs in our literals).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

fn param_refs<'a>(params: &[&'a Param]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| *p as &(dyn ToSql + Sync)).collect()
}

/// True for errors worth retrying the whole transaction for.
fn retryable(e: &postgres::Error) -> bool {
    matches!(e.code().map(|c| c.code()), Some("40001") | Some("40P01"))
}

impl PgStore {
    /// Connects and brings the schema up to date (under an advisory lock, so
    /// concurrent workers starting together migrate once).
    pub fn open(url: &str) -> Result<PgStore> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|e| StoreError::Db {
            db: shown.clone(),
            message: format!(
                "cannot connect: {}",
                e.source()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| e.to_string())
            ),
        })?;
        let mut store = PgStore {
            client,
            url: shown,
            stmts: HashMap::new(),
        };
        store.migrate()?;
        Ok(store)
    }

    fn err(&self, e: postgres::Error) -> StoreError {
        let message = match e.as_db_error() {
            Some(db) => format!("{}: {}", db.code().code(), db.message()),
            None => e.to_string(),
        };
        StoreError::Db {
            db: self.url.clone(),
            message,
        }
    }

    fn migrate(&mut self) -> Result<()> {
        let url = self.url.clone();
        let mut tx = self.client.transaction().map_err(|e| StoreError::Db {
            db: url.clone(),
            message: e.to_string(),
        })?;
        let r = (|| -> std::result::Result<i64, postgres::Error> {
            tx.batch_execute("SELECT pg_advisory_xact_lock(7368257); CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")?;
            let found: i64 = tx
                .query_one(
                    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                    &[],
                )?
                .get(0);
            if found <= current_version() {
                for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                    tx.batch_execute(m)?;
                    tx.execute(
                        "INSERT INTO schema_migrations (version) VALUES ($1)",
                        &[&((i + 1) as i64)],
                    )?;
                }
            }
            Ok(found)
        })();
        let url = self.url.clone();
        let found = match r {
            Ok(f) => f,
            Err(e) => {
                return Err(StoreError::Db {
                    db: url,
                    message: e.to_string(),
                })
            }
        };
        tx.commit().map_err(|e| StoreError::Db {
            db: url.clone(),
            message: e.to_string(),
        })?;
        if found > current_version() {
            return Err(StoreError::TooNew {
                db: self.url.clone(),
                found,
                supported: current_version(),
            });
        }
        Ok(())
    }

    fn query<T>(
        &mut self,
        sql: &str,
        params: &[Param],
        f: impl Fn(&postgres::Row) -> T,
    ) -> Result<Vec<T>> {
        let q = numbered(sql);
        match self.client.query(q.as_str(), &refs(params)) {
            Ok(rows) => Ok(rows.iter().map(f).collect()),
            Err(e) => Err(self.err(e)),
        }
    }

    fn count(&mut self, sql: &str) -> Result<u64> {
        Ok(self
            .query(sql, &[], |r| r.int(0))?
            .first()
            .copied()
            .unwrap_or(0) as u64)
    }

    /// The prepared statement for `sql`, preparing it on first use.
    fn stmt(&mut self, sql: &'static str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(&numbered(sql))?;
        self.stmts.insert(sql, s.clone());
        Ok(s)
    }

    fn try_put_docs(&mut self, docs: &[&Doc]) -> std::result::Result<usize, postgres::Error> {
        // One transaction, and multi-row statements: a round trip per table
        // and chunk rather than per row.
        let mut tx = self.client.transaction()?;
        let doc_rows: Vec<sql::Insert> = docs.iter().map(|d| sql::document_insert(d)).collect();
        let mut new_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        for chunk in chunks(&doc_rows) {
            let (q, params) = multi_row(chunk, " RETURNING id");
            for row in tx.query(q.as_str(), &param_refs(&params))? {
                new_ids.insert(row.get::<_, String>(0));
            }
        }
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        tx.execute("DELETE FROM claims WHERE doc_id = ANY($1)", &[&ids])?;
        // Children of the new documents, grouped by statement in first-seen
        // order (the same table order as one document at a time).
        let mut groups: Vec<(&'static str, Vec<sql::Insert>)> = Vec::new();
        for doc in docs {
            if !new_ids.contains(doc.id.as_str()) {
                continue;
            }
            for ins in sql::child_inserts(doc) {
                match groups.iter_mut().find(|(q, _)| *q == ins.sql) {
                    Some((_, v)) => v.push(ins),
                    None => groups.push((ins.sql, vec![ins])),
                }
            }
        }
        for (_, rows) in &groups {
            for chunk in chunks(rows) {
                let (q, params) = multi_row(chunk, "");
                tx.execute(q.as_str(), &param_refs(&params))?;
            }
        }
        tx.commit()?;
        Ok(new_ids.len())
    }
}

/// Rows of one statement in chunks that keep under PostgreSQL's limit of
/// 65,535 parameters per statement.
fn chunks(rows: &[sql::Insert]) -> std::slice::Chunks<'_, sql::Insert> {
    let per_row = rows.first().map_or(1, |r| r.params.len().max(1));
    rows.chunks((60_000 / per_row).clamp(1, 1000))
}

/// One `INSERT … VALUES (…), (…), …` for rows of the same single-row
/// statement, numbered for PostgreSQL, with `extra` appended (e.g. a
/// `RETURNING` clause), and its parameters in order.
fn multi_row<'a>(rows: &'a [sql::Insert], extra: &str) -> (String, Vec<&'a Param>) {
    let one = rows.first().map_or("", |r| r.sql);
    let (head, tuple, tail) = match one.find("VALUES (") {
        Some(i) => {
            let open = i + "VALUES ".len();
            let close = one[open..].find(')').map_or(one.len(), |j| open + j + 1);
            (&one[..open], &one[open..close], &one[close..])
        }
        None => (one, "", ""),
    };
    let mut q = String::with_capacity(head.len() + rows.len() * (tuple.len() + 2) + tail.len());
    q.push_str(head);
    for k in 0..rows.len() {
        if k > 0 {
            q.push_str(", ");
        }
        q.push_str(tuple);
    }
    q.push_str(tail);
    q.push_str(extra);
    let params = rows.iter().flat_map(|r| r.params.iter()).collect();
    (numbered(&q), params)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Store for PgStore {
    fn known_ids(&mut self, ids: &[DocId]) -> Result<Vec<DocId>> {
        let list: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
        let rows = self
            .client
            .query("SELECT id FROM documents WHERE id = ANY($1)", &[&list])
            .map_err(|e| StoreError::Db {
                db: self.url.clone(),
                message: e.to_string(),
            })?;
        let found: std::collections::HashSet<String> =
            rows.iter().map(|r| r.get::<_, String>(0)).collect();
        Ok(ids
            .iter()
            .filter(|i| found.contains(i.as_str()))
            .cloned()
            .collect())
    }

    fn put_docs(&mut self, docs: &[Doc]) -> Result<usize> {
        // Id order: every transaction locks rows in the same order.
        let mut sorted: Vec<&Doc> = docs.iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let mut attempt = 0;
        loop {
            match self.try_put_docs(&sorted) {
                Ok(n) => return Ok(n),
                Err(e) if retryable(&e) && attempt < 5 => attempt += 1,
                Err(e) => return Err(self.err(e)),
            }
        }
    }

    fn claim(
        &mut self,
        ids: &[DocId],
        worker: &str,
        now: i64,
        timeout_secs: i64,
    ) -> Result<Vec<DocId>> {
        let mut sorted: Vec<&DocId> = ids.iter().collect();
        sorted.sort();
        let q = numbered(sql::CLAIM);
        let mut out = Vec::new();
        for id in sorted {
            let cutoff = now - timeout_secs;
            let rows = self
                .client
                .query(q.as_str(), &[&id.as_str(), &worker, &now, &cutoff])
                .map_err(|e| StoreError::Db {
                    db: self.url.clone(),
                    message: e.to_string(),
                })?;
            if !rows.is_empty() {
                out.push(id.clone());
            }
        }
        Ok(out)
    }

    fn claim_holders(&mut self) -> Result<Vec<String>> {
        self.query(sql::CLAIM_HOLDERS, &[], |r| r.text(0))
    }

    fn release_claims(&mut self, worker: &str) -> Result<usize> {
        let q = numbered(sql::RELEASE_WORKER);
        self.client
            .execute(q.as_str(), &[&worker])
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    fn put_sources(&mut self, sources: &[(DocId, String)]) -> Result<()> {
        let mut sorted: Vec<&(DocId, String)> = sources.iter().collect();
        sorted.sort();
        let stmt = self.stmt(sql::INSERT_SOURCE).map_err(|e| self.err(e))?;
        let r = (|| -> std::result::Result<(), postgres::Error> {
            let mut tx = self.client.transaction()?;
            for (id, src) in sorted {
                tx.execute(&stmt, &[&id.as_str(), &src.as_str()])?;
            }
            tx.commit()
        })();
        r.map_err(|e| self.err(e))
    }

    fn put_warning(&mut self, source: &str, message: &str) -> Result<()> {
        let w = sql::warning_insert(source, message, None);
        let q = numbered(w.sql);
        self.client
            .execute(q.as_str(), &refs(&w.params))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn count_event_mentions(&mut self) -> Result<u64> {
        self.count("SELECT COUNT(*) FROM event_mentions")
    }

    fn report(&mut self, top: usize) -> Result<Report> {
        let mut c = Vec::new();
        for q in sql::COUNTS {
            c.push(self.count(q)?);
        }
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
            .query(&q, &[id.into()], sql::document_row)?
            .into_iter()
            .next();
        match doc {
            None => Ok(None),
            Some(d) => {
                let sents = self.query(sql::SENTENCES_OF, &[id.into()], sql::sentence_row)?;
                Ok(Some((d, sents)))
            }
        }
    }

    fn documents(&mut self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>> {
        let q = format!(
            "SELECT {} FROM documents ORDER BY date DESC NULLS LAST, id LIMIT {} OFFSET {}",
            sql::DOCUMENT_COLS,
            limit.min(i64::MAX as usize),
            offset
        );
        self.query(&q, &[], sql::document_row)
    }

    fn mentions(&mut self, doc_id: &str) -> Result<Vec<MentionRow>> {
        self.query(sql::MENTIONS_OF, &[doc_id.into()], sql::mention_row)
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let (q, p) = sql::events_query(filter);
        self.query(&q, &p, sql::event_row)
    }

    fn quotes(&mut self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let (q, p) = sql::quotes_query(filter);
        self.query(&q, &p, sql::quote_row)
    }

    fn replace_canonical_events(
        &mut self,
        events: &[CanonicalEvent],
        members: &[(String, u32, String)],
    ) -> Result<()> {
        let r = (|| -> std::result::Result<(), postgres::Error> {
            let ins_sql = numbered(sql::canonical_insert(&CanonicalEvent::default()).sql);
            let mut tx = self.client.transaction()?;
            // One rebuild at a time across workers.
            tx.batch_execute("SELECT pg_advisory_xact_lock(7368258); DELETE FROM events; UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL;")?;
            let ins_stmt = tx.prepare(&ins_sql)?;
            for ev in events {
                let ins = sql::canonical_insert(ev);
                tx.execute(&ins_stmt, &refs(&ins.params))?;
            }
            let up = tx.prepare(
                "UPDATE event_mentions SET event_id = $1 WHERE doc_id = $2 AND idx = $3",
            )?;
            for (doc, idx, ev) in members {
                tx.execute(&up, &[ev, doc, &(*idx as i64)])?;
            }
            tx.commit()
        })();
        r.map_err(|e| self.err(e))
    }

    fn canonical_events(&mut self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>> {
        let (q, p) = sql::canonical_query(filter);
        self.query(&q, &p, sql::canonical_row)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(
            super::numbered("a = ? AND b IN (?, ?)"),
            "a = $1 AND b IN ($2, $3)"
        );
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            super::redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
