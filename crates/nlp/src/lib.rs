//! # entente-nlp
//!
//! Stage 2 of the pipeline: English tokenizer and sentence splitter (with exact
//! byte offsets into the document text), part-of-speech tagger (UPOS + PTB
//! XPOS), lemmatizer, morphological features and a labelled dependency parser
//! producing Universal Dependencies.
//!
//! The statistical models (an averaged-perceptron tagger, a supertagger that
//! predicts each word's relation and head side, and a greedy arc-hybrid
//! parser reading both, see [`tagger`], [`supertag`] and [`parser`]) are
//! trained by
//! [`train::train`] from UD English EWT and GUM and shipped compressed inside
//! the binary (`models/en_ud.bin.gz`, CC BY-SA 4.0, see `models/README.md`).
//!
//! **Architecture invariant:** no I/O at run time except reading the models
//! embedded in the binary; never reads `../shared`.

use entente_core::{Annotator, CoreError, Doc, Sentence, Span, Token};

pub mod clusters;
pub mod eval;
pub mod morph;
pub mod parser;
pub mod perceptron;
pub mod supertag;
pub mod tagger;
mod tokenize;
pub mod train;

pub use tokenize::{split_sentences, tokenize};

use morph::Morph;
use parser::{Input, Parser};
use perceptron::{mix, Reader};
use supertag::{StWord, Supertagger};
use tagger::Tagger;

/// The embedded model bundle (gzip).
static MODEL: &[u8] = include_bytes!("../models/en_ud.bin.gz");

const MAGIC: &[u8] = b"ENTENTE-NLP-1\n";
const ROOT_W: u64 = 0x5eed_0001;
const ROOT_P: u64 = 0x5eed_0002;

/// Longest sentence handed to the parser; longer runs (garbage, tables) are
/// cut into pieces so time stays linear.
const MAX_SENT: usize = 400;

/// Most tokens in one sentence of a document ([`Nlp::tag_doc`]): a longer
/// run (text without sentence ends: lists, tables, crafted input) is split
/// into sentences of at most this many tokens, after a comma or semicolon
/// where one is near the limit, and the document gets a warning. News
/// sentences stay far below it (a 100-word sentence is rare); the later
/// stages' work per sentence grows faster than its length, so without a cap
/// a megabyte of text without a full stop took minutes.
pub const MAX_SENTENCE_TOKENS: usize = MAX_SENT;

/// Splits the token range `a..b` into pieces of at most `max` tokens, each
/// ending after the last `,` `;` or `:` in its second half when there is one.
fn cap_sentence(text: &str, toks: &[Span], a: usize, b: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = a;
    while b - s > max {
        let hard = s + max;
        let cut = (s + max / 2..hard)
            .rev()
            .find(|&i| matches!(toks[i].slice(text), "," | ";" | ":"))
            .map_or(hard, |i| i + 1);
        out.push((s, cut));
        s = cut;
    }
    out.push((s, b));
    out
}

/// The language-analysis stage: tagger, parser and morphology tables.
#[derive(Clone)]
pub struct Nlp {
    tagger: Tagger,
    parser: Parser,
    /// Optional supertagger (relation + head side per word) feeding the
    /// parser.
    supertagger: Option<Supertagger>,
    morph: Morph,
}

impl std::fmt::Debug for Nlp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nlp")
            .field("tags", &self.tagger.classes.len())
            .field("labels", &self.parser.labels.len())
            .finish()
    }
}

fn stage_err(message: impl Into<String>) -> CoreError {
    CoreError::Stage {
        stage: "nlp",
        message: message.into(),
    }
}

/// Hash of a supertag class (or of its absence) as the parser sees it.
fn supertag_hash(class: Option<u16>) -> u64 {
    class.map_or(0x5ca1_ab1e, |c| mix(0x5e7, u64::from(c)))
}

/// Hash of a tag class as the parser sees it.
fn tag_hash(class: u16) -> u64 {
    mix(0x7a9, u64::from(class))
}

impl Nlp {
    /// Loads the models embedded in the binary.
    pub fn load() -> Result<Nlp, CoreError> {
        Nlp::from_bytes(MODEL)
    }

    /// Loads a model bundle written by [`Nlp::to_bytes`] (gzip-compressed).
    pub fn from_bytes(gz: &[u8]) -> Result<Nlp, CoreError> {
        use std::io::Read;
        if gz.is_empty() {
            return Err(stage_err("no model embedded (run `entente train`)"));
        }
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut raw)
            .map_err(|e| stage_err(format!("model: {e}")))?;
        let body = raw
            .strip_prefix(MAGIC)
            .ok_or_else(|| stage_err("model: bad header"))?;
        let mut r = Reader::new(body);
        let tagger = Tagger::read(&mut r).ok_or_else(|| stage_err("model: bad tagger"))?;
        let parser = Parser::read(&mut r).ok_or_else(|| stage_err("model: bad parser"))?;
        let morph = Morph::read(&mut r).ok_or_else(|| stage_err("model: bad morphology"))?;
        let mut parser = parser;
        // Optional trailer: the parser's beam width.
        if let Some(b) = r.var() {
            parser.beam = (b as usize).clamp(1, 64);
        }
        // Optional trailer: the supertagger.
        let supertagger = match r.var() {
            Some(1) => {
                Some(Supertagger::read(&mut r).ok_or_else(|| stage_err("model: bad supertagger"))?)
            }
            _ => None,
        };
        Ok(Nlp {
            tagger,
            parser,
            supertagger,
            morph,
        })
    }

    /// Assembles a bundle from trained parts.
    pub fn from_parts(tagger: Tagger, parser: Parser, morph: Morph) -> Nlp {
        Nlp {
            tagger,
            parser,
            supertagger: None,
            morph,
        }
    }

    /// Adds a supertagger whose tags the parser reads.
    pub fn with_supertagger(mut self, t: Supertagger) -> Nlp {
        self.supertagger = Some(t);
        self
    }

    /// Serialises the bundle, gzip-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        use std::io::Write;
        let mut raw = MAGIC.to_vec();
        self.tagger.write(&mut raw);
        self.parser.write(&mut raw);
        self.morph.write(&mut raw);
        perceptron::put_var(&mut raw, self.parser.beam as u64);
        if let Some(t) = &self.supertagger {
            perceptron::put_var(&mut raw, 1);
            t.write(&mut raw);
        }
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// Drops small weights (quantised units) and rarely updated features
    /// (update counts are known only right after training).
    pub fn prune(&mut self, min_abs: u16, min_hits: u32) {
        if min_abs > 0 || min_hits > 1 {
            // The tagger is small and loses accuracy first: weights only.
            self.tagger.prune(min_abs, 1);
            if let Some(t) = &mut self.supertagger {
                t.prune(min_abs, min_hits);
            }
            self.parser.prune(min_abs, min_hits);
        }
    }

    /// Coarsens all perceptron weights by `2^shift` (a smaller model; see
    /// `perceptron::Model::requantized`).
    pub fn requantize(&mut self, shift: u32) {
        self.tagger.requantize(shift);
        if let Some(t) = &mut self.supertagger {
            t.requantize(shift);
        }
        self.parser.requantize(shift);
    }

    /// Sets the parser's beam width (1 = greedy).
    pub fn set_beam(&mut self, k: usize) {
        self.parser.beam = k.clamp(1, 64);
    }

    /// Sizes of the models, for reports: (tagger features, parser move
    /// features, label features).
    pub fn sizes(&self) -> (usize, usize, usize) {
        let (m, l) = self.parser.features_len();
        (self.tagger.features_len(), m, l)
    }

    /// Tags, lemmatizes and parses one pre-tokenized sentence. The returned
    /// tokens have empty spans; `head` is 1-based within the sentence (0 =
    /// root).
    pub fn analyze(&self, forms: &[&str]) -> Vec<Token> {
        let mut out = Vec::with_capacity(forms.len());
        for chunk in forms.chunks(MAX_SENT) {
            let base = out.len() as u32;
            let mut toks = self.analyze_chunk(chunk);
            if base > 0 {
                for t in &mut toks {
                    if t.head == 0 {
                        // Later pieces of an over-long sentence hang off the first root.
                        t.head = out
                            .iter()
                            .position(|x: &Token| x.head == 0)
                            .map_or(0, |p| p as u32 + 1);
                        t.deprel = "parataxis".to_string();
                    } else {
                        t.head += base;
                    }
                }
            }
            out.extend(toks);
        }
        out
    }

    /// Like [`Nlp::analyze`] but with given `(UPOS, XPOS)` tags (for
    /// evaluating the parser on gold tags). Sentences longer than the
    /// parser's limit are analysed with predicted tags.
    pub fn analyze_with_tags(&self, forms: &[&str], tags: &[(&str, &str)]) -> Vec<Token> {
        if forms.len() > MAX_SENT || tags.len() != forms.len() {
            return self.analyze(forms);
        }
        let classes: Vec<u16> = tags
            .iter()
            .map(|(u, x)| {
                let c = &self.tagger.classes;
                c.iter()
                    .position(|(a, b)| a == u && b == x)
                    .or_else(|| c.iter().position(|(_, b)| b == x))
                    .unwrap_or(0) as u16
            })
            .collect();
        self.analyze_tagged(forms, Some(classes))
    }

    fn analyze_chunk(&self, forms: &[&str]) -> Vec<Token> {
        self.analyze_tagged(forms, None)
    }

    fn analyze_tagged(&self, forms: &[&str], given: Option<Vec<u16>>) -> Vec<Token> {
        if forms.is_empty() {
            return Vec::new();
        }
        let (mut tags, words) = self.tagger.tag_with_words(forms);
        if let Some(g) = given {
            tags = g;
        }
        let w: Vec<u64> = words.iter().map(|x| x.w).collect();
        let c: Vec<u64> = words.iter().map(|x| x.cf).collect();
        let mut toks: Vec<Token> = forms
            .iter()
            .zip(&tags)
            .map(|(f, t)| self.tagged_token(f, *t))
            .collect();
        self.parse_chunk(&w, &c, &tags, &mut toks);
        toks
    }

    /// A token with its tags, lemma and features but no parse (`head` 0,
    /// empty `deprel`).
    fn tagged_token(&self, form: &str, class: u16) -> Token {
        let (upos, xpos) = self
            .tagger
            .classes
            .get(class as usize)
            .map_or(("X", "FW"), |(u, x)| (u.as_str(), x.as_str()));
        let (lemma, feats) = self.morph.analyze(form, upos, xpos);
        Token {
            span: Span::default(),
            upos: upos.to_string(),
            xpos: xpos.to_string(),
            lemma,
            feats,
            head: 0,
            deprel: String::new(),
        }
    }

    /// Supertags and parses one tagged chunk (at most [`MAX_SENT`] words):
    /// `w`, `c` and `tags` are the tagger's word hashes, word classes and
    /// tag classes; fills `head`/`deprel` of `toks` and marks passives.
    fn parse_chunk(&self, w: &[u64], c: &[u64], tags: &[u16], toks: &mut [Token]) {
        let n = toks.len();
        let mut wi = Vec::with_capacity(n + 1);
        let mut p = Vec::with_capacity(n + 1);
        wi.push(ROOT_W);
        p.push(ROOT_P);
        wi.extend_from_slice(w);
        p.extend(tags.iter().map(|t| tag_hash(*t)));
        let mut ci = Vec::with_capacity(n + 1);
        ci.push(ROOT_W);
        ci.extend_from_slice(c);
        let mut st = Vec::with_capacity(n + 1);
        st.push(supertag_hash(None));
        match &self.supertagger {
            Some(t) => {
                let sw: Vec<StWord> = w
                    .iter()
                    .zip(c)
                    .zip(tags)
                    .map(|((w, c), t)| StWord {
                        w: *w,
                        c: *c,
                        t: tag_hash(*t),
                        verb: self
                            .tagger
                            .classes
                            .get(*t as usize)
                            .is_some_and(|(u, _)| supertag::is_verb(u)),
                    })
                    .collect();
                st.extend(t.tag(&sw).iter().map(|x| supertag_hash(Some(*x))));
            }
            None => st.resize(n + 1, supertag_hash(None)),
        }
        let (heads, labels) = self.parser.parse(&Input {
            w: &wi,
            p: &p,
            c: &ci,
            st: &st,
        });
        for (i, t) in toks.iter_mut().enumerate() {
            let lab = labels.get(i + 1).copied().unwrap_or(0) as usize;
            t.head = heads.get(i + 1).copied().unwrap_or(0);
            t.deprel = self
                .parser
                .labels
                .get(lab)
                .cloned()
                .unwrap_or_else(|| "dep".to_string());
        }
        morph::mark_passives(toks);
    }

    /// Tokenizes, splits, tags and lemmatizes `doc` without parsing: every
    /// token gets `head` 0 and an empty `deprel` (downstream stages read an
    /// empty relation as "no parse"). The returned [`Tagged`] keeps what
    /// [`Nlp::parse_sentences`] needs to parse chosen sentences later
    /// without tagging them again.
    pub fn tag_doc(&self, doc: &mut Doc) -> Tagged {
        let toks = tokenize(&doc.text);
        let sents = split_sentences(&doc.text, &toks);
        doc.tokens.clear();
        doc.sentences.clear();
        doc.tokens.reserve(toks.len());
        let mut tagged = Tagged {
            w: Vec::with_capacity(toks.len()),
            c: Vec::with_capacity(toks.len()),
            tags: Vec::with_capacity(toks.len()),
        };
        let mut forms: Vec<&str> = Vec::new();
        let mut split = 0;
        let sents: Vec<(usize, usize)> = sents
            .into_iter()
            .flat_map(|(a, b)| {
                if b - a > MAX_SENTENCE_TOKENS {
                    split += 1;
                    cap_sentence(&doc.text, &toks, a, b, MAX_SENTENCE_TOKENS)
                } else {
                    vec![(a, b)]
                }
            })
            .collect();
        if split > 0 {
            doc.warn(
                "nlp",
                format!(
                    "{split} sentences longer than {MAX_SENTENCE_TOKENS} tokens \
                     were split into pieces of at most that length"
                ),
            );
        }
        for (a, b) in sents {
            let start = doc.tokens.len() as u32;
            for chunk in toks[a..b].chunks(MAX_SENT) {
                forms.clear();
                forms.extend(chunk.iter().map(|s| s.slice(&doc.text)));
                let (tags, words) = self.tagger.tag_with_words(&forms);
                for ((f, t), span) in forms.iter().zip(&tags).zip(chunk) {
                    doc.tokens.push(Token {
                        span: *span,
                        ..self.tagged_token(f, *t)
                    });
                }
                tagged.w.extend(words.iter().map(|x| x.w));
                tagged.c.extend(words.iter().map(|x| x.cf));
                tagged.tags.extend_from_slice(&tags);
            }
            let span = Span::new(toks[a].start as usize, toks[b - 1].end as usize);
            doc.sentences.push(Sentence {
                span,
                token_start: start,
                token_end: doc.tokens.len() as u32,
            });
        }
        tagged
    }

    /// Parses the sentences of a document tagged by [`Nlp::tag_doc`] for
    /// which `wanted(sentence index)` holds; the others keep no parse.
    /// Returns how many sentences were parsed.
    pub fn parse_sentences(
        &self,
        doc: &mut Doc,
        tagged: &Tagged,
        mut wanted: impl FnMut(usize) -> bool,
    ) -> usize {
        let mut parsed = 0;
        for si in 0..doc.sentences.len() {
            if !wanted(si) {
                continue;
            }
            parsed += 1;
            let r = doc.sentences[si].tokens();
            if r.end > doc.tokens.len() || r.end > tagged.tags.len() {
                continue;
            }
            let mut first_root: Option<u32> = None;
            let mut a = r.start;
            while a < r.end {
                let b = (a + MAX_SENT).min(r.end);
                let toks = &mut doc.tokens[a..b];
                self.parse_chunk(&tagged.w[a..b], &tagged.c[a..b], &tagged.tags[a..b], toks);
                let base = (a - r.start) as u32;
                if base > 0 {
                    // Later pieces of an over-long sentence hang off the first root.
                    for t in toks.iter_mut() {
                        if t.head == 0 {
                            t.head = first_root.unwrap_or(0);
                            t.deprel = "parataxis".to_string();
                        } else {
                            t.head += base;
                        }
                    }
                } else {
                    first_root = toks.iter().position(|x| x.head == 0).map(|p| p as u32 + 1);
                }
                a = b;
            }
        }
        parsed
    }
}

/// The tagger's per-token output kept between [`Nlp::tag_doc`] and
/// [`Nlp::parse_sentences`], aligned with `Doc::tokens`.
#[derive(Debug, Default)]
pub struct Tagged {
    w: Vec<u64>,
    c: Vec<u64>,
    tags: Vec<u16>,
}

impl Annotator for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let tagged = self.tag_doc(doc);
        self.parse_sentences(doc, &tagged, |_| true);
        Ok(())
    }
}
