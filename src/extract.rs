//! Finding the article: dom_smoothie (a faithful Rust port of Readability.js) picks the main
//! content; around it we bound the page's nesting, read metadata and links from the untouched
//! page, narrow the search to the page's own article container, and strip boilerplate.

mod boilerplate;
mod depth;
mod guards;
mod images;
pub mod links;
mod listing;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use crate::error::DraftError;
use crate::limits::{self, MAX_SUBTITLE_CHARS};
use crate::metadata::{self, Metadata};
use crate::page::Page;
use crate::warning::{Warning, WarningCode};
use links::PageLink;

/// Elements deeper than this are unwrapped before extraction: real pages stay under ~60, and every
/// walk after this point (the parser's, ours, dom_smoothie's, the serializer's) is bounded by it.
pub const MAX_DOM_DEPTH: usize = 128;

/// Pages with more elements than this skip Readability's scoring (whose cost grows with the
/// element count) and fall back to the page's article container.
pub const MAX_ELEMENTS_TO_SCORE: usize = 200_000;

/// The article as found on the page, before it is rewritten for Medium.
#[derive(Debug, Clone)]
pub struct ExtractedArticle {
    /// The article body's HTML as the extractor returns it (any tags, absolute URLs where possible).
    pub content_html: String,
    /// What the untouched page says about the article (title, author, date…).
    pub metadata: Metadata,
    /// Every link of the page with its text, for picking the author's other posts.
    pub page_links: Vec<PageLink>,
    /// What extraction had to degrade on this page (flattened nesting, a page too big to score).
    pub warnings: Vec<Warning>,
}

/// Extracts the article and its metadata from a captured page.
pub fn extract(page: &Page) -> Result<ExtractedArticle, DraftError> {
    if !looks_like_text(&page.html) {
        return Err(DraftError::NotHtml);
    }
    let mut warnings = Vec::new();
    // The parser itself is quadratic in nesting depth, so excess nesting goes before parsing;
    // the tree walk afterwards catches what the parser nests on its own (misnested tags).
    let capped = depth::cap_nesting(&page.html, MAX_DOM_DEPTH);
    let doc = Document::from(capped.html.as_ref());
    let bounded = depth::bound_depth(&doc, MAX_DOM_DEPTH);
    if capped.dropped_tags > 0 || bounded.unwrapped > 0 {
        warnings.push(deep_nesting_warning());
    }
    let base = page.url.as_ref();
    let mut metadata = metadata::read(&doc, base);
    let page_links = links::page_links(&doc, base);

    let content_html = match page
        .selection_html
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        // The user's choice is kept as is, only bounded like the page.
        Some(selection) => {
            let capped = depth::cap_nesting(selection, MAX_DOM_DEPTH);
            if capped.dropped_tags > 0 && warnings.is_empty() {
                warnings.push(deep_nesting_warning());
            }
            capped.html.into_owned()
        }
        None => {
            let found = find_article(doc, page, &metadata, bounded.elements, &mut warnings)?;
            if metadata.author.is_none() {
                metadata.author = found.byline.as_deref().and_then(metadata::clean_byline);
            }
            found.content_html
        }
    };
    if metadata.description.is_none() {
        metadata.description = metadata::first_paragraph(&content_html);
    }
    Ok(ExtractedArticle {
        content_html,
        metadata,
        page_links,
        warnings,
    })
}

fn deep_nesting_warning() -> Warning {
    Warning::new(
        WarningCode::DeepNestingFlattened,
        format!(
            "The page nests its elements more than {MAX_DOM_DEPTH} levels deep; the deepest \
             parts were flattened into plain text and images. Check that part of the draft."
        ),
    )
}

/// What Readability found: the cleaned body and the byline it spotted in the text.
struct FoundArticle {
    content_html: String,
    byline: Option<String>,
}

/// Runs Readability on the page (or, for huge pages, takes the article container as is) and
/// cleans what it returns.
fn find_article(
    doc: Document,
    page: &Page,
    metadata: &Metadata,
    element_count: usize,
    warnings: &mut Vec<Warning>,
) -> Result<FoundArticle, DraftError> {
    if element_count > MAX_ELEMENTS_TO_SCORE {
        warnings.push(Warning::new(
            WarningCode::PageTooLarge,
            format!(
                "The page has {element_count} elements, too many to analyse quickly; the draft \
                 holds the page's main container as is. Remove what is not part of the post."
            ),
        ));
        let content_html = boilerplate::fallback_container(&doc).ok_or(DraftError::NoArticle)?;
        return Ok(FoundArticle {
            content_html,
            byline: None,
        });
    }
    // A page that does not say it is an article may be a listing of post cards.
    let feed = (!metadata.declares_article)
        .then(|| listing::post_feed(&doc))
        .flatten();
    narrow_to_body_container(&doc, metadata);
    guards::defuse_video_url_check(&doc);
    images::give_pictures_an_address(&doc);
    // Readability merges wrappers and their attributes; remember which were marked boilerplate.
    boilerplate::mark(&doc);
    boilerplate::mark_titled_article(&doc, metadata.title.as_deref());
    let config = Config {
        max_elements_to_parse: 0,
        // Classes and ids tell boilerplate apart; the dialect rewrite drops them afterwards.
        keep_classes: true,
        ..Config::default()
    };
    let url = page.url.as_ref().map(|u| u.as_str());
    let mut readability =
        Readability::with_document(doc, url, Some(config)).map_err(|_| DraftError::NoArticle)?;
    let article = readability.parse().map_err(|_| DraftError::NoArticle)?;
    if feed.is_some_and(|feed| feed.holds_most_of(&article.content)) {
        return Err(DraftError::NoArticle);
    }
    // A dek that repeats the description goes: the draft's subtitle shows it above the body.
    // Not when Medium's subtitle limit will cut the description, or its end would be lost.
    let dek = metadata
        .description
        .as_deref()
        .filter(|d| limits::collapse_whitespace(d).chars().count() <= MAX_SUBTITLE_CHARS);
    Ok(FoundArticle {
        content_html: boilerplate::strip(&article.content, metadata.title.as_deref(), dek),
        byline: article.byline,
    })
}

/// Leaves only the page's post-body container in `<body>` (when the page marks one), with the
/// post's featured image on top when the theme puts it above the container.
fn narrow_to_body_container(doc: &Document, metadata: &Metadata) {
    let (Some(container), Some(body)) = (boilerplate::body_container(doc), doc.body()) else {
        return;
    };
    if let Some(featured) =
        images::featured_image_outside(doc, &container, metadata.lead_image.as_ref())
    {
        featured.remove_from_parent();
        container.prepend_child(&featured);
    }
    container.remove_from_parent();
    body.remove_children();
    body.append_child(&container);
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
