//! Atom (RFC 4287), as Blogger, Jekyll (jekyll-feed) and many static generators publish it:
//! `<entry>`s with an alternate `link`, `title` (text or escaped HTML), `published` (else
//! `updated`) and `category term`. The next page is the feed's `link rel="next"` (Blogger's
//! `start-index`); `xml:base` on the feed or an entry moves the base of relative links.

use super::xml::{self, Element, Handler, XmlError};
use super::{is, parent, plain_title, Collector, DateOrigin, Entry};

pub(super) fn read(body: &str, collector: &mut Collector) -> Result<(), XmlError> {
    let mut reader = AtomReader {
        collector,
        entry: None,
        title_is_html: false,
        feed_base: None,
    };
    xml::read(body, &mut reader)
}

struct AtomReader<'a> {
    collector: &'a mut Collector,
    entry: Option<AtomEntry>,
    /// The current `<title>` is `type="html"` or `"xhtml"`.
    title_is_html: bool,
    /// The base before an entry's own `xml:base`, restored when the entry ends.
    feed_base: Option<String>,
}

/// Blogger names its next page on `www.blogger.com/feeds/<blog id>/posts/default?start-index=…`,
/// a host the extension has no permission for; the blog's own host serves the same page at
/// `/feeds/posts/default?start-index=…`.
fn blogger_on_own_host(href: &str, base: Option<&url::Url>) -> Option<String> {
    let next = url::Url::parse(href).ok()?;
    let base = base?;
    let mut segments = next.path_segments()?;
    let on_blogger = next.host_str() == Some("www.blogger.com")
        && segments.next() == Some("feeds")
        && segments
            .next()
            .is_some_and(|id| id.chars().all(|c| c.is_ascii_digit()))
        && segments.next() == Some("posts");
    if !on_blogger || base.host_str() == Some("www.blogger.com") {
        return None;
    }
    let mut own = base.join("/feeds/posts/default").ok()?;
    own.set_query(next.query());
    Some(own.to_string())
}

#[derive(Default)]
struct AtomEntry {
    entry: Entry,
    /// `id`, used as the address when it is one and no link is.
    id: Option<String>,
    /// `updated`, the last edit: the date only when the entry gives no `published`.
    updated: Option<String>,
}

/// Atom elements, unprefixed or with the conventional `atom:` prefix.
fn local(name: &str) -> &str {
    name.strip_prefix("atom:").unwrap_or(name)
}

impl Handler for AtomReader<'_> {
    fn start(&mut self, path: &[String], element: &Element) {
        let name = local(&element.name);
        if is(name, "feed") {
            if let Some(base) = element.attr("xml:base") {
                self.collector.set_base(base);
            }
        } else if is(name, "entry") {
            if let Some(base) = element.attr("xml:base") {
                self.feed_base = self.collector.base().map(|b| b.to_string());
                self.collector.set_base(base);
            }
            self.entry = Some(AtomEntry::default());
        } else if is(name, "link") {
            let rel = element.attr("rel").unwrap_or("alternate").trim();
            let Some(href) = element.attr("href") else {
                return;
            };
            match &mut self.entry {
                Some(entry) if is(local(parent(path)), "entry") => {
                    let html = element
                        .attr("type")
                        .is_none_or(|t| t.to_ascii_lowercase().contains("html"));
                    if rel.eq_ignore_ascii_case("alternate") && html && entry.entry.link.is_none() {
                        entry.entry.link = Some(href.to_string());
                    }
                }
                Some(_) => {}
                None => {
                    if rel.eq_ignore_ascii_case("next") {
                        let next = blogger_on_own_host(href, self.collector.base());
                        self.collector.follow(next.as_deref().unwrap_or(href), true);
                    }
                }
            }
        } else if is(name, "title") {
            self.title_is_html = element
                .attr("type")
                .is_some_and(|t| matches!(t.trim(), "html" | "xhtml"));
        } else if is(name, "category") {
            if let Some(entry) = &mut self.entry {
                if let Some(tag) = element.attr("label").or_else(|| element.attr("term")) {
                    entry.entry.tag(tag);
                }
            }
        }
    }

    fn end(&mut self, path: &[String], text: &str) {
        let name = local(path.last().map_or("", String::as_str));
        if is(name, "entry") {
            if let Some(mut entry) = self.entry.take() {
                if entry.entry.link.is_none() {
                    entry.entry.link = entry.id.filter(|id| id.starts_with("http"));
                }
                if let Some(updated) = entry.updated.filter(|_| entry.entry.date.is_none()) {
                    entry.entry.date(&updated, DateOrigin::Published);
                }
                self.collector.add(entry.entry);
            }
            if let Some(base) = self.feed_base.take() {
                self.collector.set_base(&base);
            }
            return;
        }
        let Some(entry) = &mut self.entry else {
            return;
        };
        if !is(local(parent(path)), "entry") {
            return;
        }
        let text = text.trim();
        match name.to_ascii_lowercase().as_str() {
            "title" => entry.entry.title = plain_title(text, self.title_is_html),
            "published" => entry.entry.date(text, DateOrigin::Published),
            "updated" => entry.updated = Some(text.to_string()),
            "id" => entry.id = Some(text.to_string()),
            _ => {}
        }
    }

    fn is_full(&self) -> bool {
        self.collector.is_full()
    }
}
