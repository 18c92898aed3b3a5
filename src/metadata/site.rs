//! What the page says about its site: the site's name, the page's language, the feed.

use url::Url;

use super::elements::{matching, MetaTags, PageElements};
use super::fold::{collapse, same_text};
use super::jsonld::JsonLd;
use super::title::TITLE_SEPARATORS;
use crate::urls;

pub(super) fn read_site_name(meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    meta.first(&[
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
        "twitter:site",
    ])
    .filter(|name| !name.starts_with('@'))
    .or_else(|| ld.publisher_name())
    .or_else(|| {
        meta.first(&["twitter:site"])
            .map(|n| n.trim_start_matches('@').to_string())
    })
    .filter(|name| !name.is_empty())
}

/// The site's name when no meta tag gives it: what `<title>` adds to the post's title
/// ("Allotment Notes: Saving seeds", "Saving seeds · Marginalia"), else the home link's text.
pub(super) fn site_from_page(elements: &PageElements, title: Option<&str>) -> Option<String> {
    let usable = |name: &str| {
        let name = collapse(name);
        let words = name.split_whitespace().count();
        let generic = ["home", "accueil", "inicio", "startseite", "blog"];
        ((1..=6).contains(&words) && !generic.contains(&name.to_lowercase().as_str()))
            .then_some(name)
    };
    let title_tag = matching(&elements.titles, "head title")
        .first()
        .map(|t| collapse(&t.text()))
        .unwrap_or_default();
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        for sep in TITLE_SEPARATORS {
            let splits = [title_tag.rsplit_once(sep), title_tag.split_once(sep)];
            for (head, tail) in splits.into_iter().flatten() {
                if same_text(head, title) {
                    if let Some(name) = usable(tail) {
                        return Some(name);
                    }
                }
                if same_text(tail, title) {
                    if let Some(name) = usable(head) {
                        return Some(name);
                    }
                }
            }
        }
    }
    elements
        .anchors_within("a[rel~='home']", 2, |name, _| name == "rel")
        .iter()
        .take(5)
        .find_map(|a| usable(&a.text()))
}

pub(super) fn read_language(elements: &PageElements, meta: &MetaTags) -> Option<String> {
    matching(&elements.roots, "html[lang]")
        .first()
        .and_then(|html| html.attr("lang"))
        .map(|l| l.trim().to_string())
        .or_else(|| meta.first(&["og:locale", "content-language", "language", "dc.language"]))
        .map(|l| l.replace('_', "-"))
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

pub(super) fn read_feed(elements: &PageElements, base: Option<&Url>) -> Option<Url> {
    matching(&elements.links, "link[rel~='alternate'][href]")
        .iter()
        .filter(|link| {
            link.attr("type").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("rss") || t.contains("atom")
            })
        })
        .find_map(|link| {
            link.attr("href")
                .and_then(|href| urls::resolve(base, &href))
        })
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::{meta, HEAD_WITH_IMAGE_SITE_AND_FEED, LOCALE_AND_ARTICLE_IMAGE};
    use url::Url;

    #[test]
    fn site_name_from_title_or_home_link_when_undeclared() {
        let m = meta(
            "<head><title>Allotment Notes: Saving tomato seeds</title></head>\
             <body><h1>Saving tomato seeds</h1></body>",
        );
        assert_eq!(m.site_name.as_deref(), Some("Allotment Notes"));
        let m =
            meta("<body><p class='site-title'><a href='/' rel='home'>Slow Rails</a></p></body>");
        assert_eq!(m.site_name.as_deref(), Some("Slow Rails"));
    }

    #[test]
    fn site_language_feed() {
        let m = meta(HEAD_WITH_IMAGE_SITE_AND_FEED);
        assert_eq!(m.site_name.as_deref(), Some("Le Blog"));
        assert_eq!(m.language.as_deref(), Some("fr-CA"));
        assert_eq!(
            m.feed_url.as_ref().map(Url::as_str),
            Some("https://blog.example/feed.atom")
        );
        let m = meta(LOCALE_AND_ARTICLE_IMAGE);
        assert_eq!(m.language.as_deref(), Some("en-US"));
    }
}
