//! Images Readability would lose: a `<picture>` whose `<img>` has no address of its own (the
//! browser picks a `<source>`, Readability drops the image as empty), and the post's featured
//! image, which themes put above the post-body container the search is narrowed to.

use dom_query::{Document, NodeRef, Selection};
use url::Url;

/// Attributes Readability accepts as an image's address.
const ADDRESS_ATTRS: &[&str] = &["src", "srcset", "data-src", "data-srcset"];

/// Gives every `<picture>`'s address-less `<img>` the `srcset` of its best `<source>` (JPEG/PNG
/// or untyped first), so Readability keeps the image and the dialect picks its widest candidate.
pub fn give_pictures_an_address(doc: &Document) {
    for img in doc.select("picture > img").nodes() {
        let has_address = ADDRESS_ATTRS
            .iter()
            .any(|a| img.attr(a).is_some_and(|v| !v.trim().is_empty()));
        if has_address {
            continue;
        }
        if let Some(srcset) = best_source_srcset(img) {
            img.set_attr("srcset", &srcset);
        }
    }
}

fn best_source_srcset(img: &NodeRef) -> Option<String> {
    let picture = img.parent()?;
    let mut sources: Vec<NodeRef> = picture
        .element_children()
        .into_iter()
        .filter(|c| c.has_name("source"))
        .collect();
    // Formats every reader can open first (a stable sort keeps the page's order otherwise).
    sources.sort_by_key(|s| match s.attr("type").as_deref() {
        Some("image/jpeg") | Some("image/png") | Some("image/gif") | None => 0,
        _ => 1,
    });
    sources.iter().find_map(|s| {
        s.attr("srcset")
            .or_else(|| s.attr("data-srcset"))
            .map(|v| v.to_string())
            .filter(|v| !v.trim().is_empty())
    })
}

/// The post's featured image when it sits outside `container` but in the same article: an image
/// before the body, in the part of the page that holds the body and the post's `<h1>` (else the
/// container's `<article>`/`<main>`), that is the page's lead image (`og:image` and the like,
/// compared by file name). Returns the node to move into the body: the image's own `<figure>`
/// (with its caption) or the image itself.
pub fn featured_image_outside<'a>(
    doc: &'a Document,
    container: &NodeRef<'a>,
    lead_image: Option<&Url>,
) -> Option<NodeRef<'a>> {
    let lead_key = image_key(lead_image?.as_str())?;
    let region = article_region(doc, container)?;
    let in_body = Selection::from(*container)
        .select("img")
        .nodes()
        .iter()
        .any(|img| image_keys(img).contains(&lead_key));
    if in_body {
        return None;
    }
    let images = Selection::from(region).select("img");
    let img = images.nodes().iter().copied().find(|img| {
        image_keys(img).contains(&lead_key)
            && !is_small(img)
            && !img
                .ancestors_it(Some(MAX_REGION_DEPTH))
                .any(|a| a.id == container.id || a.has_name("a") && links_elsewhere(&a, &lead_key))
            && precedes(img, container)
    })?;
    let figure = img
        .ancestors_it(Some(4))
        .take_while(|a| a.id != region.id)
        .find(|a| a.has_name("figure"))
        .filter(|f| Selection::from(*f).select("img").length() == 1);
    Some(figure.unwrap_or(img))
}

/// The nearest ancestor of the body container that also holds a headline (`h1`), else the
/// nearest `<article>`/`<main>`: block themes put the title and featured image above `<main>`.
fn article_region<'a>(doc: &'a Document, container: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let headlines = doc.select("h1");
    let holds_headline: Vec<_> = headlines
        .nodes()
        .iter()
        .take(5)
        .flat_map(|h1| h1.ancestors_it(Some(MAX_REGION_DEPTH * 2)).map(|a| a.id))
        .collect();
    let mut first_article = None;
    for ancestor in container.ancestors_it(Some(MAX_REGION_DEPTH)) {
        if holds_headline.contains(&ancestor.id) {
            return (!ancestor.has_name("body") && !ancestor.has_name("html")).then_some(ancestor);
        }
        if first_article.is_none() && (ancestor.has_name("article") || ancestor.has_name("main")) {
            first_article = Some(ancestor);
        }
    }
    first_article
}

/// How far up from the body container the article element may be.
const MAX_REGION_DEPTH: usize = 12;

/// A link around the image that goes somewhere else than the image file (a post card).
fn links_elsewhere(link: &NodeRef, lead_key: &str) -> bool {
    link.attr("href")
        .is_some_and(|href| image_key(&href).as_deref() != Some(lead_key))
}

/// Icons and avatars declare their small size.
fn is_small(img: &NodeRef) -> bool {
    ["width", "height"].iter().any(|a| {
        img.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|px| px < 100)
    })
}

/// Whether `node` comes before `other` in document order (neither inside the other).
fn precedes(node: &NodeRef, other: &NodeRef) -> bool {
    let other_line: Vec<NodeRef> = std::iter::once(*other)
        .chain(other.ancestors_it(None))
        .collect();
    let mut child = *node;
    for ancestor in node.ancestors_it(None) {
        if let Some(at) = other_line.iter().position(|o| o.id == ancestor.id) {
            let Some(other_child) = at.checked_sub(1).map(|i| other_line[i]) else {
                return false;
            };
            return ancestor
                .children_it(false)
                .find(|c| c.id == child.id || c.id == other_child.id)
                .is_some_and(|first| first.id == child.id);
        }
        child = ancestor;
    }
    false
}

/// Every address the image carries, as file-name keys.
fn image_keys(img: &NodeRef) -> Vec<String> {
    let mut keys = Vec::new();
    for attr in ["src", "data-src", "data-lazy-src", "data-orig-file"] {
        if let Some(key) = img.attr(attr).and_then(|v| image_key(&v)) {
            keys.push(key);
        }
    }
    for attr in ["srcset", "data-srcset"] {
        if let Some(set) = img.attr(attr) {
            // Candidates are "URL descriptor" separated by ", "; CDN URLs may hold commas.
            keys.extend(
                set.split(", ")
                    .filter_map(|c| c.split_whitespace().next().and_then(image_key)),
            );
        }
    }
    keys
}

/// What identifies an image file across the sizes a CDN serves: its file name, decoded (CDNs
/// that fetch another URL put it, percent-encoded, in the last segment), lowercase, without
/// extension and without WordPress's size suffix (`-1024x683`, `-scaled`).
fn image_key(address: &str) -> Option<String> {
    let path = address.split(['?', '#']).next()?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let decoded = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    let decoded = decoded.split(['?', '#']).next()?;
    let name = decoded.rsplit('/').next()?.to_lowercase();
    let stem = match name.rsplit_once('.') {
        Some((stem, ext)) if (2..=5).contains(&ext.len()) => stem.to_string(),
        _ => name,
    };
    let stem = stem.strip_suffix("-scaled").unwrap_or(&stem);
    let stem = match stem.rsplit_once('-') {
        Some((rest, size)) if is_size(size) => rest,
        _ => stem,
    };
    (stem.chars().count() >= 3).then(|| stem.to_string())
}

/// `1024x683`
fn is_size(s: &str) -> bool {
    s.split_once('x').is_some_and(|(w, h)| {
        !w.is_empty()
            && !h.is_empty()
            && w.bytes().all(|b| b.is_ascii_digit())
            && h.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_img_without_src_takes_the_jpeg_source() {
        let doc = Document::from(
            "<picture><source type=image/webp srcset='a.webp 640w'>\
             <source srcset='a.jpg 640w, b.jpg 1400w'><img alt=x></picture>",
        );
        give_pictures_an_address(&doc);
        let img = doc.select("img");
        assert_eq!(
            img.attr("srcset").as_deref(),
            Some("a.jpg 640w, b.jpg 1400w")
        );
    }

    #[test]
    fn an_img_with_its_own_src_is_left_alone() {
        let doc = Document::from("<picture><source srcset='a.jpg'><img src=own.jpg></picture>");
        give_pictures_an_address(&doc);
        assert!(doc.select("img").attr("srcset").is_none());
    }

    #[test]
    fn image_keys_ignore_sizes_and_cdn_wrappers() {
        let key = |s| image_key(s).unwrap();
        assert_eq!(
            key("https://a.example/content/images/size/w2000/2024/01/Fjord.jpg"),
            "fjord"
        );
        assert_eq!(
            key("https://a.example/wp-content/uploads/cabin-1024x683.jpg"),
            "cabin"
        );
        assert_eq!(
            key("https://cdn.example/fetch/w_1200/https%3A%2F%2Fs3.example%2Fx%2Fk3x9.png"),
            "k3x9"
        );
        assert_eq!(key("https://a.example/photo.jpg?format=1500w"), "photo");
    }

    fn featured(html: &str, lead: &str) -> Option<String> {
        let doc = Document::from(html);
        let container = doc.select(".entry-content").nodes().first().copied()?;
        let lead = Url::parse(lead).ok();
        featured_image_outside(&doc, &container, lead.as_ref()).map(|n| n.html().to_string())
    }

    #[test]
    fn the_featured_image_above_the_body_is_found() {
        let html = "<article><header><h1>T</h1><figure class=feature>\
             <img src='/img/size/w2000/fjord.jpg'><figcaption>The fjord</figcaption></figure>\
             </header><div class=entry-content><p>Text</p></div></article>";
        let found = featured(html, "https://a.example/img/fjord.jpg").unwrap();
        assert!(found.starts_with("<figure") && found.contains("The fjord"));
    }

    #[test]
    fn no_featured_image_when_the_body_has_it_or_it_is_elsewhere() {
        let in_body = "<article><img src=/fjord.jpg><div class=entry-content>\
             <img src=/fjord-800x600.jpg></div></article>";
        assert!(featured(in_body, "https://a.example/fjord.jpg").is_none());
        let after = "<article><div class=entry-content><p>Text</p></div>\
             <img src=/fjord.jpg></article>";
        assert!(featured(after, "https://a.example/fjord.jpg").is_none());
        let card = "<article><a href=/other-post/><img src=/fjord.jpg></a>\
             <div class=entry-content><p>Text</p></div></article>";
        assert!(featured(card, "https://a.example/fjord.jpg").is_none());
        let no_article = "<div><img src=/fjord.jpg><div class=entry-content></div></div>";
        assert!(featured(no_article, "https://a.example/fjord.jpg").is_none());
        let block_theme = "<div class=site><h1>T</h1><figure><img src=/fjord.jpg></figure>\
             <main><div class=entry-content><p>Text</p></div></main></div>";
        assert!(featured(block_theme, "https://a.example/fjord.jpg").is_some());
    }
}
