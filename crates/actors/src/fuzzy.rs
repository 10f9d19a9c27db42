//! Bounded edit-distance matching of long person names ("Ali Khamanei" →
//! "Ali Khamenei"): a name with one word masked is the key, so a query only
//! compares the masked word against names that agree on every other word.

use chrono::NaiveDate;

use crate::kb::{FxHasher, FxMap, KnowledgeBase, Resolution};
use crate::norm::{edit_distance, phrase_words};

/// Shortest word that may be misspelt, in letters.
const MIN_WORD: usize = 5;
/// Shortest whole name (letters, all words) considered.
const MIN_NAME: usize = 10;

/// Hash of `words` with word `i` masked.
fn masked_key(words: &[String], i: usize) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    for (k, w) in words.iter().enumerate() {
        h.write(if k == i { b"*" } else { w.as_bytes() });
        h.write_u8(0xff);
    }
    h.finish()
}

fn letters(words: &[String]) -> usize {
    words.iter().map(|w| w.chars().count()).sum()
}

/// Registers a multi-word name under each of its masked forms.
pub(crate) fn index_name(index: &mut FxMap<u64, Vec<u32>>, words: &[String], alias: u32) {
    if words.len() < 2 || words.len() > 4 || letters(words) < MIN_NAME {
        return;
    }
    for (i, w) in words.iter().enumerate() {
        if w.chars().count() < MIN_WORD {
            continue;
        }
        index.entry(masked_key(words, i)).or_default().push(alias);
    }
}

/// Largest edit distance allowed for a word of `n` letters: 1 up to 8
/// letters, 2 from 9.
fn max_distance(n: usize) -> usize {
    if n >= 9 {
        2
    } else {
        1
    }
}

/// The aliases of names within the bounded distance of `words` (folded),
/// with the distance; empty for short names. `word_of(alias, i)` gives word
/// `i` of an indexed name (the index keeps hashes only).
pub(crate) fn candidates(
    index: &FxMap<u64, Vec<u32>>,
    words: &[String],
    word_of: impl Fn(u32, usize) -> Option<String>,
) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    if words.len() < 2 || words.len() > 4 || letters(words) < MIN_NAME {
        return out;
    }
    for (i, w) in words.iter().enumerate() {
        let n = w.chars().count();
        if n < MIN_WORD {
            continue;
        }
        let Some(list) = index.get(&masked_key(words, i)) else {
            continue;
        };
        for alias in list {
            let Some(cand) = word_of(*alias, i) else {
                continue;
            };
            if cand == *w {
                continue;
            }
            if let Some(d) = edit_distance(&cand, w, max_distance(n.min(cand.chars().count()))) {
                if !out.iter().any(|&(a, _)| a == *alias) {
                    out.push((*alias, d));
                }
            }
        }
    }
    out
}

/// Title words written before names ("Ayatollah", "Sec.", "Gen.", "MS."),
/// folded.
pub(crate) const TITLES: &[&str] = &[
    "ayatollah",
    "grand",
    "hojatoleslam",
    "imam",
    "sheikh",
    "sheik",
    "president",
    "pres",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "sec",
    "gen",
    "general",
    "lt",
    "col",
    "maj",
    "capt",
    "adm",
    "admiral",
    "sgt",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "amb",
    "ambassador",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "dame",
    "lord",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "crown",
    "justice",
    "judge",
    "speaker",
    "mayor",
];

/// True for a folded title word.
pub(crate) fn is_title(folded: &str) -> bool {
    TITLES.contains(&folded)
}

impl KnowledgeBase {
    /// The single person a long name is a spelling variant of, as
    /// (alias, distance); `None` when no name or several people are close.
    pub(crate) fn name_variant(&self, words: &[String]) -> Option<(u32, usize)> {
        let c = candidates(&self.masked_names, words, |a, i| {
            let al = self.aliases.get(a as usize)?;
            let ws = phrase_words(&al.text);
            // Same number of words, or the hash matched by accident.
            (ws.len() == words.len())
                .then(|| ws.into_iter().nth(i))
                .flatten()
        });
        let &(first, d) = c.first()?;
        let actor = self.aliases[first as usize].actor;
        if c.iter()
            .any(|&(a, _)| self.aliases[a as usize].actor != actor)
        {
            return None;
        }
        Some((first, d))
    }

    /// [`KnowledgeBase::lookup`] for a name not found as written: without
    /// its leading titles, then as a spelling variant of one known name.
    pub(crate) fn lookup_variant(
        &self,
        words: &[String],
        date: Option<NaiveDate>,
    ) -> Option<Resolution<'_>> {
        let skip = words
            .iter()
            .take_while(|w| is_title(w.trim_end_matches('.')))
            .count()
            .min(words.len().saturating_sub(1));
        let rest = &words[skip..];
        if skip > 0 {
            if let Some(&a) = self.aliases_for(rest).first() {
                let al = &self.aliases[a as usize];
                let mut r = self.resolve(al.actor, al.kind, date);
                r.why = format!("title {:?} set aside; {}", words[..skip].join(" "), r.why);
                return Some(r);
            }
        }
        let (alias, d) = self.name_variant(rest)?;
        let al = &self.aliases[alias as usize];
        let mut r = self.resolve(al.actor, al.kind, date);
        r.why = format!(
            "spelling variant of {:?} (edit distance {d}, the only known name that close); {}",
            al.text, r.why
        );
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn long_names_match_within_bound_short_never() {
        let names = ["", "ali khamenei", "john kerry"];
        let mut idx = FxMap::default();
        index_name(&mut idx, &w(names[1]), 1);
        index_name(&mut idx, &w(names[2]), 2);
        let word_of = |a: u32, i: usize| w(names[a as usize]).get(i).cloned();
        assert_eq!(candidates(&idx, &w("ali khamanei"), word_of), vec![(1, 1)]);
        assert!(candidates(&idx, &w("ali khamenei"), word_of).is_empty());
        // "John Kerry" is too short a name for variants.
        assert!(candidates(&idx, &w("john kerri"), word_of).is_empty());
        // Two edits in an 8-letter word: too far.
        assert!(candidates(&idx, &w("ali khomanai"), word_of).is_empty());
    }
}
