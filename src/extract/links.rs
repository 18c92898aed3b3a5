//! The page's links as the footer's related posts need them: address, text, `rel` and the part
//! of the page each sits in. Read from the untouched page, before extraction narrows it.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};
use url::Url;

use crate::urls;

/// A link found anywhere on the page, with what tells an article link from navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The link's target, resolved against the page address.
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
    /// Sidebars and their widgets.
    Sidebar,
    /// The page's footer.
    Footer,
    /// The comment section.
    Comments,
    /// Share buttons.
    Share,
    /// Nothing around it says.
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

/// A link text that names a post: not "Read more", not a date or "3 hours ago", not a number.
pub(crate) fn is_telling(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
