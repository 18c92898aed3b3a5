//! Listing pages (a blog's home, a tag or archive page): a feed of post cards, each a headline
//! linking to another page with a short excerpt. Readability happily returns a card or two as
//! "the article"; the draft builder must say there is no article instead.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

/// Fewer cards than this is a "related posts" box or a pair of previous/next links.
const MIN_CARDS: usize = 3;

/// A card longer than this (non-space characters) is a whole post, not an excerpt.
const MAX_CARD_TEXT: usize = 1500;

/// How far above a card's headline the card's own element may be.
const MAX_CARD_DEPTH: usize = 6;

/// The text of the page's largest feed of post cards, folded for comparison.
#[derive(Debug)]
pub struct PostFeed {
    text: String,
}

/// Finds the element whose children are the most post cards (at least [`MIN_CARDS`]): each
/// child holds a headline (`h1`–`h4`) inside or around a link, the links go to distinct pages,
/// and each card's text is short.
pub fn post_feed(doc: &Document) -> Option<PostFeed> {
    // For each candidate feed (a parent), its children that hold a linked headline, and the link.
    let mut feeds: HashMap<NodeId, (NodeRef, Vec<(NodeId, String)>)> = HashMap::new();
    let headings = doc.select("h1, h2, h3, h4");
    for heading in headings.nodes() {
        let Some(href) = heading_link(heading) else {
            continue;
        };
        // A card wraps its headline: a headline standing among paragraphs is a section title.
        let mut child = *heading;
        for parent in heading.ancestors_it(Some(MAX_CARD_DEPTH)) {
            if child.id != heading.id {
                let entry = feeds
                    .entry(parent.id)
                    .or_insert_with(|| (parent, Vec::new()));
                if !entry.1.iter().any(|(id, _)| *id == child.id) {
                    entry.1.push((child.id, href.clone()));
                }
            }
            child = parent;
        }
    }
    let (feed, _) = feeds
        .into_values()
        .filter(|(_, cards)| {
            let mut links: Vec<&str> = cards.iter().map(|(_, href)| href.as_str()).collect();
            links.sort_unstable();
            links.dedup();
            links.len() >= MIN_CARDS
        })
        .filter(|(feed, cards)| {
            // Cards are short, and they are the feed: an article body with a few inline
            // "related" cards between its paragraphs is no feed.
            let card_lengths: Vec<usize> = feed
                .children_it(false)
                .filter(|c| cards.iter().any(|(id, _)| *id == c.id))
                .map(|c| text_len(&c))
                .collect();
            let short = card_lengths.iter().filter(|&&l| l <= MAX_CARD_TEXT).count();
            let in_cards: usize = card_lengths.iter().sum();
            short >= MIN_CARDS
                && short * 4 >= cards.len() * 3
                && in_cards * 10 >= text_len(feed) * 8
        })
        .max_by_key(|(_, cards)| cards.len())?;
    Some(PostFeed {
        text: fold(&feed.text()),
    })
}

impl PostFeed {
    /// Whether most of the text of `content_html` (what Readability took for the article) is the
    /// feed's own text: then the "article" is a card or two of a listing.
    pub fn holds_most_of(&self, content_html: &str) -> bool {
        let content = Document::fragment(content_html);
        let mut inside = 0;
        let mut total = 0;
        for node in content.root().descendants_it().filter(|n| n.is_text()) {
            let line = fold(&node.text());
            if line.is_empty() {
                continue;
            }
            total += line.len();
            if self.text.contains(&line) {
                inside += line.len();
            }
        }
        total > 0 && inside * 10 >= total * 8
    }
}

/// The address a headline links to: a link around it, or a link inside it holding most of its
/// text (not a section's "edit" or permalink icon).
fn heading_link(heading: &NodeRef) -> Option<String> {
    let inside = heading
        .descendants_it()
        .find(|d| d.has_name("a"))
        .filter(|a| text_len(a) * 2 >= text_len(heading))
        .and_then(|a| a.attr("href"));
    let around = || {
        heading
            .ancestors_it(Some(MAX_CARD_DEPTH))
            .find(|a| a.has_name("a"))
            .and_then(|a| a.attr("href"))
    };
    let href = inside.or_else(around)?;
    let href = href.trim();
    (!href.is_empty() && !href.starts_with('#') && !href.starts_with("javascript:"))
        .then(|| href.to_string())
}

fn text_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Lowercase words joined by single spaces, so text compares across markup.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(n: usize) -> String {
        format!(
            "<article class=post-card><a href=/post-{n}/><h2>Post number {n}</h2>\
             <p>An excerpt of post {n}, a sentence or two long.</p></a></article>"
        )
    }

    #[test]
    fn a_feed_of_cards_is_found_and_holds_a_card() {
        let html = format!(
            "<main><div class=feed>{}</div></main>",
            (1..=6).map(card).collect::<String>()
        );
        let feed = post_feed(&Document::from(html.as_str())).unwrap();
        assert!(feed.holds_most_of(
            "<h3>Post number 2</h3><p>An excerpt of post 2, a sentence or two long.</p>"
        ));
        assert!(!feed.holds_most_of("<p>Something else entirely, written for this page.</p>"));
    }

    #[test]
    fn two_cards_or_one_repeated_link_are_no_feed() {
        let two = format!("<div>{}{}</div>", card(1), card(2));
        assert!(post_feed(&Document::from(two.as_str())).is_none());
        let same = format!("<div>{}{}{}</div>", card(1), card(1), card(1));
        assert!(post_feed(&Document::from(same.as_str())).is_none());
    }

    #[test]
    fn section_headings_with_edit_links_are_no_cards() {
        let html: String = (1..=5)
            .map(|n| format!("<h2>Section {n}<a href=/edit?s={n}>edit</a></h2><p>Text {n}</p>"))
            .collect();
        assert!(post_feed(&Document::from(format!("<div>{html}</div>").as_str())).is_none());
        let linked: String = (1..=5)
            .map(|n| format!("<h2><a href=/a/{n}>Story {n}</a></h2><p>Text {n}</p>"))
            .collect();
        assert!(post_feed(&Document::from(format!("<div>{linked}</div>").as_str())).is_none());
    }

    #[test]
    fn an_article_with_inline_related_cards_is_no_feed() {
        let para = "<p>A paragraph of the article itself, long enough to matter here.</p>";
        let html: String = (1..=4)
            .map(|n| format!("{para}{para}{}", card(n)))
            .collect();
        assert!(post_feed(&Document::from(format!("<div>{html}</div>").as_str())).is_none());
    }

    #[test]
    fn whole_posts_are_no_cards() {
        let long = "word ".repeat(400);
        let html: String = (1..=4)
            .map(|n| format!("<article><h2><a href=/p{n}>Post {n}</a></h2><p>{long}</p></article>"))
            .collect();
        assert!(post_feed(&Document::from(format!("<div>{html}</div>").as_str())).is_none());
    }
}
