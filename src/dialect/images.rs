//! Images as Medium can fetch them: lazy-loading undone (`data-src`, `srcset`, `<picture>`,
//! `<noscript>` copies), then each image judged: a figure, inline text (emoji, formula images),
//! or dropped (data: URIs, tracking pixels, no address).

use dom_query::{Document, NodeRef};
use url::Url;

use crate::urls;

/// Attributes lazy-loading scripts keep the real address in, most specific first.
const LAZY_SRC: &[&str] = &[
    "data-lazy-src",
    "data-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-orig-file",
    "data-large-file",
];

const LAZY_SRCSET: &[&str] = &["data-lazy-srcset", "data-srcset", "srcset"];

/// Hosts that serve only tracking pixels or analytics beacons.
const TRACKER_HOSTS: &[&str] = &[
    "pixel.wp.com",
    "stats.wp.com",
    "stats.wordpress.com",
    "google-analytics.com",
    "www.google-analytics.com",
    "ssl.google-analytics.com",
    "googletagmanager.com",
    "www.googletagmanager.com",
    "stats.g.doubleclick.net",
    "ad.doubleclick.net",
    "pixel.quantserve.com",
    "secure.quantserve.com",
    "sb.scorecardresearch.com",
    "b.scorecardresearch.com",
    "bat.bing.com",
    "px.ads.linkedin.com",
    "analytics.twitter.com",
    "t.co",
    "pixel.mathtag.com",
    "mc.yandex.ru",
    "counter.yadro.ru",
    "beacon.krxd.net",
    "pixel.tapad.com",
    "ct.pinterest.com",
    "q.quora.com",
    "tr.snapchat.com",
    "alb.reddit.com",
    "pixel.facebook.com",
    "certify.alexametrics.com",
    "simple-analytics.com",
    "queue.simpleanalyticscdn.com",
    "feeds.feedburner.com",
    "feedproxy.google.com",
    "www.feedburner.com",
];

/// Resolves lazy-loaded images in place: the best real address goes to `src`.
pub(crate) fn resolve_lazy(doc: &Document) {
    // `<noscript>` copies first: they hold the address when the visible image is a placeholder.
    for noscript in doc.select("noscript").nodes().to_vec() {
        let Some(copy) = noscript.find(&["img"]).into_iter().next() else {
            continue;
        };
        let previous = noscript.prev_element_sibling();
        let placeholder = previous.as_ref().and_then(|p| {
            if p.has_name("img") {
                Some(*p)
            } else {
                p.find(&["img"]).into_iter().next()
            }
        });
        match placeholder {
            Some(img) => {
                if best_source(&img).is_none() {
                    if let Some(src) = best_source(&copy) {
                        img.set_attr("src", &src);
                    }
                }
                noscript.remove_from_parent();
            }
            None => {
                // The visible image is added by a script we do not run: keep the copy.
                if let Some(first) = noscript.first_child() {
                    noscript.insert_siblings_before(&first);
                }
                noscript.remove_from_parent();
            }
        }
    }
    for img in doc.select("img").nodes().to_vec() {
        let source = best_source(&img).or_else(|| picture_source(&img));
        if let Some(src) = source {
            img.set_attr("src", &src);
        }
        img.remove_attrs(&["srcset", "data-srcset", "data-lazy-srcset"]);
    }
}

/// WordPress's classic captions (`div.wp-caption` > img + `p.wp-caption-text`) as figures.
pub(crate) fn caption_wrappers_to_figures(doc: &Document) {
    for wrapper in doc
        .select("div.wp-caption, div.image-caption-wrapper")
        .nodes()
        .to_vec()
    {
        wrapper.rename("figure");
    }
    for caption in doc
        .select("figure .wp-caption-text, figure .wp-caption-dd")
        .nodes()
        .to_vec()
    {
        caption.rename("figcaption");
    }
    // An image followed by its caption box, with no figure around them.
    for caption in doc
        .select(".caption, .image-caption, .img-caption, .photo-caption, .wp-caption-text")
        .nodes()
        .to_vec()
    {
        let Some(image) = caption.prev_element_sibling() else {
            continue;
        };
        let is_image = image.has_name("img") || image.has_name("picture");
        let inside_figure = caption.ancestors_it(Some(4)).any(|a| a.has_name("figure"));
        if !is_image || inside_figure || caption.text().trim().is_empty() {
            continue;
        }
        let figure = doc.tree.new_element("figure");
        image.insert_before(&figure);
        figure.append_child(&image);
        figure.append_child(&caption);
        caption.rename("figcaption");
    }
}

/// The best real address an `img` carries: largest srcset candidate, else a lazy attribute,
/// else `src` unless it is a placeholder.
fn best_source(img: &NodeRef) -> Option<String> {
    for attr in LAZY_SRCSET {
        if let Some(set) = img.attr(attr) {
            if let Some(best) = largest_candidate(&set) {
                return Some(best);
            }
        }
    }
    for attr in LAZY_SRC {
        if let Some(value) = img.attr(attr) {
            let value = value.trim();
            if !value.is_empty() && !is_placeholder(value) && looks_like_address(value) {
                return Some(value.to_string());
            }
        }
    }
    let src = img.attr("src").unwrap_or_default();
    let src = src.trim();
    if !src.is_empty() && !is_placeholder(src) {
        return Some(src.to_string());
    }
    // Lazy loaders with their own attribute names (`data-image-loader`, `data-zoom`…): any
    // `data-` value that is an image address.
    img.attrs().iter().find_map(|attr| {
        let name: &str = &attr.name.local;
        let value = attr.value.trim();
        (name.starts_with("data-") && looks_like_image_address(value)).then(|| value.to_string())
    })
}

fn looks_like_image_address(value: &str) -> bool {
    if value.contains(char::is_whitespace) || value.starts_with("data:") {
        return false;
    }
    let path = value
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (path.starts_with("http") || path.starts_with('/'))
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// For an `img` inside `<picture>` with no usable address of its own: the best `<source>`.
fn picture_source(img: &NodeRef) -> Option<String> {
    let picture = img.parent().filter(|p| p.has_name("picture"))?;
    let sources: Vec<NodeRef> = picture
        .element_children()
        .into_iter()
        .filter(|c| c.has_name("source"))
        .collect();
    // Formats every reader can open first.
    let rank = |s: &NodeRef| match s.attr("type").as_deref() {
        Some("image/jpeg") | Some("image/png") | Some("image/gif") | None => 0,
        _ => 1,
    };
    let mut sorted = sources;
    sorted.sort_by_key(rank);
    sorted.iter().find_map(|s| {
        let set = s.attr("srcset").or_else(|| s.attr("data-srcset"))?;
        largest_candidate(&set)
    })
}

/// Picks the largest candidate of a `srcset` (by `w`, else `x` descriptor), skipping data: URIs.
pub(crate) fn largest_candidate(srcset: &str) -> Option<String> {
    let mut best: Option<(f64, String)> = None;
    for (url, size) in parse_srcset(srcset) {
        if is_placeholder(&url) {
            continue;
        }
        if best.as_ref().is_none_or(|(s, _)| size > *s) {
            best = Some((size, url));
        }
    }
    best.map(|(_, url)| url)
}

/// Parses a srcset into (url, size) pairs; URLs may contain commas (as CDNs write them).
fn parse_srcset(srcset: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let chars: Vec<char> = srcset.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let mut url: String = chars[start..i].iter().collect();
        let mut descriptor = String::new();
        if url.ends_with(',') {
            url = url.trim_end_matches(',').to_string();
        } else {
            while i < chars.len() && chars[i] != ',' {
                descriptor.push(chars[i]);
                i += 1;
            }
        }
        if url.is_empty() {
            continue;
        }
        let descriptor = descriptor.trim();
        let size = if let Some(w) = descriptor.strip_suffix('w') {
            w.trim().parse::<f64>().unwrap_or(1.0)
        } else if let Some(x) = descriptor.strip_suffix('x') {
            // Density candidates rank below any width candidate of a real image.
            x.trim().parse::<f64>().unwrap_or(1.0)
        } else {
            1.0
        };
        out.push((url, size));
    }
    out
}

/// A stand-in shown until a script swaps the real image in.
fn is_placeholder(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    if lower.starts_with("data:") {
        return true;
    }
    let file = lower
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    [
        "placeholder",
        "lazy",
        "blank.",
        "spacer.",
        "transparent.",
        "loading.",
        "pixel.gif",
        "1x1.",
    ]
    .iter()
    .any(|p| file.contains(p))
}

fn looks_like_address(value: &str) -> bool {
    !value.contains(char::is_whitespace) || value.starts_with("http")
}

/// What becomes of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImageVerdict {
    /// A picture of the story: its own figure block.
    Figure {
        src: String,
        alt: String,
    },
    /// An image standing for text in a sentence (emoji, formula): its alt text, as code for formulas.
    Inline {
        text: String,
        code: bool,
    },
    /// An icon without meaning: dropped silently.
    Decorative,
    DataUri,
    Tracking,
    NoAddress,
}

/// Decides what an `img` (after [`resolve_lazy`]) becomes.
pub(crate) fn judge(img: &NodeRef, base: Option<&Url>) -> ImageVerdict {
    let alt = img
        .attr("alt")
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let Some(src) = img.attr("src").map(|s| s.trim().to_string()) else {
        return ImageVerdict::NoAddress;
    };
    if src.is_empty() {
        return ImageVerdict::NoAddress;
    }
    if src.to_ascii_lowercase().starts_with("data:") {
        return ImageVerdict::DataUri;
    }
    let Some(url) = urls::resolve(base, &src) else {
        return ImageVerdict::NoAddress;
    };
    let width = dimension(img, "width");
    let height = dimension(img, "height");
    if is_tracker(&url) || (width.is_some_and(|w| w <= 2.0) && height.is_some_and(|h| h <= 2.0)) {
        return ImageVerdict::Tracking;
    }
    let class = img.attr("class").unwrap_or_default().to_ascii_lowercase();
    if is_formula_image(&url, &class, &alt) {
        let tex = if alt.is_empty() {
            tex_in_address(&url)
        } else {
            Some(alt)
        };
        return match tex {
            Some(text) => ImageVerdict::Inline { text, code: true },
            None => ImageVerdict::Decorative,
        };
    }
    let emoji = ["emoji", "wp-smiley", "emoticon", "smiley"]
        .iter()
        .any(|c| class.contains(c))
        || url.path().contains("/emoji/");
    let tiny = width.is_some_and(|w| w <= 32.0) && height.is_some_and(|h| h <= 32.0);
    if emoji || tiny {
        return if alt.is_empty() {
            ImageVerdict::Decorative
        } else {
            ImageVerdict::Inline {
                text: alt,
                code: false,
            }
        };
    }
    ImageVerdict::Figure {
        src: url.to_string(),
        alt,
    }
}

/// A pixel size from an attribute or an inline style (`width="1"`, `style="width:1px"`).
fn dimension(img: &NodeRef, name: &str) -> Option<f64> {
    if let Some(value) = img.attr(name) {
        let digits: String = value
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if let Ok(n) = digits.parse::<f64>() {
            if !value.trim().ends_with('%') {
                return Some(n);
            }
        }
    }
    let style = img.attr("style")?.to_ascii_lowercase();
    for decl in style.split(';') {
        let (key, value) = decl.split_once(':')?;
        if key.trim() == name {
            let value = value.trim();
            if let Some(px) = value.strip_suffix("px") {
                return px.trim().parse().ok();
            }
        }
    }
    None
}

fn is_tracker(url: &Url) -> bool {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let path = url.path().to_ascii_lowercase();
    if TRACKER_HOSTS.contains(&host.as_str()) {
        // Feedburner also serves real images from its CDN paths; only `~r` / `~ff` are beacons.
        return !host.contains("feed") || path.contains("/~r/") || path.contains("/~ff/");
    }
    (host.ends_with("facebook.com") && path == "/tr")
        || path.ends_with("/matomo.php")
        || path.ends_with("/piwik.php")
        || path.contains("/wf/open")
        || (host.ends_with("list-manage.com") && path.contains("/track/open"))
        || path.ends_with("/pixel.gif")
        || path.ends_with("/1x1.gif")
        || path.ends_with("/1x1.png")
}

/// Images of formulas rendered by a LaTeX service (or an SVG whose alt text is TeX): the TeX
/// source is what Medium can show.
fn is_formula_image(url: &Url, class: &str, alt: &str) -> bool {
    let host = url.host_str().unwrap_or("");
    let path = url.path();
    let tex_alt = alt.contains('\\') && alt.chars().any(|c| c.is_ascii_alphabetic());
    class.contains("latex")
        || class.contains("mwe-math")
        || host == "latex.codecogs.com"
        || host == "i.upmath.me"
        || host == "math.now.sh"
        || (host.ends_with("wp.com") && path.contains("latex.php"))
        || (matches!(host, "chart.googleapis.com" | "chart.apis.google.com")
            && url.query().is_some_and(|q| q.contains("cht=tx")))
        || path.contains("/quicklatex/")
        || (tex_alt && path.to_ascii_lowercase().ends_with(".svg"))
}

/// The TeX a formula service reads from its address (`?\frac{a}{b}`, `chl=…`, `latex=…`).
fn tex_in_address(url: &Url) -> Option<String> {
    let named = url
        .query_pairs()
        .find(|(k, _)| matches!(k.as_ref(), "chl" | "latex" | "tex" | "formula"))
        .map(|(_, v)| v.into_owned());
    let tex = named.or_else(|| {
        let query = url.query()?;
        (!query.contains('=')).then(|| {
            url::form_urlencoded::parse(format!("q={}", query.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
    })?;
    let tex = tex.trim().to_string();
    (!tex.is_empty()).then_some(tex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_picks_the_widest_and_keeps_commas_in_urls() {
        let set = "https://cdn.example/a.jpg 400w, https://cdn.example/c_fill,w_1600/a.jpg 1600w, \
                   https://cdn.example/b.jpg 800w";
        assert_eq!(
            largest_candidate(set).as_deref(),
            Some("https://cdn.example/c_fill,w_1600/a.jpg")
        );
        assert_eq!(
            largest_candidate("a.jpg 1x, b.jpg 2x").as_deref(),
            Some("b.jpg")
        );
        assert_eq!(largest_candidate("data:image/gif;base64,R0lG 1x"), None);
    }
}
