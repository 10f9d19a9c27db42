//! Text normalisation shared by the dictionaries and the matcher.

use unicode_normalization::UnicodeNormalization;

/// Folds a word for dictionary look-up: lower case, diacritics removed,
/// typographic apostrophes and dashes made ASCII, a trailing period of an
/// abbreviation dropped, and dots inside initialisms removed ("U.S." → "us").
pub fn fold(word: &str) -> String {
    // Fast path for ASCII (nearly all words): no decomposition needed.
    if word.is_ascii() {
        let mut out = String::with_capacity(word.len());
        for b in word.bytes() {
            match b {
                b'`' => out.push('\''),
                b'.' => {}
                _ => out.push(b.to_ascii_lowercase() as char),
            }
        }
        return out;
    }
    fold_unicode(word)
}

/// [`fold`] for any text.
fn fold_unicode(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            '.' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// How a word is capitalised in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "us", "the".
    Lower,
    /// "Iran", "McCain".
    Title,
    /// "US", "UN", "ISIS".
    Upper,
    /// Digits, punctuation.
    Other,
}

/// The capitalisation of `word`.
pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Other;
    };
    if first.is_lowercase() {
        return Case::Lower;
    }
    let rest_upper = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .skip(1)
        .all(|c| c.is_uppercase());
    let n = word.chars().filter(|c| c.is_alphabetic()).count();
    if rest_upper && n > 1 {
        Case::Upper
    } else {
        Case::Title
    }
}

/// Splits a dictionary phrase into folded words the way the tokenizer splits
/// text: `_` and spaces separate words, a possessive `'s` is its own word.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in phrase.split(['_', ' ']).filter(|w| !w.is_empty()) {
        let f = fold(w);
        if f.is_empty() {
            continue;
        }
        if let Some(stem) = f.strip_suffix("'s").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("'s".to_string());
        } else {
            out.push(f);
        }
    }
    out
}

/// Levenshtein distance, bounded: returns `None` when above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_folds_like_the_general_one() {
        for w in [
            "U.S.", "McCain's", "`quoted`", "al-Assad", "ISIS", "x.y.z", "", "42nd",
        ] {
            assert_eq!(fold(w), fold_unicode(w), "{w}");
        }
    }

    #[test]
    fn folds_case_diacritics_and_dots() {
        assert_eq!(fold("Irán"), "iran");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Shi’ites"), "shi'ites");
        assert_eq!(
            phrase_words("IRAN'S_PRESIDENT"),
            ["iran", "'s", "president"]
        );
    }

    #[test]
    fn cases() {
        assert_eq!(case_of("US"), Case::Upper);
        assert_eq!(case_of("us"), Case::Lower);
        assert_eq!(case_of("Iran"), Case::Title);
        assert_eq!(case_of("A"), Case::Title);
        assert_eq!(case_of("42"), Case::Other);
    }

    #[test]
    fn edit_distance_bounded() {
        assert_eq!(edit_distance("khamanei", "khamenei", 2), Some(1));
        assert_eq!(edit_distance("kerry", "cameron", 2), None);
    }
}
