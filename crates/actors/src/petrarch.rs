//! Importer for PETRARCH / Phoenix dictionaries (actors, agents, discards).
//!
//! Works on file contents (no I/O). Unlike PETRARCH-2, which takes the first
//! code line that matches, dated codes here are kept with their ranges and
//! resolved by date whatever their order (see [`crate::KnowledgeBase::lookup`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use entente_core::ActorCode;

use crate::kb::{Actor, ActorKind, Agent, AliasKind, CaseStyle, DatedCode, Discard, KnowledgeBase};
use crate::norm::phrase_words;
use crate::ActorsError;

/// Strips a `#` comment (PETRARCH has no escaping for `#`).
fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Reads a PETRARCH date: `YYMMDD` (years ≤ 30 are 20xx, as PETRARCH does)
/// or `YYYYMMDD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).or_else(|| {
        // A few entries use day 31 of a 30-day month or 00 days.
        NaiveDate::from_ymd_opt(y, m.clamp(1, 12), 1)
    })
}

/// Parses the inside of a `[...]` code block: `CODE`, `CODE <date`,
/// `CODE >date`, `CODE date-date`.
fn parse_code_block(inner: &str) -> Result<DatedCode, String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().ok_or("empty code block")?;
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '~' | '+'))
    {
        return Err(format!("bad code {code:?}"));
    }
    let mut dc = DatedCode {
        code: ActorCode::new(code.trim_matches('~')),
        from: None,
        to: None,
        role: None,
    };
    // Dictionaries write ranges with and without spaces ("< 950601",
    // "19950601 - 19990815"): read the rest of the block without them.
    let range: String = parts.flat_map(str::chars).collect();
    if !range.is_empty() {
        let range = range.as_str();
        if let Some(d) = range.strip_prefix('<') {
            dc.to = Some(parse_date(d).ok_or_else(|| format!("bad date {d:?}"))?);
        } else if let Some(d) = range.strip_prefix('>') {
            dc.from = Some(parse_date(d).ok_or_else(|| format!("bad date {d:?}"))?);
        } else if let Some((a, b)) = range.split_once('-') {
            dc.from = Some(parse_date(a).ok_or_else(|| format!("bad date {a:?}"))?);
            dc.to = Some(parse_date(b).ok_or_else(|| format!("bad date {b:?}"))?);
        } else {
            return Err(format!("bad date range {range:?}"));
        }
    }
    Ok(dc)
}

/// Splits `PHRASE [A] [B date]` into the phrase and its code blocks.
fn split_codes(text: &str) -> (&str, Vec<&str>) {
    let phrase_end = text.find('[').unwrap_or(text.len());
    let phrase = text[..phrase_end].trim();
    let mut blocks = Vec::new();
    let mut rest = &text[phrase_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        blocks.push(rest[open + 1..open + close].trim());
        rest = &rest[open + close + 1..];
    }
    (phrase, blocks)
}

fn kind_of(code: Option<&DatedCode>, file: &str, name: &str) -> ActorKind {
    let words = name.split(['_', ' ']).filter(|w| !w.is_empty()).count();
    let Some(c) = code else {
        return ActorKind::Other;
    };
    let root = c.code.root();
    let s = c.code.as_str();
    if file.contains("MilNonState") {
        return ActorKind::ArmedGroup;
    }
    if matches!(root, "IGO") {
        return ActorKind::Igo;
    }
    if matches!(root, "NGO" | "MNC" | "NGM") {
        return ActorKind::Organization;
    }
    if s.len() == 3 && c.from.is_none() && c.to.is_none() && words <= 3 {
        return ActorKind::Country;
    }
    ActorKind::Other
}

/// Imports PETRARCH-2 actor files and agent files (their contents).
///
/// `actor_files` and `agent_files` are file contents; their names in
/// explanations are `actors[i]` / `agents[i]`. Use
/// [`KnowledgeBase::from_petrarch_named`] to give real names.
impl KnowledgeBase {
    /// Builds a knowledge base from PETRARCH actor and agent file contents.
    ///
    /// ```
    /// let actors = "JOHN_KERRY_\n+SECRETARY_KERRY_\n\t[USAGOVLEG 850103-130201]\n\t[USAGOV >130201]\n";
    /// let agents = "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\nSPOKES!PERSON! [~GOV]\nSOLDIER [~MIL]\n";
    /// let kb = entente_actors::KnowledgeBase::from_petrarch(&[actors], &[agents]).unwrap();
    /// let d = chrono::NaiveDate::from_ymd_opt(2014, 1, 1);
    /// assert_eq!(kb.lookup("Secretary Kerry", d).unwrap().code.unwrap().as_str(), "USAGOV");
    /// assert_eq!(kb.agents().len(), 5 + 2);
    /// ```
    pub fn from_petrarch(
        actor_files: &[&str],
        agent_files: &[&str],
    ) -> Result<KnowledgeBase, ActorsError> {
        let a: Vec<(String, &str)> = actor_files
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("actors[{i}]"), *t))
            .collect();
        let g: Vec<(String, &str)> = agent_files
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("agents[{i}]"), *t))
            .collect();
        let a: Vec<(&str, &str)> = a.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let g: Vec<(&str, &str)> = g.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        KnowledgeBase::from_petrarch_named(&a, &g)
    }

    /// Like [`KnowledgeBase::from_petrarch`], with `(file name, contents)` pairs.
    pub fn from_petrarch_named(
        actor_files: &[(&str, &str)],
        agent_files: &[(&str, &str)],
    ) -> Result<KnowledgeBase, ActorsError> {
        let mut kb = KnowledgeBase::new();
        for (name, text) in actor_files {
            load_actor_file(&mut kb, name, text)?;
        }
        for (name, text) in agent_files {
            load_agent_file(&mut kb, name, text)?;
        }
        Ok(kb)
    }

    /// Adds the phrases of a PETRARCH discards file (its contents).
    pub fn load_petrarch_discards(&mut self, text: &str) {
        for raw in text.lines() {
            let line = strip_comment(raw).trim();
            if line.is_empty() || line.starts_with("<!--") {
                continue;
            }
            let (story, phrase) = match line.strip_prefix('+') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let whole_word = phrase.ends_with('_');
            let words = phrase_words(phrase);
            if words.is_empty() {
                continue;
            }
            self.add_discard(Discard {
                words,
                story,
                whole_word,
            });
        }
    }
}

struct Record {
    line: usize,
    names: Vec<String>,
    codes: Vec<DatedCode>,
}

fn load_actor_file(kb: &mut KnowledgeBase, file: &str, text: &str) -> Result<(), ActorsError> {
    let mut records: Vec<Record> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let trimmed_raw = raw.trim();
        if trimmed_raw.starts_with("<!--") || trimmed_raw.starts_with("-->") {
            continue;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let t = line.trim();
        let (phrase, blocks) = split_codes(t);
        let mut codes = Vec::new();
        for b in blocks {
            // Real dictionaries have typos ("2004017"): skip the code, keep
            // going, and say so.
            match parse_code_block(b) {
                Ok(c) => codes.push(c),
                Err(m) => kb
                    .warnings
                    .push(format!("{file} line {lineno}: {m} (code skipped)")),
            }
        }
        if phrase.is_empty() || (indented && !t.starts_with('+')) {
            // A code line for the current record.
            match records.last_mut() {
                Some(r) => r.codes.extend(codes),
                None => {
                    return Err(ActorsError::parse(
                        file,
                        lineno,
                        "code line before any actor",
                    ))
                }
            }
        } else if let Some(syn) = phrase.strip_prefix('+') {
            match records.last_mut() {
                Some(r) => {
                    r.names.push(syn.trim().to_string());
                    r.codes.extend(codes);
                }
                None => return Err(ActorsError::parse(file, lineno, "synonym before any actor")),
            }
        } else {
            records.push(Record {
                line: lineno,
                names: vec![phrase.to_string()],
                codes,
            });
        }
    }
    let short = file.rsplit('/').next().unwrap_or(file);
    for r in records {
        let Some(primary) = r.names.first() else {
            continue;
        };
        if r.codes.is_empty() {
            // PETRARCH skips uncoded entries too.
            continue;
        }
        let display = primary.trim_end_matches('_').replace('_', " ");
        let kind = kind_of(r.codes.first(), file, primary);
        // A person record has dated codes: treat it as a person.
        let kind = if kind == ActorKind::Other
            && r.codes.iter().any(|c| c.from.is_some() || c.to.is_some())
        {
            ActorKind::Person
        } else {
            kind
        };
        let country = r.codes.first().map(|c| c.code.root().to_string());
        let id = kb.add_actor(Actor {
            name: title_case(&display),
            kind,
            country,
            codes: r.codes,
            gender: None,
            source: format!("{short}:{}", r.line),
            wikidata: None,
        });
        for n in &r.names {
            // "THE_US": the article is not part of the name (and would make
            // the imported entry outrank a curated "US" by length).
            // But "THE_FOUNDATION" (El Rukn) without its article would be
            // any capitalised "Foundation": a single long word keeps it.
            let n = n
                .strip_prefix("THE_")
                .filter(|rest| {
                    let rest = rest.trim_matches('_');
                    !rest.is_empty() && (rest.contains('_') || rest.chars().count() <= 4)
                })
                .unwrap_or(n);
            kb.add_alias_styled(id, n, AliasKind::Name, CaseStyle::Dictionary);
        }
    }
    Ok(())
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            if w.chars().filter(|c| c.is_alphabetic()).count() <= 3
                && !matches!(lower.as_str(), "of" | "the" | "and" | "al" | "bin" | "el")
            {
                return w.to_string();
            }
            let mut c = lower.chars();
            match c.next() {
                Some(f) if !matches!(lower.as_str(), "of" | "the" | "and") => {
                    f.to_uppercase().collect::<String>() + c.as_str()
                }
                _ => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Regular plurals as PETRARCH generates them.
fn plural(word: &str) -> String {
    let up = word.to_uppercase();
    if up.ends_with('Y') && !up.ends_with("AY") && !up.ends_with("EY") && !up.ends_with("OY") {
        format!("{}IES", &word[..word.len() - 1])
    } else if up.ends_with("SS") || up.ends_with("SH") || up.ends_with("CH") || up.ends_with('X') {
        format!("{word}ES")
    } else if up.ends_with('S') {
        word.to_string()
    } else {
        format!("{word}S")
    }
}

fn load_agent_file(kb: &mut KnowledgeBase, file: &str, text: &str) -> Result<(), ActorsError> {
    let short = file.rsplit('/').next().unwrap_or(file);
    let mut subst: HashMap<String, Vec<String>> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        // Substitution set: `!PERSON! = MAN, MEN, ...`.
        if line.starts_with('!') {
            if let Some((name, vals)) = line.split_once('=') {
                let vals: Vec<String> = vals
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                subst.insert(name.trim().to_string(), vals);
                continue;
            }
        }
        let Some(open) = line.rfind('[') else {
            continue;
        };
        let Some(close) = line[open..].find(']') else {
            kb.warnings
                .push(format!("{file} line {lineno}: unclosed [ (line skipped)"));
            continue;
        };
        let code_text = line[open + 1..open + close].trim();
        let (prefix, code) = if let Some(c) = code_text.strip_prefix('~') {
            (false, c)
        } else if let Some(c) = code_text.strip_suffix('~') {
            (true, c)
        } else {
            (false, code_text)
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            kb.warnings.push(format!(
                "{file} line {lineno}: bad agent code {code_text:?} (line skipped)"
            ));
            continue;
        }
        let head = line[..open].trim();
        // `{IRREGULAR PLURALS}` or `{}` (no plural).
        let (phrase, plurals): (&str, Option<Vec<String>>) = match head.find('{') {
            Some(b) => {
                let inner = head[b + 1..].trim_end().trim_end_matches('}');
                (
                    head[..b].trim(),
                    Some(inner.split_whitespace().map(str::to_string).collect()),
                )
            }
            None => (head, None),
        };
        let mut forms = vec![phrase.to_string()];
        match plurals {
            Some(p) => forms.extend(p),
            None if !phrase.ends_with('_') && !phrase.contains('!') => {
                forms.push(plural(phrase));
            }
            None => {}
        }
        for form in forms {
            let (expanded, cut) = expand(&form, &subst);
            if cut {
                kb.warnings.push(format!(
                    "{file} line {lineno}: more than {MAX_EXPANSIONS} forms; the rest skipped"
                ));
            }
            for expanded in expanded {
                kb.add_agent(Agent {
                    phrase: expanded.trim_end_matches('_').replace('_', " "),
                    code: code.to_string(),
                    prefix,
                    source: format!("{short}:{lineno}"),
                });
            }
        }
    }
    Ok(())
}

/// Most forms one agent line expands to; beyond it the line is cut with a
/// warning (a line naming several large sets multiplies their sizes).
const MAX_EXPANSIONS: usize = 1_000;

/// Expands `!SET!` substitution sets, left to right, depth first (the
/// forms come in the order of the sets' values), at most
/// [`MAX_EXPANSIONS`] forms and partial forms held at once (the flag says
/// when some were left out). An inserted value is not expanded again, so a
/// set naming itself cannot recurse; an unknown set is dropped from the
/// form.
fn expand(form: &str, subst: &HashMap<String, Vec<String>>) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    // (expanded part, part still to read), the next to expand last.
    let mut stack = vec![(String::new(), form.to_string())];
    while let Some((done, rest)) = stack.pop() {
        let key = rest.find('!').and_then(|a| {
            let b = rest[a + 1..].find('!')?;
            Some((a, a + b + 2))
        });
        let Some((a, z)) = key else {
            out.push(done + &rest);
            continue;
        };
        let head = format!("{done}{}", &rest[..a]);
        let tail = &rest[z..];
        match subst.get(&rest[a..z]) {
            Some(vals) => {
                if out.len() + stack.len() + vals.len() > MAX_EXPANSIONS {
                    return (out, true);
                }
                for v in vals.iter().rev() {
                    stack.push((format!("{head}{v}"), tail.to_string()));
                }
            }
            None => stack.push((head, tail.to_string())),
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_six_and_eight_digits() {
        assert_eq!(parse_date("130201"), NaiveDate::from_ymd_opt(2013, 2, 1));
        assert_eq!(parse_date("850103"), NaiveDate::from_ymd_opt(1985, 1, 3));
        assert_eq!(parse_date("20130804"), NaiveDate::from_ymd_opt(2013, 8, 4));
        assert_eq!(parse_date("x"), None);
    }

    #[test]
    fn default_line_first_does_not_hide_dated_codes() {
        // PETRARCH-2 would return the first line (USAELI) for every date.
        let text = "JOHN_DOE_\n\t[USAELI]\n\t[USAGOV 090120-130201]\n";
        let kb = KnowledgeBase::from_petrarch(&[text], &[]).unwrap();
        let r = kb
            .lookup("John Doe", NaiveDate::from_ymd_opt(2010, 1, 1))
            .unwrap();
        assert_eq!(r.code.unwrap().as_str(), "USAGOV");
        let r = kb
            .lookup("John Doe", NaiveDate::from_ymd_opt(2015, 1, 1))
            .unwrap();
        assert_eq!(r.code.unwrap().as_str(), "USAELI");
    }

    #[test]
    fn spaced_date_ranges_and_unknown_code() {
        let text = "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nNASGUL [+++]\n";
        let kb = KnowledgeBase::from_petrarch(&[text], &[]).unwrap();
        assert!(kb.warnings.is_empty(), "{:?}", kb.warnings);
        let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let code = |n: &str, d| kb.lookup(n, d).unwrap().code.unwrap().as_str().to_string();
        assert_eq!(code("Smeagol", at(1990, 1, 1)), "HOB");
        assert_eq!(code("Smeagol", at(1997, 1, 1)), "HOBGOV");
        assert_eq!(code("Gollum", at(2005, 1, 1)), "HOBREB");
        assert_eq!(code("Nasgul", at(2005, 1, 1)), "+++");
    }

    /// Found by the `petrarch` fuzz target: a set naming itself recursed
    /// until the stack overflowed; sets multiplying each other grow
    /// exponentially.
    #[test]
    fn substitution_sets_neither_recurse_nor_explode() {
        let text = "!A! = X!A!, Y\nAB!A! [~COP]\n!B! = 1, 2, 3, 4\n!B!!B!!B!!B!!B!!B!!B! [~MIL]\n!C!Z [~REB]\n";
        let kb = KnowledgeBase::from_petrarch(&[], &[text]).unwrap();
        let phrases: Vec<&str> = kb.agents().iter().map(|a| a.phrase.as_str()).collect();
        assert!(
            phrases.contains(&"ABX!A!") && phrases.contains(&"ABY"),
            "{phrases:?}"
        );
        assert!(phrases.contains(&"1111111") && phrases.contains(&"1111234"));
        // An unknown set is dropped from the form.
        assert!(phrases.contains(&"Z"));
        let mil = kb.agents().iter().filter(|a| a.code == "MIL").count();
        assert!(mil > 900 && mil <= MAX_EXPANSIONS, "{mil}");
        assert!(
            kb.warnings.iter().any(|w| w.contains("line 4: more than")),
            "{:?}",
            kb.warnings
        );
    }

    #[test]
    fn agents_prefix_suffix_and_plurals() {
        let text = "!PERSON! = MAN, MEN\nPOLICE!PERSON! [~COP]\nNGO [NGO~]\nARMY {ARMIES} [~MIL]\nREBEL [~REB]\n";
        let kb = KnowledgeBase::from_petrarch(&[], &[text]).unwrap();
        let phrases: Vec<&str> = kb.agents().iter().map(|a| a.phrase.as_str()).collect();
        assert!(phrases.contains(&"POLICEMEN"));
        assert!(phrases.contains(&"ARMIES"));
        assert!(phrases.contains(&"REBELS"));
        assert!(kb.agents().iter().any(|a| a.phrase == "NGO" && a.prefix));
    }

    #[test]
    fn discards() {
        let mut kb = KnowledgeBase::new();
        kb.load_petrarch_discards("+WORLD_CUP_\nBASKETBALL\n");
        assert!(kb.discard_match("They won the World Cup.").unwrap().story);
        assert!(!kb.discard_match("Basketballs were thrown").unwrap().story);
        assert!(kb.discard_match("Iran met the US").is_none());
    }
}
