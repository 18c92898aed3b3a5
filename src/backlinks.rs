//! Links home: the "Originally published at" footer and the author's other posts found on the page
//! (related-posts widgets, previous/next links, links in the text), ranked by how much they look
//! like articles, optionally tagged with UTM parameters.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};
use url::Url;

use crate::dialect;
use crate::draft::{Backlink, Draft, Options};
use crate::metadata::Metadata;
use crate::urls;

/// A link found anywhere on the page, with what tells an article link from navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub url: Url,
    /// The visible text, whitespace collapsed.
    pub text: String,
    /// The `title` attribute, a fallback when the text is an image or "Read more".
    pub title: Option<String>,
    /// `rel` tokens, lowercase (`prev`, `next`, `tag`, `category`, `author`, `nofollow`…).
    pub rel: Vec<String>,
    /// Order on the page (0 = first link).
    pub position: usize,
    /// The part of the page the link sits in.
    pub region: LinkRegion,
}

/// Where on the page a link sits, from its nearest telling ancestor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRegion {
    /// Inside the article's text.
    Article,
    /// A "related posts" / "read next" widget.
    Related,
    /// Previous / next post navigation.
    Pagination,
    /// Site menus, headers, breadcrumbs.
    Navigation,
    Sidebar,
    Footer,
    Comments,
    Share,
    Other,
}

/// Collects the page's http(s) links, resolved against the page address.
pub fn page_links(doc: &Document, base: Option<&Url>) -> Vec<PageLink> {
    // Links share their ancestors: each ancestor's own verdict is worked out once.
    let mut verdicts: HashMap<NodeId, Option<LinkRegion>> = HashMap::new();
    let finders = RegionFinders::new();
    doc.select("a[href]")
        .nodes()
        .iter()
        .enumerate()
        .filter_map(|(position, a)| {
            let href = a.attr("href")?;
            let url = urls::resolve(base, &href)?;
            let text = link_text(a);
            let title = a
                .attr("title")
                .map(|t| collapse(&t))
                .filter(|t| !t.is_empty());
            let rel = a
                .attr("rel")
                .map(|r| {
                    r.split_whitespace()
                        .map(|t| t.to_ascii_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            Some(PageLink {
                url,
                text,
                title,
                rel,
                position,
                region: region_of(a, &mut verdicts, &finders),
            })
        })
        .collect()
}

/// What a link says: the heading inside a post card, else its first line that reads like a
/// title (a card's title comes before its date and author), else all its text.
fn link_text(link: &NodeRef) -> String {
    let descendants = link.descendants();
    if let Some(heading) = descendants.iter().find(|d| {
        ["h1", "h2", "h3", "h4", "h5", "h6"]
            .iter()
            .any(|h| d.has_name(h))
    }) {
        return collapse(&heading.text());
    }
    // Text split where a block-like element starts or ends (iterative walk).
    let mut lines = vec![String::new()];
    let mut stack: Vec<Option<NodeRef>> = link.children().into_iter().rev().map(Some).collect();
    while let Some(step) = stack.pop() {
        let Some(node) = step else {
            lines.push(String::new());
            continue;
        };
        if node.is_text() {
            if let Some(line) = lines.last_mut() {
                line.push_str(&node.text());
            }
            continue;
        }
        let blockish = BLOCKISH.iter().any(|b| node.has_name(b));
        if blockish {
            lines.push(String::new());
            stack.push(None);
        }
        stack.extend(node.children().into_iter().rev().map(Some));
    }
    let lines: Vec<String> = lines
        .iter()
        .map(|l| collapse(l))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 1 {
        if let Some(title) = lines
            .iter()
            .find(|l| l.split_whitespace().count() >= 2 && is_telling(l))
        {
            return title.clone();
        }
    }
    lines.join(" ")
}

/// Elements that start a new line inside a link (cards put title, date and author in these).
const BLOCKISH: &[&str] = &[
    "div", "p", "br", "li", "span", "time", "header", "footer", "section", "small",
];

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The region of the nearest ancestor (up to 40 levels) that says what it is.
fn region_of(
    link: &NodeRef,
    verdicts: &mut HashMap<NodeId, Option<LinkRegion>>,
    finders: &RegionFinders,
) -> LinkRegion {
    link.ancestors_it(Some(40))
        .find_map(|node| {
            *verdicts
                .entry(node.id)
                .or_insert_with(|| own_region(&node, finders))
        })
        .unwrap_or(LinkRegion::Other)
}

/// The words of an element's class or id that tell its region, strongest region first.
const REGION_WORDS: &[(LinkRegion, &[&str])] = &[
    (
        LinkRegion::Related,
        &[
            "related",
            "yarpp",
            "more-posts",
            "recommended",
            "read-next",
            "readnext",
            "also-like",
            "more-from",
        ],
    ),
    (
        LinkRegion::Pagination,
        &[
            "post-navigation",
            "nav-links",
            "nav-previous",
            "nav-next",
            "post-nav",
            "prev-next",
            "pager",
        ],
    ),
    (LinkRegion::Comments, &["comment", "disqus", "respond"]),
    (LinkRegion::Share, &["share", "sharing", "social"]),
    (
        LinkRegion::Navigation,
        &[
            "menu",
            "navbar",
            "breadcrumb",
            "masthead",
            "site-header",
            "topbar",
            "site-nav",
        ],
    ),
    (LinkRegion::Sidebar, &["sidebar", "widget"]),
    (
        LinkRegion::Article,
        &[
            "entry-content",
            "post-content",
            "article-body",
            "post-body",
            "article-content",
        ],
    ),
];

/// [`REGION_WORDS`] as substring finders built once per page: a `str::contains` per word
/// built its searcher anew each time, 37 times per ancestor of the page's links.
struct RegionFinders(Vec<(LinkRegion, Vec<memchr::memmem::Finder<'static>>)>);

impl RegionFinders {
    fn new() -> Self {
        RegionFinders(
            REGION_WORDS
                .iter()
                .map(|(region, words)| {
                    let finders = words.iter().map(memchr::memmem::Finder::new).collect();
                    (*region, finders)
                })
                .collect(),
        )
    }
}

/// The region an element's own class, id or tag name tells, if any.
fn own_region(node: &NodeRef, finders: &RegionFinders) -> Option<LinkRegion> {
    let name = node.node_name()?;
    let names = format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    let told = finders.0.iter().find_map(|(region, words)| {
        words
            .iter()
            .any(|word| word.find(names.as_bytes()).is_some())
            .then_some(*region)
    });
    if told.is_some() {
        return told;
    }
    match name.as_ref() {
        "nav" | "header" => Some(LinkRegion::Navigation),
        "footer" => Some(LinkRegion::Footer),
        "aside" => Some(LinkRegion::Sidebar),
        "article" | "main" => Some(LinkRegion::Article),
        _ => None,
    }
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

/// Link texts that say nothing about the target.
const GENERIC_TEXTS: &[&str] = &[
    "read more",
    "continue reading",
    "more",
    "permalink",
    "comments",
    "leave a comment",
    "reply",
    "here",
    "link",
    "click here",
    "next",
    "previous",
    "prev",
    "older posts",
    "newer posts",
    "older",
    "newer",
    "home",
    "read",
    "view",
    "see more",
    "share",
    "tweet",
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

/// A link text that names a post: not "Read more", not a date or "3 hours ago", not a number.
fn is_telling(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    let digits = lower.chars().filter(|c| c.is_ascii_digit()).count();
    let timestamp = digits > 0
        && (lower.ends_with(" ago")
            || lower.split_whitespace().count() <= 4
                && MONTHS
                    .iter()
                    .any(|m| lower.starts_with(m) || lower.contains(&format!(" {m}"))));
    !lower.is_empty()
        && !GENERIC_TEXTS.contains(&lower.as_str())
        && letters > digits
        && !timestamp
        && lower.chars().count() <= 200
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

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

/// The footer of `content_html`: a rule, the template filled in, then the related posts.
/// The template is the user's HTML: it goes through the dialect rewrite like the body.
pub fn footer_html(draft: &Draft, options: &Options) -> String {
    let Some(url) = &draft.canonical_url else {
        return String::new();
    };
    let canonical = Url::parse(url).ok();
    let site = draft.site_name.clone().unwrap_or_else(|| {
        canonical
            .as_ref()
            .and_then(|u| {
                u.host_str()
                    .map(|h| h.strip_prefix("www.").unwrap_or(h).to_string())
            })
            .unwrap_or_default()
    });
    let date = draft
        .published
        .as_deref()
        .map(|d| {
            d.get(..10)
                .filter(|day| day.chars().nth(4) == Some('-'))
                .unwrap_or(d)
        })
        .unwrap_or("");
    let filled = options
        .footer_template
        .replace(
            "{title}",
            &dialect::escape_text(draft.title.as_deref().unwrap_or("")),
        )
        .replace("{site}", &dialect::escape_text(&site))
        .replace("{url}", &dialect::escape_attr(url))
        .replace("{date}", &dialect::escape_text(date));
    let mut html = format!("<p>{filled}</p>");
    if !draft.backlinks.is_empty() {
        html.push_str(&format!(
            "<p>More from {}:</p><ul>",
            dialect::escape_text(&site)
        ));
        for link in &draft.backlinks {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                dialect::escape_attr(&link.url),
                dialect::escape_text(&link.title)
            ));
        }
        html.push_str("</ul>");
    }
    let mut ignored = Vec::new();
    let body = dialect::rewrite(&html, canonical.as_ref(), &mut ignored);
    if body.is_empty() {
        return String::new();
    }
    format!("<hr>{body}")
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
    fn only_texts_that_name_a_post_are_titles() {
        for dull in ["Read more", "3 hours ago", "Apr 20, 2026", "12", "→", ""] {
            assert!(!is_telling(dull), "{dull}");
        }
        for good in [
            "Lifetimes without tears",
            "Why I moved to Hugo in 2024",
            "May the source be with you",
        ] {
            assert!(is_telling(good), "{good}");
        }
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
