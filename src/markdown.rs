//! Markdown both ways: the dialect HTML as Markdown for the popup's editor and for "Copy Markdown",
//! and edited Markdown back to dialect HTML with pulldown-cmark.

use dom_query::{Document, NodeRef};
use pulldown_cmark::{html, Options as CmarkOptions, Parser};

use crate::dialect;
use crate::draft::Warning;

/// Converts Medium-dialect HTML to Markdown.
pub fn from_dialect_html(html: &str) -> String {
    let doc = Document::fragment(html);
    let mut out = String::new();
    for child in doc.root().children() {
        block(&child, &mut out);
    }
    out.trim().to_string() + "\n"
}

fn block(node: &NodeRef, out: &mut String) {
    let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
    match name.as_str() {
        "html" => {
            for child in node.children() {
                block(&child, out);
            }
        }
        "h1" => out.push_str(&format!("# {}\n\n", inline_text(node))),
        "h2" | "h3" => out.push_str(&format!("## {}\n\n", inline_text(node))),
        "h4" => out.push_str(&format!("### {}\n\n", inline_text(node))),
        "hr" => out.push_str("---\n\n"),
        "pre" => out.push_str(&format!("```\n{}\n```\n\n", node.text())),
        _ => {
            let text = inline_text(node);
            if !text.is_empty() {
                out.push_str(&text);
                out.push_str("\n\n");
            }
        }
    }
}

fn inline_text(node: &NodeRef) -> String {
    node.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts Markdown (as edited in the popup) to Medium-dialect HTML.
pub fn to_dialect_html(markdown: &str, warnings: &mut Vec<Warning>) -> String {
    let parser = Parser::new_ext(markdown, CmarkOptions::ENABLE_STRIKETHROUGH);
    let mut html_out = String::new();
    html::push_html(&mut html_out, parser);
    dialect::rewrite(&html_out, None, warnings)
}
