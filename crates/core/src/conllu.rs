//! Reading and writing CoNLL-U (Universal Dependencies) text.
//!
//! Parsing works on a string already in memory (this crate does no I/O).
//! Multi-word token lines (`1-2`) and empty nodes (`1.1`) are skipped; their
//! words are kept.

use crate::{Doc, Sentence, Span, Token};

/// One CoNLL-U sentence: comments, tokens and the raw MISC column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConlluSentence {
    /// `# key = value` comments, in order (`sent_id`, `text`, `newdoc id`, …).
    pub comments: Vec<(String, String)>,
    /// Word forms.
    pub forms: Vec<String>,
    /// Annotations; `span` is empty (the form has no offset in a document yet).
    pub tokens: Vec<Token>,
    /// The MISC column per word (`SpaceAfter=No`, GUM's `Entity=…`).
    pub misc: Vec<String>,
}

impl ConlluSentence {
    /// The value of comment `key` (e.g. `"text"`), if any.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A line that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// Parses CoNLL-U text into sentences.
///
/// ```
/// let text = "# text = Iran talks.\n1\tIran\tIran\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n2\ttalks\ttalk\tVERB\tVBZ\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
/// let s = entente_core::conllu::parse(text).unwrap();
/// assert_eq!(s.len(), 1);
/// assert_eq!(s[0].forms, ["Iran", "talks", "."]);
/// assert_eq!(s[0].tokens[0].deprel, "nsubj");
/// assert_eq!(s[0].tokens[0].head, 2);
/// ```
pub fn parse(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.forms.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            let (k, v) = match c.split_once('=') {
                Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
                None => (c.to_string(), String::new()),
            };
            cur.comments.push((k, v));
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: i + 1,
                message: format!("expected 10 columns, found {}", cols.len()),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| ConlluError {
                line: i + 1,
                message: format!("bad head {:?}", cols[6]),
            })?
        };
        cur.forms.push(cols[1].to_string());
        cur.tokens.push(Token {
            span: Span::default(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            lemma: cols[2].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
        cur.misc.push(cols[9].to_string());
    }
    if !cur.forms.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Builds a document from CoNLL-U sentences, reconstructing the text from the
/// forms (one space between words unless `SpaceAfter=No`), so that gold
/// tokens and parses can be fed to later stages.
pub fn to_doc(sentences: &[ConlluSentence], article: crate::Article) -> Doc {
    let mut doc = Doc::new(crate::Article {
        body: String::new(),
        title: None,
        ..article
    });
    let mut text = String::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let token_start = doc.tokens.len() as u32;
        let sent_start = text.len();
        for (k, (form, tok)) in s.forms.iter().zip(&s.tokens).enumerate() {
            let start = text.len();
            text.push_str(form);
            let mut t = tok.clone();
            t.span = Span::new(start, text.len());
            doc.tokens.push(t);
            let no_space = s
                .misc
                .get(k)
                .is_some_and(|m| m.split('|').any(|x| x == "SpaceAfter=No"));
            if !no_space && k + 1 < s.forms.len() {
                text.push(' ');
            }
        }
        doc.sentences.push(Sentence {
            span: Span::new(sent_start, text.len()),
            token_start,
            token_end: doc.tokens.len() as u32,
        });
    }
    doc.article.body = text.clone();
    doc.text = text;
    doc.body_start = 0;
    doc.id = crate::DocId::derive(doc.article.url.as_deref(), &doc.text);
    doc
}

/// Writes the sentences of an annotated document as CoNLL-U.
pub fn write_doc(doc: &Doc) -> String {
    let mut out = String::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        out.push_str(&format!("# sent_id = {}\n", i + 1));
        out.push_str(&format!(
            "# text = {}\n",
            doc.slice(s.span).replace('\n', " ")
        ));
        let toks = doc.sentence_tokens(i);
        for (k, t) in toks.iter().enumerate() {
            let form = doc.slice(t.span);
            let space_after = toks.get(k + 1).is_none_or(|n| n.span.start > t.span.end);
            let field = |v: &str| {
                if v.is_empty() {
                    "_".to_string()
                } else {
                    v.to_string()
                }
            };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}\n",
                k + 1,
                form,
                field(&t.lemma),
                field(&t.upos),
                field(&t.xpos),
                field(&t.feats),
                t.head,
                field(&t.deprel),
                if space_after { "_" } else { "SpaceAfter=No" }
            ));
        }
        out.push('\n');
    }
    out
}
