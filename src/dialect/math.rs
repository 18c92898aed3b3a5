//! Formulas (KaTeX, MathJax 2 and 3, MathML, Temml, Wikipedia) become their TeX source as code:
//! Medium cannot typeset math, and the source is what a reader can still follow.

use dom_query::{Document, NodeRef};

use super::findings::Findings;
use super::is_attached;
use super::write::escape_text;

/// Replaces each formula by `<code>TeX</code>` (inline) or a code block (display).
pub(crate) fn convert(doc: &Document, findings: &mut Findings) {
    // MathJax 2 keeps the source in scripts and renders a copy next to them: drop the copies.
    let has_tex_scripts = doc.select("script[type^='math/tex']").exists();
    if has_tex_scripts {
        doc.select(".MathJax_Preview, .MathJax, .MathJax_Display, .MathJax_SVG, .MathJax_SVG_Display, .MathJax_CHTML")
            .remove();
    }
    for script in doc.select("script[type^='math/tex']").nodes().to_vec() {
        let display = script
            .attr("type")
            .is_some_and(|t| t.contains("mode=display"));
        replace(&script, &script.text(), display, findings);
    }
    // Elements that carry their TeX in an attribute.
    for node in doc
        .select("[data-math], [data-latex], [data-tex], .hurmet-tex[data-entry]")
        .nodes()
        .to_vec()
    {
        if !is_attached(&node) {
            continue;
        }
        let tex = ["data-math", "data-latex", "data-tex", "data-entry"]
            .iter()
            .find_map(|a| node.attr(a))
            .unwrap_or_default();
        let class = node.attr("class").unwrap_or_default();
        let display = class.contains("display")
            || class.contains("block")
            || node.attr("display").as_deref() == Some("block")
            || node.has_name("div")
            || node.has_name("p");
        if node.has_name("p") || node.has_name("div") {
            // The formula is the whole block: keep the block, replace its content.
            node.set_html(code_html(&tex, true));
            findings.math += 1;
        } else {
            replace(&node, &tex, display, findings);
        }
    }
    for katex in doc.select(".katex-display, .katex").nodes().to_vec() {
        if !is_attached(&katex) {
            continue;
        }
        let display = katex.has_class("katex-display");
        let tex = annotation(&katex).unwrap_or_else(|| {
            katex
                .find(&["math"])
                .first()
                .map(linear_text)
                .unwrap_or_else(|| katex.text().to_string())
        });
        replace(&katex, &tex, display, findings);
    }
    for wiki in doc.select(".mwe-math-element").nodes().to_vec() {
        if !is_attached(&wiki) {
            continue;
        }
        let math = wiki.find(&["math"]).into_iter().next();
        let tex = math
            .as_ref()
            .and_then(|m| annotation(m).or_else(|| m.attr("alttext").map(|a| a.to_string())))
            .or_else(|| {
                wiki.find(&["img"])
                    .first()
                    .and_then(|i| i.attr("alt"))
                    .map(|a| a.to_string())
            })
            .map(|t| strip_displaystyle(&t))
            .unwrap_or_default();
        let display = wiki
            .find(&["math"])
            .first()
            .and_then(|m| m.attr("display"))
            .is_some_and(|d| d.as_ref() == "block");
        replace(&wiki, &tex, display, findings);
    }
    for container in doc.select("mjx-container").nodes().to_vec() {
        if !is_attached(&container) {
            continue;
        }
        let display = container
            .attr("display")
            .is_some_and(|d| d.as_ref() == "true");
        let math = container
            .find(&["mjx-assistive-mml", "math"])
            .into_iter()
            .next();
        let tex = match math {
            Some(m) => annotation(&m).unwrap_or_else(|| linear_text(&m)),
            None => container
                .find(&["mjx-math"])
                .first()
                .map(|m| m.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        };
        replace(&container, &tex, display, findings);
    }
    for math in doc.select("math").nodes().to_vec() {
        if !is_attached(&math) {
            continue;
        }
        let display = math.attr("display").is_some_and(|d| d.as_ref() == "block");
        let tex = annotation(&math)
            .or_else(|| math.attr("alttext").map(|a| strip_displaystyle(&a)))
            .unwrap_or_else(|| linear_text(&math));
        replace(&math, &tex, display, findings);
    }
}

fn code_html(tex: &str, display: bool) -> String {
    let tex = tex.trim();
    if display {
        format!("<pre>{}</pre>", escape_text(tex))
    } else {
        format!(
            "<code>{}</code>",
            escape_text(&tex.split_whitespace().collect::<Vec<_>>().join(" "))
        )
    }
}

fn replace(node: &NodeRef, tex: &str, display: bool, findings: &mut Findings) {
    if tex.trim().is_empty() {
        // A formula that was never rendered and has no source: nothing to keep.
        node.remove_from_parent();
        return;
    }
    findings.math += 1;
    node.replace_with_html(code_html(tex, display));
}

/// The TeX source MathML keeps in `<annotation encoding="application/x-tex">`.
fn annotation(node: &NodeRef) -> Option<String> {
    node.find(&["annotation"])
        .into_iter()
        .find(|a| {
            a.attr("encoding")
                .is_some_and(|e| e.to_ascii_lowercase().contains("tex"))
        })
        .map(|a| a.text().trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Wikipedia wraps alt TeX in `{\displaystyle …}`.
fn strip_displaystyle(tex: &str) -> String {
    let t = tex.trim();
    t.strip_prefix("{\\displaystyle")
        .and_then(|rest| rest.strip_suffix('}'))
        .map(|inner| inner.trim().to_string())
        .unwrap_or_else(|| t.to_string())
}

/// MathML without TeX source, read aloud as linear text: `x^2`, `a/b`, `√(x)`, `x_i`.
fn linear_text(math: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Text(&'static str),
    }
    let mut out = String::new();
    let mut stack = vec![Step::Enter(*math)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => out.push_str(t),
            Step::Enter(node) => {
                if node.is_text() {
                    out.push_str(node.text().trim());
                    continue;
                }
                let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
                if matches!(
                    name.as_str(),
                    "annotation" | "annotation-xml" | "script" | "style"
                ) {
                    continue;
                }
                let children = node.element_children();
                let (seps, wrap): (&[&'static str], Option<(&'static str, &'static str)>) =
                    match name.as_str() {
                        "msup" => (&["^"], None),
                        "msub" => (&["_"], None),
                        "msubsup" => (&["_", "^"], None),
                        "mfrac" => (&["/"], Some(("(", ")"))),
                        "msqrt" => (&[], Some(("√(", ")"))),
                        "mroot" => (&[" root "], Some(("(", ")"))),
                        _ => (&[], None),
                    };
                if let Some((_, close)) = wrap {
                    stack.push(Step::Text(close));
                }
                let kids: Vec<NodeRef> = if children.is_empty() {
                    node.children()
                } else {
                    children
                };
                for (i, child) in kids.into_iter().enumerate().rev() {
                    stack.push(Step::Enter(child));
                    if i > 0 {
                        if let Some(sep) = seps.get(i - 1) {
                            stack.push(Step::Text(sep));
                        }
                    }
                }
                if let Some((open, _)) = wrap {
                    stack.push(Step::Text(open));
                }
            }
        }
    }
    out
}
