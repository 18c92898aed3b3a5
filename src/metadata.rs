//! The article's metadata, read from the untouched page: title, author, date, description, tags,
//! lead image, site name, language, feed and canonical URL.

use dom_query::Document;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::urls;

/// Everything we know about the article besides its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub lead_image: Option<Url>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub feed_url: Option<Url>,
    pub canonical: Option<Canonical>,
    /// The page asks search engines not to index it (`<meta name=robots content=noindex>`).
    pub noindex: bool,
}

/// The canonical URL and the signal it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub url: Url,
    pub source: CanonicalSource,
}

/// Where the canonical URL was found, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CanonicalSource {
    /// `<link rel="canonical">`
    LinkRelCanonical,
    /// `<meta property="og:url">`
    OgUrl,
    /// The page's own address, without tracking parameters and fragment.
    PageUrl,
}

/// Reads the metadata of a page.
pub fn read(doc: &Document, base: Option<&Url>) -> Metadata {
    let meta = |selector: &str| -> Option<String> {
        doc.select(selector)
            .iter()
            .filter_map(|m| m.attr("content"))
            .map(|c| collapse(&c))
            .find(|c| !c.is_empty())
    };
    let title = meta("meta[property='og:title']")
        .or_else(|| Some(collapse(&doc.select("title").text())).filter(|t| !t.is_empty()));
    let description =
        meta("meta[name='description']").or_else(|| meta("meta[property='og:description']"));
    let canonical = read_canonical(doc, base);
    Metadata {
        title,
        description,
        author: meta("meta[name='author']"),
        published: meta("meta[property='article:published_time']"),
        site_name: meta("meta[property='og:site_name']"),
        language: doc.select("html[lang]").attr("lang").map(|l| l.to_string()),
        canonical,
        ..Metadata::default()
    }
}

fn read_canonical(doc: &Document, base: Option<&Url>) -> Option<Canonical> {
    let link = doc
        .select("link[rel='canonical'][href]")
        .attr("href")
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = link {
        return Some(Canonical {
            url,
            source: CanonicalSource::LinkRelCanonical,
        });
    }
    let og = doc
        .select("meta[property='og:url'][content]")
        .attr("content")
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = og {
        return Some(Canonical {
            url,
            source: CanonicalSource::OgUrl,
        });
    }
    base.map(|page| Canonical {
        url: urls::without_tracking(page),
        source: CanonicalSource::PageUrl,
    })
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
