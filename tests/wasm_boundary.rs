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
