//! Links home: related posts picked from a real-looking blog page (widgets, navigation, tag
//! pages, the page itself), the footer template, UTM tagging, and Medium's limits on tags,
//! title and subtitle applied when a draft is (re)built.

use dom_query::Document;
use send_to_medium::backlinks::related_posts;
use send_to_medium::draft::{rebuild_from_markdown, Draft};
use send_to_medium::extract::links::{page_links, LinkRegion};
use send_to_medium::metadata::Metadata;
use send_to_medium::{build_draft, Options, Page, WarningCode};
use url::Url;

const PAGE_URL: &str = "https://www.blog.example/2024/05/rust-ownership-explained/";

const PAGE: &str = r##"<!doctype html><html lang="en"><head>
<title>Rust ownership, explained | Jane's blog</title>
<link rel="canonical" href="https://blog.example/2024/05/rust-ownership-explained/">
<meta property="og:site_name" content="Jane's blog">
<meta property="article:published_time" content="2024-05-02T09:30:00+02:00">
</head><body>
<header class="site-header"><nav class="menu">
  <a href="/">Home</a> <a href="/about/">About</a> <a href="/tag/rust/">Rust</a>
  <a href="/2024/01/a-post-linked-from-the-menu-only/">A post linked from the menu only</a>
</nav></header>
<main><article>
<h1>Rust ownership, explained</h1>
<p>Ownership is the part of Rust that newcomers find hardest, so this post walks through it with
small examples, one rule at a time, until the borrow checker's messages start to make sense.</p>
<p>It builds on <a href="https://blog.example/2023/11/getting-started-with-cargo/?utm_source=feed">my
post about getting started with Cargo</a> and on <a href="https://doc.rust-lang.org/book/">the book</a>.</p>
<p>Each value has one owner. When the owner goes out of scope, the value is dropped. Moving a value
transfers ownership; borrowing lends it without giving it away, and the borrow checker makes sure
no reference outlives the value it points to. That is the whole model in three sentences.</p>
<p>Jump to <a href="#summary">the summary</a> or back to <a href="https://blog.example/2024/05/rust-ownership-explained/#top">the top</a>.</p>
<h2 id="summary">Summary</h2>
<p>Owners, moves, borrows: once these click, the rest of the language follows.</p>
<p class="tags">Tags: <a rel="tag" href="/tag/rust/">rust</a>, <a href="/category/programming/">programming</a></p>
</article>
<nav class="post-navigation">
  <a rel="prev" href="/2024/04/why-i-moved-my-blog-to-a-static-site/">← Why I moved my blog to a static site</a>
  <a rel="next" href="/2024/06/lifetimes-without-tears/">Lifetimes without tears →</a>
</nav>
<section class="related-posts"><h3>Related</h3><ul>
  <li><a href="/2024/03/borrowing-and-references-in-practice/"><img src="/t.jpg" alt=""></a>
      <a href="/2024/03/borrowing-and-references-in-practice/">Borrowing and references in practice</a></li>
  <li><a href="https://www.blog.example/2024/05/rust-ownership-explained/">Rust ownership, explained</a></li>
  <li><a href="/page/2/">Older posts</a></li>
</ul></section>
<div id="comments"><a href="https://commenter.example/">A commenter</a>
  <a href="/2024/05/rust-ownership-explained/?replytocom=12#respond">Reply</a></div>
</main>
<aside class="sidebar widget"><a href="/feed/">RSS</a> <a href="/2022/09/hello-world/">Hello world</a></aside>
<footer><a href="/privacy/">Privacy</a> <a href="https://elsewhere.example/2024/01/some-long-post-title/">Elsewhere</a></footer>
</body></html>"##;

fn page_url() -> Url {
    Url::parse(PAGE_URL).expect("valid page URL")
}

fn links() -> Vec<send_to_medium::extract::links::PageLink> {
    page_links(&Document::from(PAGE), Some(&page_url()))
}

fn options(related: usize, utm: Option<&str>) -> Options {
    Options {
        related_links: related,
        utm_campaign: utm.map(str::to_string),
        ..Options::default()
    }
}

#[test]
fn links_know_where_on_the_page_they_are() {
    let links = links();
    let region = |path: &str| {
        links
            .iter()
            .find(|l| l.url.path() == path)
            .map(|l| l.region)
            .unwrap_or_else(|| panic!("no link to {path}"))
    };
    assert_eq!(
        region("/2024/01/a-post-linked-from-the-menu-only/"),
        LinkRegion::Navigation
    );
    assert_eq!(
        region("/2024/04/why-i-moved-my-blog-to-a-static-site/"),
        LinkRegion::Pagination
    );
    assert_eq!(
        region("/2024/03/borrowing-and-references-in-practice/"),
        LinkRegion::Related
    );
    assert_eq!(
        region("/2023/11/getting-started-with-cargo/"),
        LinkRegion::Article
    );
    assert_eq!(region("/2022/09/hello-world/"), LinkRegion::Sidebar);
    assert!(links.iter().any(|l| l.rel == ["prev"]));
}

#[test]
fn related_posts_are_the_authors_articles_ranked_and_deduplicated() {
    let meta = Metadata::default();
    let picked = related_posts(&links(), Some(&page_url()), &meta, &options(4, None));
    let urls: Vec<&str> = picked.iter().map(|b| b.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.blog.example/2024/03/borrowing-and-references-in-practice/",
            "https://www.blog.example/2024/04/why-i-moved-my-blog-to-a-static-site/",
            "https://www.blog.example/2024/06/lifetimes-without-tears/",
            "https://blog.example/2023/11/getting-started-with-cargo/",
        ]
    );
    // Titles from the link text, arrows and image-only duplicates aside.
    assert_eq!(picked[0].title, "Borrowing and references in practice");
    assert_eq!(picked[1].title, "Why I moved my blog to a static site");
    // Never the page itself, a tag or listing page, the home page, the feed or another site.
    for bad in [
        "rust-ownership-explained",
        "/tag/",
        "/category/",
        "/page/2",
        "/feed",
        "/privacy",
        "elsewhere.example",
        "replytocom",
    ] {
        assert!(
            urls.iter().all(|u| !u.contains(bad)),
            "{bad} picked: {urls:?}"
        );
    }
}

#[test]
fn related_posts_respect_the_count_and_utm_tags_only_them() {
    let meta = Metadata::default();
    assert!(related_posts(&links(), Some(&page_url()), &meta, &options(0, None)).is_empty());
    let two = related_posts(
        &links(),
        Some(&page_url()),
        &meta,
        &options(2, Some("spring launch")),
    );
    assert_eq!(two.len(), 2);
    for link in &two {
        let url = Url::parse(&link.url).expect("absolute");
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("utm_source".to_string(), "medium".to_string()),
                ("utm_medium".to_string(), "referral".to_string()),
                ("utm_campaign".to_string(), "spring launch".to_string()),
            ]
        );
    }
}

#[test]
fn the_draft_footer_fills_the_template_and_keeps_the_canonical_clean() {
    let page = Page::new(PAGE, Some(page_url()));
    let options = Options {
        footer_template: "First published on <a href=\"{url}\">{site}</a> on {date} as “{title}”. <script>x</script>".to_string(),
        related_links: 2,
        utm_campaign: Some("xpost".to_string()),
    };
    let draft = build_draft(&page, &options).expect("a draft");
    let canonical = "https://blog.example/2024/05/rust-ownership-explained/";
    assert_eq!(draft.canonical_url.as_deref(), Some(canonical));
    assert!(
        draft.content_html.contains(&format!(
            "<hr><p>First published on <a href=\"{canonical}\">Jane's blog</a> on 2024-05-02 as “"
        )),
        "{}",
        draft.content_html
    );
    assert!(!draft.content_html.contains("<script"));
    assert_eq!(draft.backlinks.len(), 2);
    assert!(draft
        .backlinks
        .iter()
        .all(|b| b.url.contains("utm_campaign=xpost")));
    assert!(!draft.content_html.contains(&format!("{canonical}?utm")));
    // The footer lists the backlinks, after the body, and the Markdown has them too.
    let footer_at = draft
        .content_html
        .find("<hr><p>First published")
        .expect("footer");
    assert!(draft.content_html[footer_at..].contains(&draft.backlinks[0].url.replace('&', "&amp;")));
    assert!(draft
        .content_markdown
        .contains("First published on [Jane's blog]("));
    // Same-page anchors are plain text in the body.
    assert!(draft.body_html.contains("Jump to the summary"));
    assert!(draft
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::LinkRemoved));
}

fn draft_with(title: &str, subtitle: &str, tags: &[&str]) -> Draft {
    Draft {
        title: Some(title.to_string()),
        subtitle: Some(subtitle.to_string()),
        author: None,
        published: None,
        canonical_url: Some("https://blog.example/post/".to_string()),
        site_name: None,
        lead_image: None,
        language: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body_html: String::new(),
        content_html: String::new(),
        content_markdown: String::new(),
        backlinks: Vec::new(),
        warnings: Vec::new(),
    }
}

fn codes(draft: &Draft) -> Vec<&str> {
    draft.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn medium_limits_on_tags_title_and_subtitle() {
    let long_title = "A title that goes on and on, well past the hundred characters that Medium's API accepts for the title of a story";
    let long_subtitle = "A search description that is much longer than the hundred and forty characters Medium keeps, so it has to be cut at a word boundary with an ellipsis";
    let draft = draft_with(
        long_title,
        long_subtitle,
        &[
            "Rust",
            "rust",
            "  Systems   programming ",
            "a-tag-that-is-far-too-long-for-medium",
            "Memory",
            "Safety",
            "Ownership",
            "Extra",
        ],
    );
    let rebuilt = rebuild_from_markdown(&draft, "Body text.", &Options::default());
    assert_eq!(
        rebuilt.tags,
        [
            "Rust",
            "Systems programming",
            "Memory",
            "Safety",
            "Ownership"
        ]
    );
    assert_eq!(
        codes(&rebuilt),
        [
            "tag-dropped",
            "tags-api-limit",
            "title-too-long",
            "subtitle-trimmed"
        ]
    );
    let tag_warning = &rebuilt.warnings[0].message;
    assert!(
        tag_warning.contains("a-tag-that-is-far-too-long-for-medium")
            && tag_warning.contains("Extra"),
        "{tag_warning}"
    );
    assert_eq!(
        rebuilt.title.as_deref(),
        Some(long_title),
        "the title is never cut, only flagged"
    );
    let subtitle = rebuilt.subtitle.clone().expect("subtitle");
    assert!(
        subtitle.chars().count() <= 140 && subtitle.ends_with('…'),
        "{subtitle}"
    );
    assert!(long_subtitle.starts_with(subtitle.trim_end_matches('…')));
    assert!(
        long_subtitle[subtitle.trim_end_matches('…').len()..].starts_with(' '),
        "cut mid-word: {subtitle}"
    );
    // Building again from the result changes nothing and repeats no warning.
    let again = rebuild_from_markdown(&rebuilt, "Body text.", &Options::default());
    assert_eq!(again.tags, rebuilt.tags);
    assert_eq!(again.subtitle, rebuilt.subtitle);
    assert_eq!(codes(&again), codes(&rebuilt));
}

#[test]
fn short_metadata_passes_untouched() {
    let draft = draft_with("Short title", "Short subtitle", &["Rust", "Web"]);
    let rebuilt = rebuild_from_markdown(
        &draft,
        "## Heading\n\nBody with a [link](/relative).",
        &Options::default(),
    );
    assert!(rebuilt.warnings.is_empty(), "{:?}", rebuilt.warnings);
    assert_eq!(rebuilt.tags, ["Rust", "Web"]);
    // Relative links typed in the editor resolve against the post's canonical address.
    assert_eq!(
        rebuilt.body_html,
        "<h3>Heading</h3><p>Body with a <a href=\"https://blog.example/relative\">link</a>.</p>"
    );
    assert!(rebuilt
        .content_html
        .starts_with("<h1>Short title</h1><h2>Short subtitle</h2><h3>Heading</h3>"));
}

#[test]
fn unedited_markdown_keeps_the_built_body_byte_for_byte() {
    let mut draft = draft_with("Title", "Subtitle", &[]);
    // A body whose Markdown would not convert back to the same bytes (pre without code, an
    // ordered list starting at 3): sending an untouched draft must not pass it through Markdown.
    draft.body_html = "<pre>  indented\n\n\n  code</pre><ol start=\"3\"><li>three</li></ol>".into();
    let untouched = send_to_medium::markdown::from_dialect_html(&draft.body_html);
    let sent = rebuild_from_markdown(&draft, &untouched, &Options::default());
    assert_eq!(sent.body_html, draft.body_html);
    assert!(sent.content_html.contains(&draft.body_html));

    let edited = rebuild_from_markdown(
        &draft,
        &format!("{untouched}\nOne more line."),
        &Options::default(),
    );
    assert!(
        edited.body_html.ends_with("<p>One more line.</p>"),
        "{}",
        edited.body_html
    );
}
