//! Nominal event triggers ("airstrikes", "talks", "a phone call"): our own
//! small dictionary (`data/entente.nominal.txt`).

use std::collections::HashMap;

use crate::dict::CodePair;

/// One nominal trigger.
#[derive(Debug, Clone)]
pub struct Nominal {
    pub code: CodePair,
    /// Lower-case words that must precede the head ("phone" in "phone call").
    pub before: Vec<String>,
    /// "of X" is the source rather than the target.
    pub of_is_source: bool,
    pub text: String,
}

/// Head noun → triggers.
#[derive(Debug, Clone, Default)]
pub struct Nominals {
    by_head: HashMap<String, Vec<Nominal>>,
}

impl Nominals {
    /// Reads the trigger list.
    pub fn parse(text: &str) -> Nominals {
        let mut n = Nominals::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let Some(open) = line.find('[') else { continue };
            // The `]` closing this `[` (a stray `]` before it, or a missing
            // one, must not cut the line mid-character or backwards).
            let close = line[open..].find(']').map(|i| open + i);
            let words = line[..open].trim().to_lowercase();
            let code = crate::dict::parse_code(match close {
                Some(c) => &line[open..=c],
                None => &line[open..],
            });
            let flags = close.and_then(|c| line.get(c + 1..)).unwrap_or("");
            let mut parts: Vec<String> = words.split('_').map(str::to_string).collect();
            let Some(head) = parts.pop() else { continue };
            n.by_head.entry(head).or_default().push(Nominal {
                code,
                before: parts,
                of_is_source: flags.contains("src_of"),
                text: line.to_string(),
            });
        }
        for list in n.by_head.values_mut() {
            // longer (more specific) triggers first
            list.sort_by_key(|n| std::cmp::Reverse(n.before.len()));
        }
        n
    }

    /// Triggers whose head is `lemma` (lower case).
    pub fn get_str(&self, lemma: &str) -> Option<&[Nominal]> {
        self.by_head.get(lemma).map(|v| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `petrarch` fuzz target: a `]` before the `[`, and a
    /// line ending in a multi-byte character without `]`.
    #[test]
    fn odd_brackets_do_not_panic() {
        let n = Nominals::parse("A]B [195]\nVISIT [042 é\nRAID [195] src_of\n");
        assert_eq!(n.get_str("a]b").map(|v| v.len()), Some(1));
        assert_eq!(n.get_str("visit").map(|v| v.len()), Some(1));
        assert!(n.get_str("raid").unwrap()[0].of_is_source);
    }
}
