//! The description Medium shows as the subtitle: meta tags, JSON-LD, else the first paragraph.

use dom_query::Document;

use super::elements::MetaTags;
use super::fold::collapse;
use super::jsonld::JsonLd;

pub(super) fn read_description(meta: &MetaTags, ld: &JsonLd) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::tests::meta;

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
}
