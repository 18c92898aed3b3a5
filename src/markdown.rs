//! Markdown both ways: the dialect HTML as Markdown for the popup's editor and for "Copy Markdown",
//! and edited Markdown back to dialect HTML with pulldown-cmark.
//!
//! The HTML → Markdown writer is our own, over the dialect's blocks only: htmd, the well-kept
//! converter, would pull a second html5ever into the wasm build, and the dialect is small enough
//! for a short writer that checks each paragraph against pulldown-cmark before trusting it.

use dom_query::Document;
use pulldown_cmark::{html, Event, Options as CmarkOptions, Parser, Tag, TagEnd};
use url::Url;

use crate::dialect::blocks::{self, Block, Inline, Marks};
use crate::dialect::write::figure_html;
use crate::dialect::{self};
use crate::warning::Warning;

/// Converts Medium-dialect HTML (a body, or a whole `content_html` with title and footer) to
/// Markdown. Body headings are written `##` (large) and `###` (small); `#` is the title.
pub fn from_dialect_html(html: &str) -> String {
    write(&dialect::read_dialect(&Document::fragment(html).root()))
}

/// Converts Markdown (as edited in the popup) to Medium-dialect HTML; links must be absolute.
pub fn to_dialect_html(markdown: &str, warnings: &mut Vec<Warning>) -> String {
    to_dialect_html_at(markdown, None, warnings)
}

/// [`to_dialect_html`], resolving relative links the user typed against `base` (the post's URL).
pub fn to_dialect_html_at(
    markdown: &str,
    base: Option<&Url>,
    warnings: &mut Vec<Warning>,
) -> String {
    dialect::write_html(&to_dialect_blocks(markdown, base, warnings))
}

/// [`to_dialect_html_at`] up to the dialect's blocks, which the draft writes out itself.
pub(crate) fn to_dialect_blocks(
    markdown: &str,
    base: Option<&Url>,
    warnings: &mut Vec<Warning>,
) -> Vec<Block> {
    let parser = Parser::new_ext(markdown, CmarkOptions::empty());
    let mut html_out = String::new();
    html::push_html(&mut html_out, parser);
    dialect::rewrite_to_blocks(&html_out, base, warnings)
}

/// Writes dialect blocks as CommonMark.
pub(crate) fn write(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    // Two lists in a row must not merge: alternate their markers.
    let mut previous_list: Option<(bool, bool)> = None;
    for block in blocks {
        let part = match block {
            Block::Paragraph(runs) => prefix_lines(&inline(runs), "", ""),
            Block::Heading(level, runs) => {
                let hashes = match level {
                    1 => "#",
                    2 | 3 => "##",
                    _ => "###",
                };
                let mut text = inline_heading(runs);
                if text.ends_with('#') {
                    text.pop();
                    text.push_str("\\#");
                }
                format!("{hashes} {text}")
            }
            Block::Quote(runs) => prefix_lines(&inline(runs), "> ", "> "),
            Block::Code(text) => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                format!("{fence}\n{text}\n{fence}")
            }
            Block::List { ordered, items } => {
                let alternate = previous_list.is_some_and(|(o, alt)| o == *ordered && !alt);
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let marker = match (ordered, alternate) {
                        (true, false) => format!("{}.", i + 1),
                        (true, true) => format!("{})", i + 1),
                        (false, false) => "-".to_string(),
                        (false, true) => "*".to_string(),
                    };
                    let indent = " ".repeat(marker.len() + 1);
                    lines.push(prefix_lines(&inline(item), &format!("{marker} "), &indent));
                }
                previous_list = Some((*ordered, alternate));
                parts.push(lines.join("\n"));
                continue;
            }
            Block::Figure { src, alt, caption } => {
                if blocks::has_text(caption) {
                    figure_html(src, alt, caption)
                } else {
                    format!("![{}]({})", escape_text(alt, false), destination(src))
                }
            }
            Block::Rule => "---".to_string(),
        };
        previous_list = None;
        if !part.trim().is_empty() {
            parts.push(part);
        }
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// Puts `first` before the first line and `rest` before the others (hard breaks end lines).
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(rest);
        } else {
            out.push_str(first);
        }
        out.push_str(line);
    }
    out
}

fn longest_run(text: &str, ch: char) -> usize {
    let mut best = 0;
    let mut current = 0;
    for c in text.chars() {
        if c == ch {
            current += 1;
            best = best.max(current);
        } else {
            current = 0;
        }
    }
    best
}

/// How strong and emphasis are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `**strong**`, `*em*`.
    Delimiters,
    /// `<strong>`, `<em>`: for the rare runs where delimiters cannot open or close.
    HtmlTags,
}

/// Inline runs as Markdown, checked against pulldown-cmark; hard breaks are `\` + newline.
fn inline(runs: &[Inline]) -> String {
    let markdown = inline_with(runs, Style::Delimiters, false);
    if parses_back(&markdown, runs) {
        markdown
    } else {
        inline_with(runs, Style::HtmlTags, false)
    }
}

fn inline_heading(runs: &[Inline]) -> String {
    let markdown = inline_with(runs, Style::Delimiters, true);
    if parses_back(&format!("## {markdown}"), runs) {
        markdown
    } else {
        inline_with(runs, Style::HtmlTags, true)
    }
}

#[derive(Clone, PartialEq, Eq)]
enum Open {
    Link(String),
    Strong,
    Em,
}

fn inline_with(runs: &[Inline], style: Style, heading: bool) -> String {
    let mut out = String::new();
    let mut open: Vec<Open> = Vec::new();
    let close = |out: &mut String, tag: &Open| match tag {
        Open::Link(href) => {
            out.push_str("](");
            out.push_str(&destination(href));
            out.push(')');
        }
        Open::Strong => out.push_str(if style == Style::Delimiters {
            "**"
        } else {
            "</strong>"
        }),
        Open::Em => out.push_str(if style == Style::Delimiters {
            "*"
        } else {
            "</em>"
        }),
    };
    let mut line_start = !heading;
    for (index, run) in runs.iter().enumerate() {
        match run {
            Inline::Break => {
                while let Some(tag) = open.pop() {
                    close(&mut out, &tag);
                }
                if heading {
                    out.push(' ');
                } else {
                    out.push_str("\\\n");
                    line_start = true;
                }
            }
            Inline::Text(text, marks) => {
                // A link whose text is its own address alone: `<https://…>`, which Medium embeds.
                if let Some(href) = &marks.link {
                    let alone = *marks
                        == Marks {
                            link: Some(href.clone()),
                            ..Marks::default()
                        };
                    let neighbours_differ = runs
                        .get(index + 1)
                        .is_none_or(|r| !matches!(r, Inline::Text(_, m) if m.link == marks.link))
                        && (index == 0
                            || !matches!(&runs[index - 1], Inline::Text(_, m) if m.link == marks.link));
                    if alone && neighbours_differ && text == href && is_autolink_safe(href) {
                        while let Some(tag) = open.pop() {
                            close(&mut out, &tag);
                        }
                        out.push('<');
                        out.push_str(href);
                        out.push('>');
                        line_start = false;
                        continue;
                    }
                }
                let mut want = Vec::new();
                if let Some(href) = &marks.link {
                    want.push(Open::Link(href.clone()));
                }
                if marks.strong {
                    want.push(Open::Strong);
                }
                if marks.em {
                    want.push(Open::Em);
                }
                // Keep the open marks this run still wants (the longest such prefix), open the rest.
                let keep = open.iter().take_while(|tag| want.contains(tag)).count();
                while open.len() > keep {
                    if let Some(tag) = open.pop() {
                        close(&mut out, &tag);
                    }
                }
                let missing: Vec<Open> =
                    want.iter().filter(|t| !open.contains(t)).cloned().collect();
                for tag in &missing {
                    match tag {
                        Open::Link(_) => {
                            // `!` right before `[` would make the link an image.
                            if out.ends_with('!') {
                                out.pop();
                                out.push_str("\\!");
                            }
                            out.push('[');
                        }
                        Open::Strong => out.push_str(if style == Style::Delimiters {
                            "**"
                        } else {
                            "<strong>"
                        }),
                        Open::Em => out.push_str(if style == Style::Delimiters {
                            "*"
                        } else {
                            "<em>"
                        }),
                    }
                    open.push(tag.clone());
                    line_start = false;
                }
                if marks.code {
                    out.push_str(&code_span(text));
                } else {
                    out.push_str(&escape_text_at(text, line_start));
                }
                line_start = false;
            }
        }
    }
    while let Some(tag) = open.pop() {
        close(&mut out, &tag);
    }
    out
}

fn is_autolink_safe(href: &str) -> bool {
    (href.starts_with("http://") || href.starts_with("https://"))
        && !href
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c.is_control())
}

/// A link destination, in angle brackets when it holds characters that would end it.
fn destination(href: &str) -> String {
    if href
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
    {
        let escaped = href
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace(' ', "%20");
        format!("<{escaped}>")
    } else {
        href.to_string()
    }
}

fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

fn escape_text(text: &str, line_start: bool) -> String {
    escape_text_at(text, line_start)
}

/// Escapes text so CommonMark reads it back as the same characters. At the start of a line,
/// characters that would open a block (`#`, `>`, `-`, `1.`…) are escaped too.
fn escape_text_at(text: &str, line_start: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    if line_start {
        let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits <= 9 && matches!(chars.get(digits), Some('.') | Some(')')) {
            out.extend(&chars[..digits]);
            out.push('\\');
            out.push(chars[digits]);
            i = digits + 1;
        } else if let Some(first) = chars.first() {
            if matches!(first, '#' | '>' | '-' | '+' | '=' | '~' | '|') {
                out.push('\\');
                out.push(*first);
                i = 1;
            }
        }
    }
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { chars.get(i - 1) } else { None };
        let next = chars.get(i + 1);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let intraword = prev.is_some_and(|p| p.is_alphanumeric())
                    && next.is_some_and(|n| n.is_alphanumeric());
                if !intraword {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' => {
                let rest: String = chars[i + 1..].iter().take(33).collect();
                let entity = rest.find(';').is_some_and(|end| {
                    end > 0
                        && rest[..end]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                });
                if entity {
                    out.push('\\');
                }
                out.push('&');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether pulldown-cmark reads `markdown` back as exactly `runs`.
fn parses_back(markdown: &str, runs: &[Inline]) -> bool {
    let mut parsed: Vec<Inline> = Vec::new();
    let mut strong = 0usize;
    let mut em = 0usize;
    let mut links: Vec<String> = Vec::new();
    let mut blocks = 0;
    for event in Parser::new_ext(markdown, CmarkOptions::empty()) {
        let marks = |code: bool, links: &Vec<String>| Marks {
            link: links.last().cloned(),
            strong: strong > 0,
            em: em > 0,
            code,
        };
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                blocks += 1;
                if blocks > 1 {
                    return false;
                }
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {}
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => em += 1,
            Event::End(TagEnd::Emphasis) => em = em.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Text(text) => push_run(&mut parsed, &text, marks(false, &links)),
            Event::Code(text) => push_run(&mut parsed, &text, marks(true, &links)),
            Event::SoftBreak => push_run(&mut parsed, " ", marks(false, &links)),
            Event::HardBreak => parsed.push(Inline::Break),
            _ => return false,
        }
    }
    let mut expected: Vec<Inline> = Vec::new();
    for run in runs {
        match run {
            Inline::Text(text, marks) => push_run(&mut expected, text, marks.clone()),
            Inline::Break => expected.push(Inline::Break),
        }
    }
    parsed == expected
}

fn push_run(runs: &mut Vec<Inline>, text: &str, marks: Marks) {
    if let Some(Inline::Text(last, last_marks)) = runs.last_mut() {
        if *last_marks == marks {
            last.push_str(text);
            return;
        }
    }
    runs.push(Inline::Text(text.to_string(), marks));
}
