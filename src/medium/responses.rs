//! Reading Medium's answers: a status and a body in, a typed result or an [`ApiError`] out.
//! Success bodies are `{"data": …}`; failures `{"errors": [{"message", "code"}]}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::error::{ApiError, Call, MediumMessage};

/// What the transport saw: the HTTP status, the body as text and the `Retry-After` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text (JSON when Medium answers as documented).
    #[serde(default)]
    pub body: String,
    /// The `Retry-After` header, when there is one.
    #[serde(default)]
    pub retry_after: Option<String>,
}

impl ApiResponse {
    /// A response without a `Retry-After` header.
    pub fn new(status: u16, body: impl Into<String>) -> ApiResponse {
        ApiResponse {
            status,
            body: body.into(),
            retry_after: None,
        }
    }
}

/// The Medium account behind the token (`GET /me`). Stored as `medium_user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct User {
    /// The user id posts are created under.
    pub id: String,
    /// The @handle.
    #[serde(default)]
    pub username: String,
    /// The display name, shown in Options.
    #[serde(default)]
    pub name: String,
    /// The profile page.
    #[serde(default)]
    pub url: String,
    /// The avatar.
    #[serde(default, alias = "image_url")]
    pub image_url: Option<String>,
}

/// A publication the user is related to (`GET /users/{id}/publications`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct Publication {
    /// The id posts to this publication go to.
    #[serde(default)]
    pub id: String,
    /// Its name, shown in Options.
    #[serde(default)]
    pub name: String,
    /// Its short description.
    #[serde(default)]
    pub description: String,
    /// Its page on Medium.
    #[serde(default)]
    pub url: String,
    /// Its logo.
    #[serde(default, alias = "image_url")]
    pub image_url: Option<String>,
}

/// Someone allowed to post in a publication, and how (`editor` or `writer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct Contributor {
    /// The publication.
    #[serde(alias = "publication_id")]
    pub publication_id: String,
    /// The user.
    #[serde(alias = "user_id")]
    pub user_id: String,
    /// `editor` (may publish) or `writer` (drafts only).
    pub role: String,
}

/// The post Medium created (`201` from `POST …/posts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct CreatedPost {
    /// The post's id on Medium.
    pub id: String,
    /// Where the post (or draft) lives on Medium: what the popup shows and opens.
    pub url: String,
    /// The title Medium stored.
    #[serde(default)]
    pub title: String,
    /// The author it was created under.
    #[serde(default, alias = "author_id")]
    pub author_id: String,
    /// The tags Medium kept.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The canonical link Medium stored.
    #[serde(default, alias = "canonical_url")]
    pub canonical_url: Option<String>,
    /// `draft`, `public` or `unlisted`.
    #[serde(default, alias = "publish_status")]
    pub publish_status: String,
    /// Milliseconds since the epoch; absent for drafts.
    #[serde(default, alias = "published_at")]
    pub published_at: Option<u64>,
    /// The licence Medium stored.
    #[serde(default)]
    pub license: String,
    /// The licence's page.
    #[serde(default, alias = "license_url")]
    pub license_url: Option<String>,
    /// The publication it went to, if any.
    #[serde(default, alias = "publication_id")]
    pub publication_id: Option<String>,
}

#[derive(Deserialize)]
struct DataEnvelope<T> {
    data: T,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    errors: Vec<RawMessage>,
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<i64>,
}

/// Parses the answer to `GET /me`.
pub fn parse_me(response: &ApiResponse) -> Result<User, ApiError> {
    let user: User = parse_data(response, Call::Me)?;
    non_empty(user, |u| !u.id.is_empty(), response, Call::Me)
}

/// Parses the answer to `GET /users/{id}/publications`; entries without an id are skipped.
pub fn parse_publications(response: &ApiResponse) -> Result<Vec<Publication>, ApiError> {
    let publications: Vec<Publication> = parse_data(response, Call::Publications)?;
    Ok(publications
        .into_iter()
        .filter(|p| !p.id.is_empty())
        .collect())
}

/// Parses the answer to `GET /publications/{id}/contributors`.
pub fn parse_contributors(response: &ApiResponse) -> Result<Vec<Contributor>, ApiError> {
    parse_data(response, Call::Contributors)
}

/// Parses the answer to `POST …/posts`: `201 Created` with the new post.
pub fn parse_create_post(response: &ApiResponse) -> Result<CreatedPost, ApiError> {
    let post: CreatedPost = parse_data(response, Call::CreatePost)?;
    non_empty(
        post,
        |p| !p.id.is_empty() && crate::urls::parse_http(&p.url).is_some(),
        response,
        Call::CreatePost,
    )
}

/// Any parsed answer, as JavaScript receives it (the bare user, list or post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Parsed {
    /// The answer to `GET /me`.
    User(User),
    /// The answer to `GET /users/{id}/publications`.
    Publications(Vec<Publication>),
    /// The answer to `GET /publications/{id}/contributors`.
    Contributors(Vec<Contributor>),
    /// The answer to `POST …/posts`.
    CreatedPost(CreatedPost),
}

/// Parses the answer to any call, by the call the request was built for (`ApiRequest::call`),
/// so the shell has one function to call whatever it sent.
pub fn parse_for(call: Call, response: &ApiResponse) -> Result<Parsed, ApiError> {
    Ok(match call {
        Call::Me => Parsed::User(parse_me(response)?),
        Call::Publications => Parsed::Publications(parse_publications(response)?),
        Call::Contributors => Parsed::Contributors(parse_contributors(response)?),
        Call::CreatePost => Parsed::CreatedPost(parse_create_post(response)?),
    })
}

fn non_empty<T>(
    value: T,
    complete: impl Fn(&T) -> bool,
    response: &ApiResponse,
    call: Call,
) -> Result<T, ApiError> {
    if complete(&value) {
        Ok(value)
    } else {
        Err(ApiError::MalformedResponse {
            call,
            status: response.status,
        })
    }
}

/// The shared path: a documented success status with a `{"data": …}` body, or an error.
fn parse_data<T: DeserializeOwned>(response: &ApiResponse, call: Call) -> Result<T, ApiError> {
    let status = response.status;
    // Medium documents 201 for creation and 200 for reads; any 2xx with a data body is taken
    // rather than report a created post as failed.
    if (200..300).contains(&status) {
        return serde_json::from_str::<DataEnvelope<T>>(&response.body)
            .map(|envelope| envelope.data)
            .map_err(|_| ApiError::MalformedResponse { call, status });
    }
    Err(match status {
        400 => ApiError::BadRequest(error_messages(&response.body)),
        401 => ApiError::Unauthorized(call, error_messages(&response.body)),
        403 => ApiError::Forbidden(call, error_messages(&response.body)),
        404 => ApiError::NotFound(call),
        429 => ApiError::RateLimited {
            retry_after_seconds: response
                .retry_after
                .as_deref()
                .and_then(retry_after_seconds),
        },
        500..=599 => ApiError::ServerError { status },
        _ => ApiError::UnexpectedStatus { call, status },
    })
}

/// Medium's reasons from an error body; an unreadable body gives none (the status still speaks).
fn error_messages(body: &str) -> Vec<MediumMessage> {
    let Ok(envelope) = serde_json::from_str::<ErrorEnvelope>(body) else {
        return Vec::new();
    };
    envelope
        .errors
        .into_iter()
        .take(3)
        .map(|raw| MediumMessage {
            message: clean_message(raw.message.as_deref().unwrap_or("")),
            code: raw.code,
        })
        .collect()
}

/// Medium's message made safe to show: one line, at most 200 characters, and any long run of
/// letters and digits (what a token looks like, should a server ever echo one) replaced.
fn clean_message(message: &str) -> String {
    let words: Vec<String> = message
        .split_whitespace()
        .map(|word| {
            let longest_run = word
                .split(|c: char| !c.is_ascii_alphanumeric())
                .map(str::len)
                .max()
                .unwrap_or(0);
            if longest_run >= 24 {
                "[hidden]".to_string()
            } else {
                word.to_string()
            }
        })
        .collect();
    let line = words.join(" ");
    if line.chars().count() > 200 {
        let cut: String = line.chars().take(199).collect();
        format!("{cut}…")
    } else {
        line
    }
}

/// `Retry-After` in seconds: either a number of seconds or an HTTP date. A date cannot be
/// compared with "now" here (no clock in the core), so it gives `None` and the generic advice.
pub fn retry_after_seconds(value: &str) -> Option<u64> {
    value.trim().parse::<u64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::medium::error::TransportFailure;

    #[test]
    fn me_reads_the_data_envelope() {
        let body = r#"{"data":{"id":"5303d74c64f66366f00cb9b2a94f3251bf5","username":"majelbstoat",
            "name":"Jamie Talbot","url":"https://medium.com/@majelbstoat",
            "imageUrl":"https://images.medium.com/0*fkfQiTzT7TlUGGyI.png"}}"#;
        let user = parse_me(&ApiResponse::new(200, body)).unwrap();
        assert_eq!(
            user,
            User {
                id: "5303d74c64f66366f00cb9b2a94f3251bf5".into(),
                username: "majelbstoat".into(),
                name: "Jamie Talbot".into(),
                url: "https://medium.com/@majelbstoat".into(),
                image_url: Some("https://images.medium.com/0*fkfQiTzT7TlUGGyI.png".into()),
            }
        );
        // What JavaScript gets (and stores as `medium_user`) is snake_case.
        let for_js = serde_json::to_value(&user).unwrap();
        assert_eq!(
            for_js["image_url"],
            "https://images.medium.com/0*fkfQiTzT7TlUGGyI.png"
        );
        // …and reads back from storage.
        let back: User = serde_json::from_value(for_js).unwrap();
        assert_eq!(back, user);
    }

    #[test]
    fn me_without_an_id_is_malformed() {
        let error = parse_me(&ApiResponse::new(200, r#"{"data":{"id":""}}"#)).unwrap_err();
        assert_eq!(
            error,
            ApiError::MalformedResponse {
                call: Call::Me,
                status: 200
            }
        );
    }

    #[test]
    fn publications_read_the_list_and_skip_entries_without_id() {
        let body = r#"{"data":[
            {"id":"b969ac62a46b","name":"About Medium","description":"What is this thing and how does it work?",
             "url":"https://medium.com/about","imageUrl":"https://cdn-images-1.medium.com/fit/c/200/200/0*ae1jbP_od0W6EulE.jpeg"},
            {"id":"b45573563f5a","name":"Developers","description":"Medium's Developer resources",
             "url":"https://medium.com/developers","imageUrl":"https://cdn-images-1.medium.com/fit/c/200/200/1*ccokMT4VXmDDO1EoQQHkzg@2x.png"},
            {"name":"broken"}]}"#;
        let publications = parse_publications(&ApiResponse::new(200, body)).unwrap();
        assert_eq!(publications.len(), 2);
        assert_eq!(publications[1].id, "b45573563f5a");
        assert_eq!(publications[1].name, "Developers");
        assert!(parse_publications(&ApiResponse::new(200, r#"{"data":[]}"#))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn contributors_read_roles() {
        let body = r#"{"data":[
            {"publicationId":"b45573563f5a","userId":"13a06af8f81849c64dafbce822cbafbfab7ed7cecf82135bca946807ea351290d","role":"editor"},
            {"publicationId":"b45573563f5a","userId":"1c9c63b15b874d3e354340b7d7458d55e1dda0f6470074df1cc99608a372866ac","role":"writer"}]}"#;
        let contributors = parse_contributors(&ApiResponse::new(200, body)).unwrap();
        assert_eq!(contributors.len(), 2);
        assert_eq!(contributors[0].role, "editor");
        assert_eq!(contributors[1].role, "writer");
        assert_eq!(contributors[1].publication_id, "b45573563f5a");
    }

    #[test]
    fn created_post_reads_201_with_and_without_published_at() {
        let draft = r#"{"data":{"id":"e6f36a","title":"Liverpool FC","authorId":"5303d74c64f66366f00cb9b2a94f3251bf5",
            "tags":["football","sport","Liverpool"],"url":"https://medium.com/@majelbstoat/liverpool-fc-e6f36a",
            "canonicalUrl":"http://jamietalbot.com/posts/liverpool-fc","publishStatus":"draft",
            "license":"all-rights-reserved","licenseUrl":"https://medium.com/policy/9db0094a1e0f"}}"#;
        let post = parse_create_post(&ApiResponse::new(201, draft)).unwrap();
        assert_eq!(
            post.url,
            "https://medium.com/@majelbstoat/liverpool-fc-e6f36a"
        );
        assert_eq!(post.publish_status, "draft");
        assert_eq!(post.published_at, None);
        assert_eq!(post.tags, vec!["football", "sport", "Liverpool"]);
        assert_eq!(post.publication_id, None);

        let public = r#"{"data":{"id":"55050649c95","title":"Hard things","authorId":"u",
            "tags":[],"url":"https://medium.com/programming/hard-things-55050649c95",
            "canonicalUrl":"https://blog.example/hard","publishStatus":"public",
            "publishedAt":1442286338435,"license":"cc-40-by","licenseUrl":"https://x",
            "publicationId":"b45573563f5a"}}"#;
        let post = parse_create_post(&ApiResponse::new(201, public)).unwrap();
        assert_eq!(post.published_at, Some(1_442_286_338_435));
        assert_eq!(post.publication_id.as_deref(), Some("b45573563f5a"));
        assert_eq!(post.license, "cc-40-by");
    }

    #[test]
    fn a_created_post_without_a_url_may_exist_and_says_so() {
        let error = parse_create_post(&ApiResponse::new(201, r#"{"data":{"id":"x","url":""}}"#))
            .unwrap_err();
        assert!(error.may_have_posted());
        let error = parse_create_post(&ApiResponse::new(201, "<html>oops</html>")).unwrap_err();
        assert!(error.may_have_posted());
        assert!(error.to_string().contains("before you Retry"));
    }

    #[test]
    fn error_bodies_become_errors_with_medium_s_reasons() {
        let invalid = r#"{"errors":[{"message":"Token was invalid.","code":6003}]}"#;
        let error = parse_me(&ApiResponse::new(401, invalid)).unwrap_err();
        assert_eq!(
            error,
            ApiError::Unauthorized(
                Call::Me,
                vec![MediumMessage {
                    message: "Token was invalid.".into(),
                    code: Some(6003)
                }]
            )
        );
        let missing = r#"{"errors":[{"message":"An access token is required.","code":6000}]}"#;
        assert!(matches!(
            parse_me(&ApiResponse::new(401, missing)).unwrap_err(),
            ApiError::Unauthorized(Call::Me, m) if m[0].code == Some(6000)
        ));
        let bad = r#"{"errors":[{"message":"Missing title.","code":2004},{"message":"Invalid contentFormat."}]}"#;
        let error = parse_create_post(&ApiResponse::new(400, bad)).unwrap_err();
        assert_eq!(error.code(), "bad-request");
        assert!(error
            .to_string()
            .contains("\"Missing title.\"; \"Invalid contentFormat.\""));
        let forbidden =
            r#"{"errors":[{"message":"User does not have permission to publish.","code":6027}]}"#;
        let error = parse_create_post(&ApiResponse::new(403, forbidden)).unwrap_err();
        assert!(matches!(error, ApiError::Forbidden(Call::CreatePost, _)));
        assert!(error.to_string().contains("writer may only create drafts"));
    }

    #[test]
    fn error_statuses_without_a_readable_body_still_map() {
        let cases: [(u16, &str); 6] = [
            (400, "bad-request"),
            (401, "unauthorized"),
            (403, "forbidden"),
            (404, "not-found"),
            (429, "rate-limited"),
            (302, "unexpected-status"),
        ];
        for (status, code) in cases {
            for body in ["", "<html>Bad Gateway</html>", "{\"errors\":\"nope\"}"] {
                let error = parse_create_post(&ApiResponse::new(status, body)).unwrap_err();
                assert_eq!(error.code(), code, "{status} {body}");
            }
        }
        for status in [500, 502, 503, 504] {
            let error = parse_me(&ApiResponse::new(status, "upstream")).unwrap_err();
            assert_eq!(error, ApiError::ServerError { status });
            assert!(error.retryable());
            assert!(error.to_string().contains(&format!("HTTP {status}")));
        }
    }

    #[test]
    fn rate_limits_read_retry_after_seconds() {
        let mut response = ApiResponse::new(429, "");
        response.retry_after = Some(" 120 ".into());
        let error = parse_create_post(&response).unwrap_err();
        assert_eq!(
            error,
            ApiError::RateLimited {
                retry_after_seconds: Some(120)
            }
        );
        assert_eq!(error.report().retry_after_seconds, Some(120));
        response.retry_after = Some("Wed, 21 Oct 2015 07:28:00 GMT".into());
        assert_eq!(
            parse_create_post(&response).unwrap_err(),
            ApiError::RateLimited {
                retry_after_seconds: None
            }
        );
    }

    #[test]
    fn malformed_success_bodies_are_errors_not_panics() {
        for body in [
            "",
            "null",
            "{}",
            "{\"data\":null}",
            "{\"data\":[]}",
            "{\"data\":{\"id\":42}}",
            "\u{0}\u{ffff}",
            &"[".repeat(100_000),
        ] {
            assert_eq!(
                parse_me(&ApiResponse::new(200, body)).unwrap_err().code(),
                "malformed-response",
                "{body:.20}"
            );
        }
        assert_eq!(
            parse_publications(&ApiResponse::new(200, "{\"data\":{}}"))
                .unwrap_err()
                .code(),
            "malformed-response"
        );
    }

    #[test]
    fn a_token_echoed_by_a_server_never_reaches_the_message() {
        let token = "181d415f34379af07b2c11d144dfbe35d";
        let body =
            format!(r#"{{"errors":[{{"message":"Token {token} was invalid.","code":6003}}]}}"#);
        let error = parse_me(&ApiResponse::new(401, body)).unwrap_err();
        let shown = format!("{error} {error:?} {:?}", error.report());
        assert!(!shown.contains(token), "{shown}");
        assert!(shown.contains("Token [hidden] was invalid."));
    }

    #[test]
    fn overlong_messages_are_shortened() {
        let body = format!(r#"{{"errors":[{{"message":"{}"}}]}}"#, "word ".repeat(200));
        let error = parse_me(&ApiResponse::new(400, body)).unwrap_err();
        let ApiError::BadRequest(messages) = error else {
            panic!("expected bad request")
        };
        assert!(messages[0].message.chars().count() <= 200);
    }

    #[test]
    fn parse_for_dispatches_on_the_call_the_request_was_built_for() {
        let value = parse_for(
            Call::Me,
            &ApiResponse::new(200, r#"{"data":{"id":"u1","name":"Ada"}}"#),
        )
        .unwrap();
        let value = serde_json::to_value(value).unwrap();
        assert_eq!(value["id"], "u1");
        assert_eq!(value["name"], "Ada");
        let error = parse_for(Call::CreatePost, &ApiResponse::new(200, "{}")).unwrap_err();
        assert!(error.may_have_posted());
    }

    #[test]
    fn transport_failures_have_their_own_codes() {
        assert_eq!(
            ApiError::transport(Call::CreatePost, TransportFailure::Network).code(),
            "network"
        );
        let failure: TransportFailure =
            serde_json::from_str(r#"{"kind":"timeout","seconds":30}"#).unwrap();
        assert_eq!(failure, TransportFailure::Timeout { seconds: 30 });
    }
}
