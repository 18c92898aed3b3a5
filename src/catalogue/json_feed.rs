//! JSON Feed 1.0 and 1.1: `items` with `url` (else an `id` that is one), `title`,
//! `date_published` (else `date_modified`) and `tags`; the next page is `next_url`.
//! serde_json's recursion limit refuses absurdly nested input.

use serde_json::Value;

use super::{plain_title, CatalogueError, Collector, DateOrigin, Entry};

pub(super) fn read(body: &str, collector: &mut Collector) -> Result<(), CatalogueError> {
    let feed: Value = serde_json::from_str(body)
        .map_err(|e| CatalogueError::Unrecognised(format!("broken JSON ({e})")))?;
    let is_json_feed = feed
        .get("version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/version/"));
    if !is_json_feed {
        return Err(CatalogueError::Unrecognised(
            "JSON that is not a JSON Feed (no jsonfeed.org version)".into(),
        ));
    }
    for item in feed
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if collector.is_full() {
            break;
        }
        let mut entry = Entry {
            link: text(item, "url")
                .or_else(|| text(item, "id").filter(|id| id.starts_with("http")))
                .map(str::to_string),
            title: text(item, "title").and_then(|t| plain_title(t, false)),
            ..Entry::default()
        };
        if let Some(date) = text(item, "date_published").or_else(|| text(item, "date_modified")) {
            entry.date(date, DateOrigin::Published);
        }
        for tag in item
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(tag) = tag.as_str() {
                entry.tag(tag);
            }
        }
        collector.add(entry);
    }
    if let Some(next) = text(&feed, "next_url") {
        collector.follow(next, true);
    }
    Ok(())
}

fn text<'v>(item: &'v Value, key: &str) -> Option<&'v str> {
    item.get(key).and_then(Value::as_str).map(str::trim)
}
