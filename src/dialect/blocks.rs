//! Medium's dialect as data: a flat list of [`Block`]s holding runs of marked-up text. The
//! reader ([`super::read`]) makes them from any HTML tree; the HTML writer ([`super::write`]) and
//! the Markdown writer (`crate::markdown`) write the same blocks, so both outputs agree.

/// One block of a Medium story. Lists have one level and items hold inline content only, as in
/// Medium's editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Paragraph(Vec<Inline>),
    /// Level as written in HTML: 3 (large) or 4 (small) in a body; 1 and 2 only for the
    /// title and subtitle at the top of `content_html`.
    Heading(u8, Vec<Inline>),
    Quote(Vec<Inline>),
    /// A code block's text, exactly (no trailing newline).
    Code(String),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Figure {
        src: String,
        alt: String,
        caption: Vec<Inline>,
    },
    Rule,
}

/// A run of text with its marks, or a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text(String, Marks),
    Break,
}

/// The inline formatting Medium keeps. Nesting order when written: link, strong, em, code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    pub link: Option<String>,
    pub strong: bool,
    pub em: bool,
    pub code: bool,
}

impl Marks {
    /// The marks two neighbouring runs share: what a space between them may carry.
    pub(super) fn common(&self, other: &Marks) -> Marks {
        Marks {
            link: if self.link == other.link {
                self.link.clone()
            } else {
                None
            },
            strong: self.strong && other.strong,
            em: self.em && other.em,
            code: self.code && other.code,
        }
    }
}

/// Whether runs hold any visible character (not only spaces, NBSPs or zero-width marks).
pub(crate) fn has_text(runs: &[Inline]) -> bool {
    runs.iter().any(|run| match run {
        Inline::Text(text, _) => text.chars().any(|c| !is_blank(c)),
        Inline::Break => false,
    })
}

pub(super) fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
        )
}

/// Non-whitespace characters of the blocks' text, as a reader of their HTML would count them
/// (captions and code included, alt text not): a body with none is no article.
pub(crate) fn text_len(blocks: &[Block]) -> usize {
    let runs_len = |runs: &[Inline]| -> usize {
        runs.iter()
            .map(|run| match run {
                Inline::Text(text, _) => text.chars().filter(|c| !c.is_whitespace()).count(),
                Inline::Break => 0,
            })
            .sum()
    };
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(runs) | Block::Heading(_, runs) | Block::Quote(runs) => runs_len(runs),
            Block::Code(text) => text.chars().filter(|c| !c.is_whitespace()).count(),
            Block::List { items, .. } => items.iter().map(|item| runs_len(item)).sum(),
            Block::Figure { caption, .. } => runs_len(caption),
            Block::Rule => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::findings::Findings;
    use crate::dialect::read::{self, HeadingLevels};
    use crate::dialect::write::to_html;
    use dom_query::Document;

    fn read_back(html: &str) -> Vec<Block> {
        let doc = Document::fragment(html);
        read::blocks(
            &doc.root(),
            HeadingLevels::Keep,
            None,
            &mut Findings::default(),
        )
    }

    #[test]
    fn the_text_length_of_blocks_is_the_text_length_of_their_html() {
        let html = "<h3>A heading</h3><p>Some <strong>bold</strong> text<br>and a line</p>\
                    <ul><li>one</li><li>two</li></ul><pre>let x = 1;\n  y</pre>\
                    <figure><img src=\"https://a.example/i.png\" alt=\"not counted\">\
                    <figcaption>A caption</figcaption></figure><hr><blockquote>Quote</blockquote>";
        let blocks = read_back(html);
        assert_eq!(text_len(&blocks), super::super::text_len(&to_html(&blocks)));
        assert_eq!(text_len(&blocks), super::super::text_len(html));
        assert_eq!(
            text_len(&read_back(
                "<figure><img src=\"https://a.example/i.png\" alt=\"x\"></figure>"
            )),
            0
        );
    }
}
