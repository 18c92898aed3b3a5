//! The one door to the XML crate (quick-xml): a feed or sitemap is read as a stream of elements
//! and text, never built into a tree, and no entity is ever expanded beyond XML's five and
//! character references, so memory follows the input and an entity bomb has nothing to grow.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Elements deeper than this are read past without telling the format: feeds and sitemaps nest
/// four or five levels, and the path the formats see stays small however deep a page nests.
const MAX_DEPTH: usize = 32;

/// An element as the formats see it: its qualified name as written (`title`, `atom:link`) and
/// its attributes, entity references resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    /// The value of the attribute named `name` (qualified, compared ignoring ASCII case).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn read(start: &BytesStart) -> Element {
        let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
        let attributes = start
            .attributes()
            .with_checks(false)
            .flatten()
            .map(|attr| {
                let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
                // An undeclared entity in a value is kept as written rather than refused.
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&attr.value).into_owned());
                (key, value)
            })
            .collect();
        Element { name, attributes }
    }
}

/// What a format reader is told, in document order. `path` holds the qualified names of the open
/// elements, the current one last.
pub(crate) trait Handler {
    fn start(&mut self, path: &[String], element: &Element);
    /// `text` is the text directly inside the element since its last child: a leaf's whole text,
    /// CDATA included, references resolved.
    fn end(&mut self, path: &[String], text: &str);
    /// Stops the reading early (the post limit was reached).
    fn is_full(&self) -> bool {
        false
    }
}

/// Why a document could not be read as XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XmlError {
    /// Not well-formed: where (a byte offset) and what the parser says.
    Malformed { at: u64, reason: String },
    /// The document type declares entities, the stuff of entity bombs.
    DeclaresEntities,
    /// Text before any element: not XML at all.
    NotXml,
}

/// The name of the document's root element, or `None` for a document with no element.
pub(crate) fn root_name(text: &str) -> Result<Option<String>, XmlError> {
    let mut reader = reader(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                return Ok(Some(Element::read(&start).name));
            }
            Ok(Event::DocType(doctype)) => check_doctype(&doctype)?,
            Ok(Event::Text(text)) => {
                if !text.iter().all(u8::is_ascii_whitespace) {
                    return Err(XmlError::NotXml);
                }
            }
            Ok(Event::GeneralRef(_) | Event::CData(_)) => return Err(XmlError::NotXml),
            Ok(Event::Eof) => return Ok(None),
            Ok(_) => {}
            Err(error) => return Err(malformed(&reader, &error)),
        }
    }
}

/// Reads the whole document into `handler`. On broken XML, everything before the break has been
/// handed over already; the error says where it broke.
pub(crate) fn read(text: &str, handler: &mut impl Handler) -> Result<(), XmlError> {
    let mut reader = reader(text);
    let mut path: Vec<String> = Vec::new();
    // Open elements below MAX_DEPTH, which the handler never sees.
    let mut hidden = 0usize;
    let mut buffer = String::new();
    while !handler.is_full() {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(malformed(&reader, &error)),
        };
        match event {
            Event::Start(start) => {
                buffer.clear();
                if path.len() < MAX_DEPTH && hidden == 0 {
                    let element = Element::read(&start);
                    path.push(element.name.clone());
                    handler.start(&path, &element);
                } else {
                    hidden += 1;
                }
            }
            Event::Empty(start) => {
                buffer.clear();
                if path.len() < MAX_DEPTH && hidden == 0 {
                    let element = Element::read(&start);
                    path.push(element.name.clone());
                    handler.start(&path, &element);
                    handler.end(&path, "");
                    path.pop();
                }
            }
            Event::End(_) => {
                if hidden > 0 {
                    hidden -= 1;
                } else if !path.is_empty() {
                    handler.end(&path, &buffer);
                    path.pop();
                }
                buffer.clear();
            }
            Event::Text(text) => buffer.push_str(&String::from_utf8_lossy(&text)),
            Event::CData(data) => buffer.push_str(&String::from_utf8_lossy(&data)),
            Event::GeneralRef(reference) => push_reference(&mut buffer, &reference),
            Event::DocType(doctype) => check_doctype(&doctype)?,
            Event::Eof => {
                // quick-xml ends quietly inside open elements: a cut-off body must say so.
                if let Some(open) = path.last() {
                    return Err(XmlError::Malformed {
                        at: text.len() as u64,
                        reason: format!("the document ends inside <{open}>"),
                    });
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    Ok(())
}

fn reader(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    // Feeds in the wild write `AT&T` unescaped; keep the ampersand rather than refuse the feed.
    config.allow_dangling_amp = true;
    config.check_end_names = true;
    reader
}

/// `&amp;` and the other four, and character references; any other entity is kept as written
/// (`&eacute;` from an HTML-minded feed is decoded later, as HTML), never expanded from a DTD.
fn push_reference(buffer: &mut String, reference: &quick_xml::events::BytesRef) {
    if reference.is_char_ref() {
        match reference.resolve_char_ref() {
            Ok(Some(c)) => buffer.push(c),
            _ => buffer.push(char::REPLACEMENT_CHARACTER),
        }
        return;
    }
    let name = String::from_utf8_lossy(reference);
    let resolved = match name.as_ref() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            buffer.push('&');
            buffer.push_str(&name);
            buffer.push(';');
            return;
        }
    };
    buffer.push(resolved);
}

/// A document type is harmless until it declares entities; feeds and sitemaps never need any.
fn check_doctype(doctype: &[u8]) -> Result<(), XmlError> {
    let declares = doctype
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"));
    if declares {
        Err(XmlError::DeclaresEntities)
    } else {
        Ok(())
    }
}

fn malformed(reader: &Reader<&[u8]>, error: &quick_xml::Error) -> XmlError {
    XmlError::Malformed {
        at: reader.error_position(),
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Leaves(Vec<(String, String)>);

    impl Handler for Leaves {
        fn start(&mut self, _: &[String], _: &Element) {}
        fn end(&mut self, path: &[String], text: &str) {
            self.0.push((path.join("/"), text.to_string()));
        }
    }

    fn leaves(text: &str) -> (Vec<(String, String)>, Result<(), XmlError>) {
        let mut handler = Leaves::default();
        let result = read(text, &mut handler);
        (handler.0, result)
    }

    #[test]
    fn text_keeps_references_cdata_and_spaces_between_them() {
        let (got, result) = leaves(
            "<a><t>Tom &amp; Jerry&#8217;s <![CDATA[<b>day</b>]]> &eacute;t&eacute;</t></a>",
        );
        assert_eq!(result, Ok(()));
        assert_eq!(got[0].1, "Tom & Jerry’s <b>day</b> &eacute;t&eacute;");
    }

    #[test]
    fn entity_declarations_are_refused_before_any_expansion() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
                    <!ENTITY lol2 \"&lol;&lol;\">]><rss>&lol2;</rss>";
        assert_eq!(root_name(bomb), Err(XmlError::DeclaresEntities));
        assert_eq!(leaves(bomb).1, Err(XmlError::DeclaresEntities));
        let external = "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss>&x;</rss>";
        assert_eq!(root_name(external), Err(XmlError::DeclaresEntities));
        // A plain public DTD, as old RSS 0.91 feeds carry, is fine.
        let old = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \
                   \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss/>";
        assert_eq!(root_name(old), Ok(Some("rss".to_string())));
    }

    #[test]
    fn broken_xml_says_where_after_handing_over_what_came_before() {
        let (got, result) = leaves("<a><b>kept</b><c>lost</d></a>");
        assert_eq!(got, [("a/b".to_string(), "kept".to_string())]);
        assert!(
            matches!(result, Err(XmlError::Malformed { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn deep_nesting_is_read_past_without_growing_the_path() {
        let depth = 100_000;
        let text = format!(
            "<a>{}<x>inside</x>{}<b>after</b></a>",
            "<d>".repeat(depth),
            "</d>".repeat(depth)
        );
        let (got, result) = leaves(&text);
        assert_eq!(result, Ok(()));
        assert!(got
            .iter()
            .all(|(path, _)| path.split('/').count() <= MAX_DEPTH));
        assert!(got.contains(&("a/b".to_string(), "after".to_string())));
    }

    #[test]
    fn text_before_the_root_is_not_xml() {
        assert_eq!(root_name("hello <a/>"), Err(XmlError::NotXml));
        assert_eq!(root_name("  \n"), Ok(None));
        assert_eq!(
            root_name("<!DOCTYPE html><html lang=en>"),
            Ok(Some("html".to_string()))
        );
    }
}
