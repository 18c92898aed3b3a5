//! One fixture per rule of Medium's dialect: `tests/dialect/<case>/input.html` is rewritten
//! (page address `https://blog.example/2024/05/post/`) and compared with `expected.html`
//! (body_html), `expected.md` (its Markdown) and `expected-warnings.txt` (one `code: message`
//! a line). A changed snapshot is reviewed in the diff: `BLESS=1 cargo test --test dialect`
//! rewrites the expected files from the current output.

use std::fs;
use std::path::Path;

use send_to_medium::{dialect, markdown};
use url::Url;

const PAGE: &str = "https://blog.example/2024/05/post/";

fn check_case(dir: &Path) -> Result<(), String> {
    let input = fs::read_to_string(dir.join("input.html")).map_err(|e| e.to_string())?;
    let base = Url::parse(PAGE).map_err(|e| e.to_string())?;
    let mut warnings = Vec::new();
    let body = dialect::rewrite(&input, Some(&base), &mut warnings);
    let md = markdown::from_dialect_html(&body);
    let warning_lines: String = warnings
        .iter()
        .map(|w| format!("{}: {}\n", w.code, w.message))
        .collect();
    let actual = [
        ("expected.html", format!("{}\n", body.replace("><", ">\n<"))),
        ("expected.md", md),
        ("expected-warnings.txt", warning_lines),
    ];
    let bless = std::env::var("BLESS").is_ok();
    let mut failures = Vec::new();
    for (file, got) in actual {
        let path = dir.join(file);
        if bless {
            fs::write(&path, &got).map_err(|e| e.to_string())?;
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}/{file} differs\n--- expected\n{want}\n--- actual\n{got}",
                dir.display()
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

#[test]
fn every_dialect_fixture_matches_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dialect");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .expect("tests/dialect exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("input.html").exists())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected the dialect fixtures, found {}",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().filter_map(|c| check_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Inputs built to break a recursive or quadratic walk: each must come back quickly (the test
/// harness would time out otherwise) with its text.
#[test]
fn pathological_nesting_keeps_the_text_without_recursion() {
    let n = 100_000;
    let cases = [
        format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n)),
        format!("<p>{}deep text", "<b><i>".repeat(n / 2)),
        format!("{}deep text", "<ul><li>".repeat(n / 10)),
        format!("{}deep text", "<blockquote>".repeat(n)),
        format!("{}deep text", "<table><tr><td>".repeat(n / 20)),
        format!("{}deep text", "<span>".repeat(n)),
        format!("<pre>{}deep text</pre>", "<div>".repeat(n)),
    ];
    for (i, html) in cases.iter().enumerate() {
        let body = dialect::rewrite(html, None, &mut Vec::new());
        assert!(
            body.contains("deep text"),
            "case {i} lost its text: {}",
            &body[..body.len().min(300)]
        );
        let md = markdown::from_dialect_html(&body);
        assert!(
            md.contains("deep text"),
            "case {i} lost its text in Markdown"
        );
        let back = markdown::to_dialect_html(&md, &mut Vec::new());
        assert!(
            back.contains("deep text"),
            "case {i} lost its text on the way back"
        );
    }
}

#[test]
fn hostile_markup_never_reaches_the_output() {
    let hostile = [
        "<img src=x onerror=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<p style=\"x:expression(alert(1))\" onmouseover=\"alert(1)\">x</p>",
        "<form><button formaction=\"javascript:alert(1)\">x</button></form>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<base href=\"javascript:/\"><a href=\"/x\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
    ];
    let base = Url::parse(PAGE).expect("valid base");
    for html in hostile {
        let body = dialect::rewrite(html, Some(&base), &mut Vec::new());
        let lower = body.to_ascii_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "onerror",
            "onmouseover",
            "<iframe",
            "<svg",
            "<object",
            "style=",
            "data:",
            "<form",
            "<button",
        ] {
            assert!(!lower.contains(bad), "{html:?} left {bad:?} in {body:?}");
        }
        for tag in dom_query::Document::fragment(body.as_str())
            .select("*")
            .nodes()
        {
            let name = tag.node_name().map(|n| n.to_string()).unwrap_or_default();
            assert!(
                ["html", "p", "a", "figure", "img", "code", "pre", "br"].contains(&name.as_str())
                    || dialect::MEDIUM_TAGS.contains(&name.as_str()),
                "{html:?} produced <{name}>"
            );
        }
    }
}
