//! Fuzzes the posts reader: any bytes as a fetched feed, sitemap or robots.txt, handed to a
//! listing the way the extension does, then the related-posts choice over what it found — never
//! a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use send_to_medium::catalogue::discover::{Candidate, Group, SourceKind};
use send_to_medium::catalogue::related::{self, DraftPost};
use send_to_medium::catalogue::{self, Limits, Listing};
use send_to_medium::Options;

fuzz_target!(|data: &[u8]| {
    let Ok(site) = url::Url::parse("https://blog.example/") else {
        return;
    };
    // The first byte picks what the body was fetched as.
    let (kind, body) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => (SourceKind::Robots, rest),
        Some((b, rest)) if b % 3 == 1 => (SourceKind::Sitemap, rest),
        Some((_, rest)) => (SourceKind::Feed, rest),
        None => return,
    };
    let text = catalogue::decode(body);
    let Ok(first) = site.join("/feeds/first.xml") else {
        return;
    };
    let candidate = Candidate {
        url: first,
        kind,
        group: Group::Feed,
    };
    let mut listing = Listing::new(Some(site.clone()), vec![candidate], Limits::default());
    // Every address the body leads to gets the same body back: self-references, pages and
    // indexes of any shape are followed to the bounds.
    while let Some(fetch) = listing.next_fetch() {
        listing.receive(&fetch.url, None, &text);
    }
    let posts = listing.posts();
    let _ = listing.notes();
    let tags = vec!["rust".to_string()];
    let draft = DraftPost {
        canonical_url: Some(&site),
        page_url: None,
        title: Some("A post about rust"),
        tags: &tags,
    };
    let _ = related::related_posts(&draft, &posts, &Options::default());
});
