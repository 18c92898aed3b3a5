//! The publication date: JSON-LD, meta tags, microdata, `<time>`, the URL path, a visible date;
//! and whether a short text is only a dateline.

use dom_query::Document;
use url::Url;

use super::date;
use super::elements::{matching, MetaTags, PageElements};
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

pub(super) fn read_published(
    doc: &Document,
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    page_url: Option<&Url>,
) -> Option<String> {
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
    // When the file was created is a weaker hint than any declared publication date.
    if let Some(found) = from_ld(&["dateCreated", "uploadDate"]) {
        return Some(found);
    }
    // Microdata and <time> elements: the publication time first, then any dated time.
    for signal in 0..3 {
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
    visible_date(doc)
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
}
