//! What Readability keeps but is not the post: share bars, related-post lists and cards, tag
//! lists, newsletter boxes, author boxes, comment sections, datelines, photo credits, slideshow
//! chrome; and the page's own article container, used to narrow the search and as a fallback.

use std::collections::HashMap;

use dom_query::{Document, Matcher, NodeId, NodeRef};

/// Containers that themes and CMSs put around the post body, most specific first.
const ARTICLE_CONTAINERS: &[&str] = &[
    "[itemprop='articleBody']",
    "article",
    "main",
    "[role='main']",
    "body",
];

/// Words in a class or id that mark a block as not part of the post.
const BOILERPLATE_MARKERS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "promo",
    "advert",
    "sponsor",
    "author-bio",
    "authorbio",
    "author-box",
    "authorbox",
    "about-author",
    "author-info",
    "author-card",
    "comment",
    "respond",
    "breadcrumb",
    "byline",
    "dateline",
    "timestamp",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "read-more",
    "readmore",
    "more-stories",
    "recommended",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "pagination",
    "toolbar",
    "tags",
    "tag-list",
    "post-tags",
    "cat-links",
    "category",
    "newsletter",
    "donate",
    "paywall",
    "inline-ad",
    "ad-container",
    "ad-slot",
    "ad-unit",
    "adslot",
    "dfp",
    "print-only",
    "reading-time",
    "read-time",
    "vote",
    "clap",
    "storyreadtime",
    "storypublishdate",
    "avatar",
    "authorphoto",
    "author-photo",
    "sr-only",
    "visually-hidden",
    "off-screen",
    "offscreen",
    "screen-reader",
    "cta",
];

/// Text that starts a block which is a call to action, a cross-link or a dateline.
const BOILERPLATE_OPENINGS: &[&str] = &[
    "read more",
    "read also",
    "read next",
    "related:",
    "related post",
    "related article",
    "related stories",
    "see also:",
    "see more",
    "don't miss",
    "don’t miss",
    "also read",
    "more:",
    "recommended",
    "subscribe",
    "sign up",
    "follow us",
    "follow @",
    "click here",
    "share this",
    "sharing is caring",
    "advertisement",
    "sponsored",
    "published",
    "updated",
    "posted on",
    "first published",
    "last updated",
    "image:",
    "image source",
    "photo:",
    "photograph:",
    "credit:",
    "image caption",
    "enlarge image",
    "view author archive",
    "email the author",
    "follow on twitter",
    "leave a comment",
    "leave a reply",
    "post comment",
    "filed under",
    "tags:",
    "getty images",
    "this slideshow requires javascript",
    "want more stories like this",
    "tell us what you think",
    "you may also like",
    // "Read also" in the languages of the corpora's pages.
    "leggi anche",
    "lee también",
    "leia também",
    "leia mais",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "lees ook",
];

/// The whole text of a button-like block (often a link styled as a button) that acts on the
/// page rather than saying anything: Substack's "Share", a lone "Comments" or "Print".
const ACTION_LABELS: &[&str] = &[
    "share",
    "share this post",
    "share this",
    "tweet",
    "print",
    "email",
    "comment",
    "comments",
    "leave a comment",
    "restack",
    "like",
    "follow",
    "copy link",
    "give a gift subscription",
    "upgrade to paid",
    "listen",
    "advert",
    "caption",
    "close",
    "less",
    "more",
    "show more",
    "load more",
];

/// Headings that open a trailing section of links or comments.
const TRAILING_SECTION_HEADINGS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "more",
    "more from",
    "more stories",
    "more news",
    "trending",
    "popular",
    "most popular",
    "most read",
    "you may also like",
    "you might also like",
    "recommended",
    "read more",
    "read next",
    "comments",
    "leave a reply",
    "leave a comment",
    "share this",
    "share this article",
    "tell us what you think",
    "about the author",
    "don't miss",
    "don’t miss",
    "latest news",
    "want more stories like this?",
];

/// Openings of headings over a site's lists of other stories ("Top stories in Nation", "Most
/// read stories"); such a heading opens a trailing section only when a link list follows it.
const TRAILING_SECTION_PREFIXES: &[&str] = &[
    "top stories",
    "most read",
    "most popular",
    "most viewed",
    "more stories",
    "more from",
    "you may also",
    "you might also",
    "recommended for you",
    "editor's picks",
    "editors' picks",
    "editors’ picks",
];

/// Classes and attributes CMSs and themes give the post body itself (not its header or footer).
const BODY_CONTAINERS: &[&str] = &[
    "[itemprop~='articleBody']",
    ".entry-content",
    ".post-content",
    ".post-body",
    ".article-body",
    ".article__body",
    ".article-content",
    ".story-body",
    ".c-entry-content",
    ".td-post-content",
    "#article-body",
    ".blog-post-body",
    ".post-entry",
    ".single-post-content",
    ".markdown-body",
    ".gh-content",
    ".available-content",
    ".crayons-article__body",
    "#post-content-wrapper",
];

/// The post body's own container when the page marks exactly one, with enough text to be the
/// article: Readability then cannot wander into related posts and author boxes next to it.
pub fn body_container(doc: &Document) -> Option<NodeRef<'_>> {
    // One scan of the page for all the containers (a scan per selector was 11 % of the native
    // time), then each selector in turn over what that scan found, in document order as before.
    let candidates = body_container_candidates(doc);
    if candidates.is_empty() {
        return None;
    }
    let body_text = doc
        .select_single("body")
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    BODY_CONTAINERS.iter().find_map(|selector| {
        let matcher = Matcher::new(selector).ok()?;
        let mut found = candidates.iter().filter(|n| n.is_match(&matcher));
        let (Some(node), None) = (found.next(), found.next()) else {
            return None;
        };
        let len = text_len(node);
        let in_chrome = node.ancestors_it(None).any(|a| {
            a.has_name("nav") || a.has_name("aside") || a.has_name("footer") || a.has_name("header")
        });
        (len >= 500 && len * 5 >= body_text && !in_chrome).then_some(*node)
    })
}

/// The elements any of [`BODY_CONTAINERS`] selects, in document order. Only an element with an
/// `itemprop`, or a class or id one of those selectors names, can match: the selector engine
/// (19 selectors per element) runs on those few, not on every element of the page.
fn body_container_candidates(doc: &Document) -> Vec<NodeRef<'_>> {
    let Ok(matcher) = Matcher::new(&BODY_CONTAINERS.join(", ")) else {
        return Vec::new();
    };
    let named = |prefix: char, name: &str| {
        BODY_CONTAINERS
            .iter()
            .any(|selector| selector.strip_prefix(prefix) == Some(name))
    };
    doc.root()
        .descendants_it()
        .filter(|node| {
            let may_match = node.element_ref().is_some_and(|element| {
                element.attrs.iter().any(|attr| match &*attr.name.local {
                    "itemprop" => true,
                    "class" => attr
                        .value
                        .split_ascii_whitespace()
                        .any(|class| named('.', class)),
                    "id" => named('#', &attr.value),
                    _ => false,
                })
            });
            may_match && node.is_match(&matcher)
        })
        .collect()
}

/// The first article container of the page with text in it, as HTML.
pub fn fallback_container(doc: &Document) -> Option<String> {
    ARTICLE_CONTAINERS.iter().find_map(|selector| {
        let found = doc.select_single(selector);
        let text_len = found.text().trim().len();
        (text_len > 0).then(|| found.html().to_string())
    })
}

/// Removes boilerplate from the extracted article HTML. Blocks go when their class or id marks
/// them, when their short text is a call to action or a dateline, or when they follow a
/// "Related"/"Comments" heading; nothing that holds a large share of the text is removed.
///
/// `title` and `subtitle` go to Medium as the draft's own heading and subheading, so a first block
/// that repeats either is dropped too.
pub fn strip(content_html: &str, title: Option<&str>, subtitle: Option<&str>) -> String {
    let doc = Document::fragment(content_html);
    let root = doc.root();
    keep_only_the_marked_article(&root);
    remove_trailing_sections(&doc);
    remove_leading_repeats(&root, &[title, subtitle]);
    let lengths = text_lengths(&root);
    let total = lengths.get(&root.id).copied().unwrap_or(0).max(1);
    let mut doomed: Vec<NodeRef> = Vec::new();
    // Pre-order walk with an explicit stack; a removed block's subtree is not visited, and code
    // is never touched (syntax highlighters put words like "comment" in their classes).
    let mut stack: Vec<NodeRef> = root.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if !node.is_element() || node.has_name("pre") || node.has_name("code") {
            continue;
        }
        let len = lengths.get(&node.id).copied().unwrap_or(0);
        // Never remove a block carrying much of the article.
        let carries_article = len * 4 > total && len > 200;
        if !carries_article
            && (is_marked_boilerplate(&node)
                || is_boilerplate_text(&node, len)
                || is_share_bar(&node, len)
                || is_tag_list(&node, len))
        {
            doomed.push(node);
            continue;
        }
        stack.extend(node.children_it(true));
    }
    for node in &doomed {
        node.remove_from_parent();
    }
    remove_repeated_captions(&doc.root());
    doc.root()
        .first_element_child()
        .map(|html| html.inner_html().to_string())
        .unwrap_or_default()
}

/// Removes a paragraph or caption that repeats an earlier caption: slideshows repeat each
/// photo's caption in their thumbnail strip and their lightbox. Only text in a caption (a
/// `figcaption`, a list item, or a block classed "caption") counts as earlier, so a paragraph
/// the author repeats on purpose (a refrain) stays, and so do repeated list items (references).
fn remove_repeated_captions(root: &NodeRef) {
    let mut captions: Vec<String> = Vec::new();
    let mut repeated: Vec<NodeRef> = Vec::new();
    for node in root.descendants_it() {
        let is_text_block = node
            .qual_name_ref()
            .is_some_and(|n| matches!(n.local.as_ref(), "p" | "li" | "figcaption"));
        if !is_text_block || !is_leaf_block(&node) {
            continue;
        }
        let text = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() < 80 {
            continue;
        }
        // A bounded look-back keeps this linear on long pages.
        if !node.has_name("li") && captions.iter().rev().take(50).any(|c| c.contains(&text)) {
            repeated.push(node);
        } else if is_in_caption(&node) {
            captions.push(text);
        }
    }
    for node in repeated {
        node.remove_from_parent();
    }
}

fn is_in_caption(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|a| {
            a.has_name("li")
                || a.has_name("figcaption")
                || a.has_name("figure")
                || has_marker(&a, &["caption"])
        })
}

/// Removes the first text blocks while they repeat the title or the subtitle (a dek).
fn remove_leading_repeats(root: &NodeRef, repeated: &[Option<&str>]) {
    // Indexed by position (0 = title, 1 = subtitle) whether or not the title is known.
    let wanted: Vec<(usize, String)> = repeated
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (i, fold_alnum(t))))
        .filter(|(_, t)| t.chars().count() >= 20)
        .collect();
    if wanted.is_empty() {
        return;
    }
    let leaves: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| is_block(n) && is_leaf_block(n) && text_len(n) > 0)
        .take(3)
        .collect();
    for leaf in leaves {
        let text = fold_alnum(&leaf.text());
        let same = wanted.iter().any(|(i, w)| {
            let i = *i;
            // The title may open the body anywhere; a repeated description only as a dek (a
            // heading or a block classed as one), never as the post's own first paragraph.
            if i > 0 && !is_dek(&leaf) {
                return false;
            }
            // A description cut short ("No questions ask…") would lose the dek's end.
            if i > 0 && text.len() > w.len() {
                return false;
            }
            let (short, long) = if w.len() < text.len() {
                (w, &text)
            } else {
                (&text, w)
            };
            long.starts_with(short.as_str()) && short.len() * 10 >= long.len() * 9
        });
        if !same {
            return;
        }
        leaf.remove_from_parent();
    }
}

fn is_dek(node: &NodeRef) -> bool {
    let heading = node
        .qual_name_ref()
        .is_some_and(|n| matches!(n.local.as_ref(), "h2" | "h3" | "h4" | "h5" | "h6"));
    heading
        || has_marker(
            node,
            &[
                "dek",
                "standfirst",
                "subheadline",
                "sub-headline",
                "subtitle",
                "strapline",
                "deck",
                "summary",
            ],
        )
}

fn fold_alnum(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The attribute [`mark`] sets; the dialect rewrite drops it with every other attribute.
const MARK_ATTR: &str = "data-stm-boilerplate";

/// Marks the page's elements whose class or id says boilerplate, before Readability runs: its
/// simplification copies a wrapper's attributes onto its only child, or replaces a `div` by its
/// only `p`, so the marking classes would otherwise be gone by the time [`strip`] looks. The
/// mark goes down a marked element's chain of only children for the same reason.
pub fn mark(doc: &Document) {
    let Some(body) = doc.body() else {
        return;
    };
    let mut stack: Vec<NodeRef> = body.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if !node.is_element() || node.has_name("pre") || node.has_name("code") {
            continue;
        }
        if is_marked_boilerplate(&node) {
            node.set_attr(MARK_ATTR, "");
            let mut only = only_element_child(&node);
            while let Some(child) = only {
                child.set_attr(MARK_ATTR, "");
                only = only_element_child(&child);
            }
        }
        stack.extend(node.children_it(true));
    }
}

/// The element's single element child, when it has exactly one and no text beside it.
fn only_element_child<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut found = None;
    for child in node.children_it(false) {
        if child.is_element() {
            if found.is_some() {
                return None;
            }
            found = Some(child);
        } else if child.is_text() && !child.text().trim().is_empty() {
            return None;
        }
    }
    found
}

/// Non-whitespace character counts of every node's text, computed bottom-up in one pass.
fn text_lengths(root: &NodeRef) -> HashMap<NodeId, usize> {
    let mut lengths: HashMap<NodeId, usize> = HashMap::new();
    let mut order: Vec<NodeRef> = Vec::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        order.push(node);
        stack.extend(node.children_it(false));
    }
    // Children come after their parent in `order`, so the reverse sees children first.
    for node in order.iter().rev() {
        let len = if node.is_text() {
            node.text().chars().filter(|c| !c.is_whitespace()).count()
        } else {
            node.children_it(false)
                .map(|c| lengths.get(&c.id).copied().unwrap_or(0))
                .sum()
        };
        lengths.insert(node.id, len);
    }
    lengths
}

fn text_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

fn is_marked_boilerplate(node: &NodeRef) -> bool {
    if node.has_attr(MARK_ATTR) {
        return true;
    }
    if node.has_name("aside")
        || node.has_name("nav")
        || node.has_name("form")
        || node.has_name("button")
    {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
        || node.has_attr("hidden")
    {
        return true;
    }
    // The post's date as microdata: the draft carries it as `published`, not in the text.
    if node
        .attr("itemprop")
        .is_some_and(|v| matches!(v.as_ref(), "datePublished" | "dateModified" | "dateCreated"))
        && text_len(node) <= 80
    {
        return true;
    }
    has_marker(node, BOILERPLATE_MARKERS)
}

/// Whether the element's class or id holds one of `markers` as a whole word.
fn has_marker(node: &NodeRef, markers: &[&str]) -> bool {
    let mut marks = String::new();
    for attr in ["class", "id", "data-testid"] {
        if let Some(value) = node.attr(attr) {
            marks.push_str(&value.to_ascii_lowercase());
            marks.push(' ');
        }
    }
    if marks.is_empty() {
        return false;
    }
    let first_bytes = MarkerFirstBytes::of(markers);
    marks
        .split(|c: char| c.is_whitespace())
        // WordPress post classes name the post's taxonomy ("category-news", "tag-social").
        .filter(|token| {
            !token.starts_with("category-")
                && !token.starts_with("tag-")
                && !token.starts_with("has-")
        })
        .any(|token| token_has_marker(token, markers, &first_bytes))
}

/// The bytes the markers start with: most word starts of a class name begin with none of
/// them, so they are passed over without comparing ~60 markers.
struct MarkerFirstBytes([bool; 256]);

impl MarkerFirstBytes {
    fn of(markers: &[&str]) -> Self {
        let mut first = [false; 256];
        for marker in markers {
            if let Some(&byte) = marker.as_bytes().first() {
                first[usize::from(byte)] = true;
            }
        }
        Self(first)
    }
}

/// One of `markers` appears in `token` as a whole word of a `-`/`_`-separated class name
/// ("post-share-buttons" has "share"; "shared-content" does not; a plural "s" may follow).
///
/// Compares at word starts only: `str::find` built a substring searcher per token and marker,
/// which was a quarter of the native time, since [`mark`] asks this of every element.
fn token_has_marker(token: &str, markers: &[&str], first_bytes: &MarkerFirstBytes) -> bool {
    let bytes = token.as_bytes();
    (0..bytes.len())
        .filter(|&start| start == 0 || matches!(bytes[start - 1], b'-' | b'_'))
        .filter(|&start| first_bytes.0[usize::from(bytes[start])])
        .any(|start| {
            markers.iter().any(|marker| {
                let end = start + marker.len();
                // The first byte inline first: most markers differ there, and a slice
                // comparison is a call to memcmp.
                marker.as_bytes().first() == Some(&bytes[start])
                    && bytes[start..].starts_with(marker.as_bytes())
                    && (end == bytes.len() || matches!(bytes[end], b'-' | b'_' | b's'))
            })
        })
}

/// A short block whose text opens like a call to action, a cross-link, a credit or a dateline.
fn is_boilerplate_text(node: &NodeRef, len: usize) -> bool {
    if !is_block(node) || len == 0 || len > 220 || !is_leaf_block(node) {
        return false;
    }
    let text = node.text().to_lowercase();
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let words = text.split_whitespace().count();
    if ACTION_LABELS.contains(&text.trim_end()) {
        return true;
    }
    if BOILERPLATE_OPENINGS.iter().any(|o| text.starts_with(o)) && words <= 30 {
        // "Published", "Updated", "Posted on" open datelines, but also ordinary sentences.
        let dateline_only = [
            "published",
            "updated",
            "posted on",
            "first published",
            "last updated",
        ]
        .iter()
        .any(|o| text.starts_with(o));
        if !dateline_only || words <= 6 || crate::metadata::looks_like_dateline(text) {
            return true;
        }
    }
    if words <= 35 && (is_call_to_action(text) || is_comment_policy(text)) {
        return true;
    }
    if is_shouted_cross_link(node, len) {
        return true;
    }
    if is_widget_shortcode(&node.text().to_lowercase()) {
        return true;
    }
    if is_gallery_counter(text) {
        return true;
    }
    // Reporting credits and the author's bio line close news stories, outside the story.
    if words <= 60 && (is_reporting_credit(text) || is_author_bio(text)) {
        return true;
    }
    // A caption left outside its figure, or a photo credit: "… (Image: GETTY)", "Photo by X/AP".
    let leaf_block = node.has_name("p")
        || node.has_name("div")
            && !node.descendants_it().any(|d| {
                d.has_name("p")
                    || d.has_name("div")
                    || d.has_name("figure")
                    || d.has_name("figcaption")
                    || d.has_name("img")
            });
    if words <= 45 && leaf_block && is_photo_credit(text) {
        return true;
    }
    // A dateline: a few words around a date ("Nov 20, 2019 5:52 AM EST").
    // A dateline: a few words around a date ("Nov 20, 2019 5:52 AM EST"), or two of them
    // ("Nov 18, 2019 5:19 PM, updated Nov 18, 2019 5:26 PM").
    words <= 16 && crate::metadata::looks_like_dateline(text)
}

/// A paragraph that is one link in capitals to a story ("TAYLOR SWIFT CLEARED TO PERFORM AT
/// AMAs"): news sites put the headlines of their other stories between the paragraphs so. A
/// shouted link to a document ("CLICK FOR FULL RESULTS" to a results page) stays.
fn is_shouted_cross_link(node: &NodeRef, len: usize) -> bool {
    if !node.has_name("p") {
        return false;
    }
    let links: Vec<NodeRef> = node.descendants_it().filter(|d| d.has_name("a")).collect();
    let [link] = links.as_slice() else {
        return false;
    };
    let text = link.text();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    // It points at a story: the address ends in a slug ("/taylor-swift-cleared-perform").
    let to_story = link.attr("href").is_some_and(|href| {
        let path = href.split(['?', '#']).next().unwrap_or_default();
        path.trim_end_matches('/')
            .rsplit('/')
            .next()
            .is_some_and(|slug| slug.split(['-', '_']).filter(|w| !w.is_empty()).count() >= 3)
    });
    to_story
        && text_len(link) == len
        && text.split_whitespace().count() >= 4
        && letters.len() >= 15
        && upper * 10 >= letters.len() * 9
}

/// WordPress shortcodes of page widgets (buttons, forms, share bars) that the theme did not
/// render: `[button link="…"] Send us YOUR kit review[/button]` is markup, not prose.
fn is_widget_shortcode(text: &str) -> bool {
    const WIDGETS: &[&str] = &[
        "button",
        "su_button",
        "vc_btn",
        "btn",
        "cta",
        "subscribe",
        "newsletter",
        "mc4wp_form",
        "contact-form-7",
        "social",
        "share",
        "adsense",
        "ad",
    ];
    let text = text.trim();
    let Some(rest) = text.strip_prefix('[') else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        .collect();
    WIDGETS.contains(&name.as_str())
        && rest[name.len()..].starts_with([' ', ']'])
        && (text.ends_with(&format!("[/{name}]")) || text.ends_with(']'))
}

/// A slideshow's position label: "Image 1 of 23", "Photo 3/10", "Slide 2 of / 9".
fn is_gallery_counter(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [noun, a, rest @ ..] => {
            matches!(
                *noun,
                "image" | "photo" | "picture" | "slide" | "foto" | "bild"
            ) && number(a)
                && match rest {
                    [of, b] => matches!(*of, "of" | "de" | "di" | "von") && number(b),
                    [b] => number(b),
                    _ => false,
                }
        }
        _ => false,
    }
}

/// "Comments are moderated…" in the languages whose words share these stems (English, French,
/// Portuguese, Spanish, Italian, German): a notice about the comment form, not the post.
fn is_comment_policy(text: &str) -> bool {
    let comments = ["comment", "coment", "kommentar"]
        .iter()
        .any(|w| text.contains(w));
    let moderation = ["moderat", "moderad", "moderier"]
        .iter()
        .any(|w| text.contains(w));
    comments && moderation
}

/// Addresses of the share endpoints of social networks and messengers.
const SHARE_ENDPOINTS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share.php",
    "twitter.com/intent/",
    "twitter.com/share",
    "x.com/intent/",
    "linkedin.com/sharearticle",
    "linkedin.com/share",
    "pinterest.com/pin/create",
    "reddit.com/submit",
    "api.whatsapp.com/send",
    "whatsapp://",
    "wa.me/",
    "t.me/share",
    "telegram.me/share",
    "mailto:?",
    "plus.google.com/share",
    "tumblr.com/share",
    "addtoany.com/share",
];

/// A short bar of labels ("Facebook · WhatsApp · Pin") holding a link to a share endpoint: it
/// acts on the page and says nothing of the post. A quote linked to a share endpoint ("Click to
/// tweet") is not a label and stays.
fn is_share_bar(node: &NodeRef, len: usize) -> bool {
    // A dozen labels are short; the length check spares building the text of big blocks.
    if !is_block(node) || node.has_name("li") || len == 0 || len > 150 {
        return false;
    }
    let text = node.text();
    if text.split_whitespace().count() > 12 {
        return false;
    }
    let mut shares = false;
    for d in node.descendants_it() {
        if d.has_name("img") || d.has_name("figure") || d.has_name("picture") {
            return false;
        }
        if !d.has_name("a") {
            continue;
        }
        // Labels, not a sentence: a "Click to tweet" quote is part of the post.
        if d.text().split_whitespace().count() > 3 {
            return false;
        }
        if d.attr("href").is_some_and(|href| {
            let href = href.to_ascii_lowercase();
            SHARE_ENDPOINTS.iter().any(|e| href.contains(e))
        }) {
            shares = true;
        }
    }
    shares
}

/// A list of the post's tags or categories: a block whose text is mostly links marked
/// `rel="tag"` (WordPress and many themes mark them so), perhaps after a "Tags:" label.
fn is_tag_list(node: &NodeRef, len: usize) -> bool {
    if !is_block(node) || len == 0 || len > 600 {
        return false;
    }
    let tagged: usize = node
        .descendants_it()
        .filter(|d| {
            d.has_name("a")
                && d.attr("rel").is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("tag"))
                })
        })
        .map(|a| text_len(&a))
        .sum();
    tagged * 10 >= len * 6
}

/// Above this many `<article>`s, [`mark_titled_article`] leaves the page alone.
const MAX_ARTICLES_TO_COMPARE: usize = 500;

/// The attribute [`mark_titled_article`] sets on the post's own `<article>`.
const POST_ATTR: &str = "data-stm-post";

/// Marks the page's `<article>` that holds the post when the page has several (the post, then
/// cards of the site's other posts): the innermost one with an `h1`/`h2` that is the post's
/// title. Readability drops that heading, so the mark is set on the page before it runs.
pub fn mark_titled_article(doc: &Document, title: Option<&str>) {
    let Some(title) = title.map(fold_alnum).filter(|t| t.chars().count() >= 5) else {
        return;
    };
    let articles = doc.select("article");
    // Pages list a few dozen cards; thousands of articles are not worth a quadratic search.
    if !(2..=MAX_ARTICLES_TO_COMPARE).contains(&articles.length()) {
        return;
    }
    let titled: Vec<NodeRef> = articles
        .nodes()
        .iter()
        .filter(|article| {
            dom_query::Selection::from(**article)
                .select("h1, h2")
                .nodes()
                .iter()
                .any(|h| fold_alnum(&h.text()) == title)
        })
        .copied()
        .collect();
    let innermost: Vec<&NodeRef> = titled
        .iter()
        .filter(|a| !titled.iter().any(|b| b.id != a.id && is_ancestor(a, b)))
        .collect();
    if let [main] = innermost.as_slice() {
        main.set_attr(POST_ATTR, "");
    }
}

/// Removes the `<article>`s beside the one [`mark_titled_article`] marked as the post.
fn keep_only_the_marked_article(root: &NodeRef) {
    let articles: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| n.has_name("article"))
        .collect();
    let Some(main) = articles.iter().find(|a| a.has_attr(POST_ATTR)) else {
        return;
    };
    if text_len(main) < 200 {
        return;
    }
    for article in &articles {
        if article.id != main.id && !is_ancestor(article, main) && !is_ancestor(main, article) {
            article.remove_from_parent();
        }
    }
}

/// Whether `outer` contains `inner`.
fn is_ancestor(outer: &NodeRef, inner: &NodeRef) -> bool {
    inner.ancestors_it(None).any(|a| a.id == outer.id)
}

/// Newsletter pitches, "follow us" lines and app promotions anywhere in a short block.
fn is_call_to_action(text: &str) -> bool {
    let has = |needle: &str| text.contains(needle);
    let newsletter = (has("newsletter") || has("inbox") || has("mailing list"))
        && (has("sign up")
            || has("subscribe")
            || has("subscribing")
            || has("delivered")
            || has("get "));
    let follow = (text.starts_with("follow ") || has("follow us"))
        && (has("twitter")
            || has("facebook")
            || has("instagram")
            || has("youtube")
            || has("linkedin")
            || has("coverage"));
    // A newsletter form's own messages, and print-magazine subscription offers.
    let form_message = has("successfully subscribed") || has("problem subscribing");
    let magazine = (has("subscribe") || has("subscription") || has("delivered"))
        && (has("magazine") || has("issues for") || has("letterbox"));
    let app = has("download the app")
        || has("get the app")
        || has("app to get")
        || has("get the fox news app");
    newsletter || follow || app || form_message || magazine
}

/// "Jane Doe contributed to this report." / "Reporting by …; editing by …"
fn is_reporting_credit(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['.', ')']);
    text.ends_with("contributed to this report")
        || text.ends_with("contributed reporting")
        || text.ends_with("contributed to this story")
        || text.starts_with("reporting by ")
        || text.starts_with("additional reporting by ")
        || text.starts_with("editing by ")
}

/// "Jane Doe is a reporter for The Daily." — the author box line, not the story.
fn is_author_bio(text: &str) -> bool {
    const ROLES: &[&str] = &[
        "writer",
        "reporter",
        "editor",
        "journalist",
        "correspondent",
        "contributor",
        "columnist",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(verb) = words.iter().take(5).position(|w| *w == "is" || *w == "was") else {
        return false;
    };
    (1..=4).contains(&verb)
        && words
            .get(verb + 1)
            .is_some_and(|w| matches!(*w, "a" | "an" | "the"))
        && ROLES.iter().any(|r| text.contains(r))
        && words.len() <= 60
}

/// Endings of captions that credit a photo agency or photographer.
const CREDIT_ENDINGS: &[&str] = &[
    "getty images",
    "/getty",
    "/ap",
    "ap photo",
    "ap file",
    "/reuters",
    "/afp",
    "/shutterstock",
    "/istock",
    "/epa",
    "/alamy",
    "rex features",
    "pa wire",
];

/// Agencies whose name closes a caption ("… in New York. Reuters", "… Timothy Weeks AP").
const AGENCIES: &[&str] = &[
    "ap",
    "reuters",
    "afp",
    "epa",
    "getty",
    "getty images",
    "shutterstock",
    "ap photo",
];

/// Text that ends with a credit ("… Image: GETTY", "… Photo: Jane Doe/AP") or names one.
fn is_photo_credit(text: &str) -> bool {
    // A caption: no sentence punctuation at the end, an agency's name instead.
    let bare = text.trim();
    if !bare.ends_with(['.', '!', '?', '"', '”', ':', ';'])
        && AGENCIES.iter().any(|a| {
            bare.strip_suffix(a)
                .is_some_and(|rest| rest.ends_with([' ', '/', '(']))
        })
    {
        return true;
    }
    let ends_sentence = bare.ends_with(['.', '!', '?']) && !bare.ends_with(").");
    let text = text.trim().trim_end_matches([')', ']', '.']).trim();
    if CREDIT_ENDINGS.iter().any(|e| text.ends_with(e)) {
        return true;
    }
    // "… Image GETTY", "… Photo: Name", "… Credit: Agency" near the end of the caption.
    let tail: String = text
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "image:",
        "image ",
        "photo:",
        "photo by",
        "photograph:",
        "credit:",
        "credit ",
        "picture:",
        "pictures:",
        "source:",
    ]
    .iter()
    .any(|marker| {
        // Without a colon, "image"/"credit" end ordinary sentences too ("… its image for
        // quality and sustainability."): a credit so written has no closing full stop.
        if !marker.ends_with(':') && marker.ends_with(' ') && ends_sentence {
            return false;
        }
        tail.match_indices(marker).any(|(at, _)| {
            let starts_word = tail[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let rest = &tail[at + marker.len()..];
            let words = rest.split_whitespace().count();
            starts_word && (1..=6).contains(&words) && !rest.contains(". ")
        })
    })
}

/// A block with no other blocks inside: text rules judge one paragraph, never a container.
fn is_leaf_block(node: &NodeRef) -> bool {
    !node.descendants_it().any(|d| {
        d.qual_name_ref().is_some_and(|name| {
            matches!(
                name.local.as_ref(),
                "p" | "div"
                    | "center"
                    | "section"
                    | "article"
                    | "ul"
                    | "ol"
                    | "li"
                    | "figure"
                    | "table"
                    | "blockquote"
                    | "pre"
            )
        })
    })
}

fn is_block(node: &NodeRef) -> bool {
    node.qual_name_ref().is_some_and(|name| {
        matches!(
            name.local.as_ref(),
            "p" | "div"
                | "center"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "figcaption"
                | "section"
                | "ul"
        )
    })
}

/// Removes a "Related"/"Comments"/"More" heading and the link lists and short blocks after it.
fn remove_trailing_sections(doc: &Document) {
    let headings = doc.select("h1, h2, h3, h4, h5, h6, p > strong:only-child, p > b:only-child");
    for heading in headings.nodes() {
        let text = heading.text().to_lowercase();
        let text = text.trim().trim_end_matches([':', '.']);
        let exact = TRAILING_SECTION_HEADINGS.contains(&text);
        if !exact
            && !TRAILING_SECTION_PREFIXES
                .iter()
                .any(|p| text.starts_with(p))
        {
            continue;
        }
        let block = if heading.has_name("strong") || heading.has_name("b") {
            heading.parent().unwrap_or(*heading)
        } else {
            *heading
        };
        // "Top stories in Nation" opens a section only when links follow it.
        if !exact
            && !block
                .next_element_sibling()
                .is_some_and(|next| link_density(&next) > 0.5)
        {
            continue;
        }
        let mut next = block.next_element_sibling();
        while let Some(sibling) = next {
            next = sibling.next_element_sibling();
            let is_heading = sibling.qual_name_ref().is_some_and(|n| {
                matches!(n.local.as_ref(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            });
            if is_heading {
                break;
            }
            let density = link_density(&sibling);
            let is_list = sibling.has_name("ul") || sibling.has_name("ol");
            if density > 0.5 || is_list && density > 0.2 || text_len(&sibling) < 30 {
                sibling.remove_from_parent();
            } else {
                break;
            }
        }
        block.remove_from_parent();
    }
}

fn link_density(node: &NodeRef) -> f32 {
    let total = text_len(node);
    if total == 0 {
        return 0.0;
    }
    let linked: usize = dom_query::Selection::from(*node)
        .select("a")
        .nodes()
        .iter()
        .map(text_len)
        .sum();
    linked as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_counts_only_as_a_whole_word_of_a_class_name() {
        for (token, marker, expected) in [
            ("share", "share", true),
            ("post-share-buttons", "share", true),
            ("post_share", "share", true),
            ("shares", "share", true),
            ("sharesheet", "share", true),
            ("shared-content", "share", false),
            ("reshare", "share", false),
            ("re-reshare", "share", false),
            ("é-share", "share", true),
            ("éshare", "share", false),
            ("shar", "share", false),
            ("", "share", false),
            ("x-sign-up", "sign-up", true),
            ("comment-comments", "comments", true),
        ] {
            let markers = [marker];
            let first_bytes = MarkerFirstBytes::of(&markers);
            assert_eq!(
                token_has_marker(token, &markers, &first_bytes),
                expected,
                "{token} / {marker}"
            );
        }
    }

    const BODY: &str =
        "<p>The actual article text is long enough to matter and keeps going for a while, \
                        sentence after sentence, so that nothing here looks like boilerplate.</p>";

    #[test]
    fn share_bars_and_newsletter_boxes_go() {
        let html = format!(
            "<div><div class=\"post-share-buttons\"><a href=#>Facebook</a></div>{BODY}\
             <div id=\"newsletter-signup\"><p>Get our newsletter</p></div></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Facebook"));
        assert!(!out.contains("newsletter"));
        assert!(out.contains("actual article text"));
    }

    #[test]
    fn class_words_must_be_whole() {
        let html = format!("<div class=\"shared-content\">{BODY}</div>");
        assert!(strip(&html, None, None).contains("actual article text"));
    }

    #[test]
    fn calls_to_action_and_datelines_go() {
        let html = format!(
            "<div><p>Nov 20, 2019 5:52 AM EST</p>{BODY}<p>READ MORE: Another story entirely</p>\
             <p>Sign up for our daily email</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Nov 20"));
        assert!(!out.contains("READ MORE"));
        assert!(!out.contains("Sign up"));
        assert!(out.contains("actual article text"));
    }

    #[test]
    fn a_block_that_is_only_a_button_label_goes() {
        let html = format!(
            "<div>{BODY}<p class=\"button-wrapper\"><a class=\"button\" href=\"/p/x?action=share\">\
             <span>Share</span></a></p><p>Share prices fell on Monday, and kept falling.</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains(">Share<"));
        assert!(out.contains("Share prices fell"));
    }

    #[test]
    fn photo_credits_go_but_captions_stay() {
        let html = format!(
            "<div><p>Protesters marched in the rain (Image: GETTY)</p>{BODY}\
             <figure><img src=a.png><figcaption>The harbour at dawn, seen from the ferry</figcaption></figure>\
             <p>A man waves a flag. Photo by Jane Doe/AP</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Protesters"));
        assert!(!out.contains("waves a flag"));
        assert!(out.contains("harbour at dawn"));
    }

    #[test]
    fn related_heading_takes_its_link_list_with_it() {
        let html = format!(
            "<div>{BODY}<h3>Related posts</h3><ul><li><a href=/a>Other post</a></li></ul></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Related"));
        assert!(!out.contains("Other post"));
    }

    #[test]
    fn the_mark_survives_readability_replacing_a_div_by_its_only_paragraph() {
        let doc = Document::from(
            "<body><div class=\"multi-vote-count\"><p><span>1.4K</span></p></div>\
             <div class=\"share\"><a>one</a><a>two</a></div></body>",
        );
        mark(&doc);
        assert!(doc.select("p").has_attr(MARK_ATTR));
        assert!(doc.select("span").has_attr(MARK_ATTR));
        // Several children: each is judged on its own.
        assert!(!doc.select("a").has_attr(MARK_ATTR));
    }

    #[test]
    fn a_wrapper_holding_the_article_is_kept_whatever_its_class() {
        let long = BODY.repeat(5);
        let html = format!("<div class=\"entry-meta-wrapper comments-enabled\">{long}</div>");
        assert!(strip(&html, None, None).contains("actual article text"));
    }

    #[test]
    fn a_bar_of_share_labels_goes_but_a_click_to_tweet_quote_stays() {
        let html = format!(
            "<div><center><a href=\"whatsapp://send?text=x\">Whatsapp</a> \
             <a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a> Pint</center>{BODY}\
             <p><a href=\"https://twitter.com/share?text=Every+business+exists+in+time\">Every \
             business exists in time. Click To Tweet</a></p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Whatsapp"));
        assert!(out.contains("Every business exists in time"));
    }

    #[test]
    fn a_list_of_tag_links_goes_but_a_paragraph_with_one_stays() {
        let html = format!(
            "<div>{BODY}<p><a rel=\"tag\" href=/t/a>stock car brasil</a>, \
             <a rel=\"category tag\" href=/t/b>stock car interlagos</a></p>\
             <p>We drove to <a rel=\"tag\" href=/t/c>Interlagos</a> on a rainy morning and \
             watched the whole race from the grandstand.</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("stock car brasil"));
        assert!(out.contains("rainy morning"));
    }

    #[test]
    fn the_date_as_microdata_and_comment_policies_go() {
        let html = format!(
            "<div><span itemprop=\"datePublished\">segunda-feira, 22 de janeiro de 2018 às 0:13</span>\
             {BODY}<p>ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo \
             moderador.</p><p>Nov 18, 2019 5:19 PM, updated Nov 18, 2019 5:26 PM</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("janeiro"));
        assert!(!out.contains("moderador"));
        assert!(!out.contains("Nov 18"));
        assert!(out.contains("actual article text"));
    }

    #[test]
    fn a_call_to_action_box_goes() {
        let html = format!(
            "<div>{BODY}<p class=\"cta-fandom-contributor\">Would you like to be part of the \
             team? Join our contributor program.</p></div>"
        );
        assert!(!strip(&html, None, None).contains("contributor program"));
    }

    #[test]
    fn post_cards_beside_the_titled_article_go() {
        let card = "<article><h2>Another post of the site</h2><p>Teaser text of another post \
                    that the site shows under this one, long enough to be scored.</p></article>";
        let page = format!(
            "<body><div><article><h1>Only who loves themselves</h1>{}</article>\
             <article><h3>You may like</h3>{card}{card}{card}</article></div></body>",
            BODY.repeat(2)
        );
        let doc = Document::from(page.as_str());
        mark_titled_article(&doc, Some("Only who loves themselves…"));
        assert_eq!(doc.select("article[data-stm-post]").length(), 1);
        // Readability drops the title heading; the mark stays on the article.
        doc.select("h1").remove();
        let out = strip(&doc.select("body").html(), None, None);
        assert!(out.contains("actual article text"));
        assert!(!out.contains("Teaser text"));
    }

    #[test]
    fn several_articles_without_one_titled_are_all_kept() {
        let page = format!(
            "<body><article><h2>First part</h2>{BODY}</article>\
             <article><h2>Second part</h2><p>More of the same post, also to be kept.</p></article></body>"
        );
        let doc = Document::from(page.as_str());
        mark_titled_article(&doc, Some("The post's own title"));
        let out = strip(&doc.select("body").html(), None, None);
        assert!(out.contains("also to be kept"));
    }

    #[test]
    fn slideshow_chrome_goes() {
        let html = format!(
            "<div><p>Image 1 of / 23</p><p>Caption</p><p>Close</p><p>Advert</p>{BODY}\
             <p>Image 1 of 23 photos in this set were taken by our readers.</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("of / 23"));
        assert!(!out.contains(">Caption<"));
        assert!(!out.contains(">Close<"));
        assert!(!out.contains(">Advert<"));
        assert!(out.contains("taken by our readers"));
    }

    #[test]
    fn read_also_in_other_languages_goes() {
        let html = format!(
            "<div>{BODY}<p>Leggi anche: I Cavalieri dello Zodiaco, ecco gli attori</p>\
             <p>Lire aussi : Les critiques de la CNIL contre le projet</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Cavalieri"));
        assert!(!out.contains("CNIL"));
    }

    #[test]
    fn form_messages_and_magazine_offers_go() {
        let html = format!(
            "<div>{BODY}<div>You have been successfully subscribed!</div>\
             <p>Get Motor Cycle Monthly delivered through your letterbox every month – 12 issues \
             for £11.99. Click here for more information</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("subscribed"));
        assert!(!out.contains("letterbox"));
    }

    #[test]
    fn a_top_stories_heading_goes_with_its_links_but_not_without_them() {
        let html = format!(
            "<div>{BODY}<h2>Most popular posts of the week</h2><p>We counted what you read most \
             this week, and the answer surprised us.</p><h2>Top stories in Nation</h2>\
             <ul><li><a href=/a>One story</a></li><li><a href=/b>Another story</a></li></ul></div>"
        );
        let out = strip(&html, None, None);
        assert!(out.contains("Most popular posts of the week"));
        assert!(!out.contains("Top stories"));
        assert!(!out.contains("Another story"));
    }

    #[test]
    fn a_repeated_caption_goes_but_a_refrain_stays() {
        let caption = "The harbour at dawn, seen from the ferry that crosses the bay every \
                       morning at six, with the old lighthouse";
        let refrain = "And we sang the same old song again, the one about the river and the \
                       town, until the morning came";
        let html = format!(
            "<div><ul><li><div class=\"caption\"><p>{caption}</p></div></li></ul>{BODY}\
             <div class=\"caption-remote\"><p>{caption}</p></div>\
             <p>{refrain}</p><p>{refrain}</p></div>"
        );
        let out = strip(&html, None, None);
        assert_eq!(out.matches("The harbour at dawn").count(), 1);
        assert_eq!(out.matches("same old song").count(), 2);
    }

    #[test]
    fn a_sentence_ending_in_image_words_is_not_a_credit() {
        let html = format!(
            "<div>{BODY}<p>A few days earlier, Whole Foods touted a rarely seen promotional price \
             for halibut as part of its campaign to revise its high-cost reputation while \
             maintaining its image for quality and sustainability.</p>\
             <p>Crowds gather at the harbour Image Jane Doe</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(out.contains("image for quality"));
        assert!(!out.contains("Crowds gather"));
    }

    #[test]
    fn a_shouted_link_to_another_story_goes_but_one_to_a_document_stays() {
        let html = format!(
            "<div>{BODY}<p><strong><a href=\"https://news.example/ent/swift-cleared-to-perform\">\
             TAYLOR SWIFT CLEARED TO PERFORM HITS AT AMAs</a></strong></p>\
             <p><a href=\"https://results.example/Public/StateBoys.cfm\">CLICK FOR FULL STATE \
             SWIM RESULTS</a></p><p><span class=\"off-screen\">Image copyright</span></p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("TAYLOR SWIFT"));
        assert!(out.contains("FULL STATE SWIM RESULTS"));
        assert!(!out.contains("Image copyright"));
    }

    #[test]
    fn a_dek_repeating_the_description_goes_unless_the_description_is_cut() {
        let dek = "Welcome to the lab where the drugs you bought online are tested for safety \
                   and purity. No questions asked.";
        let html = format!("<div><h2>{dek}</h2>{BODY}</div>");
        assert!(!strip(&html, None, Some(dek)).contains("No questions"));
        let cut = "Welcome to the lab where the drugs you bought online are tested for safety \
                   and purity. No questions ask…";
        assert!(strip(&html, None, Some(cut)).contains("No questions asked."));
    }

    #[test]
    fn a_label_in_a_center_block_goes() {
        // The parser closes the <p> at <center>, leaving the label in the center block alone.
        let html = format!(
            "<div>{BODY}<p class=\"pNxQ\"><center><span>Advert</span><br></center></p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("Advert"));
        assert!(out.contains("actual article text"));
    }

    #[test]
    fn an_unrendered_button_shortcode_goes_but_bracketed_prose_stays() {
        let html = format!(
            "<div>{BODY}<p>[button link=”http://bikes.example/submit/” type=”big”] Send us YOUR \
             kit review[/button]</p><p>[Update: the maker answered our questions.]</p></div>"
        );
        let out = strip(&html, None, None);
        assert!(!out.contains("kit review"));
        assert!(out.contains("the maker answered"));
    }
}
