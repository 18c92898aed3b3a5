//! The wasm boundary as JavaScript sees it, run in Node by wasm-bindgen-test-runner
//! (`./build.sh test`): JS objects in, JS objects out, errors as JS `Error`s with a `code`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use send_to_medium::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const POST: &str = r#"<!doctype html><html lang="en"><head>
<meta property="og:title" content="Repairing a Cast-Iron Pan">
<meta name="description" content="Strip, scrub and re-season an old pan in one afternoon.">
<link rel="canonical" href="/posts/cast-iron/">
</head><body><article><h1>Repairing a Cast-Iron Pan</h1>
<p>Old cast iron turns up at every flea market, rusty and cheap. With an afternoon, some steel
wool and a little oil it becomes the best pan in the kitchen, and it will outlive its owner.</p>
<p>Scrub the rust away, wash the pan, dry it on the stove, then rub in a thin layer of oil and
bake it upside down for an hour. Repeat the oil and the baking three times for a hard finish.</p>
<p>Cook something fatty in it first: bacon or fried potatoes help the seasoning along. The
marker word for this test is saltbush.</p></article></body></html>"#;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON is valid")
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

fn page(html: &str, url: &str) -> JsValue {
    let page = js_sys::Object::new();
    Reflect::set(&page, &"html".into(), &html.into()).unwrap();
    Reflect::set(&page, &"url".into(), &url.into()).unwrap();
    page.into()
}

#[wasm_bindgen_test]
fn build_draft_returns_the_draft_as_a_plain_object() {
    let built = wasm::build_draft(
        page(POST, "https://pans.example/posts/cast-iron/?utm_source=x"),
        JsValue::UNDEFINED,
    )
    .expect("the post builds");
    assert_eq!(
        get(&built, &["draft", "title"]).as_string().as_deref(),
        Some("Repairing a Cast-Iron Pan")
    );
    assert_eq!(
        get(&built, &["draft", "canonical_url"])
            .as_string()
            .as_deref(),
        Some("https://pans.example/posts/cast-iron/")
    );
    assert_eq!(
        get(&built, &["canonical_source"]).as_string().as_deref(),
        Some("link-rel-canonical")
    );
    let body = get(&built, &["draft", "body_html"])
        .as_string()
        .unwrap_or_default();
    assert!(body.contains("saltbush"), "{body}");
    assert!(js_sys::Array::is_array(&get(&built, &["draft", "tags"])));
    // json_compatible: a missing value is null (what storage.local keeps), not undefined.
    assert!(get(&built, &["feed_url"]).is_null());
}

#[wasm_bindgen_test]
fn options_come_from_the_stored_options_object() {
    let options = js(
        r#"{"footer_template":"Cross-posted from {site}: {url}","related_links":0,"utm_campaign":null,"publish_status":"draft","daily_limit":3}"#,
    );
    let built = wasm::build_draft(page(POST, "https://pans.example/posts/cast-iron/"), options)
        .expect("builds");
    let content = get(&built, &["draft", "content_html"])
        .as_string()
        .unwrap_or_default();
    assert!(
        content.contains("Cross-posted from pans.example: https://pans.example/posts/cast-iron/"),
        "{content}"
    );
}

#[wasm_bindgen_test]
fn the_popup_reads_limits_tag_cleaning_and_defaults_from_the_core() {
    let limits = wasm::medium_limits().expect("limits cross");
    for (key, value) in [
        ("max_tags", 5.0),
        ("api_tags", 3.0),
        ("max_tag_chars", 25.0),
        ("max_title_chars", 100.0),
        ("max_subtitle_chars", 140.0),
    ] {
        assert_eq!(get(&limits, &[key]).as_f64(), Some(value), "{key}");
    }

    let fitted = wasm::fit_tags(js(
        r#"["Rust", " rust ", "Browser   Extensions", "A tag that is far too long for Medium", "c", "d", "e", "f"]"#,
    ))
    .expect("tags cross");
    assert_eq!(
        JSON::stringify(&fitted).unwrap().as_string().as_deref(),
        Some(
            r#"{"kept":["Rust","Browser Extensions","c","d","e"],"too_long":["A tag that is far too long for Medium"],"over_limit":["f"]}"#
        )
    );
    let not_tags = wasm::fit_tags(js(r#"[1, 2]"#)).expect_err("numbers are not tags");
    assert_eq!(
        get(&not_tags, &["code"]).as_string().as_deref(),
        Some("bad-input")
    );

    let defaults = wasm::default_options().expect("options cross");
    assert_eq!(
        JSON::stringify(&defaults).unwrap().as_string().as_deref(),
        Some(
            r#"{"footer_template":"Originally published at <a href=\"{url}\">{site}</a>.","related_links":3,"utm_campaign":null}"#
        )
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_the_core_code() {
    let error = wasm::build_draft(
        page(
            "<html><head><title>x</title></head><body></body></html>",
            "https://a.example/",
        ),
        JsValue::NULL,
    )
    .expect_err("an empty page has no article");
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&error, &["code"]).as_string().as_deref(),
        Some("no-article")
    );
    let message = get(&error, &["message"]).as_string().unwrap_or_default();
    assert!(message.contains("Send selection to Medium"), "{message}");

    let bad_url = wasm::build_draft(page(POST, "not a url"), JsValue::NULL).expect_err("bad url");
    assert_eq!(
        get(&bad_url, &["code"]).as_string().as_deref(),
        Some("bad-page-url")
    );

    let malformed = wasm::build_draft(js(r#"{"url":"https://a.example/"}"#), JsValue::NULL)
        .expect_err("no html");
    assert_eq!(
        get(&malformed, &["code"]).as_string().as_deref(),
        Some("bad-input")
    );
    assert!(wasm::take_panic_message().is_none(), "no panic on the way");
}

#[wasm_bindgen_test]
fn rebuild_from_markdown_replaces_the_body_and_keeps_the_rest() {
    let built = wasm::build_draft(
        page(POST, "https://pans.example/posts/cast-iron/"),
        JsValue::NULL,
    )
    .expect("builds");
    let draft = get(&built, &["draft"]);
    let rebuilt = wasm::rebuild_from_markdown(draft, "A **new** body about woks.\n", JsValue::NULL)
        .expect("rebuilds");
    let body = get(&rebuilt, &["body_html"])
        .as_string()
        .unwrap_or_default();
    assert!(body.contains("<strong>new</strong>"), "{body}");
    assert!(!body.contains("saltbush"));
    assert_eq!(
        get(&rebuilt, &["title"]).as_string().as_deref(),
        Some("Repairing a Cast-Iron Pan")
    );
    assert!(wasm::rebuild_from_markdown(js(r#"{"title":3}"#), "x", JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn body_markdown_keeps_the_words() {
    let markdown = wasm::body_markdown("<p>Seasoning is <strong>polymerised</strong> oil.</p>");
    assert!(markdown.contains("polymerised"), "{markdown}");
}

#[wasm_bindgen_test]
fn the_preview_cannot_run_script() {
    let html = wasm::render_preview(
        "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1)) \
         <a href=\"https://ok.example/\" onclick=\"alert(1)\">ok</a> <iframe src=\"https://e.example\"></iframe>\n\n**bold**",
    );
    let lower = html.to_lowercase();
    for forbidden in ["<script", "onerror", "onclick", "javascript:", "<iframe"] {
        assert!(!lower.contains(forbidden), "{forbidden} survived: {html}");
    }
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(html.contains("https://ok.example/"), "{html}");
}

#[wasm_bindgen_test]
fn html_encoding_honours_meta_charset_with_a_name_text_decoder_takes() {
    let bytes = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
    assert_eq!(wasm::html_encoding(bytes), "windows-1252");
    assert_eq!(wasm::html_encoding("<p>café</p>".as_bytes()), "UTF-8");
}

#[wasm_bindgen_test]
fn delivery_calls_cross_as_plain_data() {
    let request =
        wasm::medium_me_request("tok", Some("http://127.0.0.1:9/v1".into())).expect("request");
    assert_eq!(
        get(&request, &["url"]).as_string().as_deref(),
        Some("http://127.0.0.1:9/v1/me")
    );
    assert_eq!(get(&request, &["call"]).as_string().as_deref(), Some("me"));

    // A refusal is thrown as the core's report, which deliver.js shows as it is.
    let report = wasm::medium_me_request("", None).expect_err("no token");
    assert_eq!(
        get(&report, &["code"]).as_string().as_deref(),
        Some("token-missing")
    );
    assert!(get(&report, &["message"])
        .as_string()
        .unwrap_or_default()
        .contains("Options"));

    let timeout = wasm::medium_transport_error(
        JsValue::from_str("create-post"),
        js(r#"{"kind":"timeout","seconds":30}"#),
    )
    .expect("a report");
    assert_eq!(get(&timeout, &["may_have_posted"]).as_bool(), Some(true));

    let history = js(
        r#"[{"id":"a","title":"T","source_url":"https://b.example/p","canonical_url":"https://b.example/p","method":"api","date":"2026-01-01T10:00:00Z","status":"draft"}]"#,
    );
    let warnings =
        wasm::medium_delivery_warnings(history, Some("https://b.example/p".into()), 0.0, 0)
            .expect("warnings");
    assert!(js_sys::Array::is_array(&warnings));
    assert!(
        js_sys::Array::from(&warnings).length() >= 1,
        "the same canonical URL was sent before"
    );
}

// --- "Your posts": the listing the background script drives, and related links from it.

/// A WordPress page of the blog: its feed is declared, and the platform shows in its markup.
const BLOG_PAGE: &str = r#"<!doctype html><html><head>
<meta name="generator" content="WordPress 6.5">
<link rel="alternate" type="application/rss+xml" title="Pans &raquo; Feed" href="https://pans.example/feed/">
</head><body><p>Home</p></body></html>"#;

const BLOG_FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel>
<generator>https://wordpress.org/?v=6.5</generator>
<item><title>Repairing a Cast-Iron Pan</title><link>https://pans.example/posts/cast-iron/</link>
<pubDate>Sat, 02 Mar 2024 09:00:00 +0000</pubDate><category>Cast iron</category></item>
<item><title>Seasoning with flaxseed oil</title><link>/posts/flaxseed/</link>
<pubDate>Mon, 05 Feb 2024 09:00:00 +0000</pubDate><category>Cast iron</category></item>
</channel></rss>"#;

const BLOG_SITEMAP: &str = r#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://pans.example/wp-sitemap-posts-post-1.xml</loc></sitemap>
<sitemap><loc>https://pans.example/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>
</sitemapindex>"#;

const BLOG_POSTS_SITEMAP: &str = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://pans.example/posts/cast-iron/</loc><lastmod>2024-03-03</lastmod></url>
<url><loc>https://pans.example/posts/carbon-steel-woks/</loc><lastmod>2019-07-01</lastmod></url>
</urlset>"#;

#[wasm_bindgen_test]
fn a_listing_is_driven_by_fetches_and_gives_posts_oldest_first() {
    let mut listing = wasm::posts_listing_for_page(
        page(BLOG_PAGE, "https://pans.example/posts/cast-iron/"),
        JsValue::NULL,
    )
    .expect("a listing");
    let mut fetched = Vec::new();
    loop {
        let fetch = listing.next_fetch().expect("a fetch or null");
        if fetch.is_null() {
            break;
        }
        let url = get(&fetch, &["url"]).as_string().expect("a url");
        assert!(get(&fetch, &["max_bytes"]).as_f64().unwrap_or(0.0) > 0.0);
        fetched.push(url.clone());
        let body = match url.as_str() {
            "https://pans.example/feed/" => Some(BLOG_FEED),
            "https://pans.example/wp-sitemap.xml" => Some(BLOG_SITEMAP),
            "https://pans.example/wp-sitemap-posts-post-1.xml" => Some(BLOG_POSTS_SITEMAP),
            _ => None,
        };
        match body {
            Some(body) => listing.receive(&url, body, None),
            None => listing
                .fetch_failed(&url, js(r#"{"kind":"status","status":404}"#))
                .expect("a failure object"),
        }
    }
    assert!(listing.is_done());
    assert_eq!(
        fetched[..2],
        [
            "https://pans.example/feed/",
            "https://pans.example/wp-sitemap.xml"
        ]
    );
    let posts = js_sys::Array::from(&listing.posts().expect("posts"));
    let urls: Vec<String> = posts
        .iter()
        .map(|p| get(&p, &["url"]).as_string().unwrap_or_default())
        .collect();
    assert_eq!(
        urls,
        [
            "https://pans.example/posts/carbon-steel-woks/",
            "https://pans.example/posts/flaxseed/",
            "https://pans.example/posts/cast-iron/",
        ]
    );
    // A post only the sitemap lists has no title: null, as storage keeps it.
    assert!(get(&posts.get(0), &["title"]).is_null());
    assert_eq!(
        get(&posts.get(2), &["published"]).as_string().as_deref(),
        Some("2024-03-02T09:00:00Z")
    );
    let notes = js_sys::Array::from(&listing.notes().expect("notes"));
    let codes: Vec<String> = notes
        .iter()
        .map(|n| get(&n, &["code"]).as_string().unwrap_or_default())
        .collect();
    assert!(
        codes.contains(&"sitemaps-not-posts".to_string()),
        "{codes:?}"
    );

    let malformed = listing.fetch_failed("https://pans.example/x", js(r#"{"kind":"bogus"}"#));
    assert_eq!(
        get(&malformed.expect_err("a bad failure"), &["code"])
            .as_string()
            .as_deref(),
        Some("bad-input")
    );
    let no_site = wasm::posts_listing_for_site("not a url", JsValue::NULL);
    assert!(no_site.is_err());
    assert!(wasm::take_panic_message().is_none(), "no panic on the way");
}

#[wasm_bindgen_test]
fn related_links_come_from_the_known_posts_when_given() {
    let known = js(r#"[
        {"url":"https://pans.example/posts/cast-iron/","title":"Repairing a Cast-Iron Pan","published":"2024-03-02","tags":["Cast iron"]},
        {"url":"https://pans.example/posts/flaxseed/","title":"Seasoning with flaxseed oil","published":"2024-02-05","tags":["Cast iron"]},
        {"url":"https://pans.example/posts/carbon-steel-woks/","title":null,"published":"2019-07-01","tags":[]},
        {"url":"https://pans.example/tag/cast-iron/","title":"Cast iron","published":null,"tags":[]}
    ]"#);
    let url = "https://pans.example/posts/cast-iron/";
    let plain = wasm::build_draft(page(POST, url), JsValue::NULL).expect("builds");
    let same = wasm::build_draft_with_posts(page(POST, url), JsValue::NULL, JsValue::NULL)
        .expect("builds");
    assert_eq!(
        JSON::stringify(&plain).unwrap().as_string(),
        JSON::stringify(&same).unwrap().as_string(),
        "no list of posts, no change"
    );
    let built =
        wasm::build_draft_with_posts(page(POST, url), JsValue::NULL, known.clone()).expect("ok");
    let backlinks = js_sys::Array::from(&get(&built, &["draft", "backlinks"]));
    let linked: Vec<String> = backlinks
        .iter()
        .map(|b| get(&b, &["url"]).as_string().unwrap_or_default())
        .collect();
    // Never the post itself, never the tag page; the newer post first.
    assert_eq!(
        linked,
        [
            "https://pans.example/posts/flaxseed/",
            "https://pans.example/posts/carbon-steel-woks/"
        ]
    );
    let content = get(&built, &["draft", "content_html"])
        .as_string()
        .unwrap_or_default();
    assert!(content.contains("Seasoning with flaxseed oil"), "{content}");
    assert!(content.contains("Carbon steel woks"), "{content}");

    let chosen = wasm::related_posts_from_catalogue(
        get(&built, &["draft"]),
        known,
        js(r#"{"related_links":1,"utm_campaign":"backlog"}"#),
    )
    .expect("related");
    let chosen = js_sys::Array::from(&chosen);
    assert_eq!(chosen.length(), 1);
    assert_eq!(
        get(&chosen.get(0), &["url"]).as_string().as_deref(),
        Some("https://pans.example/posts/flaxseed/?utm_source=medium&utm_medium=referral&utm_campaign=backlog")
    );
}
