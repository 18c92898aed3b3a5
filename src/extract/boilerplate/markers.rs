//! Class and id words that mark boilerplate, and the mark set on such elements before
//! Readability runs (it moves and merges the elements that carry them).

use dom_query::{Document, NodeRef};

use super::text_len;

/// Words in a class or id that mark a block as not part of the post.
const BOILERPLATE_MARKERS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "promo",
    "advert",
    "sponsor",
    "author-bio",
    "authorbio",
    "author-box",
    "authorbox",
    "about-author",
    "author-info",
    "author-card",
    "comment",
    "respond",
    "breadcrumb",
    "byline",
    "dateline",
    "timestamp",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "read-more",
    "readmore",
    "more-stories",
    "recommended",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "pagination",
    "toolbar",
    "tags",
    "tag-list",
    "post-tags",
    "cat-links",
    "category",
    "newsletter",
    "donate",
    "paywall",
    "inline-ad",
    "ad-container",
    "ad-slot",
    "ad-unit",
    "adslot",
    "dfp",
    "print-only",
    "reading-time",
    "read-time",
    "vote",
    "clap",
    "storyreadtime",
    "storypublishdate",
    "avatar",
    "authorphoto",
    "author-photo",
    "sr-only",
    "visually-hidden",
    "off-screen",
    "offscreen",
    "screen-reader",
    "cta",
];

/// The attribute [`mark`] sets; the dialect rewrite drops it with every other attribute.
const MARK_ATTR: &str = "data-stm-boilerplate";

/// Marks the page's elements whose class or id says boilerplate, before Readability runs: its
/// simplification copies a wrapper's attributes onto its only child, or replaces a `div` by its
/// only `p`, so the marking classes would otherwise be gone by the time [`strip`] looks. The
/// mark goes down a marked element's chain of only children for the same reason.
pub fn mark(doc: &Document) {
    let Some(body) = doc.body() else {
        return;
    };
    let mut stack: Vec<NodeRef> = body.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if !node.is_element() || node.has_name("pre") || node.has_name("code") {
            continue;
        }
        if is_marked_boilerplate(&node) {
            node.set_attr(MARK_ATTR, "");
            let mut only = only_element_child(&node);
            while let Some(child) = only {
                child.set_attr(MARK_ATTR, "");
                only = only_element_child(&child);
            }
        }
        stack.extend(node.children_it(true));
    }
}

/// The element's single element child, when it has exactly one and no text beside it.
fn only_element_child<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut found = None;
    for child in node.children_it(false) {
        if child.is_element() {
            if found.is_some() {
                return None;
            }
            found = Some(child);
        } else if child.is_text() && !child.text().trim().is_empty() {
            return None;
        }
    }
    found
}

pub(super) fn is_marked_boilerplate(node: &NodeRef) -> bool {
    if node.has_attr(MARK_ATTR) {
        return true;
    }
    if node.has_name("aside")
        || node.has_name("nav")
        || node.has_name("form")
        || node.has_name("button")
    {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
        || node.has_attr("hidden")
    {
        return true;
    }
    // The post's date as microdata: the draft carries it as `published`, not in the text.
    if node
        .attr("itemprop")
        .is_some_and(|v| matches!(v.as_ref(), "datePublished" | "dateModified" | "dateCreated"))
        && text_len(node) <= 80
    {
        return true;
    }
    has_marker(node, BOILERPLATE_MARKERS)
}

/// Whether the element's class or id holds one of `markers` as a whole word.
pub(super) fn has_marker(node: &NodeRef, markers: &[&str]) -> bool {
    let mut marks = String::new();
    for attr in ["class", "id", "data-testid"] {
        if let Some(value) = node.attr(attr) {
            marks.push_str(&value.to_ascii_lowercase());
            marks.push(' ');
        }
    }
    if marks.is_empty() {
        return false;
    }
    let first_bytes = MarkerFirstBytes::of(markers);
    marks
        .split(|c: char| c.is_whitespace())
        // WordPress post classes name the post's taxonomy ("category-news", "tag-social").
        .filter(|token| {
            !token.starts_with("category-")
                && !token.starts_with("tag-")
                && !token.starts_with("has-")
        })
        .any(|token| token_has_marker(token, markers, &first_bytes))
}

/// The bytes the markers start with: most word starts of a class name begin with none of
/// them, so they are passed over without comparing ~60 markers.
struct MarkerFirstBytes([bool; 256]);

impl MarkerFirstBytes {
    fn of(markers: &[&str]) -> Self {
        let mut first = [false; 256];
        for marker in markers {
            if let Some(&byte) = marker.as_bytes().first() {
                first[usize::from(byte)] = true;
            }
        }
        Self(first)
    }
}

/// One of `markers` appears in `token` as a whole word of a `-`/`_`-separated class name
/// ("post-share-buttons" has "share"; "shared-content" does not; a plural "s" may follow).
///
/// Compares at word starts only: `str::find` built a substring searcher per token and marker,
/// which was a quarter of the native time, since [`mark`] asks this of every element.
fn token_has_marker(token: &str, markers: &[&str], first_bytes: &MarkerFirstBytes) -> bool {
    let bytes = token.as_bytes();
    (0..bytes.len())
        .filter(|&start| start == 0 || matches!(bytes[start - 1], b'-' | b'_'))
        .filter(|&start| first_bytes.0[usize::from(bytes[start])])
        .any(|start| {
            markers.iter().any(|marker| {
                let end = start + marker.len();
                // The first byte inline first: most markers differ there, and a slice
                // comparison is a call to memcmp.
                marker.as_bytes().first() == Some(&bytes[start])
                    && bytes[start..].starts_with(marker.as_bytes())
                    && (end == bytes.len() || matches!(bytes[end], b'-' | b'_' | b's'))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn a_marker_counts_only_as_a_whole_word_of_a_class_name() {
        for (token, marker, expected) in [
            ("share", "share", true),
            ("post-share-buttons", "share", true),
            ("post_share", "share", true),
            ("shares", "share", true),
            ("sharesheet", "share", true),
            ("shared-content", "share", false),
            ("reshare", "share", false),
            ("re-reshare", "share", false),
            ("é-share", "share", true),
            ("éshare", "share", false),
            ("shar", "share", false),
            ("", "share", false),
            ("x-sign-up", "sign-up", true),
            ("comment-comments", "comments", true),
        ] {
            let markers = [marker];
            let first_bytes = MarkerFirstBytes::of(&markers);
            assert_eq!(
                token_has_marker(token, &markers, &first_bytes),
                expected,
                "{token} / {marker}"
            );
        }
    }

    #[test]
    fn the_mark_survives_readability_replacing_a_div_by_its_only_paragraph() {
        let doc = Document::from(
            "<body><div class=\"multi-vote-count\"><p><span>1.4K</span></p></div>\
             <div class=\"share\"><a>one</a><a>two</a></div></body>",
        );
        mark(&doc);
        assert!(doc.select("p").has_attr(MARK_ATTR));
        assert!(doc.select("span").has_attr(MARK_ATTR));
        // Several children: each is judged on its own.
        assert!(!doc.select("a").has_attr(MARK_ATTR));
    }
}
