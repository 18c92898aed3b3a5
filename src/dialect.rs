//! Medium's HTML dialect: the small set of blocks its editor and API accept. Everything the
//! extractor returns is rewritten into it here, with a warning for each change the user should know.
//!
//! The rewrite runs in passes over one parsed tree: constructs Medium lacks are reshaped where
//! they stand (`images`, `embeds`, `math`, `code`, `footnotes`, `furniture`), then one iterative
//! walk (`read`) turns the tree into the dialect's `blocks`, which the draft writes once as HTML
//! (`write`, then ammonia's whitelist as a last line of defence) and once as Markdown.

pub(crate) mod blocks;
mod code;
mod embeds;
pub(crate) mod findings;
mod footnotes;
mod furniture;
mod images;
mod math;
mod nesting;
pub(crate) mod read;
pub(crate) mod write;

use std::collections::HashSet;

use dom_query::{Document, NodeRef};
use url::Url;

use crate::warning::Warning;
use blocks::{Block, Inline, Marks};
use findings::Findings;
use read::HeadingLevels;

pub use nesting::limit_nesting;
pub use write::{escape_attr, escape_text};

/// The tags Medium keeps. Headings are h3 (large) and h4 (small), as Medium renders them.
pub const MEDIUM_TAGS: &[&str] = &[
    "p",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "img",
    "hr",
    "br",
];

/// Title of the section that collects the footnotes at the end of the story.
pub const NOTES_TITLE: &str = "Notes";

/// Rewrites article HTML into Medium's dialect, resolving every link against `base`.
/// Warnings say what changed (one per kind, with counts).
pub fn rewrite(html: &str, base: Option<&Url>, warnings: &mut Vec<Warning>) -> String {
    write_html(&rewrite_to_blocks(html, base, warnings))
}

/// [`rewrite`] up to the block list, which the draft writes as HTML and as Markdown.
pub(crate) fn rewrite_to_blocks(
    html: &str,
    base: Option<&Url>,
    warnings: &mut Vec<Warning>,
) -> Vec<Block> {
    let mut findings = Findings::default();
    let blocks = read_article(html, base, &mut findings);
    warnings.extend(findings.into_warnings());
    blocks
}

/// Dialect blocks as HTML, through the sanitiser: the one way blocks become HTML.
pub(crate) fn write_html(blocks: &[Block]) -> String {
    sanitize(&write::to_html(blocks))
}

/// The blocks of HTML this module wrote (a draft's `body_html`, the editor's paste), read back
/// with their heading levels kept.
pub(crate) fn read_dialect(root: &NodeRef) -> Vec<Block> {
    let mut ignored = Findings::default();
    read::blocks(root, HeadingLevels::Keep, None, &mut ignored)
}

/// Parses article HTML and reshapes it into dialect blocks (the notes section included).
pub(crate) fn read_article(html: &str, base: Option<&Url>, findings: &mut Findings) -> Vec<Block> {
    let html = limit_nesting(html, MAX_PARSE_DEPTH);
    let doc = Document::fragment(html.as_ref());
    images::resolve_lazy(&doc);
    // The reshaping passes look at ancestors and subtrees; on a pathologically deep tree that
    // is quadratic, so such a page gets only the (linear) walk below.
    let notes = if depth_exceeds(&doc.root(), MAX_RESHAPE_DEPTH) {
        Vec::new()
    } else {
        images::caption_wrappers_to_figures(&doc);
        embeds::convert(&doc, base, findings);
        math::convert(&doc, findings);
        code::normalize(&doc);
        furniture::callouts_to_quotes(&doc);
        let notes = footnotes::move_to_notes(&doc, base, findings);
        furniture::remove(&doc);
        notes
    };
    let mut blocks = read::blocks(&doc.root(), HeadingLevels::Medium, base, findings);
    if !notes.is_empty() {
        blocks.push(Block::Heading(
            4,
            vec![Inline::Text(NOTES_TITLE.to_string(), Marks::default())],
        ));
        for note in &notes {
            let mut line = vec![Inline::Text(format!("[{}] ", note.label), Marks::default())];
            line.extend(note_line(&note.html, base, findings));
            blocks.push(Block::Paragraph(line));
        }
    }
    blocks
}

/// One footnote as a single paragraph: its blocks joined by line breaks.
fn note_line(html: &str, base: Option<&Url>, findings: &mut Findings) -> Vec<Inline> {
    let doc = Document::fragment(html);
    furniture::remove(&doc);
    let mut line = Vec::new();
    for block in read::blocks(&doc.root(), HeadingLevels::Medium, base, findings) {
        let runs = match block {
            Block::Paragraph(runs) | Block::Heading(_, runs) | Block::Quote(runs) => runs,
            Block::List { items, .. } => {
                let mut joined = Vec::new();
                for item in items {
                    if !joined.is_empty() {
                        joined.push(Inline::Break);
                    }
                    joined.extend(item);
                }
                joined
            }
            Block::Code(text) => text
                .lines()
                .flat_map(|l| {
                    [
                        Inline::Break,
                        Inline::Text(
                            l.to_string(),
                            Marks {
                                code: true,
                                ..Marks::default()
                            },
                        ),
                    ]
                })
                .skip(1)
                .collect(),
            Block::Figure { alt, .. } => vec![Inline::Text(alt, Marks::default())],
            Block::Rule => Vec::new(),
        };
        if !blocks::has_text(&runs) {
            continue;
        }
        if !line.is_empty() {
            line.push(Inline::Break);
        }
        line.extend(runs);
    }
    line
}

/// ammonia's whitelist over what the writer produced: only Medium's tags, `href` and `src` as
/// absolute http(s) URLs. The writer already emits nothing else; this guards against its bugs.
pub(crate) fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = MEDIUM_TAGS.iter().copied().collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt"])
        .url_schemes(["http", "https"].into_iter().collect())
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::Deny)
        .strip_comments(true);
    builder.clean(html).to_string()
}

/// Number of non-whitespace characters of text in an HTML fragment (for HTML that arrives as
/// such, like a draft handed back by the extension; blocks answer `blocks::text_len`).
pub fn text_len(html: &str) -> usize {
    let doc = Document::fragment(html);
    doc.root()
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// Element nesting kept when parsing (real articles stay far below; html5ever slows down
/// quadratically with depth).
pub const MAX_PARSE_DEPTH: usize = 512;

/// Nesting beyond which the reshaping passes are skipped (the parser can still build a deeper
/// tree than the lexical guard saw, e.g. when it reopens formatting elements).
const MAX_RESHAPE_DEPTH: usize = 2 * MAX_PARSE_DEPTH;

/// Whether any node sits deeper than `limit` below `root` (iterative).
fn depth_exceeds(root: &NodeRef, limit: usize) -> bool {
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.element_children().into_iter().map(|c| (c, depth + 1)));
    }
    false
}

/// Whether a node is still in the document (passes detach subtrees as they go).
pub(crate) fn is_attached(node: &NodeRef) -> bool {
    let mut current = *node;
    loop {
        match current.parent() {
            Some(parent) => current = parent,
            None => return current.is_document() || current.is_fragment(),
        }
    }
}
