//! Dating undated articles: the office-holders an article names *in their
//! office* ("president Hassan Rouhani", "Secretary of State John Kerry")
//! bound when it was written — the intersection of their terms — and a day
//! named in the text ("on 19 September") picks the days in that window that
//! fit.

use chrono::{Datelike, NaiveDate, Weekday};
use entente_core::{Doc, InferredDate, Mention};

use crate::kb::KnowledgeBase;
use crate::matcher::MentionInfo;
use crate::norm::fold;

/// A set of days as sorted, disjoint, inclusive intervals.
type Days = Vec<(NaiveDate, NaiveDate)>;

/// Stand-in for "still in office": windows that stay open are not used.
fn open_end() -> NaiveDate {
    NaiveDate::MAX
}

fn intersect(a: &Days, b: &Days) -> Days {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if lo <= hi {
                out.push((lo, hi));
            }
        }
    }
    normalise(out)
}

fn normalise(mut v: Days) -> Days {
    v.sort();
    let mut out: Days = Vec::new();
    for (lo, hi) in v {
        match out.last_mut() {
            Some(last) if lo <= last.1.succ_opt().unwrap_or(last.1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn month(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn day_number(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &w[d.len()..];
    if !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    d.parse().ok().filter(|n| (1..=31).contains(n))
}

/// Days named without a year ("19 September", "Friday, Sept. 19"): (month,
/// day, weekday when one is written just before), with the text.
fn named_days(doc: &Doc) -> Vec<(u32, u32, Option<Weekday>, String)> {
    let words: Vec<String> = doc.tokens.iter().map(|t| fold(doc.slice(t.span))).collect();
    let mut out = Vec::new();
    for i in 0..words.len() {
        let Some(m) = month(&words[i]) else {
            continue;
        };
        // "19 September" or "September 19" (not "September 2014").
        let (d, first, last) = if let Some(d) = i.checked_sub(1).and_then(|p| day_number(&words[p]))
        {
            (d, i - 1, i)
        } else if let Some(d) = words.get(i + 1).and_then(|w| day_number(w)) {
            (d, i, i + 1)
        } else {
            continue;
        };
        // A year right after: the date is complete, nothing to infer.
        if words
            .get(last + 1)
            .or_else(|| words.get(last + 2).filter(|_| words[last + 1] == ","))
            .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let wd = (1..=3)
            .filter_map(|k| first.checked_sub(k))
            .find_map(|p| weekday(&words[p]));
        let span = doc.tokens[first].span.cover(doc.tokens[last].span);
        out.push((m, d, wd, doc.slice(span).to_string()));
    }
    out
}

/// Infers a date window for `doc` (which has no date) from its mentions.
pub(crate) fn infer(
    kb: &KnowledgeBase,
    doc: &Doc,
    mentions: &[Mention],
    infos: &[MentionInfo],
) -> Option<InferredDate> {
    let mut window: Option<Days> = None;
    let mut used: Vec<String> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for (m, info) in mentions.iter().zip(infos) {
        let Some(actor) = info.actor else { continue };
        if !info.person || info.agents.is_empty() || seen.contains(&actor) {
            continue;
        }
        let a = &kb.actors[actor as usize];
        // The title words written with the name ("prime", "minister").
        let text = doc.slice(m.span);
        let name_words: Vec<String> = a.name.split(' ').map(fold).collect();
        let title: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .map(fold)
            .filter(|w| w.len() > 2 && !name_words.contains(w))
            .collect();
        // Spells in an office of the title's sector; among them, those whose
        // office names the title's words, when any do.
        let sector: Vec<_> = a
            .codes
            .iter()
            .filter(|c| c.from.is_some())
            .filter(|c| {
                let rest = c.code.as_str().get(3..).unwrap_or("");
                info.agents.iter().any(|g| rest.starts_with(g.as_str()))
            })
            .collect();
        let score = |c: &&crate::kb::DatedCode| {
            let role = c.role.as_deref().map(fold_text).unwrap_or_default();
            title.iter().filter(|w| role.contains(w.as_str())).count()
        };
        let best = sector.iter().map(score).max().unwrap_or(0);
        let spells: Vec<_> = sector.into_iter().filter(|c| score(c) == best).collect();
        if spells.is_empty() {
            continue;
        }
        let days: Days = normalise(
            spells
                .iter()
                .filter_map(|c| Some((c.from?, c.to.unwrap_or_else(open_end))))
                .collect(),
        );
        let next = match &window {
            Some(w) => intersect(w, &days),
            None => days,
        };
        // A person whose terms exclude the others' is more likely a wrong
        // identification than a contradiction: left out.
        if next.is_empty() {
            continue;
        }
        seen.push(actor);
        let spans: Vec<String> = spells
            .iter()
            .map(|c| format!("{} {}", c.role.as_deref().unwrap_or(""), c.range_text()))
            .collect();
        used.push(format!("{text:?}: {}", spans.join(", ")));
        window = Some(next);
    }
    let window = window?;
    let (&(from, _), &(_, to)) = (window.first()?, window.last()?);
    if to == open_end() {
        return None;
    }
    let mut reason = format!(
        "office-holders named in office: {}; terms intersect in {from}..{to}",
        used.join("; ")
    );
    // Days named in the text that fall in the window.
    let mut cands: Vec<NaiveDate> = Vec::new();
    let mut named = Vec::new();
    for (m, d, wd, text) in named_days(doc) {
        let mut found = false;
        for y in from.year()..=to.year() {
            let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else {
                continue;
            };
            let inside = window.iter().any(|&(lo, hi)| lo <= day && day <= hi);
            if inside && wd.is_none_or(|w| day.weekday() == w) {
                cands.push(day);
                found = true;
            }
        }
        if found {
            named.push(text);
        }
    }
    cands.sort();
    cands.dedup();
    let mid = from + (to - from) / 2;
    let (date, from, to) = match (cands.first(), cands.last()) {
        (Some(&lo), Some(&hi)) => {
            let best = cands
                .iter()
                .copied()
                .min_by_key(|d| (*d - mid).num_days().abs())
                .unwrap_or(lo);
            reason.push_str(&format!(
                "; day{} named in the text ({}) fit{} {}",
                if named.len() == 1 { "" } else { "s" },
                named.join(", "),
                if cands.len() == 1 { "s" } else { "" },
                cands
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            (best, lo, hi)
        }
        _ => (mid, from, to),
    };
    reason.push_str(&format!("; best single day {date}"));
    Some(InferredDate {
        date,
        from,
        to,
        reason,
    })
}

fn fold_text(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn intervals_intersect_and_merge() {
        let a = vec![
            (d("2000-01-01"), d("2005-01-01")),
            (d("2013-01-01"), d("2021-01-01")),
        ];
        let b = vec![(d("2010-01-01"), d("2016-07-13"))];
        assert_eq!(intersect(&a, &b), vec![(d("2013-01-01"), d("2016-07-13"))]);
        assert_eq!(
            normalise(vec![
                (d("2001-01-01"), d("2002-01-01")),
                (d("2002-01-02"), d("2003-01-01"))
            ]),
            vec![(d("2001-01-01"), d("2003-01-01"))]
        );
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("19"), Some(19));
        assert_eq!(day_number("3rd"), Some(3));
        assert_eq!(day_number("2014"), None);
        assert_eq!(day_number("32"), None);
        assert_eq!(day_number("x"), None);
    }
}
