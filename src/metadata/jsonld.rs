//! The page's JSON-LD (schema.org) blocks, flattened: `@graph`, arrays and `mainEntity` nesting
//! become one list of objects, and the article among them answers for title, author and dates.

use dom_query::{Document, NodeRef};
use serde_json::Value;

/// How many objects we keep from one page (a page can embed huge product catalogues).
const MAX_OBJECTS: usize = 200;

/// schema.org types of a post (exact names; anything ending in `Article` or `Posting` also counts).
const ARTICLE_TYPES: &[&str] = &[
    "Report",
    "Review",
    "Recipe",
    "Blog",
    "CreativeWork",
    "Question",
    "VideoObject",
];

/// The JSON-LD objects of a page, articles first.
#[derive(Debug, Default)]
pub struct JsonLd {
    objects: Vec<Value>,
}

impl JsonLd {
    /// Parses every `<script type="application/ld+json">`; broken blocks are skipped.
    #[cfg(test)]
    pub fn read(doc: &Document) -> Self {
        Self::read_scripts(doc.select("script").nodes())
    }

    /// [`JsonLd::read`] over the page's `<script>` elements, in document order.
    pub fn read_scripts(scripts: &[NodeRef]) -> Self {
        let mut objects = Vec::new();
        for script in scripts {
            let is_ld = script
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if !is_ld {
                continue;
            }
            let text = script.text();
            let text = text
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim_start_matches("<!--")
                .trim_end_matches("-->");
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            flatten(value, &mut objects);
        }
        // Articles first, so every accessor prefers them.
        objects.sort_by_key(|o| !is_article(o));
        JsonLd { objects }
    }

    /// Whether an object is typed as a post proper (`…Article`, `…Posting`), not as a page,
    /// a site or a blog.
    pub fn declares_article(&self) -> bool {
        self.objects.iter().any(|o| {
            has_type(o, |t| {
                (t.ends_with("Article") || t.ends_with("Posting")) && t != "CollectionPage"
            })
        })
    }

    fn articles(&self) -> impl Iterator<Item = &Value> {
        self.objects.iter().filter(|o| is_article(o))
    }

    /// The first string value of `keys` (in that order) on an article object.
    pub fn article_str(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.articles()
                .find_map(|o| o.get(*key).and_then(as_text))
                .filter(|s| !s.is_empty())
        })
    }

    /// The first string value of `keys` on any object, articles first: a `WebPage`'s
    /// `datePublished` when the page declares no article.
    pub fn any_str(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.objects
                .iter()
                .find_map(|o| o.get(*key).and_then(as_text))
                .filter(|s| !s.is_empty())
        })
    }

    /// The article's headline: `headline`, unless `name` differs and opens `page_title`
    /// (Wikipedia puts a description in `headline`).
    pub fn article_headline(&self, page_title: Option<&str>) -> Option<String> {
        let article = self.articles().next()?;
        let headline = article
            .get("headline")
            .and_then(as_text)
            .filter(|s| !s.is_empty());
        let name = article
            .get("name")
            .and_then(as_text)
            .filter(|s| !s.is_empty());
        match (headline, name) {
            (Some(headline), Some(name)) if headline != name => {
                let title = page_title.map(str::to_lowercase).unwrap_or_default();
                // The page's <title> opening with `name` (not the site name at its end) confirms it.
                if title.starts_with(&name.to_lowercase())
                    && !title.contains(&headline.to_lowercase())
                {
                    Some(name)
                } else {
                    Some(headline)
                }
            }
            (Some(headline), _) => Some(headline),
            // A `name` that is the publisher's is the site, not the post.
            (None, name) => name.filter(|n| self.publisher_name().as_deref() != Some(n.as_str())),
        }
    }

    /// The article's author names joined with ", ".
    pub fn article_authors(&self) -> Option<String> {
        let author = self
            .articles()
            .find_map(|o| o.get("author").or_else(|| o.get("creator")))?;
        let names: Vec<String> = as_list(author)
            .filter_map(|a| match a {
                Value::Object(_) => a.get("name").and_then(as_text),
                _ => as_text(a),
            })
            .filter(|n| !n.is_empty())
            .take(6)
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }

    /// The article's keywords (a comma-separated string or a list).
    pub fn article_keywords(&self) -> Vec<String> {
        self.articles()
            .filter_map(|o| o.get("keywords"))
            .take(1)
            .flat_map(as_list)
            .filter_map(as_text)
            .collect()
    }

    /// The article's image URL (a string, an ImageObject, or a list of either).
    pub fn article_image(&self) -> Option<String> {
        let image = self
            .articles()
            .find_map(|o| o.get("image").or_else(|| o.get("thumbnailUrl")))?;
        as_list(image).find_map(|i| match i {
            Value::Object(_) => i
                .get("url")
                .or_else(|| i.get("contentUrl"))
                .and_then(as_text),
            _ => as_text(i),
        })
    }

    /// The publisher's or website's name.
    pub fn publisher_name(&self) -> Option<String> {
        self.articles()
            .find_map(|o| o.get("publisher"))
            .and_then(|p| as_list(p).find_map(|p| p.get("name").and_then(as_text)))
            .or_else(|| {
                self.objects
                    .iter()
                    .filter(|o| has_type(o, |t| t == "WebSite"))
                    .find_map(|o| o.get("name").and_then(as_text))
            })
            .filter(|n| !n.is_empty())
    }
}

/// Collects every object of a JSON-LD value, following arrays, `@graph` and `mainEntity`
/// iteratively (serde_json already bounds nesting at 128).
fn flatten(root: Value, out: &mut Vec<Value>) {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        if out.len() >= MAX_OBJECTS {
            return;
        }
        match value {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(mut map) => {
                if let Some(graph) = map.remove("@graph") {
                    stack.push(graph);
                }
                for key in ["mainEntity", "mainEntityOfPage"] {
                    if map.get(key).is_some_and(|v| v.is_object() || v.is_array()) {
                        if let Some(inner) = map.get(key).cloned() {
                            stack.push(inner);
                        }
                    }
                }
                out.push(Value::Object(map));
            }
            _ => {}
        }
    }
}

fn is_article(object: &Value) -> bool {
    has_type(object, |t| {
        t.ends_with("Article") || t.ends_with("Posting") || ARTICLE_TYPES.contains(&t)
    })
}

fn has_type(object: &Value, test: impl Fn(&str) -> bool) -> bool {
    object.get("@type").is_some_and(|t| {
        as_list(t)
            .filter_map(Value::as_str)
            .any(|t| test(t.rsplit(['/', ':']).next().unwrap_or(t)))
    })
}

fn as_list(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// A string value with HTML entities decoded and whitespace collapsed.
fn as_text(value: &Value) -> Option<String> {
    let s = value.as_str()?;
    Some(super::collapse(&decode_entities(s)))
}

/// Decodes the few entities CMSs leave in JSON-LD strings.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let doc = Document::fragment(format!("<p>{}</p>", s.replace('<', "&lt;")));
    doc.select("p").text().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> JsonLd {
        JsonLd::read(&Document::from(format!(
            "<html><head><script type=\"application/ld+json\">{json}</script></head></html>"
        )))
    }

    #[test]
    fn reads_the_article_inside_a_yoast_graph() {
        let ld = ld(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"My Blog"},
            {"@type":"WebPage","name":"Hello | My Blog"},
            {"@type":["BlogPosting"],"headline":"Hello &amp; welcome","datePublished":"2024-03-01T10:00:00+01:00",
             "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}],
             "keywords":["rust","wasm"],"image":{"@type":"ImageObject","url":"https://b.example/a.png"}}]}"#);
        assert_eq!(
            ld.article_str(&["headline"]).as_deref(),
            Some("Hello & welcome")
        );
        assert_eq!(ld.article_authors().as_deref(), Some("Ann Lee, Bo Chan"));
        assert_eq!(ld.article_keywords(), vec!["rust", "wasm"]);
        assert_eq!(
            ld.article_image().as_deref(),
            Some("https://b.example/a.png")
        );
        assert_eq!(ld.publisher_name().as_deref(), Some("My Blog"));
    }

    #[test]
    fn reads_arrays_and_string_authors_and_skips_broken_blocks() {
        let doc = Document::from(
            "<script type=application/ld+json>{broken</script>\
             <script type=\"application/ld+json\">[{\"@type\":\"NewsArticle\",\"author\":\"Jo Smith\",\
             \"keywords\":\"a, b\",\"publisher\":{\"name\":\"Daily\"}}]</script>",
        );
        let ld = JsonLd::read(&doc);
        assert_eq!(ld.article_authors().as_deref(), Some("Jo Smith"));
        assert_eq!(ld.article_keywords(), vec!["a, b"]);
        assert_eq!(ld.publisher_name().as_deref(), Some("Daily"));
    }

    #[test]
    fn deeply_nested_json_is_refused_not_overflowed() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(ld(&deep).article_str(&["headline"]).is_none());
    }
}
