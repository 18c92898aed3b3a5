//! The author's name: JSON-LD, meta tags, bylines, a "By …" line; publishers' names last.

use std::cell::OnceCell;

use dom_query::{Document, NodeRef};

use super::date;
use super::elements::{matching, MetaTags, PageElements};
use super::fold::{collapse, fold_alnum};
use super::jsonld::JsonLd;

/// Keys of meta tags holding the author's name.
const AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "og:article:author",
    "article:author_name",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "sailthru.byline_name",
    "qc:author",
    "twitter:creator",
];

/// Selectors of visible bylines, most specific first.
const BYLINE_SELECTORS: &[&str] = &[
    "[itemprop~='author'] [itemprop~='name']",
    "[itemprop~='author']",
    "a[rel~='author']",
    "[rel~='sioc:has_creator']",
    ".byline .author-name, .byline [class*='author'], .byline a[href*='/author']",
    "[class*='byline'] a[href*='/author'], [class*='byline'] a[href*='/people'], [class*='byline'] a[href*='/staff']",
    ".author-name, .author_name, .authorname, .post-author-name, .entry-author-name, .article-author-name",
    "[class*='author-name' i], [class*='authorname' i], [class*='author_name' i], [class*='writer-name' i], [class*='writername' i]",
    ".author .fn, .vcard .fn, .p-author, .h-card .p-name",
    "[class*='author'] a[href*='/author'], [class*='author'] a[href*='/people/']",
    ".byline, .by-line, .article-byline, .post-byline, .entry-byline, [class*='Byline']",
    ".author, .post-author, .entry-author, .article-author, [data-testid*='author' i]",
    "[class*='authors' i], [class*='byline' i]",
];

/// The elements any of [`BYLINE_SELECTORS`] could select, in document order: each of those
/// selectors asks its subject for a `class`, `itemprop`, `rel`, `href` or `data-testid` holding
/// one of these words (in any case), so the selector engine (up to 13 lists, ~40 selectors) runs
/// only on elements that have one, not on every element of the page.
fn byline_candidates(doc: &Document) -> Vec<NodeRef<'_>> {
    const WORDS: &[&str] = &[
        "author", "name", "creator", "people", "staff", "writer", "fn", "byline", "by-line",
    ];
    let finders: Vec<memchr::memmem::Finder> =
        WORDS.iter().map(memchr::memmem::Finder::new).collect();
    let mut lower = Vec::new();
    doc.root()
        .descendants_it()
        .filter(|node| {
            node.element_ref().is_some_and(|element| {
                element.attrs.iter().any(|attr| {
                    if !matches!(
                        &*attr.name.local,
                        "class" | "itemprop" | "rel" | "href" | "data-testid"
                    ) {
                        return false;
                    }
                    lower.clear();
                    lower.extend(attr.value.bytes().map(|b| b.to_ascii_lowercase()));
                    finders.iter().any(|finder| finder.find(&lower).is_some())
                })
            })
        })
        .collect()
}

/// Link texts and labels that sit where a byline would but are not names.
const NOT_A_NAME: &[&str] = &[
    "search for",
    "view profile",
    "view all",
    "all posts",
    "more by",
    "more from",
    "posts by",
    "follow",
    "contact",
    "kontakt",
    "subscribe",
    "about the author",
    "author",
    "admin",
    "editor's note",
];

pub(super) fn read_author(
    doc: &Document,
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
) -> Option<String> {
    // Publishers often fill the author fields with their own name; on a personal blog the site's
    // name is the author's. So an organisation's name is taken only when nothing else is found.
    let organisations: Vec<String> = [
        site_name.map(str::to_string),
        ld.publisher_name(),
        meta.first(&[
            "copyright",
            "article:publisher",
            "publisher",
            "dc.publisher",
        ]),
    ]
    .into_iter()
    .flatten()
    .map(|n| fold_alnum(&n))
    .filter(|n| n.len() >= 3)
    .collect();
    let is_organisation = |name: &str| {
        let name = fold_alnum(name);
        organisations
            .iter()
            .any(|org| name == *org || name.contains(org.as_str()) || org.contains(name.as_str()))
    };
    let mut fallback = None;
    let bylines = OnceCell::new();
    for candidate in author_candidates(doc, elements, &bylines, meta, ld) {
        if !is_organisation(&candidate) {
            return Some(candidate);
        }
        fallback.get_or_insert(candidate);
    }
    fallback
}

/// Every author name the page offers, strongest signal first (lazily: most pages stop early).
fn author_candidates<'a>(
    doc: &'a Document,
    elements: &'a PageElements,
    bylines: &'a OnceCell<Vec<NodeRef<'a>>>,
    meta: &'a MetaTags,
    ld: &'a JsonLd,
) -> impl Iterator<Item = String> + 'a {
    let from_ld =
        std::iter::once_with(|| ld.article_authors().and_then(|n| clean_author(&n))).flatten();
    let from_meta = AUTHOR_KEYS.iter().flat_map(move |key| {
        meta.all(key)
            .filter(move |v| !(*key == "twitter:creator" && v.starts_with('@')))
            .filter_map(clean_author)
    });
    let from_markup = BYLINE_SELECTORS.iter().flat_map(move |selector| {
        matching(bylines.get_or_init(|| byline_candidates(doc)), selector)
            .iter()
            .take(5)
            .filter_map(|node| {
                let text = node
                    .attr("content")
                    .or_else(|| node.attr("value"))
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| node.text().to_string());
                clean_author(&text)
            })
            .collect::<Vec<_>>()
    });
    let from_link = std::iter::once_with(move || {
        matching(&elements.links, "link[rel~='author'][title]")
            .first()
            .and_then(|link| link.attr("title"))
            .and_then(|t| clean_author(&t))
    })
    .flatten();
    // A short "By Jane Doe" line near the top of the post, whatever its class.
    let from_text = std::iter::once_with(move || {
        doc.select("article p, main p, article div, main div, [role='main'] p")
            .nodes()
            .iter()
            .take(60)
            .filter(|n| n.has_name("p") || n.element_children().len() <= 2)
            .find_map(|n| {
                let text = collapse(&n.text());
                let by = text
                    .strip_prefix("By ")
                    .or_else(|| text.strip_prefix("by "))?;
                (by.split_whitespace().count() <= 5)
                    .then(|| clean_author(&text))
                    .flatten()
            })
    })
    .flatten();
    from_ld
        .chain(from_meta)
        .chain(from_markup)
        .chain(from_link)
        .chain(from_text)
        .take(12)
}

/// A byline found in the article's text (by the extractor), cleaned like any other.
pub fn clean_byline(raw: &str) -> Option<String> {
    clean_author(raw)
}

/// Cleans a byline: drops "By", URLs, e-mail addresses, trailing dates and roles; refuses
/// anything that does not look like a name (too long, or only punctuation).
fn clean_author(raw: &str) -> Option<String> {
    let mut text = collapse(raw);
    if text.contains("://") || text.starts_with("www.") {
        // A profile URL is not a name.
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| !w.contains("://") && !w.starts_with("www."))
            .collect();
        text = words.join(" ");
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !(w.contains('@') && w.contains('.')))
        .collect();
    text = words.join(" ");
    for prefix in [
        "written by",
        "posted by",
        "published by",
        "words by",
        "story by",
        "by:",
        "by",
        "par",
        "von",
        "por",
        "di",
        "door",
        "author:",
        "autor:",
        "auteur :",
        "著者：",
    ] {
        if text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
            && text[..prefix.len()].eq_ignore_ascii_case(prefix)
            && (prefix.ends_with(':')
                || prefix.ends_with('：')
                || text[prefix.len()..].starts_with(' '))
        {
            text = text[prefix.len()..].trim().to_string();
            break;
        }
    }
    // "Jane Doe | March 3, 2019", "Jane Doe, Staff Writer" keep the name part only when
    // what follows is a date or a role, not another author.
    for sep in [" | ", " · ", " - ", " — ", "\u{2022}"] {
        if let Some((name, rest)) = text.split_once(sep) {
            if date::parse_text(rest).is_some() || rest.split_whitespace().count() > 4 {
                text = name.trim().to_string();
            }
        }
    }
    // "Jane Doe, December 16th 2016" / "Jane Doe on March 3, 2019": a date after a comma or
    // "on" goes (a comma alone may separate co-authors, so only a date is cut).
    for sep in [", ", " on ", " at "] {
        if let Some((name, rest)) = text.split_once(sep) {
            if date::parse_text(rest).is_some() && date::parse_text(name).is_none() {
                text = name.trim().to_string();
            }
        }
    }
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '-' | '·' | ':'));
    let lower = text.to_lowercase();
    if NOT_A_NAME
        .iter()
        .any(|junk| lower.starts_with(junk) || lower == *junk)
    {
        return None;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let words = text.split_whitespace().count();
    if letters < 2 || words > 12 || text.chars().count() > 100 || date::parse_text(text).is_some() {
        return None;
    }
    // "Gillman, Steve" (catalogue order) → "Steve Gillman"; "Ann Lee, Bo Chan" stays.
    if let Some((last, first)) = text.split_once(", ") {
        if !last.contains(' ')
            && !first.contains(' ')
            && !first.contains(',')
            && first.chars().count() > 2
        {
            return Some(format!("{first} {last}"));
        }
    }
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::tests::meta;

    #[test]
    fn author_from_json_ld_then_meta_then_byline() {
        let m = meta(
            "<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\
             \"author\":{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"}}</script>\
             <meta name='author' content='Someone Else'>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        let m = meta("<meta name='author' content='Ana Ruiz'>");
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        let m = meta(
            "<body><div class='byline'>By <a href='/author/ana/' rel='author'>Ana Ruiz</a></div></body>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn author_skips_urls_emails_and_the_publisher() {
        let m = meta(
            "<meta property='article:author' content='https://facebook.com/ana'>\
             <meta name='author' content='Daily News'>\
             <meta property='og:site_name' content='Daily News'>\
             <p class='byline'>By Ana Ruiz (ana@daily.example)</p>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        // On a personal blog the author is the site: then it is the answer.
        let m = meta(
            "<meta name='author' content='Mattias Geniar'>\
             <meta property='og:site_name' content='Mattias Geniar'>",
        );
        assert_eq!(m.author.as_deref(), Some("Mattias Geniar"));
    }

    #[test]
    fn author_cleaning() {
        assert_eq!(
            clean_author("  By   Jane Doe ").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Written by Jane Doe | March 3, 2019").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Gillman, Steve").as_deref(),
            Some("Steve Gillman")
        );
        assert_eq!(clean_author("Oct 13, 2016"), None);
        assert_eq!(clean_author("https://example.com/author/x"), None);
    }

    #[test]
    fn author_from_a_plain_by_line() {
        let m = meta("<article><h1>T</h1><p class='tracked'>By <strong>Liam O'Connell</strong></p></article>");
        assert_eq!(m.author.as_deref(), Some("Liam O'Connell"));
    }
}
