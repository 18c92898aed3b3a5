//! Platform fixtures: pages written for this project that reproduce the markup of the platforms
//! bloggers use, each with the draft a careful human wants and a reviewed snapshot of the draft.
//!
//! Every `tests/fixtures/<platform>-<case>/` holds:
//! - `source.html` and `url.txt`: the page as the browser had it, and its address;
//! - `expected-metadata.json`: hand-written ground truth, never generated: `title`, `author`,
//!   `published` (a day, `YYYY-MM-DD`), `canonical_url`, `site_name`, `language`, `tags` (a set of
//!   at most 5), `lead_image` (null where a human would want none), `body_must_contain` (sentences
//!   of the article that must survive) and `body_must_not_contain` (page chrome that must be gone);
//!   or `{"error": "no-article"}` for a page that holds no article. An optional `note` explains;
//! - `expected-draft.json`: the whole draft (`build_draft` with default options) as pretty JSON,
//!   a snapshot that is reviewed whenever it changes.
//!
//! Snapshots: on a mismatch the harness writes `expected-draft.json.new` next to the snapshot and
//! fails with a short diff. Review the change, then accept every changed snapshot with
//!
//!     UPDATE_SNAPSHOTS=1 cargo test --test fixtures
//!
//! and read `git diff tests/fixtures` before committing.
//!
//! Known gaps: `tests/fixtures/KNOWN_GAPS.txt` lists, one `fixture field reason` per line, the
//! expectations the core does not meet yet. A listed gap must still fail: when it starts passing the
//! test fails until its line is removed (`UPDATE_SNAPSHOTS=1` removes such lines, never adds any),
//! so the list only shrinks and never hides a regression. Fields are those of
//! expected-metadata.json, plus `error` (the draft-or-error outcome); each body sentence is its own
//! field, `body_must_contain#2` being the second. Every failure of every fixture is reported at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use send_to_medium::draft::rebuild_from_markdown;
use send_to_medium::markdown;
use send_to_medium::medium::{boundary, PostSettings, PostTarget};
use send_to_medium::{build_draft, Draft, DraftError, Options, Page};
use serde_json::{json, Map, Value};
use url::Url;

/// Each platform of issue 2 keeps at least one fixture named `<platform>-…`.
const PLATFORMS: &[&str] = &[
    "blogger",
    "wordpress",
    "ghost",
    "hugo",
    "jekyll",
    "substack",
    "devto",
    "hashnode",
    "wix",
    "squarespace",
    "medium",
];

/// The single-valued fields of expected-metadata.json, in the order they are checked.
const SCALAR_FIELDS: &[&str] = &[
    "title",
    "author",
    "published",
    "canonical_url",
    "site_name",
    "language",
    "lead_image",
];

const KNOWN_GAPS_FILE: &str = "KNOWN_GAPS.txt";
const SNAPSHOT_FILE: &str = "expected-draft.json";
const DELIVERY_FILE: &str = "expected-delivery.json";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn updating_snapshots() -> bool {
    std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn platform_fixtures_match_expectations_and_snapshots() {
    let root = fixtures_root();
    let fixtures = fixture_names(&root);
    let mut failures = Vec::new();
    let gaps = KnownGaps::read(&root.join(KNOWN_GAPS_FILE), &mut failures);

    let mut known_fields: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut now_passing = Vec::new();
    let mut still_failing = 0;
    for name in &fixtures {
        let dir = root.join(name);
        let Some(Fixture {
            html,
            url,
            expected,
        }) = Fixture::read(name, &dir, &mut failures)
        else {
            continue;
        };
        let outcome = build_draft(&Page::new(html, Some(url)), &Options::default());

        known_fields.insert(name.clone(), expected.field_names());
        for (field, result) in expected.check(&outcome) {
            let listed = gaps.contains(name, &field);
            match (result, listed) {
                (Ok(()), false) => {}
                (Err(_), true) => still_failing += 1,
                (Err(why), false) => failures.push(format!("{name}: {field}: {why}")),
                (Ok(()), true) => now_passing.push((name.clone(), field)),
            }
        }
        compare_snapshot(name, &dir, &outcome, &mut failures);
    }

    for (fixture, field) in gaps.entries() {
        let exists = known_fields
            .get(fixture)
            .is_some_and(|fields| fields.contains(field));
        if !exists && !fixtures.contains(fixture) {
            failures.push(format!(
                "{KNOWN_GAPS_FILE}: `{fixture} {field}` names no fixture: remove the line"
            ));
        } else if !exists && known_fields.contains_key(fixture) {
            failures.push(format!(
                "{KNOWN_GAPS_FILE}: `{fixture} {field}` names no field of that fixture's \
                 expected-metadata.json: remove or correct the line"
            ));
        }
    }

    if updating_snapshots() && !now_passing.is_empty() {
        gaps.remove(&root.join(KNOWN_GAPS_FILE), &now_passing, &mut failures);
    } else {
        for (name, field) in &now_passing {
            failures.push(format!(
                "{name}: {field} now meets its expectation: remove `{name} {field}` from \
                 {KNOWN_GAPS_FILE} (or run with UPDATE_SNAPSHOTS=1)"
            ));
        }
    }

    eprintln!(
        "{} fixtures, {} known gaps still open, {} new failures",
        fixtures.len(),
        still_failing,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} fixture failure(s):\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn fixtures_cover_every_platform() {
    let fixtures = fixture_names(&fixtures_root());
    let missing: Vec<_> = PLATFORMS
        .iter()
        .filter(|p| !fixtures.iter().any(|f| f.starts_with(&format!("{p}-"))))
        .collect();
    assert!(missing.is_empty(), "no fixture for platform(s) {missing:?}");
    assert!(
        fixtures.len() >= 16,
        "only {} fixtures; the suite keeps at least 16",
        fixtures.len()
    );
}

/// What the popup and the three delivery paths make of each fixture's draft, pinned as reviewed
/// snapshots: the CLI never runs these paths, so the corpus comparison cannot see them change.
/// The draft is edited as a user would (a longer title, more tags, a body paragraph added) and
/// rebuilt with a footer template that uses every placeholder.
#[test]
fn delivery_paths_match_snapshots() {
    let root = fixtures_root();
    let mut failures = Vec::new();
    for name in fixture_names(&root) {
        let dir = root.join(&name);
        let Some(fixture) = Fixture::read(&name, &dir, &mut failures) else {
            continue;
        };
        let page = Page::new(fixture.html, Some(fixture.url));
        let Ok(draft) = build_draft(&page, &Options::default()) else {
            continue;
        };
        let body_markdown = markdown::from_dialect_html(&draft.body_html);
        // Unedited Markdown rebuilds exactly the draft that was built.
        if rebuild_from_markdown(&draft, &body_markdown, &Options::default()) != draft {
            failures.push(format!(
                "{name}: rebuilding from the unedited Markdown changed the draft"
            ));
        }
        let options = Options {
            footer_template: "<em>{title}</em> first appeared on <a href=\"{url}\">{site}</a> \
                              on {date}."
                .to_string(),
            ..Options::default()
        };
        let mut edited = draft.clone();
        edited.title = draft.title.as_ref().map(|t| {
            format!("  {t}:  a longer version of the title, as typed in the popup, with more words")
        });
        edited.tags.extend(
            [
                "  Rust ",
                "rust",
                "A tag that is far too long for Medium",
                "Six",
                "Seven",
            ]
            .map(String::from),
        );
        edited.backlinks.truncate(1);
        let edited_markdown = format!(
            "{body_markdown}\nAn added paragraph with a [relative link](/about/) and **bold**.\n"
        );
        let edited = rebuild_from_markdown(&edited, &edited_markdown, &options);
        for (which, written) in [("built", &draft), ("edited", &edited)] {
            if written.content_markdown != markdown::from_dialect_html(&written.content_html) {
                failures.push(format!(
                    "{name}: the {which} draft's Markdown is not what its HTML reads back as"
                ));
            }
        }
        let target = PostTarget::Profile {
            user_id: "u1".to_string(),
        };
        let post = boundary::create_post_request(
            "t0k3n",
            None,
            &target,
            &edited,
            &PostSettings::default(),
        )
        .map(|prepared| {
            json!({
                "url": prepared.request.url,
                "body": prepared.request.body.as_deref().and_then(|b| serde_json::from_str::<Value>(b).ok()),
                "warnings": prepared.warnings,
            })
        })
        .unwrap_or_else(|report| json!({ "error": report }));
        let snapshot = json!({
            "edited_draft": edited,
            "editor_handoff": boundary::editor_handoff(&edited),
            "api_post": post,
            "import_handoff": boundary::import_handoff(&edited).ok(),
        });
        let actual = serde_json::to_string_pretty(&snapshot)
            .unwrap_or_else(|e| format!("does not serialise: {e}"))
            + "\n";
        compare_snapshot_file(&name, &dir, DELIVERY_FILE, &actual, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} delivery failure(s):\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The fixture directories, sorted by name.
fn fixture_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// One fixture directory, read and validated.
struct Fixture {
    html: String,
    url: Url,
    expected: Expected,
}

impl Fixture {
    fn read(name: &str, dir: &Path, failures: &mut Vec<String>) -> Option<Fixture> {
        let mut problem = |what: String| failures.push(format!("{name}: {what}"));
        let read = |file: &str| fs::read_to_string(dir.join(file));
        let html = read("source.html")
            .map_err(|e| problem(format!("cannot read source.html: {e}")))
            .ok()?;
        let raw_url = read("url.txt")
            .map_err(|e| problem(format!("cannot read url.txt: {e}")))
            .ok()?;
        let url = match Url::parse(raw_url.trim()) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => url,
            _ => {
                problem(format!(
                    "url.txt is not an absolute http(s) URL: {raw_url:?}"
                ));
                return None;
            }
        };
        let metadata = read("expected-metadata.json")
            .map_err(|e| problem(format!("cannot read expected-metadata.json: {e}")))
            .ok()?;
        let expected = Expected::parse(&metadata)
            .map_err(|e| problem(format!("expected-metadata.json: {e}")))
            .ok()?;
        Some(Fixture {
            html,
            url,
            expected,
        })
    }
}

/// What expected-metadata.json says the draft must be.
enum Expected {
    /// The page holds no article: building must fail with this error code.
    Error(String),
    Draft(ExpectedDraft),
}

struct ExpectedDraft {
    /// `SCALAR_FIELDS` in order; `None` where a human wants no value.
    scalars: Vec<(&'static str, Option<String>)>,
    tags: Vec<String>,
    body_must_contain: Vec<String>,
    body_must_not_contain: Vec<String>,
}

/// One field's verdict: `Err` says what was expected and what came out.
type FieldResult = (String, Result<(), String>);

impl Expected {
    fn parse(text: &str) -> Result<Expected, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(object) = value else {
            return Err("must be a JSON object".into());
        };
        if let Some(code) = object.get("error") {
            let code = code.as_str().ok_or("`error` must be a string")?;
            if let Some(extra) = object
                .keys()
                .find(|k| !matches!(k.as_str(), "error" | "note"))
            {
                return Err(format!("`{extra}` makes no sense next to `error`"));
            }
            return Ok(Expected::Error(code.to_string()));
        }
        let allowed: BTreeSet<&str> = SCALAR_FIELDS
            .iter()
            .copied()
            .chain(["tags", "body_must_contain", "body_must_not_contain", "note"])
            .collect();
        if let Some(unknown) = object.keys().find(|k| !allowed.contains(k.as_str())) {
            return Err(format!("unknown key `{unknown}`"));
        }
        let mut scalars = Vec::new();
        for &field in SCALAR_FIELDS {
            let value = match object.get(field) {
                None => {
                    return Err(format!(
                        "`{field}` is missing (write null if none is wanted)"
                    ))
                }
                Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return Err(format!("`{field}` must be a string or null")),
            };
            if field == "published" {
                if let Some(day) = &value {
                    if !is_iso_day(day) {
                        return Err(format!("`published` must be a day, YYYY-MM-DD: {day:?}"));
                    }
                }
            }
            scalars.push((field, value));
        }
        let tags = string_list(&object, "tags")?;
        if tags.len() > 5 {
            return Err("`tags` holds more than 5: Medium takes at most 5".into());
        }
        let body_must_contain = string_list(&object, "body_must_contain")?;
        if body_must_contain.is_empty() {
            return Err("`body_must_contain` needs at least one sentence of the article".into());
        }
        Ok(Expected::Draft(ExpectedDraft {
            scalars,
            tags,
            body_must_contain,
            body_must_not_contain: string_list(&object, "body_must_not_contain")?,
        }))
    }

    /// Every field a known gap may name for this fixture.
    fn field_names(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::from(["error".to_string()]);
        if let Expected::Draft(expected) = self {
            names.extend(SCALAR_FIELDS.iter().map(|f| f.to_string()));
            names.insert("tags".into());
            for i in 1..=expected.body_must_contain.len() {
                names.insert(format!("body_must_contain#{i}"));
            }
            for i in 1..=expected.body_must_not_contain.len() {
                names.insert(format!("body_must_not_contain#{i}"));
            }
        }
        names
    }

    /// Checks the outcome field by field. When a draft was wanted but none came, only `error` is
    /// judged: the other fields cannot be.
    fn check(&self, outcome: &Result<Draft, DraftError>) -> Vec<FieldResult> {
        let expected = match (self, outcome) {
            (Expected::Error(code), Err(e)) if e.code() == code => {
                return vec![("error".into(), Ok(()))];
            }
            (Expected::Error(code), Err(e)) => {
                let why = format!("expected error `{code}`, got error `{}`: {e}", e.code());
                return vec![("error".into(), Err(why))];
            }
            (Expected::Error(code), Ok(draft)) => {
                let why = format!(
                    "expected error `{code}`, got a draft titled {} with a {}-character body",
                    shown(draft.title.as_deref()),
                    draft.body_html.len()
                );
                return vec![("error".into(), Err(why))];
            }
            (Expected::Draft(_), Err(e)) => {
                let why = format!("expected a draft, got error `{}`: {e}", e.code());
                return vec![("error".into(), Err(why))];
            }
            (Expected::Draft(expected), Ok(_)) => expected,
        };
        let Ok(draft) = outcome else {
            return Vec::new();
        };
        let mut results = vec![("error".to_string(), Ok(()))];
        for (field, want) in &expected.scalars {
            let got = match *field {
                "title" => draft.title.as_deref(),
                "author" => draft.author.as_deref(),
                "published" => draft.published.as_deref(),
                "canonical_url" => draft.canonical_url.as_deref(),
                "site_name" => draft.site_name.as_deref(),
                "language" => draft.language.as_deref(),
                "lead_image" => draft.lead_image.as_deref(),
                _ => None,
            };
            results.push((field.to_string(), check_scalar(field, want.as_deref(), got)));
        }
        results.push(("tags".into(), check_tags(&expected.tags, &draft.tags)));

        let body = body_text(&draft.body_html);
        for (i, sentence) in expected.body_must_contain.iter().enumerate() {
            let result = if body.contains(&collapse(sentence)) {
                Ok(())
            } else {
                Err(format!("the body lost {sentence:?}"))
            };
            results.push((format!("body_must_contain#{}", i + 1), result));
        }
        for (i, chrome) in expected.body_must_not_contain.iter().enumerate() {
            let result = if body.contains(&collapse(chrome)) {
                Err(format!("the body still holds page chrome {chrome:?}"))
            } else {
                Ok(())
            };
            results.push((format!("body_must_not_contain#{}", i + 1), result));
        }
        results
    }
}

fn string_list(object: &Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    match object.get(key) {
        None => Err(format!("`{key}` is missing (write [] if none is wanted)")),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{key}` must hold strings only"))
            })
            .collect(),
        Some(_) => Err(format!("`{key}` must be a list of strings")),
    }
}

/// Compares one single-valued field the way a reader of the draft would.
fn check_scalar(field: &str, want: Option<&str>, got: Option<&str>) -> Result<(), String> {
    let same = match (want, got) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(want), Some(got)) => match field {
            // Published is judged by day: a time and offset may follow the date.
            "published" => got.get(..10) == Some(want) && is_iso_day(&got[..10]),
            "canonical_url" | "lead_image" => same_url(want, got),
            "language" => same_language(want, got),
            _ => collapse(want) == collapse(got),
        },
    };
    if same {
        return Ok(());
    }
    let want = match (field, want) {
        ("published", Some(day)) => format!("day {day}"),
        ("language", Some(lang)) if !lang.contains(['-', '_']) => format!("{lang:?} (any region)"),
        _ => shown(want),
    };
    Err(format!("expected {want}, got {}", shown(got)))
}

/// Tags are a set: order and case do not matter, and Medium takes at most five.
fn check_tags(want: &[String], got: &[String]) -> Result<(), String> {
    let normalise = |tags: &[String]| -> BTreeSet<String> {
        tags.iter().map(|t| collapse(t).to_lowercase()).collect()
    };
    if got.len() <= 5 && normalise(want) == normalise(got) {
        Ok(())
    } else {
        Err(format!("expected {want:?} (in any order), got {got:?}"))
    }
}

fn same_url(want: &str, got: &str) -> bool {
    match (Url::parse(want), Url::parse(got)) {
        (Ok(want), Ok(got)) => want == got,
        _ => want == got,
    }
}

/// `en` accepts `en`, `en-US`, `en_GB`; `en-US` accepts only `en-US` (any case, `_` or `-`).
fn same_language(want: &str, got: &str) -> bool {
    let normalise = |tag: &str| tag.trim().replace('_', "-").to_ascii_lowercase();
    let (want, got) = (normalise(want), normalise(got));
    if want.contains('-') {
        want == got
    } else {
        got.split('-').next() == Some(want.as_str())
    }
}

fn is_iso_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "null".to_string(), |v| format!("{v:?}"))
}

/// The visible text of the body, whitespace collapsed: what a reader of the draft sees.
fn body_text(html: &str) -> String {
    collapse(&dom_query::Document::fragment(html).root().text())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The draft as the snapshot stores it: pretty JSON in the draft's field order, or the error.
fn snapshot_of(outcome: &Result<Draft, DraftError>) -> String {
    let json = match outcome {
        Ok(draft) => serde_json::to_string_pretty(draft),
        Err(e) => serde_json::to_string_pretty(&serde_json::json!({
            "error": e.code(),
            "message": e.to_string(),
        })),
    };
    json.unwrap_or_else(|e| format!("draft does not serialise: {e}")) + "\n"
}

fn compare_snapshot(
    name: &str,
    dir: &Path,
    outcome: &Result<Draft, DraftError>,
    failures: &mut Vec<String>,
) {
    compare_snapshot_file(name, dir, SNAPSHOT_FILE, &snapshot_of(outcome), failures);
}

/// Compares `actual` with the snapshot `file` of fixture `name`; writes `file.new` on a mismatch
/// (or rewrites the snapshot with `UPDATE_SNAPSHOTS=1`).
fn compare_snapshot_file(
    name: &str,
    dir: &Path,
    file: &str,
    actual: &str,
    failures: &mut Vec<String>,
) {
    let path = dir.join(file);
    let new_path = dir.join(format!("{file}.new"));
    let stored = fs::read_to_string(&path)
        .ok()
        .map(|s| s.replace("\r\n", "\n"));
    if stored.as_deref() == Some(actual) {
        let _ = fs::remove_file(&new_path);
        return;
    }
    if updating_snapshots() {
        if let Err(e) = fs::write(&path, actual) {
            failures.push(format!("{name}: cannot write {}: {e}", path.display()));
        }
        let _ = fs::remove_file(&new_path);
        eprintln!("{name}: snapshot {file} rewritten: review it in `git diff`");
        return;
    }
    if let Err(e) = fs::write(&new_path, actual) {
        failures.push(format!("{name}: cannot write {}: {e}", new_path.display()));
    }
    let what = match &stored {
        None => format!("has no {file} yet"),
        Some(stored) => format!(
            "output differs from {file} (- stored, + now):\n{}",
            line_diff(stored, actual, 24)
        ),
    };
    failures.push(format!(
        "{name}: {what}\n  the new output is in {}: review it, then accept with \
         UPDATE_SNAPSHOTS=1 cargo test --test fixtures",
        new_path.display()
    ));
}

/// A line diff (longest common subsequence) of the changed lines only, long lines cut to a window
/// around their first difference, at most `max_lines` lines.
fn line_diff(old: &str, new: &str, max_lines: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Walk the table into runs of removed and added lines; pair them to find where each differs.
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |removed: &mut Vec<&str>, added: &mut Vec<&str>, out: &mut Vec<String>| {
        // Pair each removed line with the added line in its place, so the two read together.
        for k in 0..removed.len().max(added.len()) {
            if let Some(line) = removed.get(k) {
                out.push(format!("  -{}", cut(line, added.get(k).copied())));
            }
            if let Some(line) = added.get(k) {
                out.push(format!("  +{}", cut(line, removed.get(k).copied())));
            }
        }
        removed.clear();
        added.clear();
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            flush(&mut removed, &mut added, &mut out);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j]);
            j += 1;
        } else {
            removed.push(a[i]);
            i += 1;
        }
    }
    flush(&mut removed, &mut added, &mut out);
    let total = out.len();
    let mut text = String::new();
    for line in out.iter().take(max_lines) {
        let _ = writeln!(text, "{line}");
    }
    if total > max_lines {
        let _ = writeln!(text, "  … {} more changed lines", total - max_lines);
    }
    text.trim_end().to_string()
}

/// A long line shown as a window around where it first differs from `other`.
fn cut(line: &str, other: Option<&str>) -> String {
    const BEFORE: usize = 60;
    const WIDTH: usize = 180;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return line.to_string();
    }
    let differs_at = other.map_or(0, |other| {
        chars
            .iter()
            .zip(other.chars())
            .take_while(|(a, b)| **a == *b)
            .count()
    });
    let start = differs_at.saturating_sub(BEFORE);
    let end = (start + WIDTH).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    if start > 0 {
        shown.insert(0, '…');
    }
    if end < chars.len() {
        shown.push('…');
    }
    shown
}

/// KNOWN_GAPS.txt: `fixture field reason` lines; blank lines and `#` comments are ignored.
struct KnownGaps {
    gaps: BTreeSet<(String, String)>,
}

impl KnownGaps {
    fn read(path: &Path, failures: &mut Vec<String>) -> KnownGaps {
        let mut gaps = BTreeSet::new();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("cannot read {}: {e}", path.display()));
                String::new()
            }
        };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, char::is_whitespace);
            let (fixture, field) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let reason = parts.next().unwrap_or("").trim();
            if field.is_empty() || reason.is_empty() {
                failures.push(format!(
                    "{KNOWN_GAPS_FILE}:{}: write `fixture field reason`, the reason naming the \
                     markup the core misses",
                    number + 1
                ));
                continue;
            }
            let key = (fixture.to_string(), field.to_string());
            if !gaps.insert(key) {
                failures.push(format!(
                    "{KNOWN_GAPS_FILE}:{}: `{fixture} {field}` is listed twice",
                    number + 1
                ));
            }
        }
        KnownGaps { gaps }
    }

    fn contains(&self, fixture: &str, field: &str) -> bool {
        self.gaps
            .contains(&(fixture.to_string(), field.to_string()))
    }

    fn entries(&self) -> impl Iterator<Item = (&String, &String)> {
        self.gaps.iter().map(|(fixture, field)| (fixture, field))
    }

    /// Drops the lines of gaps that now pass, keeping everything else of the file as it is.
    fn remove(&self, path: &Path, passing: &[(String, String)], failures: &mut Vec<String>) {
        let Ok(text) = fs::read_to_string(path) else {
            return;
        };
        let kept: Vec<&str> = text
            .lines()
            .filter(|line| {
                let mut parts = line.split_whitespace();
                let key = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                !passing
                    .iter()
                    .any(|(f, fd)| (f.as_str(), fd.as_str()) == key)
            })
            .collect();
        match fs::write(path, kept.join("\n") + "\n") {
            Ok(()) => eprintln!(
                "{KNOWN_GAPS_FILE}: removed {} gap(s) that now pass: review it in `git diff`",
                passing.len()
            ),
            Err(e) => failures.push(format!("cannot write {}: {e}", path.display())),
        }
    }
}
