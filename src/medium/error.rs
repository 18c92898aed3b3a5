//! Everything that can go wrong between the extension and Medium, each with a message that says
//! what happened and what to do. No message ever contains the token.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which API call failed: the same status means different things for different calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Call {
    /// `GET /me`: checking the token.
    Me,
    /// `GET /users/{id}/publications`.
    Publications,
    /// `GET /publications/{id}/contributors`.
    Contributors,
    /// `POST …/posts`: the one call that changes something on Medium.
    CreatePost,
}

/// One entry of Medium's `{"errors": [{"message", "code"}]}` body, with anything that looks like
/// a secret removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediumMessage {
    /// Medium's message.
    pub message: String,
    /// Medium's numeric error code, when it gives one.
    pub code: Option<i64>,
}

/// The two ways a request fails before Medium answers, as seen by the transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TransportFailure {
    /// fetch rejected: offline, DNS, TLS, connection refused.
    Network,
    /// No answer within the extension's time limit.
    Timeout {
        /// The time limit that passed.
        seconds: u32,
    },
}

/// Why a call to Medium did not give the expected result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No token saved.
    TokenMissing,
    /// The saved token has spaces or characters no Medium token has.
    TokenMalformed,
    /// The API base URL is not https (or http to this machine); only the test build sets it.
    BadBaseUrl,
    /// The draft lacks something Medium requires (title, content).
    InvalidDraft(&'static str),
    /// A user or publication id is missing: the token was not checked yet.
    MissingId(Call),
    /// 400: Medium found a field invalid or missing.
    BadRequest(Vec<MediumMessage>),
    /// 401: the token is invalid or revoked. The call tells Options (checking a token) from a
    /// post that failed (where the draft is kept).
    Unauthorized(Call, Vec<MediumMessage>),
    /// 403: the account may not do this (publication rights, wrong author id).
    Forbidden(Call, Vec<MediumMessage>),
    /// 404: the user, publication or endpoint does not exist.
    NotFound(Call),
    /// 429: too many requests; Medium may say when to come back (seconds).
    RateLimited {
        /// How long Medium asked to wait, when it said.
        retry_after_seconds: Option<u64>,
    },
    /// 5xx: Medium's side failed.
    ServerError {
        /// The 5xx status.
        status: u16,
    },
    /// Any other status we do not expect from this call.
    UnexpectedStatus {
        /// The call that got it.
        call: Call,
        /// The status.
        status: u16,
    },
    /// The status was right but the body is not what the API documents.
    MalformedResponse {
        /// The call that got it.
        call: Call,
        /// The status, which was the expected one.
        status: u16,
    },
    /// The request never got an answer.
    Transport {
        /// The call that was sent.
        call: Call,
        /// How it failed.
        failure: TransportFailure,
    },
}

impl ApiError {
    /// The error for a failed fetch, so the shell needs no wording of its own.
    pub fn transport(call: Call, failure: TransportFailure) -> ApiError {
        ApiError::Transport { call, failure }
    }

    /// A short stable code for programs (tests, the popup's styling).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::TokenMissing => "token-missing",
            ApiError::TokenMalformed => "token-malformed",
            ApiError::BadBaseUrl => "bad-base-url",
            ApiError::InvalidDraft(_) => "invalid-draft",
            ApiError::MissingId(_) => "missing-id",
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized(..) => "unauthorized",
            ApiError::Forbidden(..) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::RateLimited { .. } => "rate-limited",
            ApiError::ServerError { .. } => "server-error",
            ApiError::UnexpectedStatus { .. } => "unexpected-status",
            ApiError::MalformedResponse { .. } => "malformed-response",
            ApiError::Transport {
                failure: TransportFailure::Network,
                ..
            } => "network",
            ApiError::Transport {
                failure: TransportFailure::Timeout { .. },
                ..
            } => "timeout",
        }
    }

    /// Whether trying the same thing again later can work (the popup shows Retry).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::ServerError { .. }
                | ApiError::UnexpectedStatus { .. }
                | ApiError::MalformedResponse { .. }
                | ApiError::Transport { .. }
        )
    }

    /// Whether Medium may have created the post although we saw no success: the user should
    /// look at their Medium drafts before retrying, or they get the story twice.
    pub fn may_have_posted(&self) -> bool {
        match self {
            ApiError::Transport {
                call: Call::CreatePost,
                failure: TransportFailure::Timeout { .. },
            } => true,
            ApiError::MalformedResponse {
                call: Call::CreatePost,
                status,
            } => (200..300).contains(status),
            _ => false,
        }
    }

    /// The HTTP status Medium answered with, when it answered.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::BadRequest(_) => Some(400),
            ApiError::Unauthorized(..) => Some(401),
            ApiError::Forbidden(..) => Some(403),
            ApiError::NotFound(_) => Some(404),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::ServerError { status }
            | ApiError::UnexpectedStatus { status, .. }
            | ApiError::MalformedResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The plain-data form handed to JavaScript and stored with a failed draft.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_string(),
            message: self.to_string(),
            retryable: self.retryable(),
            may_have_posted: self.may_have_posted(),
            http_status: self.http_status(),
            retry_after_seconds: match self {
                ApiError::RateLimited {
                    retry_after_seconds,
                } => *retry_after_seconds,
                _ => None,
            },
            medium_codes: match self {
                ApiError::BadRequest(m)
                | ApiError::Unauthorized(_, m)
                | ApiError::Forbidden(_, m) => m.iter().filter_map(|m| m.code).collect(),
                _ => Vec::new(),
            },
        }
    }
}

/// An [`ApiError`] as data: what the popup shows and what a failed draft keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// Stable code (`unauthorized`, `timeout`…).
    pub code: String,
    /// What happened and what to do, for the user.
    pub message: String,
    /// Whether a Retry button makes sense.
    pub retryable: bool,
    /// Whether the post may exist on Medium already (check before retrying).
    pub may_have_posted: bool,
    /// The HTTP status Medium answered with, if it answered.
    pub http_status: Option<u16>,
    /// How long Medium asked to wait before the next try (429).
    pub retry_after_seconds: Option<u64>,
    /// Medium's own error codes (6003 = token invalid…), for bug reports.
    pub medium_codes: Vec<i64>,
}

/// "Medium said: …" when Medium gave reasons, else nothing.
fn medium_said(messages: &[MediumMessage]) -> String {
    let said: Vec<&str> = messages
        .iter()
        .map(|m| m.message.trim())
        .filter(|m| !m.is_empty())
        .collect();
    if said.is_empty() {
        String::new()
    } else {
        format!(" Medium said: \"{}\"", said.join("\"; \""))
    }
}

const KEPT: &str = "Your draft is kept.";

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::TokenMissing => write!(
                f,
                "No Medium integration token is saved. Paste yours in Options (Medium no longer \
                 issues new ones; if you have none, use 'Open in Medium')."
            ),
            ApiError::TokenMalformed => write!(
                f,
                "The saved Medium token contains spaces or characters a Medium token never has. \
                 Copy it again from where you keep it and paste it in Options."
            ),
            ApiError::BadBaseUrl => write!(
                f,
                "The Medium API address is not a secure https address, so the token was not \
                 sent. Reinstall the extension from the store."
            ),
            ApiError::InvalidDraft(what) => write!(f, "{what} {KEPT}"),
            ApiError::MissingId(Call::Contributors) => write!(
                f,
                "No publication is selected. Pick one in Options, or post to your profile."
            ),
            ApiError::MissingId(_) => write!(
                f,
                "Your Medium account is not known yet. Open Options and save your token again \
                 so the extension can look up your account."
            ),
            ApiError::BadRequest(messages) => write!(
                f,
                "Medium rejected the post as incomplete or invalid.{} Check the title, the \
                 content and the tags in the popup, then Retry. {KEPT}",
                medium_said(messages)
            ),
            ApiError::Unauthorized(Call::Me, messages) => write!(
                f,
                "Medium refused this token: it is invalid or revoked.{} Copy it again, whole, \
                 from where you keep it and save it here (Medium no longer issues new ones; if \
                 you have none, use 'Open in Medium').",
                medium_said(messages)
            ),
            ApiError::Unauthorized(_, messages) => write!(
                f,
                "Medium refused the token: it is invalid or revoked.{} Paste a valid \
                 integration token in Options (Medium no longer issues new ones; if you have \
                 none, use 'Open in Medium'). {KEPT}",
                medium_said(messages)
            ),
            ApiError::Forbidden(Call::CreatePost, messages) => write!(
                f,
                "Medium does not allow this account to post there.{} In a publication, a \
                 writer may only create drafts and someone who is neither writer nor editor \
                 may not post at all: set the status to Draft or choose your profile in \
                 Options, then Retry. {KEPT}",
                medium_said(messages)
            ),
            ApiError::Forbidden(_, messages) => write!(
                f,
                "Medium does not let this token see that account's data.{} Save your token \
                 again in Options so the extension uses your own account id.",
                medium_said(messages)
            ),
            ApiError::NotFound(Call::CreatePost) => write!(
                f,
                "Medium does not know the account or publication this post was addressed to. \
                 Save your token again in Options and re-pick the publication, then Retry. \
                 {KEPT}"
            ),
            ApiError::NotFound(_) => write!(
                f,
                "Medium does not know this account or publication. Save your token again in \
                 Options to refresh it."
            ),
            ApiError::RateLimited {
                retry_after_seconds: Some(seconds),
            } => write!(
                f,
                "Medium says too many requests were made; it asks to wait {}. Retry after \
                 that. {KEPT}",
                wait_text(*seconds)
            ),
            ApiError::RateLimited {
                retry_after_seconds: None,
            } => write!(
                f,
                "Medium says too many requests were made. Wait a few minutes, then Retry. \
                 {KEPT}"
            ),
            ApiError::ServerError { status } => write!(
                f,
                "Medium's server had a problem (HTTP {status}). Retry in a few minutes, or \
                 use 'Open in Medium'. {KEPT}"
            ),
            ApiError::UnexpectedStatus { status, .. } => write!(
                f,
                "Medium answered with an unexpected HTTP {status}. Retry in a few minutes, or \
                 use 'Open in Medium'. {KEPT}"
            ),
            ApiError::MalformedResponse {
                call: Call::CreatePost,
                status,
            } if (200..300).contains(status) => write!(
                f,
                "Medium accepted the request but its answer could not be read, so the post \
                 may exist. Look at your drafts on medium.com before you Retry, or you may get \
                 it twice. {KEPT}"
            ),
            ApiError::MalformedResponse { status, .. } => write!(
                f,
                "Medium's answer (HTTP {status}) could not be read. Retry in a few minutes, \
                 or use 'Open in Medium'. {KEPT}"
            ),
            ApiError::Transport {
                call: Call::CreatePost,
                failure: TransportFailure::Network,
            } => write!(
                f,
                "Could not reach Medium (no connection, or the network blocked it). Check \
                 your connection, then Retry. {KEPT}"
            ),
            ApiError::Transport {
                failure: TransportFailure::Network,
                ..
            } => write!(
                f,
                "Could not reach Medium (no connection, or the network blocked it). Check \
                 your connection, then try again."
            ),
            ApiError::Transport {
                call: Call::CreatePost,
                failure: TransportFailure::Timeout { seconds },
            } => write!(
                f,
                "Medium did not answer within {seconds} seconds. The post may or may not have \
                 been created: look at your drafts on medium.com before you Retry. {KEPT}"
            ),
            ApiError::Transport {
                failure: TransportFailure::Timeout { seconds },
                ..
            } => write!(
                f,
                "Medium did not answer within {seconds} seconds. Check your connection, then \
                 try again."
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// "30 seconds", "about 2 minutes", "about 3 hours".
fn wait_text(seconds: u64) -> String {
    match seconds {
        0..=1 => "a moment".to_string(),
        2..=90 => format!("{seconds} seconds"),
        91..=5400 => format!("about {} minutes", seconds.div_ceil(60)),
        _ => format!("about {} hours", seconds.div_ceil(3600)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unauthorized_says_what_to_do_and_quotes_medium() {
        let error = ApiError::Unauthorized(
            Call::CreatePost,
            vec![MediumMessage {
                message: "Token was invalid.".into(),
                code: Some(6003),
            }],
        );
        let text = error.to_string();
        assert!(text.starts_with("Medium refused the token: it is invalid or revoked."));
        assert!(text.contains("\"Token was invalid.\""));
        assert!(text.contains("Paste a valid integration token in Options"));
        assert!(text.contains("'Open in Medium'"));
        let report = error.report();
        assert_eq!(report.code, "unauthorized");
        assert_eq!(report.medium_codes, vec![6003]);
        assert_eq!(report.http_status, Some(401));
        assert!(!report.retryable);
    }

    #[test]
    fn checking_a_token_talks_about_the_token_not_a_draft() {
        let refused = ApiError::Unauthorized(
            Call::Me,
            vec![MediumMessage {
                message: "Token was invalid.".into(),
                code: Some(6003),
            }],
        );
        let offline = ApiError::transport(Call::Me, TransportFailure::Network);
        for error in [&refused, &offline] {
            let text = error.to_string();
            assert!(!text.contains("draft"), "{text}");
            assert!(!text.contains("Retry"), "{text}");
        }
        assert!(refused.to_string().starts_with("Medium refused this token"));
        assert!(refused.to_string().contains("\"Token was invalid.\""));
        let posting = ApiError::transport(Call::CreatePost, TransportFailure::Network);
        assert!(posting.to_string().contains("Your draft is kept."));
        assert_eq!(offline.code(), posting.code());
    }

    #[test]
    fn timeouts_on_create_warn_about_duplicates_but_not_on_reads() {
        let create =
            ApiError::transport(Call::CreatePost, TransportFailure::Timeout { seconds: 20 });
        assert!(create.may_have_posted());
        assert!(create.retryable());
        assert!(create.to_string().contains("within 20 seconds"));
        assert!(create.to_string().contains("before you Retry"));
        let me = ApiError::transport(Call::Me, TransportFailure::Timeout { seconds: 20 });
        assert!(!me.may_have_posted());
        assert!(!me.to_string().contains("drafts"));
    }

    #[test]
    fn rate_limit_wait_is_said_in_human_units() {
        let said = |s| {
            ApiError::RateLimited {
                retry_after_seconds: Some(s),
            }
            .to_string()
        };
        assert!(said(30).contains("wait 30 seconds"));
        assert!(said(120).contains("wait about 2 minutes"));
        assert!(said(7200).contains("wait about 2 hours"));
        assert!(ApiError::RateLimited {
            retry_after_seconds: None
        }
        .to_string()
        .contains("Wait a few minutes"));
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message_ending_in_a_sentence() {
        let all = [
            ApiError::TokenMissing,
            ApiError::TokenMalformed,
            ApiError::BadBaseUrl,
            ApiError::InvalidDraft("The draft has no title."),
            ApiError::MissingId(Call::Publications),
            ApiError::BadRequest(vec![]),
            ApiError::Unauthorized(Call::CreatePost, vec![]),
            ApiError::Forbidden(Call::CreatePost, vec![]),
            ApiError::NotFound(Call::CreatePost),
            ApiError::RateLimited {
                retry_after_seconds: None,
            },
            ApiError::ServerError { status: 503 },
            ApiError::UnexpectedStatus {
                call: Call::Me,
                status: 302,
            },
            ApiError::MalformedResponse {
                call: Call::Me,
                status: 200,
            },
            ApiError::transport(Call::CreatePost, TransportFailure::Network),
            ApiError::transport(Call::Me, TransportFailure::Timeout { seconds: 5 }),
        ];
        let mut codes: Vec<&str> = all.iter().map(ApiError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        for error in &all {
            let text = error.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(!text.contains("  "), "double space in: {text}");
        }
    }
}
