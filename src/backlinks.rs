//! Links home: the "Originally published at" footer and the author's other posts found on the page.

use dom_query::Document;
use url::Url;

use crate::dialect;
use crate::draft::{Backlink, Draft, Options};
use crate::metadata::Metadata;
use crate::urls;

/// A link found anywhere on the page, with its visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub url: Url,
    pub text: String,
}

/// Collects the page's http(s) links, resolved against the page address.
pub fn page_links(doc: &Document, base: Option<&Url>) -> Vec<PageLink> {
    doc.select("a[href]")
        .iter()
        .filter_map(|a| {
            let href = a.attr("href")?;
            let url = urls::resolve(base, &href)?;
            let text = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
            Some(PageLink { url, text })
        })
        .collect()
}

/// Picks up to `options.related_links` links to the author's other posts.
pub fn related_posts(_links: &[PageLink], _meta: &Metadata, _options: &Options) -> Vec<Backlink> {
    Vec::new()
}

/// The footer paragraph(s) of `content_html`: the template filled in, then the related posts.
pub fn footer_html(draft: &Draft, options: &Options) -> String {
    let Some(url) = &draft.canonical_url else {
        return String::new();
    };
    let site = draft.site_name.clone().unwrap_or_else(|| {
        Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default()
    });
    let filled = options
        .footer_template
        .replace(
            "{title}",
            &dialect::escape_text(draft.title.as_deref().unwrap_or("")),
        )
        .replace("{site}", &dialect::escape_text(&site))
        .replace("{url}", &dialect::escape_attr(url))
        .replace(
            "{date}",
            &dialect::escape_text(draft.published.as_deref().unwrap_or("")),
        );
    let mut html = format!("<hr><p>{filled}</p>");
    if !draft.backlinks.is_empty() {
        html.push_str("<p>More from the author:</p><ul>");
        for link in &draft.backlinks {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                dialect::escape_attr(&link.url),
                dialect::escape_text(&link.title)
            ));
        }
        html.push_str("</ul>");
    }
    html
}
