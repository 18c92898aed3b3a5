//! The article's metadata, read from the untouched page: title, author, date, description, tags,
//! lead image, site name, language, feed and canonical URL. Each field tries the page's signals
//! strongest first: JSON-LD, then meta tags, then microdata and visible markup.

pub(crate) mod date;
mod jsonld;

use std::cell::OnceCell;
use std::collections::HashSet;

use dom_query::{Document, Matcher, NodeId, NodeRef};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::urls;
use jsonld::JsonLd;

/// Everything we know about the article besides its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub lead_image: Option<Url>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub feed_url: Option<Url>,
    pub canonical: Option<Canonical>,
    /// The page asks search engines not to index it (`<meta name=robots content=noindex>`).
    pub noindex: bool,
    /// The page says it is one article (a JSON-LD `…Article`/`…Posting`, an
    /// `article:published_time`): a feed of post cards on it is then a related-posts box.
    pub declares_article: bool,
}

/// The canonical URL and the signal it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub url: Url,
    pub source: CanonicalSource,
}

/// Where the canonical URL was found, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CanonicalSource {
    /// `<link rel="canonical">`
    LinkRelCanonical,
    /// `<meta property="og:url">`
    OgUrl,
    /// The page's own address, without tracking parameters and fragment.
    PageUrl,
}

/// The page's `<meta>` tags as (lowercased key, value) pairs, in document order. The key is the
/// `property`, `name`, `itemprop` or `http-equiv` attribute; the value `content` (or `value`).
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(metas: &[NodeRef]) -> Self {
        let mut tags = Vec::new();
        for node in metas {
            let Some(value) = node.attr("content").or_else(|| node.attr("value")) else {
                continue;
            };
            let value = collapse(&value);
            if value.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = node.attr(attr) {
                    // `property` may hold several space-separated names.
                    for key in key.split_whitespace() {
                        tags.push((key.to_ascii_lowercase(), value.clone()));
                    }
                }
            }
        }
        MetaTags(tags)
    }

    /// The first value among `keys`, in the order of `keys` (the caller's preference).
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    }

    /// Every value of `key`.
    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the metadata of a page.
pub fn read(doc: &Document, page_url: Option<&Url>) -> Metadata {
    let elements = PageElements::collect(doc);
    let meta = MetaTags::read(&elements.metas);
    let ld = JsonLd::read_scripts(&elements.scripts);
    let site_name = read_site_name(&meta, &ld);
    // Relative URLs resolve against <base href> when the page has one.
    let document_base = link_base(&elements, page_url);
    let base = document_base.as_ref().or(page_url);
    let canonical = read_canonical(&elements, base, page_url);
    let article_url = canonical.as_ref().map(|c| &c.url).or(page_url);
    let title = read_title(&elements, &meta, &ld, site_name.as_deref(), article_url);
    let site_name = site_name.or_else(|| site_from_page(&elements, title.as_deref()));
    Metadata {
        title,
        author: read_author(doc, &elements, &meta, &ld, site_name.as_deref()),
        published: read_published(doc, &elements, &meta, &ld, article_url),
        description: read_description(&meta, &ld),
        tags: read_tags(&elements, &meta, &ld),
        lead_image: read_lead_image(&elements, &meta, &ld, base),
        site_name,
        language: read_language(&elements, &meta),
        feed_url: read_feed(&elements, base),
        noindex: read_noindex(&meta),
        declares_article: read_declares_article(&meta, &ld),
        canonical,
    }
}

/// The page's elements of the kinds metadata asks about, each list in document order, and which
/// of the tag and site-title containers the page has: one walk of the page instead of a
/// whole-document selector scan per question (those scans were a fifth of html → draft).
/// Every question below is a selector whose subject is one of these kinds, so matching it
/// against that kind's list finds exactly what scanning the document would, in the same order.
struct PageElements<'a> {
    anchors: Vec<NodeRef<'a>>,
    links: Vec<NodeRef<'a>>,
    metas: Vec<NodeRef<'a>>,
    scripts: Vec<NodeRef<'a>>,
    times: Vec<NodeRef<'a>>,
    titles: Vec<NodeRef<'a>>,
    headings: Vec<NodeRef<'a>>,
    images: Vec<NodeRef<'a>>,
    /// `link` and `img` elements together, for a selector list that asks for either.
    links_and_images: Vec<NodeRef<'a>>,
    roots: Vec<NodeRef<'a>>,
    bases: Vec<NodeRef<'a>>,
    /// The elements of each of [`CONTAINER_LISTS`], in document order.
    containers: [Vec<NodeRef<'a>>; 3],
}

/// Class (`.x`) and id (`#x`) selectors of the containers whose links are tags or the home link.
const TAG_CONTAINERS: &[&str] = &[
    ".post-labels",
    ".labels",
    ".cat-links",
    ".tags-links",
    ".post-tags",
    ".entry-tags",
    ".article-tags",
    ".tag-links",
    ".post-categories",
    ".blog-categories",
];
const TAXONOMY_CONTAINERS: &[&str] = &[".tags"];
const SITE_TITLE_CONTAINERS: &[&str] = &[
    ".site-title",
    "#site-title",
    ".wp-block-site-title",
    ".main-title",
    ".blog-title",
];
const CONTAINER_LISTS: [&[&str]; 3] = [TAG_CONTAINERS, TAXONOMY_CONTAINERS, SITE_TITLE_CONTAINERS];

impl<'a> PageElements<'a> {
    fn collect(doc: &'a Document) -> Self {
        let mut elements = PageElements {
            anchors: Vec::new(),
            links: Vec::new(),
            metas: Vec::new(),
            scripts: Vec::new(),
            times: Vec::new(),
            titles: Vec::new(),
            headings: Vec::new(),
            images: Vec::new(),
            links_and_images: Vec::new(),
            roots: Vec::new(),
            bases: Vec::new(),
            containers: Default::default(),
        };
        for node in doc.root().descendants_it() {
            let Some(element) = node.element_ref() else {
                continue;
            };
            let list = match &*element.name.local {
                "a" => Some(&mut elements.anchors),
                "link" => Some(&mut elements.links),
                "meta" => Some(&mut elements.metas),
                "script" => Some(&mut elements.scripts),
                "time" => Some(&mut elements.times),
                "title" => Some(&mut elements.titles),
                "h1" => Some(&mut elements.headings),
                "img" => Some(&mut elements.images),
                "html" => Some(&mut elements.roots),
                "base" => Some(&mut elements.bases),
                _ => None,
            };
            if let Some(list) = list {
                list.push(node);
            }
            if matches!(&*element.name.local, "link" | "img") {
                elements.links_and_images.push(node);
            }
            // Selectors compare classes and ids case-sensitively (no quirks mode), classes split
            // at ASCII whitespace.
            for attr in &element.attrs {
                match &*attr.name.local {
                    "class" => {
                        for class in attr.value.split_ascii_whitespace() {
                            elements.note_container(node, '.', class);
                        }
                    }
                    "id" => elements.note_container(node, '#', &attr.value),
                    _ => {}
                }
            }
        }
        elements
    }

    /// Records `node` as a container of each list its class (`prefix` '.') or id ('#') `name`
    /// is in.
    fn note_container(&mut self, node: NodeRef<'a>, prefix: char, name: &str) {
        for (list, found) in CONTAINER_LISTS.iter().zip(&mut self.containers) {
            let named = list
                .iter()
                .any(|c| c.strip_prefix(prefix).is_some_and(|c| c == name));
            if named && found.last().is_none_or(|last| last.id != node.id) {
                found.push(node);
            }
        }
    }

    /// The links the selector list "`direct`, `container a`, …" selects, in document order,
    /// without running the descendant selectors (each walked the ancestors of every link of
    /// the page): a link is inside a container when it descends from one found by the walk.
    /// Only the links with an attribute (name, value) that `direct` could match (`may_match`,
    /// a necessary condition) go through the selector engine.
    fn anchors_within(
        &self,
        direct: &str,
        containers: usize,
        may_match: fn(&str, &str) -> bool,
    ) -> Vec<NodeRef<'a>> {
        let inside: HashSet<NodeId> = self.containers[containers]
            .iter()
            .flat_map(|container| container.descendants_it())
            .map(|node| node.id)
            .collect();
        let Ok(matcher) = Matcher::new(direct) else {
            return Vec::new();
        };
        self.anchors
            .iter()
            .filter(|a| {
                inside.contains(&a.id) || {
                    let may = a.element_ref().is_some_and(|element| {
                        element
                            .attrs
                            .iter()
                            .any(|attr| may_match(&attr.name.local, &attr.value))
                    });
                    may && a.is_match(&matcher)
                }
            })
            .copied()
            .collect()
    }
}

/// The nodes of `nodes` that `selector` matches, in their order.
fn matching<'a>(nodes: &[NodeRef<'a>], selector: &str) -> Vec<NodeRef<'a>> {
    let Ok(matcher) = Matcher::new(selector) else {
        return Vec::new();
    };
    nodes
        .iter()
        .filter(|node| node.is_match(&matcher))
        .copied()
        .collect()
}

/// `og:type` does not count: SEO plugins write `article` on category and tag archives too.
fn read_declares_article(meta: &MetaTags, ld: &JsonLd) -> bool {
    meta.first(&["article:published_time"]).is_some() || ld.declares_article()
}

/// Keys of meta tags holding the title, strongest first.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterms:title",
    "dc.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "headline",
];

/// Separators between a title and the site name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", ": ", " / ", " ~ ", "_", "｜", " ｜ ", "：",
    " -- ",
];

fn read_title(
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
    page_url: Option<&Url>,
) -> Option<String> {
    let first_title = |selector: &str| {
        matching(&elements.titles, selector)
            .first()
            .map(|t| collapse(&t.text()))
            .filter(|t| !t.is_empty())
    };
    let title_tag = first_title("head title").or_else(|| first_title("title"));
    let declared = ld
        .article_headline(title_tag.as_deref())
        .or_else(|| meta.first(TITLE_KEYS))
        .filter(|t| !t.is_empty());
    let headings: Vec<String> = elements
        .headings
        .iter()
        .take(8)
        .map(|h| collapse(&h.text()))
        .filter(|h| h.chars().count() >= 2)
        .collect();
    let host = page_url.and_then(|u| u.host_str()).map(site_label);
    // A site logo in an <h1> is not a headline.
    let full_host = page_url
        .and_then(|u| u.host_str())
        .map(|h| fold_ascii(h.strip_prefix("www.").unwrap_or(h)));
    let is_site = |h: &String| {
        let folded = fold_ascii(h);
        site_name.is_some_and(|s| {
            let site = fold_ascii(s);
            site == folded || h.split_whitespace().count() <= 3 && site.starts_with(&folded)
        }) || host.as_deref().is_some_and(|s| fold_ascii(s) == folded)
            || full_host.as_deref() == Some(folded.as_str())
    };
    let headings: Vec<String> = headings.into_iter().filter(|h| !is_site(h)).collect();

    // The declared title wins; a visible <h1> that it merely decorates (with the site name the
    // page does not declare) is the cleaner form of it.
    if let Some(declared) = declared {
        let stripped = strip_site_name(&declared, site_name, host.as_deref());
        // When <title> names the visible headline and the declared title differs (social-media
        // copy), the headline the page shows is the post's title.
        if let Some(title_tag) = &title_tag {
            let tag_stripped = strip_site_name(title_tag, site_name, host.as_deref());
            if let Some(h1) = headings.iter().find(|h| {
                !same_text(h, &stripped)
                    && (same_text(h, &tag_stripped)
                        || h.chars().count() >= 10 && is_title_with_suffix(title_tag, h))
            }) {
                if !same_text(title_tag, &declared) && !same_text(&tag_stripped, &stripped) {
                    return Some(h1.clone());
                }
            }
        }
        if stripped == declared {
            if let Some(h1) = headings
                .iter()
                .find(|h| h.chars().count() >= 10 && is_title_with_suffix(&declared, h))
            {
                return Some(h1.clone());
            }
        }
        return Some(stripped);
    }
    if let Some(title_tag) = title_tag {
        let stripped = strip_site_name(&title_tag, site_name, host.as_deref());
        if let Some(h1) = headings.iter().find(|h| {
            same_text(h, &stripped)
                || h.chars().count() >= 10 && is_title_with_suffix(&title_tag, h)
        }) {
            return Some(if same_text(h1, &stripped) {
                stripped
            } else {
                h1.clone()
            });
        }
        if stripped != title_tag {
            return Some(stripped);
        }
        return Some(strip_unknown_suffix(&title_tag));
    }
    headings.into_iter().next()
}

/// "A long enough post title - Whatever" → "A long enough post title": without a known site
/// name, the last separated segment goes when at least five words remain (Readability's rule).
fn strip_unknown_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " » ", " / "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.split_whitespace().count() >= 5 {
                return head.trim().to_string();
            }
            return title.to_string();
        }
    }
    title.to_string()
}

/// The meaningful label of a host: `www.theverge.com` → `theverge`.
fn site_label(host: &str) -> String {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    match parts.len() {
        0 | 1 => host.to_string(),
        n if n >= 3 && parts[n - 2].len() <= 3 => parts[n - 3].to_string(),
        n => parts[n - 2].to_string(),
    }
}

/// `title` is `heading` followed (or preceded) by a separator and something else (the site).
fn is_title_with_suffix(title: &str, heading: &str) -> bool {
    let (t, h) = (fold(title), fold(heading));
    if h.is_empty() || t == h {
        return false;
    }
    let rest = if let Some(rest) = t.strip_prefix(&h) {
        rest
    } else if let Some(rest) = t.strip_suffix(&h) {
        rest
    } else {
        return false;
    };
    let rest = rest.trim();
    TITLE_SEPARATORS
        .iter()
        .any(|sep| rest.starts_with(sep.trim()) || rest.ends_with(sep.trim()))
        && rest.chars().count() <= h.chars().count()
}

/// Removes the site name from either end of a title ("Post title | Site" → "Post title").
fn strip_site_name(title: &str, site_name: Option<&str>, host: Option<&str>) -> String {
    let title = collapse(title);
    let matches_site = |segment: &str| {
        let segment = fold_alnum(segment);
        if segment.is_empty() {
            return false;
        }
        let by_name = site_name.map(fold_alnum).is_some_and(|site| {
            !site.is_empty()
                && (segment == site || segment.contains(&site) || site.contains(&segment))
        });
        let by_host = host
            .map(fold_alnum)
            .is_some_and(|h| h.len() >= 3 && (segment == h || segment.contains(&h)));
        by_name || by_host
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && matches_site(tail) && !matches_site(head) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty() && matches_site(head) && !matches_site(tail) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// Keys of meta tags holding the author's name.
const AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "og:article:author",
    "article:author_name",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "sailthru.byline_name",
    "qc:author",
    "twitter:creator",
];

/// Selectors of visible bylines, most specific first.
const BYLINE_SELECTORS: &[&str] = &[
    "[itemprop~='author'] [itemprop~='name']",
    "[itemprop~='author']",
    "a[rel~='author']",
    "[rel~='sioc:has_creator']",
    ".byline .author-name, .byline [class*='author'], .byline a[href*='/author']",
    "[class*='byline'] a[href*='/author'], [class*='byline'] a[href*='/people'], [class*='byline'] a[href*='/staff']",
    ".author-name, .author_name, .authorname, .post-author-name, .entry-author-name, .article-author-name",
    "[class*='author-name' i], [class*='authorname' i], [class*='author_name' i], [class*='writer-name' i], [class*='writername' i]",
    ".author .fn, .vcard .fn, .p-author, .h-card .p-name",
    "[class*='author'] a[href*='/author'], [class*='author'] a[href*='/people/']",
    ".byline, .by-line, .article-byline, .post-byline, .entry-byline, [class*='Byline']",
    ".author, .post-author, .entry-author, .article-author, [data-testid*='author' i]",
    "[class*='authors' i], [class*='byline' i]",
];

/// The elements any of [`BYLINE_SELECTORS`] could select, in document order: each of those
/// selectors asks its subject for a `class`, `itemprop`, `rel`, `href` or `data-testid` holding
/// one of these words (in any case), so the selector engine (up to 13 lists, ~40 selectors) runs
/// only on elements that have one, not on every element of the page.
fn byline_candidates(doc: &Document) -> Vec<NodeRef<'_>> {
    const WORDS: &[&str] = &[
        "author", "name", "creator", "people", "staff", "writer", "fn", "byline", "by-line",
    ];
    let finders: Vec<memchr::memmem::Finder> =
        WORDS.iter().map(memchr::memmem::Finder::new).collect();
    let mut lower = Vec::new();
    doc.root()
        .descendants_it()
        .filter(|node| {
            node.element_ref().is_some_and(|element| {
                element.attrs.iter().any(|attr| {
                    if !matches!(
                        &*attr.name.local,
                        "class" | "itemprop" | "rel" | "href" | "data-testid"
                    ) {
                        return false;
                    }
                    lower.clear();
                    lower.extend(attr.value.bytes().map(|b| b.to_ascii_lowercase()));
                    finders.iter().any(|finder| finder.find(&lower).is_some())
                })
            })
        })
        .collect()
}

/// Link texts and labels that sit where a byline would but are not names.
const NOT_A_NAME: &[&str] = &[
    "search for",
    "view profile",
    "view all",
    "all posts",
    "more by",
    "more from",
    "posts by",
    "follow",
    "contact",
    "kontakt",
    "subscribe",
    "about the author",
    "author",
    "admin",
    "editor's note",
];

fn read_author(
    doc: &Document,
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
) -> Option<String> {
    // Publishers often fill the author fields with their own name; on a personal blog the site's
    // name is the author's. So an organisation's name is taken only when nothing else is found.
    let organisations: Vec<String> = [
        site_name.map(str::to_string),
        ld.publisher_name(),
        meta.first(&[
            "copyright",
            "article:publisher",
            "publisher",
            "dc.publisher",
        ]),
    ]
    .into_iter()
    .flatten()
    .map(|n| fold_alnum(&n))
    .filter(|n| n.len() >= 3)
    .collect();
    let is_organisation = |name: &str| {
        let name = fold_alnum(name);
        organisations
            .iter()
            .any(|org| name == *org || name.contains(org.as_str()) || org.contains(name.as_str()))
    };
    let mut fallback = None;
    let bylines = OnceCell::new();
    for candidate in author_candidates(doc, elements, &bylines, meta, ld) {
        if !is_organisation(&candidate) {
            return Some(candidate);
        }
        fallback.get_or_insert(candidate);
    }
    fallback
}

/// Every author name the page offers, strongest signal first (lazily: most pages stop early).
fn author_candidates<'a>(
    doc: &'a Document,
    elements: &'a PageElements,
    bylines: &'a OnceCell<Vec<NodeRef<'a>>>,
    meta: &'a MetaTags,
    ld: &'a JsonLd,
) -> impl Iterator<Item = String> + 'a {
    let from_ld =
        std::iter::once_with(|| ld.article_authors().and_then(|n| clean_author(&n))).flatten();
    let from_meta = AUTHOR_KEYS.iter().flat_map(move |key| {
        meta.all(key)
            .filter(move |v| !(*key == "twitter:creator" && v.starts_with('@')))
            .filter_map(clean_author)
    });
    let from_markup = BYLINE_SELECTORS.iter().flat_map(move |selector| {
        matching(bylines.get_or_init(|| byline_candidates(doc)), selector)
            .iter()
            .take(5)
            .filter_map(|node| {
                let text = node
                    .attr("content")
                    .or_else(|| node.attr("value"))
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| node.text().to_string());
                clean_author(&text)
            })
            .collect::<Vec<_>>()
    });
    let from_link = std::iter::once_with(move || {
        matching(&elements.links, "link[rel~='author'][title]")
            .first()
            .and_then(|link| link.attr("title"))
            .and_then(|t| clean_author(&t))
    })
    .flatten();
    // A short "By Jane Doe" line near the top of the post, whatever its class.
    let from_text = std::iter::once_with(move || {
        doc.select("article p, main p, article div, main div, [role='main'] p")
            .nodes()
            .iter()
            .take(60)
            .filter(|n| n.has_name("p") || n.element_children().len() <= 2)
            .find_map(|n| {
                let text = collapse(&n.text());
                let by = text
                    .strip_prefix("By ")
                    .or_else(|| text.strip_prefix("by "))?;
                (by.split_whitespace().count() <= 5)
                    .then(|| clean_author(&text))
                    .flatten()
            })
    })
    .flatten();
    from_ld
        .chain(from_meta)
        .chain(from_markup)
        .chain(from_link)
        .chain(from_text)
        .take(12)
}

/// A byline found in the article's text (by the extractor), cleaned like any other.
pub fn clean_byline(raw: &str) -> Option<String> {
    clean_author(raw)
}

/// The first real paragraph of the article, for pages without a description.
pub fn first_paragraph(content_html: &str) -> Option<String> {
    let doc = Document::fragment(content_html);
    let paragraphs = doc.select("p");
    let found = paragraphs
        .nodes()
        .iter()
        .map(|p| collapse(&p.text()))
        .find(|text| text.chars().count() >= 40);
    found
}

/// Cleans a byline: drops "By", URLs, e-mail addresses, trailing dates and roles; refuses
/// anything that does not look like a name (too long, or only punctuation).
fn clean_author(raw: &str) -> Option<String> {
    let mut text = collapse(raw);
    if text.contains("://") || text.starts_with("www.") {
        // A profile URL is not a name.
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| !w.contains("://") && !w.starts_with("www."))
            .collect();
        text = words.join(" ");
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !(w.contains('@') && w.contains('.')))
        .collect();
    text = words.join(" ");
    for prefix in [
        "written by",
        "posted by",
        "published by",
        "words by",
        "story by",
        "by:",
        "by",
        "par",
        "von",
        "por",
        "di",
        "door",
        "author:",
        "autor:",
        "auteur :",
        "著者：",
    ] {
        if text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
            && text[..prefix.len()].eq_ignore_ascii_case(prefix)
            && (prefix.ends_with(':')
                || prefix.ends_with('：')
                || text[prefix.len()..].starts_with(' '))
        {
            text = text[prefix.len()..].trim().to_string();
            break;
        }
    }
    // "Jane Doe | March 3, 2019", "Jane Doe, Staff Writer" keep the name part only when
    // what follows is a date or a role, not another author.
    for sep in [" | ", " · ", " - ", " — ", "\u{2022}"] {
        if let Some((name, rest)) = text.split_once(sep) {
            if date::parse_text(rest).is_some() || rest.split_whitespace().count() > 4 {
                text = name.trim().to_string();
            }
        }
    }
    // "Jane Doe, December 16th 2016" / "Jane Doe on March 3, 2019": a date after a comma or
    // "on" goes (a comma alone may separate co-authors, so only a date is cut).
    for sep in [", ", " on ", " at "] {
        if let Some((name, rest)) = text.split_once(sep) {
            if date::parse_text(rest).is_some() && date::parse_text(name).is_none() {
                text = name.trim().to_string();
            }
        }
    }
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '-' | '·' | ':'));
    let lower = text.to_lowercase();
    if NOT_A_NAME
        .iter()
        .any(|junk| lower.starts_with(junk) || lower == *junk)
    {
        return None;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let words = text.split_whitespace().count();
    if letters < 2 || words > 12 || text.chars().count() > 100 || date::parse_text(text).is_some() {
        return None;
    }
    // "Gillman, Steve" (catalogue order) → "Steve Gillman"; "Ann Lee, Bo Chan" stays.
    if let Some((last, first)) = text.split_once(", ") {
        if !last.contains(' ')
            && !first.contains(' ')
            && !first.contains(',')
            && first.chars().count() > 2
        {
            return Some(format!("{first} {last}"));
        }
    }
    Some(text.to_string())
}

/// Keys of meta tags holding the publication date, strongest first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "published",
    "publish-date",
    "publishdate",
    "pubdate",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dc:date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.published",
    "og:published_time",
    "original-publish-date",
    "citation_publication_date",
    "citation_date",
    "weibo:article:create_at",
    "release_date",
];

fn read_published(
    doc: &Document,
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    page_url: Option<&Url>,
) -> Option<String> {
    let from_ld = |keys: &[&str]| ld.article_str(keys).and_then(|d| date::parse_machine(&d));
    if let Some(found) = from_ld(&["datePublished"]) {
        return Some(found);
    }
    if let Some(found) = PUBLISHED_KEYS
        .iter()
        .flat_map(|key| meta.all(key))
        .find_map(date::parse_machine)
    {
        return Some(found);
    }
    // When the file was created is a weaker hint than any declared publication date.
    if let Some(found) = from_ld(&["dateCreated", "uploadDate"]) {
        return Some(found);
    }
    // Microdata and <time> elements: the publication time first, then any dated time.
    for signal in 0..3 {
        let nodes = match signal {
            0 => doc.select("[itemprop~='datePublished']").nodes().to_vec(),
            1 => matching(&elements.times, "time[pubdate], time[class*='publish'], time[class*='posted'], time[class*='entry-date'], .published time, .posted-on time, .entry-date time"),
            _ => matching(&elements.times, "time[datetime]"),
        };
        for node in nodes.iter().take(5) {
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .or_else(|| node.attr("value"));
            let found = value
                .and_then(|v| date::parse_machine(&v))
                .or_else(|| date::parse_text(&node.text()));
            if found.is_some() {
                return found;
            }
        }
    }
    if let Some(found) = page_url.and_then(|u| date::from_url_path(u.path())) {
        return Some(found);
    }
    visible_date(doc)
}

/// A date written near the byline or in the post's meta line, for pages without machine dates.
fn visible_date(doc: &Document) -> Option<String> {
    let selector =
        "time, [class*='date' i], [class*='time' i], [class*='byline' i], [class*='posted' i], \
                    [class*='publish' i], [class*='meta' i], [id*='date' i], [data-origindate]";
    doc.select(selector)
        .nodes()
        .iter()
        .filter(|node| !node.has_name("body") && !node.has_name("html"))
        .take(40)
        .find_map(|node| {
            if let Some(found) = node
                .attr("data-origindate")
                .and_then(|d| date::parse_machine(&d))
            {
                return Some(found);
            }
            let text = node.text();
            if text.chars().count() > 200 {
                return None;
            }
            date::parse_text(&text)
        })
}

fn read_description(meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    meta.first(&[
        "description",
        "og:description",
        "twitter:description",
        "dc.description",
        "dc:description",
    ])
    .or_else(|| ld.article_str(&["description"]))
    .map(|d| collapse(&d))
    .filter(|d| !d.is_empty())
}

fn read_tags(elements: &PageElements, meta: &MetaTags, ld: &JsonLd) -> Vec<String> {
    let mut tags = TagList::default();
    for value in meta.all("article:tag") {
        tags.extend_split(value, false);
    }
    for keywords in ld.article_keywords() {
        tags.extend_split(&keywords, true);
    }
    // Links the platform marks as the post's tags: rel=tag and the class names of WordPress,
    // Blogger, Hugo/Jekyll themes, dev.to, Squarespace and Wix. Trusted wherever they are.
    let marked = elements.anchors_within(
        "a[rel~='tag'], a.crayons-tag, a.blog-item-tag, a[data-hook='tag']",
        0,
        |name, _| matches!(name, "rel" | "class" | "data-hook"),
    );
    for node in marked.iter().take(60) {
        tags.push(&node.text());
    }
    // Taxonomy URLs (`/tag/x/`, `/categories/x/`, `?tag=x`) count outside site navigation only.
    let by_address = elements.anchors_within(
        "a[href*='/tag/'], a[href*='/tags/'], a[href*='/category/'], a[href*='/categories/'], \
         a[href*='/label/'], a[href*='/topics/'], a[href*='?tag='], a[href*='?category=']",
        1,
        |name, value| name == "href" && may_be_taxonomy_address(value),
    );
    for node in by_address.iter().take(60) {
        if !in_navigation(node) {
            tags.push(&node.text());
        }
    }
    // Meta keywords are the weakest signal (often site-wide SEO words): only when nothing else.
    if tags.0.is_empty() {
        for key in ["keywords", "news_keywords"] {
            for value in meta.all(key) {
                tags.extend_split(value, true);
            }
        }
    }
    tags.0
}

/// Whether `href` may hold one of the taxonomy patterns above (`/tag/`, `/tags/`, `/category/`,
/// `/categories/`, `/label/`, `/topics/`, `?tag=`, `?category=`): one pass over its `/` and `?`
/// instead of eight substring searches per link.
fn may_be_taxonomy_address(href: &str) -> bool {
    href.match_indices(['/', '?']).any(|(i, separator)| {
        let rest = &href[i + 1..];
        if separator == "/" {
            ["tag", "categor", "label/", "topics/"]
                .iter()
                .any(|p| rest.starts_with(p))
        } else {
            rest.starts_with("tag=") || rest.starts_with("category=")
        }
    })
}

/// Tags deduplicated case-insensitively, in order of discovery.
#[derive(Default)]
struct TagList(Vec<String>);

impl TagList {
    fn push(&mut self, raw: &str) {
        let tag = collapse(raw).trim_start_matches('#').trim().to_string();
        // WordPress's default category says nothing about the post.
        const DEFAULT_CATEGORIES: &[&str] = &[
            "uncategorized",
            "uncategorised",
            "non classé",
            "sin categoría",
            "senza categoria",
            "sem categoria",
            "allgemein",
            "geen categorie",
        ];
        if DEFAULT_CATEGORIES.contains(&tag.to_lowercase().as_str()) {
            return;
        }
        // Machine tokens ("@post-id:1913719", "channel_other") and entity debris are not tags.
        if tag.contains(['@', ':', '=', '_', '{', '}', '<', '>', '&', '|']) {
            return;
        }
        let chars = tag.chars().count();
        if !(2..=40).contains(&chars) || tag.split_whitespace().count() > 4 || self.0.len() >= 20 {
            return;
        }
        let folded = tag.to_lowercase();
        if !self.0.iter().any(|t| t.to_lowercase() == folded) {
            self.0.push(tag);
        }
    }

    fn extend_split(&mut self, raw: &str, split: bool) {
        if split {
            for part in raw.split([',', ';']) {
                self.push(part);
            }
        } else {
            self.push(raw);
        }
    }
}

/// Links in site navigation, headers and footers are the site's sections, not the post's tags.
fn in_navigation(node: &NodeRef) -> bool {
    node.ancestors_it(Some(12)).any(|a| {
        a.has_name("nav")
            || a.has_name("header") && !a.ancestors_it(Some(12)).any(|x| x.has_name("article"))
            || a.has_name("footer") && !a.ancestors_it(Some(12)).any(|x| x.has_name("article"))
            || a.attr("role").is_some_and(|r| r.as_ref() == "navigation")
            || a.attr("class").is_some_and(|c| {
                // Whole class names only: Blogger wraps the post itself in "widget Blog", while
                // WordPress sidebars are "widget_categories", Blogger's are "widget Label".
                c.split_whitespace().any(|token| {
                    let token = token.to_ascii_lowercase();
                    let sidebar_widget = token.starts_with("widget_")
                        || token.starts_with("widget-")
                        || matches!(token.as_str(), "label" | "blogarchive" | "popularposts");
                    sidebar_widget
                        || [
                            "menu",
                            "nav",
                            "navbar",
                            "navigation",
                            "sidebar",
                            "site-header",
                            "site-footer",
                        ]
                        .iter()
                        .any(|m| {
                            token == *m
                                || token
                                    .strip_prefix(m)
                                    .is_some_and(|rest| rest.starts_with('-'))
                                || token
                                    .strip_suffix(m)
                                    .is_some_and(|rest| rest.ends_with('-'))
                        })
                })
            })
    })
}

fn read_lead_image(
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    base: Option<&Url>,
) -> Option<Url> {
    meta.first(&["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnail", "image"])
        .and_then(|src| urls::resolve(base, &src))
        .or_else(|| ld.article_image().and_then(|src| urls::resolve(base, &src)))
        .or_else(|| {
            matching(
                &elements.links_and_images,
                "link[rel~='image_src'][href], img.wp-post-image[src], .wp-block-post-featured-image img[src], \
                 .featured-image img[src], .post-thumbnail img[src], img[itemprop~='image'][src]",
            )
            .iter()
            .find_map(|el| {
                el.attr("src")
                    .or_else(|| el.attr("href"))
                    .and_then(|src| urls::resolve(base, &src))
            })
        })
        .or_else(|| {
            matching(&elements.images, "article img[src], main img[src], [itemprop~='articleBody'] img[src], .entry-content img[src], .post-content img[src]")
                .iter()
                .find_map(|img| img.attr("src").and_then(|src| urls::resolve(base, &src)))
        })
}

fn read_site_name(meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    meta.first(&[
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
        "twitter:site",
    ])
    .filter(|name| !name.starts_with('@'))
    .or_else(|| ld.publisher_name())
    .or_else(|| {
        meta.first(&["twitter:site"])
            .map(|n| n.trim_start_matches('@').to_string())
    })
    .filter(|name| !name.is_empty())
}

/// The site's name when no meta tag gives it: what `<title>` adds to the post's title
/// ("Allotment Notes: Saving seeds", "Saving seeds · Marginalia"), else the home link's text.
fn site_from_page(elements: &PageElements, title: Option<&str>) -> Option<String> {
    let usable = |name: &str| {
        let name = collapse(name);
        let words = name.split_whitespace().count();
        let generic = ["home", "accueil", "inicio", "startseite", "blog"];
        ((1..=6).contains(&words) && !generic.contains(&name.to_lowercase().as_str()))
            .then_some(name)
    };
    let title_tag = matching(&elements.titles, "head title")
        .first()
        .map(|t| collapse(&t.text()))
        .unwrap_or_default();
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        for sep in TITLE_SEPARATORS {
            let splits = [title_tag.rsplit_once(sep), title_tag.split_once(sep)];
            for (head, tail) in splits.into_iter().flatten() {
                if same_text(head, title) {
                    if let Some(name) = usable(tail) {
                        return Some(name);
                    }
                }
                if same_text(tail, title) {
                    if let Some(name) = usable(head) {
                        return Some(name);
                    }
                }
            }
        }
    }
    elements
        .anchors_within("a[rel~='home']", 2, |name, _| name == "rel")
        .iter()
        .take(5)
        .find_map(|a| usable(&a.text()))
}

fn read_language(elements: &PageElements, meta: &MetaTags) -> Option<String> {
    matching(&elements.roots, "html[lang]")
        .first()
        .and_then(|html| html.attr("lang"))
        .map(|l| l.trim().to_string())
        .or_else(|| meta.first(&["og:locale", "content-language", "language", "dc.language"]))
        .map(|l| l.replace('_', "-"))
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn read_feed(elements: &PageElements, base: Option<&Url>) -> Option<Url> {
    matching(&elements.links, "link[rel~='alternate'][href]")
        .iter()
        .filter(|link| {
            link.attr("type").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("rss") || t.contains("atom")
            })
        })
        .find_map(|link| {
            link.attr("href")
                .and_then(|href| urls::resolve(base, &href))
        })
}

fn read_noindex(meta: &MetaTags) -> bool {
    ["robots", "googlebot"]
        .iter()
        .flat_map(|key| meta.all(key))
        .any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("noindex") || v.split([',', ' ']).any(|d| d == "none")
        })
}

/// The document's base URL: `<base href>` resolved against the page's address.
fn link_base(elements: &PageElements, page_url: Option<&Url>) -> Option<Url> {
    let href = matching(&elements.bases, "base[href]")
        .first()?
        .attr("href")?;
    urls::resolve(page_url, &href)
}

fn read_canonical(
    elements: &PageElements,
    base: Option<&Url>,
    page_url: Option<&Url>,
) -> Option<Canonical> {
    let link = matching(&elements.links, "link[rel~='canonical'][href]")
        .first()
        .and_then(|link| link.attr("href"))
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = link {
        return Some(Canonical {
            url,
            source: CanonicalSource::LinkRelCanonical,
        });
    }
    let og = matching(&elements.metas, "meta[property='og:url']")
        .iter()
        .find_map(|m| m.attr("content").or_else(|| m.attr("value")))
        .and_then(|href| urls::resolve(base, &href));
    if let Some(url) = og {
        return Some(Canonical {
            url,
            source: CanonicalSource::OgUrl,
        });
    }
    page_url.map(|page| Canonical {
        url: urls::without_tracking(page),
        source: CanonicalSource::PageUrl,
    })
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercased, whitespace-collapsed, typographic quotes folded: for comparing titles.
fn fold(text: &str) -> String {
    collapse(text)
        .to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\u{a0}', " ")
}

/// Only the letters and digits, lowercased: for comparing site names.
fn fold_alnum(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`fold_alnum`] with Latin diacritics removed: "Aktuálně.cz" and "aktualne.cz" are one site.
fn fold_ascii(text: &str) -> String {
    const PLAIN: &[(&str, char)] = &[
        ("áàâäãåą", 'a'),
        ("çčć", 'c'),
        ("ď", 'd'),
        ("éèêëěę", 'e'),
        ("íìîï", 'i'),
        ("ł", 'l'),
        ("ñňń", 'n'),
        ("óòôöõø", 'o'),
        ("ř", 'r'),
        ("šś", 's'),
        ("ť", 't'),
        ("úùûüů", 'u'),
        ("ý", 'y'),
        ("žźż", 'z'),
    ];
    fold_alnum(text)
        .chars()
        .map(|c| {
            PLAIN
                .iter()
                .find(|(accented, _)| accented.contains(c))
                .map_or(c, |&(_, plain)| plain)
        })
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// Whether a short text is mostly a date ("Nov 20, 2019 5:52 AM EST", "Posted 2019-03-14"):
/// datelines are metadata, not article text.
pub fn looks_like_dateline(text: &str) -> bool {
    const DATELINE_WORDS: &[&str] = &[
        "am",
        "pm",
        "at",
        "on",
        "by",
        "posted",
        "published",
        "updated",
        "last",
        "modified",
        "date",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "ist",
        "et",
        "pt",
        "the",
    ];
    if date::parse_text(text).is_none() {
        return false;
    }
    // What is left besides numbers, month and day names and dateline words must be tiny.
    let other: usize = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !DATELINE_WORDS.contains(&w.as_str()) && !date::is_calendar_word(w))
        .map(|w| w.chars().count())
        .sum();
    other <= 12
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str, url: &str) -> Metadata {
        let doc = Document::from(html);
        read(&doc, Url::parse(url).ok().as_ref())
    }

    fn meta(html: &str) -> Metadata {
        meta_of(
            html,
            "https://blog.example/2021/07/09/my-post/?utm_source=tw#top",
        )
    }

    #[test]
    fn title_drops_the_site_name_named_by_og_site_name() {
        let m = meta(
            "<head><meta property='og:title' content='Why I moved to Hugo | Ana Codes'>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
        // The site name first ("Site: Post") goes too.
        let m = meta(
            "<head><title>Ana Codes — Why I moved to Hugo</title>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
    }

    #[test]
    fn title_uses_the_h1_that_the_title_tag_decorates() {
        // Blogger: <title> is "Blog: Post", no og:site_name; the post's h3/h1 is the title.
        let m = meta(
            "<head><title>Kitchen Notes: Sourdough without a scale</title></head>\
             <body><h1 class='post-title'>Sourdough without a scale</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Sourdough without a scale"));
    }

    #[test]
    fn title_prefers_the_headline_when_og_is_social_copy() {
        let m = meta(
            "<head><title>Rudy Giuliani is out of the running | Daily</title>\
             <meta property='og:title' content='You will not believe who is out'></head>\
             <body><h1>Rudy Giuliani is out of the running</h1></body>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Rudy Giuliani is out of the running")
        );
    }

    #[test]
    fn title_ignores_svg_titles_and_logo_h1() {
        let m = meta_of(
            "<html><head><title>A long post title about gardens - Green</title></head><body>\
             <h1>Green</h1><svg><title>Menu icon</title></svg></body></html>",
            "https://green.example/post",
        );
        assert_eq!(m.title.as_deref(), Some("A long post title about gardens"));
    }

    #[test]
    fn author_from_json_ld_then_meta_then_byline() {
        let m = meta(
            "<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\
             \"author\":{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"}}</script>\
             <meta name='author' content='Someone Else'>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        let m = meta("<meta name='author' content='Ana Ruiz'>");
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        let m = meta(
            "<body><div class='byline'>By <a href='/author/ana/' rel='author'>Ana Ruiz</a></div></body>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn author_skips_urls_emails_and_the_publisher() {
        let m = meta(
            "<meta property='article:author' content='https://facebook.com/ana'>\
             <meta name='author' content='Daily News'>\
             <meta property='og:site_name' content='Daily News'>\
             <p class='byline'>By Ana Ruiz (ana@daily.example)</p>",
        );
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        // On a personal blog the author is the site: then it is the answer.
        let m = meta(
            "<meta name='author' content='Mattias Geniar'>\
             <meta property='og:site_name' content='Mattias Geniar'>",
        );
        assert_eq!(m.author.as_deref(), Some("Mattias Geniar"));
    }

    #[test]
    fn author_cleaning() {
        assert_eq!(
            clean_author("  By   Jane Doe ").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Written by Jane Doe | March 3, 2019").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Gillman, Steve").as_deref(),
            Some("Steve Gillman")
        );
        assert_eq!(clean_author("Oct 13, 2016"), None);
        assert_eq!(clean_author("https://example.com/author/x"), None);
    }

    #[test]
    fn published_from_every_common_signal() {
        let cases = [
            ("<meta property='article:published_time' content='2021-07-09T08:00:00+02:00'>", "2021-07-09T08:00:00+02:00"),
            ("<meta name='sailthru.date' content='2016-12-16 12:21:02'>", "2016-12-16T12:21:02"),
            ("<meta name='parsely-pub-date' content='2017-06-21T19:50:00Z'>", "2017-06-21T19:50:00Z"),
            ("<meta name='DC.date.issued' content='2016-12-22'>", "2016-12-22"),
            ("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-02T03:04:05Z\"}]}</script>", "2020-01-02T03:04:05Z"),
            ("<article><time class='entry-date published' datetime='2019-04-13T16:08:44+09:00'>April 13</time></article>", "2019-04-13T16:08:44+09:00"),
            ("<span itemprop='datePublished' content='2018-10-29'>Oct 29</span>", "2018-10-29"),
            ("<div class='post-meta'>Posted on March 14, 2019 by Ana</div>", "2019-03-14"),
        ];
        for (html, expected) in cases {
            let m = meta_of(html, "https://blog.example/post/");
            assert_eq!(m.published.as_deref(), Some(expected), "{html}");
        }
        // The URL path is the last resort.
        let m = meta("<p>no date</p>");
        assert_eq!(m.published.as_deref(), Some("2021-07-09"));
    }

    #[test]
    fn site_name_from_title_or_home_link_when_undeclared() {
        let m = meta(
            "<head><title>Allotment Notes: Saving tomato seeds</title></head>\
             <body><h1>Saving tomato seeds</h1></body>",
        );
        assert_eq!(m.site_name.as_deref(), Some("Allotment Notes"));
        let m =
            meta("<body><p class='site-title'><a href='/' rel='home'>Slow Rails</a></p></body>");
        assert_eq!(m.site_name.as_deref(), Some("Slow Rails"));
    }

    #[test]
    fn author_from_a_plain_by_line() {
        let m = meta("<article><h1>T</h1><p class='tracked'>By <strong>Liam O'Connell</strong></p></article>");
        assert_eq!(m.author.as_deref(), Some("Liam O'Connell"));
    }

    #[test]
    fn description_from_meta_tags() {
        let m = meta("<meta property='og:description' content=' Short   summary. '>");
        assert_eq!(m.description.as_deref(), Some("Short summary."));
        let m = meta(
            "<meta name='twitter:description' content='From Twitter'>\
             <meta name='description' content='From meta'>",
        );
        assert_eq!(m.description.as_deref(), Some("From meta"));
        assert_eq!(
            first_paragraph(
                "<p>Hi</p><p>The first paragraph long enough to stand as a subtitle.</p>"
            )
            .as_deref(),
            Some("The first paragraph long enough to stand as a subtitle.")
        );
    }

    #[test]
    fn tags_from_every_platform_deduplicated() {
        let m = meta(
            "<meta property='article:tag' content='Rust'>\
             <script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"keywords\":\"rust, WebAssembly\"}</script>\
             <nav><a href='/tag/home/'>Home</a></nav>\
             <div class='post-labels'>Labels: <a href='https://x.blogspot.com/search/label/Travel'>Travel</a></div>\
             <span class='cat-links'><a href='/category/notes/' rel='category tag'>Notes</a></span>\
             <a href='/tags/hugo/'>hugo</a>\
             <meta name='keywords' content='rust, extra'>",
        );
        // Meta keywords ("extra") count only when the page marks no tags at all.
        assert_eq!(m.tags, ["Rust", "WebAssembly", "Travel", "Notes", "hugo"]);
    }

    #[test]
    fn lead_image_site_language_feed() {
        let m = meta(
            "<html lang='fr-CA'><head><meta property='og:image' content='/img/cover.jpg'>\
             <meta name='application-name' content='Le Blog'>\
             <link rel='alternate' type='application/atom+xml' href='/feed.atom'></head></html>",
        );
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://blog.example/img/cover.jpg")
        );
        assert_eq!(m.site_name.as_deref(), Some("Le Blog"));
        assert_eq!(m.language.as_deref(), Some("fr-CA"));
        assert_eq!(
            m.feed_url.as_ref().map(Url::as_str),
            Some("https://blog.example/feed.atom")
        );
        let m =
            meta("<meta property='og:locale' content='en_US'><article><img src='a.png'></article>");
        assert_eq!(m.language.as_deref(), Some("en-US"));
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://blog.example/2021/07/09/my-post/a.png")
        );
    }

    #[test]
    fn canonical_link_then_og_url_then_clean_page_url() {
        let m = meta("<link rel='canonical' href='/2021/07/09/my-post/'><meta property='og:url' content='https://other.example/'>");
        let c = m.canonical.unwrap();
        assert_eq!(c.url.as_str(), "https://blog.example/2021/07/09/my-post/");
        assert_eq!(c.source, CanonicalSource::LinkRelCanonical);
        let m = meta("<meta property='og:url' content='https://blog.example/p/'>");
        assert_eq!(m.canonical.unwrap().source, CanonicalSource::OgUrl);
        let c = meta("<p>x</p>").canonical.unwrap();
        assert_eq!(c.url.as_str(), "https://blog.example/2021/07/09/my-post/");
        assert_eq!(c.source, CanonicalSource::PageUrl);
    }

    #[test]
    fn relative_urls_resolve_against_base_href() {
        let m = meta(
            "<head><base href='https://cdn.blog.example/assets/'>\
             <link rel='canonical' href='../posts/one/'><meta property='og:image' content='cover.png'></head>",
        );
        assert_eq!(
            m.canonical.unwrap().url.as_str(),
            "https://cdn.blog.example/posts/one/"
        );
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://cdn.blog.example/assets/cover.png")
        );
    }

    #[test]
    fn noindex_from_robots_or_googlebot() {
        assert!(meta("<meta name='robots' content='noindex, follow'>").noindex);
        assert!(meta("<meta name='googlebot' content='none'>").noindex);
        assert!(!meta("<meta name='robots' content='index, follow'>").noindex);
    }
}
