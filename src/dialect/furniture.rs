//! Page furniture that must never reach Medium: scripts, styles, forms, share buttons, comment
//! sections, newsletter boxes, hidden elements and heading permalink icons.

use dom_query::{Document, NodeRef};

use super::is_attached;

/// Elements removed with everything inside them.
const REMOVED: &str = "script, style, template, link, meta, noscript, svg, canvas, button, input, \
                       select, textarea, dialog, object, embed, iframe, frame";

/// Words (parts of a class name split at `-` and `_`) naming boxes that are not the article.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharedaddy",
    "addtoany",
    "a2a",
    "social",
    "comments",
    "commentlist",
    "disqus",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "mailchimp",
    "convertkit",
    "optin",
    "relatedposts",
    "yarpp",
    "adsbygoogle",
    "advertisement",
];

/// Whole ids of such boxes (ids are often heading slugs, so only exact names count).
const FURNITURE_IDS: &[&str] = &[
    "comments",
    "disqus_thread",
    "respond",
    "share",
    "sharing",
    "newsletter",
    "subscribe",
    "related-posts",
    "jp-relatedposts",
    "mc_embed_signup",
    "social-share",
];

/// Elements that can be such a box (never inline text, never code).
const BOX_ELEMENTS: &[&str] = &[
    "div", "section", "aside", "ul", "ol", "nav", "footer", "header", "form", "p", "table",
    "figure",
];

/// Removes the furniture in place.
pub(crate) fn remove(doc: &Document) {
    doc.select(REMOVED).remove();
    let total = visible_len(&doc.root());
    for node in doc.select("[class], [id]").nodes().to_vec() {
        if !BOX_ELEMENTS.iter().any(|b| node.has_name(b)) || !is_attached(&node) {
            continue;
        }
        let class = node.attr("class").unwrap_or_default().to_ascii_lowercase();
        let id = node.attr("id").unwrap_or_default().to_ascii_lowercase();
        let furniture = class
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|word| FURNITURE_WORDS.contains(&word))
            || FURNITURE_IDS.contains(&id.as_str());
        // Never take a box holding much of the article (a wrapper with a misleading class).
        if furniture && visible_len(&node) * 3 < total.max(1) {
            node.remove_from_parent();
        }
    }
    for form in doc.select("form").nodes().to_vec() {
        if is_attached(&form) && visible_len(&form) < 500 {
            form.remove_from_parent();
        }
    }
    for node in doc
        .select("[hidden], [style], [aria-hidden]")
        .nodes()
        .to_vec()
    {
        if is_attached(&node) && is_hidden(&node) {
            node.remove_from_parent();
        }
    }
    remove_heading_permalinks(doc);
}

fn visible_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let style = style.replace(char::is_whitespace, "").to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    // Decorative bits hidden from screen readers (icons, "#" anchors), never real paragraphs.
    node.attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
        && node.find(&["img"]).is_empty()
        && !node.has_name("img")
        && node.text().split_whitespace().count() <= 2
}

/// `<h2>Title <a href="#title">#</a></h2>`: the anchor is navigation, not text.
fn remove_heading_permalinks(doc: &Document) {
    for link in doc
        .select("h1 a, h2 a, h3 a, h4 a, h5 a, h6 a")
        .nodes()
        .to_vec()
    {
        let text = link.text();
        let text = text.trim();
        let symbol = matches!(
            text,
            "" | "#" | "¶" | "§" | "🔗" | "link" | "Link" | "Permalink"
        );
        let class = link.attr("class").unwrap_or_default().to_ascii_lowercase();
        let anchor_class = [
            "anchor",
            "headerlink",
            "permalink",
            "hash-link",
            "heading-link",
        ]
        .iter()
        .any(|c| class.contains(c));
        let in_page = link.attr("href").is_some_and(|h| h.contains('#'));
        if symbol && (in_page || anchor_class) {
            link.remove_from_parent();
        }
    }
}

/// Callouts and admonitions (Obsidian, GitHub alerts, MkDocs/Sphinx, Hugo, Bootstrap) become
/// quotes whose first paragraph is the callout's title in bold, as Medium can show them.
pub(crate) fn callouts_to_quotes(doc: &Document) {
    let selector = ".callout, .markdown-alert, .admonition, div.alert, .notice, .admonitionblock";
    for callout in doc.select(selector).nodes().to_vec() {
        if !is_attached(&callout) || callout.has_name("blockquote") {
            continue;
        }
        // A collapsed callout still holds the author's text.
        for hidden in callout.select_in("[style]") {
            hidden.remove_attr("style");
        }
        let title = callout
            .select_in(
                ".callout-title-inner, .markdown-alert-title, .admonition-title, .alert-heading, \
                 .alert-title, .notice-title, .callout-title, .title",
            )
            .into_iter()
            .next();
        if let Some(title) = title {
            let text = title
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let outer = title
                .ancestors_it(Some(3))
                .find(|a| a.has_class("callout-title"))
                .filter(|a| a.id != callout.id)
                .unwrap_or(title);
            if text.is_empty() {
                outer.remove_from_parent();
            } else {
                outer.replace_with_html(format!(
                    "<p><strong>{}</strong></p>",
                    super::write::escape_text(&text)
                ));
            }
        }
        callout.rename("blockquote");
    }
}

/// Selecting below one node, for the passes above.
trait SelectIn<'a> {
    fn select_in(&self, selector: &str) -> Vec<NodeRef<'a>>;
}

impl<'a> SelectIn<'a> for NodeRef<'a> {
    fn select_in(&self, selector: &str) -> Vec<NodeRef<'a>> {
        let Ok(matcher) = dom_query::Matcher::new(selector) else {
            return Vec::new();
        };
        self.descendants_it()
            .filter(|d| d.is_element() && d.is_match(&matcher))
            .collect()
    }
}
