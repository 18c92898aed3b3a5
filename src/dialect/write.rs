//! Writing dialect [`Block`]s as HTML: only Medium's tags, marks opened and closed where they
//! change, text and attributes escaped.

use super::blocks::{has_text, Block, Inline, Marks};

/// Writes blocks as Medium-dialect HTML.
pub(crate) fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(runs) => wrap(&mut out, "p", runs),
            Block::Heading(level, runs) => wrap(&mut out, &format!("h{level}"), runs),
            Block::Quote(runs) => wrap(&mut out, "blockquote", runs),
            Block::Code(text) => {
                out.push_str("<pre>");
                out.push_str(&escape_text(text));
                out.push_str("</pre>");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for item in items {
                    wrap(&mut out, "li", item);
                }
                out.push_str(&format!("</{tag}>"));
            }
            Block::Figure { src, alt, caption } => {
                out.push_str(&figure_html(src, alt, caption));
            }
            Block::Rule => out.push_str("<hr>"),
        }
    }
    out
}

/// One figure as HTML (also how Markdown writes a captioned image).
pub(crate) fn figure_html(src: &str, alt: &str, caption: &[Inline]) -> String {
    let mut out = format!(
        "<figure><img src=\"{}\" alt=\"{}\">",
        escape_attr(src),
        escape_attr(alt)
    );
    if has_text(caption) {
        out.push_str("<figcaption>");
        inline_html(&mut out, caption);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
    out
}

fn wrap(out: &mut String, tag: &str, runs: &[Inline]) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    inline_html(out, runs);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MarkTag {
    Link(String),
    Strong,
    Em,
    Code,
}

/// The tags a run's marks open, outermost first.
pub(crate) fn mark_tags(marks: &Marks) -> Vec<MarkTag> {
    let mut tags = Vec::new();
    if let Some(href) = &marks.link {
        tags.push(MarkTag::Link(href.clone()));
    }
    if marks.strong {
        tags.push(MarkTag::Strong);
    }
    if marks.em {
        tags.push(MarkTag::Em);
    }
    if marks.code {
        tags.push(MarkTag::Code);
    }
    tags
}

/// Writes inline runs as HTML, opening and closing tags only where marks change.
pub(crate) fn inline_html(out: &mut String, runs: &[Inline]) {
    let mut open: Vec<MarkTag> = Vec::new();
    let close = |out: &mut String, tag: &MarkTag| {
        out.push_str(match tag {
            MarkTag::Link(_) => "</a>",
            MarkTag::Strong => "</strong>",
            MarkTag::Em => "</em>",
            MarkTag::Code => "</code>",
        })
    };
    for run in runs {
        match run {
            Inline::Break => {
                while let Some(tag) = open.pop() {
                    close(out, &tag);
                }
                out.push_str("<br>");
            }
            Inline::Text(text, marks) => {
                let want = mark_tags(marks);
                // Keep the open tags this run still wants (the longest such prefix), open the rest.
                let keep = open.iter().take_while(|tag| want.contains(tag)).count();
                while open.len() > keep {
                    if let Some(tag) = open.pop() {
                        close(out, &tag);
                    }
                }
                let missing: Vec<MarkTag> =
                    want.iter().filter(|t| !open.contains(t)).cloned().collect();
                for tag in &missing {
                    match tag {
                        MarkTag::Link(href) => {
                            out.push_str(&format!("<a href=\"{}\">", escape_attr(href)))
                        }
                        MarkTag::Strong => out.push_str("<strong>"),
                        MarkTag::Em => out.push_str("<em>"),
                        MarkTag::Code => out.push_str("<code>"),
                    }
                    open.push(tag.clone());
                }
                out.push_str(&escape_text(text));
            }
        }
    }
    while let Some(tag) = open.pop() {
        close(out, &tag);
    }
}

/// Escapes text for an HTML text node.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}
