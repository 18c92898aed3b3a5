//! The lead image: `og:image`, `twitter:image`, JSON-LD, the featured image, else the first
//! image in the article.

use url::Url;

use super::elements::{matching, MetaTags, PageElements};
use super::jsonld::JsonLd;
use crate::urls;

pub(super) fn read_lead_image(
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

#[cfg(test)]
mod tests {
    use crate::metadata::tests::{meta, HEAD_WITH_IMAGE_SITE_AND_FEED, LOCALE_AND_ARTICLE_IMAGE};
    use url::Url;

    #[test]
    fn lead_image_from_og_image_else_the_article() {
        let m = meta(HEAD_WITH_IMAGE_SITE_AND_FEED);
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://blog.example/img/cover.jpg")
        );
        let m = meta(LOCALE_AND_ARTICLE_IMAGE);
        assert_eq!(
            m.lead_image.as_ref().map(Url::as_str),
            Some("https://blog.example/2021/07/09/my-post/a.png")
        );
    }
}
