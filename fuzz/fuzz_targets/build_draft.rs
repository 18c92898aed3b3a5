//! Fuzzes the whole pipeline: any bytes (as a saved page) plus a page address must give a draft
//! or a clean error — never a panic, never a hang — and the draft's Markdown must be what its
//! HTML reads back as.
#![no_main]

use libfuzzer_sys::fuzz_target;
use send_to_medium::{build_draft, draft, markdown, Options, Page};

fuzz_target!(|data: &[u8]| {
    // An optional first line is the page address, so relative links and canonicals get fuzzed too.
    let (url, html) = match data.iter().position(|&b| b == b'\n') {
        Some(end) if end < 200 => {
            let url = std::str::from_utf8(&data[..end])
                .ok()
                .and_then(|u| url::Url::parse(u).ok());
            (url, &data[end + 1..])
        }
        _ => (None, data),
    };
    let url = url.or_else(|| url::Url::parse("https://blog.example/2024/03/01/post/").ok());
    let page = Page::from_bytes(html, url);
    let options = Options {
        utm_campaign: Some("fuzz".to_string()),
        ..Options::default()
    };
    if let Ok(built) = build_draft(&page, &options) {
        // HTML and Markdown are written from the same blocks: the HTML reads back as them.
        assert_eq!(
            built.content_markdown,
            markdown::from_dialect_html(&built.content_html)
        );
        // The edit round trip runs on every draft the popup shows.
        let _ = draft::rebuild_from_markdown(&built, &built.content_markdown, &options);
    }
});
