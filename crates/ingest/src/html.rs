//! HTML article extraction.
//!
//! The main-content block comes from a well-kept readability port
//! (`dom_smoothie`) behind the [`Extractor`] trait; everything around it is
//! ours: rendering the chosen subtree to paragraphs (headings and list items
//! kept, captions, buttons and forms dropped), news-specific cleanup of the
//! rendered blocks (share bars, "Read more", newsletter boxes, bylines), and
//! all metadata (title, authors, date, tags, language, canonical URL) read
//! from JSON-LD, `<meta>`, `<time>`, the URL and the visible dateline.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use entente_core::Article;
use regex::Regex;

use crate::{charset, dates, lang, nesting, text, urls};

/// An HTML main-content extractor.
pub trait Extractor: Send + Sync {
    /// Extracts the article from decoded HTML; `url` is the page address
    /// when known (used for relative links and URL dates).
    fn extract(&self, html: &str, url: Option<&str>) -> Article;
}

/// The default extractor: `dom_smoothie` for the content block, our own
/// rendering, cleanup and metadata.
#[derive(Debug, Clone, Default)]
pub struct DomSmoothieExtractor;

/// Extracts an article from raw HTML bytes, detecting the charset from the
/// BOM, `<meta>` or content.
pub fn extract_html(bytes: &[u8], url: Option<&str>) -> Article {
    let decoded = charset::decode(bytes, None, true);
    DomSmoothieExtractor.extract(&decoded.text, url)
}

impl Extractor for DomSmoothieExtractor {
    fn extract(&self, html: &str, url: Option<&str>) -> Article {
        // Bounded nesting keeps parsing linear and every tree walk below
        // (ours and the readability port's) shallow.
        let (html, _) = nesting::cap_nesting(html, nesting::MAX_DEPTH);
        let html: &str = &html;
        let doc = Document::from(html);
        let mut meta = read_metadata(&doc, url);
        if meta.date.is_none() {
            meta.date = visible_date(&doc, meta.title.as_deref());
        }
        // Absolute URLs only; a relative or bad one would make dom_smoothie fail.
        let abs_url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let cfg = dom_smoothie::Config {
            // We read JSON-LD ourselves.
            disable_json_ld: true,
            ..Default::default()
        };
        let mut blocks = Vec::new();
        let readability = dom_smoothie::Readability::with_document(doc, abs_url, Some(cfg.clone()))
            .or_else(|_| {
                dom_smoothie::Readability::with_document(Document::from(html), None, Some(cfg))
            });
        if let Ok(mut r) = readability {
            if r.parse().is_ok() {
                // Walk the grabbed subtree in place rather than re-parsing
                // the article HTML that `parse` serialised.
                let root = r.doc.select_single("#readability-page-1");
                if let Some(node) = root.nodes().first() {
                    let mut ctx = Ctx::default();
                    render(node, &mut blocks, &mut ctx);
                    ctx.flush(&mut blocks);
                }
            }
        }
        let mut body = clean_blocks(blocks, meta.title.as_deref());
        // When readability finds little or nothing (it gives up on pages
        // without a dominant text container), fall back to classifying the
        // whole page's lines as scraped text.
        if body.chars().count() < 500 {
            let page = text::extract_plain_text(&html_to_text(html));
            if page.body.chars().count() > 2 * body.chars().count().max(100) {
                body = page.body;
            }
        }
        let mut art = meta.into_article(url);
        if art.language.is_none() {
            art.language = lang::guess(&body).map(str::to_string);
        }
        if art.date.is_none() {
            // A visible dateline at the top of the article.
            let head: String = body.chars().take(300).collect();
            art.date = dates::find_written_date(&head);
        }
        art.body = body;
        art
    }
}

// ---------------------------------------------------------------- rendering

/// A rendered block of the content subtree.
#[derive(Debug, Clone)]
struct RBlock {
    text: String,
    kind: Kind,
    link_chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading,
    Item,
    Other,
}

#[derive(Default)]
struct Ctx {
    /// Rendering a whole page: only scripts and styles are skipped.
    full: bool,
    cur: String,
    link_chars: usize,
    in_link: usize,
    kind: Option<Kind>,
}

impl Ctx {
    fn flush(&mut self, out: &mut Vec<RBlock>) {
        let t = self
            .cur
            .split('\n')
            .map(collapse_ws)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        // Pages that mix double-encoded and clean text are repaired block
        // by block.
        let t = charset::fix_mojibake(&t).unwrap_or(t);
        if !t.is_empty() {
            out.push(RBlock {
                text: t,
                kind: self.kind.unwrap_or(Kind::Other),
                link_chars: self.link_chars,
            });
        }
        self.cur.clear();
        self.link_chars = 0;
        self.kind = None;
    }
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "button",
    "form",
    "nav",
    "svg",
    "iframe",
    "select",
    "textarea",
    "input",
    "figcaption",
    "template",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "aside",
    "footer",
    "label",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "figure",
    "hr",
    "address",
    "center",
    "details",
    "summary",
];

/// What [`render`] does after an element's children.
enum Then {
    /// Set the block kind again (a child may have flushed it) and flush.
    Block(Option<Kind>),
    /// Leave a link.
    Link,
}

/// One step of [`render`]'s walk.
enum Step<'a> {
    Visit(NodeRef<'a>),
    After(Then),
}

/// Renders the children of `node` into text blocks. An explicit stack, not
/// recursion: the nesting cap keeps trees shallow, and this walk does not
/// depend on it.
fn render(node: &NodeRef, out: &mut Vec<RBlock>, ctx: &mut Ctx) {
    // Children pushed last first, so that they are visited in order.
    let mut stack: Vec<Step> = node.children_it(true).map(Step::Visit).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::Visit(c) => c,
            Step::After(Then::Block(kind)) => {
                if kind.is_some() {
                    ctx.kind = kind;
                }
                ctx.flush(out);
                continue;
            }
            Step::After(Then::Link) => {
                ctx.in_link -= 1;
                continue;
            }
        };
        if child.is_text() {
            let t = child.text();
            if ctx.in_link > 0 {
                ctx.link_chars += t.trim().chars().count();
            }
            ctx.cur.push_str(&t);
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if ctx.full {
            if matches!(
                name,
                "script" | "style" | "noscript" | "template" | "svg" | "head"
            ) {
                continue;
            }
        } else if SKIP.contains(&name) || is_hidden(&child) {
            continue;
        }
        let kind = match name {
            "br" => {
                ctx.cur.push('\n');
                continue;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Kind::Heading),
            "li" => Some(Kind::Item),
            "p" => Some(Kind::Para),
            _ => None,
        };
        if kind.is_some() {
            ctx.flush(out);
            ctx.kind = kind;
            stack.push(Step::After(Then::Block(kind)));
        } else if name == "a" {
            ctx.in_link += 1;
            stack.push(Step::After(Then::Link));
        } else if BLOCK.contains(&name)
            || (ctx.full
                && matches!(
                    name,
                    "nav" | "aside" | "footer" | "form" | "figcaption" | "button"
                ))
        {
            ctx.flush(out);
            stack.push(Step::After(Then::Block(None)));
        }
        stack.extend(child.children_it(true).map(Step::Visit));
    }
}

fn is_hidden(n: &NodeRef) -> bool {
    if n.has_attr("hidden") {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s = style.to_ascii_lowercase().replace(' ', "");
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    n.attr("aria-hidden").is_some_and(|v| v.as_ref() == "true")
}

/// A date written near the headline: the first date within a few lines
/// after (or just before) the line holding the title, in the page rendered
/// to text. Datelines sit there; copyright years and comment dates do not.
fn visible_date(doc: &Document, title: Option<&str>) -> Option<String> {
    let body = doc.select("body");
    let node = body.nodes().first()?;
    let mut blocks = Vec::new();
    let mut ctx = Ctx {
        full: true,
        ..Ctx::default()
    };
    render(node, &mut blocks, &mut ctx);
    ctx.flush(&mut blocks);
    let lines: Vec<&str> = blocks.iter().flat_map(|b| b.text.split('\n')).collect();
    let nt = title.map(norm_title).unwrap_or_default();
    let at = (!nt.is_empty())
        .then(|| lines.iter().position(|l| norm_title(l).starts_with(&nt)))
        .flatten()?;
    let from = at.saturating_sub(4);
    let to = (at + 16).min(lines.len());
    // Prefer after the title; then before it.
    lines[at..to]
        .iter()
        .chain(lines[from..at].iter().rev())
        .filter(|l| l.chars().count() < 200)
        .find_map(|l| dates::find_written_date(l))
}

/// Renders a whole page to plain text: tags stripped, scripts and styles
/// dropped, one line per block. This is what a naive scraper produces, and
/// the input the plain-text extractor is measured on.
pub fn html_to_text(html: &str) -> String {
    let (html, _) = nesting::cap_nesting(html, nesting::MAX_DEPTH);
    let doc = Document::from(&*html);
    let mut blocks = Vec::new();
    let mut ctx = Ctx {
        full: true,
        ..Ctx::default()
    };
    render(&doc.root(), &mut blocks, &mut ctx);
    ctx.flush(&mut blocks);
    let mut out = String::new();
    for b in blocks {
        for line in b.text.split('\n') {
            let line = line.trim();
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

static NEWS_JUNK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        r"(?:read|see|watch|listen)(?: more| also| next| the full story)?\s*[:|›»>-].*|",
        r"(?:also read|related|more|recommended|trending|most read)\s*:.*|",
        r"(?:sign up|subscribe|register)\b.{0,160}|.{0,80}\bnewsletter\b.{0,80}|",
        r"(?:click|tap) here\b.*|(?:follow|like) us on\b.*|share (?:this|on)\b.*|",
        r"(?:photo|image|video|picture|graphic)s?\s*(?:by|credit|courtesy|source)?\s*:.{0,150}|",
        r"(?:getty images|ap photo|reuters|afp|shutterstock|istock)\b.{0,60}|",
        r"advertisement|sponsored|continue reading.*|story continues below.*|",
        r"(?:this (?:article|story) (?:was|has been) (?:updated|corrected)).{0,200}|",
        r"we use cookies.*|by using this (?:site|website).*|",
        r"(?:copyright|©)\s*.{0,150}|all rights reserved.{0,100}",
        r")$"
    ))
    .expect("valid regex")
});

/// Photo captions and credits, related-link teasers, site furniture that
/// may sit anywhere in a block.
static INLINE_JUNK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\((?:image|photo|picture|pictures|credit|source|video)s?:[^)]{0,60}\)\s*$|",
        r"\((?:ap|afp|reuters|getty)(?: images)?(?: photo)?[^)]{0,80}\)\s*$|",
        r"(?:photo|image)s? (?:by|courtesy of|credit)\b.{0,60}$|",
        r"\[(?:[A-Z]+(?: [A-Z]+)?)\]\s*\|?\s*$|",
        r"©|\ball rights reserved\b|",
        r"\brequires javascript\b|\benable javascript\b|\bstories like this\b"
    ))
    .expect("valid regex")
});

static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|[A-Z]{2,4}T)?\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b")
        .expect("valid regex")
});

/// Datelines and time stamps: short blocks that are mostly a date or time.
fn is_dateline(s: &str) -> bool {
    if s.chars().count() > 100 {
        return false;
    }
    if dates::find_written_date(s).is_none() && !TIME_OF_DAY.is_match(s) {
        return false;
    }
    const CAL: &[&str] = &[
        "am",
        "pm",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "published",
        "updated",
        "posted",
        "on",
        "at",
        "ago",
        "minutes",
        "hours",
        "days",
        "hour",
        "day",
        "minute",
        "p",
        "a",
        "m",
        "last",
        "modified",
        "min",
        "read",
    ];
    let other = lang::words(s)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !CAL.contains(&w.to_lowercase().as_str()))
        .count();
    other <= 3
}

static BYLINE_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’ -]*)*\s*(?:[,|•·—–-].{0,60})?$")
        .expect("valid regex")
});

fn norm_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops what is not article text from the rendered blocks and joins the
/// rest into paragraphs.
fn clean_blocks(blocks: Vec<RBlock>, title: Option<&str>) -> String {
    let ntitle = title.map(norm_title).unwrap_or_default();
    let mut keep: Vec<RBlock> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let len = b.text.chars().count();
        // A block of links (menus, tag lists, related headlines).
        if b.link_chars * 10 >= len * 7 && len < 300 && b.kind != Kind::Para {
            continue;
        }
        if b.link_chars * 10 >= len * 9 && len < 120 {
            continue;
        }
        if len < 250 && (NEWS_JUNK.is_match(&b.text) || text::is_boilerplate(&b.text)) {
            continue;
        }
        if len < 150 && BYLINE_BLOCK.is_match(&b.text) {
            continue;
        }
        if len < 150 && INLINE_JUNK.is_match(&b.text) {
            continue;
        }
        if is_dateline(&b.text) {
            continue;
        }
        if !ntitle.is_empty() && b.kind == Kind::Heading && norm_title(&b.text) == ntitle {
            continue;
        }
        keep.push(b);
    }
    // Blocks repeated verbatim are slideshow captions, widgets or a page
    // laid out twice: keep the first copy only.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    keep.retain(|b| b.text.chars().count() <= 80 || seen.insert(b.text.clone()));
    // Trailing headings and short fragments close sections that were cut.
    while keep.last().is_some_and(|b| {
        b.kind == Kind::Heading
            || (b.text.chars().count() < 40 && !b.text.ends_with(['.', '!', '?', '"', '”']))
    }) {
        keep.pop();
    }
    let mut out = String::new();
    for b in keep {
        for line in b.text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(line);
        }
    }
    out
}

// ---------------------------------------------------------------- metadata

/// Metadata read from the page (not from the content block).
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Tags, keywords and section.
    pub tags: Vec<String>,
    /// Language code (`en`, `pt-BR`, …).
    pub language: Option<String>,
    /// Canonical URL, absolute.
    pub canonical: Option<String>,
    /// The site section the article sits in.
    pub section: Option<String>,
}

impl PageMeta {
    fn into_article(self, url: Option<&str>) -> Article {
        Article {
            url: url.map(str::to_string).or_else(|| self.canonical.clone()),
            canonical_url: self.canonical,
            section: self.section,
            title: self.title,
            date: self.date,
            authors: self.authors,
            tags: self.tags,
            language: self.language,
            ..Article::default()
        }
    }
}

/// The page's `<meta>` values by lower-cased `property`/`name`/`itemprop`
/// (first non-empty value wins), collected in one pass over the document.
type Metas = std::collections::HashMap<String, String>;

/// Everything metadata needs from the page, gathered in one walk of the
/// tree (a CSS `select` per field would walk it once each).
#[derive(Default)]
struct Scan {
    metas: Metas,
    article_tags: Vec<String>,
    ld_texts: Vec<String>,
    title: String,
    /// `<h1>` texts, and whether each sits inside `<article>`/`<main>`.
    h1s: Vec<(String, bool)>,
    lang: Option<String>,
    canonical: Option<String>,
}

fn scan(doc: &Document) -> Scan {
    let mut sc = Scan::default();
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        match name.as_ref() {
            "meta" => {
                let Some(c) = node.attr("content") else {
                    continue;
                };
                let c = collapse_ws(&unescape(&c));
                let c = charset::fix_mojibake(&c).unwrap_or(c);
                if c.is_empty() {
                    continue;
                }
                for attr in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = node.attr(attr) {
                        let k = k.trim().to_ascii_lowercase();
                        if k == "article:tag" {
                            sc.article_tags.push(c.clone());
                        }
                        sc.metas.entry(k).or_insert_with(|| c.clone());
                    }
                }
            }
            "script"
                if node
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                sc.ld_texts.push(node.text().to_string());
            }
            "title" if sc.title.is_empty() => sc.title = collapse_ws(&node.text()),
            "h1" => {
                let t = collapse_ws(&heading_text(&node));
                let t = charset::fix_mojibake(&t).unwrap_or(t);
                if !t.is_empty() && t.chars().count() < 300 {
                    let inside = node.ancestors_it(None).any(|a| {
                        a.node_name()
                            .is_some_and(|n| n.as_ref() == "article" || n.as_ref() == "main")
                            || a.attr("role").is_some_and(|r| r.as_ref() == "main")
                    });
                    sc.h1s.push((t, inside));
                }
            }
            "html" if sc.lang.is_none() => {
                sc.lang = node
                    .attr("lang")
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            "link"
                if sc.canonical.is_none()
                    && node
                        .attr("rel")
                        .is_some_and(|r| r.trim().eq_ignore_ascii_case("canonical")) =>
            {
                sc.canonical = node.attr("href").map(|h| h.trim().to_string());
            }
            _ => {}
        }
    }
    sc
}

/// A heading's text without the date or time printed inside it (a
/// `<time>` element, as blogs put "Dec 18 2025" in the `<h1>`): the date
/// is metadata, not part of the headline.
fn heading_text(node: &NodeRef) -> String {
    let mut out = String::new();
    // An explicit stack (children last first), not recursion.
    let mut stack: Vec<NodeRef> = node.children_it(true).collect();
    while let Some(c) = stack.pop() {
        if c.is_text() {
            out.push_str(&c.text());
        } else if c.is_element() {
            if c.node_name().is_some_and(|m| m.as_ref() == "time") {
                out.push(' ');
                continue;
            }
            stack.extend(c.children_it(true));
        }
    }
    out
}

fn meta_content(metas: &Metas, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| metas.get(&k.to_ascii_lowercase()).cloned())
}

/// JSON-LD facts: the first article-like object's headline, authors and dates.
#[derive(Default, Debug)]
struct LdFacts {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    keywords: Vec<String>,
    section: Option<String>,
    /// Names in a `BreadcrumbList`, in position order.
    breadcrumb: Vec<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
    "WebPage",
    "Posting",
    "MedicalWebPage",
    "Blog",
    "HowTo",
    "Recipe",
    "Review",
];

fn ld_types(v: &serde_json::Value) -> Vec<String> {
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn ld_names(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            let s = collapse_ws(&unescape(s));
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| ld_names(x, out)),
        serde_json::Value::Object(_) => {
            if let Some(n) = v.get("name") {
                ld_names(n, out);
            }
        }
        _ => {}
    }
}

fn collect_ld(v: &serde_json::Value, objs: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_ld(x, objs)),
        serde_json::Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                collect_ld(g, objs);
            }
            objs.push(v.clone());
        }
        _ => {}
    }
}

fn read_ld(texts: &[String]) -> LdFacts {
    let mut objs = Vec::new();
    for raw in texts {
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) {
            collect_ld(&v, &mut objs);
        }
    }
    let mut facts = LdFacts::default();
    if let Some(b) = objs
        .iter()
        .find(|o| ld_types(o).iter().any(|t| t == "BreadcrumbList"))
    {
        facts.breadcrumb = ld_breadcrumb(b);
    }
    // Article types first, generic pages last.
    let rank = |o: &serde_json::Value| -> usize {
        let t = ld_types(o);
        t.iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
            .unwrap_or(usize::MAX)
    };
    objs.retain(|o| rank(o) != usize::MAX);
    objs.sort_by_key(|o| rank(o));
    for o in &objs {
        if facts.headline.is_none() && !ld_types(o).iter().any(|t| t == "WebPage") {
            if let Some(h) = o.get("headline").and_then(|h| h.as_str()) {
                let h = collapse_ws(&unescape(h));
                if !h.is_empty() {
                    facts.headline = Some(h);
                }
            }
        }
        if facts.authors.is_empty() {
            if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                ld_names(a, &mut facts.authors);
            }
        }
        if facts.published.is_none() {
            for k in ["datePublished", "dateCreated", "uploadDate"] {
                if let Some(d) = o
                    .get(k)
                    .and_then(|d| d.as_str())
                    .and_then(dates::parse_date)
                {
                    facts.published = Some(d);
                    break;
                }
            }
        }
        if facts.keywords.is_empty() {
            match o.get("keywords") {
                Some(serde_json::Value::String(s)) => {
                    facts.keywords = s
                        .split(',')
                        .map(|k| k.trim().to_string())
                        .filter(|k| !k.is_empty())
                        .collect()
                }
                Some(serde_json::Value::Array(a)) => {
                    facts.keywords = a
                        .iter()
                        .filter_map(|k| k.as_str().map(|s| s.trim().to_string()))
                        .filter(|k| !k.is_empty())
                        .collect()
                }
                _ => {}
            }
        }
        if facts.section.is_none() {
            // A string, or a list whose first entry is the main section.
            let s = match o.get("articleSection") {
                Some(serde_json::Value::Array(a)) => a.iter().find_map(|x| x.as_str()),
                Some(v) => v.as_str(),
                None => None,
            };
            facts.section = s
                .map(|s| collapse_ws(&unescape(s)))
                .filter(|s| !s.is_empty());
        }
    }
    facts
}

/// The item names of a JSON-LD `BreadcrumbList`, ordered by `position`.
fn ld_breadcrumb(list: &serde_json::Value) -> Vec<String> {
    let Some(items) = list.get("itemListElement").and_then(|i| i.as_array()) else {
        return Vec::new();
    };
    let mut named: Vec<(f64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let pos = it
                .get("position")
                .and_then(|p| p.as_f64().or_else(|| p.as_str()?.trim().parse().ok()))
                .unwrap_or(i as f64);
            let name = it
                .get("name")
                .or_else(|| it.get("item").and_then(|x| x.get("name")))
                .and_then(|n| n.as_str())
                .map(|n| collapse_ws(&unescape(n)))
                .filter(|n| !n.is_empty())?;
            Some((pos, name))
        })
        .collect();
    named.sort_by(|a, b| a.0.total_cmp(&b.0));
    named.into_iter().map(|(_, n)| n).collect()
}

/// Breadcrumb link texts in the page's markup (microdata or a
/// `breadcrumb` class or label), when JSON-LD has none.
fn html_breadcrumb(doc: &Document) -> Vec<String> {
    let sel = doc.select(
        "[itemtype*=\"BreadcrumbList\"] [itemprop=\"name\"], \
         nav[aria-label*=\"readcrumb\"] a, [class*=\"breadcrumb\"] a",
    );
    let mut out: Vec<String> = Vec::new();
    for n in sel.nodes().iter().take(12) {
        let t = collapse_ws(&n.text());
        if !t.is_empty() && out.last() != Some(&t) {
            out.push(t);
        }
    }
    out
}

/// The section a breadcrumb trail names: its deepest entry that is
/// neither the home page nor the article itself (the page's title, or
/// anything headline-long).
fn breadcrumb_section(trail: &[String], title: Option<&str>, names: &SiteNames) -> Option<String> {
    let nt = title.map(norm_title).unwrap_or_default();
    trail
        .iter()
        .rev()
        .find(|t| {
            let n = norm_title(t);
            let home = matches!(
                n.as_str(),
                "home" | "homepage" | "home page" | "start" | "main"
            );
            let is_title = !nt.is_empty() && (n == nt || nt.starts_with(&n) && n.len() > 20);
            // Unrendered template text ("{{ item.title }}") is not a name.
            let template = t.contains(['{', '}', '<', '>']);
            !n.is_empty()
                && !home
                && !template
                && !is_title
                && !names.matches(t)
                && lang::words(t).count() <= 4
        })
        .cloned()
}

static TITLE_SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "];

/// The names a page's site goes by: its `og:site_name` and its host.
#[derive(Debug, Default, Clone)]
struct SiteNames {
    /// `og:site_name` / `application-name`, normalised with [`norm_title`].
    site: Option<String>,
    /// Host without `www.`, letters and digits only ("davidbaucom").
    host: Option<String>,
    /// Host labels long enough to be a name ("flatworldsolutions"), TLD excluded.
    labels: Vec<String>,
}

impl SiteNames {
    fn new(site: Option<&str>, url: Option<&str>) -> SiteNames {
        let host = url.and_then(|u| {
            let rest = u.split_once("://").map_or(u, |(_, r)| r);
            let h = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
            let h = h.trim_start_matches("www.").to_ascii_lowercase();
            (h.contains('.')).then_some(h)
        });
        let labels = host
            .as_deref()
            .map(|h| {
                let parts: Vec<&str> = h.split('.').collect();
                parts[..parts.len().saturating_sub(1)]
                    .iter()
                    .filter(|l| l.len() >= 4)
                    .map(|l| squash(l))
                    .collect()
            })
            .unwrap_or_default();
        SiteNames {
            site: site.map(norm_title).filter(|s| !s.is_empty()),
            host: host.as_deref().map(squash),
            labels,
        }
    }

    /// Whether a title segment is the site's name: its `og:site_name`, its
    /// host ("Example.com"), or its host's name written with spaces
    /// ("Flatworld Solutions" on flatworldsolutions.com).
    fn matches(&self, seg: &str) -> bool {
        let n = norm_title(seg);
        if n.is_empty() {
            return false;
        }
        if self.site.as_deref() == Some(n.as_str()) {
            return true;
        }
        let sq = squash(&n);
        self.host.as_deref() == Some(sq.as_str()) || self.labels.contains(&sq)
    }

    /// Whether a segment is the site's address itself ("davidbau.com").
    fn is_host(&self, seg: &str) -> bool {
        seg.contains('.') && self.host.as_deref() == Some(squash(seg).as_str())
    }
}

/// A title's parts between separators.
fn split_segments(t: &str) -> impl Iterator<Item = &str> {
    let mut parts = vec![t];
    for sep in TITLE_SEPS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

/// Lower-case letters and digits only: "Byte Sauna" and "bytesauna" agree.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removes a site name appended to or prepended to a `<title>`.
fn strip_site(title: &str, names: &SiteNames) -> String {
    let t = title.trim();
    for sep in TITLE_SEPS {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let domain_like = !tail.trim().contains(' ') && tail.contains('.');
            let tail_is_site = names.matches(tail)
                || (domain_like && !head.trim().is_empty())
                || (lang::words(tail).count() <= 6 && lang::words(head).count() >= 3);
            if tail_is_site {
                return strip_site(head, names);
            }
            // "Site | site.com - Headline": everything before the last
            // separator names the site.
            if lang::words(tail).count() >= 2 && split_segments(head).all(|g| names.matches(g)) {
                return strip_site(tail, names);
            }
        }
        if let Some(i) = t.find(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if names.matches(head) {
                return strip_site(tail, names);
            }
        }
    }
    // A bare address before or after the headline, with no separator
    // ("davidbau.com Vibe Coding").
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.len() >= 2 {
        if names.is_host(ws[0]) {
            return ws[1..].join(" ");
        }
        if names.is_host(ws[ws.len() - 1]) {
            return ws[..ws.len() - 1].join(" ");
        }
    }
    t.to_string()
}

/// A headline without its subtitle or kicker: the part before a spaced
/// dash or bar ("Gym Workouts for Beginners — Strength Training"), when
/// that part is a headline by itself (three words or more).
fn main_title(t: String) -> String {
    let mut cut = t.len();
    for sep in [" | ", " – ", " — ", " - ", " // "] {
        if let Some(i) = t.find(sep) {
            // A lower-case continuation ("— and it may…") is one sentence.
            let tail = t[i + sep.len()..].trim_start();
            if tail.chars().next().is_some_and(|c| !c.is_lowercase()) {
                cut = cut.min(i);
            }
        }
    }
    if cut < t.len() && lang::words(&t[..cut]).count() >= 3 {
        return t[..cut].trim().to_string();
    }
    t
}

fn choose_title(sc: &Scan, ld: &LdFacts, url: Option<&str>) -> Option<String> {
    choose_title_full(sc, ld, url).map(main_title)
}

fn choose_title_full(sc: &Scan, ld: &LdFacts, url: Option<&str>) -> Option<String> {
    let metas = &sc.metas;
    let site = meta_content(metas, &["og:site_name", "application-name"]);
    let names = SiteNames::new(site.as_deref(), url);
    let og = meta_content(metas, &["og:title", "twitter:title"]).map(|t| strip_site(&t, &names));
    let title_tag = (!sc.title.is_empty()).then(|| strip_site(&sc.title, &names));
    // An <h1> that is the site's name (a logo heading) is not a headline.
    let h1s: Vec<String> = sc
        .h1s
        .iter()
        .map(|(t, _)| t.clone())
        .filter(|t| !names.matches(t))
        .collect();
    // The visible headline: an <h1> that metadata confirms (same words,
    // or most of them), else the article's only <h1>, else metadata.
    let refs: Vec<Vec<String>> = [&ld.headline, &og, &title_tag]
        .into_iter()
        .flatten()
        .map(|s| word_set(s))
        .collect();
    let mut best: Option<(f32, &String, usize)> = None;
    for h in &h1s {
        let w = word_set(h);
        if w.is_empty() {
            continue;
        }
        for (ri, r) in refs.iter().enumerate() {
            let common = w.iter().filter(|x| r.contains(x)).count() as f32;
            let score = common / (w.len().max(r.len()) as f32);
            // Also an <h1> wholly inside a longer metadata title (the
            // headline plus a site name or subtitle).
            let contained =
                w.len() >= 2 && common == w.len() as f32 && common / r.len() as f32 >= 0.25;
            let ok = (score >= 0.4 && common >= 2.0) || contained;
            if ok && best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, h, ri));
            }
        }
    }
    if let Some((_, h, ri)) = best {
        // An all-capitals <h1> is styling; the metadata has the casing.
        let shouting = !h.chars().any(char::is_lowercase)
            && h.chars().filter(|c| c.is_uppercase()).count() > 3;
        if shouting {
            let r = [&ld.headline, &og, &title_tag]
                .into_iter()
                .flatten()
                .nth(ri);
            if let Some(r) = r.filter(|r| r.chars().any(char::is_lowercase)) {
                return Some(r.clone());
            }
        }
        // An <h1> whose characters were lost to `?` or U+FFFD (a page
        // template that mis-encodes quotes) while a metadata title has them.
        if let Some(r) = [&ld.headline, &og, &title_tag]
            .into_iter()
            .flatten()
            .find(|r| is_mangled_copy(h, r))
        {
            return Some(r.clone());
        }
        return Some(h.clone());
    }
    // An <h1> inside the article (or the page's only one) is the visible
    // headline unless it is the site's name or too short to be one.
    let site_words = site.as_deref().map(word_set).unwrap_or_default();
    let plausible = |t: &String| {
        let w = word_set(t);
        lang::words(t).count() >= 3 && w != site_words
    };
    let article_h1 = sc
        .h1s
        .iter()
        .find(|(t, inside)| *inside && !names.matches(t))
        .map(|(t, _)| t.clone());
    let sole_h1 = (h1s.len() == 1).then(|| h1s[0].clone());
    // Social and document titles that agree with each other (and not with
    // any <h1>) are the page's own statement of its headline.
    // (An <h1> inside <article>/<main> is still preferred: that is the
    // visible headline.)
    // Also when the article's <h1> shares almost no words with them: then
    // that <h1> is a banner or call to action, not the headline.
    if let (Some(o), Some(t)) = (&og, &title_tag) {
        let h1_is_headline = article_h1
            .as_ref()
            .is_some_and(|h| plausible(h) && overlap_score(&word_set(h), &word_set(o)) >= 0.2);
        if !h1_is_headline && norm_title(o) == norm_title(t) && lang::words(o).count() >= 3 {
            return Some(o.clone());
        }
    }
    article_h1
        .filter(plausible)
        .or_else(|| sole_h1.clone().filter(plausible))
        .or(ld.headline.clone())
        .or(og)
        .or(title_tag)
        .or(sole_h1)
        .or_else(|| h1s.first().cloned())
}

/// Shared words over the larger word set's size.
fn overlap_score(a: &[String], b: &[String]) -> f32 {
    let common = a.iter().filter(|x| b.contains(x)).count() as f32;
    common / (a.len().max(b.len()).max(1) as f32)
}

/// Whether `h` is `r` with some characters replaced by `?` or U+FFFD:
/// `h` has such marks, `r` has none, and they differ by at most two
/// character edits per mark.
fn is_mangled_copy(h: &str, r: &str) -> bool {
    let marks = h.chars().filter(|&c| c == '?' || c == '\u{FFFD}').count();
    if marks == 0 || r.contains(['?', '\u{FFFD}']) {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (h.chars().collect(), r.chars().collect());
    if a.len().abs_diff(b.len()) > 2 * marks || a.len() > 400 || b.len() > 400 {
        return false;
    }
    // Levenshtein distance, two rows.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= 2 * marks
}

fn word_set(s: &str) -> Vec<String> {
    let mut v: Vec<String> = lang::words(s).map(|w| w.to_lowercase()).collect();
    v.sort();
    v.dedup();
    v
}

/// Decodes the HTML entities left in attribute values that were escaped
/// twice (`&amp;#8211;`) or never decoded.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Byte search: slicing the str at 12 could split a character.
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "hellip" => Some('…'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:posted |written |published )?by[:\s]+").expect("valid regex")
});

fn clean_author(s: &str) -> Option<String> {
    let s = collapse_ws(s);
    let s = BY_PREFIX.replace(&s, "").to_string();
    let s = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c == '•')
        .trim();
    let n = lang::words(s).count();
    if s.is_empty() || n > 12 || s.starts_with("http") || s.contains('@') && !s.contains(' ') {
        return None;
    }
    Some(s.to_string())
}

fn choose_authors(doc: &Document, metas: &Metas, ld: &LdFacts) -> Vec<String> {
    let mut out: Vec<String> = ld.authors.iter().filter_map(|a| clean_author(a)).collect();
    if out.is_empty() {
        for key in [
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "byl",
        ] {
            if let Some(a) = meta_content(metas, &[key]) {
                if let Some(a) = clean_author(&a) {
                    out.push(a);
                    break;
                }
            }
        }
    }
    if out.is_empty() {
        for sel in [
            "[itemprop=\"author\"] [itemprop=\"name\"]",
            "[itemprop=\"author\"]",
            "a[rel=\"author\"]",
            "[class*=\"author-name\"]",
            "[class*=\"byline\"] a",
            "[class*=\"byline\"]",
            "[class*=\"author\"] a",
        ] {
            let s = doc.select(sel);
            if let Some(n) = s.nodes().first() {
                let t = n.text();
                if let Some(a) = clean_author(&t) {
                    if lang::words(&a).count() <= 6 {
                        out.push(a);
                        break;
                    }
                }
            }
        }
    }
    out.dedup();
    out
}

fn choose_date(doc: &Document, metas: &Metas, ld: &LdFacts, url: Option<&str>) -> Option<String> {
    if let Some(d) = &ld.published {
        return Some(d.clone());
    }
    let keys = [
        "article:published_time",
        "datePublished",
        "og:published_time",
        "article:published",
        "pubdate",
        "publishdate",
        "publish-date",
        "published-date",
        "publication_date",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "cxenseparse:recs:publishtime",
        "citation_publication_date",
        "release_date",
    ];
    for k in keys {
        if let Some(d) = meta_content(metas, &[k]).and_then(|c| dates::parse_date(&c)) {
            return Some(d);
        }
    }
    if let Some(d) = url.and_then(dates::date_from_url) {
        return Some(d);
    }
    for sel in [
        "time[pubdate]",
        "[itemprop=\"datePublished\"]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        for n in doc.select(sel).iter() {
            let v = n
                .attr("datetime")
                .or_else(|| n.attr("content"))
                .map(|s| s.to_string())
                .unwrap_or_else(|| n.text().to_string());
            if let Some(d) = dates::parse_date(&v) {
                return Some(d);
            }
        }
    }
    for sel in [
        "[class*=\"date\"]",
        "[class*=\"time\"]",
        "[class*=\"byline\"]",
        "[class*=\"meta\"]",
    ] {
        for n in doc.select(sel).iter().take(10) {
            let t = n.text();
            if t.len() < 200 {
                if let Some(d) = dates::find_written_date(&t) {
                    return Some(d);
                }
            }
        }
    }
    meta_content(
        metas,
        &["article:modified_time", "dateModified", "og:updated_time"],
    )
    .and_then(|c| dates::parse_date(&c))
}

/// Reads title, authors, date, tags, language and canonical URL from a page.
pub fn read_metadata(doc: &Document, url: Option<&str>) -> PageMeta {
    let sc = scan(doc);
    let ld = read_ld(&sc.ld_texts);
    let metas = &sc.metas;
    let mut tags: Vec<String> = sc.article_tags.clone();
    if tags.is_empty() {
        tags = ld.keywords.clone();
    }
    if tags.is_empty() {
        if let Some(k) = meta_content(metas, &["news_keywords", "keywords"]) {
            tags = k.split(',').map(|t| t.trim().to_string()).collect();
        }
    }
    if let Some(s) = meta_content(metas, &["article:section"]).or_else(|| ld.section.clone()) {
        tags.insert(0, s);
    }
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 80);
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.to_lowercase()));

    let language = sc
        .lang
        .clone()
        .or_else(|| meta_content(metas, &["og:locale", "content-language", "language"]))
        // The primary subtag, as the plain-text path reports it ("en").
        .and_then(|l| {
            let primary = l
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            (primary.len() >= 2
                && primary.len() <= 3
                && primary.chars().all(|c| c.is_ascii_alphabetic()))
            .then_some(primary)
        });
    // The canonical link resolved against the page address; og:url when
    // there is no usable link.
    // A relative link on a page read from disk resolves against og:url.
    let og_url = meta_content(metas, &["og:url"]).and_then(|c| urls::resolve(url, &c));
    let canonical = sc
        .canonical
        .as_deref()
        .and_then(|c| urls::resolve(url.or(og_url.as_deref()), c))
        .or(og_url);
    let title = choose_title(&sc, &ld, url);
    // Declared sections first, then a breadcrumb trail, then the path.
    let section = meta_content(metas, &["article:section"])
        .or_else(|| ld.section.clone())
        .or_else(|| {
            let trail = if ld.breadcrumb.is_empty() {
                html_breadcrumb(doc)
            } else {
                ld.breadcrumb.clone()
            };
            let site = meta_content(metas, &["og:site_name", "application-name"]);
            breadcrumb_section(
                &trail,
                title.as_deref(),
                &SiteNames::new(site.as_deref(), url),
            )
        })
        .or_else(|| {
            canonical
                .as_deref()
                .or(url)
                .and_then(urls::section_from_url)
        })
        .filter(|s| s.chars().count() <= 80);
    PageMeta {
        title,
        authors: choose_authors(doc, metas, &ld),
        date: choose_date(doc, metas, &ld, url),
        tags,
        language,
        canonical,
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree walks do not recurse: a tree far deeper than the nesting
    /// cap allows renders on a thread with a 128 KiB stack (the recursive
    /// walk overflowed it).
    #[test]
    fn deep_trees_render_without_recursion() {
        let html = format!(
            "<html><body>{}<h1>Deep <time>2020</time>title</h1><p>text</p>{}</body></html>",
            "<div><a>".repeat(2_000),
            "</a></div>".repeat(2_000)
        );
        let text = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn_scoped(s, || {
                    let doc = Document::from(html.as_str());
                    let mut blocks = Vec::new();
                    let mut ctx = Ctx::default();
                    render(&doc.root(), &mut blocks, &mut ctx);
                    ctx.flush(&mut blocks);
                    let h1 = doc.select("h1").nodes().first().map(heading_text);
                    (blocks, h1)
                })
                .unwrap()
                .join()
                .unwrap()
        });
        let (blocks, h1) = text;
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Deep 2020title", "text"]);
        assert_eq!(blocks[0].kind, Kind::Heading);
        assert_eq!(blocks[1].kind, Kind::Para);
        assert!(blocks[1].link_chars > 0, "inside the links");
        assert_eq!(h1.as_deref(), Some("Deep  title"));
    }

    #[test]
    fn unescape_is_safe_on_multibyte_text() {
        assert_eq!(unescape("a &amp; b &#8211; c &#x2019;"), "a & b – c ’");
        assert_eq!(unescape("&ééééééé; &"), "&ééééééé; &");
    }

    #[test]
    fn headline_without_kicker() {
        assert_eq!(
            main_title("Gym Workouts for Beginners — Strength Training".into()),
            "Gym Workouts for Beginners"
        );
        assert_eq!(
            main_title("I Tried It — and It Works Well".into()),
            "I Tried It — and It Works Well"
        );
        assert_eq!(
            strip_site(
                "Ministers meet in Geneva | Example News",
                &SiteNames::default()
            ),
            "Ministers meet in Geneva"
        );
    }
}
