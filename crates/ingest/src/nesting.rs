//! A nesting cap for HTML, applied before parsing.
//!
//! The HTML parser's tree construction checks the stack of open elements on
//! most tags, and the content extractor walks the tree recursively, so a
//! page of 100,000 nested `<div>`s costs quadratic time and overflows the
//! stack. [`cap_nesting`] scans the markup once (linear time, no tree) with
//! a rough model of the parser's stack of open elements (void elements,
//! raw-text elements, the common implicit closes) and drops the start tags
//! that would nest deeper than the cap, together with their end tags. The
//! text inside them stays. Real pages nest a few dozen levels deep.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept by default.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Formatting elements: the parser re-opens them after implicit closes, so
/// they count until explicitly closed.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "table",
    "hr",
    "xmp",
    "plaintext",
];
/// Elements that end the search for an element to close implicitly.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
];

/// Returns `html` with start tags nested deeper than `max_depth` (and their
/// end tags) removed, and how many tags were removed. Borrows when nothing
/// was removed.
pub fn cap_nesting(html: &str, max_depth: usize) -> (Cow<'_, str>, usize) {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut formatting: usize = 0;
    let mut foreign: usize = 0;
    let mut dropped_open: HashMap<String, usize> = HashMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let start = i + off;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with(b"</");
        let name_at = start + if closing { 2 } else { 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_end = b[name_at..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |p| name_at + p);
        let name = String::from_utf8_lossy(&b[name_at..name_end]).to_ascii_lowercase();
        let end = tag_end(b, name_end);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        i = end;
        if closing {
            if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                for n in stack.drain(pos..) {
                    if n == "svg" || n == "math" {
                        foreign = foreign.saturating_sub(1);
                    }
                }
            } else if FORMATTING.contains(&name.as_str()) && formatting > 0 {
                formatting -= 1;
            } else if let Some(n) = dropped_open.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                cuts.push((start, end));
            }
            continue;
        }
        let name_s = name.as_str();
        if matches!(name_s, "html" | "head" | "body") || VOID.contains(&name_s) {
            continue;
        }
        if RAW_TEXT.contains(&name_s) {
            // A leaf whose content is not markup: skip to its end tag.
            if !self_closing || foreign == 0 {
                i = find_end_tag(b, i, name_s);
            }
            continue;
        }
        if name_s == "plaintext" {
            break;
        }
        close_implicitly(&mut stack, name_s);
        if stack.len() + formatting >= max_depth {
            *dropped_open.entry(name).or_default() += 1;
            cuts.push((start, end));
            continue;
        }
        if self_closing && foreign > 0 {
            continue;
        }
        if FORMATTING.contains(&name_s) {
            formatting += 1;
            continue;
        }
        if name_s == "svg" || name_s == "math" {
            foreign += 1;
        }
        stack.push(name);
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(html), 0);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for &(s, e) in &cuts {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    (Cow::Owned(out), cuts.len())
}

/// Pops what a start tag `name` closes implicitly (an open `<p>` before a
/// block, the previous `<li>`, `<dt>`/`<dd>`, `<option>`, table cell or
/// row, heading).
fn close_implicitly(stack: &mut Vec<String>, name: &str) {
    let pop_to = |stack: &mut Vec<String>, targets: &[&str], boundaries: &[&str]| {
        for k in (0..stack.len()).rev() {
            let n = stack[k].as_str();
            if targets.contains(&n) {
                stack.truncate(k);
                return;
            }
            if SCOPE.contains(&n) || boundaries.contains(&n) {
                return;
            }
        }
    };
    if CLOSES_P.contains(&name) {
        pop_to(stack, &["p"], &[]);
    }
    match name {
        "li" => pop_to(stack, &["li"], &["ol", "ul"]),
        "dt" | "dd" => pop_to(stack, &["dt", "dd"], &["dl"]),
        "option" => pop_to(stack, &["option"], &["select"]),
        // Rows and cells close the open row or cell of their own table.
        "tr" | "td" | "th" => {
            let table = stack
                .iter()
                .rposition(|n| n == "table")
                .map_or(0, |k| k + 1);
            let targets: &[&str] = if name == "tr" { &["tr"] } else { &["td", "th"] };
            if let Some(k) = stack[table..]
                .iter()
                .rposition(|n| targets.contains(&n.as_str()))
            {
                stack.truncate(table + k);
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            if stack
                .last()
                .is_some_and(|n| n.len() == 2 && n.starts_with('h') && n != "hr") =>
        {
            stack.pop();
        }
        _ => {}
    }
}

/// The byte after the `>` closing a tag whose name ends at `from`, skipping
/// quoted attribute values (the end of input when unclosed).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut k = from;
    while k < b.len() {
        let c = b[k];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => {
                // Quotes only open a value right after `=` (spaces allowed).
                let prev = b[from..k].iter().rev().find(|c| !c.is_ascii_whitespace());
                if prev == Some(&b'=') {
                    quote = Some(c);
                }
            }
            None if c == b'>' => return k + 1,
            None => {}
        }
        k += 1;
    }
    b.len()
}

/// The position just after `</name…>` from `from` on (the end of input when
/// the element is never closed).
fn find_end_tag(b: &[u8], from: usize, name: &str) -> usize {
    let mut k = from;
    while let Some(off) = find(b, k, b"</") {
        let n = off + 2;
        let after = n + name.len();
        if after <= b.len()
            && b[n..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            return memchr(b'>', &b[after..]).map_or(b.len(), |e| after + e + 1);
        }
        k = n;
    }
    b.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><head><title>a<b</title><script>if (a<b) {}</script></head>\
            <body><div><p>One<p>Two<ul><li>x<li>y</ul><img src=x><br/>\
            <table><tr><td>1<td>2<tr><td>3</table><!-- <div><div> --></div></body></html>";
        let (out, n) = cap_nesting(page, 4);
        assert_eq!(n, 0);
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_the_text_kept() {
        let page = format!(
            "<body>{}deep text{}</body>",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        let (out, n) = cap_nesting(&page, 10);
        assert_eq!(n, 2 * 990);
        assert_eq!(out.matches("<div>").count(), 10);
        assert_eq!(out.matches("</div>").count(), 10);
        assert!(out.contains("deep text"));
        // Unclosed and self-closed nesting count as nesting, as in the parser.
        let (_, n) = cap_nesting(&"<div>".repeat(1000), 10);
        assert_eq!(n, 990);
        let (_, n) = cap_nesting(&"<span/>".repeat(1000), 10);
        assert_eq!(n, 990);
        let (_, n) = cap_nesting(&"<b>x</p>".repeat(1000), 10);
        assert_eq!(n, 990);
    }

    #[test]
    fn attributes_with_angle_brackets_do_not_confuse_it() {
        let page = "<div title='a>b' data-x=\"<div>\">t</div>";
        let (out, n) = cap_nesting(page, 1);
        assert_eq!(n, 0, "{out}");
    }
}
