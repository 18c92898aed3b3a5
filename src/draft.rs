//! The draft: what the user reviews and what goes to Medium, assembled from every stage.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::DraftError;
use crate::metadata::CanonicalSource;
use crate::page::Page;
use crate::{backlinks, dialect, extract, markdown, metadata};

/// A Medium-ready draft. The JSON form of this type is the CLI's `--format json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The post's title, without the site name.
    pub title: Option<String>,
    /// The search description: meta/og description, else the first paragraph; ≤ 140 characters.
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601 (`2024-03-01` or `2024-03-01T10:00:00+01:00`).
    pub published: Option<String>,
    /// Where the post really lives: Medium's canonical link points here.
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub lead_image: Option<String>,
    /// BCP 47 language tag of the page (`en`, `fr-CA`).
    pub language: Option<String>,
    /// At most five tags, as Medium takes them.
    pub tags: Vec<String>,
    /// The article body alone in Medium's HTML dialect: no title, no footer.
    pub body_html: String,
    /// What goes to Medium: title and subtitle, the body, the footer with backlinks.
    pub content_html: String,
    /// `content_html` as Markdown.
    pub content_markdown: String,
    /// Links back to the author's other posts, in the order they appear in the footer.
    pub backlinks: Vec<Backlink>,
    /// What was changed or lost on the way, and why.
    pub warnings: Vec<Warning>,
}

/// A link from the Medium post back to another post on the author's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlink {
    pub url: String,
    pub title: String,
}

/// Something the user should know about the draft: a changed construct, a dropped tag, a suspicious
/// canonical. `code` is stable (for tests and the popup); `message` says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

impl Warning {
    /// A warning with a stable code and a message for the user.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// The user's settings for building drafts (CLI flags, later the options page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Footer wording with `{title}`, `{site}`, `{url}`, `{date}` placeholders; may hold `<a>`, `<em>`, `<strong>`.
    pub footer_template: String,
    /// How many links to the author's other posts the footer carries (0 disables them).
    pub related_links: usize,
    /// When set, backlinks (never the canonical URL) get `utm_source=medium&utm_medium=referral&utm_campaign=…`.
    pub utm_campaign: Option<String>,
}

/// The default footer: "Originally published at <Site name>", linked to the canonical URL.
pub const DEFAULT_FOOTER_TEMPLATE: &str = "Originally published at <a href=\"{url}\">{site}</a>.";

impl Default for Options {
    fn default() -> Self {
        Options {
            footer_template: DEFAULT_FOOTER_TEMPLATE.to_string(),
            related_links: 3,
            utm_campaign: None,
        }
    }
}

/// A draft plus what the popup shows about where things came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuiltDraft {
    pub draft: Draft,
    /// Which signal gave the canonical URL (`link rel=canonical`, `og:url`, the page address).
    pub canonical_source: Option<CanonicalSource>,
    /// The site's RSS/Atom feed, when the page declares one.
    pub feed_url: Option<String>,
}

/// Builds the draft for a captured page: extract, rewrite into Medium's dialect, add backlinks.
pub fn build_draft(page: &Page, options: &Options) -> Result<Draft, DraftError> {
    build(page, options).map(|built| built.draft)
}

/// [`build_draft`], keeping the provenance the review popup shows.
pub fn build(page: &Page, options: &Options) -> Result<BuiltDraft, DraftError> {
    let base = page.url.as_ref();
    let article = extract::extract(page)?;
    let mut warnings = article.warnings.clone();
    let meta = &article.metadata;

    let body_html = dialect::rewrite(&article.content_html, base, &mut warnings);
    if dialect::text_len(&body_html) == 0 {
        return Err(DraftError::NoArticle);
    }
    warnings.extend(metadata::canonical_warnings(meta, base));

    let mut draft = Draft {
        title: meta.title.clone(),
        subtitle: meta.description.clone(),
        author: meta.author.clone(),
        published: meta.published.clone(),
        canonical_url: meta.canonical.as_ref().map(|c| c.url.to_string()),
        site_name: meta.site_name.clone(),
        lead_image: meta.lead_image.as_ref().map(Url::to_string),
        language: meta.language.clone(),
        tags: meta.tags.clone(),
        body_html,
        content_html: String::new(),
        content_markdown: String::new(),
        backlinks: backlinks::related_posts(&article.page_links, meta, options),
        warnings,
    };
    fit_to_medium(&mut draft);
    finish(&mut draft, options);
    Ok(BuiltDraft {
        canonical_source: meta.canonical.as_ref().map(|c| c.source),
        feed_url: meta.feed_url.as_ref().map(Url::to_string),
        draft,
    })
}

/// Rebuilds a draft from Markdown the user edited in the popup: the body comes from the Markdown,
/// everything else from `draft` (title, tags, canonical, backlinks as the user left them).
pub fn rebuild_from_markdown(draft: &Draft, body_markdown: &str, options: &Options) -> Draft {
    let mut rebuilt = draft.clone();
    let mut warnings = Vec::new();
    rebuilt.body_html = markdown::to_dialect_html(body_markdown, &mut warnings);
    rebuilt.warnings = warnings;
    fit_to_medium(&mut rebuilt);
    finish(&mut rebuilt, options);
    rebuilt
}

/// Applies Medium's limits on title, subtitle and tags, warning about each change.
fn fit_to_medium(draft: &mut Draft) {
    draft.tags.truncate(5);
}

/// Fills the derived fields: `content_html` (title, subtitle, body, footer) and its Markdown.
fn finish(draft: &mut Draft, options: &Options) {
    let footer = backlinks::footer_html(draft, options);
    let mut content = String::new();
    if let Some(title) = &draft.title {
        content.push_str(&format!("<h1>{}</h1>", dialect::escape_text(title)));
    }
    if let Some(subtitle) = &draft.subtitle {
        content.push_str(&format!("<h2>{}</h2>", dialect::escape_text(subtitle)));
    }
    content.push_str(&draft.body_html);
    content.push_str(&footer);
    draft.content_markdown = markdown::from_dialect_html(&content);
    draft.content_html = content;
}
