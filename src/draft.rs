//! The draft: what the user reviews and what goes to Medium, assembled from every stage.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::catalogue::{related, Post};
use crate::error::DraftError;
use crate::metadata::CanonicalSource;
use crate::page::Page;
use crate::{backlinks, canonical, dialect, extract, markdown};

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
    build_with_posts(page, options, &[])
}

/// [`build`], with the footer's related posts chosen from the blog's known posts (its
/// [`catalogue`](crate::catalogue)) rather than from the page's links; an empty list changes
/// nothing.
pub fn build_with_posts(
    page: &Page,
    options: &Options,
    known_posts: &[Post],
) -> Result<BuiltDraft, DraftError> {
    let base = page.url.as_ref();
    let article = extract::extract(page)?;
    let mut warnings = article.warnings.clone();
    let meta = &article.metadata;

    let body_html = dialect::rewrite(&article.content_html, base, &mut warnings);
    if dialect::text_len(&body_html) == 0 {
        return Err(DraftError::NoArticle);
    }
    warnings.extend(canonical::canonical_warnings(meta, base));

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
        backlinks: if known_posts.is_empty() {
            backlinks::related_posts(&article.page_links, base, meta, options)
        } else {
            let draft_post = related::DraftPost {
                canonical_url: meta.canonical.as_ref().map(|c| &c.url),
                page_url: base,
                title: meta.title.as_deref(),
                tags: &meta.tags,
            };
            related::related_posts(&draft_post, known_posts, options)
        },
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
/// Warnings about the original page are kept; the Markdown's own conversion adds its warnings.
pub fn rebuild_from_markdown(draft: &Draft, body_markdown: &str, options: &Options) -> Draft {
    let mut rebuilt = draft.clone();
    let base = draft
        .canonical_url
        .as_deref()
        .and_then(|u| Url::parse(u).ok());
    // Unedited Markdown keeps the body exactly as built: nothing goes through a conversion twice.
    if body_markdown != markdown::from_dialect_html(&draft.body_html) {
        let mut warnings = Vec::new();
        rebuilt.body_html =
            markdown::to_dialect_html_at(body_markdown, base.as_ref(), &mut warnings);
        for warning in warnings {
            add_warning(&mut rebuilt.warnings, warning);
        }
    }
    fit_to_medium(&mut rebuilt);
    finish(&mut rebuilt, options);
    rebuilt
}

/// Medium's limits: tags per story, tag length, title length (API), subtitle length.
pub const MAX_TAGS: usize = 5;
pub const API_TAGS: usize = 3;
pub const MAX_TAG_CHARS: usize = 25;
pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_SUBTITLE_CHARS: usize = 140;

/// Applies Medium's limits on title, subtitle and tags, warning about each change.
fn fit_to_medium(draft: &mut Draft) {
    let mut kept: Vec<String> = Vec::new();
    let mut too_long: Vec<String> = Vec::new();
    let mut over_limit: Vec<String> = Vec::new();
    for tag in &draft.tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() || kept.iter().any(|k| k.to_lowercase() == tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            too_long.push(tag);
        } else if kept.len() >= MAX_TAGS {
            over_limit.push(tag);
        } else {
            kept.push(tag);
        }
    }
    draft.tags = kept;
    if !too_long.is_empty() || !over_limit.is_empty() {
        let mut parts = Vec::new();
        if !too_long.is_empty() {
            parts.push(format!(
                "longer than {MAX_TAG_CHARS} characters, which Medium ignores: {}",
                quoted(&too_long)
            ));
        }
        if !over_limit.is_empty() {
            parts.push(format!(
                "beyond Medium's {MAX_TAGS} per story: {}",
                quoted(&over_limit)
            ));
        }
        add_warning(
            &mut draft.warnings,
            Warning::new(
                "tag-dropped",
                format!(
                    "{} tag{} left out, {}. Add a shorter tag or swap one in the tags field if it \
                     matters more.",
                    too_long.len() + over_limit.len(),
                    if too_long.len() + over_limit.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    parts.join("; ")
                ),
            ),
        );
    }
    if draft.tags.len() > API_TAGS {
        add_warning(
            &mut draft.warnings,
            Warning::new(
                "tags-api-limit",
                format!(
                    "Medium's API uses only the first {API_TAGS} tags ({}); the others apply \
                     only if you set them in the editor. Put the most important tags first.",
                    quoted(&draft.tags[..API_TAGS])
                ),
            ),
        );
    }
    if let Some(title) = &draft.title {
        let chars = title.chars().count();
        if chars > MAX_TITLE_CHARS {
            add_warning(
                &mut draft.warnings,
                Warning::new(
                    "title-too-long",
                    format!(
                        "The title has {chars} characters; Medium's API ignores titles over                          {MAX_TITLE_CHARS} and makes one up for listings and search. Shorten it."
                    ),
                ),
            );
        }
    }
    if let Some(subtitle) = &draft.subtitle {
        let collapsed = subtitle.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.chars().count() > MAX_SUBTITLE_CHARS {
            let trimmed = trim_at_word(&collapsed, MAX_SUBTITLE_CHARS);
            add_warning(
                &mut draft.warnings,
                Warning::new(
                    "subtitle-trimmed",
                    format!(
                        "The subtitle was cut to {MAX_SUBTITLE_CHARS} characters at a word \
                         boundary (Medium's limit for the search description). Edit it if \
                         the end reads badly."
                    ),
                ),
            );
            draft.subtitle = Some(trimmed);
        } else {
            draft.subtitle = Some(collapsed).filter(|s| !s.is_empty());
        }
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|t| format!("“{t}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis.
fn trim_at_word(text: &str, max: usize) -> String {
    let budget = max.saturating_sub(1);
    let head: String = text.chars().take(budget).collect();
    let next_is_space = text.chars().nth(budget).is_none_or(char::is_whitespace);
    let cut = if next_is_space {
        head.trim_end().to_string()
    } else {
        match head.rfind(char::is_whitespace) {
            Some(space) if space > 0 => head[..space].trim_end().to_string(),
            _ => head,
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != '"');
    format!("{cut}…")
}

/// Adds a warning, replacing an earlier one with the same code (a rebuild re-checks the limits).
fn add_warning(warnings: &mut Vec<Warning>, warning: Warning) {
    match warnings.iter_mut().find(|w| w.code == warning.code) {
        Some(existing) => *existing = warning,
        None => warnings.push(warning),
    }
}

/// Fills the derived fields: `content_html` (title, subtitle, body, footer) and its Markdown.
/// Medium's API shows only what is in the content, so the title and subtitle lead it.
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
