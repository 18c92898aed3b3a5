//! Bounding the page's nesting depth: a hostile or broken page can nest 100 000 elements, which
//! makes the HTML parser quadratic and would let deep walks overflow wasm's small stack. Excess
//! start/end tags are dropped before parsing; the parsed tree is then bounded once more.

use std::borrow::Cow;
use std::ops::Range;

use dom_query::{Document, NodeRef};

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements the parser closes implicitly when a sibling of the same kind opens.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp",
];

/// Start tags that close an open `<p>` (the parser's "close a p element in button scope").
const CLOSES_PARAGRAPH: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "table",
];

/// How far down the open-element stack an end tag may look for its start tag.
const END_TAG_SEARCH: usize = 16;

/// The page's HTML with nesting beyond the limit removed.
#[derive(Debug)]
pub struct Capped<'a> {
    pub html: Cow<'a, str>,
    /// Start and end tags dropped (their content is kept).
    pub dropped_tags: usize,
}

/// Drops the start and end tags of elements that would open deeper than `max_depth`, keeping
/// their content, so the parser never builds (or walks) a deeper tree. A linear scan that follows
/// the tokenizer closely enough to count nesting (comments, raw-text elements, quoted attributes,
/// void and implicitly closed elements); pages within the limit are returned unchanged.
pub fn cap_nesting(html: &str, max_depth: usize) -> Capped<'_> {
    let bytes = html.as_bytes();
    let mut drops: Vec<Range<usize>> = Vec::new();
    // Open elements: (lowercase name, whether its start tag was dropped).
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            at = memchr(b'>', rest).map_or(bytes.len(), |e| start + 1 + e + 1);
            continue;
        }
        let is_end = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(is_end);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        if is_end {
            close(&mut open, &name, start..end, &mut drops);
            at = end;
            continue;
        }
        at = end;
        if RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
            at = find_end_tag(bytes, end, &name).unwrap_or(bytes.len());
        }
        if matches!(name.as_str(), "html" | "head" | "body")
            || is_void_name(&name)
            || self_closing
            || RAW_TEXT_ELEMENTS.contains(&name.as_str())
        {
            continue;
        }
        let closes_top = |top: &str| {
            (SELF_CLOSING_SIBLINGS.contains(&top) && top == name)
                || (top == "p" && CLOSES_PARAGRAPH.contains(&name.as_str()))
        };
        if open.last().is_some_and(|(top, _)| closes_top(top)) {
            open.pop();
        }
        let dropped = open.len() >= max_depth;
        if dropped {
            drops.push(start..end);
        }
        open.push((name, dropped));
    }
    if drops.is_empty() {
        return Capped {
            html: Cow::Borrowed(html),
            dropped_tags: 0,
        };
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for range in &drops {
        out.push_str(&html[copied..range.start]);
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    Capped {
        html: Cow::Owned(out),
        dropped_tags: drops.len(),
    }
}

/// Pops the element an end tag closes (looking a few levels down, as misnested pages need);
/// an end tag whose start tag was dropped is dropped too.
fn close(
    open: &mut Vec<(String, bool)>,
    name: &str,
    tag: Range<usize>,
    drops: &mut Vec<Range<usize>>,
) {
    let Some(found) = open
        .iter()
        .rev()
        .take(END_TAG_SEARCH)
        .position(|(open_name, _)| open_name == name)
    else {
        return;
    };
    let index = open.len() - 1 - found;
    if open[index].1 {
        drops.push(tag);
    }
    open.truncate(index);
}

/// The index just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], mut at: usize) -> usize {
    // Jumps from quote to quote: attribute values (URLs, inline styles, data URIs) are most of
    // a tag's bytes, and a byte-at-a-time scan of them was most of this guard's time.
    while let Some(offset) = memchr::memchr3(b'"', b'\'', b'>', &bytes[at..]) {
        let found = at + offset;
        let quote = bytes[found];
        if quote == b'>' {
            return found + 1;
        }
        match memchr(quote, &bytes[found + 1..]) {
            Some(close) => at = found + 1 + close + 1,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

/// The start of `</name` (any case) at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = find(&bytes[at..], b"</") {
        let start = at + offset;
        let candidate = &bytes[start + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Elements kept even below the depth limit: they carry content but no children.
const VOID_ELEMENTS: &[&str] = &[
    "img", "br", "hr", "wbr", "source", "input", "area", "embed", "track", "col", "meta", "link",
];

/// What bounding did to the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounded {
    /// Elements left in the document.
    pub elements: usize,
    /// Elements unwrapped (their children moved up) because they were deeper than the limit.
    pub unwrapped: usize,
}

/// Unwraps every element deeper than `max_depth` (void elements excepted), keeping its children
/// in place, so no element is deeper than `max_depth + 1`. Iterative and linear in the page size.
pub fn bound_depth(doc: &Document, max_depth: usize) -> Bounded {
    let mut result = Bounded::default();
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        let child_depth = depth + 1;
        let mut next = node.first_child();
        while let Some(child) = next {
            if !child.is_element() {
                next = child.next_sibling();
                continue;
            }
            if child_depth > max_depth && !is_void(&child) {
                // Move the children up in place of the element, then look at them next.
                let after = child.next_sibling();
                let first = child.first_child();
                if let Some(first) = &first {
                    child.insert_siblings_before(first);
                }
                child.remove_from_parent();
                result.unwrapped += 1;
                next = first.or(after);
                continue;
            }
            result.elements += 1;
            stack.push((child, child_depth));
            next = child.next_sibling();
        }
    }
    result
}

fn is_void(node: &NodeRef) -> bool {
    node.qual_name_ref()
        .is_some_and(|name| is_void_name(&name.local))
}

fn is_void_name(name: &str) -> bool {
    VOID_ELEMENTS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_depth(doc: &Document) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(doc.root(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            for child in node.children_it(false).filter(NodeRef::is_element) {
                stack.push((child, depth + 1));
            }
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text_and_images() {
        let html = format!(
            "<html><body>{}<p>deep text</p><img src=a.png>{}</body></html>",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let doc = Document::from(html.as_str());
        let bounded = bound_depth(&doc, 64);
        assert!(bounded.unwrapped > 4_900);
        assert!(max_depth(&doc) <= 65);
        let body = doc.select("body");
        assert!(body.text().contains("deep text"));
        assert_eq!(doc.select("img[src='a.png']").length(), 1);
    }

    #[test]
    fn nesting_beyond_the_limit_loses_its_tags_not_its_text() {
        let html = format!(
            "<body>{}<p>deep <b>text</b></p>{}<p>after</p></body>",
            "<div class=x>".repeat(1_000),
            "</div>".repeat(1_000)
        );
        let capped = cap_nesting(&html, 100);
        assert_eq!(capped.dropped_tags, 2 * 900 + 2 * 2);
        let doc = Document::from(capped.html.as_ref());
        assert!(max_depth(&doc) <= 103, "depth {}", max_depth(&doc));
        assert_eq!(doc.select("body").text().to_string(), "deep textafter");
    }

    #[test]
    fn tags_in_comments_scripts_and_attributes_do_not_count() {
        let html = format!(
            "<body><!-- {} --><script>if (a<b) {{ '{}' }}</script><div title='<div><div>'>ok</div></body>",
            "<div>".repeat(50),
            "<div>".repeat(50)
        );
        let capped = cap_nesting(&html, 3);
        assert_eq!(capped.dropped_tags, 0);
        assert!(matches!(capped.html, Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_count_as_nesting() {
        let html = format!(
            "<body><ul>{}</ul>{}</body>",
            "<li>item".repeat(500),
            "<p>para".repeat(500)
        );
        assert_eq!(cap_nesting(&html, 10).dropped_tags, 0);
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<html><body><article><p>One <a href=x>two</a></p></article></body></html>";
        let doc = Document::from(html);
        let before = doc.html().to_string();
        let bounded = bound_depth(&doc, 64);
        assert_eq!(bounded.unwrapped, 0);
        assert_eq!(doc.html().to_string(), before);
        assert_eq!(bounded.elements, 6); // html, head, body, article, p, a
    }

    #[test]
    fn siblings_after_a_flattened_branch_keep_their_order() {
        let html = "<body><div><div><div><b>a</b><i>b</i></div></div><p>c</p></div></body>";
        let doc = Document::from(html);
        bound_depth(&doc, 4);
        assert_eq!(doc.select("body").text().to_string(), "abc");
    }
}
