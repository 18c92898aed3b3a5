//! Sitemaps (sitemaps.org 0.9): a `urlset`'s `<url>`s with `loc` and `lastmod` (and Google News'
//! `news:publication_date` and `news:title`), or a `sitemapindex` of further sitemaps. The
//! sitemaps that list only pages, categories, tags or authors (WordPress's
//! `wp-sitemap-taxonomies-*`, Yoast's `page-sitemap.xml`, Ghost's `sitemap-tags.xml`) are not
//! followed, and a urlset's section pages (Hugo's `/posts/` above `/posts/a/`) are not posts.

use std::collections::{HashMap, HashSet};

use url::Url;

use crate::warning::WarningCode;

use super::xml::{self, Element, Handler, XmlError};
use super::{is, parent, plain_title, Collector, DateOrigin, Entry};

pub(super) fn read(body: &str, collector: &mut Collector) -> Result<(), XmlError> {
    let mut reader = SitemapReader {
        collector,
        entry: None,
        sitemap: None,
        not_posts: Vec::new(),
    };
    let result = xml::read(body, &mut reader);
    let not_posts = std::mem::take(&mut reader.not_posts);
    if !not_posts.is_empty() {
        reader.collector.warn(
            WarningCode::SitemapsNotPosts,
            format!(
                "{} not read: they list pages, categories, tags or authors, not posts ({}).",
                super::plural(not_posts.len(), "sitemap", "sitemaps"),
                not_posts.join(", ")
            ),
        );
    }
    drop_section_pages(collector);
    result
}

struct SitemapReader<'a> {
    collector: &'a mut Collector,
    /// The `<url>` being read.
    entry: Option<Entry>,
    /// The `<sitemap>` being read: its `loc`.
    sitemap: Option<String>,
    /// Sub-sitemaps left out, by file name.
    not_posts: Vec<String>,
}

impl Handler for SitemapReader<'_> {
    fn start(&mut self, _path: &[String], element: &Element) {
        if is(&element.name, "url") {
            self.entry = Some(Entry::default());
        } else if is(&element.name, "sitemap") {
            self.sitemap = Some(String::new());
        }
    }

    fn end(&mut self, path: &[String], text: &str) {
        let name = path.last().map_or("", String::as_str);
        let text = text.trim();
        if is(name, "url") {
            if let Some(entry) = self.entry.take() {
                self.collector.add(entry);
            }
        } else if is(name, "sitemap") {
            if let Some(loc) = self.sitemap.take().filter(|l| !l.is_empty()) {
                match self.collector.resolve(&loc) {
                    Some(url) if lists_only_non_posts(&url) => self.not_posts.push(file_name(&url)),
                    Some(url) => self.collector.follow(url.as_str(), false),
                    None => {}
                }
            }
        } else if let Some(entry) = &mut self.entry {
            match name.to_ascii_lowercase().as_str() {
                "loc" if is(parent(path), "url") => entry.link = Some(text.to_string()),
                "lastmod" if is(parent(path), "url") => entry.date(text, DateOrigin::Modified),
                "news:publication_date" => entry.date(text, DateOrigin::Published),
                "news:title" => entry.title = plain_title(text, false),
                _ => {}
            }
        } else if let Some(sitemap) = &mut self.sitemap {
            if is(name, "loc") && is(parent(path), "sitemap") {
                *sitemap = text.to_string();
            }
        }
    }

    fn is_full(&self) -> bool {
        self.collector.is_full()
    }
}

/// Words in a sub-sitemap's file name that say it lists no posts.
const NOT_POST_SITEMAP_WORDS: &[&str] = &[
    "page",
    "pages",
    "category",
    "categories",
    "tag",
    "tags",
    "author",
    "authors",
    "user",
    "users",
    "taxonomy",
    "taxonomies",
    "archive",
    "archives",
    "format",
    "attachment",
];

fn lists_only_non_posts(url: &Url) -> bool {
    let name = file_name(url).to_ascii_lowercase();
    let stem = name.strip_suffix(".xml").unwrap_or(&name);
    stem.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| NOT_POST_SITEMAP_WORDS.contains(&word))
}

fn file_name(url: &Url) -> String {
    url.path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .unwrap_or("")
        .to_string()
}

/// Drops the urlset's section pages: an address two or more other listed addresses sit under.
/// The addresses are serialised URLs already, so host and path are read off the text.
fn drop_section_pages(collector: &mut Collector) {
    let mut children: HashMap<&str, usize> = HashMap::new();
    for found in &collector.found {
        let (origin, path) = split_address(&found.post.url);
        for (at, _) in path
            .match_indices('/')
            .filter(|(at, _)| at + 1 < path.len())
        {
            let end = origin.len() + at + 1;
            *children.entry(&found.post.url[..end]).or_default() += 1;
        }
    }
    let sections: HashSet<String> = children
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .map(|(section, _)| section.trim_end_matches('/').to_string())
        .collect();
    if sections.is_empty() {
        return;
    }
    collector.found.retain(|found| {
        let (origin, path) = split_address(&found.post.url);
        let own = &found.post.url[..origin.len() + path.len()];
        let own = own.strip_suffix('/').unwrap_or(own);
        !sections.contains(own)
    });
}

/// `https://host` and `/path` of a serialised URL (query and fragment left out).
fn split_address(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let path_at = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |at| after_scheme + at);
    let path_end = url[path_at..]
        .find(['?', '#'])
        .map_or(url.len(), |at| path_at + at);
    (&url[..path_at], &url[path_at..path_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_and_page_sitemaps_are_told_apart_from_post_sitemaps() {
        let lists = |u: &str| lists_only_non_posts(&Url::parse(u).unwrap());
        for skipped in [
            "https://b.example/wp-sitemap-taxonomies-category-1.xml",
            "https://b.example/wp-sitemap-posts-page-1.xml",
            "https://b.example/wp-sitemap-users-1.xml",
            "https://b.example/page-sitemap.xml",
            "https://b.example/post_tag-sitemap.xml",
            "https://b.example/sitemap-tags.xml",
            "https://b.example/sitemap-pages.xml",
        ] {
            assert!(lists(skipped), "{skipped}");
        }
        for kept in [
            "https://b.example/wp-sitemap-posts-post-1.xml",
            "https://b.example/post-sitemap2.xml",
            "https://b.example/sitemap-posts.xml",
            "https://b.example/sitemap.xml?page=2",
        ] {
            assert!(!lists(kept), "{kept}");
        }
    }
}
