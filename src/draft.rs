//! The draft: what the user reviews and what goes to Medium, assembled from every stage.

use dom_query::Document;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::backlinks::{self, Backlink};
use crate::catalogue::{related, Post};
use crate::dialect::blocks::{self, Block};
use crate::dialect::read;
use crate::error::DraftError;
use crate::limits::{
    self, FittedTags, API_TAGS, MAX_SUBTITLE_CHARS, MAX_TAGS, MAX_TAG_CHARS, MAX_TITLE_CHARS,
};
use crate::metadata::CanonicalSource;
use crate::options::Options;
use crate::page::Page;
use crate::warning::{Warning, WarningCode};
use crate::{canonical, dialect, extract, markdown};

/// A Medium-ready draft. The JSON form of this type is the CLI's `--format json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The post's title, without the site name.
    pub title: Option<String>,
    /// The search description: meta/og description, else the first paragraph; ≤ 140 characters.
    pub subtitle: Option<String>,
    /// The author's name(s) as the page gives them.
    pub author: Option<String>,
    /// Publication date, ISO 8601 (`2024-03-01` or `2024-03-01T10:00:00+01:00`).
    pub published: Option<String>,
    /// Where the post really lives: Medium's canonical link points here.
    pub canonical_url: Option<String>,
    /// The site's name, for the footer ("Originally published at …").
    pub site_name: Option<String>,
    /// The post's main image, absolute: Medium's preview image.
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

/// A draft plus what the popup shows about where things came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuiltDraft {
    /// The draft itself, as `build_draft` returns it.
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

    let body = dialect::rewrite_to_blocks(&article.content_html, base, &mut warnings);
    if blocks::text_len(&body) == 0 {
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
        body_html: dialect::write_html(&body),
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
    finish(&mut draft, body, options);
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
    let mut body = dialect::read_dialect(&Document::fragment(draft.body_html.as_str()).root());
    if body_markdown != markdown::write(&body) {
        let mut warnings = Vec::new();
        body = markdown::to_dialect_blocks(body_markdown, base.as_ref(), &mut warnings);
        rebuilt.body_html = dialect::write_html(&body);
        for warning in warnings {
            add_warning(&mut rebuilt.warnings, warning);
        }
    }
    fit_to_medium(&mut rebuilt);
    finish(&mut rebuilt, body, options);
    rebuilt
}

/// Applies Medium's limits on title, subtitle and tags, warning about each change.
fn fit_to_medium(draft: &mut Draft) {
    let FittedTags {
        kept,
        too_long,
        over_limit,
    } = limits::fit_tags(&draft.tags, MAX_TAGS);
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
                WarningCode::TagDropped,
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
                WarningCode::TagsApiLimit,
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
                    WarningCode::TitleTooLong,
                    format!(
                        "The title has {chars} characters; Medium's API ignores titles over \
                         {MAX_TITLE_CHARS} and makes one up for listings and search. Shorten it."
                    ),
                ),
            );
        }
    }
    if let Some(subtitle) = &draft.subtitle {
        let collapsed = limits::collapse_whitespace(subtitle);
        if collapsed.chars().count() > MAX_SUBTITLE_CHARS {
            let trimmed = limits::cut_at_word(&collapsed, MAX_SUBTITLE_CHARS);
            add_warning(
                &mut draft.warnings,
                Warning::new(
                    WarningCode::SubtitleTrimmed,
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

/// Adds a warning, replacing an earlier one with the same code (a rebuild re-checks the limits).
fn add_warning(warnings: &mut Vec<Warning>, warning: Warning) {
    match warnings.iter_mut().find(|w| w.code == warning.code) {
        Some(existing) => *existing = warning,
        None => warnings.push(warning),
    }
}

/// Fills the derived fields from the story's blocks: `content_html` (title, subtitle, body,
/// footer) and its Markdown, both written once. Medium's API shows only what is in the content,
/// so the title and subtitle lead it; `body` is what `draft.body_html` was written from.
fn finish(draft: &mut Draft, body: Vec<Block>, options: &Options) {
    let footer = Footer::of(draft, options);
    let mut content = head_html(draft.title.as_deref(), draft.subtitle.as_deref());
    content.push_str(&draft.body_html);
    content.push_str(&footer.html);
    let mut story: Vec<Block> = [(1, &draft.title), (2, &draft.subtitle)]
        .into_iter()
        .filter_map(|(level, text)| read::text_heading(level, text.as_deref()?))
        .collect();
    story.extend(body);
    if !footer.blocks.is_empty() {
        // The rule above the footer, where a reader of the whole content keeps one: after
        // something, never first.
        if !story.is_empty() {
            story.push(Block::Rule);
        }
        story.extend(footer.blocks);
    }
    draft.content_markdown = markdown::write(&story);
    draft.content_html = content;
}

/// The `<h1>` title and `<h2>` subtitle that open `content_html`, as plain escaped text.
fn head_html(title: Option<&str>, subtitle: Option<&str>) -> String {
    let mut head = String::new();
    if let Some(title) = title {
        head.push_str(&format!("<h1>{}</h1>", dialect::escape_text(title)));
    }
    if let Some(subtitle) = subtitle {
        head.push_str(&format!("<h2>{}</h2>", dialect::escape_text(subtitle)));
    }
    head
}

impl Draft {
    /// `content_html` after its title and subtitle (the body and the footer), found by writing
    /// the head again from `title` and `subtitle`; the whole content when it does not start with
    /// that head (a draft whose fields were changed without rebuilding it).
    pub fn content_after_head(&self) -> &str {
        let head = head_html(self.title.as_deref(), self.subtitle.as_deref());
        self.content_html
            .strip_prefix(head.as_str())
            .unwrap_or(&self.content_html)
    }
}

/// The footer under the body: a rule, the template filled in, then the related posts.
struct Footer {
    /// Its blocks, without the rule (which goes where the story needs it).
    blocks: Vec<Block>,
    /// Its HTML, the rule included; empty when there is no footer.
    html: String,
}

impl Footer {
    /// The footer for `draft`: none without a canonical URL to link to. The template is the
    /// user's HTML, so it goes through the dialect rewrite like the body.
    fn of(draft: &Draft, options: &Options) -> Footer {
        let none = Footer {
            blocks: Vec::new(),
            html: String::new(),
        };
        let Some(url) = &draft.canonical_url else {
            return none;
        };
        let canonical = Url::parse(url).ok();
        let site = draft.site_name.clone().unwrap_or_else(|| {
            canonical
                .as_ref()
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.strip_prefix("www.").unwrap_or(h).to_string())
                })
                .unwrap_or_default()
        });
        let date = draft
            .published
            .as_deref()
            .map(|d| {
                d.get(..10)
                    .filter(|day| day.chars().nth(4) == Some('-'))
                    .unwrap_or(d)
            })
            .unwrap_or("");
        let filled = options
            .footer_template
            .replace(
                "{title}",
                &dialect::escape_text(draft.title.as_deref().unwrap_or("")),
            )
            .replace("{site}", &dialect::escape_text(&site))
            .replace("{url}", &dialect::escape_attr(url))
            .replace("{date}", &dialect::escape_text(date));
        let mut html = format!("<p>{filled}</p>");
        if !draft.backlinks.is_empty() {
            html.push_str(&format!(
                "<p>More from {}:</p><ul>",
                dialect::escape_text(&site)
            ));
            for link in &draft.backlinks {
                html.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    dialect::escape_attr(&link.url),
                    dialect::escape_text(&link.title)
                ));
            }
            html.push_str("</ul>");
        }
        let mut ignored = Vec::new();
        let blocks = dialect::rewrite_to_blocks(&html, canonical.as_ref(), &mut ignored);
        if blocks.is_empty() {
            return none;
        }
        let html = format!("<hr>{}", dialect::write_html(&blocks));
        Footer { blocks, html }
    }
}
