//! What the content script on Medium's editor receives: the title and the body to paste, and
//! the things the editor cannot take from a paste (canonical link, tags, subtitle) for the
//! checklist. Never the token.

use serde::{Deserialize, Serialize};

use dom_query::Document;

use crate::draft::Draft;
use crate::limits::{self, MAX_TAGS};
use crate::{dialect, markdown};

/// Medium's page for a new story: the only page the editor content script runs on.
pub const NEW_STORY_URL: &str = "https://medium.com/new-story";

/// The draft as the editor path needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorHandoff {
    /// Pasted into the title line.
    pub title: String,
    /// The body as HTML for the `text/html` flavour of the paste: the body and the footer with
    /// backlinks, without the `<h1>` title and `<h2>` subtitle that open `content_html`
    /// (the title has its own line, the subtitle goes in the story settings).
    pub body_html: String,
    /// The same body as readable text (Markdown) for the `text/plain` flavour.
    pub body_text: String,
    /// The body's first words as plain text: once they show up in the editor, the paste took.
    pub probe_text: String,
    /// For the checklist: set by hand under Story settings → Advanced settings.
    pub canonical_url: Option<String>,
    /// For the checklist: added when publishing.
    pub tags: Vec<String>,
    /// For the checklist: the preview subtitle set when publishing.
    pub subtitle: Option<String>,
    /// For the checklist: the body's images, which Medium's paste is reported to drop (to be
    /// dragged in by hand when missing).
    pub image_urls: Vec<String>,
}

/// Splits a draft into what is pasted and what the checklist shows. The paste is the content
/// after its title and subtitle (the body and the footer), read once for its text and images.
pub fn handoff(draft: &Draft) -> EditorHandoff {
    let body_html = draft.content_after_head().trim().to_string();
    let paste = Document::fragment(body_html.as_str());
    EditorHandoff {
        title: draft
            .title
            .as_deref()
            .map(limits::collapse_whitespace)
            .unwrap_or_default(),
        body_text: markdown::write(&dialect::read_dialect(&paste.root())),
        probe_text: first_words(&paste, PROBE_CHARS),
        image_urls: image_urls(&paste),
        body_html,
        canonical_url: draft
            .canonical_url
            .as_deref()
            .and_then(crate::urls::parse_http)
            .map(|u| u.to_string()),
        tags: limits::fit_tags(&draft.tags, MAX_TAGS).kept,
        subtitle: draft
            .subtitle
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    }
}

/// Enough text to recognise the body in the editor, short enough to survive Medium's reflow.
const PROBE_CHARS: usize = 80;

/// The first `max` characters of the first block with enough text to be recognisable (a
/// caption is never used: Medium may drop images with their captions), whitespace collapsed,
/// cut at a word.
fn first_words(doc: &Document, max: usize) -> String {
    let blocks: Vec<String> = doc
        .select("p, h3, h4, blockquote, pre, li")
        .iter()
        .map(|block| block.text().to_string())
        .filter(|text| !text.trim().is_empty())
        .collect();
    let alphanumerics = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
    let text = blocks
        .iter()
        .find(|text| alphanumerics(text) >= 16)
        .or(blocks.first())
        .cloned()
        .unwrap_or_else(|| doc.root().text().to_string());
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.chars().take(max).collect()
}

fn image_urls(doc: &Document) -> Vec<String> {
    doc.select("img[src]")
        .iter()
        .filter_map(|img| img.attr("src").map(|src| src.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: Option<&str>, subtitle: Option<&str>, content_html: &str) -> Draft {
        Draft {
            title: title.map(str::to_string),
            subtitle: subtitle.map(str::to_string),
            author: None,
            published: None,
            canonical_url: Some("https://blog.example/post?utm_source=x".into()),
            site_name: None,
            lead_image: None,
            language: None,
            tags: vec![
                "One".into(),
                " ".into(),
                "Two".into(),
                "Three".into(),
                "Four".into(),
                "Five".into(),
                "Six".into(),
            ],
            body_html: String::new(),
            content_html: content_html.into(),
            content_markdown: String::new(),
            backlinks: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn the_body_to_paste_has_neither_title_nor_subtitle() {
        let handoff = handoff(&draft(
            Some("Fish &amp; chips"),
            Some("A subtitle"),
            "<h1>Fish &amp;amp; chips</h1><h2>A subtitle</h2><p>First.</p><h3>Part</h3>\
             <p>Originally published at <a href=\"https://blog.example/post\">Blog</a>.</p>",
        ));
        assert_eq!(
            handoff.body_html,
            "<p>First.</p><h3>Part</h3><p>Originally published at \
             <a href=\"https://blog.example/post\">Blog</a>.</p>"
        );
        assert!(
            handoff.body_text.contains("First."),
            "{}",
            handoff.body_text
        );
        assert!(
            handoff.body_text.contains("## Part"),
            "{}",
            handoff.body_text
        );
        assert!(!handoff.body_text.contains("subtitle"));
        assert_eq!(handoff.subtitle.as_deref(), Some("A subtitle"));
        assert_eq!(handoff.probe_text, "Originally published at Blog.");
        assert!(handoff.image_urls.is_empty());
    }

    #[test]
    fn images_are_listed_for_the_checklist() {
        let h = handoff(&draft(
            Some("T"),
            None,
            "<h1>T</h1><figure><img src=\"https://blog.example/a.png\" alt=\"A\">\
             <figcaption>A</figcaption></figure><p>x <img src=\"https://blog.example/b.jpg\"></p>",
        ));
        assert_eq!(
            h.image_urls,
            vec!["https://blog.example/a.png", "https://blog.example/b.jpg"]
        );
        assert_eq!(h.probe_text, "x");
    }

    #[test]
    fn the_probe_is_the_start_of_the_body_text_cut_at_a_word() {
        let words = "lorem ipsum dolor ".repeat(20);
        let h = handoff(&draft(
            Some("T"),
            None,
            &format!("<h1>T</h1><p>{words}</p>"),
        ));
        assert!(h.probe_text.chars().count() <= PROBE_CHARS);
        assert!(h.probe_text.starts_with("lorem ipsum dolor lorem"));
        assert!(
            h.probe_text.ends_with("lorem")
                || h.probe_text.ends_with("ipsum")
                || h.probe_text.ends_with("dolor")
        );
        let long_word = "x".repeat(200);
        let h = handoff(&draft(Some("T"), None, &format!("<p>{long_word}</p>")));
        assert_eq!(h.probe_text.chars().count(), PROBE_CHARS);
    }

    #[test]
    fn a_draft_without_subtitle_or_title_keeps_its_whole_body() {
        let h = handoff(&draft(Some("T"), None, "<h1>T</h1><p>Body.</p>"));
        assert_eq!(h.body_html, "<p>Body.</p>");
        let h = handoff(&draft(
            None,
            None,
            "<p>Body.</p><h2>not a subtitle here</h2>",
        ));
        assert_eq!(h.body_html, "<p>Body.</p><h2>not a subtitle here</h2>");
        assert_eq!(h.title, "");
    }

    #[test]
    fn the_checklist_gets_five_tags_and_the_canonical_url() {
        let h = handoff(&draft(Some("T"), Some("  "), "<h1>T</h1><p>x</p>"));
        assert_eq!(h.tags, vec!["One", "Two", "Three", "Four", "Five"]);
        assert_eq!(
            h.canonical_url.as_deref(),
            Some("https://blog.example/post?utm_source=x")
        );
        assert_eq!(h.subtitle, None);
    }
}
