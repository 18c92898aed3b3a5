//! Rules that judge one block by its text and links: calls to action, datelines, credits,
//! share bars, tag lists, slideshow chrome.

use dom_query::NodeRef;

use super::text_len;

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

/// A short block whose text opens like a call to action, a cross-link, a credit or a dateline.
pub(super) fn is_boilerplate_text(node: &NodeRef, len: usize) -> bool {
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
pub(super) fn is_share_bar(node: &NodeRef, len: usize) -> bool {
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
pub(super) fn is_tag_list(node: &NodeRef, len: usize) -> bool {
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
pub(super) fn is_leaf_block(node: &NodeRef) -> bool {
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

pub(super) fn is_block(node: &NodeRef) -> bool {
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
