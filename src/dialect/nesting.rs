//! A guard before parsing: html5ever's tree builder scans the stack of open elements on each
//! tag, so a page nesting 100 000 elements takes minutes to parse. This lexical pass caps the
//! nesting by dropping start tags (and their end tags) beyond a depth; all text is kept.

use std::borrow::Cow;

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements a new one of the same name closes (`<p>a<p>b`, `<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
];

/// Returns `html` unchanged when its elements nest at most `limit` deep, else a copy with the
/// deeper tags removed (their text stays, in place).
pub fn limit_nesting(html: &str, limit: usize) -> Cow<'_, str> {
    if scan(html, limit, None) {
        let mut out = String::with_capacity(html.len());
        scan(html, limit, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// Walks the tags; returns whether the nesting exceeded `limit`. With `out`, writes the text
/// with the too-deep tags left out.
fn scan(html: &str, limit: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut exceeded = false;
    let mut i = 0;
    let mut copied_to = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let Some((end, tag)) = read_tag(html, start) else {
            i = start + 1;
            continue;
        };
        let mut keep = true;
        match &tag {
            Tag::Start { name, self_closing } => {
                if !self_closing && !VOID.contains(&name.as_str()) {
                    if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                        && open.last().is_some_and(|top| top == name)
                    {
                        open.pop();
                    }
                    if open.len() >= limit {
                        exceeded = true;
                        keep = false;
                        dropped.push(name.clone());
                    } else {
                        open.push(name.clone());
                    }
                }
            }
            Tag::End { name } => {
                if dropped.last().is_some_and(|d| d == name) {
                    dropped.pop();
                    keep = false;
                } else if let Some(pos) = open.iter().rposition(|o| o == name) {
                    open.truncate(pos);
                }
            }
            Tag::Other => {}
        }
        // Raw-text elements: skip their content as text.
        let mut next = end;
        if let Tag::Start {
            name,
            self_closing: false,
        } = &tag
        {
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                let lower_rest = html[end..].to_ascii_lowercase();
                next = lower_rest.find(&close).map_or(html.len(), |p| end + p);
                if keep {
                    open.pop();
                }
            }
        }
        if let Some(out) = out.as_deref_mut() {
            if !keep {
                out.push_str(&html[copied_to..start]);
                copied_to = end;
            }
        }
        i = next.max(start + 1);
        if i >= bytes.len() {
            break;
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied_to..]);
    }
    exceeded
}

enum Tag {
    Start {
        name: String,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// Comments, doctypes, processing instructions.
    Other,
}

/// Reads the tag starting at `start` (a `<`); returns where it ends (after `>`) and what it is.
fn read_tag(html: &str, start: usize) -> Option<(usize, Tag)> {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        let end = rest.find("-->").map_or(html.len(), |p| start + p + 3);
        return Some((end, Tag::Other));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(html.len(), |p| start + p + 1);
        return Some((end, Tag::Other));
    }
    let (closing, name_start) = if rest.starts_with("</") {
        (true, 2)
    } else {
        (false, 1)
    };
    let name: String = rest[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // Find the closing `>` outside quoted attribute values.
    let mut quote: Option<char> = None;
    let mut end = None;
    let mut previous = ' ';
    for (offset, c) in rest.char_indices().skip(name_start + name.len()) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => {
                end = Some((start + offset + 1, previous == '/'));
                break;
            }
            None => {}
        }
        previous = c;
    }
    let (end, self_closing) = end.unwrap_or((html.len(), false));
    let name = name.to_ascii_lowercase();
    let tag = if closing {
        Tag::End { name }
    } else {
        Tag::Start { name, self_closing }
    };
    Some((end, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_untouched() {
        let html = "<div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(limit_nesting(html, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_html_keeps_its_text() {
        let html = format!("{}text{}", "<div>".repeat(10), "</div>".repeat(10));
        let limited = limit_nesting(&html, 4);
        assert_eq!(
            limited,
            format!("{}text{}", "<div>".repeat(4), "</div>".repeat(4))
        );
    }

    #[test]
    fn quoted_angle_brackets_do_not_end_a_tag() {
        let html = "<div title=\"a>b\"><div><div>t</div></div></div>";
        assert_eq!(
            limit_nesting(html, 2),
            "<div title=\"a>b\"><div>t</div></div>"
        );
    }
}
