//! The canonical URL and the signal it came from, and the document's `<base href>`.

use serde::{Deserialize, Serialize};
use url::Url;

use super::elements::{matching, PageElements};
use crate::urls;

/// The canonical URL and the signal it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical URL, absolute.
    pub url: Url,
    /// The signal that gave it.
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

/// The document's base URL: `<base href>` resolved against the page's address.
pub(super) fn link_base(elements: &PageElements, page_url: Option<&Url>) -> Option<Url> {
    let href = matching(&elements.bases, "base[href]")
        .first()?
        .attr("href")?;
    urls::resolve(page_url, &href)
}

pub(super) fn read_canonical(
    elements: &PageElements,
    base: Option<&Url>,
    page_url: Option<&Url>,
) -> Option<Canonical> {
    let link = matching(&elements.links, "link[rel~='canonical'][href]")
        .first()
        .and_then(|link| link.attr("href"))
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = link {
        return Some(Canonical {
            url,
            source: CanonicalSource::LinkRelCanonical,
        });
    }
    let og = matching(&elements.metas, "meta[property='og:url']")
        .iter()
        .find_map(|m| m.attr("content").or_else(|| m.attr("value")))
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = og {
        return Some(Canonical {
            url,
            source: CanonicalSource::OgUrl,
        });
    }
    page_url.map(|page| Canonical {
        url: urls::without_tracking(page),
        source: CanonicalSource::PageUrl,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::tests::meta;

    #[test]
    fn canonical_link_then_og_url_then_clean_page_url() {
        let m = meta("<link rel='canonical' href='/2021/07/09/my-post/'><meta property='og:url' content='https://other.example/'>");
        let c = m.canonical.unwrap();
        assert_eq!(c.url.as_str(), "https://blog.example/2021/07/09/my-post/");
        assert_eq!(c.source, CanonicalSource::LinkRelCanonical);
        let m = meta("<meta property='og:url' content='https://blog.example/p/'>");
        assert_eq!(m.canonical.unwrap().source, CanonicalSource::OgUrl);
        let c = meta("<p>x</p>").canonical.unwrap();
        assert_eq!(c.url.as_str(), "https://blog.example/2021/07/09/my-post/");
        assert_eq!(c.source, CanonicalSource::PageUrl);
    }

    #[test]
    fn relative_urls_resolve_against_base_href() {
        let m = meta(
            "<head><base href='https://cdn.blog.example/assets/'>\
             <link rel='canonical' href='../posts/one/'><meta property='og:image' content='cover.png'></head>",
        );
        assert_eq!(
            m.canonical.unwrap().url.as_str(),
            "https://cdn.blog.example/posts/one/"
        );
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://cdn.blog.example/assets/cover.png")
        );
    }
}
