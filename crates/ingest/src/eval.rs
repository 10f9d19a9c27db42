//! Scoring extracted articles against truth, the way the article-extraction
//! benchmark does: 4-word shingles (runs of `\w+` tokens, case kept) counted
//! as multisets per page, precision and recall per page, then averaged over
//! pages; F1 is computed from the averaged P and R. Bag-of-words scores use
//! lower-cased single tokens the same way.

use std::collections::HashMap;
use std::hash::Hash;

/// Tokens as Python's `re.findall(r"\w+", text)`: runs of alphanumerics,
/// underscores and combining marks.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || is_mark(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

fn is_mark(c: char) -> bool {
    // Combining diacritics count as word characters in Python's `\w`.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn counts<T: Hash + Eq>(items: impl Iterator<Item = T>) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for it in items {
        *m.entry(it).or_insert(0) += 1;
    }
    m
}

/// True positives, false positives and false negatives between two multisets.
fn overlap<T: Hash + Eq>(truth: &HashMap<T, usize>, pred: &HashMap<T, usize>) -> (f64, f64, f64) {
    let mut tp = 0usize;
    for (k, &p) in pred {
        tp += p.min(truth.get(k).copied().unwrap_or(0));
    }
    let np: usize = pred.values().sum();
    let nt: usize = truth.values().sum();
    (tp as f64, (np - tp) as f64, (nt - tp) as f64)
}

/// Precision and recall of one page. An empty prediction has precision 0
/// unless the truth is empty too (then both are 1).
fn pr(tp: f64, fp: f64, fn_: f64) -> (f64, f64) {
    let p = if tp + fp > 0.0 {
        tp / (tp + fp)
    } else if fn_ == 0.0 {
        1.0
    } else {
        0.0
    };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 1.0 };
    (p, r)
}

/// Shingle precision and recall of one page (4-token shingles).
pub fn shingle_pr(truth: &str, pred: &str) -> (f64, f64) {
    let tt = tokens(truth);
    let pt = tokens(pred);
    let t = counts(tt.windows(4));
    let p = counts(pt.windows(4));
    let (tp, fp, fn_) = overlap(&t, &p);
    pr(tp, fp, fn_)
}

/// Bag-of-words precision and recall of one page (lower-cased tokens).
pub fn bow_pr(truth: &str, pred: &str) -> (f64, f64) {
    let t = counts(tokens(truth).into_iter().map(str::to_lowercase));
    let p = counts(tokens(pred).into_iter().map(str::to_lowercase));
    let (tp, fp, fn_) = overlap(&t, &p);
    pr(tp, fp, fn_)
}

/// F1 of a precision and a recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Normalises a title or author string for exact comparison: lower case,
/// letters and digits only, "and" dropped (so "A, B and C" = "A, B, and C").
pub fn normalize_field(s: &str) -> String {
    tokens(s)
        .into_iter()
        .map(str::to_lowercase)
        .filter(|t| t != "and")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Running averages over pages.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    /// Pages scored.
    pub pages: usize,
    p: f64,
    r: f64,
    bp: f64,
    br: f64,
    title: (usize, usize),
    author: (usize, usize),
    date: (usize, usize),
}

/// Truth for one page (fields absent from the truth are not scored).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Truth {
    /// Page id (file stem).
    pub id: String,
    /// Page URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Article body.
    #[serde(default)]
    pub body: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Author(s) as one string.
    #[serde(default)]
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
}

impl Scores {
    /// Adds one page: the prediction's body, title, authors (joined) and date.
    pub fn add(
        &mut self,
        truth: &Truth,
        body: &str,
        title: Option<&str>,
        author: Option<&str>,
        date: Option<&str>,
    ) {
        self.pages += 1;
        let (p, r) = shingle_pr(&truth.body, body);
        self.p += p;
        self.r += r;
        let (p, r) = bow_pr(&truth.body, body);
        self.bp += p;
        self.br += r;
        if let Some(t) = &truth.title {
            self.title.1 += 1;
            if title.is_some_and(|x| normalize_field(x) == normalize_field(t)) {
                self.title.0 += 1;
            }
        }
        if let Some(a) = &truth.author {
            self.author.1 += 1;
            if author.is_some_and(|x| normalize_field(x) == normalize_field(a)) {
                self.author.0 += 1;
            }
        }
        if let Some(d) = &truth.date {
            self.date.1 += 1;
            if date.is_some_and(|x| x.get(..10) == Some(d.as_str())) {
                self.date.0 += 1;
            }
        }
    }

    fn avg(&self, x: f64) -> f64 {
        if self.pages == 0 {
            0.0
        } else {
            x / self.pages as f64
        }
    }

    /// Averaged shingle precision.
    pub fn precision(&self) -> f64 {
        self.avg(self.p)
    }
    /// Averaged shingle recall.
    pub fn recall(&self) -> f64 {
        self.avg(self.r)
    }
    /// F1 of the averaged shingle precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// F1 of the averaged bag-of-words precision and recall.
    pub fn bow_f1(&self) -> f64 {
        f1(self.avg(self.bp), self.avg(self.br))
    }
    fn acc(x: (usize, usize)) -> Option<f64> {
        (x.1 > 0).then(|| x.0 as f64 / x.1 as f64)
    }
    /// Share of titles matched, over pages whose truth has one.
    pub fn title_accuracy(&self) -> Option<f64> {
        Self::acc(self.title)
    }
    /// Share of authors matched, over pages whose truth has one.
    pub fn author_accuracy(&self) -> Option<f64> {
        Self::acc(self.author)
    }
    /// Share of dates matched, over pages whose truth has one.
    pub fn date_accuracy(&self) -> Option<f64> {
        Self::acc(self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_disjoint() {
        let t = "one two three four five six";
        assert_eq!(shingle_pr(t, t), (1.0, 1.0));
        assert_eq!(shingle_pr(t, "seven eight nine ten eleven"), (0.0, 0.0));
        let (p, r) = shingle_pr(t, "one two three four five");
        assert_eq!(p, 1.0);
        assert!((r - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(shingle_pr(t, ""), (0.0, 0.0));
    }

    #[test]
    fn field_normalisation() {
        assert_eq!(
            normalize_field("A. Smith, B. Jones and C. Li"),
            normalize_field("a smith, b jones, c li")
        );
    }
}
