//! The blog's list of posts, read the way the extension reads it, from blogs written for this
//! project in the shapes each platform publishes.
//!
//! Every `tests/catalogue/<platform>-<case>/` is a small fake blog:
//! - `site.txt`: the address of the page the listing starts from, and `page.html`, that page;
//! - `routes.txt`: what the blog serves, one `PATH FILE` (or `PATH status=403`, `PATH timeout`)
//!   a line, the path with its query; anything else answers 404;
//! - `expected-posts.json` (the posts, oldest first), `expected-fetches.txt` (every address the
//!   listing asked for, in order, with the answer) and `expected-notes.txt` (`code: message`):
//!   snapshots, reviewed in the diff. `UPDATE_SNAPSHOTS=1 cargo test --test catalogue` rewrites
//!   them from the current output.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use send_to_medium::catalogue::discover::{Candidate, Group, SourceKind};
use send_to_medium::catalogue::{self, FetchFailure, Limits, Listing, Post};
use url::Url;

const BIN: &str = env!("CARGO_BIN_EXE_send-to-medium");

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue")
}

fn updating_snapshots() -> bool {
    std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// What a fake blog answers for an address.
#[derive(Debug, Clone)]
enum Answer {
    Body(String),
    Failure(FetchFailure),
}

/// A fake blog: paths (with query) to answers.
struct Blog {
    origin: Url,
    routes: HashMap<String, Answer>,
}

impl Blog {
    fn read(dir: &Path, origin: &Url) -> Blog {
        let routes = fs::read_to_string(dir.join("routes.txt")).expect("routes.txt");
        let routes = routes
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (path, target) = line.split_once(' ').expect("PATH FILE");
                let answer = if let Some(status) = target.strip_prefix("status=") {
                    Answer::Failure(FetchFailure::Status {
                        status: status.parse().expect("a status"),
                    })
                } else if target == "timeout" {
                    Answer::Failure(FetchFailure::Timeout)
                } else {
                    let bytes = fs::read(dir.join(target)).expect("a routed file");
                    Answer::Body(catalogue::decode(&bytes))
                };
                (path.to_string(), answer)
            })
            .collect();
        Blog {
            origin: origin.clone(),
            routes,
        }
    }

    fn answer(&self, url: &str) -> Answer {
        let url = Url::parse(url).expect("fetches are absolute");
        let path = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        if url.host_str() != self.origin.host_str() {
            return Answer::Failure(FetchFailure::Network);
        }
        self.routes
            .get(&path)
            .cloned()
            .unwrap_or(Answer::Failure(FetchFailure::Status { status: 404 }))
    }
}

/// Runs a listing over the blog: one fetch at a time, or every fetch the listing allows at once
/// before answering any (as a shell with parallel fetches does). Returns the fetch log.
fn run(listing: &mut Listing, blog: &Blog, parallel: bool) -> Vec<String> {
    let mut log = Vec::new();
    loop {
        let mut batch = Vec::new();
        while let Some(fetch) = listing.next_fetch() {
            batch.push(fetch);
            if !parallel {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        for fetch in batch {
            match blog.answer(&fetch.url) {
                Answer::Body(body) => {
                    log.push(format!("{} {:?} 200", fetch.url, fetch.kind));
                    listing.receive(&fetch.url, None, &body);
                }
                Answer::Failure(failure) => {
                    log.push(format!("{} {:?} {failure:?}", fetch.url, fetch.kind));
                    listing.fetch_failed(&fetch.url, failure);
                }
            }
        }
    }
    assert!(listing.is_done(), "the listing stopped before it was done");
    log
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures_root())
        .expect("tests/catalogue exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("routes.txt").exists())
        .collect();
    dirs.sort();
    dirs
}

/// Compares `actual` with the snapshot file, or rewrites it; a difference is a failure line.
fn check_snapshot(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if updating_snapshots() {
        fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
}

fn posts_json(posts: &[Post]) -> String {
    serde_json::to_string_pretty(posts).expect("posts serialise") + "\n"
}

#[test]
fn every_platform_fixture_lists_its_posts_as_the_snapshots_say() {
    let dirs = fixture_dirs();
    for platform in [
        "wordpress-core",
        "wordpress-yoast",
        "blogger",
        "ghost",
        "hugo",
        "jekyll",
        "substack",
        "devto",
        "hashnode",
    ] {
        assert!(
            dirs.iter().any(|d| d
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(platform))),
            "no fixture for {platform}"
        );
    }
    let mut failures = Vec::new();
    for dir in &dirs {
        let site = fs::read_to_string(dir.join("site.txt")).expect("site.txt");
        let site = Url::parse(site.trim()).expect("site.txt is a URL");
        let html = fs::read_to_string(dir.join("page.html")).unwrap_or_default();
        let blog = Blog::read(dir, &site);

        let mut listing = Listing::for_page(&html, &site, Limits::default());
        let log = run(&mut listing, &blog, false);
        let posts = listing.posts();
        let notes: String = listing
            .notes()
            .iter()
            .map(|n| format!("{}: {}\n", n.code, n.message))
            .collect();
        check_snapshot(
            &dir.join("expected-posts.json"),
            &posts_json(&posts),
            &mut failures,
        );
        check_snapshot(
            &dir.join("expected-fetches.txt"),
            &(log.join("\n") + "\n"),
            &mut failures,
        );
        check_snapshot(&dir.join("expected-notes.txt"), &notes, &mut failures);

        // Fetching in parallel finds the same posts.
        let mut parallel = Listing::for_page(&html, &site, Limits::default());
        run(&mut parallel, &blog, true);
        if parallel.posts() != posts {
            failures.push(format!(
                "{}: parallel fetches found other posts",
                dir.display()
            ));
        }
        // Every post is a post of this blog, absolute, and listed once.
        for post in &posts {
            let url = Url::parse(&post.url).expect("absolute");
            assert_eq!(url.host_str(), site.host_str(), "{}", post.url);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// --- bad input: each gives a clear note or error, in bounded time, never a panic.

fn blog_of(routes: &[(&str, Answer)]) -> Blog {
    Blog {
        origin: Url::parse("https://blog.example/").unwrap(),
        routes: routes
            .iter()
            .map(|(p, a)| (p.to_string(), a.clone()))
            .collect(),
    }
}

fn body(text: &str) -> Answer {
    Answer::Body(text.to_string())
}

fn codes(listing: &Listing) -> Vec<String> {
    listing
        .notes()
        .into_iter()
        .map(|n| n.code.to_string())
        .collect()
}

fn message(listing: &Listing, code: &str) -> String {
    listing
        .notes()
        .into_iter()
        .find(|n| n.code.as_str() == code)
        .map(|n| n.message)
        .unwrap_or_else(|| panic!("no {code} note in {:?}", listing.notes()))
}

fn sitemap_of(paths: &[&str]) -> String {
    let urls: String = paths
        .iter()
        .map(|p| format!("<url><loc>https://blog.example{p}</loc></url>"))
        .collect();
    format!("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>")
}

#[test]
fn a_feed_that_is_html_falls_through_to_the_next_candidate_and_says_so() {
    let site = Url::parse("https://blog.example/").unwrap();
    let not_found = "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Oops</h1></body></html>";
    let blog = blog_of(&[
        ("/feed/", body(not_found)),
        ("/feed.xml", body(not_found)),
        (
            "/rss.xml",
            Answer::Failure(FetchFailure::Status { status: 403 }),
        ),
        ("/index.xml", Answer::Failure(FetchFailure::Timeout)),
        ("/robots.txt", body("User-agent: *\nDisallow:\n")),
        (
            "/sitemap.xml",
            body(&sitemap_of(&["/a-first-post/", "/tag/x/"])),
        ),
    ]);
    let mut listing = Listing::for_site(&site, Limits::default());
    run(&mut listing, &blog, false);
    let posts = listing.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(posts[0].url, "https://blog.example/a-first-post/");
    let no_feed = message(&listing, "no-feed");
    assert!(
        no_feed.contains("https://blog.example/feed/ (This is an HTML page"),
        "{no_feed}"
    );
    assert!(no_feed.contains("refused (403)"), "{no_feed}");
    assert!(no_feed.contains("no answer in time"), "{no_feed}");
    assert!(no_feed.contains("atom.xml (not found)"), "{no_feed}");
    assert!(codes(&listing).contains(&"not-posts".to_string()));
}

#[test]
fn a_blog_that_refuses_everything_says_what_was_tried() {
    let site = Url::parse("https://blog.example/").unwrap();
    let mut listing = Listing::for_site(&site, Limits::default());
    while let Some(fetch) = listing.next_fetch() {
        listing.fetch_failed(&fetch.url, FetchFailure::Status { status: 403 });
    }
    assert!(listing.is_done());
    assert!(listing.posts().is_empty());
    let codes = codes(&listing);
    for code in ["no-feed", "no-sitemap", "nothing-found"] {
        assert!(codes.contains(&code.to_string()), "{codes:?}");
    }
}

#[test]
fn an_index_that_points_at_itself_is_read_once() {
    let index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
        <sitemap><loc>https://blog.example/sitemap.xml</loc></sitemap>\
        <sitemap><loc>/posts.xml</loc></sitemap>\
        <sitemap><loc>https://blog.example/sitemap.xml#again</loc></sitemap></sitemapindex>";
    let posts_index = "<sitemapindex><sitemap><loc>/sitemap.xml</loc></sitemap>\
        <sitemap><loc>/posts.xml</loc></sitemap></sitemapindex>";
    let blog = blog_of(&[
        ("/sitemap.xml", body(index)),
        ("/posts.xml", body(&sitemap_of(&["/one/", "/two/"]))),
        ("/posts-index.xml", body(posts_index)),
    ]);
    let candidate = Candidate {
        url: Url::parse("https://blog.example/sitemap.xml").unwrap(),
        kind: SourceKind::Sitemap,
        group: Group::Sitemap,
    };
    let site = Url::parse("https://blog.example/").unwrap();
    let mut listing = Listing::new(Some(site), vec![candidate], Limits::default());
    let log = run(&mut listing, &blog, true);
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(listing.posts().len(), 2);
    assert!(message(&listing, "already-read").starts_with("1 address not fetched again"));
}

/// A chain of indexes, each listing the next: followed to the depth bound only.
#[test]
fn nested_indexes_stop_at_the_depth_bound() {
    let mut routes = Vec::new();
    for level in 0..10 {
        let index = format!(
            "<sitemapindex><sitemap><loc>/level-{}.xml</loc></sitemap></sitemapindex>",
            level + 1
        );
        routes.push((format!("/level-{level}.xml"), body(&index)));
    }
    let blog = Blog {
        origin: Url::parse("https://blog.example/").unwrap(),
        routes: routes.into_iter().collect(),
    };
    let candidate = Candidate {
        url: Url::parse("https://blog.example/level-0.xml").unwrap(),
        kind: SourceKind::Sitemap,
        group: Group::Sitemap,
    };
    let mut listing = Listing::new(None, vec![candidate], Limits::default());
    let log = run(&mut listing, &blog, false);
    assert_eq!(log.len(), Limits::default().max_depth + 1, "{log:?}");
    assert!(codes(&listing).contains(&"depth-limit".to_string()));
}

#[test]
fn an_endless_next_page_chain_stops_at_the_source_bound() {
    let site = Url::parse("https://blog.example/").unwrap();
    let mut listing = Listing::new(
        Some(site),
        vec![Candidate {
            url: Url::parse("https://blog.example/feed?page=0").unwrap(),
            kind: SourceKind::Feed,
            group: Group::Feed,
        }],
        Limits::default(),
    );
    let mut fetched = 0;
    while let Some(fetch) = listing.next_fetch() {
        fetched += 1;
        let page: u32 = fetch.url.rsplit('=').next().unwrap().parse().unwrap();
        let feed = format!(
            "<rss><channel><atom:link rel=\"next\" href=\"/feed?page={}\"/>\
             <item><title>Post {page}</title><link>/post-{page}/</link></item></channel></rss>",
            page + 1
        );
        listing.receive(&fetch.url, None, &feed);
    }
    assert_eq!(fetched, Limits::default().max_sources);
    assert_eq!(listing.posts().len(), fetched);
    assert!(codes(&listing).contains(&"sources-limit".to_string()));
}

/// The billion laughs: ten levels of ten references each would expand to 3 GB.
fn billion_laughs() -> String {
    let mut entities = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..10 {
        let refs = format!("&lol{};", level - 1).repeat(10);
        entities.push_str(&format!("<!ENTITY lol{level} \"{refs}\">"));
    }
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{entities}]><rss><channel><item>\
         <title>&lol9;</title><link>https://blog.example/x/</link></item></channel></rss>"
    )
}

#[test]
fn an_entity_bomb_and_an_external_entity_are_refused_unread() {
    let started = Instant::now();
    let error = catalogue::read_source(&billion_laughs(), None, 100).unwrap_err();
    assert_eq!(error.code(), "xml-entities");
    let external = "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY secret SYSTEM \
                    \"file:///etc/passwd\">]><urlset><url><loc>&secret;</loc></url></urlset>";
    assert_eq!(
        catalogue::read_source(external, None, 100)
            .unwrap_err()
            .code(),
        "xml-entities"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn broken_xml_keeps_the_posts_before_the_break() {
    let feed = "<rss><channel><item><title>Kept</title><link>https://blog.example/kept/</link>\
                </item><item><title>Lost</title><link>https://blog.example/lost/</link></channel>";
    let source = catalogue::read_source(feed, None, 100).unwrap();
    assert_eq!(source.found.len(), 1);
    assert_eq!(source.warnings[0].code.as_str(), "source-broken");
    assert!(source.warnings[0]
        .message
        .contains("the 1 post and 0 links read before"));
    let nothing = catalogue::read_source("<rss><channel><item><title>x</wrong>", None, 100);
    assert_eq!(nothing.unwrap_err().code(), "broken-xml");
}

#[test]
fn relative_links_resolve_against_the_source_and_other_hosts_are_left_out() {
    let feed = "<rss><channel><item><title>Relative</title><link>../2024/relative/</link></item>\
        <item><title>Absolute</title><link>https://www.blog.example/absolute/</link></item>\
        <item><title>Elsewhere</title><link>https://mirror.example/copied/</link></item>\
        <item><title>Script</title><link>javascript:alert(1)</link></item>\
        <item><title>Tracked</title><link>/tracked/?utm_source=rss&amp;id=7#comments</link></item>\
        </channel></rss>";
    let site = Url::parse("https://blog.example/").unwrap();
    let address = Url::parse("https://blog.example/feeds/all.xml").unwrap();
    let mut listing = Listing::new(Some(site), Vec::new(), Limits::default());
    listing.read(Some(&address), feed).unwrap();
    let urls: Vec<String> = listing.posts().into_iter().map(|p| p.url).collect();
    assert_eq!(
        urls,
        [
            "https://blog.example/2024/relative/",
            "https://www.blog.example/absolute/",
            "https://blog.example/tracked/?id=7",
        ]
    );
    assert!(message(&listing, "other-host").starts_with("1 address left out: on another site"));
    assert!(codes(&listing).contains(&"links-unresolved".to_string()));
}

/// 50 MB of sitemap, generated here: the listing keeps its post bound and reads it in bounded
/// time; a body over the byte bound is cut there.
#[test]
fn a_fifty_megabyte_sitemap_is_bounded() {
    let started = Instant::now();
    let entry = |i: usize| {
        format!("<url><loc>https://blog.example/2020/01/post-number-{i}/</loc><lastmod>2020-01-01</lastmod></url>\n")
    };
    let mut many = String::from("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    let mut i = 0;
    while many.len() < 50 * 1024 * 1024 {
        many.push_str(&entry(i));
        i += 1;
    }
    many.push_str("</urlset>");
    let mut listing = Listing::new(None, Vec::new(), Limits::default());
    listing.read(None, &many).unwrap();
    assert_eq!(listing.posts().len(), Limits::default().max_posts);
    assert!(codes(&listing).contains(&"posts-limit".to_string()));
    assert!(codes(&listing).contains(&"source-truncated".to_string()));

    // Few posts in a lot of bytes: read up to the byte bound, the posts before it kept.
    let filler = format!("<!-- {} -->", "x".repeat(1024 * 1024));
    let mut sparse = String::from("<urlset>");
    for i in 0..50 {
        sparse.push_str(&entry(i));
        sparse.push_str(&filler);
    }
    sparse.push_str("</urlset>");
    let mut listing = Listing::new(None, Vec::new(), Limits::default());
    listing.read(None, &sparse).unwrap();
    let kept = listing.posts().len();
    assert!(
        (9..=11).contains(&kept),
        "{kept} posts before the 10 MB cut"
    );
    let truncated = message(&listing, "source-truncated");
    assert!(
        truncated.contains("only its first 10 MB were read"),
        "{truncated}"
    );
    assert!(codes(&listing).contains(&"source-broken".to_string()));
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn empty_and_unrecognised_files_are_errors_that_say_what_they_are() {
    for (body, code) in [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("<!doctype html><title>x</title><p>hello", "html"),
        ("{\"version\": \"1\", \"items\": []}", "not-a-feed"),
        ("User-agent: *\nSitemap: /sitemap.xml\n", "not-a-feed"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "not-a-feed"),
    ] {
        let error = catalogue::read_source(body, None, 100).unwrap_err();
        assert_eq!(error.code(), code, "{body:?}: {error}");
        assert!(!error.to_string().contains('\n'));
    }
}

/// Deterministic mutations of every fixture file, read as any kind of source: never a panic.
/// (The cargo-fuzz target `read_posts` does this at length on nightly.)
#[test]
fn mutated_feeds_and_sitemaps_never_panic() {
    let mut seed: u64 = 0x5eed_f00d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for dir in fixture_dirs() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".xml") || name.ends_with(".json") && !name.starts_with("expected") {
                inputs.push(fs::read(entry.path()).unwrap());
            }
        }
    }
    inputs.push(billion_laughs().into_bytes());
    let site = Url::parse("https://blog.example/").unwrap();
    for round in 0..400 {
        let mut bytes = inputs[round % inputs.len()].clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() as usize) % bytes.len().max(1);
            match next() % 4 {
                0 => {
                    bytes.truncate(at);
                }
                1 if at < bytes.len() => bytes[at] = (next() % 256) as u8,
                2 => {
                    let from = (next() as usize) % bytes.len().max(1);
                    let piece: Vec<u8> = bytes[from..(from + 40).min(bytes.len())].to_vec();
                    bytes.splice(at..at, piece);
                }
                _ => {
                    let piece = b"<item><sitemap><loc>/x/</loc>&#0;&amp".iter().copied();
                    bytes.splice(at..at, piece);
                }
            }
        }
        let text = catalogue::decode(&bytes);
        let _ = catalogue::read_source(&text, Some(&site), 100);
        let kind = [SourceKind::Feed, SourceKind::Sitemap, SourceKind::Robots][round % 3];
        let candidate = Candidate {
            url: site.join("/first.xml").unwrap(),
            kind,
            group: Group::Feed,
        };
        let mut listing = Listing::new(Some(site.clone()), vec![candidate], Limits::default());
        while let Some(fetch) = listing.next_fetch() {
            listing.receive(&fetch.url, None, &text);
        }
        let _ = listing.notes();
    }
}

// --- the CLI's `posts` subcommand.

fn cli(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run send-to-medium")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stm-posts-{}-{name}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_cli_lists_a_feed_oldest_first_with_relative_links_resolved() {
    let dir = temp_dir("feed");
    let feed = fixtures_root().join("wordpress-core/feed.xml");
    let out = cli(
        &[
            "posts",
            "--url",
            "https://allotment.example/feed/",
            feed.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let posts: Vec<Post> = serde_json::from_slice(&out.stdout).expect("JSON posts");
    let titles: Vec<_> = posts.iter().map(|p| p.title.clone().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Mulch, glorious mulch – what I use and why",
            "Broad beans in April"
        ]
    );
    assert_eq!(posts[1].published.as_deref(), Some("2024-04-12T17:45:00Z"));
    assert_eq!(posts[1].tags, ["Vegetables", "beans", "sowing"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let at = |key: &str| stdout.find(&format!("\"{key}\":")).expect(key);
    assert!(
        at("url") < at("title") && at("title") < at("published") && at("published") < at("tags")
    );
    // The next page is named on stderr, not fetched.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "not fetched (the command reads one file): https://allotment.example/feed/?paged=2"
        ),
        "{stderr}"
    );
}

#[test]
fn the_cli_exits_3_with_one_line_for_what_is_neither_a_feed_nor_a_sitemap() {
    let dir = temp_dir("bad");
    for (name, bytes) in [
        ("empty.xml", Vec::new()),
        (
            "page.html",
            b"<!DOCTYPE html><html><body>Hi</body></html>".to_vec(),
        ),
        ("bomb.xml", billion_laughs().into_bytes()),
        (
            "broken.xml",
            b"<rss><channel><item><title>x</nope>".to_vec(),
        ),
    ] {
        fs::write(dir.join(name), bytes).unwrap();
        let out = cli(&["posts", name], &dir);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{name}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.starts_with("send-to-medium: "), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    for args in [
        vec!["posts"],
        vec!["posts", "--url", "not a url", "x.xml"],
        vec!["posts", "--format", "json", "x.xml"],
        vec!["posts", "/definitely/not/here.xml"],
    ] {
        let out = cli(&args, &dir);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("usage: send-to-medium posts"), "{stderr}");
    }
}

/// `send-to-medium posts` still reads a page saved as `./posts` when nothing says otherwise.
#[test]
fn a_page_file_named_posts_still_builds_a_draft() {
    let dir = temp_dir("named-posts");
    let page = "<html><head><title>Tide pools</title></head><body><article><h1>Tide pools</h1>\
        <p>Tide pools are small worlds left behind by the sea twice a day, full of anemones, \
        crabs and snails that wait for the water to come back. Visiting one at low tide is the \
        best free aquarium there is, and the creatures are easy to see if you stay still.</p>\
        <p>Walk carefully: the rocks are slippery and the animals are fragile. Put back every \
        stone you lift, the way you found it, and never take anything home with you.</p>\
        </article></body></html>";
    fs::write(dir.join("posts"), page).unwrap();
    let out = cli(&["posts"], &dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(draft["title"], "Tide pools");
    let out = cli(&["posts", "--format", "markdown"], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# Tide pools"));
    // With a FILE after it, `posts` is the subcommand even here.
    let feed = fixtures_root().join("wordpress-core/feed.xml");
    let out = cli(&["posts", feed.to_str().unwrap()], &dir);
    assert_eq!(out.status.code(), Some(0));
    let posts: Vec<Post> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(posts.len(), 2);
}
