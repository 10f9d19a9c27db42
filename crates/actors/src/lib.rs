//! # entente-actors
//!
//! Stage 3: the dated actor knowledge base, mention matching and
//! within-article coreference. Fills [`entente_core::Doc::mentions`].
//!
//! - [`KnowledgeBase`]: actors with names, demonyms, capital metonyms and codes
//!   valid over date ranges; agent words (`officials` → `~GOV`); discards.
//!   [`KnowledgeBase::embedded`] is entente's own (curated `data/*.jsonl` plus
//!   the Phoenix dictionaries); [`KnowledgeBase::from_petrarch`] imports
//!   PETRARCH-2 dictionaries. Codes resolve by the article's date, never by
//!   line order.
//! - [`Actors`]: the [`Annotator`]: longest-match names over tokens, composed
//!   with possessives, titles and agents into one mention each
//!   ("Iran's president Hassan Rouhani" → `IRNGOV`), surnames after full
//!   names, spelling variants, unknown names kept as
//!   [`MentionKind::Unknown`](entente_core::MentionKind), then pronouns and
//!   definite descriptions resolved to earlier mentions, each with its rule.
//!
//! **Architecture invariant:** the knowledge base ships in the crate (no
//! `../shared` at run time); the library does no I/O (importers take file
//! contents); no SQL, no HTTP.

use std::collections::HashMap;

use entente_core::{Annotator, CoreError, Doc};

pub mod coref;
pub mod coverage;
mod dating;
mod embedded;
mod error;
mod fuzzy;
pub mod gum;
mod kb;
mod matcher;
pub mod norm;
mod officeholders;
mod petrarch;
pub mod places;
mod roles;

pub use error::ActorsError;
pub use kb::{
    Actor, ActorKind, Agent, AliasKind, DatedCode, Discard, Gender, KnowledgeBase, Resolution,
};
pub use matcher::MentionInfo;
pub use officeholders::Disagreement;

/// The actor stage (knowledge base + matcher + coreference).
#[derive(Debug)]
pub struct Actors {
    kb: KnowledgeBase,
    /// Curated surnames by (first letter, length), for spelling variants.
    fuzzy_index: HashMap<(char, usize), Vec<String>>,
}

impl Actors {
    /// Loads the embedded knowledge base.
    pub fn load() -> Result<Actors, CoreError> {
        Ok(Actors::with_kb(KnowledgeBase::embedded()?))
    }

    /// Uses the given knowledge base.
    pub fn with_kb(kb: KnowledgeBase) -> Actors {
        let mut fuzzy_index: HashMap<(char, usize), Vec<String>> = HashMap::new();
        for s in kb.surnames.keys() {
            if let Some(c) = s.chars().next() {
                fuzzy_index
                    .entry((c, s.chars().count()))
                    .or_default()
                    .push(s.clone());
            }
        }
        for v in fuzzy_index.values_mut() {
            v.sort();
        }
        Actors { kb, fuzzy_index }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Finds the mentions of `doc` (which must have tokens and sentences)
    /// with the extra facts coreference uses; does not modify `doc`.
    pub fn find_mentions(&self, doc: &Doc) -> (Vec<entente_core::Mention>, Vec<MentionInfo>) {
        let date = doc.date().map(|d| d.date);
        matcher::Matcher::new(&self.kb, &self.fuzzy_index, date).find(doc)
    }

    /// [`Actors::find_mentions`], but an undated article is first dated from
    /// the office-holders it names in office (recorded on `doc`) and its
    /// names resolved again on that date: the first half of the stage.
    pub fn find_mentions_dating(
        &self,
        doc: &mut Doc,
    ) -> (Vec<entente_core::Mention>, Vec<MentionInfo>) {
        let (mut mentions, mut infos) = self.find_mentions(doc);
        if doc.date().is_none() {
            if let Some(d) = dating::infer(&self.kb, doc, &mentions, &infos) {
                doc.article.notes.push(format!(
                    "date inferred: {} (window {}..{}): {}",
                    d.date, d.from, d.to, d.reason
                ));
                doc.inferred_date = Some(d);
                (mentions, infos) = self.find_mentions(doc);
            }
        }
        (mentions, infos)
    }

    /// The rest of the stage after [`Actors::find_mentions_dating`]: coreference,
    /// then the mentions are stored on `doc`. `find_mentions_dating` reads only
    /// tokens and tags, so a caller may look at its mentions (see
    /// [`coref::possible_mentions`]) and parse before finishing here.
    pub fn finish(
        &self,
        doc: &mut Doc,
        mentions: Vec<entente_core::Mention>,
        infos: Vec<MentionInfo>,
    ) {
        let (mentions, _) = coref::resolve(doc, mentions, infos);
        doc.mentions = mentions;
    }
}

impl Annotator for Actors {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let (mentions, infos) = self.find_mentions_dating(doc);
        self.finish(doc, mentions, infos);
        Ok(())
    }
}
