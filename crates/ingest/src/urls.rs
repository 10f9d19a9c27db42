//! Small URL helpers for metadata: resolving a canonical link against the
//! page address, and reading a site section from a URL path.

/// The `scheme://host[:port]` part of an absolute http(s) URL.
fn origin(url: &str) -> Option<&str> {
    let rest_at = url.find("://")? + 3;
    let scheme = &url[..rest_at - 3];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let end = url[rest_at..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| rest_at + i);
    (end > rest_at).then(|| &url[..end])
}

/// Resolves `href` (absolute, scheme-relative, root-relative or relative)
/// against the page address `base`. `None` when `href` is empty, not an
/// http(s) address, or relative with no absolute base to resolve it on.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.contains(char::is_whitespace) {
        return None;
    }
    if origin(href).is_some() {
        return Some(href.to_string());
    }
    if href.contains("://") || href.starts_with("javascript:") || href.starts_with("mailto:") {
        return None;
    }
    let base = base?;
    let base_origin = origin(base)?;
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = &base[..base.find("://")?];
        return Some(format!("{scheme}://{rest}"));
    }
    if href.starts_with('/') {
        return Some(format!("{base_origin}{href}"));
    }
    // Relative to the base's directory (query and fragment dropped).
    let path = base[base_origin.len()..]
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    let mut segs: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let (rel, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, seg) in parts.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                segs.pop();
            }
            "" if i + 1 < parts.len() => {}
            s => segs.push(s),
        }
    }
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("/..");
    let mut out = format!("{base_origin}/{}", segs.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out.push_str(tail);
    Some(out)
}

/// Path segments that say what kind of page this is, not which section
/// of the site it belongs to.
const GENERIC_SEGMENTS: &[&str] = &[
    "article",
    "articles",
    "story",
    "stories",
    "news",
    "post",
    "posts",
    "p",
    "blog",
    "blogs",
    "content",
    "item",
    "items",
    "page",
    "pages",
    "amp",
    "index",
    "entry",
    "entries",
    "a",
    "s",
    "doc",
    "docs",
    "archive",
    "archives",
    "read",
    "view",
    "detail",
    "details",
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "ar",
    "zh",
    "ja",
    "uk",
    "us",
    "www",
    "web",
    "media",
    "id",
    "node",
    "html",
    "local",
    "live",
    "video",
    "videos",
    "gallery",
    "galleries",
    "print",
    "home",
    "tag",
    "tags",
    "category",
    "categories",
    "topic",
    "topics",
    "section",
    "sections",
    "eng",
];

/// A locale segment: `en`, `pt-br`, `en_us`.
fn is_locale(seg: &str) -> bool {
    let b = seg.as_bytes();
    let alpha2 = |s: &[u8]| s.len() == 2 && s.iter().all(u8::is_ascii_lowercase);
    alpha2(b) || (b.len() == 5 && matches!(b[2], b'-' | b'_') && alpha2(&b[..2]) && alpha2(&b[3..]))
}

/// A section read from a URL path when the path makes it clear: the first
/// segment that is a plain word (letters, at most two hyphens, not a date,
/// number, file name or generic word such as `news` or `article`) and is
/// followed by more path (the article's own slug). `https://x.com/world/
/// 2024/05/01/talks-resume` gives `world`; `https://x.com/talks-resume`
/// gives nothing.
pub fn section_from_url(url: &str) -> Option<String> {
    let o = origin(url)?;
    let path = url[o.len()..].split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, seg) in segs.iter().enumerate() {
        if i + 1 >= segs.len() {
            break;
        }
        let lower = seg.to_ascii_lowercase();
        if GENERIC_SEGMENTS.contains(&lower.as_str()) || is_locale(&lower) {
            continue;
        }
        let wordy = lower.len() >= 3
            && lower.len() <= 24
            && lower.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && lower.matches('-').count() <= 2
            && !lower.starts_with('-')
            && !lower.ends_with('-');
        // The first non-generic segment decides: a date, an id or a long
        // slug there means the path has no section.
        return wordy.then(|| lower.replace('-', " "));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let base = Some("https://example.org/news/world/a.html?x=1");
        assert_eq!(
            resolve(base, "https://other.net/b").as_deref(),
            Some("https://other.net/b")
        );
        assert_eq!(
            resolve(base, "//cdn.example.org/b").as_deref(),
            Some("https://cdn.example.org/b")
        );
        assert_eq!(
            resolve(base, "/world/b").as_deref(),
            Some("https://example.org/world/b")
        );
        assert_eq!(
            resolve(base, "b.html").as_deref(),
            Some("https://example.org/news/world/b.html")
        );
        assert_eq!(
            resolve(base, "../b.html#top").as_deref(),
            Some("https://example.org/news/b.html#top")
        );
        assert_eq!(resolve(None, "/world/b"), None);
        assert_eq!(resolve(base, ""), None);
        assert_eq!(resolve(base, "javascript:void(0)"), None);
        assert_eq!(resolve(base, "ftp://example.org/x"), None);
    }

    #[test]
    fn url_sections_only_when_clear() {
        assert_eq!(
            section_from_url("https://x.com/world/2024/05/01/talks-resume").as_deref(),
            Some("world")
        );
        assert_eq!(
            section_from_url("https://x.com/news/us-politics/talks-resume").as_deref(),
            Some("us politics")
        );
        assert_eq!(
            section_from_url("https://x.com/en-us/sport/talks-resume").as_deref(),
            Some("sport")
        );
        assert_eq!(section_from_url("https://x.com/talks-resume"), None);
        assert_eq!(section_from_url("https://x.com/2024/05/01/talks"), None);
        assert_eq!(
            section_from_url("https://x.com/news/iran-and-the-us-agree-to-resume-talks/123"),
            None
        );
        assert_eq!(section_from_url("not a url"), None);
    }
}
