//! Finding publication dates in strings: ISO stamps, written-out dates in
//! English ("September 25, 2014", "25 Sept. 2014"), numeric dates and URL
//! paths. Everything normalises to `YYYY-MM-DD`; nothing is guessed when
//! the day is missing.

use std::sync::LazyLock;

use regex::Regex;

/// Plausible publication years: the web-news era, with headroom.
const MIN_YEAR: u32 = 1990;
const MAX_YEAR: u32 = 2040;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)").expect("valid regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)(\d\d)(\d\d)(?:\b|T)").expect("valid regex"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
        .expect("valid regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b")
        .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([/.])(\d{1,2})[/.]((?:19|20)\d\d)\b").expect("valid regex")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d\d)[/_-]?(\d\d)[/_-]?(\d\d)(?:[/_.-]|$)").expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let m = match name.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

// `is_multiple_of` is newer than the workspace's minimum Rust.
#[allow(clippy::manual_is_multiple_of)]
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Formats a date when it is a real calendar day in the plausible range.
pub fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    if d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// Parses a machine-readable stamp (`2014-09-25`, `2014-09-25T10:00:00Z`,
/// `20140925`) at the start of a metadata value, or a written date anywhere
/// in it.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        if let Some(d) = ymd(num(&c[1])?, num(&c[2])?, num(&c[3])?) {
            return Some(d);
        }
    }
    if let Some(c) = COMPACT.captures(s) {
        if c.get(0).is_some_and(|m| m.start() == 0) {
            if let Some(d) = ymd(num(&c[1])?, num(&c[2])?, num(&c[3])?) {
                return Some(d);
            }
        }
    }
    find_written_date(s)
}

/// Finds a date written for people ("September 25, 2014", "25 Sep 2014",
/// "09/25/2014") in running text; numeric dates are read month-first
/// unless that is impossible.
pub fn find_written_date(s: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, d: Option<String>| {
        if let Some(d) = d {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, d));
            }
        }
    };
    if let Some(c) = MONTH_FIRST.captures(s) {
        let pos = c.get(0).map_or(0, |m| m.start());
        consider(
            pos,
            (|| ymd(num(&c[3])?, month_number(&c[1])?, num(&c[2])?))(),
        );
    }
    if let Some(c) = DAY_FIRST.captures(s) {
        let pos = c.get(0).map_or(0, |m| m.start());
        consider(
            pos,
            (|| ymd(num(&c[3])?, month_number(&c[2])?, num(&c[1])?))(),
        );
    }
    if let Some(c) = ISO.captures(s) {
        let pos = c.get(0).map_or(0, |m| m.start());
        consider(pos, (|| ymd(num(&c[1])?, num(&c[2])?, num(&c[3])?))());
    }
    if let Some(c) = NUMERIC.captures(s) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let (a, b, y) = (num(&c[1]), num(&c[3]), num(&c[4]));
        // Dotted dates are European (day first); slashed ones American
        // unless the first number cannot be a month.
        let day_first = &c[2] == ".";
        if let (Some(a), Some(b), Some(y)) = (a, b, y) {
            let d = if a > 12 || (day_first && b <= 12) {
                ymd(y, b, a)
            } else {
                ymd(y, a, b)
            };
            consider(pos, d);
        }
    }
    best.map(|(_, d)| d)
}

/// A date in a URL path (`/2014/09/25/`, `/20140925/`, `-2014-09-25-`).
pub fn date_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    for c in URL_DATE.captures_iter(path) {
        if let Some(d) = ymd(num(&c[1])?, num(&c[2])?, num(&c[3])?) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(
            parse_date("2014-09-25T10:00:00Z").as_deref(),
            Some("2014-09-25")
        );
        assert_eq!(parse_date("20140925").as_deref(), Some("2014-09-25"));
        assert_eq!(parse_date("Sept. 25, 2014").as_deref(), Some("2014-09-25"));
        assert_eq!(
            parse_date("Thursday 25th September 2014 10:00").as_deref(),
            Some("2014-09-25")
        );
        assert_eq!(parse_date("25/09/2014").as_deref(), Some("2014-09-25"));
        assert_eq!(parse_date("2014-02-30"), None);
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn reads_url_paths() {
        assert_eq!(
            date_from_url("https://x.com/news/2019/11/19/story.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            date_from_url("https://x.com/a-20191119-b").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(date_from_url("https://x.com/2019/11/story"), None);
    }
}
