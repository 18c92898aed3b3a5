//! Footnotes, which Medium lacks: each reference becomes a plain `[n]` in the text and the notes
//! are taken out of the body, in reference order, for a "Notes" list at the end of the story.
//! Handles linked notes (Markdown renderers, WordPress, Wikipedia, Word, Google Docs…), inline
//! notes (sidenotes, margin notes, hidden note spans) and bare superscript numbers.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};
use url::Url;

use super::findings::Findings;
use super::is_attached;

/// Headings that announce a footnotes section.
const NOTES_HEADINGS: &[&str] = &[
    "notes",
    "note",
    "footnotes",
    "footnote",
    "endnotes",
    "sidenotes",
    "references",
    "notes and references",
    "notes & references",
];

/// Elements a note's text lives in.
const NOTE_BLOCKS: &[&str] = &[
    "li",
    "p",
    "div",
    "aside",
    "dd",
    "section",
    "footer",
    "td",
    "blockquote",
];

/// A footnote taken out of the text: its label (`1`, `*`) and its content as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub label: String,
    pub html: String,
}

/// A footnote found in the article, before anything is changed.
struct Found<'a> {
    /// Document position of its first reference: notes are listed in reading order.
    position: usize,
    /// The label the author gave it, when usable.
    label: Option<String>,
    /// Elements replaced by the `[label]` marker.
    markers: Vec<NodeRef<'a>>,
    /// Elements removed besides (toggle inputs and labels of sidenotes).
    extra: Vec<NodeRef<'a>>,
    /// The element holding the note's text.
    body: NodeRef<'a>,
    /// The note sits in the text (a sidenote), not in a list of notes.
    inline: bool,
}

/// Takes footnotes out of the article and returns them in reading order. References become
/// `[label]` with the author's labels when they are all distinct, else `[1]`, `[2]`…
pub(crate) fn move_to_notes(
    doc: &Document,
    base: Option<&Url>,
    findings: &mut Findings,
) -> Vec<Note> {
    let positions: HashMap<NodeId, usize> = doc
        .root()
        .descendants_it()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let mut found = inline_notes(doc, &positions);
    found.extend(linked_notes(doc, base, &positions));
    found.sort_by_key(|f| f.position);
    let labels: Vec<&String> = found.iter().filter_map(|f| f.label.as_ref()).collect();
    let distinct: HashSet<&String> = labels.iter().copied().collect();
    let keep_labels = labels.len() == found.len() && distinct.len() == labels.len();
    let mut notes = Vec::new();
    let mut emptied = Vec::new();
    for (index, note) in found.iter().enumerate() {
        if !is_attached(&note.body) {
            continue;
        }
        if note.inline {
            remove_leading_label(&note.body);
        } else {
            clean_note(&note.body);
        }
        if note.body.text().trim().is_empty() {
            continue;
        }
        let label = match (&note.label, keep_labels) {
            (Some(label), true) => label.clone(),
            _ => (index + 1).to_string(),
        };
        notes.push(Note {
            label: label.clone(),
            html: note.body.inner_html().to_string(),
        });
        let marker = super::write::escape_text(&format!("[{label}]"));
        for element in &note.markers {
            element.replace_with_html(marker.clone());
        }
        for element in &note.extra {
            element.remove_from_parent();
        }
        if !note.inline {
            if let Some(parent) = note.body.parent() {
                emptied.push(parent);
            }
            note.body.remove_from_parent();
        }
    }
    for parent in emptied {
        remove_empty_container(parent);
    }
    if !notes.is_empty() {
        remove_orphan_notes_headings(doc);
    }
    findings.footnotes += notes.len();
    bare_superscripts(doc);
    notes
}

/// A "Footnotes" or "References" heading left with nothing under it once its notes moved.
fn remove_orphan_notes_headings(doc: &Document) {
    for heading in doc.select("h1, h2, h3, h4, h5, h6").nodes().to_vec() {
        let text = heading.text().trim().trim_end_matches(':').to_lowercase();
        if !NOTES_HEADINGS.contains(&text.as_str()) {
            continue;
        }
        let mut next = heading.next_element_sibling();
        while next.as_ref().is_some_and(|n| {
            n.has_name("hr") || n.text().trim().is_empty() && n.find(&["img"]).is_empty()
        }) {
            next = next.and_then(|n| n.next_element_sibling());
        }
        let orphan = next.is_none_or(|n| {
            ["h1", "h2", "h3", "h4", "h5", "h6"]
                .iter()
                .any(|h| n.has_name(h))
        });
        if orphan {
            heading.remove_from_parent();
        }
    }
}

/// A reference's text as a label: `[12]` → `12`; `None` when it is not a short label.
fn label_of(text: &str) -> Option<String> {
    let inner = text
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')', '.'])
        .trim();
    label_like(inner).then(|| inner.to_string())
}

/// Notes written inside the text (sidenotes, margin notes, hidden note spans).
fn inline_notes<'a>(doc: &'a Document, positions: &HashMap<NodeId, usize>) -> Vec<Found<'a>> {
    let selector =
        "span.sidenote, span.marginnote, small.sidenote, .inline-footnote .footnoteContent, \
                    span.footnote-content, span.fn-content";
    let mut found = Vec::new();
    for note in doc.select(selector).nodes().to_vec() {
        if note.text().trim().is_empty() {
            continue;
        }
        // A sidenote shown next to a linked reference repeats a note listed elsewhere: the
        // linked note is kept, this copy goes.
        let mut previous = note.prev_sibling();
        while previous
            .as_ref()
            .is_some_and(|p| p.is_text() && p.text().trim().is_empty())
        {
            previous = previous.and_then(|p| p.prev_sibling());
        }
        if previous.is_some_and(|p| {
            (p.has_name("sup") || p.has_name("a"))
                && (p.has_name("a") || !p.find(&["a"]).is_empty())
        }) {
            note.remove_from_parent();
            continue;
        }
        let position = positions.get(&note.id).copied().unwrap_or(usize::MAX);
        // The reference: a wrapper holding the number, or a toggle label before the note.
        let wrapper = note.parent().filter(|p| {
            p.has_class("inline-footnote")
                || (p.has_name("span") && label_like(&text_without(p, &note)))
        });
        if let Some(wrapper) = wrapper {
            found.push(Found {
                position,
                label: label_of(&text_without(&wrapper, &note)),
                markers: vec![wrapper],
                extra: Vec::new(),
                body: note,
                inline: true,
            });
            continue;
        }
        let mut label = None;
        let mut markers = Vec::new();
        let mut extra = Vec::new();
        let mut previous = note.prev_sibling();
        while let Some(node) = previous {
            previous = node.prev_sibling();
            if node.has_name("input") || (node.is_text() && node.text().trim().is_empty()) {
                extra.push(node);
            } else if node.has_name("label") && markers.is_empty() {
                label = label_of(&node.text());
                markers.push(node);
            } else {
                break;
            }
        }
        if markers.is_empty() {
            markers.push(note);
        } else {
            extra.push(note);
        }
        found.push(Found {
            position,
            label,
            markers,
            extra,
            body: note,
            inline: true,
        });
    }
    found
}

/// Notes reached by a same-page link from a short label (`1`, `[2]`, `*`) in the text.
fn linked_notes<'a>(
    doc: &'a Document,
    base: Option<&Url>,
    positions: &HashMap<NodeId, usize>,
) -> Vec<Found<'a>> {
    let targets = id_map(doc);
    let page = base.map(|b| {
        let mut p = b.clone();
        p.set_fragment(None);
        p
    });
    let mut found: Vec<Found<'a>> = Vec::new();
    let mut by_block: HashMap<NodeId, usize> = HashMap::new();
    let links = doc
        .select("a[href], [data-definition], [data-footnote-id]")
        .nodes()
        .to_vec();
    let total_text = doc
        .root()
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let mut sizes: HashMap<NodeId, usize> = HashMap::new();
    // Links taken as references so far: a link pointing back at one of them is a back-link.
    let mut accepted: HashSet<NodeId> = HashSet::new();
    let contains_reference = |node: &NodeRef, accepted: &HashSet<NodeId>| {
        accepted.contains(&node.id) || node.find(&["a"]).iter().any(|a| accepted.contains(&a.id))
    };
    for link in &links {
        let Some(fragment) = same_page_fragment(link, page.as_ref()) else {
            continue;
        };
        let Some(target) = targets.get(&fragment) else {
            continue;
        };
        if !is_reference(link) {
            continue;
        }
        let Some(block) = note_block(target) else {
            continue;
        };
        // Size first (cached): it bounds the cost of the subtree checks below.
        let size = *sizes
            .entry(block.id)
            .or_insert_with(|| block.text().chars().filter(|c| !c.is_whitespace()).count());
        if size == 0 || size > 5000 || size * 2 > total_text {
            continue;
        }
        if contains_reference(target, &accepted) || contains_reference(&block, &accepted) {
            continue;
        }
        // The link must not sit inside its own note (that is a back-link).
        if block.id == link.id || link.ancestors_it(None).any(|a| a.id == block.id) {
            continue;
        }
        accepted.insert(link.id);
        let marker = reference_element(link);
        match by_block.get(&block.id) {
            Some(&index) => found[index].markers.push(marker),
            None => {
                by_block.insert(block.id, found.len());
                found.push(Found {
                    position: positions.get(&link.id).copied().unwrap_or(usize::MAX),
                    label: label_of(&link.text()),
                    markers: vec![marker],
                    extra: Vec::new(),
                    body: block,
                    inline: false,
                });
            }
        }
    }
    // A note block inside another note block (a label inside its item) counts once.
    let ids: HashSet<NodeId> = found.iter().map(|f| f.body.id).collect();
    found.retain(|f| {
        !f.body
            .ancestors_it(None)
            .any(|a| a.id != f.body.id && ids.contains(&a.id))
    });
    found
}

/// Every element id (and `a[name]`) of the article.
fn id_map(doc: &Document) -> HashMap<String, NodeRef<'_>> {
    let mut map = HashMap::new();
    for node in doc.select("[id], a[name]").nodes().to_vec() {
        for key in [node.attr("id"), node.attr("name")].into_iter().flatten() {
            map.entry(key.to_string()).or_insert_with(|| node);
        }
    }
    map
}

/// The fragment a link jumps to when it stays on this page (or the id a footnote plugin's
/// `data-definition` names).
fn same_page_fragment(link: &NodeRef, page: Option<&Url>) -> Option<String> {
    if let Some(id) = link
        .attr("data-definition")
        .or_else(|| link.attr("data-footnote-id"))
    {
        return Some(id.trim().to_string()).filter(|id| !id.is_empty());
    }
    let href = link.attr("href")?;
    let href = href.trim();
    let fragment = if let Some(f) = href.strip_prefix('#') {
        f.to_string()
    } else {
        let (before, f) = href.split_once('#')?;
        let same = before.is_empty()
            || page.is_some_and(|p| {
                p.join(before).ok().is_some_and(|mut u| {
                    u.set_fragment(None);
                    &u == p
                })
            })
            // Word exports point notes at a made-up host (`//GUID#_ftnref1`).
            || before.starts_with("//") && !before[2..].contains('.');
        if !same {
            return None;
        }
        f.to_string()
    };
    if fragment.is_empty() {
        return None;
    }
    Some(percent_decode(&fragment))
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

/// Whether a same-page link is a footnote reference: a short label, usually in `sup`.
fn is_reference(link: &NodeRef) -> bool {
    let text = link.text();
    let text = text.trim();
    let hint = |n: &NodeRef| {
        let attrs = format!(
            "{} {} {} {}",
            n.attr("class").unwrap_or_default(),
            n.attr("id").unwrap_or_default(),
            n.attr("role").unwrap_or_default(),
            n.attr("href").unwrap_or_default()
        )
        .to_ascii_lowercase();
        [
            "footnote", "fnref", "fn-", "fn:", "fn.", "noteref", "ftn", "note", "cite", "ref",
        ]
        .iter()
        .any(|h| attrs.contains(h))
    };
    let in_sup =
        link.ancestors_it(Some(3)).any(|a| a.has_name("sup")) || !link.find(&["sup"]).is_empty();
    label_like(text)
        && (in_sup
            || hint(link)
            || link.ancestors_it(Some(2)).any(|a| hint(&a))
            || text.starts_with('['))
}

/// A footnote label: `1`, `[12]`, `(3)`, `a`, `*`, `†`.
fn label_like(text: &str) -> bool {
    let inner = text
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')', '.']);
    if inner.is_empty() || inner.chars().count() > 3 {
        return false;
    }
    inner.chars().all(|c| c.is_ascii_digit())
        || (inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
        || inner.chars().all(|c| matches!(c, '*' | '†' | '‡' | '§'))
}

/// The block holding a note's text, from the element a reference points at.
fn note_block<'a>(target: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    std::iter::once(*target)
        .chain(target.ancestors_it(Some(6)))
        .find(|n| NOTE_BLOCKS.iter().any(|b| n.has_name(b)))
        .filter(|n| !(n.has_name("section") || n.has_name("footer")) || n.find(&["p"]).len() <= 3)
}

/// The element to replace by `[n]`: the link, or its `sup`/`span` wrapper when that holds only it.
fn reference_element<'a>(link: &NodeRef<'a>) -> NodeRef<'a> {
    let mut target = *link;
    for _ in 0..3 {
        let Some(parent) = target.parent() else { break };
        let wraps_only =
            (parent.has_name("sup") || parent.has_name("span") || parent.has_name("strong"))
                && parent.text().trim() == target.text().trim();
        if wraps_only {
            target = parent;
        } else {
            break;
        }
    }
    target
}

/// Removes back-links and the leading number from a note block.
fn clean_note(block: &NodeRef) {
    for node in block.descendants() {
        if !node.is_element() || !is_attached(&node) {
            continue;
        }
        let class = node.attr("class").unwrap_or_default().to_ascii_lowercase();
        let role = node.attr("role").unwrap_or_default();
        let text = node.text();
        let text = text.trim();
        let back_text = text.is_empty() || text.starts_with(['↩', '^', '↑', '⤴', '⮌']);
        let backref = class.contains("backref")
            || class.contains("backlink")
            || class.contains("reversefootnote")
            || class.contains("footnote-return")
            || class.contains("mw-cite-backlink")
            || class.contains("to-top")
            || role.as_ref() == "doc-backlink"
            || (node.has_name("a")
                && node.attr("href").is_some_and(|h| h.contains('#'))
                && back_text);
        if backref {
            node.remove_from_parent();
        }
    }
    remove_leading_label(block);
    // The space that separated the removed back-link.
    if let Some(last) = block
        .descendants()
        .into_iter()
        .rev()
        .find(|n| n.is_text() && !n.text().trim().is_empty())
    {
        let text = last.text();
        let trimmed = text.trim_end_matches(|c: char| c.is_whitespace());
        if trimmed.len() != text.len() {
            last.set_text(trimmed.to_string());
        }
    }
}

/// Drops a number label at the very start of a note (`<sup>1</sup>`, `<a>[1]</a>`, `1.`).
fn remove_leading_label(block: &NodeRef) {
    let mut node = block.first_child();
    for _ in 0..6 {
        let Some(current) = node else { return };
        if current.is_text() {
            let text = current.text();
            if text.trim().is_empty() {
                node = current.next_sibling();
                continue;
            }
            // A "1." or "[1]" before the text (a bare number may be the text itself: "2018").
            let trimmed = text.trim_start();
            let word: String = trimmed.chars().take_while(|c| !c.is_whitespace()).collect();
            let marked = word.starts_with(['[', '(']) || word.ends_with(['.', ')', ']']);
            if marked && label_like(&word) && trimmed.len() > word.len() {
                current.set_text(trimmed[word.len()..].trim_start().to_string());
            }
            return;
        }
        if !current.is_element() {
            node = current.next_sibling();
            continue;
        }
        let text = current.text();
        if label_like(text.trim()) && current.find(&["p"]).is_empty() {
            current.remove_from_parent();
            return;
        }
        if text.trim().is_empty() && !current.has_name("img") {
            let next = current.next_sibling();
            if current.find(&["img"]).is_empty() {
                current.remove_from_parent();
            }
            node = next;
            continue;
        }
        // Descend into a wrapper (`<p><sup>1</sup> text</p>`).
        node = current.first_child();
    }
}

/// Removes a container left empty (or holding only a "Notes" title) by taking its notes out,
/// and the heading or rule that introduced it.
fn remove_empty_container(start: NodeRef) {
    let mut node = start;
    let mut before: Option<NodeRef> = None;
    let mut removed_any = false;
    for _ in 0..5 {
        if !is_attached(&node)
            || node.is_document()
            || node.is_fragment()
            || node.has_name("html")
            || node.has_name("body")
        {
            break;
        }
        let text = node.text().trim().trim_end_matches(':').to_lowercase();
        if !(text.is_empty() || NOTES_HEADINGS.contains(&text.as_str())) {
            break;
        }
        let parent = node.parent();
        before = node.prev_element_sibling();
        node.remove_from_parent();
        removed_any = true;
        match parent {
            Some(p) => node = p,
            None => break,
        }
    }
    if !removed_any {
        return;
    }
    let mut previous = before;
    for _ in 0..2 {
        let Some(node) = previous else { break };
        let text = node.text().trim().trim_end_matches(':').to_lowercase();
        let is_title = ["h1", "h2", "h3", "h4", "h5", "h6", "p"]
            .iter()
            .any(|h| node.has_name(h))
            && NOTES_HEADINGS.contains(&text.as_str());
        if is_title || node.has_name("hr") {
            previous = node.prev_element_sibling();
            node.remove_from_parent();
        } else {
            break;
        }
    }
}

/// `<sup>1</sup>` with no link, after punctuation or at a block's start: a footnote mark, not
/// an exponent (`x<sup>2</sup>` stays).
fn bare_superscripts(doc: &Document) {
    for sup in doc.select("sup").nodes().to_vec() {
        if !is_attached(&sup) || !sup.find(&["a"]).is_empty() {
            continue;
        }
        let text = sup.text();
        let text = text.trim();
        if text.is_empty() || text.len() > 3 || !text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let before = preceding_char(&sup);
        let footnote_like = match before {
            None => true,
            Some(c) => !c.is_alphanumeric() && !matches!(c, '^' | '_' | '+' | '-' | '=' | '('),
        };
        if footnote_like {
            // At a block's start it labels a note: keep it apart from the note's first word.
            let space = if before.is_none() { " " } else { "" };
            sup.replace_with_html(format!("[{text}]{space}"));
        }
    }
}

/// The last character of text before `node` within its block (None at the block's start).
fn preceding_char(node: &NodeRef) -> Option<char> {
    let mut current = *node;
    for _ in 0..4 {
        let mut sibling = current.prev_sibling();
        while let Some(s) = sibling {
            let text = s.text();
            if let Some(c) = text.chars().rev().find(|c| !c.is_whitespace()) {
                return Some(c);
            }
            sibling = s.prev_sibling();
        }
        let parent = current.parent()?;
        if NOTE_BLOCKS.iter().any(|b| parent.has_name(b)) || parent.has_name("body") {
            return None;
        }
        current = parent;
    }
    None
}

/// The text of `node` without the text of its descendant `skip`.
fn text_without(node: &NodeRef, skip: &NodeRef) -> String {
    let all = node.text().to_string();
    let inner = skip.text().to_string();
    all.replacen(&inner, "", 1).trim().to_string()
}
