//! The publication date: JSON-LD, meta tags, microdata, `<time>`, the URL path, a visible date;
//! and whether a short text is only a dateline.

use std::cell::OnceCell;

use dom_query::{Document, NodeRef};
use url::Url;

use super::date;
use super::elements::{matching, MetaTags, PageElements};
use super::fold::{collapse, fold_alnum};
use super::jsonld::JsonLd;

/// Keys of meta tags holding the publication date, strongest first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "published",
    "publish-date",
    "publishdate",
    "pubdate",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dc:date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.published",
    "og:published_time",
    "original-publish-date",
    "citation_publication_date",
    "citation_date",
    "weibo:article:create_at",
    "release_date",
];

/// Endings of other meta keys that name the publication day.
const PUBLISHED_SUFFIXES: &[&str] = &[
    "published-date",
    "published_date",
    "publish-date",
    "publish_date",
    "publication-date",
    "publication_date",
];

pub(super) fn read_published(
    doc: &Document,
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    page_url: Option<&Url>,
    title: Option<&str>,
) -> Option<String> {
    // Walking the page for the headline's dates is only needed once the machine dates fail.
    let shown = OnceCell::new();
    let shown = || shown.get_or_init(|| headline_dates(doc, title));
    let from_ld = |keys: &[&str]| ld.article_str(keys).and_then(|d| date::parse_machine(&d));
    if let Some(found) = from_ld(&["datePublished"]) {
        return Some(found);
    }
    if let Some(found) = PUBLISHED_KEYS
        .iter()
        .flat_map(|key| meta.all(key))
        .find_map(date::parse_machine)
    {
        return Some(found);
    }
    // Vendor-prefixed keys ("w-published-date", "article-publish-date").
    if let Some(found) = meta
        .keyed(|key| {
            PUBLISHED_SUFFIXES
                .iter()
                .any(|suffix| key.ends_with(suffix))
        })
        .find_map(date::parse_machine)
    {
        return Some(found);
    }
    // When the file was created is a weaker hint than any declared publication date.
    if let Some(found) = from_ld(&["dateCreated", "uploadDate"]) {
        return Some(found);
    }
    // SEO plugins date the `WebPage` when they declare no article.
    if let Some(found) = ld
        .any_str(&["datePublished"])
        .and_then(|d| date::parse_machine(&d))
    {
        return Some(found);
    }
    // Microdata and <time> elements: the publication time first, then the date shown beside
    // the headline, then any dated time.
    for signal in 0..3 {
        if signal == 2 {
            if let Some(date) = shown().iter().find(|d| !d.updated) {
                return Some(date.iso.clone());
            }
        }
        let nodes = match signal {
            0 => doc.select("[itemprop~='datePublished']").nodes().to_vec(),
            1 => matching(&elements.times, "time[pubdate], time[class*='publish'], time[class*='posted'], time[class*='entry-date'], .published time, .posted-on time, .entry-date time"),
            _ => matching(&elements.times, "time[datetime]"),
        };
        for node in nodes.iter().take(5) {
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .or_else(|| node.attr("value"));
            let found = value
                .and_then(|v| date::parse_machine(&v))
                .or_else(|| date::parse_text(&node.text()));
            if found.is_some() {
                return found;
            }
        }
    }
    if let Some(found) = page_url.and_then(|u| date::from_url_path(u.path())) {
        return Some(found);
    }
    // Only an update shown beside the headline ("Updated May 6, 2025"), and no other date on
    // the page: the nearest to the post's own.
    visible_date(doc).or_else(|| shown().first().map(|d| d.iso.clone()))
}

/// How much text a date may stand after the headline and still be the post's (a byline, a
/// dek), not a comment's or a related post's.
const HEADLINE_ZONE_AFTER: usize = 600;
/// The same before the headline (a category-and-date line above it).
const HEADLINE_ZONE_BEFORE: usize = 200;

/// Labels of a last-update date.
const UPDATED_WORDS: &[&str] = &[
    "updated",
    "modified",
    "aktualisiert",
    "mis à jour",
    "actualizado",
];

/// A date the page shows beside the post's headline.
#[derive(Debug, Clone, PartialEq)]
struct ShownDate {
    iso: String,
    /// Labelled as the last update ("Updated May 6, 2025"), not the publication.
    updated: bool,
}

/// The dates shown beside the headline (the `<h1>`/`<h2>` naming the title, else the first
/// `<h1>`), nearest first: `<time>` elements and short texts that are only a date.
fn headline_dates(doc: &Document, title: Option<&str>) -> Vec<ShownDate> {
    let nodes: Vec<NodeRef> = doc.root().descendants_it().collect();
    let wanted = title.map(fold_alnum).filter(|t| t.chars().count() >= 5);
    let headings: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.has_name("h1") || n.has_name("h2"))
        .map(|(i, _)| i)
        .take(30)
        .collect();
    let named = |i: &usize| {
        let text = fold_alnum(&nodes[*i].text());
        wanted.as_ref().is_some_and(|w| {
            !text.is_empty()
                && (text == *w || text.contains(w.as_str()) && w.len() * 5 >= text.len() * 3)
        })
    };
    let Some(at) = headings
        .iter()
        .copied()
        .find(|i| named(i))
        .or_else(|| headings.iter().copied().find(|i| nodes[*i].has_name("h1")))
    else {
        return Vec::new();
    };
    let inside = nodes[at].descendants_it().count();
    let mut shown = Vec::new();
    let mut read = 0;
    for node in nodes.get(at + 1 + inside..).unwrap_or_default() {
        if is_read_text(node) {
            read += node.text().trim().chars().count();
            if read > HEADLINE_ZONE_AFTER {
                break;
            }
        } else if let Some(date) = shown_date(node) {
            shown.push(date);
        }
    }
    let mut read = 0;
    for node in nodes[..at].iter().rev() {
        if is_read_text(node) {
            read += node.text().trim().chars().count();
            if read > HEADLINE_ZONE_BEFORE {
                break;
            }
        } else if let Some(date) = shown_date(node) {
            shown.push(date);
        }
    }
    shown
}

/// Text a reader sees (not a script's or a style sheet's).
fn is_read_text(node: &NodeRef) -> bool {
    node.is_text()
        && !node
            .parent()
            .is_some_and(|p| p.has_name("script") || p.has_name("style") || p.has_name("template"))
}

/// The date an element shows, when it is a `<time>` or a small element whose text is only a
/// date and its label ("Published on Oct 21, 2025", "17.05.2021").
fn shown_date(node: &NodeRef) -> Option<ShownDate> {
    let small = node.descendants_it().take(8).count() < 8;
    if !node.is_element() || !small {
        return None;
    }
    let text = collapse(&node.text());
    let iso = if node.has_name("time") {
        node.attr("datetime")
            .and_then(|d| date::parse_machine(&d))
            .or_else(|| date::parse_text(&text))?
    } else if text.chars().count() <= 100
        && looks_like_dateline(&text)
        // A <time> inside says it for the machine: it is read on its own.
        && !node.descendants_it().any(|n| n.has_name("time"))
    {
        date::parse_text(&text)?
    } else {
        return None;
    };
    let lower = text.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let updated = says(UPDATED_WORDS) && !says(&["published", "posted"]);
    Some(ShownDate { iso, updated })
}

/// A date written near the byline or in the post's meta line, for pages without machine dates.
fn visible_date(doc: &Document) -> Option<String> {
    let selector =
        "time, [class*='date' i], [class*='time' i], [class*='byline' i], [class*='posted' i], \
                    [class*='publish' i], [class*='meta' i], [id*='date' i], [data-origindate]";
    doc.select(selector)
        .nodes()
        .iter()
        .filter(|node| !node.has_name("body") && !node.has_name("html"))
        .take(40)
        .find_map(|node| {
            if let Some(found) = node
                .attr("data-origindate")
                .and_then(|d| date::parse_machine(&d))
            {
                return Some(found);
            }
            let text = node.text();
            if text.chars().count() > 200 {
                return None;
            }
            date::parse_text(&text)
        })
}

/// Whether a short text is mostly a date ("Nov 20, 2019 5:52 AM EST", "Posted 2019-03-14"):
/// datelines are metadata, not article text.
pub fn looks_like_dateline(text: &str) -> bool {
    const DATELINE_WORDS: &[&str] = &[
        "am",
        "pm",
        "at",
        "on",
        "by",
        "posted",
        "published",
        "updated",
        "last",
        "modified",
        "date",
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
        "ist",
        "et",
        "pt",
        "the",
    ];
    if date::parse_text(text).is_none() {
        return false;
    }
    // What is left besides numbers, month and day names and dateline words must be tiny.
    let other: usize = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !DATELINE_WORDS.contains(&w.as_str()) && !date::is_calendar_word(w))
        .map(|w| w.chars().count())
        .sum();
    other <= 12
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::{meta, meta_of};

    #[test]
    fn published_from_every_common_signal() {
        let cases = [
            ("<meta property='article:published_time' content='2021-07-09T08:00:00+02:00'>", "2021-07-09T08:00:00+02:00"),
            ("<meta name='sailthru.date' content='2016-12-16 12:21:02'>", "2016-12-16T12:21:02"),
            ("<meta name='parsely-pub-date' content='2017-06-21T19:50:00Z'>", "2017-06-21T19:50:00Z"),
            ("<meta name='DC.date.issued' content='2016-12-22'>", "2016-12-22"),
            ("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-02T03:04:05Z\"}]}</script>", "2020-01-02T03:04:05Z"),
            ("<article><time class='entry-date published' datetime='2019-04-13T16:08:44+09:00'>April 13</time></article>", "2019-04-13T16:08:44+09:00"),
            ("<span itemprop='datePublished' content='2018-10-29'>Oct 29</span>", "2018-10-29"),
            ("<div class='post-meta'>Posted on March 14, 2019 by Ana</div>", "2019-03-14"),
        ];
        for (html, expected) in cases {
            let m = meta_of(html, "https://blog.example/post/");
            assert_eq!(m.published.as_deref(), Some(expected), "{html}");
        }
        // The URL path is the last resort.
        let m = meta("<p>no date</p>");
        assert_eq!(m.published.as_deref(), Some("2021-07-09"));
    }

    /// A page address without a date, so only the page's markup dates the post.
    const UNDATED: &str = "https://blog.example/posts/my-post/";

    #[test]
    fn published_from_json_ld_web_page_and_vendor_meta_keys() {
        let m = meta_of(
            "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebPage\",\
             \"datePublished\":\"2024-03-17T19:47:39+00:00\"}]}</script>",
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2024-03-17T19:47:39Z"));
        let m = meta_of(
            "<meta name='w-published-date' content='2025-05-27T06:03:43Z'>",
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2025-05-27T06:03:43Z"));
        let m = meta_of(
            "<meta name='citation_publication_date' content='2023 Jan 7'>",
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2023-01-07"));
    }

    #[test]
    fn published_is_the_date_beside_the_headline_not_a_listed_one() {
        let long = "Words of the post itself, plenty of them. ".repeat(20);
        // A sidebar of recent posts before the article, comments after it.
        let m = meta_of(
            &format!(
                "<head><title>Moving my blog to a static site</title></head><body>\
                 <aside><a href='/a'>Older post</a><time datetime='2019-02-01'>Feb 1</time></aside>\
                 <h1>Moving my blog to a static site</h1>\
                 <div><p class='x'>December 15, 2025</p><p>{long}</p></div>\
                 <ol><li><span>January 3, 2026</span> Great post!</li></ol></body>"
            ),
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2025-12-15"));
        // A <time> shown in the byline speaks for the machine, over its own text.
        let m = meta_of(
            "<h1>Klatch coffee and its tech stack</h1>\
             <div>Published <time datetime='2024-12-20'>August 28, 2024</time></div>",
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2024-12-20"));
    }

    #[test]
    fn a_date_far_below_the_headline_is_not_the_posts() {
        let long = "Words of the post itself, plenty of them. ".repeat(20);
        let m = meta_of(
            &format!("<h1>A post with no date</h1><p>{long}</p><p>March 3, 2024</p>"),
            UNDATED,
        );
        assert_eq!(m.published, None);
    }

    #[test]
    fn an_update_beside_the_headline_dates_the_post_only_when_nothing_else_does() {
        let byline = "<h1>The best GPS watches</h1>\
                      <div>By Ana Reyes · <span>Updated November 18, 2025</span></div>";
        let m = meta_of(byline, UNDATED);
        assert_eq!(m.published.as_deref(), Some("2025-11-18"));
        // The post's publication, in the page's history box at its end, wins.
        let long = "Words of the post itself, plenty of them. ".repeat(20);
        let m = meta_of(
            &format!(
                "{byline}<p>{long}</p><h6 class='history-date'>3 Sept 2024, first published</h6>"
            ),
            UNDATED,
        );
        assert_eq!(m.published.as_deref(), Some("2024-09-03"));
    }
}
