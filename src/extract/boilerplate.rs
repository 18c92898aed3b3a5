//! What Readability keeps but is not the post: share bars, related-post lists and cards, tag
//! lists, newsletter boxes, author boxes, comment sections, datelines, photo credits, slideshow
//! chrome; and the page's own article container, used to narrow the search and as a fallback.
//!
//! [`markers`] marks the page before Readability runs, [`container`] finds the post's own
//! container, and [`strip`] removes from Readability's output what [`rules`] and the marks find.

mod container;
mod markers;
mod rules;
mod strip;

use dom_query::NodeRef;

pub use container::{body_container, fallback_container, mark_titled_article};
pub use markers::mark;
pub use strip::strip;

/// Non-whitespace characters of a node's text: what every size rule here counts.
fn text_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Only the letters and digits, lowercased: for comparing a block with the title.
fn fold_alnum(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
