//! Stop words and a tiny language guesser.
//!
//! Stop-word density is the strongest single signal that a block of text is
//! running prose rather than navigation, so both extractors need it; the
//! language guess picks which list to count with.

/// Languages we carry stop-word lists for (ISO 639-1 codes).
pub const LANGUAGES: [&str; 7] = ["en", "es", "pt", "fr", "de", "it", "nl"];

const EN: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "it's", "more",
    "most", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "said",
    "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "up", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "will", "with", "would", "you", "your", "because", "between", "through", "under",
    "very", "only", "just", "such", "being", "both", "each", "may", "should", "us", "him", "me",
    "against", "during", "without", "within", "whose", "whom", "why", "here", "now", "even",
    "however", "although", "though", "whether", "since", "until", "yet", "many", "much", "own",
    "same", "too", "off", "down", "again", "further", "once", "am", "having",
];
const ES: &[&str] = &[
    "de", "la", "que", "el", "en", "y", "a", "los", "se", "del", "las", "un", "por", "con", "no",
    "una", "su", "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este",
    "ha", "sí", "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me",
    "hasta", "hay", "donde", "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les",
    "ni", "contra", "otros", "ese", "eso", "ante", "ellos", "e", "esto", "mí", "antes", "algunos",
    "qué", "unos", "yo", "otro", "otras", "otra", "él", "tanto", "esa", "estos", "mucho", "fue",
    "son", "era", "dijo",
];
const PT: &[&str] = &[
    "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os",
    "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem",
    "à", "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já", "está", "eu", "também",
    "só", "pelo", "pela", "até", "isso", "ela", "entre", "era", "depois", "sem", "mesmo", "aos",
    "ter", "seus", "quem", "nas", "me", "esse", "eles", "estão", "você", "tinha", "foram", "essa",
    "num", "nem", "suas", "meu", "às", "minha", "têm", "numa", "pelos", "elas", "havia", "seja",
    "qual", "será", "nós", "tenho", "lhe", "deles", "essas", "esses", "pelas", "este", "disse",
];
const FR: &[&str] = &[
    "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
    "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "aux", "avec",
    "ou", "son", "mais", "nous", "comme", "elle", "ont", "été", "leur", "y", "sa", "ses", "cette",
    "on", "ils", "lui", "aussi", "entre", "sans", "tout", "fait", "être", "deux", "dont", "avait",
    "était", "ces", "même", "après", "si", "encore", "vous", "je", "très", "depuis", "alors",
    "c'est", "l'a", "qu'il", "d'un", "d'une",
];
const DE: &[&str] = &[
    "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
    "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er",
    "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie",
    "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber", "vor", "zur",
    "bis", "mehr", "durch", "man", "sein", "wurde", "sei", "hatte", "kann", "gegen", "vom",
    "können", "schon", "wenn", "habe", "seine", "ihre", "dann", "unter", "wir", "soll", "ich",
    "eines", "jahr", "zwei", "diese", "dieser", "wieder", "keine", "seiner", "worden", "will",
    "zwischen", "immer", "was", "sagte",
];
const IT: &[&str] = &[
    "di", "e", "il", "la", "che", "a", "per", "in", "un", "è", "non", "del", "una", "le", "si",
    "i", "da", "con", "della", "al", "dei", "gli", "sono", "come", "lo", "ha", "anche", "più",
    "ma", "nel", "alla", "delle", "se", "o", "tra", "su", "questo", "sul", "nella", "dal", "ci",
    "hanno", "era", "essere", "stato", "quando", "dopo", "loro", "sua", "suo", "cui", "ancora",
    "tutti", "molto", "senza", "ai", "degli", "dalla", "questa", "fatto", "quella", "mi", "già",
];
const NL: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
    "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
    "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
    "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u",
    "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
    "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
    "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen",
    "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
    "andere",
];

fn list(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => ES,
        "pt" => PT,
        "fr" => FR,
        "de" => DE,
        "it" => IT,
        "nl" => NL,
        _ => EN,
    }
}

/// Stop-word sets, built once: lookups run for every word of every block.
static SETS: std::sync::LazyLock<Vec<std::collections::HashSet<&'static str>>> =
    std::sync::LazyLock::new(|| {
        LANGUAGES
            .iter()
            .map(|l| list(l).iter().copied().collect())
            .collect()
    });

/// True when `word` (already lower-cased) is a stop word of `lang`.
pub fn is_stop(lang: &str, word: &str) -> bool {
    let i = LANGUAGES.iter().position(|l| *l == lang).unwrap_or(0);
    SETS.get(i).is_some_and(|s| s.contains(word))
}

/// Iterates the words of `text`: maximal runs of alphanumerics and
/// apostrophes, the same notion of word the scorers use.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

/// Guesses the language of `text` by which stop-word list covers the most
/// words; `None` when there is too little text or no list fits.
pub fn guess(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; LANGUAGES.len()];
    let mut total = 0usize;
    let mut lower = String::new();
    for w in words(text).take(2000) {
        total += 1;
        lower.clear();
        for c in w.chars() {
            if c == '’' {
                lower.push('\'');
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        for (i, l) in LANGUAGES.iter().enumerate() {
            if is_stop(l, &lower) {
                counts[i] += 1;
            }
        }
    }
    if total < 15 {
        return None;
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    // Prose in any of these languages is at least ~20 % stop words.
    (n * 100 / total >= 15).then_some(LANGUAGES[best])
}

/// Word statistics of a block of text, for boilerplate classification.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Number of words.
    pub words: usize,
    /// Share of words that are stop words (0..1).
    pub stop_density: f32,
    /// Share of words that start with a capital letter (0..1).
    pub title_case: f32,
}

/// Computes [`Stats`] of `text` with the stop words of `lang`.
pub fn stats(lang: &str, text: &str) -> Stats {
    let mut n = 0usize;
    let mut stops = 0usize;
    let mut caps = 0usize;
    let mut lower = String::new();
    for w in words(text) {
        n += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
        lower.clear();
        for c in w.chars() {
            if c == '’' {
                lower.push('\'');
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        if is_stop(lang, &lower) {
            stops += 1;
        }
    }
    if n == 0 {
        return Stats::default();
    }
    Stats {
        words: n,
        stop_density: stops as f32 / n as f32,
        title_case: caps as f32 / n as f32,
    }
}
