//! Embeds (iframes, tweet blockquotes, gist scripts, CodePen, video/audio) become the embed's
//! public URL alone in its own paragraph, which Medium's editor turns back into an embed.

use dom_query::{Document, NodeRef};
use url::Url;

use super::findings::Findings;
use super::write::escape_attr;
use super::write::escape_text;
use crate::urls;

/// Hosts whose frames are ads or analytics, never content.
const AD_HOSTS: &[&str] = &[
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "amazon-adsystem.com",
    "adnxs.com",
    "taboola.com",
    "outbrain.com",
    "facebook.com/plugins/like",
];

/// Replaces every embed in the article by its public URL (or drops it, counting it).
pub(crate) fn convert(doc: &Document, base: Option<&Url>, findings: &mut Findings) {
    for quote in doc
        .select("blockquote.twitter-tweet, blockquote.twitter-video, blockquote.instagram-media, blockquote.tiktok-embed")
        .nodes()
        .to_vec()
    {
        let url = if quote.has_class("instagram-media") {
            quote
                .attr("data-instgrm-permalink")
                .and_then(|u| urls::resolve(base, &u))
                .map(|mut u| {
                    u.set_query(None);
                    u
                })
        } else if quote.has_class("tiktok-embed") {
            quote.attr("cite").and_then(|u| urls::resolve(base, &u))
        } else {
            quote
                .find(&["a"])
                .iter()
                .rev()
                .filter_map(|a| a.attr("href"))
                .filter_map(|h| urls::resolve(base, &h))
                .find(|u| u.path().contains("/status/"))
                .map(|mut u| {
                    u.set_query(None);
                    u
                })
        };
        if let Some(url) = url {
            // The quote holds the post's words as the author chose to show them: keep them
            // (nothing lost if the embed fails) and put the embed line right after.
            if quote.text().trim().is_empty() {
                replace_with_url(&quote, &url, provider_name(&url), findings);
            } else {
                quote.after_html(url_paragraph(&url));
                findings.embed(provider_name(&url));
                findings.embed_quotes_kept += 1;
            }
        }
    }
    for script in doc.select("script[src]").nodes().to_vec() {
        let Some(url) = script.attr("src").and_then(|s| urls::resolve(base, &s)) else {
            continue;
        };
        if url.host_str() == Some("gist.github.com") && url.path().ends_with(".js") {
            let mut page = url.clone();
            page.set_path(url.path().trim_end_matches(".js"));
            page.set_query(None);
            replace_with_url(&script, &page, "GitHub Gist", findings);
        }
    }
    for gist in doc.select("div.gist").nodes().to_vec() {
        let page = gist
            .find(&["a"])
            .iter()
            .filter_map(|a| a.attr("href"))
            .filter_map(|h| urls::resolve(base, &h))
            .find(|u| u.host_str() == Some("gist.github.com"))
            .and_then(|u| {
                let parts: Vec<&str> = u.path().split('/').filter(|s| !s.is_empty()).collect();
                (parts.len() >= 2)
                    .then(|| format!("https://gist.github.com/{}/{}", parts[0], parts[1]))
            })
            .and_then(|u| Url::parse(&u).ok());
        if let Some(page) = page {
            replace_with_url(&gist, &page, "GitHub Gist", findings);
        }
    }
    for pen in doc.select(".codepen[data-slug-hash]").nodes().to_vec() {
        let hash = pen.attr("data-slug-hash").unwrap_or_default();
        let user = pen.attr("data-user").unwrap_or_else(|| "anon".into());
        if let Ok(url) = Url::parse(&format!("https://codepen.io/{user}/pen/{hash}")) {
            replace_with_url(&pen, &url, "CodePen", findings);
        }
    }
    for frame in doc.select("iframe, embed, object").nodes().to_vec() {
        let raw = ["src", "data-src", "data-lazy-src", "data"]
            .iter()
            .find_map(|a| frame.attr(a).filter(|v| !v.trim().is_empty()));
        let url = raw.and_then(|r| urls::resolve(base, &r));
        match url {
            Some(url) if is_ad(&url) => frame.remove_from_parent(),
            Some(url) => {
                let public = public_url(&url);
                let provider = provider_name(&public);
                replace_with_url(&frame, &public, provider, findings);
            }
            None => {
                findings.embeds_dropped += 1;
                frame.remove_from_parent();
            }
        }
    }
    for media in doc.select("video, audio").nodes().to_vec() {
        let raw = media
            .attr("src")
            .or_else(|| media.find(&["source"]).iter().find_map(|s| s.attr("src")));
        match raw.and_then(|r| urls::resolve(base, &r)) {
            Some(url) => {
                let what = if media.has_name("video") {
                    "video file"
                } else {
                    "audio file"
                };
                replace_with_url(&media, &url, what, findings);
            }
            None => {
                findings.embeds_dropped += 1;
                media.remove_from_parent();
            }
        }
    }
}

fn url_paragraph(url: &Url) -> String {
    let href = url.as_str();
    format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape_attr(href),
        escape_text(href)
    )
}

fn replace_with_url(node: &NodeRef, url: &Url, provider: &str, findings: &mut Findings) {
    node.replace_with_html(url_paragraph(url));
    findings.embed(provider);
}

fn is_ad(url: &Url) -> bool {
    let host = url.host_str().unwrap_or("");
    let full = format!("{host}{}", url.path());
    AD_HOSTS
        .iter()
        .any(|ad| host == *ad || host.ends_with(&format!(".{ad}")) || full.contains(ad))
}

/// The address a reader (and Medium's embed service) knows for an embed's player URL.
pub(crate) fn public_url(player: &Url) -> Url {
    let host = player.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let parts: Vec<&str> = player.path().split('/').filter(|s| !s.is_empty()).collect();
    let param = |key: &str| {
        player
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let built = match (host.as_str(), parts.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com" | "m.youtube.com", ["embed", id, ..])
        | ("youtube.com", ["v", id, ..]) => {
            let mut url = format!("https://www.youtube.com/watch?v={id}");
            if let Some(start) = param("start").or_else(|| param("t")) {
                url.push_str(&format!("&t={start}"));
            }
            Some(url)
        }
        ("player.vimeo.com", ["video", id, ..]) => Some(format!("https://vimeo.com/{id}")),
        ("platform.twitter.com", [.., "Tweet.html"]) => {
            param("id").map(|id| format!("https://twitter.com/i/status/{id}"))
        }
        ("codepen.io", [user, "embed", "preview", hash, ..])
        | ("codepen.io", [user, "embed", hash, ..]) => {
            Some(format!("https://codepen.io/{user}/pen/{hash}"))
        }
        ("open.spotify.com", ["embed", kind, id, ..]) => {
            Some(format!("https://open.spotify.com/{kind}/{id}"))
        }
        ("open.spotify.com", ["embed-podcast", kind, id, ..]) => {
            Some(format!("https://open.spotify.com/{kind}/{id}"))
        }
        ("w.soundcloud.com", ["player", ..]) => param("url"),
        ("dailymotion.com", ["embed", "video", id, ..]) => {
            Some(format!("https://www.dailymotion.com/video/{id}"))
        }
        ("instagram.com", ["p" | "reel", id, ..]) => {
            Some(format!("https://www.instagram.com/p/{id}/"))
        }
        ("loom.com", ["embed", id, ..]) => Some(format!("https://www.loom.com/share/{id}")),
        ("embed.ted.com", ["talks", rest @ ..]) => {
            Some(format!("https://www.ted.com/talks/{}", rest.join("/")))
        }
        ("embed.music.apple.com", _) => {
            let mut url = player.clone();
            let _ = url.set_host(Some("music.apple.com"));
            Some(url.to_string())
        }
        _ => None,
    };
    built
        .and_then(|u| urls::parse_http(&u))
        .unwrap_or_else(|| player.clone())
}

/// The provider's name for the warning (the host when we do not know it).
fn provider_name(url: &Url) -> &'static str {
    let host = url.host_str().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    match host {
        "youtube.com" | "youtu.be" => "YouTube",
        "vimeo.com" => "Vimeo",
        "twitter.com" | "x.com" => "X/Twitter",
        "codepen.io" => "CodePen",
        "gist.github.com" => "GitHub Gist",
        "open.spotify.com" => "Spotify",
        "soundcloud.com" | "api.soundcloud.com" => "SoundCloud",
        "dailymotion.com" => "Dailymotion",
        "instagram.com" => "Instagram",
        "tiktok.com" => "TikTok",
        "loom.com" => "Loom",
        "ted.com" => "TED",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> String {
        public_url(&Url::parse(s).unwrap()).to_string()
    }

    #[test]
    fn player_urls_become_public_pages() {
        assert_eq!(
            public("https://www.youtube-nocookie.com/embed/b_PXuEPxN50?start=30"),
            "https://www.youtube.com/watch?v=b_PXuEPxN50&t=30"
        );
        assert_eq!(
            public("https://player.vimeo.com/video/45725193?h=a290f71a57"),
            "https://vimeo.com/45725193"
        );
        assert_eq!(
            public("https://platform.twitter.com/embed/Tweet.html?id=1675626836821409792"),
            "https://twitter.com/i/status/1675626836821409792"
        );
        assert_eq!(
            public("https://codepen.io/chriscoyier/embed/preview/gfdDu"),
            "https://codepen.io/chriscoyier/pen/gfdDu"
        );
        assert_eq!(
            public("https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC"),
            "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"
        );
    }
}
