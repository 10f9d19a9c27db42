//! Word lists: cue verbs and their classes, pronouns, titles, anonymous-source
//! heads, hedges and a small country/demonym gazetteer used when the actors
//! stage has not resolved a speaker.
//!
//! The lists are deliberately small and closed: every entry is something a
//! reporter writes around a quotation, not a general English lexicon.

/// A cue verb form: the lemma and the class of speech act.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub lemma: &'static str,
    pub class: &'static str,
    /// Can introduce reported (indirect) speech with or without "that".
    pub reports: bool,
}

const fn c(lemma: &'static str, class: &'static str, reports: bool) -> Cue {
    Cue {
        lemma,
        class,
        reports,
    }
}

/// Looks up a lower-cased word form as a cue verb (participles included:
/// "writing", "stating", "admitting").
pub fn cue(form: &str) -> Option<Cue> {
    cue_form(form).or_else(|| {
        let base = form.strip_suffix("ing")?;
        if base.len() < 2 {
            return None;
        }
        cue_form(base)
            .or_else(|| {
                // base + "e" without allocating ("stating" → "state").
                let mut buf = [0u8; 24];
                let b = base.as_bytes();
                if b.len() + 1 > buf.len() {
                    return None;
                }
                buf[..b.len()].copy_from_slice(b);
                buf[b.len()] = b'e';
                std::str::from_utf8(&buf[..=b.len()])
                    .ok()
                    .and_then(cue_form)
            })
            .or_else(|| {
                let b = base.as_bytes();
                (b.len() > 2 && b[b.len() - 1] == b[b.len() - 2])
                    .then(|| cue_form(&base[..base.len() - 1]))
                    .flatten()
            })
    })
}

fn cue_form(form: &str) -> Option<Cue> {
    Some(match form {
        "say" | "says" | "said" | "saying" => c("say", "say", true),
        "tell" | "tells" | "told" | "telling" => c("tell", "say", true),
        "add" | "adds" | "added" | "adding" => c("add", "say", true),
        "state" | "states" | "stated" => c("state", "say", true),
        "declare" | "declares" | "declared" => c("declare", "say", true),
        "announce" | "announces" | "announced" => c("announce", "announce", true),
        "explain" | "explains" | "explained" => c("explain", "say", true),
        "note" | "notes" | "noted" => c("note", "say", true),
        "remark" | "remarks" | "remarked" => c("remark", "say", true),
        "comment" | "commented" => c("comment", "say", false),
        "continue" | "continued" | "continues" => c("continue", "say", false),
        "write" | "writes" | "wrote" => c("write", "say", true),
        "tweet" | "tweets" | "tweeted" => c("tweet", "say", true),
        "post" | "posted" => c("post", "say", false),
        "ask" | "asks" | "asked" => c("ask", "ask", false),
        "reply" | "replied" | "replies" => c("reply", "say", true),
        "respond" | "responded" | "responds" => c("respond", "say", false),
        "answer" | "answered" => c("answer", "say", false),
        "claim" | "claims" | "claimed" => c("claim", "claim", true),
        "allege" | "alleges" | "alleged" => c("allege", "claim", true),
        "assert" | "asserts" | "asserted" => c("assert", "claim", true),
        "insist" | "insists" | "insisted" => c("insist", "claim", true),
        "maintain" | "maintains" | "maintained" => c("maintain", "claim", true),
        "argue" | "argues" | "argued" => c("argue", "claim", true),
        "contend" | "contends" | "contended" => c("contend", "claim", true),
        "suggest" | "suggests" | "suggested" => c("suggest", "claim", true),
        "deny" | "denies" | "denied" => c("deny", "deny", true),
        "reject" | "rejects" | "rejected" => c("reject", "deny", false),
        "warn" | "warns" | "warned" => c("warn", "warn", true),
        "threaten" | "threatens" | "threatened" => c("threaten", "warn", false),
        "caution" | "cautioned" => c("caution", "warn", true),
        "confirm" | "confirms" | "confirmed" => c("confirm", "confirm", true),
        "acknowledge" | "acknowledges" | "acknowledged" => c("acknowledge", "admit", true),
        "admit" | "admits" | "admitted" => c("admit", "admit", true),
        "concede" | "concedes" | "conceded" => c("concede", "admit", true),
        "report" | "reports" | "reported" => c("report", "report", true),
        "reveal" | "reveals" | "revealed" => c("reveal", "report", true),
        "disclose" | "disclosed" => c("disclose", "report", true),
        "accuse" | "accuses" | "accused" => c("accuse", "accuse", false),
        "criticise" | "criticised" | "criticize" | "criticized" | "criticises" | "criticizes" => {
            c("criticise", "criticise", false)
        }
        "condemn" | "condemns" | "condemned" => c("condemn", "criticise", false),
        "denounce" | "denounced" | "denounces" => c("denounce", "criticise", false),
        "describe" | "described" | "describes" => c("describe", "describe", false),
        "call" | "called" | "calls" => c("call", "describe", false),
        "promise" | "promised" | "promises" => c("promise", "promise", true),
        "pledge" | "pledged" | "pledges" => c("pledge", "promise", true),
        "vow" | "vowed" | "vows" => c("vow", "promise", true),
        "urge" | "urged" | "urges" => c("urge", "appeal", false),
        "predict" | "predicted" | "predicts" => c("predict", "say", true),
        "estimate" | "estimated" => c("estimate", "say", true),
        "indicate" | "indicated" | "indicates" => c("indicate", "say", true),
        "recall" | "recalled" | "recalls" => c("recall", "say", true),
        // Cognition: beliefs, expectations and fears attributed to a
        // holder, marked apart from speech ("belief").
        "believe" | "believes" | "believed" => c("believe", "belief", true),
        "think" | "thinks" | "thought" => c("think", "belief", true),
        "fear" | "fears" | "feared" => c("fear", "belief", true),
        "hope" | "hopes" | "hoped" => c("hope", "belief", true),
        "doubt" | "doubts" | "doubted" => c("doubt", "belief", true),
        "suspect" | "suspects" | "suspected" => c("suspect", "belief", true),
        "feel" | "feels" | "felt" => c("feel", "belief", true),
        "expect" | "expects" => c("expect", "belief", true),
        "reaffirm" | "reaffirms" | "reaffirmed" => c("reaffirm", "say", true),
        "reiterate" | "reiterates" | "reiterated" => c("reiterate", "say", true),
        "stress" | "stresses" | "stressed" => c("stress", "say", true),
        "emphasise" | "emphasised" | "emphasize" | "emphasized" | "emphasises" | "emphasizes" => {
            c("emphasise", "say", true)
        }
        "underline" | "underlined" | "underlines" => c("underline", "say", true),
        "elaborate" | "elaborated" => c("elaborate", "say", false),
        "observe" | "observed" | "observing" => c("observe", "say", true),
        "inform" | "informed" | "informs" => c("inform", "say", false),
        "read" | "reads" => c("read", "say", false),
        // Heads of nominal attributions ("the ministry's statement that …");
        // a tagged noun is a cue only before "that".
        "statement" => c("statement", "say", true),
        "assertion" => c("assert", "claim", true),
        "allegation" | "allegations" => c("allege", "claim", true),
        "announcement" => c("announce", "announce", true),
        "contention" | "insistence" => c("claim", "claim", true),
        "belief" => c("believe", "belief", true),
        // Evidence and findings: weak (an explicit "that").
        "show" | "shows" | "showed" | "shown" => c("show", "say", true),
        "speculate" | "speculates" | "speculated" => c("speculate", "belief", true),
        "determine" | "determined" | "determines" => c("determine", "belief", true),
        _ => return None,
    })
}

/// Cue verbs that rarely report speech on their own and need a tighter
/// context (an adjacent quotation or an explicit "that").
pub fn weak_cue(lemma: &str) -> bool {
    matches!(
        lemma,
        "read"
            | "inform"
            | "continue"
            | "post"
            | "call"
            | "describe"
            | "urge"
            | "estimate"
            | "indicate"
            | "recall"
            | "reject"
            | "threaten"
            | "accuse"
            | "criticise"
            | "condemn"
            | "denounce"
            | "answer"
            | "respond"
            | "comment"
            | "ask"
            | "remark"
            | "predict"
            | "suggest"
            | "report"
            | "maintain"
            | "show"
            | "determine"
    )
}

/// Weak cues that take a bare clause when one plainly follows ("reported
/// the recorder was recovered", "indicated 68 people were missing").
pub fn clause_weak_cue(lemma: &str) -> bool {
    matches!(
        lemma,
        "report" | "indicate" | "estimate" | "predict" | "suggest" | "maintain"
    )
}

/// Personal pronouns that can be speakers.
pub fn pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she" | "they" | "i" | "we" | "it" | "him" | "her"
    )
}

/// Words that may sit between a speaker and its cue verb ("has also said").
pub fn aux_or_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "earlier"
            | "further"
            | "reportedly"
            | "allegedly"
            | "apparently"
            | "partially"
            | "partly"
            | "publicly"
            | "privately"
            | "repeatedly"
            | "recently"
            | "once"
            | "again"
            | "firmly"
            | "strongly"
            | "flatly"
            | "has-"
            | "did"
            | "does"
            | "do"
            | "could"
            | "may"
            | "might"
            | "can"
            | "been"
            | "not"
            | "never"
            | "initially"
            | "subsequently"
            | "separately"
            | "similarly"
            | "simply"
            | "just"
            | "only"
            | "himself"
            | "herself"
            | "themselves"
            | "personally"
            | "officially"
            | "formally"
            | "angrily"
            | "quickly"
    )
}

/// Hedging adverbs of an attribution.
pub fn hedge_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "partially"
            | "partly"
            | "reportedly"
            | "allegedly"
            | "apparently"
            | "purportedly"
            | "supposedly"
            | "unofficially"
            | "tentatively"
            | "privately"
    )
}

/// Words that stop a speaker noun phrase when read backwards from the cue.
pub fn np_stop(lower: &str) -> bool {
    matches!(
        lower,
        "that"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "while"
            | "because"
            | "after"
            | "before"
            | "if"
            | "as"
            | "but"
            | "where"
            | "since"
            | "though"
            | "although"
            | "so"
            | "than"
            | "whereas"
            | "unless"
            | "until"
            | "once"
            | "yet"
            | "however"
            | "meanwhile"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "into"
            | "during"
            | "about"
            | "over"
            | "against"
            | "under"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "said"
            | "says"
            | "told"
            | "it"
            | "this"
            | "there"
            | "what"
            | "why"
            | "how"
    )
}

/// Leading words dropped from a speaker phrase ("But", "Yesterday", …).
pub fn np_lead_drop(lower: &str) -> bool {
    matches!(
        lower,
        "but"
            | "and"
            | "yet"
            | "so"
            | "also"
            | "meanwhile"
            | "however"
            | "yesterday"
            | "today"
            | "tonight"
            | "now"
            | "then"
            | "later"
            | "earlier"
            | "separately"
            | "instead"
            | "indeed"
            | "still"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Words that end a speaker phrase read forwards after an inverted cue
/// ("said Kerry on Monday", "said the official, adding …").
pub fn np_forward_stop(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "in"
            | "at"
            | "during"
            | "as"
            | "when"
            | "while"
            | "after"
            | "before"
            | "to"
            | "from"
            | "with"
            | "according"
            | "adding"
            | "noting"
            | "saying"
            | "who"
            | "which"
            | "that"
            | "last"
            | "yesterday"
            | "today"
            | "earlier"
            | "later"
            | "this"
            | "and"
            | "but"
            | "because"
            | "via"
            | "through"
            | "about"
            | "told"
            | "said"
            | "wrote"
            | "has"
            | "had"
            | "have"
            | "is"
            | "was"
            | "will"
            | "would"
            | "explaining"
            | "referring"
            | "speaking"
            | "describing"
    )
}

/// Titles stripped when turning a speaker phrase into an actor name.
pub fn title_word(lower: &str) -> bool {
    matches!(
        lower,
        "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "general"
            | "foreign"
            | "defence"
            | "defense"
            | "of"
            | "state"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "sen."
            | "senator"
            | "rep."
            | "representative"
            | "gov."
            | "governor"
            | "mayor"
            | "chancellor"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "ayatollah"
            | "supreme"
            | "leader"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "director"
            | "chief"
            | "commissioner"
            | "ambassador"
            | "judge"
            | "justice"
            | "attorney"
            | "professor"
            | "prof."
            | "sir"
            | "lord"
            | "dame"
            | "gen."
            | "lt."
            | "col."
            | "colonel"
            | "captain"
            | "capt."
            | "officer"
            | "the"
            | "former"
            | "us"
            | "u.s."
            | "u.s"
            | "deputy"
            | "acting"
            | "first"
            | "lady"
            | "coach"
            | "manager"
            | "head"
            | "ceo"
            | "founder"
            | "executive"
            | "interior"
            | "health"
            | "finance"
            | "treasury"
            | "press"
            | "house"
            | "white"
            | "national"
            | "security"
            | "adviser"
            | "advisor"
            | "mp"
            | "congressman"
            | "congresswoman"
            | "senior"
            | "archbishop"
            | "bishop"
            | "cardinal"
            | "detective"
            | "superintendent"
            | "inspector"
            | "sheriff"
            | "chief,"
    )
}

/// Titles that introduce a person ("president Erdoğan", "Minister X").
pub fn person_title(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches('.'),
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "gov"
            | "governor"
            | "mayor"
            | "chancellor"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "ayatollah"
            | "leader"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "director"
            | "chief"
            | "commissioner"
            | "ambassador"
            | "judge"
            | "justice"
            | "attorney"
            | "professor"
            | "prof"
            | "sir"
            | "lord"
            | "dame"
            | "gen"
            | "general"
            | "lt"
            | "col"
            | "colonel"
            | "captain"
            | "capt"
            | "officer"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "coach"
            | "manager"
            | "ceo"
            | "founder"
            | "adviser"
            | "advisor"
            | "mp"
            | "congressman"
            | "congresswoman"
            | "archbishop"
            | "bishop"
            | "cardinal"
            | "detective"
            | "superintendent"
            | "inspector"
            | "sheriff"
            | "assemblywoman"
            | "assemblyman"
            | "councillor"
            | "councilman"
            | "councilwoman"
            | "prosecutor"
            | "envoy"
            | "rapporteur"
            | "expert"
            | "anthropologist"
            | "scholar"
            | "economist"
    )
}

/// Heads of a speaker phrase that make it an unnamed source.
pub fn anonymous_head(lower: &str) -> bool {
    matches!(
        lower,
        "official"
            | "officials"
            | "source"
            | "sources"
            | "aide"
            | "aides"
            | "diplomat"
            | "diplomats"
            | "insider"
            | "insiders"
            | "reports"
            | "report"
            | "someone"
            | "person"
            | "people"
            | "officer"
            | "officers"
            | "staffer"
            | "staffers"
            | "member"
            | "members"
    )
}

/// Institutions recognisable in an anonymous source's description.
pub const INSTITUTIONS: &[(&str, &str)] = &[
    ("state department", "State Department"),
    ("pentagon", "Pentagon"),
    ("white house", "White House"),
    ("defense department", "Defense Department"),
    ("defence ministry", "Defence Ministry"),
    ("defense ministry", "Defence Ministry"),
    ("foreign ministry", "Foreign Ministry"),
    ("interior ministry", "Interior Ministry"),
    ("ministry", "ministry"),
    ("military", "military"),
    ("army", "army"),
    ("police", "police"),
    ("intelligence", "intelligence"),
    ("administration", "administration"),
    ("government", "government"),
    ("embassy", "embassy"),
    ("united nations", "United Nations"),
    ("un ", "United Nations"),
    ("congress", "Congress"),
    ("kremlin", "Kremlin"),
    ("treasury", "Treasury"),
];

/// Ranks recognisable in an anonymous source's description.
pub const RANKS: &[&str] = &[
    "senior",
    "high-ranking",
    "high-level",
    "top",
    "junior",
    "mid-level",
    "former",
    "ranking",
];

/// Looks up a (lower-cased) country name or demonym: its CAMEO country code
/// and display name. Used for anonymous sources and quote-fed event targets
/// when the actors stage left them unresolved.
pub fn country(lower: &str) -> Option<(&'static str, &'static str)> {
    if lower.len() > 14 || lower.len() < 2 {
        return None;
    }
    Some(match lower {
        "united states" => ("USA", "United States"),
        "u.s." => ("USA", "United States"),
        "u.s" => ("USA", "United States"),
        "us" => ("USA", "United States"),
        "usa" => ("USA", "United States"),
        "america" => ("USA", "United States"),
        "american" => ("USA", "United States"),
        "americans" => ("USA", "United States"),
        "washington" => ("USA", "United States"),
        "iran" => ("IRN", "Iran"),
        "iranian" => ("IRN", "Iran"),
        "tehran" => ("IRN", "Iran"),
        "iraq" => ("IRQ", "Iraq"),
        "iraqi" => ("IRQ", "Iraq"),
        "syria" => ("SYR", "Syria"),
        "syrian" => ("SYR", "Syria"),
        "russia" => ("RUS", "Russia"),
        "russian" => ("RUS", "Russia"),
        "moscow" => ("RUS", "Russia"),
        "kremlin" => ("RUS", "Russia"),
        "china" => ("CHN", "China"),
        "chinese" => ("CHN", "China"),
        "beijing" => ("CHN", "China"),
        "britain" => ("GBR", "United Kingdom"),
        "british" => ("GBR", "United Kingdom"),
        "uk" => ("GBR", "United Kingdom"),
        "united kingdom" => ("GBR", "United Kingdom"),
        "london" => ("GBR", "United Kingdom"),
        "france" => ("FRA", "France"),
        "french" => ("FRA", "France"),
        "germany" => ("DEU", "Germany"),
        "german" => ("DEU", "Germany"),
        "israel" => ("ISR", "Israel"),
        "israeli" => ("ISR", "Israel"),
        "turkey" => ("TUR", "Turkey"),
        "turkish" => ("TUR", "Turkey"),
        "ukraine" => ("UKR", "Ukraine"),
        "ukrainian" => ("UKR", "Ukraine"),
        "saudi arabia" => ("SAU", "Saudi Arabia"),
        "saudi" => ("SAU", "Saudi Arabia"),
        "egypt" => ("EGY", "Egypt"),
        "egyptian" => ("EGY", "Egypt"),
        "japan" => ("JPN", "Japan"),
        "japanese" => ("JPN", "Japan"),
        "india" => ("IND", "India"),
        "indian" => ("IND", "India"),
        "pakistan" => ("PAK", "Pakistan"),
        "pakistani" => ("PAK", "Pakistan"),
        "afghanistan" => ("AFG", "Afghanistan"),
        "afghan" => ("AFG", "Afghanistan"),
        "north korea" => ("PRK", "North Korea"),
        "north korean" => ("PRK", "North Korea"),
        "south korea" => ("KOR", "South Korea"),
        "south korean" => ("KOR", "South Korea"),
        "canada" => ("CAN", "Canada"),
        "canadian" => ("CAN", "Canada"),
        "mexico" => ("MEX", "Mexico"),
        "mexican" => ("MEX", "Mexico"),
        "libya" => ("LBY", "Libya"),
        "libyan" => ("LBY", "Libya"),
        "greece" => ("GRC", "Greece"),
        "greek" => ("GRC", "Greece"),
        "cyprus" => ("CYP", "Cyprus"),
        "italy" => ("ITA", "Italy"),
        "italian" => ("ITA", "Italy"),
        "spain" => ("ESP", "Spain"),
        "spanish" => ("ESP", "Spain"),
        "poland" => ("POL", "Poland"),
        "polish" => ("POL", "Poland"),
        "australia" => ("AUS", "Australia"),
        "australian" => ("AUS", "Australia"),
        "palestinian" => ("PSE", "Palestine"),
        "palestine" => ("PSE", "Palestine"),
        "lebanon" => ("LBN", "Lebanon"),
        "lebanese" => ("LBN", "Lebanon"),
        "yemen" => ("YEM", "Yemen"),
        "venezuela" => ("VEN", "Venezuela"),
        "brazil" => ("BRA", "Brazil"),
        "argentina" => ("ARG", "Argentina"),
        _ => return None,
    })
}

/// Words that mark a capitalised phrase as an organisation or place rather
/// than a person (for choosing the antecedent of "he"/"she").
pub fn org_word(lower: &str) -> bool {
    matches!(
        lower,
        "house"
            | "department"
            | "ministry"
            | "council"
            | "party"
            | "government"
            | "union"
            | "court"
            | "news"
            | "organization"
            | "organisation"
            | "agency"
            | "police"
            | "commission"
            | "committee"
            | "university"
            | "parliament"
            | "congress"
            | "senate"
            | "assembly"
            | "times"
            | "post"
            | "press"
            | "reuters"
            | "bbc"
            | "cnn"
            | "nbc"
            | "abc"
            | "cbs"
            | "fox"
            | "afp"
            | "ap"
            | "inc"
            | "inc."
            | "ltd"
            | "group"
            | "company"
            | "corporation"
            | "bank"
            | "fund"
            | "office"
            | "service"
            | "forces"
            | "army"
            | "navy"
            | "nations"
            | "state"
            | "states"
            | "isis"
            | "nato"
            | "wikinews"
            | "twitter"
            | "facebook"
            | "street"
            | "city"
            | "county"
            | "province"
            | "island"
            | "airport"
            | "hospital"
            | "school"
            | "center"
            | "centre"
            | "institute"
            | "foundation"
            | "association"
            | "federation"
            | "league"
            | "club"
            | "team"
            | "network"
            | "channel"
            | "magazine"
            | "newspaper"
            | "journal"
            | "television"
            | "radio"
            | "kingdom"
            | "republic"
            | "europe"
            | "european"
            | "africa"
            | "african"
            | "asia"
            | "middle"
            | "east"
            | "west"
            | "coalition"
            | "alliance"
            | "international"
            | "eastern"
            | "western"
            | "northern"
            | "southern"
            | "mediterranean"
            | "sea"
            | "ocean"
            | "gulf"
            | "river"
            | "mount"
            | "lake"
            | "bay"
            | "north"
            | "south"
            | "central"
            | "united"
            | "federal"
            | "royal"
            | "democratic"
            | "republican"
            | "republicans"
            | "democrats"
            | "labour"
            | "conservative"
            | "liberal"
            | "daily"
            | "herald"
            | "tribune"
            | "guardian"
            | "telegraph"
            | "think"
            | "tank"
            | "summit"
            | "conference"
            | "act"
            | "law"
            | "bill"
            | "treaty"
            | "agreement"
            | "hall"
            | "bridge"
            | "road"
            | "square"
            | "park"
            | "castle"
            | "palace"
            | "kong"
            | "york"
            | "angeles"
            | "francisco"
            | "internet"
            | "covid"
            | "day"
            | "week"
            | "caliphate"
            | "operation"
            | "force"
            | "air"
            | "command"
    )
}

/// Folds common Latin diacritics so that "Erdogan" and "Erdoğan" meet.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ē' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ç' | 'ć' | 'č' => 'c',
            'ğ' => 'g',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ś' | 'ş' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ý' | 'ÿ' => 'y',
            'ř' => 'r',
            'ť' | 'ţ' => 't',
            'đ' | 'ď' => 'd',
            other => other,
        })
        .collect()
}

/// Capitalised words that start sentences but are not names.
pub fn capital_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "in"
            | "on"
            | "at"
            | "but"
            | "and"
            | "or"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "its"
            | "there"
            | "yet"
            | "so"
            | "for"
            | "with"
            | "by"
            | "from"
            | "to"
            | "of"
            | "speaking"
            | "according"
            | "last"
            | "earlier"
            | "later"
            | "since"
            | "during"
            | "although"
            | "though"
            | "however"
            | "meanwhile"
            | "indeed"
            | "also"
            | "some"
            | "many"
            | "one"
            | "no"
            | "not"
            | "what"
            | "who"
            | "why"
            | "how"
            | "where"
            | "mr"
            | "mr."
            | "mrs."
            | "ms."
            | "dr."
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
            | "despite"
            | "following"
            | "under"
            | "because"
            | "all"
            | "both"
            | "each"
            | "every"
            | "several"
            | "two"
            | "three"
    )
}

/// Abbreviations whose final period does not end a sentence.
pub fn abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Capt"
            | "Prof"
            | "Sgt"
            | "Jr"
            | "Sr"
            | "No"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "vs"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "U.S"
            | "U.K"
            | "U.N"
            | "D.C"
            | "a.m"
            | "p.m"
            | "e.g"
            | "i.e"
    )
}

/// Outlet-introducing phrases read before a noun phrase ("told Reuters").
pub const OUTLET_LEADS: &[&[&str]] = &[
    &["speaking", "to"],
    &["speaking", "on"],
    &["spoke", "to"],
    &["spoke", "on"],
    &["spoke", "with"],
    &["published", "by"],
    &["speaking", "with"],
    &["in", "an", "interview", "with"],
    &["in", "an", "interview", "on"],
    &["in", "an", "interview", "to"],
    &["in", "a", "statement", "to"],
    &["in", "comments", "to"],
    &["in", "remarks", "to"],
    &["talking", "to"],
    &["writing", "in"],
    &["writing", "for"],
    &["told"],
    &["tells"],
    &["telling"],
];

/// Multi-word hedges of an attribution, matched in lower case.
pub const HEDGE_PHRASES: &[&str] = &[
    "some reports suggest",
    "according to some reports",
    "according to reports",
    "according to unconfirmed reports",
    "reports suggest",
    "it is understood",
    "is understood to",
    "is said to",
    "are said to",
    "is believed to",
    "are believed to",
    "unconfirmed reports",
    "it was reported",
    "it is reported",
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
];
