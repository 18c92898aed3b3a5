//! Images Readability would lose: a `<picture>` whose `<img>` has no address of its own (the
//! browser picks a `<source>`, Readability drops the image as empty).

use dom_query::{Document, NodeRef};

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
}
