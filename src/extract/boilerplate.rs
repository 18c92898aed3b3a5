//! What Readability keeps but is not the post: share bars, related-post lists, newsletter boxes,
//! author boxes, comment sections, datelines and photo credits; and the page's own article
//! container, used to narrow the search and as a fallback for pages too big to score.

use dom_query::Document;

/// Containers that themes and CMSs put around the post body, most specific first.
const ARTICLE_CONTAINERS: &[&str] = &[
    "[itemprop='articleBody']",
    "article",
    "main",
    "[role='main']",
    "body",
];

/// The first article container of the page with text in it, as HTML.
pub fn fallback_container(doc: &Document) -> Option<String> {
    ARTICLE_CONTAINERS.iter().find_map(|selector| {
        let found = doc.select_single(selector);
        let text_len = found.text().trim().len();
        (text_len > 0).then(|| found.html().to_string())
    })
}
