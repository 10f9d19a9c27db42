//! The stage's own light tokenization: words, punctuation and quote marks with
//! byte offsets, sentences, and the pairing of quote marks per paragraph.
//!
//! The quote stage tokenizes for itself because quote marks and apostrophes
//! are exactly what it must see undisturbed (the general tokenizer may glue or
//! split them differently), and because it must work when run alone.

use crate::lexicon;

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
    /// An opening double quote mark (or a single one, when pairing singles).
    Open,
    /// A closing double quote mark.
    Close,
    /// A straight `"` whose direction is read from context.
    Straight,
    /// A single quote mark outside a word (‘ ’ or ').
    Single,
}

/// A token: byte span in the document text, kind, and lower-case form (a
/// slice of the ASCII-lower-cased copy of the text, so that offsets agree and
/// the tokenizer allocates nothing per token; non-ASCII capitals stay as
/// they are, which the ASCII word lists never need).
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub lower: &'a str,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is(&self, p: &str) -> bool {
        self.lower == p
    }
    pub fn is_mark(&self) -> bool {
        matches!(
            self.kind,
            Kind::Open | Kind::Close | Kind::Straight | Kind::Single
        )
    }
}

/// Tokenizes `text[start..end]`; offsets are absolute.
pub fn tokenize<'a>(
    text: &'a str,
    lower_text: &'a str,
    start: usize,
    end: usize,
    out: &mut Vec<Tok<'a>>,
) {
    let seg = match text.get(start..end) {
        Some(s) => s,
        None => return,
    };
    let mut it = seg.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, ch)) = it.next() {
        let abs = start + i;
        if ch.is_whitespace() {
            prev = Some(ch);
            continue;
        }
        if ch.is_alphanumeric() {
            let mut e = i + ch.len_utf8();
            while let Some(&(j, n)) = it.peek() {
                // A joiner ('.', apostrophe, hyphen) only when followed by
                // an alphanumeric: "U.S", "Iran’s", "US-led".
                let joins = matches!(n, '.' | '\'' | '’' | '-' | '&' | '‑')
                    && seg[j + n.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|a| a.is_alphanumeric());
                if !(n.is_alphanumeric() || joins) {
                    break;
                }
                e = j + n.len_utf8();
                it.next();
            }
            out.push(Tok {
                s: abs,
                e: start + e,
                kind: Kind::Word,
                lower: lower_text.get(abs..start + e).unwrap_or(""),
                cap: ch.is_uppercase(),
            });
            prev = seg[..e].chars().next_back();
            continue;
        }
        let kind = match ch {
            '“' | '„' => Kind::Open,
            '”' => Kind::Close,
            '"' => Kind::Straight,
            '‘' | '’' | '\'' => Kind::Single,
            _ => Kind::Punct,
        };
        let mut kind = kind;
        if kind == Kind::Straight {
            let before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            let after = seg[i + 1..].chars().next();
            let after_space = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–".contains(a));
            if before && !after_space {
                kind = Kind::Open;
            } else if !before && after_space {
                kind = Kind::Close;
            }
        }
        let len = ch.len_utf8();
        out.push(Tok {
            s: abs,
            e: abs + len,
            kind,
            lower: &seg[i..i + len],
            cap: false,
        });
        prev = Some(ch);
    }
}

/// A paired quotation: token indices of the marks (close may be one past
/// the paragraph when the quote runs on into the next paragraph).
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub open: usize,
    /// Index of the closing mark, or `toks.len()` for a run-on quote.
    pub close: usize,
    /// Runs on into the next paragraph (no closing mark by convention).
    pub runs_on: bool,
}

/// Pairs double quote marks within one paragraph's tokens. Returns the pairs
/// and the number of marks that could not be paired (for the warning).
///
/// `next_opens` tells whether the next paragraph starts with an opening mark,
/// the convention for a quotation running over several paragraphs.
pub fn pair_marks(toks: &[Tok], next_opens: bool) -> (Vec<Pair>, usize) {
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    let mut stray = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Open => {
                if open.is_some() {
                    stray += 1;
                    // A second opening mark right after a sentence end inside
                    // an open quotation is a stray: the quotation goes on.
                    let after_end = i > 0 && matches!(toks[i - 1].lower, "." | "?" | "!" | "…");
                    if after_end {
                        continue;
                    }
                }
                open = Some(i);
            }
            Kind::Close => match open.take() {
                Some(o) => pairs.push(Pair {
                    open: o,
                    close: i,
                    runs_on: false,
                }),
                None => stray += 1,
            },
            Kind::Straight => match open.take() {
                Some(o) => pairs.push(Pair {
                    open: o,
                    close: i,
                    runs_on: false,
                }),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    if let Some(o) = open {
        if next_opens {
            pairs.push(Pair {
                open: o,
                close: toks.len(),
                runs_on: true,
            });
        } else {
            stray += 1;
        }
    }
    if pairs.is_empty() {
        pairs = pair_singles(toks);
    }
    (pairs, stray)
}

/// British-style single quotes, tried only in paragraphs without double
/// quotes: ‘ or ' after a space opens, ’ or ' before a space or punctuation
/// closes. Word-internal apostrophes never reach here (they are inside words).
fn pair_singles(toks: &[Tok]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Single {
            continue;
        }
        let next_word = toks.get(i + 1).is_some_and(|n| n.s == t.e && n.is_word());
        let prev_word = i > 0 && toks[i - 1].e == t.s && toks[i - 1].is_word();
        if next_word && !prev_word && t.lower != "’" {
            open = Some(i);
        } else if !next_word && prev_word {
            if let Some(o) = open.take() {
                // At least two words inside, or it is likely an apostrophe.
                if i > o + 2 {
                    pairs.push(Pair {
                        open: o,
                        close: i,
                        runs_on: false,
                    });
                }
            }
        }
    }
    pairs
}

/// Splits a paragraph's tokens into sentences (token index ranges). A
/// terminator ends a sentence when the next token (after closing marks)
/// starts upper case, is a digit, or opens a quotation.
pub fn sentences(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let term = t.kind == Kind::Punct && matches!(t.lower, "." | "?" | "!" | "…");
        if term {
            if t.lower == "." && i > 0 && toks[i - 1].e == t.s && toks[i - 1].is_word() {
                let w = &text[toks[i - 1].s..toks[i - 1].e];
                if lexicon::abbreviation(w) || (w.len() == 1 && toks[i - 1].cap) {
                    i += 1;
                    continue;
                }
            }
            let mut j = i + 1;
            while j < toks.len()
                && (matches!(toks[j].kind, Kind::Close | Kind::Single)
                    || (toks[j].kind == Kind::Straight && toks[j].s == toks[j - 1].e)
                    || matches!(toks[j].lower, ")" | "]"))
            {
                j += 1;
            }
            let ends = match toks.get(j) {
                None => true,
                Some(n) => {
                    n.cap
                        || n.lower.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(n.kind, Kind::Open | Kind::Straight)
                        || matches!(n.lower, "(" | "[" | "—" | "-")
                }
            };
            if ends {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}
