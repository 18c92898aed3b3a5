//! Building Medium API calls as plain data: method, URL, headers and JSON body. Medium's limits
//! (title length, which tags it reads; see [`crate::limits`]) are applied here, each with a
//! warning for the user.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::{ApiError, Call};
use super::MediumApi;
use crate::draft::Draft;
use crate::limits::{self, FittedTags, API_TAGS, MAX_TAGS, MAX_TAG_CHARS, MAX_TITLE_CHARS};
use crate::urls;
use crate::warning::{Warning, WarningCode};

/// The HTTP methods the Medium API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`: the reading calls (`/me`, publications, contributors).
    Get,
    /// `POST`: creating a post.
    Post,
}

/// One HTTP request, ready for `fetch(url, {method, headers, body})`. It carries the token in
/// its `Authorization` header, so its `Debug` output hides that header's value.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, ids percent-encoded as single path segments.
    pub url: String,
    /// Name/value pairs, in the order sent (`new Headers(pairs)` takes them as they are).
    pub headers: Vec<(String, String)>,
    /// The JSON body of a POST.
    pub body: Option<String>,
    /// Which call this is, so the response is parsed with the right expectations.
    pub call: Call,
}

impl ApiRequest {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                if name.eq_ignore_ascii_case("authorization") {
                    (name.as_str(), "Bearer <redacted>")
                } else {
                    (name.as_str(), value.as_str())
                }
            })
            .collect();
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("call", &self.call)
            .finish()
    }
}

/// Where a post goes: the user's profile or a publication they write for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PostTarget {
    /// `POST /users/{user_id}/posts`; the id comes from `GET /me`.
    Profile {
        /// The user id `GET /me` gave.
        user_id: String,
    },
    /// `POST /publications/{publication_id}/posts`.
    Publication {
        /// The publication's id, from `GET /users/{id}/publications`.
        publication_id: String,
    },
}

/// Who may see the post once created. Medium's own default is `public`; ours is `draft`, so
/// nothing goes live without the user looking at it on Medium first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishStatus {
    /// A draft on Medium, seen by the author only (ours by default).
    #[default]
    Draft,
    /// Published for everyone.
    Public,
    /// Published, reachable by its link only.
    Unlisted,
}

/// The licences Medium's API accepts, spelled as it spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum License {
    /// All rights reserved (Medium's default).
    #[default]
    AllRightsReserved,
    /// Creative Commons Attribution 4.0.
    #[serde(rename = "cc-40-by")]
    Cc40By,
    /// Creative Commons Attribution-ShareAlike 4.0.
    #[serde(rename = "cc-40-by-sa")]
    Cc40BySa,
    /// Creative Commons Attribution-NoDerivatives 4.0.
    #[serde(rename = "cc-40-by-nd")]
    Cc40ByNd,
    /// Creative Commons Attribution-NonCommercial 4.0.
    #[serde(rename = "cc-40-by-nc")]
    Cc40ByNc,
    /// Creative Commons Attribution-NonCommercial-NoDerivatives 4.0.
    #[serde(rename = "cc-40-by-nc-nd")]
    Cc40ByNcNd,
    /// Creative Commons Attribution-NonCommercial-ShareAlike 4.0.
    #[serde(rename = "cc-40-by-nc-sa")]
    Cc40ByNcSa,
    /// Creative Commons Zero: no rights reserved.
    #[serde(rename = "cc-40-zero")]
    Cc40Zero,
    /// Public domain.
    PublicDomain,
}

/// The user's posting settings (from the options page): everything about a post that is not in
/// the draft itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostSettings {
    /// Draft, public or unlisted.
    pub publish_status: PublishStatus,
    /// `None` leaves Medium's default (all rights reserved).
    pub license: Option<License>,
    /// Whether followers get an email/notification; only meaningful for public posts.
    pub notify_followers: bool,
}

/// A create-post request plus what was changed to fit Medium's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedPost {
    /// The request to send.
    pub request: ApiRequest,
    /// What was cut or left out to fit the API, for the user.
    pub warnings: Vec<Warning>,
}

/// The JSON body of `POST …/posts`, as Medium documents it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatePostBody<'a> {
    title: &'a str,
    content_format: &'static str,
    content: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    publish_status: PublishStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<License>,
    notify_followers: bool,
}

impl MediumApi {
    /// `GET /me`: checks the token and gives the user id that posts are created under.
    pub fn me(&self) -> ApiRequest {
        self.request(Method::Get, &["me"], None, Call::Me)
    }

    /// `GET /users/{user_id}/publications`: the publications offered in Options.
    pub fn publications(&self, user_id: &str) -> Result<ApiRequest, ApiError> {
        let user_id = non_empty_id(user_id, Call::Publications)?;
        Ok(self.request(
            Method::Get,
            &["users", user_id, "publications"],
            None,
            Call::Publications,
        ))
    }

    /// `GET /publications/{publication_id}/contributors`: whether the user is editor or writer.
    pub fn contributors(&self, publication_id: &str) -> Result<ApiRequest, ApiError> {
        let publication_id = non_empty_id(publication_id, Call::Contributors)?;
        Ok(self.request(
            Method::Get,
            &["publications", publication_id, "contributors"],
            None,
            Call::Contributors,
        ))
    }

    /// `POST /users/{id}/posts` or `/publications/{id}/posts` with the draft as HTML. The title
    /// is cut to Medium's limit and the tags to those Medium reads, with a warning for each cut.
    pub fn create_post(
        &self,
        target: &PostTarget,
        draft: &Draft,
        settings: &PostSettings,
    ) -> Result<PreparedPost, ApiError> {
        let title = draft
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::InvalidDraft(
                "The draft has no title, and Medium requires one. Type a title in the popup, \
                 then post again.",
            ))?;
        if crate::dialect::text_len(&draft.content_html) == 0 {
            return Err(ApiError::InvalidDraft(
                "The draft has no text to post. Rebuild it from the page or write the body in \
                 the popup, then post again.",
            ));
        }
        let mut warnings = Vec::new();
        let (title, title_warning) = fit_title(title);
        warnings.extend(title_warning);
        let (tags, tag_warnings) = useful_tags(&draft.tags);
        warnings.extend(tag_warnings);
        let canonical_url = draft
            .canonical_url
            .as_deref()
            .and_then(urls::parse_http)
            .map(|u| u.to_string());
        if canonical_url.is_none() {
            warnings.push(Warning::new(
                WarningCode::NoCanonical,
                "The draft has no canonical URL, so Medium will not point search engines to \
                 your original post. Add the post's address in the popup if it has one.",
            ));
        }
        if settings.notify_followers && settings.publish_status != PublishStatus::Public {
            warnings.push(Warning::new(
                WarningCode::NotifyNeedsPublic,
                "Followers are notified only when a post is published publicly; this one is \
                 sent as a draft or unlisted, so nobody is notified.",
            ));
        }
        let body = CreatePostBody {
            title: &title,
            content_format: "html",
            content: &draft.content_html,
            canonical_url: canonical_url.as_deref(),
            tags: tags.iter().map(String::as_str).collect(),
            publish_status: settings.publish_status,
            license: settings.license,
            notify_followers: settings.notify_followers,
        };
        // Serialising plain strings and enums cannot fail; map it anyway rather than panic.
        let json = serde_json::to_string(&body).map_err(|_| {
            ApiError::InvalidDraft("The draft could not be encoded for Medium. Report this bug.")
        })?;
        let path: [&str; 3] = match target {
            PostTarget::Profile { user_id } => {
                ["users", non_empty_id(user_id, Call::CreatePost)?, "posts"]
            }
            PostTarget::Publication { publication_id } => [
                "publications",
                non_empty_id(publication_id, Call::CreatePost)?,
                "posts",
            ],
        };
        Ok(PreparedPost {
            request: self.request(Method::Post, &path, Some(json), Call::CreatePost),
            warnings,
        })
    }

    fn request(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<String>,
        call: Call,
    ) -> ApiRequest {
        let mut url = self.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            // Each id is one percent-encoded segment: an id like `../x` cannot change the path.
            path.extend(segments);
        }
        let mut headers = vec![
            ("Authorization".to_string(), self.token.bearer()),
            ("Accept".to_string(), "application/json".to_string()),
            // Browsers drop this header from fetch (it is a forbidden name); Medium documents
            // it, so it stays for every other transport.
            ("Accept-Charset".to_string(), "utf-8".to_string()),
        ];
        if body.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        ApiRequest {
            method,
            url: url.to_string(),
            headers,
            body,
            call,
        }
    }
}

fn non_empty_id(id: &str, call: Call) -> Result<&str, ApiError> {
    let id = id.trim();
    if id.is_empty() {
        Err(ApiError::MissingId(call))
    } else {
        Ok(id)
    }
}

/// The title as Medium will use it: at most [`MAX_TITLE_CHARS`] characters, cut at a word
/// boundary with an ellipsis. The full title still opens the content as its `<h1>`.
pub fn fit_title(title: &str) -> (String, Option<Warning>) {
    let title = limits::collapse_whitespace(title);
    if title.chars().count() <= MAX_TITLE_CHARS {
        return (title, None);
    }
    let short = limits::cut_at_word(&title, MAX_TITLE_CHARS);
    let warning = Warning::new(
        WarningCode::TitleShortened,
        format!(
            "Medium ignores titles over {MAX_TITLE_CHARS} characters, so the title sent for \
             search and listings is \"{short}\". The full title still heads the story; shorten \
             it in the popup if you prefer your own wording."
        ),
    );
    (short, Some(warning))
}

/// The tags worth sending: Medium reads only the first [`API_TAGS`] and ignores any longer
/// than [`MAX_TAG_CHARS`], so long ones are skipped (not cut, which would change their meaning)
/// and the rest is left for the user to add in Medium's story settings.
pub fn useful_tags(tags: &[String]) -> (Vec<String>, Vec<Warning>) {
    let FittedTags {
        kept,
        too_long,
        over_limit,
    } = limits::fit_tags(tags, API_TAGS);
    let mut warnings = Vec::new();
    if !too_long.is_empty() {
        warnings.push(Warning::new(
            WarningCode::TagTooLong,
            format!(
                "Medium ignores tags over {MAX_TAG_CHARS} characters, so these were not sent: \
                 {}. Shorten them in the popup, or pick shorter tags on Medium.",
                quoted(&too_long)
            ),
        ));
    }
    if !over_limit.is_empty() {
        warnings.push(Warning::new(
            WarningCode::TagsNotSent,
            format!(
                "Medium's API uses only the first {API_TAGS} tags, so these were not sent: \
                 {}. Add them on Medium when you publish (up to {MAX_TAGS} tags).",
                quoted(&over_limit)
            ),
        ));
    }
    (kept, warnings)
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn api() -> MediumApi {
        MediumApi::new("s3cr3t-token-value").unwrap()
    }

    fn draft() -> Draft {
        Draft {
            title: Some("Why I left the cloud".into()),
            subtitle: Some("A year of running my own servers".into()),
            author: Some("Ada".into()),
            published: None,
            canonical_url: Some("https://blog.example/2024/left-the-cloud/".into()),
            site_name: Some("Ada's blog".into()),
            lead_image: None,
            language: Some("en".into()),
            tags: vec!["Self Hosting".into(), "Cloud".into(), "DevOps".into()],
            body_html: "<p>It started with a bill.</p>".into(),
            content_html: "<h1>Why I left the cloud</h1><h2>A year of running my own servers</h2>\
                           <p>It started with a bill.</p>"
                .into(),
            content_markdown: String::new(),
            backlinks: vec![],
            warnings: vec![],
        }
    }

    fn body(request: &ApiRequest) -> Value {
        serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn me_is_a_get_with_the_documented_headers_and_no_body() {
        let request = api().me();
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.url, "https://api.medium.com/v1/me");
        assert_eq!(
            request.header("authorization"),
            Some("Bearer s3cr3t-token-value")
        );
        assert_eq!(request.header("Accept"), Some("application/json"));
        assert_eq!(request.header("Accept-Charset"), Some("utf-8"));
        assert_eq!(request.header("Content-Type"), None);
        assert_eq!(request.body, None);
        assert_eq!(request.call, Call::Me);
    }

    #[test]
    fn publications_and_contributors_put_the_id_in_one_encoded_segment() {
        let request = api()
            .publications("5303d74c64f66366f00cb9b2a94f3251bf5")
            .unwrap();
        assert_eq!(
            request.url,
            "https://api.medium.com/v1/users/5303d74c64f66366f00cb9b2a94f3251bf5/publications"
        );
        let hostile = api().publications("../../me?x=").unwrap();
        assert_eq!(
            hostile.url,
            "https://api.medium.com/v1/users/..%2F..%2Fme%3Fx=/publications"
        );
        let contributors = api().contributors("b45573563f5a").unwrap();
        assert_eq!(
            contributors.url,
            "https://api.medium.com/v1/publications/b45573563f5a/contributors"
        );
        assert_eq!(
            api().publications("  ").unwrap_err(),
            ApiError::MissingId(Call::Publications)
        );
    }

    #[test]
    fn create_post_sends_the_documented_json_body() {
        let prepared = api()
            .create_post(
                &PostTarget::Profile {
                    user_id: "u123".into(),
                },
                &draft(),
                &PostSettings::default(),
            )
            .unwrap();
        let request = &prepared.request;
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.medium.com/v1/users/u123/posts");
        assert_eq!(request.header("Content-Type"), Some("application/json"));
        assert_eq!(
            body(request),
            json!({
                "title": "Why I left the cloud",
                "contentFormat": "html",
                "content": draft().content_html,
                "canonicalUrl": "https://blog.example/2024/left-the-cloud/",
                "tags": ["Self Hosting", "Cloud", "DevOps"],
                "publishStatus": "draft",
                "notifyFollowers": false
            })
        );
        assert!(prepared.warnings.is_empty(), "{:?}", prepared.warnings);
    }

    #[test]
    fn publication_posts_carry_status_license_and_notification() {
        let settings = PostSettings {
            publish_status: PublishStatus::Public,
            license: Some(License::Cc40BySa),
            notify_followers: true,
        };
        let prepared = api()
            .with_base_url("http://127.0.0.1:8080/v1")
            .unwrap()
            .create_post(
                &PostTarget::Publication {
                    publication_id: "b969ac62a46b".into(),
                },
                &draft(),
                &settings,
            )
            .unwrap();
        assert_eq!(
            prepared.request.url,
            "http://127.0.0.1:8080/v1/publications/b969ac62a46b/posts"
        );
        let sent = body(&prepared.request);
        assert_eq!(sent["publishStatus"], "public");
        assert_eq!(sent["license"], "cc-40-by-sa");
        assert_eq!(sent["notifyFollowers"], true);
    }

    #[test]
    fn settings_read_from_the_options_page_json() {
        let settings: PostSettings = serde_json::from_value(json!({
            "publish_status": "unlisted", "license": "public-domain", "notify_followers": true
        }))
        .unwrap();
        assert_eq!(settings.publish_status, PublishStatus::Unlisted);
        assert_eq!(settings.license, Some(License::PublicDomain));
        let defaults: PostSettings = serde_json::from_value(json!({})).unwrap();
        assert_eq!(defaults.publish_status, PublishStatus::Draft);
        assert_eq!(defaults.license, None);
        assert!(serde_json::from_value::<PostSettings>(json!({"license": "cc-by"})).is_err());
    }

    #[test]
    fn every_licence_medium_documents_reads_and_writes_back_unchanged() {
        for name in [
            "all-rights-reserved",
            "cc-40-by",
            "cc-40-by-sa",
            "cc-40-by-nd",
            "cc-40-by-nc",
            "cc-40-by-nc-nd",
            "cc-40-by-nc-sa",
            "cc-40-zero",
            "public-domain",
        ] {
            let license: License = serde_json::from_value(json!(name)).unwrap();
            assert_eq!(serde_json::to_value(license).unwrap(), json!(name));
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word_with_an_ellipsis_and_a_warning() {
        let long = "How we migrated forty-two microservices from a managed Kubernetes cluster \
                    to three boring virtual machines and saved money";
        let (title, warning) = fit_title(long);
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert_eq!(
            title,
            "How we migrated forty-two microservices from a managed Kubernetes cluster to three \
             boring virtual…"
        );
        let warning = warning.unwrap();
        assert_eq!(warning.code, WarningCode::TitleShortened);
        assert!(warning.message.contains(&title));

        let exactly = "x".repeat(MAX_TITLE_CHARS);
        assert_eq!(fit_title(&exactly), (exactly.clone(), None));
        // One unbroken word (or a script without spaces) is cut at the limit, never past it.
        let (cut, _) = fit_title(&"長".repeat(150));
        assert_eq!(cut.chars().count(), MAX_TITLE_CHARS);
        // Runs of whitespace from the page do not count against the limit.
        assert_eq!(fit_title("  A \n title  ").0, "A title");
    }

    #[test]
    fn the_api_title_is_shortened_but_the_content_keeps_the_full_one() {
        let mut long = draft();
        long.title = Some("word ".repeat(30));
        let prepared = api()
            .create_post(
                &PostTarget::Profile {
                    user_id: "u".into(),
                },
                &long,
                &PostSettings::default(),
            )
            .unwrap();
        let sent = body(&prepared.request);
        assert!(sent["title"].as_str().unwrap().chars().count() <= MAX_TITLE_CHARS);
        assert_eq!(sent["content"], long.content_html);
        assert_eq!(prepared.warnings[0].code, WarningCode::TitleShortened);
    }

    #[test]
    fn only_tags_medium_reads_are_sent_and_the_rest_is_reported() {
        let tags: Vec<String> = [
            "Rust",
            "rust",
            "A tag that is far too long for Medium",
            "WebAssembly",
            "",
            "Browser   Extensions",
            "Medium",
            "Blogging",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let (sent, warnings) = useful_tags(&tags);
        assert_eq!(sent, vec!["Rust", "WebAssembly", "Browser Extensions"]);
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].code, WarningCode::TagTooLong);
        assert!(warnings[0]
            .message
            .contains("\"A tag that is far too long for Medium\""));
        assert_eq!(warnings[1].code, WarningCode::TagsNotSent);
        assert!(warnings[1].message.contains("\"Medium\", \"Blogging\""));
        let exactly: String = "t".repeat(MAX_TAG_CHARS);
        assert_eq!(useful_tags(std::slice::from_ref(&exactly)).0, vec![exactly]);
    }

    #[test]
    fn a_draft_without_title_or_text_is_refused_before_sending() {
        let target = PostTarget::Profile {
            user_id: "u".into(),
        };
        let mut untitled = draft();
        untitled.title = Some("   ".into());
        let error = api()
            .create_post(&target, &untitled, &PostSettings::default())
            .unwrap_err();
        assert!(error.to_string().contains("no title"));
        let mut empty = draft();
        empty.content_html = "<h1> </h1><p></p>".into();
        let error = api()
            .create_post(&target, &empty, &PostSettings::default())
            .unwrap_err();
        assert!(error.to_string().contains("no text"));
        let error = api()
            .create_post(
                &PostTarget::Profile { user_id: "".into() },
                &draft(),
                &PostSettings::default(),
            )
            .unwrap_err();
        assert_eq!(error, ApiError::MissingId(Call::CreatePost));
    }

    #[test]
    fn a_bad_canonical_is_left_out_and_reported() {
        let mut odd = draft();
        odd.canonical_url = Some("javascript:alert(1)".into());
        let prepared = api()
            .create_post(
                &PostTarget::Profile {
                    user_id: "u".into(),
                },
                &odd,
                &PostSettings::default(),
            )
            .unwrap();
        assert!(body(&prepared.request).get("canonicalUrl").is_none());
        assert_eq!(prepared.warnings[0].code, WarningCode::NoCanonical);
    }

    #[test]
    fn notifying_followers_of_a_draft_is_flagged() {
        let settings = PostSettings {
            notify_followers: true,
            ..PostSettings::default()
        };
        let prepared = api()
            .create_post(
                &PostTarget::Profile {
                    user_id: "u".into(),
                },
                &draft(),
                &settings,
            )
            .unwrap();
        assert!(prepared
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::NotifyNeedsPublic));
    }

    #[test]
    fn request_debug_and_json_for_js_keep_the_shape_but_debug_hides_the_token() {
        let request = api().me();
        let shown = format!("{request:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("Bearer <redacted>"));
        let for_js = serde_json::to_value(&request).unwrap();
        assert_eq!(for_js["method"], "GET");
        assert_eq!(
            for_js["headers"][0],
            json!(["Authorization", "Bearer s3cr3t-token-value"])
        );
        assert_eq!(for_js["call"], "me");
        assert_eq!(for_js["body"], Value::Null);
    }
}
