//! Workarounds for panics in dependencies, applied to the document before they see it. Each guard
//! names the bug it avoids; remove it when the dependency is fixed.

use dom_query::Document;

/// Domains dom_smoothie 0.19's `is_video_url` looks for in embed attributes.
const VIDEO_DOMAINS: &[&str] = &[
    "dailymotion.com",
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "v.qq.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.twitch.tv",
    "bilibili.com",
    "live.bilibili.com",
];

/// dom_smoothie 0.19 (`matching::is_video_url`) slices two and six bytes before a video domain
/// found in an `<iframe>`/`<embed>`/`<object>` attribute (or an `<object>`'s inner HTML) without
/// checking char boundaries, so `src="€youtube.com"` panics. URLs are ASCII on the wire:
/// non-ASCII characters in those attributes are percent-encoded, and an `<object>` with
/// non-ASCII content mentioning a video domain is dropped (a legacy plugin embed; Readability
/// rewrites the document before it looks inside, so no exact replay is safe there).
pub fn defuse_video_url_check(doc: &Document) {
    let mentions_video = |s: &str| VIDEO_DOMAINS.iter().any(|d| s.contains(d));
    // `object *` walks every element's ancestors; most pages have no <object> at all.
    let selector = if doc.select_single("object").exists() {
        "iframe, embed, object, object *"
    } else {
        "iframe, embed, object"
    };
    for node in doc.select(selector).nodes() {
        for attr in node.attrs() {
            let value = attr.value.as_ref();
            if !value.is_ascii() && mentions_video(value) {
                node.set_attr(&attr.name.local, &percent_encode_non_ascii(value));
            }
        }
    }
    for object in doc.select("object").nodes() {
        let inner = object.inner_html();
        if !inner.is_ascii() && mentions_video(&inner) {
            object.remove_from_parent();
        }
    }
}

/// Replays `is_video_url`'s slicing and says whether it would slice inside a character.
#[cfg(test)]
fn would_panic(haystack: &str) -> bool {
    for domain in VIDEO_DOMAINS {
        let Some(pos) = haystack.find(domain) else {
            continue;
        };
        if pos > 1 {
            if !haystack.is_char_boundary(pos - 2) {
                return true;
            }
            if &haystack[pos - 2..pos] == "//" {
                return false;
            }
        }
        if pos > 5 {
            if !haystack.is_char_boundary(pos - 6) {
                return true;
            }
            if &haystack[pos - 6..pos] == "//www." {
                return false;
            }
        }
    }
    false
}

fn percent_encode_non_ascii(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for c in value.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_the_slices_that_would_panic() {
        assert!(would_panic("€youtube.com/embed/1"));
        assert!(would_panic("€abcdyoutube.com"));
        assert!(!would_panic("https://www.youtube.com/embed/1"));
        assert!(!would_panic("é//youtube.com"));
        assert!(!would_panic("no video here €"));
    }

    #[test]
    fn embeds_are_made_safe() {
        let doc = Document::from(
            "<iframe src=\"€youtube.com/embed/1\"></iframe>\
             <object data=\"movie.swf\">€youtube.com</object>",
        );
        defuse_video_url_check(&doc);
        assert_eq!(
            doc.select("iframe").attr("src").as_deref(),
            Some("%E2%82%ACyoutube.com/embed/1")
        );
        assert_eq!(doc.select("object").length(), 0);
    }
}
