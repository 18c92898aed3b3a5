//! Links home: the author's other posts found on the page (related-posts widgets, previous/next
//! links, links in the text), ranked by how much they look like articles, optionally tagged with
//! UTM parameters. The footer that lists them is assembled by the draft.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::extract::links::{is_telling, LinkRegion, PageLink};
use crate::metadata::Metadata;
use crate::options::Options;
use crate::urls;

/// A link from the Medium post back to another post on the author's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlink {
    /// The post's address, with the UTM parameters when the user asked for them.
    pub url: String,
    /// The post's title as its link says it (or its address's slug).
    pub title: String,
}

/// Path segments of pages that list posts or serve the site, never a post itself.
const NOT_POSTS: &[&str] = &[
    "tag",
    "tags",
    "category",
    "categories",
    "topic",
    "topics",
    "author",
    "authors",
    "archive",
    "archives",
    "page",
    "feed",
    "rss",
    "atom",
    "login",
    "wp-login.php",
    "wp-admin",
    "register",
    "signup",
    "sign-up",
    "subscribe",
    "search",
    "comments",
    "user",
    "users",
    "profile",
    "about",
    "contact",
    "privacy",
    "privacy-policy",
    "terms",
    "cart",
    "shop",
    "wp-content",
    "wp-json",
    "cdn-cgi",
    "amp",
    "share",
    "newsletter",
    "sitemap",
    "label",
    "labels",
    "members",
    "code-of-conduct",
    "faq",
    "help",
    "imprint",
    "impressum",
    "legal",
    "cookies",
    "cookie-policy",
    "accessibility",
    "sponsors",
    "advertise",
    "jobs",
    "careers",
    "pricing",
    "support",
    "donate",
    "press",
    "terms-of-service",
    "terms-of-use",
    "guidelines",
    "settings",
    "dashboard",
    "notifications",
    "signin",
    "sign-in",
    "logout",
];

const FILE_SUFFIXES: &[&str] = &[
    ".xml", ".rss", ".atom", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".zip",
    ".css", ".js", ".json", ".mp3", ".mp4", ".txt",
];

/// Picks up to `options.related_links` links to the author's other posts on `page_url`'s site.
pub fn related_posts(
    links: &[PageLink],
    page_url: Option<&Url>,
    meta: &Metadata,
    options: &Options,
) -> Vec<Backlink> {
    if options.related_links == 0 {
        return Vec::new();
    }
    let canonical = meta.canonical.as_ref().map(|c| &c.url);
    let Some(site) = page_url.or(canonical) else {
        return Vec::new();
    };
    let own_keys: Vec<String> = [page_url, canonical]
        .into_iter()
        .flatten()
        .map(key)
        .collect();
    let author = author_segment(site);
    // Best candidate per normalised URL: (score, first position, url, title), and where each
    // key's first candidate sits, so a page with thousands of links stays linear.
    let mut candidates: Vec<(i32, usize, Url, String)> = Vec::new();
    let mut candidate_at: HashMap<String, usize> = HashMap::new();
    for link in links {
        if !urls::same_site(&link.url, site) || !is_post_address(&link.url) {
            continue;
        }
        // On a host shared by many writers, only this writer's posts.
        if author.is_some() && author_segment(&link.url) != author {
            continue;
        }
        let link_key = key(&link.url);
        if own_keys.contains(&link_key) {
            continue;
        }
        if link.rel.iter().any(|r| {
            matches!(
                r.as_str(),
                "tag" | "category" | "author" | "nofollow" | "me"
            )
        }) {
            continue;
        }
        if matches!(link.region, LinkRegion::Comments | LinkRegion::Share) {
            continue;
        }
        let navigation = link.region == LinkRegion::Pagination
            || link.rel.iter().any(|r| r == "prev" || r == "next");
        let text = clean_text(&link.text, navigation);
        let title = if is_telling(&text) {
            Some(text.clone())
        } else {
            link.title.clone().filter(|t| is_telling(t))
        };
        let score = score(link, title.as_deref());
        let clean = clean_address(&link.url);
        match candidate_at
            .get(&link_key)
            .and_then(|&at| candidates.get_mut(at))
        {
            Some(existing) => {
                if score > existing.0 {
                    existing.0 = score;
                }
                if let Some(title) = title {
                    if !is_telling(&existing.3) || title.len() > existing.3.len() {
                        existing.3 = title;
                    }
                }
            }
            None => {
                candidate_at.entry(key(&clean)).or_insert(candidates.len());
                candidates.push((
                    score,
                    link.position,
                    clean.clone(),
                    title.unwrap_or_else(|| title_from_slug(&clean)),
                ));
            }
        }
    }
    // A one-word slug at the site's root with a short text scores 4: as likely a page of the
    // site (About, Projects) as a post.
    candidates.retain(|(score, _, _, title)| *score >= 5 && !title.is_empty());
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates
        .into_iter()
        .take(options.related_links)
        .map(|(_, _, url, title)| Backlink {
            url: with_utm(&url, options.utm_campaign.as_deref()).to_string(),
            title,
        })
        .collect()
}

/// Hosts where the first path segment names the writer (`dev.to/jane/…`, `medium.com/@jane/…`).
const SHARED_HOSTS: &[&str] = &["dev.to", "medium.com", "hashnode.com", "tumblr.com"];

/// The writer's segment of a URL on a shared host (or any `/@name/` path).
fn author_segment(url: &Url) -> Option<String> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let first = url.path().split('/').find(|s| !s.is_empty())?;
    (first.starts_with('@') || SHARED_HOSTS.contains(&host)).then(|| first.to_ascii_lowercase())
}

/// A link's address without tracking parameters (including Jetpack's `relatedposts_*`) and
/// fragment.
fn clean_address(url: &Url) -> Url {
    urls::without_params(url, |key| key.starts_with("relatedposts_"))
}

/// A URL compared without scheme, `www.`, tracking parameters, fragment and trailing slash.
pub(crate) fn key(url: &Url) -> String {
    let clean = clean_address(url);
    let host = clean.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let path = clean.path().trim_end_matches('/');
    let path = path
        .strip_suffix("/index.html")
        .or_else(|| path.strip_suffix("/index.php"))
        .unwrap_or(path);
    match clean.query() {
        Some(q) => format!("{host}{path}?{q}"),
        None => format!("{host}{path}"),
    }
}

/// Whether an address can be a post: not the home page, a listing, a feed, a file or an account page.
pub(crate) fn is_post_address(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() && url.query().is_none_or(|q| !q.starts_with("p=")) {
        return false;
    }
    if segments.iter().any(|s| NOT_POSTS.contains(s)) {
        return false;
    }
    if segments.iter().any(|s| s.starts_with("comment-page-")) {
        return false;
    }
    if FILE_SUFFIXES.iter().any(|suffix| path.ends_with(suffix)) {
        return false;
    }
    // Date archives (`/2024/`, `/2024/05/`) list posts.
    if segments
        .iter()
        .all(|s| s.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let query = url.query().unwrap_or("").to_ascii_lowercase();
    !(query.contains("replytocom")
        || query.starts_with("s=")
        || query.contains("&s=")
        || query.contains("share="))
}

/// How article-like a link is: slug words, a date in the path, a descriptive text, its region.
fn score(link: &PageLink, title: Option<&str>) -> i32 {
    let path = link.url.path();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut score = 0;
    let slug = segments.last().copied().unwrap_or("");
    let slug = slug
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .trim_end_matches(".php");
    let slug_words = slug
        .split(['-', '_'])
        .filter(|w| w.len() > 1 && w.chars().any(|c| c.is_alphabetic()))
        .count();
    score += match slug_words {
        0 => 0,
        1 => 1,
        2 => 2,
        _ => 3,
    };
    let years = segments
        .iter()
        .filter(|s| {
            s.len() == 4 && s.starts_with(['1', '2']) && s.chars().all(|c| c.is_ascii_digit())
        })
        .count();
    if years > 0 {
        score += 2;
    }
    if (1..=4).contains(&segments.len()) {
        score += 1;
    } else if segments.len() > 5 {
        score -= 1;
    }
    if path.ends_with(".html") || path.ends_with(".htm") {
        score += 1;
    }
    let words = title.map(|t| t.split_whitespace().count()).unwrap_or(0);
    score += match words {
        0 => -2,
        1 | 2 => 0,
        3 | 4 => 2,
        _ => 3,
    };
    score += match link.region {
        LinkRegion::Related => 5,
        LinkRegion::Pagination => 3,
        LinkRegion::Article => 1,
        LinkRegion::Sidebar | LinkRegion::Other => 0,
        LinkRegion::Navigation | LinkRegion::Footer => -3,
        LinkRegion::Comments | LinkRegion::Share => -10,
    };
    if link
        .rel
        .iter()
        .any(|r| r == "prev" || r == "next" || r == "bookmark")
    {
        score += 1;
    }
    score
}

/// Link text without arrows, and without the "Previous"/"Next" label of post navigation.
fn clean_text(text: &str, navigation: bool) -> String {
    let arrows = |c: char| c.is_whitespace() || "«»←→‹›<>|·:".contains(c);
    let mut t = text.trim_matches(arrows).to_string();
    if navigation {
        for label in [
            "previous post",
            "next post",
            "previous article",
            "next article",
            "previous",
            "next",
            "prev",
            "older post",
            "newer post",
            "older",
            "newer",
        ] {
            let n = label.len();
            if t.get(..n)
                .is_some_and(|head| head.eq_ignore_ascii_case(label))
            {
                t = t[n..].trim_matches(arrows).to_string();
                break;
            }
        }
    }
    t
}

/// "my-first-post" → "My first post".
pub(crate) fn title_from_slug(url: &Url) -> String {
    let slug = url
        .path()
        .split('/')
        .rfind(|s| !s.is_empty())
        .unwrap_or("")
        .trim_end_matches(".html")
        .trim_end_matches(".htm");
    let words: Vec<&str> = slug.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    title
}

/// Adds `utm_source=medium&utm_medium=referral&utm_campaign=…` (replacing any utm_* present).
pub fn with_utm(url: &Url, campaign: Option<&str>) -> Url {
    let Some(campaign) = campaign.map(str::trim).filter(|c| !c.is_empty()) else {
        return url.clone();
    };
    let mut tagged = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.to_ascii_lowercase().starts_with("utm_"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    tagged
        .query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("utm_source", "medium")
        .append_pair("utm_medium", "referral")
        .append_pair("utm_campaign", campaign);
    tagged
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_tracking_slash_and_www() {
        let a = Url::parse("https://www.blog.example/post/?utm_source=x#top").unwrap();
        let b = Url::parse("http://blog.example/post").unwrap();
        assert_eq!(key(&a), key(&b));
    }

    #[test]
    fn listing_pages_are_not_posts() {
        for bad in [
            "https://b.example/",
            "https://b.example/tag/rust/",
            "https://b.example/category/x/my-post",
            "https://b.example/page/2/",
            "https://b.example/2024/05/",
            "https://b.example/feed/",
            "https://b.example/wp-content/uploads/a.jpg",
        ] {
            assert!(!is_post_address(&Url::parse(bad).unwrap()), "{bad}");
        }
        assert!(is_post_address(
            &Url::parse("https://b.example/2024/05/my-post/").unwrap()
        ));
    }
}
