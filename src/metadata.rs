//! The article's metadata, read from the untouched page: title, author, date, description, tags,
//! lead image, site name, language, feed and canonical URL. Each field tries the page's signals
//! strongest first: JSON-LD, then meta tags, then microdata and visible markup.

mod author;
mod canonical;
pub(crate) mod date;
mod description;
mod elements;
mod fold;
mod jsonld;
mod lead_image;
mod published;
mod site;
mod tags;
mod title;

use dom_query::Document;
use url::Url;

use author::read_author;
use canonical::{link_base, read_canonical};
use description::read_description;
use elements::{MetaTags, PageElements};
use jsonld::JsonLd;
use lead_image::read_lead_image;
use published::read_published;
use site::{read_feed, read_language, read_site_name, site_from_page};
use tags::read_tags;
use title::read_title;

pub use author::clean_byline;
pub use canonical::{Canonical, CanonicalSource};
pub use description::first_paragraph;
pub use fold::collapse;
pub use published::looks_like_dateline;

/// Everything we know about the article besides its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// The post's title, without the site name.
    pub title: Option<String>,
    /// The author's name(s).
    pub author: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    /// The page's description (meta, og, JSON-LD): the draft's subtitle.
    pub description: Option<String>,
    /// Tags and categories, deduplicated case-insensitively, in order of discovery.
    pub tags: Vec<String>,
    /// The post's main image.
    pub lead_image: Option<Url>,
    /// The site's name.
    pub site_name: Option<String>,
    /// BCP 47 language tag (`en`, `fr-CA`).
    pub language: Option<String>,
    /// The site's RSS/Atom feed.
    pub feed_url: Option<Url>,
    /// Where the post really lives, and which signal said so.
    pub canonical: Option<Canonical>,
    /// The page asks search engines not to index it (`<meta name=robots content=noindex>`).
    pub noindex: bool,
    /// The page says it is one article (a JSON-LD `…Article`/`…Posting`, an
    /// `article:published_time`): a feed of post cards on it is then a related-posts box.
    pub declares_article: bool,
}

/// Reads the metadata of a page.
pub fn read(doc: &Document, page_url: Option<&Url>) -> Metadata {
    let elements = PageElements::collect(doc);
    let meta = MetaTags::read(&elements.metas);
    let ld = JsonLd::read_scripts(&elements.scripts);
    let site_name = read_site_name(&meta, &ld);
    // Relative URLs resolve against <base href> when the page has one.
    let document_base = link_base(&elements, page_url);
    let base = document_base.as_ref().or(page_url);
    let canonical = read_canonical(&elements, base, page_url);
    let article_url = canonical.as_ref().map(|c| &c.url).or(page_url);
    let title = read_title(&elements, &meta, &ld, site_name.as_deref(), article_url);
    let site_name = site_name.or_else(|| site_from_page(&elements, title.as_deref()));
    let published = read_published(doc, &elements, &meta, &ld, article_url, title.as_deref());
    Metadata {
        title,
        author: read_author(doc, &elements, &meta, &ld, site_name.as_deref()),
        published,
        description: read_description(&meta, &ld),
        tags: read_tags(&elements, &meta, &ld),
        lead_image: read_lead_image(&elements, &meta, &ld, base),
        site_name,
        language: read_language(&elements, &meta),
        feed_url: read_feed(&elements, base),
        noindex: read_noindex(&meta),
        declares_article: read_declares_article(&meta, &ld),
        canonical,
    }
}

/// `og:type` does not count: SEO plugins write `article` on category and tag archives too.
fn read_declares_article(meta: &MetaTags, ld: &JsonLd) -> bool {
    meta.first(&["article:published_time"]).is_some() || ld.declares_article()
}

fn read_noindex(meta: &MetaTags) -> bool {
    ["robots", "googlebot"]
        .iter()
        .flat_map(|key| meta.all(key))
        .any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("noindex") || v.split([',', ' ']).any(|d| d == "none")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn meta_of(html: &str, url: &str) -> Metadata {
        let doc = Document::from(html);
        read(&doc, Url::parse(url).ok().as_ref())
    }

    /// A head with a lead image, the site's name and its feed.
    pub(super) const HEAD_WITH_IMAGE_SITE_AND_FEED: &str =
        "<html lang='fr-CA'><head><meta property='og:image' content='/img/cover.jpg'>\
         <meta name='application-name' content='Le Blog'>\
         <link rel='alternate' type='application/atom+xml' href='/feed.atom'></head></html>";

    /// A locale in og:locale and an image only in the article.
    pub(super) const LOCALE_AND_ARTICLE_IMAGE: &str =
        "<meta property='og:locale' content='en_US'><article><img src='a.png'></article>";

    pub(super) fn meta(html: &str) -> Metadata {
        meta_of(
            html,
            "https://blog.example/2021/07/09/my-post/?utm_source=tw#top",
        )
    }

    #[test]
    fn noindex_from_robots_or_googlebot() {
        assert!(meta("<meta name='robots' content='noindex, follow'>").noindex);
        assert!(meta("<meta name='googlebot' content='none'>").noindex);
        assert!(!meta("<meta name='robots' content='index, follow'>").noindex);
    }
}
