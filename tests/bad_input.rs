//! Hostile, broken and huge pages: each gives a draft or a clear error, never a panic or a hang.
//! Big inputs are generated here, not checked in.

use send_to_medium::{build_draft, markdown, Draft, DraftError, Options, Page, WarningCode};
use url::Url;

fn page_url() -> Option<Url> {
    Url::parse("https://blog.example/2024/05/06/a-post/").ok()
}

fn draft_from_bytes(bytes: &[u8]) -> Result<Draft, DraftError> {
    build_draft(&Page::from_bytes(bytes, page_url()), &Options::default())
}

fn draft_from(html: &str) -> Result<Draft, DraftError> {
    draft_from_bytes(html.as_bytes())
}

const PARAGRAPH: &str = "<p>This paragraph is part of a real article, long enough to be scored as \
                         content, with commas, clauses, and a few ideas worth keeping in a draft.</p>";

/// Deterministic pseudo-random bytes (xorshift), so a failure is reproducible.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn empty_and_blank_input_is_not_html() {
    for input in ["", "   \n\t  "] {
        assert_eq!(draft_from(input), Err(DraftError::NotHtml));
    }
}

#[test]
fn binary_garbage_is_refused_cleanly() {
    for seed in 1..20 {
        let bytes = garbage(50_000, seed);
        assert!(
            draft_from_bytes(&bytes).is_err(),
            "seed {seed} made a draft"
        );
    }
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(garbage(10_000, 99));
    assert_eq!(draft_from_bytes(&png), Err(DraftError::NotHtml));
}

#[test]
fn html_with_garbage_inside_still_gives_the_article() {
    let mut bytes = format!("<html><body><article>{}", PARAGRAPH.repeat(5)).into_bytes();
    bytes.extend(garbage(300, 7).iter().map(|b| b | 0x80));
    bytes.extend_from_slice(PARAGRAPH.repeat(3).as_bytes());
    bytes.extend_from_slice(b"</article></body></html>");
    let draft = draft_from_bytes(&bytes).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));
}

#[test]
fn a_page_without_an_article_says_so() {
    let html = "<html><head><title>Blog</title></head><body><header><nav><a href=/>Home</a>\
                <a href=/archive/>Archive</a></nav></header><footer>© 2024</footer></body></html>";
    assert_eq!(draft_from(html), Err(DraftError::NoArticle));
    let message = DraftError::NoArticle.to_string();
    assert!(message.contains("select the text"), "{message}");
}

#[test]
fn a_ten_megabyte_page_gives_a_draft() {
    let mut html = String::from("<html><head><title>Big archive</title></head><body><article>");
    let mut n = 0;
    while html.len() < 10 * 1024 * 1024 {
        html.push_str(&format!(
            "<h2>Section {n}</h2>{PARAGRAPH}<p><a href=\"/p/{n}\">Link {n}</a> and <b>bold</b></p>"
        ));
        n += 1;
    }
    html.push_str("</article></body></html>");
    let draft = draft_from(&html).expect("a draft");
    assert!(draft.body_html.len() > 1_000_000);
}

#[test]
fn a_page_with_more_elements_than_we_score_degrades_with_a_warning() {
    let mut html = String::from("<html><body><main><article>");
    for n in 0..110_000 {
        html.push_str(&format!("<p><span>word {n}</span></p>"));
    }
    html.push_str("</article></main></body></html>");
    let draft = draft_from(&html).expect("a draft");
    assert!(draft
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::PageTooLarge));
    assert!(draft.body_html.contains("word 109999"));
}

#[test]
fn a_hundred_thousand_nested_divs_are_flattened() {
    let html = format!(
        "<html><body>{}{PARAGRAPH}{PARAGRAPH}{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let draft = draft_from(&html).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));
    assert!(draft
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::DeepNestingFlattened));
}

#[test]
fn deep_nesting_of_every_kind_is_survived() {
    let cases = [
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<span class=x>", ""),
        ("<a href=/x>", ""),
        ("<svg><g>", ""),
    ];
    for (open, close) in cases {
        let html = format!(
            "<html><body><article>{PARAGRAPH}{}deep text{}{PARAGRAPH}</article></body></html>",
            open.repeat(50_000),
            close.repeat(50_000)
        );
        // Either outcome is fine; returning at all (no overflow, no panic) is the point.
        let _ = draft_from(&html);
    }
}

#[test]
fn broken_encodings_are_decoded_not_rejected() {
    // Declared UTF-8 with invalid bytes: replacement characters, the text around them kept.
    let mut bytes = b"<meta charset=utf-8><article>".to_vec();
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    bytes.extend_from_slice(
        b"<p>caf\xe9 \xff\xfe and more text that belongs to the article body</p>",
    );
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    let draft = draft_from_bytes(&bytes).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));

    // An unknown charset label falls back to Windows-1252.
    let mut bytes = b"<meta charset=klingon-8><article>".to_vec();
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    bytes.extend_from_slice(b"<p>na\xefve caf\xe9 text</p>");
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    let draft = draft_from_bytes(&bytes).expect("a draft");
    assert!(
        draft.body_html.contains("naïve café"),
        "{}",
        draft.body_html
    );

    // A UTF-16 BOM followed by an odd number of bytes.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in format!("<article>{}</article>", PARAGRAPH.repeat(3)).encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes.push(0x41);
    assert!(draft_from_bytes(&bytes).is_ok());
}

#[test]
fn unterminated_and_misnested_markup_still_gives_the_article() {
    let cases = [
        format!("<html><body><article>{PARAGRAPH}{PARAGRAPH}<p>unclosed <a href=\"/x"),
        format!("<article>{PARAGRAPH}<div><p>one<div>two</p></div>{PARAGRAPH}<!-- never closed"),
        format!("<article>{PARAGRAPH}<script>while(1){{}}{PARAGRAPH}"),
        format!("<article><b><i>{PARAGRAPH}</b></i>{PARAGRAPH}</article><style>p{{"),
        format!("<article>{PARAGRAPH}<table><tr><td>{PARAGRAPH}<td><p>cell"),
        format!("<article><p title=\"{}\">{PARAGRAPH}", "\"".repeat(10_000)),
    ];
    for html in &cases {
        let _ = draft_from(html);
    }
    let draft = draft_from(&cases[0]).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));
}

#[test]
fn hostile_metadata_is_bounded() {
    let huge_json = format!(
        "<script type=\"application/ld+json\">{}{}</script>",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let many_tags: String = (0..5_000)
        .map(|n| format!("<meta property=\"article:tag\" content=\"tag{n}\">"))
        .collect();
    let html = format!(
        "<html><head>{huge_json}{many_tags}<title>{}</title>\
         <link rel=canonical href=\"javascript:alert(1)\"></head>\
         <body><article>{}</article></body></html>",
        "T".repeat(100_000),
        PARAGRAPH.repeat(4)
    );
    let draft = draft_from(&html).expect("a draft");
    assert!(draft.tags.len() <= 5);
    let canonical = draft.canonical_url.expect("falls back to the page address");
    assert!(canonical.starts_with("https://blog.example/"));
}

#[test]
fn a_deeply_nested_selection_is_bounded_too() {
    let selection = format!(
        "{}{PARAGRAPH}{}",
        "<blockquote>".repeat(100_000),
        "</blockquote>".repeat(100_000)
    );
    let page = Page {
        html: format!("<html><body><article>{PARAGRAPH}</article></body></html>"),
        url: page_url(),
        selection_html: Some(selection),
    };
    let draft = build_draft(&page, &Options::default()).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));
    assert!(draft
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::DeepNestingFlattened));
}

#[test]
fn a_video_embed_with_multibyte_text_before_the_domain_does_not_panic() {
    // Found by the fuzzer: dom_smoothie 0.19 slices inside the '€' (see src/extract/guards.rs).
    let html = format!(
        "<html><body><article>{PARAGRAPH}<div><iframe src=\"€youtube.com/embed/x\"></iframe>\
         <object data=\"a\">€youtube.com</object></div>{PARAGRAPH}{PARAGRAPH}</article></body></html>"
    );
    let draft = draft_from(&html).expect("a draft");
    assert!(draft.body_html.contains("worth keeping"));
}

/// A stable-toolchain cousin of the fuzz target (`fuzz/`): deterministic mutations of a small
/// page full of the constructs extraction cares about; none may panic, and each draft's Markdown
/// is what its HTML reads back as.
#[test]
fn mutated_pages_never_panic() {
    let seed_page = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Café — Blog</title>\
         <meta property=\"og:title\" content=\"Café €\"><script type=\"application/ld+json\">\
         {{\"@type\":\"BlogPosting\",\"author\":{{\"name\":\"Zoé\"}},\"datePublished\":\"2024-02-30\"}}\
         </script><link rel=canonical href=\"/ça\"></head><body><nav><a href=/>Accueil</a></nav>\
         <article><h1>Café</h1><p class=byline>Par Zoé, 3 mars 2024</p>{PARAGRAPH}\
         <iframe src=\"//www.youtube.com/embed/x€\"></iframe><object>€youtube.com</object>\
         <figure><img src=a.png><figcaption>Légende (Image: €)</figcaption></figure>\
         <pre><code class=\"comment\">fn main() {{}}</code></pre>{PARAGRAPH}\
         <h3>Related</h3><ul><li><a href=/b>B</a></li></ul></article></body></html>"
    );
    let bytes = seed_page.as_bytes();
    let noise = garbage(400_000, 42);
    let mut at = 0;
    let mut take = |n: usize| {
        let out = &noise[at..at + n];
        at += n;
        out.to_vec()
    };
    for _ in 0..300 {
        let r = take(4);
        let mut page = bytes.to_vec();
        let pos = (usize::from(r[0]) << 8 | usize::from(r[1])) % page.len();
        match r[2] % 5 {
            0 => page.truncate(pos),
            1 => page[pos] = r[3],
            2 => {
                let insert = take(16);
                page.splice(pos..pos, insert);
            }
            3 => {
                let tag: &[u8] = [
                    &b"<div>"[..],
                    b"</p>",
                    b"<table>",
                    b"<!--",
                    b"<svg>",
                    b"\xe2\x82\xac",
                ][usize::from(r[3]) % 6];
                page.splice(pos..pos, tag.iter().copied());
            }
            _ => page
                .drain(pos..(pos + usize::from(r[3])).min(page.len()))
                .for_each(drop),
        }
        if let Ok(draft) = draft_from_bytes(&page) {
            // HTML and Markdown are written from the same blocks: the HTML reads back as them.
            assert_eq!(
                draft.content_markdown,
                markdown::from_dialect_html(&draft.content_html)
            );
        }
    }
}
