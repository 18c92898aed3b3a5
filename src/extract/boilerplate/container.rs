//! The page's own article container: the post-body element to narrow the search to, the
//! container to fall back on, and the `<article>` that holds the post when there are several.

use dom_query::{Document, Matcher, NodeRef};

use super::{fold_alnum, text_len};

/// Containers that themes and CMSs put around the post body, most specific first.
const ARTICLE_CONTAINERS: &[&str] = &[
    "[itemprop='articleBody']",
    "article",
    "main",
    "[role='main']",
    "body",
];

/// Classes and attributes CMSs and themes give the post body itself (not its header or footer).
const BODY_CONTAINERS: &[&str] = &[
    "[itemprop~='articleBody']",
    ".entry-content",
    ".post-content",
    ".post-body",
    ".article-body",
    ".article__body",
    ".article-content",
    ".story-body",
    ".c-entry-content",
    ".td-post-content",
    "#article-body",
    ".blog-post-body",
    ".post-entry",
    ".single-post-content",
    ".markdown-body",
    ".gh-content",
    ".available-content",
    ".crayons-article__body",
    "#post-content-wrapper",
];

/// The post body's own container when the page marks exactly one, with enough text to be the
/// article: Readability then cannot wander into related posts and author boxes next to it.
pub fn body_container(doc: &Document) -> Option<NodeRef<'_>> {
    // One scan of the page for all the containers (a scan per selector was 11 % of the native
    // time), then each selector in turn over what that scan found, in document order as before.
    let candidates = body_container_candidates(doc);
    if candidates.is_empty() {
        return None;
    }
    let body_text = doc
        .select_single("body")
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    BODY_CONTAINERS.iter().find_map(|selector| {
        let matcher = Matcher::new(selector).ok()?;
        let mut found = candidates.iter().filter(|n| n.is_match(&matcher));
        let (Some(node), None) = (found.next(), found.next()) else {
            return None;
        };
        let len = text_len(node);
        let in_chrome = node.ancestors_it(None).any(|a| {
            a.has_name("nav") || a.has_name("aside") || a.has_name("footer") || a.has_name("header")
        });
        (len >= 500 && len * 5 >= body_text && !in_chrome).then_some(*node)
    })
}

/// The elements any of [`BODY_CONTAINERS`] selects, in document order. Only an element with an
/// `itemprop`, or a class or id one of those selectors names, can match: the selector engine
/// (19 selectors per element) runs on those few, not on every element of the page.
fn body_container_candidates(doc: &Document) -> Vec<NodeRef<'_>> {
    let Ok(matcher) = Matcher::new(&BODY_CONTAINERS.join(", ")) else {
        return Vec::new();
    };
    let named = |prefix: char, name: &str| {
        BODY_CONTAINERS
            .iter()
            .any(|selector| selector.strip_prefix(prefix) == Some(name))
    };
    doc.root()
        .descendants_it()
        .filter(|node| {
            let may_match = node.element_ref().is_some_and(|element| {
                element.attrs.iter().any(|attr| match &*attr.name.local {
                    "itemprop" => true,
                    "class" => attr
                        .value
                        .split_ascii_whitespace()
                        .any(|class| named('.', class)),
                    "id" => named('#', &attr.value),
                    _ => false,
                })
            });
            may_match && node.is_match(&matcher)
        })
        .collect()
}

/// The first article container of the page with text in it, as HTML.
pub fn fallback_container(doc: &Document) -> Option<String> {
    ARTICLE_CONTAINERS.iter().find_map(|selector| {
        let found = doc.select_single(selector);
        let text_len = found.text().trim().len();
        (text_len > 0).then(|| found.html().to_string())
    })
}

/// Above this many `<article>`s, [`mark_titled_article`] leaves the page alone.
const MAX_ARTICLES_TO_COMPARE: usize = 500;

/// The attribute [`mark_titled_article`] sets on the post's own `<article>`.
pub(super) const POST_ATTR: &str = "data-stm-post";

/// Marks the page's `<article>` that holds the post when the page has several (the post, then
/// cards of the site's other posts): the innermost one with an `h1`/`h2` that is the post's
/// title. Readability drops that heading, so the mark is set on the page before it runs.
pub fn mark_titled_article(doc: &Document, title: Option<&str>) {
    let Some(title) = title.map(fold_alnum).filter(|t| t.chars().count() >= 5) else {
        return;
    };
    let articles = doc.select("article");
    // Pages list a few dozen cards; thousands of articles are not worth a quadratic search.
    if !(2..=MAX_ARTICLES_TO_COMPARE).contains(&articles.length()) {
        return;
    }
    let titled: Vec<NodeRef> = articles
        .nodes()
        .iter()
        .filter(|article| {
            dom_query::Selection::from(**article)
                .select("h1, h2")
                .nodes()
                .iter()
                .any(|h| fold_alnum(&h.text()) == title)
        })
        .copied()
        .collect();
    let innermost: Vec<&NodeRef> = titled
        .iter()
        .filter(|a| !titled.iter().any(|b| b.id != a.id && is_ancestor(a, b)))
        .collect();
    if let [main] = innermost.as_slice() {
        main.set_attr(POST_ATTR, "");
    }
}

/// Whether `outer` contains `inner`.
pub(super) fn is_ancestor(outer: &NodeRef, inner: &NodeRef) -> bool {
    inner.ancestors_it(None).any(|a| a.id == outer.id)
}
