//! HTML → Markdown → HTML keeps the text (4-word-shingle F1 ≥ 0.99, as the scorer counts) and the
//! sequence of block tags: over every dialect fixture, and over generated paragraphs full of the
//! characters Markdown treats specially.

#[path = "support/roundtrip.rs"]
mod roundtrip;

use std::fs;
use std::path::Path;

use send_to_medium::{dialect, markdown};
use url::Url;

fn round_trip(body: &str) -> (String, String) {
    let md = markdown::from_dialect_html(body);
    let mut warnings = Vec::new();
    let back = markdown::to_dialect_html(&md, &mut warnings);
    (md, back)
}

#[test]
fn every_fixture_body_survives_the_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dialect");
    let base = Url::parse("https://blog.example/2024/05/post/").expect("valid base");
    let mut checked = 0;
    for entry in fs::read_dir(&root).expect("fixtures").flatten() {
        let Ok(input) = fs::read_to_string(entry.path().join("input.html")) else {
            continue;
        };
        let body = dialect::rewrite(&input, Some(&base), &mut Vec::new());
        let (md, back) = round_trip(&body);
        let result = roundtrip::compare(&body, &back);
        assert!(
            result.f1 >= 0.99,
            "{}: F1 {:.4}\n--- body\n{body}\n--- markdown\n{md}\n--- back\n{back}",
            entry.path().display(),
            result.f1
        );
        assert!(
            result.same_blocks(),
            "{}: blocks {:?} became {:?}\n--- markdown\n{md}",
            entry.path().display(),
            result.blocks_before,
            result.blocks_after
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} fixtures checked");
}

/// A small deterministic generator (xorshift), so failures reproduce without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "word",
    "other",
    "x",
    "*",
    "**",
    "_",
    "__",
    "snake_case",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "[a](b)",
    "#",
    "# ",
    "> ",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "!",
    "![i](j)",
    "\\",
    "&amp;",
    "&amp;copy;",
    "&lt;",
    "&lt;b&gt;",
    "&gt;",
    "\"",
    "'",
    "&nbsp;",
    "|",
    "~~~",
    "---",
    "===",
    "&#42;",
    "é",
    "日本",
    "https://a.example/",
    ".",
    ",",
    ":",
    "?",
];

const WRAPPERS: &[(&str, &str)] = &[
    ("", ""),
    ("", ""),
    ("<strong>", "</strong>"),
    ("<em>", "</em>"),
    ("<code>", "</code>"),
    ("<a href=\"https://link.example/p?q=1&amp;r=(2)\">", "</a>"),
    ("<strong><em>", "</em></strong>"),
    ("<em><a href=\"https://e.example/\">", "</a></em>"),
];

fn random_inline(rng: &mut Rng) -> String {
    let mut html = String::new();
    for _ in 0..(3 + rng.next() % 8) {
        let (open, close) = WRAPPERS[(rng.next() % WRAPPERS.len() as u64) as usize];
        let mut text = String::new();
        for _ in 0..(1 + rng.next() % 3) {
            text.push_str(rng.pick(PIECES));
            if rng.next() % 2 == 0 {
                text.push(' ');
            }
        }
        html.push_str(open);
        html.push_str(&text);
        html.push_str(close);
        if rng.next() % 3 == 0 {
            html.push(' ');
        }
        if rng.next() % 11 == 0 {
            html.push_str("<br>");
        }
    }
    html
}

#[test]
fn generated_paragraphs_full_of_markdown_syntax_round_trip_exactly() {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let blocks = [
        ("<p>", "</p>"),
        ("<h2>", "</h2>"),
        ("<h4>", "</h4>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<ol><li>", "</li><li>second</li></ol>"),
        (
            "<figure><img src=\"https://i.example/a.png\" alt=\"x\"><figcaption>",
            "</figcaption></figure>",
        ),
    ];
    let cases: usize = std::env::var("ROUNDTRIP_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    for case in 0..cases {
        let (open, close) = blocks[case % blocks.len()];
        let html = format!("{open}{}{close}<p>tail</p>", random_inline(&mut rng));
        let body = dialect::rewrite(&html, None, &mut Vec::new());
        let (md, back) = round_trip(&body);
        let result = roundtrip::compare(&body, &back);
        assert_eq!(
            roundtrip::text_of(&body).split_whitespace().collect::<Vec<_>>(),
            roundtrip::text_of(&back).split_whitespace().collect::<Vec<_>>(),
            "case {case}: text changed\n--- input\n{html}\n--- body\n{body}\n--- markdown\n{md}\n--- back\n{back}"
        );
        assert!(
            result.same_blocks(),
            "case {case}: blocks changed\n--- body\n{body}\n--- markdown\n{md}\n--- back\n{back}"
        );
        assert_eq!(
            body, back,
            "case {case}: markup changed\n--- markdown\n{md}"
        );
    }
}
