//! RSS 2.0 (and its 0.9x and 1.0 ancestors): `<item>`s with `link` (or a permalink `guid`),
//! `title`, `pubDate` (RFC 822) or `dc:date`, `category`/`dc:subject`. The next page is an
//! `atom:link rel="next"`; a WordPress feed without one is paged with `?paged=N`.

use super::xml::{self, Element, Handler, XmlError};
use super::{is, parent, plain_title, Collector, DateOrigin, Entry};

pub(super) fn read(body: &str, collector: &mut Collector) -> Result<(), XmlError> {
    let mut reader = RssReader {
        collector,
        entry: None,
        wordpress: false,
        next: false,
    };
    let result = xml::read(body, &mut reader);
    if reader.wordpress && !reader.next && !reader.collector.found.is_empty() {
        if let Some(next) = reader.collector.base().and_then(next_wordpress_page) {
            reader.collector.follow(&next, true);
        }
    }
    result
}

struct RssReader<'a> {
    collector: &'a mut Collector,
    entry: Option<Item>,
    /// The channel's `<generator>` is WordPress, whose feeds page with `?paged=N`.
    wordpress: bool,
    /// The feed names its next page itself.
    next: bool,
}

#[derive(Default)]
struct Item {
    entry: Entry,
    /// A `guid` that is a permalink (the default), used when there is no `link`.
    guid: Option<String>,
}

impl Handler for RssReader<'_> {
    fn start(&mut self, path: &[String], element: &Element) {
        let name = element.name.as_str();
        if is(name, "item") {
            let mut item = Item::default();
            // RSS 1.0 names the item's address in `rdf:about`.
            item.entry.link = element.attr("rdf:about").map(str::to_string);
            self.entry = Some(item);
        } else if self.entry.is_none() && is(name, "atom:link") {
            if element
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("next"))
            {
                if let Some(href) = element.attr("href") {
                    self.collector.follow(href, true);
                    self.next = true;
                }
            }
        } else if let Some(item) = &mut self.entry {
            if is(name, "guid") && is(parent(path), "item") {
                let permalink = element
                    .attr("isPermaLink")
                    .is_none_or(|v| !v.trim().eq_ignore_ascii_case("false"));
                item.guid = permalink.then(String::new);
            }
        }
    }

    fn end(&mut self, path: &[String], text: &str) {
        let name = path.last().map_or("", String::as_str);
        if is(name, "item") {
            if let Some(mut item) = self.entry.take() {
                if item.entry.link.is_none() {
                    item.entry.link = item.guid.filter(|g| g.starts_with("http"));
                }
                self.collector.add(item.entry);
            }
            return;
        }
        if is(name, "generator") && text.to_ascii_lowercase().contains("wordpress.org") {
            self.wordpress = true;
        }
        let Some(item) = &mut self.entry else {
            return;
        };
        if !is(parent(path), "item") {
            return;
        }
        let text = text.trim();
        let entry = &mut item.entry;
        match name.to_ascii_lowercase().as_str() {
            "link" if !text.is_empty() => entry.link = Some(text.to_string()),
            "guid" => {
                if let Some(guid) = &mut item.guid {
                    *guid = text.to_string();
                }
            }
            "title" => entry.title = plain_title(text, false),
            "pubdate" | "dc:date" | "a10:updated" => entry.date(text, DateOrigin::Published),
            "category" | "dc:subject" => entry.tag(text),
            _ => {}
        }
    }

    fn is_full(&self) -> bool {
        self.collector.is_full()
    }
}

/// The next page of a WordPress feed: `?paged=2`, or one more than the page it is.
fn next_wordpress_page(address: &url::Url) -> Option<String> {
    let current: u32 = address
        .query_pairs()
        .find(|(k, _)| k == "paged")
        .map_or(Some(1), |(_, v)| v.parse().ok())?;
    let mut next = address.clone();
    let kept: Vec<(String, String)> = address
        .query_pairs()
        .filter(|(k, _)| k != "paged")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    next.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("paged", &(current.checked_add(1)?).to_string());
    Some(next.to_string())
}

/// An RFC 822 date as RSS writes it (`Tue, 05 Mar 2024 10:00:00 GMT`, `5 Mar 24 10:00 +0100`)
/// as ISO 8601 with its offset.
pub(super) fn rfc822(raw: &str) -> Option<String> {
    // The weekday is optional and says nothing the date does not.
    let rest = match raw.split_once(',') {
        Some((weekday, rest)) if weekday.trim().chars().all(char::is_alphabetic) => rest,
        _ => raw,
    };
    let mut parts = rest.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year_text = parts.next()?;
    let year: i32 = match year_text.parse::<i32>().ok()? {
        y if year_text.len() == 2 && y < 50 => 2000 + y,
        y if year_text.len() == 2 => 1900 + y,
        y => y,
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let Some(time) = parts.next() else {
        return Some(date);
    };
    let mut clock = time.split(':').map(|p| p.parse::<u32>().ok());
    let (hour, minute) = (clock.next()??, clock.next()??);
    let second = clock.next().unwrap_or(Some(0))?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match parts.next() {
        None => String::new(),
        Some(zone) => zone_offset(zone)?,
    };
    Some(format!("{date}T{hour:02}:{minute:02}:{second:02}{offset}"))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

/// `GMT`/`UT`/`Z`, the US zones RFC 822 names, or `+hhmm`.
fn zone_offset(zone: &str) -> Option<String> {
    let hours = match zone.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => return Some("Z".to_string()),
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => {
            let (sign, digits) = zone.split_at_checked(1)?;
            if !matches!(sign, "+" | "-")
                || digits.len() != 4
                || !digits.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            if digits == "0000" {
                return Some("Z".to_string());
            }
            return Some(format!("{sign}{}:{}", &digits[..2], &digits[2..]));
        }
    };
    Some(format!("{hours:+03}:00"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_dates_keep_their_offset() {
        assert_eq!(
            rfc822("Tue, 05 Mar 2024 10:00:00 GMT").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(
            rfc822("Wed, 6 Mar 2024 08:15:00 +0100").as_deref(),
            Some("2024-03-06T08:15:00+01:00")
        );
        assert_eq!(
            rfc822("6 Mar 24 08:15 EST").as_deref(),
            Some("2024-03-06T08:15:00-05:00")
        );
        assert_eq!(rfc822("2024-03-05"), None);
        assert_eq!(rfc822("Tue, 45 Mar 2024 10:00:00 GMT"), None);
        assert_eq!(rfc822("Tue, 05 Mar 2024 10:00:00 Mars/Olympus"), None);
    }

    #[test]
    fn wordpress_pages_count_up() {
        let first = url::Url::parse("https://b.example/feed/").unwrap();
        assert_eq!(
            next_wordpress_page(&first).as_deref(),
            Some("https://b.example/feed/?paged=2")
        );
        let third = url::Url::parse("https://b.example/feed/?paged=3").unwrap();
        assert_eq!(
            next_wordpress_page(&third).as_deref(),
            Some("https://b.example/feed/?paged=4")
        );
    }
}
