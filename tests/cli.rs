//! The `send-to-medium` command as a user runs it: formats, stdin, flags, exit codes, encodings.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_send-to-medium");

/// A WordPress-like post: enough text for Readability, metadata in the usual places.
const POST: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Growing tomatoes on a balcony | Green Corner</title>
<meta property="og:title" content="Growing tomatoes on a balcony">
<meta property="og:site_name" content="Green Corner">
<meta name="description" content="What three summers of balcony tomatoes taught me.">
<meta property="article:published_time" content="2023-06-04T09:30:00+01:00">
<meta property="article:tag" content="Gardening">
<link rel="canonical" href="/2023/06/04/balcony-tomatoes/">
<link rel="alternate" type="application/rss+xml" href="/feed/">
</head><body>
<header><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>
<article class="post">
<h1 class="entry-title">Growing tomatoes on a balcony</h1>
<div class="entry-meta">By <a rel="author" href="/author/mia/">Mia Park</a></div>
<div class="entry-content">
<p>Three summers ago I put a single tomato plant on my fourth-floor balcony, mostly to see whether
it would survive the wind. It did, and it gave me more fruit than I could eat, which surprised
everyone in the building, including me.</p>
<p>The trick, it turns out, is a deep pot, a lot of water, and patience. Cherry varieties do best
because they ripen before the autumn storms arrive, and they do not mind the shade in the
afternoon when the sun moves behind the next building.</p>
<p>This year I am trying <a href="/2022/05/01/pots/">self-watering pots</a> and a trellis made of
old broom handles. I will report back in September with the harvest numbers and photos.</p>
</div>
<footer class="entry-footer"><span class="tags-links"><a href="/tag/tomatoes/" rel="tag">Tomatoes</a></span></footer>
</article>
</body></html>"#;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("send-to-medium-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run send-to-medium");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn json_draft_has_the_contract_fields_and_metadata() {
    let file = temp_file("post.html", POST.as_bytes());
    let out = run(
        &[
            "--url",
            "https://green.example/2023/06/04/balcony-tomatoes/?utm_source=x",
            file.to_str().unwrap(),
        ],
        None,
    );
    let draft = json(&out);
    let keys: Vec<&str> = draft
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for field in [
        "title",
        "subtitle",
        "author",
        "published",
        "canonical_url",
        "site_name",
        "lead_image",
        "language",
        "tags",
        "body_html",
        "content_html",
        "content_markdown",
        "backlinks",
        "warnings",
    ] {
        assert!(keys.contains(&field), "missing {field} in {keys:?}");
    }
    assert_eq!(keys.len(), 14, "unexpected fields: {keys:?}");
    assert_eq!(draft["title"], "Growing tomatoes on a balcony");
    assert_eq!(draft["author"], "Mia Park");
    assert_eq!(draft["published"], "2023-06-04T09:30:00+01:00");
    assert_eq!(draft["site_name"], "Green Corner");
    assert_eq!(draft["language"], "en-GB");
    assert_eq!(
        draft["canonical_url"],
        "https://green.example/2023/06/04/balcony-tomatoes/"
    );
    assert_eq!(
        draft["subtitle"],
        "What three summers of balcony tomatoes taught me."
    );
    let tags: Vec<&str> = draft["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["Gardening", "Tomatoes"]);
    let body = draft["body_html"].as_str().unwrap();
    assert!(body.contains("deep pot, a lot of water"));
    assert!(body.contains("href=\"https://green.example/2022/05/01/pots/\""));
    assert!(
        !body.contains("About"),
        "navigation leaked into the body: {body}"
    );
}

#[test]
fn markdown_and_html_formats_print_the_content() {
    let file = temp_file("post-formats.html", POST.as_bytes());
    let path = file.to_str().unwrap();
    let url = "https://green.example/post/";
    let md = run(&["--format", "markdown", "--url", url, path], None);
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Growing tomatoes on a balcony"), "{md}");
    assert!(md.contains("deep pot"));

    let html = run(&["--format", "html", "--url", url, path], None);
    assert!(html.status.success());
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(
        html.starts_with("<h1>Growing tomatoes on a balcony</h1>"),
        "{html}"
    );
}

#[test]
fn reads_standard_input_without_a_file_or_with_a_dash() {
    for args in [&[][..], &["-"][..]] {
        let draft = json(&run(args, Some(POST.as_bytes())));
        assert_eq!(draft["title"], "Growing tomatoes on a balcony");
        // Without --url the canonical comes from the page, which is relative: nothing to resolve
        // it against, so it is unknown rather than wrong.
        assert!(draft["canonical_url"].is_null());
    }
}

#[test]
fn footer_related_and_utm_flags_reach_the_draft() {
    let file = temp_file("post-flags.html", POST.as_bytes());
    let draft = json(&run(
        &[
            "--url",
            "https://green.example/2023/06/04/balcony-tomatoes/",
            "--footer",
            "First posted on {site}: <a href=\"{url}\">{title}</a>",
            "--related",
            "0",
            "--utm",
            "spring",
            file.to_str().unwrap(),
        ],
        None,
    ));
    let content = draft["content_html"].as_str().unwrap();
    assert!(
        content.contains("First posted on Green Corner"),
        "{content}"
    );
    assert!(draft["backlinks"].as_array().unwrap().is_empty());
}

#[test]
fn bad_usage_exits_2_with_a_usage_line() {
    let file = temp_file("post-usage.html", POST.as_bytes());
    let path = file.to_str().unwrap();
    for args in [
        vec!["--bogus", path],
        vec!["--format", "pdf", path],
        vec!["--url", "not a url", path],
        vec!["--url", "ftp://files.example/post", path],
        vec!["/definitely/not/here.html"],
        vec!["--related", "many", path],
    ] {
        let out = run(&args, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.to_lowercase().contains("usage"),
            "{args:?} gave no usage line: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_page_without_an_article_exits_3_with_one_line() {
    let page =
        b"<html><head><title>Home</title></head><body><nav><a href=/a>A</a></nav></body></html>";
    for input in [&page[..], b"", b"\x00\x01\x02\xff\xfe binary"] {
        let out = run(&["--url", "https://blog.example/"], Some(input));
        assert_eq!(out.status.code(), Some(3));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("send-to-medium: "));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn help_documents_every_flag_and_the_exit_codes() {
    let out = run(&["--help"], None);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for word in [
        "--url",
        "--format",
        "--footer",
        "--related",
        "--utm",
        "FILE",
        "Exit status",
        "markdown",
    ] {
        assert!(
            help.contains(word),
            "--help does not mention {word}:\n{help}"
        );
    }
}

#[test]
fn legacy_encodings_are_decoded_by_their_declaration() {
    let text = "Crème brûlée and café au lait are what this long paragraph is about, written by a \
                French baker who explains, at length and with some passion, how to caramelise sugar \
                without burning it, and why the custard must rest overnight before it is served.";
    let page = format!(
        "<html><head><meta charset=\"windows-1252\"><title>Desserts</title></head>\
         <body><article><p>{text}</p><p>{text}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let draft = json(&run(&["-"], Some(&bytes)));
    assert!(draft["body_html"]
        .as_str()
        .unwrap()
        .contains("Crème brûlée"));

    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\
         </head><body><article><p>{}</p></article></body></html>",
        "日本語の文章です。".repeat(40)
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&page);
    let draft = json(&run(&["-"], Some(&bytes)));
    assert!(draft["body_html"]
        .as_str()
        .unwrap()
        .contains("日本語の文章です"));
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in POST.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let draft = json(&run(&["-"], Some(&bytes)));
    assert_eq!(draft["title"], "Growing tomatoes on a balcony");
}
