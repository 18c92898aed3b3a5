//! Finding the article: dom_smoothie (a faithful Rust port of Readability.js) picks the main
//! content; we read the metadata and the page's links first, from the untouched document.

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};

use crate::backlinks::{self, PageLink};
use crate::error::DraftError;
use crate::metadata::{self, Metadata};
use crate::page::Page;

/// The article as found on the page, before it is rewritten for Medium.
#[derive(Debug, Clone)]
pub struct ExtractedArticle {
    /// The article body's HTML as the extractor returns it (any tags, absolute URLs where possible).
    pub content_html: String,
    pub metadata: Metadata,
    /// Every link of the page with its text, for picking the author's other posts.
    pub page_links: Vec<PageLink>,
}

/// Extracts the article and its metadata from a captured page.
pub fn extract(page: &Page) -> Result<ExtractedArticle, DraftError> {
    if !looks_like_text(&page.html) {
        return Err(DraftError::NotHtml);
    }
    let doc = Document::from(page.html.as_str());
    let base = page.url.as_ref();
    let metadata = metadata::read(&doc, base);
    let page_links = backlinks::page_links(&doc, base);

    let content_html = match page
        .selection_html
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(selection) => selection.to_string(),
        None => {
            let config = Config {
                max_elements_to_parse: 0,
                // The dialect rewrite recognises footnotes, code gutters, math and callouts by
                // their classes; it drops every attribute itself.
                keep_classes: true,
                ..Config::default()
            };
            let url = base.map(|u| u.as_str());
            let mut readability = Readability::with_document(doc, url, Some(config))
                .map_err(|_| DraftError::NoArticle)?;
            match readability.parse() {
                Ok(article) => article.content.to_string(),
                Err(ReadabilityError::GrabFailed) => return Err(DraftError::NoArticle),
                Err(_) => return Err(DraftError::NoArticle),
            }
        }
    };
    Ok(ExtractedArticle {
        content_html,
        metadata,
        page_links,
    })
}

/// Rejects empty input and binary data (many NULs or control bytes) before parsing.
fn looks_like_text(html: &str) -> bool {
    let sample: Vec<char> = html.chars().take(4096).collect();
    if sample.iter().all(|c| c.is_whitespace()) {
        return false;
    }
    let control = sample
        .iter()
        .filter(|&&c| (c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}')
        .count();
    control * 10 < sample.len()
}
