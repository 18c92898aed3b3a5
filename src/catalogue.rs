//! A blog's list of posts, read from what the blog publishes: RSS 2.0, Atom, JSON Feed and
//! sitemaps. Sans-IO like the Medium client: [`read_source`] turns one fetched body into posts
//! and the further addresses worth fetching, and [`Listing`] decides what to fetch next, within
//! bounds, and merges the posts by canonical address. [`discover`] finds where the lists are from
//! a page of the blog; [`related`] chooses a draft's related posts from the list.

mod atom;
pub mod discover;
mod json_feed;
mod listing;
pub mod related;
mod rss;
mod sitemap;
mod xml;

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::metadata::date;
use crate::urls;
use crate::warning::{Warning, WarningCode};

pub use listing::{Fetch, FetchFailure, Limits, Listing};

/// One post of the blog, as its list gives it. The JSON form is the CLI's `posts` output and what
/// the extension caches per blog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Absolute, without tracking parameters or fragment.
    pub url: String,
    /// Plain text, entities and markup removed; `None` for sitemap entries.
    pub title: Option<String>,
    /// ISO 8601, like the draft's `published`.
    pub published: Option<String>,
    /// Tags and categories, as the source writes them (feeds have them, sitemaps do not).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Where a post's date came from, weakest last: a feed's publication date beats the date in a
/// URL path, which beats a sitemap's `lastmod` (the last change, all a sitemap gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    /// A sitemap's `lastmod`: when the post last changed.
    Modified,
    /// A date in the address (`/2019/03/14/`).
    UrlPath,
    /// The feed's own publication date.
    Published,
}

/// A post as one source lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The post as far as this source knows it.
    pub post: Post,
    /// `None` when the post has no date.
    pub date_origin: Option<DateOrigin>,
}

/// What kind of list a body turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// RSS 2.0 (and RSS 0.9x / 1.0).
    Rss,
    /// Atom 1.0 (Blogger, Jekyll, many Hugo themes).
    Atom,
    /// JSON Feed 1.x.
    JsonFeed,
    /// A sitemap `urlset`.
    Sitemap,
    /// A `sitemapindex`: only other sitemaps.
    SitemapIndex,
    /// `robots.txt`, read for its `Sitemap:` lines.
    Robots,
}

impl SourceFormat {
    /// Whether this is a feed (posts with titles) rather than a sitemap or robots.txt.
    pub fn is_feed(self) -> bool {
        matches!(
            self,
            SourceFormat::Rss | SourceFormat::Atom | SourceFormat::JsonFeed
        )
    }
}

/// An address a source says is worth fetching too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    /// The address, absolute.
    pub url: Url,
    /// The next page of a paginated feed (same depth), or a sitemap an index lists (one deeper).
    pub next_page: bool,
}

/// One fetched body, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// What the body turned out to be.
    pub format: SourceFormat,
    /// In the source's order, not yet filtered for non-posts.
    pub found: Vec<Found>,
    /// Further addresses this source points at (next pages, sub-sitemaps).
    pub follow: Vec<Follow>,
    /// What was skipped or cut, and why.
    pub warnings: Vec<Warning>,
}

/// Why a body holds no list of posts. Each message says what the body was and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueError {
    /// The body is empty or only whitespace.
    Empty,
    /// An HTML page where a feed or sitemap was expected (often a "not found" page served as 200).
    Html,
    /// Something else: JSON that is not a JSON Feed, XML with another root, plain text.
    Unrecognised(String),
    /// XML that breaks before any post could be read.
    BrokenXml {
        /// Byte offset of the fault.
        at: u64,
        /// The parser's description of the fault.
        reason: String,
    },
    /// XML that declares entities (an entity bomb, or an external entity), refused unread.
    DeclaresEntities,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const WHAT: &str = "an RSS, Atom or JSON feed, nor a sitemap";
        match self {
            CatalogueError::Empty => write!(f, "The file is empty: it is not {WHAT}."),
            CatalogueError::Html => write!(
                f,
                "This is an HTML page, not {WHAT}. Give the address of the blog's feed (its \
                 <link rel=\"alternate\"> in the page's head) or of its sitemap.xml."
            ),
            CatalogueError::Unrecognised(what) => write!(f, "This is {what}, not {WHAT}."),
            CatalogueError::BrokenXml { at, reason } => write!(
                f,
                "The XML is broken at byte {at} ({reason}) before any post could be read; \
                 the blog's feed or sitemap needs fixing."
            ),
            CatalogueError::DeclaresEntities => write!(
                f,
                "This XML declares entities (<!ENTITY …>), which feeds and sitemaps never need; \
                 it was refused unread so that an entity bomb cannot exhaust memory."
            ),
        }
    }
}

impl std::error::Error for CatalogueError {}

impl CatalogueError {
    /// A short stable code for programs and the extension.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogueError::Empty => "empty",
            CatalogueError::Html => "html",
            CatalogueError::Unrecognised(_) => "not-a-feed",
            CatalogueError::BrokenXml { .. } => "broken-xml",
            CatalogueError::DeclaresEntities => "xml-entities",
        }
    }
}

/// Reads one fetched body: a feed or a sitemap, told apart by its content, not its address.
/// `address` is where the body came from: relative links resolve against it. At most `max_posts`
/// posts are read.
pub fn read_source(
    body: &str,
    address: Option<&Url>,
    max_posts: usize,
) -> Result<Source, CatalogueError> {
    let body = body.trim_start_matches('\u{feff}').trim();
    if body.is_empty() {
        return Err(CatalogueError::Empty);
    }
    let mut collector = Collector::new(address, max_posts);
    let format = if body.starts_with('{') || body.starts_with('[') {
        json_feed::read(body, &mut collector)?;
        SourceFormat::JsonFeed
    } else {
        read_xml(body, &mut collector)?
    };
    Ok(collector.finish(format))
}

/// Decodes a body read as bytes (the CLI's file): the BOM, then UTF-8 when valid, then the XML
/// declaration's `encoding`, then Windows-1252. The extension decodes with the browser's own
/// `TextDecoder` instead, so the wasm carries no legacy decoders.
pub fn decode(bytes: &[u8]) -> String {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| std::str::from_utf8(bytes).is_ok().then_some(UTF_8))
        .or_else(|| declared_encoding(bytes))
        .unwrap_or(WINDOWS_1252);
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

/// The `encoding="…"` of an XML declaration at the start of `bytes`.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(200)];
    let end = head.windows(2).position(|w| w == b"?>")?;
    let declaration = String::from_utf8_lossy(&head[..end]);
    let (_, rest) = declaration
        .trim_start()
        .strip_prefix("<?xml")?
        .split_once("encoding")?;
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// Reads an XML body with the reader its root element asks for.
fn read_xml(body: &str, collector: &mut Collector) -> Result<SourceFormat, CatalogueError> {
    let root = match xml::root_name(body) {
        Ok(Some(root)) => root,
        Ok(None) => return Err(CatalogueError::Unrecognised("XML with no element".into())),
        Err(error) => return Err(xml_error(error, body)),
    };
    let local = root
        .rsplit(':')
        .next()
        .unwrap_or(&root)
        .to_ascii_lowercase();
    let (format, result) = match local.as_str() {
        "rss" | "rdf" => (SourceFormat::Rss, rss::read(body, collector)),
        "feed" => (SourceFormat::Atom, atom::read(body, collector)),
        "urlset" => (SourceFormat::Sitemap, sitemap::read(body, collector)),
        "sitemapindex" => (SourceFormat::SitemapIndex, sitemap::read(body, collector)),
        "html" | "head" | "body" => return Err(CatalogueError::Html),
        _ if looks_like_html(body) => return Err(CatalogueError::Html),
        _ => {
            return Err(CatalogueError::Unrecognised(format!(
                "XML whose root element is <{}>",
                clip(&root, 40)
            )))
        }
    };
    match result {
        Ok(()) => {}
        Err(xml::XmlError::Malformed { at, reason })
            if !collector.found.is_empty() || !collector.follow.is_empty() =>
        {
            let posts = plural(collector.found.len(), "post", "posts");
            let links = plural(collector.follow.len(), "link", "links");
            collector.warn(
                WarningCode::SourceBroken,
                format!(
                    "The XML is broken at byte {at} ({reason}); the {posts} and {links} read \
                     before the break are kept."
                ),
            );
        }
        Err(error) => return Err(xml_error(error, body)),
    }
    Ok(format)
}

fn xml_error(error: xml::XmlError, body: &str) -> CatalogueError {
    match error {
        xml::XmlError::DeclaresEntities => CatalogueError::DeclaresEntities,
        // HTML is rarely well-formed XML: told apart by its look before saying it is broken.
        _ if looks_like_html(body) => CatalogueError::Html,
        xml::XmlError::NotXml => CatalogueError::Unrecognised("plain text".into()),
        xml::XmlError::Malformed { at, reason } => CatalogueError::BrokenXml { at, reason },
    }
}

fn looks_like_html(body: &str) -> bool {
    let head: String = body
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html") || head.contains("<head")
}

/// What the format readers fill in: resolved posts and follow-ups, bounded.
pub(crate) struct Collector {
    base: Option<Url>,
    max_posts: usize,
    found: Vec<Found>,
    follow: Vec<Follow>,
    warnings: Vec<Warning>,
    /// Links that could not be made absolute (relative with no address given, not http).
    unresolved: usize,
    /// Posts past `max_posts`, not read.
    over_limit: bool,
}

/// At most this many tags per post, each at most this many characters: bounds for hostile feeds.
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 100;
/// Titles are cut here (a feed's "title" can be a whole post).
const MAX_TITLE_CHARS: usize = 300;

impl Collector {
    fn new(address: Option<&Url>, max_posts: usize) -> Self {
        Collector {
            base: address.cloned(),
            max_posts,
            found: Vec::new(),
            follow: Vec::new(),
            warnings: Vec::new(),
            unresolved: 0,
            over_limit: false,
        }
    }

    /// The address links resolve against.
    pub fn base(&self) -> Option<&Url> {
        self.base.as_ref()
    }

    /// Resolves against a new base (Atom's `xml:base`).
    pub fn set_base(&mut self, raw: &str) {
        if let Some(url) = urls::resolve(self.base.as_ref(), raw) {
            self.base = Some(url);
        }
    }

    /// A link made absolute against the source's address; counted when it cannot be.
    pub fn resolve(&mut self, raw: &str) -> Option<Url> {
        let url = urls::resolve(self.base.as_ref(), raw);
        if url.is_none() && !raw.trim().is_empty() {
            self.unresolved += 1;
        }
        url
    }

    pub fn is_full(&self) -> bool {
        self.over_limit
    }

    /// Adds a post from a format's fields; `None` link means the entry named no post.
    pub fn add(&mut self, entry: Entry) {
        let Some(url) = entry.link.as_deref().and_then(|raw| self.resolve(raw)) else {
            return;
        };
        if self.found.len() >= self.max_posts {
            self.over_limit = true;
            return;
        }
        let url = urls::without_tracking(&url);
        // A date in the path (`/2019/03/14/`) is the publication day, better than a lastmod.
        let (published, date_origin) = match entry.date {
            Some((date, origin)) if origin > DateOrigin::UrlPath => (Some(date), Some(origin)),
            weaker => match date::from_url_path(url.path()) {
                Some(date) => (Some(date), Some(DateOrigin::UrlPath)),
                None => weaker.map_or((None, None), |(date, origin)| (Some(date), Some(origin))),
            },
        };
        self.found.push(Found {
            post: Post {
                url: url.to_string(),
                title: entry.title,
                published,
                tags: entry.tags,
            },
            date_origin,
        });
    }

    pub fn follow(&mut self, raw: &str, next_page: bool) {
        if let Some(url) = self.resolve(raw) {
            let url = urls::without_tracking(&url);
            if !self.follow.iter().any(|f| f.url == url) {
                self.follow.push(Follow { url, next_page });
            }
        }
    }

    pub fn warn(&mut self, code: WarningCode, message: String) {
        self.warnings.push(Warning::new(code, message));
    }

    fn finish(mut self, format: SourceFormat) -> Source {
        if self.over_limit {
            self.warn(
                WarningCode::PostsLimit,
                format!(
                    "Only the first {} posts of this source were read (the limit per listing).",
                    self.max_posts
                ),
            );
        }
        if self.unresolved > 0 {
            let why = if self.base.is_none() {
                "relative, and the source's own address is unknown (give it with --url)"
            } else {
                "not http(s) addresses"
            };
            self.warn(
                WarningCode::LinksUnresolved,
                format!(
                    "{} left out: {why}.",
                    plural(self.unresolved, "link", "links")
                ),
            );
        }
        Source {
            format,
            found: self.found,
            follow: self.follow,
            warnings: self.warnings,
        }
    }
}

/// One feed entry or sitemap `<url>` as a format reads it, before resolving.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    pub link: Option<String>,
    pub title: Option<String>,
    pub date: Option<(String, DateOrigin)>,
    pub tags: Vec<String>,
}

impl Entry {
    /// Sets the date unless a stronger one is there already.
    pub fn date(&mut self, raw: &str, origin: DateOrigin) {
        if self.date.as_ref().is_some_and(|(_, had)| *had >= origin) {
            return;
        }
        if let Some(date) = iso_date(raw) {
            self.date = Some((date, origin));
        }
    }

    /// Adds a tag (trimmed, deduplicated ignoring case, bounded).
    pub fn tag(&mut self, raw: &str) {
        let tag = collapse(raw);
        if tag.is_empty()
            || tag.chars().count() > MAX_TAG_CHARS
            || self.tags.len() >= MAX_TAGS
            || self
                .tags
                .iter()
                .any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            return;
        }
        self.tags.push(tag);
    }
}

/// A feed's date as ISO 8601: RSS's RFC 822 dates, else any machine date the page reader knows.
/// Years before 1990 are placeholders (Hugo writes 0001-01-01 for undated pages), not dates.
fn iso_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let iso = rss::rfc822(raw).or_else(|| date::parse_machine(raw))?;
    let year: i32 = iso.get(..4)?.parse().ok()?;
    (1990..=2200).contains(&year).then_some(iso)
}

/// A title as plain text: markup and HTML entities decoded when `html` (Atom's `type="html"`) or
/// when any are left after XML's own decoding, whitespace collapsed, bounded.
pub(crate) fn plain_title(raw: &str, html: bool) -> Option<String> {
    let text = if html || raw.contains(['<', '&']) {
        dom_query::Document::fragment(raw).text().to_string()
    } else {
        raw.to_string()
    };
    let text = collapse(&text);
    if text.is_empty() {
        return None;
    }
    Some(clip(&text, MAX_TITLE_CHARS))
}

/// "1 post", "3 posts".
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Whether an element's qualified name is `name`, ignoring ASCII case (feeds write `pubdate`).
fn is(qualified: &str, name: &str) -> bool {
    qualified.eq_ignore_ascii_case(name)
}

/// The parent of the current element in a reader's path.
fn parent(path: &[String]) -> &str {
    path.len()
        .checked_sub(2)
        .and_then(|i| path.get(i))
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso_and_placeholders_are_dropped() {
        assert_eq!(
            iso_date("Tue, 05 Mar 2024 10:00:00 GMT").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(
            iso_date("2024-03-05T10:00:00.000+01:00").as_deref(),
            Some("2024-03-05T10:00:00+01:00")
        );
        assert_eq!(iso_date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("Mon, 01 Jan 0001 00:00:00 +0000"), None);
        assert_eq!(iso_date("0001-01-01T00:00:00Z"), None);
        assert_eq!(iso_date("soon"), None);
    }

    #[test]
    fn titles_are_plain_text() {
        assert_eq!(
            plain_title("It&#8217;s <em>here</em>", true).as_deref(),
            Some("It’s here")
        );
        assert_eq!(
            plain_title("Caf&eacute;  life\n", false).as_deref(),
            Some("Café life")
        );
        assert_eq!(
            plain_title("AT&T and a < b", false).as_deref(),
            Some("AT&T and a < b")
        );
        assert_eq!(plain_title("  ", false), None);
    }

    #[test]
    fn what_is_not_a_list_says_what_it_is() {
        let read = |body: &str| read_source(body, None, 100).map(|s| s.format);
        assert_eq!(read(""), Err(CatalogueError::Empty));
        assert_eq!(read("\u{feff}  \n"), Err(CatalogueError::Empty));
        assert_eq!(
            read("<!DOCTYPE html><html><head><title>Not found</title></head></html>"),
            Err(CatalogueError::Html)
        );
        assert_eq!(
            read("<html><body><p>Unclosed <br> tags</body></html>"),
            Err(CatalogueError::Html)
        );
        assert_eq!(
            read("{\"hello\": 1}").map_err(|e| e.code()),
            Err("not-a-feed")
        );
        assert_eq!(
            read("<note><to>x</to></note>").map_err(|e| e.code()),
            Err("not-a-feed")
        );
        assert_eq!(
            read("just some words").map_err(|e| e.code()),
            Err("not-a-feed")
        );
        assert_eq!(
            read("<rss><channel><item><title>x</ti").map_err(|e| e.code()),
            Err("broken-xml")
        );
    }
}
