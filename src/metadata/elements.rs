//! The page's elements that metadata asks about, collected in one walk, and its meta tags.

use std::collections::HashSet;

use dom_query::{Document, Matcher, NodeId, NodeRef};

use super::fold::collapse;

/// The page's `<meta>` tags as (lowercased key, value) pairs, in document order. The key is the
/// `property`, `name`, `itemprop` or `http-equiv` attribute; the value `content` (or `value`).
pub(super) struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    pub(super) fn read(metas: &[NodeRef]) -> Self {
        let mut tags = Vec::new();
        for node in metas {
            let Some(value) = node.attr("content").or_else(|| node.attr("value")) else {
                continue;
            };
            let value = collapse(&value);
            if value.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = node.attr(attr) {
                    // `property` may hold several space-separated names.
                    for key in key.split_whitespace() {
                        tags.push((key.to_ascii_lowercase(), value.clone()));
                    }
                }
            }
        }
        MetaTags(tags)
    }

    /// The first value among `keys`, in the order of `keys` (the caller's preference).
    pub(super) fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    }

    /// Every value of the keys that `wanted` accepts, in document order.
    pub(super) fn keyed<'a>(
        &'a self,
        wanted: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| wanted(k))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`.
    pub(super) fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The page's elements of the kinds metadata asks about, each list in document order, and which
/// of the tag and site-title containers the page has: one walk of the page instead of a
/// whole-document selector scan per question (those scans were a fifth of html → draft).
/// Every question below is a selector whose subject is one of these kinds, so matching it
/// against that kind's list finds exactly what scanning the document would, in the same order.
pub(super) struct PageElements<'a> {
    pub(super) anchors: Vec<NodeRef<'a>>,
    pub(super) links: Vec<NodeRef<'a>>,
    pub(super) metas: Vec<NodeRef<'a>>,
    pub(super) scripts: Vec<NodeRef<'a>>,
    pub(super) times: Vec<NodeRef<'a>>,
    pub(super) titles: Vec<NodeRef<'a>>,
    pub(super) headings: Vec<NodeRef<'a>>,
    pub(super) images: Vec<NodeRef<'a>>,
    /// `link` and `img` elements together, for a selector list that asks for either.
    pub(super) links_and_images: Vec<NodeRef<'a>>,
    pub(super) roots: Vec<NodeRef<'a>>,
    pub(super) bases: Vec<NodeRef<'a>>,
    /// The elements of each of [`CONTAINER_LISTS`], in document order.
    pub(super) containers: [Vec<NodeRef<'a>>; 3],
}

/// Class (`.x`) and id (`#x`) selectors of the containers whose links are tags or the home link.
const TAG_CONTAINERS: &[&str] = &[
    ".post-labels",
    ".labels",
    ".cat-links",
    ".tags-links",
    ".post-tags",
    ".entry-tags",
    ".article-tags",
    ".tag-links",
    ".post-categories",
    ".blog-categories",
];

const TAXONOMY_CONTAINERS: &[&str] = &[".tags"];

const SITE_TITLE_CONTAINERS: &[&str] = &[
    ".site-title",
    "#site-title",
    ".wp-block-site-title",
    ".main-title",
    ".blog-title",
];

const CONTAINER_LISTS: [&[&str]; 3] = [TAG_CONTAINERS, TAXONOMY_CONTAINERS, SITE_TITLE_CONTAINERS];

impl<'a> PageElements<'a> {
    pub(super) fn collect(doc: &'a Document) -> Self {
        let mut elements = PageElements {
            anchors: Vec::new(),
            links: Vec::new(),
            metas: Vec::new(),
            scripts: Vec::new(),
            times: Vec::new(),
            titles: Vec::new(),
            headings: Vec::new(),
            images: Vec::new(),
            links_and_images: Vec::new(),
            roots: Vec::new(),
            bases: Vec::new(),
            containers: Default::default(),
        };
        for node in doc.root().descendants_it() {
            let Some(element) = node.element_ref() else {
                continue;
            };
            let list = match &*element.name.local {
                "a" => Some(&mut elements.anchors),
                "link" => Some(&mut elements.links),
                "meta" => Some(&mut elements.metas),
                "script" => Some(&mut elements.scripts),
                "time" => Some(&mut elements.times),
                "title" => Some(&mut elements.titles),
                "h1" => Some(&mut elements.headings),
                "img" => Some(&mut elements.images),
                "html" => Some(&mut elements.roots),
                "base" => Some(&mut elements.bases),
                _ => None,
            };
            if let Some(list) = list {
                list.push(node);
            }
            if matches!(&*element.name.local, "link" | "img") {
                elements.links_and_images.push(node);
            }
            // Selectors compare classes and ids case-sensitively (no quirks mode), classes split
            // at ASCII whitespace.
            for attr in &element.attrs {
                match &*attr.name.local {
                    "class" => {
                        for class in attr.value.split_ascii_whitespace() {
                            elements.note_container(node, '.', class);
                        }
                    }
                    "id" => elements.note_container(node, '#', &attr.value),
                    _ => {}
                }
            }
        }
        elements
    }

    /// Records `node` as a container of each list its class (`prefix` '.') or id ('#') `name`
    /// is in.
    fn note_container(&mut self, node: NodeRef<'a>, prefix: char, name: &str) {
        for (list, found) in CONTAINER_LISTS.iter().zip(&mut self.containers) {
            let named = list
                .iter()
                .any(|c| c.strip_prefix(prefix).is_some_and(|c| c == name));
            if named && found.last().is_none_or(|last| last.id != node.id) {
                found.push(node);
            }
        }
    }

    /// The links the selector list "`direct`, `container a`, …" selects, in document order,
    /// without running the descendant selectors (each walked the ancestors of every link of
    /// the page): a link is inside a container when it descends from one found by the walk.
    /// Only the links with an attribute (name, value) that `direct` could match (`may_match`,
    /// a necessary condition) go through the selector engine.
    pub(super) fn anchors_within(
        &self,
        direct: &str,
        containers: usize,
        may_match: fn(&str, &str) -> bool,
    ) -> Vec<NodeRef<'a>> {
        let inside: HashSet<NodeId> = self.containers[containers]
            .iter()
            .flat_map(|container| container.descendants_it())
            .map(|node| node.id)
            .collect();
        let Ok(matcher) = Matcher::new(direct) else {
            return Vec::new();
        };
        self.anchors
            .iter()
            .filter(|a| {
                inside.contains(&a.id) || {
                    let may = a.element_ref().is_some_and(|element| {
                        element
                            .attrs
                            .iter()
                            .any(|attr| may_match(&attr.name.local, &attr.value))
                    });
                    may && a.is_match(&matcher)
                }
            })
            .copied()
            .collect()
    }
}

/// The nodes of `nodes` that `selector` matches, in their order.
pub(super) fn matching<'a>(nodes: &[NodeRef<'a>], selector: &str) -> Vec<NodeRef<'a>> {
    let Ok(matcher) = Matcher::new(selector) else {
        return Vec::new();
    };
    nodes
        .iter()
        .filter(|node| node.is_match(&matcher))
        .copied()
        .collect()
}
