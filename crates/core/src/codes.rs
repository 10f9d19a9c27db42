use serde::{Deserialize, Serialize};

use crate::CoreError;

/// A CAMEO event code: two, three or four digits, leading zero kept
/// (`"04"`, `"042"`, `"0431"`), as a string because `"04" != "4"`.
///
/// ```
/// use entente_core::CameoCode;
/// let c: CameoCode = "0431".parse().unwrap();
/// assert_eq!(c.root(), 4);
/// assert_eq!(c.as_str(), "0431");
/// assert!("4x".parse::<CameoCode>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CameoCode(String);

impl CameoCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The root class, 1–20.
    pub fn root(&self) -> u8 {
        self.0[..2].parse().unwrap_or(0)
    }
    /// The quad class of the root, as GDELT and Phoenix define it for
    /// material/verbal conflict/cooperation (Phoenix variant: 01–02 neutral).
    pub fn quad_class(&self) -> QuadClass {
        QuadClass::of_root(self.root())
    }
}

impl std::str::FromStr for CameoCode {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        let s = s.trim();
        let bad = |why| CoreError::InvalidCode {
            kind: "CAMEO",
            value: s.to_string(),
            why,
        };
        if !(2..=4).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("expected 2 to 4 digits"));
        }
        let root: u8 = s[..2].parse().map_err(|_| bad("bad root"))?;
        if !(1..=20).contains(&root) {
            return Err(bad("root must be 01..20"));
        }
        Ok(CameoCode(s.to_string()))
    }
}

impl TryFrom<String> for CameoCode {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self, CoreError> {
        s.parse()
    }
}

impl From<CameoCode> for String {
    fn from(c: CameoCode) -> String {
        c.0
    }
}

impl std::fmt::Display for CameoCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A CAMEO actor code: a country or root (`IRN`, `IGO`, `WST`) followed by
/// 3-letter role/sector parts (`GOV`, `MIL`, …), e.g. `IRNGOV`, `USAMIL`.
/// `---` stands for an unknown part (`---GOV`).
///
/// ```
/// use entente_core::ActorCode;
/// let a = ActorCode::new("IRNGOV");
/// assert_eq!(a.root(), "IRN");
/// assert_eq!(a.parts(), vec!["IRN", "GOV"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorCode(pub String);

impl ActorCode {
    /// Wraps a code (upper-cased).
    pub fn new(code: impl Into<String>) -> ActorCode {
        let mut s: String = code.into();
        s.make_ascii_uppercase();
        ActorCode(s)
    }
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The first three characters: the country or root code.
    pub fn root(&self) -> &str {
        self.0.get(..3).unwrap_or(&self.0)
    }
    /// The code cut into 3-character parts.
    pub fn parts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.0.len() {
            let j = (i + 3).min(self.0.len());
            match self.0.get(i..j) {
                Some(p) => out.push(p),
                None => break,
            }
            i = j;
        }
        out
    }
}

impl std::fmt::Display for ActorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The four quad classes plus Phoenix's neutral class 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    /// Roots 01–02 (make statement, appeal): neutral in Phoenix.
    Neutral = 0,
    /// Roots 03–05.
    VerbalCooperation = 1,
    /// Roots 06–08.
    MaterialCooperation = 2,
    /// Roots 09–13 and 16.
    VerbalConflict = 3,
    /// Roots 14–15 and 17–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// Quad class of a CAMEO root (Phoenix convention).
    pub fn of_root(root: u8) -> QuadClass {
        match root {
            1 | 2 => QuadClass::Neutral,
            3..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 | 16 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
    /// Numeric value 0–4.
    pub fn as_u8(self) -> u8 {
        self as u8
    }
    /// From the numeric value.
    pub fn from_u8(v: u8) -> Option<QuadClass> {
        Some(match v {
            0 => QuadClass::Neutral,
            1 => QuadClass::VerbalCooperation,
            2 => QuadClass::MaterialCooperation,
            3 => QuadClass::VerbalConflict,
            4 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }
}

/// How sure the text is that an event happened.
///
/// Only [`Modality::Asserted`] events count in relation scores by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// The text says it happened.
    #[default]
    Asserted,
    /// The text says it did not or will not happen ("won't be coordinating").
    Negated,
    /// An actor intends or plans it, or it is future ("will visit").
    Intended,
    /// Others expect it ("was expected to explore").
    Expected,
    /// It depends on a condition ("would work with … in return for …").
    Conditional,
    /// A question or hypothesis ("if …", "could …", "are they afraid …?").
    Hypothetical,
    /// A party claims it happened; the writer does not assert it.
    Claimed,
    /// A party denies it happened.
    Denied,
}

impl Modality {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intended => "intended",
            Modality::Expected => "expected",
            Modality::Conditional => "conditional",
            Modality::Hypothetical => "hypothetical",
            Modality::Claimed => "claimed",
            Modality::Denied => "denied",
        }
    }
    /// Parses [`Modality::as_str`] output.
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "negated" => Modality::Negated,
            "intended" => Modality::Intended,
            "expected" => Modality::Expected,
            "conditional" => Modality::Conditional,
            "hypothetical" => Modality::Hypothetical,
            "claimed" => Modality::Claimed,
            "denied" => Modality::Denied,
            _ => return None,
        })
    }
}
