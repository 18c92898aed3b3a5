//! Where a blog's lists of posts are, and in which order to try them: from a page of the blog
//! (its declared feeds, `<link rel="sitemap">`, the platform its markup gives away) or from the
//! blog's address alone.
//!
//! The feed comes first: one request gives the latest posts with titles, dates and tags, which
//! the list shows and the related links rank by. The sitemap comes next for the back catalogue
//! the feed has dropped (WordPress and Jekyll feeds hold the last 10 posts, Ghost 15, Substack
//! about 20, Blogger 25 a page), with only addresses and `lastmod`. Each is a group of
//! alternatives tried in order until one answers with a list: the platform's own path first
//! (Ghost's `sitemap-posts.xml` skips its page, tag and author sitemaps; Yoast replaces
//! WordPress's `wp-sitemap.xml` with `sitemap_index.xml`), then `robots.txt`'s `Sitemap:` lines,
//! which every platform here writes, then the usual names.

use dom_query::Document;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::urls;

/// What a candidate address is expected to hold; the body decides in the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// An RSS, Atom or JSON feed.
    Feed,
    /// A sitemap or sitemap index.
    Sitemap,
    /// `robots.txt`: read for its `Sitemap:` lines only.
    Robots,
}

/// The group a root candidate belongs to: within one, the first that answers with a list wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// The feeds: one request gives titles, dates and tags.
    Feed,
    /// The sitemaps: every post, without titles.
    Sitemap,
}

/// A place to try, in the order returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Where to fetch.
    pub url: Url,
    /// What it should hold.
    pub kind: SourceKind,
    /// Which group it competes in.
    pub group: Group,
}

/// The blogging platforms whose paths we know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    /// WordPress: `/feed/`, `/wp-sitemap.xml` or an SEO plugin's index.
    WordPress {
        /// Yoast SEO or Rank Math, which serve `sitemap_index.xml` instead of `wp-sitemap.xml`.
        seo_plugin: bool,
    },
    /// Blogger: `/feeds/posts/default`, `/sitemap.xml` with `?page=N` parts.
    Blogger,
    /// Ghost: `/rss/`, `/sitemap-posts.xml`.
    Ghost,
    /// Hugo: `/index.xml`, `/sitemap.xml`.
    Hugo,
    /// Jekyll: `/feed.xml`, `/sitemap.xml`.
    Jekyll,
    /// Substack: `/feed`, `/sitemap.xml`.
    Substack,
    /// dev.to: one writer's feed is `/feed/<writer>`; its sitemaps are the whole site's.
    DevTo {
        /// The writer whose page this is, when the address names one.
        writer: Option<String>,
    },
    /// Hashnode: `/rss.xml`, `/sitemap.xml`.
    Hashnode,
    /// Anything else: the usual names are tried.
    Unknown,
}

/// The candidates for the blog `page_url` belongs to, from the page's HTML.
pub fn candidates_for_page(html: &str, page_url: &Url) -> Vec<Candidate> {
    let doc = Document::from(html);
    let mut feeds = Vec::new();
    let mut sitemaps = Vec::new();
    for link in doc.select("link[rel][href]").nodes() {
        let rel = link.attr("rel").unwrap_or_default().to_ascii_lowercase();
        let Some(url) = link
            .attr("href")
            .and_then(|href| urls::resolve(Some(page_url), &href))
        else {
            continue;
        };
        let rels: Vec<&str> = rel.split_whitespace().collect();
        if rels.contains(&"sitemap") {
            sitemaps.push(url);
        } else if rels.contains(&"alternate") {
            let kind = link.attr("type").unwrap_or_default().to_ascii_lowercase();
            let title = link.attr("title").unwrap_or_default().to_lowercase();
            let is_feed = ["rss", "atom", "feed+json"]
                .iter()
                .any(|t| kind.contains(t));
            // WordPress declares its comments feed too; per-post comment feeds list no posts.
            let comments = title.contains("comment") || url.path().contains("/comments/");
            if is_feed && !comments && urls::same_site(&url, page_url) {
                feeds.push(url);
            }
        }
    }
    let generator = doc
        .select("meta[name='generator' i][content]")
        .nodes()
        .iter()
        .filter_map(|m| m.attr("content"))
        .map(|c| c.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let platform = platform_of(page_url, &generator, html);
    candidates(page_url, &platform, feeds, sitemaps)
}

/// The candidates for a blog known only by its address (the Options page).
pub fn candidates_for_site(site: &Url) -> Vec<Candidate> {
    candidates(site, &platform_of(site, "", ""), Vec::new(), Vec::new())
}

/// The platform a page's address, `<meta name=generator>` and markup give away.
pub fn platform_of(page_url: &Url, generator: &str, html: &str) -> Platform {
    let host = page_url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let html_has =
        |needle: &str| memchr::memmem::find(html.as_bytes(), needle.as_bytes()).is_some();
    if host == "dev.to" {
        let writer = page_url
            .path_segments()
            .and_then(|mut s| s.next())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        return Platform::DevTo { writer };
    }
    if host.ends_with(".blogspot.com") || generator.contains("blogger") {
        return Platform::Blogger;
    }
    if host.ends_with(".substack.com") || html_has("substackcdn.com") {
        return Platform::Substack;
    }
    if host.ends_with(".hashnode.dev") || html_has("cdn.hashnode.com") {
        return Platform::Hashnode;
    }
    if generator.contains("wordpress") || html_has("/wp-content/") || html_has("/wp-includes/") {
        let seo_plugin =
            html_has("Yoast SEO") || html_has("yoast-schema-graph") || html_has("Rank Math");
        return Platform::WordPress { seo_plugin };
    }
    if generator.contains("ghost") {
        return Platform::Ghost;
    }
    if generator.contains("hugo") {
        return Platform::Hugo;
    }
    if generator.contains("jekyll") {
        return Platform::Jekyll;
    }
    Platform::Unknown
}

/// The platform's own paths, relative to the blog's root.
fn platform_paths(platform: &Platform) -> (Vec<String>, Vec<&'static str>) {
    let (feeds, sitemaps): (Vec<String>, Vec<&str>) = match platform {
        Platform::WordPress { seo_plugin: true } => (
            vec!["feed/".into()],
            vec!["sitemap_index.xml", "wp-sitemap.xml"],
        ),
        Platform::WordPress { seo_plugin: false } => (
            vec!["feed/".into()],
            vec!["wp-sitemap.xml", "sitemap_index.xml"],
        ),
        Platform::Blogger => (vec!["feeds/posts/default".into()], vec!["sitemap.xml"]),
        Platform::Ghost => (
            vec!["rss/".into()],
            vec!["sitemap-posts.xml", "sitemap.xml"],
        ),
        Platform::Hugo => (vec!["index.xml".into()], vec!["sitemap.xml"]),
        Platform::Jekyll => (vec!["feed.xml".into()], vec!["sitemap.xml"]),
        Platform::Substack => (vec!["feed".into()], vec!["sitemap.xml"]),
        Platform::Hashnode => (vec!["rss.xml".into()], vec!["sitemap.xml"]),
        Platform::DevTo { writer } => (
            writer.iter().map(|w| format!("feed/{w}")).collect(),
            Vec::new(),
        ),
        Platform::Unknown => (
            ["feed/", "feed.xml", "rss.xml", "index.xml", "atom.xml"]
                .map(String::from)
                .to_vec(),
            vec!["sitemap.xml", "sitemap_index.xml"],
        ),
    };
    (feeds, sitemaps)
}

fn candidates(
    page_url: &Url,
    platform: &Platform,
    declared_feeds: Vec<Url>,
    declared_sitemaps: Vec<Url>,
) -> Vec<Candidate> {
    let origin = page_url.join("/").unwrap_or_else(|_| page_url.clone());
    // A blog below the site's root (`/blog/`) shows it in its declared feed's address.
    let root = declared_feeds
        .first()
        .and_then(root_of_feed)
        .unwrap_or_else(|| origin.clone());
    let (feed_paths, sitemap_paths) = platform_paths(platform);
    let mut found: Vec<Candidate> = Vec::new();
    let mut push = |url: Url, kind: SourceKind, group: Group| {
        if urls::is_http(&url) && !found.iter().any(|c| c.url == url) {
            found.push(Candidate { url, kind, group });
        }
    };
    let unknown = *platform == Platform::Unknown;
    let any_declared = !declared_feeds.is_empty();
    for url in declared_feeds {
        push(url, SourceKind::Feed, Group::Feed);
    }
    // The usual names are guesses: worth trying only when the page declares no feed.
    if !(unknown && any_declared) {
        for path in &feed_paths {
            if let Ok(url) = root.join(path) {
                push(url, SourceKind::Feed, Group::Feed);
            }
        }
    }
    for url in declared_sitemaps {
        push(url, SourceKind::Sitemap, Group::Sitemap);
    }
    let sitemaps: Vec<Url> = sitemap_paths
        .iter()
        .filter_map(|path| root.join(path).ok())
        .collect();
    // A known platform's own sitemap comes before robots.txt; the usual names come after it.
    let (before, after) = if unknown {
        (Vec::new(), sitemaps)
    } else {
        (sitemaps, Vec::new())
    };
    for url in before {
        push(url, SourceKind::Sitemap, Group::Sitemap);
    }
    // dev.to's robots.txt names the whole site's sitemaps, not one writer's.
    if !matches!(platform, Platform::DevTo { .. }) {
        if let Ok(url) = origin.join("/robots.txt") {
            push(url, SourceKind::Robots, Group::Sitemap);
        }
    }
    for url in after {
        push(url, SourceKind::Sitemap, Group::Sitemap);
    }
    found
}

/// `https://b.example/blog/` for `https://b.example/blog/feed/` or `/blog/index.xml`.
fn root_of_feed(feed: &Url) -> Option<Url> {
    const FEED_ENDINGS: &[&str] = &[
        "feed/",
        "feed",
        "rss/",
        "rss",
        "index.xml",
        "feed.xml",
        "rss.xml",
        "atom.xml",
        "feed.atom",
        "feed.json",
    ];
    let path = feed.path();
    let ending = FEED_ENDINGS.iter().find(|e| path.ends_with(*e))?;
    let root = &path[..path.len() - ending.len()];
    root.ends_with('/').then(|| feed.join(root).ok()).flatten()
}

/// The `Sitemap:` lines of a robots.txt, resolved against its address.
pub fn robots_sitemaps(text: &str, address: Option<&Url>) -> Vec<Url> {
    text.lines()
        .take(10_000)
        .filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("sitemap")
                .then(|| urls::resolve(address, value.trim()))
                .flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls_of(candidates: &[Candidate]) -> Vec<String> {
        candidates.iter().map(|c| c.url.to_string()).collect()
    }

    #[test]
    fn a_wordpress_page_with_yoast_tries_its_feed_then_the_yoast_index() {
        let html = r#"<html><head><meta name="generator" content="WordPress 6.5">
            <!-- This site is optimized with the Yoast SEO plugin -->
            <link rel="alternate" type="application/rss+xml" title="Bees &raquo; Feed" href="https://bees.example/feed/">
            <link rel="alternate" type="application/rss+xml" title="Bees &raquo; Comments Feed" href="https://bees.example/comments/feed/">
            </head><body></body></html>"#;
        let page = Url::parse("https://bees.example/2024/05/swarm/").unwrap();
        let found = candidates_for_page(html, &page);
        assert_eq!(
            urls_of(&found),
            [
                "https://bees.example/feed/",
                "https://bees.example/sitemap_index.xml",
                "https://bees.example/wp-sitemap.xml",
                "https://bees.example/robots.txt",
            ]
        );
        assert_eq!(found[0].group, Group::Feed);
        assert_eq!(found[3].kind, SourceKind::Robots);
    }

    #[test]
    fn an_unknown_platform_with_a_declared_feed_does_not_guess_feeds() {
        let html = r#"<head><link rel="alternate" type="application/atom+xml" href="/blog/atom.xml">
            <link rel="sitemap" type="application/xml" href="/sitemap-index.xml"></head>"#;
        let page = Url::parse("https://site.example/blog/post/").unwrap();
        assert_eq!(
            urls_of(&candidates_for_page(html, &page)),
            [
                "https://site.example/blog/atom.xml",
                "https://site.example/sitemap-index.xml",
                "https://site.example/robots.txt",
                "https://site.example/blog/sitemap.xml",
                "https://site.example/blog/sitemap_index.xml",
            ]
        );
    }

    #[test]
    fn platforms_are_told_by_host_and_generator() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(
            platform_of(&url("https://ada.blogspot.com/2024/01/x.html"), "", ""),
            Platform::Blogger
        );
        assert_eq!(
            platform_of(&url("https://dev.to/ada/my-post-1k2j"), "", ""),
            Platform::DevTo {
                writer: Some("ada".into())
            }
        );
        assert_eq!(
            platform_of(&url("https://b.example/p/"), "ghost 5.82", ""),
            Platform::Ghost
        );
        assert_eq!(
            urls_of(&candidates_for_site(&url("https://dev.to/ada"))),
            ["https://dev.to/feed/ada"]
        );
    }

    #[test]
    fn robots_sitemap_lines_are_read_in_any_case() {
        let robots = "User-agent: *\nDisallow: /search\nsitemap: /sitemap.xml\nSITEMAP:https://b.example/news.xml\n";
        let base = Url::parse("https://b.example/robots.txt").unwrap();
        assert_eq!(
            robots_sitemaps(robots, Some(&base))
                .iter()
                .map(Url::as_str)
                .collect::<Vec<_>>(),
            [
                "https://b.example/sitemap.xml",
                "https://b.example/news.xml"
            ]
        );
    }
}
