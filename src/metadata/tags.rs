//! The post's tags: `article:tag`, JSON-LD keywords, the tag links the platform marks, meta
//! keywords only when nothing else.

use dom_query::NodeRef;

use super::elements::{MetaTags, PageElements};
use super::fold::collapse;
use super::jsonld::JsonLd;

pub(super) fn read_tags(elements: &PageElements, meta: &MetaTags, ld: &JsonLd) -> Vec<String> {
    let mut tags = TagList::default();
    for value in meta.all("article:tag") {
        tags.extend_split(value, false);
    }
    for keywords in ld.article_keywords() {
        tags.extend_split(&keywords, true);
    }
    // Links the platform marks as the post's tags: rel=tag and the class names of WordPress,
    // Blogger, Hugo/Jekyll themes, dev.to, Squarespace and Wix. Trusted wherever they are.
    let marked = elements.anchors_within(
        "a[rel~='tag'], a.crayons-tag, a.blog-item-tag, a[data-hook='tag']",
        0,
        |name, _| matches!(name, "rel" | "class" | "data-hook"),
    );
    for node in marked.iter().take(60) {
        tags.push(&node.text());
    }
    // Taxonomy URLs (`/tag/x/`, `/categories/x/`, `?tag=x`) count outside site navigation only.
    let by_address = elements.anchors_within(
        "a[href*='/tag/'], a[href*='/tags/'], a[href*='/category/'], a[href*='/categories/'], \
         a[href*='/label/'], a[href*='/topics/'], a[href*='?tag='], a[href*='?category=']",
        1,
        |name, value| name == "href" && may_be_taxonomy_address(value),
    );
    for node in by_address.iter().take(60) {
        if !in_navigation(node) {
            tags.push(&node.text());
        }
    }
    // Meta keywords are the weakest signal (often site-wide SEO words): only when nothing else.
    if tags.0.is_empty() {
        for key in ["keywords", "news_keywords"] {
            for value in meta.all(key) {
                tags.extend_split(value, true);
            }
        }
    }
    tags.0
}

/// Whether `href` may hold one of the taxonomy patterns above (`/tag/`, `/tags/`, `/category/`,
/// `/categories/`, `/label/`, `/topics/`, `?tag=`, `?category=`): one pass over its `/` and `?`
/// instead of eight substring searches per link.
fn may_be_taxonomy_address(href: &str) -> bool {
    href.match_indices(['/', '?']).any(|(i, separator)| {
        let rest = &href[i + 1..];
        if separator == "/" {
            ["tag", "categor", "label/", "topics/"]
                .iter()
                .any(|p| rest.starts_with(p))
        } else {
            rest.starts_with("tag=") || rest.starts_with("category=")
        }
    })
}

/// Tags deduplicated case-insensitively, in order of discovery.
#[derive(Default)]
struct TagList(Vec<String>);

impl TagList {
    fn push(&mut self, raw: &str) {
        let tag = collapse(raw).trim_start_matches('#').trim().to_string();
        // WordPress's default category says nothing about the post.
        const DEFAULT_CATEGORIES: &[&str] = &[
            "uncategorized",
            "uncategorised",
            "non classé",
            "sin categoría",
            "senza categoria",
            "sem categoria",
            "allgemein",
            "geen categorie",
        ];
        if DEFAULT_CATEGORIES.contains(&tag.to_lowercase().as_str()) {
            return;
        }
        // Machine tokens ("@post-id:1913719", "channel_other") and entity debris are not tags.
        if tag.contains(['@', ':', '=', '_', '{', '}', '<', '>', '&', '|']) {
            return;
        }
        let chars = tag.chars().count();
        if !(2..=40).contains(&chars) || tag.split_whitespace().count() > 4 || self.0.len() >= 20 {
            return;
        }
        let folded = tag.to_lowercase();
        if !self.0.iter().any(|t| t.to_lowercase() == folded) {
            self.0.push(tag);
        }
    }

    fn extend_split(&mut self, raw: &str, split: bool) {
        if split {
            for part in raw.split([',', ';']) {
                self.push(part);
            }
        } else {
            self.push(raw);
        }
    }
}

/// Links in site navigation, headers and footers are the site's sections, not the post's tags.
fn in_navigation(node: &NodeRef) -> bool {
    node.ancestors_it(Some(12)).any(|a| {
        a.has_name("nav")
            || a.has_name("header") && !a.ancestors_it(Some(12)).any(|x| x.has_name("article"))
            || a.has_name("footer") && !a.ancestors_it(Some(12)).any(|x| x.has_name("article"))
            || a.attr("role").is_some_and(|r| r.as_ref() == "navigation")
            || a.attr("class").is_some_and(|c| {
                // Whole class names only: Blogger wraps the post itself in "widget Blog", while
                // WordPress sidebars are "widget_categories", Blogger's are "widget Label".
                c.split_whitespace().any(|token| {
                    let token = token.to_ascii_lowercase();
                    let sidebar_widget = token.starts_with("widget_")
                        || token.starts_with("widget-")
                        || matches!(token.as_str(), "label" | "blogarchive" | "popularposts");
                    sidebar_widget
                        || [
                            "menu",
                            "nav",
                            "navbar",
                            "navigation",
                            "sidebar",
                            "site-header",
                            "site-footer",
                        ]
                        .iter()
                        .any(|m| {
                            token == *m
                                || token
                                    .strip_prefix(m)
                                    .is_some_and(|rest| rest.starts_with('-'))
                                || token
                                    .strip_suffix(m)
                                    .is_some_and(|rest| rest.ends_with('-'))
                        })
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::meta;

    #[test]
    fn tags_from_every_platform_deduplicated() {
        let m = meta(
            "<meta property='article:tag' content='Rust'>\
             <script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"keywords\":\"rust, WebAssembly\"}</script>\
             <nav><a href='/tag/home/'>Home</a></nav>\
             <div class='post-labels'>Labels: <a href='https://x.blogspot.com/search/label/Travel'>Travel</a></div>\
             <span class='cat-links'><a href='/category/notes/' rel='category tag'>Notes</a></span>\
             <a href='/tags/hugo/'>hugo</a>\
             <meta name='keywords' content='rust, extra'>",
        );
        // Meta keywords ("extra") count only when the page marks no tags at all.
        assert_eq!(m.tags, ["Rust", "WebAssembly", "Travel", "Notes", "hugo"]);
    }
}
