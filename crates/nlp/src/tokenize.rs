//! Rule-based tokenizer and sentence splitter with exact byte offsets.

use entente_core::Span;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "gov", "st",
    "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m",
    "p.m", "pres", "amb", "adm", "maj", "rev", "hon", "fig", "approx", "dept", "est", "ft", "mt",
];

/// Abbreviations that often end a sentence ("… in the U.S. The …").
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "u.s.", "u.k.", "u.n.", "etc.", "inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "a.m.", "p.m.",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into token spans. Words keep internal hyphens, apostrophes and
/// periods of abbreviations ("U.S.", "al-Assad", "Shi'ites"); clitics are split
/// ("won't" → "wo" + "n't", "Iran's" → "Iran" + "'s"); punctuation is a token.
///
/// ```
/// let text = "The U.S. won't back al-Assad's regime.";
/// let toks: Vec<&str> = entente_nlp::tokenize(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(toks, ["The", "U.S.", "wo", "n't", "back", "al-Assad", "'s", "regime", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if let Some(j) = url_end(text, &chars, i) {
            out.push(Span::new(end_of(i), end_of(j)));
            i = j;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                } else if matches!(cj, '-' | '\'' | '’' | '.' | ',' | ':' | '/' | '&')
                    && j + 1 < n
                    && is_word_char(chars[j + 1].1)
                {
                    // Inner punctuation: keep "al-Assad", "Shi'ites", "U.S", "3,000", "3.5", "10:30".
                    if matches!(cj, ',' | ':')
                        && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    if cj == '.'
                        && !(chars[j + 1].1.is_ascii_digit() || is_initialism(&chars, start, j))
                    {
                        break;
                    }
                    j += 2;
                } else {
                    break;
                }
            }
            // Trailing period of an abbreviation or initialism ("U.S.", "Dr.").
            if j < n && chars[j].1 == '.' && j - start <= 12 {
                let word: String = chars[start..j]
                    .iter()
                    .map(|c| c.1)
                    .collect::<String>()
                    .to_lowercase();
                let is_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if ABBREVIATIONS.contains(&word.as_str()) || word.contains('.') || is_initial {
                    j += 1;
                }
            }
            // Split clitics: n't, 's, 're, 've, 'll, 'd, 'm.
            let tok_start = end_of(start);
            let tok_end = end_of(j);
            let word = &text[tok_start..tok_end];
            let (a, b) = split_clitic(word);
            if b > 0 {
                out.push(Span::new(tok_start, tok_start + a));
                out.push(Span::new(tok_start + a, tok_end));
            } else {
                out.push(Span::new(tok_start, tok_end));
            }
            i = j;
        } else {
            // Punctuation: runs of the same dash/dot are one token ("--", "...").
            let start = i;
            let mut j = i + 1;
            if matches!(c, '-' | '.' | '—' | '–') {
                while j < n && chars[j].1 == c {
                    j += 1;
                }
            } else if matches!(c, '\'' | '’') && j < n && is_word_char(chars[j].1) {
                // "'s" after a closing quote or space stays with the word.
                let mut k = j;
                while k < n && chars[k].1.is_alphabetic() {
                    k += 1;
                }
                let w: String = chars[j..k]
                    .iter()
                    .map(|c| c.1)
                    .collect::<String>()
                    .to_lowercase();
                if matches!(w.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                    j = k;
                }
            }
            out.push(Span::new(end_of(start), end_of(j)));
            i = j;
        }
    }
    out
}

/// End (char index) of a URL or e-mail address starting at char `i`, if any.
/// Trailing punctuation is left out ("see https://x.org/a.").
fn url_end(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
    let head: String = text[chars[i].0..]
        .chars()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let is_url =
        head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.");
    let n = chars.len();
    // Scanning must stay linear on long runs without spaces: a URL is
    // consumed whole, an e-mail address is at most 254 chars with its '@'
    // within the first 64.
    let stop = |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”');
    let limit = if is_url { n } else { n.min(i + 254) };
    if !is_url
        && !chars[i..n.min(i + 65)]
            .iter()
            .take_while(|c| !stop(c.1))
            .any(|c| c.1 == '@')
    {
        return None;
    }
    let mut j = i;
    while j < limit && !stop(chars[j].1) {
        j += 1;
    }
    if !is_url {
        // e-mail: word chars, one '@', a dotted domain.
        let tok: String = chars[i..j].iter().map(|c| c.1).collect();
        let (user, dom) = tok.split_once('@')?;
        let ok_user = !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'));
        let dom_t = dom.trim_end_matches(|c: char| !c.is_alphanumeric());
        let ok_dom = dom_t.contains('.')
            && dom_t
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
        if !(ok_user && ok_dom) {
            return None;
        }
    }
    while j > i + 1
        && matches!(
            chars[j - 1].1,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'' | '’'
        )
    {
        // Keep a closing bracket that has its opening one inside the URL.
        if chars[j - 1].1 == ')' && chars[i..j].iter().any(|c| c.1 == '(') {
            break;
        }
        j -= 1;
    }
    Some(j)
}

fn is_initialism(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    // "U.S", "U.N", "e.g": single letters separated by dots; also after a
    // hyphen or slash inside a compound ("Kenya-U.S", "China/U.N"), whose
    // dots would otherwise end a sentence in the middle of a phrase.
    let start = chars[start..dot]
        .iter()
        .rposition(|c| matches!(c.1, '-' | '/'))
        .map_or(start, |p| start + p + 1);
    if dot - start > 8 {
        return false;
    }
    let seg = &chars[start..dot];
    let letters = seg.iter().filter(|c| c.1.is_alphabetic()).count();
    letters <= 2 && seg.iter().all(|c| c.1.is_alphabetic() || c.1 == '.')
}

/// Returns (head length, clitic length) in bytes.
fn split_clitic(word: &str) -> (usize, usize) {
    if word.len() > 64 {
        return (word.len(), 0);
    }
    let lower = word.to_lowercase();
    // Treebank conventions: "cannot" → "can" + "not", "gonna" → "gon" + "na".
    if matches!(lower.as_str(), "cannot" | "gonna" | "wanna" | "gotta") && word.is_ascii() {
        return (3, word.len() - 3);
    }
    for suf in ["n't", "n’t"] {
        if lower.ends_with(suf) && lower.len() > suf.len() {
            let cut = word.len() - suf.len();
            // "can't" → "ca" + "n't", as in the Penn Treebank.
            return (cut, word.len() - cut);
        }
    }
    for suf in [
        "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
    ] {
        if lower.ends_with(suf) && lower.len() > suf.len() {
            let cut = word.len() - suf.len();
            return (cut, word.len() - cut);
        }
    }
    (word.len(), 0)
}

/// Groups tokens into sentences; returns token index ranges `(start, end)`.
///
/// A sentence ends at `.`, `!` or `?` (plus closing quotes/brackets) when the
/// next token starts with an upper-case letter, a digit or an opening quote,
/// and at every blank line (headlines and list items have no final stop).
pub fn split_sentences(text: &str, tokens: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i].slice(text);
        let mut boundary = false;
        let mut end = i + 1;
        let final_abbrev = t.len() > 2
            && t.ends_with('.')
            && SENTENCE_FINAL_ABBREVIATIONS.contains(&t.to_lowercase().as_str());
        if matches!(t, "." | "!" | "?" | "..." | "…" | "?!" | "!?" | "!!" | "??") || final_abbrev
        {
            // Absorb closing quotes and brackets written right after the
            // stop; a quote after a space opens the next sentence.
            let mut absorbed = false;
            while end < n
                && tokens[end].start == tokens[end - 1].end
                && matches!(
                    tokens[end].slice(text),
                    "\"" | "”" | "’" | "'" | ")" | "]" | "''"
                )
            {
                end += 1;
                absorbed = true;
            }
            boundary = match tokens.get(end) {
                None => true,
                Some(next) => {
                    let nt = next.slice(text);
                    let first = nt.chars().next().unwrap_or(' ');
                    let strong = first.is_uppercase()
                        || first.is_ascii_digit()
                        || matches!(first, '"' | '“' | '‘' | '(' | '[' | '*' | '-' | '•');
                    // Web text starts sentences in lower case too ("where
                    // did you grow up? india?"); trust a bare stop then, but
                    // not an ellipsis, an abbreviation or a closing quote
                    // ("'Why?' he asked").
                    let weak = first.is_lowercase()
                        && !absorbed
                        && !final_abbrev
                        && matches!(t, "." | "!" | "?" | "?!" | "!?" | "!!" | "??")
                        && next.start > tokens[end - 1].end;
                    strong || weak
                }
            };
        }
        if !boundary && end < n {
            // Paragraph break between this token and the next.
            let gap = text
                .get(tokens[end - 1].end as usize..tokens[end].start as usize)
                .unwrap_or("");
            if gap.matches('\n').count() >= 2 {
                boundary = true;
            }
        }
        if boundary || end >= n {
            out.push((start, end.min(n)));
            start = end.min(n);
        }
        i = end;
    }
    if start < n {
        out.push((start, n));
    }
    out.retain(|(a, b)| a < b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn curly_apostrophes_and_shiites() {
        assert_eq!(words("Iran’s Shi’ites"), ["Iran", "’s", "Shi’ites"]);
    }

    #[test]
    fn numbers_and_dashes() {
        assert_eq!(
            words("at least 14 airstrikes – 3,000 troops"),
            ["at", "least", "14", "airstrikes", "–", "3,000", "troops"]
        );
    }

    #[test]
    fn initialisms_inside_hyphenated_compounds_do_not_end_sentences() {
        for text in [
            "A deadly attack on a joint Kenya-U.S. military base was reported. It was not the first.",
            "The China-U.N. talks on aid stalled. Diplomats left.",
        ] {
            let toks = tokenize(text);
            let s = split_sentences(text, &toks);
            assert_eq!(s.len(), 2, "{text}: {:?}", s);
        }
        let text = "They met in the U.S. The talks ended.";
        assert_eq!(split_sentences(text, &tokenize(text)).len(), 2);
    }

    #[test]
    fn sentences_with_abbreviations() {
        let text = "Mr. Kerry met the U.S. envoy. He left.\n\nHeadline without stop\n\nNext one.";
        let toks = tokenize(text);
        let s = split_sentences(text, &toks);
        assert_eq!(s.len(), 4, "{:?}", s);
    }

    #[test]
    fn urls_emails_and_clitics() {
        assert_eq!(
            words("See https://example.org/a?b=1. Mail bob.smith@mail.example.com, now."),
            [
                "See",
                "https://example.org/a?b=1",
                ".",
                "Mail",
                "bob.smith@mail.example.com",
                ",",
                "now",
                "."
            ]
        );
        assert_eq!(
            words("I cannot go, can't and won't"),
            ["I", "can", "not", "go", ",", "ca", "n't", "and", "wo", "n't"]
        );
        assert_eq!(words("at 10:30 on 3.5"), ["at", "10:30", "on", "3.5"]);
    }

    #[test]
    fn garbage_does_not_panic() {
        let long = "x".repeat(100_000);
        assert_eq!(tokenize(&long).len(), 1);
        let emoji = "😀".repeat(1000);
        assert_eq!(tokenize(&emoji).len(), 1000);
        assert!(tokenize("").is_empty());
        assert!(split_sentences("", &[]).is_empty());
        let ctrl = "\u{1}\u{2}a\u{7f}";
        assert_eq!(tokenize(ctrl).len(), 1);
    }
}
