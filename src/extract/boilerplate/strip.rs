//! The passes over the extracted article that remove what the rules and markers find.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

use super::container::{is_ancestor, POST_ATTR};
use super::markers::{has_marker, is_marked_boilerplate};
use super::rules::{is_block, is_boilerplate_text, is_leaf_block, is_share_bar, is_tag_list};
use super::{fold_alnum, text_len};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::boilerplate::mark_titled_article;
    use dom_query::Document;

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
