//! Reading any HTML tree into dialect [`Block`]s in one iterative walk (no recursion: pages nest
//! 100 000 deep): which elements are blocks, which marks text carries, how tables, lists,
//! figures and code are reshaped, which links and images Medium can keep.

use std::collections::HashSet;

use dom_query::NodeRef;
use url::Url;

use super::blocks::{has_text, is_blank, Block, Inline, Marks};
use super::findings::Findings;
use super::images::{self, ImageVerdict};
use crate::urls;

/// How source heading levels map to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingLevels {
    /// Any page: h1/h2 → h3 (Medium's large heading), h3–h6 → h4 (the small one).
    Medium,
    /// Dialect HTML read back (e.g. for Markdown): h1–h4 kept, h5/h6 → h4.
    Keep,
}

/// Reads the blocks of an HTML tree (any tags) rooted at `root`.
pub(crate) fn blocks(
    root: &NodeRef,
    levels: HeadingLevels,
    base: Option<&Url>,
    findings: &mut Findings,
) -> Vec<Block> {
    let mut reader = Reader {
        levels,
        base,
        page: base.map(|b| {
            let mut page = b.clone();
            page.set_fragment(None);
            page
        }),
        findings,
        blocks: Vec::new(),
        line: Line::default(),
        ctx: Vec::new(),
        list: None,
        strong: 0,
        em: 0,
        code: 0,
        inline_pre: 0,
        links: Vec::new(),
        symbol_images: HashSet::new(),
    };
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave(Action),
    }
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => {
                if node.is_text() {
                    reader.text(&node.text());
                    continue;
                }
                let descend = if node.is_element() {
                    match reader.enter(&node) {
                        Some(actions) => {
                            stack.extend(actions.into_iter().rev().map(Step::Leave));
                            true
                        }
                        None => false,
                    }
                } else {
                    node.is_document() || node.is_fragment()
                };
                if descend {
                    let children = node.children();
                    stack.extend(children.into_iter().rev().map(Step::Enter));
                }
            }
            Step::Leave(action) => reader.leave(action),
        }
    }
    reader.finish()
}

/// What to undo when the walk leaves an element, in order.
#[derive(Debug)]
enum Action {
    Boundary,
    EndHeading,
    EndQuote,
    EndPre,
    EndInlinePre,
    EndList,
    EndItem,
    EndFigure,
    EndCaption,
    EndRow,
    EndTable,
    PopStrong,
    PopEm,
    PopCode,
    PopLink,
}

#[derive(Debug)]
enum Ctx {
    Heading(u8),
    Quote,
    Pre(String),
    /// A top-level list item collecting one line of inline content.
    Item,
    List {
        ordered: bool,
        nested: bool,
        count: usize,
    },
    Figure {
        image: Option<usize>,
        caption: Option<Vec<Inline>>,
    },
    Caption,
    Table {
        data: bool,
    },
    Row {
        cells: usize,
    },
}

/// Where the text being read ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Paragraph,
    Heading(u8),
    Quote,
    Pre,
    Item,
    Row,
    Caption,
}

impl LineKind {
    /// Kinds that collect a whole element into one block: inner blocks become line breaks.
    fn is_container(self) -> bool {
        matches!(self, LineKind::Item | LineKind::Row | LineKind::Caption)
    }
}

/// The block being filled: runs of text plus the whitespace state between them.
#[derive(Debug, Default)]
struct Line {
    runs: Vec<Inline>,
    pending_space: bool,
    /// Set right after a list prefix or a cell separator: a block starting there adds no break.
    suppress_break: bool,
}

impl Line {
    fn push_text(&mut self, text: &str, marks: &Marks, newlines_break: bool) {
        let mut rest = text;
        while let Some(ch) = rest.chars().next() {
            if ch == '\n' && newlines_break {
                self.push_break();
                rest = &rest[1..];
            } else if is_html_space(ch) {
                self.pending_space = true;
                rest = &rest[1..];
            } else {
                // A word at a time: after its first character the last run is text with these
                // marks, so the rest of the word joins it as is (appending character by
                // character compared the marks, link included, once per character).
                let word_len = rest.find(is_html_space).unwrap_or(rest.len());
                self.push_char(ch, marks);
                if let Some(Inline::Text(run, _)) = self.runs.last_mut() {
                    run.push_str(&rest[ch.len_utf8()..word_len]);
                }
                rest = &rest[word_len..];
            }
        }
    }

    fn push_char(&mut self, ch: char, marks: &Marks) {
        if std::mem::take(&mut self.pending_space) {
            if let Some(Inline::Text(last, last_marks)) = self.runs.last() {
                if !last.ends_with(' ') {
                    let shared = last_marks.common(marks);
                    self.append(' ', &shared);
                }
            }
        }
        self.suppress_break = false;
        self.append(ch, marks);
    }

    /// Text that must appear as is (list prefixes, cell separators), never merged with spaces.
    fn push_literal(&mut self, text: &str) {
        self.pending_space = false;
        let plain = Marks::default();
        let after_space = matches!(self.runs.last(), Some(Inline::Text(t, _)) if t.ends_with(' '));
        let text = if after_space { text.trim_start() } else { text };
        for ch in text.chars() {
            self.append(ch, &plain);
        }
        self.suppress_break = true;
    }

    fn append(&mut self, ch: char, marks: &Marks) {
        if let Some(Inline::Text(text, m)) = self.runs.last_mut() {
            if m == marks {
                text.push(ch);
                return;
            }
        }
        self.runs.push(Inline::Text(ch.to_string(), marks.clone()));
    }

    fn push_break(&mut self) {
        self.pending_space = false;
        if self.suppress_break
            || self.runs.is_empty()
            || matches!(self.runs.last(), Some(Inline::Break))
        {
            return;
        }
        self.runs.push(Inline::Break);
    }

    fn ends_with_break(&self) -> bool {
        matches!(self.runs.last(), Some(Inline::Break))
    }

    fn trim_breaks(&mut self) {
        while matches!(self.runs.last(), Some(Inline::Break)) {
            self.runs.pop();
        }
    }

    /// The finished runs, without blank lines or spaces at either end.
    fn take(&mut self) -> Vec<Inline> {
        self.pending_space = false;
        self.suppress_break = false;
        let mut runs = std::mem::take(&mut self.runs);
        // Trailing blank text (`<br>&nbsp;`, a last empty cell) and breaks.
        loop {
            match runs.last_mut() {
                Some(Inline::Break) => {
                    runs.pop();
                }
                Some(Inline::Text(text, _)) => {
                    let kept = text
                        .trim_end_matches(|c: char| is_html_space(c) || is_blank(c))
                        .len();
                    if kept == 0 {
                        runs.pop();
                    } else {
                        text.truncate(kept);
                        break;
                    }
                }
                None => break,
            }
        }
        // Leading blank text.
        while let Some(Inline::Text(text, _)) = runs.first_mut() {
            let trimmed = text.trim_start_matches(|c: char| is_html_space(c) || is_blank(c));
            if trimmed.is_empty() {
                runs.remove(0);
            } else {
                *text = trimmed.to_string();
                break;
            }
        }
        while matches!(runs.first(), Some(Inline::Break)) {
            runs.remove(0);
        }
        runs
    }
}

/// A heading holding `text` as plain text, exactly as the reader makes it of
/// `<hN>{escape_text(text)}</hN>` (whitespace collapsed and trimmed; the NULs the HTML parser
/// drops dropped), or nothing when the text is blank: the title and subtitle that open a story.
pub(crate) fn text_heading(level: u8, text: &str) -> Option<Block> {
    let mut line = Line::default();
    line.push_text(&text.replace('\0', ""), &Marks::default(), false);
    let runs = line.take();
    has_text(&runs).then_some(Block::Heading(level, runs))
}

/// ASCII whitespace as HTML collapses it (NBSP is not collapsible).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

struct PendingList {
    ordered: bool,
    items: Vec<Vec<Inline>>,
}

struct Reader<'u, 'f> {
    levels: HeadingLevels,
    base: Option<&'u Url>,
    /// The page address without fragment, to spot links that jump within the page.
    page: Option<Url>,
    findings: &'f mut Findings,
    blocks: Vec<Block>,
    line: Line,
    ctx: Vec<Ctx>,
    /// The top-level list being filled; written out when the list ends or a block interrupts it.
    list: Option<PendingList>,
    strong: usize,
    em: usize,
    code: usize,
    /// Inside a `pre` that sits in a table cell or caption: newlines become line breaks.
    inline_pre: usize,
    links: Vec<Option<String>>,
    /// Addresses of images used several times in one data table: symbols (ticks, status
    /// icons), written as their alt text rather than as figures cutting the rows.
    symbol_images: HashSet<String>,
}

/// Elements whose content never reaches Medium.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "head", "title", "meta", "link", "base", "input",
    "button", "select", "textarea", "option", "optgroup", "datalist", "svg", "canvas", "iframe",
    "frame", "frameset", "object", "embed", "video", "audio", "source", "track", "map", "area",
    "param", "dialog", "math", "rp", "col", "colgroup", "progress", "meter", "noembed", "noframes",
    "applet",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "center", "details", "summary", "div", "dl", "dd", "fieldset",
    "legend", "footer", "header", "hgroup", "main", "nav", "section", "p", "form", "search",
    "body", "html", "caption", "output", "thead", "tbody", "tfoot",
];

impl Reader<'_, '_> {
    fn marks(&self) -> Marks {
        Marks {
            link: self.links.last().cloned().flatten(),
            strong: self.strong > 0,
            em: self.em > 0,
            code: self.code > 0,
        }
    }

    fn line_kind(&self) -> LineKind {
        for ctx in self.ctx.iter().rev() {
            match ctx {
                Ctx::Heading(level) => return LineKind::Heading(*level),
                Ctx::Quote => return LineKind::Quote,
                Ctx::Pre(_) => return LineKind::Pre,
                Ctx::Item => return LineKind::Item,
                Ctx::Row { .. } => return LineKind::Row,
                Ctx::Caption => return LineKind::Caption,
                Ctx::List { .. } | Ctx::Figure { .. } | Ctx::Table { .. } => {}
            }
        }
        LineKind::Paragraph
    }

    fn enter(&mut self, node: &NodeRef) -> Option<Vec<Action>> {
        let name = node.node_name()?.to_ascii_lowercase();
        let name = name.as_str();
        if SKIPPED.contains(&name) {
            return None;
        }
        let kind = self.line_kind();
        if kind == LineKind::Pre {
            return Some(self.enter_in_pre(name));
        }
        let actions = match name {
            "br" => {
                self.line_break();
                return None;
            }
            "wbr" => return None,
            "hr" => {
                self.rule();
                return None;
            }
            "img" => {
                self.image(node);
                return None;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let source = name.as_bytes()[1] - b'0';
                self.heading(source, kind)
            }
            "blockquote" => {
                if kind == LineKind::Paragraph {
                    self.boundary();
                    self.ctx.push(Ctx::Quote);
                    vec![Action::EndQuote]
                } else {
                    self.boundary();
                    vec![Action::Boundary]
                }
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                if kind == LineKind::Row || kind == LineKind::Caption {
                    self.code += 1;
                    self.inline_pre += 1;
                    vec![Action::PopCode, Action::EndInlinePre]
                } else {
                    self.interrupt();
                    self.ctx.push(Ctx::Pre(String::new()));
                    vec![Action::EndPre]
                }
            }
            "ul" | "ol" | "menu" => {
                let ordered = name == "ol";
                if kind.is_container() {
                    self.ctx.push(Ctx::List {
                        ordered,
                        nested: true,
                        count: 0,
                    });
                } else {
                    self.boundary();
                    self.close_list();
                    self.ctx.push(Ctx::List {
                        ordered,
                        nested: false,
                        count: 0,
                    });
                }
                vec![Action::EndList]
            }
            "li" => self.item(kind),
            "dt" => {
                self.boundary();
                self.strong += 1;
                vec![Action::PopStrong, Action::Boundary]
            }
            "figure" => {
                self.boundary();
                if kind.is_container() {
                    vec![Action::Boundary]
                } else {
                    self.ctx.push(Ctx::Figure {
                        image: None,
                        caption: None,
                    });
                    vec![Action::EndFigure]
                }
            }
            "figcaption" => {
                let in_figure = matches!(self.ctx.last(), Some(Ctx::Figure { .. }));
                self.boundary();
                if in_figure && !kind.is_container() {
                    self.ctx.push(Ctx::Caption);
                    vec![Action::EndCaption]
                } else {
                    vec![Action::Boundary]
                }
            }
            "table" => {
                self.boundary();
                if kind.is_container() {
                    vec![Action::Boundary]
                } else {
                    let data = is_data_table(node);
                    if data {
                        self.findings.tables += 1;
                        self.symbol_images.extend(repeated_images(node));
                    }
                    self.ctx.push(Ctx::Table { data });
                    vec![Action::EndTable]
                }
            }
            "tr" => {
                let data_table = matches!(self.ctx.last(), Some(Ctx::Table { data: true }));
                self.boundary();
                if data_table && !kind.is_container() {
                    self.ctx.push(Ctx::Row { cells: 0 });
                    vec![Action::EndRow]
                } else {
                    vec![Action::Boundary]
                }
            }
            "td" | "th" => {
                if let Some(Ctx::Row { cells }) = self.ctx.last_mut() {
                    *cells += 1;
                    if *cells > 1 {
                        self.line.trim_breaks();
                        self.line.push_literal(" | ");
                    } else {
                        self.line.suppress_break = true;
                    }
                    if name == "th" {
                        self.strong += 1;
                        vec![Action::PopStrong]
                    } else {
                        vec![]
                    }
                } else {
                    self.boundary();
                    vec![Action::Boundary]
                }
            }
            "strong" | "b" => {
                self.strong += 1;
                vec![Action::PopStrong]
            }
            "em" | "i" | "cite" | "dfn" | "var" => {
                self.em += 1;
                vec![Action::PopEm]
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.code += 1;
                vec![Action::PopCode]
            }
            "a" => match node.attr("href") {
                Some(href) => {
                    let target = self.link_target(&href);
                    self.links.push(target);
                    vec![Action::PopLink]
                }
                None => vec![],
            },
            _ if BLOCKS.contains(&name) => {
                self.boundary();
                vec![Action::Boundary]
            }
            _ => vec![],
        };
        Some(actions)
    }

    /// Inside a code block only text and line structure matter.
    fn enter_in_pre(&mut self, name: &str) -> Vec<Action> {
        match name {
            "br" => {
                self.pre_text("\n");
                vec![]
            }
            "div" | "p" | "li" | "tr" | "section" | "article" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "blockquote" | "pre" | "table" | "ul" | "ol" | "dd" | "dt" => {
                self.pre_newline();
                vec![Action::Boundary]
            }
            _ => vec![],
        }
    }

    fn leave(&mut self, action: Action) {
        match action {
            Action::Boundary => self.boundary(),
            Action::EndHeading => {
                self.flush_line();
                self.pop_ctx(|c| matches!(c, Ctx::Heading(_)));
            }
            Action::EndQuote => {
                self.flush_line();
                self.pop_ctx(|c| matches!(c, Ctx::Quote));
            }
            Action::EndPre => {
                if let Some(Ctx::Pre(text)) = self.pop_ctx(|c| matches!(c, Ctx::Pre(_))) {
                    let code = tidy_code(&text);
                    if !code.trim().is_empty() {
                        self.emit(Block::Code(code));
                    }
                }
            }
            Action::EndInlinePre => self.inline_pre = self.inline_pre.saturating_sub(1),
            Action::EndList => {
                if let Some(Ctx::List { nested, .. }) =
                    self.pop_ctx(|c| matches!(c, Ctx::List { .. }))
                {
                    if !nested {
                        self.flush_line();
                        self.close_list();
                    }
                }
            }
            Action::EndItem => {
                self.finish_item();
                self.pop_ctx(|c| matches!(c, Ctx::Item));
            }
            Action::EndFigure => {
                if let Some(Ctx::Figure {
                    caption: Some(caption),
                    ..
                }) = self.pop_ctx(|c| matches!(c, Ctx::Figure { .. }))
                {
                    self.emit(Block::Paragraph(caption));
                }
                self.boundary();
            }
            Action::EndCaption => {
                let caption = self.line.take();
                self.pop_ctx(|c| matches!(c, Ctx::Caption));
                self.attach_caption(caption);
            }
            Action::EndRow => {
                let row = self.line.take();
                self.pop_ctx(|c| matches!(c, Ctx::Row { .. }));
                let only_separators = row.iter().all(|run| match run {
                    Inline::Text(text, _) => text.chars().all(|c| c == '|' || is_blank(c)),
                    Inline::Break => true,
                });
                if !only_separators {
                    self.emit(Block::Paragraph(row));
                }
            }
            Action::EndTable => {
                self.boundary();
                self.pop_ctx(|c| matches!(c, Ctx::Table { .. }));
            }
            Action::PopStrong => self.strong = self.strong.saturating_sub(1),
            Action::PopEm => self.em = self.em.saturating_sub(1),
            Action::PopCode => self.code = self.code.saturating_sub(1),
            Action::PopLink => {
                self.links.pop();
            }
        }
    }

    /// Pops the innermost context if it matches (contexts are strictly nested, so it does).
    fn pop_ctx(&mut self, matches: impl Fn(&Ctx) -> bool) -> Option<Ctx> {
        let pos = self.ctx.iter().rposition(matches)?;
        Some(self.ctx.remove(pos))
    }

    fn text(&mut self, text: &str) {
        if self.line_kind() == LineKind::Pre {
            self.pre_text(text);
            return;
        }
        let marks = self.marks();
        self.line.push_text(text, &marks, self.inline_pre > 0);
    }

    fn pre_buffer(&mut self) -> Option<&mut String> {
        self.ctx.iter_mut().rev().find_map(|c| match c {
            Ctx::Pre(text) => Some(text),
            _ => None,
        })
    }

    fn pre_text(&mut self, text: &str) {
        if let Some(buf) = self.pre_buffer() {
            buf.push_str(text);
        }
    }

    fn pre_newline(&mut self) {
        if let Some(buf) = self.pre_buffer() {
            if !buf.is_empty() && !buf.ends_with('\n') {
                buf.push('\n');
            }
        }
    }

    /// A block element starts or ends here.
    fn boundary(&mut self) {
        match self.line_kind() {
            LineKind::Pre => self.pre_newline(),
            kind if kind.is_container() => self.line.push_break(),
            _ => self.flush_line(),
        }
    }

    /// A block Medium cannot hold inside the current one (code, image) comes next: close what
    /// is open so it can stand on its own.
    fn interrupt(&mut self) {
        match self.line_kind() {
            LineKind::Item => {
                let partial = self.line.take();
                if has_text(&partial) {
                    self.list_item(partial);
                }
                if self.list.is_some() {
                    self.findings.list_splits += 1;
                }
                self.close_list();
            }
            LineKind::Row => {
                let partial = self.line.take();
                if has_text(&partial) {
                    self.emit(Block::Paragraph(partial));
                }
            }
            _ => self.flush_line(),
        }
    }

    fn line_break(&mut self) {
        match self.line_kind() {
            LineKind::Pre => self.pre_text("\n"),
            LineKind::Heading(_) => self.line.pending_space = true,
            LineKind::Paragraph | LineKind::Quote => {
                // Two breaks in a row are how old posts separate paragraphs.
                if self.line.ends_with_break() {
                    self.flush_line();
                } else {
                    self.line.push_break();
                }
            }
            _ => self.line.push_break(),
        }
    }

    fn rule(&mut self) {
        let kind = self.line_kind();
        if kind.is_container() {
            self.line.push_break();
        } else if kind == LineKind::Paragraph || kind == LineKind::Quote {
            self.flush_line();
            self.emit(Block::Rule);
        }
    }

    fn heading(&mut self, source: u8, kind: LineKind) -> Vec<Action> {
        let level = match self.levels {
            HeadingLevels::Medium => {
                self.findings.heading_levels.insert(source);
                if source <= 2 {
                    3
                } else {
                    4
                }
            }
            HeadingLevels::Keep => source.min(4),
        };
        self.boundary();
        if kind == LineKind::Paragraph {
            self.ctx.push(Ctx::Heading(level));
            vec![Action::EndHeading]
        } else {
            // A heading inside a quote, list item or cell: keep it as bold text there.
            self.strong += 1;
            vec![Action::PopStrong, Action::Boundary]
        }
    }

    fn item(&mut self, kind: LineKind) -> Vec<Action> {
        if kind.is_container() {
            // An item of a list nested in an item (or in a cell): a prefixed line of its parent.
            let mut depth = 0usize;
            let mut marker = String::from("◦ ");
            for ctx in self.ctx.iter_mut().rev() {
                match ctx {
                    Ctx::List { ordered, count, .. } => {
                        depth += 1;
                        if depth == 1 {
                            *count += 1;
                            marker = if *ordered {
                                format!("{count}. ")
                            } else {
                                "◦ ".to_string()
                            };
                        }
                    }
                    Ctx::Item | Ctx::Row { .. } | Ctx::Caption => break,
                    _ => {}
                }
            }
            if kind == LineKind::Item {
                self.findings.nested_list_items += 1;
            }
            let indent = "\u{a0}\u{a0}".repeat(depth.saturating_sub(1).min(3));
            self.line.push_break();
            self.line.push_literal(&format!("{indent}{marker}"));
            return vec![Action::Boundary];
        }
        let in_list = matches!(self.ctx.last(), Some(Ctx::List { .. }));
        self.boundary();
        if in_list {
            self.ctx.push(Ctx::Item);
            vec![Action::EndItem]
        } else {
            // A stray `li` outside any list: a paragraph of its own.
            vec![Action::Boundary]
        }
    }

    fn finish_item(&mut self) {
        let item = self.line.take();
        if has_text(&item) {
            self.list_item(item);
        }
    }

    fn list_item(&mut self, item: Vec<Inline>) {
        let ordered = self
            .ctx
            .iter()
            .rev()
            .find_map(|c| match c {
                Ctx::List { ordered, .. } => Some(*ordered),
                _ => None,
            })
            .unwrap_or(false);
        match &mut self.list {
            Some(list) if list.ordered == ordered => list.items.push(item),
            _ => {
                self.close_list();
                self.list = Some(PendingList {
                    ordered,
                    items: vec![item],
                });
            }
        }
    }

    fn close_list(&mut self) {
        if let Some(list) = self.list.take() {
            if !list.items.is_empty() {
                self.blocks.push(Block::List {
                    ordered: list.ordered,
                    items: list.items,
                });
            }
        }
    }

    fn flush_line(&mut self) {
        let kind = self.line_kind();
        if kind.is_container() || kind == LineKind::Pre {
            return;
        }
        let mut runs = self.line.take();
        if !has_text(&runs) {
            return;
        }
        let block = match kind {
            LineKind::Heading(level) => {
                for run in runs.iter_mut() {
                    if *run == Inline::Break {
                        *run = Inline::Text(" ".to_string(), Marks::default());
                    }
                }
                Block::Heading(level, runs)
            }
            LineKind::Quote => Block::Quote(runs),
            _ => Block::Paragraph(runs),
        };
        self.emit(block);
    }

    fn emit(&mut self, block: Block) {
        self.close_list();
        if block == Block::Rule && matches!(self.blocks.last(), Some(Block::Rule) | None) {
            return;
        }
        self.blocks.push(block);
    }

    fn image(&mut self, node: &NodeRef) {
        let kind = self.line_kind();
        match images::judge(node, self.base) {
            ImageVerdict::Figure { src, alt } => {
                let symbol = node
                    .attr("src")
                    .is_some_and(|raw| self.symbol_images.contains(raw.as_ref()));
                if kind == LineKind::Row && symbol {
                    let marks = self.marks();
                    self.line.push_text(&alt, &marks, false);
                    return;
                }
                if kind == LineKind::Caption {
                    let marks = self.marks();
                    self.line.push_text(&alt, &marks, false);
                    return;
                }
                self.interrupt();
                let duplicate = matches!(
                    self.blocks.last(),
                    Some(Block::Figure { src: last, .. }) if *last == src
                );
                if !duplicate {
                    self.emit(Block::Figure {
                        src,
                        alt,
                        caption: Vec::new(),
                    });
                }
                let index = self.blocks.len() - 1;
                if let Some(Ctx::Figure { image, caption }) = self
                    .ctx
                    .iter_mut()
                    .rev()
                    .find(|c| matches!(c, Ctx::Figure { .. }))
                {
                    *image = Some(index);
                    if let Some(caption) = caption.take() {
                        if let Some(Block::Figure { caption: slot, .. }) =
                            self.blocks.get_mut(index)
                        {
                            *slot = caption;
                        }
                    }
                }
            }
            ImageVerdict::Inline { text, code } => {
                if code {
                    self.findings.math += 1;
                }
                let mut marks = self.marks();
                marks.code |= code;
                if kind == LineKind::Pre {
                    self.pre_text(&text);
                } else {
                    self.line.push_text(&text, &marks, false);
                }
            }
            ImageVerdict::Decorative => {}
            ImageVerdict::DataUri => self.findings.images_data_uri += 1,
            ImageVerdict::Tracking => self.findings.images_tracking += 1,
            ImageVerdict::NoAddress => self.findings.images_no_address += 1,
        }
    }

    fn attach_caption(&mut self, caption: Vec<Inline>) {
        if !has_text(&caption) {
            return;
        }
        let figure = self
            .ctx
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Ctx::Figure { .. }));
        match figure {
            Some(Ctx::Figure {
                image: Some(index), ..
            }) => {
                let index = *index;
                if let Some(Block::Figure { caption: slot, .. }) = self.blocks.get_mut(index) {
                    if has_text(slot) {
                        slot.push(Inline::Break);
                    }
                    slot.extend(caption);
                }
            }
            Some(Ctx::Figure { caption: slot, .. }) => *slot = Some(caption),
            _ => self.emit(Block::Paragraph(caption)),
        }
    }

    /// Where a link may point in Medium: an absolute http(s) URL, or nowhere (kept as text).
    fn link_target(&mut self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        if href.starts_with('#') {
            self.findings.links_same_page += 1;
            return None;
        }
        match urls::resolve(self.base, href).filter(is_web_host) {
            Some(url) => {
                if url.fragment().is_some() {
                    let mut bare = url.clone();
                    bare.set_fragment(None);
                    if self.page.as_ref() == Some(&bare) {
                        self.findings.links_same_page += 1;
                        return None;
                    }
                }
                Some(url.to_string())
            }
            None => {
                let has_scheme = href.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
                if has_scheme || self.base.is_some() {
                    self.findings.links_scheme += 1;
                } else {
                    self.findings.links_relative += 1;
                }
                None
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_line();
        let rest = self.line.take();
        if has_text(&rest) {
            self.blocks.push(Block::Paragraph(rest));
        }
        self.close_list();
        while matches!(self.blocks.last(), Some(Block::Rule)) {
            self.blocks.pop();
        }
        self.blocks
    }
}

/// A host readers can reach: a domain with a dot, an IP address or `localhost`-free; Word
/// exports link to made-up hosts like `//6CB562CC-4A65…`.
fn is_web_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.contains('.'),
        Some(_) => true,
        None => false,
    }
}

/// A code block's text: NBSP indentation made real spaces, blank lines at both ends dropped.
fn tidy_code(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace('\u{a0}', " ");
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last]
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// The `src` of images that appear more than once in a table.
fn repeated_images(table: &NodeRef) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for img in table.find(&["img"]) {
        if let Some(src) = img.attr("src") {
            *counts.entry(src.to_string()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(src, _)| src)
        .collect()
}

/// A table holding data (rows of cells) rather than page layout (columns of blocks).
fn is_data_table(table: &NodeRef) -> bool {
    if table
        .attr("role")
        .is_some_and(|r| r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none"))
    {
        return false;
    }
    // Walk this table only (not nested ones), iteratively.
    let mut rows = 0usize;
    let mut max_cells = 0usize;
    let mut stack: Vec<NodeRef> = table.children();
    let mut cells_in_row: Vec<NodeRef> = Vec::new();
    while let Some(node) = stack.pop() {
        let Some(name) = node.node_name() else {
            continue;
        };
        match name.as_ref() {
            "table" => return false,
            "tr" => {
                rows += 1;
                let cells: Vec<NodeRef> = node
                    .element_children()
                    .into_iter()
                    .filter(|c| c.has_name("td") || c.has_name("th"))
                    .collect();
                max_cells = max_cells.max(cells.len());
                for cell in &cells {
                    stack.extend(cell.children());
                }
                cells_in_row.extend(cells);
            }
            "thead" | "tbody" | "tfoot" => stack.extend(node.element_children()),
            "pre" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
            | "figure" => return false,
            _ => {
                if node.is_element() {
                    stack.extend(node.element_children());
                }
            }
        }
        if rows > 5000 {
            break;
        }
    }
    if max_cells < 2 || rows == 0 {
        return false;
    }
    // One row of long cells is a page in columns, not data.
    let long_cells = cells_in_row
        .iter()
        .filter(|c| c.text().split_whitespace().count() > 80)
        .count();
    long_cells == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::write::escape_text;
    use dom_query::Document;

    fn read_back(html: &str) -> Vec<Block> {
        let doc = Document::fragment(html);
        blocks(
            &doc.root(),
            HeadingLevels::Keep,
            None,
            &mut Findings::default(),
        )
    }

    #[test]
    fn a_text_heading_is_what_reading_its_html_back_gives() {
        for text in [
            "Plain title",
            "  Spaced \t out\n\ttitle  ",
            "Fish & chips <for> two",
            "Non\u{a0}breaking\u{a0}",
            "\u{200b}Zero width at the ends\u{feff}",
            "Carriage\r\nreturns\rhere",
            "NUL\u{0}inside",
            "Form\u{c}feed and vertical\u{b}tab",
            "\"Quoted\" 'title'",
            "",
            "   ",
            "\u{200b}",
            "\u{0}",
        ] {
            for level in [1, 2] {
                let html = format!("<h{level}>{}</h{level}>", escape_text(text));
                assert_eq!(
                    text_heading(level, text).into_iter().collect::<Vec<_>>(),
                    read_back(&html),
                    "{text:?}"
                );
            }
        }
    }
}
