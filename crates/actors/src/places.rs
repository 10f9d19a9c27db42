//! The place gazetteer: cities (GeoNames, ≥ 15,000 people) and regions →
//! country, coordinates and precision, embedded in the binary
//! (`data/places.tsv`, built by `scripts/gen_places.py`). Loaded on first
//! use, so start-up does not pay for it.

use std::sync::OnceLock;

use serde::Serialize;

use crate::kb::{ActorKind, FxMap, KnowledgeBase};
use crate::norm::{fold, phrase_words};
use crate::ActorsError;

const PLACES: &str = include_str!("../data/places.tsv");

/// How precisely a place is located (as ACLED and UCDP code it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    /// A town or city.
    City,
    /// A province, governorate, state or region.
    Region,
    /// Only the country is known.
    Country,
}

impl PlacePrecision {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PlacePrecision::City => "city",
            PlacePrecision::Region => "region",
            PlacePrecision::Country => "country",
        }
    }
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Name as in the gazetteer ("Erbil").
    pub name: String,
    /// ISO 3166 alpha-3 / CAMEO country code.
    pub country: String,
    /// Coordinates, when known (none for countries and some regions).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: PlacePrecision,
    /// Inhabitants (cities), 0 when unknown.
    pub population: u64,
}

/// Cities and regions by folded name.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded name (words joined by spaces) → places, best first.
    index: FxMap<Box<str>, Vec<u32>>,
}

/// Index key: folded words, hyphens as spaces ("al-Anbar" = "Al Anbar").
fn key(name: &str) -> String {
    join(&phrase_words(name))
}

fn join(words: &[String]) -> String {
    words.join(" ").replace('-', " ")
}

impl Gazetteer {
    /// Parses gazetteer text (see `scripts/gen_places.py` for the layout).
    pub fn parse(file: &str, text: &str) -> Result<Gazetteer, ActorsError> {
        let mut g = Gazetteer::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [name, country, lat, lon, pop, precision, alts] = f[..] else {
                return Err(ActorsError::parse(file, i + 1, "expected 7 fields"));
            };
            let num = |s: &str| -> Result<Option<f64>, ActorsError> {
                if s.is_empty() {
                    return Ok(None);
                }
                s.parse::<f64>()
                    .map(Some)
                    .map_err(|e| ActorsError::parse(file, i + 1, format!("{s:?}: {e}")))
            };
            let precision = match precision {
                "city" => PlacePrecision::City,
                "region" => PlacePrecision::Region,
                other => {
                    return Err(ActorsError::parse(
                        file,
                        i + 1,
                        format!("precision {other:?}"),
                    ))
                }
            };
            let id = g.places.len() as u32;
            g.places.push(Place {
                name: name.to_string(),
                country: country.to_string(),
                lat: num(lat)?,
                lon: num(lon)?,
                precision,
                population: pop.parse().unwrap_or(0),
            });
            for n in std::iter::once(name).chain(alts.split('|').filter(|a| !a.is_empty())) {
                let ids = g.index.entry(key(n).into_boxed_str()).or_default();
                // Lines come regions first, then cities by population: the
                // first entry for a name is the one meant unless said otherwise.
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(g)
    }

    /// The embedded gazetteer, loaded once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The embedded file is checked by the tests; a broken build of it
            // degrades to an empty gazetteer rather than a panic.
            Gazetteer::parse("places.tsv", PLACES).unwrap_or_default()
        })
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place a name most likely means (a region, else the most populous
    /// city of that name).
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.lookup_words(&phrase_words(name))
    }

    /// [`Gazetteer::lookup`] on folded words.
    pub fn lookup_words(&self, words: &[String]) -> Option<&Place> {
        let ids = self.index.get(join(words).as_str())?;
        ids.first().and_then(|&i| self.places.get(i as usize))
    }

    /// A place name resolved with the knowledge base's countries first
    /// ("Syria" → country precision), then the gazetteer.
    pub fn resolve(&self, kb: &KnowledgeBase, name: &str) -> Option<Place> {
        let words = phrase_words(name);
        // "Anbar province", "Idlib governorate": the head noun names the kind.
        let trimmed = trim_kind(&words);
        for ws in [&words, &trimmed] {
            if let Some(&al) = kb.aliases_for(ws).first() {
                let al = &kb.aliases[al as usize];
                let a = &kb.actors[al.actor as usize];
                if a.kind == ActorKind::Country {
                    if let Some(c) = a.codes.iter().find(|c| c.from.is_none()) {
                        // A capital, or a city the dictionaries list under its
                        // country ("Latakia"): the city, when the gazetteer
                        // puts it in the same country.
                        if let Some(p) = self
                            .lookup_words(ws)
                            .filter(|p| p.country == c.code.root() && fold(&a.name) != join(ws))
                        {
                            return Some(p.clone());
                        }
                        return Some(Place {
                            name: a.name.clone(),
                            country: c.code.root().to_string(),
                            lat: None,
                            lon: None,
                            precision: PlacePrecision::Country,
                            population: 0,
                        });
                    }
                }
            }
        }
        self.lookup_words(&words)
            .or_else(|| self.lookup_words(&trimmed))
            .cloned()
            .or_else(|| scoped(&words, |n| self.resolve(kb, n)))
    }
}

/// Directions and other words before a place name that leave its country
/// ("northern Syria", "the Sahel", "central Kabul").
const SCOPE_WORDS: &[&str] = &[
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "coastal",
    "rural",
    "upper",
    "lower",
    "greater",
];

/// A place phrase around a name: "northern Syria" (a direction before it)
/// or "Kenya's capital" (a possessor: the place lies in the possessor).
/// Resolved by `resolve` on the name: a direction keeps what the name
/// resolves to; a possessor's phrase is located only to its country.
fn scoped(words: &[String], resolve: impl Fn(&str) -> Option<Place>) -> Option<Place> {
    if words.len() > 1 && SCOPE_WORDS.contains(&words[0].as_str()) {
        let rest = words[1..].join(" ");
        if let Some(p) = resolve(&rest) {
            return Some(p);
        }
    }
    let poss = words.iter().position(|w| w == "'s")?;
    if poss == 0 || poss + 1 >= words.len() {
        return None;
    }
    let owner = resolve(&words[..poss].join(" "))?;
    let rest = words[poss + 1..].join(" ");
    // "Pakistan's Balochistan province": the place after the possessor,
    // when it lies in the possessor's country.
    if let Some(p) = resolve(&rest).filter(|p| p.country == owner.country) {
        return Some(p);
    }
    Some(Place {
        name: format!("{}'s {rest}", owner.name),
        lat: None,
        lon: None,
        precision: PlacePrecision::Country,
        population: 0,
        ..owner
    })
}

/// Words naming the kind of place after its name ("Anbar province",
/// "Lamu County", "Guantanamo Bay", "Liuheng Island"): the name without
/// them is looked up too.
const KIND_WORDS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "state",
    "oblast",
    "district",
    "county",
    "prefecture",
    "municipality",
    "city",
    "town",
    "village",
    "bay",
    "island",
    "islands",
    "camp",
    "valley",
    "area",
];

/// `words` without a trailing kind word (unchanged when there is none or it
/// is the only word).
fn trim_kind(words: &[String]) -> Vec<String> {
    match words.last().map(String::as_str) {
        Some(k) if words.len() > 1 && KIND_WORDS.contains(&k) => words[..words.len() - 1].to_vec(),
        _ => words.to_vec(),
    }
}

/// Country names of `countries.jsonl` → (name, code), for places resolved
/// without the knowledge base.
fn countries() -> &'static FxMap<String, (String, String)> {
    static C: OnceLock<FxMap<String, (String, String)>> = OnceLock::new();
    C.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Entry {
            name: String,
            code: Option<String>,
            #[serde(default)]
            aliases: Vec<String>,
        }
        let mut m = FxMap::default();
        for line in include_str!("../data/countries.jsonl").lines() {
            let Ok(e) = serde_json::from_str::<Entry>(line) else {
                continue;
            };
            let Some(code) = e.code else { continue };
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                m.entry(key(n)).or_insert((e.name.clone(), code.clone()));
            }
        }
        m
    })
}

impl Gazetteer {
    /// A place name resolved without the knowledge base: a region, else a
    /// country name (`countries.jsonl`), else a city.
    pub fn resolve_place(&self, name: &str) -> Option<Place> {
        let words = phrase_words(name);
        let found = self.resolve_place_words(&words);
        if found.is_some() {
            return found;
        }
        let trimmed = trim_kind(&words);
        if trimmed.len() < words.len() {
            if let Some(p) = self.resolve_place_words(&trimmed) {
                return Some(p);
            }
        }
        scoped(&words, |n| self.resolve_place(n))
    }

    fn resolve_place_words(&self, words: &[String]) -> Option<Place> {
        let words = words.to_vec();
        if let Some(p) = self
            .lookup_words(&words)
            .filter(|p| p.precision == PlacePrecision::Region)
        {
            return Some(p.clone());
        }
        if let Some((n, code)) = countries().get(&join(&words)) {
            return Some(Place {
                name: n.clone(),
                country: code.clone(),
                lat: None,
                lon: None,
                precision: PlacePrecision::Country,
                population: 0,
            });
        }
        self.lookup_words(&words).cloned()
    }
}

/// The stage that resolves event places ([`entente_core::Doc::event_places`])
/// after the event coder and the quote extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct EventPlaces;

impl entente_core::Annotator for EventPlaces {
    fn name(&self) -> &'static str {
        "places"
    }

    fn annotate(&self, doc: &mut entente_core::Doc) -> Result<(), entente_core::CoreError> {
        let g = Gazetteer::embedded();
        doc.event_places = doc
            .events
            .iter()
            .map(|e| {
                let p = g.resolve_place(e.place.as_deref()?)?;
                Some(entente_core::ResolvedPlace {
                    country: p.country,
                    lat: p.lat,
                    lon: p.lon,
                    precision: p.precision.as_str().to_string(),
                })
            })
            .collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_bad_lines() {
        let g = Gazetteer::parse(
            "t",
            "# c\nAnbar\tIRQ\t33.4\t42.0\t0\tregion\tAl Anbar\nParis\tFRA\t48.85\t2.35\t2138551\tcity\tLutetia\nParis\tUSA\t33.66\t-95.55\t24782\tcity\t\n",
        )
        .unwrap();
        assert_eq!(
            g.lookup("al-Anbar").map(|p| p.country.as_str()),
            Some("IRQ")
        );
        assert_eq!(g.lookup("Paris").map(|p| p.country.as_str()), Some("FRA"));
        assert!(Gazetteer::parse("t", "Paris\tFRA\tx\t2\t1\tcity\t").is_err());
        assert!(Gazetteer::parse("t", "Paris\tFRA").is_err());
    }
}
