//! The post's title: the declared title without the site name, or the headline the page shows.

use url::Url;

use super::elements::{matching, MetaTags, PageElements};
use super::fold::{collapse, fold, fold_alnum, fold_ascii, same_text};
use super::jsonld::JsonLd;

/// Keys of meta tags holding the title, strongest first.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterms:title",
    "dc.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "headline",
];

/// Separators between a title and the site name in `<title>` and `og:title`.
pub(super) const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", ": ", " / ", " ~ ", "_", "｜", " ｜ ", "：",
    " -- ",
];

pub(super) fn read_title(
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
    page_url: Option<&Url>,
) -> Option<String> {
    let first_title = |selector: &str| {
        matching(&elements.titles, selector)
            .first()
            .map(|t| collapse(&t.text()))
            .filter(|t| !t.is_empty())
    };
    let title_tag = first_title("head title").or_else(|| first_title("title"));
    let declared = ld
        .article_headline(title_tag.as_deref())
        .or_else(|| meta.first(TITLE_KEYS))
        .filter(|t| !t.is_empty());
    let headings: Vec<String> = elements
        .headings
        .iter()
        .take(8)
        .map(|h| collapse(&h.text()))
        .filter(|h| h.chars().count() >= 2)
        .collect();
    let host = page_url.and_then(|u| u.host_str()).map(site_label);
    // A site logo in an <h1> is not a headline.
    let full_host = page_url
        .and_then(|u| u.host_str())
        .map(|h| fold_ascii(h.strip_prefix("www.").unwrap_or(h)));
    let is_site = |h: &String| {
        let folded = fold_ascii(h);
        site_name.is_some_and(|s| {
            let site = fold_ascii(s);
            site == folded || h.split_whitespace().count() <= 3 && site.starts_with(&folded)
        }) || host.as_deref().is_some_and(|s| fold_ascii(s) == folded)
            || full_host.as_deref() == Some(folded.as_str())
    };
    let headings: Vec<String> = headings.into_iter().filter(|h| !is_site(h)).collect();

    // The declared title wins; a visible <h1> that it merely decorates (with the site name the
    // page does not declare) is the cleaner form of it.
    if let Some(declared) = declared {
        let stripped = strip_site_name(&declared, site_name, host.as_deref());
        // When <title> names the visible headline and the declared title differs (social-media
        // copy), the headline the page shows is the post's title.
        if let Some(title_tag) = &title_tag {
            let tag_stripped = strip_site_name(title_tag, site_name, host.as_deref());
            if let Some(h1) = headings.iter().find(|h| {
                !same_text(h, &stripped)
                    && (same_text(h, &tag_stripped)
                        || h.chars().count() >= 10 && is_title_with_suffix(title_tag, h))
            }) {
                if !same_text(title_tag, &declared) && !same_text(&tag_stripped, &stripped) {
                    return Some(h1.clone());
                }
            }
        }
        if stripped == declared {
            if let Some(h1) = headings
                .iter()
                .find(|h| h.chars().count() >= 10 && is_title_with_suffix(&declared, h))
            {
                return Some(h1.clone());
            }
        }
        return Some(stripped);
    }
    if let Some(title_tag) = title_tag {
        let stripped = strip_site_name(&title_tag, site_name, host.as_deref());
        if let Some(h1) = headings.iter().find(|h| {
            same_text(h, &stripped)
                || h.chars().count() >= 10 && is_title_with_suffix(&title_tag, h)
        }) {
            return Some(if same_text(h1, &stripped) {
                stripped
            } else {
                h1.clone()
            });
        }
        if stripped != title_tag {
            return Some(stripped);
        }
        return Some(strip_unknown_suffix(&title_tag));
    }
    headings.into_iter().next()
}

/// "A long enough post title - Whatever" → "A long enough post title": without a known site
/// name, the last separated segment goes when at least five words remain (Readability's rule).
fn strip_unknown_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " » ", " / "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.split_whitespace().count() >= 5 {
                return head.trim().to_string();
            }
            return title.to_string();
        }
    }
    title.to_string()
}

/// The meaningful label of a host: `www.theverge.com` → `theverge`.
fn site_label(host: &str) -> String {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    match parts.len() {
        0 | 1 => host.to_string(),
        n if n >= 3 && parts[n - 2].len() <= 3 => parts[n - 3].to_string(),
        n => parts[n - 2].to_string(),
    }
}

/// `title` is `heading` followed (or preceded) by a separator and something else (the site).
fn is_title_with_suffix(title: &str, heading: &str) -> bool {
    let (t, h) = (fold(title), fold(heading));
    if h.is_empty() || t == h {
        return false;
    }
    let rest = if let Some(rest) = t.strip_prefix(&h) {
        rest
    } else if let Some(rest) = t.strip_suffix(&h) {
        rest
    } else {
        return false;
    };
    let rest = rest.trim();
    TITLE_SEPARATORS
        .iter()
        .any(|sep| rest.starts_with(sep.trim()) || rest.ends_with(sep.trim()))
        && rest.chars().count() <= h.chars().count()
}

/// Removes the site name from either end of a title ("Post title | Site" → "Post title").
fn strip_site_name(title: &str, site_name: Option<&str>, host: Option<&str>) -> String {
    let title = collapse(title);
    let matches_site = |segment: &str| {
        let segment = fold_alnum(segment);
        if segment.is_empty() {
            return false;
        }
        let by_name = site_name.map(fold_alnum).is_some_and(|site| {
            !site.is_empty()
                && (segment == site || segment.contains(&site) || site.contains(&segment))
        });
        let by_host = host
            .map(fold_alnum)
            .is_some_and(|h| h.len() >= 3 && (segment == h || segment.contains(&h)));
        by_name || by_host
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && matches_site(tail) && !matches_site(head) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty() && matches_site(head) && !matches_site(tail) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::{meta, meta_of};

    #[test]
    fn title_drops_the_site_name_named_by_og_site_name() {
        let m = meta(
            "<head><meta property='og:title' content='Why I moved to Hugo | Ana Codes'>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
        // The site name first ("Site: Post") goes too.
        let m = meta(
            "<head><title>Ana Codes — Why I moved to Hugo</title>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
    }

    #[test]
    fn title_uses_the_h1_that_the_title_tag_decorates() {
        // Blogger: <title> is "Blog: Post", no og:site_name; the post's h3/h1 is the title.
        let m = meta(
            "<head><title>Kitchen Notes: Sourdough without a scale</title></head>\
             <body><h1 class='post-title'>Sourdough without a scale</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Sourdough without a scale"));
    }

    #[test]
    fn title_prefers_the_headline_when_og_is_social_copy() {
        let m = meta(
            "<head><title>Rudy Giuliani is out of the running | Daily</title>\
             <meta property='og:title' content='You will not believe who is out'></head>\
             <body><h1>Rudy Giuliani is out of the running</h1></body>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Rudy Giuliani is out of the running")
        );
    }

    #[test]
    fn title_ignores_svg_titles_and_logo_h1() {
        let m = meta_of(
            "<html><head><title>A long post title about gardens - Green</title></head><body>\
             <h1>Green</h1><svg><title>Menu icon</title></svg></body></html>",
            "https://green.example/post",
        );
        assert_eq!(m.title.as_deref(), Some("A long post title about gardens"));
    }
}
