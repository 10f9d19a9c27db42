//! Transcripts: press briefings, interviews, debates and remarks where each
//! turn opens with its speaker's label ("MS. PSAKI:", "THE PRESIDENT:",
//! "SEN. WARREN:", "Q"). Every paragraph of a turn is the labelled
//! speaker's direct speech, and "I"/"we" inside it is that speaker.
//!
//! Detection works on the paragraph text only (no parser): a label is a run
//! of upper-case words before a colon at the start of a paragraph, or a
//! lone "Q"/"A" (interview layout). A document is a transcript when it has
//! at least two labelled paragraphs, so a single all-caps lead-in ("NOTE:")
//! never turns an article into one.

use crate::extract::Layout;

/// Who holds a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A named label: token range of the label words (colon excluded).
    Named(usize, usize),
    /// "Q": a reporter's question (unnamed).
    Question,
    /// "A": the interviewee's answer, whose name the layout does not give.
    Answer,
}

/// One paragraph of a turn: who speaks, and the byte span of its speech
/// (after the label in the turn's first paragraph).
#[derive(Debug, Clone, Copy)]
pub struct TurnPara {
    pub holder: Holder,
    pub para: usize,
    pub span: (usize, usize),
}

/// Most words a speaker label has ("SENIOR ADMINISTRATION OFFICIAL",
/// "ACTING ADMINISTRATOR SLAVITT", "SECRETARY OF STATE BLINKEN").
const MAX_LABEL_WORDS: usize = 6;

/// Turn paragraphs of the document, empty when it is no transcript.
pub fn turns(text: &str, l: &Layout) -> Vec<TurnPara> {
    let mut labels: Vec<Option<(Holder, usize)>> = Vec::with_capacity(l.paras.len());
    let mut n_labels = 0;
    // A single label opening with a title ("THE PRESIDENT:", "MS. LEE:")
    // is enough: prepared remarks have one turn.
    let mut titled = false;
    for &(lo, hi) in &l.paras {
        let lab = label(text, l, lo, hi);
        if let Some((h, _)) = lab {
            n_labels += 1;
            if let Holder::Named(s, e) = h {
                let first = text.get(l.toks[s].s..l.toks[e - 1].e).unwrap_or("");
                titled |=
                    first.contains(' ') && first.split_whitespace().next().is_some_and(title_word);
            }
        }
        labels.push(lab);
    }
    if n_labels < 2 && !titled {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur: Option<Holder> = None;
    for (pi, &(lo, hi)) in l.paras.iter().enumerate() {
        let pstart = l.toks[lo].s;
        let pend = l.para_end[pi];
        let ptext = text.get(pstart..pend).unwrap_or("").trim();
        if let Some((h, body)) = labels[pi] {
            cur = Some(h);
            if body < hi {
                out.push(TurnPara {
                    holder: h,
                    para: pi,
                    span: (l.toks[body].s, trim_end(text, pend)),
                });
            }
            continue;
        }
        // "END", "END 7:45 P.M. EST": the transcript is over.
        if ptext == "END" || ptext.starts_with("END ") {
            cur = None;
            continue;
        }
        // Stage directions ("(Laughter.)", "[Inaudible]") belong to nobody
        // but do not end the turn.
        if stage_direction(ptext) {
            continue;
        }
        if let Some(h) = cur {
            out.push(TurnPara {
                holder: h,
                para: pi,
                span: (pstart, trim_end(text, pend)),
            });
        }
    }
    out
}

fn trim_end(text: &str, end: usize) -> usize {
    let head = text.get(..end).unwrap_or(text);
    head.trim_end().len()
}

fn stage_direction(p: &str) -> bool {
    (p.starts_with('(') && p.ends_with(')'))
        || (p.starts_with('[') && p.ends_with(']'))
        || (p.starts_with('(') && p.ends_with(".)"))
}

/// The label opening the paragraph `lo..hi`, with the first token of the
/// speech after it.
fn label(text: &str, l: &Layout, lo: usize, hi: usize) -> Option<(Holder, usize)> {
    let toks = &l.toks;
    let first = &toks[lo];
    let word = text.get(first.s..first.e)?;
    // "Q  Thank you." / "Q: …" / "A. …": interview layout.
    if word == "Q" || word == "A" {
        let mut body = lo + 1;
        if body < hi && matches!(toks[body].lower, ":" | ".") && toks[body].s == first.e {
            body += 1;
        }
        // Speech follows and starts like a sentence.
        let next = toks.get(body).filter(|_| body < hi)?;
        if next.s == toks[body - 1].e || (!next.cap && next.is_word()) {
            return None;
        }
        let h = if word == "Q" {
            Holder::Question
        } else {
            Holder::Answer
        };
        return Some((h, body));
    }
    // "MS. PSAKI:", "THE VICE PRESIDENT:", "SEN. X:", "PARTICIPANT:".
    let mut words = 0;
    let mut letters = 0;
    let mut k = lo;
    while k < hi {
        let t = &toks[k];
        let w = text.get(t.s..t.e)?;
        if w == ":" {
            break;
        }
        if t.is_word() {
            if !w.chars().all(|c| {
                (c.is_alphabetic() && c.is_uppercase()) || matches!(c, '-' | '\'' | '’' | '.')
            }) {
                return None;
            }
            letters += w.chars().filter(|c| c.is_alphabetic()).count();
            words += 1;
            if words > MAX_LABEL_WORDS {
                return None;
            }
        } else if !matches!(w, "." | "-" | "'" | "’") {
            return None;
        }
        k += 1;
    }
    if k >= hi || words == 0 || letters < 2 || toks[k].s == toks[lo].s {
        return None;
    }
    // The colon ends the label and speech follows it.
    let body = k + 1;
    if body >= hi {
        return None;
    }
    let last = k;
    if matches!(text.get(toks[lo].s..toks[last - 1].e), Some("END" | "NOTE")) {
        return None;
    }
    // A final abbreviation dot belongs to the label ("MR. SMITH JR.:").
    Some((Holder::Named(lo, last), body))
}

/// Title and role words of speaker labels ("MS.", "SECRETARY", "THE VICE
/// PRESIDENT"): what is left after them is the speaker's surname.
fn title_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "THE"
            | "MR"
            | "MS"
            | "MRS"
            | "MISS"
            | "DR"
            | "SEN"
            | "SENATOR"
            | "REP"
            | "REPRESENTATIVE"
            | "GOV"
            | "GOVERNOR"
            | "SECRETARY"
            | "ADMINISTRATOR"
            | "ACTING"
            | "DIRECTOR"
            | "CHAIR"
            | "CHAIRMAN"
            | "CHAIRWOMAN"
            | "AMBASSADOR"
            | "GENERAL"
            | "GEN"
            | "ADMIRAL"
            | "ADM"
            | "SPEAKER"
            | "LEADER"
            | "MAYOR"
            | "PRIME"
            | "MINISTER"
            | "VICE"
            | "PRESIDENT"
            | "FIRST"
            | "LADY"
            | "GENTLEMAN"
            | "DEPUTY"
            | "SENIOR"
            | "ADMINISTRATION"
            | "OFFICIAL"
            | "OFFICIALS"
            | "MODERATOR"
            | "PARTICIPANT"
            | "AUDIENCE"
            | "MEMBER"
            | "AIDE"
            | "OPERATOR"
            | "ATTORNEY"
            | "COLONEL"
            | "COL"
            | "CAPTAIN"
            | "CAPT"
            | "SERGEANT"
            | "SGT"
            | "LT"
            | "LIEUTENANT"
            | "JUDGE"
            | "JUSTICE"
            | "CHIEF"
            | "COMMISSIONER"
            | "SURGEON"
            | "OF"
            | "STATE"
            | "DEFENSE"
            | "ENERGY"
            | "COMMERCE"
            | "TREASURY"
            | "LABOR"
            | "EDUCATION"
            | "TRANSPORTATION"
            | "AGRICULTURE"
            | "INTERIOR"
            | "HOMELAND"
            | "SECURITY"
            | "HEALTH"
            | "AND"
            | "HUMAN"
            | "SERVICES"
            | "PRESS"
            | "SECRETARY-DESIGNATE"
            | "COORDINATOR"
            | "ADVISOR"
            | "ADVISER"
            | "NATIONAL"
            | "COUNSELOR"
            | "PROFESSOR"
            | "REVEREND"
            | "REV"
            | "FATHER"
            | "SISTER"
            | "PASTOR"
            | "RABBI"
            | "KING"
            | "QUEEN"
            | "PRINCE"
            | "PRINCESS"
            | "CONGRESSMAN"
            | "CONGRESSWOMAN"
            | "MADAM"
            | "JR"
            | "SR"
    )
}

/// Title case per hyphen part: "JEAN-PIERRE" → "Jean-Pierre".
fn title_case(w: &str) -> String {
    w.split('-')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// A role label ("THE PRESIDENT", "THE FIRST LADY") stands for whoever the
/// document names with that role most often ("President Biden" → "Biden";
/// "Vice President Harris" does not count for "President").
fn role_holder(text: &str, label: &str) -> Option<String> {
    let role: Vec<String> = label
        .split_whitespace()
        .filter(|w| *w != "THE")
        .map(title_case)
        .collect();
    if role.is_empty() {
        return None;
    }
    let role = role.join(" ");
    let title_end = text.find("\n\n").unwrap_or(0);
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut from = 0;
    while let Some(k) = text.get(from..).and_then(|t| t.find(&role)) {
        let at = from + k;
        from = at + role.len();
        let before = text[..at].trim_end();
        let prev = before.rsplit(' ').next().unwrap_or("");
        let title_before = prev.chars().next().is_some_and(char::is_uppercase)
            && prev.chars().last().is_some_and(char::is_alphabetic);
        if before.len() < at && title_before {
            continue; // part of a longer title ("Vice President")
        }
        let rest = &text[from..];
        if !rest.starts_with(' ') {
            continue;
        }
        // Up to two capitalised words after the role.
        let mut name: Vec<&str> = Vec::new();
        for w in rest.split(' ').skip(1).take(2) {
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let ok = w.len() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
                && !title_word(&w.to_uppercase())
                && !crate::lexicon::capital_function_word(&w.to_lowercase())
                // A headline's verb ("President Biden Commemorating …").
                && !w.ends_with("ing");
            if !ok {
                break;
            }
            name.push(w);
        }
        // The surname: the last word ("President Joe Biden" → "Biden").
        // The title paragraph ("Remarks by President Biden …") names the
        // speaker of the remarks; later mentions may be predecessors.
        let weight = if at < title_end { 1000 } else { 1 };
        if let Some(n) = name.last() {
            match counts.iter_mut().find(|(g, _)| g == n) {
                Some(c) => c.1 += weight,
                None => counts.push((n.to_string(), weight)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(g, _)| g)
}

/// The person a named label stands for, as the document itself names
/// them: the label's surname ("MS. PSAKI" → "Psaki") with the given name the
/// text puts before it most often ("Jen Psaki"), else the surname alone.
/// `None` for labels that are only a role ("THE PRESIDENT", "MODERATOR").
pub fn label_person(text: &str, label: &str) -> Option<String> {
    let words: Vec<&str> = label
        .split_whitespace()
        .filter(|w| !title_word(w))
        .collect();
    if words.is_empty() {
        return role_holder(text, label);
    }
    let surname = words
        .iter()
        .map(|w| title_case(w))
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > 1 {
        return Some(surname); // the label gives the whole name
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut from = 0;
    while let Some(k) = text.get(from..).and_then(|t| t.find(&surname)) {
        let at = from + k;
        from = at + surname.len();
        // A whole word, not the start of a longer one.
        if text[from..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let before = text[..at].trim_end_matches(' ');
        if before.len() + 1 != at {
            continue; // exactly one space before the surname
        }
        let given: &str = before
            .rsplit(|c: char| !c.is_alphabetic() && c != '-' && c != '.')
            .next()
            .unwrap_or("");
        let ok = given.chars().next().is_some_and(char::is_uppercase)
            && given
                .chars()
                .skip(1)
                .all(|c| c.is_lowercase() || c == '-' || c == '.')
            && given.len() >= 2
            && !title_word(&given.to_uppercase())
            && !crate::lexicon::capital_function_word(&given.to_lowercase());
        if ok {
            match counts.iter_mut().find(|(g, _)| g == given) {
                Some(c) => c.1 += 1,
                None => counts.push((given.to_string(), 1)),
            }
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(g, _)| g.clone());
    Some(match best {
        Some(g) => format!("{g} {surname}"),
        None => surname,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holders(text: &str) -> Vec<(String, String)> {
        let lower = text.to_ascii_lowercase();
        let l = Layout::new(text, &lower);
        turns(text, &l)
            .iter()
            .map(|t| {
                let who = match t.holder {
                    Holder::Named(s, e) => text[l.toks[s].s..l.toks[e - 1].e].to_string(),
                    Holder::Question => "Q".into(),
                    Holder::Answer => "A".into(),
                };
                (who, text[t.span.0..t.span.1].to_string())
            })
            .collect()
    }

    #[test]
    fn briefing_turns_run_over_paragraphs_until_the_next_label() {
        let t = "Press Briefing Room\n\n1:05 P.M. EDT\n\n\
                 MR. SMITH: Good afternoon. I have two announcements.\n\n\
                 First, we will travel to Ohio.\n\n(Laughter.)\n\n\
                 Q  Thank you. Will you go to Texas?\n\n\
                 MR. SMITH: Let me check on that.\n\nEND 1:40 P.M. EDT\n\nAfterword.";
        let h = holders(t);
        assert_eq!(
            h,
            vec![
                (
                    "MR. SMITH".to_string(),
                    "Good afternoon. I have two announcements.".to_string()
                ),
                ("MR. SMITH".into(), "First, we will travel to Ohio.".into()),
                ("Q".into(), "Thank you. Will you go to Texas?".into()),
                ("MR. SMITH".into(), "Let me check on that.".into()),
            ]
        );
    }

    #[test]
    fn multiword_titles_and_interview_layouts_are_labels() {
        let t = "THE VICE PRESIDENT: Thank you all.\n\n\
                 SENIOR ADMINISTRATION OFFICIAL: On the call today.\n\n\
                 Q: What happens next?\n\nA: We wait.";
        let who: Vec<String> = holders(t).into_iter().map(|x| x.0).collect();
        assert_eq!(
            who,
            vec![
                "THE VICE PRESIDENT",
                "SENIOR ADMINISTRATION OFFICIAL",
                "Q",
                "A"
            ]
        );
    }

    #[test]
    fn labels_name_the_person_the_text_names() {
        let t = "Press Secretary Jen Psaki briefed reporters. Psaki said little.";
        assert_eq!(label_person(t, "MS. PSAKI").as_deref(), Some("Jen Psaki"));
        let t = "Karine Jean-Pierre, press secretary";
        assert_eq!(
            label_person(t, "MS. JEAN-PIERRE").as_deref(),
            Some("Karine Jean-Pierre")
        );
        // A title word before the surname is no given name.
        assert_eq!(
            label_person("National Security Advisor Sullivan spoke.", "MR. SULLIVAN").as_deref(),
            Some("Sullivan")
        );
        assert_eq!(label_person("", "THE PRESIDENT"), None);
        let t = "Remarks by President Biden Commemorating X. Vice President Harris and President Joe Biden spoke.";
        assert_eq!(label_person(t, "THE PRESIDENT").as_deref(), Some("Biden"));
        assert_eq!(
            label_person(t, "THE VICE PRESIDENT").as_deref(),
            Some("Harris")
        );
        assert_eq!(label_person("", "SENIOR ADMINISTRATION OFFICIAL"), None);
        assert_eq!(
            label_person("", "PRESIDENT ZELENSKYY").as_deref(),
            Some("Zelenskyy")
        );
    }

    #[test]
    fn one_titled_label_makes_prepared_remarks_one_turn() {
        let h = holders(
            "Remarks by the President\n\nTHE PRESIDENT: Thank you.\n\nI am glad to be here.",
        );
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|x| x.0 == "THE PRESIDENT"));
    }

    #[test]
    fn articles_with_one_caps_lead_or_ordinary_colons_are_no_transcripts() {
        assert!(holders("WASHINGTON: The Senate voted on Monday.\n\nIt passed.").is_empty());
        assert!(holders(
            "The plan has two parts: taxes and spending.\n\nUS: The envoy left. Nothing: more."
        )
        .is_empty());
        // Mixed case before the colon is a sentence, not a label.
        assert!(holders("Mr. Smith: a profile.\n\nMs. Jones: a reply.").is_empty());
    }
}
