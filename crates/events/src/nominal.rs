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
            let close = line.find(']').unwrap_or(line.len());
            let words = line[..open].trim().to_lowercase();
            let code = crate::dict::parse_code(&line[open..=close.min(line.len() - 1)]);
            let flags = line.get(close + 1..).unwrap_or("");
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
