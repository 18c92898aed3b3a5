//! Code blocks as highlighters write them (line-number gutters in tables, number spans on each
//! line, copy buttons, `<code>` used as a block) reduced to one `<pre>` holding the code's text.

use dom_query::{Document, NodeRef};

use super::is_attached;
use super::write::escape_text;

/// Class fragments of the elements highlighters put line numbers in.
const LINE_NUMBER_CLASSES: &[&str] = &[
    "lineno",
    "linenos",
    "line-number",
    "line-numbers",
    "linenumber",
    "hljs-ln-n",
    "hljs-ln-numbers",
    "blob-num",
    "gutter",
    "lnt",
    "ln",
    "rouge-gutter",
    "code-line-number",
];

/// Rewrites the article's code blocks in place.
pub(crate) fn normalize(doc: &Document) {
    for table in doc.select("table").nodes().to_vec().into_iter().rev() {
        if is_attached(&table) {
            if let Some(code) = gutter_table_code(&table) {
                let target = wrapper_to_replace(&table);
                target.replace_with_html(format!("<pre>{}</pre>", escape_text(&code)));
            }
        }
    }
    for pre in doc.select("pre").nodes().to_vec() {
        if is_attached(&pre) {
            remove_line_numbers(&pre);
        }
    }
    // `<code>` holding several lines outside any `pre` is a code block styled by CSS.
    for code in doc.select("code").nodes().to_vec() {
        if !is_attached(&code) || code.ancestors_it(Some(64)).any(|a| a.has_name("pre")) {
            continue;
        }
        let text = code.text();
        if text.trim().contains('\n') && block_alone(&code) {
            let text = code_text(&code);
            code.replace_with_html(format!("<pre>{}</pre>", escape_text(&text)));
        }
    }
    // Copy buttons and language labels that are not code.
    doc.select("pre button, pre .copy-button, pre .copy-code-button")
        .remove();
}

/// The code of a highlighter table (a gutter column of numbers beside the code), if it is one.
fn gutter_table_code(table: &NodeRef) -> Option<String> {
    let rows: Vec<NodeRef> = table
        .find(&["tr"])
        .into_iter()
        .filter(|tr| {
            tr.ancestors_it(Some(8))
                .find(|a| a.has_name("table"))
                .is_some_and(|t| t.id == table.id)
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let code_classes = class_chain_has(
        table,
        &[
            "highlight",
            "code",
            "syntax",
            "hljs",
            "rouge",
            "lntable",
            "gist",
            "blob",
        ],
    );
    let mut lines = Vec::new();
    let mut expected: Option<u64> = None;
    for row in &rows {
        let cells: Vec<NodeRef> = row
            .element_children()
            .into_iter()
            .filter(|c| c.has_name("td") || c.has_name("th"))
            .collect();
        // Exactly a gutter and the code: a data table with a number column has more.
        if cells.len() != 2 {
            return None;
        }
        let gutter = &cells[0];
        let numbers = gutter.text();
        let numbers = numbers.trim();
        let is_gutter = numbers
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
            || has_line_number_class(gutter);
        if !is_gutter {
            return None;
        }
        if rows.len() > 1 && !numbers.is_empty() {
            let n: u64 = numbers.parse().ok()?;
            if expected.is_some_and(|e| e != n) {
                return None;
            }
            expected = Some(n + 1);
        }
        lines.push(code_text(&cells[1]));
    }
    let code_cell_has_pre = rows.len() == 1
        && rows[0]
            .element_children()
            .last()
            .is_some_and(|c| !c.find(&["pre"]).is_empty() || class_of(c).contains("code"));
    if !(code_classes || code_cell_has_pre) {
        return None;
    }
    // One row holds the whole block; many rows hold one line each.
    let joined = if rows.len() == 1 {
        lines.concat()
    } else {
        lines
            .iter()
            .map(|l| l.trim_end_matches('\n'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(joined)
}

/// A `figure.highlight` or `div.highlight` wrapping only the table goes with it.
fn wrapper_to_replace<'a>(table: &NodeRef<'a>) -> NodeRef<'a> {
    let mut target = *table;
    for _ in 0..3 {
        let Some(parent) = target.parent() else { break };
        let only_child = parent.element_children().len() == 1;
        let is_code_wrapper = parent.has_name("code")
            || (parent.has_name("div") && class_of(&parent).contains("highlight"));
        if only_child && is_code_wrapper {
            target = parent;
        } else {
            break;
        }
    }
    target
}

fn class_of(node: &NodeRef) -> String {
    node.attr("class").unwrap_or_default().to_ascii_lowercase()
}

fn class_chain_has(node: &NodeRef, words: &[&str]) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(Some(3)))
        .any(|n| {
            let class = class_of(&n);
            words.iter().any(|w| class.contains(w))
        })
}

fn has_line_number_class(node: &NodeRef) -> bool {
    if node.has_name("pre") || node.has_name("code") {
        return false;
    }
    let class = class_of(node);
    class.split_whitespace().any(|c| {
        LINE_NUMBER_CLASSES
            .iter()
            .any(|l| c == *l || c.ends_with(&format!("-{l}")) || c.starts_with(&format!("{l}-")))
    }) || node.attr("data-line-number").is_some()
        || node.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("user-select:none") && node.text().trim().chars().all(|c| c.is_ascii_digit())
        })
}

/// Removes line-number elements from a `pre`: by class, or a numbered first child on each line.
fn remove_line_numbers(pre: &NodeRef) {
    for node in pre.descendants() {
        if node.is_element() && has_line_number_class(&node) && is_attached(&node) {
            node.remove_from_parent();
        }
    }
    // Lines written as elements whose first child is the line's number (1, 2, 3…).
    let mut parent = Some(*pre);
    for _ in 0..3 {
        let Some(container) = parent else { break };
        let lines = container.element_children();
        if lines.len() >= 2 {
            let mut expected: Option<u64> = None;
            let numbered = lines.iter().all(|line| {
                let first = line.element_children().into_iter().next();
                let Some(first) = first else { return false };
                if line.element_children().len() < 2 {
                    return false;
                }
                let Ok(n) = first.text().trim().parse::<u64>() else {
                    return false;
                };
                let ok = expected.is_none_or(|e| e == n);
                expected = Some(n + 1);
                ok
            });
            if numbered {
                for line in &lines {
                    if let Some(first) = line.element_children().into_iter().next() {
                        first.remove_from_parent();
                    }
                }
                return;
            }
        }
        parent = if lines.len() == 1 {
            lines.into_iter().next()
        } else {
            None
        };
    }
}

/// The text of code as displayed: `br` and block children end lines.
pub(crate) fn code_text(node: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        EndLine,
    }
    let mut out = String::new();
    let mut stack = vec![Step::Enter(*node)];
    while let Some(step) = stack.pop() {
        match step {
            Step::EndLine => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Step::Enter(n) => {
                if n.is_text() {
                    out.push_str(&n.text());
                    continue;
                }
                let name = n.node_name().map(|s| s.to_string()).unwrap_or_default();
                match name.as_str() {
                    "br" => out.push('\n'),
                    "script" | "style" | "button" => {}
                    _ => {
                        if has_line_number_class(&n) && n.id != node.id {
                            continue;
                        }
                        let block = matches!(name.as_str(), "div" | "p" | "li" | "tr" | "pre");
                        if block {
                            stack.push(Step::EndLine);
                        }
                        for child in n.children().into_iter().rev() {
                            stack.push(Step::Enter(child));
                        }
                        if block {
                            stack.push(Step::EndLine);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether a `code` element is the only content of its block (not a word in a sentence).
fn block_alone(code: &NodeRef) -> bool {
    let Some(parent) = code.parent() else {
        return false;
    };
    parent.children().iter().all(|sibling| {
        sibling.id == code.id
            || (sibling.is_text() && sibling.text().trim().is_empty())
            || sibling.is_comment()
    })
}
