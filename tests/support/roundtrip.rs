//! The round-trip measure shared by `tests/markdown_roundtrip.rs` and the corpus example:
//! body HTML → Markdown → HTML must keep the text (4-word shingles, as the project's scorer counts
//! them) and the sequence of block tags.

use std::collections::HashMap;

use dom_query::Document;

/// Block tags whose sequence must survive the round trip.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "hr",
];

/// Tags that separate words, as the scorer's HTML walk treats them.
const BREAKING: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "pre",
    "blockquote",
    "figcaption",
    "figure",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "hr",
];

/// What one round trip kept.
#[derive(Debug, Clone)]
pub struct RoundTrip {
    /// 4-word-shingle F1 between the text before and after (1.0 = identical).
    pub f1: f64,
    /// Block tag sequences before and after.
    pub blocks_before: Vec<String>,
    pub blocks_after: Vec<String>,
}

impl RoundTrip {
    pub fn same_blocks(&self) -> bool {
        self.blocks_before == self.blocks_after
    }
}

/// Compares two dialect HTML bodies.
pub fn compare(before: &str, after: &str) -> RoundTrip {
    RoundTrip {
        f1: shingle_f1(&text_of(before), &text_of(after)),
        blocks_before: block_tags(before),
        blocks_after: block_tags(after),
    }
}

/// The text of an HTML fragment, with a space wherever a block tag opens or closes.
pub fn text_of(html: &str) -> String {
    let doc = Document::fragment(html);
    let mut out = String::new();
    enum Step<'a> {
        Enter(dom_query::NodeRef<'a>),
        Space,
    }
    let mut stack = vec![Step::Enter(doc.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Space => out.push(' '),
            Step::Enter(node) => {
                if node.is_text() {
                    out.push_str(&node.text());
                    continue;
                }
                let breaking = node
                    .node_name()
                    .is_some_and(|n| BREAKING.contains(&n.as_ref()));
                if breaking {
                    out.push(' ');
                    stack.push(Step::Space);
                }
                for child in node.children().into_iter().rev() {
                    stack.push(Step::Enter(child));
                }
            }
        }
    }
    out
}

/// Block tags in document order.
pub fn block_tags(html: &str) -> Vec<String> {
    let doc = Document::fragment(html);
    doc.root()
        .descendants()
        .into_iter()
        .filter_map(|n| n.node_name().map(|name| name.to_string()))
        .filter(|name| BLOCK_TAGS.contains(&name.as_str()))
        .collect()
}

/// Words as the scorer's `\w+` finds them.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words = words(text);
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    let n = 4.min(words.len());
    for window in words.windows(n) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// F1 of the multisets of 4-word shingles of two texts (1.0 when both are empty).
pub fn shingle_f1(a: &str, b: &str) -> f64 {
    let sa = shingles(a);
    let sb = shingles(b);
    let total_a: usize = sa.values().sum();
    let total_b: usize = sb.values().sum();
    if total_a == 0 && total_b == 0 {
        return 1.0;
    }
    let common: usize = sa
        .iter()
        .map(|(k, v)| (*v).min(*sb.get(k).unwrap_or(&0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / total_b as f64;
    let recall = common as f64 / total_a as f64;
    2.0 * precision * recall / (precision + recall)
}
