//! The record of what was sent to Medium, and the two checks made from it before sending again:
//! the same post already sent (same canonical URL), and more posts today than the user wants.

use serde::{Deserialize, Serialize};
use url::Url;

use super::DeliveryMethod;
use crate::urls;
use crate::warning::{Warning, WarningCode};

/// One delivery, as stored in `history` (newest last). Every field has a default so an entry
/// written by an older version still reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryEntry {
    /// The draft's id.
    pub id: String,
    /// The draft's title when it was sent.
    pub title: String,
    /// The page the draft was built from.
    pub source_url: String,
    /// The canonical URL sent: how a second send of the same post is spotted.
    pub canonical_url: Option<String>,
    /// The Medium story's address, when the API returned one (editor and import give none).
    pub medium_url: Option<String>,
    /// Which way it went to Medium.
    pub method: DeliveryMethod,
    /// When, as an ISO 8601 instant (`Date.prototype.toISOString()` writes `…Z`).
    pub date: String,
    /// `draft`/`public`/`unlisted` for the API, `inserted`/`on-clipboard` for the editor,
    /// `opened` for the import tool, `failed` for a delivery that did not happen.
    pub status: String,
}

impl Default for HistoryEntry {
    fn default() -> Self {
        HistoryEntry {
            id: String::new(),
            title: String::new(),
            source_url: String::new(),
            canonical_url: None,
            medium_url: None,
            method: DeliveryMethod::Editor,
            date: String::new(),
            status: String::new(),
        }
    }
}

impl HistoryEntry {
    fn delivered(&self) -> bool {
        self.status != "failed"
    }
}

/// Today's deliveries against the user's daily threshold, for the history view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyCount {
    /// Deliveries made today.
    pub count: usize,
    /// The user's daily threshold (0: no limit).
    pub limit: u32,
    /// Whether today's count is already at or past the threshold (the next one goes over).
    pub at_limit: bool,
}

/// Deliveries made since `day_start_ms` (local midnight, milliseconds since the epoch: the
/// shell knows the user's time zone, the core does not).
pub fn daily_count(history: &[HistoryEntry], day_start_ms: i64, limit: u32) -> DailyCount {
    let count = history
        .iter()
        .filter(|e| e.delivered())
        .filter(|e| parse_instant_ms(&e.date).is_some_and(|ms| ms >= day_start_ms))
        .count();
    DailyCount {
        count,
        limit,
        at_limit: limit > 0 && count >= limit as usize,
    }
}

/// Earlier deliveries of the same post: same canonical URL up to `www.`, scheme, trailing slash,
/// fragment and tracking parameters.
pub fn earlier_deliveries<'a>(
    history: &'a [HistoryEntry],
    canonical_url: &str,
) -> Vec<&'a HistoryEntry> {
    history
        .iter()
        .filter(|e| e.delivered())
        .filter(|e| {
            e.canonical_url
                .as_deref()
                .is_some_and(|c| same_post(c, canonical_url))
        })
        .collect()
}

/// What to tell the user before sending a draft: already sent? over today's threshold?
/// A `daily_limit` of 0 turns the daily warning off.
pub fn delivery_warnings(
    history: &[HistoryEntry],
    canonical_url: Option<&str>,
    day_start_ms: i64,
    daily_limit: u32,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(canonical_url) = canonical_url.filter(|c| !c.trim().is_empty()) {
        if let Some(last) = earlier_deliveries(history, canonical_url).last() {
            let day = last.date.get(..10).unwrap_or("an earlier day");
            let where_to = match (&last.medium_url, last.method) {
                (Some(url), _) => format!("via the API, now at {url}"),
                (None, DeliveryMethod::Editor) => "by opening it in Medium's editor".to_string(),
                (None, DeliveryMethod::Import) => "with Medium's import tool".to_string(),
                (None, DeliveryMethod::Api) => "via the API".to_string(),
            };
            warnings.push(Warning::new(
                WarningCode::AlreadySent,
                format!(
                    "You already sent this post to Medium on {day}, {where_to}. Sending it again \
                     makes a second Medium story; edit the first one instead unless you want two."
                ),
            ));
        }
    }
    let today = daily_count(history, day_start_ms, daily_limit);
    if today.at_limit {
        warnings.push(Warning::new(
            WarningCode::DailyLimit,
            format!(
                "You have sent {} posts to Medium today and your daily limit is {}. Many posts \
                 in one day can look like spam to readers and to Medium; consider sending this \
                 one tomorrow (change the limit in Options).",
                today.count, today.limit
            ),
        ));
    }
    warnings
}

/// Whether two canonical URLs name the same post.
pub fn same_post(a: &str, b: &str) -> bool {
    match (urls::parse_http(a), urls::parse_http(b)) {
        (Some(a), Some(b)) => {
            let (a, b) = (urls::without_tracking(&a), urls::without_tracking(&b));
            urls::same_site(&a, &b) && a.port() == b.port() && path_key(&a) == path_key(&b)
        }
        _ => a.trim() == b.trim(),
    }
}

fn path_key(url: &Url) -> (String, Option<String>) {
    (
        url.path().trim_end_matches('/').to_string(),
        url.query().map(str::to_string),
    )
}

/// Milliseconds since the epoch for an ISO 8601 instant: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed
/// by `Z` or `±HH:MM`. A date without time or zone is taken as UTC midnight. `None` if unreadable.
pub fn parse_instant_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = digits(text.get(0..4)?)?;
    let month = digits(text.get(5..7)?)?;
    let day = digits(text.get(8..10)?)?;
    if text.get(4..5)? != "-" || text.get(7..8)? != "-" || !(1..=12).contains(&month) {
        return None;
    }
    if !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(ms);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    // Split the time from its zone.
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let (time, zone) = rest.split_at(zone_at);
    let mut parts = time.splitn(3, ':');
    let hour = digits(parts.next()?)?;
    let minute = digits(parts.next()?)?;
    let (second, millis) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, fraction) = sec.split_once(['.', ',']).unwrap_or((sec, ""));
            let millis = if fraction.is_empty() {
                0
            } else {
                let padded: String = fraction.chars().chain("000".chars()).take(3).collect();
                digits(&padded)?
            };
            (digits(whole)?, millis)
        }
    };
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    ms += ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    let offset_minutes = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (h, m) = zone
                .get(1..)?
                .split_once(':')
                .unwrap_or((zone.get(1..3)?, zone.get(3..)?));
            let (h, m) = (digits(h)?, digits(m)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    Some(ms - offset_minutes * 60_000)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        canonical: &str,
        date: &str,
        method: DeliveryMethod,
        medium_url: Option<&str>,
    ) -> HistoryEntry {
        HistoryEntry {
            id: format!("d-{date}"),
            title: "A post".into(),
            source_url: canonical.into(),
            canonical_url: Some(canonical.into()),
            medium_url: medium_url.map(str::to_string),
            method,
            date: date.into(),
            status: if medium_url.is_some() {
                "draft"
            } else {
                "inserted"
            }
            .into(),
        }
    }

    const NOV_24_MIDNIGHT_UTC: i64 = 1_795_478_400_000;

    #[test]
    fn instants_parse_in_every_form_the_shell_may_write() {
        assert_eq!(parse_instant_ms("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(
            parse_instant_ms("2026-11-24T00:00:00.000Z"),
            Some(NOV_24_MIDNIGHT_UTC)
        );
        assert_eq!(parse_instant_ms("2026-11-24"), Some(NOV_24_MIDNIGHT_UTC));
        assert_eq!(
            parse_instant_ms("2026-11-24T01:30:00+01:30"),
            Some(NOV_24_MIDNIGHT_UTC)
        );
        assert_eq!(
            parse_instant_ms("2026-11-23T19:00-05:00"),
            Some(NOV_24_MIDNIGHT_UTC)
        );
        assert_eq!(
            parse_instant_ms("2026-11-24T00:00:01.5Z"),
            Some(NOV_24_MIDNIGHT_UTC + 1500)
        );
        assert_eq!(
            parse_instant_ms("2024-02-29T12:00:00Z"),
            Some(1_709_208_000_000)
        );
        for bad in [
            "",
            "yesterday",
            "2023-02-29",
            "2026-13-01",
            "2026-11-24T25:00Z",
            "2026-11-24T10:00",
            "２０２６-11-24",
        ] {
            assert_eq!(parse_instant_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn same_post_ignores_what_does_not_change_the_post() {
        assert!(same_post(
            "https://www.blog.example/post/",
            "http://blog.example/post"
        ));
        assert!(same_post(
            "https://blog.example/post?utm_source=x#comments",
            "https://blog.example/post"
        ));
        assert!(same_post(
            "https://Blog.Example/a?id=2",
            "https://blog.example/a?id=2"
        ));
        assert!(!same_post(
            "https://blog.example/a?id=2",
            "https://blog.example/a?id=3"
        ));
        assert!(!same_post(
            "https://blog.example/a",
            "https://blog.example/b"
        ));
        assert!(!same_post(
            "https://blog.example/a",
            "https://other.example/a"
        ));
        assert!(!same_post(
            "https://blog.example/A",
            "https://blog.example/a"
        ));
    }

    #[test]
    fn warns_when_the_same_canonical_was_already_sent() {
        let history = vec![
            entry(
                "https://blog.example/other",
                "2026-11-20T09:00:00.000Z",
                DeliveryMethod::Api,
                Some("https://medium.com/@ada/other-1"),
            ),
            entry(
                "https://blog.example/post/",
                "2026-11-21T09:00:00.000Z",
                DeliveryMethod::Api,
                Some("https://medium.com/@ada/post-2"),
            ),
        ];
        let warnings = delivery_warnings(
            &history,
            Some("https://www.blog.example/post"),
            NOV_24_MIDNIGHT_UTC,
            3,
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, WarningCode::AlreadySent);
        assert!(warnings[0].message.contains("on 2026-11-21"));
        assert!(warnings[0]
            .message
            .contains("https://medium.com/@ada/post-2"));

        let editor = vec![entry(
            "https://blog.example/post",
            "2026-11-22T09:00:00.000Z",
            DeliveryMethod::Editor,
            None,
        )];
        let warnings = delivery_warnings(
            &editor,
            Some("https://blog.example/post"),
            NOV_24_MIDNIGHT_UTC,
            3,
        );
        assert!(warnings[0]
            .message
            .contains("by opening it in Medium's editor"));

        assert!(delivery_warnings(
            &history,
            Some("https://blog.example/new"),
            NOV_24_MIDNIGHT_UTC,
            3
        )
        .is_empty());
        assert!(delivery_warnings(&history, None, NOV_24_MIDNIGHT_UTC, 3).is_empty());
    }

    #[test]
    fn failed_deliveries_count_for_nothing() {
        let mut failed = entry(
            "https://blog.example/post",
            "2026-11-24T09:00:00.000Z",
            DeliveryMethod::Api,
            None,
        );
        failed.status = "failed".into();
        let history = vec![failed.clone(), failed.clone(), failed];
        assert!(delivery_warnings(
            &history,
            Some("https://blog.example/post"),
            NOV_24_MIDNIGHT_UTC,
            1
        )
        .is_empty());
        assert_eq!(daily_count(&history, NOV_24_MIDNIGHT_UTC, 1).count, 0);
    }

    #[test]
    fn the_daily_warning_starts_when_the_next_post_would_pass_the_limit() {
        let today = |hour: u32| {
            entry(
                &format!("https://blog.example/{hour}"),
                &format!("2026-11-24T{hour:02}:00:00.000Z"),
                DeliveryMethod::Import,
                None,
            )
        };
        let mut history = vec![
            entry(
                "https://blog.example/old",
                "2026-11-23T23:59:59.999Z",
                DeliveryMethod::Api,
                Some("https://medium.com/p/1"),
            ),
            today(8),
            today(9),
        ];
        assert_eq!(
            daily_count(&history, NOV_24_MIDNIGHT_UTC, 3),
            DailyCount {
                count: 2,
                limit: 3,
                at_limit: false
            }
        );
        assert!(delivery_warnings(&history, None, NOV_24_MIDNIGHT_UTC, 3).is_empty());
        history.push(today(10));
        let warnings = delivery_warnings(&history, None, NOV_24_MIDNIGHT_UTC, 3);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, WarningCode::DailyLimit);
        assert!(warnings[0].message.contains("sent 3 posts to Medium today"));
        // Limit 0 means "no warning".
        assert!(delivery_warnings(&history, None, NOV_24_MIDNIGHT_UTC, 0).is_empty());
        // An unreadable date is not counted as today.
        history.push(HistoryEntry {
            date: "garbage".into(),
            ..today(11)
        });
        assert_eq!(daily_count(&history, NOV_24_MIDNIGHT_UTC, 3).count, 3);
    }

    #[test]
    fn entries_from_storage_read_even_when_incomplete() {
        let entries: Vec<HistoryEntry> = serde_json::from_str(
            r#"[{"id":"a","method":"api","date":"2026-11-24T10:00:00.000Z","status":"draft",
                 "medium_url":"https://medium.com/p/x","canonical_url":null},
                {"id":"b","method":"import"}]"#,
        )
        .unwrap();
        assert_eq!(entries[0].method, DeliveryMethod::Api);
        assert_eq!(entries[1].method, DeliveryMethod::Import);
        assert_eq!(entries[1].canonical_url, None);
    }
}
