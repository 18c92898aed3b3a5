//! The sans-IO driver of a listing: it says which address to fetch next, is handed each body (or
//! the failure), follows next pages and sub-sitemaps within [`Limits`], never fetches an address
//! twice, and merges the posts by canonical address. The shell (the extension's background
//! script, the CLI) only fetches.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};
use url::Url;

use super::discover::{self, Candidate, Group, SourceKind};
use super::{plural, read_source, CatalogueError, DateOrigin, Post, Source};
use crate::warning::{Warning, WarningCode};
use crate::{backlinks, urls};

/// The bounds of one listing, so a hostile or huge blog costs a known amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Addresses fetched in all, alternatives and pages included.
    pub max_sources: usize,
    /// How far from a root candidate: robots.txt → index → sitemap is depth 2. A next page is at
    /// its first page's depth, so long feeds are bounded by `max_sources` instead.
    pub max_depth: usize,
    /// Bytes read from one body; the rest is cut (the posts before the cut are kept).
    pub max_bytes: usize,
    /// Posts kept, after merging.
    pub max_posts: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_sources: 50,
            max_depth: 3,
            max_bytes: 10 * 1024 * 1024,
            max_posts: 5_000,
        }
    }
}

/// What the shell should fetch next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetch {
    /// The address to fetch, absolute.
    pub url: String,
    /// What it should hold.
    pub kind: SourceKind,
    /// Stop reading the body past this many bytes.
    pub max_bytes: usize,
}

/// Why a fetch brought no body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FetchFailure {
    /// The server answered with this HTTP status.
    Status {
        /// The status code, e.g. 403 or 404.
        status: u16,
    },
    /// No answer within the shell's time limit.
    Timeout,
    /// No connection (offline, DNS, refused, blocked by the browser).
    Network,
}

impl FetchFailure {
    fn describe(self) -> String {
        match self {
            FetchFailure::Status { status: 404 | 410 } => "not found".to_string(),
            FetchFailure::Status {
                status: status @ (401 | 403),
            } => format!("refused ({status}): the blog does not let the browser read it"),
            FetchFailure::Status { status: 429 } => {
                "too many requests (429): try Refresh in a while".to_string()
            }
            FetchFailure::Status { status } if status >= 500 => {
                format!("the blog's server failed ({status}): try Refresh later")
            }
            FetchFailure::Status { status } => format!("answered {status}"),
            FetchFailure::Timeout => "no answer in time".to_string(),
            FetchFailure::Network => "could not connect (offline, or the address is wrong)".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Pending {
    url: Url,
    kind: SourceKind,
    depth: usize,
    /// Root candidates are alternatives within their group; follow-ups have none.
    group: Option<Group>,
    /// A feed's next page, whose 404 is the end of the feed, not a failure.
    next_page: bool,
}

#[derive(Debug, Clone)]
struct Merged {
    post: Post,
    date_origin: Option<DateOrigin>,
}

/// One blog's listing in progress. See the module comment for the protocol.
#[derive(Debug, Clone)]
pub struct Listing {
    /// Posts and followed addresses must be on this site (the host permission covers only it).
    site: Option<Url>,
    limits: Limits,
    queue: VecDeque<Pending>,
    in_flight: Vec<Pending>,
    /// Every address queued or fetched, without fragment.
    requested: HashSet<String>,
    settled: Vec<Group>,
    /// Each failed root candidate: its group, address and what went wrong.
    attempts: Vec<(Group, String, String)>,
    handed_out: usize,
    posts: Vec<Merged>,
    post_at: HashMap<String, usize>,
    full: bool,
    warnings: Vec<Warning>,
    /// Counts for the summary notes.
    not_posts: usize,
    other_host: usize,
    too_deep: usize,
    repeated: usize,
    not_fetched: usize,
}

impl Listing {
    /// A listing that tries `candidates` (in their order, alternatives within a group).
    pub fn new(site: Option<Url>, candidates: Vec<Candidate>, limits: Limits) -> Listing {
        let mut listing = Listing {
            site,
            limits,
            queue: VecDeque::new(),
            in_flight: Vec::new(),
            requested: HashSet::new(),
            settled: Vec::new(),
            attempts: Vec::new(),
            handed_out: 0,
            posts: Vec::new(),
            post_at: HashMap::new(),
            full: false,
            warnings: Vec::new(),
            not_posts: 0,
            other_host: 0,
            too_deep: 0,
            repeated: 0,
            not_fetched: 0,
        };
        for candidate in candidates {
            if listing.requested.insert(fetch_key(&candidate.url)) {
                listing.queue.push_back(Pending {
                    url: candidate.url,
                    kind: candidate.kind,
                    depth: 0,
                    group: Some(candidate.group),
                    next_page: false,
                });
            }
        }
        listing
    }

    /// The listing for the blog a page belongs to, from the page's HTML.
    pub fn for_page(html: &str, page_url: &Url, limits: Limits) -> Listing {
        let candidates = discover::candidates_for_page(html, page_url);
        Listing::new(Some(page_url.clone()), candidates, limits)
    }

    /// The listing for a blog known by its address only.
    pub fn for_site(site: &Url, limits: Limits) -> Listing {
        Listing::new(
            Some(site.clone()),
            discover::candidates_for_site(site),
            limits,
        )
    }

    /// The bounds this listing enforces.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The next address to fetch, or `None` when there is none now: either the listing is done
    /// ([`Listing::is_done`]) or the rest waits on fetches in flight (the next alternative of a
    /// group is handed out only once the one before it failed). Call it again after each answer;
    /// calling it several times in a row gives fetches that may run at the same time.
    pub fn next_fetch(&mut self) -> Option<Fetch> {
        if self.full || self.handed_out >= self.limits.max_sources {
            let queued = self
                .queue
                .iter()
                .filter(|p| !self.is_settled(p.group))
                .count();
            self.not_fetched += queued;
            self.queue.clear();
            return None;
        }
        let mut at = 0;
        while at < self.queue.len() {
            let group = self.queue[at].group;
            match group {
                Some(group) if self.settled.contains(&group) => {
                    self.queue.remove(at);
                }
                Some(group) if self.in_flight.iter().any(|p| p.group == Some(group)) => at += 1,
                _ => {
                    let pending = self.queue.remove(at)?;
                    self.handed_out += 1;
                    let fetch = Fetch {
                        url: pending.url.to_string(),
                        kind: pending.kind,
                        max_bytes: self.limits.max_bytes,
                    };
                    self.in_flight.push(pending);
                    return Some(fetch);
                }
            }
        }
        None
    }

    /// Whether nothing is left to fetch or waited for.
    pub fn is_done(&self) -> bool {
        self.in_flight.is_empty()
            && (self.full
                || self.handed_out >= self.limits.max_sources
                || self.queue.iter().all(|p| self.is_settled(p.group)))
    }

    /// Whether `group` (a root candidate's) has found its list already.
    fn is_settled(&self, group: Option<Group>) -> bool {
        group.is_some_and(|g| self.settled.contains(&g))
    }

    /// Hands over the body fetched for `url` (as [`Fetch::url`] gave it); `final_url` is where
    /// redirects ended, the base for relative links.
    pub fn receive(&mut self, url: &str, final_url: Option<&str>, body: &str) {
        let Some(pending) = self.take_in_flight(url) else {
            self.warn(
                WarningCode::SourceUnexpected,
                format!("{url} was not asked for; its body was ignored."),
            );
            return;
        };
        let base = final_url
            .and_then(urls::parse_http)
            .unwrap_or_else(|| pending.url.clone());
        self.requested.insert(fetch_key(&base));
        let body = self.bounded(pending.url.as_str(), body);
        if pending.kind == SourceKind::Robots {
            let sitemaps = discover::robots_sitemaps(body, Some(&base));
            if sitemaps.is_empty() {
                self.failed(&pending, "robots.txt names no sitemap".to_string());
                return;
            }
            self.settle(&pending);
            for sitemap in sitemaps {
                self.queue_follow(sitemap, SourceKind::Sitemap, pending.depth + 1, false);
            }
            return;
        }
        match read_source(body, Some(&base), self.remaining()) {
            Ok(source) => {
                self.settle(&pending);
                self.take_source(pending.url.as_str(), pending.kind, pending.depth, source);
            }
            Err(error) => self.failed(&pending, error.to_string()),
        }
    }

    /// Records that the fetch for `url` failed.
    pub fn fetch_failed(&mut self, url: &str, failure: FetchFailure) {
        if let Some(pending) = self.take_in_flight(url) {
            let end_of_feed = matches!(failure, FetchFailure::Status { status: 404 | 410 });
            if !(pending.next_page && end_of_feed) {
                self.failed(&pending, failure.describe());
            }
        }
    }

    /// Reads a body that was not fetched through [`Listing::next_fetch`] (the CLI's file), as a
    /// root source at `address`; its follow-ups are queued like any other.
    pub fn read(&mut self, address: Option<&Url>, body: &str) -> Result<(), CatalogueError> {
        let label = address.map_or_else(|| "The file".to_string(), Url::to_string);
        if let Some(address) = address {
            self.requested.insert(fetch_key(address));
        }
        let body = self.bounded(&label, body);
        let source = read_source(body, address, self.remaining())?;
        self.take_source(&label, SourceKind::Feed, 0, source);
        Ok(())
    }

    /// The addresses still queued, in order (what the CLI cannot fetch).
    pub fn queued(&self) -> Vec<String> {
        self.queue.iter().map(|p| p.url.to_string()).collect()
    }

    /// The posts so far, oldest first; undated posts last, in the order they were found.
    pub fn posts(&self) -> Vec<Post> {
        let mut posts: Vec<(Option<i64>, usize, &Post)> = self
            .posts
            .iter()
            .enumerate()
            .map(|(order, m)| {
                (
                    m.post.published.as_deref().and_then(instant),
                    order,
                    &m.post,
                )
            })
            .collect();
        posts.sort_by_key(|(when, order, _)| (when.is_none(), *when, *order));
        posts.into_iter().map(|(_, _, post)| post.clone()).collect()
    }

    /// What the user should know about the listing: sources that failed or were cut, what was
    /// left out and why, and, when nothing worked, what was tried.
    pub fn notes(&self) -> Vec<Warning> {
        let mut notes = self.warnings.clone();
        let mut note = |code: WarningCode, count: usize, message: String| {
            if count > 0 {
                notes.push(Warning::new(code, message));
            }
        };
        note(
            WarningCode::NotPosts,
            self.not_posts,
            format!(
                "{} left out: not posts (the home page, tag, category, author and archive \
                 pages, files).",
                plural(self.not_posts, "address", "addresses")
            ),
        );
        note(
            WarningCode::OtherHost,
            self.other_host,
            format!(
                "{} left out: on another site than {}.",
                plural(self.other_host, "address", "addresses"),
                self.site
                    .as_ref()
                    .and_then(Url::host_str)
                    .unwrap_or("the blog")
            ),
        );
        note(
            WarningCode::DepthLimit,
            self.too_deep,
            format!(
                "{} not read: nested deeper than {} levels.",
                plural(self.too_deep, "sitemap", "sitemaps"),
                self.limits.max_depth
            ),
        );
        note(
            WarningCode::AlreadyRead,
            self.repeated,
            format!(
                "{} not fetched again: a list already read (an index listing itself, a next \
                 page seen before).",
                plural(self.repeated, "address", "addresses")
            ),
        );
        let stopped = self.full || self.handed_out >= self.limits.max_sources;
        let unfetched = self.not_fetched
            + if stopped {
                self.queue
                    .iter()
                    .filter(|p| !self.is_settled(p.group))
                    .count()
            } else {
                0
            };
        note(
            WarningCode::SourcesLimit,
            unfetched,
            format!(
                "{} not fetched: a listing reads at most {} sources and keeps at most {} posts.",
                plural(unfetched, "more address", "more addresses"),
                self.limits.max_sources,
                self.limits.max_posts
            ),
        );
        if self.full {
            notes.push(Warning::new(
                WarningCode::PostsLimit,
                format!(
                    "The list stops at {} posts, the most a listing keeps.",
                    self.limits.max_posts
                ),
            ));
        }
        for group in [Group::Feed, Group::Sitemap] {
            let tried: Vec<String> = self
                .attempts
                .iter()
                .filter(|(g, _, _)| *g == group)
                .map(|(_, url, why)| format!("{url} ({why})"))
                .collect();
            if tried.is_empty() || self.settled.contains(&group) {
                continue;
            }
            let (code, what) = match group {
                Group::Feed => (WarningCode::NoFeed, "No feed"),
                Group::Sitemap => (WarningCode::NoSitemap, "No sitemap"),
            };
            notes.push(Warning::new(
                code,
                format!("{what} could be read: {}.", tried.join("; ")),
            ));
        }
        if self.is_done() && self.posts.is_empty() && self.settled.is_empty() {
            notes.push(Warning::new(
                WarningCode::NothingFound,
                "No list of posts was found for this blog. Open a post of the blog and try \
                 again, or check that its feed or sitemap opens in the browser.",
            ));
        }
        notes
    }

    fn take_in_flight(&mut self, url: &str) -> Option<Pending> {
        let key = urls::parse_http(url).map(|u| fetch_key(&u))?;
        let at = self
            .in_flight
            .iter()
            .position(|p| fetch_key(&p.url) == key)?;
        Some(self.in_flight.swap_remove(at))
    }

    fn remaining(&self) -> usize {
        self.limits.max_posts.saturating_sub(self.posts.len())
    }

    /// The body cut at `max_bytes` (at a character boundary), with a note when it was cut.
    fn bounded<'b>(&mut self, label: &str, body: &'b str) -> &'b str {
        if body.len() <= self.limits.max_bytes {
            return body;
        }
        let mut cut = self.limits.max_bytes;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        self.warn(
            WarningCode::SourceTruncated,
            format!(
                "{label} is {} MB; only its first {} MB were read.",
                body.len() / (1024 * 1024),
                self.limits.max_bytes / (1024 * 1024)
            ),
        );
        &body[..cut]
    }

    fn settle(&mut self, pending: &Pending) {
        if let Some(group) = pending.group {
            if !self.settled.contains(&group) {
                self.settled.push(group);
            }
        }
    }

    fn failed(&mut self, pending: &Pending, why: String) {
        match pending.group {
            Some(group) => self.attempts.push((group, pending.url.to_string(), why)),
            None => self.warn(WarningCode::SourceFailed, format!("{}: {why}", pending.url)),
        }
    }

    /// Merges a read source's posts and queues its follow-ups; `label` names it in notes.
    fn take_source(&mut self, label: &str, kind: SourceKind, depth: usize, source: Source) {
        for warning in source.warnings {
            if warning.code == WarningCode::PostsLimit {
                self.full = true;
            } else {
                self.warn(warning.code, format!("{label}: {}", warning.message));
            }
        }
        let mut added = 0;
        for found in source.found {
            added += usize::from(self.merge(found.post, found.date_origin));
        }
        for follow in source.follow {
            // A page that adds nothing new ends the paging (WordPress's `?paged=` has no end
            // marker but a 404).
            if follow.next_page && added == 0 {
                continue;
            }
            let (kind, depth) = if follow.next_page {
                (kind, depth)
            } else {
                (SourceKind::Sitemap, depth + 1)
            };
            self.queue_follow(follow.url, kind, depth, follow.next_page);
        }
    }

    fn queue_follow(&mut self, url: Url, kind: SourceKind, depth: usize, next_page: bool) {
        if self
            .site
            .as_ref()
            .is_some_and(|site| !urls::same_site(&url, site))
        {
            self.other_host += 1;
        } else if depth > self.limits.max_depth {
            self.too_deep += 1;
        } else if !self.requested.insert(fetch_key(&url)) {
            self.repeated += 1;
        } else {
            self.queue.push_back(Pending {
                url,
                kind,
                depth,
                group: None,
                next_page,
            });
        }
    }

    /// Adds or completes a post; whether it was new.
    fn merge(&mut self, post: Post, date_origin: Option<DateOrigin>) -> bool {
        let Ok(url) = Url::parse(&post.url) else {
            return false;
        };
        if self
            .site
            .as_ref()
            .is_some_and(|site| !urls::same_site(&url, site))
        {
            self.other_host += 1;
            return false;
        }
        if !backlinks::is_post_address(&url) || is_listing_page(&url) {
            self.not_posts += 1;
            return false;
        }
        let key = backlinks::key(&url);
        if let Some(&at) = self.post_at.get(&key) {
            let known = &mut self.posts[at];
            if known.post.title.is_none() {
                known.post.title = post.title;
            }
            if date_origin > known.date_origin {
                known.post.published = post.published;
                known.date_origin = date_origin;
            }
            for tag in post.tags {
                let has = known.post.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag));
                if !has && known.post.tags.len() < 20 {
                    known.post.tags.push(tag);
                }
            }
            return false;
        }
        if self.posts.len() >= self.limits.max_posts {
            self.full = true;
            return false;
        }
        self.post_at.insert(key, self.posts.len());
        self.posts.push(Merged { post, date_origin });
        true
    }

    fn warn(&mut self, code: WarningCode, message: String) {
        // One source can only say so much: a hostile listing cannot grow the notes unboundedly.
        if self.warnings.len() < 100 {
            self.warnings.push(Warning::new(code, message));
        }
    }
}

/// Listing pages that sitemaps carry and the page links' rules do not know (Hashnode's series).
fn is_listing_page(url: &Url) -> bool {
    url.path_segments()
        .and_then(|mut s| s.next())
        .is_some_and(|first| matches!(first, "series" | "collections"))
}

/// How fetched addresses are compared: exactly, but for the fragment.
fn fetch_key(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

/// Seconds since 1970 (UTC) of an ISO 8601 date as the catalogue writes them, for ordering; a
/// date without a time is its midnight UTC.
pub(super) fn instant(iso: &str) -> Option<i64> {
    let year: i64 = iso.get(0..4)?.parse().ok()?;
    let month: i64 = iso.get(5..7)?.parse().ok()?;
    let day: i64 = iso.get(8..10)?.parse().ok()?;
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut seconds = days * 86_400;
    if let Some(time) = iso.get(11..19) {
        let hms: Vec<i64> = time.split(':').filter_map(|p| p.parse().ok()).collect();
        if let [h, m, s] = hms[..] {
            seconds += h * 3600 + m * 60 + s;
        }
        let zone = iso.get(19..).unwrap_or("");
        if let (Some(sign), Some(h), Some(m)) = (
            zone.chars().next(),
            zone.get(1..3).and_then(|h| h.parse::<i64>().ok()),
            zone.get(4..6).and_then(|m| m.parse::<i64>().ok()),
        ) {
            let offset = (h * 60 + m) * 60;
            seconds += if sign == '-' { offset } else { -offset };
        }
    }
    Some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_order_across_offsets() {
        assert_eq!(instant("1970-01-01"), Some(0));
        assert_eq!(instant("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(instant("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(instant("1970-01-01T00:00:00-00:30"), Some(1800));
        assert!(instant("2024-03-01") > instant("2024-02-29T23:59:59Z"));
        assert_eq!(instant("soon"), None);
    }
}
