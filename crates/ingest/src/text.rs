//! Article extraction from scraped plain text.
//!
//! A scraped page is a sequence of lines: navigation, a headline, a byline,
//! the article's paragraphs, then share bars, tag strips, disclaimers and
//! related headlines. Each block is classified from its own features (length,
//! final punctuation, stop-word density, Title-Case share, separators, known
//! boilerplate patterns), then revised by its neighbours the way jusText does
//! (a short block between two paragraphs is part of the article), and the
//! best contiguous run of article blocks is kept by a maximum-sum search.
//! Metadata-like boilerplate (disclaimers, tag strips, bylines, datelines)
//! is not thrown away but moved to the article's metadata.

use std::sync::LazyLock;

use entente_core::Article;
use regex::Regex;

use crate::{dates, lang};

/// What one block of scraped text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockClass {
    /// Running prose: long, punctuated, many stop words.
    Good,
    /// Prose-like but short or weak: body when next to good blocks.
    NearGood,
    /// Too short to tell (headings, captions, single links).
    Short,
    /// Navigation or other non-prose text.
    Bad,
    /// A known boilerplate pattern (share bars, comment buttons, cookie notices).
    Boilerplate,
    /// An editorial disclaimer or note: metadata, not body.
    Disclaimer,
    /// Tags or categories glued into one line: metadata, not body.
    TagStrip,
}

/// One line or paragraph of input with its classification.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, trimmed.
    pub text: String,
    /// Final class after context revision.
    pub class: BlockClass,
    stats: lang::Stats,
}

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        r"show comments|hide comments|\d*\s*comments?|leave a (?:comment|reply)|add a comment|post a comment|",
        r"share(?: this(?: article| story| post)?)?(?: on \w+)?|share via.*|tweet|email|print|",
        r"advertisement|advertising|advert|sponsored(?: content)?|ad|skip to (?:main )?content|",
        r"read more|read next|more from .{0,40}|related(?: articles| stories| posts| news| content| coverage)?|",
        r"recommended(?: for you)?|you (?:may|might) also like.*|most (?:read|popular|viewed)|trending(?: now)?|",
        r"sign up.*|subscribe.*|log ?in|sign in|register|newsletter|follow us.*|",
        r"(?:previous|next)(?: article| post| story)?|back to top|home|menu|search|close|",
        r"all rights reserved.*|copyright\b.*|©.*|privacy policy.*|terms (?:of|and) (?:use|service|conditions).*|",
        r"(?:this (?:site|website) uses|we use) cookies.*|accept(?: all)?(?: cookies)?|",
        r"click here.*|load more|see more|view (?:all|more).*|photo:.{0,80}|image:.{0,80}|",
        r"image source.{0,80}|getty images|reuters|ap photo.{0,80}",
        r")[.!:]?$"
    ))
    .expect("valid regex")
});

static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:views|opinions) (?:expressed|in this (?:article|piece|post))[^.]{0,120}(?:not necessarily|do not|does not)\s+(?:reflect|represent)",
        r"|(?:do|does) not necessarily (?:reflect|represent) the (?:views|opinions|editorial)",
        r"|^editor'?s note\b|^disclaimer\b|^correction:|this (?:article|story) (?:was|has been|is) (?:originally )?(?:published|updated|corrected)",
        r"|^(?:this (?:article|story) )?(?:first )?(?:appeared|published) (?:on|in|at) ",
        r"|reproduced with (?:the )?permission"
    ))
    .expect("valid regex")
});

static TAGS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags|topics|tagged(?: with)?|filed under|categories|keywords)\s*:\s*(.+)$")
        .expect("valid regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|author:|words by|reporting by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|(?i:and|&|de|van|von|al|bin|la|le|del|da)|,)){0,12})")
        .expect("valid regex")
});

/// Splits a glued tag strip ("Asia & AmericasBlogIranUS") where a lower-case
/// letter runs straight into a capital.
/// True when a short block matches a known boilerplate pattern (share bars,
/// comment buttons, cookie notices, "Read more", …).
pub fn is_boilerplate(s: &str) -> bool {
    s.chars().count() < 120 && BOILERPLATE.is_match(s.trim())
}

fn split_glued(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
        prev = Some(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Number of places where a lower-case letter runs straight into a capital.
fn glue_points(s: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in s.chars() {
        if prev.is_lowercase() && c.is_uppercase() {
            n += 1;
        }
        prev = c;
    }
    n
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    s.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Lists of short items joined by separators: language switchers,
/// breadcrumbs, menus ("Portuguese / Spanish / English", "Home | News").
fn is_separator_list(s: &str) -> bool {
    let seps = [" / ", " | ", " • ", " · ", " » ", " › ", " > "];
    for sep in seps {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() >= 3 && parts.iter().all(|p| lang::words(p).count() <= 4) {
            return true;
        }
    }
    false
}

static COOKIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcookies?\b.{0,200}\b(?:website|browser|consent|privacy|experience|opt.out|accept)|\b(?:website|we|this site) uses? cookies\b")
        .expect("valid regex")
});

/// Sentence-final punctuation of scripts without spaces between words.
fn ends_cjk_sentence(s: &str) -> bool {
    s.trim_end_matches(['」', '』', '）', ')', ' '])
        .ends_with(['。', '！', '？', '!', '?'])
}

fn classify(text: &str, lang_code: Option<&str>) -> (BlockClass, lang::Stats) {
    let st = lang::stats(lang_code.unwrap_or("en"), text);
    let len = text.chars().count();
    if COOKIES.is_match(text) {
        return (BlockClass::Boilerplate, st);
    }
    if DISCLAIMER.is_match(text) {
        return (BlockClass::Disclaimer, st);
    }
    if TAGS_LINE.is_match(text) {
        return (BlockClass::TagStrip, st);
    }
    if !ends_sentence(text) && glue_points(text) >= 2 && st.title_case >= 0.6 {
        return (BlockClass::TagStrip, st);
    }
    if len < 120 && BOILERPLATE.is_match(text) {
        return (BlockClass::Boilerplate, st);
    }
    if is_separator_list(text) {
        return (BlockClass::Boilerplate, st);
    }
    let punct = ends_sentence(text);
    let Some(_) = lang_code else {
        // No stop-word list fits (CJK, or a language we lack): judge by
        // length and sentence punctuation alone.
        let punct = punct || ends_cjk_sentence(text);
        let class = if len < 25 {
            BlockClass::Short
        } else if punct && len >= 80 {
            BlockClass::Good
        } else if punct {
            BlockClass::NearGood
        } else if st.title_case > 0.7 || len < 60 {
            BlockClass::Bad
        } else {
            BlockClass::Short
        };
        return (class, st);
    };
    let class = if len < 50 || st.words < 6 {
        BlockClass::Short
    } else if st.stop_density >= 0.30 && len >= 150 && (punct || len >= 300) {
        // Teasers of related stories are sentence-like but usually lack the
        // final full stop that article paragraphs have.
        BlockClass::Good
    } else if (st.stop_density >= 0.25 && (punct || len >= 150))
        || (st.stop_density >= 0.18 && punct)
    {
        BlockClass::NearGood
    } else if (!punct && st.title_case > 0.7) || st.stop_density < 0.12 {
        BlockClass::Bad
    } else {
        BlockClass::Short
    };
    (class, st)
}

/// Splits text into blocks: one per line, except that hard-wrapped
/// paragraphs (a line running on into a lower-case continuation) are joined.
fn split_blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_blank = true;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        let continues = !prev_blank
            && out.last().is_some_and(|p| {
                !ends_sentence(p) && p.chars().count() >= 40 && !p.ends_with(['"', '”'])
            })
            && line.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
        prev_blank = false;
    }
    out
}

/// Classifies the blocks of a text, with jusText-style context revision.
pub fn classify_blocks(text: &str) -> (Vec<Block>, Option<&'static str>) {
    let lang_code = lang::guess(text);
    let mut blocks: Vec<Block> = split_blocks(text)
        .into_iter()
        .map(|t| {
            let (class, stats) = classify(&t, lang_code);
            Block {
                text: t,
                class,
                stats,
            }
        })
        .collect();
    revise(&mut blocks);
    (blocks, lang_code)
}

fn is_goodish(c: BlockClass) -> bool {
    matches!(c, BlockClass::Good)
}

fn is_badish(c: BlockClass) -> bool {
    matches!(
        c,
        BlockClass::Bad | BlockClass::Boilerplate | BlockClass::TagStrip | BlockClass::Disclaimer
    )
}

/// Context revision: near-good blocks next to good ones become good; short
/// blocks between good ones become near-good (kept) and between bad ones bad.
fn revise(blocks: &mut [Block]) {
    let n = blocks.len();
    let neighbour = |blocks: &[Block], i: usize, step: isize| -> Option<BlockClass> {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < n {
            let c = blocks[j as usize].class;
            if c != BlockClass::Short {
                return Some(c);
            }
            j += step;
        }
        None
    };
    let orig: Vec<BlockClass> = blocks.iter().map(|b| b.class).collect();
    let view: Vec<Block> = blocks.to_vec();
    for i in 0..n {
        if orig[i] == BlockClass::NearGood {
            let p = neighbour(&view, i, -1);
            let q = neighbour(&view, i, 1);
            if p.is_some_and(is_goodish) || q.is_some_and(is_goodish) {
                blocks[i].class = BlockClass::Good;
            }
        }
    }
    let view: Vec<Block> = blocks.to_vec();
    for i in 0..n {
        if orig[i] == BlockClass::Short {
            let p = neighbour(&view, i, -1);
            let q = neighbour(&view, i, 1);
            blocks[i].class = match (p, q) {
                (Some(a), Some(b)) if is_goodish(a) && is_goodish(b) => BlockClass::NearGood,
                (Some(a), Some(b)) if is_badish(a) && is_badish(b) => BlockClass::Bad,
                (None, Some(b)) | (Some(b), None) if is_badish(b) => BlockClass::Bad,
                _ => BlockClass::Short,
            };
        }
    }
}

fn weight(b: &Block) -> f32 {
    let len = b.text.chars().count() as f32;
    match b.class {
        BlockClass::Good => len,
        BlockClass::NearGood => 0.5 * len,
        BlockClass::Short => -15.0,
        BlockClass::Bad => -(len.clamp(40.0, 400.0)),
        // Widget labels ("Advert", "Share") interrupt articles; longer
        // boilerplate (cookie notices) ends them.
        BlockClass::Boilerplate if b.text.chars().count() < 20 => -30.0,
        BlockClass::Boilerplate => -120.0,
        // Metadata lines neither make nor break the article block.
        BlockClass::Disclaimer | BlockClass::TagStrip => -5.0,
    }
}

/// The maximum-sum contiguous run of blocks (Kadane), as a half-open range.
fn best_run(blocks: &[Block]) -> Option<(usize, usize)> {
    let mut best = (0.0f32, 0usize, 0usize);
    let mut cur = 0.0f32;
    let mut start = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = i;
        }
        cur += weight(b);
        if cur > best.0 {
            best = (cur, start, i + 1);
        }
    }
    (best.0 > 0.0).then_some((best.1, best.2))
}

fn looks_like_title(b: &Block) -> bool {
    let t = b.text.trim();
    let w = b.stats.words;
    (2..=30).contains(&w)
        && !t.ends_with('.')
        && !matches!(
            b.class,
            BlockClass::Boilerplate | BlockClass::Disclaimer | BlockClass::TagStrip
        )
        && !is_separator_list(t)
        && BYLINE.captures(t).is_none()
        && dates::find_written_date(t).is_none_or(|_| w > 6)
}

/// Headline shape: a few words, not a menu of one-word items, and either
/// several words or a colon/question.
fn headline_score(b: &Block) -> f32 {
    let w = b.stats.words as f32;
    let mut s = (w.min(14.0)) / 14.0;
    if b.stats.stop_density > 0.0 {
        s += 0.3;
    }
    if w <= 3.0 {
        s -= 0.4;
    }
    s
}

fn parse_authors(s: &str) -> Vec<String> {
    s.split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_end_matches(['.', ',']).trim())
        .filter(|p| {
            p.split_whitespace().count() >= 1 && p.chars().next().is_some_and(char::is_uppercase)
        })
        .map(str::to_string)
        .collect()
}

fn add_tags(tags: &mut Vec<String>, b: &Block) {
    let new: Vec<String> = if let Some(c) = TAGS_LINE.captures(&b.text) {
        c[1].split([',', ';', '|', '•'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    } else {
        split_glued(&b.text)
    };
    for t in new {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
}

/// Extracts the article from scraped plain text: title, body paragraphs,
/// byline, dateline, tags and disclaimers (as notes).
pub fn extract_plain_text(text: &str) -> Article {
    let text = text.trim_start_matches('\u{feff}');
    let (blocks, lang_code) = classify_blocks(text);
    let mut art = Article {
        language: lang_code.map(str::to_string),
        ..Article::default()
    };
    let Some((mut start, end)) = best_run(&blocks) else {
        return art;
    };
    // Title: the closest headline-shaped block before the article block, or
    // its first block if that is headline-shaped. Datelines and bylines in
    // between are metadata.
    let mut title_at: Option<usize> = None;
    let lookback = start.saturating_sub(6);
    let mut best_score = 0.0f32;
    for i in (lookback..start).rev() {
        let b = &blocks[i];
        if art.authors.is_empty() {
            if let Some(c) = BYLINE.captures(&b.text) {
                art.authors = parse_authors(&c[1]);
                continue;
            }
        }
        if art.date.is_none() && b.stats.words <= 12 {
            if let Some(d) = dates::find_written_date(&b.text) {
                art.date = Some(d);
                continue;
            }
        }
        if looks_like_title(b) {
            // The closest candidate wins unless a farther one is clearly a
            // better headline (menus sit between headline and body less
            // often than section labels sit above the headline).
            let s = headline_score(b) - 0.08 * (start - i) as f32;
            if title_at.is_none() || s > best_score + 0.2 {
                title_at = Some(i);
                best_score = s;
            }
        }
    }
    if title_at.is_none() && start + 1 < end && looks_like_title(&blocks[start]) {
        let b = &blocks[start];
        if !ends_sentence(&b.text) {
            title_at = Some(start);
            start += 1;
        }
    }
    art.title = title_at.map(|i| blocks[i].text.clone());

    let mut body: Vec<&str> = Vec::new();
    for b in &blocks[start..end] {
        match b.class {
            BlockClass::Good | BlockClass::NearGood => body.push(&b.text),
            BlockClass::Short => {
                // Keep in-article headings; drop bylines and datelines.
                if let Some(c) = BYLINE.captures(&b.text) {
                    if art.authors.is_empty() {
                        art.authors = parse_authors(&c[1]);
                    }
                } else if b.stats.words <= 8 && dates::find_written_date(&b.text).is_some() {
                    if art.date.is_none() {
                        art.date = dates::find_written_date(&b.text);
                    }
                } else {
                    body.push(&b.text);
                }
            }
            BlockClass::Disclaimer => art.notes.push(b.text.clone()),
            BlockClass::TagStrip => add_tags(&mut art.tags, b),
            BlockClass::Bad | BlockClass::Boilerplate => {}
        }
    }
    // Trailing short blocks are rarely body (captions, "Share", names).
    while body
        .last()
        .is_some_and(|t| lang::words(t).count() < 6 && !ends_sentence(t))
    {
        body.pop();
    }
    // Metadata after the article: disclaimers and tag strips.
    for b in blocks.iter().skip(end).take(12) {
        match b.class {
            BlockClass::Disclaimer => art.notes.push(b.text.clone()),
            BlockClass::TagStrip => add_tags(&mut art.tags, b),
            _ => {}
        }
    }
    art.body = body.join("\n\n");
    art
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_tags() {
        assert_eq!(
            split_glued("Asia & AmericasBlogIranMiddle EastUS"),
            vec!["Asia & Americas", "Blog", "Iran", "Middle East", "US"]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let b = split_blocks(
            "This is a long line of prose that wraps around\nonto the next line.\nNew",
        );
        assert_eq!(b.len(), 2);
    }
}
