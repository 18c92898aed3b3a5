//! Round-trip report over page corpora: every page's `body_html` → Markdown → HTML, with the
//! 4-word-shingle F1 of the text and whether the block sequence survived.
//!
//! ```sh
//! cargo run --release --example roundtrip_corpus -- ../shared/corpus/{aeb,readability,mercury,defuddle}
//! ```
//! Corpus layouts: AEB (`ground-truth.json` + `html/`), Mercury (`expected.json`), Readability
//! (one folder a page with `source.html`), Defuddle (`fixtures/*.html`).

#[path = "../tests/support/roundtrip.rs"]
mod roundtrip;

use std::path::{Path, PathBuf};

use send_to_medium::{build_draft, markdown, Options, Page};

fn pages(corpus: &Path) -> Vec<(String, PathBuf, String)> {
    let mut out = Vec::new();
    let read_json = |p: PathBuf| -> serde_json::Value {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(serde_json::Value::Null)
    };
    if corpus.join("ground-truth.json").exists() {
        if let serde_json::Value::Object(map) = read_json(corpus.join("ground-truth.json")) {
            for (key, value) in map {
                let url = value["url"]
                    .as_str()
                    .unwrap_or("http://example.com/")
                    .to_string();
                out.push((
                    key.clone(),
                    corpus.join("html").join(format!("{key}.html")),
                    url,
                ));
            }
        }
    } else if corpus.join("expected.json").exists() {
        if let serde_json::Value::Array(rows) = read_json(corpus.join("expected.json")) {
            for (i, row) in rows.iter().enumerate() {
                let file = row["fixture"].as_str().unwrap_or_default();
                let url = row["url"]
                    .as_str()
                    .unwrap_or("http://example.com/")
                    .to_string();
                out.push((i.to_string(), corpus.join(file), url));
            }
        }
    } else if corpus.join("fixtures").is_dir() {
        for entry in std::fs::read_dir(corpus.join("fixtures"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                let name = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                out.push((name, path, "https://example.com/post/".to_string()));
            }
        }
    } else {
        for entry in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
            let source = entry.path().join("source.html");
            if source.exists() {
                let name = entry.file_name().to_string_lossy().to_string();
                out.push((name, source, "http://fakehost/test/page.html".to_string()));
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let corpora: Vec<String> = std::env::args().skip(1).collect();
    if corpora.is_empty() {
        eprintln!("usage: roundtrip_corpus CORPUS_DIR...");
        std::process::exit(2);
    }
    let mut failed = false;
    for corpus in corpora {
        let corpus = Path::new(&corpus);
        let mut scores = Vec::new();
        let mut block_mismatch = Vec::new();
        let mut identical = 0;
        for (key, file, url) in pages(corpus) {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let page = Page::from_bytes(&bytes, url::Url::parse(&url).ok());
            let Ok(draft) = build_draft(&page, &Options::default()) else {
                continue;
            };
            let md = markdown::from_dialect_html(&draft.body_html);
            let mut warnings = Vec::new();
            let back = markdown::to_dialect_html(&md, &mut warnings);
            let result = roundtrip::compare(&draft.body_html, &back);
            if std::env::var("ROUNDTRIP_SHOW").is_ok_and(|k| k == key) {
                println!(
                    "--- body\n{}\n--- markdown\n{md}\n--- back\n{back}",
                    draft.body_html
                );
            }
            if draft.body_html == back {
                identical += 1;
            } else if std::env::var("ROUNDTRIP_VERBOSE").is_ok() {
                println!("  {key}: not byte-identical");
            }
            if !result.same_blocks() {
                block_mismatch.push(key.clone());
            }
            if result.f1 < 0.99 {
                println!("  {key}: F1 {:.4}", result.f1);
            }
            scores.push((result.f1, key));
        }
        if scores.is_empty() {
            println!("{}: no pages", corpus.display());
            continue;
        }
        scores.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mean = scores.iter().map(|s| s.0).sum::<f64>() / scores.len() as f64;
        println!(
            "{}: {} pages ({} byte-identical), round-trip F1 min {:.4} ({}), mean {:.4}; block sequence changed on {} page(s){}",
            corpus.file_name().unwrap_or_default().to_string_lossy(),
            scores.len(),
            identical,
            scores[0].0,
            scores[0].1,
            mean,
            block_mismatch.len(),
            if block_mismatch.is_empty() {
                String::new()
            } else {
                format!(": {}", block_mismatch.join(", "))
            }
        );
        failed |= scores[0].0 < 0.99 || !block_mismatch.is_empty();
    }
    std::process::exit(if failed { 1 } else { 0 });
}
