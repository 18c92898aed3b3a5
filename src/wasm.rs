//! The only door between the extension's JavaScript and the core: captured pages in, drafts out,
//! as plain JS objects (serde-wasm-bindgen). Errors become JS `Error`s carrying the core's `code`;
//! a panic (which the core must never have) is recorded so the shell can show it instead of dying.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::draft::{self, BuiltDraft, Draft};
use crate::error::DraftError;
use crate::options::Options;
use crate::page::{self, Page};
use crate::{catalogue, dialect, limits, markdown, medium};

/// What the capture script returns for a tab (or the background fetched for a link).
#[derive(Debug, Deserialize)]
struct CapturedPage {
    html: String,
    url: Option<String>,
    #[serde(default)]
    selection_html: Option<String>,
}

/// The message of the last panic, kept for [`take_panic_message`]: after a panic the module traps
/// and the JavaScript side only sees "unreachable executed", which tells the user nothing.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs once when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(text) => (*text).to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "unknown panic".to_string()),
        };
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{message}{location}"));
        }
        console_error_panic_hook::hook(info);
    }));
}

/// Returns (and forgets) the message of the panic that killed the last call, if any.
#[wasm_bindgen]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

/// Builds the draft for a captured page: `{html, url, selection_html?}` and the user's options
/// (the stored `options` object; unknown fields are ignored) → `BuiltDraft`.
#[wasm_bindgen]
pub fn build_draft(page: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let page = page_from_js(page)?;
    let options = options_from_js(options)?;
    let built: BuiltDraft = draft::build(&page, &options).map_err(|e| draft_error(&e))?;
    to_js(&built)
}

/// The captured page `{html, url, selection_html?}` as the core's `Page`.
fn page_from_js(page: JsValue) -> Result<Page, JsValue> {
    let captured: CapturedPage = from_js(page, "page")?;
    let url = match captured.url.as_deref().filter(|u| !u.is_empty()) {
        None => None,
        Some(text) => Some(
            url::Url::parse(text)
                .map_err(|_| draft_error(&DraftError::BadPageUrl(text.to_string())))?,
        ),
    };
    Ok(Page {
        html: captured.html,
        url,
        selection_html: captured.selection_html,
    })
}

/// Rebuilds a draft from the Markdown the user edited: the body from `body_markdown`, everything
/// else (title, tags, canonical, backlinks) from `draft` as the user left it.
#[wasm_bindgen]
pub fn rebuild_from_markdown(
    draft: JsValue,
    body_markdown: &str,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let draft: Draft = from_js(draft, "draft")?;
    let options = options_from_js(options)?;
    to_js(&draft::rebuild_from_markdown(
        &draft,
        body_markdown,
        &options,
    ))
}

/// The body of a draft as Markdown, for the popup's editor.
#[wasm_bindgen]
pub fn body_markdown(body_html: &str) -> String {
    markdown::from_dialect_html(body_html)
}

/// The encoding of a fetched page's bytes (a linked post), as a browser would pick it without HTTP
/// headers: BOM, then UTF-8, then `<meta charset>`, then Windows-1252. The name is a WHATWG
/// encoding name for `TextDecoder`: the browser decodes, so the wasm carries no legacy encoding
/// tables (encoding_rs's decoders stay in the CLI).
#[wasm_bindgen]
pub fn html_encoding(bytes: &[u8]) -> String {
    page::sniff_encoding(bytes).name().to_string()
}

/// Markdown rendered to HTML that is safe to put in an extension page: pulldown-cmark, then the
/// Medium dialect sanitiser (no script, no event handlers, only http(s) links and images).
#[wasm_bindgen]
pub fn render_preview(markdown_text: &str) -> String {
    let mut warnings = Vec::new();
    let html = markdown::to_dialect_html(markdown_text, &mut warnings);
    // to_dialect_html already ends in the sanitiser; run it once more so the guarantee does not
    // depend on how that function evolves.
    dialect::rewrite(&html, None, &mut warnings)
}

/// Medium's limits, so the popup holds no copy of them: `{max_tags, api_tags, max_tag_chars,
/// max_title_chars, max_subtitle_chars}`.
#[wasm_bindgen]
pub fn medium_limits() -> Result<JsValue, JsValue> {
    to_js(&limits::MEDIUM_LIMITS)
}

/// The tags as the draft will keep them (`string[]` → `{kept, too_long, over_limit}`):
/// whitespace collapsed, case-insensitive repeats dropped, at most five, long ones never cut.
#[wasm_bindgen]
pub fn fit_tags(tags: JsValue) -> Result<JsValue, JsValue> {
    let tags: Vec<String> = from_js(tags, "tag list")?;
    to_js(&limits::fit_tags(&tags, limits::MAX_TAGS))
}

/// The options a fresh install starts with (footer template, related links, UTM campaign), so
/// the options page shows the core's defaults rather than a copy of them.
#[wasm_bindgen]
pub fn default_options() -> Result<JsValue, JsValue> {
    to_js(&Options::default())
}

// --- delivery to Medium: one line each over `medium::boundary` (sans-IO; deliver.js does the
// fetch). A failure is thrown as the core's `ErrorReport` object ({code, message, retryable,
// may_have_posted, …}), which deliver.js shows as it is.

/// `GET /me` for `token`; `api_base` is set only by the test build.
#[wasm_bindgen]
pub fn medium_me_request(token: &str, api_base: Option<String>) -> Result<JsValue, JsValue> {
    reported(medium::boundary::me_request(token, api_base.as_deref()))
}

/// `GET /users/{user_id}/publications`.
#[wasm_bindgen]
pub fn medium_publications_request(
    token: &str,
    api_base: Option<String>,
    user_id: &str,
) -> Result<JsValue, JsValue> {
    reported(medium::boundary::publications_request(
        token,
        api_base.as_deref(),
        user_id,
    ))
}

/// `GET /publications/{publication_id}/contributors`.
#[wasm_bindgen]
pub fn medium_contributors_request(
    token: &str,
    api_base: Option<String>,
    publication_id: &str,
) -> Result<JsValue, JsValue> {
    reported(medium::boundary::contributors_request(
        token,
        api_base.as_deref(),
        publication_id,
    ))
}

/// `POST …/posts` for the final draft: `target` {kind: 'profile', user_id} | {kind:
/// 'publication', publication_id}, `settings` {publish_status, license, notify_followers}.
#[wasm_bindgen]
pub fn medium_create_post_request(
    token: &str,
    api_base: Option<String>,
    target: JsValue,
    draft: JsValue,
    settings: JsValue,
) -> Result<JsValue, JsValue> {
    let target: medium::PostTarget = from_js(target, "post target")?;
    let draft: Draft = from_js(draft, "draft")?;
    let settings: medium::PostSettings = from_js(settings, "post settings")?;
    reported(medium::boundary::create_post_request(
        token,
        api_base.as_deref(),
        &target,
        &draft,
        &settings,
    ))
}

/// Reads Medium's answer `{status, body, retry_after}` to the request made for `call`.
#[wasm_bindgen]
pub fn medium_parse_response(call: JsValue, response: JsValue) -> Result<JsValue, JsValue> {
    let call: medium::error::Call = from_js(call, "API call name")?;
    let response: medium::ApiResponse = from_js(response, "API response")?;
    reported(medium::boundary::parse_response(call, &response))
}

/// The report for a fetch that failed (`{kind: 'network'}`) or timed out (`{kind: 'timeout',
/// seconds}`).
#[wasm_bindgen]
pub fn medium_transport_error(call: JsValue, failure: JsValue) -> Result<JsValue, JsValue> {
    let call: medium::error::Call = from_js(call, "API call name")?;
    let failure: medium::TransportFailure = from_js(failure, "transport failure")?;
    to_js(&medium::boundary::transport_error(call, failure))
}

/// Warnings before sending: this canonical URL was sent already; today's count is at the limit.
#[wasm_bindgen]
pub fn medium_delivery_warnings(
    history: JsValue,
    canonical_url: Option<String>,
    day_start_ms: f64,
    daily_limit: u32,
) -> Result<JsValue, JsValue> {
    let history: Vec<medium::history::HistoryEntry> = history_from_js(history)?;
    to_js(&medium::boundary::delivery_warnings(
        &history,
        canonical_url.as_deref(),
        day_start_ms,
        daily_limit,
    ))
}

/// Today's deliveries against the daily limit, for the history view.
#[wasm_bindgen]
pub fn medium_daily_count(
    history: JsValue,
    day_start_ms: f64,
    daily_limit: u32,
) -> Result<JsValue, JsValue> {
    let history: Vec<medium::history::HistoryEntry> = history_from_js(history)?;
    to_js(&medium::boundary::daily_count(
        &history,
        day_start_ms,
        daily_limit,
    ))
}

/// What the editor content script pastes and lists for the final draft.
#[wasm_bindgen]
pub fn medium_editor_handoff(draft: JsValue) -> Result<JsValue, JsValue> {
    let draft: Draft = from_js(draft, "draft")?;
    to_js(&medium::boundary::editor_handoff(&draft))
}

/// What the import path opens and copies; an error when the draft has no public address.
#[wasm_bindgen]
pub fn medium_import_handoff(draft: JsValue) -> Result<JsValue, JsValue> {
    let draft: Draft = from_js(draft, "draft")?;
    reported(medium::boundary::import_handoff(&draft))
}

/// Ok values as plain objects; an `ErrorReport` thrown as a plain object.
fn reported<T: Serialize>(result: Result<T, medium::ErrorReport>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => to_js(&value),
        Err(report) => Err(to_js(&report)?),
    }
}

fn history_from_js(value: JsValue) -> Result<Vec<medium::history::HistoryEntry>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    from_js(value, "history")
}

fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        coded_error(
            "bad-input",
            &format!("The extension passed a malformed {what} to the draft builder ({e}). Reload the extension and try again; report it if it persists."),
        )
    })
}

fn options_from_js(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    from_js(value, "options object")
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // json_compatible: `None` becomes `null` and maps become plain objects, so what we store in
    // storage.local is exactly the draft's JSON contract.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            coded_error(
                "internal",
                &format!("Could not hand the draft to the extension ({e})."),
            )
        })
}

fn draft_error(error: &DraftError) -> JsValue {
    coded_error(error.code(), &error.to_string())
}

/// A JS `Error` with the message and a stable `code` property the popup can style on.
fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the impossible error.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

// --- the blog's list of posts ("Your posts"): a listing the background script drives one fetch
// at a time over `catalogue::Listing` (sans-IO: the shell only fetches), and the related links
// chosen from the list.

/// A listing in progress, held by the background script while it fetches. The protocol: call
/// `next_fetch()` until it gives null, fetch each address (several may run at once) and hand
/// back `receive(url, text, response.url)` or `fetch_failed(url, failure)`; when `is_done()`,
/// `posts()` is the list and `notes()` what to tell the user.
#[wasm_bindgen]
pub struct PostListing(catalogue::Listing);

/// A listing for the blog of a captured page (`{html, url}`): its declared feeds, its
/// platform's paths, its robots.txt. `limits` ({max_sources, max_depth, max_bytes, max_posts},
/// any subset) is for tests; null keeps the defaults.
#[wasm_bindgen]
pub fn posts_listing_for_page(page: JsValue, limits: JsValue) -> Result<PostListing, JsValue> {
    let page = page_from_js(page)?;
    let Some(url) = page.url else {
        return Err(coded_error(
            "bad-page-url",
            "The page has no address, so its blog's feed cannot be found. Open a post of the \
             blog and try again.",
        ));
    };
    let limits = limits_from_js(limits)?;
    Ok(PostListing(catalogue::Listing::for_page(
        &page.html, &url, limits,
    )))
}

/// A listing for a blog known only by its address (`https://blog.example/`).
#[wasm_bindgen]
pub fn posts_listing_for_site(site_url: &str, limits: JsValue) -> Result<PostListing, JsValue> {
    let site = crate::urls::parse_http(site_url)
        .ok_or_else(|| draft_error(&DraftError::BadPageUrl(site_url.to_string())))?;
    let limits = limits_from_js(limits)?;
    Ok(PostListing(catalogue::Listing::for_site(&site, limits)))
}

#[wasm_bindgen]
impl PostListing {
    /// `{url, kind: 'feed'|'sitemap'|'robots', max_bytes}` to fetch next, or null: then either
    /// `is_done()`, or the rest waits for fetches in flight.
    pub fn next_fetch(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.0.next_fetch())
    }

    /// The text fetched for `url` (as `next_fetch` gave it); `final_url` is `response.url`,
    /// where redirects ended.
    pub fn receive(&mut self, url: &str, body: &str, final_url: Option<String>) {
        self.0.receive(url, final_url.as_deref(), body);
    }

    /// A fetch that brought no body: `{kind: 'status', status}`, `{kind: 'timeout'}` or
    /// `{kind: 'network'}`.
    pub fn fetch_failed(&mut self, url: &str, failure: JsValue) -> Result<(), JsValue> {
        let failure: catalogue::FetchFailure = from_js(failure, "fetch failure")?;
        self.0.fetch_failed(url, failure);
        Ok(())
    }

    /// Whether nothing is left to fetch or waited for.
    pub fn is_done(&self) -> bool {
        self.0.is_done()
    }

    /// `[{url, title, published, tags}]`, oldest first (what is known so far).
    pub fn posts(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.posts())
    }

    /// `[{code, message}]`: sources that failed or were cut, what was left out, what was tried.
    pub fn notes(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.notes())
    }
}

/// The related links for a built draft chosen from the blog's known posts (`[{url, title,
/// published, tags}]`, as `posts()` gave them): `[{url, title}]`. To put them in the footer, set
/// them as the draft's `backlinks` and call `rebuild_from_markdown` with its unchanged Markdown.
#[wasm_bindgen]
pub fn related_posts_from_catalogue(
    draft: JsValue,
    known_posts: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let draft: Draft = from_js(draft, "draft")?;
    let known: Vec<catalogue::Post> = from_js(known_posts, "list of posts")?;
    let options = options_from_js(options)?;
    let canonical = draft
        .canonical_url
        .as_deref()
        .and_then(crate::urls::parse_http);
    let draft_post = catalogue::related::DraftPost {
        canonical_url: canonical.as_ref(),
        page_url: None,
        title: draft.title.as_deref(),
        tags: &draft.tags,
    };
    to_js(&catalogue::related::related_posts(
        &draft_post,
        &known,
        &options,
    ))
}

/// `build_draft`, with the footer's related links chosen from the blog's known posts instead of
/// the page's links; an empty or null list gives exactly `build_draft`'s draft.
#[wasm_bindgen]
pub fn build_draft_with_posts(
    page: JsValue,
    options: JsValue,
    known_posts: JsValue,
) -> Result<JsValue, JsValue> {
    let page = page_from_js(page)?;
    let options = options_from_js(options)?;
    let known: Vec<catalogue::Post> = if known_posts.is_undefined() || known_posts.is_null() {
        Vec::new()
    } else {
        from_js(known_posts, "list of posts")?
    };
    let built = draft::build_with_posts(&page, &options, &known).map_err(|e| draft_error(&e))?;
    to_js(&built)
}

fn limits_from_js(value: JsValue) -> Result<catalogue::Limits, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(catalogue::Limits::default());
    }
    from_js(value, "listing limits")
}
